use super::{Edit, Finding, Fix, Rule, RuleContext, RuleMeta};
use crate::analysis::quotes::QuoteIssueKind;
use crate::analysis::span::Span;

crate::declare_rule! {
    /// ## What it does
    /// Flags a quotation mark that opens and never closes, or closes with no opening mark. A quote
    /// that runs on over several paragraphs is fine: by wire convention each paragraph opens with a
    /// mark and only the last one closes.
    ///
    /// ## Why it matters
    /// A missing mark makes the reader unsure where the speaker's words end and the reporter's begin,
    /// which is exactly what quotation marks are for.
    ///
    /// ## Example
    /// ```text
    /// "We will rebuild, Smith said. The money is there.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "We will rebuild," Smith said. "The money is there."
    /// ```
    pub struct UnbalancedQuote {
        code: "unbalanced-quote",
        summary: "A quotation mark is never closed, or closes nothing",
        severity: Warning,
    }
}

impl Rule for UnbalancedQuote {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        for issue in &a.quote_issues {
            let (message, fixes) = match issue.kind {
                QuoteIssueKind::Unclosed => {
                    let close = closing_mark(issue.span.text(&a.text));
                    let end = a
                        .paragraph_at(issue.span.start)
                        .map_or(issue.span.end, |p| a.paragraphs[p].span.end);
                    (
                        "This quotation mark is never closed".to_string(),
                        vec![Fix {
                            title: format!("Close the quote at the end of the paragraph with {close}"),
                            edits: vec![Edit { span: Span::empty_at(end as usize), replacement: close.into() }],
                            preferred: true,
                        }],
                    )
                }
                QuoteIssueKind::StrayClose => (
                    "This closing quotation mark has no opening mark".to_string(),
                    vec![Fix {
                        title: "Remove the stray quotation mark".into(),
                        edits: vec![Edit { span: issue.span, replacement: String::new() }],
                        preferred: false,
                    }],
                ),
            };
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: issue.span,
                message,
                fixes,
                related: Vec::new(),
            });
        }
    }
}

/// The closing mark that matches an opening one.
fn closing_mark(open: &str) -> &'static str {
    match open {
        "“" => "”",
        "‘" => "’",
        "«" => "»",
        "‹" => "›",
        "„" => "“",
        "‚" => "‘",
        "'" => "'",
        _ => "\"",
    }
}
