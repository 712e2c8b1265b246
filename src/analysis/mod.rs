//! The extraction core: reads a draft and returns an [`Analysis`].
//!
//! Pure and total: no IO, no LSP types, no panics, no errors. Odd input becomes data (an unclosed
//! quote is a [`quotes::Quote`] with `closed: false`). Data flows one way:
//!
//! ```text
//! layout -> paragraphs (cached per paragraph text) -> dateline -> entities -> quotes
//!        -> attribution -> coreference
//! ```
//!
//! Only the paragraph layer reads every byte. It is cached by [`Analyzer`], so re-analysing a large
//! draft after a keystroke re-reads one paragraph; the document-wide passes after it work on the
//! cached facts (quote marks, name candidates), not on the text.

pub mod attribution;
pub mod coref;
pub mod dateline;
pub mod entities;
pub mod gazetteer;
pub mod layout;
pub mod lexicon;
pub mod notes;
pub mod paragraph;
pub mod quotes;
pub mod recycle;
pub mod sentences;
pub mod sources;
pub mod span;
pub mod tokens;
mod unchanged;
#[cfg(test)]
pub(crate) mod random_edits;

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;

use self::dateline::Dateline;
use self::entities::Entity;
use self::layout::{Block, BlockKind, Format};
use self::paragraph::{Paragraph, ParagraphFacts};
use self::quotes::{Quote, QuoteIssue};
use self::span::Span;
pub use self::unchanged::Unchanged;

/// Everything copydesk found in a draft. Spans are byte offsets into [`Analysis::text`].
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The draft as given.
    pub text: Arc<String>,
    /// The draft with non-prose (Markdown front matter, code, comments, link targets) blanked out by
    /// spaces: same length and offsets as `text`. Every pass reads this one.
    pub scan_text: Arc<String>,
    pub format: Format,
    /// Every non-blank block, in order.
    pub blocks: Vec<Block>,
    /// The body paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// The headline, standfirst, byline and Markdown headings, in order: not story text, but they name people
    /// and places.
    pub headings: Vec<Paragraph>,
    pub dateline: Option<Dateline>,
    /// Quotations, in document order. Nested quotes come after their parent.
    pub quotes: Vec<Quote>,
    /// Quotation marks that open and never close, or close and never opened.
    pub quote_issues: Vec<QuoteIssue>,
    pub entities: Vec<Entity>,
}

impl Analysis {
    pub fn byline(&self) -> Option<Span> {
        self.blocks.iter().find(|b| b.kind == BlockKind::Byline).map(|b| b.span)
    }

    pub fn headline(&self) -> Option<Span> {
        self.blocks.iter().find(|b| b.kind == BlockKind::Headline).map(|b| b.span)
    }

    /// Every name mention (not pronouns or descriptions) of the entities of one kind, with its
    /// entity's index, entity by entity and each entity's mentions in document order.
    pub fn name_mentions(&self, kind: entities::EntityKind) -> impl Iterator<Item = (usize, Span)> + '_ {
        self.entities.iter().enumerate().filter(move |(_, e)| e.kind == kind).flat_map(|(i, e)| {
            e.mentions.iter().filter(|m| m.kind == entities::MentionKind::Name).map(move |m| (i, m.span))
        })
    }

    /// The paragraph containing an absolute offset.
    pub fn paragraph_at(&self, offset: u32) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end < offset);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= offset).then_some(i)
    }
}

/// Analyses one draft from scratch.
/// Whether two shared texts (an entity's name, a finding's message) are equal, by pointer first:
/// an analysis hands its names and messages on to the next, and comparing them by `==` alone
/// reads the text behind both, a cache miss each on a long draft.
pub fn same_text(a: &Arc<str>, b: &Arc<str>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

pub fn analyze(text: &str, format: Format) -> Analysis {
    Analyzer::once().analyze(text, format)
}

/// Guesses the format from a file name: `.md` and `.markdown` are Markdown.
pub fn format_for_path(path: &str) -> Format {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx") {
        Format::Markdown
    } else {
        Format::Plain
    }
}

/// An analyser that remembers the paragraphs it has read, for re-analysing a draft as it changes.
///
/// The result of [`Analyzer::analyze`] is always identical to [`analyze`] on the same text: the cache
/// only holds facts that depend on a paragraph's text alone.
#[derive(Default)]
pub struct Analyzer {
    /// The paragraphs of the last version read, with its text.
    last: Option<LastRead>,
    /// The entity pass's last result, reused when an edit changes no name.
    entities: entities::EntityMemo,
    /// Coreference's index of role words, reused when an edit changes nobody's roles.
    coref: coref::CorefMemo,
    /// The layout's line scan of the last version, re-scanned only around an edit.
    layout: layout::LayoutMemo,
    /// The quote pairing's last result, re-paired only around an edit.
    pairing: quotes::PairingMemo,
    /// The attribution's last result, re-attributed only around an edit.
    attribution: attribution::RestartMemo,
    /// How the text of the last analysis differs from the one before it, while no one took it.
    edit: Option<TextEdit>,
    /// How the next text differs from the last one, as the editor reported it
    /// ([`Analyzer::expect_edit`]): the layout then need not compare the two whole texts.
    hint: Option<Unchanged>,
    /// Reads one draft only ([`analyze`]), so keeps nothing for a next version: remembering
    /// costs a copy of every entity, and freeing it another few percent of a cold analysis.
    once: bool,
    /// Where the analyses this analyser made come back to once their owner is done with them.
    recycler: recycle::Recycler,
}

struct LastRead {
    scan_text: Arc<String>,
    /// The body paragraphs and the headings, in order: the last analysis's lists, kept up to date
    /// in place ([`paragraph::update_in_place`]).
    paragraphs: Vec<Paragraph>,
    headings: Vec<Paragraph>,
}

impl Analyzer {
    /// An analyser for one draft read once (a `copydesk check` of one file): it builds none of
    /// the memos only a next version of the draft would use, and has none to free.
    pub fn once() -> Analyzer {
        Analyzer { once: true, ..Analyzer::default() }
    }

    pub fn analyze(&mut self, text: &str, format: Format) -> Analysis {
        self.analyze_marked(text, format, &mut |_| {})
    }

    /// Tells the analyser how the next text it reads differs from the last one it read, as the
    /// editor reported the edit, so that the two whole texts need not be compared to find it.
    /// The hint may understate what the edit left alone (a change that typed what was there), never
    /// overstate it; one that does not fit the two texts' lengths is ignored. Used by the next
    /// analysis only.
    pub fn expect_edit(&mut self, unchanged: Unchanged) {
        self.hint = Some(unchanged);
    }

    /// As [`Analyzer::analyze`], calling `mark` with a stage's name as each stage ends (and
    /// coreference's parts within it), so that a profiler can time them. The analysis never reads
    /// a clock itself.
    pub fn analyze_marked(&mut self, text: &str, format: Format, mark: &mut dyn FnMut(&'static str)) -> Analysis {
        self.analyze_shared(Arc::new(text.to_owned()), format, mark)
    }

    /// As [`Analyzer::analyze_marked`], of a text the caller shares: the analysis holds it as
    /// [`Analysis::text`] rather than a copy (a language server's copy of a long draft).
    pub fn analyze_shared(&mut self, text: Arc<String>, format: Format, mark: &mut dyn FnMut(&'static str)) -> Analysis {
        let (layout, text, unchanged) = if self.once {
            self.hint = None;
            (layout::layout(&text, format), text, None)
        } else {
            let old = self.layout.last_text();
            let (layout, unchanged) = self.layout.layout(&text, format, self.hint.take());
            // Layout compared the texts (when both are plain); whoever else needs the
            // comparison takes it rather than making it again.
            self.edit = old.zip(unchanged).map(|(old, unchanged)| TextEdit { old, new: text.clone(), unchanged });
            (layout, text, unchanged)
        };
        mark("layout");
        let scan_text: Arc<String> = match layout.scan_text {
            Some(masked) => Arc::from(masked),
            None => text.clone(),
        };
        let blocks = layout.blocks;
        let (paragraphs, headings, scan_edit) = self.paragraphs(&scan_text, &blocks, unchanged);
        mark("paragraphs");
        let dateline = dateline::find(&scan_text, &blocks, &paragraphs);
        mark("dateline");
        let (mut entities, mut quotes, quote_issues, asks) = if self.once {
            let entities = entities::collect(&scan_text, &headings, &paragraphs, dateline.as_ref());
            mark("entities");
            let (mut quotes, quote_issues) = quotes::find_quotes(&scan_text, &paragraphs);
            mark("quotes");
            attribution::attribute(&scan_text, &paragraphs, &entities, &mut quotes);
            mark("attribution");
            let asks = coref::Asks::of(&quotes);
            mark("coref: speaker queries");
            (entities, quotes, quote_issues, asks)
        } else {
            // The entity memo and the quote memos read the same paragraphs and nothing of each
            // other's, so on a long draft the entities are found on the second core meanwhile
            // (on a 10 MB draft, 3.5 ms of copying every entity beside 1.5 of quotes).
            let (entity_memo, pairing, attribution) = (&mut self.entities, &mut self.pairing, &mut self.attribution);
            let recycled = self.recycler.take_entities();
            let find_entities = || entity_memo.collect(&scan_text, &headings, &paragraphs, dateline.as_ref(), scan_edit.as_ref(), recycled);
            let mut find_quotes = |mark: &mut dyn FnMut(&'static str)| {
                let (mut quotes, quote_issues) = pairing.find_quotes(&scan_text, &paragraphs);
                mark("quotes");
                attribution.attribute(&scan_text, &paragraphs, &mut quotes, scan_edit.as_ref());
                mark("attribution");
                // Coreference's reading of the quotes, while the entities may still be coming.
                let asks = coref::Asks::of(&quotes);
                mark("coref: speaker queries");
                (quotes, quote_issues, asks)
            };
            let (entities, (quotes, quote_issues, asks)) = if crate::second_core::worth_it(scan_text.len()) {
                crate::second_core::join(find_entities, || find_quotes(&mut *mark))
            } else {
                (find_entities(), find_quotes(&mut *mark))
            };
            // On the second core, this thread's time for the entities is its wait for them.
            mark("entities");
            (entities, quotes, quote_issues, asks)
        };
        if !self.once {
            self.coref.entities_moved(self.entities.take_move());
            self.coref.set_edit(scan_edit);
        }
        let coref_memo = (!self.once).then_some(&mut self.coref);
        coref::resolve_asked(&scan_text, &paragraphs, &mut entities, &mut quotes, asks, coref_memo, mark);
        Analysis { text, scan_text, format, blocks, paragraphs, headings, dateline, quotes, quote_issues, entities }
    }

    /// Where to hand back this analyser's analyses once done with them: the next analysis
    /// writes its largest lists into their memory ([`recycle`]).
    pub fn recycler(&self) -> recycle::Recycler {
        self.recycler.clone()
    }

    /// How the text of the last analysis differs from the text analysed before it, when this
    /// analyser compared them (plain text), for the caller to reuse; taken once, so that the old
    /// text is not kept alive.
    pub fn take_edit(&mut self) -> Option<TextEdit> {
        self.edit.take()
    }

    /// Body paragraphs and headings, each read once per distinct text.
    ///
    /// An edit changes one stretch of the draft: the paragraphs wholly before it or wholly after
    /// it are the old ones (found by position, with no need to hash or compare their text), and
    /// those in the stretch are looked up by text among the old stretch's paragraphs (a paragraph
    /// split, joined or moved) before being read afresh. The text is compared once, with `memcmp`,
    /// to find the stretch.
    ///
    /// `known` is what the edit left alone when the layout pass has already compared the texts
    /// (both versions plain, so their scan text is the text).
    /// Also returns how the scan text differs from the last one, when there was one.
    fn paragraphs(&mut self, scan: &Arc<String>, blocks: &[Block], known: Option<Unchanged>) -> (Vec<Paragraph>, Vec<Paragraph>, Option<TextEdit>) {
        let last = self.last.take();
        let unchanged = last.as_ref().map_or(Unchanged::default(), |l| {
            known
                .filter(|u| u.old_len == l.scan_text.len() && u.new_len == scan.len())
                .unwrap_or_else(|| Unchanged::between(&l.scan_text, scan))
        });
        let (old_body, old_headings): (&[Paragraph], &[Paragraph]) = last.as_ref().map_or((&[], &[]), |l| (&l.paragraphs, &l.headings));
        let old_text: &str = last.as_ref().map_or("", |l| &l.scan_text);
        // The old paragraphs the edit touched, by text; built only if one is needed.
        let mut touched: Option<HashMap<&str, &Arc<ParagraphFacts>, FxBuildHasher>> = None;
        // Paragraphs read afresh in this version: a draft may repeat one (a sign-off, a boilerplate
        // line), and it is read once.
        let mut fresh: HashMap<&str, Arc<ParagraphFacts>, FxBuildHasher> =
            HashMap::with_capacity_and_hasher(if last.is_none() { blocks.len() } else { 0 }, FxBuildHasher);
        // Where the search for an old paragraph by position resumes in each old list: the old
        // spans sought only grow.
        let (mut body_cursor, mut heading_cursor) = (0, 0);
        // The paragraph sought is almost always the one at the cursor or the next (the same
        // paragraph in the same order): those two are looked at before a binary search, which
        // would touch a dozen far-apart paragraphs of a large draft for each one.
        fn find<'p>(list: &'p [Paragraph], cursor: &mut usize, was: Span) -> Option<&'p Arc<ParagraphFacts>> {
            let before = |i: usize| list.get(i).is_some_and(|p: &Paragraph| p.span.start < was.start);
            if before(*cursor) {
                *cursor += 1;
                if before(*cursor) {
                    *cursor += list[*cursor..].partition_point(|p| p.span.start < was.start);
                }
            }
            list.get(*cursor).filter(|p| p.span == was).map(|p| &p.facts)
        }
        // Written into an earlier analysis's list, its paragraphs replaced only where their facts
        // are not already the ones in place (see [`recycle`]).
        let mut paragraphs = self.recycler.take_paragraphs();
        paragraphs.reserve(blocks.len().saturating_sub(paragraphs.len()));
        let mut body_count = 0;
        let mut headings = Vec::new();
        for block in blocks.iter().filter(|b| matches!(b.kind, BlockKind::Body | BlockKind::Headline | BlockKind::Heading | BlockKind::Standfirst | BlockKind::Byline)) {
            // A first read (a cold `check`) has no old paragraph to look for.
            let found = match last.is_some().then(|| unchanged.old_span(block.span)).flatten() {
                Some(was) => find(old_body, &mut body_cursor, was).or_else(|| find(old_headings, &mut heading_cursor, was)),
                None => None,
            };
            let read: Arc<ParagraphFacts>;
            let facts = match found {
                Some(facts) => facts,
                None => {
                    let par_text = block.span.text(scan);
                    let touched = touched.get_or_insert_with(|| {
                        old_headings
                            .iter()
                            .chain(old_body)
                            .filter(|p| !unchanged.keeps_old(p.span))
                            .map(|p| (p.span.text(old_text), &p.facts))
                            .collect()
                    });
                    read = match touched.get(par_text) {
                        Some(facts) => Arc::clone(facts),
                        None => fresh
                            .entry(par_text)
                            .or_insert_with(|| Arc::new(paragraph::analyze_paragraph(par_text)))
                            .clone(),
                    };
                    &read
                }
            };
            if block.kind != BlockKind::Body {
                headings.push(Paragraph { span: block.span, facts: Arc::clone(facts) });
                continue;
            }
            match paragraphs.get_mut(body_count) {
                Some(slot) => {
                    if !Arc::ptr_eq(&slot.facts, facts) {
                        slot.facts = Arc::clone(facts);
                    }
                    slot.span = block.span;
                }
                None => paragraphs.push(Paragraph { span: block.span, facts: Arc::clone(facts) }),
            }
            body_count += 1;
        }
        paragraphs.truncate(body_count);
        // Only this version's paragraphs are kept, so the cache never outgrows the draft.
        let compared = last.as_ref().map(|l| TextEdit { old: l.scan_text.clone(), new: scan.clone(), unchanged });
        drop(touched);
        if !self.once {
            let (mut kept_body, mut kept_headings) = last.map(|l| (l.paragraphs, l.headings)).unwrap_or_default();
            paragraph::update_in_place(&mut kept_body, &paragraphs);
            paragraph::update_in_place(&mut kept_headings, &headings);
            self.last = Some(LastRead { scan_text: scan.clone(), paragraphs: kept_body, headings: kept_headings });
        }
        (paragraphs, headings, compared)
    }
}

/// How one version of a text differs from the one before: that one (to tell it from others),
/// and what the edit left alone.
#[derive(Clone)]
pub struct TextEdit {
    old: Arc<String>,
    new: Arc<String>,
    unchanged: Unchanged,
}

impl TextEdit {
    /// The comparison of `old` with `new` that found `unchanged`, for others to reuse.
    pub(crate) fn new(old: Arc<String>, new: Arc<String>, unchanged: Unchanged) -> TextEdit {
        TextEdit { old, new, unchanged }
    }

    /// What the edit from `old` to `new` left alone: `known`'s, when it is the edit between
    /// these very texts (the same allocations); else found by comparing them.
    pub(crate) fn unchanged_between(known: Option<&TextEdit>, old: &Arc<String>, new: &Arc<String>) -> Unchanged {
        known
            .filter(|e| Arc::ptr_eq(&e.old, old) && Arc::ptr_eq(&e.new, new))
            .map(|e| e.unchanged)
            .unwrap_or_else(|| Unchanged::between(old, new))
    }
}

impl TextEdit {
    /// As [`TextEdit::unchanged_between`], for a new text given as a borrowed `&str`: `known`'s
    /// when `new` is its very text (the same bytes at the same address, which `known` keeps
    /// alive).
    pub(crate) fn unchanged_for(known: Option<&TextEdit>, old: &Arc<String>, new: &str) -> Unchanged {
        known
            .filter(|e| Arc::ptr_eq(&e.old, old) && std::ptr::eq(e.new.as_ptr(), new.as_ptr()) && e.new.len() == new.len())
            .map(|e| e.unchanged)
            .unwrap_or_else(|| Unchanged::between(old, new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warm_analysis_told_the_edits_equals_a_fresh_one() {
        let mut edits = random_edits::RandomEdits::new(0x2545_F491_4F6C_DD1D);
        let pieces = ["\n\n", "\n", "“Yes,” Ann Lee said. ", "Lee ", "word ", "  ", "MOSCOW, June 3 (TASS) - "];
        let mut text = "HEADLINE\n\nBy Ann Lee\n\n“We agree,” Lavrov said.\n\nKerry left.\n\n".repeat(6);
        let mut analyzer = Analyzer::default();
        analyzer.analyze(&text, Format::Plain);
        for _ in 0..300 {
            let reported = edits.cut_or_insert(&mut text, &pieces, 12);
            analyzer.expect_edit(reported);
            let warm = format!("{:?}", analyzer.analyze(&text, Format::Plain));
            assert_eq!(warm, format!("{:?}", analyze(&text, Format::Plain)), "{text:?}");
        }
    }

    #[test]
    fn the_analyser_hands_on_its_text_comparison_for_the_texts_it_compared_only() {
        let mut analyzer = Analyzer::default();
        let first = analyzer.analyze("Officials said the port would close.\n\nIt did.\n", Format::Plain);
        assert!(analyzer.take_edit().is_none(), "nothing to compare the first text with");
        let second = analyzer.analyze("Officials said the port would not close.\n\nIt did.\n", Format::Plain);
        let edit = analyzer.take_edit().expect("plain text is compared by the layout");
        assert!(analyzer.take_edit().is_none(), "taken once");
        let compared = Unchanged::between(&first.text, &second.text);
        assert_eq!((compared.prefix, compared.suffix), (30, 16));
        assert_eq!(TextEdit::unchanged_between(Some(&edit), &first.text, &second.text), compared);
        // Another text with the same contents is not the one compared: it is compared afresh.
        let other: Arc<String> = Arc::new(String::from("Officials said.\n"));
        assert_eq!(TextEdit::unchanged_between(Some(&edit), &other, &second.text), Unchanged::between(&other, &second.text));
        assert_eq!(edit.unchanged, compared);
        // Markdown is not compared by the layout: nothing to hand on.
        analyzer.analyze("# Title\n\nText.\n", Format::Markdown);
        analyzer.analyze("# Title\n\nText!\n", Format::Markdown);
        assert!(analyzer.take_edit().is_none());
    }

    #[test]
    fn warm_analysis_follows_edits_that_split_join_and_move_paragraphs() {
        let versions = [
            "MOSCOW, June 3 (TASS) — Lavrov spoke.\n\n\"We agree,\" he said.\n\nThe end.\n",
            "MOSCOW, June 3 (TASS) — Lavrov spoke.\n\n\"We agree,\" he\n\nsaid.\n\nThe end.\n",
            "MOSCOW, June 3 (TASS) — Lavrov spoke.\n\n\"We agree,\" he said.\n\nThe end.\n",
            "The end.\n\nMOSCOW, June 3 (TASS) — Lavrov spoke.\n\n\"We agree,\" he said.\n",
            "The end.\n\nThe end.\n\n\"We agree,\" he said.\n",
            "",
            "# Title\n\n```\ncode \"x\n```\n\nLavrov said \"yes.\"\n",
            "# Title\n\n```\ncode \"x\n\nLavrov said \"yes.\"\n",
        ];
        for format in [Format::Plain, Format::Markdown] {
            let mut analyzer = Analyzer::default();
            for text in versions {
                let warm = format!("{:?}", analyzer.analyze(text, format));
                assert_eq!(warm, format!("{:?}", analyze(text, format)), "{text:?}");
            }
        }
    }
}
