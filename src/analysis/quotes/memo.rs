//! Keeps the pairing's last result, so that a keystroke re-pairs only the stretch of paragraphs
//! around the edit instead of every mark of the draft.
//!
//! A paragraph that starts with no quote open is a clean boundary: the pairing from it on depends
//! on nothing before it. So a new version whose first paragraphs are the old ones (the same cached
//! facts at the same place) keeps the old quotes up to the last clean boundary before the edit,
//! pairs afresh from there, and stops at the first clean boundary (clean in both versions) among
//! the unchanged paragraphs after the edit: the old quotes from there on are reused, moved by the
//! edit's byte delta and renumbered. The result equals [`super::find_quotes`] on the same input.

use std::sync::Arc;

use super::pairing::pair_from;
use super::{Quote, QuoteIssue};
use crate::analysis::paragraph::{self, Paragraph};
use crate::analysis::span::Span;

/// The pairing's result for the last version of a draft.
#[derive(Default)]
pub struct PairingMemo {
    last: Option<Paired>,
}

struct Paired {
    paragraphs: Vec<Paragraph>,
    quotes: Vec<Quote>,
    issues: Vec<QuoteIssue>,
    /// For each paragraph: whether a quote was open as it started.
    open: Vec<bool>,
}

impl PairingMemo {
    /// The quotes and quote issues of a draft, as [`super::find_quotes`] gives them.
    pub fn find_quotes(&mut self, text: &str, paragraphs: &[Paragraph]) -> (Vec<Quote>, Vec<QuoteIssue>) {
        let last = self.last.take();
        let (quotes, issues, open, mut kept) = match last {
            Some(last) if !last.paragraphs.is_empty() => {
                let (quotes, issues, open) = repair(text, paragraphs, &last);
                (quotes, issues, open, last.paragraphs)
            }
            _ => {
                let run = pair_from(text, paragraphs, 0, |_| false);
                (run.quotes, run.issues, run.open, Vec::new())
            }
        };
        paragraph::update_in_place(&mut kept, paragraphs);
        self.last = Some(Paired { paragraphs: kept, quotes: quotes.clone(), issues: issues.clone(), open });
        (quotes, issues)
    }
}

/// Re-pairs the stretch the edit touched and reuses the old result before and after it.
fn repair(text: &str, paragraphs: &[Paragraph], last: &Paired) -> (Vec<Quote>, Vec<QuoteIssue>, Vec<bool>) {
    let (n, m) = (paragraphs.len(), last.paragraphs.len());
    let same = |new: &Paragraph, old: &Paragraph| Arc::ptr_eq(&new.facts, &old.facts);
    // Paragraphs before the edit: the same facts at the same place.
    let prefix = paragraphs.iter().zip(&last.paragraphs).take_while(|(new, old)| same(new, old) && new.span == old.span).count();
    // Paragraphs after the edit: the same facts, all moved by one delta.
    let delta = match (paragraphs.last(), last.paragraphs.last()) {
        (Some(new), Some(old)) => new.span.start as i64 - old.span.start as i64,
        _ => 0,
    };
    let suffix = paragraphs
        .iter()
        .rev()
        .zip(last.paragraphs.iter().rev())
        .take(n.min(m) - prefix)
        .take_while(|(new, old)| same(new, old) && new.span.start as i64 - old.span.start as i64 == delta)
        .count();
    // The last clean boundary at or before the first edited paragraph (paragraph 0 is clean).
    let restart = (0..=prefix.min(m - 1)).rev().find(|&i| !last.open[i]).unwrap_or(0);
    let old_index = |new: usize| new + m - n;
    let run = pair_from(text, paragraphs, restart, |pi| pi >= n - suffix && !last.open[old_index(pi)]);

    let starts_before = |old: usize| {
        let at = last.paragraphs.get(old).map_or(u32::MAX, |p| p.span.start);
        (last.quotes.partition_point(|q| q.span.start < at), last.issues.partition_point(|i| i.span.start < at))
    };
    let (kept_quotes, kept_issues) = starts_before(restart);
    let mut quotes = Vec::with_capacity(last.quotes.len() + run.quotes.len());
    quotes.extend_from_slice(&last.quotes[..kept_quotes]);
    let renumber = |i: usize, by: usize| i + by;
    quotes.extend(run.quotes.into_iter().map(|mut q| {
        q.parent = q.parent.map(|i| renumber(i, kept_quotes));
        q.continues = q.continues.map(|i| renumber(i, kept_quotes));
        q
    }));
    let mut issues = last.issues[..kept_issues].to_vec();
    issues.extend(run.issues);
    let mut open = last.open[..restart].to_vec();
    open.extend(run.open);
    if run.end < n {
        // The unchanged paragraphs from `run.end` on: the old result, moved and renumbered.
        let (from_quote, from_issue) = starts_before(old_index(run.end));
        let moved = |s: Span| s.moved_by(delta);
        let (new_base, old_base) = (quotes.len(), from_quote);
        quotes.extend(last.quotes[from_quote..].iter().map(|q| Quote {
            span: moved(q.span),
            content: moved(q.content),
            paragraph: q.paragraph + n - m,
            parent: q.parent.map(|i| i - old_base + new_base),
            continues: q.continues.map(|i| i - old_base + new_base),
            ..q.clone()
        }));
        issues.extend(last.issues[from_issue..].iter().map(|i| QuoteIssue { span: moved(i.span), ..*i }));
        open.extend_from_slice(&last.open[old_index(run.end)..]);
    }
    (quotes, issues, open)
}

#[cfg(test)]
mod tests {
    use crate::analysis::layout::Format;
    use crate::analysis::random_edits::RandomEdits;
    use crate::analysis::{analyze, Analyzer};

    /// Pieces that open, close, nest and carry quotes over paragraph breaks.
    const PIECES: &[&str] = &["\"", "“", "”", "‘", "’", "'", "\n\n", "\n", " said Ann. ", "word ", "“Yes,” he said.\n\n", "“Open on\n\n“and on."];

    #[test]
    fn re_pairing_around_edits_gives_the_fresh_pairing() {
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(["“We agree,” Lavrov said.\n\n", "“Part one.\n\n", "“Part two,” she said.\n\n", "He said 'no' to “reform.\n\n", "Nothing here.\n\n"][i % 5]);
        }
        let mut analyzer = Analyzer::default();
        analyzer.analyze(&text, Format::Plain);
        // A fixed pseudo-random sequence keeps the test deterministic.
        let mut edits = RandomEdits::new(0x9E37_79B9_7F4A_7C15);
        for _ in 0..400 {
            edits.cut_or_insert(&mut text, PIECES, 12);
            let warm = analyzer.analyze(&text, Format::Plain);
            let fresh = analyze(&text, Format::Plain);
            assert_eq!(warm.quotes, fresh.quotes, "{text:?}");
            assert_eq!(warm.quote_issues, fresh.quote_issues, "{text:?}");
        }
    }
}
