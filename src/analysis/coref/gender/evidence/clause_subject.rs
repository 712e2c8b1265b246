//! Whether a sentence's first-named person is its only subject: not in `While Ruiz pledged to
//! work with both parties, Lind insisted ...` (the name opens a subordinate clause, the subject
//! comes after its comma), nor in `Ruiz pressed Lind on taxes, but a hoarse Lind got in some
//! digs` (a second clause with a subject of its own). A pronoun opening the next sentence may be
//! either's there.

use super::pronoun::Seen;

/// Words that open a subordinate clause before a sentence's subject.
const SUBORDINATORS: &[&str] = &["While", "Although", "Though", "As", "If", "When", "After", "Before", "Because", "Since", "Unless", "Whereas", "Once"];

/// Where a clause of its own may begin: after these, its subject follows within a few words.
const BREAKS: &[&str] = &[", but ", ", and ", ", yet ", ", while ", "; "];

/// How far after a clause's start its subject's name may begin, after a determiner (`but a
/// hoarse-voiced Lind`).
const NEAR: usize = 30;

/// Whether sentence `from..to` names, near the start of another clause (after a subordinate
/// opening clause's comma, or after `, but`, `, and`, `; `), a person other than `e`, the person
/// it names first.
pub(super) fn another_clause_subject(text: &str, seen: &[(u32, Seen)], from: u32, to: u32, e: usize) -> bool {
    let Some(sentence) = text.get(from as usize..to as usize) else { return false };
    let i = seen.partition_point(|&(s, _)| s < from);
    let others: Vec<usize> =
        seen[i..].iter().take_while(|&&(s, _)| s < to).filter(|&&(_, x)| matches!(x, Seen::Person(p) if p != e)).map(|&(s, _)| (s - from) as usize).collect();
    if others.is_empty() {
        return false;
    }
    // The name opens the clause, or follows only a determiner and its modifiers (`but a hoarse
    // Lind`): not `but suggested Lind`, where it is an object.
    let near = |start: usize| {
        others.iter().any(|&at| {
            let Some(between) = sentence.get(start..at.max(start)) else { return false };
            at >= start
                && (between.is_empty()
                    || (between.len() <= NEAR
                        && between.split(' ').filter(|w| !w.is_empty()).count() <= 3
                        && ["a ", "an ", "the "].iter().any(|d| between.starts_with(d))))
        })
    };
    let first = sentence.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    if SUBORDINATORS.contains(&first) && sentence.find(", ").is_some_and(|c| near(c + 2)) {
        return true;
    }
    BREAKS.iter().any(|b| sentence.match_indices(b).any(|(c, b)| near(c + b.len())))
}

#[cfg(test)]
mod tests {
    use crate::analysis::sources::Gender;
    use super::super::inventory_gender as gender;

    #[test]
    fn a_pronoun_after_a_sentence_of_two_clause_subjects_is_neither_s() {
        // `He` may be Lind's: Ruiz opens a subordinate clause, or a second clause has its own subject.
        let text = "\"We will win,\" Eva Ruiz said.\n\nWhile Ruiz pledged to work with both parties, Tom Lind insisted on change. \
                    He said the system was broken.\n";
        assert_eq!(gender(text, "Eva Ruiz"), (Gender::Unknown, vec![]));
        let text = "\"We will win,\" Eva Ruiz said.\n\nRuiz pressed Tom Lind on taxes, but a hoarse Lind got in some digs. \
                    He said the plan was unfair.\n";
        assert_eq!(gender(text, "Eva Ruiz"), (Gender::Unknown, vec![]));
        // One clause: the subject is the one named first.
        let text = "\"We will win,\" Eva Ruiz said.\n\nRuiz pressed Tom Lind on taxes for an hour. She said the plan was unfair.\n";
        assert_eq!(gender(text, "Eva Ruiz"), (Gender::Female, vec!["She".to_string()]));
        // A name after `but` that is an object, or that ends a list, opens no clause.
        let text = "\"We will win,\" Eva Ruiz said.\n\nRuiz praised the plan, but warned Tom Lind about costs. She said the plan was unfair.\n";
        assert_eq!(gender(text, "Eva Ruiz"), (Gender::Female, vec!["She".to_string()]));
        let text = "\"We will win,\" Eva Ruiz said.\n\nRuiz backed the plan, behind Senator Tom Lind, and Senator Ben Okafor. \
                    \"We are alive,\" she said.\n";
        assert_eq!(gender(text, "Eva Ruiz"), (Gender::Female, vec!["she".to_string()]));
    }
}
