//! Deterministic random edits for the tests that compare a remembered result with a fresh one
//! after each edit (layout, quote pairing, the rules' memory, text search): one generator and one
//! way of editing at a character boundary, so that those tests differ only in what they check.

use super::Unchanged;

/// A xorshift generator: a fixed seed keeps a test deterministic.
pub(crate) struct RandomEdits(u64);

impl RandomEdits {
    pub(crate) fn new(seed: u64) -> RandomEdits {
        RandomEdits(seed)
    }

    /// A number below `below` (0 when `below` is 0).
    pub(crate) fn below(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below.max(1) as u64) as usize
    }

    /// A random place in `text`, moved back to a character boundary.
    pub(crate) fn boundary(&mut self, text: &str) -> usize {
        floor_boundary(text, self.below(text.len() + 1))
    }

    /// In one edit of three, deletes fewer than `max_cut` bytes at a random place (to a character
    /// boundary); otherwise inserts one of `pieces` there. Returns the edit as an editor reports
    /// it (which may understate what it left alone: `x` typed after an `x`).
    pub(crate) fn cut_or_insert(&mut self, text: &mut String, pieces: &[&str], max_cut: usize) -> Unchanged {
        let (at, old_len) = (self.boundary(text), text.len());
        if self.below(3) == 0 {
            let end = floor_boundary(text, (at + self.below(max_cut)).min(text.len()));
            text.replace_range(at..end, "");
            Unchanged::of_change(old_len, at, end, 0)
        } else {
            let piece = pieces[self.below(pieces.len())];
            text.insert_str(at, piece);
            Unchanged::of_change(old_len, at, at, piece.len())
        }
    }
}

/// `at`, or the nearest character boundary before it.
pub(crate) fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
