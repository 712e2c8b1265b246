//! Attribution: who said each quote, and with which cue verb.
//!
//! Patterns, tried nearest first (see the shared newsroom notes, section 3):
//! - after the quote: `"Q," X said.`, `"Q," said X.`, `"Q" ― X`;
//! - before it: `X said: "Q"`, `X said that ... "partial"`, `according to X, ... "Q"`,
//!   `X told TASS: "Q"`, and a colon intro with any verb (`Cruz called them on it: "Q"`);
//! - carried over (`AttributionSource::Continued`): the later paragraphs of a multi-paragraph
//!   quote, `"Q1," X said. "Q2."`, and floating quotes that open a paragraph after an attributed
//!   one;
//! - reported speech just before a floating quote: `He said the plan was dead. "It is over."`.
//!
//! Work is proportional to the number of quotes: each reads a few tokens around itself.

mod carry;
mod memo;
mod patterns;
mod phrase;
mod restart;
#[cfg(test)]
mod tests;

use self::carry::carry_over;
pub use self::memo::{AttributionMemo, QuoteMemo};
pub use self::restart::RestartMemo;
use self::memo::{LocalFound, LocalKey};
use self::patterns::{after_quote, before_quote, clause_min, sent_words, signed_below, transcript_label};
use self::phrase::Tokens;
use super::entities::Entity;
use super::paragraph::Paragraph;
use super::quotes::{Quote, QuoteKind};
use super::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Speaker {
    /// The words that name the speaker, as written: `he`, `Lavrov`, `the top Russian diplomat`.
    pub mention: Span,
    /// The entity (index into `Analysis::entities`) the mention resolves to.
    pub entity: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributionSource {
    /// The attribution is in the quote's own sentence or paragraph.
    Local,
    /// Carried over from an earlier quote's attribution (multi-paragraph or floating quotes).
    Continued { from_quote: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Option<Speaker>,
    /// The cue verb (`said`, `told`, `according to`).
    pub cue: Option<Span>,
    pub source: AttributionSource,
}

impl Attribution {
    /// An attribution found in a paragraph's own text, from spans relative to the paragraph that
    /// starts at `offset`.
    fn local_in_paragraph(speaker: Option<Span>, cue: Span, offset: u32) -> Attribution {
        Attribution {
            speaker: speaker.map(|s| Speaker { mention: s.shift(offset), entity: None }),
            cue: Some(cue.shift(offset)),
            source: AttributionSource::Local,
        }
    }
}

/// How far after a closing mark a cue verb may be (`"Q," Jeff Weaver, Sanders' campaign manager,
/// said`).
const AFTER_WINDOW: usize = 24;
/// How far before an opening mark a cue may be (`He underscored that Moscow "has never..."`).
const BEFORE_WINDOW: usize = 40;

/// Attributes each quote in place.
pub fn attribute(text: &str, paragraphs: &[Paragraph], entities: &[Entity], quotes: &mut [Quote]) {
    let _ = entities;
    attribute_range(text, paragraphs, quotes, 0..quotes.len());
}

/// Attributes the quotes in `range`, which must start and end at a boundary between paragraphs
/// that nothing reads across (see [`restart`]): the quotes outside it are neither read for it nor
/// written.
fn attribute_range(text: &str, paragraphs: &[Paragraph], quotes: &mut [Quote], range: std::ops::Range<usize>) {
    let mut prev_in_paragraph: Option<usize> = None;
    for i in range.clone() {
        let q = &quotes[i];
        let Some(par) = paragraphs.get(q.paragraph) else {
            continue;
        };
        if q.kind == QuoteKind::Title && q.parent.is_none() {
            quotes[i].attribution = sent_title(text, par, q);
            continue;
        }
        if !q.kind.is_speech() || q.parent.is_some() {
            continue;
        }
        // A later paragraph of a running quote may carry its own attribution (`"…," he
        // continued.`); otherwise it takes its first paragraph's, below.
        if q.continues.is_some() {
            quotes[i].attribution = local(text, par, quotes, i);
            prev_in_paragraph = Some(i);
            continue;
        }
        let prev = prev_in_paragraph.filter(|&p| quotes[p].paragraph == q.paragraph);
        prev_in_paragraph = Some(i);
        let own = local(text, par, quotes, i);
        // `"Q1," said X, "Q2."`: the second part of an interrupted quote (unless it has a cue of
        // its own: `"Q1," Ryan said, though he said, "Q2."`).
        if let Some(p) = prev {
            if let Some(at) = quotes[p].attribution {
                let between = Span {
                    start: quotes[p].span.end,
                    end: q.span.start,
                };
                let same_cue = own.map_or(true, |o| o.cue == at.cue);
                if same_cue
                    && at.cue.is_some_and(|c| between.contains_span(c))
                    && !sentence_ends_between(text, between)
                {
                    let origin = match at.source {
                        AttributionSource::Continued { from_quote } => from_quote,
                        AttributionSource::Local => p,
                    };
                    quotes[i].attribution = Some(Attribution {
                        source: AttributionSource::Continued { from_quote: origin },
                        ..at
                    });
                    continue;
                }
            }
        }
        quotes[i].attribution = own;
    }
    // `"Q1 ¶ "Q2," he said.`: a running quote attributed at its end lends it to earlier parts.
    for i in range.clone().rev() {
        let Some(c) = quotes[i].continues else {
            continue;
        };
        if let Some(at) = quotes[i].attribution.filter(|a| a.speaker.is_some()) {
            if quotes[c].attribution.is_none() {
                let origin = match at.source {
                    AttributionSource::Continued { from_quote } => from_quote,
                    AttributionSource::Local => i,
                };
                quotes[c].attribution = Some(Attribution {
                    source: AttributionSource::Continued { from_quote: origin },
                    ..at
                });
            }
        }
    }
    carry_over(text, paragraphs, quotes, range);
}

/// Whether a sentence ends in `span` (a stop followed by a space and a capital, or a new line).
fn sentence_ends_between(text: &str, span: Span) -> bool {
    let s = span.text(text);
    s.contains('\n') || s.contains(". ") || s.contains("? ") || s.contains("! ")
}

/// A work's name given as what its sender titled it, `X released a memo titled "Q"`: the
/// sender's words (a book or show named is no one's).
fn sent_title(text: &str, par: &Paragraph, q: &Quote) -> Option<Attribution> {
    let t = Tokens::of(par.span.text(text), par);
    let open = par.token_index_at(q.span.start);
    let min = clause_min(&t, par, open, q.span.start);
    let (speaker, cue) = sent_words(&t, min, open)?;
    Some(Attribution::local_in_paragraph(speaker, cue, par.offset()))
}

/// An attribution in the quote's own sentence.
fn local(text: &str, par: &Paragraph, quotes: &[Quote], i: usize) -> Option<Attribution> {
    let q = &quotes[i];
    let off = par.offset();
    let in_paragraph = || local_in_paragraph(text, par, q);
    let LocalFound { found, label } = match LocalKey::new(par.span, q.span, q.content, q.kind, q.closed) {
        Some(key) => par
            .facts
            .attribution_memo
            .local
            .get_or_insert(key, in_paragraph),
        None => in_paragraph(),
    };
    // A transcript label wins over everything, so the signature below is not looked for then.
    let found = label
        .or_else(|| found.or_else(|| q.closed.then(|| signed_below(text, par, q.span)).flatten()))
        .or_else(|| unclosed_inside(text, par, quotes, i));
    found.map(|(speaker, cue)| Attribution::local_in_paragraph(speaker, cue, off))
}

/// What [`local`] finds from the paragraph alone (spans relative to it).
fn local_in_paragraph(text: &str, par: &Paragraph, q: &Quote) -> LocalFound {
    let ptext = par.span.text(text);
    let t = Tokens::of(ptext, par);
    let open = par.token_index_at(q.span.start);
    let after = par.token_index_at(q.span.end);
    let content = q.content.text(text).trim_end();
    let period_inside = content.ends_with('.');
    // `X said, "Q"` and `X said: "Q"` look back first; a quote opening its sentence looks ahead.
    let intro = open > 0 && (matches!(t.word(open - 1), ":" | ",") || t.cue_at(open - 1).is_some());
    let forward = || {
        q.closed
            .then(|| after_quote(&t, after, period_inside))
            .flatten()
    };
    let backward = || before_quote(&t, par, open, q.span.start);
    // `"Q," X said` is the surest pattern of all: a comma inside the marks asks for it.
    let comma_inside = content.ends_with(',');
    let found = if comma_inside || (q.kind == QuoteKind::Direct && !intro) {
        forward().or_else(backward)
    } else {
        backward().or_else(forward)
    };
    LocalFound {
        found,
        label: transcript_label(&t, open),
    }
}

/// The attribution inside a quote left unclosed by mistake: not the first paragraph of a quote
/// running on into the next, which by convention has no closing mark (its words may report
/// others' speech: `Kerry said that ...`).
fn unclosed_inside(text: &str, par: &Paragraph, quotes: &[Quote], i: usize) -> Option<patterns::Found> {
    let q = &quotes[i];
    let runs_on = || quotes[i + 1..].iter().take_while(|o| o.paragraph <= q.paragraph + 1).any(|o| o.continues == Some(i));
    if q.closed || runs_on() {
        return None;
    }
    let t = Tokens::of(par.span.text(text), par);
    attribution_inside(&t, par.token_index_at(q.span.start), par.token_index_at(q.span.end))
}

/// `"Q1, said Ann Lee. Q2.` with the closing mark left out: the attribution is inside the run-on
/// quote, right after a comma (`, said X`, `, X said`), as it would stand after the mark, and
/// closes its clause (`, Kerry said that ...` is speech reported inside the quote).
fn attribution_inside(t: &Tokens, open: usize, end: usize) -> Option<patterns::Found> {
    (open + 1..end).filter(|&k| t.word(k) == ",").find_map(|k| {
        let (speaker, cue) = after_quote(t, k, false)?;
        let cue_first = t.toks.partition_point(|x| x.span.start < cue.start);
        let said_end = speaker.map_or(cue.end, |s| s.end.max(cue.end));
        let next = t.toks.partition_point(|x| x.span.start < said_end);
        let closes = next >= end || matches!(t.word(next), "," | "." | ";");
        (cue_first <= k + 4 && closes).then_some((speaker, cue))
    })
}
