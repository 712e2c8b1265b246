//! Feeds arbitrary bytes, in arbitrary chunks, to the LSP server's frame decoder (what stands
//! between stdin and tower-lsp). It must not panic, must hold no more than a frame's worth of
//! bytes, must pass on only messages tower-lsp decodes, must answer only with JSON-RPC errors,
//! and must pass on two good frames that follow whatever came before.
//!
//!     cargo +nightly fuzz run transport

#![no_main]

use copydesk::lsp::framing::{Decoder, Event};
use libfuzzer_sys::fuzz_target;
use tower_lsp_server::jsonrpc::{Request, Response};

/// A small limit, so that the fuzzer reaches the over-limit path.
const LIMIT: usize = 1 << 12;
const PING: &[u8] = br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#;

fn split_frame(frame: &[u8]) -> (&[u8], &[u8]) {
    let head_end = frame.windows(4).position(|w| w == b"\r\n\r\n").expect("a header") + 4;
    (&frame[..head_end], &frame[head_end..])
}

fn check(event: Event, forwarded: &mut Vec<Vec<u8>>) {
    match event {
        Event::Forward(frame) => {
            let (head, body) = split_frame(&frame);
            assert_eq!(head, format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
            assert!(
                serde_json::from_slice::<Response>(body).is_ok()
                    || serde_json::from_slice::<Request>(body).is_ok(),
                "tower-lsp cannot decode {:?}",
                String::from_utf8_lossy(body)
            );
            forwarded.push(body.to_vec());
        }
        Event::Reply(frame) => {
            let (_, body) = split_frame(&frame);
            let reply: serde_json::Value = serde_json::from_slice(body).expect("JSON reply");
            let code = reply["error"]["code"].as_i64().expect("an error reply");
            assert!([-32700, -32600, -32601].contains(&code), "{reply}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&chunk, input)) = data.split_first() else { return };
    let chunk = usize::from(chunk).max(1);
    let mut decoder = Decoder::with_limit(LIMIT);
    let mut forwarded = Vec::new();
    let mut tail = input.to_vec();
    for _ in 0..2 {
        tail.extend_from_slice(format!("Content-Length: {}\r\n\r\n", PING.len()).as_bytes());
        tail.extend_from_slice(PING);
    }
    for piece in tail.chunks(chunk) {
        decoder.push(piece);
        while let Some(event) = decoder.next_event() {
            check(event, &mut forwarded);
        }
        assert!(decoder.buffered() <= LIMIT + chunk + (8 << 10), "{} held", decoder.buffered());
    }
    assert!(forwarded.len() >= 2 && forwarded[forwarded.len() - 2..] == [PING, PING]);
});
