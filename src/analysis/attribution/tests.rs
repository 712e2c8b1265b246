//! Attribution patterns, each on a short draft of our own.

use crate::analysis::attribution::AttributionSource;
use crate::analysis::quotes::QuoteKind;
use crate::analysis::{analyze, layout::Format};

/// A draft whose first paragraph is `body` (after a dateline paragraph, so that the layout
/// never takes the paragraph under test for a headline).
fn draft(body: &str) -> String {
    format!("SPRINGFIELD, March 3 - The council met on Tuesday.\n\n{body}")
}

/// `(quote text, speaker mention, cue)` for every quote of a draft.
fn attributions(body: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let text = &draft(body);
    let a = analyze(text, Format::Plain);
    a.quotes
        .iter()
        .map(|q| {
            let at = q.attribution;
            (
                q.span.text(text).to_string(),
                at.and_then(|at| at.speaker)
                    .map(|s| s.mention.text(text).to_string()),
                at.and_then(|at| at.cue).map(|c| c.text(text).to_string()),
            )
        })
        .collect()
}

fn speakers(text: &str) -> Vec<Option<String>> {
    attributions(text).into_iter().map(|(_, s, _)| s).collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn quote_then_speaker_and_verb() {
    assert_eq!(
        attributions("\"We will rebuild,\" Mayor Jane Smith said."),
        [(
            "\"We will rebuild,\"".into(),
            some("Mayor Jane Smith"),
            some("said")
        )]
    );
    assert_eq!(
        speakers("“It is over,” the top Russian diplomat added."),
        [some("the top Russian diplomat")]
    );
    assert_eq!(speakers("“It is over,” he pointed out."), [some("he")]);
    assert_eq!(
        attributions("“It is over,” he pointed out.")[0].2,
        some("pointed out")
    );
}

#[test]
fn inverted_attribution() {
    assert_eq!(
        speakers("\"It is over,\" said Dan Conston, a senior adviser to the group."),
        [some("Dan Conston")]
    );
    assert_eq!(
        speakers("\"Anybody but him,\" tweeted another."),
        [some("another")]
    );
}

#[test]
fn speaker_before_the_quote() {
    assert_eq!(
        speakers("Nordhaus said: \"No large economy has done it.\""),
        [some("Nordhaus")]
    );
    assert_eq!(
        speakers("Maria Zakharova told TASS: \"The envoys have discredited themselves.\""),
        [some("Maria Zakharova")]
    );
    assert_eq!(
        speakers(
            "He underscored that Moscow \"has never taken this subject to the public domain.\""
        ),
        [some("He")]
    );
    assert_eq!(
        speakers("According to the top Russian diplomat, the group \"has indeed become global in its agenda.\""),
        [some("the top Russian diplomat")]
    );
}

#[test]
fn long_subjects_with_appositives_and_brackets() {
    assert_eq!(
        speakers("\"The numbers put us on pace,\" Jeff Weaver, Sanders' campaign manager, said in a statement."),
        [some("Jeff Weaver")]
    );
    assert_eq!(
        speakers("\"We cannot have that,\" Rep. John Mica (R-Fla.) said."),
        [some("Rep. John Mica")]
    );
}

#[test]
fn participles_take_the_clause_subject() {
    assert_eq!(
        speakers(
            "Trump attacked Clinton on Monday, saying, \"She is trigger-happy and very unstable.\""
        ),
        [some("Trump")]
    );
}

#[test]
fn second_quote_of_a_paragraph_carries_the_first_speaker() {
    let text = &draft(
        "\"We hardly have any,\" he said. \"The Americans have been highlighting one fact.\"",
    );
    let a = analyze(text, Format::Plain);
    assert_eq!(a.quotes.len(), 2);
    let second = a.quotes[1].attribution.expect("carried");
    assert_eq!(
        second.source,
        AttributionSource::Continued { from_quote: 0 }
    );
    assert_eq!(second.speaker.map(|s| s.mention.text(text)), Some("he"));
}

#[test]
fn interrupted_quote() {
    let text = "\"It's a difficult issue,\" said the Florida senator, \"because it puts two rights in conflict.\"";
    assert_eq!(
        speakers(text),
        [some("the Florida senator"), some("the Florida senator")]
    );
}

#[test]
fn floating_and_multi_paragraph_quotes_continue_the_speaker() {
    let text = &draft("\"We will rebuild,\" Smith said.\n\n\"The money is there.\"\n\n\"And the plan is ready.\n\n\"We start in May.\"\n");
    let a = analyze(text, Format::Plain);
    let kinds: Vec<_> = a.quotes.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds,
        [
            QuoteKind::Direct,
            QuoteKind::Continuation,
            QuoteKind::Continuation,
            QuoteKind::Continuation
        ]
    );
    for q in &a.quotes {
        assert_eq!(
            q.attribution
                .and_then(|at| at.speaker)
                .map(|s| s.mention.text(text)),
            Some("Smith")
        );
    }
}

#[test]
fn reported_speech_before_a_floating_quote() {
    let text = "Lavrov said Russia had no fields for cooperation with the West.\n\n\"We hardly have any.\"\n";
    assert_eq!(speakers(text), [some("Lavrov")]);
}

#[test]
fn speaker_label_and_signed_quote() {
    assert_eq!(
        speakers("Clinton: \"Our goal is to defeat ISIS.\""),
        [some("Clinton")]
    );
    assert_eq!(
        speakers("\"I went to Wall Street before the crash.\"\n\n- Hillary Clinton.\n"),
        [some("Hillary Clinton")]
    );
}

#[test]
fn a_new_sentence_after_a_full_stop_is_not_an_attribution() {
    let text = "The council met.\n\n\"America has a problem.\" The star then recalled an incident.";
    assert_eq!(speakers(text), [None]);
}

#[test]
fn pretokenised_text() {
    assert_eq!(
        speakers("\" I 'm sure we can win , \" Hoddle said ."),
        [some("Hoddle")]
    );
}

#[test]
fn non_speech_quotes_get_no_speaker() {
    let text = &draft("Lavrov added that a new so-called \"partner country\" category is planned.");
    let a = analyze(text, Format::Plain);
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(a.quotes[0].kind, QuoteKind::Scare);
    assert_eq!(a.quotes[0].attribution, None);
}

/// The person each quote of `body` is given to (the entity's name), in order.
fn people(body: &str) -> Vec<Option<String>> {
    let text = &draft(body);
    let a = analyze(text, Format::Plain);
    a.quotes
        .iter()
        .map(|q| {
            let e = q.attribution?.speaker?.entity?;
            Some(a.entities[e].name.to_string())
        })
        .collect()
}

#[test]
fn a_possessor_or_employer_beside_the_name_does_not_take_the_quote() {
    let body = "Mayor Ruth Halvorsen opened the session.\n\n\
        \"The bridge stays shut,\" Halvorsen campaign manager Ottilie Brandt said.\n\n\
        \"Repairs start soon,\" said Halvorsen's chief engineer Bram Okafor.\n\n\
        \"We regret the delay,\" Halvorsen's deputy, Ines Marquard, said in a statement.\n\n\
        \"Costs will rise,\" said the mayor's press secretary, Tomas Rieke.";
    assert_eq!(
        people(body),
        [some("Ottilie Brandt"), some("Bram Okafor"), some("Ines Marquard"), some("Tomas Rieke")]
    );
    assert_eq!(
        speakers(body)[3],
        some("the mayor's press secretary, Tomas Rieke")
    );
    // With no one else named, a name that only qualifies the role is nobody's quote.
    let unnamed = "Mayor Ruth Halvorsen opened the session.\n\n\
        \"No comment,\" a Halvorsen campaign spokesman said.";
    assert_eq!(people(unnamed), [None]);
}

/// The entities of a draft with `body`, as `(name, kind)`.
fn entity_names(body: &str) -> Vec<(String, &'static str)> {
    let a = analyze(&draft(body), Format::Plain);
    a.entities.iter().map(|e| (e.name.to_string(), e.kind.as_str())).collect()
}

#[test]
fn an_affiliation_after_the_name_is_not_part_of_it() {
    let body = "\"Rents will climb,\" said Sam Reed of Citizens for Budgets, a watchdog.\n\n\
        \"We disagree,\" said Gov. Carla Mendes of Vermont, a critic of the plan.\n\n\
        \"It is too early,\" said Nadia Petrov at Harbor Capital.";
    assert_eq!(people(body), [some("Sam Reed"), some("Carla Mendes"), some("Nadia Petrov")]);
    let names = entity_names(body);
    assert!(names.contains(&("Sam Reed".into(), "person")), "{names:?}");
    // An organisation or place keeps its `of`.
    let orgs = entity_names("\"Rates stay,\" said a spokesman for the Royal Bank of Scotland.");
    assert!(orgs.iter().any(|(n, _)| n == "Royal Bank of Scotland"), "{orgs:?}");
}

#[test]
fn role_words_before_a_name_are_a_title_not_part_of_the_name() {
    let body = "Reporter Ilse Varga says:\n\n\"The road is closed.\"\n\n\
        \"We counted every ballot,\" Kent County Recorder Mabel Osei said.\n\n\
        \"Nobody expected it,\" Former Ohio Gov. Walter Pryce said.\n\n\
        Celebrities Nora Lindqvist and Pia Holm joined the march. \"We walk for them,\" Lindqvist said.";
    assert_eq!(
        people(body),
        [some("Ilse Varga"), some("Mabel Osei"), some("Walter Pryce"), some("Nora Lindqvist")]
    );
    let names = entity_names(body);
    assert!(!names.iter().any(|(n, _)| n.contains("Gov")), "{names:?}");
}

#[test]
fn reporting_verbs_of_evaluation_and_manner_are_cues() {
    assert_eq!(
        attributions("Former Ohio Gov. Walter Pryce, for his part, labeled the order \"a blatant abuse of power.\"")[0]
            .1
            .as_deref()
            .map(|s| s.ends_with("Walter Pryce")),
        Some(true)
    );
    assert_eq!(attributions("\"Not again,\" Ines Marquard grumbled.")[0].2, some("grumbled"));
    assert_eq!(attributions("\"We will see,\" the coach mused, then reminisced: \"We won it all.\"")[1].2, some("reminisced"));
}

#[test]
fn speaker_labels_roundups_transcripts_and_pull_quotes() {
    let body = "Rep. Hal Burrows (R-Ohio):\"Who told you that figure?\"\n\n\
        What the papers said:\n\n\
        Ann Lee, The Daily Courier: \"The vote was a mistake.\"\n\n\
        MR. OKAFOR: \"We object to the motion.\"\n\n\
        \"The river is rising faster than anyone planned for.\"\n\n\
        Mayor Ruth Halvorsen\n\n\
        The council adjourned.";
    assert_eq!(
        people(body),
        [some("Hal Burrows"), some("Ann Lee"), some("OKAFOR"), some("Ruth Halvorsen")]
    );
    // A quote followed by a sentence about someone is not signed by them.
    let sentence = "\"The river is rising.\"\n\nRuth Halvorsen said the levee would hold.";
    assert_eq!(speakers(sentence), [None]);
    let heading = "\"The river is rising.\"\n\nFlood Defences\n\nThe levee held.";
    assert_eq!(speakers(heading), [None]);
}

#[test]
fn long_appositives_and_party_state_tags_keep_the_name() {
    let body = "\"The veto will be overridden,\" Senate Majority Leader Rhoda Pell, R-Ky., said Tuesday.\n\n\
        Emil Sarkis, a delegate from the District and the head of the D.C.-based Cedar Institute, \
        said: \"I do not think it is possible.\"\n\n\
        A spokeswoman for the House Budget Committee said: \"We will not comment.\"";
    assert_eq!(
        speakers(body),
        [some("Senate Majority Leader Rhoda Pell"), some("Emil Sarkis"), some("A spokeswoman")]
    );
}

#[test]
fn words_on_a_sign_are_not_its_holders() {
    let body = "Lori Bernardi held up a sign saying \"Hands off our park.\"\n\n\
        Mayor Ruth Halvorsen posted it under a headline that said, \"Death to the park.\"\n\n\
        Ruth Halvorsen attacked the council, saying \"This is a disgrace.\"";
    assert_eq!(speakers(body), [some("a sign"), some("a headline"), some("Ruth Halvorsen")]);
    assert_eq!(people(body), [None, None, some("Ruth Halvorsen")]);
}

#[test]
fn in_someones_words_names_the_speaker() {
    assert_eq!(
        speakers("Tessa Lund praised the plan. The shift came because, in Acme\u{2019} words, \"the old rules had run out.\""),
        [some("Acme")]
    );
    assert_eq!(
        speakers("Tessa Lund praised the plan. It was, in the mayor's words, \"a fresh start for everyone who lives on the east side of town.\""),
        [some("the mayor")]
    );
    assert_eq!(
        speakers("Tessa Lund praised the plan. In the words of the city clerk, \"we got lucky this time with the weather and the turnout.\""),
        [some("the city clerk")]
    );
}

#[test]
fn a_remark_named_after_the_quote_names_its_speaker() {
    assert_eq!(
        speakers("\"A budget is a moral document.\" That line from Councilor Rita Vance drew applause at the hearing."),
        [some("Councilor Rita Vance")]
    );
}

#[test]
fn a_relative_who_before_the_cue_points_back_to_its_antecedent() {
    let body = "Among the replies was this post from Odile Ferrand who wrote, \"The vote was rushed.\"\n\n\
        The question went to Mayor Ruth Halvorsen, who said: \"We will hold a second hearing.\"\n\n\
        It was the treasurer who also warned, \"The fund is nearly empty.\"";
    assert_eq!(
        speakers(body),
        [some("Odile Ferrand"), some("Mayor Ruth Halvorsen"), some("the treasurer")]
    );
    assert_eq!(people(body)[..2], [some("Odile Ferrand"), some("Ruth Halvorsen")]);
    // Who a bare plural names is no one in particular.
    assert_eq!(speakers("There were letters from residents who wrote, \"The vote was rushed.\"")[0], None);
}

#[test]
fn according_to_a_document_names_its_author() {
    let body = "\"The permit was never valid,\" according to a court filing signed by county attorney Lionel Barrett.\n\n\
        According to a letter from Mayor Ruth Halvorsen, \"the bridge will reopen in May.\"\n\n\
        \"Fares will rise,\" according to a statement by the transit authority.";
    assert_eq!(
        speakers(body),
        [some("county attorney Lionel Barrett"), some("Mayor Ruth Halvorsen"), some("the transit authority")]
    );
    // A document with no author named stays the speaker.
    assert_eq!(speakers("\"Costs doubled,\" according to a court filing.")[0], some("a court filing"));
}

#[test]
fn an_infinitive_after_a_closed_quote_is_no_attribution() {
    // `"Q?" I had a statement to read, ...`: a new sentence whose verb only names speech to come.
    let body = "\"Your full name?\" I had a short statement to read, but I set it aside.";
    assert_eq!(speakers(body), [None]);
    // (An action beat before it may name the one asking: see `an_action_beat_names_who_speaks`.)
    let body = "The clerk turned to me. \"Your full name?\" I had a short statement to read, but I set it aside.";
    assert_ne!(speakers(body), [some("I")]);
    // A bare `X said.` after the closed quote still attributes.
    assert_eq!(speakers("\"We won.\" Ines Marquard said.")[0], some("Ines Marquard"));
}

#[test]
fn a_relative_who_names_the_speaker_before_it() {
    assert_eq!(
        speakers("Among the posts was one from Tamsin Orlo who wrote, \"The mayor never follows the rules and nothing is done.\""),
        [some("Tamsin Orlo")]
    );
    assert_eq!(
        speakers("Others agreed with Ilse Varga, who tweeted, \"Rules are for everyone, even for the mayor of this town.\""),
        [some("Ilse Varga")]
    );
}

#[test]
fn a_relative_which_or_that_speaks_for_a_thing_never_a_person() {
    let body = "Mayor Ruth Halvorsen spoke first. She held up the banner — which read \"Save the Pier\" — and waved it.\n\n\
        Tomas Rieke met the tenants' group, which said \"we will not stop until the pier is saved.\"\n\n\
        Ines Marquard wrote to the council, which also said in a statement that \"the budget is final.\"\n\n\
        Bram Okafor joined the coalition that said \"enough is enough\" on Monday.";
    assert_eq!(speakers(body), [some("which"), some("which"), some("which"), some("that")]);
    assert_eq!(people(body), [None, None, None, None]);
    // Once the sign's clause has closed, the sentence's subject speaks again; a caption's words
    // are its writer's.
    let body = "Mayor Ruth Halvorsen held up the banner — which read \"Save the Pier\" — and waved it, mouthing \"thank you\" to the crowd.\n\n\
        Tomas Rieke added the caption which reads, \"The pier belongs to all of us.\"";
    assert_eq!(speakers(body), [some("which"), some("Mayor Ruth Halvorsen"), some("Tomas Rieke")]);
    // A body described (`the union`, `the council`) is not the person the story was following.
    let body = "\"The offer is fair,\" Ines Marquard said.\n\n\
        The union, which represents 400 dockworkers, said \"the deal is dead.\"\n\n\
        \"We will vote again,\" the council said.";
    assert_eq!(people(body), [some("Ines Marquard"), None, None]);
    // A `that` after a word for a person stands for someone: it is not made a thing.
    assert_ne!(speakers("Ilse Varga met the man that said \"the pier is lost.\"")[0], some("that"));
}

#[test]
fn a_statement_or_memo_the_subject_sent_out_carries_their_words() {
    // The participle after `a statement` stands for the cue; the sender is the clause's subject.
    let body = "In Lisbon, Mayor Ruth Halvorsen issued a statement late Sunday deploring \"a senseless act of violence against our city.\"";
    let found = attributions(body);
    assert_eq!((found[0].1.clone(), found[0].2.clone()), (some("Mayor Ruth Halvorsen"), some("deploring")));
    // A memo's title is its writer's words ...
    let body = "On Monday night, Harbor Commissioner Tomas Rieke released a memo titled \"Why the Pier Must Stay Open.\"";
    let found = attributions(body);
    let memo = found.iter().find(|(q, _, _)| q.contains("Pier Must")).unwrap();
    assert_eq!(memo.1, some("Harbor Commissioner Tomas Rieke"));
    // ... but a book or a show is no one's words, and a participle with no piece sent before it
    // is no cue.
    let body = "Tomas Rieke, who read a book titled \"The Long Pier\" last summer, spoke first.\n\n\
        Ines Marquard spent the evening watching \"The Harbor Years\" with friends.";
    assert!(speakers(body).iter().all(Option::is_none), "{:?}", attributions(body));
}

#[test]
fn a_quote_left_unclosed_keeps_its_attribution_inside() {
    // The closing mark is missing, so the quote runs on over `, said X`: X still said it.
    let body = "\"Nobody told the tenants what the new lease meant, said Varga, whose group is pressing the council for a vote.";
    assert_eq!(speakers(body), [some("Varga")]);
    let body = "\"We were never asked about the pier, Tomas Rieke said. Now it is too late.";
    assert_eq!(speakers(body), [some("Tomas Rieke")]);
    // A comma in the run-on quote with no cue after it attributes nothing, nor does speech it
    // reports (`, X said that ...`).
    let body = "\"We were never asked about the pier, and now the council wants our votes.";
    assert_eq!(speakers(body), [None]);
    let body = "\"We were never asked. Then, in May, Halvorsen said that the pier would be sold.";
    assert_eq!(speakers(body), [None]);
    // The first paragraph of a quote running on into the next has no closing mark by convention:
    // a cue inside it is the quoted speaker's report, not an attribution.
    let body = "The council wrote to the tenants:\n\n\"We have heard you. Last week, Halvorsen said, the pier would stay open.\n\n\"That is still our plan.\"";
    assert_ne!(speakers(body)[0], some("Halvorsen"));
}

#[test]
fn an_action_beat_names_who_speaks() {
    // A short sentence of a gesture right before a quote with no cue: its subject speaks.
    assert_eq!(speakers("The harbor commissioner then turned to the crowd. \"Who wants to go first?\""), [some("The harbor commissioner")]);
    assert_eq!(speakers("Ines Marquard paused. \"We will not give up the pier.\""), [some("Ines Marquard")]);
    assert_eq!(speakers("She shrugged. \"It was never ours to sell.\""), [some("She")]);
    // A thing that turned is no speaker, and a long sentence is narration, not a beat.
    assert_eq!(speakers("The vote turned on a single ballot. \"It is a sad day for the harbor.\""), [None]);
    assert_eq!(
        speakers("Ines Marquard looked at the ledger that the council had kept for the pier since the storm of 1998. \"It is a sad day for the harbor.\""),
        [None]
    );
}

#[test]
fn a_new_voice_after_the_last_attribution_takes_the_next_quote() {
    // The second quote is not Lee's: her husband's cue clause ends right before it.
    let body = "Marta Lindqvist and her husband, Anders Lindqvist, walked the precinct on Sunday.\n\n\
        \"Tell them we came from Duluth,\" Lindqvist said, and her husband cut in. \"We drove all night to get here.\"";
    assert_eq!(speakers(body), [some("Lindqvist"), some("her husband")]);
    assert_eq!(people(body), [some("Marta Lindqvist"), some("Anders Lindqvist")]);
    // With no one else's cue between, the second quote stays the first speaker's.
    let body = "\"Tell them we came from Duluth,\" Marta Lindqvist said. \"We drove all night to get here.\"";
    assert_eq!(speakers(body), [some("Marta Lindqvist"), some("Marta Lindqvist")]);
}
