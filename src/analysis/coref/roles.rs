//! The roles a draft gives each person, gathered from every mention, so that a description
//! (`the judge`, `the Florida senator`, `the deputy mayor`) finds the person holding that role
//! wherever and however the draft says it: a title before any mention (`Judge Richard Berman`,
//! `former Florida Gov. Jeb Bush`), an apposition after one (`Helen Cho, the deputy mayor,`) or
//! before one (`The deputy mayor, Helen Cho,`), and a home state after it (`Marco Rubio of
//! Florida`).

use crate::analysis::entities::lexicon::{lexicon, TitleWord};
use crate::analysis::lexicon::push_lowercase;
use crate::analysis::paragraph::Paragraph;
use super::mention_memo::{Lookup, MentionMemo, MentionMemoReader};
pub(super) use super::mention_memo::memo_holds;

/// How many words of a title before a name, or of an apposition, are read.
const TITLE_WORDS: usize = 5;
const APPOSITION_WORDS: usize = 8;

/// The role words around each name mention of a paragraph ([`around`]), kept with the
/// paragraph's cached facts across re-analyses ([`MentionMemo`]): reading them is most of
/// coreference's work on a long draft, and after a keystroke only one paragraph is new.
pub type RoleMemo = MentionMemo<Box<str>>;

/// The role words around every title, apposition and home state of a name mention at
/// `start..end`: those of [`title_before`], [`apposition_before`] and [`apposition_after`].
pub(super) fn around(text: &str, start: usize, end: usize, out: &mut String) {
    title_before(text, start, out);
    apposition_before(text, start, out);
    apposition_after(text, end, out);
    role_clause_after(text, end, out);
    party_state_tag(text, end, out);
}

/// Reads [`around`] for name mentions asked in order of start, from the memo of the paragraph
/// holding each mention when that paragraph is whole lines (else afresh).
pub(super) struct RoleReader<'a>(MentionMemoReader<'a, Box<str>>);

impl<'a> RoleReader<'a> {
    pub(super) fn new(text: &'a str, paragraphs: &'a [Paragraph]) -> RoleReader<'a> {
        RoleReader(MentionMemoReader::new(text, paragraphs, |p| &p.facts.role_memo))
    }

    /// Appends the role words around the mention `start..end` to `out` (after a space if `out`
    /// has words).
    pub(super) fn append_to(&mut self, start: u32, end: u32, out: &mut String) {
        let text = self.0.text();
        match self.0.lookup(start, end) {
            // Written straight after `out`'s words: [`around`] puts a space before each word
            // when `out` has any, as [`append`] would.
            Lookup::Afresh => around(text, start as usize, end as usize, out),
            Lookup::Found { entry, .. } => append(out, entry),
            Lookup::Vacant(slot) => {
                let from = out.len();
                around(slot.par_text, slot.key.0 as usize, slot.key.1 as usize, out);
                // The words just written, less the space put before them when `out` had words.
                let words = &out[from..];
                let words = if from > 0 { words.strip_prefix(' ').unwrap_or(words) } else { words };
                slot.keep(Box::from(words));
            }
        }
    }
}

/// Where the run of characters `in_word` that ends `s` starts. Asked for the word before every
/// name mention by the role and title readers: ASCII is read a byte at a time, and only from the
/// first other byte back is the text decoded as characters.
#[inline]
pub(super) fn word_start_before(s: &str, in_word: impl Fn(char) -> bool) -> usize {
    let bytes = s.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        let b = bytes[i - 1];
        if !b.is_ascii() {
            // `i` follows a non-ASCII byte and precedes an ASCII one (or the end): a boundary.
            return s[..i].char_indices().rev().find(|&(_, c)| !in_word(c)).map_or(0, |(j, c)| j + c.len_utf8());
        }
        if !in_word(char::from(b)) {
            return i;
        }
        i -= 1;
    }
    0
}

/// Where the first of `stops` in `s` is, as `s.find(stops)` says, with each ASCII byte tested
/// against a mask: the role and title readers look for the end of every apposition and clause
/// after a name. The ASCII stops are punctuation and line breaks, all below 64.
#[inline]
pub(super) fn find_stop(s: &str, stops: &[char]) -> Option<usize> {
    debug_assert!(stops.iter().all(|&c| !c.is_ascii() || u32::from(c) < 64));
    let ascii = stops.iter().filter(|&&c| u32::from(c) < 64).fold(0u64, |mask, &c| mask | 1 << u32::from(c));
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 64 {
            if ascii >> b & 1 == 1 {
                return Some(i);
            }
            i += 1;
        } else if b.is_ascii() {
            i += 1;
        } else {
            // A character's first byte: `i` only ever steps over whole characters.
            let c = s[i..].chars().next()?;
            if stops.contains(&c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

fn append(out: &mut String, words: &str) {
    if words.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(words);
}

/// Abbreviated titles and the word a description uses for them.
fn expand(word: &str) -> &str {
    match word {
        "sen" => "senator",
        "gov" => "governor",
        "rep" => "representative",
        "gen" => "general",
        "lt" => "lieutenant",
        "col" => "colonel",
        "capt" => "captain",
        "sgt" => "sergeant",
        "amb" => "ambassador",
        "sec" => "secretary",
        "atty" => "attorney",
        "supt" => "superintendent",
        "insp" => "inspector",
        "det" => "detective",
        "adm" => "admiral",
        "cmdr" => "commander",
        "pres" => "president",
        _ => word,
    }
}

/// Appends a word, lowercased, without its trailing stops and expanded, to `out`.
fn push_word(out: &mut String, word: &str) {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    if w.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    let from = out.len();
    push_lowercase(out, w);
    let expanded = expand(&out[from..]);
    if expanded.len() != out.len() - from {
        let expanded = expanded.to_string();
        out.truncate(from);
        out.push_str(&expanded);
    }
}

/// Words of the title written just before a name at `start`: capitalised words, title words and
/// place names, back to the first other word (`said former Florida Gov.` gives `former florida
/// governor`); a plural noun right before the name counts too (`hosts Joe`).
pub(super) fn title_before(text: &str, start: usize, out: &mut String) {
    let lx = lexicon();
    let before = &text[..start];
    let mut rest = before;
    // Each word lowercased on the stack when it is short ASCII, as nearly all are: this runs for
    // every person mention of the draft.
    let mut stack = [0u8; 24];
    let mut heap = String::new();
    for k in 0..TITLE_WORDS {
        if !rest.ends_with(' ') || rest.ends_with("  ") {
            break;
        }
        let trimmed = &rest[..rest.len() - 1];
        let word_start = word_start_before(trimmed, |c| !c.is_whitespace());
        let word = &trimmed[word_start..];
        // `“Gov. Christie`, `(Sen. Reval`: a title opening a quotation or parenthesis is the last.
        let opens = word.as_bytes().first().is_some_and(|b| matches!(b, b'"' | b'(' | b'[' | 0xE2));
        let opened = if opens { word.trim_start_matches(['"', '“', '‘', '(', '[']) } else { word };
        let last = opened.len() < word.len();
        let word = opened;
        let bare = word.trim_end_matches('.');
        let letters = if bare.is_ascii() {
            bare.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
        } else {
            bare.chars().all(|c| c.is_alphabetic() || c == '-')
        };
        if bare.is_empty() || !letters {
            break;
        }
        let lower: &str = if bare.len() <= stack.len() && bare.is_ascii() {
            let lowered = &mut stack[..bare.len()];
            lowered.copy_from_slice(bare.as_bytes());
            lowered.make_ascii_lowercase();
            std::str::from_utf8(lowered).unwrap_or_default()
        } else {
            heap.clear();
            push_lowercase(&mut heap, bare);
            &heap
        };
        let title = lx.title_word(lower);
        let capital = bare.chars().next().is_some_and(char::is_uppercase);
        // A full stop ends the sentence before unless the word is an abbreviated title (`Gov.`,
        // `Dr.`): `... the chief engineer. Odo Brenner` gives Brenner no role.
        let abbreviated = expand(lower) != lower || (title.is_some() && lower.len() <= 4);
        if word.ends_with('.') && !abbreviated {
            break;
        }
        // A lower-case word only as a title or a plural noun right before the name (`hosts Joe`).
        let plural_role = k == 0 && !capital && lower.len() > 4 && lower.ends_with('s') && !lx.is_common(lower);
        let fits = title.is_some_and(|t| t != TitleWord::Honorific) || (capital && !lx.is_common(lower)) || plural_role;
        if !fits {
            break;
        }
        push_word(out, bare);
        if let Some(singular) = lower.strip_suffix('s').filter(|_| k == 0 && !capital) {
            out.push(' ');
            out.push_str(singular);
        }
        if last {
            break;
        }
        rest = &before[..word_start];
    }
}

/// Words of an apposition or home state after a name ending at `end`: `, the deputy mayor,` or
/// ` of Florida`.
pub(super) fn apposition_after(text: &str, end: usize, out: &mut String) {
    let after = &text[end..];
    let body = if let Some(r) = after.strip_prefix(" of ") {
        // `of Florida`, `of the University of Texas`: its capitalised words only.
        let stop = find_stop(r, &[',', '.', ';', '(', ')', '"', '“', '”', '\n']).unwrap_or(r.len());
        for w in r[..stop].split_whitespace().take(4).take_while(|w| w.chars().next().is_some_and(char::is_uppercase)) {
            push_word(out, w);
        }
        return;
    } else if let Some(r) = after.strip_prefix(", ") {
        r
    } else {
        return;
    };
    // The first four bytes, in any ASCII case, open with an article (compared in place: this runs
    // for every name mention followed by a comma).
    let first_four = body.get(..4).map(str::as_bytes);
    let opens = ["the ", "a ", "an "].iter().any(|d| first_four.is_some_and(|s| s[..d.len()].eq_ignore_ascii_case(d.as_bytes())));
    if !opens {
        return;
    }
    let stop = find_stop(body, &[',', '.', ';', '(', ')', '"', '“', '”', '\n', '—']).unwrap_or(body.len());
    for w in body[..stop].split_whitespace().skip(1).take(APPOSITION_WORDS) {
        push_word(out, w);
    }
}

/// The party and state of a tag after a name, ` (R-Fla.)` or `, D-Calif.,`: `republican florida`,
/// `democrat democratic california`, so that `the Florida senator` and `the California Democrat`
/// find the person tagged.
pub(super) fn party_state_tag(text: &str, end: usize, out: &mut String) {
    let after = &text[end..];
    // The party is one letter, `R`, `D` or `I`, then the state after a hyphen or nothing: most
    // names are followed by neither, and are let go before any search for the tag's end.
    let party_letter = |r: &str, ends: &[u8]| {
        let b = r.as_bytes();
        matches!(b.first(), Some(b'R' | b'D' | b'I')) && b.get(1).map_or(true, |c| *c == b'-' || ends.contains(c))
    };
    let tag = if let Some(r) = after.strip_prefix(" (") {
        if !party_letter(r, b")") || r.len() == 1 {
            return;
        }
        r.split_once(')').map(|(t, _)| t)
    } else if let Some(r) = after.strip_prefix(", ") {
        if !party_letter(r, b", \n") {
            return;
        }
        r.split([',', ' ', '\n']).next()
    } else {
        None
    };
    let Some(tag) = tag.filter(|t| t.len() <= 16) else { return };
    let (party, state) = tag.split_once('-').unwrap_or((tag, ""));
    let party: &[&str] = match party {
        "R" => &["republican"],
        "D" => &["democrat", "democratic"],
        "I" => &["independent"],
        _ => return,
    };
    let state = state.trim().trim_end_matches('.');
    // Compared without their stops and spaces (`N.Y.`, `N. Y.`), in place: with no allocation
    // for each of the fifty states.
    let bare_eq = |a: &str, b: &str| {
        let (mut x, mut y) = (a.bytes().filter(|c| !matches!(c, b'.' | b' ')), b.bytes().filter(|c| !matches!(c, b'.' | b' ')));
        loop {
            match (x.next(), y.next()) {
                (None, None) => return true,
                (Some(p), Some(q)) if p.eq_ignore_ascii_case(&q) => {}
                _ => return false,
            }
        }
    };
    let named = (!state.is_empty())
        .then(|| {
            crate::analysis::dateline::us_states().iter().find(|s| {
                (state.len() == 2 && s.postal == state)
                    || s.name.eq_ignore_ascii_case(state)
                    || s.abbreviation.is_some_and(|a| bare_eq(a, state))
                    || s.others.iter().any(|o| bare_eq(o, state))
            })
        })
        .flatten();
    if !state.is_empty() && named.is_none() {
        return;
    }
    for w in party.iter().copied().chain(named.map(|s| s.name).into_iter().flat_map(str::split_whitespace)) {
        push_word(out, w);
    }
}

/// Verbs that give the subject a role: `X is the port's engineer`, `X, who has been the treasurer`.
const ROLE_VERBS: [&str; 10] =
    ["is ", "was ", "has been ", "had been ", "serves as ", "served as ", "became ", "remains ", "is now ", "was then "];

/// Words of a role given in a clause after a name ending at `end`, relative (`, who is the
/// harbor commissioner,`) or copular (` is the port's chief engineer.`), up to the clause's end.
pub(super) fn role_clause_after(text: &str, end: usize, out: &mut String) {
    let after = &text[end..];
    let clause = after.strip_prefix(", who ").or_else(|| after.strip_prefix(" who ")).or_else(|| after.strip_prefix(' '));
    let Some(clause) = clause else { return };
    // The first two letters of the role verbs: most names are followed by none (` said`), and
    // are let go before ten comparisons.
    if !matches!(clause.as_bytes().get(..2), Some(b"is" | b"wa" | b"ha" | b"se" | b"be" | b"re")) {
        return;
    }
    let Some(verb) = ROLE_VERBS.iter().find(|v| clause.starts_with(*v)) else { return };
    let body = &clause[verb.len()..];
    let Some(det) = ["the ", "a ", "an "].iter().find(|d| body.starts_with(*d)) else { return };
    let body = &body[det.len()..];
    let stop = find_stop(body, &[',', '.', ';', '(', ')', '"', '“', '”', '\n', '—']).unwrap_or(body.len());
    for w in body[..stop].split_whitespace().take(APPOSITION_WORDS) {
        push_word(out, w);
    }
}

/// Words of an apposition just before a name at `start`: `The deputy mayor, Helen Cho`.
pub(super) fn apposition_before(text: &str, start: usize, out: &mut String) {
    let Some(before) = text[..start].strip_suffix(", ") else { return };
    // Back to the end of the last stop, comma, colon, line break, quotation mark or parenthesis,
    // read as bytes: the curly marks `“` and `”` are the only ones outside ASCII.
    let bytes = before.as_bytes();
    let mut from = bytes.len();
    while from > 0 {
        let b = bytes[from - 1];
        let curly = matches!(b, 0x9C | 0x9D) && from >= 3 && bytes[from - 3..from - 1] == [0xE2, 0x80];
        if curly || matches!(b, b'.' | b',' | b';' | b':' | b'\n' | b'"' | b'(') {
            break;
        }
        from -= 1;
    }
    let phrase = before[from..].trim();
    let mut words = phrase.split_whitespace();
    let Some(first) = words.next() else { return };
    if !["the", "a", "an"].iter().any(|d| first.eq_ignore_ascii_case(d)) {
        return;
    }
    let rest: Vec<&str> = words.collect();
    if rest.is_empty() || rest.len() > TITLE_WORDS {
        return;
    }
    for w in rest {
        push_word(out, w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(text: &str, name: &str) -> String {
        let mut out = String::new();
        title_before(text, text.find(name).unwrap(), &mut out);
        out
    }

    #[test]
    fn titles_before_a_name() {
        assert_eq!(before("It was said by former Florida Gov. Jeb Bush today.", "Jeb"), "governor florida former");
        assert_eq!(before("It ruled that Judge Ann Berman was right.", "Ann"), "judge");
        assert_eq!(before("The talk ended. Ann Berman left.", "Ann"), "");
        assert_eq!(before("Ivo Sand is the chief engineer. Odo Brenner left.", "Odo"), "");
        assert_eq!(before("with show hosts Joe Lane and", "Joe"), "hosts host");
        assert_eq!(before("as he told Joe Lane", "Joe"), "");
        assert_eq!(before("he said. “Gov. Ann Lee, blink twice", "Ann"), "governor");
    }

    #[test]
    fn party_and_state_tags() {
        let tag = |text: &str| {
            let mut out = String::new();
            party_state_tag(text, text.find(" (").or_else(|| text.find(", ")).unwrap(), &mut out);
            out
        };
        assert_eq!(tag("Sen. Ada Brook (R-Fla.) spoke."), "republican florida");
        assert_eq!(tag("Rep. Noor Vance, D-Calif., spoke."), "democrat democratic california");
        assert_eq!(tag("Rep. Noor Vance (D-NY) spoke."), "democrat democratic new york");
        assert_eq!(tag("Noor Vance (I) spoke."), "independent");
        assert_eq!(tag("Noor Vance (R-Atlantis) spoke."), "");
        assert_eq!(tag("Noor Vance, Dana Lee and others spoke."), "");
    }

    #[test]
    fn roles_in_relative_and_copular_clauses() {
        let clause = |text: &str, name: &str| {
            let mut out = String::new();
            role_clause_after(text, text.find(name).unwrap() + name.len(), &mut out);
            out
        };
        assert_eq!(clause("Ivo Sand is the port's chief engineer. He left.", "Ivo Sand"), "port's chief engineer");
        assert_eq!(clause("Marta Quell, who is the harbor commissioner, spoke.", "Marta Quell"), "harbor commissioner");
        assert_eq!(clause("Odo Brenner, who has been the board's treasurer since 2019, left.", "Odo Brenner"), "board's treasurer since 2019");
        assert_eq!(clause("Odo Brenner is tired of the board.", "Odo Brenner"), "");
    }

    #[test]
    fn appositions() {
        let text = "The deputy mayor, Helen Cho, said. Marco Ruiz of Florida and Ann Lee, the city's top lawyer, met.";
        let mut out = String::new();
        apposition_before(text, text.find("Helen").unwrap(), &mut out);
        assert_eq!(out, "deputy mayor");
        out.clear();
        apposition_after(text, text.find(" of Florida").unwrap(), &mut out);
        assert_eq!(out, "florida");
        out.clear();
        apposition_after(text, text.find(", the city").unwrap(), &mut out);
        assert_eq!(out, "city's top lawyer");
    }
}
