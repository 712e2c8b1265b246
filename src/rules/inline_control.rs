//! Inline control: a draft can switch rules off and on for a stretch of its text.
//!
//! A directive is a line of its own:
//!
//! | Markdown | plain text |
//! |---|---|
//! | `<!-- copydesk-disable -->` | `copydesk-disable` |
//! | `<!-- copydesk-disable unattributed-quote name-variant -->` | `copydesk-disable unattributed-quote name-variant` |
//! | `<!-- copydesk-enable -->` | `copydesk-enable` |
//! | `<!-- copydesk-enable unattributed-quote -->` | `copydesk-enable unattributed-quote` |
//!
//! Both forms are read in both formats. Without codes a directive applies to every rule. A
//! stretch runs from the directive to the next one that changes it, or to the end of the draft;
//! a finding is dropped when it starts inside a stretch where its rule is off.

use memchr::memmem;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Directive {
    offset: u32,
    enable: bool,
    /// Empty: every rule.
    codes: Vec<String>,
}

/// What every directive contains; a directive is read only where it occurs.
pub(super) const MARK: &[u8] = b"copydesk-";

/// Where [`MARK`] occurs in `text` (a draft or a stretch of one), in order.
pub(super) fn marks(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memmem::find_iter(text, MARK)
}

/// The directives in a draft, in order, read where `marks` (every occurrence of [`MARK`], in
/// order) says.
fn directives(text: &str, marks: impl IntoIterator<Item = usize>) -> Vec<Directive> {
    let mut out = Vec::new();
    for at in marks {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[line_start..line_end].trim();
        let inner = match line.strip_prefix("<!--") {
            Some(rest) => match rest.strip_suffix("-->") {
                Some(inner) => inner.trim(),
                None => continue,
            },
            None => line,
        };
        // Only the directive at the start of the line (or of the comment) counts, once.
        let inner_at = inner.as_ptr() as usize - text.as_ptr() as usize;
        if inner_at != at {
            continue;
        }
        let mut words = inner.split_whitespace();
        let enable = match words.next() {
            Some("copydesk-disable") => false,
            Some("copydesk-enable") => true,
            _ => continue,
        };
        let codes: Vec<String> = words
            .flat_map(|w| w.split(','))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        out.push(Directive {
            offset: line_start as u32,
            enable,
            codes,
        });
    }
    out
}

/// Which rules are off where.
#[derive(Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
}

impl Suppressions {
    pub fn read(text: &str) -> Suppressions {
        Suppressions::read_at(text, marks(text.as_bytes()))
    }

    /// [`Suppressions::read`] with the occurrences of [`MARK`] already known (every one, in
    /// order): a long draft is then not searched again after each keystroke.
    pub(super) fn read_at(text: &str, marks: impl IntoIterator<Item = usize>) -> Suppressions {
        Suppressions {
            directives: directives(text, marks),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Whether `code` is switched off at `offset`.
    pub fn is_off(&self, code: &str, offset: u32) -> bool {
        let mut off = false;
        for d in self.directives.iter().take_while(|d| d.offset <= offset) {
            if d.codes.is_empty() || d.codes.iter().any(|c| c == code) {
                off = !d.enable;
            }
        }
        off
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_comments_switch_rules_off_and_on() {
        let text = "One.\n<!-- copydesk-disable unattributed-quote -->\nTwo.\n<!-- copydesk-enable -->\nThree.\n";
        let s = Suppressions::read(text);
        let at = |w: &str| text.find(w).unwrap() as u32;
        assert!(!s.is_off("unattributed-quote", at("One")));
        assert!(s.is_off("unattributed-quote", at("Two")));
        assert!(!s.is_off("missing-dateline", at("Two")));
        assert!(!s.is_off("unattributed-quote", at("Three")));
    }

    #[test]
    fn plain_text_lines_work_too_and_no_code_means_every_rule() {
        let text = "One.\ncopydesk-disable\nTwo.\ncopydesk-enable name-variant\nThree.\n";
        let s = Suppressions::read(text);
        let at = |w: &str| text.find(w).unwrap() as u32;
        assert!(s.is_off("anything", at("Two")));
        assert!(!s.is_off("name-variant", at("Three")));
        assert!(s.is_off("unattributed-quote", at("Three")));
    }

    #[test]
    fn a_mention_inside_prose_is_not_a_directive() {
        let text = "Write copydesk-disable on a line of its own.\nTwo.\n";
        assert!(Suppressions::read(text).is_empty());
        assert!(Suppressions::read("<!-- copydesk-disable").is_empty());
    }
}
