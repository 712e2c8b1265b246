use super::prose::{is_capitalised, is_word};
use super::{Finding, ParagraphContext, Rule, RuleContext, RuleMeta};
use crate::analysis::span::Span;
use crate::analysis::tokens::{Token, TokenKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags placeholders a reporter left for later: `TK` and `TKTK` ("to come"), `XX` and `XXX`,
    /// bracketed reminders such as `[CHECK]`, `[CONFIRM]` or `[TK]`, and `???`. `TK` must be a
    /// word of its own in capitals (words containing `tk` are fine), and `XX` after a capitalised
    /// word is read as a Roman numeral (`Super Bowl XX`).
    ///
    /// ## Why it matters
    /// A placeholder that reaches print is an error the reader sees at once, and usually marks a
    /// fact nobody checked.
    ///
    /// ## Example
    /// ```text
    /// The bridge will cost TK million, the mayor [CHECK] said.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// The bridge will cost $4 million, Mayor Jane Smith said.
    /// ```
    pub struct LeftoverPlaceholder {
        code: "leftover-placeholder",
        summary: "A placeholder (TK, XX, [CHECK], ???) is left in the copy",
        severity: Error,
    }
}

/// Words that open a bracketed reminder: `[CHECK]`, `[confirm spelling]`, `[TBC]`.
const BRACKET_WORDS: &[&str] = &["check", "confirm", "tk", "tktk", "tbc", "tbd", "verify", "fact-check", "fill"];

impl Rule for LeftoverPlaceholder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &RuleContext, _out: &mut Vec<Finding>) {}

    fn check_paragraph(&self, cx: &ParagraphContext, out: &mut Vec<Finding>) {
        let toks = &cx.facts.tokens;
        let mut i = 0;
        while i < toks.len() {
            let (span, next) = placeholder_at(cx.scan, toks, i);
            if let Some(span) = span {
                out.push(Finding {
                    code: Self::META.code,
                    severity: Self::META.default_severity,
                    span,
                    message: format!("Placeholder `{}` left in the copy: fill it in or cut it", span.text(cx.text)).into(),
                    fixes: Vec::new(),
                    related: Vec::new(),
                });
            }
            i = next;
        }
    }
}

/// The placeholder starting at token `i`, and the token to look at next.
fn placeholder_at(text: &str, toks: &[Token], i: usize) -> (Option<Span>, usize) {
    let t = toks[i];
    let word = t.text(text);
    match t.kind {
        TokenKind::Word if matches!(word, "TK" | "TKTK" | "TKTKTK" | "TKTKTKTK") => (Some(t.span), i + 1),
        TokenKind::Word if matches!(word, "XX" | "XXX" | "XXXX") => {
            let numeral = i > 0 && is_word(&toks[i - 1]) && is_capitalised(toks[i - 1].text(text));
            ((!numeral).then_some(t.span), i + 1)
        }
        TokenKind::Punct if word == "[" => {
            let opens_reminder = toks.get(i + 1).is_some_and(|w| {
                let w = w.text(text).trim_end_matches(['?', ':']);
                BRACKET_WORDS.iter().any(|b| b.eq_ignore_ascii_case(w))
            });
            let close = toks[i + 1..].iter().take(8).position(|t| t.text(text) == "]").map(|k| i + 1 + k);
            match close {
                Some(c) if opens_reminder => (Some(t.span.cover(toks[c].span)), c + 1),
                _ => (None, i + 1),
            }
        }
        TokenKind::Punct if word == "?" => {
            let mut j = i + 1;
            while j < toks.len() && toks[j].text(text) == "?" && toks[j].span.start == toks[j - 1].span.end {
                j += 1;
            }
            (((j - i) >= 3).then(|| t.span.cover(toks[j - 1].span)), j)
        }
        _ => (None, i + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::run;

    fn flagged(text: &str) -> Vec<String> {
        run(&LeftoverPlaceholder, text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn flags_every_kind_of_placeholder() {
        let text = include_str!("../../tests/fixtures/rules/leftover-placeholder.txt");
        assert_eq!(flagged(text), ["TK", "XX", "[CHECK]", "[confirm spelling]", "???", "TKTK"]);
    }

    #[test]
    fn leaves_words_numerals_and_questions_alone() {
        let text = include_str!("../../tests/fixtures/rules/leftover-placeholder-clean.txt");
        assert_eq!(flagged(text), Vec::<String>::new());
    }
}
