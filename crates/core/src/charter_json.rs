//! Reading a charter from JSON (a portal's `data-charter` file or inline config block), with
//! errors that name the field and say what was expected.
//!
//! The format is documented in `docs/charter.schema.json` and `docs/charters.md`.

use std::cmp::Ordering;

use super::charter::{Category, Charter, CookieRow, Section, Service, Text, AUDIENCE};
use super::i18n::Lang;
use super::json::{self, FieldError, Json, Reader, ROOT};
use super::quote::quoted;
use super::services;
use super::text::{text, Names};
use super::url::check_url;

/// Longest JSON document read.
pub const MAX_JSON_LEN: usize = 256 * 1024;
/// Longest text (one language of one field).
pub const MAX_TEXT_LEN: usize = 2000;
/// Most categories in a charter.
pub const MAX_CATEGORIES: usize = 16;
/// Most cookie rows in a charter.
pub const MAX_COOKIES: usize = 200;
/// Most services a category may group.
pub const MAX_SERVICES: usize = 16;

/// One thing wrong with a charter: where (`cookies[2].category`) and what.
pub type CharterError = FieldError;

fn error(path: impl Into<String>, problem: impl Into<String>) -> CharterError {
    CharterError {
        path: path.into(),
        problem: problem.into(),
    }
}

/// Parses (with `parse_json`, the platform's parser) and validates a charter. On failure,
/// every problem found.
pub fn parse(text: &str, parse_json: json::Parser) -> Result<Charter, Vec<CharterError>> {
    if text.len() > MAX_JSON_LEN {
        return Err(vec![error(
            ROOT,
            text!(
                "the document is ",
                text.len(),
                " bytes, at most ",
                MAX_JSON_LEN,
                " are read"
            ),
        )]);
    }
    let json = parse_json(text).map_err(|why| vec![error(ROOT, text!("not JSON: ", why))])?;
    let charter = from_json(&json)?;
    let problems = validate(&charter);
    if problems.is_empty() {
        Ok(charter)
    } else {
        Err(problems)
    }
}

/// Reads a charter out of a JSON tree: the fields of each object, of the right types, none
/// unknown (the rules across fields are [`validate`]'s). A field that cannot be read is
/// reported and read as its default, so that one pass finds every problem.
pub fn from_json(json: &Json) -> Result<Charter, Vec<CharterError>> {
    let mut r = Reader::default();
    let charter = read_charter(&mut r, json);
    r.finish(charter)
}

fn read_charter(r: &mut Reader, value: &Json) -> Option<Charter> {
    let o = r.object(
        value,
        ROOT,
        &["portal", "url", "intro", "categories", "cookies"],
    )?;
    Some(Charter {
        portal: r.required_string(&o, "portal").unwrap_or_default(),
        url: r.optional_string(&o, "url"),
        intro: r.field(&o, "intro", false, |r, v, path| {
            r.array(v, path, read_section)
        }),
        categories: r.list(&o, "categories", true, read_category),
        cookies: r.list(&o, "cookies", true, read_cookie_row),
    })
}

fn read_text(r: &mut Reader, value: &Json, path: &str) -> Option<Text> {
    let o = r.object(value, path, &Lang::TAGS)?;
    let mut text = Text {
        fr: r.required_string(&o, "fr").unwrap_or_default(),
        translations: Vec::new(),
    };
    for lang in &Lang::ALL[1..] {
        if let Some(translation) = r.optional_string(&o, lang.tag()) {
            text.translations.push((*lang, translation));
        }
    }
    Some(text)
}

fn read_section(r: &mut Reader, value: &Json, path: &str) -> Option<Section> {
    let o = r.object(value, path, &["heading", "paragraphs", "items"])?;
    Some(Section {
        heading: r.field(&o, "heading", false, read_text),
        paragraphs: r.list(&o, "paragraphs", false, read_text),
        items: r.list(&o, "items", false, read_text),
    })
}

fn read_category(r: &mut Reader, value: &Json, path: &str) -> Option<Category> {
    let o = r.object(
        value,
        path,
        &[
            "id",
            "required",
            "title",
            "heading",
            "description",
            "erase",
            "services",
        ],
    )?;
    Some(Category {
        id: r.required_string(&o, "id").unwrap_or_default(),
        required: r
            .field(&o, "required", false, Reader::boolean)
            .unwrap_or(false),
        title: r.field(&o, "title", true, read_text).unwrap_or_default(),
        heading: r.field(&o, "heading", false, read_text),
        description: r
            .field(&o, "description", false, read_text)
            .unwrap_or_default(),
        erase: r.list(&o, "erase", false, Reader::string),
        services: r.list(&o, "services", false, read_service),
    })
}

/// A service: a built-in one by id (`"youtube"`), or an object: a built-in one's id with
/// what differs (its `script`, say), or a service described in full.
fn read_service(r: &mut Reader, value: &Json, path: &str) -> Option<Service> {
    if let Json::String(id) = value {
        let found = services::built_in(id);
        if found.is_none() {
            r.problems.push(error(
                path,
                text!(
                    quoted(id),
                    " is not a built-in service (expected one of: ",
                    services::built_in_ids(),
                    ", or an object)"
                ),
            ));
        }
        return found;
    }
    let o = r.object(
        value,
        path,
        &["id", "name", "provider", "cookies", "script"],
    )?;
    let id = r.required_string(&o, "id").unwrap_or_default();
    let base = services::built_in(&id);
    let known = base.is_some();
    let mut service = base.unwrap_or(Service {
        id,
        name: Text::default(),
        provider: String::new(),
        cookies: Vec::new(),
        script: None,
    });
    if let Some(name) = r.field(&o, "name", !known, read_text) {
        service.name = name;
    }
    if let Some(provider) = r.optional_string(&o, "provider") {
        service.provider = provider;
    }
    if o.get("cookies").is_some() {
        service.cookies = r.list(&o, "cookies", false, Reader::string);
    }
    service.script = r.optional_string(&o, "script");
    Some(service)
}

fn read_cookie_row(r: &mut Reader, value: &Json, path: &str) -> Option<CookieRow> {
    let o = r.object(
        value,
        path,
        &[
            "category", "provider", "service", "name", "purpose", "lifetime", "consent",
        ],
    )?;
    Some(CookieRow {
        category: r.required_string(&o, "category").unwrap_or_default(),
        provider: r.optional_string(&o, "provider").unwrap_or_default(),
        service: r.field(&o, "service", true, read_text).unwrap_or_default(),
        name: r.optional_string(&o, "name").unwrap_or_default(),
        purpose: r.field(&o, "purpose", true, read_text).unwrap_or_default(),
        lifetime: r.field(&o, "lifetime", false, read_text),
        holds_choice: r.field(&o, "consent", false, Reader::boolean) == Some(true),
    })
}

/// Characters allowed in a cookie name (RFC 6265 token), plus `*` as a wildcard.
fn is_cookie_name_char(c: char) -> bool {
    // Bytes, not `str::contains(char)`: for a non-ASCII char that brings the standard
    // library's substring searcher into the first layer.
    c.is_ascii_alphanumeric() || (c.is_ascii() && b"!#$%&'*+-.^_`|~".contains(&(c as u8)))
}

fn is_category_id(id: &str) -> bool {
    let mut chars = id.chars();
    id.len() <= 32
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Checks text `field` of the object at `path` (`categories[0]`, `.title`): French present
/// (when `required`), every language short and free of control characters other than
/// newlines. The field's path is only written for a problem found.
fn check_text(
    text: &Text,
    (path, field): (&str, &str),
    required: bool,
    problems: &mut Vec<CharterError>,
) {
    if required && text.fr.trim().is_empty() {
        problems.push(error(text!(path, field, ".fr"), "must not be empty"));
    }
    check_translation(Lang::Fr, &text.fr, (path, field), problems);
    for (lang, value) in &text.translations {
        check_translation(*lang, value, (path, field), problems);
    }
}

/// Checks one language of a text: short, free of control characters other than newlines.
fn check_translation(
    lang: Lang,
    value: &str,
    (path, field): (&str, &str),
    problems: &mut Vec<CharterError>,
) {
    let lang = lang.tag();
    if value.chars().count() > MAX_TEXT_LEN {
        problems.push(error(
            text!(path, field, ".", lang),
            text!("is longer than ", MAX_TEXT_LEN, " characters"),
        ));
    }
    if value.chars().any(|c| c.is_control() && c != '\n') {
        problems.push(error(
            text!(path, field, ".", lang),
            "contains control characters",
        ));
    }
}

/// A cookie name pattern to erase: a name, `*` allowed after its first character.
fn check_pattern(pattern: &str, path: &str, problems: &mut Vec<CharterError>) {
    let well_formed = pattern.len() <= 128 && pattern.chars().all(is_cookie_name_char);
    if !well_formed || pattern.is_empty() || pattern.starts_with('*') {
        problems.push(error(
            path,
            text!(
                quoted(pattern),
                " is not a cookie name pattern (a name, `*` allowed after its first character)"
            ),
        ));
    }
}

/// The services of category `i`: an optional category's, each with an id of its own in the
/// whole charter (no other service's, no category's), a name and cookie name patterns.
fn check_services(charter: &Charter, i: usize, problems: &mut Vec<CharterError>) {
    let category = &charter.categories[i];
    if category.required && !category.services.is_empty() {
        problems.push(error(
            text!("categories[", i, "].services"),
            "a required category has no services to choose from",
        ));
    }
    if category.services.len() > MAX_SERVICES {
        problems.push(error(
            text!("categories[", i, "].services"),
            text!("has more than ", MAX_SERVICES, " services"),
        ));
    }
    for (j, service) in category.services.iter().enumerate() {
        let path = text!("categories[", i, "].services[", j, "]");
        // Taken by a category, or by a service before this one (plain loops: an iterator
        // chain here costs the first layer more code).
        let mut taken = false;
        for (k, c) in charter.categories.iter().enumerate() {
            taken |= c.id == service.id;
            let earlier = match k.cmp(&i) {
                Ordering::Less => &c.services[..],
                Ordering::Equal => &c.services[..j],
                Ordering::Greater => &[],
            };
            for s in earlier {
                taken |= s.id == service.id;
            }
        }
        if !is_category_id(&service.id) || taken {
            problems.push(error(
                text!(path, ".id"),
                text!(
                    quoted(&service.id),
                    " is not a service id of its own: a lower-case letter, then letters, \
                     digits, _ or - (32 at most), used by no other service or category"
                ),
            ));
        }
        check_text(&service.name, (&path, ".name"), true, problems);
        if service.provider.chars().count() > 200 || service.provider.chars().any(char::is_control)
        {
            problems.push(error(text!(path, ".provider"), "must be one short line"));
        }
        for (k, pattern) in service.cookies.iter().enumerate() {
            check_pattern(pattern, &text!(path, ".cookies[", k, "]"), problems);
        }
        if let Some(Err(why)) = service.script.as_deref().map(check_url) {
            problems.push(error(text!(path, ".script"), text!(why)));
        }
    }
}

/// Every rule the types alone do not enforce.
pub fn validate(charter: &Charter) -> Vec<CharterError> {
    let mut problems = Vec::new();
    if charter.portal.trim().is_empty() {
        problems.push(error("portal", "must not be empty"));
    }
    if charter.portal.chars().count() > 200 {
        problems.push(error("portal", "is longer than 200 characters"));
    }
    if let Some(url) = &charter.url {
        let absolute = url.starts_with("https://") || url.starts_with("http://");
        if check_url(url).is_err() || !absolute {
            problems.push(error("url", "must be an absolute http(s) URL"));
        }
    }
    for (i, section) in charter.intro.iter().flatten().enumerate() {
        if let Some(heading) = &section.heading {
            check_text(
                heading,
                (&text!("intro[", i, "]"), ".heading"),
                true,
                &mut problems,
            );
        }
        for (j, p) in section.paragraphs.iter().enumerate() {
            check_text(
                p,
                (&text!("intro[", i, "].paragraphs[", j, "]"), ""),
                true,
                &mut problems,
            );
        }
        for (j, item) in section.items.iter().enumerate() {
            check_text(
                item,
                (&text!("intro[", i, "].items[", j, "]"), ""),
                true,
                &mut problems,
            );
        }
    }

    if charter.categories.is_empty() {
        problems.push(error("categories", "must list at least one category"));
    }
    if charter.categories.len() > MAX_CATEGORIES {
        problems.push(error(
            "categories",
            text!("has more than ", MAX_CATEGORIES, " categories"),
        ));
    }
    // Ids are compared with the first MAX_CATEGORIES categories only: beyond them the charter is
    // refused already, and this keeps the checks linear in the size of the document.
    let known = &charter.categories[..charter.categories.len().min(MAX_CATEGORIES)];
    for (i, category) in charter.categories.iter().enumerate() {
        let path = text!("categories[", i, "]");
        if !is_category_id(&category.id) {
            problems.push(error(
                text!(path, ".id"),
                text!(
                    quoted(&category.id),
                    " is not an id: expected a lower-case letter, then letters, digits, _ or - \
                     (32 at most)"
                ),
            ));
        }
        if known[..i.min(known.len())]
            .iter()
            .any(|c| c.id == category.id)
        {
            problems.push(error(
                text!(path, ".id"),
                text!(quoted(&category.id), " is used twice"),
            ));
        }
        if category.id == AUDIENCE && category.required {
            problems.push(error(
                text!(path, ".required"),
                "audience measurement needs consent: it cannot be required",
            ));
        }
        check_text(&category.title, (&path, ".title"), true, &mut problems);
        if let Some(heading) = &category.heading {
            check_text(heading, (&path, ".heading"), true, &mut problems);
        }
        check_text(
            &category.description,
            (&path, ".description"),
            false,
            &mut problems,
        );
        for (j, pattern) in category.erase.iter().enumerate() {
            check_pattern(pattern, &text!(path, ".erase[", j, "]"), &mut problems);
        }
        check_services(charter, i, &mut problems);
    }

    if charter.cookies.len() > MAX_COOKIES {
        problems.push(error(
            "cookies",
            text!("has more than ", MAX_COOKIES, " rows"),
        ));
    }
    for (i, row) in charter.cookies.iter().enumerate() {
        let path = text!("cookies[", i, "]");
        if !known.iter().any(|c| c.id == row.category) {
            problems.push(error(
                text!(path, ".category"),
                text!(
                    quoted(&row.category),
                    " is not a category of this charter (expected one of: ",
                    Names(&charter.categories, |c| &c.id),
                    ")"
                ),
            ));
        }
        if row.name.len() > 128 || !row.name.chars().all(is_cookie_name_char) {
            problems.push(error(
                text!(path, ".name"),
                text!(
                    quoted(&row.name),
                    " is not a cookie name (letters, digits, !#$%&'*+-.^_`|~, 128 at most)"
                ),
            ));
        }
        if row.provider.chars().count() > 200 || row.provider.chars().any(char::is_control) {
            problems.push(error(text!(path, ".provider"), "must be one short line"));
        }
        check_text(&row.service, (&path, ".service"), true, &mut problems);
        check_text(&row.purpose, (&path, ".purpose"), true, &mut problems);
        if let Some(lifetime) = &row.lifetime {
            check_text(lifetime, (&path, ".lifetime"), true, &mut problems);
        }
    }
    problems
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn minimal() -> String {
        r#"{
          "portal": "data.example.fr",
          "categories": [
            {"id": "necessary", "required": true, "title": {"fr": "Nécessaires"}},
            {"id": "audience", "title": {"fr": "Mesure d'audience", "en": "Audience"}}
          ],
          "cookies": [
            {"category": "necessary", "provider": "Ex", "service": {"fr": "Session"},
             "name": "sid", "purpose": {"fr": "Garder la session"}},
            {"category": "audience", "service": {"fr": "Statistiques"}, "name": "_pk_id.*",
             "purpose": {"fr": "Compter les visites"}, "lifetime": {"fr": "13 mois", "en": "13 months"}}
          ]
        }"#
        .to_owned()
    }

    /// Parses with serde_json, as every native test does.
    fn parse(text: &str) -> Result<Charter, Vec<CharterError>> {
        super::parse(text, json::parse)
    }

    fn problems(json: &str) -> Vec<String> {
        parse(json)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn parses_a_minimal_charter() {
        let charter = parse(&minimal()).unwrap();
        assert_eq!(charter.portal, "data.example.fr");
        assert_eq!(charter.cookies[1].name, "_pk_id.*");
        assert_eq!(charter.cookies[0].lifetime, None);
        assert!(
            !charter.categories[1].required,
            "required defaults to false"
        );
        assert_eq!(charter.intro, None);
    }

    #[test]
    fn syntax_and_type_errors_name_the_field() {
        assert_eq!(problems("{").len(), 1);
        assert!(
            problems("{")[0].starts_with("$: not JSON: "),
            "{:?}",
            problems("{")
        );
        assert_eq!(problems("42"), ["$: expected an object, found a number"]);
        let wrong_type = minimal().replace(r#""name": "sid""#, r#""name": 42"#);
        assert!(
            problems(&wrong_type)[0] == "cookies[0].name: expected a string, found a number",
            "{:?}",
            problems(&wrong_type)
        );
        let missing = minimal().replace(r#""portal": "data.example.fr","#, "");
        assert!(
            problems(&missing)[0] == "$: missing field `portal`",
            "{:?}",
            problems(&missing)
        );
        let unknown = minimal().replace(r#""portal""#, r#""colour": "red", "portal""#);
        assert!(
            problems(&unknown)[0].contains("unknown field `colour`"),
            "{:?}",
            problems(&unknown)
        );
        let text_as_string = minimal().replace(
            r#""title": {"fr": "Nécessaires"}"#,
            r#""title": "Nécessaires""#,
        );
        assert_eq!(
            problems(&text_as_string),
            ["categories[0].title: expected an object, found a string"]
        );
    }

    #[test]
    fn every_shape_error_is_reported_in_one_pass() {
        let json = minimal()
            .replace(r#""name": "sid""#, r#""name": 42"#)
            .replace(r#""required": true"#, r#""required": "yes""#)
            .replace(r#""fr": "Compter les visites""#, r#""en": "Count visits""#)
            .replace(r#""cookies": ["#, r#""intro": {}, "cookies": ["#);
        assert_eq!(
            problems(&json),
            [
                "intro: expected an array, found an object",
                "categories[0].required: expected true or false, found a string",
                "cookies[0].name: expected a string, found a number",
                "cookies[1].purpose: missing field `fr`",
            ]
        );
    }

    #[test]
    fn an_empty_key_is_reported_at_the_document() {
        // Found by tests/parsers_fuzz.rs: an empty field name gave an empty path.
        let found = problems(r#"{"":1}"#);
        assert!(found[0].starts_with("$: unknown field ``"), "{found:?}");
        assert!(!problems(r#"{""v":1"#)[0].starts_with(':'));
    }

    #[test]
    fn rule_errors_are_all_reported() {
        let json = minimal()
            .replace(r#""category": "audience""#, r#""category": "stats""#)
            .replace(r#""name": "sid""#, r#""name": "s;id""#)
            .replace(
                r#""portal": "data.example.fr""#,
                r#""portal": " ", "url": "javascript:alert(1)""#,
            );
        let found = problems(&json);
        assert!(
            found.iter().any(
                |p| p.starts_with("cookies[1].category: \"stats\" is not a category")
                    && p.contains("necessary, audience")
            ),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p.starts_with("cookies[0].name:")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("portal: must not be empty")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("url: must be an absolute http(s) URL")),
            "{found:?}"
        );
    }

    #[test]
    fn audience_cannot_be_required() {
        let json = minimal().replace(
            r#"{"id": "audience","#,
            r#"{"id": "audience", "required": true,"#,
        );
        assert_eq!(
            problems(&json),
            ["categories[1].required: audience measurement needs consent: it cannot be required"]
        );
    }

    #[test]
    fn category_ids_are_checked_and_unique() {
        let json = minimal().replace(r#""id": "audience""#, r#""id": "necessary""#);
        assert!(problems(&json)
            .iter()
            .any(|p| p == "categories[1].id: \"necessary\" is used twice"));
        let json = minimal().replace(r#""id": "audience""#, r#""id": "Audience Stats""#);
        assert!(problems(&json)[0].starts_with("categories[1].id: \"Audience Stats\" is not an id"));
        let json = minimal().replace(r#""categories": ["#, r#""categories": [], "unused": ["#);
        assert!(parse(&json).is_err());
    }

    #[test]
    fn erase_patterns_must_start_with_a_name() {
        let json = minimal().replace(
            r#"{"id": "audience","#,
            r#"{"id": "audience", "erase": ["_ga", "*"],"#,
        );
        assert_eq!(problems(&json).len(), 1);
        assert!(problems(&json)[0].starts_with("categories[1].erase[1]:"));
        let json = minimal().replace(
            r#"{"id": "audience","#,
            r#"{"id": "audience", "erase": ["_ga_*", "_pk_id.*"],"#,
        );
        assert_eq!(
            parse(&json).unwrap().categories[1].erase,
            ["_ga_*", "_pk_id.*"]
        );
    }

    #[test]
    fn empty_or_oversized_texts_are_refused() {
        let json = minimal().replace(
            r#""purpose": {"fr": "Garder la session"}"#,
            r#""purpose": {"fr": "  "}"#,
        );
        assert_eq!(
            problems(&json),
            ["cookies[0].purpose.fr: must not be empty"]
        );
        let long = "x".repeat(MAX_TEXT_LEN + 1);
        let json = minimal().replace("Garder la session", &long);
        assert_eq!(
            problems(&json),
            [format!(
                "cookies[0].purpose.fr: is longer than {MAX_TEXT_LEN} characters"
            )]
        );
        let huge = " ".repeat(MAX_JSON_LEN + 1);
        assert!(problems(&huge)[0].starts_with("$: the document is"));
    }

    #[test]
    fn markup_in_texts_is_kept_as_text() {
        // The components render texts as text nodes; the parser must not alter or refuse them.
        let json = minimal().replace(
            "Garder la session",
            r#"<img src=x onerror=alert(1)><script>alert(2)</script>"#,
        );
        let charter = parse(&json).unwrap();
        assert_eq!(
            charter.cookies[0].purpose.fr,
            "<img src=x onerror=alert(1)><script>alert(2)</script>"
        );
    }

    #[test]
    fn services_are_built_in_by_id_or_described_and_checked() {
        let with = |services: &str| {
            let json = minimal().replacen(
                r#""categories": ["#,
                &format!(r#""categories": [{{"id": "embeds", "title": {{"fr": "Contenus"}}, "services": {services}}},"#),
                1,
            );
            super::parse(&json, json::parse)
        };
        let charter = with(r#"["youtube", {"id": "carto", "name": {"fr": "Carte", "de": "Karte"}, "provider": "Région", "cookies": ["carto_*"]}]"#).unwrap();
        let services = &charter.categories[0].services;
        assert_eq!(services[0].id, "youtube");
        assert_eq!(services[0].provider, "Google");
        assert!(services[0].cookies.iter().any(|c| c == "YSC"));
        assert_eq!(services[1].name.get(crate::i18n::Lang::De), "Karte");
        assert!(charter.erase_patterns("carto").contains(&"carto_*"));
        assert!(
            charter.erase_patterns("embeds").contains(&"YSC"),
            "a category's erasure covers its services"
        );

        for (bad, path) in [
            (r#"["tiktok"]"#, "categories[0].services[0]"),
            (r#"["youtube", "youtube"]"#, "categories[0].services[1].id"),
            (
                r#"[{"id": "audience", "name": {"fr": "x"}}]"#,
                "categories[0].services[0].id",
            ),
            (
                r#"[{"id": "Carto", "name": {"fr": "x"}}]"#,
                "categories[0].services[0].id",
            ),
            (
                r#"[{"id": "carto", "name": {"fr": ""}}]"#,
                "categories[0].services[0].name.fr",
            ),
            (
                r#"[{"id": "carto", "name": {"fr": "x"}, "cookies": ["*x"]}]"#,
                "categories[0].services[0].cookies[0]",
            ),
        ] {
            let problems = with(bad).unwrap_err();
            assert!(
                problems.iter().any(|p| p.path.ends_with(path)),
                "{bad}: {problems:?}"
            );
        }
        // A service an earlier category already has: the later one is refused, not the first.
        let json = minimal().replacen(
            r#""categories": ["#,
            r#""categories": [{"id": "embeds", "title": {"fr": "Contenus"}, "services": ["youtube", "umap"]}, {"id": "videos", "title": {"fr": "Vidéos"}, "services": ["dailymotion", "youtube"]},"#,
            1,
        );
        let problems = super::parse(&json, json::parse).unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["categories[1].services[1].id"], "{problems:?}");

        // A built-in service's id with what differs: its script here, the rest built in.
        let charter = with(
            r#"[{"id": "matomo", "script": "https://stats.example.fr/matomo.js"}, {"id": "carto", "name": {"fr": "Carte"}, "script": "/carte.js"}]"#,
        )
        .unwrap();
        let services = &charter.categories[0].services;
        assert_eq!(services[0].provider, "InnoCraft");
        assert!(services[0].cookies.iter().any(|c| c == "_pk_id.*"));
        assert_eq!(
            services[0].script.as_deref(),
            Some("https://stats.example.fr/matomo.js")
        );
        assert_eq!(services[1].script.as_deref(), Some("/carte.js"));
        assert_eq!(
            with(r#"[{"id": "vimeo", "cookies": []}]"#)
                .unwrap()
                .categories[0]
                .services[0]
                .cookies,
            Vec::<String>::new(),
            "a built-in's cookies may be replaced"
        );
        for bad in [
            "javascript:alert(1)",
            " /carte.js",
            "data:text/javascript,1",
            "",
        ] {
            let json =
                format!(r#"[{{"id": "carto", "name": {{"fr": "Carte"}}, "script": "{bad}"}}]"#);
            let problems = with(&json).unwrap_err();
            assert!(
                problems
                    .iter()
                    .any(|p| p.path.ends_with("categories[0].services[0].script")),
                "{bad}: {problems:?}"
            );
        }
        assert!(
            with(r#"[{"id": "carto"}]"#)
                .unwrap_err()
                .iter()
                .any(|p| p.problem.contains("missing field `name`")),
            "a service of the charter's own needs its name"
        );

        let required = minimal().replacen(
            r#""required": true"#,
            r#""required": true, "services": ["matomo"]"#,
            1,
        );
        let problems = super::parse(&required, json::parse).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.problem.contains("required category")),
            "{problems:?}"
        );
    }
}
