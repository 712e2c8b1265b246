//! `--format csv`: one table for a spreadsheet, per source (the default) or per month, author or
//! section. RFC 4180 quoting; a cell from a draft that a spreadsheet would run as a formula
//! (`=`, `+`, `-`, `@`, tab, carriage return first) is prefixed with `'`, as OWASP advises.

use std::fmt::Write as _;

use super::audit::{Group, Report, SourceTotal};
use super::{share, By};

pub fn render(report: &Report, by: By) -> String {
    match by {
        By::Source => sources(&report.sources),
        By::Month => groups("month", &report.by_month),
        By::Author => groups("author", &report.by_author),
        By::Section => groups("section", &report.by_section),
    }
}

const GROUP_HEADER: &str = "drafts,drafts_quoting,sources,quotes,words,\
person_sources,unnamed_sources,group_sources,organization_sources,\
female_sources,male_sources,unknown_gender_sources,female_quotes,male_quotes,unknown_gender_quotes,\
female_share_of_sources,female_share_of_quotes";

fn groups(what: &str, groups: &[Group]) -> String {
    let mut out = format!("{what},{GROUP_HEADER}\r\n");
    for g in groups {
        let t = &g.tally;
        let k = &t.kinds;
        let gender = &t.gender;
        let _ = write!(out, "{},", cell(g.key.as_deref().unwrap_or("")));
        let numbers = [
            t.drafts,
            t.drafts_quoting,
            t.sources,
            t.quotes,
            t.words,
            k.person.sources,
            k.unnamed.sources,
            k.group.sources,
            k.organization.sources,
            gender.female.sources,
            gender.male.sources,
            gender.unknown.sources,
            gender.female.quotes,
            gender.male.quotes,
            gender.unknown.quotes,
        ];
        for n in numbers {
            let _ = write!(out, "{n},");
        }
        let _ = write!(out, "{},{}\r\n", fraction(gender.female.sources, k.person.sources), fraction(gender.female.quotes, k.person.quotes));
    }
    out
}

fn sources(sources: &[SourceTotal]) -> String {
    let mut out = String::from("name,kind,gender,drafts,quotes,words,drafts_showing_female,drafts_showing_male,first_month,last_month\r\n");
    for s in sources {
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{},{},{}\r\n",
            cell(&s.name),
            s.kind.as_str(),
            s.gender.as_str(),
            s.drafts,
            s.quotes,
            s.words,
            s.drafts_female,
            s.drafts_male,
            s.first_month.as_deref().unwrap_or(""),
            s.last_month.as_deref().unwrap_or(""),
        );
    }
    out
}

fn fraction(part: u64, whole: u64) -> String {
    share(part, whole).map_or_else(String::new, |s| format!("{s:.4}"))
}

/// A text cell, quoted when it must be, defused when a spreadsheet would evaluate it.
fn cell(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::super::audit::tests::sample;
    use super::*;

    #[test]
    fn per_source_rows() {
        let text = render(&sample(), By::Source);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[1], "Maria Lopez,person,female,2,4,38,1,0,2024-03,2024-03");
        assert_eq!(lines.len(), 6, "{text}"); // header, 4 sources, and the empty string after the last break
    }

    #[test]
    fn per_month_rows_with_shares_and_an_empty_key_for_undated() {
        let text = render(&sample(), By::Month);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines[0].starts_with("month,drafts,drafts_quoting,sources,"));
        assert_eq!(lines[1], "2024-03,2,2,5,8,59,3,1,1,0,1,1,1,3,1,1,0.3333,0.6000");
        assert_eq!(lines[3], ",1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,,");
    }

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("Lopez, Maria"), "\"Lopez, Maria\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("Ana"), "Ana");
    }
}
