//! A person named by a role, not a name, as the subject of a clause: `The Vermont senator won the
//! caucuses, beating Ana Ruiz in his fourth win`, `A campaign spokesman added`, `the morning after
//! the former Secretary of State cemented her status`. Someone the sentence does not name is its
//! subject there, so a pronoun after it may be theirs rather than a named person's. The one
//! detector of this for the gender evidence: at a sentence's start it marks the sentence's subject
//! as a role, inside a sentence it marks an aside.

use crate::analysis::entities::lexicon::lexicon;

/// How many words may stand between the determiner and the role (`the former Secretary`, `The
/// last man`).
const MODIFIERS: usize = 3;

/// Where a role stands as a clause's subject in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct RoleSubject {
    /// The determiner's offset into the sentence.
    pub at: u32,
    /// The subject opens the sentence (`The senator won`), not a later clause (`after the senator won`).
    pub opens_sentence: bool,
    /// `the`, not `a`/`an`: someone the reader is meant to know.
    pub definite: bool,
}

/// Each role subject in `sentence`: a determiner (`the`, `a`, `an`) opening the sentence or a
/// clause (after a comma, a dash or a word like `after`, `when`, `and`), up to [`MODIFIERS`] words,
/// a singular head noun for a person (an office, an occupation, `man`, `woman`, `host`), an `of`
/// phrase (`of State`, `of state`), then a lowercase word: its verb. Not a title before a name (`the
/// former Secretary of State Ana Ruiz`), nor a subject cut by a clause (`The vote, said the
/// senator`).
pub(super) fn role_subjects(sentence: &str) -> Vec<RoleSubject> {
    let words: Vec<(usize, &str)> = sentence
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .map(|w| (w.as_ptr() as usize - sentence.as_ptr() as usize, w))
        .collect();
    let mut found = Vec::new();
    for (i, &(at, w)) in words.iter().enumerate() {
        let definite = matches!(w, "the" | "The");
        if !(definite || matches!(w, "a" | "A" | "an" | "An")) || !opens_clause(i.checked_sub(1).map(|j| words[j].1)) {
            continue;
        }
        if let Some(head) = head_after(&words[i + 1..]) {
            let after = &words[i + 1 + head + 1..];
            let rest = skip_of_phrase(after);
            if rest.first().is_some_and(|(_, verb)| verb.starts_with(|c: char| c.is_ascii_lowercase()) && verb.chars().all(char::is_alphabetic)) {
                found.push(RoleSubject { at: at as u32, opens_sentence: i == 0, definite });
            }
        }
    }
    found
}

/// Whether a clause may open after `previous` (the word before the determiner; none at the
/// sentence's start). Not after a capitalised word's comma: `Ana Ruiz, the senator from Ohio, said`
/// is the name's apposition.
fn opens_clause(previous: Option<&str>) -> bool {
    const OPENERS: &[&str] = &[
        "after", "before", "when", "while", "as", "because", "since", "although", "though", "if", "until", "once", "and", "but",
        "that", "whereas", "—", "–", "--",
    ];
    match previous {
        None => true,
        Some(w) if w.ends_with(',') => w.starts_with(char::is_lowercase),
        Some(w) => w.ends_with([';', '—']) || OPENERS.contains(&w) || OPENERS.iter().any(|o| o.eq_ignore_ascii_case(w)),
    }
}

/// The index of the head noun among the first words of `words`: the first word for a person, after
/// modifiers with no punctuation.
fn head_after(words: &[(usize, &str)]) -> Option<usize> {
    for (k, &(_, w)) in words.iter().take(MODIFIERS + 1).enumerate() {
        if !w.chars().all(|c| c.is_alphabetic() || c == '-') {
            return None;
        }
        if is_person_head(w) {
            return Some(k);
        }
    }
    None
}

/// `of` and the capitalised words after it (`of State`), skipped, up to a given name (`of State
/// Ana Ruiz` is a title's). A lowercase word after `of` (`of state said`) is left to stand for the verb.
fn skip_of_phrase<'a, 'b>(words: &'a [(usize, &'b str)]) -> &'a [(usize, &'b str)] {
    match words {
        [(_, "of"), rest @ ..] => {
            let n = rest
                .iter()
                .take_while(|(_, w)| w.starts_with(char::is_uppercase) && !lexicon().is_given_name(&w.to_lowercase()))
                .count();
            if n == 0 {
                words
            } else {
                &rest[n..]
            }
        }
        _ => words,
    }
}

/// A singular noun for a person: an office or occupation (`senator`, `Secretary`, `candidate`), or
/// `man`, `woman`, `host`.
fn is_person_head(word: &str) -> bool {
    let lower = word.to_lowercase();
    if matches!(lower.as_str(), "man" | "woman" | "host") {
        return true;
    }
    let lx = lexicon();
    let plural = lower.ends_with("men") || lower.strip_suffix('s').is_some_and(|one| lx.is_role_word(one));
    !plural && lx.is_role_word(&lower)
}

#[cfg(test)]
mod tests {
    use super::{role_subjects, RoleSubject};

    fn at(s: &str) -> Vec<u32> {
        role_subjects(s).iter().map(|r| r.at).collect()
    }

    #[test]
    fn a_description_opening_a_clause_is_found_but_not_a_title_nor_an_object() {
        assert_eq!(at("The Ohio senator won the vote, beating Ana Ruiz in his best result."), vec![0]);
        assert_eq!(at("It came a day after the former Secretary of State cemented her lead."), vec![20]);
        // A title before a name, a description after a verb or a preposition, a plural.
        assert!(at("The former Secretary of State Ana Ruiz cemented her lead.").is_empty());
        assert!(at("Ruiz met the senator and thanked him.").is_empty());
        assert!(at("Ana Ruiz, the senator from Ohio, said she would run.").is_empty());
        assert!(at("The senators won the vote.").is_empty());
        assert!(at("The plan failed.").is_empty());
    }

    #[test]
    fn a_role_opening_a_sentence_is_flagged_as_its_subject() {
        let opening = |s: &str| role_subjects(s).iter().any(|r| r.opens_sentence);
        assert!(opening("The former secretary of state said"));
        assert!(opening("A campaign spokesman added"));
        assert!(!opening("The vote, said the senator, was close"));
        assert!(!opening("Senator Ana Ruiz said"));
        assert_eq!(
            role_subjects("A campaign spokesman added that the senator would run."),
            vec![RoleSubject { at: 0, opens_sentence: true, definite: false }, RoleSubject { at: 32, opens_sentence: false, definite: true }]
        );
    }
}
