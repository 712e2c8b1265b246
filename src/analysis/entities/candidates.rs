//! Name candidates in one paragraph: capitalised runs, with the cheap evidence around them.
//!
//! This runs in the cached per-paragraph layer, so it may read every token, but it must depend on
//! the paragraph's text alone. Typing is left to the document pass ([`super::collect`]): a
//! candidate only records what its own words and neighbours say.

use std::cell::{Cell, RefCell};

use super::super::span::Span;
use super::super::tokens::{Token, TokenKind};
use super::collect::{normalise_into, NameKeys};
use super::lexicon::{lexicon, list, title_of, TitleWord};
use super::runs::{process_run, push_run};
use super::Pronoun;

/// Evidence bits on a candidate.
pub mod flag {
    /// The first word is a known given name and more words follow.
    pub const GIVEN: u32 = 1 << 0;
    /// A title or role stands right before the name (`Foreign Minister`, `coach`).
    pub const TITLE: u32 = 1 << 1;
    /// `Mr.`, `Dr.`, `Sir` before the name.
    pub const HONORIFIC: u32 = 1 << 2;
    /// An organisation word inside the run (`Bank of England`).
    pub const ORG_WORD: u32 = 1 << 3;
    /// An organisation word ends the run (`Acme Corp`, `Labour Party`).
    pub const ORG_SUFFIX: u32 = 1 << 4;
    /// The run is a known country, region or city.
    pub const PLACE_KNOWN: u32 = 1 << 5;
    /// `in X`, `near X`.
    pub const PLACE_CUE: u32 = 1 << 6;
    /// `X-based`.
    pub const BASED: u32 = 1 << 7;
    /// A nationality word (`Russian`).
    pub const DEMONYM: u32 = 1 << 8;
    /// One all-capitals word in ordinary text (`FSB`, `BRICS`).
    pub const ACRONYM: u32 = 1 << 9;
    /// The run starts a sentence, a line or a quotation, so its capital proves little.
    pub const SENT_START: u32 = 1 << 10;
    /// A word from an all-capitals line (a headline): the capital proves nothing.
    pub const CAPS: u32 = 1 << 11;
    /// `Russia's`.
    pub const POSSESSIVE: u32 = 1 << 12;
    /// A speech verb follows (`Hoddle said`).
    pub const SAID_AFTER: u32 = 1 << 13;
    /// `, who` follows.
    pub const WHO_AFTER: u32 = 1 << 14;
    /// A country in brackets follows, as in results tables: `Michael Johnson ( U.S. )`.
    pub const PAREN_PLACE: u32 = 1 << 15;
    /// A CAPS candidate right after another one on the same line.
    pub const CAPS_JOINED: u32 = 1 << 16;
    /// The name was split off a longer run after its title (`Foreign Minister | Sergey Lavrov`).
    pub const PREFIX_OF_TITLE: u32 = 1 << 17;
    /// An initial before the surname: `P. Simmons`, `George W. Bush`.
    pub const INITIAL: u32 = 1 << 18;
    /// An event, prize or work word ends the run: `World Cup`, `U.S. Open`.
    pub const EVENT_SUFFIX: u32 = 1 << 19;
    /// A place word ends the run: `Wall Street`, `Faroe Islands`.
    pub const PLACE_SUFFIX: u32 = 1 << 20;
    /// A word of a longer run is a known place: `Dynamo Moscow`, `Bucharest Newsroom`.
    pub const HAS_PLACE: u32 = 1 << 21;
    /// A table row: the run starts a line (or follows a number) and a number follows it, as in
    /// sports results and standings (`Ipswich 5 Reading 2`).
    pub const TABLE_ROW: u32 = 1 << 22;
    /// A city of the gazetteer (`Dayton`, `Kazan`), with no person's or organisation's evidence
    /// on the run itself: weak evidence of a place.
    pub const GAZETTEER: u32 = 1 << 23;
    /// A reporting verb of the data list follows, perhaps after an adverb (`Kiedis continued`,
    /// `Cuban also complained`): the word is used as someone who speaks. Unlike [`SAID_AFTER`] it
    /// types nothing by itself.
    pub const CUE_AFTER: u32 = 1 << 24;
    /// A lowercase organisation word right before or after the run (`the daily Zycie Warszawy`,
    /// `Zycie Warszawy daily said`): a speech verb after it is the organisation's.
    pub const ORG_NOUN_NEAR: u32 = 1 << 25;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateKind {
    /// A capitalised run that may name something.
    Name,
    /// A personal pronoun (`he`, `her`), for learning who is `he` and who is `she`.
    Pronoun(Pronoun),
}

/// A capitalised word run in a paragraph that may be a name (spans relative to the paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameCandidate {
    pub span: Span,
    /// The title before the name, if any: `Foreign Minister`, `Russian Foreign Ministry Spokeswoman`.
    pub title: Option<Span>,
    pub kind: CandidateKind,
    /// [`flag`] bits.
    pub evidence: u32,
}

impl NameCandidate {
    pub fn has(&self, f: u32) -> bool {
        self.evidence & f != 0
    }
}

pub(super) const PLACE_PREPOSITIONS: &[&str] = &["in", "near", "outside", "across", "throughout"];

/// Lowercase words allowed inside a name between capitalised words: `Bank of England`, `van Gaal`.
/// (A `match` compiles to a length switch and a few compares; this runs on most tokens.)
#[inline]
pub(super) fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de"
            | "del"
            | "della"
            | "der"
            | "den"
            | "van"
            | "von"
            | "du"
            | "da"
            | "di"
            | "la"
            | "le"
            | "al"
            | "el"
            | "bin"
            | "ibn"
            | "dos"
            | "das"
            | "y"
            | "&"
    )
}
/// A speech verb after a name: `Hoddle said`. (A `match`, like [`is_connector`].)
#[inline]
pub(super) fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "added"
            | "stressed"
            | "noted"
            | "explained"
            | "insisted"
            | "argued"
            | "warned"
            | "wrote"
            | "asked"
            | "replied"
            | "recalled"
            | "announced"
            | "pointed"
            | "underscored"
            | "stated"
            | "declared"
            | "urged"
            | "admitted"
            | "denied"
            | "claimed"
            | "believes"
            | "thinks"
    )
}

fn pronoun_of(lower: &str) -> Option<Pronoun> {
    match lower {
        "he" | "him" | "his" | "himself" => Some(Pronoun::He),
        "she" | "her" | "hers" | "herself" => Some(Pronoun::She),
        _ => None,
    }
}

#[inline]
pub(super) fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// All letters uppercase, at least two of them: `NATO`, `U.S.`, `SHEARER`.
pub fn is_all_caps(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Where the name part of a word token ends, and whether the run must end there: `Russia's` ends
/// before `'s`; `Moscow-based` ends before `-based` (and says so).
pub(super) struct WordShape {
    pub(super) name_end: u32,
    pub(super) ends_run: bool,
    pub(super) possessive: bool,
    pub(super) based: bool,
}

pub(super) fn shape(tok: Token, w: &str) -> WordShape {
    let end = tok.span.end;
    for suffix in ["'s", "’s"] {
        if w.len() > suffix.len() && w.ends_with(suffix) {
            return WordShape { name_end: end - suffix.len() as u32, ends_run: true, possessive: true, based: false };
        }
    }
    // A hyphen followed by a lowercase part: `Moscow-based`, `U.N.-backed`.
    // `-` is ASCII, so a byte search finds the same positions as a char search.
    let lower_after = |i: usize| w[i + 1..].chars().next().is_some_and(char::is_lowercase);
    if let Some(pos) = w.bytes().enumerate().find_map(|(i, b)| (b == b'-' && lower_after(i)).then_some(i)) {
        if pos > 0 {
            let based = w[pos + 1..].starts_with("based");
            return WordShape { name_end: tok.span.start + pos as u32, ends_run: true, possessive: false, based };
        }
    }
    WordShape { name_end: end, ends_run: false, possessive: false, based: false }
}

pub(super) struct Ctx<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Token],
    /// Lowercase forms of the word tokens, in one buffer: one allocation per paragraph.
    pub(super) lower_buf: String,
    pub(super) lower_at: Vec<(u32, u32)>,
    /// Per token: its [`token_bit`]s.
    pub(super) token_bits: Vec<u8>,
    /// Per token: the lexicon lists of its lowercase forms, looked up on first use.
    pub(super) lists_at: Vec<Cell<Option<TokenLists>>>,
    pub(super) out: Vec<NameCandidate>,
    /// The keys of `out` as [`NameKeys`] holds them, written as each candidate is pushed: the
    /// lowercase name [`super::runs::push_run`] reads is most often the key itself.
    pub(super) key_buf: String,
    pub(super) key_ends: Vec<u32>,
}

/// What is known of each token, as bits (see [`Ctx::token_bits`]): one small vector per paragraph
/// rather than one per fact.
pub(super) mod token_bit {
    /// A [`super::TokenKind::Word`] token.
    pub const WORD: u8 = 1 << 0;
    /// A word whose first character is uppercase ([`super::starts_upper`]).
    pub const CAP: u8 = 1 << 1;
    /// A word in capitals ([`super::is_all_caps`]).
    pub const ALL_CAPS: u8 = 1 << 2;
    /// A line break between the token and the one before it.
    pub const BREAK_BEFORE: u8 = 1 << 3;
    /// The token starts a sentence, a line or a quotation.
    pub const START: u8 = 1 << 4;
    /// The token is on an all-capitals line.
    pub const CAPS_LINE: u8 = 1 << 5;
    /// A word starting with `h` or `s` (either case): every pronoun does, and no other letter
    /// lowercases to one, so most words need no lowercase form to know they are no pronoun.
    pub const MAYBE_PRONOUN: u8 = 1 << 6;
    /// An ASCII word with no hyphen and no apostrophe: its [`super::shape`] is the whole word.
    pub const PLAIN_SHAPE: u8 = 1 << 7;
}

/// The [`list`] bits of one token's lowercase form, as written (`word`), without `'s` (`bare`),
/// without trailing full stops (`dotless`, as titles are looked up), and without both.
#[derive(Debug, Clone, Copy)]
pub(super) struct TokenLists {
    pub(super) word: u16,
    pub(super) bare: u16,
    pub(super) dotless: u16,
    pub(super) bare_dotless: u16,
}

impl Ctx<'_> {
    /// Pushes a candidate and its key: `key` when the caller has it, else the normalised text of
    /// a name's span (none for a pronoun).
    pub(super) fn push(&mut self, c: NameCandidate, key: Option<&str>) {
        match (c.kind, key) {
            (CandidateKind::Pronoun(_), _) => {}
            (CandidateKind::Name, Some(key)) => self.key_buf.push_str(key),
            (CandidateKind::Name, None) => normalise_into(c.span.text(self.text), &mut self.key_buf),
        }
        self.key_ends.push(self.key_buf.len() as u32);
        self.out.push(c);
    }

    #[inline]
    pub(super) fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    /// The word's lowercase form (curly apostrophes made straight), from the paragraph's arena.
    #[inline]
    pub(super) fn lower(&self, i: usize) -> &str {
        match self.lower_at.get(i) {
            // Already lowercase: the word itself.
            Some(&(u32::MAX, _)) => self.word(i),
            Some(&(s, e)) => self.lower_buf.get(s as usize..e as usize).unwrap_or(""),
            None => "",
        }
    }

    /// The [`shape`] of token `i`, without reading a plain word's text.
    #[inline]
    pub(super) fn shape_at(&self, i: usize) -> WordShape {
        let tok = self.tokens[i];
        if self.token_bits[i] & token_bit::PLAIN_SHAPE != 0 {
            return WordShape { name_end: tok.span.end, ends_run: false, possessive: false, based: false };
        }
        shape(tok, self.word(i))
    }

    /// Token `i` starts a sentence, a line or a quotation.
    #[inline]
    pub(super) fn starts(&self, i: usize) -> bool {
        self.token_bits[i] & token_bit::START != 0
    }

    /// Token `i` is on an all-capitals line.
    #[inline]
    pub(super) fn caps_line(&self, i: usize) -> bool {
        self.token_bits[i] & token_bit::CAPS_LINE != 0
    }

    #[inline]
    pub(super) fn is_word(&self, i: usize) -> bool {
        self.token_bits.get(i).is_some_and(|b| b & token_bit::WORD != 0)
    }

    /// The lexicon lists of token `i`'s lowercase forms (all 0 past the end).
    #[inline]
    pub(super) fn lists(&self, i: usize) -> TokenLists {
        let Some(memo) = self.lists_at.get(i) else {
            return TokenLists { word: 0, bare: 0, dotless: 0, bare_dotless: 0 };
        };
        match memo.get() {
            Some(known) => known,
            None => self.look_up_lists(i, memo),
        }
    }

    /// [`Ctx::lists`] on first use of token `i`: the lexicon's hash look-ups, kept in `memo`.
    #[inline(never)]
    fn look_up_lists(&self, i: usize, memo: &Cell<Option<TokenLists>>) -> TokenLists {
        let lx = lexicon();
        let w = self.lower(i);
        let word = lx.lists_with_place_heads(w);
        let lookup = |v: &str| if v.len() == w.len() { word } else { lx.lists_with_place_heads(v) };
        let bare_text = w.strip_suffix("'s").unwrap_or(w);
        let bare = lookup(bare_text);
        let dotless = lookup(w.trim_end_matches('.'));
        let bare_dotless_text = bare_text.trim_end_matches('.');
        let bare_dotless =
            if bare_dotless_text.len() == bare_text.len() { bare } else { lx.lists_with_place_heads(bare_dotless_text) };
        let found = TokenLists { word, bare, dotless, bare_dotless };
        memo.set(Some(found));
        found
    }

    /// Token `i`'s part in a title (`Mr.`, `Minister`, `Foreign`), as [`super::lexicon::Lexicon::title_word`].
    #[inline]
    pub(super) fn title(&self, i: usize) -> Option<TitleWord> {
        title_of(self.lists(i).dotless)
    }

    /// Token `i` is on one of the lists in `bits`.
    #[inline]
    pub(super) fn on(&self, i: usize, bits: u16) -> bool {
        self.lists(i).word & bits != 0
    }

    /// A common word, unless written in capitals in ordinary text (`US`, `IT`).
    #[inline]
    pub(super) fn is_common(&self, i: usize) -> bool {
        self.on(i, list::COMMON)
            && (self.caps_line(i) || self.token_bits[i] & token_bit::ALL_CAPS == 0)
            && !(is_initial(self.word(i)) && self.word(i + 1) == "." && self.is_cap_word(i + 2))
    }

    #[inline]
    pub(super) fn is_cap_word(&self, i: usize) -> bool {
        self.token_bits.get(i).is_some_and(|b| b & token_bit::CAP != 0)
    }

    /// Tokens `a` and `b = a + 1` are on the same line.
    #[inline]
    pub(super) fn same_line(&self, a: usize, b: usize) -> bool {
        if b == a + 1 && b < self.token_bits.len() {
            return self.token_bits[b] & token_bit::BREAK_BEFORE == 0;
        }
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => {
                !self.text.get(x.span.end as usize..y.span.start as usize).unwrap_or("\n").contains('\n')
            }
            _ => false,
        }
    }
}

/// Finds name candidates (and personal pronouns) in one paragraph.
pub fn name_candidates(text: &str, tokens: &[Token], sentences: &[Span]) -> Vec<NameCandidate> {
    candidates(text, tokens, sentences, false).0
}

/// [`name_candidates`] with their [`NameKeys`] (as `NameKeys::new` would give them), read in the
/// same pass: the lowercase name the pass reads is most often the key itself.
pub fn name_candidates_with_keys(text: &str, tokens: &[Token], sentences: &[Span]) -> (Vec<NameCandidate>, NameKeys) {
    candidates(text, tokens, sentences, false)
}

/// Finds name candidates in a headline, where capitals prove nothing (`Russia To Assess EU
/// Requests`): every capitalised word is a [`flag::CAPS`] candidate of its own, which the
/// document pass keeps only if the story names it too.
pub fn headline_candidates(text: &str, tokens: &[Token], sentences: &[Span]) -> Vec<NameCandidate> {
    candidates(text, tokens, sentences, true).0
}

/// The per-token working lists of [`Ctx`] (and the candidates found), kept between paragraphs by
/// each thread: a cold analysis reads thousands of paragraphs, and four allocations and frees for
/// each are a few percent of its time.
#[derive(Default)]
struct Scratch {
    lower_buf: String,
    lower_at: Vec<(u32, u32)>,
    token_bits: Vec<u8>,
    lists_at: Vec<Cell<Option<TokenLists>>>,
    out: Vec<NameCandidate>,
    key_buf: String,
    key_ends: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Paragraphs up to this many bytes give their working lists back for the next one; a longer
/// one's are freed, so that one giant paragraph does not hold its memory for good.
const KEEP_SCRATCH_BYTES: usize = 64 * 1024;

fn candidates(text: &str, tokens: &[Token], sentences: &[Span], headline: bool) -> (Vec<NameCandidate>, NameKeys) {
    let mut scratch = SCRATCH.with(RefCell::take);
    scratch.lower_buf.clear();
    scratch.lower_buf.reserve(text.len());
    scratch.lower_at.clear();
    scratch.token_bits.clear();
    scratch.lists_at.clear();
    scratch.lists_at.resize(tokens.len(), Cell::new(None));
    scratch.out.clear();
    scratch.key_buf.clear();
    scratch.key_ends.clear();
    let mut cx = Ctx {
        text,
        tokens,
        lower_buf: scratch.lower_buf,
        lower_at: scratch.lower_at,
        token_bits: scratch.token_bits,
        lists_at: scratch.lists_at,
        out: scratch.out,
        key_buf: scratch.key_buf,
        key_ends: scratch.key_ends,
    };
    find_candidates(&mut cx, sentences, headline);
    // Copied out at their length: one allocation, where growing the list pushed into would be
    // several.
    let out = cx.out.to_vec();
    let keys = NameKeys::from_parts(&cx.key_buf, &cx.key_ends);
    if text.len() <= KEEP_SCRATCH_BYTES {
        let Ctx { lower_buf, lower_at, token_bits, lists_at, out, key_buf, key_ends, .. } = cx;
        SCRATCH.with(|s| *s.borrow_mut() = Scratch { lower_buf, lower_at, token_bits, lists_at, out, key_buf, key_ends });
    }
    (out, keys)
}

/// Pushes the paragraph's candidates to `cx.out`.
fn find_candidates(cx: &mut Ctx, sentences: &[Span], headline: bool) {
    let tokens = cx.tokens;
    read_tokens(cx, sentences);
    if headline {
        for bits in &mut cx.token_bits {
            *bits |= token_bit::CAPS_LINE;
        }
    }
    let mut i = 0;
    while i < tokens.len() {
        if !cx.is_word(i) {
            i += 1;
            continue;
        }
        let cap = cx.is_cap_word(i);
        if !cap || (cx.starts(i) && !cx.caps_line(i)) {
            let maybe_pronoun = cx.token_bits[i] & token_bit::MAYBE_PRONOUN != 0;
            if let Some(p) = maybe_pronoun.then(|| pronoun_of(cx.lower(i))).flatten() {
                cx.push(
                    NameCandidate { span: tokens[i].span, title: None, kind: CandidateKind::Pronoun(p), evidence: 0 },
                    None,
                );
                i += 1;
                continue;
            }
        }
        if !cap {
            i += 1;
            continue;
        }
        if cx.caps_line(i) {
            caps_word(cx, i);
            i += 1;
            continue;
        }
        // `Mr. Lavrov`: the tokenizer leaves the stop after `Mr` on its own.
        if cx.lists(i).dotless & list::HONORIFIC != 0 && cx.word(i + 1) == "." && cx.is_cap_word(i + 2) && cx.same_line(i + 1, i + 2)
        {
            let title = Span { start: tokens[i].span.start, end: tokens[i + 1].span.end };
            let end = run_end(cx, i + 2);
            push_run(cx, i + 2, end, Some((title, flag::HONORIFIC)));
            i = end + 1;
            continue;
        }
        // `Sen. Rand Paul`, `Del. Ana Ruiz`: an office abbreviated with its stop, listed so in
        // `titles.txt`.
        if cx.word(i + 1) == "." && cx.is_cap_word(i + 2) && cx.same_line(i + 1, i + 2) && abbreviated_title(cx, i) {
            let title = Span { start: tokens[i].span.start, end: tokens[i + 1].span.end };
            let end = run_end(cx, i + 2);
            push_run(cx, i + 2, end, Some((title, flag::TITLE)));
            i = end + 1;
            continue;
        }
        let end = run_end(cx, i);
        process_run(cx, i, end);
        i = end + 1;
    }
}

/// Classes of bytes, for reading a word's case (and whether [`shape`] has anything to find) in
/// one pass: see [`read_tokens`].
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const NON_ASCII: u8 = 4;
const HYPHEN_OR_APOSTROPHE: u8 = 8;
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if b >= 0x80 {
            NON_ASCII
        } else if (b as u8).is_ascii_uppercase() {
            UPPER
        } else if (b as u8).is_ascii_lowercase() {
            LOWER
        } else if b == b'-' as usize || b == b'\'' as usize {
            HYPHEN_OR_APOSTROPHE
        } else {
            0
        };
        b += 1;
    }
    table
};

/// One pass over the tokens: line breaks between them, what their characters say
/// ([`token_bit`]), their lowercase forms, which of them start a sentence, a line or a quotation,
/// and which lines are in capitals. (One pass rather than three: this reads every token of every
/// paragraph on a cold analysis.)
fn read_tokens(cx: &mut Ctx, sentences: &[Span]) {
    let (text, bytes, tokens) = (cx.text, cx.text.as_bytes(), cx.tokens);
    let n = tokens.len();
    cx.token_bits.resize(n, 0);
    cx.lower_at.resize(n, (0, 0));
    // The sentence holding the current token, the first token of its line, and the line's words
    // of two letters or more, and those of them in capitals (see [`mark_caps_line`]).
    let mut s = 0;
    let (mut line_first, mut line_words, mut line_caps) = (0, 0u32, 0u32);
    let mut prev_end = None;
    // The token before opens a quotation or an aside: `"`, `:`, `(`...
    let mut prev_opens = false;
    for (i, t) in tokens.iter().enumerate() {
        let (start, end) = (t.span.start as usize, t.span.end as usize);
        // `\n` is ASCII: a byte search of the gap (usually one space) finds it as a char search would.
        let line_break = match prev_end {
            None => false,
            // Most gaps are one byte: read it alone.
            Some(p) if start == p + 1 => bytes[p] == b'\n',
            Some(p) => bytes.get(p..start).map_or(true, |gap| gap.iter().any(|&b| b == b'\n')),
        };
        prev_end = Some(end);
        let new_line = i == 0 || line_break;
        if new_line && i > 0 {
            mark_caps_line(&mut cx.token_bits[line_first..i], line_words, line_caps);
            (line_first, line_words, line_caps) = (i, 0, 0);
        }
        while s < sentences.len() && sentences[s].end <= t.span.start {
            s += 1;
        }
        let mut bits = if line_break { token_bit::BREAK_BEFORE } else { 0 };
        if new_line || prev_opens || sentences.get(s).is_some_and(|sp| sp.start == t.span.start) {
            bits |= token_bit::START;
        }
        // Only punctuation can be one of these marks: words are not read.
        prev_opens = match t.kind {
            TokenKind::QuoteMark => true,
            TokenKind::Punct => matches!(t.text(text), ":" | "(" | "[" | "-" | "—" | "–"),
            _ => false,
        };
        let lower_start = cx.lower_buf.len() as u32;
        if t.kind != TokenKind::Word {
            cx.token_bits[i] = bits;
            cx.lower_at[i] = (lower_start, lower_start);
            continue;
        }
        let word_bytes = bytes.get(start..end).unwrap_or(&[]);
        let classes = word_bytes.iter().fold(0, |acc, &b| acc | BYTE_CLASS[b as usize]);
        let non_ascii = classes & NON_ASCII != 0;
        let (cap, all_caps) = if non_ascii {
            let w = t.text(text);
            (starts_upper(w), is_all_caps(w))
        } else {
            // ASCII letters: uppercase and alphabetic mean what they mean for any char.
            let all_caps = classes & !HYPHEN_OR_APOSTROPHE == UPPER && word_bytes.iter().filter(|b| b.is_ascii_uppercase()).nth(1).is_some();
            (word_bytes.first().is_some_and(u8::is_ascii_uppercase), all_caps)
        };
        bits |= token_bit::WORD;
        if cap {
            bits |= token_bit::CAP;
        }
        if all_caps {
            bits |= token_bit::ALL_CAPS;
        }
        if matches!(word_bytes.first(), Some(b'h' | b'H' | b's' | b'S')) {
            bits |= token_bit::MAYBE_PRONOUN;
        }
        if classes & (NON_ASCII | HYPHEN_OR_APOSTROPHE) == 0 {
            bits |= token_bit::PLAIN_SHAPE;
        }
        if end - start >= 2 {
            line_words += 1;
            line_caps += (cap && all_caps) as u32;
        }
        cx.token_bits[i] = bits;
        if classes & (UPPER | NON_ASCII) == 0 {
            // Already lowercase: the word itself.
            cx.lower_at[i] = (u32::MAX, 0);
            continue;
        }
        let w = t.text(text);
        if non_ascii {
            for c in w.chars() {
                if c == '’' {
                    cx.lower_buf.push('\'');
                } else {
                    cx.lower_buf.extend(c.to_lowercase());
                }
            }
        } else {
            cx.lower_buf.push_str(w);
            cx.lower_buf[lower_start as usize..].make_ascii_lowercase();
        }
        cx.lower_at[i] = (lower_start, cx.lower_buf.len() as u32);
    }
    if n > 0 {
        mark_caps_line(&mut cx.token_bits[line_first..], line_words, line_caps);
    }
}

/// Marks one line's tokens (`line`) as an all-capitals line when most of its `words` (of two
/// letters or more) are in capitals (`caps` of them).
fn mark_caps_line(line: &mut [u8], words: u32, caps: u32) {
    if words >= 1 && caps * 10 >= words * 7 && (words >= 2 || caps == 1) {
        for bits in line {
            *bits |= token_bit::CAPS_LINE;
        }
    }
}

/// The last token of the capitalised run starting at `i`.
fn run_end(cx: &Ctx, i: usize) -> usize {
    let mut last = i;
    loop {
        if cx.shape_at(last).ends_run {
            return last;
        }
        let j = last + 1;
        if !cx.same_line(last, j) || cx.tokens[j].span.start > cx.tokens[last].span.end + 1 {
            return last;
        }
        if cx.is_cap_word(j) && !cx.caps_line(j) {
            last = j;
            continue;
        }
        // An initial: `P. Simmons`.
        if is_initial(cx.word(last)) && cx.word(j) == "." && cx.is_cap_word(j + 1) && cx.same_line(j, j + 1) {
            last = j + 1;
            continue;
        }
        // A nickname in quotation marks between a given name and the surname: `Jon "Tig" Tallent`.
        if nickname_follows(cx, last) {
            last = j + 3;
            continue;
        }
        let connector = is_connector(cx.word(j));
        if connector && cx.is_cap_word(j + 1) && cx.same_line(j, j + 1) && !cx.caps_line(j + 1) {
            last = j + 1;
            continue;
        }
        return last;
    }
}

/// Token `i` and a stop after it are a title head as `titles.txt` writes it: `sen.`, `del.`.
fn abbreviated_title(cx: &Ctx, i: usize) -> bool {
    let lower = cx.lower(i);
    let mut buf = [0u8; 8];
    // Abbreviations are short: most words before a stop end a sentence, and are not looked up.
    if lower.len() > 4 || lower.ends_with('.') {
        return false;
    }
    buf[..lower.len()].copy_from_slice(lower.as_bytes());
    buf[lower.len()] = b'.';
    std::str::from_utf8(&buf[..=lower.len()]).is_ok_and(|w| lexicon().lists(w) & list::TITLE_HEAD != 0)
}

/// Tokens after `last`, a given name, are a quoted capitalised word and a capitalised word, all
/// one space apart on one line: `Jon | "Tig" Tallent`.
fn nickname_follows(cx: &Ctx, last: usize) -> bool {
    let quote = |i: usize| cx.tokens.get(i).is_some_and(|t| t.kind == TokenKind::QuoteMark);
    let tight = |i: usize| cx.tokens.get(i + 1).is_some_and(|n| n.span.start <= cx.tokens[i].span.end + 1);
    quote(last + 1)
        && cx.is_cap_word(last + 2)
        && quote(last + 3)
        && cx.is_cap_word(last + 4)
        && (last..last + 4).all(|i| cx.same_line(i, i + 1) && tight(i))
        && !cx.caps_line(last + 4)
        && cx.on(last, list::GIVEN)
}

#[inline]
pub(super) fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

fn caps_word(cx: &mut Ctx, i: usize) {
    let w = cx.word(i);
    if w.chars().filter(|c| c.is_alphabetic()).count() < 2 || cx.on(i, list::COMMON) || cx.title(i).is_some() {
        return;
    }
    let sh = shape(cx.tokens[i], w);
    let joined = cx.out.last().is_some_and(|c| {
        c.has(flag::CAPS) && i > 0 && c.span.end == cx.tokens[i - 1].span.end && cx.same_line(i - 1, i)
    });
    let mut evidence = flag::CAPS;
    if joined {
        evidence |= flag::CAPS_JOINED;
    }
    if sh.possessive {
        evidence |= flag::POSSESSIVE;
    }
    let span = Span { start: cx.tokens[i].span.start, end: sh.name_end };
    cx.push(NameCandidate { span, title: None, kind: CandidateKind::Name, evidence }, None);
}
