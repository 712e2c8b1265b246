use super::prose::{is_inside, outer_quote_spans, said_form};
use super::{Edit, Finding, Fix, Rule, RuleContext, RuleMeta};
use crate::analysis::lexicon::{cue_verb, CueStyle};
use crate::analysis::span::Span;

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

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let text = &*a.scan_text;
        let mut flagged: Vec<Span> = Vec::new();
        // Verbs that attribute a quote.
        for q in &a.quotes {
            let Some(cue) = q.attribution.and_then(|at| at.cue) else { continue };
            let word = cue.text(text);
            let Some(verb) = cue_verb(word) else { continue };
            // Only whole quotes: `he feels he did "great"` reports a feeling, and a judging verb
            // before a fragment is read by the reported-speech pass below (`claimed that`).
            let speech_style = q.kind == crate::analysis::quotes::QuoteKind::Direct;
            if verb.style != CueStyle::Neutral && speech_style && !TOLERATED.contains(&verb.lemma) && !in_court_copy(a, cue, verb.lemma) {
                flagged.push(cue);
            }
        }
        // Judging verbs in reported speech: `claimed that`.
        let quoted = outer_quote_spans(a);
        for par in &a.paragraphs {
            let ptext = par.span.text(text);
            let toks = &par.facts.tokens;
            for (i, t) in toks.iter().enumerate() {
                let word = t.text(ptext);
                let Some(verb) = cue_verb(word) else { continue };
                // `claiming that ...` trails a sentence that already has its own attribution.
                if !JUDGING.contains(&verb.lemma) || word.ends_with("ing") || toks.get(i + 1).map(|n| n.text(ptext)) != Some("that") {
                    continue;
                }
                // `the claims that`, `his claim that`: a noun.
                let noun = i > 0 && matches!(toks[i - 1].text(ptext).to_ascii_lowercase().as_str(), "the" | "his" | "her" | "their" | "its" | "these" | "those" | "such" | "a" | "new" | "false");
                let span = t.span.shift(par.offset());
                if noun || is_inside(&quoted, span.start) || in_court_copy(a, span, verb.lemma) {
                    continue;
                }
                flagged.push(span);
            }
        }
        flagged.sort();
        flagged.dedup();
        for span in flagged {
            let verb = span.text(text);
            let replacement = said_form(verb);
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span,
                message: format!("`{verb}` judges the speaker or is not speech: use `{replacement}`"),
                fixes: vec![Fix {
                    title: format!("Replace with `{replacement}`"),
                    edits: vec![Edit { span, replacement: replacement.into() }],
                    preferred: true,
                }],
                related: Vec::new(),
            });
        }
    }
}

fn in_court_copy(a: &crate::analysis::Analysis, span: Span, lemma: &str) -> bool {
    if !matches!(lemma, "admit" | "confess") {
        return false;
    }
    let Some(p) = a.paragraph_at(span.start).and_then(|i| a.paragraphs.get(i)) else { return false };
    let ptext = p.span.text(&a.scan_text);
    p.facts.tokens.iter().any(|t| COURT.contains(&t.text(ptext).to_ascii_lowercase().as_str()))
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
        LoadedAttributionVerb.check(&RuleContext { analysis: &analysis, config: &config }, &mut out);
        assert_eq!(out[0].fixes[0].edits[0].replacement, "says");
    }

    #[test]
    fn leaves_accurate_verbs_alone() {
        let text = include_str!("../../tests/fixtures/rules/loaded-attribution-verb-clean.txt");
        assert_eq!(flagged(text), Vec::<String>::new());
    }
}
