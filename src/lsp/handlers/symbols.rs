//! The outline: the dateline, then the sources (each person with their quotes as children), then
//! the other entities.

use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

use super::{first_full_reference, first_words, speaker_entity};
use crate::analysis::entities::{Entity, EntityKind};
use crate::analysis::span::Span;
use crate::lsp::convert;
use crate::lsp::snapshot::Snapshot;

pub fn document_symbols(snap: &Snapshot) -> Vec<DocumentSymbol> {
    let a = &snap.analysis;
    let mut out = Vec::new();
    if let Some(d) = &a.dateline {
        out.push(symbol(
            snap,
            format!("Dateline: {}", d.city),
            None,
            SymbolKind::EVENT,
            d.span,
            d.span,
            None,
        ));
    }
    let mut quotes_of: Vec<Vec<usize>> = vec![Vec::new(); a.entities.len()];
    for (i, q) in a.quotes.iter().enumerate() {
        if let Some(e) = speaker_entity(q).filter(|&e| e < a.entities.len()) {
            quotes_of[e].push(i);
        }
    }
    let sources = (0..a.entities.len()).filter(|&e| !quotes_of[e].is_empty());
    let others = (0..a.entities.len()).filter(|&e| quotes_of[e].is_empty());
    for e in sources.chain(others) {
        let entity = &a.entities[e];
        let children: Vec<DocumentSymbol> = quotes_of[e]
            .iter()
            .map(|&q| {
                let quote = &a.quotes[q];
                let name = format!("“{}”", first_words(quote.content.text(&a.text), 8));
                symbol(
                    snap,
                    name,
                    Some(quote.kind.as_str().into()),
                    SymbolKind::STRING,
                    quote.span,
                    quote.span,
                    None,
                )
            })
            .collect();
        let Some(first) = first_full_reference(a, entity) else {
            continue;
        };
        let mut range = entity
            .mentions
            .iter()
            .fold(first.span, |r, m| r.cover(m.span));
        for &q in &quotes_of[e] {
            range = range.cover(a.quotes[q].span);
        }
        let detail = match (quotes_of[e].len(), &entity.title) {
            (0, Some(t)) => format!("{} · {t}", entity.kind.as_str()),
            (0, None) => entity.kind.as_str().to_string(),
            (n, _) => format!("source · {n} quote{}", if n == 1 { "" } else { "s" }),
        };
        out.push(symbol(
            snap,
            entity.name.to_string(),
            Some(detail),
            kind_of(entity),
            range,
            first.span,
            (!children.is_empty()).then_some(children),
        ));
    }
    out
}

fn kind_of(e: &Entity) -> SymbolKind {
    match e.kind {
        EntityKind::Person => SymbolKind::CLASS,
        EntityKind::Organization => SymbolKind::MODULE,
        EntityKind::Place => SymbolKind::NAMESPACE,
        EntityKind::Other => SymbolKind::CONSTANT,
    }
}

fn symbol(
    snap: &Snapshot,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Span,
    selection: Span,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    #[allow(deprecated)]
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: convert::range(&snap.rope, range, snap.encoding),
        selection_range: convert::range(&snap.rope, selection, snap.encoding),
        children,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ropey::Rope;

    use crate::analysis::layout::Format;
    use crate::lsp::convert::Encoding;
    use crate::lsp::handlers::hover::hover;
    use crate::lsp::snapshot::{build, Job, Snapshot};
    use crate::rules::Checker;

    /// A placeholder, a title that runs over two words, and a state after its city, with a person
    /// referred to by a pronoun: only the person and the places are entities.
    const DRAFT: &str = "EVANSTON, Ill. (AP) — A fire gutted a warehouse on Tuesday, Battalion Chief \
Dana Ruiz said.\n\nRuiz said crews from Evanston, Ill., and two other towns helped. The damage is TK.\n\n\
\"We were lucky,\" she said. The owner, TK, did not return calls.\n";

    fn snapshot() -> Snapshot {
        let job = Job {
            uri: "file:///drafts/fire.txt".parse().unwrap(),
            version: 1,
            revision: 1,
            rope: Rope::from_str(DRAFT),
            text: Arc::new(DRAFT.to_string()),
            format: Format::Plain,
            edit: None,
            config: Arc::new(Default::default()),
            encoding: Encoding::Utf16,
            fields: crate::lsp::snapshot::DiagnosticFields::ALL,
        };
        build(&mut Checker::default(), job).unwrap()
    }

    #[test]
    fn the_outline_holds_no_placeholder_title_word_or_state_abbreviation() {
        let snap = snapshot();
        let names: Vec<String> = super::document_symbols(&snap).into_iter().map(|s| s.name).collect();
        for not_an_entity in ["TK", "Battalion", "Ill", "Battalion Chief"] {
            assert!(!names.iter().any(|n| n == not_an_entity), "{not_an_entity} in {names:?}");
        }
        assert!(names.iter().any(|n| n == "Dana Ruiz"), "{names:?}");
    }

    #[test]
    fn only_a_state_abbreviation_after_its_city_is_left_out() {
        let draft = "Crews came from Boston, Mass., Fresno, Calif, and Chicago, IL 60601. \
Reuters, PA and AFP covered it, and so did papers in Austin, Texas and Chicago, LA and Miami.\n";
        let names: Vec<String> = crate::analysis::analyze(draft, Format::Plain).entities.into_iter().map(|e| e.name.to_string()).collect();
        for gone in ["Mass", "Calif", "IL"] {
            assert!(!names.iter().any(|n| n == gone), "{gone} in {names:?}");
        }
        for kept in ["Boston", "Fresno", "Chicago", "PA", "Texas", "LA"] {
            assert!(names.iter().any(|n| n == kept), "{kept} not in {names:?}");
        }
    }

    #[test]
    fn the_hover_lists_spellings_apart_from_pronouns() {
        let snap = snapshot();
        let at = DRAFT.find("Ruiz said crews").unwrap() + 1;
        let card = match hover(&snap, at, false).expect("a hover").contents {
            tower_lsp_server::ls_types::HoverContents::Markup(m) => m.value,
            other => panic!("{other:?}"),
        };
        assert!(card.contains("Spellings: Dana Ruiz, Ruiz\n"), "{card}");
        assert!(card.contains("Referred to as: she\n"), "{card}");
    }
}
