#!/bin/sh
# Builds from scratch in build-tests/ and runs every test: the engine's unit
# tests, the plug-in inside a headless GIMP, and the dialog under Xvfb.
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

# Every TAP line of every test program; a program that failed without
# saying which check counts as one failure.
log="$dir/meson-logs/testlog.txt"
passed=$(grep -c -E '^ok [0-9]+' "$log")
failed=$(grep -c -E '^not ok [0-9]+' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed"
exit $status
