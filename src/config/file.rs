//! `copydesk.toml`: the newsroom's settings in a file it can commit.
//!
//! ```toml
//! [style]
//! profile = "ap"            # ap, reuters, tass or none
//! [dateline]
//! policy = "required"       # auto, required or off
//! agency = "AP"
//! [rules]
//! unattributed-quote = "error"
//! missing-dateline = "off"
//! [[people]]
//! name = "Sergei Lavrov"
//! aliases = ["Sergey Lavrov"]
//! title = "Foreign Minister"
//! description = "Russia's foreign minister since 2004"
//! link = "https://example.org/lavrov"
//! [quotes]
//! style = "american"        # auto, american or british
//! sources = ["notes/*.txt"] # the reporter's notes, relative to this file's folder
//! [sources]
//! gender_from_given_names = false   # guess from census given-name counts (off by default)
//! goal = { women = 0.5, named = 3 } # the `source-goal` rule: off unless set
//! ```
//! `[[people]]` also takes `gender = "female"` (female, male or unknown): what the person said
//! about themselves, for the source inventory. `[[organizations]]` and `[[places]]` take the same
//! keys otherwise. Unknown keys, rule codes and values
//! are errors with a line and column: a typo in a shared file should not pass silently.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::glob::Glob;
use super::{Config, DatelinePolicy, KnownEntry, QuoteStyle, RuleLevel, StyleProfile};
use crate::analysis::sources::Gender;

/// Why a configuration file was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    /// Byte range in the file, when the error has a place.
    pub span: Option<Range<usize>>,
    /// 1-based line and column (in characters) of the start of `span`; 1:1 without one.
    pub line: usize,
    pub column: usize,
}

impl ConfigError {
    fn new(text: &str, message: impl Into<String>, span: Option<Range<usize>>) -> ConfigError {
        let (line, column) = span
            .as_ref()
            .map_or((1, 1), |s| line_column(text, s.start));
        ConfigError {
            message: message.into(),
            span,
            line,
            column,
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    style: RawStyle,
    #[serde(default)]
    dateline: RawDateline,
    #[serde(default)]
    rules: toml::Table,
    #[serde(default)]
    people: Vec<RawEntry>,
    #[serde(default)]
    organizations: Vec<RawEntry>,
    #[serde(default)]
    places: Vec<RawEntry>,
    #[serde(default)]
    quotes: RawQuotes,
    #[serde(default)]
    sources: RawSources,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSources {
    gender_from_given_names: Option<bool>,
    goal: Option<RawGoal>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawGoal {
    women: Option<Spanned<f64>>,
    named: Option<Spanned<u32>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawQuotes {
    style: Option<Spanned<String>>,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    profile: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDateline {
    policy: Option<Spanned<String>>,
    agency: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<String>,
    preferred: Option<String>,
    title: Option<String>,
    description: Option<String>,
    link: Option<String>,
    gender: Option<Spanned<String>>,
}

impl RawEntry {
    fn into_entry(self, text: &str, is_person: bool) -> Result<KnownEntry, ConfigError> {
        let gender = match self.gender {
            None => None,
            Some(g) if !is_person => {
                return Err(ConfigError::new(text, "`gender` is for [[people]] only", Some(g.span())));
            }
            Some(g) => Some(Gender::parse(g.get_ref()).ok_or_else(|| {
                ConfigError::new(
                    text,
                    format!("unknown gender `{}`: use female, male or unknown", g.get_ref()),
                    Some(g.span()),
                )
            })?),
        };
        let span = self.name.span();
        let name = self.name.into_inner();
        if name.trim().is_empty() {
            return Err(ConfigError::new(text, "`name` is empty", Some(span)));
        }
        Ok(KnownEntry {
            name: name.trim().to_string(),
            aliases: self
                .aliases
                .into_iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            preferred: self.preferred.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()),
            title: self.title,
            description: self.description,
            link: self.link,
            gender,
        })
    }
}

/// Reads a `copydesk.toml`. The result is a whole [`Config`] or the first error: a half-read file
/// never takes effect.
pub fn parse_toml(text: &str) -> Result<Config, ConfigError> {
    let raw: RawFile =
        toml::from_str(text).map_err(|e| ConfigError::new(text, e.message(), e.span()))?;
    let mut config = Config::default();
    if let Some(profile) = raw.style.profile {
        config.style = StyleProfile::parse(profile.get_ref()).ok_or_else(|| {
            ConfigError::new(
                text,
                format!("unknown style profile `{}`: use ap, reuters, tass or none", profile.get_ref()),
                Some(profile.span()),
            )
        })?;
    }
    if let Some(policy) = raw.dateline.policy {
        config.dateline = DatelinePolicy::parse(policy.get_ref()).ok_or_else(|| {
            ConfigError::new(
                text,
                format!("unknown dateline policy `{}`: use auto, required or off", policy.get_ref()),
                Some(policy.span()),
            )
        })?;
    }
    config.agency = raw.dateline.agency.filter(|a| !a.trim().is_empty());
    for (code, level) in &raw.rules {
        // A table does not keep spans: find the key's line to point at.
        let span = key_span(text, code);
        if crate::rules::rule_by_code(code).is_none() {
            return Err(ConfigError::new(
                text,
                format!("no rule named `{code}` (see `copydesk rules`)"),
                span,
            ));
        }
        let parsed = level.as_str().and_then(RuleLevel::parse).ok_or_else(|| {
            ConfigError::new(
                text,
                format!("rule `{code}`: expected \"error\", \"warning\", \"info\", \"hint\" or \"off\""),
                span.clone(),
            )
        })?;
        config.rules.insert(code.clone(), parsed);
    }
    if let Some(style) = raw.quotes.style {
        config.quote_style = QuoteStyle::parse(style.get_ref()).ok_or_else(|| {
            ConfigError::new(
                text,
                format!("unknown quote style `{}`: use auto, american or british", style.get_ref()),
                Some(style.span()),
            )
        })?;
    }
    for source in raw.quotes.sources {
        let glob = Glob::parse(source.get_ref()).map_err(|why| {
            ConfigError::new(text, format!("quotes source `{}`: {why}", source.get_ref()), Some(source.span()))
        })?;
        if !config.quote_sources.contains(&glob) {
            config.quote_sources.push(glob);
        }
    }
    for (raw, list, is_person) in [
        (raw.people, &mut config.people, true),
        (raw.organizations, &mut config.organizations, false),
        (raw.places, &mut config.places, false),
    ] {
        for entry in raw {
            list.push(entry.into_entry(text, is_person)?);
        }
    }
    config.sources.gender_from_given_names = raw.sources.gender_from_given_names.unwrap_or(false);
    if let Some(goal) = raw.sources.goal {
        if let Some(women) = goal.women {
            let share = *women.get_ref();
            if !(0.0..=1.0).contains(&share) {
                return Err(ConfigError::new(
                    text,
                    format!("sources goal `women = {share}`: a share between 0 and 1 (0.5 is half)"),
                    Some(women.span()),
                ));
            }
            config.sources.goal_women = Some(share);
        }
        config.sources.goal_named = goal.named.map(|n| n.into_inner());
    }
    Ok(config)
}

/// Where `key = ` is written at the start of a line (a bare or quoted key).
fn key_span(text: &str, key: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        for form in [key.to_string(), format!("\"{key}\"")] {
            if let Some(rest) = trimmed.strip_prefix(form.as_str()) {
                if rest.trim_start().starts_with('=') {
                    let start = offset + indent;
                    return Some(start..start + form.len());
                }
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    #[test]
    fn reads_every_section() {
        let c = parse_toml(
            r#"
[style]
profile = "ap"
[dateline]
policy = "required"
agency = "AP"
[rules]
missing-dateline = "off"
unattributed-quote = "error"
[[people]]
name = "Sergei Lavrov"
aliases = ["Sergey Lavrov"]
title = "Foreign Minister"
description = "Russia's foreign minister"
link = "https://example.org/lavrov"
[[organizations]]
name = "United Nations"
aliases = ["UN"]
[[places]]
name = "Kyiv"
aliases = ["Kiev"]
"#,
        )
        .unwrap();
        assert_eq!(c.style, StyleProfile::Ap);
        assert_eq!(c.dateline, DatelinePolicy::Required);
        assert_eq!(c.agency.as_deref(), Some("AP"));
        assert_eq!(c.rule_level("missing-dateline"), Some(RuleLevel::Off));
        assert_eq!(
            c.rule_level("unattributed-quote"),
            Some(RuleLevel::Severity(Severity::Error))
        );
        let lavrov = c.person("sergey  lavrov").unwrap();
        assert_eq!(lavrov.preferred_spelling(), "Sergei Lavrov");
        assert_eq!(lavrov.title.as_deref(), Some("Foreign Minister"));
        assert!(c.organization("UN").is_some());
        assert!(c.place("Kiev").is_some());
        assert!(c.person_by_surname("Lavrov").is_some());
    }

    #[test]
    fn an_empty_file_is_the_default() {
        let c = parse_toml("").unwrap();
        assert_eq!(c.style, StyleProfile::None);
        assert!(c.rules.is_empty() && c.people.is_empty());
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let e = parse_toml("[style]\nprofile = \"ap\"\n[rules\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.column >= 1);
    }

    #[test]
    fn bad_values_point_at_the_value() {
        let e = parse_toml("[style]\nprofile = \"chicago\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 11), "{e}");
        assert!(e.message.contains("chicago"));
        let e = parse_toml("[dateline]\npolicy = \"sometimes\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 10), "{e}");
    }

    #[test]
    fn unknown_rules_keys_and_levels_are_errors() {
        let e = parse_toml("[rules]\n  no-such-rule = \"off\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3), "{e}");
        let e = parse_toml("[rules]\nmissing-dateline = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = parse_toml("[style]\nprofil = \"ap\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("profil"), "{e}");
        let e = parse_toml("[[people]]\ntitle = \"Minister\"\n").unwrap_err();
        assert!(e.message.contains("name"), "{e}");
    }

    #[test]
    fn reads_the_quotes_table() {
        let c = parse_toml("[quotes]\nstyle = \"british\"\nsources = [\"notes/*.txt\", \"transcripts/**/*.{txt,md}\"]\n").unwrap();
        assert_eq!(c.quote_style, QuoteStyle::British);
        let sources: Vec<&str> = c.quote_sources.iter().map(Glob::as_str).collect();
        assert_eq!(sources, ["notes/*.txt", "transcripts/**/*.{txt,md}"]);
        assert!(c.notes.is_none(), "parsing reads no files");
        let c = parse_toml("[quotes]\n").unwrap();
        assert_eq!(c.quote_style, QuoteStyle::Auto);
        assert!(c.quote_sources.is_empty());
    }

    #[test]
    fn quotes_errors_point_at_the_value() {
        let e = parse_toml("[quotes]\nstyle = \"french\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 9), "{e}");
        assert!(e.message.contains("french") && e.message.contains("british"), "{e}");
        let e = parse_toml("[quotes]\nsources = [\n  \"notes/*.txt\",\n  \"notes/[ab.txt\",\n]\n").unwrap_err();
        assert_eq!((e.line, e.column), (4, 3), "{e}");
        assert!(e.message.contains("never closed"), "{e}");
        let e = parse_toml("[quotes]\nsources = \"notes/*.txt\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = parse_toml("[quotes]\nsource = [\"notes/*.txt\"]\n").unwrap_err();
        assert!(e.message.contains("source"), "{e}");
    }

    #[test]
    fn reads_the_sources_table_and_people_genders() {
        let c = parse_toml(
            "[sources]\ngender_from_given_names = true\ngoal = { women = 0.5, named = 3 }\n\
             [[people]]\nname = \"Ada Quill\"\ngender = \"female\"\n",
        )
        .unwrap();
        assert!(c.sources.gender_from_given_names);
        assert_eq!((c.sources.goal_women, c.sources.goal_named), (Some(0.5), Some(3)));
        assert_eq!(c.person("Ada Quill").unwrap().gender, Some(Gender::Female));
        let c = parse_toml("").unwrap();
        assert_eq!(c.sources, Default::default());
    }

    #[test]
    fn sources_errors_point_at_the_value() {
        let e = parse_toml("[[people]]\nname = \"A B\"\ngender = \"yes\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 10), "{e}");
        assert!(e.message.contains("female"), "{e}");
        let e = parse_toml("[[organizations]]\nname = \"Acme\"\ngender = \"female\"\n").unwrap_err();
        assert!(e.message.contains("[[people]] only"), "{e}");
        let e = parse_toml("[sources]\ngoal = { women = 50 }\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("between 0 and 1"), "{e}");
        let e = parse_toml("[sources]\ngoal = { woman = 0.5 }\n").unwrap_err();
        assert!(e.message.contains("woman"), "{e}");
    }
}
