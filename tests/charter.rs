//! The charter model on real charters: the default preset's rows, erase patterns, and the
//! revision hash that decides when visitors are asked again.
#![cfg(not(target_arch = "wasm32"))]

use cookie_charter::core::charter::{Category, Charter, Text, AUDIENCE, NECESSARY};
use cookie_charter::core::json;
use cookie_charter::core::presets::Preset;

fn default_charter() -> Charter {
    Preset::Default.charter(json::parse)
}

#[test]
fn default_charter_has_the_opendatasoft_rows_in_order() {
    let charter = default_charter();
    let names: Vec<_> = charter.cookies.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "sessionid",
            "django_language",
            "csrftoken",
            "cookies_preferences",
            ""
        ]
    );
    assert_eq!(charter.cookies_of(AUDIENCE).count(), 1);
    assert_eq!(charter.cookies_of(NECESSARY).count(), 4);
    let optional: Vec<_> = charter
        .optional_categories()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(optional, [AUDIENCE]);
}

#[test]
fn erase_patterns_join_the_list_and_the_named_rows() {
    let mut charter = default_charter();
    assert!(charter.erase_patterns(AUDIENCE).contains(&"_pk_id.*"));
    assert!(charter.erase_patterns(AUDIENCE).contains(&"_ga"));
    charter.cookies[4].name = "_hjid".into();
    assert!(charter.erase_patterns(AUDIENCE).contains(&"_hjid"));
    assert!(charter.erase_patterns(NECESSARY).contains(&"sessionid"));
}

#[test]
fn revision_is_eight_hex_digits_and_stable() {
    let rev = default_charter().revision();
    assert_eq!(rev.len(), 8);
    assert!(rev.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(rev, default_charter().revision());
}

#[test]
fn default_revision_is_pinned() {
    // Changing this value asks every visitor of every portal again: only on purpose.
    assert_eq!(default_charter().revision(), "5df68c41");
}

#[test]
fn wording_changes_keep_the_revision() {
    let base = default_charter();
    let mut reworded = base.clone();
    reworded.cookies[0].purpose = Text::new("Autre texte", "Other text");
    reworded.categories[1].title = Text::new("Statistiques", "Statistics");
    reworded.portal = "data.example.fr".into();
    assert_eq!(base.revision(), reworded.revision());
}

#[test]
fn new_cookie_or_category_changes_the_revision() {
    let base = default_charter();
    let mut more_cookies = base.clone();
    let mut row = more_cookies.cookies[4].clone();
    row.name = "_pk_id".into();
    more_cookies.cookies.push(row);
    assert_ne!(base.revision(), more_cookies.revision());

    let mut more_categories = base.clone();
    more_categories.categories.push(Category {
        id: "video".into(),
        required: false,
        title: Text::default(),
        heading: None,
        description: Text::default(),
        erase: vec![],
        services: Vec::new(),
    });
    assert_ne!(base.revision(), more_categories.revision());

    let mut renamed = base.clone();
    renamed.cookies[1].name = "django_lang".into();
    assert_ne!(base.revision(), renamed.revision());
}

#[test]
fn field_boundaries_matter_to_the_revision() {
    let base = default_charter();
    let mut a = base.clone();
    a.cookies[0].name = "ab".into();
    a.cookies[1].name = "c".into();
    let mut b = base;
    b.cookies[0].name = "a".into();
    b.cookies[1].name = "bc".into();
    assert_ne!(a.revision(), b.revision());
}
