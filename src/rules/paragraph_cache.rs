//! The paragraph-local half of the rules, and the cache that keeps its findings across runs.
//!
//! A rule's [`Rule::check_paragraph`] sees one paragraph (its text, its facts, which of its bytes
//! are quoted) with spans relative to the paragraph's start, and nothing else: no configuration,
//! no other paragraph. Its findings therefore depend on what [`ParagraphContext`] holds alone, so
//! [`RuleCache`] keeps them keyed by exactly that, and a run over a draft after a keystroke reads
//! again only the paragraph that changed, like [`crate::analysis::Analyzer`] does for the facts.

use std::collections::hash_map::Entry::{Occupied, Vacant};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};

use rustc_hash::FxBuildHasher;

use super::prose::outer_quote_spans;
use super::{Finding, Rule};
use crate::analysis::paragraph::{Paragraph, ParagraphFacts};
use crate::analysis::span::Span;
use crate::analysis::Analysis;

/// What a paragraph-local rule reads. Every span is relative to the paragraph's start.
pub struct ParagraphContext<'a> {
    /// The paragraph as the analysis read it: Markdown non-prose blanked out by spaces.
    pub scan: &'a str,
    /// The paragraph as written (same length and offsets as `scan`).
    pub text: &'a str,
    pub facts: &'a ParagraphFacts,
    /// A headline, standfirst, byline or Markdown heading rather than a body paragraph.
    pub heading: bool,
    /// The parts of the paragraph inside outermost quotes, sorted: the speaker's words, not the
    /// reporter's. Always empty for headings.
    pub quoted: &'a [Span],
}

/// Calls `f` with every heading and then every body paragraph, and the paragraph's offset.
pub(super) fn for_each_paragraph(a: &Analysis, mut f: impl FnMut(&ParagraphContext, u32)) {
    for par in &a.headings {
        f(&context(a, par, true, &[]), par.offset());
    }
    let quotes = outer_quote_spans(a);
    let mut next_quote = 0;
    let mut quoted: Vec<Span> = Vec::new();
    for par in &a.paragraphs {
        // Outer quotes do not overlap and come sorted, so their ends are sorted too.
        while next_quote < quotes.len() && quotes[next_quote].end <= par.span.start {
            next_quote += 1;
        }
        quoted.clear();
        quoted.extend(
            quotes[next_quote..]
                .iter()
                .take_while(|q| q.start < par.span.end)
                .map(|q| {
                    let start = q.start.max(par.span.start) - par.span.start;
                    let end = q.end.min(par.span.end) - par.span.start;
                    Span { start, end }
                }),
        );
        f(&context(a, par, false, &quoted), par.offset());
    }
}

fn context<'a>(
    a: &'a Analysis,
    par: &'a Paragraph,
    heading: bool,
    quoted: &'a [Span],
) -> ParagraphContext<'a> {
    ParagraphContext {
        scan: par.span.text(&a.scan_text),
        text: par.span.text(&a.text),
        facts: &par.facts,
        heading,
        quoted,
    }
}

/// A paragraph-local rule that is switched on, with the index of the rule in [`super::RULES`].
pub(super) struct ParagraphRule {
    pub index: usize,
    pub rule: &'static dyn Rule,
}

/// Findings of the paragraph-local rules, kept per paragraph between runs over one draft.
///
/// [`super::check_cached`] gives the same findings with a cache as without one: an entry is only
/// reused for a paragraph whose [`ParagraphContext`] is identical.
#[derive(Default)]
pub struct RuleCache {
    /// The rules the cached findings were made by (indices into `RULES`).
    rules: Vec<usize>,
    /// Counts runs; entries not used by the latest run are dropped after it.
    run: u64,
    /// Entries by the hash of their key. Two paragraphs whose keys share a hash take turns in
    /// one slot (recomputed each time), which costs time in that rare case, never correctness.
    entries: HashMap<u64, Entry, FxBuildHasher>,
}

struct Entry {
    heading: bool,
    scan: Box<str>,
    /// The written text, when it differs from `scan`.
    text: Option<Box<str>>,
    quoted: Box<[Span]>,
    /// Each finding with the index of its rule in `RULES`; spans relative to the paragraph.
    findings: Box<[(usize, Finding)]>,
    /// The latest run that used this entry.
    used: u64,
}

impl Entry {
    fn new(rules: &[ParagraphRule], cx: &ParagraphContext) -> Entry {
        Entry {
            heading: cx.heading,
            scan: cx.scan.into(),
            text: (cx.text != cx.scan).then(|| cx.text.into()),
            quoted: cx.quoted.into(),
            findings: compute(rules, cx).into(),
            used: 0,
        }
    }

    fn is_for(&self, cx: &ParagraphContext) -> bool {
        self.heading == cx.heading
            && *self.scan == *cx.scan
            && *self.quoted == *cx.quoted
            && match &self.text {
                // Plain text is its own scan text: the same bytes, no need to compare them.
                None => std::ptr::eq(cx.text, cx.scan) || cx.text == cx.scan,
                Some(text) => **text == *cx.text,
            }
    }
}

fn key_hash(cx: &ParagraphContext) -> u64 {
    let mut h = FxBuildHasher.build_hasher();
    cx.heading.hash(&mut h);
    cx.scan.hash(&mut h);
    cx.quoted.hash(&mut h);
    h.finish()
}

/// Runs the paragraph-local rules on one paragraph; findings relative to it.
fn compute(rules: &[ParagraphRule], cx: &ParagraphContext) -> Vec<(usize, Finding)> {
    let mut all = Vec::new();
    let mut out = Vec::new();
    for r in rules {
        r.rule.check_paragraph(cx, &mut out);
        all.extend(out.drain(..).map(|f| (r.index, f)));
    }
    all
}

/// Every paragraph's findings of `rules`, made absolute, passed to `emit` with the index of
/// their rule. With a cache, only paragraphs it does not hold are read; the cache then holds
/// exactly this draft's paragraphs.
pub(super) fn paragraph_findings(
    a: &Analysis,
    rules: &[ParagraphRule],
    cache: Option<&mut RuleCache>,
    mut emit: impl FnMut(usize, Finding),
) {
    let Some(cache) = cache else {
        for_each_paragraph(a, |cx, offset| {
            for (index, f) in compute(rules, cx) {
                emit(index, f.shifted(offset));
            }
        });
        return;
    };
    if !cache
        .rules
        .iter()
        .copied()
        .eq(rules.iter().map(|r| r.index))
    {
        cache.entries.clear();
        cache.rules = rules.iter().map(|r| r.index).collect();
    }
    cache.run += 1;
    let run = cache.run;
    for_each_paragraph(a, |cx, offset| {
        let entry = match cache.entries.entry(key_hash(cx)) {
            Occupied(slot) if slot.get().is_for(cx) => slot.into_mut(),
            Occupied(mut slot) => {
                slot.insert(Entry::new(rules, cx));
                slot.into_mut()
            }
            Vacant(slot) => slot.insert(Entry::new(rules, cx)),
        };
        entry.used = run;
        for (index, f) in &entry.findings {
            emit(*index, f.clone().shifted(offset));
        }
    });
    // Whatever this draft no longer has is dropped, so the cache never outgrows the draft.
    cache.entries.retain(|_, e| e.used == run);
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, layout::Format};
    use crate::config::{Config, RuleLevel};
    use crate::rules::{check, Checker};

    /// Runs a checker over successive versions of a draft and compares each run with a fresh one;
    /// returns the codes found in the last version.
    fn same_as_fresh(versions: &[&str], format: Format, configs: &[Config]) -> Vec<&'static str> {
        let mut checker = Checker::default();
        let mut codes = Vec::new();
        for (i, text) in versions.iter().enumerate() {
            let config = &configs[i % configs.len()];
            let (_, cached) = checker.check(text, format, config);
            assert_eq!(cached, check(&analyze(text, format), config), "version {i}");
            codes = cached.iter().map(|f| f.code).collect();
        }
        codes
    }

    #[test]
    fn a_cache_reused_across_edits_finds_what_a_fresh_check_finds() {
        let draft = "Port closed\n\nThe port will close TK, officials said.\n\n\
                     The mayor claimed that the port was safe.\n\n\"Officials said it would,\" she said.\n";
        // Typing in one paragraph, a reason for the anonymity, a paragraph moved, a paragraph
        // repeated, a placeholder moved into the headline.
        let versions = [
            draft.to_string(),
            draft.replace("close TK", "close TKx"),
            draft.replace(
                "officials said.",
                "officials said on condition of anonymity.",
            ),
            draft.replacen("The mayor claimed that the port was safe.\n\n", "", 1)
                + "\nThe mayor claimed that the port was safe.\n",
            draft.to_string() + "\nThe port will close TK, officials said.\n",
            draft.replace("Port closed", "Port closed TK"),
        ];
        let versions: Vec<&str> = versions.iter().map(String::as_str).collect();
        let codes = same_as_fresh(&versions, Format::Plain, &[Config::default()]);
        for code in [
            "anonymous-source",
            "leftover-placeholder",
            "loaded-attribution-verb",
        ] {
            assert!(codes.contains(&code), "{code} in {codes:?}");
        }
    }

    #[test]
    fn a_changed_configuration_or_hidden_markdown_is_not_served_from_the_cache() {
        let mut quiet = Config::default();
        quiet
            .rules
            .insert("anonymous-source".into(), RuleLevel::Off);
        let draft = "The port will close TK, officials said.\n";
        let codes = same_as_fresh(
            &[draft, draft, draft],
            Format::Plain,
            &[Config::default(), quiet],
        );
        assert!(codes.contains(&"anonymous-source"));
        // The comment is blanked out of the scan text, so both versions read alike; the
        // placeholder's message quotes the text as written, which differs.
        let a = "The bridge costs [CHECK <!-- one -->] dollars.\n";
        let b = "The bridge costs [CHECK <!-- two -->] dollars.\n";
        assert!(
            same_as_fresh(&[a, b], Format::Markdown, &[Config::default()])
                .contains(&"leftover-placeholder")
        );
        let fresh = check(&analyze(b, Format::Markdown), &Config::default());
        assert!(fresh
            .iter()
            .any(|f| f.code == "leftover-placeholder" && f.message.contains("two")));
    }
}
