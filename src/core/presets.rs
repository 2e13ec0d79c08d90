//! The built-in charters: Opendatasoft's default and the five seed portals, kept as JSON
//! files beside this module (the same format portals use for their own charter).

use super::charter::{Category, Charter, CookieRow, Text};
use super::charter_json;
use super::json::Parser;

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

    /// Its structure (written by `build.rs` from [`Preset::json`]): the portal's name, then a
    /// line a category (`C`, id, `1` if required, erase patterns) and a line a row of the table
    /// (`R`, category, cookie name), fields separated by tabs. All the first layer reads of a
    /// preset, at a fraction of the bytes and read without a JSON parser: a first visit neither
    /// carries texts only the Yew UI shows (it reads [`Preset::json`]) nor parses JSON to start.
    pub fn structure_text(self) -> &'static str {
        preset_file!(self, [env!("OUT_DIR"), "/presets/"], ".txt")
    }

    /// Its charter without texts, read from [`Preset::structure_text`] (not checked: the full
    /// file is, and the tests check that both give the same consent, revision and erasure).
    #[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
    pub fn structure(self) -> Charter {
        let mut lines = self.structure_text().split('\n');
        let mut charter = Charter {
            portal: lines.next().unwrap_or_default().to_owned(),
            url: None,
            intro: None,
            categories: Vec::new(),
            cookies: Vec::new(),
        };
        for line in lines {
            let mut fields = line.split('\t');
            let kind = fields.next();
            let first = fields.next().unwrap_or_default().to_owned();
            if kind == Some("C") {
                charter.categories.push(Category {
                    id: first,
                    required: fields.next() == Some("1"),
                    title: Text::default(),
                    heading: None,
                    description: Text::default(),
                    erase: {
                        let mut erase = Vec::new();
                        for pattern in fields {
                            erase.push(pattern.to_owned());
                        }
                        erase
                    },
                    services: Vec::new(),
                });
            } else {
                charter.cookies.push(CookieRow {
                    category: first,
                    provider: String::new(),
                    service: Text::default(),
                    name: fields.next().unwrap_or_default().to_owned(),
                    purpose: Text::default(),
                    lifetime: None,
                    // Only a renamed choice cookie is checked against the charter's cookies,
                    // and a built-in charter names the default one.
                    holds_choice: false,
                });
            }
        }
        charter
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
            let structure = preset.structure();
            let name = preset.name();
            assert_eq!(structure.revision(), full.revision(), "{name}");
            let mut without_texts = full.clone();
            without_texts.url = None;
            without_texts.intro = None;
            for c in &mut without_texts.categories {
                (c.title, c.heading, c.description) = (Text::default(), None, Text::default());
            }
            for row in &mut without_texts.cookies {
                row.provider.clear();
                (row.service, row.purpose, row.lifetime) = (Text::default(), Text::default(), None);
            }
            assert_eq!(structure, without_texts, "{name}");
            assert!(
                preset.structure_text().len() * 3 < preset.json().len(),
                "{name}: the structure is much smaller than the file"
            );
        }
        // What the comparison above covers: erase patterns and unnamed rows are read too.
        let default = Preset::Default.structure();
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
                .charter(crate::core::json::parse)
                .optional_categories()
                .count()
                > 0;
            let expected = matches!(preset, Preset::Default | Preset::SaintNazaire);
            assert_eq!(has_audience, expected, "{}", preset.name());
        }
    }
}
