; Cancelling the progress: GIMP closes the plug-in with SIGKILL.  Run by
; cancel-midway.sh, the plug-in stops half way through writing its result
; and is killed there; the image must stay exactly as it was.

(define (killed-midway name output)
  (let* ((made (smp-new-image 1200 1000 RGB-IMAGE)) (img (car made)) (drw (cadr made))
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

(killed-midway "output 0" 0)
(killed-midway "output 2" 2)
