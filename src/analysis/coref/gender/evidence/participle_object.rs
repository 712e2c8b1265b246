//! An object pronoun right after a participle that opens a clause: `Ruiz clashed with Lind during
//! the hearing, chiding him`, `Ruiz attacked Lind, accusing him of lying`. The participle's
//! subject is the sentence's, and a plain object pronoun is never its own clause's subject
//! (that would be `himself`), so `him` is the other person the sentence names: the one it names
//! after a preposition (`with Lind`) or as the object right after the subject's verb (`attacked
//! Lind`).

use super::pronoun::{follows_preposition, is_possessor_or_attribute, subject, Seen};
use crate::analysis::lexicon::cue_verb;
use crate::analysis::span::Span;

/// Words ending in `-ing` that are no participle opening a clause of the subject's.
const NOT_PARTICIPLES: &[&str] = &["according", "during", "notwithstanding", "nothing", "something", "anything", "everything", "thing", "king", "bring", "sing", "ring"];

/// How many lowercase words may stand between the subject's name and an object named right after
/// its verb (`Ruiz sharply attacked Lind`).
const VERB_WORDS: usize = 2;

/// Whom the object pronoun at `span` (`him`, or `her` as an object; `she`: `her`) points at when it
/// follows `, <participle> ` in a sentence (from `from`) naming before it, besides its subject (a
/// person named first, a role, or no one named), exactly one person, as the object of a
/// preposition or of the subject's verb, not shown (`shown_other`) to be of the other gender;
/// nothing else in between but the subject again and pronouns of the other gender. `ends` gives
/// each name mention's end by start.
pub(super) fn participle_object(
    text: &str,
    seen: &[(u32, Seen)],
    quotes: &[Span],
    ends: &rustc_hash::FxHashMap<u32, u32>,
    (from, span, she): (u32, Span, bool),
    shown_other: impl Fn(usize) -> bool,
) -> Option<usize> {
    if !after_participle(text.get(..span.start as usize)?) {
        return None;
    }
    // The subject may be no one named (`The board sparred with Lind, mocking him`).
    let subject = subject(seen, quotes, from, span.start);
    let i = seen.partition_point(|&(s, _)| s < from);
    let (mut subject_end, mut object) = (None, None);
    for &(at, x) in seen[i..].iter().take_while(|&&(s, _)| s < span.start) {
        match x {
            Seen::Person(e) if Some(e) == subject => subject_end = subject_end.or(ends.get(&at).copied()),
            Seen::Person(e) | Seen::Aside(Some(e)) if object.is_none() && Some(e) != subject && !shown_other(e) => {
                let end = *ends.get(&at)?;
                let before = text.get(..at as usize)?;
                let after = text.get(end as usize..)?;
                // `Lind's aide`, `Reyes' aide`: the pronoun may be the one owned.
                if is_possessor_or_attribute(after) || after.starts_with(['\'', '\u{2019}']) {
                    return None;
                }
                let direct = matches!(x, Seen::Person(_)) && subject_end.is_some_and(|s| verb_between(text.get(s as usize..at as usize).unwrap_or("")));
                if !(direct || (matches!(x, Seen::Aside(_)) && follows_preposition(before))) {
                    return None;
                }
                object = Some(e);
            }
            Seen::Pronoun(g) | Seen::Object(g) if g != she => {}
            // A role for the subject (`The senator sparred with Lind`).
            Seen::Aside(None) if at == from => {}
            _ => return None,
        }
    }
    object
}

/// Whether `before` (the text up to the pronoun) ends with `, <participle> `.
fn after_participle(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(' ') else { return false };
    let len = rest.bytes().rev().take_while(u8::is_ascii_lowercase).count();
    let (head, word) = rest.split_at(rest.len() - len);
    head.ends_with(", ") && word.len() > 4 && word.ends_with("ing") && !NOT_PARTICIPLES.contains(&word)
}

/// Whether the words between a subject's name and an object's are only the subject's verb and an
/// adverb (`attacked`, `sharply attacked`): lowercase words, no speech verb (`said Lind left`) and
/// no conjunction or `that`.
fn verb_between(between: &str) -> bool {
    let words: Vec<&str> = between.split(' ').filter(|w| !w.is_empty()).collect();
    !words.is_empty()
        && words.len() <= VERB_WORDS
        && words.iter().all(|w| {
            w.bytes().all(|b| b.is_ascii_lowercase()) && cue_verb(w).is_none() && !matches!(*w, "and" | "or" | "that" | "but" | "as" | "if")
        })
}

#[cfg(test)]
mod tests {
    use super::{after_participle, verb_between};
    use crate::analysis::sources::Gender;
    use super::super::inventory_gender as gender;

    #[test]
    fn an_object_pronoun_after_a_participle_is_the_person_the_subject_acted_on() {
        let text = "\"We need the port,\" Tom Lind said.\n\n\
                    Ana Ruiz sparred with Lind at the council meeting, mocking him in front of voters.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["him".to_string()]));
        let text = "\"We need the port,\" Tom Lind said.\n\nAna Ruiz attacked Lind, accusing him of waste.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["him".to_string()]));
        let text = "\"We need the port,\" Tom Lind said.\n\nThe harbour board sparred with Lind at the meeting, mocking him.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["him".to_string()]));
        // Not after a speech verb (the participle may be the second person's), a possessor, or a
        // third person.
        let text = "\"We need the port,\" Tom Lind said.\n\nAna Ruiz said Lind left the hall, thanking him for nothing.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
        let text = "\"We need the port,\" Tom Lind said.\n\nAna Ruiz sparred with Lind's aide, mocking him in front of voters.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
        let text = "\"We need the port,\" Tom Lind said.\n\nAna Ruiz sparred with Lind over Ben Okafor's plan, mocking him.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
    }

    #[test]
    fn only_a_participle_after_a_comma_opens_the_clause() {
        assert!(after_participle("Ruiz met Lind, chiding "));
        assert!(!after_participle("Ruiz met Lind, according "));
        assert!(!after_participle("Ruiz met Lind chiding "));
        assert!(!after_participle("Ruiz met Lind, praised "));
        assert!(verb_between(" sharply attacked "));
        assert!(!verb_between(" said "));
        assert!(!verb_between(" and "));
        assert!(!verb_between(" "));
    }
}
