//! What a quotation is: someone's words (whole or a fragment), or quoted text that is not speech.
//!
//! Looks only at the few tokens around each quote, so it stays proportional to the quotes.

use super::{Quote, QuoteKind};
use crate::analysis::attribution::QuoteMemo;
use crate::analysis::lexicon;
use crate::analysis::paragraph::Paragraph;
use crate::analysis::tokens::{Token, TokenKind};

/// Words before a quote that make it a word-as-a-word: `the word "woke"`.
const TERM_CUES: &[&str] = &[
    "word",
    "words",
    "term",
    "terms",
    "phrase",
    "phrases",
    "slogan",
    "hashtag",
    "motto",
    "label",
    "catchphrase",
    "acronym",
    "moniker",
    "nickname",
];
/// Words before a quote that make it a name of a work: `the film "Selma"`.
const TITLE_CUES: &[&str] = &[
    "titled",
    "entitled",
    "book",
    "film",
    "movie",
    "song",
    "album",
    "show",
    "series",
    "novel",
    "documentary",
    "episode",
    "play",
    "musical",
    "column",
    "op-ed",
    "essay",
    "memoir",
    "program",
    "programme",
    "podcast",
    "poem",
    "painting",
    "headline",
    "single",
    "opera",
    "sitcom",
];
/// Words before a quote that keep its words at a distance: `so-called "reforms"`.
const SCARE_CUES: &[&str] = &[
    "so-called",
    "dubbed",
    "nicknamed",
    "branded",
    "labeled",
    "labelled",
    "termed",
    "self-styled",
    "self-described",
    "supposed",
    "alleged",
    "quote-unquote",
];
/// No cue above is longer, in bytes (a test checks): the word before a quote is lowercased on the
/// stack in a buffer of this size.
const LONGEST_CUE: usize = 16;

/// Small words that a title in title case leaves in lower case.
const TITLE_SMALL_WORDS: &[&str] = &[
    "of", "the", "a", "an", "and", "or", "in", "on", "to", "for", "with", "at", "if", "by", "from",
    "is", "vs",
];

/// Classifies quote `i` (whose parent, if any, is already known).
pub fn classify(text: &str, paragraphs: &[Paragraph], quotes: &[Quote], i: usize) -> QuoteKind {
    let q = &quotes[i];
    if q.continues.is_some() {
        return QuoteKind::Continuation;
    }
    let Some(par) = paragraphs.get(q.paragraph) else {
        return QuoteKind::Direct;
    };
    // Everything below reads only the paragraph, so an unchanged paragraph's answer is kept.
    match (
        q.span.relative_to(par.span),
        q.content.relative_to(par.span),
    ) {
        (Some(span), Some(content)) => {
            let key = KindKey {
                span,
                content,
                nested: q.parent.is_some(),
            };
            par.facts
                .kind_memo
                .get_or_insert(key, || classify_in_paragraph(text, par, q))
        }
        _ => classify_in_paragraph(text, par, q),
    }
}

/// What [`classify`] reads of a quote that is not a later part of a running quote, relative to
/// its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct KindKey {
    span: (u32, u32),
    content: (u32, u32),
    nested: bool,
}

/// The kinds of a paragraph's quotes, kept with its cached facts across re-analyses.
pub type KindMemo = QuoteMemo<KindKey, QuoteKind>;

/// The kind of a quote (not a later part of a running quote) from its paragraph alone.
fn classify_in_paragraph(text: &str, par: &Paragraph, q: &Quote) -> QuoteKind {
    let ptext = par.span.text(text);
    let off = par.offset();
    let toks = &par.facts.tokens;
    let first = par.token_index_at(q.content.start);
    let last = par.token_index_at(q.content.end);
    let content: &[Token] = toks.get(first..last.max(first)).unwrap_or(&[]);
    // Only small counts matter below: stop counting early on long quotes.
    let words = content
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .take(16)
        .count();
    let open_idx = par.token_index_at(q.span.start);
    let before: [Option<&str>; 2] = [1, 2].map(|back| {
        open_idx
            .checked_sub(back)
            .and_then(|k| toks.get(k))
            .map(|t| t.text(ptext))
    });
    let prev = before[0];
    // Lowercased on the stack: every cue below is a short ASCII word, so a word that is not one
    // (`None`) matches none of them, as its lowercase String did not.
    let mut buf = [0u8; LONGEST_CUE];
    let prev_lower = prev.and_then(|p| lexicon::ascii_lower(p, &mut buf));

    if let Some(p) = prev_lower {
        if words <= 6 && TERM_CUES.contains(&p) {
            return QuoteKind::Term;
        }
        if words <= 12 && TITLE_CUES.contains(&p) {
            return QuoteKind::Title;
        }
        if words <= 6 && (SCARE_CUES.contains(&p) || (p == "called" && words <= 3)) {
            return QuoteKind::Scare;
        }
    }
    let ends_sentence = content
        .iter()
        .rev()
        .find(|t| t.kind != TokenKind::QuoteMark)
        .is_some_and(|t| matches!(t.text(ptext), "." | "?" | "!" | "…" | ","));
    let starts_upper = content
        .iter()
        .find(|t| t.kind != TokenKind::QuoteMark && t.kind != TokenKind::Punct)
        .and_then(|t| t.text(ptext).chars().next())
        .is_some_and(char::is_uppercase);
    let at_sentence_start = match prev {
        None => true,
        Some(p) => {
            matches!(
                p,
                "." | "?" | "!" | ":" | "—" | "–" | "-" | "―" | "(" | "[" | ";" | "…"
            ) || toks[open_idx - 1].kind == TokenKind::QuoteMark
                || {
                    let rel = q.span.start - off;
                    let k = par.facts.sentences.partition_point(|s| s.start < rel);
                    par.facts.sentences.get(k).is_some_and(|s| s.start == rel)
                }
        }
    };
    if q.parent.is_some() {
        return if words >= 4 && (starts_upper || ends_sentence) {
            QuoteKind::Direct
        } else {
            QuoteKind::Scare
        };
    }
    // `on CNN's "New Day,"`, `"Bridge Over Troubled Water."`: a name in title case mid-sentence,
    // or one that a lower-case word follows (`"Orange Is the New Black" star`).
    let next_lower = toks
        .get(par.token_index_at(q.span.end))
        .map(|t| t.text(ptext))
        .is_some_and(|w| {
            w.starts_with(char::is_lowercase)
                && lexicon::cue_verb(w).is_none()
                && !lexicon::is_subject_pronoun(w)
        });
    // Words right after a cue verb are someone's: `chanting "Bernie or Jill, No Hill"`.
    let cue_right_before = before[0].is_some_and(|w| lexicon::cue_verb(w).is_some())
        || (matches!(before[0], Some("," | ":"))
            && before[1].is_some_and(|w| lexicon::cue_verb(w).is_some()));
    if (1..=10).contains(&words)
        && !cue_right_before
        && (!at_sentence_start || next_lower)
        && is_title_case(ptext, content)
        && !has_inner_stop(ptext, content)
    {
        return QuoteKind::Title;
    }
    if at_sentence_start {
        return QuoteKind::Direct;
    }
    // `He said, "We…"` and `He said "We…"` introduce a whole utterance.
    let cue_before = |w: Option<&str>| w.is_some_and(|w| lexicon::cue_verb(w).is_some());
    if starts_upper && (cue_before(before[0]) || (prev == Some(",") && cue_before(before[1]))) {
        return QuoteKind::Direct;
    }
    if cue_right_before {
        return if starts_upper {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        };
    }
    if words <= 3 && !cue_in_sentence(ptext, toks, par, open_idx) {
        return QuoteKind::Scare;
    }
    QuoteKind::Partial
}

fn is_title_case(ptext: &str, content: &[Token]) -> bool {
    let mut n = 0;
    for t in content.iter().filter(|t| t.kind == TokenKind::Word) {
        let w = t.text(ptext);
        if w.starts_with(char::is_uppercase) || w.starts_with(|c: char| c.is_ascii_digit()) {
            n += 1;
        } else if !TITLE_SMALL_WORDS.contains(&w) {
            return false;
        }
    }
    n >= 2
}

/// A full stop, question or exclamation mark inside a quote, before its last token.
fn has_inner_stop(ptext: &str, content: &[Token]) -> bool {
    let n = content.len().saturating_sub(2);
    content[..n]
        .iter()
        .any(|t| t.kind == TokenKind::Punct && matches!(t.text(ptext), "." | "?" | "!"))
}

/// Whether a cue verb comes before token `open` in its sentence: `said the plan was "unworkable"`.
fn cue_in_sentence(ptext: &str, toks: &[Token], par: &Paragraph, open: usize) -> bool {
    let at = toks.get(open).map_or(u32::MAX, |t| t.span.start);
    let k = par.facts.sentences.partition_point(|s| s.start <= at);
    let start = k.checked_sub(1).map_or(0, |k| {
        toks.partition_point(|t| t.span.start < par.facts.sentences[k].start)
    });
    toks[start..open.min(toks.len())]
        .iter()
        .any(|t| lexicon::cue_verb(t.text(ptext)).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_is_lowercase_ascii_that_fits_the_stack_buffer() {
        for cue in TERM_CUES.iter().chain(TITLE_CUES).chain(SCARE_CUES) {
            assert!(cue.is_ascii() && cue.len() <= LONGEST_CUE, "{cue}");
            assert_eq!(*cue, cue.to_ascii_lowercase());
        }
    }
}
