//! Whether a quote marked `partial` still carries the whole of what its speaker is reported to say,
//! and so makes a source on its own.
//!
//! The quote pass calls a quote partial when it opens mid-sentence. For the inventory what matters
//! is whether the writer reports the speaker's words in their own marks or blends a few of them
//! into a sentence of the writer's:
//! - whole: `Reyes told the paper, "The second plan is the one I would pick."`, `Said Marr, "The
//!   thought is painful."` — the cue comes first, a comma or colon hands over to the marks with
//!   nothing of the writer's clause between, and the marks run to the end of the sentence; or the
//!   marks follow the cue verb itself, as its object (`She says "we worked hard for this."`,
//!   `adding "to all who helped: thank you!"`); or they hold the text of a message (`posted a
//!   note reading "Thank you, Riverton" after the count`);
//! - blended: `He added that members are "young and old."`, `He said the plan "is dead."`,
//!   `She called the rival "the best recruiter."`, `Vance said he would "gladly" do it`, `Both
//!   parties "saw the port as a friend," said Marr`.

use crate::analysis::quotes::Quote;

/// How far before the opening mark the cue may end (`said in an op-ed before a 2014 hearing,`).
const MAX_GAP: usize = 90;

/// Words that open a reported clause between the cue and the marks: `said that …`, `said he …`.
const CLAUSE_WORDS: &[&str] = &["that", "he", "she", "it", "they", "we", "i", "you", "whether", "if", "how", "why"];

/// A fragment that opens on a verb carries on the writer's sentence (`the plan "is dead."`).
const PREDICATE_OPENERS: &[&str] = &[
    "is", "was", "are", "were", "will", "would", "has", "have", "had", "can", "could", "should", "must", "may",
    "might", "does", "did", "do", "be", "been", "being", "isn't", "wasn't", "won't", "wouldn't", "doesn't",
];

/// Whether a partial quote is its speaker's whole reported words (see the module comment).
pub(super) fn stands_alone(text: &str, q: &Quote) -> bool {
    let Some(cue) = q.attribution.as_ref().and_then(|at| at.cue) else { return false };
    let (open, cue_end) = (q.span.start as usize, cue.end as usize);
    if cue_end > open || open - cue_end > MAX_GAP {
        return false;
    }
    let Some(gap) = text.get(cue_end..open) else { return false };
    let mut words = gap.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty());
    let handed_over = gap.trim_end_matches([' ', '\t', '\u{a0}']).ends_with([',', ':']);
    // `adding "…"`: the cue verb takes the marks as its object, nothing between.
    let object_of_cue = gap.chars().all(|c| matches!(c, ' ' | '\t' | '\u{a0}'));
    // `posted a message on its site reading "Thank you, Riverton" after the count`: the whole
    // text of a message, whatever the sentence goes on to say.
    let message = gap.trim_end_matches([' ', '\t', '\u{a0}']).rsplit([' ', '\u{a0}']).next().is_some_and(|w| MESSAGE_VERBS.contains(&w));
    let opens_well = words.clone().next().is_none_or(opens_a_setting);
    if !(handed_over || object_of_cue || message) || !opens_well || gap.contains(['"', '“', '”', '«', '»', '\n']) || words.any(|w| CLAUSE_WORDS.contains(&w.to_lowercase().as_str())) {
        return false;
    }
    let content = q.content.text(text);
    let first = content.split_whitespace().next().unwrap_or("");
    let first = first.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
    if PREDICATE_OPENERS.contains(&first.to_lowercase().as_str()) {
        return false;
    }
    message || ends_its_sentence(text, q)
}

/// Words that hand over to the text of a message (`a sign reading`, `a post that read`).
const MESSAGE_VERBS: &[&str] = &["reading", "reads", "read"];

/// What may follow the cue before a comma hands over to the marks: the speaker or the one told
/// (`Said Marr,`, `told the Ledger,`), where and when (`said in an op-ed,`, `said last week in
/// Lyon,`), or how (`told the agency simply,`); not a clause of the writer's (`says no matter what
/// the president does,`).
fn opens_a_setting(first: &str) -> bool {
    const SETTING: &[&str] = &[
        "in", "on", "at", "to", "before", "after", "during", "last", "this", "of", "from", "via", "through", "with",
        "the", "a", "an", "his", "her", "their", "its", "later", "earlier", "again", "also", "then", "once",
        "yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ];
    first.starts_with(char::is_uppercase) || first.ends_with("ly") || SETTING.contains(&first.to_lowercase().as_str())
}

/// The marks close the sentence: a stop inside them (`"… best."`) or right after them, or the end
/// of the paragraph.
fn ends_its_sentence(text: &str, q: &Quote) -> bool {
    let after = text.get(q.span.end as usize..).unwrap_or("");
    let after = after.trim_start_matches([' ', '\t', '\u{a0}']);
    if after.is_empty() || after.starts_with(['.', '?', '!', '\n', '\r']) {
        return true;
    }
    // `"… make?" when questioned …` goes on: only a new sentence after the stop ends it.
    let inside = q.content.text(text).trim_end();
    inside.ends_with(['.', '?', '!', '…']) && after.starts_with(|c: char| c.is_uppercase() || matches!(c, '"' | '“' | '‘'))
}

/// Whether a quote the quote pass calls whole breaks off mid-sentence for the writer to cut in:
/// `"I doubt that the old story" -- that the mayor is a liberal -- "holds up"`. A
/// whole utterance ends on punctuation inside its marks (`,` `.` `?` `—`); these words end on a
/// word and a dash after the closing mark opens the writer's aside. (A short message quoted whole
/// may end on a word too: `a post reading "Thank you Riverton" moments after`.)
pub(super) fn breaks_off(text: &str, q: &Quote) -> bool {
    let inside = q.content.text(text).trim_end();
    if completed_by_the_writer(text, q) {
        return true;
    }
    if !inside.ends_with(char::is_alphanumeric) {
        return false;
    }
    let after = text.get(q.span.end as usize..).unwrap_or("");
    let after = after.trim_start_matches([' ', '\t', '\u{a0}']);
    after.starts_with(['-', '—', '–'])
}

/// How far after the closing mark the attribution may end for [`completed_by_the_writer`].
const ATTRIBUTION_AFTER: usize = 40;

/// Whether the writer's sentence goes on after the attribution that follows the marks, with the
/// quoted words as its subject: `"Only you, Dan," she said, would take a sentence as a gift.` The
/// speaker said the words in the marks, but not as a whole: the writer paraphrases the rest.
fn completed_by_the_writer(text: &str, q: &Quote) -> bool {
    let Some(at) = q.attribution.as_ref() else { return false };
    let ends = [at.cue.map(|c| c.end), at.speaker.map(|s| s.mention.end)];
    let Some(end) = ends.into_iter().flatten().max() else { return false };
    let (close, end) = (q.span.end as usize, end as usize);
    if end <= close || end - close > ATTRIBUTION_AFTER || !q.content.text(text).trim_end().ends_with(',') {
        return false;
    }
    let Some(rest) = text.get(end..).and_then(|r| r.strip_prefix(',')) else { return false };
    let next = rest.trim_start_matches([' ', '\u{a0}']).split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').next();
    next.is_some_and(|w| PREDICATE_OPENERS.contains(&w))
}
