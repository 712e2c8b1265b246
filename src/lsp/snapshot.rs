//! An immutable picture of one document at one revision: its text, the analysis, the findings and
//! the diagnostics built from them. Requests read snapshots; they never touch the live rope.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, OnceLock};

use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};

use super::convert::{self, Encoding};
use super::fault;
use crate::analysis::layout::Format;
use crate::analysis::{Analysis, Analyzer};
use crate::config::Config;
use crate::rules::{self, Finding, Severity};

/// Where the rules' docs are published (the doc comments of `src/rules/*.rs`).
const RULE_DOCS_BASE: &str = "https://docs.rs/copydesk/latest/copydesk/rules";

pub struct Snapshot {
    pub uri: Uri,
    /// The client's version of the text analysed.
    pub version: i32,
    /// Bumped on every edit and configuration change; orders snapshots of the same version.
    pub revision: u64,
    pub rope: Rope,
    pub encoding: Encoding,
    pub analysis: Analysis,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    /// The configuration the findings were made with (hovers read its people list).
    pub config: Arc<Config>,
}

impl Snapshot {
    /// 1-based line of a byte offset, for cards and messages.
    pub fn line_of(&self, offset: u32) -> usize {
        self.rope
            .byte_to_line((offset as usize).min(self.rope.len_bytes()))
            + 1
    }

    pub fn text(&self) -> &str {
        &self.analysis.text
    }
}

/// What to analyse.
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub revision: u64,
    pub rope: Rope,
    pub format: Format,
    pub config: Arc<Config>,
    pub encoding: Encoding,
}

/// Analyses a document. A panic in the core or the rules is caught and returned as `Err` with its
/// message; the analyzer's cache is then reset, since the panic may have left it half updated.
pub fn build(analyzer: &mut Analyzer, job: Job) -> Result<Snapshot, String> {
    let started = std::time::Instant::now();
    let run = catch_unwind(AssertUnwindSafe(|| {
        // `String::from` copies the rope's chunks in one go; `to_string` would go through
        // `Display`, several times slower on a large draft.
        let text = String::from(&job.rope);
        fault::inject_for_text("analysis", &text);
        let mut analysis = analyzer.analyze(&text, job.format);
        crate::knowledge::places::type_configured_places(&mut analysis, &job.config);
        let findings = rules::check(&analysis, &job.config);
        (analysis, findings)
    }));
    match run {
        Ok((analysis, findings)) => {
            let analysed = started.elapsed();
            let diagnostics: Vec<Diagnostic> = findings
                .iter()
                .map(|f| diagnostic(&job.rope, &job.uri, f, job.encoding))
                .collect();
            tracing::debug!(
                version = job.version,
                bytes = job.rope.len_bytes(),
                analysis_us = analysed.as_micros() as u64,
                total_us = started.elapsed().as_micros() as u64,
                findings = findings.len(),
                "analysed"
            );
            Ok(Snapshot {
                uri: job.uri,
                version: job.version,
                revision: job.revision,
                rope: job.rope,
                encoding: job.encoding,
                analysis,
                findings,
                diagnostics,
                config: job.config,
            })
        }
        Err(panic) => {
            *analyzer = Analyzer::default();
            Err(panic_message(&*panic))
        }
    }
}

pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Link to a rule's doc page: `unattributed-quote` -> `.../unattributed_quote/struct.UnattributedQuote.html`.
pub fn rule_doc_url(code: &str) -> String {
    let module = code.replace('-', "_");
    let type_name: String = code
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    format!("{RULE_DOCS_BASE}/{module}/struct.{type_name}.html")
}

/// The doc link of a rule, parsed once per code rather than once per finding.
fn code_description(code: &'static str) -> Option<CodeDescription> {
    static LINKS: OnceLock<HashMap<&'static str, Option<CodeDescription>>> = OnceLock::new();
    let parse = |code: &str| rule_doc_url(code).parse().ok().map(|href| CodeDescription { href });
    let links = LINKS.get_or_init(|| {
        rules::RULES
            .iter()
            .map(|r| (r.meta().code, parse(r.meta().code)))
            .collect()
    });
    match links.get(code) {
        Some(link) => link.clone(),
        None => parse(code),
    }
}

pub fn diagnostic(rope: &Rope, uri: &Uri, f: &Finding, enc: Encoding) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: convert::range(rope, r.span, enc),
            },
            message: r.message.clone(),
        })
        .collect();
    Diagnostic {
        range: convert::range(rope, f.span, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.code.to_string())),
        code_description: code_description(f.code),
        source: Some("copydesk".into()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_doc_urls_name_the_rule_struct() {
        assert_eq!(
            rule_doc_url("unattributed-quote"),
            "https://docs.rs/copydesk/latest/copydesk/rules/unattributed_quote/struct.UnattributedQuote.html"
        );
    }
}
