//! Byte spans: the one position type of the core.

/// A half-open byte range `start..end` into a document's text.
///
/// Always on `char` boundaries of the text it was made from. Offsets are `u32`: a draft is far below
/// 4 GiB, and halving the size of every span keeps the per-paragraph caches small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span end {end} before start {start}");
        Span { start: start as u32, end: end.max(start) as u32 }
    }

    pub fn empty_at(offset: usize) -> Span {
        Span::new(offset, offset)
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// This span moved right by `offset` bytes: a paragraph-relative span made absolute.
    pub fn shift(self, offset: u32) -> Span {
        Span { start: self.start + offset, end: self.end + offset }
    }

    /// This span moved by `delta` bytes either way: where text after an edit now sits.
    pub fn moved_by(self, delta: i64) -> Span {
        Span { start: (self.start as i64 + delta) as u32, end: (self.end as i64 + delta) as u32 }
    }

    pub fn contains(self, offset: usize) -> bool {
        (self.start as usize) <= offset && offset < self.end as usize
    }

    pub fn contains_span(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// This span's `(start, end)` relative to `outer`'s start, if `outer` contains it: the key a
    /// paragraph's memo keeps a quote under.
    pub fn relative_to(self, outer: Span) -> Option<(u32, u32)> {
        outer.contains_span(self).then(|| (self.start - outer.start, self.end - outer.start))
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// The text this span covers.
    pub fn text(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }
}

/// The largest character boundary at or before `offset`, within the text: where a byte window
/// reaching back (or a limit) may start without splitting a character.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// `list.partition_point(is_before)`, sought from `near` (the answer of a nearby question): by
/// steps doubling forward when the answer is at or after it, else by a binary search before it.
/// Questions asked in document order over a long list (a frequent speaker's mentions, a long
/// draft's paragraphs) then read a few neighbouring items each, not a binary search's far-apart
/// ones. `is_before` must hold for a prefix of the list and for nothing after it.
pub fn partition_point_near<T>(list: &[T], near: usize, is_before: impl Fn(&T) -> bool) -> usize {
    let near = near.min(list.len());
    if near > 0 && !is_before(&list[near - 1]) {
        return list[..near].partition_point(is_before);
    }
    // Everything before `lo` is before; the item at `hi`, if any, is not.
    let (mut lo, mut hi, mut step) = (near, near, 1);
    while hi < list.len() && is_before(&list[hi]) {
        lo = hi + 1;
        hi = (lo + step).min(list.len());
        step *= 2;
    }
    lo + list[lo..hi].partition_point(is_before)
}

#[cfg(test)]
mod tests {
    use super::partition_point_near;
    use crate::analysis::random_edits::RandomEdits;

    #[test]
    fn partition_point_near_is_partition_point_from_anywhere() {
        let mut random = RandomEdits::new(0x3c6e_f372_fe94_f82b);
        for _ in 0..4000 {
            let mut list: Vec<usize> = (0..random.below(70)).map(|_| random.below(100)).collect();
            list.sort();
            let target = random.below(110);
            let near = random.below(list.len() + 5);
            assert_eq!(partition_point_near(&list, near, |&x| x < target), list.partition_point(|&x| x < target), "{list:?} {target} from {near}");
        }
    }
}
