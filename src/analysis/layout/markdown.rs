//! Blanking out the parts of a Markdown draft that are not prose: YAML (or TOML) front matter,
//! fenced and indented code, HTML comments and tags, link targets and reference definitions,
//! inline code, thematic breaks and setext underlines. Every blanked byte becomes a space (line
//! breaks are kept), so offsets into the result are offsets into the draft.

/// Returns `None` when nothing needs masking.
pub fn mask(text: &str) -> Option<String> {
    let mut m = Masker { text, buf: None };
    let mut pos = front_matter_end(text);
    if pos > 0 {
        m.blank(0, pos);
    }
    // Line by line: code blocks, reference definitions, rules and underlines.
    let mut fence: Option<(usize, u8, usize)> = None; // (start, fence char, fence length)
    let mut prev_blank = true;
    let mut in_indented_code = false;
    let mut prev_text_line = false;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = &text[pos..line_end];
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        let indent: usize = content
            .bytes()
            .take_while(|b| *b == b' ' || *b == b'\t')
            .map(|b| if b == b'\t' { 4 } else { 1 })
            .sum();
        let blank = trimmed.is_empty();
        if let Some((start, ch, len)) = fence {
            if indent < 4
                && trimmed.bytes().take_while(|b| *b == ch).count() >= len
                && trimmed.trim_start_matches(ch as char).trim().is_empty()
            {
                m.blank(start, line_end);
                fence = None;
            }
        } else if indent < 4 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            let ch = trimmed.as_bytes()[0];
            fence = Some((pos, ch, trimmed.bytes().take_while(|b| *b == ch).count()));
        } else if !blank && indent >= 4 && (prev_blank || in_indented_code) && !prev_text_line {
            in_indented_code = true;
            m.blank(pos, line_end);
        } else if !blank {
            in_indented_code = false;
            let not_prose = is_thematic_break(trimmed)
                || (prev_text_line && is_setext_underline(trimmed))
                || is_reference_definition(trimmed);
            if indent < 4 && not_prose {
                m.blank(pos, line_end);
            }
        }
        if fence.is_none() && !in_indented_code {
            prev_text_line = !blank && !m.is_blanked(pos, line_end);
        } else {
            prev_text_line = false;
        }
        prev_blank = blank;
        pos = line_end;
    }
    if let Some((start, _, _)) = fence {
        m.blank(start, text.len());
    }
    m.inline();
    m.buf.map(|b| {
        String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    })
}

struct Masker<'a> {
    text: &'a str,
    buf: Option<Vec<u8>>,
}

impl Masker<'_> {
    fn blank(&mut self, start: usize, end: usize) {
        let text = self.text;
        let buf = self.buf.get_or_insert_with(|| text.as_bytes().to_vec());
        for b in &mut buf[start..end.min(text.len())] {
            // Keep line breaks so that lines and paragraphs stay where they are. Every byte of a
            // multi-byte character becomes a space, which keeps the result valid UTF-8.
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }

    fn is_blanked(&self, start: usize, end: usize) -> bool {
        self.buf
            .as_ref()
            .is_some_and(|b| b[start..end].iter().all(|c| c.is_ascii_whitespace()))
    }

    /// HTML comments and tags, link targets, autolinks and inline code, over the whole text.
    fn inline(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'<' if text[i..].starts_with("<!--") => {
                    let e = text[i..].find("-->").map_or(text.len(), |j| i + j + 3);
                    self.blank(i, e);
                    i = e;
                }
                b'<' if bytes
                    .get(i + 1)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/') =>
                {
                    // `<div class="x">`, `</span>`, `<https://example.com>`: up to `>` on the line.
                    let stop = text[i..].find(['>', '\n']).map(|j| i + j);
                    match stop {
                        Some(e) if bytes[e] == b'>' => {
                            self.blank(i, e + 1);
                            i = e + 1;
                        }
                        _ => i += 1,
                    }
                }
                b']' if bytes.get(i + 1) == Some(&b'(') => {
                    // `[text](target "title")`: blank `(target "title")`, nested parentheses allowed.
                    let mut depth = 0;
                    let mut j = i + 1;
                    let mut end = None;
                    while j < bytes.len() && bytes[j] != b'\n' {
                        match bytes[j] {
                            b'(' => depth += 1,
                            b')' => {
                                depth -= 1;
                                if depth == 0 {
                                    end = Some(j + 1);
                                    break;
                                }
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    match end {
                        Some(e) => {
                            self.blank(i + 1, e);
                            i = e;
                        }
                        None => i += 1,
                    }
                }
                b'`' => {
                    let ticks = bytes[i..].iter().take_while(|b| **b == b'`').count();
                    let fence = &text[i..i + ticks];
                    match text[i + ticks..].find(fence) {
                        Some(j) => {
                            let e = i + ticks + j + ticks;
                            self.blank(i, e);
                            i = e;
                        }
                        None => i += ticks,
                    }
                }
                _ => i += 1,
            }
        }
    }
}

/// End of a `---` (YAML) or `+++` (TOML) block at the very start, or 0.
fn front_matter_end(text: &str) -> usize {
    for marker in ["---", "+++"] {
        let Some(rest) = text.strip_prefix(marker) else {
            continue;
        };
        let Some(first_break) = rest.find('\n').filter(|i| rest[..*i].trim().is_empty()) else {
            continue;
        };
        let mut pos = marker.len() + first_break + 1;
        for line in text[pos..].split_inclusive('\n') {
            pos += line.len();
            let t = line.trim_end();
            if t == marker || (marker == "---" && t == "...") {
                return pos;
            }
        }
        return 0;
    }
    0
}

fn is_thematic_break(t: &str) -> bool {
    let t = t.trim_end();
    let Some(c) = t.chars().next() else {
        return false;
    };
    matches!(c, '-' | '*' | '_')
        && t.chars().filter(|x| *x == c).count() >= 3
        && t.chars().all(|x| x == c || x == ' ')
}

fn is_setext_underline(t: &str) -> bool {
    let t = t.trim_end();
    !t.is_empty() && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
}

/// `[1]: https://example.com "Title"`.
fn is_reference_definition(t: &str) -> bool {
    t.starts_with('[') && t.find("]:").is_some_and(|i| i > 1 && !t[..i].contains(']'))
}
