//! Editor settings (`workspace/configuration`, section `copydesk`) mapped onto [`Config`].
//!
//! ```json
//! { "rules": { "missing-dateline": "off", "unattributed-quote": "error" },
//!   "dateline": "required",
//!   "languages": ["text", "asciidoc"],
//!   "notes": { "sources": ["~/interviews/**/*.txt"], "onlyAtStart": false } }
//! ```
//! Unknown keys and bad values are ignored (with a warning), never an error.
//!
//! `notes.sources` are the user's own notes patterns, read wherever they point (as those of the
//! user's `~/.config/copydesk/copydesk.toml`, unlike a repository's `[quotes] sources`): an
//! absolute path, `~/...`, or relative to the workspace folder. An editor must therefore take
//! them from the user's settings only (the VS Code extension declares the setting `machine`
//! scoped, so a repository's `.vscode/settings.json` cannot set it).

use serde_json::Value;

use crate::config::glob::Glob;
use crate::config::{Config, DatelinePolicy, RuleLevel};

/// At most this many editor notes patterns are read: they are typed by hand.
pub const MAX_NOTES_SOURCES: usize = 64;

/// The languageIds analysed without any configuration. `text` is what Neovim sends for `.txt`
/// files (it sends the filetype as the languageId).
pub const DEFAULT_LANGUAGES: &[&str] = &["plaintext", "text", "markdown"];

#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub config: Config,
    /// Extra languageIds to analyse, beyond [`DEFAULT_LANGUAGES`].
    pub extra_languages: Vec<String>,
    /// `notes.sources`: the user's notes patterns, `~/` expanded.
    pub notes_sources: Vec<Glob>,
    /// `notes.onlyAtStart`: in `initializationOptions`, the client asks that later settings
    /// never change `notes.sources` (its workspace settings may come from the repository).
    pub notes_only_at_start: bool,
}

impl Settings {
    /// Reads a `copydesk` settings object. `null` or a non-object gives the defaults.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let mut settings = Settings::default();
        let mut warnings = Vec::new();
        let Some(obj) = value.as_object() else {
            return (settings, warnings);
        };
        if let Some(rules) = obj.get("rules").and_then(Value::as_object) {
            let mut unknown = SkippedEntries::new("copydesk.rules");
            for (code, level) in rules {
                if crate::rules::rule_by_code(code).is_none() {
                    unknown.note(
                        || format!("no rule named `{}`", shorten(code)),
                        &mut warnings,
                    );
                    continue;
                }
                match level.as_str().and_then(RuleLevel::parse) {
                    Some(level) => {
                        settings.config.rules.insert(code.clone(), level);
                    }
                    None => warnings.push(format!(
                        "copydesk.rules.{code}: expected error, warning, info, hint or off"
                    )),
                }
            }
            unknown.finish(&mut warnings);
        }
        if let Some(policy) = obj.get("dateline") {
            match policy.as_str().and_then(DatelinePolicy::parse) {
                Some(p) => settings.config.dateline = p,
                None => warnings.push("copydesk.dateline: expected auto, required or off".into()),
            }
        }
        if let Some(langs) = obj.get("languages").and_then(Value::as_array) {
            settings.extra_languages = langs
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
        }
        settings.notes_sources = notes_sources(obj, &mut warnings);
        settings.notes_only_at_start = obj
            .get("notes")
            .and_then(|n| n.get("onlyAtStart"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        (settings, warnings)
    }

    pub fn analyses_language(&self, language_id: &str) -> bool {
        DEFAULT_LANGUAGES.contains(&language_id)
            || self.extra_languages.iter().any(|l| l == language_id)
    }

    /// Whether two settings would give the same diagnostics.
    pub fn same_as(&self, other: &Settings) -> bool {
        self.config.rules == other.config.rules
            && self.config.dateline == other.config.dateline
            && self.extra_languages == other.extra_languages
    }
}

/// `notes.sources` (or a flat `"notes.sources"` key, as some clients send dotted names).
fn notes_sources(obj: &serde_json::Map<String, Value>, warnings: &mut Vec<String>) -> Vec<Glob> {
    let list = obj
        .get("notes")
        .and_then(|n| n.get("sources"))
        .or_else(|| obj.get("notes.sources"));
    let Some(list) = list else {
        return Vec::new();
    };
    let Some(items) = list.as_array() else {
        warnings.push("copydesk.notes.sources: expected a list of path patterns".into());
        return Vec::new();
    };
    let mut globs: Vec<Glob> = Vec::new();
    let mut skipped = SkippedEntries::new("copydesk.notes.sources");
    for item in items {
        let Some(pattern) = item.as_str() else {
            skipped.note(
                || format!("`{}` is not a string", shorten(&item.to_string())),
                warnings,
            );
            continue;
        };
        if globs.len() == MAX_NOTES_SOURCES {
            warnings.push(format!(
                "copydesk.notes.sources: only the first {MAX_NOTES_SOURCES} patterns are read"
            ));
            break;
        }
        match Glob::parse(&expand_home(pattern)) {
            Ok(glob) if !globs.contains(&glob) => globs.push(glob),
            Ok(_) => {}
            Err(why) => skipped.note(|| format!("`{}`: {why}", shorten(pattern)), warnings),
        }
    }
    skipped.finish(warnings);
    globs
}

/// How many skipped entries of one setting are named one by one in warnings: a settings list of a
/// million numbers (or an object of a million unknown rules) must give a few log lines, not a million.
const MAX_ENTRY_WARNINGS: usize = 5;

/// The entries of one list or object setting that were skipped: the first few are named, the rest
/// counted in one line.
struct SkippedEntries {
    setting: &'static str,
    count: usize,
}

impl SkippedEntries {
    fn new(setting: &'static str) -> Self {
        SkippedEntries { setting, count: 0 }
    }

    fn note(&mut self, why: impl FnOnce() -> String, warnings: &mut Vec<String>) {
        self.count += 1;
        if self.count <= MAX_ENTRY_WARNINGS {
            warnings.push(format!("{}: {}", self.setting, why()));
        }
    }

    fn finish(self, warnings: &mut Vec<String>) {
        if self.count > MAX_ENTRY_WARNINGS {
            let more = self.count - MAX_ENTRY_WARNINGS;
            warnings.push(format!(
                "{}: {more} more entries were skipped for the same reasons",
                self.setting
            ));
        }
    }
}

/// A setting's text as a warning quotes it: at most 80 characters.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// `~/notes` -> `$HOME/notes` (editors' settings are not expanded by a shell).
fn expand_home(pattern: &str) -> String {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    match (pattern.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => {
            format!("{}/{rest}", home.to_string_lossy().trim_end_matches('/'))
        }
        _ => pattern.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;
    use serde_json::json;

    #[test]
    fn reads_rule_levels_policy_and_languages() {
        let (s, warnings) = Settings::from_json(&json!({
            "rules": {"missing-dateline": "off", "unattributed-quote": "error", "no-such-rule": "off"},
            "dateline": "required",
            "languages": ["asciidoc"]
        }));
        assert_eq!(
            s.config.rule_level("missing-dateline"),
            Some(RuleLevel::Off)
        );
        assert_eq!(
            s.config.rule_level("unattributed-quote"),
            Some(RuleLevel::Severity(Severity::Error))
        );
        assert_eq!(s.config.dateline, DatelinePolicy::Required);
        assert!(s.analyses_language("asciidoc") && s.analyses_language("markdown"));
        assert!(s.analyses_language("text") && s.analyses_language("plaintext"));
        assert!(!s.analyses_language("rust"));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn reads_notes_sources_nested_or_dotted() {
        let (s, warnings) = Settings::from_json(&json!({
            "notes": {"sources": ["/srv/notes/*.txt", "calls/{a,b}.md", "/srv/notes/*.txt", 3, "  "]}
        }));
        let patterns: Vec<&str> = s.notes_sources.iter().map(Glob::as_str).collect();
        assert_eq!(patterns, ["/srv/notes/*.txt", "calls/{a,b}.md"]);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        let (s, _) = Settings::from_json(&json!({"notes.sources": ["/srv/a/*.txt"]}));
        assert_eq!(s.notes_sources.len(), 1);
        assert!(!s.notes_only_at_start);
        let (s, _) = Settings::from_json(&json!({"notes": {"sources": [], "onlyAtStart": true}}));
        assert!(s.notes_only_at_start);
        let (s, warnings) = Settings::from_json(&json!({"notes": {"sources": "/srv/a/*.txt"}}));
        assert!(s.notes_sources.is_empty() && warnings.len() == 1);
    }

    #[test]
    fn a_tilde_is_the_home_folder() {
        let home = std::env::var("HOME").unwrap_or_default();
        if home.is_empty() {
            return;
        }
        assert_eq!(
            expand_home("~/notes/*.txt"),
            format!("{}/notes/*.txt", home.trim_end_matches('/'))
        );
        assert_eq!(expand_home("notes/~/x"), "notes/~/x");
    }

    /// Any JSON a client (or a workspace's editor configuration) may send, shaped so that the keys
    /// the settings reader looks for turn up often.
    fn any_settings() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let key = prop_oneof![
            Just("rules".to_string()),
            Just("dateline".to_string()),
            Just("languages".to_string()),
            Just("notes".to_string()),
            Just("notes.sources".to_string()),
            Just("sources".to_string()),
            Just("onlyAtStart".to_string()),
            Just("quote-punctuation".to_string()),
            "[a-z~/*. -]{0,12}",
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<f64>().prop_map(|f| json!(f)),
            any::<i64>().prop_map(Value::from),
            "(~/|/|\\.\\./)?[a-z*?\\[\\]{}/.]{0,16}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 200, 80, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..80).prop_map(Value::Array),
                proptest::collection::vec((key.clone(), inner), 0..8)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn any_json_is_read_without_panicking_and_within_its_bounds(value in any_settings()) {
            let (s, warnings) = Settings::from_json(&value);
            proptest::prop_assert!(s.notes_sources.len() <= MAX_NOTES_SOURCES);
            proptest::prop_assert!(warnings.len() <= 64, "{} warnings", warnings.len());
            if !value.is_object() {
                proptest::prop_assert!(s.same_as(&Settings::default()) && s.notes_sources.is_empty());
            }
        }
    }

    #[test]
    fn a_long_list_of_bad_entries_gives_a_few_warnings() {
        let mut list: Vec<Value> = (0..10_000).map(Value::from).collect();
        list.push(json!("[unclosed"));
        list.push(json!({ "deep": ["x".repeat(500)] }));
        list.push(json!("~/notes/*.md"));
        let (s, warnings) = Settings::from_json(&json!({ "notes": { "sources": list } }));
        assert_eq!(s.notes_sources.len(), 1);
        assert_eq!(warnings.len(), MAX_ENTRY_WARNINGS + 1, "{warnings:?}");
        assert_eq!(warnings[0], "copydesk.notes.sources: `0` is not a string");
        assert_eq!(
            warnings[MAX_ENTRY_WARNINGS],
            "copydesk.notes.sources: 9997 more entries were skipped for the same reasons"
        );
        assert!(
            warnings.iter().all(|w| w.chars().count() < 140),
            "{warnings:?}"
        );
    }

    #[test]
    fn many_unknown_rules_give_a_few_warnings() {
        let rules: serde_json::Map<String, Value> = (0..1_000)
            .map(|i| (format!("no-such-rule-{i:04}"), json!("off")))
            .collect();
        let (_s, warnings) = Settings::from_json(&json!({ "rules": rules }));
        assert_eq!(warnings.len(), MAX_ENTRY_WARNINGS + 1, "{warnings:?}");
        assert_eq!(
            warnings[0],
            "copydesk.rules: no rule named `no-such-rule-0000`"
        );
        assert_eq!(
            warnings[MAX_ENTRY_WARNINGS],
            "copydesk.rules: 995 more entries were skipped for the same reasons"
        );
    }

    #[test]
    fn null_gives_defaults() {
        let (s, warnings) = Settings::from_json(&Value::Null);
        assert!(s.same_as(&Settings::default()) && warnings.is_empty());
    }
}
