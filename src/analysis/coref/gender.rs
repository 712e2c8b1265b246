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
/// With `keep_titles`, the titles are read through each paragraph's [`title_memo::TitleMemo`];
/// `kept`, when given, keeps what each window showed ([`Tallies`]).
///
/// # What a window's evidence may depend on
///
/// Learning reads the draft in two kinds of window, and after an edit [`super::shifted`] re-reads
/// only the windows the edit may have changed, keeping the others' tallies:
/// - **a name mention's title window**: whatever [`title_memo::title_clue`] reads (a courtesy
///   title, a role noun, and any evidence added to it) lies on the lines holding the mention,
///   from the line break before its start to the one after its end. A test
///   (`title_evidence_reads_only_the_lines_of_the_mention`) holds every evidence module to it.
/// - **a pronoun's vote window** ([`cast_votes`]): its paragraph and the paragraph before it: their
///   sentences and pronoun candidates (the paragraphs' facts), their text up to the pronoun (what
///   [`subject_like_in`] reads), the people named from the previous paragraph's start up to the
///   pronoun, and whether the pronoun is inside an outer quotation.
///
/// Evidence that reads farther than its window must widen the window here and in
/// [`super::shifted`], or the randomised equivalence tests (`coref::shifted`) find the difference.
#[allow(clippy::too_many_arguments)]
pub(super) fn learn_genders(
    text: &str,
    paragraphs: &[Paragraph],
    quotes: &[Span],
    names: &NameIndex,
    people: &[PersonMention],
    entities: &mut [Entity],
    keep_titles: bool,
    mut kept: Option<&mut Tallies>,
) {
    let mut honorifics: Vec<[u32; 2]> = vec![[0, 0]; entities.len()];
    // A draft read once (`check`) gains nothing from filling the paragraphs' title memos.
    let mut titles = title_memo::TitleReader::new(text, if keep_titles { paragraphs } else { &[] });
    if let Some(k) = kept.as_deref_mut() {
        k.titles.clear();
        k.titles.reserve(names.mentions.len());
    }
    for &(start, end, e) in &names.mentions {
        let mark = title_mark(&mut titles, entities, start, end, e);
        add_mark(&mut honorifics[e], mark);
        if let Some(k) = kept.as_deref_mut() {
            k.titles.push(mark);
        }
    }
    drop(titles);
    let mut votes: Vec<[u32; 2]> = vec![[0, 0]; entities.len()];
    let mut casts = Vec::new();
    cast_votes(text, paragraphs, 0..paragraphs.len(), quotes, people, &mut |c| {
        add_mark(&mut votes[c.entity as usize], c.mark);
        if kept.is_some() {
            casts.push(c);
        }
    });
    for (e, ent) in entities.iter_mut().enumerate() {
        if ent.kind == EntityKind::Person {
            ent.pronoun = decide(honorifics[e], votes[e], of_given_name(&ent.name));
        }
    }
    if let Some(k) = kept {
        k.casts = casts;
        k.honorifics = honorifics;
        k.votes = votes;
    }
}

/// What [`learn_genders`] read, window by window, with the sums it decided from.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Tallies {
    /// For each name mention of the [`NameIndex`], in order, its title window's mark ([`title_mark`]).
    pub(super) titles: Vec<u8>,
    /// The pronouns that voted, in document order.
    pub(super) casts: Vec<Cast>,
    /// Each entity's title marks summed, `[he, she]`.
    pub(super) honorifics: Vec<[u32; 2]>,
    /// Each entity's votes summed, `[he, she]`.
    pub(super) votes: Vec<[u32; 2]>,
}

/// A `he` or `she` that voted: where it is, for whom, and its mark ([`title_mark`]'s values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cast {
    pub(super) at: u32,
    pub(super) entity: u32,
    pub(super) mark: u8,
}

/// The mark a pronoun leaves on a tally: 0 none, 1 `he`, 2 `she`.
fn mark_of(p: Option<Pronoun>) -> u8 {
    match p {
        Some(Pronoun::He) => 1,
        Some(Pronoun::She) => 2,
        _ => 0,
    }
}

/// Adds a mark to a `[he, she]` tally.
pub(super) fn add_mark(tally: &mut [u32; 2], mark: u8) {
    if mark != 0 {
        tally[usize::from(mark - 1)] += 1;
    }
}

/// Takes a mark back from a `[he, she]` tally.
pub(super) fn remove_mark(tally: &mut [u32; 2], mark: u8) {
    if mark != 0 {
        tally[usize::from(mark - 1)] -= 1;
    }
}

/// The mark of the name mention `start..end` of entity `e`: the pronoun of its courtesy title or
/// role noun, for a person. Reads the mention's title window only.
pub(super) fn title_mark(titles: &mut title_memo::TitleReader<'_>, entities: &[Entity], start: u32, end: u32, e: usize) -> u8 {
    if entities[e].kind != EntityKind::Person {
        return 0;
    }
    // The same courtesy titles and role nouns the inventory reports ([`evidence`]), read
    // from each unchanged paragraph's memo.
    mark_of(titles.pronoun(start, end))
}

/// Casts the votes of the `he`/`she` of paragraphs `range`, in order, each read in its vote
/// window (see [`learn_genders`]).
pub(super) fn cast_votes(
    text: &str,
    paragraphs: &[Paragraph],
    range: std::ops::Range<usize>,
    quotes: &[Span],
    people: &[PersonMention],
    cast: &mut dyn FnMut(Cast),
) {
    let Some(first) = paragraphs.get(range.start) else { return };
    let mut quoted = QuoteCursor::starting_at(quotes, first.span.start);
    let mut last_at = first.span.start;
    let mut end = people.partition_point(|m| m.start < last_at);
    for pi in range {
        let p = &paragraphs[pi];
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
            let mark = mark_of(Some(pron));
            if mark != 0 {
                cast(Cast { at, entity: first as u32, mark });
            }
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

    /// The title window's contract ([`learn_genders`]): a name mention's title clue is the same
    /// when the text is cut down to the lines holding the mention. An evidence module that reads
    /// past a line break (and so past what [`super::super::shifted`] re-reads) fails here.
    #[test]
    fn title_evidence_reads_only_the_lines_of_the_mention() {
        use crate::analysis::random_edits::RandomEdits;
        const PIECES: &[&str] = &[
            "Mr. ", "Ms. ", "Mrs ", "Sen. ", "Dame ", "his wife, ", "her husband, ", ", the spokeswoman", ", a spokesman for",
            ", his sister,", "spokeswoman ", "Ana Ruiz", "Tom Hale", "Ruiz", "Hale", " said", ". ", ", ", "\n", "\n\n", " and ",
            "the actress ", "Chairwoman ", " her", " he",
        ];
        let mut rng = RandomEdits::new(0x5eed_7171);
        let mut found = 0;
        for _ in 0..300 {
            let text: String = (0..rng.below(30) + 1).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            for name in ["Ana Ruiz", "Tom Hale", "Ruiz", "Hale"] {
                for (at, _) in text.match_indices(name) {
                    let span = Span::new(at, at + name.len());
                    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                    let line_end = text[span.end as usize..].find('\n').map_or(text.len(), |i| span.end as usize + i);
                    let lines = &text[line_start..line_end];
                    let alone = title_memo::title_clue(lines, Span::new(at - line_start, at - line_start + name.len()));
                    let whole = title_memo::title_clue(&text, span);
                    assert_eq!(whole, alone.map(|c| evidence::Clue { span: c.span.shift(line_start as u32), ..c }), "{text:?} at {at}");
                    found += usize::from(whole.is_some());
                }
            }
        }
        assert!(found > 100, "the drafts show titles and role nouns: {found}");
    }

    #[test]
    fn a_title_outweighs_votes_and_a_tie_is_open() {
        assert_eq!(decide([0, 1], [3, 0], Some(Pronoun::He)), Some(Pronoun::She));
        assert_eq!(decide([0, 0], [1, 1], None), None);
        assert_eq!(decide([0, 0], [1, 2], Some(Pronoun::He)), Some(Pronoun::He));
        assert_eq!(decide([0, 0], [1, 4], Some(Pronoun::He)), Some(Pronoun::She));
    }
}
