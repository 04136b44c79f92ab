#!/bin/sh
# Runs test-cancel.scm while a killer SIGKILLs the plug-in half way through
# writing its result, as GIMP does when the user cancels its progress.
#
#   cancel-midway.sh PLUGIN PROBE FILE.scm...   (what run-gimp-test.sh
#                                               runs before the test)
#
# The plug-in, run with SMP_TEST_HOLD=pixels-half, stops once half its
# strips are written and writes its process id to SMP_TEST_HOLD_FILE.  The
# killer waits for that file, checks that the process is one this script
# started (through the GIMP it started), and kills that process alone.
set -u
here=$(cd "$(dirname "$0")" && pwd)
held=$(mktemp -d "${TMPDIR:-/tmp}/smp-cancel.XXXXXX")
trap 'rm -rf "$held"' EXIT
export SMP_TEST_HOLD=pixels-half SMP_TEST_HOLD_FILE="$held/pid"
me=$$

# Whether process $1 descends from this script.
ours() {
  up=$1
  while [ "$up" -gt 1 ] 2> /dev/null; do
    [ "$up" = "$me" ] && return 0
    up=$(awk '{ print $4 }' "/proc/$up/stat" 2> /dev/null) || return 1
  done
  return 1
}

(
  for run in 1 2; do
    until [ -s "$SMP_TEST_HOLD_FILE" ]; do sleep 0.05; done
    pid=$(cat "$SMP_TEST_HOLD_FILE")
    rm -f "$SMP_TEST_HOLD_FILE"
    if ours "$pid"; then
      kill -KILL "$pid"
      echo "# killed the plug-in ($pid) half way, run $run" >&2
    else
      echo "# process $pid is not this test's: left alone" >&2
    fi
  done
) &
killer=$!
"$here/../gimp/run-gimp-test.sh" "$@" "$here/test-cancel.scm"
status=$?
kill "$killer" 2> /dev/null
exit $status
