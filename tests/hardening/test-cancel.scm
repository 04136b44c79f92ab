; Cancelling the progress: GIMP closes the plug-in with SIGKILL.  The
; killer started by cancel-midway.sh times a whole run, then kills the same
; run made again at three quarters of that time, while it renders (24 MP
; at density 40); the image must stay exactly as it was.

(define (whole-run output)
  (let* ((made (smp-new-image 6000 4000 RGB-IMAGE)) (img (car made)) (drw (cadr made)))
    (smp img drw (list (cons 'output output) '(density . 40)))
    (gimp-image-delete img)))

(define (killed-midway name output)
  (let* ((made (smp-new-image 6000 4000 RGB-IMAGE)) (img (car made)) (drw (cadr made))
         (before (twin img))
         (layers (layer-count img))
         (outcome (smp-try (lambda ()
                             (smp img drw (list (cons 'output output)
                                                '(density . 40)))))))
    (check (string-append name ": the run was stopped") (eq? 'error (car outcome)))
    (check (string-append name ": image exactly as before")
           (and (= layers (layer-count img))
                (identical? drw (cadr before))
                (= 0 (car (gimp-image-is-dirty img)))))
    (gimp-image-delete (car before))
    (gimp-image-delete img)))

(whole-run 0)
(killed-midway "output 0" 0)
(whole-run 2)
(killed-midway "output 2" 2)
