//! Small helpers the issue-6 rules share: reading words around spans, telling quoted words from
//! the reporter's own, and rewriting cue verbs.

use crate::analysis::span::Span;
use crate::analysis::tokens::{Token, TokenKind};
use crate::analysis::Analysis;

/// The spans of the outermost quotes, sorted: words inside them are the speaker's, not the
/// reporter's.
pub fn outer_quote_spans(a: &Analysis) -> Vec<Span> {
    let mut spans: Vec<Span> = a.quotes.iter().filter(|q| q.parent.is_none()).map(|q| q.span).collect();
    spans.sort();
    spans
}

/// Whether an offset is inside one of `spans` (sorted, not overlapping).
pub fn is_inside(spans: &[Span], offset: u32) -> bool {
    let i = spans.partition_point(|s| s.end <= offset);
    spans.get(i).is_some_and(|s| s.start <= offset)
}

pub fn is_word(t: &Token) -> bool {
    matches!(t.kind, TokenKind::Word | TokenKind::Number)
}

pub fn is_capitalised(word: &str) -> bool {
    word.starts_with(|c: char| c.is_uppercase())
}

/// The form of `say` that takes the place of a cue verb's form, keeping tense and person:
/// `claimed` -> `said`, `claims` -> `says`, `claiming` -> `saying`, `claim` -> `say`; the case of
/// the first letter is kept.
pub fn said_form(verb: &str) -> &'static str {
    let lower = verb.to_ascii_lowercase();
    let capital = is_capitalised(verb);
    let form = if lower.ends_with("ing") {
        0
    } else if lower.ends_with("ed") || matches!(lower.as_str(), "thought" | "felt" | "cried" | "told") {
        1
    } else if lower.ends_with('s') {
        2
    } else {
        3
    };
    match (form, capital) {
        (0, false) => "saying",
        (0, true) => "Saying",
        (1, false) => "said",
        (1, true) => "Said",
        (2, false) => "says",
        (2, true) => "Says",
        (_, false) => "say",
        (_, true) => "Say",
    }
}

/// The name's words without a courtesy title or a possessive: `Mr. Lavrov's` -> `Lavrov`.
pub fn bare_name(mention: &str) -> &str {
    let mut s = mention.trim();
    for title in ["Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Mr ", "Mrs ", "Ms ", "Dr "] {
        if let Some(rest) = s.strip_prefix(title) {
            s = rest.trim_start();
        }
    }
    s.strip_suffix("'s").or_else(|| s.strip_suffix("’s")).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn said_form_keeps_tense_and_person() {
        assert_eq!(said_form("claimed"), "said");
        assert_eq!(said_form("claims"), "says");
        assert_eq!(said_form("Insisting"), "Saying");
        assert_eq!(said_form("admit"), "say");
        assert_eq!(said_form("thought"), "said");
    }

    #[test]
    fn bare_name_drops_titles_and_possessives() {
        assert_eq!(bare_name("Mr. Lavrov's"), "Lavrov");
        assert_eq!(bare_name("Jane Smith"), "Jane Smith");
    }
}

/// Whether a body paragraph reads like a headline or a label rather than prose: it does not end
/// like a sentence (`Bush budget seeks deep cutbacks`), or it belongs to the run of short lines
/// that opens a draft before the story starts (plain-text drafts often put the headline, and a
/// dek under it, in the first body paragraphs).
pub fn is_heading_like(a: &Analysis, index: usize) -> bool {
    let Some(par) = a.paragraphs.get(index) else { return false };
    let t = par.span.text(&a.scan_text).trim_end();
    let unfinished = !t.ends_with(['.', '?', '!', '"', '”', '\'', '’', ')', ':', ';', ',']);
    unfinished || (a.paragraphs.len() > 1 && index < OPENING_LINES_MAX && (0..=index).all(|i| is_opening_line(a, i)))
}

/// How many short paragraphs at the top of a draft may be headline and dek.
const OPENING_LINES_MAX: usize = 3;

/// A paragraph that may be a headline or a dek: no dateline, short lines (a headline and its
/// dek may share a block), and short enough that it is not a lede. The first paragraph is given
/// more room, as a headline block; later ones must be as short as a dek.
fn is_opening_line(a: &Analysis, index: usize) -> bool {
    let Some(par) = a.paragraphs.get(index) else { return false };
    let t = par.span.text(&a.scan_text).trim();
    let has_dateline = a.dateline.as_ref().is_some_and(|d| par.span.contains_span(d.span));
    let lines: Vec<usize> = t.lines().map(|l| l.split_whitespace().count()).collect();
    let words: usize = lines.iter().sum();
    let (max_lines, max_words) = if index == 0 { (2, 30) } else { (1, 14) };
    !has_dateline && lines.len() <= max_lines && lines.iter().all(|&n| n <= 20) && words <= max_words
}

/// Whether an entity's name starts with a given name: a person, not an organisation typed as one.
pub fn has_given_name(name: &str) -> bool {
    use crate::analysis::entities::lexicon::lexicon;
    let Some(given) = name.split_whitespace().next() else { return false };
    name.split_whitespace().count() >= 2 && (lexicon().is_given_name(given) || lexicon().is_given_name(&given.to_lowercase()))
}
