//! Hover: the entity card, the quote card and the dateline card.

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::{
    first_full_reference, first_words, mention_at, mention_kind, quote_at, speaker_entity,
};
use crate::analysis::attribution::AttributionSource;
use crate::analysis::entities::{EntityKind, MentionKind};
use crate::analysis::sources::{EvidenceKind, Gender};
use crate::lsp::convert;
use crate::lsp::snapshot::Snapshot;

/// The card for whatever is under the offset: dateline first, then a mention, then a quote.
pub fn hover(snap: &Snapshot, offset: usize, markdown: bool) -> Option<Hover> {
    let a = &snap.analysis;
    let mut card = Card {
        markdown,
        text: String::new(),
    };
    let span = if let Some(d) = a.dateline.as_ref().filter(|d| d.span.contains(offset)) {
        dateline_card(&mut card, d);
        super::knowledge_card::place_fields(&mut card, snap, &d.city);
        d.span
    } else if let Some((entity, mention)) = mention_at(a, offset) {
        entity_card(&mut card, snap, entity);
        a.entities[entity].mentions[mention].span
    } else if let Some(q) = quote_at(a, offset) {
        quote_card(&mut card, snap, q);
        a.quotes[q].span
    } else if let Some(span) = super::knowledge_card::place_word_card(&mut card, snap, offset) {
        span
    } else {
        return None;
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value: card.text.trim_end().to_string(),
        }),
        range: Some(convert::range(&snap.rope, span, snap.encoding)),
    })
}

/// Markdown or plain text, written the same way.
pub(super) struct Card {
    pub(super) markdown: bool,
    pub(super) text: String,
}

impl Card {
    pub(super) fn title(&mut self, title: &str, kind: &str) {
        if self.markdown {
            self.text
                .push_str(&format!("**{}** · {kind}\n\n", escape(title)));
        } else {
            self.text.push_str(&format!("{title} ({kind})\n\n"));
        }
    }

    pub(super) fn field(&mut self, label: &str, value: &str) {
        if self.markdown {
            self.text
                .push_str(&format!("- *{label}:* {}\n", escape(value)));
        } else {
            self.text.push_str(&format!("{label}: {value}\n"));
        }
    }

    pub(super) fn item(&mut self, value: &str) {
        if self.markdown {
            self.text.push_str(&format!("  - {}\n", escape(value)));
        } else {
            self.text.push_str(&format!("  - {value}\n"));
        }
    }
}

/// Escapes the Markdown characters a draft's words may contain.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn dateline_card(card: &mut Card, d: &crate::analysis::dateline::Dateline) {
    card.title("Dateline", "dateline");
    card.field("City", &d.city);
    if let Some(region) = &d.region {
        card.field("Region", region);
    }
    if let Some(date) = &d.date {
        card.field("Date", date);
    }
    if let Some(agency) = &d.agency {
        card.field("Agency", agency);
    }
    for p in &d.problems {
        card.field("Problem", &p.message);
    }
}

fn entity_card(card: &mut Card, snap: &Snapshot, entity: usize) {
    let a = &snap.analysis;
    let e = &a.entities[entity];
    card.title(&e.name, e.kind.as_str());
    if let Some(title) = &e.title {
        let line = first_full_reference(a, e).map_or(0, |m| snap.line_of(m.span.start));
        card.field("Title", &format!("{title} (line {line})"));
    }
    // How the draft spells the name, apart from the pronouns and descriptions that refer back to
    // it: `she` is not a spelling of Anna Petrova.
    let mut spellings: Vec<&str> = Vec::new();
    let mut references: Vec<&str> = Vec::new();
    for m in &e.mentions {
        let list = if m.kind == MentionKind::Name { &mut spellings } else { &mut references };
        let s = m.span.text(&a.text);
        if !list.contains(&s) {
            list.push(s);
        }
    }
    if !spellings.is_empty() {
        card.field("Spellings", &spellings.join(", "));
    }
    if !references.is_empty() {
        card.field("Referred to as", &references.join(", "));
    }
    card.field("Mentions", &e.mentions.len().to_string());
    if e.kind == EntityKind::Person {
        gender_field(card, snap, entity);
    }
    super::knowledge_card::entity_fields(card, snap, e);
    let quotes: Vec<usize> = (0..a.quotes.len())
        .filter(|&q| speaker_entity(&a.quotes[q]) == Some(entity))
        .collect();
    if !quotes.is_empty() {
        card.field("Quotes", &quotes.len().to_string());
        const SHOWN: usize = 8;
        for &q in quotes.iter().take(SHOWN) {
            let quote = &a.quotes[q];
            card.item(&format!(
                "line {}: “{}”",
                snap.line_of(quote.span.start),
                first_words(quote.content.text(&a.text), 6)
            ));
        }
        if quotes.len() > SHOWN {
            card.item(&format!("and {} more", quotes.len() - SHOWN));
        }
        let mut cues: Vec<&str> = Vec::new();
        for &q in &quotes {
            if let Some(cue) = a.quotes[q].attribution.and_then(|at| at.cue) {
                let cue = cue.text(&a.text);
                if !cues.contains(&cue) {
                    cues.push(cue);
                }
            }
        }
        if !cues.is_empty() {
            card.field("Cue verbs", &cues.join(", "));
        }
    }
}

/// `Gender: female (pronoun “she”, line 5; honorific “Ms.”, line 3)`: never more than the
/// evidence says (see [`crate::analysis::sources`]).
fn gender_field(card: &mut Card, snap: &Snapshot, entity: usize) {
    let a = &snap.analysis;
    let (gender, evidence) = snap.person_gender(entity);
    const SHOWN: usize = 3;
    let mut pieces: Vec<String> = evidence
        .iter()
        .take(SHOWN)
        .map(|ev| {
            let what = match ev.kind {
                EvidenceKind::PeopleList => "newsroom list".to_string(),
                EvidenceKind::GivenName => "given name, census counts".to_string(),
                kind => format!("{} “{}”", kind.as_str(), ev.span.text(&a.text)),
            };
            let shows = if gender == Gender::Unknown { format!("{}: ", ev.gender.as_str()) } else { String::new() };
            format!("{shows}{what}, line {}", snap.line_of(ev.span.start))
        })
        .collect();
    if evidence.len() > SHOWN {
        pieces.push(format!("and {} more", evidence.len() - SHOWN));
    }
    let value = match (gender, pieces.is_empty()) {
        (_, true) => "unknown (nothing in the draft or the newsroom list shows it)".to_string(),
        (Gender::Unknown, false) => format!("unknown, the evidence disagrees ({})", pieces.join("; ")),
        (g, false) => format!("{} ({})", g.as_str(), pieces.join("; ")),
    };
    card.field("Gender", &value);
}

fn quote_card(card: &mut Card, snap: &Snapshot, q: usize) {
    let a = &snap.analysis;
    let quote = &a.quotes[q];
    card.title(
        &format!("“{}”", first_words(quote.content.text(&a.text), 8)),
        &format!("{} quote", quote.kind.as_str()),
    );
    super::knowledge_card::notes_fields(card, snap, quote);
    let Some(at) = quote.attribution else {
        if quote.kind.is_speech() {
            card.field("Speaker", "none found");
        }
        return;
    };
    let entity = speaker_entity(quote).and_then(|e| a.entities.get(e));
    match (at.speaker, entity) {
        (Some(sp), Some(e)) => {
            card.field("Said by", &e.name);
            let words = sp.mention.text(&a.text);
            let kind = mention_kind(a, speaker_entity(quote), sp.mention);
            if kind != MentionKind::Name || words != &*e.name {
                let first = first_full_reference(a, e)
                    .map(|m| m.span)
                    .unwrap_or_default();
                card.field(
                    "Resolved",
                    &format!(
                        "“{words}” → {}, first named on line {}",
                        e.name,
                        snap.line_of(first.start)
                    ),
                );
            }
        }
        (Some(sp), None) => card.field(
            "Said by",
            &format!("“{}” (not resolved to a name)", sp.mention.text(&a.text)),
        ),
        (None, _) => card.field("Said by", "nobody named"),
    }
    if let Some(cue) = at.cue {
        card.field("Cue", cue.text(&a.text));
    }
    if let AttributionSource::Continued { from_quote } = at.source {
        if let Some(from) = a.quotes.get(from_quote) {
            card.field(
                "Carried over",
                &format!("from the quote on line {}", snap.line_of(from.span.start)),
            );
        }
    }
}
