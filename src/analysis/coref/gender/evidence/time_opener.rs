//! Openings that measure time from an event: `One month after announcing his support for Lind,
//! Ben Okafor ...`, `Just hours before her speech, Ana Ruiz ...`. Like `After his win, Reyes ...`,
//! the phrase up to the comma is about the subject named after it, and its pronouns anticipate
//! that subject ([`super::pronoun::cataphora`]).

/// Whether `sentence` opens with a span of time and `after`, `before` or `since`: an optional
/// `just`/`only`/`barely`, an optional amount (`one`, `two`, `a`, `several`, `10` ...), then a unit
/// of time (`month`, `hours` ...). Reads its first five words at most.
pub(super) fn opens_with_time_span(sentence: &str) -> bool {
    const HEDGES: &[&str] = &["just", "only", "barely", "nearly", "almost", "about"];
    const AMOUNTS: &[&str] = &[
        "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "several", "few",
        "many", "some",
    ];
    const UNITS: &[&str] = &["minute", "hour", "day", "night", "week", "month", "year", "moment", "decade"];
    const RELATIONS: &[&str] = &["after", "before", "since"];
    let mut words = sentence.split(' ').take(5).map(|w| w.trim_end_matches(',').to_ascii_lowercase());
    let mut word = words.next();
    if word.as_deref().is_some_and(|w| HEDGES.contains(&w)) {
        word = words.next();
    }
    if word.as_deref().is_some_and(|w| AMOUNTS.contains(&w) || (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))) {
        word = words.next();
        // `a few days`
        if word.as_deref() == Some("few") {
            word = words.next();
        }
    }
    let is_unit = |w: &str| UNITS.iter().any(|u| w == *u || w.strip_suffix('s') == Some(u));
    if !word.as_deref().is_some_and(is_unit) {
        return false;
    }
    words.next().is_some_and(|w| RELATIONS.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::opens_with_time_span;
    use crate::analysis::sources::Gender;
    use super::super::inventory_gender as gender;

    #[test]
    fn a_span_of_time_before_after_or_since_opens_a_phrase() {
        for yes in ["One month after announcing", "Just hours before her speech", "A few days after", "Days after the vote", "10 years since"] {
            assert!(opens_with_time_span(yes), "{yes}");
        }
        for no in ["One month later, Ruiz", "Months of talks", "A day of rest", "The week after", "Two officials after"] {
            assert!(!opens_with_time_span(no), "{no}");
        }
    }

    #[test]
    fn a_pronoun_in_a_time_span_opening_is_the_subject_named_after_it() {
        // `his` is Okafor's: the support is for Lind, who cannot be its owner, nor is Lind in the
        // headline someone the pronoun points back at.
        let text = "Okafor Still Doubts Lind.\n\nTwo weeks after announcing his support for Tom Lind, Ben Okafor still doubts the \
                    plan. \"We will see,\" Okafor said.\n";
        assert_eq!(gender(text, "Ben Okafor"), (Gender::Male, vec!["his".to_string()]));
        // Someone else in the sentence before may be whom it points at.
        let text = "Tom Reyes spoke first.\n\nTwo weeks after announcing his support for Tom Lind, Ben Okafor still doubts the \
                    plan. \"We will see,\" Okafor said.\n";
        assert_eq!(gender(text, "Ben Okafor"), (Gender::Unknown, vec![]));
        // A name in the phrase before the pronoun may be whose it is.
        let text = "Okafor Still Doubts Lind.\n\nTwo weeks after Tom Lind announced his plan, Ben Okafor still doubts it. \
                    \"We will see,\" Okafor said.\n";
        assert_eq!(gender(text, "Ben Okafor"), (Gender::Unknown, vec![]));
    }
}
