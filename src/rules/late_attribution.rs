use super::{Finding, Related, Rule, RuleContext, RuleMeta};
use crate::analysis::attribution::AttributionSource;
use crate::analysis::quotes::{Quote, QuoteKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a direct quote of three or more sentences whose attribution comes only after the
    /// whole quote, so the reader meets the speaker after the second sentence or later. A speaker
    /// named just before the quote (in the previous paragraph or earlier in the same one) is
    /// already known to the reader, so that quote is left alone.
    ///
    /// ## Why it matters
    /// Reuters and AP ask that the speaker be identified as quickly as possible, usually after the
    /// first sentence: readers should not go through several sentences before learning who speaks.
    ///
    /// ## Example
    /// ```text
    /// "We will rebuild. The money is there. The plan is ready," Smith said.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "We will rebuild," Smith said. "The money is there. The plan is ready."
    /// ```
    pub struct LateAttribution {
        code: "late-attribution",
        summary: "The attribution of a long quote comes after its second sentence",
        severity: Info,
    }
}

/// Sentences of a quote the reader may go through before the attribution.
const MAX_SENTENCES_BEFORE: usize = 2;

impl Rule for LateAttribution {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let text = &*a.scan_text;
        // The quotes attributed only after they end, with the sentences in their words (read
        // from the text only where the edit touched it).
        let late = |q: &Quote| {
            if q.kind != QuoteKind::Direct || q.parent.is_some() || q.continues.is_some() || !q.closed {
                return None;
            }
            let at = q.attribution?;
            let cue = at.cue?;
            (at.source == AttributionSource::Local && cue.start >= q.span.end).then_some([q.content])
        };
        cx.memo.quotes.per_quote(Self::META.code, a, late, |_, [content]| sentence_count(content.text(text)), |q, _, sentences| {
            if sentences <= MAX_SENTENCES_BEFORE {
                return;
            }
            let Some(at) = q.attribution else { return };
            let Some(cue) = at.cue else { return };
            // A speaker just named (in the previous paragraph or earlier in this one) is known to
            // the reader before the quote starts.
            let known = at.speaker.and_then(|sp| sp.entity).and_then(|e| a.entities.get(e)).is_some_and(|e| {
                let from = q.paragraph.checked_sub(1).and_then(|p| a.paragraphs.get(p)).map_or(0, |p| p.span.start);
                // Mentions are sorted and do not overlap, so the first from `from` on ends first.
                let first = e.mentions.partition_point(|m| m.span.start < from);
                e.mentions.get(first).is_some_and(|m| m.span.end <= q.span.start)
            });
            if known {
                return;
            }
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: q.span,
                message: format!("The speaker comes after {sentences} sentences: attribute the quote after its first sentence").into(),
                fixes: Vec::new(),
                related: vec![Related { span: cue, message: "the attribution".into() }],
            });
        });
    }
}

/// Sentences in a quote's words: a `.`, `?` or `!` followed by a space and a capital ends one,
/// unless it ends an abbreviation or an initial (`Mr.`, `U.S.`, `J.`).
fn sentence_count(words: &str) -> usize {
    let b = words.as_bytes();
    let mut count = 1;
    for (i, &c) in b.iter().enumerate() {
        if !matches!(c, b'.' | b'?' | b'!') || i + 2 >= b.len() || b[i + 1] != b' ' {
            continue;
        }
        let next = words[i + 2..].chars().next();
        if !next.is_some_and(|n| n.is_uppercase() || matches!(n, '"' | '\'' | '“' | '‘')) {
            continue;
        }
        let word_start = words[..i].rfind(|ch: char| ch.is_whitespace()).map_or(0, |s| s + 1);
        let word = &words[word_start..i];
        let abbreviation = c == b'.'
            && (word.contains('.') || (word.len() <= 3 && word.starts_with(|ch: char| ch.is_uppercase())));
        if !abbreviation {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::run;

    fn flagged(text: &str) -> Vec<String> {
        run(&LateAttribution, text).into_iter().map(|(_, m)| m).collect()
    }

    #[test]
    fn flags_attribution_after_three_sentences() {
        let text = include_str!("../../tests/fixtures/rules/late-attribution.txt");
        let found = run(&LateAttribution, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.starts_with("\"We will rebuild."));
        assert!(found[0].1.contains("after 3 sentences"));
    }

    #[test]
    fn leaves_early_attribution_alone() {
        for text in [
            "\"We will rebuild,\" Smith said. \"The money is there. The plan is ready.\"",
            "\"We will rebuild. The money is there,\" Smith said.",
            "Smith said: \"We will rebuild. The money is there. The plan is ready.\"",
            "\"Mr. Jones and Dr. Lee met in the U.S. Capitol. They agreed,\" Smith said.",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
    }
}
