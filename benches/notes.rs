//! The speed of quote checking against notes (issue 6 budget: 10 MB of notes indexed in under
//! 1 s, a draft checked in under 5 ms, one core).
//!
//! - `notes/index-10MB`: [`NotesIndex::new`] over 10 MB of generated notes (ten 1 MB files of
//!   made-up words with a Zipf-like spread, so common words are common as in real notes);
//! - `notes/check-draft`: the two notes rules on an analysed draft of 24 quotes (exact, edited
//!   and absent ones) against that index, from a cold memo: the rules share one match per quote;
//! - `notes/check-draft-unshared`: the same, the memo emptied before each rule, as if each rule
//!   matched every quote itself (how it was before the memo), for a side-by-side ratio;
//! - `notes/check-draft-warm`: the same draft checked again, every quote remembered (an editor's
//!   next keystroke);
//! - `notes/match-quote`: one `match_quote` of an edited quote.
//!
//!     cargo bench --bench notes

use std::sync::Arc;

use copydesk::analysis::layout::Format;
use copydesk::analysis::notes::NotesIndex;
use copydesk::analysis::{analyze, Analysis};
use copydesk::config::Config;
use copydesk::rules::{self, RuleContext};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

// The allocator the copydesk binary runs with (src/main.rs), so that this measures what users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small deterministic generator (xorshift), so every run indexes the same notes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const SYLLABLES: &[&str] = &["ka", "lo", "mi", "ren", "tu", "sa", "vo", "del", "an", "ir", "po", "que", "zan", "ho", "be"];

fn vocabulary(n: usize) -> Vec<String> {
    let mut rng = Rng(7);
    (0..n)
        .map(|_| {
            let k = 1 + (rng.next() % 3) as usize;
            (0..k).map(|_| SYLLABLES[(rng.next() % SYLLABLES.len() as u64) as usize]).collect()
        })
        .collect()
}

/// Notes text of about `bytes` bytes: lines of 8 to 20 words, a speaker tag now and then.
fn notes_text(vocab: &[String], rng: &mut Rng, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 200);
    while s.len() < bytes {
        if rng.next() % 5 == 0 {
            s.push_str("Q: ");
        }
        let n = 8 + rng.next() % 13;
        for i in 0..n {
            // Zipf-like: the square of a uniform number favours low ranks.
            let u = (rng.next() % 10_000) as f64 / 10_000.0;
            let w = &vocab[((u * u) * vocab.len() as f64) as usize];
            s.push_str(w);
            s.push(if i + 1 == n { '.' } else if rng.next() % 9 == 0 { ',' } else { ' ' });
            if i + 1 < n && s.ends_with(',') {
                s.push(' ');
            }
        }
        s.push('\n');
    }
    s
}

fn notes_files() -> Vec<(String, String)> {
    let vocab = vocabulary(30_000);
    let mut rng = Rng(42);
    (0..10).map(|i| (format!("notes/interview-{i}.txt"), notes_text(&vocab, &mut rng, 1_000_000))).collect()
}

/// A draft whose quotes are taken from the notes (some word for word, some edited) or made up.
fn draft(notes: &[(String, String)]) -> String {
    let mut rng = Rng(99);
    let mut s = String::from("HARBOURTON — The harbour board met on Tuesday.\n\n");
    for i in 0..24 {
        let file = &notes[(rng.next() % notes.len() as u64) as usize].1;
        let at = (rng.next() % (file.len() as u64 - 400)) as usize;
        let at = file[at..].find('\n').map_or(0, |k| at + k + 1);
        let line = file[at..].lines().next().unwrap_or("").trim_start_matches("Q: ").trim_end_matches('.');
        let mut words: Vec<&str> = line.split(' ').collect();
        match i % 3 {
            1 if words.len() > 4 => {
                words.remove(2);
                words.swap(0, 1);
            }
            2 => words = vec!["nobody", "ever", "said", "these", "words", "at", "all", "today"],
            _ => {}
        }
        s.push_str(&format!("\"{},\" Ines Okafor said on Tuesday.\n\nThe board then moved on.\n\n", words.join(" ").trim_end_matches(',')));
    }
    s
}

/// Runs the two notes rules; with `forget_before_each`, each rule starts from an empty memo.
fn check_notes_rules(analysis: &Analysis, config: &Config, forget_before_each: bool) -> usize {
    let cx = RuleContext { analysis, config, memo: &Default::default() };
    let mut out = Vec::new();
    for code in ["quote-differs-from-notes", "quote-not-in-notes"] {
        if forget_before_each {
            config.notes.as_ref().unwrap().forget_matches();
        }
        rules::rule_by_code(code).unwrap().check(&cx, &mut out);
    }
    out.len()
}

fn bench(c: &mut Criterion) {
    let files = notes_files();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mut group = c.benchmark_group("notes");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("index-10MB", |b| b.iter(|| NotesIndex::new(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))));
    let index = Arc::new(NotesIndex::new(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))));
    let config = Config { notes: Some(index.clone()), ..Config::default() };
    let text = draft(&files);
    let analysis = analyze(&text, Format::Plain);
    assert!(check_notes_rules(&analysis, &config, true) > 0);
    group.sample_size(50);
    group.throughput(Throughput::Elements(analysis.quotes.len() as u64));
    group.bench_function("check-draft", |b| {
        b.iter(|| {
            index.forget_matches();
            check_notes_rules(&analysis, &config, false)
        })
    });
    group.bench_function("check-draft-unshared", |b| b.iter(|| check_notes_rules(&analysis, &config, true)));
    check_notes_rules(&analysis, &config, false);
    group.bench_function("check-draft-warm", |b| b.iter(|| check_notes_rules(&analysis, &config, false)));
    let quote = analysis.quotes.get(1).map(|q| q.content.text(&text).to_string()).unwrap_or_default();
    group.bench_function("match-quote", |b| b.iter(|| index.match_quote(&quote)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
