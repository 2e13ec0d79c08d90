//! The short format the first layer reads its charter in (`core::structure`): what the first
//! layer needs of a charter survives it, and `build.rs` writes each built-in charter exactly as
//! `structure::write` does.
// Tests are exempt from the first layer's size rules (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]
#![cfg(not(target_arch = "wasm32"))]

use cookie_charter::core::charter::Charter;
use cookie_charter::core::charter_json;
use cookie_charter::core::i18n::Lang;
use cookie_charter::core::json;
use cookie_charter::core::presets::Preset;
use cookie_charter::core::structure::{read, write};

/// The default charter with a category of services, one of them with its own script.
fn with_services() -> Charter {
    let json = Preset::Default
        .json()
        .replacen(
            r#""categories": ["#,
            r#""categories": [{"id": "embeds", "title": {"fr": "Contenus", "en": "Embedded"}, "description": {"fr": "Vidéos\net cartes"}, "services": ["youtube", {"id": "matomo", "script": "/m.js"}]},"#,
            1,
        )
        .replacen(r#""name": "sessionid","#, r#""name": "sessionid", "consent": true,"#, 1);
    charter_json::parse(&json, json::parse).unwrap()
}

#[test]
fn what_the_first_layer_needs_survives_the_format() {
    for lang in [Lang::Fr, Lang::En] {
        let charter = with_services();
        let back = read(&write(&charter, lang));
        assert_eq!(back.revision(), charter.revision());
        assert_eq!(back.portal, charter.portal);
        for (read, full) in back.categories.iter().zip(&charter.categories) {
            assert_eq!(
                (&read.id, read.required, &read.erase),
                (&full.id, full.required, &full.erase)
            );
            assert_eq!(read.title.get(Lang::De), full.title.get(lang));
            assert_eq!(read.description.get(lang), full.description.get(lang));
            assert_eq!(read.services.len(), full.services.len());
            for (r, f) in read.services.iter().zip(&full.services) {
                assert_eq!(
                    (&r.id, &r.provider, &r.cookies, &r.script),
                    (&f.id, &f.provider, &f.cookies, &f.script)
                );
                assert_eq!(r.name.get(lang), f.name.get(lang));
            }
        }
        assert_eq!(back.cookies.len(), charter.cookies.len());
        for (r, f) in back.cookies.iter().zip(&charter.cookies) {
            assert_eq!(
                (&r.category, &r.name, r.holds_choice),
                (&f.category, &f.name, f.holds_choice)
            );
            if f.name.is_empty() {
                assert_eq!(r.service.get(lang), f.service.get(lang));
            }
        }
    }
    let embeds = read(&write(&with_services(), Lang::Fr));
    assert_eq!(embeds.categories[0].description.fr, "Vidéos\net cartes");
    assert_eq!(embeds.categories[0].title.fr, "Contenus");
    assert_eq!(
        read(&write(&with_services(), Lang::En)).categories[0]
            .title
            .fr,
        "Embedded"
    );
}

#[test]
fn build_rs_writes_each_built_in_charter_as_write_does() {
    for preset in Preset::ALL {
        let full = preset.charter(json::parse);
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(
                preset.structure_text(lang),
                write(&full, lang),
                "{} in {}",
                preset.name(),
                lang.tag()
            );
        }
    }
}
