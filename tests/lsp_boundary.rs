//! Only `src/lsp/` knows the protocol: the core and the rules never name the LSP crates, ropey
//! or tokio (and so never depend on how the editor counts columns or schedules work).

use std::path::Path;

const PROTOCOL_CRATES: &[&str] = &["tower_lsp_server", "ls_types", "ropey", "tokio", "crate::lsp"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_and_rules_do_not_know_the_protocol() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in ["analysis", "rules"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(!files.is_empty());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for name in PROTOCOL_CRATES {
            assert!(!text.contains(name), "{} mentions {name}", file.display());
        }
    }
}
