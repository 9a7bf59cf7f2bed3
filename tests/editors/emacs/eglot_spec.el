;;; eglot_spec.el --- Emacs + Eglot with the real `shrike lsp`, configured by the snippet in docs/editors.md  -*- lexical-binding: t -*-
;;   SHRIKE_BINARY=build/release/shrike emacs --batch -q -l tests/editors/emacs/eglot_spec.el
;; Exits 0 when every check passes, 1 otherwise; every wait is bounded.

(package-initialize) ; Debian's elpa-eglot for Emacs 28; built in from Emacs 29
(require 'eglot)
(require 'flymake)
(require 'xref)
(require 'json)

(defvar spec-dir (file-name-directory load-file-name))
(defvar repo (expand-file-name "../../.." spec-dir))
(defvar sample (expand-file-name "tests/editors/sample/" repo))
(defvar expected (json-read-file (expand-file-name "tests/editors/sample.json" repo)))
(defvar failures 0)

(defun say (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n")))

(defun check (ok what)
  (if ok (say "ok - %s" what) (setq failures (1+ failures)) (say "not ok - %s" what)))

(defun wait-until (predicate seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(defun doc-snippet ()
  "The elisp block of the Emacs section of docs/editors.md."
  (with-temp-buffer
    (insert-file-contents (expand-file-name "docs/editors.md" repo))
    (re-search-forward "^## Emacs")
    (re-search-forward "^```elisp\n")
    (buffer-substring (point) (progn (re-search-forward "^```") (match-beginning 0)))))

;; `shrike` on PATH, as the snippet expects; the sample is its own project (not the repository).
(let ((binary (expand-file-name (or (getenv "SHRIKE_BINARY") "build/release/shrike") repo)))
  (setq exec-path (cons (file-name-directory binary) exec-path))
  (unless (equal (file-name-nondirectory binary) "shrike")
    (say "not ok - SHRIKE_BINARY must be named shrike for the snippet to find it") (kill-emacs 1)))
(add-hook 'project-find-functions (lambda (_dir) (cons 'transient sample)))

(with-temp-buffer
  (insert (doc-snippet))
  (eval-buffer))
(check (assoc '(python-mode python-ts-mode) eglot-server-programs) "the snippet registers shrike for python-mode")

(find-file (expand-file-name "broken.py" sample))
(run-hooks 'post-command-hook) ; eglot-ensure starts the server after the current command
(check (wait-until #'eglot-current-server 15) "eglot-ensure starts a server for broken.py")
(let ((server (eglot-current-server)))
  (unless server (kill-emacs 1))
  (check (equal (process-command (jsonrpc--process server)) '("shrike" "lsp")) "the server is `shrike lsp`"))

(let* ((want (aref (cdr (assoc 'broken.py (cdr (assq 'diagnostics expected)))) 0))
       (line (1+ (cdr (assq 'line want)))))
  (check (wait-until #'flymake-diagnostics 15) "diagnostics arrive for broken.py")
  (let ((d (car (flymake-diagnostics))))
    (check (and d (= (line-number-at-pos (flymake-diagnostic-beg d)) line)
                (string-match-p "invalid-syntax" (flymake-diagnostic-text d)))
           (format "an invalid-syntax error on line %d" line))))

(let* ((spec (cdr (assq 'definition expected)))
       (at (cdr (assq 'at spec)))
       (target (cdr (assq 'target spec))))
  (find-file (expand-file-name (cdr (assq 'file at)) sample))
  (run-hooks 'post-command-hook)
  (wait-until #'eglot-current-server 15)
  (check (eglot--server-capable :definitionProvider) "the server advertises definitionProvider")
  (progn
    (goto-char (point-min))
    (forward-line (cdr (assq 'line at)))
    (forward-char (cdr (assq 'character at)))
    ;; The workspace is indexed in the background: ask again until the answer lands on the
    ;; target or 10 s have passed, then check the last answer.
    (let* ((target-file (expand-file-name (cdr (assq 'file target)) sample))
           (target-line (1+ (cdr (assq 'line target))))
           (identifier (xref-backend-identifier-at-point 'eglot))
           (location nil)
           (on-target (lambda ()
                        (let ((xrefs (xref-backend-definitions 'eglot identifier)))
                          (setq location (and xrefs (xref-item-location (car xrefs))))
                          (and location
                               (equal (xref-location-group location) target-file)
                               (= (xref-location-line location) target-line))))))
      (check (wait-until on-target 10)
             "definition across modules"))))

(let* ((spec (cdr (assq 'references expected)))
       (at (cdr (assq 'at spec)))
       (want (sort (mapcar (lambda (l) (format "%s:%d" (cdr (assq 'file l)) (1+ (cdr (assq 'line l)))))
                           (cdr (assq 'locations spec)))
                   #'string<)))
  (find-file (expand-file-name (cdr (assq 'file at)) sample))
  (run-hooks 'post-command-hook)
  (wait-until #'eglot-current-server 15)
  (check (eglot--server-capable :referencesProvider) "the server advertises referencesProvider")
  (progn
    (goto-char (point-min))
    (forward-line (cdr (assq 'line at)))
    (forward-char (cdr (assq 'character at)))
    (let* ((identifier (xref-backend-identifier-at-point 'eglot))
           (got nil)
           (complete (lambda ()
                       (setq got (sort (mapcar (lambda (item)
                                                 (let ((l (xref-item-location item)))
                                                   (format "%s:%d" (file-relative-name (xref-location-group l) sample)
                                                           (xref-location-line l))))
                                               (xref-backend-references 'eglot identifier))
                                       #'string<))
                       (equal got want))))
      (check (wait-until complete 10) (format "references across modules (got %S)" got)))))

(ignore-errors (eglot-shutdown (eglot-current-server)))
(say "%d failed" failures)
(kill-emacs (if (zerop failures) 0 1))
