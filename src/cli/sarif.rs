//! SARIF 2.1.0 output, for code-scanning dashboards: one log, one run, every rule described in
//! `tool.driver.rules`, every finding a `result` pointing into an `artifact`.
//!
//! Columns are counted in characters (`columnKind: unicodeCodePoints`, SARIF §3.14.17); regions
//! also carry byte offsets, which are exact whatever the reader's idea of a character.
//!
//! The log is streamed: the results are written as each draft is checked, and only one small
//! artifact entry per draft is kept for the end, so that 50,000 drafts take about the memory the
//! human output takes. Artifact URIs are relative to `%SRCROOT%` (the working directory, given in
//! `run.originalUriBaseIds`), as code-scanning dashboards expect; a path outside it stays an
//! absolute `file://` URI.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde_json::{json, Value};

use super::json::write_line_safe;
use super::report::{Checked, Reporter, Summary};
use crate::analysis::layout::Format;
use crate::analysis::span::Span;
use crate::rules::{Finding, Severity, RULES};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base the relative artifact URIs are resolved against.
const SRCROOT: &str = "%SRCROOT%";

/// What is kept of each draft until the end: its artifact entry.
struct Artifact {
    location: Location,
    length: usize,
    format: Format,
}

/// An artifact's URI, relative to [`SRCROOT`] or absolute.
#[derive(Clone)]
struct Location {
    uri: String,
    relative: bool,
}

impl Location {
    fn to_json(&self, index: Option<usize>) -> Value {
        let mut location = json!({"uri": self.uri});
        if self.relative {
            location["uriBaseId"] = json!(SRCROOT);
        }
        if let Some(index) = index {
            location["index"] = json!(index);
        }
        location
    }
}

pub struct SarifReport {
    /// The working directory, which relative draft names are relative to.
    root: Option<PathBuf>,
    /// The log's opening and the first result are written.
    opened: bool,
    results: usize,
    artifacts: Vec<Artifact>,
    notifications: Vec<Value>,
}

impl Default for SarifReport {
    fn default() -> SarifReport {
        SarifReport::with_root(std::env::current_dir().ok())
    }
}

impl SarifReport {
    /// A report whose `%SRCROOT%` is `root` (the working directory, unless a test says).
    pub fn with_root(root: Option<PathBuf>) -> SarifReport {
        SarifReport { root, opened: false, results: 0, artifacts: Vec::new(), notifications: Vec::new() }
    }

    /// The URI of a draft named `name`: relative to the root when it is inside it.
    fn location(&self, name: &str) -> Location {
        let path = Path::new(name);
        let relative = if path.is_absolute() {
            self.root.as_deref().and_then(|root| path.strip_prefix(root).ok()).map(Path::to_path_buf)
        } else {
            Some(path.components().filter(|c| *c != Component::CurDir).collect())
        };
        match relative {
            Some(relative) => Location { uri: uri_for(&relative.to_string_lossy()), relative: true },
            None => Location { uri: uri_for(name), relative: false },
        }
    }

    /// Writes everything before the first result: the log, the run, the tool and the base URI.
    fn open(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.opened {
            return Ok(());
        }
        self.opened = true;
        let mut bases = serde_json::Map::new();
        if let Some(root) = &self.root {
            let mut uri = uri_for(&root.to_string_lossy());
            if !uri.ends_with('/') {
                uri.push('/');
            }
            bases.insert(SRCROOT.into(), json!({"uri": uri}));
        }
        write!(out, "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":")?;
        write_line_safe(&mut *out, &json!({"driver": driver()}))?;
        out.write_all(b",\"columnKind\":\"unicodeCodePoints\",\"originalUriBaseIds\":")?;
        write_line_safe(&mut *out, &Value::Object(bases))?;
        out.write_all(b",\"results\":[")
    }

    fn result(&mut self, out: &mut dyn Write, result: &Value) -> io::Result<()> {
        out.write_all(if self.results == 0 { b"\n" } else { b",\n" })?;
        self.results += 1;
        write_line_safe(&mut *out, result)
    }
}

impl Reporter for SarifReport {
    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        self.open(out)?;
        let artifact_index = self.artifacts.len();
        let artifact = self.location(file.name);
        let at = artifact.to_json(Some(artifact_index));
        let location = |span: Span| -> Value {
            json!({"physicalLocation": {
                "artifactLocation": at.clone(),
                "region": region(file, span),
            }})
        };
        for f in file.findings {
            let mut result = json!({
                "ruleId": f.code,
                "level": level(f.severity),
                "message": {"text": &*f.message},
                "locations": [location(f.span)],
            });
            if let Some(rule_index) = RULES.iter().position(|r| r.meta().code == f.code) {
                result["ruleIndex"] = json!(rule_index);
            }
            if !f.related.is_empty() {
                let related: Vec<Value> = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(id, r)| {
                        let mut loc = location(r.span);
                        loc["id"] = json!(id);
                        loc["message"] = json!({"text": &*r.message});
                        loc
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            if !f.fixes.is_empty() {
                result["fixes"] = fixes(file, f, &at);
            }
            self.result(out, &result)?;
        }
        self.artifacts.push(Artifact {
            location: artifact,
            length: file.analysis.text.len(),
            format: file.analysis.format,
        });
        Ok(())
    }

    fn input_error(&mut self, name: &str, message: &str) {
        let location = self.location(name).to_json(None);
        self.notifications.push(json!({
            "level": "error",
            "message": {"text": format!("{name}: {message}")},
            "locations": [{"physicalLocation": {"artifactLocation": location}}],
        }));
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.open(out)?;
        out.write_all(b"\n],\"artifacts\":[")?;
        for (i, artifact) in std::mem::take(&mut self.artifacts).into_iter().enumerate() {
            let (mime_type, language) = match artifact.format {
                Format::Markdown => ("text/markdown", "markdown"),
                Format::Plain => ("text/plain", "plaintext"),
            };
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            write_line_safe(&mut *out, &json!({
                "location": artifact.location.to_json(None), "length": artifact.length,
                "encoding": "utf-8", "mimeType": mime_type, "sourceLanguage": language,
            }))?;
        }
        out.write_all(b"\n],\"invocations\":")?;
        write_line_safe(&mut *out, &json!([{
            "executionSuccessful": self.notifications.is_empty(),
            "toolExecutionNotifications": std::mem::take(&mut self.notifications),
        }]))?;
        out.write_all(b"}]}\n")
    }
}

/// `tool.driver`: copydesk and every rule it has, whether or not it fired.
fn driver() -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            let m = rule.meta();
            json!({
                "id": m.code,
                "name": pascal_case(m.code),
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": first_section(m.doc)},
                "help": {"text": m.doc_markdown(), "markdown": m.doc_markdown()},
                "defaultConfiguration": {"level": level(m.default_severity)},
            })
        })
        .collect();
    json!({
        "name": "copydesk",
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    })
}

/// The text under `## What it does`: SARIF's full description is prose, the help is the whole doc.
fn first_section(doc: &str) -> String {
    let body = doc.split("## What it does").nth(1).unwrap_or(doc);
    let body = body.split("\n## ").next().unwrap_or(body);
    body.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `unattributed-quote` -> `UnattributedQuote`: SARIF's `name` is an identifier-like label.
fn pascal_case(code: &str) -> String {
    code.split('-')
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map_or_else(String::new, |c| c.to_ascii_uppercase().to_string() + chars.as_str())
        })
        .collect()
}

/// SARIF has `error`, `warning` and `note` (and `none`); hints and information are notes.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A text region (1-based lines, character columns, `endColumn` exclusive) with its byte range
/// and the text it covers.
fn region(file: &Checked, span: Span) -> Value {
    let text = &*file.analysis.text;
    let start = file.lines.line_col(span.start as usize);
    let end = file.lines.line_col(span.end as usize);
    json!({
        "startLine": start.line, "startColumn": start.column,
        "endLine": end.line, "endColumn": end.column,
        "byteOffset": span.start, "byteLength": span.len(),
        "snippet": {"text": span.text(text)},
    })
}

fn fixes(file: &Checked, f: &Finding, artifact: &Value) -> Value {
    let fixes: Vec<Value> = f
        .fixes
        .iter()
        .map(|fix| {
            let replacements: Vec<Value> = fix
                .edits
                .iter()
                .map(|e| {
                    json!({
                        "deletedRegion": region(file, e.span),
                        "insertedContent": {"text": e.replacement},
                    })
                })
                .collect();
            json!({
                "description": {"text": fix.title},
                "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
            })
        })
        .collect();
    json!(fixes)
}

/// A URI reference for a path: relative paths stay relative (dashboards resolve them against the
/// checkout), absolute ones become `file://` URIs; bytes outside the unreserved set are
/// percent-encoded, and Windows separators become `/`.
pub fn uri_for(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/');
    let windows_drive = path.as_bytes().get(1) == Some(&b':') && path.as_bytes()[0].is_ascii_alphabetic();
    let mut uri = String::with_capacity(path.len() + 8);
    if absolute {
        uri.push_str("file://");
    } else if windows_drive {
        uri.push_str("file:///");
    }
    for (i, b) in path.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (windows_drive && i == 1 && b == b':');
        if keep {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded_references() {
        assert_eq!(uri_for("drafts/a b.md"), "drafts/a%20b.md");
        assert_eq!(uri_for("/tmp/x.txt"), "file:///tmp/x.txt");
        assert_eq!(uri_for("C:\\news\\x.txt"), "file:///C:/news/x.txt");
        assert_eq!(uri_for("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri_for("café.md"), "caf%C3%A9.md");
    }

    #[test]
    fn draft_names_become_srcroot_relative_uris() {
        let report = SarifReport::with_root(Some(PathBuf::from("/ws/news")));
        let at = |name: &str| {
            let l = report.location(name);
            (l.uri, l.relative)
        };
        assert_eq!(at("./drafts/a b.md"), ("drafts/a%20b.md".into(), true));
        assert_eq!(at("/ws/news/drafts/x.txt"), ("drafts/x.txt".into(), true));
        assert_eq!(at("/elsewhere/x.txt"), ("file:///elsewhere/x.txt".into(), false));
        assert_eq!(at("<stdin>"), ("%3Cstdin%3E".into(), true));
    }

    /// Each draft's results are written when it is checked, not gathered for the end: what is
    /// kept is one artifact entry per draft.
    #[test]
    fn results_are_written_as_each_draft_is_checked() {
        let text = "Fares rise by TK per cent, the council said.\n";
        let analysis = crate::analysis::analyze(text, Format::Plain);
        let config = crate::config::Config::default();
        let findings = crate::rules::check(&analysis, &config);
        let lines = super::super::lines::LineIndex::new(text);
        let file = Checked { name: "a.txt", analysis: &analysis, findings: &findings, lines: &lines, config: &config };
        let mut report = SarifReport::with_root(Some(PathBuf::from("/ws")));
        let mut out = Vec::new();
        report.file(&mut out, &file).unwrap();
        let so_far = String::from_utf8(out.clone()).unwrap();
        assert!(so_far.contains("\"ruleId\":\"leftover-placeholder\""), "{so_far}");
        report.finish(&mut out, &Summary::default()).unwrap();
        let log: Value = serde_json::from_slice(&out).unwrap();
        let run = &log["runs"][0];
        assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///ws/");
        assert_eq!(run["artifacts"][0]["location"], json!({"uri": "a.txt", "uriBaseId": "%SRCROOT%"}));
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("unattributed-quote"), "UnattributedQuote");
    }

    #[test]
    fn full_description_is_the_first_section() {
        let doc = "## What it does\nFlags a thing\nacross lines.\n\n## Why it matters\nBecause.";
        assert_eq!(first_section(doc), "Flags a thing across lines.");
    }
}
