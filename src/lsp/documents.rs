//! Open documents: one rope per document, edited in place as the client types.
//!
//! Every edit is applied synchronously, under the store's lock, before the notification handler
//! awaits anything: tower-lsp runs up to four notifications at once, so an edit applied after an
//! `.await` could land after the next one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::convert::{self, Encoding};
use super::snapshot::{Job, Snapshot};
use crate::analysis::layout::Format;
use crate::analysis::Unchanged;
use crate::rules::Checker;

/// One open document.
pub struct Document {
    pub rope: Rope,
    /// The rope's contents, edited the same way, so that an analysis need not copy the rope out
    /// (0.4 ms on a 1 MB draft). The rope stays the source of truth for positions. Shared with
    /// the job analysing it; the next edit copies it only if that job still runs.
    pub text: Arc<String>,
    pub version: i32,
    pub language_id: String,
    pub format: Format,
    /// The paragraph caches (facts and findings) for this document; also identifies the
    /// document to its worker.
    pub checker: Arc<Mutex<Checker>>,
    /// Revision of the current text (see [`Snapshot::revision`]).
    pub revision: u64,
    /// The newest revision whose analysis finished, well or not.
    pub settled: u64,
    /// The newest analysis that finished (not necessarily of the current version).
    pub snapshot: Option<Arc<Snapshot>>,
    /// Tells waiting requests that a newer snapshot is in.
    pub updated: Arc<tokio::sync::Notify>,
    /// The newest analysis asked for and not yet started. Only one is kept: edits typed while
    /// a long analysis runs are analysed once, together, when it ends.
    pub pending: Option<Job>,
    /// Whether a worker is analysing this document (it takes `pending` when it is done).
    pub worker_running: bool,
    /// How the text differs from the text of the last job made for it (`None` before the first
    /// job), for the next job to tell the analyser ([`Job::edit`]).
    pub edit_since_job: Option<Unchanged>,
}

impl Document {
    pub fn new(text: String, version: i32, language_id: String, format: Format) -> Document {
        Document {
            rope: Rope::from_str(&text),
            text: Arc::new(text),
            version,
            language_id,
            format,
            checker: Arc::default(),
            revision: 0,
            settled: 0,
            snapshot: None,
            updated: Arc::default(),
            pending: None,
            worker_running: false,
            edit_since_job: None,
        }
    }
}

/// Applies content changes in order. Each range refers to the text the previous change left.
/// A change whose range ends before it starts is applied over the ordered range.
pub fn apply_changes(rope: &mut Rope, changes: &[TextDocumentContentChangeEvent], enc: Encoding) {
    apply(rope, None, changes, enc);
}

/// [`apply_changes`] to a rope and to a `String` holding the same text, which stay equal.
/// Returns what the changes left alone of the text, all together, as the changes say it (a
/// change that types what was there understates it).
pub fn apply_changes_mirrored(
    rope: &mut Rope,
    text: &mut String,
    changes: &[TextDocumentContentChangeEvent],
    enc: Encoding,
) -> Unchanged {
    debug_assert_eq!(rope.len_bytes(), text.len());
    apply(rope, Some(text), changes, enc)
}

fn apply(
    rope: &mut Rope,
    mut mirror: Option<&mut String>,
    changes: &[TextDocumentContentChangeEvent],
    enc: Encoding,
) -> Unchanged {
    let mut left_alone = Unchanged::nothing_in(rope.len_bytes());
    for change in changes {
        let len = rope.len_bytes();
        match change.range {
            None => {
                *rope = Rope::from_str(&change.text);
                if let Some(text) = mirror.as_deref_mut() {
                    text.clone_from(&change.text);
                }
                left_alone = left_alone.then(Unchanged::of_change(len, 0, len, change.text.len()));
            }
            Some(range) => {
                let a = convert::offset(rope, range.start, enc);
                let b = convert::offset(rope, range.end, enc);
                let (start, end) = (a.min(b), a.max(b));
                let start_char = rope.byte_to_char(start);
                let end_char = rope.byte_to_char(end);
                rope.remove(start_char..end_char);
                rope.insert(start_char, &change.text);
                // `offset` gives character starts, so the same bytes are a valid range here.
                if let Some(text) = mirror.as_deref_mut() {
                    text.replace_range(start..end, &change.text);
                }
                left_alone = left_alone.then(Unchanged::of_change(len, start, end, change.text.len()));
            }
        }
    }
    left_alone
}

/// Format of a document from its language id and name.
pub fn format_of(language_id: &str, uri: &Uri) -> Format {
    if language_id.eq_ignore_ascii_case("markdown") {
        Format::Markdown
    } else {
        crate::analysis::format_for_path(uri.as_str())
    }
}

#[derive(Default)]
pub struct Documents {
    map: Mutex<HashMap<Uri, Document>>,
}

impl Documents {
    /// Runs `f` on the document under the lock. Keep `f` short: no analysis in here.
    pub fn with<R>(&self, uri: &Uri, f: impl FnOnce(&mut Document) -> R) -> Option<R> {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get_mut(uri).map(f)
    }

    pub fn insert(&self, uri: Uri, doc: Document) {
        self.map
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(uri, doc);
    }

    pub fn remove(&self, uri: &Uri) -> Option<Document> {
        self.map
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(uri)
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.map
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position::new(sl, sc),
                end: Position::new(el, ec),
            }),
            range_length: None,
            text: text.into(),
        }
    }

    /// Applies to a rope and its mirror and checks that they agree, and that what the changes
    /// report they left alone was left alone.
    fn apply_changes(rope: &mut Rope, changes: &[TextDocumentContentChangeEvent], enc: Encoding) {
        let before = rope.to_string();
        let mut text = before.clone();
        let reported = apply_changes_mirrored(rope, &mut text, changes, enc);
        assert_eq!(text, rope.to_string());
        let exact = Unchanged::between(&before, &text);
        assert_eq!((reported.old_len, reported.new_len), (before.len(), text.len()));
        assert!(reported.prefix <= exact.prefix && reported.prefix + reported.suffix <= before.len().min(text.len()), "{reported:?} overstates {exact:?}");
        assert_eq!(before.as_bytes()[before.len() - reported.suffix..], text.as_bytes()[text.len() - reported.suffix..]);
    }

    #[test]
    fn changes_apply_in_order_with_utf16_columns() {
        let mut rope = Rope::from_str("😀 Lavrov said.\n東京 today\n");
        apply_changes(
            &mut rope,
            &[
                change(0, 3, 0, 9, "Smith"),
                change(1, 2, 1, 2, "で"),
                change(0, 0, 0, 2, ""),
            ],
            Encoding::Utf16,
        );
        assert_eq!(rope.to_string(), " Smith said.\n東京で today\n");
    }

    #[test]
    fn changes_apply_with_utf8_columns_and_full_replacement() {
        let mut rope = Rope::from_str("é x\r\ny");
        apply_changes(
            &mut rope,
            &[change(0, 2, 0, 3, "-"), change(1, 0, 1, 1, "z")],
            Encoding::Utf8,
        );
        assert_eq!(rope.to_string(), "é-x\r\nz");
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new".into(),
        };
        apply_changes(&mut rope, &[full, change(0, 3, 0, 3, "!")], Encoding::Utf8);
        assert_eq!(rope.to_string(), "new!");
    }

    #[test]
    fn a_reversed_or_out_of_range_change_does_not_panic() {
        let mut rope = Rope::from_str("abc");
        apply_changes(
            &mut rope,
            &[change(0, 2, 0, 1, "X"), change(9, 9, 9, 9, "!")],
            Encoding::Utf16,
        );
        assert_eq!(rope.to_string(), "aXc!");
    }
}
