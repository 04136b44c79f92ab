#!/bin/sh
# Builds from scratch in build-tests/ and runs every test: the engine's unit
# tests, the plug-in inside a headless GIMP and under valgrind, the dialog
# under Xvfb, the translations, 60 s of fuzzing and a sanitized build.
# Ends with "N passed, N failed", counting every check.
set -u
cd "$(dirname "$0")/.."
dir=build-tests
rm -rf "$dir"
meson setup "$dir" --prefix="$PWD/$dir/prefix" > "$dir.setup.log" 2>&1 ||
  { cat "$dir.setup.log"; echo "0 passed, 1 failed"; exit 1; }
rm -f "$dir.setup.log"
ninja -C "$dir" || { echo "0 passed, 1 failed"; exit 1; }

meson test -C "$dir" --print-errorlogs --no-rebuild "$@"
status=$?

# Hardening: 60 s of fuzzing the engine, then the engine's and the
# plug-in's tests again built with AddressSanitizer and UBSan.
tests/fuzz/run-fuzz.sh 60 | tee "$dir/fuzz.tap"
[ "$(tail -n 1 "$dir/fuzz.tap" | cut -c1-3)" = "1.." ] || status=1
grep -q '^not ok' "$dir/fuzz.tap" && status=1
tests/hardening/run-sanitized.sh | tee "$dir/sanitized.tap"
grep -q '^not ok' "$dir/sanitized.tap" && status=1

# Every TAP line of every test program; a program that failed without
# saying which check counts as one failure.
log="$dir/meson-logs/testlog.txt"
passed=$(cat "$log" "$dir/fuzz.tap" "$dir/sanitized.tap" | grep -c -E '^ok [0-9]+')
failed=$(cat "$log" "$dir/fuzz.tap" "$dir/sanitized.tap" | grep -c -E '^not ok [0-9]+')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && exit 0
exit 1
