//! What may stand between two quotations of one voice: `"…," Tom Lind said. But what if Ana Ruiz
//! wins? Would the board not risk her plan? "…," he said`. Ruiz, whom the draft has not shown to
//! be a woman, is named between, but the pronoun right after her name is of the other gender than
//! the speaker's: that is who she is here, and the `he` carries Lind's voice on.

use super::pronoun::Seen;

/// Whether the stretch between two quotations leaves a speaker pronoun (`she`: its gender) to the
/// earlier quotation's speaker `e`: everyone named is `e`, shown by the draft to be of the other
/// gender (`other`), or named right before a pronoun of the other gender, with no other name
/// between; no pronoun of the speaker pronoun's gender.
pub(super) fn leaves_the_voice(stretch: impl Iterator<Item = Seen>, e: usize, she: bool, other: impl Fn(usize) -> bool) -> bool {
    // A person named last whose pronoun is still to come.
    let mut waiting = false;
    for x in stretch {
        match x {
            Seen::Person(p) if p == e || other(p) => {}
            Seen::Person(_) if waiting => return false,
            Seen::Person(_) => waiting = true,
            Seen::Pronoun(x) if x == she => return false,
            Seen::Pronoun(_) => waiting = false,
            Seen::Aside(_) | Seen::Object(_) if waiting => return false,
            Seen::Aside(_) | Seen::Object(_) | Seen::Quote => {}
        }
    }
    !waiting
}

#[cfg(test)]
mod tests {
    use super::leaves_the_voice;
    use super::Seen;
    use crate::analysis::sources::Gender;
    use super::super::inventory_gender as gender;

    #[test]
    fn a_person_named_right_before_a_pronoun_of_the_other_gender_leaves_the_voice_on() {
        let text = "Tom Lind, a harbour pilot who has worked the port for decades, was not hopeful.\n\n\
                    \"They will let the season run out,\" Lind said. \"Then the boats go south.\"\n\n\
                    But what if Ana Ruiz wins? Would the board not risk her taking the berths away?\n\n\
                    \"Ana can do whatever she likes,\" he said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["he".to_string()]));
    }

    #[test]
    fn a_person_with_no_pronoun_after_them_keeps_the_voice_open() {
        let (lind, ruiz, tom) = (0, 1, 2);
        let other = |p: usize| p == tom;
        // Ruiz, then `her`: Ruiz is the woman; the `he` is Lind's.
        assert!(leaves_the_voice([Seen::Person(ruiz), Seen::Pronoun(true)].into_iter(), lind, false, other));
        // Ruiz with no pronoun after: Ruiz may be the speaker.
        assert!(!leaves_the_voice([Seen::Person(ruiz)].into_iter(), lind, false, other));
        // Someone else named before the pronoun: it may be theirs.
        assert!(!leaves_the_voice([Seen::Person(ruiz), Seen::Person(3), Seen::Pronoun(true)].into_iter(), lind, false, other));
        // A pronoun of the speaker pronoun's gender: another voice may be in view.
        assert!(!leaves_the_voice([Seen::Person(ruiz), Seen::Pronoun(false)].into_iter(), lind, false, other));
        assert!(leaves_the_voice([Seen::Quote, Seen::Person(lind), Seen::Person(tom)].into_iter(), lind, false, other));
        // The speaker named after Ruiz does not answer for her.
        assert!(!leaves_the_voice([Seen::Person(ruiz), Seen::Person(lind)].into_iter(), lind, false, other));
    }
}
