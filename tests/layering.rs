//! The layering the README draws, kept in the code: each layer of `src/` names only itself and the
//! layers below it. The core (`analysis`) is at the bottom; `config` and `knowledge` sit on it; the
//! rules on those; the language server and the command line on top (the command line starts the
//! server for `copydesk lsp`, never the other way round).
//!
//! The check reads the source: every `crate::LAYER` outside test code (a `#[cfg(test)]` item, or a
//! `tests.rs` file, may build its fixtures with any layer).

use std::path::{Path, PathBuf};

/// Each layer, with the layers it may name besides itself.
const LAYERS: &[(&str, &[&str])] = &[
    ("analysis", &[]),
    ("config", &["analysis"]),
    ("knowledge", &["analysis", "config"]),
    ("rules", &["analysis", "config", "knowledge"]),
    ("lsp", &["analysis", "config", "knowledge", "rules"]),
    ("cli", &["analysis", "config", "knowledge", "rules", "lsp"]),
];

/// Known exceptions, each with its reason. `config` rejects a `[rules]` key that names no rule,
/// with the key's line and column, and for that it asks the rule registry.
const EXCEPTIONS: &[(&str, &str)] = &[("config", "crate::rules::rule_by_code")];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines of a source file that are not test code: a `#[cfg(test)]` item is skipped to the end
/// of its braces (or its line, for a `use`).
fn non_test_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            let mut depth = 0i32;
            for (_, item) in lines.by_ref() {
                depth += item.matches('{').count() as i32 - item.matches('}').count() as i32;
                if depth <= 0 && (item.contains('}') || item.trim_end().ends_with(';')) {
                    break;
                }
            }
            continue;
        }
        out.push((n + 1, line));
    }
    out
}

/// The layer named by each `crate::LAYER` on a line, with the path as written.
fn layers_named(line: &str) -> Vec<(String, String)> {
    let code = line.split("//").next().unwrap_or("");
    code.match_indices("crate::")
        .filter(|(at, _)| !code[..*at].ends_with('$'))
        .map(|(at, _)| {
            let path: String = code[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let layer = path["crate::".len()..].split("::").next().unwrap_or("").to_string();
            (layer, path)
        })
        .collect()
}

#[test]
fn each_layer_names_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut violations = Vec::new();
    let mut checked = 0;
    for (layer, below) in LAYERS {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        assert!(!files.is_empty(), "src/{layer} has no sources");
        for file in files.iter().filter(|f| !f.ends_with("tests.rs")) {
            let text = std::fs::read_to_string(file).unwrap();
            for (n, line) in non_test_lines(&text) {
                for (named, path) in layers_named(line) {
                    checked += 1;
                    let allowed = named == *layer
                        || below.contains(&named.as_str())
                        || !LAYERS.iter().any(|(l, _)| *l == named)
                        || EXCEPTIONS.iter().any(|(l, p)| l == layer && path.starts_with(p));
                    if !allowed {
                        violations.push(format!("{}:{n}: {layer} names {path}", file.display()));
                    }
                }
            }
        }
    }
    assert!(checked > 100, "the scan found only {checked} crate paths");
    assert!(violations.is_empty(), "imports against the layering:\n{}", violations.join("\n"));
}

#[test]
fn the_scan_sees_an_upward_import_and_skips_test_code() {
    let source = "use crate::rules::Severity;\nfn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::cli::x;\n    fn g() { if a { } }\n}\nuse crate::knowledge::y; // after the tests\n";
    let named: Vec<String> =
        non_test_lines(source).into_iter().flat_map(|(_, l)| layers_named(l)).map(|(layer, _)| layer).collect();
    assert_eq!(named, ["rules", "knowledge"]);
    assert_eq!(layers_named("    $crate::rules::RuleMeta { // crate::lsp"), []);
}
