#!/bin/sh
# Runs the installed filter once, in a headless GIMP, on a made-up scalp,
# and writes its consultation sheet: the scalp before and after, side by
# side, labelled as a simulation.
#
#   tests/demo/smp-demo.sh BUILD_DIR [OUTPUT.png]
#
# The plug-in must be installed in the GIMP profile GIMP will use:
# `ninja -C BUILD_DIR install`.  The build says which GIMP it is for:
# GIMP 2.10 (GIMP2_DIRECTORY, or ~/.config/GIMP/2.10) or GIMP 3
# (GIMP3_DIRECTORY, or ~/.config/GIMP/3.0).
set -eu
build=$1
out=${2:-smp-before-after.png}
case $out in /*) ;; *) out=$PWD/$out ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/smp-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A crown 12 cm wide at 80 px per cm, with hair along the top.
"$build/tests/smp-synthetic" --width 960 --height 640 --hair --scalp "$work/scalp.png"

# The same call in both GIMPs: the thinning crown selected as a clinic
# would, a feathered ellipse; the defaults but hair blend 0.8, 80 px per
# cm and seed 2026; output 1, the impressions on a layer of their own,
# which the sheet shows and hides.
if grep -q '^#define SMP_GIMP 3' "$build/plug-in/config.h"; then
  cat > "$work/demo.scm" <<SCM
(let* ((img (car (gimp-file-load RUN-NONINTERACTIVE "$work/scalp.png")))
       (skin (vector-ref (car (gimp-image-get-layers img)) 0)))
  (gimp-context-set-feather TRUE)
  (gimp-context-set-feather-radius 40 40)
  (gimp-image-select-ellipse img CHANNEL-OP-REPLACE 60 70 840 620)
  (plug-in-scalp-micropigmentation #:run-mode RUN-NONINTERACTIVE #:image img
                                   #:drawables (vector skin) #:hair-blend 0.8
                                   #:scale 80 #:seed 2026 #:output 1)
  (gimp-selection-none img)
  (let* ((sheet (car (plug-in-scalp-micropigmentation-sheet
                      #:run-mode RUN-NONINTERACTIVE #:image img #:panels 0
                      #:crop 0 #:label "")))
         (flat (car (gimp-image-flatten sheet))))
    (gimp-file-save RUN-NONINTERACTIVE sheet "$out" -1))
  (display "\nsmp-demo done\n"))
SCM
  gimp-console-3.0 -i -d --quit --batch-interpreter=plug-in-script-fu-eval \
    -b "(load \"$work/demo.scm\")" > "$work/log" 2>&1 || { cat "$work/log"; exit 1; }
else
  gimp-console-2.10 -i -d --batch-interpreter plug-in-script-fu-eval -b - <<SCM > "$work/log" 2>&1 || { cat "$work/log"; exit 1; }
(let* ((img (car (file-png-load RUN-NONINTERACTIVE "$work/scalp.png" "scalp.png")))
       (skin (car (gimp-image-get-active-layer img))))
  (gimp-context-set-feather TRUE)
  (gimp-context-set-feather-radius 40 40)
  (gimp-image-select-ellipse img CHANNEL-OP-REPLACE 60 70 840 620)
  (plug-in-scalp-micropigmentation RUN-NONINTERACTIVE img skin
                                   80 0.5 0.4 '(46 44 50) 95 0.25 0.4 0.35 11 0.8 0
                                   3 80 2026 1)
  (gimp-selection-none img)
  (let* ((sheet (car (plug-in-scalp-micropigmentation-sheet
                      RUN-NONINTERACTIVE img 0 0 "")))
         (flat (car (gimp-image-flatten sheet))))
    (file-png-save-defaults RUN-NONINTERACTIVE sheet flat "$out" "$out"))
  (display "\nsmp-demo done\n"))
(gimp-quit 0)
SCM
fi
grep -q "smp-demo done" "$work/log" || { cat "$work/log"; exit 1; }
echo "Wrote $out: the made-up scalp before (left) and after (right), as a consultation sheet."
