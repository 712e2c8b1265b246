;;; copydesk-test.el --- Eglot end-to-end test of editors/emacs/copydesk.el  -*- lexical-binding: t -*-
;; Run: emacs --batch -l tests/editors/emacs/copydesk-test.el
;; (not -Q: Debian's elpa-eglot and elpa-markdown-mode are activated by site-start)
;; It loads the shipped copydesk.el as a user would, with `copydesk' on the PATH, and starts Eglot
;; from the registration it made (what M-x eglot does). Env: COPYDESK_REPO (repo root), WS_DIR (a
;; scratch copy of the fixture folder), TIMEOUT_S. One JSON line per check; exit 1 on failure.
(require 'cl-lib)
(require 'json)
(require 'subr-x)
(defun copydesk-test--env (k d) (let ((v (getenv k))) (if (or (null v) (string-empty-p v)) d v)))
(defvar copydesk-test-repo (file-name-as-directory (copydesk-test--env "COPYDESK_REPO" default-directory)))
(defvar copydesk-test-expect
  (json-parse-string (with-temp-buffer
                       (insert-file-contents (expand-file-name "tests/editors/expect.json" copydesk-test-repo))
                       (buffer-string))
                     :object-type 'plist :array-type 'list))
(defun expect (k) (plist-get copydesk-test-expect k))
(defvar copydesk-test-file (expand-file-name (expect :file)
                                             (copydesk-test--env "WS_DIR" (expand-file-name "tests/editors/fixtures/ws" copydesk-test-repo))))
(defvar copydesk-test-timeout (string-to-number (copydesk-test--env "TIMEOUT_S" "20")))
(defvar copydesk-test-start (float-time))

;; The package, exactly as shipped. COPYDESK_EMACS_INSTALL=package installs copydesk.el as a user
;; without a clone would (M-x package-install-file) into a scratch `package-user-dir', and checks that
;; the copy loaded is the installed one; otherwise editors/emacs goes on the load-path.
(defvar copydesk-test-install (copydesk-test--env "COPYDESK_EMACS_INSTALL" "load-path"))
(if (not (equal copydesk-test-install "package"))
    (add-to-list 'load-path (expand-file-name "editors/emacs" copydesk-test-repo))
  (require 'package)
  (setq package-user-dir (make-temp-file "copydesk-elpa-" t)
        package-archives nil)            ; offline: Eglot must come from Emacs or the distribution
  (let ((dir package-user-dir)) (add-hook 'kill-emacs-hook (lambda () (delete-directory dir t))))
  (package-initialize)
  (package-install-file (expand-file-name "editors/emacs/copydesk.el" copydesk-test-repo)))
(require 'markdown-mode)
(require 'copydesk)
(when (equal copydesk-test-install "package")
  (let ((loaded (locate-library "copydesk")))
    (unless (and loaded (string-prefix-p (file-truename package-user-dir) (file-truename loaded)))
      (error "copydesk was loaded from %s, not from the installed package in %s" loaded package-user-dir))))
(require 'flymake)

(defun emit (&rest plist)
  (princ (concat (json-serialize (append plist (list :emacs emacs-version
                                                     :ms (round (* 1000 (- (float-time) copydesk-test-start))))))
                 "\n")))
(defun fail (check why &rest extra)
  (apply #'emit :check check :ok :false :error why extra)
  (kill-emacs 1))
(defun wait-until (check pred what)
  "Run the event loop (process output, timers) until PRED is non-nil."
  (let ((deadline (+ (float-time) copydesk-test-timeout)))
    (while (not (funcall pred))
      (when (> (float-time) deadline) (fail check (concat "timeout waiting for " what)))
      (accept-process-output nil 0.05))))
(defun diag-code (d)
  (plist-get (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))) :code))
(defun codes () (sort (mapcar #'diag-code (flymake-diagnostics)) #'string<))

(defvar published 0)
(advice-add 'eglot-handle-notification :after
            (lambda (_server method &rest _)
              (when (eq method 'textDocument/publishDiagnostics) (setq published (1+ published)))))
(setq eglot-send-changes-idle-time 0.1
      flymake-no-changes-timeout 0.1)

;; 0. the user's own notes, outside the workspace, through `copydesk-notes-sources' (a near miss
;;    of the first quote); and what a repository's .dir-locals.el could put in
;;    `eglot-workspace-configuration' (the quote word for word), which the server must ignore.
(defvar copydesk-test-notes (make-temp-file "copydesk-notes-" t))
(let ((dir copydesk-test-notes)) (add-hook 'kill-emacs-hook (lambda () (delete-directory dir t))))
(dolist (spec '(("mine" . "Lavrov: We are ready to look at each proposal that is on the table.\n")
                ("theirs" . "Lavrov: We are ready to look at every proposal on the table.\n")))
  (make-directory (expand-file-name (car spec) copydesk-test-notes))
  (with-temp-file (expand-file-name (concat (car spec) "/call.txt") copydesk-test-notes)
    (insert (cdr spec))))
(setq copydesk-notes-sources (list (expand-file-name "mine/*.txt" copydesk-test-notes)))
(setq-default eglot-workspace-configuration
              `(:copydesk (:notes (:sources ,(vector (expand-file-name "theirs/*.txt" copydesk-test-notes))))))

(find-file copydesk-test-file)
;; 1. start Eglot from copydesk's registration (`eglot-ensure' needs a command loop; batch has none)
(apply #'eglot (eglot--guess-contact))
(wait-until "attach" (lambda () (and (eglot-current-server) eglot--managed-mode)) "Eglot to connect")
(emit :check "attach" :ok t :mode (symbol-name major-mode) :installed copydesk-test-install
      :copydesk_el (locate-library "copydesk")
      ;; Eglot 1.9 keeps one languageId per server; newer ones (Emacs 30) a list
      :language_id (format "%s" (if (fboundp 'eglot--language-ids)
                                    (eglot--language-ids (eglot-current-server))
                                  (eglot--language-id (eglot-current-server))))
      :command (vconcat (process-command (jsonrpc--process (eglot-current-server)))))

;; 2. diagnostics through Flymake (its deferred start waits for a command loop: start it here)
(flymake-start)
(wait-until "diagnostics"
            (lambda () (cl-every (lambda (c) (member c (codes))) (expect :codes_on_open)))
            "the expected diagnostics")
(emit :check "diagnostics" :ok t :codes (vconcat (codes)))

;; 3. hover on the name through Eglot's eldoc function (what M-x eldoc shows)
(goto-char (point-min))
(search-forward (expect :hover_word))
(backward-char 2)
(let (hover)
  (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info ""))))
  (wait-until "hover" (lambda () hover) "hover")
  (setq hover (substring-no-properties hover))
  (dolist (want (expect :hover_contains))
    (unless (string-search want hover) (fail "hover" (concat "hover lacks " want) :text hover)))
  (emit :check "hover" :ok t :text hover))

;; 4. inlay hints: Eglot 1.12+ (Emacs 29+) has them, but they are drawn at redisplay, which batch
;;    mode never does; ask the server directly there, and say so.
(if (not (fboundp 'eglot-inlay-hints-mode))
    (emit :check "inlay_hints" :skipped "this Eglot has no inlay hint client")
  (let* ((hints (jsonrpc-request (eglot-current-server) :textDocument/inlayHint
                                 (list :textDocument (eglot--TextDocumentIdentifier)
                                       :range (list :start (eglot--pos-to-lsp-position (point-min))
                                                    :end (eglot--pos-to-lsp-position (point-max))))))
         (labels (mapcar (lambda (h) (plist-get h :label)) hints)))
    (unless (member (expect :inlay_hint) labels) (fail "inlay_hints" "missing hint" :labels (vconcat labels)))
    (emit :check "inlay_hints" :ok t :labels (vconcat labels))))

;; 5. the quick fix through `eglot-code-actions', choosing its title as a user would
(let* ((d (cl-find (expect :fix_code) (flymake-diagnostics) :key #'diag-code :test #'equal))
       (before published)
       offered)
  (goto-char (flymake-diagnostic-beg d))
  (cl-letf (((symbol-function 'completing-read)
             (lambda (_prompt collection &rest _)
               (setq offered (mapcar (lambda (c) (if (consp c) (car c) c)) collection))
               (or (cl-find-if (lambda (title) (string-search (expect :fix_title) title)) offered) "")))
            ;; A non-list event: Eglot 1.9 would otherwise pop up a mouse menu
            (last-nonmenu-event 0))
    (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d) nil t))
  (let ((line (save-excursion (goto-char (point-min)) (forward-line (expect :fix_line))
                              (buffer-substring-no-properties (line-beginning-position) (line-end-position)))))
    (unless (equal line (expect :fix_result)) (fail "quick_fix" "unexpected text" :line line))
    (emit :check "quick_fix" :ok t :offered (vconcat offered) :line line))
  ;; Eglot sends didChange from an idle timer, which batch mode never runs: flush it.
  (eglot--signal-textDocument/didChange)
  (wait-until "quick_fix" (lambda () (and (> published before) (not (member (expect :fix_code) (codes)))))
              "the diagnostics to drop the fixed finding")
  (emit :check "diagnostics_after_fix" :ok t :codes (vconcat (codes))))

;; 6. an edit: type a dateline; the missing-dateline finding goes away
(let ((before published))
  (goto-char (point-min)) (forward-line (expect :edit_line))
  (delete-region (line-beginning-position) (line-end-position))
  (insert (expect :edit_text))
  (eglot--signal-textDocument/didChange)
  (wait-until "edit" (lambda () (and (> published before) (not (member "missing-dateline" (codes)))))
              "the diagnostics to drop missing-dateline")
  (emit :check "diagnostics_after_edit" :ok t :codes (vconcat (codes))))
;; 7. the notes named by `copydesk-notes-sources' are read, those of the workspace configuration
;;    are not (by now Eglot has sent it, pushed and pulled): the first quote differs from the notes.
(wait-until "notes" (lambda () (member "quote-differs-from-notes" (codes)))
            "quote-differs-from-notes from copydesk-notes-sources")
(let ((d (cl-find "quote-differs-from-notes" (flymake-diagnostics) :key #'diag-code :test #'equal)))
  (unless (string-search "each proposal" (flymake-diagnostic-text d))
    (fail "notes" "the finding does not quote the user's notes" :text (flymake-diagnostic-text d)))
  (emit :check "notes" :ok t :codes (vconcat (codes)) :text (flymake-diagnostic-text d)))
(emit :check "done" :ok t)
(let ((server (eglot-current-server))) (set-buffer-modified-p nil) (eglot-shutdown server))
(kill-emacs 0)
