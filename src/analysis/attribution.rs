//! Attribution: who said each quote, and with which cue verb.
//!
//! Skeleton: to be replaced by the real patterns.

use super::entities::Entity;
use super::paragraph::Paragraph;
use super::quotes::Quote;
use super::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Speaker {
    /// The words that name the speaker, as written: `he`, `Lavrov`, `the top Russian diplomat`.
    pub mention: Span,
    /// The entity (index into `Analysis::entities`) the mention resolves to.
    pub entity: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributionSource {
    /// The attribution is in the quote's own sentence or paragraph.
    Local,
    /// Carried over from an earlier quote's attribution (multi-paragraph or floating quotes).
    Continued { from_quote: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Option<Speaker>,
    /// The cue verb (`said`, `told`, `according to`).
    pub cue: Option<Span>,
    pub source: AttributionSource,
}

/// Attributes each quote in place.
pub fn attribute(text: &str, paragraphs: &[Paragraph], entities: &[Entity], quotes: &mut [Quote]) {
    let _ = (text, paragraphs, entities, quotes);
}
