//! Speaker phrases and cue verbs around a position in one paragraph's tokens.
//!
//! A speaker phrase is read from its cue verb outwards: backwards for `Lavrov said`, `the top
//! Russian diplomat added`, `Rep. Stephen Lynch (D-Mass.) said`; forwards for the inverted
//! `said Dan Conston, a senior adviser`. Only a handful of tokens are ever read.

use crate::analysis::lexicon::{self, cue_verb};
use crate::analysis::paragraph::Paragraph;
use crate::analysis::quotes::{MarkRole, QuoteMark};
use crate::analysis::span::Span;
use crate::analysis::tokens::{Token, TokenKind};

/// The longest speaker phrase read, in tokens.
const MAX_PHRASE: usize = 9;

/// A cue found in a paragraph: token range of the cue words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub first: usize,
    pub last: usize,
    /// `according to X`: the speaker follows the cue.
    pub speaker_follows: bool,
}

/// Paragraph-relative tokens with their text.
pub struct Tokens<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    /// The paragraph's quote marks, to tell quotation marks from apostrophes.
    pub marks: &'a [QuoteMark],
}

impl<'a> Tokens<'a> {
    pub fn of(text: &'a str, par: &'a Paragraph) -> Tokens<'a> {
        Tokens {
            text,
            toks: &par.facts.tokens,
            marks: &par.facts.quote_marks,
        }
    }

    /// Whether token `k` is a quotation mark (not an apostrophe like `Sanders'`).
    pub fn is_quotation_mark(&self, k: usize) -> bool {
        let Some(tok) = self.toks.get(k) else {
            return false;
        };
        if tok.kind != TokenKind::QuoteMark {
            return false;
        }
        let i = self.marks.partition_point(|m| m.span.end <= tok.span.start);
        self.marks.get(i).map_or(true, |m| {
            m.role != MarkRole::Apostrophe || !m.span.overlaps(tok.span)
        })
    }

    /// A lower-case word that can be part of a plain noun phrase (`federal prosecutors`).
    pub fn is_plain_word(&self, k: usize) -> bool {
        let w = self.word(k);
        self.is_word(k) && w.starts_with(|c: char| c.is_ascii_lowercase()) && self.phrase_word(k)
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
    }

    /// Whether a line break separates tokens `a` and `b`.
    pub fn newline_between(&self, a: usize, b: usize) -> bool {
        let (Some(x), Some(y)) = (self.toks.get(a), self.toks.get(b)) else {
            return false;
        };
        self.text
            .get(x.span.end as usize..y.span.start as usize)
            .is_some_and(|gap| gap.contains('\n'))
    }

    /// A full stop that belongs to an abbreviation or initial in a name: `Rep.`, `J.`.
    pub fn is_abbreviation_stop(&self, k: usize) -> bool {
        k > 0 && self.adjacent(k - 1, k) && (is_abbreviation(self.word(k - 1)) || self.is_party_state(k - 1))
    }

    /// The state of a party-and-state tag, `Ky` in `Mitch McConnell, R-Ky., said`.
    fn is_party_state(&self, k: usize) -> bool {
        let w = self.word(k);
        let state = w.strip_prefix("R-").or_else(|| w.strip_prefix("D-")).or_else(|| w.strip_prefix("I-"));
        state.is_some_and(|s| (2..=5).contains(&s.len()) && s.starts_with(|c: char| c.is_ascii_uppercase()))
    }

    /// The subject of the clause a cue at `cue` belongs to, read from the clause's start:
    /// `Hillary Clinton's right-hand woman` in `Hillary Clinton's right-hand woman rallied
    /// supporters, saying`, `Durbin` in `But Sen. Richard J. Durbin (D-Ill.), noting ..., said`.
    pub fn clause_subject(&self, min: usize, cue: usize) -> Option<Span> {
        // First a subject followed by its verb (`he supported`), then one set off by a comma or
        // bracket (`Durbin (D-Ill.), noting`): `Eight years ago, he said` must find `he`.
        self.clause_subject_pass(min, cue, true)
            .or_else(|| self.clause_subject_pass(min, cue, false))
    }

    fn clause_subject_pass(&self, min: usize, cue: usize, verb_follows: bool) -> Option<Span> {
        let starts =
            std::iter::once(min).chain((min..cue).filter(|&k| self.word(k) == ",").map(|k| k + 1));
        for mut p in starts {
            while p < cue && is_connective(self.word(p)) {
                p += 1;
                if self.word(p) == "," {
                    p += 1;
                }
            }
            if p >= cue {
                continue;
            }
            let first = self.word(p);
            let lower = first.to_ascii_lowercase();
            // A clause's subject starts with a name, a determiner or a pronoun: never `noting the
            // size of ...`.
            let name_start = first.starts_with(char::is_uppercase)
                || first.starts_with(|c: char| c.is_ascii_digit());
            if lexicon::ends_speaker_phrase(&lower)
                || is_fronted_adverbial(&lower)
                || !(name_start
                    || lexicon::is_determiner(first)
                    || lexicon::is_subject_pronoun(first))
            {
                continue;
            }
            let Some(speaker) = self.phrase_after(p, cue) else {
                continue;
            };
            let next = self.toks.partition_point(|x| x.span.start < speaker.end);
            // `James Zogby, a superdelegate from the District, said`: in an appositive to a name
            // a preposition is no verb (but `A spokeswoman for the committee said` is a subject).
            let preposition = matches!(self.word(next), "of" | "from" | "in" | "at" | "for" | "with" | "by" | "on" | "to" | "about")
                && self.appositive_to_name(min, p);
            // `the daughter of Bill Doe and Ann Doe, said`: a conjunction before another name is no
            // verb either (`workers and retirees had amassed` is still one subject).
            let conjunction = matches!(self.word(next), "and" | "or" | "nor") && self.starts_upper(next + 1);
            let ok = if verb_follows {
                next == cue
                    || (self.is_word(next) && self.word(next).starts_with(char::is_lowercase) && !preposition && !conjunction)
            } else {
                next < cue && matches!(self.word(next), "," | "(")
            };
            if ok {
                return Some(speaker);
            }
        }
        None
    }

    /// Whether the clause from `min` opens with a capitalised name set off by the comma right
    /// before `p` (two words or more: a lone `Likewise,` is no name): `James Zogby, | a
    /// superdelegate ...`.
    fn appositive_to_name(&self, min: usize, p: usize) -> bool {
        if p < min + 3 || self.word(p - 1) != "," || !self.starts_upper(min) {
            return false;
        }
        let lower = self.word(min).to_ascii_lowercase();
        if is_connective(self.word(min)) || is_fronted_adverbial(&lower) || lexicon::is_determiner(self.word(min)) {
            return false;
        }
        self.phrase_after(min, p - 1)
            .is_some_and(|name| self.toks.partition_point(|x| x.span.start < name.end) == p - 1 && self.starts_upper(p - 2))
    }

    /// Whether tokens `from..to` can all sit inside a long noun phrase: `Fight for $15 organizing
    /// director Kendall Fells`.
    pub fn noun_phrase_gap(&self, from: usize, to: usize) -> bool {
        (from..to).all(|k| {
            let w = self.word(k);
            if self.is_word(k) {
                let lower = w.to_ascii_lowercase();
                cue_verb(w).is_none()
                    && !matches!(
                        lower.as_str(),
                        "that"
                            | "which"
                            | "who"
                            | "because"
                            | "but"
                            | "and"
                            | "when"
                            | "while"
                            | "if"
                            | "as"
                            | "is"
                            | "was"
                            | "are"
                            | "were"
                    )
            } else {
                matches!(w, "$" | "&" | "." | "-" | "'" | "’")
            }
        })
    }

    fn adjacent(&self, a: usize, b: usize) -> bool {
        self.toks[a].span.end == self.toks[b].span.start
    }

    pub fn span(&self, first: usize, last: usize) -> Span {
        Span {
            start: self.toks[first].span.start,
            end: self.toks[last].span.end,
        }
    }

    /// The cue starting at token `i`, if any: a cue verb (with its particle), or `according to`.
    pub fn cue_at(&self, i: usize) -> Option<Cue> {
        let w = self.word(i);
        if w.eq_ignore_ascii_case("according") && self.word(i + 1) == "to" {
            return Some(Cue {
                first: i,
                last: i + 1,
                speaker_follows: true,
            });
        }
        let verb = cue_verb(w)?;
        // Capitalised mid-sentence forms are names (`Sayers`), except sentence-initial `Said`.
        if w.starts_with(char::is_uppercase)
            && i > 0
            && !matches!(self.word(i - 1), "." | "\"" | "“" | "”" | "," | ":")
        {
            return None;
        }
        // `Clark's comments`, `his claims`: after a possessive the form is a noun.
        if i > 0 {
            let prev = self.word(i - 1);
            let possessive = prev.ends_with("'s")
                || prev.ends_with("’s")
                || prev.ends_with("s'")
                || prev.ends_with("s’")
                || matches!(
                    prev,
                    "his"
                        | "her"
                        | "their"
                        | "its"
                        | "our"
                        | "my"
                        | "your"
                        | "His"
                        | "Her"
                        | "Their"
                        | "Its"
                        | "Our"
                        | "My"
                        | "Your"
                );
            if possessive {
                return None;
            }
        }
        match verb.particle {
            Some(p) if self.word(i + 1).eq_ignore_ascii_case(p) => Some(Cue {
                first: i,
                last: i + 1,
                speaker_follows: false,
            }),
            Some(_) => None,
            None => Some(Cue {
                first: i,
                last: i,
                speaker_follows: false,
            }),
        }
    }

    /// The speaker phrase ending just before token `end` (exclusive), reading back no further
    /// than `min`: `Foreign Minister Sergey Lavrov`, `he`, `the top Russian diplomat`.
    pub fn phrase_before(&self, end: usize, min: usize) -> Option<Span> {
        let mut j = end;
        // `Lavrov also said`, `she has repeatedly said`.
        while j > min && lexicon::is_cue_modifier(self.word(j - 1)) {
            j -= 1;
        }
        if j <= min {
            return None;
        }
        let last = j - 1;
        // `Rep. Stephen Lynch (D-Mass.) said`: skip the bracket.
        let mut head_end = last;
        if self.word(last) == ")" {
            let open = (min..last).rev().take(8).find(|&k| self.word(k) == "(")?;
            head_end = open.checked_sub(1)?;
            if head_end < min {
                return None;
            }
        }
        // `the group, which said`, `a sign — which read`, `the coalition that said`: the relative
        // stands for a thing or a body, never a person, so it is the speaker itself; the clause's
        // subject (`Tom met the group, which said`) did not say it.
        if self.is_relative_for_thing(head_end, min) {
            return Some(self.span(head_end, head_end));
        }
        // `Gov. John Kasich (R-OH), said`.
        if self.word(head_end) == "," && head_end > min && self.word(head_end - 1) == ")" {
            let open = (min..head_end - 1)
                .rev()
                .take(8)
                .find(|&k| self.word(k) == "(")?;
            let (first, last) = self.phrase_back_from(open.checked_sub(1)?, min)?;
            return self.starts_upper(first).then(|| self.span(first, last));
        }
        // `Smith, a spokesman for the council, said`: the name before the appositive.
        if self.word(head_end) == "," {
            let comma = (min..head_end)
                .rev()
                .take(MAX_PHRASE)
                .find(|&k| self.word(k) == ",")?;
            let name = self.phrase_back_from(comma.checked_sub(1)?, min)?;
            // `Sanders's campaign manager, Jeff Weaver, said`: the role, then the name it is.
            if self.is_role_description(name.0, name.1) && self.is_bare_name(comma + 1, head_end) {
                return Some(self.span(name.0, head_end - 1));
            }
            return self.starts_upper(name.0).then(|| self.span(name.0, name.1));
        }
        if self.word(head_end) == "who" {
            return self.relative_antecedent(head_end, min);
        }
        let (first, last) = self.phrase_back_from(head_end, min)?;
        // `speaking to Fox News said`: a phrase after a preposition is an object, not a speaker.
        if first > min
            && matches!(
                self.word(first - 1),
                "to" | "with" | "for" | "from" | "by" | "at" | "in" | "on" | "about" | "against"
            )
        {
            return None;
        }
        Some(self.span(first, last))
    }

    /// The author named after a document that `according to` cites (`a court filing signed by
    /// county attorney X`, `a letter from Mayor X`, `a statement by the authority`): whose words
    /// the document carries. `phrase` is the speaker read after the cue; `max` bounds the author.
    pub fn document_author(&self, phrase: Span, max: usize) -> Option<Span> {
        let first = self.toks.partition_point(|x| x.span.start < phrase.start);
        let mut next = self.toks.partition_point(|x| x.span.start < phrase.end);
        let mut head = next.checked_sub(1).filter(|&h| h > first)?;
        // `a court filing signed by`: the participle was read as part of the phrase.
        if is_authoring_participle(self.word(head)) {
            next = head;
            head -= 1;
        }
        let mut buf = [0u8; 24];
        let noun = lexicon::ascii_lower(self.word(head), &mut buf)?;
        if !is_document(noun.strip_suffix('s').unwrap_or(noun)) {
            return None;
        }
        if is_authoring_participle(self.word(next)) {
            next += 1;
        }
        if !matches!(self.word(next), "by" | "from") {
            return None;
        }
        let author = self.phrase_after(next + 1, max)?;
        // `by county attorney Lionel Barrett`: a name somewhere, or a definite phrase.
        let named = author.text(self.text).split_whitespace().any(|w| w.starts_with(char::is_uppercase))
            || lexicon::is_determiner(self.word(next + 1));
        named.then_some(author)
    }

    /// The speaker a relative `who` before a cue stands for: the name or definite phrase just
    /// before it, maybe set off by a comma (`a post from Odile Ferrand who wrote`, `went to the
    /// mayor, who said`). An object of a preposition is a speaker here, unlike before a cue; a
    /// bare plural (`residents who spoke`) names no one.
    fn relative_antecedent(&self, who: usize, min: usize) -> Option<Span> {
        let mut last = who.checked_sub(1).filter(|&k| k >= min)?;
        if self.word(last) == "," {
            last = last.checked_sub(1).filter(|&k| k >= min)?;
        }
        let (first, last) = self.phrase_back_from(last, min)?;
        let named = self.starts_upper(last) || self.word(first).eq_ignore_ascii_case("the");
        named.then(|| self.span(first, last))
    }

    /// Whether token `k` is a relative pronoun standing for a thing or a body: `which` after
    /// anything (`Which said` opening the clause is a question), or `that` after a lower-case noun
    /// other than a word for a person (`the man that said` is someone). Not after a document.
    fn is_relative_for_thing(&self, k: usize, min: usize) -> bool {
        if k <= min {
            return false;
        }
        let mut antecedent = k - 1;
        if matches!(self.word(antecedent), "," | "—" | "–" | "-" | "--") && antecedent > min {
            antecedent -= 1;
        }
        let mut buf = [0u8; 24];
        let noun = lexicon::ascii_lower(self.word(antecedent), &mut buf).unwrap_or("");
        let noun = noun.strip_suffix('s').unwrap_or(noun);
        // `Henry added the caption which reads`: a written piece's words are its writer's, found
        // as the clause's subject.
        if is_written_piece(noun) {
            return false;
        }
        match self.word(k) {
            "which" => true,
            "that" => {
                let before = self.word(k - 1);
                self.is_word(k - 1)
                    && before.starts_with(|c: char| c.is_lowercase())
                    && !lexicon::is_determiner(before)
                    && !is_person_noun(before)
            }
            _ => false,
        }
    }

    /// Whether tokens `first..=last` describe a role rather than name a person: a determiner or a
    /// possessor before a lower-case head (`the mayor's press secretary`, `Sanders's campaign
    /// manager`).
    fn is_role_description(&self, first: usize, last: usize) -> bool {
        let head = self.word(last);
        let possessor = (first..last).any(|k| {
            let w = self.word(k);
            w.ends_with("'s") || w.ends_with("’s") || (k + 1 < last && !self.is_quotation_mark(k + 1) && self.toks[k + 1].kind == TokenKind::QuoteMark)
        });
        self.is_word(last)
            && head.starts_with(|c: char| c.is_lowercase())
            && (lexicon::is_determiner(self.word(first)) || possessor)
    }

    /// Whether tokens `from..to` are a bare capitalised name of one to five words (initials and
    /// abbreviations with their stops): `Jeff Weaver`, `R. J. Hale`.
    fn is_bare_name(&self, from: usize, to: usize) -> bool {
        let words = (from..to).filter(|&k| self.word(k) != ".").count();
        (1..=5).contains(&words)
            && self.is_word(from)
            && (from..to).all(|k| {
                (self.is_word(k) && self.starts_upper(k) && !lexicon::is_determiner(self.word(k)))
                    || (self.word(k) == "." && self.is_abbreviation_stop(k))
            })
    }

    fn starts_upper(&self, i: usize) -> bool {
        self.word(i).starts_with(char::is_uppercase)
    }

    /// Reads a noun phrase backwards from its head `last`; returns its token range.
    fn phrase_back_from(&self, last: usize, min: usize) -> Option<(usize, usize)> {
        if last < min || !self.is_word(last) {
            return None;
        }
        let head = self.word(last);
        if lexicon::is_subject_pronoun(head) || matches!(head, "who") {
            return (head != "who").then_some((last, last));
        }
        // A capitalised word right before the cue is a name even when it spells a function word
        // (`From said`).
        let head_is_name = head.starts_with(char::is_uppercase) && !lexicon::is_determiner(head);
        if !(self.phrase_word(last) || head_is_name)
            || lexicon::is_determiner(head) && !is_lone_speaker(head)
        {
            return None;
        }
        let mut first = last;
        while first > min && last - first + 1 < MAX_PHRASE {
            let k = first - 1;
            let w = self.word(k);
            if lexicon::is_determiner(w) && !matches!(w, "that" | "That") {
                first = k;
                // `the president of the company`.
                if k >= min + 2 && self.word(k - 1) == "of" && self.phrase_word(k - 2) {
                    first = k - 2;
                    continue;
                }
                break;
            }
            if w == "." && k > min && self.adjacent(k - 1, k) && is_abbreviation(self.word(k - 1)) {
                first = k - 1;
                continue;
            }
            if w == "of" && k > min && self.phrase_word(k - 1) {
                first = k;
                continue;
            }
            if !self.phrase_word(k) {
                break;
            }
            first = k;
        }
        // A phrase with no capital and no determiner is a verb phrase more often than a speaker.
        let has_capital = (first..=last).any(|k| self.starts_upper(k));
        let has_det = lexicon::is_determiner(self.word(first));
        (has_capital || has_det).then_some((first, last))
    }

    fn phrase_word(&self, i: usize) -> bool {
        // The apostrophe of `Sanders' campaign manager`.
        if i > 0
            && self
                .toks
                .get(i)
                .is_some_and(|t| t.kind == TokenKind::QuoteMark)
            && !self.is_quotation_mark(i)
        {
            return self.adjacent(i - 1, i) && self.is_word(i - 1);
        }
        // The hyphen of `34-year-old` (a number does not glue to what follows it).
        if self.word(i) == "-" && i > 0 && i + 1 < self.toks.len() {
            return self.adjacent(i - 1, i) && self.adjacent(i, i + 1);
        }
        if !self.is_word(i) {
            return false;
        }
        let w = self.word(i);
        let mut buf = [0u8; 24];
        // Non-ASCII words (`Powell’s`, `François`, mis-decoded `FranÃ§ois`) are name material,
        // but not negated verbs (`didn’t`).
        let Some(lower) = lexicon::ascii_lower(w, &mut buf) else {
            return !w.ends_with("n’t");
        };
        if lower.ends_with("n't") {
            return false;
        }
        !lexicon::ends_speaker_phrase(lower)
            && cue_verb(w).map_or(true, |_| w.starts_with(char::is_uppercase))
    }

    /// The speaker phrase starting at token `start` and read forwards no further than `max`
    /// (exclusive): `Dan Conston` in `said Dan Conston, a senior adviser`.
    pub fn phrase_after(&self, start: usize, max: usize) -> Option<Span> {
        let max = max.min(self.toks.len());
        if start >= max || !self.is_word(start) {
            return None;
        }
        let w = self.word(start);
        if lexicon::is_subject_pronoun(w) {
            return Some(self.span(start, start));
        }
        let mut last = start;
        let det = lexicon::is_determiner(w);
        if !det && !self.phrase_word(start) {
            return None;
        }
        while last + 1 < max && last + 1 - start < MAX_PHRASE {
            let k = last + 1;
            let w = self.word(k);
            if w == "."
                && is_abbreviation(self.word(last))
                && self.adjacent(last, k)
                && k + 1 < max
                && self.starts_upper(k + 1)
            {
                last = k;
                continue;
            }
            // Past tenses end a name read forwards (`Trump attacked Clinton`); after a determiner
            // they are adjectives (`the embattled senator`).
            let past_tense =
                !det && w.len() > 4 && w.ends_with("ed") && w.starts_with(char::is_lowercase);
            if !self.phrase_word(k)
                || past_tense
                || (is_time_word(w) && !lexicon::is_determiner(self.word(last)))
            {
                break;
            }
            last = k;
        }
        if det && last == start && !is_lone_speaker(w) {
            return None;
        }
        // `said the mayor's press secretary, Tom Reyes`: the name after the role is the speaker.
        if self.word(last + 1) == "," && self.is_role_description(start, last) {
            let name_end = (last + 2..(last + 8).min(self.toks.len()))
                .take_while(|&k| self.starts_upper(k) || (self.word(k) == "." && self.is_abbreviation_stop(k)))
                .last();
            if let Some(e) = name_end {
                let closed = matches!(self.word(e + 1), "," | "." | "" | "(");
                if closed && self.is_bare_name(last + 2, e + 1) {
                    return Some(self.span(start, e));
                }
            }
        }
        // Without a determiner a name ends at its last capitalised word: `Weaver didn't seem`,
        // but `Trump campaign spokesman Jason Miller`.
        if !det {
            while last > start
                && !self.starts_upper(last)
                && !self.word(last).starts_with(|c: char| c.is_ascii_digit())
            {
                last -= 1;
            }
        }
        let has_capital = (start..=last).any(|k| self.starts_upper(k));
        (has_capital || det).then(|| self.span(start, last))
    }
}

/// Papers whose words are their author's when `according to` cites them: `a court filing by X`.
fn is_document(noun: &str) -> bool {
    matches!(
        noun,
        "document" | "filing" | "statement" | "letter" | "memo" | "memorandum" | "report" | "complaint"
            | "affidavit" | "release" | "email" | "e-mail" | "motion" | "brief" | "transcript" | "post"
            | "message" | "note" | "lawsuit" | "petition"
    )
}

/// Things written whose words are their writer's: the documents of [`is_document`], and pieces
/// (`caption`, `tweet`, `column`...) that `Tokens::document_author` does not read an author after.
fn is_written_piece(noun: &str) -> bool {
    is_document(noun) || matches!(noun, "caption" | "tweet" | "editorial" | "op-ed" | "column")
}

/// Participles that tie a document to its author: `a filing signed by`, `a memo sent from`.
fn is_authoring_participle(w: &str) -> bool {
    matches!(
        w,
        "filed" | "signed" | "issued" | "released" | "written" | "sent" | "submitted" | "posted" | "published"
            | "prepared" | "obtained"
    )
}

/// Sentence connectives before a subject: `But Durbin said`.
fn is_connective(w: &str) -> bool {
    matches!(
        w,
        "But"
            | "And"
            | "So"
            | "Yet"
            | "However"
            | "Still"
            | "Also"
            | "Then"
            | "Meanwhile"
            | "Instead"
            | "Now"
            | "Indeed"
            | "Later"
            | "Earlier"
            | "Afterward"
            | "Separately"
            | "then"
            | "also"
            | "later"
    )
}

/// Words that open a fronted adverbial rather than a subject: `Speaking to reporters, ...`.
fn is_fronted_adverbial(lower: &str) -> bool {
    matches!(
        lower,
        "speaking"
            | "responding"
            | "asked"
            | "during"
            | "last"
            | "later"
            | "earlier"
            | "like"
            | "unlike"
            | "according"
            | "following"
            | "despite"
            | "addressing"
            | "writing"
            | "in"
            | "on"
            | "at"
            | "after"
            | "before"
            | "when"
            | "while"
    )
}

/// Determiners that name a speaker on their own: `tweeted another`.
fn is_lone_speaker(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "another" | "one" | "others" | "both" | "many" | "some" | "several"
    )
}

/// Abbreviations and initials whose full stop stays inside a name: `Rep.`, `Sen.`, `J.`, and
/// in a transcript's capitals, `MR.`.
fn is_abbreviation(w: &str) -> bool {
    let mut buf = [0u8; 4];
    let w = match w.as_bytes() {
        [first, rest @ ..] if w.len() <= 4 && rest.iter().all(u8::is_ascii_uppercase) => {
            buf[0] = *first;
            for (i, b) in rest.iter().enumerate() {
                buf[i + 1] = b.to_ascii_lowercase();
            }
            std::str::from_utf8(&buf[..w.len()]).unwrap_or(w)
        }
        _ => w,
    };
    (w.len() == 1 && w.starts_with(char::is_uppercase))
        || matches!(
            w,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Rep"
                | "Sen"
                | "Gov"
                | "Gen"
                | "Lt"
                | "Col"
                | "Sgt"
                | "Capt"
                | "Prof"
                | "Rev"
                | "Jr"
                | "Sr"
                | "St"
                | "Adm"
                | "Maj"
                | "Cmdr"
                | "Supt"
                | "Amb"
                | "Del"
        )
}

/// Words that end an inverted speaker phrase: `said Smith Tuesday`.
fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "Today"
            | "Yesterday"
    )
}

/// Nouns for a person (`the man that said`), whose relative `that` stands for someone; an office
/// (`the senator that said`) is a person too.
fn is_person_noun(word: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(lower) = lexicon::ascii_lower(word, &mut buf) else { return false };
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    matches!(
        singular,
        "man" | "men" | "woman" | "women" | "person" | "people" | "one" | "someone" | "anyone" | "everyone" | "no-one"
            | "guy" | "girl" | "boy" | "child" | "children" | "friend" | "resident" | "voter" | "witness" | "neighbor"
            | "neighbour" | "official" | "spokesman" | "spokeswoman" | "spokesperson" | "aide" | "source" | "expert"
            | "leader" | "candidate" | "member" | "supporter" | "critic" | "worker" | "employee" | "student"
    ) || crate::analysis::entities::lexicon::lexicon().is_office_word(lower)
}
