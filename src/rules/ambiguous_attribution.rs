use super::prose::{has_given_name, is_heading_like, is_inside, outer_quote_spans};
use super::{Finding, Related, Rule, RuleContext, RuleMeta};
use crate::analysis::entities::{EntityKind, MentionKind, Pronoun};
use crate::analysis::span::Span;
use crate::analysis::Analysis;

crate::declare_rule! {
    /// ## What it does
    /// Flags an attribution whose speaker could be more than one person: `he said` when two or more
    /// people the draft itself calls `he` elsewhere are named in the same paragraph
    /// before it; or a description (`the official
    /// said`) that fits the titles of two or more people named before it. The candidates are
    /// listed in the message and shown beside the finding.
    ///
    /// ## Why it matters
    /// Readers must know who speaks. When `he` could be either of two men just named, the quote may
    /// be credited to the wrong person, which is a correction waiting to happen.
    ///
    /// ## Example
    /// ```text
    /// Tom Reyes met Sam Patel on Tuesday. "The deal is dead," he said.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Tom Reyes met Sam Patel on Tuesday. "The deal is dead," Reyes said.
    /// ```
    pub struct AmbiguousAttribution {
        code: "ambiguous-attribution",
        summary: "The speaker could be more than one person",
        severity: Warning,
    }
}

impl Rule for AmbiguousAttribution {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let text = &*a.scan_text;
        let quoted = outer_quote_spans(a);
        let mut previous_speaker: Option<usize> = None;
        for q in &a.quotes {
            if !q.kind.is_speech() || q.parent.is_some() {
                continue;
            }
            let Some(speaker) = q.attribution.filter(|at| at.source == crate::analysis::attribution::AttributionSource::Local).and_then(|at| at.speaker) else { continue };
            let words = speaker.mention.text(text);
            let candidates = match Pronoun::of_word(words) {
                Some(p @ (Pronoun::He | Pronoun::She)) if !words.contains(' ') => {
                    pronoun_candidates(a, &quoted, speaker.mention, q.paragraph, p)
                }
                _ => description_candidates(a, &quoted, speaker.mention, words),
            };
            // The same speaker as the quote before: readers follow the voice they are hearing.
            let same_voice = speaker.entity.is_some() && previous_speaker == speaker.entity;
            previous_speaker = speaker.entity.or(previous_speaker);
            if candidates.len() < 2 || same_voice {
                continue;
            }
            let names: Vec<&str> = candidates.iter().map(|&(e, _)| a.entities[e].name.as_str()).collect();
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: speaker.mention,
                message: format!("`{words}` could be {}: name the speaker", or_list(&names)),
                fixes: Vec::new(),
                related: candidates
                    .iter()
                    .map(|&(e, span)| Related { span, message: format!("could be {}", a.entities[e].name) })
                    .collect(),
            });
        }
    }
}

fn or_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// People the pronoun fits, named (outside quotes) in the mention's paragraph before it:
/// `(entity, its last mention there)`.
fn pronoun_candidates(a: &Analysis, quoted: &[Span], mention: Span, paragraph: usize, pronoun: Pronoun) -> Vec<(usize, Span)> {
    for par in [paragraph] {
        let Some(p) = a.paragraphs.get(par) else { continue };
        if is_heading_like(a, par) {
            continue;
        }
        let window = Span { start: p.span.start, end: if par == paragraph { mention.start } else { p.span.end } };
        let found = people_named_in(a, quoted, window, |e| {
            // Only people the draft itself calls `he` (or `she`): an unknown pronoun is not a
            // second candidate readers would hesitate over.
            a.entities[e].pronoun == Some(pronoun)
        });
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// People whose title's head word is the description's (`the official` -> titles ending in
/// `official`), named anywhere before the mention.
fn description_candidates(a: &Analysis, quoted: &[Span], mention: Span, words: &str) -> Vec<(usize, Span)> {
    let lower = words.to_lowercase();
    let Some(head) = lower.strip_prefix("the ").and_then(|rest| rest.split_whitespace().last()) else { return Vec::new() };
    if head.len() < 3 {
        return Vec::new();
    }
    let window = Span { start: 0, end: mention.start };
    people_named_in(a, quoted, window, |e| {
        a.entities[e].title.as_deref().is_some_and(|t| t.to_lowercase().split_whitespace().last() == Some(head))
    })
}

fn people_named_in(a: &Analysis, quoted: &[Span], window: Span, fits: impl Fn(usize) -> bool) -> Vec<(usize, Span)> {
    let mut found = Vec::new();
    for (i, e) in a.entities.iter().enumerate() {
        if e.kind != EntityKind::Person || !has_given_name(&e.name) || !fits(i) {
            continue;
        }
        let last = e
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Name && window.contains_span(m.span) && !is_inside(quoted, m.span.start))
            .last();
        if let Some(m) = last {
            found.push((i, m.span));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::run;

    #[test]
    fn flags_a_pronoun_two_people_fit() {
        let text = include_str!("../../tests/fixtures/rules/ambiguous-attribution.txt");
        let found = run(&AmbiguousAttribution, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "he");
        assert!(found[0].1.contains("Tom Reyes or Sam Patel"), "{}", found[0].1);
    }

    #[test]
    fn one_candidate_or_a_known_pronoun_is_clear() {
        for text in [
            "Tom Reyes spoke on Tuesday. \"The deal is dead,\" he said.",
            // The draft says Okafor is `she`, so `he` can only be Reyes.
            "Ines Okafor runs the port; she took over in May.\n\nOkafor met Tom Reyes on Tuesday. \"The deal is dead,\" he said.",
            "Tom Reyes met Sam Patel on Tuesday. \"The deal is dead,\" Reyes said.",
        ] {
            assert!(run(&AmbiguousAttribution, text).is_empty(), "{text}");
        }
    }
}
