//! No input breaks the core: `analyze` and `rules::check` never panic, every span they return is
//! in range and on character boundaries, and the cached analyser agrees with a fresh one.
//!
//! Sizes: the property tests use short drafts built from the pieces that trouble a news parser
//! (every kind of quotation mark alone or in runs, CR/LF mixes, combining marks, Markdown
//! furniture, dateline and attribution fragments). The large documents (100k quotation marks, a
//! 10 MB single line) show that the analysis stays linear simply by finishing: a quadratic pass
//! over them would not finish within the test run. Timing is never asserted.
//!
//! Unoptimised code is some twenty times slower, so debug builds (plain `cargo test`) use smaller
//! sizes (10k quotation marks, a 500 KB line) to keep the suite a few seconds long; CI also runs
//! `cargo test --release --test robustness`, which uses the full sizes (100k marks, 10 MB).

use copydesk::analysis::layout::Format;
use copydesk::analysis::span::Span;
use copydesk::analysis::{analyze, Analysis, Analyzer};
use copydesk::config::Config;
use copydesk::rules::{self, Finding};
use proptest::prelude::*;

const FORMATS: [Format; 2] = [Format::Plain, Format::Markdown];

const DEBUG: bool = cfg!(debug_assertions);
/// Quotation marks in the many-marks documents.
const MANY_MARKS: usize = if DEBUG { 10_000 } else { 100_000 };
/// Size of the single-line document.
const LONG_LINE_BYTES: usize = if DEBUG { 500_000 } else { 10_000_000 };

// ---------------------------------------------------------------- invariants

fn assert_span(text: &str, span: Span, what: &str) {
    let (start, end) = (span.start as usize, span.end as usize);
    assert!(start <= end, "{what}: {span:?} ends before it starts");
    assert!(end <= text.len(), "{what}: {span:?} runs past the end ({} bytes)", text.len());
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{what}: {span:?} splits a character");
}

/// Checks every span an analysis and its findings hold.
fn assert_well_formed(text: &str, a: &Analysis, findings: &[Finding]) {
    assert_eq!(&*a.text, text);
    assert_eq!(a.scan_text.len(), text.len(), "the scan text keeps the draft's offsets");
    for block in &a.blocks {
        assert_span(text, block.span, "block");
    }
    for p in &a.paragraphs {
        assert_span(text, p.span, "paragraph");
        let par = p.span.text(text);
        let facts = &p.facts;
        let relative = facts
            .tokens
            .iter()
            .map(|t| (t.span, "token"))
            .chain(facts.sentences.iter().map(|&s| (s, "sentence")))
            .chain(facts.quote_marks.iter().map(|m| (m.span, "quote mark")))
            .chain(facts.names.iter().map(|n| (n.span, "name candidate")));
        for (span, what) in relative {
            assert_span(par, span, what);
        }
    }
    if let Some(d) = &a.dateline {
        assert_span(text, d.span, "dateline");
        assert_span(text, d.city_span, "dateline city");
        for problem in &d.problems {
            assert_span(text, problem.span, "dateline problem");
        }
    }
    for q in &a.quotes {
        assert_span(text, q.span, "quote");
        assert_span(text, q.content, "quote content");
        assert!(q.paragraph < a.paragraphs.len().max(1), "quote paragraph {}", q.paragraph);
        assert!(q.parent.map_or(true, |p| p < a.quotes.len()), "quote parent");
        if let Some(at) = &q.attribution {
            if let Some(cue) = at.cue {
                assert_span(text, cue, "cue");
            }
            if let Some(speaker) = at.speaker {
                assert_span(text, speaker.mention, "speaker");
                assert!(speaker.entity.map_or(true, |e| e < a.entities.len()), "speaker entity");
            }
        }
    }
    for issue in &a.quote_issues {
        assert_span(text, issue.span, "quote issue");
    }
    for e in &a.entities {
        for m in &e.mentions {
            assert_span(text, m.span, "mention");
        }
    }
    for f in findings {
        assert_span(text, f.span, f.code);
        assert!(rules::rule_by_code(f.code).is_some(), "unknown code {}", f.code);
        for edit in f.fixes.iter().flat_map(|fix| &fix.edits) {
            assert_span(text, edit.span, "fix");
        }
        for related in &f.related {
            assert_span(text, related.span, "related");
        }
    }
}

fn check_all_formats(text: &str) {
    for format in FORMATS {
        let analysis = analyze(text, format);
        let findings = rules::check(&analysis, &Config::default());
        assert_well_formed(text, &analysis, &findings);
    }
}

// ---------------------------------------------------------------- generated drafts

/// Every character the tokenizer may treat as a quotation mark or apostrophe, and a few lookalikes.
const QUOTE_MARKS: &[&str] = &[
    "\"", "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "‟", "‛", "`", "´", "〝", "〞", "＂", "「", "」",
];

const PIECES: &[&str] = &[
    " ", " ", " ", "\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\t", "   ", "\u{00A0}", "\u{2028}", "\u{FEFF}", "\0",
    "said", "told", "according to", "says", "he", "she", "they", "the minister", "Mr.", "Gen.", "U.S.",
    "Sept.", "St.", "J.", "3.5", "1,000", "Lavrov", "Sergey Lavrov", "Maria Okafor", "The", "We", ".", ",",
    ":", ";", "?", "!", "…", "—", "–", "-", "(", ")", "(AP)", "/TASS/.", "MOSCOW, March 29.", "LONDON (Reuters) -",
    "WASHINGTON —", "By Jane Doe", "# ", "## ", "---\n", "```", "<!--", "-->", "[link](http://x.y)", "*", "_",
    "e\u{0301}", "\u{0301}", "\u{0301}\u{0301}\u{0301}", "👩‍👩‍👧", "東京", "مرحبا", "\u{200D}", "\u{202E}",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(QUOTE_MARKS).prop_map(str::to_string),
        6 => proptest::sample::select(PIECES).prop_map(str::to_string),
        3 => "[A-Za-z]{1,8}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn draft() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn news_like_drafts_never_break_the_core(text in draft()) {
        check_all_formats(&text);
    }

    #[test]
    fn arbitrary_unicode_never_breaks_the_core(text in any::<String>()) {
        check_all_formats(&text);
    }

    /// The cache may only hold what depends on a paragraph's text: re-analysing after any other
    /// draft gives exactly what a fresh analysis gives.
    #[test]
    fn cached_analysis_equals_fresh_analysis(before in draft(), after in draft()) {
        for format in FORMATS {
            let mut analyzer = Analyzer::default();
            analyzer.analyze(&before, format);
            let cached = analyzer.analyze(&after, format);
            let fresh = analyze(&after, format);
            prop_assert_eq!(format!("{cached:?}"), format!("{fresh:?}"));
        }
    }

    /// The rules' paragraph cache, reused across a run of edits as an editor does, gives exactly
    /// the findings of a fresh check after each one.
    #[test]
    fn cached_findings_equal_fresh_findings(
        before in draft(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), rule_piece()), 1..6),
    ) {
        let config = Config::default();
        for format in FORMATS {
            let mut checker = rules::Checker::default();
            let mut text = before.clone();
            checker.check(&text, format, &config);
            for (at, piece) in &edits {
                let mut at = at.index(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.insert_str(at, piece);
                let (_, cached) = checker.check(&text, format, &config);
                let fresh = rules::check(&analyze(&text, format), &config);
                prop_assert_eq!(cached, fresh);
            }
        }
    }
}

/// Pieces that the paragraph-local rules react to, and paragraph breaks that move them around.
fn rule_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(&[
            " officials said", " a source said", "people familiar with", " according to sources", "anonymity",
            " claimed that", " admitted that", " court", "TK", "XX", "[CHECK]", "???", "\n\n", "\n", "\"", "“", "”",
        ][..]).prop_map(str::to_string),
        1 => piece(),
    ]
}

// ---------------------------------------------------------------- large documents

#[test]
fn many_quote_marks() {
    let n = MANY_MARKS;
    let docs = [
        "\"".repeat(n),
        "“".repeat(n),
        "\" ".repeat(n),
        "'".repeat(n),
        QUOTE_MARKS.iter().cycle().take(n).copied().collect::<String>(),
        QUOTE_MARKS.iter().cycle().take(n).map(|m| format!("{m}x ")).collect::<String>(),
        // Each mark its own paragraph: the multi-paragraph convention at scale.
        "\"\n\n".repeat(n),
        "“He said\n\n".repeat(n / 2),
        // Attribution everywhere.
        "\"Yes,\" he said. ".repeat(n / 2),
    ];
    for doc in &docs {
        check_all_formats(doc);
    }
}

#[test]
fn a_single_very_long_line() {
    let words = "The minister said the talks would resume on Monday ";
    let line: String = words.repeat(LONG_LINE_BYTES / words.len());
    check_all_formats(&line);
    let quoted: String = "“Quote,” said Lavrov. ".repeat(LONG_LINE_BYTES / 24);
    check_all_formats(&quoted);
}

#[test]
fn lone_marks_and_odd_line_endings() {
    for mark in QUOTE_MARKS {
        for doc in [
            mark.to_string(),
            format!("{mark}\n"),
            format!("\r\n{mark}\r"),
            format!("MOSCOW, March 29. /TASS/. {mark}We will{mark}, he said.\r\n\r\n{mark}More"),
            format!("a{mark}\u{0301}b"),
            format!("{mark}\u{0301}"),
        ] {
            check_all_formats(&doc);
        }
    }
    for doc in ["", "\n", "\r", "\r\n", "\n\r", "\r\r\n\n", " \u{FEFF}", "\0\0", "\u{0301}"] {
        check_all_formats(doc);
    }
}
