//! Code actions: the quick fixes the rules attach to their findings, turned into edits as they are.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, TextEdit, WorkspaceEdit,
};

use crate::analysis::span::Span;
use crate::lsp::convert;
use crate::lsp::snapshot::Snapshot;

/// The fixes of every finding that touches `range`.
pub fn code_actions(snap: &Snapshot, range: Span) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    for (finding, diagnostic) in snap.findings.iter().zip(&snap.diagnostics) {
        let touches = finding.span.overlaps(range)
            || range.contains_span(finding.span)
            || finding.span.contains(range.start as usize)
            || finding.span.end == range.start
            || finding.span.start == range.end;
        if !touches {
            continue;
        }
        for fix in &finding.fixes {
            let edits: Vec<TextEdit> = fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: convert::range(&snap.rope, e.span, snap.encoding),
                    new_text: e.replacement.clone(),
                })
                .collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![Diagnostic::clone(diagnostic)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(snap.uri.clone(), edits)])),
                    ..Default::default()
                }),
                is_preferred: Some(fix.preferred),
                ..Default::default()
            }));
        }
    }
    actions
}
