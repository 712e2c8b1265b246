//! `copydesk rules [CODE] [--format json]`: the rule registry, for people and for tools.

use std::io::{self, Write};
use std::process::ExitCode;

use serde_json::{json, Value};

use super::check::EXIT_BAD_INPUT;
use super::ListFormat;
use crate::rules::{rule_by_code, RuleMeta, RULES};

pub fn run(code: Option<&str>, format: ListFormat) -> ExitCode {
    let text = match code {
        Some(code) => match rule_by_code(code) {
            Some(rule) => match format {
                ListFormat::Human => explain(rule.meta()),
                ListFormat::Json => format!("{:#}\n", rule_value(rule.meta())),
            },
            None => {
                let _ = writeln!(
                    io::stderr(),
                    "copydesk: error: no rule named `{code}` (see `copydesk rules`)"
                );
                return ExitCode::from(EXIT_BAD_INPUT);
            }
        },
        None => match format {
            ListFormat::Human => list(),
            ListFormat::Json => {
                let all: Vec<Value> = RULES.iter().map(|r| rule_value(r.meta())).collect();
                format!("{:#}\n", Value::Array(all))
            }
        },
    };
    // A closed pipe (`copydesk rules | head -1`) is not worth a message.
    let _ = io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

fn rule_value(m: &RuleMeta) -> Value {
    json!({"code": m.code, "default_severity": m.default_severity.as_str(), "summary": m.summary, "doc": m.doc_markdown()})
}

/// One line per rule: code, default severity, summary, in aligned columns.
fn list() -> String {
    let width = RULES.iter().map(|r| r.meta().code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in RULES {
        let m = rule.meta();
        out.push_str(&format!(
            "{:<width$}  {:<7}  {}\n",
            m.code,
            m.default_severity.as_str(),
            m.summary
        ));
    }
    out.push_str("\nRun `copydesk rules CODE` for a rule's full description.\n");
    out
}

fn explain(m: &RuleMeta) -> String {
    format!(
        "{} (default: {})\n{}\n\n{}\n",
        m.code,
        m.default_severity.as_str(),
        m.summary,
        m.doc_markdown()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_names_every_rule_once() {
        let text = list();
        for rule in RULES {
            assert_eq!(
                text.matches(&format!("{}  ", rule.meta().code)).count(),
                1,
                "{}",
                rule.meta().code
            );
        }
    }
}
