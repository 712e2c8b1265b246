//! What the draft and its names say about a person's pronoun: a courtesy title (`Mr. Hale`,
//! `Ms. Ruiz`), the `he`/`she` the draft itself uses for them, and their given name.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::analysis::entities::Pronoun;
use crate::analysis::lexicon::push_lowercase;

/// Given names borne mostly by men or mostly by women, with the share of their bearers of that
/// sex: `data/names/given-names.tsv`, made from public-domain census lists by
/// `scripts/given_name_genders.py`.
fn given_names() -> &'static FxHashMap<&'static str, (Pronoun, f32)> {
    static NAMES: OnceLock<FxHashMap<&'static str, (Pronoun, f32)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        include_str!("../../../data/names/given-names.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut fields = l.split('\t');
                let (name, sex, share) = (fields.next()?, fields.next()?, fields.next()?);
                let p = match sex {
                    "m" => Pronoun::He,
                    "f" => Pronoun::She,
                    _ => return None,
                };
                Some((name, (p, share.trim().parse().ok()?)))
            })
            .collect()
    })
}

/// The pronoun a given name points to, and the share of the name's bearers who use it (census
/// counts), for a single lowercase or capitalised given name.
pub(crate) fn given_name_pronoun(given: &str) -> Option<(Pronoun, f32)> {
    let mut lower = String::new();
    push_lowercase(&mut lower, given.trim_end_matches('.'));
    given_names().get(lower.as_str()).copied()
}

/// The pronoun a person's given name (the first word of a name of two or more words) points to.
pub(super) fn of_given_name(name: &str) -> Option<Pronoun> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    words.next()?;
    given_name_pronoun(first).map(|(p, _)| p)
}

/// The pronoun a courtesy title just before a name (`Mr. `, `Mrs `, `Ms. `) gives; `before` is the
/// text before the name.
pub(super) fn of_honorific(before: &str) -> Option<Pronoun> {
    let b = before.trim_end();
    let tail: String = b.chars().rev().take(5).collect::<Vec<_>>().into_iter().rev().collect();
    let word = tail.rsplit(|c: char| !c.is_alphabetic() && c != '.').next().unwrap_or("");
    match word.trim_end_matches('.').to_ascii_lowercase().as_str() {
        "mr" => Some(Pronoun::He),
        "mrs" | "ms" | "miss" => Some(Pronoun::She),
        _ => None,
    }
}

/// Weighs what is known of one person: a courtesy title settles it; otherwise the draft's own
/// `he`/`she` votes (noisy: `she` after `A woman who accused Bill Clinton said ...` votes for him),
/// with the given name counting as two votes. A tie leaves it open.
pub(super) fn decide(honorific: [u32; 2], votes: [u32; 2], given: Option<Pronoun>) -> Option<Pronoun> {
    let [mr, ms] = honorific;
    if mr != ms {
        return Some(if mr > ms { Pronoun::He } else { Pronoun::She });
    }
    let [mut he, mut she] = votes;
    match given {
        Some(Pronoun::He) => he += 2,
        Some(Pronoun::She) => she += 2,
        _ => {}
    }
    match he.cmp(&she) {
        std::cmp::Ordering::Greater => Some(Pronoun::He),
        std::cmp::Ordering::Less => Some(Pronoun::She),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honorifics_and_given_names() {
        assert_eq!(of_honorific("said Mr. "), Some(Pronoun::He));
        assert_eq!(of_honorific("Ms "), Some(Pronoun::She));
        assert_eq!(of_honorific("Mrs."), Some(Pronoun::She));
        assert_eq!(of_honorific("Hummer "), None);
        assert_eq!(of_given_name("Linda Park"), Some(Pronoun::She));
        assert_eq!(of_given_name("Gregory Park"), Some(Pronoun::He));
        // Borne by men and women alike, or a surname alone: no answer.
        assert_eq!(of_given_name("Leslie Park"), None);
        assert_eq!(of_given_name("Park"), None);
    }

    #[test]
    fn a_title_outweighs_votes_and_a_tie_is_open() {
        assert_eq!(decide([0, 1], [3, 0], Some(Pronoun::He)), Some(Pronoun::She));
        assert_eq!(decide([0, 0], [1, 1], None), None);
        assert_eq!(decide([0, 0], [1, 2], Some(Pronoun::He)), Some(Pronoun::He));
        assert_eq!(decide([0, 0], [1, 4], Some(Pronoun::He)), Some(Pronoun::She));
    }
}
