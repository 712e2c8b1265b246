//! Cuts the client's byte stream into `Content-Length` frames, whatever arrives.
//!
//! Sans-IO: bytes are [`Decoder::push`]ed in as they come and [`Decoder::next_event`] says what
//! to do, so the fuzz target and the tests drive it without a runtime. It keeps three promises:
//! - memory follows the bytes received, never a declared length: a body is stored as it
//!   arrives, and a frame declared over [`Decoder::limit`] is refused at its header;
//! - every message passed on is one tower-lsp decodes (see [`super::envelope`]), in a frame
//!   of our own making (a client's other headers, such as a `Content-Type` tower-lsp rejects,
//!   stop here);
//! - after any bad frame (a header that is not one, a missing, negative, huge or wrong length,
//!   a body that is not JSON) it answers once and resynchronises on the next
//!   `Content-Length: <digits>` line. That line cannot occur inside a well-formed JSON body (a
//!   JSON string holds no raw line break), so resynchronising never cuts a good message.

use super::envelope::{self, Verdict};

/// The largest body accepted: a 10 MB draft is about 10 MB of JSON.
pub const DEFAULT_LIMIT: usize = 256 << 20;

/// A header block longer than this is not one.
const MAX_HEADER_BYTES: usize = 8 << 10;

/// The header that starts a frame; matched without regard to case.
const CONTENT_LENGTH: &[u8] = b"content-length:";

/// Longest `Content-Length: <digits>` line [`find_resync`] recognises.
const MAX_LENGTH_LINE: usize = 80;

#[derive(Debug, PartialEq, Eq)]
pub enum Event {
    /// A whole frame for tower-lsp: our `Content-Length` header and the (repaired) body.
    Forward(Vec<u8>),
    /// A JSON-RPC response to send the client ourselves (a whole frame).
    Reply(Vec<u8>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a header block.
    Header,
    /// Header read; waiting for `length` body bytes, of which `scanned` were searched for a
    /// header line.
    Body { length: usize, scanned: usize },
    /// After a bad frame: dropping bytes up to the next `Content-Length:` line.
    Resync,
}

pub struct Decoder {
    /// Bytes received and not yet consumed start at `start`.
    buf: Vec<u8>,
    start: usize,
    state: State,
    limit: usize,
}

impl Default for Decoder {
    fn default() -> Decoder {
        Decoder::with_limit(DEFAULT_LIMIT)
    }
}

impl Decoder {
    pub fn with_limit(limit: usize) -> Decoder {
        Decoder {
            buf: Vec::new(),
            start: 0,
            state: State::Header,
            limit,
        }
    }

    /// Adds bytes as they arrive.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 && self.start >= self.buf.len() / 2 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes held (for the tests' memory bound).
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.start
    }

    /// The next thing to do, or `None` until more bytes arrive.
    pub fn next_event(&mut self) -> Option<Event> {
        loop {
            match self.state {
                State::Header => match self.read_header()? {
                    Ok(length) => self.state = State::Body { length, scanned: 0 },
                    Err(BadHeader { reason, skip }) => {
                        self.state = State::Resync;
                        self.start += skip;
                        return Some(reply(envelope::PARSE_ERROR, &reason));
                    }
                },
                State::Body { length, scanned } => {
                    let arrived = &self.buf[self.start..];
                    if arrived.len() < length {
                        // A header line inside the body means the declared length was wrong
                        // (a JSON body cannot hold one): drop the frame and start again there,
                        // rather than wait for bytes that may never come.
                        let from = scanned.saturating_sub(MAX_LENGTH_LINE);
                        if let Some(at) = find_resync(&arrived[from..]) {
                            self.start += from + at;
                            self.state = State::Header;
                            return Some(reply(envelope::PARSE_ERROR, "a header inside the body"));
                        }
                        self.state = State::Body { length, scanned: arrived.len() };
                        return None;
                    }
                    let body_start = self.start;
                    let end = body_start + length;
                    self.start = end;
                    self.state = State::Header;
                    match envelope::judge(&mut self.buf[body_start..end]) {
                        Verdict::Forward => {
                            return Some(Event::Forward(frame(&self.buf[body_start..end])))
                        }
                        Verdict::Answer(body) => {
                            // The length may have been too long, swallowing the start of the next
                            // frame, or too short: look for the next header from the body on.
                            self.start = body_start;
                            self.state = State::Resync;
                            return Some(Event::Reply(frame(&body)));
                        }
                    }
                }
                State::Resync => {
                    let pending = &self.buf[self.start..];
                    match find_resync(pending) {
                        Some(at) => {
                            self.start += at;
                            self.state = State::Header;
                        }
                        None => {
                            // Keep only a tail that may be the start of a header line.
                            let keep = pending.len().min(MAX_LENGTH_LINE);
                            self.start = self.buf.len() - keep;
                            return None;
                        }
                    }
                }
            }
        }
    }

    /// Reads a header block at `start`: `None` until it is complete, then its length or why it
    /// is not a frame. Consumes the block only when it is good.
    fn read_header(&mut self) -> Option<Result<usize, BadHeader>> {
        // Stray line breaks and spaces between frames are skipped.
        let skip = self.buf[self.start..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        self.start += skip;
        let pending = &self.buf[self.start..];
        if pending.is_empty() {
            return None;
        }
        let mut length = None;
        let mut line_start = 0;
        loop {
            let Some(newline) = memchr::memchr(b'\n', &pending[line_start..]) else {
                if pending.len() > MAX_HEADER_BYTES || !could_be_header(&pending[line_start..]) {
                    return Some(Err(BadHeader::garbage("not a frame header")));
                }
                return None;
            };
            let line_end = line_start + newline;
            // A length line that starts inside this one: the start of a frame was glued to a
            // header cut short. Not a block to trust; the search finds that frame.
            if find_resync(&pending[line_start + 1..=line_end]).is_some() {
                return Some(Err(BadHeader::garbage("a header cut short")));
            }
            let line = &pending[line_start..line_end];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            line_start = line_end + 1;
            if line_start > MAX_HEADER_BYTES {
                return Some(Err(BadHeader::garbage("header block too long")));
            }
            if line.is_empty() {
                break;
            }
            let Some(colon) = line.iter().position(|&b| b == b':') else {
                return Some(Err(BadHeader::garbage("not a frame header")));
            };
            let (name, value) = (&line[..colon], &line[colon + 1..]);
            if !name.iter().all(|b| is_token_byte(*b)) || name.is_empty() {
                return Some(Err(BadHeader::garbage("not a frame header")));
            }
            if name.eq_ignore_ascii_case(b"content-length") {
                let parsed = std::str::from_utf8(value)
                    .ok()
                    .map(str::trim)
                    .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|v| v.parse::<u64>().ok());
                match parsed {
                    Some(n) if length.is_none_or(|l| l == n) => length = Some(n),
                    Some(_) => {
                        return Some(Err(BadHeader::garbage("two different Content-Length headers")))
                    }
                    None => {
                        // Perhaps cut short, with the next frame's header on the same line.
                        let value = String::from_utf8_lossy(value);
                        let reason = format!("bad Content-Length `{}`", value.trim());
                        return Some(Err(BadHeader::garbage(&reason)));
                    }
                }
            }
        }
        let Some(length) = length else {
            return Some(Err(BadHeader::garbage("no Content-Length header")));
        };
        if length > self.limit as u64 {
            // A well-formed block: skipped whole, and its body as it comes.
            let reason = format!(
                "a message of {length} bytes is over the limit of {} bytes",
                self.limit
            );
            return Some(Err(BadHeader {
                reason,
                skip: line_start,
            }));
        }
        self.start += line_start;
        Some(Ok(length as usize))
    }
}

/// Why a header block is not a frame's, and how many of its bytes to drop before looking for
/// the next `Content-Length:` line.
struct BadHeader {
    reason: String,
    skip: usize,
}

impl BadHeader {
    /// Bytes that are not a good header block: drop one and search on from there, so that a
    /// header that follows on the same line (after a header cut short) is found.
    fn garbage(reason: &str) -> BadHeader {
        BadHeader {
            reason: reason.into(),
            skip: 1,
        }
    }
}

/// Whether an unfinished line may still become a header line.
fn could_be_header(partial: &[u8]) -> bool {
    // A lone `\r` is the start of the blank line that ends the block.
    let partial = partial.strip_suffix(b"\r").unwrap_or(partial);
    let name_end = partial.iter().position(|&b| b == b':').unwrap_or(partial.len());
    partial[..name_end].iter().all(|b| is_token_byte(*b))
}

/// The bytes HTTP allows in a header name.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Where the next `Content-Length: <digits>` line starts in `bytes`.
fn find_resync(bytes: &[u8]) -> Option<usize> {
    // By the colon, which is rare in a draft's text: the scan of a large body stays quick.
    let name_len = CONTENT_LENGTH.len() - 1;
    let mut from = 0;
    while let Some(found) = memchr::memchr(b':', &bytes[from..]) {
        let colon = from + found;
        from = colon + 1;
        let Some(at) = colon.checked_sub(name_len) else {
            continue;
        };
        if !bytes[at..colon].eq_ignore_ascii_case(&CONTENT_LENGTH[..name_len]) {
            continue;
        }
        let rest = &bytes[from..];
        let rest = &rest[..rest.len().min(MAX_LENGTH_LINE)];
        let spaces = rest.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        let digits = rest[spaces..].iter().take_while(|b| b.is_ascii_digit()).count();
        let after = &rest[spaces + digits..];
        let trailing = after.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        if digits > 0 && matches!(after.get(trailing), Some(b'\r' | b'\n')) {
            return Some(at);
        }
    }
    None
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn reply(code: i64, reason: &str) -> Event {
    match envelope::error_reply(code, &format!("Parse error: {reason}"), None) {
        Verdict::Answer(body) => Event::Reply(frame(&body)),
        Verdict::Forward => unreachable!("error_reply always answers"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn msg(body: &str) -> Vec<u8> {
        frame(body.as_bytes())
    }

    /// Feeds `input` in chunks of `chunk` bytes; returns the forwarded bodies and reply codes.
    fn run(input: &[u8], chunk: usize, limit: usize) -> (Vec<String>, Vec<i64>) {
        let mut d = Decoder::with_limit(limit);
        let (mut forwarded, mut replies) = (Vec::new(), Vec::new());
        for piece in input.chunks(chunk.max(1)) {
            d.push(piece);
            while let Some(event) = d.next_event() {
                match event {
                    Event::Forward(f) => {
                        let text = String::from_utf8(f).unwrap();
                        let body = text.split_once("\r\n\r\n").unwrap().1.to_string();
                        forwarded.push(body)
                    }
                    Event::Reply(f) => {
                        let body = &f[f.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4..];
                        let v: Value = serde_json::from_slice(body).unwrap();
                        replies.push(v["error"]["code"].as_i64().unwrap());
                    }
                }
            }
        }
        (forwarded, replies)
    }

    const PING: &str = r#"{"jsonrpc":"2.0","id":1,"method":"x"}"#;

    fn with_chunks(input: &[u8], check: impl Fn(&(Vec<String>, Vec<i64>))) {
        for chunk in [1, 2, 7, input.len()] {
            check(&run(input, chunk, DEFAULT_LIMIT));
        }
    }

    #[test]
    fn good_frames_pass_reframed_whatever_their_headers() {
        let mut input = b"Content-Type: application/vscode-jsonrpc; charset=latin1\r\nX-A: 1\r\nX-B: 2\r\ncontent-length:  37 \r\n\r\n".to_vec();
        input.extend_from_slice(PING.as_bytes());
        input.extend_from_slice(b"\r\n\n");
        input.extend(msg(PING));
        with_chunks(&input, |(fwd, replies)| {
            assert_eq!(fwd, &[PING, PING]);
            assert!(replies.is_empty());
        });
    }

    #[test]
    fn resynchronises_after_every_kind_of_bad_frame() {
        let cases: Vec<Vec<u8>> = vec![
            b"Content-Length: -5\r\n\r\n{}".to_vec(),
            b"Content-Length: many\r\n\r\n".to_vec(),
            b"garbage line\r\n\r\n".to_vec(),
            br#"{"jsonrpc":"2.0","method":"x"}"#.to_vec(), // no header at all
            b"Content-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\"}".to_vec(), // too short
            b"Content-Length: 60\r\n\r\n{}".to_vec(), // too long: swallows the next header
            b"Content-Length: 99999999999999999999999\r\n\r\n".to_vec(),
            b"Content-Length: 18446744073709551615\r\n\r\n".to_vec(),
            b"Content-Length: 1\r\nContent-Length: 2\r\n\r\n{}".to_vec(),
            b"X-No-Length: 1\r\n\r\n{}".to_vec(),
            b"\xff\xfe\x00binary\x00".to_vec(),
            // Cut short, the next frame's header arriving where the rest was expected.
            b"Content-Length: 5000\r\n\r\n{\"partial".to_vec(),
            b"Content-Length: 12".to_vec(),
            b"Content-Len".to_vec(),
            b"Content-Length: 7\r\n".to_vec(),
            b"Content-Length: 3\r\n\r\n".to_vec(),
            b"Content-Length: 0\r\n\r\n".to_vec(),
            b"X-Header: value".to_vec(),
            b"Content-Length: 100\r\nX:".to_vec(),
            // Found by `cargo fuzz run transport`.
            b"Cotent-Length: 2\r\nContentntent\x07Cnt\x07Content-Length: 22\r\nContent-u: x\x01-WypLength: s0\"}".to_vec(),
        ];
        for bad in cases {
            let mut input = bad.clone();
            input.extend(msg(PING));
            input.extend(msg(PING));
            with_chunks(&input, |(fwd, replies)| {
                assert_eq!(fwd, &[PING, PING], "after {:?}", String::from_utf8_lossy(&bad));
                assert!(!replies.is_empty(), "{:?} was not answered", String::from_utf8_lossy(&bad));
            });
        }
    }

    #[test]
    fn a_declared_length_is_not_allocated_and_over_the_limit_is_refused() {
        let mut d = Decoder::default();
        d.push(b"Content-Length: 1000000000\r\n\r\n");
        assert!(matches!(d.next_event(), Some(Event::Reply(_))));
        // Its "body" is dropped as it comes, keeping a short tail only.
        for _ in 0..1000 {
            d.push(&[b'x'; 1000]);
            assert_eq!(d.next_event(), None);
        }
        assert!(d.buffered() <= MAX_LENGTH_LINE, "{}", d.buffered());
        d.push(&msg(PING));
        assert!(matches!(d.next_event(), Some(Event::Forward(_))));
        // Under the limit, a body is held only as far as it has arrived.
        let mut d = Decoder::with_limit(1 << 20);
        d.push(b"Content-Length: 1000000\r\n\r\n");
        assert_eq!(d.next_event(), None);
        assert!(d.buffered() < 100);
        assert!(d.buf.capacity() < 4096, "{}", d.buf.capacity());
    }

    #[test]
    fn a_json_string_mentioning_content_length_is_not_a_resync_point() {
        let tricky = r#"{"jsonrpc":"2.0","method":"x","params":"Content-Length: 12 \\r\\n"}"#;
        with_chunks(&msg(tricky), |(fwd, replies)| {
            assert_eq!(fwd, &[tricky]);
            assert!(replies.is_empty());
        });
    }

    #[test]
    fn json_rpc_errors_are_answered_and_the_stream_goes_on() {
        let mut input = msg("[]");
        input.extend(msg(r#"{"jsonrpc":"2.0","id":9,"method":"$/x"}"#));
        input.extend(msg("{not json"));
        input.extend(msg(PING));
        with_chunks(&input, |(fwd, replies)| {
            assert_eq!(fwd, &[PING]);
            assert_eq!(replies, &[-32600, -32601, -32700]);
        });
    }

    /// Found by `cargo fuzz run transport`, in chunks of 67 bytes.
    #[test]
    fn fuzz_case_resynchronises() {
        let mut input = b"on\x07Cojsontent-Lentgt[]Content-Length: 41\r\n\r\n{\"jwonrpcid\"\n\r73:1,\xe4\x92\x9a\x8bhod\":\"\\ud81".to_vec();
        input.extend(msg(PING));
        input.extend(msg(PING));
        for chunk in [1, 2, 7, 67, input.len()] {
            let (fwd, _) = run(&input, chunk, 1 << 12);
            assert_eq!(fwd, [PING, PING], "chunks of {chunk}");
        }
        // The same as UTF-8: the body, 7 bytes short, ends `\ud81` and takes the `C` of the next
        // header, a lone surrogate escape to repair; the repair must not hide that header.
        let mut input = "Content-Length: 41\r\n\r\n{\"jwonrpcid\"\n\r73:1,ééhod\":\"\\ud81".as_bytes().to_vec();
        input.extend(msg(PING));
        input.extend(msg(PING));
        for chunk in [1, 2, 7, 67, input.len()] {
            let (fwd, _) = run(&input, chunk, 1 << 12);
            assert_eq!(fwd, [PING, PING], "chunks of {chunk}");
        }
    }

    /// Pieces of frames and of headers, cut anywhere.
    const FRAGMENTS: &[&[u8]] = &[
        b"Content-Length: ", b"content-length:", b"Content-Type: x", b"12", b"99999999999999999999",
        b"-3", b"\r\n", b"\n", b"\r", b"\r\n\r\n", b"{", b"}", b"\"", b"[", b"\\", b"\\ud800",
        b"\"jsonrpc\":\"2.0\"", b":", b",", b"\xff", b"\x00", b" ", b"method", b"$/x",
    ];

    proptest::proptest! {
        /// Whatever came before, two good frames that follow are passed on.
        #[test]
        fn any_garbage_is_followed_by_a_resynchronisation(
            pieces in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..40),
            chunk in 1usize..64,
        ) {
            let mut input: Vec<u8> = pieces.concat();
            input.extend(msg(PING));
            input.extend(msg(PING));
            let (fwd, _) = run(&input, chunk, DEFAULT_LIMIT);
            proptest::prop_assert!(fwd.len() >= 2 && fwd[fwd.len() - 2..] == [PING, PING], "{:?}", fwd);
        }
    }
}
