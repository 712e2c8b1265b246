//! Configuration of the checks: per-rule severity, the dateline policy, the house style profile
//! and the newsroom's own lists of people, organisations and places.
//!
//! The file form (`copydesk.toml`) is read by [`file`]; the starter file `copydesk init` writes is
//! in [`starter`]. Everything here is plain data, with no IO, except [`notes_files`], which reads
//! the notes that `[quotes] sources` names (for the command line and the language server alike),
//! [`user`], the user's own configuration, and [`bounded_read`], which both read files with.

pub mod bounded_read;
pub mod file;
pub mod glob;
pub mod notes_files;
pub mod starter;
pub mod user;

use std::collections::HashMap;
use std::sync::Arc;

use crate::analysis::notes::NotesIndex;
use crate::analysis::sources::{self, Gender, Genders, InventoryOptions, PersonGender, Source};
use crate::analysis::Analysis;

pub use file::{parse_toml, ConfigError};

/// The file a newsroom's configuration is kept in: the command line looks for it upward from each
/// draft, the language server at the workspace root.
pub const CONFIG_FILE_NAME: &str = "copydesk.toml";

/// How loud a finding is. Defined here, not in `rules`, because the configuration sets it per rule
/// (`[rules]`) and the rules report it: both reach it from below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    Severity(Severity),
}

impl RuleLevel {
    pub fn parse(s: &str) -> Option<RuleLevel> {
        if s.eq_ignore_ascii_case("off") || s.eq_ignore_ascii_case("none") {
            Some(RuleLevel::Off)
        } else {
            Severity::parse(s).map(RuleLevel::Severity)
        }
    }
}

/// When a draft must carry a dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DatelinePolicy {
    /// A missing dateline is a hint, or a warning when the draft has a byline.
    #[default]
    Auto,
    /// A missing dateline is always a warning.
    Required,
    /// Never ask for a dateline.
    Off,
}

impl DatelinePolicy {
    pub fn parse(s: &str) -> Option<DatelinePolicy> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Some(DatelinePolicy::Auto),
            "required" => Some(DatelinePolicy::Required),
            "off" => Some(DatelinePolicy::Off),
            _ => None,
        }
    }
}

/// The house style a newsroom follows. It decides which dateline conventions are checked:
/// AP wants a region after most cities and its own state abbreviations; Reuters and TASS write the
/// city alone; with no profile, only what every style agrees on is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StyleProfile {
    Ap,
    Reuters,
    Tass,
    #[default]
    None,
}

impl StyleProfile {
    pub fn parse(s: &str) -> Option<StyleProfile> {
        match s.to_ascii_lowercase().as_str() {
            "ap" => Some(StyleProfile::Ap),
            "reuters" => Some(StyleProfile::Reuters),
            "tass" => Some(StyleProfile::Tass),
            "none" | "" => Some(StyleProfile::None),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StyleProfile::Ap => "ap",
            StyleProfile::Reuters => "reuters",
            StyleProfile::Tass => "tass",
            StyleProfile::None => "none",
        }
    }
}

/// One person, organisation or place the newsroom keeps on file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownEntry {
    /// The name as the newsroom writes it.
    pub name: String,
    /// Other spellings met in copy (`Sergey Lavrov`): a draft using one is told the preferred
    /// spelling.
    pub aliases: Vec<String>,
    /// The spelling to use, when it is not `name` itself.
    pub preferred: Option<String>,
    /// `Foreign Minister`.
    pub title: Option<String>,
    /// One line for the hover card.
    pub description: Option<String>,
    pub link: Option<String>,
    /// `[[people]] gender`: what the person said about themselves (people only).
    pub gender: Option<Gender>,
}

impl KnownEntry {
    /// The spelling copy should use.
    pub fn preferred_spelling(&self) -> &str {
        self.preferred.as_deref().unwrap_or(&self.name)
    }

    /// Every spelling that names this entry: the name, the preferred form and the aliases.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.preferred.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// Whether `written` names this entry (case and spacing aside).
    pub fn is_named(&self, written: &str) -> bool {
        self.spellings().any(|s| same_name(s, written))
    }
}

/// Two spellings of a name are the same when they differ only in case, spacing or apostrophes.
pub fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .flat_map(|w| w.chars().chain(std::iter::once(' ')))
            .map(|c| if c == '’' { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    norm(a) == norm(b)
}

/// Where commas and full stops go around a closing quotation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuoteStyle {
    /// American, unless the draft itself consistently follows British style.
    #[default]
    Auto,
    /// AP and US house style: always inside (`"We won," he said`).
    American,
    /// British style: inside only when they belong to the quotation.
    British,
}

impl QuoteStyle {
    pub fn parse(s: &str) -> Option<QuoteStyle> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Some(QuoteStyle::Auto),
            "american" | "us" | "ap" => Some(QuoteStyle::American),
            "british" | "uk" => Some(QuoteStyle::British),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Severity overrides by rule code.
    pub rules: HashMap<String, RuleLevel>,
    pub dateline: DatelinePolicy,
    /// `[style] profile`.
    pub style: StyleProfile,
    /// `[dateline] agency`: the house agency tag (`AP`, `Reuters`), when the newsroom is one.
    pub agency: Option<String>,
    pub people: Vec<KnownEntry>,
    pub organizations: Vec<KnownEntry>,
    pub places: Vec<KnownEntry>,
    /// Punctuation around closing quotation marks (`[quotes] style`).
    pub quote_style: QuoteStyle,
    /// `[quotes] sources`: where the notes are, relative to the configuration file's folder and
    /// never outside it. [`notes_files::attach`] reads them into [`Config::notes`].
    pub quote_sources: Vec<glob::Glob>,
    /// The reporter's notes that direct quotes are checked against (`[quotes] sources`); `None`
    /// when no sources are configured.
    pub notes: Option<Arc<NotesIndex>>,
    /// The notes file that is the draft being checked, which its quotes are not looked up in:
    /// set by [`Config::for_draft`].
    pub notes_skip: Option<usize>,
    /// `[sources]`: the source inventory's settings.
    pub sources: SourcesConfig,
}

/// `[sources]` in `copydesk.toml`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourcesConfig {
    /// `gender_from_given_names = true`: a named source with no other evidence of gender gets the
    /// one census counts give their given name at least 98% of the time. Off by default.
    pub gender_from_given_names: bool,
    /// `goal = { women = 0.5, named = 3 }`: the share of named sources who are women and the
    /// fewest named sources a draft should have (the `source-goal` rule).
    pub goal_women: Option<f64>,
    pub goal_named: Option<u32>,
}

impl Config {
    /// This configuration for the draft at `path`, when a pattern of `[quotes] sources` matched
    /// the draft itself (`sources = ["*.txt"]` beside it): the draft is then left out of its own
    /// notes, or every quote in it would be found in itself. `None` when the draft is no notes
    /// file, and this configuration applies as it is.
    pub fn for_draft(&self, path: &std::path::Path) -> Option<Config> {
        let notes = self.notes.as_deref()?;
        let path = std::fs::canonicalize(path).ok()?;
        let file = notes.file_at(&path)?;
        Some(Config { notes_skip: Some(file), ..self.clone() })
    }

    /// Who the draft quotes (the source inventory), with the people list's genders and the
    /// `[sources]` settings.
    pub fn inventory(&self, a: &Analysis) -> Vec<Source> {
        self.with_inventory_options(|opts| sources::inventory(a, opts))
    }

    /// [`Config::inventory`] and every person's gender and its evidence, from one reading of the
    /// draft's gender evidence.
    pub fn inventory_and_genders(&self, a: &Analysis) -> (Vec<Source>, Genders) {
        self.with_inventory_options(|opts| sources::inventory_and_genders(a, opts))
    }

    fn with_inventory_options<R>(&self, f: impl FnOnce(&InventoryOptions) -> R) -> R {
        let people: Vec<PersonGender> = self
            .people
            .iter()
            .filter_map(|p| {
                let gender = p.gender.filter(|g| *g != Gender::Unknown)?;
                Some(PersonGender { spellings: p.spellings().map(str::to_string).collect(), gender })
            })
            .collect();
        f(&InventoryOptions { people: &people, gender_from_given_names: self.sources.gender_from_given_names })
    }

    pub fn rule_level(&self, code: &str) -> Option<RuleLevel> {
        self.rules.get(code).copied()
    }

    /// The person on file that `written` names, by any of their spellings.
    pub fn person(&self, written: &str) -> Option<&KnownEntry> {
        self.people.iter().find(|p| p.is_named(written))
    }

    /// The person on file whose surname (last word of any spelling) is `word`.
    pub fn person_by_surname(&self, word: &str) -> Option<&KnownEntry> {
        self.people.iter().find(|p| {
            p.spellings()
                .any(|s| s.split_whitespace().last().is_some_and(|last| same_name(last, word)))
        })
    }

    pub fn organization(&self, written: &str) -> Option<&KnownEntry> {
        self.organizations.iter().find(|p| p.is_named(written))
    }

    pub fn place(&self, written: &str) -> Option<&KnownEntry> {
        self.places.iter().find(|p| p.is_named(written))
    }
}
