//! Path patterns for `[quotes] sources`: `*`, `?`, `[abc]`, `[!a-z]`, `{txt,md}` and `**`.
//!
//! Small on purpose: the patterns name a few notes folders, so a matcher over path components is
//! enough and saves a dependency. Pure: [`super::notes_files`] walks the folders.
//!
//! - `*` is any run of characters within one folder or file name, `?` one character;
//! - `[abc]`, `[a-z]`, `[!abc]` one character of (or not of) a set;
//! - `{a,b}` either alternative (nesting allowed);
//! - `**` as a whole component, any number of folders (none included).
//!
//! As in the shell, `*`, `?` and `**` never match a name starting with `.`: hidden folders
//! (`.git`) are only searched when the pattern names them.

use std::fmt;

/// How many patterns `{…}` may expand into: a guard against `{a,b}{c,d}…` written by accident.
const MAX_ALTERNATIVES: usize = 64;

/// A parsed pattern. `text` is the pattern as written.
#[derive(Clone, PartialEq, Eq)]
pub struct Glob {
    text: String,
    alternatives: Vec<Alternative>,
}

impl fmt::Debug for Glob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Glob({:?})", self.text)
    }
}

/// One brace alternative: the leading components without wildcards (where to start looking) and
/// the components to match below them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    /// Literal components, as written (`..` and a leading `/` included); `.` components dropped.
    pub base: Vec<String>,
    pub rest: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// `**`: any number of folders.
    AnyFolders,
    Name(Vec<Token>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Char(char),
    /// `*`
    AnyRun,
    /// `?`
    AnyChar,
    /// `[...]`: ranges (a single character is a range of one); `negated` for `[!...]`.
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

impl Glob {
    /// Parses a pattern; the error says what is wrong with it.
    pub fn parse(pattern: &str) -> Result<Glob, String> {
        if pattern.trim().is_empty() {
            return Err("empty pattern".into());
        }
        let mut expanded = Vec::new();
        expand_braces(pattern, &mut expanded)?;
        let alternatives = expanded
            .iter()
            .map(|p| parse_alternative(p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Glob {
            text: pattern.to_string(),
            alternatives,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn alternatives(&self) -> &[Alternative] {
        &self.alternatives
    }
}

impl Alternative {
    /// Whether the path below [`Alternative::base`], as components, matches the rest.
    pub fn matches<S: AsRef<str>>(&self, components: &[S]) -> bool {
        match_segments(&self.rest, components)
    }

    /// Whether a folder at `components` below the base may hold matches: used to skip folders
    /// while walking.
    pub fn may_enter<S: AsRef<str>>(&self, components: &[S]) -> bool {
        prefix_may_match(&self.rest, components)
    }

    /// Whether the pattern reaches any depth (has `**`).
    pub fn is_recursive(&self) -> bool {
        self.rest.contains(&Segment::AnyFolders)
    }
}

/// Expands the first `{…}` group and recurses on each result.
fn expand_braces(pattern: &str, out: &mut Vec<String>) -> Result<(), String> {
    let Some((open, close, options)) = first_brace_group(pattern)? else {
        if out.len() >= MAX_ALTERNATIVES {
            return Err(format!(
                "more than {MAX_ALTERNATIVES} alternatives in braces"
            ));
        }
        out.push(pattern.to_string());
        return Ok(());
    };
    for option in options {
        let next = format!("{}{}{}", &pattern[..open], option, &pattern[close + 1..]);
        expand_braces(&next, out)?;
    }
    Ok(())
}

/// The first top-level brace group: its `{` and `}` offsets and its comma-separated options.
fn first_brace_group(pattern: &str) -> Result<Option<(usize, usize, Vec<&str>)>, String> {
    let mut in_class = false;
    let mut open = None;
    let mut depth = 0usize;
    let mut option_start = 0;
    let mut options = Vec::new();
    for (i, c) in pattern.char_indices() {
        match c {
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            _ if in_class => {}
            '{' => {
                if depth == 0 {
                    open = Some(i);
                    option_start = i + 1;
                }
                depth += 1;
            }
            ',' if depth == 1 => {
                options.push(&pattern[option_start..i]);
                option_start = i + 1;
            }
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    options.push(&pattern[option_start..i]);
                    return Ok(open.map(|o| (o, i, options)));
                }
            }
            '}' => {
                return Err(format!(
                    "`}}` at character {} closes no `{{`",
                    char_pos(pattern, i)
                ))
            }
            _ => {}
        }
    }
    match open {
        Some(o) => Err(format!(
            "`{{` at character {} is never closed",
            char_pos(pattern, o)
        )),
        None => Ok(None),
    }
}

fn char_pos(s: &str, byte: usize) -> usize {
    s[..byte].chars().count() + 1
}

fn parse_alternative(pattern: &str) -> Result<Alternative, String> {
    let mut base = Vec::new();
    let mut rest = Vec::new();
    if pattern.starts_with('/') {
        base.push("/".to_string());
    }
    for component in pattern
        .split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != ".")
    {
        let literal = !component.contains(['*', '?', '[']);
        if rest.is_empty() && literal {
            base.push(component.to_string());
        } else if component == "**" {
            if rest.last() != Some(&Segment::AnyFolders) {
                rest.push(Segment::AnyFolders);
            }
        } else {
            rest.push(Segment::Name(parse_component(component)?));
        }
    }
    // A plain path names its file: the last literal component is matched, not walked into.
    if rest.is_empty() {
        match base.pop() {
            Some(last) if last != "/" && last != ".." => {
                rest.push(Segment::Name(last.chars().map(Token::Char).collect()))
            }
            _ => return Err(format!("`{pattern}` names a folder, not files")),
        }
    }
    if rest.last() == Some(&Segment::AnyFolders) {
        return Err(format!(
            "`{pattern}` ends with `**`: say which files, e.g. `**/*.txt`"
        ));
    }
    Ok(Alternative { base, rest })
}

fn parse_component(component: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = component.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => {
                // `a**b` is the same as `a*b`.
                if tokens.last() != Some(&Token::AnyRun) {
                    tokens.push(Token::AnyRun);
                }
            }
            '?' => tokens.push(Token::AnyChar),
            '[' => {
                let negated = chars.next_if(|&c| c == '!' || c == '^').is_some();
                let mut ranges = Vec::new();
                let mut closed = false;
                // A `]` right after `[` or `[!` is a member, as in the shell.
                let mut first = true;
                while let Some(c) = chars.next() {
                    if c == ']' && !first {
                        closed = true;
                        break;
                    }
                    first = false;
                    let end = if chars.peek() == Some(&'-') {
                        let mut ahead = chars.clone();
                        ahead.next();
                        match ahead.next() {
                            Some(end) if end != ']' => {
                                chars.next();
                                chars.next();
                                end
                            }
                            _ => c,
                        }
                    } else {
                        c
                    };
                    ranges.push((c, end));
                }
                if !closed {
                    return Err(format!("`[` in `{component}` is never closed"));
                }
                tokens.push(Token::Class { negated, ranges });
            }
            c => tokens.push(Token::Char(c)),
        }
    }
    Ok(tokens)
}

fn match_segments<S: AsRef<str>>(segments: &[Segment], components: &[S]) -> bool {
    match segments.split_first() {
        None => components.is_empty(),
        Some((Segment::AnyFolders, rest)) => (0..=components.len()).any(|skip| {
            components[..skip]
                .iter()
                .all(|c| !c.as_ref().starts_with('.'))
                && match_segments(rest, &components[skip..])
        }),
        Some((Segment::Name(tokens), rest)) => {
            components.split_first().is_some_and(|(first, others)| {
                match_name(tokens, first.as_ref()) && match_segments(rest, others)
            })
        }
    }
}

/// Whether some path starting with `components` (folders) could still match.
fn prefix_may_match<S: AsRef<str>>(segments: &[Segment], components: &[S]) -> bool {
    let Some((first, others)) = components.split_first() else {
        return true;
    };
    match segments.split_first() {
        None => false,
        Some((Segment::AnyFolders, rest)) => {
            (!first.as_ref().starts_with('.') && prefix_may_match(segments, others))
                || prefix_may_match(rest, components)
        }
        // The last segment names files: folders cannot hold a match below it.
        Some((Segment::Name(_), [])) => false,
        Some((Segment::Name(tokens), rest)) => {
            match_name(tokens, first.as_ref()) && prefix_may_match(rest, others)
        }
    }
}

/// Matches one file or folder name. Wildcards never match a leading `.`.
pub fn match_name(tokens: &[Token], name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    if chars.first() == Some(&'.') && !matches!(tokens.first(), Some(Token::Char('.'))) {
        return false;
    }
    match_tokens(tokens, &chars)
}

fn match_tokens(tokens: &[Token], chars: &[char]) -> bool {
    // Iterative wildcard matching with one backtrack point (the last `*`): linear in practice.
    let (mut t, mut c) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while c < chars.len() {
        match tokens.get(t) {
            Some(Token::AnyRun) => {
                star = Some((t, c));
                t += 1;
                continue;
            }
            Some(token) if one_char(token, chars[c]) => {
                t += 1;
                c += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some((st, sc)) => {
                t = st + 1;
                c = sc + 1;
                star = Some((st, sc + 1));
            }
            None => return false,
        }
    }
    tokens[t..].iter().all(|t| *t == Token::AnyRun)
}

fn one_char(token: &Token, c: char) -> bool {
    match token {
        Token::Char(x) => *x == c,
        Token::AnyChar => true,
        Token::Class { negated, ranges } => {
            ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *negated
        }
        Token::AnyRun => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, path: &str) -> bool {
        let glob = Glob::parse(pattern).unwrap();
        let components: Vec<&str> = path.split('/').collect();
        glob.alternatives().iter().any(|a| {
            components.len() >= a.base.len()
                && components[..a.base.len()]
                    .iter()
                    .zip(&a.base)
                    .all(|(c, b)| c == b)
                && a.matches(&components[a.base.len()..])
        })
    }

    #[test]
    fn stars_and_question_marks_stay_within_a_name() {
        assert!(matches("notes/*.txt", "notes/okafor.txt"));
        assert!(!matches("notes/*.txt", "notes/2026/okafor.txt"));
        assert!(!matches("notes/*.txt", "notes/okafor.md"));
        assert!(matches("notes/day?.txt", "notes/day1.txt"));
        assert!(!matches("notes/day?.txt", "notes/day10.txt"));
        assert!(matches("*", "anything"));
        assert!(matches("a*b*c", "aXXbYYc") && !matches("a*b*c", "aXXbYY"));
    }

    #[test]
    fn double_star_is_any_number_of_folders() {
        assert!(matches("notes/**/*.txt", "notes/a.txt"));
        assert!(matches("notes/**/*.txt", "notes/2026/03/a.txt"));
        assert!(matches("**/*.txt", "a.txt"));
        assert!(!matches("notes/**/*.txt", "other/a.txt"));
    }

    #[test]
    fn classes_and_braces() {
        assert!(matches("notes/[a-c]*.txt", "notes/beta.txt"));
        assert!(!matches("notes/[!a-c]*.txt", "notes/beta.txt"));
        assert!(matches("notes/[]x].txt", "notes/].txt"));
        assert!(matches("notes/*.{txt,md}", "notes/a.md"));
        assert!(matches(
            "{notes,transcripts/{a,b}}/*.txt",
            "transcripts/b/x.txt"
        ));
        assert!(!matches("notes/*.{txt,md}", "notes/a.rtf"));
    }

    #[test]
    fn hidden_names_need_an_explicit_dot() {
        assert!(!matches("notes/*", "notes/.draft.swp"));
        assert!(matches("notes/.*", "notes/.hidden"));
        assert!(!matches("**/*.txt", ".git/a.txt"));
        assert!(matches(".notes/*.txt", ".notes/a.txt"));
    }

    #[test]
    fn literal_prefixes_become_the_base() {
        let g = Glob::parse("./../shared/notes/**/*.txt").unwrap();
        assert_eq!(g.alternatives()[0].base, ["..", "shared", "notes"]);
        let g = Glob::parse("notes/okafor.txt").unwrap();
        assert_eq!(g.alternatives()[0].base, ["notes"]);
        assert!(matches("notes/okafor.txt", "notes/okafor.txt"));
        assert_eq!(
            Glob::parse("/srv/notes/*.txt").unwrap().alternatives()[0].base,
            ["/", "srv", "notes"]
        );
    }

    #[test]
    fn folders_are_entered_only_when_they_can_hold_a_match() {
        let g = Glob::parse("notes/*/day*.txt").unwrap();
        let a = &g.alternatives()[0];
        assert!(a.may_enter(&["2026"]));
        assert!(!a.may_enter(&["2026", "deeper"]));
        let g = Glob::parse("**/*.txt").unwrap();
        let a = &g.alternatives()[0];
        assert!(a.may_enter(&["a", "b", "c"]) && !a.may_enter(&[".git"]));
        let g = Glob::parse("{a,b}/x/*.txt").unwrap();
        assert!(!g.alternatives()[0].may_enter(&["c"]));
    }

    #[test]
    fn bad_patterns_are_explained() {
        assert!(Glob::parse("").unwrap_err().contains("empty"));
        assert!(Glob::parse("notes/*.{txt,md")
            .unwrap_err()
            .contains("never closed"));
        assert!(Glob::parse("notes/[ab.txt")
            .unwrap_err()
            .contains("never closed"));
        assert!(Glob::parse("notes/**").unwrap_err().contains("**"));
        assert!(Glob::parse("..").is_err());
        assert!(Glob::parse("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}")
            .unwrap_err()
            .contains("alternatives"));
    }

    proptest::proptest! {
        /// Any pattern either parses or is refused with a reason, and matching never panics.
        #[test]
        fn never_panics(pattern in "[a*?\\[\\]{},!/.é-]{0,24}", path in "[a.é/-]{0,16}") {
            if let Ok(glob) = Glob::parse(&pattern) {
                let parts: Vec<&str> = path.split('/').collect();
                for alt in glob.alternatives() {
                    alt.matches(&parts);
                    alt.may_enter(&parts);
                }
            }
        }
    }
}
