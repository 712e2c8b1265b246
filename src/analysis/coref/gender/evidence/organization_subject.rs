//! An object pronoun in a sentence whose subject is an organization: `The Harbor Union, which has
//! backed Lind, urged members to vote for him`. An organization is `it`, never `him` or `her`, so
//! the object is a person, and when the sentence names one person before it and no one else, it
//! is them.

use super::pronoun::Seen;
use crate::analysis::entities::{EntityKind, MentionKind};
use crate::analysis::Analysis;

/// Each organization's name mentions as (start, end), in order.
pub(super) struct Organizations(Vec<(u32, u32)>);

impl Organizations {
    pub(super) fn new(a: &Analysis) -> Organizations {
        let mut spans: Vec<(u32, u32)> = a
            .entities
            .iter()
            .filter(|ent| ent.kind == EntityKind::Organization)
            .flat_map(|ent| ent.mentions.iter().filter(|m| m.kind == MentionKind::Name).map(|m| (m.span.start, m.span.end)))
            .collect();
        spans.sort_unstable();
        Organizations(spans)
    }

    /// Whether the sentence at `from` opens with an organization's name (or `The` and the name)
    /// followed by `, which` or a lowercase word: its subject (not `In Harbor City, Lind's
    /// office ...`, a place the entity pass took for an organization).
    pub(super) fn open(&self, text: &str, from: u32) -> bool {
        let rest = text.get(from as usize..).unwrap_or("");
        let starts = if rest.starts_with("The ") { [from, from + 4] } else { [from, from] };
        starts.iter().any(|&at| {
            let i = self.0.partition_point(|&(s, _)| s < at);
            self.0.get(i).is_some_and(|&(s, end)| {
                let after = text.get(end as usize..).unwrap_or("");
                s == at && (after.starts_with(", which ") || after.strip_prefix(' ').is_some_and(|w| w.starts_with(|c: char| c.is_ascii_lowercase())))
            })
        })
    }
}

/// The one person `from..to` names (as themselves or in an aside), with nothing else in it (no
/// pronoun, quotation or surname of two people), when the draft has not shown them
/// (`shown_other`) to be of the object's other gender.
pub(super) fn lone_person(seen: &[(u32, Seen)], from: u32, to: u32, shown_other: impl Fn(usize) -> bool) -> Option<usize> {
    let i = seen.partition_point(|&(s, _)| s < from);
    let mut one = None;
    for &(_, x) in seen[i..].iter().take_while(|&&(s, _)| s < to) {
        match x {
            Seen::Person(e) | Seen::Aside(Some(e)) if !shown_other(e) => {
                if *one.get_or_insert(e) != e {
                    return None;
                }
            }
            _ => return None,
        }
    }
    one
}

#[cfg(test)]
mod tests {
    use crate::analysis::sources::Gender;
    use super::super::inventory_gender as gender;

    #[test]
    fn an_object_pronoun_after_an_organization_subject_is_the_one_person_named() {
        let text = "\"We will win the port,\" Tom Lind said on Monday.\n\n\
                    The Harbor Workers Union, which has endorsed Lind, used the remarks to urge members to vote for him.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["him".to_string()]));
        // Not after a place taken for an organization, nor with a second person named in the sentence.
        let text = "\"We will win the port,\" Tom Lind said on Monday.\n\nIn Harbor City, Lind's office was outmatched, though voters said they liked him.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
        let text = "\"We will win the port,\" Tom Lind said on Monday.\n\n\
                    The Harbor Workers Union, which has endorsed Lind over Ana Ruiz, urged members to vote for him.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
    }
}
