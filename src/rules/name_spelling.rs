use memchr::memmem;

use super::{Edit, Finding, Fix, Related, Rule, RuleContext, RuleMeta};
use crate::analysis::span::Span;

crate::declare_rule! {
    /// ## What it does
    /// Flags a name spelt the way the newsroom's people list (`[[people]]` in `copydesk.toml`)
    /// marks as an alias, and offers to write the preferred spelling everywhere in the draft.
    /// The five other places nearest to each are shown beside it.
    ///
    /// ## Why it matters
    /// Transliterated names have several spellings; a newsroom picks one so that its archive,
    /// search and readers see one person, not three.
    ///
    /// ## Example
    /// ```text
    /// # copydesk.toml: [[people]] name = "Sergei Lavrov", aliases = ["Sergey Lavrov"]
    /// Foreign Minister Sergey Lavrov said the talks would go on.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Foreign Minister Sergei Lavrov said the talks would go on.
    /// ```
    pub struct NameSpelling {
        code: "name-spelling",
        summary: "A name is spelt differently from the newsroom's people list",
        severity: Warning,
    }
}

impl Rule for NameSpelling {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        let text: &str = &cx.analysis.text;
        for entry in cx.config.people.iter().chain(&cx.config.organizations).chain(&cx.config.places) {
            let preferred = entry.preferred_spelling();
            let mut hits: Vec<(Span, &str)> = Vec::new();
            for wrong in entry.spellings().filter(|s| *s != preferred) {
                hits.extend(occurrences(text, wrong).map(|s| (s, wrong)));
            }
            if hits.is_empty() {
                continue;
            }
            hits.sort_by_key(|h| h.0);
            hits.dedup_by_key(|h| h.0);
            let fix = Fix {
                title: format!("Write `{preferred}` everywhere ({} in this draft)", hits.len()),
                edits: hits
                    .iter()
                    .map(|(span, _)| Edit {
                        span: *span,
                        replacement: preferred.to_string(),
                    })
                    .collect(),
                preferred: true,
            };
            for (i, (span, wrong)) in hits.iter().enumerate() {
                out.push(Finding {
                    code: Self::META.code,
                    severity: Self::META.default_severity,
                    span: *span,
                    message: format!("The house spelling of `{wrong}` is `{preferred}`").into(),
                    fixes: vec![fix.clone()],
                    related: nearest_others(&hits, i)
                        .map(|s| Related {
                            span: s,
                            message: "also spelt this way here".into(),
                        })
                        .collect(),
                });
            }
        }
    }
}

/// How many of the other places a finding shows as related: all of them would make a draft that
/// writes a name a thousand times carry a million related locations.
const MAX_RELATED: usize = 5;

/// The [`MAX_RELATED`] hits nearest to hit `i` (`hits` is sorted), other than it, in order.
fn nearest_others(hits: &[(Span, &str)], i: usize) -> impl Iterator<Item = Span> {
    let near = &hits[i.saturating_sub(MAX_RELATED)..(i + MAX_RELATED + 1).min(hits.len())];
    let at = hits[i].0.start;
    let mut others: Vec<Span> = near.iter().map(|h| h.0).filter(|s| *s != hits[i].0).collect();
    others.sort_by_key(|s| s.start.abs_diff(at));
    others.truncate(MAX_RELATED);
    others.sort();
    others.into_iter()
}

/// Where `name` is written as a whole word, case as given.
fn occurrences<'a>(text: &'a str, name: &'a str) -> impl Iterator<Item = Span> + 'a {
    memmem::find_iter(text.as_bytes(), name.as_bytes()).filter_map(move |at| {
        let end = at + name.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        (!word(before) && !word(after)).then(|| Span::new(at, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_toml;
    use crate::rules::test_support::run_with;

    const DRAFT: &str = "MOSCOW, March 3 - Foreign Minister Sergey Lavrov said on Tuesday that talks \
would resume.\n\n\"We are ready,\" Sergey Lavrov told reporters. Sergei Lavrovich was not there.\n";

    #[test]
    fn flags_every_alias_and_fixes_them_all() {
        let config = parse_toml(
            "[[people]]\nname = \"Sergei Lavrov\"\naliases = [\"Sergey Lavrov\"]\n",
        )
        .unwrap();
        let found = run_with(&NameSpelling, DRAFT, &config);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(t, m)| t == "Sergey Lavrov" && m.contains("Sergei Lavrov")));
        let analysis = crate::analysis::analyze(DRAFT, crate::analysis::layout::Format::Plain);
        let mut out = Vec::new();
        NameSpelling.check(&RuleContext { analysis: &analysis, config: &config, memo: &Default::default() }, &mut out);
        assert_eq!(out[0].fixes[0].edits.len(), 2);
        assert_eq!(out[0].fixes[0].edits[1].replacement, "Sergei Lavrov");
    }

    #[test]
    fn each_shows_the_five_nearest_other_places_and_the_fix_writes_all() {
        let config = parse_toml("[[people]]\nname = \"Sergei Lavrov\"\naliases = [\"Sergey Lavrov\"]\n").unwrap();
        let draft = "Sergey Lavrov spoke. ".repeat(12);
        let analysis = crate::analysis::analyze(&draft, crate::analysis::layout::Format::Plain);
        let mut out = Vec::new();
        NameSpelling.check(&RuleContext { analysis: &analysis, config: &config, memo: &Default::default() }, &mut out);
        assert_eq!(out.len(), 12);
        let starts = |f: &Finding| f.related.iter().map(|r| r.span.start / 21).collect::<Vec<_>>();
        assert_eq!(starts(&out[0]), [1, 2, 3, 4, 5]);
        assert_eq!(starts(&out[6]), [3, 4, 5, 7, 8]);
        assert_eq!(starts(&out[11]), [6, 7, 8, 9, 10]);
        assert!(out.iter().all(|f| f.fixes[0].edits.len() == 12));
    }

    #[test]
    fn nothing_without_a_people_list_or_with_the_house_spelling() {
        assert!(run_with(&NameSpelling, DRAFT, &Default::default()).is_empty());
        let config = parse_toml("[[people]]\nname = \"Sergey Lavrov\"\n").unwrap();
        assert!(run_with(&NameSpelling, DRAFT, &config).is_empty());
    }

    #[test]
    fn preferred_may_differ_from_name() {
        let config = parse_toml(
            "[[people]]\nname = \"Volodymyr Zelensky\"\npreferred = \"Volodymyr Zelenskyy\"\n",
        )
        .unwrap();
        let found = run_with(&NameSpelling, "President Volodymyr Zelensky spoke.\n", &config);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("Zelenskyy"));
    }
}
