//! What the dateline rules share: which house style a dateline is checked against, where its
//! region is written, and whether its place is known.

use crate::analysis::dateline::Dateline;
use crate::analysis::span::Span;
use crate::config::{Config, StyleProfile};

const DATELINE_CITIES: &str = include_str!("../../data/datelines/cities.txt");
const DATELINE_REGIONS: &str = include_str!("../../data/datelines/regions.txt");

/// The style a dateline is held to: the config's profile when it names one; with none, AP when
/// the dateline is written in an AP form (an AP tag, or an untagged newspaper dateline ending in
/// an em dash), else nothing, so that wire copy in other house styles is left alone.
pub fn profile_for(config: &Config, text: &str, d: &Dateline) -> StyleProfile {
    if config.style != StyleProfile::None {
        return config.style;
    }
    let ap_tag = d
        .agency
        .as_deref()
        .is_some_and(|a| a.eq_ignore_ascii_case("AP") || a.eq_ignore_ascii_case("Associated Press"));
    let newspaper = d.agency.is_none() && d.span.text(text).trim_end().ends_with('—');
    if ap_tag || newspaper {
        StyleProfile::Ap
    } else {
        StyleProfile::None
    }
}

/// `Reporting from Kyiv` (NYT web style) is not a wire dateline: its place is written as prose.
pub fn is_reporting_from(text: &str, d: &Dateline) -> bool {
    d.span.text(text).starts_with("Reporting from")
}

/// Where the first region after the city is written (`Ill.` in `SPRINGFIELD, Ill. —`).
pub fn region_span(text: &str, d: &Dateline) -> Option<Span> {
    let first = d.region.as_deref()?.split(", ").next()?;
    let from = d.city_span.end as usize;
    let within = text.get(from..d.span.end as usize)?;
    let at = within.find(first)?;
    Some(Span::new(from + at, from + at + first.len()))
}

/// The places a dateline names (`KYIV/KHARKIV` names two), with their spans.
pub fn places_of<'a>(text: &'a str, d: &Dateline) -> Vec<(&'a str, Span)> {
    let start = d.city_span.start as usize;
    let Some(city) = text.get(start..d.city_span.end as usize) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = start;
    for part in city.split('/') {
        let lead = part.len() - part.trim_start().len();
        let name = part.trim();
        if !name.is_empty() {
            out.push((name, Span::new(at + lead, at + lead + name.len())));
        }
        at += part.len() + 1;
    }
    out
}

/// Whether a dateline place is one copydesk knows: a city of the gazetteer, one of the config's
/// `[[places]]`, a place the dateline tables list (`UNITED NATIONS`, AP's stand-alone cities), a
/// country or region, or a spot that is no city (`ABOARD AIR FORCE ONE`).
pub fn is_known_place(config: &Config, place: &str) -> bool {
    let listed = |data: &str| {
        data.lines()
            .filter(|l| !l.starts_with('#'))
            .any(|l| super::fold(l.trim()) == super::fold(place))
    };
    super::is_known_city(place)
        || config.place(place).is_some()
        || super::standalone_home(place).is_some()
        || super::is_country(place)
        || listed(DATELINE_CITIES)
        || listed(DATELINE_REGIONS)
        || is_non_city_place(place)
}

/// Whether a city lies in the region a dateline names after it (`Russia`, `Ill.`, `Illinois`,
/// `Ontario`, `England`).
pub fn in_region(city: &super::City, region: &str) -> bool {
    let r = region.trim();
    city.country.eq_ignore_ascii_case(r)
        || city.region.is_some_and(|n| n.eq_ignore_ascii_case(r))
        || super::regions::ap_dateline_region(city).eq_ignore_ascii_case(r)
        || (city.country_code == "US" && super::us_state(r).is_some_and(|s| city.region == Some(s.name)))
}

/// `ABOARD AIR FORCE ONE`, `NEAR KHERSON`, `ON THE MISSISSIPPI RIVER`.
fn is_non_city_place(place: &str) -> bool {
    let first = place.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
    place.contains(' ') && matches!(first.as_str(), "ABOARD" | "NEAR" | "OFF" | "ALONG" | "OUTSIDE" | "ON" | "AT" | "ACROSS" | "INSIDE")
}
