//! The per-paragraph layer: everything that depends on one paragraph's text alone.
//!
//! This is the expensive part of the analysis (it reads every byte), so it is computed once per
//! distinct paragraph text and cached by [`super::Analyzer`]: after a keystroke only the edited
//! paragraph is read again. All spans in [`ParagraphFacts`] are relative to the paragraph's start;
//! [`Paragraph`] makes them absolute.

use std::sync::Arc;

use super::attribution;
use super::entities::{self, NameCandidate};
use super::quotes::{self, QuoteMark};
use super::sentences;
use super::span::Span;
use super::tokens::{self, Token};

/// What one paragraph's text says, independent of where it sits in the document.
#[derive(Debug, Default)]
pub struct ParagraphFacts {
    pub tokens: Vec<Token>,
    /// Sentence spans.
    pub sentences: Vec<Span>,
    /// Every quote-like character, with its likely role.
    pub quote_marks: Vec<QuoteMark>,
    /// Capitalised word runs that may name people, organisations or places.
    pub names: Vec<NameCandidate>,
    /// The normalised text of each of `names`, the key the entity pass groups them by: read here
    /// once per paragraph rather than on every re-analysis.
    pub name_keys: entities::NameKeys,
    /// The attribution pass's answers for this paragraph's quotes, kept across re-analyses (the
    /// pass fills it; it depends on this paragraph's text alone, like the rest).
    pub attribution_memo: attribution::AttributionMemo,
    /// The quote-kind pass's answers for this paragraph's quotes, kept likewise.
    pub kind_memo: quotes::KindMemo,
    /// The roles coreference reads around this paragraph's name mentions, kept likewise.
    pub role_memo: super::coref::RoleMemo,
    /// Whether a name reads as its sentence's subject, as coreference asks it, kept likewise.
    pub subject_memo: super::coref::SubjectMemo,
    /// The courtesy title or role noun beside each name mention, as coreference reads it, kept likewise.
    pub title_memo: super::coref::TitleMemo,
}

/// Reads one paragraph.
pub fn analyze_paragraph(text: &str) -> ParagraphFacts {
    let tokens = tokens::tokenize(text);
    let sentences = sentences::split(text, &tokens);
    let quote_marks = quotes::scan_marks(text, &tokens);
    let (names, name_keys) = entities::name_candidates_with_keys(text, &tokens, &sentences);
    ParagraphFacts { tokens, sentences, quote_marks, names, name_keys, attribution_memo: Default::default(), kind_memo: Default::default(), role_memo: Default::default(), subject_memo: Default::default(), title_memo: Default::default() }
}

/// A body paragraph of the document.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// Absolute span in the document.
    pub span: Span,
    pub facts: Arc<ParagraphFacts>,
}

impl Paragraph {
    pub fn offset(&self) -> u32 {
        self.span.start
    }

    /// Tokens with absolute spans.
    pub fn tokens(&self) -> impl DoubleEndedIterator<Item = Token> + ExactSizeIterator + '_ {
        let off = self.offset();
        self.facts.tokens.iter().map(move |t| Token { span: t.span.shift(off), kind: t.kind })
    }

    /// Sentences with absolute spans.
    pub fn sentences(&self) -> impl DoubleEndedIterator<Item = Span> + ExactSizeIterator + '_ {
        let off = self.offset();
        self.facts.sentences.iter().map(move |s| s.shift(off))
    }

    /// Index of the sentence containing the absolute offset, if any.
    pub fn sentence_at(&self, offset: u32) -> Option<usize> {
        let rel = offset.checked_sub(self.offset())?;
        let i = self.facts.sentences.partition_point(|s| s.end <= rel);
        (i < self.facts.sentences.len() && self.facts.sentences[i].start <= rel).then_some(i)
    }

    /// Index of the first token that ends after the absolute offset.
    pub fn token_index_at(&self, offset: u32) -> usize {
        let rel = offset.saturating_sub(self.offset());
        self.facts.tokens.partition_point(|t| t.span.end <= rel)
    }
}

/// Makes `kept` (the last version's list) equal to `new`, touching only what changed: the
/// paragraphs at either end that share their facts with the new ones stay in place (a moved one
/// only has its span set), so a keystroke costs no reference-count update per paragraph of the
/// draft, as `new.to_vec()` would (each one a cache miss on a 10 MB draft).
pub fn update_in_place(kept: &mut Vec<Paragraph>, new: &[Paragraph]) {
    let same = |old: &Paragraph, new: &Paragraph| Arc::ptr_eq(&old.facts, &new.facts);
    let prefix = kept.iter().zip(new).take_while(|(old, new)| same(old, new)).count();
    let room = kept.len().min(new.len()) - prefix;
    let suffix = kept.iter().rev().zip(new.iter().rev()).take(room).take_while(|(old, new)| same(old, new)).count();
    let (old_len, new_len) = (kept.len(), new.len());
    kept.splice(prefix..old_len - suffix, new[prefix..new_len - suffix].iter().cloned());
    let (head, rest) = kept.split_at_mut(prefix);
    let tail = &mut rest[new_len - suffix - prefix..];
    for (old, new) in head.iter_mut().chain(tail).zip(new[..prefix].iter().chain(&new[new_len - suffix..])) {
        old.span = new.span;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(texts: &[&str], facts: &mut Vec<(String, Arc<ParagraphFacts>)>) -> Vec<Paragraph> {
        let mut at = 0;
        texts
            .iter()
            .map(|t| {
                let shared = match facts.iter().find(|(known, _)| known == t) {
                    Some((_, f)) => f.clone(),
                    None => {
                        let f = Arc::new(analyze_paragraph(t));
                        facts.push((t.to_string(), f.clone()));
                        f
                    }
                };
                let p = Paragraph { span: Span::new(at, at + t.len()), facts: shared };
                at += t.len() + 2;
                p
            })
            .collect()
    }

    #[test]
    fn a_list_updated_in_place_equals_the_new_list() {
        let mut facts = Vec::new();
        let versions: &[&[&str]] = &[
            &["A.", "B.", "C.", "D."],
            &["A.", "Bee.", "C.", "D."],
            &["A.", "Bee.", "X.", "C.", "D."],
            &["Long A.", "Bee.", "X.", "C.", "D."],
            &["D."],
            &[],
            &["A.", "A.", "A."],
            &["A.", "A."],
            &["B.", "A.", "A.", "B."],
        ];
        let mut kept = Vec::new();
        for texts in versions {
            let new = listed(texts, &mut facts);
            update_in_place(&mut kept, &new);
            assert_eq!(kept.len(), new.len(), "{texts:?}");
            for (k, n) in kept.iter().zip(&new) {
                assert!(k.span == n.span && Arc::ptr_eq(&k.facts, &n.facts), "{texts:?}");
            }
        }
    }
}
