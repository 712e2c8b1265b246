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

/// From this length on, an opened document's text gets its spare at once (see [`with_spare`]);
/// a short draft's first copies are cheap, and it is not worth the memory.
const PREPARED_SPARE_FROM_BYTES: usize = 1 << 20;

/// One open document.
pub struct Document {
    pub rope: Rope,
    /// The rope's contents, edited the same way, so that an analysis need not copy the rope out
    /// (0.4 ms on a 1 MB draft). The rope stays the source of truth for positions. Shared with
    /// the job analysing it and then with its analysis (see [`apply_changes_shared`]).
    pub text: Arc<String>,
    /// The text before `text`, kept for its memory once no analysis holds it any longer, and
    /// then written with a copy of `text` for the next edit ([`Spare`]).
    pub spare_text: Spare,
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
    /// Lets go of the job queued and not started, which a newer one replaces (and with it of its
    /// hold on the text). The analyser never reads that job's text, so its edit is carried into
    /// the edit since the last job.
    pub fn drop_pending(&mut self) {
        if let Some(replaced) = self.pending.take() {
            self.edit_since_job = replaced.edit.zip(self.edit_since_job).map(|(first, then)| first.then(then));
        }
    }

    pub fn new(text: String, version: i32, language_id: String, format: Format) -> Document {
        let (text, spare_text) = if text.len() >= PREPARED_SPARE_FROM_BYTES {
            let (text, spare) = with_spare(text);
            (text, Spare { buffer: Some(Arc::new(spare)), holds_text: true })
        } else {
            (text, Spare::default())
        };
        Document {
            rope: Rope::from_str(&text),
            text: Arc::new(text),
            spare_text,
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

/// The memory of the text before the document's text, into which the next edit of a text that
/// an analysis holds is written (see [`apply_changes_shared`]).
#[derive(Default)]
pub struct Spare {
    buffer: Option<Arc<String>>,
    /// Whether `buffer` holds a copy of the document's text as it is now ([`Spare::prepare`]).
    holds_text: bool,
}

impl Spare {
    pub fn buffer(&self) -> Option<&Arc<String>> {
        self.buffer.as_ref()
    }

    /// Copies `text` (the document's) into the spare's memory when no one holds that any more,
    /// so that the next edit is made in place in the copy rather than in copying the whole
    /// text: the server calls this after publishing, while the client reads the diagnostics,
    /// and on a 10 MB draft the keystroke then saves the millisecond of the copy. Only for a
    /// long text that someone besides the document holds (one no one holds is edited in place).
    pub fn prepare(&mut self, text: &Arc<String>) {
        if self.holds_text || text.len() < PREPARED_SPARE_FROM_BYTES || Arc::strong_count(text) == 1 {
            return;
        }
        let Some(buffer) = self.buffer.as_mut().and_then(Arc::get_mut) else { return };
        buffer.clear();
        if buffer.capacity() < text.len() {
            buffer.reserve_exact(with_room(text.len()));
        }
        buffer.push_str(text);
        self.holds_text = true;
    }
}

/// [`apply_changes_mirrored`] to a text that the last analysis may still hold (it holds the
/// document's text, not a copy): edited in place when no one else holds it, else in the spare
/// when that was prepared with a copy of the text and no one holds it ([`Spare::prepare`]), else
/// the first change is made in copying it, and the others in place in the copy. The copy is
/// written into the spare's memory when no one holds that text either (a long draft's fresh
/// allocation costs as much again as the copy). The text replaced becomes the next spare.
pub fn apply_changes_shared(
    rope: &mut Rope,
    text: &mut Arc<String>,
    spare: &mut Spare,
    changes: &[TextDocumentContentChangeEvent],
    enc: Encoding,
) -> Unchanged {
    // Whatever happens, the spare no longer holds a copy of the text.
    let prepared = std::mem::take(&mut spare.holds_text);
    let Some((first, rest)) = changes.split_first().filter(|_| Arc::get_mut(text).is_none()) else {
        return apply_changes_mirrored(rope, Arc::make_mut(text), changes, enc);
    };
    if let Some(copy) = spare.buffer.as_mut().filter(|_| prepared).and_then(Arc::get_mut) {
        debug_assert!(**copy == **text, "a prepared spare holds the text");
        let edit = apply_changes_mirrored(rope, copy, changes, enc);
        std::mem::swap(text, spare.buffer.as_mut().expect("the buffer just edited"));
        return edit;
    }
    let (start, end) = byte_range(rope, first, enc);
    let mut copy = spare.buffer.take().and_then(|s| Arc::try_unwrap(s).ok()).unwrap_or_default();
    copy.clear();
    let len = text.len() - (end - start) + first.text.len();
    if copy.capacity() < len {
        // Room to type into before the copy must grow again (fresh memory for a whole draft:
        // on a 10 MB draft its page faults cost more than the copy). Grown only when too small:
        // asking for room measured from each new length would grow a buffer on every keystroke
        // that lengthens the text past the room the last one asked for.
        copy.reserve_exact(with_room(len));
    }
    copy.push_str(&text[..start]);
    copy.push_str(&first.text);
    copy.push_str(&text[end..]);
    let first_edit = apply(rope, None, std::slice::from_ref(first), enc);
    spare.buffer = Some(std::mem::replace(text, Arc::new(copy)));
    first_edit.then(apply_changes_mirrored(rope, Arc::make_mut(text), rest, enc))
}

/// A text's length with room to type into: the capacity its copies are made with.
fn with_room(len: usize) -> usize {
    len + len / 64 + 64
}

/// A large draft's text as [`Document::new`] keeps it, with its spare: both with room to type
/// into, and both written once, so that the first keystrokes write into memory that is already
/// the process's rather than faulting in a fresh copy's pages (about 8 ms on a 10 MB draft,
/// twice: the opened text is too small to be copied into, and there is no spare yet).
fn with_spare(mut text: String) -> (String, String) {
    text.reserve_exact(with_room(text.len()) - text.len());
    let mut spare = String::with_capacity(text.capacity());
    spare.push_str(&text);
    (text, spare)
}

/// The bytes of the rope a change replaces: its range, ordered (the whole text for a change
/// with none).
fn byte_range(rope: &Rope, change: &TextDocumentContentChangeEvent, enc: Encoding) -> (usize, usize) {
    match change.range {
        None => (0, rope.len_bytes()),
        Some(range) => {
            let a = convert::offset(rope, range.start, enc);
            let b = convert::offset(rope, range.end, enc);
            (a.min(b), a.max(b))
        }
    }
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
            Some(_) => {
                let (start, end) = byte_range(rope, change, enc);
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
    fn a_text_an_analysis_holds_is_edited_in_a_copy_and_its_memory_reused_once_free() {
        let mut rope = Rope::from_str("Lavrov said.\n");
        // Room to grow, as a copy made here has.
        let mut first = String::with_capacity(256);
        first.push_str("Lavrov said.\n");
        let (mut text, mut spare) = (Arc::new(first), Spare::default());
        let analysis_holds = text.clone();
        apply_changes_shared(&mut rope, &mut text, &mut spare, &[change(0, 6, 0, 6, " again")], Encoding::Utf8);
        assert_eq!((text.as_str(), analysis_holds.as_str()), ("Lavrov again said.\n", "Lavrov said.\n"));
        assert!(spare.buffer().is_some_and(|s| Arc::ptr_eq(s, &analysis_holds)));
        // The analysis of the first text is gone, the next one holds the second: the third is
        // written where the first was.
        let first_memory = analysis_holds.as_ptr();
        drop(analysis_holds);
        let next_analysis_holds = text.clone();
        apply_changes_shared(&mut rope, &mut text, &mut spare, &[change(0, 0, 0, 0, "“")], Encoding::Utf8);
        assert_eq!((text.as_str(), rope.to_string().as_str()), ("“Lavrov again said.\n", "“Lavrov again said.\n"));
        assert_eq!(text.as_ptr(), first_memory);
        // Several changes at once: the first made in copying, the rest in the copy.
        let holds = text.clone();
        apply_changes_shared(&mut rope, &mut text, &mut spare, &[change(0, 3, 0, 4, "L"), change(0, 0, 0, 0, "x")], Encoding::Utf8);
        assert_eq!((text.as_str(), rope.to_string().as_str()), ("x“Lavrov again said.\n", "x“Lavrov again said.\n"));
        assert_eq!(holds.as_str(), "“Lavrov again said.\n");
        drop(holds);
        // No one else holds it: edited in place.
        drop(next_analysis_holds);
        let at = text.as_ptr();
        apply_changes_shared(&mut rope, &mut text, &mut spare, &[change(0, 1, 0, 1, "!")], Encoding::Utf8);
        assert_eq!((text.as_str(), text.as_ptr()), ("x!“Lavrov again said.\n", at));
    }

    /// The report of a keystroke says what it left alone on both sides, in a held text (copied)
    /// and in a free one (edited in place): the analysis then compares a few bytes, not the
    /// text after the keystroke.
    #[test]
    fn an_edit_is_reported_with_what_it_left_on_both_sides() {
        let mut rope = Rope::from_str("Lavrov said.\n");
        let (mut text, mut spare) = (Arc::new("Lavrov said.\n".to_string()), Spare::default());
        let holds = text.clone();
        let typed = apply_changes_shared(&mut rope, &mut text, &mut spare, &[change(0, 6, 0, 6, " again")], Encoding::Utf8);
        assert_eq!(typed, Unchanged::of_change(13, 6, 6, 6));
        drop(holds);
        let cut = apply_changes_shared(&mut rope, &mut text, &mut spare, &[change(0, 0, 0, 1, "")], Encoding::Utf8);
        assert_eq!(cut, Unchanged::of_change(19, 0, 1, 0));
    }

    /// Typing into a text that each analysis holds until the next: the copies alternate
    /// between two buffers, which keep the room their first copy gave them instead of growing
    /// (a new buffer of the whole draft) whenever the text outgrows the last request for room.
    #[test]
    fn typing_into_a_held_text_reuses_two_buffers_that_never_grow() {
        let draft = "Lavrov said the talks were useful.\n".repeat(100);
        let mut rope = Rope::from_str(&draft);
        let (mut text, mut spare) = (Arc::new(draft.clone()), Spare::default());
        let mut held = text.clone();
        let mut buffers = Vec::new();
        for _ in 0..40 {
            apply_changes_shared(&mut rope, &mut text, &mut spare, &[change(50, 0, 50, 0, "x")], Encoding::Utf8);
            // The analysis of this text starts; the one before it lets go of its text.
            held = text.clone();
            buffers.push((text.as_ptr() as usize, text.capacity()));
        }
        assert_eq!(held.as_str(), rope.to_string());
        // The first copy is new memory, the second needs more room than the opened text had,
        // and from then on those two buffers, as they are, are all there is.
        let distinct: std::collections::BTreeSet<_> = buffers.iter().copied().collect();
        assert_eq!(distinct.len(), 2, "{buffers:?}");
        assert!(distinct.iter().all(|&(_, capacity)| capacity >= draft.len() + 40));
    }

    /// After publishing, the server copies the text into the spare the freed analysis left: the
    /// next keystroke is then made in place in that copy, and the text it replaces (which the
    /// last analysis holds) becomes the spare. A large opened draft's spare starts as a copy.
    #[test]
    fn a_prepared_spare_takes_the_next_edit_in_place() {
        let draft = "Lavrov said the talks were useful.\n".repeat(PREPARED_SPARE_FROM_BYTES / 30);
        let mut doc = Document::new(draft.clone(), 1, "plaintext".into(), Format::Plain);
        for round in 0..3 {
            let analysis_holds = doc.text.clone();
            if round > 0 {
                doc.spare_text.prepare(&doc.text);
            }
            let copy_at = doc.spare_text.buffer().expect("a spare").as_ptr();
            let typed = apply_changes_shared(&mut doc.rope, &mut doc.text, &mut doc.spare_text, &[change(5, 0, 5, 0, "x")], Encoding::Utf8);
            assert_eq!(doc.text.as_ptr(), copy_at, "round {round}: edited in the prepared copy");
            assert!(doc.spare_text.buffer().is_some_and(|s| Arc::ptr_eq(s, &analysis_holds)));
            assert_eq!(*doc.text, doc.rope.to_string());
            assert_eq!(typed, Unchanged::of_change(analysis_holds.len(), 35 * 5, 35 * 5, 1));
        }
        assert!(doc.text.starts_with(&"Lavrov said the talks were useful.\n".repeat(5)));
        assert_eq!(&doc.text[35 * 5..35 * 5 + 4], "xxxL");
    }

    /// A spare is prepared only when no one holds it and the text is long; and a copy made
    /// stale by an edit in place is never edited.
    #[test]
    fn a_spare_is_prepared_only_when_free_and_never_used_stale() {
        let draft = "Lavrov said the talks were useful.\n".repeat(PREPARED_SPARE_FROM_BYTES / 30);
        let mut doc = Document::new(draft.clone(), 1, "plaintext".into(), Format::Plain);
        let mut analysis_holds = doc.text.clone();
        apply_changes_shared(&mut doc.rope, &mut doc.text, &mut doc.spare_text, &[change(0, 0, 0, 0, "a")], Encoding::Utf8);
        // The spare is the text the analysis still holds: nothing to prepare.
        doc.spare_text.prepare(&doc.text);
        assert!(!doc.spare_text.holds_text);
        // Freed, prepared, then the text is edited in place (no analysis holds it) and held again.
        drop(analysis_holds);
        analysis_holds = doc.text.clone();
        doc.spare_text.prepare(&doc.text);
        assert!(doc.spare_text.holds_text);
        drop(analysis_holds);
        apply_changes_shared(&mut doc.rope, &mut doc.text, &mut doc.spare_text, &[change(0, 0, 0, 0, "b")], Encoding::Utf8);
        analysis_holds = doc.text.clone();
        apply_changes_shared(&mut doc.rope, &mut doc.text, &mut doc.spare_text, &[change(0, 0, 0, 0, "c")], Encoding::Utf8);
        assert_eq!((&analysis_holds[..3], &doc.text[..4]), ("baL", "cbaL"));
        assert_eq!(*doc.text, doc.rope.to_string());
        // A short text is not worth a copy ahead of time.
        let mut short = Spare { buffer: Some(Arc::new(String::new())), holds_text: false };
        let text = Arc::new("Lavrov said.\n".to_string());
        let _held = text.clone();
        short.prepare(&text);
        assert!(!short.holds_text);
    }

    /// A large draft's first keystrokes find their memory ready: the opened text and its spare
    /// both have room to type into.
    #[test]
    fn a_large_opened_draft_has_a_spare_with_room() {
        let draft = "Lavrov said the talks were useful.\n".repeat(PREPARED_SPARE_FROM_BYTES / 30);
        let doc = Document::new(draft.clone(), 1, "plaintext".into(), Format::Plain);
        assert_eq!(doc.text.as_str(), draft);
        let spare = doc.spare_text.buffer().expect("a spare");
        assert!(doc.text.capacity() >= with_room(draft.len()) && spare.capacity() >= with_room(draft.len()));
        let small = Document::new("Lavrov said.\n".into(), 1, "plaintext".into(), Format::Plain);
        assert!(small.spare_text.buffer().is_none());
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
