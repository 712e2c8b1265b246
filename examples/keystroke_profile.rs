//! Where a keystroke's time goes in the language server, stage by stage: rope edit, rope to
//! string, cached re-analysis, each rule, diagnostics conversion. For finding the slow stage,
//! not for asserting anything.
//!
//!     cargo run --release --example keystroke_profile -- draft.txt [edits]

use std::time::{Duration, Instant};

use copydesk::analysis::layout::Format;
use copydesk::analysis::Analyzer;
use copydesk::config::Config;
use copydesk::lsp::convert::Encoding;
use copydesk::lsp::snapshot;
use copydesk::rules::{self, RuleContext};
use ropey::Rope;
use tower_lsp_server::ls_types::Uri;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: keystroke_profile FILE [EDITS]");
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let text = std::fs::read_to_string(&path).expect("readable file");
    let uri: Uri = "file:///draft.txt".parse().unwrap();
    let config = Config::default();
    let mut rope = Rope::from_str(&text);
    let mut analyzer = Analyzer::default();
    let t = Instant::now();
    let analysis = analyzer.analyze(&text, Format::Plain);
    let findings = rules::check(&analysis, &config);
    println!(
        "{} bytes, {} paragraphs, {} quotes, {} entities, {} findings; first analysis + rules {:?}",
        text.len(),
        analysis.paragraphs.len(),
        analysis.quotes.len(),
        analysis.entities.len(),
        findings.len(),
        t.elapsed()
    );
    // Type at the end of the middle line, like lspbench.
    let line = rope.len_lines() / 2;
    let first = rope.line_to_char(line + 1).saturating_sub(1);
    let mut stages: Vec<(String, Duration)> = Vec::new();
    let mut add = |name: &str, d: Duration| match stages.iter_mut().find(|(n, _)| n == name) {
        Some((_, total)) => *total += d,
        None => stages.push((name.to_string(), d)),
    };
    for i in 0..edits {
        let t = Instant::now();
        rope.insert(first + i, if i % 8 == 0 { " " } else { "x" });
        add("rope edit", t.elapsed());
        let t = Instant::now();
        let text = rope.to_string();
        add("rope to string", t.elapsed());
        let t = Instant::now();
        let analysis = analyzer.analyze(&text, Format::Plain);
        add("analysis (cached)", t.elapsed());
        let cx = RuleContext { analysis: &analysis, config: &config };
        let mut out = Vec::new();
        for rule in rules::RULES {
            let t = Instant::now();
            rule.check(&cx, &mut out);
            add(&format!("rule {}", rule.meta().code), t.elapsed());
        }
        let t = Instant::now();
        let findings = rules::check(&analysis, &config);
        add("rules::check (all)", t.elapsed());
        let t = Instant::now();
        let diagnostics: Vec<_> = findings.iter().map(|f| snapshot::diagnostic(&rope, &uri, f, Encoding::Utf16)).collect();
        add("diagnostics", t.elapsed());
        let t = Instant::now();
        for f in &findings {
            std::hint::black_box(copydesk::lsp::convert::range(&rope, f.span, Encoding::Utf16));
            for r in &f.related {
                std::hint::black_box(copydesk::lsp::convert::range(&rope, r.span, Encoding::Utf16));
            }
        }
        add("  of which positions", t.elapsed());
        std::hint::black_box(&diagnostics);
        let t = Instant::now();
        let json = serde_json::to_string(&diagnostics).unwrap();
        add("serialise", t.elapsed());
        std::hint::black_box(json);
    }
    for (name, total) in stages {
        println!("{:>10.3} ms  {name}", total.as_secs_f64() * 1000.0 / edits as f64);
    }
}
