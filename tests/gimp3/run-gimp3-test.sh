#!/bin/sh
# Runs Script-Fu files inside a real, headless GIMP 3: the prelude, then
# the test, loaded as one file.
#
#   run-gimp3-test.sh BUILD_DIR FILE.scm...
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

script="$profile/test.scm"
{ cat "$@"; echo '(smp-finish)'; } > "$script"
log="$profile/log"
# --quit ends GIMP however the test ends; fonts are loaded (no -f), for
# the consultation sheet's text layers.
GIMP3_DIRECTORY="$profile" timeout "${SMP_GIMP_TIMEOUT:-600}" \
  gimp-console-3.0 -i -d --quit \
  --batch-interpreter=plug-in-script-fu-eval -b "(load \"$script\")" \
  > "$log" 2>&1

"$(dirname "$0")/../smp-tap.sh" "$log"
