//! Each preset reproduces its portal's published "Charte cookies" (tests/seeds/, copied from the
//! portals' pages): the table row for row, the portal's address, and the introduction's wording.
//! The expected values are read from the seed files here, never copied by hand.
// Tests are exempt from the first layer's size rules (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]
#![cfg(not(target_arch = "wasm32"))]

use cookie_charter::core::charter::Charter;
use cookie_charter::core::i18n::{Lang, Texts};
use cookie_charter::core::json;
use cookie_charter::core::presets::Preset;

/// What a seed file says: the portal as written after "sur la plateforme", and the table rows.
struct Seed {
    platform: String,
    rows: Vec<[String; 4]>,
    text: String,
}

fn read_seed(preset: Preset) -> Seed {
    let path = format!(
        "{}/tests/seeds/{}.txt",
        env!("CARGO_MANIFEST_DIR"),
        preset.name()
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let lines: Vec<&str> = text.lines().collect();

    let heading = lines
        .iter()
        .position(|l| l.starts_with("A quoi servent les cookies sur la plateforme"))
        .expect("purposes heading");
    let rest = lines[heading]
        .trim_start_matches("A quoi servent les cookies sur la plateforme")
        .trim();
    // One seed puts the address on the next non-empty line.
    let platform = if rest.is_empty() {
        lines[heading + 1..]
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .unwrap()
    } else {
        rest
    };

    let header = lines
        .iter()
        .position(|l| l.starts_with("Nom du prestataire\t"))
        .expect("table header");
    let rows = lines[header + 1..]
        .iter()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("---"))
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), 4, "seed row {l:?}");
            [0, 1, 2, 3].map(|i| cells[i].trim().to_owned())
        })
        .collect();
    Seed {
        platform: platform.to_owned(),
        rows,
        text,
    }
}

fn preset_rows(charter: &Charter) -> Vec<[String; 4]> {
    charter
        .cookies
        .iter()
        .map(|r| {
            [
                r.provider.clone(),
                r.service.fr.clone(),
                r.name.clone(),
                r.purpose.fr.clone(),
            ]
        })
        .collect()
}

const SEEDED: [Preset; 5] = [
    Preset::Soregies,
    Preset::Bpce,
    Preset::Anru,
    Preset::Tco,
    Preset::SaintNazaire,
];

#[test]
fn each_preset_has_its_seed_table_row_for_row() {
    for preset in SEEDED {
        let seed = read_seed(preset);
        let charter = preset.charter(json::parse);
        assert_eq!(preset_rows(&charter), seed.rows, "{}", preset.name());
    }
}

#[test]
fn each_preset_names_its_portal_as_the_seed_does() {
    for preset in SEEDED {
        let seed = read_seed(preset);
        let charter = preset.charter(json::parse);
        match seed
            .platform
            .strip_prefix('<')
            .and_then(|p| p.strip_suffix('>'))
        {
            Some(url) => {
                assert_eq!(charter.url.as_deref(), Some(url), "{}", preset.name());
                assert!(url.ends_with(&charter.portal), "{}", preset.name());
            }
            None => {
                assert_eq!(charter.portal, seed.platform, "{}", preset.name());
                assert_eq!(charter.url, None, "{}", preset.name());
            }
        }
    }
}

#[test]
fn the_seeds_differ_where_the_presets_do() {
    // The small differences are real: one wording of cookies_preferences, one audience row.
    let purpose = |p: Preset| p.charter(json::parse).cookies[3].purpose.fr.clone();
    assert_ne!(purpose(Preset::Soregies), purpose(Preset::Bpce));
    assert_eq!(read_seed(Preset::SaintNazaire).rows.len(), 5);
    assert_eq!(read_seed(Preset::Tco).rows.len(), 4);
}

#[test]
fn the_built_in_french_introduction_is_the_seeds_wording() {
    let intro = texts(Lang::Fr).charter_intro;
    for preset in SEEDED {
        let seed = read_seed(preset);
        for section in &intro {
            for text in section
                .heading
                .iter()
                .chain(&section.paragraphs)
                .chain(&section.items)
            {
                assert!(
                    seed.text.contains(text),
                    "{}: {text:?} not in the seed",
                    preset.name()
                );
            }
        }
        let table_heading = preset.charter(json::parse).categories[0]
            .table_heading()
            .fr
            .clone();
        assert!(
            seed.text.contains(table_heading.as_str()),
            "{}",
            preset.name()
        );
    }
}

/// The built-in texts of `lang`.
fn texts(lang: Lang) -> Texts {
    Texts::from_json(&json::parse(lang.texts_json()).unwrap()).unwrap()
}

#[test]
fn every_translated_introduction_has_the_french_shape() {
    let fr = texts(Lang::Fr).charter_intro;
    for lang in &Lang::ALL[1..] {
        let other = texts(*lang).charter_intro;
        assert_eq!(fr.len(), other.len(), "{}", lang.tag());
        for (f, o) in fr.iter().zip(&other) {
            assert_eq!(f.heading.is_some(), o.heading.is_some(), "{}", lang.tag());
            assert_eq!(f.paragraphs.len(), o.paragraphs.len(), "{}", lang.tag());
            assert_eq!(f.items.len(), o.items.len(), "{}", lang.tag());
        }
    }
}

#[test]
fn every_preset_text_has_an_english_version() {
    for preset in Preset::ALL {
        let charter = preset.charter(json::parse);
        for c in &charter.categories {
            assert!(
                c.title.exactly(Lang::En).is_some() && c.description.exactly(Lang::En).is_some(),
                "{}",
                preset.name()
            );
        }
        for r in &charter.cookies {
            assert!(
                r.service.exactly(Lang::En).is_some() && r.purpose.exactly(Lang::En).is_some(),
                "{}",
                preset.name()
            );
        }
    }
}
