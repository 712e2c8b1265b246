//! Keeps coreference's index of role words ([`WordLists`]) from one analysis to the next, so that
//! a keystroke that changes nobody's roles does not gather, hash and sort every role of a long
//! draft again (about a tenth of a keystroke's work on a 1 MB draft).
//!
//! The index is a function of the entities' kinds and titles and of the role words read around
//! each person's name mentions, in order ([`super::Salience::roles`]). The memo is reused only
//! when all of these are provably the same: the same entities with the same kinds and titles, the
//! same name mentions of the same entities in the same order, and for each person mention, the
//! same role words. A mention's words are the same without reading them when it sits at the same
//! place in an unchanged paragraph (the same cached facts, so the same text) that is whole lines
//! in both versions: then [`super::roles::around`] reads the paragraph's text alone
//! ([`memo_holds`]). The few other mentions (those of the edited paragraph) are read afresh in
//! both versions and compared. Anything else rebuilds the index.

use std::sync::Arc;

use super::index::WordLists;
use super::roles::{memo_holds, RoleReader};
use crate::analysis::entities::{Entity, EntityKind};
use crate::analysis::paragraph::Paragraph;

/// Past this many mentions to compare afresh, rebuilding is as cheap: the memo is given up.
const MAX_FRESH: usize = 64;

/// Coreference's role index from the last analysis, with what it was built from.
#[derive(Default)]
pub struct CorefMemo {
    last: Option<LastRoles>,
}

pub(super) struct LastRoles {
    text: Arc<str>,
    paragraphs: Vec<Paragraph>,
    /// The name index's mentions: (start, end, entity), sorted.
    mentions: Vec<(u32, u32, usize)>,
    /// Each entity's kind, and a person's title.
    entities: Vec<(EntityKind, Option<Box<str>>)>,
    roles: WordLists,
}

impl CorefMemo {
    /// The last analysis's role index and what it was built from, if one was built.
    pub(super) fn take(&mut self) -> Option<LastRoles> {
        self.last.take()
    }

    /// Keeps this analysis's role index, if it built or reused one, for the next analysis.
    pub(super) fn keep(
        &mut self,
        text: &Arc<str>,
        paragraphs: &[Paragraph],
        entities: &[Entity],
        mentions: Vec<(u32, u32, usize)>,
        roles: Option<WordLists>,
    ) {
        self.last = roles.map(|roles| LastRoles {
            text: Arc::clone(text),
            paragraphs: paragraphs.to_vec(),
            mentions,
            entities: entities
                .iter()
                .map(|e| (e.kind, e.title.as_deref().filter(|_| e.kind == EntityKind::Person).map(Box::from)))
                .collect(),
            roles,
        });
    }
}

impl LastRoles {
    /// The kept role index, if the draft now gives every person the same role words as when it
    /// was built (see the module's comment).
    pub(super) fn roles_if_same(
        self,
        text: &str,
        paragraphs: &[Paragraph],
        entities: &[Entity],
        mentions: &[(u32, u32, usize)],
    ) -> Option<WordLists> {
        if entities.len() != self.entities.len() || mentions.len() != self.mentions.len() {
            return None;
        }
        for (e, (kind, title)) in entities.iter().zip(&self.entities) {
            if e.kind != *kind || (e.kind == EntityKind::Person && e.title.as_deref() != title.as_deref()) {
                return None;
            }
        }
        let mut new_par = ParagraphCursor::new(text, paragraphs);
        let mut old_par = ParagraphCursor::new(&self.text, &self.paragraphs);
        let mut fresh: Vec<usize> = Vec::new();
        for (k, (&(start, end, e), &(old_start, old_end, old_e))) in mentions.iter().zip(&self.mentions).enumerate() {
            if e != old_e {
                return None;
            }
            if entities[e].kind != EntityKind::Person {
                continue;
            }
            // `roles` skips a mention past the text's end (none in practice).
            let (past, old_past) = (end as usize > text.len(), old_end as usize > self.text.len());
            if past || old_past {
                if past != old_past {
                    return None;
                }
                continue;
            }
            let same_place = match (new_par.memo_paragraph(start, end), old_par.memo_paragraph(old_start, old_end)) {
                (Some(p), Some(o)) => {
                    Arc::ptr_eq(&p.facts, &o.facts)
                        && p.span.len() == o.span.len()
                        && start - p.span.start == old_start - o.span.start
                        && end - p.span.start == old_end - o.span.start
                }
                _ => false,
            };
            if !same_place {
                if fresh.len() == MAX_FRESH {
                    return None;
                }
                fresh.push(k);
            }
        }
        if !fresh.is_empty() {
            // Read as `roles` reads them; one reader at a time, as each holds a paragraph's memo.
            let read = |text: &str, paragraphs: &[Paragraph], mentions: &[(u32, u32, usize)]| -> Vec<String> {
                let mut reader = RoleReader::new(text, paragraphs);
                fresh
                    .iter()
                    .map(|&k| {
                        let mut words = String::new();
                        reader.append_to(mentions[k].0, mentions[k].1, &mut words);
                        words
                    })
                    .collect()
            };
            let now = read(text, paragraphs, mentions);
            if now != read(&self.text, &self.paragraphs, &self.mentions) {
                return None;
            }
        }
        Some(self.roles)
    }
}

/// Finds, for mentions asked in order of start, the paragraph [`RoleReader`] reads a mention's
/// roles from by its memo, if it does.
struct ParagraphCursor<'a> {
    text: &'a str,
    paragraphs: &'a [Paragraph],
    next: usize,
}

impl<'a> ParagraphCursor<'a> {
    fn new(text: &'a str, paragraphs: &'a [Paragraph]) -> ParagraphCursor<'a> {
        ParagraphCursor { text, paragraphs, next: 0 }
    }

    /// As `RoleReader::append_to` chooses it: the last paragraph starting at or before `start`,
    /// when [`memo_holds`].
    fn memo_paragraph(&mut self, start: u32, end: u32) -> Option<&'a Paragraph> {
        let paragraphs = self.paragraphs;
        while paragraphs.get(self.next + 1).is_some_and(|p| p.span.start <= start) {
            self.next += 1;
        }
        paragraphs.get(self.next).filter(|p| memo_holds(self.text, p.span, start, end))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::analysis::layout::Format;
    use crate::analysis::{analyze, Analyzer};

    /// Every kind of role a description is matched against, in paragraphs a keystroke may edit.
    const DRAFT: &str = "City hall reshuffle\n\nThe deputy mayor said on Monday that the office would move. \
\"It is only a move,\" the deputy mayor said.\n\nThe deputy mayor, Helen Cho, has held the post since 2019. \
Gov. Lena Ortiz praised her.\n\n\"She has done the work of two people,\" the governor said.\n\nSen. Tomas Reval \
of Oregon and Rep. Dara Quist of Idaho both sent letters. \"This city is a model,\" the Oregon senator said.\n\n\
Judge Ines Marlow, who heard the case, declined to comment. Priya Anand, the city's lawyer, said it was closed.\n\n\
\"The ruling stands,\" the judge wrote.\n\n\"We will see,\" the lawyer said.\n";

    /// Text typed or pasted: words that make or unmake a role, and breaks that move a paragraph.
    const TYPED: &[&str] = &["x", " ", "\n", "\n\n", ",", ".", "Judge ", "the judge", ", the mayor,", "Gov. ", " of Utah", "'s"];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// A warm analysis, which may reuse the last role index, equals a fresh one after every edit.
        #[test]
        fn reused_roles_are_the_roles_a_fresh_analysis_finds(
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0..TYPED.len(), 0usize..4), 1..16),
        ) {
            let mut text = DRAFT.to_string();
            let mut analyzer = Analyzer::default();
            analyzer.analyze(&text, Format::Plain);
            for (at, typed, deleted) in edits {
                let mut start = at.index(text.len() + 1);
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + deleted).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(start..end, TYPED[typed]);
                let warm = format!("{:?}", analyzer.analyze(&text, Format::Plain));
                prop_assert_eq!(warm, format!("{:?}", analyze(&text, Format::Plain)), "{:?}", text);
            }
        }
    }
}
