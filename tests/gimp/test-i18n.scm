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
