//! Word lists the passes share: cue verbs, pronouns, attribution-adjacent function words.
//! The cue verbs are our own list in `data/cue-verbs.tsv`, compiled in.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxBuildHasher;

/// How a style guide sees a cue verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueStyle {
    /// Fine in news copy (`said`, `told`, `added`).
    Neutral,
    /// Implies a judgement of the speaker (`claimed`, `admitted`, `insisted`).
    Loaded,
    /// A state of mind, not a speech act (`thinks`, `hopes`).
    Mental,
    /// A sound or gesture, not speech (`laughed`, `smiled`).
    Manner,
}

/// One inflected form of a cue verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueVerb {
    pub lemma: &'static str,
    /// A particle the verb needs to be a cue: `out` in `pointed out`.
    pub particle: Option<&'static str>,
    pub style: CueStyle,
}

const CUE_VERBS_TSV: &str = include_str!("../../data/cue-verbs.tsv");

fn cue_table() -> &'static HashMap<&'static str, CueVerb, FxBuildHasher> {
    static TABLE: OnceLock<HashMap<&'static str, CueVerb, FxBuildHasher>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::with_hasher(FxBuildHasher);
        for line in CUE_VERBS_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(lemma), Some(forms), Some(style)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let style = match style.trim() {
                "loaded" => CueStyle::Loaded,
                "mental" => CueStyle::Mental,
                "manner" => CueStyle::Manner,
                _ => CueStyle::Neutral,
            };
            let particle = lemma.split_once(' ').map(|(_, p)| p);
            for form in forms.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                table.entry(form).or_insert(CueVerb {
                    lemma,
                    particle,
                    style,
                });
            }
        }
        table
    })
}

/// The cue verb a word is a form of (`Said`, `pointed`), if any. The particle is not checked.
pub fn cue_verb(word: &str) -> Option<CueVerb> {
    // Most words are ruled out by length or first letter before any hashing.
    let bytes = word.as_bytes();
    let first = bytes.first()?.to_ascii_lowercase();
    if !(2..=14).contains(&word.len())
        || !first.is_ascii_lowercase()
        || cue_pairs()[(first - b'a') as usize] & (1 << second_letter_bit(bytes[1])) == 0
    {
        return None;
    }
    let mut buf = [0u8; 24];
    let lower = ascii_lower(word, &mut buf)?;
    cue_table().get(lower).copied()
}

/// The first two letters of all cue verb forms: for each first letter `a..=z`, a bit set of
/// second letters (see [`second_letter_bit`]). Most words are ruled out by it without hashing.
fn cue_pairs() -> &'static [u32; 26] {
    static PAIRS: OnceLock<[u32; 26]> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut pairs = [0u32; 26];
        for k in cue_table().keys().map(|k| k.as_bytes()) {
            if let (Some(&first), Some(&second)) = (k.first(), k.get(1)) {
                if first.is_ascii_lowercase() {
                    pairs[(first - b'a') as usize] |= 1 << second_letter_bit(second);
                }
            }
        }
        pairs
    })
}

/// The bit of a word's second byte in [`cue_pairs`]: its letter `a..=z` (either case), or one
/// bit shared by everything else.
fn second_letter_bit(b: u8) -> u32 {
    let lower = b.to_ascii_lowercase();
    if lower.is_ascii_lowercase() {
        (lower - b'a') as u32
    } else {
        26
    }
}

/// Lower-cases an ASCII word into `buf`; `None` for non-ASCII or overlong words.
pub fn ascii_lower<'b, const N: usize>(word: &str, buf: &'b mut [u8; N]) -> Option<&'b str> {
    if word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..word.len()];
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// Appends `s` lowercased, exactly as [`str::to_lowercase`] would give it, without allocating for
/// ASCII text.
pub fn push_lowercase(buf: &mut String, s: &str) {
    if s.is_ascii() {
        let from = buf.len();
        buf.push_str(s);
        buf[from..].make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
}

/// Personal pronouns that can be a speaker: `he said`.
pub fn is_subject_pronoun(word: &str) -> bool {
    matches!(
        word,
        "he" | "He"
            | "she"
            | "She"
            | "they"
            | "They"
            | "we"
            | "We"
            | "I"
            | "you"
            | "You"
            | "it"
            | "It"
    )
}

/// Words that start a noun phrase naming someone: `the minister`, `a spokesman`, `another`.
pub fn is_determiner(word: &str) -> bool {
    // Every determiner is short ASCII: other words match none of them.
    let mut buf = [0u8; 24];
    matches!(
        ascii_lower(word, &mut buf).unwrap_or(""),
        "the"
            | "a"
            | "an"
            | "another"
            | "one"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "this"
            | "that"
            | "these"
            | "those"
            | "some"
            | "many"
            | "several"
            | "two"
            | "three"
            | "both"
            | "each"
            | "other"
            | "others"
            | "most"
            | "all"
    )
}

/// Function words that never belong to a speaker's name or description, so a speaker phrase read
/// backwards from its verb stops at them.
pub fn ends_speaker_phrase(word_lower: &str) -> bool {
    matches!(
        word_lower,
        "and"
            | "or"
            | "but"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "because"
            | "if"
            | "when"
            | "while"
            | "as"
            | "than"
            | "so"
            | "in"
            | "on"
            | "at"
            | "to"
            | "from"
            | "by"
            | "with"
            | "about"
            | "after"
            | "before"
            | "since"
            | "for"
            | "into"
            | "over"
            | "under"
            | "during"
            | "where"
            | "what"
            | "how"
            | "why"
            | "then"
            | "there"
            | "here"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "not"
            | "said"
            | "says"
            | "also"
            | "just"
            | "only"
            | "even"
            | "yet"
            | "still"
            | "now"
            | "later"
            | "earlier"
            | "once"
            | "again"
            | "though"
            | "although"
            | "whether"
            | "this"
            | "these"
            | "those"
            | "it"
            | "we"
            | "you"
            | "i"
            | "me"
            | "him"
            | "them"
            | "us"
            | "until"
            | "unless"
            | "through"
            | "against"
            | "between"
            | "among"
            | "without"
            | "within"
            | "up"
            | "down"
            | "out"
            | "off"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "does"
            | "did"
            | "do"
            | "being"
            | "never"
    )
}

/// Adverbs and auxiliaries that may sit between a speaker and the cue verb: `Lavrov also said`,
/// `she has repeatedly said`.
pub fn is_cue_modifier(word: &str) -> bool {
    if !word.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    let mut buf = [0u8; 24];
    let owned;
    let lower = match ascii_lower(word, &mut buf) {
        Some(lower) => lower,
        None => {
            owned = word.to_ascii_lowercase();
            owned.as_str()
        }
    };
    matches!(
        lower,
        "also"
            | "later"
            | "then"
            | "earlier"
            | "previously"
            | "recently"
            | "once"
            | "again"
            | "further"
            | "has"
            | "had"
            | "have"
            | "would"
            | "will"
            | "was"
            | "is"
            | "did"
            | "does"
            | "do"
            | "may"
            | "might"
            | "could"
            | "should"
            | "can"
            | "often"
            | "always"
            | "never"
            | "not"
            | "just"
            | "already"
            | "still"
            | "even"
            | "reportedly"
            | "subsequently"
            | "quickly"
            | "publicly"
            | "privately"
            | "flatly"
            | "simply"
            | "first"
    ) || (lower.len() > 4
        && lower.ends_with("ly")
        && !matches!(lower, "family" | "early" | "ally" | "italy"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inflected_cue_verbs() {
        assert_eq!(cue_verb("said").map(|c| c.lemma), Some("say"));
        assert_eq!(cue_verb("Told").map(|c| c.lemma), Some("tell"));
        assert_eq!(cue_verb("pointed").and_then(|c| c.particle), Some("out"));
        assert_eq!(cue_verb("claimed").map(|c| c.style), Some(CueStyle::Loaded));
        assert_eq!(cue_verb("table"), None);
        assert_eq!(cue_verb("Ünïcode"), None);
    }
}
