//! The handlers on a hand-built analysis: what the core will give for a small draft, filled in
//! by hand here so the features are tested independently of the extraction passes.

use std::collections::HashMap;

use ropey::Rope;
use serde_json::{json, Value};
use tower_lsp_server::ls_types::{DocumentSymbol, InlayHintLabel, Position, Range, TextEdit};

use super::*;
use crate::analysis::attribution::{Attribution, AttributionSource, Speaker};
use crate::analysis::dateline::Dateline;
use crate::analysis::entities::Pronoun;
use crate::analysis::layout::Format;
use crate::analysis::quotes::{MarkStyle, QuoteKind};
use crate::analysis::span::Span;
use crate::config::Config;
use crate::lsp::convert::{self, Encoding};
use crate::lsp::snapshot::{diagnostic, Snapshot};

const PETROVA: &str = "\
MOSCOW, March 3 (AP) — Foreign Minister Anna Petrova said on Tuesday that talks with Kyiv would resume next week.

\"We are ready to meet at any time,\" Petrova told reporters.

\"The door remains open,\" she said.

Petrova added that no date had been set.
";

/// The span of the `n`th occurrence of `needle`.
fn span_of(needle: &str, n: usize) -> Span {
    let at = PETROVA.match_indices(needle).nth(n).expect(needle).0;
    Span::new(at, at + needle.len())
}

fn mention(needle: &str, n: usize, kind: MentionKind) -> Mention {
    Mention {
        span: span_of(needle, n),
        kind,
    }
}

fn quote(marked: &str, speaker: Span, cue: Span, analysis: &Analysis) -> Quote {
    let span = span_of(marked, 0);
    Quote {
        span,
        content: Span::new(span.start as usize + 1, span.end as usize - 1),
        kind: QuoteKind::Direct,
        style: MarkStyle::Double,
        closed: true,
        paragraph: analysis.paragraph_at(span.start).unwrap(),
        parent: None,
        continues: None,
        attribution: Some(Attribution {
            speaker: Some(Speaker {
                mention: speaker,
                entity: Some(0),
            }),
            cue: Some(cue),
            source: AttributionSource::Local,
        }),
    }
}

fn petrova() -> Snapshot {
    let mut analysis = crate::analysis::analyze(PETROVA, Format::Plain);
    analysis.dateline = Some(Dateline {
        span: span_of("MOSCOW, March 3 (AP) — ", 0),
        city: "MOSCOW".into(),
        city_span: span_of("MOSCOW", 0),
        region: None,
        date: Some("March 3".into()),
        agency: Some("AP".into()),
        problems: Vec::new(),
    });
    analysis.entities = vec![
        Entity {
            name: "Anna Petrova".into(),
            kind: EntityKind::Person,
            mentions: vec![
                mention("Anna Petrova", 0, MentionKind::Name),
                mention("Petrova", 1, MentionKind::Name),
                mention("she", 0, MentionKind::Pronoun),
                mention("Petrova", 2, MentionKind::Name),
            ],
            title: Some("Foreign Minister".into()),
            pronoun: Some(Pronoun::She),
        },
        Entity {
            name: "Kyiv".into(),
            kind: EntityKind::Place,
            mentions: vec![mention("Kyiv", 0, MentionKind::Name)],
            title: None,
            pronoun: None,
        },
    ];
    let q1 = quote(
        "\"We are ready to meet at any time,\"",
        span_of("Petrova", 1),
        span_of("told", 0),
        &analysis,
    );
    let q2 = quote(
        "\"The door remains open,\"",
        span_of("she", 0),
        span_of("said", 1),
        &analysis,
    );
    analysis.quotes = vec![q1, q2];
    let findings = crate::rules::check(&analysis, &Config::default());
    let rope = Rope::from_str(PETROVA);
    let uri = "file:///drafts/petrova.txt".parse().unwrap();
    let diagnostics = findings
        .iter()
        .map(|f| diagnostic(&rope, &uri, f, Encoding::Utf16).into())
        .collect();
    Snapshot {
        uri,
        version: 1,
        revision: 1,
        rope,
        encoding: Encoding::Utf16,
        fields: crate::lsp::snapshot::DiagnosticFields::ALL,
        analysis,
        findings,
        diagnostics,
        config: Default::default(),
        inventory: Default::default(),
        recycler: Default::default(),
    }
}

fn offset_of(needle: &str, n: usize) -> usize {
    span_of(needle, n).start as usize + 1
}

fn hover_text(snap: &Snapshot, offset: usize, markdown: bool) -> String {
    let h = hover::hover(snap, offset, markdown).expect("a hover");
    serde_json::to_value(h.contents).unwrap()["value"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn entity_card_on_a_name() {
    let snap = petrova();
    let card = hover_text(&snap, offset_of("Petrova told", 0), true);
    let expected = "\
**Anna Petrova** · person

- *Title:* Foreign Minister (line 1)
- *Spellings:* Anna Petrova, Petrova
- *Referred to as:* she
- *Mentions:* 4
- *Gender:* female (pronoun “she”, line 5)
- *Quotes:* 2
  - line 3: “We are ready to meet at…”
  - line 5: “The door remains open,”
- *Cue verbs:* told, said";
    assert_eq!(card, expected);
}

#[test]
fn the_same_card_on_a_pronoun_and_in_plain_text() {
    let snap = petrova();
    assert_eq!(
        hover_text(&snap, offset_of("she", 0), true),
        hover_text(&snap, offset_of("Petrova told", 0), true)
    );
    let plain = hover_text(&snap, offset_of("she", 0), false);
    assert!(
        plain.starts_with("Anna Petrova (person)\n\nTitle: Foreign Minister (line 1)\n"),
        "{plain}"
    );
}

#[test]
fn quote_card_says_who_and_how() {
    let snap = petrova();
    let card = hover_text(&snap, offset_of("door", 0), true);
    let expected = "\
**“The door remains open,”** · direct quote

- *Said by:* Anna Petrova
- *Resolved:* “she” → Anna Petrova, first named on line 1
- *Cue:* said";
    assert_eq!(card, expected);
    // A surname resolves too.
    let card = hover_text(&snap, offset_of("ready", 0), true);
    assert!(
        card.contains(
            "- *Resolved:* “Petrova” → Anna Petrova, first named on line 1\n- *Cue:* told"
        ),
        "{card}"
    );
}

#[test]
fn dateline_card_lists_its_parts() {
    let snap = petrova();
    let card = hover_text(&snap, 2, true);
    assert!(
        card.starts_with(
            "**Dateline** · dateline\n\n- *City:* MOSCOW\n- *Date:* March 3\n- *Agency:* AP"
        ),
        "{card}"
    );
    // The gazetteer's facts follow.
    assert!(card.contains("Russia"), "{card}");
}

#[test]
fn hover_range_is_the_mention() {
    let snap = petrova();
    let h = hover::hover(&snap, offset_of("she", 0), true).unwrap();
    assert_eq!(
        h.range,
        Some(Range {
            start: Position::new(4, 25),
            end: Position::new(4, 28)
        })
    );
}

#[test]
fn inlay_hint_only_after_the_pronoun_attributed_quote() {
    let snap = petrova();
    let hints = inlay_hints::inlay_hints(&snap, None);
    assert_eq!(hints.len(), 1);
    assert_eq!(hints[0].position, Position::new(4, 24));
    assert!(matches!(&hints[0].label, InlayHintLabel::String(s) if s == "— Petrova"));
    // Outside the requested range: none.
    assert!(inlay_hints::inlay_hints(&snap, Some(Span::new(0, 10))).is_empty());
}

fn apply(text: &str, snap: &Snapshot, edits: &[TextEdit]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            let s = convert::span(&snap.rope, e.range, snap.encoding).unwrap();
            (s.start as usize, s.end as usize, e.new_text.as_str())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, t);
    }
    out
}

#[test]
fn rename_changes_name_mentions_only() {
    let snap = petrova();
    let edit = navigation::rename(&snap, offset_of("she", 0), "Irina Volkova").unwrap();
    let changes: HashMap<_, _> = edit.changes.unwrap();
    let renamed = apply(PETROVA, &snap, &changes[&snap.uri]);
    assert_eq!(
        renamed,
        PETROVA
            .replace("Anna Petrova", "Irina Volkova")
            .replace("Petrova", "Volkova")
    );
    assert!(navigation::prepare_rename(&snap, offset_of("she", 0)).is_none());
    assert!(navigation::prepare_rename(&snap, offset_of("Petrova told", 0)).is_some());
}

#[test]
fn references_definition_and_highlights() {
    let snap = petrova();
    let refs = navigation::references(&snap, offset_of("she", 0)).unwrap();
    let words: Vec<&str> = refs
        .iter()
        .map(|l| {
            convert::span(&snap.rope, l.range, snap.encoding)
                .unwrap()
                .text(PETROVA)
        })
        .collect();
    assert_eq!(words, ["Anna Petrova", "Petrova", "she", "Petrova"]);
    let def = navigation::definition(&snap, offset_of("Petrova added", 0)).unwrap();
    assert_eq!(
        convert::span(&snap.rope, def.range, snap.encoding)
            .unwrap()
            .text(PETROVA),
        "Anna Petrova"
    );
    assert_eq!(
        navigation::highlights(&snap, offset_of("Kyiv", 0))
            .unwrap()
            .len(),
        1
    );
    assert!(navigation::references(&snap, offset_of("talks", 0)).is_none());
}

#[test]
fn outline_is_dateline_then_sources_then_others() {
    let snap = petrova();
    let symbols = symbols::document_symbols(&snap);
    let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Dateline: MOSCOW", "Anna Petrova", "Kyiv"]);
    let children: Vec<&str> = symbols[1]
        .children
        .iter()
        .flatten()
        .map(|c: &DocumentSymbol| c.name.as_str())
        .collect();
    assert_eq!(
        children,
        [
            "“We are ready to meet at any time,”",
            "“The door remains open,”"
        ]
    );
    for child in symbols[1].children.iter().flatten() {
        let (r, p) = (child.range, symbols[1].range);
        assert!(
            p.start <= r.start && r.end <= p.end,
            "children sit inside their parent"
        );
    }
}

#[test]
fn semantic_tokens_mark_quotes_speakers_and_cues() {
    let snap = petrova();
    let data = semantic_tokens::tokens(&snap).data;
    let mut absolute = Vec::new();
    let (mut line, mut col) = (0, 0);
    for t in &data {
        line += t.delta_line;
        col = if t.delta_line == 0 {
            col + t.delta_start
        } else {
            t.delta_start
        };
        absolute.push((line, col, t.length, t.token_type));
    }
    use semantic_tokens::{CUE, QUOTE, SPEAKER};
    assert_eq!(
        absolute,
        [
            (2, 0, 35, QUOTE),
            (2, 36, 7, SPEAKER),
            (2, 44, 4, CUE),
            (4, 0, 24, QUOTE),
            (4, 25, 3, SPEAKER),
            (4, 29, 4, CUE)
        ]
    );
}

#[test]
fn semantic_tokens_split_a_quote_over_lines() {
    let mut snap = petrova();
    let text = "\"One\nTwo\" x\n";
    snap.rope = Rope::from_str(text);
    snap.analysis = crate::analysis::analyze(text, Format::Plain);
    let mut q = petrova().analysis.quotes[0].clone();
    q.span = Span::new(0, 9);
    q.attribution = None;
    snap.analysis.quotes = vec![q];
    let data = semantic_tokens::tokens(&snap).data;
    let rel: Vec<(u32, u32, u32)> = data
        .iter()
        .map(|t| (t.delta_line, t.delta_start, t.length))
        .collect();
    assert_eq!(rel, [(0, 0, 4), (1, 0, 4)]);
}

#[test]
fn code_lens_summary() {
    let snap = petrova();
    let sources = snap.sources();
    // Made once per snapshot: the next lens or hover reads the same inventory.
    assert!(std::ptr::eq(sources, snap.sources()));
    assert_eq!(
        code_lens::summary(&snap.analysis, sources),
        "2 quotes · 1 named source (1 woman) · 0 anonymous"
    );
    let lens = code_lens::summary_lens(&snap);
    let command = lens.command.unwrap();
    assert_eq!(command.command, code_lens::LIST_SOURCES);
    assert_eq!(command.arguments.unwrap()[0], "file:///drafts/petrova.txt");
}

#[test]
fn the_sources_list_names_each_source_with_its_counts() {
    let snap = petrova();
    let list = code_lens::list_sources(&snap);
    assert_eq!(list["text"], "2 quotes · 1 named source (1 woman) · 0 anonymous\nAnna Petrova (person, female): 2 quotes, 12 words");
    assert_eq!(list["sources"][0]["gender_evidence"][0]["kind"], "pronoun");
}

#[test]
fn code_actions_carry_the_diagnostic_and_the_preferred_flag() {
    use crate::rules::{Edit, Finding, Fix, Severity};
    let mut snap = petrova();
    let she = span_of("she", 0);
    let fix = |title: &str, replacement: &str, preferred| Fix {
        title: title.into(),
        edits: vec![Edit {
            span: she,
            replacement: replacement.into(),
        }],
        preferred,
    };
    snap.findings = vec![Finding {
        code: "unattributed-quote",
        severity: Severity::Warning,
        span: she,
        message: "test".into(),
        fixes: vec![
            fix("Name her", "Petrova", true),
            fix("Describe her", "the minister", false),
        ],
        related: Vec::new(),
    }];
    snap.diagnostics = snap
        .findings
        .iter()
        .map(|f| diagnostic(&snap.rope, &snap.uri, f, snap.encoding).into())
        .collect();
    let v: Value = serde_json::to_value(code_actions::code_actions(
        &snap,
        Span::empty_at(she.end as usize),
    ))
    .unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["isPreferred"], json!(true));
    assert_eq!(v[1]["isPreferred"], json!(false));
    assert_eq!(v[0]["diagnostics"][0]["code"], json!("unattributed-quote"));
    assert_eq!(
        v[0]["edit"]["changes"][snap.uri.as_str()][0]["range"],
        json!({"start": {"line": 4, "character": 25}, "end": {"line": 4, "character": 28}})
    );
    // Nothing away from the finding.
    assert!(code_actions::code_actions(&snap, Span::empty_at(0)).is_empty());
}
