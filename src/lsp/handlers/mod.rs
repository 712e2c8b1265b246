//! One module per LSP feature. Each is a plain function from a [`Snapshot`] (and byte offsets
//! already converted from the client's positions) to an LSP value.

pub mod code_actions;
pub mod code_lens;
pub mod hover;
pub mod inlay_hints;
mod knowledge_card;
pub mod navigation;
pub mod semantic_tokens;
pub mod symbols;
#[cfg(test)]
mod tests;

use crate::analysis::entities::{Entity, EntityKind, Mention, MentionKind};
use crate::analysis::quotes::Quote;
use crate::analysis::Analysis;

/// The entity and mention under a byte offset. A cursor just after a word counts as on it, as
/// editors place it there after a double-click or while typing.
pub fn mention_at(a: &Analysis, offset: usize) -> Option<(usize, usize)> {
    let mut touching = None;
    for (ei, e) in a.entities.iter().enumerate() {
        for (mi, m) in e.mentions.iter().enumerate() {
            if m.span.contains(offset) {
                return Some((ei, mi));
            }
            if touching.is_none() && !m.span.is_empty() && m.span.end as usize == offset {
                touching = Some((ei, mi));
            }
        }
    }
    touching
}

/// The innermost quote containing a byte offset.
pub fn quote_at(a: &Analysis, offset: usize) -> Option<usize> {
    a.quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.span.contains(offset))
        .min_by_key(|(_, q)| q.span.len())
        .map(|(i, _)| i)
}

/// The entity a quote is attributed to.
pub fn speaker_entity(q: &Quote) -> Option<usize> {
    q.attribution
        .and_then(|at| at.speaker)
        .and_then(|s| s.entity)
}

/// How a speaker mention refers to its entity: from the entity's own mention list when the
/// coreference pass recorded it, else from the words.
pub fn mention_kind(
    a: &Analysis,
    entity: Option<usize>,
    mention: crate::analysis::span::Span,
) -> MentionKind {
    if let Some(m) = entity
        .and_then(|e| a.entities.get(e))
        .and_then(|e| e.mentions.iter().find(|m| m.span == mention))
    {
        return m.kind;
    }
    let words = mention.text(&a.text).to_ascii_lowercase();
    match words.as_str() {
        "he" | "she" | "they" | "it" | "him" | "her" | "them" | "we" | "i" => MentionKind::Pronoun,
        w if w.starts_with("the ") || w.starts_with("a ") || w.starts_with("an ") => {
            MentionKind::Description
        }
        _ => MentionKind::Name,
    }
}

/// The name to show in short: a person's surname, any other entity's whole name.
pub fn short_name(e: &Entity) -> &str {
    match e.kind {
        EntityKind::Person => e.name.rsplit(' ').next().unwrap_or(&e.name),
        _ => &e.name,
    }
}

/// The first full reference: the first mention spelling out the whole name, else the first name
/// mention, else the first mention.
pub fn first_full_reference<'e>(a: &Analysis, e: &'e Entity) -> Option<&'e Mention> {
    let names = || e.mentions.iter().filter(|m| m.kind == MentionKind::Name);
    names()
        .find(|m| m.span.text(&a.text) == &*e.name)
        .or_else(|| names().next())
        .or_else(|| e.mentions.first())
}

/// The first few words of a text, for cards and outlines.
pub fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        out.push('…');
    }
    out
}
