; scalp-micropigmentation: helpers for the headless GIMP 3 tests.
;
; Script-Fu 3 calls take named arguments.  The checks themselves are in
; tests/smp-checks.scm.

; A skin-toned layer, 100 px per cm, an ellipse selected: (image layer).
(define (smp-new-image width height)
  (let* ((img (car (gimp-image-new width height RGB)))
         (layer (car (gimp-layer-new img "skin" width height RGB-IMAGE 100
                                     LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer img layer 0 0)
    (gimp-context-set-foreground '(200 150 125))
    (gimp-drawable-fill layer FILL-FOREGROUND)
    (gimp-image-set-resolution img 254 254)
    (gimp-image-select-ellipse img CHANNEL-OP-REPLACE
                               (/ width 10) (/ height 10)
                               (* width 0.8) (* height 0.8))
    (list img layer)))

; The mean of a drawable's values, 0 to 1.
(define (mean drw)
  (car (gimp-drawable-histogram drw HISTOGRAM-VALUE 0.0 1.0)))

(define (layer-count img)
  (vector-length (car (gimp-image-get-layers img))))
