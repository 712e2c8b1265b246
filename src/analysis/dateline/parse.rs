//! The dateline scanner: reads the first few dozen bytes of a paragraph and recognises every wire
//! and newspaper dateline form (see the module docs of [`super`]).
//!
//! Hand-written rather than a set of regular expressions: the forms share their parts (place,
//! qualifiers, date, agency tag, dash) and differ in which parts they need, so one pass over a
//! handful of small tokens decides them all, and stops at the first byte that cannot belong.

use std::ops::Range;

use super::lex::{lex, month_number, Cursor, Kind};
use super::places::places;

/// What the scanner found. Ranges are relative to the text given to [`parse`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// The dateline, from its first character (or the emphasis that opens it) through its dash,
    /// agency tag or final period.
    pub span: Range<usize>,
    pub city: Option<Range<usize>>,
    /// Each `, qualifier` after the city, in order.
    pub regions: Vec<Range<usize>>,
    /// The month word (with its period, if any).
    pub month: Option<Range<usize>>,
    /// Month and day (`March 29`, `2 March`, `1996-08-30`).
    pub date: Option<Range<usize>>,
    /// The day of the month.
    pub day: Option<Range<usize>>,
    /// The date is an ISO date (`1996-08-30`), as in the RCV1 feeds.
    pub iso_date: bool,
    /// The agency's name inside its tag (`AP`, `TASS`, `Reuter`).
    pub agency: Option<Range<usize>>,
    /// Where the agency tag ends (after `)` or `/TASS/.`).
    pub tag_end: Option<usize>,
    /// The separator dash.
    pub dash: Option<Range<usize>>,
    /// Interfax: `MOSCOW. April 2`.
    pub period_after_city: bool,
    /// Where the story proper begins.
    pub body_start: usize,
    /// A place in capitals with a known agency tag, or a date and a dash: a dateline that cannot
    /// be a wrapped line of prose, safe to look for below the first line of a block.
    pub strong: bool,
}

/// Agency tags that do not need to be in the table: short all-capital tags (`(ANSA)`, `(EFE)`).
fn looks_like_agency(tag: &str) -> bool {
    places().agency(tag).is_some()
        || (tag.len() >= 2 && tag.len() <= 6 && tag.chars().all(|c| c.is_ascii_uppercase()))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Case {
    Upper,
    Capitalised,
    Lower,
}

fn case_of(s: &str) -> Case {
    let mut letters = s.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::Lower;
    };
    if s.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        Case::Upper
    } else if first.is_uppercase() {
        Case::Capitalised
    } else {
        Case::Lower
    }
}

/// Words of a place inside a dateline: at most six, on one line.
const MAX_PLACE_WORDS: usize = 6;

/// Recognises a dateline at the very start of `text` (Markdown emphasis allowed around it). Reads
/// at most [`WINDOW`](super::lex) bytes. [`Parsed::strong`] tells whether it could not be prose.
pub fn parse(text: &str) -> Option<Parsed> {
    let toks = lex(text);
    let mut c = Cursor { text, toks, i: 0 };
    let mut out = Parsed::default();
    // Opening emphasis.
    let mut opened_emphasis = false;
    while c.is_punct(0, '*') || c.is_punct(0, '_') {
        c.i += 1;
        opened_emphasis = true;
    }
    let first = c.peek(0)?;
    let span_start = if opened_emphasis { 0 } else { first.start };

    // Forms without a place: `(Bloomberg) --`, `Nov. 25 (UPI) --`.
    if first.kind == Kind::Punct('(')
        || (c.month_day(0).is_some()
            && c.peek(c.month_day(0)?.1)
                .is_some_and(|t| t.kind == Kind::Punct('(')))
    {
        if let Some((month, used)) = c.month_day(0) {
            let day_end = c.peek(used - 1)?.end;
            out.month = Some(month.clone());
            out.date = Some(month.start..day_end);
            out.day = c.peek(used - 1).map(|d| d.start..d.end);
            c.i += used;
        }
        if !agency_tag(&mut c, &mut out) {
            return None;
        }
        let tag = &text[out.agency.clone()?];
        places().agency(tag)?;
        c.skip_closing_emphasis();
        let (dash, n) = c.dash(0)?;
        c.i += n;
        out.dash = Some(dash.clone());
        out.span = span_start..dash.end;
        out.body_start = c.peek(0).map_or(text.len().min(dash.end), |t| t.start);
        return Some(out);
    }

    // The place: `MOSCOW`, `ST. LOUIS`, `KYIV/KHARKIV`, `COEUR D'ALENE`.
    let city_start = first.start;
    let mut city_end;
    let mut words = 0;
    loop {
        let t = c.peek(0)?;
        if t.kind != Kind::Word {
            return None;
        }
        words += 1;
        city_end = t.end;
        c.i += 1;
        // `ST.`, `FT.`: a short abbreviation keeps its period.
        if c.is_punct(0, '.')
            && c.glued(0)
            && t.end - t.start <= 3
            && case_of(c.txt(t)) != Case::Lower
        {
            city_end = c.peek(0)?.end;
            c.i += 1;
        }
        // `KYIV/KHARKIV`.
        if c.is_punct(0, '/')
            && c.glued(0)
            && c.glued(1)
            && c.peek(1).is_some_and(|t| t.kind == Kind::Word)
        {
            c.i += 1;
            continue;
        }
        match c.peek(0) {
            Some(n)
                if n.kind == Kind::Word
                    && n.space_before
                    && !n.newline_before
                    && words < MAX_PLACE_WORDS =>
            {
                // `JOHANNESBURG March 13 -`: a month and a day end the place.
                if c.month_day(0).is_some() {
                    break;
                }
                continue;
            }
            _ => break,
        }
    }
    let city = city_start..city_end;
    let city_text = &text[city.clone()];
    let city_case = case_of(city_text);
    out.city = Some(city.clone());
    c.skip_closing_emphasis();

    // Qualifiers and the date.
    let mut dash_before_date = false;
    loop {
        // `MOSCOW. April 2 (Interfax)`.
        if out.regions.is_empty() && out.date.is_none() && c.is_punct(0, '.') && c.glued(0) {
            if let Some((month, used)) = c.month_day(1) {
                out.period_after_city = true;
                set_date(&mut c, &mut out, month, 1, used);
                break;
            }
            return None;
        }
        if let Some((month, used)) = c
            .month_day(0)
            .filter(|_| c.peek(0).is_some_and(|t| t.space_before))
        {
            set_date(&mut c, &mut out, month, 0, used);
            break;
        }
        if let Some(used) = c
            .iso_date(0)
            .filter(|_| c.peek(0).is_some_and(|t| t.space_before))
        {
            let start = c.peek(0)?.start;
            let end = c.peek(used - 1)?.end;
            out.date = Some(start..end);
            out.iso_date = true;
            c.i += used;
            break;
        }
        if !c.is_punct(0, ',') || out.regions.len() >= 3 {
            break;
        }
        // After a comma: a date, `Reuter`, a dash before the date, or a qualifier.
        if let Some((month, used)) = c.month_day(1) {
            set_date(&mut c, &mut out, month, 1, used);
            break;
        }
        // A misspelt month (`Macrh 31 -`) or a month with no day (`April -`): a dateline with a
        // broken date, reported as such, when the dash follows at once.
        if let Some((month, used)) = c
            .misspelt_month_day(1)
            .filter(|(_, used)| c.dash(1 + used).is_some())
        {
            set_date(&mut c, &mut out, month, 1, used);
            break;
        }
        if c.peek(1)
            .is_some_and(|t| t.kind == Kind::Word && month_number(c.txt(t)).is_some())
            && c.dash(2).is_some()
        {
            let m = c.peek(1)?;
            out.month = Some(m.start..m.end);
            out.date = Some(m.start..m.end);
            c.i += 2;
            break;
        }
        if let Some((month, used)) = c.day_month(1) {
            let day_start = c.peek(1)?.start;
            out.month = Some(month.clone());
            out.date = Some(day_start..month.end);
            c.i += 1 + used;
            break;
        }
        if c.peek(1)
            .is_some_and(|t| t.kind == Kind::Word && c.txt(t).eq_ignore_ascii_case("reuter"))
            && c.dash(2).is_some()
        {
            break;
        }
        if c.dash(1).is_some() && c.month_day(2).is_some() {
            // `CHEVY CHASE, Md., - March 4 -`
            c.i += 1;
            dash_before_date = true;
            break;
        }
        let q_start = c
            .peek(1)
            .filter(|t| t.kind == Kind::Word && !t.newline_before)?
            .start;
        c.i += 1;
        let mut q_end = q_start;
        let mut q_words = 0;
        while let Some(t) = c.peek(0) {
            if t.kind != Kind::Word
                || (q_words > 0 && (!t.space_before || t.newline_before))
                || q_words >= 4
            {
                break;
            }
            if q_words > 0 && c.month_day(0).is_some() {
                break;
            }
            q_words += 1;
            q_end = t.end;
            c.i += 1;
            if c.is_punct(0, '.') && c.glued(0) {
                // `Fla.`, `N.Y.`, `W. Va.`; but not the date period of TASS.
                q_end = c.peek(0)?.end;
                c.i += 1;
            }
        }
        out.regions.push(q_start..q_end);
        c.skip_closing_emphasis();
    }
    if dash_before_date {
        let (_, n) = c.dash(0)?;
        c.i += n;
        let (month, used) = c.month_day(0)?;
        set_date(&mut c, &mut out, month, 0, used);
    }
    // `, Reuter -` and `MARCH 4, -`.
    if c.is_punct(0, ',')
        && c.peek(1)
            .is_some_and(|t| t.kind == Kind::Word && c.txt(t).eq_ignore_ascii_case("reuter"))
    {
        let t = c.peek(1)?;
        out.agency = Some(t.start..t.end);
        out.tag_end = Some(t.end);
        c.i += 2;
    } else if out.date.is_some() && c.is_punct(0, ',') && c.glued(0) && c.dash(1).is_some() {
        c.i += 1;
    }
    c.skip_closing_emphasis();
    if out.agency.is_none() {
        agency_tag(&mut c, &mut out);
    }
    c.skip_closing_emphasis();
    let mut end =
        c.i.checked_sub(1)
            .and_then(|k| c.toks.get(k))
            .map_or(city_end, |t| t.end);
    if let Some((dash, n)) = c.dash(0) {
        c.i += n;
        end = dash.end;
        out.dash = Some(dash);
        // `KANSAS CITY, Mo. - March 13 -`
        if out.date.is_none() {
            if let Some((month, used)) = c.month_day(0) {
                let save = c.i;
                set_date(&mut c, &mut out, month, 0, used);
                match c.dash(0) {
                    Some((dash2, n2)) => {
                        c.i += n2;
                        end = dash2.end;
                        out.dash = Some(dash2);
                    }
                    None => {
                        c.i = save;
                        out.date = None;
                        out.month = None;
                    }
                }
            }
        }
        c.skip_closing_emphasis();
        if let Some(t) = c.toks.get(c.i.wrapping_sub(1)) {
            end = end.max(t.end);
        }
    }
    out.span = span_start..end;
    out.body_start = c.peek(0).map_or(end, |t| t.start);

    // Decide whether this is a dateline at all.
    let has_tag = out.agency.is_some();
    let has_dash = out.dash.is_some();
    let has_date = out.date.is_some();
    let next_starts_sentence = c.peek(0).map_or(true, |t| {
        let s = &text[t.start..];
        s.chars().next().is_some_and(|ch| {
            ch.is_uppercase()
                || ch.is_ascii_digit()
                || super::super::tokens::is_quote_char(ch)
                || ch == '('
                || ch == '*'
                || ch == '_'
                || ch == '['
        })
    });
    let known_agency = out
        .agency
        .as_ref()
        .and_then(|a| places().agency(&text[a.clone()]));
    let accepted = if has_tag {
        // `Berlin (dpa) -`, `MOSCOW, March 29. /TASS/.`: a known agency after a capitalised
        // place. A mixed-case place with no dash (`Moscow, Sept 5 (AP) The`) needs more of a
        // dateline's shape around it; an unknown all-capital tag (`(ANSA)`) needs the lot, or
        // `The Commodity Credit Corporation (CCC) said` would be one.
        match known_agency {
            Some(a) => {
                city_case == Case::Upper
                    || (city_case == Case::Capitalised
                        && (has_dash
                            || a.separator.is_none()
                            || has_date
                            || !out.regions.is_empty()))
            }
            None => city_case == Case::Upper && has_dash,
        }
    } else if out.iso_date {
        // `LONDON 1996-08-30` on a line of its own.
        city_case != Case::Lower && c.peek(0).map_or(true, |t| t.newline_before)
    } else if has_date {
        // `SAN FRANCISCO, March 13 -`; the old desks also sent `des moines, april 7 -`.
        has_dash && (city_case != Case::Lower || words <= 3)
    } else if has_dash {
        // `RAMALLAH, West Bank —`, `TOKYO -`: only a known place, or a place with a known
        // qualifier, so that `NATO — the alliance — said` is prose.
        city_case == Case::Upper
            && next_starts_sentence
            && city_text.chars().filter(|ch| ch.is_alphabetic()).count() >= 2
            && (places().is_known_city(city_text)
                || (!out.regions.is_empty()
                    && out
                        .regions
                        .iter()
                        .all(|r| places().is_region(&text[r.clone()])))
                || is_non_city_place(city_text))
    } else {
        false
    };
    out.strong = accepted
        && city_case == Case::Upper
        && (known_agency.is_some() || (has_date && has_dash) || out.iso_date);
    accepted.then_some(out)
}

fn set_date(c: &mut Cursor, out: &mut Parsed, month: Range<usize>, skip: usize, used: usize) {
    let day_tok = c.toks[c.i + skip + used - 1];
    out.month = Some(month.clone());
    out.date = Some(month.start..day_tok.end);
    out.day = Some(day_tok.start..day_tok.end);
    c.i += skip + used;
}

/// `(AP)`, `(Reuters)`, `. /TASS/.`; sets the agency and moves past the tag.
fn agency_tag(c: &mut Cursor, out: &mut Parsed) -> bool {
    // TASS: `March 29. /TASS/.`
    let dot_first = c.is_punct(0, '.') && c.glued(0);
    let k = usize::from(dot_first);
    if c.is_punct(k, '/') {
        if let (Some(w), true) = (c.peek(k + 1), c.is_punct(k + 2, '/')) {
            if w.kind == Kind::Word
                && !w.space_before
                && c.glued(k + 2)
                && looks_like_agency(c.txt(w))
            {
                out.agency = Some(w.start..w.end);
                let mut n = k + 3;
                if c.is_punct(n, '.') && c.glued(n) {
                    n += 1;
                }
                out.tag_end = Some(c.peek(n - 1).map_or(w.end, |t| t.end));
                c.i += n;
                return true;
            }
        }
        return false;
    }
    if !c.is_punct(0, '(') {
        return false;
    }
    let inner_start = match c.peek(1) {
        Some(t) if t.kind == Kind::Word && !t.space_before => t.start,
        _ => return false,
    };
    let mut k = 1;
    while k < 5
        && c.peek(k)
            .is_some_and(|t| t.kind == Kind::Word && !t.newline_before)
    {
        k += 1;
    }
    let Some(close) = c
        .peek(k)
        .filter(|t| t.kind == Kind::Punct(')') && !t.space_before)
    else {
        return false;
    };
    let inner_end = c.peek(k - 1).map_or(inner_start, |t| t.end);
    let tag = &c.text[inner_start..inner_end];
    if !looks_like_agency(tag) {
        return false;
    }
    out.agency = Some(inner_start..inner_end);
    out.tag_end = Some(close.end);
    c.i += k + 1;
    true
}

/// `ABOARD AIR FORCE ONE`, `ON THE MISSISSIPPI RIVER`, `NEAR KHERSON`.
fn is_non_city_place(city: &str) -> bool {
    let first = city.split_whitespace().next().unwrap_or("");
    city.contains(' ')
        && matches!(
            first,
            "ABOARD" | "NEAR" | "OFF" | "ALONG" | "OUTSIDE" | "ON" | "AT" | "ACROSS" | "INSIDE"
        )
}
