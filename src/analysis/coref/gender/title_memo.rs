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
//! whole lines ([`crate::analysis::coref::mention_memo::memo_holds`]) the answer depends on the
//! paragraph's text alone, and it is read from the paragraph's text, keyed by the mention's span
//! relative to the paragraph ([`crate::analysis::coref::mention_memo`]). Otherwise it is read
//! afresh. The memo never changes an answer.

use super::evidence::{self, Clue};
use crate::analysis::coref::mention_memo::{Lookup, MentionMemo, MentionMemoReader};
use crate::analysis::entities::Pronoun;
use crate::analysis::paragraph::Paragraph;
use crate::analysis::span::Span;

/// The courtesy title or role noun beside each name mention (its span relative to the
/// paragraph), by the mention's relative span.
pub type TitleMemo = MentionMemo<Option<Clue>>;

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
/// paragraph holding each one when that paragraph is whole lines (else afresh).
pub(crate) struct TitleReader<'a>(MentionMemoReader<'a, Option<Clue>>);

impl<'a> TitleReader<'a> {
    pub(crate) fn new(text: &'a str, paragraphs: &'a [Paragraph]) -> TitleReader<'a> {
        TitleReader(MentionMemoReader::new(text, paragraphs, |p| &p.facts.title_memo))
    }

    /// The pronoun [`title_clue`] of the mention `start..end` shows.
    pub(crate) fn pronoun(&mut self, start: u32, end: u32) -> Option<Pronoun> {
        self.clue(start, end).map(|c| c.pronoun)
    }

    /// [`title_clue`] of the mention `start..end`.
    pub(crate) fn clue(&mut self, start: u32, end: u32) -> Option<Clue> {
        let text = self.0.text();
        let (par_start, clue) = match self.0.lookup(start, end) {
            Lookup::Afresh => return title_clue(text, Span { start, end }),
            Lookup::Found { par_start, entry } => (par_start, *entry),
            Lookup::Vacant(slot) => {
                let clue = title_clue(slot.par_text, Span { start: slot.key.0, end: slot.key.1 });
                let par_start = slot.par_start;
                slot.keep(clue);
                (par_start, clue)
            }
        };
        clue.map(|c| Clue { span: c.span.shift(par_start), ..c })
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
