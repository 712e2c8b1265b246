//! Editor settings (`workspace/configuration`, section `copydesk`) mapped onto [`Config`].
//!
//! ```json
//! { "rules": { "missing-dateline": "off", "unattributed-quote": "error" },
//!   "dateline": "required",
//!   "languages": ["text", "asciidoc"] }
//! ```
//! Unknown keys and bad values are ignored (with a warning), never an error.

use serde_json::Value;

use crate::config::{Config, DatelinePolicy, RuleLevel};

/// The languageIds analysed without any configuration. `text` is what Neovim sends for `.txt`
/// files (it sends the filetype as the languageId).
pub const DEFAULT_LANGUAGES: &[&str] = &["plaintext", "text", "markdown"];

#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub config: Config,
    /// Extra languageIds to analyse, beyond [`DEFAULT_LANGUAGES`].
    pub extra_languages: Vec<String>,
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
            for (code, level) in rules {
                if crate::rules::rule_by_code(code).is_none() {
                    warnings.push(format!("copydesk.rules: no rule named `{code}`"));
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
    fn null_gives_defaults() {
        let (s, warnings) = Settings::from_json(&Value::Null);
        assert!(s.same_as(&Settings::default()) && warnings.is_empty());
    }
}
