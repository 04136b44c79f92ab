; plug-in-scalp-micropigmentation-pigment-from-hair: the checks both
; GIMPs run, after their own test-hair.scm defines (hair img drw),
; (new-skin width height), (fill-selection drw), (rgb-of answer),
; (clean? img) and (indexed img).

; Strands of the colour over the top half of a 300 x 300 skin (100 px per
; cm): 2 px wide, 1 px apart, of varied lengths (GIMP runs here without
; brushes, so they are filled rectangles); then nothing selected.
(define (scalp-with-hair color)
  (let* ((made (new-skin 300 300)) (img (car made)) (drw (cadr made)))
    (gimp-context-push)
    (gimp-context-set-foreground color)
    (let loop ((x 0))
      (when (< x 300)
        (gimp-image-select-rectangle img CHANNEL-OP-REPLACE x (modulo x 11)
                                     2 (- 150 (modulo (* x 7) 23)))
        (fill-selection drw)
        (loop (+ x 3))))
    (gimp-selection-none img)
    (gimp-context-pop)
    (gimp-image-clean-all img)
    made))

(define (share-of answer) (cadr answer))
(define (lightness-of answer) (caddr answer))

(let* ((made (scalp-with-hair '(190 190 190))) (img (car made)) (drw (cadr made))
       (answer (hair img drw)) (p (rgb-of answer)))
  (note "grey hair: " answer)
  (check "grey hair: about half the photo is hair"
         (and (> (share-of answer) 0.35) (< (share-of answer) 0.65)))
  (check "grey hair: its lightness is that of a light grey"
         (and (> (lightness-of answer) 60) (<= (lightness-of answer) 100)))
  (check "grey hair: a lighter, warmer grey than the charcoal"
         (and (> (car p) 80) (> (car p) (caddr p))))
  (check "grey hair: nothing changes" (clean? img))
  (gimp-image-delete img))

(let* ((made (scalp-with-hair '(30 25 20))) (img (car made)) (drw (cadr made))
       (answer (hair img drw)) (p (rgb-of answer)))
  (note "dark hair: " answer)
  (check "dark hair: dark, and about half the photo"
         (and (< (lightness-of answer) 30) (> (share-of answer) 0.35)))
  (check "dark hair: the charcoal, or next to it"
         (and (< (abs (- (car p) 46)) 6) (< (abs (- (caddr p) 50)) 6)))
  (gimp-image-delete img))

(let* ((made (new-skin 200 200)) (img (car made)) (drw (cadr made))
       (answer (hair img drw)))
  (note "bare skin: " answer)
  (check "bare skin: no hair, lightness -1 and the table's charcoal"
         (and (< (share-of answer) 0.01) (= (lightness-of answer) -1)
              (equal? (rgb-of answer) '(46 44 50))))
  (gimp-image-delete img))

(let* ((made (new-skin 60 60)) (img (car made))
       (outcome (smp-try (lambda () (hair img (indexed img))))))
  (check "an indexed image: refused, with the reason"
         (and (eq? 'error (car outcome))
              (contains? (cdr outcome) "Indexed images are not supported")))
  (gimp-image-delete img))
