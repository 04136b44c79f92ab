; plug-in-scalp-micropigmentation-calibrate: the image's scale from a path
; across something of known size.

(define (calibrate img length)
  (car (plug-in-scalp-micropigmentation-calibrate RUN-NONINTERACTIVE img length)))

; A path of one stroke through the anchors, listed as x y pairs; active.
(define (add-path img anchors)
  (let* ((v (car (gimp-vectors-new img "ruler")))
         (points (apply append (map (lambda (a) (list (car a) (cadr a) (car a) (cadr a)
                                                      (car a) (cadr a)))
                                    anchors))))
    (gimp-image-insert-vectors img v 0 0)
    (gimp-vectors-stroke-new-from-points v 0 (length points) (list->vector points) FALSE)
    (gimp-image-set-active-vectors img v)
    v))

(define (near? a b) (< (abs (- a b)) 1e-6))

(define (resolution img) (gimp-image-get-resolution img))

; Two anchors 200 px apart, said to be 2 cm: 100 px per cm, 254 ppi.
(let* ((made (smp-new-image 400 300 RGB-IMAGE)) (img (car made)))
  (gimp-image-set-resolution img 72 72)
  (add-path img '((50 100) (250 100)))
  (gimp-image-clean-all img)
  (let ((scale (calibrate img 2.0)))
    (note "two anchors: " scale " px per cm, " (resolution img))
    (check "two anchors: the scale is the distance over the length" (near? scale 100))
    (check "two anchors: the resolution is set on both axes"
           (and (near? (car (resolution img)) 254) (near? (cadr (resolution img)) 254)))
    (check "two anchors: the image is changed, one undoable step"
           (not (= 0 (car (gimp-image-is-dirty img))))))
  (gimp-image-delete img))

; Three anchors, an L of 120 and 90 px: measured along the stroke.
(let* ((made (smp-new-image 400 300 RGB-IMAGE)) (img (car made)))
  (add-path img '((50 50) (170 50) (170 140)))
  (let ((scale (calibrate img 4.2)))
    (note "three anchors: " scale " px per cm")
    (check "three anchors: measured along the stroke, 210 px for 4.2 cm"
           (< (abs (- scale 50)) 0.05)))
  (gimp-image-delete img))

; Refusals change nothing.
(define (refused? thunk part)
  (let ((outcome (smp-try thunk)))
    (and (eq? 'error (car outcome)) (contains? (cdr outcome) part))))

(let* ((made (smp-new-image 200 200 RGB-IMAGE)) (img (car made)))
  (gimp-image-set-resolution img 72 72)
  (check "no active path: refused"
         (refused? (lambda () (calibrate img 1.0)) "no active path"))
  (add-path img '((30 30) (30 30)))
  (check "a path of no length: refused"
         (refused? (lambda () (calibrate img 1.0)) "no length"))
  (add-path img '((10 10) (110 10)))
  (check "length 0: refused"
         (refused? (lambda () (calibrate img 0)) "length must be between 0.1 and 100 cm"))
  (check "length 150: refused"
         (refused? (lambda () (calibrate img 150)) "length must be between 0.1 and 100 cm"))
  (check "refusals leave the resolution as it was"
         (and (near? (car (resolution img)) 72) (near? (cadr (resolution img)) 72)))
  (gimp-image-delete img))

; After calibrating, the filter's scale 0 is the measured scale.
(let* ((made (smp-new-image 160 120 RGB-IMAGE)) (img (car made)) (drw (cadr made))
       (other (twin img)))
  (gimp-image-set-resolution img 72 72)
  (add-path img '((10 10) (110 10)))
  (calibrate img 1.25)
  (smp img drw '((scale . 0) (density . 120) (dot-size . 0.5)))
  (smp (car other) (cadr other) '((scale . 80) (density . 120) (dot-size . 0.5)))
  (check "the filter's scale 0 takes the calibrated 80 px per cm"
         (identical? drw (cadr other)))
  (gimp-image-delete (car other))
  (gimp-image-delete img))
