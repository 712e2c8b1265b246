//! One capitalised run of a paragraph: split off its title, strip common words, and record the
//! evidence in and around it (see [`super::candidates`]).

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::dateline::us_states;
use super::super::lexicon::ascii_lower;
use super::super::span::Span;
use super::super::tokens::TokenKind;
use super::candidates::{
    flag, is_all_caps, is_connector, is_initial, is_speech_verb, starts_upper, WordShape, CandidateKind, Ctx, NameCandidate,
    PLACE_PREPOSITIONS,
};
use super::collect::is_single_spaced;
use super::lexicon::{lexicon, list, title_of, TitleWord};

/// Splits a run into title and name, strips common words, and pushes what is left.
pub(super) fn process_run(cx: &mut Ctx, a: usize, b: usize) {
    let (mut a, mut b) = (a, b);
    // Common words at either end are not part of a name (`The`, `On Friday`).
    // ... except a given name that is also a word, before another name: `Will Carling`.
    while a <= b
        && (cx.is_word(a) && cx.is_common(a) && !(a < b && cx.on(a, list::GIVEN_COMMON))
            || is_connector(cx.word(a))
            || (a < b && opens_with_a_participle(cx, a)))
    {
        a += 1;
    }
    while b >= a && b > 0 && (cx.is_common(b) || is_connector(cx.word(b))) && !surname_that_is_a_word(cx, a, b) {
        b -= 1;
    }
    // A placeholder (`TK`) or a state after its city (`Evanston, Ill.`) is not a name of its own.
    if a == b && (cx.on(a, list::PLACEHOLDER) || is_state_after_city(cx, a)) {
        return;
    }
    while a < b && !cx.is_word(a) {
        a += 1;
    }
    if a > b {
        return;
    }
    // A run with a nickname (`former Marine Jon "Tig" Tallent`) holds one name, from the given
    // name before the nickname: what comes before it is a role.
    if let Some(q) = (a + 1..b).find(|&q| cx.tokens[q].kind == TokenKind::QuoteMark).filter(|&q| q >= a + 2) {
        let title = Span { start: cx.tokens[a].span.start, end: cx.tokens[q - 2].span.end };
        push_run(cx, q - 1, b, Some((title, flag::TITLE)));
        return;
    }
    // A nationality before a given name starts a name of its own: `American | Anne Miller`.
    for k in a + 1..b {
        if cx.on(k - 1, list::DEMONYM) && cx.on(k, list::GIVEN) {
            push_run(cx, a, k - 1, None);
            a = k;
            break;
        }
    }
    // The last title word followed only by non-title words: `Foreign Minister | Sergey Lavrov`.
    let mut split = None;
    for k in a..b {
        if matches!(cx.title(k), Some(TitleWord::Head | TitleWord::Honorific)) {
            // `Major League Baseball` and `General Motors` are names, not titles before names.
            let rest_plain = (k + 1..=b).all(|m| {
                let lists = cx.lists(m);
                title_of(lists.bare_dotless).is_none() && lists.bare & list::ORG == 0
            }) && cx.lists(b).bare & list::EVENT == 0;
            if rest_plain {
                split = Some(k);
            }
        }
    }
    let all_title = (a..=b).all(|k| cx.title(k).is_some() || is_connector(cx.word(k)));
    // `Secretary of State`, `Prime Minister`: a title with no name.
    if all_title && (a..=b).any(|k| cx.title(k) == Some(TitleWord::Head)) {
        return;
    }
    let title_end = match split {
        Some(k) => Some(k),
        // `Russian Foreign Minister` is a title alone; `Shayne King` is a name.
        None if matches!(cx.title(b), Some(TitleWord::Head)) && !(b > a && cx.on(b - 1, list::GIVEN)) =>
        {
            Some(b)
        }
        None => None,
    };
    let Some(k) = title_end else {
        push_run(cx, a, b, lowercase_title(cx, a));
        return;
    };
    // The core of the title: the title words right before its end; what comes before them is a
    // name of its own (`Russian | Foreign Minister`, `FSB | Director`).
    let mut core = k;
    while core > a && cx.title(core - 1).is_some() && !is_connector(cx.word(core - 1)) {
        core -= 1;
    }
    if core > a {
        let mut pa = a;
        let mut pb = core - 1;
        while pb > pa && is_connector(cx.word(pb)) {
            pb -= 1;
        }
        while pa < pb && is_connector(cx.word(pa)) {
            pa += 1;
        }
        // `in Kazan Russian Foreign Minister`: a nationality word starts a name of its own.
        let mut from = pa;
        for m in pa + 1..=pb {
            if cx.on(m, list::DEMONYM) && !cx.on(m - 1, list::DEMONYM) {
                push_run(cx, from, m - 1, None);
                from = m;
            }
        }
        push_run(cx, from, pb, None);
        if let Some(last) = cx.out.last_mut() {
            last.evidence |= flag::PREFIX_OF_TITLE;
        }
    }
    if k < b && !all_title {
        let title = Span { start: cx.tokens[a].span.start, end: cx.tokens[k].span.end };
        let f = if cx.lists(k).dotless & list::HONORIFIC != 0 { flag::HONORIFIC } else { flag::TITLE };
        push_run(cx, k + 1, b, Some((title, f)));
    }
}

/// `Chasing | Trump and Cruz was Rubio`: a participle opening a sentence before a name is no part
/// of it. A word of six letters or more ending in `-ing` that starts a sentence and is on no list of
/// names (`Irving Berlin`, `Wyoming Gov.`, `Beijing Normal University` keep theirs).
fn opens_with_a_participle(cx: &Ctx, a: usize) -> bool {
    const NAMES: u16 = list::GIVEN | list::GIVEN_COMMON | list::GIVEN_LISTED | list::PLACE | list::DEMONYM | list::ORG | list::EVENT | list::PLACE_WORD;
    let word = cx.word(a);
    cx.starts(a)
        && word.len() >= 6
        && word.ends_with("ing")
        && word[1..].bytes().all(|b| b.is_ascii_lowercase())
        && cx.lists(a).word & NAMES == 0
}

/// `Ill.` in `Evanston, Ill.`, `IL` in `Chicago, IL 60601`: a US state's abbreviation right after a
/// city and its comma qualifies the city. (A state written in full, `Illinois`, stays a place.) A
/// postal code counts only where no word follows (`Chicago, LA and Boston` names a city).
fn is_state_after_city(cx: &Ctx, i: usize) -> bool {
    if i < 2 || cx.word(i - 1) != "," || !cx.is_cap_word(i - 2) || !cx.same_line(i - 2, i) {
        return false;
    }
    let word = cx.word(i);
    let stop_follows = word.ends_with('.') || cx.word(i + 1) == ".";
    let abbreviations = state_abbreviations();
    let mut buf = [0u8; 16];
    let dotted = ascii_lower(word.trim_end_matches('.'), &mut buf)
        .and_then(|w| abbreviations.without_stops.get(w))
        .is_some_and(|&written_without_stop| stop_follows || written_without_stop);
    dotted || abbreviations.postal.contains(word) && !cx.is_word(i + 1)
}

/// The US states' abbreviations, looked up once per word rather than compared with every state.
struct StateAbbreviations {
    /// Each abbreviation (dateline and other), lowercase without its stops (`ill`, `calif`), and
    /// whether one of its forms is written with no stop (`Calif`), so needs none after it.
    without_stops: FxHashMap<String, bool>,
    /// The postal codes (`IL`).
    postal: FxHashSet<&'static str>,
}

fn state_abbreviations() -> &'static StateAbbreviations {
    static ABBREVIATIONS: OnceLock<StateAbbreviations> = OnceLock::new();
    ABBREVIATIONS.get_or_init(|| {
        let mut without_stops: FxHashMap<String, bool> = FxHashMap::default();
        for abbr in us_states().iter().flat_map(|s| s.abbreviation.iter().chain(&s.others)) {
            let no_stop = without_stops.entry(abbr.trim_end_matches('.').to_ascii_lowercase()).or_default();
            *no_stop |= !abbr.ends_with('.');
        }
        StateAbbreviations { without_stops, postal: us_states().iter().map(|s| s.postal).collect() }
    })
}

/// A lowercase role right before the run: `coach Glenn Hoddle`, `foreign minister Sergey Lavrov`.
fn lowercase_title(cx: &Ctx, a: usize) -> Option<(Span, u32)> {
    let p = a.checked_sub(1)?;
    if !cx.is_word(p) || starts_upper(cx.word(p)) || !cx.same_line(p, a) {
        return None;
    }
    if cx.title(p) != Some(TitleWord::Head) {
        return None;
    }
    let mut s = p;
    while s > 0
        && cx.is_word(s - 1)
        && cx.same_line(s - 1, s)
        && cx.title(s - 1) == Some(TitleWord::Modifier)
    {
        s -= 1;
    }
    Some((Span { start: cx.tokens[s].span.start, end: cx.tokens[p].span.end }, flag::TITLE))
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s").unwrap_or(w)
}

/// Evidence that a run names a person, an organisation, a nationality or a team in a table: no
/// gazetteer lookup then.
const NOT_A_CITY: u32 = flag::GIVEN
    | flag::TITLE
    | flag::HONORIFIC
    | flag::INITIAL
    | flag::ORG_WORD
    | flag::EVENT_SUFFIX
    | flag::DEMONYM
    | flag::ACRONYM
    | flag::TABLE_ROW;

/// A city of the gazetteer is weak evidence of a place; beside a score or `v` (`Cardiff 0 Wigan 2`,
/// `Ajax v PSV`) it names a team, as in a row of results.
fn gazetteer_evidence(cx: &Ctx, a: usize, b: usize, name: &str) -> u32 {
    if !super::super::gazetteer::is_city_name(name) {
        return 0;
    }
    let number = |i: usize| cx.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Number);
    let team = |i: usize| (number(i) || cx.word(i) == "v") && cx.same_line(i.min(a), i.max(b));
    if team(b + 1) || a.checked_sub(1).is_some_and(team) {
        flag::TABLE_ROW
    } else {
        flag::GAZETTEER
    }
}

/// A word that is also a name (`May`, `Will`) ending a run after another name's word, not before
/// a number: `Theresa May`, `Yin Thu May, 60,` (but `Smith May 5`, `on Tuesday May`).
fn surname_that_is_a_word(cx: &Ctx, a: usize, b: usize) -> bool {
    b > a
        && cx.on(b, list::GIVEN_COMMON)
        && !cx.starts(b)
        && cx.is_cap_word(b - 1)
        && !cx.is_common(b - 1)
        && !is_connector(cx.word(b - 1))
        && cx.same_line(b - 1, b)
        && !cx.tokens.get(b + 1).is_some_and(|t| t.kind == TokenKind::Number)
}

/// Pushes tokens `a..=b` as one candidate, with the evidence around it.
pub(super) fn push_run(cx: &mut Ctx, a: usize, b: usize, title: Option<(Span, u32)>) {
    if a > b || b >= cx.tokens.len() {
        return;
    }
    if let Some(of) = person_before_of(cx, a, b, title.is_some()) {
        push_run(cx, a, of - 1, title);
        push_run(cx, of + 1, b, None);
        return;
    }
    let last_shape = cx.shape_at(b);
    let name_text = Span { start: cx.tokens[a].span.start, end: last_shape.name_end }.text(cx.text);
    // Most names are short ASCII: lowercase them on the stack, not in a new String.
    let mut buf = [0u8; 64];
    let owned;
    let name_lower = match ascii_lower(name_text, &mut buf) {
        Some(lower) => lower,
        None => {
            // ASCII text has no curly apostrophe to straighten.
            owned = if name_text.is_ascii() {
                name_text.to_ascii_lowercase()
            } else {
                name_text.to_lowercase().replace('’', "'")
            };
            &owned
        }
    };
    if let Some(found) = run_candidate(cx, a, b, title, &last_shape, name_lower) {
        // The lowercase name is the key when nothing in it needs normalising.
        let key = (name_text.is_ascii() && is_single_spaced(name_text.as_bytes())).then_some(name_lower);
        cx.push(found, key);
    }
}

/// The `of` after a person's name in a run: `Sam Reed | of Citizens`, `Gov. Phil Bryant | of
/// Mississippi`. The name has two or three words and starts with a given name (or has a title
/// before it, or a speech verb: `said Meenakshi Rao | of ...`, whose given name no list may hold),
/// and no organisation word: `Bank of England`, `Royal Bank of Scotland` and `Democratic Republic
/// of Congo` stay whole.
fn person_before_of(cx: &Ctx, a: usize, b: usize, titled: bool) -> Option<usize> {
    let of = (a + 2..b.min(a + 5)).find(|&k| cx.word(k) == "of")?;
    let words = (a..of).filter(|&k| cx.word(k) != ".").count();
    let plain = (a..of).all(|k| {
        cx.word(k) == "." || (starts_upper(cx.word(k)) && cx.lists(k).bare & (list::ORG | list::PLACE | list::EVENT) == 0 && cx.title(k).is_none())
    });
    let spoken = a > 0 && is_speech_verb(cx.word(a - 1));
    ((2..=3).contains(&words) && plain && (titled || spoken || cx.on(a, list::GIVEN)) && starts_upper(cx.word(of + 1)))
        .then_some(of)
}

/// The candidate for tokens `a..=b` (`a <= b`, both tokens of the paragraph), if they make one;
/// `last_shape` is the [`shape`] of token `b`, `name_lower` the lowercase text of the name.
fn run_candidate(
    cx: &Ctx,
    a: usize,
    b: usize,
    title: Option<(Span, u32)>,
    last_shape: &WordShape,
    name_lower: &str,
) -> Option<NameCandidate> {
    let lx = lexicon();
    let span = Span { start: cx.tokens[a].span.start, end: last_shape.name_end };
    let name_text = span.text(cx.text);
    // Fewer than two letters or digits: stop counting at the second.
    if name_text.chars().filter(|c| c.is_alphanumeric()).nth(1).is_none() {
        return None;
    }
    // The run's words (without `'s`): every token but the stops of initials.
    let word_tokens = || (a..=b).filter(|&k| cx.word(k) != ".");
    let word = |k: usize| strip_possessive(cx.lower(k));
    let (mut first, mut prev, mut n_words) = (None, None, 0);
    let (mut any_bare, mut dotted_initial) = (0, false);
    for k in word_tokens() {
        first.get_or_insert(k);
        // An initial with its stop inside the word (`W.`), before the last word.
        if let Some(p) = prev.replace(k) {
            let w = word(p);
            dotted_initial |= w.len() == 2 && w.ends_with('.');
        }
        n_words += !is_connector(word(k)) as usize;
        any_bare |= cx.lists(k).bare & !list::PLACE_HEAD;
    }
    let (first, last) = (first?, prev?);
    let mut ev = title.map_or(0, |t| t.1);
    if cx.starts(a) {
        ev |= flag::SENT_START;
    }
    let first_text = word(first);
    // `-` is ASCII: a byte search finds where `split('-')` would split.
    let first_word = first_text.as_bytes().iter().position(|&b| b == b'-').map_or(first_text, |h| &first_text[..h]);
    if n_words >= 2
        && (cx.lists(first).bare & list::GIVEN != 0
            || first_word.len() != first_text.len() && lx.is_given_name(first_word))
    {
        ev |= flag::GIVEN;
    }
    let initial = (a..b).any(|k| is_initial(cx.word(k)) && cx.word(k + 1) == ".") || dotted_initial;
    if initial && n_words >= 2 {
        ev |= flag::INITIAL;
    }
    let last_lists = cx.lists(last).bare;
    if n_words >= 2 && last_lists & list::EVENT != 0 {
        ev |= flag::EVENT_SUFFIX;
    }
    if n_words >= 2 && last_lists & list::PLACE_WORD != 0 {
        ev |= flag::PLACE_SUFFIX;
    }
    if any_bare & list::ORG != 0 {
        ev |= flag::ORG_WORD;
    }
    // `France-Presse`: the part after a hyphen may be the organisation word.
    let hyphen_tail = || word(last).rsplit_once('-').is_some_and(|(_, tail)| lx.is_org_word(tail));
    if last_lists & list::ORG != 0 || word(last).as_bytes().contains(&b'-') && hyphen_tail() {
        ev |= flag::ORG_SUFFIX;
    }
    // A one-word ASCII name is its token's lowercase form, whose lists the token already has.
    let whole_token = a == b && cx.is_word(a) && name_text.is_ascii() && name_text.len() == cx.word(a).len();
    let name_lists = if whole_token { cx.lists(a).word & !list::PLACE_HEAD } else { lx.lists(name_lower) };
    let known_place = name_lists & list::PLACE != 0;
    if known_place {
        ev |= flag::PLACE_KNOWN;
    }
    if name_lists & list::DEMONYM != 0 || name_lower.strip_suffix('s').is_some_and(|w| lx.is_demonym(w)) {
        ev |= flag::DEMONYM;
    }
    // The name's own text: `NATO` of `NATO's` is in capitals, the token is not.
    if a == b && is_all_caps(name_text) && !known_place {
        ev |= flag::ACRONYM;
    }
    if last_shape.possessive {
        ev |= flag::POSSESSIVE;
    }
    if last_shape.based {
        ev |= flag::BASED;
    }
    if n_words >= 2 && !known_place {
        let mut prev: Option<usize> = None;
        let pair_place = word_tokens().any(|k| {
            prev.replace(k).is_some_and(|p| cx.lists(p).bare & list::PLACE_HEAD != 0 && is_place_pair(word(p), word(k)))
        });
        if pair_place || any_bare & list::PLACE != 0 {
            ev |= flag::HAS_PLACE;
        }
    }
    let row_start =
        a == 0 || !cx.same_line(a - 1, a) || cx.tokens.get(a - 1).is_some_and(|t| t.kind == TokenKind::Number);
    let number_next = cx.tokens.get(b + 1).is_some_and(|t| t.kind == TokenKind::Number) && cx.same_line(b, b + 1);
    if row_start && number_next && !last_shape.ends_run {
        ev |= flag::TABLE_ROW;
    }
    // (`first_text` is the first word without `'s`: its `bare` lists.)
    if !known_place && ev & NOT_A_CITY == 0 && !(n_words == 1 && cx.lists(first).bare & list::COMMON != 0) {
        ev |= gazetteer_evidence(cx, a, b, name_text);
    }
    if let Some(p) = a.checked_sub(1) {
        if cx.is_word(p) && PLACE_PREPOSITIONS.contains(&cx.word(p)) {
            ev |= flag::PLACE_CUE;
        }
    }
    if !last_shape.ends_run {
        ev |= after_evidence(cx, b + 1);
    }
    // Read only where the entity pass asks: of a lone word on no list but the nationalities (a
    // misspelt surname, `Cuban`), and of a longer name a speech verb follows.
    let lone_unlisted = n_words == 1 && (any_bare == 0 || any_bare & list::DEMONYM != 0);
    if lone_unlisted && ev & flag::SAID_AFTER == 0 && !last_shape.ends_run && reporting_verb_follows(cx, b + 1) {
        ev |= flag::CUE_AFTER;
    }
    let org_noun = |i: usize| cx.is_word(i) && !cx.is_cap_word(i) && cx.on(i, list::ORG);
    if n_words >= 2
        && (ev & flag::SAID_AFTER != 0 && a.checked_sub(1).is_some_and(org_noun)
            || !last_shape.ends_run && is_speech_verb(cx.word(b + 2)) && org_noun(b + 1))
    {
        ev |= flag::ORG_NOUN_NEAR;
    }
    Some(NameCandidate { span, title: title.map(|t| t.0), kind: CandidateKind::Name, evidence: ev })
}

/// Whether `first second` is a known place (`new york`), joined on the stack when short.
fn is_place_pair(first: &str, second: &str) -> bool {
    let lx = lexicon();
    let len = first.len() + 1 + second.len();
    let mut buf = [0u8; 64];
    if len > buf.len() {
        return lx.is_place(&format!("{first} {second}"));
    }
    buf[..first.len()].copy_from_slice(first.as_bytes());
    buf[first.len()] = b' ';
    buf[first.len() + 1..len].copy_from_slice(second.as_bytes());
    std::str::from_utf8(&buf[..len]).is_ok_and(|pair| lx.is_place(pair))
}

/// A reporting verb of `data/cue-verbs.tsv` (not a state of mind or a gesture) at token `j`, or
/// after one adverb there: `continued`, `also complained`, `later wrote`.
fn reporting_verb_follows(cx: &Ctx, j: usize) -> bool {
    use super::super::lexicon::{cue_verb, CueStyle};
    let reporting = |i: usize| {
        cx.is_word(i)
            && cx.same_line(i - 1, i)
            && cue_verb(cx.word(i)).is_some_and(|v| v.particle.is_none() && matches!(v.style, CueStyle::Neutral | CueStyle::Loaded))
    };
    let w = cx.word(j);
    reporting(j) || (matches!(w, "also" | "then" | "later" | "again" | "further" | "once" | "previously" | "recently") || w.ends_with("ly")) && reporting(j + 1)
}

/// Evidence from the tokens after a name starting at token `j`.
fn after_evidence(cx: &Ctx, j: usize) -> u32 {
    let lx = lexicon();
    let next = cx.word(j);
    let mut ev = 0;
    if cx.is_word(j) && is_speech_verb(next) {
        ev |= flag::SAID_AFTER;
    }

    if next == "," && cx.word(j + 1) == "who" {
        ev |= flag::WHO_AFTER;
    }
    if next == "(" && cx.same_line(j - 1, j) {
        for len in 1..=2 {
            if cx.word(j + 1 + len) == ")" {
                let inner = cx.word(j + 1).to_lowercase();
                let two = if len == 2 { format!("{inner} {}", cx.lower(j + 2)) } else { inner.clone() };
                let code = len == 1 && is_all_caps(cx.word(j + 1)) && cx.word(j + 1).len() <= 4;
                if lx.is_place(&two) || code {
                    ev |= flag::PAREN_PLACE;
                }
            }
        }
    }
    ev
}
