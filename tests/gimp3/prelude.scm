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

(define (layers-of img) (vector->list (car (gimp-image-get-layers img))))

(define (named img name)
  (let loop ((ls (layers-of img)))
    (cond ((null? ls) #f)
          ((string=? name (car (gimp-item-get-name (car ls)))) (car ls))
          (else (loop (cdr ls))))))

; What the text layers of img say.
(define (texts img)
  (let loop ((ls (layers-of img)) (found '()))
    (if (null? ls)
        found
        (let ((text (smp-try (lambda () (car (gimp-text-layer-get-text (car ls)))))))
          (loop (cdr ls) (if (eq? 'ok (car text)) (cons (cdr text) found) found))))))

; Whether two drawables of the same size differ nowhere by more than one
; 8-bit level: their difference, flattened, has no pixel above it.
(define (same-pixels? a b)
  (let* ((w (car (gimp-drawable-get-width a))) (h (car (gimp-drawable-get-height a)))
         (img (car (gimp-image-new w h RGB)))
         (la (car (gimp-layer-new-from-drawable a img)))
         (lb (car (gimp-layer-new-from-drawable b img))))
    (gimp-image-insert-layer img la 0 0)
    (gimp-image-insert-layer img lb 0 0)
    (gimp-layer-set-offsets la 0 0)
    (gimp-layer-set-offsets lb 0 0)
    (gimp-layer-set-mode lb LAYER-MODE-DIFFERENCE)
    (let* ((flat (car (gimp-image-flatten img)))
           (over (list-ref (gimp-drawable-histogram flat HISTOGRAM-VALUE
                                                    (/ 1.5 255) 1.0) 4)))
      (gimp-image-delete img)
      (and (= w (car (gimp-drawable-get-width b)))
           (= h (car (gimp-drawable-get-height b)))
           (= 0 over)))))
