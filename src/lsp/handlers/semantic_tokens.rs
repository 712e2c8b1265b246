//! Semantic tokens: quotes, speakers and cue verbs, one line at a time (clients need not support
//! tokens that span lines) and never overlapping.

use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
};

use crate::analysis::span::Span;
use crate::lsp::convert;
use crate::lsp::snapshot::Snapshot;

/// Token type indices into [`legend`].
pub const QUOTE: u32 = 0;
pub const SPEAKER: u32 = 1;
pub const CUE: u32 = 2;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: vec![
            SemanticTokenType::STRING,
            SemanticTokenType::VARIABLE,
            SemanticTokenType::KEYWORD,
        ],
        token_modifiers: Vec::new(),
    }
}

pub fn tokens(snap: &Snapshot) -> SemanticTokens {
    let a = &snap.analysis;
    let mut spans: Vec<(Span, u32)> = Vec::new();
    for q in &a.quotes {
        if q.parent.is_none() {
            spans.push((q.span, QUOTE));
        }
        if let Some(at) = q.attribution {
            if let Some(sp) = at.speaker {
                spans.push((sp.mention, SPEAKER));
            }
            if let Some(cue) = at.cue {
                spans.push((cue, CUE));
            }
        }
    }
    // Speakers and cues first at equal starts, so a quote never hides them.
    spans.sort_by_key(|&(s, ty)| (s.start, ty != QUOTE, s.end));
    spans.dedup();
    let mut data = Vec::with_capacity(spans.len());
    let (mut prev_line, mut prev_col) = (0u32, 0u32);
    let mut covered_to = 0u32;
    for (span, ty) in spans {
        if span.is_empty() || span.start < covered_to {
            continue;
        }
        covered_to = span.end;
        let start = convert::position(&snap.rope, span.start as usize, snap.encoding);
        let end = convert::position(&snap.rope, span.end as usize, snap.encoding);
        for line in start.line..=end.line {
            let from = if line == start.line {
                start.character
            } else {
                0
            };
            let to = if line == end.line {
                end.character
            } else {
                let next = convert::offset(
                    &snap.rope,
                    tower_lsp_server::ls_types::Position::new(line, u32::MAX),
                    snap.encoding,
                );
                convert::position(&snap.rope, next, snap.encoding).character
            };
            if to <= from {
                continue;
            }
            let delta_line = line - prev_line;
            let delta_start = if delta_line == 0 {
                from - prev_col
            } else {
                from
            };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length: to - from,
                token_type: ty,
                token_modifiers_bitset: 0,
            });
            (prev_line, prev_col) = (line, from);
        }
    }
    SemanticTokens {
        result_id: None,
        data,
    }
}
