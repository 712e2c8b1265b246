//! A client for the integration tests: spawns the real `copydesk lsp` and speaks JSON-RPC with
//! Content-Length framing over its stdio. Small builders keep each test short.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const TIMEOUT: Duration = Duration::from_secs(10);

pub struct Lsp {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages read while waiting for something else, in arrival order.
    backlog: Vec<Value>,
    next_id: i64,
    /// What the server gets back when it asks `workspace/configuration` (section `copydesk`).
    pub settings: Value,
    /// Methods of the requests the server sent us, in order.
    pub server_requests: Vec<String>,
    /// The requests the server sent us, whole, in order.
    pub server_request_log: Vec<Value>,
}

/// Client capabilities as an editor would send them.
pub fn capabilities(encodings: &[&str]) -> Value {
    json!({
        "general": {"positionEncodings": encodings},
        "textDocument": {
            "synchronization": {"didSave": true},
            "publishDiagnostics": {"versionSupport": true, "relatedInformation": true, "codeDescriptionSupport": true},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "inlayHint": {},
            "semanticTokens": {"requests": {"full": true}, "tokenTypes": [], "tokenModifiers": [], "formats": ["relative"]}
        },
        "workspace": {"configuration": true}
    })
}

impl Lsp {
    /// Spawns the server (with extra environment variables) without initializing it.
    pub fn spawn_with_env(env: &[(&str, &str)]) -> Lsp {
        Lsp::spawn_with(env, Stdio::null())
    }

    /// Spawns the server with its stderr piped, for the caller to take with [`Lsp::take_stderr`].
    pub fn spawn_capturing_stderr(env: &[(&str, &str)]) -> Lsp {
        Lsp::spawn_with(env, Stdio::piped())
    }

    pub fn take_stderr(&mut self) -> Option<std::process::ChildStderr> {
        self.child.stderr.take()
    }

    fn spawn_with(env: &[(&str, &str)], stderr: Stdio) -> Lsp {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
        cmd.args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn copydesk lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(msg) = read_frame(&mut reader) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Lsp {
            child,
            stdin,
            incoming,
            backlog: Vec::new(),
            next_id: 0,
            settings: Value::Null,
            server_requests: Vec::new(),
            server_request_log: Vec::new(),
        }
    }

    /// Spawns and initializes, offering the given position encodings; returns the server and the
    /// `initialize` result.
    pub fn start_offering(encodings: &[&str]) -> (Lsp, Value) {
        let mut lsp = Lsp::spawn_with_env(&[]);
        let result = lsp.initialize(capabilities(encodings));
        (lsp, result)
    }

    /// Spawns and initializes a server that speaks UTF-16 (the default every client supports).
    pub fn start() -> Lsp {
        Lsp::start_offering(&["utf-16"]).0
    }

    pub fn initialize(&mut self, capabilities: Value) -> Value {
        let reply = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        reply["result"].clone()
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        let _ = write!(stdin, "Content-Length: {}\r\n\r\n", body.len());
        let _ = stdin.write_all(body);
        let _ = stdin.flush();
    }

    /// Writes bytes as they are, with no framing.
    pub fn stdin_write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        let _ = stdin.write_all(bytes);
        let _ = stdin.flush();
    }

    fn send(&mut self, mut msg: Value) {
        msg["jsonrpc"] = json!("2.0");
        self.send_raw(&serde_json::to_vec(&msg).unwrap());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"method": method, "params": params}));
    }

    /// Sends a request and returns the whole reply (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"id": id, "method": method, "params": params}));
        self.wait_for(
            |m| m.get("id") == Some(&json!(id)) && m.get("method").is_none(),
            &format!("reply to {method}"),
        )
    }

    /// The `result` of a request that must succeed.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let reply = self.request(method, params);
        assert!(reply.get("error").is_none(), "{method} failed: {reply}");
        reply["result"].clone()
    }

    /// Next message matching `pred`, answering the server's own requests meanwhile. Panics after
    /// [`TIMEOUT`].
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool, what: &str) -> Value {
        self.try_wait_for(&pred, TIMEOUT)
            .unwrap_or_else(|| panic!("timed out waiting for {what}"))
    }

    /// Waits for the server to say the notes are indexed (they are read off the message loop, after
    /// `initialize` has answered), and returns the log line.
    pub fn notes_indexed(&mut self) -> String {
        let msg = self.wait_for(is_notes_indexed, "notes indexed");
        msg["params"]["message"].as_str().unwrap().to_string()
    }

    pub fn try_wait_for(
        &mut self,
        pred: &dyn Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(pred) {
            return Some(self.backlog.remove(i));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = match self.incoming.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    return None
                }
            };
            if msg.get("id").is_some() && msg.get("method").is_some() {
                self.answer_server_request(&msg);
                continue;
            }
            if pred(&msg) {
                return Some(msg);
            }
            self.backlog.push(msg);
        }
    }

    fn answer_server_request(&mut self, msg: &Value) {
        self.server_requests
            .push(msg["method"].as_str().unwrap_or_default().to_string());
        self.server_request_log.push(msg.clone());
        let result = match msg["method"].as_str() {
            Some("workspace/configuration") => {
                let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![self.settings.clone(); n])
            }
            _ => Value::Null,
        };
        self.send(json!({"id": msg["id"].clone(), "result": result}));
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.open_as(uri, "plaintext", text);
    }

    pub fn open_as(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// Sends one didChange with several content changes.
    pub fn change(&mut self, uri: &str, version: i32, changes: Vec<Value>) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// The diagnostics published for `uri` at `version`. Earlier versions' publications are
    /// skipped; a later version arriving first is a failure (it would mean a stale order).
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        self.diagnostics_within(uri, version, TIMEOUT)
    }

    /// [`Lsp::diagnostics`] with its own timeout, for drafts whose analysis takes long in a
    /// debug build on a busy machine.
    pub fn diagnostics_within(&mut self, uri: &str, version: i64, timeout: Duration) -> Vec<Value> {
        let uri = uri.to_string();
        let msg = self
            .try_wait_for(
                &|m: &Value| {
                    m["method"] == "textDocument/publishDiagnostics"
                        && m["params"]["uri"] == uri.as_str()
                        && m["params"]["version"].as_i64() >= Some(version)
                },
                timeout,
            )
            .unwrap_or_else(|| panic!("timed out waiting for diagnostics for {uri} v{version}"));
        assert_eq!(
            msg["params"]["version"].as_i64(),
            Some(version),
            "published a newer version first: {msg}"
        );
        msg["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Pull diagnostics (`textDocument/diagnostic`).
    pub fn pull_diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let r = self.call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        );
        r["items"].as_array().cloned().unwrap_or_default()
    }

    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(line, character)}),
        )
    }

    /// Sends `shutdown` then `exit`, keeping stdin open as some clients do; returns the exit status.
    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        let reply = self.request("shutdown", Value::Null);
        assert!(reply.get("error").is_none(), "shutdown failed: {reply}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Closes the server's stdin: the end of its input.
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the server process is still running.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Whether a message matching `pred` has already arrived (read while waiting for another one,
    /// and not yet taken by a wait). Tells the order of a reply and a notification without a clock.
    pub fn has_received(&self, pred: impl Fn(&Value) -> bool) -> bool {
        self.backlog.iter().any(pred)
    }

    /// Forgets the messages read while waiting for others (a fuzzer's replies pile up there).
    pub fn forget_backlog(&mut self) {
        while self.incoming.try_recv().is_ok() {}
        self.backlog.clear();
    }

    /// Waits for the process to end (stdin stays open).
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// How many cases a randomised test runs: `small` under `cargo test`, `full` when
/// `COPYDESK_FUZZ=full` (set by `.ci/run`).
/// Whether a message is the server's log line saying the notes are indexed.
pub fn is_notes_indexed(m: &Value) -> bool {
    m["method"] == "window/logMessage"
        && m["params"]["message"].as_str().is_some_and(|t| t.starts_with("copydesk: notes indexed"))
}

pub fn fuzz_size(small: usize, full: usize) -> usize {
    match std::env::var("COPYDESK_FUZZ").as_deref() {
        Ok("full") => full,
        _ => small,
    }
}

/// A seeded random source for a randomised test: `COPYDESK_FUZZ_SEED` (a number) or a fixed
/// seed, so that a failure replays. The seed is printed for the failure's report.
pub fn fuzz_rng(test: &str) -> proptest::test_runner::TestRng {
    use proptest::test_runner::{RngAlgorithm, TestRng};
    let seed: u64 = std::env::var("COPYDESK_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0xc0b1_de5c_5eed_u64);
    println!("{test}: COPYDESK_FUZZ_SEED={seed}");
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

pub fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

pub fn range(sl: u32, sc: u32, el: u32, ec: u32) -> Value {
    json!({"start": pos(sl, sc), "end": pos(el, ec)})
}

/// An incremental content change.
pub fn edit(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> Value {
    json!({"range": range(sl, sc, el, ec), "text": text})
}

/// A whole-document content change.
pub fn replace_all(text: &str) -> Value {
    json!({"text": text})
}

/// Column of a byte offset within its line, in the given encoding.
pub fn column(line_text: &str, byte: usize, utf8: bool) -> u32 {
    let s = &line_text[..byte];
    (if utf8 {
        s.len()
    } else {
        s.encode_utf16().count()
    }) as u32
}

/// Position (line, utf-16 column) of the `n`th occurrence of `needle` in `text`, plus `delta` chars.
pub fn find(text: &str, needle: &str, n: usize) -> (u32, u32) {
    let at = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n} not in the text"))
        .0;
    offset_to_pos(text, at, false)
}

pub fn offset_to_pos(text: &str, at: usize, utf8: bool) -> (u32, u32) {
    let before = &text[..at];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, column(&text[line_start..], at - line_start, utf8))
}

/// Byte offset of an LSP position in `text` (lines split at `\n`; test texts use no lone `\r`).
pub fn pos_to_offset(text: &str, p: &Value, utf8: bool) -> usize {
    let line = p["line"].as_u64().unwrap() as usize;
    let character = p["character"].as_u64().unwrap() as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[line_start..].char_indices() {
        if units >= character || c == '\n' || c == '\r' {
            return line_start + i;
        }
        units += if utf8 { c.len_utf8() } else { c.len_utf16() };
    }
    text.len()
}

/// Applies LSP text edits (non-overlapping, any order) to a text.
pub fn apply_edits(text: &str, edits: &[Value], utf8: bool) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                pos_to_offset(text, &e["range"]["start"], utf8),
                pos_to_offset(text, &e["range"]["end"], utf8),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

/// The text a range covers.
pub fn text_in<'t>(text: &'t str, range: &Value, utf8: bool) -> &'t str {
    &text[pos_to_offset(text, &range["start"], utf8)..pos_to_offset(text, &range["end"], utf8)]
}
