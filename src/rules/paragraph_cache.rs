//! The paragraph-local half of the rules, and the cache that keeps its findings across runs.
//!
//! A rule's [`Rule::check_paragraph`] sees one paragraph (its text, its facts, which of its bytes
//! are quoted) with spans relative to the paragraph's start, and nothing else: no configuration,
//! no other paragraph. Its findings therefore depend on what [`ParagraphContext`] holds alone, so
//! [`RuleCache`] keeps them keyed by exactly that, and a run over a draft after a keystroke reads
//! again only the paragraph that changed, like [`crate::analysis::Analyzer`] does for the facts.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;

use super::prose::outer_quote_spans;
use super::{Finding, Rule};
use crate::analysis::paragraph::{Paragraph, ParagraphFacts};
use crate::analysis::span::Span;
use crate::analysis::{Analysis, TextEdit};

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
    /// The facts as the analyser shares them, by which [`RuleCache`] recognises the paragraph.
    shared_facts: &'a Arc<ParagraphFacts>,
}

/// Calls `f` with every heading and then every body paragraph, and the paragraph's offset.
pub(super) fn for_each_paragraph(a: &Analysis, mut f: impl FnMut(&ParagraphContext, u32)) {
    let quotes = outer_quote_spans(a);
    for_each_place(a, &quotes, |par, heading, quoted| f(&context(a, par, heading, quoted), par.offset()));
}

/// Calls `f` with every heading and then every body paragraph, whether it is a heading, and the
/// quoted parts of it (see [`ParagraphContext::quoted`]). `quotes` are the analysis's
/// [`outer_quote_spans`] (the run's [`super::DocMemo::outer_quotes`], made once for the rules too).
fn for_each_place(a: &Analysis, quotes: &[Span], mut f: impl FnMut(&Paragraph, bool, &[Span])) {
    for par in &a.headings {
        f(par, true, &[]);
    }
    let mut next_quote = 0;
    let mut quoted: Vec<Span> = Vec::new();
    for par in &a.paragraphs {
        quoted_parts(quotes, &mut next_quote, par.span, &mut quoted);
        f(par, false, &quoted);
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
        shared_facts: &par.facts,
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
///
/// A paragraph is recognised by its facts: one `Arc` of facts is only ever made from one
/// paragraph text (the analyser hands an unchanged paragraph its old `Arc` back), and an entry
/// holds on to that `Arc`, so its address cannot be given to other facts while the entry lives. Comparing addresses instead of
/// hashing and comparing every paragraph's text saves about 1 ms per keystroke on a 1 MB draft.
/// Entries are kept in the order of the draft's paragraphs and looked for where the previous
/// paragraph's entry was, which after a keystroke is nearly always right.
#[derive(Default)]
pub struct RuleCache {
    paragraphs: ParagraphMemory,
    /// What the document-wide rules remember.
    memo: super::DocMemo,
}

/// The paragraph-local half of a [`RuleCache`].
#[derive(Default)]
pub(super) struct ParagraphMemory {
    /// The rules the cached findings were made by (indices into `RULES`).
    rules: Vec<usize>,
    /// The entries of the latest run, in the order of its paragraphs (headings first).
    entries: Vec<Arc<Entry>>,
    /// How many of `entries` hold each address of facts, kept up to date with them: a paragraph
    /// not found where its entry would be is looked for among all entries only when one holds
    /// its facts (a paragraph just typed is in none, and a map of 38,000 entries costs a
    /// millisecond to make).
    addresses: HashMap<usize, u32, FxBuildHasher>,
    /// What the latest run was over, to tell which of its entries the next run may keep unread.
    last: Option<LastRun>,
}

/// What [`ParagraphMemory::untouched_ends`] compares with the next run.
struct LastRun {
    scan: Arc<String>,
    /// Whether the written text was the scan text.
    written_is_scan: bool,
    /// How many of the entries are headings' (they come first).
    headings: usize,
    /// Each body paragraph's span and the address of its facts.
    body: Vec<(Span, usize)>,
    /// The outer quotes.
    quotes: Vec<Span>,
    /// How many findings each body paragraph's entry holds.
    findings: Vec<u32>,
}

impl RuleCache {
    /// Both halves, borrowed apart: the document-wide rules may run on another thread while the
    /// paragraph-local half is brought up to date.
    pub(super) fn halves(&mut self) -> (&mut super::DocMemo, &mut ParagraphMemory) {
        (&mut self.memo, &mut self.paragraphs)
    }
}

struct Entry {
    heading: bool,
    /// The paragraph's facts: the same `Arc` means the same scan text (see [`RuleCache`]).
    facts: Arc<ParagraphFacts>,
    scan_len: usize,
    /// The scan text itself, only to check that claim in debug builds.
    #[cfg(debug_assertions)]
    scan: Box<str>,
    /// The written text, when it differs from the scan text.
    text: Option<Box<str>>,
    quoted: Box<[Span]>,
    /// Each finding with the index of its rule in `RULES`; spans relative to the paragraph.
    findings: Box<[(usize, Finding)]>,
}

impl Entry {
    fn new(rules: &[ParagraphRule], cx: &ParagraphContext) -> Entry {
        Entry {
            heading: cx.heading,
            facts: cx.shared_facts.clone(),
            scan_len: cx.scan.len(),
            #[cfg(debug_assertions)]
            scan: cx.scan.into(),
            text: (cx.text != cx.scan).then(|| cx.text.into()),
            quoted: cx.quoted.into(),
            findings: compute(rules, cx).into(),
        }
    }

    /// [`Entry::is_for`] the context of `par`, without making it: slicing the texts at every
    /// paragraph of a 10 MB draft costs more than the rest of a cached run over them.
    fn is_for_place(&self, a: &Analysis, par: &Paragraph, heading: bool, quoted: &[Span]) -> bool {
        let quick = self.heading == heading
            && Arc::ptr_eq(&self.facts, &par.facts)
            && self.scan_len == par.span.len()
            && *self.quoted == *quoted;
        if !quick {
            return false;
        }
        match &self.text {
            None if Arc::ptr_eq(&a.text, &a.scan_text) => {
                #[cfg(debug_assertions)]
                assert_eq!(*self.scan, *par.span.text(&a.scan_text), "the analyser shared facts between two texts");
                true
            }
            _ => self.is_for(&context(a, par, heading, quoted)),
        }
    }

    fn is_for(&self, cx: &ParagraphContext) -> bool {
        let same = self.heading == cx.heading
            && Arc::ptr_eq(&self.facts, cx.shared_facts)
            && self.scan_len == cx.scan.len()
            && *self.quoted == *cx.quoted
            && match &self.text {
                // Plain text is its own scan text: the same bytes, no need to compare them.
                None => std::ptr::eq(cx.text, cx.scan) || cx.text == cx.scan,
                Some(text) => **text == *cx.text,
            };
        #[cfg(debug_assertions)]
        if Arc::ptr_eq(&self.facts, cx.shared_facts) {
            assert_eq!(
                *self.scan, *cx.scan,
                "the analyser shared facts between two texts"
            );
        }
        same
    }
}

fn address(facts: &Arc<ParagraphFacts>) -> usize {
    Arc::as_ptr(facts) as usize
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
/// `quotes` are the analysis's [`outer_quote_spans`]; `edit` is how the scan text differs from
/// the last run's, if known (else the texts are compared).
pub(super) fn paragraph_findings(
    a: &Analysis,
    quotes: &[Span],
    rules: &[ParagraphRule],
    cache: Option<&mut ParagraphMemory>,
    edit: Option<&TextEdit>,
    mut emit: impl FnMut(usize, Finding),
) {
    let Some(cache) = cache else {
        for_each_place(a, quotes, |par, heading, quoted| {
            for (index, f) in compute(rules, &context(a, par, heading, quoted)) {
                emit(index, f.shifted(par.offset()));
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
        cache.addresses.clear();
        cache.last = None;
        cache.rules = rules.iter().map(|r| r.index).collect();
    }
    let (before, after) = cache.untouched_ends(a, quotes, edit);
    // Whatever this draft no longer has is dropped with `old`, so the cache never outgrows it.
    let old = std::mem::take(&mut cache.entries);
    let old_headings = cache.last.as_ref().map_or(0, |l| l.headings);
    let old_body = old.len() - old_headings;
    // The old entries of the body paragraphs the edit left alone, at both ends: kept as they
    // are, not looked at.
    let kept_after = old.len() - after..old.len();
    let kept_before = old_headings..old_headings + before;
    // Where the next paragraph's entry probably is in `old`.
    let mut cursor = 0;
    // `old`'s entries by the address of their facts, made only when a paragraph is not found
    // near the cursor and its facts may be held by an entry.
    let mut by_address: Option<HashMap<usize, usize, FxBuildHasher>> = None;
    // How many times each old entry is taken into the new list, and the entries made anew: what
    // `cache.addresses` changes by. The kept ones are taken once.
    let mut taken = vec![0u32; old.len()];
    for i in kept_before.clone().chain(kept_after.clone()) {
        taken[i] = 1;
    }
    let mut made: Vec<usize> = Vec::new();
    let addresses = &cache.addresses;
    let mut find_or_make = |cursor: &mut usize, par: &Paragraph, heading: bool, quoted: &[Span]| -> Arc<Entry> {
        let near = [*cursor, *cursor + 1]
            .into_iter()
            .find(|&i| old.get(i).is_some_and(|e| e.is_for_place(a, par, heading, quoted)));
        // Facts that only the analysis and the analyser's cache hold (a paragraph just typed
        // in) are in no entry: no need to look them up.
        let found = near.or_else(|| {
            if Arc::strong_count(&par.facts) <= 2 || !addresses.contains_key(&address(&par.facts)) {
                return None;
            }
            let map = by_address.get_or_insert_with(|| {
                let mut map = HashMap::with_capacity_and_hasher(old.len(), FxBuildHasher);
                for (i, e) in old.iter().enumerate() {
                    map.entry(address(&e.facts)).or_insert(i);
                }
                map
            });
            map.get(&address(&par.facts))
                .copied()
                .filter(|&i| old[i].is_for_place(a, par, heading, quoted))
        });
        match found {
            Some(i) => {
                *cursor = i + 1;
                taken[i] += 1;
                old[i].clone()
            }
            None => {
                made.push(address(&par.facts));
                Arc::new(Entry::new(rules, &context(a, par, heading, quoted)))
            }
        }
    };
    let mut headings = Vec::with_capacity(a.headings.len());
    for par in &a.headings {
        headings.push(find_or_make(&mut cursor, par, true, &[]));
    }
    // The body paragraphs between the kept ends, with the quoted parts of each.
    let middle_range = before..a.paragraphs.len() - after;
    cursor = old_headings + before;
    let mut middle = Vec::with_capacity(middle_range.len());
    let mut next_quote = a.paragraphs.get(before).map_or(quotes.len(), |p| quotes.partition_point(|q| q.end <= p.span.start));
    let mut quoted: Vec<Span> = Vec::new();
    for par in &a.paragraphs[middle_range.clone()] {
        quoted_parts(quotes, &mut next_quote, par.span, &mut quoted);
        middle.push(find_or_make(&mut cursor, par, false, &quoted));
    }
    #[cfg(debug_assertions)]
    {
        let mut quoted = Vec::new();
        let mut next_quote = 0;
        for (i, par) in a.paragraphs.iter().enumerate().filter(|(i, _)| !middle_range.contains(i)) {
            quoted_parts(quotes, &mut next_quote, par.span, &mut quoted);
            let at = if i < before { old_headings + i } else { old.len() - (a.paragraphs.len() - i) };
            assert!(old[at].is_for_place(a, par, false, &quoted), "a kept entry is not for its paragraph");
        }
    }
    for (i, &times) in taken.iter().enumerate().filter(|&(_, &times)| times != 1) {
        let count = cache.addresses.entry(address(&old[i].facts)).or_insert(0);
        // The old list held this entry once; the new one holds it `times` times.
        *count = *count + times - 1;
        if *count == 0 {
            cache.addresses.remove(&address(&old[i].facts));
        }
    }
    for at in made {
        *cache.addresses.entry(at).or_insert(0) += 1;
    }
    // The new list: the headings, then the body with its kept ends in place.
    let mut entries = old;
    let middle_counts: Vec<u32> = middle.iter().map(|e| e.findings.len() as u32).collect();
    entries.splice(kept_before.end..kept_after.start, middle);
    entries.splice(0..old_headings, headings);
    let headings = a.headings.len();
    // How many findings each body entry holds, so that only those with some are looked at.
    let old_counts = cache.last.take().map_or_else(Vec::new, |l| l.findings);
    let mut counts = old_counts;
    if counts.len() == old_body {
        counts.splice(before..old_body - after, middle_counts);
    } else {
        counts = entries[headings..].iter().map(|e| e.findings.len() as u32).collect();
    }
    debug_assert!(counts.iter().zip(&entries[headings..]).all(|(&n, e)| n as usize == e.findings.len()));
    for (par, entry) in a.headings.iter().zip(&entries) {
        for (index, f) in entry.findings.iter() {
            emit(*index, f.clone().shifted(par.offset()));
        }
    }
    for (i, _) in counts.iter().enumerate().filter(|(_, &n)| n > 0) {
        let offset = a.paragraphs[i].offset();
        for (index, f) in entries[headings + i].findings.iter() {
            emit(*index, f.clone().shifted(offset));
        }
    }
    #[cfg(debug_assertions)]
    {
        let mut counted: HashMap<usize, u32, FxBuildHasher> = HashMap::default();
        for e in &entries {
            *counted.entry(address(&e.facts)).or_insert(0) += 1;
        }
        assert_eq!(counted, cache.addresses, "the counts of the entries' addresses drifted");
    }
    cache.entries = entries;
    cache.last = Some(LastRun {
        scan: a.scan_text.clone(),
        written_is_scan: Arc::ptr_eq(&a.text, &a.scan_text),
        headings,
        body: a.paragraphs.iter().map(|p| (p.span, address(&p.facts))).collect(),
        quotes: quotes.to_vec(),
        findings: counts,
    });
}

/// The parts of the paragraph at `span` inside `quotes` (outer quotes, sorted), relative to it,
/// into `quoted`; `next_quote` is the first quote not wholly before it, moved on for the next
/// paragraph.
fn quoted_parts(quotes: &[Span], next_quote: &mut usize, span: Span, quoted: &mut Vec<Span>) {
    // Outer quotes do not overlap and come sorted, so their ends are sorted too.
    while *next_quote < quotes.len() && quotes[*next_quote].end <= span.start {
        *next_quote += 1;
    }
    quoted.clear();
    quoted.extend(quotes[*next_quote..].iter().take_while(|q| q.start < span.end).map(|q| {
        let start = q.start.max(span.start) - span.start;
        let end = q.end.min(span.end) - span.start;
        Span { start, end }
    }));
}

impl ParagraphMemory {
    /// How many body paragraphs at the start and at the end of the draft are, with their quoted
    /// parts, those of the last run with the text the edit left alone: their entries are the
    /// last run's (the same facts, so the same text; the same quoted parts; plain text, so the
    /// written text is the scan text). Comparing the spans and addresses the last run kept
    /// costs a little of what finding every paragraph's entry does.
    fn untouched_ends(&self, a: &Analysis, quotes: &[Span], edit: Option<&TextEdit>) -> (usize, usize) {
        let Some(last) = self.last.as_ref() else { return (0, 0) };
        if !last.written_is_scan || !Arc::ptr_eq(&a.text, &a.scan_text) || self.entries.len() != last.headings + last.body.len() {
            return (0, 0);
        }
        let u = TextEdit::unchanged_between(edit, &last.scan, &a.scan_text);
        let (old, new) = (&last.body, &a.paragraphs);
        let (oq, nq) = (&last.quotes, quotes);
        // A paragraph's quoted parts come from the quotes that start before it ends: the same
        // when those are the same quotes.
        let same_quotes = oq.iter().zip(nq).take_while(|(o, n)| o == n).count();
        let quotes_differ_from = oq.get(same_quotes).map_or(u32::MAX, |q| q.start).min(nq.get(same_quotes).map_or(u32::MAX, |q| q.start));
        let before = old
            .iter()
            .zip(new)
            .take_while(|((span, facts), p)| {
                *span == p.span && *facts == address(&p.facts) && span.end as usize <= u.prefix && span.end <= quotes_differ_from
            })
            .count();
        // And from the end: the quotes that end after a paragraph starts, each moved by the edit.
        let delta = u.delta();
        let same_quotes = oq.iter().rev().zip(nq.iter().rev()).take_while(|(o, n)| o.moved_by(delta) == **n).count();
        let quotes_differ_until = |list: &[Span], by: i64| {
            list.len().checked_sub(same_quotes + 1).map_or(0, |i| list[i].moved_by(by).end)
        };
        let quotes_differ_until = quotes_differ_until(oq, delta).max(quotes_differ_until(nq, 0));
        let room = old.len().min(new.len()) - before;
        let after = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(room)
            .take_while(|((span, facts), p)| {
                span.start as usize >= u.old_end()
                    && span.moved_by(delta) == p.span
                    && *facts == address(&p.facts)
                    && p.span.start >= quotes_differ_until
            })
            .count();
        (before, after)
    }
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

    /// Random edits that open and close quotes, split and join paragraphs and write names bare,
    /// titled and in full: every cached run (all rules, and only the paragraph-local ones, which
    /// leaves the outer quotes for the paragraph pass to make) finds what a fresh check finds.
    #[test]
    fn cached_runs_after_random_edits_find_what_a_fresh_check_finds() {
        let mut edits = crate::analysis::random_edits::RandomEdits::new(0x51_7cc1_b727_220a);
        let pieces = [
            "\"", "\u{201c}", "\u{201d}", "\n\n", "\n", " Okafor", "Maria Okafor said", ", she said. ", "Mr. ",
            "The ", " claimed that ", "Okafor: ", " TK ", " officials said", "-Silk", " the Okafor years", ".",
        ];
        let mut text = String::from(
            "Harbour closes\n\nHARBOURTON — Okafor said the harbour would close. \"It is over,\" she said.\n\n\
             Harbour master Maria Okafor claimed that the port was safe. \"We will see. It may reopen. \
             Or not. Nobody knows,\" said Tom Reyes.\n\n\"Who knows?\" he said. Reyes left, officials said.\n",
        );
        let mut paragraph_only = Config::default();
        for code in ["ambiguous-attribution", "surname-before-full-name", "loaded-attribution-verb"] {
            paragraph_only.rules.insert(code.into(), RuleLevel::Off);
        }
        let configs = [Config::default(), paragraph_only];
        let mut checkers = [Checker::default(), Checker::default()];
        let mut found = 0;
        for round in 0..300 {
            edits.cut_or_insert(&mut text, &pieces, 40);
            for (config, checker) in configs.iter().zip(&mut checkers) {
                let (_, cached) = checker.check(&text, Format::Plain, config);
                assert_eq!(cached, check(&analyze(&text, Format::Plain), config), "round {round}: {text:?}");
                found += cached.len();
            }
        }
        assert!(found > 300, "{found}");
    }

    /// Random edits in a draft of many paragraphs and quotes (quotes opened and closed, so
    /// that quoted parts change far from the edit): the entries kept unread at both ends are
    /// for their paragraphs (debug builds check each), every cached run finds what a fresh
    /// check finds, and most paragraphs are kept unread.
    #[test]
    fn entries_kept_unread_around_an_edit_give_what_a_fresh_check_finds() {
        use crate::rules::prose::outer_quote_spans;
        use crate::rules::{check_cached, RuleCache};
        let mut edits = crate::analysis::random_edits::RandomEdits::new(0x3c6e_f372_fe94_f82b);
        let pieces = ["\"", "\u{201c}", "\u{201d}", "\n\n\"", "\n\n", "\n", "x", " TK ", " claimed that ", ", officials said.", "Okafor said: "];
        let paragraph = "The port will close TK, officials said. \"It is over,\" Okafor said.\n\n";
        let mut text = paragraph.repeat(30);
        let config = Config::default();
        let mut cache = RuleCache::default();
        let mut analyzer = crate::analysis::Analyzer::default();
        let (mut kept, mut total) = (0, 0);
        for round in 0..300 {
            edits.cut_or_insert(&mut text, &pieces, 40);
            let a = analyzer.analyze(&text, Format::Plain);
            let (before, after) = cache.paragraphs.untouched_ends(&a, &outer_quote_spans(&a), None);
            kept += before + after;
            total += a.paragraphs.len();
            assert_eq!(check_cached(&a, &config, &mut cache), check(&a, &config), "round {round}: {text:?}");
        }
        assert!(kept * 2 > total, "{kept} of {total} kept");
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
