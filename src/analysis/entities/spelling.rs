//! Spellings of one name: `Kowalski` and `Kowalsky`, `Sergey` and `Sergei`. The entity pass
//! joins a lone near-miss surname to its person; the `name-variant` rule reports it.

/// A near miss: two spellings of one word (same start, a letter or two apart), not the same word
/// inflected (`Clinton`/`Clintons`) nor a given name and its longer form (`Steve`/`Steven`).
pub fn near_miss(x: &str, y: &str) -> bool {
    let (cx, cy): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    let shorter = cx.len().min(cy.len());
    if shorter < 5 || cx[..3] != cy[..3] || cx.iter().any(|c| !c.is_alphabetic()) {
        return false;
    }
    let limit = if shorter >= 7 { 2 } else { 1 };
    edit_distance(&cx, &cy) <= limit && !inflections_of_one_word(x, y) && !familiar_form(x, y)
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
