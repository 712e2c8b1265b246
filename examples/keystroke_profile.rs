//! Where a keystroke's time goes in the language server, stage by stage: rope edit, the edit of
//! the text mirror (and the rope-to-string copy it replaced), cached re-analysis (and each of its
//! stages, coreference's parts included, as `Analyzer::analyze_marked` names them), each rule
//! (alone, with its own paragraph cache, as the server runs it), diagnostics conversion. For
//! finding the slow stage, not for asserting anything.
//!
//!     cargo run --release --example keystroke_profile -- draft.txt [edits] [server]
//!
//! With `server`, only the stages the server runs are timed (no rule alone, no uncached run),
//! which keeps a `perf record` of it about the server's path.
//!
//! Times are this thread's CPU time, not wall time: on a machine shared with other work, wall
//! time measures the load as much as the code. The exceptions are the cached analysis and the
//! rules' run with every rule on, timed both ways: on a long draft part of each runs on the
//! second core (`second_core`).

use std::time::Duration;

use thread_cpu::Instant;

use copydesk::analysis::layout::Format;
use copydesk::analysis::Analyzer;
use copydesk::config::{Config, RuleLevel};
use copydesk::lsp::convert::Encoding;
use copydesk::lsp::snapshot;
use copydesk::rules::{self, RuleCache};
use ropey::Rope;
use tower_lsp_server::ls_types::Uri;

// The allocator the copydesk binary runs with (src/main.rs), so that this measures what users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: keystroke_profile FILE [EDITS]");
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let server_only = args.next().as_deref() == Some("server");
    let text = std::fs::read_to_string(&path).expect("readable file");
    let uri: Uri = "file:///draft.txt".parse().unwrap();
    let config = Config::default();
    let mut rope = Rope::from_str(&text);
    // The server's `String` copy of the rope, edited alongside it, which the analysis holds.
    let mut mirror = std::sync::Arc::new(text.clone());
    let mut spare = copydesk::lsp::documents::Spare::default();
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
    // No rule at all: what every run costs whatever the rules are.
    let mut none = Config::default();
    for rule in rules::RULES.iter() {
        none.rules.insert(rule.meta().code.to_string(), RuleLevel::Off);
    }
    let mut none_cache = RuleCache::default();
    rules::check_cached(&analysis, &none, &mut none_cache);
    // Each rule alone: a configuration that turns every other rule off, and its own cache.
    let mut alone: Vec<(Config, RuleCache)> = rules::RULES
        .iter()
        .filter(|_| !server_only)
        .map(|rule| {
            let mut only = Config::default();
            for other in rules::RULES
                .iter()
                .filter(|r| r.meta().code != rule.meta().code)
            {
                only.rules
                    .insert(other.meta().code.to_string(), RuleLevel::Off);
            }
            let mut cache = RuleCache::default();
            rules::check_cached(&analysis, &only, &mut cache);
            (only, cache)
        })
        .collect();
    let mut cache = RuleCache::default();
    rules::check_cached(&analysis, &config, &mut cache);
    // The last keystroke's snapshot, whose diagnostics the server moves to the next one, and
    // where it hands its entities back when it frees it.
    let recycler = analyzer.recycler();
    let snapshot_of = |rope: &Rope, analysis: copydesk::analysis::Analysis, findings: Vec<rules::Finding>, diagnostics: Vec<snapshot::SentDiagnostic>| {
        snapshot::Snapshot {
            uri: uri.clone(),
            version: 0,
            revision: 0,
            rope: rope.clone(),
            encoding: Encoding::Utf16,
            fields: snapshot::DiagnosticFields::ALL,
            analysis,
            findings,
            diagnostics,
            config: std::sync::Arc::new(config.clone()),
            inventory: Default::default(),
            recycler: recycler.clone(),
        }
    };
    let opened = {
        let target = snapshot::DiagnosticTarget { rope: &rope, text: &analysis.text, uri: &uri, encoding: Encoding::Utf16, fields: snapshot::DiagnosticFields::ALL };
        snapshot::diagnostics(target, &findings)
    };
    // Published on opening, so their JSON is made.
    std::hint::black_box(serde_json::to_string(&opened).unwrap());
    let mut previous = snapshot_of(&rope, analysis, findings, opened);
    // Type at the end of the middle line, like lspbench.
    let line = rope.len_lines() / 2;
    let first = rope.line_to_char(line + 1).saturating_sub(1);
    let mut stages: Vec<(String, Duration)> = Vec::new();
    let mut add = |name: &str, d: Duration| match stages.iter_mut().find(|(n, _)| n == name) {
        Some((_, total)) => *total += d,
        None => stages.push((name.to_string(), d)),
    };
    for i in 0..edits {
        let typed = if i % 8 == 0 { " " } else { "x" };
        // The server's edit: the rope, and the text (a copy of it, which the last analysis holds).
        let t = Instant::now();
        let line = rope.char_to_line(first + i);
        let column = (rope.char_to_byte(first + i) - rope.line_to_byte(line)) as u32;
        let at = tower_lsp_server::ls_types::Position::new(line as u32, column);
        let change = tower_lsp_server::ls_types::TextDocumentContentChangeEvent {
            range: Some(tower_lsp_server::ls_types::Range::new(at, at)),
            range_length: None,
            text: typed.to_string(),
        };
        let reported = copydesk::lsp::documents::apply_changes_shared(&mut rope, &mut mirror, &mut spare, &[change], Encoding::Utf8);
        add("rope and text edit", t.elapsed());
        let t = Instant::now();
        std::hint::black_box(String::from(&rope));
        add(
            "rope to string (what the server did before the mirror)",
            t.elapsed(),
        );
        let text = &mirror;
        let t = Instant::now();
        let mut marks: Vec<(&'static str, Instant)> = Vec::with_capacity(24);
        analyzer.expect_edit(reported);
        let (both, wall) = (thread_cpu::Instant::process(), std::time::Instant::now());
        let analysis = analyzer.analyze_shared(mirror.clone(), Format::Plain, &mut |stage| marks.push((stage, Instant::now())));
        add("analysis (cached)", t.elapsed());
        // From 256 KiB on the entities are found on the second core: this thread's time for them
        // (below) is its wait, and these two say what the analysis cost and what it took.
        add("analysis (cached; both cores' CPU)", both.elapsed_process());
        add("analysis (cached; wall time)", wall.elapsed());
        // What the analysis compared, which the server's checker hands to the rules.
        let edit = analyzer.take_edit();
        let mut from = t;
        for (stage, at) in marks {
            add(&format!("  {stage}"), at.since(from));
            from = at;
        }
        let t = Instant::now();
        std::hint::black_box(rules::check_cached_after(&analysis, &none, &mut none_cache, edit.as_ref()));
        add("rules::check_cached (every rule off)", t.elapsed());
        for (rule, (only, cache)) in rules::RULES.iter().zip(&mut alone).filter(|_| !server_only) {
            // The process's CPU: a heavy rule alone runs on the second thread.
            let t = Instant::process();
            std::hint::black_box(rules::check_cached_after(&analysis, only, cache, edit.as_ref()));
            add(&format!("rule {}", rule.meta().code), t.elapsed_process());
        }
        if !server_only {
            let t = Instant::now();
            std::hint::black_box(rules::check(&analysis, &config));
            add("rules::check (one-shot, no cache)", t.elapsed());
        }
        let t = Instant::now();
        let both = thread_cpu::Instant::process();
        let wall = std::time::Instant::now();
        let findings = rules::check_cached_after(&analysis, &config, &mut cache, edit.as_ref());
        add("rules::check_cached (all; this thread's CPU)", t.elapsed());
        // From 256 KiB on the rules run on two threads: the CPU of both, and what the keystroke
        // waits for (which on a loaded machine measures the load).
        add("rules::check_cached (all; both threads' CPU)", both.elapsed_process());
        add("rules::check_cached (all; wall time)", wall.elapsed());
        let t = Instant::now();
        let moved = snapshot::diagnostics_since_edit(&previous, edit.as_ref(), &rope, &analysis.text, &findings);
        add("diagnostics moved from the last snapshot (the server's)", t.elapsed());
        // The server serialises what it publishes, reusing the JSON of the diagnostics the edit
        // only moved along their lines (made for the last snapshot).
        let t = Instant::now();
        std::hint::black_box(serde_json::to_string(&moved).unwrap());
        add("serialise (the server's, reusing the last snapshot's JSON)", t.elapsed());
        // The server lets go of the comparison, which holds the last text, before publishing.
        drop(edit);
        if server_only {
            let last = std::mem::replace(&mut previous, snapshot_of(&rope, analysis, findings, moved));
            // The server frees the last snapshot off the keystroke's path, after publishing.
            let t = Instant::now();
            last.free();
            add("free the last snapshot (after publishing)", t.elapsed());
            // Then the text is copied into the spare the freed snapshot left, for the next edit.
            let t = Instant::now();
            spare.prepare(&mirror);
            add("prepare the spare text (after publishing)", t.elapsed());
            continue;
        }
        let t = Instant::now();
        let one_by_one: Vec<_> = findings
            .iter()
            .map(|f| snapshot::diagnostic(&rope, &uri, f, Encoding::Utf16))
            .collect();
        add("diagnostics one by one (before)", t.elapsed());
        let t = Instant::now();
        for f in &findings {
            std::hint::black_box(copydesk::lsp::convert::range(
                &rope,
                f.span,
                Encoding::Utf16,
            ));
            for r in &f.related {
                std::hint::black_box(copydesk::lsp::convert::range(
                    &rope,
                    r.span,
                    Encoding::Utf16,
                ));
            }
        }
        add("  of which positions", t.elapsed());
        let t = Instant::now();
        let target = snapshot::DiagnosticTarget { rope: &rope, text, uri: &uri, encoding: Encoding::Utf16, fields: snapshot::DiagnosticFields::ALL };
        let diagnostics = snapshot::diagnostics(target, &findings);
        add("diagnostics in one sweep (the server's on opening)", t.elapsed());
        assert_eq!(diagnostics, one_by_one);
        assert_eq!(diagnostics, moved);
        std::hint::black_box(&diagnostics);
        let t = Instant::now();
        let json = serde_json::to_string(&diagnostics).unwrap();
        add("serialise (all afresh)", t.elapsed());
        std::hint::black_box(json);
        previous = snapshot_of(&rope, analysis, findings, moved);
    }
    for (name, total) in stages {
        println!(
            "{:>10.3} ms  {name}",
            total.as_secs_f64() * 1000.0 / edits as f64
        );
    }
    // Hover on the first capitalised word of more than three letters, as lspbench does.
    let text = String::from(&rope);
    let word = text.split_whitespace().find(|w| {
        w.len() > 3
            && w.starts_with(|c: char| c.is_uppercase())
            && w.chars().all(char::is_alphabetic)
    });
    if let Some(word) = word {
        let at = text.find(word).unwrap() + 1;
        let job = snapshot::Job {
            uri: uri.clone(),
            version: 1,
            revision: 1,
            rope: rope.clone(),
            text: std::sync::Arc::new(text.clone()),
            format: Format::Plain,
            edit: None,
            config: std::sync::Arc::new(config.clone()),
            encoding: Encoding::Utf16,
            fields: snapshot::DiagnosticFields::ALL,
        };
        let snap = snapshot::build(&mut rules::Checker::default(), job).unwrap();
        let t = Instant::now();
        for _ in 0..100 {
            let hover = copydesk::lsp::handlers::hover::hover(&snap, at, true);
            std::hint::black_box(serde_json::to_string(&hover).unwrap());
        }
        println!(
            "{:>10.3} ms  hover on {word:?} (handler and serialise)",
            t.elapsed().as_secs_f64() * 10.0
        );
    }
}

/// The calling thread's CPU time, with `std::time::Instant`'s two methods.
mod thread_cpu {
    use std::time::Duration;

    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }

    extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }

    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;

    fn read(clock: i32) -> Duration {
        let mut ts = Timespec { sec: 0, nsec: 0 };
        // SAFETY: `ts` is a valid, writable timespec; the clock id is Linux's.
        let rc = unsafe { clock_gettime(clock, &mut ts) };
        assert_eq!(rc, 0, "clock_gettime");
        Duration::new(ts.sec as u64, ts.nsec as u32)
    }

    #[derive(Clone, Copy)]
    pub struct Instant(Duration);

    impl Instant {
        pub fn now() -> Instant {
            Instant(read(CLOCK_THREAD_CPUTIME_ID))
        }

        /// The CPU time of every thread of the process, for [`Instant::elapsed_process`].
        pub fn process() -> Instant {
            Instant(read(CLOCK_PROCESS_CPUTIME_ID))
        }

        /// The process's CPU time since [`Instant::process`] gave this instant.
        pub fn elapsed_process(&self) -> Duration {
            Instant::process().since(*self)
        }

        pub fn elapsed(&self) -> Duration {
            Instant::now().since(*self)
        }

        /// The CPU time from `earlier` to this instant.
        pub fn since(&self, earlier: Instant) -> Duration {
            self.0.saturating_sub(earlier.0)
        }
    }
}
