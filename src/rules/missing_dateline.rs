use super::{Finding, Fix, Edit, Rule, RuleContext, RuleMeta, Severity};
use crate::analysis::paragraph::Paragraph;
use crate::analysis::span::Span;
use crate::analysis::tokens::TokenKind;
use crate::config::DatelinePolicy;

crate::declare_rule! {
    /// ## What it does
    /// Flags a story whose first paragraph has no dateline.
    ///
    /// ## Why it matters
    /// A dateline tells the reader where the reporting was done. Wire and spot-news copy carries one;
    /// features, explainers and round-ups often do not, so this is a hint unless the draft has a
    /// byline (a bylined story from the field should say where) or the configuration requires one.
    ///
    /// ## Example
    /// ```text
    /// The Russian authorities will now consider each request separately, Lavrov said.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// MOSCOW (AP) — The Russian authorities will now consider each request separately, Lavrov said.
    /// ```
    pub struct MissingDateline {
        code: "missing-dateline",
        summary: "The story has no dateline",
        severity: Hint,
    }
}

impl Rule for MissingDateline {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        if a.dateline.is_some() || cx.config.dateline == DatelinePolicy::Off {
            return;
        }
        let Some(first) = a.paragraphs.first() else { return };
        if !reads_as_a_lead(&a.scan_text, first) || looks_like_unread_dateline(&a.scan_text, first) {
            return;
        }
        let severity = if cx.config.dateline == DatelinePolicy::Required || a.byline().is_some() {
            Severity::Warning
        } else {
            Self::META.default_severity
        };
        let at = Span::empty_at(first.span.start as usize);
        out.push(Finding {
            code: Self::META.code,
            severity,
            span: Span::new(first.span.start as usize, first_word_end(&a.text, first.span)),
            message: "No dateline: say where the story was reported (e.g. `MOSCOW (AP) — `)".into(),
            fixes: vec![Fix {
                title: "Insert a dateline template".into(),
                edits: vec![Edit { span: at, replacement: "CITY (AP) — ".into() }],
                preferred: true,
            }],
            related: Vec::new(),
        });
    }
}

/// Whether the first paragraph is prose that a dateline would stand before: enough words, most
/// of them not numbers. Tables, price lists and one-line notices carry no dateline.
fn reads_as_a_lead(text: &str, first: &Paragraph) -> bool {
    let mut words = 0;
    let mut lower_words = 0;
    let mut numbers = 0;
    for tok in first.tokens().take(60) {
        match tok.kind {
            TokenKind::Word => {
                words += 1;
                if tok.text(text).starts_with(char::is_lowercase) {
                    lower_words += 1;
                }
            }
            TokenKind::Number => numbers += 1,
            _ => {}
        }
    }
    let _ = (lower_words, numbers);
    words >= 3
}

/// A first line that starts the way a dateline or a label does (a few words, mostly capitalised,
/// then a spaced dash within a dozen tokens) but that the dateline reader could not make sense of
/// (`BELGRADE, March 2O -`, `Fob Gulf edible oils -`): the draft has a garbled dateline or is a
/// listing, so asking for a dateline would be wrong.
fn looks_like_unread_dateline(text: &str, first: &Paragraph) -> bool {
    let mut lowercase_words = 0;
    for (i, tok) in first.tokens().take(12).enumerate() {
        let t = tok.text(text);
        if i > 0 && text[..tok.span.start as usize].ends_with('\n') {
            return false;
        }
        match tok.kind {
            TokenKind::Punct if matches!(t, "-" | "—" | "–") => {
                let spaced = text[tok.span.end as usize..].starts_with([' ', '-', '\n']);
                // A leading dash is a listing (`-- House committee meets`), not a lead.
                return i == 0 || spaced;
            }
            TokenKind::Word if t.starts_with(char::is_lowercase) && crate::analysis::dateline::month_number(t).is_none() => {
                lowercase_words += 1;
                if lowercase_words > 5 {
                    return false;
                }
            }
            _ => {}
        }
    }
    false
}

/// End of the first word of the paragraph: a short span to underline.
fn first_word_end(text: &str, paragraph: Span) -> usize {
    let s = paragraph.text(text);
    let n = s.find(char::is_whitespace).unwrap_or(s.len());
    paragraph.start as usize + n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::rules::test_support::{run, run_with};

    #[test]
    fn fires_on_a_story_without_dateline() {
        let found = run(&MissingDateline, "The minister said on Friday that talks would resume.\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "The");
    }

    #[test]
    fn quiet_when_policy_is_off() {
        let config = Config { dateline: DatelinePolicy::Off, ..Config::default() };
        assert!(run_with(&MissingDateline, "Talks resumed.\n", &config).is_empty());
    }
}
