//! Quote-like characters of one paragraph and their likely roles.
//!
//! Runs inside the cached per-paragraph layer, so it may depend on the paragraph's text only.
//! Curly marks mostly say what they are, straight ones do not: the role comes from what touches
//! the mark on each side (like Markdown's flanking rules). Apostrophes are told apart here too:
//! elisions (`’90s`, `'em`, `rock 'n' roll`), the clitics of pre-tokenised text (`I 'm`) and
//! plural possessives (`countries’`, a closing-looking mark with no single quote open before it).

use super::{MarkRole, MarkStyle, QuoteMark};
use crate::analysis::span::Span;
use crate::analysis::tokens::{Token, TokenKind};

/// Whether a mark is of the outer (double) or inner (single) level of quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Double,
    Single,
}

/// The level of a quotation mark's text (`“`, `'`, a doubled backtick...).
pub fn level_of(mark: &str) -> Level {
    match mark {
        "'" | "‘" | "’" | "‹" | "›" | "‚" | "‛" | "`" => Level::Single,
        _ => Level::Double,
    }
}

fn style_of(c: char) -> MarkStyle {
    match c {
        '«' | '»' | '‹' | '›' => MarkStyle::Guillemet,
        '„' | '‚' => MarkStyle::LowHigh,
        '\'' | '‘' | '’' | '‛' | '`' => MarkStyle::Single,
        _ => MarkStyle::Double,
    }
}

/// Words that lose their first letters behind an apostrophe: `'em`, `'til`, `'cause`.
const ELISIONS: &[&str] = &[
    "em", "til", "tis", "twas", "cause", "bout", "n", "nother", "kay", "cuz", "ya",
];

/// Clitics that pre-tokenised text splits off behind a space: `I 'm`, `Hoddle 's`.
const CLITICS: &[&str] = &["s", "m", "re", "ve", "ll", "d"];

/// Finds and classifies the quote-like marks of one paragraph.
pub fn scan_marks(text: &str, tokens: &[Token]) -> Vec<QuoteMark> {
    let mut marks = Vec::new();
    // Single quotes opened and not yet closed: decides whether `countries’` closes one.
    let mut open_singles = 0usize;
    let mut tex_open = false;
    let mut i = 0;
    while i < tokens.len() {
        let tok = tokens[i];
        if tok.kind != TokenKind::QuoteMark {
            i += 1;
            continue;
        }
        let s = tok.span.start as usize;
        let e = tok.span.end as usize;
        let c = text[s..].chars().next().unwrap_or('"');
        let before = text[..s].chars().next_back();
        let after = text[e..].chars().next();
        // ``TeX-style'' doubled marks make one double mark.
        let doubled = matches!(c, '`' | '\'')
            && tokens.get(i + 1).is_some_and(|n| {
                n.kind == TokenKind::QuoteMark
                    && n.span.start as usize == e
                    && n.span.text(text) == c.encode_utf8(&mut [0; 4])
            });
        if doubled {
            // Two apostrophes close a double quote only after TeX's two backticks. Elsewhere
            // (`''Yes,'' he said.` in some newspaper archives) they are a typesetting relic that
            // the annotated corpora do not count as quotation marks either, so they are skipped.
            let role = if c == '`' {
                tex_open = true;
                MarkRole::Open
            } else if tex_open {
                tex_open = false;
                MarkRole::Close
            } else {
                MarkRole::Apostrophe
            };
            marks.push(QuoteMark {
                span: Span::new(s, e + 1),
                style: MarkStyle::Double,
                role,
            });
            i += 2;
            continue;
        }
        let style = style_of(c);
        // Markup that slipped into the text (`<tweet id="7213">`): an attribute value is quoted,
        // but it is not a quotation; its closing mark goes with it.
        if before == Some('=') && level_of(tok.span.text(text)) == Level::Double {
            marks.push(QuoteMark {
                span: tok.span,
                style,
                role: MarkRole::Apostrophe,
            });
            let close = tokens[i + 1..].iter().take(40).position(|t| {
                t.kind == TokenKind::QuoteMark && t.span.text(text) == tok.span.text(text)
            });
            if let Some(k) = close {
                let t = tokens[i + 1 + k];
                marks.push(QuoteMark {
                    span: t.span,
                    style,
                    role: MarkRole::Apostrophe,
                });
                i += k + 2;
            } else {
                i += 1;
            }
            continue;
        }
        let role = match c {
            // `India"s`: a straight double mark between letters stands in for an apostrophe.
            '"' if before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic) => {
                MarkRole::Apostrophe
            }
            '"' | '“' | '”' | '‟' | '«' | '»' | '„' => double_role(c, before, after),
            '‚' => {
                // A low single mark is usually a comma-like glyph unless it opens a word.
                if is_space(before) && after.is_some_and(char::is_alphanumeric) {
                    MarkRole::Open
                } else {
                    MarkRole::Apostrophe
                }
            }
            '‹' | '›' => double_role(if c == '‹' { '«' } else { '»' }, before, after),
            _ => single_role(text, tokens, i, c, before, after, open_singles),
        };
        if style == MarkStyle::Single || c == '‹' || c == '›' || c == '‚' {
            match role {
                MarkRole::Open => open_singles += 1,
                MarkRole::Close => open_singles = open_singles.saturating_sub(1),
                MarkRole::Either if open_singles > 0 => open_singles -= 1,
                MarkRole::Either => open_singles += 1,
                MarkRole::Apostrophe => {}
            }
        }
        // `rock 'n' roll`: the second mark of the elision is an apostrophe too.
        if role == MarkRole::Apostrophe && is_n_elision(text, tokens, i) {
            marks.push(QuoteMark {
                span: tok.span,
                style,
                role,
            });
            marks.push(QuoteMark {
                span: tokens[i + 2].span,
                style,
                role,
            });
            i += 3;
            continue;
        }
        marks.push(QuoteMark {
            span: tok.span,
            style,
            role,
        });
        i += 1;
    }
    marks
}

fn is_space(c: Option<char>) -> bool {
    c.map_or(true, char::is_whitespace)
}

/// Characters after which a mark may open: space, brackets, dashes, slashes.
fn opens_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '―' | ':' | '>')
        }
    }
}

/// Role from what touches the mark: a word after and space before opens; the reverse closes.
fn flank_role(before: Option<char>, after: Option<char>) -> MarkRole {
    let can_open = !is_space(after) && opens_after(before);
    let can_close = !is_space(before)
        && !before.is_some_and(|b| matches!(b, '(' | '[' | '{'))
        && (is_space(after) || after.is_some_and(|a| !a.is_alphanumeric()));
    match (can_open, can_close) {
        (true, false) => MarkRole::Open,
        (false, true) => MarkRole::Close,
        _ => MarkRole::Either,
    }
}

fn double_role(c: char, before: Option<char>, after: Option<char>) -> MarkRole {
    let flank = flank_role(before, after);
    match c {
        // Curly marks say which way they face, unless the context clearly says otherwise
        // (`”Fortunately` at a paragraph start, `Wins“ that`).
        '“' | '«' | '„' | '‟' => {
            if flank == MarkRole::Close && matches!(c, '“' | '«') {
                MarkRole::Close
            } else {
                MarkRole::Open
            }
        }
        '”' | '»' => {
            // French spacing (`« Oui »`) puts a space inside the marks: only a mark glued to the
            // word after it turns round.
            if flank == MarkRole::Open && after.is_some_and(char::is_alphanumeric) {
                MarkRole::Open
            } else {
                MarkRole::Close
            }
        }
        _ => flank,
    }
}

fn single_role(
    text: &str,
    tokens: &[Token],
    i: usize,
    c: char,
    before: Option<char>,
    after: Option<char>,
    open_singles: usize,
) -> MarkRole {
    let next_word = tokens
        .get(i + 1)
        .filter(|n| {
            n.span.start == tokens[i].span.end
                && n.kind != TokenKind::QuoteMark
                && n.kind != TokenKind::Punct
        })
        .map(|n| n.text(text));
    let next_ends_word = tokens.get(i + 2).map_or(true, |n| {
        n.span.start > tokens[i + 1].span.end || n.kind != TokenKind::Word
    });
    if opens_after(before) {
        if let Some(w) = next_word {
            // `’90s`, `'08`.
            let digits = w.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 2 && (w.len() == 2 || w[2..].eq_ignore_ascii_case("s")) {
                return MarkRole::Apostrophe;
            }
            let lower = w.to_ascii_lowercase();
            if c != '‘' && next_ends_word && ELISIONS.contains(&lower.as_str()) {
                return MarkRole::Apostrophe;
            }
            // Pre-tokenised clitics: `I 'm`, `Smith 's`.
            if is_space(before)
                && before.is_some()
                && CLITICS.contains(&lower.as_str())
                && next_ends_word
            {
                let followed_by_space =
                    is_space(text[tokens[i + 1].span.end as usize..].chars().next());
                if followed_by_space {
                    return MarkRole::Apostrophe;
                }
            }
        }
    }
    // Between two letters a single mark is always an apostrophe, whatever its shape: `Trump‘s`.
    if before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic) {
        return MarkRole::Apostrophe;
    }
    let flank = flank_role(before, after);
    match (c, flank) {
        // A mark after a letter that closes nothing is an apostrophe: `countries’`, `goin'`.
        ('’' | '\'', MarkRole::Close)
            if open_singles == 0 && before.is_some_and(char::is_alphanumeric) =>
        {
            MarkRole::Apostrophe
        }
        ('‘', MarkRole::Either) => MarkRole::Open,
        ('’', MarkRole::Either) => {
            if open_singles > 0 {
                MarkRole::Close
            } else {
                MarkRole::Apostrophe
            }
        }
        ('‘', MarkRole::Close) if open_singles == 0 => MarkRole::Open,
        (_, role) => role,
    }
}

/// `'n'` as in `rock 'n' roll`: mark, `n`, mark, with nothing between.
fn is_n_elision(text: &str, tokens: &[Token], i: usize) -> bool {
    let (Some(n), Some(m)) = (tokens.get(i + 1), tokens.get(i + 2)) else {
        return false;
    };
    n.span.start == tokens[i].span.end
        && n.text(text).eq_ignore_ascii_case("n")
        && m.kind == TokenKind::QuoteMark
        && m.span.start == n.span.end
        && level_of(m.text(text)) == Level::Single
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;

    fn roles(text: &str) -> Vec<(String, MarkRole)> {
        let toks = tokenize(text);
        scan_marks(text, &toks)
            .into_iter()
            .map(|m| (m.span.text(text).to_string(), m.role))
            .collect()
    }

    fn role_list(text: &str) -> Vec<MarkRole> {
        roles(text).into_iter().map(|(_, r)| r).collect()
    }

    use MarkRole::*;

    #[test]
    fn curly_and_straight_doubles() {
        assert_eq!(
            role_list("“Yes,” she said. \"No,\" he said."),
            [Open, Close, Open, Close]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            role_list("the countries’ envoys in the ’90s"),
            [Apostrophe, Apostrophe]
        );
        assert_eq!(
            role_list("rock 'n' roll and 'em"),
            [Apostrophe, Apostrophe, Apostrophe]
        );
        assert_eq!(role_list("rock ’n’ roll"), [Apostrophe, Apostrophe]);
    }

    #[test]
    fn a_straight_double_mark_between_letters_is_an_apostrophe() {
        assert_eq!(role_list("India\"s budget"), [Apostrophe]);
    }

    #[test]
    fn nested_single_quotes_open_and_close() {
        assert_eq!(
            role_list("\"Russia is not ‘cooperating.’ Fine,\" he said."),
            [Open, Open, Close, Close]
        );
        assert_eq!(role_list("a new 'partner country' category"), [Open, Close]);
    }

    #[test]
    fn pretokenised_text() {
        assert_eq!(
            role_list("\" I 'm sure , \" Hoddle said ."),
            [Either, Apostrophe, Either]
        );
    }

    #[test]
    fn misturned_curly_marks_follow_their_context() {
        assert_eq!(role_list("If Donald Trump Wins“ that"), [Close]);
        assert_eq!(role_list("”Fortunately, no.”"), [Open, Close]);
    }

    #[test]
    fn markup_attribute_values_are_not_quotes() {
        assert_eq!(
            role_list("<tweet id=\"12\" author=\"@x\">\"Hi,\" he said"),
            [Apostrophe, Apostrophe, Apostrophe, Apostrophe, Open, Close]
        );
    }

    #[test]
    fn guillemets_and_low_high() {
        assert_eq!(
            role_list("«Oui», dit-il. „Ja“, sagte er."),
            [Open, Close, Open, Close]
        );
    }

    #[test]
    fn tex_style_doubled_marks() {
        assert_eq!(
            roles("``Yes,'' he said."),
            [("``".into(), Open), ("''".into(), Close)]
        );
        assert_eq!(role_list("''Yes,'' he said."), [Apostrophe, Apostrophe]);
    }
}
