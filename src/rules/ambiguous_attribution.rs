use std::collections::HashMap;

use super::prose::{has_given_name, is_heading_like, is_inside, outer_quote_spans};
use super::{Finding, Related, Rule, RuleContext, RuleMeta};
use crate::analysis::entities::{EntityKind, MentionKind, Pronoun};
use crate::analysis::span::Span;
use crate::analysis::Analysis;

crate::declare_rule! {
    /// ## What it does
    /// Flags an attribution whose speaker could be more than one person: `he said` when two or more
    /// people the draft itself calls `he` elsewhere are named in the same paragraph before it; or
    /// a description (`the official said`) that fits the titles of two or more people named before
    /// it. The candidates are listed in the message and shown beside the finding.
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
        let mut people = People::new(a, &quoted);
        let mut previous_speaker: Option<usize> = None;
        for q in &a.quotes {
            if !q.kind.is_speech() || q.parent.is_some() {
                continue;
            }
            let Some(speaker) = q.attribution.filter(|at| at.source == crate::analysis::attribution::AttributionSource::Local).and_then(|at| at.speaker) else { continue };
            let words = speaker.mention.text(text);
            // The same speaker as the quote before: readers follow the voice they are hearing.
            let same_voice = speaker.entity.is_some() && previous_speaker == speaker.entity;
            previous_speaker = speaker.entity.or(previous_speaker);
            if same_voice {
                continue;
            }
            let candidates = match Pronoun::of_word(words) {
                Some(p @ (Pronoun::He | Pronoun::She)) if !words.contains(' ') => {
                    people.pronoun_candidates(speaker.mention, q.paragraph, p)
                }
                _ => people.description_candidates(speaker.mention, words),
            };
            if candidates.len() < 2 {
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

/// The people of a draft, indexed on first use so that each attribution looks only at the
/// names near it or sharing its title, not at every entity (a long draft has thousands).
struct People<'a> {
    a: &'a Analysis,
    quoted: &'a [Span],
    /// Start of every name mention of a person, with its entity, in document order.
    name_starts: Option<Vec<(u32, usize)>>,
    /// Person entities by the last word of their title, lowercased; each list in entity order.
    by_title_head: Option<HashMap<String, Vec<usize>>>,
    /// Whether each entity is a person whose name starts with a given name (filled on demand).
    given: Vec<Option<bool>>,
    /// Whether each entity's mentions are in document order, as the core keeps them (checked on
    /// demand; if not, its mentions are all read).
    in_order: Vec<Option<bool>>,
}

impl<'a> People<'a> {
    fn new(a: &'a Analysis, quoted: &'a [Span]) -> People<'a> {
        People { a, quoted, name_starts: None, by_title_head: None, given: vec![None; a.entities.len()], in_order: vec![None; a.entities.len()] }
    }

    /// A person with a given name: the only entities either kind of candidate can be.
    fn is_named_person(&mut self, e: usize) -> bool {
        let a = self.a;
        *self.given[e].get_or_insert_with(|| a.entities[e].kind == EntityKind::Person && has_given_name(&a.entities[e].name))
    }

    /// People the pronoun fits, named (outside quotes) in the mention's paragraph before it:
    /// `(entity, its last mention there)`.
    fn pronoun_candidates(&mut self, mention: Span, paragraph: usize, pronoun: Pronoun) -> Vec<(usize, Span)> {
        let a = self.a;
        let Some(p) = a.paragraphs.get(paragraph) else { return Vec::new() };
        if is_heading_like(a, paragraph) {
            return Vec::new();
        }
        let window = Span { start: p.span.start, end: mention.start };
        let name_starts = self.name_starts.get_or_insert_with(|| {
            let mut starts: Vec<(u32, usize)> = a
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind == EntityKind::Person)
                .flat_map(|(i, e)| e.mentions.iter().filter(|m| m.kind == MentionKind::Name).map(move |m| (m.span.start, i)))
                .collect();
            starts.sort_unstable();
            starts
        });
        // Every mention inside the window starts inside it.
        let first = name_starts.partition_point(|&(s, _)| s < window.start);
        let mut near: Vec<usize> =
            name_starts[first..].iter().take_while(|&&(s, _)| s <= window.end).map(|&(_, e)| e).collect();
        near.sort_unstable();
        near.dedup();
        near.into_iter()
            // Only people the draft itself calls `he` (or `she`): an unknown pronoun is not a
            // second candidate readers would hesitate over.
            .filter(|&e| a.entities[e].pronoun == Some(pronoun) && self.is_named_person(e))
            .collect::<Vec<usize>>()
            .into_iter()
            .filter_map(|e| self.last_name_mention_in(e, window).map(|span| (e, span)))
            .collect()
    }

    /// People whose title's head word is the description's (`the official` -> titles ending in
    /// `official`), named anywhere before the mention.
    fn description_candidates(&mut self, mention: Span, words: &str) -> Vec<(usize, Span)> {
        let a = self.a;
        let lower = words.to_lowercase();
        let Some(head) = lower.strip_prefix("the ").and_then(|rest| rest.split_whitespace().last()) else { return Vec::new() };
        if head.len() < 3 {
            return Vec::new();
        }
        let by_title_head = self.by_title_head.get_or_insert_with(|| {
            let mut map: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, e) in a.entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Person) {
                if let Some(head) = e.title.as_deref().and_then(|t| t.to_lowercase().split_whitespace().last().map(str::to_string)) {
                    map.entry(head).or_default().push(i);
                }
            }
            map
        });
        let Some(titled) = by_title_head.get(head) else { return Vec::new() };
        let window = Span { start: 0, end: mention.start };
        let mut found = Vec::new();
        for &e in titled.clone().iter() {
            if !self.is_named_person(e) {
                continue;
            }
            if let Some(span) = self.last_name_mention_in(e, window) {
                found.push((e, span));
            }
        }
        found
    }

    /// The entity's last name mention inside the window and outside quotes. Mentions are kept in
    /// document order, so only those starting inside the window are looked at.
    fn last_name_mention_in(&mut self, e: usize, window: Span) -> Option<Span> {
        let mentions = &self.a.entities[e].mentions;
        let in_order = *self.in_order[e].get_or_insert_with(|| mentions.windows(2).all(|w| w[0].span.start <= w[1].span.start));
        let (lo, hi) = if in_order {
            let hi = mentions.partition_point(|m| m.span.start <= window.end);
            (mentions[..hi].partition_point(|m| m.span.start < window.start), hi)
        } else {
            (0, mentions.len())
        };
        mentions[lo..hi]
            .iter()
            .rev()
            .find(|m| m.kind == MentionKind::Name && window.contains_span(m.span) && !is_inside(self.quoted, m.span.start))
            .map(|m| m.span)
    }
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
