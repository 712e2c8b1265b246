//! Entity and coreference tests on drafts we wrote (`tests/fixtures/entities/`).

use crate::analysis::coref::{resolve_speakers, SpeakerQuery};
use crate::analysis::layout::Format;
use crate::analysis::span::Span;
use crate::analysis::{analyze, Analysis};

use super::{name_candidates, Entity, EntityKind, Mention, MentionKind, Pronoun};

fn entity<'a>(a: &'a Analysis, name: &str) -> &'a Entity {
    a.entities.iter().find(|e| &*e.name == name).unwrap_or_else(|| {
        let names: Vec<_> = a.entities.iter().map(|e| (&e.name, e.kind)).collect();
        panic!("no entity {name:?} in {names:?}")
    })
}

fn mention_texts<'a>(a: &'a Analysis, e: &Entity) -> Vec<&'a str> {
    e.mentions.iter().map(|m| m.span.text(&a.text)).collect()
}

/// The span of the `n`th occurrence (from 0) of `needle` as whole words in the draft.
fn nth(a: &Analysis, needle: &str, n: usize) -> Span {
    let t = &*a.text;
    let boundary = |i: usize| {
        !t[..i].ends_with(char::is_alphanumeric) && !t[i + needle.len()..].starts_with(char::is_alphanumeric)
    };
    let start = t.match_indices(needle).map(|(i, _)| i).filter(|&i| boundary(i)).nth(n).expect("needle in draft");
    Span::new(start, start + needle.len())
}

/// Resolves the given speaker mentions as if the quotes engineer's attribution had found them:
/// each is the `n`th occurrence of its words, and `quotes` are the quoted passages (by their
/// first words) whose names must not count as the story's subjects.
fn resolve(a: &mut Analysis, mentions: &[(&str, usize)], quotes: &[&str]) -> Vec<Option<String>> {
    let quote_spans: Vec<Span> = quotes
        .iter()
        .map(|q| {
            let s = a.text.find(q).expect("quote in draft") - 1;
            let e = s + a.text[s..].find(['\n']).unwrap_or(a.text.len() - s);
            Span::new(s, e)
        })
        .collect();
    let queries: Vec<SpeakerQuery> = mentions
        .iter()
        .map(|&(words, n)| {
            let mention = nth(a, words, n);
            SpeakerQuery { paragraph: a.paragraph_at(mention.start).unwrap_or(0), mention }
        })
        .collect();
    let text = a.scan_text.clone();
    let answers = resolve_speakers(&text, &a.paragraphs, &mut a.entities, &quote_spans, &queries);
    answers.into_iter().map(|e| e.map(|i| a.entities[i].name.to_string())).collect()
}

#[test]
fn people_places_and_organisations_with_all_their_mentions() {
    let a = analyze(include_str!("../../../tests/fixtures/entities/companies.txt"), Format::Plain);
    let harrow = entity(&a, "John Harrow");
    assert_eq!(harrow.kind, EntityKind::Person);
    assert_eq!(mention_texts(&a, harrow), ["John Harrow", "Harrow", "Harrow"]);
    assert_eq!(harrow.title.as_deref(), Some("Chief Executive"));
    assert_eq!(entity(&a, "Acme Holdings Plc").kind, EntityKind::Organization);
    assert_eq!(entity(&a, "Brightwater Corp").kind, EntityKind::Organization);
    assert_eq!(entity(&a, "European Commission").kind, EntityKind::Organization);
    assert_eq!(entity(&a, "Manchester").kind, EntityKind::Place);
    // The dateline's capitals and `London-based` are the same place.
    let london = a.entities.iter().find(|e| e.name.eq_ignore_ascii_case("london")).expect("London");
    assert_eq!(london.kind, EntityKind::Place);
    assert_eq!(mention_texts(&a, london), ["LONDON", "London"]);
}

#[test]
fn title_on_first_reference_is_split_from_the_name() {
    let a = analyze(include_str!("../../../tests/fixtures/entities/descriptions.txt"), Format::Plain);
    let markov = entity(&a, "Oleg Markov");
    assert_eq!(markov.title.as_deref(), Some("Russian President"));
    assert_eq!(entity(&a, "Dana Whitfield").title.as_deref(), Some("US President"));
    assert_eq!(entity(&a, "Lena Ortiz").title.as_deref(), Some("Deputy Foreign Minister"));
    assert_eq!(mention_texts(&a, entity(&a, "Dana Whitfield")), ["Dana Whitfield", "Whitfield"]);
    // The nationality before the title is a name of its own, not part of the person's.
    assert_eq!(entity(&a, "Russian").kind, EntityKind::Other);
}

#[test]
fn pronoun_is_learnt_from_the_draft() {
    let mut a = analyze(include_str!("../../../tests/fixtures/entities/she-and-he.txt"), Format::Plain);
    let got =
        resolve(&mut a, &[("she", 0), ("he", 0), ("the minister", 0)], &["We are on", "Nobody in", "We have checked"]);
    assert_eq!(got, [Some("Ana Reyes".into()), Some("Tom Baxter".into()), Some("Ana Reyes".into())]);
    let reyes = entity(&a, "Ana Reyes");
    assert_eq!(reyes.pronoun, Some(Pronoun::She));
    assert_eq!(entity(&a, "Tom Baxter").pronoun, Some(Pronoun::He));
    // Resolved pronouns and descriptions join the mentions, in order.
    let kinds: Vec<_> = reyes.mentions.iter().map(|m| (m.span.text(&a.text), m.kind)).collect();
    assert_eq!(
        kinds,
        [("Ana Reyes", MentionKind::Name), ("she", MentionKind::Pronoun), ("the minister", MentionKind::Description)]
    );
}

#[test]
fn two_people_of_one_surname() {
    let mut a = analyze(include_str!("../../../tests/fixtures/entities/same-surname.txt"), Format::Plain);
    let got = resolve(&mut a, &[("Collins", 3), ("Collins", 5)], &["It was", "We will"]);
    assert_eq!(got, [Some("Paul Collins".into()), Some("Mary Collins".into())]);
    assert_eq!(entity(&a, "Mary Collins").title.as_deref(), Some("Senator"));
}

#[test]
fn descriptions_match_title_words_and_nationality() {
    let mut a = analyze(include_str!("../../../tests/fixtures/entities/descriptions.txt"), Format::Plain);
    let got = resolve(
        &mut a,
        &[("the Russian president", 0), ("the US president", 0), ("the top diplomat", 0)],
        &["The talks", "We will see", "Nobody expected"],
    );
    assert_eq!(got, [Some("Oleg Markov".into()), Some("Dana Whitfield".into()), Some("Lena Ortiz".into())]);
}

#[test]
fn headline_capitals_count_only_when_the_story_knows_the_name() {
    let text = "LONDON 1996-08-30\nRIVERS SIGNS FOR UNITED\nStriker Ian Rivers joined Leeds United on Friday .\nRivers said he was happy .";
    let a = analyze(&format!("Sports\n\n{text}"), Format::Plain);
    let rivers = entity(&a, "Ian Rivers");
    assert_eq!(mention_texts(&a, rivers), ["RIVERS", "Ian Rivers", "Rivers"]);
    assert_eq!(entity(&a, "Leeds United").kind, EntityKind::Organization);
    assert!(a.entities.iter().all(|e| &*e.name != "SIGNS"));
}

#[test]
fn candidates_carry_titles_honorifics_and_possessives() {
    let text = "Mr. Okafor met Russia's envoy. Coach Ann Lee, who won, spoke in Lagos.";
    let toks = crate::analysis::tokens::tokenize(text);
    let sents = crate::analysis::sentences::split(text, &toks);
    let names: Vec<_> = name_candidates(text, &toks, &sents)
        .into_iter()
        .filter(|c| c.kind == super::CandidateKind::Name)
        .map(|c| (c.span.text(text), c.title.map(|t| t.text(text))))
        .collect();
    assert_eq!(names, [("Okafor", Some("Mr.")), ("Russia", None), ("Ann Lee", Some("Coach")), ("Lagos", None)]);
}

#[test]
fn odd_input_never_panics() {
    for text in
        ["", "A", "Mr.", "Mr. ", "’s", "X-", "U.S.-based", "\"He\" said", "Dr. .", "Ü. Ö", "of of Of", "A. B. C."]
    {
        let _ = analyze(text, Format::Plain);
    }
}

#[test]
fn headline_words_join_the_story_names_and_repeated_said_keeps_a_surname_a_person() {
    let a = analyze(include_str!("../../../tests/fixtures/entities/headline-and-surname.txt"), Format::Plain);
    let okonkwo = entity(&a, "Chidi Okonkwo");
    assert_eq!(okonkwo.kind, EntityKind::Person);
    assert_eq!(okonkwo.title.as_deref(), Some("leader"));
    // The headline's `Okonkwo` and every lone `Okonkwo` before `said` are the same person.
    assert_eq!(okonkwo.mentions.len(), 6);
    // Title-case headline words the story never names are not entities.
    assert!(a.entities.iter().all(|e| !["Strike", "Talks", "Stall", "Says", "Port"].contains(&&*e.name)));
}

#[test]
fn possessors_and_ambiguous_pronouns_teach_nothing() {
    let mut a = analyze(include_str!("../../../tests/fixtures/entities/possessor.txt"), Format::Plain);
    let got = resolve(&mut a, &[("she", 0), ("he", 1)], &["The law", "We are not"]);
    // `Victor Lang's brief` does not make Lang the `she`; the judge is.
    assert_eq!(got, [Some("Carla Mendes".into()), Some("Victor Lang".into())]);
    assert_eq!(entity(&a, "Carla Mendes").pronoun, Some(Pronoun::She));
    assert_eq!(entity(&a, "Victor Lang").pronoun, Some(Pronoun::He));
    // Two people in view: the `she` after them is not learnt for either (had it voted for Sam Ito,
    // it would tie with his given name and leave him open); each has the pronoun of their given name.
    assert_eq!(entity(&a, "Ruth Park").pronoun, Some(Pronoun::She));
    assert_eq!(entity(&a, "Sam Ito").pronoun, Some(Pronoun::He));
}

#[test]
fn a_party_before_a_name_is_not_part_of_it() {
    let a = analyze(include_str!("../../../tests/fixtures/entities/party-affiliation.txt"), Format::Plain);
    for (name, surname) in [("Mara Keswick", "Keswick"), ("Tomas Ruehl", "Ruehl")] {
        let person = entity(&a, name);
        assert_eq!(person.kind, EntityKind::Person);
        assert!(mention_texts(&a, person).contains(&surname), "{name}: {:?}", mention_texts(&a, person));
    }
    // The party words stand alone, as nationalities do, and are nobody.
    assert!(a.entities.iter().all(|e| e.kind != EntityKind::Person || !e.name.starts_with(['R', 'D'])));
    assert_eq!(entity(&a, "Republican").kind, EntityKind::Other);
}

#[test]
fn a_name_ending_a_longer_name_is_the_same_person() {
    let text = "SPRINGFIELD, March 3 - Mayor Luis de Varga opened the session. Justin Ki Moon and \
        Aung Thet Kyaw joined him.\n\n\"We will rebuild,\" De Varga said.\n\n\
        \"I kind of panicked,\" Ki Moon, 33, said.\n\n\"It is time,\" Thet Kyaw said.";
    let a = analyze(text, Format::Plain);
    assert_eq!(mention_texts(&a, entity(&a, "Luis de Varga")), ["Luis de Varga", "De Varga"]);
    assert_eq!(mention_texts(&a, entity(&a, "Justin Ki Moon")), ["Justin Ki Moon", "Ki Moon"]);
    assert_eq!(mention_texts(&a, entity(&a, "Aung Thet Kyaw")), ["Aung Thet Kyaw", "Thet Kyaw"]);
    // A headline run that happens to end with a name is no fuller form of it.
    let headline = "Varga Is Over Justin Ki Moon\n\nSPRINGFIELD, March 3 - \"We won,\" Justin Ki Moon said.";
    let b = analyze(headline, Format::Plain);
    assert!(b.entities.iter().any(|e| &*e.name == "Justin Ki Moon" && e.kind == EntityKind::Person));
}

#[test]
fn a_suffix_is_not_the_surname_and_a_misspelt_surname_is_still_the_person() {
    let text = "SPRINGFIELD, March 3 - R. J. Hale Jr. chairs the board. Paula Ruiz-Tagle runs the \
        fund. Dana Kowalski leads the union.\n\n\"We will appeal,\" Mr. Hale said.\n\n\
        \"We will not,\" Ms. Ruiz-Tagle said.\n\n\"Talks are over,\" Kowalsky said.";
    let a = analyze(text, Format::Plain);
    let people: Vec<Option<&str>> = a
        .quotes
        .iter()
        .map(|q| q.attribution.and_then(|at| at.speaker?.entity).map(|e| &*a.entities[e].name))
        .collect();
    assert_eq!(people, [Some("R. J. Hale Jr"), Some("Paula Ruiz-Tagle"), Some("Dana Kowalski")]);
    assert_eq!(mention_texts(&a, entity(&a, "Dana Kowalski")), ["Dana Kowalski", "Kowalsky"]);
    assert!(a.entities.iter().all(|e| e.kind != EntityKind::Organization), "no organisation here");
    // Two people a letter apart, each named in full, stay two people.
    let b = analyze("SPRINGFIELD, March 3 - Ann Rubinov met Tom Rubinow.\n\n\"No,\" Rubinow said.", Format::Plain);
    let q = b.quotes[0].attribution.and_then(|at| at.speaker?.entity).map(|e| &*b.entities[e].name);
    assert_eq!(q, Some("Tom Rubinow"));
    // Two letters apart in a short name is another person's name.
    let c = analyze("SPRINGFIELD, March 3 - Ann McMillan met the board.\n\n\"No,\" McMullen said.", Format::Plain);
    assert!(c.entities.iter().all(|e| &*e.name != "Ann McMillan" || e.mentions.len() == 1));
}

/// The person each attributed quote is given to, in order.
fn quote_people(a: &Analysis) -> Vec<Option<&str>> {
    a.quotes
        .iter()
        .filter(|q| q.parent.is_none())
        .map(|q| q.attribution.and_then(|at| at.speaker?.entity).map(|e| &*a.entities[e].name))
        .collect()
}

#[test]
fn a_lone_surname_shared_by_two_people_is_not_the_one_named_in_full_each_time_nor_a_relative_named_in_passing() {
    let a = analyze(include_str!("../../../tests/fixtures/entities/relatives.txt"), Format::Plain);
    assert_eq!(
        quote_people(&a),
        [Some("Lena Marsh"), Some("Tobias Marsh"), Some("Tobias Marsh"), Some("Lena Marsh"), Some("Nora Quill")]
    );
}

#[test]
fn a_longer_name_with_no_listed_given_name_is_the_person_its_tail_names() {
    // No word of `Thet Nwe Hla Kyaw` is on a list: the run is typed by the person its tail is.
    let text = "RANGOON, Nov. 9 - Thet Nwe Hla Kyaw's allies predicted a landslide on Monday.\n\n\
        Appearing before supporters, Hla Kyaw, 64, said, \"We will wait for the count.\"";
    let a = analyze(text, Format::Plain);
    assert_eq!(quote_people(&a), [Some("Thet Nwe Hla Kyaw")]);
    assert_eq!(entity(&a, "Thet Nwe Hla Kyaw").kind, EntityKind::Person);
}

#[test]
fn a_mis_decoded_name_stays_one_name_and_is_read_back() {
    // UTF-8 read as Latin-1, once (`Peña`) and twice (`Renée Márquez`).
    let text = "MEXICO CITY, April 7 - Arturo Pe\u{c3}\u{b1}alosa, the former envoy, said the plan was late.\n\n\
        \"We must answer,\" Pe\u{c3}\u{b1}alosa added.\n\n\
        Ren\u{c3}\u{83}\u{c2}\u{a9}e M\u{c3}\u{83}\u{c2}\u{a1}rquez, an aide, agreed. \"It is overdue,\" \
        M\u{c3}\u{83}\u{c2}\u{a1}rquez said.";
    let a = analyze(text, Format::Plain);
    assert_eq!(
        quote_people(&a),
        [Some("Arturo Peñalosa"), Some("Renée Márquez")]
    );
}

#[test]
fn a_speaker_whose_given_name_no_list_holds_ends_before_of_and_an_affiliation() {
    let text = "\"Nobody counted the late ballots,\" said Tanushree Rao of Open Ballot Watch, who observed \
        the vote.\n\n\"It was chaos,\" Rao said.";
    let a = analyze(text, Format::Plain);
    assert_eq!(quote_people(&a), [Some("Tanushree Rao"), Some("Tanushree Rao")]);
}

#[test]
fn a_surname_that_is_also_a_word_ends_a_name_but_a_date_does_not() {
    let text = "LONDON, June 2 - Theresa May spoke on Monday.\n\n\"We will leave,\" May said.\n\n\
        Aye Chan May, 60, a doctor, said she was elated.\n\n\"We have to be careful,\" she said.\n\n\
        Tom Hale arrived May 5. \"It was late,\" Hale said.";
    let a = analyze(text, Format::Plain);
    assert_eq!(quote_people(&a), [Some("Theresa May"), Some("Aye Chan May"), Some("Tom Hale")]);
    assert_eq!(mention_texts(&a, entity(&a, "Tom Hale")), ["Tom Hale", "Hale"]);
}

#[test]
fn a_full_name_before_a_speech_verb_is_a_person_but_a_paper_named_so_is_not() {
    // A speech verb leans a lone word towards an organisation, not a name of a person's shape.
    let text = "SPRINGFIELD, March 3 - Ozlem Durak told reporters that the truck drove into the crowd.\n\n\
        As the Daily Ledger's Ishwar Tandekar wrote, \"the vote was close.\"\n\n\
        The result was reported by the daily Nowy Glos. Nowy Glos said the count was slow.";
    let a = analyze(text, Format::Plain);
    assert_eq!(entity(&a, "Ozlem Durak").kind, EntityKind::Person);
    assert_eq!(entity(&a, "Ishwar Tandekar").kind, EntityKind::Person);
    assert_eq!(quote_people(&a), [Some("Ishwar Tandekar")]);
    assert_eq!(entity(&a, "Nowy Glos").kind, EntityKind::Organization);
}

#[test]
fn a_role_before_a_name_is_its_title_not_part_of_an_organisation() {
    let text = "SALEM, May 4 - House Speaker Tom Rendle, R-Ore., said he had concerns.\n\n\
        \"I do think the votes are there,\" Rendle said.\n\n\
        \"It is over,\" said Del. Mona Trask of Guam.\n\n\
        Frontman Anthony Varga said the record was done. \"We wrote two dozen songs,\" Varga said.";
    let a = analyze(text, Format::Plain);
    assert_eq!(quote_people(&a), [Some("Tom Rendle"), Some("Mona Trask"), Some("Anthony Varga")]);
    assert_eq!(mention_texts(&a, entity(&a, "Tom Rendle")), ["Tom Rendle", "Rendle"]);
    assert!(a.entities.iter().all(|e| e.kind != EntityKind::Organization), "no organisation here");
    assert!(a.entities.iter().all(|e| &*e.name != "Del"), "`Del.` is a title");
}

#[test]
fn research_houses_and_news_agencies_are_organisations() {
    let text = "LONDON, May 4 - A new Harlow Research report compares web samples. Harlow Research said \
        the samples were skewed.\n\nA reporter for Agence Nord-Presse called it \"absolute chaos.\"\n\n\
        The raid was blamed on Al Harzan, whose al-Harzan fighters fled. Zero Ledge said it had the video.";
    let a = analyze(text, Format::Plain);
    assert_eq!(entity(&a, "Harlow Research").kind, EntityKind::Organization);
    assert_eq!(entity(&a, "Agence Nord-Presse").kind, EntityKind::Organization);
    // The draft writes the Arabic article in lowercase too: `Al` is no given name here.
    assert_eq!(entity(&a, "Al Harzan").kind, EntityKind::Organization);
    // A number word starts no person's name.
    assert!(a.entities.iter().all(|e| !(e.name.contains("Ledge") && e.kind == EntityKind::Person)));
}

#[test]
fn a_surname_that_is_a_nationality_is_the_person_when_it_speaks() {
    let text = "CARDIFF, May 4 - Singer Tom Welsh said the album was done.\n\n\
        \"We wrote it all,\" Welsh said. Welsh officials were unmoved.\n\n\
        Welsh also complained about the tour.";
    let a = analyze(text, Format::Plain);
    assert_eq!(quote_people(&a), [Some("Tom Welsh")]);
    let welsh = mention_texts(&a, entity(&a, "Tom Welsh"));
    assert_eq!(welsh, ["Tom Welsh", "Welsh", "Welsh"], "`Welsh officials` is no mention of him");
}

#[test]
fn a_nickname_stays_inside_the_name_and_the_role_before_it_outside() {
    let text = "DENVER, May 4 - Former Marine Jon \"Tig\" Tallent said he saw it.\n\n\
        \"It was wrong,\" Tallent said.";
    let a = analyze(text, Format::Plain);
    // (The nickname is a quotation of its own, with no speaker.)
    assert_eq!(quote_people(&a).last(), Some(&Some("Jon \"Tig\" Tallent")));
    assert_eq!(entity(&a, "Jon \"Tig\" Tallent").kind, EntityKind::Person);
}

#[test]
fn a_surname_with_two_letters_swapped_is_still_the_person() {
    let text = "DENVER, May 4 - Frontman Anthony Karvelis said the record was done.\n\n\
        \"We wrote two dozen songs,\" Karvelis said.\n\n\"He is like a brother,\" Kravelis continued.\n\n\
        \"We are close,\" Karvleis said.";
    let a = analyze(text, Format::Plain);
    assert_eq!(quote_people(&a), [Some("Anthony Karvelis"); 3]);
    // Letters swapped further apart are another name.
    let b = analyze("DENVER, May 4 - Ann Karvelis spoke.\n\n\"No,\" Kevralis said.", Format::Plain);
    assert!(b.entities.iter().all(|e| &*e.name != "Ann Karvelis" || e.mentions.len() == 1));
}

#[test]
fn a_participle_opening_a_sentence_is_no_part_of_the_name_after_it() {
    let text = "Tom Lind and Ana Ruiz led the field on Monday.\n\n\
                Trailing Lind and Ruiz was Ben Okafor, who has won two endorsements.\n\n\
                Irving Kessler, a pollster, said the race was close.\n";
    let a = analyze(text, Format::Plain);
    assert_eq!(mention_texts(&a, entity(&a, "Tom Lind")), ["Tom Lind", "Lind"]);
    assert!(a.entities.iter().all(|e| !e.name.starts_with("Trailing")));
    // A given name ending in `-ing` stays a name.
    assert_eq!(entity(&a, "Irving Kessler").kind, EntityKind::Person);
}

#[test]
fn a_state_abbreviation_after_a_city_is_no_name_of_its_own_but_a_city_before_a_word_is() {
    let text = "DENVER, May 4 - Ana Ruiz of Evanston, Ill., said the bridge was closed. Lee Park moved to \
        Fresno, Calif last year.\n\nThe firm is at 10 Main St., Chicago, IL 60601, its filing said.\n\n\
        Flights between Chicago, LA and Boston were late.";
    let a = analyze(text, Format::Plain);
    let names: Vec<&str> = a.entities.iter().map(|e| &*e.name).collect();
    for state in ["Ill.", "Ill", "Calif", "IL"] {
        assert!(!names.contains(&state), "{state} in {names:?}");
    }
    assert!(names.contains(&"LA"), "{names:?}");
    assert!(names.contains(&"Evanston") && names.contains(&"Fresno"), "{names:?}");
}

/// `add_mentions_to` leaves the list `add_mention` one at a time leaves, whether the mentions come in
/// order and apart (merged in one pass) or not (inserted one by one), overlaps and repeats included.
#[test]
fn adding_mentions_at_once_is_adding_them_one_by_one() {
    let mut random = crate::analysis::random_edits::RandomEdits::new(0x6a09_e667_f3bc_c908);
    let mut scratch = Vec::new();
    let mut merged_runs = 0;
    for _ in 0..3000 {
        fn span(random: &mut crate::analysis::random_edits::RandomEdits, max_len: usize) -> Span {
            let start = random.below(600) as u32;
            Span { start, end: start + random.below(max_len) as u32 }
        }
        // A list as the entity pass leaves it: names, sorted, apart.
        let mut names: Vec<Span> = (0..random.below(60)).map(|_| span(&mut random, 6)).filter(|s| s.start < s.end).collect();
        names.sort();
        names.dedup_by(|b, a| b.start < a.end);
        let mut added: Vec<Span> = (0..random.below(2 * super::MERGE_FROM + 20)).map(|_| span(&mut random, 8)).collect();
        if random.below(2) == 0 {
            // In order and apart, as a walk through the draft adds them.
            added.retain(|s| s.start < s.end);
            added.sort();
            added.dedup_by(|b, a| b.start < a.end);
            merged_runs += usize::from(added.len() >= super::MERGE_FROM);
        }
        let entity = |spans: &[Span]| Entity {
            name: "Ann Lee".into(),
            kind: EntityKind::Person,
            mentions: spans.iter().map(|&span| Mention { span, kind: MentionKind::Name }).collect(),
            title: None,
            pronoun: None,
        };
        let added: Vec<Mention> = added.into_iter().map(|span| Mention { span, kind: MentionKind::Pronoun }).collect();
        let (mut one_by_one, mut at_once) = (entity(&names), entity(&names));
        for &m in &added {
            one_by_one.add_mention(m);
        }
        super::add_mentions_to(&mut at_once.mentions, &added, &mut scratch);
        assert_eq!(at_once.mentions, one_by_one.mentions, "names {names:?}, added {added:?}");
    }
    assert!(merged_runs > 500, "the merge ran {merged_runs} times");
}
