//! A quoted person's gender, from evidence only (see the module above for the order).

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
        DraftEvidence::with_people(a, &[])
    }

    /// [`DraftEvidence::new`], also reading for the entities in `also` (sorted): speakers the
    /// inventory found to be people that the entity pass typed otherwise.
    pub(super) fn with_people(a: &Analysis, also: &[usize]) -> DraftEvidence {
        let is_person = |e: usize, ent: &crate::analysis::entities::Entity| {
            ent.kind == EntityKind::Person || also.binary_search(&e).is_ok()
        };
        let text = &*a.scan_text;
        let mut by_entity: FxHashMap<usize, Vec<GenderEvidence>> = FxHashMap::default();
        let mut quotes: Vec<Span> = a.quotes.iter().filter(|q| q.parent.is_none()).map(|q| q.span).collect();
        quotes.sort();
        let quoted = |at: u32| {
            let i = quotes.partition_point(|q| q.end <= at);
            quotes.get(i).is_some_and(|q| q.start <= at)
        };
        let mut seen: Vec<(u32, Seen)> = Vec::new();
        let mut spoken: Vec<(usize, Span, Gender)> = Vec::new();
        // Surnames two people of the draft share: `Grayson` alone may be either Grayson. (A
        // person named once, often a headline's run of capitals, does not count.)
        let mut surnames: FxHashMap<&str, u32> = FxHashMap::default();
        for (_, ent) in a.entities.iter().enumerate().filter(|&(e, ent)| is_person(e, ent) && ent.mentions.len() > 1) {
            if let Some(last) = ent.name.split_whitespace().last() {
                *surnames.entry(last).or_default() += 1;
            }
        }
        // A quotation may bring in people of its own: a pronoun after one is ambiguous.
        // (Names inside quotation marks are left out: the quotation stands for them.)
        let spoken_quotes: Vec<Span> = a.quotes.iter().filter(|q| q.parent.is_none() && q.kind.is_speech()).map(|q| q.span).collect();
        seen.extend(spoken_quotes.iter().map(|q| (q.start, Seen::Quote)));
        for (e, ent) in a.entities.iter().enumerate().filter(|&(e, ent)| is_person(e, ent)) {
            // `"…," she said`: a speaker pronoun the speaker resolution gave this person.
            for m in ent.mentions.iter().filter(|m| m.kind == MentionKind::Pronoun) {
                if let Some(g) = pronoun_gender(text, m.span) {
                    spoken.push((e, m.span, g));
                }
            }
            for m in ent.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
                if let Some(ev) = honorific_before(text, m.span) {
                    by_entity.entry(e).or_default().push(ev);
                }
                let after = text.get(m.span.end as usize..).unwrap_or("");
                let written = m.span.text(text);
                let shared = !written.contains(' ') && surnames.get(written).is_some_and(|&n| n > 1);
                let before = text.get(..m.span.start as usize).unwrap_or("");
                if quoted(m.span.start) {
                    continue;
                }
                let aside = shared || is_possessor_or_attribute(after) || follows_preposition(before);
                seen.push((m.span.start, if aside { Seen::Aside } else { Seen::Person(e) }));
            }
        }
        // Pronouns outside quotation marks, each with its gender if it points at the subject.
        let mut pronouns: Vec<(Span, Option<Gender>)> = Vec::new();
        for p in &a.paragraphs {
            for c in &p.facts.names {
                let CandidateKind::Pronoun(Pronoun::He | Pronoun::She) = c.kind else { continue };
                let span = c.span.shift(p.offset());
                if !quoted(span.start) {
                    // An object (`called on her`) is someone other than the subject.
                    let object = matches!(span.text(text), "him" | "Him")
                        || (matches!(span.text(text), "her" | "Her") && pronoun_gender(text, span).is_none());
                    seen.push((span.start, if object { Seen::Aside } else { Seen::Pronoun }));
                    pronouns.push((span, pronoun_gender(text, span)));
                }
            }
        }
        seen.sort_unstable();
        for (span, g) in pronouns {
            let Some(g) = g else { continue };
            let Some(pi) = a.paragraph_at(span.start) else { continue };
            let p = &a.paragraphs[pi];
            let Some(si) = p.sentence_at(span.start) else { continue };
            let sentence = p.facts.sentences[si].shift(p.offset());
            let mut person = referent(&seen, sentence.start, span.start);
            // `Reyes spoke on Monday. She said ...`: a sentence that opens with the pronoun
            // points back at the subject of the sentence before.
            if person == Some(None) && opens_sentence(text, &quotes, sentence.start, span.start) {
                let before = if si > 0 {
                    Some(p.facts.sentences[si - 1].start + p.offset())
                } else {
                    pi.checked_sub(1).and_then(|q| a.paragraphs[q].sentences().last()).map(|s| s.start)
                };
                person = before.map_or(Some(None), |from| {
                    referent(&seen, from, sentence.start).or_else(|| subject(&seen, &spoken_quotes, from, sentence.start).map(Some))
                });
            }
            if let Some(Some(e)) = person {
                by_entity.entry(e).or_default().push(GenderEvidence { span, kind: EvidenceKind::Pronoun, gender: g });
            }
        }
        // A speaker pronoun counts when the draft's other pronouns agree, or when the person is
        // the last one named before it, within the last few paragraphs (a person the draft
        // gives no pronoun is open to both `he` and `she` in the resolution, so its answer alone
        // is no evidence).
        // What the draft's own pronouns showed of each person, and where (sorted), before the
        // speaker pronouns are added: a person may have thousands in a long draft.
        let mut shown: FxHashMap<usize, [bool; 2]> = FxHashMap::default();
        for (e, list) in by_entity.iter_mut() {
            list.sort_by_key(|ev| ev.span);
            let seen_genders = shown.entry(*e).or_default();
            for ev in list.iter().filter(|ev| ev.kind == EvidenceKind::Pronoun) {
                seen_genders[usize::from(ev.gender == Gender::Female)] = true;
            }
        }
        let mut added: Vec<(usize, GenderEvidence)> = Vec::new();
        for (e, span, g) in spoken {
            let list = by_entity.get(&e).map(Vec::as_slice).unwrap_or_default();
            if list.binary_search_by_key(&span, |ev| ev.span).is_ok() {
                continue;
            }
            let agrees = shown.get(&e).is_some_and(|s| s[usize::from(g == Gender::Female)]);
            let near = a.paragraph_at(span.start).map_or(0, |pi| a.paragraphs[pi.saturating_sub(RECENT)].span.start);
            let last_named = seen[..seen.partition_point(|&(s, _)| s < span.start)]
                .iter()
                .rev()
                .take_while(|&&(s, _)| s >= near)
                .find_map(|&(_, x)| if let Seen::Person(p) = x { Some(p) } else { None });
            if agrees || last_named == Some(e) {
                added.push((e, GenderEvidence { span, kind: EvidenceKind::Pronoun, gender: g }));
            }
        }
        if !added.is_empty() {
            for (e, ev) in added {
                by_entity.entry(e).or_default().push(ev);
            }
            for list in by_entity.values_mut() {
                list.sort_by_key(|ev| ev.span);
            }
        }
        DraftEvidence { by_entity }
    }
}

/// How many paragraphs back a speaker pronoun may look for the person named last (as far as the
/// speaker resolution carries a speaker).
const RECENT: usize = 3;

/// What a pronoun may point back at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Seen {
    /// A person named as themselves.
    Person(usize),
    /// A person named as a possessor (`Ruiz's plan`), an attribute (`the Obama administration`) or
    /// inside a quotation: rarely what a pronoun points at, but a pronoun after it is ambiguous.
    Aside,
    /// Another pronoun: a chain from further back.
    Pronoun,
    /// A quotation, which may bring in people of its own: ambiguous after a name, no matter
    /// before it.
    Quote,
}

/// What a pronoun points at when `from..to` (the stretch before it) names one person first and no
/// one else: `Some(Some(e))`; `Some(None)` when the stretch names no one and holds no pronoun;
/// `None` when it is ambiguous (two people, an aside, or a pronoun before the first name).
fn referent(seen: &[(u32, Seen)], from: u32, to: u32) -> Option<Option<usize>> {
    let i = seen.partition_point(|&(s, _)| s < from);
    let mut stretch = seen[i..].iter().take_while(|&&(s, _)| s < to).map(|&(_, x)| x).skip_while(|&x| x == Seen::Quote);
    let first = match stretch.next() {
        None => return Some(None),
        Some(Seen::Person(e)) => e,
        Some(_) => return None,
    };
    stretch.all(|x| x == Seen::Person(first) || x == Seen::Pronoun).then_some(Some(first))
}

/// Whether a name is the object of a preposition (`sounded off on Trump`): not the subject a
/// pronoun after it points at.
fn follows_preposition(before: &str) -> bool {
    const PREPOSITIONS: &[&str] = &["on", "to", "with", "against", "by", "for", "about", "at", "from", "of", "than", "into", "over", "under", "between", "like"];
    let Some(rest) = before.strip_suffix(' ') else { return false };
    let word = rest.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    PREPOSITIONS.contains(&word)
}

/// Whether a pronoun opens its sentence: nothing before it but a connective (`But, he noted`), or
/// only a quotation (`"…," he said`).
fn opens_sentence(text: &str, quotes: &[Span], sentence: u32, pronoun: u32) -> bool {
    const CONNECTIVES: &[&str] = &["But", "And", "Indeed", "Still", "However", "Yet", "So", "Also", "Then", "Later", "Now", "Instead", "Meanwhile"];
    let blank = |from: u32, to: u32| {
        text.get(from as usize..to as usize).is_some_and(|t| {
            let t = t.trim_matches(|c: char| c.is_whitespace() || c == ',');
            t.is_empty() || CONNECTIVES.contains(&t)
        })
    };
    if blank(sentence, pronoun) {
        return true;
    }
    let i = quotes.partition_point(|q| q.end <= sentence);
    quotes.get(i).is_some_and(|q| q.start >= sentence && q.end <= pronoun && blank(sentence, q.start) && blank(q.end, pronoun))
}

/// The subject of a sentence: the person named first, within its first few words (`Ohio Gov. John
/// Kasich, a contender, predicted ... if Sanders wins`; after a quotation that opens the sentence,
/// `"…," Jeffrey Lewis wrote`), when no pronoun or aside comes before.
fn subject(seen: &[(u32, Seen)], quotes: &[Span], from: u32, to: u32) -> Option<usize> {
    const OPENING: u32 = 40;
    let i = seen.partition_point(|&(s, _)| s < from);
    let (at, first) = seen[i..].iter().take_while(|&&(s, _)| s < to).find(|&&(_, x)| x != Seen::Quote)?;
    // The words before the name, less the quotations among them.
    let quoted: u32 = quotes[quotes.partition_point(|q| q.end <= from)..]
        .iter()
        .take_while(|q| q.end <= *at)
        .map(|q| q.end - q.start.max(from))
        .sum();
    match first {
        Seen::Person(e) if at - from - quoted.min(at - from) <= OPENING => Some(*e),
        _ => None,
    }
}

/// Whether the words after a name make it a possessor or an attribute of something else:
/// `Reyes's plan`, `the Obama administration`.
fn is_possessor_or_attribute(after: &str) -> bool {
    const ATTRIBUTED: &[&str] = &["administration", "campaign", "government", "era", "foundation", "family", "camp", "team", "aides", "allies", "supporters", "presidency", "doctrine"];
    if after.starts_with("'s") || after.starts_with("’s") || after.starts_with("-era") || after.starts_with("-led") {
        return true;
    }
    let next = after.trim_start_matches(' ').split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    after.starts_with(' ') && ATTRIBUTED.contains(&next)
}

/// The gender a pronoun shows, for the forms that point at a sentence's subject: not `him`, nor
/// `her` as an object (`Reyes thanked her`), which are as often someone else; `her` before a noun
/// (`Reyes said her plan`) is the possessive.
fn pronoun_gender(text: &str, span: Span) -> Option<Gender> {
    match span.text(text).to_lowercase().as_str() {
        "he" | "his" | "himself" => Some(Gender::Male),
        "she" | "herself" => Some(Gender::Female),
        "her" if is_possessive_her(text.get(span.end as usize..).unwrap_or("")) => Some(Gender::Female),
        _ => None,
    }
}

/// Whether `her` is followed by a noun it owns: a lowercase word that is no function word.
fn is_possessive_her(after: &str) -> bool {
    const NOT_OWNED: &[&str] = &[
        "to", "in", "at", "on", "for", "with", "and", "or", "as", "that", "the", "a", "an", "about", "from", "by",
        "of", "into", "is", "was", "if", "when", "but", "so", "than", "this", "not", "up", "out", "back", "off",
        "down", "over", "after", "before", "because", "until", "while", "who", "what", "how", "why", "again",
    ];
    let Some(rest) = after.strip_prefix(' ') else { return false };
    let word: &str = rest.split(|c: char| !c.is_alphabetic() && c != '-').next().unwrap_or("");
    word.chars().next().is_some_and(char::is_lowercase) && !NOT_OWNED.contains(&word)
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
