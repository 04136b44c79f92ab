; The hair, as both GIMPs see it: the pigment from the hair
; (plug-in-scalp-micropigmentation-pigment-from-hair) and the filter's
; match-hair over a bald patch among stubble.  The checks both GIMPs run,
; after their own test-hair.scm defines (hair img drw),
; (new-skin width height), (fill-selection drw), (rgb-of answer),
; (clean? img), (indexed img), (treat img drw match) and (first-layer
; img).

; Strands of the colour over the top half of a 300 x 300 skin (100 px per
; cm): 2 px wide, 1 px apart, of varied lengths (GIMP runs here without
; brushes, so they are filled rectangles); then nothing selected.
(define (scalp-with-hair color)
  (let* ((made (new-skin 300 300)) (img (car made)) (drw (cadr made)))
    (gimp-context-push)
    (gimp-context-set-foreground color)
    (let loop ((x 0))
      (when (< x 300)
        (gimp-image-select-rectangle img CHANNEL-OP-REPLACE x (modulo x 11)
                                     2 (- 150 (modulo (* x 7) 23)))
        (fill-selection drw)
        (loop (+ x 3))))
    (gimp-selection-none img)
    (gimp-context-pop)
    (gimp-image-clean-all img)
    made))

(define (share-of answer) (cadr answer))
(define (lightness-of answer) (caddr answer))

(let* ((made (scalp-with-hair '(190 190 190))) (img (car made)) (drw (cadr made))
       (answer (hair img drw)) (p (rgb-of answer)))
  (note "grey hair: " answer)
  (check "grey hair: about half the photo is hair"
         (and (> (share-of answer) 0.35) (< (share-of answer) 0.65)))
  (check "grey hair: its lightness is that of a light grey"
         (and (> (lightness-of answer) 60) (<= (lightness-of answer) 100)))
  (check "grey hair: a lighter, warmer grey than the charcoal"
         (and (> (car p) 80) (> (car p) (caddr p))))
  (check "grey hair: nothing changes" (clean? img))
  (gimp-image-delete img))

; A bald area selected tightly, its edge 10 px below the strands' ends:
; the hair just around it gives the tone.
(let* ((made (scalp-with-hair '(190 190 190))) (img (car made)) (drw (cadr made)))
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 0 160 300 140)
  (let ((answer (hair img drw)))
    (note "grey hair around a tight selection: " answer)
    (check "grey hair around the selection: none in it, the light grey's lightness"
           (and (< (share-of answer) 0.01) (> (lightness-of answer) 60))))
  (gimp-image-delete img))

(let* ((made (scalp-with-hair '(30 25 20))) (img (car made)) (drw (cadr made))
       (answer (hair img drw)) (p (rgb-of answer)))
  (note "dark hair: " answer)
  (check "dark hair: dark, and about half the photo"
         (and (< (lightness-of answer) 30) (> (share-of answer) 0.35)))
  (check "dark hair: the charcoal, or next to it"
         (and (< (abs (- (car p) 46)) 6) (< (abs (- (caddr p) 50)) 6)))
  (gimp-image-delete img))

(let* ((made (new-skin 200 200)) (img (car made)) (drw (cadr made))
       (answer (hair img drw)))
  (note "bare skin: " answer)
  (check "bare skin: no hair, lightness -1 and the table's charcoal"
         (and (< (share-of answer) 0.01) (= (lightness-of answer) -1)
              (equal? (rgb-of answer) '(46 44 50))))
  (gimp-image-delete img))

(let* ((made (new-skin 60 60)) (img (car made))
       (outcome (smp-try (lambda () (hair img (indexed img))))))
  (check "an indexed image: refused, with the reason"
         (and (eq? 'error (car outcome))
              (contains? (cdr outcome) "Indexed images are not supported")))
  (gimp-image-delete img))

; Match hair: a bald patch among dark stubble, 3 x 3 cm at 100 px per cm,
; the stubble 2 x 2 px dots on a jittered 5 px grid, the patch 1.2 cm
; across in the middle; nothing selected.  The patch's middle against a
; band of stubble at least 3 mm from it, by their mean luminance: how much
; lighter the patch looks.
(define (scalp-with-patch)
  (let* ((made (new-skin 300 300)) (img (car made)) (drw (cadr made)))
    (gimp-selection-none img)
    (let loop ((i 0))
      (when (< i 3600)
        (let ((x (+ (* 5 (modulo i 60)) (modulo (* i 7) 4)))
              (y (+ (* 5 (quotient i 60)) (modulo (* i 3) 4))))
          (gimp-image-select-rectangle img CHANNEL-OP-ADD x y 2 2))
        (loop (+ i 1))))
    (gimp-image-select-rectangle img CHANNEL-OP-SUBTRACT 90 90 120 120)
    (gimp-context-push)
    (gimp-context-set-foreground '(40 30 25))
    (fill-selection drw)
    (gimp-context-pop)
    (gimp-selection-none img)
    (gimp-image-clean-all img)
    made))

(define (mean-in img drw x y w h)
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE x y w h)
  (let ((m (car (gimp-drawable-histogram drw HISTOGRAM-LUMINANCE 0.0 1.0))))
    (gimp-selection-none img)
    m))

(define (patch-contrast img drw)
  (- (/ (mean-in img drw 110 110 80 80) (mean-in img drw 0 0 300 60)) 1))

(let* ((made (scalp-with-patch)) (img (car made)) (drw (cadr made))
       (before (patch-contrast img drw))
       (twin (car (gimp-image-duplicate img)))
       (twin-drw (first-layer twin)))
  (treat img drw 0.0)
  (treat twin twin-drw 1.0)
  (let ((even (patch-contrast img drw)) (matched (patch-contrast twin twin-drw)))
    (note "match hair: the patch's contrast " before ", treated evenly "
          even ", matching the hair " matched)
    (check "match hair: the bald patch stands out before"
           (> before 0.05))
    ; Evenly, hair blend keeps impressions off the stubble, and the patch
    ; darkens a little more than the stubble does.
    (check "match hair 0: treated evenly, the patch still stands out"
           (> even (* 0.4 before)))
    (check "match hair 1: the patch loses half its contrast or more"
           (< (abs matched) (* 0.5 before))))
  (gimp-image-delete twin)
  (gimp-image-delete img))
