use super::prose::{bare_name, has_given_name, is_heading_like, is_inside};
use super::{Finding, Fix, Related, Rule, RuleContext, RuleMeta};
use crate::analysis::entities::{Entity, EntityKind, Mention, MentionKind};
use crate::analysis::span::Span;
use crate::analysis::Analysis;

crate::declare_rule! {
    /// ## What it does
    /// Flags a person whose first reference in the story is the bare surname (`Okafor said`)
    /// when the full name (`Maria Okafor`) only comes later. Headlines, which use surnames
    /// by convention, and words inside quotes are not references of the reporter and are skipped.
    /// The quick fix writes the full name at the first reference.
    ///
    /// ## Why it matters
    /// AP style: first reference gives the full name and identification, later references the last
    /// name only. A reader who meets `Okafor` first does not know who that is.
    ///
    /// ## Example
    /// ```text
    /// Okafor said the harbour would stay open. Harbour master Maria Okafor took over in May.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Harbour master Maria Okafor said the harbour would stay open. Okafor took over in May.
    /// ```
    pub struct SurnameBeforeFullName {
        code: "surname-before-full-name",
        summary: "The first reference to a person is the bare surname",
        severity: Warning,
    }
}

impl Rule for SurnameBeforeFullName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let Some(body_start) = a.paragraphs.first().map(|p| p.span.start) else { return };
        let judge = Judge { cx, quoted: cx.memo.outer_quotes(a), body_start };
        // Each person's outcome in the last run, kept when all it read is the same: the draft's
        // people and which places are quoted (`Sameness`), the paragraphs of the person's name
        // mentions (none near the edit), and the answer of the search for the full name.
        let same = cx.memo.sameness(a);
        let mut memo = cx.memo.surnames.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let last = memo.take().filter(|_| same.person_names_moved && same.entities_same && same.quote_ends_moved);
        let mut last = last.map(|l| l.outcomes.into_iter());
        let mut outcomes = Vec::with_capacity(last.as_ref().map_or(0, |l| l.len()));
        for (i, entity) in a.entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Person) {
            // Who is named near the edit, from the memo's list in order rather than from each
            // person's own list (a cache miss per person of a long draft).
            let named_near_edit = || {
                let named = cx.memo.person_named_in_changed(a, i).unwrap_or_else(|| has_name_in(entity, same.changed_now));
                #[cfg(test)]
                assert_eq!(named, has_name_in(entity, same.changed_now), "{}", entity.name);
                named
            };
            let kept = last.as_mut().and_then(Iterator::next).filter(|_| !named_near_edit()).and_then(|mut old| {
                if let Some((end, pattern, found)) = &mut old.search {
                    *end = cx.memo.moved_point(*end)?;
                    // A search for a string up to a place before the edit finds what it found.
                    if !cx.memo.before_edit(*end) && cx.memo.search.occurs_before(&a.scan_text, pattern, *end as usize) != *found {
                        return None;
                    }
                }
                match &mut old.finding {
                    Some(f) => cx.memo.move_finding(f).then_some(old),
                    None => Some(old),
                }
            });
            let outcome = kept.unwrap_or_else(|| judge.person(entity));
            out.extend(outcome.finding.iter().cloned());
            outcomes.push(outcome);
        }
        *memo = Some(Surnames { outcomes, fresh: true }).filter(|_| !cx.memo.is_one_shot());
    }
}

/// Each person's outcome in the last run, in the order of the entities, kept for the next.
pub(super) struct Surnames {
    outcomes: Vec<Outcome>,
    /// Made by the last run (see [`super::DocMemo::update`]).
    pub(super) fresh: bool,
}

/// What the rule found for one person, and the search it asked (the string, up to where, and
/// whether it was found).
struct Outcome {
    finding: Option<Finding>,
    search: Option<(u32, Box<str>, bool)>,
}

/// Whether one of a person's name mentions overlaps `span`.
fn has_name_in(entity: &Entity, span: Span) -> bool {
    let i = entity.mentions.partition_point(|m| m.span.end <= span.start);
    // Mentions in document order overlap no others, so their ends are in order too.
    entity.mentions[i..].iter().take_while(|m| m.span.start < span.end).any(|m| m.kind == MentionKind::Name)
}

/// What every person's outcome reads.
struct Judge<'a> {
    cx: &'a RuleContext<'a>,
    quoted: &'a [Span],
    /// Where the story's first paragraph starts.
    body_start: u32,
}

impl Judge<'_> {
    fn in_story(&self, m: &Mention) -> bool {
        let a = self.cx.analysis;
        m.span.start >= self.body_start && a.paragraph_at(m.span.start).is_some_and(|p| !is_heading_like(a, p))
    }

    fn person(&self, entity: &Entity) -> Outcome {
        let mut outcome = Outcome { finding: None, search: None };
        let (a, cx) = (self.cx.analysis, self.cx);
        let text = &*a.scan_text;
        let is_full = |m: &Mention| bare_name(m.span.text(text)).split_whitespace().count() >= 2;
        let Some(surname) = surname_of(&entity.name) else { return outcome };
        if !is_surname_like(surname) {
            return outcome;
        }
        // The reporter's own name mentions in the story.
        let mut names = entity
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Name && self.in_story(m) && !is_inside(self.quoted, m.span.start));
        let Some(first) = names.next() else { return outcome };
        // `Mr. Okafor` is not bare: the desk chose the courtesy title.
        let first_text = first.span.text(text);
        // Most people are first named in full: that test comes before the look-ups of a
        // given name (a long draft names thousands of people).
        if !first_text.starts_with(surname)
            || bare_name(first_text) != surname
            || !has_given_name(&entity.name)
            || attributive_or_titled(a, first.span)
            || is_label(a, first.span)
            || is_part_of_a_longer_name(text, first.span)
        {
            return outcome;
        }
        // The headline or dek already gave the full name: the reader has met the person.
        let introduced = entity.mentions.iter().any(|m| {
            m.kind == MentionKind::Name && m.span.start < first.span.start && !self.in_story(m) && is_full(m)
        });
        if introduced {
            return outcome;
        }
        let Some(full) = names.find(|m| is_full(m) && bare_name(m.span.text(text)).ends_with(surname)) else {
            return outcome;
        };
        let full_text = bare_name(full.span.text(text)).to_string();
        // Written in full earlier under a form the entity pass filed elsewhere (`Paul Ryan’s`
        // as a name of its own, or inside a quote): the reader has met the person. Searched
        // only when about to flag, but a long draft is about to flag thousands of times, so
        // the answers are remembered across keystrokes (see `TextSearch`).
        let found = cx.memo.search.occurs_before(&a.scan_text, &full_text, first.span.start as usize);
        outcome.search = Some((first.span.start, full_text.as_str().into(), found));
        if found {
            return outcome;
        }
        let surname_at = first.span.start as usize + first.span.text(text).find(surname).unwrap_or(0);
        let surname_span = Span::new(surname_at, surname_at + surname.len());
        outcome.finding = Some(Finding {
            code: SurnameBeforeFullName::META.code,
            severity: SurnameBeforeFullName::META.default_severity,
            span: first.span,
            message: format!("First reference to {full_text} is the surname alone: give the full name here").into(),
            fixes: vec![Fix::replace(format!("Write `{full_text}`"), surname_span, full_text.clone())],
            related: vec![Related { span: full.span, message: "the full name comes here".into() }],
        });
        outcome
    }
}

/// Whether a surname mention is the end of a longer name the mention left out: a double-barrelled
/// name (`Kilroy-Silk`), a particle (`van der Vijver`, `St. Martin`), or a nickname in quotes
/// (`Robert "Bobby" Scott`).
fn is_part_of_a_longer_name(text: &str, span: Span) -> bool {
    const PARTICLES: &[&str] = &["van", "von", "der", "den", "de", "du", "da", "di", "del", "della", "la", "le", "bin", "ibn", "al", "el", "St.", "Ste."];
    let before = &text[..span.start as usize];
    let after = &text[span.end as usize..];
    let tight = before.trim_end_matches(' ');
    let hyphenated = tight.ends_with(['-', '‐']) || after.starts_with(['-', '‐']) && after[1..].starts_with(char::is_uppercase);
    let nickname = tight.ends_with(['"', '”']);
    let particle = tight.rsplit(char::is_whitespace).next().is_some_and(|w| PARTICLES.contains(&w));
    hyphenated || nickname || particle
}

/// `Okafor: Keep the harbour open.` at the start of a paragraph: a speaker tag in a transcript or
/// the label of a list item, not a reference in the reporter's prose.
fn is_label(a: &Analysis, span: Span) -> bool {
    let text = &*a.scan_text;
    let Some(par) = a.paragraph_at(span.start).and_then(|p| a.paragraphs.get(p)) else { return false };
    let starts_paragraph = text[par.span.start as usize..span.start as usize].trim().is_empty();
    starts_paragraph && text[span.end as usize..].starts_with(':')
}

/// The surname of a name: its last word, before a place or employer that the name run took in
/// (`Frank Jackson of Cleveland` -> `Jackson`).
fn surname_of(name: &str) -> Option<&str> {
    name.split_whitespace().take_while(|w| !matches!(*w, "of" | "from" | "at")).last()
}

/// Whether a name's last word can be a surname: capitalised but not an acronym (`PAC`), and not
/// a contraction that a name run swallowed (`I've`, `We'll`); `O'Brien` keeps a capital after its
/// apostrophe.
fn is_surname_like(word: &str) -> bool {
    let mut chars = word.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase);
    if word.len() >= 2 && word.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let contraction = word
        .char_indices()
        .filter(|&(_, c)| c == '\'' || c == '’')
        .any(|(i, c)| word[i + c.len_utf8()..].starts_with(|n: char| n.is_lowercase()));
    capitalised && !contraction
}

/// `the Bush years`, `Trump critics`, `Clinton Foundation`: the surname names something else; and
/// `President Obama`, `Mr. Obama`: a title with the surname is an accepted first reference for the
/// well known.
fn attributive_or_titled(a: &Analysis, span: Span) -> bool {
    use crate::analysis::entities::lexicon::lexicon;
    let Some(par) = a.paragraph_at(span.start).and_then(|p| a.paragraphs.get(p)) else { return false };
    // The paragraph's own tokens, relative to it: a copy with absolute spans for each of the
    // thousands of first references a long draft has cost more than the rest of the rule.
    let text = par.span.text(&a.scan_text);
    let toks = &par.facts.tokens;
    let (start, end) = (span.start - par.offset(), span.end - par.offset());
    // The word before the name, over the stop of an abbreviated title (`Mr.`, `Gen.`).
    let i = toks.partition_point(|t| t.span.end <= start);
    let before = &toks[..i];
    let prev = match before {
        [.., w, dot] if dot.text(text) == "." && dot.span.start == w.span.end => w.text(text),
        [.., w] => w.text(text),
        [] => "",
    };
    let j = toks.partition_point(|t| t.span.start < end);
    let next = toks.get(j).map_or("", |t| t.text(text));
    // The title lists are lower case.
    let prev_lower = prev.to_lowercase();
    let titled = lexicon().title_word(&prev_lower).is_some() || lexicon().is_honorific(&prev_lower);
    let article = matches!(prev_lower.as_str(), "the" | "a" | "an");
    let compound = next.starts_with(|c: char| c.is_uppercase());
    let plural_noun = next.len() > 3
        && next.ends_with('s')
        && next.starts_with(|c: char| c.is_lowercase())
        && crate::analysis::lexicon::cue_verb(next).is_none()
        && !matches!(next, "is" | "was" | "has" | "does" | "wins" | "loses" | "wants" | "needs" | "thinks" | "plans" | "faces" | "calls" | "gets" | "takes" | "makes");
    titled || article || compound || plural_noun
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::run;

    #[test]
    fn flags_a_bare_surname_before_the_full_name() {
        let text = include_str!("../../tests/fixtures/rules/surname-before-full-name.txt");
        let found = run(&SurnameBeforeFullName, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Okafor");
        assert!(found[0].1.contains("Maria Okafor"));
    }

    #[test]
    fn full_name_first_and_headline_surnames_are_fine() {
        let text = "Okafor keeps harbour open\n\nHARBOURTON — The Okafor years ended when Harbour master Maria Okafor said on Tuesday the harbour would stay open.\n\n\"Okafor is right,\" said Tom Reyes, a councillor. Okafor thanked him.\n";
        assert!(run(&SurnameBeforeFullName, text).is_empty());
    }

    #[test]
    fn headline_and_dek_lines_at_the_top_are_not_first_references() {
        // A headline and its dek in one block, then a one-line dek, then the story.
        let text = "Okafor keeps the harbour open; \nBoard backs Reyes plan after a long night.\n\nOkafor wins a slice.\n\nHarbour master Maria Okafor said on Tuesday the harbour would stay open, and councillor Tom Reyes agreed with her after the vote.\n\nReyes said the plan was sound. Okafor thanked him.\n";
        assert_eq!(run(&SurnameBeforeFullName, text), []);
    }

    #[test]
    fn a_short_first_paragraph_with_a_dateline_is_the_story() {
        let text = "LONDON — Okafor said the harbour would stay open.\n\nHarbour master Maria Okafor took over in May after a long career at sea.\n";
        let found = run(&SurnameBeforeFullName, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Okafor");
    }

    #[test]
    fn a_full_name_in_the_headline_introduces_the_person() {
        let text = "Maria Okafor keeps the harbour open\n\nHARBOURTON — Okafor said on Tuesday that the harbour would stay open through the winter, whatever the board decides.\n\nThe board asked Maria Okafor to report again in May.\n";
        assert_eq!(run(&SurnameBeforeFullName, text), []);
    }

    #[test]
    fn abbreviated_titles_and_names_used_as_modifiers_are_not_bare() {
        for text in [
            "HARBOURTON — Councillors said Mr. Okafor could stay on. Gen. Reyes agreed.\n\nMaria Okafor and Tom Reyes met on Tuesday.\n",
            "HARBOURTON — The Reyes and Okafor eras were calm ones for the port.\n\nMaria Okafor and Tom Reyes met on Tuesday.\n",
        ] {
            assert_eq!(run(&SurnameBeforeFullName, text), [], "{text}");
        }
    }

    #[test]
    fn titles_in_any_case_and_labels_are_not_bare_references() {
        for text in [
            "LONDON — Harbour Master Okafor said the port would stay open.\n\nMaria Okafor took over in May.\n",
            "LONDON — The port will stay open, the board said.\n\nOkafor: Keep it open.\n\nReyes: Close it.\n\nMaria Okafor and Tom Reyes spoke at the meeting.\n",
        ] {
            assert_eq!(run(&SurnameBeforeFullName, text), [], "{text}");
        }
    }

    #[test]
    fn parts_of_longer_names_and_full_names_written_earlier_are_not_bare() {
        for text in [
            "LONDON — The board backed Maria van der Okafor on Tuesday, and later thanked van der Okafor.\n\nMaria van der Okafor took over in May.\n",
            "LONDON — Harbour master Maria \"Mimi\" Okafor opened the port.\n\nMaria Okafor took over in May.\n",
            "LONDON — The vote on Maria Okafor’s plan came first, and the board backed Okafor.\n\nMaria Okafor took over in May.\n",
        ] {
            assert_eq!(run(&SurnameBeforeFullName, text), [], "{text}");
        }
        // A double-barrelled name the core split at a stray space.
        assert!(is_part_of_a_longer_name("Kilroy -Silk", Span::new(8, 12)));
        assert!(is_part_of_a_longer_name("Walter van der Vijver", Span::new(15, 21)));
        assert!(!is_part_of_a_longer_name("the board backed Okafor", Span::new(17, 23)));
    }

    #[test]
    fn the_surname_comes_before_a_place_or_employer_in_the_name() {
        assert_eq!(surname_of("Frank Jackson of Cleveland"), Some("Jackson"));
        assert_eq!(surname_of("Maria Okafor"), Some("Okafor"));
        assert!(!is_surname_like("PAC"));
    }

    #[test]
    fn a_contraction_is_not_a_surname() {
        assert!(is_surname_like("Okafor"));
        assert!(is_surname_like("O'Brien"));
        assert!(!is_surname_like("I’ve"));
        assert!(!is_surname_like("We'll"));
    }
}
