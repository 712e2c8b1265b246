//! Tokens: words, numbers, punctuation and quotation marks, with byte spans.
//!
//! The tokenizer never fails and never drops text: every non-space character lands in exactly one
//! token. Apostrophes between letters (`don't`, `O’Brien`) stay inside their word; every other
//! quote-like character becomes a [`TokenKind::QuoteMark`] so that the quote scanner can decide
//! whether it opens, closes or is an apostrophe (`countries’`, `’90s`).

use super::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with inner apostrophes, hyphens and the dots of initialisms (`U.S.`, `a.m.`).
    Word,
    /// Digits, with inner `,` `.` `:` `/` (`1,000`, `3.5`, `9:30`, `1/8`).
    Number,
    /// One quotation mark or apostrophe-like character.
    QuoteMark,
    /// Any other single character that is not white space.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

impl Token {
    pub fn text(self, text: &str) -> &str {
        self.span.text(text)
    }
}

/// Characters that may be quotation marks or apostrophes.
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\u{00AB}' | '\u{00BB}'
            | '\u{201E}' | '\u{201A}' | '\u{2039}' | '\u{203A}' | '\u{201F}' | '\u{201B}' | '`'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

fn is_word_char(c: char) -> bool {
    // News copy is full of curly quotes and dashes from the General Punctuation block, which
    // holds no letter or digit: answered without a Unicode table search (a test checks the block).
    if GENERAL_PUNCTUATION.contains(&c) {
        return false;
    }
    c.is_alphanumeric() || c == '_'
}

const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// A character of U+0080..U+00BF right after `Â`..`Å` (bytes C3 82..C3 85, or `A` and a
/// combining circumflex, tilde, diaeresis or ring): the second half of a letter whose UTF-8 was
/// decoded as Latin-1 (`PeÃ±a` for `Peña`, `SarukhÃ\u{83}Â¡n` for `Sarukhán`, decoded twice). The
/// word goes on, so a mis-decoded name stays one name.
fn is_mojibake_continuation(bytes: &[u8], i: usize) -> bool {
    if bytes.get(i) != Some(&0xC2) || !bytes.get(i + 1).is_some_and(|b| (0x80..=0xBF).contains(b)) || i < 2 {
        return false;
    }
    let composed = bytes[i - 2] == 0xC3 && (0x82..=0x85).contains(&bytes[i - 1]);
    let decomposed =
        i >= 3 && bytes[i - 3] == b'A' && bytes[i - 2] == 0xCC && matches!(bytes[i - 1], 0x82 | 0x83 | 0x88 | 0x8A);
    composed || decomposed
}

/// Splits `text` into tokens. Spans are relative to `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let b = bytes[i];
        // ASCII is most of the text: words and single marks are told apart by one table lookup.
        if b < 0x80 {
            let start = i;
            let kind = match ASCII_CLASS[b as usize] {
                AsciiClass::Space => {
                    i += 1;
                    continue;
                }
                AsciiClass::Digit => None,
                AsciiClass::Word => {
                    i = scan_ascii_word(text, i);
                    Some(TokenKind::Word)
                }
                AsciiClass::Quote => {
                    i += 1;
                    Some(TokenKind::QuoteMark)
                }
                AsciiClass::Punct => {
                    i += 1;
                    Some(TokenKind::Punct)
                }
            };
            if let Some(kind) = kind {
                tokens.push(Token { span: Span::new(start, i), kind });
                continue;
            }
        }
        let c = if b < 0x80 { b as char } else { char_at(text, i) };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            i = scan_number(text, i);
            // `1990s`, `3rd`, `20-year-old`: a number glued to letters is a word.
            if i < text.len() && is_word_char(char_at(text, i)) {
                i = scan_word(text, i);
                tokens.push(Token { span: Span::new(start, i), kind: TokenKind::Word });
            } else {
                tokens.push(Token { span: Span::new(start, i), kind: TokenKind::Number });
            }
        } else if is_word_char(c) {
            i = scan_word(text, i);
            tokens.push(Token { span: Span::new(start, i), kind: TokenKind::Word });
        } else if is_quote_char(c) {
            i += c.len_utf8();
            tokens.push(Token { span: Span::new(start, i), kind: TokenKind::QuoteMark });
        } else {
            i += c.len_utf8();
            tokens.push(Token { span: Span::new(start, i), kind: TokenKind::Punct });
        }
    }
    tokens
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

fn scan_number(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            i += 1;
        } else if matches!(b, b',' | b'.' | b':' | b'/')
            && i + 1 < bytes.len()
            && bytes[i + 1].is_ascii_digit()
        {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// What an ASCII character starts, as [`tokenize`] reads it.
#[derive(Clone, Copy)]
enum AsciiClass {
    /// White space ([`char::is_whitespace`]: includes the vertical tab).
    Space,
    Digit,
    /// A letter or `_`.
    Word,
    /// `"`, `'` or a backtick ([`is_quote_char`]).
    Quote,
    Punct,
}

static ASCII_CLASS: [AsciiClass; 128] = {
    let mut table = [AsciiClass::Punct; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            AsciiClass::Space
        } else if c.is_ascii_digit() {
            AsciiClass::Digit
        } else if c.is_ascii_alphabetic() || c == b'_' {
            AsciiClass::Word
        } else if matches!(c, b'"' | b'\'' | b'`') {
            AsciiClass::Quote
        } else {
            AsciiClass::Punct
        };
        b += 1;
    }
    table
};

/// Bytes that are ASCII word characters ([`is_word_char`]): letters, digits and `_`.
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// [`scan_word`] from an ASCII letter: most words are ASCII letters up to a space or a mark that
/// cannot join a word, which this reads without a call; any other word is left to [`scan_word`].
#[inline(always)]
fn scan_ascii_word(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let end = start + bytes[start..].iter().take_while(|&&b| ASCII_WORD[b as usize]).count();
    match bytes.get(end) {
        None => end,
        Some(&b) if ends_a_word(b) => end,
        Some(_) => scan_word(text, start),
    }
}

/// Whether the byte after a word's letters ends it for sure: an ASCII mark that cannot join
/// (only an apostrophe, a hyphen or a full stop may, and a non-ASCII character must be decoded).
#[inline(always)]
fn ends_a_word(b: u8) -> bool {
    b < 0x80 && !matches!(b, b'\'' | b'-' | b'.')
}

fn scan_word(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    let start = i;
    loop {
        // The run of letters and digits (ASCII ones without decoding: the same test, faster).
        while i < bytes.len() {
            // A tight loop over the ASCII word bytes first, the bulk of most words.
            i += bytes[i..].iter().take_while(|&&b| ASCII_WORD[b as usize]).count();
            if i >= bytes.len() || bytes[i] < 0x80 {
                break;
            }
            let c = char_at(text, i);
            if is_word_char(c) || is_combining(c) || is_mojibake_continuation(bytes, i) {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        if i >= text.len() {
            return i;
        }
        // Most words end at a space or an ASCII mark that cannot join: nothing to decode.
        if ends_a_word(bytes[i]) {
            return i;
        }
        let c = char_at(text, i);
        let after = i + c.len_utf8();
        let next = if after < text.len() { char_at(text, after) } else { '\0' };
        // An apostrophe or hyphen between letters joins: don't, O’Brien, case-by-case.
        if (is_apostrophe(c) || c == '-' || c == '\u{2011}') && is_word_char(next) {
            i = after;
            continue;
        }
        // The dots of an initialism: U.S., a.m., U.N.-backed. Only single letters qualify, so the
        // full stop after a normal word stays a separate token for the sentence splitter.
        if c == '.' {
            // The word's last segment: after its last non-word char (only `start..i` can hold one
            // that counts, as the segment never starts before the word).
            let segment_start = text[start..i]
                .rfind(|ch: char| !is_word_char(ch))
                .map(|p| start + p + text[start + p..].chars().next().map_or(1, char::len_utf8))
                .unwrap_or(start);
            let segment = &text[segment_start..i];
            if segment.chars().count() == 1 && segment.chars().all(char::is_alphabetic) {
                let next_is_letter = next.is_alphabetic();
                let seen_dot = text[start..i].contains('.');
                if next_is_letter {
                    // U.S -> keep going into the next letter.
                    let next_after = after + next.len_utf8();
                    let next_next =
                        if next_after < text.len() { char_at(text, next_after) } else { '\0' };
                    if next_next == '.' {
                        i = after;
                        continue;
                    }
                }
                if seen_dot {
                    // The last dot of U.S. belongs to the word.
                    return after;
                }
            }
        }
        return i;
    }
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mis_decoded_letter_stays_inside_its_word() {
        let words = |t: &str| tokenize(t).iter().map(|k| k.text(t).to_string()).collect::<Vec<_>>();
        // Once, twice, and once in decomposed form (`A` and a combining tilde).
        assert_eq!(words("Pe\u{c3}\u{b1}a said"), ["Pe\u{c3}\u{b1}a", "said"]);
        assert_eq!(words("Sarukh\u{c3}\u{83}\u{c2}\u{a1}n said"), ["Sarukh\u{c3}\u{83}\u{c2}\u{a1}n", "said"]);
        assert_eq!(words("PeA\u{303}\u{b1}a"), ["PeA\u{303}\u{b1}a"]);
        // A Latin-1 sign after an ordinary letter is still its own token.
        assert_eq!(words("Pe\u{b1}a"), ["Pe", "\u{b1}", "a"]);
    }

    #[test]
    fn general_punctuation_holds_no_word_character() {
        for c in GENERAL_PUNCTUATION {
            assert!(!c.is_alphanumeric() && c != '_', "{c:?} ({:#x})", c as u32);
        }
    }

    #[test]
    fn ascii_classes_agree_with_the_char_tests() {
        for b in 0u8..128 {
            let c = b as char;
            let expected = if c.is_whitespace() {
                "space"
            } else if c.is_ascii_digit() {
                "digit"
            } else if is_word_char(c) {
                "word"
            } else if is_quote_char(c) {
                "quote"
            } else {
                "punct"
            };
            let got = match ASCII_CLASS[b as usize] {
                AsciiClass::Space => "space",
                AsciiClass::Digit => "digit",
                AsciiClass::Word => "word",
                AsciiClass::Quote => "quote",
                AsciiClass::Punct => "punct",
            };
            assert_eq!(got, expected, "byte {b:#04x}");
            assert_eq!(ASCII_WORD[b as usize], is_word_char(c), "byte {b:#04x}");
        }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn keeps_inner_apostrophes_and_initialisms() {
        assert_eq!(
            words("Don't the U.S. and O’Brien's case-by-case 1,000.5 pounds."),
            ["Don't", "the", "U.S.", "and", "O’Brien's", "case-by-case", "1,000.5", "pounds", "."]
        );
    }

    #[test]
    fn quote_marks_are_their_own_tokens() {
        assert_eq!(words("“Yes,” ’90s countries’"), ["“", "Yes", ",", "”", "’", "90s", "countries", "’"]);
    }

    #[test]
    fn never_loses_text() {
        let text = "a\u{301}b ☃ 日本語 — «x»";
        let toks = tokenize(text);
        let joined: String = toks.iter().map(|t| t.text(text)).collect();
        assert_eq!(joined, text.chars().filter(|c| !c.is_whitespace()).collect::<String>());
    }
}
