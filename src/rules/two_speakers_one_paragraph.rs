use super::prose::bare_name;
use super::{Finding, Related, Rule, RuleContext, RuleMeta};
use crate::analysis::attribution::AttributionSource;
use crate::analysis::entities::{EntityKind, MentionKind};
use crate::analysis::quotes::{Quote, QuoteKind};
use crate::analysis::span::{partition_point_near, Span};
use crate::analysis::Analysis;

crate::declare_rule! {
    /// ## What it does
    /// Flags a paragraph with direct quotes from two different people, each named where they speak
    /// (`"...," Reyes said`). Quotes attributed by a pronoun or a description carry on the voice
    /// already there and are not counted, nor are organisations. The second speaker's quote is
    /// flagged; the first is shown beside it.
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
        let mut person_named = vec![None; a.entities.len()];
        // Where in each entity's mentions the last speaker looked up was: the next is near it.
        let mut near = vec![0u32; a.entities.len()];
        // A finding needs two quotes of one paragraph with speakers of their own: the quotes
        // are read paragraph by paragraph, and only where two such quotes share one are their
        // speakers looked up (each a read of the entity's mentions, far off in a long draft).
        let mut group: Vec<&Quote> = Vec::new();
        let mut quotes = a.quotes.iter().filter(|q| q.kind == QuoteKind::Direct && q.parent.is_none() && has_own_speaker(q)).peekable();
        while let Some(q) = quotes.next() {
            group.push(q);
            if quotes.peek().is_some_and(|next| next.paragraph == q.paragraph) {
                continue;
            }
            if group.len() >= 2 {
                self.check_paragraph_quotes(a, &group, &mut person_named, &mut near, out);
            }
            group.clear();
        }
    }
}

impl TwoSpeakersOneParagraph {
    /// The finding, if any, among the quotes of one paragraph that have speakers of their own.
    fn check_paragraph_quotes(&self, a: &Analysis, quotes: &[&Quote], person_named: &mut [Option<bool>], near: &mut [u32], out: &mut Vec<Finding>) {
        // (paragraph, entity, quote span, speaker mention) of the paragraph's first speaker.
        let mut first: Option<(usize, usize, Span, Span)> = None;
        for &q in quotes {
            let Some((entity, mention)) = named_speaker(a, q, person_named, near) else { continue };
            match first {
                Some((par, usize::MAX, ..)) if par == q.paragraph => {}
                Some((par, e, quote_span, first_mention)) if par == q.paragraph && !split_by_a_line_break(a, quote_span, q.span) => {
                    if !same_person(a, e, entity) {
                        let name = |i: usize| a.entities.get(i).map_or("someone", |e| &*e.name);
                        out.push(Finding {
                            code: Self::META.code,
                            severity: Self::META.default_severity,
                            span: q.span,
                            message: format!(
                                "Quotes from {} and {} in one paragraph: give {} a paragraph of their own",
                                name(e),
                                name(entity),
                                name(entity)
                            )
                            .into(),
                            fixes: Vec::new(),
                            related: vec![
                                Related { span: quote_span, message: format!("quote from {}", name(e)).into() },
                                Related { span: first_mention, message: format!("{} is named here", name(e)).into() },
                            ],
                        });
                        // One finding per paragraph is enough.
                        first = Some((par, usize::MAX, quote_span, first_mention));
                    }
                }
                _ => first = Some((q.paragraph, entity, q.span, mention)),
            }
        }
    }
}

/// Whether a quote's own attribution (not one carried over) names an entity: what
/// [`named_speaker`] asks first, without reading the entity.
fn has_own_speaker(q: &Quote) -> bool {
    q.attribution.is_some_and(|at| at.source == AttributionSource::Local && at.speaker.is_some_and(|sp| sp.entity.is_some()))
}

/// The person a quote's own attribution names, with the naming words: `"...," Reyes said`. A
/// pronoun or a description (`he said`, `the official said`) is left out: in one paragraph it
/// almost always carries on the voice already there, and a resolver's guess is no ground to say
/// otherwise; so is an attribution carried over from an earlier quote, and so are organisations and
/// places, which are not the people the convention is about.
/// `person_named` remembers [`names_a_person`] for each entity over one run, and `near` where in
/// its mentions the last look-up was.
fn named_speaker(a: &Analysis, q: &Quote, person_named: &mut [Option<bool>], near: &mut [u32]) -> Option<(usize, Span)> {
    let at = q.attribution.filter(|at| at.source == AttributionSource::Local)?;
    let speaker = at.speaker?;
    let index = speaker.entity?;
    let entity = a.entities.get(index)?;
    if entity.kind != EntityKind::Person || !*person_named[index].get_or_insert_with(|| names_a_person(&entity.name)) {
        return None;
    }
    // Mentions are sorted and do not overlap (see `Entity::add_mention`), so their ends are sorted
    // too: only those around the speaker's words are looked at, not a frequent speaker's hundreds,
    // found from where the last quote's speaker was (quotes come in order).
    let around = partition_point_near(&entity.mentions, near[index] as usize, |m| m.span.end <= speaker.mention.start);
    near[index] = around as u32;
    let named = entity.mentions[around..]
        .iter()
        .take_while(|m| m.span.start < speaker.mention.end)
        .any(|m| m.kind == MentionKind::Name && m.span.overlaps(speaker.mention));
    named.then_some((index, speaker.mention))
}

/// Whether a name reads as a person's: a given name before the last word (`Maria Okafor`,
/// `Writer Tom Reyes`), or a courtesy title (`Mr Okafor`). `Global Asset Management`, which the
/// entity pass may take for a person, has neither.
fn names_a_person(name: &str) -> bool {
    use crate::analysis::entities::lexicon::lexicon;
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some((_, before_last)) = words.split_last() else { return false };
    before_last.iter().any(|w| lexicon().is_given_name(&w.to_lowercase()))
        || words.first().is_some_and(|w| lexicon().is_honorific(&w.to_lowercase()))
}

/// Whether two quotes of one paragraph are on different lines of a draft that writes one paragraph
/// per line without blank lines between them: a line of prose longer than any hard-wrapped line
/// ends between them with the end of a sentence.
fn split_by_a_line_break(a: &Analysis, first: Span, second: Span) -> bool {
    /// Hard-wrapped text breaks lines before this many bytes.
    const WRAP_MAX: usize = 100;
    let text = &*a.scan_text;
    let (from, to) = (first.end as usize, second.start as usize);
    if from >= to {
        return false;
    }
    let Some(par) = a.paragraph_at(first.start).and_then(|p| a.paragraphs.get(p)) else { return false };
    let one_per_line = par.span.text(text).lines().any(|l| l.len() > WRAP_MAX);
    one_per_line
        && text[from..to].match_indices('\n').any(|(i, _)| {
            text[..from + i].trim_end().ends_with(['.', '?', '!', '"', '”', ':'])
        })
}

/// Whether two entities are one person that the draft's names split in two: every word of one
/// name is in the other (`Professor Dautenhahn`, `Professor Kerstin Dautenhahn`). `Mike Bryan`
/// and `Bob Bryan` are two people.
fn same_person(a: &Analysis, x: usize, y: usize) -> bool {
    if x == y {
        return true;
    }
    let (Some(x), Some(y)) = (a.entities.get(x), a.entities.get(y)) else { return false };
    names_of_one_person(&x.name, &y.name)
}

fn names_of_one_person(x: &str, y: &str) -> bool {
    let (wx, wy): (Vec<&str>, Vec<&str>) = (bare_name(x).split_whitespace().collect(), bare_name(y).split_whitespace().collect());
    let (short, long) = if wx.len() <= wy.len() { (&wx, &wy) } else { (&wy, &wx) };
    !short.is_empty() && short.iter().all(|w| long.contains(w))
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

    #[test]
    fn a_pronoun_or_a_description_carries_on_the_voice() {
        for text in [
            "Ines Okafor runs the harbour. Tom Reyes sits on the council.\n\n\"It is over for the harbour,\" Okafor said. Reyes had called for a vote. \"We tried everything we could,\" he said.\n",
            "Ines Okafor runs the harbour. Tom Reyes sits on the council.\n\n\"It is over for the harbour,\" Okafor said. \"We tried everything we could,\" the councillor said.\n",
        ] {
            assert_eq!(run(&TwoSpeakersOneParagraph, text), [], "{text}");
        }
    }

    #[test]
    fn organisations_are_not_second_speakers() {
        let text = "Ines Okafor runs the harbour.\n\n\"It is over for the harbour,\" Okafor said. \"We will appeal the ruling,\" the Harbourton Port Authority said.\n";
        assert_eq!(run(&TwoSpeakersOneParagraph, text), []);
    }

    #[test]
    fn one_paragraph_per_line_drafts_break_paragraphs_at_line_ends() {
        let text = "Ines Okafor runs the harbour and Tom Reyes sits on the council, and the two of them have not agreed on much this year.\n\"It is over for the harbour and for the boats that use it, and everyone here knows it,\" Okafor said.\n\"No, it is not over yet,\" Reyes said.\n";
        assert_eq!(run(&TwoSpeakersOneParagraph, text), []);
        // Hard-wrapped lines are one paragraph.
        let wrapped = "Ines Okafor runs the harbour. Tom Reyes sits\non the council.\n\n\"It is over,\" Okafor said.\n\"No, it is not over yet,\" Reyes said.\n";
        assert_eq!(run(&TwoSpeakersOneParagraph, wrapped).len(), 1);
    }

    #[test]
    fn a_name_without_a_given_name_or_title_is_not_taken_for_a_person() {
        assert!(names_a_person("Maria Okafor") && names_a_person("Writer Tom Reyes") && names_a_person("Mr Okafor"));
        assert!(!names_a_person("Global Asset Management") && !names_a_person("Okafor"));
    }

    #[test]
    fn a_name_split_in_two_is_one_person() {
        assert!(names_of_one_person("Professor Okafor", "Professor Ines Okafor"));
        assert!(names_of_one_person("Ines Okafor of Harbourton", "Ms Ines Okafor"));
        assert!(!names_of_one_person("Mike Okafor", "Ines Okafor"));
        assert!(!names_of_one_person("Tom Reyes", "Ines Okafor"));
    }
}
