#!/usr/bin/env python3
# scalp-micropigmentation: how long OK takes in the dialog, in a real GIMP.
#
#   bench-dialog-ok.py PLUGIN DEFAULTS [WIDTHxHEIGHT]
#
# DEFAULTS is the table's defaults as Script-Fu, build/tests/smp-defaults.scm.
#
# GIMP under Xvfb makes an 8-bit RGB image of textured skin (default
# 6000x4000, 100 px/cm), opens the dialog at its default values five
# times, waits until the preview has placed the impressions, presses OK and
# times how long until the call answers: what a user waits after OK.
# Prints each time and the median.  A benchmark, not a test: it asserts
# nothing.
import os
import shutil
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "gui"))
from smp_gui import (Gimp, make_profile, run_dialog,  # noqa: E402
                     skin_image, start_xvfb, xdotool)

PLUGIN, DEFAULTS = sys.argv[1:3]  # the plug-in and build/tests/smp-defaults.scm
WIDTH, HEIGHT = (sys.argv[3] if len(sys.argv) > 3 else "6000x4000").split("x")
SCHEME = [DEFAULTS, os.path.join(HERE, "..", "gimp", "prelude.scm")]
TITLE = "Scalp Micropigmentation"
REPEATS = 5
SETTLE = 8  # seconds for the preview to read the photo and place


def time_ok(gimp, img, drw):
    marks = {}

    def ok(env, window):
        xdotool(env, "windowfocus", "--sync", window)
        time.sleep(0.3)
        marks["start"] = time.monotonic()
        xdotool(env, "key", "--clearmodifiers", "Return")

    found, reply = run_dialog(gimp, img, drw, TITLE, ok, settle=SETTLE)
    if not found:
        raise RuntimeError("the dialog did not open")
    elapsed = time.monotonic() - marks["start"]
    if not reply or not reply[0]:
        raise RuntimeError("the filter failed: %s" % (reply,))
    return elapsed, reply[1].strip("()")


def main():
    display, xvfb = start_xvfb()
    profile = make_profile({"scalp-micropigmentation": PLUGIN})
    gimp = Gimp(profile, display, "C", SCHEME)
    try:
        img, drw = skin_image(gimp, WIDTH, HEIGHT)
        times = []
        for _ in range(REPEATS):
            elapsed, layer = time_ok(gimp, img, drw)
            times.append(elapsed)
            print("OK answered in %.2f s" % elapsed)
            sys.stdout.flush()
            # Output 1 added a layer: take it away so every run is the same.
            gimp.value("(gimp-image-remove-layer %s %s)" % (img, layer))
        print("%sx%s, the dialog's defaults: OK to answer, median of %d: %.2f s"
              % (WIDTH, HEIGHT, REPEATS, statistics.median(times)))
    finally:
        gimp.quit()
        xvfb.terminate()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
