//! Coreference: resolves speaker mentions (names, pronouns, descriptions) to entities, and adds the
//! pronoun and description mentions it resolves to each entity.
//!
//! - A name resolves to the entity it is a mention of.
//! - A pronoun resolves to the most salient compatible person: one named earlier in the same
//!   paragraph, else the previous speaker, else the person named last. Who is `he` and who is
//!   `she` is learnt from the draft itself: each `he`/`she` outside quotation marks votes for the
//!   person named last before it.
//! - A description (`the minister`, `the top Russian diplomat`) resolves to the most salient person
//!   whose first-reference title has the description's head word (or a role synonym of it), and no
//!   conflicting nationality.
//!
//! Work is proportional to the number of name mentions, pronouns and quotes.

use std::cell::OnceCell;

use rustc_hash::FxHashMap;

use super::entities::lexicon::lexicon;
use super::lexicon::push_lowercase;
use super::entities::{entity_mention_at, qualifies_another, CandidateKind, Entity, EntityKind, Mention, MentionKind, Pronoun};
use super::paragraph::Paragraph;
use super::quotes::Quote;
use super::span::Span;

/// A name mention of a person, outside quotation marks.
#[derive(Debug, Clone, Copy)]
struct PersonMention {
    start: u32,
    entity: usize,
}

struct Salience<'a> {
    entities: &'a [Entity],
    paragraphs: &'a [Paragraph],
    /// Sorted by start.
    people: Vec<PersonMention>,
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
    /// Titled people with their title's lowercased words.
    titled: OnceCell<WordLists>,
    /// Organisations with their name's lowercased words.
    organizations: OnceCell<WordLists>,
    /// Entities a description's content words may refer to, by those words.
    described: FxHashMap<String, Vec<usize>>,
}

/// The starts of each entity's mentions in `people`, in order, in one flat list: entity `e`'s are
/// `starts[bounds[e]..bounds[e + 1]]`.
struct PeopleAt {
    bounds: Vec<usize>,
    starts: Vec<u32>,
}

impl PeopleAt {
    fn new(entities: usize, people: &[PersonMention]) -> PeopleAt {
        let mut bounds = vec![0usize; entities + 1];
        for m in people {
            bounds[m.entity + 1] += 1;
        }
        for e in 0..entities {
            bounds[e + 1] += bounds[e];
        }
        let mut next = bounds.clone();
        let mut starts = vec![0u32; people.len()];
        for m in people {
            starts[next[m.entity]] = m.start;
            next[m.entity] += 1;
        }
        PeopleAt { bounds, starts }
    }

    fn of(&self, e: usize) -> &[u32] {
        &self.starts[self.bounds[e]..self.bounds[e + 1]]
    }
}

/// Entities with lists of lowercased words, all in one buffer: each entity's list is a range of
/// `text` with its words separated by single spaces.
#[derive(Default)]
struct WordLists {
    text: String,
    lists: Vec<(usize, std::ops::Range<usize>)>,
    /// The lists each word is in, by a hash of the word: a description is compared with the
    /// lists that share a word with it, not with every title of a long draft. (A collision only
    /// adds a list the caller's own test turns down.)
    by_word: FxHashMap<u64, Vec<u32>>,
}

impl WordLists {
    /// Adds `entity`'s list: the words written to `text` since `from`.
    fn push(&mut self, entity: usize, from: usize) {
        let list = self.lists.len() as u32;
        for word in self.text[from..].split(' ') {
            self.by_word.entry(word_hash(word)).or_default().push(list);
        }
        self.lists.push((entity, from..self.text.len()));
    }

    /// The lists holding any of `words`, in entity order, each once.
    fn with_any<'w>(
        &self,
        words: impl Iterator<Item = &'w str>,
    ) -> impl Iterator<Item = (usize, std::str::Split<'_, char>)> + '_ {
        let mut found: Vec<u32> = words.filter_map(|w| self.by_word.get(&word_hash(w))).flatten().copied().collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|i| {
            let (e, r) = &self.lists[i as usize];
            (*e, self.text[r.clone()].split(' '))
        })
    }
}

fn word_hash(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}

/// Every name mention of every entity, sorted by start, to find the entities whose names overlap a
/// span without asking every entity.
struct NameIndex {
    /// (start, end, entity).
    mentions: Vec<(u32, u32, usize)>,
    longest: u32,
    /// Every entity's mentions have ends in order, which [`Entity::name_mention_overlapping`]
    /// assumes; when one does not, the lookups ask every entity, as that function would answer.
    sorted: bool,
}

impl NameIndex {
    /// Every name mention of every entity, sorted by start; on one start, by entity, then in each
    /// entity's order (as a stable sort of the entities' mentions, in entity order, would leave
    /// them). One sort of packed keys serves both this index and the people list.
    fn new(entities: &[Entity]) -> NameIndex {
        let mut keys: Vec<u64> = Vec::new();
        let mut ends: Vec<(u32, usize)> = Vec::new();
        let mut longest = 0;
        let mut sorted = true;
        for (e, ent) in entities.iter().enumerate() {
            sorted &= ent.mentions.windows(2).all(|w| w[0].span.end <= w[1].span.end);
            for m in ent.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
                // The start above the mention's sequence number: sorting the keys sorts by start,
                // then by sequence, which is entity order, then each entity's order.
                keys.push((u64::from(m.span.start) << 32) | ends.len() as u64);
                ends.push((m.span.end, e));
                longest = longest.max(m.span.end.saturating_sub(m.span.start));
            }
        }
        sort_by_start(&mut keys);
        let mentions = keys
            .into_iter()
            .map(|k| {
                let (end, e) = ends[(k & u64::from(u32::MAX)) as usize];
                ((k >> 32) as u32, end, e)
            })
            .collect();
        NameIndex { mentions, longest, sorted }
    }

    /// Entities that may have a name mention overlapping `span` (a superset of those for which
    /// [`Entity::name_mention_overlapping`] answers), possibly repeated, in no particular order.
    fn near(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let bound = span.end.max(span.start + 1);
        let from = span.start.saturating_sub(self.longest);
        let i = self.mentions.partition_point(|m| m.0 < from);
        self.mentions[i..].iter().take_while(move |m| m.0 < bound).filter(move |m| m.1 > span.start).map(|m| m.2)
    }

    /// Of the entities passing `ok`, the one whose first name mention overlapping `span` starts
    /// first (the lower index on a tie).
    fn first_overlapping(&self, entities: &[Entity], span: Span, ok: impl Fn(&Entity, Span) -> bool) -> Option<usize> {
        let check = |i: usize| {
            let e = &entities[i];
            let m = e.name_mention_overlapping(span)?;
            ok(e, m.span).then_some((m.span.start, i))
        };
        if self.sorted {
            self.near(span).filter_map(check).min().map(|(_, i)| i)
        } else {
            (0..entities.len()).filter_map(check).min().map(|(_, i)| i)
        }
    }

    /// As [`entity_mention_at`]: the first entity (by index) with a name mention overlapping `span`.
    fn entity_at(&self, entities: &[Entity], span: Span) -> Option<usize> {
        if self.sorted {
            // The lowest index among the near entities that have such a mention.
            self.near(span).filter(|&i| entities[i].name_mention_overlapping(span).is_some()).min()
        } else {
            entity_mention_at(entities, span)
        }
    }
}

/// Sorts packed `(start << 32) | sequence` keys, built in ascending sequence, as `sort_unstable`
/// would: by start, ties in sequence order. A stable radix sort on the start alone gives exactly
/// that, in three linear passes instead of a comparison sort's n log n (this runs on every
/// keystroke over every name mention of the draft).
fn sort_by_start(keys: &mut Vec<u64>) {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    if keys.len() < 256 {
        keys.sort_unstable();
        return;
    }
    let mut other = vec![0u64; keys.len()];
    let mut counts = vec![0usize; BUCKETS];
    for pass in 0..3 {
        let shift = 32 + pass * BITS;
        let digit = |k: u64| ((k >> shift) as usize) & (BUCKETS - 1);
        counts.iter_mut().for_each(|c| *c = 0);
        for &k in keys.iter() {
            counts[digit(k)] += 1;
        }
        let mut total = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = total;
            total += n;
        }
        for &k in keys.iter() {
            let d = digit(k);
            other[counts[d]] = k;
            counts[d] += 1;
        }
        std::mem::swap(keys, &mut other);
    }
}

/// Spans of the outermost quotes, in order.
fn outer_quotes(quotes: &[Quote]) -> Vec<Span> {
    let mut spans: Vec<Span> = quotes.iter().filter(|q| q.parent.is_none()).map(|q| q.span).collect();
    spans.sort();
    spans
}

/// Answers whether offsets, asked in ascending order, fall inside sorted, non-overlapping quote
/// spans, walking the spans once: the passes below ask for every name and pronoun of the draft.
struct QuoteCursor<'a> {
    quotes: &'a [Span],
    /// Quotes before this one end at or before the last offset asked.
    next: usize,
    last: u32,
}

impl<'a> QuoteCursor<'a> {
    fn new(quotes: &'a [Span]) -> QuoteCursor<'a> {
        QuoteCursor { quotes, next: 0, last: 0 }
    }

    fn inside(&mut self, offset: u32) -> bool {
        if offset < self.last {
            // Out of order (never in the passes below, but cheap to answer right): search afresh.
            self.next = self.quotes.partition_point(|s| s.end <= offset);
        } else {
            while self.quotes.get(self.next).is_some_and(|s| s.end <= offset) {
                self.next += 1;
            }
        }
        self.last = offset;
        self.quotes.get(self.next).is_some_and(|s| s.start <= offset)
    }
}

pub fn resolve(text: &str, paragraphs: &[Paragraph], entities: &mut [Entity], quotes: &mut [Quote]) {
    let quote_spans = outer_quotes(quotes);
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    order.sort_by_key(|&i| quotes[i].span.start);
    let asks: Vec<(usize, SpeakerQuery)> = order
        .into_iter()
        .filter_map(|qi| {
            let speaker = quotes[qi].attribution.as_ref()?.speaker?;
            Some((qi, SpeakerQuery { paragraph: quotes[qi].paragraph, mention: speaker.mention }))
        })
        .collect();
    let queries: Vec<SpeakerQuery> = asks.iter().map(|(_, q)| *q).collect();
    let answers = resolve_speakers(text, paragraphs, entities, &quote_spans, &queries);
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
    // The index is of names, which learning pronouns does not change.
    let names = NameIndex::new(entities);
    let mut quoted = QuoteCursor::new(quote_spans);
    // Already in order of start (and on one start, of entity, then of each entity's mentions).
    let people: Vec<PersonMention> = names
        .mentions
        .iter()
        .filter(|&&(start, end, e)| {
            // `Comey's recommendation ... but he`: a possessor is rarely the next pronoun's referent.
            let possessive = || {
                let after = text.get(end as usize..).unwrap_or("");
                after.starts_with("'s") || after.starts_with("’s")
            };
            entities[e].kind == EntityKind::Person && !possessive() && !quoted.inside(start)
        })
        .map(|&(start, _, entity)| PersonMention { start, entity })
        .collect();
    learn_pronouns(paragraphs, quote_spans, &people, entities);

    let mut added: Vec<(usize, Mention)> = Vec::new();
    let mut answers = Vec::with_capacity(queries.len());
    let mut sal = Salience::new(entities, paragraphs, people, names);
    for q in queries {
        let par = q.paragraph.min(paragraphs.len().saturating_sub(1));
        let (entity, kind) = sal.resolve_mention(text, q.mention, par);
        if let Some(e) = entity {
            if kind != MentionKind::Name {
                added.push((e, Mention { span: q.mention, kind }));
            }
            sal.last_speaker = Some((e, par));
        }
        answers.push(entity);
    }
    for (e, m) in added {
        if let Some(ent) = entities.get_mut(e) {
            ent.add_mention(m);
        }
    }
    answers
}

/// Each `he`/`she` outside quotation marks votes for a person when exactly one person is named
/// (outside quotation marks, not as a possessor) in its sentence before it, or else between the start
/// of the previous sentence and the pronoun: `Lavrov said he had invited ...`. With two people in view the pronoun is ambiguous and
/// does not vote. The majority wins.
fn learn_pronouns(paragraphs: &[Paragraph], quotes: &[Span], people: &[PersonMention], entities: &mut [Entity]) {
    let mut votes: Vec<[u32; 2]> = vec![[0, 0]; entities.len()];
    let mut quoted = QuoteCursor::new(quotes);
    let (mut end, mut last_at) = (0, 0);
    for (pi, p) in paragraphs.iter().enumerate() {
        for c in &p.facts.names {
            let CandidateKind::Pronoun(pron) = c.kind else { continue };
            let at = c.span.start + p.offset();
            if quoted.inside(at) {
                continue;
            }
            // Pronouns come in order, so the people named before this one are found by moving on
            // from the last pronoun's (a search only if one comes out of order).
            end = if at >= last_at {
                end + people[end..].iter().take_while(|m| m.start < at).count()
            } else {
                people.partition_point(|m| m.start < at)
            };
            last_at = at;
            // The pronoun's own sentence settles it when it names one person before the pronoun
            // (`... Reyes said he wanted. Patel said he did not.`); otherwise look back one more
            // sentence.
            let own_start = p.sentence_at(at).map_or(at, |i| p.facts.sentences[i].start + p.offset());
            let Some(first) = sole_person(people, own_start, end)
                .or_else(|| sole_person(people, previous_sentence_start(paragraphs, pi, at), end))
            else {
                continue;
            };
            match pron {
                Pronoun::He => votes[first][0] += 1,
                Pronoun::She => votes[first][1] += 1,
                _ => {}
            }
        }
    }
    for (e, [he, she]) in votes.into_iter().enumerate() {
        if he + she > 0 {
            entities[e].pronoun = Some(if she > he { Pronoun::She } else { Pronoun::He });
        }
    }
}

/// The one person named from `from` up to the `end`th person mention, if exactly one is.
fn sole_person(people: &[PersonMention], from: u32, end: usize) -> Option<usize> {
    // A sentence or two names few people: walk back from `end`, and search only past a few.
    let mut begin = end;
    for _ in 0..16 {
        if begin == 0 || people[begin - 1].start < from {
            break;
        }
        begin -= 1;
    }
    if begin > 0 && people[begin - 1].start >= from {
        begin = people[..begin].partition_point(|m| m.start < from);
    }
    let mut in_view = people[begin..end].iter().map(|m| m.entity);
    let first = in_view.next()?;
    in_view.all(|e| e == first).then_some(first)
}

/// The start of the sentence before the one containing `at` (in paragraph `pi`), which may be the
/// last sentence of the previous paragraph.
fn previous_sentence_start(paragraphs: &[Paragraph], pi: usize, at: u32) -> u32 {
    let p = &paragraphs[pi];
    let si = p.sentence_at(at).unwrap_or(0);
    if si > 0 {
        return p.facts.sentences[si - 1].start + p.offset();
    }
    match pi.checked_sub(1).map(|q| &paragraphs[q]) {
        Some(prev) => prev.facts.sentences.last().map_or(prev.span.start, |s| s.start + prev.offset()),
        None => p.span.start,
    }
}

const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "its", "his", "her", "their", "our"];
const FREE_MODIFIERS: &[&str] = &["top", "senior", "chief", "former", "veteran", "new", "then", "acting"];

impl<'a> Salience<'a> {
    fn new(
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
            entities,
            paragraphs,
            people,
            last_speaker: None,
            names,
            people_at: OnceCell::new(),
            surnames: OnceCell::new(),
            he_compatible,
            she_compatible,
            titled: OnceCell::new(),
            organizations: OnceCell::new(),
            described: FxHashMap::default(),
        }
    }

    fn people_at(&self) -> &PeopleAt {
        self.people_at.get_or_init(|| PeopleAt::new(self.entities.len(), &self.people))
    }

    /// Built once per analysis: a scan of every person per mention costs more in long drafts.
    fn surnames(&self) -> &FxHashMap<String, usize> {
        self.surnames.get_or_init(|| {
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

    /// Each titled person's title, its words (split at white space) lowercased.
    fn titled(&self) -> &WordLists {
        self.titled.get_or_init(|| {
            let mut lists = WordLists::default();
            for (i, e) in self.entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Person) {
                // A title with no words fits no description.
                let Some(title) = e.title.as_deref().filter(|t| t.split_whitespace().next().is_some()) else {
                    continue;
                };
                let from = lists.text.len();
                for (k, w) in title.split_whitespace().enumerate() {
                    if k > 0 {
                        lists.text.push(' ');
                    }
                    push_lowercase(&mut lists.text, w);
                }
                lists.push(i, from);
            }
            lists
        })
    }

    /// Each organisation's name lowercased, its words split at spaces.
    fn organizations(&self) -> &WordLists {
        self.organizations.get_or_init(|| {
            let mut lists = WordLists::default();
            for (i, e) in self.entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Organization) {
                let from = lists.text.len();
                push_lowercase(&mut lists.text, &e.name);
                lists.push(i, from);
            }
            lists
        })
    }

    fn resolve_mention(&mut self, text: &str, mention: Span, par: usize) -> (Option<usize>, MentionKind) {
        let raw = mention.text(text);
        // A person named anywhere in the mention (`Stephen Vladeck of the University of Texas`):
        // the first one.
        // Not a possessor or modifier of the phrase (`Clinton campaign manager Robby Mook`).
        let speaker = |e: &Entity, m: Span| e.kind == EntityKind::Person && !qualifies_another(text, mention, m);
        if let Some(e) = self.names.first_overlapping(self.entities, mention, speaker) {
            return (Some(e), MentionKind::Name);
        }
        // Otherwise a name if its last word is part of a name: `Reuters`, but not the `Russian`
        // of `the top Russian diplomat`.
        let trimmed = raw.trim_end_matches(|c: char| !c.is_alphanumeric());
        let last_start = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let head = Span { start: mention.start + last_start as u32, end: mention.start + trimmed.len() as u32 };
        if let Some(e) = self.names.entity_at(self.entities, head) {
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
        }
        if let Some(e) = self.by_surname(&words) {
            return (Some(e), MentionKind::Name);
        }
        (self.description(&words, mention.start, par), MentionKind::Description)
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
            Pronoun::He => self.salient(at, par, &self.he_compatible),
            Pronoun::She => self.salient(at, par, &self.she_compatible),
            Pronoun::They | Pronoun::It => {
                let (e, _) = self.last_speaker?;
                (self.entities[e].kind == EntityKind::Organization).then_some(e)
            }
        }
    }

    fn description(&mut self, words: &[String], at: u32, par: usize) -> Option<usize> {
        let content: Vec<&str> = words.iter().map(String::as_str).filter(|w| !DETERMINERS.contains(w)).collect();
        content.last()?;
        let key = content.join(" ");
        if !self.described.contains_key(&key) {
            let fitting = self.described_by(&content);
            self.described.insert(key.clone(), fitting);
        }
        let fitting = self.described.get(&key).map(Vec::as_slice).unwrap_or_default();
        if fitting.is_empty() {
            // Nothing fits: `salient` would find nothing either.
            return None;
        }
        self.salient(at, par, fitting)
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
        if !lx.is_role_word(head) {
            return Vec::new();
        }
        // Nationality and place words in the description must agree with the title's, if it has any.
        let origin: Vec<&str> = content.iter().copied().filter(|w| lx.is_demonym(w) || lx.is_place(w)).collect();
        let modifiers: Vec<&str> = content[..content.len() - 1]
            .iter()
            .copied()
            .filter(|w| !FREE_MODIFIERS.contains(w) && !origin.contains(w))
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
        self.titled().with_any(heads).filter_map(|(i, ws)| fits(ws).then_some(i)).collect()
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
mod tests {
    use super::sort_by_start;
    use proptest::prelude::*;

    proptest! {
        /// Ties (many mentions at one start) keep their sequence order, as the comparison sort of
        /// the packed keys leaves them.
        #[test]
        fn radix_sort_sorts_as_sort_unstable(starts in prop::collection::vec(any::<u32>(), 0..3000), narrow in any::<bool>()) {
            let keys: Vec<u64> = starts
                .iter()
                .enumerate()
                .map(|(seq, &s)| (u64::from(if narrow { s % 300 } else { s }) << 32) | seq as u64)
                .collect();
            let mut radix = keys.clone();
            sort_by_start(&mut radix);
            let mut expected = keys;
            expected.sort_unstable();
            prop_assert_eq!(radix, expected);
        }
    }
}
