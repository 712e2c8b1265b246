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
//!
//! It keeps the surname map and the organisation word index too: they are functions of the
//! entities' kinds and names alone, reused when those are the same ([`NamesReuse`]).

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::index::{NameIndex, WordLists};
use super::shifted::Proof;
use super::roles::{memo_holds, RoleReader};
use crate::analysis::span::Span;
use crate::analysis::entities::{Entity, EntityKind};
use crate::analysis::paragraph::{self, Paragraph};
use crate::analysis::TextEdit;

/// Past this many mentions to compare afresh, rebuilding is as cheap: the memo is given up.
const MAX_FRESH: usize = 64;

/// Coreference's role index from the last analysis, with what it was built from.
#[derive(Default)]
pub struct CorefMemo {
    last: Option<LastRoles>,
    names: Option<LastNames>,
    /// The order the last analysis's name mentions sorted into ([`NameIndex::like_last`]).
    pub(super) name_order: Vec<u32>,
    /// The last analysis's walk over the speaker mentions ([`super::walk`]).
    pub(super) walk: Option<super::walk::LastWalk>,
    /// The last analysis's name index, people list and gender tallies ([`super::shifted`]).
    pub(super) pass: Option<super::shifted::LastPass>,
    /// How the entity pass moved its last result for this analysis, if it did.
    pub(super) moved: Option<crate::analysis::entities::EntityMove>,
    /// How the text now analysed differs from the last, as the analysis compared them, so that
    /// the role index and the walk need not compare them again.
    pub(super) edit: Option<TextEdit>,
    /// The last analysis's byline search: its text, the last paragraph's start and the index of
    /// the person found in the people list ([`super::Salience::author`]).
    pub(super) byline: Option<LastByline>,
    /// The last analysis's continued voices ([`super::voices::LastVoices`]).
    pub(super) voices: Option<super::voices::LastVoices>,
    /// The paragraph list the memos above share, kept to be updated in place next time.
    paragraphs: Option<Arc<Vec<Paragraph>>>,
}

/// The last analysis's byline search: its text, the last paragraph's start and the index of the
/// person found in the people list.
pub(super) struct LastByline(pub(super) Arc<String>, pub(super) u32, pub(super) Option<usize>);

/// The surname map and organisation index of the last analysis, with the entities' kinds and
/// names they were built from ([`names_key`]).
pub(super) struct LastNames {
    key: Vec<u8>,
    surnames: Option<FxHashMap<String, usize>>,
    organizations: Option<WordLists>,
}

/// Hands the last analysis's surname map and organisation index to this one if the entities'
/// kinds and names are the same. The key is built on first use.
#[derive(Default)]
pub(super) struct NamesReuse {
    last: Option<LastNames>,
    key: Option<Vec<u8>>,
    /// Whether the entities are proven the last analysis's moved with the text (the same kinds
    /// and names): then the last key is theirs, not built again.
    proven: bool,
}

impl NamesReuse {
    fn same_names(&mut self, entities: &[Entity]) -> Option<&mut LastNames> {
        let last = self.last.as_mut()?;
        if self.proven {
            #[cfg(test)]
            assert!(last.key == names_key(entities));
            return Some(last);
        }
        let key = self.key.get_or_insert_with(|| names_key(entities));
        (last.key == *key).then_some(last)
    }

    pub(super) fn surnames(&mut self, entities: &[Entity]) -> Option<FxHashMap<String, usize>> {
        self.same_names(entities)?.surnames.take()
    }

    pub(super) fn organizations(&mut self, entities: &[Entity]) -> Option<WordLists> {
        self.same_names(entities)?.organizations.take()
    }
}

/// Each entity's kind and name, without ambiguity: all that the surname map and the
/// organisation index are built from.
fn names_key(entities: &[Entity]) -> Vec<u8> {
    let mut key = Vec::with_capacity(entities.len() * 24);
    for e in entities {
        key.push(e.kind as u8);
        key.extend_from_slice(&(e.name.len() as u32).to_le_bytes());
        key.extend_from_slice(e.name.as_bytes());
    }
    key
}

pub(super) struct LastRoles {
    text: Arc<String>,
    /// Shared with the other memos of the same analysis: one copy of the list, not one each.
    paragraphs: Arc<Vec<Paragraph>>,
    /// The name index's mentions: (start, end, entity), sorted.
    mentions: Vec<(u32, u32, usize)>,
    /// Each entity's kind, and a person's title.
    entities: Kinds,
    roles: WordLists,
    /// The analysis's comparison of the last text with the new one, if it made one.
    edit: Option<TextEdit>,
}

impl CorefMemo {
    /// Tells the memo how the entity pass moved its last result for the analysis about to run
    /// ([`crate::analysis::entities::EntityMemo::take_move`]): `None` when it grouped afresh.
    pub fn entities_moved(&mut self, moved: Option<crate::analysis::entities::EntityMove>) {
        self.moved = moved;
    }

    /// Hands coreference the analysis's comparison of the text last resolved with the one to
    /// resolve next (used only if it is of those very texts).
    pub fn set_edit(&mut self, edit: Option<TextEdit>) {
        self.edit = edit;
    }

    /// The paragraph list for this analysis's memos to share: the last one updated in place
    /// ([`paragraph::update_in_place`]) once the last memos have let it go, so that a keystroke
    /// does not copy (and later free) one `Arc` per paragraph of the draft; else a fresh copy.
    pub(super) fn shared_paragraphs(&mut self, paragraphs: &[Paragraph]) -> Arc<Vec<Paragraph>> {
        let mut kept = self.paragraphs.take();
        let list = match kept.as_mut().and_then(Arc::get_mut) {
            Some(list) => {
                paragraph::update_in_place(list, paragraphs);
                kept
            }
            None => None,
        };
        let list = list.unwrap_or_else(|| Arc::new(paragraphs.to_vec()));
        self.paragraphs = Some(Arc::clone(&list));
        list
    }

    /// The last analysis's role index and what it was built from, if one was built, with the
    /// edit since.
    pub(super) fn take(&mut self) -> Option<LastRoles> {
        let edit = self.edit.clone();
        self.last.take().map(|last| LastRoles { edit, ..last })
    }

    /// The last analysis's surname map and organisation index, for [`NamesReuse`].
    /// `proven`: the entities are proven the last analysis's moved with the text
    /// ([`super::shifted::Proof`]).
    pub(super) fn take_names(&mut self, proven: bool) -> NamesReuse {
        NamesReuse { last: self.names.take(), key: None, proven }
    }

    /// Keeps this analysis's surname map and organisation index, if it built or reused either.
    pub(super) fn keep_names(
        &mut self,
        reuse: NamesReuse,
        entities: &[Entity],
        surnames: Option<FxHashMap<String, usize>>,
        organizations: Option<WordLists>,
    ) {
        let NamesReuse { last, key, proven } = reuse;
        let key = key.or_else(|| last.filter(|_| proven).map(|l| l.key));
        self.names = (surnames.is_some() || organizations.is_some()).then(|| LastNames {
            key: key.unwrap_or_else(|| names_key(entities)),
            surnames,
            organizations,
        });
    }

    /// Keeps this analysis's role index, if it built or reused one, for the next analysis.
    pub(super) fn keep(
        &mut self,
        text: &Arc<String>,
        paragraphs: &Arc<Vec<Paragraph>>,
        entities: &[Entity],
        kinds: Option<Kinds>,
        mentions: Vec<(u32, u32, usize)>,
        roles: Option<WordLists>,
    ) {
        self.last = roles.map(|roles| LastRoles {
            text: Arc::clone(text),
            paragraphs: Arc::clone(paragraphs),
            mentions,
            entities: kinds.unwrap_or_else(|| kinds_of(entities)),
            roles,
            edit: None,
        });
    }
}

/// Each entity's kind, and a person's title.
type Kinds = Vec<(EntityKind, Option<Box<str>>)>;

/// Each entity's kind, and a person's title.
fn kinds_of(entities: &[Entity]) -> Kinds {
    entities.iter().map(|e| (e.kind, e.title.as_deref().filter(|_| e.kind == EntityKind::Person).map(Box::from))).collect()
}

impl LastRoles {
    /// The entities' kinds and titles this memo keeps, if `proof` proves the entities now the
    /// ones it was made for, moved with the text; and its list of name mentions, to be refilled.
    pub(super) fn into_parts(self, proof: Option<&Proof>) -> (Option<Kinds>, Vec<(u32, u32, usize)>) {
        (proof.filter(|p| p.made_from(&self.text)).map(|_| self.entities), self.mentions)
    }

    /// The kept role index, if the draft now gives every person the same role words as when it
    /// was built (see the module's comment). With `proof` that the entities are the last ones
    /// moved with the text, their kinds, titles and mentions are known the same without reading
    /// them, and only the mentions on the edited lines are looked at. The index is taken: the
    /// memo keeps what it was built from.
    pub(super) fn roles_if_same(
        &mut self,
        text: &str,
        paragraphs: &[Paragraph],
        entities: &[Entity],
        names: &NameIndex,
        proof: Option<&Proof>,
    ) -> Option<WordLists> {
        let mentions = &names.mentions[..];
        if entities.len() != self.entities.len() || mentions.len() != self.mentions.len() {
            return None;
        }
        // What `roles` reads never passes a line break: a mention on a line the edit left alone,
        // at the same place, has the same words. That is the cheap proof, tried first; the
        // analysis has compared the texts already.
        let shift = TextEdit::unchanged_for(self.edit.as_ref(), &self.text, text);
        let (before, after) = shift.untouched_lines(text);
        let proven = proof.is_some_and(|p| p.through(&self.text, &shift));
        // Proven, a mention wholly on the untouched lines before or after the edit is the same
        // one moved, with the same entity, kind and title: only those between are read.
        let window = if proven {
            let from = mentions.partition_point(|m| u64::from(m.0) + u64::from(names.longest) < u64::from(before));
            let to = after.map_or(mentions.len(), |a| mentions.partition_point(|m| m.0 <= a));
            from..to.max(from)
        } else {
            for (e, (kind, title)) in entities.iter().zip(&self.entities) {
                if e.kind != *kind || (e.kind == EntityKind::Person && e.title.as_deref() != title.as_deref()) {
                    return None;
                }
            }
            0..mentions.len()
        };
        #[cfg(test)]
        if proven {
            assert!(kinds_of(entities) == self.entities);
        }
        let mut new_par = ParagraphCursor::new(text, paragraphs);
        let mut old_par = ParagraphCursor::new(&self.text, &self.paragraphs);
        let mut fresh: Vec<usize> = Vec::new();
        for (k, (&(start, end, e), &(old_start, old_end, old_e))) in mentions.iter().zip(&self.mentions).enumerate().skip(window.start).take(window.len()) {
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
            let on_untouched_line = end < before || after.is_some_and(|a| start > a);
            if on_untouched_line && shift.span(Span { start: old_start, end: old_end }) == Some(Span { start, end }) {
                continue;
            }
            // Else the same place in an unchanged paragraph that is whole lines.
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
        Some(std::mem::take(&mut self.roles))
    }
}

/// Finds, for mentions asked in order of start, the paragraph [`RoleReader`] reads a mention's
/// roles from by its memo, if it does. Whether a paragraph is whole lines is asked once.
struct ParagraphCursor<'a> {
    text: &'a str,
    paragraphs: &'a [Paragraph],
    next: usize,
    /// Whether paragraph `next` is whole lines, once asked.
    whole: Option<bool>,
}

impl<'a> ParagraphCursor<'a> {
    fn new(text: &'a str, paragraphs: &'a [Paragraph]) -> ParagraphCursor<'a> {
        ParagraphCursor { text, paragraphs, next: 0, whole: None }
    }

    /// As `RoleReader::append_to` chooses it: the last paragraph starting at or before `start`,
    /// when [`memo_holds`] (which is the paragraph holding the mention and being whole lines).
    fn memo_paragraph(&mut self, start: u32, end: u32) -> Option<&'a Paragraph> {
        let paragraphs = self.paragraphs;
        while paragraphs.get(self.next + 1).is_some_and(|p| p.span.start <= start) {
            self.next += 1;
            self.whole = None;
        }
        let p = paragraphs.get(self.next)?;
        if start < p.span.start || end > p.span.end {
            return None;
        }
        let (text, span) = (self.text, p.span);
        let whole = *self.whole.get_or_insert_with(|| memo_holds(text, span, span.start, span.end));
        whole.then_some(p)
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
\"The ruling stands,\" the judge wrote.\n\n\"We will see,\" the lawyer said. Anand works for Harbor Capital.\n\n\
\"We are glad,\" the company said. \"So am I,\" Ortiz said.\n";

    /// Text typed or pasted: words that make or unmake a role, a name or an organisation, and
    /// breaks that move a paragraph.
    const TYPED: &[&str] = &[
        "x", " ", "\n", "\n\n", ",", ".", "Judge ", "the judge", ", the mayor,", "Gov. ", " of Utah", "'s", "ez", "Acme Corp.",
        "the company", "Mr. Reval",
    ];

    /// Renaming an organisation changes what `the company` may be: the organisation index of the
    /// last version is not reused.
    #[test]
    fn a_renamed_organisation_is_indexed_afresh() {
        let before = "Harbor Lane\n\nAcme Company said on Monday it would close. \"We are sorry,\" the company said.\n";
        let after = before.replace("Acme Company", "Acme Group");
        let mut analyzer = Analyzer::default();
        for text in [before, after.as_str(), before] {
            let warm = analyzer.analyze(text, Format::Plain);
            let fresh = analyze(text, Format::Plain);
            assert_eq!(format!("{warm:?}"), format!("{fresh:?}"), "{text}");
        }
        let speaker = |text: &str| analyze(text, Format::Plain).quotes[0].attribution.and_then(|a| a.speaker?.entity);
        assert_ne!(speaker(before), speaker(&after), "the edit must change the answer for this test to mean anything");
    }

    /// The draft with each paragraph's first line opening with a no-break space, which the
    /// paragraph's span leaves out: no paragraph is whole lines, so every unchanged mention's roles
    /// are known the same by its line alone.
    fn indented_draft() -> String {
        DRAFT.replace("\n\n", "\n\n\u{a0}")
    }

    /// Applies each edit (a place, a typed text, a count of bytes deleted) to `text` and checks
    /// that a warm analysis equals a fresh one after every edit.
    fn warm_equals_fresh_after(mut text: String, edits: Vec<(prop::sample::Index, usize, usize)>) -> Result<(), TestCaseError> {
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
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// As below, in a draft whose paragraphs are not whole lines.
        #[test]
        fn reused_roles_on_untouched_lines_are_the_roles_a_fresh_analysis_finds(
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0..TYPED.len(), 0usize..4), 1..16),
        ) {
            warm_equals_fresh_after(indented_draft(), edits)?;
        }

        /// A warm analysis, which may reuse the last role index, surname map and organisation index,
        /// equals a fresh one after every edit.
        #[test]
        fn reused_roles_are_the_roles_a_fresh_analysis_finds(
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0..TYPED.len(), 0usize..4), 1..16),
        ) {
            warm_equals_fresh_after(DRAFT.to_string(), edits)?;
        }
    }
}
