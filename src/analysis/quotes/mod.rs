//! Quotations: marks, pairing (within and across paragraphs) and kinds.
//!
//! - [`scan_marks`] (per paragraph, cached) finds every quote-like character and its likely role.
//! - [`find_quotes`] (document pass, work proportional to the number of marks) pairs them, carrying
//!   a quote over paragraph breaks by the wire convention (an opening mark at each paragraph, a
//!   closing mark only at the last), and reports the marks that pair with nothing.
//! - [`kinds`] tells speech from scare quotes, titles and terms.

mod kinds;
mod marks;
mod pairing;

pub use marks::{level_of, scan_marks, Level};
pub use pairing::find_quotes;

use super::attribution::Attribution;
use super::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    /// A whole quoted utterance.
    Direct,
    /// A quoted fragment inside reported speech: `He said Moscow "has never taken this subject".`
    Partial,
    /// A quoted paragraph carrying on the previous paragraph's speaker.
    Continuation,
    /// Irony or distance: `so-called 'partner country'`.
    Scare,
    /// A work's name.
    Title,
    /// A word as a word.
    Term,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Continuation => "continuation",
            QuoteKind::Scare => "scare",
            QuoteKind::Title => "title",
            QuoteKind::Term => "term",
        }
    }

    /// Whether the quote is someone's words (and so needs a speaker).
    pub fn is_speech(self) -> bool {
        matches!(self, QuoteKind::Direct | QuoteKind::Partial | QuoteKind::Continuation)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkStyle {
    /// `"` `“` `”`
    Double,
    /// `'` `‘` `’`
    Single,
    /// `«` `»` `‹` `›`
    Guillemet,
    /// `„` `‚` (low-high, German style)
    LowHigh,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkRole {
    Open,
    Close,
    /// A straight mark whose role the context does not settle.
    Either,
    /// Not a quotation mark at all: `countries’`, `’90s`.
    Apostrophe,
}

/// One quote-like character in a paragraph (span relative to the paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteMark {
    pub span: Span,
    pub style: MarkStyle,
    pub role: MarkRole,
}

/// A quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// From the opening mark through the closing mark (or the end of the text it runs to).
    pub span: Span,
    /// The words inside the marks.
    pub content: Span,
    pub kind: QuoteKind,
    pub style: MarkStyle,
    /// False when no closing mark was found.
    pub closed: bool,
    /// Index of the paragraph the quote starts in.
    pub paragraph: usize,
    /// The quote this one is nested in.
    pub parent: Option<usize>,
    /// For a paragraph of a multi-paragraph quote after the first: the quote (the previous
    /// paragraph's part) that it carries on.
    pub continues: Option<usize>,
    pub attribution: Option<Attribution>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteIssueKind {
    /// An opening mark that is never closed (and is not a multi-paragraph quote that closes later).
    Unclosed,
    /// A closing mark with no opening mark before it.
    StrayClose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteIssue {
    pub span: Span,
    pub kind: QuoteIssueKind,
}

