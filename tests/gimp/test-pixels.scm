; Pixels: where the selection is, on every image type and precision.

(define dense '((density . 200) (dot-size . 0.5) (hairline-fade . 0)))

; A rectangle selected: inside changed, outside identical to the last bit.
(let* ((made (smp-new-image 120 90 RGB-IMAGE)) (img (car made)) (drw (cadr made))
       (before (twin img)))
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 30 20 50 40)
  (smp img drw dense)
  (check "rectangle: inside changed" (changed? drw (cadr before) 30 20 50 40))
  (check "rectangle: left of it unchanged" (identical? drw (cadr before) 0 0 30 90))
  (check "rectangle: right of it unchanged" (identical? drw (cadr before) 80 0 40 90))
  (check "rectangle: above it unchanged" (identical? drw (cadr before) 0 0 120 20))
  (check "rectangle: below it unchanged" (identical? drw (cadr before) 0 60 120 30)))

; A feathered ellipse: the edge is blended, the outside untouched, and the
; feathered rim gets less pigment than the middle.
(let* ((made (smp-new-image 160 160 RGB-IMAGE)) (img (car made)) (drw (cadr made))
       (before (twin img)))
  (gimp-context-set-feather TRUE)
  (gimp-context-set-feather-radius 30 30)
  (gimp-image-select-ellipse img CHANNEL-OP-REPLACE 20 20 120 120)
  (gimp-context-set-feather FALSE)
  (smp img drw dense)
  (let ((middle (cadr (diff drw (cadr before) 60 60 40 40)))
        (rim (cadr (diff drw (cadr before) 20 60 20 40))))
    (note "feathered ellipse: " middle " pixels changed in the middle, " rim " in the rim")
    (check "feathered ellipse: middle changed" (> middle 0))
    (check "feathered ellipse: rim gets fewer" (< rim middle)))
  (check "feathered ellipse: corners untouched"
         (and (identical? drw (cadr before) 0 0 20 20)
              (identical? drw (cadr before) 140 140 20 20))))

; A selection is read only within its bounds.  Everything selected is the
; same as nothing selected, to the bit, and a hard-edged ellipse leaves
; its bounds' corners unselected (test-outputs.scm has a selection of half
; strength everywhere).
(let* ((made (smp-new-image 160 120 RGB-IMAGE)) (img (car made))
       (drw (cadr made)) (none (twin img)))
  (gimp-selection-all img)
  (smp img drw dense)
  (smp (car none) (cadr none) dense)
  (check "everything selected: the same pixels as nothing selected"
         (identical? drw (cadr none))))
(let* ((made (smp-new-image 160 160 RGB-IMAGE)) (img (car made))
       (drw (cadr made)))
  (gimp-context-set-antialias FALSE)
  (gimp-image-select-ellipse img CHANNEL-OP-REPLACE 20 20 120 120)
  (gimp-context-set-antialias TRUE)
  (let* ((layer (smp img drw (cons '(output . 1) dense)))
         (alpha (lambda (x y)
                  (vector-ref (cadr (gimp-drawable-get-pixel layer x y)) 3))))
    (note "hard ellipse: alpha " (alpha 0 0) " at its bounds' corner, "
          (alpha 60 60) " in the middle")
    (check "hard ellipse: its bounds' corners not selected"
           (and (= 0 (alpha 0 0)) (= 0 (alpha 119 119))))
    (check "hard ellipse: its middle selected" (= 255 (alpha 60 60)))))
; An offset layer: the selection is in image coordinates.
(let* ((made (smp-new-image 200 150 RGB-IMAGE)) (img (car made))
       (layer (car (gimp-layer-new img 100 80 RGB-IMAGE "patch" 100 LAYER-MODE-NORMAL))))
  (gimp-image-insert-layer img layer 0 0)
  (gimp-drawable-fill layer FILL-FOREGROUND)
  (gimp-layer-set-offsets layer 50 40)
  (let ((copy (car (gimp-layer-copy layer FALSE))))
    (gimp-image-insert-layer img copy 0 -1)
    (gimp-item-set-visible copy FALSE)
    ; image (60..110, 50..90) = layer (10..60, 10..50)
    (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 60 50 50 40)
    (smp img layer dense)
    (check "offset layer: selected part changed" (changed? layer copy 10 10 50 40))
    (check "offset layer: left of it unchanged" (identical? layer copy 0 0 10 80))
    (check "offset layer: right of it unchanged" (identical? layer copy 60 0 40 80))
    (check "offset layer: below it unchanged" (identical? layer copy 0 50 100 30))))

; Every type and precision: pixels change, alpha never does.
(define (alpha-of drw x y)
  (let ((px (cadr (gimp-drawable-get-pixel drw x y))))
    (vector-ref px (- (vector-length px) 1))))

(define (alphas drw)
  (map (lambda (xy) (alpha-of drw (car xy) (cadr xy)))
       '((0 0) (10 10) (39 59) (40 0) (60 30) (79 59))))

(define (type-and-precision name type precision)
  (let* ((made (smp-new-image 80 60 type)) (img (car made)) (drw (cadr made)))
    ; With alpha: the left half transparent, the right half half opaque.
    (if (= TRUE (car (gimp-drawable-has-alpha drw)))
        (begin
          (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 0 0 40 60)
          (gimp-drawable-edit-clear drw)
          (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 40 0 40 60)
          (gimp-drawable-edit-fill drw FILL-TRANSPARENT)
          (gimp-context-set-opacity 50)
          (gimp-drawable-edit-fill drw FILL-FOREGROUND)
          (gimp-context-set-opacity 100)
          (gimp-selection-none img)))
    (if (not (= precision (car (gimp-image-get-precision img))))
        (gimp-image-convert-precision img precision))
    (let* ((drw (first-layer img))
           (before (twin img))
           (alpha-before (alphas drw)))
      (gimp-image-clean-all img)
      (smp img drw dense)
      (check (string-append name ": pixels changed")
             (changed? drw (cadr before) 40 0 40 60))
      (if (= TRUE (car (gimp-drawable-has-alpha drw)))
          (check (string-append name ": alpha untouched")
                 (equal? alpha-before (alphas drw)))))))

(type-and-precision "RGB 8-bit" RGB-IMAGE PRECISION-U8-GAMMA)
(type-and-precision "RGBA 8-bit" RGBA-IMAGE PRECISION-U8-GAMMA)
(type-and-precision "GRAY 8-bit" GRAY-IMAGE PRECISION-U8-GAMMA)
(type-and-precision "GRAYA 8-bit" GRAYA-IMAGE PRECISION-U8-GAMMA)
(type-and-precision "RGB 16-bit" RGB-IMAGE PRECISION-U16-GAMMA)
(type-and-precision "RGBA 16-bit linear" RGBA-IMAGE PRECISION-U16-LINEAR)
(type-and-precision "RGB 32-bit integer" RGB-IMAGE PRECISION-U32-LINEAR)
(type-and-precision "RGB half float" RGB-IMAGE PRECISION-HALF-LINEAR)
(type-and-precision "RGB float linear" RGB-IMAGE PRECISION-FLOAT-LINEAR)
(type-and-precision "GRAYA float linear" GRAYA-IMAGE PRECISION-FLOAT-LINEAR)
(type-and-precision "RGB float perceptual" RGB-IMAGE PRECISION-FLOAT-GAMMA)

; Gray and RGB of the same neutral skin darken alike.
(let* ((rgb (smp-new-image 60 60 RGB-IMAGE)) (gray (smp-new-image 60 60 GRAY-IMAGE)))
  (gimp-context-set-foreground '(150 150 150))
  (gimp-drawable-fill (cadr rgb) FILL-FOREGROUND)
  (gimp-drawable-fill (cadr gray) FILL-FOREGROUND)
  (smp (car rgb) (cadr rgb) (append '((pigment . (60 60 60))) dense))
  (smp (car gray) (cadr gray) (append '((pigment . (60 60 60))) dense))
  (gimp-image-convert-grayscale (car rgb))
  (check "gray renders as RGB does"
         (< (car (diff (first-layer (car rgb)) (cadr gray))) 1.01)))

(let* ((made (smp-new-image 1 1 RGB-IMAGE)) (img (car made)) (drw (cadr made)))
  (check "a 1x1 image works"
         (eq? 'ok (car (smp-try (lambda () (smp img drw '((dot-size . 3)))))))))

; A selection that misses the layer changes nothing and adds nothing.
(let* ((made (smp-new-image 200 150 RGB-IMAGE)) (img (car made))
       (layer (car (gimp-layer-new img 50 50 RGB-IMAGE "patch" 100 LAYER-MODE-NORMAL))))
  (gimp-image-insert-layer img layer 0 0)
  (gimp-drawable-fill layer FILL-FOREGROUND)
  (gimp-layer-set-offsets layer 140 90)
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 0 0 60 60)
  (let ((copy (twin img)) (n (layer-count img)))
    (gimp-image-clean-all img)
    (let ((outcome (smp-try (lambda () (smp img layer '((output . 1)))))))
      (check "selection missing the layer: succeeds" (eq? 'ok (car outcome)))
      (check "selection missing the layer: no layer, no change"
             (and (= n (layer-count img)) (identical? layer (first-layer (car copy)))
                  (= 0 (car (gimp-image-is-dirty img))))))))

; The same photo, settings and seed give the same pixels in every run, each
; run a process of its own.  Luminance once went through a babl conversion
; that every process chose anew by measured speed, and about one run in
; four moved a few impressions.  Noisy skin with a band of hair, large
; enough for thousands of impressions.
(define (same-every-run name precision)
  (let* ((made (smp-new-image 1500 1100 RGB-IMAGE)) (img (car made))
         (drw (cadr made)))
    (plug-in-hsv-noise RUN-NONINTERACTIVE img drw 2 3 10 25)
    (gimp-context-set-foreground '(60 40 30))
    (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 0 0 1500 220)
    (gimp-drawable-edit-fill drw FILL-FOREGROUND)
    (gimp-selection-none img)
    (if (not (= precision (car (gimp-image-get-precision img))))
        (gimp-image-convert-precision img precision))
    (let ((runs (map (lambda (k) (twin img)) '(1 2 3 4 5))))
      (for-each (lambda (run) (smp (car run) (cadr run) '((density . 40))))
                runs)
      (check (string-append name ": the same pixels in five runs")
             (let loop ((rest (cdr runs)))
               (or (null? rest)
                   (and (identical? (cadr (car runs)) (cadr (car rest)))
                        (loop (cdr rest)))))))))

(same-every-run "8-bit" PRECISION-U8-GAMMA)
(same-every-run "16-bit" PRECISION-U16-GAMMA)
(same-every-run "float" PRECISION-FLOAT-LINEAR)
