//! Which quoted entities are people, and the name a person is listed under.
//!
//! The entity pass types a name from the words around its mentions, and leans towards an
//! organisation for a lone word before `said` (people are named in full first). A source has more
//! to go on, so the inventory looks again at a speaker the entity pass did not call a person:
//! - its quotes speak in the first person singular (`"I get that, too," Kowal said`): an
//!   institution says `we`;
//! - its name is a person's once titles and affiliations are set aside (`House Speaker Marta
//!   Kowal`, `Rina Vale of Ohio`), or it is the surname of such a name elsewhere in the draft; a
//!   name whose given name is on no list is a person's when the draft puts a person's title
//!   before it (`Sen. Ravi Quell of Ohio`);
//! - the draft introduces it by a role that only a person has (`band member Zorro`, `his nephew
//!   Tomas el Amin`), or as someone of an organisation (`the Ledger's Ishwin Taroc`);
//! - the draft's own `he` or `she` points at it (read by the caller, from coreference's evidence),
//!   or a relative `who` follows it where it speaks (`a post from Tamsin Orlo, who wrote`).
//!
//! A person is listed under the fullest form of their name the draft gives, without titles or the
//! organisation that follows (`Priya Nandan of Open Ledger Watch` is `Priya Nandan`); a
//! surname the draft also gives in full takes the full name, unless two people share it.

use rustc_hash::FxHashMap;

use crate::analysis::entities::lexicon::{lexicon, list, TitleWord};
use super::SourceKind;
use crate::analysis::entities::{Entity, MentionKind};

/// Nouns for people by their relation to someone, which the title lists do not hold.
const RELATION_NOUNS: &[&str] = &[
    "friend", "nephew", "niece", "son", "daughter", "wife", "husband", "mother", "father", "brother", "sister",
    "cousin", "uncle", "aunt", "grandson", "granddaughter", "grandmother", "grandfather", "partner", "neighbor",
    "neighbour", "colleague", "member", "fan", "student", "teacher", "boss", "girlfriend", "boyfriend",
];

/// The words of a name that name the person: without a trailing affiliation (` of Ohio`) and
/// without up to three words before a given name that set it apart ([`sets_a_name_apart`]:
/// `House Speaker Marta Kowal`, `Democrat Jane Roe`). `None` unless what is left starts with a
/// given name and has a surname after it.
pub(super) fn person_shaped(name: &str) -> Option<&str> {
    const MAX_LEADING: usize = 3;
    let name = bare(name);
    let mut start = 0;
    for (i, w) in name.split(' ').enumerate() {
        if is_given_name(w) {
            let rest = &name[start..];
            return (rest.split(' ').count() >= 2).then_some(rest);
        }
        if i == MAX_LEADING || !sets_a_name_apart(w) {
            break;
        }
        start += w.len() + 1;
    }
    None
}

/// A word before a given name that is no part of the name: a listed title, office, organisation,
/// party or place word (`House`, `Gov.`, `Democrat`), an abbreviation, or `Speaker` (the one office
/// the title list lacks). An unknown word is taken for part of the name (`Nang Seng Mo Hla`).
fn sets_a_name_apart(w: &str) -> bool {
    let lx = lexicon();
    w.ends_with('.')
        || with_lowercase(w, |lower| {
            lower == "speaker" || lx.title_word(lower).is_some() || lx.is_role_word(lower)
                || lx.lists(lower) & !(list::GIVEN | list::GIVEN_COMMON) != 0
        })
}

/// A given name on the entity pass's list, or one the census counts give a gender (`Chad`, which
/// the entity pass sets aside as a place).
fn is_given_name(w: &str) -> bool {
    with_lowercase(w, |lower| lexicon().is_given_name(lower) || crate::analysis::coref::given_name_pronoun(lower).is_some())
}

/// `f` of `w` lowercased: on the stack for a short ASCII word, as most are (this runs for every
/// word of every entity's name).
fn with_lowercase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if w.is_ascii() && w.len() <= buf.len() {
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(lower) {
            return f(lower);
        }
    }
    f(&w.to_lowercase())
}

/// A name without the affiliation written after it: `Priya Nandan of Open Ledger Watch` ->
/// `Priya Nandan`.
pub(super) fn bare(name: &str) -> &str {
    // The first ` of ` (a byte search: this runs for every entity, where `str::find` sets up a
    // substring searcher each time).
    let bytes = name.as_bytes();
    let Some(i) = memchr::memchr_iter(b' ', bytes).find(|&i| bytes[i..].starts_with(b" of ")) else { return name };
    let before = &name[..i];
    // `Secretary of State John Kerry`, `Duke of York`: the `of` belongs to a title.
    let last = before.rsplit(' ').next().unwrap_or("").to_lowercase();
    let lx = lexicon();
    if before.split(' ').count() < 2 || lx.title_word(&last).is_some() || lx.is_role_word(&last) || lx.is_org_word(&last) {
        return name;
    }
    before
}

/// The full names of the draft by surname, from every entity whatever its type (`House Speaker
/// Marta Kowal` typed an organisation is still Marta Kowal); a surname two full names share maps to
/// none.
pub(super) struct FullNames<'a>(FxHashMap<String, Option<&'a str>>);

impl<'a> FullNames<'a> {
    pub(super) fn new(text: &str, entities: &'a [Entity]) -> FullNames<'a> {
        let mut by_surname: FxHashMap<String, Option<&'a str>> = FxHashMap::default();
        // Each entity's person-shaped name, read once for both passes below.
        let shaped: Vec<Option<&'a str>> = entities.iter().map(|e| person_shaped(&e.name)).collect();
        for (e, &full) in entities.iter().zip(&shaped) {
            let Some(full) = full.or_else(|| titled_name(text, e)) else { continue };
            let Some(surname) = full.rsplit(' ').next() else { continue };
            by_surname
                .entry(surname.to_lowercase())
                .and_modify(|seen| {
                    if seen.is_some_and(|s| s != full && !s.ends_with(full) && !full.ends_with(s)) {
                        *seen = None;
                    }
                })
                .or_insert(Some(full));
        }
        // `Dana Whitfield` of `The Dana Whitfield Hour`: the given name and the word after it, for a
        // surname no full name gives.
        for &full in shaped.iter().flatten() {
            let mut words = full.split(' ');
            let (Some(given), Some(second), Some(_)) = (words.next(), words.next(), words.next()) else { continue };
            if !second.starts_with(char::is_uppercase) || second.ends_with('.') {
                continue;
            }
            by_surname.entry(second.to_lowercase()).or_insert(Some(&full[..given.len() + 1 + second.len()]));
        }
        FullNames(by_surname)
    }

    /// The one full name the draft gives for a lone surname.
    pub(super) fn of_surname(&self, word: &str) -> Option<&'a str> {
        if word.contains(' ') {
            return None;
        }
        self.0.get(&word.to_lowercase()).copied().flatten()
    }
}

/// The name of an entity the draft gives a person's title (`Sen. Ravi Quell of Ohio`,
/// `President Ada Mbeki`), without the affiliation after it: two or more capitalised words that
/// are no organisation's or place's ([`firmly_not_a_person`]), right after a title word or an
/// honorific at one of its name mentions. For names whose given name is on no list.
fn titled_name<'e>(text: &str, ent: &'e Entity) -> Option<&'e str> {
    let name = bare(&ent.name);
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 || !words.iter().all(|w| w.starts_with(char::is_uppercase)) || firmly_not_a_person(name).is_some() {
        return None;
    }
    let lx = lexicon();
    let titled = ent.mentions.iter().filter(|m| m.kind == MentionKind::Name).any(|m| {
        let before = text.get(..m.span.start as usize).unwrap_or("");
        let Some(before) = before.strip_suffix(' ') else { return false };
        let word = before.rsplit([' ', '\n', '\u{a0}']).next().unwrap_or("");
        word.starts_with(char::is_uppercase)
            && matches!(lx.title_word(&word.to_lowercase()), Some(TitleWord::Honorific | TitleWord::Head))
    });
    titled.then_some(name)
}

/// The name a person source is listed under.
pub(super) fn listed_name(text: &str, ent: &Entity, full: &FullNames) -> String {
    if let Some(whole) = full.of_surname(&ent.name) {
        return whole.to_string();
    }
    let name = person_shaped(&ent.name).unwrap_or_else(|| bare(&ent.name));
    let tail = cut_tail(text, ent, name).unwrap_or("");
    match longest_lead(text, ent, name) {
        Some(lead) => format!("{lead} {name}{tail}"),
        None => format!("{name}{tail}"),
    }
}

/// The rest of a name the entity pass cut off mid-word, at a character it does not take for a
/// letter (`Ca` + `±o Ruiz` of a mis-encoded `Caño Ruiz`): to the end of that word and up to
/// two capitalised words after it.
fn cut_tail<'t>(text: &'t str, ent: &Entity, name: &str) -> Option<&'t str> {
    let m = ent.mentions.iter().find(|m| m.kind == MentionKind::Name && m.span.text(text).ends_with(name))?;
    let rest = &text[m.span.end as usize..];
    let next = rest.chars().next()?;
    if next.is_whitespace() || next.is_ascii() || matches!(next, '’' | '‘' | '“' | '”' | '—' | '–' | '…' | '\u{a0}') {
        return None;
    }
    let mut end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    for _ in 0..2 {
        let Some(after) = rest[end..].strip_prefix(' ') else { break };
        let word = after.split(' ').next().unwrap_or("");
        let word = word.trim_end_matches([',', '.', ';', ':', '’', '\'']);
        if !(word.starts_with(char::is_uppercase) && word.chars().all(char::is_alphabetic)) {
            break;
        }
        end += 1 + word.len();
    }
    let tail = rest[..end].trim_end_matches([',', '.', ';', ':']);
    (!tail.is_empty()).then_some(tail)
}

/// The given names the entity pass left off a name it read in part (`Nang Seng` of `Nang Seng Mo
/// Hla` ... `Mo Hla`): capitalised words on no word list right before the two-word-or-longer
/// name in the draft. Two such words are taken anywhere; one only inside a sentence (a
/// sentence opens on all sorts of capitalised words: `Whatever Reyes plans`); none in a
/// title-case headline.
fn longest_lead<'t>(text: &'t str, ent: &Entity, name: &str) -> Option<&'t str> {
    /// Occurrences read at most (a long draft names its people many times).
    const MAX_LOOKS: usize = 64;
    /// How far before the entity's first name mention to read: a person is named in full on
    /// first reference, so the fuller form comes before the shorter one the entity pass kept.
    const WINDOW: usize = 20_000;
    if !name.contains(' ') {
        return None;
    }
    let first = ent.mentions.iter().find(|m| m.kind == MentionKind::Name)?;
    let upto = first.span.end as usize;
    let mut from = upto.saturating_sub(WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let unknown_capitalised = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.all(char::is_lowercase)
            && !sets_a_name_apart(w)
            && !is_given_name(w)
    };
    let mut best: Option<&str> = None;
    // The entity pass may not have kept the fuller run as a mention: read the draft itself.
    let window = text.get(from..upto)?;
    for at in memchr::memmem::find_iter(window.as_bytes(), name.as_bytes()).take(MAX_LOOKS) {
        let at = from + at;
        let after = text[at + name.len()..].chars().next();
        if after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        if in_title_case_line(&text[from..], at - from) {
            continue;
        }
        let before = &text[from..at];
        let Some(before) = before.strip_suffix(' ') else { continue };
        let mut start = before.len();
        let mut words = 0;
        for w in before.rsplit([' ', '\n']).take(2) {
            if !unknown_capitalised(w) {
                break;
            }
            start -= w.len() + usize::from(words > 0);
            words += 1;
        }
        let lead = &before[start..];
        let inside_sentence = before[..start].trim_end().ends_with(|c: char| c.is_lowercase() || c == ',');
        let taken = words == 2 || (words == 1 && inside_sentence);
        if taken && best.is_none_or(|b| b.len() < lead.len()) {
            best = Some(lead);
        }
    }
    best
}

/// Whether a speaker the entity pass did not type as a person is one, from what the inventory
/// sees: the entity's name, how the draft introduces the speaker (`written`, the speaker's words
/// at a quote) and the words of its quotes.
pub(super) fn speaks_as_a_person<'q>(
    text: &str,
    ent: &Entity,
    full: &FullNames,
    written: impl IntoIterator<Item = &'q str>,
    quoted: impl IntoIterator<Item = &'q str>,
) -> bool {
    if firmly_not_a_person(&ent.name).is_some() {
        return false;
    }
    if person_shaped(&ent.name).is_some() || titled_name(text, ent).is_some() || full.of_surname(&ent.name).is_some() {
        return true;
    }
    if written.into_iter().any(|w| introduced_by_role(w, &ent.name)) {
        return true;
    }
    quoted.into_iter().any(first_person_singular)
}

/// What a name says a speaker is when it cannot be a person's: a group for a people (`Asian
/// Americans`), an organisation for an acronym (`ISIS Declares Death`), a known place or an
/// organisation word (`Acme Bank`). Roman numerals (`John Smith III`) are no acronym.
pub(super) fn firmly_not_a_person(name: &str) -> Option<SourceKind> {
    let lx = lexicon();
    let words: Vec<String> = bare(name).split(' ').map(str::to_lowercase).collect();
    let last = words.last()?;
    if last.strip_suffix('s').is_some_and(|one| lx.is_demonym(one)) {
        return Some(SourceKind::Group);
    }
    let roman = |w: &str| w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let acronym = name.split(' ').any(|w| w.len() > 2 && w.chars().all(|c| c.is_ascii_uppercase()) && !roman(w));
    // `Procter & Gamble`, `P&G Amiens`: no person's name holds an ampersand.
    let other = acronym || name.contains('&') || lx.is_place(&words.join(" ")) || lx.is_org_word(last) || (words.len() == 1 && lx.is_demonym(last));
    other.then_some(SourceKind::Organization)
}

/// Where a speaker's words go on to name a second person speaking with them (`nuclear experts Jane
/// Roe` + ` and Ann Poe of the institute`): the end of the second name, for the joint phrase
/// `Jane Roe and Ann Poe`: a given name and at least one more capitalised word. The two speak as a
/// group.
pub(super) fn joint_end(text: &str, mention_end: usize) -> Option<usize> {
    let rest = text.get(mention_end..)?;
    let after_and = rest.strip_prefix(" and ")?;
    let mut len = 0;
    for w in after_and.split(' ').take(4) {
        let capitalised = w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.');
        if !capitalised {
            break;
        }
        len += w.len() + usize::from(len > 0);
    }
    // A second person's name opens on a given name (not `the senator and Democratic candidate`).
    let first = after_and.split(' ').next().unwrap_or("");
    (len > first.len() && is_given_name(first)).then_some(mention_end + " and ".len() + len)
}

/// `band member Zorro`, `his friend Tomas el Amin`: a lower-case person noun right before the
/// name inside the speaker's words. Or `the Ledger's Ishwin Taroc`: a name of two or more words
/// right after a capitalised possessive, someone of that organisation (or place).
fn introduced_by_role(written: &str, name: &str) -> bool {
    let Some(at) = written.find(name).filter(|&i| i > 0) else { return false };
    let before = written[..at].trim_end_matches([' ', '\u{a0}', ',']);
    let last = before.rsplit([' ', '\u{a0}']).next().unwrap_or("");
    let possessive = last.ends_with("'s") || last.ends_with("’s");
    if possessive && last.starts_with(char::is_uppercase) && name.contains(' ') && firmly_not_a_person(name).is_none() {
        return true;
    }
    if !last.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    RELATION_NOUNS.contains(&last) || lexicon().is_role_word(last)
}

/// `I`, `I'm`, `me`, `my` in a quote: one person speaking for themselves.
fn first_person_singular(quote: &str) -> bool {
    quote.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').any(|w| {
        matches!(w, "I" | "I'm" | "I’m" | "I've" | "I’ve" | "I'd" | "I’d" | "I'll" | "I’ll" | "me" | "my" | "Me" | "My" | "myself")
    })
}

/// Whether the words around `at` (a few either side, on its line) are set in title case, as
/// headlines are (`Rival Hits Jane Roe on Taxes`): their capitals say nothing about names.
fn in_title_case_line(text: &str, at: usize) -> bool {
    const AROUND: usize = 6;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let is_lower = |w: &&str| w.len() > 3 && w.starts_with(char::is_lowercase);
    let before = text[start..at].split_whitespace().rev().take(AROUND).filter(is_lower).count();
    let after = text[at..end].split_whitespace().take(AROUND + 2).filter(is_lower).count();
    before + after == 0
}

/// `Tamsin Orlo who wrote`, `Tamsin Orlo, who`: the relative pronoun of people right after a
/// speaker's words (organisations take `which` or `that`).
pub(super) fn followed_by_who(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    rest.strip_prefix([' ', '\u{a0}']).is_some_and(|r| r.starts_with("who ") || r.starts_with("who\u{a0}"))
}
