//! `copydesk check`: read drafts, analyse, print findings.

use std::io::{Read, Write};
use std::process::ExitCode;

use super::{json, OutputFormat};
use crate::analysis::{analyze, format_for_path};
use crate::config::Config;
use crate::rules::{self, Severity};

pub fn run(format: OutputFormat, paths: &[String]) -> ExitCode {
    let config = Config::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut had_error_finding = false;
    let mut had_input_error = false;
    for path in paths {
        let text = match read(path) {
            Ok(t) => t,
            Err(msg) => {
                eprintln!("copydesk: {path}: {msg}");
                had_input_error = true;
                continue;
            }
        };
        let analysis = analyze(&text, format_for_path(path));
        let findings = rules::check(&analysis, &config);
        had_error_finding |= findings.iter().any(|f| f.severity == Severity::Error);
        let _ = match format {
            OutputFormat::Json | OutputFormat::Sarif => json::write_file(&mut out, path, &analysis, &findings),
            OutputFormat::Human => findings.iter().try_for_each(|f| {
                let (line, col) = line_col(&text, f.span.start as usize);
                writeln!(out, "{path}:{line}:{col}: {}[{}]: {}", f.severity.as_str(), f.code, f.message)
            }),
        };
    }
    let _ = out.flush();
    if had_input_error {
        ExitCode::from(2)
    } else if had_error_finding {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn read(path: &str) -> Result<String, String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| e.to_string())?;
        buf
    } else {
        std::fs::read(path).map_err(|e| e.to_string())?
    };
    String::from_utf8(bytes).map_err(|e| format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()))
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}
