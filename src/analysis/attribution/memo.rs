//! Remembering each quote's local attribution with its paragraph, across re-analyses.
//!
//! An editor re-analyses the whole draft after every keystroke, and most paragraphs (and their
//! quotes) are unchanged. What [`super::local`] finds inside a paragraph depends only on the
//! paragraph's text and on the quote's place and kind in it, so it is kept beside the paragraph's
//! cached facts, keyed by the quote relative to the paragraph. The one part that reads past the
//! paragraph (a signature on the next line, [`super::patterns::signed_below`]) is not kept.

use std::fmt;
use std::sync::Mutex;

use super::patterns::Found;
use crate::analysis::quotes::QuoteKind;
use crate::analysis::span::Span;

/// Answers about a paragraph's quotes, remembered with the paragraph's cached facts: empty until
/// a pass fills it, it never changes what the pass answers, only how fast. `K` says what the
/// pass reads of a quote, relative to the paragraph.
pub struct QuoteMemo<K, V>(Mutex<Vec<(K, V)>>);

/// What the attribution pass keeps with a paragraph.
#[derive(Default)]
pub struct AttributionMemo {
    /// The local attributions of the paragraph's quotes.
    pub(super) local: QuoteMemo<LocalKey, LocalFound>,
    /// Reported speech ending at a token (and whether the quote is in this paragraph or opens the
    /// next one): what a floating quote after it takes as its attribution.
    pub(super) reported: QuoteMemo<(usize, bool), Option<Found>>,
}

impl fmt::Debug for AttributionMemo {
    /// Prints nothing of its contents: a warm analysis and a fresh one print alike.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AttributionMemo")
    }
}

impl<K, V> Default for QuoteMemo<K, V> {
    fn default() -> Self {
        QuoteMemo(Mutex::new(Vec::new()))
    }
}

/// Enough entries for any real paragraph's quotes, with room for the variants a paragraph sees
/// while its neighbours are edited; past it the memo starts over, so it stays small.
const MAX_ENTRIES: usize = 256;

/// What `local` reads of a quote, relative to its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocalKey {
    pub span: (u32, u32),
    pub content: (u32, u32),
    pub kind: u8,
    pub closed: bool,
}

impl LocalKey {
    /// The key of a quote in a paragraph at `par`, or `None` if the quote does not lie inside it
    /// (then `local` reads more than the paragraph and is not remembered).
    pub fn new(
        par: Span,
        span: Span,
        content: Span,
        kind: QuoteKind,
        closed: bool,
    ) -> Option<LocalKey> {
        Some(LocalKey {
            span: span.relative_to(par)?,
            content: content.relative_to(par)?,
            kind: kind as u8,
            closed,
        })
    }
}

/// The paragraph-only part of a local attribution: the patterns around the quote (before the
/// signature below is tried) and the transcript label. Spans are relative to the paragraph.
#[derive(Debug, Clone, Copy)]
pub struct LocalFound {
    pub found: Option<Found>,
    pub label: Option<Found>,
}

impl<K: Ord + Copy, V: Copy> QuoteMemo<K, V> {
    /// The remembered answer for `key`, or `compute`'s, remembered.
    pub(crate) fn get_or_insert(&self, key: K, compute: impl FnOnce() -> V) -> V {
        // A poisoned lock (a panic elsewhere while it was held) only costs the memo.
        let Ok(mut entries) = self.0.lock() else {
            return compute();
        };
        match entries.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => entries[i].1,
            Err(i) => {
                let found = compute();
                if entries.len() >= MAX_ENTRIES {
                    entries.clear();
                    entries.push((key, found));
                } else {
                    entries.insert(i, (key, found));
                }
                found
            }
        }
    }
}

impl<K, V> fmt::Debug for QuoteMemo<K, V> {
    /// Prints nothing of its contents: a warm analysis and a fresh one print alike.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("QuoteMemo")
    }
}
