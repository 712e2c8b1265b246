use super::*;
use crate::analysis::{analyze, layout::Format};

fn sources_of(text: &str) -> Vec<Source> {
    inventory(&analyze(text, Format::Plain), &InventoryOptions::default())
}

fn find<'s>(sources: &'s [Source], name: &str) -> &'s Source {
    sources.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no source {name:?} in {sources:#?}"))
}

const DRAFT: &str = "\
Mayor Dana Whitfield defended the budget on Monday.

\"We cut nothing that matters,\" Whitfield said. She added that the vote was close.

\"This is a disaster for the valley,\" said Tomas Brenner, a farmer.

\"We were never asked,\" Brenner said.

\"The figures do not add up,\" a council official said.

\"We will march again,\" protesters said.
";

#[test]
fn one_entry_per_source_with_counts_and_spans() {
    let sources = sources_of(DRAFT);
    let whitfield = find(&sources, "Dana Whitfield");
    assert_eq!(whitfield.kind, SourceKind::Person);
    assert_eq!((whitfield.quotes, whitfield.words), (1, 5));
    assert_eq!(whitfield.quote_spans.len(), 1);
    assert_eq!(whitfield.quote_spans[0].text(DRAFT), "\"We cut nothing that matters,\"");
    assert_eq!(whitfield.title.as_deref(), Some("Mayor"));
    let brenner = find(&sources, "Tomas Brenner");
    assert_eq!((brenner.quotes, brenner.words), (2, 11));
    assert_eq!(find(&sources, "a council official").kind, SourceKind::Unnamed);
    assert_eq!(find(&sources, "protesters").kind, SourceKind::Group);
    // In order of first quotation.
    let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Dana Whitfield", "Tomas Brenner", "a council official", "protesters"]);
}

#[test]
fn the_drafts_own_pronoun_gives_the_gender_and_points_at_it() {
    let sources = sources_of(DRAFT);
    let whitfield = find(&sources, "Dana Whitfield");
    assert_eq!(whitfield.gender, Gender::Female);
    let ev = &whitfield.gender_evidence;
    assert!(ev.iter().all(|e| e.kind == EvidenceKind::Pronoun && e.gender == Gender::Female), "{ev:?}");
    assert_eq!(ev[0].span.text(DRAFT), "She");
    // Nothing in the draft says who Tomas Brenner is.
    let brenner = find(&sources, "Tomas Brenner");
    assert_eq!((brenner.gender, brenner.gender_evidence.len()), (Gender::Unknown, 0));
}

#[test]
fn an_honorific_is_evidence() {
    let text = "Olga Marsh runs the mill.\n\n\"Prices are up,\" Ms. Marsh said.\n";
    let s = sources_of(text);
    let marsh = find(&s, "Olga Marsh");
    assert_eq!(marsh.gender, Gender::Female);
    assert_eq!(marsh.gender_evidence[0].kind, EvidenceKind::Honorific);
    assert_eq!(marsh.gender_evidence[0].span.text(text), "Ms.");
}

#[test]
fn evidence_both_ways_leaves_the_gender_unknown() {
    let text = "Robin Achebe spoke first.\n\n\"We are ready,\" Achebe said. He said the team was rested. \
                Achebe said she would not play.\n";
    let s = sources_of(text);
    let robin = find(&s, "Robin Achebe");
    assert_eq!(robin.gender, Gender::Unknown, "{:?}", robin.gender_evidence);
    let kinds: Vec<Gender> = robin.gender_evidence.iter().map(|e| e.gender).collect();
    assert!(kinds.contains(&Gender::Male) && kinds.contains(&Gender::Female));
}

#[test]
fn a_pronoun_with_two_people_in_view_is_no_evidence() {
    let text = "Lena Ortiz met Paul Grieve.\n\n\"It went well,\" Ortiz said after she met Grieve.\n";
    let s = sources_of(text);
    // `she` follows Ortiz alone in its sentence: evidence for Ortiz, none for Grieve.
    assert_eq!(find(&s, "Lena Ortiz").gender, Gender::Female);
    let text = "Lena Ortiz and Paul Grieve met. She said \"it went well,\" Ortiz said.\n";
    let s = sources_of(text);
    assert!(s.iter().all(|x| x.gender_evidence.iter().all(|e| e.span.text(text) != "She")), "{s:?}");
}

#[test]
fn the_people_list_speaks_when_the_draft_is_silent_but_never_over_it() {
    let text = "\"The plant stays,\" said Kim Alder.\n\n\"We hire in May,\" said Jo Brand. He smiled.\n";
    let a = analyze(text, Format::Plain);
    let people = [
        PersonGender { spellings: vec!["kim alder".into()], gender: Gender::Female },
        PersonGender { spellings: vec!["Jo Brand".into()], gender: Gender::Female },
    ];
    let s = inventory(&a, &InventoryOptions { people: &people, gender_from_given_names: false });
    let alder = find(&s, "Kim Alder");
    assert_eq!((alder.gender, alder.gender_evidence[0].kind), (Gender::Female, EvidenceKind::PeopleList));
    assert_eq!(alder.gender_evidence[0].span.text(text), "Kim Alder");
    // The draft's own `He` comes first.
    let brand = find(&s, "Jo Brand");
    assert_eq!((brand.gender, brand.gender_evidence[0].kind), (Gender::Male, EvidenceKind::Pronoun));
}

#[test]
fn a_running_quote_counts_once() {
    let text = "\"The first part runs on,\" said Vera Lind. \"It goes on.\n\n\"And ends here.\"\n";
    let s = sources_of(text);
    let lind = find(&s, "Vera Lind");
    assert_eq!(lind.quotes as usize + 1, lind.quote_spans.len().max(2), "{lind:?}");
}

#[test]
fn counts_sum_the_inventory() {
    let c = SourceCounts::of(&sources_of(DRAFT));
    assert_eq!(c, SourceCounts { quotes: 5, named: 2, women: 1, men: 0, unknown: 1, anonymous: 1, groups: 1, organizations: 0 });
}

#[test]
fn serialises_in_the_json_contracts_names() {
    let s = sources_of(DRAFT);
    let v = serde_json::to_value(&s[0]).unwrap();
    assert_eq!(v["kind"], "person");
    assert_eq!(v["gender"], "female");
    assert_eq!(v["gender_evidence"][0]["kind"], "pronoun");
    assert!(v["gender_evidence"][0]["start"].is_u64());
    assert!(v["quote_spans"][0]["end"].is_u64());
    for key in ["name", "title", "organization", "quotes", "words", "entity"] {
        assert!(v.get(key).is_some(), "{key}");
    }
}

#[test]
fn no_quotes_no_sources() {
    assert!(sources_of("").is_empty());
    assert!(sources_of("The council met. Nobody spoke.\n").is_empty());
}

#[test]
fn given_names_are_used_only_when_asked_and_only_when_overwhelmingly_one_gender() {
    assert_eq!(given_name_gender("Mary"), Some(Gender::Female));
    assert_eq!(given_name_gender("john"), Some(Gender::Male));
    // Names the counts share between women and men are no evidence.
    for shared in ["Leslie", "Robin", "Jordan", "Kim", "Zxqv"] {
        assert_eq!(given_name_gender(shared), None, "{shared}");
    }
    let text = "\"The roof leaks,\" said Mary Okafor.\n";
    let a = analyze(text, Format::Plain);
    assert_eq!(inventory(&a, &InventoryOptions::default())[0].gender, Gender::Unknown);
    let asked = inventory(&a, &InventoryOptions { people: &[], gender_from_given_names: true });
    assert_eq!(asked[0].gender, Gender::Female);
    assert_eq!(asked[0].gender_evidence[0].kind, EvidenceKind::GivenName);
    assert_eq!(asked[0].gender_evidence[0].span.text(text), "Mary Okafor");
}

#[test]
fn pronouns_that_may_point_elsewhere_are_no_evidence() {
    for (text, who) in [
        // A possessor is rarely the pronoun's referent.
        ("\"No comment,\" said Omar Haddad.\n\nHaddad's sister said she was tired.\n", "Omar Haddad"),
        // Nor an attribute, nor a preposition's object.
        ("\"No comment,\" said Omar Haddad.\n\nThe Haddad campaign said she was tired.\n", "Omar Haddad"),
        ("\"No comment,\" said Omar Haddad.\n\nThe judge ruled against Haddad, saying she was tired.\n", "Omar Haddad"),
        // An object pronoun brings in someone else.
        ("\"No comment,\" said Omar Haddad.\n\nHaddad called on her to resign from her post.\n", "Omar Haddad"),
        // A quotation between the name and the pronoun may name others.
        ("\"No comment,\" said Omar Haddad.\n\nHaddad said \"the mayor lied\" and that she must go.\n", "Omar Haddad"),
        // Two people of the draft share the surname.
        ("\"No comment,\" said Omar Haddad.\n\nLina Haddad spoke later. Haddad said she was tired.\n", "Omar Haddad"),
    ] {
        let s = sources_of(text);
        let src = find(&s, who);
        assert_eq!(src.gender, Gender::Unknown, "{text:?}: {:?}", src.gender_evidence);
    }
}

#[test]
fn a_possessive_her_points_at_the_subject() {
    let text = "\"We start today,\" said Noor Aziz.\n\nAziz said her team was ready.\n";
    let s = sources_of(text);
    let aziz = find(&s, "Noor Aziz");
    assert_eq!(aziz.gender, Gender::Female);
    assert_eq!(aziz.gender_evidence[0].span.text(text), "her");
}

#[test]
fn a_quoted_fragment_adds_to_a_source_but_makes_none() {
    let text = "Ida Brook said the plan was \"dead on arrival\" and walked out.\n\n\
                \"We start over,\" said Carl Mott. Mott later said the talks were \"a farce.\"\n";
    let s = sources_of(text);
    assert!(s.iter().all(|x| x.name != "Ida Brook"), "{s:?}");
    let mott = find(&s, "Carl Mott");
    assert_eq!((mott.quotes, mott.words, mott.quote_spans.len()), (2, 5, 2), "{mott:?}");
}

#[test]
fn a_sentence_opening_pronoun_points_at_the_subject_before() {
    for (text, who, gender) in [
        // After a connective, and after the quotation that opens its sentence.
        ("\"Costs will rise,\" Petra Lund of the Harbour Institute wrote in May.\n\nBut, she noted, \"not yet.\"\n", "Petra Lund", Gender::Female),
        // The subject, named first, even with others later in the sentence.
        ("\"We knew,\" said Gov. Aldo Brant.\n\nGov. Aldo Brant met the mayor and Ines Roth. He said \"we knew.\"\n", "Aldo Brant", Gender::Male),
        // A title in quotation marks brings no one in.
        ("\"Fine,\" said Lena Vos.\n\nLena Vos named \"The Long Road\" as her favourite book.\n", "Lena Vos", Gender::Female),
    ] {
        let s = sources_of(text);
        assert_eq!(find(&s, who).gender, gender, "{text:?}: {:?}", find(&s, who).gender_evidence);
    }
}

#[test]
fn a_lone_possessive_far_from_the_name_is_not_enough() {
    let text = "\"Fine,\" said Omar Haddad.\n\nHaddad told the Daily Courier on Monday that nobody doubted her skill.\n";
    let s = sources_of(text);
    let haddad = find(&s, "Omar Haddad");
    assert_eq!((haddad.gender, haddad.gender_evidence.len()), (Gender::Unknown, 1), "{:?}", haddad.gender_evidence);
}

#[test]
fn an_unresolved_pronoun_is_no_source() {
    let s = sources_of("\"We are leaving,\" he said.\n");
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn the_organisation_a_source_speaks_for() {
    let text = "\"Sales doubled,\" said Jane Roe, an analyst at Acme Corporation.\n\n\"No comment,\" said a spokesman for the Foreign Ministry.\n";
    let s = sources_of(text);
    assert_eq!(find(&s, "Jane Roe").organization.as_deref(), Some("Acme Corporation"), "{s:?}");
    assert_eq!(find(&s, "a spokesman").organization.as_deref(), Some("Foreign Ministry"), "{s:?}");
}

#[test]
fn a_quote_a_comma_hands_over_to_is_whole_even_mid_sentence() {
    let text = "The council met on Monday.\n\n\
                Dana Reyes, who sits on the board, told the Ledger, \"The second plan is the one I would pick.\"\n\n\
                Tomas Brenner said the plan \"is dead.\"\n\n\
                Ines Valdez says no matter what the mayor does, \"the river will rise.\"\n\n\
                Colm Doyle called the plan \"a disgrace.\"\n";
    let s = sources_of(text);
    let reyes = find(&s, "Dana Reyes");
    assert_eq!((reyes.kind, reyes.quotes), (SourceKind::Person, 1));
    // Blended into the writer's sentence: fragments, no source on their own.
    let names: Vec<&str> = s.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Dana Reyes"], "{s:#?}");
}

#[test]
fn a_speaker_the_entity_pass_took_for_an_organisation_is_a_person_when_the_draft_says_so() {
    // The full name with its office before it, elsewhere in the draft.
    let s = sources_of("The council met.\n\nHouse Speaker Marta Kowal said the vote would wait.\n\n\"We are not ready,\" Kowal said.\n");
    assert_eq!(find(&s, "Marta Kowal").kind, SourceKind::Person, "{s:#?}");
    // Speaking for oneself; and the draft's pronoun for the person is evidence as for any other.
    let s = sources_of("The council met.\n\n\"I am not ready to do that,\" Kowal said. She said the vote could wait.\n");
    let kowal = find(&s, "Kowal");
    assert_eq!((kowal.kind, kowal.gender), (SourceKind::Person, Gender::Female), "{s:#?}");
    // Introduced by a role only a person has.
    let s = sources_of("The band played on.\n\n\"The crowd was loud tonight,\" band member Zorro wrote.\n");
    assert_eq!(find(&s, "Zorro").kind, SourceKind::Person, "{s:#?}");
    // An organisation speaking stays one.
    let s = sources_of("The plant closed.\n\n\"We regret the decision,\" Acme Corp said.\n\n\"Talks went on,\" Reuters said.\n");
    assert!(s.iter().all(|x| x.kind == SourceKind::Organization), "{s:#?}");
}

#[test]
fn a_person_is_listed_by_name_without_title_or_affiliation_and_once() {
    let text = "The vote was counted.\n\n\
                \"Voters waited all morning,\" said Priya Nandan of Open Ledger Watch, who watched the count.\n\n\
                House Speaker Marta Kowal said the vote would wait.\n\n\
                \"We are not ready,\" Kowal said.\n\n\
                \"Not today,\" said Speaker Marta Kowal.\n";
    let s = sources_of(text);
    let names: Vec<&str> = s.iter().filter(|x| x.kind == SourceKind::Person).map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Priya Nandan", "Marta Kowal"], "{s:#?}");
    assert_eq!(find(&s, "Marta Kowal").quotes, 2);
}

#[test]
fn a_name_the_entity_pass_read_in_part_is_listed_in_full_but_not_from_a_headline() {
    let text = "The clinic opened.\n\nNang Seng Mo Hla visited the clinic on Monday.\n\n\"I am ready,\" Mo Hla said.\n";
    assert_eq!(find(&sources_of(text), "Nang Seng Mo Hla").kind, SourceKind::Person);
    // Capitals of a title-case headline, or one capitalised word opening a sentence, are no
    // part of a name.
    let text = "Rival Slams Ana Reyes Over Taxes\n\nThe clinic opened.\n\n\"We are ready,\" Ana Reyes said.\n\n\
                Whatever Ana Reyes plans, the vote is near.\n";
    let s = sources_of(text);
    let names: Vec<&str> = s.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Ana Reyes"], "{s:#?}");
}

#[test]
fn a_people_the_entity_pass_took_for_a_person_is_a_group() {
    let text = "Mayor Dana Whitfield spoke.\n\nKorean Americans, who gathered in Queens, said: \"We want to be heard.\"\n";
    let s = sources_of(text);
    assert_eq!(find(&s, "Korean Americans").kind, SourceKind::Group, "{s:#?}");
    assert!(s.iter().all(|x| x.kind != SourceKind::Person), "{s:#?}");
}

#[test]
fn words_the_writer_cuts_into_with_a_dash_are_a_fragment() {
    let text = "The poll is out.\n\nThe pollster, Dora Vance, says the mayor has time. \
                \"I doubt that the old story\" -- that the mayor is a liberal -- \"holds up,\" Ed Marr says.\n";
    let s = sources_of(text);
    let names: Vec<&str> = s.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Ed Marr"], "{s:#?}");
}

#[test]
fn two_named_people_speaking_together_are_a_group() {
    let text = "The reactor restarted.\n\n\"The fuel would allow new designs,\" wrote nuclear experts Dana Roe and \
                Serena Blackwood-Ames of the Institute for Reactor Safety.\n\n\"We will see,\" said Ana Reyes and left.\n";
    let s = sources_of(text);
    assert_eq!(find(&s, "Dana Roe and Serena Blackwood-Ames").kind, SourceKind::Group, "{s:#?}");
    assert_eq!(find(&s, "Ana Reyes").kind, SourceKind::Person, "{s:#?}");
}

#[test]
fn a_name_cut_mid_word_at_a_stray_character_is_listed_whole() {
    // A mis-encoded letter (`±` for `ñ`) is no letter to the entity pass.
    let text = "The talks ended.\n\nForeign Minister Jorge Ca\u{b1}o Ruiz met the envoy.\n\n\"We will meet again,\" he said.\n";
    let s = sources_of(text);
    assert_eq!(find(&s, "Jorge Ca\u{b1}o Ruiz").kind, SourceKind::Person, "{s:#?}");
}

#[test]
fn a_surname_named_in_full_only_inside_a_longer_name_takes_that_name() {
    let text = "The show aired.\n\nOn The Dana Whitfield Hour, the host pressed the senator.\n\n\
                \"Ask the producers about that,\" Whitfield said.\n";
    let s = sources_of(text);
    assert_eq!(find(&s, "Dana Whitfield").kind, SourceKind::Person, "{s:#?}");
}

#[test]
fn a_speaker_typed_as_an_organisation_is_a_person_by_title_possessive_or_pronoun() {
    // A person's title before the full name, whose given name is on no list.
    let text = "The debate went ahead.\n\nSen. Ravindra Quell of Ohio and former Gov. Ann Bright were dropped.\n\n\
                Quell refused to join. \"It isn't about viewership,\" Quell said on radio.\n";
    let s = sources_of(text);
    assert_eq!(find(&s, "Ravindra Quell").kind, SourceKind::Person, "{s:#?}");
    // Someone of an organisation: `the Ledger's Ishwin Taroc`.
    let text = "The vote went ahead.\n\nAs the Harbour Ledger's Ishwin Taroc wrote, \"after the council passed the \
                motion, the mayor said nothing for a week.\"\n";
    let s = sources_of(text);
    assert_eq!(find(&s, "Ishwin Taroc").kind, SourceKind::Person, "{s:#?}");
    // The draft's own `he` and `his` for a lone surname.
    let text = "The talk show ran long.\n\nBrandle told Newsradio that the mayor \"had a crazy plan,\" adding, \"He lost \
                all of the river vote, he lost everybody who came to the valley.\"\n\n\
                It is strange that Brandle would denounce the plan, which is mild compared to his own plans. \
                Brandle went on to say that he had just bought a golf club.\n";
    let s = sources_of(text);
    let brandle = find(&s, "Brandle");
    assert_eq!((brandle.kind, brandle.gender), (SourceKind::Person, Gender::Male), "{s:#?}");
    // A relative `who` after the speaker's words.
    let text = "The debate drew many posts.\n\nAmong them was this post from Tamsin Orlo who wrote, \"The mayor never \
                follows the rules and nothing is ever done.\"\n";
    let s = sources_of(text);
    assert_eq!(find(&s, "Tamsin Orlo").kind, SourceKind::Person, "{s:#?}");
    // An organisation the draft calls `it` stays one; so does one a single stray `his` follows
    // (the person is named only inside the quotation marks), and a name with an ampersand.
    for text in [
        "The plant closed.\n\n\"Talks went on,\" Northwind said. It said the plant would not reopen.\n",
        "The site rated the remark.\n\n\"Mostly false,\" Factwise said.\n\nFactwise claimed \"Vance exaggerates\" and \
         concluded his comments were wrong.\n",
        "The plant closed.\n\n\"We are shocked,\" Hale&Dorr Lyon said. He was a friend, and his loss is felt.\n",
    ] {
        let s = sources_of(text);
        assert!(s.iter().all(|x| x.kind != SourceKind::Person), "{text:?}: {s:#?}");
    }
}

#[test]
fn marks_right_after_the_cue_verb_are_whole_and_words_the_writer_completes_are_not() {
    // The cue verb takes the marks as its object, and they end the sentence.
    let text = "The bridge opened.\n\nMayor Ana Ruiz thanked the crews on Monday, adding \"to all who worked through the \
                winter: thank you!\"\n\nThe toll is waived.\n";
    let s = sources_of(text);
    assert_eq!(find(&s, "Ana Ruiz").quotes, 1, "{s:#?}");
    // The text of a message, whole whatever the sentence goes on to say.
    let text = "The count ended.\n\nGov. Ola Brandt posted a note on her site reading \"Thank you, Riverton\" moments \
                after the polls closed.\n";
    let s = sources_of(text);
    assert_eq!(find(&s, "Ola Brandt").quotes, 1, "{s:#?}");
    // Nothing between the cue and the marks, but a fragment all the same: the writer's sentence
    // goes on after them, or the marks open on a verb.
    for text in [
        "The bridge opened.\n\nColm Doyle said \"zero\" drivers would pay the toll.\n",
        "The bridge opened.\n\nColm Doyle wrote \"has always been fair to drivers.\"\n",
        // The quoted words are the subject of the writer's sentence after the attribution.
        "The verdict came.\n\n\"Only you, Dan,\" Ines Valdez said, would take a sentence as a gift. She laughed.\n",
    ] {
        let s = sources_of(text);
        assert!(s.iter().all(|x| x.kind != SourceKind::Person), "{text:?}: {s:#?}");
    }
}
