//! A quoted person's gender, from evidence only (see the module above for the order): the draft's
//! own, gathered by coreference ([`DraftEvidence`]), then the newsroom's list, then given names.

use super::{Gender, GenderEvidence, EvidenceKind, InventoryOptions};
use crate::analysis::coref::{Clue, ClueKind, DraftEvidence};
use crate::analysis::entities::{MentionKind, Pronoun};
use crate::analysis::Analysis;

/// The gender of person entity `e` and the evidence for it.
pub(super) fn gender_of(a: &Analysis, e: usize, draft: &DraftEvidence, opts: &InventoryOptions) -> (Gender, Vec<GenderEvidence>) {
    let own: Vec<GenderEvidence> = draft.of(e).iter().filter_map(evidence).collect();
    if !own.is_empty() {
        // A lone possessive (`his`, `her`) far from the name is too weak on its own: it is the
        // pronoun most often about someone the sentence reports on (`Sanders told MSNBC's "Morning
        // Joe" that nobody would question her intelligence`).
        let gender = if own.len() == 1 && distant_possessive(a, e, &own[0]) { Gender::Unknown } else { weigh(&own) };
        return (gender, own);
    }
    let ent = &a.entities[e];
    let Some(name_at) = ent.mentions.iter().find(|m| m.kind == MentionKind::Name).map(|m| m.span) else {
        return (Gender::Unknown, own);
    };
    if let Some(p) = opts.people.iter().find(|p| p.gender != Gender::Unknown && p.spellings.iter().any(|s| same_name(s, &ent.name))) {
        return (p.gender, vec![GenderEvidence { span: name_at, kind: EvidenceKind::PeopleList, gender: p.gender }]);
    }
    if opts.gender_from_given_names {
        if let Some(g) = ent.name.split_whitespace().next().and_then(given_name_gender) {
            // Only a mention that shows the given name is evidence of it.
            let shown = ent.mentions.iter().find(|m| m.kind == MentionKind::Name && m.span.text(&a.scan_text).contains(' ')).map_or(name_at, |m| m.span);
            return (g, vec![GenderEvidence { span: shown, kind: EvidenceKind::GivenName, gender: g }]);
        }
    }
    (Gender::Unknown, own)
}

/// What the draft's own pieces settle. One way only: that way. Both ways, the draft does not
/// settle it unless one way outweighs the other at least threefold with three pieces or more (a
/// title counting as three pronouns): a pronoun the draft gives someone else now and then
/// (`Reyes mocked her rival, saying she would lose`) must not undo a person the draft calls `he`
/// throughout, but two against one is no answer.
fn weigh(pieces: &[GenderEvidence]) -> Gender {
    const OUTWEIGHS: u32 = 3;
    let [mut male, mut female] = [0u32; 2];
    for ev in pieces {
        let weight = if ev.kind == EvidenceKind::Pronoun { 1 } else { OUTWEIGHS };
        match ev.gender {
            Gender::Male => male += weight,
            Gender::Female => female += weight,
            Gender::Unknown => {}
        }
    }
    let wins = |this: u32, other: u32| this > 0 && this >= OUTWEIGHS * other && (other == 0 || this >= OUTWEIGHS);
    if wins(male, female) {
        Gender::Male
    } else if wins(female, male) {
        Gender::Female
    } else {
        Gender::Unknown
    }
}

/// Whether a piece of evidence is a possessive deep in a clause of its own more than a few words
/// after the person's last name mention before it: `Sanders told reporters that nobody would
/// question her intelligence`, where the clause's own subject stands between. Not `Ruiz listed
/// the show as her favourite`, nor `Ruiz, who added that her office ...`, where the possessive
/// opens the clause, nor `Days after his win, Reyes ...`, where it anticipates the name right after.
fn distant_possessive(a: &Analysis, e: usize, ev: &GenderEvidence) -> bool {
    const NEAR: u32 = 40;
    let text = &*a.scan_text;
    if !matches!(ev.span.text(text), "his" | "His" | "her" | "Her") {
        return false;
    }
    let mentions = &a.entities[e].mentions;
    let next = mentions[mentions.partition_point(|m| m.span.start < ev.span.end)..].iter().find(|m| m.kind == MentionKind::Name);
    if next.is_some_and(|m| m.span.start - ev.span.end <= NEAR && text.get(ev.span.end as usize..m.span.start as usize).is_some_and(|t| !t.contains(". "))) {
        return false;
    }
    let Some(name) = mentions[..mentions.partition_point(|m| m.span.start < ev.span.start)]
        .iter()
        .rev()
        .find(|m| m.kind == MentionKind::Name)
    else {
        return true;
    };
    if ev.span.start.saturating_sub(name.span.end) <= NEAR {
        return false;
    }
    let between = text.get(name.span.end as usize..ev.span.start as usize).unwrap_or("");
    between.rfind(" that ").is_some_and(|i| i + " that ".len() != between.len())
}

/// Case, spacing and apostrophes aside.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().map(|w| w.replace('’', "'").to_lowercase()).collect::<Vec<_>>();
    norm(a) == norm(b)
}

/// The gender census counts give a given name at least 98% of the time, if any (the census table
/// coreference reads too: `data/names/given-names.tsv`, from `scripts/given_name_genders.py`).
pub fn given_name_gender(given: &str) -> Option<Gender> {
    const OVERWHELMING: f32 = 0.98;
    match crate::analysis::coref::given_name_pronoun(given)? {
        (Pronoun::She, share) if share >= OVERWHELMING => Some(Gender::Female),
        (Pronoun::He, share) if share >= OVERWHELMING => Some(Gender::Male),
        _ => None,
    }
}

/// A clue of the draft as the inventory reports it.
fn evidence(c: &Clue) -> Option<GenderEvidence> {
    let gender = match c.pronoun {
        Pronoun::He => Gender::Male,
        Pronoun::She => Gender::Female,
        _ => return None,
    };
    let kind = match c.kind {
        ClueKind::Pronoun => EvidenceKind::Pronoun,
        ClueKind::Honorific => EvidenceKind::Honorific,
        ClueKind::RoleNoun => EvidenceKind::RoleNoun,
    };
    Some(GenderEvidence { span: c.span, kind, gender })
}

#[cfg(test)]
mod tests {
    use super::super::{inventory, Gender, InventoryOptions, Source};
    use crate::analysis::{analyze, layout::Format};

    /// The gender the inventory gives `who`, with the evidence's words.
    fn gender(text: &str, who: &str) -> (Gender, Vec<String>) {
        let sources: Vec<Source> = inventory(&analyze(text, Format::Plain), &InventoryOptions::default());
        let s = sources.iter().find(|s| s.name == who).unwrap_or_else(|| panic!("no source {who:?} in {sources:#?}"));
        (s.gender, s.gender_evidence.iter().map(|e| e.span.text(text).to_string()).collect())
    }

    #[test]
    fn a_strong_majority_outweighs_a_stray_pronoun_but_two_to_one_does_not() {
        // `she` in the last sentence is the rival's, but it follows Keller alone.
        let stray = "\"We will win,\" said Amos Keller.\n\nKeller said he was tired. Keller said he would rest. \
                     Keller said his team was ready.\n\nKeller, mocking the mayor, said she would lose.\n";
        assert_eq!(gender(stray, "Amos Keller").0, Gender::Male, "{:?}", gender(stray, "Amos Keller").1);
        let even = "\"We will win,\" said Amos Keller.\n\nKeller said he was tired.\n\n\
                    Keller, mocking the mayor, said she would lose. Keller said his team was ready.\n";
        assert_eq!(gender(even, "Amos Keller").0, Gender::Unknown, "{:?}", gender(even, "Amos Keller").1);
    }

    #[test]
    fn a_pronoun_leading_its_clause_points_at_the_subject_before() {
        // After an opening phrase.
        let text = "Nadia Ferro ran the campaign. By June, she had hired staff.\n\n\"We are ready,\" Ferro said.\n";
        assert_eq!(gender(text, "Nadia Ferro"), (Gender::Female, vec!["she".to_string()]));
        // The speaker of a quotation the sentence opens with the writer's words.
        let text = "\"We failed,\" Prime Minister Ivo Brandt said on Monday. The summit did \"too little,\" he added.\n";
        assert_eq!(gender(text, "Ivo Brandt"), (Gender::Male, vec!["he".to_string()]));
        // Not when the sentence names someone else first.
        let text = "\"We failed,\" Ivo Brandt said. After Lena Marsh spoke, she left.\n";
        assert_eq!(gender(text, "Ivo Brandt").0, Gender::Unknown);
    }

    #[test]
    fn a_role_noun_of_one_gender_is_evidence() {
        let cases = [
            ("\"We are on budget,\" said council spokeswoman Ana Ruiz.\n", "Ana Ruiz", Gender::Female, "spokeswoman"),
            ("\"We are on budget,\" said Ana Ruiz, a spokeswoman for the council.\n", "Ana Ruiz", Gender::Female, "spokeswoman"),
            ("The mayor came with his wife, Ana Ruiz.\n\n\"We walked,\" Ruiz said.\n", "Ana Ruiz", Gender::Female, "wife"),
            ("Ana Ruiz came with her husband, former Mayor Ben Ruiz.\n\n\"We walked,\" said Ben Ruiz.\n", "Ben Ruiz", Gender::Male, "husband"),
            ("\"We lost everything,\" said Ben Okoro, the grandfather of two of the boys.\n", "Ben Okoro", Gender::Male, "grandfather"),
        ];
        for (text, who, want, words) in cases {
            let (got, evidence) = gender(text, who);
            assert_eq!((got, evidence.as_slice()), (want, &[words.to_string()][..]), "{text:?}");
        }
        // Not a role the draft gives the person: `a woman Reyes met`; nor `chairman`, which
        // newsrooms use for women too.
        for (text, who) in [
            ("A woman Ivo Reyes met said the plan failed.\n\n\"It failed,\" said Ivo Reyes.\n", "Ivo Reyes"),
            ("\"We are on budget,\" said Ana Ruiz, the chairman of the council.\n", "Ana Ruiz"),
            ("\"We are on budget,\" said Ana Ruiz, a friend of the mayor's wife.\n", "Ana Ruiz"),
        ] {
            assert_eq!(gender(text, who), (Gender::Unknown, vec![]), "{text:?}");
        }
    }

    #[test]
    fn a_chain_of_pronouns_carries_on_and_the_other_gender_is_left_out() {
        // Each `she` carries on the chain the first one started.
        let text = "Ana Ruiz spoke first. She said the plan was sound. She added that she would run.\n\n\"We will win,\" Ruiz said.\n";
        let (got, evidence) = gender(text, "Ana Ruiz");
        assert_eq!((got, evidence.len()), (Gender::Female, 3), "{evidence:?}");
        // `He` after a sentence led by `She`: not Ruiz, but the one man named in it.
        let text = "Ana Ruiz spoke first. She said the plan failed, and Ben Okafor disagreed. He said the figures were wrong.\n\n\
                    \"We will see,\" Okafor said.\n";
        assert_eq!(gender(text, "Ben Okafor"), (Gender::Male, vec!["He".to_string()]));
        // A `he` with two men in view stays no one's.
        let text = "Ana Ruiz spoke first. She said the plan failed, and Ben Okafor and Ivo Lind disagreed. He said the figures were wrong.\n\n\
                    \"We will see,\" Okafor said.\n";
        assert_eq!(gender(text, "Ben Okafor"), (Gender::Unknown, vec![]));
    }

    #[test]
    fn a_lone_possessive_counts_unless_a_clause_of_its_own_stands_between() {
        let text = "\"Fine,\" said Lena Vos.\n\nLena Vos, the chair of the harbour board since 2019, named the bridge as her first task.\n";
        assert_eq!(gender(text, "Lena Vos"), (Gender::Female, vec!["her".to_string()]));
        let text = "\"Fine,\" said Ivo Lind, the chamber's chief political strategist, who added that his members agreed.\n";
        assert_eq!(gender(text, "Ivo Lind"), (Gender::Male, vec!["his".to_string()]));
        // The clause's own subject comes first: the possessive may be anyone's.
        let text = "\"Fine,\" said Ivo Lind.\n\nIvo Lind told the harbour board on Monday that nobody doubted her skill.\n";
        assert_eq!(gender(text, "Ivo Lind").0, Gender::Unknown);
    }

    #[test]
    fn a_speaker_pronoun_carries_on_the_voice_of_the_quotation_before() {
        let text = "\"We are ready,\" Tom Lind said.\n\nBut what if Ana Ruiz wins? She has the votes.\n\n\"We will see,\" he said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["he".to_string()]));
        // Not when a man the draft says nothing of is named in between.
        let text = "\"We are ready,\" Tom Lind said.\n\nBut what if Ben Okafor wins? Okafor has the votes.\n\n\"We will see,\" he said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
    }

    #[test]
    fn a_pronoun_of_the_other_gender_is_not_given_to_a_person_the_draft_shows() {
        let text = "\"We will win,\" said Ms. Ruiz.\n\n\
                    \"We will see,\" Tom Lind said. If Ruiz wins, he said, the town loses.\n";
        assert_eq!(gender(text, "Ruiz"), (Gender::Female, vec!["Ms.".to_string()]));
    }

    #[test]
    fn an_employer_named_first_is_not_the_subject() {
        let text = "\"No,\" said Tom Ruiz.\n\nRuiz campaign manager Ana Lind spoke first. She said the plan failed.\n";
        assert_eq!(gender(text, "Tom Ruiz"), (Gender::Unknown, vec![]));
    }
    #[test]
    fn an_opening_phrase_anticipates_the_subject_named_after_it() {
        let text = "\"We are on budget,\" Ana Ruiz said.\n\nIn her statement on the budget, Ana Ruiz defended her record.\n";
        assert_eq!(gender(text, "Ana Ruiz"), (Gender::Female, vec!["her".to_string(), "her".to_string()]));
        // Not when the sentence before names someone the pronoun may point at.
        let text = "\"We will win,\" said Ana Ruiz.\n\nBen Okafor was jailed in May. Since his arrest, Ana Ruiz has campaigned for him.\n";
        assert_eq!(gender(text, "Ana Ruiz"), (Gender::Unknown, vec![]));
        // Nor without a word that opens such a phrase: `his aide, Ana Ruiz` is someone else's.
        let text = "\"We will win,\" said Ana Ruiz.\n\nTom Lind arrived. He thanked his aide, Ana Ruiz, for the work.\n";
        assert_eq!(gender(text, "Ana Ruiz"), (Gender::Unknown, vec![]));
    }

    #[test]
    fn a_pronoun_opening_a_sentence_looks_past_sentences_that_leave_it_no_one() {
        // Past a sentence that is all quotation.
        let text = "The rally drew a crowd.\n\n\"The rally got me on board,\" Scott Mercer said. \"I was cynical at first.\"\n\n\
                    Indeed, he says he might leave the state if Ortiz loses.\n";
        assert_eq!(gender(text, "Scott Mercer"), (Gender::Male, vec!["he".to_string(), "he".to_string()]));
        // Past a sentence that names only a woman the draft shows to be one.
        let text = "\"We are ready,\" said Tom Lind.\n\nMs. Ruiz spoke first.\n\n\
                    The plan was a concern, Lind said. At first, there was pressure on Ruiz to act earlier than she did. \
                    And now there is some discomfort, he said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["he".to_string()]));
        // Not past a man the draft says nothing of.
        let text = "\"We are ready,\" said Tom Lind.\n\n\
                    The plan was a concern, Lind said. At first, there was pressure on Ben Okafor to act. \
                    And now there is some discomfort, he said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
    }

    #[test]
    fn role_nouns_after_a_possessor_in_the_plural_or_past_a_no_break_space() {
        let cases = [
            ("\"We lost them,\" wrote film director Ali Haddad, Tom Saad\u{2019}s nephew, on Facebook.\n", "Ali Haddad", Gender::Male, "nephew"),
            ("\"We lost them,\" wrote Ali Haddad, Saad\u{2019}s\u{a0}nephew, on Facebook.\n", "Ali Haddad", Gender::Male, "nephew"),
            ("\"We called him,\" his\u{a0}nephew Omar Saad added.\n", "Omar Saad", Gender::Male, "nephew"),
            ("\"We called her,\" said Ms.\u{a0}Ruiz.\n", "Ruiz", Gender::Female, "Ms."),
            ("Not far away, sisters Eva and Lena Mora were talking.\n\n\"We came for the rally,\" Lena Mora said.\n", "Lena Mora", Gender::Female, "sisters"),
            ("Not far away, brothers Juan Mora and Luis Ortiz were talking.\n\n\"We came,\" Juan Mora said.\n", "Juan Mora", Gender::Male, "brothers"),
        ];
        for (text, who, want, words) in cases {
            let (got, evidence) = gender(text, who);
            assert_eq!((got, evidence.as_slice()), (want, &[words.to_string()][..]), "{text:?}");
        }
        // A role noun with a name after it is that name's, in a list.
        let text = "\"We will win,\" said Ana Ruiz, Tom Lind\u{2019}s brother Ben and the mayor.\n";
        assert_eq!(gender(text, "Ana Ruiz"), (Gender::Unknown, vec![]));
        // Nor a plural role noun before one name alone.
        let text = "The brothers Eva Mora met were tired.\n\n\"We came,\" Eva Mora said.\n";
        assert_eq!(gender(text, "Eva Mora"), (Gender::Unknown, vec![]));
    }
    #[test]
    fn an_object_pronoun_points_at_the_one_person_of_its_gender_in_a_sentence_of_both() {
        let text = "\"We won,\" said Ms. Ana Ruiz.\n\nRuiz clashed with Tom Lind at the hearing, chiding him for the delay.\n\n\"No,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["him".to_string()]));
        // Not in a sentence that names no one of the other gender: `him` may be someone before.
        let text = "Ben Okafor lost.\n\nTom Lind said voters would punish him.\n\n\"No,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
        // Nor with two men in it.
        let text = "\"We won,\" said Ms. Ana Ruiz.\n\nRuiz and Ben Okafor clashed with Tom Lind, chiding him.\n\n\"No,\" Lind said.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
    }
    #[test]
    fn the_owner_of_a_thing_named_alone_is_what_a_pronoun_after_it_points_at() {
        let text = "Mayor Ana Lind opened the bridge.\n\n\"It is done,\" Lind said.\n\nLind's claim that most of her budget went to roads is disputed.\n";
        assert_eq!(gender(text, "Ana Lind"), (Gender::Female, vec!["her".to_string()]));
        let text = "Director Tom Hale\u{2019}s news conference, in which he laid out the plan, was brief.\n\n\"We will build it,\" Hale said.\n";
        assert_eq!(gender(text, "Tom Hale"), (Gender::Male, vec!["he".to_string()]));
        // Not the owner of a person: `his lawyer` may be the one the pronoun points at.
        let text = "Tom Hale's lawyer said he would appeal.\n\n\"We will build it,\" Hale said.\n";
        assert_eq!(gender(text, "Tom Hale"), (Gender::Unknown, vec![]));
        // Nor with another person named in the stretch.
        let text = "Tom Hale's speech, which Ben Okafor praised, said he would run.\n\n\"We will build it,\" Hale said.\n";
        assert_eq!(gender(text, "Tom Hale"), (Gender::Unknown, vec![]));
    }

    #[test]
    fn someone_described_as_a_clause_subject_leaves_a_pronoun_after_a_name_open() {
        // `his` and `He` are the senator's, not the rival's the sentence names.
        let text = "\"We will win,\" said Ms. Ana Ruiz.\n\n\
                    The Ohio senator won the state, beating rival Ana Ruiz in his best result of the night.\n\n\
                    He also won two other states.\n";
        assert_eq!(gender(text, "Ana Ruiz"), (Gender::Female, vec!["Ms.".to_string()]));
        // After the name, in a clause of its own.
        let text = "\"We are ready,\" said Tom Lind.\n\n\
                    Tom Lind spoke on Wednesday, a day after the former Secretary of State cemented her lead.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Unknown, vec![]));
        // Before the name, the pronoun still looks back.
        let text = "\"We are ready,\" said Tom Lind.\n\nThe party's nominee later said he was joking, and critics said Lind was wrong.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["he".to_string()]));
    }

    #[test]
    fn a_name_followed_by_which_is_a_thing_and_leaves_the_person_alone() {
        let text = "\"It was a long road,\" Eva Lind said.\n\nEva Lind is the artistic director of Sleeping Heron, which staged her play.\n";
        assert_eq!(gender(text, "Eva Lind"), (Gender::Female, vec!["her".to_string()]));
    }

    #[test]
    fn a_pronoun_opening_a_sentence_does_not_look_back_past_a_quotation_speaking_of_its_gender() {
        // `Her` may carry on the quotation's `her`, not the speaker's voice.
        let text = "\"We will win,\" said Tom Lind.\n\n\
                    Tom Lind said he would vote. \"I do not trust her plan,\" Lind said. Her husband runs the party.\n";
        assert_eq!(gender(text, "Tom Lind"), (Gender::Male, vec!["he".to_string()]));
    }
}
