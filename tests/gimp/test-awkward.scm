; Awkward inputs: the ends of the ranges and odd shapes, never a crash and
; never a lost picture.

; 400 per cm² at 1 px per cm over 10000 x 10000 px asks for 4 x 10^10
; impressions: refused up front, before a pixel is read.
(let* ((made (smp-new-image 10000 10000 RGB-IMAGE)) (img (car made)) (drw (cadr made))
       (outcome (smp-try (lambda () (smp img drw '((density . 400) (scale . 1)))))))
  (check "4e10 impressions: refused" (eq? 'error (car outcome)))
  (if (eq? 'error (car outcome))
      (begin
        (note (cdr outcome))
        (check "4e10 impressions: the message counts them"
               (contains? (cdr outcome) "about 4e+10 impressions"))))
  (check "4e10 impressions: image untouched"
         (and (= 1 (layer-count img)) (= 0 (car (gimp-image-is-dirty img)))))
  (gimp-image-delete img))

; 5 mm at 10000 px per cm: impressions 5000 px wide over a 1200 px image.
(let* ((made (smp-new-image 1200 1200 RGB-IMAGE)) (img (car made)) (drw (cadr made))
       (before (twin img))
       (outcome (smp-try (lambda ()
                           (smp img drw '((density . 400) (dot-size . 5)
                                          (scale . 10000) (hairline-fade . 0)))))))
  (check "5000 px impressions: finish" (eq? 'ok (car outcome)))
  (check "5000 px impressions: darken the image" (changed? drw (cadr before))))

(define (long-image w h)
  (let* ((made (smp-new-image w h RGB-IMAGE)) (img (car made)) (drw (cadr made))
         (before (twin img))
         (outcome (smp-try (lambda () (smp img drw '((density . 300) (dot-size . 1)))))))
    (check (string-append (number->string w) "x" (number->string h) ": works")
           (and (eq? 'ok (car outcome)) (changed? drw (cadr before))))))
(long-image 20000 2)
(long-image 2 20000)

; A layer hanging over the canvas's top left; no selection: all of it.
(let* ((made (smp-new-image 200 200 RGB-IMAGE)) (img (car made))
       (layer (car (gimp-layer-new img 200 200 RGB-IMAGE "over" 100 LAYER-MODE-NORMAL))))
  (gimp-image-insert-layer img layer 0 0)
  (gimp-drawable-fill layer FILL-FOREGROUND)
  (gimp-layer-set-offsets layer -100 -50)
  (let* ((copy (car (gimp-layer-copy layer FALSE)))
         (outcome (smp-try (lambda () (smp img layer '((density . 200) (dot-size . 0.6)))))))
    (gimp-image-insert-layer img copy 0 -1)
    (gimp-item-set-visible copy FALSE)
    (check "layer partly outside the canvas: works"
           (and (eq? 'ok (car outcome)) (changed? layer copy 100 50 100 150)))))

; A selection of one corner changes only that corner.
(let* ((made (smp-new-image 200 200 RGB-IMAGE)) (img (car made)) (drw (cadr made))
       (before (twin img)))
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 180 180 20 20)
  (smp img drw '((density . 400) (dot-size . 0.8) (hairline-fade . 0)))
  (check "corner selection: the corner changed" (changed? drw (cadr before) 180 180 20 20))
  (check "corner selection: nothing else"
         (and (identical? drw (cadr before) 0 0 200 180)
              (identical? drw (cadr before) 0 180 180 20))))

; 100 layers: the new layer goes right above the drawable.
(let* ((made (smp-new-image 64 64 RGB-IMAGE)) (img (car made)))
  (let loop ((i 1))
    (if (< i 100)
        (let ((l (car (gimp-layer-new img 64 64 RGB-IMAGE "more" 100 LAYER-MODE-NORMAL))))
          (gimp-image-insert-layer img l 0 0)
          (loop (+ i 1)))))
  (let* ((layers (cadr (gimp-image-get-layers img)))
         (middle (vector-ref layers 50))
         (new (smp img middle '((output . 1))))
         (after (cadr (gimp-image-get-layers img))))
    (check "100 layers: one more, right above the drawable"
           (and (= 101 (vector-length after))
                (= new (vector-ref after 50))
                (= middle (vector-ref after 51))))))

; A resolution under 2.54 ppi gives under 1 px per cm: scale 0 is refused.
(let* ((made (smp-new-image 64 64 RGB-IMAGE)) (img (car made)) (drw (cadr made)))
  (gimp-image-set-resolution img 1 1)
  (gimp-image-clean-all img)
  (let ((outcome (smp-try (lambda () (smp img drw '((scale . 0)))))))
    (check "resolution under 1 px per cm: refused, says so"
           (and (eq? 'error (car outcome))
                (contains? (cdr outcome) "fewer than 1: set the scale")))
    (check "resolution under 1 px per cm: image untouched"
           (= 0 (car (gimp-image-is-dirty img))))))
