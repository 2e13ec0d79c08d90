//! Writes the French banner sentences (the `lang` and `banner` members of
//! `src/core/texts/fr.json`, their one source) to `$OUT_DIR/fr-banner.json`: what the first
//! layer carries of the built-in texts. The rest of the file (the panel, the charter page) is
//! for the Yew UI, which carries it itself, so a first visit does not load it.

use std::{env, fs, path::Path};

fn main() {
    let source = "src/core/texts/fr.json";
    println!("cargo:rerun-if-changed={source}");
    let text = fs::read_to_string(source).expect("src/core/texts/fr.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("fr.json is JSON");
    let banner = serde_json::json!({ "lang": json["lang"], "banner": json["banner"] });
    assert!(banner["banner"].is_object(), "fr.json has a banner object");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("fr-banner.json");
    fs::write(out, banner.to_string()).expect("write fr-banner.json");
}
