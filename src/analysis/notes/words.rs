//! Word-level normalisation shared by the notes index and the quotes checked against it.
//!
//! A word is a run of letters and digits, with apostrophes between letters kept (`don't`,
//! `O’Brien` -> `o'brien`). Case, punctuation, quotation marks and hyphens are dropped, so
//! `“Well-known,” he…` and `"well known" he...` read the same.

/// Apostrophe-like characters that may sit inside a word.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`')
}

/// Calls `f(start, end, normalised)` for each word of `text`, byte offsets into `text`. `buf` is
/// reused between calls so that indexing does not allocate per word.
pub fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(usize, usize, &str)) {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        buf.clear();
        push_lower(buf, c);
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                push_lower(buf, c);
                end = i + c.len_utf8();
                chars.next();
            } else if is_apostrophe(c) {
                // Inside a word only when a letter follows: `don't`, not `countries'`.
                let mut ahead = text[i + c.len_utf8()..].chars();
                if ahead.next().is_some_and(char::is_alphanumeric) {
                    buf.push('\'');
                    chars.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        f(start, end, buf);
    }
}

fn push_lower(buf: &mut String, c: char) {
    if c.is_ascii() {
        buf.push(c.to_ascii_lowercase());
    } else {
        buf.extend(c.to_lowercase());
    }
}

/// One piece of a quote as the draft wrote it: words, or a gap where the writer cut (`...`, `…`)
/// or replaced words (`[the plan]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuotePiece {
    Word(String),
    Gap,
}

/// Splits a quote's text into words and gaps.
pub fn quote_pieces(text: &str) -> Vec<QuotePiece> {
    let mut pieces = Vec::new();
    let mut buf = String::new();
    let mut rest = text;
    // Cut the text at every ellipsis and bracketed insertion; the words between are read normally.
    while !rest.is_empty() {
        let cut = rest.char_indices().find(|&(i, c)| c == '…' || c == '[' || rest[i..].starts_with("..."));
        let (plain, after) = match cut {
            Some((i, _)) => rest.split_at(i),
            None => (rest, ""),
        };
        for_each_word(plain, &mut buf, |_, _, w| pieces.push(QuotePiece::Word(w.to_string())));
        if after.is_empty() {
            break;
        }
        if pieces.last() != Some(&QuotePiece::Gap) {
            pieces.push(QuotePiece::Gap);
        }
        let skip = if after.starts_with('[') {
            after.find(']').map_or(after.len(), |j| j + 1)
        } else if after.starts_with('…') {
            '…'.len_utf8()
        } else {
            after.len() - after.trim_start_matches('.').len()
        };
        rest = &after[skip..];
    }
    if pieces.first() == Some(&QuotePiece::Gap) {
        pieces.remove(0);
    }
    if pieces.last() == Some(&QuotePiece::Gap) {
        pieces.pop();
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, &mut String::new(), |_, _, w| out.push(w.to_string()));
        out
    }

    #[test]
    fn ignores_case_punctuation_and_curly_marks() {
        assert_eq!(words("“We Don’t know,” he said—well-known."), ["we", "don't", "know", "he", "said", "well", "known"]);
        assert_eq!(words("the countries' rules"), ["the", "countries", "rules"]);
        assert_eq!(words("Ärger über 1,000"), ["ärger", "über", "1", "000"]);
    }

    #[test]
    fn ellipses_and_brackets_become_gaps() {
        use QuotePiece::*;
        let w = |s: &str| Word(s.to_string());
        assert_eq!(quote_pieces("We will ... rebuild"), [w("we"), w("will"), Gap, w("rebuild")]);
        assert_eq!(quote_pieces("[The plan] is ready…"), [w("is"), w("ready")]);
        assert_eq!(quote_pieces("a [sic"), [w("a")]);
    }
}
