//! What the quote rules read of the text around each quote, remembered from one version of a
//! draft to the next.
//!
//! A document-wide rule that looks at every quote reads, for each, a few bytes of the text (the
//! cue verb, the quote's words, the mark after it). On a 10 MB draft those bytes lie in 20,000
//! places far apart, so reading them costs a cache miss each: about 2 ms per rule and keystroke,
//! where the edit changed one of them. [`QuoteMemo::per_quote`] keeps, for each quote, the span a
//! rule read and what it made of the text there; after an edit, a quote whose span lies wholly in
//! the text the edit left alone (moved or not) gets the remembered answer without its text being
//! read. The answers are exact: a value is a function of the scan text inside its span, and that
//! text is the same bytes.

use std::any::Any;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use crate::analysis::quotes::Quote;
use crate::analysis::span::Span;
use crate::analysis::{Analysis, TextEdit, Unchanged};

/// One rule's answers from the last run: for each quote of that run (by index), the span read
/// and the value made of the text there.
struct Answers<const N: usize, T> {
    read: Vec<Option<([Span; N], T)>>,
}

/// A rule's answers, and whether the last run made or used them (only those compare with the
/// current text).
struct Kept {
    answers: Box<dyn Any + Send>,
    fresh: bool,
}

#[derive(Default)]
pub struct QuoteMemo {
    /// The scan text last seen, and how the current one differs from it.
    scan: Option<Arc<String>>,
    edit: Option<Unchanged>,
    /// A memo for one run: nothing is kept for a next one.
    one_shot: bool,
    /// Locked by one rule at a time: rules may run on two threads.
    kept: Mutex<FxHashMap<&'static str, Kept>>,
}

impl QuoteMemo {
    /// A memo for one run (a one-shot `check`): every value is made, none kept.
    pub(super) fn one_shot() -> QuoteMemo {
        QuoteMemo { one_shot: true, ..QuoteMemo::default() }
    }

    /// Moves to a new version of the draft. `edit` is how its scan text differs from the last
    /// one's, if known (else the texts are compared).
    pub(super) fn update(&mut self, a: &Analysis, edit: Option<&TextEdit>) {
        if self.one_shot {
            return;
        }
        self.edit = self.scan.as_ref().map(|old| TextEdit::unchanged_between(edit, old, &a.scan_text));
        self.scan = Some(a.scan_text.clone());
        let has_edit = self.edit.is_some();
        let kept = self.kept.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.retain(|_, k| std::mem::take(&mut k.fresh) && has_edit);
    }

    /// Where a span of the current scan text was in the last one, when the edit left its bytes
    /// alone.
    fn old_span(&self, new: Span) -> Option<Span> {
        self.edit?.old_span(new)
    }

    /// For each of `a`'s quotes that `spans` gives spans (asked once per quote, in order):
    /// `each` of the quote, its spans and `value` of them. `value` must depend on nothing but
    /// the spans and the scan text inside them (it is given the quote to find them by, and may
    /// read the facts of a paragraph whose span is one of them): a quote whose spans are those
    /// the last run read, each in text the edit left alone (moved or not), gets the last run's
    /// value without its text being read.
    pub fn per_quote<'a, const N: usize, T: Copy + Send + 'static>(
        &self,
        code: &'static str,
        a: &'a Analysis,
        mut spans: impl FnMut(&Quote) -> Option<[Span; N]>,
        mut value: impl FnMut(&Quote, [Span; N]) -> T,
        mut each: impl FnMut(&'a Quote, [Span; N], T),
    ) {
        if self.one_shot {
            for q in &a.quotes {
                if let Some(s) = spans(q) {
                    each(q, s, value(q, s));
                }
            }
            return;
        }
        let mut kept = self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let old: &[Option<([Span; N], T)>] = kept
            .get(code)
            .and_then(|k| k.answers.downcast_ref::<Answers<N, T>>())
            .map_or(&[], |answers| &answers.read);
        // A quote after the edit sits this many places further on than it did.
        let shift = a.quotes.len() as isize - old.len() as isize;
        let mut read: Vec<Option<([Span; N], T)>> = Vec::with_capacity(a.quotes.len());
        for (i, q) in a.quotes.iter().enumerate() {
            let Some(s) = spans(q) else {
                read.push(None);
                continue;
            };
            let was = s.map(|s| self.old_span(s));
            let remembered = was.iter().all(Option::is_some).then(|| was.map(Option::unwrap_or_default)).and_then(|was| {
                let same = |j: isize| match usize::try_from(j).ok().and_then(|j| old.get(j)) {
                    Some(Some((at, v))) if *at == was => Some(*v),
                    _ => None,
                };
                same(i as isize).or_else(|| same(i as isize - shift))
            });
            let v = remembered.unwrap_or_else(|| value(q, s));
            each(q, s, v);
            read.push(Some((s, v)));
        }
        kept.insert(code, Kept { answers: Box::new(Answers { read }), fresh: true });
    }
}

#[cfg(test)]
mod tests {
    use super::QuoteMemo;
    use crate::analysis::random_edits::RandomEdits;
    use crate::analysis::{analyze, layout::Format};

    /// Random edits that open, close and fill quotes: the values the memo gives (remembered or
    /// made) are those read afresh from the text, and many are remembered.
    #[test]
    fn remembered_values_are_the_values_read_afresh() {
        let mut edits = RandomEdits::new(0x2f8e_11c3_5a7b_90d1);
        let pieces = ["\"", "\u{201c}", "\u{201d}", "\n\n", "x", " ", ". The", ", she said.", "Okafor said: "];
        let mut text = String::from(
            "\"We will rebuild. It is done,\" Okafor said.\n\nShe left. \"Maybe,\" he said.\n\n\
             \"Who knows?\" Reyes said. \"Not me.\"\n",
        );
        let mut memo = QuoteMemo::default();
        let mut remembered = 0;
        for round in 0..600 {
            edits.cut_or_insert(&mut text, &pieces, 30);
            let a = analyze(&text, Format::Plain);
            memo.update(&a, None);
            let mut made = 0;
            let mut got = Vec::new();
            memo.per_quote(
                "test",
                &a,
                |q| Some([q.content]),
                |_, [s]| {
                    made += 1;
                    s.text(&a.scan_text).len() * 31 + s.text(&a.scan_text).matches('.').count()
                },
                |_, s, v| got.push(Some((s, v))),
            );
            let fresh: Vec<_> = a
                .quotes
                .iter()
                .map(|q| Some(([q.content], q.content.text(&a.scan_text).len() * 31 + q.content.text(&a.scan_text).matches('.').count())))
                .collect();
            assert_eq!(got, fresh, "round {round}: {text:?}");
            remembered += got.len() - made;
        }
        assert!(remembered > 300, "{remembered} remembered");
    }
}

#[cfg(test)]
mod rule_tests {
    use crate::analysis::random_edits::RandomEdits;
    use crate::analysis::{analyze, layout::Format};
    use crate::config::Config;
    use crate::rules::{check, Checker};

    /// Random edits of quotes that the quote rules flag (a loaded cue, a long quote attributed
    /// late, a comma outside the marks, no attribution, two speakers in a paragraph): every cached run finds what a fresh check finds, and
    /// each rule fires along the way.
    #[test]
    fn cached_quote_rules_after_random_edits_find_what_a_fresh_check_finds() {
        let mut edits = RandomEdits::new(0x6a09_e667_f3bc_c908);
        let pieces = [
            "\"", "\u{201c}", "\u{201d}", "\n\n", " ", "x", ". It is over", ". We", "\",", "\".", ",\"", " she claimed.",
            " admitted Reyes.", " the judge", " Okafor said.", "Tom Reyes", " smiled",
            "\n\n\"The council will meet again next week to vote on it.\"\n\n", " \"Go,\" Maria Okafor said. \"Stay,\" Tom Reyes said.",
        ];
        let mut text = String::from(
            "Tom Reyes spoke at the port.\n\n\"We will rebuild. The money is there. The plan is ready,\" Okafor said.\n\n\
             \"It is a wonderful plan,\" she smiled. \"Nothing is lost\", Reyes said.\n\n\
             \"I took it,\" admitted Reyes. \"It was wrong. I know. I am sorry,\" he said.\n",
        );
        let config = Config::default();
        let mut checker = Checker::default();
        let mut fired = [0usize; 5];
        let codes = ["loaded-attribution-verb", "late-attribution", "quote-punctuation", "unattributed-quote", "two-speakers-one-paragraph"];
        for round in 0..400 {
            edits.cut_or_insert(&mut text, &pieces, 30);
            let (_, cached) = checker.check(&text, Format::Plain, &config);
            assert_eq!(cached, check(&analyze(&text, Format::Plain), &config), "round {round}: {text:?}");
            for (count, code) in fired.iter_mut().zip(codes) {
                *count += cached.iter().filter(|f| f.code == code).count();
            }
        }
        assert!(fired.iter().all(|&n| n > 5), "{fired:?}");
    }
}
