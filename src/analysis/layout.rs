//! The draft's layout: which lines are body paragraphs, and which are headline, page furniture,
//! byline, or text that is not prose at all (YAML front matter, code, HTML comments).
//!
//! Layout runs over the whole document on every analysis, so it only looks at line starts and a
//! few bytes of each line: it must stay far cheaper than the per-paragraph work it feeds.


use super::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph of the story.
    Body,
    /// The story's headline (a Markdown heading, or the title line of a plain draft).
    Headline,
    /// A Markdown heading after the headline: a cross-head inside the story.
    Heading,
    /// Page furniture from a scraped page: `All news`, `Updated at:`, share buttons.
    Furniture,
    /// `By Jane Doe`.
    Byline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

/// The layout of a draft.
#[derive(Debug, Clone)]
pub struct Layout {
    pub blocks: Vec<Block>,
    /// The text the rest of the analysis reads: the draft with every byte that is not prose
    /// (front matter, code, HTML comments, link targets) replaced by a space, so that offsets into
    /// it are offsets into the draft.
    pub scan_text: Option<String>,
}

/// Finds the blocks of `text`.
pub fn layout(text: &str, format: Format) -> Layout {
    let scan_text = match format {
        Format::Markdown => mask_markdown(text),
        Format::Plain => None,
    };
    let scan: &str = scan_text.as_deref().unwrap_or(text);
    let mut blocks = Vec::new();
    for span in paragraph_spans(scan) {
        let line = span.text(scan);
        let kind = if format == Format::Markdown && line.starts_with('#') {
            BlockKind::Heading
        } else {
            BlockKind::Body
        };
        blocks.push(Block { span, kind });
    }
    classify_front(scan, &mut blocks);
    Layout { blocks, scan_text }
}

/// Paragraph spans: runs of non-blank lines separated by blank lines, or, in the indented style of
/// wire copy, by a line that starts with white space after a line that did not.
fn paragraph_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if trimmed.trim_end().is_empty() {
            if let Some(s) = start.take() {
                spans.push(Span::new(s, end));
            }
            continue;
        }
        let indent = content.len() - trimmed.len();
        let content_start = line_start + indent;
        let content_end = line_start + content.trim_end().len();
        match start {
            Some(s) if indent > 0 => {
                // An indented line inside a run starts a new wire paragraph.
                spans.push(Span::new(s, end));
                start = Some(content_start);
            }
            Some(_) => {}
            None => start = Some(content_start),
        }
        end = content_end;
    }
    if let Some(s) = start {
        spans.push(Span::new(s, end));
    }
    spans
}

/// Marks furniture, headline and byline among the blocks before the first real paragraph.
fn classify_front(text: &str, blocks: &mut [Block]) {
    let mut seen_headline = false;
    for block in blocks.iter_mut() {
        let line = block.span.text(text);
        if block.kind == BlockKind::Heading && !seen_headline {
            block.kind = BlockKind::Headline;
            seen_headline = true;
            continue;
        }
        if block.kind != BlockKind::Body {
            continue;
        }
        if is_byline(line) {
            block.kind = BlockKind::Byline;
            continue;
        }
        if is_furniture(line) {
            block.kind = BlockKind::Furniture;
            continue;
        }
        if !seen_headline && looks_like_headline(line) {
            block.kind = BlockKind::Headline;
            seen_headline = true;
            continue;
        }
        break;
    }
}

fn is_byline(line: &str) -> bool {
    let line = line.trim_matches(['*', '_', ' ']);
    line.starts_with("By ") && line.len() < 120 && !line.contains(". ")
}

fn is_furniture(line: &str) -> bool {
    const FURNITURE: &[&str] = &[
        "all news", "updated at", "published", "share", "advertisement", "read more", "menu",
        "skip to", "home", "news", "latest",
    ];
    let lower = line.trim().to_lowercase();
    lower.len() < 40 && FURNITURE.iter().any(|f| lower.starts_with(f)) && !lower.contains(". ")
}

/// A short line with no sentence-ending full stop, before the first paragraph.
fn looks_like_headline(line: &str) -> bool {
    !line.contains('\n') && line.len() < 200 && !line.trim_end().ends_with('.')
}

/// Blanks out the parts of a Markdown draft that are not prose. Returns `None` when nothing needs
/// masking.
fn mask_markdown(text: &str) -> Option<String> {
    let mut masked: Option<Vec<u8>> = None;
    let blank = |range: std::ops::Range<usize>, masked: &mut Option<Vec<u8>>| {
        let buf = masked.get_or_insert_with(|| text.as_bytes().to_vec());
        for b in &mut buf[range] {
            // Keep line breaks so that lines and paragraphs stay where they are.
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    // YAML front matter.
    if let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) {
        if let Some(end) = rest.find("\n---") {
            let mut stop = text.len() - rest.len() + end + 4;
            while stop < text.len() && text.as_bytes()[stop] != b'\n' {
                stop += 1;
            }
            blank(0..stop, &mut masked);
        }
    }
    // Fenced code blocks.
    let mut pos = 0;
    let mut fence_start: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            match fence_start.take() {
                Some(s) => blank(s..pos + line.len(), &mut masked),
                None => fence_start = Some(pos),
            }
        }
        pos += line.len();
    }
    if let Some(s) = fence_start {
        blank(s..text.len(), &mut masked);
    }
    // HTML comments.
    let mut from = 0;
    while let Some(i) = text[from..].find("<!--") {
        let s = from + i;
        let e = text[s..].find("-->").map_or(text.len(), |j| s + j + 3);
        blank(s..e, &mut masked);
        from = e;
    }
    // Link targets: the `(url)` of `[text](url)`, and inline code.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b']' && bytes[i + 1] == b'(' {
            if let Some(j) = text[i + 2..].find(')') {
                blank(i + 1..i + 3 + j, &mut masked);
                i += 3 + j;
                continue;
            }
        }
        if bytes[i] == b'`' {
            if let Some(j) = text[i + 1..].find('`') {
                blank(i..i + 2 + j, &mut masked);
                i += 2 + j;
                continue;
            }
        }
        i += 1;
    }
    masked.map(|m| String::from_utf8(m).expect("only ASCII bytes were replaced, by spaces"))
}
