//! Clues in the words around a name: whether it is a possessor (`Comey's`) or an employer
//! (`McConnell spokesman Don Stewart`) rather than someone who may speak, and whether it stands as
//! its sentence's subject.

use crate::analysis::entities::lexicon::{lexicon, TitleWord};
use crate::analysis::lexicon::push_lowercase;
use crate::analysis::span::floor_char_boundary;

/// Words after a possessive `'s` that show it is `has` or `is` instead: `Christie's been`.
pub(super) const CONTRACTED: &[&str] = &[
    "been", "got", "gotten", "going", "not", "never", "also", "always", "already", "just", "still", "said",
    "told", "made", "done", "become", "spent", "taken", "now", "a", "an", "expected", "likely",
];

/// Whether the name ending at `end` is a possessor: `Comey's recommendation`, not `Christie's
/// been`.
pub(super) fn is_possessive(text: &str, end: u32) -> bool {
    let after = text.get(end as usize..).unwrap_or("");
    let Some(rest) = after.strip_prefix("'s").or_else(|| after.strip_prefix("’s")) else { return false };
    let Some(rest) = rest.strip_prefix(' ') else { return true };
    let word = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    !CONTRACTED.contains(&word)
}

/// Whether the name ending at `end` is the employer of the name starting at `next`: only
/// lower-case words ending in a role between them (`Clinton campaign manager Robby Mook`).
pub(super) fn is_employer(text: &str, end: u32, next: u32) -> bool {
    let Some(gap) = text.get(end as usize..next as usize) else { return false };
    if gap.len() > 48 || !gap.starts_with(' ') || !gap.ends_with(' ') {
        return false;
    }
    let (mut count, mut last) = (0, "");
    for w in gap.split_whitespace() {
        if count == 4 || !w.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            return false;
        }
        count += 1;
        last = w;
    }
    count > 0 && lexicon().title_word(last).is_some_and(|t| t == TitleWord::Head)
}

/// Whether a name at `at` reads as the subject of the sentence starting at `sentence`: only
/// capitalised words, titles and a few linking words stand before it since the sentence's
/// start or its last comma (`In his speech, Calderon said`, `Former Gov. Ann Lee`), not a verb
/// or a preposition (`... nominees than Obama`).
pub(super) fn subject_like(text: &str, sentence: u32, at: u32) -> bool {
    let Some(before) = text.get(sentence as usize..at as usize) else { return true };
    let clause = before.rsplit([',', ';', '—', ':']).next().unwrap_or(before);
    let lx = lexicon();
    let mut lower = String::new();
    clause.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() || w.chars().next().is_some_and(char::is_uppercase) {
            return true;
        }
        // Lowercased only for the words the tests above let through: this runs for every pronoun.
        lower.clear();
        push_lowercase(&mut lower, w);
        SUBJECT_LINKS.contains(&lower.as_str())
            || lx.title_word(&lower).is_some()
            || lx.is_role_word(&lower)
    })
}

/// Whether the name at `at` (ending at `end`, if known) follows an inverted cue: `," said
/// Stovall`, `the plan, says Stovall.`. A cue with neither a quotation or comma before it nor a
/// stop after the name reports what the name did instead (`who said Holt cheated her`).
pub(super) fn inverted_cue(text: &str, at: u32, end: Option<u32>) -> bool {
    let from = floor_char_boundary(text, (at as usize).saturating_sub(8));
    let before = text.get(from..at as usize).unwrap_or("");
    let Some(rest) = before.strip_suffix("said ").or_else(|| before.strip_suffix("says ")) else { return false };
    if rest.trim_end().ends_with([',', '"', '”', '’', '\'']) {
        return true;
    }
    let after = end.and_then(|e| text.get(e as usize..)).unwrap_or("");
    after.is_empty() || after.starts_with([',', '.', ';', ':', '\n'])
}

/// Words before a name that make it the one asked (`Kerr asked Dahl whether`).
const ASKED: &[&str] = &["asked ", "asking ", "pressed ", "questioned "];

/// Whether the name at `at` is the object of a question: `... asked Dahl whether`.
pub(super) fn is_asked(text: &str, at: u32) -> bool {
    let from = floor_char_boundary(text, (at as usize).saturating_sub(12));
    let before = text.get(from..at as usize).unwrap_or("");
    ASKED.iter().any(|a| before.ends_with(a))
}

/// Words that may stand before a sentence's subject: `But then Reyes`, `the city's mayor, Reyes`.
pub(super) const SUBJECT_LINKS: &[&str] = &[
    "and", "but", "then", "later", "so", "also", "now", "still", "yet", "meanwhile", "the", "a", "an", "former", "its",
    "his", "her", "their", "new", "longtime", "veteran",
];
