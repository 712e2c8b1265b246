use super::{Finding, Rule, RuleContext, RuleMeta};
use crate::analysis::sources::SourceCounts;
use crate::analysis::span::Span;

crate::declare_rule! {
    /// ## What it does
    /// Compares the draft's named sources with the newsroom's goal in `copydesk.toml`
    /// (`[sources] goal = { women = 0.5, named = 3 }`): a share of named sources who are women,
    /// a fewest number of named sources, or both. A draft below the goal gets one finding at its
    /// top. Off unless a goal is set.
    ///
    /// Gender counts only where the draft or the newsroom's people list shows it (see the source
    /// inventory): a source of unknown gender counts as a named source but not as a woman.
    ///
    /// ## Why it matters
    /// Newsrooms that count their sources (the BBC's 50:50 Project, NPR's source audits) find the
    /// balance moves when reporters see it while writing, not in a report months later.
    ///
    /// ## Example
    /// ```text
    /// "We will appeal," said Tom Hale. "The ruling is wrong," said Mr. Ortiz.
    /// ```
    /// with `goal = { women = 0.5 }`: 0 of 2 named sources are women.
    ///
    /// ## Use instead
    /// Seek out the voices the story is missing; the goal is the newsroom's, the finding only an
    /// `info`.
    pub struct SourceGoal {
        code: "source-goal",
        summary: "The draft's named sources fall short of the newsroom's goal",
        severity: Info,
    }
}

impl Rule for SourceGoal {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let goal = &cx.config.sources;
        if goal.goal_women.is_none() && goal.goal_named.is_none() {
            return;
        }
        let a = cx.analysis;
        let c = SourceCounts::of(&cx.config.inventory(a));
        let mut short = Vec::new();
        if let Some(named) = goal.goal_named.filter(|&n| c.named < n) {
            short.push(format!("{} named source{} (the goal is at least {named})", c.named, if c.named == 1 { "" } else { "s" }));
        }
        if let Some(share) = goal.goal_women.filter(|&s| c.named > 0 && f64::from(c.women) < s * f64::from(c.named)) {
            let unknown = if c.unknown > 0 { format!(", {} of unknown gender", c.unknown) } else { String::new() };
            short.push(format!(
                "{} of {} named sources {} ({:.0}%{unknown}; the goal is {:.0}%)",
                c.women,
                c.named,
                if c.women == 1 { "is a woman" } else { "are women" },
                100.0 * f64::from(c.women) / f64::from(c.named),
                100.0 * share
            ));
        }
        if short.is_empty() {
            return;
        }
        // The top of the draft: its headline, else its first line.
        let span = a.headline().unwrap_or_else(|| {
            let end = a.text.find('\n').unwrap_or(a.text.len());
            Span::new(0, end)
        });
        out.push(Finding {
            code: Self::META.code,
            severity: Self::META.default_severity,
            span,
            message: format!("Below the newsroom's source goal: {}", short.join("; ")).into(),
            fixes: Vec::new(),
            related: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_toml;
    use crate::rules::test_support::run_with;

    const DRAFT: &str = "Ruling appealed\n\n\"We will appeal,\" said Tom Hale. He was calm.\n\n\"The ruling is wrong,\" said Mr. Ortiz.\n\n\"It stands,\" said Ana Weiss. She left early.\n";

    #[test]
    fn off_unless_a_goal_is_set() {
        assert!(run_with(&SourceGoal, DRAFT, &Default::default()).is_empty());
    }

    #[test]
    fn a_draft_below_the_share_of_women_gets_one_finding_at_its_top() {
        let config = parse_toml("[sources]\ngoal = { women = 0.5 }\n").unwrap();
        let found = run_with(&SourceGoal, DRAFT, &config);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Ruling appealed");
        assert_eq!(found[0].1, "Below the newsroom's source goal: 1 of 3 named sources is a woman (33%; the goal is 50%)");
        let config = parse_toml("[sources]\ngoal = { women = 0.3 }\n").unwrap();
        assert!(run_with(&SourceGoal, DRAFT, &config).is_empty());
    }

    #[test]
    fn too_few_named_sources() {
        let config = parse_toml("[sources]\ngoal = { named = 4 }\n").unwrap();
        let found = run_with(&SourceGoal, DRAFT, &config);
        assert_eq!(found[0].1, "Below the newsroom's source goal: 3 named sources (the goal is at least 4)");
        let config = parse_toml("[sources]\ngoal = { named = 3 }\n").unwrap();
        assert!(run_with(&SourceGoal, DRAFT, &config).is_empty());
    }
}
