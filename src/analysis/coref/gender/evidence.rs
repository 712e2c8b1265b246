//! The draft's own evidence of each person's gender, and where it stands: `he`/`she` (and `his`,
//! `herself`, a possessive `her`) that can point at no one else, a speaker pronoun the speaker
//! resolution tied to the person, and a courtesy title before a name (`Ms. Ruiz`, `Mr Hale`).
//!
//! Stricter than the votes [`super::learn_genders`] casts to rank pronoun candidates: a pronoun
//! counts here only when the stretch before it names the person and no one else. Read once the
//! speakers are resolved, by whoever needs it (the source inventory, the person hover), from the
//! finished analysis; the courtesy titles are the ones coreference reads as it learns.

use rustc_hash::FxHashMap;

use super::super::clues::is_employer;
use crate::analysis::entities::{CandidateKind, EntityKind, MentionKind, Pronoun};
use crate::analysis::span::Span;
use crate::analysis::Analysis;

/// What kind of words show a gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClueKind {
    /// `he`, `she`, `his`, `herself`, a possessive `her`, pointing at the person.
    Pronoun,
    /// `Mr.`, `Ms.`, `Mrs.`, `Miss` (and `Sir`, `Dame`, `Madame` ...) before the name.
    Honorific,
    /// A role noun of one gender the draft gives the person: `spokeswoman Ana Ruiz`, `Ana Ruiz, a
    /// spokeswoman for`, `his wife, Ana`.
    RoleNoun,
}

/// One piece of evidence: the words, what they are, and the pronoun (`He` or `She`) they show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clue {
    pub span: Span,
    pub kind: ClueKind,
    pub pronoun: Pronoun,
}

/// The draft's own gender evidence for every person, gathered in one pass over the person
/// mentions and pronouns.
pub struct DraftEvidence {
    by_entity: FxHashMap<usize, Vec<Clue>>,
}

impl DraftEvidence {
    pub fn new(a: &Analysis) -> DraftEvidence {
        DraftEvidence::with_people(a, &[])
    }

    /// [`DraftEvidence::new`], also reading for the entities in `also` (sorted): speakers the
    /// source inventory found to be people that the entity pass typed otherwise.
    pub fn with_people(a: &Analysis, also: &[usize]) -> DraftEvidence {
        let is_person = |e: usize, ent: &crate::analysis::entities::Entity| {
            ent.kind == EntityKind::Person || also.binary_search(&e).is_ok()
        };
        let text = &*a.scan_text;
        let mut by_entity: FxHashMap<usize, Vec<Clue>> = FxHashMap::default();
        let mut quotes: Vec<Span> = a.quotes.iter().filter(|q| q.parent.is_none()).map(|q| q.span).collect();
        quotes.sort();
        let quoted = |at: u32| {
            let i = quotes.partition_point(|q| q.end <= at);
            quotes.get(i).is_some_and(|q| q.start <= at)
        };
        let mut seen: Vec<(u32, Seen)> = Vec::new();
        // Where each person's name mention in `seen` ends, by start.
        let mut ends: FxHashMap<u32, u32> = FxHashMap::default();
        let mut spoken: Vec<(usize, Span, Pronoun)> = Vec::new();
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
                if let Some(ev) = honorific_before(text, m.span).or_else(|| role_noun_around(text, m.span)) {
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
                ends.insert(m.span.start, m.span.end);
            }
        }
        // Pronouns outside quotation marks, each with its gender if it points at the subject.
        let mut pronouns: Vec<(Span, Option<Pronoun>)> = Vec::new();
        for p in &a.paragraphs {
            for c in &p.facts.names {
                let CandidateKind::Pronoun(Pronoun::He | Pronoun::She) = c.kind else { continue };
                let span = c.span.shift(p.offset());
                if !quoted(span.start) {
                    // An object (`called on her`) is someone other than the subject.
                    let object = matches!(span.text(text), "him" | "Him")
                        || (matches!(span.text(text), "her" | "Her") && pronoun_gender(text, span).is_none());
                    seen.push((span.start, if object { Seen::Aside } else { Seen::Pronoun(pronoun_gender(text, span) == Some(Pronoun::She)) }));
                    pronouns.push((span, pronoun_gender(text, span)));
                }
            }
        }
        seen.sort_unstable();
        // `Cruz spokesman Rick Tyler said he`: the employer named first is not the subject.
        for i in 1..seen.len() {
            if let ((at, Seen::Person(_)), (next, Seen::Person(_))) = (seen[i - 1], seen[i]) {
                if ends.get(&at).is_some_and(|&end| is_employer(text, end, next)) {
                    seen[i - 1].1 = Seen::Aside;
                }
            }
        }
        // The pronouns given a person so far, by start: a later one may carry the chain on.
        let mut chain: FxHashMap<u32, (usize, Pronoun)> = FxHashMap::default();
        for (span, g) in pronouns {
            let Some(g) = g else { continue };
            // A pronoun of the other gender, or a person the draft so far shows to be of it, is not
            // what this one points at (`She said ..., to which Ruiz replied. He said`).
            let she = g == Pronoun::She;
            let other = |x: Seen| match x {
                Seen::Pronoun(p) => p != she,
                Seen::Person(e) => by_entity.get(&e).is_some_and(|c| c.iter().all(|c| (c.pronoun == Pronoun::She) != she)),
                _ => false,
            };
            let settled_other = |e: usize| {
                by_entity.get(&e).is_some_and(|c| {
                    c.iter().all(|c| (c.pronoun == Pronoun::She) != she) && (c.len() >= 3 || c.iter().any(|c| c.kind != ClueKind::Pronoun))
                })
            };
            let referent = |from: u32, to: u32| match referent(&seen, from, to, |_| false) {
                // `If Ana Ruiz wins, he said`: not her; whoever else the stretch leaves.
                // Only against a gender the draft has settled (a title, a role noun or three
                // pronouns): a first stray pronoun must not shut out the person's own.
                Some(Some(e)) if settled_other(e) => referent(&seen, from, to, other),
                found => found
                    .or_else(|| chained(&seen, &chain, from, to, g))
                    .or_else(|| referent(&seen, from, to, other).filter(|&e| e.is_some())),
            };
            let Some(pi) = a.paragraph_at(span.start) else { continue };
            let p = &a.paragraphs[pi];
            let Some(si) = p.sentence_at(span.start) else { continue };
            let sentence = p.facts.sentences[si].shift(p.offset());
            let mut person = referent(sentence.start, span.start);
            // `Reyes spoke on Monday. She said ...`: a sentence that opens with the pronoun
            // points back at the subject of the sentence before.
            if person == Some(None) && (opens_sentence(text, &quotes, sentence.start, span.start) || leads_a_clause(text, span)) {
                let before = if si > 0 {
                    Some(p.facts.sentences[si - 1].start + p.offset())
                } else {
                    pi.checked_sub(1).and_then(|q| a.paragraphs[q].sentences().last()).map(|s| s.start)
                };
                person = before.map_or(Some(None), |from| {
                    referent(from, sentence.start).or_else(|| subject(&seen, &spoken_quotes, from, sentence.start).map(Some))
                });
            }
            if let Some(Some(e)) = person {
                chain.insert(span.start, (e, g));
                by_entity.entry(e).or_default().push(Clue { span, kind: ClueKind::Pronoun, pronoun: g });
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
            for ev in list.iter().filter(|ev| ev.kind == ClueKind::Pronoun) {
                seen_genders[usize::from(ev.pronoun == Pronoun::She)] = true;
            }
        }
        let mut added: Vec<(usize, Clue)> = Vec::new();
        let voices = Voices::new(a);
        for (e, span, g) in spoken {
            let list = by_entity.get(&e).map(Vec::as_slice).unwrap_or_default();
            if list.binary_search_by_key(&span, |ev| ev.span).is_ok() {
                continue;
            }
            let agrees = shown.get(&e).is_some_and(|s| s[usize::from(g == Pronoun::She)]);
            let near = a.paragraph_at(span.start).map_or(0, |pi| a.paragraphs[pi.saturating_sub(RECENT)].span.start);
            let last_named = seen[..seen.partition_point(|&(s, _)| s < span.start)]
                .iter()
                .rev()
                .take_while(|&&(s, _)| s >= near)
                .find_map(|&(_, x)| if let Seen::Person(p) = x { Some(p) } else { None });
            if agrees
                || last_named == Some(e)
                || subject_in_view(a, text, &seen, &spoken_quotes, span.start) == Some(e)
                || voices.same_voice(&seen, &by_entity, e, span, g)
            {
                added.push((e, Clue { span, kind: ClueKind::Pronoun, pronoun: g }));
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

/// The subject of the sentence of a speaker pronoun at `at` (`Reyes said the plan would help
/// Ortiz and Lee, "…," she said`), or, when that sentence names no one before it, of the sentence
/// before (`Reyes spoke first. "…," she said`).
fn subject_in_view(a: &Analysis, text: &str, seen: &[(u32, Seen)], quotes: &[Span], at: u32) -> Option<usize> {
    let pi = a.paragraph_at(at)?;
    let p = &a.paragraphs[pi];
    let si = p.sentence_at(at)?;
    let own = p.facts.sentences[si].start + p.offset();
    if let Some(e) = subject(seen, quotes, own, at) {
        return Some(e);
    }
    if referent(seen, own, at, |_| false) != Some(None) || text.get(own as usize..at as usize).is_none() {
        return None;
    }
    let before = if si > 0 {
        p.facts.sentences[si - 1].start + p.offset()
    } else {
        pi.checked_sub(1).and_then(|q| a.paragraphs[q].sentences().last()).map(|s| s.start)?
    };
    subject(seen, quotes, before, own)
}

/// The outermost spoken quotations, in order, with their paragraph and resolved speaker, and the
/// quotation each speaker mention attributes: to find the quotation before a speaker pronoun's own
/// in one look-up.
struct Voices {
    /// `(span, paragraph, speaker entity)`, by start.
    quotes: Vec<(Span, usize, Option<usize>)>,
    /// Speaker mention start → index into `quotes`.
    by_mention: FxHashMap<u32, usize>,
}

impl Voices {
    fn new(a: &Analysis) -> Voices {
        let mut outer: Vec<_> = a.quotes.iter().filter(|q| q.parent.is_none() && q.kind.is_speech()).collect();
        outer.sort_by_key(|q| q.span.start);
        let speaker = |q: &crate::analysis::quotes::Quote| q.attribution.as_ref().and_then(|at| at.speaker);
        let by_mention = outer.iter().enumerate().filter_map(|(i, q)| Some((speaker(q)?.mention.start, i))).collect();
        let quotes = outer.iter().map(|q| (q.span, q.paragraph, speaker(q).and_then(|sp| sp.entity))).collect();
        Voices { quotes, by_mention }
    }

    /// Whether a speaker pronoun at `span` carries on the voice of the quotation before its own:
    /// that one's speaker is `e`, within the last few paragraphs, and everyone named since
    /// (outside quotation marks, not as a possessor or an object) is `e` or shown by the draft to
    /// be of the other gender (`"…," Reyes said. But what if Ana Ruiz wins? "…," he said`).
    fn same_voice(&self, seen: &[(u32, Seen)], by_entity: &FxHashMap<usize, Vec<Clue>>, e: usize, span: Span, g: Pronoun) -> bool {
        let Some(&own) = self.by_mention.get(&span.start) else { return false };
        let (own_span, own_paragraph, _) = self.quotes[own];
        let upto = own_span.start.min(span.start);
        let Some(&(before, paragraph, speaker)) = self.quotes[..self.quotes.partition_point(|q| q.0.end <= upto)].last() else {
            return false;
        };
        if speaker != Some(e) || paragraph + RECENT < own_paragraph {
            return false;
        }
        let other = |x: usize| by_entity.get(&x).is_some_and(|c| !c.is_empty() && c.iter().all(|c| c.pronoun != g));
        let i = seen.partition_point(|&(s, _)| s < before.end);
        // A long stretch is no continuing voice: a few dozen names at most are read.
        let mut stretch = seen[i..].iter().take_while(|&&(s, _)| s < span.start);
        stretch.by_ref().take(32).all(|&(_, x)| match x {
            Seen::Person(p) => p == e || other(p),
            Seen::Pronoun(she) => she != (g == Pronoun::She),
            Seen::Aside | Seen::Quote => true,
        }) && stretch.next().is_none()
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
    /// Another pronoun (`true`: `she`, `her`, `herself`): a chain from further back.
    Pronoun(bool),
    /// A quotation, which may bring in people of its own: ambiguous after a name, no matter
    /// before it.
    Quote,
}

/// What a pronoun points at when `from..to` (the stretch before it) names one person first and no
/// one else: `Some(Some(e))`; `Some(None)` when the stretch names no one and holds no pronoun;
/// `None` when it is ambiguous (two people, an aside, or a pronoun before the first name).
fn referent(seen: &[(u32, Seen)], from: u32, to: u32, left_out: impl Fn(Seen) -> bool) -> Option<Option<usize>> {
    let i = seen.partition_point(|&(s, _)| s < from);
    let mut stretch =
        seen[i..].iter().take_while(|&&(s, _)| s < to).map(|&(_, x)| x).filter(|&x| !left_out(x)).skip_while(|&x| x == Seen::Quote);
    let first = match stretch.next() {
        None => return Some(None),
        Some(Seen::Person(e)) => e,
        Some(_) => return None,
    };
    stretch.all(|x| x == Seen::Person(first) || matches!(x, Seen::Pronoun(_))).then_some(Some(first))
}

/// What a pronoun of `gender` points at when `from..to` holds only pronouns of that gender already
/// given one person (and that person's name): `Reyes said he would run. He added that he ...`
/// carries the chain on; a pronoun of the other gender, a name or an aside breaks it.
fn chained(seen: &[(u32, Seen)], chain: &FxHashMap<u32, (usize, Pronoun)>, from: u32, to: u32, gender: Pronoun) -> Option<Option<usize>> {
    let i = seen.partition_point(|&(s, _)| s < from);
    let mut person = None;
    for &(at, x) in seen[i..].iter().take_while(|&&(s, _)| s < to) {
        let e = match x {
            Seen::Pronoun(_) => match chain.get(&at) {
                Some(&(e, g)) if g == gender => e,
                _ => return None,
            },
            Seen::Person(e) if person.is_some() => e,
            Seen::Quote if person.is_none() => continue,
            _ => return None,
        };
        if *person.get_or_insert(e) != e {
            return None;
        }
    }
    person.map(Some)
}

/// Whether a name is the object of a preposition (`sounded off on Trump`): not the subject a
/// pronoun after it points at.
fn follows_preposition(before: &str) -> bool {
    const PREPOSITIONS: &[&str] = &["on", "to", "with", "against", "by", "for", "about", "at", "from", "of", "than", "into", "over", "under", "between", "like"];
    let Some(rest) = before.strip_suffix(' ') else { return false };
    let word = rest.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    PREPOSITIONS.contains(&word)
}

/// Whether a subject pronoun leads its clause in a sentence that names no one before it: after an
/// opening phrase (`By June, he had hired staff`), or as the speaker of a quotation the sentence
/// opens with its own words (`The summit did "too little," she added`).
fn leads_a_clause(text: &str, span: Span) -> bool {
    matches!(span.text(text), "he" | "He" | "she" | "She")
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
fn pronoun_gender(text: &str, span: Span) -> Option<Pronoun> {
    // ASCII case is enough: no other letter lowercases to one of these words' letters.
    let is = |w: &str| span.text(text).eq_ignore_ascii_case(w);
    if is("he") || is("his") || is("himself") {
        Some(Pronoun::He)
    } else if is("she") || is("herself") {
        Some(Pronoun::She)
    } else if is("her") && is_possessive_her(text.get(span.end as usize..).unwrap_or("")) {
        Some(Pronoun::She)
    } else {
        None
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

/// Role nouns of one gender, lowercase. Not `chairman`, `alderman` nor `actor`, which newsrooms
/// use for women too, nor `priest`.
const FEMALE_ROLES: &[&str] = &[
    "spokeswoman", "congresswoman", "chairwoman", "councilwoman", "assemblywoman", "businesswoman", "stateswoman",
    "sportswoman", "anchorwoman", "policewoman", "camerawoman", "frontwoman", "actress", "waitress", "heiress",
    "duchess", "princess", "queen", "empress", "countess", "baroness", "nun", "widow", "mother", "grandmother",
    "daughter", "granddaughter", "stepdaughter", "stepmother", "sister", "wife", "aunt", "niece", "girlfriend",
    "fiancee", "fiancée", "mom", "woman", "girl", "matriarch",
];
const MALE_ROLES: &[&str] = &[
    "spokesman", "congressman", "councilman", "assemblyman", "businessman", "statesman", "sportsman", "anchorman",
    "policeman", "cameraman", "frontman", "duke", "prince", "king", "emperor", "baron", "monk", "widower", "father",
    "grandfather", "son", "grandson", "stepson", "stepfather", "brother", "husband", "uncle", "nephew", "boyfriend",
    "fiance", "fiancé", "dad", "man", "boy", "patriarch",
];

/// Role nouns that name no one's role before a name, only in apposition after it: `a woman
/// Reyes met` is not about Reyes.
const APPOSITION_ONLY: &[&str] = &["woman", "girl", "man", "boy"];

/// The longest role noun, in bytes: a longer word is none, with no lookup.
const LONGEST_ROLE: usize = 13;

/// The pronoun a role noun shows, if it is one of one gender (ASCII case ignored).
///
/// Asked for the words around every name mention on every analysis, so it is one hash lookup of
/// the word lowercased on the stack, not a walk of both lists.
fn role_gender(word: &str) -> Option<Pronoun> {
    static ROLES: std::sync::OnceLock<FxHashMap<&'static [u8], Pronoun>> = std::sync::OnceLock::new();
    if word.len() > LONGEST_ROLE {
        return None;
    }
    let mut lowered = [0u8; LONGEST_ROLE];
    for (to, from) in lowered.iter_mut().zip(word.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    let roles = ROLES.get_or_init(|| {
        let female = FEMALE_ROLES.iter().map(|w| (w.as_bytes(), Pronoun::She));
        female.chain(MALE_ROLES.iter().map(|w| (w.as_bytes(), Pronoun::He))).collect()
    });
    roles.get(&lowered[..word.len()]).copied()
}

/// A role noun of one gender that the draft gives the person named at `mention`: right before
/// the name (`spokeswoman Ana Ruiz`, `his wife, Ana`, `her husband, former President Ben Ruiz`),
/// or heading an apposition after it (`Ana Ruiz, a spokeswoman for the council,`, `Ana Ruiz, his
/// widow,`).
pub(crate) fn role_noun_around(text: &str, mention: Span) -> Option<Clue> {
    role_noun_before(text, mention).or_else(|| role_noun_after(text, mention))
}

fn role_noun_before(text: &str, mention: Span) -> Option<Clue> {
    let before = text.get(..mention.start as usize)?;
    // Back over a few capitalised words of a title and `former` (`former President`), then one
    // comma at most (`his wife, Ana`).
    let mut end = before.trim_end_matches(' ').len();
    if end + 1 != before.len() {
        return None;
    }
    for _ in 0..3 {
        let word_start = last_word_start(&before[..end], |c| c.is_alphanumeric() || c == '.');
        let word = &before[word_start..end];
        let title_like = word.starts_with(char::is_uppercase) || matches!(word, "former" | "then" | "late");
        if word.is_empty() || !title_like || role_gender(word).is_some() {
            break;
        }
        end = before[..word_start].trim_end_matches(' ').len();
        if end + 1 != word_start {
            return None;
        }
    }
    let upto = before[..end].strip_suffix(',').map_or(end, str::len);
    let start = last_word_start(&before[..upto], char::is_alphabetic);
    let word = &before[start..upto];
    if word.is_empty() || APPOSITION_ONLY.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return None;
    }
    let pronoun = role_gender(word)?;
    Some(Clue { span: Span::new(start, upto), kind: ClueKind::RoleNoun, pronoun })
}

/// Where the run of characters `in_word` that ends `s` starts.
fn last_word_start(s: &str, in_word: impl Fn(char) -> bool) -> usize {
    s.char_indices().rev().find(|&(_, c)| !in_word(c)).map_or(0, |(i, c)| i + c.len_utf8())
}

fn role_noun_after(text: &str, mention: Span) -> Option<Clue> {
    let rest = text.get(mention.end as usize..)?.strip_prefix(", ")?;
    // The apposition: up to its comma or the sentence's end, a few words long.
    let stop = rest.find([',', '.', ';', ':', '(', '"', '“', '\n']).unwrap_or(rest.len());
    let apposition = &rest[..stop];
    let first = apposition.split(' ').find(|w| !w.is_empty())?;
    if !matches!(first.to_ascii_lowercase().as_str(), "a" | "an" | "the" | "his" | "her" | "their" | "its") {
        return None;
    }
    let mut offset = 0;
    for w in apposition.split(' ') {
        let at = offset;
        offset += w.len() + 1;
        if w.is_empty() {
            continue;
        }
        // The head noun ends the noun phrase: the first role noun, before any `of`, `for`.
        if matches!(w, "of" | "for" | "at" | "who" | "with" | "in" | "and" | "or" | "to" | "from" | "on") {
            return None;
        }
        if let Some(pronoun) = role_gender(w) {
            let start = mention.end as usize + 2 + at;
            return Some(Clue { span: Span::new(start, start + w.len()), kind: ClueKind::RoleNoun, pronoun });
        }
        if offset > 60 {
            return None;
        }
    }
    None
}

/// The pronoun a courtesy title shows, with or without its stop (`Mr.`, `Mrs`, `Miss`, `Dame`).
/// Titles of office (`Sen.`, `Rep.`, `Dr.`) show none. Runs for every name mention on every
/// analysis: compared in place, with no allocation.
fn honorific_gender(word: &str) -> Option<Pronoun> {
    const MALE: &[&str] = &["mr", "sir", "lord", "monsieur", "herr", "señor", "senor"];
    const FEMALE: &[&str] = &["mrs", "ms", "miss", "dame", "lady", "madame", "mme", "mlle", "madam", "señora", "senora"];
    let word = word.strip_suffix('.').unwrap_or(word);
    let is = |list: &[&str]| list.iter().any(|t| t.len() == word.len() && t.eq_ignore_ascii_case(word));
    if is(MALE) {
        Some(Pronoun::He)
    } else if is(FEMALE) {
        Some(Pronoun::She)
    } else {
        None
    }
}

/// `Mr.` or `Ms.` as the first word of a name mention, or right before it.
pub(crate) fn honorific_before(text: &str, mention: Span) -> Option<Clue> {
    let own = mention.text(text);
    let first_len = own.find(char::is_whitespace).unwrap_or(own.len());
    if first_len < own.len() {
        if let Some(g) = honorific_gender(&own[..first_len]) {
            let span = Span { start: mention.start, end: mention.start + first_len as u32 };
            return Some(Clue { span, kind: ClueKind::Honorific, pronoun: g });
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
    Some(Clue { span, kind: ClueKind::Honorific, pronoun: g })
}

impl DraftEvidence {
    /// The evidence for entity `e`, in order of position (empty for one with none).
    pub fn of(&self, e: usize) -> &[Clue] {
        self.by_entity.get(&e).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_nouns_are_found_in_any_ascii_case_and_the_lists_fit_the_lookup() {
        for w in FEMALE_ROLES.iter().chain(MALE_ROLES) {
            assert!(w.len() <= LONGEST_ROLE, "{w} is longer than LONGEST_ROLE");
            assert_eq!(*w, w.to_lowercase(), "{w} must be written in lowercase");
        }
        assert!(FEMALE_ROLES.iter().all(|w| !MALE_ROLES.contains(w)), "a role noun is in both lists");
        assert_eq!(role_gender("Spokeswoman"), Some(Pronoun::She));
        assert_eq!(role_gender("HUSBAND"), Some(Pronoun::He));
        assert_eq!(role_gender("Fiancée"), Some(Pronoun::She));
        assert_eq!(role_gender("chairman"), None);
        assert_eq!(role_gender("congresswomanly"), None);
        assert_eq!(role_gender(""), None);
    }
}
