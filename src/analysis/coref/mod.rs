//! Coreference: resolves speaker mentions (names, pronouns, descriptions) to entities, and adds the
//! pronoun and description mentions it resolves to each entity.
//!
//! - A name resolves to the entity it is a mention of.
//! - `he`/`she` resolves to the subject of the nearest sentence before it that names a compatible
//!   person (the first such person in the sentence); when that person is not the sentence's
//!   subject (`... than Obama?`), the speaker of the last quote, if recent, comes first. With no
//!   such sentence near, the previous speaker, else the person named last. Who is `he` and who is
//!   `she` is learnt from a courtesy title (`Mr.`, `Ms.`), from the draft's own `he`/`she` after a
//!   person is named, and from the given name ([`gender`]); organisations and places never are.
//! - `I` outside quotation marks, in a first-person piece, is its author: the person the draft
//!   signs as `by X`, or whose tagline ends it (`X is a playwright ...`).
//! - A description (`the judge`, `the Florida senator`) resolves to the most salient person whose
//!   roles, gathered from every mention ([`roles`]), have the description's head word (or a role
//!   synonym of it) and no conflicting place; if no such person is named before it, the first named
//!   after it.
//!
//! Work is proportional to the number of name mentions, pronouns and quotes.

mod clues;
mod gender;
pub(crate) use gender::evidence::{Clue, ClueKind, DraftEvidence};
pub(crate) use gender::given_name_pronoun;
mod index;
mod memo;
mod mention_memo;
mod roles;
mod shifted;
mod subjects;
mod voices;
mod walk;

pub use self::memo::CorefMemo;
pub use self::roles::RoleMemo;
pub use self::subjects::SubjectMemo;
pub use self::gender::title_memo::TitleMemo;

use std::cell::{OnceCell, RefCell};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use self::clues::{inverted_cue, is_asked, is_employer, is_possessive};
use self::subjects::subject_like_in;
use self::index::{outer_quotes, NameIndex, PeopleAt, QuoteCursor, WordLists};
use super::entities::lexicon::lexicon;
use super::entities::{add_mentions_to, qualifies_another, Entity, EntityKind, Mention, MentionKind, Pronoun};
use super::lexicon::push_lowercase;
use super::paragraph::Paragraph;
use super::quotes::Quote;
use super::span::{floor_char_boundary, Span};

/// A name mention of a person, outside quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PersonMention {
    start: u32,
    entity: usize,
}

struct Salience<'a> {
    text: &'a str,
    entities: &'a [Entity],
    paragraphs: &'a [Paragraph],
    /// Sorted by start.
    people: Vec<PersonMention>,
    /// The paragraph of the last quote whose speaker is a description of no one named.
    unnamed_voice: Option<usize>,
    /// Possessors (`Delgado's`) left out of `people`, sorted by start.
    possessors: Vec<PersonMention>,
    /// The last resolved speaker and the paragraph of its quote.
    last_speaker: Option<(usize, usize)>,
    /// The indexes below keep each query proportional to the mentions and people near it, not to
    /// every entity of the draft.
    names: NameIndex,
    /// Starts of each entity's `people` mentions, in order. Built on first use, like the word
    /// lists below: most re-analyses ask only a few kinds of question.
    people_at: OnceCell<PeopleAt>,
    /// Lowercased last word of each person's name: the first person with it.
    surnames: OnceCell<FxHashMap<String, usize>>,
    /// People whose pronoun may be `he`, and `she`.
    he_compatible: Vec<usize>,
    she_compatible: Vec<usize>,
    /// People with the lowercased words of every role the draft gives them ([`roles`]).
    roles: OnceCell<WordLists>,
    /// The author of a first-person piece, if the draft names one.
    author: OnceCell<Option<usize>>,
    /// Organisations with their name's lowercased words.
    organizations: OnceCell<WordLists>,
    /// People whose roles include an office ([`Salience::office_holders`]).
    office_holders: OnceCell<Vec<usize>>,
    /// Entities a description's content words may refer to, by those words.
    described: FxHashMap<String, Vec<usize>>,
    /// The last analysis's `roles`, reused if still right ([`memo`]).
    last_roles: RefCell<Option<memo::LastRoles>>,
    /// The last analysis's `surnames` and `organizations`, reused if the names are the same.
    last_names: RefCell<memo::NamesReuse>,
    /// The proof that the entities are the last analysis's moved with the text ([`shifted`]).
    proof: Option<shifted::Proof>,
    /// The last analysis's byline search (its text, the last paragraph's start, the person found),
    /// and this one's (the last two), for [`Salience::author`].
    last_byline: RefCell<Option<memo::LastByline>>,
    byline: std::cell::Cell<Option<(u32, Option<usize>)>>,
    /// Whether `roles` are the last analysis's, proven the same ([`memo::LastRoles::roles_if_same`]).
    roles_reused: std::cell::Cell<bool>,
    /// Whether the paragraphs' role memos are filled for a next analysis: not when the draft is
    /// read once (`check`), where filling them costs about 1% of the analysis for nothing.
    fill_role_memos: bool,
}

/// `memo`, when given, keeps what may serve the next analysis of a new version of the draft.
pub fn resolve(
    text: &Arc<String>,
    paragraphs: &[Paragraph],
    entities: &mut [Entity],
    quotes: &mut [Quote],
    memo: Option<&mut CorefMemo>,
) {
    resolve_asked(text, paragraphs, entities, quotes, Asks::of(quotes), memo, &mut |_| {});
}

/// What coreference reads of the attributed quotes alone: the outermost quotations and the
/// speakers to resolve. Made apart from the rest ([`resolve_asked`]) so that the analysis of a
/// long draft can make it while the second core finds the entities.
pub struct Asks {
    quote_spans: Vec<Span>,
    /// Each speaker mention to resolve, in document order, with the index of its quote.
    asks: Vec<(usize, SpeakerQuery)>,
}

impl Asks {
    pub fn of(quotes: &[Quote]) -> Asks {
        let mut order: Vec<usize> = (0..quotes.len()).collect();
        order.sort_by_key(|&i| quotes[i].span.start);
        let asks = order
            .into_iter()
            .filter_map(|qi| {
                let speaker = quotes[qi].attribution.as_ref()?.speaker?;
                Some((qi, SpeakerQuery { paragraph: quotes[qi].paragraph, mention: speaker.mention }))
            })
            .collect();
        Asks { quote_spans: outer_quotes(quotes), asks }
    }
}

/// As [`resolve`], with what it reads of the quotes alone already made from `quotes`, calling
/// `mark` with the name of each part of the work as it ends (`coref: ...`), for a profiler
/// ([`crate::analysis::Analyzer::analyze_marked`]).
pub fn resolve_asked(
    text: &Arc<String>,
    paragraphs: &[Paragraph],
    entities: &mut [Entity],
    quotes: &mut [Quote],
    asks: Asks,
    memo: Option<&mut CorefMemo>,
    mark: &mut dyn FnMut(&'static str),
) {
    let Asks { quote_spans, asks } = asks;
    let queries: Vec<SpeakerQuery> = asks.iter().map(|(_, q)| *q).collect();
    let answers = resolve_with_memo(text, paragraphs, entities, &quote_spans, &queries, memo.map(|m| (m, text)), mark);
    for ((qi, _), entity) in asks.into_iter().zip(answers) {
        if let Some(sp) = quotes[qi].attribution.as_mut().and_then(|a| a.speaker.as_mut()) {
            sp.entity = entity;
        }
    }
}

/// A speaker mention to resolve: the words naming the speaker of a quote in `paragraph`.
#[derive(Debug, Clone, Copy)]
pub struct SpeakerQuery {
    pub paragraph: usize,
    pub mention: Span,
}

/// Resolves speaker mentions, given in document order, to entities, learning pronouns first and
/// adding the pronoun and description mentions it resolves to their entities. `quote_spans` are
/// the outermost quotations, sorted: names inside them are not candidates for salience.
pub fn resolve_speakers(
    text: &str,
    paragraphs: &[Paragraph],
    entities: &mut [Entity],
    quote_spans: &[Span],
    queries: &[SpeakerQuery],
) -> Vec<Option<usize>> {
    resolve_with_memo(text, paragraphs, entities, quote_spans, queries, None, &mut |_| {})
}

fn resolve_with_memo(
    text: &str,
    paragraphs: &[Paragraph],
    entities: &mut [Entity],
    quote_spans: &[Span],
    queries: &[SpeakerQuery],
    mut memo: Option<(&mut CorefMemo, &Arc<String>)>,
    mark: &mut dyn FnMut(&'static str),
) -> Vec<Option<usize>> {
    // With a memo and the entity pass's last result moved, the name index, the people list and
    // gender learning's tallies are the last ones shifted, read again only around the edit
    // ([`shifted`]).
    let memo_on = memo.is_some();
    let shifted = match memo.as_mut() {
        Some((memo, shared)) => {
            let (last, moved) = (memo.pass.take(), memo.moved.take());
            let edit = memo.edit.as_ref();
            last.zip(moved).and_then(|(last, moved)| shifted::shift(last, &moved, edit, shared, paragraphs, quote_spans, entities))
        }
        None => None,
    };
    let (names, people, possessors, kept, proof) = match shifted {
        Some(mut sh) => {
            mark("coref: name index");
            mark("coref: people list");
            let (tallies, decided) = sh.learn_genders(text, paragraphs, quote_spans, entities);
            mark("coref: gender learning");
            let shifted::Shifted { names, seats, people, possessors, proof, .. } = sh;
            (names, people, possessors, Some((seats, tallies, decided)), proof)
        }
        None => {
            // The index is of names, which learning pronouns does not change.
            let names = match memo.as_mut() {
                Some((memo, _)) => NameIndex::like_last(entities, &mut memo.name_order),
                None => NameIndex::new(entities),
            };
            mark("coref: name index");
            let mut quoted = QuoteCursor::new(quote_spans);
            // Already in order of start (and on one start, of entity, then of each entity's mentions).
            let mut people: Vec<PersonMention> = Vec::with_capacity(names.mentions.len());
            let mut possessors: Vec<PersonMention> = Vec::new();
            let mut seats = Vec::with_capacity(if memo_on { names.mentions.len() } else { 0 });
            for (i, &(start, _, entity)) in names.mentions.iter().enumerate() {
                let seat = shifted::seat(text, &names, entities, i, &mut quoted);
                match seat {
                    shifted::Seat::Person => people.push(PersonMention { start, entity }),
                    shifted::Seat::Possessor => possessors.push(PersonMention { start, entity }),
                    shifted::Seat::Out => {}
                }
                if memo_on {
                    seats.push(seat);
                }
            }
            mark("coref: people list");
            let mut tallies = memo_on.then(gender::Tallies::default);
            gender::learn_genders(text, paragraphs, quote_spans, &names, &people, entities, memo_on, tallies.as_mut());
            let kept = tallies.map(|t| (seats, t, shifted::decided(entities)));
            mark("coref: gender learning");
            (names, people, possessors, kept, None)
        }
    };
    // With a memo, the last analysis's answer if it holds ([`voices::LastVoices`]).
    let before_voices = memo.as_ref().map(|_| walk::pronoun_bytes(entities));
    let last_voices = memo.as_mut().and_then(|(m, _)| m.voices.take());
    let same_voices = match (last_voices, memo.as_ref(), before_voices.as_ref()) {
        (Some(last), Some((m, _)), Some(now)) => {
            let last_queries = m.walk.as_ref().and_then(|w| w.queries_of(last.text()));
            last_queries.and_then(|lq| last.decided_if_same(text, proof.as_ref(), lq, queries, &names, now))
        }
        _ => None,
    };
    let decided = match same_voices {
        Some(decided) => {
            for &(e, p) in &decided {
                entities[e].pronoun = Some(p);
            }
            decided
        }
        None => voices::learn_from_continued_voices(text, &names, &people, queries, entities),
    };
    #[cfg(test)]
    if let Some(before) = before_voices.as_ref() {
        let mut fresh = entities.to_vec();
        for (e, &b) in fresh.iter_mut().zip(before) {
            e.pronoun = walk::pronoun_from_byte(b);
        }
        let again = voices::learn_from_continued_voices(text, &names, &people, queries, &mut fresh);
        assert_eq!(again, decided, "the continued voices' memo");
    }
    if let (Some((m, shared)), Some(before)) = (memo.as_mut(), before_voices) {
        m.voices = Some(voices::LastVoices::new(shared, before, decided));
    }
    mark("coref: continued voices");

    let mut added: Vec<(usize, Mention)> = Vec::new();
    let mut answers = Vec::with_capacity(queries.len());
    let mut sal = Salience::new(text, entities, paragraphs, people, names);
    sal.possessors = possessors;
    sal.fill_role_memos = memo.is_some();
    // With a memo, the walk's old answers far from the edit are reused ([`walk`]); the roles and
    // the author, which the reuse needs to know unchanged, are read first.
    let mut reuse = None;
    let mut steps = Vec::new();
    let mut entity_record = walk::EntityRecord::default();
    if let Some((memo, _)) = memo.as_mut() {
        sal.last_roles = RefCell::new(memo.take());
        sal.last_names = RefCell::new(memo.take_names(proof.is_some()));
        sal.proof = proof;
        sal.last_byline = RefCell::new(memo.byline.take());
        let roles = (sal.roles(), sal.roles_reused.get());
        mark("coref: roles");
        let author = sal.author();
        mark("coref: author");
        let mut last_walk = memo.walk.take();
        entity_record = walk::EntityRecord::of(sal.entities, last_walk.as_mut(), sal.proof.clone());
        mark("coref: walk record");
        let edit = memo.edit.take();
        reuse = last_walk.and_then(|w| w.reuse(text, paragraphs, &entity_record, &sal.people, &sal.possessors, queries, author, roles, edit.as_ref()));
        steps.reserve(queries.len());
        mark("coref: walk reuse check");
    }
    for (k, q) in queries.iter().enumerate() {
        let par = q.paragraph.min(paragraphs.len().saturating_sub(1));
        let before = walk::WalkState { last_speaker: sal.last_speaker, unnamed_voice: sal.unnamed_voice };
        let (entity, kind) = match reuse.as_ref().and_then(|r| r.answer(k, q, par, before)) {
            Some(answer) => answer,
            None => sal.resolve_mention(text, q.mention, par),
        };
        if memo.is_some() {
            steps.push(walk::Step { before, entity, kind });
        }
        if let Some(e) = entity {
            if kind != MentionKind::Name {
                added.push((e, Mention { span: q.mention, kind }));
            }
            sal.last_speaker = Some((e, par));
        } else if kind == MentionKind::Description && is_unnamed(text, q.mention) {
            // `said the woman, who spoke on the condition of anonymity`: the voice now followed
            // has no name.
            sal.unnamed_voice = Some(par);
        }
        answers.push(entity);
    }
    mark("coref: walk");
    let author = memo.as_ref().and_then(|_| sal.author.get().copied().flatten());
    // The last role memo lets go of the paragraph list before it is updated; its entities'
    // kinds and titles are this analysis's if the entities are proven the last ones moved.
    let (last_kinds, mut spare) = sal.last_roles.take().map_or((None, Vec::new()), |l| l.into_parts(entity_record.proven()));
    let byline = sal.byline.get();
    let Salience { names, roles, surnames, organizations, last_names, people, possessors, .. } = sal;
    // By entity (a stable sort: each entity's in the walk's order, as they were added before), so
    // that each entity's list grows once and is visited once.
    added.sort_by_key(|&(e, _)| e);
    let count = entities.len();
    let gaining = || added.chunk_by(|a, b| a.0 == b.0).filter(move |same| same[0].0 < count);
    // The entities that gain mentions lend their lists to the merge, which on a long draft runs
    // on the second core while the memos are kept here: keeping them reads no entity's mentions.
    let mut lent: Vec<(usize, Vec<Mention>)> = gaining().map(|same| (same[0].0, std::mem::take(&mut entities[same[0].0].mentions))).collect();
    let mut merge = || {
        let (mut group, mut merged) = (Vec::new(), Vec::new());
        for (same, (_, list)) in gaining().zip(&mut lent) {
            group.clear();
            group.extend(same.iter().map(|&(_, m)| m));
            add_mentions_to(list, &group, &mut merged);
        }
    };
    let entities_read: &[Entity] = entities;
    let keep = |mark: &mut dyn FnMut(&'static str)| {
        let Some((memo, shared)) = memo else { return };
        // One list of the paragraphs serves the three memos below: the last analysis's, brought
        // up to date in place ([`CorefMemo::shared_paragraphs`]).
        let paragraphs = &memo.shared_paragraphs(paragraphs);
        let record = walk::Record { text: shared, paragraphs, entities: entity_record, people, possessors, queries, author, roles: roles.get(), steps };
        memo.walk = Some(walk::LastWalk::new(record));
        // The role memo's copy of the name mentions goes into the last one's list (its pages
        // already in use, where a fresh list of that size would fault in each one).
        spare.clear();
        spare.extend_from_slice(&names.mentions);
        if let Some((seats, tallies, decided)) = kept {
            memo.pass = Some(shifted::LastPass::new(shared, paragraphs, quote_spans, (names.mentions, names.sorted), seats, tallies, decided));
        }
        memo.byline = byline.map(|(last_start, first)| memo::LastByline(Arc::clone(shared), last_start, first));
        memo.keep(shared, paragraphs, entities_read, last_kinds, spare, roles.into_inner());
        memo.keep_names(last_names.into_inner(), entities_read, surnames.into_inner(), organizations.into_inner());
        mark("coref: keep memos");
    };
    // Only an editor's run keeps memos: a one-shot `check` has nothing to do beside the merge.
    if memo_on && crate::second_core::worth_it(text.len()) {
        crate::second_core::join(merge, || keep(&mut *mark));
    } else {
        keep(&mut *mark);
        merge();
    }
    for (e, list) in lent {
        entities[e].mentions = list;
    }
    mark("coref: add mentions");
    answers
}

/// Whether a description plainly stands for someone the draft does not name: indefinite (`a
/// crane operator`) or headed by a word for an anonymous source (`the woman`).
fn is_unnamed(text: &str, mention: Span) -> bool {
    let words: Vec<String> = mention.text(text).split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).collect();
    let indefinite = words.first().is_some_and(|w| matches!(w.as_str(), "a" | "an" | "another" | "one"));
    indefinite || definite_head(&words).is_some_and(|h| ANONYMOUS.contains(&h))
}

/// The head of a description opening with `the`: the last word of its first noun phrase.
fn definite_head(words: &[String]) -> Option<&str> {
    if words.first().map(String::as_str) != Some("the") {
        return None;
    }
    let first_phrase = words.iter().position(|w| PHRASE_ENDS.contains(&w.as_str())).unwrap_or(words.len());
    words[..first_phrase].iter().map(String::as_str).filter(|w| !DETERMINERS.contains(w)).last()
}

/// How far back a description looks for the unnamed person it may take up.
const UNNAMED_REACH: usize = 4000;

/// Whether `said a Mexican official`, `according to a senior official` or a sentence opening `A
/// spokesman ...` brought in, not long before `at`, an unnamed person whose description ends in
/// `head`: `the official` then takes that person up (unless the article gives a name:
/// `a spokesman, Tom Lee,`).
fn introduced_unnamed(text: &str, head: &str, at: u32) -> bool {
    let to = floor_char_boundary(text, at as usize);
    let from = floor_char_boundary(text, to.saturating_sub(UNNAMED_REACH));
    let window = &text[from..to];
    window.match_indices(head).any(|(i, _)| {
        let after = &window[i + head.len()..];
        let whole = !window[..i].ends_with(|c: char| c.is_alphanumeric()) && !after.starts_with(|c: char| c.is_alphanumeric());
        if !whole || after.strip_prefix(", ").is_some_and(|r| r.starts_with(char::is_uppercase)) {
            return false;
        }
        // Back over at most three modifiers to the article, then what stands before it.
        let mut before = window[..i].trim_end();
        for _ in 0..4 {
            let word_start = before
                .char_indices()
                .rev()
                .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
                .map_or(0, |(k, c)| k + c.len_utf8());
            let word = &before[word_start..];
            if matches!(word, "a" | "an" | "A" | "An") {
                let lead = before[..word_start].trim_end();
                return lead.is_empty()
                    || lead.ends_with(['.', ',', '\n', '"', '”'])
                    || ["said", "says", "told", "according to"].iter().any(|c| lead.ends_with(c));
            }
            if word.is_empty() {
                return false;
            }
            before = before[..word_start].trim_end();
        }
        false
    })
}

/// The absolute start of the sentence holding `at`, or `at` if it is in none.
fn sentence_start(paragraphs: &[Paragraph], at: u32) -> u32 {
    let pi = paragraphs.partition_point(|p| p.span.start <= at).saturating_sub(1);
    paragraphs.get(pi).and_then(|p| p.sentence_at(at).map(|i| p.facts.sentences[i].start + p.offset())).unwrap_or(at)
}

const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "its", "his", "her", "their", "our"];

/// Verbs after a name that make it the speaker of its sentence.
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "added", "wrote", "tweeted", "explained", "asked", "argued", "noted", "recalled",
    "continued", "stated", "insisted", "replied", "responded", "warned", "declared", "concluded",
];

/// Whether a mention is `the ... Democrat` (or Republican, Independent): a party member described.
fn is_party_member(raw: &str) -> bool {
    let mut words = raw.split_whitespace();
    let definite = words.next().is_some_and(|w| w.eq_ignore_ascii_case("the"));
    let head = raw.split_whitespace().last().unwrap_or("").trim_end_matches(|c: char| !c.is_alphanumeric());
    definite && matches!(head, "Democrat" | "Republican" | "Independent" | "Libertarian")
}

/// Heads of descriptions that stand for someone unnamed, not for a person already in the story.
const ANONYMOUS: &[&str] = &[
    "source", "sources", "person", "witness", "resident", "neighbor", "neighbour", "expert", "friend", "relative",
    "aide", "staffer", "insider", "observer", "voter", "supporter", "critic", "man", "woman", "student", "member",
    "employee", "worker", "official", "officials", "people", "crowd", "audience", "statement", "report", "tweet",
    "post", "letter", "email", "memo", "release", "document", "video", "ad", "sign", "headline", "campaign", "group",
    "moderator", "colleague", "colleagues", "partner", "driver", "victim", "suspect", "doctor", "teacher", "father",
    "mother", "son", "daughter", "husband", "wife", "brother", "sister", "uncle", "aunt", "cousin", "child", "boss",
    "narrator", "announcer", "voice", "speaker", "caller", "reporter", "interviewer", "questioner", "poll", "survey",
];

/// Words that end a description's first noun phrase.
const PHRASE_ENDS: &[&str] = &["and", "who", "which", "of", "in", "on", "at", "for", "with", "from"];
const FREE_MODIFIERS: &[&str] = &["top", "senior", "chief", "former", "veteran", "new", "then", "acting"];

impl<'a> Salience<'a> {
    fn new(
        text: &'a str,
        entities: &'a [Entity],
        paragraphs: &'a [Paragraph],
        people: Vec<PersonMention>,
        names: NameIndex,
    ) -> Salience<'a> {
        let (mut he_compatible, mut she_compatible) = (Vec::new(), Vec::new());
        for (i, e) in entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Person) {
            if e.pronoun.map_or(true, |q| q == Pronoun::He) {
                he_compatible.push(i);
            }
            if e.pronoun.map_or(true, |q| q == Pronoun::She) {
                she_compatible.push(i);
            }
        }
        Salience {
            text,
            entities,
            paragraphs,
            people,
            possessors: Vec::new(),
            unnamed_voice: None,
            last_speaker: None,
            names,
            people_at: OnceCell::new(),
            surnames: OnceCell::new(),
            he_compatible,
            she_compatible,
            roles: OnceCell::new(),
            author: OnceCell::new(),
            organizations: OnceCell::new(),
            office_holders: OnceCell::new(),
            described: FxHashMap::default(),
            last_roles: RefCell::new(None),
            last_names: RefCell::new(memo::NamesReuse::default()),
            roles_reused: std::cell::Cell::new(false),
            proof: None,
            last_byline: RefCell::new(None),
            byline: std::cell::Cell::new(None),
            fill_role_memos: true,
        }
    }

    fn people_at(&self) -> &PeopleAt {
        self.people_at.get_or_init(|| PeopleAt::new(self.entities.len(), &self.people))
    }

    /// Built once per analysis: a scan of every person per mention costs more in long drafts.
    fn surnames(&self) -> &FxHashMap<String, usize> {
        self.surnames.get_or_init(|| {
            if let Some(surnames) = self.last_names.borrow_mut().surnames(self.entities) {
                return surnames;
            }
            let mut surnames: FxHashMap<String, usize> = FxHashMap::default();
            let mut lower = String::new();
            for (i, e) in self.entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Person) {
                if let Some(last) = e.name.rsplit(' ').next() {
                    lower.clear();
                    push_lowercase(&mut lower, last);
                    if !surnames.contains_key(lower.as_str()) {
                        surnames.insert(lower.clone(), i);
                    }
                }
            }
            surnames
        })
    }

    /// Each person's roles, lowercased: the first reference's title and the words of every title
    /// and apposition around any of their name mentions.
    fn roles(&self) -> &WordLists {
        self.roles.get_or_init(|| {
            let mut last = self.last_roles.borrow_mut();
            let same = last.as_mut().and_then(|l| l.roles_if_same(self.text, self.paragraphs, self.entities, &self.names, self.proof.as_ref()));
            drop(last);
            if let Some(lists) = same {
                self.roles_reused.set(true);
                return lists;
            }
            let text = self.text;
            let mut lists = WordLists::default();
            let mut words: Vec<String> = vec![String::new(); self.entities.len()];
            let mut reader = roles::RoleReader::new(text, if self.fill_role_memos { self.paragraphs } else { &[] });
            for &(start, end, e) in &self.names.mentions {
                if self.entities[e].kind != EntityKind::Person || end as usize > text.len() {
                    continue;
                }
                reader.append_to(start, end, &mut words[e]);
            }
            for (i, e) in self.entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Person) {
                let from = lists.text.len();
                if let Some(title) = e.title.as_deref() {
                    for w in title.split_whitespace() {
                        if lists.text.len() > from {
                            lists.text.push(' ');
                        }
                        push_lowercase(&mut lists.text, w.trim_end_matches('.'));
                    }
                }
                if !words[i].is_empty() {
                    if lists.text.len() > from {
                        lists.text.push(' ');
                    }
                    lists.text.push_str(&words[i]);
                }
                if lists.text.len() > from {
                    lists.push(i, from);
                }
            }
            lists.finish()
        })
    }

    /// The author of a first-person piece: the person signed `by X` (outside quotation marks), or
    /// the one whose tagline opens the last paragraph (`X is a playwright ...`).
    fn author(&self) -> Option<usize> {
        *self.author.get_or_init(|| {
            let text = self.text;
            let last = self.paragraphs.iter().rev().find(|p| !p.span.text(text).trim().is_empty());
            if let Some(p) = last {
                let k = self.people.partition_point(|m| m.start < p.span.start);
                if let Some(m) = self.people.get(k).filter(|m| m.start == p.span.start) {
                    let name_end = self.entities[m.entity]
                        .name_mention_overlapping(Span { start: m.start, end: m.start + 1 })
                        .map_or(m.start, |n| n.span.end);
                    let after = text.get(name_end as usize..).unwrap_or("");
                    if after.starts_with(" is ") || after.starts_with(", ") {
                        return Some(m.entity);
                    }
                }
            }
            // A byline: `By X` opening a paragraph, or `by X` in the last one (`From THE BOOK by X`).
            let last_start = last.map_or(u32::MAX, |p| p.span.start);
            // `by ` is ASCII: the three bytes before the name, read as bytes (one look each, in a
            // long draft); where the line starts only for a byline.
            let bytes = text.as_bytes();
            let is_byline = |k: usize| {
                let m = &self.people[k];
                let start = m.start as usize;
                let by = start >= 3 && bytes.get(start - 3..start).is_some_and(|b| b.eq_ignore_ascii_case(b"by "));
                by && (start == 3 || bytes[start - 4] == b'\n' || m.start >= last_start)
            };
            let first = self.byline_from_last(last_start, &is_byline).unwrap_or_else(|| (0..self.people.len()).find(|&k| is_byline(k)));
            self.byline.set(Some((last_start, first)));
            first.map(|k| self.people[k].entity)
        })
    }

    /// The first person of `people` a byline names (`is_byline`), from the last analysis's search
    /// when the entities are proven the last ones moved with the text ([`shifted::Proof`]) and the
    /// last paragraph starts where the text moved it: a byline test reads the four bytes before a
    /// name, so only the people named just after the edited bytes are tested again.
    fn byline_from_last(&self, last_start: u32, is_byline: &impl Fn(usize) -> bool) -> Option<Option<usize>> {
        let memo::LastByline(text, old_last_start, old_first) = self.last_byline.take()?;
        let u = self.proof.as_ref().filter(|p| p.made_from(&text))?.unchanged();
        let moved_last = if old_last_start == u32::MAX { Some(u32::MAX) } else { u.point(old_last_start) };
        if moved_last != Some(last_start) {
            return None;
        }
        let (prefix, edited_end) = (u.prefix as u64, (u.new_end()) as u64);
        let lo = self.people.partition_point(|m| u64::from(m.start) <= prefix);
        let hi = self.people.partition_point(|m| u64::from(m.start) < edited_end + 4).max(lo);
        let in_window = (lo..hi).find(|&k| is_byline(k));
        let first = match old_first {
            Some(k) if k < lo => Some(k),
            Some(k) if k >= hi => in_window.or(Some(k)),
            None => in_window,
            Some(_) => in_window.or_else(|| (hi..self.people.len()).find(|&k| is_byline(k))),
        };
        #[cfg(test)]
        assert_eq!(first, (0..self.people.len()).find(|&k| is_byline(k)), "{text:?}");
        Some(first)
    }

    /// Each organisation's name lowercased, its words split at spaces.
    fn organizations(&self) -> &WordLists {
        self.organizations.get_or_init(|| {
            if let Some(organizations) = self.last_names.borrow_mut().organizations(self.entities) {
                return organizations;
            }
            let mut lists = WordLists::default();
            for (i, e) in self.entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Organization) {
                let from = lists.text.len();
                push_lowercase(&mut lists.text, &e.name);
                lists.push(i, from);
            }
            lists.finish()
        })
    }

    fn resolve_mention(&mut self, text: &str, mention: Span, par: usize) -> (Option<usize>, MentionKind) {
        let raw = mention.text(text);
        // A person named anywhere in the mention (`Stephen Vladeck of the University of Texas`):
        // the first one.
        // Not an employer or possessor before the person (`Clinton campaign manager Robby Mook`,
        // `Clinton's aide Jake Sullivan`) when another person follows in the mention.
        if let Some(e) = self.person_in(mention) {
            return (Some(e), MentionKind::Name);
        }
        // Otherwise a name if its last word is part of a name: `Reuters`, but not the `Russian`
        // of `the top Russian diplomat`.
        let trimmed = raw.trim_end_matches(|c: char| !c.is_alphanumeric());
        let last_start = trimmed.char_indices().rev().find(|&(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
        let head = Span { start: mention.start + last_start as u32, end: mention.start + trimmed.len() as u32 };
        // `the Minnesota Democrat` is a person described by party, not a body of that name.
        if let Some(e) = self.names.entity_at(self.entities, head).filter(|_| !is_party_member(raw)) {
            return (Some(e), MentionKind::Name);
        }
        let words: Vec<String> = raw
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() == 1 {
            if let Some(p) = Pronoun::of_word(&words[0]) {
                return (self.pronoun(p, mention.start, par), MentionKind::Pronoun);
            }
            if words[0] == "i" {
                return (self.author(), MentionKind::Pronoun);
            }
        }
        if let Some(e) = self.by_surname(&words) {
            return (Some(e), MentionKind::Name);
        }
        if let Some(e) = self.named_in_apposition(mention) {
            return (Some(e), MentionKind::Description);
        }
        let described = self.description(&words, mention.start, par);
        // Asked only of descriptions that found someone: it reads back over the text.
        let unnamed = || definite_head(&words).is_some_and(|head| introduced_unnamed(text, head, mention.start));
        (described.filter(|_| !unnamed()), MentionKind::Description)
    }

    /// The person named in a speaker mention: the first one, unless an employer or possessor of a
    /// later one.
    fn person_in(&self, mention: Span) -> Option<usize> {
        let first = self.names.first_overlapping(self.entities, mention, |e| e.kind == EntityKind::Person)?;
        let text = self.text;
        let i = self.names.mentions.partition_point(|m| m.0 < mention.start);
        let mut people = self.names.mentions[i..]
            .iter()
            .take_while(|m| m.0 < mention.end)
            .filter(|m| self.entities[m.2].kind == EntityKind::Person && m.1 <= mention.end);
        let Some(mut cur) = people.next().copied() else { return Some(first) };
        for next in people {
            if next.2 == cur.2 {
                continue;
            }
            if is_possessive(text, cur.1) || is_employer(text, cur.1, next.0) {
                cur = *next;
            } else {
                break;
            }
        }
        // A lone employer or possessor (`a Clinton campaign spokesman`, `the senator's aide`)
        // names whom the speaker works for, not the speaker.
        if qualifies_another(text, mention, Span { start: cur.0, end: cur.1 }) {
            return None;
        }
        Some(cur.2)
    }

    /// The person named just after a description, in apposition, maybe after a title: `a
    /// neighbor, Lucia Brandt said`, `The Lord Chancellor, Lord Falconer, agreed`.
    fn named_in_apposition(&self, mention: Span) -> Option<usize> {
        let text = self.text;
        let after = text.get(mention.end as usize..)?;
        if !after.starts_with(", ") {
            return None;
        }
        let at = mention.end + 2;
        let i = self.names.mentions.partition_point(|m| m.0 < at);
        let m = self.names.mentions[i..].iter().take_while(|m| m.0 <= at + 24).find(|m| self.entities[m.2].kind == EntityKind::Person)?;
        // Only capitalised words (a title) between the comma and the name.
        let between = text.get(at as usize..m.0 as usize)?;
        between.split_whitespace().all(|w| w.starts_with(char::is_uppercase)).then_some(m.2)
    }

    /// A name the candidate pass did not see as one: match its last word to a person's surname.
    fn by_surname(&self, words: &[String]) -> Option<usize> {
        let last = words.last()?;
        if words.iter().any(|w| DETERMINERS.contains(&w.as_str())) {
            return None;
        }
        self.surnames().get(last.as_str()).copied()
    }

    fn pronoun(&self, p: Pronoun, at: u32, par: usize) -> Option<usize> {
        match p {
            Pronoun::He => self.referent(at, par, &self.he_compatible, Some("he")),
            Pronoun::She => self.referent(at, par, &self.she_compatible, Some("she")),
            Pronoun::They | Pronoun::It => {
                let (e, _) = self.last_speaker?;
                (self.entities[e].kind == EntityKind::Organization).then_some(e)
            }
        }
    }

    fn description(&mut self, words: &[String], at: u32, par: usize) -> Option<usize> {
        // `a Mexican official`, `another friend`: an indefinite description brings in someone new.
        if words.first().is_some_and(|w| matches!(w.as_str(), "a" | "an" | "another" | "one")) {
            return None;
        }
        if let [whose, kin] = words {
            if let Some(e) = self.relative(whose, kin, at, par) {
                return Some(e);
            }
        }
        // `the Florida senator and Republican presidential candidate`: the first noun phrase.
        let first_phrase = words.iter().position(|w| PHRASE_ENDS.contains(&w.as_str())).unwrap_or(words.len());
        let content: Vec<&str> =
            words[..first_phrase].iter().map(String::as_str).filter(|w| !DETERMINERS.contains(w)).collect();
        content.last()?;
        let key = content.join(" ");
        if !self.described.contains_key(&key) {
            let fitting = self.described_by(&content);
            self.described.insert(key.clone(), fitting);
        }
        let fitting = self.described.get(&key).map(Vec::as_slice).unwrap_or_default();
        if fitting.is_empty() {
            // Only `the ...`: `his colleague`, `her husband` are someone else.
            let definite = words.first().is_some_and(|w| w == "the");
            if !definite {
                return None;
            }
            return self.epithet(&content, at, par).or_else(|| self.unheld_office(&content, at, par));
        }
        self.referent(at, par, fitting, None).or_else(|| self.first_named_after(at, fitting))
    }

    /// `her husband`, `his daughter`: the one other person of the draft who bears the surname of
    /// whom `his`/`her` refers to and may be of the relative's sex.
    fn relative(&self, whose: &str, kin: &str, at: u32, par: usize) -> Option<usize> {
        let kin_pronoun = match kin {
            "husband" | "son" | "father" | "brother" => Pronoun::He,
            "wife" | "daughter" | "mother" | "sister" => Pronoun::She,
            _ => return None,
        };
        let possessor = match whose {
            "his" => self.pronoun(Pronoun::He, at, par)?,
            "her" => self.pronoun(Pronoun::She, at, par)?,
            _ => return None,
        };
        let surname = self.entities[possessor].name.rsplit(' ').next()?;
        let mut found = self.entities.iter().enumerate().filter(|&(i, e)| {
            i != possessor
                && e.kind == EntityKind::Person
                && e.pronoun.map_or(true, |p| p == kin_pronoun)
                && e.name.contains(' ')
                && e.name.rsplit(' ').next() == Some(surname)
        });
        let (one, _) = found.next()?;
        found.next().is_none().then_some(one)
    }

    /// `the billionaire businessman said`, `the candidate added`: a definite description no one's
    /// roles fit, whose head is neither a role (`the official` is someone unnamed) nor a word for
    /// an anonymous source, stands for the person the story is following: the last speaker if
    /// recent, else the subject of the nearest sentence naming someone, when it is plainly the
    /// subject.
    fn epithet(&self, content: &[&str], at: u32, par: usize) -> Option<usize> {
        let lx = lexicon();
        let &head = content.last()?;
        // A noun, not a verb the speaker phrase took in (`The spokesman refused`).
        let verb_like = head.ends_with("ed") || head.ends_with("ing");
        // `the union said` is a body, never the person the story follows.
        if lx.is_office_word(head)
            || lx.is_common(head)
            || lx.is_org_word(head)
            || ANONYMOUS.contains(&head)
            || head.len() < 4
            || verb_like
        {
            return None;
        }
        // The voice the reader is following, if recent.
        if let Some((e, _)) = self.last_speaker.filter(|&(e, p)| p + 2 >= par && self.entities[e].kind == EntityKind::Person) {
            return Some(e);
        }
        let floor = self.paragraphs.get(par.saturating_sub(1)).map_or(0, |p| p.span.start);
        let last = self.people[..self.people.partition_point(|m| m.start < at)].last().filter(|m| m.start >= floor)?;
        let start = self.sentence_start(last.start);
        let j = self.people.partition_point(|m| m.start < start);
        let first = self.people.get(j)?;
        subject_like_in(self.text, self.paragraphs, start, first.start).then_some(first.entity)
    }

    /// `the Florida senator said`, `the minority leader said`: a particular office (its head has a
    /// place or a qualifier of its own, not only `former` or `top`) that no one's roles in the
    /// draft name is held by someone the draft names without it: the subject of the nearest
    /// sentence naming a person the draft gives no office. An office anyone may hold (`the official`, `the spokesman`) stays someone unnamed.
    fn unheld_office(&self, content: &[&str], at: u32, par: usize) -> Option<usize> {
        let lx = lexicon();
        let (&head, modifiers) = content.split_last()?;
        if !lx.is_office_word(head) || ANONYMOUS.contains(&head) || !modifiers.iter().any(|w| !FREE_MODIFIERS.contains(w)) {
            return None;
        }
        // `the rapper's spokesman` works for someone; `the Scottish Executive` is a body's name.
        let written = self.text.get(at as usize..).and_then(|t| t.get(..t.len().min(120))).unwrap_or("");
        if modifiers.iter().any(|w| w.ends_with("'s") || w.ends_with("’s")) || !written.contains(head) {
            return None;
        }
        let holders = self.office_holders();
        let addressed = self.addressed(at);
        let ok = |e: usize| {
            self.entities[e].kind == EntityKind::Person && holders.binary_search(&e).is_err() && !addressed.contains(&e)
        };
        let recent = self.last_speaker.filter(|&(e, p)| p + 2 >= par && ok(e)).map(|(e, _)| e);
        // Only a plain subject: a guess from knowledge the draft lacks.
        match self.nearest_named(at, par, ok, None, recent) {
            Some((e, true)) => Some(e),
            _ => None,
        }
    }

    /// The people, ascending, whose roles in the draft include an office (`governor`, `judge`).
    fn office_holders(&self) -> &[usize] {
        self.office_holders.get_or_init(|| {
            let lx = lexicon();
            let roles = self.roles();
            let mut holders: Vec<usize> = roles
                .lists
                .iter()
                .filter(|(_, r)| roles.text[r.clone()].split(' ').any(|w| lx.is_office_word(w)))
                .map(|&(e, _)| e)
                .collect();
            holders.sort_unstable();
            holders.dedup();
            holders
        })
    }

    /// Of the `fitting` entities, the one first named after `at` (`The deputy mayor said ...` with
    /// `Helen Cho, the deputy mayor,` further down).
    fn first_named_after(&self, at: u32, fitting: &[usize]) -> Option<usize> {
        let from = self.people.partition_point(|m| m.start < at);
        self.people[from..].iter().find(|m| fitting.binary_search(&m.entity).is_ok()).map(|m| m.entity)
    }

    /// The entities, ascending, that a description with these content words (lowercased, no
    /// determiners, not empty) may refer to.
    fn described_by(&self, content: &[&str]) -> Vec<usize> {
        let lx = lexicon();
        let Some(&head) = content.last() else { return Vec::new() };
        if lx.is_org_word(head) {
            let named = self.organizations().with_any(std::iter::once(head));
            return named.filter_map(|(i, mut ws)| ws.any(|w| w == head).then_some(i)).collect();
        }
        // A head word that is no role and no common noun's length is no description.
        if head.len() < 3 || (lx.is_common(head) && !lx.is_role_word(head)) {
            return Vec::new();
        }
        // Nationality and place words in the description must agree with the roles', if they have any.
        let origin: Vec<&str> = content.iter().copied().filter(|w| lx.is_demonym(w) || lx.is_place(w)).collect();
        let modifiers: Vec<&str> = content[..content.len() - 1]
            .iter()
            .copied()
            // Words of a title (`deputy`, `foreign`) must be the person's; other adjectives
            // (`independent`, `billionaire`) are the writer's own and need not be.
            .filter(|w| !FREE_MODIFIERS.contains(w) && !origin.contains(w))
            .filter(|w| lx.title_word(w).is_some())
            .collect();
        // What `Lexicon::role_matches(head, _)` accepts, gathered once for every title.
        let synonyms = lx.role_synonyms_of(head);
        // The three conditions, cheapest first; with no origin in the description the title's
        // origin words do not matter.
        let fits = |title_words: std::str::Split<'_, char>| {
            let is_origin = |w: &str| lx.is_demonym(w) || lx.is_place(w);
            let mods_ok = || modifiers.iter().all(|m| title_words.clone().any(|t| t == *m));
            let origin_ok = || {
                origin.is_empty()
                    || !title_words.clone().any(is_origin)
                    || origin.iter().all(|o| title_words.clone().any(|t| t == *o && is_origin(t)))
            };
            let head_ok = || title_words.clone().any(|t| t == head || synonyms.contains(&t));
            mods_ok() && origin_ok() && head_ok()
        };
        // A fitting title has the head word or a synonym of it.
        let heads = std::iter::once(head).chain(synonyms.iter().copied());
        let mut found: Vec<usize> = self.roles().with_any(heads).filter_map(|(i, ws)| fits(ws).then_some(i)).collect();
        found.dedup();
        found
    }

    /// Who a pronoun or description at `at` (in paragraph `par`) refers to, of the `fitting`
    /// entities (ascending): the subject of the nearest sentence naming one of them, unless that
    /// sentence names them elsewhere than as its subject and the last quote's speaker fits and is
    /// recent; with no such sentence near, [`Salience::salient`].
    /// `pronoun`, for a pronoun, is its word: a sentence whose subject is that same pronoun
    /// (`On Sunday, she said ... Bill Clinton called her`) carries the chain on to an earlier one.
    fn referent(&self, at: u32, par: usize, fitting: &[usize], pronoun: Option<&str>) -> Option<usize> {
        // `"...," he told Hannity` and `he said of Trump`: who is spoken to or about is not the speaker.
        let addressed = self.addressed(at);
        let ok = |e: usize| fitting.binary_search(&e).is_ok() && !addressed.contains(&e);
        let recent_speaker = self.last_speaker.filter(|&(e, p)| p + 2 >= par && ok(e)).map(|(e, _)| e);
        match self.nearest_named(at, par, ok, pronoun, recent_speaker) {
            Some((e, true)) => Some(e),
            Some((e, false)) => recent_speaker.or(Some(e)),
            // With no one named near, a pronoun soon after an unnamed speaker's quote (and no
            // named speaker's since) is theirs.
            None if pronoun.is_some() && self.follows_unnamed_voice(par) => None,
            None => self.salient(at, par, fitting),
        }
    }

    /// Whether the last quote before paragraph `par`, at most two paragraphs back, was given to a
    /// description of no one named.
    fn follows_unnamed_voice(&self, par: usize) -> bool {
        let Some(p) = self.unnamed_voice.filter(|&p| p <= par && p + 2 >= par) else { return false };
        self.last_speaker.map_or(true, |(_, q)| q < p)
    }

    /// The people named in the attribution clause that starts at `at` (`he told Hannity`, `he said
    /// of Trump`): in its sentence, a few words on, with no quotation between.
    fn addressed(&self, at: u32) -> Vec<usize> {
        let from = self.people.partition_point(|m| m.start <= at);
        let own = self.sentence_start(at);
        self.people[from..]
            .iter()
            .take_while(|m| m.start <= at + 40)
            .filter(|m| {
                let between = self.text.get(at as usize..m.start as usize).unwrap_or("\"");
                !between.contains(['"', '“', '”']) && self.sentence_start(m.start) == own
            })
            .map(|m| m.entity)
            .collect()
    }

    /// The first fitting person named in the nearest sentence before `at` that names one (outside
    /// quotation marks, from the paragraph two before `par` on), and whether the sentence is
    /// `at`'s own or has that person as its subject.
    fn nearest_named(
        &self,
        at: u32,
        par: usize,
        ok: impl Fn(usize) -> bool,
        pronoun: Option<&str>,
        recent: Option<usize>,
    ) -> Option<(usize, bool)> {
        // Two paragraphs back: a news story's `he` rarely reaches further.
        let floor = self.paragraphs.get(par.saturating_sub(2)).map_or(0, |p| p.span.start);
        let own = self.sentence_start(at);
        let mut i = self.people.partition_point(|m| m.start < at);
        let mut k = self.possessors.partition_point(|m| m.start < at);
        // Only a few sentences are read: each step moves back over one sentence's names.
        for _ in 0..8 {
            let last_person = i.checked_sub(1).map(|x| self.people[x].start);
            let last_possessor = k.checked_sub(1).map(|x| self.possessors[x].start);
            let Some(last) = last_person.max(last_possessor) else { break };
            if last < floor {
                break;
            }
            let start = self.sentence_start(last);
            let j = self.people[..i].partition_point(|m| m.start < start);
            let possessors_from = self.possessors[..k].partition_point(|m| m.start < start);
            // `Delgado's list of objections includes ...`: a possessor opening its sentence is what
            // the sentence is about, unless a fitting person named before it, or as a subject or
            // a speaker, takes the sentence.
            let about = self.possessors[possessors_from..k].iter().find(|m| ok(m.entity) && subject_like_in(self.text, self.paragraphs, start, m.start));
            if let Some(p) = about {
                let taken = self.people[j..i].iter().any(|m| {
                    ok(m.entity) && (m.start < p.start || subject_like_in(self.text, self.paragraphs, start, m.start) || self.speaks(m.start))
                });
                if !taken {
                    return Some((p.entity, true));
                }
            }
            k = possessors_from;
            let in_view = || self.people[j..i].iter().filter(|m| ok(m.entity));
            let chained = |first: &PersonMention| {
                let before = self.text.get(start as usize..first.start as usize).unwrap_or("");
                pronoun.is_some_and(|p| before.split(|c: char| !c.is_alphabetic()).any(|w| w.eq_ignore_ascii_case(p)))
            };
            if let Some(first) = in_view().next() {
                // `Kerr asked Dahl whether ...`: the one asked gives the answer that follows
                // (unless the sentence is led by the pronoun, whose chain goes on below).
                let asked = || in_view().find(|m| is_asked(self.text, m.start));
                if let Some(m) = asked().filter(|_| start == own || !chained(first)) {
                    return Some((m.entity, true));
                }
                // The sentence's speaker (`..., Stovall said.`), else its subject, else its first.
                if let Some(m) = in_view().find(|m| self.speaks(m.start)) {
                    return Some((m.entity, true));
                }
                // Led by the same pronoun: the chain's referent, which the last quote's speaker
                // is if recent (`"...," he told Hannity.`), else an earlier sentence's.
                if start != own && chained(first) {
                    if let Some(e) = recent {
                        return Some((e, true));
                    }
                    i = j;
                    continue;
                }
                if start == own {
                    return Some((first.entity, true));
                }
                // `..., which worries Daniel Okafor, director of the cooperative.` just before a
                // quote: the person the paragraph brings in is the voice that follows.
                let introduced = in_view().filter(|m| m.entity != first.entity && self.introduced_before_quote(m, start, at));
                if let Some(m) = introduced.last() {
                    return Some((m.entity, true));
                }
                return match in_view().find(|m| subject_like_in(self.text, self.paragraphs, start, m.start)) {
                    Some(m) => Some((m.entity, true)),
                    None => Some((first.entity, false)),
                };
            }
            i = j;
        }
        None
    }

    /// Whether `m`, named in the sentence starting at `start`, is named there for the first time,
    /// with an apposition (`Daniel Okafor, director of ...`), in the last sentence of the
    /// paragraph before the one holding `at`, which opens with a quotation.
    fn introduced_before_quote(&self, m: &PersonMention, start: u32, at: u32) -> bool {
        let text = self.text;
        let par = self.paragraphs.partition_point(|p| p.span.start <= at).saturating_sub(1);
        let (Some(quote_par), Some(prev)) = (self.paragraphs.get(par), par.checked_sub(1).and_then(|p| self.paragraphs.get(p))) else {
            return false;
        };
        if !quote_par.span.text(text).trim_start().starts_with(['"', '“']) {
            return false;
        }
        let last_sentence = prev.facts.sentences.last().map(|s| s.start + prev.offset());
        if last_sentence != Some(start) || self.people_at().of(m.entity).first() != Some(&m.start) {
            return false;
        }
        let Some(end) = self.names.mention_end(m.start) else { return false };
        let after = text.get(end as usize..).unwrap_or("");
        let Some(apposition) = after.strip_prefix(", ") else { return false };
        let word = apposition.split([' ', ',']).next().unwrap_or("");
        let lx = lexicon();
        matches!(word, "the" | "a" | "an" | "who" | "The" | "A" | "An") || lx.title_word(word).is_some() || lx.is_role_word(word)
    }

    /// Whether the name at `at` is the speaker of a cue beside it: `Stovall said`, `said Stovall`.
    fn speaks(&self, at: u32) -> bool {
        let text = self.text;
        let end = self.names.mention_end(at);
        if inverted_cue(text, at, end) {
            return true;
        }
        let Some(e) = end else { return false };
        let after = text.get(e as usize..).unwrap_or("");
        let word = after.strip_prefix(' ').map_or("", |r| r.split(|c: char| !c.is_alphabetic()).next().unwrap_or(""));
        SPEECH_VERBS.contains(&word)
    }

    fn sentence_start(&self, at: u32) -> u32 {
        sentence_start(self.paragraphs, at)
    }


    /// The most salient of the `fitting` entities (ascending indexes): the first person named
    /// earlier in the same paragraph (the paragraph's subject), else the previous speaker if recent,
    /// else the person named last, else the entity first mentioned last.
    fn salient(&self, at: u32, par: usize, fitting: &[usize]) -> Option<usize> {
        let ok = |e: usize| fitting.binary_search(&e).is_ok();
        let end = self.people.partition_point(|m| m.start < at);
        let before = &self.people[..end];
        let par_start = self.paragraphs.get(par).map_or(0, |p| p.span.start);
        let in_par = before.partition_point(|m| m.start < par_start);
        if let Some(m) = before[in_par..].iter().find(|m| ok(m.entity)) {
            return Some(m.entity);
        }
        if let Some((e, p)) = self.last_speaker {
            if p + 3 >= par && ok(e) {
                return Some(e);
            }
        }
        // The person named last: usually among the last few names, else the latest of each
        // fitting entity's last mention before `at` (on one start, the later entity, as a walk
        // back over `people` would meet it first).
        const NEAR: usize = 32;
        if let Some(m) = before.iter().rev().take(NEAR).find(|m| ok(m.entity)) {
            return Some(m.entity);
        }
        if before.len() > NEAR {
            let last = fitting
                .iter()
                .filter_map(|&e| {
                    let starts = self.people_at().of(e);
                    let k = starts.partition_point(|&s| s < at);
                    k.checked_sub(1).map(|k| (starts[k], e))
                })
                .max();
            if let Some((_, e)) = last {
                return Some(e);
            }
        }
        // Organisations are not in the people index.
        fitting
            .iter()
            .filter_map(|&i| {
                let first = self.entities[i].mentions.first()?.span.start;
                (first < at).then_some((first, i))
            })
            .max()
            .map(|(_, i)| i)
    }
}

#[cfg(test)]
mod tests;
