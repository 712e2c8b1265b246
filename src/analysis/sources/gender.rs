//! A quoted person's gender, from evidence only (see the module above for the order): the draft's
//! own, gathered by coreference ([`DraftEvidence`]), then the newsroom's list, then given names.

use super::{Gender, GenderEvidence, EvidenceKind, InventoryOptions};
use crate::analysis::coref::{Clue, ClueKind, DraftEvidence};
use crate::analysis::entities::{MentionKind, Pronoun};
use crate::analysis::Analysis;

/// The gender of person entity `e` and the evidence for it.
pub(super) fn gender_of(a: &Analysis, e: usize, draft: &DraftEvidence, opts: &InventoryOptions) -> (Gender, Vec<GenderEvidence>) {
    let own: Vec<GenderEvidence> = draft.of(e).iter().filter_map(evidence).collect();
    if !own.is_empty() {
        let first = own[0].gender;
        // `he` and `she` both pointing at the person: the draft does not settle it. A lone
        // possessive (`his`, `her`) far from the name is too weak on its own: it is the pronoun
        // most often about someone the sentence reports on (`Sanders told MSNBC's "Morning Joe"
        // that nobody would question her intelligence`).
        let agree = own.iter().all(|ev| ev.gender == first);
        let gender = if agree && (own.len() > 1 || !distant_possessive(a, e, &own[0])) { first } else { Gender::Unknown };
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

/// Whether a piece of evidence is a possessive more than a few words after the person's last
/// name mention before it.
fn distant_possessive(a: &Analysis, e: usize, ev: &GenderEvidence) -> bool {
    const NEAR: u32 = 40;
    if !matches!(ev.span.text(&a.scan_text), "his" | "His" | "her" | "Her") {
        return false;
    }
    let mentions = &a.entities[e].mentions;
    let before = mentions[..mentions.partition_point(|m| m.span.start < ev.span.start)]
        .iter()
        .rev()
        .find(|m| m.kind == MentionKind::Name);
    before.is_none_or(|m| ev.span.start.saturating_sub(m.span.end) > NEAR)
}

/// Case, spacing and apostrophes aside.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().map(|w| w.replace('’', "'").to_lowercase()).collect::<Vec<_>>();
    norm(a) == norm(b)
}

/// The gender census counts give a given name at least 98% of the time, if any (the census table
/// coreference reads too: `data/names/given-names.tsv`, from `scripts/given_name_genders.py`).
pub fn given_name_gender(given: &str) -> Option<Gender> {
    const OVERWHELMING: f32 = 0.98;
    match crate::analysis::coref::given_name_pronoun(given)? {
        (Pronoun::She, share) if share >= OVERWHELMING => Some(Gender::Female),
        (Pronoun::He, share) if share >= OVERWHELMING => Some(Gender::Male),
        _ => None,
    }
}

/// A clue of the draft as the inventory reports it.
fn evidence(c: &Clue) -> Option<GenderEvidence> {
    let gender = match c.pronoun {
        Pronoun::He => Gender::Male,
        Pronoun::She => Gender::Female,
        _ => return None,
    };
    let kind = match c.kind {
        ClueKind::Pronoun => EvidenceKind::Pronoun,
        ClueKind::Honorific => EvidenceKind::Honorific,
    };
    Some(GenderEvidence { span: c.span, kind, gender })
}
