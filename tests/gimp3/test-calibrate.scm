; plug-in-scalp-micropigmentation-calibrate in GIMP 3: the same arguments
; as in GIMP 2.10, run-mode, image and length.

(define (calibrate img length)
  (car (plug-in-scalp-micropigmentation-calibrate
        #:run-mode RUN-NONINTERACTIVE #:image img #:length length)))

; A path of one stroke through the anchors, listed as x y pairs; selected.
(define (add-path img anchors)
  (let* ((path (car (gimp-path-new img "ruler")))
         (points (apply append (map (lambda (a) (list (car a) (cadr a) (car a) (cadr a)
                                                      (car a) (cadr a)))
                                    anchors))))
    (gimp-image-insert-path img path 0 0)
    (gimp-path-stroke-new-from-points path PATH-STROKE-TYPE-BEZIER
                                      (list->vector points) FALSE)
    (gimp-image-set-selected-paths img (vector path))
    path))

(define (near? a b) (< (abs (- a b)) 1e-6))

; Two anchors 200 px apart, said to be 2 cm: 100 px per cm, 254 ppi.
(let* ((made (smp-new-image 400 300)) (img (car made)))
  (gimp-image-set-resolution img 72 72)
  (add-path img '((50 100) (250 100)))
  (let ((scale (calibrate img 2.0)))
    (note "two anchors: " scale " px per cm, " (gimp-image-get-resolution img))
    (check "two anchors: the scale is the distance over the length" (near? scale 100))
    (check "two anchors: the resolution is set on both axes"
           (and (near? (car (gimp-image-get-resolution img)) 254)
                (near? (cadr (gimp-image-get-resolution img)) 254))))
  (gimp-image-delete img))

; Refusals: no path, a length out of range; nothing changes.
(let* ((made (smp-new-image 200 150)) (img (car made)))
  (gimp-image-set-resolution img 72 72)
  (let ((no-path (smp-try (lambda () (calibrate img 1.0)))))
    (note "no path: " (cdr no-path))
    (check "without a path: refused, saying how to make one"
           (and (eq? 'error (car no-path))
                (contains? (cdr no-path) "The image has no active path"))))
  (add-path img '((10 10) (110 10)))
  (check "a length out of range is refused"
         (eq? 'error (car (smp-try (lambda () (calibrate img 500.0))))))
  (check "refused: the resolution is as it was"
         (near? (car (gimp-image-get-resolution img)) 72))
  (gimp-image-delete img))
