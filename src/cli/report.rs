//! What every output format is given, and the interface they share.

use std::io::{self, Write};

use super::lines::LineIndex;
use crate::analysis::Analysis;
use crate::rules::{Finding, Severity};

/// One draft, checked.
pub struct Checked<'a> {
    /// The draft's name as output shows it.
    pub name: &'a str,
    pub analysis: &'a Analysis,
    /// Sorted by position.
    pub findings: &'a [Finding],
    pub lines: &'a LineIndex<'a>,
    /// The configuration the draft was checked with.
    pub config: &'a crate::config::Config,
}

/// Totals over the whole run.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files_checked: usize,
    pub files_with_findings: usize,
    /// Findings by severity: error, warning, info, hint.
    pub counts: [usize; 4],
    /// Drafts that could not be listed or read.
    pub unreadable: usize,
}

impl Summary {
    pub fn add(&mut self, findings: &[Finding]) {
        self.files_checked += 1;
        self.files_with_findings += usize::from(!findings.is_empty());
        for f in findings {
            self.counts[severity_index(f.severity)] += 1;
        }
    }

    pub fn errors(&self) -> usize {
        self.counts[severity_index(Severity::Error)]
    }
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
        Severity::Hint => 3,
    }
}

/// An output format. Formats that stream (human, JSON Lines) write in [`Reporter::file`]; SARIF,
/// one document for the whole run, gathers and writes in [`Reporter::finish`].
pub trait Reporter {
    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()>;

    /// A draft that could not be read. The message has already gone to stderr; a format may also
    /// record it.
    fn input_error(&mut self, _name: &str, _message: &str) {}

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}
