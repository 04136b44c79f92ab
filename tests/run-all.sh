#!/bin/sh
# Builds from scratch in build-tests/ and runs every test with meson: the
# engine's unit tests and golden checksums, the plug-in inside a headless
# GIMP and under valgrind, the dialog under Xvfb, the translations, 60 s of
# fuzzing and a build with AddressSanitizer and UBSan; then, as root with
# debootstrap, the plug-in built for GIMP 3 and tested in a real GIMP 3 in
# a Debian 13 chroot (tests/gimp3/in-trixie.sh).  Ends with meson's counts
# of both as "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
dir=build-tests
rm -rf "$dir"
if ! meson setup "$dir" --prefix="$PWD/$dir/prefix" -Dtest-hooks=true \
       > "$dir.setup.log" 2>&1 ||
   ! ninja -C "$dir"; then
  cat "$dir.setup.log"
  echo "0 passed, 1 failed"
  exit 1
fi
rm -f "$dir.setup.log"

{ meson test -C "$dir" --no-rebuild --print-errorlogs "$@"
  echo $? > "$dir/status"; } | tee "$dir/summary.log"
status=$(cat "$dir/status")

if [ "$(id -u)" = 0 ] && command -v debootstrap > /dev/null; then
  { tests/gimp3/in-trixie.sh; echo $? > "$dir/status3"; } |
    tee -a "$dir/summary.log"
  [ "$(cat "$dir/status3")" = 0 ] || status=1
else
  echo "# The GIMP 3 tests are left out: their Debian 13 chroot needs root and debootstrap."
fi

# meson's summary: "Ok: N", "Fail: N", "Timeout: N" and the like.
awk -v status="$status" '
  /^(Ok|Expected Fail): +[0-9]+/                { passed += $NF }
  /^(Fail|Unexpected Pass|Timeout): +[0-9]+/    { failed += $NF }
  END { if (status != 0 && failed == 0) failed = 1
        printf "%d passed, %d failed\n", passed, failed }' "$dir/summary.log"
exit "$status"
