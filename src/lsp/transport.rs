//! A guard around stdio, between the client and tower-lsp.
//!
//! tower-lsp-server reads with tokio-util's `FramedRead`, which ends the stream after the first
//! frame it cannot decode: one message that is not JSON would stop the server. So frames are read
//! here first; a body that is not JSON is answered here with a JSON-RPC parse error (`id: null`)
//! and never reaches tower-lsp. Everything else is passed through unchanged, as is every frame
//! tower-lsp writes, whole, so our replies never land inside one of its frames.

use std::sync::OnceLock;

use serde::de::IgnoredAny;
use serde::Serialize;
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, DuplexStream,
};
use tokio::sync::mpsc;
use tracing::warn;

/// Room in each in-memory pipe: large enough that a whole draft passes in a few writes.
const PIPE_BYTES: usize = 1 << 20;

/// Where whole frames for stdout go, once [`guarded_stdio`] runs (see [`send_notification`]).
static OUTBOX: OnceLock<mpsc::UnboundedSender<Vec<u8>>> = OnceLock::new();

/// Sends a notification straight to stdout, serialised from borrowed params, instead of through
/// tower-lsp's client, which takes the params by value (a copy of every diagnostic) and goes
/// through a `serde_json::Value` tree and two in-memory pipes. Returns `false`, sending nothing,
/// when stdio is not ours (tests that drive the service directly): use the client then.
pub fn send_notification(method: &str, params: &impl Serialize) -> bool {
    #[derive(Serialize)]
    struct Notification<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    let Some(outbox) = OUTBOX.get() else {
        return false;
    };
    let notification = Notification {
        jsonrpc: "2.0",
        method,
        params,
    };
    let Ok(body) = serde_json::to_vec(&notification) else {
        return false;
    };
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    // Closed only when stdout is gone, and then nobody reads it.
    let _ = outbox.send(frame);
    true
}

/// Returns the ends tower-lsp reads from and writes to, and starts the tasks that pump between
/// them and the real stdin/stdout.
pub fn guarded_stdio() -> (DuplexStream, DuplexStream) {
    let (server_in, mut to_server) = tokio::io::duplex(PIPE_BYTES);
    let (server_out, from_server) = tokio::io::duplex(PIPE_BYTES);
    // Whole frames for stdout, from tower-lsp, from the guard and from `send_notification`,
    // written by one task.
    let (out_tx, out_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let errors_tx = out_tx.clone();
    let _ = OUTBOX.set(out_tx.clone());
    tokio::spawn(async move {
        let mut stdin = BufReader::new(tokio::io::stdin());
        while let Some(frame) = read_frame(&mut stdin, Body::Checked).await {
            match frame {
                Frame::Message(raw) => {
                    if to_server.write_all(&raw).await.is_err() {
                        break;
                    }
                }
                Frame::Invalid(reason) => {
                    warn!("dropped a message that is not JSON-RPC: {reason}");
                    let _ = errors_tx.send(parse_error_frame());
                }
            }
        }
        // End of input: tower-lsp sees it and stops.
        let _ = to_server.shutdown().await;
    });
    tokio::spawn(async move {
        let mut from_server = BufReader::new(from_server);
        // tower-lsp's frames are serde's output: no need to parse each again, which for the
        // diagnostics of a large draft took a good part of a millisecond.
        while let Some(frame) = read_frame(&mut from_server, Body::Trusted).await {
            if let Frame::Message(raw) = frame {
                if out_tx.send(raw).is_err() {
                    break;
                }
            }
        }
    });
    tokio::spawn(write_output(out_rx, tokio::io::stdout()));
    (server_in, server_out)
}

enum Frame {
    /// Headers and body, exactly as received.
    Message(Vec<u8>),
    Invalid(String),
}

/// Whether a frame's body must be checked to be JSON.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    Checked,
    Trusted,
}

/// Reads one `Content-Length` frame; `None` at end of input.
async fn read_frame(input: &mut (impl AsyncBufReadExt + Unpin), body: Body) -> Option<Frame> {
    let mut raw = Vec::new();
    let mut length: Option<usize> = None;
    let mut bad_header = None;
    let mut seen_header = false;
    loop {
        let start = raw.len();
        if input.read_until(b'\n', &mut raw).await.ok()? == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&raw[start..])
            .trim_end_matches(['\r', '\n'])
            .to_string();
        if line.is_empty() {
            if seen_header {
                break;
            }
            // Stray blank lines between frames: skip them.
            raw.clear();
            continue;
        }
        seen_header = true;
        match line.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("not a header: `{line}`")),
        }
    }
    let Some(length) = length else {
        return Some(Frame::Invalid(
            bad_header.unwrap_or("no Content-Length".into()),
        ));
    };
    let head = raw.len();
    raw.resize(head + length, 0);
    input.read_exact(&mut raw[head..]).await.ok()?;
    if let Some(reason) = bad_header {
        return Some(Frame::Invalid(reason));
    }
    if body == Body::Trusted {
        return Some(Frame::Message(raw));
    }
    match serde_json::from_slice::<IgnoredAny>(&raw[head..]) {
        Ok(_) => Some(Frame::Message(raw)),
        Err(e) => Some(Frame::Invalid(e.to_string())),
    }
}

fn parse_error_frame() -> Vec<u8> {
    let body = br#"{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}"#;
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

/// Writes whole frames to stdout, flushing after each batch.
async fn write_output(
    mut frames: mpsc::UnboundedReceiver<Vec<u8>>,
    mut stdout: impl AsyncWrite + Unpin,
) {
    while let Some(frame) = frames.recv().await {
        if stdout.write_all(&frame).await.is_err() {
            return;
        }
        while let Ok(frame) = frames.try_recv() {
            if stdout.write_all(&frame).await.is_err() {
                return;
            }
        }
        if stdout.flush().await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> Vec<Result<String, String>> {
        let mut reader = BufReader::new(input);
        let mut out = Vec::new();
        while let Some(frame) = read_frame(&mut reader, Body::Checked).await {
            out.push(match frame {
                Frame::Message(raw) => Ok(String::from_utf8(raw).unwrap()),
                Frame::Invalid(reason) => Err(reason),
            });
        }
        out
    }

    #[tokio::test]
    async fn passes_json_frames_through_whole() {
        let input =
            b"Content-Length: 2\r\n\r\n{}\r\nContent-Type: x\r\ncontent-length: 7\r\n\r\n[1,2,3]";
        let got = frames(input).await;
        assert_eq!(
            got,
            [
                Ok("Content-Length: 2\r\n\r\n{}".to_string()),
                Ok("Content-Type: x\r\ncontent-length: 7\r\n\r\n[1,2,3]".to_string())
            ]
        );
    }

    #[tokio::test]
    async fn flags_bad_bodies_and_headers_and_carries_on() {
        let input = b"Content-Length: 3\r\n\r\n{x}Content-Length: many\r\n\r\ngarbage line\r\n\r\nContent-Length: 2\r\n\r\n{}";
        let got = frames(input).await;
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[0].is_err() && got[1].is_err() && got[2].is_err());
        assert_eq!(got[3], Ok("Content-Length: 2\r\n\r\n{}".to_string()));
    }

    #[tokio::test]
    async fn a_truncated_frame_ends_the_input() {
        assert!(frames(b"Content-Length: 10\r\n\r\n{}").await.is_empty());
    }
}
