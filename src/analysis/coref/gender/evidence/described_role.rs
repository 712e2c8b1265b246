//! A role for a subject that coreference already gave a person: `Ruiz spoke first. The Ohio
//! senator repeated: "…"` (the speaker resolution found the senator to be Ruiz). Where a sentence
//! opens with such a role it stands for that person, not for someone unknown, so a pronoun after
//! it, or in the next sentence whose subject is a role (`The senator changed her story`), is theirs.

use super::pronoun::Seen;
use super::role_subject::role_head;
use crate::analysis::entities::{Entity, MentionKind};
use crate::analysis::Analysis;

/// Where each description mention coreference gave a person starts, with the person, by start.
pub(super) struct DescribedRoles(Vec<(u32, usize)>);

impl DescribedRoles {
    /// The description mentions of the entities `is_person` keeps.
    pub(super) fn new(a: &Analysis, is_person: impl Fn(usize, &Entity) -> bool) -> DescribedRoles {
        let mut at: Vec<(u32, usize)> = a
            .entities
            .iter()
            .enumerate()
            .filter(|&(e, ent)| is_person(e, ent))
            .flat_map(|(e, ent)| ent.mentions.iter().filter(|m| m.kind == MentionKind::Description).map(move |m| (m.span.start, e)))
            .collect();
        at.sort_unstable();
        DescribedRoles(at)
    }

    /// The person a description starting at `start` stands for, if coreference gave it one.
    pub(super) fn at(&self, start: u32) -> Option<usize> {
        let i = self.0.partition_point(|&(s, _)| s < start);
        self.0.get(i).filter(|&&(s, _)| s == start).map(|&(_, e)| e)
    }

    /// The person the role opening sentence `si` of paragraph `pi` stands for: the one coreference
    /// gave the role of the same head opening the sentence before, when the sentences before that
    /// name them and no one else (past sentences naming no one, as a quotation carrying on, up to
    /// [`super::LOOK_BACK`]; within the paragraph or the one before, each step).
    pub(super) fn carried_on(&self, a: &Analysis, text: &str, seen: &[(u32, Seen)], (pi, si): (usize, usize)) -> Option<usize> {
        let start = |at: (usize, usize)| super::sentence_start(a, at);
        let mut at = super::previous_sentence(a, pi, si).filter(|b| b.0 + 1 >= pi)?;
        let e = self.at(start(at))?;
        let (own, before) = (start((pi, si)), start(at));
        let own_head = role_head(text.get(own as usize..)?)?;
        if !role_head(text.get(before as usize..own as usize)?)?.eq_ignore_ascii_case(own_head) {
            return None;
        }
        for _ in 0..super::LOOK_BACK {
            at = super::previous_sentence(a, at.0, at.1).filter(|f| f.0 + 1 >= at.0)?;
            let from = start(at);
            let i = seen.partition_point(|&(s, _)| s < from);
            let mut named = false;
            for &(_, x) in seen[i..].iter().take_while(|&&(s, _)| s < before) {
                match x {
                    Seen::Person(p) if p == e => named = true,
                    Seen::Pronoun(_) | Seen::Quote => {}
                    _ => return None,
                }
            }
            if named {
                return Some(e);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::sources::Gender;
    use super::super::inventory_gender as gender;

    #[test]
    fn a_role_carried_on_from_one_the_speaker_resolution_gave_a_person_is_theirs() {
        let text = "The council met on Monday.\n\nAt the rally, Ohio Sen. Ana Ruiz told the crowd, \"We will build the port.\" \
                    The Ohio senator repeated: \"The port comes first.\"\n\n\
                    The senator changed her plan a week later, saying the port could wait.\n";
        assert_eq!(gender(text, "Ana Ruiz"), (Gender::Female, vec!["her".to_string()]));
        // Not after another role, nor when the sentence before the role names someone else too.
        let other = text.replace("The senator changed", "The mayor changed");
        assert_eq!(gender(&other, "Ana Ruiz"), (Gender::Unknown, vec![]));
        let other = text.replace("the crowd,", "Tom Lind and the crowd,");
        assert_eq!(gender(&other, "Ana Ruiz"), (Gender::Unknown, vec![]));
    }
}
