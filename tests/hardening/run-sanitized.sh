#!/bin/sh
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer
# (meson's b_sanitize) in build-sanitized/ and runs the engine's tests and
# the plug-in's headless GIMP tests with it.  Any report fails the run.
#
# Leak checking is left to valgrind (tests/hardening/valgrind-plugin.sh):
# GLib, babl and GEGL keep caches for the life of the process that
# LeakSanitizer would report.
set -u
cd "$(dirname "$0")/../.."
dir=build-sanitized
rm -rf "$dir"
if ! meson setup "$dir" -Db_sanitize=address,undefined -Db_lundef=false \
     -Doptimization=2 -Db_lto=false \
     > "$dir.setup.log" 2>&1 || ! ninja -C "$dir" > "$dir.build.log" 2>&1; then
  tail -n 30 "$dir.setup.log" "$dir.build.log" 2>/dev/null | sed 's/^/# /'
  echo "not ok 1 - the sanitized build"
  echo "1..1"
  exit 1
fi
rm -f "$dir.setup.log" "$dir.build.log"

ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C "$dir" --no-rebuild --print-errorlogs \
    params field layout render look golden \
    gimp-api gimp-pixels gimp-outputs gimp-awkward gimp-golden gimp-calibrate > "$dir/run.log" 2>&1
status=$?

# One TAP line per sanitized test program, with its checks.
n=0
for t in params field layout render look golden gimp-api gimp-pixels gimp-outputs gimp-awkward gimp-golden gimp-calibrate; do
  n=$((n + 1))
  line=$(grep -E "/ $t +(OK|FAIL|ERROR|TIMEOUT)" "$dir/run.log" | tail -n 1)
  case "$line" in
    *" OK "*) echo "ok $n - sanitized: $t ($(echo "${line##*OK }" | tr -s ' ' | sed 's/^ //'))" ;;
    *) echo "not ok $n - sanitized: $t"; status=1 ;;
  esac
done
if [ "$status" -ne 0 ]; then
  grep -E -A 12 'ERROR: AddressSanitizer|runtime error' "$dir/meson-logs/testlog.txt" |
    head -n 60 | sed 's/^/# /'
fi
echo "1..$n"
exit $status
