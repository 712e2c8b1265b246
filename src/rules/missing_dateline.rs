use super::{Finding, Fix, Rule, RuleContext, RuleMeta, Severity};
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
        let Some(first) = a.paragraphs.first() else {
            return;
        };
        if !reads_as_a_lead(first) || looks_like_unread_dateline(&a.scan_text, first)
        {
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
            span: Span::new(
                first.span.start as usize,
                first_word_end(&a.text, first.span),
            ),
            message: "No dateline: say where the story was reported (e.g. `MOSCOW (AP) — `)".into(),
            fixes: vec![Fix::replace("Insert a dateline template", at, "CITY (AP) — ")],
            related: Vec::new(),
        });
    }
}

/// Whether the first paragraph is text that a dateline would stand before: any words, not
/// outnumbered by figures. A row of a price table carries no dateline.
fn reads_as_a_lead(first: &Paragraph) -> bool {
    let mut words = 0;
    let mut numbers = 0;
    for tok in first.tokens().take(60) {
        match tok.kind {
            TokenKind::Word => words += 1,
            TokenKind::Number => numbers += 1,
            _ => {}
        }
    }
    words >= 1 && numbers <= 2 * words
}

/// A first line that starts the way a dateline or a label does (a few words, mostly capitalised,
/// then a spaced dash within a dozen tokens) but that the dateline reader could not make sense of
/// (`BELGRADE, March 2O -`, `Fob Gulf edible oils -`): the draft has a garbled dateline or is a
/// listing, so asking for a dateline would be wrong.
fn looks_like_unread_dateline(text: &str, first: &Paragraph) -> bool {
    // A dateline the reader can read is not an unread one: if the analysis still has none, the
    // rule goes by the analysis.
    if crate::analysis::dateline::starts_with_dateline(first.span.text(text)).is_some() {
        return false;
    }
    let mut lowercase_words = 0;
    let tokens: Vec<_> = first.tokens().take(24).collect();
    let is_dash = |t: &str| matches!(t, "-" | "—" | "–");
    // `NATO — the alliance — said`: a pair of dashes around a lower-case aside is prose.
    let parenthetical = |i: usize| {
        tokens
            .get(i + 1)
            .is_some_and(|n| n.text(text).starts_with(char::is_lowercase))
            && tokens[i + 1..]
                .iter()
                .take(10)
                .any(|t| is_dash(t.text(text)))
    };
    for (i, tok) in tokens.iter().copied().take(12).enumerate() {
        let t = tok.text(text);
        if i > 0 && text[..tok.span.start as usize].ends_with('\n') {
            return false;
        }
        match tok.kind {
            TokenKind::Punct if matches!(t, "-" | "—" | "–") => {
                let spaced = text[tok.span.end as usize..].starts_with([' ', '-', '\n']);
                // A leading dash is a listing (`-- House committee meets`), not a lead.
                return i == 0 || (spaced && !parenthetical(i));
            }
            TokenKind::Word
                if t.starts_with(char::is_lowercase)
                    && crate::analysis::dateline::month_number(t).is_none() =>
            {
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
    use crate::analysis::{analyze, layout::Format};
    use crate::config::Config;
    use crate::rules::test_support::{run, run_with};

    fn severities(text: &str, format: Format, config: &Config) -> Vec<Severity> {
        let analysis = analyze(text, format);
        let cx = RuleContext {
            analysis: &analysis,
            config,
            memo: &Default::default(),
        };
        let mut out = Vec::new();
        MissingDateline.check(&cx, &mut out);
        out.into_iter().map(|f| f.severity).collect()
    }

    const BYLINED: &str = include_str!("../../tests/fixtures/dateline/bylined-no-dateline.txt");
    const FEATURE: &str = include_str!("../../tests/fixtures/dateline/feature-no-dateline.md");

    #[test]
    fn fires_on_a_story_without_dateline() {
        let found = run(
            &MissingDateline,
            "The minister said on Friday that talks would resume.\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "The");
    }

    #[test]
    fn hint_by_default_warning_with_a_byline_or_when_required() {
        let auto = Config::default();
        assert_eq!(
            severities(FEATURE, Format::Markdown, &auto),
            [Severity::Hint]
        );
        assert_eq!(
            severities(BYLINED, Format::Plain, &auto),
            [Severity::Warning]
        );
        let required = Config {
            dateline: DatelinePolicy::Required,
            ..Config::default()
        };
        assert_eq!(
            severities(FEATURE, Format::Markdown, &required),
            [Severity::Warning]
        );
    }

    #[test]
    fn quiet_when_policy_is_off() {
        let config = Config {
            dateline: DatelinePolicy::Off,
            ..Config::default()
        };
        assert!(run_with(&MissingDateline, "Talks resumed.\n", &config).is_empty());
        assert!(severities(BYLINED, Format::Plain, &config).is_empty());
    }

    #[test]
    fn quiet_when_a_dateline_is_there() {
        for draft in [
            include_str!("../../tests/fixtures/dateline/tass-scraped.txt"),
            include_str!("../../tests/fixtures/dateline/reuters-correct.txt"),
            include_str!("../../tests/fixtures/dateline/legacy-wire-correct.txt"),
            include_str!("../../tests/fixtures/dateline/ap-malformed.txt"),
        ] {
            assert!(run(&MissingDateline, draft).is_empty(), "{draft}");
        }
    }

    #[test]
    fn quiet_on_tables_and_garbled_datelines() {
        assert!(run(
            &MissingDateline,
            include_str!("../../tests/fixtures/dateline/price-table.txt")
        )
        .is_empty());
        assert!(run(
            &MissingDateline,
            "BELGRADE, March 2O - The government froze prices on Friday.\n"
        )
        .is_empty());
    }

    #[test]
    fn prose_that_only_looks_like_a_dateline_still_needs_one() {
        let found = run(
            &MissingDateline,
            include_str!("../../tests/fixtures/dateline/nato-prose.txt"),
        );
        assert_eq!(found.len(), 1);
        // The scraped story with its dateline line deleted.
        let seedless = include_str!("../../tests/fixtures/dateline/tass-scraped.txt")
            .replace("MINSK, May 2. /TASS/. ", "");
        let found = run(&MissingDateline, &seedless);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Farm");
    }

    #[test]
    fn quick_fix_inserts_a_template_before_the_first_paragraph() {
        let analysis = analyze(BYLINED, Format::Plain);
        let config = Config::default();
        let mut out = Vec::new();
        MissingDateline.check(
            &RuleContext {
                analysis: &analysis,
                config: &config,
                memo: &Default::default(),
            },
            &mut out,
        );
        let edit = &out[0].fixes[0].edits[0];
        let mut fixed = BYLINED.to_string();
        fixed.replace_range(edit.span.range(), &edit.replacement);
        assert_eq!(
            fixed,
            BYLINED.replace("Dockers voted", "CITY (AP) — Dockers voted")
        );
    }
}
