//! The small tokens a dateline is read from, and a cursor over them with the recognisers of
//! its parts (month and day, ISO date, dash).

use std::ops::Range;

use crate::analysis::span::floor_char_boundary;

/// A small token of the dateline's neighbourhood.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// White space before it (false when glued to the previous token).
    pub space_before: bool,
    /// A line break in that white space.
    pub newline_before: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters with inner `'`, `’`, `-` and the inner dots of `N.Y` or `W.Va` (a trailing dot is a
    /// separate `Punct` token).
    Word,
    Num,
    Punct(char),
}

/// How far a dateline can reach: anything longer is not one.
const WINDOW: usize = 240;
const MAX_TOKENS: usize = 48;

pub(super) fn lex(text: &str) -> Vec<Tok> {
    let end_limit = floor_char_boundary(text, WINDOW);
    let s = &text[..end_limit];
    let b = s.as_bytes();
    let mut toks = Vec::with_capacity(24);
    let mut i = 0;
    let mut space_before = false;
    let mut newline_before = false;
    while i < s.len() && toks.len() < MAX_TOKENS {
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            space_before = true;
            newline_before |= c == '\n';
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind = if c.is_alphabetic() {
            i += c.len_utf8();
            while i < s.len() {
                let d = s[i..].chars().next().unwrap_or(' ');
                let joiner = matches!(d, '\'' | '’' | '-' | '.')
                    && s[i + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic);
                if !(d.is_alphanumeric() || is_combining(d) || joiner) {
                    break;
                }
                i += d.len_utf8();
            }
            Kind::Word
        } else if c.is_ascii_digit() {
            while i < s.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            Kind::Num
        } else {
            i += c.len_utf8();
            Kind::Punct(c)
        };
        toks.push(Tok {
            start,
            end: i,
            kind,
            space_before,
            newline_before,
        });
        space_before = false;
        newline_before = false;
    }
    toks
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

pub(super) struct Cursor<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    pub i: usize,
}

impl<'a> Cursor<'a> {
    pub fn peek(&self, k: usize) -> Option<Tok> {
        self.toks.get(self.i + k).copied()
    }
    pub fn txt(&self, t: Tok) -> &'a str {
        &self.text[t.start..t.end]
    }
    pub fn is_punct(&self, k: usize, c: char) -> bool {
        self.peek(k).is_some_and(|t| t.kind == Kind::Punct(c))
    }
    pub fn glued(&self, k: usize) -> bool {
        self.peek(k).is_some_and(|t| !t.space_before)
    }
    /// Skips Markdown emphasis glued to the previous token (`**WASHINGTON** —`).
    pub fn skip_closing_emphasis(&mut self) -> bool {
        let mut any = false;
        while self.i > 0 && self.glued(0) && (self.is_punct(0, '*') || self.is_punct(0, '_')) {
            self.i += 1;
            any = true;
        }
        any
    }
    /// A month word (plus its glued period) followed by a day: returns (month range, day token
    /// index offset, tokens used).
    pub fn month_day(&self, k: usize) -> Option<(Range<usize>, usize)> {
        self.month_day_with(k, month_number)
    }

    /// Like [`Cursor::month_day`], also taking a month misspelt by one letter (`Macrh 31`), for
    /// the date slot after a comma, where nothing else is expected.
    pub fn misspelt_month_day(&self, k: usize) -> Option<(Range<usize>, usize)> {
        self.month_day_with(k, misspelt_month)
    }

    fn month_day_with(
        &self,
        k: usize,
        month: fn(&str) -> Option<u8>,
    ) -> Option<(Range<usize>, usize)> {
        let m = self.peek(k)?;
        if m.kind != Kind::Word || month(self.txt(m)).is_none() {
            return None;
        }
        let mut j = k + 1;
        let mut month_end = m.end;
        if self.is_punct(j, '.') && self.glued(j) {
            month_end = self.peek(j)?.end;
            j += 1;
        }
        let d = self.peek(j)?;
        if d.kind != Kind::Num || !d.space_before || !is_day(self.txt(d)) || d.newline_before {
            return None;
        }
        // `March 2005` is not a date of a dateline.
        if self
            .peek(j + 1)
            .is_some_and(|n| n.kind == Kind::Num && !n.space_before)
        {
            return None;
        }
        Some((m.start..month_end, j + 1 - k))
    }
    /// `2 March`.
    pub fn day_month(&self, k: usize) -> Option<(Range<usize>, usize)> {
        let d = self.peek(k)?;
        let m = self.peek(k + 1)?;
        if d.kind == Kind::Num
            && is_day(self.txt(d))
            && m.kind == Kind::Word
            && m.space_before
            && month_number(self.txt(m)).is_some()
        {
            let mut used = 2;
            let mut end = m.end;
            if self.is_punct(k + 2, '.') && self.glued(k + 2) && !self.is_punct(k + 3, '/') {
                end = self.peek(k + 2)?.end;
                used = 3;
            }
            return Some((m.start..end, used));
        }
        None
    }
    /// `1996-08-30`.
    pub fn iso_date(&self, k: usize) -> Option<usize> {
        let (y, d1, m, d2, d) = (
            self.peek(k)?,
            self.peek(k + 1)?,
            self.peek(k + 2)?,
            self.peek(k + 3)?,
            self.peek(k + 4)?,
        );
        let ok = y.kind == Kind::Num
            && y.end - y.start == 4
            && d1.kind == Kind::Punct('-')
            && !d1.space_before
            && m.kind == Kind::Num
            && !m.space_before
            && d2.kind == Kind::Punct('-')
            && !d2.space_before
            && d.kind == Kind::Num
            && !d.space_before;
        ok.then_some(5)
    }
    /// A dash separator at `k`: returns its range and token count. It must be followed by white
    /// space or the end (`TEHRAN-based` is no separator).
    pub fn dash(&self, k: usize) -> Option<(Range<usize>, usize)> {
        let t = self.peek(k)?;
        let Kind::Punct(c) = t.kind else { return None };
        if !matches!(c, '—' | '–' | '-' | '―') {
            return None;
        }
        let mut n = 1;
        let mut end = t.end;
        while n < 3
            && self.glued(k + n)
            && self
                .peek(k + n)
                .is_some_and(|u| matches!(u.kind, Kind::Punct('-' | '—' | '–')))
        {
            end = self.peek(k + n)?.end;
            n += 1;
        }
        match self.peek(k + n) {
            Some(next) if !next.space_before => None,
            _ => Some((t.start..end, n)),
        }
    }
}

/// A day of the month: one or two digits. Three digits are taken too, so that a mistyped day
/// (`March 187`) is reported as a malformed dateline rather than missed.
pub(super) fn is_day(s: &str) -> bool {
    s.len() <= 3 && s.parse::<u16>().is_ok_and(|d| d >= 1)
}

/// The months, lower case, in order.
const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
];

/// 1-12 for a month name or abbreviation in any case (`Sept`, `sep`, `MARCH`).
pub fn month_number(word: &str) -> Option<u8> {
    if word.len() < 3 || word.len() > 9 || !word.is_ascii() {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    if let Some(i) = MONTHS.iter().position(|m| *m == lower) {
        return Some(i as u8 + 1);
    }
    // `Sept`, and any shortening from three letters on (`Mar`, `Marc`, `Apri`): the style check
    // says which of them the dateline's form writes.
    if lower == "sept" {
        return Some(9);
    }
    MONTHS.iter()
        .position(|m| m.starts_with(&lower))
        .map(|i| i as u8 + 1)
}

/// The month a word names when one letter is wrong, missing, extra or swapped (`Narch`, `Mach`,
/// `Marchg`, `Macrh`). Four letters at least, so that short words stay words.
pub fn misspelt_month(word: &str) -> Option<u8> {
    if word.len() < 4 || !word.is_ascii() {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    MONTHS.iter()
        .position(|m| m.len() >= 4 && one_edit_apart(m.as_bytes(), lower.as_bytes()))
        .map(|i| i as u8 + 1)
}

/// One substitution, insertion, deletion or swap of neighbours apart.
fn one_edit_apart(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match a.len() as isize - b.len() as isize {
        0 => {
            a[p + 1..] == b[p + 1..]
                || (p + 1 < a.len()
                    && a[p] == b[p + 1]
                    && a[p + 1] == b[p]
                    && a[p + 2..] == b[p + 2..])
        }
        1 => a[p + 1..] == b[p..],
        -1 => a[p..] == b[p + 1..],
        _ => false,
    }
}
