//! Navigation over entities: references, definition, highlights and rename.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, Location, PrepareRenameResponse, TextEdit,
    WorkspaceEdit,
};

use super::{first_full_reference, mention_at};
use crate::analysis::entities::MentionKind;
use crate::lsp::convert;
use crate::lsp::snapshot::Snapshot;

/// Every mention of the entity under the offset.
pub fn references(snap: &Snapshot, offset: usize) -> Option<Vec<Location>> {
    let (entity, _) = mention_at(&snap.analysis, offset)?;
    let e = &snap.analysis.entities[entity];
    Some(
        e.mentions
            .iter()
            .map(|m| Location {
                uri: snap.uri.clone(),
                range: convert::range(&snap.rope, m.span, snap.encoding),
            })
            .collect(),
    )
}

/// The first full reference of the entity under the offset.
pub fn definition(snap: &Snapshot, offset: usize) -> Option<Location> {
    let (entity, _) = mention_at(&snap.analysis, offset)?;
    let first = first_full_reference(&snap.analysis, &snap.analysis.entities[entity])?;
    Some(Location {
        uri: snap.uri.clone(),
        range: convert::range(&snap.rope, first.span, snap.encoding),
    })
}

pub fn highlights(snap: &Snapshot, offset: usize) -> Option<Vec<DocumentHighlight>> {
    let (entity, _) = mention_at(&snap.analysis, offset)?;
    Some(
        snap.analysis.entities[entity]
            .mentions
            .iter()
            .map(|m| DocumentHighlight {
                range: convert::range(&snap.rope, m.span, snap.encoding),
                kind: Some(if m.kind == MentionKind::Name {
                    DocumentHighlightKind::WRITE
                } else {
                    DocumentHighlightKind::READ
                }),
            })
            .collect(),
    )
}

/// Rename is offered on name mentions only.
pub fn prepare_rename(snap: &Snapshot, offset: usize) -> Option<PrepareRenameResponse> {
    let (entity, mention) = mention_at(&snap.analysis, offset)?;
    let m = snap.analysis.entities[entity].mentions[mention];
    (m.kind == MentionKind::Name)
        .then(|| PrepareRenameResponse::Range(convert::range(&snap.rope, m.span, snap.encoding)))
}

/// Renames every name mention of the entity under the offset. Pronouns and descriptions stay.
pub fn rename(snap: &Snapshot, offset: usize, new_name: &str) -> Option<WorkspaceEdit> {
    let a = &snap.analysis;
    let (entity, _) = mention_at(a, offset)?;
    let e = &a.entities[entity];
    let edits: Vec<TextEdit> = e
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Name)
        .filter_map(|m| {
            let old = m.span.text(&a.text);
            let new = renamed_mention(&e.name, new_name, old);
            (new != old).then(|| TextEdit {
                range: convert::range(&snap.rope, m.span, snap.encoding),
                new_text: new,
            })
        })
        .collect();
    Some(WorkspaceEdit {
        changes: Some(HashMap::from([(snap.uri.clone(), edits)])),
        ..Default::default()
    })
}

/// What one spelling of a name becomes: the full name becomes the new full name; a part of it
/// (`Lavrov`, `Mr. Lavrov`, `Sergey`) has each word of the old name swapped for the word in the
/// same place of the new name, or for the new surname when the word counts differ.
pub fn renamed_mention(old_name: &str, new_name: &str, mention: &str) -> String {
    if mention == old_name {
        return new_name.to_string();
    }
    let old_words: Vec<&str> = old_name.split_whitespace().collect();
    let new_words: Vec<&str> = new_name.split_whitespace().collect();
    let Some(&new_last) = new_words.last() else {
        return mention.to_string();
    };
    let mut out = String::with_capacity(mention.len());
    let mut rest = mention;
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, tail) = rest.split_at(word_end);
        let replacement = match old_words.iter().position(|&w| w == word) {
            Some(i) if old_words.len() == new_words.len() => new_words[i],
            Some(i) if i + 1 == old_words.len() => new_last,
            Some(0) => new_words[0],
            Some(_) => new_last,
            None => word,
        };
        out.push_str(replacement);
        let ws_end = tail
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(tail.len());
        out.push_str(&tail[..ws_end]);
        rest = &tail[ws_end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::renamed_mention;

    #[test]
    fn renames_full_and_partial_spellings() {
        assert_eq!(
            renamed_mention("Sergey Lavrov", "Anna Petrova", "Sergey Lavrov"),
            "Anna Petrova"
        );
        assert_eq!(
            renamed_mention("Sergey Lavrov", "Anna Petrova", "Lavrov"),
            "Petrova"
        );
        assert_eq!(
            renamed_mention("Sergey Lavrov", "Anna Petrova", "Mr. Lavrov"),
            "Mr. Petrova"
        );
        assert_eq!(
            renamed_mention("Sergey Lavrov", "Anna Maria Petrova", "Lavrov"),
            "Petrova"
        );
        assert_eq!(renamed_mention("Lavrov", "Petrova", "Lavrov"), "Petrova");
    }
}
