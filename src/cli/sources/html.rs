//! `--format html`: the audit as one self-contained page: inline CSS and SVG, no script, nothing
//! fetched (a Content-Security-Policy says so to the browser too), readable printed. Every string
//! that comes from a draft (names, authors, sections) is escaped.

use std::fmt::Write as _;

use super::audit::{Gender, Group, Report, SourceKind, Tally, GENDERS};
use super::share;
use super::svg::{self, escape, Bar, Chart, Segment};

const STYLE: &str = include_str!("report.css");

pub fn render(report: &Report, top: usize) -> String {
    let t = &report.totals;
    let dated: Vec<&Group> = report.by_month.iter().filter(|g| g.key.is_some()).collect();
    let mut page = String::with_capacity(64 * 1024);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Source audit: {} drafts</title><style>{STYLE}</style></head><body><main>\n",
        t.drafts
    );
    let span = match (dated.first(), dated.last()) {
        (Some(first), Some(last)) => format!(" from {} to {}", month_label(first), month_label(last)),
        _ => String::new(),
    };
    let _ = writeln!(
        page,
        "<header><h1>Who the stories quote</h1><p class=\"sub\">{} drafts{span}: {} sources, {} quotes, {} words quoted{}. \
         Made by copydesk {}.</p></header>",
        t.drafts,
        t.sources,
        t.quotes,
        t.words,
        if report.unreadable > 0 { format!(" ({} drafts could not be read)", report.unreadable) } else { String::new() },
        env!("CARGO_PKG_VERSION"),
    );
    cards(&mut page, t);

    page.push_str("<section><h2>Women and men quoted, month by month</h2>");
    if dated.is_empty() {
        page.push_str("<p class=\"note\">No draft has a front matter <code>date</code>, so there is no timeline.</p>");
    } else {
        legend(&mut page, &GENDER_LEGEND);
        page.push_str("<figure><figcaption>Share of named sources</figcaption>");
        page.push_str(&svg::columns(&month_chart("sources-by-gender-by-month", "Named sources by gender, per month", "named sources", &dated, |t, g| t.gender.get(g).sources), true));
        page.push_str("</figure><figure><figcaption>Share of their quotes</figcaption>");
        page.push_str(&svg::columns(&month_chart("quotes-by-gender-by-month", "Quotes of named sources by gender, per month", "quotes", &dated, |t, g| t.gender.get(g).quotes), true));
        page.push_str("</figure>");
        if dated.len() < report.by_month.len() {
            page.push_str("<p class=\"note\">Drafts without a front matter date are counted in the totals, not here.</p>");
        }
    }
    page.push_str("</section>\n<section><h2>Named and unnamed sources</h2>");
    legend(&mut page, &KIND_LEGEND);
    let all = Bar { key: Some("all".into()), label: "all drafts".into(), segments: kind_segments(t) };
    page.push_str(&svg::rows(&Chart { id: "kinds-total", title: "Sources by kind, all drafts", unit: "sources", bars: vec![all] }));
    if !dated.is_empty() {
        let bars = dated.iter().map(|g| Bar { key: g.key.clone(), label: month_label(g), segments: kind_segments(&g.tally) }).collect();
        page.push_str(&svg::columns(&Chart { id: "kinds-by-month", title: "Sources by kind, per month", unit: "sources", bars }, false));
    }
    page.push_str("</section>\n");

    let people: Vec<Bar> = report
        .people()
        .take(top)
        .map(|p| Bar {
            key: Some(p.name.clone()),
            label: p.name.clone(),
            segments: vec![Segment { series: p.gender.as_str(), label: gender_label(p.gender), value: p.quotes }],
        })
        .collect();
    let _ = write!(page, "<section><h2>The {} most quoted people</h2>", people.len());
    if people.is_empty() {
        page.push_str("<p class=\"note\">No named person is quoted.</p>");
    } else {
        legend(&mut page, &GENDER_LEGEND);
        page.push_str(&svg::ranking(&Chart { id: "most-quoted", title: "Most quoted people, by quotes", unit: "quotes", bars: people }));
    }
    page.push_str("</section>\n<section><h2>By section</h2>");
    legend(&mut page, &GENDER_LEGEND);
    let sections = report.by_section.iter().map(|g| Bar { key: g.key.clone(), label: key_label(g, "no section"), segments: gender_segments(&g.tally, |c| c.sources) }).collect();
    page.push_str(&svg::rows(&Chart { id: "sources-by-gender-by-section", title: "Named sources by gender, per section", unit: "named sources", bars: sections }));
    table(&mut page, "section", "no section", &report.by_section, usize::MAX);
    page.push_str("</section>\n<section><h2>By author</h2>");
    table(&mut page, "author", "no author", &report.by_author, top);
    page.push_str("</section>\n");
    page.push_str(ABOUT);
    page.push_str("</main></body></html>\n");
    page
}

const GENDER_LEGEND: [(&str, &str); 3] = [("female", "women"), ("male", "men"), ("unknown", "unknown")];
const KIND_LEGEND: [(&str, &str); 4] = [("person", "named people"), ("unnamed", "unnamed"), ("group", "groups"), ("organization", "organizations")];

fn legend(page: &mut String, entries: &[(&str, &str)]) {
    page.push_str("<ul class=\"legend\">");
    for (series, label) in entries {
        let _ = write!(page, "<li><i class=\"k-{series}\"></i>{label}</li>");
    }
    page.push_str("</ul>");
}

fn cards(page: &mut String, t: &Tally) {
    let people = &t.kinds.person;
    let cards = [
        ("women-share-of-sources", percent(t.gender.female.sources, people.sources), format!("of {} named sources are women", people.sources)),
        ("women-share-of-quotes", percent(t.gender.female.quotes, people.quotes), format!("of their {} quotes are women's", people.quotes)),
        ("named-share-of-sources", percent(people.sources, t.sources), format!("of {} sources are named people", t.sources)),
        ("unknown-share-of-sources", percent(t.gender.unknown.sources, people.sources), "of named sources: gender not shown".to_string()),
    ];
    page.push_str("<section class=\"cards\">");
    for (id, value, caption) in cards {
        let _ = write!(page, "<div class=\"card\" data-kpi=\"{id}\"><b>{value}</b><span>{caption}</span></div>");
    }
    page.push_str("</section>\n");
}

fn table(page: &mut String, what: &str, none: &str, groups: &[Group], top: usize) {
    let _ = write!(
        page,
        "<table><thead><tr><th>{what}</th><th>drafts</th><th>sources</th><th>quotes</th><th>named</th><th>unnamed</th>\
         <th>women</th><th>men</th><th>unknown</th><th>women’s share of quotes</th></tr></thead><tbody>"
    );
    for g in groups.iter().take(top) {
        let t = &g.tally;
        let _ = write!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&key_label(g, none)),
            t.drafts,
            t.sources,
            t.quotes,
            t.kinds.person.sources,
            t.kinds.unnamed.sources,
            t.gender.female.sources,
            t.gender.male.sources,
            t.gender.unknown.sources,
            percent(t.gender.female.quotes, t.kinds.person.quotes),
        );
    }
    page.push_str("</tbody></table>");
    if groups.len() > top {
        let _ = write!(page, "<p class=\"note\">… and {} more (the CSV and JSON outputs list all).</p>", groups.len() - top);
    }
}

fn month_chart<'a>(id: &'a str, title: &'a str, unit: &'a str, months: &[&Group], value: impl Fn(&Tally, Gender) -> u64) -> Chart<'a> {
    let bars = months
        .iter()
        .map(|g| Bar {
            key: g.key.clone(),
            label: month_label(g),
            segments: GENDERS.iter().map(|&gender| Segment { series: gender.as_str(), label: gender_label(gender), value: value(&g.tally, gender) }).collect(),
        })
        .collect();
    Chart { id, title, unit, bars }
}

fn gender_segments(t: &Tally, value: impl Fn(&super::audit::Count) -> u64) -> Vec<Segment> {
    GENDERS.iter().map(|&g| Segment { series: g.as_str(), label: gender_label(g), value: value(t.gender.get(g)) }).collect()
}

fn kind_segments(t: &Tally) -> Vec<Segment> {
    [SourceKind::Person, SourceKind::Unnamed, SourceKind::Group, SourceKind::Organization]
        .iter()
        .map(|&k| Segment { series: k.as_str(), label: kind_label(k), value: t.kinds.get(k).sources })
        .collect()
}

fn gender_label(g: Gender) -> &'static str {
    match g {
        Gender::Female => "women",
        Gender::Male => "men",
        Gender::Unknown => "gender unknown",
    }
}

fn kind_label(k: SourceKind) -> &'static str {
    match k {
        SourceKind::Person => "named people",
        SourceKind::Unnamed => "unnamed",
        SourceKind::Group => "groups",
        SourceKind::Organization => "organizations",
    }
}

/// `Mar 2024` for `2024-03`.
fn month_label(g: &Group) -> String {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let key = g.key.as_deref().unwrap_or("");
    let month = key.get(5..7).and_then(|m| m.parse::<usize>().ok()).and_then(|m| NAMES.get(m.wrapping_sub(1)));
    match (key.get(..4), month) {
        (Some(year), Some(month)) => format!("{month} {year}"),
        _ => key.to_string(),
    }
}

fn key_label(g: &Group, none: &str) -> String {
    g.key.clone().unwrap_or_else(|| format!("({none})"))
}

fn percent(part: u64, whole: u64) -> String {
    share(part, whole).map_or_else(|| "–".to_string(), |s| format!("{:.0}%", s * 100.0))
}

const ABOUT: &str = "<section class=\"about\"><h2>What the numbers mean</h2>\
<p>A <b>source</b> counts once for each draft that quotes them; <b>quotes</b> counts every quotation. \
Gender is tallied for named people only; unnamed sources (“a city official”), groups and organizations are counted by kind.</p>\
<p><b>Gender is what the draft shows</b>: a pronoun that refers to the person (“she said”), an honorific (Ms., Mr.), \
or what the person told the newsroom (its people list). It is not a guess from a photograph or a name: guessing from \
given names is off unless the newsroom turns it on. <b>Unknown</b> means the draft does not say; it is not a third gender, \
and a high unknown share means the counts of women and men are uncertain, not that they are balanced.</p></section>";

#[cfg(test)]
mod tests {
    use super::super::audit::tests::{draft, sample, source};
    use super::super::audit::Audit;
    use super::*;

    #[test]
    fn page_is_self_contained_and_holds_every_chart() {
        let page = render(&sample(), 20);
        for needle in [
            "data-chart=\"sources-by-gender-by-month\"",
            "data-chart=\"quotes-by-gender-by-month\"",
            "data-chart=\"kinds-total\"",
            "data-chart=\"kinds-by-month\"",
            "data-chart=\"most-quoted\"",
            "data-chart=\"sources-by-gender-by-section\"",
            "data-kpi=\"women-share-of-sources\"><b>25%</b>",
            "Mar 2024",
        ] {
            assert!(page.contains(needle), "{needle}");
        }
        for forbidden in ["<script", "http://", "https://", "<link", "@import", "url("] {
            let outside_svg_namespace = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
            assert!(!outside_svg_namespace.contains(forbidden), "{forbidden}");
        }
    }

    #[test]
    fn names_authors_and_sections_from_drafts_are_escaped() {
        let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        let mut audit = Audit::default();
        audit.add(&draft(Some("2024-01-01"), &[evil], Some(evil), vec![source(evil, SourceKind::Person, Gender::Female, 2, 3)]));
        let page = render(&audit.finish(), 20);
        assert!(!page.contains("<script") && !page.contains("<img"), "{page}");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    #[test]
    fn without_dates_there_is_no_timeline_but_the_rest_stays() {
        let mut audit = Audit::default();
        audit.add(&draft(None, &[], None, vec![]));
        let page = render(&audit.finish(), 20);
        assert!(page.contains("no timeline") && page.contains("No named person is quoted"));
        assert!(!page.contains("by-month\""));
        assert!(page.contains("data-kpi=\"women-share-of-sources\"><b>–</b>"));
    }
}
