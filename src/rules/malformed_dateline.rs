use super::{Finding, Fix, Rule, RuleContext, RuleMeta};
use crate::config::StyleProfile;
use crate::knowledge::{dateline as dl, us_state};

crate::declare_rule! {
    /// ## What it does
    /// Flags a dateline whose form breaks wire style: a city not in capitals, a month abbreviation
    /// the style does not use (`Sept 5` in AP style, `June.`), or a missing dash after the agency.
    ///
    /// ## Why it matters
    /// Datelines are read by people and by the feeds that parse them. A malformed one looks
    /// careless and may not be recognised downstream.
    ///
    /// ## Example
    /// ```text
    /// Moscow, Sept 5 (AP) The talks resumed.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// MOSCOW, Sept. 5 (AP) — The talks resumed.
    /// ```
    pub struct MalformedDateline {
        code: "malformed-dateline",
        summary: "The dateline does not follow wire style",
        severity: Warning,
    }
}

impl Rule for MalformedDateline {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let Some(dateline) = &cx.analysis.dateline else {
            return;
        };
        // With a house profile, how a US state is written is `dateline-state-style`'s to say (the
        // core assumes AP's form for AP-shaped datelines, which a Reuters house does not want).
        let state_span = (cx.config.style != StyleProfile::None)
            .then(|| dl::region_span(&cx.analysis.text, dateline))
            .flatten()
            .filter(|s| us_state(s.text(&cx.analysis.text)).is_some());
        for problem in dateline.problems.iter().filter(|p| Some(p.span) != state_span) {
            let fixes = problem
                .replacement
                .iter()
                .map(|r| Fix::replace(format!("Change to `{r}`"), problem.span, r.clone()))
                .collect();
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: problem.span,
                message: problem.message.as_str().into(),
                fixes,
                related: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, layout::Format};
    use crate::rules::Edit;
    use crate::config::Config;

    fn findings(text: &str, format: Format) -> Vec<Finding> {
        let analysis = analyze(text, format);
        let config = Config::default();
        let cx = RuleContext {
            analysis: &analysis,
            config: &config,
            memo: &Default::default(),
        };
        let mut out = Vec::new();
        MalformedDateline.check(&cx, &mut out);
        out
    }

    /// The draft with every finding's preferred fix applied.
    fn fixed(text: &str, format: Format) -> String {
        let mut edits: Vec<Edit> = findings(text, format)
            .into_iter()
            .flat_map(|f| {
                f.fixes
                    .into_iter()
                    .filter(|x| x.preferred)
                    .flat_map(|x| x.edits)
            })
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut out = text.to_string();
        for e in edits {
            out.replace_range(e.span.range(), &e.replacement);
        }
        out
    }

    const AP_MALFORMED: &str = include_str!("../../tests/fixtures/dateline/ap-malformed.txt");

    #[test]
    fn flags_place_case_month_and_missing_dash() {
        let found: Vec<(String, String)> = findings(AP_MALFORMED, Format::Plain)
            .into_iter()
            .map(|f| (f.span.text(AP_MALFORMED).to_string(), f.message.to_string()))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].0, "Moscow");
        // It says what the place should be, not (wrongly) what it is.
        assert_eq!(found[0].1, "The dateline's place should be written in capitals: `MOSCOW`");
        assert_eq!(found[1].0, "Sept");
        assert!(found[1].1.contains("Sept."));
        assert!(found[2].1.contains("dash"));
    }

    #[test]
    fn quick_fixes_produce_the_ap_form() {
        for (draft, want) in [
            (
                AP_MALFORMED,
                include_str!("../../tests/fixtures/dateline/ap-malformed.fixed.txt"),
            ),
            (
                include_str!("../../tests/fixtures/dateline/ap-states.txt"),
                include_str!("../../tests/fixtures/dateline/ap-states.fixed.txt"),
            ),
            (
                include_str!("../../tests/fixtures/dateline/ap-standalone.txt"),
                include_str!("../../tests/fixtures/dateline/ap-standalone.fixed.txt"),
            ),
        ] {
            assert_eq!(fixed(draft, Format::Plain), want);
            // Once fixed, nothing is left to flag.
            assert!(findings(want, Format::Plain).is_empty(), "{want}");
        }
    }

    #[test]
    fn correct_datelines_of_other_forms_are_not_flagged() {
        for draft in [
            include_str!("../../tests/fixtures/dateline/reuters-correct.txt"),
            include_str!("../../tests/fixtures/dateline/legacy-wire-correct.txt"),
            include_str!("../../tests/fixtures/dateline/tass-scraped.txt"),
        ] {
            assert!(analyze(draft, Format::Plain).dateline.is_some(), "{draft}");
            assert!(findings(draft, Format::Plain).is_empty(), "{draft}");
        }
        let md = include_str!("../../tests/fixtures/dateline/markdown-emphasis.md");
        assert_eq!(
            analyze(md, Format::Markdown).dateline.map(|d| d.city),
            Some("BANGOR".to_string())
        );
        assert!(findings(md, Format::Markdown).is_empty());
    }

    #[test]
    fn a_house_profile_leaves_states_to_dateline_state_style() {
        let draft = "TAMPA, Florida (AP) — The storm turned north.";
        assert_eq!(findings(draft, Format::Plain).len(), 1);
        let analysis = analyze(draft, Format::Plain);
        let config = crate::config::parse_toml("[style]\nprofile = \"reuters\"\n").unwrap();
        let mut out = Vec::new();
        MalformedDateline.check(&RuleContext { analysis: &analysis, config: &config, memo: &Default::default() }, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn ap_month_forms_get_their_canonical_replacement() {
        for (written, want) in [
            ("Sept 5", "Sept. 5"),
            ("Sep. 5", "Sept. 5"),
            ("June. 5", "June 5"),
            ("Mar. 5", "March 5"),
        ] {
            let draft = format!("TAMPA, Fla., {written} (AP) — The storm turned north.");
            assert_eq!(
                fixed(&draft, Format::Plain),
                format!("TAMPA, Fla., {want} (AP) — The storm turned north.")
            );
        }
    }
}
