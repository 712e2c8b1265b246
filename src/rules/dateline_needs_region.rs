use super::{Finding, Fix, Rule, RuleContext, RuleMeta};
use crate::analysis::span::Span;
use crate::config::StyleProfile;
use crate::knowledge::{self, dateline as dl, regions::ap_dateline_region};

/// How many candidate regions the message names for an ambiguous city.
const CANDIDATES_NAMED: usize = 3;

crate::declare_rule! {
    /// ## What it does
    /// In AP style, flags a dateline city written without its state or country (`KAZAN —`), unless
    /// it is one of AP's stand-alone cities (`MOSCOW —`, `CHICAGO —`, listed in
    /// `data/datelines/standalone-cities.tsv`). When the gazetteer knows which city is meant, the
    /// quick fix adds the region: the state's AP abbreviation for a US city, the province or nation
    /// for Canada and Britain, else the country. For a name shared by several cities
    /// (`SPRINGFIELD`), the message names the candidates' regions and leaves the choice to you.
    ///
    /// Applies with `profile = "ap"` in `copydesk.toml`, or with no profile to datelines written
    /// in an AP form (an `(AP)` tag, or a newspaper dateline ending in an em dash).
    ///
    /// ## Why it matters
    /// A reader cannot be expected to know where a smaller city is, and many names belong to
    /// several places. AP names the state or country after every city but the few that stand alone.
    ///
    /// ## Example
    /// ```text
    /// KAZAN (AP) — Talks on grain exports resumed on Friday.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// KAZAN, Russia (AP) — Talks on grain exports resumed on Friday.
    /// ```
    pub struct DatelineNeedsRegion {
        code: "dateline-needs-region",
        summary: "The dateline city needs its state or country (AP style)",
        severity: Warning,
    }
}

impl Rule for DatelineNeedsRegion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let text: &str = &cx.analysis.text;
        let Some(d) = &cx.analysis.dateline else {
            return;
        };
        if d.region.is_some()
            || d.city.contains('/')
            || dl::is_reporting_from(text, d)
            || dl::profile_for(cx.config, text, d) != StyleProfile::Ap
            || knowledge::standalone_home(&d.city).is_some()
        {
            return;
        }
        let cities = knowledge::cities_named(&d.city);
        if cities.is_empty() {
            // Not a city copydesk knows (`UNITED NATIONS`, `ABOARD AIR FORCE ONE`, a typo):
            // `unknown-dateline-city` speaks of those.
            return;
        }
        let city = d.city.as_str();
        let (message, fixes) = match knowledge::most_likely(&cities) {
            Some(c) => {
                let region = ap_dateline_region(c);
                let what = if c.country_code == "US" { "state" } else if c.region.is_some() { "region" } else { "country" };
                (
                    format!("AP datelines name the {what} after `{city}`: `{city}, {region}`"),
                    vec![Fix::replace(format!("Add `, {region}`"), Span::empty_at(d.city_span.end as usize), format!(", {region}"))],
                )
            }
            None => {
                let mut named: Vec<String> = Vec::new();
                for c in &cities {
                    let r = ap_dateline_region(c);
                    if !named.contains(&r) {
                        named.push(r);
                    }
                }
                let more = if named.len() > CANDIDATES_NAMED { ", ..." } else { "" };
                named.truncate(CANDIDATES_NAMED);
                (
                    format!(
                        "AP datelines name the state or country after `{city}`, and {} places have that name ({}{more})",
                        cities.len(),
                        named.join(", ")
                    ),
                    Vec::new(),
                )
            }
        };
        out.push(Finding {
            code: Self::META.code,
            severity: Self::META.default_severity,
            span: d.city_span,
            message: message.into(),
            fixes,
            related: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_toml;
    use crate::rules::test_support::{apply_first_fixes, run, run_with};

    const FLAGS: &str = include_str!("../../tests/fixtures/knowledge/needs-region-flags.txt");
    const FIXED: &str = include_str!("../../tests/fixtures/knowledge/needs-region-flags.fixed.txt");

    #[test]
    fn a_city_that_does_not_stand_alone_gets_its_country() {
        let found = run(&DatelineNeedsRegion, FLAGS);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "KAZAN");
        assert!(found[0].1.contains("KAZAN, Russia"), "{}", found[0].1);
        assert_eq!(apply_first_fixes(&DatelineNeedsRegion, FLAGS), FIXED);
        assert!(run(&DatelineNeedsRegion, FIXED).is_empty());
    }

    #[test]
    fn us_cities_get_their_state_in_ap_abbreviation() {
        let draft = "SACRAMENTO (AP) — Lawmakers passed the budget late on Friday.";
        assert_eq!(
            apply_first_fixes(&DatelineNeedsRegion, draft),
            "SACRAMENTO, Calif. (AP) — Lawmakers passed the budget late on Friday."
        );
        let draft = "BOISE — The river crested overnight.";
        assert!(apply_first_fixes(&DatelineNeedsRegion, draft).starts_with("BOISE, Idaho —"));
    }

    #[test]
    fn an_ambiguous_city_is_flagged_without_a_guess() {
        let draft = "SPRINGFIELD (AP) — The governor signed the bill on Monday.";
        let found = run(&DatelineNeedsRegion, draft);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("Ill.") && found[0].1.contains("Mass."), "{}", found[0].1);
        assert_eq!(apply_first_fixes(&DatelineNeedsRegion, draft), draft);
    }

    #[test]
    fn must_not_flag() {
        for draft in include_str!("../../tests/fixtures/knowledge/needs-region-quiet.txt").split("\n\n") {
            assert!(run(&DatelineNeedsRegion, draft).is_empty(), "{draft}");
        }
    }

    #[test]
    fn the_profile_decides() {
        let wire = "KAZAN, Jan 5 (Reuters) - Talks on grain exports resumed on Friday.";
        assert!(run(&DatelineNeedsRegion, wire).is_empty());
        let ap = parse_toml("[style]\nprofile = \"ap\"\n").unwrap();
        assert_eq!(run_with(&DatelineNeedsRegion, wire, &ap).len(), 1);
        let reuters = parse_toml("[style]\nprofile = \"reuters\"\n").unwrap();
        assert!(run_with(&DatelineNeedsRegion, FLAGS, &reuters).is_empty());
    }
}
