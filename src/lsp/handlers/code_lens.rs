//! The code lens at the top of the draft: `21 quotes · 1 named source · 0 anonymous`.

use tower_lsp_server::ls_types::{CodeLens, Command, Position, Range};

use super::speaker_entity;
use crate::analysis::entities::EntityKind;
use crate::analysis::Analysis;
use crate::lsp::snapshot::Snapshot;

pub fn summary_lens(snap: &Snapshot) -> CodeLens {
    let top = Range {
        start: Position::new(0, 0),
        end: Position::new(0, 0),
    };
    CodeLens {
        range: top,
        // An empty command id: editors show the title and do nothing on click.
        command: Some(Command {
            title: summary(&snap.analysis),
            command: String::new(),
            arguments: None,
        }),
        data: None,
    }
}

/// Counts the speech quotes, the distinct named people quoted, and the quotes with no named speaker.
pub fn summary(a: &Analysis) -> String {
    let speech: Vec<_> = a.quotes.iter().filter(|q| q.kind.is_speech()).collect();
    let mut sources: Vec<usize> = speech
        .iter()
        .filter_map(|q| speaker_entity(q))
        .filter(|&e| {
            a.entities
                .get(e)
                .is_some_and(|e| e.kind == EntityKind::Person)
        })
        .collect();
    sources.sort_unstable();
    sources.dedup();
    let anonymous = speech
        .iter()
        .filter(|q| speaker_entity(q).is_none())
        .count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} · {} · {} anonymous",
        plural(speech.len(), "quote", "quotes"),
        plural(sources.len(), "named source", "named sources"),
        anonymous
    )
}
