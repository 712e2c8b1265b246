//! Word alignment of a quote against a window of notes: the whole quote, any stretch of the notes.

/// How a quote lines up with a stretch of a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// Window positions of the first and last notes words the quote lines up with.
    pub first: usize,
    pub last: usize,
    /// Quote words equal to the notes word they line up with.
    pub matched: usize,
}

const MATCH: i32 = 2;
const CHANGE: i32 = -1;
const SKIP: i32 = -1;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Start,
    Diagonal,
    /// A quote word with no notes word (the draft added it).
    Up,
    /// A notes word with no quote word (the draft dropped it).
    Left,
}

/// Aligns every quote word against some stretch of `window` (a fitting alignment: the notes may
/// start and end anywhere). `None` words never match. `None` when nothing matches.
pub fn fit(quote: &[Option<u32>], window: &[u32]) -> Option<Fit> {
    let (n, m) = (quote.len(), window.len());
    if n == 0 || m == 0 {
        return None;
    }
    let width = m + 1;
    let mut score = vec![0i32; (n + 1) * width];
    let mut step = vec![Step::Start; (n + 1) * width];
    for i in 1..=n {
        score[i * width] = score[(i - 1) * width] + SKIP;
        step[i * width] = Step::Up;
        for j in 1..=m {
            let same = quote[i - 1] == Some(window[j - 1]);
            let diagonal = score[(i - 1) * width + j - 1] + if same { MATCH } else { CHANGE };
            let up = score[(i - 1) * width + j] + SKIP;
            let left = score[i * width + j - 1] + SKIP;
            let (s, st) = if diagonal >= up && diagonal >= left {
                (diagonal, Step::Diagonal)
            } else if up >= left {
                (up, Step::Up)
            } else {
                (left, Step::Left)
            };
            score[i * width + j] = s;
            step[i * width + j] = st;
        }
    }
    let last_row = &score[n * width..];
    let end = (1..=m).max_by_key(|&j| (last_row[j], std::cmp::Reverse(j)))?;
    let (mut i, mut j) = (n, end);
    let (mut first, mut last, mut matched) = (None, None, 0);
    while i > 0 {
        match step[i * width + j] {
            Step::Diagonal => {
                if quote[i - 1] == Some(window[j - 1]) {
                    matched += 1;
                    last.get_or_insert(j - 1);
                    first = Some(j - 1);
                }
                i -= 1;
                j -= 1;
            }
            Step::Up => i -= 1,
            Step::Left => j -= 1,
            Step::Start => break,
        }
    }
    Some(Fit { first: first?, last: last?, matched })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(ids: &[u32]) -> Vec<Option<u32>> {
        ids.iter().map(|&i| Some(i)).collect()
    }

    #[test]
    fn finds_the_stretch_with_a_changed_and_a_dropped_word() {
        // notes: 9 9 1 2 3 4 5 9 ; quote: 1 7 3 5 (2 changed to 7, 4 dropped)
        let fit = fit(&q(&[1, 7, 3, 5]), &[9, 9, 1, 2, 3, 4, 5, 9]).unwrap();
        assert_eq!((fit.first, fit.last, fit.matched), (2, 6, 3));
    }

    #[test]
    fn nothing_in_common_is_none() {
        assert_eq!(fit(&q(&[1, 2]), &[3, 4, 5]), None);
        assert_eq!(fit(&[None, None], &[3, 4]), None);
    }
}
