use rustc_hash::FxHashMap;

use super::{Finding, Fix, Related, Rule, RuleContext, RuleMeta};
use crate::analysis::entities::spelling::near_miss;
use crate::analysis::entities::{EntityKind, MentionKind};
use crate::analysis::span::Span;

crate::declare_rule! {
    /// ## What it does
    /// Flags a person's name spelt two ways in one draft (`Sergey Lavrov` and `Sergei Lavrov`,
    /// `Zelensky` and `Zelenskyy`): two spellings one letter or two apart, in the same place of
    /// the name. The spelling met first is taken as the draft's choice. No configuration needed.
    ///
    /// ## Why it matters
    /// Transliterations drift when a story is stitched from several sources; a reader sees two
    /// people, and a search of the archive finds half the story.
    ///
    /// ## Example
    /// ```text
    /// Sergey Lavrov said the talks would go on. Sergei Lavrov later added a warning.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Sergey Lavrov said the talks would go on. Lavrov later added a warning.
    /// ```
    pub struct NameVariant {
        code: "name-variant",
        summary: "A person's name is spelt two ways in one draft",
        severity: Warning,
    }
}

impl Rule for NameVariant {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        // The findings read the person entities' name mentions and nothing else: a keystroke
        // that leaves them (and their words) alone gets the last findings, moved.
        let unchanged = cx.memo.sameness(cx.analysis).person_names_moved;
        cx.memo.findings_if(Self::META.code, unchanged, out, |out| Self::find(cx, out));
    }
}

impl NameVariant {
    fn find(cx: &RuleContext, out: &mut Vec<Finding>) {
        let text: &str = &cx.analysis.text;
        let mentions = cx
            .analysis
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .flat_map(|e| e.mentions.iter().filter(|m| m.kind == MentionKind::Name))
            .map(|m| m.span);
        // Each distinct spelling with its first mention, in order of first appearance. Found
        // without sorting every mention of a long draft: a spelling's first mention is its
        // least span (two spellings never share one). Spellings are numbered as met, then
        // ranked by first mention.
        let mut slot_of: FxHashMap<&str, usize> = FxHashMap::default();
        let mut slots: Vec<(&str, Span)> = Vec::new();
        let mut mention_slots: Vec<(usize, Span)> = Vec::new();
        for span in mentions {
            let written = without_possessives(span.text(text));
            let slot = *slot_of.entry(written).or_insert_with(|| {
                slots.push((written, span));
                slots.len() - 1
            });
            slots[slot].1 = slots[slot].1.min(span);
            mention_slots.push((slot, span));
        }
        let mut order: Vec<usize> = (0..slots.len()).collect();
        order.sort_unstable_by_key(|&slot| slots[slot].1);
        let spellings: Vec<(&str, Span)> = order.iter().map(|&slot| slots[slot]).collect();
        let mut rank = vec![0; slots.len()];
        for (i, &slot) in order.iter().enumerate() {
            rank[slot] = i;
        }
        // Two variants agree on the first three letters of every word (the words they share
        // whole, and the near miss by its definition), so only spellings with the same word
        // prefixes are compared: a long draft names thousands of people. (Prefixes are grouped
        // by a hash: a collision only adds a comparison that fails.)
        let keys: Vec<u64> = spellings.iter().map(|&(spelling, _)| word_prefixes_hash(spelling)).collect();
        let mut by_prefixes: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for (i, &key) in keys.iter().enumerate() {
            by_prefixes.entry(key).or_default().push(i);
        }
        // The earlier spelling each one is a variant of, if any.
        let earlier: Vec<Option<usize>> = (0..spellings.len())
            .map(|i| {
                by_prefixes[&keys[i]]
                    .iter()
                    .take_while(|&&j| j < i)
                    .copied()
                    .find(|&j| variants(spellings[j].0, spellings[i].0))
            })
            .collect();
        // Findings by spelling in order of first appearance, each spelling's mentions in order.
        let mut flagged: Vec<(usize, Span)> = mention_slots
            .into_iter()
            .map(|(slot, span)| (rank[slot], span))
            .filter(|&(i, _)| earlier[i].is_some())
            .collect();
        flagged.sort_unstable();
        // `Dana Kowalski` ... `Kowalsky`: a lone surname spelt apart from its person's full name
        // (the entity pass joined it to the person). Spellings of one word count once, above.
        let mut surname_findings: Vec<(Span, &str, Span)> = Vec::new();
        for e in cx.analysis.entities.iter().filter(|e| e.kind == EntityKind::Person) {
            let Some(full) = e.mentions.iter().find(|m| m.kind == MentionKind::Name && m.span.text(text).contains(' ')) else {
                continue;
            };
            let full_text = without_possessives(full.span.text(text));
            let Some(surname) = full_text.rsplit(' ').next() else { continue };
            for m in e.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
                let written = without_possessives(m.span.text(text));
                // Cheapest tests first: most mentions are the full name or the surname itself.
                if written.contains(' ') || written == surname {
                    continue;
                }
                let first_spelling = slot_of.get(written).is_some_and(|&slot| earlier[rank[slot]].is_none());
                // `Barack` beside `Tom Barrack` is a given name, someone else's.
                let given = || crate::analysis::entities::lexicon::lexicon().is_given_name(&written.to_lowercase());
                if first_spelling && near_miss(surname, written) && !given() {
                    let span = Span::new(m.span.start as usize, m.span.start as usize + written.len());
                    let at = Span::new(full.span.start as usize, full.span.start as usize + full_text.len());
                    surname_findings.push((span, surname, at));
                }
            }
        }
        for (span, first, at) in surname_findings {
            let variant = span.text(text);
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span,
                message: format!("`{variant}` is spelt `{first}` in `{}`", at.text(text)).into(),
                fixes: vec![Fix::replace(format!("Write `{first}`"), span, first.to_string())],
                related: vec![Related { span: at, message: format!("spelt `{first}` here").into() }],
            });
        }
        for (i, span) in flagged {
            let variant = spellings[i].0;
            let Some(j) = earlier[i] else { continue };
            let (first, first_span) = spellings[j];
            let span = Span::new(span.start as usize, span.start as usize + variant.len());
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span,
                message: format!("`{variant}` is spelt `{first}` earlier in the draft").into(),
                fixes: vec![Fix::replace(format!("Write `{first}`"), span, first.to_string())],
                related: vec![Related {
                    span: Span::new(
                        first_span.start as usize,
                        first_span.start as usize + first.len(),
                    ),
                    message: format!("spelt `{first}` here").into(),
                }],
            });
        }
    }
}

/// A hash of the first three characters of each word (the whole word when shorter).
fn word_prefixes_hash(name: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    for word in name.split_whitespace() {
        for c in word.chars().take(3) {
            c.hash(&mut hasher);
        }
        // Word boundary, so `Ab Cde` and `Abc De` differ.
        '\n'.hash(&mut hasher);
    }
    hasher.finish()
}

/// The name without trailing possessives (`Lavrov's` -> `Lavrov`): every `'s`, then every `’s`.
fn without_possessives(mut name: &str) -> &str {
    while let Some(rest) = name.strip_suffix("'s") {
        name = rest;
    }
    while let Some(rest) = name.strip_suffix("’s") {
        name = rest;
    }
    name
}

/// Two spellings of one name: the same number of words, all equal but one, and that one a near
/// miss (same start, a letter or two apart) that is not the same word inflected.
fn variants(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split_whitespace().collect(), b.split_whitespace().collect());
    if wa.len() != wb.len() || a == b {
        return false;
    }
    let differing: Vec<(&str, &str)> = wa.iter().zip(&wb).filter(|(x, y)| x != y).map(|(x, y)| (*x, *y)).collect();
    let [(x, y)] = differing[..] else {
        return false;
    };
    near_miss(x, y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::run;

    #[test]
    fn near_misses() {
        assert!(variants("Sergey Lavrov", "Sergei Lavrov"));
        assert!(variants("Zelensky", "Zelenskyy"));
        assert!(variants("Volodymyr Zelensky", "Volodymyr Zelenskyy"));
        assert!(!variants("John Smith", "Jane Smith"));
        assert!(!variants("Sergey Lavrov", "Sergey Lavrov"));
        assert!(!variants("Anna Petrova", "Anna Petrov"[..].trim()) || near_miss("Petrova", "Petrov"));
        assert!(!variants("Mark Brown", "Mark Green"));
    }

    #[test]
    fn plurals_and_adjectives_of_a_name_are_not_variants() {
        assert!(!variants("Republican", "Republicans"));
        assert!(!variants("Democrat", "Democratic"));
        assert!(!variants("Democratic", "Democrats"));
        assert!(!variants("Golden Globe", "Golden Globes"));
        assert!(!variants("Wayne Rooney", "Wayne Rooneys"));
        // Still variants: a letter inside the word, or an ending that is not an inflection.
        assert!(variants("Hillary Clinton", "Hilary Clinton"));
        assert!(variants("Felipe Calderon", "Felipe Calderón"));
        assert!(variants("Zelensky", "Zelenskyy"));
    }

    #[test]
    fn a_given_name_and_its_longer_form_are_not_variants() {
        assert!(!variants("Steve", "Steven"));
        assert!(!variants("Steve Morgan", "Steven Morgan"));
        // A transliterated given name is still one.
        assert!(variants("Sergey Lavrov", "Sergei Lavrov"));
    }

    #[test]
    fn a_name_used_as_a_plural_is_left_alone() {
        let draft = "MANCHESTER, May 2 (Reuters) - Wayne Rooney scored twice on Saturday.\n\n\
\"We cannot all be Wayne Rooneys,\" the coach said.\n";
        let found = run(&NameVariant, draft);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn flags_the_later_spelling_of_one_person() {
        let draft = "KYIV, May 2 (Reuters) - President Volodymyr Zelensky said on Friday that \
the front was holding.\n\nVolodymyr Zelenskyy told reporters that aid would come.\n";
        let found = run(&NameVariant, draft);
        assert!(
            found.iter().any(|(t, m)| t == "Volodymyr Zelenskyy" && m.contains("Volodymyr Zelensky`")),
            "{found:?}"
        );
    }

    #[test]
    fn flags_a_lone_surname_spelt_apart_from_the_full_name() {
        let draft = "WARSAW, May 2 (Reuters) - Union leader Dana Kowalski said on Friday that the \
strike would go on.\n\n\"Talks are over,\" Kowalsky said.\n";
        let found = run(&NameVariant, draft);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0 == "Kowalsky" && found[0].1.contains("`Kowalski`"), "{found:?}");
    }

    #[test]
    fn different_people_are_left_alone() {
        let draft = "LONDON, May 2 (Reuters) - John Smith said on Friday that prices rose.\n\n\
Jane Smith, his sister, said they fell.\n";
        assert!(run(&NameVariant, draft).is_empty());
    }
}
