use super::{Finding, Fix, Rule, RuleContext, RuleMeta};
use crate::analysis::notes::NotesMatch;
use crate::analysis::quotes::Quote;
use crate::analysis::span::Span;
use crate::analysis::Analysis;

crate::declare_rule! {
    /// ## What it does
    /// With notes configured (`[quotes] sources` in `copydesk.toml`), flags a direct quote that is
    /// close to a passage of the notes but not the same words: words changed, dropped or
    /// reordered. Case, punctuation, curly or straight marks, and the draft's ellipses and
    /// bracketed insertions do not count as differences. The message shows the notes' wording and
    /// where it is; the quick fix puts the notes' wording between the marks.
    ///
    /// ## Why it matters
    /// Readers assume every word between quotation marks is what the speaker said. A quote tidied
    /// from memory misquotes someone, and corrections are costly.
    ///
    /// ## Example
    /// ```text
    /// "We are not going to shut the harbour this year," Okafor said.
    /// (notes/okafor.txt:4 — "We are not going to close the harbour, not this year")
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "We are not going to close the harbour, not this year," Okafor said.
    /// ```
    pub struct QuoteDiffersFromNotes {
        code: "quote-differs-from-notes",
        summary: "A quote differs from the wording in the reporter's notes",
        severity: Warning,
    }
}

/// Quotes shorter than this many words are fragments; they are not checked against the notes.
pub(crate) const MIN_WORDS: usize = 4;

/// The quotes to check against the notes, with what the notes say about each. Both notes rules
/// read this; the index remembers its answers, so each quote is matched once per draft.
pub(crate) fn notes_matches<'a>(a: &'a Analysis, cx: &RuleContext) -> Vec<(&'a Quote, NotesMatch)> {
    let Some(notes) = cx.config.notes.as_deref() else { return Vec::new() };
    let text = &*a.scan_text;
    a.quotes
        .iter()
        .filter(|q| q.kind.is_speech() && q.parent.is_none())
        .filter(|q| q.content.text(text).split_whitespace().count() >= MIN_WORDS)
        .map(|q| (q, notes.remembered_match_skipping(q.content.text(text), cx.config.notes_skip)))
        .collect()
}

/// The quote's words without the punctuation around them: what the quick fix replaces.
fn words_span(text: &str, q: &Quote) -> Span {
    let content = q.content.text(text);
    let start = content.find(char::is_alphanumeric).unwrap_or(0);
    let end = content.rfind(char::is_alphanumeric).map_or(start, |i| i + content[i..].chars().next().map_or(1, char::len_utf8));
    Span::new(q.content.start as usize + start, q.content.start as usize + end)
}

impl Rule for QuoteDiffersFromNotes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        for (q, m) in notes_matches(a, cx) {
            let NotesMatch::Close { file, line, notes_wording } = m else { continue };
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: q.span,
                message: format!("The quote differs from the notes ({file}:{line}): \"{notes_wording}\"").into(),
                fixes: vec![Fix::replace("Use the notes' wording", words_span(&a.text, q), notes_wording)],
                related: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analysis::notes::NotesIndex;
    use crate::analysis::{analyze, layout::Format};
    use crate::config::Config;

    pub(crate) fn config_with_notes() -> Config {
        let notes = NotesIndex::new([
            ("notes/harbour-interview.txt", include_str!("../../tests/fixtures/notes/harbour-interview.txt")),
            ("notes/council-call.txt", include_str!("../../tests/fixtures/notes/council-call.txt")),
        ]);
        Config { notes: Some(Arc::new(notes)), ..Config::default() }
    }

    #[test]
    fn flags_a_changed_quote_and_fixes_it_from_the_notes() {
        let text = include_str!("../../tests/fixtures/notes/draft.txt");
        let analysis = analyze(text, Format::Plain);
        let config = config_with_notes();
        let mut out = Vec::new();
        QuoteDiffersFromNotes.check(&RuleContext { analysis: &analysis, config: &config, memo: &Default::default() }, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].message.contains("notes/harbour-interview.txt:4"), "{}", out[0].message);
        let mut fixed = text.to_string();
        let edit = &out[0].fixes[0].edits[0];
        fixed.replace_range(edit.span.range(), &edit.replacement);
        assert!(fixed.contains("\"We are not going to close the harbour, not this year and not next year,\" Okafor said"), "{fixed}");
    }

    #[test]
    fn nothing_without_notes() {
        let text = include_str!("../../tests/fixtures/notes/draft.txt");
        assert!(crate::rules::test_support::run(&QuoteDiffersFromNotes, text).is_empty());
    }
}
