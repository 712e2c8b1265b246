//! `--format table`: the audit as aligned columns for a terminal.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::audit::{Group, Report, SourceTotal, Tally};
use super::{share, By};

/// Longest name shown in a column before it is cut with `…`.
const NAME_WIDTH: usize = 36;

/// The whole overview (`by` is `None`) or one table in full.
pub fn render(report: &Report, by: Option<By>, top: usize) -> String {
    let mut out = String::new();
    match by {
        None => {
            overview(&mut out, report);
            groups(&mut out, "month", &report.by_month, usize::MAX);
            groups(&mut out, "section", &report.by_section, usize::MAX);
            groups(&mut out, "author", &report.by_author, top);
            sources(&mut out, &report.sources, top);
        }
        Some(By::Month) => groups(&mut out, "month", &report.by_month, usize::MAX),
        Some(By::Section) => groups(&mut out, "section", &report.by_section, usize::MAX),
        Some(By::Author) => groups(&mut out, "author", &report.by_author, usize::MAX),
        Some(By::Source) => sources(&mut out, &report.sources, usize::MAX),
    }
    match out.strip_prefix('\n') {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

fn overview(out: &mut String, report: &Report) {
    let t = &report.totals;
    let _ = write!(out, "{} drafts, {} with sources", report.drafts, t.drafts_quoting);
    if report.unreadable > 0 {
        let _ = write!(out, " ({} could not be read)", report.unreadable);
    }
    let _ = writeln!(out, "; {} sources, {} quotes, {} words quoted\n", t.sources, t.quotes, t.words);
    let mut rows = vec![row(["sources by kind", "sources", "", "quotes", ""])];
    for (label, count) in [
        ("named people", &t.kinds.person),
        ("unnamed", &t.kinds.unnamed),
        ("groups", &t.kinds.group),
        ("organizations", &t.kinds.organization),
    ] {
        rows.push(row([label, &count.sources.to_string(), &pct(count.sources, t.sources), &count.quotes.to_string(), &pct(count.quotes, t.quotes)]));
    }
    let people = &t.kinds.person;
    rows.push(Vec::new());
    rows.push(row(["named people by gender", "sources", "", "quotes", ""]));
    for (label, count) in [("women", &t.gender.female), ("men", &t.gender.male), ("unknown", &t.gender.unknown)] {
        rows.push(row([label, &count.sources.to_string(), &pct(count.sources, people.sources), &count.quotes.to_string(), &pct(count.quotes, people.quotes)]));
    }
    print_rows(out, &rows, 1);
    out.push_str("  (gender as the drafts show it; unknown is not a third gender)\n");
}

fn groups(out: &mut String, what: &str, groups: &[Group], top: usize) {
    let _ = writeln!(out, "\nby {what}");
    let mut rows = vec![row([what, "drafts", "sources", "quotes", "named", "unnamed", "women", "men", "unknown", "women's quotes"])];
    for g in groups.iter().take(top) {
        let t: &Tally = &g.tally;
        let key = g.key.as_deref().map_or_else(|| format!("(no {what})"), cut);
        let people = &t.kinds.person;
        rows.push(vec![
            key,
            t.drafts.to_string(),
            t.sources.to_string(),
            t.quotes.to_string(),
            people.sources.to_string(),
            t.kinds.unnamed.sources.to_string(),
            t.gender.female.sources.to_string(),
            t.gender.male.sources.to_string(),
            t.gender.unknown.sources.to_string(),
            pct(t.gender.female.quotes, people.quotes),
        ]);
    }
    print_rows(out, &rows, 1);
    more(out, groups.len(), top);
}

fn sources(out: &mut String, sources: &[SourceTotal], top: usize) {
    out.push_str("\nmost quoted\n");
    let mut rows = vec![row(["source", "kind", "gender", "drafts", "quotes", "words"])];
    for s in sources.iter().take(top) {
        rows.push(vec![
            cut(&s.name),
            s.kind.as_str().into(),
            s.gender.as_str().into(),
            s.drafts.to_string(),
            s.quotes.to_string(),
            s.words.to_string(),
        ]);
    }
    print_rows(out, &rows, 3);
    more(out, sources.len(), top);
}

fn more(out: &mut String, len: usize, top: usize) {
    if len > top {
        let _ = writeln!(out, "  … and {} more (--by shows all, --top N shows more)", len - top);
    }
}

fn row<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

fn pct(part: u64, whole: u64) -> String {
    share(part, whole).map_or_else(String::new, |s| format!("{:.1}%", s * 100.0))
}

/// A name on one line and at most [`NAME_WIDTH`] columns.
fn cut(name: &str) -> String {
    let name: String = name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if name.width() <= NAME_WIDTH {
        return name;
    }
    let mut shown = String::new();
    for c in name.chars() {
        if (shown.clone() + &c.to_string()).width() >= NAME_WIDTH {
            break;
        }
        shown.push(c);
    }
    shown + "…"
}

/// The first `text_columns` columns left-aligned, the numbers right-aligned, two spaces apart.
fn print_rows(out: &mut String, rows: &[Vec<String>], text_columns: usize) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| rows.iter().filter_map(|r| r.get(i)).map(|c| c.width()).max().unwrap_or(0))
        .collect();
    for r in rows {
        out.push_str("  ");
        for (i, cell) in r.iter().enumerate() {
            let pad = " ".repeat(widths[i] - cell.width());
            if i > 0 {
                out.push_str("  ");
            }
            if i < text_columns {
                out.push_str(cell);
                out.push_str(&pad);
            } else {
                out.push_str(&pad);
                out.push_str(cell);
            }
        }
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::super::audit::tests::sample;
    use super::*;

    #[test]
    fn overview_has_totals_shares_and_every_table() {
        let text = render(&sample(), None, 20);
        assert!(text.starts_with("4 drafts, 3 with sources (1 could not be read); 6 sources, 10 quotes, 69 words quoted\n"), "{text}");
        assert!(text.contains("\n  women                         1  25.0%       3  42.9%\n"), "{text}");
        for heading in ["\nby month\n", "\nby section\n", "\nby author\n", "\nmost quoted\n", "(no month)", "(no author)"] {
            assert!(text.contains(heading), "{heading}: {text}");
        }
    }

    #[test]
    fn one_table_in_full_and_long_names_cut() {
        let text = render(&sample(), Some(By::Source), 1);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "most quoted");
        assert_eq!(lines[1], "  source           kind     gender   drafts  quotes  words");
        assert_eq!(lines[2], "  Maria Lopez      person   female        2       4     38");
        assert_eq!(lines.len(), 6, "{text}");
        assert_eq!(cut(&"x".repeat(50)).chars().count(), NAME_WIDTH);
        assert_eq!(cut("a\nb"), "a b");
    }
}
