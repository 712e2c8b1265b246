//! Coreference: resolves speaker mentions (names, pronouns, descriptions) to entities, and adds the
//! pronoun and description mentions it resolves to each entity.
//!
//! Skeleton: to be replaced.

use super::entities::Entity;
use super::paragraph::Paragraph;
use super::quotes::Quote;

pub fn resolve(text: &str, paragraphs: &[Paragraph], entities: &mut Vec<Entity>, quotes: &mut [Quote]) {
    let _ = (text, paragraphs, entities, quotes);
}
