use super::{Edit, Finding, Fix, Rule, RuleContext, RuleMeta};
use crate::analysis::quotes::MarkStyle;
use crate::analysis::span::Span;
use crate::config::QuoteStyle;

crate::declare_rule! {
    /// ## What it does
    /// Flags a comma or full stop placed after a closing quotation mark: `"We won", he said.`
    /// Only in American (AP) style; set `quote_style = "british"` in the configuration to turn it
    /// off, since British style puts them inside only when they belong to the quotation. The
    /// default, `auto`, is American unless the draft itself follows British style throughout
    /// (courtesy titles without a stop, `Mr Smith`, or the marks placed outside at least twice and
    /// never inside). Quotes whose words already end in punctuation are left alone.
    ///
    /// ## Why it matters
    /// AP and US house styles put commas and full stops inside the closing mark, always. Mixed
    /// placement looks careless to readers and desks.
    ///
    /// ## Example
    /// ```text
    /// "We won", he said. She called it "a fair result".
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "We won," he said. She called it "a fair result."
    /// ```
    pub struct QuotePunctuation {
        code: "quote-punctuation",
        summary: "A comma or full stop sits outside the closing quotation mark",
        severity: Warning,
    }
}

impl Rule for QuotePunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        if cx.config.quote_style == QuoteStyle::British {
            return;
        }
        let a = cx.analysis;
        let text = &*a.scan_text;
        let mut found = Vec::new();
        let mut inside = 0;
        for q in &a.quotes {
            if !q.closed || !q.kind.is_speech() || q.parent.is_some() || q.style != MarkStyle::Double {
                continue;
            }
            if q.content.text(text).trim_end().ends_with([',', '.']) {
                inside += 1;
            }
            let after = &text[q.span.end as usize..];
            let Some(mark @ (',' | '.')) = after.chars().next() else { continue };
            // `"...".` after an ellipsis, `"U.S."` and `"Why?",` already end in punctuation.
            let words = q.content.text(text).trim_end();
            if words.is_empty() || words.ends_with(|c: char| !c.is_alphanumeric() && !matches!(c, ')' | '%')) {
                continue;
            }
            // `"1.5".5` and `"Q",,` are typos of another kind.
            if after[1..].starts_with(|c: char| c.is_alphanumeric() || c == mark) {
                continue;
            }
            let words_end = q.content.start as usize + words.len();
            let at = q.span.end as usize;
            found.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: Span::new(words_end, at + 1),
                message: format!("Put the {} inside the closing quotation mark", if mark == ',' { "comma" } else { "full stop" }),
                fixes: vec![Fix {
                    title: format!("Move the `{mark}` inside the quotation mark"),
                    edits: vec![
                        Edit { span: Span::empty_at(words_end), replacement: mark.to_string() },
                        Edit { span: Span::new(at, at + 1), replacement: String::new() },
                    ],
                    preferred: true,
                }],
                related: Vec::new(),
            });
        }
        let british = found.len() >= 2 && inside == 0 || uses_british_titles(a);
        if cx.config.quote_style == QuoteStyle::American || !british {
            out.extend(found);
        }
    }
}

/// Whether the draft writes courtesy titles without a stop (`Mr Smith`, `Dr Jones`): British
/// house style, which places punctuation by sense.
fn uses_british_titles(a: &crate::analysis::Analysis) -> bool {
    let text = &*a.scan_text;
    a.paragraphs.iter().any(|p| {
        let toks = &p.facts.tokens;
        let ptext = p.span.text(text);
        toks.windows(2).any(|w| {
            matches!(w[0].text(ptext), "Mr" | "Mrs" | "Ms" | "Dr") && w[1].text(ptext).starts_with(|c: char| c.is_uppercase())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, layout::Format};
    use crate::config::Config;
    use crate::rules::test_support::{run, run_with};

    fn flagged(text: &str) -> Vec<String> {
        run(&QuotePunctuation, text).into_iter().map(|(t, _)| t).collect()
    }

    fn fixed(text: &str) -> String {
        let analysis = analyze(text, Format::Plain);
        let config = Config::default();
        let mut out = Vec::new();
        QuotePunctuation.check(&RuleContext { analysis: &analysis, config: &config }, &mut out);
        let mut edits: Vec<Edit> = out.into_iter().flat_map(|f| f.fixes).flat_map(|f| f.edits).collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span));
        let mut s = text.to_string();
        for e in edits {
            s.replace_range(e.span.range(), &e.replacement);
        }
        s
    }

    const DRAFT: &str = include_str!("../../tests/fixtures/rules/quote-punctuation.txt");

    #[test]
    fn flags_commas_and_stops_outside_the_marks() {
        assert_eq!(flagged(DRAFT), ["\",", "”."]);
        assert!(fixed(DRAFT).contains("\"We won the vote,\" Ines Okafor said"), "{}", fixed(DRAFT));
        assert!(fixed(DRAFT).contains("“a fair result for the town.”\n"), "{}", fixed(DRAFT));
    }

    #[test]
    fn leaves_correct_and_british_copy_alone() {
        for text in [
            "\"We won the vote,\" Ines Okafor said.",
            "\"Did we win the vote?\", she asked, and laughed.",
            "She said the board \"will have to wait...\".",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
        let british = Config { quote_style: QuoteStyle::British, ..Config::default() };
        assert!(run_with(&QuotePunctuation, DRAFT, &british).is_empty());
        // A draft that follows British style throughout is read as British...
        let consistent = "Mr Bez called it \"the most important car\". Others said it was \"a niche player\".";
        assert_eq!(flagged(consistent), Vec::<String>::new());
        // ...unless the configuration asks for American style.
        let american = Config { quote_style: QuoteStyle::American, ..Config::default() };
        assert_eq!(run_with(&QuotePunctuation, consistent, &american).len(), 2);
    }
}
