//! Coreference on drafts we wrote (`tests/fixtures/coref/`): each quote's speaker, resolved to a
//! person, as a writer would read it.

use crate::analysis::layout::Format;
use crate::analysis::{analyze, Analysis};
use crate::analysis::entities::Pronoun;

/// Each attributed quote's first words, speaker mention and the name of the person it resolves to.
fn speakers(a: &Analysis) -> Vec<(String, String, Option<String>)> {
    a.quotes
        .iter()
        .filter(|q| q.parent.is_none())
        .filter_map(|q| {
            let sp = q.attribution?.speaker?;
            let words: String = q.content.text(&a.text).split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            let entity = sp.entity.map(|e| a.entities[e].name.to_string());
            Some((words, sp.mention.text(&a.text).to_string(), entity))
        })
        .collect()
}

/// The person the quote opening with `words` is given to.
fn speaker_of(a: &Analysis, words: &str) -> Option<String> {
    let all = speakers(a);
    all.iter()
        .find(|(w, _, _)| w.starts_with(words))
        .unwrap_or_else(|| panic!("no attributed quote {words:?} in {all:?}"))
        .2
        .clone()
}

fn draft(name: &str) -> Analysis {
    let path = format!("{}/tests/fixtures/coref/{name}", env!("CARGO_MANIFEST_DIR"));
    analyze(&std::fs::read_to_string(path).expect("fixture"), Format::Plain)
}

#[test]
fn he_is_the_subject_of_the_sentence_before_not_the_person_named_last() {
    let a = draft("subject-not-last-named.txt");
    assert_eq!(speaker_of(&a, "We have always").as_deref(), Some("Sam Patel"));
}

#[test]
fn a_person_named_only_as_an_object_does_not_take_the_last_speakers_voice() {
    let a = draft("speaker-before-object.txt");
    assert_eq!(speaker_of(&a, "Nothing, unless").as_deref(), Some("Omar Diaz"));
}

#[test]
fn courtesy_titles_tell_he_from_she() {
    let a = draft("honorifics.txt");
    assert_eq!(speaker_of(&a, "We cannot dredge").as_deref(), Some("Kiri Ortiz"));
    let hale = a.entities.iter().find(|e| &*e.name == "Noa Hale").expect("Noa Hale");
    assert_eq!(hale.pronoun, Some(Pronoun::He));
}

#[test]
fn given_names_tell_he_from_she_and_an_organisation_is_never_he() {
    let a = draft("given-names.txt");
    assert_eq!(speaker_of(&a, "Nobody here wanted").as_deref(), Some("Linda Voss"));
    // `he` after the lender's statement is Gregory Lam, the only man in the draft.
    assert_eq!(speaker_of(&a, "We will study").as_deref(), Some("Gregory Lam"));
}

#[test]
fn an_employer_before_a_name_is_neither_the_speaker_nor_the_next_he() {
    let a = draft("employer-names.txt");
    assert_eq!(speaker_of(&a, "The pipes go").as_deref(), Some("Omar Diaz"));
    assert_eq!(speaker_of(&a, "The money is").as_deref(), Some("Ilse Moreau"));
}

#[test]
fn i_in_a_first_person_piece_is_its_author() {
    let a = draft("first-person.txt");
    assert_eq!(speaker_of(&a, "Never again").as_deref(), Some("Maren Holt"));
    // A quote inside the piece by someone the author does not name stays unresolved: the
    // mention comes back with no person.
    let uncle = speakers(&a).into_iter().find(|(w, _, _)| w.starts_with("You will learn")).expect("uncle's quote");
    assert_eq!((uncle.1.as_str(), uncle.2), ("he", None));
}

#[test]
fn a_role_finds_its_holder_before_or_after_and_in_any_form() {
    let a = draft("descriptions.txt");
    // Named only after the description.
    assert_eq!(speaker_of(&a, "It is only").as_deref(), Some("Helen Cho"));
    // `Gov.` is the governor; `Sen. ... of Oregon` the Oregon senator, not the Idaho representative.
    assert_eq!(speaker_of(&a, "She has done").as_deref(), Some("Lena Ortiz"));
    // (The entity's name is the entities pass's business: the person is what counts here.)
    assert!(speaker_of(&a, "This city is").is_some_and(|n| n.starts_with("Tomas Reval")));
    assert_eq!(speaker_of(&a, "The ruling stands").as_deref(), Some("Ines Marlow"));
}

#[test]
fn a_closed_quote_is_not_continued_past_another_voice() {
    let a = draft("continuation.txt");
    assert_ne!(speaker_of(&a, "Nothing stops us").as_deref(), Some("Priya Raman"));
    // Another person takes the floor after the closed quote: the bare quote is not Reyes's.
    let reyes = speakers(&a).into_iter().find(|(w, _, _)| w.starts_with("They lie all"));
    assert!(reyes.as_ref().map_or(true, |s| s.2.as_deref() != Some("Tom Reyes")), "{reyes:?}");
    // With no one else in view the next bare paragraph is the same speaker's.
    assert_eq!(speaker_of(&a, "Bring coffee").as_deref(), Some("Tom Reyes"));
}

#[test]
fn whom_the_speaker_talks_to_or_about_is_not_the_speaker() {
    let a = draft("addressed.txt");
    assert_eq!(speaker_of(&a, "Forty feet").as_deref(), Some("Peter Brandt"));
    assert_eq!(speaker_of(&a, "He never listens").as_deref(), Some("Peter Brandt"));
}

#[test]
fn a_definite_epithet_is_the_person_the_story_follows_but_an_unnamed_role_is_nobody() {
    let a = draft("epithet.txt");
    assert_eq!(speaker_of(&a, "This port made").as_deref(), Some("Dana Whitcombe"));
    assert_eq!(speaker_of(&a, "Bring the harbor").as_deref(), Some("Dana Whitcombe"));
    // The moderator and her colleague are people the draft does not name.
    assert_eq!(speaker_of(&a, "Where will the"), None);
    assert_eq!(speaker_of(&a, "Ask my accountant"), None);
}

#[test]
fn a_sentence_led_by_the_same_pronoun_carries_the_chain_back() {
    let a = draft("pronoun-chain.txt");
    assert_eq!(speaker_of(&a, "I hung up").as_deref(), Some("Ana Ruiz"));
}

#[test]
fn a_name_after_said_in_a_clause_is_not_the_speaker() {
    let a = draft("said-in-a-clause.txt");
    // `who said Ingrid Holt had cheated her`: Holt is what Quinlan spoke about.
    assert_eq!(speaker_of(&a, "She wanted to").as_deref(), Some("Mara Quinlan"));
}

#[test]
fn the_one_asked_gives_the_answer() {
    let a = draft("asked-answers.txt");
    assert_eq!(speaker_of(&a, "Not this year").as_deref(), Some("Henrik Dahl"));
}

#[test]
fn a_possessor_opening_its_sentence_is_what_the_next_pronoun_refers_to() {
    let a = draft("possessive-subject.txt");
    assert_eq!(speaker_of(&a, "Fuel is half").as_deref(), Some("Rosa Delgado"));
}

#[test]
fn the_drafts_own_pronoun_for_a_speaker_outweighs_the_census() {
    let a = draft("draft-gender-over-census.txt");
    assert_eq!(speaker_of(&a, "The water board").as_deref(), Some("Whitney Paulsen"));
    assert_eq!(speaker_of(&a, "Ask the growers").as_deref(), Some("Whitney Paulsen"));
    let paulsen = a.entities.iter().find(|e| &*e.name == "Whitney Paulsen").expect("Whitney Paulsen");
    assert_eq!(paulsen.pronoun, Some(Pronoun::He));
}

#[test]
fn a_person_brought_in_just_before_a_quote_is_its_voice() {
    let a = draft("newcomer-object.txt");
    assert_eq!(speaker_of(&a, "We have enough").as_deref(), Some("Daniel Okafor"));
}

#[test]
fn a_description_with_a_name_in_apposition_is_that_person() {
    let a = draft("description-apposition.txt");
    assert_eq!(speaker_of(&a, "The ovens were").as_deref(), Some("Lucia Brandt"));
}

#[test]
fn a_particular_office_no_one_holds_is_the_person_followed_who_holds_none() {
    let a = draft("unheld-office.txt");
    // Not Axelrod, named last but a representative.
    assert_eq!(speaker_of(&a, "It is not").as_deref(), Some("Nadia Ferrante"));
    // Someone's spokesman is not that someone, nor the person followed.
    assert_eq!(speaker_of(&a, "We will wait"), None);
}

#[test]
fn a_possessor_opening_its_sentence_outweighs_a_person_named_after_it_as_an_object() {
    let a = draft("possessive-before-object.txt");
    assert_eq!(speaker_of(&a, "Nobody asked").as_deref(), Some("Rosa Delgado"));
}

#[test]
fn her_husband_is_the_man_who_shares_her_surname() {
    let a = draft("relatives.txt");
    assert_eq!(speaker_of(&a, "And a recession").as_deref(), Some("Thomas Lindgren"));
}

#[test]
fn an_unnamed_voice_stays_unnamed() {
    let a = draft("unnamed-voices.txt");
    // `the official` takes up `a senior port official`, not the secretary named before.
    assert_eq!(speaker_of(&a, "Nobody on the"), None);
    // `she` after the crane operator's quote is the operator, whom the draft does not name.
    assert_eq!(speaker_of(&a, "My kids ask"), None);
    assert_eq!(speaker_of(&a, "I keep baking").as_deref(), Some("Esther Kline"));
}

#[test]
fn reading_back_for_an_unnamed_person_survives_any_characters() {
    // Multi-byte characters right before the article and the head word.
    let text = "Talks stalled.\n\n“No,” said ’a port official’ — “a” official.\n\nSecretary Ana Ruiz spoke.\n\n“Yes,” the official said. “Again,” the secretary said.\n";
    let a = analyze(text, Format::Plain);
    assert_eq!(speaker_of(&a, "Again").as_deref(), Some("Ana Ruiz"));
}

#[test]
fn a_role_given_in_a_relative_or_copular_clause_finds_its_holder() {
    let a = draft("roles-in-clauses.txt");
    // `X, who is the harbor commissioner,` and `X is the port's chief engineer.`
    assert_eq!(speaker_of(&a, "The dredging starts").as_deref(), Some("Marta Quell"));
    assert_eq!(speaker_of(&a, "The silt is").as_deref(), Some("Ivo Sand"));
    // `X, who has been the board's treasurer since 2019,`: the subject named last is not it.
    assert_eq!(speaker_of(&a, "We cannot pay").as_deref(), Some("Odo Brenner"));
}

#[test]
fn a_party_and_state_tag_ties_a_person_to_that_state_and_party() {
    let a = draft("party-state-tags.txt");
    assert_eq!(speaker_of(&a, "We are close").as_deref(), Some("Ada Brook"));
    assert_eq!(speaker_of(&a, "Nothing is settled").as_deref(), Some("Lars Holm"));
    assert_eq!(speaker_of(&a, "I will not").as_deref(), Some("Noor Vance"));
}

/// The byline names the author of a first-person piece where it opens the draft or a paragraph,
/// or stands in the last paragraph; a `by` inside another paragraph names no author.
#[test]
fn a_byline_names_the_author_where_it_stands_as_one() {
    let body = "I walked home in the rain. \"Never again,\" I said.";
    let opening = format!("By Maren Holt\n\n{body}\n");
    let own_line = format!("Storm notes\n\nBy Maren Holt\n\n{body}\n");
    let at_the_end = format!("Storm notes\n\n{body}\n\nFrom A WET YEAR by Maren Holt\n");
    let inside = format!("Storm notes\n\nI read a book by Maren Holt. {body}\n\nThe rain stopped at noon.\n");
    for (text, author) in [(&opening, Some("Maren Holt")), (&own_line, Some("Maren Holt")), (&at_the_end, Some("Maren Holt")), (&inside, None)] {
        let a = analyze(text, Format::Plain);
        assert_eq!(speaker_of(&a, "Never again").as_deref(), author, "{text}");
    }
}
