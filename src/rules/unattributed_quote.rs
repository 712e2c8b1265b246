use super::{Edit, Finding, Fix, Rule, RuleContext, RuleMeta};
use crate::analysis::quotes::QuoteKind;
use crate::analysis::span::Span;

crate::declare_rule! {
    /// ## What it does
    /// Flags a direct quote that nobody said: no speaker in its sentence or paragraph, and not a
    /// continuation of the previous paragraph's quote.
    ///
    /// ## Why it matters
    /// Readers must know who is speaking. An unattributed quote is either a missing attribution or a
    /// quote the reporter cannot source, and both must be fixed before the story runs.
    ///
    /// ## Example
    /// ```text
    /// The council met on Tuesday.
    ///
    /// "We cannot afford another delay."
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "We cannot afford another delay," Mayor Jane Smith said.
    /// ```
    pub struct UnattributedQuote {
        code: "unattributed-quote",
        summary: "A direct quote has no speaker",
        severity: Warning,
    }
}

impl Rule for UnattributedQuote {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        for quote in &a.quotes {
            if quote.kind != QuoteKind::Direct || quote.parent.is_some() {
                continue;
            }
            let attributed = quote.attribution.is_some_and(|at| at.speaker.is_some());
            if attributed {
                continue;
            }
            // Insert `, SPEAKER said` before the closing comma/period inside the marks.
            let insert_at = quote.span.end as usize;
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: quote.span,
                message: "Who said this? The quote has no attribution".into(),
                fixes: vec![Fix {
                    title: "Add an attribution after the quote".into(),
                    edits: vec![Edit { span: Span::empty_at(insert_at), replacement: " SPEAKER said.".into() }],
                    preferred: true,
                }],
                related: Vec::new(),
            });
        }
    }
}
