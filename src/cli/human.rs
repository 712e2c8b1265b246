//! Compiler-style output for people:
//!
//! ```text
//! drafts/strike.md:5:1: warning[malformed-dateline]: The city should be in capitals
//!   5 | Southport, Sept 5 (AP) Dock workers walked out ...
//!     | ^^^^^^^^^
//!     = help: Change to `SOUTHPORT`
//! ```
//!
//! News paragraphs are often one long line, so the source line is cut to a window around the
//! finding. Text from the draft is cleaned of control characters before it reaches the terminal.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use super::lines::LineIndex;
use super::report::{Checked, Reporter, Summary};
use crate::analysis::span::Span;
use crate::rules::{Finding, Severity};

/// Widest source excerpt, in terminal columns.
const MAX_EXCERPT_WIDTH: usize = 100;
/// Columns of context kept before the finding when the line has to be cut.
const LEFT_CONTEXT: usize = 30;

pub struct HumanReport {
    style: Style,
    /// The drafts that could not be read, each with the reason, for the summary.
    unreadable: Vec<String>,
}

/// The unreadable drafts the summary names one by one; beyond them it counts.
const UNREADABLE_NAMED: usize = 3;

impl HumanReport {
    pub fn new(color: bool) -> HumanReport {
        HumanReport { style: Style { color }, unreadable: Vec::new() }
    }
}

impl Reporter for HumanReport {
    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        for finding in file.findings {
            self.finding(out, file, finding)?;
        }
        Ok(())
    }

    fn input_error(&mut self, name: &str, message: &str) {
        self.unreadable.push(format!("{} ({})", clean(name), clean(message)));
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let s = &self.style;
        let n_files = plural(summary.files_checked, "file", "files");
        // What could not be read comes first: "no problems" in a run that read nothing would mislead.
        let mut line = String::new();
        if summary.unreadable > 0 {
            let n = plural(summary.unreadable, "input", "inputs");
            let mut named = self.unreadable[..self.unreadable.len().min(UNREADABLE_NAMED)].join("; ");
            if summary.unreadable > UNREADABLE_NAMED {
                named.push_str(&format!("; and {} more", summary.unreadable - UNREADABLE_NAMED));
            }
            line.push_str(&format!("{n} not checked: {named}. "));
            if summary.files_checked == 0 {
                return writeln!(out, "{}", s.paint(BOLD, &format!("{line}No draft was checked.")));
            }
        }
        line += &if summary.counts.iter().all(|&n| n == 0) {
            format!("No problems found in {n_files}.")
        } else {
            let parts: Vec<String> = SEVERITIES
                .iter()
                .zip(summary.counts)
                .filter(|(_, n)| *n > 0)
                .map(|(sev, n)| plural(n, sev.as_str(), &format!("{}s", sev.as_str())))
                .collect();
            format!(
                "Found {} in {} of {n_files}.",
                parts.join(", "),
                summary.files_with_findings
            )
        };
        writeln!(out, "{}", s.paint(BOLD, &line))
    }
}

/// Severities in the order of [`Summary::counts`].
const SEVERITIES: [Severity; 4] = [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint];

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl HumanReport {
    fn finding(&self, out: &mut dyn Write, file: &Checked, f: &Finding) -> io::Result<()> {
        let s = &self.style;
        let at = file.lines.line_col(f.span.start as usize);
        let sev = f.severity.as_str();
        let color = severity_color(f.severity);
        writeln!(
            out,
            "{}: {}: {}",
            s.paint(BOLD, &format!("{}:{}:{}", clean(file.name), at.line, at.column)),
            s.paint(color, &format!("{sev}[{}]", f.code)),
            s.paint(BOLD, &clean(&f.message)),
        )?;
        let excerpt = excerpt(file.lines, f.span);
        let gutter = " ".repeat(at.line.to_string().len());
        writeln!(
            out,
            "  {} {} {}",
            s.paint(BLUE, &at.line.to_string()),
            s.paint(BLUE, "|"),
            excerpt.line
        )?;
        writeln!(
            out,
            "  {gutter} {} {}{}",
            s.paint(BLUE, "|"),
            " ".repeat(excerpt.caret_offset),
            s.paint(color, &"^".repeat(excerpt.caret_width))
        )?;
        if let Some(fix) = f.fixes.iter().find(|fix| fix.preferred).or(f.fixes.first()) {
            writeln!(out, "  {gutter} {} help: {}", s.paint(BLUE, "="), clean(&fix.title))?;
        }
        for related in &f.related {
            let r = file.lines.line_col(related.span.start as usize);
            writeln!(
                out,
                "  {gutter} {} note: {}:{}: {}",
                s.paint(BLUE, "="),
                r.line,
                r.column,
                clean(&related.message)
            )?;
        }
        Ok(())
    }
}

/// The source line as shown, and where the carets go under it (in terminal columns).
#[derive(Debug, PartialEq, Eq)]
struct Excerpt {
    line: String,
    caret_offset: usize,
    caret_width: usize,
}

/// Cuts the span's first line to at most [`MAX_EXCERPT_WIDTH`] columns around the span. Work is
/// proportional to the window, not to the line: a draft may be a single 10 MB line.
fn excerpt(lines: &LineIndex, span: Span) -> Excerpt {
    let (line, line_start) = lines.line_text(span.start as usize);
    let start = (span.start as usize).saturating_sub(line_start).min(line.len());
    // A span that runs on past this line is underlined to the line's end.
    let end = (span.end as usize).saturating_sub(line_start).clamp(start, line.len());
    let from = if fits(line, MAX_EXCERPT_WIDTH) {
        0
    } else {
        window_start(&line[..start], LEFT_CONTEXT)
    };
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    let mut width = usize::from(from > 0);
    let (mut caret_offset, mut caret_width) = (None, 0);
    let mut cut = false;
    for (i, c) in line[from..].char_indices() {
        let i = from + i;
        let c = displayable(c);
        let w = c.width().unwrap_or(0);
        if width + w > MAX_EXCERPT_WIDTH {
            cut = true;
            break;
        }
        if i == start {
            caret_offset = Some(width);
        }
        if i >= start && i < end {
            caret_width += w;
        }
        shown.push(c);
        width += w;
    }
    if cut {
        shown.push('…');
    }
    // An empty span (an insertion point) or one past the shown text still gets one caret.
    let caret_offset = caret_offset.unwrap_or(width);
    Excerpt {
        line: shown,
        caret_offset,
        caret_width: caret_width.max(1),
    }
}

/// Whether the line's display width is at most `max`, reading no more of it than that.
fn fits(line: &str, max: usize) -> bool {
    let mut width = 0;
    for c in line.chars() {
        width += displayable(c).width().unwrap_or(0);
        if width > max {
            return false;
        }
    }
    true
}

/// The byte offset in `before` where a window with `context` columns before its end starts.
fn window_start(before: &str, context: usize) -> usize {
    let mut width = 0;
    for (i, c) in before.char_indices().rev() {
        width += displayable(c).width().unwrap_or(0);
        if width > context {
            return i + c.len_utf8();
        }
    }
    0
}

/// Control characters would move the cursor or change colours: a tab becomes a space, the rest
/// become the replacement character.
fn displayable(c: char) -> char {
    match c {
        '\t' => ' ',
        c if c.is_control() => '\u{FFFD}',
        c => c,
    }
}

fn clean(text: &str) -> String {
    text.chars().map(displayable).collect()
}

const BOLD: &str = "1";
const BLUE: &str = "1;34";

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
        Severity::Hint => "1;32",
    }
}

/// ANSI colours, or none.
struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, sgr: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(line: &str, start: usize, end: usize) -> Excerpt {
        let index = LineIndex::new(line);
        excerpt(&index, Span::new(start, end))
    }

    #[test]
    fn short_line_is_shown_whole_with_carets_under_the_span() {
        let e = show("He said \"no\" twice.", 8, 12);
        assert_eq!(e.line, "He said \"no\" twice.");
        assert_eq!((e.caret_offset, e.caret_width), (8, 4));
    }

    #[test]
    fn wide_and_multibyte_characters_count_in_columns() {
        // `東京` is two characters, four columns; `é` is two bytes, one column.
        let line = "é 東京 x";
        let e = show(line, line.find('東').unwrap(), line.find(" x").unwrap());
        assert_eq!((e.caret_offset, e.caret_width), (2, 4));
    }

    #[test]
    fn long_line_is_cut_around_the_span() {
        let line = format!("{}\"Quote\"{}", "a".repeat(500), "b".repeat(500));
        let e = show(&line, 500, 507);
        assert!(e.line.starts_with('…') && e.line.ends_with('…'), "{}", e.line);
        assert!(e.line.chars().count() <= MAX_EXCERPT_WIDTH + 1);
        assert_eq!(&e.line[e.line.find('"').unwrap()..][..7], "\"Quote\"");
        assert_eq!(e.caret_offset, LEFT_CONTEXT + 1);
        assert_eq!(e.caret_width, 7);
    }

    #[test]
    fn multi_line_span_is_underlined_to_the_end_of_its_first_line() {
        let e = show("say \"one\ntwo\"", 4, 13);
        assert_eq!(e.line, "say \"one");
        assert_eq!((e.caret_offset, e.caret_width), (4, 4));
    }

    #[test]
    fn empty_span_gets_one_caret() {
        let e = show("abc", 3, 3);
        assert_eq!((e.caret_offset, e.caret_width), (3, 1));
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let e = show("a\x1b[31mb\tc", 0, 1);
        assert_eq!(e.line, "a\u{FFFD}[31mb c");
    }
}
