//! Pronouns: which person a `he`, `she`, `his` or possessive `her` outside quotation marks points
//! at, from what the stretch before it names ([`Seen`]), and whether a speaker pronoun carries on
//! the voice of the quotation before ([`Voices`]).

use rustc_hash::FxHashMap;

use super::Clue;
use crate::analysis::entities::Pronoun;
use crate::analysis::span::Span;
use crate::analysis::Analysis;

/// The subject of the sentence of a speaker pronoun at `at` (`Reyes said the plan would help
/// Ortiz and Lee, "…," she said`), or, when that sentence names no one before it, of the sentence
/// before (`Reyes spoke first. "…," she said`).
pub(super) fn subject_in_view(a: &Analysis, text: &str, seen: &[(u32, Seen)], quotes: &[Span], at: u32) -> Option<usize> {
    let pi = a.paragraph_at(at)?;
    let p = &a.paragraphs[pi];
    let si = p.sentence_at(at)?;
    let own = p.facts.sentences[si].start + p.offset();
    if let Some(e) = subject(seen, quotes, own, at) {
        return Some(e);
    }
    if referent(seen, own, at, |_| false) != Some(None) || text.get(own as usize..at as usize).is_none() {
        return None;
    }
    let before = if si > 0 {
        p.facts.sentences[si - 1].start + p.offset()
    } else {
        pi.checked_sub(1).and_then(|q| a.paragraphs[q].sentences().last()).map(|s| s.start)?
    };
    subject(seen, quotes, before, own)
}

/// The outermost spoken quotations, in order, with their paragraph and resolved speaker, and the
/// quotation each speaker mention attributes: to find the quotation before a speaker pronoun's own
/// in one look-up.
pub(super) struct Voices {
    /// `(span, paragraph, speaker entity)`, by start.
    quotes: Vec<(Span, usize, Option<usize>)>,
    /// Speaker mention start → index into `quotes`.
    by_mention: FxHashMap<u32, usize>,
}

impl Voices {
    pub(super) fn new(a: &Analysis) -> Voices {
        let mut outer: Vec<_> = a.quotes.iter().filter(|q| q.parent.is_none() && q.kind.is_speech()).collect();
        outer.sort_by_key(|q| q.span.start);
        let speaker = |q: &crate::analysis::quotes::Quote| q.attribution.as_ref().and_then(|at| at.speaker);
        let by_mention = outer.iter().enumerate().filter_map(|(i, q)| Some((speaker(q)?.mention.start, i))).collect();
        let quotes = outer.iter().map(|q| (q.span, q.paragraph, speaker(q).and_then(|sp| sp.entity))).collect();
        Voices { quotes, by_mention }
    }

    /// The spoken quotation that starts at `start`, with its resolved speaker.
    pub(super) fn quote_at(&self, start: u32) -> Option<(Span, Option<usize>)> {
        let i = self.quotes.partition_point(|q| q.0.start < start);
        self.quotes.get(i).filter(|q| q.0.start == start).map(|q| (q.0, q.2))
    }

    /// Whether a speaker pronoun at `span` carries on the voice of the quotation before its own:
    /// that one's speaker is `e`, within the last few paragraphs, and everyone named since
    /// (outside quotation marks, not as a possessor or an object) is `e`, shown by the draft to be
    /// of the other gender, or named right before a pronoun of it (`"…," Reyes said. But what if
    /// Ana Ruiz wins? Is her plan better? "…," he said`: [`super::voice_stretch`]).
    pub(super) fn same_voice(&self, seen: &[(u32, Seen)], by_entity: &FxHashMap<usize, Vec<Clue>>, e: usize, span: Span, g: Pronoun) -> bool {
        let Some(&own) = self.by_mention.get(&span.start) else { return false };
        let (own_span, own_paragraph, _) = self.quotes[own];
        let upto = own_span.start.min(span.start);
        let Some(&(before, paragraph, speaker)) = self.quotes[..self.quotes.partition_point(|q| q.0.end <= upto)].last() else {
            return false;
        };
        if speaker != Some(e) || paragraph + RECENT < own_paragraph {
            return false;
        }
        let other = |x: usize| by_entity.get(&x).is_some_and(|c| !c.is_empty() && c.iter().all(|c| c.pronoun != g));
        let i = seen.partition_point(|&(s, _)| s < before.end);
        // A long stretch is no continuing voice: a few dozen names at most are read.
        let mut stretch = seen[i..].iter().take_while(|&&(s, _)| s < span.start);
        super::voice_stretch::leaves_the_voice(stretch.by_ref().take(32).map(|&(_, x)| x), e, g == Pronoun::She, other)
            && stretch.next().is_none()
    }
}

/// How many paragraphs back a speaker pronoun may look for the person named last (as far as the
/// speaker resolution carries a speaker).
pub(super) const RECENT: usize = 3;

/// What a pronoun may point back at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Seen {
    /// A person named as themselves.
    Person(usize),
    /// A person named as a possessor (`Ruiz's plan`), an attribute (`the Obama administration`), an
    /// employer (`Ruiz campaign manager`) or the object of a preposition, with the entity (none
    /// for a surname two people share): rarely what a pronoun points at, but a pronoun after it is
    /// ambiguous unless the draft shows that person to be of the other gender.
    Aside(Option<usize>),
    /// An object pronoun (`thanked him`, `called her`; `true`: `her`), most often someone other
    /// than the subject: ambiguous like an aside.
    Object(bool),
    /// Another pronoun (`true`: `she`, `her`, `herself`): a chain from further back.
    Pronoun(bool),
    /// A quotation, which may bring in people of its own: ambiguous after a name, no matter
    /// before it.
    Quote,
}

/// What a pronoun points at when `from..to` (the stretch before it) names one person first and no
/// one else: `Some(Some(e))`; `Some(None)` when the stretch names no one and holds no pronoun;
/// `None` when it is ambiguous (two people, an aside, or a pronoun before the first name).
pub(super) fn referent(seen: &[(u32, Seen)], from: u32, to: u32, left_out: impl Fn(Seen) -> bool) -> Option<Option<usize>> {
    let i = seen.partition_point(|&(s, _)| s < from);
    let mut stretch =
        seen[i..].iter().take_while(|&&(s, _)| s < to).map(|&(_, x)| x).filter(|&x| !left_out(x)).skip_while(|&x| x == Seen::Quote);
    let first = match stretch.next() {
        None => return Some(None),
        Some(Seen::Person(e)) => e,
        Some(_) => return None,
    };
    stretch.all(|x| x == Seen::Person(first) || matches!(x, Seen::Pronoun(_))).then_some(Some(first))
}

/// `Lind interjected: "It is not true." He said ...`: what a pronoun opening a sentence points at
/// when the sentence before (`from..to`), less what `left_out` leaves out (people and pronouns
/// of the other gender), names one person first, then only the person again and pronouns, and
/// ends with quotations the speaker resolution gives that person: their own words bring in no
/// one else the pronoun could point at. (A quotation inside the sentence, `what Lind called "a
/// plan" to further his agenda`, leaves the words after it open.)
pub(super) fn past_own_quote(text: &str, seen: &[(u32, Seen)], voices: &Voices, from: u32, to: u32, left_out: impl Fn(Seen) -> bool) -> Option<usize> {
    let i = seen.partition_point(|&(s, _)| s < from);
    let mut stretch = seen[i..].iter().take_while(|&&(s, _)| s < to).filter(|&&(_, x)| !left_out(x));
    let &(_, Seen::Person(first)) = stretch.next()? else { return None };
    let mut quoted_to = None;
    for &(at, x) in stretch {
        match x {
            Seen::Person(p) if p == first && quoted_to.is_none() => {}
            Seen::Pronoun(_) if quoted_to.is_none() => {}
            Seen::Quote => {
                let (span, speaker) = voices.quote_at(at)?;
                if speaker != Some(first) {
                    return None;
                }
                quoted_to = Some(span.end);
            }
            _ => return None,
        }
    }
    let after = text.get(quoted_to? as usize..to as usize)?;
    after.trim_matches(|c: char| c.is_whitespace() || c == '.').is_empty().then_some(first)
}

/// What a pronoun of `gender` points at when `from..to` holds only pronouns of that gender already
/// given one person (and that person's name): `Reyes said he would run. He added that he ...`
/// carries the chain on; a pronoun of the other gender, a name or an aside breaks it.
pub(super) fn chained(seen: &[(u32, Seen)], chain: &FxHashMap<u32, (usize, Pronoun)>, from: u32, to: u32, gender: Pronoun) -> Option<Option<usize>> {
    let i = seen.partition_point(|&(s, _)| s < from);
    let mut person = None;
    for &(at, x) in seen[i..].iter().take_while(|&&(s, _)| s < to) {
        let e = match x {
            Seen::Pronoun(_) => match chain.get(&at) {
                Some(&(e, g)) if g == gender => e,
                _ => return None,
            },
            Seen::Person(e) if person.is_some() => e,
            Seen::Quote if person.is_none() => continue,
            _ => return None,
        };
        if *person.get_or_insert(e) != e {
            return None;
        }
    }
    person.map(Some)
}

/// Whether a name is the object of a preposition (`sounded off on Trump`), or joined by `and` or
/// `or` to one (`supporters of Ana Ruiz and Tom Lind`, `with Ruiz, Lind or Reyes`): not the
/// subject a pronoun after it points at.
pub(super) fn follows_preposition(before: &str) -> bool {
    const PREPOSITIONS: &[&str] = &["on", "to", "with", "against", "by", "for", "about", "at", "from", "of", "than", "into", "over", "under", "between", "like"];
    // A list of a few names at most is read back.
    const NAMES: usize = 4;
    let Some(mut rest) = before.strip_suffix(' ') else { return false };
    for names in 0..=NAMES {
        let word = rest.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        if PREPOSITIONS.contains(&word) {
            return true;
        }
        // `and`/`or` before the last name; a comma only between earlier ones (`Ruiz, Lind said` is
        // no list).
        let joined = rest.strip_suffix(" and").or_else(|| rest.strip_suffix(" or"));
        let Some(list) = joined.or_else(|| rest.strip_suffix(',').filter(|_| names > 0)) else { return false };
        match name_off(list) {
            Some(head) => rest = head,
            None => return false,
        }
    }
    false
}

/// `s` less the name it ends with (`Sen. Ana Ruiz`: capitalised words, a title's stop the only
/// one), up to the space before it; `None` when it ends with no name or a sentence's end.
fn name_off(s: &str) -> Option<&str> {
    const WORDS: usize = 4;
    let mut rest = s;
    for _ in 0..WORDS {
        let Some((head, word)) = rest.rsplit_once(' ') else { break };
        let bare = word.strip_suffix('.');
        let stop_ok = bare.is_none_or(|w| crate::analysis::sentences::is_abbreviation(&w.to_ascii_lowercase()));
        if !word.starts_with(char::is_uppercase) || !stop_ok {
            break;
        }
        rest = head;
    }
    (rest.len() < s.len()).then_some(rest)
}

/// Whether a subject pronoun leads its clause in a sentence that names no one before it: after an
/// opening phrase (`By June, he had hired staff`), or as the speaker of a quotation the sentence
/// opens with its own words (`The summit did "too little," she added`).
pub(super) fn leads_a_clause(text: &str, span: Span) -> bool {
    matches!(span.text(text), "he" | "He" | "she" | "She")
}

/// Whether a pronoun opens its sentence: nothing before it but a connective (`But, he noted`), or
/// only a quotation (`"…," he said`).
pub(super) fn opens_sentence(text: &str, quotes: &[Span], sentence: u32, pronoun: u32) -> bool {
    const CONNECTIVES: &[&str] = &["But", "And", "Indeed", "Still", "However", "Yet", "So", "Also", "Then", "Later", "Now", "Instead", "Meanwhile"];
    let blank = |from: u32, to: u32| {
        text.get(from as usize..to as usize).is_some_and(|t| {
            let t = t.trim_matches(|c: char| c.is_whitespace() || c == ',');
            t.is_empty() || CONNECTIVES.contains(&t)
        })
    };
    if blank(sentence, pronoun) {
        return true;
    }
    let i = quotes.partition_point(|q| q.end <= sentence);
    quotes.get(i).is_some_and(|q| q.start >= sentence && q.end <= pronoun && blank(sentence, q.start) && blank(q.end, pronoun))
}

/// The subject of a sentence: the person named first, within its first few words (`Ohio Gov. John
/// Kasich, a contender, predicted ... if Sanders wins`; after a quotation that opens the sentence,
/// `"…," Jeffrey Lewis wrote`), when no pronoun or aside comes before.
pub(super) fn subject(seen: &[(u32, Seen)], quotes: &[Span], from: u32, to: u32) -> Option<usize> {
    const OPENING: u32 = 40;
    let i = seen.partition_point(|&(s, _)| s < from);
    let (at, first) = seen[i..].iter().take_while(|&&(s, _)| s < to).find(|&&(_, x)| x != Seen::Quote)?;
    // The words before the name, less the quotations among them.
    let quoted: u32 = quotes[quotes.partition_point(|q| q.end <= from)..]
        .iter()
        .take_while(|q| q.end <= *at)
        .map(|q| q.end - q.start.max(from))
        .sum();
    match first {
        Seen::Person(e) if at - from - quoted.min(at - from) <= OPENING => Some(*e),
        _ => None,
    }
}

/// Whether a possessor's name owns a thing, not a person (`Lind's claim`, `Hale's news conference`,
/// `Ruiz's Tuesday speech`): the head noun is within the first two words after `'s`. A person it
/// owns (`Ruiz's lawyer said he`) would be what a pronoun after it points at, so only these count.
pub(super) fn owns_a_thing(after: &str) -> bool {
    const THINGS: &[&str] = &[
        "claim", "claims", "statement", "statements", "conference", "speech", "speeches", "remarks", "comments", "comment", "suggestion",
        "announcement", "decision", "proposal", "plan", "plans", "record", "testimony", "interview", "victory", "defeat", "bid", "promise",
        "pledge", "vow", "warning", "letter", "book", "memoir", "tweet", "tweets", "email", "emails", "e-mails", "assertion", "argument",
        "admission", "response", "reply", "appearance", "visit", "trip", "nomination", "resignation", "departure", "candidacy", "rally",
    ];
    let Some(rest) = after.strip_prefix("'s ").or_else(|| after.strip_prefix("\u{2019}s ")) else { return false };
    rest.split(' ').take(2).any(|w| THINGS.contains(&w.trim_end_matches(|c: char| !c.is_alphanumeric())))
}

/// What a pronoun points at when `from..to` names one person alone, as the owner of a thing
/// ([`owns_a_thing`]), and holds nothing else but pronouns of its gender: `Lind's claim that most
/// of her budget`, `Hale's news conference, in which he laid out`.
pub(super) fn owner_alone(seen: &[(u32, Seen)], owners: &[u32], from: u32, to: u32, she: bool) -> Option<usize> {
    let i = seen.partition_point(|&(s, _)| s < from);
    let mut stretch = seen[i..].iter().take_while(|&&(s, _)| s < to);
    let &(at, Seen::Aside(Some(e))) = stretch.next()? else { return None };
    (owners.binary_search(&at).is_ok() && stretch.all(|&(_, x)| x == Seen::Pronoun(she))).then_some(e)
}

/// Whether the words after a name make it a possessor or an attribute of something else:
/// `Reyes's plan`, `the Obama administration`.
pub(super) fn is_possessor_or_attribute(after: &str) -> bool {
    const ATTRIBUTED: &[&str] = &["administration", "campaign", "government", "era", "foundation", "family", "camp", "team", "aides", "allies", "supporters", "presidency", "doctrine"];
    if after.starts_with("'s") || after.starts_with("’s") || after.starts_with("-era") || after.starts_with("-led") {
        return true;
    }
    let next = after.trim_start_matches(' ').split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    after.starts_with(' ') && ATTRIBUTED.contains(&next)
}

/// The gender a pronoun shows, for the forms that point at a sentence's subject: not `him`, nor
/// `her` as an object (`Reyes thanked her`), which are as often someone else; `her` before a noun
/// (`Reyes said her plan`) is the possessive.
pub(super) fn pronoun_gender(text: &str, span: Span) -> Option<Pronoun> {
    // ASCII case is enough: no other letter lowercases to one of these words' letters.
    let is = |w: &str| span.text(text).eq_ignore_ascii_case(w);
    if is("he") || is("his") || is("himself") {
        Some(Pronoun::He)
    } else if is("she") || is("herself") {
        Some(Pronoun::She)
    } else if is("her") && is_possessive_her(text.get(span.end as usize..).unwrap_or("")) {
        Some(Pronoun::She)
    } else {
        None
    }
}

/// Whether `her` is followed by a noun it owns: a lowercase word that is no function word.
pub(super) fn is_possessive_her(after: &str) -> bool {
    const NOT_OWNED: &[&str] = &[
        "to", "in", "at", "on", "for", "with", "and", "or", "as", "that", "the", "a", "an", "about", "from", "by",
        "of", "into", "is", "was", "if", "when", "but", "so", "than", "this", "not", "up", "out", "back", "off",
        "down", "over", "after", "before", "because", "until", "while", "who", "what", "how", "why", "again",
    ];
    let Some(rest) = after.strip_prefix(' ') else { return false };
    let word: &str = rest.split(|c: char| !c.is_alphabetic() && c != '-').next().unwrap_or("");
    word.chars().next().is_some_and(char::is_lowercase) && !NOT_OWNED.contains(&word)
}

/// Words that open a phrase before a sentence's subject: `In her statement, Ana Ruiz said`, `After
/// his win, Reyes ...` (and participles: `Asked about his plan, Reyes ...`).
const OPENERS: &[&str] = &[
    "In", "After", "Before", "During", "Despite", "Since", "With", "Without", "On", "At", "For", "Throughout", "Following",
    "Upon", "Unlike", "Like", "As", "While", "When", "Through", "Until", "Asked", "Pressed", "Questioned",
];

/// `In her statement condemning the test, Ana Ruiz defended her record`: a sentence (`from..end`)
/// that opens with a phrase holding pronouns of one gender (`she`: that of the pronoun) and no one
/// named but people after them who cannot be their owners (`his support for Lind`: see
/// [`super::time_opener`]), and names its subject right after the phrase's comma. The subject's name start and
/// entity, when the sentence before (from `previous`) leaves the pronouns no one else: no one
/// else named in it, and no pronoun of that gender.
pub(super) fn cataphora(text: &str, seen: &[(u32, Seen)], previous: Option<u32>, from: u32, end: u32, she: bool) -> Option<(u32, usize)> {
    const GAP: usize = 40;
    let sentence = text.get(from as usize..end as usize)?;
    let first = sentence.split(|c: char| !c.is_alphabetic()).next()?;
    let participle = first.len() > 4 && first.ends_with("ing") && first.starts_with(char::is_uppercase);
    if !(participle || OPENERS.contains(&first) || super::time_opener::opens_with_time_span(sentence)) {
        return None;
    }
    let comma = from + sentence.find(", ")? as u32;
    let i = seen.partition_point(|&(s, _)| s < from);
    let phrase = &seen[i..i + seen[i..].partition_point(|&(s, _)| s < comma)];
    // The pronouns first; after them, only people named as objects or owners (`his support for
    // Lind`), who are not whose the pronouns are.
    let pronouns = phrase.iter().take_while(|&&(_, x)| x == Seen::Pronoun(she)).count();
    let objects = &phrase[pronouns..];
    if pronouns == 0 || !objects.iter().all(|&(_, x)| matches!(x, Seen::Aside(Some(_)))) {
        return None;
    }
    let object = |p: usize| objects.iter().any(|&(_, x)| x == Seen::Aside(Some(p)));
    let &(name_at, Seen::Person(e)) = seen.get(i + phrase.len())? else { return None };
    if object(e) {
        return None;
    }
    let gap = text.get(comma as usize + 2..name_at as usize)?;
    if name_at >= end || gap.len() > GAP || gap.contains([',', '"', '“']) {
        return None;
    }
    if let Some(previous) = previous.filter(|&p| p < from) {
        let j = seen.partition_point(|&(s, _)| s < previous);
        let clear = seen[j..i].iter().all(|&(_, x)| match x {
            Seen::Person(p) | Seen::Aside(Some(p)) => p == e || object(p),
            Seen::Pronoun(g) | Seen::Object(g) => g != she,
            Seen::Aside(None) => false,
            Seen::Quote => true,
        });
        if !clear {
            return None;
        }
    }
    Some((name_at, e))
}

/// Whom an object pronoun (`him`, or `her` as an object; `she`: `her`) at `to` points at, when its
/// sentence (from `from`) names before it exactly one person not shown to be of the other gender
/// (`shown_other`) and at least one who is, with no pronoun of its gender and no aside in between:
/// `Ms. Ruiz clashed with Lind, chiding him`. A sentence naming no one of the other gender leaves
/// it open (`Lind said voters would punish him`: as often someone named before).
pub(super) fn object_referent(seen: &[(u32, Seen)], from: u32, to: u32, she: bool, shown_other: impl Fn(usize) -> bool) -> Option<usize> {
    let i = seen.partition_point(|&(s, _)| s < from);
    let (mut one, mut contrast) = (None, false);
    for &(_, x) in seen[i..].iter().take_while(|&&(s, _)| s < to) {
        match x {
            Seen::Person(e) | Seen::Aside(Some(e)) if shown_other(e) => contrast = true,
            Seen::Person(e) | Seen::Aside(Some(e)) => {
                if *one.get_or_insert(e) != e {
                    return None;
                }
            }
            Seen::Pronoun(g) | Seen::Object(g) if g == she => return None,
            Seen::Pronoun(_) | Seen::Object(_) | Seen::Quote => {}
            Seen::Aside(None) => return None,
        }
    }
    one.filter(|_| contrast)
}

#[cfg(test)]
mod tests {
    use super::follows_preposition;
    use crate::analysis::sources::Gender;
    use super::super::inventory_gender as gender;

    #[test]
    fn a_pronoun_after_a_persons_own_quotation_points_at_that_person() {
        let text = "\"We will win,\" said Ms. Ana Ruiz.\n\nRuiz said the plans were alike. She said experts had found her \
                    proposals strong, to which Tom Lind objected: \"That is just not true.\" He said Ruiz would not go far enough.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["He".to_string()]));
        // Not with another man named beside him.
        let text = "\"We will win,\" said Ms. Ana Ruiz.\n\nRuiz said the plans were alike. She said experts had found her \
                    proposals strong, to which Tom Lind and Ben Okafor objected: \"That is just not true.\" He said Ruiz would not go far enough.\n\n\
                    \"No,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
        // Nor past a quotation inside the sentence: the words after it are open.
        let text = "\"We will see,\" Tom Lind said.\n\nBen Okafor has options. Another would be a party group, while a third would be \
                    what Lind called a \"wide\" plan, working with groups to further his agenda.\n\nWhatever route he takes, Okafor will stay.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
    }

    #[test]
    fn names_after_a_role_for_a_subject_are_no_subject() {
        // `his` and `He` are the senator's, not the rival's.
        let text = "Tom Lind won another vote on Tuesday.\n\nThe Ohio senator won the state, beating rival Ana Ruiz in his \
                    fourth win of the night. He also won in Texas.\n\n\"We will keep going,\" Ruiz said.\n";
        assert_eq!(gender(text, "Ana Ruiz"), (Gender::Unknown, vec![]));
        let text = "Lena Ortiz held up a sign.\n\nThe retired nurse told Tom Lind that she came because of her parents.\n\n\
                    \"We have seen this,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
        // A pronoun with no name before it looks back past the role to the person it stands for.
        let text = "Lena Ortiz held up a sign.\n\nThe retired nurse says she came because of her parents.\n\n\
                    \"We have seen this,\" Ortiz said.\n";
        assert_eq!(gender(text, "Lena Ortiz"), (Gender::Female, vec!["she".to_string(), "her".to_string()]));
    }

    #[test]
    fn a_name_joined_to_the_object_of_a_preposition_is_no_subject() {
        // `her` is the mayor's: Lind is one of the backers' candidates, not the sentence's subject.
        let text = "Backers of Harbor Bank and Tom Lind met on Friday, the day after the mayor won her seat.\n\n\"We will work,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
        assert!(follows_preposition("talks with Sen. Ana Ruiz and "));
        assert!(follows_preposition("a meeting with Ruiz, Reyes or "));
        // A comma alone makes no list, and a list does not reach back past a sentence's end.
        assert!(!follows_preposition("According to Ruiz, "));
        assert!(!follows_preposition("He spoke to Ruiz. Lind and "));
        assert!(!follows_preposition("Ruiz and "));
    }
}
