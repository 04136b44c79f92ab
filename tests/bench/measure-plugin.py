#!/usr/bin/env python3
# Stands in a GIMP profile in place of a plug-in's executable: runs the real
# one (REAL beside this file) and, for each run (not GIMP's queries),
# appends "NAME SECONDS PEAK_RSS_KIB CPU_SECONDS" to $SMP_BENCH_LOG, the
# processor time being user and system time of all its threads.
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
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.environ["SMP_BENCH_LOG"], "a") as log:
        log.write("%s %.3f %d %.3f\n" % (os.path.basename(here), elapsed,
                                          usage.ru_maxrss,
                                          usage.ru_utime + usage.ru_stime))
sys.exit(status)
