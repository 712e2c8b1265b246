//! "Is this string written anywhere before here?", answered without reading the draft again after
//! each keystroke.
//!
//! A rule that asks it (`surname-before-full-name`: was the full name already written?) would
//! otherwise search the text up to the mention on every run: on a 10 MB draft, thousands of
//! searches of megabytes per keystroke. [`TextSearch`] remembers, for each string asked about,
//! where it first occurs (or how far it is known not to occur), and when the draft changes it
//! re-reads only the stretch the edit touched, widened by the string's length: every other
//! occurrence lies wholly in the text before the edit (unchanged) or wholly after it (moved by the
//! edit's length). The answers are exact, the same as a search of the whole text.

use std::sync::Mutex;
use std::sync::Arc;

use memchr::memmem;
use rustc_hash::FxHashMap;

use crate::analysis::Unchanged;

/// More bytes touched than this and the remembered answers are dropped rather than updated: a
/// paste or a new document, not a keystroke.
const MAX_WINDOW: usize = 1 << 16;

/// What is known about one string in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    /// Its first occurrence starts here.
    FirstAt(u32),
    /// No occurrence ends at or before this offset.
    NoneBefore(u32),
}

/// First occurrences of strings in one version of a draft's scan text, kept across versions.
#[derive(Default)]
pub struct TextSearch {
    // A mutex, not a cell, so that rules may run on two threads (see `super::run`); only one
    // rule searches, so it is never contended.
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    text: Option<Arc<String>>,
    known: FxHashMap<Box<str>, Known>,
}

impl TextSearch {
    /// The memory, whether or not a rule panicked while holding it: the server starts a checker
    /// afresh after a panic, and a test that catches one still reads a consistent map.
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Moves what is known to a new version of the text, which `u` compares with the last.
    pub(crate) fn update(&mut self, text: &Arc<String>, u: Option<&Unchanged>) {
        let inner = self.inner.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
        let old = inner.text.replace(text.clone());
        let (Some(old), Some(u)) = (old, u) else {
            inner.known.clear();
            return;
        };
        if Arc::ptr_eq(&old, text) || inner.known.is_empty() {
            return;
        }
        let (old_len, new_len) = (old.len(), text.len());
        let changed_old_end = old_len - u.suffix;
        let changed_new_end = new_len - u.suffix;
        if changed_new_end - u.prefix > MAX_WINDOW || changed_old_end - u.prefix > MAX_WINDOW {
            inner.known.clear();
            return;
        }
        let bytes = text.as_bytes();
        let moved = |old_offset: u32| (old_offset as usize + new_len - old_len) as u32;
        inner.known.retain(|pattern, known| {
            let len = pattern.len();
            // Where an occurrence that is neither wholly before nor wholly after the edit can lie.
            let window_start = u.prefix.saturating_sub(len.saturating_sub(1));
            let window_end = (changed_new_end + len.saturating_sub(1)).min(new_len);
            let in_window = |limit: usize| {
                let end = window_end.min(limit);
                (window_start < end)
                    .then(|| memmem::find(&bytes[window_start..end], pattern.as_bytes()))
                    .flatten()
                    .map(|i| (window_start + i) as u32)
            };
            let updated = match *known {
                Known::FirstAt(at) if at as usize + len <= u.prefix => Some(Known::FirstAt(at)),
                Known::FirstAt(at) if at as usize >= changed_old_end => {
                    Some(Known::FirstAt(in_window(new_len).unwrap_or_else(|| moved(at))))
                }
                Known::FirstAt(_) => None,
                Known::NoneBefore(limit) if limit as usize <= u.prefix => Some(Known::NoneBefore(limit)),
                Known::NoneBefore(limit) if limit as usize >= changed_old_end => {
                    let limit = moved(limit);
                    Some(in_window(limit as usize).map_or(Known::NoneBefore(limit), Known::FirstAt))
                }
                Known::NoneBefore(_) => Some(Known::NoneBefore(u.prefix as u32)),
            };
            match updated {
                Some(k) => {
                    *known = k;
                    true
                }
                None => false,
            }
        });
    }

    /// The text last given to [`TextSearch::update`].
    pub(crate) fn last_text(&self) -> Option<Arc<String>> {
        self.lock().text.clone()
    }

    /// Whether `pattern` occurs wholly within the first `end` bytes of `text`, which must be the
    /// text last given to [`TextSearch::update`] (or any text, if none was given: nothing is
    /// remembered then).
    pub fn occurs_before(&self, text: &Arc<String>, pattern: &str, end: usize) -> bool {
        let end = end.min(text.len());
        let mut inner = self.lock();
        if !inner.text.as_ref().is_some_and(|t| Arc::ptr_eq(t, text)) {
            return memmem::find(&text.as_bytes()[..end], pattern.as_bytes()).is_some();
        }
        let known = inner.known.get(pattern).copied().unwrap_or(Known::NoneBefore(0));
        let (answer, known) = match known {
            Known::FirstAt(at) => (at as usize + pattern.len() <= end, known),
            Known::NoneBefore(limit) if end <= limit as usize => (false, known),
            Known::NoneBefore(limit) => {
                // Search on from where an occurrence ending after `limit` could start.
                let from = (limit as usize).saturating_sub(pattern.len().saturating_sub(1)).min(end);
                match memmem::find(&text.as_bytes()[from..end], pattern.as_bytes()) {
                    Some(i) => (true, Known::FirstAt((from + i) as u32)),
                    None => (false, Known::NoneBefore(end as u32)),
                }
            }
        };
        if inner.known.get(pattern) != Some(&known) {
            inner.known.insert(pattern.into(), known);
        }
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(text: &str, pattern: &str, end: usize) -> bool {
        text.as_bytes()[..end.min(text.len())].windows(pattern.len()).any(|w| w == pattern.as_bytes())
    }

    /// Random edits of a text made of few letters (so that patterns occur, vanish and straddle
    /// edits), asking random questions after each: the remembered answers are the searched ones.
    #[test]
    fn remembered_answers_are_the_answers_of_a_full_search() {
        let mut edits = crate::analysis::random_edits::RandomEdits::new(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| edits.below(n);
        let letters = ["a", "b", "ab", " ", "ba", "aab"];
        let patterns = ["ab", "ba", "aab", "b a", "abba", "a", "bbb", "zz"];
        let mut search = TextSearch::default();
        let mut last = None;
        let mut text = String::new();
        for _ in 0..400 {
            text.push_str(letters[next(letters.len())]);
        }
        for round in 0..2000 {
            // An insertion, a deletion or a replacement somewhere, sometimes none at all.
            let at = next(text.len() + 1);
            let cut = if next(3) == 0 { next(6).min(text.len() - at) } else { 0 };
            let insert: String = (0..next(4)).map(|_| letters[next(letters.len())]).collect();
            text.replace_range(at..at + cut, &insert);
            let shared: Arc<String> = Arc::new(text.clone());
            let u = last.as_ref().map(|last: &Arc<String>| Unchanged::between(last, &shared));
            search.update(&shared, u.as_ref());
            last = Some(shared.clone());
            for _ in 0..4 {
                let pattern = patterns[next(patterns.len())];
                let end = next(text.len() + 2);
                assert_eq!(
                    search.occurs_before(&shared, pattern, end),
                    naive(&text, pattern, end),
                    "round {round}: {pattern:?} before {end} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn without_an_update_every_question_is_searched() {
        let search = TextSearch::default();
        let text: Arc<String> = Arc::new(String::from("Maria Okafor spoke. Okafor left."));
        assert!(search.occurs_before(&text, "Maria Okafor", 12));
        assert!(!search.occurs_before(&text, "Maria Okafor", 11));
    }
}
