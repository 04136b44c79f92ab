#!/bin/sh
# Runs Script-Fu files, one after the other, inside a real, headless
# GIMP 2.10: the table's defaults, the prelude, then the test.
#
#   run-gimp-test.sh PLUGIN PROBE FILE.scm...
#
# A temporary GIMP profile holds the built plug-in and the test probe.  The
# test prints "ok - NAME" or "not ok - NAME" per check and a final
# "smp-result PASSED FAILED" line; this script turns that into TAP and exits
# non-zero when a check failed or the run did not finish.
set -u
plugin=$1 probe=$2
shift 2

profile=$("$(dirname "$0")/../make-profile.sh" \
  "scalp-micropigmentation/scalp-micropigmentation=$plugin" \
  "smp-test-probe/smp-test-probe=$probe")
trap 'rm -rf "$profile"' EXIT

# Fonts are loaded (no -f): the consultation sheet writes text layers.
log="$profile/log"
tests=$(cd "$(dirname "$0")/.." && pwd)
{ printf '(define smp-tests-dir "%s")\n(define smp-golden-write %s)\n(define smp-scalp-png "%s")\n' \
    "$tests" "$([ -n "${SMP_GOLDEN_WRITE:-}" ] && echo '#t' || echo '#f')" \
    "${SMP_SCALP_PNG:-}"
  cat "$@"; echo '(smp-finish)'; echo '(gimp-quit 0)'; } |
  GIMP2_DIRECTORY="$profile" timeout "${SMP_GIMP_TIMEOUT:-600}" \
    gimp-console-2.10 -i -d --batch-interpreter plug-in-script-fu-eval -b - \
    > "$log" 2>&1

"$(dirname "$0")/../smp-tap.sh" "$log"
