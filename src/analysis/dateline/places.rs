//! The place tables datelines are checked against, read from the editable files in
//! `data/datelines/` (compiled in, parsed once on first use).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// How an agency's house style writes the month of a dated dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthStyle {
    /// `Jan. 5`, `Sept. 5`, `March 5`: AP.
    Ap,
    /// `Jan 5`, `Sept 5`, `March 5`: Reuters and the wires that follow it.
    Reuters,
    /// `January 5`: TASS.
    Full,
    /// Both seen in real copy: only forms no style uses are flagged.
    Mixed,
}

#[derive(Debug, Clone)]
pub struct Agency {
    /// What the house style puts after the tag: `—`, `-`, `--`, or nothing.
    pub separator: Option<&'static str>,
    pub months: MonthStyle,
    /// The form puts the place in capitals.
    pub capital_place: bool,
}

/// A US state as `data/datelines/us-states.tsv` gives it; the gazetteer's dateline rules read the
/// same table through [`us_states`].
#[derive(Debug)]
pub struct UsState {
    pub name: &'static str,
    /// The AP dateline abbreviation; `None` when AP never abbreviates the name (`Texas`).
    pub abbreviation: Option<&'static str>,
    /// The two-letter postal code, also GeoNames' region code for the state.
    pub postal: &'static str,
    /// Other abbreviations seen in copy (`Tex.`, `Calif`).
    pub others: Vec<&'static str>,
}

impl UsState {
    /// How an AP dateline writes the state.
    pub fn ap_form(&self) -> &'static str {
        self.abbreviation.unwrap_or(self.name)
    }
}

/// Every US state, in the data file's order.
pub fn us_states() -> &'static [UsState] {
    &places().states
}

pub struct Places {
    /// Upper-case keys.
    agencies: HashMap<String, Agency>,
    pub states: Vec<UsState>,
    /// Upper-case keys.
    regions: HashSet<String>,
    /// Upper-case city -> upper-case home region (state or country).
    standalone: HashMap<String, String>,
    /// Upper-case names.
    cities: HashSet<String>,
}

const US_STATES: &str = include_str!("../../../data/datelines/us-states.tsv");
const STANDALONE: &str = include_str!("../../../data/datelines/standalone-cities.tsv");
const AGENCIES: &str = include_str!("../../../data/datelines/agencies.tsv");
const REGIONS: &str = include_str!("../../../data/datelines/regions.txt");
const CITIES: &str = include_str!("../../../data/datelines/cities.txt");

fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

pub fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(|| {
        let states: Vec<UsState> = rows(US_STATES)
            .filter(|r| r.len() >= 3)
            .map(|r| UsState {
                name: r[0],
                abbreviation: (r[1] != "-").then_some(r[1]),
                postal: r[2],
                others: r
                    .get(3)
                    .map_or_else(Vec::new, |o| o.split(',').map(str::trim).collect()),
            })
            .collect();
        let agencies = rows(AGENCIES)
            .filter(|r| r.len() >= 3)
            .map(|r| {
                let months = match r[2] {
                    "ap" => MonthStyle::Ap,
                    "full" => MonthStyle::Full,
                    "mixed" => MonthStyle::Mixed,
                    _ => MonthStyle::Reuters,
                };
                let separator = (r[1] != "none").then_some(r[1]);
                let capital_place = r.get(3).map_or(true, |c| *c != "any");
                (
                    r[0].to_uppercase(),
                    Agency {
                        separator,
                        months,
                        capital_place,
                    },
                )
            })
            .collect();
        let mut regions: HashSet<String> = rows(REGIONS).map(|r| r[0].to_uppercase()).collect();
        for s in &states {
            regions.insert(s.name.to_uppercase());
            regions.extend(
                s.abbreviation
                    .iter()
                    .chain(&s.others)
                    .map(|a| a.to_uppercase()),
            );
        }
        let standalone: HashMap<String, String> = rows(STANDALONE)
            .filter(|r| r.len() >= 2)
            .map(|r| (r[0].to_uppercase(), r[1].to_uppercase()))
            .collect();
        let mut cities: HashSet<String> = rows(CITIES).map(|r| r[0].to_uppercase()).collect();
        cities.extend(standalone.keys().cloned());
        Places {
            agencies,
            states,
            regions,
            standalone,
            cities,
        }
    })
}

impl Places {
    pub fn agency(&self, tag: &str) -> Option<&Agency> {
        self.agencies.get(&tag.trim().to_uppercase())
    }

    /// A country, territory, province or US state (name or dateline abbreviation).
    pub fn is_region(&self, name: &str) -> bool {
        self.regions.contains(&normalize(name))
    }

    pub fn is_known_city(&self, name: &str) -> bool {
        let key = normalize(name);
        self.cities.contains(&key) || key.split('/').all(|c| self.cities.contains(c))
    }

    /// The home region of an AP stand-alone city.
    pub fn standalone_home(&self, city: &str) -> Option<&str> {
        self.standalone.get(&normalize(city)).map(String::as_str)
    }

    /// The US state a region names, by full name, dateline abbreviation or postal code.
    pub fn us_state(&self, region: &str) -> Option<&UsState> {
        let r = region.trim();
        let bare = r.trim_end_matches('.');
        self.states.iter().find(|s| {
            s.name.eq_ignore_ascii_case(r)
                || s.abbreviation.is_some_and(|a| {
                    a.eq_ignore_ascii_case(r) || a.trim_end_matches('.').eq_ignore_ascii_case(bare)
                })
                || (r.len() == 2 && s.postal == r)
                || s.others.iter().any(|o| o.eq_ignore_ascii_case(r))
        })
    }
}

/// Upper case, with `’` as `'` and runs of spaces as one.
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .map(|c| if c == '’' { '\'' } else { c })
                .flat_map(char::to_uppercase),
        );
    }
    out
}
