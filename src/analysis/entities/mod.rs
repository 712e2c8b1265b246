//! Entities: people, organisations, places and other names, with every mention.
//!
//! Two layers, like the rest of the core:
//! - [`name_candidates`] (cached per paragraph) finds capitalised runs and the cheap evidence
//!   around each: a title before it, an organisation word in it, `in` before it, a given name
//!   first, an all-capitals headline around it.
//! - [`collect`] (per document, proportional to the number of candidates) groups the candidates
//!   into entities, clusters surnames with full names (`Sergey Lavrov` ... `Lavrov` ...
//!   `Mr. Lavrov`), and types each entity from the evidence of all its mentions together.
//!
//! Word lists live in `data/names/` (see [`lexicon`]).

mod candidates;
mod collect;
pub mod lexicon;
mod memo;
mod runs;
pub mod spelling;

pub use candidates::{flag, is_all_caps, name_candidates, name_candidates_with_keys, CandidateKind, NameCandidate};
pub use collect::{collect, NameKeys};
pub use memo::{EntityMemo, EntityMove};

use std::sync::Arc;

use super::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    He,
    She,
    They,
    It,
}

impl Pronoun {
    /// The pronoun a subject word stands for: `he`, `She`, `they`.
    pub fn of_word(word: &str) -> Option<Pronoun> {
        match word.to_lowercase().as_str() {
            "he" | "him" | "his" | "himself" => Some(Pronoun::He),
            "she" | "her" | "hers" | "herself" => Some(Pronoun::She),
            "they" | "them" | "their" | "themselves" => Some(Pronoun::They),
            "it" | "its" | "itself" => Some(Pronoun::It),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// The name, whole or in part: `Sergey Lavrov`, `Lavrov`, `Mr. Lavrov`.
    Name,
    /// `he`, `she`, `they`.
    Pronoun,
    /// `the minister`, `the top Russian diplomat`.
    Description,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
}

/// From this many mentions added to one entity at once, [`add_mentions_to`] merges them
/// rather than insert each: below it, moving the list's tail a few times costs less than writing
/// the whole list (on a 10 MB draft of many people, adding a keystroke's mentions took 0.79-0.82 ms
/// merging every entity's, 0.66-0.70 with this bound).
pub(crate) const MERGE_FROM: usize = 16;

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The fullest name the draft gives.
    pub name: Arc<str>,
    pub kind: EntityKind,
    /// Every mention, in document order.
    pub mentions: Vec<Mention>,
    /// Title or role from the first reference (`Foreign Minister`), if any.
    pub title: Option<String>,
    /// The pronoun the draft uses for this person, learnt from the draft.
    pub pronoun: Option<Pronoun>,
}

impl Entity {
    /// The first name mention overlapping a span, if any.
    pub fn name_mention_overlapping(&self, span: Span) -> Option<Mention> {
        let i = self.mentions.partition_point(|m| m.span.end <= span.start);
        self.mentions[i..]
            .iter()
            .take_while(|m| m.span.start < span.end.max(span.start + 1))
            .find(|m| m.kind == MentionKind::Name)
            .copied()
    }

    /// Inserts a mention, keeping the list sorted and free of overlaps.
    pub fn add_mention(&mut self, mention: Mention) {
        add_mention_to(&mut self.mentions, mention);
    }
}

/// [`Entity::add_mention`] on an entity's list of mentions.
pub fn add_mention_to(mentions: &mut Vec<Mention>, mention: Mention) {
    let i = mentions.partition_point(|m| m.span < mention.span);
    if clashes_at(mentions, i, mention.span) {
        return;
    }
    mentions.insert(i, mention);
}

/// Whether `span`, put into the sorted `mentions` at `i`, overlaps or repeats the mention either
/// side of it: such a mention is not added.
fn clashes_at(mentions: &[Mention], i: usize, span: Span) -> bool {
    let clash = |j: usize| mentions.get(j).is_some_and(|m| m.span.overlaps(span) || m.span == span);
    clash(i) || (i > 0 && clash(i - 1))
}

/// Inserts mentions into an entity's list as [`add_mention_to`] would, one after the other. When
/// many come in order and apart (as coreference adds them, walking the draft), each is judged
/// against the list as it was, and the two lists are merged in one pass: on a long draft a
/// much-quoted person's list is then written once, not moved once per mention. `merged` is scratch
/// space: it is left holding the old list, for the next call to write into.
pub fn add_mentions_to(mentions: &mut Vec<Mention>, added: &[Mention], merged: &mut Vec<Mention>) {
    let apart = added.iter().all(|m| m.span.start < m.span.end) && added.windows(2).all(|w| w[0].span.end <= w[1].span.start);
    if added.len() < MERGE_FROM || !apart {
        for &m in added {
            add_mention_to(mentions, m);
        }
        return;
    }
    // Judged against the list as it was: one added before it lies between this one and a
    // mention it overlaps only if that one overlaps the mention too, and was refused.
    let old = &*mentions;
    merged.clear();
    merged.reserve(old.len() + added.len());
    let mut next = 0;
    for &m in added {
        let before = old[next..].iter().take_while(|o| o.span < m.span).count();
        merged.extend_from_slice(&old[next..next + before]);
        next += before;
        if !clashes_at(old, next, m.span) {
            merged.push(m);
        }
    }
    merged.extend_from_slice(&old[next..]);
    std::mem::swap(mentions, merged);
}

/// Whether a name inside a speaker phrase qualifies someone else rather than naming the speaker:
/// a possessor (`Clinton's top foreign policy aide Jake Sullivan`, `the mayor's press secretary`)
/// or a noun modifier (`Clinton campaign manager Robby Mook`, `a Clinton campaign spokesman`). The
/// speaker is the person the phrase is about, not the one they work for.
pub fn qualifies_another(text: &str, phrase: Span, name: Span) -> bool {
    let rest = text.get(name.end as usize..phrase.end.max(name.end) as usize).unwrap_or("");
    if rest.starts_with(['\'', '’']) {
        return true;
    }
    let Some(next) = rest.strip_prefix(' ') else {
        return false;
    };
    let word = next.split(|c: char| !c.is_alphanumeric() && c != '-').next().unwrap_or("");
    // `Bill Clinton and Hillary Clinton`, `Sam Reed of Citizens for Budgets` name their speaker.
    // Lower-case already: no copy needed to look it up.
    word.starts_with(|c: char| c.is_lowercase())
        && !super::lexicon::ends_speaker_phrase(word)
        && word != "of"
}

/// The person (entity index) named by a span: the helper the attribution pass can use to check
/// whether the words before a cue verb are a known person's name.
pub fn person_mention_at(entities: &[Entity], span: Span) -> Option<usize> {
    entities.iter().position(|e| e.kind == EntityKind::Person && e.name_mention_overlapping(span).is_some())
}

/// The entity (any kind) with a name mention overlapping the span.
pub fn entity_mention_at(entities: &[Entity], span: Span) -> Option<usize> {
    entities.iter().position(|e| e.name_mention_overlapping(span).is_some())
}

#[cfg(test)]
mod tests;
