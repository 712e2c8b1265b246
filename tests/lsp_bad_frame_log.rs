//! A client that writes a flood of bad frames gets every one answered, but stderr and the
//! editor's log (`window/logMessage`) get the first 10 one by one and then a count per 5 s, or
//! at the end of input: not one line per frame (issue 13).

#[path = "lsp/harness.rs"]
mod harness;

use std::io::{BufRead, BufReader};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use harness::*;
use serde_json::{json, Value};

const PER_FRAME: &str = "answered a message that is not JSON-RPC:";

/// The server's stderr, line by line.
fn stderr_lines(lsp: &mut Lsp) -> Receiver<String> {
    let stderr = lsp.take_stderr().expect("stderr piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Lines read until one contains `needle` (included); panics after `timeout`.
fn lines_until(rx: &Receiver<String>, needle: &str, timeout: Duration) -> Vec<String> {
    let deadline = Instant::now() + timeout;
    let mut lines = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                let done = line.contains(needle);
                lines.push(line);
                if done {
                    return lines;
                }
            }
            Err(_) => panic!("no line with {needle:?} in {lines:#?}"),
        }
    }
}

fn flood(lsp: &mut Lsp, frames: usize) {
    for _ in 0..frames {
        lsp.send_raw(b"[]");
    }
}

fn is_error_reply(m: &Value) -> bool {
    m["id"].is_null() && m["error"]["code"] == -32600
}

#[test]
fn a_flood_of_bad_frames_is_logged_ten_times_then_counted_every_five_seconds() {
    let mut lsp = Lsp::spawn_capturing_stderr(&[]);
    let stderr = stderr_lines(&mut lsp);
    lsp.initialize(capabilities(&["utf-16"]));
    flood(&mut lsp, 200);
    let lines = lines_until(&stderr, "answered 190 more messages that are not JSON-RPC in the last 5 s", Duration::from_secs(15));
    let per_frame = lines.iter().filter(|l| l.contains(PER_FRAME)).count();
    assert_eq!(per_frame, 10, "{lines:#?}");
    // Every frame was still answered.
    for _ in 0..200 {
        lsp.wait_for(is_error_reply, "an error reply");
    }
    // The editor's log got the same: ten lines, then the count.
    lsp.wait_for(
        |m| m["method"] == "window/logMessage" && m["params"]["message"].as_str().is_some_and(|t| t.contains("190 more")),
        "the count in the editor's log",
    );
    // (every line before the count has been read by now)
    let per_frame_message = |m: &Value| {
        m["method"] == "window/logMessage" && m["params"]["message"].as_str().is_some_and(|t| t.contains(PER_FRAME))
    };
    for _ in 0..10 {
        lsp.wait_for(per_frame_message, "a per-frame line in the editor's log");
    }
    assert!(!lsp.has_received(per_frame_message), "more than 10 per-frame lines in the editor's log");
    // And the server goes on.
    let hover = lsp.request("textDocument/hover", json!({"textDocument": {"uri": "file:///none.txt"}, "position": pos(0, 0)}));
    assert!(hover.get("error").is_none(), "{hover}");
    assert!(lsp.shutdown_and_exit().success());
}

#[test]
fn the_count_is_written_at_the_end_of_input() {
    let mut lsp = Lsp::spawn_capturing_stderr(&[]);
    let stderr = stderr_lines(&mut lsp);
    lsp.initialize(capabilities(&["utf-16"]));
    flood(&mut lsp, 100);
    lsp.close_stdin();
    let lines = lines_until(&stderr, "answered 90 more messages that are not JSON-RPC before the end of input", Duration::from_secs(10));
    assert_eq!(lines.iter().filter(|l| l.contains(PER_FRAME)).count(), 10, "{lines:#?}");
    lsp.wait_exit();
}
