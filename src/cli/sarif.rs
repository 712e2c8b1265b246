//! SARIF 2.1.0 output, for code-scanning dashboards: one log, one run, every rule described in
//! `tool.driver.rules`, every finding a `result` pointing into an `artifact`.
//!
//! Columns are counted in characters (`columnKind: unicodeCodePoints`, SARIF §3.14.17); regions
//! also carry byte offsets, which are exact whatever the reader's idea of a character.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::report::{Checked, Reporter, Summary};
use crate::analysis::layout::Format;
use crate::analysis::span::Span;
use crate::rules::{Finding, Severity, RULES};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Default)]
pub struct SarifReport {
    artifacts: Vec<Value>,
    results: Vec<Value>,
    notifications: Vec<Value>,
}

impl Reporter for SarifReport {
    fn file(&mut self, _out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        let artifact_index = self.artifacts.len();
        let uri = uri_for(file.name);
        let (mime_type, language) = match file.analysis.format {
            Format::Markdown => ("text/markdown", "markdown"),
            Format::Plain => ("text/plain", "plaintext"),
        };
        self.artifacts.push(json!({
            "location": {"uri": uri}, "length": file.analysis.text.len(), "encoding": "utf-8",
            "mimeType": mime_type, "sourceLanguage": language,
        }));
        let location = |span: Span| -> Value {
            json!({"physicalLocation": {
                "artifactLocation": {"uri": uri, "index": artifact_index},
                "region": region(file, span),
            }})
        };
        for f in file.findings {
            let mut result = json!({
                "ruleId": f.code,
                "level": level(f.severity),
                "message": {"text": f.message},
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
                        loc["message"] = json!({"text": r.message});
                        loc
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            if !f.fixes.is_empty() {
                result["fixes"] = fixes(file, f, &uri, artifact_index);
            }
            self.results.push(result);
        }
        Ok(())
    }

    fn input_error(&mut self, name: &str, message: &str) {
        self.notifications.push(json!({
            "level": "error",
            "message": {"text": format!("{name}: {message}")},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri_for(name)}}}],
        }));
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": driver()},
                "invocations": [{
                    "executionSuccessful": self.notifications.is_empty(),
                    "toolExecutionNotifications": std::mem::take(&mut self.notifications),
                }],
                "columnKind": "unicodeCodePoints",
                "artifacts": std::mem::take(&mut self.artifacts),
                "results": std::mem::take(&mut self.results),
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        out.write_all(b"\n")
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
                "help": {"text": m.doc.trim(), "markdown": m.doc.trim()},
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

fn fixes(file: &Checked, f: &Finding, uri: &str, artifact_index: usize) -> Value {
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
                "artifactChanges": [{"artifactLocation": {"uri": uri, "index": artifact_index},
                                     "replacements": replacements}],
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
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("unattributed-quote"), "UnattributedQuote");
    }

    #[test]
    fn full_description_is_the_first_section() {
        let doc = "## What it does\nFlags a thing\nacross lines.\n\n## Why it matters\nBecause.";
        assert_eq!(first_section(doc), "Flags a thing across lines.");
    }
}
