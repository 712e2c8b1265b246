//! Entities: people, organisations, places and other names, with every mention.
//!
//! Skeleton: to be replaced by the real recogniser.

use super::dateline::Dateline;
use super::paragraph::Paragraph;
use super::span::Span;
use super::tokens::Token;

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

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The fullest name the draft gives.
    pub name: String,
    pub kind: EntityKind,
    /// Every mention, in document order.
    pub mentions: Vec<Mention>,
    /// Title or role from the first reference (`Foreign Minister`), if any.
    pub title: Option<String>,
    /// The pronoun the draft uses for this person, learnt from the draft.
    pub pronoun: Option<Pronoun>,
}

/// A capitalised word run in a paragraph that may be a name (span relative to the paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameCandidate {
    pub span: Span,
}

/// Finds name candidates in one paragraph.
pub fn name_candidates(text: &str, tokens: &[Token], sentences: &[Span]) -> Vec<NameCandidate> {
    let _ = (text, tokens, sentences);
    Vec::new()
}

/// Groups the paragraphs' name candidates into entities.
pub fn collect(text: &str, paragraphs: &[Paragraph], dateline: Option<&Dateline>) -> Vec<Entity> {
    let _ = (text, paragraphs, dateline);
    Vec::new()
}
