//! The local patterns: an attribution in the quote's own sentence, or signed right below it.

use super::phrase::{self, Tokens};
use super::{AFTER_WINDOW, BEFORE_WINDOW};
use crate::analysis::paragraph::Paragraph;
use crate::analysis::span::Span;
use crate::analysis::tokens::TokenKind;

pub(super) type Found = (Option<Span>, Span);

/// A transcript turn quoted whole: `"WALLACE: Let's start with..."`. The label names the speaker.
pub(super) fn transcript_label(t: &Tokens, open: usize) -> Option<Found> {
    let first = open + 1;
    let colon = (first..(first + 3).min(t.toks.len())).find(|&k| t.word(k) == ":")?;
    let label_is_caps = colon > first
        && (first..colon).all(|k| {
            let w = t.word(k);
            w.len() >= 2
                && w.chars()
                    .all(|c| c.is_uppercase() || c == '.' || c == '\'' || c == '-')
        });
    label_is_caps.then(|| (Some(t.span(first, colon - 1)), t.span(colon, colon)))
}

/// A quote that ends its paragraph (or line), signed on the next line: `"Q."` then `- Bernie
/// Sanders.`, or a pull-quote standing alone with a bare name line under it (`"Q."` then `Mayor
/// Ruth Halvorsen`). The span is relative to `par`, like the other patterns' (so it may run past
/// its end).
pub(super) fn signed_below(text: &str, par: &Paragraph, quote: Span) -> Option<Found> {
    let rest = text.get(quote.end as usize..)?;
    let after_stop = rest.strip_prefix('.').unwrap_or(rest);
    let gap = rest.len() - after_stop.trim_start().len();
    if !rest[..gap].contains('\n') {
        return None;
    }
    let line = rest[gap..].lines().next()?;
    let name = line.strip_prefix(['-', '—', '–', '―']);
    let dashed = name.is_some();
    let name = name.unwrap_or(line);
    let lead = line.len() - name.len();
    let name_text = name.trim_start();
    let start = gap + lead + (name.len() - name_text.len());
    let end = start + name_text.find([',', '.', '(']).unwrap_or(name_text.len());
    if end - start > 60 {
        return None;
    }
    let words = rest[start..end].split_whitespace().count();
    let capitalised = rest[start..end]
        .split_whitespace()
        .all(|w| w.starts_with(char::is_uppercase));
    if !(1..=5).contains(&words) || !capitalised {
        return None;
    }
    if !dashed && !bare_name_line(text, par, quote, line, &rest[start..end]) {
        return None;
    }
    let base = (quote.end - par.span.start) as usize;
    let dash = Span::new(base + gap, base + gap + lead);
    Some((
        Some(Span::new(
            base + start,
            base + start + rest[start..end].trim_end().len(),
        )),
        dash,
    ))
}

/// A line that can only be a signature: it stands alone under a quote that is its whole
/// paragraph, names two to five capitalised words, and reads as no sentence (no verb, no closing
/// stop): `Mayor Ruth Halvorsen`, `Ruth Halvorsen, mayor of Springfield`.
fn bare_name_line(text: &str, par: &Paragraph, quote: Span, line: &str, name: &str) -> bool {
    let before = text.get(par.span.start as usize..quote.start as usize).unwrap_or("x");
    let ends_sentence = line.trim_end().ends_with(['.', '?', '!', ':', '"', '”']);
    let line_end = line.as_ptr() as usize - text.as_ptr() as usize + line.len();
    let after = text.get(line_end..).unwrap_or("");
    let stands_alone = after.is_empty() || after.starts_with("\n\n") || after.starts_with("\r\n\r\n")
        || after.trim_start_matches([' ', '\t', '\r']).strip_prefix('\n').is_some_and(|r| r.trim_start_matches([' ', '\t', '\r']).starts_with('\n') || r.is_empty());
    // `Mayor Ruth Halvorsen`, `Ruth Halvorsen`: a title or a given name, not a heading's words.
    let lx = crate::analysis::entities::lexicon::lexicon();
    let personal = name.split_whitespace().take(3).any(|w| {
        let lower = w.to_lowercase();
        lx.is_given_name(&lower) || lx.title_word(&lower).is_some()
    });
    before.trim().is_empty()
        && personal
        && !ends_sentence
        && stands_alone
        && name.split_whitespace().count() >= 2
        && line.split_whitespace().all(|w| crate::analysis::lexicon::cue_verb(w).is_none())
}

/// `"Q," X said.`, `"Q," said X.`, `"Q" ― X`, `"Q," according to X.`, `"Q," X, a spokesman, said.`
pub(super) fn after_quote(t: &Tokens, start: usize, period_inside: bool) -> Option<Found> {
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
    // `"Q." That quote from Ann Lee appeared in ...`: the remark is named, then its speaker.
    let remark = matches!(t.word(j + 1), "quote" | "line" | "remark" | "remarks" | "comment" | "comments" | "words" | "statement" | "quip");
    if matches!(t.word(j), "That" | "This" | "The" | "that" | "this" | "the") && remark && matches!(t.word(j + 2), "from" | "by") {
        let speaker = t.phrase_after(j + 3, end)?;
        return Some((Some(speaker), t.span(j + 1, j + 1)));
    }
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
        let stop = matches!(t.word(k), "?" | "!" | ";" | ":")
            || (t.word(k) == "." && !t.is_abbreviation_stop(k));
        if t.is_quotation_mark(k) || (stop && !in_brackets) {
            return None;
        }
        let Some(cue) = t.cue_at(k) else { continue };
        let cue_span = t.span(cue.first, cue.last);
        if k == j || cue.speaker_follows {
            let speaker = t.phrase_after(cue.last + 1, end + 4)?;
            let speaker = if cue.speaker_follows { t.document_author(speaker, end + 4).unwrap_or(speaker) } else { speaker };
            return Some((Some(speaker), cue_span));
        }
        // `"We won." The mayor then left the room.`: after a full stop inside the marks, only a
        // bare `X said.` attributes.
        if period_inside && !matches!(t.word(cue.last + 1), "." | "," | "") {
            return None;
        }
        // `"Q?" I had a statement to read, but ...`: an infinitive names speech to come, not this.
        let closed_sentence = start >= 2 && matches!(t.word(start - 2), "." | "?" | "!");
        if closed_sentence && cue.first > j && t.word(cue.first - 1) == "to" {
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
            if matches!(t.word(next), "," | "(" | "and")
                || (k - j <= 12 && t.noun_phrase_gap(next, k))
            {
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

/// What may follow a speaker label's name before its colon (tokens `from..colon`): a bracket
/// (`Rep. Hal Burrows (R-Ohio):`) or, for a label opening its line, an affiliation of capitalised
/// words after a comma, as in roundups (`Ann Lee, The Daily Courier:`).
fn label_tail(t: &Tokens, from: usize, colon: usize, line_start: usize) -> bool {
    if from >= colon {
        return false;
    }
    if t.word(from) == "(" {
        return t.word(colon - 1) == ")" && colon - from <= 8;
    }
    let first = line_start == 0 || t.newline_between(line_start - 1, line_start);
    first
        && t.word(from) == ","
        && colon - from <= 7
        && (from + 1..colon).all(|k| {
            let w = t.word(k);
            w.starts_with(char::is_uppercase) || matches!(w, "." | "&" | "of" | "the" | "-")
        })
        && from + 1 < colon
}

/// A thing with words on it right before a cue (`a sign saying`, `a headline that said`, `the
/// banner, which read`): the object of the clause, not its subject, carries the quote.
fn written_object(t: &Tokens, cue: usize, min: usize) -> Option<Span> {
    let mut end = cue;
    if end > min && matches!(t.word(end - 1), "that" | "which") {
        end -= 1;
        if end > min && t.word(end - 1) == "," {
            end -= 1;
        }
    }
    let head = end.checked_sub(1).filter(|&h| h >= min)?;
    let mut buf = [0u8; 24];
    let noun = crate::analysis::lexicon::ascii_lower(t.word(head), &mut buf)?;
    let noun = noun.strip_suffix('s').unwrap_or(noun);
    if !is_writing(noun) || (end == cue && !t.word(cue).ends_with("ing") && !matches!(t.word(cue), "read" | "reads")) {
        return None;
    }
    let phrase = t.phrase_before(end, min)?;
    let first = t.toks.partition_point(|x| x.span.start < phrase.start);
    crate::analysis::lexicon::is_determiner(t.word(first)).then_some(phrase)
}

/// Things that carry words no one in the clause is saying: `sign`, `headline`, `banner`. (A
/// caption, message or letter is its writer's words: `Henry added the caption which reads`.)
fn is_writing(noun: &str) -> bool {
    matches!(
        noun,
        "sign" | "banner" | "placard" | "poster" | "headline" | "slogan" | "billboard" | "shirt"
            | "t-shirt" | "sticker" | "plaque" | "label" | "graffiti" | "leaflet" | "flyer"
    )
}

/// `in Acme’s words, "Q"`, `in the words of one aide, "Q"`: the words' owner speaks, not the
/// subject of the sentence or of the one before.
fn words_of(t: &Tokens, min: usize, open: usize) -> Option<Found> {
    let end = if open > min && t.word(open - 1) == "," { open - 1 } else { open };
    let k = (min..end).rev().take(10).find(|&k| t.word(k) == "words")?;
    let cue = t.span(k, k);
    if k >= min + 2 && t.word(k + 1) == "of" && t.word(k - 1) == "the" && t.word(k - 2).eq_ignore_ascii_case("in") {
        return Some((Some(t.phrase_after(k + 2, end)?), cue));
    }
    if k + 1 != end || k < min + 2 {
        return None;
    }
    // The possessor: `Acme’` (its apostrophe a token of its own) or `Smith's`.
    // (`in other words` has none.)
    let mut last = k - 1;
    let apostrophe = t.toks[last].kind == TokenKind::QuoteMark && !t.is_quotation_mark(last);
    if apostrophe {
        last = last.checked_sub(1)?;
    }
    let w = t.word(last);
    let owner = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
    if !apostrophe && owner.len() == w.len() {
        return None;
    }
    let first = (min..last).rev().take(5).find(|&j| t.word(j).eq_ignore_ascii_case("in"))? + 1;
    let mut speaker = t.span(first, last);
    speaker.end -= (w.len() - owner.len()) as u32;
    Some((Some(speaker), cue))
}

/// The first token the attribution before a quote opening at token `open` may read: the
/// sentence's start, after an earlier quote's closing mark (its attribution is not ours) and a
/// line break, and no more than [`BEFORE_WINDOW`] back.
pub(super) fn clause_min(t: &Tokens, par: &Paragraph, open: usize, open_abs: u32) -> usize {
    let sentence_start = par
        .sentence_at(open_abs)
        .map(|s| par.facts.sentences[s].start)
        .map_or(0, |s| t.toks.partition_point(|tok| tok.span.start < s));
    let mut min = sentence_start.max(open.saturating_sub(BEFORE_WINDOW));
    if let Some(k) = (min..open)
        .rev()
        .find(|&k| t.is_quotation_mark(k) || (k > 0 && t.newline_between(k - 1, k)))
    {
        min = if t.is_quotation_mark(k) { k + 1 } else { k };
    }
    min
}

/// `X said: "Q"`, `X said that ... "partial"`, `according to X, ... "Q"`, `Cruz called them on it: "Q"`,
/// `Trump attacked Clinton, saying, "Q"`.
pub(super) fn before_quote(
    t: &Tokens,
    par: &Paragraph,
    open: usize,
    open_abs: u32,
) -> Option<Found> {
    let min = clause_min(t, par, open, open_abs);
    if let Some(found) = words_of(t, min, open) {
        return Some(found);
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
            let stop = (cue.last + 1..open)
                .find(|&s| t.word(s) == ",")
                .unwrap_or(open);
            let speaker = t.phrase_after(cue.last + 1, stop)?;
            let speaker = t.document_author(speaker, stop).unwrap_or(speaker);
            return Some((Some(speaker), cue_span));
        }
        first_cue.get_or_insert(cue);
        // `held up a sign saying "Q"`, `posted it under a headline that said "Q"`: the words are
        // the sign's, not its holder's.
        if let Some(writing) = written_object(t, k, min) {
            return Some((Some(writing), cue_span));
        }
        // `…, saying "Q"`: a participle's subject is the clause's, further back.
        if t.word(k).ends_with("ing") {
            continue;
        }
        if let Some(speaker) = t.phrase_before(k, min) {
            return Some((
                Some(speaker),
                t.span(
                    first_cue.map_or(cue.first, |c| c.first),
                    first_cue.map_or(cue.last, |c| c.last),
                ),
            ));
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
    if let Some(found) = sent_words(t, min, open) {
        return Some(found);
    }
    // A speaker label: `Clinton: "Our goal is..."`, `Poll overhype - HuffPollster: "..."`.
    if open > min && t.word(open - 1) == ":" {
        if let Some(speaker) = t.phrase_after(min, open - 1) {
            let next = t.toks.partition_point(|x| x.span.start < speaker.end);
            if next == open - 1 || label_tail(t, next, open - 1, min) {
                return Some((Some(speaker), t.span(open - 1, open - 1)));
            }
        }
        if let Some(speaker) = t.phrase_before(open - 1, min) {
            let first = t.toks.partition_point(|x| x.span.start < speaker.start);
            let labelled = first > 0
                && matches!(
                    t.word(first - 1),
                    "-" | "—" | "–" | "―" | "--" | "from" | "From"
                );
            if labelled && speaker.text(t.text).starts_with(char::is_uppercase) {
                return Some((Some(speaker), t.span(open - 1, open - 1)));
            }
        }
    }
    // A colon intro with any verb: `Cruz called them on it: "…"`.
    if open > min && t.word(open - 1) == ":" && open - min <= 20 {
        let speaker = t.clause_subject(min, open - 1)?;
        let after = t.toks.partition_point(|x| x.span.start < speaker.end);
        let verb =
            (after..open - 1).find(|&k| t.word(k).starts_with(|c: char| c.is_lowercase()))?;
        return Some((Some(speaker), t.span(verb, verb)));
    }
    None
}

/// `X released a statement Thursday condemning "Q"`, `X sent a memo titled "Q"`: words given as
/// what a statement, memo or letter says (or is titled) are its sender's, the clause's subject.
/// The participle before the quote stands for the cue.
pub(super) fn sent_words(t: &Tokens, min: usize, open: usize) -> Option<Found> {
    let verb = open.checked_sub(1).filter(|&v| v > min)?;
    let w = t.word(verb);
    let participle = (w.len() > 5 && w.ends_with("ing") && w.starts_with(|c: char| c.is_ascii_lowercase()))
        || matches!(w, "titled" | "entitled" | "headlined");
    if !participle {
        return None;
    }
    // `a statement Thursday night condemning`: a few plain words may stand between.
    let noun = (verb.saturating_sub(4).max(min)..verb).rev().find(|&k| is_sent_piece(t.word(k)))?;
    if (noun + 1..verb).any(|k| !t.is_word(k)) {
        return None;
    }
    let det = noun.checked_sub(1).filter(|&d| d >= min)?;
    if !matches!(t.word(det), "a" | "an" | "the" | "his" | "her" | "their" | "its") {
        return None;
    }
    let speaker = t.clause_subject(min, det)?;
    Some((Some(speaker), t.span(verb, verb)))
}

/// A piece someone sends out in their own words: `statement`, `memo`, `letter`, `tweet`.
fn is_sent_piece(noun: &str) -> bool {
    matches!(
        noun,
        "statement" | "memo" | "memorandum" | "letter" | "tweet" | "email" | "e-mail" | "message"
            | "note" | "op-ed" | "post" | "release"
    )
}
