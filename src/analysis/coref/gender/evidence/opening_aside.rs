//! A possessive in a phrase that opens the sentence, right after the one person that phrase names:
//! `In an interview with Tom Lind on his show, Ana Ruiz said ...`. The person named after a
//! preposition is an aside, so the pronoun is left open while the sentence's subject could be
//! whom it anticipates; once the draft shows that subject to be of the other gender, the nearest
//! name, a few words back in the same phrase, is the pronoun's.

use super::pronoun::Seen;

/// How many words may stand between the name and the possessive (`on his`, `about his new`).
const GAP_WORDS: usize = 2;

/// Whether the pronoun at `span` is a possessive whose sentence (from `from`) names first someone
/// as an aside: the cheap part of [`opening_aside`], asked as the pronouns are read.
pub(super) fn may_be_owned(text: &str, seen: &[(u32, Seen)], from: u32, span: crate::analysis::span::Span) -> bool {
    matches!(span.text(text), "his" | "her")
        && matches!(seen.get(seen.partition_point(|&(s, _)| s < from)), Some(&(at, Seen::Aside(Some(_)))) if at < span.start)
}

/// Whose the possessive at `span` (`his`, `her`; `she`) is, in a sentence from `from` to `end`
/// that opens with a phrase naming before it only `x`, as the object of a preposition, at most
/// [`GAP_WORDS`] lowercase words back; when the phrase ends at a comma and the first person named
/// after it is someone `shown_other` says is of the other gender, and `x` is not.
pub(super) fn opening_aside(
    text: &str,
    seen: &[(u32, Seen)],
    ends: &rustc_hash::FxHashMap<u32, u32>,
    (from, end, span): (u32, u32, crate::analysis::span::Span),
    shown_other: impl Fn(usize) -> bool,
) -> Option<usize> {
    if !matches!(span.text(text), "his" | "her") {
        return None;
    }
    let i = seen.partition_point(|&(s, _)| s < from);
    let mut before = seen[i..].iter().take_while(|&&(s, _)| s < span.start);
    let (Some(&(at, Seen::Aside(Some(x)))), None) = (before.next(), before.next()) else { return None };
    let gap = text.get(*ends.get(&at)? as usize..span.start as usize)?;
    let words: Vec<&str> = gap.split(' ').filter(|w| !w.is_empty()).collect();
    if !gap.starts_with(' ') || words.len() > GAP_WORDS || !words.iter().all(|w| w.bytes().all(|b| b.is_ascii_lowercase())) {
        return None;
    }
    // The opening phrase ends at the first comma after the pronoun, before the subject.
    let comma = span.end + text.get(span.end as usize..end as usize)?.find(", ")? as u32;
    let subject = seen[i..].iter().take_while(|&&(s, _)| s < end).find(|&&(s, _)| s > span.start)?;
    match subject.1 {
        Seen::Person(y) if subject.0 > comma && y != x && shown_other(y) && !shown_other(x) => Some(x),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::sources::Gender;
    use super::super::inventory_gender as gender;

    #[test]
    fn a_possessive_in_an_opening_phrase_is_the_name_right_before_it() {
        let text = "Ms. Ana Ruiz leads the port board.\n\nIn an interview with Tom Lind on his radio show, Ana Ruiz said her plan would pass. \
                    She said the vote was close.\n\n\"It is not,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["his".to_string()]));
        // Not when the subject may be whom it anticipates, nor past other words.
        let text = "The port vote is near.\n\nIn an interview with Tom Lind on his radio show, Ben Okafor said the plan would pass.\n\n\
                    \"It is not,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
        let text = "Ms. Ana Ruiz leads the port board.\n\nIn an interview with Tom Lind in Lyon last week about his radio show, Ana Ruiz said her plan \
                    would pass. She said the vote was close.\n\n\"It is not,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
    }
}
