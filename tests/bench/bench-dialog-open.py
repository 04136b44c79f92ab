#!/usr/bin/env python3
# scalp-micropigmentation: how long the dialog takes to show the treatment,
# in a real GIMP.
#
#   bench-dialog-open.py PLUGIN DEFAULTS [WIDTHxHEIGHT]
#
# PLUGIN must be built with -Dtest-hooks=true: the preview then notes, in
# the file SMP_TEST_TIMES_FILE names, when it is made, when it has read
# the photo and when it first shows the impressions, and the longest the
# reading kept the dialog from its events at once.  DEFAULTS is the
# table's defaults as Script-Fu, build/tests/smp-defaults.scm.
#
# GIMP under Xvfb makes an 8-bit RGB image of textured skin (default
# 6000x4000, 100 px/cm, everything selected), opens the dialog at its
# default values three times, waits for the first preview with the
# impressions and cancels.  Prints, from the moment the preview is made,
# when the photo was read and when the impressions showed, the longest
# step of the reading, and the medians.  A benchmark, not a test: it
# asserts nothing.
import os
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "gui"))
from smp_gui import (Gimp, make_profile, run_dialog,  # noqa: E402
                     skin_image, start_xvfb, xdotool)

PLUGIN, DEFAULTS = sys.argv[1:3]
WIDTH, HEIGHT = (sys.argv[3] if len(sys.argv) > 3 else "6000x4000").split("x")
SCHEME = [DEFAULTS, os.path.join(HERE, "..", "gimp", "prelude.scm")]
TITLE = "Scalp Micropigmentation"
REPEATS = 3
PATIENCE = 120  # seconds to wait for the first preview


def marks(path):
    """{what: seconds} the preview noted, on its monotonic clock."""
    found = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                what, usec = line.split()
                found[what] = int(usec) / 1e6
    return found


def time_open(gimp, img, drw, path):
    if os.path.exists(path):
        os.remove(path)

    def wait_and_cancel(env, window):
        deadline = time.monotonic() + PATIENCE
        while "first-preview" not in marks(path) \
                and time.monotonic() < deadline:
            time.sleep(0.1)
        xdotool(env, "windowfocus", "--sync", window)
        xdotool(env, "key", "--clearmodifiers", "Escape")

    found, _ = run_dialog(gimp, img, drw, TITLE, wait_and_cancel, settle=0)
    if not found:
        raise RuntimeError("the dialog did not open")
    m = marks(path)
    if "first-preview" not in m:
        raise RuntimeError("no first preview: is the plug-in built with "
                           "-Dtest-hooks=true?")
    return m["photo-read"] - m["preview-made"], \
        m["first-preview"] - m["preview-made"], m["longest-step"]


def main():
    display, xvfb = start_xvfb()
    profile = make_profile({"scalp-micropigmentation": PLUGIN})
    path = os.path.join(tempfile.mkdtemp(), "times")
    gimp = Gimp(profile, display, "C", SCHEME,
                extra_env={"SMP_TEST_TIMES_FILE": path})
    try:
        img, drw = skin_image(gimp, WIDTH, HEIGHT)
        gimp.value("(gimp-selection-all %s)" % img)
        read, shown, step = [], [], []
        for _ in range(REPEATS):
            r, s, longest = time_open(gimp, img, drw, path)
            read.append(r)
            shown.append(s)
            step.append(longest)
            print("photo read after %.2f s, impressions shown after %.2f s,"
                  " the dialog kept from its events %.0f ms at most"
                  % (r, s, longest * 1e3))
            sys.stdout.flush()
        print("%sx%s, the dialog's defaults, from the preview made, median "
              "of %d: photo read %.2f s, impressions shown %.2f s, longest "
              "step of the reading %.0f ms"
              % (WIDTH, HEIGHT, REPEATS, statistics.median(read),
                 statistics.median(shown), statistics.median(step) * 1e3))
    finally:
        gimp.quit()
        xvfb.terminate()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(os.path.dirname(path), ignore_errors=True)


if __name__ == "__main__":
    main()
