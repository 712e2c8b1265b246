use super::prose::{is_inside, said_form};
use super::{Finding, Fix, ParagraphContext, Rule, RuleContext, RuleMeta};
use crate::analysis::lexicon::{cue_verb, CueStyle};
use crate::analysis::quotes::{Quote, QuoteKind};
use crate::analysis::span::Span;
use crate::analysis::tokens::Token;
use crate::analysis::Analysis;

crate::declare_rule! {
    /// ## What it does
    /// Flags attribution verbs that judge the speaker (`claimed`, `admitted`, `insisted`,
    /// `boasted`), describe a state of mind (`believes`, `hopes`) or a gesture (`smiled`,
    /// `laughed`) instead of speech. Verbs that attribute a quote are checked; in reported speech
    /// only the judging verbs followed by `that` (`claimed that`). Verbs that are often the
    /// accurate word are left alone: `denied` answering an accusation, `testified`, `noted`,
    /// `explained`, `warned`; and `admitted`/`confessed` in court copy.
    ///
    /// ## Why it matters
    /// `Said` is neutral and may be repeated. `Claimed` casts doubt, `admitted` implies wrongdoing,
    /// and nobody smiles a sentence: the verb editorialises where the reporter should not.
    ///
    /// ## Example
    /// ```text
    /// "It's a wonderful plan," she smiled. The mayor claimed that the budget was balanced.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "It's a wonderful plan," she said. The mayor said the budget was balanced.
    /// ```
    pub struct LoadedAttributionVerb {
        code: "loaded-attribution-verb",
        summary: "An attribution verb that judges the speaker or is not a speech verb",
        severity: Info,
    }
}

/// Loaded verbs (by lemma) that are often the accurate word in news copy, so flagging them would
/// mostly be noise: our style map narrows `data/cue-verbs.tsv`'s `loaded` flag.
const TOLERATED: &[&str] = &[
    "explain", "note", "point out", "stress", "emphasize", "underscore", "underline", "reveal", "deny",
    "complain", "acknowledge", "declare", "announce", "warn", "state", "allege", "contend", "maintain",
    "assert", "shout", "yell", "scream", "cry", "whisper", "mutter", "lament", "decry", "denounce", "blast",
    "slam", "testify", "concede", "confess", "proclaim",
];
/// Loaded verbs flagged in reported speech too, when followed by `that`.
const JUDGING: &[&str] = &["claim", "admit", "insist", "boast", "brag"];
/// Words in a paragraph that mark court copy, where `admitted` is the accurate word.
const COURT: &[&str] = &["court", "judge", "jury", "trial", "pleaded", "plea", "prosecutors", "guilty", "sentenced", "testified"];

impl Rule for LoadedAttributionVerb {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Verbs that attribute a quote; [`Rule::check_paragraph`] reads reported speech.
    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let text = &*a.scan_text;
        // What each quote's cue word is, read from the text only where the edit touched it.
        let mut flagged: Vec<Span> = Vec::new();
        let cue = |q: &Quote| q.attribution.and_then(|at| at.cue).map(|cue| [cue]);
        cx.memo.quotes.per_quote(Self::META.code, a, cue, |_, [cue]| loaded_cue(cue.text(text)), |q, [cue], loaded| {
            // Only whole quotes: `he feels he did "great"` reports a feeling, and a judging verb
            // before a fragment is read by the reported-speech pass (`claimed that`).
            if q.kind != QuoteKind::Direct {
                return;
            }
            let flag = match loaded {
                Loaded::No => false,
                Loaded::Yes => true,
                Loaded::Admission => !in_court_copy(a, cue),
            };
            if flag {
                flagged.push(cue);
            }
        });
        flagged.sort();
        flagged.dedup();
        // A cue the reported-speech pass flags too is left to it.
        let quoted = cx.memo.outer_quotes(a);
        flagged.retain(|&cue| !flagged_in_reported_speech(a, quoted, cue));
        out.extend(flagged.into_iter().map(|span| finding(text, span)));
    }

    /// Judging verbs in reported speech: `claimed that`.
    fn check_paragraph(&self, cx: &ParagraphContext, out: &mut Vec<Finding>) {
        if cx.heading {
            return;
        }
        let toks = &cx.facts.tokens;
        for i in 0..toks.len() {
            if judges_reported_speech(cx.scan, toks, cx.quoted, i) {
                out.push(finding(cx.scan, toks[i].span));
            }
        }
    }
}

fn finding(text: &str, span: Span) -> Finding {
    let verb = span.text(text);
    let replacement = said_form(verb);
    Finding {
        code: LoadedAttributionVerb::META.code,
        severity: LoadedAttributionVerb::META.default_severity,
        span,
        message: format!("`{verb}` judges the speaker or is not speech: use `{replacement}`").into(),
        fixes: vec![Fix::replace(format!("Replace with `{replacement}`"), span, replacement)],
        related: Vec::new(),
    }
}

/// Whether token `i` of a paragraph (`ptext`, quoted parts `quoted`) is a judging verb that
/// reports speech: `claimed that`, outside quotes, not a noun, not an admission in court copy.
fn judges_reported_speech(ptext: &str, toks: &[Token], quoted: &[Span], i: usize) -> bool {
    // `that` after the verb first: it rules out nearly every token of a draft before any look-up.
    if toks.get(i + 1).map(|n| n.text(ptext)) != Some("that") {
        return false;
    }
    let t = toks[i];
    let word = t.text(ptext);
    let Some(verb) = cue_verb(word) else { return false };
    // `claiming that ...` trails a sentence that already has its own attribution.
    if !JUDGING.contains(&verb.lemma) || word.ends_with("ing") {
        return false;
    }
    // `the claims that`, `his claim that`: a noun.
    let noun = i > 0
        && ["the", "his", "her", "their", "its", "these", "those", "such", "a", "new", "false"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(toks[i - 1].text(ptext)));
    !(noun || is_inside(quoted, t.span.start) || (matches!(verb.lemma, "admit" | "confess") && is_court_copy(ptext, toks)))
}

/// Whether the reported-speech pass flags the token at `span` (a quote's cue). `quoted` is
/// [`super::DocMemo::outer_quotes`], made once for every cue.
fn flagged_in_reported_speech(a: &Analysis, quoted: &[Span], span: Span) -> bool {
    let Some(p) = a.paragraph_at(span.start).and_then(|i| a.paragraphs.get(i)) else { return false };
    let rel = span.start - p.offset();
    let toks = &p.facts.tokens;
    let i = toks.partition_point(|t| t.span.start < rel);
    if toks.get(i).is_none_or(|t| t.span != Span { start: rel, end: span.end - p.offset() }) {
        return false;
    }
    // Outer quotes are sorted and do not overlap: those overlapping the paragraph are a run.
    let first = quoted.partition_point(|q| q.end <= p.span.start);
    let quoted: Vec<Span> = quoted[first..]
        .iter()
        .take_while(|q| q.start < p.span.end)
        .filter(|q| q.overlaps(p.span))
        .map(|q| Span { start: q.start.max(p.span.start) - p.offset(), end: q.end.min(p.span.end) - p.offset() })
        .collect();
    judges_reported_speech(p.span.text(&a.scan_text), toks, &quoted, i)
}

/// What a quote's cue word says of the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Loaded {
    /// A neutral or tolerated verb, or none at all.
    No,
    /// A loaded verb.
    Yes,
    /// `admitted`, `confessed`: loaded unless the paragraph is court copy.
    Admission,
}

/// Whether a quote's cue word is a loaded verb the rule flags (before looking at the quote).
fn loaded_cue(word: &str) -> Loaded {
    match cue_verb(word) {
        Some(verb) if verb.style != CueStyle::Neutral && !TOLERATED.contains(&verb.lemma) => {
            if matches!(verb.lemma, "admit" | "confess") {
                Loaded::Admission
            } else {
                Loaded::Yes
            }
        }
        _ => Loaded::No,
    }
}

/// Whether the paragraph of the cue at `span` reads like court copy.
fn in_court_copy(a: &Analysis, span: Span) -> bool {
    let Some(p) = a.paragraph_at(span.start).and_then(|i| a.paragraphs.get(i)) else { return false };
    is_court_copy(p.span.text(&a.scan_text), &p.facts.tokens)
}

/// Whether a paragraph reads like court copy, where `admitted` is the accurate word.
fn is_court_copy(ptext: &str, toks: &[Token]) -> bool {
    toks.iter().any(|t| COURT.iter().any(|w| w.eq_ignore_ascii_case(t.text(ptext))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, layout::Format};
    use crate::config::Config;
    use crate::rules::test_support::run;

    fn flagged(text: &str) -> Vec<String> {
        run(&LoadedAttributionVerb, text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn flags_loaded_mental_and_gesture_verbs() {
        let text = include_str!("../../tests/fixtures/rules/loaded-attribution-verb.txt");
        assert_eq!(flagged(text), ["smiled", "claimed", "insists", "admitted"]);
    }

    #[test]
    fn quick_fix_keeps_tense_and_person() {
        let text = "The mayor claims that the budget is balanced.";
        let analysis = analyze(text, Format::Plain);
        let config = Config::default();
        let mut out = Vec::new();
        crate::rules::check_one(&LoadedAttributionVerb, &analysis, &config, &mut out);
        assert_eq!(out[0].fixes[0].edits[0].replacement, "says");
    }

    #[test]
    fn leaves_accurate_verbs_alone() {
        let text = include_str!("../../tests/fixtures/rules/loaded-attribution-verb-clean.txt");
        assert_eq!(flagged(text), Vec::<String>::new());
    }
}
