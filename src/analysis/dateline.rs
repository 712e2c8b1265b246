//! Datelines: `MOSCOW, March 29. /TASS/.`, `WASHINGTON (AP) —`, `HOUSTON, Jan 27 (Reuters) -`.
//!
//! Skeleton: to be replaced.

use super::layout::Block;
use super::paragraph::Paragraph;
use super::span::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    /// The whole dateline, through its closing dash or agency tag.
    pub span: Span,
    /// The place as written (`MOSCOW`, `KYIV/KHARKIV`).
    pub city: String,
    pub city_span: Span,
    /// `Texas`, `Fla.`, `Lebanon`.
    pub region: Option<String>,
    /// `March 29`, `Jan 27`.
    pub date: Option<String>,
    /// `TASS`, `AP`, `Reuters`.
    pub agency: Option<String>,
    /// What is wrong with its form.
    pub problems: Vec<DatelineProblem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DatelineProblem {
    pub span: Span,
    pub message: String,
    /// Text that would fix it, replacing `span`.
    pub replacement: Option<String>,
}

pub fn find(text: &str, blocks: &[Block], paragraphs: &[Paragraph]) -> Option<Dateline> {
    let _ = (text, blocks, paragraphs);
    None
}
