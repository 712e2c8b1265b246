//! The source inventory: who a draft quotes, how often, and — only where the evidence allows — their
//! gender.
//!
//! Built on the speaker resolution of [`super::attribution`] and [`super::coref`] (each quote's
//! `speaker.entity`), not on a second resolver: a quote whose speaker resolves to a person counts
//! for that person; one whose speaker is a description, a pronoun left unresolved or an
//! organisation is classified from the speaker's words ([`kind`]).
//!
//! Gender is never guessed from the draft's subject matter. In order (see [`gender`]):
//! 1. the draft's own words: `he`/`she` pointing at the person, `Mr.`/`Ms.`/`Mrs.` before the name.
//!    Evidence both ways leaves the gender `unknown`;
//! 2. the newsroom's people list (`[[people]] gender`): what the person said about themselves;
//! 3. only when asked (`[sources] gender_from_given_names`), a given name that public-domain census
//!    counts give to one gender at least 98% of the time.
//!
//! Otherwise `unknown`. Work is linear in the quotes and the person mentions.

mod gender;
mod kind;
#[cfg(test)]
mod tests;

use serde::Serialize;

use super::entities::{EntityKind, MentionKind};
use super::quotes::Quote;
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

/// Who the draft quotes, in order of their first quotation.
pub fn inventory(a: &Analysis, opts: &InventoryOptions) -> Vec<Source> {
    let text = &*a.scan_text;
    let mut sources: Vec<Source> = Vec::new();
    // Index into `sources` by entity, and by the normalised description of an unnamed source.
    let mut by_entity: rustc_hash::FxHashMap<usize, usize> = Default::default();
    let mut by_words: rustc_hash::FxHashMap<(SourceKind, String), usize> = Default::default();
    for q in a.quotes.iter().filter(|q| q.kind.is_speech() && q.parent.is_none()) {
        let Some(speaker) = q.attribution.as_ref().and_then(|at| at.speaker) else { continue };
        let entity = speaker.entity.and_then(|e| a.entities.get(e).map(|ent| (e, ent)));
        let at = match entity {
            Some((e, ent)) => *by_entity.entry(e).or_insert_with(|| {
                sources.push(Source {
                    name: ent.name.clone(),
                    kind: match ent.kind {
                        EntityKind::Person => SourceKind::Person,
                        // A country or a body speaking: `Russia said`.
                        _ => SourceKind::Organization,
                    },
                    gender: Gender::Unknown,
                    gender_evidence: Vec::new(),
                    title: ent.title.clone().filter(|_| ent.kind == EntityKind::Person),
                    organization: None,
                    quotes: 0,
                    words: 0,
                    quote_spans: Vec::new(),
                    entity: Some(e),
                });
                sources.len() - 1
            }),
            None => {
                let written = speaker.mention.text(text).trim();
                let (kind, key) = kind::classify(written);
                *by_words.entry((kind, key)).or_insert_with(|| {
                    sources.push(Source {
                        name: written.to_string(),
                        kind,
                        gender: Gender::Unknown,
                        gender_evidence: Vec::new(),
                        title: None,
                        organization: organization_in(a, speaker.mention),
                        quotes: 0,
                        words: 0,
                        quote_spans: Vec::new(),
                        entity: None,
                    });
                    sources.len() - 1
                })
            }
        };
        add_quote(&mut sources[at], q, text);
    }
    let draft = gender::DraftEvidence::new(a);
    for s in sources.iter_mut() {
        let Some(e) = s.entity.filter(|_| s.kind == SourceKind::Person) else { continue };
        s.organization = person_organization(a, e);
        let (g, evidence) = gender::gender_of(a, e, &draft, opts);
        s.gender = g;
        s.gender_evidence = evidence;
    }
    sources
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
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() as u32
}

/// The organisation named inside a speaker's words: `a spokesman for the Foreign Ministry`.
fn organization_in(a: &Analysis, mention: Span) -> Option<String> {
    a.entities
        .iter()
        .filter(|e| e.kind == EntityKind::Organization)
        .find(|e| e.mentions.iter().any(|m| m.kind == MentionKind::Name && mention.contains_span(m.span)))
        .map(|e| e.name.clone())
}

/// The organisation the draft ties a person to at their first name mention: `Jane Roe of Acme`,
/// `Jane Roe, a spokeswoman for Acme,` (an organisation named soon after, in the same clause).
fn person_organization(a: &Analysis, e: usize) -> Option<String> {
    let text = &*a.scan_text;
    let first = a.entities[e].mentions.iter().find(|m| m.kind == MentionKind::Name)?;
    let from = first.span.end as usize;
    let rest = text.get(from..)?;
    // The clause after the name: up to a sentence end, a quotation mark or a cue verb's clause.
    let mut end = rest.len().min(90);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let stop = rest[..end].find(['.', ';', '"', '“', '”', '(', ')']).unwrap_or(end);
    let window = Span::new(from, from + stop);
    let lead = &rest[..stop];
    if !(lead.starts_with(" of ") || lead.starts_with(" at ") || lead.starts_with(" from ") || lead.starts_with(", ")) {
        return None;
    }
    a.entities
        .iter()
        .filter(|o| o.kind == EntityKind::Organization)
        .filter_map(|o| {
            let m = o.mentions.iter().find(|m| m.kind == MentionKind::Name && window.contains_span(m.span))?;
            Some((m.span.start, o.name.clone()))
        })
        .min()
        .map(|(_, name)| name)
}
