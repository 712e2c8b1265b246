//! Surnames two people of the draft share (`Grayson` alone may be Ana Grayson or Tom Grayson), and
//! when a bare surname is still only one of them: before the draft has named the second one, a
//! reader has met one person of that surname, named in full, and `Grayson said` can only be them
//! (`Ana Grayson spoke first. Grayson said she ...`, with Tom Grayson named paragraphs later).
//! From the second one's first mention on, a bare surname may be either and stands as an aside.

use rustc_hash::FxHashMap;

use crate::analysis::entities::{Entity, MentionKind};

/// Each shared surname's people: where each is first named at all, and first named in full.
pub(super) struct SharedSurnames<'a> {
    /// Surname → `(entity, first name mention, first mention with a space)`, for people named
    /// more than once or named once in full (`Ana Grayson and Tom Grayson spoke`; a person named
    /// once by a surname alone, often a headline's run of capitals, does not count).
    people: FxHashMap<&'a str, Vec<(usize, u32, Option<u32>)>>,
}

impl<'a> SharedSurnames<'a> {
    /// The surnames of `people` (entity index and entity), keeping those two or more people share.
    pub(super) fn new(text: &str, people: impl Iterator<Item = (usize, &'a Entity)>) -> SharedSurnames<'a> {
        let mut by_surname: FxHashMap<&'a str, Vec<(usize, u32, Option<u32>)>> = FxHashMap::default();
        for (e, ent) in people {
            let Some(last) = ent.name.split_whitespace().last() else { continue };
            let mut names = ent.mentions.iter().filter(|m| m.kind == MentionKind::Name);
            let Some(first) = names.clone().next() else { continue };
            let full = names.find(|m| m.span.text(text).contains(' ')).map(|m| m.span.start);
            if ent.mentions.len() < 2 && full.is_none() {
                continue;
            }
            by_surname.entry(last).or_default().push((e, first.span.start, full));
        }
        by_surname.retain(|_, list| list.len() > 1);
        SharedSurnames { people: by_surname }
    }

    /// Whether a bare surname `written` at `at`, given to person `e`, may be someone else: its
    /// surname is shared, and `e` has not been named in full before it or another of its people
    /// has been named before it.
    pub(super) fn ambiguous(&self, written: &str, e: usize, at: u32) -> bool {
        let Some(list) = self.people.get(written) else { return false };
        let introduced = list.iter().any(|&(x, _, full)| x == e && full.is_some_and(|f| f < at));
        !introduced || list.iter().any(|&(x, first, _)| x != e && first < at)
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::sources::{inventory, Gender, InventoryOptions};
    use crate::analysis::{analyze, layout::Format};
    use super::super::inventory_gender as gender;

    #[test]
    fn a_bare_surname_before_the_second_person_of_that_surname_is_named_is_the_first() {
        let text = "Ana Grayson spoke at the forum on Sunday.\n\nGrayson said there was \"no gap\" between the plans. \
                    She said experts agreed.\n\n\"We need details,\" Grayson said.\n\n\
                    The moderator then asked about Tom Grayson and his old business. \"His record is his own,\" Lind said of Tom Grayson.\n\n\
                    Grayson smiled.\n";
        assert_eq!(gender(text, "Ana Grayson"), (Gender::Female, vec!["She".to_string()]));
        // Once both are named, a bare surname may be either: no evidence from it.
        // (Ana Grayson, named once, counts.)
        let text = "\"We will win,\" Eva Ruiz said.\n\nAna Grayson and Tom Grayson spoke at the forum on Sunday.\n\nGrayson said there was \"no gap\" between the plans. \
                    She said experts agreed.\n\n\"We need details,\" Grayson said. Tom Grayson nodded.\n";
        let sources = inventory(&analyze(text, Format::Plain), &InventoryOptions::default());
        assert!(sources.iter().any(|s| s.name.contains("Grayson")), "{sources:#?}");
        assert!(sources.iter().filter(|s| s.name.contains("Grayson")).all(|s| s.gender_evidence.is_empty()), "{sources:#?}");
    }
}
