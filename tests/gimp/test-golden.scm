; Golden checksums: the filter's pixels in GIMP, to the bit, on every kind
; of drawable.  A change meant to leave the output alone must leave these
; alone; one that changes pixels on purpose updates them in the same
; commit and says why.  A mismatch prints the checksum the code makes now.

; A textured RGB photo from plasma, which a seed makes the same every time.
(define (golden-image width height type precision)
  (let* ((made (smp-new-image width height RGB-IMAGE)) (img (car made)) (drw (cadr made)))
    (plug-in-plasma RUN-NONINTERACTIVE img drw 11 1.5)
    (if (or (= type GRAY-IMAGE) (= type GRAYA-IMAGE))
        (gimp-image-convert-grayscale img))
    (if (or (= type RGBA-IMAGE) (= type GRAYA-IMAGE))
        (gimp-layer-add-alpha drw))
    (if (not (= precision (car (gimp-image-get-precision img))))
        (gimp-image-convert-precision img precision))
    (list img drw)))

(define (feathered-ellipse img)
  (gimp-context-set-feather TRUE)
  (gimp-context-set-feather-radius 24 24)
  (gimp-image-select-ellipse img CHANNEL-OP-REPLACE 30 20 170 130)
  (gimp-context-set-feather FALSE))

(define (golden name expected drawable)
  (let ((sum (car (smp-test-checksum RUN-NONINTERACTIVE drawable))))
    (if (not (string=? sum expected))
        (note "golden " name ": the code now makes " sum))
    (check (string-append "golden: " name) (string=? sum expected))))

; Output 0 on a drawable of this kind; selection is a procedure or #f.
(define (golden-output-0 name expected type precision selection)
  (let* ((made (golden-image 231 173 type precision)) (img (car made)) (drw (cadr made)))
    (if selection (selection img))
    (smp img drw '((density . 120) (dot-size . 0.5) (seed . 5)))
    (golden name expected drw)
    (gimp-image-delete img)))

(golden-output-0 "RGB 8-bit, all" "b5807d3d2b7e77bf" RGB-IMAGE PRECISION-U8-GAMMA #f)
(golden-output-0 "RGB 8-bit, feathered ellipse" "d0110c25fefb171d" RGB-IMAGE PRECISION-U8-GAMMA feathered-ellipse)
(golden-output-0 "RGBA 8-bit, feathered ellipse" "d76007bbce91a4fc" RGBA-IMAGE PRECISION-U8-GAMMA feathered-ellipse)
(golden-output-0 "GRAY 8-bit" "0a1a1811ca8a9d8f" GRAY-IMAGE PRECISION-U8-GAMMA feathered-ellipse)
(golden-output-0 "RGB 16-bit linear" "29a25c50f3f188e9" RGB-IMAGE PRECISION-U16-LINEAR feathered-ellipse)
(golden-output-0 "RGB float linear" "0e0f6bae0a5563f5" RGB-IMAGE PRECISION-FLOAT-LINEAR feathered-ellipse)
(golden-output-0 "GRAYA half" "da009764ff4c6981" GRAYA-IMAGE PRECISION-HALF-GAMMA feathered-ellipse)

; An offset layer of odd size, partly selected.
(let* ((made (golden-image 200 150 RGB-IMAGE PRECISION-U8-GAMMA)) (img (car made))
       (layer (car (gimp-layer-new img 101 77 RGB-IMAGE "patch" 100 LAYER-MODE-NORMAL))))
  (gimp-image-insert-layer img layer 0 0)
  (plug-in-plasma RUN-NONINTERACTIVE img layer 3 1.0)
  (gimp-layer-set-offsets layer 47 39)
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 60 50 70 60)
  (smp img layer '((density . 120) (dot-size . 0.5) (seed . 5)))
  (golden "offset layer" "bdb748bc57ed7e70" layer)
  (gimp-image-delete img))

; The layers of outputs 1 and 2.
(let* ((made (golden-image 231 173 RGB-IMAGE PRECISION-U8-GAMMA)) (img (car made)) (drw (cadr made)))
  (feathered-ellipse img)
  (golden "output 1 layer"
          "181d7028e6bfe089" (smp img drw '((density . 120) (dot-size . 0.5) (seed . 5) (output . 1))))
  (gimp-image-delete img))
(let* ((made (golden-image 231 173 RGB-IMAGE PRECISION-U8-GAMMA)) (img (car made)) (drw (cadr made)))
  (feathered-ellipse img)
  (smp img drw '((density . 120) (dot-size . 0.5) (seed . 5) (output . 2)))
  (let ((layers (cadr (gimp-image-get-layers img))))
    (golden "output 2, session 3" "578d8762452618fd" (vector-ref layers 0))
    (golden "output 2, session 1" "253b5d1b97485312" (vector-ref layers 2)))
  (gimp-image-delete img))
