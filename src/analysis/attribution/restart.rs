//! Keeps the last version's attributions, so that a keystroke re-attributes only the quotes
//! around the edit instead of every quote of the draft.
//!
//! Attribution reads across a paragraph break in three ways only: a running quote's later part
//! and its first part lend each other their attribution (`continues`; a nested quote's `parent`
//! is counted too); a quote that opens a paragraph takes the speaker of the paragraph before, or
//! its reported speech; and a quote's signature (`signed_below`) is the line after it, with a
//! character or two past that line. So a break that no link crosses and after which no quote
//! opens its paragraph is a clean boundary: the quotes before it are attributed alike whatever
//! comes after, and those after it whatever came before. A new version keeps the old
//! attributions up to the last boundary clean in both versions before the edit (with the text
//! a signature is looked for in untouched), re-attributes from there to the first clean
//! boundary among the untouched paragraphs after the edit, and moves the old ones from there on
//! by the edit's byte delta, renumbered. Only quotes that the pairing gave alike in both versions
//! are kept. The result equals [`super::attribute`] on the same input.

use std::ops::Range;
use std::sync::Arc;

use super::{attribute_range, Attribution, AttributionSource, Speaker};
use crate::analysis::paragraph::Paragraph;
use crate::analysis::quotes::{Quote, QuoteKind};
use crate::analysis::span::Span;
use crate::analysis::{TextEdit, Unchanged};

/// The attributions of the last version of a draft.
#[derive(Default)]
pub struct RestartMemo {
    last: Option<Attributed>,
}

struct Attributed {
    /// The text they were found in.
    text: Arc<String>,
    paragraphs: Vec<Span>,
    /// The quotes, attributed.
    quotes: Vec<Quote>,
    /// Each quote's kind as the pairing gave it (attribution turns a floating quote into a
    /// continuation).
    kinds: Vec<QuoteKind>,
    /// For each paragraph break `k` (before paragraph `k`, `0..=n`): whether it is clean.
    clean: Vec<bool>,
    /// For each quote: whether it opens its paragraph (no word before it there).
    opens: Vec<bool>,
}

impl RestartMemo {
    /// Attributes each quote in place, as [`super::attribute`] does. `edit` is how `text`
    /// differs from the text last attributed, when the analysis compared them.
    pub(crate) fn attribute(&mut self, text: &Arc<String>, paragraphs: &[Paragraph], quotes: &mut [Quote], edit: Option<&TextEdit>) {
        let kinds: Vec<QuoteKind> = quotes.iter().map(|q| q.kind).collect();
        let last = self.last.take();
        // Only a comparison of these very texts says what the edit left alone.
        let unchanged = last.as_ref().zip(edit).filter(|(l, e)| Arc::ptr_eq(&e.old, &l.text) && Arc::ptr_eq(&e.new, text)).map(|(_, e)| e.unchanged);
        let opens = opening_quotes(paragraphs, quotes, last.as_ref().zip(unchanged));
        let clean = clean_boundaries(paragraphs, quotes, &opens);
        let range = match (last, unchanged) {
            (Some(last), Some(u)) if !last.paragraphs.is_empty() => reuse(text, paragraphs, quotes, &clean, &last, u),
            _ => 0..quotes.len(),
        };
        #[cfg(test)]
        REATTRIBUTED.with(|n| n.set(n.get() + range.len()));
        attribute_range(text, paragraphs, quotes, range);
        self.last = Some(Attributed {
            text: Arc::clone(text),
            paragraphs: paragraphs.iter().map(|p| p.span).collect(),
            quotes: quotes.to_vec(),
            kinds,
            clean,
            opens,
        });
    }
}

#[cfg(test)]
thread_local! {
    /// How many quotes this thread's restart memos have attributed afresh.
    static REATTRIBUTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// For each quote, whether it opens its paragraph: no token of the paragraph before it. Read from
/// the last version for a quote at the same place in a paragraph the edit left alone (the same
/// text, so the same tokens), so that a keystroke reads no paragraph's tokens but the edited
/// ones' (each read a cache miss on a large draft).
fn opening_quotes(paragraphs: &[Paragraph], quotes: &[Quote], last: Option<(&Attributed, Unchanged)>) -> Vec<bool> {
    let (nq, mq) = (quotes.len(), last.map_or(0, |(l, _)| l.quotes.len()));
    let from_last = |i: usize, q: &Quote, p: &Paragraph| -> Option<bool> {
        let (last, u) = last?;
        let was_par = u.old_span(p.span)?;
        let was_start = q.span.start as i64 + was_par.start as i64 - p.span.start as i64;
        // The old quote at that place: the same index, or the same index from the end.
        let j = [Some(i), (i + mq).checked_sub(nq)].into_iter().flatten().find(|&j| last.quotes.get(j).is_some_and(|o| o.span.start as i64 == was_start))?;
        (last.paragraphs.get(last.quotes[j].paragraph) == Some(&was_par)).then(|| last.opens[j])
    };
    quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let Some(p) = paragraphs.get(q.paragraph) else { return false };
            from_last(i, q, p).unwrap_or_else(|| {
                let rel = q.span.start.saturating_sub(p.offset());
                p.span.start >= q.span.start || p.facts.tokens.first().map_or(true, |t| t.span.end > rel)
            })
        })
        .collect()
}

/// Which paragraph breaks are clean (see the module's note), from the pairing's quotes and
/// which of them open their paragraphs.
fn clean_boundaries(paragraphs: &[Paragraph], quotes: &[Quote], opens: &[bool]) -> Vec<bool> {
    let n = paragraphs.len();
    // Links crossing each break, counted by differences: a link from paragraph `a` to `b > a`
    // crosses the breaks `a + 1..=b`.
    let mut crossing = vec![0i32; n + 2];
    for q in quotes {
        for link in [q.continues, q.parent].into_iter().flatten() {
            let from = quotes.get(link).map_or(0, |o| o.paragraph);
            let (a, b) = (from.min(q.paragraph), from.max(q.paragraph));
            if a < b && b <= n {
                crossing[a + 1] += 1;
                crossing[b + 1] -= 1;
            }
        }
    }
    let mut running = 0;
    let mut clean: Vec<bool> = crossing[..=n]
        .iter()
        .map(|d| {
            running += d;
            running == 0
        })
        .collect();
    for (q, &opens) in quotes.iter().zip(opens) {
        if opens && q.paragraph < n {
            clean[q.paragraph] = false;
        }
    }
    clean[0] = true;
    clean[n] = true;
    clean
}

/// Fills `quotes` with the old attributions before and after the edit; returns the quotes left
/// to attribute.
fn reuse(text: &str, paragraphs: &[Paragraph], quotes: &mut [Quote], clean: &[bool], last: &Attributed, u: Unchanged) -> Range<usize> {
    let (n, m) = (paragraphs.len(), last.paragraphs.len());
    let (nq, mq) = (quotes.len(), last.quotes.len());
    // Paragraphs before the edit: the same place, and the byte after them untouched.
    let lead = paragraphs.iter().zip(&last.paragraphs).take_while(|(p, was)| p.span == **was && (p.span.end as usize) < u.prefix).count();
    let delta = u.delta();
    let tail_start = u.new_end();
    let moved = |was: Span, now: Span| now.start as i64 - was.start as i64 == delta && now.end as i64 - was.end as i64 == delta;
    let trail = paragraphs
        .iter()
        .rev()
        .zip(last.paragraphs.iter().rev())
        .take_while(|(p, was)| p.span.start as usize >= tail_start && moved(**was, p.span))
        .count();
    let old_par = |k: usize| k + m - n;
    let before = |qs: &[Quote], k: usize| qs.partition_point(|q| q.paragraph < k);

    // The restart: a break clean in both versions, with what the quotes before it read after
    // their paragraph (a signature line) untouched.
    let mut r = lead;
    let mut equal = 0;
    let kept = loop {
        while r > 0 && !(clean[r] && last.clean[r] && signature_read_end(text, paragraphs[r - 1].span.end) < u.prefix) {
            r -= 1;
        }
        let (kn, ko) = (before(quotes, r), before(&last.quotes, r));
        let upto = kn.min(ko);
        while equal < upto && same_input(&quotes[equal], &last.quotes[equal], last.kinds[equal], 0, 0, 0) {
            equal += 1;
        }
        if equal >= upto && kn == ko {
            break kn;
        }
        // The pairing differs from quote `equal` on: restart before its paragraph.
        let differs = [quotes.get(equal), last.quotes.get(equal)].into_iter().flatten().map(|q| q.paragraph).min().unwrap_or(0);
        r = differs.min(r.saturating_sub(1));
    };

    // The first break after the edit clean in both versions, among untouched paragraphs.
    let dpar = n as i64 - m as i64;
    let dq = nq as i64 - mq as i64;
    let mut s = (n - trail).max(r);
    let mut equal_tail = 0;
    let moved_count = loop {
        while s < n && !(clean[s] && last.clean[old_par(s)]) {
            s += 1;
        }
        let (kn, ko) = (nq - before(quotes, s), mq - before(&last.quotes, old_par(s)));
        let upto = kn.min(ko);
        while equal_tail < upto && {
            let (i, j) = (nq - 1 - equal_tail, mq - 1 - equal_tail);
            same_input(&quotes[i], &last.quotes[j], last.kinds[j], delta, dpar, dq)
        } {
            equal_tail += 1;
        }
        if equal_tail >= upto && kn == ko {
            break kn;
        }
        let new_par = (equal_tail < nq).then(|| quotes[nq - 1 - equal_tail].paragraph as i64);
        let old_par = (equal_tail < mq).then(|| last.quotes[mq - 1 - equal_tail].paragraph as i64 + dpar);
        let differs = new_par.into_iter().chain(old_par).max().unwrap_or(n as i64);
        s = (differs + 1).clamp(s as i64 + 1, n as i64) as usize;
    };

    for (q, was) in quotes[..kept].iter_mut().zip(&last.quotes) {
        q.attribution = was.attribution;
        q.kind = was.kind;
    }
    for (q, was) in quotes[nq - moved_count..].iter_mut().zip(&last.quotes[mq - moved_count..]) {
        *q = shifted(was, delta, dpar, dq);
    }
    kept..nq - moved_count
}

/// How far the text is read after a paragraph ending at `end` for a signature below one of its
/// quotes (`signed_below`): the next line holding text, and the next line's first character.
fn signature_read_end(text: &str, end: u32) -> usize {
    let rest = text.get(end as usize..).unwrap_or("");
    let line = rest.trim_start();
    let line_end = text.len() - line.len() + line.find('\n').unwrap_or(line.len());
    let next = text[line_end..].trim_start();
    text.len() - next.len() + next.chars().next().map_or(0, char::len_utf8)
}

fn shift_index(i: usize, by: i64) -> usize {
    (i as i64 + by) as usize
}

/// Whether a new quote, as the pairing gave it, is an old one (as the pairing gave it, of kind
/// `kind`) moved by `delta` bytes, `dpar` paragraphs and `dq` quotes.
fn same_input(new: &Quote, old: &Quote, kind: QuoteKind, delta: i64, dpar: i64, dq: i64) -> bool {
    let link = |l: Option<usize>| l.map(|i| i as i64 + dq);
    new.span == old.span.moved_by(delta)
        && new.content == old.content.moved_by(delta)
        && new.kind == kind
        && new.style == old.style
        && new.closed == old.closed
        && new.paragraph as i64 == old.paragraph as i64 + dpar
        && new.parent.map(|i| i as i64) == link(old.parent)
        && new.continues.map(|i| i as i64) == link(old.continues)
        && new.attribution.is_none()
}

/// An old attributed quote moved by `delta` bytes, `dpar` paragraphs and `dq` quotes.
fn shifted(old: &Quote, delta: i64, dpar: i64, dq: i64) -> Quote {
    Quote {
        span: old.span.moved_by(delta),
        content: old.content.moved_by(delta),
        paragraph: shift_index(old.paragraph, dpar),
        parent: old.parent.map(|i| shift_index(i, dq)),
        continues: old.continues.map(|i| shift_index(i, dq)),
        attribution: old.attribution.map(|a| Attribution {
            speaker: a.speaker.map(|s| Speaker { mention: s.mention.moved_by(delta), ..s }),
            cue: a.cue.map(|c| c.moved_by(delta)),
            source: match a.source {
                AttributionSource::Continued { from_quote } => AttributionSource::Continued { from_quote: shift_index(from_quote, dq) },
                AttributionSource::Local => AttributionSource::Local,
            },
        }),
        ..old.clone()
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::layout::Format;
    use crate::analysis::random_edits::RandomEdits;
    use crate::analysis::{analyze, Analyzer};

    /// Pieces that open, close and carry quotes over paragraph breaks, attribute them before,
    /// after and below, and open paragraphs with quotes.
    const PIECES: &[&str] = &[
        "\"", "“", "”", "\n\n", "\n", " said Ann Lee. ", "word ", "“Yes,” he said.\n\n", "“Open on\n\n“and on,” she said.\n\n",
        "Ruth Halvorsen\n\n", "He said the plan was dead. ", "“It is over.”\n\n", "The judge turned to me. ", ", Mayor Ruth Halvorsen said, ",
        "according to Lee, ", "— Ann Lee\n\n", "Lee said: ", "# Heading\n\n",
    ];

    /// A word typed in the middle of a long draft re-attributes the quotes of the paragraphs
    /// around it, not the draft's; a paragraph break typed there, too.
    #[test]
    fn an_edit_re_attributes_only_the_quotes_near_it() {
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(&format!("Anna Lind spoke at pier {i}. “It will reopen,” she said.\n\n“We hope so.”\n\nNothing here.\n\n"));
        }
        let mut analyzer = Analyzer::default();
        analyzer.analyze(&text, Format::Plain);
        let middle = text.len() / 2;
        let at = text[middle..].find("Nothing").map(|i| middle + i).expect("a plain paragraph");
        for edit in ["Still ", "\n\n"] {
            text.insert_str(at, edit);
            let before = super::REATTRIBUTED.with(|n| n.get());
            let warm = analyzer.analyze(&text, Format::Plain);
            let fresh_count = super::REATTRIBUTED.with(|n| n.get()) - before;
            assert_eq!(warm.quotes, analyze(&text, Format::Plain).quotes);
            assert!(warm.quotes.len() == 600 && fresh_count <= 6, "{fresh_count} of {} re-attributed", warm.quotes.len());
        }
    }

    #[test]
    fn re_attributing_around_edits_gives_the_fresh_attributions() {
        for (seed, format) in [(0x9E37_79B9_7F4A_7C15, Format::Plain), (0x2545_F491_4F6C_DD1D, Format::Markdown)] {
            let mut text = String::new();
            for i in 0..60 {
                text.push_str(
                    [
                        "“We agree,” Lavrov said.\n\n",
                        "“Part one.\n\n",
                        "“Part two,” she said.\n\n",
                        "He said the talks were over. “We leave.”\n\n",
                        "Nothing here.\n\n",
                        "“Floating on.”\n\n",
                        "“Signed off.”\nRuth Halvorsen\n\n",
                        "Kerry said: “Yes.” “And no.”\n\n",
                    ][i % 8],
                );
            }
            let mut analyzer = Analyzer::default();
            analyzer.analyze(&text, format);
            let mut edits = RandomEdits::new(seed);
            for _ in 0..400 {
                edits.cut_or_insert(&mut text, PIECES, 30);
                let warm = analyzer.analyze(&text, format);
                let fresh = analyze(&text, format);
                assert_eq!(warm.quotes, fresh.quotes, "{text:?}");
            }
        }
    }
}
