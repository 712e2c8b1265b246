//! The small word lists the entity passes use, from `data/names/`, built once on first use.
//!
//! Every list is lowercase. Lookups take a lowercase word (or a lowercase run joined by single
//! spaces for multi-word places).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

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

/// The lists a word (or a multi-word line such as `new york`) is on, as bits: one hash lookup
/// answers every list, and the entity pass can keep the answer per token.
pub mod list {
    pub const GIVEN: u16 = 1 << 0;
    /// Given names that are also common words (`Will`, `Jan`, `Hope`): names only before a surname.
    pub const GIVEN_COMMON: u16 = 1 << 1;
    pub const PLACE: u16 = 1 << 2;
    pub const DEMONYM: u16 = 1 << 3;
    pub const ORG: u16 = 1 << 4;
    pub const EVENT: u16 = 1 << 5;
    pub const PLACE_WORD: u16 = 1 << 6;
    pub const COMMON: u16 = 1 << 7;
    pub const HONORIFIC: u16 = 1 << 8;
    pub const TITLE_HEAD: u16 = 1 << 9;
    pub const TITLE_MODIFIER: u16 = 1 << 10;
    /// On a given-name list, before the lists that rule it out were applied.
    pub(in crate::analysis::entities) const GIVEN_LISTED: u16 = 1 << 11;
    /// A placeholder left for later (`TK`): never a name.
    pub const PLACEHOLDER: u16 = 1 << 12;
    /// A title head that names an occupation rather than an office (`candidate`, `actor`).
    pub const OCCUPATION: u16 = 1 << 13;
    /// A word for a relative (`husband`, `son`): `her husband, Bill Doe` names a relative.
    pub const KIN: u16 = 1 << 14;
    /// The first word of a place of several words (`new` of `new york`): a pair of words starting
    /// with any other word is no place, and is not looked up. Only the entity pass's per-token
    /// lists see this bit ([`super::Lexicon::lists_with_place_heads`]).
    pub(in crate::analysis::entities) const PLACE_HEAD: u16 = 1 << 15;
}

pub struct Lexicon {
    /// Every listed word or line, with the [`list`] bits of the lists it is on.
    lists: FxHashMap<&'static str, u16>,
    /// Description word -> title words it may stand for.
    role_synonyms: Vec<(&'static str, Vec<&'static str>)>,
}

/// The lists are ASCII: their white space is ASCII's, read without Unicode tables (a cold
/// analysis builds the lexicon, and the given-name list alone has thousands of lines). `\x0B` is
/// white space to `str::trim`, not to `trim_ascii`, so a list with one takes the general path.
fn ascii_spaced(data: &str) -> bool {
    data.is_ascii() && !data.as_bytes().contains(&0x0B)
}

/// The list's lines, trimmed, without blank lines and comments.
fn lines(data: &'static str) -> Box<dyn Iterator<Item = &'static str>> {
    let keep = |l: &&str| !l.is_empty() && !l.starts_with('#');
    if ascii_spaced(data) {
        Box::new(data.split('\n').map(str::trim_ascii).filter(keep))
    } else {
        Box::new(data.lines().map(str::trim).filter(keep))
    }
}

/// The words of the list's lines.
fn words(data: &'static str) -> Box<dyn Iterator<Item = &'static str>> {
    if ascii_spaced(data) {
        Box::new(lines(data).flat_map(str::split_ascii_whitespace))
    } else {
        Box::new(lines(data).flat_map(str::split_whitespace))
    }
}

fn build() -> Lexicon {
    let mut lists: FxHashMap<&'static str, u16> = FxHashMap::with_capacity_and_hasher(8192, Default::default());
    let mut add = |items: &mut dyn Iterator<Item = &'static str>, bit: u16| {
        for w in items {
            *lists.entry(w).or_insert(0) |= bit;
        }
    };
    add(&mut words(include_str!("../../../data/names/given-names-census.txt")), list::GIVEN_LISTED);
    add(&mut words(include_str!("../../../data/names/given-names-extra.txt")), list::GIVEN_LISTED);
    add(&mut lines(include_str!("../../../data/names/places.txt")), list::PLACE);
    add(&mut lines(include_str!("../../../data/names/places.txt")).filter_map(|l| l.split_once(' ').map(|(head, _)| head)), list::PLACE_HEAD);
    add(&mut lines(include_str!("../../../data/names/demonyms.txt")), list::DEMONYM);
    add(&mut words(include_str!("../../../data/names/org-words.txt")), list::ORG);
    add(&mut lines(include_str!("../../../data/names/event-words.txt")), list::EVENT);
    add(&mut lines(include_str!("../../../data/names/place-words.txt")), list::PLACE_WORD);
    add(&mut words(include_str!("../../../data/names/common-words.txt")), list::COMMON);
    add(&mut words(include_str!("../../../data/names/placeholders.txt")), list::PLACEHOLDER);
    add(&mut words(include_str!("../../../data/names/kinship.txt")), list::KIN);
    for line in lines(include_str!("../../../data/names/titles.txt")) {
        let mut it = line.split_whitespace();
        let bit = match it.next() {
            Some("honorific") => list::HONORIFIC,
            Some("head") => list::TITLE_HEAD,
            Some("occupation") => list::TITLE_HEAD | list::OCCUPATION,
            Some("modifier") => list::TITLE_MODIFIER,
            _ => continue,
        };
        add(&mut it, bit);
    }
    // A word that is also a place, a nationality or a common word is no evidence of a person.
    for bits in lists.values_mut() {
        if *bits & list::GIVEN_LISTED == 0 {
            continue;
        }
        if *bits & list::COMMON != 0 {
            *bits |= list::GIVEN_COMMON;
        }
        if *bits & (list::PLACE | list::DEMONYM | list::COMMON | list::ORG) == 0 {
            *bits |= list::GIVEN;
        }
    }
    let role_synonyms = lines(include_str!("../../../data/names/role-synonyms.txt"))
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let word = it.next()?;
            Some((word, it.collect()))
        })
        .collect();
    Lexicon { lists, role_synonyms }
}

pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build)
}

impl Lexicon {
    /// The [`list`] bits of a lowercase word or run (0 when it is on no list).
    pub fn lists(&self, w: &str) -> u16 {
        self.lists_with_place_heads(w) & !list::PLACE_HEAD
    }
    /// [`Lexicon::lists`] with [`list::PLACE_HEAD`], for the entity pass's per-token lists.
    pub(super) fn lists_with_place_heads(&self, w: &str) -> u16 {
        self.lists.get(w).copied().unwrap_or(0)
    }
    fn on(&self, w: &str, bit: u16) -> bool {
        self.lists(w) & bit != 0
    }
    pub fn is_given_name(&self, w: &str) -> bool {
        self.on(w, list::GIVEN)
    }
    /// A given name that is also a common word: `Will`, `Jan`, `An`.
    pub fn is_common_given_name(&self, w: &str) -> bool {
        self.on(w, list::GIVEN_COMMON)
    }
    /// A word for a relative: `husband`, `daughter`.
    pub fn is_kin(&self, w: &str) -> bool {
        self.on(w, list::KIN)
    }
    pub fn is_place(&self, run: &str) -> bool {
        self.on(run, list::PLACE)
    }
    pub fn is_demonym(&self, w: &str) -> bool {
        self.on(w, list::DEMONYM)
    }
    pub fn is_org_word(&self, w: &str) -> bool {
        self.on(w, list::ORG)
    }
    pub fn is_event_word(&self, w: &str) -> bool {
        self.on(w, list::EVENT)
    }
    pub fn is_place_word(&self, w: &str) -> bool {
        self.on(w, list::PLACE_WORD)
    }
    pub fn is_common(&self, w: &str) -> bool {
        self.on(w, list::COMMON)
    }
    pub fn title_word(&self, w: &str) -> Option<TitleWord> {
        title_of(self.lists(w.trim_end_matches('.')))
    }
    pub fn is_honorific(&self, w: &str) -> bool {
        self.on(w.trim_end_matches('.'), list::HONORIFIC)
    }
    /// The title words a description word may stand for (itself included).
    pub fn role_matches(&self, description_word: &str, title_word: &str) -> bool {
        description_word == title_word
            || self.role_synonyms.iter().any(|(d, ts)| *d == description_word && ts.contains(&title_word))
    }
    /// The title words a description word may stand for besides itself (`diplomat`: `minister`,
    /// …): what [`Lexicon::role_matches`] accepts, gathered once for matching many titles.
    pub fn role_synonyms_of(&self, description_word: &str) -> Vec<&'static str> {
        self.role_synonyms.iter().filter(|(d, _)| *d == description_word).flat_map(|(_, ts)| ts.iter().copied()).collect()
    }
    pub fn is_role_word(&self, w: &str) -> bool {
        self.on(w, list::TITLE_HEAD) || self.role_synonyms.iter().any(|(d, _)| *d == w)
    }
    /// A role that is an office (`the minister`, `the official`), not an occupation (`the
    /// candidate`): a definite description of an office no one in the draft holds is someone
    /// unnamed.
    pub fn is_office_word(&self, w: &str) -> bool {
        self.is_role_word(w) && !self.on(w, list::OCCUPATION)
    }
}

/// The title role of a word from its [`list`] bits (looked up without its trailing full stops).
pub fn title_of(bits: u16) -> Option<TitleWord> {
    if bits & list::HONORIFIC != 0 {
        Some(TitleWord::Honorific)
    } else if bits & list::TITLE_HEAD != 0 {
        Some(TitleWord::Head)
    } else if bits & list::TITLE_MODIFIER != 0 {
        Some(TitleWord::Modifier)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lists_read_as_unicode_lists_do() {
        let general_lines = |d: &'static str| d.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
        for data in ["# c\n  ann  bo \r\n\n\tcy\x0Cdee\n#x y\nend", "a\x0Bb\n c ", "\u{a0}zoë\u{a0} al\u{2003}bo\n"] {
            assert_eq!(lines(data).collect::<Vec<_>>(), general_lines(data).collect::<Vec<_>>(), "{data:?}");
            let general_words: Vec<_> = general_lines(data).flat_map(str::split_whitespace).collect();
            assert_eq!(words(data).collect::<Vec<_>>(), general_words, "{data:?}");
        }
    }

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
