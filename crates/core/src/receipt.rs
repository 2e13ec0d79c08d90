//! The consent receipt: a record of one choice that a portal can keep as proof of consent
//! (random id, when, which charter revision, what was chosen, in which language, on which page).

use super::consent::{Choice, Decisions, UnixSeconds};
use super::i18n::Lang;
use super::json::{self, Json, Reader, ROOT};
use super::text::text;

/// A consent receipt, as kept in the browser and sent to `data-receipt-url`. In JSON:
/// `{"id","decidedAt","revision","choices":{"<category>":<bool>,…},"lang","page"}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// Random id, also stored in the `cookies_preferences` cookie (`i`).
    pub id: String,
    /// When the choice was made, Unix seconds.
    pub decided_at: UnixSeconds,
    /// The charter revision answered.
    pub revision: String,
    /// Every category and whether it was accepted.
    pub choices: Decisions,
    /// The language the texts were shown in.
    pub lang: String,
    /// The page the choice was made on, without query or fragment.
    pub page: String,
}

/// What the banner tells the register when it shows itself, so that "no decision" has a
/// denominator: `{"revision","lang"}` and nothing that could tell one visitor from another.
pub fn impression_json(revision: &str, lang: Lang) -> String {
    // A revision is hexadecimal digits and a language tag letters: nothing to escape.
    text!(
        "{\"revision\":\"",
        revision,
        "\",\"lang\":\"",
        lang.tag(),
        "\"}"
    )
}

impl Receipt {
    /// The receipt of `choice`, made on `page_url` in `lang`, under `id`.
    pub fn new(id: &str, choice: &Choice, lang: Lang, page_url: &str) -> Receipt {
        Receipt {
            id: id.to_owned(),
            decided_at: choice.decided_at,
            revision: choice.revision.clone(),
            choices: choice.categories.clone(),
            lang: lang.tag().to_owned(),
            page: page_without_query(page_url).to_owned(),
        }
    }

    /// The receipt as JSON text.
    pub fn to_json(&self) -> String {
        json::object(vec![
            ("id", Json::String(self.id.clone())),
            ("decidedAt", Json::Number(self.decided_at as f64)),
            ("revision", Json::String(self.revision.clone())),
            ("choices", json::boolean_map(self.choices.pairs())),
            ("lang", Json::String(self.lang.clone())),
            ("page", Json::String(self.page.clone())),
        ])
        .to_text()
    }

    /// The receipt `text` holds (as [`Receipt::to_json`] writes it), if it is one; read with
    /// `parse_json`, the platform's parser.
    pub fn from_json(text: &str, parse_json: json::Parser) -> Option<Receipt> {
        let value = parse_json(text).ok()?;
        let mut r = Reader::default();
        let o = r.object(
            &value,
            ROOT,
            &["id", "decidedAt", "revision", "choices", "lang", "page"],
        )?;
        let receipt = Receipt {
            id: r.required_string(&o, "id")?,
            decided_at: r.field(&o, "decidedAt", true, Reader::whole_number)?,
            revision: r.required_string(&o, "revision")?,
            choices: Decisions::from_pairs(r.field(&o, "choices", true, Reader::boolean_map)?),
            lang: r.required_string(&o, "lang")?,
            page: r.required_string(&o, "page")?,
        };
        r.finish(Some(receipt)).ok()
    }
}

/// `url` without its query string and fragment (they may carry personal data).
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
pub fn page_without_query(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    &url[..end]
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn an_impression_says_the_revision_and_language_and_nothing_else() {
        let revision = crate::presets::Preset::Default
            .charter(json::parse)
            .revision();
        let text = impression_json(&revision, Lang::En);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value,
            serde_json::json!({ "revision": revision, "lang": "en" })
        );
    }

    #[test]
    fn strips_query_and_fragment() {
        assert_eq!(
            page_without_query("https://data.example.fr/explore/?q=nom%20pr%C3%A9nom#x"),
            "https://data.example.fr/explore/"
        );
        assert_eq!(
            page_without_query("https://data.example.fr/#a?b"),
            "https://data.example.fr/"
        );
        assert_eq!(
            page_without_query("https://data.example.fr/page"),
            "https://data.example.fr/page"
        );
    }

    #[test]
    fn records_the_choice() {
        let choice = Choice::new(
            &crate::presets::Preset::Default.charter(crate::json::parse),
            1_790_000_000,
            |_| true,
        );
        let receipt = Receipt::new(
            "abc-1",
            &choice,
            Lang::En,
            "https://d.example.fr/p?email=x@y.fr",
        );
        assert_eq!(receipt.page, "https://d.example.fr/p");
        assert_eq!(receipt.lang, "en");
        assert_eq!(receipt.choices.get("audience"), Some(true));
        let json = receipt.to_json();
        assert!(json.contains(r#""decidedAt":1790000000"#), "{json}");
        assert_eq!(Receipt::from_json(&json, json::parse), Some(receipt));
        assert_eq!(Receipt::from_json(r#"{"id":"a"}"#, json::parse), None);
        assert_eq!(Receipt::from_json("not json", json::parse), None);
    }
}
