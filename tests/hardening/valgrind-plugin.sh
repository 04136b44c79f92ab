#!/bin/sh
# Runs the plug-in under valgrind's memcheck inside a headless GIMP: RGB
# and GRAYA float, a feathered selection, every output.  Fails on any
# invalid read or write, any use of uninitialised memory, and any block
# definitely lost with the plug-in's own code in its stack.  TAP output.
#
# The plug-in runs with GEGL_PATH at an empty folder: it uses no GEGL
# operation, and gegl_init would otherwise load every module GEGL ships,
# whose libraries' start-up (Highway's timer, for one) may run an
# instruction valgrind cannot decode on some processors.  Should one still
# stop valgrind, the test says which and skips.
#
#   valgrind-plugin.sh PLUGIN FILE.scm...   (the table's defaults and the
#                                          prelude, run before its calls)
set -u
plugin=$1
shift
profile=$("$(dirname "$0")/../make-profile.sh" \
  "scalp-micropigmentation/REAL=$plugin")
trap 'rm -rf "$profile"' EXIT
folder="$profile/plug-ins/scalp-micropigmentation"
mkdir -p "$profile/logs" "$profile/no-gegl-modules"
cat > "$folder/scalp-micropigmentation" <<WRAP
#!/bin/sh
case "\$*" in
  *-run*) GEGL_PATH="$profile/no-gegl-modules" \
          exec valgrind --tool=memcheck --leak-check=full \
            --show-leak-kinds=definite --num-callers=30 \
            --log-file="$profile/logs/memcheck.%p" "$folder/REAL" "\$@" ;;
  *) exec "$folder/REAL" "\$@" ;;
esac
WRAP
chmod +x "$folder/scalp-micropigmentation"

{ cat "$@"; cat <<'SCM'; } |
(define (run type precision output)
  (let* ((img (car (gimp-image-new 160 120 (if (= type GRAYA-IMAGE) GRAY RGB))))
         (drw (car (gimp-layer-new img 160 120 type "skin" 100 LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer img drw 0 0)
    (gimp-context-set-foreground '(200 150 125))
    (gimp-drawable-fill drw FILL-FOREGROUND)
    (gimp-image-convert-precision img precision)
    (gimp-context-set-feather TRUE)
    (gimp-context-set-feather-radius 15 15)
    (gimp-image-select-ellipse img CHANNEL-OP-REPLACE 10 10 140 100)
    (smp img drw (list '(density . 150) '(dot-size . 0.5) '(hairline-fade . 3)
                       '(seed . 1) (cons 'output output)))
    (display "\nvalgrind-run-done\n")))
(run RGB-IMAGE PRECISION-U16-GAMMA 0)
(run GRAYA-IMAGE PRECISION-FLOAT-LINEAR 2)
(run RGB-IMAGE PRECISION-HALF-LINEAR 1)
(gimp-quit 0)
SCM
  GIMP2_DIRECTORY="$profile" timeout 1200 gimp-console-2.10 -i -d -f \
    --batch-interpreter plug-in-script-fu-eval -b - > "$profile/gimp.log" 2>&1

n=0 failed=0
logs=$(ls "$profile"/logs/memcheck.* 2>/dev/null)
unhandled=$(grep -h -m1 -o 'unhandled instruction bytes: [0-9xA-Fa-f ]*' $logs \
            /dev/null | head -n 1)
if [ -n "$unhandled" ]; then
  echo "1..0 # SKIP valgrind cannot run this processor's code: $unhandled"
  exit 0
fi

runs=$(grep -c "valgrind-run-done" "$profile/gimp.log")
n=$((n + 1))
if [ "$runs" -eq 3 ]; then
  echo "ok $n - three runs under memcheck finished"
else
  echo "not ok $n - three runs under memcheck finished ($runs did)"
  tail -n 30 "$profile/gimp.log" | sed 's/^/# /'
  failed=1
fi

# Memory errors, record by record.  Records raised inside the dynamic
# loader while it maps the libraries (ld.so's optimised string functions)
# are valgrind's known false positives, counted apart.
errors=$(awk '/== (Invalid (read|write|free)|Conditional jump|Use of uninitialised|Syscall param)/ {
                rec = 1; loader = 0; next }
              rec && /(dl-load\.c|dl-open\.c|dl-deps\.c|rtld\.c)/ { loader = 1 }
              rec && /^==[0-9]+== *$/ { if (loader) l++; else e++; rec = 0 }
              END { print e + 0, l + 0 }' $logs)
real_errors=${errors% *}
loader_errors=${errors#* }
n=$((n + 1))
if [ -n "$logs" ] && [ "$real_errors" -eq 0 ]; then
  echo "ok $n - no invalid reads or writes, no uninitialised memory ($loader_errors loader-only records set aside)"
else
  echo "not ok $n - no invalid reads or writes, no uninitialised memory ($real_errors)"
  grep -h -E -A 12 'Invalid (read|write|free)|uninitialised|Conditional jump' $logs |
    grep -v -E 'dl-[a-z-]+\.c|rtld' | head -n 60 | sed 's/^/# /'
  failed=1
fi

# A leak is the plug-in's when its code made the allocation: one of its
# functions among the five frames nearest malloc.  (Its run() is at the
# bottom of every stack, GEGL's own start-up included.)
ours=$(awk '/definitely lost in loss record/ { rec = 1; depth = 0; mine = 0; next }
            rec && /(at|by) 0x/ { depth++; if (depth <= 5 && /(smp_|smp-|scalp-micropigmentation)/) mine = 1 }
            rec && /^==[0-9]+== *$/ { if (mine) n++; rec = 0 }
            END { print n + 0 }' $logs)
n=$((n + 1))
if [ "$ours" -eq 0 ]; then
  echo "ok $n - no definite leaks from the plug-in's code"
else
  echo "not ok $n - no definite leaks from the plug-in's code ($ours)"
  grep -h -A 20 'definitely lost in loss record' $logs | head -n 60 | sed 's/^/# /'
  failed=1
fi
echo "1..$n"
exit $failed
