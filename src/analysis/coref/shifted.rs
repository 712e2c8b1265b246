//! Coreference's whole-draft passes over the names, kept from one analysis to the next when the
//! entity pass's result is the last one moved ([`EntityMove`]): the name index and the people list
//! are the last ones shifted, and gender learning re-reads only the windows an edit may have
//! changed, re-combining its tallies (a sum, not a re-scan).
//!
//! The edit's **band** is the stretch of the new text outside which everything those passes read
//! is the same as before, at the same place or moved by the edit's length: the text (the analysis's
//! one comparison, [`crate::analysis::Unchanged`]), the outer quotations (compared from both ends; those that differ
//! widen the band) and the name mentions (the entity pass moved them; each one outside the band is
//! checked to sit where the text moved it). Then:
//! - a mention's place in the people list ([`Seat`]) reads the text from its start to the next
//!   mention's start, and after its end to the first word after the next space ([`reach`]): kept
//!   when that lies outside the band;
//! - a mention's title mark reads the lines holding it ([`super::gender::learn_genders`]): kept when
//!   those lines lie outside the band;
//! - a pronoun's vote reads its paragraph and the one before: kept when both paragraphs are the
//!   same (the same facts, at the same place or moved) and lie outside the band widened to the
//!   people whose seats were read again.
//!
//! Anything else (a paragraph added, a mention out of order) runs the passes afresh.

use std::sync::Arc;

use super::clues::{is_employer, is_possessive};
use super::gender::{self, add_mark, cast_votes, remove_mark, title_mark, Cast, Tallies};
use super::index::{NameIndex, QuoteCursor};
use super::PersonMention;
use crate::analysis::entities::{Entity, EntityKind, EntityMove, Pronoun};
use crate::analysis::paragraph::Paragraph;
use crate::analysis::span::Span;
use crate::analysis::{TextEdit, Unchanged};

/// Where a name mention stands in the people list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Seat {
    /// Not a person's, inside a quotation, or an employer (`McConnell spokesman Don Stewart`).
    Out,
    Person,
    /// A possessor (`Comey's recommendation`), kept apart.
    Possessor,
}

/// The seat of name mention `i` of `names`. `quoted` is asked in order of mention start.
pub(super) fn seat(text: &str, names: &NameIndex, entities: &[Entity], i: usize, quoted: &mut QuoteCursor<'_>) -> Seat {
    let (start, end, e) = names.mentions[i];
    if entities[e].kind != EntityKind::Person || quoted.inside(start) {
        return Seat::Out;
    }
    // `Comey's recommendation ... but he`: a possessor is rarely the next pronoun's referent;
    // nor is the employer in `McConnell spokesman Don Stewart`.
    let next = names.mentions.get(i + 1).filter(|n| entities[n.2].kind == EntityKind::Person && n.2 != e);
    if next.is_some_and(|n| is_employer(text, end, n.0)) {
        return Seat::Out;
    }
    if is_possessive(text, end) {
        // Not part of a longer name: `the St Enoch's Shopping Centre`.
        let owned = text.get(end as usize..).and_then(|r| r.split_once(' ')).map_or("", |(_, w)| w);
        // Nor the employer of a person named just after (`Plaid Cymru's spokesman Dai Lloyd`).
        let suffix = if text.get(end as usize..).is_some_and(|r| r.starts_with("'s")) { 2 } else { 4 };
        let employs = next.is_some_and(|n| is_employer(text, end + suffix, n.0));
        if !owned.starts_with(char::is_uppercase) && !employs {
            return Seat::Possessor;
        }
        return Seat::Out;
    }
    Seat::Person
}

/// The people and the possessors of the seats, in order of mention.
pub(super) fn people_of(names: &NameIndex, seats: &[Seat]) -> (Vec<PersonMention>, Vec<PersonMention>) {
    let mut people = Vec::with_capacity(seats.len());
    let mut possessors = Vec::new();
    for (&(start, _, entity), seat) in names.mentions.iter().zip(seats) {
        match seat {
            Seat::Person => people.push(PersonMention { start, entity }),
            Seat::Possessor => possessors.push(PersonMention { start, entity }),
            Seat::Out => {}
        }
    }
    (people, possessors)
}

/// Where [`seat`] of a mention ending at `end` stops reading, with the next mention starting at
/// `next`: past the next mention's start, and past the first word after the first space after the
/// name (`'s` and the word it owns). A bound, not the exact reach: the text's end if no space follows.
fn reach(text: &str, end: u32, next: Option<u32>) -> usize {
    let bytes = text.as_bytes();
    let from = (end as usize).min(bytes.len());
    let Some(space) = memchr::memchr(b' ', &bytes[from..]).map(|i| from + i) else { return text.len() };
    let word_end = text[space + 1..].find(|c: char| !c.is_alphabetic()).map_or(text.len(), |i| space + 1 + i);
    // One character past the space (`owned.starts_with`) is at most four bytes.
    word_end.max(space + 5).max(next.map_or(0, |n| n as usize))
}

/// Each entity's pronoun and name, as gender learning leaves them (before any later pass).
pub(super) fn decided(entities: &[Entity]) -> Vec<(Option<Pronoun>, Arc<str>)> {
    entities.iter().map(|e| (e.pronoun, e.name.clone())).collect()
}

/// What the last analysis's passes built, with what they read.
pub(super) struct LastPass {
    text: Arc<String>,
    /// Shared with the other memos of the same analysis.
    paragraphs: Arc<Vec<Paragraph>>,
    quotes: Vec<Span>,
    mentions: Vec<(u32, u32, usize)>,
    /// The name index's `sorted`.
    sorted: bool,
    seats: Vec<Seat>,
    tallies: Tallies,
    /// Each entity's pronoun as gender learning decided it, and its name.
    decided: Vec<(Option<Pronoun>, Arc<str>)>,
}

impl LastPass {
    /// Keeps this analysis's passes for the next. `decided` is each entity's pronoun as gender
    /// learning left it ([`decided`]), and its name.
    pub(super) fn new(
        text: &Arc<String>,
        paragraphs: &Arc<Vec<Paragraph>>,
        quotes: &[Span],
        (mentions, sorted): (Vec<(u32, u32, usize)>, bool),
        seats: Vec<Seat>,
        tallies: Tallies,
        decided: Vec<(Option<Pronoun>, Arc<str>)>,
    ) -> LastPass {
        LastPass { text: Arc::clone(text), paragraphs: Arc::clone(paragraphs), quotes: quotes.to_vec(), mentions, sorted, seats, tallies, decided }
    }
}

/// The passes' results for the new version, from the last ones.
pub(super) struct Shifted {
    pub(super) names: NameIndex,
    pub(super) seats: Vec<Seat>,
    pub(super) people: Vec<PersonMention>,
    pub(super) possessors: Vec<PersonMention>,
    /// The analysis's comparison of the two texts, when it proves the entities the last ones
    /// moved with the text: every name mention's span is its last one through
    /// [`Unchanged::span`] (so the same words), the entities' names, kinds and titles are the
    /// last ones (the entity pass moved them whole, and read a name again only where the text
    /// changed), and every seat is the last one, so the people and possessors are the last ones
    /// moved too. The walk and the role memo then need not compare them ([`super::walk`]).
    pub(super) proof: Option<Proof>,
    band: Band,
    last: LastPass,
}

/// That the entities are the last analysis's moved with the text ([`Shifted::proof`]).
#[derive(Clone)]
pub(super) struct Proof {
    /// The last analysis's text.
    from: Arc<String>,
    unchanged: Unchanged,
}

impl Proof {
    /// The comparison the proof holds through, if `last` is the text it was made from and
    /// `unchanged` the comparison a memo of it reads by.
    pub(super) fn through(&self, last: &Arc<String>, unchanged: &Unchanged) -> bool {
        self.made_from(last) && self.unchanged == *unchanged
    }

    /// Whether `last` is the text the proof was made from: the entities are then the ones of
    /// the analysis of `last`, with the same kinds, names and titles.
    pub(super) fn made_from(&self, last: &Arc<String>) -> bool {
        Arc::ptr_eq(&self.from, last)
    }

    pub(super) fn unchanged(&self) -> &Unchanged {
        &self.unchanged
    }
}

/// The band in the new text's offsets, `[start, end)`, and how far the text after it moved.
#[derive(Debug, Clone, Copy)]
struct Band {
    start: u32,
    end: u32,
    delta: i64,
}

impl Band {
    fn moved(&self, old: u32) -> u32 {
        (old as i64 + self.delta) as u32
    }
}

/// The name index and people list of the new version, shifted from the last, if the entity pass
/// moved its last result (`moved`) and everything the passes read outside the band is the same.
pub(super) fn shift(
    mut last: LastPass,
    moved: &EntityMove,
    edit: Option<&TextEdit>,
    text: &Arc<String>,
    paragraphs: &[Paragraph],
    quotes: &[Span],
    entities: &[Entity],
) -> Option<Shifted> {
    if !Arc::ptr_eq(&moved.from, &last.text) || !Arc::ptr_eq(&moved.to, text) || paragraphs.len() != last.paragraphs.len() {
        return None;
    }
    // The analysis's own comparison of these very texts, when it made one.
    let u = TextEdit::unchanged_between(edit, &last.text, text);
    let delta = u.delta();
    let old_tail = (u.old_end()) as u32;
    let mut band = Band { start: u.prefix as u32, end: (u.new_end()) as u32, delta };
    // Outer quotations: those the same at both ends; the others lie in the band.
    let (old_q, new_q) = (&last.quotes, quotes);
    let common = old_q.len().min(new_q.len());
    let front = old_q.iter().zip(new_q).take_while(|(o, n)| o == n && n.end <= band.start).count();
    let back = old_q
        .iter()
        .rev()
        .zip(new_q.iter().rev())
        .take(common - front)
        .take_while(|(o, n)| o.start >= old_tail && band.moved(o.start) == n.start && band.moved(o.end) == n.end)
        .count();
    let (old_mid, new_mid) = (&old_q[front..old_q.len() - back], &new_q[front..new_q.len() - back]);
    for q in new_mid {
        band.start = band.start.min(q.start);
        band.end = band.end.max(q.end);
    }
    for q in old_mid {
        band.start = band.start.min(q.start);
        if q.end >= old_tail {
            band.end = band.end.max(band.moved(q.end));
        }
    }
    // The mentions, moved as the entity pass moved them; in the same order if still sorted.
    // Moved in place: the last list, not a fresh one (a fresh allocation of that size costs its
    // pages' faults on every keystroke).
    let mut mentions = std::mem::take(&mut last.mentions);
    let mut longest = 0;
    let mut prev: Option<(u32, u32)> = None;
    let mut proven = true;
    for m in &mut mentions {
        let (start, end, e) = *m;
        let s = moved.span(Span { start, end });
        // Sorted by start, then by sequence: the last order holds if the starts still ascend and
        // ties are the same ties.
        if let Some((ps, old_ps)) = prev {
            if s.start < ps || (s.start == ps) != (start == old_ps) {
                return None;
            }
        }
        // Outside the band, a mention sits where the text moved it.
        let (before, after) = (s.end <= band.start, s.start >= band.end);
        if (before && s != Span { start, end }) || (after && (start < old_tail || band.moved(start) != s.start || band.moved(end) != s.end)) {
            return None;
        }
        // Outside the band, the test above is that of `u.span` (the band holds the edited stretch).
        if !before && !after && u.span(Span { start, end }) != Some(s) {
            proven = false;
        }
        prev = Some((s.start, start));
        longest = longest.max(s.end.saturating_sub(s.start));
        *m = (s.start, s.end, e);
    }
    // Moved with the text, each entity's mentions keep the order of their ends (a span before
    // the edited stretch ends before one after it starts), and are all names (as the entity
    // pass makes them): no entity's list need be read.
    #[cfg(test)]
    assert!(entities.iter().all(|ent| ent.mentions.iter().all(|m| m.kind == crate::analysis::entities::MentionKind::Name)));
    let sorted = if proven { last.sorted } else { entities.iter().all(|ent| ent.mentions.windows(2).all(|w| w[0].span.end <= w[1].span.end)) };
    let names = NameIndex { mentions, longest, sorted };
    // Seats: those of mentions in the band or reading into it are read again. A mention starting
    // at or after the band reads only text after it; before it, walk back from the band to a
    // mention that reads nothing of it (then every mention before it that ends no later reads
    // less far: its first space comes no later, and its next mention starts before the band),
    // and past the mentions that may end after that one's end (a longer name around a shorter).
    let first_after = names.mentions.partition_point(|m| m.0 < band.end);
    let reads_band = |i: usize| -> bool {
        let (start, end, _) = names.mentions[i];
        let next = names.mentions.get(i + 1).map(|m| m.0);
        start >= band.start || end > band.start || reach(text, end, next) >= band.start as usize
    };
    let mut from = first_after;
    let mut bound: Option<u32> = None;
    for i in (0..first_after).rev() {
        let (start, end, _) = names.mentions[i];
        if bound.is_some_and(|b| start < b) {
            break;
        }
        if reads_band(i) {
            from = i;
        } else if bound.is_none() {
            bound = Some(end.saturating_sub(longest));
        }
    }
    let mut seats = std::mem::take(&mut last.seats);
    if seats.len() != names.mentions.len() {
        return None;
    }
    let mut quoted = QuoteCursor::starting_at(quotes, names.mentions.get(from).map_or(0, |m| m.0));
    for (k, slot) in seats.iter_mut().enumerate().take(first_after).skip(from) {
        let now = seat(text, &names, entities, k, &mut quoted);
        proven &= now == *slot;
        *slot = now;
    }
    let (people, possessors) = people_of(&names, &seats);
    #[cfg(test)]
    tests::check_shift(text, &names, &seats, quotes, entities, proven);
    // Widen the band to the people read again, for the votes.
    if let Some(m) = names.mentions.get(from) {
        band.start = band.start.min(m.0);
    }
    Some(Shifted { names, seats, people, possessors, proof: proven.then(|| Proof { from: Arc::clone(&last.text), unchanged: u }), band, last })
}

impl Shifted {
    /// Gender learning's tallies for the new version, with each person's pronoun set: the last
    /// ones with the windows the band touches read again. Returns what to keep.
    pub(super) fn learn_genders(
        &mut self,
        text: &str,
        paragraphs: &[Paragraph],
        quotes: &[Span],
        entities: &mut [Entity],
    ) -> (Tallies, Vec<(Option<Pronoun>, Arc<str>)>) {
        let band = self.band;
        let last = &mut self.last;
        let mut tallies = std::mem::take(&mut last.tallies);
        let mut touched: Vec<u32> = Vec::new();
        // Title windows: the lines holding a mention.
        let bytes = text.as_bytes();
        let line_before = memchr::memrchr(b'\n', &bytes[..band.start as usize]).map_or(0, |i| i as u32);
        let line_after = memchr::memchr(b'\n', &bytes[band.end as usize..]).map_or(u32::MAX, |i| band.end + i as u32);
        let mentions = &self.names.mentions;
        let longest = self.names.longest;
        // Before `a`, a mention ends before the line break before the band; from `b` on, it
        // starts after the line break after it.
        let a = mentions.partition_point(|m| m.0.saturating_add(longest) < line_before);
        let b = mentions.partition_point(|m| m.0 <= line_after);
        if a < b {
            let mut titles = gender::title_memo::TitleReader::new(text, paragraphs);
            for k in a..b {
                let (start, end, e) = mentions[k];
                let mark = title_mark(&mut titles, entities, start, end, e);
                let old = tallies.titles[k];
                if mark != old {
                    remove_mark(&mut tallies.honorifics[e], old);
                    add_mark(&mut tallies.honorifics[e], mark);
                    tallies.titles[k] = mark;
                    touched.push(e as u32);
                }
            }
        }
        // Vote windows: a paragraph and the one before it.
        let same_before = |i: usize| {
            let (o, p) = (&last.paragraphs[i], &paragraphs[i]);
            Arc::ptr_eq(&o.facts, &p.facts) && o.span == p.span && p.span.end <= band.start
        };
        let p0 = (0..paragraphs.len()).find(|&i| !same_before(i)).unwrap_or(paragraphs.len());
        // Moved with the text after the band, and wholly after it.
        let same_after = |i: usize| {
            let (o, p) = (&last.paragraphs[i], &paragraphs[i]);
            Arc::ptr_eq(&o.facts, &p.facts)
                && band.moved(o.span.start) == p.span.start
                && band.moved(o.span.end) == p.span.end
                && p.span.start >= band.end
        };
        // From `p1` on, each paragraph and the one before it are moved.
        let mut p1 = paragraphs.len();
        while p1 > p0 && same_after(p1 - 1) && (p1 == 1 || same_after(p1 - 2)) {
            p1 -= 1;
        }
        let (old_from, old_to) = (
            last.paragraphs.get(p0).map_or(u32::MAX, |p| p.span.start),
            last.paragraphs.get(p1).map_or(u32::MAX, |p| p.span.start),
        );
        let old_a = tallies.casts.partition_point(|c| c.at < old_from);
        let old_b = tallies.casts.partition_point(|c| c.at < old_to);
        let mut fresh: Vec<Cast> = Vec::new();
        if p0 < p1 {
            cast_votes(text, paragraphs, p0..p1, quotes, &self.people, &mut |c| fresh.push(c));
        }
        for c in &tallies.casts[old_a..old_b] {
            remove_mark(&mut tallies.votes[c.entity as usize], c.mark);
            touched.push(c.entity);
        }
        for c in &fresh {
            add_mark(&mut tallies.votes[c.entity as usize], c.mark);
            touched.push(c.entity);
        }
        let mut casts = Vec::with_capacity(tallies.casts.len() - (old_b - old_a) + fresh.len());
        casts.extend_from_slice(&tallies.casts[..old_a]);
        casts.extend(fresh);
        casts.extend(tallies.casts[old_b..].iter().map(|c| Cast { at: band.moved(c.at), ..*c }));
        tallies.casts = casts;
        // Decide again for the people whose tallies changed or whose name did.
        let mut decided = std::mem::take(&mut last.decided);
        touched.sort_unstable();
        touched.dedup();
        for &e in &touched {
            let e = e as usize;
            if entities[e].kind == EntityKind::Person {
                decided[e].0 = gender::decide(tallies.honorifics[e], tallies.votes[e], gender::of_given_name(&entities[e].name));
            }
        }
        for (e, (ent, (pronoun, name))) in entities.iter_mut().zip(decided.iter_mut()).enumerate() {
            if ent.kind != EntityKind::Person {
                continue;
            }
            if !crate::analysis::same_text(name, &ent.name) {
                *name = ent.name.clone();
                *pronoun = gender::decide(tallies.honorifics[e], tallies.votes[e], gender::of_given_name(&ent.name));
            }
            ent.pronoun = *pronoun;
        }
        #[cfg(test)]
        tests::check_tallies(text, paragraphs, quotes, &self.names, &self.people, entities, &tallies);
        (tallies, decided)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::analysis::layout::Format;
    use crate::analysis::random_edits::RandomEdits;
    use crate::analysis::{analyze, Analyzer};

    thread_local! {
        /// How many analyses of this thread took the shifted path.
        static SHIFTED: Cell<usize> = const { Cell::new(0) };
        /// How many of those proved the entities the last ones moved with the text.
        static PROVEN: Cell<usize> = const { Cell::new(0) };
    }

    /// The shifted name index and seats are what a fresh build gives.
    pub(super) fn check_shift(text: &str, names: &NameIndex, seats: &[Seat], quotes: &[Span], entities: &[Entity], proven: bool) {
        let fresh = NameIndex::new(entities);
        assert_eq!((&fresh.mentions, fresh.longest, fresh.sorted), (&names.mentions, names.longest, names.sorted));
        let mut quoted = QuoteCursor::new(quotes);
        let fresh: Vec<Seat> = (0..names.mentions.len()).map(|i| seat(text, names, entities, i, &mut quoted)).collect();
        assert_eq!(fresh, seats, "{text:?}");
        SHIFTED.with(|n| n.set(n.get() + 1));
        PROVEN.with(|n| n.set(n.get() + usize::from(proven)));
    }

    /// The re-combined tallies and the pronouns decided from them are what a fresh reading gives.
    pub(super) fn check_tallies(
        text: &str,
        paragraphs: &[Paragraph],
        quotes: &[Span],
        names: &NameIndex,
        people: &[PersonMention],
        entities: &[Entity],
        tallies: &Tallies,
    ) {
        let mut fresh_entities = entities.to_vec();
        let mut fresh = Tallies::default();
        gender::learn_genders(text, paragraphs, quotes, names, people, &mut fresh_entities, false, Some(&mut fresh));
        assert_eq!(&fresh, tallies, "{text:?}");
        let pronouns = |es: &[Entity]| es.iter().map(|e| e.pronoun).collect::<Vec<_>>();
        assert_eq!(pronouns(&fresh_entities), pronouns(entities), "{text:?}");
    }

    /// People with titles, role nouns, given names of either gender, possessors, employers and
    /// pronouns in and out of quotations, over paragraphs an edit may join, split or requote.
    const DRAFT: &str = "Council vote\n\nMayor Lena Ortiz said on Monday she would sign the bill. Ortiz's aides agreed.\n\n\
\"We will not wait,\" Ortiz said. Tom Hale, her deputy, said he disagreed.\n\nHale told reporters he would resign. \
Clinton campaign manager Robby Mook said he was surprised.\n\nMs. Dana Reyes, a spokeswoman for the council, said she \
had no comment. \"He never asked,\" Reyes said.\n\nHis wife, Ana Hale, said he was tired. Mr. Patel said he agreed. \
Patel's office did not answer.\n\n\"She is right,\" he said. Reyes and Ortiz met later; she left first.\n\n\
Jordan Lee said he would run. Lee's father, Sam Lee, said he was proud.\n";

    /// Text typed or pasted: names, titles, pronouns, quotation marks and breaks.
    const TYPED: &[&str] = &[
        "x", " ", "\n", "\n\n", ",", ".", "\"", "Mr. ", "Ms. ", " he", " she", " he said.", "'s", "Hale",
        "Ortiz", "Ana Lopez", ", his wife,", "spokeswoman ", " and ", "\u{201c}", "\u{201d}", "\nBy ", " by ", "By Ana Lopez\n",
    ];

    /// Edits `DRAFT` at random, comparing a warm analysis with a fresh one after each edit; the
    /// shifted path's own cross-checks (above) run inside the warm one.
    fn warm_equals_fresh(seed: u64, edits: usize, draft: &str) -> (usize, usize) {
        let mut rng = RandomEdits::new(seed);
        let mut text = draft.to_string();
        let mut analyzer = Analyzer::default();
        analyzer.analyze(&text, Format::Plain);
        SHIFTED.with(|n| n.set(0));
        PROVEN.with(|n| n.set(0));
        for _ in 0..edits {
            let before = text.clone();
            rng.cut_or_insert(&mut text, TYPED, 6);
            let warm = format!("{:?}", analyzer.analyze(&text, Format::Plain));
            assert!(warm == format!("{:?}", analyze(&text, Format::Plain)), "BEFORE {before:?}\nAFTER {text:?}");
        }
        (SHIFTED.with(|n| n.get()), PROVEN.with(|n| n.get()))
    }

    #[test]
    fn shifted_passes_equal_fresh_ones_after_random_edits() {
        let (mut shifted, mut proven) = (0, 0);
        for seed in 1..=12u64 {
            let (s, p) = warm_equals_fresh(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15), 60, DRAFT);
            shifted += s;
            proven += p;
        }
        assert!(shifted > 200, "most edits change no name, so most analyses shift: {shifted}");
        // Most of those leave every name where the text moved it: the walk and the role memo
        // take the proof (checked against their own comparisons inside the warm analyses).
        assert!(proven > 100, "{proven} of {shifted}");
    }

    /// Typing at the end of a paragraph whose successor opens with a name (`surprised.x` before
    /// `Ms. Dana Reyes`) keeps the last continued voices: the courtesy title read back from a name
    /// never crosses a line break. Typing just before a name on its own line (`said.x Tom Hale`)
    /// does not keep them. Each warm analysis equals a fresh one (and, inside, the kept voices
    /// equal the pass run again).
    #[test]
    fn continued_voices_kept_across_a_line_break_before_a_name() {
        let reused = || super::super::voices::REUSED.with(|n| n.get());
        let mut text = DRAFT.repeat(2);
        let mut analyzer = Analyzer::default();
        analyzer.analyze(&text, Format::Plain);
        let mut type_at = |text: &mut String, at: usize| {
            text.insert(at, 'x');
            let before = reused();
            let warm = format!("{:?}", analyzer.analyze(text, Format::Plain));
            assert!(warm == format!("{:?}", analyze(text, Format::Plain)), "{text:?}");
            reused() - before
        };
        let end_of_paragraph = text.rfind("surprised.").unwrap() + "surprised.".len();
        let kept: usize = (0..3).map(|i| type_at(&mut text, end_of_paragraph + i)).sum();
        assert_eq!(kept, 3);
        let before_name = text.rfind(" Tom Hale").unwrap();
        assert_eq!(type_at(&mut text, before_name), 0);
    }

    /// As above, with paragraphs that open with a no-break space (not whole lines) and with the
    /// draft repeated, so that edits fall far from both ends.
    #[test]
    fn shifted_passes_equal_fresh_ones_in_a_longer_indented_draft() {
        let draft = DRAFT.replace("\n\n", "\n\n\u{a0}").repeat(3);
        let voices_before = super::super::voices::REUSED.with(|n| n.get());
        let (shifted, proven) = warm_equals_fresh(0x2545_f491_4f6c_dd1d, 150, &draft);
        assert!(shifted > 50 && proven > 25, "{shifted} {proven}");
        // Edits far from every name and speaker keep the last continued voices.
        let voices = super::super::voices::REUSED.with(|n| n.get()) - voices_before;
        assert!(voices > 10, "{voices}");
    }
}
