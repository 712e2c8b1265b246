;;; copydesk.el --- Eglot registration for the copydesk language server  -*- lexical-binding: t -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, wp, news
;; URL: https://github.com/copydesk/copydesk
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; copydesk reads news drafts (plain text or Markdown) like a copy editor: quotes and who said
;; them, datelines, names, and warnings over them.  This file tells Eglot to run `copydesk lsp'
;; for text and Markdown buffers.  Install it with `M-x package-install-file' (or put it on the
;; `load-path'), then:
;;
;;   (require 'copydesk)
;;   (add-hook 'text-mode-hook #'eglot-ensure)   ; markdown-mode derives from text-mode
;;
;; Settings go to the server through `eglot-workspace-configuration', section `copydesk':
;;
;;   (setq-default eglot-workspace-configuration
;;                 '(:copydesk (:dateline "required" :rules (:unattributed-quote "error"))))
;;
;; Your own notes, read wherever they are, go in `copydesk-notes-sources' instead (sent when the
;; server starts): a repository's `.dir-locals.el' may set `eglot-workspace-configuration'
;; without asking, so the server takes no notes patterns from it.
;;
;;   (setq copydesk-notes-sources '("~/interviews/**/*.txt"))

;;; Code:

(require 'eglot)

(defgroup copydesk nil
  "The copydesk language server for news drafts."
  :group 'eglot
  :prefix "copydesk-")

(defcustom copydesk-server-command '("copydesk" "lsp")
  "The command line that starts the copydesk language server on stdio."
  :type '(repeat string)
  :group 'copydesk)

(defcustom copydesk-major-modes '(markdown-mode gfm-mode text-mode)
  "Major modes whose buffers copydesk reads.
Markdown modes are sent as \"markdown\", the others as \"plaintext\"."
  :type '(repeat symbol)
  :group 'copydesk)

(defcustom copydesk-notes-sources nil
  "Your own notes and transcripts, as path patterns read wherever they point.
For example \"~/interviews/**/*.txt\".  Quotes in a draft are checked
against them.  Sent to the server when it starts.  A repository cannot set
this variable (it is risky as a directory-local variable), and its
copydesk.toml names notes inside the repository only."
  :type '(repeat string)
  :risky t
  :group 'copydesk)

(defun copydesk--initialization-options ()
  "The server's settings at start-up: the user's notes patterns, fixed."
  (list :copydesk
        (list :notes (list :sources (vconcat copydesk-notes-sources)
                           :onlyAtStart t))))

(defun copydesk--mode-specs ()
  "Eglot mode specs: each mode with the languageId the server reads."
  (mapcar (lambda (mode)
            (list mode :language-id
                  (if (memq mode '(markdown-mode gfm-mode)) "markdown" "plaintext")))
          copydesk-major-modes))

(defun copydesk--contact (&optional _interactive)
  "The server command and settings, read when a server starts.
Read then, so that customising either takes effect on the next start."
  (append copydesk-server-command
          (list :initializationOptions (copydesk--initialization-options))))

;; Registered first, so it wins over any older entry for these modes.
(add-to-list 'eglot-server-programs (cons (copydesk--mode-specs) #'copydesk--contact))

(provide 'copydesk)
;;; copydesk.el ends here
