use super::{Finding, Fix, Rule, RuleContext, RuleMeta};
use crate::config::StyleProfile;
use crate::knowledge::{dateline as dl, us_state};

crate::declare_rule! {
    /// ## What it does
    /// Flags a US state after a dateline city written in another form than the house style's,
    /// with a quick fix:
    /// - `profile = "ap"`: AP's dateline abbreviations (`Calif.`, `Ill.`, `N.Y.`), and the eight
    ///   states AP never abbreviates spelt out (`Texas`, `Ohio`), never postal codes (`CA`);
    /// - `profile = "reuters"` or `"tass"`: the state's full name (`SAN JOSE, California`), as
    ///   these agencies write their datelines without AP's abbreviations.
    ///
    /// The table of states and abbreviations is `data/datelines/us-states.tsv`. With no profile,
    /// AP-form datelines are checked by `malformed-dateline` instead, and other forms are left
    /// alone.
    ///
    /// ## Why it matters
    /// One house writes one form. Mixed forms (`Calif.`, `CA`, `California`) across a wire look
    /// careless and defeat feeds that group stories by place.
    ///
    /// ## Example
    /// ```text
    /// # copydesk.toml: [style] profile = "ap"
    /// SAN JOSE, CA (AP) — The company said sales rose.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// SAN JOSE, Calif. (AP) — The company said sales rose.
    /// ```
    pub struct DatelineStateStyle {
        code: "dateline-state-style",
        summary: "The dateline's US state is not written in the house style",
        severity: Warning,
    }
}

impl Rule for DatelineStateStyle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let text: &str = &cx.analysis.text;
        let Some(d) = &cx.analysis.dateline else {
            return;
        };
        if dl::is_reporting_from(text, d) {
            return;
        }
        let Some(span) = dl::region_span(text, d) else {
            return;
        };
        let Some(finding) = state_problem(cx.config.style, span.text(text)) else {
            return;
        };
        let (message, want) = finding;
        out.push(Finding {
            code: Self::META.code,
            severity: Self::META.default_severity,
            span,
            message: message.into(),
            fixes: vec![Fix::replace(format!("Change to `{want}`"), span, want)],
            related: Vec::new(),
        });
    }
}

/// The message and the wanted form when `written` names a US state in another form than the
/// profile's.
fn state_problem(profile: StyleProfile, written: &str) -> Option<(String, String)> {
    let state = us_state(written)?;
    let (want, style) = match profile {
        StyleProfile::None => return None,
        // `Georgia` is also a country, so a dateline writing it out may mean either.
        StyleProfile::Ap if written == state.name && state.name == "Georgia" => return None,
        StyleProfile::Ap => (state.ap_form(), "AP datelines abbreviate this state"),
        // `WASHINGTON, D.C.`: the District keeps its initials in every style.
        StyleProfile::Reuters | StyleProfile::Tass if state.postal == "DC" => return None,
        StyleProfile::Reuters => (state.name, "Reuters datelines spell out the state"),
        StyleProfile::Tass => (state.name, "TASS datelines spell out the state"),
    };
    let style = if state.abbreviation.is_none() && profile == StyleProfile::Ap {
        "AP datelines spell out this state"
    } else {
        style
    };
    (written != want).then(|| (format!("{style}: `{want}`"), want.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_toml;
    use crate::rules::test_support::run_with;

    fn profile(name: &str) -> crate::config::Config {
        parse_toml(&format!("[style]\nprofile = \"{name}\"\n")).unwrap()
    }

    /// The draft with the first fix of each finding applied, under a profile.
    fn fixed(text: &str, config: &crate::config::Config) -> String {
        use crate::analysis::{analyze, layout::Format};
        use crate::rules::RuleContext;
        let analysis = analyze(text, Format::Plain);
        let mut out = Vec::new();
        DatelineStateStyle.check(&RuleContext { analysis: &analysis, config, memo: &Default::default() }, &mut out);
        let mut s = text.to_string();
        for f in out.iter().rev() {
            let e = &f.fixes[0].edits[0];
            s.replace_range(e.span.range(), &e.replacement);
        }
        s
    }

    const DRAFTS: &str = include_str!("../../tests/fixtures/knowledge/state-styles.txt");

    #[test]
    fn ap_wants_its_abbreviations() {
        let ap = profile("ap");
        let want = include_str!("../../tests/fixtures/knowledge/state-styles.ap.txt");
        let got: Vec<String> = DRAFTS.split("\n\n").map(|d| fixed(d, &ap)).collect();
        assert_eq!(got.join("\n\n"), want);
        for d in want.split("\n\n") {
            assert!(run_with(&DatelineStateStyle, d, &ap).is_empty(), "{d}");
        }
    }

    #[test]
    fn reuters_and_tass_spell_states_out() {
        let want = include_str!("../../tests/fixtures/knowledge/state-styles.reuters.txt");
        for name in ["reuters", "tass"] {
            let config = profile(name);
            let got: Vec<String> = DRAFTS.split("\n\n").map(|d| fixed(d, &config)).collect();
            assert_eq!(got.join("\n\n"), want, "{name}");
            for d in want.split("\n\n") {
                assert!(run_with(&DatelineStateStyle, d, &config).is_empty(), "{d}");
            }
        }
    }

    #[test]
    fn without_a_profile_it_is_quiet() {
        for d in DRAFTS.split("\n\n") {
            assert!(run_with(&DatelineStateStyle, d, &crate::config::Config::default()).is_empty(), "{d}");
        }
    }

    #[test]
    fn countries_and_georgia_are_left_alone() {
        let ap = profile("ap");
        for d in [
            "TBILISI, Georgia (AP) — Protesters gathered outside parliament.",
            "KAZAN, Russia (AP) — Negotiators met again on Friday.",
            "WASHINGTON, D.C. — The Senate adjourned.",
        ] {
            assert!(run_with(&DatelineStateStyle, d, &ap).is_empty(), "{d}");
        }
        assert!(run_with(&DatelineStateStyle, "WASHINGTON, D.C. — The Senate adjourned.", &profile("reuters")).is_empty());
    }
}
