//! Which message bodies may reach tower-lsp, and what the others are answered.
//!
//! tower-lsp-server decodes each body as a JSON-RPC request or response, and its reader ends the
//! stream (so the server exits) at the first body it cannot decode, whatever the reason: a body
//! that is JSON but not an object, a `jsonrpc` other than `"2.0"`, an id that is a float, a
//! duplicate `method`, nesting deeper than serde_json's 128 levels, a lone surrogate escape. So
//! every body is judged here first, with the same deserialiser and the same field types, and
//! only those tower-lsp will decode are passed on; the rest get the JSON-RPC error the spec
//! names, with `id: null` (the spec's answer when the id cannot be trusted).
//!
//! Two repairs come first. A lone UTF-16 surrogate escape (`"\ud800"`, which JavaScript's
//! `JSON.stringify` writes for a string holding half a pair) becomes `"\ufffd"`, as editors show
//! it. And a request in the `$/` namespace is answered `-32601` here: tower-lsp drops its
//! method-not-found reply for such methods, as is right for notifications but not for requests.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use tower_lsp_server::jsonrpc::{Error as RpcError, Id};

pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;
pub const METHOD_NOT_FOUND: i64 = -32601;

/// What to do with one message body.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// tower-lsp decodes it: pass it on (after [`judge`]'s in-place repairs).
    Forward,
    /// Do not pass it on; send this JSON-RPC response body instead.
    Answer(Vec<u8>),
}

/// Judges a body, first replacing lone surrogate escapes in it (in place; the length is kept).
/// A body that is not passed on is left as it came: its bytes may be the next frame's header,
/// swallowed by a wrong length, which the caller then looks for.
pub fn judge(body: &mut [u8]) -> Verdict {
    if std::str::from_utf8(body).is_err() {
        return error_reply(PARSE_ERROR, "Parse error: not UTF-8", None);
    }
    let replaced = replace_lone_surrogates(body);
    let verdict = judge_repaired(body);
    if verdict != Verdict::Forward {
        for (at, hex) in replaced {
            body[at..at + 4].copy_from_slice(&hex);
        }
    }
    verdict
}

fn judge_repaired(body: &[u8]) -> Verdict {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        // serde would take an array as a struct's fields in order; JSON-RPC wants an object.
        // `IgnoredAny` walks any depth without recursing.
        return match serde_json::from_slice::<IgnoredAny>(body) {
            Ok(_) => error_reply(INVALID_REQUEST, "Invalid request: not a JSON object", None),
            Err(_) => error_reply(PARSE_ERROR, "Parse error", None),
        };
    }
    let envelope = match serde_json::from_slice::<Envelope>(body) {
        Ok(envelope) => envelope,
        Err(e) if e.is_data() => {
            return error_reply(INVALID_REQUEST, &format!("Invalid request: {e}"), None)
        }
        Err(e) => return error_reply(PARSE_ERROR, &format!("Parse error: {e}"), None),
    };
    if envelope.jsonrpc != "2.0" {
        return error_reply(INVALID_REQUEST, "Invalid request: jsonrpc must be \"2.0\"", None);
    }
    // tower-lsp tries a response first: an id with a result, or with a well-formed error.
    let is_response = envelope.id.is_some()
        && (envelope.result.is_some()
            || envelope
                .error
                .is_some_and(|e| RpcError::deserialize(e).is_ok()));
    if is_response {
        return Verdict::Forward;
    }
    match (envelope.method, envelope.id) {
        (Some(method), Some(id)) if method.starts_with("$/") => error_reply(
            METHOD_NOT_FOUND,
            &format!("Method not found: {method}"),
            Some(&id),
        ),
        (Some(_), _) => Verdict::Forward,
        (None, _) => error_reply(
            INVALID_REQUEST,
            "Invalid request: no method, and not a response",
            None,
        ),
    }
}

/// The fields tower-lsp's `Request` and `Response` read, typed as they type them. Every field
/// is read with [`present`], so that `null` is checked as the field's type, as tower-lsp does
/// (an absent field is `None`). A repeated field fails, as it does there.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    jsonrpc: Cow<'a, str>,
    #[serde(default, borrow, deserialize_with = "present")]
    method: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Id>,
    #[serde(default, deserialize_with = "present")]
    #[allow(dead_code)] // read only to check it
    params: Option<AnyJson>,
    #[serde(default, deserialize_with = "present")]
    result: Option<AnyJson>,
    /// Small; kept whole to check it as tower-lsp's error object.
    #[serde(default, deserialize_with = "present")]
    error: Option<serde_json::Value>,
}

fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// Any JSON value, walked as tower-lsp's `Value` would be (so the same depth limit, string
/// escapes and number ranges apply) but kept nowhere.
struct AnyJson;

impl<'de> Deserialize<'de> for AnyJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<AnyJson, D::Error> {
        d.deserialize_any(AnyJsonVisitor)
    }
}

struct AnyJsonVisitor;

impl<'de> Visitor<'de> for AnyJsonVisitor {
    type Value = AnyJson;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<AnyJson, E> {
        Ok(AnyJson)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<AnyJson, E> {
        Ok(AnyJson)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<AnyJson, E> {
        Ok(AnyJson)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<AnyJson, E> {
        Ok(AnyJson)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<AnyJson, E> {
        Ok(AnyJson)
    }
    fn visit_unit<E: de::Error>(self) -> Result<AnyJson, E> {
        Ok(AnyJson)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<AnyJson, A::Error> {
        while seq.next_element::<AnyJson>()?.is_some() {}
        Ok(AnyJson)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnyJson, A::Error> {
        while map.next_entry::<Key, AnyJson>()?.is_some() {}
        Ok(AnyJson)
    }
}

/// An object key: a string, checked and dropped.
struct Key;

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        d.deserialize_str(AnyJsonVisitor).map(|_| Key)
    }
}

/// A whole JSON-RPC error response body.
pub fn error_reply(code: i64, message: &str, id: Option<&Id>) -> Verdict {
    let reply = serde_json::json!({
        "jsonrpc": "2.0",
        "error": {"code": code, "message": message},
        "id": id.unwrap_or(&Id::Null),
    });
    Verdict::Answer(serde_json::to_vec(&reply).unwrap_or_default())
}

/// Rewrites each `\uXXXX` escape of a UTF-16 surrogate that has no partner into `\ufffd`, the
/// replacement character: same length, so the body's framing is untouched. Only `\u` is searched
/// for (a large draft's text has a `\n` escape every paragraph, but few `\u`); a backslash starts
/// an escape when an even number of backslashes come before it, since backslashes occur in JSON
/// only inside strings, each starting an escape.
/// Returns where each replaced escape's four hex digits were, and what they were.
pub fn replace_lone_surrogates(body: &mut [u8]) -> Vec<(usize, [u8; 4])> {
    let mut replaced = Vec::new();
    let Some(escapes) = unicode_escapes(body) else {
        return replaced;
    };
    let mut replace = |body: &mut [u8], escape: usize| {
        let hex = escape + 2..escape + 6;
        let mut old = [0; 4];
        old.copy_from_slice(&body[hex.clone()]);
        replaced.push((hex.start, old));
        body[hex].copy_from_slice(b"fffd");
    };
    let mut paired_until = 0;
    for escape in escapes {
        let backslashes_before = body[..escape].iter().rev().take_while(|&&b| b == b'\\').count();
        if escape < paired_until || backslashes_before % 2 == 1 {
            continue; // the low half of a pair, or `\\u...`: an escaped backslash, then text
        }
        match unicode_escape(body, escape) {
            Some(0xD800..=0xDBFF) => match unicode_escape(body, escape + 6) {
                Some(0xDC00..=0xDFFF) => paired_until = escape + 12,
                _ => replace(body, escape),
            },
            Some(0xDC00..=0xDFFF) => replace(body, escape),
            _ => {}
        }
    }
    replaced
}

/// Where `\u` occurs in a body, if it is text and has any; found with the standard library's
/// string search (quick even in a debug build, where a 10 MB draft is a test case).
fn unicode_escapes(body: &[u8]) -> Option<Vec<usize>> {
    let text = std::str::from_utf8(body).ok()?;
    let found: Vec<usize> = text.match_indices("\\u").map(|(at, _)| at).collect();
    (!found.is_empty()).then_some(found)
}

/// The code unit of a `\uXXXX` escape starting at `at`, if one does.
fn unicode_escape(body: &[u8], at: usize) -> Option<u16> {
    let escape = body.get(at..at + 6)?;
    if escape[0] != b'\\' || escape[1] != b'u' {
        return None;
    }
    let hex = std::str::from_utf8(&escape[2..]).ok()?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u16::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn verdict(body: &str) -> (Verdict, String) {
        let mut bytes = body.as_bytes().to_vec();
        let v = judge(&mut bytes);
        (v, String::from_utf8(bytes).unwrap())
    }

    fn answer(body: &str) -> Value {
        match verdict(body).0 {
            Verdict::Answer(reply) => serde_json::from_slice(&reply).unwrap(),
            Verdict::Forward => panic!("{body} was passed on"),
        }
    }

    /// What tower-lsp does with a body: decodes it as a response, else as a request.
    fn tower_decodes(body: &str) -> bool {
        use tower_lsp_server::jsonrpc::{Request, Response};
        serde_json::from_str::<Response>(body).is_ok() || serde_json::from_str::<Request>(body).is_ok()
    }

    #[test]
    fn json_that_is_not_json_rpc_is_answered_and_not_passed_on() {
        let deep = format!(
            r#"{{"jsonrpc":"2.0","method":"x","params":{}{}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        for (body, code) in [
            ("[]", INVALID_REQUEST),
            ("{}", INVALID_REQUEST),
            ("\"str\"", INVALID_REQUEST),
            ("123", INVALID_REQUEST),
            ("null", INVALID_REQUEST),
            (r#"[{"jsonrpc":"2.0","method":"x"}]"#, INVALID_REQUEST),
            (r#"{"jsonrpc":"1.0","method":"x"}"#, INVALID_REQUEST),
            (r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, INVALID_REQUEST),
            (r#"{"jsonrpc":"2.0","id":{},"method":"x"}"#, INVALID_REQUEST),
            (r#"{"jsonrpc":"2.0","id":18446744073709551615,"method":"x"}"#, INVALID_REQUEST),
            (r#"{"jsonrpc":"2.0","method":"a","method":"b"}"#, INVALID_REQUEST),
            (r#"{"jsonrpc":"2.0","method":null}"#, INVALID_REQUEST),
            (r#"{"jsonrpc":"2.0","method":"x","params":1e400}"#, PARSE_ERROR),
            (&deep, PARSE_ERROR),
            ("{x}", PARSE_ERROR),
            ("", PARSE_ERROR),
        ] {
            let reply = answer(body);
            assert_eq!(reply["error"]["code"], code, "{body}: {reply}");
            assert_eq!(reply["id"], Value::Null, "{body}");
            assert!(!tower_decodes(body), "tower-lsp would have read {body}");
        }
        // tower-lsp would read these (serde takes an array as a struct's fields; a missing
        // method is read as ""), but JSON-RPC asks for an object with a method.
        for body in [r#"["2.0","shutdown",null,1]"#, r#"{"jsonrpc":"2.0","id":3}"#] {
            let reply = answer(body);
            assert_eq!(reply["error"]["code"], INVALID_REQUEST, "{body}");
        }
    }

    #[test]
    fn invalid_utf8_in_a_string_is_a_parse_error() {
        let mut body = br#"{"jsonrpc":"2.0","method":"x","params":{"t":"a\xff"}}"#.to_vec();
        let Verdict::Answer(reply) = judge(&mut body) else {
            panic!("passed on")
        };
        assert_eq!(serde_json::from_slice::<Value>(&reply).unwrap()["error"]["code"], PARSE_ERROR);
    }

    #[test]
    fn requests_notifications_and_responses_pass() {
        for body in [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
            r#"{"jsonrpc":"2.0","id":"a","method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":null,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","method":"initialized","params":{},"extra":[1,{"k":null}]}"#,
            r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#,
            r#"{"jsonrpc":"2.0","id":4,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":4,"error":{"code":-1,"message":"no"}}"#,
            "  \n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}  ",
        ] {
            assert_eq!(verdict(body).0, Verdict::Forward, "{body}");
            assert!(tower_decodes(body), "{body}");
        }
    }

    #[test]
    fn a_body_not_passed_on_is_left_as_it_came() {
        let original = r#"{"jsonrpc":"1.0","method":"x","params":"\ud800"}"#;
        let (verdict, after) = verdict(original);
        assert!(matches!(verdict, Verdict::Answer(_)));
        assert_eq!(after, original);
    }

    #[test]
    fn dollar_requests_are_answered_method_not_found_with_their_id() {
        let reply = answer(r#"{"jsonrpc":"2.0","id":7,"method":"$/something"}"#);
        assert_eq!(reply["error"]["code"], METHOD_NOT_FOUND);
        assert_eq!(reply["id"], 7);
        let reply = answer(r#"{"jsonrpc":"2.0","id":"s","method":"$/cancelRequest","params":{}}"#);
        assert_eq!(reply["id"], "s");
    }

    #[test]
    fn lone_surrogates_become_replacement_characters_and_pairs_stay() {
        let (v, repaired) = verdict(
            r#"{"jsonrpc":"2.0","method":"x","params":{"t":"a\ud800b\uDC00c\ud83d\ude00d\\ud800\ud800\ud800\ud83d\ude00"}}"#,
        );
        assert_eq!(v, Verdict::Forward);
        assert!(tower_decodes(&repaired));
        let params: Value = serde_json::from_str(&repaired).unwrap();
        assert_eq!(
            params["params"],
            json!({"t": "a\u{FFFD}b\u{FFFD}c😀d\\ud800\u{FFFD}\u{FFFD}😀"})
        );
        // At the very end, and cut short.
        let mut tail = br#""\ud800"#.to_vec();
        assert_eq!(replace_lone_surrogates(&mut tail), [(3, *b"d800")]);
        assert_eq!(tail, br#""\ufffd"#);
        let mut short = br#""\ud8"#.to_vec();
        replace_lone_surrogates(&mut short);
        assert_eq!(short, br#""\ud8"#);
        let mut backslash_last = br#""\"#.to_vec();
        replace_lone_surrogates(&mut backslash_last);
        assert_eq!(backslash_last, br#""\"#);
        // Escaped backslashes before a `u`: an odd run is text, an even run then an escape.
        let mut runs = br#""\\ud800 \\\ud800 \\\\ud800""#.to_vec();
        replace_lone_surrogates(&mut runs);
        assert_eq!(runs, br#""\\ud800 \\\ufffd \\\\ud800""#);
    }
}
