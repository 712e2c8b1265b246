//! Property tests of the document model: random incremental edits, in both encodings, leave the
//! rope and the server's `String` mirror of it equal to a `String` edited the same way, and
//! diagnostics after the edits (with the paragraph cache warm) equal those of a fresh open of the
//! final text. One replay also goes through the real binary.

#[path = "lsp/harness.rs"]
mod harness;

use std::sync::Arc;

use proptest::prelude::*;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

use copydesk::analysis::layout::Format;
use copydesk::config::Config;
use copydesk::lsp::convert::Encoding;
use copydesk::lsp::documents::apply_changes_mirrored;
use copydesk::lsp::snapshot::{build_after, DiagnosticFields, Job, Snapshot};
use copydesk::rules::Checker;

/// Pieces with every kind of width and line break.
const PIECES: &[&str] = &[
    "a", "Lavrov", " ", ".", ",", "\n", "\n\n", "\r\n", "😀", "東京", "e\u{301}", "\"", "“", "”",
    "'", "said", "MOSCOW, ", "—",
];

fn text_strategy(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|p| p.concat())
}

/// LSP position of a byte offset in a plain string (`\r\n`, `\r` and `\n` end lines).
fn lsp_position(text: &str, byte: usize, enc: Encoding) -> Position {
    let (mut line, mut col) = (0u32, 0u32);
    let mut chars = text[..byte].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                line += 1;
                col = 0;
            }
            c => {
                col += if enc == Encoding::Utf8 {
                    c.len_utf8()
                } else {
                    c.len_utf16()
                } as u32
            }
        }
    }
    Position {
        line,
        character: col,
    }
}

/// A char boundary near `frac` of the text that is not between `\r` and `\n`.
fn boundary(text: &str, frac: f64) -> usize {
    boundary_at(text, ((text.len() as f64) * frac) as usize)
}

/// The char boundary at or before byte `at` that is not between `\r` and `\n`.
fn boundary_at(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    if at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n') {
        at -= 1;
    }
    at
}

#[derive(Debug, Clone)]
struct EditSpec {
    start: f64,
    end: f64,
    insert: String,
}

fn edit_strategy() -> impl Strategy<Value = EditSpec> {
    (0.0..=1.0f64, 0.0..=1.0f64, text_strategy(4)).prop_map(|(a, b, insert)| EditSpec {
        start: a.min(b),
        end: a.max(b),
        insert,
    })
}

/// Analyses a version of the document as the server does: diagnostics moved from the previous
/// snapshot where the edit allows, which `previous` then becomes.
fn analyse(
    checker: &mut Checker,
    previous: &mut Option<Snapshot>,
    rope: &Rope,
    text: &str,
    version: i32,
    encoding: Encoding,
) -> Vec<tower_lsp_server::ls_types::Diagnostic> {
    let uri: Uri = "file:///drafts/p.txt".parse().unwrap();
    let job = Job {
        uri,
        version,
        revision: version as u64,
        rope: rope.clone(),
        text: Arc::new(text.to_string()),
        format: Format::Plain,
        edit: None,
        config: Arc::new(Config::default()),
        encoding,
        fields: DiagnosticFields::ALL,
    };
    let snapshot = build_after(checker, job, previous.as_ref()).expect("analysis does not panic");
    // As published: the JSON reused from the last snapshot, read back.
    let published = serde_json::to_string(&snapshot.diagnostics).expect("diagnostics serialise");
    let diagnostics = serde_json::from_str(&published).expect("published diagnostics read back");
    *previous = Some(snapshot);
    diagnostics
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn rope_follows_a_string_and_cached_diagnostics_equal_fresh_ones(
        initial in text_strategy(40),
        edits in prop::collection::vec(edit_strategy(), 1..12),
        batch in 1usize..4,
        utf8 in any::<bool>(),
    ) {
        let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let mut expected = initial.clone();
        let mut rope = Rope::from_str(&initial);
        // The server's mirror of the rope, edited alongside it.
        let mut mirror = initial.clone();
        let mut checker = Checker::default();
        let mut previous = None;
        analyse(&mut checker, &mut previous, &rope, &mirror, 1, enc);
        // Edits are sent `batch` at a time in one didChange, as editors do for multi-cursor edits;
        // each change's range refers to the text the previous one left.
        for (n, chunk) in edits.chunks(batch).enumerate() {
            let mut changes = Vec::new();
            for e in chunk {
                let (start, end) = (boundary(&expected, e.start), boundary(&expected, e.end));
                let range = Range { start: lsp_position(&expected, start, enc), end: lsp_position(&expected, end, enc) };
                changes.push(TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: e.insert.clone() });
                expected.replace_range(start..end, &e.insert);
            }
            apply_changes_mirrored(&mut rope, &mut mirror, &changes, enc);
            prop_assert_eq!(rope.to_string(), expected.clone());
            prop_assert_eq!(&mirror, &expected);
            let cached = analyse(&mut checker, &mut previous, &rope, &mirror, n as i32 + 2, enc);
            let fresh = analyse(&mut Checker::default(), &mut None, &Rope::from_str(&expected), &expected, 1, enc);
            prop_assert_eq!(cached, fresh);
        }
        let cached = analyse(&mut checker, &mut previous, &rope, &mirror, 99, enc);
        let fresh = analyse(&mut Checker::default(), &mut None, &Rope::from_str(&expected), &expected, 99, enc);
        prop_assert_eq!(cached, fresh);
    }
}

/// The same through the real binary, on a fixed sequence: the text after typing and deleting
/// across emoji, CJK and line breaks gives the diagnostics of a fresh open of the final text.
#[test]
fn server_replay_matches_a_fresh_open() {
    use harness::*;
    let mut lsp = Lsp::start();
    let uri = "file:///drafts/replay.txt";
    let mut text = String::from("東京 😀 officials met.\n\n\"We agreed,\" Lavrov said.\r\nMore.\n");
    lsp.open(uri, &text);
    lsp.diagnostics(uri, 1);
    let mut version = 1;
    for (k, (frac_a, frac_b, insert)) in [
        (0.0, 0.0, "Talks "),
        (0.3, 0.5, "é"),
        (0.9, 1.0, "\n\nNew 東 paragraph."),
        (0.1, 0.2, ""),
        (0.5, 0.5, "😀\r\n"),
    ]
    .into_iter()
    .enumerate()
    {
        let (start, end) = (boundary(&text, frac_a), boundary(&text, frac_b));
        let s = lsp_position(&text, start, Encoding::Utf16);
        let e = lsp_position(&text, end, Encoding::Utf16);
        version += 1;
        lsp.change(
            uri,
            version,
            vec![edit(s.line, s.character, e.line, e.character, insert)],
        );
        text.replace_range(start..end, insert);
        if k % 2 == 1 {
            lsp.diagnostics(uri, version as i64);
        }
    }
    let after_edits = lsp.diagnostics(uri, version as i64);
    lsp.open("file:///drafts/fresh.txt", &text);
    assert_eq!(after_edits, lsp.diagnostics("file:///drafts/fresh.txt", 1));
    assert_eq!(lsp.pull_diagnostics(uri), after_edits);
}

/// A finding in terms both sides share: code, severity, byte span, message.
type Finding = (String, String, usize, usize, String);

/// What `copydesk check --format json` finds in a text (read from stdin, in an empty folder so
/// that no configuration file applies).
fn check_findings(text: &str) -> Vec<Finding> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    // One folder per call, removed after it: tests run side by side, and /tmp keeps nothing.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("copydesk-edit-fuzz-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "json", "-"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let _ = std::fs::remove_dir(&dir);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check's output is not one JSON object: {e}"));
    let mut findings: Vec<Finding> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    findings.sort();
    findings
}

/// The server's diagnostics in the same terms, positions turned back into byte offsets.
fn server_findings(text: &str, diagnostics: &[serde_json::Value], utf8: bool) -> Vec<Finding> {
    let mut findings: Vec<Finding> = diagnostics
        .iter()
        .map(|d| {
            let severity = ["error", "warning", "info", "hint"][d["severity"].as_u64().unwrap() as usize - 1];
            (
                d["code"].as_str().unwrap().to_string(),
                severity.to_string(),
                harness::pos_to_offset(text, &d["range"]["start"], utf8),
                harness::pos_to_offset(text, &d["range"]["end"], utf8),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    findings.sort();
    findings
}

/// A story of our own that most rules have something to say about.
const EDITED_STORY: &str = "BERLIN, May 6 (AP) — Finance Minister Karl Weber said on Monday that the budget would pass.\r\n\r\n\"We have the votes,\" Weber told reporters. “東京 is next,” he said 😀.\n\nOfficials said the vote was close. \"It will pass,\" one aide said.\n";

/// Random incremental edits sent to the real server, in both position encodings: after every
/// few, the diagnostics it publishes equal `copydesk check` on the same text. Small here; large
/// with `COPYDESK_FUZZ=full` (CI).
#[test]
fn server_diagnostics_after_random_edits_equal_copydesk_check() {
    use proptest::prelude::RngExt;
    let edits = harness::fuzz_size(60, 3_000);
    let mut rng = harness::fuzz_rng("server_diagnostics_after_random_edits_equal_copydesk_check");
    for (encoding, utf8) in [("utf-8", true), ("utf-16", false)] {
        let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let (mut lsp, init) = harness::Lsp::start_offering(&[encoding]);
        assert_eq!(init["capabilities"]["positionEncoding"], encoding);
        let uri = "file:///drafts/edited.txt";
        let mut text = EDITED_STORY.to_string();
        lsp.open(uri, &text);
        let mut version = 1;
        let (mut compared, mut with_findings) = (0, 0);
        let mut sent = 0;
        while sent < edits {
            // One to three changes per notification, each relative to the text the last left.
            let mut changes = Vec::new();
            for _ in 0..rng.random_range(1..=3) {
                let (a, b) = (rng.random_range(0.0..=1.0f64), rng.random_range(0.0..=1.0f64));
                let (start, end) = (boundary(&text, a.min(b)), boundary(&text, a.max(b)));
                // Deletions of up to a sentence, insertions of a few pieces.
                let end = boundary_at(&text, end.min(start + 80)).max(start);
                let insert: String = (0..rng.random_range(0..4))
                    .map(|_| PIECES[rng.random_range(0..PIECES.len())])
                    .collect();
                let s = lsp_position(&text, start, enc);
                let e = lsp_position(&text, end, enc);
                changes.push(harness::edit(s.line, s.character, e.line, e.character, &insert));
                text.replace_range(start..end, &insert);
                sent += 1;
            }
            version += 1;
            lsp.change(uri, version, changes);
            if version % 5 == 0 || sent >= edits {
                let published = lsp.diagnostics(uri, version as i64);
                let expected = check_findings(&text);
                assert_eq!(
                    server_findings(&text, &published, utf8),
                    expected,
                    "{encoding}, version {version}, text {text:?}"
                );
                compared += 1;
                with_findings += usize::from(!expected.is_empty());
            }
        }
        assert!(compared >= edits / 15, "only {compared} comparisons");
        assert!(with_findings * 2 >= compared, "{with_findings} of {compared} texts had findings");
        assert!(lsp.shutdown_and_exit().success());
    }
}

/// A long draft's keystrokes are made in a copy of the text that the server prepares after
/// publishing (`Spare::prepare`): typed one at a time, with time for that copy between them,
/// here and there in the draft, the diagnostics still equal `copydesk check` on the same text.
#[test]
fn keystrokes_in_a_long_draft_leave_the_server_text_true() {
    let (mut lsp, _) = harness::Lsp::start_offering(&["utf-16"]);
    let uri = "file:///drafts/long.txt";
    let mut text = EDITED_STORY.repeat((1 << 20) / EDITED_STORY.len() + 1);
    lsp.open(uri, &text);
    lsp.diagnostics_within(uri, 1, std::time::Duration::from_secs(120));
    let typed = [(0.5, "x"), (0.5, "\"Quoted"), (0.1, " said"), (0.9, "\n\n"), (0.0, "MOSCOW, May 2 (TASS) — ")];
    for (version, (at, piece)) in (2..).zip(typed) {
        std::thread::sleep(std::time::Duration::from_millis(200));
        let at = boundary(&text, at);
        let p = lsp_position(&text, at, Encoding::Utf16);
        text.insert_str(at, piece);
        lsp.change(uri, version, vec![harness::edit(p.line, p.character, p.line, p.character, piece)]);
        let published = lsp.diagnostics_within(uri, version as i64, std::time::Duration::from_secs(120));
        // Compared at the end (a check of a long draft takes seconds in a debug build): a text
        // that went wrong on the way stays wrong.
        if version == 6 {
            assert_eq!(server_findings(&text, &published, false), check_findings(&text));
        }
    }
    assert!(lsp.shutdown_and_exit().success());
}
