use super::quote_differs_from_notes::notes_matches;
use super::{Finding, Rule, RuleContext, RuleMeta};
use crate::analysis::notes::NotesMatch;

crate::declare_rule! {
    /// ## What it does
    /// With notes configured (`[quotes] sources` in `copydesk.toml`), flags a direct quote of four
    /// words or more that appears nowhere in the notes, not even in a close form. Nothing is
    /// flagged when no sources are configured.
    ///
    /// ## Why it matters
    /// A quote the notes do not hold may come from another outlet, a press release or memory; the
    /// desk should know where it came from before the story runs.
    ///
    /// ## Example
    /// ```text
    /// "The fishermen will be paid in full by May," Okafor said.   (no such words in the notes)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Add the interview to the notes, or attribute the quote to where it came from:
    /// "The fishermen will be paid in full by May," Okafor told the Harbour Gazette.
    /// ```
    pub struct QuoteNotInNotes {
        code: "quote-not-in-notes",
        summary: "A quote is not in the reporter's notes",
        severity: Hint,
    }
}

impl Rule for QuoteNotInNotes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        for (q, m) in notes_matches(cx.analysis, cx) {
            if m != NotesMatch::NotFound {
                continue;
            }
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: q.span,
                message: "This quote is not in the notes: where does it come from?".into(),
                fixes: Vec::new(),
                related: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::quote_differs_from_notes::tests::config_with_notes;
    use crate::rules::test_support::{run, run_with};

    const DRAFT: &str = include_str!("../../tests/fixtures/notes/draft.txt");

    #[test]
    fn flags_only_the_quote_the_notes_lack() {
        let found = run_with(&QuoteNotInNotes, DRAFT, &config_with_notes());
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["\"The fishermen will be paid in full by the end of May,\""]);
    }

    #[test]
    fn silent_when_no_sources_are_configured() {
        assert!(run(&QuoteNotInNotes, DRAFT).is_empty());
    }
}
