//! What kind of source a speaker is when the speaker resolution found no entity for its words:
//! `a White House official` and `officials` are unnamed people, `protesters` a group, `the
//! ministry` an organisation.

use super::SourceKind;
use crate::analysis::entities::lexicon::lexicon;

/// Words after which a description goes on about its head (`a spokesman for the ministry`).
const BREAKS: &[&str] = &["of", "for", "at", "from", "with", "in", "on", "to", "who", "which", "that", "close", "familiar"];
const DETERMINERS: &[&str] = &["a", "an", "the", "one", "another", "two", "three", "several", "some", "many", "other", "its", "his", "her", "their"];
/// Heads that stand for a person whose name is withheld, besides the title words of the lexicon.
const ANONYMOUS_HEADS: &[&str] = &[
    "official", "source", "person", "people", "aide", "insider", "staffer", "spokesperson", "spokesman", "spokeswoman",
    "diplomat", "officer", "adviser", "advisor", "analyst", "expert", "witness", "resident", "member", "employee",
    "executive", "lawmaker", "legislator", "politician", "investigator", "lawyer", "attorney", "worker", "man", "woman",
];
/// Heads that, in the plural, still stand for people whose names are withheld (`officials said`),
/// not for a group speaking together (`residents said`).
const WITHHELD_PLURALS: &[&str] = &[
    "official", "source", "person", "aide", "insider", "staffer", "diplomat", "officer", "adviser", "advisor",
    "investigator", "spokesperson", "spokesman", "spokeswoman",
];
/// Words that speak for a body as a whole.
const BODY_HEADS: &[&str] = &["government", "ministry", "department", "agency", "company", "firm", "office", "statement", "report", "kremlin", "administration", "police", "army", "military", "court", "embassy", "campaign", "team", "club", "party", "union", "council", "committee", "board", "bank", "group"];

/// Whether a speaker's words are a personal pronoun (`he`, `she`, `I`): a person the speaker
/// resolution could not name, who is no unnamed source either, and so is listed as none.
pub(super) fn is_personal_pronoun(written: &str) -> bool {
    matches!(written.to_lowercase().as_str(), "he" | "she" | "i" | "you" | "him" | "her")
}

/// The kind of an unresolved speaker, and a key that the same description written again shares
/// (`a senior official` ... `the senior official`).
pub(super) fn classify(written: &str) -> (SourceKind, String) {
    let words: Vec<String> = written
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '.').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let mut content: Vec<&str> = words.iter().map(String::as_str).skip_while(|w| DETERMINERS.contains(w)).collect();
    if let Some(cut) = content.iter().position(|w| BREAKS.contains(w)) {
        content.truncate(cut);
    }
    let key = content.join(" ");
    let Some(&head) = content.last() else { return (SourceKind::Unnamed, key) };
    let kind = match head {
        "they" | "we" | "them" => SourceKind::Group,
        "it" => SourceKind::Organization,
        "he" | "she" | "i" | "you" => SourceKind::Unnamed,
        _ => head_kind(head),
    };
    (kind, key)
}

fn head_kind(head: &str) -> SourceKind {
    let lx = lexicon();
    if BODY_HEADS.contains(&head) || lx.is_org_word(head) {
        return SourceKind::Organization;
    }
    let anonymous = |w: &str| ANONYMOUS_HEADS.contains(&w) || lx.is_role_word(w);
    if anonymous(head) {
        return SourceKind::Unnamed;
    }
    match singular(head) {
        // `officials`, `sources`, `diplomats`: people whose names are withheld.
        Some(one) if WITHHELD_PLURALS.contains(&one.as_str()) => SourceKind::Unnamed,
        // `protesters`, `residents said`: people speaking as a group.
        Some(one) if BODY_HEADS.contains(&one.as_str()) || lx.is_org_word(&one) => SourceKind::Organization,
        Some(_) => SourceKind::Group,
        None => SourceKind::Unnamed,
    }
}

/// The singular of a plural noun (`officials` -> `official`, `parties` -> `party`), or `None` when
/// the word does not look plural.
fn singular(w: &str) -> Option<String> {
    if w == "people" {
        return Some("person".to_string());
    }
    if let Some(stem) = w.strip_suffix("men") {
        return Some(format!("{stem}man"));
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || w.len() < 4 {
        return None;
    }
    w.strip_suffix('s').map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_classified_by_their_head() {
        for (written, kind) in [
            ("a White House official", SourceKind::Unnamed),
            ("officials", SourceKind::Unnamed),
            ("a spokesman for the ministry", SourceKind::Unnamed),
            ("people familiar with the matter", SourceKind::Unnamed),
            ("two senior diplomats", SourceKind::Unnamed),
            ("spokesmen", SourceKind::Unnamed),
            ("protesters", SourceKind::Group),
            ("the villagers", SourceKind::Group),
            ("residents", SourceKind::Group),
            ("a resident", SourceKind::Unnamed),
            ("they", SourceKind::Group),
            ("the ministry", SourceKind::Organization),
            ("the company", SourceKind::Organization),
            ("it", SourceKind::Organization),
        ] {
            assert_eq!(classify(written).0, kind, "{written}");
        }
    }

    #[test]
    fn one_description_written_twice_shares_a_key() {
        assert_eq!(classify("a senior official").1, classify("the senior official").1);
        assert_ne!(classify("a senior official").1, classify("a police officer").1);
    }
}
