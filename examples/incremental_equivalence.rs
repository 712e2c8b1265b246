//! Checks on real drafts that re-analysing after edits gives exactly a fresh analysis: for each
//! file, types and deletes at random places (letters, capitals, names, quote marks, paragraph
//! breaks) with one [`Analyzer`] kept warm, and compares every result with [`analyze`] of the same
//! text. A wider net than the property tests, for changes to the caches.
//!
//!     cargo run --release --example incremental_equivalence -- DIR_OR_FILES... [--edits N]

use copydesk::analysis::layout::Format;
use copydesk::analysis::{analyze, format_for_path, Analyzer};

/// What gets typed: single keys as a writer types them, and whole pieces as a paste.
const PIECES: &[&str] = &[
    "x", " ", "e", "X", ".", ",", "\"", "“", "”", "'", "\n", "\n\n", "said ", " he said.", "Lavrov ",
    "Mr. ", "Sergey Lavrov", ", the minister said", "MOSCOW, June 3 (Reuters) - ", "é", "🙂",
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
    let (mut checked, mut differing) = (0usize, 0usize);
    for (n, path) in paths.iter().enumerate() {
        let Ok(mut text) = std::fs::read_to_string(path) else { continue };
        let format: Format = format_for_path(path);
        let mut rng = Rng(n as u64 + 1);
        let mut analyzer = Analyzer::default();
        analyzer.analyze(&text, format);
        // Half the edits type at one spot, as a writer does; the rest jump around.
        let mut spot = boundary(&text, rng.next(text.len() + 1));
        for step in 0..edits {
            if step % 2 == 1 {
                spot = boundary(&text, rng.next(text.len() + 1));
            }
            if rng.next(5) == 0 && spot < text.len() {
                let end = boundary(&text, spot + 1 + rng.next(6));
                text.replace_range(spot..end.max(spot), "");
            } else {
                let piece = PIECES[rng.next(PIECES.len())];
                text.insert_str(spot, piece);
                spot += piece.len();
            }
            let warm = format!("{:?}", analyzer.analyze(&text, format));
            let fresh = format!("{:?}", analyze(&text, format));
            checked += 1;
            if warm != fresh {
                differing += 1;
                if differing <= 5 {
                    let at = warm.bytes().zip(fresh.bytes()).position(|(a, b)| a != b).unwrap_or(0);
                    let around = |s: &str| s[boundary(s, at.saturating_sub(150))..boundary(s, at + 150)].to_string();
                    eprintln!("{path}, edit {step}: warm and fresh analyses differ\n  warm:  …{}\n  fresh: …{}", around(&warm), around(&fresh));
                }
            }
        }
    }
    println!("{checked} edits on {} files: {differing} re-analyses differ from a fresh one", paths.len());
    if differing > 0 {
        std::process::exit(1);
    }
}
