//! What the draft and its names say about a person's pronoun: a courtesy title (`Mr. Hale`,
//! `Ms. Ruiz`), the `he`/`she` the draft itself uses for them, and their given name.

pub(crate) mod evidence;
pub(crate) mod title_memo;

use super::subjects::subject_like_in;
use super::index::{NameIndex, QuoteCursor};
use super::PersonMention;
use crate::analysis::entities::{CandidateKind, Entity, EntityKind, Pronoun};
use crate::analysis::lexicon::push_lowercase;
use crate::analysis::paragraph::Paragraph;
use crate::analysis::span::Span;

/// Given names borne mostly by men or mostly by women, with the share of their bearers of that
/// sex, one a line (`aaron\tm\t0.9913`): `data/names/given-names.tsv`, made from public-domain
/// census lists by `scripts/given_name_genders.py`, sorted by name (a test checks).
const GIVEN_NAMES_TSV: &str = include_str!("../../../data/names/given-names.tsv");

/// A name of [`GIVEN_NAMES_TSV`]: where it starts and how long it is, its sex (`true`: `m`) and
/// its share in ten-thousandths (`0.9913` is 9913; every share has four decimals).
type GivenName = (u32, u8, bool, u16);

/// The table's names, read when the program is compiled, with a hash index over them: a name is
/// one hash and a probe or two, and a process that checks one short draft does not parse and
/// hash all 5,000 names at start (that cost about 5 M instructions).
const GIVEN_NAME_INDEX: [GivenName; GIVEN_NAME_COUNT] = given_name_index(GIVEN_NAMES_TSV.as_bytes());
static GIVEN_NAMES: [GivenName; GIVEN_NAME_COUNT] = GIVEN_NAME_INDEX;

/// Open addressing, linear probing: a slot holds an index into [`GIVEN_NAMES`] or `u16::MAX`.
const GIVEN_NAME_SLOTS: usize = 16_384;
static GIVEN_NAME_HASH: [u16; GIVEN_NAME_SLOTS] = given_name_slots(GIVEN_NAMES_TSV.as_bytes(), &GIVEN_NAME_INDEX);

/// The lines of the table that hold a name: not empty, not a `#` comment.
const GIVEN_NAME_COUNT: usize = {
    let b = GIVEN_NAMES_TSV.as_bytes();
    let (mut i, mut count, mut at_line_start) = (0, 0, true);
    while i < b.len() {
        if at_line_start && b[i] != b'#' && b[i] != b'\n' {
            count += 1;
        }
        at_line_start = b[i] == b'\n';
        i += 1;
    }
    count
};

/// Each name line `name\tm\t0.9913`, read at compile time (a malformed line fails the build).
const fn given_name_index(b: &[u8]) -> [GivenName; GIVEN_NAME_COUNT] {
    let mut index = [(0u32, 0u8, false, 0u16); GIVEN_NAME_COUNT];
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        let start = i;
        while i < b.len() && b[i] != b'\n' {
            i += 1;
        }
        if i > start && b[start] != b'#' {
            let mut tab = start;
            while b[tab] != b'\t' {
                tab += 1;
            }
            let f = tab + 1;
            assert!(
                tab > start && tab - start < 256 && i - f == 8 && (b[f] == b'm' || b[f] == b'f') && b[f + 1] == b'\t' && b[f + 2] == b'0' && b[f + 3] == b'.',
                "given-names.tsv: each line is a name, a tab, m or f, a tab and a share such as 0.9913"
            );
            let mut share = 0u16;
            let mut d = f + 4;
            while d < i {
                assert!(b[d].is_ascii_digit(), "given-names.tsv: a share's decimals are digits");
                share = share * 10 + (b[d] - b'0') as u16;
                d += 1;
            }
            index[n] = (start as u32, (tab - start) as u8, b[f] == b'm', share);
            n += 1;
        }
        i += 1;
    }
    index
}

/// FNV-1a of `b[from..to]`, the same at compile time and at run time.
const fn given_name_hash(b: &[u8], from: usize, to: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = from;
    while i < to {
        h ^= b[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h as usize & (GIVEN_NAME_SLOTS - 1)
}

const fn given_name_slots(b: &[u8], names: &[GivenName; GIVEN_NAME_COUNT]) -> [u16; GIVEN_NAME_SLOTS] {
    let mut slots = [u16::MAX; GIVEN_NAME_SLOTS];
    let mut n = 0;
    while n < GIVEN_NAME_COUNT {
        let (start, len) = (names[n].0 as usize, names[n].1 as usize);
        let mut slot = given_name_hash(b, start, start + len);
        while slots[slot] != u16::MAX {
            slot = (slot + 1) & (GIVEN_NAME_SLOTS - 1);
        }
        slots[slot] = n as u16;
        n += 1;
    }
    slots
}

/// The name of an entry of [`GIVEN_NAMES`].
fn given_name_at(&(start, len, _, _): &GivenName) -> &'static str {
    &GIVEN_NAMES_TSV[start as usize..start as usize + len as usize]
}

/// The sex and share of a lowercase given name on the table.
fn given_name_entry(lower: &str) -> Option<(Pronoun, f32)> {
    let b = lower.as_bytes();
    let mut slot = given_name_hash(b, 0, b.len());
    loop {
        let entry @ &(_, _, male, share) = GIVEN_NAMES.get(usize::from(GIVEN_NAME_HASH[slot]))?;
        if given_name_at(entry) == lower {
            // Both this and parsing `0.9913` round 9913/10000 to the nearest f32 (a test checks).
            let share = f32::from(share) / 10_000.0;
            return Some((if male { Pronoun::He } else { Pronoun::She }, share));
        }
        slot = (slot + 1) & (GIVEN_NAME_SLOTS - 1);
    }
}

/// The pronoun a given name points to, and the share of the name's bearers who use it (census
/// counts), for a single lowercase or capitalised given name.
pub(crate) fn given_name_pronoun(given: &str) -> Option<(Pronoun, f32)> {
    let given = given.trim_end_matches('.');
    // Lowercased on the stack: this runs for every person on every analysis.
    let mut buf = [0u8; 24];
    if given.is_ascii() && given.len() <= buf.len() {
        let lower = &mut buf[..given.len()];
        lower.copy_from_slice(given.as_bytes());
        lower.make_ascii_lowercase();
        return given_name_entry(std::str::from_utf8(lower).ok()?);
    }
    let mut lower = String::new();
    push_lowercase(&mut lower, given);
    given_name_entry(&lower)
}

/// The pronoun a person's given name (the first word of a name of two or more words) points to.
pub(super) fn of_given_name(name: &str) -> Option<Pronoun> {
    let mut words = name.split_whitespace();
    let first = words.next()?.trim_end_matches('.');
    words.next()?;
    given_name_pronoun(first).map(|(p, _)| p)
}

/// Weighs what is known of one person: a courtesy title settles it; otherwise the draft's own
/// `he`/`she` votes (noisy: `she` after `A woman who accused Bill Clinton said ...` votes for him),
/// with the given name counting as two votes. A tie leaves it open.
pub(super) fn decide(honorific: [u32; 2], votes: [u32; 2], given: Option<Pronoun>) -> Option<Pronoun> {
    let [mr, ms] = honorific;
    if mr != ms {
        return Some(if mr > ms { Pronoun::He } else { Pronoun::She });
    }
    let [mut he, mut she] = votes;
    match given {
        Some(Pronoun::He) => he += 2,
        Some(Pronoun::She) => she += 2,
        _ => {}
    }
    match he.cmp(&she) {
        std::cmp::Ordering::Greater => Some(Pronoun::He),
        std::cmp::Ordering::Less => Some(Pronoun::She),
        std::cmp::Ordering::Equal => None,
    }
}

/// Learns each person's pronoun ([`decide`]). Each `he`/`she` outside quotation marks votes
/// for a person when exactly one person is named (outside quotation marks, not as a possessor) in
/// its sentence before it, or else between the start of the previous sentence and the pronoun:
/// `Lavrov said he had invited ...`. With two people in view the pronoun is ambiguous and does not
/// vote. A courtesy title before any name mention (`Ms. Ortiz`) and the given name count too.
/// With `keep_titles`, the titles are read through each paragraph's [`title_memo::TitleMemo`].
pub(super) fn learn_genders(
    text: &str,
    paragraphs: &[Paragraph],
    quotes: &[Span],
    names: &NameIndex,
    people: &[PersonMention],
    entities: &mut [Entity],
    keep_titles: bool,
) {
    let mut honorifics: Vec<[u32; 2]> = vec![[0, 0]; entities.len()];
    // A draft read once (`check`) gains nothing from filling the paragraphs' title memos.
    let mut titles = title_memo::TitleReader::new(text, if keep_titles { paragraphs } else { &[] });
    for &(start, end, e) in &names.mentions {
        if entities[e].kind != EntityKind::Person {
            continue;
        }
        // The same courtesy titles and role nouns the inventory reports ([`evidence`]), read
        // from each unchanged paragraph's memo.
        match titles.pronoun(start, end) {
            Some(Pronoun::He) => honorifics[e][0] += 1,
            Some(Pronoun::She) => honorifics[e][1] += 1,
            _ => {}
        }
    }
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
            let found = sole_person(people, own_start, end).map(|(e, s)| (e, s, own_start)).or_else(|| {
                let from = previous_sentence_start(paragraphs, pi, at);
                sole_person(people, from, end).map(|(e, s)| (e, s, from))
            });
            // Only a person named as a subject: `A woman who accused Bill Clinton said ... She`
            // is not about him.
            let Some((first, _, _)) = found.filter(|&(_, name, sentence)| subject_like_in(text, paragraphs, sentence, name)) else {
                continue;
            };
            match pron {
                Pronoun::He => votes[first][0] += 1,
                Pronoun::She => votes[first][1] += 1,
                _ => {}
            }
        }
    }
    for (e, ent) in entities.iter_mut().enumerate() {
        if ent.kind == EntityKind::Person {
            ent.pronoun = decide(honorifics[e], votes[e], of_given_name(&ent.name));
        }
    }
}

/// The one person named from `from` up to the `end`th person mention, if exactly one is.
fn sole_person(people: &[PersonMention], from: u32, end: usize) -> Option<(usize, u32)> {
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
    let mut in_view = people[begin..end].iter();
    let first = in_view.next()?;
    in_view.all(|m| m.entity == first.entity).then_some((first.entity, first.start))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honorifics_and_given_names() {
        assert_eq!(of_given_name("Linda Park"), Some(Pronoun::She));
        assert_eq!(of_given_name("Gregory Park"), Some(Pronoun::He));
        // Borne by men and women alike, or a surname alone: no answer.
        assert_eq!(of_given_name("Leslie Park"), None);
        assert_eq!(of_given_name("Park"), None);
    }

    #[test]
    fn the_given_name_table_is_sorted_without_repeats_for_its_binary_search() {
        assert!(GIVEN_NAMES.len() > 1000);
        assert!(GIVEN_NAMES.windows(2).all(|w| given_name_at(&w[0]) < given_name_at(&w[1])), "sort given-names.tsv by name (LC_ALL=C)");
        // Every line is found by its name and gives what parsing it gives.
        let lines = GIVEN_NAMES_TSV.lines().filter(|l| !l.starts_with('#'));
        let mut read = 0;
        for line in lines {
            let mut fields = line.split('\t');
            let (name, sex, share) = (fields.next().unwrap(), fields.next().unwrap(), fields.next().unwrap());
            let want = (if sex == "m" { Pronoun::He } else { Pronoun::She }, share.parse::<f32>().unwrap());
            assert_eq!(given_name_entry(name).map(|(p, s)| (p, s.to_bits())), Some((want.0, want.1.to_bits())), "{line}");
            read += 1;
        }
        assert_eq!(read, GIVEN_NAMES.len());
        assert_eq!(given_name_pronoun("AARON").map(|(p, _)| p), Some(Pronoun::He));
        assert!(given_name_pronoun("Linda").is_some_and(|(p, share)| p == Pronoun::She && share > 0.9));
        assert_eq!(given_name_pronoun("Zzzq"), None);
    }

    #[test]
    fn a_title_outweighs_votes_and_a_tie_is_open() {
        assert_eq!(decide([0, 1], [3, 0], Some(Pronoun::He)), Some(Pronoun::She));
        assert_eq!(decide([0, 0], [1, 1], None), None);
        assert_eq!(decide([0, 0], [1, 2], Some(Pronoun::He)), Some(Pronoun::He));
        assert_eq!(decide([0, 0], [1, 4], Some(Pronoun::He)), Some(Pronoun::She));
    }
}
