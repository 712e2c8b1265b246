//! The code lens at the top of the draft, `6 quotes · 4 named sources (1 woman, 2 men, 1 unknown)
//! · 1 anonymous`, and the command it runs, which lists the sources with their quote counts.
//!
//! The inventory ([`crate::analysis::sources`]) is computed for the lens and the command only, once
//! per snapshot ([`Snapshot::sources`]): diagnostics never wait for it.

use serde_json::{json, Value};
use tower_lsp_server::ls_types::{CodeLens, Command, Position, Range};

use crate::analysis::sources::{Source, SourceCounts, SourceKind};
use crate::analysis::Analysis;
use crate::lsp::snapshot::Snapshot;

/// The command the lens runs: `workspace/executeCommand` with the document's URI.
pub const LIST_SOURCES: &str = "copydesk.listSources";

pub fn summary_lens(snap: &Snapshot) -> CodeLens {
    let top = Range {
        start: Position::new(0, 0),
        end: Position::new(0, 0),
    };
    let sources = snap.sources();
    CodeLens {
        range: top,
        command: Some(Command {
            title: summary(&snap.analysis, sources),
            command: LIST_SOURCES.to_string(),
            arguments: Some(vec![json!(snap.uri.as_str())]),
        }),
        data: None,
    }
}

/// `6 quotes · 4 named sources (1 woman, 2 men, 1 unknown) · 1 anonymous`, with groups and
/// organisations after it when the draft quotes any.
pub fn summary(a: &Analysis, sources: &[Source]) -> String {
    // One quotation counts once: not its nested quotes, nor each paragraph of a running quote.
    let quotes = a.quotes.iter().filter(|q| q.kind.is_speech() && q.parent.is_none() && q.continues.is_none()).count();
    let c = SourceCounts::of(sources);
    let mut out = format!("{} · {}", plural(quotes as u32, "quote", "quotes"), plural(c.named, "named source", "named sources"));
    let genders: Vec<String> = [(c.women, "woman", "women"), (c.men, "man", "men"), (c.unknown, "unknown", "unknown")]
        .into_iter()
        .filter(|&(n, _, _)| n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
    if !genders.is_empty() {
        out.push_str(&format!(" ({})", genders.join(", ")));
    }
    out.push_str(&format!(" · {} anonymous", c.anonymous));
    if c.groups > 0 {
        out.push_str(&format!(" · {}", plural(c.groups, "group", "groups")));
    }
    if c.organizations > 0 {
        out.push_str(&format!(" · {}", plural(c.organizations, "organization", "organizations")));
    }
    out
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One line per source, most quoted first: `Anna Petrova (person, female): 2 quotes, 14 words`.
pub fn source_lines(sources: &[Source]) -> Vec<String> {
    let mut order: Vec<&Source> = sources.iter().collect();
    // Stable: equal counts keep the draft's order.
    order.sort_by_key(|s| std::cmp::Reverse(s.quotes));
    order
        .into_iter()
        .map(|s| {
            let who = match s.kind {
                SourceKind::Person => format!("person, {}", s.gender.as_str()),
                kind => kind.as_str().to_string(),
            };
            format!("{} ({who}): {}, {}", s.name, plural(s.quotes, "quote", "quotes"), plural(s.words, "word", "words"))
        })
        .collect()
}

/// What `copydesk.listSources` answers: the lens title, a text listing, and the sources
/// themselves (as in the JSON output).
pub fn list_sources(snap: &Snapshot) -> Value {
    let sources = snap.sources();
    let title = summary(&snap.analysis, sources);
    let lines = source_lines(sources);
    let text = if lines.is_empty() { format!("{title}\nNo one is quoted.") } else { format!("{title}\n{}", lines.join("\n")) };
    json!({ "title": title, "text": text, "sources": sources })
}
