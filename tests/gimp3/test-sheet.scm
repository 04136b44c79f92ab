; plug-in-scalp-micropigmentation-sheet in GIMP 3: the same arguments as
; in GIMP 2.10, and the same sheet.

(define (sheet img panels crop label)
  (car (plug-in-scalp-micropigmentation-sheet
        #:run-mode RUN-NONINTERACTIVE #:image img #:panels panels #:crop crop
        #:label label)))

; The image flattened with the session layers up to upto shown.
(define (flattened-state img upto)
  (let ((dup (car (gimp-image-duplicate img))))
    (for-each
      (lambda (l)
        (let ((name (car (gimp-item-get-name l))))
          (if (and (> (string-length name) 12)
                   (string=? (substring name 0 12) "SMP session "))
              (gimp-item-set-visible
                l (if (<= (string->number (substring name 12 (string-length name))) upto)
                      TRUE FALSE)))))
      (layers-of dup))
    (list dup (car (gimp-image-flatten dup)))))

(define (panel-is-state? panel img upto)
  (let* ((flat (flattened-state img upto))
         (same (same-pixels? panel (cadr flat))))
    (gimp-image-delete (car flat))
    same))

(let* ((made (smp-new-image 240 160)) (img (car made)) (drw (cadr made)))
  (plug-in-scalp-micropigmentation
   #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drw)
   #:density 150 #:dot-size 0.6 #:pigment '(46 44 50) #:scale 100
   #:sessions 2 #:output 2)
  (gimp-selection-none img)
  (let ((s (sheet img 1 0 "")))
    (note "texts: " (texts s))
    (check "a panel per session"
           (and (named s "Before") (named s "After session 1")
                (named s "After session 2")))
    (check "before: the image without the filter's layers"
           (panel-is-state? (named s "Before") img 0))
    (check "after session 1: session layer 1 alone"
           (panel-is-state? (named s "After session 1") img 1))
    (check "a panel differs from another"
           (not (same-pixels? (named s "Before") (named s "After session 2"))))
    (check "the default label, as text"
           (member "Simulation - not a treatment result" (texts s)))
    (gimp-image-delete s))
  (let ((s (sheet img 0 0 "Mock-up")))
    (check "before and after, with the label given"
           (and (named s "After") (member "Mock-up" (texts s))))
    (gimp-image-delete s))
  (gimp-image-delete img))

(let* ((made (smp-new-image 120 90)) (img (car made))
       (refusal (smp-try (lambda () (sheet img 0 0 "")))))
  (note "message: " (cdr refusal))
  (check "an image without the filter's layers is refused, saying how to make them"
         (and (eq? 'error (car refusal))
              (contains? (cdr refusal) "(1 or 2)")))
  (gimp-image-delete img))
