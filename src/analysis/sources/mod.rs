//! The source inventory: who a draft quotes, how often, and — only where the evidence allows — their
//! gender.
//!
//! Built on the speaker resolution of [`super::attribution`] and [`super::coref`] (each quote's
//! `speaker.entity`), not on a second resolver: a quote whose speaker resolves to a person counts
//! for that person; one whose speaker is a description, a pronoun left unresolved or an
//! organisation is classified from the speaker's words ([`kind`]).
//!
//! Gender is never guessed from the draft's subject matter. In order (see [`gender`]):
//! 1. the draft's own words, gathered once by coreference (`coref::DraftEvidence`):
//!    `he`/`she` pointing at the person, `Mr.`/`Ms.`/`Mrs.` before the name, a role noun of one
//!    gender given to the person (`spokeswoman`, `his wife, Ana`). Evidence both ways leaves the
//!    gender `unknown` unless one way outweighs the other threefold;
//! 2. the newsroom's people list (`[[people]] gender`): what the person said about themselves;
//! 3. only when asked (`[sources] gender_from_given_names`), a given name that public-domain census
//!    counts give to one gender at least 98% of the time.
//!
//! Otherwise `unknown`. Work is linear in the quotes and the person mentions.

mod gender;
mod kind;
mod person;
#[cfg(test)]
mod tests;
mod whole;

use serde::Serialize;

use super::entities::{EntityKind, MentionKind};
use rustc_hash::FxHashMap;

use super::quotes::{Quote, QuoteKind};
use super::coref::{ClueKind, DraftEvidence};
use super::span::Span;
use super::Analysis;

pub use gender::given_name_gender;

/// What kind of source a quote comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A named person.
    Person,
    /// A person the draft does not name: `a White House official`, `officials`.
    Unnamed,
    /// People speaking together: `protesters`, `residents`, `they`.
    Group,
    /// An institution speaking as one: `the ministry`, `Reuters`, `Russia`.
    Organization,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Unnamed => "unnamed",
            SourceKind::Group => "group",
            SourceKind::Organization => "organization",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Female,
    Male,
    #[default]
    Unknown,
}

impl Gender {
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Unknown => "unknown",
        }
    }

    /// `female`, `woman`, `f`; `male`, `man`, `m`; `unknown`.
    pub fn parse(s: &str) -> Option<Gender> {
        match s.trim().to_ascii_lowercase().as_str() {
            "female" | "woman" | "f" => Some(Gender::Female),
            "male" | "man" | "m" => Some(Gender::Male),
            "unknown" | "" => Some(Gender::Unknown),
            _ => None,
        }
    }
}

/// Where a gender came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    /// `he` or `she` in the draft, pointing at the person.
    Pronoun,
    /// `Mr.`, `Ms.`, `Mrs.` before the name in the draft.
    Honorific,
    /// A role noun of one gender the draft gives the person: `spokeswoman`, `his wife, Ana`.
    RoleNoun,
    /// The newsroom's people list (`[[people]] gender`).
    PeopleList,
    /// Census counts of the given name (only with `[sources] gender_from_given_names = true`).
    GivenName,
}

impl EvidenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Pronoun => "pronoun",
            EvidenceKind::Honorific => "honorific",
            EvidenceKind::RoleNoun => "role-noun",
            EvidenceKind::PeopleList => "people-list",
            EvidenceKind::GivenName => "given-name",
        }
    }
}

/// One piece of evidence for a source's gender: the words in the draft that show it (for the people
/// list and given names, the name they were looked up by).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GenderEvidence {
    #[serde(flatten)]
    pub span: Span,
    pub kind: EvidenceKind,
    /// The gender this piece shows (the source's `gender` is `unknown` when pieces disagree).
    pub gender: Gender,
}

/// One source of a draft. Serialises to the `sources` entries of the JSON output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The person's fullest name, or the unnamed source's description as first written
    /// (`a White House official`).
    pub name: String,
    pub kind: SourceKind,
    pub gender: Gender,
    pub gender_evidence: Vec<GenderEvidence>,
    /// The title the draft gives the person (`Foreign Minister`).
    pub title: Option<String>,
    /// The organisation the draft ties the source to (`a spokesman for the ministry`,
    /// `Jane Roe of Acme Corp`).
    pub organization: Option<String>,
    /// Quotations (a quote running over several paragraphs counts once).
    pub quotes: u32,
    /// Words quoted.
    pub words: u32,
    /// The span of each quotation (each paragraph of a running quote), in order.
    pub quote_spans: Vec<Span>,
    /// The entity (index into `Analysis::entities`, the `id` of the JSON output), when the source
    /// is one.
    pub entity: Option<usize>,
}

/// A person on the newsroom's list, with the gender they gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonGender {
    /// Every spelling of the name (name, preferred form, aliases).
    pub spellings: Vec<String>,
    pub gender: Gender,
}

/// What the inventory may use besides the draft.
#[derive(Debug, Clone, Copy, Default)]
pub struct InventoryOptions<'a> {
    /// The newsroom's people with a gender on file.
    pub people: &'a [PersonGender],
    /// `[sources] gender_from_given_names`: guess from census counts of given names.
    pub gender_from_given_names: bool,
}

/// Totals for a one-line summary (the editor's code lens).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SourceCounts {
    pub quotes: u32,
    /// Named people, and of them women, men and unknown.
    pub named: u32,
    pub women: u32,
    pub men: u32,
    pub unknown: u32,
    /// Unnamed sources.
    pub anonymous: u32,
    pub groups: u32,
    pub organizations: u32,
}

impl SourceCounts {
    pub fn of(sources: &[Source]) -> SourceCounts {
        let mut c = SourceCounts::default();
        for s in sources {
            c.quotes += s.quotes;
            match s.kind {
                SourceKind::Person => {
                    c.named += 1;
                    match s.gender {
                        Gender::Female => c.women += 1,
                        Gender::Male => c.men += 1,
                        Gender::Unknown => c.unknown += 1,
                    }
                }
                SourceKind::Unnamed => c.anonymous += 1,
                SourceKind::Group => c.groups += 1,
                SourceKind::Organization => c.organizations += 1,
            }
        }
        c
    }
}

/// Who the draft quotes, in order of their first whole quotation.
///
/// A source is someone the draft quotes whole at least once: a quoted fragment inside reported
/// speech (`He said the plan was "dead"`) adds to a source's counts but does not make one on its
/// own (fragments are most often a word the writer borrows, and the ones most often misread); a
/// quote that opens mid-sentence but is still the speaker's whole reported words (`Reyes told the
/// paper, "We lost."`) does ([`whole`]). A quote whose speaker is a pronoun the resolution could
/// not tie to a person (`"…," he said` with no one named before) counts for no source: it is
/// neither a named nor an unnamed source.
///
/// A speaker the entity pass typed as an organisation is listed as a person when the draft treats
/// it as one, and a person under the fullest form of their name, once ([`person`]).
pub fn inventory(a: &Analysis, opts: &InventoryOptions) -> Vec<Source> {
    inventory_with(a, opts, false).0
}

/// [`inventory`] and every person's [`Genders`], from one reading of the draft's gender evidence
/// (what the editor keeps per snapshot: the code lens and the person hover agree).
pub fn inventory_and_genders(a: &Analysis, opts: &InventoryOptions) -> (Vec<Source>, Genders) {
    let (sources, genders) = inventory_with(a, opts, true);
    (sources, genders.unwrap_or_default())
}

fn inventory_with(a: &Analysis, opts: &InventoryOptions, with_genders: bool) -> (Vec<Source>, Option<Genders>) {
    let text = &*a.scan_text;
    let mut sources: Vec<Source> = Vec::new();
    // Index into `sources` by entity, and by the normalised description of an unnamed source.
    let mut by_entity: FxHashMap<usize, usize> = FxHashMap::default();
    let mut by_words: FxHashMap<(SourceKind, String), usize> = FxHashMap::default();
    let mut fragments: Vec<(&Quote, SourceKey)> = Vec::new();
    // Per source, the speaker's words at each whole quotation.
    let mut spoken_as: Vec<Vec<Span>> = Vec::new();
    let orgs = OrgMentions::new(a);
    for q in a.quotes.iter().filter(|q| q.kind.is_speech() && q.parent.is_none()) {
        let Some(speaker) = q.attribution.as_ref().and_then(|at| at.speaker) else { continue };
        let entity = speaker.entity.and_then(|e| a.entities.get(e).map(|ent| (e, ent)));
        let key = match entity {
            Some((e, _)) => SourceKey::Entity(e),
            None => {
                let written = speaker.mention.text(text).trim();
                if kind::is_personal_pronoun(written) {
                    continue;
                }
                let (kind, words) = kind::classify(written);
                SourceKey::Words(kind, words)
            }
        };
        let fragment = match q.kind {
            QuoteKind::Partial => !whole::stands_alone(text, q),
            QuoteKind::Direct => whole::breaks_off(text, q),
            _ => false,
        };
        if fragment {
            fragments.push((q, key));
            continue;
        }
        let at = match (&key, entity) {
            (SourceKey::Entity(e), Some((_, ent))) => *by_entity.entry(*e).or_insert_with(|| {
                sources.push(Source {
                    name: ent.name.to_string(),
                    kind: match ent.kind {
                        EntityKind::Person => SourceKind::Person,
                        // A country or a body speaking: `Russia said`.
                        _ => SourceKind::Organization,
                    },
                    title: ent.title.clone().filter(|_| ent.kind == EntityKind::Person),
                    ..Source::new(Some(*e))
                });
                spoken_as.push(Vec::new());
                sources.len() - 1
            }),
            (SourceKey::Words(kind, words), _) => *by_words.entry((*kind, words.clone())).or_insert_with(|| {
                sources.push(Source {
                    name: speaker.mention.text(text).trim().to_string(),
                    kind: *kind,
                    organization: orgs
                        .first_in(a, speaker.mention)
                        .or_else(|| organization_after(a, &orgs, speaker.mention.end as usize)),
                    ..Source::new(None)
                });
                spoken_as.push(Vec::new());
                sources.len() - 1
            }),
            _ => continue,
        };
        spoken_as[at].push(speaker.mention);
        add_quote(&mut sources[at], q, text);
    }
    for (q, key) in fragments {
        let at = match key {
            SourceKey::Entity(e) => by_entity.get(&e),
            SourceKey::Words(kind, words) => by_words.get(&(kind, words)),
        };
        if let Some(&at) = at {
            add_quote(&mut sources[at], q, text);
        }
    }
    // Speakers typed as organisations that could be people: the draft's own `he` and `she` for
    // them are read once, with them counted as people. Two or more make a person: one may be a
    // stray pointing at someone the draft names only inside quotation marks.
    let mut maybe_people: Vec<usize> = sources
        .iter()
        .filter(|s| s.kind == SourceKind::Organization)
        .filter_map(|s| s.entity)
        .filter(|&e| matches!(a.entities[e].kind, EntityKind::Organization | EntityKind::Other))
        .filter(|&e| person::firmly_not_a_person(&a.entities[e].name).is_none())
        .collect();
    maybe_people.sort_unstable();
    let with_maybe = (!maybe_people.is_empty()).then(|| DraftEvidence::with_people(a, &maybe_people));
    let pronouned: Vec<usize> = match &with_maybe {
        Some(ev) => maybe_people.iter().copied().filter(|&e| ev.of(e).iter().filter(|c| c.kind == ClueKind::Pronoun).count() >= MIN_PRONOUNS).collect(),
        None => Vec::new(),
    };
    let mut sources = list_people(a, sources, &spoken_as, &pronouned);
    let mut retyped: Vec<usize> = sources
        .iter()
        .filter(|s| s.kind == SourceKind::Person)
        .filter_map(|s| s.entity)
        .filter(|&e| a.entities[e].kind != EntityKind::Person)
        .collect();
    retyped.sort_unstable();
    // Read again only when some candidate stayed an organisation: counted as a person, it could
    // have taken a pronoun from someone else.
    let draft = match with_maybe {
        Some(ev) if retyped == maybe_people => ev,
        _ => DraftEvidence::with_people(a, &retyped),
    };
    for s in sources.iter_mut() {
        let Some(e) = s.entity.filter(|_| s.kind == SourceKind::Person) else { continue };
        s.organization = person_organization(a, &orgs, e);
        let (g, evidence) = gender::gender_of(a, e, &draft, opts);
        s.gender = g;
        s.gender_evidence = evidence;
    }
    let genders = with_genders.then(|| Genders::from_draft(a, &draft, &retyped, opts));
    (sources, genders)
}

/// How many of the draft's own `he`/`she` must point at a speaker typed as an organisation for it
/// to be listed as a person.
const MIN_PRONOUNS: usize = 2;

/// Every person's gender and its evidence, by entity, gathered once for a draft: what the editor
/// keeps per snapshot for the code lens and the person hover.
#[derive(Debug, Clone, Default)]
pub struct Genders(Vec<(Gender, Vec<GenderEvidence>)>);

impl Genders {
    /// From the draft's evidence, for its people and the speakers the inventory found to be people
    /// (`retyped`, sorted).
    fn from_draft(a: &Analysis, draft: &crate::analysis::coref::DraftEvidence, retyped: &[usize], opts: &InventoryOptions) -> Genders {
        Genders(
            a.entities
                .iter()
                .enumerate()
                .map(|(e, ent)| {
                    if ent.kind == EntityKind::Person || retyped.binary_search(&e).is_ok() {
                        gender::gender_of(a, e, draft, opts)
                    } else {
                        (Gender::Unknown, Vec::new())
                    }
                })
                .collect(),
        )
    }

    /// The gender of entity `e` (`unknown`, with no evidence, for an entity that is no person).
    pub fn of(&self, e: usize) -> (Gender, &[GenderEvidence]) {
        self.0.get(e).map_or((Gender::Unknown, &[][..]), |(g, ev)| (*g, ev.as_slice()))
    }
}

/// Types again the speakers the entity pass did not call people, names each person by the fullest
/// form of their name, and lists a person named by two entities once (see [`person`]).
/// `pronouned` (sorted): speakers typed as organisations that the draft's own `he` or `she`
/// points at.
fn list_people(a: &Analysis, sources: Vec<Source>, spoken_as: &[Vec<Span>], pronouned: &[usize]) -> Vec<Source> {
    let text = &*a.scan_text;
    let full = person::FullNames::new(text, &a.entities);
    let mut listed: Vec<Source> = Vec::with_capacity(sources.len());
    let mut by_name: FxHashMap<String, usize> = FxHashMap::default();
    for (mut s, spoken) in sources.into_iter().zip(spoken_as) {
        if let Some(ent) = s.entity.and_then(|e| a.entities.get(e)) {
            let retype = s.kind == SourceKind::Organization && matches!(ent.kind, EntityKind::Organization | EntityKind::Other);
            if retype {
                let written = spoken.iter().map(|m| m.text(text));
                let quoted = s.quote_spans.iter().map(|q| q.text(text));
                let e = s.entity.unwrap_or_default();
                let who = spoken.iter().any(|m| person::followed_by_who(text, m.end as usize));
                if who || pronouned.binary_search(&e).is_ok() || person::speaks_as_a_person(text, ent, &full, written, quoted) {
                    s.kind = SourceKind::Person;
                }
            }
            if s.kind == SourceKind::Person {
                if let Some(kind) = person::firmly_not_a_person(&ent.name) {
                    s.kind = kind;
                    listed.push(s);
                    continue;
                }
                let joint = spoken.iter().map(|m| person::joint_end(text, m.end as usize)).collect::<Option<Vec<usize>>>();
                if let (Some(ends), Some(first)) = (joint, spoken.first()) {
                    // `experts Jane Roe and Ann Poe said`: the two speak as one group.
                    let name_start = ent.name_mention_overlapping(*first).map_or(first.start, |m| m.span.start);
                    s.kind = SourceKind::Group;
                    s.name = text[name_start as usize..ends[0]].to_string();
                    listed.push(s);
                    continue;
                }
                s.name = person::listed_name(text, ent, &full);
                if let Some(&first) = by_name.get(&s.name) {
                    let into: &mut Source = &mut listed[first];
                    into.quotes += s.quotes;
                    into.words += s.words;
                    into.quote_spans.extend(s.quote_spans);
                    continue;
                }
                by_name.insert(s.name.clone(), listed.len());
            }
        }
        listed.push(s);
    }
    for s in &mut listed {
        s.quote_spans.sort();
    }
    listed
}

/// What makes two quotes one source's.
enum SourceKey {
    Entity(usize),
    Words(SourceKind, String),
}

impl Source {
    fn new(entity: Option<usize>) -> Source {
        Source {
            name: String::new(),
            kind: SourceKind::Unnamed,
            gender: Gender::Unknown,
            gender_evidence: Vec::new(),
            title: None,
            organization: None,
            quotes: 0,
            words: 0,
            quote_spans: Vec::new(),
            entity,
        }
    }
}

fn add_quote(s: &mut Source, q: &Quote, text: &str) {
    if q.continues.is_none() {
        s.quotes += 1;
    }
    s.words += count_words(q.content.text(text));
    s.quote_spans.push(q.span);
}

/// Words with a letter or digit in them.
fn count_words(s: &str) -> u32 {
    // One pass over the characters (it runs over every quotation): a word is counted at its first
    // letter or digit, and whitespace starts the next one, as `split_whitespace` splits.
    let (mut words, mut counted) = (0, false);
    for c in s.chars() {
        if c.is_whitespace() {
            counted = false;
        } else if !counted && c.is_alphanumeric() {
            words += 1;
            counted = true;
        }
    }
    words
}

#[cfg(test)]
mod count_words_tests {
    /// Words split at whitespace, counted when they hold a letter or digit: what
    /// [`super::count_words`] counts in one pass.
    fn by_split(s: &str) -> u32 {
        s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() as u32
    }

    #[test]
    fn counts_as_whitespace_splitting_does() {
        for s in ["", "  ", "We won — again.", " “I’m done,”\tshe said\u{a0}twice… 42 -- ! ", "a\u{2028}b\u{85}c\x0bd", "é è 3rd ’’"] {
            assert_eq!(super::count_words(s), by_split(s), "{s:?}");
        }
        assert_eq!(super::count_words("We won — again, 2 to 1."), 6);
    }
}

/// Every name mention of an organisation, by start: `(span, entity)`.
struct OrgMentions(Vec<(Span, usize)>);

impl OrgMentions {
    fn new(a: &Analysis) -> OrgMentions {
        let mut all: Vec<(Span, usize)> = a.name_mentions(EntityKind::Organization).map(|(i, span)| (span, i)).collect();
        all.sort_unstable();
        OrgMentions(all)
    }

    /// The organisation named first inside `span`.
    fn first_in(&self, a: &Analysis, span: Span) -> Option<String> {
        let i = self.0.partition_point(|(m, _)| m.start < span.start);
        self.0[i..]
            .iter()
            .take_while(|(m, _)| m.start < span.end)
            .find(|(m, _)| span.contains_span(*m))
            .map(|&(_, e)| a.entities[e].name.to_string())
    }
}

/// The organisation the draft ties a person to at their first name mention: `Jane Roe of Acme`,
/// `Jane Roe, a spokeswoman for Acme,` (an organisation named soon after, in the same clause).
fn person_organization(a: &Analysis, orgs: &OrgMentions, e: usize) -> Option<String> {
    let first = a.entities[e].mentions.iter().find(|m| m.kind == MentionKind::Name)?;
    organization_after(a, orgs, first.span.end as usize)
}

/// The organisation named in the clause that follows `from` (` of Acme`, `, an analyst at Acme`,
/// ` for the ministry`).
fn organization_after(a: &Analysis, orgs: &OrgMentions, from: usize) -> Option<String> {
    let text = &*a.scan_text;
    let rest = text.get(from..)?;
    // The clause after the name: up to a sentence end, a quotation mark or a bracket.
    let mut end = rest.len().min(90);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let stop = rest[..end].find(['.', ';', '"', '“', '”', '(', ')']).unwrap_or(end);
    let lead = &rest[..stop];
    if ![" of ", " at ", " from ", " for ", ", "].iter().any(|l| lead.starts_with(l)) {
        return None;
    }
    orgs.first_in(a, Span::new(from, from + stop))
}
