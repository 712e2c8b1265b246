//! What the notes said about recent quotes, so that a quote is matched once however many rules
//! (and however many keystrokes) ask about it.
//!
//! Keyed by the quote's text: an index never changes once built (a changed notes file means a new
//! index, and a new memo), so the same words always get the same answer. Two generations bound
//! the memory: when the newer one is full it becomes the older one, and whatever a draft still
//! uses is carried over on its next lookup.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use rustc_hash::FxBuildHasher;

use super::NotesMatch;

/// How many quotes one generation remembers: far more than a long draft holds.
const GENERATION: usize = 4096;

#[derive(Default)]
pub(super) struct MatchMemo {
    inner: Mutex<Generations>,
}

#[derive(Default)]
struct Generations {
    current: HashMap<Box<str>, NotesMatch, FxBuildHasher>,
    previous: HashMap<Box<str>, NotesMatch, FxBuildHasher>,
}

impl MatchMemo {
    /// The remembered answer for `quote_text`, or `compute`'s, remembered. The lock is not held
    /// while computing, so parallel checks never wait on each other's matching.
    pub(super) fn get_or(&self, quote_text: &str, compute: impl FnOnce() -> NotesMatch) -> NotesMatch {
        {
            let mut g = self.lock();
            if let Some(m) = g.current.get(quote_text) {
                return m.clone();
            }
            if let Some((k, m)) = g.previous.remove_entry(quote_text) {
                g.insert(k, m.clone());
                return m;
            }
        }
        let m = compute();
        self.lock().insert(quote_text.into(), m.clone());
        m
    }

    /// Forgets every answer (for benches that time the matching itself).
    pub(super) fn clear(&self) {
        let mut g = self.lock();
        g.current.clear();
        g.previous.clear();
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        let g = self.lock();
        g.current.len() + g.previous.len()
    }

    fn lock(&self) -> MutexGuard<'_, Generations> {
        // Nothing panics while the lock is held; if something ever did, the maps are still whole.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Generations {
    fn insert(&mut self, key: Box<str>, m: NotesMatch) {
        if self.current.len() >= GENERATION {
            self.previous = std::mem::take(&mut self.current);
        }
        self.current.insert(key, m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_text() {
        let memo = MatchMemo::default();
        let mut calls = 0;
        for _ in 0..3 {
            let m = memo.get_or("we will not close the harbour", || {
                calls += 1;
                NotesMatch::NotFound
            });
            assert_eq!(m, NotesMatch::NotFound);
        }
        assert_eq!(calls, 1);
        memo.clear();
        memo.get_or("we will not close the harbour", || {
            calls += 1;
            NotesMatch::NotFound
        });
        assert_eq!(calls, 2);
    }

    #[test]
    fn stays_bounded_and_keeps_what_is_still_used() {
        let memo = MatchMemo::default();
        memo.get_or("kept", || NotesMatch::NotFound);
        for i in 0..GENERATION * 3 {
            memo.get_or(&format!("quote {i}"), || NotesMatch::NotFound);
            // A draft that still holds the quote asks again now and then.
            if i % 1000 == 0 {
                memo.get_or("kept", || panic!("forgotten while still in use"));
            }
        }
        assert!(memo.len() <= 2 * GENERATION);
    }
}
