//! Parenthetical attributions: `If Ana Ruiz wins, he said, "…"`. The words before `, he said,`
//! are part of what was said, so a person they name is someone the speaker talks about, not the
//! speaker: the pronoun is whoever spoke in the sentence before (`"…," Tom Lind said`), as the
//! speaker resolution has it.

use super::pronoun::{subject, Seen};
use crate::analysis::lexicon::cue_verb;
use crate::analysis::span::Span;
use crate::analysis::Analysis;

/// Whether the pronoun at `span` interrupts its sentence as a parenthetical attribution: a comma
/// before it, and a speech verb and a comma after it (`…, he said, "…"`). Read for every pronoun
/// given someone: bytes compared in place, with no search.
pub(super) fn interrupts(text: &str, span: Span) -> bool {
    let before = text.get(..span.start as usize).unwrap_or("");
    if !before.ends_with(", ") {
        return false;
    }
    let Some(rest) = text.get(span.end as usize..).and_then(|t| t.strip_prefix(' ')) else { return false };
    let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    rest[len..].starts_with(", ") && cue_verb(&rest[..len]).is_some()
}

/// Whether the pronoun at `span` interrupts its sentence (from `from`), or comes after a `he` or
/// `she` that does: `If Ruiz wins, he said, he would leave` (the second is the speaker's too).
pub(super) fn interrupted(text: &str, from: u32, span: Span) -> bool {
    let Some(sentence) = text.get(from as usize..span.start as usize) else { return false };
    interrupts(text, span)
        || sentence.match_indices(',').any(|(i, _)| {
            let after = &sentence[i + 1..];
            let len = if after.starts_with(" he ") { 2 } else if after.starts_with(" she ") { 3 } else { return false };
            let start = from as usize + i + 2;
            interrupts(text, Span::new(start, start + len))
        })
}

/// Whether `from..to` (the words of the pronoun's own sentence before it) names anyone.
pub(super) fn names_anyone(seen: &[(u32, Seen)], from: u32, to: u32) -> bool {
    let i = seen.partition_point(|&(s, _)| s < from);
    seen[i..].iter().take_while(|&&(s, _)| s < to).any(|&(_, x)| matches!(x, Seen::Person(_) | Seen::Aside(_)))
}

/// The subject of the sentence before the one holding `at` (`"…," Tom Lind said.` before `If Ana
/// Ruiz wins, he said, "…"`), within the paragraph or the one before.
pub(super) fn subject_before(a: &Analysis, seen: &[(u32, Seen)], quotes: &[Span], at: u32) -> Option<usize> {
    let pi = a.paragraph_at(at)?;
    let p = &a.paragraphs[pi];
    let si = p.sentence_at(at)?;
    let own = p.facts.sentences[si].start + p.offset();
    let before = if si > 0 {
        p.facts.sentences[si - 1].start + p.offset()
    } else {
        pi.checked_sub(1).and_then(|q| a.paragraphs[q].sentences().last()).map(|s| s.start)?
    };
    subject(seen, quotes, before, own)
}

#[cfg(test)]
mod tests {
    use super::{interrupted, interrupts};
    use crate::analysis::span::Span;
    use crate::analysis::sources::Gender;
    use super::super::inventory_gender as gender;

    #[test]
    fn a_name_before_a_parenthetical_attribution_is_what_was_said_about() {
        let text = "The council met on Monday.\n\n\"We cannot wait for the money,\" harbour board chairman Tom Lind said. \
                    If Ana Ruiz wins the vote, he said, \"the port will close by the winter.\" And if Ruiz loses, he said, he would \
                    stay on.\n\n\
                    \"It is a fair plan,\" Ruiz said.\n";
        // `he` is Lind's, who spoke the sentence before; it is not Ruiz's.
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["he".to_string()]));
        assert_eq!(gender(text, "Ana Ruiz"), (Gender::Unknown, vec![]));
    }

    #[test]
    fn only_a_pronoun_between_commas_before_a_speech_verb_interrupts() {
        let text = "If Ruiz wins, he said, the port closes. Ruiz wins, he said. Ruiz said he would, he thinks.";
        let at = |text: &str, from: usize, w: &str| {
            let start = from + text[from..].find(w).unwrap();
            Span::new(start, start + 2)
        };
        assert!(interrupts(text, at(text, 0, "he said,")));
        assert!(!interrupts(text, at(text, 40, "he said.")));
        assert!(!interrupts(text, at(text, 60, "he would")));
        let text = "If Ruiz wins, he said, he would leave. Ruiz said she would stay, she added.";
        assert!(interrupted(text, 0, at(text, 0, "he would")));
        assert!(!interrupted(text, 39, at(text, 39, "she would")));
    }
}
