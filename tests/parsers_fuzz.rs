//! Property tests of everything that reads untrusted input: the `cookies_preferences` value,
//! the charter JSON, cookie name patterns and data-attribute configuration. Any input gives a
//! value or a typed error, never a panic; encoding then decoding gives back what was encoded.
// Tests are exempt from the first layer's size rules (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]
#![cfg(not(target_arch = "wasm32"))]

use cookie_charter::core::charter_json;
use cookie_charter::core::config::{self, RawConfig};
use cookie_charter::core::consent::{Choice, Decisions};
use cookie_charter::core::cookie_codec::{self, Expectations};
use cookie_charter::core::cookie_patterns;
use cookie_charter::core::json;
use cookie_charter::core::presets::Preset;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

const NOW: u64 = 1_790_000_000;

/// 512 cases a property, from a fixed seed so that the test command is repeatable; set
/// `PROPTEST_CASES` and `FUZZ_SEED` to explore further.
fn config() -> ProptestConfig {
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_123);
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(512);
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    }
}

/// A JSON-ish string: mostly the characters JSON and URI encoding are made of.
fn jsonish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("{".to_owned()),
            Just("}".to_owned()),
            Just("[".to_owned()),
            Just("]".to_owned()),
            Just("\"".to_owned()),
            Just(":".to_owned()),
            Just(",".to_owned()),
            Just("%".to_owned()),
            Just("\"v\":1".to_owned()),
            Just("\"t\":".to_owned()),
            Just("\"c\":{".to_owned()),
            Just("true".to_owned()),
            Just("null".to_owned()),
            Just("%7B".to_owned()),
            Just("%22".to_owned()),
            "[0-9]{1,20}",
            "\\PC{0,4}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_cookie_value_decodes_or_is_refused(value in prop_oneof!["\\PC{0,300}", jsonish()]) {
        let charter = Preset::Default.charter(json::parse);
        let expect = Expectations { now: NOW, lifetime_days: 182, charter: &charter };
        let _ = cookie_codec::decode(&value, &expect, json::parse);
        let _ = cookie_codec::resolve(&[value.as_str(), value.as_str()], &expect, json::parse);
    }

    #[test]
    fn encode_then_decode_is_identity(
        preset in 0usize..Preset::ALL.len(),
        accepted in any::<u16>(),
        age in 0u64..(182 * 86_400),
        receipt in prop::option::of("[A-Za-z0-9-]{1,64}"),
    ) {
        let charter = Preset::ALL[preset].charter(json::parse);
        let ids: Vec<String> = charter.categories.iter().map(|c| c.id.clone()).collect();
        let mut choice = Choice::new(&charter, NOW - age, |id| {
            ids.iter().position(|i| i == id).is_some_and(|at| accepted & (1 << at) != 0)
        });
        choice.receipt = receipt;
        let value = cookie_codec::encode(&choice, &charter);
        prop_assert!(value.len() <= cookie_codec::MAX_VALUE_LEN);
        let expect = Expectations { now: NOW, lifetime_days: 182, charter: &charter };
        prop_assert_eq!(cookie_codec::decode(&value, &expect, json::parse), Ok(choice));
    }

    #[test]
    fn any_charter_json_parses_or_names_its_problems(json in prop_oneof!["\\PC{0,400}", jsonish()]) {
        if let Err(problems) = charter_json::parse(&json, json::parse) {
            prop_assert!(!problems.is_empty());
            prop_assert!(problems.iter().all(|p| !p.path.is_empty() && !p.problem.is_empty()));
        }
    }

    #[test]
    fn mutated_preset_json_never_panics(cut in 0usize..4000, insert in "\\PC{0,8}") {
        let json = Preset::SaintNazaire.json();
        let mut at = cut.min(json.len());
        while !json.is_char_boundary(at) { at -= 1; }
        let mutated = format!("{}{}{}", &json[..at], insert, &json[at..]);
        let _ = charter_json::parse(&mutated, json::parse);
        let _ = charter_json::parse(&json[..at], json::parse);
    }

    #[test]
    fn pattern_matching_and_erasing_never_panic(
        pattern in "[a-z_.*]{0,12}", name in "[a-z_.]{0,16}",
        header in "\\PC{0,200}", host in "[a-z0-9.-]{0,40}",
    ) {
        let _ = cookie_patterns::matches(&pattern, &name);
        let assignments = cookie_patterns::Reach::new(&host, "/a/b", None).erase_matching(&header, &[pattern.as_str()], &[], "cc_choice");
        prop_assert!(assignments.iter().all(|a| !a.starts_with("cookies_preferences=") && !a.starts_with("cc_choice=")));
    }

    #[test]
    fn any_attributes_give_a_safe_configuration(
        src in "\\PC{0,60}", days in "\\PC{0,8}", lang in "\\PC{0,8}", domain in "\\PC{0,30}",
    ) {
        let raw = RawConfig {
            audience_src: Some(src), consent_days: Some(days), lang: Some(lang),
            cookie_domain: Some(domain), host: "data.example.fr".into(), ..RawConfig::default()
        };
        let (config, errors) = config::validate(&raw);
        // The first layer's check, which keeps no error, decides the same.
        let mut refused = false;
        prop_assert_eq!(&config::check(&raw, &mut refused), &config);
        prop_assert_eq!(refused, !errors.is_empty());
        prop_assert!((1..=config::MAX_CONSENT_DAYS).contains(&config.consent_days));
        if let Some(src) = &config.audience_src {
            let lower = src.to_ascii_lowercase();
            let scheme = lower.split(['/', '?', '#']).next().unwrap_or("");
            prop_assert!(!scheme.contains(':') || scheme == "http:" || scheme == "https:", "{}", src);
        }
    }
}

#[test]
fn every_preset_written_back_as_json_reads_the_same() {
    for preset in Preset::ALL {
        let tree = json::parse(preset.json()).unwrap();
        assert_eq!(
            charter_json::parse(&tree.to_text(), json::parse),
            Ok(preset.charter(json::parse)),
            "{preset:?}"
        );
    }
}

#[test]
fn the_same_choice_always_encodes_the_same() {
    // The codec sorts categories: the same choice always encodes to the same value.
    let mut a = Decisions::new();
    a.insert("b".to_owned(), true);
    a.insert("a".to_owned(), false);
    let choice = Choice {
        categories: a,
        decided_at: NOW,
        revision: "x".into(),
        receipt: None,
    };
    let charter = Preset::Default.charter(json::parse);
    assert_eq!(
        cookie_codec::encode(&choice, &charter),
        cookie_codec::encode(&choice.clone(), &charter)
    );
}
