use super::prose::{is_capitalised, is_inside, is_word, outer_quote_spans};
use super::{Finding, Rule, RuleContext, RuleMeta};
use crate::analysis::span::Span;
use crate::analysis::tokens::Token;

crate::declare_rule! {
    /// ## What it does
    /// Flags an unnamed source (`a source said`, `officials said`, `said a senior official`,
    /// `according to sources`, `people familiar with the matter`) when the paragraph gives no
    /// reason for the anonymity (`who spoke on condition of anonymity because ...`, `who was not
    /// authorized to speak publicly`, `who asked not to be named`). A definite back-reference
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

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let text = &*a.scan_text;
        let quoted = outer_quote_spans(a);
        for par in &a.paragraphs {
            let toks: Vec<Token> = par.tokens().filter(|t| !is_inside(&quoted, t.span.start)).collect();
            let lower: Vec<String> = toks.iter().map(|t| t.text(text).to_lowercase()).collect();
            if lower.iter().any(|w| REASONS.contains(&w.as_str())) {
                continue;
            }
            let mut last_end = 0;
            for i in 0..toks.len() {
                let Some(span) = unnamed_source_at(text, &toks, &lower, i) else { continue };
                if span.start < last_end {
                    continue;
                }
                last_end = span.end;
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
}

fn is_cue(word: &str) -> bool {
    matches!(word, "said" | "say" | "says" | "told" | "tell" | "added" | "confirmed" | "cautioned" | "warned")
}

/// The unnamed-source phrase whose noun (or `according`/`said`) is token `i`.
fn unnamed_source_at(text: &str, toks: &[Token], lower: &[String], i: usize) -> Option<Span> {
    let w = lower[i].as_str();
    let next = |k: usize| lower.get(i + k).map_or("", String::as_str);
    // `people familiar with the matter`, `a person close to the talks`.
    if VAGUE_NOUNS.contains(&w)
        && matches!((next(1), next(2)), ("familiar", "with") | ("close", "to") | ("briefed", "on") | ("with", "knowledge"))
    {
        if i > 0 && DEFINITE.contains(&lower[i - 1].as_str()) {
            return None;
        }
        let start = phrase_start(toks, lower, i).unwrap_or(i);
        return Some(toks[start].span.cover(toks[i + 2].span));
    }
    if !SOURCE_NOUNS.contains(&w) {
        return None;
    }
    // `officials said`, `a senior official told Reuters`.
    let cue_after = is_cue(next(1)) || (next(1) == "have" && is_cue(next(2)));
    // `said a senior official`, `according to officials`.
    let start = phrase_start(toks, lower, i)?;
    let before = start.checked_sub(1).map(|k| lower[k].as_str());
    let before2 = start.checked_sub(2).map(|k| lower[k].as_str());
    let cue_before = matches!(before, Some("said" | "says" | "told")) || (before == Some("to") && before2 == Some("according"));
    if !(cue_after || cue_before) {
        return None;
    }
    // `said a senior official, Jane Doe` names the source after all.
    if next(1) == "," && toks.get(i + 2).is_some_and(|t| is_capitalised(t.text(text))) && !cue_after {
        return None;
    }
    let end = if cue_after { toks[i + 1].span } else { toks[i].span };
    let begin = if cue_before { toks[start - 1 - usize::from(before == Some("to"))].span } else { toks[start].span };
    Some(begin.cover(end))
}

/// The first token of the noun phrase ending at token `i` (`a senior U.S. official`), or `None`
/// when the phrase is definite (`the official`), a name (`Jane Doe, an aide`) or not a phrase.
fn phrase_start(toks: &[Token], lower: &[String], i: usize) -> Option<usize> {
    let mut k = i;
    // Up to five modifiers: `two senior Western diplomats`, `a White House official`.
    while k > 0 && i - k < 5 {
        let prev = &lower[k - 1];
        if !is_word(&toks[k - 1]) || prev.ends_with("'s") || prev.ends_with("’s") {
            break;
        }
        if DEFINITE.contains(&prev.as_str()) {
            return None;
        }
        if INDEFINITE.contains(&prev.as_str()) {
            return Some(k - 1);
        }
        if !is_modifier(prev) {
            break;
        }
        k -= 1;
    }
    // A bare plural (`officials said`) or a bare capitalised modifier (`U.S. officials said`).
    lower[i].ends_with('s').then_some(k)
}

/// Words that may describe an unnamed source: `senior`, `U.S.`, `administration`, `Western`.
fn is_modifier(word: &str) -> bool {
    !matches!(
        word,
        "and" | "or" | "but" | "that" | "which" | "who" | "when" | "while" | "as" | "in" | "on" | "at" | "to" | "from"
            | "by" | "with" | "of" | "for" | "said" | "says" | "told" | "is" | "was" | "were" | "are" | "have" | "has"
            | "had" | "not" | "also" | "we" | "they" | "he" | "she" | "it" | "i" | "you" | "if" | "because" | "than"
    ) && word.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::run;

    fn flagged(text: &str) -> Vec<String> {
        run(&AnonymousSource, text).into_iter().map(|(t, _)| t).collect()
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
