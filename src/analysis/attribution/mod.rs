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

mod phrase;

use self::phrase::Tokens;
use super::entities::Entity;
use super::paragraph::Paragraph;
use super::quotes::{Quote, QuoteKind};
use super::span::Span;
use super::tokens::TokenKind;

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

/// How far after a closing mark a cue verb may be (`"Q," the top Russian diplomat added`).
const AFTER_WINDOW: usize = 12;
/// How far before an opening mark a cue may be (`He underscored that Moscow "has never..."`).
const BEFORE_WINDOW: usize = 40;

/// Attributes each quote in place.
pub fn attribute(text: &str, paragraphs: &[Paragraph], entities: &[Entity], quotes: &mut [Quote]) {
    let _ = entities;
    for i in 0..quotes.len() {
        let q = &quotes[i];
        if !q.kind.is_speech() || q.parent.is_some() || q.continues.is_some() {
            continue;
        }
        let Some(par) = paragraphs.get(q.paragraph) else { continue };
        quotes[i].attribution = local(text, par, quotes, i);
    }
    carry_over(text, paragraphs, quotes);
}

/// An attribution in the quote's own sentence.
fn local(text: &str, par: &Paragraph, quotes: &[Quote], i: usize) -> Option<Attribution> {
    let q = &quotes[i];
    let off = par.offset();
    let t = Tokens { text: par.span.text(text), toks: &par.facts.tokens };
    let open = par.token_index_at(q.span.start);
    let after = par.token_index_at(q.span.end);
    let found = if q.kind == QuoteKind::Direct {
        q.closed.then(|| after_quote(&t, after)).flatten().or_else(|| before_quote(&t, par, open, q.span.start))
    } else {
        before_quote(&t, par, open, q.span.start).or_else(|| q.closed.then(|| after_quote(&t, after)).flatten())
    };
    found.map(|(speaker, cue)| Attribution {
        speaker: speaker.map(|s| Speaker { mention: s.shift(off), entity: None }),
        cue: Some(cue.shift(off)),
        source: super::attribution::AttributionSource::Local,
    })
}

type Found = (Option<Span>, Span);

/// `"Q," X said.`, `"Q," said X.`, `"Q" ― X`, `"Q," according to X.`
fn after_quote(t: &Tokens, start: usize) -> Option<Found> {
    let mut j = start;
    if matches!(t.word(j), "," | ";") {
        j += 1;
    }
    let first = t.toks.get(j)?;
    let _ = first;
    // `"…" ― Ariana Huichapa`: a dash and a name.
    if matches!(t.word(j), "―" | "—" | "–" | "-" | "--") {
        let speaker = t.phrase_after(j + 1, j + 1 + 8)?;
        return Some((Some(speaker), t.span(j, j)));
    }
    let end = (j + AFTER_WINDOW).min(t.toks.len());
    for k in j..end {
        let tok = t.toks[k];
        if tok.kind == TokenKind::QuoteMark || matches!(t.word(k), "." | "?" | "!" | ";" | ":") {
            return None;
        }
        let Some(cue) = t.cue_at(k) else { continue };
        let cue_span = t.span(cue.first, cue.last);
        if k == j || cue.speaker_follows {
            let speaker = t.phrase_after(cue.last + 1, end + 4)?;
            return Some((Some(speaker), cue_span));
        }
        let speaker = t.phrase_before(k, j)?;
        // The phrase must fill the gap between the quote and the cue (bar modifiers), or the
        // cue belongs to another clause: `"Q" was what the mayor said`.
        if speaker.start != t.toks[j].span.start {
            return None;
        }
        return Some((Some(speaker), cue_span));
    }
    None
}

/// `X said: "Q"`, `X said that ... "partial"`, `according to X, ... "Q"`, `Cruz called them on it: "Q"`.
fn before_quote(t: &Tokens, par: &Paragraph, open: usize, open_abs: u32) -> Option<Found> {
    let sentence_start = par
        .sentence_at(open_abs)
        .map(|s| par.facts.sentences[s].start)
        .map_or(0, |s| t.toks.partition_point(|tok| tok.span.start < s));
    // Stop at an earlier quote's closing mark: its own attribution is not ours.
    let mut min = sentence_start.max(open.saturating_sub(BEFORE_WINDOW));
    if let Some(k) = (min..open).rev().find(|&k| t.toks[k].kind == TokenKind::QuoteMark) {
        min = k + 1;
    }
    for k in (min..open).rev() {
        let Some(cue) = t.cue_at(k) else { continue };
        if cue.last >= open {
            continue;
        }
        let cue_span = t.span(cue.first, cue.last);
        if cue.speaker_follows {
            // `According to the top Russian diplomat, the group "has ..."`.
            let stop = (cue.last + 1..open).find(|&s| t.word(s) == ",").unwrap_or(open);
            let speaker = t.phrase_after(cue.last + 1, stop)?;
            return Some((Some(speaker), cue_span));
        }
        if let Some(speaker) = t.phrase_before(k, min) {
            return Some((Some(speaker), cue_span));
        }
        // `Said Comey, "…"`.
        if k == sentence_start {
            let speaker = t.phrase_after(cue.last + 1, open)?;
            return Some((Some(speaker), cue_span));
        }
        return None;
    }
    // A colon intro with any verb: `Cruz called them on it: "…"`.
    if open > min && t.word(open - 1) == ":" && open - min <= 14 {
        let verb = (min + 1..open - 1).find(|&k| t.word(k).starts_with(|c: char| c.is_lowercase()))?;
        let speaker = t.phrase_before(verb, min)?;
        return Some((Some(speaker), t.span(verb, verb)));
    }
    None
}

/// Quotes with no attribution of their own take the speaker of the quote they carry on.
fn carry_over(text: &str, paragraphs: &[Paragraph], quotes: &mut [Quote]) {
    // The last attributed speech quote, and the paragraph it is in.
    let mut last: Option<(usize, usize)> = None;
    for i in 0..quotes.len() {
        let q = &quotes[i];
        if !q.kind.is_speech() || q.parent.is_some() {
            continue;
        }
        if q.attribution.is_none() {
            let from = if let Some(c) = q.continues {
                Some(c)
            } else {
                last.filter(|&(_, p)| {
                    p == q.paragraph || (p + 1 == q.paragraph && starts_paragraph(paragraphs, q))
                })
                .map(|(j, _)| j)
                .or_else(|| next_in_paragraph(quotes, i))
            };
            if let Some(j) = from {
                if let Some(at) = quotes[j].attribution {
                    let origin = match at.source {
                        AttributionSource::Continued { from_quote } => from_quote,
                        AttributionSource::Local => j,
                    };
                    let floating = q.paragraph != quotes[j].paragraph && q.continues.is_none();
                    quotes[i].attribution = Some(Attribution { source: AttributionSource::Continued { from_quote: origin }, ..at });
                    if floating && quotes[i].kind == QuoteKind::Direct {
                        quotes[i].kind = QuoteKind::Continuation;
                    }
                }
            } else if let Some(at) = reported_speech_before(text, paragraphs, &quotes[i]) {
                quotes[i].attribution = Some(at);
            }
        }
        if quotes[i].attribution.is_some_and(|a| a.speaker.is_some()) {
            last = Some((i, quotes[i].paragraph));
        }
    }
}

fn starts_paragraph(paragraphs: &[Paragraph], q: &Quote) -> bool {
    paragraphs.get(q.paragraph).is_some_and(|p| p.span.start == q.span.start)
}

/// `"Q1." "Q2," he said.`: a quote followed straight away by an attributed one.
fn next_in_paragraph(quotes: &[Quote], i: usize) -> Option<usize> {
    let q = &quotes[i];
    let next = (i + 1..quotes.len()).find(|&j| quotes[j].parent.is_none() || quotes[j].parent == Some(i))?;
    let n = &quotes[next];
    (n.paragraph == q.paragraph
        && n.parent.is_none()
        && n.span.start <= q.span.end + 2
        && n.attribution.is_some_and(|a| a.source == AttributionSource::Local))
        .then_some(next)
}

/// A quote that opens a paragraph (or follows a sentence) after reported speech: `He said the plan
/// was dead. "It is over."`, or after an intro paragraph ending in a colon.
fn reported_speech_before(text: &str, paragraphs: &[Paragraph], q: &Quote) -> Option<Attribution> {
    let par = paragraphs.get(q.paragraph)?;
    let open = par.token_index_at(q.span.start);
    let (src, end) = if open > 0 {
        (par, open)
    } else {
        let prev = paragraphs.get(q.paragraph.checked_sub(1)?)?;
        (prev, prev.facts.tokens.len())
    };
    let t = Tokens { text: src.span.text(text), toks: &src.facts.tokens };
    // The sentence just before the quote.
    let last_tok = end.checked_sub(1)?;
    let sent = src.facts.sentences.iter().rposition(|s| s.start <= t.toks[last_tok].span.start)?;
    let s_start = src.facts.sentences[sent].start;
    let min = t.toks.partition_point(|tok| tok.span.start < s_start);
    for k in min..end.min(min + 12) {
        let Some(cue) = t.cue_at(k) else { continue };
        if cue.speaker_follows {
            continue;
        }
        let speaker = t.phrase_before(k, min)?;
        // The speaker must open the sentence: `He said ...`, not `... as Smith said`.
        if speaker.start != t.toks[min].span.start {
            return None;
        }
        let off = src.offset();
        return Some(Attribution {
            speaker: Some(Speaker { mention: speaker.shift(off), entity: None }),
            cue: Some(t.span(cue.first, cue.last).shift(off)),
            source: AttributionSource::Local,
        });
    }
    None
}
