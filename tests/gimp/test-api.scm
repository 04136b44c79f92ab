; The PDB procedure is a public API: its arguments, and its refusals.

(define proc "plug-in-scalp-micropigmentation")

(let* ((info (gimp-procedural-db-proc-info proc))
       (n-args (list-ref info 6))
       (n-vals (list-ref info 7))
       (expected
        (list (list PDB-INT32 "run-mode") (list PDB-IMAGE "image")
              (list PDB-DRAWABLE "drawable") (list PDB-FLOAT "density")
              (list PDB-FLOAT "dot-size") (list PDB-FLOAT "size-variation")
              (list PDB-COLOR "pigment") (list PDB-FLOAT "opacity")
              (list PDB-FLOAT "softness") (list PDB-FLOAT "tone-variation")
              (list PDB-FLOAT "ash-tone")
              (list PDB-FLOAT "hairline-fade") (list PDB-FLOAT "hair-blend")
              (list PDB-FLOAT "match-hair")
              (list PDB-INT32 "sessions") (list PDB-FLOAT "scale")
              (list PDB-INT32 "seed") (list PDB-INT32 "output"))))
  (check "eighteen arguments and one return value"
         (and (= n-args 18) (= n-vals 1)))
  (let loop ((i 0) (e expected))
    (if (pair? e)
        (let ((arg (gimp-procedural-db-proc-arg proc i)))
          (check (string-append "argument " (number->string i) " is "
                                (cadr (car e)))
                 (and (= (car arg) (car (car e)))
                      (string=? (cadr arg) (cadr (car e)))))
          (loop (+ i 1) (cdr e)))))
  (let ((val (gimp-procedural-db-proc-val proc 0)))
    (check "returns layer" (and (= (car val) PDB-LAYER)
                                (string=? (cadr val) "layer")))))

; Every refusal names the argument and leaves the image as it was: same
; pixels, same layers, nothing on the undo stack (the image stays clean).
; prepare, if given, turns the image's layer into the drawable to call on,
; and may be followed by the image's side (64 x 48 without).
(define (refused name make-call expect . prepare)
  (let* ((side (and (pair? prepare) (pair? (cdr prepare)) (cadr prepare)))
         (made (smp-new-image (or side 64) (or side 48) RGB-IMAGE))
         (img (car made))
         (drw (if (null? prepare) (cadr made) ((car prepare) img (cadr made))))
         (dummy (gimp-image-clean-all img))
         (before (twin img))
         (layers (layer-count img))
         (outcome (smp-try (lambda () (make-call img drw)))))
    (check (string-append name ": refused") (eq? (car outcome) 'error))
    (if (eq? (car outcome) 'error)
        (begin
          (note name ": " (cdr outcome))
          (check (string-append name ": message says why")
                 (contains? (cdr outcome) expect))))
    ; The twin holds the image's layer; a channel called on has none to
    ; compare with, and the clean undo stack says nothing was drawn.
    (check (string-append name ": image unchanged")
           (and (or (= 1 (car (gimp-item-is-channel drw)))
                    (identical? drw (cadr before)))
                (= layers (layer-count img))
                (= 0 (car (gimp-image-is-dirty img)))))
    (gimp-image-delete (car before))
    (gimp-image-delete img)))

(define (with overrides)
  (lambda (img drw) (smp img drw overrides)))

(refused "density -5" (with '((density . -5)))
         "density must be between 1 and 400 impressions per cm")
(refused "density 401" (with '((density . 401))) "got 401")
; TinyScheme will not divide by zero; exp overflows to inf.  GIMP's core
; itself refuses values that are not finite, naming the argument, before
; the plug-in runs (the plug-in's own check is in the engine's tests).
(define inf (exp 1000.))
(define nan (- inf inf))
(refused "density NaN" (with (list (cons 'density nan)))
         "for argument 'density' (#4, type gdouble). This value is out of range")
(refused "density infinite" (with (list (cons 'density inf)))
         "value 'inf' for argument 'density'")
(refused "opacity -inf" (with (list (cons 'opacity (- 0 inf))))
         "value '-inf' for argument 'opacity'")
(refused "scale NaN" (with (list (cons 'scale nan)))
         "for argument 'scale'")
(refused "dot-size 0.01" (with '((dot-size . 0.01))) "dot-size must be between 0.05 and 5 mm")
(refused "size-variation 1.5" (with '((size-variation . 1.5))) "size-variation must be between 0 and 1")
(refused "opacity 101" (with '((opacity . 101))) "opacity must be between 0 and 100")
(refused "softness -0.1" (with '((softness . -0.1))) "softness must be between 0 and 1")
(refused "tone-variation 2" (with '((tone-variation . 2))) "tone-variation must be between 0 and 1")
(refused "hairline-fade 51" (with '((hairline-fade . 51))) "hairline-fade must be between 0 and 50 mm")
(refused "hair-blend -1" (with '((hair-blend . -1))) "hair-blend must be between 0 and 1")
(refused "match-hair 1.5" (with '((match-hair . 1.5))) "match-hair must be between 0 and 1")
(refused "sessions 0" (with '((sessions . 0))) "sessions must be between 1 and 4")
(refused "sessions 5" (with '((sessions . 5))) "sessions must be between 1 and 4")
(refused "scale 0.5" (with '((scale . 0.5))) "scale must be 0 (automatic) or between 1 and 10000")
(refused "scale -3" (with '((scale . -3))) "scale must be 0")
(refused "output 3" (with '((output . 3))) "output must be between 0 and 2")

(refused "indexed image"
         (lambda (img drw) (smp img drw '()))
         "Indexed"
         (lambda (img drw)
           (gimp-image-convert-indexed img CONVERT-DITHER-NONE
                                       CONVERT-PALETTE-GENERATE 16 FALSE
                                       FALSE "")
           drw))

(refused "layer group"
         (lambda (img group) (smp img group '()))
         "layer group"
         (lambda (img drw)
           (let ((group (car (gimp-layer-group-new img))))
             (gimp-image-insert-layer img group 0 0)
             group)))

(refused "content-locked layer"
         (lambda (img drw) (smp img drw '()))
         "locked"
         (lambda (img drw) (gimp-item-set-lock-content drw TRUE) drw))

(refused "drawable of another image"
         (lambda (img drw)
           (let ((other (smp-new-image 8 8 RGB-IMAGE)))
             (smp img (cadr other) '())))
         "does not belong")

(refused "output 1 on a channel"
         (lambda (img chan) (smp img chan '((output . 1))))
         "output 0"
         (lambda (img drw)
           (let ((chan (car (gimp-channel-new img 64 48 "c" 50 '(0 0 0)))))
             (gimp-image-insert-channel img chan 0 0)
             chan)))

; 400 per cm² at 1 px per cm over 300 x 300 px: 36 million impressions.
(refused "too many impressions"
         (lambda (img drw) (smp img drw '((density . 400) (scale . 1))))
         "impressions"
         (lambda (img drw) drw) 300)

; Accepted at the very ends of the ranges.
(let* ((made (smp-new-image 64 48 RGB-IMAGE)) (img (car made)) (drw (cadr made)))
  (check "lowest values accepted"
         (eq? 'ok (car (smp-try (lambda ()
                                  (smp img drw '((density . 1) (dot-size . 0.05)
                                                 (size-variation . 0) (opacity . 0)
                                                 (softness . 0) (tone-variation . 0)
                                                 (hairline-fade . 0) (hair-blend . 0)
                                                 (match-hair . 0) (sessions . 1) (scale . 1)
                                                 (seed . -2147483648) (output . 0))))))))
  (check "highest values accepted"
         (eq? 'ok (car (smp-try (lambda ()
                                  (smp img drw '((density . 400) (dot-size . 5)
                                                 (size-variation . 1) (opacity . 100)
                                                 (softness . 1) (tone-variation . 1)
                                                 (hairline-fade . 50) (hair-blend . 1)
                                                 (match-hair . 1) (sessions . 4) (scale . 10000)
                                                 (seed . 2147483647) (output . 2))))))))
  (check "scale 0 takes the image's resolution"
         (eq? 'ok (car (smp-try (lambda () (smp img drw '((scale . 0)))))))))

; With last values (none stored yet: the defaults, a new layer).
(let* ((made (smp-new-image 64 48 RGB-IMAGE)) (img (car made)) (drw (cadr made))
       ; The arguments are ignored; the last values rule.
       (layer (smp-call RUN-WITH-LAST-VALS img drw '((density . 400) (output . 0)))))
  (check "run with last values adds the default new layer"
         (and (= (layer-count img) 2) (= TRUE (car (gimp-item-is-layer layer))))))
