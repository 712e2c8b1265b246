//! Datelines: `MOSCOW, March 29. /TASS/.`, `WASHINGTON (AP) —`, `HOUSTON, Jan 27 (Reuters) -`.
//!
//! A dateline is looked for at the start of the first body paragraph (after the headline, page
//! furniture and byline, which [`super::layout`] has set aside), with Markdown emphasis allowed
//! around it. Recognised forms:
//!
//! | form | example |
//! |---|---|
//! | AP | `AUSTIN, Texas (AP) —` |
//! | Reuters, dated and undated | `KYIV/KHARKIV, March 2 (Reuters) -`, `NEW YORK (Reuters) -` |
//! | legacy wire (agency in the sign-off) | `SAN FRANCISCO, March 13 -` |
//! | AFP, dpa (mixed case allowed) | `PARIS, Jan 1 (AFP) -`, `Berlin (dpa) -` |
//! | TASS | `MOSCOW, March 29. /TASS/.` |
//! | Interfax | `MOSCOW. April 2 (Interfax) -` |
//! | Xinhua, Yonhap, UPI, CNA, Kyodo | `BEIJING, March 31 (Xinhua) --`, `TOKYO (Kyodo) --` |
//! | no place | `(Bloomberg) --`, `Nov. 25 (UPI) --` |
//! | Indian agencies (no dash) | `Mumbai, Dec 9 (PTI)` |
//! | newspaper | `RAMALLAH, West Bank —`, `BEIRUT, Lebanon, June 2 —` |
//! | RCV1 feeds | `LONDON 1996-08-30` on its own line |
//! | NYT-style header line | `Reporting from Kyiv` |
//!
//! An untagged, undated `WORD —` is only a dateline when the place is known or carries a known
//! qualifier, so that `NATO — the alliance — said` stays prose.

mod lex;
mod parse;
mod places;
mod style;

pub use lex::month_number;
pub use places::{us_states, UsState};

use super::layout::{Block, BlockKind};
use super::paragraph::Paragraph;
use super::span::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    /// The whole dateline, through its closing dash or agency tag.
    pub span: Span,
    /// The place as written (`MOSCOW`, `KYIV/KHARKIV`).
    pub city: String,
    pub city_span: Span,
    /// `Texas`, `Fla.`, `Lebanon`.
    pub region: Option<String>,
    /// `March 29`, `Jan 27`.
    pub date: Option<String>,
    /// `TASS`, `AP`, `Reuters`.
    pub agency: Option<String>,
    /// What is wrong with its form.
    pub problems: Vec<DatelineProblem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DatelineProblem {
    pub span: Span,
    pub message: String,
    /// Text that would fix it, replacing `span`.
    pub replacement: Option<String>,
}

/// Finds the draft's dateline. Reads at most a few hundred bytes: the start of the first body
/// paragraph, and the front blocks before it.
pub fn find(text: &str, blocks: &[Block], paragraphs: &[Paragraph]) -> Option<Dateline> {
    let first = paragraphs.first()?;
    if let Some(d) = at(text, first.span.start as usize, first.span.end as usize) {
        return Some(d);
    }
    // `Reporting from Kyiv` above the story, in the style of the NYT's web pages.
    blocks
        .iter()
        .take_while(|b| b.span.start < first.span.start)
        .filter(|b| b.kind != BlockKind::Body)
        .find_map(|b| reporting_from(text, b.span))
}

/// The dateline at the start of `text[start..end]`, if there is one.
pub fn at(text: &str, start: usize, end: usize) -> Option<Dateline> {
    let par = text.get(start..end)?;
    let p = parse::parse(par)?;
    let abs = |r: &std::ops::Range<usize>| Span::new(start + r.start, start + r.end);
    let city_span = p
        .city
        .as_ref()
        .map_or(Span::empty_at(start + p.span.start), abs);
    let region = (!p.regions.is_empty()).then(|| {
        p.regions
            .iter()
            .map(|r| &par[r.clone()])
            .collect::<Vec<_>>()
            .join(", ")
    });
    let problems = style::problems(par, &p)
        .into_iter()
        .map(|(r, message, replacement)| DatelineProblem {
            span: abs(&r),
            message,
            replacement,
        });
    Some(Dateline {
        span: abs(&p.span),
        city: city_span.text(text).to_string(),
        city_span,
        region,
        date: p.date.as_ref().map(|r| par[r.clone()].to_string()),
        agency: p.agency.as_ref().map(|r| par[r.clone()].to_string()),
        problems: problems.collect(),
    })
}

/// Whether a dateline starts `text` (for the layout pass, which must tell a dateline-led lead from
/// a headline). Returns where the story proper begins.
pub fn starts_with_dateline(text: &str) -> Option<usize> {
    parse::parse(text).map(|p| p.body_start)
}

/// Like [`starts_with_dateline`], but only for datelines that cannot be a wrapped line of prose
/// (a place in capitals with a known agency, or with a date and a dash): for lines below the first
/// of a block.
pub fn starts_with_strong_dateline(text: &str) -> Option<usize> {
    parse::parse(text)
        .filter(|p| p.strong)
        .map(|p| p.body_start)
}

/// `Reporting from Kyiv, Ukraine`.
fn reporting_from(text: &str, span: Span) -> Option<Dateline> {
    let line = span.text(text);
    let inner = line.trim_matches(['*', '_', ' ']);
    let lead = line.len() - line.trim_start_matches(['*', '_', ' ']).len();
    let rest = inner.strip_prefix("Reporting from ")?;
    let place_len = rest.find([',', ';', '\n']).unwrap_or(rest.len());
    let place = rest[..place_len].trim_end_matches(['.', ' ']);
    if place.is_empty() || !place.starts_with(char::is_uppercase) || place.len() > 60 {
        return None;
    }
    let city_start = span.start as usize + lead + "Reporting from ".len();
    let region = rest[place_len..]
        .strip_prefix(',')
        .map(|r| r.trim().trim_end_matches('.').to_string())
        .filter(|r| !r.is_empty());
    Some(Dateline {
        span: Span::new(
            span.start as usize + lead,
            span.start as usize + lead + inner.len(),
        ),
        city: place.to_string(),
        city_span: Span::new(city_start, city_start + place.len()),
        region,
        date: None,
        agency: None,
        problems: Vec::new(),
    })
}

#[cfg(test)]
mod tests;
