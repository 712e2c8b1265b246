//! The command line: `copydesk check`, `copydesk sources` and `copydesk rules`.
//!
//! Thin by design: argument parsing, reading files and printing live here; everything a draft is
//! checked for lives in the core (`analysis`, `rules`), so the language server gives the same
//! answers.

pub mod check;
pub mod config_file;
pub mod human;
pub mod inputs;
pub mod json;
pub mod lines;
pub mod report;
pub mod rules_command;
pub mod sarif;
pub mod sources;
pub mod sources_command;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{RuleLevel, StyleProfile};
use crate::rules::rule_by_code;

#[derive(Parser)]
#[command(name = "copydesk", version, about = "Reads news drafts the way a copy editor does")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Compiler-style messages with the source line.
    Human,
    /// One JSON object per draft, per line: path, dateline, quotes, entities, diagnostics (every
    /// field is described in docs/json-output.md, in copydesk's repository and source package).
    Json,
    /// A SARIF 2.1.0 log, for code-scanning dashboards.
    Sarif,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when printing to a terminal, unless NO_COLOR is set.
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether output on stdout gets colour (<https://no-color.org>: a non-empty NO_COLOR wins).
    pub fn enabled_for_stdout(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
                !no_color && !dumb && std::io::stdout().is_terminal()
            }
        }
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// Check drafts: files, folders (their .txt and .md files, recursively), or - for stdin.
    ///
    /// Exit code: 0 when no finding is at error level, 1 when one is, 2 on bad usage or a draft
    /// that could not be read (the other drafts are still checked).
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// When to colour human output.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Set a rule's severity for this run: error, warning, info, hint or off. Repeatable.
        #[arg(long = "rule", value_name = "CODE=LEVEL", value_parser = parse_rule_override)]
        rules: Vec<(String, RuleLevel)>,
        /// Read this configuration file instead of the nearest `copydesk.toml` above each draft.
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        /// Name for the draft read from `-` (its extension picks plain text or Markdown).
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<String>,
        /// Drafts to check.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Audit whom the drafts quote: per source, author, section and month (front matter `date`,
    /// `author`, `section`), as a table, CSV, JSON or a self-contained HTML page with charts.
    ///
    /// Exit code: 0, or 2 on bad usage or a draft that could not be read (the others still count).
    Sources {
        /// Output format.
        #[arg(long, value_enum, default_value_t = sources::SourcesFormat::Table)]
        format: sources::SourcesFormat,
        /// Print one table in full: per source, author, section or month (table and CSV).
        #[arg(long, value_enum)]
        by: Option<sources::By>,
        /// How many authors and sources the table and the HTML page list.
        #[arg(long, value_name = "N", default_value_t = 20)]
        top: usize,
        /// Read this configuration file instead of the nearest `copydesk.toml` above each draft.
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        /// Name for the draft read from `-` (its extension picks plain text or Markdown).
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<String>,
        /// Drafts to audit: files, folders (their .txt and .md files, recursively), or -.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Write a commented starter `copydesk.toml` into a folder (the current one by default).
    Init {
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        /// The house style to write: ap, reuters, tass or none (it decides the dateline conventions
        /// checked; none checks only what every style agrees on).
        #[arg(long, value_name = "STYLE", default_value = "none", value_parser = parse_profile)]
        profile: StyleProfile,
    },
    /// List the rules, or explain one in full.
    Rules {
        /// A rule code to explain.
        code: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Serve the Language Server Protocol on standard input and output.
    Lsp {
        /// Accepted and ignored: stdio is the only transport (vscode-languageclient passes it).
        #[arg(long)]
        stdio: bool,
    },
}

/// The configuration resolver of `--config` (or of each draft's nearest `copydesk.toml`), with
/// `--rule` overrides; a bad `--config` file is exit code 2 with its reason.
fn resolver(
    config: Option<&std::path::Path>,
    rules: Vec<(String, RuleLevel)>,
) -> Result<config_file::ConfigResolver, ExitCode> {
    config_file::ConfigResolver::new(config, rules).map_err(|message| {
        eprintln!("copydesk: error: {message}");
        ExitCode::from(check::EXIT_BAD_INPUT)
    })
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            format,
            color,
            rules,
            config,
            stdin_filename,
            paths,
        } => {
            let configs = match resolver(config.as_deref(), rules) {
                Ok(configs) => configs,
                Err(code) => return code,
            };
            let options = check::CheckOptions {
                format,
                color,
                stdin_filename,
                paths,
            };
            check::run(&options, configs)
        }
        Command::Sources {
            format,
            by,
            top,
            config,
            stdin_filename,
            paths,
        } => {
            let configs = match resolver(config.as_deref(), Vec::new()) {
                Ok(configs) => configs,
                Err(code) => return code,
            };
            let options = sources_command::SourcesOptions {
                format,
                by,
                top,
                stdin_filename,
                paths,
            };
            sources_command::run(&options, configs)
        }
        Command::Init { dir, profile } => match config_file::init(&dir, profile) {
            Ok(path) => {
                println!("wrote {}", path.display());
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("copydesk: error: {message}");
                ExitCode::from(check::EXIT_BAD_INPUT)
            }
        },
        Command::Rules { code, format } => rules_command::run(code.as_deref(), format),
        Command::Lsp { stdio: _ } => crate::lsp::run(),
    }
}

fn parse_profile(arg: &str) -> Result<StyleProfile, String> {
    StyleProfile::parse(arg).ok_or_else(|| format!("unknown house style `{arg}`: use ap, reuters, tass or none"))
}

fn parse_rule_override(arg: &str) -> Result<(String, RuleLevel), String> {
    let (code, level) = arg
        .split_once('=')
        .ok_or("expected CODE=LEVEL, e.g. missing-dateline=error")?;
    if rule_by_code(code).is_none() {
        return Err(format!("no rule named `{code}` (see `copydesk rules`)"));
    }
    let level = RuleLevel::parse(level)
        .ok_or_else(|| format!("unknown level `{level}`: use error, warning, info, hint or off"))?;
    Ok((code.to_string(), level))
}
