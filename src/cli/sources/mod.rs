//! The parts of `copydesk sources` (the command itself is [`super::sources_command`]): reading
//! front matter, adding drafts up, and the four output formats.

pub mod audit;
pub mod csv;
pub mod front_matter;
pub mod html;
pub mod svg;
pub mod table;

use clap::ValueEnum;

use crate::analysis::Analysis;
use crate::config::Config;

use self::audit::SourceCount;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SourcesFormat {
    /// Aligned columns for a terminal.
    Table,
    /// One table for a spreadsheet (per source unless --by says otherwise).
    Csv,
    /// Every tally, for tools.
    Json,
    /// One self-contained page with charts.
    Html,
}

/// Which table `--by` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum By {
    Source,
    Author,
    Section,
    Month,
}

/// The sources one draft quotes (the core's inventory, with the draft's configuration: its people
/// list and `[sources]` settings), as the audit counts them.
pub fn draft_sources(analysis: &Analysis, config: &Config) -> Vec<SourceCount> {
    config
        .inventory(analysis)
        .into_iter()
        .map(|s| SourceCount { name: s.name, kind: s.kind, gender: s.gender, quotes: s.quotes, words: s.words })
        .collect()
}

/// `part / whole`, or `None` when there is no whole to share.
pub fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}
