//! What coreference reads around each name mention of a paragraph (the roles, the courtesy
//! title), kept with the paragraph's cached facts across re-analyses, and the one reader that
//! walks the paragraphs for both ([`super::roles::RoleReader`],
//! [`super::gender::title_memo::TitleReader`]).
//!
//! Coreference reads around every person mention on every analysis: on a long draft that is most
//! of its work, and after a keystroke only one paragraph is new. What it reads never passes a line
//! break, so when the paragraph is whole lines ([`memo_holds`]) the answer depends on the
//! paragraph's text alone: it is read from the paragraph's text, keyed by the mention's span
//! relative to the paragraph, and kept. Otherwise it is read afresh. A memo never changes an
//! answer.

use std::fmt;
use std::sync::{Mutex, MutexGuard};

use crate::analysis::paragraph::Paragraph;
use crate::analysis::span::Span;

/// Answers by the mention's span relative to the paragraph.
type Entries<E> = Vec<((u32, u32), E)>;

/// One paragraph's answers about its name mentions: empty until a reader fills it.
pub struct MentionMemo<E>(Mutex<Entries<E>>);

impl<E> Default for MentionMemo<E> {
    fn default() -> Self {
        MentionMemo(Mutex::new(Vec::new()))
    }
}

impl<E> fmt::Debug for MentionMemo<E> {
    /// Prints nothing of its contents: a warm analysis and a fresh one print alike.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MentionMemo")
    }
}

/// Enough entries for a real paragraph's name mentions; past it the memo starts over.
const MAX_ENTRIES: usize = 256;

/// Whether what is read around the mention `start..end` is kept in the memo of the paragraph at
/// `par`: the paragraph holds the mention and is whole lines, so that the reading depends on the
/// paragraph's text alone.
pub(super) fn memo_holds(text: &str, par: Span, start: u32, end: u32) -> bool {
    let bytes = text.as_bytes();
    let (ps, pe) = (par.start as usize, par.end as usize);
    par.start <= start
        && end <= par.end
        && pe <= bytes.len()
        && (ps == 0 || bytes[ps - 1] == b'\n')
        && (pe == bytes.len() || bytes[pe] == b'\n')
}

/// Reads the answers for name mentions, best asked in order of start, from the memo
/// (`memo_of`) of the paragraph holding each one: the last paragraph starting at or before the
/// mention. It holds one paragraph's memo at a time and looks first just past the last entry it
/// found: the mentions of a paragraph come in the order they were written to its memo.
pub(super) struct MentionMemoReader<'a, E> {
    text: &'a str,
    paragraphs: &'a [Paragraph],
    memo_of: fn(&Paragraph) -> &MentionMemo<E>,
    /// A paragraph starting at or before the last mention asked.
    next: usize,
    /// The memo of paragraph `next` once locked, and where to look first.
    held: Option<MutexGuard<'a, Entries<E>>>,
    held_for: usize,
    hint: usize,
}

/// Where the answer for one mention is.
pub(super) enum Lookup<'r, E> {
    /// Not kept: read it afresh from the whole text.
    Afresh,
    /// Kept, as read from the text of the paragraph starting at `par_start`.
    Found { par_start: u32, entry: &'r E },
    /// Not yet kept: read it from the paragraph's text and keep it ([`Vacant::keep`]).
    Vacant(Vacant<'r, E>),
}

/// The place of a mention's answer in its paragraph's memo, not yet filled.
pub(super) struct Vacant<'r, E> {
    /// The paragraph's text and where it starts.
    pub par_text: &'r str,
    pub par_start: u32,
    /// The mention's span relative to the paragraph.
    pub key: (u32, u32),
    entries: &'r mut Entries<E>,
    hint: &'r mut usize,
}

impl<E> Vacant<'_, E> {
    /// Keeps the answer read from the paragraph's text.
    pub(super) fn keep(self, entry: E) {
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.clear();
        }
        self.entries.push((self.key, entry));
        *self.hint = self.entries.len();
    }
}

impl<'a, E> MentionMemoReader<'a, E> {
    /// A reader of `paragraphs`' memos (none are read when `paragraphs` is empty).
    pub(super) fn new(text: &'a str, paragraphs: &'a [Paragraph], memo_of: fn(&Paragraph) -> &MentionMemo<E>) -> Self {
        MentionMemoReader { text, paragraphs, memo_of, next: 0, held: None, held_for: usize::MAX, hint: 0 }
    }

    pub(super) fn text(&self) -> &'a str {
        self.text
    }

    /// Where the answer for the mention `start..end` is. Inlined into each reader, as it was
    /// written in each before they shared it: it runs for every person mention.
    #[inline]
    pub(super) fn lookup(&mut self, start: u32, end: u32) -> Lookup<'_, E> {
        let (text, paragraphs) = (self.text, self.paragraphs);
        let after_next = |k: usize| paragraphs.get(k).is_some_and(|p| p.span.start <= start);
        if paragraphs.get(self.next).is_some_and(|p| p.span.start > start) || after_next(self.next + 2) {
            // Asked out of order, or far ahead (the inventory asks entity by entity): search
            // again (the memo is still only an accelerator).
            self.next = paragraphs.partition_point(|p| p.span.start <= start).saturating_sub(1);
        } else if after_next(self.next + 1) {
            self.next += 1;
        }
        let Some(par) = paragraphs.get(self.next).map(|p| p.span).filter(|&s| memo_holds(text, s, start, end)) else {
            return Lookup::Afresh;
        };
        if self.held_for != self.next {
            self.held = None;
            let memo = (self.memo_of)(&paragraphs[self.next]);
            self.held = Some(memo.0.lock().unwrap_or_else(|e| e.into_inner()));
            self.held_for = self.next;
            self.hint = 0;
        }
        let Some(entries) = self.held.as_mut() else { return Lookup::Afresh };
        let key = (start - par.start, end - par.start);
        let found = match entries.get(self.hint) {
            Some((k, _)) if *k == key => Some(self.hint),
            _ => entries.iter().position(|(k, _)| *k == key),
        };
        if let Some(i) = found {
            self.hint = i + 1;
            return Lookup::Found { par_start: par.start, entry: &entries[i].1 };
        }
        Lookup::Vacant(Vacant { par_text: par.text(text), par_start: par.start, key, entries, hint: &mut self.hint })
    }
}
