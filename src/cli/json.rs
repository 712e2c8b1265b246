//! The JSON Lines output of `copydesk check --format json`: one object per draft, in input order.
//!
//! The contract is docs/json-output.md, which tools such as score.py read: fields are only
//! ever added (`end_line`, `end_column`, `fixes`, `related` here), never renamed or dropped.

use std::io::{self, Write};

use serde::Serialize;

use super::lines::LineIndex;
use super::report::{Checked, Reporter, Summary};
use crate::analysis::span::Span;
use crate::analysis::sources::Source;
use crate::analysis::Analysis;
use crate::rules::Finding;

pub struct JsonLinesReport;

impl Reporter for JsonLinesReport {
    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        let sources = file.config.inventory(file.analysis);
        let value = file_value(file.name, file.analysis, file.findings, file.lines, &sources);
        write_line_safe(&mut *out, &value)?;
        out.write_all(b"\n")
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// Writes `value` as compact JSON in which no string holds a character that some readers take for
/// a line break: U+2028 and U+2029 (JavaScript's line terminators) and U+0085 (NEL) are escaped,
/// so that any line splitter reads one object per line.
pub fn write_line_safe(out: impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, LineSafe);
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// serde_json's compact formatter, with the escapes [`write_line_safe`] promises.
struct LineSafe;

impl serde_json::ser::Formatter for LineSafe {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        // U+2028/U+2029 start with 0xE2 and U+0085 with 0xC2: text without them is written as is.
        if memchr::memchr2(0xE2, 0xC2, fragment.as_bytes()).is_none() {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            let escaped: &[u8] = match c {
                '\u{2028}' => b"\\u2028",
                '\u{2029}' => b"\\u2029",
                '\u{85}' => b"\\u0085",
                _ => continue,
            };
            writer.write_all(&fragment.as_bytes()[start..i])?;
            writer.write_all(escaped)?;
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// `{"start", "end", "text"}`: a stretch of the draft.
#[derive(Serialize)]
struct SpanOut<'a> {
    start: u32,
    end: u32,
    text: &'a str,
}

impl<'a> SpanOut<'a> {
    fn new(text: &'a str, span: Span) -> SpanOut<'a> {
        SpanOut {
            start: span.start,
            end: span.end,
            text: span.text(text),
        }
    }
}

/// Field order follows the contract's example, so that the output reads the same way.
#[derive(Serialize)]
pub struct FileOut<'a> {
    path: &'a str,
    dateline: Option<DatelineOut<'a>>,
    quotes: Vec<QuoteOut<'a>>,
    entities: Vec<EntityOut<'a>>,
    diagnostics: Vec<DiagnosticOut<'a>>,
    /// Who the draft quotes: see [`crate::analysis::sources`].
    sources: &'a [Source],
}

#[derive(Serialize)]
struct DatelineOut<'a> {
    start: u32,
    end: u32,
    text: &'a str,
    city: &'a str,
    region: Option<&'a str>,
    date: Option<&'a str>,
    agency: Option<&'a str>,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    start: u32,
    end: u32,
    text: &'a str,
    kind: &'static str,
    speaker: Option<SpeakerOut<'a>>,
    cue: Option<SpanOut<'a>>,
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    mention: SpanOut<'a>,
    entity: Option<&'a str>,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: usize,
    name: &'a str,
    kind: &'static str,
    mentions: Vec<SpanOut<'a>>,
}

#[derive(Serialize)]
struct DiagnosticOut<'a> {
    code: &'static str,
    severity: &'static str,
    start: u32,
    end: u32,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    fixes: Vec<FixOut<'a>>,
    related: Vec<RelatedOut<'a>>,
}

#[derive(Serialize)]
struct FixOut<'a> {
    title: &'a str,
    preferred: bool,
    edits: Vec<EditOut<'a>>,
}

#[derive(Serialize)]
struct EditOut<'a> {
    start: u32,
    end: u32,
    replacement: &'a str,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    start: u32,
    end: u32,
    message: &'a str,
}

/// The object for one draft.
pub fn file_value<'a>(
    path: &'a str,
    a: &'a Analysis,
    findings: &'a [Finding],
    lines: &LineIndex,
    sources: &'a [Source],
) -> FileOut<'a> {
    let text = &*a.text;
    let dateline = a.dateline.as_ref().map(|d| DatelineOut {
        start: d.span.start,
        end: d.span.end,
        text: d.span.text(text),
        city: &d.city,
        region: d.region.as_deref(),
        date: d.date.as_deref(),
        agency: d.agency.as_deref(),
    });
    let quotes = a
        .quotes
        .iter()
        .map(|q| {
            let at = q.attribution.as_ref();
            let speaker = at.and_then(|at| at.speaker).map(|sp| SpeakerOut {
                mention: SpanOut::new(text, sp.mention),
                entity: sp.entity.and_then(|e| a.entities.get(e)).map(|e| &*e.name),
            });
            QuoteOut {
                start: q.span.start,
                end: q.span.end,
                text: q.span.text(text),
                kind: q.kind.as_str(),
                speaker,
                cue: at.and_then(|at| at.cue).map(|c| SpanOut::new(text, c)),
            }
        })
        .collect();
    let entities = a
        .entities
        .iter()
        .enumerate()
        .map(|(id, e)| EntityOut {
            id,
            name: &e.name,
            kind: e.kind.as_str(),
            mentions: e.mentions.iter().map(|m| SpanOut::new(text, m.span)).collect(),
        })
        .collect();
    let diagnostics = findings.iter().map(|f| diagnostic(f, lines)).collect();
    FileOut {
        path,
        dateline,
        quotes,
        entities,
        diagnostics,
        sources,
    }
}

fn diagnostic<'a>(f: &'a Finding, lines: &LineIndex) -> DiagnosticOut<'a> {
    let start = lines.line_col(f.span.start as usize);
    let end = lines.line_col(f.span.end as usize);
    let fixes = f
        .fixes
        .iter()
        .map(|fix| FixOut {
            title: &fix.title,
            preferred: fix.preferred,
            edits: fix
                .edits
                .iter()
                .map(|e| EditOut {
                    start: e.span.start,
                    end: e.span.end,
                    replacement: &e.replacement,
                })
                .collect(),
        })
        .collect();
    let related = f
        .related
        .iter()
        .map(|r| RelatedOut {
            start: r.span.start,
            end: r.span.end,
            message: &r.message,
        })
        .collect();
    DiagnosticOut {
        code: f.code,
        severity: f.severity.as_str(),
        start: f.span.start,
        end: f.span.end,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        message: &f.message,
        fixes,
        related,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_line_breaks_are_escaped_and_the_text_survives() {
        let text = "a\u{2028}b\u{2029}c\u{85}d é—\n";
        let mut out = Vec::new();
        write_line_safe(&mut out, &serde_json::json!({"t": text})).unwrap();
        let written = String::from_utf8(out).unwrap();
        assert_eq!(written, r#"{"t":"a\u2028b\u2029c\u0085d é—\n"}"#);
        let back: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(back["t"], text);
    }
}
