//! The draft's own word on a speaker's pronoun: `Paulsen said, "..."`, then `He continued, "..."`
//! with no one else named between. The pronoun that takes up a named speaker's voice is theirs,
//! and it outweighs the census share of their given name (`Whitney`, `Lindsey` borne by men); only
//! a courtesy title (`Ms. Paulsen`) outweighs it.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::gender::evidence::honorific_before;
use super::gender::given_name_pronoun;
use super::index::NameIndex;
use super::shifted::Proof;
use super::{PersonMention, SpeakerQuery};
use crate::analysis::entities::{Entity, EntityKind, MentionKind, Pronoun};
use crate::analysis::span::Span;

/// Sets the pronoun of each person whose quotes are continued, in the next paragraph or the same
/// one, by `he` or by `she` (always the same one) with no other person named between (outside
/// quotation marks: `people`). `queries` are the speaker mentions in document order. Returns the
/// pronouns it set ([`LastVoices`]).
pub(super) fn learn_from_continued_voices(
    text: &str,
    names: &NameIndex,
    people: &[PersonMention],
    queries: &[SpeakerQuery],
    entities: &mut [Entity],
) -> Vec<(usize, Pronoun)> {
    // (person, [he, she], whether a vote came after a one-word mention) for the few people whose
    // voice a pronoun continues.
    let mut votes: Vec<(usize, [u32; 2], bool)> = Vec::new();
    // Each entity's place in `votes`, once it has one: a long draft has thousands of voters.
    let mut vote_of: Vec<u32> = Vec::new();
    // The voice a pronoun may continue: its person, where its mention ends, its paragraph, and
    // the mention naming it (whether it is one word, `Clinton said`, is read only for a vote).
    let mut voice: Option<(usize, u32, usize, Span)> = None;
    // The queries come in document order: the lists are searched from where the last search ended.
    let (mut in_names, mut in_people) = (Seek::default(), Seek::default());
    for q in queries {
        // Only a mention of two or three bytes can be `he` or `she`: most mentions' text, far
        // apart in a long draft, is not read here at all.
        let pronoun = match q.mention.end.checked_sub(q.mention.start) {
            Some(2 | 3) => match q.mention.text(text) {
                "he" | "He" => Some(Pronoun::He),
                "she" | "She" => Some(Pronoun::She),
                _ => None,
            },
            _ => None,
        };
        let Some(p) = pronoun else {
            voice = sole_person(names, entities, q, &mut in_names).map(|e| (e, q.mention.end, q.paragraph, q.mention));
            continue;
        };
        let Some((e, end, par, named)) = voice else { continue };
        let from = in_people.partition_point(people, |m| m.start < end);
        let others = people[from..].iter().take_while(|m| m.start < q.mention.start).any(|m| m.entity != e);
        if q.paragraph > par + 1 || others || q.mention.start < end {
            voice = None;
            continue;
        }
        if vote_of.is_empty() {
            vote_of = vec![u32::MAX; entities.len()];
        }
        let k = match vote_of[e] {
            u32::MAX => {
                vote_of[e] = votes.len() as u32;
                votes.push((e, [0, 0], false));
                votes.len() - 1
            }
            k => k as usize,
        };
        votes[k].1[usize::from(p == Pronoun::She)] += 1;
        votes[k].2 |= !named.text(text).trim().contains(' ');
        voice = Some((e, q.mention.end, q.paragraph, named));
    }
    if votes.is_empty() {
        return Vec::new();
    }
    // Surnames more than one person bears: which of them `Clinton said` is may be the entities
    // pass's guess, so its votes do not count. Counted over every person only if a vote asks.
    let surnames: std::cell::OnceCell<FxHashMap<&str, u32>> = std::cell::OnceCell::new();
    let shared = |e: usize| {
        let surnames = surnames.get_or_init(|| {
            let mut surnames: FxHashMap<&str, u32> = FxHashMap::default();
            for e in entities.iter().filter(|e| e.kind == EntityKind::Person && e.name.contains(' ')) {
                *surnames.entry(e.name.rsplit(' ').next().unwrap_or("")).or_default() += 1;
            }
            surnames
        });
        surnames.get(entities[e].name.rsplit(' ').next().unwrap_or("")).is_some_and(|&n| n > 1)
    };
    let mut decided: Vec<(usize, Pronoun)> = Vec::new();
    for (e, [he, she], after_one_word) in votes {
        let p = match (he, she) {
            (_, 0) => Pronoun::He,
            (0, _) => Pronoun::She,
            _ => continue,
        };
        if entities[e].pronoun == Some(p)
            || (after_one_word && shared(e))
            || given_name_says_otherwise(&entities[e].name, p)
            || titled_otherwise(text, &entities[e], p)
        {
            continue;
        }
        decided.push((e, p));
    }
    for &(e, p) in &decided {
        entities[e].pronoun = Some(p);
    }
    decided
}

/// What [`learn_from_continued_voices`] read and found in the last analysis, kept so that a
/// keystroke far from every speaker mention and name does not walk every quote of the draft again.
/// It reads the speaker mentions (their text, paragraphs and the names in them), the people, the
/// entities' kinds, names and pronouns, and the text just before each name (a courtesy title).
/// With the entities proven the last ones moved with the text ([`Proof`]), the last answer holds
/// when the speaker mentions are the last ones moved, outside the edited bytes, in the same
/// paragraphs, the pronouns are the same, and no name starts within [`TITLE_REACH`] bytes after
/// the edited bytes' start unless a line break lies between: a title is read back from a name
/// over one space and one word of letters and dots ([`honorific_before`]), never across a line
/// break, so that read then stays in text the edit left alone.
pub(super) struct LastVoices {
    text: Arc<String>,
    /// Each entity's pronoun before the pass ([`super::walk::pronoun_bytes`]).
    pronouns: Vec<u8>,
    decided: Vec<(usize, Pronoun)>,
}

/// More than a courtesy title read back before a name (the longest, `monsieur.`, and a space),
/// with the word before it: a word reaching farther is no title in either version.
const TITLE_REACH: u64 = 32;

impl LastVoices {
    pub(super) fn new(text: &Arc<String>, pronouns: Vec<u8>, decided: Vec<(usize, Pronoun)>) -> LastVoices {
        LastVoices { text: Arc::clone(text), pronouns, decided }
    }

    /// The text the pass last read.
    pub(super) fn text(&self) -> &Arc<String> {
        &self.text
    }

    /// The pronouns the pass set last time, if they are what it would set now (see above).
    /// `text` is the draft now, `last_queries` are the last analysis's speaker mentions, and `pronouns` the entities'
    /// pronouns now.
    pub(super) fn decided_if_same(
        self,
        text: &str,
        proof: Option<&Proof>,
        last_queries: &[SpeakerQuery],
        queries: &[SpeakerQuery],
        names: &NameIndex,
        pronouns: &[u8],
    ) -> Option<Vec<(usize, Pronoun)>> {
        let u = proof.filter(|p| p.made_from(&self.text))?.unchanged();
        if self.pronouns != pronouns || last_queries.len() != queries.len() {
            return None;
        }
        let same = |o: &SpeakerQuery, q: &SpeakerQuery| o.paragraph == q.paragraph && u.span(o.mention) == Some(q.mention);
        if !last_queries.iter().zip(queries).all(|(o, q)| same(o, q)) {
            return None;
        }
        let (prefix, edited_end) = (u.prefix as u64, (u.new_end()) as u64);
        let from = names.mentions.partition_point(|m| u64::from(m.0) < prefix);
        if let Some(&(start, ..)) = names.mentions.get(from).filter(|m| u64::from(m.0) < edited_end + TITLE_REACH) {
            // The names after this one have the same line break before them, if it has one.
            let between = text.get(edited_end as usize..start as usize)?;
            if !between.contains(['\n', '\r']) {
                return None;
            }
        }
        #[cfg(test)]
        REUSED.with(|n| n.set(n.get() + 1));
        Some(self.decided)
    }
}

#[cfg(test)]
thread_local! {
    /// How many analyses of this thread reused the last continued voices.
    pub(super) static REUSED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The one person a speaker mention names (`Paulsen`, `State Sen. Whitney Paulsen`), if it names
/// exactly one.
fn sole_person(names: &NameIndex, entities: &[Entity], q: &SpeakerQuery, seek: &mut Seek) -> Option<usize> {
    let from = seek.partition_point(&names.mentions, |m| m.0 < q.mention.start);
    let mut found = None;
    for &(_, end, e) in names.mentions[from..].iter().take_while(|m| m.0 < q.mention.end) {
        if entities[e].kind != EntityKind::Person || end > q.mention.end {
            continue;
        }
        if found.is_some_and(|f| f != e) {
            return None;
        }
        found = Some(e);
    }
    found
}

/// A search of one sorted list for points that mostly move forward a little: a few steps from
/// where the last search ended, else a binary search.
#[derive(Default)]
struct Seek {
    at: usize,
}

impl Seek {
    /// Steps tried before a binary search.
    const STEPS: usize = 8;

    /// As `items.partition_point(below)`, for a `below` true of a prefix of `items`.
    fn partition_point<T>(&mut self, items: &[T], below: impl Fn(&T) -> bool) -> usize {
        let mut at = self.at.min(items.len());
        let mut steps = 0;
        while steps < Self::STEPS && at < items.len() && below(&items[at]) {
            at += 1;
            steps += 1;
        }
        while steps < Self::STEPS && at > 0 && !below(&items[at - 1]) {
            at -= 1;
            steps += 1;
        }
        let settled = (at == items.len() || !below(&items[at])) && (at == 0 || below(&items[at - 1]));
        if !settled {
            at = items.partition_point(below);
        }
        self.at = at;
        at
    }
}

/// Given names nearly all of whose bearers use one pronoun: a pronoun against it is more likely
/// a missed turn of speaker (a quote the attribution left unassigned) than the person's own.
const ALL_BUT_CERTAIN: f32 = 0.95;

/// Whether the person's given name is borne almost only by people of the other pronoun (`Jon`
/// for `she`); `Lindsey` or `Whitney`, borne by men too, are not.
fn given_name_says_otherwise(name: &str, p: Pronoun) -> bool {
    let mut words = name.split_whitespace();
    let (Some(given), Some(_)) = (words.next(), words.next()) else { return false };
    given_name_pronoun(given).is_some_and(|(q, share)| q != p && share >= ALL_BUT_CERTAIN)
}

/// Whether a courtesy title before one of the person's names gives another pronoun than `p`.
fn titled_otherwise(text: &str, entity: &Entity, p: Pronoun) -> bool {
    entity
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Name)
        .any(|m| honorific_before(text, m.span).is_some_and(|clue| clue.pronoun != p))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Seek;

    proptest! {
        /// A seek from the last place answers as a binary search of the whole list, wherever the
        /// points jump.
        #[test]
        fn a_seek_is_the_partition_point(
            mut items in prop::collection::vec(0u32..200, 0..120),
            points in prop::collection::vec(0u32..210, 1..60),
        ) {
            items.sort_unstable();
            let mut seek = Seek::default();
            for p in points {
                prop_assert_eq!(seek.partition_point(&items, |&x| x < p), items.partition_point(|&x| x < p));
            }
        }
    }
}
