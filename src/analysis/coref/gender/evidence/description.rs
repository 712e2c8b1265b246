//! Definite descriptions of a person as the subject of a clause: `The Vermont senator won the
//! caucuses, beating Ana Ruiz in his fourth win`, `the morning after the former Secretary of State
//! cemented her status`. Someone the sentence does not name is its subject there, so a pronoun
//! after it in a sentence that also names a person may be either's.

use crate::analysis::entities::lexicon::lexicon;

/// How many words may stand between `the` and the description's head (`the former Secretary`,
/// `The last man`).
const MODIFIERS: usize = 3;

/// Where each definite description of a person in a clause's subject place starts in `sentence`
/// (offsets into it): `the` (or `The`) opening the sentence or a clause (after a comma, a dash or
/// a word like `after`, `when`, `and`), up to [`MODIFIERS`] words, a singular head noun for a
/// person (an office, an occupation, `man`, `woman`, `host`), an `of` phrase of capitalised words at
/// most (`Secretary of State`), then a lowercase word: its verb. Not a title before a name (`the
/// former Secretary of State Ana Ruiz`).
pub(super) fn subject_descriptions(sentence: &str) -> Vec<u32> {
    let words: Vec<(usize, &str)> = sentence
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .map(|w| (w.as_ptr() as usize - sentence.as_ptr() as usize, w))
        .collect();
    let mut found = Vec::new();
    for (i, &(at, w)) in words.iter().enumerate() {
        if !matches!(w, "the" | "The") || !opens_clause(i.checked_sub(1).map(|j| words[j].1)) {
            continue;
        }
        if let Some(head) = head_after(&words[i + 1..]) {
            let after = &words[i + 1 + head + 1..];
            let rest = skip_of_phrase(after);
            if rest.first().is_some_and(|(_, verb)| verb.starts_with(|c: char| c.is_ascii_lowercase()) && verb.chars().all(char::is_alphabetic)) {
                found.push(at as u32);
            }
        }
    }
    found
}

/// Whether a clause may open after `previous` (the word before `the`; none at the sentence's start).
/// Not after a capitalised word's comma: `Ana Ruiz, the senator from Ohio, said` is the name's
/// apposition.
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
/// Ana Ruiz` is a title's).
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
    use super::subject_descriptions;

    #[test]
    fn a_description_opening_a_clause_is_found_but_not_a_title_nor_an_object() {
        let at = |s: &str| subject_descriptions(s);
        assert_eq!(at("The Ohio senator won the vote, beating Ana Ruiz in his best result."), vec![0]);
        assert_eq!(at("It came a day after the former Secretary of State cemented her lead."), vec![20]);
        // A title before a name, a description after a verb or a preposition, a plural.
        assert!(at("The former Secretary of State Ana Ruiz cemented her lead.").is_empty());
        assert!(at("Ruiz met the senator and thanked him.").is_empty());
        assert!(at("Ana Ruiz, the senator from Ohio, said she would run.").is_empty());
        assert!(at("The senators won the vote.").is_empty());
        assert!(at("The plan failed.").is_empty());
    }
}
