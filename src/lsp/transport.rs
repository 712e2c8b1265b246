//! A guard around stdio, between the client and tower-lsp.
//!
//! tower-lsp-server reads with tokio-util's `FramedRead`, which ends the stream (and so the
//! server) after the first frame it cannot decode. So the client's bytes are cut into frames
//! here first ([`super::framing`]) and each body judged ([`super::envelope`]): tower-lsp gets
//! only messages it decodes, in frames of our own making, and everything else is answered here
//! with the JSON-RPC error the spec names. Every frame tower-lsp writes goes to stdout whole,
//! so our replies never land inside one of its frames.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc;
use tracing::warn;

use super::framing::{Decoder, Event};
use super::logging::Throttle;

/// A client writing bad frames gets each answered, but only the first few logged one by one,
/// then a count per interval: stderr and the editor's log must not fill up with them.
const BAD_FRAMES_LOGGED: u32 = 10;
const BAD_FRAMES_SUMMARY_INTERVAL: Duration = Duration::from_secs(5);

fn log_bad_frames_left_out(count: u64, interval: &str) {
    warn!("answered {count} more messages that are not JSON-RPC {interval} (not logged one by one)");
}

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

/// Room asked for in the pipe to the client, when stdout is one: what an unprivileged process may
/// ask for on Linux (`/proc/sys/fs/pipe-max-size`, 1 MiB by default).
#[cfg(target_os = "linux")]
const STDOUT_PIPE_BYTES: libc::c_int = 1 << 20;

/// Widens the pipe to the client when stdout is one (Emacs, Helix and most scripts start a server
/// on pipes; VS Code and Neovim on sockets, which this leaves alone). In the default 64 KiB the
/// writer waits for the client to read each 64 KiB of a long draft's diagnostics (0.88 MB on a
/// 10 MB draft), and those hand-offs made the slowest tenth of messages arrive about 2 ms later.
fn widen_stdout_pipe() {
    #[cfg(target_os = "linux")]
    // SAFETY: fcntl(F_SETPIPE_SZ) takes an integer and reads or writes no memory of ours. On
    // anything but a pipe, or over the system's limit, it fails and nothing changes.
    unsafe {
        libc::fcntl(libc::STDOUT_FILENO, libc::F_SETPIPE_SZ, STDOUT_PIPE_BYTES);
    }
}

/// Returns the ends tower-lsp reads from and writes to, and starts the tasks that pump between
/// them and the real stdin/stdout (an error if the thread that writes stdout cannot start).
pub fn guarded_stdio() -> std::io::Result<(DuplexStream, DuplexStream)> {
    widen_stdout_pipe();
    let (server_in, mut to_server) = tokio::io::duplex(PIPE_BYTES);
    let (server_out, from_server) = tokio::io::duplex(PIPE_BYTES);
    // Whole frames for stdout, from tower-lsp, from the guard and from `send_notification`,
    // written by one thread.
    let (out_tx, out_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    // A thread of its own rather than tokio's stdout, which hands every write to the blocking
    // pool: a 10 MB draft's diagnostics reached the client 1.3 ms later that way.
    std::thread::Builder::new()
        .name("copydesk-stdout".into())
        .spawn(move || write_frames(out_rx, std::io::stdout().lock()))?;
    let errors_tx = out_tx.clone();
    let _ = OUTBOX.set(out_tx.clone());
    tokio::spawn(async move {
        let mut stdin = tokio::io::stdin();
        let mut decoder = Decoder::default();
        let mut chunk = vec![0; 64 * 1024];
        let mut bad_frames = Throttle::new(BAD_FRAMES_LOGGED, BAD_FRAMES_SUMMARY_INTERVAL);
        let in_the_interval = format!("in the last {} s", BAD_FRAMES_SUMMARY_INTERVAL.as_secs());
        'input: loop {
            while let Some(event) = decoder.next_event() {
                match event {
                    Event::Forward(frame) => {
                        if to_server.write_all(&frame).await.is_err() {
                            break 'input;
                        }
                    }
                    Event::Reply(frame) => {
                        let now = Instant::now();
                        if let Some(count) = bad_frames.summary(now) {
                            log_bad_frames_left_out(count, &in_the_interval);
                        }
                        if bad_frames.event(now) {
                            let text = String::from_utf8_lossy(&frame);
                            let reply = text.split_once("\r\n\r\n").map_or(&*text, |(_, body)| body);
                            warn!("answered a message that is not JSON-RPC: {reply}");
                        }
                        let _ = errors_tx.send(frame);
                    }
                }
            }
            let read = match bad_frames.summary_due() {
                // The count is written when due even if the client then goes quiet. (Reading
                // stdin is cancel safe: a read cut short by the timer loses no bytes.)
                Some(due) => tokio::select! {
                    read = stdin.read(&mut chunk) => read,
                    _ = tokio::time::sleep_until(due.into()) => {
                        if let Some(count) = bad_frames.summary(Instant::now()) {
                            log_bad_frames_left_out(count, &in_the_interval);
                        }
                        continue;
                    }
                },
                None => stdin.read(&mut chunk).await,
            };
            match read {
                Ok(0) | Err(_) => break,
                Ok(n) => decoder.push(&chunk[..n]),
            }
        }
        if let Some(count) = bad_frames.flush() {
            log_bad_frames_left_out(count, "before the end of input");
        }
        // End of input: tower-lsp sees it and stops.
        let _ = to_server.shutdown().await;
    });
    tokio::spawn(async move {
        let mut from_server = BufReader::new(from_server);
        while let Some(frame) = read_trusted_frame(&mut from_server).await {
            if out_tx.send(frame).is_err() {
                break;
            }
        }
    });
    Ok((server_in, server_out))
}

/// Reads one of tower-lsp's own frames (serde's output, so not parsed again: for the
/// diagnostics of a large draft that took a good part of a millisecond); `None` at the end.
async fn read_trusted_frame(input: &mut (impl AsyncBufReadExt + Unpin)) -> Option<Vec<u8>> {
    let mut raw = Vec::new();
    let mut length = None;
    loop {
        let start = raw.len();
        if input.read_until(b'\n', &mut raw).await.ok()? == 0 {
            return None;
        }
        let line = std::str::from_utf8(&raw[start..]).ok()?.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(("Content-Length", value)) = line.split_once(": ") {
            length = value.parse::<usize>().ok();
        }
    }
    let head = raw.len();
    raw.resize(head + length?, 0);
    input.read_exact(&mut raw[head..]).await.ok()?;
    Some(raw)
}

/// Writes whole frames to stdout, flushing after each batch, until every sender is gone or
/// stdout is closed.
fn write_frames(mut frames: mpsc::UnboundedReceiver<Vec<u8>>, mut stdout: impl std::io::Write) {
    while let Some(frame) = frames.blocking_recv() {
        if stdout.write_all(&frame).is_err() {
            return;
        }
        while let Ok(frame) = frames.try_recv() {
            if stdout.write_all(&frame).is_err() {
                return;
            }
        }
        if stdout.flush().is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stdout that takes `room` bytes, then fails as a closed pipe does, counting flushes.
    struct Stdout {
        written: Vec<u8>,
        room: usize,
        flushes: usize,
    }

    impl std::io::Write for Stdout {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.room - self.written.len());
            if n == 0 && !buf.is_empty() {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            self.written.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            self.flushes += 1;
            Ok(())
        }
    }

    #[test]
    fn frames_are_written_whole_in_order_and_flushed_until_the_senders_are_gone() {
        let (tx, rx) = mpsc::unbounded_channel();
        for frame in ["Content-Length: 2\r\n\r\n{}", "Content-Length: 4\r\n\r\nnull"] {
            tx.send(frame.as_bytes().to_vec()).unwrap();
        }
        drop(tx);
        let mut stdout = Stdout { written: Vec::new(), room: usize::MAX, flushes: 0 };
        write_frames(rx, &mut stdout);
        assert_eq!(stdout.written, b"Content-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\nnull");
        assert!(stdout.flushes >= 1);
    }

    #[test]
    fn a_closed_stdout_ends_the_writer_while_senders_remain() {
        let (tx, rx) = mpsc::unbounded_channel();
        tx.send(vec![b'x'; 100]).unwrap();
        let writer = std::thread::spawn(move || {
            let mut stdout = Stdout { written: Vec::new(), room: 10, flushes: 0 };
            write_frames(rx, &mut stdout);
            stdout.written.len()
        });
        // The writer returns although `tx` is alive: it would otherwise wait for frames forever.
        assert_eq!(writer.join().unwrap(), 10);
        assert!(tx.send(vec![b'y']).is_err(), "the receiver is gone with the writer");
    }
}
