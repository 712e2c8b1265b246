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

/// How far after a closing mark a cue verb may be (`"Q," Jeff Weaver, Sanders' campaign manager,
/// said`).
const AFTER_WINDOW: usize = 24;
/// How far before an opening mark a cue may be (`He underscored that Moscow "has never..."`).
const BEFORE_WINDOW: usize = 40;

/// Attributes each quote in place.
pub fn attribute(text: &str, paragraphs: &[Paragraph], entities: &[Entity], quotes: &mut [Quote]) {
    let _ = entities;
    let mut prev_in_paragraph: Option<usize> = None;
    for i in 0..quotes.len() {
        let q = &quotes[i];
        if !q.kind.is_speech() || q.parent.is_some() || q.continues.is_some() {
            continue;
        }
        let Some(par) = paragraphs.get(q.paragraph) else { continue };
        let prev = prev_in_paragraph.filter(|&p| quotes[p].paragraph == q.paragraph);
        prev_in_paragraph = Some(i);
        let own = local(text, par, quotes, i);
        // `"Q1," said X, "Q2."`: the second part of an interrupted quote (unless it has a cue of
        // its own: `"Q1," Ryan said, though he said, "Q2."`).
        if let Some(p) = prev {
            if let Some(at) = quotes[p].attribution {
                let between = Span { start: quotes[p].span.end, end: q.span.start };
                let same_cue = own.map_or(true, |o| o.cue == at.cue);
                if same_cue && at.cue.is_some_and(|c| between.contains_span(c)) && !sentence_ends_between(text, between) {
                    let origin = match at.source {
                        AttributionSource::Continued { from_quote } => from_quote,
                        AttributionSource::Local => p,
                    };
                    quotes[i].attribution = Some(Attribution { source: AttributionSource::Continued { from_quote: origin }, ..at });
                    continue;
                }
            }
        }
        quotes[i].attribution = own;
    }
    carry_over(text, paragraphs, quotes);
}

/// Whether a sentence ends in `span` (a stop followed by a space and a capital, or a new line).
fn sentence_ends_between(text: &str, span: Span) -> bool {
    let s = span.text(text);
    s.contains('\n') || s.contains(". ") || s.contains("? ") || s.contains("! ")
}

/// An attribution in the quote's own sentence.
fn local(text: &str, par: &Paragraph, quotes: &[Quote], i: usize) -> Option<Attribution> {
    let q = &quotes[i];
    let off = par.offset();
    let ptext = par.span.text(text);
    let t = Tokens::of(ptext, par);
    let open = par.token_index_at(q.span.start);
    let after = par.token_index_at(q.span.end);
    let content = q.content.text(text).trim_end();
    let period_inside = content.ends_with('.');
    // `X said, "Q"` and `X said: "Q"` look back first; a quote opening its sentence looks ahead.
    let intro = open > 0 && (matches!(t.word(open - 1), ":" | ",") || t.cue_at(open - 1).is_some());
    let forward = || q.closed.then(|| after_quote(&t, after, period_inside)).flatten();
    let backward = || before_quote(&t, par, open, q.span.start);
    // `"Q," X said` is the surest pattern of all: a comma inside the marks asks for it.
    let comma_inside = content.ends_with(',');
    let found = if comma_inside || (q.kind == QuoteKind::Direct && !intro) {
        forward().or_else(backward)
    } else {
        backward().or_else(forward)
    };
    let found = found.or_else(|| q.closed.then(|| signed_below(text, par, after)).flatten());
    found.map(|(speaker, cue)| Attribution {
        speaker: speaker.map(|s| Speaker { mention: s.shift(off), entity: None }),
        cue: Some(cue.shift(off)),
        source: AttributionSource::Local,
    })
}

type Found = (Option<Span>, Span);

/// A quote that ends its paragraph, signed in the next one: `"Q."` then `- Bernie Sanders.`.
/// The span is relative to `par`, like the other patterns' (so it may run past its end).
fn signed_below(text: &str, par: &Paragraph, after: usize) -> Option<Found> {
    let toks = &par.facts.tokens;
    if after < toks.len() && !(after + 1 == toks.len() && toks[after].span.text(par.span.text(text)) == ".") {
        return None;
    }
    let rest = &text[par.span.end as usize..];
    let gap = rest.len() - rest.trim_start().len();
    if !rest[..gap].contains('\n') {
        return None;
    }
    let line = rest[gap..].lines().next()?;
    let name = line.strip_prefix(['-', '—', '–', '―'])?;
    let lead = line.len() - name.len();
    let name_text = name.trim_start();
    let start = gap + lead + (name.len() - name_text.len());
    let end = start + name_text.find([',', '.', '(']).unwrap_or(name_text.len()).min(60);
    let words = rest[start..end].split_whitespace().count();
    let capitalised = rest[start..end].split_whitespace().all(|w| w.starts_with(char::is_uppercase));
    if !(1..=5).contains(&words) || !capitalised {
        return None;
    }
    let base = par.span.len();
    let dash = Span::new(base + gap, base + gap + lead);
    Some((Some(Span::new(base + start, base + start + rest[start..end].trim_end().len())), dash))
}

/// `"Q," X said.`, `"Q," said X.`, `"Q" ― X`, `"Q," according to X.`, `"Q," X, a spokesman, said.`
fn after_quote(t: &Tokens, start: usize, period_inside: bool) -> Option<Found> {
    let mut j = start;
    if j >= t.toks.len() || (j > 0 && t.newline_between(j - 1, j)) {
        return None;
    }
    if matches!(t.word(j), "," | ";") {
        j += 1;
    }
    // `"…" ― Ariana Huichapa`: a dash and a name.
    if matches!(t.word(j), "―" | "—" | "–" | "-" | "--") {
        let speaker = t.phrase_after(j + 1, j + 1 + 8)?;
        return Some((Some(speaker), t.span(j, j)));
    }
    let end = (j + AFTER_WINDOW).min(t.toks.len());
    let mut in_brackets = false;
    for k in j..end {
        if k > j && t.newline_between(k - 1, k) {
            return None;
        }
        match t.word(k) {
            "(" => in_brackets = true,
            ")" => in_brackets = false,
            _ => {}
        }
        // `Rep. Earl Blumenauer (D-Ore.) said`: stops in names and brackets do not end the sentence.
        let stop = matches!(t.word(k), "?" | "!" | ";" | ":") || (t.word(k) == "." && !t.is_abbreviation_stop(k));
        if t.is_quotation_mark(k) || (stop && !in_brackets) {
            return None;
        }
        let Some(cue) = t.cue_at(k) else { continue };
        let cue_span = t.span(cue.first, cue.last);
        if k == j || cue.speaker_follows {
            let speaker = t.phrase_after(cue.last + 1, end + 4)?;
            return Some((Some(speaker), cue_span));
        }
        // `"We won." The mayor then left the room.`: after a full stop inside the marks, only a
        // bare `X said.` attributes.
        if period_inside && !matches!(t.word(cue.last + 1), "." | "," | "") {
            return None;
        }
        if let Some(speaker) = t.phrase_before(k, j) {
            let first = t.toks.partition_point(|x| x.span.start < speaker.start);
            if first == j {
                return Some((Some(speaker), cue_span));
            }
        }
        // A long subject: `Jeff Weaver, Sanders' campaign manager, said`, `Rep. John Mica
        // (R-Fla.) said`, `a welcome message on the website reads`. The speaker opens the gap.
        if let Some(speaker) = t.phrase_after(j, k) {
            let next = t.toks.partition_point(|x| x.span.start < speaker.end);
            if matches!(t.word(next), "," | "(" | "and") || (k - j <= 12 && t.noun_phrase_gap(next, k)) {
                return Some((Some(speaker), cue_span));
            }
        }
        if let Some(speaker) = t.phrase_before(k, j) {
            let first = t.toks.partition_point(|x| x.span.start < speaker.start);
            if k - j <= 12 && t.noun_phrase_gap(j, first) {
                return Some((Some(speaker), cue_span));
            }
        }
        // A plain lower-case subject: `"…," federal prosecutors wrote`.
        if k - j <= 3 && (j..k).all(|x| t.is_plain_word(x)) {
            return Some((Some(t.span(j, k - 1)), cue_span));
        }
        return None;
    }
    None
}

/// `X said: "Q"`, `X said that ... "partial"`, `according to X, ... "Q"`, `Cruz called them on it: "Q"`,
/// `Trump attacked Clinton, saying, "Q"`.
fn before_quote(t: &Tokens, par: &Paragraph, open: usize, open_abs: u32) -> Option<Found> {
    let sentence_start = par
        .sentence_at(open_abs)
        .map(|s| par.facts.sentences[s].start)
        .map_or(0, |s| t.toks.partition_point(|tok| tok.span.start < s));
    // Stop at an earlier quote's closing mark (its attribution is not ours) and at a line break.
    let mut min = sentence_start.max(open.saturating_sub(BEFORE_WINDOW));
    if let Some(k) = (min..open).rev().find(|&k| t.is_quotation_mark(k) || (k > 0 && t.newline_between(k - 1, k))) {
        min = if t.is_quotation_mark(k) { k + 1 } else { k };
    }
    let mut first_cue: Option<phrase::Cue> = None;
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
        first_cue.get_or_insert(cue);
        // `…, saying "Q"`: a participle's subject is the clause's, further back.
        if t.word(k).ends_with("ing") {
            continue;
        }
        if let Some(speaker) = t.phrase_before(k, min) {
            return Some((Some(speaker), t.span(first_cue.map_or(cue.first, |c| c.first), first_cue.map_or(cue.last, |c| c.last))));
        }
        // `Said Comey, "…"`, or after the first part of an interrupted quote.
        if k == min {
            if let Some(speaker) = t.phrase_after(cue.last + 1, open) {
                return Some((Some(speaker), cue_span));
            }
        }
    }
    if let Some(cue) = first_cue {
        let speaker = t.clause_subject(min, cue.first)?;
        return Some((Some(speaker), t.span(cue.first, cue.last)));
    }
    // A speaker label: `Clinton: "Our goal is..."`, `Poll overhype - HuffPollster: "..."`.
    if open > min && t.word(open - 1) == ":" {
        if let Some(speaker) = t.phrase_after(min, open - 1) {
            if t.toks.partition_point(|x| x.span.start < speaker.end) == open - 1 {
                return Some((Some(speaker), t.span(open - 1, open - 1)));
            }
        }
        if let Some(speaker) = t.phrase_before(open - 1, min) {
            let first = t.toks.partition_point(|x| x.span.start < speaker.start);
            let labelled = first > 0 && matches!(t.word(first - 1), "-" | "—" | "–" | "―" | "--");
            if labelled && speaker.text(t.text).starts_with(char::is_uppercase) {
                return Some((Some(speaker), t.span(open - 1, open - 1)));
            }
        }
    }
    // A colon intro with any verb: `Cruz called them on it: "…"`.
    if open > min && t.word(open - 1) == ":" && open - min <= 20 {
        let speaker = t.clause_subject(min, open - 1)?;
        let after = t.toks.partition_point(|x| x.span.start < speaker.end);
        let verb = (after..open - 1).find(|&k| t.word(k).starts_with(|c: char| c.is_lowercase()))?;
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
    let t = Tokens::of(src.span.text(text), src);
    // An intro paragraph ending in a colon: `... and Breitbart News responded:`.
    if src.span.start != par.span.start && t.word(end.checked_sub(1)?) == ":" {
        let (speaker, cue) = before_quote(&t, src, end, src.span.end)?;
        let off = src.offset();
        return Some(Attribution {
            speaker: speaker.map(|s| Speaker { mention: s.shift(off), entity: None }),
            cue: Some(cue.shift(off)),
            source: AttributionSource::Local,
        });
    }
    // The sentence just before the quote.
    let last_tok = end.checked_sub(1)?;
    let at = t.toks[last_tok].span.start;
    let sent = src.facts.sentences.partition_point(|s| s.start <= at).checked_sub(1)?;
    let s_start = src.facts.sentences[sent].start;
    let min = t.toks.partition_point(|tok| tok.span.start < s_start);
    for k in min..end.min(min + 20) {
        let Some(cue) = t.cue_at(k) else { continue };
        if cue.speaker_follows {
            continue;
        }
        // The speaker must be the sentence's subject: `He said ...`, `Then, in 2017, Kerry said
        // that ...`, not `... as Smith said`.
        let speaker = t
            .phrase_before(k, min)
            .filter(|s| s.start == t.toks[min].span.start)
            .or_else(|| t.clause_subject(min, k))?;
        let off = src.offset();
        return Some(Attribution {
            speaker: Some(Speaker { mention: speaker.shift(off), entity: None }),
            cue: Some(t.span(cue.first, cue.last).shift(off)),
            source: AttributionSource::Local,
        });
    }
    None
}
