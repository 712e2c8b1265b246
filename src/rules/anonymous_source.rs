use super::prose::{is_capitalised, is_inside, is_word};
use super::{Finding, ParagraphContext, Rule, RuleContext, RuleMeta};
use crate::analysis::span::Span;
use crate::analysis::tokens::Token;

crate::declare_rule! {
    /// ## What it does
    /// Flags an unnamed source (`a source said`, `officials said`, `said a senior official`,
    /// `according to sources`, `people familiar with the matter`) when the paragraph gives no
    /// reason for the anonymity (`who spoke on condition of anonymity because ...`,
    /// `who was not authorized to speak publicly`, `who asked not to be named`). A definite back-reference
    /// (`the official said`) is not a new source and is left alone.
    ///
    /// ## Why it matters
    /// AP allows anonymous sources only when the story says why anonymity was granted and describes
    /// the source as precisely as possible; Reuters calls them the weakest sources. Readers need
    /// the reason to weigh the information.
    ///
    /// ## Example
    /// ```text
    /// The deal is dead, a source said.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// The deal is dead, said a senior trade official who spoke on condition of anonymity because
    /// she was not authorized to discuss the talks.
    /// ```
    pub struct AnonymousSource {
        code: "anonymous-source",
        summary: "An unnamed source with no reason given for the anonymity",
        severity: Hint,
    }
}

/// Nouns that name a source without naming a person.
const SOURCE_NOUNS: &[&str] = &[
    "source", "sources", "official", "officials", "insider", "insiders", "aide", "aides", "diplomat", "diplomats",
];
/// Nouns for a source only in `familiar with`, `close to`, `briefed on`, `with knowledge of`.
const VAGUE_NOUNS: &[&str] = &["person", "people", "persons", "someone", "those", "sources", "source", "officials", "official"];
/// Words that start an indefinite phrase: a new, unnamed source.
const INDEFINITE: &[&str] = &["a", "an", "one", "two", "three", "several", "some", "other", "many", "multiple", "numerous", "few"];
/// Words that start a definite phrase: a source already introduced.
const DEFINITE: &[&str] = &["the", "this", "that", "these", "those", "his", "her", "their", "its", "our", "same", "both"];
/// Words that show the story explains the anonymity.
const REASONS: &[&str] = &[
    "anonymity", "anonymous", "anonymously", "authorized", "authorised", "permitted", "allowed", "named",
    "identified", "identify", "name", "confidential", "confidentiality", "privately", "sensitivity", "sensitive",
];

impl Rule for AnonymousSource {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &RuleContext, _out: &mut Vec<Finding>) {}

    fn check_paragraph(&self, cx: &ParagraphContext, out: &mut Vec<Finding>) {
        if cx.heading {
            return;
        }
        let text = cx.scan;
        let toks: Vec<Token> = cx.facts.tokens.iter().copied().filter(|t| !is_inside(cx.quoted, t.span.start)).collect();
        let words: Vec<Folded> = toks.iter().map(|t| Folded::new(t.text(text))).collect();
        let mut spans = Vec::new();
        let mut last_end = 0;
        for i in 0..toks.len() {
            let Some(span) = unnamed_source_at(text, &toks, &words, i) else { continue };
            if span.start < last_end {
                continue;
            }
            last_end = span.end;
            spans.push(span);
        }
        // A paragraph that explains the anonymity is fine: read only where there is a finding to
        // drop (most paragraphs have none, and this reads every word).
        if spans.is_empty() || words.iter().any(|w| w.is_one_of(REASONS)) {
            return;
        }
        for span in spans {
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span,
                message: "Unnamed source: say why anonymity was granted and describe the source as precisely as possible".into(),
                fixes: Vec::new(),
                related: Vec::new(),
            });
        }
    }
}

/// The lengths and first letters of the nouns `unnamed_source_at` looks for, read from
/// SOURCE_NOUNS and VAGUE_NOUNS when the program is compiled, so the lists stay the only truth.
const NOUN_SHAPE: NounShape = NounShape::of(&[SOURCE_NOUNS, VAGUE_NOUNS]);

struct NounShape {
    shortest: usize,
    longest: usize,
    /// Bit `c - b'a'` for each first letter `c` (the lists are lower-case ASCII).
    first_letters: u32,
}

impl NounShape {
    const fn of(lists: &[&[&str]]) -> NounShape {
        let mut shape = NounShape { shortest: usize::MAX, longest: 0, first_letters: 0 };
        let mut l = 0;
        while l < lists.len() {
            let mut k = 0;
            while k < lists[l].len() {
                let word = lists[l][k].as_bytes();
                assert!(!word.is_empty() && word[0].is_ascii_lowercase(), "source nouns are lower-case ASCII");
                if word.len() < shape.shortest {
                    shape.shortest = word.len();
                }
                if word.len() > shape.longest {
                    shape.longest = word.len();
                }
                shape.first_letters |= 1 << (word[0] - b'a');
                k += 1;
            }
            l += 1;
        }
        shape
    }

    /// Whether `word` may be one of the nouns. Words that are not ASCII are always read against
    /// the lists: their lowercase may be shorter than they are.
    fn may_be(&self, word: &Folded) -> bool {
        let Folded::Ascii(w) = word else { return true };
        let Some(first) = w.as_bytes().first().map(u8::to_ascii_lowercase) else { return false };
        (self.shortest..=self.longest).contains(&w.len())
            && first.is_ascii_lowercase()
            && self.first_letters & (1 << (first - b'a')) != 0
    }
}

/// A word as it compares with our word lists (all ASCII, lower case) once lowercased, without
/// allocating for ASCII words: those compare case-insensitively in place. Other words are
/// lowercased, since the Unicode lowercase of a few letters is ASCII (the Kelvin sign is `k`).
enum Folded<'a> {
    Ascii(&'a str),
    Lowered(String),
}

impl<'a> Folded<'a> {
    fn new(word: &'a str) -> Folded<'a> {
        if word.is_ascii() {
            Folded::Ascii(word)
        } else {
            Folded::Lowered(word.to_lowercase())
        }
    }

    fn is(&self, lower: &str) -> bool {
        match self {
            Folded::Ascii(w) => w.eq_ignore_ascii_case(lower),
            Folded::Lowered(w) => w == lower,
        }
    }

    fn is_one_of(&self, list: &[&str]) -> bool {
        list.iter().any(|w| self.is(w))
    }

    fn ends_with(&self, lower: &str) -> bool {
        match self {
            Folded::Ascii(w) => w.len() >= lower.len() && w.as_bytes()[w.len() - lower.len()..].eq_ignore_ascii_case(lower.as_bytes()),
            Folded::Lowered(w) => w.ends_with(lower),
        }
    }

    fn chars_all(&self, f: impl Fn(char) -> bool) -> bool {
        match self {
            Folded::Ascii(w) => w.chars().all(f),
            Folded::Lowered(w) => w.chars().all(f),
        }
    }
}

fn is_cue(word: &Folded) -> bool {
    word.is_one_of(&["said", "say", "says", "told", "tell", "added", "confirmed", "cautioned", "warned"])
}

/// The unnamed-source phrase whose noun (or `according`/`said`) is token `i`.
fn unnamed_source_at(text: &str, toks: &[Token], words: &[Folded], i: usize) -> Option<Span> {
    let w = &words[i];
    // Most words are ruled out by their length and first letter before any list is read.
    if !NOUN_SHAPE.may_be(w) {
        return None;
    }
    let next = |k: usize, lower: &str| words.get(i + k).is_some_and(|n| n.is(lower));
    // `people familiar with the matter`, `a person close to the talks`.
    if w.is_one_of(VAGUE_NOUNS)
        && ((next(1, "familiar") && next(2, "with"))
            || (next(1, "close") && next(2, "to"))
            || (next(1, "briefed") && next(2, "on"))
            || (next(1, "with") && next(2, "knowledge")))
    {
        if i > 0 && words[i - 1].is_one_of(DEFINITE) {
            return None;
        }
        let start = phrase_start(toks, words, i).unwrap_or(i);
        return Some(toks[start].span.cover(toks[i + 2].span));
    }
    if !w.is_one_of(SOURCE_NOUNS) {
        return None;
    }
    // `officials said`, `a senior official told Reuters`.
    let cue_after = words.get(i + 1).is_some_and(is_cue) || (next(1, "have") && words.get(i + 2).is_some_and(is_cue));
    // `said a senior official`, `according to officials`.
    let start = phrase_start(toks, words, i)?;
    let before = start.checked_sub(1).map(|k| &words[k]);
    let before2 = start.checked_sub(2).map(|k| &words[k]);
    let after_to = before.is_some_and(|w| w.is("to"));
    let cue_before = before.is_some_and(|w| w.is_one_of(&["said", "says", "told"]))
        || (after_to && before2.is_some_and(|w| w.is("according")));
    if !(cue_after || cue_before) {
        return None;
    }
    // `said a senior official, Jane Doe` names the source after all.
    if next(1, ",") && toks.get(i + 2).is_some_and(|t| is_capitalised(t.text(text))) && !cue_after {
        return None;
    }
    let end = if cue_after { toks[i + 1].span } else { toks[i].span };
    let begin = if cue_before { toks[start - 1 - usize::from(after_to)].span } else { toks[start].span };
    Some(begin.cover(end))
}

/// The first token of the noun phrase ending at token `i` (`a senior U.S. official`), or `None`
/// when the phrase is definite (`the official`), a name (`Jane Doe, an aide`) or not a phrase.
fn phrase_start(toks: &[Token], words: &[Folded], i: usize) -> Option<usize> {
    let mut k = i;
    // Up to five modifiers: `two senior Western diplomats`, `a White House official`.
    while k > 0 && i - k < 5 {
        let prev = &words[k - 1];
        if !is_word(&toks[k - 1]) || prev.ends_with("'s") || prev.ends_with("’s") {
            break;
        }
        if prev.is_one_of(DEFINITE) {
            return None;
        }
        if prev.is_one_of(INDEFINITE) {
            return Some(k - 1);
        }
        if !is_modifier(prev) {
            break;
        }
        k -= 1;
    }
    // A bare plural (`officials said`) or a bare capitalised modifier (`U.S. officials said`).
    words[i].ends_with("s").then_some(k)
}

/// Words that may describe an unnamed source: `senior`, `U.S.`, `administration`, `Western`.
fn is_modifier(word: &Folded) -> bool {
    !word.is_one_of(&[
        "and", "or", "but", "that", "which", "who", "when", "while", "as", "in", "on", "at", "to", "from", "by", "with",
        "of", "for", "said", "says", "told", "is", "was", "were", "are", "have", "has", "had", "not", "also", "we",
        "they", "he", "she", "it", "i", "you", "if", "because", "than",
    ]) && word.chars_all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::run;

    fn flagged(text: &str) -> Vec<String> {
        run(&AnonymousSource, text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn the_noun_shape_admits_every_listed_noun_in_any_case() {
        for noun in SOURCE_NOUNS.iter().chain(VAGUE_NOUNS) {
            for written in [noun.to_string(), noun.to_uppercase(), format!("{}{}", noun[..1].to_uppercase(), &noun[1..])] {
                assert!(NOUN_SHAPE.may_be(&Folded::new(&written)), "{written}");
            }
        }
        // Too short, too long, or a first letter no noun has.
        for word in ["the", "governments", "mayor", "Mayor", "7-year"] {
            assert!(!NOUN_SHAPE.may_be(&Folded::new(word)), "{word}");
        }
    }

    #[test]
    fn flags_unnamed_sources_with_no_reason() {
        let text = include_str!("../../tests/fixtures/rules/anonymous-source.txt");
        assert_eq!(
            flagged(text),
            [
                "a source said",
                "Harbour officials said",
                "said a senior harbour official",
                "people familiar with",
                "according to sources",
                "Two Western diplomats told",
            ]
        );
    }

    #[test]
    fn leaves_explained_named_and_back_referenced_sources_alone() {
        let text = include_str!("../../tests/fixtures/rules/anonymous-source-clean.txt");
        assert_eq!(flagged(text), Vec::<String>::new());
    }
}
