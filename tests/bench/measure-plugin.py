#!/usr/bin/env python3
# Stands in a GIMP profile in place of a plug-in's executable: runs the real
# one (REAL beside this file) and, for each run (not GIMP's queries),
# appends "NAME SECONDS PEAK_RSS_KIB CPU_SECONDS" to $SMP_BENCH_LOG, the
# processor time being user and system time of all its threads.
# With another build of the same plug-in beside it (OTHER), runs take
# turns in pairs, REAL then OTHER, then OTHER then REAL, and so on; OTHER's
# are logged as NAME:other.  GIMP's queries always go to REAL.
import os
import resource
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
name = os.path.basename(here)
real = os.path.join(here, "REAL")
other = os.path.join(here, "OTHER")
running = "-run" in sys.argv
if running and os.path.exists(other):
    turns = os.path.join(here, "turns")
    turn = os.path.getsize(turns) if os.path.exists(turns) else 0
    with open(turns, "a") as f:
        f.write(".")
    if (turn // 2 + turn) % 2 == 1:
        real, name = other, name + ":other"
start = time.monotonic()
status = subprocess.call([real] + sys.argv[1:], close_fds=False)
elapsed = time.monotonic() - start
if running and os.environ.get("SMP_BENCH_LOG"):
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.environ["SMP_BENCH_LOG"], "a") as log:
        log.write("%s %.3f %d %.3f\n" % (name, elapsed, usage.ru_maxrss,
                                          usage.ru_utime + usage.ru_stime))
sys.exit(status)
