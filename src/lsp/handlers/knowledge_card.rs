//! What the hover card adds from the newsroom's lists (`copydesk.toml`), the reporter's notes
//! and the gazetteer.

use super::hover::Card;
use crate::analysis::entities::{Entity, EntityKind};
use crate::analysis::notes::NotesMatch;
use crate::analysis::quotes::Quote;
use crate::analysis::span::Span;
use crate::config::KnownEntry;
use crate::knowledge;
use crate::lsp::snapshot::Snapshot;

/// How many candidates an ambiguous place name lists.
const CANDIDATES_SHOWN: usize = 6;

/// The config's title, description and link for a person or organisation, and the gazetteer's
/// facts for a place.
pub fn entity_fields(card: &mut Card, snap: &Snapshot, e: &Entity) {
    let config = &snap.config;
    let known = match e.kind {
        EntityKind::Person => config
            .person(&e.name)
            .or_else(|| e.name.split_whitespace().last().and_then(|s| config.person_by_surname(s))),
        EntityKind::Organization => config.organization(&e.name),
        _ => config.place(&e.name),
    };
    if let Some(known) = known {
        known_fields(card, known);
    }
    if matches!(e.kind, EntityKind::Place | EntityKind::Other) {
        place_fields(card, snap, &e.name);
    }
}

/// Where the notes have a quote: `Found in notes/x.txt:42`, or the notes' wording when it differs.
/// Only for the quotes the notes rules check (whole direct quotes of a few words), and only when
/// `[quotes] sources` are configured.
pub fn notes_fields(card: &mut Card, snap: &Snapshot, quote: &Quote) {
    let Some(notes) = snap.config.notes.as_deref() else { return };
    let content = quote.content.text(&snap.analysis.scan_text);
    let checked = quote.kind.is_speech()
        && quote.parent.is_none()
        && content.split_whitespace().count() >= crate::rules::quote_differs_from_notes::MIN_WORDS;
    if !checked {
        return;
    }
    match notes.remembered_match_skipping(content, snap.config.notes_skip) {
        NotesMatch::Exact { file, line } => card.field("Notes", &format!("Found in {file}:{line}")),
        NotesMatch::Close { file, line, notes_wording } => {
            card.field("Notes", &format!("Differs from {file}:{line}: “{notes_wording}”"))
        }
        NotesMatch::NotFound => card.field("Notes", "Not found in the notes"),
    }
}

fn known_fields(card: &mut Card, known: &KnownEntry) {
    if known.preferred_spelling() != known.name || !known.aliases.is_empty() {
        card.field("House spelling", known.preferred_spelling());
    }
    if let Some(title) = &known.title {
        card.field("Title (newsroom list)", title);
    }
    if let Some(description) = &known.description {
        card.field("About", description);
    }
    if let Some(link) = &known.link {
        card.field("Link", link);
    }
}

/// Country, region, population and other names of the cities a name may mean.
pub fn place_fields(card: &mut Card, snap: &Snapshot, name: &str) {
    if let Some(known) = snap.config.place(name) {
        known_fields(card, known);
    }
    let cities = knowledge::cities_named(name);
    match cities.as_slice() {
        [] => {}
        [city] => city_fields(card, city),
        [first, ..] => {
            card.field("Places so named", &cities.len().to_string());
            for c in cities.iter().take(CANDIDATES_SHOWN) {
                card.item(&describe(c));
            }
            if cities.len() > CANDIDATES_SHOWN {
                card.item(&format!("and {} more", cities.len() - CANDIDATES_SHOWN));
            }
            if first.population >= 10 * cities[1].population {
                card.field("Most likely", &describe(first));
            }
        }
    }
}

fn city_fields(card: &mut Card, c: &knowledge::City) {
    card.field("Country", c.country);
    if let Some(region) = c.region.filter(|r| r.chars().any(char::is_alphabetic) && r.len() > 2) {
        card.field("Region", region);
    }
    card.field("Population", &c.population.to_string());
    if !c.other_names.is_empty() {
        card.field("Other names", &other_names_line(&c.other_names));
    }
}

/// How many other names a place card lists: big cities have dozens (Kyiv about 40), and a card
/// that scrolls hides the country and population above it.
const OTHER_NAMES_SHOWN: usize = 8;

fn other_names_line(names: &[&str]) -> String {
    let shown = names[..names.len().min(OTHER_NAMES_SHOWN)].join(", ");
    match names.len().saturating_sub(OTHER_NAMES_SHOWN) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

fn describe(c: &knowledge::City) -> String {
    let region = c
        .region
        .filter(|r| r.chars().any(char::is_alphabetic) && r.len() > 2)
        .map(|r| format!("{r}, "))
        .unwrap_or_default();
    format!("{}, {region}{} (population {})", c.name, c.country, c.population)
}

/// A card for a capitalised word that is no entity but a city the gazetteer knows.
pub fn place_word_card(card: &mut Card, snap: &Snapshot, offset: usize) -> Option<Span> {
    let text: &str = &snap.analysis.text;
    let is_word = |c: char| c.is_alphabetic() || c == '-' || c == '\'';
    let start = text.get(..offset)?.char_indices().rev().take_while(|(_, c)| is_word(*c)).last().map_or(offset, |(i, _)| i);
    let end = text.get(offset..)?.char_indices().find(|(_, c)| !is_word(*c)).map_or(text.len(), |(i, _)| offset + i);
    let word = text.get(start..end)?;
    if !word.chars().next()?.is_uppercase() || !knowledge::is_known_city(word) {
        return None;
    }
    card.title(word, "place");
    place_fields(card, snap, word);
    Some(Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ropey::Rope;

    use crate::analysis::layout::Format;
    use crate::rules::Checker;
    use crate::config::parse_toml;
    use crate::lsp::convert::Encoding;
    use crate::lsp::handlers::hover::hover;
    use crate::lsp::snapshot::{build, Job, Snapshot};

    const DRAFT: &str = "KAZAN, Russia, May 2 - Foreign Minister Sergey Lavrov said on Friday that \
the talks in Kazan would go on.\n\n\"We are ready,\" Lavrov told reporters in Albany.\n";

    fn snapshot(config: &str) -> Snapshot {
        let job = Job {
            uri: "file:///drafts/kazan.txt".parse().unwrap(),
            version: 1,
            revision: 1,
            rope: Rope::from_str(DRAFT),
            text: Arc::new(DRAFT.to_string()),
            format: Format::Plain,
            edit: None,
            config: Arc::new(parse_toml(config).unwrap()),
            encoding: Encoding::Utf16,
            fields: crate::lsp::snapshot::DiagnosticFields::ALL,
        };
        build(&mut Checker::default(), job).unwrap()
    }

    fn hover_at(snap: &Snapshot, needle: &str, nth: usize) -> String {
        let at = DRAFT.match_indices(needle).nth(nth).unwrap().0 + 1;
        match hover(snap, at, false).expect("a hover").contents {
            tower_lsp_server::ls_types::HoverContents::Markup(m) => m.value,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_place_shows_its_country() {
        let snap = snapshot("");
        assert!(hover_at(&snap, "Kazan", 0).contains("Russia"));
        let albany = hover_at(&snap, "Albany", 0);
        assert!(albany.contains("New York") && albany.contains("Australia"), "{albany}");
    }

    #[test]
    fn a_person_shows_the_newsroom_list() {
        let snap = snapshot(
            "[[people]]\nname = \"Sergei Lavrov\"\naliases = [\"Sergey Lavrov\"]\n\
title = \"Foreign Minister\"\ndescription = \"Russia's top diplomat\"\nlink = \"https://example.org/l\"\n",
        );
        let card = hover_at(&snap, "Lavrov", 1);
        assert!(card.contains("Russia's top diplomat"), "{card}");
        assert!(card.contains("https://example.org/l") && card.contains("Sergei Lavrov"), "{card}");
        assert!(snap.findings.iter().any(|f| f.code == "name-spelling"));
    }

    #[test]
    fn a_long_list_of_other_names_is_cut_short() {
        assert_eq!(super::other_names_line(&["Kiev", "Kiew"]), "Kiev, Kiew");
        let many: Vec<&str> = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"].to_vec();
        assert_eq!(super::other_names_line(&many), "A, B, C, D, E, F, G, H and 2 more");
    }
}
