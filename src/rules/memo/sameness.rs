//! [`DocMemo::sameness`]: how a run's draft compares with the last run's, as far as the rules that
//! read people's names across the whole draft care (`surname-before-full-name`,
//! `ambiguous-attribution`, `name-variant`), made once per run and shared by them.

use std::sync::Arc;

use super::DocMemo;
use crate::analysis::entities::{EntityKind, MentionKind, Pronoun};
use crate::analysis::span::Span;
use crate::analysis::{same_text, Analysis, Unchanged};

/// What the person-name rules read of the whole draft, beside the text.
pub(super) struct Shape {
    /// Every name mention of a person, as [`Analysis::name_mentions`] lists them.
    mentions: Vec<(u32, Span)>,
    /// Each person's pronoun, name and title, with its place in the list of entities.
    people: Vec<(u32, PersonFacts)>,
    /// The body paragraphs' spans.
    paragraphs: Vec<Span>,
    /// The outermost quotes.
    quotes: Vec<Span>,
    dateline: Option<Span>,
    pub(super) fresh: bool,
}

struct PersonFacts {
    pronoun: Option<Pronoun>,
    name: Arc<str>,
    title: Option<String>,
}

impl PersonFacts {
    fn of(a: &Analysis) -> Vec<(u32, PersonFacts)> {
        let people = a.entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Person);
        people.map(|(i, e)| (i as u32, PersonFacts { pronoun: e.pronoun, name: e.name.clone(), title: e.title.clone() })).collect()
    }

    fn are(old: &[(u32, PersonFacts)], a: &Analysis) -> bool {
        let mut old = old.iter();
        let people = a.entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Person);
        let same = people.into_iter().all(|(i, e)| {
            old.next().is_some_and(|(j, o)| *j as usize == i && o.pronoun == e.pronoun && same_text(&o.name, &e.name) && o.title == e.title)
        });
        same && old.next().is_none()
    }
}

/// How a run's draft compares with the last run's, as far as the rules that read people's names
/// across the whole draft care; every answer is `false` (or the whole text) when unknown.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sameness {
    /// Every person name mention is the last run's, for the same entity, moved by the edit and
    /// untouched by it (so its text is the same).
    pub person_names_moved: bool,
    /// The people among the entities are the last run's, at the same places in the list, with
    /// the same pronouns, names and titles.
    pub entities_same: bool,
    /// Every outermost quote starts and ends where the last run's did, moved by the edit (a quote
    /// holding the edit may grow or shrink): a place the edit left alone is inside a quote now
    /// when it was then.
    pub quote_ends_moved: bool,
    /// The stretch of the last run's text (its offsets) outside which the body paragraphs are
    /// the last run's, moved, with their text: the edit, the paragraphs around it (before the
    /// edit and after it), and from the top on when it reaches the opening lines (whose being
    /// headline-like depends on each other). The whole text when unknown.
    pub changed: Span,
    /// The same stretch in this run's offsets.
    pub changed_now: Span,
}

/// How many paragraphs at the top may read each other (`prose::is_heading_like`).
const TOP_PARAGRAPHS: usize = 3;

impl DocMemo {
    /// How `a` (the analysis given to the last update) compares with the last run's that asked
    /// (which must be the run before: what an earlier one saw is dropped at each update). Made
    /// once per update; the rules that ask keep what it compares for the next run. A one-shot
    /// memo keeps nothing and answers that nothing is known.
    pub fn sameness(&self, a: &Analysis) -> Sameness {
        *self.sameness.get_or_init(|| {
            let whole = Span { start: 0, end: u32::MAX };
            if self.one_shot {
                return Sameness { changed: whole, changed_now: whole, ..Sameness::default() };
            }
            let quotes = self.outer_quotes(a);
            let mut slot = self.shape.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let old = slot.take().filter(|_| self.scan_follows_text);
            let mut sameness = Sameness { changed: whole, changed_now: whole, ..Sameness::default() };
            let (mut mentions, mut entities) = (None, None);
            if let (Some(mut old), Some(u)) = (old, self.edit) {
                sameness.person_names_moved = self.move_person_mentions(a, &mut old.mentions);
                sameness.entities_same = PersonFacts::are(&old.people, a);

                sameness.quote_ends_moved = old.quotes.len() == quotes.len()
                    && old.quotes.iter().zip(quotes).all(|(o, n)| {
                        self.moved_point(o.start) == Some(n.start) && self.moved_point(o.end) == Some(n.end)
                    });
                sameness.changed = self.changed_paragraphs(a, &old, u).unwrap_or(whole);
                let end = sameness.changed.end as i64 + u.delta();
                sameness.changed_now = Span { start: sameness.changed.start, end: if sameness.changed == whole { u32::MAX } else { end as u32 } };
                // Moved in place by the comparison, or the same.
                mentions = sameness.person_names_moved.then_some(old.mentions);
                entities = sameness.entities_same.then_some(old.people);
            }
            *slot = Some(Shape {
                mentions: mentions.unwrap_or_else(|| a.name_mentions(EntityKind::Person).map(|(i, s)| (i as u32, s)).collect()),
                people: entities.unwrap_or_else(|| PersonFacts::of(a)),
                paragraphs: a.paragraphs.iter().map(|p| p.span).collect(),
                quotes: quotes.to_vec(),
                dateline: a.dateline.as_ref().map(|d| d.span),
                fresh: true,
            });
            sameness
        })
    }

    /// Whether every person name mention of `a` is one of `old` (in order) moved by the edit and
    /// untouched by it; `old` is moved in place as far as they agree.
    fn move_person_mentions(&self, a: &Analysis, old: &mut [(u32, Span)]) -> bool {
        let Some(u) = self.edit else { return false };
        let (prefix, old_end, delta) = (u.prefix as u32, u.old_end() as u32, u.delta());
        let mut next = old.iter_mut();
        for (i, e) in a.entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Person) {
            for m in e.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
                let Some((entity, was)) = next.next() else { return false };
                let moved = if was.end <= prefix {
                    *was
                } else if was.start >= old_end {
                    was.moved_by(delta)
                } else {
                    return false;
                };
                if *entity as usize != i || moved != m.span {
                    return false;
                }
                *was = moved;
            }
        }
        next.next().is_none()
    }

    /// Whether person `entity` has a name mention overlapping [`Sameness::changed_now`] (a mention
    /// straddling an empty stretch counts); `None` from a one-shot memo. Read from the list of this
    /// run's person name mentions kept for the next run, in order, rather than from each person's
    /// own list (a cache miss per person of a long draft).
    pub fn person_named_in_changed(&self, a: &Analysis, entity: usize) -> Option<bool> {
        let now = self.sameness(a).changed_now;
        let named = self.named_in_changed.get_or_init(|| {
            let shape = self.shape.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let shape = shape.as_ref()?;
            let mut named: Vec<u32> = shape.mentions.iter().filter(|(_, s)| s.end > now.start && s.start < now.end).map(|&(e, _)| e).collect();
            named.sort_unstable();
            named.dedup();
            Some(named)
        });
        named.as_ref().map(|named| named.binary_search(&(entity as u32)).is_ok())
    }

    /// See [`Sameness::changed`]: `None` when paragraphs away from the edit differ.
    fn changed_paragraphs(&self, a: &Analysis, old: &Shape, u: Unchanged) -> Option<Span> {
        let delta = u.delta();
        // Paragraphs touching the edit or next to it (one byte either side), old and new.
        let (start, old_end, new_end) = (u.prefix.saturating_sub(1) as u32, (u.old_end() + 1) as u32, (u.new_end() + 1) as u32);
        let near = |p: &Span, end: u32| p.start <= end && start <= p.end;
        let old_first = old.paragraphs.partition_point(|p| p.end < start);
        let old_last = old_first + old.paragraphs[old_first..].iter().take_while(|p| near(p, old_end)).count();
        let new = &a.paragraphs;
        let new_first = new.partition_point(|p| p.span.end < start);
        let new_last = new_first + new[new_first..].iter().take_while(|p| near(&p.span, new_end)).count();
        let same_before = old_first == new_first && old.paragraphs[..old_first].iter().zip(new).all(|(o, n)| *o == n.span);
        let same_after = old.paragraphs.len() - old_last == new.len() - new_last
            && old.paragraphs[old_last..].iter().zip(&new[new_last..]).all(|(o, n)| o.moved_by(delta) == n.span);
        let dateline_moved = match (old.dateline, a.dateline.as_ref()) {
            (None, None) => true,
            (Some(o), Some(n)) => self.moved(o) == Some(n.span),
            _ => false,
        };
        if !(same_before && same_after && dateline_moved) {
            return None;
        }
        // The stretch in old offsets: the edit, and the paragraphs near it then and now.
        let back = |at: u32| if at as usize >= u.new_end() { (at as i64 - delta) as u32 } else { at.min(u.prefix as u32) };
        let mut lo = u.prefix as u32;
        let mut hi = u.old_end() as u32;
        for p in &old.paragraphs[old_first..old_last] {
            lo = lo.min(p.start);
            hi = hi.max(p.end);
        }
        for p in &new[new_first..new_last] {
            lo = lo.min(back(p.span.start));
            hi = hi.max(back(p.span.end));
        }
        if old_first < TOP_PARAGRAPHS || new_first < TOP_PARAGRAPHS {
            lo = 0;
            hi = hi.max(old.paragraphs.get(TOP_PARAGRAPHS).map_or(u32::MAX, |p| p.end));
        }
        // A byte either side: what reads the next character (a word's end) sees the same one.
        Some(Span { start: lo.saturating_sub(1), end: hi.saturating_add(1) })
    }
}
