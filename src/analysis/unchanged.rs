//! What an edit left alone of a text ([`Unchanged`]), and where that puts the old text's offsets
//! in the new: the one comparison of two versions of a draft that the analysis, coreference, the
//! rules' memos and the server share.

use super::span::Span;

/// What an edit left alone: the first `prefix` bytes of the old and new text, and their last
/// `suffix` bytes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Unchanged {
    pub prefix: usize,
    pub suffix: usize,
    pub old_len: usize,
    pub new_len: usize,
}

impl Unchanged {
    pub(crate) fn between(old: &str, new: &str) -> Unchanged {
        Unchanged::extended(old, new, 0, 0)
    }

    /// What one change left alone: the bytes `start..end` of a text `old_len` bytes long replaced
    /// by `inserted` bytes (`start <= end <= old_len`).
    pub fn of_change(old_len: usize, start: usize, end: usize, inserted: usize) -> Unchanged {
        Unchanged { prefix: start, suffix: old_len - end, old_len, new_len: start + inserted + (old_len - end) }
    }

    /// No change to a text `len` bytes long.
    pub fn nothing_in(len: usize) -> Unchanged {
        Unchanged { prefix: len, suffix: 0, old_len: len, new_len: len }
    }

    /// What this edit and then `next` (an edit of the text this one made) left alone together.
    pub fn then(self, next: Unchanged) -> Unchanged {
        debug_assert_eq!(self.new_len, next.old_len, "edits of two different texts");
        // An edit that changed nothing says its prefix is the whole text and its suffix empty:
        // taken as an edited stretch, that would lose the other edit's suffix, and the analysis
        // would then compare the whole text after a keystroke to find it again.
        if next.changes_nothing() {
            return self;
        }
        if self.changes_nothing() {
            return next;
        }
        Unchanged { prefix: self.prefix.min(next.prefix), suffix: self.suffix.min(next.suffix), old_len: self.old_len, new_len: next.new_len }
    }

    /// Whether the edit left the whole text as it was.
    pub(crate) fn changes_nothing(&self) -> bool {
        self.old_len == self.new_len && self.prefix + self.suffix >= self.old_len
    }

    /// What [`Unchanged::between`] finds, from an editor's `hint` that may understate it: only the
    /// bytes from the hint's edges inwards are compared (a few, as a rule). `None` when the hint
    /// does not fit the texts' lengths (it is of another pair of texts).
    pub(crate) fn from_hint(hint: Unchanged, old: &str, new: &str) -> Option<Unchanged> {
        let fits = hint.old_len == old.len() && hint.new_len == new.len() && hint.prefix + hint.suffix <= old.len().min(new.len());
        if !fits {
            return None;
        }
        debug_assert!(
            old.as_bytes()[..hint.prefix] == new.as_bytes()[..hint.prefix]
                && old.as_bytes()[old.len() - hint.suffix..] == new.as_bytes()[new.len() - hint.suffix..],
            "the edit hint overstates what the edit left alone"
        );
        Some(Unchanged::extended(old, new, hint.prefix, hint.suffix))
    }

    /// The longest common prefix and then the longest common suffix that does not reach into it
    /// (`aa` -> `aaa`), given that the first `prefix` and the last `suffix` bytes are the same.
    pub(crate) fn extended(old: &str, new: &str, prefix: usize, suffix: usize) -> Unchanged {
        let (old_b, new_b) = (old.as_bytes(), new.as_bytes());
        let common = old_b.len().min(new_b.len());
        let prefix = prefix + common_prefix(&old_b[prefix..common], &new_b[prefix..common]);
        let room = common - prefix;
        let known = suffix.min(room);
        let (old_end, new_end) = (old_b.len() - known, new_b.len() - known);
        let suffix = known + common_suffix(&old_b[old_b.len() - room..old_end], &new_b[new_b.len() - room..new_end]);
        Unchanged { prefix, suffix, old_len: old_b.len(), new_len: new_b.len() }
    }

    /// Where a new span's text was in the old text, when the edit left it alone.
    pub(crate) fn old_span(&self, new: Span) -> Option<Span> {
        let (start, end) = (new.start as usize, new.end as usize);
        if end <= self.prefix {
            return Some(new);
        }
        if start >= self.new_end() {
            let moved = |x: usize| (x + self.old_len - self.new_len) as u32;
            return Some(Span { start: moved(start), end: moved(end) });
        }
        None
    }

    /// Whether an old span lies wholly in the text the edit left alone.
    pub(crate) fn keeps_old(&self, old: Span) -> bool {
        old.end as usize <= self.prefix || old.start as usize >= self.old_end()
    }

    /// Where the edited stretch ends in the old text: the unchanged bytes after the edit start here.
    pub(crate) fn old_end(&self) -> usize {
        self.old_len - self.suffix
    }

    /// Where the edited stretch ends in the new text: the unchanged bytes after the edit start here.
    pub(crate) fn new_end(&self) -> usize {
        self.new_len - self.suffix
    }

    /// How far the edit moved the text after it (new length less old).
    pub(crate) fn delta(&self) -> i64 {
        self.new_len as i64 - self.old_len as i64
    }

    // Offsets and spans of the old text in the new one, and the edited stretch's lines.

    /// Where an old offset is in the new text, if outside the edited stretch.
    pub(crate) fn point(&self, old: u32) -> Option<u32> {
        let x = old as usize;
        if x < self.prefix {
            Some(old)
        } else if x >= self.old_end() {
            u32::try_from(x as i64 + self.delta()).ok()
        } else {
            None
        }
    }

    /// Where an old span is in the new text, if wholly before or after the edited stretch.
    pub(crate) fn span(&self, old: Span) -> Option<Span> {
        if old.end as usize <= self.prefix {
            Some(old)
        } else if old.start as usize >= self.old_end() {
            Some(Span { start: u32::try_from(old.start as i64 + self.delta()).ok()?, end: u32::try_from(old.end as i64 + self.delta()).ok()? })
        } else {
            None
        }
    }

    /// The new text's lines the edit left alone, as two bounds: a line ending (at its `\n`)
    /// before the first is wholly in the unchanged text before the edit, and a line starting
    /// after the second (a `\n`) wholly in the unchanged text after it; with the line break that
    /// ends or starts it. `None` for the second when no line starts after the edit.
    pub(crate) fn untouched_lines(&self, new: &str) -> (u32, Option<u32>) {
        let bytes = new.as_bytes();
        let before = memchr::memrchr(b'\n', &bytes[..self.prefix]).map_or(0, |i| i + 1);
        let from = self.new_end();
        let after = memchr::memchr(b'\n', &bytes[from..]).map(|i| (from + i) as u32);
        (before as u32, after)
    }

    /// The edited stretch in the new text (empty for a deletion).
    pub(crate) fn new_stretch(&self) -> (u32, u32) {
        (self.prefix as u32, (self.new_end()) as u32)
    }
}

/// The length of the longest common prefix, compared a block at a time (`==` on slices is a
/// `memcmp`), then byte by byte within the first block that differs.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 1024;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    i + a[i..n].iter().zip(&b[i..n]).take_while(|(x, y)| x == y).count()
}

/// The length of the longest common suffix, like [`common_prefix`] from the end.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 1024;
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + BLOCK <= n && a[n - i - BLOCK..n - i] == b[n - i - BLOCK..n - i] {
        i += BLOCK;
    }
    i + a[..n - i].iter().rev().zip(b[..n - i].iter().rev()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::random_edits;

    #[test]
    fn the_unchanged_stretches_never_overlap() {
        for (old, new, prefix, suffix) in [
            ("", "", 0, 0),
            ("same", "same", 4, 0),
            ("aa", "aaa", 2, 0),
            ("abc", "abXc", 2, 1),
            ("abXc", "abc", 2, 1),
            ("x", "", 0, 0),
        ] {
            let u = Unchanged::between(old, new);
            assert_eq!((u.prefix, u.suffix), (prefix, suffix), "{old:?} -> {new:?}");
        }
        let long_old = "word ".repeat(1000);
        let long_new = format!("{}X{}", &long_old[..2500], &long_old[2500..]);
        let u = Unchanged::between(&long_old, &long_new);
        assert_eq!((u.prefix, u.suffix), (2500, 2500));
    }

    /// A keystroke is reported as the edits since the last analysis, starting from none: that
    /// start once took the report's suffix away, and with it the analysis's shortcut.
    #[test]
    fn an_edit_that_changes_nothing_leaves_the_others_report_as_it_is() {
        let typed = Unchanged::of_change(100, 40, 40, 1);
        assert_eq!(Unchanged::nothing_in(100).then(typed), typed);
        assert_eq!(typed.then(Unchanged::nothing_in(101)), typed);
        let deleted = Unchanged::of_change(101, 10, 12, 0);
        assert_eq!(typed.then(deleted), Unchanged { prefix: 10, suffix: 60, old_len: 100, new_len: 99 });
    }

    #[test]
    fn an_editors_report_of_its_edits_gives_what_comparing_the_texts_finds() {
        let mut edits = random_edits::RandomEdits::new(0x5DEE_CE66_D1CE_4E5B);
        let pieces = ["a", "aa", "\n", "é", " said ", "x"];
        let mut text = "aa é a\n\nsaid a".repeat(4);
        for _ in 0..2000 {
            let before = text.clone();
            // One to three changes in a row, reported together.
            let mut reported = edits.cut_or_insert(&mut text, &pieces, 6);
            for _ in 0..edits.below(3) {
                reported = reported.then(edits.cut_or_insert(&mut text, &pieces, 6));
            }
            assert_eq!(Unchanged::from_hint(reported, &before, &text), Some(Unchanged::between(&before, &text)), "{before:?} -> {text:?}");
            // A report of another pair of texts is not taken.
            let other = Unchanged { old_len: before.len() + 1, ..reported };
            assert_eq!(Unchanged::from_hint(other, &before, &text), None);
        }
    }
}
