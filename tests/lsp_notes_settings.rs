//! The editor's `notes.sources` setting (issue 13, item 9) and the watching of the user's own
//! notes (item 2), through the real binary over stdio:
//!
//! - `initializationOptions` naming a notes folder outside the workspace make a near-miss quote
//!   finding appear; the same absolute pattern in the repository's `copydesk.toml` reads nothing;
//! - the setting changed later (pulled with `workspace/configuration`, or pushed with
//!   `workspace/didChangeConfiguration`) re-indexes the notes;
//! - Eglot's workspace configuration (which a repository's `.dir-locals.el` sets silently) cannot
//!   name notes;
//! - a notes file outside the workspace, and the user's `copydesk.toml`, are watched: a change
//!   reported by the client re-indexes them.

#[path = "lsp/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

use harness::*;
use serde_json::{json, Value};

/// A fresh folder with `repo/` (the workspace), `desk-notes/` (outside it) and `config-home/`
/// (`XDG_CONFIG_HOME`, empty unless a test writes the user's configuration there).
fn folders(name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let top = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("lsp-notes-settings-{name}"));
    let _ = std::fs::remove_dir_all(&top);
    let (repo, notes, home) = (top.join("repo"), top.join("desk-notes"), top.join("config-home"));
    for dir in [&repo, &notes, &home] {
        std::fs::create_dir_all(dir).unwrap();
    }
    (repo, notes, home)
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Client capabilities with file watchers registered at run time (relative patterns too).
fn watching_capabilities() -> Value {
    let mut caps = capabilities(&["utf-16"]);
    caps["workspace"]["didChangeWatchedFiles"] =
        json!({"dynamicRegistration": true, "relativePatternSupport": true});
    caps
}

/// Starts the server in `repo`, with `home` as `XDG_CONFIG_HOME`, sending `init` (if any) as
/// `initializationOptions` and `client` as `clientInfo`.
fn start(repo: &Path, home: &Path, init: Option<Value>, client: &str) -> Lsp {
    let mut lsp = Lsp::spawn_with_env(&[("XDG_CONFIG_HOME", home.to_str().unwrap())]);
    let mut params = json!({
        "processId": null,
        "rootUri": uri_of(repo),
        "capabilities": watching_capabilities(),
        "clientInfo": {"name": client},
    });
    if let Some(init) = init {
        params["initializationOptions"] = init;
    }
    let reply = lsp.request("initialize", params);
    assert!(reply.get("error").is_none(), "{reply}");
    lsp.notify("initialized", json!({}));
    lsp
}

fn next_published(lsp: &mut Lsp, uri: &str) -> Vec<Value> {
    let msg = lsp.wait_for(
        |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri,
        &format!("diagnostics for {uri}"),
    );
    msg["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
}

/// (code, 0-based line) of each quote-checking diagnostic, sorted.
fn quote_findings(diags: &[Value]) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = diags
        .iter()
        .filter_map(|d| {
            let code = d["code"].as_str()?;
            (code == "quote-not-in-notes" || code == "quote-differs-from-notes")
                .then(|| (code.to_string(), d["range"]["start"]["line"].as_u64().unwrap()))
        })
        .collect();
    out.sort();
    out
}

fn finding(code: &str, line: u64) -> (String, u64) {
    (code.to_string(), line)
}

const DRAFT: &str = "\
PORTVALE — The town will reopen the old ferry pier in spring, the council said on Wednesday.

\"The pier will be open to walkers before the end of April,\" council leader Ada Brennan said.

\"Nobody will pay a penny to walk on it,\" Brennan said.
";

/// The first quote, reworded: a near miss.
const NOTES_V1: &str = "\
Call with Ada Brennan, council leader, 3 March.

Brennan: The pier should be open to walkers before the end of May.
";

/// The first quote reworded, the second word for word.
const NOTES_V2: &str = "\
Call with Ada Brennan, council leader, 3 March.

Brennan: The pier should be open to walkers before the end of May.
Brennan: Nobody will pay a penny to walk on it.
";

fn notes_setting(pattern: &str) -> Value {
    json!({"notes": {"sources": [pattern]}})
}

#[test]
fn initialization_options_may_name_notes_outside_the_workspace_and_the_repository_may_not() {
    let (repo, notes, home) = folders("init");
    std::fs::write(notes.join("brennan-call.txt"), NOTES_V1).unwrap();
    let pattern = format!("{}/*.txt", notes.display());
    let draft_uri = uri_of(&repo.join("pier.txt"));

    // The user's editor settings: the near miss is found, and quoted from the notes.
    let init = json!({"copydesk": notes_setting(&pattern)});
    let mut lsp = start(&repo, &home, Some(init), "test");
    let indexed = lsp.notes_indexed();
    assert!(indexed.contains("notes indexed: 1 files"), "{indexed}");
    lsp.open(&draft_uri, DRAFT);
    let diags = lsp.diagnostics(&draft_uri, 1);
    assert_eq!(
        quote_findings(&diags),
        [finding("quote-differs-from-notes", 2), finding("quote-not-in-notes", 4)],
        "{diags:?}"
    );
    let differs = diags.iter().find(|d| d["code"] == "quote-differs-from-notes").unwrap();
    assert!(differs["message"].as_str().unwrap().contains("should be open to walkers"), "{differs}");
    lsp.shutdown_and_exit();

    // The same pattern in the repository's copydesk.toml: refused, nothing read.
    std::fs::write(repo.join("copydesk.toml"), format!("[quotes]\nsources = [\"{pattern}\"]\n")).unwrap();
    let mut lsp = start(&repo, &home, None, "test");
    let refusal = lsp.wait_for(|m| m["method"] == "window/showMessage", "the refusal");
    let refusal = refusal["params"]["message"].as_str().unwrap();
    assert!(refusal.contains("is an absolute path") && refusal.contains("copydesk.notes.sources"), "{refusal}");
    let indexed = lsp.notes_indexed();
    assert!(indexed.contains("notes indexed: 0 files"), "{indexed}");
    lsp.open(&draft_uri, DRAFT);
    let diags = lsp.diagnostics(&draft_uri, 1);
    assert_eq!(
        quote_findings(&diags),
        [finding("quote-not-in-notes", 2), finding("quote-not-in-notes", 4)],
        "{diags:?}"
    );
    assert!(!serde_json::to_string(&diags).unwrap().contains("should be open"));
    lsp.shutdown_and_exit();
}

#[test]
fn notes_sources_set_later_are_pulled_or_pushed_and_re_indexed() {
    let (repo, notes, home) = folders("later");
    std::fs::write(notes.join("brennan-call.txt"), NOTES_V2).unwrap();
    let draft_uri = uri_of(&repo.join("pier.txt"));
    let mut lsp = start(&repo, &home, None, "test");
    lsp.open(&draft_uri, DRAFT);
    // No notes anywhere: quotes are not checked against notes.
    let diags = lsp.diagnostics(&draft_uri, 1);
    assert!(quote_findings(&diags).is_empty(), "{diags:?}");

    // Pulled: the client says its settings changed, the server asks for them.
    lsp.settings = notes_setting(&format!("{}/*.txt", notes.display()));
    lsp.notify("workspace/didChangeConfiguration", json!({"settings": null}));
    let indexed = lsp.notes_indexed();
    assert!(indexed.contains("notes indexed: 1 files"), "{indexed}");
    let diags = next_published(&mut lsp, &draft_uri);
    assert_eq!(quote_findings(&diags), [finding("quote-differs-from-notes", 2)], "{diags:?}");

    // Pushed: a pattern that matches nothing; every quote is now missing from the notes.
    let settings = notes_setting(&format!("{}/*.md", notes.display()));
    lsp.notify("workspace/didChangeConfiguration", json!({"settings": {"copydesk": settings}}));
    let indexed = lsp.notes_indexed();
    assert!(indexed.contains("notes indexed: 0 files"), "{indexed}");
    let diags = next_published(&mut lsp, &draft_uri);
    assert_eq!(
        quote_findings(&diags),
        [finding("quote-not-in-notes", 2), finding("quote-not-in-notes", 4)],
        "{diags:?}"
    );
    lsp.shutdown_and_exit();
}

/// Eglot answers `workspace/configuration` from `eglot-workspace-configuration`, which a
/// repository's `.dir-locals.el` may set without asking: notes patterns arriving that way are
/// ignored (with a warning) for a client named Eglot, and for one whose `initializationOptions`
/// say `notes.onlyAtStart` (copydesk.el, as Eglot 1.9 sends no name); those of
/// `initializationOptions` (copydesk.el's `copydesk-notes-sources`) are read.
#[test]
fn eglot_workspace_configuration_cannot_name_notes() {
    let (repo, notes, home) = folders("eglot");
    std::fs::write(notes.join("brennan-call.txt"), NOTES_V1).unwrap();
    let pattern = format!("{}/*.txt", notes.display());
    let draft_uri = uri_of(&repo.join("pier.txt"));
    let only_at_start = json!({"copydesk": {"notes": {"sources": [], "onlyAtStart": true}}});
    for (client, init) in [("Eglot", None), ("test", Some(only_at_start))] {
        let mut lsp = start(&repo, &home, init, client);
        lsp.open(&draft_uri, DRAFT);
        lsp.diagnostics(&draft_uri, 1);
        lsp.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"copydesk": notes_setting(&pattern)}}),
        );
        let warning = lsp.wait_for(
            |m| m["method"] == "window/logMessage" && m["params"]["type"] == 2,
            "the warning",
        );
        assert!(warning["params"]["message"].as_str().unwrap().contains("copydesk-notes-sources"), "{warning}");
        let hover = lsp.hover(&draft_uri, 2, 5);
        assert!(!hover.to_string().contains("brennan-call"), "{client}: {hover}");
        assert!(!lsp.has_received(|m| {
            m["params"]["message"].as_str().is_some_and(|t| t.starts_with("copydesk: notes indexed"))
        }));
        lsp.shutdown_and_exit();
    }

    let init = json!({"copydesk": {"notes": {"sources": [pattern], "onlyAtStart": true}}});
    let mut lsp = start(&repo, &home, Some(init), "Eglot");
    assert!(lsp.notes_indexed().contains("notes indexed: 1 files"));
    lsp.shutdown_and_exit();
}

/// The watchers the server registered: (base folder URI or "", pattern) of each.
fn registered_watchers(lsp: &Lsp) -> Vec<(String, String)> {
    lsp.server_request_log
        .iter()
        .filter(|m| m["method"] == "client/registerCapability")
        .flat_map(|m| m["params"]["registrations"].as_array().cloned().unwrap_or_default())
        .flat_map(|r| r["registerOptions"]["watchers"].as_array().cloned().unwrap_or_default())
        .map(|w| match &w["globPattern"] {
            Value::String(s) => (String::new(), s.clone()),
            p => (p["baseUri"].as_str().unwrap_or_default().to_string(), p["pattern"].as_str().unwrap_or_default().to_string()),
        })
        .collect()
}

/// Reads the server's messages until it has asked to watch `expected`; panics after [`TIMEOUT`].
fn wait_for_watcher(lsp: &mut Lsp, expected: (String, String)) {
    let deadline = std::time::Instant::now() + TIMEOUT;
    while !registered_watchers(lsp).contains(&expected) {
        assert!(std::time::Instant::now() < deadline, "{expected:?} not in {:?}", registered_watchers(lsp));
        lsp.try_wait_for(&|_| false, std::time::Duration::from_millis(50));
    }
}

fn files_changed(lsp: &mut Lsp, path: &Path) {
    lsp.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri_of(path), "type": 2}]}));
}

#[test]
fn the_users_own_notes_and_configuration_are_watched() {
    let (repo, notes, home) = folders("watch");
    let call = notes.join("brennan-call.txt");
    std::fs::write(&call, NOTES_V1).unwrap();
    let draft_uri = uri_of(&repo.join("pier.txt"));
    let init = json!({"copydesk": notes_setting(&format!("{}/*.txt", notes.display()))});
    let mut lsp = start(&repo, &home, Some(init), "test");
    lsp.notes_indexed();
    lsp.open(&draft_uri, DRAFT);
    let diags = lsp.diagnostics(&draft_uri, 1);
    assert_eq!(
        quote_findings(&diags),
        [finding("quote-differs-from-notes", 2), finding("quote-not-in-notes", 4)],
        "{diags:?}"
    );
    // The client was asked to watch the notes folder and the user's configuration file.
    let user_config = home.join("copydesk");
    wait_for_watcher(&mut lsp, (uri_of(&notes), "*.txt".to_string()));
    wait_for_watcher(&mut lsp, (uri_of(&user_config), "copydesk.toml".to_string()));

    // The notes file outside the workspace changes: re-indexed, the second quote is found.
    std::fs::write(&call, NOTES_V2).unwrap();
    files_changed(&mut lsp, &call);
    assert!(lsp.notes_indexed().contains("notes indexed: 1 files"));
    let diags = next_published(&mut lsp, &draft_uri);
    assert_eq!(quote_findings(&diags), [finding("quote-differs-from-notes", 2)], "{diags:?}");

    // The user's configuration is written: its notes (another folder) are read too.
    let more = home.join("more-notes");
    std::fs::create_dir_all(&more).unwrap();
    std::fs::write(more.join("pier.txt"), "The pier will be open to walkers before the end of April.\n").unwrap();
    std::fs::create_dir_all(&user_config).unwrap();
    let user_file = user_config.join("copydesk.toml");
    std::fs::write(&user_file, format!("[quotes]\nsources = [\"{}/*.txt\"]\n", more.display())).unwrap();
    files_changed(&mut lsp, &user_file);
    let indexed = lsp.notes_indexed();
    assert!(indexed.contains("notes indexed: 2 files"), "{indexed}");
    let diags = next_published(&mut lsp, &draft_uri);
    assert!(quote_findings(&diags).is_empty(), "{diags:?}");
    wait_for_watcher(&mut lsp, (uri_of(&more), "*.txt".to_string()));

    // A file elsewhere changes: nothing to do.
    let elsewhere = home.join("unrelated.txt");
    std::fs::write(&elsewhere, "x").unwrap();
    files_changed(&mut lsp, &elsewhere);
    let publication = |m: &Value| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == draft_uri.as_str()
    };
    assert!(lsp.try_wait_for(&publication, std::time::Duration::from_millis(300)).is_none());
    lsp.shutdown_and_exit();
}

/// Settings pushed right after `initialized` (as Eglot does) win over the notes `initialize`
/// started indexing, whichever finishes last: the start-up notes, older, once overwrote them.
#[test]
fn settings_pushed_at_start_up_win_over_the_start_up_notes() {
    let (repo, notes, home) = folders("race");
    std::fs::create_dir_all(notes.join("old")).unwrap();
    std::fs::create_dir_all(notes.join("new")).unwrap();
    std::fs::write(notes.join("old/call.txt"), NOTES_V1).unwrap();
    std::fs::write(notes.join("new/call.txt"), NOTES_V2).unwrap();
    let draft_uri = uri_of(&repo.join("pier.txt"));
    let init = json!({"copydesk": notes_setting(&format!("{}/old/*.txt", notes.display()))});
    let mut lsp = start(&repo, &home, Some(init), "test");
    let new = notes_setting(&format!("{}/new/*.txt", notes.display()));
    lsp.settings = new.clone();
    lsp.notify("workspace/didChangeConfiguration", json!({"settings": {"copydesk": new}}));
    lsp.open(&draft_uri, DRAFT);
    // Whatever was published first, the last word is the new notes'.
    let deadline = std::time::Instant::now() + TIMEOUT;
    let mut diags = lsp.diagnostics(&draft_uri, 1);
    while quote_findings(&diags) != [finding("quote-differs-from-notes", 2)] {
        assert!(std::time::Instant::now() < deadline, "{diags:?}");
        diags = next_published(&mut lsp, &draft_uri);
    }
    // And it stays so: nothing older comes after.
    let later = |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == draft_uri.as_str();
    while let Some(m) = lsp.try_wait_for(&later, std::time::Duration::from_millis(500)) {
        let diags = m["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
        assert_eq!(quote_findings(&diags), [finding("quote-differs-from-notes", 2)], "{diags:?}");
    }
    lsp.shutdown_and_exit();
}
