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
    // Words are read as a stream, with a copy of the stream for the look-ahead after a determiner:
    // this runs on every sentence of a draft, most of which hold no role subject.
    let mut words = sentence.split(char::is_whitespace).filter(|w| !w.is_empty());
    let mut found = Vec::new();
    let mut previous: Option<&str> = None;
    while let Some(w) = words.next() {
        let definite = matches!(w, "the" | "The");
        if (definite || matches!(w, "a" | "A" | "an" | "An")) && opens_clause(previous) && a_role_then_a_verb(words.clone()) {
            let at = (w.as_ptr() as usize - sentence.as_ptr() as usize) as u32;
            found.push(RoleSubject { at, opens_sentence: previous.is_none(), definite });
        }
        previous = Some(w);
    }
    found
}

/// Whether a role subject opens `sentence` (`The senator won`, `A spokesman added`): what
/// [`role_subjects`] finds first with `opens_sentence`, read from the first word on only, as it is
/// asked of every sentence of a draft.
pub(super) fn opens_with_a_role_subject(sentence: &str) -> bool {
    let mut words = sentence.split(char::is_whitespace).filter(|w| !w.is_empty());
    words.next().is_some_and(|w| matches!(w, "the" | "The" | "a" | "A" | "an" | "An")) && a_role_then_a_verb(words)
}

/// The head noun of a role opening `sentence` after a determiner (`The Ohio senator said`:
/// `senator`), within [`MODIFIERS`] words, with no check of what follows.
pub(super) fn role_head(sentence: &str) -> Option<&str> {
    let mut words = sentence.split(char::is_whitespace).filter(|w| !w.is_empty());
    words.next().filter(|w| matches!(*w, "the" | "The" | "a" | "A" | "an" | "An"))?;
    words.take(MODIFIERS + 1).map(|w| w.trim_end_matches(|c: char| !c.is_alphabetic())).find(|w| is_person_head(w))
}

/// Whether the words after a determiner are up to [`MODIFIERS`] modifiers with no punctuation, a
/// head noun for a person, an `of` phrase of capitalised words (see [`skip_of_phrase`]), then a
/// lowercase word.
fn a_role_then_a_verb<'a>(mut words: impl Iterator<Item = &'a str> + Clone) -> bool {
    let mut head = false;
    for w in words.by_ref().take(MODIFIERS + 1) {
        if !w.chars().all(|c| c.is_alphabetic() || c == '-') {
            return false;
        }
        if is_person_head(w) {
            head = true;
            break;
        }
    }
    head && skip_of_phrase(words).next().is_some_and(|verb| verb.starts_with(|c: char| c.is_ascii_lowercase()) && verb.chars().all(char::is_alphabetic))
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

/// `of` and the capitalised words after it (`of State`), skipped, up to a given name (`of State
/// Ana Ruiz` is a title's). A lowercase word after `of` (`of state said`) is left to stand for the verb.
fn skip_of_phrase<'a, I: Iterator<Item = &'a str> + Clone>(words: I) -> I {
    let mut after_of = words.clone();
    if after_of.next() != Some("of") {
        return words;
    }
    let mut rest = after_of.clone();
    let mut n = 0;
    loop {
        let mut peek = rest.clone();
        match peek.next() {
            Some(w) if w.starts_with(char::is_uppercase) && !lexicon().is_given_name(&w.to_lowercase()) => {
                rest = peek;
                n += 1;
            }
            _ => break,
        }
    }
    if n == 0 { words } else { rest }
}

/// A singular noun for a person: an office or occupation (`senator`, `Secretary`, `candidate`), or
/// `man`, `woman`, `host`.
fn is_person_head(word: &str) -> bool {
    let mut buf = [0u8; 32];
    let owned;
    let lower = match crate::analysis::lexicon::ascii_lower(word, &mut buf) {
        Some(lower) => lower,
        None => {
            owned = word.to_lowercase();
            owned.as_str()
        }
    };
    if matches!(lower, "man" | "woman" | "host") {
        return true;
    }
    let lx = lexicon();
    let plural = lower.ends_with("men") || lower.strip_suffix('s').is_some_and(|one| lx.is_role_word(one));
    !plural && lx.is_role_word(lower)
}

#[cfg(test)]
mod tests {
    use super::{opens_with_a_role_subject, role_subjects, RoleSubject};

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
        let opening = |s: &str| {
            let found = role_subjects(s).iter().any(|r| r.opens_sentence);
            assert_eq!(found, opens_with_a_role_subject(s), "{s}");
            found
        };
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
