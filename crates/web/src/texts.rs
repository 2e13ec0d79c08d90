//! The built-in texts a page shows: French at once (built in), another language from the
//! page, which loads its `cookie-charter-lang-<tag>.js` module (see `view::PageRequests`).
//! The first layer reads only its own sentences (banner, panel), with the browser's `JSON.parse` (no reader
//! of its own); the Yew UI reads the whole file from the JSON handed over. Whatever goes wrong,
//! the French texts are shown: a banner in the wrong language beats no banner, and nothing
//! optional depends on the language.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Reflect, JSON};
use wasm_bindgen::JsValue;

use cookie_charter_core::i18n::{BannerTexts, Lang, FRENCH_FIRST_LAYER};
use cookie_charter_core::text::text;

use super::{console, tasks};

/// Texts to show, with their JSON (handed to the Yew UI).
#[derive(Clone)]
pub struct LoadedTexts {
    /// The first layer's sentences.
    pub texts: Rc<BannerTexts>,
    /// The whole texts file, as JSON; `None` for French, which the Yew UI carries.
    pub json: Option<Rc<str>>,
}

/// How the page is asked for the texts of a language: `done` gets their JSON, or `None` when
/// they could not be loaded.
pub type TextsRequest = Rc<dyn Fn(Lang, Box<dyn FnOnce(Option<String>)>)>;

/// The first layer's sentences of the texts file `json` of `lang`, if it is one: JSON, of that
/// language, with every banner and panel sentence a non-empty string (`core::i18n`'s tests
/// check every file in full).
fn banner(lang: Lang, json: &str) -> Option<BannerTexts> {
    let tree = JSON::parse(json).ok()?;
    let string = |object: &JsValue, key: &str| {
        Reflect::get(object, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|v| !v.trim().is_empty())
    };
    if string(&tree, "lang").as_deref() != Some(lang.tag()) {
        return None;
    }
    let banner = Reflect::get(&tree, &"banner".into()).ok()?;
    let panel = Reflect::get(&tree, &"panel".into()).ok()?;
    BannerTexts::read(lang, |member, key| {
        string(if member == "banner" { &banner } else { &panel }, key)
    })
}

/// The texts file `json` of `lang`, if it is one: JSON, of that language, with every banner
/// sentence a non-empty string.
pub fn read(lang: Lang, json: &str) -> Option<LoadedTexts> {
    Some(LoadedTexts {
        texts: Rc::new(banner(lang, json)?),
        json: Some(json.into()),
    })
}

/// The French texts, built in.
pub fn french() -> LoadedTexts {
    // Checked natively by core::i18n's tests: always readable.
    LoadedTexts {
        texts: Rc::new(banner(Lang::Fr, FRENCH_FIRST_LAYER).unwrap_or_default()),
        json: None,
    }
}

/// What [`load`] calls once with the texts to show.
type Done = Box<dyn FnOnce(LoadedTexts)>;

/// How long a language's texts may take to arrive before the banner shows in French: a module
/// that never answers must not leave the page without a banner.
pub const TEXTS_TIMEOUT_MS: i32 = 3000;

/// Gives `done` the texts of `lang`: French at once, another language once the page has
/// loaded them (French, with a console error, if it could not, they are not usable, or they
/// did not arrive within [`TEXTS_TIMEOUT_MS`]; whatever comes later is ignored).
pub fn load(lang: Lang, request: &TextsRequest, done: impl FnOnce(LoadedTexts) + 'static) {
    if lang == Lang::Fr {
        return done(french());
    }
    // Whichever comes first, the texts or the timeout, takes `done`.
    let pending: Rc<Cell<Option<Done>>> = Rc::new(Cell::new(Some(Box::new(done))));
    let timed_out = pending.clone();
    tasks::after(TEXTS_TIMEOUT_MS, move || {
        if let Some(done) = timed_out.take() {
            console::error(&text!(
                "the texts in \"",
                lang.tag(),
                "\" did not arrive in time; showing French"
            ));
            done(french());
        }
    });
    request(
        lang,
        Box::new(move |json| {
            let Some(done) = pending.take() else {
                return;
            };
            let loaded = json.and_then(|json| read(lang, &json));
            done(loaded.unwrap_or_else(|| {
                console::error(&text!(
                    "the texts in \"",
                    lang.tag(),
                    "\" could not be loaded; showing French"
                ));
                french()
            }))
        }),
    );
}
