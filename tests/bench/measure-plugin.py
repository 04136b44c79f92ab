#!/usr/bin/env python3
# Stands in a GIMP profile in place of a plug-in's executable: runs the real
# one (REAL beside this file) and, for each run (not GIMP's queries),
# appends "NAME SECONDS PEAK_RSS_KIB" to $SMP_BENCH_LOG.
import os
import resource
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
real = os.path.join(here, "REAL")
start = time.monotonic()
status = subprocess.call([real] + sys.argv[1:], close_fds=False)
elapsed = time.monotonic() - start
if "-run" in sys.argv and os.environ.get("SMP_BENCH_LOG"):
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(os.environ["SMP_BENCH_LOG"], "a") as log:
        log.write("%s %.3f %d\n" % (os.path.basename(here), elapsed, peak))
sys.exit(status)
