//! The courtesy title or role noun beside each name mention of a paragraph (`Ms. Ruiz`, `his
//! wife, Ana`), kept with the paragraph's cached facts across re-analyses.
//!
//! [`super::learn_genders`] reads one for every person mention of the draft on every analysis:
//! on a long draft that is most of its work, and after a keystroke only one paragraph is new.
//! The source inventory's [`evidence::DraftEvidence::with_people`] reads the same clues after it,
//! from the same memo, rather than reading every title a second (and third) time.
//! What [`evidence::honorific_before`] and [`evidence::role_noun_around`] read never passes a
//! line break: the words before a mention stop at any character that is not a letter, digit,
//! stop, comma or space, and the apposition after one stops at `\n`. So when the paragraph is
//! whole lines ([`memo_holds`]) the answer depends on the paragraph's text alone, and it is read
//! from the paragraph's text, keyed by the mention's span relative to the paragraph. Otherwise it
//! is read afresh. The memo never changes an answer.

use std::fmt;
use std::sync::{Mutex, MutexGuard};

use super::evidence::{self, Clue};
use crate::analysis::coref::roles::memo_holds;
use crate::analysis::entities::Pronoun;
use crate::analysis::paragraph::Paragraph;
use crate::analysis::span::Span;

/// The clue, its span relative to the paragraph.
type Entries = Vec<((u32, u32), Option<Clue>)>;

/// The courtesy title or role noun beside each name mention, by the mention's relative span.
#[derive(Default)]
pub struct TitleMemo(Mutex<Entries>);

impl fmt::Debug for TitleMemo {
    /// Prints nothing of its contents: a warm analysis and a fresh one print alike.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TitleMemo")
    }
}

/// Enough entries for a real paragraph's name mentions; past it the memo starts over.
const MAX_ENTRIES: usize = 256;

/// A courtesy title before a name mention, or else a role noun beside it.
pub(crate) fn title_clue(text: &str, mention: Span) -> Option<Clue> {
    evidence::honorific_before(text, mention).or_else(|| evidence::role_noun_around(text, mention))
}

/// The pronoun [`title_clue`] shows.
#[cfg(test)]
pub(crate) fn title_pronoun(text: &str, mention: Span) -> Option<Pronoun> {
    title_clue(text, mention).map(|c| c.pronoun)
}

/// Reads [`title_clue`] for name mentions, best asked in order of start, from the memo of the
/// paragraph holding each one when that paragraph is whole lines (else afresh), holding one
/// paragraph's memo at a time, like [`crate::analysis::coref::roles::RoleReader`].
pub(crate) struct TitleReader<'a> {
    text: &'a str,
    paragraphs: &'a [Paragraph],
    /// A paragraph starting at or before the last mention asked.
    next: usize,
    held: Option<MutexGuard<'a, Entries>>,
    held_for: usize,
    hint: usize,
}

impl<'a> TitleReader<'a> {
    pub(crate) fn new(text: &'a str, paragraphs: &'a [Paragraph]) -> TitleReader<'a> {
        TitleReader { text, paragraphs, next: 0, held: None, held_for: usize::MAX, hint: 0 }
    }

    /// The pronoun [`title_clue`] of the mention `start..end` shows.
    pub(crate) fn pronoun(&mut self, start: u32, end: u32) -> Option<Pronoun> {
        self.clue(start, end).map(|c| c.pronoun)
    }

    /// [`title_clue`] of the mention `start..end`.
    pub(crate) fn clue(&mut self, start: u32, end: u32) -> Option<Clue> {
        let (text, paragraphs) = (self.text, self.paragraphs);
        let after_next = |k: usize| paragraphs.get(k).is_some_and(|p| p.span.start <= start);
        if paragraphs.get(self.next).is_some_and(|p| p.span.start > start) || after_next(self.next + 2) {
            // Asked out of order, or far ahead (the inventory asks entity by entity): search
            // again (the memo is still only an accelerator).
            self.next = paragraphs.partition_point(|p| p.span.start <= start).saturating_sub(1);
        } else if after_next(self.next + 1) {
            self.next += 1;
        }
        let par = paragraphs.get(self.next).map(|p| p.span).filter(|&s| memo_holds(text, s, start, end));
        let Some(par) = par else {
            return title_clue(text, Span { start, end });
        };
        if self.held_for != self.next {
            self.held = None;
            let memo = &paragraphs[self.next].facts.title_memo;
            self.held = Some(memo.0.lock().unwrap_or_else(|e| e.into_inner()));
            self.held_for = self.next;
            self.hint = 0;
        }
        let Some(entries) = self.held.as_mut() else {
            return title_clue(text, Span { start, end });
        };
        let key = (start - par.start, end - par.start);
        let found = match entries.get(self.hint) {
            Some((k, _)) if *k == key => Some(self.hint),
            _ => entries.iter().position(|(k, _)| *k == key),
        };
        if let Some(i) = found {
            self.hint = i + 1;
            return entries[i].1.map(|c| Clue { span: c.span.shift(par.start), ..c });
        }
        let clue = title_clue(par.text(text), Span { start: key.0, end: key.1 });
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.push((key, clue));
        self.hint = entries.len();
        clue.map(|c| Clue { span: c.span.shift(par.start), ..c })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::paragraph::analyze_paragraph;
    use std::sync::Arc;

    fn paragraphs(text: &str) -> Vec<Paragraph> {
        let mut out = Vec::new();
        let mut at = 0;
        for part in text.split('\n') {
            if !part.trim().is_empty() {
                let span = Span::new(at, at + part.len());
                out.push(Paragraph { span, facts: Arc::new(analyze_paragraph(part)) });
            }
            at += part.len() + 1;
        }
        out
    }

    /// Every word-like span of every line, read through the memo twice (filling it, then from
    /// it) and read afresh on the whole text: always the same answer.
    #[test]
    fn the_memo_answers_as_a_fresh_reading_of_the_whole_text() {
        let text = "Mr. Hale said.\nHis wife, Ana Reyes, spoke. Ana Reyes, the spokeswoman, left.\n\
                    Ms.\nRuiz and former Congresswoman Lee Park, her sister, came.\n, the husband,\n \
                    Dame Ivy Stone\nMrs Kay";
        let pars = paragraphs(text);
        let mut spans = Vec::new();
        for (i, c) in text.char_indices() {
            if c.is_uppercase() {
                let end = text[i..].find([' ', ',', '.', '\n']).map_or(text.len(), |e| i + e);
                spans.push(Span::new(i, end));
                let two = text[end..].find([',', '.', '\n']).map_or(text.len(), |e| end + e);
                spans.push(Span::new(i, two));
            }
        }
        spans.sort_by_key(|s| (s.start, s.end));
        for _ in 0..2 {
            let mut reader = TitleReader::new(text, &pars);
            for &s in &spans {
                assert_eq!(reader.clue(s.start, s.end), title_clue(text, s), "{:?}", s.text(text));
            }
        }
        // Asked out of order, as the inventory asks (entity by entity): the same answers.
        let mut reader = TitleReader::new(text, &pars);
        for &s in spans.iter().rev().chain(spans.iter().step_by(3)) {
            assert_eq!(reader.pronoun(s.start, s.end), title_pronoun(text, s), "{:?}", s.text(text));
        }
        let found = spans.iter().filter(|&&s| title_pronoun(text, s).is_some()).count();
        assert!(found >= 5, "the fixture exercises titles and role nouns: {found}");
    }
}
