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
# unknown-dateline-city = "off"

# The people your copy names. A draft that spells one of them another way is told the preferred
# spelling; hovers show the title, description and link.
# [[people]]
# name = "Sergei Lavrov"
# aliases = ["Sergey Lavrov"]
# title = "Foreign Minister"
# description = "Russia's foreign minister since 2004"
# link = "https://example.org/people/lavrov"

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

#[cfg(test)]
mod tests {
    #[test]
    fn the_starter_file_parses() {
        let c = super::super::parse_toml(super::STARTER).unwrap();
        assert_eq!(c.style, super::super::StyleProfile::None);
    }
}
