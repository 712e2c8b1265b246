use super::prose::{bare_name, has_given_name, is_heading_like, is_inside, outer_quote_spans};
use super::{Edit, Finding, Fix, Related, Rule, RuleContext, RuleMeta};
use crate::analysis::entities::{EntityKind, MentionKind};

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
        let text = &*a.scan_text;
        let quoted = outer_quote_spans(a);
        let Some(body_start) = a.paragraphs.first().map(|p| p.span.start) else { return };
        for entity in &a.entities {
            if entity.kind != EntityKind::Person {
                continue;
            }
            let Some(surname) = entity.name.split_whitespace().last() else { continue };
            if !has_given_name(&entity.name) {
                continue;
            }
            // The reporter's own name mentions in the body.
            let mut names = entity.mentions.iter().filter(|m| {
                m.kind == MentionKind::Name
                    && m.span.start >= body_start
                    && a.paragraph_at(m.span.start).is_some_and(|p| !is_heading_like(a, p))
                    && !is_inside(&quoted, m.span.start)
            });
            let Some(first) = names.next() else { continue };
            // `Mr. Okafor` is not bare: the desk chose the courtesy title.
            let first_text = first.span.text(text);
            if !first_text.starts_with(surname) || bare_name(first_text) != surname || attributive_or_titled(a, first.span) {
                continue;
            }
            let Some(full) = names.find(|m| {
                let t = bare_name(m.span.text(text));
                t.split_whitespace().count() >= 2 && t.ends_with(surname)
            }) else {
                continue;
            };
            let full_text = bare_name(full.span.text(text)).to_string();
            let surname_at = first.span.start as usize + first.span.text(text).find(surname).unwrap_or(0);
            let surname_span = crate::analysis::span::Span::new(surname_at, surname_at + surname.len());
            out.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: first.span,
                message: format!("First reference to {full_text} is the surname alone: give the full name here"),
                fixes: vec![Fix {
                    title: format!("Write `{full_text}`"),
                    edits: vec![Edit { span: surname_span, replacement: full_text.clone() }],
                    preferred: true,
                }],
                related: vec![Related { span: full.span, message: "the full name comes here".into() }],
            });
        }
    }
}

/// `the Bush years`, `Trump critics`, `Clinton Foundation`: the surname names something else; and
/// `President Obama`: a title with the surname is an accepted first reference for the well known.
fn attributive_or_titled(a: &crate::analysis::Analysis, span: crate::analysis::span::Span) -> bool {
    use crate::analysis::entities::lexicon::lexicon;
    let Some(par) = a.paragraph_at(span.start).and_then(|p| a.paragraphs.get(p)) else { return false };
    let text = &*a.scan_text;
    let toks: Vec<_> = par.tokens().collect();
    let i = toks.partition_point(|t| t.span.end <= span.start);
    let j = toks.partition_point(|t| t.span.end <= span.end) + 1;
    let prev = i.checked_sub(1).map_or("", |k| toks[k].text(text));
    let next = toks.get(j).map_or("", |t| t.text(text));
    let titled = lexicon().title_word(prev).is_some() || lexicon().is_honorific(prev);
    let article = matches!(prev.to_ascii_lowercase().as_str(), "the" | "a" | "an");
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
}
