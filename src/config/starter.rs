//! The commented `copydesk.toml` that `copydesk init` writes.

/// A starter file: every section, with the defaults and an example of each list.
pub const STARTER: &str = r#"# copydesk.toml: how copydesk checks the drafts in this folder and below.
# The command line finds it by looking upward from each draft (or take `--config PATH`);
# the editor reads the one at the workspace root and reloads it when it changes.

[style]
# House style: "ap", "reuters", "tass" or "none". It decides the dateline conventions checked:
# AP wants a state or country after most cities (`KAZAN, Russia —`) and its own state
# abbreviations (`Calif.`); Reuters and TASS write the city alone.
profile = "none"

[dateline]
# "auto": a missing dateline is a hint (a warning when the draft has a byline);
# "required": always a warning; "off": never asked for.
policy = "auto"
# Your agency's tag, if you are one (e.g. "AP", "Reuters").
# agency = "AP"

[rules]
# Per-rule severity: "error", "warning", "info", "hint" or "off". `copydesk rules` lists them.
# unattributed-quote = "error"
# anonymous-source = "off"

[quotes]
# Where commas and full stops go around a closing quotation mark: "american" (always inside, as AP
# and US papers do), "british" (inside only when they belong to the quotation), or "auto"
# (American, unless the draft itself consistently follows British style).
style = "auto"
# The reporter's notes and transcripts that direct quotes are checked against. Patterns are
# relative to this file's folder: `*` and `?` within a name, `[abc]`, `{txt,md}`, and `**` for any
# number of folders. A quote found word for word is fine (hover says where: `notes/x.txt:42`); a
# close one is a warning showing the notes' wording; one not in the notes is a hint. Without
# sources, quotes are not checked against notes. Notes must be UTF-8 text.
# sources = ["notes/*.txt", "transcripts/**/*.{txt,md}"]

# [sources]
# The source inventory (the code lens at the top of a draft, `sources` in the JSON output). A
# person's gender comes from the draft (he/she, Mr./Ms.) or `gender` below; set this to also guess
# from given names that census counts give to one gender at least 98% of the time.
# gender_from_given_names = false
# The `source-goal` rule (an info finding, off unless a goal is set): the share of named sources
# who are women, and the fewest named sources a draft should have.
# goal = { women = 0.5, named = 3 }

# The people your copy names. A draft that spells one of them another way is told the preferred
# spelling; hovers show the title, description and link.
# [[people]]
# name = "Sergei Lavrov"
# aliases = ["Sergey Lavrov"]
# title = "Foreign Minister"
# description = "Russia's foreign minister since 2004"
# link = "https://example.org/people/lavrov"
# gender = "male"          # what the person said about themselves: female, male or unknown

# Organisations and places take the same keys (name, aliases, preferred, title, description, link).
# [[organizations]]
# name = "United Nations"
# aliases = ["UN"]
#
# [[places]]
# name = "Kyiv"
# aliases = ["Kiev"]
# description = "Capital of Ukraine"
"#;

/// The starter file with the house style set: `copydesk init --profile ap`.
pub fn starter(profile: super::StyleProfile) -> String {
    STARTER.replacen("profile = \"none\"", &format!("profile = \"{}\"", profile.as_str()), 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_starter_file_parses() {
        let c = super::super::parse_toml(super::STARTER).unwrap();
        assert_eq!(c.style, super::super::StyleProfile::None);
        assert_eq!(c.quote_style, super::super::QuoteStyle::Auto);
    }

    #[test]
    fn the_starter_takes_the_house_style_asked_for() {
        use super::super::StyleProfile;
        for profile in [StyleProfile::Ap, StyleProfile::Reuters, StyleProfile::Tass, StyleProfile::None] {
            assert_eq!(super::super::parse_toml(&super::starter(profile)).unwrap().style, profile);
        }
    }

    /// Every commented example in the starter is valid once uncommented.
    #[test]
    fn the_commented_examples_parse_when_uncommented() {
        let uncommented: String = super::STARTER
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.starts_with('[') || rest.contains(" = ") => rest,
                _ => l,
            })
            .flat_map(|l| [l, "\n"])
            .collect();
        let c = super::super::parse_toml(&uncommented).unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
        assert_eq!(c.quote_sources.len(), 2);
        assert_eq!(c.people.len(), 1);
        assert_eq!(c.sources.goal_women, Some(0.5));
    }
}
