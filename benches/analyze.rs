//! The speed of the core, the way the checker and the editor use it.
//!
//! - `full/seed`: `analyze` + `rules::check` on one wire article (the seed article from
//!   `../shared` when it is there, else the example draft the repo ships);
//! - `.../analysis`: the same without `rules::check`, the core alone;
//! - `full/1MB`: the same on a 1 MB draft (built by `../shared/tools/make_draft.py` when it is
//!   there, else by repeating the example draft);
//! - `edit/100KB`, `edit/1MB`: re-analysis with a warm [`Analyzer`] after a one-paragraph edit
//!   of a 100 KB and a 1 MB draft, what the language server does on a keystroke (`.../analysis`:
//!   the analysis alone, without the rules).
//!
//! - `full/one-voice-1MB`, `edit/one-voice-1MB`: the same two on a 1 MB draft of our own
//!   writing in which one person speaks in every paragraph (a transcript, a live blog): each of
//!   her thousands of quotes adds a mention to one entity, which once made a keystroke on a 10 MB
//!   draft of this kind take 2.5 s.
//!
//! - `sources/seed`, `sources/1MB`: the source inventory alone (who is quoted, with gender
//!   evidence) on an analysed draft, what the JSON output and the editor's code lens add to the
//!   analysis: compare with `full/.../analysis` of the same run.
//!
//! Throughput is reported in MB/s (10^6 bytes). Research text from `../shared` is read at bench
//! time and never stored in the repo.
//!
//!     cargo bench --bench analyze

use std::path::PathBuf;
use std::process::Command;

use copydesk::analysis::layout::Format;
use copydesk::analysis::{analyze, Analyzer};
use copydesk::config::Config;
use copydesk::rules;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

// The allocator the copydesk binary runs with (src/main.rs), so that this measures what users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXAMPLE: &str = include_str!("../examples/drafts/harbour-strike.md");

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then_some(dir)
}

/// One article: the seed when available.
fn article() -> (&'static str, String, Format) {
    let seed = shared().map(|s| s.join("corpus/seed/tass-lavrov.txt"));
    match seed.and_then(|p| std::fs::read_to_string(p).ok()) {
        Some(text) => ("seed", text, Format::Plain),
        None => ("example", EXAMPLE.to_string(), Format::Markdown),
    }
}

/// A draft of about `bytes` bytes of real news text, or of the example repeated.
fn big_draft(bytes: usize) -> (String, Format) {
    if let Some(shared) = shared() {
        let made = Command::new("python3").arg(shared.join("tools/make_draft.py")).arg(bytes.to_string()).output();
        if let Ok(out) = made {
            if out.status.success() {
                if let Ok(text) = String::from_utf8(out.stdout) {
                    return (text, Format::Plain);
                }
            }
        }
        eprintln!("make_draft.py failed; repeating the example draft instead");
    }
    // Only the first copy keeps the headline and byline; the rest is body text.
    let body = EXAMPLE.split_once("\n\n").map_or(EXAMPLE, |(_, rest)| rest);
    let mut text = EXAMPLE.to_string();
    while text.len() < bytes {
        text.push_str("\n");
        text.push_str(body);
    }
    (text, Format::Markdown)
}

fn full_analysis(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("full");
    let (name, article, format) = article();
    group.throughput(Throughput::BytesDecimal(article.len() as u64));
    group.bench_function(name, |b| {
        b.iter(|| {
            let analysis = analyze(&article, format);
            rules::check(&analysis, &config)
        })
    });
    group.bench_function(format!("{name}/analysis"), |b| b.iter(|| analyze(&article, format).quotes.len()));
    let (big, format) = big_draft(1_000_000);
    group.throughput(Throughput::BytesDecimal(big.len() as u64));
    group.sample_size(20);
    group.bench_function("1MB", |b| {
        b.iter(|| {
            let analysis = analyze(&big, format);
            rules::check(&analysis, &config)
        })
    });
    // The core alone: the rules run after it and are measured with it above.
    group.bench_function("1MB/analysis", |b| b.iter(|| analyze(&big, format).quotes.len()));
    let voice = one_voice_draft(1_000_000);
    group.throughput(Throughput::BytesDecimal(voice.len() as u64));
    group.bench_function("one-voice-1MB", |b| {
        b.iter(|| {
            let analysis = analyze(&voice, Format::Plain);
            rules::check(&analysis, &config)
        })
    });
    group.finish();
}

/// About `bytes` bytes in which one person is quoted twice in every paragraph, named by her
/// surname once and by a pronoun in each quote's attribution.
fn one_voice_draft(bytes: usize) -> String {
    let mut text = String::from("SPRINGFIELD (Wire) - Mayor Ann Lee spoke on Tuesday.\n\n");
    let mut depot = 0;
    while text.len() < bytes {
        depot += 1;
        text.push_str(&format!("Lee visited depot {depot}. \"We will rebuild it,\" she said. \"It is depot {depot},\" she added.\n\n"));
    }
    text
}

/// Two versions of a draft that differ in one paragraph near the middle.
fn edited_pair(text: &str) -> (String, String) {
    let middle = text.len() / 2;
    let paragraph = text[middle..].find("\n\n").map_or(middle, |i| middle + i + 2);
    let (before, after) = text.split_at(paragraph);
    (format!("{before}Meanwhile, {after}"), format!("{before}Still, {after}"))
}

fn reanalysis_after_edit(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("edit");
    let drafts = [("100KB", big_draft(100_000)), ("1MB", big_draft(1_000_000)), ("one-voice-1MB", (one_voice_draft(1_000_000), Format::Plain))];
    for (name, (text, format)) in drafts {
        let (a, b) = edited_pair(&text);
        let mut analyzer = Analyzer::default();
        analyzer.analyze(&a, format);
        let mut flip = false;
        group.bench_function(name, |bench| {
            bench.iter(|| {
                // Alternating keeps exactly one paragraph new on every call.
                flip = !flip;
                let analysis = analyzer.analyze(if flip { &b } else { &a }, format);
                rules::check(&analysis, &config)
            })
        });
        // The analysis alone: what the core owes the keystroke path, without the rules.
        group.bench_function(format!("{name}/analysis"), |bench| {
            bench.iter(|| {
                flip = !flip;
                analyzer.analyze(if flip { &b } else { &a }, format).quotes.len()
            })
        });
    }
    group.finish();
}

fn source_inventory(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("sources");
    let (name, article, format) = article();
    let analysed = analyze(&article, format);
    group.throughput(Throughput::BytesDecimal(article.len() as u64));
    group.bench_function(name, |b| b.iter(|| config.inventory(&analysed).len()));
    let (big, format) = big_draft(1_000_000);
    let analysed = analyze(&big, format);
    group.throughput(Throughput::BytesDecimal(big.len() as u64));
    group.sample_size(20);
    group.bench_function("1MB", |b| b.iter(|| config.inventory(&analysed).len()));
    group.finish();
}

criterion_group!(benches, full_analysis, reanalysis_after_edit, source_inventory);
criterion_main!(benches);
