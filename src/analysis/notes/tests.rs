use super::*;

const INTERVIEW: &str = include_str!("../../../tests/fixtures/notes/harbour-interview.txt");
const COUNCIL: &str = include_str!("../../../tests/fixtures/notes/council-call.txt");

fn index() -> NotesIndex {
    NotesIndex::new([("notes/harbour-interview.txt", INTERVIEW), ("notes/council-call.txt", COUNCIL)])
}

#[test]
fn exact_quote_reports_file_and_line() {
    let m = index().match_quote("We are not going to close the harbour, not this year and not next year.");
    assert_eq!(m, NotesMatch::Exact { file: "notes/harbour-interview.txt".into(), line: 4 });
}

#[test]
fn exact_ignores_case_curly_marks_ellipses_and_brackets() {
    let idx = index();
    let m = idx.match_quote("We don’t have the money … the [harbour] board has to find it");
    assert_eq!(m, NotesMatch::Exact { file: "notes/harbour-interview.txt".into(), line: 6 });
    let m = idx.match_quote("the vote is on thursday, and I expect it to pass");
    assert_eq!(m, NotesMatch::Exact { file: "notes/council-call.txt".into(), line: 3 });
}

#[test]
fn close_quote_gives_the_notes_wording() {
    let m = index().match_quote("We are not going to shut the harbour, not this year or next year.");
    assert_eq!(
        m,
        NotesMatch::Close {
            file: "notes/harbour-interview.txt".into(),
            line: 4,
            notes_wording: "We are not going to close the harbour, not this year and not next year".into(),
        }
    );
}

#[test]
fn absent_quote_is_not_found() {
    let idx = index();
    assert_eq!(idx.match_quote("The fishermen will be paid in full by the end of May."), NotesMatch::NotFound);
    // Too short to say.
    assert_eq!(idx.match_quote("this year"), NotesMatch::NotFound);
    assert_eq!(NotesIndex::new(Vec::<(String, String)>::new()).match_quote("We are not going"), NotesMatch::NotFound);
}

#[test]
fn exact_match_does_not_cross_files() {
    let idx = NotesIndex::new([("a.txt", "one two three four"), ("b.txt", "five six seven")]);
    assert_eq!(idx.match_quote("three four five six"), NotesMatch::NotFound);
    assert_eq!(idx.match_quote("two three four"), NotesMatch::Exact { file: "a.txt".into(), line: 1 });
}

#[test]
fn odd_input_never_panics() {
    let idx = NotesIndex::new([("x", "…[ ] ... \u{2019}\n\n'")]);
    for q in ["", "...", "[", "]]] [[", "… … …", "\u{2019}a\u{2019}", "a b c d e f"] {
        let _ = idx.match_quote(q);
    }
}

#[test]
fn remembered_matches_are_the_same_answers() {
    let idx = index();
    for quote in [
        "We are not going to close the harbour, not this year and not next year.",
        "We are not going to shut the harbour, not this year or next year.",
        "The fishermen will be paid in full by the end of May",
    ] {
        let fresh = idx.match_quote(quote);
        assert_eq!(idx.remembered_match(quote), fresh);
        assert_eq!(idx.remembered_match(quote), fresh, "asked again");
    }
    assert_eq!(idx.memo.len(), 3);
    idx.forget_matches();
    assert_eq!(idx.memo.len(), 0);
}

#[test]
fn a_skipped_file_is_never_the_answer() {
    // The draft is one of the "notes" (a pattern matched it): its own quotes must be looked for
    // in the other files only.
    let draft = "\"We are not going to close the harbour, not this year and not next year,\" Okafor said.\n";
    let idx = NotesIndex::from_files([
        ("draft.txt".to_string(), Some(std::path::PathBuf::from("/desk/draft.txt")), draft.to_string()),
        ("notes/harbour-interview.txt".to_string(), None, INTERVIEW.to_string()),
        ("notes/council-call.txt".to_string(), None, COUNCIL.to_string()),
    ]);
    let quote = "We are not going to close the harbour, not this year and not next year.";
    let skip = idx.file_at(std::path::Path::new("/desk/draft.txt"));
    assert_eq!(skip, Some(0));
    assert_eq!(idx.remembered_match(quote), NotesMatch::Exact { file: "draft.txt".into(), line: 1 });
    assert_eq!(
        idx.remembered_match_skipping(quote, skip),
        NotesMatch::Exact { file: "notes/harbour-interview.txt".into(), line: 4 }
    );
    // Close and absent quotes likewise: only the draft has these words.
    let only_in_draft = "The quay will reopen on the first of May for the ferries.";
    let idx = NotesIndex::from_files([
        ("draft.txt".to_string(), Some(std::path::PathBuf::from("/desk/draft.txt")), format!("\"{only_in_draft}\"\n")),
        ("notes/council-call.txt".to_string(), None, COUNCIL.to_string()),
    ]);
    assert!(matches!(idx.match_quote(only_in_draft), NotesMatch::Exact { .. }));
    assert_eq!(idx.match_quote_skipping("The quay will reopen on the first of June for ferries.", Some(0)), NotesMatch::NotFound);
    assert_eq!(idx.remembered_match_skipping(only_in_draft, Some(0)), NotesMatch::NotFound);
    assert_eq!(idx.file_at(std::path::Path::new("/desk/other.txt")), None);
}
