//! What the document-wide rules remember from one version of a draft to the next, so that a
//! keystroke in a long draft costs them about what it changed.
//!
//! All of it exact (a run with it finds what a run without it finds):
//! - [`TextSearch`]: where strings first occur in the scan text;
//! - where the written text holds the mark of an inline directive (see [`super::inline_control`]);
//! - [`DocMemo::sameness`]: how the draft compares with the last run's, as far as the rules that
//!   read people's names across the whole draft care;
//! - [`DocMemo::person_names`]: the index of people's names outside quotes;
//! - [`DocMemo::findings_if`]: a rule's findings. A rule that finds all it reads only moved by the
//!   edit and untouched by it gets the old findings moved the same way instead of made again.

use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;

use super::prose::outer_quote_spans;
use super::{inline_control, Finding, QuoteMemo, TextSearch};
use crate::analysis::entities::EntityKind;
use crate::analysis::span::Span;
use crate::analysis::{Analysis, TextEdit, Unchanged};

mod sameness;
pub use sameness::Sameness;
use sameness::Shape;


#[derive(Default)]
pub struct DocMemo {
    pub search: TextSearch,
    /// What the quote rules read around each quote (see [`QuoteMemo`]), moved along by
    /// [`DocMemo::update`].
    pub quotes: QuoteMemo,
    /// The written text last seen, and how the current one differs from it.
    text: Option<Arc<String>>,
    edit: Option<Unchanged>,
    /// Where [`inline_control::MARK`] occurs in the written text, in order.
    directive_marks: Vec<usize>,
    /// The outermost quotes' spans ([`outer_quote_spans`]) of the analysis given to the last
    /// update, made on first use.
    outer_quotes: OnceLock<Vec<Span>>,
    /// Locked by one rule at a time: rules may run on two threads (see `super::run`).
    findings: Mutex<FxHashMap<&'static str, Remembered>>,
    /// The index [`DocMemo::person_names`] made last, if the last run asked for it.
    person_names: Mutex<Option<PersonNames>>,
    /// A memo for one run only (a one-shot `check`), which keeps no index for a next run.
    one_shot: bool,
    /// Whether the scan text changed where the written text did, and only there (always, for a
    /// plain draft; a Markdown code fence typed may blank the rest).
    scan_follows_text: bool,
    /// What the person-name rules read of the whole draft, as the last run that asked saw it.
    shape: Mutex<Option<Shape>>,
    /// How this run's draft compares with that one ([`DocMemo::sameness`]), made on first use.
    sameness: OnceLock<Sameness>,
    /// The people with a name mention in [`Sameness::changed_now`], by entity, sorted, made on
    /// first use ([`DocMemo::person_named_in_changed`]); `None` when no list is kept (one-shot).
    named_in_changed: OnceLock<Option<Vec<u32>>>,
    /// `surname-before-full-name`'s outcomes per person, from the last run.
    pub(super) surnames: Mutex<Option<super::surname_before_full_name::Surnames>>,
    /// `ambiguous-attribution`'s results per attribution, from the last run.
    pub(super) attributions: Mutex<Option<super::ambiguous_attribution::Attributions>>,
}

/// Where people are named outside quotes, sorted, with what it was made from.
struct PersonNames {
    /// The index: the mentions outside the quotes, by position.
    sorted: Arc<[(Span, usize)]>,
    fresh: bool,
}

/// More bytes touched than this and the directive marks are searched for again in the whole text.
const MAX_MARK_WINDOW: usize = 1 << 16;

/// One rule's findings, from the last run (`fresh`) or the one before.
struct Remembered {
    findings: Vec<Finding>,
    fresh: bool,
}

impl DocMemo {
    /// A memo for one run (see [`super::check`]): what only a next run would read is not kept.
    pub(super) fn one_shot() -> DocMemo {
        DocMemo { one_shot: true, quotes: QuoteMemo::one_shot(), ..DocMemo::default() }
    }

    /// Whether this memo is for one run only (see [`DocMemo::one_shot`]).
    pub(super) fn is_one_shot(&self) -> bool {
        self.one_shot
    }

    /// Moves what is remembered to a new version of the draft. `edit` is how its text differs
    /// from an earlier one, if known (the texts are compared here unless it is from the last).
    pub fn update(&mut self, a: &Analysis, edit: Option<&TextEdit>) {
        let text_edit = self.text.as_ref().map(|old| TextEdit::unchanged_between(edit, old, &a.text));
        let last_scan = self.search.last_text();
        // The written texts' comparison is the scan texts' only when both scan texts are their
        // written texts: a Markdown draft's masking may come or go between two versions.
        let last_scan_was_text = last_scan.as_ref().zip(self.text.as_ref()).is_some_and(|(scan, text)| Arc::ptr_eq(scan, text));
        let scan_edit = if Arc::ptr_eq(&a.text, &a.scan_text) && last_scan_was_text {
            text_edit
        } else {
            last_scan.as_ref().map(|old| Unchanged::between(old, &a.scan_text))
        };
        self.scan_follows_text = text_edit.is_some() && scan_edit == text_edit;
        self.search.update(&a.scan_text, scan_edit.as_ref());
        // The quote memo compares the same two scan texts: it is handed this comparison.
        let scan_comparison = last_scan.zip(scan_edit).map(|(old, u)| TextEdit::new(old, a.scan_text.clone(), u));
        self.quotes.update(a, scan_comparison.as_ref());
        self.update_directive_marks(&a.text, text_edit.as_ref());
        self.outer_quotes = OnceLock::new();
        self.text = Some(a.text.clone());
        self.edit = text_edit;
        // Only what the last run made compares with this version (a rule switched off for a
        // run has findings from further back).
        let findings = self.findings.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
        findings.retain(|_, r| std::mem::take(&mut r.fresh) && text_edit.is_some());
        let names = self.person_names.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
        if !names.as_mut().is_some_and(|n| std::mem::take(&mut n.fresh) && text_edit.is_some()) {
            *names = None;
        }
        let shape = self.shape.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
        if !shape.as_mut().is_some_and(|s| std::mem::take(&mut s.fresh) && text_edit.is_some()) {
            *shape = None;
        }
        self.sameness = OnceLock::new();
        self.named_in_changed = OnceLock::new();
        let surnames = self.surnames.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
        if !surnames.as_mut().is_some_and(|r| std::mem::take(&mut r.fresh) && text_edit.is_some()) {
            *surnames = None;
        }
        let attributions = self.attributions.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
        if !attributions.as_mut().is_some_and(|r| std::mem::take(&mut r.fresh) && text_edit.is_some()) {
            *attributions = None;
        }
    }

    /// Whether an offset of this run's text is at or before the start of the edit (the text
    /// before it is the last run's).
    pub(super) fn before_edit(&self, at: u32) -> bool {
        self.edit.is_some_and(|u| at as usize <= u.prefix)
    }

    /// Where an old offset of the written text is now, unless the edit replaced the text there
    /// (an offset at either end of the edit is moved as the text beside it is).
    pub(super) fn moved_point(&self, at: u32) -> Option<u32> {
        let u = self.edit?;
        if at as usize <= u.prefix {
            Some(at)
        } else if at as usize >= u.old_end() {
            Some((at as i64 + u.delta()) as u32)
        } else {
            None
        }
    }

    /// Moves the directive marks to the new text `text`, which `u` compares with the last: the
    /// marks wholly before or after the edit are kept (moved), and only the stretch the edit
    /// touched, widened by a mark's length, is searched. The marks are every occurrence, exactly.
    fn update_directive_marks(&mut self, text: &str, u: Option<&Unchanged>) {
        let small = u.filter(|u| u.new_end() - u.prefix <= MAX_MARK_WINDOW && u.old_end() - u.prefix <= MAX_MARK_WINDOW);
        let Some(u) = small.filter(|_| self.text.is_some()) else {
            self.directive_marks = inline_control::marks(text.as_bytes()).collect();
            return;
        };
        let len = inline_control::MARK.len();
        let old_end = u.old_end();
        let new_end = u.new_end();
        // A mark that starts here or later in the new text and is not wholly after the edit
        // overlaps it; one that starts before lies wholly before it.
        let window_start = u.prefix.saturating_sub(len - 1);
        let window_end = (new_end + len - 1).min(u.new_len);
        let old = std::mem::take(&mut self.directive_marks);
        let before = old.iter().copied().take_while(|&at| at < window_start);
        let inside = (window_start < window_end)
            .then(|| inline_control::marks(&text.as_bytes()[window_start..window_end]).map(|at| at + window_start))
            .into_iter()
            .flatten();
        let after = old.iter().copied().filter(|&at| at >= old_end).map(|at| at + u.new_len - u.old_len);
        self.directive_marks = before.chain(inside).chain(after).collect();
    }

    /// Where [`inline_control::MARK`] occurs in the written text given to the last update.
    pub(super) fn directive_marks(&self) -> &[usize] {
        &self.directive_marks
    }

    /// The spans of the outermost quotes, sorted ([`outer_quote_spans`]), made once per update.
    /// `a` must be the analysis given to the last update (or, with none, any analysis).
    pub fn outer_quotes(&self, a: &Analysis) -> &[Span] {
        self.outer_quotes.get_or_init(|| outer_quote_spans(a))
    }

    /// Where an old span of the written text is now, if the edit left its text alone.
    pub(super) fn moved(&self, span: Span) -> Option<Span> {
        self.edit?.span(span)
    }

    /// The findings of rule `code`: the last run's, moved, when `unchanged` says that all the
    /// rule reads is what the last run read, moved by the edit and untouched by it (the rule
    /// compared that itself); else `compute`'s. Appended to `out`.
    pub fn findings_if(&self, code: &'static str, unchanged: bool, out: &mut Vec<Finding>, compute: impl FnOnce(&mut Vec<Finding>)) {
        let mut memo = self.findings.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(old) = memo.get_mut(code).filter(|_| unchanged) {
            // Moved in place: should one not move, they are all made again.
            if old.findings.iter_mut().all(|f| self.move_finding(f)) {
                out.extend(old.findings.iter().cloned());
                old.fresh = true;
                return;
            }
        }
        let first = out.len();
        compute(out);
        memo.insert(code, Remembered { findings: out[first..].to_vec(), fresh: true });
    }

    /// Every name mention of a person outside the run's [`DocMemo::outer_quotes`], sorted by
    /// position (and entity): made by `index` from the mentions in the order
    /// [`Analysis::name_mentions`] lists them, or, when those mentions are the last run's each
    /// moved by the edit and every quote's ends moved ([`Sameness`]), the last index moved the
    /// same way, in place. Moving keeps the order (what was before the edit stays before what
    /// was after it) and which mentions lie inside which quotes, so the index is the one `index`
    /// would make; sorting 100,000 mentions of a 10 MB draft on every keystroke is what this
    /// saves.
    pub fn person_names(
        &self,
        a: &Analysis,
        index: impl FnOnce(&[(usize, Span)]) -> Vec<(Span, usize)>,
    ) -> Arc<[(Span, usize)]> {
        if self.one_shot {
            let mentions: Vec<(usize, Span)> = a.name_mentions(EntityKind::Person).collect();
            return index(&mentions).into();
        }
        let same = self.sameness(a);
        let mut slot = self.person_names.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // Moving keeps which mentions lie inside which quotes when every quote's ends moved.
        let old = slot.take().filter(|_| same.person_names_moved && same.quote_ends_moved);
        let moved = old.and_then(|old| {
            let mut sorted = old.sorted;
            let in_place = Arc::get_mut(&mut sorted)?;
            // Every mention is untouched: those starting before the edit end before it and stay.
            let prefix = self.edit?.prefix;
            let after = in_place.partition_point(|(s, _)| (s.start as usize) < prefix);
            for entry in in_place[after..].iter_mut() {
                entry.0 = self.moved(entry.0)?;
            }
            Some(sorted)
        });
        let sorted = moved.unwrap_or_else(|| {
            let mentions: Vec<(usize, Span)> = a.name_mentions(EntityKind::Person).collect();
            index(&mentions).into()
        });
        *slot = Some(PersonNames { sorted: sorted.clone(), fresh: true });
        sorted
    }

    /// The finding with every span [`DocMemo::moved`], if the edit left each alone.
    pub(super) fn moved_finding(&self, f: &Finding) -> Option<Finding> {
        let mut f = f.clone();
        self.move_finding(&mut f).then_some(f)
    }

    /// Moves every span of a finding as [`DocMemo::moved`] does; `false` (and the finding partly
    /// moved) if the edit touched one.
    pub(super) fn move_finding(&self, f: &mut Finding) -> bool {
        let move_span = |span: &mut Span| self.moved(*span).map(|moved| *span = moved).is_some();
        move_span(&mut f.span)
            && f.fixes.iter_mut().flat_map(|fix| &mut fix.edits).all(|edit| move_span(&mut edit.span))
            && f.related.iter_mut().all(|r| move_span(&mut r.span))
    }
}

#[cfg(test)]
mod tests {
    use super::DocMemo;
    use crate::analysis::random_edits::{floor_boundary, RandomEdits};
    use crate::analysis::{analyze, layout::Format};
    use crate::config::{Config, RuleLevel};
    use crate::rules::{check, inline_control, Checker};

    /// Random edits of a text made of pieces of the mark (so that marks appear, vanish and
    /// straddle edits): the kept marks are those a search of the whole text finds.
    #[test]
    fn kept_directive_marks_are_the_marks_a_full_search_finds() {
        let mut edits = RandomEdits::new(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| edits.below(n);
        let pieces = ["copy", "desk-", "copydesk-", "x", "\n", "copydesk", "-", "é"];
        let mut text = String::new();
        for _ in 0..200 {
            text.push_str(pieces[next(pieces.len())]);
        }
        let mut memo = DocMemo::default();
        for round in 0..1500 {
            // A replacement at a character boundary, sometimes none at all.
            let at = floor_boundary(&text, next(text.len() + 1));
            let end = floor_boundary(&text, (at + if next(3) == 0 { next(12) } else { 0 }).min(text.len()));
            let insert: String = (0..next(3)).map(|_| pieces[next(pieces.len())]).collect();
            text.replace_range(at..end, &insert);
            memo.update(&analyze(&text, Format::Plain), None);
            let searched: Vec<usize> = inline_control::marks(text.as_bytes()).collect();
            assert_eq!(memo.directive_marks(), searched, "round {round}: {text:?}");
        }
    }

    /// Random edits that add, cut and quote names and split paragraphs: the index of people's
    /// names the memo gives (moved, or made when it cannot be) is the index made afresh.
    #[test]
    fn moved_person_names_are_the_index_made_afresh() {
        use crate::analysis::entities::EntityKind;
        use crate::analysis::span::Span;
        let mut edits = RandomEdits::new(0x7f4a_7c15_9e37_79b9);
        let pieces = ["\"", "\u{201c}", "\u{201d}", "\n\n", " Okafor", "Maria Okafor said", " Tom Reyes", ", he said. ", "x", " "];
        let mut text = String::from(
            "Maria Okafor met Tom Reyes. \"It is over,\" he said.\n\nReyes left. Okafor stayed, she said.\n\n\
             Tom Reyes and Sam Patel spoke. \"We will see,\" Patel said.\n",
        );
        // Sorted by position and entity, those inside a quote left out: as the rule's index.
        let afresh = |mentions: &[(usize, Span)], quotes: &[Span]| -> Vec<(Span, usize)> {
            let mut spans: Vec<(Span, usize)> = mentions
                .iter()
                .filter(|(_, s)| !quotes.iter().any(|q| q.start <= s.start && s.start < q.end))
                .map(|&(i, s)| (s, i))
                .collect();
            spans.sort_by_key(|&(s, i)| (s.start, i));
            spans
        };
        let mut memo = DocMemo::default();
        let mut moved = 0;
        for round in 0..400 {
            edits.cut_or_insert(&mut text, &pieces, 40);
            let a = analyze(&text, Format::Plain);
            memo.update(&a, None);
            let quotes = memo.outer_quotes(&a).to_vec();
            let mut made = false;
            let index = memo.person_names(&a, |m| {
                made = true;
                afresh(m, &quotes)
            });
            let mentions: Vec<(usize, Span)> = a.name_mentions(EntityKind::Person).collect();
            assert_eq!(*index, afresh(&mentions, &quotes), "round {round}: {text:?}");
            moved += usize::from(!made);
        }
        assert!(moved > 40, "{moved} of 400 moved");
    }

    /// Directives typed, moved and removed between versions: each run finds what a fresh check
    /// finds.
    #[test]
    fn directives_edited_between_versions_act_as_in_a_fresh_check() {
        let draft = "The port will close TK, officials said.\n\nThe mayor claimed that the port was safe.\n";
        let versions = [
            draft.to_string(),
            format!("copydesk-disable\n{draft}"),
            format!("copydesk-disable leftover-placeholder\n{draft}"),
            format!("copydesk-disabl\n{draft}"),
            draft.replace("\n\nThe mayor", "\n\ncopydesk-disable\nThe mayor"),
            draft.replace("\n\nThe mayor", "\n\ncopydesk-disable\n\nThe mayor"),
            draft.to_string(),
        ];
        let all = check(&analyze(draft, Format::Plain), &Config::default()).len();
        let mut checker = Checker::default();
        let mut silenced = 0;
        for (i, text) in versions.iter().enumerate() {
            let (_, cached) = checker.check(text, Format::Plain, &Config::default());
            let fresh = check(&analyze(text, Format::Plain), &Config::default());
            assert_eq!(cached, fresh, "version {i}: {text:?}");
            silenced += usize::from(cached.len() < all);
        }
        // The whole draft, the placeholder alone, the second paragraph twice.
        assert!(silenced >= 4, "{silenced} of {all}");
    }

    /// Edits before, inside and after the names a remembered rule reads, and the rule switched
    /// off for a version and back on: each run finds what a fresh check finds.
    #[test]
    fn remembered_findings_are_the_findings_of_a_fresh_check() {
        let draft = "Sergey Lavrov met Dana Kowalski.\n\nThe talks went on, Sergei Lavrov said.\n\n\
                     Kowalsky left early. Maria Okafor stayed.\n";
        let versions = [
            draft.to_string(),
            draft.replace("talks went", "talks  went"),
            draft.replace("talks went", "talks  went").replace("Sergei", "Sergej"),
            draft.replace("Kowalsky left", "Kowalsky then left"),
            draft.replace("Dana Kowalski.", "Dana Kowalski and others."),
            draft.replace("Sergey Lavrov met", "Then Sergey Lavrov met"),
            draft.to_string(),
            draft.replace("stayed.", "stayed, Okafr said."),
            draft.replace("Kowalsky", "Kowalski"),
            draft.to_string(),
        ];
        let mut off = Config::default();
        off.rules.insert("name-variant".into(), RuleLevel::Off);
        let mut checker = Checker::default();
        let mut flagged = 0;
        for (i, text) in versions.iter().enumerate() {
            let config = if i == 5 { &off } else { &Config::default() };
            let (_, cached) = checker.check(text, Format::Plain, config);
            assert_eq!(cached, check(&analyze(text, Format::Plain), config), "version {i}: {text:?}");
            flagged += cached.iter().filter(|f| f.code == "name-variant").count();
        }
        assert!(flagged >= 8, "{flagged}");
    }

    /// Random edits of a draft of people, pronouns, titles, quotes, headline-like lines and
    /// paragraph breaks, each checked with the memory of the last: the person-name rules (which
    /// keep answers per attribution, per person and per draft) find what a fresh check finds.
    /// A Markdown draft whose scan text is masked in one version and not in the next (a comment
    /// or a code span opened and closed): the memos compare the scan texts, never take the
    /// written texts' comparison for theirs, and the cached check finds what a fresh one finds.
    #[test]
    fn markdown_masking_that_comes_and_goes_is_compared_as_scan_text() {
        let masked = "<!-- notes from the harbour office, kept for the desk: Maria Okafor met Tom Reyes -->\n\nOkafor spoke first.\n\nMaria Okafor and Tom Reyes spoke. \"It is over,\" Reyes said.\n";
        let plain = masked.replacen("<!--", "<!-", 1);
        let mut checker = Checker::default();
        for (round, text) in [masked, &plain, masked, &plain, &plain.replacen("first", "frst", 1)].into_iter().enumerate() {
            let (_, cached) = checker.check(text, Format::Markdown, &Config::default());
            let fresh = check(&analyze(text, Format::Markdown), &Config::default());
            assert_eq!(cached, fresh, "round {round}: {text:?}");
        }
    }

    #[test]
    fn person_name_rules_remembered_find_what_a_fresh_check_finds() {
        let mut edits = crate::analysis::random_edits::RandomEdits::new(0x51ed_2701_a3c4_9b1f);
        let pieces = [
            "\"", "\u{201c}", "\u{201d}", "\n\n", ".", " ", "x", " Okafor", "Maria Okafor ", " Tom Reyes",
            " Sam Patel", " Reyes", " met", " and", ", he said. ", ", she said. ", " the senator said.",
            "Senator ", " Kowalsky", "Dana Kowalski ", "Mr. ", "\"It is over,\"", " Sergei Lavrov", " Sergey Lavrov",
        ];
        let block = "Harbour master Maria Okafor met Tom Reyes and Sam Patel. \"It is over,\" he said.\n\n\
             Senator Dana Kowalski spoke. Senator Ann Lee spoke. \"It will pass,\" the senator said.\n\n\
             Sergey Lavrov met Sergei Lavrov. Kowalsky left, she said. \"We will see,\" Patel said.\n\n";
        let draft = format!("{}\n\n{}", include_str!("../../../tests/fixtures/rules/surname-before-full-name.txt").trim_end(), block.repeat(3));
        let codes = ["ambiguous-attribution", "surname-before-full-name", "name-variant"];
        let mut checker = Checker::default();
        let mut seen = [0; 3];
        let mut text = draft.clone();
        for round in 0..600 {
            // Back to the draft now and then (an edit of the whole text), then edits piling up.
            if round % 40 == 0 {
                text = draft.clone();
            } else {
                edits.cut_or_insert(&mut text, &pieces, 30);
            }
            let (_, cached) = checker.check(&text, Format::Plain, &Config::default());
            let fresh = check(&analyze(&text, Format::Plain), &Config::default());
            assert_eq!(cached, fresh, "round {round}: {text:?}");
            for (n, code) in seen.iter_mut().zip(codes) {
                *n += usize::from(cached.iter().any(|f| f.code == code));
            }
            if round == 0 {
                assert_eq!(seen, [1; 3], "{cached:?}");
            }
        }
        assert!(seen.iter().all(|&n| n > 300), "{seen:?}");
    }
}
