//! Rules: each turns the [`Analysis`] into findings a copy editor would raise.
//!
//! One module per rule, each declared with [`declare_rule!`] so that its doc comment (what it
//! catches, why it matters, a wrong and a right example) is kept as data for `copydesk rules` and
//! the editor's hover. Codes are stable: a rule's code is never reused for something else.

pub mod ambiguous_attribution;
pub mod anonymous_source;
pub mod dateline_needs_region;
pub mod dateline_state_style;
pub mod inline_control;
pub mod late_attribution;
pub mod leftover_placeholder;
pub mod loaded_attribution_verb;
pub mod malformed_dateline;
pub mod missing_dateline;
pub mod name_spelling;
pub mod name_variant;
mod paragraph_cache;
mod prose;
mod memo;
mod quote_memo;
mod text_search;
pub mod quote_differs_from_notes;
pub mod quote_not_in_notes;
pub mod quote_punctuation;
pub mod source_goal;
pub mod surname_before_full_name;
pub mod two_speakers_one_paragraph;
pub mod unknown_dateline_city;
pub mod unattributed_quote;
pub mod unbalanced_quote;

pub use self::paragraph_cache::{ParagraphContext, RuleCache};
pub use self::memo::DocMemo;
pub use self::quote_memo::QuoteMemo;
pub use self::text_search::TextSearch;

use std::sync::Arc;

use self::paragraph_cache::ParagraphRule;
use crate::analysis::layout::Format;
use crate::analysis::span::Span;
use crate::analysis::{Analysis, Analyzer, TextEdit};
use crate::config::{Config, RuleLevel};
// Severity is configuration's vocabulary too (`[rules]` levels), so it is defined there, below both.
pub use crate::config::Severity;

/// What `copydesk rules` and the editor show about a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case code, e.g. `unattributed-quote`.
    pub code: &'static str,
    /// One line.
    pub summary: &'static str,
    pub default_severity: Severity,
    /// The rule's doc comment: `## What it does`, `## Why it matters`, `## Example`, `## Use instead`.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The doc comment as Markdown, as `copydesk rules` prints it: each line without the space
    /// that follows `///` in the source, and without blank lines around.
    pub fn doc_markdown(&self) -> String {
        let lines: Vec<&str> = self.doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
        lines.join("\n").trim().to_string()
    }
}

/// A replacement of one span of the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A quick fix: one or more edits applied together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// The fix an editor should apply by default.
    pub preferred: bool,
}

impl Fix {
    /// The preferred fix that replaces one span with `replacement` (an insertion when the span is
    /// empty, a deletion when the replacement is).
    pub fn replace(title: impl Into<String>, span: Span, replacement: impl Into<String>) -> Fix {
        Fix { title: title.into(), edits: vec![Edit { span, replacement: replacement.into() }], preferred: true }
    }
}

/// Another place in the draft that explains a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: Arc<str>,
}

/// One problem found in a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub span: Span,
    /// Shared: a long draft's findings are handed on from one keystroke to the next (copied out of
    /// the rules' memos, compared with the last snapshot's) thousands at a time.
    pub message: Arc<str>,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
}

impl Finding {
    /// The finding with every span moved `offset` bytes on: from paragraph to document offsets.
    pub fn shifted(mut self, offset: u32) -> Finding {
        self.span = self.span.shift(offset);
        for edit in self.fixes.iter_mut().flat_map(|f| &mut f.edits) {
            edit.span = edit.span.shift(offset);
        }
        for r in &mut self.related {
            r.span = r.span.shift(offset);
        }
        self
    }
}

/// What a rule reads.
pub struct RuleContext<'a> {
    pub analysis: &'a Analysis,
    pub config: &'a Config,
    /// What the document-wide rules remember across versions of the draft (see [`DocMemo`]).
    pub memo: &'a DocMemo,
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Appends this rule's findings. Severity is the rule's own choice (usually its default); the
    /// configuration's override is applied afterwards by [`check`].
    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>);

    /// Appends the findings that depend on one paragraph alone, with spans relative to it. The
    /// runner caches them per paragraph (see [`RuleCache`]), so a rule that reads every token
    /// should do it here; [`Rule::check`] then does only the document-wide rest.
    fn check_paragraph(&self, _cx: &ParagraphContext, _out: &mut Vec<Finding>) {}
}

/// Declares a rule's unit struct and its [`RuleMeta`], keeping the doc comment as data.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            summary: $summary:literal,
            severity: $severity:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                summary: $summary,
                default_severity: $crate::rules::Severity::$severity,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

/// Every rule, in the order `copydesk rules` lists them.
pub static RULES: &[&dyn Rule] = &[
    &unattributed_quote::UnattributedQuote,
    &unbalanced_quote::UnbalancedQuote,
    &missing_dateline::MissingDateline,
    &malformed_dateline::MalformedDateline,
    &dateline_needs_region::DatelineNeedsRegion,
    &dateline_state_style::DatelineStateStyle,
    &unknown_dateline_city::UnknownDatelineCity,
    &quote_punctuation::QuotePunctuation,
    &leftover_placeholder::LeftoverPlaceholder,
    &anonymous_source::AnonymousSource,
    &late_attribution::LateAttribution,
    &two_speakers_one_paragraph::TwoSpeakersOneParagraph,
    &loaded_attribution_verb::LoadedAttributionVerb,
    &quote_differs_from_notes::QuoteDiffersFromNotes,
    &quote_not_in_notes::QuoteNotInNotes,
    &surname_before_full_name::SurnameBeforeFullName,
    &ambiguous_attribution::AmbiguousAttribution,
    &name_spelling::NameSpelling,
    &name_variant::NameVariant,
    &source_goal::SourceGoal,
];

pub fn rule_by_code(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().code == code)
}

/// Runs every enabled rule. Findings come back sorted by position.
pub fn check(analysis: &Analysis, config: &Config) -> Vec<Finding> {
    run(analysis, config, None, None)
}

/// [`check`] for a draft that changes between calls: the paragraph-local findings of paragraphs
/// `cache` saw last time are reused. The findings are the same as [`check`]'s.
pub fn check_cached(analysis: &Analysis, config: &Config, cache: &mut RuleCache) -> Vec<Finding> {
    run(analysis, config, Some(cache), None)
}

/// [`check_cached`] told how the analysed text differs from the one `cache` saw last
/// ([`Analyzer::take_edit`]), as the server's [`Checker`] is: the texts are not compared again.
pub fn check_cached_after(analysis: &Analysis, config: &Config, cache: &mut RuleCache, edit: Option<&TextEdit>) -> Vec<Finding> {
    run(analysis, config, Some(cache), edit)
}

/// `edit`: how the analysed text differs from the one before, if known.
fn run(analysis: &Analysis, config: &Config, cache: Option<&mut RuleCache>, edit: Option<&TextEdit>) -> Vec<Finding> {
    let mut own_memo = DocMemo::one_shot();
    // A long draft's cached run (an editor's, after a keystroke) splits the rules over two cores;
    // a one-shot `check` of many files keeps to one thread per file.
    let parallel = cache.is_some() && crate::second_core::worth_it(analysis.text.len());
    let (memo, mut paragraph_memory) = match cache {
        Some(cache) => {
            let (memo, paragraphs) = cache.halves();
            (memo, Some(paragraphs))
        }
        None => (&mut own_memo, None),
    };
    memo.update(analysis, edit);
    let memo: &DocMemo = memo;
    let cx = RuleContext { analysis, config, memo };
    let mut enabled = Vec::with_capacity(RULES.len());
    let mut overrides = vec![None; RULES.len()];
    for (index, &rule) in RULES.iter().enumerate() {
        let level = config.rule_level(rule.meta().code);
        if level == Some(RuleLevel::Off) {
            continue;
        }
        if let Some(RuleLevel::Severity(severity)) = level {
            overrides[index] = Some(severity);
        }
        enabled.push(ParagraphRule { index, rule });
    }
    // The document-wide half of the rules `enabled` lists, appended to `out` with their severity.
    let document_wide = |rules: &mut dyn Iterator<Item = &ParagraphRule>, out: &mut Vec<Finding>| {
        for r in rules {
            let first = out.len();
            r.rule.check(&cx, out);
            if let Some(severity) = overrides[r.index] {
                for f in &mut out[first..] {
                    f.severity = severity;
                }
            }
        }
    };
    // The paragraph-local half of every enabled rule, appended to `out`.
    let paragraph_local = |memory: Option<&mut paragraph_cache::ParagraphMemory>, out: &mut Vec<Finding>| {
        let quotes = memo.outer_quotes(analysis);
        paragraph_cache::paragraph_findings(analysis, quotes, &enabled, memory, edit, |index, mut f| {
            if let Some(severity) = overrides[index] {
                f.severity = severity;
            }
            out.push(f);
        });
    };
    let mut findings = Vec::new();
    if parallel {
        // Findings are sorted by position and code below, and two rules never share a code, so
        // the order the rules run in cannot change the result: the heaviest document-wide rules
        // run on the second core (`crate::second_core`) while this thread does the rest.
        let (heavy, light): (Vec<&ParagraphRule>, Vec<&ParagraphRule>) =
            enabled.iter().partition(|r| ON_SECOND_THREAD.contains(&r.rule.meta().code));
        let mut paragraph = Vec::new();
        let (heavy_findings, ()) = crate::second_core::join(
            || {
                let mut out = Vec::new();
                document_wide(&mut heavy.iter().copied(), &mut out);
                out
            },
            || {
                document_wide(&mut light.iter().copied(), &mut findings);
                paragraph_local(paragraph_memory.take(), &mut paragraph);
            },
        );
        findings.extend(heavy_findings);
        findings.extend(paragraph);
    } else {
        document_wide(&mut enabled.iter(), &mut findings);
        paragraph_local(paragraph_memory, &mut findings);
    }
    let suppressions = inline_control::Suppressions::read_at(&analysis.text, memo.directive_marks().iter().copied());
    if !suppressions.is_empty() {
        findings.retain(|f| !suppressions.is_off(f.code, f.span.start));
    }
    findings.sort_by(|a, b| a.span.cmp(&b.span).then(a.code.cmp(b.code)));
    findings
}

/// The document-wide rules that run on the second core: the three that read every person's
/// mentions (they share one comparison of them with the last run's, `DocMemo::sameness`), so that
/// on a 10 MB draft each side has about half of the rules' time (this thread takes the rest and
/// the paragraph-local half). `loaded-attribution-verb` ran there too until the quote rules got
/// their memo; since then it left the second core the longer side by 0.9-2.1 ms (keystroke_profile,
/// the 6.8 MB and 10 MB drafts); here, the rules' wall time on the larger went from 4.5-4.7 ms to 4.0-4.5.
const ON_SECOND_THREAD: &[&str] = &["ambiguous-attribution", "surname-before-full-name", "name-variant"];

/// Analyses a draft and runs the rules, remembering the work on each paragraph for the next
/// call: what an editor keeps per open document, so a keystroke costs about one paragraph.
#[derive(Default)]
pub struct Checker {
    analyzer: Analyzer,
    rules: RuleCache,
    /// How the text of the last check differs from the one checked before it, if known.
    edit: Option<TextEdit>,
}

impl Checker {
    /// The same analysis and findings as [`crate::analysis::analyze`] (with the places the
    /// configuration lists typed as places) and [`check`].
    pub fn check(&mut self, text: &str, format: Format, config: &Config) -> (Analysis, Vec<Finding>) {
        self.check_edited(std::sync::Arc::new(text.to_owned()), format, config, None)
    }

    /// [`Checker::check`] of a text that differs from the last one checked as `edit` says (the
    /// editor's report of it, which may understate what the edit left alone, never overstate it:
    /// see [`Analyzer::expect_edit`]), so that the two whole texts are not compared.
    /// The analysis holds `text` itself rather than a copy.
    pub fn check_edited(&mut self, text: std::sync::Arc<String>, format: Format, config: &Config, edit: Option<crate::analysis::Unchanged>) -> (Analysis, Vec<Finding>) {
        if let Some(edit) = edit {
            self.analyzer.expect_edit(edit);
        }
        let mut analysis = self.analyzer.analyze_shared(text, format, &mut |_| {});
        crate::knowledge::places::type_configured_places(&mut analysis, config);
        self.edit = self.analyzer.take_edit();
        let findings = run(&analysis, config, Some(&mut self.rules), self.edit.as_ref());
        (analysis, findings)
    }

    /// Where to hand back this checker's analyses once done with them (see
    /// [`crate::analysis::Analyzer::recycler`]).
    pub fn recycler(&self) -> crate::analysis::recycle::Recycler {
        self.analyzer.recycler()
    }

    /// How the text of the last check differs from the one checked before it, when the analysis
    /// compared them: taken once (it holds the old text), for the caller to reuse the comparison.
    pub fn take_edit(&mut self) -> Option<TextEdit> {
        self.edit.take()
    }
}

/// Runs one rule alone, both halves, with its default severity, and appends its findings sorted
/// by position (for tests and profiles).
pub fn check_one(rule: &dyn Rule, analysis: &Analysis, config: &Config, out: &mut Vec<Finding>) {
    let first = out.len();
    rule.check(&RuleContext { analysis, config, memo: &DocMemo::default() }, out);
    let mut relative = Vec::new();
    paragraph_cache::for_each_paragraph(analysis, |cx, offset| {
        rule.check_paragraph(cx, &mut relative);
        out.extend(relative.drain(..).map(|f| f.shifted(offset)));
    });
    out[first..].sort_by_key(|f| f.span);
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use crate::analysis::{analyze, layout::Format};

    /// Runs one rule on a draft with the default configuration; returns `(text under span, message)`.
    pub fn run(rule: &dyn Rule, text: &str) -> Vec<(String, String)> {
        run_with(rule, text, &Config::default())
    }

    pub fn run_with(rule: &dyn Rule, text: &str, config: &Config) -> Vec<(String, String)> {
        let analysis = analyze(text, Format::Plain);
        let mut out = Vec::new();
        check_one(rule, &analysis, config, &mut out);
        out.into_iter().map(|f| (f.span.text(text).to_string(), f.message.to_string())).collect()
    }

    /// The draft after applying the first fix of each of one rule's findings.
    pub fn apply_first_fixes(rule: &dyn Rule, text: &str) -> String {
        let analysis = analyze(text, Format::Plain);
        let config = Config::default();
        let mut out = Vec::new();
        check_one(rule, &analysis, &config, &mut out);
        let mut edits: Vec<Edit> =
            out.into_iter().flat_map(|f| f.fixes.into_iter().take(1)).flat_map(|f| f.edits).collect();
        // Apply from the end so that earlier offsets stay valid.
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut s = text.to_string();
        for e in edits {
            s.replace_range(e.span.range(), &e.replacement);
        }
        s
    }

    #[test]
    fn every_rule_documents_itself() {
        for rule in RULES {
            let meta = rule.meta();
            for heading in ["## What it does", "## Why it matters", "## Example", "## Use instead"] {
                assert!(meta.doc.contains(heading), "{} lacks {heading}", meta.code);
            }
            assert!(meta.code.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", meta.code);
        }
    }

    /// Outside code blocks, no line of a rule's doc is indented by a stray space, and none breaks inside a
    /// code span (an odd number of backticks), so that the doc reads as written in a terminal.
    #[test]
    fn rule_docs_read_as_markdown() {
        for rule in RULES {
            let doc = rule.meta().doc_markdown();
            let mut in_block = false;
            for line in doc.lines() {
                if line.starts_with("```") {
                    in_block = !in_block;
                    continue;
                }
                if in_block {
                    continue;
                }
                // A list item's continuation is indented by two; a stray space makes an indent odd.
                let indent = line.len() - line.trim_start_matches(' ').len();
                assert_eq!(indent % 2, 0, "{}: {line:?}", rule.meta().code);
                assert_eq!(line.matches('`').count() % 2, 0, "{}: {line:?}", rule.meta().code);
            }
            assert!(!in_block, "{}: unclosed code block", rule.meta().code);
        }
    }

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = RULES.iter().map(|r| r.meta().code).collect();
        codes.sort();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n);
    }
}
