//! Checks on real drafts that the caches an editor keeps warm never change an answer: for each
//! file, types, deletes and moves paragraphs at random (letters, capitals, names, quote marks,
//! paragraph breaks, suppression comments), and after every edit compares
//! - a warm [`Analyzer`] with [`analyze`] of the same text, and
//! - a warm [`Checker`] (the analysis and rule caches the language server keeps), told each
//!   edit as the server's is ([`Checker::check_edited`]), with a fresh analysis and check.
//!
//! Both hand back each warm analysis once the next is made, as the server does, so that warm
//! results are written into the memory of earlier ones.
//!
//! A wider net than the property tests, for changes to the caches.
//!
//!     cargo run --release --example incremental_equivalence -- DIR_OR_FILES... [--edits N]

use copydesk::analysis::{analyze, format_for_path, Analyzer, Unchanged};
use copydesk::config::Config;
use copydesk::rules::{self, Checker};

// The allocator the copydesk binary runs with (src/main.rs): the caches are checked as users run them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What gets typed: single keys as a writer types them, and whole pieces as a paste.
const PIECES: &[&str] = &[
    "x", " ", "e", "X", ".", ",", "\"", "“", "”", "'", "\n", "\n\n", "said ", " he said.", "Lavrov ",
    "Mr. ", "Sergey Lavrov", ", the minister said", "MOSCOW, June 3 (Reuters) - ", "TK", "[CHECK]",
    "officials said", "é", "🙂", "copydesk-disable\n", "\ncopydesk-enable\n",
];

/// A small deterministic generator (no dependency needed for this).
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One random edit at or near `spot`; returns where the writer's cursor is after it, and the
/// edit as an editor reports it.
fn edit(text: &mut String, rng: &mut Rng, spot: usize) -> (usize, Unchanged) {
    let len = text.len();
    match rng.next(8) {
        // Delete a few characters.
        0 if spot < text.len() => {
            let end = boundary(text, spot + 1 + rng.next(6)).max(spot);
            text.replace_range(spot..end, "");
            (spot, Unchanged::of_change(len, spot, end, 0))
        }
        // Move a paragraph to the end, as a cut and paste does.
        1 => {
            let start = text[..spot].rfind("\n\n").map_or(0, |i| i + 2);
            let end = text[spot..].find("\n\n").map_or(text.len(), |i| spot + i);
            let moved = text[start..end].to_string();
            text.replace_range(start..end, "");
            let cut = text.len();
            text.push_str("\n\n");
            text.push_str(&moved);
            let reported = Unchanged::of_change(len, start, end, 0).then(Unchanged::of_change(cut, cut, cut, text.len() - cut));
            (boundary(text, start), reported)
        }
        _ => {
            let piece = PIECES[rng.next(PIECES.len())];
            text.insert_str(spot, piece);
            (spot + piece.len(), Unchanged::of_change(len, spot, spot, piece.len()))
        }
    }
}

/// The start of the first difference between two strings, with some context.
fn around(s: &str, at: usize) -> &str {
    &s[boundary(s, at.saturating_sub(150))..boundary(s, at + 150)]
}

fn main() {
    let mut edits = 40;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--edits" {
            edits = args.next().and_then(|n| n.parse().ok()).expect("--edits N");
        } else if std::path::Path::new(&a).is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(&a).expect("readable folder").flatten().map(|e| e.path()).collect();
            files.sort();
            paths.extend(files.into_iter().map(|p| p.display().to_string()));
        } else {
            paths.push(a);
        }
    }
    let config = Config::default();
    let (mut checked, mut analyses_differ, mut findings_differ) = (0usize, 0usize, 0usize);
    for (n, path) in paths.iter().enumerate() {
        let Ok(mut text) = std::fs::read_to_string(path) else { continue };
        let format = format_for_path(path);
        let mut rng = Rng(n as u64 + 1);
        let mut analyzer = Analyzer::default();
        let mut checker = Checker::default();
        // As the server does, each warm analysis's entities are handed back once the next one
        // is made, for the one after to be written into their memory.
        let mut last_warm = analyzer.analyze(&text, format);
        let mut last_checked = checker.check(&text, format, &config).0;
        // Half the edits happen where the last one left the cursor, as a writer types; the rest jump.
        let mut spot = boundary(&text, rng.next(text.len() + 1));
        for step in 0..edits {
            if step % 2 == 1 {
                spot = boundary(&text, rng.next(text.len() + 1));
            }
            let reported;
            (spot, reported) = edit(&mut text, &mut rng, spot);
            checked += 1;
            let fresh_analysis = analyze(&text, format);
            let warm_analysis = analyzer.analyze(&text, format);
            let warm = format!("{warm_analysis:?}");
            analyzer.recycler().give(std::mem::replace(&mut last_warm, warm_analysis));
            let fresh = format!("{fresh_analysis:?}");
            if warm != fresh {
                analyses_differ += 1;
                if analyses_differ <= 5 {
                    let at = warm.bytes().zip(fresh.bytes()).position(|(a, b)| a != b).unwrap_or(0);
                    eprintln!("{path}, edit {step}: warm and fresh analyses differ\n  warm:  …{}\n  fresh: …{}", around(&warm, at), around(&fresh, at));
                }
            }
            // The checker is told each edit, as the server's is; the analyser above compares.
            let (warm_checked, warm_findings) = checker.check_edited(std::sync::Arc::new(text.clone()), format, &config, Some(reported));
            checker.recycler().give(std::mem::replace(&mut last_checked, warm_checked));
            let mut configured = fresh_analysis;
            copydesk::knowledge::places::type_configured_places(&mut configured, &config);
            let fresh_findings = rules::check(&configured, &config);
            if warm_findings != fresh_findings {
                findings_differ += 1;
                if findings_differ <= 5 {
                    eprintln!("{path}, edit {step}: warm and fresh findings differ\n  warm:  {warm_findings:?}\n  fresh: {fresh_findings:?}");
                }
            }
        }
    }
    println!(
        "{checked} edits on {} files: {analyses_differ} warm analyses and {findings_differ} warm checks differ from fresh ones",
        paths.len()
    );
    if analyses_differ + findings_differ > 0 {
        std::process::exit(1);
    }
}
