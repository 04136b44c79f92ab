; GIMP 3 gives the pixels GIMP 2.10 gives: the same call (the defaults
; but 80 px per cm, seed 7 and output 0, as tests/gimp/test-golden.scm
; makes it) on the same made-up scalp (written by the engine's own code,
; the same bytes on every machine), against the golden image GIMP 2.10
; made of it, within one level.

(define (load path)
  (car (gimp-file-load RUN-NONINTERACTIVE path)))

(let* ((img (load smp-scalp-png))
       (drw (vector-ref (car (gimp-image-get-layers img)) 0))
       (ref (vector-ref (car (gimp-image-get-layers (load smp-reference-png))) 0)))
  (gimp-context-set-feather TRUE)
  (gimp-context-set-feather-radius 24 24)
  (gimp-image-select-ellipse img CHANNEL-OP-REPLACE 30 20 170 130)
  (gimp-context-set-feather FALSE)
  (check "the made-up scalp is not the golden image before the filter"
         (not (same-pixels? drw ref)))
  (plug-in-scalp-micropigmentation #:run-mode RUN-NONINTERACTIVE #:image img
    #:drawables (vector drw) #:pigment '(46 44 50) #:scale 80 #:seed 7
    #:output 0)
  (check "GIMP 3 gives GIMP 2.10's pixels on the made-up scalp, within a level"
         (same-pixels? drw ref)))
