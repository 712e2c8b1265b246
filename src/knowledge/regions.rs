//! How datelines name the region after a city: US states (`Ill.`), Canadian provinces, British
//! nations, countries (`Russia`), and AP's stand-alone cities that take none (`MOSCOW`).
//!
//! The tables are editable data files: `data/datelines/us-states.tsv`,
//! `data/datelines/standalone-cities.tsv` (both shared with the dateline parser) and
//! `data/gazetteer/dateline-regions.tsv`. Each is read once, on first use.

use std::sync::OnceLock;

use super::City;

const STANDALONE: &str = include_str!("../../data/datelines/standalone-cities.tsv");
const DATELINE_REGIONS: &str = include_str!("../../data/gazetteer/dateline-regions.tsv");

pub use crate::analysis::dateline::UsState;

fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// The dateline parser's table: one parse of `us-states.tsv` serves both.
fn states() -> &'static [UsState] {
    crate::analysis::dateline::us_states()
}

/// The US state a dateline's region names, by full name, AP abbreviation (with or without its
/// periods), postal code or another abbreviation seen in copy. Case does not matter, except that a
/// postal code must be in capitals (`IN`, `OR` and `ME` are words too).
pub fn us_state(region: &str) -> Option<&'static UsState> {
    let r = region.trim();
    let bare = |s: &str| s.replace(['.', ' '], "");
    states().iter().find(|s| {
        s.name.eq_ignore_ascii_case(r)
            || s.abbreviation.is_some_and(|a| a.eq_ignore_ascii_case(r) || bare(a).eq_ignore_ascii_case(&bare(r)))
            || (r.len() == 2 && s.postal == r)
            || s.others.iter().any(|o| o.eq_ignore_ascii_case(r))
    })
}

/// The home region (state or country, in capitals) of an AP stand-alone dateline city.
pub fn standalone_home(city: &str) -> Option<&'static str> {
    static TABLE: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| rows(STANDALONE).filter(|r| r.len() >= 2).map(|r| (super::fold(r[0]), r[1])).collect());
    let key = super::fold(city);
    table.iter().find(|(c, _)| *c == key).map(|(_, home)| *home)
}

/// `(country code, region code or "*", name)` rows of `dateline-regions.tsv`.
fn dateline_regions() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    rows(DATELINE_REGIONS).filter(|r| r.len() >= 3).map(|r| (r[0], r[1], r[2]))
}

/// The name of a first-level region, for the countries whose regions datelines name.
pub(super) fn region_name(country: &str, admin1: &str) -> Option<&'static str> {
    if admin1.is_empty() {
        return None;
    }
    if country == "US" {
        return states().iter().find(|s| s.postal == admin1).map(|s| s.name);
    }
    dateline_regions().find(|(c, a, _)| *c == country && *a == admin1).map(|(_, _, n)| n)
}

/// What a dateline writes after this city in AP style: the state's AP abbreviation
/// (`SPRINGFIELD, Ill.`), the province or British nation (`VICTORIA, British Columbia`,
/// `LEEDS, England`), else the country (`KAZAN, Russia`).
pub fn ap_dateline_region(city: &City) -> String {
    if city.country_code == "US" {
        if let Some(state) = city.region.and_then(us_state) {
            return state.ap_form().to_string();
        }
    }
    if let Some(region) = city.region {
        return region.to_string();
    }
    dateline_regions()
        .find(|(c, a, _)| *c == city.country_code && *a == "*")
        .map_or(city.country, |(_, _, n)| n)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::super::cities_named;
    use super::*;

    #[test]
    fn states_by_any_of_their_forms() {
        for written in ["Illinois", "Ill.", "ILL.", "Ill", "IL"] {
            assert_eq!(us_state(written).map(|s| s.name), Some("Illinois"), "{written}");
        }
        assert_eq!(us_state("N.Y.").map(|s| s.postal), Some("NY"));
        assert_eq!(us_state("NY").map(|s| s.ap_form()), Some("N.Y."));
        assert_eq!(us_state("Tex.").map(|s| s.ap_form()), Some("Texas"));
        assert!(us_state("in").is_none() && us_state("Russia").is_none());
    }

    #[test]
    fn standalone_cities_know_their_home() {
        assert_eq!(standalone_home("Moscow"), Some("Russia"));
        assert_eq!(standalone_home("CHICAGO"), Some("Illinois"));
        assert_eq!(standalone_home("KAZAN"), None);
    }

    #[test]
    fn ap_regions_of_gazetteer_cities() {
        assert_eq!(ap_dateline_region(&cities_named("Kazan")[0]), "Russia");
        assert_eq!(ap_dateline_region(&cities_named("Sacramento")[0]), "Calif.");
        assert_eq!(ap_dateline_region(&cities_named("Boise")[0]), "Idaho");
        assert_eq!(ap_dateline_region(&cities_named("Kinshasa")[0]), "Congo");
    }
}
