//! Role nouns of one gender the draft gives a person: `spokeswoman Ana Ruiz`, `Ana Ruiz, a
//! spokeswoman for the council`, `his wife, Ana`.

use rustc_hash::FxHashMap;

use super::{one_space_off, Clue, ClueKind};
use crate::analysis::entities::Pronoun;
use crate::analysis::span::Span;

/// Role nouns of one gender, lowercase. Not `chairman`, `alderman` nor `actor`, which newsrooms
/// use for women too, nor `priest`.
const FEMALE_ROLES: &[&str] = &[
    "spokeswoman", "congresswoman", "chairwoman", "councilwoman", "assemblywoman", "businesswoman", "stateswoman",
    "sportswoman", "anchorwoman", "policewoman", "camerawoman", "frontwoman", "actress", "waitress", "heiress",
    "duchess", "princess", "queen", "empress", "countess", "baroness", "nun", "widow", "mother", "grandmother",
    "daughter", "granddaughter", "stepdaughter", "stepmother", "sister", "wife", "aunt", "niece", "girlfriend",
    "fiancee", "fiancée", "mom", "woman", "girl", "matriarch",
];
const MALE_ROLES: &[&str] = &[
    "spokesman", "congressman", "councilman", "assemblyman", "businessman", "statesman", "sportsman", "anchorman",
    "policeman", "cameraman", "frontman", "duke", "prince", "king", "emperor", "baron", "monk", "widower", "father",
    "grandfather", "son", "grandson", "stepson", "stepfather", "brother", "husband", "uncle", "nephew", "boyfriend",
    "fiance", "fiancé", "dad", "man", "boy", "patriarch",
];

/// Role nouns that name no one's role before a name, only in apposition after it: `a woman
/// Reyes met` is not about Reyes.
const APPOSITION_ONLY: &[&str] = &["woman", "girl", "man", "boy"];

/// The longest role noun, in bytes: a longer word is none, with no lookup.
const LONGEST_ROLE: usize = 13;

/// The pronoun a role noun shows, if it is one of one gender (ASCII case ignored).
///
/// Asked for the words around every name mention on every analysis, so it is one hash lookup of
/// the word lowercased on the stack, not a walk of both lists.
fn role_gender(word: &str) -> Option<Pronoun> {
    static ROLES: std::sync::OnceLock<FxHashMap<&'static [u8], Pronoun>> = std::sync::OnceLock::new();
    if word.len() > LONGEST_ROLE {
        return None;
    }
    let mut lowered = [0u8; LONGEST_ROLE];
    for (to, from) in lowered.iter_mut().zip(word.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    let roles = ROLES.get_or_init(|| {
        let female = FEMALE_ROLES.iter().map(|w| (w.as_bytes(), Pronoun::She));
        female.chain(MALE_ROLES.iter().map(|w| (w.as_bytes(), Pronoun::He))).collect()
    });
    roles.get(&lowered[..word.len()]).copied()
}

/// A role noun of one gender that the draft gives the person named at `mention`: right before
/// the name (`spokeswoman Ana Ruiz`, `his wife, Ana`, `her husband, former President Ben Ruiz`),
/// or heading an apposition after it (`Ana Ruiz, a spokeswoman for the council,`, `Ana Ruiz, his
/// widow,`).
pub(crate) fn role_noun_around(text: &str, mention: Span) -> Option<Clue> {
    role_noun_before(text, mention).or_else(|| role_noun_after(text, mention)).or_else(|| plural_role_before(text, mention))
}

/// Family role nouns in the plural, which a pair of names may follow: `brothers Juan and Luis Mora`.
const PLURAL_ROLES: &[(&str, Pronoun)] = &[
    ("brothers", Pronoun::He),
    ("sons", Pronoun::He),
    ("grandsons", Pronoun::He),
    ("nephews", Pronoun::He),
    ("uncles", Pronoun::He),
    ("sisters", Pronoun::She),
    ("daughters", Pronoun::She),
    ("granddaughters", Pronoun::She),
    ("nieces", Pronoun::She),
    ("aunts", Pronoun::She),
];

/// A plural family role noun heading a pair of names, the person's among them: `brothers Juan and
/// Luis Mora` (for `Luis Mora`), `sisters Ana Ruiz and Eva Ruiz` (for `Ana Ruiz`).
fn plural_role_before(text: &str, mention: Span) -> Option<Clue> {
    let before = text.get(..mention.start as usize)?;
    let after = text.get(mention.end as usize..)?;
    let role_at = |s: &str| -> Option<Clue> {
        let word_start = last_word_start(s, char::is_alphabetic);
        let &(_, pronoun) = PLURAL_ROLES.iter().find(|(w, _)| w.eq_ignore_ascii_case(&s[word_start..]))?;
        Some(Clue { span: Span::new(word_start, s.len()), kind: ClueKind::RoleNoun, pronoun })
    };
    // The second of the pair: `<role> <Name> and ` before it.
    if let Some(rest) = before.strip_suffix(" and ") {
        let given = last_word_start(rest, char::is_alphabetic);
        if given < rest.len() && rest[given..].starts_with(char::is_uppercase) {
            return role_at(one_space_off(&rest[..given])?);
        }
        return None;
    }
    // The first: `<role> ` before it, ` and <Name>` after.
    let second = after.strip_prefix(" and ")?;
    if !second.starts_with(char::is_uppercase) {
        return None;
    }
    role_at(one_space_off(before)?)
}

fn role_noun_before(text: &str, mention: Span) -> Option<Clue> {
    let before = text.get(..mention.start as usize)?;
    // Back over a few capitalised words of a title and `former` (`former President`), then one
    // comma at most (`his wife, Ana`).
    let mut end = one_space_off(before)?.len();
    for _ in 0..3 {
        let word_start = last_word_start(&before[..end], |c| c.is_alphanumeric() || c == '.');
        let word = &before[word_start..end];
        let title_like = word.starts_with(char::is_uppercase) || matches!(word, "former" | "then" | "late");
        if word.is_empty() || !title_like || role_gender(word).is_some() {
            break;
        }
        end = one_space_off(&before[..word_start])?.len();
    }
    let upto = before[..end].strip_suffix(',').map_or(end, str::len);
    let start = last_word_start(&before[..upto], char::is_alphabetic);
    let word = &before[start..upto];
    if word.is_empty() || APPOSITION_ONLY.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return None;
    }
    let pronoun = role_gender(word)?;
    Some(Clue { span: Span::new(start, upto), kind: ClueKind::RoleNoun, pronoun })
}

/// Where the run of characters `in_word` that ends `s` starts.
fn last_word_start(s: &str, in_word: impl Fn(char) -> bool) -> usize {
    crate::analysis::coref::roles::word_start_before(s, in_word)
}

fn role_noun_after(text: &str, mention: Span) -> Option<Clue> {
    let rest = text.get(mention.end as usize..)?.strip_prefix(", ")?;
    // The apposition: up to its comma or the sentence's end, a few words long.
    let stop = crate::analysis::coref::roles::find_stop(rest, &[',', '.', ';', ':', '(', '"', '“', '\n']).unwrap_or(rest.len());
    let apposition = &rest[..stop];
    // Words and where they start in it (a no-break space may part them: `Reyes’s\u{a0}wife`).
    let words = || {
        apposition
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .map(|w| (w.as_ptr() as usize - apposition.as_ptr() as usize, w))
    };
    let (_, first) = words().next()?;
    // `Ana Ruiz, Tom Reyes's wife,`: a possessor's name may stand for the determiner.
    let possessor = words()
        .take_while(|(_, w)| w.starts_with(char::is_uppercase))
        .any(|(_, w)| w.ends_with("'s") || w.ends_with("’s"));
    let determiner = ["a", "an", "the", "his", "her", "their", "its"].iter().any(|d| first.eq_ignore_ascii_case(d));
    if !possessor && !determiner {
        return None;
    }
    let mut words = words().peekable();
    while let Some((at, w)) = words.next() {
        // The head noun ends the noun phrase: the first role noun, before any `of`, `for`.
        if matches!(w, "of" | "for" | "at" | "who" | "with" | "in" | "and" | "or" | "to" | "from" | "on") || at > 60 {
            return None;
        }
        if let Some(pronoun) = role_gender(w) {
            // `Ana Ruiz, his brother Ben and ...`: the role of the name after it, in a list.
            if words.peek().is_some_and(|(_, next)| next.starts_with(char::is_uppercase)) {
                return None;
            }
            let start = mention.end as usize + 2 + at;
            return Some(Clue { span: Span::new(start, start + w.len()), kind: ClueKind::RoleNoun, pronoun });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_nouns_are_found_in_any_ascii_case_and_the_lists_fit_the_lookup() {
        for w in FEMALE_ROLES.iter().chain(MALE_ROLES) {
            assert!(w.len() <= LONGEST_ROLE, "{w} is longer than LONGEST_ROLE");
            assert_eq!(*w, w.to_lowercase(), "{w} must be written in lowercase");
        }
        assert!(FEMALE_ROLES.iter().all(|w| !MALE_ROLES.contains(w)), "a role noun is in both lists");
        assert_eq!(role_gender("Spokeswoman"), Some(Pronoun::She));
        assert_eq!(role_gender("HUSBAND"), Some(Pronoun::He));
        assert_eq!(role_gender("Fiancée"), Some(Pronoun::She));
        assert_eq!(role_gender("chairman"), None);
        assert_eq!(role_gender("congresswomanly"), None);
        assert_eq!(role_gender(""), None);
    }
}
