//! Keeps the answers of coreference's walk over the speaker mentions from one analysis to the
//! next, so that a keystroke resolves afresh only the mentions near the edit.
//!
//! The walk resolves the speaker mentions in document order; between two of them its state is the
//! last speaker and the last unnamed voice ([`WalkState`]). A mention's answer is a function of
//! that state, of what the whole draft says (the entities with their names, kinds, titles,
//! pronouns and mentions; the people and possessors named outside quotation marks; the draft's
//! author; everyone's roles) and of what it reads near the mention: the text up to
//! [`MARGIN`] bytes either side (the farthest read is 4,000 bytes back, for an unnamed person
//! brought in before a description) and the paragraphs from two before the mention's to one
//! after it. Everything else it asks of the draft is the order of those positions.
//!
//! So an old answer is reused when, all at once:
//! - the document-wide inputs are the same, positions compared through the edit's shift (the text
//!   before the edit's first changed byte is the same, the text after its last is the same moved by
//!   the byte delta): [`LastWalk::reuse`];
//! - the mention is the same, in the same paragraph, and is outside the edited stretch: neither its
//!   bytes within [`MARGIN`] nor its paragraph within reach of a paragraph the edit touched
//!   ([`Reuse::answer`]);
//! - and the walk reaches it in the same state as last time.
//!
//! Mentions near the edit are resolved afresh; after them the state usually comes back to what it
//! was (as an incremental lexer's does) and the rest of the old answers hold. When the inputs
//! differ (a name typed, a pronoun learnt otherwise), every mention is resolved afresh.

use std::ops::Range;
use std::sync::Arc;

use crate::analysis::entities::{Entity, MentionKind};
use crate::analysis::paragraph::Paragraph;
use crate::analysis::span::Span;
use crate::analysis::{TextEdit, Unchanged};

use super::index::WordLists;
use super::shifted::Proof;
#[cfg(doc)]
use super::shifted::Shifted;
use super::{PersonMention, SpeakerQuery};

/// Bytes either side of a mention its resolution may read: more than the 4,000 bytes
/// `introduced_unnamed` reads back, and the 120 `unheld_office` reads on.
const MARGIN: u32 = 8192;

/// The walk's state between two speaker mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WalkState {
    /// The last resolved speaker and the paragraph of its quote.
    pub(super) last_speaker: Option<(usize, usize)>,
    /// The paragraph of the last quote whose speaker is a description of no one named.
    pub(super) unnamed_voice: Option<usize>,
}

/// One speaker mention's step of the walk: the state it was resolved in and its answer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Step {
    pub(super) before: WalkState,
    pub(super) entity: Option<usize>,
    pub(super) kind: MentionKind,
}

/// The last analysis's walk with what it was resolved from.
pub(super) struct LastWalk {
    text: Arc<String>,
    /// Shared with the other memos of the same analysis.
    paragraphs: Arc<Vec<Paragraph>>,
    /// The entities as the walk read them.
    entities: EntityRecord,
    people: Vec<PersonMention>,
    possessors: Vec<PersonMention>,
    queries: Vec<SpeakerQuery>,
    author: Option<usize>,
    /// The roles' words and lists ([`WordLists`]; its word index follows from them).
    roles: (String, Vec<(usize, Range<usize>)>),
    steps: Vec<Step>,
}

/// What the walk of a new analysis needs to read an old answer: the old steps and where the edit
/// lies.
pub(super) struct Reuse {
    steps: Vec<Step>,
    /// The edited stretch in the new text, widened to whole paragraphs and their neighbours.
    zone: (u32, u32),
    /// The paragraphs (by index) the edit touched, widened by one either side.
    dirty: (usize, usize),
}

/// What the walk of this analysis was given and found, kept for the next.
pub(super) struct Record<'a> {
    pub(super) text: &'a Arc<String>,
    pub(super) paragraphs: &'a Arc<Vec<Paragraph>>,
    pub(super) entities: EntityRecord,
    pub(super) people: Vec<PersonMention>,
    pub(super) possessors: Vec<PersonMention>,
    pub(super) queries: &'a [SpeakerQuery],
    pub(super) author: Option<usize>,
    pub(super) roles: Option<&'a WordLists>,
    pub(super) steps: Vec<Step>,
}

impl LastWalk {
    pub(super) fn new(r: Record<'_>) -> LastWalk {
        LastWalk {
            text: Arc::clone(r.text),
            paragraphs: Arc::clone(r.paragraphs),
            // The proof served this analysis; kept, it would keep the text before alive.
            entities: EntityRecord { proven: None, ..r.entities },
            people: r.people,
            possessors: r.possessors,
            queries: r.queries.to_vec(),
            author: r.author,
            roles: r.roles.map_or_else(Default::default, |w| (w.text.clone(), w.lists.clone())),
            steps: r.steps,
        }
    }

    /// The old steps, if this analysis's document-wide inputs are the last one's through the
    /// edit's shift (see the module's comment). `entities` are as the walk reads them: pronouns
    /// learnt, no pronoun or description mention added yet.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn reuse(
        self,
        text: &str,
        paragraphs: &[Paragraph],
        entities: &EntityRecord,
        people: &[PersonMention],
        possessors: &[PersonMention],
        queries: &[SpeakerQuery],
        author: Option<usize>,
        (roles, roles_reused): (&WordLists, bool),
        edit: Option<&TextEdit>,
    ) -> Option<Reuse> {
        // The roles are the last analysis's if its memo proved them so, or if they read the same.
        if !roles_reused && (roles.text != self.roles.0 || roles.lists != self.roles.1) {
            return None;
        }
        if author != self.author
            || paragraphs.len() != self.paragraphs.len()
            || queries.len() != self.queries.len()
            || people.len() != self.people.len()
            || possessors.len() != self.possessors.len()
            || entities.counts.len() != self.entities.counts.len()
        {
            return None;
        }
        let shift = TextEdit::unchanged_for(edit, &self.text, text);
        // Every position compared through the shift: the same mention, person or paragraph.
        let same_point = |old: u32, new: u32| shift.point(old) == Some(new);
        let same_span = |old: Span, new: Span| shift.span(old) == Some(new);
        if entities.pronouns != self.entities.pronouns {
            return None;
        }
        // Proven the last ones moved with the text ([`EntityRecord::of`]), the entities' names and
        // mentions and the people need no comparison.
        let proven = entities.proven.as_ref().is_some_and(|p| p.through(&self.text, &shift));
        let same_people = |new: &[PersonMention], old: &[PersonMention]| {
            new.iter().zip(old).all(|(n, o)| n.entity == o.entity && same_point(o.start, n.start))
        };
        let compared = || {
            self.entities.same_through(entities, &shift) && same_people(people, &self.people) && same_people(possessors, &self.possessors)
        };
        #[cfg(test)]
        assert!(!proven || compared(), "a proof the comparison turns down");
        if !proven && !compared() {
            return None;
        }
        for (q, o) in queries.iter().zip(&self.queries) {
            if q.paragraph != o.paragraph || !same_span(o.mention, q.mention) {
                return None;
            }
        }
        // The paragraphs the edit touched: those not the same facts at the same shifted place, and
        // those holding or bordering the edited bytes.
        let (lo, hi) = shift.new_stretch();
        let mut dirty: Option<(usize, usize)> = None;
        let mut mark = |i: usize| dirty = Some(dirty.map_or((i, i), |(a, b)| (a.min(i), b.max(i))));
        for (i, (p, o)) in paragraphs.iter().zip(self.paragraphs.iter()).enumerate() {
            if !Arc::ptr_eq(&p.facts, &o.facts) || !same_span(o.span, p.span) {
                mark(i);
            }
        }
        if !shift.changes_nothing() {
            let first = paragraphs.partition_point(|p| p.span.end < lo);
            let last = paragraphs.partition_point(|p| p.span.start <= hi);
            mark(first.min(paragraphs.len().saturating_sub(1)));
            mark(last.saturating_sub(1));
        }
        let steps = self.steps;
        let Some((d_lo, d_hi)) = dirty else {
            // The same text and paragraphs: every answer holds.
            return Some(Reuse { steps, zone: (u32::MAX, u32::MAX), dirty: (usize::MAX, usize::MAX) });
        };
        let (d_lo, d_hi) = (d_lo.saturating_sub(1), (d_hi + 1).min(paragraphs.len().saturating_sub(1)));
        // From the end of the paragraph before the first dirty one to the start of the one after
        // the last: the gaps between paragraphs belong to the zone too.
        let z_lo = d_lo.checked_sub(1).map_or(0, |i| paragraphs[i].span.end).min(lo);
        let z_hi = paragraphs.get(d_hi + 1).map_or(u32::MAX, |p| p.span.start).max(hi);
        Some(Reuse { steps, zone: (z_lo, z_hi), dirty: (d_lo, d_hi) })
    }
}

impl Reuse {
    /// The old answer to the `k`th speaker mention `q`, in paragraph `par`, reached in state
    /// `now`, if it holds (see the module's comment).
    pub(super) fn answer(&self, k: usize, q: &SpeakerQuery, par: usize, now: WalkState) -> Option<(Option<usize>, MentionKind)> {
        let step = self.steps.get(k)?;
        if step.before != now {
            return None;
        }
        let (d_lo, d_hi) = self.dirty;
        let far_paragraph = d_lo == usize::MAX || par + 2 < d_lo || par > d_hi + 2;
        let (z_lo, z_hi) = self.zone;
        let far_bytes = z_lo == u32::MAX
            || u64::from(q.mention.end) + u64::from(MARGIN) <= u64::from(z_lo)
            || u64::from(q.mention.start) >= u64::from(z_hi) + u64::from(MARGIN);
        let holds = far_paragraph && far_bytes;
        #[cfg(test)]
        REUSED.with(|n| n.set(n.get() + usize::from(holds)));
        holds.then_some((step.entity, step.kind))
    }
}

#[cfg(test)]
thread_local! {
    /// How many old answers this thread's analyses have reused.
    static REUSED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// What the walk reads of the entities, kept to compare with the next analysis's.
#[derive(Default)]
pub(super) struct EntityRecord {
    /// Each entity's kind, name and title ([`entity_key`]).
    key: Vec<u8>,
    /// Each entity's pronoun.
    pronouns: Vec<u8>,
    /// Each entity's mentions in turn, with how many each has.
    mentions: Vec<(u32, u32, MentionKind)>,
    counts: Vec<u32>,
    /// The proof that these are the last analysis's entities moved with the text.
    proven: Option<Proof>,
}

impl EntityRecord {
    /// The walk's record of `entities` (pronouns learnt, no pronoun or description mention added
    /// yet). With `proof` that they are `last`'s moved with the text ([`Shifted::proof`]), the
    /// key and the mentions are `last`'s, moved in place (taken from `last`, which then serves
    /// only a reuse through the same proof), not read again from every entity of the draft.
    pub(super) fn of(entities: &[Entity], last: Option<&mut LastWalk>, proof: Option<Proof>) -> EntityRecord {
        let pronouns = pronoun_bytes(entities);
        type Parts = (Vec<u8>, Vec<(u32, u32, MentionKind)>, Vec<u32>);
        let moved = |last: &mut LastWalk, proof: &Proof| -> Option<Parts> {
            let old = &mut last.entities;
            if !proof.made_from(&last.text) || old.counts.len() != entities.len() {
                return None;
            }
            let u = *proof.unchanged();
            // Under test the old record stays whole, for `reuse` to cross-check the proof. (The
            // counts stay in any case: `reuse` compares their number first.)
            #[cfg(test)]
            let (key, mut mentions, counts) = (old.key.clone(), old.mentions.clone(), old.counts.clone());
            #[cfg(not(test))]
            let (key, mut mentions, counts) = (std::mem::take(&mut old.key), std::mem::take(&mut old.mentions), old.counts.clone());
            for m in &mut mentions {
                let s = u.span(Span { start: m.0, end: m.1 })?;
                (m.0, m.1) = (s.start, s.end);
            }
            Some((key, mentions, counts))
        };
        let kept = last.zip(proof.as_ref()).and_then(|(last, proof)| moved(last, proof));
        #[cfg(test)]
        let was_moved = kept.is_some();
        let (key, mentions, counts) = kept.unwrap_or_else(|| {
            let mut mentions = Vec::new();
            let mut counts = Vec::with_capacity(entities.len());
            for e in entities {
                counts.push(e.mentions.len() as u32);
                mentions.extend(e.mentions.iter().map(|m| (m.span.start, m.span.end, m.kind)));
            }
            (entity_key(entities), mentions, counts)
        });
        let record = EntityRecord { key, pronouns, mentions, counts, proven: proof };
        #[cfg(test)]
        if was_moved {
            let fresh = EntityRecord::of(entities, None, None);
            assert!(fresh.key == record.key && fresh.mentions == record.mentions && fresh.counts == record.counts);
        }
        record
    }

    /// The proof this record was made with, if any.
    pub(super) fn proven(&self) -> Option<&Proof> {
        self.proven.as_ref()
    }

    /// Whether `new` is this record through the shift: the same names, kinds and titles, and the
    /// same mentions moved.
    fn same_through(&self, new: &EntityRecord, shift: &Unchanged) -> bool {
        self.key == new.key
            && self.counts == new.counts
            && self.mentions.len() == new.mentions.len()
            && self.mentions.iter().zip(&new.mentions).all(|(&(start, end, kind), &(ns, ne, nk))| {
                kind == nk && shift.span(Span { start, end }) == Some(Span { start: ns, end: ne })
            })
    }
}

/// Each entity's pronoun, as a byte.
pub(super) fn pronoun_bytes(entities: &[Entity]) -> Vec<u8> {
    entities.iter().map(|e| e.pronoun.map_or(u8::MAX, |p| p as u8)).collect()
}

/// The pronoun [`pronoun_bytes`] wrote as `b`.
#[cfg(test)]
pub(super) fn pronoun_from_byte(b: u8) -> Option<crate::analysis::entities::Pronoun> {
    use crate::analysis::entities::Pronoun;
    [Pronoun::He, Pronoun::She, Pronoun::They, Pronoun::It].into_iter().find(|&p| p as u8 == b)
}

impl LastWalk {
    /// The speaker mentions the last walk was given, if it was of `text`.
    pub(super) fn queries_of(&self, text: &Arc<String>) -> Option<&[SpeakerQuery]> {
        Arc::ptr_eq(&self.text, text).then_some(&self.queries[..])
    }
}

/// Each entity's kind, name and title, without ambiguity.
pub(super) fn entity_key(entities: &[Entity]) -> Vec<u8> {
    let mut key = Vec::with_capacity(entities.len() * 24);
    for e in entities {
        key.push(e.kind as u8);
        key.extend_from_slice(&(e.name.len() as u32).to_le_bytes());
        key.extend_from_slice(e.name.as_bytes());
        match e.title.as_deref() {
            Some(t) => {
                key.extend_from_slice(&(t.len() as u32).to_le_bytes());
                key.extend_from_slice(t.as_bytes());
            }
            None => key.extend_from_slice(&u32::MAX.to_le_bytes()),
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::layout::Format;
    use crate::analysis::{analyze, Analyzer};

    /// A draft whose `he said` (two paragraphs after the sentence naming two men) is whoever
    /// that sentence makes its subject or the one asked, followed by enough paragraphs that the
    /// walk reaches them far from any edit above.
    fn draft(verb: &str) -> String {
        let mut text = String::from("Harbour talks\n\nMr. Adler and Mr. Berg arrived at the port on Monday.\n\n");
        text.push_str(&format!("Mark Adler {verb} Tom Berg.\n\nThe talks ran late into the night.\n\n"));
        text.push_str("\"We are close,\" he said.\n\n");
        for i in 0..400 {
            text.push_str(&format!("Anna Lind spoke at pier {i}. \"It will reopen,\" she said.\n\n"));
        }
        text
    }

    fn speaker_of(text: &str, quoted: &str) -> Option<usize> {
        let analysis = analyze(text, Format::Plain);
        let q = analysis.quotes.iter().find(|q| q.span.text(text).contains(quoted)).expect("the quote");
        q.attribution.and_then(|a| a.speaker?.entity)
    }

    /// An edit that changes who `he` is two paragraphs on (`asked` makes the one asked the
    /// speaker) is seen, though the edited paragraph holds no quote; the answers far below are
    /// reused, and every warm analysis equals a fresh one.
    #[test]
    fn an_edit_changes_a_pronoun_beyond_its_paragraph_and_far_answers_are_reused() {
        let (asked, thanked) = (draft("asked"), draft("thanked"));
        assert_ne!(speaker_of(&asked, "We are close"), speaker_of(&thanked, "We are close"), "the edit must change the answer");
        let mut analyzer = Analyzer::default();
        for text in [&asked, &thanked, &asked, &thanked] {
            let before = REUSED.with(|n| n.get());
            let warm = analyzer.analyze(text, Format::Plain);
            let reused = REUSED.with(|n| n.get()) - before;
            assert_eq!(format!("{warm:?}"), format!("{:?}", analyze(text, Format::Plain)));
            if text != &asked || before > 0 {
                assert!(reused > 100, "answers far from the edit are reused: {reused}");
            }
        }
    }

    /// Typing a new name two paragraphs before `he said` changes the people: every answer is
    /// resolved afresh, and the warm analysis equals a fresh one.
    #[test]
    fn a_new_name_typed_before_he_said_is_resolved_afresh() {
        let before = draft("thanked");
        let after = before.replace("The talks ran late", "Carl Moss said the talks ran late");
        assert_ne!(speaker_of(&before, "We are close"), speaker_of(&after, "We are close"), "the edit must change the answer");
        let mut analyzer = Analyzer::default();
        for text in [&before, &after, &before] {
            let warm = analyzer.analyze(text, Format::Plain);
            assert_eq!(format!("{warm:?}"), format!("{:?}", analyze(text, Format::Plain)));
        }
    }

    #[test]
    fn the_shift_of_an_insertion_a_deletion_and_a_replacement() {
        let s = Unchanged::between("abcdef", "abXcdef");
        assert_eq!((s.prefix, s.suffix, s.delta()), (2, 4, 1));
        assert_eq!((s.point(1), s.point(2), s.point(5)), (Some(1), Some(3), Some(6)));
        let s = Unchanged::between("abcdef", "abef");
        assert_eq!((s.prefix, s.suffix, s.delta()), (2, 2, -2));
        assert_eq!((s.point(2), s.point(3), s.point(4)), (None, None, Some(2)));
        let s = Unchanged::between("aaaa", "aaaaa");
        assert_eq!(s.prefix + s.suffix, 4, "a repeat is not counted twice");
        let long_a = "x".repeat(10_000) + "a" + &"y".repeat(9_000);
        let long_b = "x".repeat(10_000) + "bb" + &"y".repeat(9_000);
        let s = Unchanged::between(&long_a, &long_b);
        assert_eq!((s.prefix, s.suffix, s.delta()), (10_000, 9_000, 1));
        assert_eq!(s.span(Span { start: 10_001, end: 10_005 }), Some(Span { start: 10_002, end: 10_006 }));
        assert_eq!(s.span(Span { start: 9_999, end: 10_001 }), None);
    }
}
