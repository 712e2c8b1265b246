//! An immutable picture of one document at one revision: its text, the analysis, the findings and
//! the diagnostics built from them. Requests read snapshots; they never touch the live rope.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use ropey::Rope;
use serde_json::value::RawValue;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Range, Uri,
};

use super::convert::{self, Encoding};
use super::fault;
use crate::analysis::layout::Format;
use crate::analysis::sources::{Gender, GenderEvidence, Genders, Source};
use crate::analysis::span::Span;
use crate::analysis::recycle::Recycler;
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
    /// The optional diagnostic fields the client accepts, which `diagnostics` carry.
    pub fields: DiagnosticFields,
    pub analysis: Analysis,
    pub findings: Vec<Finding>,
    /// One per finding, in the same order.
    pub diagnostics: Vec<SentDiagnostic>,
    /// The configuration the findings were made with (hovers read its people list).
    pub config: Arc<Config>,
    /// The source inventory and every person's gender, made on the first request that needs them
    /// and kept for the snapshot's life: hovers and code lenses ask again and again.
    pub inventory: Inventory,
    /// Where the analysis goes when the snapshot is freed (see [`Snapshot::free`]).
    pub recycler: Recycler,
}

/// The optional parts of a diagnostic that the client declared it accepts (LSP 3.17,
/// `PublishDiagnosticsClientCapabilities`): `relatedInformation` and `codeDescription` are sent
/// only to a client that asked for them. In a long draft they are over half of each
/// `publishDiagnostics` message, which the client must read and parse on every keystroke.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DiagnosticFields {
    /// `relatedInformation`: the other places a finding points at (the candidates of an
    /// ambiguous attribution, the earlier spelling of a name).
    pub related_information: bool,
    /// `codeDescription`: the link to the rule's documentation.
    pub code_description: bool,
}

impl DiagnosticFields {
    /// Every optional field, for a client that accepts them all.
    pub const ALL: DiagnosticFields = DiagnosticFields {
        related_information: true,
        code_description: true,
    };
}

/// A diagnostic as published, with its JSON made at most once. A keystroke that only moved a
/// finding along its line (or left it alone) hands the very same diagnostic to the next snapshot
/// (see [`diagnostics_after`]), so the `publishDiagnostics` of a long draft is mostly JSON copied
/// from the last one: serialising 3,000 diagnostics afresh took 4 ms per keystroke.
#[derive(Clone)]
pub struct SentDiagnostic(Arc<Sent>);

struct Sent {
    diagnostic: Diagnostic,
    json: OnceLock<Box<RawValue>>,
}

impl SentDiagnostic {
    /// The diagnostic as JSON, serialised on the first call, in ASCII alone (see
    /// [`super::ascii_json`]: the client reads a long draft's diagnostics faster so).
    pub fn json(&self) -> &RawValue {
        self.0.json.get_or_init(|| {
            // A `Diagnostic` has no map with non-string keys and no fallible field.
            let json = serde_json::value::to_raw_value(&self.0.diagnostic).expect("a Diagnostic serialises");
            if json.get().is_ascii() {
                return json;
            }
            RawValue::from_string(super::ascii_json::escape_beyond_ascii(json.get())).expect("escaped JSON is JSON")
        })
    }
}

impl From<Diagnostic> for SentDiagnostic {
    fn from(diagnostic: Diagnostic) -> Self {
        SentDiagnostic(Arc::new(Sent {
            diagnostic,
            json: OnceLock::new(),
        }))
    }
}

impl Deref for SentDiagnostic {
    type Target = Diagnostic;
    fn deref(&self) -> &Diagnostic {
        &self.0.diagnostic
    }
}

impl PartialEq for SentDiagnostic {
    fn eq(&self, other: &Self) -> bool {
        self.0.diagnostic == other.0.diagnostic
    }
}

impl PartialEq<Diagnostic> for SentDiagnostic {
    fn eq(&self, other: &Diagnostic) -> bool {
        self.0.diagnostic == *other
    }
}

impl std::fmt::Debug for SentDiagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.diagnostic.fmt(f)
    }
}

impl serde::Serialize for SentDiagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(serializer)
    }
}

/// What the code lens and the person hover read of the source inventory, computed once.
#[derive(Default)]
pub struct Inventory(OnceLock<(Vec<Source>, Genders)>);

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

    /// Frees the snapshot, handing its analysis's largest lists to the next analysis of its
    /// document.
    pub fn free(self) {
        self.recycler.give(self.analysis);
    }

    /// Who the draft quotes and every person's gender, from one reading of the draft's gender
    /// evidence ([`Config::inventory_and_genders`]), once per snapshot.
    fn inventory(&self) -> &(Vec<Source>, Genders) {
        self.inventory.0.get_or_init(|| self.config.inventory_and_genders(&self.analysis))
    }

    /// Who the draft quotes, computed once per snapshot.
    pub fn sources(&self) -> &[Source] {
        &self.inventory().0
    }

    /// A person's gender and its evidence, as the inventory gives it, computed once per snapshot.
    pub fn person_gender(&self, entity: usize) -> (Gender, &[GenderEvidence]) {
        self.inventory().1.of(entity)
    }
}

/// What to analyse.
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub revision: u64,
    pub rope: Rope,
    /// The rope's contents. Shared with the document, and then held by the analysis as its text:
    /// the document's next edit is made in a copy (see [`super::documents::apply_changes_shared`]).
    pub text: Arc<String>,
    pub format: Format,
    /// How `text` differs from the text of the job made before this one for the same document,
    /// as the editor's changes say (`None`: not known); the analyser then need not compare them.
    pub edit: Option<crate::analysis::Unchanged>,
    pub config: Arc<Config>,
    pub encoding: Encoding,
    pub fields: DiagnosticFields,
}

/// Analyses a document. A panic in the core or the rules is caught and returned as `Err` with its
/// message; the checker's caches are then reset, since the panic may have left them half updated.
pub fn build(checker: &mut Checker, job: Job) -> Result<Snapshot, String> {
    build_after(checker, job, None)
}

/// [`build`], reusing the diagnostics of the document's `previous` snapshot for findings the
/// edit only moved (see [`diagnostics_after`]).
pub fn build_after(checker: &mut Checker, job: Job, previous: Option<&Snapshot>) -> Result<Snapshot, String> {
    let started = std::time::Instant::now();
    let Job {
        uri,
        version,
        revision,
        rope,
        text,
        format,
        edit: told,
        config,
        encoding,
        fields,
    } = job;
    let run = catch_unwind(AssertUnwindSafe(|| {
        fault::inject_for_text("analysis", &text);
        let checked = checker.check_edited(text.clone(), format, &config, told);
        (checked, checker.take_edit())
    }));
    // The analysis holds the text from here on (the document's, not a copy).
    drop(text);
    match run {
        Ok(((analysis, findings), edit)) => {
            let analysed = started.elapsed();
            let diagnostics = match previous {
                Some(previous) => {
                    let old = &previous.analysis.text;
                    let unchanged = crate::analysis::TextEdit::unchanged_between(edit.as_ref(), old, &analysis.text);
                    drop(edit);
                    let target = DiagnosticTarget { rope: &rope, text: &analysis.text, uri: &uri, encoding, fields };
                    diagnostics_after(previous, unchanged, target, &findings)
                }
                None => self::diagnostics(DiagnosticTarget { rope: &rope, text: &analysis.text, uri: &uri, encoding, fields }, &findings),
            };
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
                fields,
                analysis,
                findings,
                diagnostics,
                config,
                inventory: Inventory::default(),
                recycler: checker.recycler(),
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

/// A finding's diagnostic with every optional field.
pub fn diagnostic(rope: &Rope, uri: &Uri, f: &Finding, enc: Encoding) -> Diagnostic {
    diagnostic_with(uri, f, DiagnosticFields::ALL, |span| convert::range(rope, span, enc))
}

/// The offsets whose positions the diagnostics of `findings` need: their spans, and their
/// related spans if the client takes related information.
fn offsets<'a>(findings: impl Iterator<Item = &'a Finding> + 'a, fields: DiagnosticFields) -> impl Iterator<Item = u32> + 'a {
    findings.flat_map(move |f| {
        let related = if fields.related_information { &f.related[..] } else { &[] };
        std::iter::once(f.span)
            .chain(related.iter().map(|r| r.span))
            .flat_map(|s| [s.start, s.end])
    })
}

/// The document diagnostics are made for, and how its client takes them.
#[derive(Clone, Copy)]
pub struct DiagnosticTarget<'a> {
    pub rope: &'a Rope,
    /// The rope's contents as one string (the analysis's text).
    pub text: &'a str,
    pub uri: &'a Uri,
    pub encoding: Encoding,
    pub fields: DiagnosticFields,
}

/// The diagnostics of many findings, the same as [`diagnostic`] on each, with every position
/// converted in one sorted sweep.
pub fn diagnostics(target: DiagnosticTarget, findings: &[Finding]) -> Vec<SentDiagnostic> {
    let DiagnosticTarget { rope, text, uri, encoding: enc, fields } = target;
    let positions = convert::Positions::new(rope, text, enc, offsets(findings.iter(), fields));
    findings
        .iter()
        .map(|f| diagnostic_with(uri, f, fields, |span| positions.range(rope, span, enc)).into())
        .collect()
}

/// [`diagnostics`], taking the diagnostic of each finding that the edit since `previous` only
/// moved from `previous`, with its lines moved: a keystroke in a long draft converts the
/// positions of the findings near it, not of all of them. A finding qualifies when every span
/// of it lies wholly before the edit (its positions are unchanged), or wholly on lines after the
/// edited one (only their line numbers change, all by as much), and `previous` holds a finding
/// with the same code, severity, message and related messages at the old place. `u` is what the
/// edit from `previous`'s text to `target`'s left alone.
pub(crate) fn diagnostics_after(
    previous: &Snapshot,
    u: crate::analysis::Unchanged,
    target: DiagnosticTarget,
    findings: &[Finding],
) -> Vec<SentDiagnostic> {
    let DiagnosticTarget { rope, text, uri, encoding: enc, fields } = target;
    if previous.encoding != enc
        || previous.fields != fields
        || previous.uri != *uri
        || previous.findings.len() != previous.diagnostics.len()
    {
        return diagnostics(target, findings);
    }
    let grew = u.delta();
    // The first line that starts after the edit with its whole line break after it too (a line
    // break is at most 3 bytes): from there on, old and new lines hold the same bytes.
    let edit_end = u.new_end();
    let probe = (edit_end + 3).min(u.new_len);
    let next_line = rope.byte_to_line(probe) + 1;
    let after = (next_line < rope.len_lines()).then(|| {
        let new_start = rope.line_to_byte(next_line);
        let old_start = (new_start as i64 - grew) as usize;
        let old_line = previous.rope.byte_to_line(old_start);
        (new_start, old_start, next_line as i64 - old_line as i64)
    });
    // Where a new span was, if the edit left it (and its position's meaning) alone; and how many
    // lines it moved.
    let was = |span: Span| -> Option<(Span, i64)> {
        if (span.end as usize) < u.prefix {
            return Some((span, 0));
        }
        let (new_start, _, lines) = after?;
        (span.start as usize >= new_start).then(|| (span.moved_by(-grew), lines))
    };
    let mut out: Vec<Option<SentDiagnostic>> = Vec::with_capacity(findings.len());
    let mut fresh: Vec<&Finding> = Vec::new();
    // Both lists are sorted by span and code, and the edit moves the old places of the findings
    // that qualify in order: each twin is sought from where the last one was, walking forward
    // (a binary search per finding touched a dozen far-apart old findings: on a 10 MB draft,
    // half a millisecond of cache misses). A finding out of that order is only made afresh.
    let old = &previous.findings;
    let mut cursor = 0;
    for f in findings {
        let reused = was(f.span).and_then(|(old_span, lines)| {
            let related: Option<Vec<Span>> = f.related.iter().map(|r| was(r.span).filter(|&(_, l)| l == lines).map(|(s, _)| s)).collect();
            let related = related?;
            while old.get(cursor).is_some_and(|o| (o.span, o.code) < (old_span, f.code)) {
                cursor += 1;
            }
            let i = (cursor..old.len())
                .take_while(|&i| old[i].span == old_span && old[i].code == f.code)
                .find(|&i| {
                    let o = &old[i];
                    let same = crate::analysis::same_text;
                    o.severity == f.severity
                        && same(&o.message, &f.message)
                        && o.related.len() == f.related.len()
                        && o.related.iter().zip(&f.related).zip(&related).all(|((o, n), &s)| o.span == s && same(&o.message, &n.message))
                })?;
            if lines == 0 {
                return Some(previous.diagnostics[i].clone());
            }
            let mut d = Diagnostic::clone(&previous.diagnostics[i]);
            {
                let shift = |p: &mut tower_lsp_server::ls_types::Position| p.line = (p.line as i64 + lines) as u32;
                shift(&mut d.range.start);
                shift(&mut d.range.end);
                for r in d.related_information.iter_mut().flatten() {
                    shift(&mut r.location.range.start);
                    shift(&mut r.location.range.end);
                }
            }
            Some(d.into())
        });
        if reused.is_none() {
            fresh.push(f);
        }
        out.push(reused);
    }
    let positions = convert::Positions::new(rope, text, enc, offsets(fresh.iter().copied(), fields));
    out.into_iter()
        .zip(findings)
        .map(|(d, f)| d.unwrap_or_else(|| diagnostic_with(uri, f, fields, |span| positions.range(rope, span, enc)).into()))
        .collect()
}

/// [`diagnostics`] for a text that follows `previous`'s, the way the server makes them after an
/// edit ([`build_after`]), comparing the two texts here (the server reuses the analysis's
/// comparison): for profiles and tests outside the crate.
pub fn diagnostics_since(
    previous: &Snapshot,
    rope: &Rope,
    text: &Arc<String>,
    findings: &[Finding],
) -> Vec<SentDiagnostic> {
    diagnostics_since_edit(previous, None, rope, text, findings)
}

/// [`diagnostics_since`] reusing the analysis's comparison of the two texts (`edit`, from
/// [`crate::analysis::Analyzer::take_edit`]) when it compared these very texts, as the server does.
pub fn diagnostics_since_edit(
    previous: &Snapshot,
    edit: Option<&crate::analysis::TextEdit>,
    rope: &Rope,
    text: &Arc<String>,
    findings: &[Finding],
) -> Vec<SentDiagnostic> {
    let unchanged = crate::analysis::TextEdit::unchanged_between(edit, &previous.analysis.text, text);
    let target = DiagnosticTarget { rope, text, uri: &previous.uri, encoding: previous.encoding, fields: previous.fields };
    diagnostics_after(previous, unchanged, target, findings)
}

fn diagnostic_with(
    uri: &Uri,
    f: &Finding,
    fields: DiagnosticFields,
    range: impl Fn(crate::analysis::span::Span) -> Range,
) -> Diagnostic {
    let related = if fields.related_information { &f.related[..] } else { &[] };
    let related: Vec<DiagnosticRelatedInformation> = related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: range(r.span),
            },
            message: r.message.to_string(),
        })
        .collect();
    Diagnostic {
        range: range(f.span),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.code.to_string())),
        code_description: fields.code_description.then(|| code_description(f.code)).flatten(),
        source: Some("copydesk".into()),
        message: f.message.to_string(),
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A diagnostic naming `Łukasz Nowak` in `東京` goes out in ASCII alone, and reads back as it was.
    #[test]
    fn diagnostics_are_sent_in_ascii_alone() {
        let diagnostic = Diagnostic {
            message: "Łukasz Nowak is spelt Lukasz Nowak in 東京 😀".into(),
            code: Some(NumberOrString::String("name-variant".into())),
            ..Diagnostic::default()
        };
        let sent = SentDiagnostic::from(diagnostic.clone());
        let json = serde_json::to_string(&sent).unwrap();
        assert!(json.is_ascii(), "{json}");
        assert_eq!(serde_json::from_str::<Diagnostic>(&json).unwrap(), diagnostic);
    }

    /// Typing, a new line and a deleted line in the middle of a draft with findings before and
    /// after: the moved diagnostics are those of a fresh conversion.
    #[test]
    fn diagnostics_moved_from_the_last_snapshot_equal_fresh_ones() {
        let paragraph = "The port will close TK, officials said.\r\n\r\n\"We won\u{2028},\" she said. 😀 \"a fair\n\n";
        // A lead with related information too (an ambiguous attribution's two candidates).
        let lead = include_str!("../../tests/fixtures/rules/ambiguous-attribution.txt");
        let draft = format!("{lead}\n{}", paragraph.repeat(6));
        let mid = draft.len() / 2;
        let mid = (mid..).find(|&i| draft.is_char_boundary(i)).unwrap();
        let versions = [
            draft.clone(),
            format!("{}x{}", &draft[..mid], &draft[mid..]),
            format!("{}x\n{}", &draft[..mid], &draft[mid..]),
            format!("{}\r{}", &draft[..mid], &draft[mid..]),
            draft.replacen(paragraph, "", 1),
            draft.clone(),
        ];
        let modes = [Encoding::Utf8, Encoding::Utf16]
            .into_iter()
            .flat_map(|enc| [(enc, DiagnosticFields::ALL), (enc, DiagnosticFields::default())]);
        for (enc, fields) in modes {
            let uri: Uri = "file:///draft.txt".parse().unwrap();
            let mut checker = Checker::default();
            let mut previous: Option<Snapshot> = None;
            for (i, text) in versions.iter().enumerate() {
                let job = Job {
                    uri: uri.clone(),
                    version: i as i32,
                    revision: i as u64,
                    rope: Rope::from_str(text),
                    text: Arc::new(text.clone()),
                    format: Format::Plain,
                    edit: None,
                    config: Arc::new(Config::default()),
                    encoding: enc,
                    fields,
                };
                let snap = build_after(&mut checker, job, previous.as_ref()).unwrap();
                assert!(snap.findings.len() >= 12, "{}", snap.findings.len());
                let target = DiagnosticTarget { rope: &snap.rope, text: &snap.analysis.text, uri: &uri, encoding: enc, fields };
                let fresh = diagnostics(target, &snap.findings);
                assert_eq!(snap.diagnostics, fresh, "version {i}, {enc:?}, {fields:?}");
                // What is published: the JSON reused from the last snapshot (serialised below)
                // is that of the diagnostics themselves.
                let plain: Vec<Diagnostic> = fresh.iter().map(|d| Diagnostic::clone(d)).collect();
                assert_eq!(
                    serde_json::to_string(&snap.diagnostics).unwrap(),
                    serde_json::to_string(&plain).unwrap(),
                    "version {i}, {enc:?}, {fields:?}"
                );
                if let Some(previous) = &previous {
                    let since = diagnostics_since(previous, &snap.rope, &snap.analysis.text, &snap.findings);
                    assert_eq!(since, fresh, "version {i}, {enc:?}, {fields:?}");
                }
                let related = snap.diagnostics.iter().filter(|d| d.related_information.is_some()).count();
                let linked = snap.diagnostics.iter().filter(|d| d.code_description.is_some()).count();
                if fields == DiagnosticFields::ALL {
                    assert!(related > 0 && linked == snap.diagnostics.len(), "{related} {linked}");
                } else {
                    assert_eq!((related, linked), (0, 0));
                }
                previous = Some(snap);
            }
        }
    }

    #[test]
    fn rule_doc_urls_name_the_rule_struct() {
        assert_eq!(
            rule_doc_url("unattributed-quote"),
            "https://docs.rs/copydesk/latest/copydesk/rules/unattributed_quote/struct.UnattributedQuote.html"
        );
    }
}
