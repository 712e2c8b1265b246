//! An object pronoun inside a clause that hangs on the subject's object: `Lind cited polls that
//! show him ahead`, `Ruiz thanked the voters who backed her`. The clause has a subject of its own
//! (`polls`, `who`), so the pronoun is not that clause's subject, and a plain object pronoun
//! there points back past it: when the sentence has named no one before it but its subject, and
//! the sentence before holds no pronoun of the same gender (someone else of it would be in view),
//! the pronoun is the subject's.

use super::pronoun::{subject, Seen};
use crate::analysis::lexicon::cue_verb;
use crate::analysis::span::Span;

/// How many words the subject's verb and its object may take before the clause (`highlighted
/// new polls`).
const VERB_PHRASE_WORDS: usize = 4;

/// How many words the clause may take before the pronoun (`that show`, `who quickly backed`).
const CLAUSE_WORDS: usize = 2;

/// Words that end a simple `verb object` phrase: a conjunction or a preposition brings in a clause
/// or a phrase whose pronoun may be anyone's.
const NOT_IN_VERB_PHRASE: &[&str] =
    &["and", "or", "but", "if", "as", "when", "while", "because", "after", "before", "since", "than", "to", "with", "for", "by", "of", "on", "in", "at", "about", "against", "from"];

/// Whom the object pronoun at `span` (`she`: `her`) points at when the sentence (from `from`,
/// to the pronoun) names its subject and no one else, with nothing but `<verb> <object> that|who|
/// which <verb>` between the subject's name and the pronoun; `None` when the subject is shown
/// (`shown_other`) to be of the other gender or the sentence before (from `previous`) holds a
/// pronoun of the same gender. `ends` gives each name mention's end by start.
pub(super) fn clause_object(
    text: &str,
    seen: &[(u32, Seen)],
    quotes: &[Span],
    ends: &rustc_hash::FxHashMap<u32, u32>,
    (previous, from, span, she): (Option<u32>, u32, Span, bool),
    shown_other: impl Fn(usize) -> bool,
) -> Option<usize> {
    let e = subject(seen, quotes, from, span.start)?;
    let i = seen.partition_point(|&(s, _)| s < from);
    let mut last_end = None;
    for &(at, x) in seen[i..].iter().take_while(|&&(s, _)| s < span.start) {
        match x {
            Seen::Person(p) if p == e => last_end = ends.get(&at).copied(),
            _ => return None,
        }
    }
    if shown_other(e) || !verb_object_clause(text.get(last_end? as usize..span.start as usize)?) {
        return None;
    }
    let j = seen.partition_point(|&(s, _)| s < previous.unwrap_or(from));
    let same_before = seen[j..i].iter().any(|&(_, x)| matches!(x, Seen::Pronoun(g) | Seen::Object(g) if g == she));
    (!same_before).then_some(e)
}

/// Whether `between` (from the subject's name to the pronoun) is ` <verb> <object> that|who|which
/// <verb> `: a few lowercase words (the verb may be one of speech: `cited polls`), no conjunction
/// or preposition, then the relative word and one or two lowercase words, no speech verb (`who
/// said`: the clause reports someone else's words).
fn verb_object_clause(between: &str) -> bool {
    let Some(between) = between.strip_prefix(' ').and_then(|b| b.strip_suffix(' ')) else { return false };
    let words: Vec<&str> = between.split(' ').collect();
    let Some(k) = words.iter().position(|w| matches!(*w, "that" | "who" | "which")) else { return false };
    let (phrase, clause) = (&words[..k], &words[k + 1..]);
    let plain = |w: &&str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()) && !NOT_IN_VERB_PHRASE.contains(w);
    (2..=VERB_PHRASE_WORDS).contains(&phrase.len())
        && phrase.iter().all(plain)
        && (1..=CLAUSE_WORDS).contains(&clause.len())
        && clause.iter().all(|w| plain(w) && cue_verb(w).is_none() && !matches!(*w, "that" | "who" | "which"))
}

#[cfg(test)]
mod tests {
    use super::verb_object_clause;
    use crate::analysis::sources::Gender;
    use super::super::inventory_gender as gender;

    #[test]
    fn an_object_pronoun_in_a_clause_on_the_subjects_object_is_the_subjects() {
        let text = "The harbour vote is in a week.\n\nTom Lind cited polls that show him ahead of the field.\n\n\"We will win,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["him".to_string()]));
        let text = "The harbour vote is in a week.\n\nAna Ruiz thanked the voters who backed her in May.\n\n\"We will win,\" Ruiz said.\n";
        assert_eq!(gender(text, "Ana Ruiz"), (Gender::Female, vec!["her".to_string()]));
        // Not with a pronoun of that gender in the sentence before: someone else is in view.
        let text = "Ben Okafor said he would run.\n\nTom Lind cited polls that show him ahead of the field.\n\n\"We will win,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
        // Nor with someone else named before the pronoun, nor in a clause that reports.
        let text = "The harbour vote is in a week.\n\nTom Lind cited Okafor's polls that show him ahead.\n\n\"We will win,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
        let text = "The harbour vote is in a week.\n\nTom Lind cited aides who told him to run.\n\n\"We will win,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
    }

    #[test]
    fn only_a_verb_and_its_object_come_before_the_clause() {
        assert!(verb_object_clause(" highlighted polls that show "));
        assert!(verb_object_clause(" thanked the voters who backed "));
        assert!(!verb_object_clause(" met with voters who backed "));
        assert!(!verb_object_clause(" said that polls show "));
        assert!(!verb_object_clause(" cited polls that said "));
        assert!(!verb_object_clause(" cited polls that "));
        assert!(!verb_object_clause(" cited polls "));
    }
}
