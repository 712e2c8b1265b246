//! The small word lists the entity passes use, from `data/names/`, built once on first use.
//!
//! Every list is lowercase. Lookups take a lowercase word (or a lowercase run joined by single
//! spaces for multi-word places).

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

type WordSet = FxHashSet<&'static str>;

/// How a word may take part in a title before a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleWord {
    /// `Mr.`, `Dr.`, `Sir`.
    Honorific,
    /// A word that can end a title: `Minister`, `President`, `coach`.
    Head,
    /// A word that can only sit inside one: `Foreign`, `Deputy`.
    Modifier,
}

pub struct Lexicon {
    given: WordSet,
    /// Given names that are also common words (`Will`, `Jan`, `Hope`): names only before a surname.
    given_common: WordSet,
    places: WordSet,
    demonyms: WordSet,
    org_words: WordSet,
    event_words: WordSet,
    place_words: WordSet,
    common: WordSet,
    honorifics: WordSet,
    title_heads: WordSet,
    title_modifiers: WordSet,
    /// Description word -> title words it may stand for.
    role_synonyms: Vec<(&'static str, Vec<&'static str>)>,
}

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn words(data: &'static str) -> WordSet {
    lines(data).flat_map(str::split_whitespace).collect()
}

fn line_set(data: &'static str) -> WordSet {
    lines(data).collect()
}

fn build() -> Lexicon {
    let mut given = words(include_str!("../../../data/names/given-names-census.txt"));
    given.extend(words(include_str!("../../../data/names/given-names-extra.txt")));
    let places = line_set(include_str!("../../../data/names/places.txt"));
    let demonyms = line_set(include_str!("../../../data/names/demonyms.txt"));
    let org_words = words(include_str!("../../../data/names/org-words.txt"));
    let event_words = line_set(include_str!("../../../data/names/event-words.txt"));
    let place_words = line_set(include_str!("../../../data/names/place-words.txt"));
    let common = words(include_str!("../../../data/names/common-words.txt"));
    // A word that is also a place, a nationality or a common word is no evidence of a person.
    let given_common: WordSet = given.iter().copied().filter(|w| common.contains(w)).collect();
    given.retain(|w| !places.contains(w) && !demonyms.contains(w) && !common.contains(w) && !org_words.contains(w));
    let mut honorifics = WordSet::default();
    let mut title_heads = WordSet::default();
    let mut title_modifiers = WordSet::default();
    for line in lines(include_str!("../../../data/names/titles.txt")) {
        let mut it = line.split_whitespace();
        let set = match it.next() {
            Some("honorific") => &mut honorifics,
            Some("head") => &mut title_heads,
            Some("modifier") => &mut title_modifiers,
            _ => continue,
        };
        set.extend(it);
    }
    let role_synonyms = lines(include_str!("../../../data/names/role-synonyms.txt"))
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let word = it.next()?;
            Some((word, it.collect()))
        })
        .collect();
    Lexicon {
        given,
        given_common,
        places,
        demonyms,
        org_words,
        event_words,
        place_words,
        common,
        honorifics,
        title_heads,
        title_modifiers,
        role_synonyms,
    }
}

pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build)
}

impl Lexicon {
    pub fn is_given_name(&self, w: &str) -> bool {
        self.given.contains(w)
    }
    /// A given name that is also a common word: `Will`, `Jan`, `An`.
    pub fn is_common_given_name(&self, w: &str) -> bool {
        self.given_common.contains(w)
    }
    pub fn is_place(&self, run: &str) -> bool {
        self.places.contains(run)
    }
    pub fn is_demonym(&self, w: &str) -> bool {
        self.demonyms.contains(w)
    }
    pub fn is_org_word(&self, w: &str) -> bool {
        self.org_words.contains(w)
    }
    pub fn is_event_word(&self, w: &str) -> bool {
        self.event_words.contains(w)
    }
    pub fn is_place_word(&self, w: &str) -> bool {
        self.place_words.contains(w)
    }
    pub fn is_common(&self, w: &str) -> bool {
        self.common.contains(w)
    }
    pub fn title_word(&self, w: &str) -> Option<TitleWord> {
        let w = w.trim_end_matches('.');
        if self.honorifics.contains(w) {
            Some(TitleWord::Honorific)
        } else if self.title_heads.contains(w) {
            Some(TitleWord::Head)
        } else if self.title_modifiers.contains(w) {
            Some(TitleWord::Modifier)
        } else {
            None
        }
    }
    pub fn is_honorific(&self, w: &str) -> bool {
        self.honorifics.contains(w.trim_end_matches('.'))
    }
    /// The title words a description word may stand for (itself included).
    pub fn role_matches(&self, description_word: &str, title_word: &str) -> bool {
        description_word == title_word
            || self.role_synonyms.iter().any(|(d, ts)| *d == description_word && ts.contains(&title_word))
    }
    pub fn is_role_word(&self, w: &str) -> bool {
        self.title_heads.contains(w) || self.role_synonyms.iter().any(|(d, _)| *d == w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_given_names_exclude_places() {
        let lx = lexicon();
        assert!(lx.is_given_name("sergey") && lx.is_given_name("john"));
        assert!(!lx.is_given_name("georgia") && !lx.is_given_name("may"));
        assert!(lx.is_place("new york") && lx.is_place("russia"));
        assert_eq!(lx.title_word("Mr.".to_lowercase().as_str()), Some(TitleWord::Honorific));
        assert!(lx.role_matches("diplomat", "minister"));
    }
}
