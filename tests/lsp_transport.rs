//! The transport survives any bytes on stdin, through the real binary: JSON that is not
//! JSON-RPC, lone surrogates, huge and wrong lengths, garbage between frames, `$/` requests;
//! and a protocol fuzzer that interleaves thousands of generated frames with real requests.

#[path = "lsp/harness.rs"]
mod harness;

use std::time::{Duration, Instant};

use harness::*;
use proptest::prelude::RngExt;
use proptest::test_runner::TestRng;
use serde_json::{json, Value};

const URI: &str = "file:///drafts/budget.txt";

/// A datelined story with one named source.
const STORY: &str = "BERLIN, May 6 (AP) — Finance Minister Karl Weber said on Monday that the budget would pass.\n\n\"We have the votes,\" Weber told reporters.\n";
const DATELINE: &str = "BERLIN, May 6 (AP) — ";

fn open_story() -> Lsp {
    let mut lsp = Lsp::start();
    lsp.open(URI, STORY);
    assert!(lsp.diagnostics(URI, 1).is_empty());
    lsp
}

fn codes(diags: &[Value]) -> Vec<&str> {
    diags.iter().filter_map(|d| d["code"].as_str()).collect()
}

/// A real hover and a real edit are answered correctly: the source's card, and the diagnostics
/// of the edited text (version `version`, which takes the dateline off when even and puts it
/// back when odd; version 1 is the story as opened).
fn still_serving(lsp: &mut Lsp, version: i32) {
    assert!(lsp.is_running(), "the server exited");
    let (line, col) = find(STORY, "Weber told", 0);
    let card = lsp.hover(URI, line, col + 1);
    let card = card["contents"]["value"].as_str().unwrap_or_default();
    assert!(card.contains("**Karl Weber** · person"), "hover: {card}");
    let dateline_columns = DATELINE.encode_utf16().count() as u32;
    let (change, expected): (_, &[&str]) = if version % 2 == 0 {
        (edit(0, 0, 0, dateline_columns, ""), &["missing-dateline"])
    } else {
        (edit(0, 0, 0, 0, DATELINE), &[])
    };
    lsp.change(URI, version, vec![change]);
    assert_eq!(codes(&lsp.diagnostics(URI, version as i64)), expected);
}

/// The next error reply with `id: null`.
fn null_id_error(lsp: &mut Lsp, after: &str) -> Value {
    let reply = lsp.wait_for(
        |m| m.get("error").is_some() && m["id"].is_null(),
        &format!("an error reply after {after}"),
    );
    reply["error"].clone()
}

#[test]
fn json_that_is_not_json_rpc_gets_an_error_reply_and_the_server_goes_on() {
    let mut lsp = open_story();
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let deep_params = format!(r#"{{"jsonrpc":"2.0","method":"x","params":{deep}}}"#);
    let bodies: Vec<(&[u8], i64)> = vec![
        (b"[]", -32600),
        (b"{}", -32600),
        (b"\"str\"", -32600),
        (b"123", -32600),
        (b"null", -32600),
        (br#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#, -32600),
        (br#"{"jsonrpc":"1.0","method":"initialized","params":{}}"#, -32600),
        (br#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#, -32600),
        (br#"{"jsonrpc":"2.0","id":{"n":1},"method":"shutdown"}"#, -32600),
        (br#"{"jsonrpc":"2.0","method":"initialized","method":"exit"}"#, -32600),
        (deep.as_bytes(), -32600),
        (deep_params.as_bytes(), -32700),
        (b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"caf\xe9\"}", -32700),
    ];
    for (body, code) in bodies {
        lsp.send_raw(body);
        let error = null_id_error(&mut lsp, &String::from_utf8_lossy(body));
        assert_eq!(error["code"], code, "{}", String::from_utf8_lossy(body));
    }
    still_serving(&mut lsp, 2);
    assert!(lsp.shutdown_and_exit().success());
}

#[test]
fn a_lone_surrogate_in_document_text_becomes_a_replacement_character() {
    let mut lsp = Lsp::start();
    // As JavaScript's JSON.stringify writes a string holding half a surrogate pair.
    let open = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///drafts/half.txt","languageId":"plaintext","version":1,"text":"\ud83d officials said on Friday that the talks would resume.\n"}}}"#;
    lsp.send_raw(open.as_bytes());
    let opened = lsp.diagnostics("file:///drafts/half.txt", 1);
    let change = r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///drafts/half.txt","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":1},"end":{"line":0,"character":1}},"text":"\ude00\ud83d\ude00"}]}}"#;
    lsp.send_raw(change.as_bytes());
    let changed = lsp.diagnostics("file:///drafts/half.txt", 2);
    // The same texts with U+FFFD where the halves were, and the whole pair kept.
    lsp.open(
        "file:///drafts/a.txt",
        "\u{FFFD} officials said on Friday that the talks would resume.\n",
    );
    assert_eq!(opened, lsp.diagnostics("file:///drafts/a.txt", 1));
    lsp.open(
        "file:///drafts/b.txt",
        "\u{FFFD}\u{FFFD}😀 officials said on Friday that the talks would resume.\n",
    );
    let expected = lsp.diagnostics("file:///drafts/b.txt", 1);
    assert_eq!(changed, expected);
    assert!(codes(&changed).contains(&"missing-dateline"), "{changed:?}");
    assert!(lsp.shutdown_and_exit().success());
}

#[test]
fn a_length_that_overflows_is_refused_without_a_panic() {
    let mut lsp = open_story();
    lsp.stdin_write(b"Content-Length: 18446744073709551615\r\n\r\n");
    assert_eq!(null_id_error(&mut lsp, "a huge length")["code"], -32700);
    still_serving(&mut lsp, 2);
}

/// Resident memory of a process, from /proc.
fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn a_declared_length_is_not_allocated_before_the_body_arrives() {
    let mut lsp = open_story();
    let before = resident_kib(lsp.pid());
    // A gigabyte declared, nothing sent: refused at once (over the 256 MiB limit).
    lsp.stdin_write(b"Content-Length: 1000000000\r\n\r\n");
    assert_eq!(null_id_error(&mut lsp, "a 1 GB length")["code"], -32700);
    // Under the limit: nothing is answered until the body comes, and nothing is reserved for it.
    lsp.stdin_write(b"Content-Length: 200000000\r\n\r\n{\"jsonrpc\":\"2.0\",");
    std::thread::sleep(Duration::from_millis(300));
    let grown = resident_kib(lsp.pid()).saturating_sub(before);
    assert!(grown < 50_000, "resident memory grew by {grown} KiB");
    // The next real frame shows the long one was cut short: it is dropped and the server goes on.
    still_serving(&mut lsp, 2);
    assert_eq!(null_id_error(&mut lsp, "a frame cut short")["code"], -32700);
}

#[test]
fn after_a_bad_frame_the_server_resynchronises_on_the_next_header() {
    let mut lsp = open_story();
    let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
    let bad_frames: Vec<Vec<u8>> = vec![
        format!("Content-Length: -5\r\n\r\n{good}").into_bytes(),
        good.as_bytes().to_vec(), // no header at all
        format!("Content-Type: application/json\r\n\r\n{good}").into_bytes(), // no length
        format!("Content-Length: 10\r\n\r\n{good}").into_bytes(), // too short
        format!("Content-Length: 500\r\n\r\n{good}").into_bytes(), // too long
        b"Content-Length: 12".to_vec(),                           // cut short
    ];
    for (n, bad) in bad_frames.iter().enumerate() {
        lsp.stdin_write(bad);
        still_serving(&mut lsp, n as i32 + 2);
    }
    // A Content-Type tower-lsp would refuse is no reason to stop either.
    let hover = r#"{"jsonrpc":"2.0","id":"typed","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///drafts/budget.txt"},"position":{"line":0,"character":0}}}"#;
    lsp.stdin_write(
        format!(
            "Content-Type: text/plain; charset=latin1\r\nContent-Length: {}\r\n\r\n{hover}",
            hover.len()
        )
        .as_bytes(),
    );
    let reply = lsp.wait_for(|m| m["id"] == "typed", "the typed hover");
    assert!(reply.get("error").is_none(), "{reply}");
    assert!(lsp.shutdown_and_exit().success());
}

#[test]
fn a_dollar_request_is_answered_method_not_found() {
    let mut lsp = open_story();
    let reply = lsp.request("$/something", json!({}));
    assert_eq!(reply["error"]["code"], -32601, "{reply}");
    // `$/` notifications stay unanswered, as the spec asks.
    lsp.notify("$/setTrace", json!({"value": "off"}));
    lsp.notify("$/somethingElse", json!({}));
    still_serving(&mut lsp, 2);
    let answered = lsp.try_wait_for(&|m| m.get("error").is_some(), Duration::from_millis(100));
    assert!(answered.is_none(), "{answered:?}");
}

/// Generates frames of every kind a broken or hostile client could send. Nothing it makes can
/// name the test's document, stop the server (`shutdown`, `exit`) or change its settings; ids
/// it gives requests never collide with the harness's.
struct FrameFuzzer {
    rng: TestRng,
}

const METHODS: &[&str] = &[
    "textDocument/hover",
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "textDocument/inlayHint",
    "textDocument/codeAction",
    "textDocument/documentSymbol",
    "textDocument/semanticTokens/full",
    "textDocument/diagnostic",
    "textDocument/rename",
    "textDocument/completion",
    "$/cancelRequest",
    "$/setTrace",
    "$/fuzz",
    "initialize",
    "initialized",
    "workspace/didChangeWatchedFiles",
    "",
    "nonsense",
];

const KEYS: &[&str] = &[
    "jsonrpc", "id", "method", "params", "result", "error", "textDocument", "uri", "position",
    "line", "character", "text", "contentChanges", "range", "start", "end", "version",
    "languageId", "code", "message", "changes", "", "é",
];

const STRINGS: &[&str] = &[
    "file:///fuzz/other.txt",
    "file:///fuzz/other.md",
    "plaintext",
    "markdown",
    "2.0",
    "MOSCOW, March 3 (AP) — ",
    "\\\"quoted,\\\" she said.",
    "\\ud800",
    "\\udc00x",
    "\\ud83d\\ude00",
    "\\u0000",
    "\\n\\r\\n\\t",
    "\\\\ud800",
    "東京",
    "Content-Length: 12",
    "",
];

const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "-0",
    "1.5",
    "1e400",
    "-1e-7",
    "2147483648",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890",
];

impl FrameFuzzer {
    fn below(&mut self, n: usize) -> usize {
        self.rng.random_range(0..n)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn bytes(&mut self, max: usize) -> Vec<u8> {
        let n = self.below(max + 1);
        (0..n).map(|_| self.rng.random::<u8>()).collect()
    }

    /// JSON text of any shape, written by hand so that it can hold what serde would not write.
    fn json(&mut self, depth: usize) -> String {
        match self.below(if depth > 3 { 4 } else { 6 }) {
            0 => self.pick(&["null", "true", "false"]).to_string(),
            1 => self.pick(NUMBERS).to_string(),
            2 | 3 => format!("\"{}\"", self.pick(STRINGS)),
            4 => {
                let items: Vec<String> = (0..self.below(4)).map(|_| self.json(depth + 1)).collect();
                format!("[{}]", items.join(","))
            }
            _ => {
                let fields: Vec<String> = (0..self.below(5))
                    .map(|_| format!("\"{}\":{}", self.pick(KEYS), self.json(depth + 1)))
                    .collect();
                format!("{{{}}}", fields.join(","))
            }
        }
    }

    /// Something shaped like a JSON-RPC message, right or wrong in every field.
    fn message(&mut self) -> String {
        let mut fields = Vec::new();
        match self.below(8) {
            0 => {}
            1 => fields.push(format!("\"jsonrpc\":{}", self.json(3))),
            _ => fields.push("\"jsonrpc\":\"2.0\"".to_string()),
        }
        match self.below(6) {
            0 => {}
            1 => fields.push(format!("\"id\":{}", self.json(3))),
            2 => fields.push(format!("\"id\":\"fuzz-{}\"", self.below(1000))),
            _ => fields.push(format!("\"id\":{}", 1_000_000_000 + self.below(1000))),
        }
        match self.below(8) {
            0 => {}
            1 => fields.push(format!("\"method\":{}", self.json(3))),
            _ => fields.push(format!("\"method\":\"{}\"", self.pick(METHODS))),
        }
        for key in ["params", "result", "error", "method"] {
            if self.below(4) == 0 {
                fields.push(format!("\"{key}\":{}", self.json(0)));
            }
        }
        // Any order.
        for i in (1..fields.len()).rev() {
            let j = self.below(i + 1);
            fields.swap(i, j);
        }
        format!("{{{}}}", fields.join(","))
    }

    fn framed(body: &[u8]) -> Vec<u8> {
        let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn frame(&mut self) -> Vec<u8> {
        match self.below(12) {
            // Random bytes, framed or not.
            0 => self.bytes(64),
            1 => {
                let body = self.bytes(64);
                Self::framed(&body)
            }
            // A header cut anywhere.
            2 => {
                let whole = Self::framed(self.message().as_bytes());
                let cut = self.below(whole.len());
                whole[..cut].to_vec()
            }
            // A length that is wrong, huge, negative or not a number.
            3 => {
                let body = self.message();
                let length = match self.below(5) {
                    0 => (body.len() + self.below(40)).to_string(),
                    1 => body.len().saturating_sub(1 + self.below(20)).to_string(),
                    2 => self.pick(&["18446744073709551615", "268435457", "-1", "99999999999999999999999", "0x10", ""]).to_string(),
                    3 => format!("{} ", body.len()),
                    _ => "1000000000".to_string(),
                };
                let mut out = format!("Content-Length: {length}\r\n\r\n").into_bytes();
                out.extend_from_slice(body.as_bytes());
                out
            }
            // Extra and odd headers.
            4 => {
                let body = self.message();
                let header = self.pick(&[
                    "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n",
                    "Content-Type: text/plain\r\n",
                    "X-A: 1\r\nX-B: 2\r\nX-C: 3\r\n",
                    "no colon here\r\n",
                    "\r\n",
                ]);
                let mut out = header.as_bytes().to_vec();
                out.extend(Self::framed(body.as_bytes()));
                out
            }
            // Valid JSON of any shape.
            5 | 6 => Self::framed(self.json(0).as_bytes()),
            // JSON-RPC messages, well-formed or not.
            7..=9 => Self::framed(self.message().as_bytes()),
            // Deep nesting, invalid UTF-8, stray line breaks.
            10 => {
                let depth = 100 + self.below(3000);
                let body = match self.below(3) {
                    0 => format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
                    1 => format!(r#"{{"jsonrpc":"2.0","method":"x","params":{}1{}}}"#, "{\"a\":".repeat(depth), "}".repeat(depth)),
                    _ => "[".repeat(depth),
                };
                Self::framed(body.as_bytes())
            }
            _ => {
                let mut body = self.message().into_bytes();
                let at = self.below(body.len() + 1);
                let junk = self.pick(&["\u{FFFD}", "\n", "\r\n\r\n"]).as_bytes().to_vec();
                body.splice(at..at, [0xff, 0xc3].into_iter().take(1 + self.below(2)).chain(junk));
                Self::framed(&body)
            }
        }
    }
}

#[test]
fn protocol_fuzzer_never_stops_the_server() {
    let frames = fuzz_size(3_000, 100_000);
    let batch = 100;
    let mut fuzzer = FrameFuzzer {
        rng: fuzz_rng("protocol_fuzzer_never_stops_the_server"),
    };
    let mut lsp = open_story();
    let started = Instant::now();
    let mut version = 1;
    for sent in (0..frames).step_by(batch) {
        let mut bytes = Vec::new();
        for _ in sent..(sent + batch).min(frames) {
            bytes.extend(fuzzer.frame());
        }
        lsp.stdin_write(&bytes);
        version += 1;
        still_serving(&mut lsp, version);
        lsp.forget_backlog();
    }
    println!("{frames} frames in {:?}", started.elapsed());
    assert!(lsp.shutdown_and_exit().success());
}

/// On a pipe, the server widens its stdout to 1 MiB, so that a long draft's diagnostics go out
/// without waiting for the client to read each 64 KiB (Linux only: the call is Linux's).
#[cfg(target_os = "linux")]
#[test]
fn the_pipe_to_the_client_is_widened() {
    use std::io::{BufRead, BufReader, Write};
    use std::os::fd::AsRawFd;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
    let mut stdin = child.stdin.take().unwrap();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
    // Once it answers, its stdout is set up.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut header = String::new();
    stdout.read_line(&mut header).unwrap();
    assert!(header.starts_with("Content-Length:"), "{header}");
    // SAFETY: F_GETPIPE_SZ reads the size of the pipe behind a descriptor we hold.
    let size = unsafe { libc::fcntl(stdout.get_ref().as_raw_fd(), libc::F_GETPIPE_SZ) };
    drop(stdin);
    let _ = child.kill();
    let _ = child.wait();
    // 1 MiB is the system's default limit (a machine that lowered it refuses the call unless the
    // server runs as root, so the pipe keeps its 64 KiB there).
    let limit: i32 = std::fs::read_to_string("/proc/sys/fs/pipe-max-size").map_or(1 << 20, |s| s.trim().parse().unwrap_or(1 << 20));
    let expected = if limit >= 1 << 20 { vec![1 << 20] } else { vec![1 << 16, 1 << 20] };
    assert!(expected.contains(&size), "the pipe holds {size} bytes");
}
