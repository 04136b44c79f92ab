#!/bin/sh
# Runs test-cancel.scm while a killer SIGKILLs each run of the plug-in a
# moment after it starts, as GIMP does when the user cancels its progress.
#
#   cancel-midway.sh PLUGIN PROBE PRELUDE
set -u
here=$(cd "$(dirname "$0")" && pwd)
(
  for run in 1 2; do
    # Wait for a run (not GIMP's start-up query), give it a moment, kill it.
    until pgrep -f 'scalp-micropigmentation/scalp-micropigmentation -gimp .* -run' > /dev/null; do
      sleep 0.1
    done
    sleep 2.0 # mid-render at 24 MP and density 40: field and layout take about 1.3 s
    pkill -KILL -f 'scalp-micropigmentation/scalp-micropigmentation -gimp .* -run'
    sleep 1
  done
) &
killer=$!
"$here/../gimp/run-gimp-test.sh" "$1" "$2" "$3" "$here/test-cancel.scm"
status=$?
kill "$killer" 2> /dev/null
exit $status
