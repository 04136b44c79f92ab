#!/usr/bin/env python3
# scalp-micropigmentation: the dialog in a real GIMP under Xvfb.
#
#   test-dialog.py PLUGIN PROBE SYNTHETIC SHOT_DIR
#
# GIMP runs with its Script-Fu server on a loopback port, so that the test
# can drive it step by step while xdotool works the dialog.  Checks, in TAP:
# OK applies exactly what a non-interactive call with the same values does,
# whether or not the preview had placed the impressions first (OK then
# reuses that placement), the dialog remembers those values, Cancel
# changes nothing, one Ctrl+Z undoes the filter, and under LANGUAGE=de the
# dialog's title is German.
# Screenshots of the dialog go to SHOT_DIR.
#
# Copyright (C) 2026 The scalp-micropigmentation authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

PLUGIN, PROBE, SYNTHETIC, SHOT_DIR = sys.argv[1:5]
TITLE = {"C": "Scalp Micropigmentation", "de": "Kopfhaut-Mikropigmentierung"}

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok %d - %s" if ok else "not ok %d - %s") % (len(results), name))
    if detail:
        print("# " + detail)
    sys.stdout.flush()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_display():
    for n in range(90, 200):
        if not os.path.exists("/tmp/.X11-unix/X%d" % n) and not os.path.exists(
            "/tmp/.X%d-lock" % n
        ):
            return ":%d" % n
    raise RuntimeError("no free X display")


class Gimp:
    """A GIMP with a display, driven through its Script-Fu server."""

    def __init__(self, profile, display, language):
        self.port = free_port()
        env = dict(os.environ, GIMP2_DIRECTORY=profile, DISPLAY=display)
        if language != "C":
            env.update(LANGUAGE=language, LC_ALL="C.UTF-8")
        self.env = env
        server = '(plug-in-script-fu-server RUN-NONINTERACTIVE "127.0.0.1" %d "")' % self.port
        self.log = open(os.path.join(profile, "gimp.log"), "w")
        self.proc = subprocess.Popen(
            ["gimp-2.10", "--no-splash", "-d", "-f",
             "--batch-interpreter", "plug-in-script-fu-eval", "-b", server],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", self.port))
                break
            except OSError:
                if time.time() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("GIMP's Script-Fu server did not start")
                time.sleep(0.5)
        self.lock = threading.Lock()

    def eval(self, code):
        """Evaluates Scheme; returns (ok, text)."""
        data = code.encode()
        with self.lock:
            self.sock.sendall(b"G" + struct.pack(">H", len(data)) + data)
            head = self._read(4)
            length = struct.unpack(">H", head[2:4])[0]
            text = self._read(length).decode("utf-8", "replace")
        return head[1] == 0, text

    def _read(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise RuntimeError("GIMP closed the connection")
            buf += chunk
        return buf

    def value(self, code):
        ok, text = self.eval(code)
        if not ok:
            raise RuntimeError("%s -> %s" % (code, text))
        return text.strip()

    def quit(self):
        try:
            self.eval("(gimp-quit 0)")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def xdotool(env, *args, timeout=60):
    return subprocess.run(["xdotool", *args], env=env, capture_output=True,
                          text=True, timeout=timeout)


def find_window(env, title, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        out = xdotool(env, "search", "--onlyvisible", "--name", "^%s$" % title)
        ids = out.stdout.split()
        if ids:
            return ids[-1]
        time.sleep(0.5)
    return None


def geometry(env, window):
    out = xdotool(env, "getwindowgeometry", "--shell", window).stdout
    values = dict(line.split("=", 1) for line in out.split() if "=" in line)
    return int(values.get("WIDTH", 0)), int(values.get("HEIGHT", 0))


def type_density(env, window, value):
    """Triple-clicks the density field, as a user selects its text, types
    value and presses Enter, which applies like OK."""
    width, _ = geometry(env, window)
    xdotool(env, "mousemove", "--window", window, str(width - 58), "82",
            "click", "--repeat", "3", "1")
    time.sleep(0.5)
    xdotool(env, "type", "--delay", "80", value)
    xdotool(env, "key", "Return")


def press(env, window, *keys):
    xdotool(env, "windowfocus", "--sync", window)
    time.sleep(0.3)
    xdotool(env, "key", "--clearmodifiers", *keys)


def run_dialog(gimp, image, drawable, title, act, shot=None):
    """Opens the dialog through RUN-INTERACTIVE and acts on its window;
    returns (dialog found, what the call answered)."""
    answer = {}

    def call():
        answer["reply"] = gimp.eval(
            "(plug-in-scalp-micropigmentation RUN-INTERACTIVE %s %s 0 0 0 '(0 0 0)"
            " 0 0 0 0 0 0 0 0 0)" % (image, drawable))

    thread = threading.Thread(target=call)
    thread.start()
    window = find_window(gimp.env, title)
    if window:
        time.sleep(4)  # the preview renders after a short idle
        if shot:
            subprocess.run(["import", "-window", window, shot], env=gimp.env,
                           capture_output=True, timeout=60)
        act(gimp.env, window)
    thread.join(timeout=120)
    return window is not None, answer.get("reply")


def new_scalp(gimp, png):
    img = gimp.value('(car (file-png-load RUN-NONINTERACTIVE "%s" "scalp"))' % png)
    gimp.value("(gimp-image-set-resolution %s 203.2 203.2)" % img)  # 80 px/cm
    layer = gimp.value("(car (gimp-image-get-active-layer %s))" % img)
    gimp.value("(gimp-image-select-ellipse %s CHANNEL-OP-REPLACE 40 60 480 320)" % img)
    gimp.value("(gimp-display-new %s)" % img)
    gimp.value("(gimp-image-clean-all %s)" % img)
    return img, layer


def layers(gimp, img):
    text = gimp.value("(vector->list (cadr (gimp-image-get-layers %s)))" % img)
    return text.strip("()").split()


def diff(gimp, a, b):
    text = gimp.value("(smp-test-diff RUN-NONINTERACTIVE %s %s 0 0 0 0)" % (a, b))
    max_diff, n_diff = text.strip("()").split()
    return float(max_diff), int(n_diff)


def twin(gimp, img):
    dup = gimp.value("(car (gimp-image-duplicate %s))" % img)
    return dup, layers(gimp, dup)[-1]


def profile_with_plugins():
    profile = tempfile.mkdtemp(prefix="smp-gui-")
    for name, exe in (("scalp-micropigmentation", PLUGIN), ("smp-test-probe", PROBE)):
        folder = os.path.join(profile, "plug-ins", name)
        os.makedirs(folder)
        shutil.copy(exe, os.path.join(folder, name))
    for sub in ("gradients", "patterns", "brushes", "palettes"):
        os.makedirs(os.path.join(profile, sub))
    return profile


def dialog_in_english(display, png):
    profile = profile_with_plugins()
    gimp = Gimp(profile, display, "C")
    try:
        img, layer = new_scalp(gimp, png)
        pristine, pristine_layer = twin(gimp, img)

        # OK, after typing 120 into the density field the dialog starts in.
        found, reply = run_dialog(
            gimp, img, layer, TITLE["C"],
            lambda env, window: type_density(env, window, "120"),
            os.path.join(SHOT_DIR, "dialog.png"))
        check("the dialog opens with its title", found)
        check("OK applies", bool(reply) and reply[0], str(reply))

        ref, ref_layer = twin(gimp, pristine)
        expected = gimp.value(
            "(car (plug-in-scalp-micropigmentation RUN-NONINTERACTIVE %s %s 120"
            " 0.3 0.25 '(46 44 50) 80 0.35 0.15 6 0.5 3 0 1 1))" % (ref, ref_layer))
        got = layers(gimp, img)
        check("OK added one layer, as output 1 does", len(got) == 2)
        if len(got) == 2:
            d = diff(gimp, got[0], expected)
            check("OK's layer equals the non-interactive call's exactly",
                  d == (0.0, 0), "max %.3f levels, %d pixels differ" % d)
            check("the drawable itself is untouched",
                  diff(gimp, got[1], pristine_layer) == (0.0, 0))

        # The values are remembered: with last values gives the same again.
        again, again_layer = twin(gimp, pristine)
        last = gimp.value(
            "(car (plug-in-scalp-micropigmentation RUN-WITH-LAST-VALS %s %s 0 0 0"
            " '(0 0 0) 0 0 0 0 0 0 0 0 0))" % (again, again_layer))
        check("the dialog's values are remembered",
              diff(gimp, last, expected) == (0.0, 0))

        # OK once the preview has placed the impressions: the filter takes
        # the preview's placement instead of placing again, and must still
        # make exactly what the non-interactive call makes.
        before = layers(gimp, img)
        found, reply = run_dialog(
            gimp, img, layer, TITLE["C"],
            lambda env, window: press(env, window, "Return"))
        got = [l for l in layers(gimp, img) if l not in before]
        check("OK after the preview equals the non-interactive call exactly",
              found and bool(reply) and reply[0] and len(got) == 1
              and diff(gimp, got[0], expected) == (0.0, 0), str(reply))
        for extra in got:
            gimp.value("(gimp-image-remove-layer %s %s)" % (img, extra))

        # Cancel changes nothing.
        before = layers(gimp, img)
        found, reply = run_dialog(
            gimp, img, layer, TITLE["C"],
            lambda env, window: press(env, window, "Escape"))
        # Script-Fu answers a cancelled call with #f instead of a layer.
        check("Cancel closes the dialog and returns no layer",
              found and reply is not None and "(#f)" in reply[1], str(reply))
        check("Cancel changes nothing",
              layers(gimp, img) == before
              and diff(gimp, layer, pristine_layer) == (0.0, 0))

        # One Ctrl+Z undoes a whole run.
        gimp.value("(plug-in-scalp-micropigmentation RUN-NONINTERACTIVE %s %s 120"
                   " 0.3 0.25 '(46 44 50) 80 0.35 0.15 6 0.5 3 0 1 0)" % (img, layer))
        changed = diff(gimp, layer, pristine_layer)[1] > 0
        gimp.value("(gimp-displays-flush)")
        canvas = find_window(gimp.env, ".*GIMP.*", timeout=10)
        if canvas:
            press(gimp.env, canvas, "ctrl+z")
            time.sleep(2)
        check("one Ctrl+Z restores the image exactly",
              changed and diff(gimp, layer, pristine_layer) == (0.0, 0)
              and layers(gimp, img) == before)

        # The image closed while the dialog is open: OK then refuses, and
        # neither the plug-in nor GIMP falls over.
        closing, closing_layer = new_scalp(gimp, png)

        def close_image_then_ok(env, window):
            canvas = find_window(env, ".*GIMP.*", timeout=10)
            if canvas:
                press(env, canvas, "ctrl+w")
                time.sleep(2)
            press(env, window, "Return")

        found, reply = run_dialog(gimp, closing, closing_layer, TITLE["C"],
                                  close_image_then_ok)
        check("image closed under the dialog: OK says so, no crash",
              found and reply is not None and not reply[0]
              and "closed while the dialog was open" in reply[1], str(reply))
        check("image closed under the dialog: GIMP still answers",
              gimp.value("(car (gimp-image-list))") != "")
    finally:
        gimp.quit()
        shutil.rmtree(profile, ignore_errors=True)


def dialog_in_german(display, png):
    profile = profile_with_plugins()
    gimp = Gimp(profile, display, "de")
    try:
        img, layer = new_scalp(gimp, png)
        found, reply = run_dialog(
            gimp, img, layer, TITLE["de"],
            lambda env, window: press(env, window, "Escape"),
            os.path.join(SHOT_DIR, "dialog-de.png"))
        check("under LANGUAGE=de the dialog's title is German", found)
    finally:
        gimp.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    os.makedirs(SHOT_DIR, exist_ok=True)
    display = free_display()
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1200x24",
                             "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="smp-gui-scalp-")
    png = os.path.join(work, "scalp.png")
    try:
        time.sleep(1)
        subprocess.run([SYNTHETIC, "--width", "560", "--height", "420", "--hair",
                        "--scalp", png], check=True)
        for step in (dialog_in_english, dialog_in_german):
            try:
                step(display, png)
            except Exception as error:  # a broken step is a failure, not a crash
                check(step.__name__ + " ran to its end", False, str(error))
    finally:
        xvfb.terminate()
        shutil.rmtree(work, ignore_errors=True)
    print("1..%d" % len(results))
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
