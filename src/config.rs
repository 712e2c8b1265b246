//! Configuration of the checks: per-rule severity and the dateline policy.

use std::collections::HashMap;
use std::sync::Arc;

use crate::analysis::notes::NotesIndex;

use crate::rules::Severity;

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
    /// Punctuation around closing quotation marks.
    pub quote_style: QuoteStyle,
    /// The reporter's notes that direct quotes are checked against (`[quotes] sources`); `None`
    /// when no sources are configured.
    pub notes: Option<Arc<NotesIndex>>,
}

impl Config {
    pub fn rule_level(&self, code: &str) -> Option<RuleLevel> {
        self.rules.get(code).copied()
    }
}
