//! What the document-wide rules remember from one version of a draft to the next, so that a
//! keystroke in a long draft costs them about what it changed.
//!
//! Two kinds of memory, both exact (a run with them finds what a run without them finds):
//! - [`TextSearch`]: where strings first occur in the scan text;
//! - [`DocMemo::findings`]: a rule's findings, with the input they were made from. A rule whose
//!   findings depend only on a list of spans (and on the text inside them) gives that list; when
//!   the new list is the old one with each span moved by the edit, and no span touches the text
//!   the edit changed, the old findings are moved the same way instead of being made again.

use std::cell::RefCell;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{Finding, TextSearch};
use crate::analysis::span::Span;
use crate::analysis::{Analysis, Unchanged};

/// A rule's input: spans with a number each (which entity a mention belongs to, say).
pub type SpanInput = Vec<(u32, Span)>;

#[derive(Default)]
pub struct DocMemo {
    pub search: TextSearch,
    /// The written text last seen, and how the current one differs from it.
    text: Option<Arc<str>>,
    edit: Option<Unchanged>,
    findings: RefCell<FxHashMap<&'static str, Remembered>>,
}

/// One rule's findings and their input, from the last run (`fresh`) or the one before.
struct Remembered {
    input: SpanInput,
    findings: Vec<Finding>,
    fresh: bool,
}

impl DocMemo {
    /// Moves what is remembered to a new version of the draft.
    pub fn update(&mut self, a: &Analysis) {
        let text_edit = self.text.as_ref().map(|old| Unchanged::between(old, &a.text));
        let scan_edit = if Arc::ptr_eq(&a.text, &a.scan_text) {
            text_edit
        } else {
            self.search.last_text().map(|old| Unchanged::between(&old, &a.scan_text))
        };
        self.search.update(&a.scan_text, scan_edit.as_ref());
        self.text = Some(a.text.clone());
        self.edit = text_edit;
        // Only what the last run made compares with this version (a rule switched off for a
        // run has findings from further back).
        let findings = self.findings.get_mut();
        findings.retain(|_, r| std::mem::take(&mut r.fresh) && text_edit.is_some());
    }

    /// Where an old span of the written text is now, if the edit left its text alone.
    fn moved(&self, span: Span) -> Option<Span> {
        let u = self.edit?;
        if span.end as usize <= u.prefix {
            return Some(span);
        }
        if span.start as usize >= u.old_len - u.suffix {
            let shift = |x: u32| (x as usize + u.new_len - u.old_len) as u32;
            return Some(Span { start: shift(span.start), end: shift(span.end) });
        }
        None
    }

    /// The findings of rule `code` for `input`: the last run's, moved, when its input moved to
    /// this one untouched; else `compute`'s. Appended to `out`.
    pub fn findings(
        &self,
        code: &'static str,
        input: SpanInput,
        out: &mut Vec<Finding>,
        compute: impl FnOnce(&mut Vec<Finding>),
    ) {
        let mut memo = self.findings.borrow_mut();
        if let Some(old) = memo.get(code) {
            let same_input = old.input.len() == input.len()
                && old.input.iter().zip(&input).all(|(&(k, old), &(key, new))| k == key && self.moved(old) == Some(new));
            if same_input {
                let moved: Option<Vec<Finding>> = old.findings.iter().map(|f| self.moved_finding(f)).collect();
                if let Some(findings) = moved {
                    out.extend(findings.iter().cloned());
                    memo.insert(code, Remembered { input, findings, fresh: true });
                    return;
                }
            }
        }
        let first = out.len();
        compute(out);
        memo.insert(code, Remembered { input, findings: out[first..].to_vec(), fresh: true });
    }

    fn moved_finding(&self, f: &Finding) -> Option<Finding> {
        let mut f = f.clone();
        f.span = self.moved(f.span)?;
        for edit in f.fixes.iter_mut().flat_map(|fix| &mut fix.edits) {
            edit.span = self.moved(edit.span)?;
        }
        for r in &mut f.related {
            r.span = self.moved(r.span)?;
        }
        Some(f)
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, layout::Format};
    use crate::config::{Config, RuleLevel};
    use crate::rules::{check, Checker};

    /// Edits before, inside and after the names a remembered rule reads, and the rule switched
    /// off for a version and back on: each run finds what a fresh check finds.
    #[test]
    fn remembered_findings_are_the_findings_of_a_fresh_check() {
        let draft = "Sergey Lavrov met Dana Kowalski.\n\nThe talks went on, Sergei Lavrov said.\n\n\
                     Kowalsky left early. Maria Okafor stayed.\n";
        let versions = [
            draft.to_string(),
            draft.replace("talks went", "talks  went"),
            draft.replace("talks went", "talks  went").replace("Sergei", "Sergej"),
            draft.replace("Kowalsky left", "Kowalsky then left"),
            draft.replace("Dana Kowalski.", "Dana Kowalski and others."),
            draft.replace("Sergey Lavrov met", "Then Sergey Lavrov met"),
            draft.to_string(),
            draft.replace("stayed.", "stayed, Okafr said."),
            draft.replace("Kowalsky", "Kowalski"),
            draft.to_string(),
        ];
        let mut off = Config::default();
        off.rules.insert("name-variant".into(), RuleLevel::Off);
        let mut checker = Checker::default();
        let mut flagged = 0;
        for (i, text) in versions.iter().enumerate() {
            let config = if i == 5 { &off } else { &Config::default() };
            let (_, cached) = checker.check(text, Format::Plain, config);
            assert_eq!(cached, check(&analyze(text, Format::Plain), config), "version {i}: {text:?}");
            flagged += cached.iter().filter(|f| f.code == "name-variant").count();
        }
        assert!(flagged >= 8, "{flagged}");
    }
}
