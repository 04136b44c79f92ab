; scalp-micropigmentation: checks for the Script-Fu tests of GIMP 2.10 and 3.
;
; Each check prints "ok - NAME" or "not ok - NAME"; (smp-finish) prints the
; totals that tests/smp-tap.sh reads.

(define smp-passed 0)
(define smp-failed 0)

(define (check name ok)
  (if ok
      (set! smp-passed (+ smp-passed 1))
      (set! smp-failed (+ smp-failed 1)))
  (display (string-append "\n" (if ok "ok - " "not ok - ") name "\n")))

(define (note . items)
  (display "\n# ")
  (for-each display items)
  (newline))

(define (smp-finish)
  (display (string-append "\nsmp-result " (number->string smp-passed) " "
                          (number->string smp-failed) "\n")))

; Runs thunk; returns (ok . value) or (error . message).
(define (smp-try thunk)
  (call-with-current-continuation
    (lambda (k)
      (let ((old *error-hook*))
        (set! *error-hook*
              (lambda (msg . rest)
                (set! *error-hook* old)
                (k (cons 'error msg))))
        (let ((value (thunk)))
          (set! *error-hook* old)
          (cons 'ok value))))))

(define (contains? text part)
  (let ((n (string-length text)) (m (string-length part)))
    (let loop ((i 0))
      (cond ((> (+ i m) n) #f)
            ((string=? (substring text i (+ i m)) part) #t)
            (else (loop (+ i 1)))))))

