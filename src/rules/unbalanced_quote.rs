use rustc_hash::FxHashMap;

use super::{Finding, Fix, Related, Rule, RuleContext, RuleMeta};
use crate::analysis::quotes::QuoteIssueKind;
use crate::analysis::quotes::{level_of, Level, MarkStyle, QuoteKind};
use crate::analysis::span::{partition_point_near, Span};
use crate::analysis::Analysis;

crate::declare_rule! {
    /// ## What it does
    /// Flags a quotation mark that opens and never closes, or closes with no opening mark. A quote
    /// that runs on over several paragraphs is fine: by wire convention each paragraph opens with a
    /// mark and only the last one closes. But a paragraph that ends inside a *partial* quote (a
    /// fragment woven into the reporter's sentence) must close it, even when the next paragraph
    /// carries on quoting (AP, running quotations).
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
    /// ```text
    /// The mayor called the plan "a disaster for the harbour.
    ///
    /// "We will fight it," she said.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "We will rebuild," Smith said. "The money is there."
    /// ```
    ///
    /// ```text
    /// The mayor called the plan "a disaster for the harbour."
    ///
    /// "We will fight it," she said.
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
        // The unclosed quotes by where they open, for the issues to find theirs: made only when
        // an issue needs it, once (a long draft has thousands of quotes and of issues).
        let mut unclosed: Option<FxHashMap<u32, usize>> = None;
        // Where the last issue's paragraph was: issues come in order, so the next is near.
        let mut near = 0;
        for issue in &a.quote_issues {
            let (message, fixes) = match issue.kind {
                QuoteIssueKind::Unclosed => {
                    let close = closing_mark(issue.span.text(&a.text));
                    let end = paragraph_near(a, &mut near, issue.span.start)
                        .map_or(issue.span.end, |p| a.paragraphs[p].span.end);
                    // `said: "The hit is coming. "Whereas ...` : a new quote opens at a sentence
                    // start before the first one closed, so close the first one there.
                    let unclosed = unclosed.get_or_insert_with(|| unclosed_by_start(a));
                    if let Some(next) = reopened_at(a, unclosed, issue.span.start) {
                        let at = a.text[..next.start as usize].trim_end().len();
                        out.push(Finding {
                            code: Self::META.code,
                            severity: Self::META.default_severity,
                            span: issue.span,
                            message: "This quotation mark is never closed: another quote opens before it ends"
                                .into(),
                            fixes: vec![Fix::replace(
                                format!("Close the quote before the next one opens with {close}"),
                                Span::empty_at(at),
                                close,
                            )],
                            related: vec![Related { span: next, message: "The next quote opens here".into() }],
                        });
                        continue;
                    }
                    (
                        "This quotation mark is never closed".to_string(),
                        vec![Fix::replace(
                            format!("Close the quote at the end of the paragraph with {close}"),
                            Span::empty_at(end as usize),
                            close,
                        )],
                    )
                }
                QuoteIssueKind::StrayClose => (
                    "This closing quotation mark has no opening mark".to_string(),
                    vec![Fix {
                        preferred: false,
                        ..Fix::replace("Remove the stray quotation mark", issue.span, String::new())
                    }],
                ),
            };
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: issue.span,
                message: message.into(),
                fixes,
                related: Vec::new(),
            });
        }
        partial_quotes_running_on(a, out);
    }
}

/// A10: a paragraph that ends inside a partial quote closes it, even when the next paragraph
/// carries on the quote; only whole quoted paragraphs run on unclosed.
fn partial_quotes_running_on(a: &Analysis, out: &mut Vec<Finding>) {
    for next in &a.quotes {
        let Some(q) = next.continues.and_then(|i| a.quotes.get(i)) else { continue };
        if q.closed || q.kind != QuoteKind::Partial || q.continues.is_some() {
            continue;
        }
        // `said, "We have to ...`: a whole quoted sentence after an introduction may run on; a
        // fragment starts in lower case.
        if !q.content.text(&a.text).chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase) {
            continue;
        }
        let Some(par) = a.paragraphs.get(q.paragraph) else { continue };
        let open = mark_at(a, q.span.start);
        let close = closing_mark(open.text(&a.text));
        let at = par.span.start as usize + par.span.text(&a.text).trim_end().len();
        out.push(Finding {
            code: UnbalancedQuote::META.code,
            severity: UnbalancedQuote::META.default_severity,
            span: open,
            message: "This partial quote ends its paragraph unclosed: close it, even though the next paragraph carries on quoting".into(),
            fixes: vec![Fix::replace(
                format!("Close the partial quote at the end of the paragraph with {close}"),
                Span::empty_at(at),
                close,
            )],
            related: vec![Related {
                span: mark_at(a, next.span.start),
                message: "The next paragraph's quote opens here".into(),
            }],
        });
    }
}

/// [`Analysis::paragraph_at`], searched from `near` on (galloping) when the paragraph is not
/// before it, and `near` moved to where it was found: a run over a long draft's issues in order
/// reads a few paragraphs around each instead of a binary search's far-apart ones.
fn paragraph_near(a: &Analysis, near: &mut usize, offset: u32) -> Option<usize> {
    let pars = &a.paragraphs;
    let i = partition_point_near(pars, *near, |p| p.span.end < offset);
    *near = i;
    (i < pars.len() && pars[i].span.start <= offset).then_some(i)
}

/// The span of the quotation mark at `offset`.
fn mark_at(a: &Analysis, offset: u32) -> Span {
    let len = a.text[offset as usize..].chars().next().map_or(1, char::len_utf8);
    Span::new(offset as usize, offset as usize + len)
}

/// The index of the first unclosed quote opening at each offset.
fn unclosed_by_start(a: &Analysis) -> FxHashMap<u32, usize> {
    let mut map = FxHashMap::default();
    for (i, q) in a.quotes.iter().enumerate().filter(|(_, q)| !q.closed) {
        map.entry(q.span.start).or_insert(i);
    }
    map
}

/// The opening mark of the first double quote nested in the unclosed quote opening at `start`
/// that begins a sentence: the place where the unclosed quote should have ended.
fn reopened_at(a: &Analysis, unclosed: &FxHashMap<u32, usize>, start: u32) -> Option<Span> {
    let i = *unclosed.get(&start)?;
    let child = a.quotes[i + 1..]
        .iter()
        .take_while(|q| a.quotes[i].span.contains_span(q.span))
        .find(|q| {
            q.parent == Some(i)
                && q.style != MarkStyle::Single
                && opening_level(a, q.span) == Level::Double
        })?;
    let before = a.text[..child.span.start as usize].trim_end();
    before.ends_with(['.', '?', '!']).then(|| mark_at(a, child.span.start))
}

fn opening_level(a: &Analysis, span: Span) -> Level {
    let mark = a.text[span.start as usize..].chars().next().unwrap_or('"');
    level_of(mark.encode_utf8(&mut [0; 4]))
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

#[cfg(test)]
mod tests {
    /// Offsets in order, at random and past the end, from any starting point: the paragraph
    /// found near is the one a binary search finds.
    #[test]
    fn paragraph_near_is_paragraph_at() {
        use crate::analysis::random_edits::RandomEdits;
        let text = "One.\n\nTwo two.\n\n\n\nThree.\n\nFour four four.\n\nFive.\n".repeat(9);
        let a = crate::analysis::analyze(&text, crate::analysis::layout::Format::Plain);
        let mut random = RandomEdits::new(0x1234_5678_9abc_def1);
        let mut near = 0;
        for round in 0..3000 {
            let offset = if round < text.len() + 2 { round } else { random.below(text.len() + 3) };
            if round % 97 == 0 {
                near = random.below(a.paragraphs.len() + 2);
            }
            assert_eq!(super::paragraph_near(&a, &mut near, offset as u32), a.paragraph_at(offset as u32), "offset {offset}");
        }
    }

    use super::*;
    use crate::analysis::{analyze, layout::Format};
    use crate::rules::test_support::run;

    fn flagged(text: &str) -> Vec<(String, String)> {
        run(&UnbalancedQuote, text)
    }

    fn fixed(text: &str) -> String {
        crate::rules::test_support::apply_first_fixes(&UnbalancedQuote, text)
    }

    #[test]
    fn flags_an_unclosed_quote_and_closes_it_at_the_paragraph_end() {
        let text = "“We will rebuild, Smith said. The money is there.\n\nThe council agreed.\n";
        let found = flagged(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "“");
        assert_eq!(
            fixed(text),
            "“We will rebuild, Smith said. The money is there.”\n\nThe council agreed.\n"
        );
    }

    /// A story in our own words with one missing closing mark (the first quote runs on into a
    /// paragraph that does not open with a mark), a correct running quote, an inch mark and
    /// apostrophes.
    #[test]
    fn story_fixture() {
        let text = include_str!("../../tests/fixtures/quotes/unbalanced-story.txt");
        let found = flagged(text);
        assert_eq!(
            found,
            [
                (
                    "“".to_string(),
                    "This quotation mark is never closed".to_string()
                ),
                (
                    "”".to_string(),
                    "This closing quotation mark has no opening mark".to_string()
                ),
            ]
        );
        let fixed_text = fixed(text);
        assert!(fixed_text.contains("after the vote.”\n"), "{fixed_text}");
    }

    #[test]
    fn a_quote_opening_inside_an_unclosed_one_is_where_it_should_close() {
        let text = "SPRINGFIELD, March 3 - The council met.\n\nThe mayor said: \"The hit is coming. \"Whereas the budget holds, the bridge does not.\"\n";
        let found = flagged(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            fixed(text),
            "SPRINGFIELD, March 3 - The council met.\n\nThe mayor said: \"The hit is coming.\" \"Whereas the budget holds, the bridge does not.\"\n"
        );
    }

    /// Two quotes open at a paragraph break and the next paragraph opens with a mark: the one
    /// opened last runs on (wire style), and the earlier one is the mark never closed.
    #[test]
    fn the_quote_opened_last_runs_on_and_the_earlier_one_never_closed() {
        let text = "SPRINGFIELD, March 3 - The council met.\n\n\"I hope it shows the plan up. \"We are dealing with a hard subject.\" Lee said: \"We hoped the council would listen.\n\n\"It did not,\" he said.\n";
        let found = flagged(text);
        assert_eq!(found, [("\"".to_string(), "This quotation mark is never closed: another quote opens before it ends".to_string())]);
        assert_eq!(
            fixed(text),
            "SPRINGFIELD, March 3 - The council met.\n\n\"I hope it shows the plan up.\" \"We are dealing with a hard subject.\" Lee said: \"We hoped the council would listen.\n\n\"It did not,\" he said.\n"
        );
    }

    #[test]
    fn a_partial_quote_ending_its_paragraph_is_closed_even_when_the_quote_runs_on() {
        let text = "The mayor called the plan “a disaster for the harbour and for everyone who works there.\n\n“We will fight it in court,” she said.\n";
        let found = flagged(text);
        assert_eq!(
            found,
            [(
                "“".to_string(),
                "This partial quote ends its paragraph unclosed: close it, even though the next paragraph carries on quoting".to_string()
            )]
        );
        assert_eq!(
            fixed(text),
            "The mayor called the plan “a disaster for the harbour and for everyone who works there.”\n\n“We will fight it in court,” she said.\n"
        );
        // Closed as the rule asks: nothing to say.
        assert_eq!(flagged(&fixed(text)), Vec::<(String, String)>::new());
    }

    #[test]
    fn a_whole_quoted_paragraph_runs_on_unclosed() {
        for text in [
            "“We will fight it,” she said. “The plan is a disaster for the harbour.\n\n“And for everyone who works there.”\n",
            "She said of the plan, “We will fight it in every court in the land.\n\n“And we will win.”\n",
        ] {
            assert_eq!(flagged(text), Vec::<(String, String)>::new(), "{text}");
        }
    }

    #[test]
    fn flags_a_stray_closing_mark() {
        let text = "We will rebuild,” Smith said.\n";
        assert_eq!(
            flagged(text),
            [(
                "”".to_string(),
                "This closing quotation mark has no opening mark".to_string()
            )]
        );
    }

    #[test]
    fn multi_paragraph_quotes_are_balanced() {
        let text = "\"We will rebuild,\" Smith said. \"The money is there.\n\n\"And the plan is ready.\n\n\"We start in May.\"\n";
        assert_eq!(flagged(text), Vec::<(String, String)>::new());
    }

    #[test]
    fn an_unclosed_last_paragraph_of_a_running_quote_is_flagged_there() {
        let text = "\"We will rebuild,\" Smith said. \"The money is there.\n\n\"And the plan is ready.\n\nThe council agreed.\n";
        let analysis = analyze(text, Format::Plain);
        assert_eq!(analysis.quote_issues.len(), 1);
        assert_eq!(
            analysis.quote_issues[0].span.start as usize,
            text.find("\"And").unwrap()
        );
    }

    #[test]
    fn apostrophes_nested_quotes_and_inch_marks_are_not_flagged() {
        for text in [
            "The countries’ envoys met in the ’90s to play rock 'n' roll.",
            "\"Russia is not ‘cooperating.’ These are dirty methods,\" he said.",
            "He is 6'2\" tall and weighs 200 pounds.",
            "« Nous reviendrons », a-t-il dit. „Wir kommen wieder“, sagte er.",
            "\" I 'm sure we can win , \" Hoddle said .",
        ] {
            assert_eq!(flagged(text), Vec::<(String, String)>::new(), "{text}");
        }
    }
}
