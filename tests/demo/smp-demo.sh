#!/bin/sh
# Runs the installed filter once, in a headless GIMP, on a made-up scalp,
# and writes the untreated and the treated scalp side by side.
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

gimp-console-2.10 -i -d -f --batch-interpreter plug-in-script-fu-eval -b - <<SCM > "$work/log" 2>&1 || { cat "$work/log"; exit 1; }
(let* ((img (car (file-png-load RUN-NONINTERACTIVE "$work/scalp.png" "scalp.png")))
       (skin (car (gimp-image-get-active-layer img)))
       (before (car (gimp-layer-copy skin FALSE)))
       (w (car (gimp-image-width img)))
       (h (car (gimp-image-height img))))
  (gimp-image-insert-layer img before 0 1)
  ; The thinning crown, as a clinic would select it: a feathered ellipse.
  (gimp-context-set-feather TRUE)
  (gimp-context-set-feather-radius 40 40)
  (gimp-image-select-ellipse img CHANNEL-OP-REPLACE 60 70 840 620)
  (plug-in-scalp-micropigmentation RUN-NONINTERACTIVE img skin
                                   70 0.3 0.25 '(46 44 50) 80 0.35 0.15 8 0.8
                                   3 80 2026 0)
  (gimp-selection-none img)
  (gimp-image-resize img (* 2 w) h 0 0)
  (gimp-layer-set-offsets skin w 0)
  (let ((flat (car (gimp-image-flatten img))))
    (file-png-save-defaults RUN-NONINTERACTIVE img flat "$out" "$out"))
  (display "\nsmp-demo done\n"))
(gimp-quit 0)
SCM
grep -q "smp-demo done" "$work/log" || { cat "$work/log"; exit 1; }
echo "Wrote $out: the made-up scalp before (left) and after (right)."
