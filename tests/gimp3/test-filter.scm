; The filter in GIMP 3: outputs, refusals, precisions.

(define pigment '(46 44 50))

; Output 1: a layer above the drawable, carrying its treatment.
(let* ((made (smp-new-image 200 150)) (img (car made)) (drw (cadr made))
       (layer (car (plug-in-scalp-micropigmentation
                    #:run-mode RUN-NONINTERACTIVE #:image img
                    #:drawables (vector drw) #:density 60 #:pigment pigment
                    #:scale 100 #:seed 7 #:output 1))))
  (check "output 1 returns a new layer named as in GIMP 2.10"
         (string=? "Scalp micropigmentation" (car (gimp-item-get-name layer))))
  (check "output 1: the layer is above the drawable"
         (= 2 (layer-count img)))
  (let ((treatment (caddr (car (gimp-item-get-parasite
                                layer "scalp-micropigmentation-treatment")))))
    (note "treatment: " treatment)
    (check "output 1: the layer carries its treatment, the scale resolved"
           (and (contains? treatment "density=60")
                (contains? treatment "output=1")
                (contains? treatment "scale=100"))))
  (gimp-image-delete img))

; A pigment left out is the table's charcoal, as in GIMP 2.10: GIMP 3.0
; hands Script-Fu a colour argument's default as transparent black.
(let* ((treat (lambda extra
                (let* ((made (smp-new-image 200 150)) (img (car made))
                       (drw (cadr made)))
                  (apply plug-in-scalp-micropigmentation
                         (append (list #:run-mode RUN-NONINTERACTIVE
                                       #:image img #:drawables (vector drw)
                                       #:density 150 #:scale 100 #:seed 7
                                       #:output 0)
                                 extra))
                  (list img drw))))
       (left-out (treat))
       (given (treat #:pigment pigment))
       (layer (car (plug-in-scalp-micropigmentation
                    #:run-mode RUN-NONINTERACTIVE #:image (car left-out)
                    #:drawables (vector (cadr left-out)) #:output 1)))
       (treatment (caddr (car (gimp-item-get-parasite
                               layer "scalp-micropigmentation-treatment")))))
  (note "treatment without a pigment: " treatment)
  (check "a pigment left out is the charcoal (46, 44, 50)"
         (contains? treatment "pigment=0.1803921568627451;0.17254901960784313;0.19607843137254902;"))
  (check "a pigment left out gives the pixels of the charcoal passed"
         (same-pixels? (cadr left-out) (cadr given)))
  (gimp-image-delete (car left-out))
  (gimp-image-delete (car given)))

; Output 0 darkens the drawable itself; output 2 makes a layer per session.
(let* ((made (smp-new-image 200 150)) (img (car made)) (drw (cadr made))
       (before (mean drw)))
  (plug-in-scalp-micropigmentation
   #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drw)
   #:density 150 #:dot-size 0.6 #:pigment pigment #:scale 100 #:output 0)
  (note "mean before " before ", after " (mean drw))
  (check "output 0 darkens the drawable" (< (mean drw) (- before 0.002)))
  (check "output 0 adds no layer" (= 1 (layer-count img)))
  (plug-in-scalp-micropigmentation
   #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drw)
   #:pigment pigment #:scale 100 #:sessions 3 #:output 2)
  (check "output 2: one layer per session"
         (= 4 (layer-count img)))
  (gimp-image-delete img))

; 16-bit and 32-bit float images.
(for-each
  (lambda (precision)
    (let* ((made (smp-new-image 160 120)) (img (car made)) (drw (cadr made)))
      (gimp-image-convert-precision img precision)
      (let ((before (mean drw)))
        (plug-in-scalp-micropigmentation
         #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drw)
         #:density 150 #:dot-size 0.6 #:pigment pigment #:scale 100 #:output 0)
        (check (string-append "precision " (number->string precision)
                              ": output 0 darkens the drawable")
               (< (mean drw) (- before 0.002))))
      (gimp-image-delete img)))
  (list PRECISION-U16-NON-LINEAR PRECISION-FLOAT-LINEAR))

; Awkward arguments and drawables, as the GIMP 2.10 suite has them: each
; refused, saying why, the image left as it was (the same pixels, the same layers,
; nothing on the undo stack).
(define (refused3 name expect prepare . args)
  (let* ((made (smp-new-image 64 48)) (img (car made))
         (prepared (prepare img (cadr made)))
         (drawables (if (vector? prepared) prepared (vector prepared)))
         (copy (car (gimp-layer-copy (cadr made))))
         (dummy (gimp-image-clean-all img))
         (layers (layer-count img))
         (outcome (smp-try (lambda ()
                             (apply plug-in-scalp-micropigmentation
                                    (append (list #:run-mode RUN-NONINTERACTIVE
                                                  #:image img
                                                  #:drawables drawables
                                                  #:pigment pigment)
                                            args))))))
    (note name ": " (if (eq? (car outcome) 'error) (cdr outcome) "accepted"))
    (check (string-append name ": refused, saying why")
           (and (eq? (car outcome) 'error) (contains? (cdr outcome) expect)))
    (check (string-append name ": image unchanged")
           (and (= layers (layer-count img))
                (= 0 (car (gimp-image-is-dirty img)))
                (same-pixels? (cadr made) copy)))
    (gimp-image-delete img)))

(define (as-is img drw) drw)
(define inf (exp 1000.))

; Script-Fu 3 refuses values out of an argument's range itself, naming it
; by its position.  A NaN it drops instead, with a GLib critical (value
; -nan ... is invalid or out of range for property density), and
; calls the plug-in with the argument's default (GIMP 3.0.4): the plug-in
; never sees it, so there is nothing of ours to test.
(refused3 "two drawables" "one drawable at a time"
          (lambda (img drw)
            (let ((second (car (gimp-layer-copy drw))))
              (gimp-image-insert-layer img second 0 0)
              (vector drw second))))
(refused3 "scale 0.5" "scale must be 0 (automatic) or between 1 and 10000"
          as-is #:scale 0.5)
(refused3 "density 1000" "out of range" as-is #:density 1000)
(refused3 "opacity -inf" "out of range" as-is #:opacity (- 0 inf))
(refused3 "density infinite" "out of range" as-is #:density inf)
(refused3 "sessions 5" "out of range" as-is #:sessions 5)
(refused3 "output 3" "out of range" as-is #:output 3)
(refused3 "layer group" "layer group"
          (lambda (img drw)
            (let ((group (car (gimp-group-layer-new img "group"))))
              (gimp-image-insert-layer img group 0 0)
              group)))
(refused3 "indexed image" "Indexed"
          (lambda (img drw)
            (gimp-image-convert-indexed img CONVERT-DITHER-NONE
                                        CONVERT-PALETTE-GENERATE 16 FALSE
                                        FALSE "Default")
            drw))
(refused3 "content-locked layer" "locked"
          (lambda (img drw) (gimp-item-set-lock-content drw TRUE) drw))

; A 1 x 1 image works.
(let* ((made (smp-new-image 1 1)) (img (car made)) (drw (cadr made)))
  (gimp-selection-none img)
  (check "a 1x1 image works"
         (eq? 'ok (car (smp-try (lambda ()
                                  (plug-in-scalp-micropigmentation
                                   #:run-mode RUN-NONINTERACTIVE #:image img
                                   #:drawables (vector drw) #:pigment pigment
                                   #:dot-size 3 #:output 0))))))
  (gimp-image-delete img))
