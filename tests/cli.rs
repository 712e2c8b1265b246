//! The `copydesk` binary as a user and as tools meet it: exit codes, output formats, folders,
//! stdin, and drafts that cannot be read.
//!
//! These tests are about the command line, not about what the analysis finds: the drafts here
//! rely only on findings that hold whatever the extraction's details (a story with no dateline
//! gets `missing-dateline`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// A story with no dateline: `missing-dateline` fires on it (a hint, as it has no byline).
const NO_DATELINE: &str = "Harbour talks resume\n\nThe port said on Friday that talks would resume next week.\n";

/// A story with a byline and no dateline: `missing-dateline` is a warning.
const BYLINE_NO_DATELINE: &str = "Council delays vote\n\nBy Ana Ruiz\n\nThe council put off its budget vote until March.\n";

fn copydesk(args: &[&str]) -> Output {
    copydesk_with_stdin(args, None)
}

fn copydesk_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the copydesk binary runs");
    if let Some(input) = stdin {
        // A command that refuses its arguments exits without reading: its closed pipe is no error.
        let written = child.stdin.take().unwrap().write_all(input);
        if let Err(e) = written {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "writing stdin: {e}");
        }
    }
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// A fresh folder for one test, under cargo's scratch space for integration tests.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-tests").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, contents).unwrap();
    path.to_str().unwrap().to_string()
}

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out).lines().map(|l| serde_json::from_str(l).expect("each line is one JSON object")).collect()
}

fn codes(file: &Value) -> Vec<&str> {
    file["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect()
}

fn example(name: &str) -> String {
    format!("{}/examples/drafts/{name}", env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------- exit codes

#[test]
fn exit_code_is_0_when_nothing_is_at_error_level() {
    let dir = scratch("exit0");
    let draft = write(&dir, "story.txt", NO_DATELINE);
    let out = copydesk(&["check", &draft]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("missing-dateline"));
}

#[test]
fn exit_code_is_1_when_a_finding_is_at_error_level() {
    let dir = scratch("exit1");
    let draft = write(&dir, "story.txt", NO_DATELINE);
    let out = copydesk(&["check", "--rule", "missing-dateline=error", &draft]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("error[missing-dateline]"), "{}", stdout(&out));
}

#[test]
fn a_rule_turned_off_reports_nothing() {
    let dir = scratch("rule-off");
    let draft = write(&dir, "story.txt", NO_DATELINE);
    let out = copydesk(&["check", "--format", "json", "--rule", "missing-dateline=off", &draft]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!codes(&json_lines(&out)[0]).contains(&"missing-dateline"));
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["check"][..],
        &["check", "--format", "xml", "x.txt"],
        &["check", "--rule", "no-such-rule=error", "x.txt"],
        &["check", "--rule", "missing-dateline=loud", "x.txt"],
        &["rules", "no-such-rule"],
        &["frobnicate"],
    ] {
        let out = copydesk(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?} explains itself on stderr");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_missing_file_is_named_and_the_others_are_still_checked() {
    let dir = scratch("missing");
    let good = write(&dir, "good.txt", NO_DATELINE);
    let missing = dir.join("nope.txt").to_str().unwrap().to_string();
    let out = copydesk(&["check", "--format", "json", &missing, &good]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&missing) && err.contains("cannot read"), "{err}");
    let files = json_lines(&out);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], good.as_str());
}

#[test]
fn a_non_utf8_file_is_named_with_the_place_and_the_others_are_still_checked() {
    let dir = scratch("non-utf8");
    let latin1 = write(&dir, "a-latin1.txt", b"The caf\xE9 closed on Monday.\n");
    let good = write(&dir, "b-good.txt", NO_DATELINE);
    let out = copydesk(&["check", "--format", "json", &dir.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&latin1), "{err}");
    assert!(err.contains("not UTF-8") && err.contains("line 1, column 8"), "{err}");
    let files = json_lines(&out);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], good.as_str());
}

#[test]
fn an_unreadable_file_is_named_and_the_others_are_still_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unreadable");
    let locked = write(&dir, "locked.txt", NO_DATELINE);
    let good = write(&dir, "open.txt", NO_DATELINE);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads anything: then the file is simply checked.
    let readable_anyway = std::fs::read(&locked).is_ok();
    let out = copydesk(&["check", "--format", "json", &locked, &good]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    let files = json_lines(&out);
    assert_eq!(files.last().unwrap()["path"], good.as_str());
    if readable_anyway {
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(files.len(), 2);
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(&locked));
        assert_eq!(files.len(), 1);
    }
}

#[test]
fn input_errors_outrank_error_findings() {
    let dir = scratch("exit-precedence");
    let good = write(&dir, "good.txt", NO_DATELINE);
    let out = copydesk(&["check", "--rule", "missing-dateline=error", &good, "/no/such/draft.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------- inputs

#[test]
fn folders_are_searched_for_txt_and_md_in_sorted_order() {
    let dir = scratch("folders");
    for name in ["b.md", "a.txt", "sub/c.TXT", "sub/deeper/d.md", "notes.rtf", ".hidden/e.txt", "z/.f.md"] {
        write(&dir, name, NO_DATELINE);
    }
    let root = dir.to_str().unwrap();
    let out = copydesk(&["check", "--format", "json", root]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let paths: Vec<String> = json_lines(&out).iter().map(|f| f["path"].as_str().unwrap().to_string()).collect();
    let expected: Vec<String> =
        ["a.txt", "b.md", "sub/c.TXT", "sub/deeper/d.md"].iter().map(|n| format!("{root}/{n}")).collect();
    assert_eq!(paths, expected);
}

#[test]
fn files_come_out_in_the_order_given() {
    let dir = scratch("order");
    let a = write(&dir, "a.txt", NO_DATELINE);
    let b = write(&dir, "b.txt", NO_DATELINE);
    let out = copydesk(&["check", "--format", "json", &b, &a, &b]);
    let paths: Vec<Value> = json_lines(&out).iter().map(|f| f["path"].clone()).collect();
    assert_eq!(paths, [b.as_str(), a.as_str(), b.as_str()]);
}

#[test]
fn a_file_named_explicitly_is_checked_whatever_its_extension() {
    let dir = scratch("explicit");
    let draft = write(&dir, "story.draft", NO_DATELINE);
    let out = copydesk(&["check", "--format", "json", &draft]);
    assert_eq!(json_lines(&out).len(), 1);
}

#[test]
fn stdin_is_read_from_dash() {
    let out = copydesk_with_stdin(&["check", "--format", "json", "-"], Some(NO_DATELINE.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let files = json_lines(&out);
    assert_eq!(files[0]["path"], "<stdin>");
    assert!(codes(&files[0]).contains(&"missing-dateline"));

    let named = copydesk_with_stdin(
        &["check", "--format", "json", "--stdin-filename", "drafts/story.md", "-"],
        Some(NO_DATELINE.as_bytes()),
    );
    assert_eq!(json_lines(&named)[0]["path"], "drafts/story.md");
}

#[test]
fn non_utf8_stdin_is_bad_input() {
    let out = copydesk_with_stdin(&["check", "-"], Some(b"\xFF\xFE story"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("<stdin>") && stderr(&out).contains("not UTF-8"), "{}", stderr(&out));
}

#[test]
fn an_empty_draft_is_clean() {
    let out = copydesk_with_stdin(&["check", "--format", "json", "-"], Some(b""));
    assert_eq!(out.status.code(), Some(0));
    let files = json_lines(&out);
    assert_eq!(files[0]["diagnostics"], Value::Array(vec![]));
}

// ---------------------------------------------------------------- human output

#[test]
fn human_output_is_compiler_style_with_source_and_carets() {
    let dir = scratch("human");
    let draft = write(&dir, "story.txt", BYLINE_NO_DATELINE);
    let out = copydesk(&["check", &draft]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let header = format!("{draft}:5:1: warning[missing-dateline]: ");
    let at = lines.iter().position(|l| l.starts_with(&header)).unwrap_or_else(|| panic!("no {header} in\n{text}"));
    assert_eq!(lines[at + 1], "  5 | The council put off its budget vote until March.");
    let carets = lines[at + 2].strip_prefix("    | ^").unwrap_or_else(|| panic!("carets from column 1: {text}"));
    assert!(carets.chars().all(|c| c == '^'), "{text}");
    assert_eq!(lines.last().unwrap(), &"Found 1 warning in 1 of 1 file.");
    assert!(!text.contains('\x1b'), "no colour when stdout is not a terminal");
}

#[test]
fn colour_can_be_forced_and_is_never_sent_to_a_pipe_by_default() {
    let dir = scratch("colour");
    let draft = write(&dir, "story.txt", NO_DATELINE);
    let forced = copydesk(&["check", "--color", "always", &draft]);
    assert!(stdout(&forced).contains("\x1b["));
    let never = copydesk(&["check", "--color", "never", &draft]);
    assert!(!stdout(&never).contains('\x1b'));
}

#[test]
fn summary_counts_clean_runs_and_unreadable_inputs() {
    let out = copydesk_with_stdin(&["check", "-", "/no/such/draft.txt"], Some(b""));
    let text = stdout(&out);
    assert_eq!(
        text.lines().last(),
        Some("1 input not checked: /no/such/draft.txt (cannot read: No such file or directory (os error 2)). No problems found in 1 file."),
        "{text}"
    );
}

/// A run that read nothing says so, and what it could not read, before anything else.
#[test]
fn a_missing_draft_is_named_first_in_the_summary() {
    let out = copydesk(&["check", "/no/such/draft.md"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(!text.contains("No problems"), "{text}");
    assert!(text.starts_with("1 input not checked: /no/such/draft.md (cannot read: "), "{text}");
    assert!(text.trim_end().ends_with("No draft was checked."), "{text}");
    let dir = scratch("several-missing");
    let draft = write(&dir, "empty.txt", "");
    let missing: Vec<String> = (0..5).map(|i| format!("/no/such/draft{i}.md")).collect();
    let mut args = vec!["check", draft.as_str()];
    args.extend(missing.iter().map(String::as_str));
    let text = stdout(&copydesk(&args));
    let summary = text.lines().last().unwrap();
    assert!(summary.starts_with("5 inputs not checked: /no/such/draft0.md ("), "{summary}");
    assert!(summary.contains("; and 2 more. No problems found in 1 file."), "{summary}");
}

#[test]
fn human_output_survives_a_closed_pipe() {
    let dir = scratch("pipe");
    let paths: Vec<String> = (0..400).map(|i| write(&dir, &format!("d{i:03}.txt"), NO_DATELINE)).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("check")
        .args(&paths)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // More output than a pipe holds: read one byte, then hang up, as `| head -c1` would.
    let mut first = [0u8; 1];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

// ---------------------------------------------------------------- JSON

#[test]
fn json_follows_the_contract() {
    let dir = scratch("json");
    let text = "Ünïcödé headline\r\n\r\nBy Ana Ruiz\r\n\r\n“Wé said,” the port said. The café’s owner said: \"Nothing.\"\r\n";
    let draft = write(&dir, "story.txt", text);
    let out = copydesk(&["check", "--format", "json", &draft]);
    let files = json_lines(&out);
    assert_eq!(files.len(), 1);
    let file = files[0].as_object().unwrap();
    let keys: Vec<&str> = file.keys().map(String::as_str).collect();
    for key in ["path", "dateline", "quotes", "entities", "diagnostics", "sources"] {
        assert!(keys.contains(&key), "missing {key}");
    }
    assert_json_spans_are_valid(text, &files[0]);
}

#[test]
fn json_lists_the_sources_with_the_people_lists_gender() {
    let dir = scratch("json-sources");
    let text = "\"The pier reopens in June,\" said Ada Quill.\n\n\"We were not told,\" Ben Otieno said. He shrugged.\n\n\
                \"Nothing is settled,\" a harbour official said.\n";
    write(&dir, "copydesk.toml", "[[people]]\nname = \"Ada Quill\"\ngender = \"female\"\n");
    let draft = write(&dir, "story.txt", text);
    let out = copydesk(&["check", "--format", "json", &draft]);
    let files = json_lines(&out);
    let sources = files[0]["sources"].as_array().unwrap();
    let brief: Vec<(&str, &str, &str, u64)> = sources
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["kind"].as_str().unwrap(), s["gender"].as_str().unwrap(), s["quotes"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        brief,
        [
            ("Ada Quill", "person", "female", 1),
            ("Ben Otieno", "person", "male", 1),
            ("a harbour official", "unnamed", "unknown", 1)
        ]
    );
    assert_eq!(sources[0]["gender_evidence"][0]["kind"], "people-list");
    assert_eq!(sources[1]["gender_evidence"][0]["kind"], "pronoun");
    assert_eq!(sources[0]["words"], 5);
    assert_json_spans_are_valid(text, &files[0]);
}

/// Every span in a file's JSON is a pair of byte offsets on character boundaries of the draft,
/// with `text` equal to the draft between them, and diagnostics' line and column agree.
fn assert_json_spans_are_valid(text: &str, file: &Value) {
    fn check_span(text: &str, v: &Value) {
        let (s, e) = (v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize);
        assert!(s <= e && e <= text.len(), "{v}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "{v}");
        if let Some(t) = v.get("text") {
            assert_eq!(t.as_str().unwrap(), &text[s..e]);
        }
    }
    if !file["dateline"].is_null() {
        check_span(text, &file["dateline"]);
    }
    for q in file["quotes"].as_array().unwrap() {
        check_span(text, q);
        if !q["speaker"].is_null() {
            check_span(text, &q["speaker"]["mention"]);
        }
        if !q["cue"].is_null() {
            check_span(text, &q["cue"]);
        }
    }
    for e in file["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            check_span(text, m);
        }
    }
    for src in file["sources"].as_array().unwrap() {
        for span in src["quote_spans"].as_array().unwrap().iter().chain(src["gender_evidence"].as_array().unwrap()) {
            check_span(text, span);
        }
    }
    for d in file["diagnostics"].as_array().unwrap() {
        check_span(text, d);
        let start = d["start"].as_u64().unwrap() as usize;
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
        assert_eq!((d["line"].as_u64().unwrap() as usize, d["column"].as_u64().unwrap() as usize), (line, column));
        assert!(["error", "warning", "info", "hint"].contains(&d["severity"].as_str().unwrap()));
        for fix in d["fixes"].as_array().unwrap() {
            for edit in fix["edits"].as_array().unwrap() {
                check_span(text, edit);
            }
        }
    }
}

#[test]
fn the_example_drafts_check_cleanly_as_json() {
    for name in ["harbour-strike.md", "library-reopens.txt"] {
        let path = example(name);
        let out = copydesk(&["check", "--format", "json", &path]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let text = std::fs::read_to_string(&path).unwrap();
        let files = json_lines(&out);
        assert_eq!(files.len(), 1);
        assert_json_spans_are_valid(&text, &files[0]);
        assert!(!codes(&files[0]).is_empty(), "{name} is there to show findings");
    }
}

// ---------------------------------------------------------------- SARIF

fn rule_codes() -> Vec<String> {
    let out = copydesk(&["rules", "--format", "json"]);
    let rules: Value = serde_json::from_slice(&out.stdout).unwrap();
    rules.as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn sarif_is_one_run_with_rules_results_and_artifacts() {
    let dir = scratch("sarif");
    let story = write(&dir, "a story.txt", BYLINE_NO_DATELINE);
    let out = copydesk(&["check", "--format", "sarif", &story, &example("harbour-strike.md")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let log: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");

    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "copydesk");
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, rule_codes());
    for rule in rules {
        assert!(!rule["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert!(rule["help"]["text"].as_str().unwrap().contains("## Why it matters"));
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }

    let artifacts = run["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), 2);
    assert!(artifacts[0]["location"]["uri"].as_str().unwrap().ends_with("/a%20story.txt"));
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let rule_index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(result["ruleId"], rules[rule_index]["id"]);
        assert!(["error", "warning", "note", "none"].contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let location = &result["locations"][0]["physicalLocation"];
        let artifact = location["artifactLocation"]["index"].as_u64().unwrap() as usize;
        assert_eq!(location["artifactLocation"]["uri"], artifacts[artifact]["location"]["uri"]);
        let region = &location["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().unwrap() >= 1, "{key} is 1-based");
        }
        assert!(region["endLine"].as_u64() >= region["startLine"].as_u64());
        let length = artifacts[artifact]["length"].as_u64().unwrap();
        let (offset, len) = (region["byteOffset"].as_u64().unwrap(), region["byteLength"].as_u64().unwrap());
        assert!(offset + len <= length);
        for fix in result["fixes"].as_array().into_iter().flatten() {
            assert!(!fix["description"]["text"].as_str().unwrap().is_empty());
            let change = &fix["artifactChanges"][0];
            assert_eq!(change["artifactLocation"]["uri"], location["artifactLocation"]["uri"]);
            for replacement in change["replacements"].as_array().unwrap() {
                let deleted = &replacement["deletedRegion"];
                assert!(deleted["startLine"].as_u64().unwrap() >= 1);
                assert!(deleted["byteOffset"].as_u64().unwrap() + deleted["byteLength"].as_u64().unwrap() <= length);
                assert!(replacement["insertedContent"]["text"].is_string());
            }
        }
    }
}

#[test]
fn sarif_regions_match_the_json_offsets() {
    let dir = scratch("sarif-vs-json");
    let story = write(&dir, "story.txt", "Ça va\n\nBy Zoë Quinn\n\n“Déjà vu,” she wrote. Then more.\n");
    let json = json_lines(&copydesk(&["check", "--format", "json", &story])).remove(0);
    let sarif: Value = serde_json::from_slice(&copydesk(&["check", "--format", "sarif", &story]).stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(diagnostics.len(), results.len());
    for (d, r) in diagnostics.iter().zip(results) {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(r["ruleId"], d["code"]);
        assert_eq!(region["byteOffset"], d["start"]);
        assert_eq!(region["byteLength"].as_u64().unwrap(), d["end"].as_u64().unwrap() - d["start"].as_u64().unwrap());
        assert_eq!(region["startLine"], d["line"]);
        assert_eq!(region["startColumn"], d["column"]);
        assert_eq!(region["endLine"], d["end_line"]);
        assert_eq!(region["endColumn"], d["end_column"]);
    }
}

#[test]
fn sarif_records_unreadable_inputs_as_notifications() {
    let out = copydesk(&["check", "--format", "sarif", "/no/such/draft.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert!(note["message"]["text"].as_str().unwrap().contains("/no/such/draft.txt"));
}

/// Every field path in `value` (`quotes[].speaker.entity`), not descending into spans
/// (`{start, end, text}`), which the contract describes once.
fn field_paths(value: &Value, prefix: &str, out: &mut std::collections::BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            let is_span = map.len() == 3 && ["start", "end", "text"].iter().all(|k| map.contains_key(*k));
            if is_span && !prefix.is_empty() {
                return;
            }
            for (key, v) in map {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                out.insert(path.clone());
                field_paths(v, &path, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| field_paths(v, &format!("{prefix}[]"), out)),
        _ => {}
    }
}

/// docs/json-output.md, the contract the README and `check --help` point at, names every field
/// the JSON output holds, copydesk's additions included.
#[test]
fn the_json_contract_in_docs_names_every_field_printed() {
    let root = env!("CARGO_MANIFEST_DIR");
    let doc = std::fs::read_to_string(format!("{root}/docs/json-output.md")).unwrap();
    let dir = scratch("json-contract");
    // A bare surname before the full name: a finding with a related location.
    let related = write(&dir, "related.txt", "LONDON — Okafor said the harbour would stay open.\n\nHarbour master Maria Okafor took over in May after a long career at sea.\n");
    let out = copydesk(&["check", "--format", "json", &example("harbour-strike.md"), &example("library-reopens.txt"), &related]);
    let mut paths = std::collections::BTreeSet::new();
    for line in json_lines(&out) {
        field_paths(&line, "", &mut paths);
    }
    for must in ["diagnostics[].related[].message", "diagnostics[].fixes[].edits[].replacement", "quotes[].speaker.mention"] {
        assert!(paths.contains(must), "the drafts exercise {must}: {paths:?}");
    }
    let missing: Vec<&String> = paths.iter().filter(|p| !doc.contains(&format!("`{p}`"))).collect();
    assert!(missing.is_empty(), "docs/json-output.md does not describe {missing:?}");

    // Users have the repository's docs, not a folder beside it.
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    assert!(readme.contains("(docs/json-output.md)") && !readme.contains("shared/docs/json-output.md"));
    let help = stdout(&copydesk(&["check", "--help"]));
    assert!(help.contains("docs/json-output.md") && !help.contains("shared/docs"), "{help}");
}

// ---------------------------------------------------------------- rules

#[test]
fn rules_lists_every_rule_with_severity_and_summary() {
    let out = copydesk(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let rules: Value = serde_json::from_slice(&copydesk(&["rules", "--format", "json"]).stdout).unwrap();
    for rule in rules.as_array().unwrap() {
        let (code, severity, summary) =
            (rule["code"].as_str().unwrap(), rule["default_severity"].as_str().unwrap(), rule["summary"].as_str().unwrap());
        let line = text.lines().find(|l| l.starts_with(&format!("{code} "))).unwrap_or_else(|| panic!("{code}"));
        assert!(line.contains(severity) && line.ends_with(summary), "{line}");
    }
    for code in ["unattributed-quote", "unbalanced-quote", "missing-dateline", "malformed-dateline"] {
        assert!(rule_codes().iter().any(|c| c == code), "{code}");
    }
}

#[test]
fn rules_code_prints_the_full_doc() {
    let out = copydesk(&["rules", "unbalanced-quote"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("unbalanced-quote (default: warning)"), "{text}");
    for heading in ["## What it does", "## Why it matters", "## Example", "## Use instead"] {
        assert!(text.contains(heading), "{heading}");
    }
    let json: Value = serde_json::from_slice(&copydesk(&["rules", "unbalanced-quote", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["code"], "unbalanced-quote");
    assert!(json["doc"].as_str().unwrap().contains("## Use instead"));
}

/// The doc `rules CODE` prints is the rule's Markdown as written: no line indented by the `///`
/// it was written after, and no line broken inside a code span, in both formats.
#[test]
fn rules_code_prints_the_doc_without_stray_indentation() {
    for code in rule_codes() {
        let text = stdout(&copydesk(&["rules", &code]));
        let json: Value = serde_json::from_slice(&copydesk(&["rules", &code, "--format", "json"]).stdout).unwrap();
        for doc in [text.as_str(), json["doc"].as_str().unwrap()] {
            assert!(doc.contains("\n## Why it matters\n"), "{code}: {doc}");
            let mut in_block = false;
            for line in doc.lines() {
                in_block ^= line.starts_with("```");
                if !in_block && !line.starts_with("```") {
                    // A list item's continuation is indented by two; the stray space made every indent odd.
                    let indent = line.len() - line.trim_start_matches(' ').len();
                    assert_eq!(indent % 2, 0, "{code}: {line:?}");
                    assert_eq!(line.matches('`').count() % 2, 0, "{code}: {line:?}");
                }
            }
        }
    }
}

// ---------------------------------------------------------------- the example drafts

/// The diagnostics with this code, as the text of the draft they cover.
fn findings_of<'a>(text: &'a str, file: &Value, code: &str) -> Vec<&'a str> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| &text[d["start"].as_u64().unwrap() as usize..d["end"].as_u64().unwrap() as usize])
        .collect()
}

/// The speaker (mention as written, entity) of the quote whose text starts with `opening`.
fn speaker_of(file: &Value, opening: &str) -> (String, String) {
    let quote = file["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["text"].as_str().unwrap().starts_with(opening))
        .unwrap_or_else(|| panic!("no quote opening with {opening}"));
    let speaker = &quote["speaker"];
    let as_string = |v: &Value| v.as_str().unwrap_or("").to_string();
    (as_string(&speaker["mention"]["text"]), as_string(&speaker["entity"]))
}

#[test]
fn the_harbour_strike_example_shows_what_it_was_written_to_show() {
    let path = example("harbour-strike.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let file = json_lines(&copydesk(&["check", "--format", "json", &path])).remove(0);

    // A dateline in the wrong form: the place not in capitals, `Sept` without its stop, no dash.
    assert_eq!(file["dateline"]["city"], "Southport");
    assert_eq!(file["dateline"]["agency"], "AP");
    let malformed = findings_of(&text, &file, "malformed-dateline");
    assert!(malformed.contains(&"Southport") && malformed.contains(&"Sept"), "{malformed:?}");
    assert!(findings_of(&text, &file, "missing-dateline").is_empty());

    // One quote nobody said, one mark that never closes.
    assert_eq!(findings_of(&text, &file, "unattributed-quote"), ["\"This is about safety, not money.\""]);
    let unbalanced = file["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "unbalanced-quote");
    let at = unbalanced.expect("the unclosed quote is flagged")["start"].as_u64().unwrap() as usize;
    assert!(text[at..].starts_with("\"We will be back"), "{}", &text[at..at + 20]);

    // Attribution by name, by pronoun, by description.
    assert_eq!(speaker_of(&file, "\"We have waited"), ("Maria Okafor".into(), "Maria Okafor".into()));
    assert_eq!(speaker_of(&file, "\"Nobody wants"), ("she".into(), "Maria Okafor".into()));
    assert_eq!(speaker_of(&file, "\"The terms on the table"), ("the chief executive".into(), "Daniel Reyes".into()));
}

#[test]
fn the_library_example_wants_a_dateline_because_it_has_a_byline() {
    let path = example("library-reopens.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let file = json_lines(&copydesk(&["check", "--format", "json", &path])).remove(0);
    assert!(file["dateline"].is_null());
    let missing: Vec<&Value> =
        file["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "missing-dateline").collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["severity"], "warning");
    assert!(findings_of(&text, &file, "unattributed-quote").is_empty());
    let (mention, entity) = speaker_of(&file, "\"People kept asking");
    assert!(mention.ends_with("Grace Mbeki"), "{mention}");
    assert_eq!(entity, "Grace Mbeki");
    assert_eq!(speaker_of(&file, "\"It was slow work").1, "Paul Hendry");
    assert_eq!(speaker_of(&file, "\"But you do not throw away").1, "Paul Hendry");
}

/// The whole human output on the example drafts, as a reviewer would read it: any change in
/// what copydesk finds, or in how it prints it, shows up here (`cargo insta review` to accept).
#[test]
fn example_drafts_human_output() {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--color", "never", "examples/drafts"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&out));
}

// ---------------------------------------------------------------- odd inputs (issue 13)

/// Runs `sh -c script` with `$COPYDESK` set to the binary, for what `Command` cannot set up (a
/// closed standard input).
fn sh(script: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("COPYDESK", env!("CARGO_BIN_EXE_copydesk"))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn closed_stdin_is_no_draft_but_an_empty_pipe_is_an_empty_one() {
    let closed = sh("\"$COPYDESK\" check - <&-");
    assert_eq!(closed.status.code(), Some(2), "{}", stderr(&closed));
    assert!(stderr(&closed).contains("standard input is closed"), "{}", stderr(&closed));
    let null = copydesk(&["check", "-"]);
    assert_eq!(null.status.code(), Some(2), "{}", stderr(&null));
    let empty_pipe = sh("printf '' | \"$COPYDESK\" check --format json -");
    assert_eq!(empty_pipe.status.code(), Some(0), "{}", stderr(&empty_pipe));
    assert_eq!(json_lines(&empty_pipe).len(), 1);
}

#[test]
fn stdin_given_twice_is_bad_usage_and_is_not_read() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "json", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // copydesk may exit before reading a byte: a broken pipe here is the point.
    let _ = child.stdin.take().unwrap().write_all(NO_DATELINE.as_bytes());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("more than once"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_device_named_as_a_draft_is_refused_not_read_forever() {
    let dir = scratch("device");
    let good = write(&dir, "good.txt", NO_DATELINE);
    let out = copydesk(&["check", "--format", "json", "/dev/zero", &good]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/dev/zero: cannot read: a device"), "{}", stderr(&out));
    assert_eq!(json_lines(&out).len(), 1);
}

/// A UTF-8 byte order mark (Word, Notepad) is no part of the story: the dateline after it is
/// read, byte offsets still count it (true to the file), and columns do not (as editors show).
#[test]
fn a_byte_order_mark_does_not_hide_the_dateline() {
    let dir = scratch("bom");
    let dated = write(&dir, "dated.txt", "\u{FEFF}MOSCOW, March 29. /TASS/. Russia said the talks were useful.\n");
    let placeholder = write(&dir, "placeholder.txt", "\u{FEFF}Fares rise by TK per cent, the council said.\n");
    let out = copydesk(&["check", "--format", "json", &dated, &placeholder]);
    let files = json_lines(&out);
    assert_eq!(files[0]["dateline"]["city"], "MOSCOW", "{}", files[0]);
    assert_eq!(files[0]["dateline"]["start"], 3);
    assert!(!codes(&files[0]).contains(&"missing-dateline"), "{}", files[0]);
    let tk = files[1]["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "leftover-placeholder").unwrap();
    // `TK` is the 15th character of the line and starts at byte 3 + 14.
    assert_eq!((tk["start"].as_u64(), tk["line"].as_u64(), tk["column"].as_u64()), (Some(17), Some(1), Some(15)), "{tk}");
    let sarif: Value = serde_json::from_slice(&copydesk(&["check", "--format", "sarif", &placeholder]).stdout).unwrap();
    let result = sarif["runs"][0]["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "leftover-placeholder").unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!((region["startColumn"].as_u64(), region["byteOffset"].as_u64()), (Some(15), Some(17)), "{region}");
}

/// SARIF artifact URIs are relative to `%SRCROOT%`, which `run.originalUriBaseIds` gives as the
/// working directory, as code-scanning dashboards expect (issue 14).
#[test]
fn sarif_uris_are_relative_to_srcroot() {
    let dir = scratch("sarif-srcroot");
    write(&dir, "drafts/story one.txt", BYLINE_NO_DATELINE);
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "sarif", "./drafts/story one.txt"])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let log: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let run = &log["runs"][0];
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap();
    let canonical = std::fs::canonicalize(&dir).unwrap();
    assert!(root.starts_with("file:///") && root.ends_with('/'), "{root}");
    assert!(root.trim_end_matches('/').ends_with(canonical.file_name().unwrap().to_str().unwrap()), "{root}");
    let expected = serde_json::json!({"uri": "drafts/story%20one.txt", "uriBaseId": "%SRCROOT%"});
    assert_eq!(run["artifacts"][0]["location"], expected);
    let at = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!((&at["uri"], &at["uriBaseId"], &at["index"]), (&expected["uri"], &expected["uriBaseId"], &Value::from(0)));
}

/// JSON Lines never carries a raw U+2028, U+2029 or U+0085: a reader splitting on Unicode line
/// breaks (Python's `str.splitlines`, JavaScript) still reads one object per line.
#[test]
fn json_lines_escape_unicode_line_breaks() {
    let dir = scratch("json-line-breaks");
    let draft = write(
        &dir,
        "breaks.txt",
        "\"The ferry\u{2028}runs again,\" the mayor said.\u{2029}\n\n\"Fares\u{85}stay,\" she said. TK\n",
    );
    let out = copydesk(&["check", "--format", "json", &draft, &draft]);
    let text = stdout(&out);
    for c in ['\u{2028}', '\u{2029}', '\u{85}'] {
        assert!(!text.contains(c), "raw {c:?} in {text}");
    }
    let objects: Vec<Value> = text
        .split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{b}', '\u{c}'])
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_str(l).expect("one object per line"))
        .collect();
    assert_eq!(objects.len(), 2);
    assert!(objects[0]["quotes"][0]["text"].as_str().unwrap().contains('\u{2028}'), "the text survives");
}

/// Links in a walked folder: a link to a draft inside the folder is checked (once), a link out
/// of the folder and a link to a draft already checked are skipped and named, and a link to a
/// folder (here, a loop) is not followed.
#[cfg(unix)]
#[test]
fn links_in_a_folder_are_followed_inside_it_and_named_when_skipped() {
    use std::os::unix::fs::symlink;
    let top = scratch("links");
    let dir = top.join("drafts");
    write(&dir, "a-real.txt", NO_DATELINE);
    write(&dir, ".archive/kept.txt", NO_DATELINE);
    let secret = write(&top, "outside/secret.txt", NO_DATELINE);
    symlink(dir.join("a-real.txt"), dir.join("b-same.txt")).unwrap();
    symlink(dir.join(".archive/kept.txt"), dir.join("c-linked.txt")).unwrap();
    symlink(&secret, dir.join("d-out.txt")).unwrap();
    symlink(&dir, dir.join("e-loop")).unwrap();
    let root = dir.to_str().unwrap();
    let out = copydesk(&["check", "--format", "json", root]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let paths: Vec<String> = json_lines(&out).iter().map(|f| f["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(paths, [format!("{root}/a-real.txt"), format!("{root}/c-linked.txt")]);
    let err = stderr(&out);
    assert!(err.contains("b-same.txt: skipped: a link to") && err.contains("which is checked"), "{err}");
    assert!(err.contains("d-out.txt: skipped: a link to") && err.contains("outside the folder"), "{err}");
}
