//! Prints the French first layer's sentences as the page's JavaScript receives them
//! ([`BannerTexts::joined`]): `scripts/build.sh` puts them in the entry module, which draws the
//! banner with them before the first layer's wasm has arrived. Written from the texts' one
//! source, so that the banner drawn early is the one the first layer would draw.

#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

use std::io::Write;

use cookie_charter_core::i18n::{BannerTexts, Lang, FRENCH_FIRST_LAYER};
use cookie_charter_core::json::Json;

fn member<'j>(json: &'j Json, name: &str) -> Option<&'j Json> {
    match json {
        Json::Object(members) => members.iter().find(|(key, _)| key == name).map(|(_, v)| v),
        _ => None,
    }
}

// Run natively by the build (the JSON is read with serde_json there).
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let json =
        cookie_charter_core::json::parse(FRENCH_FIRST_LAYER).expect("the French texts are JSON");
    let texts = BannerTexts::read(Lang::Fr, |part, key| {
        match member(member(&json, part)?, key)? {
            Json::String(sentence) => Some(sentence.clone()),
            _ => None,
        }
    })
    .expect("the French texts have every first-layer sentence");
    std::io::stdout()
        .write_all(texts.joined().as_bytes())
        .expect("stdout takes the sentences");
}
