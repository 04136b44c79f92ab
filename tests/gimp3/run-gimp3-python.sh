#!/bin/sh
# Runs a Python test inside a real, headless GIMP 3 (python-fu-eval), the
# plug-in installed into a temporary GIMP 3 profile as `ninja install`
# installs it.  The test prints "ok - NAME" or "not ok - NAME" per check
# and a final "smp-result PASSED FAILED" line; this script turns that
# into TAP and exits non-zero when a check failed or the run did not
# finish.
#
#   run-gimp3-python.sh BUILD_DIR FILE.py
set -u
build=$1 test=$2

profile=$(mktemp -d "${TMPDIR:-/tmp}/smp-gimp3.XXXXXX")
trap 'rm -rf "$profile"' EXIT
GIMP3_DIRECTORY="$profile" "$(dirname "$0")/../../plug-in/install-user.sh" \
  "$build/plug-in/scalp-micropigmentation" "$build/po" \
  gimp20-scalp-micropigmentation "$build/doc/help" 3 > /dev/null

log="$profile/log"
GIMP3_DIRECTORY="$profile" timeout "${SMP_GIMP_TIMEOUT:-600}" \
  gimp-console-3.0 -i -d --quit --batch-interpreter=python-fu-eval \
  -b "exec(open('$test').read())" > "$log" 2>&1

"$(dirname "$0")/../smp-tap.sh" "$log"
