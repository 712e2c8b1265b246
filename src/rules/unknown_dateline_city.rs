use super::{Finding, Rule, RuleContext, RuleMeta};
use crate::knowledge::dateline as dl;

crate::declare_rule! {
    /// ## What it does
    /// A hint on a dateline place copydesk does not know: not a city of its gazetteer (GeoNames
    /// cities of 15,000 people or more, with their other names: `PEKING`, `KIEV`), not in the
    /// newsroom's `[[places]]`, and not a country, region or spot that datelines name (`UNITED
    /// NATIONS`, `ABOARD AIR FORCE ONE`).
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
        for (place, span) in dl::places_of(text, d) {
            if !place.chars().any(char::is_alphabetic) || dl::is_known_place(cx.config, place) {
                continue;
            }
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span,
                message: format!(
                    "`{place}` is not a place copydesk knows: check the spelling, or add it to `[[places]]` in copydesk.toml"
                ),
                fixes: Vec::new(),
                related: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_toml;
    use crate::rules::test_support::{run, run_with};

    #[test]
    fn flags_a_place_nobody_knows() {
        let draft = include_str!("../../tests/fixtures/knowledge/unknown-city.txt");
        let found = run(&UnknownDatelineCity, draft);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "KAZSN");
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
    fn must_not_flag() {
        let quiet = include_str!("../../tests/fixtures/knowledge/known-places.txt");
        for draft in quiet.split("\n\n") {
            assert!(run(&UnknownDatelineCity, draft).is_empty(), "{draft}");
        }
    }
}
