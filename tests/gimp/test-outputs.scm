; Outputs, layers and determinism.

(define (plasma-image w h)
  (let ((made (smp-new-image w h RGB-IMAGE)))
    (plug-in-plasma RUN-NONINTERACTIVE (car made) (cadr made) 3 1.0)
    (gimp-image-clean-all (car made))
    made))

(define (flatten img) (car (gimp-image-flatten img)))

; Output 1 over the skin equals output 0, within one 8-bit level.
(let* ((a (plasma-image 150 120)) (b (twin (car a))) (pristine (twin (car a))))
  (gimp-image-select-ellipse (car a) CHANNEL-OP-REPLACE 10 10 130 100)
  (gimp-image-select-ellipse (car b) CHANNEL-OP-REPLACE 10 10 130 100)
  (let ((none (smp (car a) (cadr a) '((output . 0) (dot-size . 0.6))))
        (layer (smp (car b) (cadr b) '((output . 1) (dot-size . 0.6)))))
    (check "output 0 returns -1" (= none -1))
    (check "output 1 returns the new layer"
           (and (= TRUE (car (gimp-item-is-layer layer)))
                (string=? "Scalp micropigmentation" (car (gimp-item-get-name layer)))))
    ; The layer carries the treatment that made it, the scale resolved.
    (let ((treatment (caddr (car (gimp-item-get-parasite
                                  layer "scalp-micropigmentation-treatment")))))
      (note "output 1's treatment: " treatment)
      (check "output 1: the layer carries its treatment"
             (and (contains? treatment "dot-size=0.6")
                  (contains? treatment "output=1")
                  (not (contains? treatment "scale=0\n"))))
      ; ...and keeps it through an XCF saved and loaded again.
      (let* ((file (car (gimp-temp-name "xcf")))
             (saved (begin (gimp-xcf-save RUN-NONINTERACTIVE (car b) layer file file)
                           (car (gimp-xcf-load RUN-NONINTERACTIVE file file))))
             (again (first-layer saved)))
        (check "output 1: an XCF keeps the layer's treatment"
               (equal? treatment
                       (caddr (car (gimp-item-get-parasite
                                    again "scalp-micropigmentation-treatment")))))
        (gimp-image-delete saved)))
    (check "output 1: layer right above the drawable"
           (and (= 2 (layer-count (car b)))
                (= layer (first-layer (car b)))))
    (check "output 1: the drawable itself untouched"
           (identical? (cadr b) (cadr pristine)))
    (check "output 1: the layer covers the selection's bounds, not the canvas"
           (and (= 130 (car (gimp-drawable-width layer)))
                (= 100 (car (gimp-drawable-height layer)))
                (equal? '(10 10) (gimp-drawable-offsets layer))))
    (gimp-selection-none (car a))
    (gimp-selection-none (car b))
    (let ((d (diff (flatten (car a)) (flatten (car b)))))
      (note "output 1 flattened vs output 0: max " (car d) " levels, " (cadr d) " pixels differ")
      ; One 8-bit level read back as float is 1.0000075.
      (check "output 1 flattened equals output 0 within one level"
             (< (car d) 1.01)))))

; Everything selected at half strength: the layer's alpha is the
; selection, as GIMP's merge of output 0 blends it.
(let* ((a (plasma-image 120 100)) (b (twin (car a))))
  (gimp-context-set-foreground '(128 128 128))
  (for-each (lambda (img)
              (gimp-selection-all img)
              (gimp-drawable-fill (car (gimp-image-get-selection img))
                                  FILL-FOREGROUND))
            (list (car a) (car b)))
  (smp (car a) (cadr a) '((output . 0) (density . 200)))
  (smp (car b) (cadr b) '((output . 1) (density . 200)))
  (gimp-selection-none (car a))
  (gimp-selection-none (car b))
  (let ((d (diff (flatten (car a)) (flatten (car b)))))
    (note "half selected, output 1 flattened vs output 0: max " (car d) " levels")
    (check "half selected: output 1 flattened equals output 0 within one level"
           (< (car d) 1.01))))

; The same on a drawable three chunks of columns wide and not a whole
; number of tile rows high: output 0 pigments each strip of tile rows in
; chunks of 512 columns, and the impressions across their borders must come
; out whole, as output 1 draws them.
(let* ((a (plasma-image 1300 150)) (b (twin (car a))))
  (smp (car a) (cadr a) '((output . 0) (density . 200)))
  (smp (car b) (cadr b) '((output . 1) (density . 200)))
  (let ((d (diff (flatten (car a)) (flatten (car b)))))
    (note "wide drawable, output 1 flattened vs output 0: max " (car d) " levels, " (cadr d) " pixels differ")
    (check "wide drawable: output 1 flattened equals output 0 within one level"
           (< (car d) 1.01))))

; Output 2: one layer per session, session 1 lowest, the topmost returned.
(let* ((a (plasma-image 120 100)) (b (twin (car a))))
  (smp (car a) (cadr a) '((output . 0) (sessions . 3)))
  (let* ((top (smp (car b) (cadr b) '((output . 2) (sessions . 3))))
         (layers (cadr (gimp-image-get-layers (car b)))))
    (check "output 2: three session layers" (= 4 (layer-count (car b))))
    (check "output 2: named and ordered bottom to top"
           (and (string=? "SMP session 3" (car (gimp-item-get-name (vector-ref layers 0))))
                (string=? "SMP session 2" (car (gimp-item-get-name (vector-ref layers 1))))
                (string=? "SMP session 1" (car (gimp-item-get-name (vector-ref layers 2))))))
    (check "output 2: returns the topmost" (= top (vector-ref layers 0)))
    (let ((d (diff (flatten (car a)) (flatten (car b)))))
      (note "output 2 flattened vs output 0: max " (car d) " levels")
      (check "output 2: all sessions shown equal output 0 within one level"
             (< (car d) 1.01)))))

; Showing sessions 1..k shows the result after k sessions: each layer adds.
(let* ((a (plasma-image 120 100)))
  (smp (car a) (cadr a) '((output . 2) (sessions . 3) (density . 150)))
  (let* ((layers (cadr (gimp-image-get-layers (car a))))
         (s3 (vector-ref layers 0)) (s2 (vector-ref layers 1)))
    (gimp-item-set-visible s3 FALSE)
    (let ((two (twin (car a))))
      (gimp-item-set-visible s2 FALSE)
      (let ((one (twin (car a))))
        (check "after two sessions darker than after one"
               (changed? (flatten (car two)) (flatten (car one))))))))

; Same seed, same pixels; another seed, another layout.
(let* ((a (plasma-image 100 80)) (b (twin (car a))) (c (twin (car a))))
  (smp (car a) (cadr a) '((seed . 11)))
  (smp (car b) (cadr b) '((seed . 11)))
  (smp (car c) (cadr c) '((seed . 12)))
  (check "same seed: identical pixels" (identical? (cadr a) (cadr b)))
  (check "other seed: different pixels" (changed? (cadr a) (cadr c))))

; Output 0 on a channel and on a layer mask works.
(let* ((made (smp-new-image 64 48 RGB-IMAGE)) (img (car made)) (drw (cadr made))
       (chan (car (gimp-channel-new img 64 48 "c" 50 '(0 0 0))))
       (mask (car (gimp-layer-create-mask drw ADD-MASK-WHITE))))
  (gimp-image-insert-channel img chan 0 0)
  (gimp-drawable-fill chan FILL-WHITE)
  (gimp-layer-add-mask drw mask)
  (let ((chan-copy (car (gimp-channel-copy chan))))
    (smp img chan '((density . 200) (dot-size . 0.6)))
    (check "output 0 on a channel" (changed? chan chan-copy)))
  (check "output 0 on a layer mask"
         (eq? 'ok (car (smp-try (lambda () (smp img mask '((density . 200)))))))))
