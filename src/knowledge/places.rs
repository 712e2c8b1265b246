//! The newsroom's own places (`[[places]]` in `copydesk.toml`) in entity typing. The core types
//! a place the gazetteer knows by itself; the config is not the core's to read, so the callers
//! that hold both apply it after analysis with [`type_configured_places`].

use crate::analysis::entities::EntityKind;
use crate::analysis::Analysis;
use crate::config::Config;

/// Types as places the entities the config lists under `[[places]]` (by name or alias), unless the
/// config also lists them as people or organisations.
pub fn type_configured_places(analysis: &mut Analysis, config: &Config) {
    if config.places.is_empty() {
        return;
    }
    for e in &mut analysis.entities {
        if e.kind != EntityKind::Place
            && config.place(&e.name).is_some()
            && config.person(&e.name).is_none()
            && config.organization(&e.name).is_none()
        {
            e.kind = EntityKind::Place;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, layout::Format};
    use crate::config::parse_toml;

    fn kind_of(a: &Analysis, name: &str) -> Option<EntityKind> {
        a.entities.iter().find(|e| e.mentions.iter().any(|m| m.span.text(&a.text) == name)).map(|e| e.kind)
    }

    /// The core's hook: a city the gazetteer knows is a place, unless the draft says otherwise.
    #[test]
    fn a_city_of_the_gazetteer_is_a_place() {
        let text = include_str!("../../tests/fixtures/knowledge/entity-typing.txt");
        let a = analyze(text, Format::Plain);
        assert_eq!(kind_of(&a, "Surabaya"), Some(EntityKind::Place));
        assert_eq!(kind_of(&a, "Dayton"), Some(EntityKind::Place));
        // A person's surname stays the person's, and a city beside a score is a team.
        assert_eq!(kind_of(&a, "Jackson"), Some(EntityKind::Person));
        assert_eq!(kind_of(&a, "Wigan"), Some(EntityKind::Organization));
    }

    #[test]
    fn a_configured_place_is_a_place() {
        let text = "The council said Brannock Hollis would vote. Brannock Hollis has 900 voters.";
        let kind = |a: &Analysis| a.entities.iter().find(|e| &*e.name == "Brannock Hollis").map(|e| e.kind);
        let mut analysis = analyze(text, Format::Plain);
        assert_ne!(kind(&analysis), Some(EntityKind::Place));
        type_configured_places(&mut analysis, &parse_toml("[[places]]\nname = \"Brannock Hollis\"\n").unwrap());
        assert_eq!(kind(&analysis), Some(EntityKind::Place));
    }
}
