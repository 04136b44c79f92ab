#!/bin/sh
# Builds the engine's libFuzzer target with AddressSanitizer and
# UndefinedBehaviorSanitizer and runs it on the seed corpus for a while.
#
#   tests/fuzz/run-fuzz.sh [SECONDS]      (default 60)
#
# Prints TAP; a crash, a leak or undefined behaviour fails, and the input
# that caused it is left in build-fuzz/ to replay.
set -u
cd "$(dirname "$0")/../.."
seconds=${1:-60}
out=build-fuzz
mkdir -p "$out/corpus"
cp tests/fuzz/corpus/* "$out/corpus/" 2>/dev/null

if ! clang -g -O1 -fsanitize=fuzzer,address,undefined \
     -fno-sanitize-recover=undefined -Iplug-in/engine \
     plug-in/engine/*.c tests/fuzz/fuzz-engine.c \
     $(pkg-config --cflags --libs glib-2.0) -lm -o "$out/fuzz-engine" \
     > "$out/build.log" 2>&1; then
  sed 's/^/# /' "$out/build.log"
  echo "not ok 1 - the fuzz target builds"
  echo "1..1"
  exit 1
fi
echo "ok 1 - the fuzz target builds"

if (cd "$out" && ./fuzz-engine -max_total_time="$seconds" -rss_limit_mb=2048 \
      -timeout=20 -print_final_stats=1 corpus > fuzz.log 2>&1); then
  runs=$(grep -E '^stat::number_of_executed_units' "$out/fuzz.log" | awk '{print $2}')
  echo "ok 2 - $seconds s of fuzzing, ${runs:-?} inputs, nothing found"
  status=0
else
  tail -n 40 "$out/fuzz.log" | sed 's/^/# /'
  echo "not ok 2 - fuzzing found a failure (input saved in $out/)"
  status=1
fi
echo "1..2"
exit $status
