//! The document pass: groups the paragraphs' name candidates into entities and types them.
//!
//! Work is proportional to the number of candidates: one hash lookup per candidate, one per
//! surname, and a sort of the mentions.

use rustc_hash::FxHashMap;

use super::super::dateline::Dateline;
use super::super::paragraph::Paragraph;
use super::super::span::Span;
use super::super::lexicon::push_lowercase;
use super::super::tokens::{Token, TokenKind};
use super::candidates::{flag, headline_candidates, is_all_caps, CandidateKind, NameCandidate};
use super::lexicon::{lexicon, list, title_of};
use super::super::lexicon::ascii_lower;
use super::{Entity, EntityKind, Mention, MentionKind};

/// One name candidate placed in the document.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    span: Span,
    title: Option<Span>,
    evidence: u32,
}

/// Candidates with the same normalised text.
#[derive(Debug, Default)]
struct Group {
    key: String,
    words: usize,
    occurrences: Vec<Occurrence>,
    /// Scores for person, organisation, place, other.
    score: [f32; 4],
    /// Merged into another group (a surname into its full name).
    merged_into: Option<usize>,
    kind: Option<EntityKind>,
    /// A word of the name is in capitals (`PSV Eindhoven`, `SBC Warburg`): not a person's shape.
    acronym: bool,
}

fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalise_into(s, &mut out);
    out
}

/// Appends the normalised form of `s` (words joined by one space, lowercased, curly apostrophes
/// made straight) to `out`.
#[inline]
pub(super) fn normalise_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        normalise_ascii_into(s, out);
        return;
    }
    let base = out.len();
    for w in s.split_whitespace() {
        if out.len() > base {
            out.push(' ');
        }
        // Most words: ASCII, with no curly apostrophe to straighten.
        if w.is_ascii() {
            push_lowercase(out, w);
            continue;
        }
        for c in w.chars() {
            if c == '’' {
                out.push('\'');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
}

/// [`normalise_into`] for ASCII text, byte by byte: most names are ASCII, and this runs on every
/// name of every paragraph read.
fn normalise_ascii_into(s: &str, out: &mut String) {
    // The white space `str::split_whitespace` splits at (ASCII here, answered without tables).
    let is_space = |b: u8| char::from(b).is_whitespace();
    let base = out.len();
    // Usually the words are already apart by single spaces: copy, then lowercase in place.
    if is_single_spaced(s.as_bytes()) {
        push_lowercase(out, s);
        return;
    }
    let mut gap = false;
    for &b in s.as_bytes() {
        if is_space(b) {
            gap = true;
            continue;
        }
        if gap && out.len() > base {
            out.push(' ');
        }
        gap = false;
        out.push(char::from(b.to_ascii_lowercase()));
    }
}

/// ASCII text whose words are apart by single spaces, with none before or after: its normalised
/// form ([`normalise_into`]) is its lowercase form.
pub(super) fn is_single_spaced(bytes: &[u8]) -> bool {
    // The white space `str::split_whitespace` splits at (ASCII here, answered without tables).
    let is_space = |b: u8| char::from(b).is_whitespace();
    !bytes.first().is_some_and(|&b| is_space(b))
        && !bytes.last().is_some_and(|&b| is_space(b))
        && !bytes.windows(2).any(|w| is_space(w[0]) && (w[0] != b' ' || is_space(w[1])))
}

/// The normalised text of each name candidate of a paragraph, in one buffer.
#[derive(Debug, Default)]
pub struct NameKeys {
    buf: String,
    ends: Vec<u32>,
}

impl NameKeys {
    /// Keys for `names` (spans relative to `text`, the paragraph).
    pub fn new(text: &str, names: &[NameCandidate]) -> NameKeys {
        // Lowercasing ASCII keeps the length, and spaces only shrink: the names' length is room
        // enough for most paragraphs' keys, in one allocation.
        let room = names.iter().filter(|c| c.kind == CandidateKind::Name).map(|c| c.span.len()).sum();
        let mut keys = NameKeys { buf: String::with_capacity(room), ends: Vec::with_capacity(names.len()) };
        for c in names {
            if c.kind == CandidateKind::Name {
                normalise_into(c.span.text(text), &mut keys.buf);
            }
            keys.ends.push(keys.buf.len() as u32);
        }
        keys
    }

    /// Keys already computed: `buf` holds them one after another, `ends[i]` is where the `i`th
    /// candidate's ends (an empty key for a pronoun).
    pub(super) fn from_parts(buf: &str, ends: &[u32]) -> NameKeys {
        NameKeys { buf: buf.to_owned(), ends: ends.to_vec() }
    }

    /// The key of the `i`th candidate, if it was computed for this list.
    pub(super) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        self.buf.get(start..end)
    }
}

const PERSON: usize = 0;
const ORG: usize = 1;
const PLACE: usize = 2;
const OTHER: usize = 3;

fn occurrence_score(ev: u32) -> [f32; 4] {
    let has = |f: u32| ev & f != 0;
    let mut s = [0.0f32; 4];
    if has(flag::TITLE) {
        s[PERSON] += 3.0;
    }
    if has(flag::HONORIFIC) {
        s[PERSON] += 4.0;
    }
    if has(flag::INITIAL) {
        s[PERSON] += 3.0;
    }
    if has(flag::EVENT_SUFFIX) {
        s[OTHER] += 3.0;
    }
    if has(flag::PLACE_SUFFIX) {
        s[PLACE] += 2.5;
    }
    // A given name outweighs a place word (`Ruth Park`) but not an organisation word; before a
    // title it is the office's place (`Kent County | Recorder`), not a person.
    if has(flag::GIVEN) && !has(flag::PREFIX_OF_TITLE) {
        s[PERSON] += 2.8;
    }
    if has(flag::WHO_AFTER) {
        s[PERSON] += 2.0;
    }
    if has(flag::PAREN_PLACE) {
        s[PERSON] += 1.5;
    }
    // A lone word before `said` that is no known person's surname is more often an organisation:
    // people get their full name first (AP style, rule A19).
    if has(flag::SAID_AFTER) {
        s[PERSON] += 0.3;
        s[ORG] += 0.6;
    }
    if has(flag::ORG_SUFFIX) {
        s[ORG] += 3.0;
    } else if has(flag::ORG_WORD) {
        s[ORG] += 1.5;
    }
    if has(flag::HAS_PLACE) {
        s[ORG] += 1.0;
    }
    if has(flag::TABLE_ROW) {
        s[ORG] += 1.5;
    }
    if has(flag::ACRONYM) {
        s[ORG] += 1.0;
    }
    // Weaker than a given name or a title, and short of firm (3.0), so `Jackson` can still be
    // Michael Jackson's surname.
    if has(flag::GAZETTEER) {
        s[PLACE] += 1.5;
    }
    if has(flag::PLACE_KNOWN) {
        s[PLACE] += 3.5;
    }
    if has(flag::BASED) {
        s[PLACE] += 2.0;
    }
    if has(flag::PLACE_CUE) {
        s[PLACE] += 1.0;
    }
    if has(flag::DEMONYM) {
        s[OTHER] += 3.5;
    }
    s
}

fn best(score: [f32; 4]) -> Option<EntityKind> {
    let (i, &max) = score.iter().enumerate().fold((0, &0.0f32), |acc, x| if x.1 > acc.1 { x } else { acc });
    (max > 0.0).then_some([EntityKind::Person, EntityKind::Organization, EntityKind::Place, EntityKind::Other][i])
}

/// Groups the paragraphs' name candidates into entities.
///
/// `headings` (headline, standfirst, Markdown headings) name people too. In a title-case heading
/// capitals prove nothing (`Russia To Assess EU Requests`), so its words count only where the story
/// names them too, like the words of an all-capitals line; they are read again from the cached
/// tokens (a heading is short).
pub fn collect(
    text: &str,
    headings: &[Paragraph],
    paragraphs: &[Paragraph],
    dateline: Option<&Dateline>,
) -> Vec<Entity> {
    collect_named(text, headings, paragraphs, dateline).0
}

/// [`collect`], with the span each entity's name was read from (parallel to the entities): the
/// memo in [`super::memo`] re-reads names from it when it shifts a result to a new version.
pub(super) fn collect_named(
    text: &str,
    headings: &[Paragraph],
    paragraphs: &[Paragraph],
    dateline: Option<&Dateline>,
) -> (Vec<Entity>, Vec<Span>) {
    let lx = lexicon();
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
    let mut caps: Vec<Occurrence> = Vec::new();
    let city = dateline.map(|d| d.city_span);

    let heading_names: Vec<(u32, Vec<NameCandidate>)> = headings
        .iter()
        .filter(|h| is_title_case(h.span.text(text), &h.facts.tokens))
        .map(|h| {
            // Names the heading proves by themselves (`President Bill Clinton`) stay whole; the other
            // capitalised words go word by word.
            let strong = flag::GIVEN | flag::TITLE | flag::HONORIFIC | flag::INITIAL;
            let mut names: Vec<NameCandidate> =
                h.facts.names.iter().filter(|c| c.has(strong) && !c.has(flag::CAPS)).copied().collect();
            let words = headline_candidates(h.span.text(text), &h.facts.tokens, &h.facts.sentences);
            let rest: Vec<NameCandidate> =
                words.into_iter().filter(|w| !names.iter().any(|n| n.span.overlaps(w.span))).collect();
            names.extend(rest);
            names.sort_by_key(|n| n.span.start);
            (h.offset(), names)
        })
        .collect();
    let plain_headings = headings.iter().filter(|h| !is_title_case(h.span.text(text), &h.facts.tokens));
    let no_keys = NameKeys::default();
    let sources = heading_names
        .iter()
        .map(|(off, names)| (*off, names.as_slice(), &no_keys))
        .chain(plain_headings.chain(paragraphs).map(|p| (p.offset(), p.facts.names.as_slice(), &p.facts.name_keys)));
    let mut computed = String::new();
    for (off, names, keys) in sources {
        for (ci, c) in names.iter().enumerate() {
            if c.kind != CandidateKind::Name {
                continue;
            }
            let span = c.span.shift(off);
            let occ = Occurrence { span, title: c.title.map(|t| t.shift(off)), evidence: evidence_with_city(c, span, city) };
            if occ.evidence & flag::CAPS != 0 {
                caps.push(occ);
                continue;
            }
            let key = match keys.get(ci) {
                Some(key) => key,
                None => {
                    computed.clear();
                    normalise_into(occ.span.text(text), &mut computed);
                    computed.as_str()
                }
            };
            if key.is_empty() {
                continue;
            }
            let g = match by_key.get(key) {
                Some(&g) => g,
                None => {
                    let acronym = occ.span.text(text).split(' ').any(is_all_caps);
                    groups.push(Group { words: key.split(' ').count(), key: key.to_string(), acronym, ..Group::default() });
                    by_key.insert(key.to_string(), groups.len() - 1);
                    groups.len() - 1
                }
            };
            let s = occurrence_score(occ.evidence);
            for (total, add) in groups[g].score.iter_mut().zip(s) {
                *total += add;
            }
            groups[g].occurrences.push(occ);
        }
    }

    // Type each group on its own evidence.
    for g in &mut groups {
        g.kind = best(g.score);
        // `Ozlem Durak told reporters`: a speech verb leans a lone word towards an organisation,
        // not a full name's shape, which is left to [`default_person`].
        if g.kind == Some(EntityKind::Organization) && default_person(g) && typed_by_said_alone(g) {
            g.kind = None;
        }
        // `Al Qaeda` in a draft that also writes `al Qaeda` or `al-Qaeda`: the Arabic article, not
        // the given name `Al`.
        if g.key.strip_prefix("al ").is_some_and(|rest| g.occurrences.iter().take(8).any(|o| article_near(text, o.span, rest))) {
            g.kind = Some(EntityKind::Organization);
        }
    }

    // Untyped groups with a full name's shape, read once for the loops below.
    let default_people: Vec<bool> = groups.iter().map(|g| g.kind.is_none() && default_person(g)).collect();
    merge_name_tails(&mut groups, &default_people);

    // Surnames and given names of people named in full.
    let mut surname: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let mut forename: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, g) in groups.iter().enumerate() {
        if g.words >= 2 && g.merged_into.is_none() && (g.kind == Some(EntityKind::Person) || default_people[i]) {
            let mut ws = g.key.split(' ');
            // A lone given name joins its person (`Alan` ... `Alan Shearer`); a lone first word
            // that is no given name does not (`PSV` ... `PSV Eindhoven`).
            if let Some(first) = ws.next().filter(|w| lexicon().is_given_name(w)) {
                forename.entry(first.to_string()).or_default().push(i);
            }
            // `R. J. Hale Jr.` is `Mr. Hale`: a generational suffix is not the surname.
            if let Some(last) = g.key.rsplit(' ').find(|w| !is_name_suffix(w)) {
                surname.entry(last.to_string()).or_default().push(i);
            }
        }
    }
    // Unknown full names become people; so do their surname groups below.
    for (g, default) in groups.iter_mut().zip(default_people) {
        if default {
            g.kind = Some(EntityKind::Person);
        }
    }

    // A lone word that is a known person's surname (or given name) joins that person, unless its
    // own evidence says firmly that it is something else.
    // Surnames by their first letters, for misspellings: built only if a lone word asks.
    let surname_prefixes: std::cell::OnceCell<FxHashMap<&str, Vec<&str>>> = std::cell::OnceCell::new();
    let prefixes = || {
        surname_prefixes.get_or_init(|| {
            let mut by_prefix: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
            for key in surname.keys() {
                if let Some(prefix) = spelling_prefix(key) {
                    by_prefix.entry(prefix).or_default().push(key);
                }
            }
            by_prefix
        })
    };
    let mut moves: Vec<(usize, usize, Occurrence)> = Vec::new();
    let mut demonym_moves: Vec<(usize, usize, Occurrence)> = Vec::new();
    let mut owners = LoneNameOwners::new(text);
    for (i, g) in groups.iter().enumerate() {
        if g.words != 1 {
            continue;
        }
        // Firm: one occurrence alone says so (`Jordan` the known place, `Acme Corp`); weak hints
        // such as `said` after it do not add up to firmness however often they recur.
        let targets = surname.get(g.key.as_str()).or_else(|| forename.get(g.key.as_str()));
        // `Dana Kowalski` ... `Kowalsky`: a misspelt surname is still the person (and the
        // `name-variant` rule says so).
        let targets = targets.or_else(|| {
            misspelt_surname_shape(g).then(|| near_surname(prefixes(), &g.key)).flatten().and_then(|k| surname.get(k))
        });
        let Some(targets) = targets else { continue };
        let firm = g.occurrences.iter().any(|o| {
            let s = occurrence_score(o.evidence);
            s[PLACE] >= 3.0 || s[OTHER] >= 3.0 || s[ORG] >= 3.0
        });
        if firm {
            // `Mark Cuban` ... `Cuban said`: a nationality word is no one who speaks, so one that
            // is a person's surname and speaks is that person; `Cuban officials` stays a word.
            if lx.is_demonym(&g.key) {
                for occ in g.occurrences.iter().filter(|o| speaks_as_a_person(o.evidence)) {
                    demonym_moves.push((i, owners.owner(&groups, targets, &g.occurrences, occ.span.start), *occ));
                }
            }
            continue;
        }
        for occ in &g.occurrences {
            moves.push((i, owners.owner(&groups, targets, &g.occurrences, occ.span.start), *occ));
        }
    }
    for (from, to, occ) in moves {
        groups[from].merged_into = Some(to);
        groups[to].occurrences.push(occ);
    }
    for (from, to, occ) in demonym_moves {
        groups[from].occurrences.retain(|o| o.span != occ.span);
        groups[to].occurrences.push(occ);
    }

    // Lone words with no evidence at all: keep those that are not just sentence-initial capitals.
    for g in &mut groups {
        if g.kind.is_some() || g.merged_into.is_some() {
            continue;
        }
        let all_initial = g.occurrences.iter().all(|o| o.evidence & flag::SENT_START != 0);
        let verbish = g.key.ends_with("ing") || g.key.ends_with("ed") || g.key.ends_with("ly");
        if all_initial && (g.occurrences.len() < 2 || verbish) || lx.title_word(&g.key).is_some() {
            continue;
        }
        g.kind = Some(EntityKind::Other);
    }

    // Words from all-capitals lines count only when the rest of the draft knows them.
    place_caps(text, &caps, &mut groups, &mut by_key, &surname);

    build(text, groups)
}

/// An entity's name as the draft writes it, read back if its UTF-8 was mis-decoded
/// (`FranÃ§ois` is `François`): the name a writer sees in hovers and hints.
pub(super) fn display_name(written: &str) -> String {
    super::spelling::undo_mojibake(written).unwrap_or_else(|| written.to_string())
}

/// A generational suffix after a surname (lowercase): `Jr.`, `III`.
fn is_name_suffix(w: &str) -> bool {
    matches!(w, "jr" | "jr." | "sr" | "sr." | "ii" | "iii" | "iv")
}

/// The first three characters of a word long enough to be misspelt as a surname (six or more:
/// `Rubio` and `Rubin` are two people more often than one).
fn spelling_prefix(word: &str) -> Option<&str> {
    let mut ends = word.char_indices().map(|(i, _)| i);
    let end = ends.nth(3)?;
    (ends.nth(1).is_some()).then(|| &word[..end])
}

/// A mention used as a person: a speech verb after it (`Cuban said`, `Cuban also complained`), a
/// courtesy title or a title before it.
fn speaks_as_a_person(evidence: u32) -> bool {
    evidence & (flag::SAID_AFTER | flag::CUE_AFTER | flag::HONORIFIC | flag::TITLE) != 0
}

/// A lone word that may be a misspelt surname: spoken of as a person (`Kowalsky said`,
/// `Mr. Kowalsky`, `Kowalsky continued`) and on no word list (`Barack` is a given name,
/// `Democracy` a word).
fn misspelt_surname_shape(g: &Group) -> bool {
    !is_on_word_list(&g.key) && g.occurrences.iter().any(|o| speaks_as_a_person(o.evidence))
}

/// A word ending in `s` (not `ss`): the shape of a plural (`Clintons`), which is no other
/// spelling of a name.
fn plural_shape(w: &str) -> bool {
    w.ends_with('s') && !w.ends_with("ss")
}

/// A word on one of the name lists (given names, places, organisation and common words), or a
/// plural: not the shape of a surname.
fn is_word_listed(w: &str) -> bool {
    is_on_word_list(w) || plural_shape(w)
}

/// A word on one of the name lists.
fn is_on_word_list(w: &str) -> bool {
    let lists = lexicon().lists(w);
    lists & (list::GIVEN_LISTED | list::COMMON | list::ORG | list::EVENT | list::PLACE_WORD | list::PLACE | list::DEMONYM) != 0
}

/// The surname `word` is a near miss of (`kowalsky` for `kowalski`, `keidis` for `kiedis`), if
/// exactly one is.
fn near_surname<'k>(prefixes: &FxHashMap<&str, Vec<&'k str>>, word: &str) -> Option<&'k str> {
    // Two neighbouring letters swapped (`Keidis` for `Kiedis`) is a misspelling whatever the
    // word's ending; another near miss of a word shaped as a plural is the plural.
    if let Some(swapped) = swapped_surname(prefixes, word) {
        return Some(swapped);
    }
    if plural_shape(word) {
        return None;
    }
    let near = prefixes.get(spelling_prefix(word)?)?;
    let near = near.iter().filter(|s| s.len().abs_diff(word.len()) <= 2 && !is_word_listed(s));
    // Two letters apart only in long names (`Stephanopoulos`): `McMillan` and `McMullen` are two.
    let swap = |s: &str| {
        let (a, b): (Vec<char>, Vec<char>) = (s.chars().collect(), word.chars().collect());
        super::spelling::adjacent_swap(&a, &b)
    };
    let close = |s: &str| {
        let (a, b): (Vec<char>, Vec<char>) = (s.chars().collect(), word.chars().collect());
        a.len().min(b.len()) >= 9 || super::spelling::edit_distance(&a, &b) <= 1 || super::spelling::adjacent_swap(&a, &b)
    };
    // A short name of the same length two letters apart is no spelling of it (asked before the
    // table of edits), unless the two are neighbours swapped.
    let hamming_far = |s: &str| {
        s.len() == word.len() && s.len() < 9 && s.bytes().zip(word.bytes()).filter(|(x, y)| x != y).nth(1).is_some() && !swap(s)
    };
    let mut fits = near.filter(|s| !hamming_far(s) && close(s) && super::spelling::near_miss(s, word));
    let first = fits.next()?;
    fits.next().is_none().then_some(*first)
}

/// The one surname that `word` is with two neighbouring letters swapped, the first letter kept
/// (`keidis` for `kiedis`).
fn swapped_surname<'k>(prefixes: &FxHashMap<&str, Vec<&'k str>>, word: &str) -> Option<&'k str> {
    let chars: Vec<char> = word.chars().collect();
    let mut found = None;
    for k in 1..chars.len().saturating_sub(1) {
        let mut swapped = chars.clone();
        swapped.swap(k, k + 1);
        let swapped: String = swapped.into_iter().collect();
        let Some(near) = spelling_prefix(&swapped).and_then(|p| prefixes.get(p)) else { continue };
        for &s in near.iter().filter(|&&s| s == swapped && !is_on_word_list(s)) {
            if found.replace(s).is_some_and(|f| f != s) {
                return None;
            }
        }
    }
    found
}

/// A person's name of two or more words that ends a longer person's name joins it: `Ki Hong` ...
/// `Justin Ki Hong`, `De Blasio` ... `Bill de Blasio`, `Suu Kyi` ... `Aung San Suu Kyi` (a
/// surname of several words, or a given name and surname written without the first given name).
fn merge_name_tails(groups: &mut [Group], default_people: &[bool]) {
    let person = |g: &Group, i: usize| g.kind == Some(EntityKind::Person) || default_people[i];
    let mut tails: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, g) in groups.iter().enumerate() {
        // Only a name's words (`Christie Is Over Marco Rubio`, a headline run, is none).
        let name_words = || {
            g.key.split(' ').all(|w| {
                let lists = lexicon().lists(w);
                super::candidates::is_connector(w)
                    || lists & list::GIVEN != 0
                    || lists & (list::COMMON | list::ORG | list::EVENT | list::PLACE_WORD) == 0
            })
        };
        // An untyped run may be the fuller name too (`Aung San Suu Kyi's allies`, no given name
        // on the lists): only a person's name joins it, below.
        if (3..=5).contains(&g.words) && (person(g, i) || g.kind.is_none()) && !g.acronym && name_words() {
            for (at, _) in g.key.match_indices(' ') {
                tails.entry(&g.key[at + 1..]).or_default().push(i);
            }
        }
    }
    if tails.is_empty() {
        return;
    }
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if g.words < 2 {
            continue;
        }
        let Some(targets) = tails.get(g.key.as_str()) else { continue };
        // Its own evidence may be weak (`De Blasio said` looks like an organisation), not firm.
        let firm = g.occurrences.iter().any(|o| {
            let s = occurrence_score(o.evidence);
            s[PLACE] >= 3.0 || s[OTHER] >= 3.0 || s[ORG] >= 3.0
        });
        if firm {
            continue;
        }
        let targets: Vec<usize> = targets.iter().copied().filter(|&t| person(&groups[t], t) || person(g, i)).collect();
        if targets.is_empty() {
            continue;
        }
        let to = nearest_before(groups, &targets, g.occurrences.first().map_or(0, |o| o.span.start));
        moves.push((i, to));
    }
    for (from, to) in moves {
        if groups[to].kind.is_none() {
            groups[to].kind = Some(EntityKind::Person);
        }
        let occs = std::mem::take(&mut groups[from].occurrences);
        groups[to].occurrences.extend(occs);
        // Later passes read each group's occurrences in document order.
        groups[to].occurrences.sort_by_key(|o| o.span.start);
        groups[from].merged_into = Some(to);
    }
}

/// A candidate's evidence, plus "a known place" when it is the dateline's city.
pub(super) fn evidence_with_city(c: &NameCandidate, span: Span, city: Option<Span>) -> u32 {
    if city.is_some_and(|s| s.overlaps(span)) {
        c.evidence | flag::PLACE_KNOWN
    } else {
        c.evidence
    }
}

/// Most longer words capitalised: a headline set in title case.
fn is_title_case(text: &str, tokens: &[Token]) -> bool {
    let (mut words, mut caps) = (0, 0);
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        let w = t.text(text);
        if w.len() > 3 {
            words += 1;
            caps += w.chars().next().is_some_and(char::is_uppercase) as usize;
        }
    }
    words >= 3 && caps * 10 >= words * 8
}

/// Two or three capitalised words, none of them an organisation word: `Teddy Sheringham`.
fn looks_like_full_name(key: &str) -> bool {
    let lx = lexicon();
    let n = key.split(' ').count();
    (2..=3).contains(&n)
        && key.split(' ').enumerate().all(|(i, w)| {
            // U+0080..U+00BF: the second half of a mis-decoded letter (`RenÃ©e`).
            w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.' || ('\u{80}'..='\u{BF}').contains(&c))
                && (lx.lists(w) & (list::ORG | list::EVENT | list::PLACE_WORD | list::COMMON | list::DEMONYM | list::PLACE)
                    == 0
                    // A surname that is also a word (`Aye Chan May`); first, such a word is more
                    // often the sentence's (`So Ann Lee`, `See Lee`).
                    || i + 1 == n
                        && lx.is_common_given_name(w)
                        && lx.lists(w) & (list::ORG | list::EVENT | list::PLACE_WORD | list::PLACE) == 0)
        })
        && !lx.is_place(key)
        // `Cincinnati Reds`, `Red Sox`: a plural last word names a team or a product line.
        && !key.rsplit(' ').next().is_some_and(|w| w.ends_with('s') && !w.ends_with("ss"))
}

/// How far [`article_near`] reads from a mention (the entity memo checks the edit is farther).
pub(super) const ARTICLE_REACH: usize = 16 * 1024;

/// How far apart a mention and a lone name may be for the lone name to be that person's when no
/// line break lies between ([`LoneNameOwners`]; the entity memo checks the edited line is shorter).
pub(super) const OWNER_REACH: u32 = 4096;

/// How many bytes before a mention [`kin_before`] reads (the entity memo compares them).
pub(super) const KIN_WINDOW: usize = 48;

/// Whether the draft writes `al ` or `al-` in lowercase before `rest` (lowercase, compared
/// without case), as a word, within a few pages of `span`: `al Qaeda-linked`. (A long draft
/// is not read whole for each such name.)
fn article_near(text: &str, span: Span, rest: &str) -> bool {
    let start = floor_boundary(text, (span.start as usize).saturating_sub(ARTICLE_REACH));
    let mut end = (span.end as usize + ARTICLE_REACH).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let text = &text[start..end];
    text.match_indices("al").any(|(i, _)| {
        let word_start = !text[..i].ends_with(char::is_alphanumeric);
        let after = &text[i + 2..];
        let joined = after.starts_with(['-', ' ']);
        word_start
            && joined
            && after.get(1..1 + rest.len()).is_some_and(|w| w.eq_ignore_ascii_case(rest))
            && !after[1 + rest.len()..].starts_with(char::is_alphanumeric)
    })
}

/// Whether a group's evidence types it nothing but an organisation only because a speech verb
/// follows some of its mentions.
fn typed_by_said_alone(g: &Group) -> bool {
    let mut score = [0.0f32; 4];
    for o in &g.occurrences {
        if o.evidence & flag::ORG_NOUN_NEAR != 0 {
            return false;
        }
        for (total, add) in score.iter_mut().zip(occurrence_score(o.evidence & !flag::SAID_AFTER)) {
            *total += add;
        }
    }
    best(score).is_none()
}

/// A group that may become a person by default: a full-name shape.
fn default_person(g: &Group) -> bool {
    g.words >= 2 && !g.acronym && looks_like_full_name(&g.key)
}

/// Of the groups, the one mentioned last before `offset` (else the one introduced first): with two
/// people of one surname, a lone surname means the one the story was just talking about.
fn nearest_before(groups: &[Group], targets: &[usize], offset: u32) -> usize {
    // Occurrences are still in document order here: merges only happen after this is read.
    let last_before = |g: usize| {
        let occ = &groups[g].occurrences;
        let i = occ.partition_point(|o| o.span.start <= offset);
        i.checked_sub(1).map(|k| occ[k].span.start)
    };
    let first = |g: usize| groups[g].occurrences.first().map_or(u32::MAX, |o| o.span.start);
    targets
        .iter()
        .copied()
        .filter_map(|g| last_before(g).map(|at| (at, g)))
        .max()
        .map(|(_, g)| g)
        .unwrap_or_else(|| targets.iter().copied().min_by_key(|&g| first(g)).unwrap_or(0))
}

/// Of the people sharing a surname (or given name), the one a lone mention of it is.
/// - The one named last before it, if in the same paragraph: `Paul Doe said ... Doe said`.
/// - Otherwise not one the writer keeps naming in full (three times or more, with the lone name
///   never used in between: `Eric Doe ... Eric Doe said ... Eric Doe said`): the lone name is the
///   other one.
/// - Mentions in a relative's description (`her husband, Bill Doe`, `the daughter of Bill Doe`)
///   are background: they never make their person the one the text is about.
///
/// Each mention's background test is made once (a long draft names the same people thousands of
/// times), and the lone name's occurrences are searched by start.
struct LoneNameOwners<'t> {
    text: &'t str,
    /// Whether the mention starting at an offset is background.
    background: FxHashMap<u32, bool>,
    /// The starts of the lone name asked about last, sorted, and its first occurrence's start.
    lone_starts: Vec<u32>,
    lone_key: Option<u32>,
    /// Per target of the question being answered: how many of its mentions start at or before
    /// the lone name, and the last of them that is not background (kept to reuse its room).
    seen: Vec<(usize, Option<u32>)>,
}

impl<'t> LoneNameOwners<'t> {
    fn new(text: &'t str) -> LoneNameOwners<'t> {
        LoneNameOwners { text, background: FxHashMap::default(), lone_starts: Vec::new(), lone_key: None, seen: Vec::new() }
    }

    /// The owner of the lone name whose occurrences are `lone`, at `offset`.
    fn owner(&mut self, groups: &[Group], targets: &[usize], lone: &[Occurrence], offset: u32) -> usize {
        if targets.len() < 2 {
            return nearest_before(groups, targets, offset);
        }
        let key = lone.first().map(|o| o.span.start);
        if self.lone_key != key {
            self.lone_key = key;
            self.lone_starts = lone.iter().map(|o| o.span.start).collect();
            self.lone_starts.sort_unstable();
        }
        // Each target's mentions up to `offset` are found once, for both questions below.
        let mut seen = std::mem::take(&mut self.seen);
        seen.clear();
        let mut nearest: Option<(u32, usize)> = None;
        for &g in targets {
            let occ = &groups[g].occurrences;
            let before = occ.partition_point(|o| o.span.start <= offset);
            let at = self.last_before(&occ[..before]);
            seen.push((before, at));
            if let Some(at) = at {
                nearest = nearest.max(Some((at, g)));
            }
        }
        let found = self.owner_among(groups, targets, &seen, nearest, offset);
        self.seen = seen;
        found
    }

    /// [`Self::owner`] once each target's mentions before `offset` are `seen`, the nearest
    /// being `nearest`.
    fn owner_among(
        &self,
        groups: &[Group],
        targets: &[usize],
        seen: &[(usize, Option<u32>)],
        nearest: Option<(u32, usize)>,
        offset: u32,
    ) -> usize {
        // (A paragraph is short: far apart, the two are in different ones, without reading on.)
        if let Some((at, g)) = nearest.filter(|&(at, _)| offset - at < OWNER_REACH) {
            let between = self.text.get(at as usize..offset as usize).unwrap_or("");
            if !between.contains('\n') {
                return g;
            }
        }
        let not_in_full = |&(&g, &(before, _)): &(&usize, &(usize, Option<u32>))| !self.named_in_full(&groups[g].occurrences[..before]);
        let main = targets.iter().zip(seen).filter(not_in_full).map(|(&g, &(_, at))| (at, g)).max();
        match main {
            Some((Some(_), g)) => g,
            Some((None, _)) => {
                let pool: Vec<usize> = targets.iter().zip(seen).filter(not_in_full).map(|(&g, _)| g).collect();
                nearest_before(groups, &pool, offset)
            }
            None => nearest.map_or_else(|| nearest_before(groups, targets, offset), |(_, g)| g),
        }
    }

    /// The start of the last of `before` (mentions up to the lone name) that is not background.
    fn last_before(&mut self, before: &[Occurrence]) -> Option<u32> {
        let text = self.text;
        before
            .iter()
            .rev()
            .find(|o| !*self.background.entry(o.span.start).or_insert_with(|| kin_before(text, o)))
            .map(|o| o.span.start)
    }

    /// Named in full three times or more in `before` (mentions up to the lone name), the lone
    /// name never used in between.
    fn named_in_full(&self, before: &[Occurrence]) -> bool {
        let (Some(first), Some(last)) = (before.first(), before.last()) else { return false };
        let k = self.lone_starts.partition_point(|&s| s <= first.span.start);
        before.len() >= 3 && !self.lone_starts.get(k).is_some_and(|&s| s < last.span.start)
    }
}

/// A mention in a relative's description: right after a word for a relative (`her husband,
/// former President Bill Doe`, `his son Eric Doe`) or after it and `of` (`the daughter of Bill
/// Doe`).
fn kin_before(text: &str, o: &Occurrence) -> bool {
    kin_before_start(text, o.title.map_or(o.span.start, |t| t.start.min(o.span.start)))
}

/// [`kin_before`] for a mention (with its title) starting at `start`.
pub(super) fn kin_before_start(text: &str, start: u32) -> bool {
    let from = floor_boundary(text, (start as usize).saturating_sub(KIN_WINDOW));
    let before = text.get(from..start as usize).unwrap_or("");
    // One lookup per word: its lists tell a title word (skipped: `her husband, former President
    // Bill Doe`, the title words the run left out) from a word for a relative.
    let lists = |w: &str| {
        let mut buf = [0u8; 24];
        ascii_lower(w, &mut buf).map_or(0, |lower| lexicon().lists(lower))
    };
    let mut words = before
        .rsplit(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .map(|w| (w, lists(w)))
        .skip_while(|&(_, bits)| title_of(bits).is_some());
    let Some((last, bits)) = words.next() else { return false };
    bits & list::KIN != 0 || (last == "of" && words.next().is_some_and(|(_, bits)| bits & list::KIN != 0))
}

/// The nearest char boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Matches headline words against the names found elsewhere: `SHEARER` is `Shearer`.
fn place_caps(
    text: &str,
    caps: &[Occurrence],
    groups: &mut Vec<Group>,
    by_key: &mut FxHashMap<String, usize>,
    surname: &FxHashMap<String, Vec<usize>>,
) {
    let lx = lexicon();
    let surname_of: FxHashMap<String, usize> =
        surname.iter().filter(|(_, v)| v.len() == 1).map(|(k, v)| (k.clone(), v[0])).collect();
    let resolve = |g: usize, groups: &Vec<Group>| {
        let mut g = g;
        while let Some(n) = groups[g].merged_into {
            g = n;
        }
        g
    };
    let mut i = 0;
    while i < caps.len() {
        // Longest run of joined words first.
        let mut matched = false;
        for len in (1..=3usize).rev() {
            if i + len > caps.len() || (1..len).any(|k| caps[i + k].evidence & flag::CAPS_JOINED == 0) {
                continue;
            }
            let span = Span { start: caps[i].span.start, end: caps[i + len - 1].span.end };
            let key = normalise(span.text(text));
            let target = match by_key.get(&key).copied() {
                Some(g) if groups[g].kind.is_some() || groups[g].merged_into.is_some() => Some(resolve(g, groups)),
                _ => surname_of.get(&key).copied().map(|g| resolve(g, groups)),
            };
            let target = target.or_else(|| {
                let kind = if lx.is_place(&key) {
                    EntityKind::Place
                } else if len == 1 && lx.is_demonym(&key) {
                    EntityKind::Other
                } else {
                    return None;
                };
                let g = *by_key.entry(key.clone()).or_insert_with(|| {
                    groups.push(Group { words: len, key: key.clone(), kind: Some(kind), ..Group::default() });
                    groups.len() - 1
                });
                if groups[g].kind.is_none() {
                    groups[g].kind = Some(kind);
                }
                Some(g)
            });
            if let Some(g) = target {
                groups[g].occurrences.push(Occurrence { span, title: None, evidence: caps[i].evidence });
                i += len;
                matched = true;
                break;
            }
        }
        if !matched {
            i += 1;
        }
    }
}

fn build(text: &str, groups: Vec<Group>) -> (Vec<Entity>, Vec<Span>) {
    let mut entities: Vec<(Entity, Span)> = Vec::new();
    for g in groups {
        if g.merged_into.is_some() {
            continue;
        }
        let Some(kind) = g.kind else { continue };
        if g.occurrences.is_empty() {
            continue;
        }
        let mut occs = g.occurrences;
        occs.sort_by_key(|o| o.span);
        occs.dedup_by_key(|o| o.span);
        // The fullest name: the longest mention not written in capitals, else the first.
        let name_span = occs
            .iter()
            .filter(|o| o.evidence & flag::CAPS == 0)
            .max_by_key(|o| (o.span.len(), std::cmp::Reverse(o.span.start)))
            .or(occs.first())
            .map(|o| o.span)
            .unwrap_or_default();
        let title = occs.iter().find_map(|o| o.title).map(|t| t.text(text).to_string());
        let mentions = occs.iter().map(|o| Mention { span: o.span, kind: MentionKind::Name }).collect();
        let name = display_name(name_span.text(text));
        entities.push((Entity { name: name.into(), kind, mentions, title, pronoun: None }, name_span));
    }
    entities.sort_by_key(|(e, _)| e.mentions.first().map(|m| m.span.start).unwrap_or(0));
    entities.into_iter().unzip()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_names_normalise_as_other_text_does() {
        // The general path, word by word, is the reference.
        let general = |s: &str| {
            let mut out = String::new();
            for w in s.split_whitespace() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&w.to_lowercase());
            }
            out
        };
        for s in ["Sergey Lavrov", "  Sergey \t\n Lavrov  ", "O'Neill", "", "   ", "A\x0BB\x0CC\rD", "U.S. Army", "A  B", "A\nB", " A", "A "] {
            let mut out = String::from("x ");
            normalise_ascii_into(s, &mut out);
            let expected = general(s);
            assert_eq!(out, format!("x {expected}"), "{s:?}");
        }
    }
    #[test]
    fn keys_read_with_the_candidates_are_the_normalised_names() {
        use super::super::super::{sentences, tokens};
        use super::super::candidates::name_candidates_with_keys;
        // Names with a tab, a no-break space, curly apostrophes, a final sigma, a capitals line,
        // possessives and pronouns: the keys read in the candidates' pass are what `NameKeys::new`
        // reads from the names afterwards.
        let text = "Foreign Minister Sergey Lavrov told Mr. O\u{2019}Neill\u{2019}s aide that Jean\tPaul Sartre \
                    and Ana\u{a0}Ruiz met ΟΔΥΣΣΕΑΣ Papas in New York.\nRUSSIA TO ASSESS EU REQUESTS\nShe said \
                    Jon \"Tig\" Tallent and Dynamo Moscow of the Bank of England\u{2019}s team met him.";
        let toks = tokens::tokenize(text);
        let sents = sentences::split(text, &toks);
        let (names, keys) = name_candidates_with_keys(text, &toks, &sents);
        let expected = NameKeys::new(text, &names);
        assert!(names.len() >= 10, "{names:?}");
        for i in 0..names.len() {
            assert_eq!(keys.get(i), expected.get(i), "{:?}", names[i]);
        }
        assert_eq!(keys.get(names.len()), None);
    }
}

