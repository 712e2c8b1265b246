//! Inlay hints: `— Lavrov` after a quote whose speaker the reader has to work out.

use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, InlayHintTooltip};

use super::{mention_kind, short_name, speaker_entity};
use crate::analysis::attribution::AttributionSource;
use crate::analysis::entities::MentionKind;
use crate::analysis::span::Span;
use crate::lsp::convert;
use crate::lsp::snapshot::Snapshot;

/// A speaker named further than this from the quote counts as far away.
const FAR_BYTES: u32 = 160;

/// Hints for the quotes that overlap `range` (all of them when `None`).
pub fn inlay_hints(snap: &Snapshot, range: Option<Span>) -> Vec<InlayHint> {
    let a = &snap.analysis;
    let mut hints = Vec::new();
    for q in &a.quotes {
        if !q.kind.is_speech() || q.parent.is_some() {
            continue;
        }
        if range.is_some_and(|r| {
            !(r.overlaps(q.span) || r.contains(q.span.end as usize) || r.end == q.span.end)
        }) {
            continue;
        }
        let (Some(at), Some(entity)) = (q.attribution, speaker_entity(q)) else {
            continue;
        };
        let Some(e) = a.entities.get(entity) else {
            continue;
        };
        let Some(speaker) = at.speaker else { continue };
        let kind = mention_kind(a, Some(entity), speaker.mention);
        let distance = if speaker.mention.start >= q.span.end {
            speaker.mention.start - q.span.end
        } else {
            q.span.start.saturating_sub(speaker.mention.end)
        };
        let indirect = kind != MentionKind::Name
            || matches!(at.source, AttributionSource::Continued { .. })
            || distance > FAR_BYTES
            || a.paragraph_at(speaker.mention.start) != Some(q.paragraph);
        if !indirect {
            continue;
        }
        hints.push(InlayHint {
            position: convert::position(&snap.rope, q.span.end as usize, snap.encoding),
            label: InlayHintLabel::String(format!("— {}", short_name(e))),
            tooltip: Some(InlayHintTooltip::String(format!(
                "Said by {} (from “{}”)",
                e.name,
                speaker.mention.text(&a.text)
            ))),
            padding_left: Some(true),
            padding_right: None,
            kind: None,
            text_edits: None,
            data: None,
        });
    }
    hints
}
