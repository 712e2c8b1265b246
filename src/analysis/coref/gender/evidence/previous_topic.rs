//! A pronoun the sentence before has already given someone: `Ana Ruiz flew to Lyon to see her
//! son. Tom Lind, a pastor there, told reporters that she was a regular.` The subject of what
//! someone reports (`that she was`) is as often the person the report is about as the one
//! reporting; when the sentence before has just pointed a pronoun of the same gender at someone
//! else, that someone is in view, so it is left unsettled for a person the draft has not yet shown
//! to be of that gender. (A possessive, `his views`, or a pronoun opening a clause of the
//! sentence's own, `even though he picked`, still follows the subject.)

use rustc_hash::FxHashMap;

use super::pronoun::Seen;
use crate::analysis::entities::Pronoun;

/// Whether a subject pronoun at `to` opening a reported clause (`that she`), which its own
/// sentence (from `from`) gives `e` by name (`claim`: `e` and the pronoun's gender), may as well
/// be someone's whom a pronoun of that gender in the sentence before (from `previous`) points at
/// (`chain`: the pronouns given so far). Asked only of a person the draft has not yet shown to be
/// of that gender.
pub(super) fn taken_before(text: &str, seen: &[(u32, Seen)], chain: &FxHashMap<u32, (usize, Pronoun)>, previous: u32, from: u32, to: u32, claim: (usize, Pronoun)) -> bool {
    let (e, gender) = claim;
    // (Spaces may be no-break ones: `that\u{a0}she`.)
    let reported = text.get(..to as usize).and_then(|t| t.strip_suffix(char::is_whitespace)).is_some_and(|t| t.ends_with(" that"))
        && text.get(to as usize..).and_then(|t| t.strip_prefix("he").or_else(|| t.strip_prefix("she"))).is_some_and(|t| t.starts_with(char::is_whitespace));
    if !reported {
        return false;
    }
    let i = seen.partition_point(|&(s, _)| s < from);
    if !seen[i..].iter().take_while(|&&(s, _)| s < to).any(|&(_, x)| x == Seen::Person(e)) {
        return false;
    }
    let j = seen.partition_point(|&(s, _)| s < previous);
    seen[j..i].iter().any(|&(at, x)| matches!(x, Seen::Pronoun(_)) && chain.get(&at).is_some_and(|&(f, g)| f != e && g == gender))
}

#[cfg(test)]
mod tests {
    use crate::analysis::sources::Gender;
    use super::super::inventory_gender as gender;

    #[test]
    fn a_pronoun_the_sentence_before_gave_someone_else_is_no_clue() {
        let text = "Ana Ruiz flew to Lyon to see her son, her sister said. Tom Lind, a pastor at the hall in Lyon, told reporters \
                    that she\u{a0}was a regular there. He said her family wanted quiet. \"She is kind,\" he added.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["He".to_string(), "he".to_string()]));
        // With no one in view before, the subject's own.
        let text = "The hall in Lyon was full. Tom Lind, a pastor there, told reporters that he was a regular there. \
                    \"It is kind,\" Lind added.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["he".to_string()]));
        // A possessive, or a clause of the sentence's own, still follows the subject.
        let text = "Ana Ruiz flew to Lyon to see her son. Tom Lind, a pastor at the hall, voiced alarm that his views were \
                    close to hers. \"It is kind,\" Lind added.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["his".to_string()]));
    }
}
