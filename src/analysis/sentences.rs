//! Sentence boundaries inside one paragraph, from its tokens.
//!
//! A full stop, `?` or `!` ends a sentence when the next token starts a new one (a capital letter,
//! a digit or an opening quote), unless the word before the stop is an abbreviation (`Mr.`, `Gen.`,
//! `Sept.`, `St.`), an initial (`J. Smith`), or part of a number. Closing quotation marks and
//! brackets after the stop stay with the sentence they close.

use super::span::Span;
use super::tokens::{Token, TokenKind};

/// Abbreviations after which a full stop does not end a sentence when a capitalised word follows.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpl", "sgt", "adm",
    "cmdr", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "st", "ste", "mt", "ft", "jr", "sr",
    "messrs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "vs", "v", "etc", "inc", "corp", "co", "ltd", "bros", "dept", "univ", "assn",
    "ave", "blvd", "rd", "fig", "vol", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla",
    "ga", "ill", "ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont",
    "neb", "nev", "okla", "ore", "pa", "tenn", "vt", "va", "wash", "wis", "wyo", "approx", "est",
    "al", "e.g", "i.e", "op", "gens", "reps", "sens",
];

/// Abbreviations that are rarely the last word of a sentence, so a stop after them never ends one.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen",
    "rep", "rev", "hon", "st", "mt", "messrs", "vs", "v", "gens", "sens", "reps", "cmdr", "cpl",
    "supt",
];

/// Words that almost always start a sentence: after an initialism that ends in its own period
/// (`in the U.S. The`, `at 5 p.m. He`) they mark a boundary that the period alone cannot.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "After",
    "When",
    "While",
    "If",
    "As",
    "Some",
    "Many",
    "Officials",
    "Police",
];

pub fn is_abbreviation(word_lower: &str) -> bool {
    ABBREVIATIONS.contains(&word_lower)
}

/// Splits a paragraph into sentence spans (relative to `text`, like the tokens).
pub fn split(text: &str, tokens: &[Token]) -> Vec<Span> {
    // A news sentence runs to some twenty-five tokens: room for most paragraphs' sentences in
    // one allocation rather than a few growing ones.
    let mut sentences = Vec::with_capacity(tokens.len() / 16 + 1);
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < tokens.len() {
        let tok = tokens[i];
        if start.is_none() {
            start = Some(i);
        }
        // Most tokens are words that do not end in a full stop: read no text for them.
        let is_stop = tok.kind == TokenKind::Punct && matches!(tok.text(text), "." | "?" | "!" | "…");
        let initialism_end = tok.kind == TokenKind::Word
            && tok.span.end - tok.span.start > 2
            && text.as_bytes().get(tok.span.end as usize - 1) == Some(&b'.')
            && initialism_ends_sentence(text, tokens, i);
        if (is_stop && ends_sentence(text, tokens, i)) || initialism_end {
            // Take closing quotes and brackets along.
            let mut end = i;
            while end + 1 < tokens.len() {
                let n = tokens[end + 1];
                let nt = n.text(text);
                let closes = matches!(
                    nt,
                    ")" | "]" | "”" | "’" | "»" | "\"" | "'" | "." | "?" | "!"
                );
                if closes && is_closing_position(text, tokens, end + 1) {
                    end += 1;
                } else {
                    break;
                }
            }
            let s = start.take().unwrap_or(i);
            sentences.push(Span::new(
                tokens[s].span.start as usize,
                tokens[end].span.end as usize,
            ));
            i = end + 1;
            continue;
        }
        i += 1;
    }
    if let Some(s) = start {
        if let Some(last) = tokens.last() {
            sentences.push(Span::new(
                tokens[s].span.start as usize,
                last.span.end as usize,
            ));
        }
    }
    sentences
}

/// A quote mark right after a stop closes the sentence unless a word follows it without a space.
fn is_closing_position(text: &str, tokens: &[Token], i: usize) -> bool {
    let tok = tokens[i];
    if tok.kind != TokenKind::QuoteMark {
        return true;
    }
    match tokens.get(i + 1) {
        None => true,
        Some(next) => {
            next.span.start > tok.span.end || next.kind == TokenKind::Punct || {
                let _ = text;
                false
            }
        }
    }
}

fn ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let stop = tokens[i].text(text);
    // What follows, skipping closing marks.
    let mut j = i + 1;
    while j < tokens.len() {
        let t = tokens[j].text(text);
        if matches!(t, ")" | "]" | "”" | "»" | "." | "?" | "!")
            || (tokens[j].kind == TokenKind::QuoteMark
                && is_closing_position(text, tokens, j)
                && j == i + 1)
        {
            j += 1;
        } else {
            break;
        }
    }
    let Some(next) = tokens.get(j) else {
        return true;
    };
    let next_text = next.text(text);
    let next_starts_sentence = next_text.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || super::tokens::is_quote_char(c)
            || c == '('
            || c == '['
            || c == '—'
    });
    if !next_starts_sentence {
        return false;
    }
    if stop != "." {
        return true;
    }
    let Some(prev) = i.checked_sub(1).map(|p| tokens[p]) else {
        return true;
    };
    if prev.span.end != tokens[i].span.start {
        return true; // "word ." in pre-tokenised text
    }
    let prev_text = prev.text(text);
    // Most words before a stop are short ASCII: lowercase them on the stack, not in a new String.
    let mut buf = [0u8; 24];
    let owned;
    let lower: &str = match super::lexicon::ascii_lower(prev_text, &mut buf) {
        Some(lower) => lower,
        None => {
            owned = prev_text.to_lowercase();
            &owned
        }
    };
    if TITLES.contains(&lower) {
        return false;
    }
    // `No. 1` and `Nos. 3 and 4`, but `she said no. Then`.
    if matches!(lower, "no" | "nos") {
        return !next_text.starts_with(|c: char| c.is_ascii_digit());
    }
    if is_abbreviation(lower) {
        // `Sept. 5` and `Corp. said` continue; `Inc. The` usually starts a new sentence.
        return next_text.chars().next().is_some_and(|c| c.is_uppercase())
            && !next_text.chars().next().is_some_and(|c| c.is_ascii_digit())
            && !matches!(
                lower,
                "jan"
                    | "feb"
                    | "mar"
                    | "apr"
                    | "jun"
                    | "jul"
                    | "aug"
                    | "sep"
                    | "sept"
                    | "oct"
                    | "nov"
                    | "dec"
            )
            && !next_is_name_continuation(next_text);
    }
    // An initial: `J. Smith`, but not the pronoun `I.`.
    let mut chars = prev_text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() && c != 'I' {
            return false;
        }
    }
    true
}

/// `U.S.` or `p.m.` (whose period is part of the word) ends a sentence when a word that starts
/// sentences follows.
fn initialism_ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    match tokens.get(i + 1) {
        None => true,
        Some(next) => next.kind == TokenKind::Word && SENTENCE_STARTERS.contains(&next.text(text)),
    }
}

fn next_is_name_continuation(next: &str) -> bool {
    // After `Inc.` or `Co.` a lowercase word or a number continues; a capital usually starts anew.
    next.chars().next().is_some_and(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        let toks = tokenize(text);
        split(text, &toks)
            .into_iter()
            .map(|s| s.text(text))
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            sentences("Mr. Smith met Gen. J. R. Allen in the U.S. on Sept. 5. It rained. Prices rose 3.5 percent."),
            ["Mr. Smith met Gen. J. R. Allen in the U.S. on Sept. 5.", "It rained.", "Prices rose 3.5 percent."]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            sentences("\"We won.\" He smiled. “Yes!” she said."),
            ["\"We won.\"", "He smiled.", "“Yes!” she said."]
        );
    }

    #[test]
    fn titles_initials_and_numbers_do_not_split() {
        assert_eq!(
            sentences("Lt. Gen. Ann B. Coe of St. Paul spoke. She left at 4.30 p.m. on Friday."),
            [
                "Lt. Gen. Ann B. Coe of St. Paul spoke.",
                "She left at 4.30 p.m. on Friday."
            ]
        );
        assert_eq!(
            sentences("It was No. 2 on the list. Nos. 3 and 4 followed."),
            ["It was No. 2 on the list.", "Nos. 3 and 4 followed."]
        );
    }

    #[test]
    fn initialism_at_the_end_of_a_sentence() {
        assert_eq!(
            sentences("Talks moved to the U.S. The envoy flew in. She met U.S. Secretary Ann Roe."),
            [
                "Talks moved to the U.S.",
                "The envoy flew in.",
                "She met U.S. Secretary Ann Roe."
            ]
        );
        assert_eq!(
            sentences("It ended at 6 p.m. He went home."),
            ["It ended at 6 p.m.", "He went home."]
        );
    }

    #[test]
    fn no_as_a_word_ends_a_sentence() {
        assert_eq!(
            sentences("She said no. Then she left."),
            ["She said no.", "Then she left."]
        );
    }

    #[test]
    fn months_and_companies() {
        assert_eq!(
            sentences(
                "The vote is on Sept. 12 in Washington. Acme Corp. said it agreed. Shares rose."
            ),
            [
                "The vote is on Sept. 12 in Washington.",
                "Acme Corp. said it agreed.",
                "Shares rose."
            ]
        );
    }

    #[test]
    fn question_exclamation_ellipsis_and_brackets() {
        assert_eq!(
            sentences("Why now? Because it works! (He paused.) Then… Nothing."),
            [
                "Why now?",
                "Because it works!",
                "(He paused.)",
                "Then…",
                "Nothing."
            ]
        );
    }

    #[test]
    fn lowercase_after_a_stop_continues() {
        assert_eq!(
            sentences("The fee is 3 pct. of sales. It rose."),
            ["The fee is 3 pct. of sales.", "It rose."]
        );
    }

    #[test]
    fn wrapped_lines_are_one_sentence() {
        assert_eq!(
            sentences("Showers continued\nthroughout the week.\n    Farmers said."),
            ["Showers continued\nthroughout the week.", "Farmers said."]
        );
    }
}
