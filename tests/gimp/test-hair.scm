; plug-in-scalp-micropigmentation-pigment-from-hair: the pigment for the
; hair in the selection, as the dialog's From Hair takes it, for scripts:
; the checks are tests/hair-checks.scm, which follows.

(define (hair img drw)
  (plug-in-scalp-micropigmentation-pigment-from-hair RUN-NONINTERACTIVE img drw))

(define (new-skin width height) (smp-new-image width height RGB-IMAGE))
(define (rgb-of answer) (car answer))
(define (clean? img) (= 0 (car (gimp-image-is-dirty img))))
; The image made indexed; its drawable.
(define (indexed img)
  (gimp-image-convert-indexed img CONVERT-DITHER-NONE CONVERT-PALETTE-GENERATE
                              16 FALSE FALSE "")
  (car (gimp-image-get-active-drawable img)))
(define (fill-selection drw) (gimp-edit-fill drw FILL-FOREGROUND))
; The filter at 100 px per cm, seed 7, on the drawable itself.
(define (treat img drw match) (smp img drw (list (cons 'match-hair match))))
