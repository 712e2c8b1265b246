//! Quotes checked against the reporter's notes: an index over notes texts, at word level.
//!
//! Pure: the caller reads the notes files and hands over `(name, text)` pairs; rebuilding the
//! index when a file changes is the caller's choice too (it is cheap: ~10 MB in well under a
//! second). Matching ignores case, punctuation and the kind of quotation marks, and treats the
//! draft's ellipses and bracketed insertions as gaps (see [`words`]).
//!
//! - [`NotesIndex::match_quote`] first looks for the quote word for word (with the gaps), starting
//!   from the quote's rarest word, so its cost follows that word's few occurrences.
//! - Otherwise the quote's words vote for the places in the notes where they line up (a diagonal
//!   `notes position - quote position`), and the best places are aligned word by word to find the
//!   notes' wording.

mod align;
mod memo;
pub mod words;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use rustc_hash::FxBuildHasher;

use self::memo::MatchMemo;
use self::words::{for_each_word, quote_pieces, QuotePiece};

/// Where, and how, a quote was found in the notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesMatch {
    /// Word for word. `line` is 1-based.
    Exact { file: String, line: u32 },
    /// Close but different: words changed, dropped or reordered. `notes_wording` is the notes'
    /// text for the passage, with runs of white space made single spaces.
    Close { file: String, line: u32, notes_wording: String },
    NotFound,
}

struct NotesFile {
    name: String,
    /// Where the file was read from, when the caller said (see [`NotesIndex::from_files`]).
    path: Option<PathBuf>,
    text: String,
    /// Offsets of the line starts after the first.
    newlines: Vec<u32>,
    /// The global position of this file's first word.
    first_word: u32,
}

/// Word-level index over notes texts.
pub struct NotesIndex {
    files: Vec<NotesFile>,
    vocab: HashMap<Box<str>, u32, FxBuildHasher>,
    /// Word id at every global position.
    ids: Vec<u32>,
    /// Byte span of every global position in its file.
    spans: Vec<(u32, u32)>,
    /// Positions of each word id: `positions[offsets[id]..offsets[id + 1]]`, ascending.
    offsets: Vec<u32>,
    positions: Vec<u32>,
    /// Answers already given, so that the rules reading one draft (and the next keystroke's check)
    /// match each quote once.
    memo: MatchMemo,
}

impl fmt::Debug for NotesIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotesIndex").field("files", &self.files.len()).field("words", &self.ids.len()).finish()
    }
}

/// Quotes shorter than this are not looked for: fragments match anything or nothing.
pub const MIN_QUOTE_WORDS: usize = 3;
/// How many notes words an ellipsis or bracket in the draft may stand for.
const GAP_MAX: usize = 60;

impl NotesIndex {
    /// Indexes notes texts, given as `(name, text)` pairs (a name is usually a path).
    pub fn new<N: Into<String>, T: Into<String>>(notes: impl IntoIterator<Item = (N, T)>) -> NotesIndex {
        Self::from_files(notes.into_iter().map(|(name, text)| (name.into(), None, text.into())))
    }

    /// Indexes notes files given as `(name, path, text)`: with their paths, a draft that is
    /// itself one of the files can be told apart ([`Self::file_at`]). Pure: the paths are only
    /// compared, never read.
    pub fn from_files(notes: impl IntoIterator<Item = (String, Option<PathBuf>, String)>) -> NotesIndex {
        let mut vocab: HashMap<Box<str>, u32, FxBuildHasher> = HashMap::default();
        let mut ids = Vec::new();
        let mut spans = Vec::new();
        let mut files = Vec::new();
        let mut buf = String::new();
        for (name, path, text) in notes {
            if text.len() > u32::MAX as usize / 2 {
                continue;
            }
            let first_word = ids.len() as u32;
            for_each_word(&text, &mut buf, |start, end, w| {
                let id = match vocab.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = vocab.len() as u32;
                        vocab.insert(w.into(), id);
                        id
                    }
                };
                ids.push(id);
                spans.push((start as u32, end as u32));
            });
            let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1).collect();
            files.push(NotesFile { name, path, text, newlines, first_word });
        }
        // Postings in one flat array, by counting sort on the word id.
        let mut offsets = vec![0u32; vocab.len() + 1];
        for &id in &ids {
            offsets[id as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut next = offsets.clone();
        let mut positions = vec![0u32; ids.len()];
        for (pos, &id) in ids.iter().enumerate() {
            positions[next[id as usize] as usize] = pos as u32;
            next[id as usize] += 1;
        }
        NotesIndex { files, vocab, ids, spans, offsets, positions, memo: MatchMemo::default() }
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn postings(&self, id: u32) -> &[u32] {
        &self.positions[self.offsets[id as usize] as usize..self.offsets[id as usize + 1] as usize]
    }

    /// The file holding a global word position.
    fn file_of(&self, pos: u32) -> usize {
        self.files.partition_point(|f| f.first_word <= pos).saturating_sub(1)
    }

    /// One past the last global position of a file.
    fn file_end(&self, file: usize) -> u32 {
        self.files.get(file + 1).map_or(self.ids.len() as u32, |f| f.first_word)
    }

    fn line_of(&self, file: usize, pos: u32) -> u32 {
        let f = &self.files[file];
        f.newlines.partition_point(|&nl| nl <= self.spans[pos as usize].0) as u32 + 1
    }

    /// The notes text from the word at `first` through the word at `last`, white space collapsed.
    fn wording(&self, file: usize, first: u32, last: u32) -> String {
        let text = &self.files[file].text;
        let raw = &text[self.spans[first as usize].0 as usize..self.spans[last as usize].1 as usize];
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The file read from `path` (as given to [`Self::from_files`]), if there is one.
    pub fn file_at(&self, path: &Path) -> Option<usize> {
        self.files.iter().position(|f| f.path.as_deref() == Some(path))
    }

    /// [`Self::match_quote`], remembered: a quote already looked up is answered from memory. The
    /// rules call this one, so that every rule reading a draft shares one match per quote.
    pub fn remembered_match(&self, quote_text: &str) -> NotesMatch {
        self.remembered_match_skipping(quote_text, None)
    }

    /// [`Self::remembered_match`] in every file but `skip`: the draft itself, when a pattern of
    /// `[quotes] sources` matches it too (its quotes would all be found in themselves).
    pub fn remembered_match_skipping(&self, quote_text: &str, skip: Option<usize>) -> NotesMatch {
        let key = match skip {
            None => Cow::Borrowed(quote_text),
            // Quote text holds no NUL in practice, so these keys do not meet the plain ones.
            Some(file) => Cow::Owned(format!("{file}\0{quote_text}")),
        };
        self.memo.get_or(&key, || self.match_quote_skipping(quote_text, skip))
    }

    /// Forgets the remembered matches; for benches that time the matching itself.
    pub fn forget_matches(&self) {
        self.memo.clear();
    }

    /// Looks a quote's words up in the notes.
    pub fn match_quote(&self, quote_text: &str) -> NotesMatch {
        self.match_quote_skipping(quote_text, None)
    }

    /// Looks a quote's words up in the notes, leaving out the file `skip`.
    pub fn match_quote_skipping(&self, quote_text: &str, skip: Option<usize>) -> NotesMatch {
        let pieces = quote_pieces(quote_text);
        // Word ids by segment (segments are split at the draft's gaps); `None` for words the
        // notes never use.
        let mut segments: Vec<Vec<Option<u32>>> = vec![Vec::new()];
        for piece in &pieces {
            match piece {
                QuotePiece::Word(w) => segments.last_mut().unwrap().push(self.vocab.get(w.as_str()).copied()),
                QuotePiece::Gap => segments.push(Vec::new()),
            }
        }
        let flat: Vec<Option<u32>> = segments.iter().flatten().copied().collect();
        if flat.len() < MIN_QUOTE_WORDS || self.is_empty() {
            return NotesMatch::NotFound;
        }
        let skipped = skip.filter(|&f| f < self.files.len()).map_or(0..0, |f| self.files[f].first_word..self.file_end(f));
        if let Some(start) = self.find_exact(&segments, &skipped) {
            let file = self.file_of(start);
            return NotesMatch::Exact { file: self.files[file].name.clone(), line: self.line_of(file, start) };
        }
        match self.find_close(&flat, &skipped) {
            Some((file, first, last)) => NotesMatch::Close {
                file: self.files[file].name.clone(),
                line: self.line_of(file, first),
                notes_wording: self.wording(file, first, last),
            },
            None => NotesMatch::NotFound,
        }
    }

    /// The global position where the quote starts, word for word with its gaps.
    fn find_exact(&self, segments: &[Vec<Option<u32>>], skipped: &std::ops::Range<u32>) -> Option<u32> {
        let segments: Vec<Vec<u32>> = segments
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.iter().copied().collect::<Option<Vec<u32>>>())
            .collect::<Option<_>>()?;
        let first = segments.first()?;
        let (anchor_at, &anchor) = first.iter().enumerate().min_by_key(|&(_, &id)| self.postings(id).len())?;
        'candidates: for &p in self.postings(anchor) {
            if skipped.contains(&p) {
                continue;
            }
            let Some(start) = p.checked_sub(anchor_at as u32) else { continue };
            let file = self.file_of(p);
            let end_of_file = self.file_end(file);
            if start < self.files[file].first_word || !self.segment_at(start, first, end_of_file) {
                continue;
            }
            let mut next = start + first.len() as u32;
            for seg in &segments[1..] {
                let limit = (next + GAP_MAX as u32 + 1).min(end_of_file);
                match (next..limit).find(|&s| self.segment_at(s, seg, end_of_file)) {
                    Some(s) => next = s + seg.len() as u32,
                    None => continue 'candidates,
                }
            }
            return Some(start);
        }
        None
    }

    fn segment_at(&self, start: u32, seg: &[u32], end_of_file: u32) -> bool {
        start as usize + seg.len() <= end_of_file as usize && self.ids[start as usize..start as usize + seg.len()] == *seg
    }

    /// The best close passage: `(file, first position, last position)`.
    fn find_close(&self, quote: &[Option<u32>], skipped: &std::ops::Range<u32>) -> Option<(usize, u32, u32)> {
        /// Diagonals are pooled in bands so that dropped or added words still vote together.
        const BAND: i64 = 8;
        // Words this common say nothing about where a quote is; they are skipped in the vote.
        let common = (self.ids.len() / 200).max(64);
        /// Only the quote's rarest words vote: they are enough to find the passage, and the cost
        /// of the vote is the length of their occurrence lists.
        const VOTERS: usize = 8;
        let mut voters: Vec<(usize, u32)> = quote
            .iter()
            .enumerate()
            .filter_map(|(i, id)| id.map(|id| (i, id)))
            .filter(|&(_, id)| self.postings(id).len() <= common)
            .collect();
        voters.sort_by_key(|&(i, id)| (self.postings(id).len(), i));
        voters.truncate(VOTERS);
        let mut votes: HashMap<i64, u32, FxBuildHasher> = HashMap::default();
        for &(i, id) in &voters {
            for &p in self.postings(id).iter().filter(|p| !skipped.contains(p)) {
                *votes.entry((p as i64 - i as i64).div_euclid(BAND)).or_default() += 1;
            }
        }
        let known = voters.len() as u32;
        let needed = (known * 2 / 5).max(2);
        let mut bands: Vec<(i64, u32)> = votes.into_iter().filter(|&(_, n)| n >= needed).collect();
        bands.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut best: Option<(u32, usize, u32, u32)> = None;
        for &(band, _) in bands.iter().take(4) {
            let centre = (band * BAND).max(0) as u32;
            let centre = centre.min(self.ids.len().saturating_sub(1) as u32);
            // A diagonal lies at or before the words that voted for it, so a band reaching back
            // into the skipped file was voted for by the file after it.
            let centre = if skipped.contains(&centre) { skipped.end.min(self.ids.len().saturating_sub(1) as u32) } else { centre };
            if skipped.contains(&centre) {
                continue;
            }
            let file = self.file_of(centre);
            let lo = (centre.saturating_sub(BAND as u32 * 2)).max(self.files[file].first_word);
            let hi = (centre + quote.len() as u32 + BAND as u32 * 3).min(self.file_end(file));
            if lo >= hi {
                continue;
            }
            let window = &self.ids[lo as usize..hi as usize];
            let Some(fit) = align::fit(quote, window) else { continue };
            let span_len = (fit.last - fit.first + 1) as usize;
            let similar = fit.matched * 10 >= quote.len().max(span_len) * 6;
            if similar && best.map_or(true, |b| fit.matched as u32 > b.0) {
                best = Some((fit.matched as u32, file, lo + fit.first as u32, lo + fit.last as u32));
            }
        }
        best.map(|(_, file, first, last)| (file, first, last))
    }
}

#[cfg(test)]
mod tests;
