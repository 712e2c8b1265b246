//! The draft's layout: which lines are body paragraphs, and which are headline, page furniture,
//! byline, or text that is not prose at all (YAML front matter, code, HTML comments).
//!
//! Layout runs over the whole document on every analysis, so it only looks at line starts and a
//! few bytes of each line: it must stay far cheaper than the per-paragraph work it feeds. Only the
//! first few blocks (the front of the story) are read more closely.

use super::dateline;
use super::span::Span;

mod markdown;

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
    /// Page furniture from a scraped page: `All news`, `Updated at:`, share buttons; also an
    /// NYT-style `Reporting from Kyiv` line.
    Furniture,
    /// `By Jane Doe`.
    Byline,
    /// A dek (standfirst): the summary line between the headline and the story.
    Standfirst,
}

impl BlockKind {
    /// Blocks whose words are read for names: the body, and the headline, dek and byline above it
    /// (cross-heads and page furniture are not).
    pub fn is_prose(self) -> bool {
        matches!(
            self,
            BlockKind::Body | BlockKind::Headline | BlockKind::Standfirst | BlockKind::Byline
        )
    }
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
    /// it are offsets into the draft. `None` when nothing needed masking.
    pub scan_text: Option<String>,
}

/// U+FEFF at the start of a file.
pub const BYTE_ORDER_MARK: char = '\u{FEFF}';

/// Finds the blocks of `text`.
pub fn layout(text: &str, format: Format) -> Layout {
    let mut scan_text = match format {
        Format::Markdown => markdown::mask(text),
        Format::Plain => None,
    };
    // A byte order mark (Word and Windows editors write one) is no part of the story: masked
    // like the rest, so the dateline is still the first thing read and offsets stay the file's.
    if let Some(rest) = text.strip_prefix(BYTE_ORDER_MARK) {
        let mut masked = scan_text.unwrap_or_else(|| text.to_string());
        let mark_len = text.len() - rest.len();
        masked.replace_range(..mark_len, &" ".repeat(mark_len));
        scan_text = Some(masked);
    }
    let scan: &str = scan_text.as_deref().unwrap_or(text);
    let raw = raw_blocks(scan, format);
    let blocks = classify_front(scan, format, &raw);
    Layout { blocks, scan_text }
}

/// A block as the line scanner sees it, before the front of the story is classified.
#[derive(Debug, Clone, Copy)]
struct RawBlock {
    span: Span,
    /// A Markdown `#` heading.
    heading: bool,
    /// A blank line (or the start of the text) comes before it, rather than an indent.
    after_blank: bool,
}

/// Width of a line's leading white space, a tab counting four.
fn indent_width(line: &str) -> usize {
    line.bytes()
        .take_while(|b| *b == b' ' || *b == b'\t')
        .map(|b| if b == b'\t' { 4 } else { 1 })
        .sum()
}

/// Paragraph spans: runs of non-blank lines separated by blank lines. In plain text the indented
/// style of wire copy also counts: a line indented deeper than the line before it starts a new
/// paragraph, while a wrapped line at the same or a lesser indent continues it. In Markdown,
/// headings and list items stand on their own.
fn raw_blocks(text: &str, format: Format) -> Vec<RawBlock> {
    raw_blocks_from(text, format, 0, |_, _| false).0
}

/// [`raw_blocks`] from the line starting at `from`, which must follow a blank line (or be 0): the
/// scanner holds no state across a blank line. Stops at the first later line start after a blank
/// line for which `stop(blank line's start, line start)` says yes, and returns where it stopped.
fn raw_blocks_from(text: &str, format: Format, from: usize, stop: impl Fn(usize, usize) -> bool) -> (Vec<RawBlock>, Option<usize>) {
    let mut out: Vec<RawBlock> = Vec::with_capacity((text.len() - from) / 300 + 4);
    let mut current: Option<RawBlock> = None;
    let mut prev_indent = 0;
    let mut after_blank = true;
    let mut pos = from;
    let mut blank_start = from;
    for line in lines_inclusive(&text[from..]) {
        let line_start = pos;
        pos += line.len();
        if after_blank && line_start > from && stop(blank_start, line_start) {
            return (out, Some(line_start));
        }
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if trimmed.trim_end().is_empty() {
            out.extend(current.take());
            after_blank = true;
            blank_start = line_start;
            continue;
        }
        let indent = indent_width(content);
        let start = line_start + (content.len() - trimmed.len());
        let end = line_start + content.trim_end().len();
        let heading = format == Format::Markdown && indent < 4 && is_atx_heading(trimmed);
        let new_block = match current {
            None => true,
            Some(c) if c.heading || heading => true,
            Some(_) if format == Format::Markdown => is_list_item(trimmed),
            Some(_) => indent > prev_indent,
        };
        if new_block {
            out.extend(current.take());
            current = Some(RawBlock {
                span: Span::new(start, end),
                heading,
                after_blank,
            });
        } else if let Some(c) = current.as_mut() {
            c.span.end = end as u32;
        }
        prev_indent = indent;
        after_blank = false;
    }
    out.extend(current);
    (out, None)
}

/// The line scan of the last version of a plain draft, kept so that the next version re-scans
/// only the stretch of lines around an edit: from the start of the block before it that follows a
/// blank line, to the first blank line in the text after it. The scanner holds no state across a
/// blank line, so the blocks before that stretch are the old ones and those after it the old ones
/// moved by the edit's length. The blocks are then classified as [`layout`] does, so the result is
/// the same.
#[derive(Default)]
pub struct LayoutMemo {
    last: Option<(std::sync::Arc<String>, Vec<RawBlock>)>,
}

impl LayoutMemo {
    /// The text of the last version laid out, if it is remembered (plain text only).
    pub(crate) fn last_text(&self) -> Option<std::sync::Arc<String>> {
        self.last.as_ref().map(|(text, _)| text.clone())
    }

    /// [`layout`] of `text`, and, when it and the last version are both plain text without a byte
    /// order mark, what the edit between them left alone (found from `hint`, the editor's word
    /// for it, when that fits: see [`super::Unchanged::from_hint`]).
    pub(crate) fn layout(&mut self, text: &std::sync::Arc<String>, format: Format, hint: Option<super::Unchanged>) -> (Layout, Option<super::Unchanged>) {
        let last = self.last.take();
        if format != Format::Plain || text.starts_with(BYTE_ORDER_MARK) {
            return (layout(text, format), None);
        }
        let (raw, unchanged) = match last {
            Some((old_text, old_raw)) => {
                let hinted = hint.and_then(|hint| super::Unchanged::from_hint(hint, &old_text, text));
                let unchanged = hinted.unwrap_or_else(|| super::Unchanged::between(&old_text, text));
                (rescan(text, &old_raw, unchanged), Some(unchanged))
            }
            None => (raw_blocks(text, format), None),
        };
        let blocks = classify_front(text, format, &raw);
        self.last = Some((text.clone(), raw));
        (Layout { blocks, scan_text: None }, unchanged)
    }
}

/// The new version's raw blocks: the old ones before and after the edit, the lines around it
/// scanned again.
fn rescan(text: &str, old_raw: &[RawBlock], unchanged: super::Unchanged) -> Vec<RawBlock> {
    let (prefix, suffix_start) = (unchanged.prefix, unchanged.new_end());
    let line_start = |at: usize| memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |p| p + 1);
    // The last old block after a blank line whose line lies wholly in the unchanged text before
    // the edit (its line start is where the scan resumes).
    let before = old_raw.partition_point(|b| (b.span.start as usize) <= prefix);
    let (kept, from) = (0..before)
        .rev()
        .find(|&k| old_raw[k].after_blank && k > 0)
        .map_or((0, 0), |k| (k, line_start(old_raw[k].span.start as usize)));
    let delta = unchanged.delta();
    // A blank line in the unchanged text after the edit, the line break before it included (a
    // line is blank by what follows the break before it, so that break must be unchanged too).
    let (middle, stopped) = raw_blocks_from(text, Format::Plain, from, |blank, _| blank > suffix_start);
    let mut raw = Vec::with_capacity(old_raw.len() + middle.len());
    raw.extend_from_slice(&old_raw[..kept]);
    raw.extend(middle);
    if let Some(at) = stopped {
        let old_at = (at as i64 - delta) as u32;
        let after = old_raw.partition_point(|b| b.span.start < old_at);
        let moved = |x: u32| (x as i64 + delta) as u32;
        raw.extend(old_raw[after..].iter().map(|b| RawBlock { span: Span { start: moved(b.span.start), end: moved(b.span.end) }, ..*b }));
    }
    raw
}

/// The lines of `text` with their line breaks, as `str::split_inclusive('\n')` gives them, found
/// with `memchr` (this is the one loop of the layout over the whole draft).
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = breaks.next().map_or(text.len(), |p| p + 1);
        let line = text.get(start..end);
        start = end;
        line
    })
}

fn is_atx_heading(trimmed: &str) -> bool {
    let hashes = trimmed.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&hashes)
        && trimmed[hashes..]
            .chars()
            .next()
            .map_or(true, |c| c == ' ' || c == '\t')
}

fn is_list_item(trimmed: &str) -> bool {
    let b = trimmed.as_bytes();
    if b.len() >= 2 && matches!(b[0], b'-' | b'*' | b'+') && b[1] == b' ' {
        // `* ` could open emphasis only when glued: `*word*`, so a space means a bullet.
        return true;
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    digits > 0
        && digits < 4
        && b.len() > digits + 1
        && matches!(b[digits], b'.' | b')')
        && b[digits + 1] == b' '
}

/// Lines of a span: `(start, end)` absolute, without line breaks.
fn lines_of(text: &str, span: Span) -> impl Iterator<Item = (usize, usize)> + '_ {
    let base = span.start as usize;
    let mut pos = base;
    span.text(text).split('\n').map(move |l| {
        let s = pos;
        pos += l.len() + 1;
        let t = l.trim_end_matches('\r').trim_end();
        let lead = t.len() - t.trim_start().len();
        (s + lead, s + t.len())
    })
}

/// How many blocks at the top of a draft can still be headline, furniture or byline.
const FRONT_BLOCKS: usize = 12;
/// How many lines into the first block a dateline may sit (below a glued headline and byline).
const FRONT_LINES: usize = 5;

/// Marks furniture, headline, dek and byline among the blocks before the first real paragraph,
/// splitting a block whose first lines are front matter glued to the story.
fn classify_front(text: &str, format: Format, raw: &[RawBlock]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(raw.len() + 4);
    let mut seen_headline = false;
    let mut i = 0;
    let push = |out: &mut Vec<Block>, start: usize, end: usize, kind| {
        out.push(Block {
            span: Span::new(start, end),
            kind,
        })
    };
    'front: while i < raw.len() && i < FRONT_BLOCKS {
        let block = raw[i];
        i += 1;
        if block.heading {
            let kind = if seen_headline {
                BlockKind::Heading
            } else {
                BlockKind::Headline
            };
            seen_headline = true;
            out.push(Block {
                span: block.span,
                kind,
            });
            continue;
        }
        let lines: Vec<(usize, usize)> = lines_of(text, block.span).take(FRONT_LINES + 1).collect();
        let block_end = block.span.end as usize;
        // A dateline on one of the first lines: what is above it is front matter.
        for (k, &(ls, le)) in lines.iter().enumerate().take(FRONT_LINES) {
            let at_line = &text[ls..block_end];
            if let Some(body_at) = glued_byline_dateline(at_line) {
                for &(fs, fe) in &lines[..k] {
                    let kind = front_line_kind(&text[fs..fe], &mut seen_headline);
                    push(&mut out, fs, fe, kind);
                }
                let byline_end = ls + text[ls..ls + body_at].trim_end().len();
                push(&mut out, ls, byline_end, BlockKind::Byline);
                push(&mut out, ls + body_at, block_end, BlockKind::Body);
                break 'front;
            }
            let found = if k == 0 {
                dateline::starts_with_dateline(at_line)
            } else {
                dateline::starts_with_strong_dateline(at_line)
            };
            if found.is_some() {
                // A one-word "headline" above a block that carries its own headline line was a
                // section label (`Sports`).
                if k > 0 && demote_section_label(text, &mut out) {
                    seen_headline = false;
                }
                for &(fs, fe) in &lines[..k] {
                    let kind = front_line_kind(&text[fs..fe], &mut seen_headline);
                    push(&mut out, fs, fe, kind);
                }
                push(&mut out, ls, block_end, BlockKind::Body);
                break 'front;
            }
            let _ = le;
        }
        // Leading furniture and byline lines are set aside one by one.
        let mut rest_start = block.span.start as usize;
        for &(ls, le) in &lines {
            let line = &text[ls..le];
            let kind = if is_furniture(line) || is_reporting_from(line) {
                BlockKind::Furniture
            } else if is_byline(line) {
                BlockKind::Byline
            } else {
                break;
            };
            push(&mut out, ls, le, kind);
            rest_start = (le + 1).min(block_end);
        }
        let rest = Span::new(rest_start, block_end);
        let rest_text = rest.text(text).trim();
        if rest_text.is_empty() {
            continue;
        }
        let rest = Span::new(
            rest_start + (rest.text(text).len() - rest.text(text).trim_start().len()),
            block_end,
        );
        let single_line = !rest_text.contains('\n');
        let next = raw.get(i);
        let followed_by_blank = next.is_some_and(|n| n.after_blank);
        if single_line && followed_by_blank && !seen_headline && looks_like_headline(rest_text) {
            seen_headline = true;
            out.push(Block {
                span: rest,
                kind: BlockKind::Headline,
            });
            continue;
        }
        if single_line && followed_by_blank && seen_headline && looks_like_dek(rest_text) {
            out.push(Block {
                span: rest,
                kind: BlockKind::Standfirst,
            });
            continue;
        }
        if seen_headline
            && format == Format::Markdown
            && is_emphasised_line(rest_text)
            && next.is_some()
        {
            out.push(Block {
                span: rest,
                kind: BlockKind::Standfirst,
            });
            continue;
        }
        // A dek that ends in a full stop, with the byline below it.
        if seen_headline
            && single_line
            && raw[i..]
                .iter()
                .take(2)
                .any(|n| is_byline(n.span.text(text)))
        {
            out.push(Block {
                span: rest,
                kind: BlockKind::Standfirst,
            });
            continue;
        }
        out.push(Block {
            span: rest,
            kind: BlockKind::Body,
        });
        break;
    }
    for block in &raw[i.min(raw.len())..] {
        let kind = if block.heading {
            BlockKind::Heading
        } else {
            BlockKind::Body
        };
        out.push(Block {
            span: block.span,
            kind,
        });
    }
    out
}

/// Turns a one-word headline into furniture; returns whether it did.
fn demote_section_label(text: &str, out: &mut [Block]) -> bool {
    match out.iter_mut().rev().find(|b| b.kind == BlockKind::Headline) {
        Some(b) if !unemphasised(b.span.text(text)).contains(' ') => {
            b.kind = BlockKind::Furniture;
            true
        }
        _ => false,
    }
}

/// What a line above a dateline is: the first is the headline, a name is the byline.
fn front_line_kind(line: &str, seen_headline: &mut bool) -> BlockKind {
    if is_furniture(line) || is_reporting_from(line) {
        BlockKind::Furniture
    } else if is_byline(line) {
        BlockKind::Byline
    } else if !*seen_headline {
        *seen_headline = true;
        BlockKind::Headline
    } else if looks_like_name(line) {
        BlockKind::Byline
    } else {
        BlockKind::Standfirst
    }
}

/// Strips Markdown emphasis and spaces around a line.
fn unemphasised(line: &str) -> &str {
    line.trim().trim_matches(['*', '_']).trim()
}

fn is_emphasised_line(line: &str) -> bool {
    let t = line.trim();
    t.len() > 2
        && ((t.starts_with('*') && t.ends_with('*')) || (t.starts_with('_') && t.ends_with('_')))
}

/// Small words a byline may hold besides names.
const BYLINE_GLUE: &[&str] = &[
    "and", "&", "in", "of", "for", "the", "de", "da", "del", "der", "van", "von", "la", "le", "al",
    "bin", "ibn", "y", "/", "|", "-", "—", "–",
];

/// `By Jane Doe`, `**By JANE DOE and John Roe, Associated Press**`, `By Zoe McGuire / BBC News`.
pub fn is_byline(line: &str) -> bool {
    let t = unemphasised(line);
    let Some(rest) = t
        .strip_prefix("By ")
        .or_else(|| t.strip_prefix("BY "))
        .or_else(|| t.strip_prefix("by "))
    else {
        return false;
    };
    if t.len() > 120 || rest.is_empty() {
        return false;
    }
    let mut words = 0;
    for word in rest.split_whitespace() {
        let w = word.trim_matches([',', ';', ':', '.', '(', ')']);
        if w.is_empty() || BYLINE_GLUE.contains(&w) {
            continue;
        }
        words += 1;
        if words > 16 || !w.chars().next().is_some_and(|c| c.is_uppercase()) {
            return false;
        }
    }
    words > 0 && !rest.trim_end().ends_with(['?', '!'])
}

/// A person's name on its own line (a byline without `By`, as in some feeds): two to four
/// capitalised words, no digits.
fn looks_like_name(line: &str) -> bool {
    const NOT_IN_NAMES: &[&str] = &["for", "to", "in", "on", "at", "of", "the", "as", "with", "after", "over", "says"];
    let t = unemphasised(line);
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && t.len() < 50
        && !words.iter().any(|w| NOT_IN_NAMES.contains(&w.to_lowercase().as_str()))
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !w.chars().any(|c| c.is_ascii_digit())
        })
}

fn is_reporting_from(line: &str) -> bool {
    let t = unemphasised(line);
    t.starts_with("Reporting from ") && t.len() < 80
}

/// Lines a scraped news page puts around the story.
fn is_furniture(line: &str) -> bool {
    // Whole lines (`Share`, `All news`), compared without case and trailing punctuation.
    const WHOLE: &[&str] = &[
        "all news",
        "news",
        "home",
        "menu",
        "share",
        "share this",
        "share this article",
        "advertisement",
        "read more",
        "latest",
        "latest news",
        "most read",
        "follow us",
        "subscribe",
        "sign in",
        "log in",
        "print",
        "email",
        "comments",
        "related",
        "related stories",
        "related articles",
        "top stories",
        "listen",
        "listen to this article",
        "close",
        "search",
        "more",
        "video",
        "photos",
    ];
    // Line starts that carry a value after them (`Updated at: 12:05`, `Skip to content`).
    const LEADS: &[&str] = &[
        "updated",
        "published",
        "posted",
        "last updated",
        "skip to",
        "photo:",
        "image:",
        "file photo",
        "source:",
    ];
    let t = unemphasised(line);
    if t.len() >= 48 || t.contains(". ") {
        return false;
    }
    let lower = t.to_lowercase();
    let bare = lower.trim_end_matches([':', '.', '|', ' ', '»', '>']);
    WHOLE.contains(&bare)
        || LEADS
            .iter()
            .any(|f| lower.starts_with(f) && word_boundary_after(&lower, f.len()))
        || lower.ends_with("min read")
        || is_timestamp(&lower)
}

fn word_boundary_after(s: &str, at: usize) -> bool {
    s[at..]
        .chars()
        .next()
        .map_or(true, |c| !c.is_alphanumeric())
}

/// `29 Mar 2018, 10:00`, `March 29, 2018 12:04 pm`: a date line with no words of prose.
fn is_timestamp(lower: &str) -> bool {
    // A time (`10:15`) or a year, and few figures: a price row (`May 152.8 153.0`) is no date.
    let groups = lower.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty());
    let (mut n_groups, mut has_year) = (0, false);
    for g in groups {
        n_groups += 1;
        has_year |= g.len() == 4 && (g.starts_with("19") || g.starts_with("20"));
    }
    if n_groups > 5 || !(has_year || lower.contains(':')) {
        return false;
    }
    let digits = lower.bytes().filter(u8::is_ascii_digit).count();
    let words = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    digits >= 4
        && words.into_iter().all(|w| {
            dateline::month_number(w).is_some()
                || matches!(
                    w,
                    "am" | "pm"
                        | "gmt"
                        | "utc"
                        | "msk"
                        | "est"
                        | "edt"
                        | "et"
                        | "bst"
                        | "cet"
                        | "at"
                        | "on"
                )
        })
}

/// A single line with no sentence-ending full stop: a headline candidate.
fn looks_like_headline(line: &str) -> bool {
    let t = unemphasised(line);
    !t.is_empty() && t.len() < 200 && !t.ends_with(['.', ':', ',', ';']) || t.ends_with(" .")
}

/// A short line below the headline that does not end like a sentence, even inside closing quotes
/// (`... said, “we are done.”` is a paragraph of the story).
fn looks_like_dek(line: &str) -> bool {
    let t = unemphasised(line).trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    !t.is_empty() && t.len() < 200 && !t.ends_with(['.', '?', '!', ':', ',', ';', '…'])
}

/// `By ZEKE MILLER and DARLENE SUPERVILLE WEST PALM BEACH, Fla. (AP) — ...`: a byline glued to
/// the dateline on one line, as flattened AP feeds carry it. Returns where the dateline begins.
fn glued_byline_dateline(line: &str) -> Option<usize> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))?;
    let first_line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let base = line.len() - rest.len();
    let limit = floor_boundary(first_line, first_line.len().min(160));
    let mut starts: Vec<usize> = first_line[..limit]
        .match_indices(' ')
        .map(|(p, _)| p + 1)
        .collect();
    starts.insert(0, 0);
    let word_at = |p: usize| first_line[p..].split(' ').next().unwrap_or("");
    let parses = |p: usize| {
        word_at(p).starts_with(char::is_uppercase)
            && dateline::starts_with_strong_dateline(&line[base + p..]).is_some()
    };
    // The first word from which a dateline reads: the last name and the place are in there.
    let first = starts.iter().position(|&p| parses(p))?;
    if first == 0 {
        return None;
    }
    // The last name starts after the last `and` or comma before it.
    let name_start = (0..=first)
        .rev()
        .find(|&k| {
            k > 0 && (word_at(starts[k - 1]) == "and" || word_at(starts[k - 1]).ends_with(','))
        })
        .unwrap_or(0);
    let name_word = word_at(starts[name_start]);
    let place_k = if name_word.chars().any(char::is_lowercase) {
        // `By Kim Min-ji BUSAN`: the place is the first word in capitals after the name.
        (name_start..starts.len()).find(|&k| !word_at(starts[k]).chars().any(char::is_lowercase))?
    } else {
        // Names in capitals: first and last name, with a middle initial in between.
        let middle_initial = starts
            .get(name_start + 1)
            .is_some_and(|&p| word_at(p).trim_end_matches('.').chars().count() == 1);
        name_start + if middle_initial { 3 } else { 2 }
    };
    let p = *starts.get(place_k)?;
    parses(p).then_some(base + p)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests;
