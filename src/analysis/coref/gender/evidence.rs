//! The draft's own evidence of each person's gender, and where it stands: `he`/`she` (and `his`,
//! `herself`, a possessive `her`) that can point at no one else, a speaker pronoun the speaker
//! resolution tied to the person, and a courtesy title before a name (`Ms. Ruiz`, `Mr Hale`).
//!
//! Stricter than the votes [`super::learn_genders`] casts to rank pronoun candidates: a pronoun
//! counts here only when the stretch before it names the person and no one else. Read once the
//! speakers are resolved, by whoever needs it (the source inventory, the person hover), from the
//! finished analysis; the courtesy titles are the ones coreference reads as it learns.

mod clause_object;
mod clause_subject;
mod described_role;
mod honorific;
mod organization_subject;
mod parenthetical;
mod opening_aside;
mod participle_object;
mod previous_topic;
mod pronoun;
mod role_noun;
mod role_subject;
mod shared_surname;
mod time_opener;
mod voice_stretch;

use rustc_hash::FxHashMap;

use super::super::clues::is_employer;
use crate::analysis::entities::{CandidateKind, EntityKind, MentionKind, Pronoun};
use crate::analysis::span::Span;
use crate::analysis::Analysis;

use clause_subject::another_clause_subject;
pub(crate) use honorific::honorific_before;
use pronoun::*;
pub(crate) use role_noun::role_noun_around;

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
    /// The evidence for every person of the draft, and for the entities in `also` (sorted):
    /// speakers the source inventory found to be people that the entity pass typed otherwise.
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
        // Where each name that owns a thing (`Lind's claim`) starts: see [`owner_alone`].
        let mut owners: Vec<u32> = Vec::new();
        // Surnames two people of the draft share: `Grayson` alone may be either Grayson, once both
        // are named.
        let surnames = shared_surname::SharedSurnames::new(text, a.entities.iter().enumerate().filter(|&(e, ent)| is_person(e, ent)));
        // A quotation may bring in people of its own: a pronoun after one is ambiguous.
        // (Names inside quotation marks are left out: the quotation stands for them.)
        let spoken_quotes: Vec<Span> = a.quotes.iter().filter(|q| q.parent.is_none() && q.kind.is_speech()).map(|q| q.span).collect();
        seen.extend(spoken_quotes.iter().map(|q| (q.start, Seen::Quote)));
        // The courtesy titles and role nouns coreference read as it learnt genders, from each
        // paragraph's memo: `honorific_before`, else `role_noun_around`.
        let mut titles = super::title_memo::TitleReader::new(text, &a.paragraphs);
        for (e, ent) in a.entities.iter().enumerate().filter(|&(e, ent)| is_person(e, ent)) {
            // `"…," she said`: a speaker pronoun the speaker resolution gave this person.
            for m in ent.mentions.iter().filter(|m| m.kind == MentionKind::Pronoun) {
                if let Some(g) = pronoun_gender(text, m.span) {
                    spoken.push((e, m.span, g));
                }
            }
            for m in ent.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
                if let Some(ev) = titles.clue(m.span.start, m.span.end) {
                    by_entity.entry(e).or_default().push(ev);
                }
                let after = text.get(m.span.end as usize..).unwrap_or("");
                let written = m.span.text(text);
                let shared = !written.contains(' ') && surnames.ambiguous(written, e, m.span.start);
                let before = text.get(..m.span.start as usize).unwrap_or("");
                if quoted(m.span.start) || names_a_thing(after) {
                    continue;
                }
                let aside = shared || is_possessor_or_attribute(after) || follows_preposition(before);
                if !shared && owns_a_thing(after) {
                    owners.push(m.span.start);
                }
                seen.push((m.span.start, if shared { Seen::Aside(None) } else if aside { Seen::Aside(Some(e)) } else { Seen::Person(e) }));
                ends.insert(m.span.start, m.span.end);
            }
        }
        // Let go of the last paragraph's memo: another analysis may be reading it.
        drop(titles);
        // `The Ohio senator won, beating Ana Ruiz in his ...`: someone unnamed is a clause's
        // subject in a sentence that names a person, so a pronoun after both may be either's. Read
        // as an aside where both are in view: at the description after a name, at the name after
        // a description (`The nominee later said he ..., and Ruiz` leaves `he` to look back).
        let mut named: Vec<u32> = seen.iter().filter(|(_, x)| matches!(x, Seen::Person(_) | Seen::Aside(_))).map(|&(at, _)| at).collect();
        named.sort_unstable();
        for p in &a.paragraphs {
            for sentence in p.sentences() {
                let first = named.partition_point(|&at| at < sentence.start);
                if named.get(first).is_none_or(|&at| at >= sentence.end) {
                    continue;
                }
                for at in role_subject::role_subjects(sentence.text(text)).into_iter().filter(|r| r.definite).map(|r| sentence.start + r.at) {
                    let next = named[first..].iter().find(|&&n| n > at).filter(|&&n| n < sentence.end);
                    let both = if named[first] < at { Some(at) } else { next.copied() };
                    if let Some(both) = both.filter(|_| !quoted(at)) {
                        seen.push((both, Seen::Aside(None)));
                    }
                }
            }
        }
        // Pronouns outside quotation marks, each with its gender if it points at the subject.
        let mut pronouns: Vec<(Span, Option<Pronoun>)> = Vec::new();
        // Object pronouns (`chiding him`), read once the subjects' pronouns are given.
        let mut objects: Vec<(Span, Pronoun)> = Vec::new();
        // Where each sentence whose subject is a role starts, in order.
        let mut roles: Vec<u32> = Vec::new();
        // Pronouns inside quotation marks (`true`: `she`, `her`), by start: see the look-back below.
        let mut quoted_pronouns: Vec<(u32, bool)> = Vec::new();
        // Roles coreference gave a person (`The Ohio senator repeated: "…"`).
        let described = described_role::DescribedRoles::new(a, is_person);
        for p in &a.paragraphs {
            // `The Ohio senator won, beating Ana Ruiz in his ...`: a subject that is a role, no name,
            // may be whom a pronoun after it points at; it stands as someone unknown.
            for s in &p.facts.sentences {
                let s = s.shift(p.offset());
                if !quoted(s.start) && role_subject::opens_with_a_role_subject(s.text(text)) {
                    seen.push((s.start, Seen::Aside(None)));
                    roles.push(s.start);
                }
            }
            for c in &p.facts.names {
                let CandidateKind::Pronoun(Pronoun::He | Pronoun::She) = c.kind else { continue };
                let span = c.span.shift(p.offset());
                if !quoted(span.start) {
                    // An object (`called on her`) is someone other than the subject.
                    let object = matches!(span.text(text), "him" | "Him")
                        || (matches!(span.text(text), "her" | "Her") && pronoun_gender(text, span).is_none());
                    let she = pronoun_gender(text, span) == Some(Pronoun::She) || matches!(span.text(text), "her" | "Her");
                    seen.push((span.start, if object { Seen::Object(she) } else { Seen::Pronoun(she) }));
                    pronouns.push((span, pronoun_gender(text, span)));
                    if object {
                        objects.push((span, if she { Pronoun::She } else { Pronoun::He }));
                    }
                } else {
                    let she = matches!(span.text(text), "she" | "She" | "her" | "Her" | "herself" | "Herself");
                    quoted_pronouns.push((span.start, she));
                }
            }
        }
        quoted_pronouns.sort_unstable();
        seen.sort_unstable();
        owners.sort_unstable();
        // `Cruz spokesman Rick Tyler said he`: the employer named first is not the subject.
        for i in 1..seen.len() {
            if let ((at, Seen::Person(employer)), (next, Seen::Person(_))) = (seen[i - 1], seen[i]) {
                if ends.get(&at).is_some_and(|&end| is_employer(text, end, next)) {
                    seen[i - 1].1 = Seen::Aside(Some(employer));
                }
            }
        }
        let voices = Voices::new(a);
        // Pronouns left open, with their sentence: `In an interview with Lind on his show, Ruiz`.
        let mut open: Vec<(Span, Pronoun, u32, u32)> = Vec::new();
        // The pronouns given a person so far, by start: a later one may carry the chain on.
        let mut chain: FxHashMap<u32, (usize, Pronoun)> = FxHashMap::default();
        for (span, g) in pronouns {
            let Some(g) = g else { continue };
            // A pronoun of the other gender, or a person the draft so far shows to be of it, is not
            // what this one points at (`She said ..., to which Ruiz replied. He said`).
            let she = g == Pronoun::She;
            let other = |x: Seen| match x {
                Seen::Pronoun(p) | Seen::Object(p) => p != she,
                Seen::Person(e) | Seen::Aside(Some(e)) => by_entity.get(&e).is_some_and(|c| c.iter().all(|c| (c.pronoun == Pronoun::She) != she)),
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
                    .or_else(|| referent(&seen, from, to, other).filter(|&e| e.is_some()))
                    // `Lind's claim that most of her budget`: the owner named alone.
                    .or_else(|| owner_alone(&seen, &owners, from, to, she).filter(|&e| !other(Seen::Person(e))).map(Some)),
            };
            let Some(pi) = a.paragraph_at(span.start) else { continue };
            let p = &a.paragraphs[pi];
            let Some(si) = p.sentence_at(span.start) else { continue };
            let sentence = p.facts.sentences[si].shift(p.offset());
            // Where the sentence before starts, for the classes that ask.
            let previous_start = || previous_sentence(a, pi, si).map(|at| sentence_start(a, at));
            // `The Ohio senator says she ...`: in a sentence whose subject is a role, the names
            // after it are no subject; a pronoun with none before it looks back like one opening
            // its sentence, past the role's stand-in (`sentence.start + 1`).
            let role = roles.binary_search(&sentence.start).is_ok();
            let mut person = if role {
                match pronoun::referent(&seen, sentence.start + 1, span.start, |_| false) {
                    // `The senator changed her plan`, after a role coreference gave a person.
                    Some(None) => Some(described.carried_on(a, text, &seen, (pi, si))),
                    _ => chained(&seen, &chain, sentence.start + 1, span.start, g),
                }
            } else {
                referent(sentence.start, span.start)
            };
            if let Some(Some(e)) = person {
                let shown = by_entity.get(&e).is_some_and(|c| c.iter().any(|c| c.pronoun == g));
                if !shown && previous_start().is_some_and(|from| previous_topic::taken_before(text, &seen, &chain, from, sentence.start, span.start, (e, g))) {
                    person = None;
                }
            }
            // `In her statement, Ana Ruiz defended her record`: the subject named after an opening
            // phrase its pronouns anticipate.
            if person.is_none() || person == Some(None) {
                let end = p.facts.sentences[si].end + p.offset();
                if let Some((name_at, e)) = cataphora(text, &seen, previous_start(), sentence.start, end, she) {
                    person = if span.start < name_at { Some(Some(e)) } else { referent(name_at, span.start) };
                }
            }
            // `Reyes spoke on Monday. She said ...`: a sentence that opens with the pronoun
            // points back at the subject of the sentence before; past sentences that name no one
            // (a quotation carrying on) or only people and pronouns of the other gender
            // (`Ruiz said. There was pressure on Ana Lind to act. Now, he said, ...`).
            if person == Some(None) && (opens_sentence(text, &quotes, sentence.start, span.start) || leads_a_clause(text, span)) {
                let (mut at, mut to) = ((pi, si), sentence.start);
                for step in 0..LOOK_BACK {
                    let Some(from) = previous_sentence(a, at.0, at.1).filter(|prev| prev.0 + 1 >= pi) else {
                        person = Some(None);
                        break;
                    };
                    let start = sentence_start(a, from);
                    // `"… her record," Lind said. Her husband …`: a quotation that speaks of
                    // someone of the pronoun's gender may be what it carries on.
                    let i = quoted_pronouns.partition_point(|&(at, _)| at < start);
                    if quoted_pronouns[i..].iter().take_while(|&&(at, _)| at < to).any(|&(_, x)| x == she) {
                        person = None;
                        break;
                    }
                    person = if step == 0 {
                        referent(start, to)
                            .or_else(|| subject(&seen, &spoken_quotes, start, to).filter(|&e| !another_clause_subject(text, &seen, start, to, e)).map(Some))
                            .or_else(|| past_own_quote(text, &seen, &voices, start, to, other).map(Some))
                    } else {
                        // Further back, only someone the draft has not shown to be of the other gender.
                        pronoun::referent(&seen, start, to, other)
                            .or_else(|| {
                                subject(&seen, &spoken_quotes, start, to)
                                    .filter(|&e| !other(Seen::Person(e)) && !another_clause_subject(text, &seen, start, to, e))
                                    .map(Some)
                            })
                    };
                    let nobody = person == Some(None) || (person.is_none() && pronoun::referent(&seen, start, to, other) == Some(None));
                    if !nobody {
                        break;
                    }
                    person = Some(None);
                    (at, to) = (from, start);
                }
            }
            // `If Ana Ruiz wins, he said, "…"` (and a pronoun after it, `he said, he would`): not
            // Ruiz's; the speaker pronouns below may give it to whoever spoke before.
            if matches!(person, Some(Some(_)))
                && parenthetical::names_anyone(&seen, sentence.start, span.start)
                && parenthetical::interrupted(text, sentence.start, span)
            {
                person = None;
            }
            if person.is_none() && opening_aside::may_be_owned(text, &seen, sentence.start, span) {
                let end = p.facts.sentences[si].end + p.offset();
                open.push((span, g, sentence.start, end));
            }
            if let Some(Some(e)) = person {
                chain.insert(span.start, (e, g));
                by_entity.entry(e).or_default().push(Clue { span, kind: ClueKind::Pronoun, pronoun: g });
            }
        }
        // `Ruiz clashed with Lind, chiding him`: an object pronoun whose sentence names, before it,
        // one person the draft has not shown to be of the other gender, and someone it has.
        let organizations = organization_subject::Organizations::new(a);
        for (span, g) in objects {
            let Some(pi) = a.paragraph_at(span.start) else { continue };
            let p = &a.paragraphs[pi];
            let Some(si) = p.sentence_at(span.start) else { continue };
            let from = sentence_start(a, (pi, si));
            let shown_other = |e: usize| by_entity.get(&e).is_some_and(|c| !c.is_empty() && c.iter().all(|c| c.pronoun != g));
            // `The Harbor Union, which backed Lind, urged members to vote for him`.
            let after_organization =
                || organizations.open(text, from).then(|| organization_subject::lone_person(&seen, from, span.start, shown_other)).flatten();
            // `Ruiz clashed with Lind, chiding him`: not the subject's, the other one's.
            let after_participle =
                || participle_object::participle_object(text, &seen, &spoken_quotes, &ends, (from, span, g == Pronoun::She), shown_other);
            // `Lind cited polls that show him ahead`: the subject's, when no one else is in view.
            let in_clause = || {
                let previous = previous_sentence(a, pi, si).map(|at| sentence_start(a, at));
                clause_object::clause_object(text, &seen, &spoken_quotes, &ends, (previous, from, span, g == Pronoun::She), shown_other)
            };
            if let Some(e) = object_referent(&seen, from, span.start, g == Pronoun::She, shown_other)
                .or_else(after_organization)
                .or_else(after_participle)
                .or_else(in_clause)
            {
                by_entity.entry(e).or_default().push(Clue { span, kind: ClueKind::Pronoun, pronoun: g });
            }
        }
        // `In an interview with Lind on his show, Ruiz said`: the aside's, once Ruiz is shown to be
        // of the other gender.
        for (span, g, from, end) in open {
            let shown_other = |e: usize| by_entity.get(&e).is_some_and(|c| !c.is_empty() && c.iter().all(|c| c.pronoun != g));
            if let Some(e) = opening_aside::opening_aside(text, &seen, &ends, (from, end, span), shown_other) {
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
                || (parenthetical::interrupts(text, span) && parenthetical::subject_before(a, &seen, &spoken_quotes, span.start) == Some(e))
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

/// Whether the words after a name make it a thing, not a person: `Sleeping Heron, which staged
/// her play` (a person is `who`).
fn names_a_thing(after: &str) -> bool {
    after.starts_with(", which ")
}

/// `s` less the one space (or no-break space: `his\u{a0}nephew`) it ends with; `None` when it ends
/// with none or with more than one.
fn one_space_off(s: &str) -> Option<&str> {
    let rest = s.strip_suffix(' ').or_else(|| s.strip_suffix('\u{a0}'))?;
    (!rest.ends_with([' ', '\u{a0}'])).then_some(rest)
}

/// How many sentences back a pronoun that opens its sentence may look for the person it points at.
const LOOK_BACK: usize = 3;

/// The sentence before sentence `si` of paragraph `pi` (the previous paragraph's last one at a
/// paragraph's start), as (paragraph, sentence).
fn previous_sentence(a: &Analysis, pi: usize, si: usize) -> Option<(usize, usize)> {
    if si > 0 {
        return Some((pi, si - 1));
    }
    let q = pi.checked_sub(1)?;
    Some((q, a.paragraphs[q].facts.sentences.len().checked_sub(1)?))
}

/// Where sentence `t` of paragraph `q` starts in the text.
fn sentence_start(a: &Analysis, (q, t): (usize, usize)) -> u32 {
    a.paragraphs[q].facts.sentences[t].start + a.paragraphs[q].offset()
}

impl DraftEvidence {
    /// The evidence for entity `e`, in order of position (empty for one with none).
    pub fn of(&self, e: usize) -> &[Clue] {
        self.by_entity.get(&e).map_or(&[], Vec::as_slice)
    }
}

/// For the evidence modules' tests: the gender the source inventory gives `who` in `text`, with the
/// words of its evidence.
#[cfg(test)]
fn inventory_gender(text: &str, who: &str) -> (crate::analysis::sources::Gender, Vec<String>) {
    use crate::analysis::sources::{inventory, InventoryOptions};
    use crate::analysis::{analyze, layout::Format};
    let sources = inventory(&analyze(text, Format::Plain), &InventoryOptions::default());
    let s = sources.iter().find(|s| s.name == who).unwrap_or_else(|| panic!("no source {who:?} in {sources:#?}"));
    (s.gender, s.gender_evidence.iter().map(|e| e.span.text(text).to_string()).collect())
}
