//! Pairing quotation marks into quotes, across the whole document.
//!
//! Reads only the cached marks of each paragraph (and the paragraph's first token), so the work is
//! proportional to the number of marks, not to the length of the text.

use super::marks::{level_of, Level};
use super::{kinds, MarkRole, MarkStyle, Quote, QuoteIssue, QuoteIssueKind, QuoteKind};
use crate::analysis::paragraph::Paragraph;
use crate::analysis::span::Span;

/// An opening mark waiting for its closing mark.
#[derive(Debug, Clone, Copy)]
struct Pending {
    /// Absolute span of the opening mark.
    mark: Span,
    level: Level,
    style: MarkStyle,
    /// Where the quote (or this paragraph's part of it) starts: the opening mark, or the
    /// continuation mark at the start of a later paragraph.
    part_start: Span,
    paragraph: usize,
    /// Index in `parts` of the previous paragraph's part of a multi-paragraph quote.
    continues: Option<usize>,
}

/// A quote (or a paragraph's part of one) before kinds and nesting are known.
struct Part {
    span: Span,
    content: Span,
    style: MarkStyle,
    closed: bool,
    paragraph: usize,
    continues: Option<usize>,
}

/// Pairs the marks of all paragraphs into quotes.
pub fn find_quotes(text: &str, paragraphs: &[Paragraph]) -> (Vec<Quote>, Vec<QuoteIssue>) {
    let run = pair_from(text, paragraphs, 0, |_| false);
    (run.quotes, run.issues)
}

/// The pairing of a stretch of paragraphs that starts with no quote open.
pub(super) struct Run {
    /// The stretch's quotes, classified; `parent` and `continues` index this list.
    pub quotes: Vec<Quote>,
    pub issues: Vec<QuoteIssue>,
    /// For each paragraph of the stretch: whether a quote was open as it started.
    pub open: Vec<bool>,
    /// The paragraph the stretch stopped before (`paragraphs.len()` when it ran to the end).
    pub end: usize,
}

/// Pairs the marks of the paragraphs from `from` on, starting with no quote open, and stops
/// before the first later paragraph that starts with no quote open and for which `stop` says yes.
/// What happens from a paragraph on, when no quote is open there, depends on nothing before it.
pub(super) fn pair_from(text: &str, paragraphs: &[Paragraph], from: usize, stop: impl Fn(usize) -> bool) -> Run {
    let mut parts: Vec<Part> = Vec::new();
    let mut issues = Vec::new();
    let mut stack: Vec<Pending> = Vec::new();
    let mut open_at = Vec::new();
    let mut end = paragraphs.len();
    for (pi, par) in paragraphs.iter().enumerate().skip(from) {
        if pi > from && stack.is_empty() && stop(pi) {
            end = pi;
            break;
        }
        open_at.push(!stack.is_empty());
        let off = par.offset();
        let marks = &par.facts.quote_marks;
        let mut first_mark = 0;
        // A quote run on from the previous paragraph continues if this one opens with a mark.
        if !stack.is_empty() {
            let opener = marks.first().filter(|m| {
                m.span.start == 0
                    && matches!(m.role, MarkRole::Open | MarkRole::Either)
                    && level_of(m.span.text(par_text(text, par))) == Level::Double
            });
            // The quote that runs on is the double quote opened last: one opened before it and
            // still open was left unclosed (`"I hope so. "We tried." He said: "We will` runs on
            // from `"We will`, and `"I hope` is the mark never closed).
            let runs_on = stack.iter().rposition(|p| p.level == Level::Double);
            match (opener, runs_on) {
                (Some(m), Some(o)) => {
                    // Inner quotes left open at the paragraph break are dropped quietly: a single
                    // mark left open is as likely a misread apostrophe as a missing mark.
                    for p in stack.drain(o + 1..) {
                        report_unclosed(text, &p, &mut issues);
                    }
                    let p = stack.pop().expect("a double quote is open");
                    let end = paragraphs[pi - 1].span.end;
                    for left in stack.drain(..).rev() {
                        if report_unclosed(text, &left, &mut issues) {
                            close_part(&mut parts, &left, end, None);
                        }
                    }
                    let part = close_part(&mut parts, &p, end, None);
                    let mark = m.span.shift(off);
                    stack.push(Pending {
                        mark: p.mark,
                        level: p.level,
                        style: p.style,
                        part_start: mark,
                        paragraph: pi,
                        continues: Some(part),
                    });
                    first_mark = 1;
                }
                _ => {
                    for p in stack.drain(..).rev() {
                        let end = paragraphs[pi - 1].span.end;
                        if report_unclosed(text, &p, &mut issues) {
                            close_part(&mut parts, &p, end, None);
                        }
                    }
                }
            }
        }
        let ptext = par_text(text, par);
        for m in &marks[first_mark..] {
            let mark_text = m.span.text(ptext);
            let level = level_of(mark_text);
            let abs = m.span.shift(off);
            let open = |stack: &mut Vec<Pending>| {
                stack.push(Pending {
                    mark: abs,
                    level,
                    style: m.style,
                    part_start: abs,
                    paragraph: pi,
                    continues: None,
                })
            };
            // Lines of one block are paragraphs too in some drafts: a double mark opening a line
            // while a double quote from an earlier line is open carries that quote on.
            if level == Level::Double && matches!(m.role, MarkRole::Open | MarkRole::Either) {
                if let Some(line_end) = previous_line_end(ptext, m.span.start as usize) {
                    let outer = stack.iter().position(|p| {
                        p.level == Level::Double && p.part_start.end <= off + line_end as u32
                    });
                    if let Some(o) = outer {
                        for p in stack.drain(o + 1..).rev() {
                            if report_unclosed(text, &p, &mut issues) {
                                close_part(&mut parts, &p, off + line_end as u32, None);
                            }
                        }
                        let p = stack.pop().expect("outer exists");
                        let part = close_part(&mut parts, &p, off + line_end as u32, None);
                        stack.push(Pending {
                            part_start: abs,
                            paragraph: pi,
                            continues: Some(part),
                            ..p
                        });
                        continue;
                    }
                }
            }
            let target = stack.iter().rposition(|p| p.level == level);
            // A single mark only closes a single quote opened inside the current double quote.
            let target = match (level, target) {
                (Level::Single, Some(t))
                    if stack[t + 1..].iter().any(|p| p.level == Level::Double) =>
                {
                    None
                }
                (_, t) => t,
            };
            match m.role {
                MarkRole::Apostrophe => {}
                MarkRole::Open => open(&mut stack),
                MarkRole::Either if target.is_none() => open(&mut stack),
                MarkRole::Close | MarkRole::Either => match target {
                    Some(t) => {
                        for p in stack.drain(t + 1..).rev() {
                            if report_unclosed(text, &p, &mut issues) {
                                close_part(&mut parts, &p, abs.start, None);
                            }
                        }
                        let p = stack.pop().expect("target exists");
                        close_part(&mut parts, &p, abs.start, Some(abs));
                    }
                    None => {
                        if is_stray_close(ptext, m.span, level) {
                            issues.push(QuoteIssue {
                                span: abs,
                                kind: QuoteIssueKind::StrayClose,
                            });
                        }
                    }
                },
            }
        }
    }
    // A stretch that stopped has no quote open; one that ran to the end closes what is open.
    if let Some(last) = paragraphs.last() {
        for p in stack.drain(..).rev() {
            if report_unclosed(text, &p, &mut issues) {
                close_part(&mut parts, &p, last.span.end, None);
            }
        }
    }
    issues.sort_by_key(|i| i.span);
    Run { quotes: build_quotes(text, paragraphs, parts), issues, open: open_at, end }
}

/// If only white space stands between the start of the line and `at`, and the line is not the
/// paragraph's first, the end of the previous line's text.
fn previous_line_end(ptext: &str, at: usize) -> Option<usize> {
    // Only white space may stand between the line break and `at`. Trimming backwards from `at`
    // (rather than searching for the last line break) keeps this O(1) per mark on long lines.
    let before = ptext[..at].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
    let line = before.strip_suffix('\n')?;
    Some(line.trim_end().len())
}

fn par_text<'t>(text: &'t str, par: &Paragraph) -> &'t str {
    par.span.text(text)
}

/// Records the part of a quote that ends at `end` (the closing mark's start, or the paragraph's
/// end when `close` is `None`). Returns its index.
fn close_part(parts: &mut Vec<Part>, p: &Pending, end: u32, close: Option<Span>) -> usize {
    let span = Span {
        start: p.part_start.start,
        end: close.map_or(end, |c| c.end),
    };
    let content = Span {
        start: p.part_start.end.min(end),
        end,
    };
    parts.push(Part {
        span,
        content,
        style: p.style,
        closed: close.is_some(),
        paragraph: p.paragraph,
        continues: p.continues,
    });
    parts.len() - 1
}

/// Reports an opening mark that never closed, unless it is too likely a misread apostrophe (a
/// straight single mark). Returns whether the mark should still make a quote.
fn report_unclosed(text: &str, p: &Pending, issues: &mut Vec<QuoteIssue>) -> bool {
    let mark = p.mark.text(text);
    if p.level == Level::Single && mark != "‘" && mark != "‹" {
        return false;
    }
    // For a multi-paragraph quote, the mark to fix is the last paragraph's.
    issues.push(QuoteIssue {
        span: p.part_start,
        kind: QuoteIssueKind::Unclosed,
    });
    true
}

/// A closing mark with nothing to close is worth reporting only at the double level, and not when
/// it is an inch or seconds mark after a number (`6'2"`).
fn is_stray_close(ptext: &str, mark: Span, level: Level) -> bool {
    if level == Level::Single {
        return false;
    }
    let before = ptext[..mark.start as usize].chars().next_back();
    !before.is_some_and(|c| c.is_ascii_digit() || c == '\'')
}

/// Orders the parts, links nested quotes to their parents, and classifies each.
fn build_quotes(text: &str, paragraphs: &[Paragraph], parts: Vec<Part>) -> Vec<Quote> {
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| {
        parts[a]
            .span
            .start
            .cmp(&parts[b].span.start)
            .then(parts[b].span.end.cmp(&parts[a].span.end))
    });
    let mut new_index = vec![0usize; parts.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut quotes: Vec<Quote> = Vec::with_capacity(parts.len());
    let mut enclosing: Vec<usize> = Vec::new();
    for &old in &order {
        let part = &parts[old];
        while enclosing
            .last()
            .is_some_and(|&e| !quotes[e].span.contains_span(part.span))
        {
            enclosing.pop();
        }
        let parent = enclosing.last().copied();
        quotes.push(Quote {
            span: part.span,
            content: part.content,
            kind: QuoteKind::Direct,
            style: part.style,
            closed: part.closed,
            paragraph: part.paragraph,
            parent,
            continues: part.continues.map(|c| new_index[c]),
            attribution: None,
        });
        enclosing.push(quotes.len() - 1);
    }
    for i in 0..quotes.len() {
        let kind = kinds::classify(text, paragraphs, &quotes, i);
        quotes[i].kind = kind;
    }
    quotes
}
