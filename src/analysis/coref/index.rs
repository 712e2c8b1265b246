//! The indexes coreference reads on every analysis: name mentions by start, each entity's
//! mentions among the people, lists of title and organisation words, and quote spans walked in
//! order. Each keeps a query proportional to the mentions near it, not to every entity.

use super::PersonMention;
use crate::analysis::entities::{entity_mention_at, Entity, MentionKind};
use crate::analysis::quotes::Quote;
use crate::analysis::span::Span;

/// The starts of each entity's mentions in `people`, in order, in one flat list: entity `e`'s are
/// `starts[bounds[e]..bounds[e + 1]]`.
pub(super) struct PeopleAt {
    pub(super) bounds: Vec<usize>,
    pub(super) starts: Vec<u32>,
}

impl PeopleAt {
    pub(super) fn new(entities: usize, people: &[PersonMention]) -> PeopleAt {
        let mut bounds = vec![0usize; entities + 1];
        for m in people {
            bounds[m.entity + 1] += 1;
        }
        for e in 0..entities {
            bounds[e + 1] += bounds[e];
        }
        let mut next = bounds.clone();
        let mut starts = vec![0u32; people.len()];
        for m in people {
            starts[next[m.entity]] = m.start;
            next[m.entity] += 1;
        }
        PeopleAt { bounds, starts }
    }

    pub(super) fn of(&self, e: usize) -> &[u32] {
        &self.starts[self.bounds[e]..self.bounds[e + 1]]
    }
}

/// Entities with lists of lowercased words, all in one buffer: each entity's list is a range of
/// `text` with its words separated by single spaces.
#[derive(Default)]
pub(super) struct WordLists {
    pub(super) text: String,
    pub(super) lists: Vec<(usize, std::ops::Range<usize>)>,
    /// The lists each word is in, as (hash of the word, list) pairs, sorted by [`WordLists::finish`]:
    /// a description is compared with the lists that share a word with it, not with every title of
    /// a long draft. (A collision only adds a list the caller's own test turns down.) One flat
    /// vector rather than a map of vectors: this is built on every analysis.
    by_word: Vec<(u64, u32)>,
}

impl WordLists {
    /// Adds `entity`'s list: the words written to `text` since `from`.
    pub(super) fn push(&mut self, entity: usize, from: usize) {
        let list = self.lists.len() as u32;
        // The words `split(' ')` gives, each found with `find` (a byte search): this runs over
        // every person's roles and every organisation's name on every analysis.
        let mut rest = &self.text[from..];
        loop {
            let (word, next) = match rest.find(' ') {
                Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                None => (rest, None),
            };
            self.by_word.push((word_hash(word), list));
            match next {
                Some(r) => rest = r,
                None => break,
            }
        }
        self.lists.push((entity, from..self.text.len()));
    }

    /// Readies the word index for [`WordLists::with_any`], once every list is pushed.
    pub(super) fn finish(mut self) -> WordLists {
        self.by_word.sort_unstable();
        self
    }

    /// The lists holding any of `words`, in entity order, each once.
    pub(super) fn with_any<'w>(
        &self,
        words: impl Iterator<Item = &'w str>,
    ) -> impl Iterator<Item = (usize, std::str::Split<'_, char>)> + '_ {
        let mut found: Vec<u32> = Vec::new();
        for w in words {
            let h = word_hash(w);
            let from = self.by_word.partition_point(|&(k, _)| k < h);
            found.extend(self.by_word[from..].iter().take_while(|&&(k, _)| k == h).map(|&(_, list)| list));
        }
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|i| {
            let (e, r) = &self.lists[i as usize];
            (*e, self.text[r.clone()].split(' '))
        })
    }
}

pub(super) fn word_hash(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}

/// Every name mention of every entity, sorted by start, to find the entities whose names overlap a
/// span without asking every entity.
pub(super) struct NameIndex {
    /// (start, end, entity).
    pub(super) mentions: Vec<(u32, u32, usize)>,
    pub(super) longest: u32,
    /// Every entity's mentions have ends in order, which [`Entity::name_mention_overlapping`]
    /// assumes; when one does not, the lookups ask every entity, as that function would answer.
    pub(super) sorted: bool,
}

impl NameIndex {
    /// Every name mention of every entity, sorted by start; on one start, by entity, then in each
    /// entity's order (as a stable sort of the entities' mentions, in entity order, would leave
    /// them). One sort of packed keys serves both this index and the people list.
    pub(super) fn new(entities: &[Entity]) -> NameIndex {
        NameIndex::in_order(entities, None)
    }

    /// As [`NameIndex::new`], trying first the order the last analysis's mentions sorted into
    /// (`order`, their sequence numbers), which an edit that moves no name leaves right; `order`
    /// then holds this analysis's.
    pub(super) fn like_last(entities: &[Entity], order: &mut Vec<u32>) -> NameIndex {
        NameIndex::in_order(entities, Some(order))
    }

    fn in_order(entities: &[Entity], order: Option<&mut Vec<u32>>) -> NameIndex {
        // Room for every mention (names are most of them), so the lists grow once.
        let room = entities.iter().map(|e| e.mentions.len()).sum();
        let mut keys: Vec<u64> = Vec::with_capacity(room);
        let mut ends: Vec<(u32, usize)> = Vec::with_capacity(room);
        let mut longest = 0;
        let mut sorted = true;
        for (e, ent) in entities.iter().enumerate() {
            sorted &= ent.mentions.windows(2).all(|w| w[0].span.end <= w[1].span.end);
            for m in ent.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
                // The start above the mention's sequence number: sorting the keys sorts by start,
                // then by sequence, which is entity order, then each entity's order.
                keys.push((u64::from(m.span.start) << 32) | ends.len() as u64);
                ends.push((m.span.end, e));
                longest = longest.max(m.span.end.saturating_sub(m.span.start));
            }
        }
        match order {
            Some(order) => {
                if !arrange_as(&mut keys, order) {
                    sort_by_start(&mut keys);
                }
                order.clear();
                order.extend(keys.iter().map(|&k| k as u32));
            }
            None => sort_by_start(&mut keys),
        }
        let mentions = keys
            .into_iter()
            .map(|k| {
                let (end, e) = ends[(k & u64::from(u32::MAX)) as usize];
                ((k >> 32) as u32, end, e)
            })
            .collect();
        NameIndex { mentions, longest, sorted }
    }

    /// The end of the first name mention starting at `start`, if one does.
    pub(super) fn mention_end(&self, start: u32) -> Option<u32> {
        let i = self.mentions.partition_point(|m| m.0 < start);
        self.mentions.get(i).filter(|m| m.0 == start).map(|m| m.1)
    }

    /// Entities that may have a name mention overlapping `span` (a superset of those for which
    /// [`Entity::name_mention_overlapping`] answers), possibly repeated, in no particular order.
    pub(super) fn near(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let bound = span.end.max(span.start + 1);
        let from = span.start.saturating_sub(self.longest);
        let i = self.mentions.partition_point(|m| m.0 < from);
        self.mentions[i..].iter().take_while(move |m| m.0 < bound).filter(move |m| m.1 > span.start).map(|m| m.2)
    }

    /// Of the entities passing `ok`, the one whose first name mention overlapping `span` starts
    /// first (the lower index on a tie).
    pub(super) fn first_overlapping(&self, entities: &[Entity], span: Span, ok: impl Fn(&Entity) -> bool) -> Option<usize> {
        let check = |i: usize| {
            let e = &entities[i];
            if !ok(e) {
                return None;
            }
            e.name_mention_overlapping(span).map(|m| (m.span.start, i))
        };
        if self.sorted {
            self.near(span).filter_map(check).min().map(|(_, i)| i)
        } else {
            (0..entities.len()).filter_map(check).min().map(|(_, i)| i)
        }
    }

    /// As [`entity_mention_at`]: the first entity (by index) with a name mention overlapping `span`.
    pub(super) fn entity_at(&self, entities: &[Entity], span: Span) -> Option<usize> {
        if self.sorted {
            // The lowest index among the near entities that have such a mention.
            self.near(span).filter(|&i| entities[i].name_mention_overlapping(span).is_some()).min()
        } else {
            entity_mention_at(entities, span)
        }
    }
}

/// Arranges packed `(start << 32) | sequence` keys in the order of the sequence numbers `order`,
/// if that sorts them. The keys are distinct (each holds its own sequence number), so an
/// arrangement of all of them that strictly increases is the sorted one, as [`sort_by_start`]
/// would leave them.
fn arrange_as(keys: &mut Vec<u64>, order: &[u32]) -> bool {
    if order.len() != keys.len() {
        return false;
    }
    let mut arranged = Vec::with_capacity(keys.len());
    let mut last = None;
    for &seq in order {
        let Some(&k) = keys.get(seq as usize) else { return false };
        if last.is_some_and(|l| l >= k) {
            return false;
        }
        last = Some(k);
        arranged.push(k);
    }
    *keys = arranged;
    true
}

/// Sorts packed `(start << 32) | sequence` keys, built in ascending sequence, as `sort_unstable`
/// would: by start, ties in sequence order. A stable radix sort on the start alone gives exactly
/// that, in three linear passes instead of a comparison sort's n log n (this runs on every
/// keystroke over every name mention of the draft).
pub(super) fn sort_by_start(keys: &mut Vec<u64>) {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    if keys.len() < 256 {
        keys.sort_unstable();
        return;
    }
    // Only as many passes as the largest start has digits (two below 4 MiB): the passes a
    // larger start would add leave keys with equal higher digits (all zero) in order.
    let max_start = keys.iter().map(|&k| k >> 32).max().unwrap_or(0);
    let passes = (1..3).find(|&p| max_start >> (p * BITS) == 0).unwrap_or(3);
    let mut other = vec![0u64; keys.len()];
    let mut counts = vec![0usize; BUCKETS];
    for pass in 0..passes {
        let shift = 32 + pass * BITS;
        let digit = |k: u64| ((k >> shift) as usize) & (BUCKETS - 1);
        counts.iter_mut().for_each(|c| *c = 0);
        for &k in keys.iter() {
            counts[digit(k)] += 1;
        }
        let mut total = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = total;
            total += n;
        }
        for &k in keys.iter() {
            let d = digit(k);
            other[counts[d]] = k;
            counts[d] += 1;
        }
        std::mem::swap(keys, &mut other);
    }
}

/// Spans of the outermost quotes, in order.
pub(super) fn outer_quotes(quotes: &[Quote]) -> Vec<Span> {
    let mut spans: Vec<Span> = quotes.iter().filter(|q| q.parent.is_none()).map(|q| q.span).collect();
    spans.sort();
    spans
}

/// Answers whether offsets, asked in ascending order, fall inside sorted, non-overlapping quote
/// spans, walking the spans once: the passes below ask for every name and pronoun of the draft.
pub(super) struct QuoteCursor<'a> {
    quotes: &'a [Span],
    /// Quotes before this one end at or before the last offset asked.
    next: usize,
    last: u32,
}

impl<'a> QuoteCursor<'a> {
    pub(super) fn new(quotes: &'a [Span]) -> QuoteCursor<'a> {
        QuoteCursor { quotes, next: 0, last: 0 }
    }

    /// A cursor for offsets asked from `offset` on, placed there with one search.
    pub(super) fn starting_at(quotes: &'a [Span], offset: u32) -> QuoteCursor<'a> {
        QuoteCursor { quotes, next: quotes.partition_point(|s| s.end <= offset), last: offset }
    }

    pub(super) fn inside(&mut self, offset: u32) -> bool {
        if offset < self.last {
            // Out of order (never in the passes below, but cheap to answer right): search afresh.
            self.next = self.quotes.partition_point(|s| s.end <= offset);
        } else {
            while self.quotes.get(self.next).is_some_and(|s| s.end <= offset) {
                self.next += 1;
            }
        }
        self.last = offset;
        self.quotes.get(self.next).is_some_and(|s| s.start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::{arrange_as, sort_by_start};
    use proptest::prelude::*;

    proptest! {
        /// Arranged in the last order, keys come out sorted or not at all.
        #[test]
        fn keys_arranged_as_last_time_are_sorted_or_refused(
            starts in prop::collection::vec(0u32..300, 0..400),
            moved in prop::collection::vec((any::<prop::sample::Index>(), 0u32..300), 0..3),
        ) {
            let pack = |starts: &[u32]| -> Vec<u64> {
                starts.iter().enumerate().map(|(seq, &s)| (u64::from(s) << 32) | seq as u64).collect()
            };
            let mut last = pack(&starts);
            sort_by_start(&mut last);
            let order: Vec<u32> = last.iter().map(|&k| k as u32).collect();
            let mut now_starts = starts.clone();
            for (i, s) in moved {
                if !now_starts.is_empty() {
                    let i = i.index(now_starts.len());
                    now_starts[i] = s;
                }
            }
            let mut expected = pack(&now_starts);
            expected.sort_unstable();
            let mut arranged = pack(&now_starts);
            if arrange_as(&mut arranged, &order) {
                prop_assert_eq!(arranged, expected);
            }
            prop_assert!(starts != now_starts || arrange_as(&mut pack(&now_starts), &order));
        }

        /// Ties (many mentions at one start) keep their sequence order, as the comparison sort of
        /// the packed keys leaves them.
        #[test]
        fn radix_sort_sorts_as_sort_unstable(starts in prop::collection::vec(any::<u32>(), 0..3000), narrow in any::<bool>()) {
            let keys: Vec<u64> = starts
                .iter()
                .enumerate()
                .map(|(seq, &s)| (u64::from(if narrow { s % 300 } else { s }) << 32) | seq as u64)
                .collect();
            let mut radix = keys.clone();
            sort_by_start(&mut radix);
            let mut expected = keys;
            expected.sort_unstable();
            prop_assert_eq!(radix, expected);
        }
    }
}
