//! Cuts, at build time, what the first layer carries of two sources it shares with the Yew UI:
//! - the French banner sentences (the `lang` and `banner` members of `src/core/texts/fr.json`,
//!   their one source) into `$OUT_DIR/fr-banner.json`; the rest of the file (the panel, the
//!   charter page) is for the Yew UI, which carries it itself;
//! - the structure of each built-in charter (`src/core/presets/*.json`) into
//!   `$OUT_DIR/presets/<name>.txt`: the portal's name, category ids, which are required, erase
//!   patterns and each row's category and cookie name, as lines of tab-separated fields. That is
//!   all the first layer reads of a preset (consent, revision, erasure), and it reads it without
//!   a JSON parser; the texts are drawn by the Yew UI from the full file. `core::presets`' tests
//!   check that both give the same charter but for the texts.
//!
//! So a first visit does not load texts it never shows, nor parse JSON to start.
// The size rules (clippy.toml) bind the code a page runs, not a build script.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::{env, fs, path::Path};

use serde_json::{json, Value};

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

/// One field of a preset's structure: refused if it holds the separators of the format.
fn field<'a>(value: &'a Value, what: &str, preset: &Path) -> &'a str {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("{}: {what} is not a string", preset.display()));
    assert!(
        !text.contains(['\t', '\n']),
        "{}: {what} {text:?} holds a tab or a line break, which the structure's format cannot carry",
        preset.display()
    );
    text
}

/// Writes each preset's structure as lines of tab-separated fields (`core::presets` reads it):
/// ```text
/// <portal>
/// C <id> <1 if required, else 0> <erase pattern>…   (one line a category)
/// R <category> <cookie name>                        (one line a row of the table)
/// ```
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
        let mut lines = vec![field(&charter["portal"], "portal", &path).to_owned()];
        for category in charter["categories"]
            .as_array()
            .expect("a preset has categories")
        {
            assert!(
                category.get("services").is_none(),
                "{}: a preset with services needs build.rs's structure format to carry them",
                path.display()
            );
            let mut line = vec!["C", field(&category["id"], "a category id", &path)];
            line.push(match category["required"].as_bool() {
                Some(true) => "1",
                Some(false) => "0",
                None => panic!("{}: a category's required is not a boolean", path.display()),
            });
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
            let name = row.get("name").unwrap_or(&Value::Null);
            let name = if name.is_null() {
                ""
            } else {
                field(name, "a cookie name", &path)
            };
            lines.push(
                [
                    "R",
                    field(&row["category"], "a row's category", &path),
                    name,
                ]
                .join("\t"),
            );
        }
        let name = path.with_extension("txt");
        let name = name.file_name().expect("a file name");
        fs::write(target.join(name), lines.join("\n")).expect("write a preset's structure");
    }
}
