//! Where the owner of an analysis hands it back once done with it (the server, when it frees a
//! snapshot), so that the next analysis of the same draft writes its largest lists into that
//! memory instead of building them afresh:
//! - the entities: every entity's list of mentions keeps its allocation (on a 10 MB draft, 27,000
//!   allocations a keystroke on the path to the diagnostics, and as many frees after it);
//! - the paragraphs: a paragraph whose facts are the ones already in its place is not taken again
//!   (taking an `Arc` touches its count, a cache miss per paragraph of a long draft).

use std::sync::{Arc, Mutex};

use super::entities::Entity;
use super::paragraph::Paragraph;
use super::Analysis;

#[derive(Clone, Default)]
pub struct Recycler(Arc<Mutex<Recycled>>);

#[derive(Default)]
struct Recycled {
    entities: Vec<Entity>,
    paragraphs: Vec<Paragraph>,
}

impl Recycler {
    /// Keeps `analysis`'s entities and paragraphs for the next analysis (what was kept before and
    /// not used is freed, as is the rest of `analysis`).
    pub fn give(&self, analysis: Analysis) {
        let Analysis { entities, paragraphs, .. } = analysis;
        let unused = std::mem::replace(&mut *self.lock(), Recycled { entities, paragraphs });
        drop(unused);
    }

    pub(crate) fn take_entities(&self) -> Vec<Entity> {
        std::mem::take(&mut self.lock().entities)
    }

    pub(crate) fn take_paragraphs(&self) -> Vec<Paragraph> {
        std::mem::take(&mut self.lock().paragraphs)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Recycled> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::layout::Format;
    use super::super::{analyze, Analysis, Analyzer};

    /// Edits made one after another to `draft`, each a (find, replace) on the current text, with
    /// each warm analysis handed back once the next one is made, as the server does (so that warm
    /// results are written into the memory of earlier ones: lists longer, shorter, or of other
    /// entities). `check` gets each warm analysis, the text it is of, and the edit before it.
    pub(crate) fn replay_handing_back(draft: &str, edits: &[(&str, &str)], mut check: impl FnMut(&Analysis, &str, (&str, &str))) {
        let mut text = draft.to_string();
        let mut analyzer = Analyzer::default();
        let recycler = analyzer.recycler();
        let mut last = analyzer.analyze(&text, Format::Plain);
        for &(find, replace) in edits {
            let at = text.find(find).unwrap_or_else(|| panic!("{find:?} is in the draft"));
            text.replace_range(at..at + find.len(), replace);
            let warm = analyzer.analyze(&text, Format::Plain);
            recycler.give(std::mem::replace(&mut last, warm));
            check(&last, &text, (find, replace));
        }
    }

    const DRAFT: &str = "MOSCOW, June 3 (TASS) — Foreign Minister Sergey Lavrov met John Kerry in Geneva.\n\n\
\"We agreed,\" Lavrov said.\n\nKerry said the talks were useful.\n\nThe Kremlin said Moscow would reply.\n";

    /// Typing, a paragraph split and joined, a name typed and deleted: every warm analysis,
    /// written into earlier ones, is a fresh one's.
    #[test]
    fn analyses_written_into_earlier_ones_equal_fresh_ones() {
        let edits = [("useful", "very useful"), ("useful.", "useful.\n\nHe left."), ("\n\nHe left.", " He left."), ("Geneva", "Geneva with Ban Ki-moon"), (" with Ban Ki-moon", "")];
        replay_handing_back(DRAFT, &edits, |warm, text, (find, replace)| {
            assert_eq!(format!("{warm:?}"), format!("{:?}", analyze(text, Format::Plain)), "after {find:?} -> {replace:?}");
        });
    }

    /// The point: the lists of the analysis handed back are the next analysis's.
    #[test]
    fn the_next_analysis_writes_into_the_lists_handed_back() {
        let mut analyzer = Analyzer::default();
        let first = analyzer.analyze(DRAFT, Format::Plain);
        let lists = (first.entities.as_ptr(), first.paragraphs.as_ptr());
        analyzer.recycler().give(first);
        let second = analyzer.analyze(&DRAFT.replace("useful", "very useful"), Format::Plain);
        assert_eq!((second.entities.as_ptr(), second.paragraphs.as_ptr()), lists);
    }
}
