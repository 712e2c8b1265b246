//! The extraction core: reads a draft and returns an [`Analysis`].
//!
//! Pure and total: no IO, no LSP types, no panics, no errors. Odd input becomes data (an unclosed
//! quote is a [`quotes::Quote`] with `closed: false`). Data flows one way:
//!
//! ```text
//! layout -> paragraphs (cached per paragraph text) -> dateline -> entities -> quotes
//!        -> attribution -> coreference
//! ```
//!
//! Only the paragraph layer reads every byte. It is cached by [`Analyzer`], so re-analysing a large
//! draft after a keystroke re-reads one paragraph; the document-wide passes after it work on the
//! cached facts (quote marks, name candidates), not on the text.

pub mod attribution;
pub mod coref;
pub mod dateline;
pub mod entities;
pub mod layout;
pub mod lexicon;
pub mod notes;
pub mod paragraph;
pub mod quotes;
pub mod sentences;
pub mod span;
pub mod tokens;

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;

use self::dateline::Dateline;
use self::entities::Entity;
use self::layout::{Block, BlockKind, Format};
use self::paragraph::{Paragraph, ParagraphFacts};
use self::quotes::{Quote, QuoteIssue};
use self::span::Span;

/// Everything copydesk found in a draft. Spans are byte offsets into [`Analysis::text`].
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The draft as given.
    pub text: Arc<str>,
    /// The draft with non-prose (Markdown front matter, code, comments, link targets) blanked out by
    /// spaces: same length and offsets as `text`. Every pass reads this one.
    pub scan_text: Arc<str>,
    pub format: Format,
    /// Every non-blank block, in order.
    pub blocks: Vec<Block>,
    /// The body paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// The headline, standfirst, byline and Markdown headings, in order: not story text, but they name people
    /// and places.
    pub headings: Vec<Paragraph>,
    pub dateline: Option<Dateline>,
    /// Quotations, in document order. Nested quotes come after their parent.
    pub quotes: Vec<Quote>,
    /// Quotation marks that open and never close, or close and never opened.
    pub quote_issues: Vec<QuoteIssue>,
    pub entities: Vec<Entity>,
}

impl Analysis {
    pub fn byline(&self) -> Option<Span> {
        self.blocks.iter().find(|b| b.kind == BlockKind::Byline).map(|b| b.span)
    }

    pub fn headline(&self) -> Option<Span> {
        self.blocks.iter().find(|b| b.kind == BlockKind::Headline).map(|b| b.span)
    }

    /// The paragraph containing an absolute offset.
    pub fn paragraph_at(&self, offset: u32) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end < offset);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= offset).then_some(i)
    }
}

/// Analyses one draft from scratch.
pub fn analyze(text: &str, format: Format) -> Analysis {
    Analyzer::default().analyze(text, format)
}

/// Guesses the format from a file name: `.md` and `.markdown` are Markdown.
pub fn format_for_path(path: &str) -> Format {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx") {
        Format::Markdown
    } else {
        Format::Plain
    }
}

/// An analyser that remembers the paragraphs it has read, for re-analysing a draft as it changes.
///
/// The result of [`Analyzer::analyze`] is always identical to [`analyze`] on the same text: the cache
/// only holds facts that depend on a paragraph's text alone.
#[derive(Default)]
pub struct Analyzer {
    cache: HashMap<Box<str>, Arc<ParagraphFacts>, FxBuildHasher>,
    /// The entity pass's last result, reused when an edit changes no name.
    entities: entities::EntityMemo,
}

impl Analyzer {
    pub fn analyze(&mut self, text: &str, format: Format) -> Analysis {
        let layout = layout::layout(text, format);
        let text: Arc<str> = Arc::from(text);
        let scan_text: Arc<str> = match layout.scan_text {
            Some(masked) => Arc::from(masked),
            None => text.clone(),
        };
        let blocks = layout.blocks;
        let (paragraphs, headings) = self.paragraphs(&scan_text, &blocks);
        let dateline = dateline::find(&scan_text, &blocks, &paragraphs);
        let mut entities = self.entities.collect(&scan_text, &headings, &paragraphs, dateline.as_ref());
        let (mut quotes, quote_issues) = quotes::find_quotes(&scan_text, &paragraphs);
        attribution::attribute(&scan_text, &paragraphs, &entities, &mut quotes);
        coref::resolve(&scan_text, &paragraphs, &mut entities, &mut quotes);
        Analysis { text, scan_text, format, blocks, paragraphs, headings, dateline, quotes, quote_issues, entities }
    }

    /// Body paragraphs and headings, each read once per distinct text.
    fn paragraphs(&mut self, scan: &str, blocks: &[Block]) -> (Vec<Paragraph>, Vec<Paragraph>) {
        let mut next: HashMap<Box<str>, Arc<ParagraphFacts>, FxBuildHasher> =
            HashMap::with_capacity_and_hasher(blocks.len(), FxBuildHasher);
        let mut paragraphs = Vec::with_capacity(blocks.len());
        let mut headings = Vec::new();
        for block in blocks.iter().filter(|b| matches!(b.kind, BlockKind::Body | BlockKind::Headline | BlockKind::Heading | BlockKind::Standfirst | BlockKind::Byline)) {
            let par_text = block.span.text(scan);
            let (key, facts) = match self.cache.remove_entry(par_text).or_else(|| next.remove_entry(par_text)) {
                Some(hit) => hit,
                None => (Box::from(par_text), Arc::new(paragraph::analyze_paragraph(par_text))),
            };
            let paragraph = Paragraph { span: block.span, facts: facts.clone() };
            if block.kind == BlockKind::Body {
                paragraphs.push(paragraph);
            } else {
                headings.push(paragraph);
            }
            next.insert(key, facts);
        }
        // Whatever was not used this time is dropped, so the cache never outgrows the draft.
        self.cache = next;
        (paragraphs, headings)
    }
}
