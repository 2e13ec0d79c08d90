//! The embed settings are named in three places that cannot share code: the Rust settings
//! table (`core::config::SETTINGS`, which reads them), `js/entry.js` (which recognises the
//! component's own script tag by them before any wasm is loaded) and the TypeScript
//! declarations (`MountOptions`). This test keeps the three in agreement, and likewise the
//! languages (`Lang`, the modules `js/entry.js` loads, the `Lang` type, the files the package
//! ships and the texts files).
// Tests are exempt from the first layer's size rules (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]
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
fn entry_js_knows_the_default_cookie_name() {
    let entry = read("js/entry.js");
    let in_js = between(&entry, "const DEFAULT_COOKIE_NAME = '", "';");
    assert_eq!(in_js, cookie_charter::core::cookie_codec::COOKIE_NAME);
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

#[test]
fn the_languages_agree_in_rust_entry_js_the_declarations_and_the_texts_files() {
    use cookie_charter::core::i18n::Lang;
    let tags: Vec<String> = Lang::ALL.iter().map(|l| l.tag().to_owned()).collect();
    // entry.js loads a module for every language but French, which the first layer carries.
    let entry = read("js/entry.js");
    let list = between(&entry, "const LANGUAGES = {", "};");
    let in_js: Vec<String> = list
        .lines()
        .filter_map(|line| line.trim().split_once(':'))
        .map(|(tag, _)| tag.trim().to_owned())
        .collect();
    assert_eq!(sorted(in_js), sorted(tags[1..].to_vec()));
    for tag in &tags[1..] {
        assert!(
            list.contains(&format!("import('./cookie-charter-lang-{tag}.js')")),
            "{tag}"
        );
    }
    let dts = read("js/cookie-charter.d.ts");
    let union = between(&dts, "export type Lang = ", ";");
    let in_dts: Vec<String> = union
        .split('|')
        .map(|t| t.trim().trim_matches('\'').to_owned())
        .collect();
    assert_eq!(in_dts, tags);
    // The npm package ships each language's module.
    let package = read("package.json");
    for tag in &tags[1..] {
        assert!(
            package.contains(&format!("\"dist/cookie-charter-lang-{tag}.js\"")),
            "{tag}"
        );
    }
    for tag in &tags {
        read(&format!("crates/core/src/texts/{tag}.json"));
    }
}

#[test]
fn entry_js_pushes_the_same_consent_defaults_as_the_first_layer() {
    use cookie_charter::core::integrations::{self, MatomoCommand, GOOGLE_WAIT_FOR_UPDATE_MS};
    let entry = read("js/entry.js");
    let defaults = between(&entry, "function pushDefaults(source) {", "\n}\n");
    let google = between(defaults, "('consent', 'default', {", "});");
    let mut in_js: Vec<String> = google
        .split(',')
        .map(|pair| pair.split_whitespace().collect::<String>())
        .filter(|pair| !pair.is_empty())
        .collect();
    let mut in_rust: Vec<String> = integrations::google_default()
        .iter()
        .map(|(key, value)| format!("{key}:'{value}'"))
        .collect();
    in_rust.push(format!("wait_for_update:{GOOGLE_WAIT_FOR_UPDATE_MS}"));
    in_js.sort();
    in_rust.sort();
    assert_eq!(in_js, in_rust);
    assert!(defaults.contains(&format!(
        "['{}']",
        MatomoCommand::RequireCookieConsent.name()
    )));
    assert!(defaults.contains(&format!("PA: '{}'", integrations::piano_mode(None))));
}
