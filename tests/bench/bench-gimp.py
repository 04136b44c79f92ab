#!/usr/bin/env python3
# scalp-micropigmentation: the filter against the floor, in a real GIMP.
#
#   bench-gimp.py [--gimp3] [--against OTHER_PLUGIN] PLUGIN COPY_PLUGIN
#                 [READ_PLUGIN] [CASE ...]
#
# With --gimp3, in gimp-console-3.0 with both plug-ins built for GIMP 3
# (the texture then comes from gegl:noise-hsv, as close as GEGL comes to
# 2.10's HSV Noise), so that the ratios of the two GIMPs compare.
# For each case (WIDTHxHEIGHT@DENSITY, default: the 24 MP case and
# the scaling cases) a headless GIMP makes an 8-bit RGB image of textured
# skin, with no selection and undo off, and runs five times each,
# alternately, each time on a fresh copy of that layer (so that every run
# sees the photo, not an earlier run's impressions), the filter
# (defaults but density, scale 100 px/cm, one session, output 0) and a
# copy-only plug-in that moves the same pixels out and back.  Prints the
# median wall time, the median processor time (user and system, all
# threads) and the peak RSS of each plug-in process, and the ratios.
# A case ending in "+user" runs as users do: everything selected with
# gimp-selection-all, and undo on; one ending in "+crown", with an
# ellipse selected in the middle, half the image's width and height
# (a bald crown), and undo on.
# With READ_PLUGIN (smp-bench-read, built beside the copy), it runs
# too, alternately with the others: a plug-in that only reads the same
# pixels, what a filter that reads the photo twice (its field, then its
# pixels) pays on top of the copy, less one start of a plug-in.
# With --against OTHER_PLUGIN (another build of the filter, before the
# first of the plug-ins), both builds run in the same GIMP on the same
# image, five times each, in turns after each copy (this build first, then
# the other, then the other first): a change's effect, without a noisy
# machine's drift between two runs of this script.
# A benchmark, not a test: it asserts nothing.
import os
import shutil
import statistics
import subprocess
import sys


def usage(status):
    """Prints the comment at the top, this script's usage, and exits."""
    with open(__file__) as source:
        lines = source.read().split("\n")
    print("\n".join(l[2:] for l in lines[3:lines.index("import os")]).strip())
    sys.exit(status)


ARGS = sys.argv[1:]
if ARGS[0:1] in (["-h"], ["--help"]):
    usage(0)
GIMP3 = ARGS[0:1] == ["--gimp3"]
ARGS = ARGS[1:] if GIMP3 else ARGS
AGAINST = ARGS[1] if ARGS[0:1] == ["--against"] and len(ARGS) > 1 else None
ARGS = ARGS[2:] if AGAINST else ARGS
if len(ARGS) < 2 or ARGS[0].startswith("-"):
    usage(2)
PLUGIN, COPY = ARGS[0:2]
READ = ARGS[2] if ARGS[2:3] and "@" not in ARGS[2] else None
CASES = ARGS[3 if READ else 2:] or ["6000x4000@40", "8485x5657@40", "10000x10000@40",
                         "6000x4000@10", "6000x4000@200"]
HERE = os.path.dirname(os.path.abspath(__file__))
REPEATS = 5


def make_profile(plugins):
    """A temporary GIMP profile in which each {name: executable} runs
    through measure-plugin.py."""
    measure = os.path.join(HERE, "measure-plugin.py")
    pairs = []
    for name, exe in plugins.items():
        pairs += ["%s/REAL=%s" % (name, exe), "%s/%s=%s" % (name, name, measure)]
    if AGAINST:
        pairs += ["scalp-micropigmentation/OTHER=%s" % AGAINST]
    return subprocess.run([os.path.join(HERE, "..", "make-profile.sh")] + pairs,
                          check=True, capture_output=True, text=True).stdout.strip()


# Five times each, alternately: the copy, the filter with the defaults
# but density, scale 100 px/cm, one session, output 0, and the reading
# alone if asked for.
READ_CALL = "(on-photo (lambda (d) (smp-bench-read RUN-NONINTERACTIVE img d)))\n"
READ_CALL3 = ("(on-photo (lambda (d) (smp-bench-read #:run-mode"
              " RUN-NONINTERACTIVE #:image img #:drawables (vector d))))\n")
COPY_CALL = "(on-photo (lambda (d) (smp-bench-copy RUN-NONINTERACTIVE img d)))\n"
COPY_CALL3 = ("(on-photo (lambda (d) (smp-bench-copy #:run-mode"
              " RUN-NONINTERACTIVE #:image img #:drawables (vector d))))\n")
FILTER_CALL = ("(on-photo (lambda (d) (plug-in-scalp-micropigmentation"
               " RUN-NONINTERACTIVE img d %s 0.5"
               " 0.4 '(46 44 50) 95 0.25 0.4 0.35 11 0.5 0 1 100 1 0)))\n")
FILTER_CALL3 = ("(on-photo (lambda (d) (plug-in-scalp-micropigmentation"
                " #:run-mode RUN-NONINTERACTIVE"
                " #:image img #:drawables (vector d) #:density %s"
                " #:pigment '(46 44 50) #:sessions 1 #:scale 100 #:output 0)))\n")
if GIMP3:
    COPY_CALL = COPY_CALL3
    FILTER_CALL = FILTER_CALL3
    READ_CALL = READ_CALL3

# Runs (run d) on d, a fresh copy of the textured layer, then drops it;
# GIMP 2.10's gimp-layer-copy also asks whether to add an alpha channel.
ON_PHOTO = """(define (on-photo run)
  (let ((d (car (gimp-layer-copy drw%s))))
    (gimp-image-insert-layer img d 0 0)
    (run d)
    (gimp-image-remove-layer img d)))"""

SCRIPT = """
(define img (car (gimp-image-new %s %s RGB)))
(define drw (car (gimp-layer-new img %s %s RGB-IMAGE "skin" 100 LAYER-MODE-NORMAL)))
(gimp-image-insert-layer img drw 0 0)
(gimp-image-undo-disable img)
(gimp-context-set-foreground '(200 150 125))
(gimp-drawable-fill drw FILL-FOREGROUND)
(plug-in-hsv-noise RUN-NONINTERACTIVE img drw 2 3 10 25)
%s
%s
%s
(gimp-quit 0)
"""

SCRIPT3 = """
(define img (car (gimp-image-new %s %s RGB)))
(define drw (car (gimp-layer-new img "skin" %s %s RGB-IMAGE 100 LAYER-MODE-NORMAL)))
(gimp-image-insert-layer img drw 0 0)
(gimp-image-undo-disable img)
(gimp-context-set-foreground '(200 150 125))
(gimp-drawable-fill drw FILL-FOREGROUND)
(gimp-drawable-merge-new-filter drw "gegl:noise-hsv" 0 LAYER-MODE-REPLACE 1.0
  "holdness" 2 "hue-distance" 3.0 "saturation-distance" 0.04
  "value-distance" 0.1)
%s
%s
%s
"""


def summary(runs):
    """The median wall and processor time, in seconds, and the peak RSS in
    MiB of a plug-in's (seconds, rss_kib, cpu_seconds) runs."""
    return (statistics.median(r[0] for r in runs),
            statistics.median(r[2] for r in runs),
            max(r[1] for r in runs) / 1024)


def run_case(case):
    as_user = case.endswith("+user")
    crown = case.endswith("+crown")
    size, density = case.replace("+user", "").replace("+crown", "").split("@")
    width, height = size.split("x")
    select = ""
    if as_user:
        select = "(gimp-image-undo-enable img) (gimp-selection-all img)"
    elif crown:
        select = ("(gimp-image-undo-enable img) (gimp-image-select-ellipse img"
                  " CHANNEL-OP-REPLACE %d %d %d %d)"
                  % (int(width) // 4, int(height) // 4, int(width) // 2,
                     int(height) // 2))
    plugins = {"scalp-micropigmentation": PLUGIN, "smp-bench-copy": COPY}
    if READ:
        plugins["smp-bench-read"] = READ
    profile = make_profile(plugins)
    log = os.path.join(profile, "runs.log")
    calls = ""
    for _ in range(REPEATS):
        calls += COPY_CALL + FILTER_CALL % density + (READ_CALL if READ else "")
        if AGAINST:
            calls += FILTER_CALL % density
    script = (SCRIPT3 if GIMP3 else SCRIPT) % (
        width, height, width, height, ON_PHOTO % ("" if GIMP3 else " FALSE"),
        select, calls)
    env = dict(os.environ, SMP_BENCH_LOG=log)
    env["GIMP3_DIRECTORY" if GIMP3 else "GIMP2_DIRECTORY"] = profile
    console = ["gimp-console-3.0", "-i", "-d", "-f", "--quit"] if GIMP3 else \
        ["gimp-console-2.10", "-i", "-d", "-f"]
    subprocess.run(console + ["--batch-interpreter", "plug-in-script-fu-eval", "-b", "-"],
                   input=script.encode(), env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=3600)
    runs = {name: [] for name in plugins}
    if AGAINST:
        runs["scalp-micropigmentation:other"] = []
    with open(log) as f:
        for line in f:
            name, seconds, rss, cpu = line.split()
            runs[name].append((float(seconds), int(rss), float(cpu)))
    shutil.rmtree(profile, ignore_errors=True)
    copy_t, copy_c, copy_m = summary(runs["smp-bench-copy"])
    smp_t, smp_c, smp_m = summary(runs["scalp-micropigmentation"])
    mp = int(width) * int(height) / 1e6
    print("%-21s %6.1f MP  density %4s | copy %6.2f s (cpu %5.2f s) %6.0f MiB"
          " | filter %6.2f s (cpu %5.2f s) %6.0f MiB | time x%.2f  memory x%.2f"
          % (size + (" +user" if as_user else " +crown" if crown else ""), mp, density, copy_t, copy_c, copy_m, smp_t, smp_c, smp_m,
             smp_t / copy_t, smp_m / copy_m))
    if AGAINST:
        other_t, other_c, other_m = summary(runs["scalp-micropigmentation:other"])
        print("%-21s %6s     %12s | against %6.2f s (cpu %5.2f s) %6.0f MiB"
              " | time x%.2f  memory x%.2f | this build x%.3f of it"
              % ("", "", "", other_t, other_c, other_m, other_t / copy_t,
                 other_m / copy_m, smp_t / other_t))
    if READ:
        read_t, read_c, _ = summary(runs["smp-bench-read"])
        print("%-21s %6s     %12s | read only %6.2f s (cpu %5.2f s)"
              " | time x%.2f of the copy" % ("", "", "", read_t, read_c,
                                             read_t / copy_t))
    sys.stdout.flush()


print("median of %d runs each: wall time, processor time (user + system) and"
      " peak RSS of the plug-in process" % REPEATS)
for case in CASES:
    run_case(case)
