//! Quotations: marks, pairing (within and across paragraphs) and kinds.
//!
//! - [`scan_marks`] (per paragraph, cached) finds every quote-like character and its likely role.
//! - [`find_quotes`] (document pass, work proportional to the number of marks) pairs them, carrying
//!   a quote over paragraph breaks by the wire convention (an opening mark at each paragraph, a
//!   closing mark only at the last), and reports the marks that pair with nothing.
//! - [`kinds`] tells speech from scare quotes, titles and terms.

mod kinds;
mod marks;
mod memo;
mod pairing;

pub use kinds::KindMemo;
pub use marks::{level_of, scan_marks, Level};
pub use memo::PairingMemo;
pub use pairing::find_quotes;

use super::attribution::Attribution;
use super::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    /// A whole quoted utterance.
    Direct,
    /// A quoted fragment inside reported speech: `He said Moscow "has never taken this subject".`
    Partial,
    /// A quoted paragraph carrying on the previous paragraph's speaker.
    Continuation,
    /// Irony or distance: `so-called 'partner country'`.
    Scare,
    /// A work's name.
    Title,
    /// A word as a word.
    Term,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Continuation => "continuation",
            QuoteKind::Scare => "scare",
            QuoteKind::Title => "title",
            QuoteKind::Term => "term",
        }
    }

    /// Whether the quote is someone's words (and so needs a speaker).
    pub fn is_speech(self) -> bool {
        matches!(
            self,
            QuoteKind::Direct | QuoteKind::Partial | QuoteKind::Continuation
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkStyle {
    /// `"` `“` `”`
    Double,
    /// `'` `‘` `’`
    Single,
    /// `«` `»` `‹` `›`
    Guillemet,
    /// `„` `‚` (low-high, German style)
    LowHigh,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkRole {
    Open,
    Close,
    /// A straight mark whose role the context does not settle.
    Either,
    /// Not a quotation mark at all: `countries’`, `’90s`.
    Apostrophe,
}

/// One quote-like character in a paragraph (span relative to the paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteMark {
    pub span: Span,
    pub style: MarkStyle,
    pub role: MarkRole,
}

/// A quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// From the opening mark through the closing mark (or the end of the text it runs to).
    pub span: Span,
    /// The words inside the marks.
    pub content: Span,
    pub kind: QuoteKind,
    pub style: MarkStyle,
    /// False when no closing mark was found.
    pub closed: bool,
    /// Index of the paragraph the quote starts in.
    pub paragraph: usize,
    /// The quote this one is nested in.
    pub parent: Option<usize>,
    /// For a paragraph of a multi-paragraph quote after the first: the quote (the previous
    /// paragraph's part) that it carries on.
    pub continues: Option<usize>,
    pub attribution: Option<Attribution>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteIssueKind {
    /// An opening mark that is never closed (and is not a multi-paragraph quote that closes later).
    Unclosed,
    /// A closing mark with no opening mark before it.
    StrayClose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteIssue {
    pub span: Span,
    pub kind: QuoteIssueKind,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, layout::Format};
    use crate::config::Config;
    use proptest::prelude::*;

    fn quotes(text: &str) -> Vec<(String, QuoteKind, Option<usize>)> {
        analyze(text, Format::Plain)
            .quotes
            .iter()
            .map(|q| (q.span.text(text).to_string(), q.kind, q.parent))
            .collect()
    }

    const INTRO: &str = "SPRINGFIELD, March 3 - The council met on Tuesday.\n\n";

    #[test]
    fn nested_single_quotes_get_their_parent() {
        let text =
            format!("{INTRO}\"Russia is not ‘cooperating.’ These are dirty methods,\" he said.");
        let found = quotes(&text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].0,
            "\"Russia is not ‘cooperating.’ These are dirty methods,\""
        );
        assert_eq!(
            (found[1].0.as_str(), found[1].2),
            ("‘cooperating.’", Some(0))
        );
    }

    #[test]
    fn kinds_of_quotes() {
        let text = format!(
            "{INTRO}He said Moscow \"has never taken this subject to the public domain.\" The so-called \"partner country\" idea came up. \
             She starred in the film \"Selma\" and used the word \"woke\" twice."
        );
        let kinds: Vec<_> = quotes(&text).into_iter().map(|(_, k, _)| k).collect();
        assert_eq!(
            kinds,
            [
                QuoteKind::Partial,
                QuoteKind::Scare,
                QuoteKind::Title,
                QuoteKind::Term
            ]
        );
    }

    #[test]
    fn titles_in_title_case_are_not_speech() {
        let text = format!("{INTRO}Pence said so on CBS's \"Face the Nation,\" and then left.");
        assert_eq!(quotes(&text)[0].1, QuoteKind::Title);
    }

    #[test]
    fn multi_paragraph_quote_is_split_into_linked_parts() {
        let text = format!("{INTRO}\"We will rebuild,\" Smith said. \"The money is there.\n\n\"And the plan is ready.\"\n");
        let a = analyze(&text, Format::Plain);
        assert!(a.quote_issues.is_empty());
        assert_eq!(a.quotes.len(), 3);
        assert_eq!(a.quotes[1].span.text(&text), "\"The money is there.");
        assert!(!a.quotes[1].closed);
        assert_eq!(a.quotes[2].continues, Some(1));
        assert_eq!(a.quotes[2].kind, QuoteKind::Continuation);
    }

    #[test]
    fn guillemets_and_low_high_quotes_pair() {
        let text = format!("{INTRO}«Nous reviendrons», a-t-il dit. „Wir kommen wieder“, sagte er.");
        let found: Vec<_> = quotes(&text).into_iter().map(|(t, _, _)| t).collect();
        assert_eq!(found, ["«Nous reviendrons»", "„Wir kommen wieder“"]);
    }

    #[test]
    fn pretokenised_quotes_pair() {
        let text =
            format!("{INTRO}\" I 'm sure we can win , \" Hoddle said . \" It 's our day . \"");
        let found: Vec<_> = quotes(&text).into_iter().map(|(t, _, _)| t).collect();
        assert_eq!(
            found,
            ["\" I 'm sure we can win , \"", "\" It 's our day . \""]
        );
    }

    #[test]
    fn unclosed_and_stray_marks_are_issues() {
        let text =
            format!("{INTRO}“We will rebuild, Smith said.\n\nThe money is there,” he said.\n");
        let a = analyze(&text, Format::Plain);
        let kinds: Vec<_> = a
            .quote_issues
            .iter()
            .map(|i| (i.span.text(&text).to_string(), i.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("“".to_string(), QuoteIssueKind::Unclosed),
                ("”".to_string(), QuoteIssueKind::StrayClose)
            ]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Any mix of marks, apostrophes, letters and breaks: no panic, spans on char boundaries.
        #[test]
        fn never_panics_and_spans_stay_valid(parts in proptest::collection::vec(
            prop::sample::select(vec![
                "\"", "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "`", "``", "''", " ", "\n", "\n\n",
                "said", "he", "Smith", "Ünïcødé", "日本", ",", ".", ":", "—", "-", "(", ")", "according to", "=",
                "90s", "n", "I", "The", "a", "\u{301}", "said:", " - ", "WALLACE:",
            ]),
            0..60,
        )) {
            let text: String = parts.concat();
            let a = analyze(&text, Format::Plain);
            let ok = |s: Span| s.start <= s.end && (s.end as usize) <= text.len()
                && text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize);
            for q in &a.quotes {
                prop_assert!(ok(q.span) && ok(q.content));
                if let Some(at) = q.attribution {
                    prop_assert!(at.cue.map_or(true, ok));
                    prop_assert!(at.speaker.map_or(true, |s| ok(s.mention)));
                }
            }
            for i in &a.quote_issues {
                prop_assert!(ok(i.span));
            }
            let findings = crate::rules::check(&a, &Config::default());
            for f in findings {
                for fix in f.fixes {
                    for e in fix.edits {
                        prop_assert!(ok(e.span));
                    }
                }
            }
        }
    }
}
