#!/bin/sh
# Runs test-cancel.scm while a killer SIGKILLs the plug-in part way through
# its render, as GIMP does when the user cancels its progress.
#
#   cancel-midway.sh PLUGIN PROBE PRELUDE
#
# The test runs the filter in pairs: a whole run, then the same run again.
# The killer times the whole run and kills the second at three quarters of
# that time, when reading and placement are done and the render is under
# way, however fast this machine is.
set -u
here=$(cd "$(dirname "$0")" && pwd)
run='scalp-micropigmentation/scalp-micropigmentation -gimp .* -run'
now() { date +%s.%N; }
wait_start() { until pgrep -f "$run" > /dev/null; do sleep 0.01; done; }
wait_end() { while pgrep -f "$run" > /dev/null; do sleep 0.01; done; }
(
  for pair in 1 2; do
    wait_start
    start=$(now)
    wait_end
    whole=$(echo "$(now) $start" | awk '{ print $1 - $2 }')
    wait_start
    sleep "$(echo "$whole" | awk '{ print 0.75 * $1 }')"
    pkill -KILL -f "$run"
    echo "killed run $pair at 0.75 x $whole s" >&2
    wait_end
  done
) &
killer=$!
"$here/../gimp/run-gimp-test.sh" "$1" "$2" "$3" "$here/test-cancel.scm"
status=$?
kill "$killer" 2> /dev/null
exit $status
