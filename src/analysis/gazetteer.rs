//! The embedded gazetteer and its lookups (layout in `scripts/gazetteer.py`): GeoNames cities,
//! CC BY 4.0. It is data, like the word lists: the entity pass asks [`is_city_name`], and
//! `knowledge` builds what the dateline rules and hovers know about cities on the same lookups.
//!
//! `names.idx` is a sorted list of 3-byte offsets of names in `cities.tsv`; a lookup binary-searches
//! it, folding each name it compares on the fly, so no key text is stored twice and nothing is
//! parsed at start-up except the small fold table, on first use.

use std::cmp::Ordering;
use std::sync::OnceLock;

const CITIES: &str = include_str!("../../data/gazetteer/cities.tsv");
const NAMES: &[u8] = include_bytes!("../../data/gazetteer/names.idx");
const FOLD: &str = include_str!("../../data/gazetteer/fold.tsv");
const MAIN_NAMES_BLOOM: &[u8] = include_bytes!("../../data/gazetteer/main-names.bloom");
const BLOOM_HASHES: u64 = 5;

/// Letters that fold to something else (`ã` -> `a`, `ß` -> `ss`), sorted by letter.
fn fold_table() -> &'static [(char, &'static str)] {
    static TABLE: OnceLock<Vec<(char, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<(char, &'static str)> = FOLD
            .lines()
            .filter_map(|l| {
                let (c, to) = l.split_once('\t')?;
                let mut cs = c.chars();
                Some((cs.next()?, to)).filter(|_| cs.next().is_none())
            })
            .collect();
        t.sort_unstable_by_key(|e| e.0);
        t
    })
}

/// Calls `f` with the folded form of `s` piece by piece: lower case, accents off, runs of white
/// space as one space (as `fold` in `scripts/gazetteer.py`).
fn fold_each(s: &str, mut f: impl FnMut(&[u8]) -> bool) {
    let table = fold_table();
    let mut buf = [0u8; 4];
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 && !f(b" ") {
            return;
        }
        for c in word.chars() {
            let go = if c.is_ascii() {
                f(&[c.to_ascii_lowercase() as u8])
            } else if let Ok(k) = table.binary_search_by_key(&c, |e| e.0) {
                f(table[k].1.as_bytes())
            } else {
                c.to_lowercase().all(|l| f(l.encode_utf8(&mut buf).as_bytes()))
            };
            if !go {
                return;
            }
        }
    }
}

/// The folded form of a name.
pub fn fold(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    fold_each(s, |b| {
        out.extend_from_slice(b);
        true
    });
    String::from_utf8(out).unwrap_or_default()
}

/// The folded form of an ASCII name, byte by byte (the common case, without the fold table):
/// lower case, runs of white space as one space, none at the ends.
fn ascii_folded(name: &str) -> impl Iterator<Item = u8> + '_ {
    let mut space = false;
    name.trim_ascii()
        .bytes()
        .flat_map(move |b| {
            if b.is_ascii_whitespace() {
                space = true;
                return [None, None];
            }
            [std::mem::take(&mut space).then_some(b' '), Some(b.to_ascii_lowercase())]
        })
        .flatten()
}

/// Compares the folded form of `name` with an already folded `key`, byte by byte.
fn cmp_folded(name: &str, key: &[u8]) -> Ordering {
    if name.is_ascii() {
        return ascii_folded(name).cmp(key.iter().copied());
    }
    let mut at = 0;
    let mut order = Ordering::Equal;
    fold_each(name, |piece| {
        for &b in piece {
            match key.get(at) {
                None => {
                    order = Ordering::Greater;
                    return false;
                }
                Some(&k) if k != b => {
                    order = b.cmp(&k);
                    return false;
                }
                _ => at += 1,
            }
        }
        true
    });
    if order == Ordering::Equal && at < key.len() {
        Ordering::Less
    } else {
        order
    }
}

fn entries() -> usize {
    NAMES.len() / 3
}

fn entry_offset(i: usize) -> usize {
    let b = &NAMES[3 * i..3 * i + 3];
    b[0] as usize | (b[1] as usize) << 8 | (b[2] as usize) << 16
}

/// The name starting at `offset` (up to the next tab, `|` or line end).
fn name_at(offset: usize) -> &'static str {
    let rest = CITIES.get(offset..).unwrap_or("");
    let end = rest.bytes().position(|b| matches!(b, b'\t' | b'|' | b'\n')).unwrap_or(rest.len());
    &rest[..end]
}

/// The start of the city line holding `offset`.
fn line_start(offset: usize) -> usize {
    CITIES.as_bytes()[..offset].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

/// Offsets of the names that fold to `key`, in index order (so most populous first).
fn offsets_named(key: &str) -> impl Iterator<Item = usize> + '_ {
    let (mut lo, mut hi) = (0, if key.is_empty() { 0 } else { entries() });
    while lo < hi {
        let mid = (lo + hi) / 2;
        if cmp_folded(name_at(entry_offset(mid)), key.as_bytes()) == Ordering::Less {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo..if key.is_empty() { lo } else { entries() })
        .map(entry_offset)
        .take_while(move |&o| cmp_folded(name_at(o), key.as_bytes()) == Ordering::Equal)
}

/// Whether `name` may be a city's main name: false means certainly not (a Bloom filter of the
/// folded main names, written by `scripts/gazetteer.py`; about 2% of other words pass).
fn may_be_main_name(name: &str) -> bool {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    let mut add = |b: u8| h = (h ^ b as u64).wrapping_mul(0x0100_0000_01B3);
    if name.is_ascii() {
        ascii_folded(name).for_each(add);
    } else {
        fold_each(name, |piece| {
            piece.iter().for_each(|&b| add(b));
            true
        });
    }
    let bits = MAIN_NAMES_BLOOM.len() as u64 * 8;
    let (h1, h2) = (h & 0xFFFF_FFFF, (h >> 32) | 1);
    bits > 0
        && (0..BLOOM_HASHES).all(|i| {
            let bit = (h1 + i * h2) % bits;
            MAIN_NAMES_BLOOM[(bit / 8) as usize] & (1 << (bit % 8)) != 0
        })
}

/// The population of the largest city whose main name (not another name) is `name`.
pub fn main_name_population(name: &str) -> Option<u64> {
    if !may_be_main_name(name) {
        return None;
    }
    let key = fold(name);
    let first = offsets_named(&key).find(|&o| line_start(o) == o)?;
    line_at(first).map(|l| l.3)
}

/// Abbreviations that datelines use for a first word GeoNames spells out (`ST PAUL`, `FT WORTH`).
const SHORT_FIRST_WORDS: [(&str, &str); 6] =
    [("st ", "saint "), ("st. ", "saint "), ("ste ", "sainte "), ("ste. ", "sainte "), ("ft ", "fort "), ("mt ", "mount ")];

/// Offsets of the lines of the cities named `name`, most populous first, each once.
pub fn lines_named(name: &str) -> Vec<usize> {
    let mut key = fold(name);
    if offsets_named(&key).next().is_none() {
        if let Some((short, long)) = SHORT_FIRST_WORDS.iter().find(|(s, _)| key.starts_with(s)) {
            key = format!("{long}{}", &key[short.len()..]);
        }
    }
    let mut out: Vec<usize> = offsets_named(&key).map(line_start).collect();
    // Lines are in population order, so offsets are too.
    out.sort_unstable();
    out.dedup();
    out
}

/// The fields of the city line at `offset`: name, country code, region code, population, other
/// names.
pub fn line_at(offset: usize) -> Option<(&'static str, &'static str, &'static str, u64, &'static str)> {
    let line = CITIES.get(offset..)?.lines().next()?;
    let mut f = line.split('\t');
    Some((f.next()?, f.next()?, f.next()?, f.next()?.parse().ok()?, f.next().unwrap_or("")))
}

/// Whether a capitalised run of a draft is the main name of a city, for typing entities: a city of
/// [`CITY_NAME_MIN_POPULATION`] or more (a single word), or of any size (several words, which are
/// rarely anything else). Other names are left out: many are words or names in English (`Tour`).
pub fn is_city_name(run: &str) -> bool {
    // A draft names the same few places again and again, and reading a gazetteer line costs a
    // fold, a search and a parse: answers are remembered per thread (bounded, as drafts come and go).
    thread_local! {
        static ANSWERS: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, bool>> = Default::default();
    }
    const REMEMBERED: usize = 8192;
    if let Some(known) = ANSWERS.with(|a| a.borrow().get(run).copied()) {
        return known;
    }
    let min = if run.contains(' ') { 0 } else { CITY_NAME_MIN_POPULATION };
    let answer = main_name_population(run).is_some_and(|p| p >= min);
    ANSWERS.with(|a| {
        let mut a = a.borrow_mut();
        if a.len() >= REMEMBERED {
            a.clear();
        }
        a.insert(run.into(), answer);
    });
    answer
}

/// Below this, a one-word city name is too often a surname or a word (`Police`, `Best`) to be
/// taken for a place on its own.
pub const CITY_NAME_MIN_POPULATION: u64 = 100_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_is_sorted_as_the_lookups_fold() {
        let mut previous = String::new();
        for i in 0..entries() {
            let name = name_at(entry_offset(i));
            let key = fold(name);
            assert!(previous.as_bytes() <= key.as_bytes(), "{previous} > {key}");
            if name.is_ascii() {
                assert!(ascii_folded(name).eq(key.bytes()), "{name}");
            }
            previous = key;
        }
    }

    #[test]
    fn the_bloom_filter_passes_every_main_name_and_few_others() {
        for line in CITIES.lines().step_by(7) {
            let name = line.split('\t').next().unwrap();
            assert!(may_be_main_name(name) && main_name_population(name).is_some(), "{name}");
        }
        assert!(may_be_main_name("  LOS \n ANGELES ") && may_be_main_name("São Paulo"));
        let words = ["Police", "Minister", "Tuesday", "Reuters", "Government", "Lavrov", "Smith", "Company"];
        assert!(words.iter().filter(|w| may_be_main_name(w)).count() <= 2);
    }

    #[test]
    fn every_name_finds_its_city() {
        for i in (0..entries()).step_by(13) {
            let o = entry_offset(i);
            assert!(lines_named(name_at(o)).contains(&line_start(o)), "{}", name_at(o));
            assert!(line_at(line_start(o)).is_some());
        }
    }

    #[test]
    fn folding_ignores_case_accents_and_spacing() {
        assert_eq!(fold("São  Paulo"), "sao paulo");
        assert_eq!(fold("KÖLN"), "koln");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(lines_named("ST PAUL"), lines_named("Saint Paul"));
        assert!(!lines_named("St. Louis").is_empty() && !lines_named("FT WORTH").is_empty());
        assert_eq!(cmp_folded("SÃO PAULO", b"sao paulo"), Ordering::Equal);
        assert_eq!(cmp_folded("Sao", b"sao paulo"), Ordering::Less);
        assert_eq!(cmp_folded("Sao Paulo X", b"sao paulo"), Ordering::Greater);
        assert_eq!(cmp_folded(" SAO \t PAULO ", b"sao paulo"), Ordering::Equal);
        assert_eq!(ascii_folded(" New\n  York ").collect::<Vec<u8>>(), b"new york");
    }
}
