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
