; Run under LANGUAGE=de: a refusal comes back in German.

(let* ((made (smp-new-image 32 32 RGB-IMAGE))
       (outcome (smp-try (lambda () (smp (car made) (cadr made) '((density . -5)))))))
  (check "refused" (eq? 'error (car outcome)))
  (note "message: " (cdr outcome))
  (check "the message is German"
         (contains? (cdr outcome)
                    "density muss zwischen 1 und 400 Pigmentpunkte pro cm² liegen, erhalten: -5")))

(let* ((made (smp-new-image 32 32 RGB-IMAGE))
       (outcome (smp-try (lambda () (smp (car made) (cadr made) '((output . 1)))))))
  (check "the new layer's name is German"
         (string=? "Kopfhaut-Mikropigmentierung"
                   (car (gimp-item-get-name (cdr outcome))))))

(let* ((made (smp-new-image 32 32 RGB-IMAGE))
       (outcome (smp-try (lambda ()
                           (plug-in-scalp-micropigmentation-calibrate
                            RUN-NONINTERACTIVE (car made) 1.0)))))
  (note "message: " (cdr outcome))
  (check "calibrating without a path is refused in German"
         (and (eq? 'error (car outcome))
              (contains? (cdr outcome) "Das Bild hat keinen aktiven Pfad"))))

; The consultation sheet speaks German: its label, captions and refusal.
(let* ((made (smp-new-image 200 150 RGB-IMAGE))
       (img (car made)))
  (gimp-image-select-ellipse img CHANNEL-OP-REPLACE 40 30 120 90)
  (smp img (cadr made) '((output . 1)))
  (let* ((sheet (car (plug-in-scalp-micropigmentation-sheet
                      RUN-NONINTERACTIVE img 0 0 "")))
         (words (texts sheet))
         (refusal (smp-try (lambda ()
                             (plug-in-scalp-micropigmentation-sheet
                              RUN-NONINTERACTIVE img 1 0 "")))))
    (note "texts: " words)
    (check "the sheet's default label is German"
           (member "Simulation – kein Behandlungsergebnis" words))
    (check "the sheet's captions are German"
           (and (member "Vorher" words) (member "Nachher" words)))
    (note "message: " (cdr refusal))
    (check "a panel per session of one layer is refused in German"
           (contains? (cdr refusal) "Eine Ebene pro Sitzung"))))
