//! The draft's own word on a speaker's pronoun: `Paulsen said, "..."`, then `He continued, "..."`
//! with no one else named between. The pronoun that takes up a named speaker's voice is theirs,
//! and it outweighs the census share of their given name (`Whitney`, `Lindsey` borne by men); only
//! a courtesy title (`Ms. Paulsen`) outweighs it.

use super::gender::of_honorific;
use super::index::NameIndex;
use super::{PersonMention, SpeakerQuery};
use crate::analysis::entities::{Entity, EntityKind, MentionKind, Pronoun};
use super::clues::floor_char_boundary;

/// Sets the pronoun of each person whose quotes are continued, in the next paragraph or the same
/// one, by `he` or by `she` (always the same one) with no other person named between (outside
/// quotation marks: `people`). `queries` are the speaker mentions in document order.
pub(super) fn learn_from_continued_voices(
    text: &str,
    names: &NameIndex,
    people: &[PersonMention],
    queries: &[SpeakerQuery],
    entities: &mut [Entity],
) {
    // (person, [he, she]) for the few people whose voice a pronoun continues.
    let mut votes: Vec<(usize, [u32; 2])> = Vec::new();
    // The voice a pronoun may continue: its person, where its mention ends, its paragraph.
    let mut voice: Option<(usize, u32, usize)> = None;
    for q in queries {
        let pronoun = match q.mention.text(text) {
            "he" | "He" => Some(Pronoun::He),
            "she" | "She" => Some(Pronoun::She),
            _ => None,
        };
        let Some(p) = pronoun else {
            voice = sole_person(names, entities, q)
                .filter(|&e| !shares_surname(text, q, entities, e))
                .map(|e| (e, q.mention.end, q.paragraph));
            continue;
        };
        let Some((e, end, par)) = voice else { continue };
        let from = people.partition_point(|m| m.start < end);
        let others = people[from..].iter().take_while(|m| m.start < q.mention.start).any(|m| m.entity != e);
        if q.paragraph > par + 1 || others || q.mention.start < end {
            voice = None;
            continue;
        }
        let k = match votes.iter().position(|v| v.0 == e) {
            Some(k) => k,
            None => {
                votes.push((e, [0, 0]));
                votes.len() - 1
            }
        };
        votes[k].1[usize::from(p == Pronoun::She)] += 1;
        voice = Some((e, q.mention.end, q.paragraph));
    }
    for (e, [he, she]) in votes {
        let p = match (he, she) {
            (_, 0) => Pronoun::He,
            (0, _) => Pronoun::She,
            _ => continue,
        };
        if entities[e].pronoun == Some(p) || titled_otherwise(text, &entities[e], p) {
            continue;
        }
        entities[e].pronoun = Some(p);
    }
}

/// The one person a speaker mention names (`Paulsen`, `State Sen. Whitney Paulsen`), if it names
/// exactly one.
fn sole_person(names: &NameIndex, entities: &[Entity], q: &SpeakerQuery) -> Option<usize> {
    let from = names.mentions.partition_point(|m| m.0 < q.mention.start);
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

/// Whether a one-word mention (`Clinton said`) is a surname another person of the draft bears
/// too: which of them it is may be the entities pass's guess.
fn shares_surname(text: &str, q: &SpeakerQuery, entities: &[Entity], e: usize) -> bool {
    let word = q.mention.text(text).trim();
    if word.contains(' ') {
        return false;
    }
    entities.iter().enumerate().any(|(i, other)| {
        i != e && other.kind == EntityKind::Person && other.name.rsplit(' ').next() == Some(word)
    })
}

/// Whether a courtesy title before one of the person's names gives another pronoun than `p`.
fn titled_otherwise(text: &str, entity: &Entity, p: Pronoun) -> bool {
    entity.mentions.iter().filter(|m| m.kind == MentionKind::Name).any(|m| {
        let from = floor_char_boundary(text, (m.span.start as usize).saturating_sub(6));
        let before = text.get(from..m.span.start as usize).unwrap_or("");
        of_honorific(before).is_some_and(|t| t != p)
    })
}
