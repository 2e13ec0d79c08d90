//! The charter model on real charters: the default preset's rows, erase patterns, and the
//! revision hash that decides when visitors are asked again.
// Tests are exempt from the first layer's size rules (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]
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

/// The default charter with an audience category of Matomo and Google Analytics, and an
/// embeds category of YouTube and Vimeo (built-in services).
fn with_services() -> Charter {
    let json = Preset::Default
        .json()
        .replacen(
            r#""id": "audience","#,
            r#""id": "audience", "services": ["matomo", "ga4"],"#,
            1,
        )
        .replacen(
            r#""categories": ["#,
            r#""categories": [{"id": "embeds", "title": {"fr": "Contenus"}, "services": ["youtube", "vimeo"]},"#,
            1,
        );
    cookie_charter::core::charter_json::parse(&json, json::parse).unwrap()
}

/// The cookies of `header` that withdrawing `withdrawn` erases while `accepted` stays.
fn erased(charter: &Charter, withdrawn: &[&str], accepted: &[&str], header: &str) -> Vec<String> {
    use cookie_charter::core::cookie_patterns::Reach;
    let withdrawn: Vec<String> = withdrawn.iter().map(|s| s.to_string()).collect();
    let (erase, kept) = charter.withdrawal(&withdrawn, &|id| accepted.contains(&id));
    let mut names: Vec<String> = Reach::new("localhost", "/", None)
        .erase_matching(header, &erase, &kept, "cookies_preferences")
        .iter()
        .map(|a| a.split('=').next().unwrap().to_owned())
        .collect();
    names.dedup();
    names
}

#[test]
fn withdrawal_erases_exactly_the_withdrawn_services_cookies() {
    let charter = with_services();
    let header = "_ga=1; _ga_X1=2; _gid=3; _pk_id.1.ab=4; _pk_ses.1.ab=5; sessionid=6; \
                  csrftoken=7; YSC=8; VISITOR_INFO1_LIVE=9; vuid=10; other=11";
    // Google Analytics withdrawn, Matomo kept: the audience category (no longer whole) goes
    // with it, yet Matomo's cookies, which the category also lists, stay.
    assert_eq!(
        erased(
            &charter,
            &["audience", "ga4"],
            &["necessary", "matomo"],
            header
        ),
        ["_ga", "_ga_X1", "_gid"]
    );
    // YouTube withdrawn, Vimeo kept.
    assert_eq!(
        erased(
            &charter,
            &["embeds", "youtube"],
            &["necessary", "vimeo"],
            header
        ),
        ["YSC", "VISITOR_INFO1_LIVE"]
    );
    // Everything withdrawn: every listed cookie of theirs, never the portal's own.
    assert_eq!(
        erased(
            &charter,
            &["audience", "matomo", "ga4", "embeds", "youtube", "vimeo"],
            &["necessary"],
            header
        ),
        [
            "_ga",
            "_ga_X1",
            "_gid",
            "_pk_id.1.ab",
            "_pk_ses.1.ab",
            "YSC",
            "VISITOR_INFO1_LIVE",
            "vuid"
        ]
    );
}

#[test]
fn a_renamed_choice_cookie_may_not_be_one_of_the_portals_cookies() {
    let charter = with_services();
    assert_eq!(charter.listed_cookie("sessionid"), Some("sessionid"));
    assert_eq!(charter.listed_cookie("_pk_id.7"), Some("_pk_id.*"));
    assert_eq!(charter.listed_cookie("vuid"), Some("vuid"));
    assert_eq!(charter.listed_cookie("cookie_charter_choice"), None);
    // The row marked as holding the choice is the one name allowed.
    let json = Preset::Default.json().replacen(
        r#""name": "cookies_preferences","#,
        r#""name": "cookie_charter_choice", "consent": true,"#,
        1,
    );
    let marked = cookie_charter::core::charter_json::parse(&json, json::parse).unwrap();
    assert_eq!(marked.listed_cookie("cookie_charter_choice"), None);
    let unmarked = json.replacen(r#""consent": true,"#, "", 1);
    let unmarked = cookie_charter::core::charter_json::parse(&unmarked, json::parse).unwrap();
    assert_eq!(
        unmarked.listed_cookie("cookie_charter_choice"),
        Some("cookie_charter_choice")
    );
}
