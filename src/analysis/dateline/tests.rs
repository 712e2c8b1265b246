use crate::analysis::{analyze, layout::Format};

use super::Dateline;

fn dl(text: &str) -> Option<Dateline> {
    analyze(text, Format::Plain).dateline
}

fn dl_md(text: &str) -> Option<Dateline> {
    analyze(text, Format::Markdown).dateline
}

/// (span text, city, region, date, agency)
fn parts(
    text: &str,
) -> (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
) {
    let d = dl(text).unwrap_or_else(|| panic!("no dateline in {text:?}"));
    (
        d.span.text(text).to_string(),
        d.city,
        d.region,
        d.date,
        d.agency,
    )
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn ap_form_with_and_without_region() {
    assert_eq!(
        parts("ELKO, Nev. (AP) — Ranchers gathered on Tuesday to count the herd."),
        (
            "ELKO, Nev. (AP) —".into(),
            "ELKO".into(),
            s("Nev."),
            None,
            s("AP")
        )
    );
    assert_eq!(
        parts("DENVER (AP) — The snow kept falling."),
        ("DENVER (AP) —".into(), "DENVER".into(), None, None, s("AP"))
    );
    assert_eq!(parts("BOISE, Idaho (AP) — Lawmakers met.").2, s("Idaho"));
}

#[test]
fn reuters_dated_undated_and_multi_city() {
    assert_eq!(
        parts("PERTH, Feb 3 (Reuters) - Iron ore prices slipped on Monday."),
        (
            "PERTH, Feb 3 (Reuters) -".into(),
            "PERTH".into(),
            None,
            s("Feb 3"),
            s("Reuters")
        )
    );
    assert_eq!(
        parts("LVIV/ODESA, Sept 14 (Reuters) - Air raid sirens sounded overnight.").1,
        "LVIV/ODESA"
    );
    assert_eq!(
        parts("CHICAGO (Reuters) - Futures rose.").0,
        "CHICAGO (Reuters) -"
    );
}

#[test]
fn legacy_wire_forms() {
    assert_eq!(
        parts("TOLEDO, Ohio, March 4 - Acme Corp said it would close.").2,
        s("Ohio")
    );
    assert_eq!(
        parts("QUITO, Jan 9 - Ecuador raised fuel prices.").0,
        "QUITO, Jan 9 -"
    );
    assert_eq!(
        parts("ST. CLOUD, Minn., April 2 - The mill reopened.").1,
        "ST. CLOUD"
    );
    assert_eq!(
        parts("PORTLAND, Maine, June 3 - Lobster prices fell.").0,
        "PORTLAND, Maine, June 3 -"
    );
    // Old wire copy glued the dash to the date and sent whole datelines in capitals.
    assert_eq!(
        parts("TULSA, OKLA., MARCH 5- Oil output rose.").0,
        "TULSA, OKLA., MARCH 5-"
    );
    // The sign-off agency of some desks.
    assert_eq!(
        parts("LIMA, May 8, Reuter - Peru said talks resumed.").4,
        s("Reuter")
    );
}

#[test]
fn agency_forms() {
    assert_eq!(
        parts("LYON, Jan 4 (AFP) - A strike closed the port.").4,
        s("AFP")
    );
    assert_eq!(
        parts("Marseille (AFP) - Fishermen protested.").1,
        "Marseille"
    );
    assert_eq!(
        parts("SOCHI, May 12. /TASS/. The talks went on late into the night."),
        (
            "SOCHI, May 12. /TASS/.".into(),
            "SOCHI".into(),
            None,
            s("May 12"),
            s("TASS")
        )
    );
    let interfax = parts("KAZAN. Nov 3 (Interfax) - The plant resumed output.");
    assert_eq!(
        (interfax.1.as_str(), interfax.3.as_deref()),
        ("KAZAN", Some("Nov 3"))
    );
    assert_eq!(
        parts("HANOI, June 30 (Xinhua) -- Exports grew.").0,
        "HANOI, June 30 (Xinhua) --"
    );
    assert_eq!(
        parts("BUSAN, Oct. 2 (Yonhap) -- The port reopened.").3,
        s("Oct. 2")
    );
    assert_eq!(parts("NAGOYA (Kyodo) -- A court ruled.").4, s("Kyodo"));
    assert_eq!(parts("Hamburg (dpa) - The harbour froze.").1, "Hamburg");
    assert_eq!(
        parts("Pune, Aug 8 (PTI) The monsoon arrived early.").0,
        "Pune, Aug 8 (PTI)"
    );
}

#[test]
fn forms_without_a_place() {
    let b = dl("(Bloomberg) -- Shares of the chipmaker jumped.").unwrap();
    assert_eq!(
        (b.city.as_str(), b.agency.as_deref()),
        ("", Some("Bloomberg"))
    );
    let u = dl("Dec. 4 (UPI) -- Heavy rain flooded roads.").unwrap();
    assert_eq!(
        (u.date.as_deref(), u.agency.as_deref()),
        (Some("Dec. 4"), Some("UPI"))
    );
}

#[test]
fn newspaper_forms() {
    assert_eq!(
        parts("HEBRON, West Bank — The market was quiet.").2,
        s("West Bank")
    );
    assert_eq!(
        parts("NAIROBI — The rains came late this year.").0,
        "NAIROBI —"
    );
    assert_eq!(
        parts("ABOARD THE USS NIMITZ — Sailors lined the deck.").1,
        "ABOARD THE USS NIMITZ"
    );
    assert_eq!(
        parts("ODESSA, Texas, May 9 — The rig was idle.").3,
        s("May 9")
    );
}

#[test]
fn rcv1_feed_dateline_on_its_own_line() {
    let text = "SOCCER - CITY WIN AGAIN .\nLEEDS 1996-09-01\nCity beat United 2-0 on Sunday .\n";
    assert_eq!(parts(text).0, "LEEDS 1996-09-01");
    let a = analyze(text, Format::Plain);
    assert_eq!(
        a.headline().map(|h| h.text(text)),
        Some("SOCCER - CITY WIN AGAIN .")
    );
}

#[test]
fn negatives_are_prose() {
    for text in [
        "Smith — the mayor — said he would resign.",
        "KABUL-based aid groups scaled back their work.",
        "UNICEF said the schools would reopen.",
        "UNICEF — the children's agency — said schools would reopen.",
        "Lviv, Ukraine — 12 Svobody Avenue",
        "The Federal Aviation Administration (FAA) said on Monday it would review the rules.",
        "The minister said on Friday that talks would resume.",
        "In March 2020 — when the virus spread — offices closed.",
    ] {
        assert_eq!(dl(text), None, "{text}");
    }
}

#[test]
fn found_below_headline_furniture_and_byline() {
    let text = "Latest news\nUpdated: 12 May 2024, 10:15\n\nPort strike ends after a week\n\nBy Ann Roe\n\nGDANSK, May 12 (Reuters) - Dockers voted to return.\n";
    let d = dl(text).unwrap();
    assert_eq!(d.city, "GDANSK");
    let a = analyze(text, Format::Plain);
    assert_eq!(a.byline().map(|b| b.text(text)), Some("By Ann Roe"));
    assert_eq!(
        a.headline().map(|b| b.text(text)),
        Some("Port strike ends after a week")
    );
}

#[test]
fn markdown_emphasis_around_the_dateline() {
    let d = dl_md("# Floods\n\n**By Ann Roe**\n\n**MEMPHIS, Tenn. (AP)** — The river crested.\n")
        .unwrap();
    assert_eq!(
        (d.city.as_str(), d.region.as_deref()),
        ("MEMPHIS", Some("Tenn."))
    );
    let d = dl_md("---\ntitle: x\n---\n\n# Floods\n\n**MEMPHIS** — The river crested.\n").unwrap();
    assert_eq!(d.city, "MEMPHIS");
    let d = dl_md("*SOCHI, May 12. /TASS/.* Talks went on.\n").unwrap();
    assert_eq!(d.agency.as_deref(), Some("TASS"));
}

#[test]
fn reporting_from_line_stands_for_the_dateline() {
    let d = dl_md("# Shelling resumes\n\nReporting from Zaporizhzhia, Ukraine\n\nThe shelling resumed at dawn.\n").unwrap();
    assert_eq!(
        (d.city.as_str(), d.region.as_deref()),
        ("Zaporizhzhia", Some("Ukraine"))
    );
}

#[test]
fn ap_byline_glued_to_the_dateline() {
    let text = "By MARY ROE and JOHN Q. DOE TAMPA, Fla. (AP) — The storm turned north.";
    let d = dl(text).unwrap();
    assert_eq!(
        (d.city.as_str(), d.span.text(text)),
        ("TAMPA", "TAMPA, Fla. (AP) —")
    );
    let a = analyze(text, Format::Plain);
    assert_eq!(
        a.byline().map(|b| b.text(text)),
        Some("By MARY ROE and JOHN Q. DOE")
    );
    let text = "By Kim Min-ji BUSAN, Oct. 2 (Yonhap) -- The port reopened.";
    assert_eq!(dl(text).unwrap().city, "BUSAN");
}

fn problems(text: &str) -> Vec<(String, Option<String>)> {
    dl(text)
        .unwrap_or_else(|| panic!("no dateline in {text:?}"))
        .problems
        .into_iter()
        .map(|p| (p.span.text(text).to_string(), p.replacement))
        .collect()
}

#[test]
fn ap_month_style_is_enforced_on_ap_forms_only() {
    assert_eq!(
        problems("TAMPA, Fla., Sept 5 (AP) — Rain."),
        [("Sept".into(), s("Sept."))]
    );
    assert_eq!(
        problems("TAMPA, Fla., Sep. 5 (AP) — Rain."),
        [("Sep.".into(), s("Sept."))]
    );
    assert_eq!(
        problems("TAMPA, Fla., June. 5 (AP) — Rain."),
        [("June.".into(), s("June"))]
    );
    assert_eq!(
        problems("TAMPA, Fla., Mar. 5 (AP) — Rain."),
        [("Mar.".into(), s("March"))]
    );
    assert_eq!(
        problems("TAMPA, Fla., January 5 — Rain."),
        [("January".into(), s("Jan."))]
    );
    assert!(problems("TAMPA, Fla., Sept. 5 (AP) — Rain.").is_empty());
    // Reuters writes months without a period: right for its own form.
    assert!(problems("PERTH, Feb 3 (Reuters) - Iron ore slipped.").is_empty());
    assert!(problems("PERTH, Sept 3 (Reuters) - Iron ore slipped.").is_empty());
    assert!(problems("QUITO, Jan 9 - Ecuador raised fuel prices.").is_empty());
    assert_eq!(
        problems("PERTH, Feb. 3 (Reuters) - Ore slipped."),
        [("Feb.".into(), s("Feb"))]
    );
    // TASS spells the month out.
    assert!(problems("SOCHI, May 12. /TASS/. Talks.").is_empty());
    assert_eq!(
        problems("SOCHI, Sept 12. /TASS/. Talks."),
        [("Sept".into(), s("September"))]
    );
    // Agencies seen with both styles: only impossible forms.
    assert!(problems("HANOI, Dec. 1 (Xinhua) -- Exports grew.").is_empty());
    assert!(problems("HANOI, March 31 (Xinhua) -- Exports grew.").is_empty());
    assert_eq!(
        problems("HANOI, Sep. 1 (Xinhua) -- Exports."),
        [("Sep.".into(), s("Sept."))]
    );
}

#[test]
fn place_case_dash_and_states() {
    assert_eq!(
        problems("Moscow, Sept 5 (AP) The talks resumed."),
        [
            ("Moscow".into(), s("MOSCOW")),
            ("Sept".into(), s("Sept.")),
            ("".into(), s(" —"))
        ]
    );
    // dpa and AFP write places in mixed case.
    assert!(problems("Hamburg (dpa) - The harbour froze.").is_empty());
    assert_eq!(problems("DENVER (AP) - Snow."), [("-".into(), s("—"))]);
    assert_eq!(
        problems("FRESNO, CA (AP) — Heat."),
        [("CA".into(), s("Calif."))]
    );
    assert_eq!(
        problems("AUSTIN, Tex. (AP) — Heat."),
        [("Tex.".into(), s("Texas"))]
    );
    assert_eq!(
        problems("FRESNO, California (AP) — Heat."),
        [("California".into(), s("Calif."))]
    );
    assert_eq!(
        problems("DENVER, Colo. (AP) — Snow."),
        [(", Colo.".into(), s(""))]
    );
    assert!(problems("PARIS, Texas (AP) — Heat.").is_empty());
    assert!(problems("TBILISI, Georgia (AP) — Protests.").is_empty());
    assert_eq!(
        problems("DENVER, March 187 - Snow."),
        [("187".into(), None)]
    );
}

#[test]
fn broken_dates_are_read_and_reported() {
    assert_eq!(
        problems("DENVER, Macrh 3 - Snow fell."),
        [("Macrh".into(), s("March"))]
    );
    assert_eq!(
        problems("DENVER, Mach 3 - Snow fell."),
        [("Mach".into(), s("March"))]
    );
    assert_eq!(
        problems("DENVER, April - Snow fell."),
        [("April".into(), None)]
    );
    // Only in the date slot: a name in the place stays a name.
    assert_eq!(dl("Mary 3 - Snow fell."), None);
    assert_eq!(super::lex::misspelt_month("Marco"), Some(3));
    assert_eq!(super::lex::misspelt_month("May"), None);
}
