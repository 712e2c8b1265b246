use super::{Finding, Related, Rule, RuleContext, RuleMeta};
use crate::analysis::quotes::QuoteKind;
use crate::analysis::span::Span;

crate::declare_rule! {
    /// ## What it does
    /// Flags a paragraph with direct quotes from two different people, each resolved to a named
    /// person of the draft. The second speaker's quote is flagged; the first is shown beside it.
    ///
    /// ## Why it matters
    /// Reuters asks for one speaker per paragraph: quotes from two people run together make readers
    /// lose track of who said what.
    ///
    /// ## Example
    /// ```text
    /// "It's over," Smith said. "No, it isn't," Jones said.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "It's over," Smith said.
    ///
    /// "No, it isn't," Jones said.
    /// ```
    pub struct TwoSpeakersOneParagraph {
        code: "two-speakers-one-paragraph",
        summary: "Direct quotes from two people in one paragraph",
        severity: Info,
    }
}

impl Rule for TwoSpeakersOneParagraph {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        // (paragraph, entity, quote span, speaker mention) of the paragraph's first speaker.
        let mut first: Option<(usize, usize, Span, Span)> = None;
        for q in &a.quotes {
            if q.kind != QuoteKind::Direct || q.parent.is_some() {
                continue;
            }
            // Only speakers named where they speak: a carried-over attribution is the same voice.
            let local = q.attribution.filter(|at| at.source == crate::analysis::attribution::AttributionSource::Local);
            let Some(speaker) = local.and_then(|at| at.speaker) else { continue };
            let Some(entity) = speaker.entity else { continue };
            match first {
                Some((par, usize::MAX, ..)) if par == q.paragraph => {}
                Some((par, e, quote_span, mention)) if par == q.paragraph => {
                    if e != entity {
                        let name = |i: usize| a.entities.get(i).map_or("someone", |e| e.name.as_str());
                        out.push(Finding {
                            code: Self::META.code,
                            severity: Self::META.default_severity,
                            span: q.span,
                            message: format!(
                                "Quotes from {} and {} in one paragraph: give {} a paragraph of their own",
                                name(e),
                                name(entity),
                                name(entity)
                            ),
                            fixes: Vec::new(),
                            related: vec![
                                Related { span: quote_span, message: format!("quote from {}", name(e)) },
                                Related { span: mention, message: format!("{} is named here", name(e)) },
                            ],
                        });
                        // One finding per paragraph is enough.
                        first = Some((par, usize::MAX, quote_span, mention));
                    }
                }
                _ => first = Some((q.paragraph, entity, q.span, speaker.mention)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::run;

    #[test]
    fn flags_the_second_speaker() {
        let text = include_str!("../../tests/fixtures/rules/two-speakers.txt");
        let found = run(&TwoSpeakersOneParagraph, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "\"No, it is not over yet,\"");
        assert!(found[0].1.contains("Ines Okafor and Tom Reyes"), "{}", found[0].1);
    }

    #[test]
    fn one_speaker_per_paragraph_is_fine() {
        let text = "Ines Okafor runs the harbour. Tom Reyes sits on the council.\n\n\"It is over for the harbour,\" Okafor said. \"We tried everything we could,\" she said.\n\n\"No, it is not over yet,\" Reyes said.\n";
        assert!(run(&TwoSpeakersOneParagraph, text).is_empty());
    }
}
