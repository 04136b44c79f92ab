; Run under LANGUAGE=de: GIMP 3 reads the same catalogues.

(let* ((made (smp-new-image 120 90)) (img (car made)) (drw (cadr made))
       (layer (car (plug-in-scalp-micropigmentation
                    #:run-mode RUN-NONINTERACTIVE #:image img
                    #:drawables (vector drw) #:scale 100 #:output 1)))
       (refusal (smp-try (lambda ()
                           (plug-in-scalp-micropigmentation
                            #:run-mode RUN-NONINTERACTIVE #:image img
                            #:drawables (vector drw) #:scale 0.5)))))
  (check "the new layer's name is German"
         (string=? "Kopfhaut-Mikropigmentierung" (car (gimp-item-get-name layer))))
  (note "message: " (cdr refusal))
  (check "a refusal is German"
         (contains? (cdr refusal) "scale muss 0 (automatisch) oder zwischen 1 und 10000"))
  (gimp-image-delete img))
