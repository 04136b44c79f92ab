#!/bin/sh
# Runs the installed filter once, in a headless GIMP, on a made-up scalp,
# and writes its consultation sheet: the scalp before and after, side by
# side, labelled as a simulation.
#
#   tests/demo/smp-demo.sh BUILD_DIR [OUTPUT.png]
#
# The plug-in must be installed in the GIMP profile GIMP will use
# (GIMP2_DIRECTORY, or ~/.config/GIMP/2.10): `ninja -C BUILD_DIR install`.
set -eu
build=$1
out=${2:-smp-before-after.png}
work=$(mktemp -d "${TMPDIR:-/tmp}/smp-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A crown 12 cm wide at 80 px per cm, with hair along the top.
"$build/tests/smp-synthetic" --width 960 --height 640 --hair --scalp "$work/scalp.png"

gimp-console-2.10 -i -d --batch-interpreter plug-in-script-fu-eval -b - <<SCM > "$work/log" 2>&1 || { cat "$work/log"; exit 1; }
(let* ((img (car (file-png-load RUN-NONINTERACTIVE "$work/scalp.png" "scalp.png")))
       (skin (car (gimp-image-get-active-layer img))))
  ; The thinning crown, as a clinic would select it: a feathered ellipse.
  (gimp-context-set-feather TRUE)
  (gimp-context-set-feather-radius 40 40)
  (gimp-image-select-ellipse img CHANNEL-OP-REPLACE 60 70 840 620)
  ; Output 1: the impressions on a layer of their own, which the sheet
  ; shows and hides.
  (plug-in-scalp-micropigmentation RUN-NONINTERACTIVE img skin
                                   80 0.5 0.4 '(46 44 50) 95 0.25 0.4 0.35 11 0.8
                                   3 80 2026 1)
  (gimp-selection-none img)
  (let* ((sheet (car (plug-in-scalp-micropigmentation-sheet
                      RUN-NONINTERACTIVE img 0 0 "")))
         (flat (car (gimp-image-flatten sheet))))
    (file-png-save-defaults RUN-NONINTERACTIVE sheet flat "$out" "$out"))
  (display "\nsmp-demo done\n"))
(gimp-quit 0)
SCM
grep -q "smp-demo done" "$work/log" || { cat "$work/log"; exit 1; }
echo "Wrote $out: the made-up scalp before (left) and after (right), as a consultation sheet."
