//! The embed settings are named in three places that cannot share code: the Rust settings
//! table (`core::config::SETTINGS`, which reads them), `js/entry.js` (which recognises the
//! component's own script tag by them before any wasm is loaded) and the TypeScript
//! declarations (`MountOptions`). This test keeps the three in agreement.
#![cfg(not(target_arch = "wasm32"))]

use cookie_charter::core::config::SETTINGS;

fn read(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The text between `start` and the first `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not found"))
        + start.len();
    let len = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("{end:?} not found"));
    &text[from..from + len]
}

fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

#[test]
fn entry_js_recognises_its_tag_by_every_data_attribute_and_no_other() {
    let entry = read("js/entry.js");
    let list = between(&entry, "const ATTRIBUTES = [", "];");
    let in_js: Vec<String> = list
        .split(',')
        .map(|item| item.trim().trim_matches('\'').to_owned())
        .filter(|item| !item.is_empty())
        .collect();
    let in_rust: Vec<String> = SETTINGS.iter().map(|s| s.attribute.to_owned()).collect();
    assert_eq!(sorted(in_js), sorted(in_rust));
}

#[test]
fn the_typescript_mount_options_are_the_settings_options() {
    let dts = read("js/cookie-charter.d.ts");
    let body = between(&dts, "export interface MountOptions {", "\n}");
    let in_ts: Vec<String> = body
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("/**") && !line.starts_with('*'))
        .filter_map(|line| {
            line.split_once("?:")
                .map(|(name, _)| name.trim().to_owned())
        })
        .collect();
    let in_rust: Vec<String> = SETTINGS.iter().map(|s| s.option.to_owned()).collect();
    assert_eq!(sorted(in_ts), sorted(in_rust));
}

#[test]
fn each_option_is_its_attribute_in_camel_case() {
    for setting in &SETTINGS {
        let mut camel = String::new();
        let mut upper = false;
        for c in setting.attribute.trim_start_matches("data-").chars() {
            if c == '-' {
                upper = true;
            } else if upper {
                camel.extend(c.to_uppercase());
                upper = false;
            } else {
                camel.push(c);
            }
        }
        assert_eq!(setting.option, camel, "{}", setting.attribute);
    }
}
