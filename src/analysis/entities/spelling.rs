//! Spellings of one name: `Kowalski` and `Kowalsky`, `Sergey` and `Sergei`. The entity pass
//! joins a lone near-miss surname to its person; the `name-variant` rule reports it.

/// A near miss: two spellings of one word (same start, a letter or two apart), not the same word
/// inflected (`Clinton`/`Clintons`) nor a given name and its longer form (`Steve`/`Steven`).
pub fn near_miss(x: &str, y: &str) -> bool {
    let (cx, cy): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    let shorter = cx.len().min(cy.len());
    if shorter < 5 || cx.iter().any(|c| !c.is_alphabetic()) {
        return false;
    }
    // `Kiedis` and `Keidis`: two neighbouring letters swapped, everything else the same.
    if adjacent_swap(&cx, &cy) {
        return true;
    }
    if cx[..3] != cy[..3] {
        return false;
    }
    let limit = if shorter >= 7 { 2 } else { 1 };
    edit_distance(&cx, &cy) <= limit && !inflections_of_one_word(x, y) && !familiar_form(x, y)
}

/// The same letters but for two neighbours swapped (`ie` for `ei`); the first letter stays:
/// `Kiedis` and `Keidis`.
pub fn adjacent_swap(a: &[char], b: &[char]) -> bool {
    if a.len() != b.len() || a.first() != b.first() {
        return false;
    }
    let mut diff = (0..a.len()).filter(|&i| a[i] != b[i]);
    match (diff.next(), diff.next(), diff.next()) {
        (Some(i), Some(j), None) => j == i + 1 && a[i] == b[j] && a[j] == b[i],
        _ => false,
    }
}

/// `Steve` and `Steven`: a given name and its longer form, which people go by in turn (the
/// reporter wrote what the speaker said), not a misspelling.
fn familiar_form(x: &str, y: &str) -> bool {
    use super::lexicon::lexicon;
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let given = |w: &str| lexicon().is_given_name(&w.to_lowercase());
    long.starts_with(short) && given(short) && given(long)
}

/// Endings that make a plural or an adjective of a name rather than another spelling of it.
const INFLECTIONS: [&str; 5] = ["", "s", "es", "ic", "ics"];

/// `Republican` and `Republicans`, `Democrat` and `Democratic`, `Democratic` and `Democrats`,
/// `Clinton` and `the Clintons`, `Golden Globe` and `Golden Globes`: one word with two endings.
/// (Zelensky and Zelenskyy differ by a `y`, which is a transliteration, so they stay variants.)
fn inflections_of_one_word(x: &str, y: &str) -> bool {
    let common = x.bytes().zip(y.bytes()).take_while(|(a, b)| a == b).count();
    // `common` may stop inside a multi-byte character only where the two differ there, and then
    // neither tail is an ASCII ending.
    match (x.get(common..), y.get(common..)) {
        (Some(tail_x), Some(tail_y)) => INFLECTIONS.contains(&tail_x) && INFLECTIONS.contains(&tail_y),
        _ => false,
    }
}

pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        prev = row;
    }
    prev[b.len()]
}

/// The name as it was written before its UTF-8 was decoded as Latin-1 or Windows-1252, once or
/// twice (`FranÃ§ois` is `François`), if it was; `None` for a name that reads right (`João`,
/// `Müller`: their bytes are no UTF-8, so nothing is undone).
pub fn undo_mojibake(name: &str) -> Option<String> {
    if name.is_ascii() || !name.contains(['Ã', 'Â', 'Ä', 'Å', '\u{302}', '\u{303}', '\u{308}', '\u{30A}']) {
        return None;
    }
    // `A` and a combining mark, as some copies store `Ã`.
    let mut cur: String = name
        .replace("A\u{302}", "Â")
        .replace("A\u{303}", "Ã")
        .replace("A\u{308}", "Ä")
        .replace("A\u{30A}", "Å");
    for _ in 0..3 {
        let Some(bytes) = cur.chars().map(windows_1252_byte).collect::<Option<Vec<u8>>>() else { break };
        match String::from_utf8(bytes) {
            Ok(s) if s != cur => cur = s,
            _ => break,
        }
    }
    (cur != name && !cur.contains(['Ã', 'Â'])).then_some(cur)
}

/// The Windows-1252 byte of a character (Latin-1 for the C1 controls it leaves unassigned).
fn windows_1252_byte(c: char) -> Option<u8> {
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80), ('‚', 0x82), ('ƒ', 0x83), ('„', 0x84), ('…', 0x85), ('†', 0x86), ('‡', 0x87),
        ('ˆ', 0x88), ('‰', 0x89), ('Š', 0x8A), ('‹', 0x8B), ('Œ', 0x8C), ('Ž', 0x8E), ('‘', 0x91),
        ('’', 0x92), ('“', 0x93), ('”', 0x94), ('•', 0x95), ('–', 0x96), ('—', 0x97), ('˜', 0x98),
        ('™', 0x99), ('š', 0x9A), ('›', 0x9B), ('œ', 0x9C), ('ž', 0x9E), ('Ÿ', 0x9F),
    ];
    match u32::from(c) {
        n @ 0..=0xFF => Some(n as u8),
        _ => HIGH.iter().find(|(h, _)| *h == c).map(|&(_, b)| b),
    }
}

#[cfg(test)]
mod mojibake_tests {
    use super::undo_mojibake;

    #[test]
    fn mis_decoded_names_are_read_back() {
        assert_eq!(undo_mojibake("FranÃ§ois Hollande").as_deref(), Some("François Hollande"));
        assert_eq!(undo_mojibake("Arturo Sarukh\u{c3}\u{83}\u{c2}\u{a1}n").as_deref(), Some("Arturo Sarukhán"));
        assert_eq!(undo_mojibake("PeA\u{303}\u{b1}a Nieto").as_deref(), Some("Peña Nieto"));
        assert_eq!(undo_mojibake("Ren\u{c3}\u{a9}e").as_deref(), Some("Renée"));
        for right in ["João Silva", "JOÃO", "Müller", "Ã", "Ann Lee", "Åsa Ström"] {
            assert_eq!(undo_mojibake(right), None, "{right}");
        }
    }
}
