#!/bin/sh
# The filter's dialog in a real GIMP 3 under Xvfb: it opens on an image,
# a screenshot is taken, Enter presses OK, and what OK made equals the
# non-interactive call with the same values; then one Ctrl+Z in the
# image's window undoes all of it; on an image the filter treated, the
# dialog starts from that treatment, replaces it, and with "Make a
# consultation sheet" checked makes the sheet; Measure beside the scale
# sets the image's scale from a path; a preset chosen applies, New Seed
# draws a seed, and a preset of one's own is kept.  TAP output.
#
#   test-dialog.sh BUILD_DIR SHOT_DIR
set -u
build=$1 shots=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/smp-gimp3-gui.XXXXXX")
mkdir -p "$shots"
xvfb_pid= gimp_pid=
finish () {
  # Only the processes this test started, by their ids.
  [ -n "$gimp_pid" ] && kill "$gimp_pid" 2> /dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2> /dev/null
  rm -rf "$work"
}
trap finish EXIT
trap 'exit 1' INT TERM

GIMP3_DIRECTORY="$work/profile" "$(dirname "$0")/../../plug-in/install-user.sh" \
  "$build/plug-in/scalp-micropigmentation" "$build/po" \
  gimp20-scalp-micropigmentation "$build/doc/help" 3 > /dev/null

display=:$(( ($$ % 400) + 100 ))
Xvfb "$display" -screen 0 1600x1200x24 > "$work/xvfb.log" 2>&1 &
xvfb_pid=$!
sleep 2

# Twin images; the dialog's OK on one, the call without it on the other.
cat > "$work/run.scm" <<SCM
(define (scalp)
  (let* ((img (car (gimp-image-new 560 420 RGB)))
         (drw (car (gimp-layer-new img "skin" 560 420 RGB-IMAGE 100
                                   LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer img drw 0 0)
    (gimp-context-set-foreground '(200 150 125))
    (gimp-drawable-fill drw FILL-FOREGROUND)
    (gimp-image-set-resolution img 203.2 203.2)
    (gimp-image-select-ellipse img CHANNEL-OP-REPLACE 40 60 480 320)
    (list img drw)))
(define (save img file)
  (gimp-image-flatten img)
  (file-png-export #:run-mode RUN-NONINTERACTIVE #:image img #:file file))
(define a (scalp))
(define b (scalp))
(gimp-display-new (car a))
(plug-in-scalp-micropigmentation #:run-mode RUN-INTERACTIVE #:image (car a)
  #:drawables (vector (cadr a)) #:pigment '(46 44 50) #:density 90)
(plug-in-scalp-micropigmentation #:run-mode RUN-NONINTERACTIVE #:image (car b)
  #:drawables (vector (cadr b)) #:pigment '(46 44 50) #:density 90)
(save (car b) "$work/call.png")
(file-png-export #:run-mode RUN-NONINTERACTIVE #:image (car a) #:file "$work/ok.png")
; The dialog again, on the untouched twin, holds the batch while the test
; presses Ctrl+Z in the first image's window, then cancels.
(define c (scalp))
(catch #f (plug-in-scalp-micropigmentation #:run-mode RUN-INTERACTIVE
  #:image (car c) #:drawables (vector (cadr c)) #:pigment '(46 44 50)))
(file-png-export #:run-mode RUN-NONINTERACTIVE #:image (car a) #:file "$work/undone.png")
(save (car c) "$work/original.png")
; An image treated before, a layer per session: the dialog starts from its
; treatment, replaces it, and with the sheet checked makes the sheet.
(define d (scalp))
(plug-in-scalp-micropigmentation #:run-mode RUN-NONINTERACTIVE #:image (car d)
  #:drawables (vector (cadr d)) #:pigment '(46 44 50) #:density 55
  #:sessions 2 #:output 2)
(define before (vector-length (car (gimp-get-images))))
(plug-in-scalp-micropigmentation #:run-mode RUN-INTERACTIVE #:image (car d)
  #:drawables (vector (cadr d)) #:pigment '(46 44 50))
(define top (vector-ref (car (gimp-image-get-layers (car d))) 0))
(display (string-append "\nsmp-second-run "
  (number->string (- (vector-length (car (gimp-get-images))) before)) " "
  (number->string (vector-length (car (gimp-image-get-layers (car d))))) " "
  (if (string? (caddr (car (gimp-item-get-parasite top "scalp-micropigmentation-treatment"))))
      "parasite" "none")
  "\n"))
(display (caddr (car (gimp-item-get-parasite top "scalp-micropigmentation-treatment"))))
; Measure beside the scale: a path 200 px long, the calibration's dialog
; told 2.5 cm, then the filter's dialog cancelled: the image keeps the
; scale measured, 80 px per cm (203.2 ppi).
(define e (scalp))
(gimp-image-set-resolution (car e) 72 72)
(let* ((path (car (gimp-path-new (car e) "ruler"))))
  (gimp-image-insert-path (car e) path 0 0)
  (gimp-path-stroke-new-from-points path PATH-STROKE-TYPE-BEZIER
    (vector 100 100 100 100 100 100 300 100 300 100 300 100) FALSE)
  (gimp-image-set-selected-paths (car e) (vector path)))
(catch #f (plug-in-scalp-micropigmentation #:run-mode RUN-INTERACTIVE
  #:image (car e) #:drawables (vector (cadr e)) #:pigment '(46 44 50)))
(display (string-append "\nsmp-measured "
  (number->string (car (gimp-image-get-resolution (car e)))) "\n"))
; Presets and the seed: the first preset chosen, New Seed, the values saved
; as a preset of one's own, then OK.
(define f (scalp))
(plug-in-scalp-micropigmentation #:run-mode RUN-INTERACTIVE #:image (car f)
  #:drawables (vector (cadr f)) #:pigment '(46 44 50) #:density 60 #:seed 7)
(display (string-append "\nsmp-preset-treatment\n"
  (caddr (car (gimp-item-get-parasite
               (vector-ref (car (gimp-image-get-layers (car f))) 0)
               "scalp-micropigmentation-treatment")))))
SCM

DISPLAY=$display GIMP3_DIRECTORY="$work/profile" \
  gimp-3.0 -d --no-splash --quit \
  --batch-interpreter=plug-in-script-fu-eval -b "(load \"$work/run.scm\")" \
  > "$work/gimp.log" 2>&1 &
gimp_pid=$!

window=
for i in $(seq 1 120); do
  window=$(DISPLAY=$display xdotool search --name '^Scalp Micropigmentation$' 2> /dev/null | tail -n 1)
  [ -n "$window" ] && break
  sleep 1
done
if [ -n "$window" ]; then
  echo "ok 1 - the dialog opens"
  sleep 6  # the preview places the impressions
  DISPLAY=$display xdotool mousemove 1599 1199
  DISPLAY=$display import -window "$window" "$shots/dialog-gimp3.png"
  DISPLAY=$display xdotool windowfocus --sync "$window" key Return
else
  echo "not ok 1 - the dialog opens"
fi

# The second dialog, once the first has gone (X may give it the same
# id): Ctrl+Z in the image's window, then Escape.
dialog () {
  DISPLAY=$display xdotool search --name '^Scalp Micropigmentation$' 2> /dev/null | tail -n 1
}
# The next dialog's window, once the one open has gone.
next_dialog () {
  for i in $(seq 1 120); do
    [ -z "$(dialog)" ] && break
    sleep 1
  done
  for i in $(seq 1 120); do
    [ -n "$(dialog)" ] && break
    sleep 1
  done
  dialog
}
# The next filter dialog after window, told from it by its process, as
# window may not be gone before the next comes.
dialog_after () {
  previous=$(DISPLAY=$display xdotool getwindowpid "$1" 2> /dev/null)
  for i in $(seq 1 120); do
    next=$(dialog)
    [ -n "$next" ] &&
      [ "$(DISPLAY=$display xdotool getwindowpid "$next" 2> /dev/null)" != "$previous" ] &&
      { echo "$next"; return; }
    sleep 1
  done
}
# A window whose name matches, once it has come (a minute at most).
window_named () {
  for i in $(seq 1 60); do
    found=$(DISPLAY=$display xdotool search --name "$1" 2> /dev/null | tail -n 1)
    [ -n "$found" ] && { echo "$found"; return; }
    sleep 1
  done
}
second=$(next_dialog)
image_window=$(DISPLAY=$display xdotool search --name 'Untitled.*GIMP' 2> /dev/null | head -n 1)
echo "# dialogs $window then $second, the image's window $image_window"
if [ -n "$second" ] && [ -n "$image_window" ]; then
  # No window manager runs: focus, not activate.
  DISPLAY=$display xdotool windowfocus --sync "$image_window" key ctrl+z
  sleep 2
  DISPLAY=$display xdotool windowfocus --sync "$second" key Escape
fi

# The third: the sheet checked (Alt+K), then OK.
third=$(next_dialog)
if [ -n "$third" ]; then
  sleep 4
  DISPLAY=$display xdotool mousemove 1599 1199
  DISPLAY=$display import -window "$third" "$shots/dialog-gimp3-again.png"
  DISPLAY=$display xdotool windowfocus --sync "$third" key alt+k
  sleep 1
  DISPLAY=$display xdotool windowfocus --sync "$third" key Return
fi

# The fourth: Measure (Alt+M), 2.5 cm and Enter in the calibration's
# dialog, then Escape in the filter's.
fourth=$(dialog_after "$third")
if [ -n "$fourth" ]; then
  sleep 4
  DISPLAY=$display xdotool windowfocus --sync "$fourth" key alt+m
  calibrate=$(window_named '^Scalp Micropigmentation Calibrate$')
  if [ -n "$calibrate" ]; then
    sleep 2
    DISPLAY=$display xdotool windowfocus --sync "$calibrate" key ctrl+a
    DISPLAY=$display xdotool type --delay 80 2.5
    DISPLAY=$display xdotool key Return
    sleep 3
  fi
  DISPLAY=$display xdotool mousemove 1599 1199
  DISPLAY=$display import -window "$fourth" "$shots/dialog-gimp3-measured.png"
  DISPLAY=$display xdotool windowfocus --sync "$fourth" key Escape
fi

# The fifth: Alt+E (the presets' mnemonic in English, where Save Settings
# takes S), Down to the first preset, Shaved look; New Seed (Alt+N); Tab
# to the save button, a name, and OK (Alt+O).
fifth=$(dialog_after "$fourth")
if [ -n "$fifth" ]; then
  sleep 4
  for keys in alt+e Down alt+n alt+e Tab space; do
    DISPLAY=$display xdotool windowfocus --sync "$fifth" key "$keys"
    sleep 1
  done
  named=$(window_named '^Save Preset$')
  if [ -n "$named" ]; then
    DISPLAY=$display xdotool windowfocus --sync "$named" key ctrl+a
    DISPLAY=$display xdotool type --delay 80 "Clinic house"
    DISPLAY=$display xdotool key Return
    sleep 2
  fi
  DISPLAY=$display xdotool mousemove 1599 1199
  DISPLAY=$display import -window "$fifth" "$shots/dialog-gimp3-preset.png"
  DISPLAY=$display xdotool windowfocus --sync "$fifth" key alt+o
fi

for i in $(seq 1 120); do
  kill -0 "$gimp_pid" 2> /dev/null || break
  sleep 1
done
gimp_pid=

# ok N NAME A B: whether the PNG files A and B, in the work folder, have
# the same pixels.
same () {
  if [ -s "$work/$3" ] && [ -s "$work/$4" ] &&
     [ "$(compare -metric AE "$work/$3" "$work/$4" null: 2>&1)" = 0 ]; then
    echo "ok $1 - $2"
  else
    echo "not ok $1 - $2"
    tail -n 30 "$work/gimp.log" | sed 's/^/# /'
  fi
}
same 2 "OK makes what the non-interactive call makes" ok.png call.png
same 3 "one Ctrl+Z undoes the filter" undone.png original.png

# One new image, the sheet; the image keeps the skin and two session
# layers, the earlier ones replaced; their treatment is the earlier one's.
if grep -q '^smp-second-run 1 3 parasite$' "$work/gimp.log" &&
   grep -q '^density=55$' "$work/gimp.log"; then
  echo "ok 4 - on a treated image the dialog starts from its treatment, replaces it and makes the sheet"
else
  echo "not ok 4 - on a treated image the dialog starts from its treatment, replaces it and makes the sheet"
  grep -A3 'smp-second-run' "$work/gimp.log" | sed 's/^/# /'
fi
if grep -q '^smp-measured 203.2' "$work/gimp.log"; then
  echo "ok 5 - Measure beside the scale sets the scale from a path through the calibration"
else
  echo "not ok 5 - Measure beside the scale sets the scale from a path through the calibration"
  grep 'smp-measured' "$work/gimp.log" | sed 's/^/# /'
fi
# The preset's values, a new seed (the dialog starts from 7, the seed
# passed, or 1, the last values'), and the preset kept beside GIMP's own
# saved settings of the procedure.
treatment=$(sed -n '/^smp-preset-treatment$/,/^\[layer\]/p' "$work/gimp.log")
presets="$work/profile/plug-in-settings/plug-in-scalp-micropigmentation.presets"
if echo "$treatment" | grep -q '^density=85$' &&
   echo "$treatment" | grep -q '^hairline-fade=10$' &&
   echo "$treatment" | grep -q '^seed=' &&
   ! echo "$treatment" | grep -q '^seed=[17]$'; then
  echo "ok 6 - a preset chosen applies its values, and New Seed draws a new seed"
else
  echo "not ok 6 - a preset chosen applies its values, and New Seed draws a new seed"
  echo "$treatment" | sed 's/^/# /'
fi
if grep -q '^\[Clinic house\]$' "$presets" 2> /dev/null &&
   grep -q '^density=85$' "$presets"; then
  echo "ok 7 - a preset of one's own is kept beside GIMP's saved settings"
else
  echo "not ok 7 - a preset of one's own is kept beside GIMP's saved settings"
  ls "$work/profile/plug-in-settings" 2>&1 | sed 's/^/# /'
fi
echo "1..7"
