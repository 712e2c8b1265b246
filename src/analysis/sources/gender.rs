//! A quoted person's gender, from evidence only (see the module above for the order).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::{Gender, GenderEvidence, EvidenceKind, InventoryOptions};
use crate::analysis::entities::{CandidateKind, EntityKind, MentionKind, Pronoun};
use crate::analysis::span::Span;
use crate::analysis::Analysis;

/// The draft's own gender evidence for every person, gathered in one pass over the person
/// mentions and pronouns.
pub(super) struct DraftEvidence {
    by_entity: FxHashMap<usize, Vec<GenderEvidence>>,
}

impl DraftEvidence {
    pub(super) fn new(a: &Analysis) -> DraftEvidence {
        let text = &*a.scan_text;
        let mut by_entity: FxHashMap<usize, Vec<GenderEvidence>> = FxHashMap::default();
        let mut quotes: Vec<Span> = a.quotes.iter().filter(|q| q.parent.is_none()).map(|q| q.span).collect();
        quotes.sort();
        let quoted = |at: u32| {
            let i = quotes.partition_point(|q| q.end <= at);
            quotes.get(i).is_some_and(|q| q.start <= at)
        };
        // Person name mentions outside quotation marks, not as a possessor, by start.
        let mut people: Vec<(u32, usize)> = Vec::new();
        for (e, ent) in a.entities.iter().enumerate().filter(|(_, ent)| ent.kind == EntityKind::Person) {
            for m in ent.mentions.iter() {
                match m.kind {
                    MentionKind::Name => {
                        if let Some(ev) = honorific_before(text, m.span) {
                            by_entity.entry(e).or_default().push(ev);
                        }
                        let after = text.get(m.span.end as usize..).unwrap_or("");
                        let possessive = after.starts_with("'s") || after.starts_with("’s");
                        if !possessive && !quoted(m.span.start) {
                            people.push((m.span.start, e));
                        }
                    }
                    // `he said`, resolved to this person by the speaker resolution.
                    MentionKind::Pronoun => {
                        if let Some(g) = pronoun_gender(m.span.text(text)) {
                            by_entity.entry(e).or_default().push(GenderEvidence { span: m.span, kind: EvidenceKind::Pronoun, gender: g });
                        }
                    }
                    MentionKind::Description => {}
                }
            }
        }
        people.sort_unstable();
        for (pi, p) in a.paragraphs.iter().enumerate() {
            for c in &p.facts.names {
                let CandidateKind::Pronoun(Pronoun::He | Pronoun::She) = c.kind else { continue };
                let span = c.span.shift(p.offset());
                let Some(g) = pronoun_gender(span.text(text)) else { continue };
                if quoted(span.start) {
                    continue;
                }
                let Some(si) = p.sentence_at(span.start) else { continue };
                let sentence = p.facts.sentences[si].shift(p.offset());
                let mut person = sole_person(&people, sentence.start, span.start);
                // `Reyes spoke on Monday. She said ...`: a sentence that opens with the pronoun
                // points back at the one person of the sentence before.
                if person == Some(None) && text[sentence.start as usize..span.start as usize].trim().is_empty() {
                    let before = if si > 0 {
                        Some(p.facts.sentences[si - 1].start + p.offset())
                    } else {
                        pi.checked_sub(1).and_then(|q| a.paragraphs[q].sentences().last()).map(|s| s.start)
                    };
                    person = before.map_or(Some(None), |from| sole_person(&people, from, sentence.start));
                }
                if let Some(Some(e)) = person {
                    let list = by_entity.entry(e).or_default();
                    // The speaker resolution may have given this very pronoun already.
                    if !list.iter().any(|ev| ev.span == span) {
                        list.push(GenderEvidence { span, kind: EvidenceKind::Pronoun, gender: g });
                    }
                }
            }
        }
        for list in by_entity.values_mut() {
            list.sort_by_key(|ev| ev.span);
        }
        DraftEvidence { by_entity }
    }
}

/// The people named in `from..to`: `Some(Some(e))` when one person is, `Some(None)` when none is,
/// `None` when several are (the pronoun is then ambiguous).
fn sole_person(people: &[(u32, usize)], from: u32, to: u32) -> Option<Option<usize>> {
    let i = people.partition_point(|&(s, _)| s < from);
    let mut seen = people[i..].iter().take_while(|&&(s, _)| s < to).map(|&(_, e)| e);
    let Some(first) = seen.next() else { return Some(None) };
    seen.all(|e| e == first).then_some(Some(first))
}

/// The gender a pronoun shows. Only the forms that point at the sentence's subject: `her` and
/// `him` are as often someone else (`Reyes thanked her`).
fn pronoun_gender(word: &str) -> Option<Gender> {
    match word.to_lowercase().as_str() {
        "he" | "his" | "himself" => Some(Gender::Male),
        "she" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

fn honorific_gender(word: &str) -> Option<Gender> {
    match word.trim_end_matches('.').to_lowercase().as_str() {
        "mr" | "sir" | "lord" | "monsieur" | "herr" | "señor" | "senor" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "dame" | "lady" | "madame" | "mme" | "mlle" | "madam" | "señora" | "senora" => Some(Gender::Female),
        _ => None,
    }
}

/// `Mr.` or `Ms.` as the first word of a name mention, or right before it.
fn honorific_before(text: &str, mention: Span) -> Option<GenderEvidence> {
    let own = mention.text(text);
    let first_len = own.find(char::is_whitespace).unwrap_or(own.len());
    if first_len < own.len() {
        if let Some(g) = honorific_gender(&own[..first_len]) {
            let span = Span { start: mention.start, end: mention.start + first_len as u32 };
            return Some(GenderEvidence { span, kind: EvidenceKind::Honorific, gender: g });
        }
    }
    let before = text.get(..mention.start as usize)?;
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() == before.len() || before.len() - trimmed.len() > 1 {
        return None;
    }
    let start = trimmed.rfind(|c: char| !(c.is_alphabetic() || c == '.')).map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8));
    let g = honorific_gender(&trimmed[start..])?;
    let span = Span::new(start, trimmed.len());
    Some(GenderEvidence { span, kind: EvidenceKind::Honorific, gender: g })
}

/// The gender of person entity `e` and the evidence for it.
pub(super) fn gender_of(a: &Analysis, e: usize, draft: &DraftEvidence, opts: &InventoryOptions) -> (Gender, Vec<GenderEvidence>) {
    let own = draft.by_entity.get(&e).cloned().unwrap_or_default();
    if !own.is_empty() {
        let first = own[0].gender;
        // `he` and `she` both pointing at the person: the draft does not settle it.
        let gender = if own.iter().all(|ev| ev.gender == first) { first } else { Gender::Unknown };
        return (gender, own);
    }
    let ent = &a.entities[e];
    let Some(name_at) = ent.mentions.iter().find(|m| m.kind == MentionKind::Name).map(|m| m.span) else {
        return (Gender::Unknown, own);
    };
    if let Some(p) = opts.people.iter().find(|p| p.gender != Gender::Unknown && p.spellings.iter().any(|s| same_name(s, &ent.name))) {
        return (p.gender, vec![GenderEvidence { span: name_at, kind: EvidenceKind::PeopleList, gender: p.gender }]);
    }
    if opts.gender_from_given_names {
        if let Some(g) = ent.name.split_whitespace().next().and_then(given_name_gender) {
            // Only a mention that shows the given name is evidence of it.
            let shown = ent.mentions.iter().find(|m| m.kind == MentionKind::Name && m.span.text(&a.scan_text).contains(' ')).map_or(name_at, |m| m.span);
            return (g, vec![GenderEvidence { span: shown, kind: EvidenceKind::GivenName, gender: g }]);
        }
    }
    (Gender::Unknown, own)
}

/// Case, spacing and apostrophes aside.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().map(|w| w.replace('’', "'").to_lowercase()).collect::<Vec<_>>();
    norm(a) == norm(b)
}

/// The gender census counts give a given name at least 98% of the time, if any
/// (`data/names/given-name-genders.tsv`, derived by `scripts/given_name_genders.py`).
pub fn given_name_gender(given: &str) -> Option<Gender> {
    static TABLE: OnceLock<FxHashMap<&'static str, Gender>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        include_str!("../../../data/names/given-name-genders.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, g) = l.split_once('\t')?;
                Some((name, if g == "f" { Gender::Female } else { Gender::Male }))
            })
            .collect()
    });
    table.get(given.to_lowercase().as_str()).copied()
}
