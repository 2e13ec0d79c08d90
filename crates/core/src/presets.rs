//! The built-in charters: Opendatasoft's default and the five seed portals, kept as JSON
//! files beside this module (the same format portals use for their own charter).

use super::charter::Charter;
use super::charter_json;
use super::i18n::Lang;
use super::json::Parser;
use super::structure;

/// The text of `$preset`'s file in the directory `$dir` (tokens of `concat!`) with the
/// extension `$ext`: each preset's file name written once, for its JSON source and for the
/// structure `build.rs` writes.
macro_rules! preset_file {
    ($preset:expr, [$($dir:tt)*], $ext:literal) => {
        match $preset {
            Preset::Default => include_str!(concat!($($dir)*, "default", $ext)),
            Preset::Soregies => include_str!(concat!($($dir)*, "soregies", $ext)),
            Preset::Bpce => include_str!(concat!($($dir)*, "bpce", $ext)),
            Preset::Anru => include_str!(concat!($($dir)*, "anru", $ext)),
            Preset::Tco => include_str!(concat!($($dir)*, "tco", $ext)),
            Preset::SaintNazaire => include_str!(concat!($($dir)*, "saintnazaire", $ext)),
        }
    };
}

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
        preset_file!(self, ["presets/"], ".json")
    }

    /// Its charter, read with `parse_json` (the platform's parser). The JSON files are checked
    /// by the tests, so this cannot fail at run time.
    #[allow(clippy::disallowed_macros)] // panics are compiled out of the shipped build (immediate-abort)
    pub fn charter(self, parse_json: Parser) -> Charter {
        match charter_json::parse(self.json(), parse_json) {
            Ok(charter) => charter,
            Err(_) => unreachable!("built-in preset {} is invalid", self.name()),
        }
    }

    /// It as the first layer reads a charter (`core::structure`, written by `build.rs` from
    /// [`Preset::json`]): what consent is about and the panel's few texts, in English for
    /// [`Lang::En`] and in French otherwise (the built-in charters are written in those two). At
    /// a fraction of the bytes of the file and read without a JSON parser: a first visit neither
    /// carries the texts only the charter page shows nor parses JSON to start.
    pub fn structure_text(self, lang: Lang) -> &'static str {
        if lang == Lang::En {
            preset_file!(self, [env!("OUT_DIR"), "/presets/"], ".en.txt")
        } else {
            preset_file!(self, [env!("OUT_DIR"), "/presets/"], ".fr.txt")
        }
    }

    /// Its charter as the first layer holds it, read from [`Preset::structure_text`] (not
    /// checked: the full file is, and the tests check that both give the same consent,
    /// revision and erasure).
    pub fn structure(self, lang: Lang) -> Charter {
        structure::read(self.structure_text(lang))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid() {
        for preset in Preset::ALL {
            if let Err(problems) = charter_json::parse(preset.json(), crate::json::parse) {
                panic!("{}: {problems:?}", preset.name());
            }
        }
    }

    #[test]
    fn a_presets_structure_gives_its_consent_revision_and_erasure() {
        for preset in Preset::ALL {
            let full = preset.charter(crate::json::parse);
            let name = preset.name();
            for lang in [Lang::Fr, Lang::En] {
                let structure = preset.structure(lang);
                assert_eq!(structure.revision(), full.revision(), "{name}");
                assert_eq!(structure.portal, full.portal, "{name}");
                for (s, f) in structure.categories.iter().zip(&full.categories) {
                    assert_eq!((&s.id, s.required, &s.erase), (&f.id, f.required, &f.erase));
                    assert_eq!(s.title.fr, f.title.get(lang), "{name}");
                }
                for id in ["necessary", "audience"] {
                    assert_eq!(
                        structure.erase_patterns(id),
                        full.erase_patterns(id),
                        "{name}"
                    );
                }
                assert!(
                    preset.structure_text(lang).len() * 2 < preset.json().len(),
                    "{name}: the structure is much smaller than the file"
                );
            }
        }
        // What the comparison above covers: erase patterns and unnamed rows are read too.
        let default = Preset::Default.structure(Lang::Fr);
        assert!(default.categories.iter().any(|c| c.erase.len() > 1));
        assert!(default.cookies.iter().any(|row| row.name.is_empty()));
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
                .charter(crate::json::parse)
                .optional_categories()
                .count()
                > 0;
            let expected = matches!(preset, Preset::Default | Preset::SaintNazaire);
            assert_eq!(has_audience, expected, "{}", preset.name());
        }
    }
}
