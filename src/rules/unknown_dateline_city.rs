use super::{Finding, Fix, Rule, RuleContext, RuleMeta};
use crate::knowledge::{self, dateline as dl};

crate::declare_rule! {
    /// ## What it does
    /// A hint on a dateline place copydesk does not know: not a city of its gazetteer (GeoNames
    /// cities of 15,000 people or more, with their other names: `PEKING`, `KIEV`), not in the
    /// newsroom's `[[places]]`, and not a country, region or spot that datelines name
    /// (`UNITED NATIONS`, `ABOARD AIR FORCE ONE`). When a known city is one typing slip away (in the
    /// dateline's state or country, if it names one), the quick fix writes it. A place the dateline
    /// puts in its state or country with no such near miss (`OAK BROOK, Ill.`) is taken as a small
    /// place and left alone.
    ///
    /// ## Why it matters
    /// A misspelt dateline (`KAZSN`) is the first word of the story and goes out on every feed.
    /// The place may also be right and simply small: add it to `[[places]]` in `copydesk.toml`
    /// and the hint goes away.
    ///
    /// ## Example
    /// ```text
    /// KAZSN, Russia (AP) — Talks on grain exports resumed on Friday.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// KAZAN, Russia (AP) — Talks on grain exports resumed on Friday.
    /// ```
    pub struct UnknownDatelineCity {
        code: "unknown-dateline-city",
        summary: "The dateline names a place copydesk does not know",
        severity: Hint,
    }
}

impl Rule for UnknownDatelineCity {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let text: &str = &cx.analysis.text;
        let Some(d) = &cx.analysis.dateline else {
            return;
        };
        let region = d.region.as_deref().and_then(|r| r.split(", ").next());
        for (place, span) in dl::places_of(text, d) {
            if !place.chars().any(char::is_alphabetic) || dl::is_known_place(cx.config, place) {
                continue;
            }
            let meant = knowledge::near_misses(place)
                .into_iter()
                .find(|c| region.is_none_or(|r| dl::in_region(c, r)));
            let (message, fixes) = match meant {
                Some(city) => {
                    let name = if place.chars().any(char::is_lowercase) { city.name.to_string() } else { city.name.to_uppercase() };
                    (
                        format!("`{place}` is not a place copydesk knows: `{name}` ({}) is", city.country),
                        vec![Fix::replace(format!("Change to `{name}`"), span, name)],
                    )
                }
                // A small place the reporter has put in its state or country: nothing to say.
                None if region.is_some() => continue,
                None => (
                    format!("`{place}` is not a place copydesk knows: check the spelling, or add it to `[[places]]` in copydesk.toml"),
                    Vec::new(),
                ),
            };
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span,
                message: message.into(),
                fixes,
                related: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_toml;
    use crate::rules::test_support::{apply_first_fixes, run, run_with};

    #[test]
    fn flags_a_place_nobody_knows() {
        let draft = include_str!("../../tests/fixtures/knowledge/unknown-city.txt");
        let found = run(&UnknownDatelineCity, draft);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "KAZSN");
        assert!(found[0].1.contains("`KAZAN` (Russia)"), "{}", found[0].1);
        assert!(apply_first_fixes(&UnknownDatelineCity, draft).contains("KAZAN, Russia (AP) —"));
        // The newsroom can vouch for it.
        let config = parse_toml("[[places]]\nname = \"Kazsn\"\n").unwrap();
        assert!(run_with(&UnknownDatelineCity, draft, &config).is_empty());
    }

    #[test]
    fn each_city_of_a_joint_dateline_is_checked() {
        let found = run(&UnknownDatelineCity, "KYIV/KHARKIVV, March 2 (Reuters) - Sirens sounded overnight.");
        assert_eq!(found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["KHARKIVV"]);
    }

    #[test]
    fn an_unknown_place_without_a_near_miss() {
        let found = run(&UnknownDatelineCity, "XQZZYVILLE, Jan 5 (Reuters) - The mill closed on Friday.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("[[places]]"));
        // Put in its state, a small place is the reporter's word.
        assert!(run(&UnknownDatelineCity, "XQZZYVILLE, Ohio, Jan 5 (Reuters) - The mill closed on Friday.").is_empty());
    }

    #[test]
    fn must_not_flag() {
        let quiet = include_str!("../../tests/fixtures/knowledge/known-places.txt");
        for draft in quiet.split("\n\n") {
            assert!(run(&UnknownDatelineCity, draft).is_empty(), "{draft}");
        }
    }
}
