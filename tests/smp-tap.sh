#!/bin/sh
# Turns the log of a Script-Fu test into TAP: the test's notes, one line
# per "ok - NAME" or "not ok - NAME" it printed, then the plan.  Exits non-zero, with
# the end of GIMP's output, when a check failed, a form failed outside a
# check, or the test did not reach its final "smp-result PASSED FAILED"
# line.
#
#   smp-tap.sh LOG
log=$1
checks=$(grep -E '^(ok|not ok) - ' "$log")
result=$(grep -E '^smp-result [0-9]+ [0-9]+$' "$log")

# What the test noted (smp-checks.scm's note), as TAP's comments.
grep -E '^# ' "$log"

i=0
if [ -n "$checks" ]; then
  while IFS= read -r line; do
    i=$((i + 1))
    case "$line" in
      "ok - "*) echo "ok $i - ${line#ok - }" ;;
      *) echo "not ok $i - ${line#not ok - }" ;;
    esac
  done <<CHECKS
$checks
CHECKS
fi
if [ -z "$result" ]; then
  i=$((i + 1))
  echo "not ok $i - the test ran to its end"
fi
# A form that fails outside smp-try skips its checks and goes on: that
# fails the test too.
errors=$(grep -E '^(ts> )*Error: ' "$log")
if [ -n "$errors" ]; then
  i=$((i + 1))
  echo "not ok $i - no Script-Fu error outside a check"
  result="smp-result error 1"
fi
echo "1..$i"

if [ -z "$result" ] || [ "${result##* }" != 0 ]; then
  echo "# GIMP's output:"
  tail -n 60 "$log" | sed 's/^/# /'
  exit 1
fi
exit 0
