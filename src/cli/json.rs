//! The JSON Lines output of `copydesk check --format json` (contract: shared json-output.md).

use std::io::Write;

use serde_json::{json, Value};

use super::check::line_col;
use crate::analysis::span::Span;
use crate::analysis::Analysis;
use crate::rules::Finding;

fn span(text: &str, s: Span) -> Value {
    json!({"start": s.start, "end": s.end, "text": s.text(text)})
}

pub fn file_value(path: &str, a: &Analysis, findings: &[Finding]) -> Value {
    let text = &*a.text;
    let dateline = a.dateline.as_ref().map(|d| {
        json!({"start": d.span.start, "end": d.span.end, "text": d.span.text(text),
               "city": d.city, "region": d.region, "date": d.date, "agency": d.agency})
    });
    let quotes: Vec<Value> = a
        .quotes
        .iter()
        .map(|q| {
            let at = q.attribution.as_ref();
            let speaker = at.and_then(|at| at.speaker).map(|sp| {
                json!({"mention": span(text, sp.mention),
                       "entity": sp.entity.and_then(|e| a.entities.get(e)).map(|e| e.name.as_str())})
            });
            let cue = at.and_then(|at| at.cue).map(|c| span(text, c));
            json!({"start": q.span.start, "end": q.span.end, "text": q.span.text(text),
                   "kind": q.kind.as_str(), "speaker": speaker, "cue": cue})
        })
        .collect();
    let entities: Vec<Value> = a
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            json!({"id": i, "name": e.name, "kind": e.kind.as_str(),
                   "mentions": e.mentions.iter().map(|m| span(text, m.span)).collect::<Vec<_>>()})
        })
        .collect();
    let diagnostics: Vec<Value> = findings
        .iter()
        .map(|f| {
            let (line, column) = line_col(text, f.span.start as usize);
            json!({"code": f.code, "severity": f.severity.as_str(), "start": f.span.start, "end": f.span.end,
                   "line": line, "column": column, "message": f.message})
        })
        .collect();
    json!({"path": path, "dateline": dateline, "quotes": quotes, "entities": entities, "diagnostics": diagnostics})
}

pub fn write_file(out: &mut impl Write, path: &str, a: &Analysis, findings: &[Finding]) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &file_value(path, a, findings))?;
    out.write_all(b"\n")
}
