//! The built-in charters: Opendatasoft's default and the five seed portals, kept as JSON
//! files beside this module (the same format portals use for their own charter).

use super::charter::Charter;
use super::charter_json;
use super::json::Parser;

/// A built-in charter, chosen with `data-preset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// Opendatasoft's cookies and the audience-measurement row (no `data-preset`).
    Default,
    /// opendata.soregies.fr
    Soregies,
    /// bpce.opendatasoft.com
    Bpce,
    /// anruopendata.opendatasoft.com
    Anru,
    /// data.tco.re
    Tco,
    /// data.saintnazaireagglo.fr (with its audience-measurement row)
    SaintNazaire,
}

impl Preset {
    /// Every preset, the default first.
    pub const ALL: [Preset; 6] = [
        Preset::Default,
        Preset::Soregies,
        Preset::Bpce,
        Preset::Anru,
        Preset::Tco,
        Preset::SaintNazaire,
    ];

    /// The `data-preset` value that selects it.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Default => "opendatasoft",
            Preset::Soregies => "soregies",
            Preset::Bpce => "bpce",
            Preset::Anru => "anru",
            Preset::Tco => "tco",
            Preset::SaintNazaire => "saintnazaire",
        }
    }

    /// The preset a `data-preset` value names (case and surrounding spaces ignored).
    pub fn from_name(name: &str) -> Option<Preset> {
        let name = name.trim();
        Preset::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// Its JSON source.
    pub fn json(self) -> &'static str {
        match self {
            Preset::Default => include_str!("presets/default.json"),
            Preset::Soregies => include_str!("presets/soregies.json"),
            Preset::Bpce => include_str!("presets/bpce.json"),
            Preset::Anru => include_str!("presets/anru.json"),
            Preset::Tco => include_str!("presets/tco.json"),
            Preset::SaintNazaire => include_str!("presets/saintnazaire.json"),
        }
    }

    /// Its charter, read with `parse_json` (the platform's parser). The JSON files are checked
    /// by the tests, so this cannot fail at run time.
    pub fn charter(self, parse_json: Parser) -> Charter {
        match charter_json::parse(self.json(), parse_json) {
            Ok(charter) => charter,
            Err(_) => unreachable!("built-in preset {} is invalid", self.name()),
        }
    }

    /// Its structure (written by `build.rs`): category ids, which are required, erase patterns,
    /// services, each row's category and cookie name, every text empty. All the first layer
    /// reads of a preset, at a fifth of the bytes: a first visit does not carry texts only the
    /// Yew UI shows (it reads [`Preset::json`]).
    pub fn structure_json(self) -> &'static str {
        macro_rules! structure {
            ($file:literal) => {
                include_str!(concat!(env!("OUT_DIR"), "/presets/", $file))
            };
        }
        match self {
            Preset::Default => structure!("default.json"),
            Preset::Soregies => structure!("soregies.json"),
            Preset::Bpce => structure!("bpce.json"),
            Preset::Anru => structure!("anru.json"),
            Preset::Tco => structure!("tco.json"),
            Preset::SaintNazaire => structure!("saintnazaire.json"),
        }
    }

    /// Its charter without texts, read from [`Preset::structure_json`] (not checked: the full
    /// file is, and the tests check that both give the same consent, revision and erasure).
    pub fn structure(self, parse_json: Parser) -> Charter {
        let read = parse_json(self.structure_json())
            .ok()
            .and_then(|json| charter_json::from_json(&json).ok());
        match read {
            Some(charter) => charter,
            None => unreachable!("built-in preset {} has no structure", self.name()),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid() {
        for preset in Preset::ALL {
            if let Err(problems) = charter_json::parse(preset.json(), crate::core::json::parse) {
                panic!("{}: {problems:?}", preset.name());
            }
        }
    }

    #[test]
    fn a_presets_structure_is_its_charter_without_the_texts() {
        for preset in Preset::ALL {
            let full = preset.charter(crate::core::json::parse);
            let structure = preset.structure(crate::core::json::parse);
            let name = preset.name();
            assert_eq!(structure.revision(), full.revision(), "{name}");
            assert_eq!(structure.categories.len(), full.categories.len(), "{name}");
            for (s, f) in structure.categories.iter().zip(&full.categories) {
                assert_eq!((&s.id, s.required), (&f.id, f.required), "{name}");
                assert_eq!(structure.erase_patterns(&s.id), full.erase_patterns(&f.id));
                let ids = |c: &crate::core::charter::Category| {
                    c.services.iter().map(|x| x.id.clone()).collect::<Vec<_>>()
                };
                assert_eq!(ids(s), ids(f), "{name}");
            }
            let rows = |c: &Charter| {
                c.cookies
                    .iter()
                    .map(|r| (r.category.clone(), r.name.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(rows(&structure), rows(&full), "{name}");
            assert!(structure.categories.iter().all(|c| c.title.fr.is_empty()));
            assert!(
                preset.structure_json().len() * 3 < preset.json().len(),
                "{name}: the structure is much smaller than the file"
            );
        }
    }

    #[test]
    fn names_round_trip_and_unknown_names_are_none() {
        for preset in Preset::ALL {
            assert_eq!(Preset::from_name(preset.name()), Some(preset));
        }
        assert_eq!(
            Preset::from_name(" SaintNazaire "),
            Some(Preset::SaintNazaire)
        );
        assert_eq!(Preset::from_name("paris"), None);
        assert_eq!(Preset::from_name(""), None);
    }

    #[test]
    fn only_the_default_and_saint_nazaire_measure_audience() {
        for preset in Preset::ALL {
            let has_audience = preset
                .charter(crate::core::json::parse)
                .optional_categories()
                .count()
                > 0;
            let expected = matches!(preset, Preset::Default | Preset::SaintNazaire);
            assert_eq!(has_audience, expected, "{}", preset.name());
        }
    }
}
