//! `copydesk sources` as a newsroom meets it: a folder of drafts with front matter, the four
//! formats, a hostile front matter, and drafts that cannot be read. The archive is
//! tests/fixtures/sources/archive: four drafts (three Markdown with front matter, one plain text),
//! whose quoted people the draft's own words gender (she, Mr.) or leave unknown.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const ARCHIVE: &str = "tests/fixtures/sources/archive";

fn copydesk(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the copydesk binary runs");
    if let Some(input) = stdin {
        // A command that refuses its arguments exits without reading: its closed pipe is no error.
        let written = child.stdin.take().unwrap().write_all(input.as_bytes());
        if let Err(e) = written {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "writing stdin: {e}");
        }
    }
    child.wait_with_output().unwrap()
}

fn run_ok(args: &[&str]) -> String {
    let out = copydesk(args, None);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&run_ok(args)).expect("valid JSON")
}

fn group<'a>(groups: &'a Value, key: Option<&str>) -> &'a Value {
    groups
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"].as_str() == key)
        .unwrap_or_else(|| panic!("no group {key:?} in {groups}"))
}

#[test]
fn json_adds_up_per_month_author_section_and_source() {
    let r = json(&["sources", "--format", "json", ARCHIVE]);
    assert_eq!(r["drafts"], 4);
    assert_eq!(r["totals"]["drafts_quoting"], 4);
    let months: Vec<Option<&str>> = r["by_month"].as_array().unwrap().iter().map(|g| g["key"].as_str()).collect();
    assert_eq!(months, [Some("2024-01"), Some("2024-02"), None], "the plain-text draft has no front matter");
    assert_eq!(group(&r["by_month"], Some("2024-02"))["drafts"], 2);
    // Ana Ruiz wrote two drafts (one with Bo Lind).
    assert_eq!(group(&r["by_author"], Some("Ana Ruiz"))["drafts"], 2);
    assert_eq!(group(&r["by_author"], Some("Bo Lind"))["drafts"], 1);
    assert_eq!(group(&r["by_section"], Some("City"))["kinds"]["unnamed"]["sources"], 1);
    // Maria Lopez is quoted in two drafts, and "she" shows her gender in both.
    let maria = r["sources"].as_array().unwrap().iter().find(|s| s["name"] == "Maria Lopez").expect("Maria Lopez");
    assert_eq!((maria["kind"].as_str(), maria["gender"].as_str(), maria["drafts"].as_u64()), (Some("person"), Some("female"), Some(2)));
    assert_eq!((maria["first_month"].as_str(), maria["last_month"].as_str()), (Some("2024-01"), Some("2024-02")));
    let tom = r["sources"].as_array().unwrap().iter().find(|s| s["name"] == "Tom Hale").expect("Tom Hale");
    assert_eq!(tom["gender"], "male", "Mr. Hale");
    // Totals are the sum of the months.
    for field in ["sources", "quotes", "words"] {
        let sum: u64 = r["by_month"].as_array().unwrap().iter().map(|g| g[field].as_u64().unwrap()).sum();
        assert_eq!(r["totals"][field].as_u64(), Some(sum), "{field}");
    }
}

#[test]
fn csv_per_source_and_per_month() {
    let text = run_ok(&["sources", "--format", "csv", ARCHIVE]);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("name,kind,gender,drafts,quotes,words,drafts_showing_female,drafts_showing_male,first_month,last_month"));
    assert!(text.lines().any(|l| l.starts_with("Maria Lopez,person,female,2,")), "{text}");
    let months = run_ok(&["sources", "--format", "csv", "--by", "month", ARCHIVE]);
    assert!(months.starts_with("month,drafts,"), "{months}");
    assert_eq!(months.lines().count(), 4, "header, two months, undated: {months}");
}

#[test]
fn table_overview_and_one_table() {
    let text = run_ok(&["sources", ARCHIVE]);
    assert!(text.starts_with("4 drafts, 4 with sources;"), "{text}");
    for heading in ["named people by gender", "by month", "by section", "by author", "most quoted"] {
        assert!(text.contains(heading), "{heading}: {text}");
    }
    let authors = run_ok(&["sources", "--by", "author", ARCHIVE]);
    assert!(authors.starts_with("by author\n") && authors.contains("Bo Lind"), "{authors}");
}

#[test]
fn html_escapes_what_drafts_say_and_charts_match_the_json() {
    let page = run_ok(&["sources", "--format", "html", ARCHIVE]);
    // The hostile draft's author and section are text, never markup.
    assert!(!page.contains("<script") && !page.contains("<img"), "markup from a draft reached the page");
    assert!(page.contains("&lt;script&gt;alert(&#39;author&#39;)&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("Content-Security-Policy"));
    let r = json(&["sources", "--format", "json", ARCHIVE]);
    let persons = r["totals"]["kinds"]["person"]["sources"].as_u64().unwrap();
    let kinds_total = page.split("data-chart=\"kinds-total\"").nth(1).expect("the kinds chart");
    assert!(kinds_total.contains(&format!("data-series=\"person\" data-value=\"{persons}\"")), "{kinds_total}");
}

#[test]
fn an_unreadable_draft_is_reported_and_the_rest_still_count() {
    let out = copydesk(&["sources", "--format", "json", ARCHIVE, "tests/fixtures/sources/no-such-draft.md"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-draft.md: cannot read"));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((r["drafts"].as_u64(), r["unreadable"].as_u64()), (Some(4), Some(1)));
}

#[test]
fn stdin_with_a_markdown_name_reads_its_front_matter() {
    let draft = "---\ndate: 2023-07-04\nsection: Sport\n---\n\n\"We played well,\" said Ines Okafor, the captain. \"Next week,\" she said.\n";
    let out = copydesk(&["sources", "--format", "json", "--stdin-filename", "match.md", "-"], Some(draft));
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["by_month"][0]["key"], "2023-07");
    assert_eq!(r["by_section"][0]["key"], "Sport");
    assert_eq!(r["sources"][0]["name"], "Ines Okafor");
    assert_eq!(r["sources"][0]["gender"], "female");
}

#[test]
fn the_same_archive_gives_the_same_report_every_run() {
    let first = run_ok(&["sources", "--format", "json", ARCHIVE, ARCHIVE, ARCHIVE]);
    for _ in 0..3 {
        assert_eq!(run_ok(&["sources", "--format", "json", ARCHIVE, ARCHIVE, ARCHIVE]), first);
    }
}

#[test]
fn standard_input_named_twice_is_bad_usage_as_in_check() {
    // `check` and `sources` resolve their drafts and configurations through one function, so
    // they refuse the same inputs the same way.
    for command in ["check", "sources"] {
        let out = copydesk(&[command, "-", "-"], Some("\"Fine,\" she said.\n"));
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("more than once"), "{command}");
    }
}
