; scalp-micropigmentation: helpers for the headless GIMP tests.
;
; The checks themselves are in tests/smp-checks.scm.

; The filter's arguments after run-mode, image and drawable, in PDB order:
; each of base's values, or the one overrides gives.
(define (smp-merge base overrides)
  (map (lambda (d)
         (let ((o (assq (car d) overrides)))
           (cons (car d) (if o (cdr o) (cdr d)))))
       base))

; The table's defaults (smp-table-defaults, made from the parameter table),
; but 100 px per cm, seed 7 and output 0, which most tests share.
(define smp-defaults
  (smp-merge smp-table-defaults '((scale . 100) (seed . 7) (output . 0))))

(define (smp-args overrides)
  (map cdr (smp-merge smp-defaults overrides)))

; Runs the filter with base's values but for overrides (for the dialog's
; own defaults, base is smp-table-defaults); returns the new layer.
(define (smp-call-from base run-mode img drw overrides)
  (car (apply plug-in-scalp-micropigmentation
              (append (list run-mode img drw)
                      (map cdr (smp-merge base overrides))))))

; Runs the filter in a run mode; returns the new layer (-1 for output 0).
(define (smp-call run-mode img drw overrides)
  (smp-call-from smp-defaults run-mode img drw overrides))

(define (smp img drw overrides)
  (smp-call RUN-NONINTERACTIVE img drw overrides))

; A photo-like RGB layer: plasma texture toned toward skin.
(define (smp-new-image width height type)
  (let* ((img (car (gimp-image-new width height
                                    (if (or (= type GRAY-IMAGE)
                                            (= type GRAYA-IMAGE))
                                        GRAY RGB))))
         (layer (car (gimp-layer-new img width height type "skin" 100
                                     LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer img layer 0 0)
    (gimp-context-set-foreground '(200 150 125))
    (gimp-drawable-fill layer FILL-FOREGROUND)
    (gimp-image-set-resolution img 254 254) ; 100 px per cm
    (gimp-image-clean-all img)
    (list img layer)))

; (max-diff n-diff) between two drawables, optionally over a rectangle.
(define (diff a b . rect)
  (let ((r (if (null? rect) '(0 0 0 0) rect)))
    (smp-test-diff RUN-NONINTERACTIVE a b (car r) (cadr r) (caddr r)
                   (cadddr r))))

(define (identical? a b . rect)
  (= 0 (cadr (apply diff (append (list a b) rect)))))

(define (changed? a b . rect)
  (> (cadr (apply diff (append (list a b) rect))) 0))

(define (first-layer img)
  (vector-ref (cadr (gimp-image-get-layers img)) 0))

(define (layer-count img)
  (car (gimp-image-get-layers img)))

(define (twin img)
  (let ((dup (car (gimp-image-duplicate img))))
    (list dup (first-layer dup))))

(define (layers-of img) (vector->list (cadr (gimp-image-get-layers img))))

(define (filter-list keep? items)
  (cond ((null? items) '())
        ((keep? (car items)) (cons (car items) (filter-list keep? (cdr items))))
        (else (filter-list keep? (cdr items)))))

; What the text layers of img say.
(define (texts img)
  (map (lambda (l) (car (gimp-text-layer-get-text l)))
       (filter-list (lambda (l) (= TRUE (car (gimp-item-is-text-layer l))))
                    (layers-of img))))
