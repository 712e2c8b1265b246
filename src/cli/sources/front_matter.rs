//! The three front matter keys the source audit groups by: `date`, `author` and `section`.
//!
//! A Markdown draft may open with YAML (`---`) or TOML (`+++`) front matter, the block
//! `analysis::layout::markdown` blanks out before reading. Only three keys matter here, so this is
//! a small line reader rather than a YAML parser: `key: value`, `key = "value"`, quoted or not, and
//! for `author` also a list (`[A, B]` or `- A` lines below the key). Anything else (nested maps,
//! anchors, junk) is skipped; a block that never closes is not front matter. Never fails.

/// What the front matter says, each key when present and non-empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// As written (`2024-03-05`, `2024-03-05T10:00:00Z`).
    pub date: Option<String>,
    /// Every author the draft names, in order.
    pub authors: Vec<String>,
    pub section: Option<String>,
}

impl FrontMatter {
    /// `YYYY-MM` when the date starts with a year and a month (`2024-03-05`, `2024-3-5`,
    /// `2024/03/05`), else `None`.
    pub fn month(&self) -> Option<String> {
        let date = self.date.as_deref()?.trim();
        let mut parts = date.splitn(3, ['-', '/']);
        let year = parts.next()?;
        let month = parts.next()?;
        let month = month.get(..month.find(|c: char| !c.is_ascii_digit()).unwrap_or(month.len()))?;
        let ok_year = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
        let month: u8 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
        ok_year.then(|| format!("{year}-{month:02}"))
    }
}

/// Reads the front matter at the very start of a draft (after an optional byte order mark).
pub fn read(text: &str) -> FrontMatter {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut meta = FrontMatter::default();
    let Some((block, toml)) = block(text) else {
        return meta;
    };
    let mut in_author_list = false;
    for line in block.lines() {
        let trimmed = line.trim();
        if in_author_list {
            if let Some(item) = trimmed.strip_prefix("- ").or(if trimmed == "-" { Some("") } else { None }) {
                push_author(&mut meta.authors, item);
                continue;
            }
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            in_author_list = false;
        }
        // Keys of nested maps (indented) are not ours.
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let separator = if toml { '=' } else { ':' };
        let Some((key, value)) = trimmed.split_once(separator) else {
            continue;
        };
        let value = value.trim();
        match key.trim().trim_matches(['"', '\'']).to_ascii_lowercase().as_str() {
            "date" => meta.date = scalar(value),
            "section" => meta.section = scalar(value),
            "author" | "authors" => {
                if value.is_empty() && !toml {
                    in_author_list = true;
                } else if let Some(list) = value.strip_prefix('[') {
                    let list = list.rsplit_once(']').map_or(list, |(inside, _)| inside);
                    for item in list.split(',') {
                        push_author(&mut meta.authors, item);
                    }
                } else {
                    push_author(&mut meta.authors, value);
                }
            }
            _ => {}
        }
    }
    meta
}

/// The lines between the opening and closing markers, and whether they are TOML.
fn block(text: &str) -> Option<(&str, bool)> {
    for (marker, toml) in [("---", false), ("+++", true)] {
        let Some(rest) = text.strip_prefix(marker) else {
            continue;
        };
        let first_break = rest.find('\n')?;
        if !rest[..first_break].trim().is_empty() {
            return None;
        }
        let body = &rest[first_break + 1..];
        let mut pos = 0;
        for line in body.split_inclusive('\n') {
            let t = line.trim_end();
            if t == marker || (!toml && t == "...") {
                return Some((&body[..pos], toml));
            }
            pos += line.len();
        }
        return None;
    }
    None
}

fn push_author(authors: &mut Vec<String>, item: &str) {
    if let Some(name) = scalar(item.trim()) {
        authors.push(name);
    }
}

/// A one-line value: quotes removed, an unquoted value's ` # comment` dropped, empty is `None`.
fn scalar(value: &str) -> Option<String> {
    let value = value.trim();
    let unquoted = match value.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let inner = &value[1..];
            inner.rfind(q).map_or(inner, |end| &inner[..end])
        }
        _ => value.find(" #").map_or(value, |i| &value[..i]).trim_end(),
    };
    let unquoted = unquoted.trim();
    // A value with control characters is junk, not a name; so is a YAML block or map marker.
    if unquoted.is_empty() || unquoted.chars().any(char::is_control) || matches!(unquoted, "|" | ">" | "{}" | "~" | "null") {
        return None;
    }
    Some(unquoted.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_keys_quoted_or_not() {
        let meta = read("---\ntitle: \"Budget: the vote\"\ndate: 2024-03-05\nauthor: 'Ana Ruiz'\nsection: Politics # desk\n---\nBody.\n");
        assert_eq!(meta.date.as_deref(), Some("2024-03-05"));
        assert_eq!(meta.authors, ["Ana Ruiz"]);
        assert_eq!(meta.section.as_deref(), Some("Politics"));
        assert_eq!(meta.month().as_deref(), Some("2024-03"));
    }

    #[test]
    fn author_lists_inline_and_block() {
        assert_eq!(read("---\nauthor: [Ana Ruiz, \"Bo Lind\"]\n---\n").authors, ["Ana Ruiz", "Bo Lind"]);
        let meta = read("---\nauthors:\n  - Ana Ruiz\n  - Bo Lind\nsection: City\n---\n");
        assert_eq!(meta.authors, ["Ana Ruiz", "Bo Lind"]);
        assert_eq!(meta.section.as_deref(), Some("City"));
    }

    #[test]
    fn toml_front_matter() {
        let meta = read("+++\ndate = \"2023-12-31T23:00:00Z\"\nsection = \"World\"\n+++\n");
        assert_eq!(meta.month().as_deref(), Some("2023-12"));
        assert_eq!(meta.section.as_deref(), Some("World"));
    }

    #[test]
    fn no_or_unclosed_or_junk_front_matter_reads_as_nothing() {
        assert_eq!(read("Body only.\n"), FrontMatter::default());
        assert_eq!(read("---\ndate: 2024-01-01\nnever closed\n"), FrontMatter::default());
        assert_eq!(read("--- x\ndate: 2024-01-01\n---\n"), FrontMatter::default());
        let junk = read("---\n:\n::::\ndate:\nauthor: \"\nsection: |\n  nested: x\n\u{0}: \u{1}\n---\n");
        assert_eq!(junk, FrontMatter::default());
        assert_eq!(read("---"), FrontMatter::default());
        assert_eq!(read(""), FrontMatter::default());
    }

    #[test]
    fn nested_keys_are_not_ours() {
        let meta = read("---\nseo:\n  author: Someone Else\n  date: 1999-01-01\n---\n");
        assert_eq!(meta, FrontMatter::default());
    }

    /// The pieces front matter is made of, and a few that break it.
    const PIECES: &[&str] = &[
        "---\n", "+++\n", "date", "author", "authors", "section", ":", "=", " ", "  - ", "- ", "\"", "'", "[", "]",
        ",", " #", "\n", "...", "2024-03-05", "13", "/", "é", "東", "😀", "\t", "\r", "\u{0}", "|", "{}", "x",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn any_text_reads_without_panicking(pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..60)) {
            let meta = read(&pieces.concat());
            let _ = meta.month();
        }
    }

    #[test]
    fn months_only_from_real_dates() {
        let month = |d: &str| FrontMatter { date: Some(d.into()), ..Default::default() }.month();
        assert_eq!(month("2024-3-5").as_deref(), Some("2024-03"));
        assert_eq!(month("2024/11/05").as_deref(), Some("2024-11"));
        assert_eq!(month("2024-13-01"), None);
        assert_eq!(month("March 5, 2024"), None);
        assert_eq!(month("24-03-05"), None);
        assert_eq!(month("2024"), None);
    }
}
