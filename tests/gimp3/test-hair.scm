; plug-in-scalp-micropigmentation-pigment-from-hair in GIMP 3: the same
; arguments and answers as in GIMP 2.10, the same checks
; (tests/hair-checks.scm, which follows).

(define (hair img drw)
  (plug-in-scalp-micropigmentation-pigment-from-hair
    #:run-mode RUN-NONINTERACTIVE #:image img #:drawable drw))

(define (new-skin width height)
  (let ((made (smp-new-image width height)))
    (gimp-selection-none (car made))
    made))
; GIMP 3 gives the colour with its alpha.
(define (rgb-of answer)
  (let ((p (car answer))) (list (car p) (cadr p) (caddr p))))
(define (clean? img) (= 0 (car (gimp-image-is-dirty img))))
; The image made indexed; its drawable.
(define (indexed img)
  (gimp-image-convert-indexed img CONVERT-DITHER-NONE CONVERT-PALETTE-GENERATE
                              16 FALSE FALSE "Default")
  (vector-ref (car (gimp-image-get-layers img)) 0))
(define (fill-selection drw) (gimp-drawable-edit-fill drw FILL-FOREGROUND))
; The filter at 100 px per cm, seed 7, on the drawable itself.
(define (treat img drw match)
  (plug-in-scalp-micropigmentation #:run-mode RUN-NONINTERACTIVE #:image img
    #:drawables (vector drw) #:scale 100 #:seed 7 #:output 0 #:match-hair match))
(define (first-layer img) (vector-ref (car (gimp-image-get-layers img)) 0))
