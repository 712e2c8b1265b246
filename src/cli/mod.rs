//! The command line: `copydesk check`, `copydesk rules`.

pub mod check;
pub mod json;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "copydesk", version, about = "Reads news drafts the way a copy editor does")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check drafts (files, folders of .txt and .md, or - for standard input).
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// List the rules, or explain one.
    Rules {
        /// A rule code to explain in full.
        code: Option<String>,
    },
    /// Serve the Language Server Protocol on standard input and output.
    Lsp {
        /// Accepted and ignored: stdio is the only transport (vscode-languageclient passes it).
        #[arg(long)]
        stdio: bool,
    },
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { format, paths } => check::run(format, &paths),
        Command::Rules { code } => rules(code.as_deref()),
        Command::Lsp { stdio: _ } => crate::lsp::run(),
    }
}

fn rules(code: Option<&str>) -> ExitCode {
    use crate::rules::{rule_by_code, RULES};
    match code {
        Some(code) => match rule_by_code(code) {
            Some(rule) => {
                let m = rule.meta();
                println!("{} ({})\n{}\n\n{}", m.code, m.default_severity.as_str(), m.summary, m.doc.trim());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("copydesk: no rule named `{code}` (see `copydesk rules`)");
                ExitCode::from(2)
            }
        },
        None => {
            for rule in RULES {
                let m = rule.meta();
                println!("{:<22} {:<8} {}", m.code, m.default_severity.as_str(), m.summary);
            }
            ExitCode::SUCCESS
        }
    }
}
