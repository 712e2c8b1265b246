//! STAND-IN for the per-draft source inventory of issue 15 (helper h15a builds the real one in the
//! core). It gives the audit what it needs from one draft: who is quoted, of what kind and gender,
//! how often and how many words. It is deliberately simple (speaker entity, its pronoun, an
//! honorific) and is deleted when the real inventory lands; only [`draft_sources`] calls it.

use crate::analysis::entities::{EntityKind, MentionKind, Pronoun};
use crate::analysis::Analysis;
use crate::config::Config;

use super::audit::{Gender, SourceCount, SourceKind};

/// One entry per source the draft quotes, in order of first quote.
pub fn draft_sources(analysis: &Analysis, _config: &Config) -> Vec<SourceCount> {
    let text = &*analysis.scan_text;
    let mut sources: Vec<SourceCount> = Vec::new();
    for quote in analysis.quotes.iter().filter(|q| q.kind.is_speech()) {
        let Some(speaker) = quote.attribution.and_then(|a| a.speaker) else {
            continue;
        };
        let (name, kind, gender) = match speaker.entity.and_then(|e| analysis.entities.get(e)) {
            Some(entity) if entity.kind == EntityKind::Person => {
                let index = speaker.entity.unwrap_or_default();
                let gender = match entity.pronoun.or_else(|| speaker_pronoun(analysis, index)) {
                    Some(Pronoun::She) => Gender::Female,
                    Some(Pronoun::He) => Gender::Male,
                    _ => honorific(entity.mentions.iter().filter(|m| m.kind == MentionKind::Name).map(|m| {
                        let start = m.span.start as usize;
                        text.get(start.saturating_sub(5)..start).unwrap_or("")
                    })),
                };
                (entity.name.clone(), SourceKind::Person, gender)
            }
            Some(entity) if entity.kind == EntityKind::Organization => {
                (entity.name.clone(), SourceKind::Organization, Gender::Unknown)
            }
            _ => {
                let mention = speaker.mention.text(text).trim();
                if mention.is_empty() || Pronoun::of_word(mention).is_some() {
                    continue;
                }
                (mention.to_string(), SourceKind::Unnamed, Gender::Unknown)
            }
        };
        let words = quote.content.text(text).split_whitespace().count() as u32;
        match sources.iter_mut().find(|s| s.name == name && s.kind == kind) {
            Some(source) => {
                source.quotes += 1;
                source.words += words;
            }
            None => sources.push(SourceCount { name, kind, gender, quotes: 1, words }),
        }
    }
    sources
}

/// A `he` or `she` that speaks a quote and resolves to the entity.
fn speaker_pronoun(analysis: &Analysis, entity: usize) -> Option<Pronoun> {
    analysis.quotes.iter().filter_map(|q| q.attribution?.speaker).find_map(|sp| {
        (sp.entity == Some(entity))
            .then(|| Pronoun::of_word(sp.mention.text(&analysis.scan_text).trim()))
            .flatten()
            .filter(|p| matches!(p, Pronoun::He | Pronoun::She))
    })
}

/// `Mr.`, `Ms.` or `Mrs.` just before a name.
fn honorific<'a>(mut before_names: impl Iterator<Item = &'a str>) -> Gender {
    before_names
        .find_map(|n| {
            if n.ends_with("Mr. ") {
                Some(Gender::Male)
            } else if n.ends_with("Ms. ") || n.ends_with("Mrs. ") {
                Some(Gender::Female)
            } else {
                None
            }
        })
        .unwrap_or(Gender::Unknown)
}
