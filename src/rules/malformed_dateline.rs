use super::{Edit, Finding, Fix, Rule, RuleContext, RuleMeta};

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
        let Some(dateline) = &cx.analysis.dateline else { return };
        for problem in &dateline.problems {
            let fixes = problem
                .replacement
                .iter()
                .map(|r| Fix {
                    title: format!("Change to `{r}`"),
                    edits: vec![Edit { span: problem.span, replacement: r.clone() }],
                    preferred: true,
                })
                .collect();
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: problem.span,
                message: problem.message.clone(),
                fixes,
                related: Vec::new(),
            });
        }
    }
}
