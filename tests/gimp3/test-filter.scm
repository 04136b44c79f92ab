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

; Refusals, with the reason.
(let* ((made (smp-new-image 120 90)) (img (car made)) (drw (cadr made))
       (second (car (gimp-layer-copy drw))))
  (gimp-image-insert-layer img second 0 0)
  (let ((two (smp-try (lambda ()
                        (plug-in-scalp-micropigmentation
                         #:run-mode RUN-NONINTERACTIVE #:image img
                         #:drawables (vector drw second) #:scale 100))))
        (scale (smp-try (lambda ()
                          (plug-in-scalp-micropigmentation
                           #:run-mode RUN-NONINTERACTIVE #:image img
                           #:drawables (vector drw) #:scale 0.5))))
        (density (smp-try (lambda ()
                            (plug-in-scalp-micropigmentation
                             #:run-mode RUN-NONINTERACTIVE #:image img
                             #:drawables (vector drw) #:density 1000)))))
    (note "two drawables: " (cdr two))
    (check "two drawables are refused, saying why"
           (and (eq? 'error (car two)) (contains? (cdr two) "one drawable at a time")))
    (note "scale 0.5: " (cdr scale))
    (check "a scale between 0 and 1 is refused, naming the range"
           (and (eq? 'error (car scale))
                (contains? (cdr scale) "scale must be 0 (automatic) or between 1 and 10000")))
    (check "a density out of range is refused" (eq? 'error (car density))))
  (gimp-image-delete img))
