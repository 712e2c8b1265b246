use super::{Edit, Finding, Fix, Rule, RuleContext, RuleMeta};
use crate::analysis::attribution::AttributionSource;
use crate::analysis::lexicon::cue_verb;
use crate::analysis::quotes::{Quote, QuoteKind};
use crate::analysis::span::Span;
use crate::analysis::tokens::TokenKind;
use crate::analysis::Analysis;

crate::declare_rule! {
    /// ## What it does
    /// Flags a direct quote that nobody said: no speaker in its sentence or paragraph, and not a
    /// continuation of the previous paragraph's quote. Short quoted fragments (under four words),
    /// scare quotes, titles and quotes introduced by a paragraph ending in a colon are left alone:
    /// the rule would rather miss a quote than nag about an attributed one.
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

/// GGT and textacy both ignore quotes shorter than this, in words.
const MIN_WORDS: usize = 4;

impl Rule for UnattributedQuote {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        // The paragraph of the last quote of speech, for runs of floating quotes.
        let mut previous_speech: Option<usize> = None;
        // The quotes with no attribution, each with what it reads around it to decide whether
        // to stay quiet (read from the text only where the edit touched it).
        let unattributed = |quote: &Quote| {
            if !quote.kind.is_speech() || quote.parent.is_some() {
                return None;
            }
            // In a run of floating quotes (`"Q1."` then `"Q2."` paragraph after paragraph) one
            // warning, on the first, is enough.
            let chained = previous_speech.is_some_and(|p| p + 1 >= quote.paragraph);
            previous_speech = Some(quote.paragraph);
            if quote.kind != QuoteKind::Direct || quote.continues.is_some() || chained {
                return None;
            }
            let attributed = quote.attribution.is_some_and(|at| {
                at.speaker.is_some() || matches!(at.source, AttributionSource::Continued { .. })
            });
            if attributed {
                return None;
            }
            // A quote with no paragraph has no words to count: quiet.
            let par = a.paragraphs.get(quote.paragraph)?.span;
            let previous = quote.paragraph.checked_sub(1).and_then(|p| a.paragraphs.get(p)).map(|p| p.span);
            let next = a.paragraphs.get(quote.paragraph + 1).map(|p| p.span);
            Some([
                previous.unwrap_or_default(),
                // The text before the paragraph back to the previous one (or the draft's start),
                // which the look for an introduction (`said:`) may read.
                Span { start: previous.map_or(0, |p| p.start), end: par.start },
                par,
                // The next paragraph, or with none the rest of the draft (where one may appear).
                next.unwrap_or(Span { start: par.end, end: a.scan_text.len() as u32 }),
                quote.span,
                quote.content,
            ])
        };
        let quiet = |quote: &Quote, _: [Span; 6]| {
            word_count(a, quote) < MIN_WORDS || follows_colon_intro(a, quote) || cue_nearby(a, quote)
        };
        cx.memo.quotes.per_quote(Self::META.code, a, unattributed, quiet, |quote, _, quiet| {
            if quiet {
                return;
            }
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: quote.span,
                message: "Who said this? The quote has no attribution".into(),
                fixes: quote
                    .closed
                    .then(|| attribution_fix(&a.text, quote))
                    .into_iter()
                    .collect(),
                related: Vec::new(),
            });
        });
    }
}

fn word_count(a: &Analysis, q: &Quote) -> usize {
    let Some(par) = a.paragraphs.get(q.paragraph) else {
        return 0;
    };
    let first = par.token_index_at(q.content.start);
    let last = par.token_index_at(q.content.end);
    par.facts.tokens[first..last.max(first)]
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .count()
}

/// Whether a cue verb sits in the quote's paragraph (outside the quote) or in the sentences next to
/// it: the attribution is probably there in a form the patterns do not know, so stay quiet.
fn cue_nearby(a: &Analysis, q: &Quote) -> bool {
    let text = &*a.scan_text;
    let has_cue = |par: &crate::analysis::paragraph::Paragraph, range: std::ops::Range<usize>| {
        let ptext = par.span.text(text);
        par.facts.tokens[range].iter().any(|t| {
            let w = t.text(ptext);
            cue_verb(w).is_some() || w.eq_ignore_ascii_case("according")
        })
    };
    let Some(par) = a.paragraphs.get(q.paragraph) else {
        return false;
    };
    let open = par.token_index_at(q.span.start);
    let close = par.token_index_at(q.span.end);
    let n = par.facts.tokens.len();
    if has_cue(par, 0..open) || has_cue(par, close.min(n)..n) {
        return true;
    }
    let prev_last_sentence = q
        .paragraph
        .checked_sub(1)
        .and_then(|p| a.paragraphs.get(p))
        .is_some_and(|p| {
            let start = p.facts.sentences.last().map_or(0, |s| {
                p.facts.tokens.partition_point(|t| t.span.start < s.start)
            });
            has_cue(p, start..p.facts.tokens.len())
        });
    let next_first_sentence = a.paragraphs.get(q.paragraph + 1).is_some_and(|p| {
        let end = p.facts.sentences.first().map_or(0, |s| {
            p.facts.tokens.partition_point(|t| t.span.end <= s.end)
        });
        has_cue(p, 0..end)
    });
    prev_last_sentence || next_first_sentence
}

/// `McCrummen reports:` then the quote as its own paragraph: the intro is the attribution.
fn follows_colon_intro(a: &Analysis, q: &Quote) -> bool {
    let text = &*a.scan_text;
    let before = text[..q.span.start as usize].trim_end();
    before.ends_with(':') || before.ends_with("said") || before.ends_with("says")
}

/// `"We won."` becomes `"We won," SPEAKER said.`: the stop turns into a comma inside the marks
/// and the attribution goes after them.
fn attribution_fix(text: &str, q: &Quote) -> Fix {
    let close = Span {
        start: q.content.end,
        end: q.span.end,
    };
    let content = q.content.text(text).trim_end();
    let last = content.chars().next_back();
    let last_at = q.content.start as usize + content.len() - last.map_or(0, char::len_utf8);
    let after = &text[q.span.end as usize..];
    let mut edits = Vec::new();
    match last {
        Some('.') => {
            edits.push(Edit {
                span: Span::new(last_at, last_at + 1),
                replacement: ",".into(),
            });
            edits.push(Edit {
                span: Span::empty_at(close.end as usize),
                replacement: " SPEAKER said.".into(),
            });
        }
        Some('?' | '!' | ',') => {
            let tail = if after.starts_with(['.', ',', ';']) || last == Some(',') {
                ""
            } else {
                "."
            };
            edits.push(Edit {
                span: Span::empty_at(close.end as usize),
                replacement: format!(" SPEAKER said{tail}"),
            });
        }
        _ => {
            // `"We won".` (no stop inside): add the comma inside, keep the stop after.
            let end = q.content.start as usize + content.len();
            edits.push(Edit {
                span: Span::empty_at(end),
                replacement: ",".into(),
            });
            let tail = if after.starts_with(['.', ',', ';', '?', '!']) {
                ""
            } else {
                "."
            };
            edits.push(Edit {
                span: Span::empty_at(close.end as usize),
                replacement: format!(" SPEAKER said{tail}"),
            });
        }
    }
    Fix {
        title: "Add an attribution after the quote".into(),
        edits,
        preferred: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, layout::Format};
    use crate::rules::test_support::run;

    fn flagged(text: &str) -> Vec<String> {
        run(&UnattributedQuote, text)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    /// Applies the first fix of each finding.
    fn fixed(text: &str) -> String {
        crate::rules::test_support::apply_first_fixes(&UnattributedQuote, text)
    }

    #[test]
    fn flags_a_quote_nobody_said() {
        let text = "The council met on Tuesday.\n\n\"We cannot afford another delay.\"\n";
        assert_eq!(flagged(text), ["\"We cannot afford another delay.\""]);
    }

    #[test]
    fn leaves_attributed_quotes_alone() {
        for text in [
            "\"We cannot afford another delay,\" Mayor Jane Smith said.",
            "\"We cannot afford another delay,\" said Jane Smith, the mayor.",
            "The mayor said: \"We cannot afford another delay.\"",
            "According to the mayor, the city \"cannot afford another delay at all.\"",
            "“We cannot afford another delay,” she told reporters. “The money is there and ready.”",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn floating_quote_after_an_attributed_paragraph_carries_its_speaker() {
        let text = "\"We will rebuild the bridge,\" Smith said.\n\n\"The money is there and the plan is ready.\"\n";
        assert_eq!(flagged(text), Vec::<String>::new());
    }

    #[test]
    fn multi_paragraph_quote_is_one_speaker() {
        let text = "\"We will rebuild the bridge,\" Smith said. \"The money is there.\n\n\"And the plan is ready for the council.\"\n";
        assert_eq!(flagged(text), Vec::<String>::new());
    }

    #[test]
    fn ignores_short_fragments_scare_quotes_and_colon_intros() {
        let text = "The council met.\n\nIt was a \"historic\" day for the so-called \"new deal for the city\".\n\nThe statement read:\n\n\"We cannot afford another delay.\"\n";
        assert_eq!(flagged(text), Vec::<String>::new());
    }

    /// A whole story in our own words: direct, inverted, colon, partial, running and floating
    /// quotes, a scare quote and a title, and one quote nobody said.
    #[test]
    fn story_fixture_flags_only_the_unsourced_quote() {
        let text = include_str!("../../tests/fixtures/quotes/bridge-story.txt");
        assert_eq!(
            flagged(text),
            ["\"Every morning I sit in the same queue on the ring road and watch the river.\""]
        );
        let analysis = analyze(text, Format::Plain);
        let speakers: Vec<_> = analysis
            .quotes
            .iter()
            .filter(|q| q.kind.is_speech())
            .map(|q| {
                q.attribution
                    .and_then(|a| a.speaker)
                    .map(|s| s.mention.text(text))
            })
            .collect();
        assert_eq!(
            speakers,
            [
                Some("Mayor Ana Ruiz"),
                Some("Mayor Ana Ruiz"),
                Some("Ruiz"),
                Some("Ruiz"),
                Some("Council member Tom Bell"),
                Some("the city engineer"),
                Some("Priya Nair"),
                None,
            ]
        );
    }

    #[test]
    fn fix_puts_the_comma_inside_and_the_attribution_after() {
        assert_eq!(
            fixed("The council met.\n\n\"We cannot afford another delay.\"\n"),
            "The council met.\n\n\"We cannot afford another delay,\" SPEAKER said.\n"
        );
        assert_eq!(
            fixed("The council met.\n\n“Can we afford another delay?”\n"),
            "The council met.\n\n“Can we afford another delay?” SPEAKER said.\n"
        );
        assert_eq!(
            fixed("The council met.\n\n\"We cannot afford another delay\".\n"),
            "The council met.\n\n\"We cannot afford another delay,\" SPEAKER said.\n"
        );
    }
}
