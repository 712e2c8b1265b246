//! Style problems of a recognised dateline. Each check applies only where the form it belongs to
//! demands it: `Feb 26` is right in a Reuters dateline and wrong in an AP one.

use std::ops::Range;

use super::lex::{misspelt_month, month_number};
use super::parse::Parsed;
use super::places::{places, MonthStyle};

/// `(range, message, replacement)`, ranges relative to the paragraph.
pub type Problem = (Range<usize>, String, Option<String>);

const AP_MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const REUTERS_MONTHS: [&str; 12] = [
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
];
const FULL_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The conventions of the form a dateline was written in.
struct FormStyle {
    name: &'static str,
    months: MonthStyle,
    capital_place: bool,
    separator: Option<&'static str>,
    /// AP rules for states and stand-alone cities apply.
    ap_places: bool,
}

fn form_style(text: &str, p: &Parsed) -> Option<FormStyle> {
    if p.iso_date {
        return None;
    }
    if let Some(agency) = &p.agency {
        let tag = &text[agency.clone()];
        let a = places().agency(tag)?;
        let name = if a.months == MonthStyle::Ap {
            "AP"
        } else {
            "this agency's"
        };
        return Some(FormStyle {
            name,
            months: a.months,
            capital_place: a.capital_place,
            separator: a.separator,
            ap_places: a.months == MonthStyle::Ap,
        });
    }
    let dash = p.dash.as_ref().map(|d| &text[d.clone()]);
    // `CITY, Month D -` with a hyphen is the old wire form (Reuters style); with an em dash it is
    // the newspaper form, written in AP style.
    let newspaper = dash.is_some_and(|d| d == "—");
    Some(FormStyle {
        name: if newspaper { "AP" } else { "wire" },
        months: if newspaper {
            MonthStyle::Ap
        } else {
            MonthStyle::Reuters
        },
        capital_place: true,
        separator: None,
        ap_places: newspaper,
    })
}

pub fn problems(text: &str, p: &Parsed) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(style) = form_style(text, p) else {
        return out;
    };
    if let Some(city) = &p.city {
        let name = &text[city.clone()];
        if style.capital_place && name.chars().any(char::is_lowercase) {
            let upper = name.to_uppercase();
            out.push((
                city.clone(),
                format!("The dateline's place should be written in capitals: `{upper}`"),
                Some(upper),
            ));
        }
    }
    if let Some(month) = &p.month {
        let written = &text[month.clone()];
        if let Some(canonical) = canonical_month(written, style.months) {
            out.push((
                month.clone(),
                format!(
                    "{} datelines write this month `{canonical}`",
                    capitalise(style.name)
                ),
                Some(canonical),
            ));
        }
    }
    if let (Some(month), None) = (&p.month, &p.day) {
        if !p.iso_date {
            out.push((
                month.clone(),
                "The dateline's date has no day".to_string(),
                None,
            ));
        }
    }
    if let Some(day) = &p.day {
        let d = &text[day.clone()];
        if d.parse::<u16>().map_or(true, |n| n > 31) {
            out.push((
                day.clone(),
                format!("`{d}` is not a day of the month"),
                None,
            ));
        }
    }
    if let (Some(tag_end), Some(sep)) = (p.tag_end, style.separator) {
        match &p.dash {
            None if p.agency.is_some() => out.push((
                tag_end..tag_end,
                format!("A dash should follow the agency tag: `{sep}`"),
                Some(format!(" {sep}")),
            )),
            Some(dash) if sep == "—" && &text[dash.clone()] != "—" => out.push((
                dash.clone(),
                "AP datelines end with an em dash: `—`".to_string(),
                Some("—".to_string()),
            )),
            _ => {}
        }
    }
    if style.ap_places {
        region_problems(text, p, &mut out);
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The month as the style writes it, when `written` differs; keeps an all-capitals dateline in
/// capitals.
fn canonical_month(written: &str, style: MonthStyle) -> Option<String> {
    let word = written.trim_end_matches('.');
    let has_period = written.ends_with('.');
    let n = month_number(word).or_else(|| misspelt_month(word))? as usize - 1;
    let all_caps = word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase());
    let lower = word.to_ascii_lowercase();
    let standard = month_number(word).is_some()
        && (FULL_MONTHS[n].eq_ignore_ascii_case(word) || lower.len() == 3 || lower == "sept");
    let style = if !standard && style == MonthStyle::Mixed {
        MonthStyle::Ap
    } else {
        style
    };
    let table = match style {
        MonthStyle::Ap => &AP_MONTHS,
        MonthStyle::Reuters => &REUTERS_MONTHS,
        MonthStyle::Full => &FULL_MONTHS,
        MonthStyle::Mixed => {
            // Agencies seen writing both `Dec. 1` and `March 31`: flag only what no style writes,
            // a period after a month that is not shortened by AP (`Sep.`, `June.`, `Mar.`).
            if has_period
                && AP_MONTHS[n] != format!("{word}.")
                && !(all_caps && AP_MONTHS[n].eq_ignore_ascii_case(written))
            {
                &AP_MONTHS
            } else {
                return None;
            }
        }
    };
    let want = table[n];
    let same = if all_caps {
        want.eq_ignore_ascii_case(written)
    } else {
        want == written
    };
    if same {
        return None;
    }
    Some(if all_caps {
        want.to_uppercase()
    } else {
        want.to_string()
    })
}

/// AP: a state after a city is written in its dateline abbreviation (`Calif.`, never `CA`), some
/// states never abbreviated (`Texas`), and a stand-alone city takes no state at all.
fn region_problems(text: &str, p: &Parsed, out: &mut Vec<Problem>) {
    let Some(first) = p.regions.first() else {
        return;
    };
    let region = &text[first.clone()];
    let pl = places();
    if let (Some(city), 1) = (&p.city, p.regions.len()) {
        let city_name = &text[city.clone()];
        if let Some(home) = pl.standalone_home(city_name) {
            let region_home = pl
                .us_state(region)
                .map_or_else(|| region.to_uppercase(), |s| s.name.to_uppercase());
            if region_home == home {
                out.push((
                    city.end..first.end,
                    format!("`{city_name}` stands alone in AP datelines: drop `{region}`"),
                    Some(String::new()),
                ));
                return;
            }
        }
    }
    let Some(state) = pl.us_state(region) else {
        return;
    };
    let want = state.ap_form();
    // `Georgia` is also a country: leave the full name alone.
    if region == want || (region == state.name && state.name == "Georgia") {
        return;
    }
    out.push((
        first.clone(),
        format!("AP datelines write this state `{want}`"),
        Some(want.to_string()),
    ));
}
