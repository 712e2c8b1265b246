//! Whether a name reads as its sentence's subject ([`subject_like`]), kept with each paragraph's
//! cached facts across re-analyses: learning pronouns asks it for most `he`/`she` of the draft
//! on every keystroke, and after a keystroke only one paragraph is new.

use std::fmt;
use std::sync::Mutex;

use super::clues::subject_like;
use crate::analysis::paragraph::Paragraph;

/// Answers of [`subject_like`] for sentences and names within one paragraph, keyed by their
/// offsets relative to the paragraph: [`subject_like`] reads only the text between the two, so
/// the answer depends on the paragraph's text alone. Empty until filled; it never changes an
/// answer.
#[derive(Default)]
pub struct SubjectMemo(Mutex<Vec<((u32, u32), bool)>>);

impl fmt::Debug for SubjectMemo {
    /// Prints nothing of its contents: a warm analysis and a fresh one print alike.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SubjectMemo")
    }
}

/// Enough entries for a real paragraph's pronouns and names; past it the memo starts over.
const MAX_ENTRIES: usize = 128;

/// [`subject_like`]`(text, sentence, at)`, from the memo of the paragraph holding both offsets
/// when one does.
pub(super) fn subject_like_in(text: &str, paragraphs: &[Paragraph], sentence: u32, at: u32) -> bool {
    let i = paragraphs.partition_point(|p| p.span.start <= sentence);
    let holder = i.checked_sub(1).map(|i| &paragraphs[i]).filter(|p| sentence <= at && at <= p.span.end);
    let Some((p, par_text)) = holder.and_then(|p| Some((p, text.get(p.span.range())?))) else {
        return subject_like(text, sentence, at);
    };
    let key = (sentence - p.span.start, at - p.span.start);
    let mut entries = p.facts.subject_memo.0.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&(_, answer)) = entries.iter().find(|(k, _)| *k == key) {
        return answer;
    }
    let answer = subject_like(par_text, key.0, key.1);
    if entries.len() >= MAX_ENTRIES {
        entries.clear();
    }
    entries.push((key, answer));
    answer
}
