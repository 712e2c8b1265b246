//! `copydesk sources PATH...`: the source audit over an archive. Reads drafts as `check` does
//! (the same inputs, configuration and analysis), on every core, keeps each draft's sources and
//! front matter, adds them up in input order and prints one report.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use indicatif::ProgressBar;

use super::check::{inputs_with_configs, progress_bar, EXIT_BAD_INPUT, EXIT_CLEAN};
use super::config_file::ConfigResolver;
use super::inputs::{Input, InputError};
use super::sources::audit::{Audit, DraftRecord, Report};
use super::sources::{self, front_matter, By, SourcesFormat};
use crate::analysis::layout::Format;
use crate::analysis::Analyzer;
use crate::config::Config;

pub struct SourcesOptions {
    pub format: SourcesFormat,
    pub by: Option<By>,
    /// How many authors and sources the table and the page list.
    pub top: usize,
    pub stdin_filename: Option<String>,
    pub paths: Vec<PathBuf>,
}

type DraftResult = Result<DraftRecord, InputError>;

pub fn run(options: &SourcesOptions, mut configs: ConfigResolver) -> ExitCode {
    let (inputs, input_configs) =
        match inputs_with_configs(&options.paths, options.stdin_filename.as_deref(), &mut configs) {
            Ok(found) => found,
            Err(code) => return code,
        };
    let progress = progress_bar(inputs.len());
    let results = read_all(&inputs, &input_configs, progress.as_ref());
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let mut audit = Audit::default();
    for result in &results {
        match result {
            Ok(record) => audit.add(record),
            Err(err) => {
                let _ = writeln!(io::stderr(), "copydesk: error: {}: {}", err.name, err.message);
                audit.unreadable();
            }
        }
    }
    let report = audit.finish();
    let text = render(&report, options);
    if let Err(err) = io::stdout().lock().write_all(text.as_bytes()) {
        if err.kind() != io::ErrorKind::BrokenPipe {
            let _ = writeln!(io::stderr(), "copydesk: error: cannot write the output: {err}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    }
    ExitCode::from(if report.unreadable > 0 { EXIT_BAD_INPUT } else { EXIT_CLEAN })
}

pub fn render(report: &Report, options: &SourcesOptions) -> String {
    match options.format {
        SourcesFormat::Table => sources::table::render(report, options.by, options.top),
        SourcesFormat::Csv => sources::csv::render(report, options.by.unwrap_or(By::Source)),
        SourcesFormat::Json => {
            let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
            text.push('\n');
            text
        }
        SourcesFormat::Html => sources::html::render(report, options.top),
    }
}

/// Reads and analyses every draft, on as many threads as there are cores, each taking the next
/// draft as it finishes one. Results come back in input order.
fn read_all(
    inputs: &[Result<Input, InputError>],
    configs: &[Arc<Config>],
    progress: Option<&ProgressBar>,
) -> Vec<DraftResult> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(inputs.len()).max(1);
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<DraftResult>> = Vec::new();
    results.resize_with(inputs.len(), || None);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    // As in `check`: the analyser is reused, so drafts sharing boilerplate
                    // paragraphs share the work.
                    let mut analyzer = Analyzer::default();
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else { break };
                        done.push((i, read_one(&mut analyzer, input, &configs[i])));
                        if let Some(bar) = progress {
                            bar.inc(1);
                        }
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            let done = worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, result) in done {
                results[i] = Some(result);
            }
        }
    });
    results.into_iter().flatten().collect()
}

fn read_one(analyzer: &mut Analyzer, input: &Result<Input, InputError>, config: &Config) -> DraftResult {
    let input = input.as_ref().map_err(Clone::clone)?;
    let text = input.read().map_err(|message| InputError { name: input.name.clone(), message })?;
    let format = input.format();
    let meta = match format {
        Format::Markdown => front_matter::read(&text),
        Format::Plain => Default::default(),
    };
    let mut analysis = analyzer.analyze(&text, format);
    crate::knowledge::places::type_configured_places(&mut analysis, config);
    let sources = sources::draft_sources(&analysis, config);
    Ok(DraftRecord { meta, sources })
}
