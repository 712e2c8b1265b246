//! `copydesk check`: read drafts, analyse them, print findings.
//!
//! The command is glue: inputs come from [`super::inputs`], analysis and rules from the core, and
//! printing from one [`Reporter`] per format. It never stops at a bad draft: the reason goes to
//! stderr, the other drafts are still checked, and the exit code says so.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::human::HumanReport;
use super::inputs::{self, Input, InputError};
use super::json::JsonLinesReport;
use super::lines::LineIndex;
use super::report::{Checked, Reporter, Summary};
use super::sarif::SarifReport;
use super::{ColorChoice, OutputFormat};
use crate::analysis::Analyzer;
use crate::config::Config;
use super::config_file::ConfigResolver;
use crate::rules;

/// Exit codes, as documented in json-output.md.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_ERRORS_FOUND: u8 = 1;
pub const EXIT_BAD_INPUT: u8 = 2;

/// Below this many drafts a progress bar would only flicker.
const PROGRESS_MIN_FILES: usize = 10;

pub struct CheckOptions {
    pub format: OutputFormat,
    pub color: ColorChoice,
    /// Name (and so format, from its extension) of the draft read from `-`.
    pub stdin_filename: Option<String>,
    pub paths: Vec<PathBuf>,
}

/// The drafts named by `paths` (folders walked), each with its configuration. Every
/// configuration is read before any draft is, so a bad file stops the run (with exit code 2, its
/// reason on stderr), as does `-` given twice.
pub(super) type Inputs = Vec<Result<Input, InputError>>;
pub(super) fn inputs_with_configs(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    configs: &mut ConfigResolver,
) -> Result<(Inputs, Vec<Arc<Config>>), ExitCode> {
    // Standard input can be read once: a second `-` would be an empty draft, silently.
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        let _ = writeln!(
            io::stderr(),
            "copydesk: error: `-` (standard input) is given more than once; it can be read only once"
        );
        return Err(ExitCode::from(EXIT_BAD_INPUT));
    }
    let inputs = inputs::expand(paths, stdin_filename);
    let mut input_configs = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let config = match input {
            Ok(input) => configs.for_input(input),
            Err(_) => Ok(Default::default()),
        };
        match config {
            Ok(config) => input_configs.push(config),
            Err(message) => {
                let _ = writeln!(io::stderr(), "copydesk: error: {message}");
                return Err(ExitCode::from(EXIT_BAD_INPUT));
            }
        }
    }
    Ok((inputs, input_configs))
}

pub fn run(options: &CheckOptions, mut configs: ConfigResolver) -> ExitCode {
    let (inputs, input_configs) =
        match inputs_with_configs(&options.paths, options.stdin_filename.as_deref(), &mut configs) {
            Ok(found) => found,
            Err(code) => return code,
        };
    let mut reporter: Box<dyn Reporter> = match options.format {
        OutputFormat::Human => Box::new(HumanReport::new(options.color.enabled_for_stdout())),
        OutputFormat::Json => Box::new(JsonLinesReport),
        OutputFormat::Sarif => Box::<SarifReport>::default(),
    };
    let stdout = io::stdout();
    let stdout_is_terminal = stdout.is_terminal();
    let mut out = io::BufWriter::new(stdout.lock());
    let progress = progress_bar(inputs.len());
    let mut summary = Summary::default();
    // The analyser is reused so that drafts sharing paragraphs (boilerplate) share the work; one
    // draft alone keeps nothing for a next one. (The JSON report's people inventory reads again
    // the titles coreference keeps only in a remembering analyser: read once, it reads them twice.)
    let once = inputs.len() == 1 && options.format != OutputFormat::Json;
    let mut analyzer = if once { Analyzer::once() } else { Analyzer::default() };
    let mut output = Ok(());
    for (input, config) in inputs.iter().zip(&input_configs) {
        match input.as_ref().map_err(Clone::clone).and_then(read) {
            Ok((input, text)) => {
                let mut analysis = analyzer.analyze(&text, input.format());
                crate::knowledge::places::type_configured_places(&mut analysis, config);
                drop(text); // the analysis holds its own copy
                let findings = rules::check(&analysis, config);
                let lines = LineIndex::new(&analysis.text);
                summary.add(&findings);
                let file = Checked {
                    name: &input.name,
                    analysis: &analysis,
                    findings: &findings,
                    lines: &lines,
                    config,
                };
                output = suspended(&progress, stdout_is_terminal, || {
                    reporter.file(&mut out, &file)?;
                    if progress.is_some() && stdout_is_terminal {
                        out.flush()?;
                    }
                    Ok(())
                });
            }
            Err(err) => {
                summary.unreadable += 1;
                suspended(&progress, true, || report_input_error(&err));
                reporter.input_error(&err.name, &err.message);
            }
        }
        if output.is_err() {
            break;
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if output.is_ok() {
        output = reporter.finish(&mut out, &summary).and_then(|()| out.flush());
    }
    if let Err(err) = output {
        // A closed pipe (`copydesk check ... | head`) is the reader's choice, not a failure.
        if err.kind() != io::ErrorKind::BrokenPipe {
            let _ = writeln!(io::stderr(), "copydesk: error: cannot write the output: {err}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    }
    ExitCode::from(exit_code(&summary))
}

fn read(input: &Input) -> Result<(&Input, String), InputError> {
    match input.read() {
        Ok(text) => Ok((input, text)),
        Err(message) => Err(InputError {
            name: input.name.clone(),
            message,
        }),
    }
}

fn exit_code(summary: &Summary) -> u8 {
    if summary.unreadable > 0 {
        EXIT_BAD_INPUT
    } else if summary.errors() > 0 {
        EXIT_ERRORS_FOUND
    } else {
        EXIT_CLEAN
    }
}

fn report_input_error(err: &InputError) {
    let _ = writeln!(io::stderr(), "copydesk: error: {}: {}", err.name, err.message);
}

/// A progress bar on stderr, when there are enough drafts to need one and someone is watching.
pub(super) fn progress_bar(n_inputs: usize) -> Option<ProgressBar> {
    if n_inputs < PROGRESS_MIN_FILES || !io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(n_inputs as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{bar:40.cyan/blue} {pos}/{len} drafts {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// Runs `f` with the progress bar hidden, when what `f` prints would land on the same terminal.
fn suspended<R>(progress: &Option<ProgressBar>, shares_terminal: bool, f: impl FnOnce() -> R) -> R {
    match progress {
        Some(bar) if shares_terminal => bar.suspend(f),
        _ => f(),
    }
}
