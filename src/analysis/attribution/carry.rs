//! Carrying an attribution over to quotes that have none of their own: floating quotes after an
//! attributed paragraph, `"Q1," X said. "Q2."`, and reported speech just before a quote.

use super::patterns::{before_quote, Found};
use super::phrase::Tokens;
use super::{Attribution, AttributionSource, Speaker};
use crate::analysis::entities::CandidateKind;
use crate::analysis::paragraph::Paragraph;
use crate::analysis::quotes::{Quote, QuoteKind};
use crate::analysis::span::Span;

/// Quotes with no attribution of their own take the speaker of the quote they carry on.
pub(super) fn carry_over(text: &str, paragraphs: &[Paragraph], quotes: &mut [Quote], range: std::ops::Range<usize>) {
    // The last attributed speech quote, and the paragraph it is in.
    let mut last: Option<(usize, usize)> = None;
    for i in range {
        let q = &quotes[i];
        if !q.kind.is_speech() || q.parent.is_some() {
            continue;
        }
        // `"Q1," Lee said, and her husband cut in. "Q2."`: a new voice after the last speaker's
        // attribution, just before this quote, takes the floor.
        let voice = last
            .filter(|&(_, p)| p == q.paragraph && q.continues.is_none() && q.attribution.is_none())
            .and_then(|(j, p)| next_voice(text, &paragraphs[p], &quotes[j], q));
        if let Some(at) = voice {
            quotes[i].attribution = Some(at);
        } else if q.attribution.is_none() {
            let from = if let Some(c) = q.continues {
                Some(c)
            } else {
                last.filter(|&(_, p)| {
                    p == q.paragraph || (p + 1 == q.paragraph && starts_paragraph(paragraphs, q))
                })
                // `"Q1," Reyes said. Patel shook his head. ¶ "Q2."`: not Reyes's.
                .filter(|&(j, p)| !another_voice_between(text, &paragraphs[p], &quotes[j], q.span.start))
                // `She held up the sign — which read "Q1" — mouthing "Q2"`: the sign's relative
                // clause has closed; the sentence's subject speaks again, found below.
                .filter(|&(j, _)| !thing_spoke_earlier_in_sentence(text, &quotes[j], q))
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
                    quotes[i].attribution = Some(Attribution {
                        source: AttributionSource::Continued { from_quote: origin },
                        ..at
                    });
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

/// Whether a sentence of `par` after quote `from` and its attribution, and before `until`, opens
/// with the name of someone other than its speaker: another voice has taken the floor, so a bare
/// quote after it does not continue `from`.
fn another_voice_between(text: &str, par: &Paragraph, from: &Quote, until: u32) -> bool {
    let Some(at) = from.attribution else { return false };
    let said_end = [Some(from.span.end), at.cue.map(|c| c.end), at.speaker.map(|s| s.mention.end)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(from.span.end);
    let speaker_surname = at.speaker.and_then(|s| s.mention.text(text).split_whitespace().last());
    let off = par.offset();
    let lx = crate::analysis::entities::lexicon::lexicon();
    par.facts.sentences.iter().map(|s| s.shift(off)).filter(|s| s.start >= said_end && s.start < until).any(|s| {
        let opening = par
            .facts
            .names
            .iter()
            .filter(|c| c.kind == CandidateKind::Name)
            .map(|c| c.span.shift(off))
            .find(|c| c.start >= s.start && c.start < s.end);
        let Some(name) = opening.filter(|c| text.get(s.start as usize..c.start as usize).is_some_and(|b| b.trim().is_empty()))
        else {
            return false;
        };
        let words = name.text(text);
        let proper = words.split_whitespace().any(|w| !lx.is_common(&w.to_lowercase()));
        proper && words.split_whitespace().count() >= 2 && words.split_whitespace().last() != speaker_surname
    })
}

/// A cue clause of someone else's between quote `from`'s attribution and `q`, ending right before
/// `q`: `"Q1," Lee said, and her husband cut in. "Q2."`, `"Q1," Lee said. Her son added, "Q2."`
fn next_voice(text: &str, par: &Paragraph, from: &Quote, q: &Quote) -> Option<Attribution> {
    let at = from.attribution?;
    let said_end = [Some(from.span.end), at.cue.map(|c| c.end), at.speaker.map(|s| s.mention.end)]
        .into_iter()
        .flatten()
        .max()?;
    let t = Tokens::of(par.span.text(text), par);
    let first = par.token_index_at(said_end);
    let open = par.token_index_at(q.span.start);
    // The clause ends right before the quote: `cut in.`, `added,`, `replied:`.
    let cue_end = if matches!(t.word(open.checked_sub(1)?), "." | "," | ":") { open - 1 } else { open };
    let k = (first..cue_end).rev().take(3).find(|&k| t.cue_at(k).is_some_and(|c| c.last + 1 == cue_end && !c.speaker_follows))?;
    let cue = t.cue_at(k)?;
    let speaker = t.phrase_before(k, first)?;
    let opens = t.toks.partition_point(|x| x.span.start < speaker.start);
    // The subject opens its clause: after `, and`, `and`, or a full stop.
    let clause_start = opens > first && matches!(t.word(opens - 1), "and" | "," | "." | "then");
    let off = par.offset();
    let speaker = speaker.shift(off);
    let other = at.speaker.map_or(true, |s| s.mention.text(text) != speaker.text(text));
    (clause_start && other).then(|| Attribution {
        speaker: Some(Speaker { mention: speaker, entity: None }),
        cue: Some(t.span(cue.first, cue.last).shift(off)),
        source: AttributionSource::Local,
    })
}

/// Whether quote `from`, in the same sentence as `q`, was said by a relative standing for a thing
/// (`which`, `that`: see `Tokens::phrase_before`).
fn thing_spoke_earlier_in_sentence(text: &str, from: &Quote, q: &Quote) -> bool {
    let relative = from
        .attribution
        .and_then(|a| a.speaker)
        .is_some_and(|s| matches!(s.mention.text(text), "which" | "that"));
    relative
        && from.paragraph == q.paragraph
        && from.span.end <= q.span.start
        && !super::sentence_ends_between(text, Span { start: from.span.end, end: q.span.start })
}

fn starts_paragraph(paragraphs: &[Paragraph], q: &Quote) -> bool {
    paragraphs
        .get(q.paragraph)
        .is_some_and(|p| p.span.start == q.span.start)
}

/// `"Q1." "Q2," he said.`: a quote followed straight away by an attributed one.
fn next_in_paragraph(quotes: &[Quote], i: usize) -> Option<usize> {
    let q = &quotes[i];
    let next = (i + 1..quotes.len())
        .find(|&j| quotes[j].parent.is_none() || quotes[j].parent == Some(i))?;
    let n = &quotes[next];
    (n.paragraph == q.paragraph
        && n.parent.is_none()
        && n.span.start <= q.span.end + 2
        && n.attribution
            .is_some_and(|a| a.source == AttributionSource::Local))
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
    // What is found reads only `src` (and whether it is the quote's own paragraph), so it is
    // remembered with `src`.
    let own = src.span.start == par.span.start;
    let (speaker, cue) = src
        .facts
        .attribution_memo
        .reported
        .get_or_insert((end, own), || reported_in(text, src, end, own))?;
    Some(Attribution::local_in_paragraph(speaker, cue, src.offset()))
}

/// The reported speech ending at token `end` of `src` (the quote's own paragraph when `own`, else
/// the one before it), with spans relative to `src`.
fn reported_in(text: &str, src: &Paragraph, end: usize, own: bool) -> Option<Found> {
    let t = Tokens::of(src.span.text(text), src);
    // An intro paragraph ending in a colon: `... and Breitbart News responded:`.
    if !own && t.word(end.checked_sub(1)?) == ":" {
        return before_quote(&t, src, end, src.span.end);
    }
    // The sentence just before the quote.
    let last_tok = end.checked_sub(1)?;
    let at = t.toks[last_tok].span.start;
    let sent = src
        .facts
        .sentences
        .partition_point(|s| s.start <= at)
        .checked_sub(1)?;
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
        return Some((Some(speaker), t.span(cue.first, cue.last)));
    }
    if own {
        return action_beat(&t, min, end);
    }
    None
}

/// An action beat, `The judge turned to me. "Your name?"`: a short sentence of a gesture right
/// before the quote, in its paragraph, whose subject is a person, names who speaks.
fn action_beat(t: &Tokens, min: usize, end: usize) -> Option<Found> {
    if end > min + 12 || t.word(end.checked_sub(1)?) != "." {
        return None;
    }
    let verb = (min + 1..end).find(|&k| is_beat_verb(t.word(k)))?;
    let subject = t.phrase_before(verb, min).filter(|s| s.start == t.toks[min].span.start)?;
    let first = t.word(min);
    let head = subject.text(t.text).split_whitespace().last()?.to_lowercase();
    let lx = crate::analysis::entities::lexicon::lexicon();
    let person = crate::analysis::lexicon::is_subject_pronoun(first)
        || (first.starts_with(char::is_uppercase) && !crate::analysis::lexicon::is_determiner(first))
        || lx.is_role_word(&head)
        || lx.is_kin(&head);
    person.then(|| (Some(subject), t.span(verb, verb)))
}

/// Gestures a speaker makes before speaking (`turned`, `paused`, `shrugged`): not speech verbs,
/// so never cues on their own.
fn is_beat_verb(word: &str) -> bool {
    matches!(
        word,
        "turned" | "looked" | "glanced" | "paused" | "hesitated" | "shrugged" | "nodded" | "shook"
            | "leaned" | "gestured" | "motioned" | "frowned" | "winced" | "stood" | "rose" | "waved"
            | "stared" | "stepped" | "sat"
    )
}
