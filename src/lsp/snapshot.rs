//! An immutable picture of one document at one revision: its text, the analysis, the findings and
//! the diagnostics built from them. Requests read snapshots; they never touch the live rope.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, OnceLock};

use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Range, Uri,
};

use super::convert::{self, Encoding};
use super::fault;
use crate::analysis::layout::Format;
use crate::analysis::sources::{Gender, GenderEvidence, Genders, Source};
use crate::analysis::Analysis;
use crate::config::Config;
use crate::rules::{self, Checker, Finding, Severity};

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
    /// The source inventory and every person's gender, made on the first request that needs them
    /// and kept for the snapshot's life: hovers and code lenses ask again and again.
    pub inventory: Inventory,
}

/// What the code lens and the person hover read of the source inventory, computed once.
#[derive(Default)]
pub struct Inventory {
    sources: OnceLock<Vec<Source>>,
    genders: OnceLock<Genders>,
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

    /// Who the draft quotes ([`Config::inventory`]), computed once per snapshot.
    pub fn sources(&self) -> &[Source] {
        self.inventory.sources.get_or_init(|| self.config.inventory(&self.analysis))
    }

    /// A person's gender and its evidence ([`Config::genders`]), computed once per snapshot.
    pub fn person_gender(&self, entity: usize) -> (Gender, &[GenderEvidence]) {
        self.inventory.genders.get_or_init(|| self.config.genders(&self.analysis)).of(entity)
    }
}

/// What to analyse.
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub revision: u64,
    pub rope: Rope,
    /// The rope's contents. Shared with the document, which edits it in place again once no job
    /// holds it (see [`super::documents::Document::text`]).
    pub text: Arc<String>,
    pub format: Format,
    pub config: Arc<Config>,
    pub encoding: Encoding,
}

/// Analyses a document. A panic in the core or the rules is caught and returned as `Err` with its
/// message; the checker's caches are then reset, since the panic may have left them half updated.
pub fn build(checker: &mut Checker, job: Job) -> Result<Snapshot, String> {
    let started = std::time::Instant::now();
    let Job {
        uri,
        version,
        revision,
        rope,
        text,
        format,
        config,
        encoding,
    } = job;
    let run = catch_unwind(AssertUnwindSafe(|| {
        fault::inject_for_text("analysis", &text);
        checker.check(&text, format, &config)
    }));
    // Let go of the document's text as soon as possible, so that the next edit finds it unshared.
    drop(text);
    match run {
        Ok((analysis, findings)) => {
            let analysed = started.elapsed();
            let diagnostics = self::diagnostics(&rope, &analysis.text, &uri, &findings, encoding);
            tracing::debug!(
                version,
                bytes = rope.len_bytes(),
                analysis_us = analysed.as_micros() as u64,
                total_us = started.elapsed().as_micros() as u64,
                findings = findings.len(),
                "analysed"
            );
            Ok(Snapshot {
                uri,
                version,
                revision,
                rope,
                encoding,
                analysis,
                findings,
                diagnostics,
                config,
                inventory: Inventory::default(),
            })
        }
        Err(panic) => {
            *checker = Checker::default();
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
    let parse = |code: &str| {
        rule_doc_url(code)
            .parse()
            .ok()
            .map(|href| CodeDescription { href })
    };
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
    diagnostic_with(uri, f, |span| convert::range(rope, span, enc))
}

/// The diagnostics of many findings, the same as [`diagnostic`] on each, with every position
/// converted in one sorted sweep. `text` is the rope's contents.
pub fn diagnostics(
    rope: &Rope,
    text: &str,
    uri: &Uri,
    findings: &[Finding],
    enc: Encoding,
) -> Vec<Diagnostic> {
    let offsets = findings.iter().flat_map(|f| {
        std::iter::once(f.span)
            .chain(f.related.iter().map(|r| r.span))
            .flat_map(|s| [s.start, s.end])
    });
    let positions = convert::Positions::new(rope, text, enc, offsets);
    findings
        .iter()
        .map(|f| diagnostic_with(uri, f, |span| positions.range(rope, span, enc)))
        .collect()
}

fn diagnostic_with(
    uri: &Uri,
    f: &Finding,
    range: impl Fn(crate::analysis::span::Span) -> Range,
) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: range(r.span),
            },
            message: r.message.clone(),
        })
        .collect();
    Diagnostic {
        range: range(f.span),
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
