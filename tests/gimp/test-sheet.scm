; The consultation sheet: panels, their pixels, text and refusals.

(define (plasma-image w h)
  (let ((made (smp-new-image w h RGB-IMAGE)))
    (plug-in-plasma RUN-NONINTERACTIVE (car made) (cadr made) 3 1.0)
    (gimp-image-clean-all (car made))
    made))

; An image treated over an ellipse at (x y w h) with overrides.
(define (treated w h ellipse overrides)
  (let ((made (plasma-image w h)))
    (apply gimp-image-select-ellipse (append (list (car made) CHANNEL-OP-REPLACE) ellipse))
    (smp (car made) (cadr made) overrides)
    (gimp-selection-none (car made))
    (gimp-image-clean-all (car made))
    made))

(define (sheet img panels crop label)
  (car (plug-in-scalp-micropigmentation-sheet RUN-NONINTERACTIVE img panels crop label)))

(define (named img name)
  (let loop ((ls (layers-of img)))
    (cond ((null? ls) #f)
          ((string=? name (car (gimp-item-get-name (car ls)))) (car ls))
          (else (loop (cdr ls))))))

; Lines wrapped on the sheet read as one.
(define (unwrapped text)
  (list->string (map (lambda (c) (if (char=? c #\newline) #\space c))
                     (string->list text))))

(define (any-text? img part)
  (let loop ((ts (map unwrapped (texts img))))
    (and (pair? ts) (or (contains? (car ts) part) (loop (cdr ts))))))

; The image flattened with the session layers up to upto shown (the
; "Scalp micropigmentation" layer of output 1 counts as the last session),
; cropped to rect when given.
(define (flattened-state img upto last . rect)
  (let ((dup (car (gimp-image-duplicate img))))
    (for-each
      (lambda (l)
        (let ((name (car (gimp-item-get-name l))))
          (cond ((string=? name "Scalp micropigmentation")
                 (gimp-item-set-visible l (if (>= upto last) TRUE FALSE)))
                ((and (> (string-length name) 12)
                      (string=? (substring name 0 12) "SMP session "))
                 (gimp-item-set-visible
                   l (if (<= (string->number (substring name 12 (string-length name))) upto)
                         TRUE FALSE))))))
      (layers-of dup))
    (if (pair? rect) (apply gimp-image-crop (cons dup (car rect))))
    (list dup (car (gimp-image-flatten dup)))))

(define (same-as-state? panel img upto last . rect)
  (let* ((flat (apply flattened-state (append (list img upto last) rect)))
         (d (diff panel (cadr flat))))
    (gimp-image-delete (car flat))
    (note "panel " (car (gimp-item-get-name panel)) ": max " (car d) " levels")
    (< (car d) 1.01)))

; Rectangles (x y w h) of every layer but the background.
(define (boxes img)
  (map (lambda (l)
         (let ((o (gimp-drawable-offsets l)))
           (list (car o) (cadr o) (car (gimp-drawable-width l))
                 (car (gimp-drawable-height l)) (car (gimp-item-get-name l)))))
       (filter-list (lambda (l) (not (string=? "Background" (car (gimp-item-get-name l)))))
                    (layers-of img))))

(define (overlap? a b)
  (and (< (car a) (+ (car b) (caddr b))) (< (car b) (+ (car a) (caddr a)))
       (< (cadr a) (+ (cadr b) (cadddr b))) (< (cadr b) (+ (cadr a) (cadddr a)))))

; Nothing overlaps, nothing crosses the sheet's edges.
(define (laid-out? img)
  (let ((w (car (gimp-image-width img))) (h (car (gimp-image-height img))))
    (let loop ((bs (boxes img)) (ok #t))
      (if (null? bs)
          ok
          (let ((b (car bs)))
            (loop (cdr bs)
                  (and ok
                       (>= (car b) 0) (>= (cadr b) 0)
                       (<= (+ (car b) (caddr b)) w) (<= (+ (cadr b) (cadddr b)) h)
                       (let inner ((rest (cdr bs)))
                         (cond ((null? rest) #t)
                               ((overlap? b (car rest))
                                (note "overlap: " b " and " (car rest)) #f)
                               (else (inner (cdr rest))))))))))))

; Output 2, three sessions: a panel per state, each the image flattened so.
(let* ((made (treated 320 200 '(60 50 140 100) '((output . 2) (sessions . 3) (density . 40) (dot-size . 0.6))))
       (img (car made))
       (two (sheet img 0 0 ""))
       (four (sheet img 1 0 "")))
  (check "panels 0: before and after"
         (and (named two "Before") (named two "After") (not (named two "After session 1"))))
  (check "panels 1: before and after each of three sessions"
         (and (named four "Before") (named four "After session 1")
              (named four "After session 2") (named four "After session 3")
              (not (named four "After session 4")) (not (named four "After"))))
  (check "before: the image without the filter's layers"
         (same-as-state? (named two "Before") img 0 3))
  (check "after: the image with all of them"
         (same-as-state? (named two "After") img 3 3))
  (check "after session 1: session layer 1 alone"
         (same-as-state? (named four "After session 1") img 1 3))
  (check "after session 2: session layers 1 and 2"
         (same-as-state? (named four "After session 2") img 2 3))
  (check "before and after differ"
         (changed? (named two "Before") (named two "After")))
  (check "the image keeps its layers, all shown, and is not dirtied"
         (and (= 4 (layer-count img))
              (= FALSE (car (gimp-image-is-dirty img)))
              (= TRUE (car (gimp-item-get-visible (first-layer img))))))
  (check "the default label, never empty"
         (any-text? two "Simulation - not a treatment result"))
  (note "texts: " (texts four))
  (check "the captions are text layers"
         (and (any-text? four "Before") (any-text? four "After session 3")))
  (check "the treatment's numbers"
         (and (any-text? two "40 impressions per cm²") (any-text? two "0.6 mm")
              (any-text? two "3 sessions")))
  (check "a swatch of the pigment" (named two "Pigment"))
  (check "nothing overlaps or is cut (two panels)" (laid-out? two))
  (check "nothing overlaps or is cut (four panels)" (laid-out? four))
  (gimp-image-delete two)
  (gimp-image-delete four)
  (gimp-image-delete img))

; Output 1, cropped, with a label given.
(let* ((made (treated 400 300 '(100 80 120 100) '((output . 1) (density . 55) (dot-size . 0.8) (sessions . 2))))
       (img (car made))
       (s (sheet img 0 1 "Mock-up for the consultation of 2 December")))
  ; The treated area (100 80 120 100) and a quarter of its larger side,
  ; 30 px, around it.
  (check "cropped: the panels show the treated area with a margin"
         (and (= 180 (car (gimp-drawable-width (named s "After"))))
              (= 160 (car (gimp-drawable-height (named s "After"))))))
  (check "cropped: before, the image cropped the same way"
         (same-as-state? (named s "Before") img 0 1 '(180 160 70 50)))
  (check "cropped: after, the image cropped the same way"
         (same-as-state? (named s "After") img 1 1 '(180 160 70 50)))
  (note "texts: " (texts s))
  (check "the label given" (any-text? s "Mock-up for the consultation of 2 December"))
  (check "a narrow sheet wraps its text: nothing overlaps or is cut" (laid-out? s))
  (check "no default label beside it" (not (any-text? s "Simulation - not")))
  (check "output 1's numbers" (and (any-text? s "55 impressions") (any-text? s "0.8 mm")
                                   (any-text? s "2 sessions")))
  (let ((outcome (smp-try (lambda () (sheet img 1 0 "")))))
    (note "message: " (cdr outcome))
    (check "output 1: a panel per session is refused"
           (and (eq? 'error (car outcome)) (contains? (cdr outcome) "One layer per session"))))
  (gimp-image-delete s)
  (gimp-image-delete img))

; Refusals.
(let* ((plain (plasma-image 64 48))
       (drawn (treated 64 48 '(5 5 50 30) '((output . 0))))
       (no-layers (smp-try (lambda () (sheet (car plain) 0 0 ""))))
       (output-0 (smp-try (lambda () (sheet (car drawn) 0 0 "")))))
  (note "message: " (cdr no-layers))
  (check "an image without the filter's layers is refused, saying how to make them"
         (and (eq? 'error (car no-layers))
              (contains? (cdr no-layers) "\"A new layer\" or \"One layer per session\" (1 or 2)")))
  (check "output 0's result is refused, saying why"
         (and (eq? 'error (car output-0))
              (contains? (cdr output-0) "cannot be told apart from the photo")))
  (check "panels out of range are refused"
         (eq? 'error (car (smp-try (lambda () (sheet (car drawn) 2 0 ""))))))
  (check "crop out of range is refused"
         (eq? 'error (car (smp-try (lambda () (sheet (car drawn) 0 -1 ""))))))
  (gimp-image-delete (car plain))
  (gimp-image-delete (car drawn)))

; A damaged treatment record (another plug-in's edit, or a user's) is
; never used: the sheet is refused, naming the layer and the parasite.
(define (with-treatment text)
  (let* ((made (treated 64 48 '(5 5 50 30) '((output . 1))))
         (layer (first-layer (car made))))
    (gimp-item-attach-parasite
      layer (list "scalp-micropigmentation-treatment" 1 text))
    (cons (car made) (smp-try (lambda () (sheet (car made) 0 0 ""))))))
(let* ((garbage (with-treatment "not a key file ["))
       (out-of-range (with-treatment
                       "[treatment]\ndensity=9999\ndot-size=0.5\n"))
       (damaged? (lambda (outcome)
                   (and (eq? 'error (car outcome))
                        (contains? (cdr outcome) "Scalp micropigmentation")
                        (contains? (cdr outcome) "scalp-micropigmentation-treatment")))))
  (note "message: " (cddr garbage))
  (note "message: " (cddr out-of-range))
  (check "a treatment that does not parse is refused, naming it"
         (damaged? (cdr garbage)))
  (check "a treatment out of range is refused, naming it and the value"
         (and (damaged? (cdr out-of-range))
              (contains? (cddr out-of-range) "density")))
  (gimp-image-delete (car garbage))
  (gimp-image-delete (car out-of-range)))

; A label of thousands of characters is cut after a whole word, with an
; ellipsis, and shows.
(let* ((made (treated 200 150 '(20 20 150 100) '((output . 1))))
       (long (let loop ((k 0) (text ""))
               (if (= k 1000) text (loop (+ k 1) (string-append text "word ")))))
       (s (sheet (car made) 0 0 long))
       (shown (filter-list (lambda (t) (contains? (unwrapped t) "word word"))
                           (texts s))))
  (note "label shown: " (if (pair? shown) (string-length (car shown)) 0)
        " characters")
  (check "a label too long is shortened, with an ellipsis, and shows"
         (and (= 1 (length shown))
              (<= (string-length (unwrapped (car shown))) 201)
              (contains? (car shown) "word…")))
  (gimp-image-delete s)
  (gimp-image-delete (car made)))

; A small photo and a large one: text in proportion, nothing overlaps.
(for-each
  (lambda (size)
    (let* ((made (treated (car size) (cadr size)
                          (list (/ (car size) 4) (/ (cadr size) 4) (/ (car size) 2) (/ (cadr size) 3))
                          '((output . 2) (sessions . 4) (density . 20) (scale . 40))))
           (s (sheet (car made) 1 0 "")))
      (note "sheet of " size ": " (car (gimp-image-width s)) " x " (car (gimp-image-height s)))
      (check (string-append "a " (number->string (car size)) " px wide photo: five panels, nothing overlaps or is cut")
             (and (named s "After session 4") (laid-out? s)))
      (gimp-image-delete s)
      (gimp-image-delete (car made))))
  '((800 600) (8000 1500)))
