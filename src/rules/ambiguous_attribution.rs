use std::collections::HashMap;
use std::sync::Arc;

use super::prose::{has_given_name, is_heading_like, is_inside};
use super::{DocMemo, Finding, Related, Rule, RuleContext, RuleMeta};
use crate::analysis::entities::lexicon::{lexicon, TitleWord};
use crate::analysis::entities::{EntityKind, MentionKind, Pronoun};
use crate::analysis::span::Span;
use crate::analysis::Analysis;

crate::declare_rule! {
    /// ## What it does
    /// Flags an attribution whose speaker could be more than one person: `he said` when the
    /// nearest sentence before it that names a man names two, side by side and about equally
    /// salient (`Reyes met Patel`, `Lavrov and Fidan`), neither of them its speaker; or a
    /// description (`the official said`) that fits the titles of two or more people named before
    /// it. Only people the draft (or their given name) shows to be `he` (or `she`) count. A
    /// pronoun after one clear subject (`Reyes said the port would close, blaming Patel.`) is not
    /// ambiguous to readers and is not flagged. The candidates are listed in the message and shown
    /// beside the finding: at most five, those named nearest before the attribution, and how many
    /// others there are (`the president` in a long draft can fit dozens of people; a list of all of
    /// them helps no one, and each is one more related location for the editor to read).
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
        let quoted = cx.memo.outer_quotes(a);
        let mut people = People::new(a, quoted, cx.memo);
        // What the last run found for each attribution it looked at, when what every answer
        // reads across the draft (people's names and facts, which places are quoted) is the same.
        let same = cx.memo.sameness(a);
        let mut memo = cx.memo.attributions.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let last = memo.take().filter(|_| same.person_names_moved && same.entities_same && same.quote_ends_moved);
        let mut looked: Vec<Looked> = Vec::with_capacity(last.as_ref().map_or(0, |l| l.looked.len()));
        let mut findings: Vec<Finding> = Vec::new();
        let mut previous_speaker: Option<usize> = None;
        for q in &a.quotes {
            if !q.kind.is_speech() || q.parent.is_some() {
                continue;
            }
            let Some(speaker) = q.attribution.filter(|at| at.source == crate::analysis::attribution::AttributionSource::Local).and_then(|at| at.speaker) else { continue };
            // The same speaker as the quote before: readers follow the voice they are hearing.
            let same_voice = speaker.entity.is_some() && previous_speaker == speaker.entity;
            previous_speaker = speaker.entity.or(previous_speaker);
            if same_voice {
                continue;
            }
            // An answer depends on the mention, its quote's paragraph and the draft's people
            // alone, not on the attributions before it: the last run's answer at the same place
            // in the list is kept if it was for the same mention and read nothing the edit changed.
            let at = looked.len();
            let kept = last.as_ref().and_then(|l| l.looked.get(at).map(|old| (old, &l.findings))).and_then(|(old, found)| {
                if cx.memo.moved(old.mention) != Some(speaker.mention) {
                    return None;
                }
                let reads = match old.reads {
                    None => None,
                    // The paragraphs it read (and their places in the list), moved and untouched.
                    Some(Reads { stretch, quote_paragraph }) => {
                        let quote_paragraph = cx.memo.moved(quote_paragraph).filter(|_| !stretch.overlaps(same.changed))?;
                        if a.paragraphs.get(q.paragraph).map(|p| p.span) != Some(quote_paragraph) {
                            return None;
                        }
                        Some(Reads { stretch: cx.memo.moved(stretch)?, quote_paragraph })
                    }
                };
                let finding = match old.finding {
                    NONE => None,
                    i => Some(cx.memo.moved_finding(&found[i as usize])?),
                };
                Some((reads, finding))
            });
            let (reads, finding) = kept.unwrap_or_else(|| {
                // The mention's words are read only here: reading them for every quote of a long
                // draft was a cache miss each, most of this rule's time on a keystroke.
                let words = speaker.mention.text(text);
                let pronoun = Pronoun::of_word(words).filter(|p| matches!(p, Pronoun::He | Pronoun::She) && !words.contains(' '));
                let candidates = match pronoun {
                    Some(p) => people.pronoun_candidates(speaker.mention, q.paragraph, p),
                    None => people.description_candidates(speaker.mention, words),
                };
                let reads = pronoun.map(|_| Reads::of(a, speaker.mention, q.paragraph));
                (reads, (candidates.len() >= 2).then(|| Self::finding(a, speaker.mention, words, candidates)))
            });
            let finding = match finding {
                Some(f) => {
                    out.push(f.clone());
                    findings.push(f);
                    findings.len() as u32 - 1
                }
                None => NONE,
            };
            looked.push(Looked { mention: speaker.mention, reads, finding });
        }
        *memo = Some(Attributions { looked, findings, fresh: true }).filter(|_| !cx.memo.is_one_shot());
    }
}

impl AmbiguousAttribution {
    fn finding(a: &Analysis, mention: Span, words: &str, candidates: Vec<(usize, Span)>) -> Finding {
        let others = candidates.len().saturating_sub(MAX_CANDIDATES);
        let candidates = nearest(candidates, MAX_CANDIDATES);
        let names: Vec<&str> = candidates.iter().map(|&(e, _)| &*a.entities[e].name).collect();
        Finding {
            code: Self::META.code,
            severity: Self::META.default_severity,
            span: mention,
            message: format!("`{words}` could be {}: name the speaker", or_list(&names, others)).into(),
            fixes: Vec::new(),
            related: candidates
                .iter()
                .map(|&(e, span)| Related { span, message: format!("could be {}", a.entities[e].name).into() })
                .collect(),
        }
    }
}

/// What the last run of the rule found, attribution by attribution, kept for the next run: an
/// answer is kept (moved) when all it read is the same.
pub(super) struct Attributions {
    looked: Vec<Looked>,
    findings: Vec<Finding>,
    /// Made by the last run (see [`DocMemo::update`]).
    pub(super) fresh: bool,
}

/// One attribution the rule looked at.
struct Looked {
    /// The speaker's mention (`he`, `the official`).
    mention: Span,
    /// For a pronoun, the paragraphs its answer read.
    reads: Option<Reads>,
    /// Its finding's place in [`Attributions::findings`], or [`NONE`].
    finding: u32,
}

/// No finding.
const NONE: u32 = u32::MAX;

/// What a pronoun's answer reads, beyond people's names and facts (and which are quoted): the
/// text and the paragraphs of `stretch`, from the byte before the paragraph before the quote's
/// (the look-back's floor, and the word before a name there) through the byte after the
/// paragraph holding the mention (its sentences), or the quote's, or the mention, whichever ends
/// last. A quote in the opening paragraphs reads the whole top (is it a headline?), so its
/// stretch starts at 0.
#[derive(Clone, Copy)]
struct Reads {
    stretch: Span,
    /// The quote's paragraph, which the answer reads by its place in the list.
    quote_paragraph: Span,
}

impl Reads {
    fn of(a: &Analysis, mention: Span, paragraph: usize) -> Reads {
        let pars = &a.paragraphs;
        let start = if paragraph < 3 { 0 } else { pars.get(paragraph - 1).map_or(0, |p| p.span.start.saturating_sub(1)) };
        let quote_paragraph = pars.get(paragraph).map_or(Span { start: 0, end: 0 }, |p| p.span);
        let mention_end = a.paragraph_at(mention.start).map_or(0, |p| pars[p].span.end);
        let end = quote_paragraph.end.max(mention_end).max(mention.end).saturating_add(1);
        Reads { stretch: Span { start, end }, quote_paragraph }
    }
}

/// The start of the sentence holding `at`, or `at` if none does.
fn sentence_start(a: &Analysis, at: u32) -> u32 {
    let pi = a.paragraphs.partition_point(|p| p.span.start <= at).saturating_sub(1);
    a.paragraphs.get(pi).and_then(|p| p.sentence_at(at).map(|i| p.facts.sentences[i].start + p.offset())).unwrap_or(at)
}

/// Whether two names are side by side: at most three words between them and no punctuation
/// (`Lavrov and Fidan`, `Reyes met Patel`, not `Reyes, who had met Patel in May`).
fn side_by_side(text: &str, first: Span, second: Span) -> bool {
    let Some(gap) = text.get(first.end as usize..second.start as usize) else { return false };
    let words = gap.split_whitespace().count();
    // `McConnell spokesman Don Stewart`: the first is the second's employer, not a rival voice.
    let employer = gap.split_whitespace().last().is_some_and(|w| {
        lexicon().title_word(&w.to_lowercase()).is_some_and(|t| t == TitleWord::Head)
    });
    (1..=3).contains(&words) && !employer && gap.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || c == '-')
}

/// Whether the name is the speaker of a cue beside it: `Reyes said`, `Reyes told`, `said Reyes`.
fn speaks(text: &str, name: Span) -> bool {
    const CUES: &[&str] = &["said", "says", "told", "tells", "added", "asked", "wrote", "argued", "insisted"];
    let after = text.get(name.end as usize..).unwrap_or("");
    let next = after.trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let before = text.get(..name.start as usize).unwrap_or("").trim_end();
    let prev = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    CUES.contains(&next) || CUES.contains(&prev)
}

/// How many candidates a finding names (and shows as related locations).
const MAX_CANDIDATES: usize = 5;

/// The `max` candidates named nearest before the attribution (every candidate's mention is
/// before it), in the order the rule found them.
fn nearest(mut candidates: Vec<(usize, Span)>, max: usize) -> Vec<(usize, Span)> {
    if candidates.len() > max {
        let mut by_nearness: Vec<Span> = candidates.iter().map(|&(_, span)| span).collect();
        by_nearness.sort_unstable_by_key(|s| std::cmp::Reverse(s.start));
        let farthest_kept = by_nearness[max - 1].start;
        // Two mentions starting at the same place (never, but cheap to get right): the first
        // found is kept.
        let mut ties_kept = max - by_nearness.iter().filter(|s| s.start > farthest_kept).count();
        candidates.retain(|&(_, span)| match span.start.cmp(&farthest_kept) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal if ties_kept > 0 => {
                ties_kept -= 1;
                true
            }
            _ => false,
        });
    }
    candidates
}

/// `A`, `A or B`, `A, B or C`; with `others` left out, `A, B, C or 4 others`.
fn or_list(names: &[&str], others: usize) -> String {
    match (names, others) {
        ([], _) => String::new(),
        (names, 1..) => format!("{} or {others} other{}", names.join(", "), if others == 1 { "" } else { "s" }),
        ([one], 0) => one.to_string(),
        ([init @ .., last], 0) => format!("{} or {last}", init.join(", ")),
    }
}

/// The name mentions outside `quoted` (sorted), with their entities, sorted by position (and
/// entity).
fn names_outside(mentions: &[(usize, Span)], quoted: &[Span]) -> Vec<(Span, usize)> {
    let mut spans: Vec<(Span, usize)> = mentions.iter().map(|&(i, span)| (span, i)).collect();
    spans.sort_unstable_by_key(|&(s, i)| (s.start, i));
    // Sorted, the mentions inside quotes are found in one walk beside the sorted quotes
    // rather than by a search of all of them each (a long draft has 100,000 mentions).
    let mut next_quote = 0;
    spans.retain(|(s, _)| {
        while next_quote < quoted.len() && quoted[next_quote].end <= s.start {
            next_quote += 1;
        }
        !quoted.get(next_quote).is_some_and(|q| q.start <= s.start)
    });
    debug_assert!(spans.iter().all(|(s, _)| !is_inside(quoted, s.start)));
    spans
}

/// The people of a draft, indexed on first use so that each attribution looks only at the
/// names near it or sharing its title, not at every entity (a long draft has thousands).
struct People<'a> {
    a: &'a Analysis,
    quoted: &'a [Span],
    memo: &'a DocMemo,
    /// Every name mention of a person outside quotation marks, with its entity, in document
    /// order. Kept across runs (see [`DocMemo::person_names`]), so that it is moved rather than
    /// made again, and so asked for on every run that a next run may follow; made on first use
    /// in a one-shot run.
    name_spans: Option<Arc<[(Span, usize)]>>,
    /// Person entities by the last word of their title, lowercased; each list in entity order.
    by_title_head: Option<HashMap<String, Vec<usize>>>,
    /// Whether each entity is a person whose name starts with a given name (filled on demand).
    given: Vec<Option<bool>>,
    /// Whether each entity's mentions are in document order, as the core keeps them (checked on
    /// demand; if not, its mentions are all read).
    in_order: Vec<Option<bool>>,
}

impl<'a> People<'a> {
    fn new(a: &'a Analysis, quoted: &'a [Span], memo: &'a DocMemo) -> People<'a> {
        let name_spans = (!memo.is_one_shot()).then(|| memo.person_names(a, |mentions| names_outside(mentions, quoted)));
        People { a, quoted, memo, name_spans, by_title_head: None, given: vec![None; a.entities.len()], in_order: vec![None; a.entities.len()] }
    }

    /// A person with a given name: the only entities either kind of candidate can be.
    fn is_named_person(&mut self, e: usize) -> bool {
        let a = self.a;
        *self.given[e].get_or_insert_with(|| a.entities[e].kind == EntityKind::Person && has_given_name(&a.entities[e].name))
    }

    /// Two people the pronoun fits who are about equally salient: named side by side (`Lavrov and
    /// Fidan`, `Reyes met Patel`) in the nearest sentence before the mention that names anyone the
    /// pronoun fits, from the paragraph before on, neither of them the speaker of that sentence
    /// (`Reyes told Patel`): `(entity, its mention there)`. Otherwise that sentence's subject is
    /// who readers take the pronoun for, and nothing is returned.
    fn pronoun_candidates(&mut self, mention: Span, paragraph: usize, pronoun: Pronoun) -> Vec<(usize, Span)> {
        let a = self.a;
        if a.paragraphs.get(paragraph).is_none() || is_heading_like(a, paragraph) {
            return Vec::new();
        }
        let floor = a.paragraphs[paragraph.saturating_sub(1)].span.start;
        let (memo, quoted) = (self.memo, self.quoted);
        let names: &[(Span, usize)] = self.name_spans.get_or_insert_with(|| memo.person_names(a, |mentions| names_outside(mentions, quoted)));
        let mut i = names.partition_point(|(s, _)| s.start < mention.start);
        for _ in 0..8 {
            let Some(&(last, _)) = i.checked_sub(1).map(|k| &names[k]) else { break };
            if last.start < floor {
                break;
            }
            let start = sentence_start(a, last.start);
            let j = names[..i].partition_point(|(s, _)| s.start < start);
            let fitting: Vec<(Span, usize)> = names[j..i]
                .iter()
                .copied()
                .filter(|&(_, e)| a.entities[e].pronoun == Some(pronoun) && has_given_name(&a.entities[e].name))
                .collect();
            let Some(&(first, subject)) = fitting.first() else {
                i = j;
                continue;
            };
            let text = &*a.scan_text;
            let beside = fitting.iter().find(|&&(s, e)| e != subject && side_by_side(text, first, s));
            return match beside {
                Some(&(s, e)) if !speaks(text, first) && !speaks(text, s) => vec![(subject, first), (e, s)],
                _ => Vec::new(),
            };
        }
        Vec::new()
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
        // Taken out while the people are looked at (which needs `self`), and put back.
        let by_title_head = self.by_title_head.take().unwrap_or_else(|| {
            let mut map: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, e) in a.entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Person) {
                if let Some(head) = e.title.as_deref().and_then(|t| t.to_lowercase().split_whitespace().last().map(str::to_string)) {
                    map.entry(head).or_default().push(i);
                }
            }
            map
        });
        let window = Span { start: 0, end: mention.start };
        let mut found = Vec::new();
        for &e in by_title_head.get(head).into_iter().flatten() {
            if !self.is_named_person(e) {
                continue;
            }
            if let Some(span) = self.last_name_mention_in(e, window) {
                found.push((e, span));
            }
        }
        self.by_title_head = Some(by_title_head);
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
    fn two_men_side_by_side_are_equally_salient() {
        // Neither is ever called `he`: their given names say it.
        let found = run(&AmbiguousAttribution, "Victor Lang and Peter Brandt spoke for two hours on Monday. \"It was a frank exchange,\" he said.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("Victor Lang or Peter Brandt"), "{}", found[0].1);
    }

    /// A lead naming `n` senators, each in a sentence of their own, then a quote `the senator` said.
    fn senators(n: usize) -> String {
        let names = ["Ann Lee", "Beth Moss", "Carl Hart", "Dana Ruiz", "Eric Yu", "Fay Ono", "Gus Bell"];
        let lead: Vec<String> = names[..n].iter().map(|name| format!("Senator {name} spoke on the bill.")).collect();
        format!("WASHINGTON — {}\n\n\"It will pass,\" the senator said.\n", lead.join(" "))
    }

    #[test]
    fn a_long_candidate_list_names_the_five_nearest_and_counts_the_others() {
        let text = senators(7);
        let analysis = crate::analysis::analyze(&text, crate::analysis::layout::Format::Plain);
        let mut found = Vec::new();
        crate::rules::check_one(&AmbiguousAttribution, &analysis, &crate::config::Config::default(), &mut found);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&*found[0].message, "`the senator` could be Carl Hart, Dana Ruiz, Eric Yu, Fay Ono, Gus Bell or 2 others: name the speaker");
        let related: Vec<(&str, &str)> = found[0].related.iter().map(|r| (r.span.text(&text), &*r.message)).collect();
        assert_eq!(
            related,
            [
                ("Carl Hart", "could be Carl Hart"),
                ("Dana Ruiz", "could be Dana Ruiz"),
                ("Eric Yu", "could be Eric Yu"),
                ("Fay Ono", "could be Fay Ono"),
                ("Gus Bell", "could be Gus Bell"),
            ]
        );
        let found = run(&AmbiguousAttribution, &senators(6));
        assert_eq!(found[0].1, "`the senator` could be Beth Moss, Carl Hart, Dana Ruiz, Eric Yu, Fay Ono or 1 other: name the speaker");
        // Five or fewer are all named, as before.
        let found = run(&AmbiguousAttribution, &senators(5));
        assert_eq!(found[0].1, "`the senator` could be Ann Lee, Beth Moss, Carl Hart, Dana Ruiz or Eric Yu: name the speaker");
    }

    #[test]
    fn the_nearest_keep_the_rule_order_and_ties_are_kept_once() {
        let at = |start: u32| Span { start, end: start + 1 };
        let candidates = vec![(0, at(50)), (1, at(10)), (2, at(40)), (3, at(20)), (4, at(30)), (5, at(40))];
        assert_eq!(nearest(candidates.clone(), 3), [(0, at(50)), (2, at(40)), (5, at(40))]);
        assert_eq!(nearest(candidates.clone(), 2), [(0, at(50)), (2, at(40))]);
        assert_eq!(nearest(candidates.clone(), 6), candidates);
    }

    #[test]
    fn one_candidate_or_a_known_pronoun_is_clear() {
        for text in [
            "Tom Reyes spoke on Tuesday. \"The deal is dead,\" he said.",
            // The draft says Okafor is `she`, so `he` can only be Reyes.
            "Ines Okafor runs the port; she took over in May.\n\nOkafor met Tom Reyes on Tuesday. \"The deal is dead,\" he said.",
            "Tom Reyes met Sam Patel on Tuesday. \"The deal is dead,\" Reyes said.",
            // One clear subject: the man he blamed is not a rival voice.
            "Victor Lang said he was tired. Peter Brandt said he was not.\n\nVictor Lang said the port would close and blamed Peter Brandt for the delay. \"It is over,\" he said.",
            // An employer before a name is not a second speaker.
            "Victor Lang said he was tired.\n\nLang spokesman Peter Brandt said he would not comment. \"Nothing is settled,\" he said.",
        ] {
            assert!(run(&AmbiguousAttribution, text).is_empty(), "{text}");
        }
    }
}
