//! Cuts, at build time, what the first layer carries of two sources it shares with the Yew UI:
//! - the French sentences it shows (the `lang`, `banner` and `panel` members of
//!   `src/texts/fr.json`, their one source) into `$OUT_DIR/fr-first-layer.json`; the rest
//!   of the file (the charter page) is for the Yew UI, which carries it itself;
//! - each built-in charter (`src/presets/*.json`) as the first layer reads a charter
//!   (`core::structure`: what consent is about, and the panel's few texts), in French and in
//!   English, into `$OUT_DIR/presets/<name>.<lang>.txt`. `core::structure`'s tests check that
//!   this writes what `structure::write` writes from the full charter.
//!
//! So a first visit neither loads texts it never shows nor parses JSON to start.
// The size rules (clippy.toml) bind the code a page runs, not a build script.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::{env, fs, path::Path};

use serde_json::{json, Value};

fn main() {
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).to_owned();
    french_first_layer(&out);
    preset_structures(&out);
}

fn french_first_layer(out: &Path) {
    let source = "src/texts/fr.json";
    println!("cargo:rerun-if-changed={source}");
    let text = fs::read_to_string(source).expect("src/texts/fr.json");
    let json: Value = serde_json::from_str(&text).expect("fr.json is JSON");
    let first_layer =
        json!({ "lang": json["lang"], "banner": json["banner"], "panel": json["panel"] });
    assert!(
        json["banner"].is_object() && json["panel"].is_object(),
        "fr.json has banner and panel objects"
    );
    fs::write(out.join("fr-first-layer.json"), first_layer.to_string())
        .expect("write fr-first-layer.json");
}

/// A string member of a preset, refused if it is not a string or holds a tab (the format's
/// field separator); its line breaks are written as carriage returns.
fn field(value: &Value, what: &str, preset: &Path) -> String {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("{}: {what} is not a string", preset.display()));
    assert!(
        !text.contains('\t'),
        "{}: {what} {text:?} holds a tab",
        preset.display()
    );
    text.replace('\n', "\r")
}

/// A text member (`{"fr": …, "en": …}`) in `lang`, French where it is not given in that
/// language; empty where the member is absent.
fn text(value: &Value, lang: &str, what: &str, preset: &Path) -> String {
    if value.is_null() {
        return String::new();
    }
    let given = value
        .get(lang)
        .filter(|v| !v.is_null())
        .unwrap_or(&value["fr"]);
    field(given, what, preset)
}

/// Writes each preset in `core::structure`'s format, in French and in English.
fn preset_structures(out: &Path) {
    let dir = "src/presets";
    println!("cargo:rerun-if-changed={dir}");
    let target = out.join("presets");
    fs::create_dir_all(&target).expect("create $OUT_DIR/presets");
    for entry in fs::read_dir(dir).expect("src/presets") {
        let path = entry.expect("a preset file").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let source = fs::read_to_string(&path).expect("a preset file");
        let charter: Value = serde_json::from_str(&source).expect("a preset is JSON");
        for lang in ["fr", "en"] {
            let mut lines = vec![field(&charter["portal"], "portal", &path)];
            for category in charter["categories"]
                .as_array()
                .expect("a preset has categories")
            {
                assert!(
                    category.get("services").is_none(),
                    "{}: a preset with services needs build.rs to write them",
                    path.display()
                );
                let mut line = vec![
                    "C".to_owned(),
                    field(&category["id"], "a category id", &path),
                ];
                line.push(
                    match category["required"].as_bool() {
                        Some(true) => "1",
                        Some(false) => "0",
                        None => {
                            panic!("{}: a category's required is not a boolean", path.display())
                        }
                    }
                    .to_owned(),
                );
                line.push(text(&category["title"], lang, "a title", &path));
                line.push(text(&category["description"], lang, "a description", &path));
                for pattern in category
                    .get("erase")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    line.push(field(pattern, "an erase pattern", &path));
                }
                lines.push(line.join("\t"));
            }
            for row in charter["cookies"].as_array().expect("a preset has cookies") {
                let name = match row.get("name") {
                    None | Some(Value::Null) => String::new(),
                    Some(name) => field(name, "a cookie name", &path),
                };
                let service = if name.is_empty() {
                    text(&row["service"], lang, "a row's service", &path)
                } else {
                    String::new()
                };
                lines.push(
                    [
                        "R".to_owned(),
                        field(&row["category"], "a row's category", &path),
                        name,
                        service,
                    ]
                    .join("\t"),
                );
            }
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a file name");
            fs::write(target.join(format!("{stem}.{lang}.txt")), lines.join("\n"))
                .expect("write a preset's structure");
        }
    }
}
