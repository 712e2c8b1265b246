//! Feeds arbitrary text to the configuration readers: `copydesk.toml` (and its error messages,
//! which quote the file), the notes `sources` patterns, and the editor's JSON settings. None may
//! panic, and a configuration that parses must check a draft without panicking.
//!
//!     cargo +nightly fuzz run config

#![no_main]

use copydesk::analysis::analyze;
use copydesk::analysis::layout::Format;
use copydesk::config::file::parse_toml;
use copydesk::config::glob::Glob;
use copydesk::lsp::settings::Settings;
use copydesk::rules;
use libfuzzer_sys::fuzz_target;

const DRAFT: &str = "BERLIN, May 6 (AP) — Finance Minister Karl Weber said on Monday that the budget would pass.\n\n\"We have the votes,\" Weber told reporters.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse_toml(text) {
        Ok(config) => {
            rules::check(&analyze(DRAFT, Format::Plain), &config);
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
    for line in text.lines() {
        if let Ok(glob) = Glob::parse(line) {
            let components: Vec<&str> = line.split('/').collect();
            for alternative in glob.alternatives() {
                let _ = alternative.matches(&components);
                let _ = alternative.may_enter(&components);
            }
        }
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let _ = Settings::from_json(&value);
    }
});
