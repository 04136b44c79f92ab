# scalp-micropigmentation: a real GIMP under Xvfb, for the dialog's test
# and benchmark: GIMP driven through its Script-Fu server on a loopback
# port, windows found and keys pressed with xdotool.
#
# Copyright (C) 2026 The scalp-micropigmentation authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import socket
import struct
import subprocess
import threading
import time


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


def make_profile(plugins):
    """A new GIMP profile holding plugins, a {name: executable} dict, made
    by tests/make-profile.sh; returns its path."""
    helper = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                          "make-profile.sh")
    pairs = ["%s/%s=%s" % (name, name, exe) for name, exe in plugins.items()]
    return subprocess.run([helper] + pairs, check=True, capture_output=True,
                          text=True).stdout.strip()


def start_xvfb():
    """Starts an X server of its own; returns its display and process."""
    display = free_display()
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1200x24",
                             "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    return display, xvfb


class Gimp:
    """A GIMP with a display, driven through its Script-Fu server, which
    loads the given Script-Fu files first (the table's defaults and the
    tests' prelude, for smp-call-from)."""

    def __init__(self, profile, display, language, scheme=(), extra_env=None):
        self.port = free_port()
        env = dict(os.environ, GIMP2_DIRECTORY=profile, DISPLAY=display)
        env.update(extra_env or {})
        if language != "C":
            env.update(LANGUAGE=language, LC_ALL="C.UTF-8")
        self.env = env
        server = '(plug-in-script-fu-server RUN-NONINTERACTIVE "127.0.0.1" %d "")' % self.port
        self.log = open(os.path.join(profile, "gimp.log"), "w")
        self.proc = subprocess.Popen(
            ["gimp-2.10", "--no-splash", "-d",
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
        for path in scheme:
            self.value('(load "%s")' % os.path.abspath(path))

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

    def children(self):
        """GIMP's own child processes (its plug-ins): {pid: command line}."""
        found = {}
        task = "/proc/%d/task" % self.proc.pid
        for tid in os.listdir(task) if os.path.isdir(task) else []:
            try:
                with open(os.path.join(task, tid, "children")) as f:
                    pids = f.read().split()
            except OSError:
                continue
            for pid in pids:
                try:
                    with open("/proc/%s/cmdline" % pid, "rb") as f:
                        found[int(pid)] = f.read()
                except OSError:
                    pass
        return found

    def quit(self):
        """Quits GIMP without asking about its unsaved images (asked, it
        would wait on its dialog until the 30 s below ran out), then ends
        any plug-in of this GIMP that outlived it (the Script-Fu server
        waits on its socket), by process id."""
        plugins = self.children()
        try:
            self.eval("(gimp-quit 1)")
        except Exception:
            pass
        self.sock.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for pid, cmdline in plugins.items():
            try:
                with open("/proc/%d/cmdline" % pid, "rb") as f:
                    same = f.read() == cmdline
            except OSError:
                continue
            if same:
                os.kill(pid, 9)


def skin_image(gimp, width, height):
    """An 8-bit RGB image of textured skin at 100 px per cm, undo off, as
    the dialog's benchmarks use: (image, drawable)."""
    img = gimp.value("(car (gimp-image-new %s %s RGB))" % (width, height))
    drw = gimp.value('(car (gimp-layer-new %s %s %s RGB-IMAGE "skin" 100'
                     " LAYER-MODE-NORMAL))" % (img, width, height))
    for code in ("(gimp-image-insert-layer %s %s 0 0)" % (img, drw),
                 "(gimp-image-undo-disable %s)" % img,
                 "(gimp-image-set-resolution %s 254 254)" % img,
                 "(gimp-context-set-foreground '(200 150 125))",
                 "(gimp-drawable-fill %s FILL-FOREGROUND)" % drw,
                 "(plug-in-hsv-noise RUN-NONINTERACTIVE %s %s 2 3 10 25)"
                 % (img, drw)):
        gimp.value(code)
    return img, drw


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


def press(env, window, *keys):
    xdotool(env, "windowfocus", "--sync", window)
    time.sleep(0.3)
    xdotool(env, "key", "--clearmodifiers", *keys)


def run_dialog(gimp, image, drawable, title, act, shot=None, settle=4):
    """Opens the dialog through RUN-INTERACTIVE, gives the preview settle
    seconds, optionally saves a screenshot and acts on its window; returns
    (dialog found, what the call answered)."""
    answer = {}

    def call():
        answer["reply"] = gimp.eval(
            "(smp-call-from smp-table-defaults RUN-INTERACTIVE %s %s '())"
            % (image, drawable))

    thread = threading.Thread(target=call)
    thread.start()
    window = find_window(gimp.env, title)
    if window:
        time.sleep(settle)  # the preview renders after a short idle
        if shot:
            # The pointer off the dialog: a tooltip would hide part of it.
            xdotool(gimp.env, "mousemove", "1599", "1199")
            time.sleep(1)
            subprocess.run(["import", "-window", window, shot], env=gimp.env,
                           capture_output=True, timeout=60)
        act(gimp.env, window)
    thread.join(timeout=300)
    return window is not None, answer.get("reply")
