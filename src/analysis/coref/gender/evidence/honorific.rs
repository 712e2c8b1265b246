//! Courtesy titles: `Mr.`, `Ms.`, `Mrs`, `Miss`, `Sir`, `Dame` before a name.

use super::{one_space_off, Clue, ClueKind};
use crate::analysis::entities::Pronoun;
use crate::analysis::span::Span;

/// The pronoun a courtesy title shows, with or without its stop (`Mr.`, `Mrs`, `Miss`, `Dame`).
/// Titles of office (`Sen.`, `Rep.`, `Dr.`) show none. Runs for every name mention on every
/// analysis: compared in place, with no allocation.
fn honorific_gender(word: &str) -> Option<Pronoun> {
    const MALE: &[&str] = &["mr", "sir", "lord", "monsieur", "herr", "señor", "senor"];
    const FEMALE: &[&str] = &["mrs", "ms", "miss", "dame", "lady", "madame", "mme", "mlle", "madam", "señora", "senora"];
    let word = word.strip_suffix('.').unwrap_or(word);
    let is = |list: &[&str]| list.iter().any(|t| t.len() == word.len() && t.eq_ignore_ascii_case(word));
    if is(MALE) {
        Some(Pronoun::He)
    } else if is(FEMALE) {
        Some(Pronoun::She)
    } else {
        None
    }
}

/// `Mr.` or `Ms.` as the first word of a name mention, or right before it.
pub(crate) fn honorific_before(text: &str, mention: Span) -> Option<Clue> {
    let own = mention.text(text);
    // The first word's end, read a byte at a time while the bytes are ASCII.
    let ascii = own.bytes().position(|b| !b.is_ascii() || matches!(b, b' ' | b'\t'..=b'\r')).unwrap_or(own.len());
    let first_len = if own.as_bytes().get(ascii).is_some_and(|b| !b.is_ascii()) {
        own[ascii..].find(char::is_whitespace).map_or(own.len(), |i| ascii + i)
    } else {
        ascii
    };
    if first_len < own.len() {
        if let Some(g) = honorific_gender(&own[..first_len]) {
            let span = Span { start: mention.start, end: mention.start + first_len as u32 };
            return Some(Clue { span, kind: ClueKind::Honorific, pronoun: g });
        }
    }
    let before = text.get(..mention.start as usize)?;
    let trimmed = one_space_off(before)?;
    let start = crate::analysis::coref::roles::word_start_before(trimmed, |c| c.is_alphabetic() || c == '.');
    let g = honorific_gender(&trimmed[start..])?;
    let span = Span::new(start, trimmed.len());
    Some(Clue { span, kind: ClueKind::Honorific, pronoun: g })
}
