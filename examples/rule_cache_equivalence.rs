//! Checks on real drafts that the findings of a warm [`Checker`] (paragraph caches of the analysis
//! and of the rules kept across edits, as the language server keeps them) equal those of a fresh
//! analysis and check of the same text, after random typing, deletions and paragraph moves. A
//! wider net than the property tests, for changes to the rule cache.
//!
//!     cargo run --release --example rule_cache_equivalence -- DIR_OR_FILES... [--edits N]

use copydesk::analysis::{analyze, format_for_path};
use copydesk::config::Config;
use copydesk::rules::{self, Checker};

/// What gets typed: single keys as a writer types them, and whole pieces as a paste.
const PIECES: &[&str] = &[
    "x",
    " ",
    "e",
    "X",
    ".",
    ",",
    "\"",
    "“",
    "”",
    "'",
    "\n",
    "\n\n",
    "said ",
    " he said.",
    "Lavrov ",
    "Mr. ",
    "Sergey Lavrov",
    ", the minister said",
    "TK",
    "[CHECK]",
    "officials said",
    "é",
    "🙂",
    "copydesk-disable\n",
    "\ncopydesk-enable\n",
];

/// A small deterministic generator (no dependency needed for this).
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
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

fn main() {
    let mut edits = 40;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--edits" {
            edits = args.next().and_then(|n| n.parse().ok()).expect("--edits N");
        } else if std::path::Path::new(&a).is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(&a)
                .expect("readable folder")
                .flatten()
                .map(|e| e.path())
                .collect();
            files.sort();
            paths.extend(files.into_iter().map(|p| p.display().to_string()));
        } else {
            paths.push(a);
        }
    }
    let config = Config::default();
    let (mut checked, mut differing) = (0usize, 0usize);
    for (n, path) in paths.iter().enumerate() {
        let Ok(mut text) = std::fs::read_to_string(path) else {
            continue;
        };
        let format = format_for_path(path);
        let mut rng = Rng(n as u64 + 1);
        let mut checker = Checker::default();
        checker.check(&text, format, &config);
        let mut spot = boundary(&text, rng.next(text.len() + 1));
        for step in 0..edits {
            if step % 2 == 1 {
                spot = boundary(&text, rng.next(text.len() + 1));
            }
            match rng.next(8) {
                // Delete a few characters.
                0 if spot < text.len() => {
                    let end = boundary(&text, spot + 1 + rng.next(6));
                    text.replace_range(spot..end.max(spot), "");
                }
                // Move a paragraph to the end, as a cut and paste does.
                1 => {
                    let start = text[..spot].rfind("\n\n").map_or(0, |i| i + 2);
                    let end = text[spot..].find("\n\n").map_or(text.len(), |i| spot + i);
                    let moved = text[start..end].to_string();
                    text.replace_range(start..end, "");
                    text.push_str("\n\n");
                    text.push_str(&moved);
                    spot = boundary(&text, start);
                }
                _ => {
                    let piece = PIECES[rng.next(PIECES.len())];
                    text.insert_str(spot, piece);
                    spot += piece.len();
                }
            }
            let (_, warm) = checker.check(&text, format, &config);
            let mut analysis = analyze(&text, format);
            copydesk::knowledge::places::type_configured_places(&mut analysis, &config);
            let fresh = rules::check(&analysis, &config);
            checked += 1;
            if warm != fresh {
                differing += 1;
                if differing <= 5 {
                    eprintln!("{path}, edit {step}: warm and fresh findings differ\n  warm:  {warm:?}\n  fresh: {fresh:?}");
                }
            }
        }
    }
    println!(
        "{checked} edits on {} files: {differing} checks with warm caches differ from a fresh one",
        paths.len()
    );
    if differing > 0 {
        std::process::exit(1);
    }
}
