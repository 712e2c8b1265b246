//! The writer-facing features, through the real binary: hover cards, inlay hints, code actions,
//! outline, navigation, rename, semantic tokens and the code lens.
//!
//! The fixture drafts are ours; the expected results are what a correct extractor gives.

#[path = "lsp/harness.rs"]
mod harness;

use harness::*;
use serde_json::{json, Value};

use copydesk::analysis::{analyze, layout::Format};
use copydesk::config::Config;

const URI: &str = "file:///drafts/petrova.txt";

/// One named source quoted twice, the second time through a pronoun.
const PETROVA: &str = "\
MOSCOW, March 3 (AP) — Foreign Minister Anna Petrova said on Tuesday that talks with Kyiv would resume next week.

\"We are ready to meet at any time,\" Petrova told reporters.

\"The door remains open,\" she said.

Petrova added that no date had been set.
";

fn open(text: &str) -> Lsp {
    let mut lsp = Lsp::start();
    lsp.open(URI, text);
    lsp.diagnostics(URI, 1);
    lsp
}

fn at(line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": URI}, "position": pos(line, character)})
}

fn hover_text(lsp: &mut Lsp, line: u32, character: u32) -> String {
    let h = lsp.hover(URI, line, character);
    h["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("no hover at {line}:{character}: {h}"))
        .to_string()
}

/// Every quick fix the server offers for every diagnostic, each applied to the text on its own.
fn texts_after_lsp_fixes(lsp: &mut Lsp, text: &str) -> Vec<String> {
    let diags = lsp.pull_diagnostics(URI);
    let mut out = Vec::new();
    for d in &diags {
        let actions = lsp.call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d]}}),
        );
        for a in actions.as_array().unwrap() {
            if a["diagnostics"][0] != *d {
                continue;
            }
            let edits = a["edit"]["changes"][URI].as_array().unwrap();
            out.push(apply_edits(text, edits, false));
        }
    }
    out.sort();
    out
}

/// The same, straight from the core's findings.
fn texts_after_core_fixes(text: &str) -> Vec<String> {
    let analysis = analyze(text, Format::Plain);
    let mut out = Vec::new();
    for f in copydesk::rules::check(&analysis, &Config::default()) {
        for fix in &f.fixes {
            let mut t = text.to_string();
            let mut edits = fix.edits.clone();
            edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
            for e in edits {
                t.replace_range(e.span.range(), &e.replacement);
            }
            out.push(t);
        }
    }
    out.sort();
    out
}

#[test]
fn code_actions_apply_exactly_what_the_rules_propose() {
    // Multi-byte text before and inside the fixed spans, CRLF line ends, unbalanced marks.
    let drafts = [
        PETROVA,
        "Café owners in 東京 said \"prices will rise.\n\nThe ministry declined to comment.\n",
        "😀 Talks resumed.\r\n\r\n\"We will rebuild,\" the mayor said. The money is there.\"\r\n",
        "Officials said talks would resume.\n",
    ];
    for text in drafts {
        let mut lsp = open(text);
        let from_lsp = texts_after_lsp_fixes(&mut lsp, text);
        assert_eq!(from_lsp, texts_after_core_fixes(text), "{text:?}");
    }
}

#[test]
fn the_dateline_template_fix_inserts_exactly_the_template() {
    let text = "Officials said talks would resume.\n";
    let mut lsp = open(text);
    let diags = lsp.pull_diagnostics(URI);
    let d = diags
        .iter()
        .find(|d| d["code"] == "missing-dateline")
        .unwrap();
    let actions = lsp.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range(0, 3, 0, 3), "context": {"diagnostics": [d]}}),
    );
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let edits = fix["edit"]["changes"][URI].as_array().unwrap();
    assert_eq!(
        apply_edits(text, edits, false),
        "CITY (AP) — Officials said talks would resume.\n"
    );
}

#[test]
fn no_code_actions_away_from_findings() {
    let mut lsp = open("Officials said talks would resume.\n\nMore text follows here.\n");
    let actions = lsp.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range(2, 5, 2, 6), "context": {"diagnostics": []}}),
    );
    assert_eq!(actions, json!([]));
}

#[test]
fn code_lens_counts_quotes_and_sources_on_a_draft_without_quotes() {
    let mut lsp = open("Officials said talks would resume.\n");
    let lenses = lsp.call(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(lenses[0]["range"], range(0, 0, 0, 0));
    assert_eq!(
        lenses[0]["command"]["title"],
        "0 quotes · 0 named sources · 0 anonymous"
    );
}

#[test]
fn hover_on_plain_words_is_empty() {
    let mut lsp = open("Officials said talks would resume.\n");
    assert!(lsp.hover(URI, 0, 12).is_null());
}

#[test]
fn code_lens_counts_quotes_and_sources() {
    let mut lsp = open(PETROVA);
    let lenses = lsp.call(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(
        lenses[0]["command"]["title"],
        "2 quotes · 1 named source (1 woman) · 0 anonymous"
    );
}

/// Three named people (a woman by her pronoun, a man by his honorific, one the draft leaves
/// unknown), an unnamed official and a group.
const INVENTORY: &str = "\
Port reopens after strike

\"We are open again,\" said Lina Sorel, the harbour master. She thanked the crews.

\"The deal is fair,\" said union leader Marek Dubas. \"We got what we asked.\"

\"Cargo will be late for weeks,\" Mr. Dubas said.

\"I lost a month of pay,\" said Ravi Kestrel.

\"Nothing is settled,\" a city official said.

\"We will watch closely,\" residents said.
";

#[test]
fn code_lens_counts_sources_by_gender_and_runs_the_sources_list() {
    let mut lsp = open(INVENTORY);
    let lenses = lsp.call("textDocument/codeLens", json!({"textDocument": {"uri": URI}}));
    let command = &lenses[0]["command"];
    assert_eq!(
        command["title"],
        "7 quotes · 3 named sources (1 woman, 1 man, 1 unknown) · 1 anonymous · 1 group"
    );
    assert_eq!(command["command"], "copydesk.listSources");
    let list = lsp.call(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    let lines: Vec<&str> = list["text"].as_str().unwrap().lines().collect();
    assert_eq!(lines[0], command["title"]);
    assert_eq!(lines[1], "Marek Dubas (person, male): 3 quotes, 15 words");
    assert!(lines.contains(&"a city official (unnamed): 1 quote, 3 words"), "{lines:?}");
    assert_eq!(list["sources"][0]["name"], "Lina Sorel");
    // The list is shown to the writer too.
    let shown = lsp.wait_for(|m| m["method"] == "window/showMessage", "the sources list shown");
    assert_eq!(shown["params"]["message"], list["text"]);
}

#[test]
fn an_unknown_command_is_an_error() {
    let mut lsp = open(INVENTORY);
    let reply = lsp.request("workspace/executeCommand", json!({"command": "copydesk.nope", "arguments": []}));
    assert!(reply.get("error").is_some(), "{reply}");
    let reply = lsp.request("workspace/executeCommand", json!({"command": "copydesk.listSources", "arguments": []}));
    assert!(reply.get("error").is_some(), "{reply}");
}

#[test]
fn the_person_card_shows_gender_and_its_evidence() {
    let mut lsp = open(INVENTORY);
    let (line, col) = find(INVENTORY, "Lina Sorel", 0);
    let card = hover_text(&mut lsp, line, col + 1);
    assert!(card.contains("*Gender:* female (pronoun “She”, line 3)"), "{card}");
    let (line, col) = find(INVENTORY, "Ravi Kestrel", 0);
    let card = hover_text(&mut lsp, line, col + 1);
    assert!(card.contains("*Gender:* unknown (nothing in the draft or the newsroom list shows it)"), "{card}");
}

#[test]
fn hover_on_a_name_shows_the_entity_card() {
    let mut lsp = open(PETROVA);
    let (line, col) = find(PETROVA, "Petrova told", 0);
    let card = hover_text(&mut lsp, line, col + 2);
    assert!(card.contains("**Anna Petrova** · person"), "{card}");
    assert!(card.contains("Foreign Minister (line 1)"), "{card}");
    // Spellings are the name as written; a pronoun is a reference, listed apart.
    assert!(card.contains("*Spellings:* Anna Petrova, Petrova\n"), "{card}");
    assert!(card.contains("*Referred to as:* she\n"), "{card}");
    assert!(card.contains("*Quotes:* 2"), "{card}");
    assert!(
        card.contains("line 3: “We are ready to meet at…”"),
        "{card}"
    );
    assert!(card.contains("*Cue verbs:* told, said"), "{card}");
}

#[test]
fn hover_on_a_pronoun_shows_the_same_card() {
    let mut lsp = open(PETROVA);
    let (line, col) = find(PETROVA, "she said", 0);
    let on_pronoun = lsp.hover(URI, line, col + 1);
    let (line, col) = find(PETROVA, "Petrova told", 0);
    let on_name = lsp.hover(URI, line, col + 1);
    assert_eq!(on_pronoun["contents"], on_name["contents"]);
    assert_eq!(on_pronoun["range"], range(4, 25, 4, 28));
}

#[test]
fn hover_on_a_quote_says_who_and_how() {
    let mut lsp = open(PETROVA);
    let (line, col) = find(PETROVA, "door", 0);
    let card = hover_text(&mut lsp, line, col);
    assert!(card.contains("*Said by:* Anna Petrova"), "{card}");
    assert!(
        card.contains("“she” → Anna Petrova, first named on line 1"),
        "{card}"
    );
    assert!(card.contains("*Cue:* said"), "{card}");
}

#[test]
fn hover_on_the_dateline_lists_its_parts() {
    let mut lsp = open(PETROVA);
    let card = hover_text(&mut lsp, 0, 2);
    for part in ["*City:* MOSCOW", "*Date:* March 3", "*Agency:* AP"] {
        assert!(card.contains(part), "{part} missing from {card}");
    }
}

#[test]
fn hover_falls_back_to_plain_text() {
    let mut lsp = Lsp::spawn_with_env(&[]);
    lsp.initialize(json!({"textDocument": {"hover": {"contentFormat": ["plaintext"]}}}));
    lsp.open(URI, PETROVA);
    let (line, col) = find(PETROVA, "door", 0);
    let h = lsp.hover(URI, line, col);
    assert_eq!(h["contents"]["kind"], "plaintext");
    assert!(h["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("Said by: Anna Petrova"));
}

#[test]
fn inlay_hint_names_the_speaker_behind_a_pronoun_only() {
    let mut lsp = open(PETROVA);
    let hints = lsp.call(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": URI}, "range": range(0, 0, 8, 0)}),
    );
    let hints = hints.as_array().unwrap();
    assert_eq!(hints.len(), 1, "{hints:?}");
    // After the closing mark of `"The door remains open,"`.
    assert_eq!(hints[0]["position"], pos(4, 24));
    assert_eq!(hints[0]["label"], "— Petrova");
}

#[test]
fn rename_changes_name_mentions_only() {
    let mut lsp = open(PETROVA);
    let (line, col) = find(PETROVA, "Petrova told", 0);
    let prepared = lsp.call("textDocument/prepareRename", at(line, col));
    assert_eq!(prepared, range(line, col, line, col + 7));
    let mut params = at(line, col);
    params["newName"] = json!("Irina Volkova");
    let edit = lsp.call("textDocument/rename", params);
    let renamed = apply_edits(PETROVA, edit["changes"][URI].as_array().unwrap(), false);
    let expected = PETROVA
        .replace("Anna Petrova", "Irina Volkova")
        .replace("Petrova", "Volkova");
    assert_eq!(renamed, expected);
    assert!(renamed.contains("\"The door remains open,\" she said."));
    // No rename on a pronoun.
    let (line, col) = find(PETROVA, "she said", 0);
    assert!(lsp
        .call("textDocument/prepareRename", at(line, col))
        .is_null());
}

#[test]
fn references_definition_and_highlights_follow_every_mention() {
    let mut lsp = open(PETROVA);
    let (line, col) = find(PETROVA, "she said", 0);
    let refs = lsp.call("textDocument/references", json!({"textDocument": {"uri": URI}, "position": pos(line, col), "context": {"includeDeclaration": true}}));
    let words: Vec<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| text_in(PETROVA, &l["range"], false))
        .collect();
    assert_eq!(words, ["Anna Petrova", "Petrova", "she", "Petrova"]);
    let def = lsp.call("textDocument/definition", at(line, col));
    assert_eq!(text_in(PETROVA, &def["range"], false), "Anna Petrova");
    assert_eq!(def["range"]["start"]["line"], 0);
    let highlights = lsp.call("textDocument/documentHighlight", at(line, col));
    assert_eq!(highlights.as_array().unwrap().len(), 4);
}

#[test]
fn outline_lists_dateline_then_sources_with_their_quotes() {
    let mut lsp = open(PETROVA);
    let symbols = lsp.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let symbols = symbols.as_array().unwrap();
    assert_eq!(symbols[0]["name"], "Dateline: MOSCOW");
    assert_eq!(symbols[1]["name"], "Anna Petrova");
    let quotes: Vec<&str> = symbols[1]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        quotes,
        [
            "“We are ready to meet at any time,”",
            "“The door remains open,”"
        ]
    );
    // Other entities (Kyiv) come after the sources.
    assert!(symbols[2..].iter().any(|s| s["name"] == "Kyiv"));
}

#[test]
fn semantic_tokens_mark_quotes_speakers_and_cues() {
    let mut lsp = open(PETROVA);
    let tokens = lsp.call(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": URI}}),
    );
    let data: Vec<u32> = tokens["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as u32)
        .collect();
    // Decode the relative form into (line, col, len, type).
    let mut absolute = Vec::new();
    let (mut line, mut col) = (0, 0);
    for t in data.chunks(5) {
        line += t[0];
        col = if t[0] == 0 { col + t[1] } else { t[1] };
        absolute.push((line, col, t[2], t[3]));
    }
    const STRING: u32 = 0;
    const SPEAKER: u32 = 1;
    const CUE: u32 = 2;
    assert!(absolute.contains(&(2, 0, 35, STRING)), "{absolute:?}");
    assert!(absolute.contains(&(2, 36, 7, SPEAKER)), "{absolute:?}");
    assert!(absolute.contains(&(2, 44, 4, CUE)), "{absolute:?}");
    assert!(absolute.contains(&(4, 25, 3, SPEAKER)), "{absolute:?}");
}

#[test]
fn the_unbalanced_quote_fix_closes_the_quote() {
    let text = "\"We will rebuild, the mayor said on Monday.\n";
    let mut lsp = open(text);
    let diags = lsp.pull_diagnostics(URI);
    let d = diags
        .iter()
        .find(|d| d["code"] == "unbalanced-quote")
        .expect("unbalanced-quote");
    let actions = lsp.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let preferred = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap();
    let fixed = apply_edits(
        text,
        preferred["edit"]["changes"][URI].as_array().unwrap(),
        false,
    );
    assert_eq!(fixed, "\"We will rebuild, the mayor said on Monday.\"\n");
}

/// Applies the preferred quick fix of the first `code` diagnostic.
fn apply_preferred_fix(text: &str, code: &str) -> String {
    let mut lsp = open(text);
    let diags = lsp.pull_diagnostics(URI);
    let d = diags
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:?}"));
    let actions = lsp.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let preferred = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true && a["diagnostics"][0] == *d)
        .expect("a preferred fix");
    apply_edits(
        text,
        preferred["edit"]["changes"][URI].as_array().unwrap(),
        false,
    )
}

#[test]
fn the_attribution_template_fix_follows_the_quote() {
    let text = "MOSCOW (AP) — The ministry issued a statement on Friday about the talks.\n\n\
\"We will not accept these 😀 terms under any circumstances whatsoever.\"\n\n\
The talks are set to resume next week.\n";
    let expected = "MOSCOW (AP) — The ministry issued a statement on Friday about the talks.\n\n\
\"We will not accept these 😀 terms under any circumstances whatsoever,\" SPEAKER said.\n\n\
The talks are set to resume next week.\n";
    assert_eq!(apply_preferred_fix(text, "unattributed-quote"), expected);
}

#[test]
fn the_malformed_dateline_fixes_correct_the_dateline() {
    let text =
        "Moscow, March 3 (AP) -- The ministry issued a statement on Friday about the talks.\n";
    let fixed = apply_preferred_fix(text, "malformed-dateline");
    assert_eq!(
        fixed,
        "MOSCOW, March 3 (AP) -- The ministry issued a statement on Friday about the talks.\n"
    );
    let text =
        "MOSCOW, March 3 (AP) -- The ministry issued a statement on Friday about the talks.\n";
    let fixed = apply_preferred_fix(text, "malformed-dateline");
    assert_eq!(
        fixed,
        "MOSCOW, March 3 (AP) — The ministry issued a statement on Friday about the talks.\n"
    );
}
