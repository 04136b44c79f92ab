#!/bin/sh
# Runs a test inside a real, headless GIMP 3: Script-Fu files (the
# prelude, then the test, loaded as one file), or one Python file, run in
# python-fu-eval.
#
#   run-gimp3-test.sh BUILD_DIR FILE.scm...
#   run-gimp3-test.sh BUILD_DIR FILE.py
#
# The plug-in is installed, as `ninja install` installs it, into a
# temporary GIMP 3 profile, with its catalogues and help.  The test prints
# "ok - NAME" or "not ok - NAME" per check and a final "smp-result PASSED
# FAILED" line; this script turns that into TAP and exits non-zero when a
# check failed or the run did not finish.
set -u
build=$1
shift

profile=$(mktemp -d "${TMPDIR:-/tmp}/smp-gimp3.XXXXXX")
trap 'rm -rf "$profile"' EXIT
GIMP3_DIRECTORY="$profile" "$(dirname "$0")/../../plug-in/install-user.sh" \
  "$build/plug-in/scalp-micropigmentation" "$build/po" \
  gimp20-scalp-micropigmentation "$build/doc/help" 3 > /dev/null

case $1 in
  *.py)
    interpreter=python-fu-eval
    command="exec(open('$1').read())" ;;
  *)
    script="$profile/test.scm"
    { cat "$@"; echo '(smp-finish)'; } > "$script"
    interpreter=plug-in-script-fu-eval
    command="(load \"$script\")" ;;
esac
log="$profile/log"
# --quit ends GIMP however the test ends; fonts are loaded (no -f), for
# the consultation sheet's text layers.
GIMP3_DIRECTORY="$profile" timeout "${SMP_GIMP_TIMEOUT:-600}" \
  gimp-console-3.0 -i -d --quit \
  --batch-interpreter=$interpreter -b "$command" \
  > "$log" 2>&1

"$(dirname "$0")/../smp-tap.sh" "$log"
