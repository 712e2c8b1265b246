//! `copydesk.toml` and the reporter's notes in the editor, through the real binary: the file is
//! changed on disk and the server told with `workspace/didChangeWatchedFiles`, as an editor's
//! file watcher would.
//!
//! - a rule turned off, then a syntax error (a diagnostic on copydesk.toml, a message, the last
//!   good configuration still in force), then the file fixed (the diagnostic cleared);
//! - notes files changed, created and deleted flip quote-not-in-notes and
//!   quote-differs-from-notes, and the hover says where a quote was found.

#[path = "lsp/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

use harness::*;
use serde_json::{json, Value};

/// A fresh workspace folder.
fn workspace(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("lsp-config-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Starts the server with `dir` as the workspace root.
fn start_in(dir: &Path) -> Lsp {
    let mut lsp = Lsp::spawn_with_env(&[]);
    let reply = lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": uri_of(dir), "capabilities": capabilities(&["utf-16"])}),
    );
    assert!(reply.get("error").is_none(), "{reply}");
    lsp.notify("initialized", json!({}));
    lsp
}

/// Tells the server files changed (1 created, 2 changed, 3 deleted).
fn files_changed(lsp: &mut Lsp, changes: &[(&Path, u32)]) {
    let changes: Vec<Value> = changes
        .iter()
        .map(|(p, kind)| json!({"uri": uri_of(p), "type": kind}))
        .collect();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": changes}),
    );
}

/// The next diagnostics published for `uri`, whatever their version.
fn next_published(lsp: &mut Lsp, uri: &str) -> Vec<Value> {
    let msg = lsp.wait_for(
        |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri,
        &format!("diagnostics for {uri}"),
    );
    msg["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn next_message(lsp: &mut Lsp, kind: u64) -> String {
    let msg = lsp.wait_for(
        |m| m["method"] == "window/showMessage" && m["params"]["type"] == kind,
        "window/showMessage",
    );
    msg["params"]["message"].as_str().unwrap().to_string()
}

/// (code, 0-based line) of each diagnostic with a code starting with `prefix`, sorted.
fn codes(diags: &[Value], prefix: &str) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = diags
        .iter()
        .filter_map(|d| {
            let code = d["code"].as_str()?;
            code.starts_with(prefix).then(|| {
                (
                    code.to_string(),
                    d["range"]["start"]["line"].as_u64().unwrap(),
                )
            })
        })
        .collect();
    out.sort();
    out
}

fn hover_text(lsp: &mut Lsp, uri: &str, text: &str, needle: &str) -> String {
    let (line, character) = find(text, needle, 0);
    let h = lsp.hover(uri, line, character + 2);
    h["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("no hover on {needle:?}: {h}"))
        .to_string()
}

const PLACEHOLDER_DRAFT: &str = "\
LONDON — The ferry company said on Monday it would add a winter timetable.

Its chief executive, Mara Lind, said fares would rise by TK per cent.
";

#[test]
fn config_changes_on_disk_reach_the_open_drafts() {
    let dir = workspace("reload");
    let config = dir.join("copydesk.toml");
    let config_uri = uri_of(&config);
    std::fs::write(&config, "[dateline]\npolicy = \"auto\"\n").unwrap();
    let draft_uri = uri_of(&dir.join("ferry.txt"));
    let mut lsp = start_in(&dir);
    lsp.open(&draft_uri, PLACEHOLDER_DRAFT);
    let diags = lsp.diagnostics(&draft_uri, 1);
    assert_eq!(
        codes(&diags, "leftover"),
        [("leftover-placeholder".to_string(), 2)],
        "{diags:?}"
    );

    // Rule off: the draft is checked again without it.
    std::fs::write(&config, "[rules]\nleftover-placeholder = \"off\"\n").unwrap();
    files_changed(&mut lsp, &[(&config, 2)]);
    let diags = next_published(&mut lsp, &draft_uri);
    assert!(codes(&diags, "leftover").is_empty(), "{diags:?}");
    assert!(
        next_published(&mut lsp, &config_uri).is_empty(),
        "a good file has no diagnostics"
    );

    // A syntax error: a diagnostic on copydesk.toml at the error, and a message.
    std::fs::write(
        &config,
        "[rules]\nleftover-placeholder = \"warning\"\n[style\nprofile = \"ap\"\n",
    )
    .unwrap();
    files_changed(&mut lsp, &[(&config, 2)]);
    let config_diags = next_published(&mut lsp, &config_uri);
    assert_eq!(config_diags.len(), 1, "{config_diags:?}");
    assert_eq!(config_diags[0]["severity"], 1);
    assert_eq!(
        config_diags[0]["range"]["start"]["line"], 2,
        "{config_diags:?}"
    );
    let message = next_message(&mut lsp, 1);
    assert!(
        message.contains("copydesk.toml:3:") && message.contains("last good configuration"),
        "{message}"
    );

    // The last good configuration stays in force: an edit is still checked with the rule off.
    lsp.change(&draft_uri, 2, vec![edit(0, 0, 0, 0, "")]);
    let diags = lsp.diagnostics(&draft_uri, 2);
    assert!(
        codes(&diags, "leftover").is_empty(),
        "the bad file must not apply: {diags:?}"
    );

    // Fixed: the config diagnostic clears and the new levels apply.
    std::fs::write(&config, "[rules]\nleftover-placeholder = \"warning\"\n").unwrap();
    files_changed(&mut lsp, &[(&config, 2)]);
    assert!(next_published(&mut lsp, &config_uri).is_empty());
    let diags = next_published(&mut lsp, &draft_uri);
    let placeholder: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "leftover-placeholder")
        .collect();
    assert_eq!(placeholder.len(), 1, "{diags:?}");
    assert_eq!(placeholder[0]["severity"], 2, "now a warning: {diags:?}");

    // Deleted: the defaults apply again.
    std::fs::remove_file(&config).unwrap();
    files_changed(&mut lsp, &[(&config, 3)]);
    let diags = next_published(&mut lsp, &draft_uri);
    let placeholder: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "leftover-placeholder")
        .collect();
    assert_eq!(
        placeholder[0]["severity"], 1,
        "back to the default, an error: {diags:?}"
    );
    lsp.shutdown_and_exit();
}

#[test]
fn a_bad_file_at_start_up_is_shown_on_the_file() {
    let dir = workspace("bad-at-start");
    let config = dir.join("copydesk.toml");
    std::fs::write(&config, "[quotes]\nstyle = \"french\"\n").unwrap();
    let draft_uri = uri_of(&dir.join("ferry.txt"));
    let mut lsp = start_in(&dir);
    let config_diags = next_published(&mut lsp, &uri_of(&config));
    assert_eq!(config_diags.len(), 1);
    assert_eq!(
        config_diags[0]["range"],
        range(1, 8, 1, 16),
        "{config_diags:?}"
    );
    assert!(config_diags[0]["message"]
        .as_str()
        .unwrap()
        .contains("unknown quote style `french`"));
    assert!(next_message(&mut lsp, 1).contains("copydesk.toml:2:9"));
    // Drafts are still checked, with the defaults.
    lsp.open(&draft_uri, PLACEHOLDER_DRAFT);
    assert_eq!(codes(&lsp.diagnostics(&draft_uri, 1), "leftover").len(), 1);
    lsp.shutdown_and_exit();
}

const NOTES_DRAFT: &str = "\
HARBOURTON — The harbour will get a new sea wall before winter, the harbour master said on Tuesday.

\"The sea wall will be finished before the first storms of November,\" harbour master Ines Okafor said.

\"Every boat owner will be told a week before the work starts,\" Okafor said.
";

/// Line 3 holds the first quote word for word.
const NOTES_V1: &str = "\
Call with Ines Okafor, harbour master, 12 October.

Okafor: The sea wall will be finished before the first storms of November.
Okafor: Nobody has to move their boat yet.
";

/// The first quote reworded; the second one word for word on line 4.
const NOTES_V2: &str = "\
Call with Ines Okafor, harbour master, 12 October.

Okafor: The sea wall should be finished before the storms of November.
Okafor: Every boat owner will be told a week before the work starts.
";

#[test]
fn notes_changes_on_disk_flip_the_quote_checks() {
    let dir = workspace("notes");
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(
        dir.join("copydesk.toml"),
        "[quotes]\nsources = [\"notes/*.txt\"]\n",
    )
    .unwrap();
    let notes = dir.join("notes/okafor-call.txt");
    std::fs::write(&notes, NOTES_V1).unwrap();
    let draft_uri = uri_of(&dir.join("wall.txt"));
    let mut lsp = start_in(&dir);
    lsp.notes_indexed();
    lsp.open(&draft_uri, NOTES_DRAFT);

    // At start-up: the first quote is in the notes, the second is not.
    let diags = lsp.diagnostics(&draft_uri, 1);
    assert_eq!(
        codes(&diags, "quote-"),
        [("quote-not-in-notes".to_string(), 4)],
        "{diags:?}"
    );
    let hover = hover_text(&mut lsp, &draft_uri, NOTES_DRAFT, "The sea wall");
    assert!(
        hover.contains("Found in notes/okafor-call.txt:3"),
        "{hover}"
    );
    let hover = hover_text(&mut lsp, &draft_uri, NOTES_DRAFT, "Every boat");
    assert!(hover.contains("Not found in the notes"), "{hover}");

    // The notes rewritten: the first quote now differs, the second is found.
    std::fs::write(&notes, NOTES_V2).unwrap();
    files_changed(&mut lsp, &[(&notes, 2)]);
    let diags = next_published(&mut lsp, &draft_uri);
    assert_eq!(
        codes(&diags, "quote-"),
        [("quote-differs-from-notes".to_string(), 2)],
        "{diags:?}"
    );
    let differs = diags
        .iter()
        .find(|d| d["code"] == "quote-differs-from-notes")
        .unwrap();
    assert!(
        differs["message"]
            .as_str()
            .unwrap()
            .contains("should be finished before the storms"),
        "{differs}"
    );
    let hover = hover_text(&mut lsp, &draft_uri, NOTES_DRAFT, "Every boat");
    assert!(
        hover.contains("Found in notes/okafor-call.txt:4"),
        "{hover}"
    );
    let hover = hover_text(&mut lsp, &draft_uri, NOTES_DRAFT, "The sea wall");
    assert!(
        hover.contains("Differs from notes/okafor-call.txt:3"),
        "{hover}"
    );

    // A file outside the sources changes: nothing to do.
    let elsewhere = dir.join("notes/okafor-call.md");
    std::fs::write(&elsewhere, NOTES_V1).unwrap();
    files_changed(&mut lsp, &[(&elsewhere, 1)]);
    let publication = |m: &Value| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == draft_uri.as_str()
    };
    assert!(lsp
        .try_wait_for(&publication, std::time::Duration::from_millis(300))
        .is_none());

    // A second notes file, not UTF-8: a warning, and it is skipped.
    let latin1 = dir.join("notes/old-call.txt");
    std::fs::write(&latin1, b"The caf\xe9 will stay shut.\n").unwrap();
    files_changed(&mut lsp, &[(&latin1, 1)]);
    let warning = next_message(&mut lsp, 2);
    assert!(
        warning.contains("notes/old-call.txt: not UTF-8 text"),
        "{warning}"
    );
    let diags = next_published(&mut lsp, &draft_uri);
    assert_eq!(
        codes(&diags, "quote-"),
        [("quote-differs-from-notes".to_string(), 2)],
        "{diags:?}"
    );

    // The notes deleted: neither quote is in the notes any more.
    std::fs::remove_file(&notes).unwrap();
    files_changed(&mut lsp, &[(&notes, 3)]);
    let diags = next_published(&mut lsp, &draft_uri);
    assert_eq!(
        codes(&diags, "quote-"),
        [
            ("quote-not-in-notes".to_string(), 2),
            ("quote-not-in-notes".to_string(), 4)
        ],
        "{diags:?}"
    );

    // Sources removed from the config: quotes are no longer checked.
    let config = dir.join("copydesk.toml");
    std::fs::write(&config, "[quotes]\nstyle = \"auto\"\n").unwrap();
    files_changed(&mut lsp, &[(&config, 2)]);
    let diags = next_published(&mut lsp, &draft_uri);
    assert!(
        codes(&diags, "quote-")
            .iter()
            .all(|(c, _)| c == "quote-punctuation"),
        "{diags:?}"
    );
    lsp.shutdown_and_exit();
}

/// `sources = ["*.txt"]` matches the open draft too (saved in the same folder): it is left out of
/// its own notes, so the quote only it holds is still flagged, and the hover does not say the
/// quote was found in the draft itself.
#[test]
fn a_draft_matched_by_the_notes_pattern_is_not_its_own_notes() {
    let dir = workspace("self-notes");
    std::fs::write(dir.join("copydesk.toml"), "[quotes]\nsources = [\"*.txt\"]\n").unwrap();
    std::fs::write(dir.join("okafor-call.txt"), NOTES_V1).unwrap();
    let draft = dir.join("wall.txt");
    std::fs::write(&draft, NOTES_DRAFT).unwrap();
    let draft_uri = uri_of(&draft);
    let mut lsp = start_in(&dir);
    lsp.notes_indexed();
    lsp.open(&draft_uri, NOTES_DRAFT);
    let diags = lsp.diagnostics(&draft_uri, 1);
    assert_eq!(codes(&diags, "quote-"), [("quote-not-in-notes".to_string(), 4)], "{diags:?}");
    let hover = hover_text(&mut lsp, &draft_uri, NOTES_DRAFT, "The sea wall");
    assert!(hover.contains("Found in okafor-call.txt:3"), "{hover}");
    let hover = hover_text(&mut lsp, &draft_uri, NOTES_DRAFT, "Every boat");
    assert!(hover.contains("Not found in the notes"), "{hover}");
}

// ------------------------------------------------- a hostile copydesk.toml (issue 13, item 9)

/// Starts the server in `dir` with `XDG_CONFIG_HOME` elsewhere (no user configuration), and
/// checks that `initialize` is answered within `seconds`.
fn start_promptly(dir: &Path, seconds: u64) -> Lsp {
    let home = dir.join("no-user-config");
    let mut lsp = Lsp::spawn_with_env(&[("XDG_CONFIG_HOME", home.to_str().unwrap())]);
    let asked = std::time::Instant::now();
    let reply = lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": uri_of(dir), "capabilities": capabilities(&["utf-16"])}),
    );
    assert!(reply.get("error").is_none(), "{reply}");
    assert!(
        asked.elapsed() < std::time::Duration::from_secs(seconds),
        "initialize took {:?}",
        asked.elapsed()
    );
    lsp.notify("initialized", json!({}));
    lsp
}

/// What lies outside the workspace: the draft's first quote, changed, which would be quoted back
/// in a quote-differs-from-notes diagnostic, its hover and its fix if it were read.
const SECRET: &str = "Secret.\nThe sea wall will be finished before the autumn storms arrive.\n";

/// A workspace whose copydesk.toml tries every way out (`..`, an absolute path, a linked folder,
/// a linked file, a hidden folder): nothing outside is read, in diagnostics, hovers or fixes, and
/// the refusals are shown.
#[cfg(unix)]
#[test]
fn a_hostile_workspace_config_reads_nothing_outside_the_workspace() {
    let top = workspace("hostile");
    let (dir, secret) = (top.join("repo"), top.join("secret"));
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    std::fs::create_dir_all(&secret).unwrap();
    std::fs::write(secret.join("call.txt"), SECRET).unwrap();
    std::fs::write(dir.join(".hidden/call.txt"), SECRET).unwrap();
    std::os::unix::fs::symlink(&secret, dir.join("linked")).unwrap();
    std::os::unix::fs::symlink(secret.join("call.txt"), dir.join("notes/call.txt")).unwrap();
    std::fs::write(
        dir.join("copydesk.toml"),
        format!(
            "[quotes]\nsources = [\"../secret/*.txt\", \"{}/*.txt\", \"linked/*.txt\", \"notes/*.txt\", \".hidden/*.txt\"]\n",
            secret.display()
        ),
    )
    .unwrap();
    let draft_uri = uri_of(&dir.join("wall.txt"));
    let mut lsp = start_promptly(&dir, 10);
    let indexed = lsp.notes_indexed();
    assert!(indexed.contains("notes indexed: 0 files"), "{indexed}");
    lsp.open(&draft_uri, NOTES_DRAFT);
    let diags = lsp.diagnostics(&draft_uri, 1);
    assert_eq!(
        codes(&diags, "quote-"),
        [("quote-not-in-notes".to_string(), 2), ("quote-not-in-notes".to_string(), 4)],
        "{diags:?}"
    );
    let everything = serde_json::to_string(&diags).unwrap();
    let hover = hover_text(&mut lsp, &draft_uri, NOTES_DRAFT, "The sea wall");
    assert!(!everything.contains("autumn") && !hover.contains("autumn"), "{everything}\n{hover}");
    let mut warnings = String::new();
    for _ in 0..5 {
        // `..`, absolute, linked folder, linked file, hidden folder: one warning each.
        warnings += &next_message(&mut lsp, 2);
        warnings.push('\n');
    }
    for refusal in ["goes up out of the folder", "is an absolute path", "names a hidden folder", "linked: a link to outside"] {
        assert!(warnings.contains(refusal), "{refusal:?} not in {warnings}");
    }
    lsp.shutdown_and_exit();
}

/// A FIFO among the notes once left `initialize` unanswered and the server deaf to `exit`: the
/// notes are read off the message loop, and only regular files are read.
#[cfg(unix)]
#[test]
fn a_fifo_among_the_notes_neither_blocks_initialize_nor_is_read() {
    let dir = workspace("fifo");
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(dir.join("copydesk.toml"), "[quotes]\nsources = [\"notes/*.txt\"]\n").unwrap();
    std::fs::write(dir.join("notes/okafor-call.txt"), NOTES_V1).unwrap();
    let fifo = dir.join("notes/pipe.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut lsp = start_promptly(&dir, 10);
    let warning = next_message(&mut lsp, 2);
    assert!(warning.contains("notes/pipe.txt") && warning.contains("a FIFO"), "{warning}");
    let indexed = lsp.notes_indexed();
    assert!(indexed.contains("notes indexed: 1 files"), "{indexed}");
    assert!(lsp.shutdown_and_exit().success());
}

/// A draft saved with a byte order mark, as the editor sends it: the dateline after the mark is
/// read, and a finding on the first line is placed true to the document (the mark is one UTF-16
/// unit there).
#[test]
fn a_byte_order_mark_in_the_document_does_not_hide_the_dateline() {
    let dir = workspace("bom");
    let uri = uri_of(&dir.join("bom.txt"));
    let text = "\u{FEFF}MOSCOW, March 29. /TASS/. Fares rise by TK per cent, the ministry said.\n";
    let mut lsp = start_promptly(&dir, 10);
    lsp.open(&uri, text);
    let diags = lsp.diagnostics(&uri, 1);
    assert!(codes(&diags, "missing-dateline").is_empty(), "{diags:?}");
    let tk = diags.iter().find(|d| d["code"] == "leftover-placeholder").expect("TK is flagged");
    let (line, character) = find(text, "TK", 0);
    assert_eq!(tk["range"]["start"], json!({"line": line, "character": character}), "{tk}");
    lsp.shutdown_and_exit();
}
