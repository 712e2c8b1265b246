//! Feeds arbitrary bytes (as UTF-8 text) to the core: `analyze` and `rules::check` must not panic,
//! and every span they return must be in range and on character boundaries.
//!
//!     cargo +nightly fuzz run analyze

#![no_main]

use copydesk::analysis::layout::Format;
use copydesk::analysis::span::Span;
use copydesk::analysis::{analyze, Analyzer};
use copydesk::config::Config;
use copydesk::rules;
use libfuzzer_sys::fuzz_target;

fn assert_span(text: &str, span: Span) {
    let (start, end) = (span.start as usize, span.end as usize);
    assert!(start <= end && end <= text.len(), "{span:?} out of range");
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{span:?} splits a character");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in [Format::Plain, Format::Markdown] {
        let analysis = analyze(text, format);
        let findings = rules::check(&analysis, &Config::default());
        for f in &findings {
            assert_span(text, f.span);
            for edit in f.fixes.iter().flat_map(|fix| &fix.edits) {
                assert_span(text, edit.span);
            }
        }
        for q in &analysis.quotes {
            assert_span(text, q.span);
        }
        for e in &analysis.entities {
            for m in &e.mentions {
                assert_span(text, m.span);
            }
        }
        if let Some(d) = &analysis.dateline {
            assert_span(text, d.span);
        }
        // The cache must not change the answer: analyse the first half first, then the whole.
        let mut half = text.len() / 2;
        while !text.is_char_boundary(half) {
            half -= 1;
        }
        let mut analyzer = Analyzer::default();
        analyzer.analyze(&text[..half], format);
        let cached = analyzer.analyze(text, format);
        assert_eq!(format!("{cached:?}"), format!("{analysis:?}"));
    }
});
