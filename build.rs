//! Cuts, at build time, what the first layer carries of two sources it shares with the Yew UI:
//! - the French banner sentences (the `lang` and `banner` members of `src/core/texts/fr.json`,
//!   their one source) into `$OUT_DIR/fr-banner.json`; the rest of the file (the panel, the
//!   charter page) is for the Yew UI, which carries it itself;
//! - the structure of each built-in charter (`src/core/presets/*.json`) into
//!   `$OUT_DIR/presets/<name>.json`: category ids, which are required, erase patterns, services
//!   and each row's category and cookie name, every text left empty. That is all the first layer
//!   reads of a preset (consent, revision, erasure); the texts are drawn by the Yew UI from the
//!   full file. `core::presets`' tests check that both give the same charter but for the texts.
//!
//! So a first visit does not load texts it never shows.

use std::{env, fs, path::Path};

use serde_json::{json, Map, Value};

fn main() {
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).to_owned();
    french_banner(&out);
    preset_structures(&out);
}

fn french_banner(out: &Path) {
    let source = "src/core/texts/fr.json";
    println!("cargo:rerun-if-changed={source}");
    let text = fs::read_to_string(source).expect("src/core/texts/fr.json");
    let json: Value = serde_json::from_str(&text).expect("fr.json is JSON");
    let banner = json!({ "lang": json["lang"], "banner": json["banner"] });
    assert!(banner["banner"].is_object(), "fr.json has a banner object");
    fs::write(out.join("fr-banner.json"), banner.to_string()).expect("write fr-banner.json");
}

/// An empty text: what stands for every text of a preset's structure.
fn empty_text() -> Value {
    json!({ "fr": "" })
}

/// `members` of `object` that are present, copied as they are.
fn keep(object: &Value, members: &[&str]) -> Map<String, Value> {
    members
        .iter()
        .filter_map(|m| object.get(*m).map(|v| ((*m).to_owned(), v.clone())))
        .collect()
}

fn preset_structures(out: &Path) {
    let dir = "src/core/presets";
    println!("cargo:rerun-if-changed={dir}");
    let target = out.join("presets");
    fs::create_dir_all(&target).expect("create $OUT_DIR/presets");
    for entry in fs::read_dir(dir).expect("src/core/presets") {
        let path = entry.expect("a preset file").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("a preset file");
        let charter: Value = serde_json::from_str(&text).expect("a preset is JSON");
        let categories: Vec<Value> = charter["categories"]
            .as_array()
            .expect("a preset has categories")
            .iter()
            .map(|category| {
                let mut kept = keep(category, &["id", "required", "erase"]);
                kept.insert("title".into(), empty_text());
                let services: Vec<Value> = category
                    .get("services")
                    .and_then(Value::as_array)
                    .map(|list| {
                        list.iter()
                            .map(|service| match service {
                                Value::Object(_) => {
                                    let mut s = keep(service, &["id", "cookies", "script"]);
                                    s.insert("name".into(), empty_text());
                                    Value::Object(s)
                                }
                                built_in => built_in.clone(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                if !services.is_empty() {
                    kept.insert("services".into(), Value::Array(services));
                }
                Value::Object(kept)
            })
            .collect();
        let cookies: Vec<Value> = charter["cookies"]
            .as_array()
            .expect("a preset has cookies")
            .iter()
            .map(|row| {
                let mut kept = keep(row, &["category", "name"]);
                kept.insert("service".into(), empty_text());
                kept.insert("purpose".into(), empty_text());
                Value::Object(kept)
            })
            .collect();
        let structure = json!({
            "portal": charter["portal"],
            "categories": categories,
            "cookies": cookies,
        });
        let name = path.file_name().expect("a file name");
        fs::write(target.join(name), structure.to_string()).expect("write a preset's structure");
    }
}
