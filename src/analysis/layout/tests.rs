use super::*;

/// `(kind, text)` of every block.
fn blocks(text: &str, format: Format) -> Vec<(BlockKind, String)> {
    let l = layout(text, format);
    let scan = l.scan_text.as_deref().unwrap_or(text);
    l.blocks
        .iter()
        .map(|b| (b.kind, b.span.text(scan).to_string()))
        .collect()
}

fn body(text: &str, format: Format) -> Vec<String> {
    blocks(text, format)
        .into_iter()
        .filter(|(k, _)| *k == BlockKind::Body)
        .map(|(_, t)| t)
        .collect()
}

use BlockKind::*;

#[test]
fn blank_lines_separate_paragraphs() {
    assert_eq!(
        body(
            "One line.\nStill one.\n\n\nTwo.\r\n\r\nThree.",
            Format::Plain
        ),
        ["One line.\nStill one.", "Two.", "Three."]
    );
}

#[test]
fn wire_indent_starts_a_paragraph_and_wrapped_lines_continue() {
    let text = "The mill said it would close\nin May.\n    Workers said they had\nnot been told.\n    The union\nwill meet.\n";
    assert_eq!(
        body(text, Format::Plain),
        [
            "The mill said it would close\nin May.",
            "Workers said they had\nnot been told.",
            "The union\nwill meet."
        ]
    );
    // A text indented throughout is one paragraph per indent step, not per line.
    assert_eq!(
        body("  First line\n  second line.\n", Format::Plain),
        ["First line\n  second line."]
    );
}

#[test]
fn scraped_page_furniture_and_headline() {
    let text = "All news\nUpdated at:\n\nFarm output falls for a third year\n\nMINSK, May 2. /TASS/. Output fell again.\n\nMore text.\n";
    assert_eq!(
        blocks(text, Format::Plain),
        [
            (Furniture, "All news".into()),
            (Furniture, "Updated at:".into()),
            (Headline, "Farm output falls for a third year".into()),
            (Body, "MINSK, May 2. /TASS/. Output fell again.".into()),
            (Body, "More text.".into()),
        ]
    );
}

#[test]
fn headline_dek_and_byline() {
    let text = "Storm hits coast\n\nThousands lost power as the storm came ashore.\n\nBy Jane Doe and Ann Roe\n\nThe storm came ashore at dawn.\n";
    assert_eq!(
        blocks(text, Format::Plain),
        [
            (Headline, "Storm hits coast".into()),
            (
                Standfirst,
                "Thousands lost power as the storm came ashore.".into()
            ),
            (Byline, "By Jane Doe and Ann Roe".into()),
            (Body, "The storm came ashore at dawn.".into()),
        ]
    );
}

#[test]
fn single_line_paragraphs_ending_inside_quotes_are_story_not_dek() {
    let text = "Mayor quits: 'I am done.'\n\nThe mayor resigned on Monday, telling aides she was “tired.”\n\nShe said, “It is time.”\n";
    assert_eq!(
        blocks(text, Format::Plain),
        [
            (Headline, "Mayor quits: 'I am done.'".into()),
            (
                Body,
                "The mayor resigned on Monday, telling aides she was “tired.”".into()
            ),
            (Body, "She said, “It is time.”".into()),
        ]
    );
}

#[test]
fn furniture_words_at_the_start_of_a_headline_are_not_furniture() {
    let text = "Home loan approvals rise\n\nLenders approved more loans in May.\n";
    assert_eq!(blocks(text, Format::Plain)[0].0, Headline);
    assert!(
        is_furniture("Share") && is_furniture("Updated: 14:05 GMT") && is_furniture("5 min read")
    );
    assert!(!is_furniture("Share prices fell") && !is_furniture("Latest figures show a rise"));
}

#[test]
fn a_one_line_story_is_not_a_headline() {
    assert_eq!(
        body("Talks resumed on Friday.\n", Format::Plain),
        ["Talks resumed on Friday."]
    );
    // A short line glued to the next block by an indent is a table row, not a headline.
    assert_eq!(
        blocks("Acme Corp - New York\n Reuter\n", Format::Plain)[0].0,
        Body
    );
}

#[test]
fn bylines() {
    for yes in [
        "By Jane Doe",
        "**By Jane Doe**",
        "By JANE DOE, Associated Press",
        "By Zoe McGuire / BBC News, Birmingham",
        "by Ann de la Roe",
    ] {
        assert!(is_byline(yes), "{yes}");
    }
    for no in [
        "By Tuesday, the company said it had sold the unit.",
        "Byron Smith won.",
        "By the time we arrived",
    ] {
        assert!(!is_byline(no), "{no}");
    }
}

#[test]
fn headline_glued_above_a_feed_dateline() {
    let text = "Mill to close .\nAnn Roe\nLEEDS 1996-09-01\nThe mill will close .\n";
    assert_eq!(
        blocks(text, Format::Plain),
        [
            (Headline, "Mill to close .".into()),
            (Byline, "Ann Roe".into()),
            (Body, "LEEDS 1996-09-01\nThe mill will close .".into()),
        ]
    );
}

#[test]
fn a_section_label_above_a_glued_headline_is_furniture() {
    let text = "Sports\n\nROWERS WIN FOR ENGLAND\nLEEDS 1996-09-01\nThe crew won .\n";
    assert_eq!(
        blocks(text, Format::Plain),
        [
            (Furniture, "Sports".into()),
            (Headline, "ROWERS WIN FOR ENGLAND".into()),
            (Body, "LEEDS 1996-09-01\nThe crew won .".into()),
        ]
    );
}

#[test]
fn markdown_front_matter_code_comments_and_links_are_not_prose() {
    let text = "---\ntitle: \"Draft\"\n---\n# Mill to close\n\n<!-- editor: check -->\nThe [mill](https://example.com/a_(b)) said `code` here.\n\n```\nlet x = \"quoted\";\n```\n\n    indented code\n\nLast <b>word</b>.\n[1]: https://example.com\n";
    let l = layout(text, Format::Markdown);
    let scan = l.scan_text.clone().unwrap();
    assert_eq!(scan.len(), text.len());
    assert!(!scan.contains("title") && !scan.contains("editor") && !scan.contains("example.com"));
    assert!(
        !scan.contains("quoted")
            && !scan.contains("indented")
            && !scan.contains("code")
            && !scan.contains("<b>")
    );
    assert_eq!(
        blocks(text, Format::Markdown)
            .into_iter()
            .filter(|(k, _)| *k != Body)
            .collect::<Vec<_>>(),
        [(Headline, "# Mill to close".into())]
    );
    let bodies = body(text, Format::Markdown);
    assert!(
        bodies[0].trim_start().starts_with("The [mill]"),
        "{bodies:?}"
    );
    assert!(bodies.iter().any(|b| b.starts_with("Last")));
}

#[test]
fn markdown_headings_dek_and_crossheads() {
    let text = "# Mill to close\n*Jobs go as orders dry up*\n\n**By Jane Doe**\n\nThe mill will close.\n\n## What next\n\nTalks go on.\n";
    assert_eq!(
        blocks(text, Format::Markdown),
        [
            (Headline, "# Mill to close".into()),
            (Standfirst, "*Jobs go as orders dry up*".into()),
            (Byline, "**By Jane Doe**".into()),
            (Body, "The mill will close.".into()),
            (Heading, "## What next".into()),
            (Body, "Talks go on.".into()),
        ]
    );
}

#[test]
fn markdown_list_items_are_blocks() {
    assert_eq!(
        body("Points:\n- one\n- two\n1. three\n", Format::Markdown),
        ["Points:", "- one", "- two", "1. three"]
    );
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "\n\n\n",
        "   ",
        "#",
        "---\n",
        "```",
        "é\u{301}\n\n—",
        "By ",
        "<!--",
        "[x](",
        "\t\tx\n y",
        "*\n**\n",
    ] {
        for format in [Format::Plain, Format::Markdown] {
            let l = layout(text, format);
            for b in &l.blocks {
                assert!(b.span.end as usize <= text.len());
                assert!(
                    text.is_char_boundary(b.span.start as usize)
                        && text.is_char_boundary(b.span.end as usize)
                );
            }
        }
    }
}

mod never_panics {
    use proptest::prelude::*;

    use crate::analysis::{analyze, layout::Format};

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn on_wire_like_text(text in "([A-Z]{1,8}|[a-z]{1,6}|[0-9]{1,4}|By |\\(AP\\)|/TASS/|[ ,.\\-—–/()*_#`<>!\\[\\]:'’\"“”é\u{301}\t]|\n|\r\n|\n\n|    ){0,60}") {
            for format in [Format::Plain, Format::Markdown] {
                let a = analyze(&text, format);
                for b in &a.blocks {
                    prop_assert!(text.is_char_boundary(b.span.start as usize) && text.is_char_boundary(b.span.end as usize));
                    prop_assert!(b.span.start <= b.span.end && b.span.end as usize <= text.len());
                }
                for w in a.blocks.windows(2) {
                    prop_assert!(w[0].span.end <= w[1].span.start, "blocks overlap or are out of order: {:?}", a.blocks);
                }
                if let Some(d) = &a.dateline {
                    prop_assert!(d.span.end as usize <= text.len());
                    for p in &d.problems {
                        prop_assert!(text.is_char_boundary(p.span.start as usize) && text.is_char_boundary(p.span.end as usize));
                    }
                }
            }
        }
    }
}

#[test]
fn re_scanning_around_edits_gives_the_fresh_layout() {
    // Pieces that make and join blocks: blank lines, indents (wire copy), white-space-only lines,
    // CR LF, a dateline and a byline near the top, a byte order mark.
    const PIECES: &[&str] = &["\n", "\n\n", "  ", "\t", " \n", "\r\n", "word ", "MOSCOW, June 3 (TASS) - ", "By Ann Lee\n", "\u{FEFF}", "x"];
    let mut text = String::from("HEADLINE HERE\n\nBy Ann Lee\n\n");
    for i in 0..30 {
        text.push_str(["Body one.\n\n", "  Wire line\n  wrapped\n    indented\n", "A\nB\n\n\n", " \n\n"][i % 4]);
    }
    let mut memo = LayoutMemo::default();
    let mut edits = crate::analysis::random_edits::RandomEdits::new(0x2545_F491_4F6C_DD1D);
    for i in 0..600 {
        let before = text.clone();
        let reported = edits.cut_or_insert(&mut text, PIECES, 10);
        let shared: std::sync::Arc<String> = std::sync::Arc::new(text.clone());
        // Every other edit as an editor reports it, which may understate what it left alone: what
        // the layout makes of it is what comparing the texts finds.
        let (warm, unchanged) = memo.layout(&shared, Format::Plain, (i % 2 == 0).then_some(reported));
        if !before.starts_with('\u{FEFF}') && !text.starts_with('\u{FEFF}') && i > 0 {
            assert_eq!(unchanged, Some(crate::analysis::Unchanged::between(&before, &text)), "{before:?} -> {text:?}");
        }
        let fresh = layout(&text, Format::Plain);
        assert_eq!(warm.blocks, fresh.blocks, "{before:?} -> {text:?}");
        assert_eq!(warm.scan_text, fresh.scan_text, "{text:?}");
    }
}
