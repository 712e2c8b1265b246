//! The server's protocol behaviour, through the real binary: life cycle, encodings, documents,
//! diagnostics with versions, never crashing, shutdown and exit.

#[path = "lsp/harness.rs"]
mod harness;

use std::time::Duration;

use harness::*;
use serde_json::{json, Value};

const URI: &str = "file:///drafts/story.txt";

/// A story with no dateline: the missing-dateline rule underlines its first word, which here is
/// an emoji and two CJK characters, so the diagnostic's end column differs in every encoding.
const NO_DATELINE: &str = "😀東京 officials said the talks would resume.\n\nThey gave no date.\n";

/// A lead paragraph with no dateline: the missing-dateline rule flags `Officials`.
const LEAD: &str =
    "Ministers said on Friday that the talks would resume next week after a pause.\n";

fn codes(diags: &[Value]) -> Vec<&str> {
    diags.iter().filter_map(|d| d["code"].as_str()).collect()
}

#[test]
fn initialize_offering_utf16_negotiates_utf16() {
    let (lsp, result) = Lsp::start_offering(&["utf-16"]);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        result["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    assert_eq!(result["serverInfo"]["name"], "copydesk");
    assert_eq!(result["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(lsp.shutdown_and_exit().success());
}

#[test]
fn initialize_offering_utf8_negotiates_utf8_and_columns_count_bytes() {
    let (mut lsp, result) = Lsp::start_offering(&["utf-32", "utf-8", "utf-16"]);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    lsp.open(URI, NO_DATELINE);
    let diags = lsp.diagnostics(URI, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "missing-dateline")
        .expect("missing-dateline");
    // "😀東京" is 4 + 3 + 3 bytes.
    assert_eq!(d["range"], range(0, 0, 0, 10));
}

#[test]
fn initialize_without_encodings_falls_back_to_utf16() {
    let mut lsp = Lsp::spawn_with_env(&[]);
    let result = lsp.initialize(json!({}));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
}

#[test]
fn open_publishes_diagnostics_with_version_code_link_and_utf16_columns() {
    let mut lsp = Lsp::start();
    lsp.open(URI, NO_DATELINE);
    let diags = lsp.diagnostics(URI, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "missing-dateline")
        .expect("missing-dateline");
    // "😀" is two UTF-16 units, each CJK character one.
    assert_eq!(d["range"], range(0, 0, 0, 4));
    assert_eq!(d["source"], "copydesk");
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .contains("missing_dateline"),
        "{d}"
    );
}

#[test]
fn incremental_edits_on_emoji_and_cjk_lines_apply_in_order() {
    let mut lsp = Lsp::start();
    lsp.open(URI, NO_DATELINE);
    lsp.diagnostics(URI, 1);
    // Several changes in one notification and several notifications back to back: each range
    // refers to the text the previous change left.
    lsp.change(
        URI,
        2,
        vec![edit(0, 2, 0, 4, "北京"), edit(2, 5, 2, 8, "only")],
    );
    lsp.change(
        URI,
        3,
        vec![edit(0, 4, 0, 4, " 🎉"), edit(2, 0, 2, 4, "It")],
    );
    lsp.change(URI, 4, vec![edit(0, 0, 0, 2, "")]);
    let expected = "北京 🎉 officials said the talks would resume.\n\nIt only no date.\n";
    let diags = lsp.diagnostics(URI, 4);
    // A fresh open of the expected text gives the same diagnostics: the rope holds that text.
    lsp.open("file:///drafts/fresh.txt", expected);
    assert_eq!(diags, lsp.diagnostics("file:///drafts/fresh.txt", 1));
    let d = diags
        .iter()
        .find(|d| d["code"] == "missing-dateline")
        .unwrap();
    assert_eq!(d["range"], range(0, 0, 0, 2), "first word is now 北京");
}

#[test]
fn crlf_documents_keep_line_numbers() {
    let mut lsp = Lsp::start();
    lsp.open(URI, "\r\n\r\nÉtat officials met.\r\nMore text.\r\n");
    let diags = lsp.diagnostics(URI, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "missing-dateline")
        .unwrap();
    assert_eq!(d["range"], range(2, 0, 2, 4));
}

#[test]
fn every_version_is_published_in_order_and_pull_agrees() {
    let mut lsp = Lsp::start();
    lsp.open(URI, LEAD);
    lsp.diagnostics(URI, 1);
    for v in 2..30 {
        lsp.change(URI, v, vec![edit(0, 0, 0, 0, "x")]);
    }
    // `diagnostics` fails if a newer version shows up before the one asked for.
    let last = lsp.diagnostics(URI, 29);
    assert_eq!(codes(&last), ["missing-dateline"]);
    assert_eq!(lsp.pull_diagnostics(URI), last);
}

#[test]
fn pull_diagnostics_answer_for_the_current_text() {
    let mut lsp = Lsp::start();
    lsp.open(URI, "MOSCOW talks.\n");
    lsp.change(
        URI,
        2,
        vec![replace_all(
            "Talks resumed on Friday after officials from both sides met in the capital.\n",
        )],
    );
    let pulled = lsp.pull_diagnostics(URI);
    let d = pulled
        .iter()
        .find(|d| d["code"] == "missing-dateline")
        .unwrap();
    assert_eq!(d["range"], range(0, 0, 0, 5));
}

#[test]
fn configuration_changes_rule_severities() {
    let mut lsp = Lsp::start();
    lsp.open(URI, LEAD);
    let diags = lsp.diagnostics(URI, 1);
    assert_eq!(diags[0]["severity"], 4, "hint by default");
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"missing-dateline": "error"}}}}),
    );
    assert_eq!(lsp.diagnostics(URI, 1)[0]["severity"], 1);
    // The pulled form: the server asks workspace/configuration.
    lsp.settings = json!({"rules": {"missing-dateline": "off"}});
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    assert!(lsp.diagnostics(URI, 1).is_empty());
}

#[test]
fn other_languages_are_left_alone_unless_configured() {
    let mut lsp = Lsp::start();
    lsp.open_as(
        "file:///src/main.rs",
        "rust",
        "The main function runs first.\n",
    );
    lsp.open(URI, LEAD);
    // Only the plaintext document is analysed.
    let msg = lsp.wait_for(
        |m| m["method"] == "textDocument/publishDiagnostics",
        "a publication",
    );
    assert_eq!(msg["params"]["uri"], URI);
    assert!(lsp.hover("file:///src/main.rs", 0, 0).is_null());
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"languages": ["rust"]}}}),
    );
    assert_eq!(lsp.diagnostics("file:///src/main.rs", 1).len(), 1);
}

#[test]
fn markdown_documents_are_read_as_markdown() {
    let mut lsp = Lsp::start();
    // The front matter is not prose: the first word flagged is the body's.
    lsp.open_as(
        "file:///drafts/story.md",
        "markdown",
        "---\ntitle: x\n---\n\nTalks resumed on Friday after officials from both sides met in the capital.\n",
    );
    let diags = lsp.diagnostics("file:///drafts/story.md", 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "missing-dateline")
        .unwrap();
    assert_eq!(d["range"], range(4, 0, 4, 5));
}

#[test]
fn closing_clears_diagnostics() {
    let mut lsp = Lsp::start();
    lsp.open(URI, LEAD);
    lsp.diagnostics(URI, 1);
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    let msg = lsp.wait_for(
        |m| m["method"] == "textDocument/publishDiagnostics",
        "the clearing publication",
    );
    assert_eq!(msg["params"]["diagnostics"], json!([]));
}

#[test]
fn garbage_and_malformed_requests_get_jsonrpc_errors() {
    let mut lsp = Lsp::start();
    lsp.open(URI, LEAD);
    lsp.send_raw(b"{this is not json");
    let parse_error = lsp.wait_for(|m| m.get("error").is_some(), "a parse error");
    assert_eq!(parse_error["error"]["code"], -32700);
    assert_eq!(parse_error["id"], Value::Null);
    // Not even a valid frame header.
    lsp.send_raw(b"");
    lsp.stdin_write(b"Content-Length: many\r\n\r\n");
    let bad_frame = lsp.wait_for(|m| m.get("error").is_some(), "a second parse error");
    assert_eq!(bad_frame["error"]["code"], -32700);
    let bad = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": "middle"}),
    );
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let unknown = lsp.request("copydesk/noSuchMethod", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let empty_rename = lsp.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": URI}, "position": pos(0, 0), "newName": " "}),
    );
    assert_eq!(empty_rename["error"]["code"], -32602);
    // Positions far outside the document are clamped, not fatal.
    lsp.change(
        URI,
        2,
        vec![edit(999, 999, 1000, 0, "!"), edit(0, 9999, 0, 0, "?")],
    );
    lsp.diagnostics(URI, 2);
    assert!(lsp.hover(URI, 4000, 4000).is_null());
    assert!(lsp.shutdown_and_exit().success());
}

#[test]
fn a_panic_in_a_handler_becomes_an_error_reply_and_the_server_lives_on() {
    let mut lsp = Lsp::spawn_with_env(&[("COPYDESK_LSP_PANIC_IN", "textDocument/hover")]);
    lsp.initialize(capabilities(&["utf-16"]));
    lsp.open(URI, LEAD);
    lsp.diagnostics(URI, 1);
    let reply = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": pos(0, 1)}),
    );
    assert_eq!(reply["error"]["code"], -32603, "{reply}");
    assert!(reply["error"]["message"]
        .as_str()
        .unwrap()
        .contains("hover"));
    // Still serving.
    lsp.change(URI, 2, vec![edit(0, 0, 0, 0, "New ")]);
    assert_eq!(codes(&lsp.diagnostics(URI, 2)), ["missing-dateline"]);
    assert!(lsp.shutdown_and_exit().success());
}

#[test]
fn a_panic_in_analysis_keeps_the_last_good_diagnostics() {
    let mut lsp = Lsp::spawn_with_env(&[("COPYDESK_LSP_PANIC_IN", "analysis")]);
    lsp.initialize(capabilities(&["utf-16"]));
    lsp.open(URI, LEAD);
    let good = lsp.diagnostics(URI, 1);
    lsp.change(URI, 2, vec![edit(0, 0, 0, 0, "COPYDESK-PANIC ")]);
    let log = lsp.wait_for(
        |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains("analysis failed"))
        },
        "an error log",
    );
    assert!(log["params"]["message"]
        .as_str()
        .unwrap()
        .contains("analysis failed"));
    assert_eq!(lsp.pull_diagnostics(URI), good);
    // The next good version is analysed again.
    lsp.change(URI, 3, vec![edit(0, 0, 0, 15, "")]);
    assert_eq!(lsp.diagnostics(URI, 3), good);
}

#[test]
fn shutdown_then_exit_ends_the_process_with_stdin_still_open() {
    let lsp = Lsp::start();
    assert_eq!(lsp.shutdown_and_exit().code(), Some(0));
}

#[test]
fn exit_without_shutdown_ends_with_code_1() {
    let mut lsp = Lsp::start();
    lsp.notify("exit", Value::Null);
    assert_eq!(lsp.wait_exit().code(), Some(1));
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut lsp = Lsp::spawn_with_env(&[]);
    let reply = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": pos(0, 0)}),
    );
    assert_eq!(reply["error"]["code"], -32002);
    let _ = lsp.try_wait_for(&|_| false, Duration::from_millis(1));
}

#[test]
fn cancelling_requests_is_harmless() {
    let mut lsp = Lsp::start();
    lsp.open(URI, LEAD);
    lsp.diagnostics(URI, 1);
    // A cancel for a request that already finished, or never existed, changes nothing.
    lsp.notify("$/cancelRequest", json!({"id": 12345}));
    let reply = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": pos(0, 0)}),
    );
    lsp.notify("$/cancelRequest", json!({"id": reply["id"].clone()}));
    assert!(reply.get("error").is_none(), "{reply}");
    assert_eq!(codes(&lsp.pull_diagnostics(URI)), ["missing-dateline"]);
}

#[test]
fn a_huge_document_stays_responsive() {
    let mut lsp = Lsp::start();
    let paragraph = "Officials in 東京 said on Friday that the talks would resume next week, and 😀 nobody objected.\n\n";
    let huge = paragraph.repeat(10_000_000 / paragraph.len());
    lsp.open(URI, &huge);
    // Asked while the analysis runs, hover answers without waiting for it (from what is known so
    // far): its reply comes before the first diagnostics. Judged by order, not by a clock, so a
    // busy machine cannot fail it; the analysis of 10 MB takes seconds, the hover microseconds.
    lsp.hover(URI, 2, 3);
    assert!(
        !lsp.has_received(|m| m["method"] == "textDocument/publishDiagnostics"),
        "the hover was answered only after the analysis had finished"
    );
    // Typing on top still ends with the diagnostics of the last version.
    lsp.change(URI, 2, vec![edit(0, 0, 0, 0, "New ")]);
    // Two analyses of 10 MB in a debug build: allow for a busy machine.
    let diags = lsp.diagnostics_within(URI, 2, Duration::from_secs(60));
    assert_eq!(codes(&diags), ["missing-dateline"]);
}

#[test]
fn edits_typed_during_a_long_analysis_are_analysed_together() {
    let mut lsp = Lsp::start();
    let paragraph = "Officials said on Friday that the talks would resume next week, and nobody objected.\n\n";
    let big = paragraph.repeat(1_000_000 / paragraph.len());
    lsp.open(URI, &big);
    // Twenty keystrokes arrive while the first analysis runs: only the newest text is analysed
    // next, so far fewer than twenty results come back, the last one for the last version.
    for v in 2..=21 {
        lsp.change(URI, v, vec![edit(0, 0, 0, 0, "x")]);
    }
    let last = lsp.diagnostics_within(URI, 21, Duration::from_secs(60));
    assert!(codes(&last).contains(&"missing-dateline"), "{:?}", codes(&last));
    let is_publish = |m: &Value| m["method"] == "textDocument/publishDiagnostics";
    let mut earlier = 0;
    while lsp.try_wait_for(&is_publish, Duration::ZERO).is_some() {
        earlier += 1;
    }
    assert!(earlier < 5, "{earlier} earlier versions were published");
}

#[test]
fn logs_reach_the_client_at_the_level_asked() {
    let mut lsp = Lsp::spawn_with_env(&[("COPYDESK_LOG", "info")]);
    lsp.initialize(capabilities(&["utf-8"]));
    let log = lsp.wait_for(|m| m["method"] == "window/logMessage", "a log message");
    assert_eq!(log["params"]["type"], 3, "info");
    assert!(
        log["params"]["message"]
            .as_str()
            .unwrap()
            .contains("initialize"),
        "{log}"
    );
}

#[test]
fn a_client_that_pulls_diagnostics_gets_no_pushes() {
    let mut lsp = Lsp::spawn_with_env(&[]);
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["diagnostic"] = json!({});
    caps["workspace"]["diagnostics"] = json!({"refreshSupport": true});
    lsp.initialize(caps);
    lsp.open(URI, LEAD);
    lsp.change(URI, 2, vec![edit(0, 0, 0, 0, "New ")]);
    assert_eq!(codes(&lsp.pull_diagnostics(URI)), ["missing-dateline"]);
    // After a settings change the server asks the client to pull again.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"missing-dateline": "off"}}}}),
    );
    assert!(lsp.pull_diagnostics(URI).is_empty());
    let _ = lsp.try_wait_for(&|_| false, Duration::from_millis(200));
    assert!(
        lsp.server_requests
            .iter()
            .any(|m| m == "workspace/diagnostic/refresh"),
        "{:?}",
        lsp.server_requests
    );
    let pushed = lsp.try_wait_for(
        &|m| m["method"] == "textDocument/publishDiagnostics",
        Duration::from_millis(1),
    );
    assert!(pushed.is_none(), "pushed {pushed:?}");
}

/// Two men named side by side, then `he said`: an ambiguous attribution whose two candidates are
/// its related information.
const TWO_MEN: &str = "Tom Reyes met Sam Patel on Tuesday. \"The deal is dead,\" he said.\n";

/// The ambiguous attribution's `relatedInformation` and `codeDescription` as the client got them.
fn optional_fields(diags: &[Value]) -> (Value, Value) {
    let d = diags
        .iter()
        .find(|d| d["code"] == "ambiguous-attribution")
        .unwrap_or_else(|| panic!("ambiguous-attribution in {diags:?}"));
    (d["relatedInformation"].clone(), d["codeDescription"].clone())
}

/// Starts a server with these client capabilities and returns the diagnostics of [`TWO_MEN`],
/// pushed or (if the capabilities declare `textDocument.diagnostic`) pulled.
fn two_men_diagnostics(caps: Value) -> Vec<Value> {
    let pulls = caps["textDocument"].get("diagnostic").is_some();
    let mut lsp = Lsp::spawn_with_env(&[]);
    lsp.initialize(caps);
    lsp.open(URI, TWO_MEN);
    let diags = if pulls { lsp.pull_diagnostics(URI) } else { lsp.diagnostics(URI, 1) };
    assert!(lsp.shutdown_and_exit().success());
    diags
}

#[test]
fn related_information_and_doc_links_go_only_to_clients_that_declare_them() {
    // Declared (as VS Code does): both, the related locations naming the two candidates.
    let (related, link) = optional_fields(&two_men_diagnostics(capabilities(&["utf-16"])));
    let messages: Vec<&str> = related.as_array().expect("relatedInformation").iter().map(|r| r["message"].as_str().unwrap()).collect();
    assert_eq!(messages, ["could be Tom Reyes", "could be Sam Patel"]);
    assert!(link["href"].as_str().unwrap().contains("ambiguous_attribution"), "{link}");
    // Not declared (Helix declares neither; Eglot says `false` to both): neither is sent.
    for publish in [json!({"versionSupport": true}), json!({"relatedInformation": false, "codeDescriptionSupport": false})] {
        let mut caps = capabilities(&["utf-16"]);
        caps["textDocument"]["publishDiagnostics"] = publish;
        assert_eq!(optional_fields(&two_men_diagnostics(caps)), (Value::Null, Value::Null));
    }
    // One without the other (Neovim declares related information only).
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["publishDiagnostics"] = json!({"relatedInformation": true});
    let (related, link) = optional_fields(&two_men_diagnostics(caps));
    assert_eq!(related.as_array().map(Vec::len), Some(2));
    assert_eq!(link, Value::Null);
}

#[test]
fn a_pulling_client_gets_the_fields_its_publish_capabilities_or_its_pull_ones_declare() {
    // LSP 3.17's pull capability has no such flags: the publishDiagnostics ones count (VS Code
    // and Neovim 0.11 declare them there only).
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": true, "relatedDocumentSupport": false});
    let (related, link) = optional_fields(&two_men_diagnostics(caps));
    assert_eq!(related.as_array().map(Vec::len), Some(2));
    assert!(link["href"].is_string(), "{link}");
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["publishDiagnostics"] = json!({});
    caps["textDocument"]["diagnostic"] = json!({});
    assert_eq!(optional_fields(&two_men_diagnostics(caps)), (Value::Null, Value::Null));
    // LSP 3.18 states them for pulls too; a pulling client's own answer wins.
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["diagnostic"] = json!({"relatedInformation": false, "codeDescriptionSupport": false});
    assert_eq!(optional_fields(&two_men_diagnostics(caps)), (Value::Null, Value::Null));
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["publishDiagnostics"] = json!({});
    caps["textDocument"]["diagnostic"] = json!({"relatedInformation": true, "codeDescriptionSupport": true});
    let (related, link) = optional_fields(&two_men_diagnostics(caps));
    assert_eq!(related.as_array().map(Vec::len), Some(2));
    assert!(link["href"].is_string(), "{link}");
}
