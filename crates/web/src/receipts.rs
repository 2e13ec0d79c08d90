//! Consent receipts: a random id, kept in `localStorage` with the choice and, when
//! `data-receipt-url` is set, sent with `navigator.sendBeacon`. What a receipt holds and which
//! kept one is the choice's are decided here; the storing and sending are `receipts.js`'s, which
//! never throws (even reading `localStorage` throws where storage is disabled) and says in the
//! console what failed.

use std::cell::{Cell, RefCell};

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use cookie_charter_core::config::Config;
use cookie_charter_core::consent::Choice;
use cookie_charter_core::i18n::Lang;
use cookie_charter_core::receipt::Receipt;

use super::console;

#[wasm_bindgen(module = "/src/receipts.js")]
extern "C" {
    /// A random UUID (version 4) from the browser's cryptographic generator, or `None` if the
    /// page has none.
    pub fn random_id() -> Option<String>;
    fn keep_receipt(key: &str, receipt: &str, url: Option<&str>);
    fn kept_receipt(key: &str) -> Option<String>;
    fn forget_receipt(key: &str);
}

/// `localStorage` key of the last receipt.
pub const STORAGE_KEY: &str = "cookie-charter:receipt";

thread_local! {
    /// The language the page's texts are shown in, once known: French when the configured
    /// language's texts could not be loaded.
    static SHOWN_IN: Cell<Option<Lang>> = const { Cell::new(None) };
    /// The last choice made on this page, as it was stored (with its receipt id, if it got one).
    static LAST: RefCell<Option<Choice>> = const { RefCell::new(None) };
}

/// Records that the texts are shown in `lang`: receipts say what the visitor read, which may be
/// the French fallback rather than the configured language.
pub fn texts_shown_in(lang: Lang) {
    SHOWN_IN.with(|s| s.set(Some(lang)));
}

/// Makes the receipt of `choice` (a choice as stored) under its id, keeps it, and sends it if
/// configured; a console warning when it got no id.
pub fn record(choice: &Choice, config: &Config) {
    LAST.with(|last| *last.borrow_mut() = Some(choice.clone()));
    let Some(id) = choice.receipt.as_deref() else {
        console::warn("crypto.getRandomValues failed: the choice is kept without a receipt");
        return;
    };
    let page = super::location::address();
    let lang = SHOWN_IN.with(Cell::get).unwrap_or(config.lang);
    // Written once: the copy kept and the copy sent are the same text.
    let receipt = Receipt::new(id, choice, lang, &page).to_json();
    keep_receipt(STORAGE_KEY, &receipt, config.receipt_url.as_deref());
}

/// The receipt id of `choice`: the one its cookie carried (a choice read from storage), else the
/// one given to it when it was made on this page (the state keeps the choice as decided, without
/// the id it was stored with): only if the last choice stored here is the same decision.
pub fn id_of(choice: &Choice) -> Option<String> {
    choice.receipt.clone().or_else(|| {
        LAST.with(|last| {
            last.borrow()
                .as_ref()
                .filter(|stored| stored.same_decision(choice))
                .and_then(|stored| stored.receipt.clone())
        })
    })
}

/// The kept receipt of `choice` as a JS object (`{ id, decidedAt, revision, choices, lang,
/// page }`), or `null`: what `getReceipt()` returns. The one kept is the choice's when it is a
/// receipt as [`record`] writes it (those six members, no other) with the choice's id, time,
/// revision and choices; anything else kept (another choice's, or unreadable) is no receipt of
/// this one.
pub fn kept_to_js(choice: Option<&Choice>) -> JsValue {
    choice
        .and_then(|choice| {
            let id = id_of(choice)?;
            let kept = kept_receipt(STORAGE_KEY)?;
            let receipt = js_sys::JSON::parse(&kept).ok()?;
            receipt_of(&receipt, &id, choice).then_some(receipt)
        })
        .unwrap_or(JsValue::NULL)
}

/// Whether `receipt` (parsed JSON) is the receipt of `choice` under `id`.
fn receipt_of(receipt: &JsValue, id: &str, choice: &Choice) -> bool {
    let members = |value: &JsValue| {
        value
            .dyn_ref::<Object>()
            .map_or(usize::MAX, |o| Object::keys(o).length() as usize)
    };
    let field = |object: &JsValue, name: &str| {
        Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    };
    let choices = field(receipt, "choices");
    let mut same = members(receipt) == 6
        && field(receipt, "id").as_string().as_deref() == Some(id)
        && field(receipt, "decidedAt").as_f64() == Some(choice.decided_at as f64)
        && field(receipt, "revision").as_string().as_deref() == Some(choice.revision.as_str())
        && field(receipt, "lang").is_string()
        && field(receipt, "page").is_string()
        && members(&choices) == choice.categories.pairs().len();
    for (category, on) in choice.categories.pairs() {
        same &= field(&choices, category).as_bool() == Some(*on);
    }
    same
}

/// Forgets the kept receipt (`reset()`).
pub fn forget() {
    LAST.with(|last| *last.borrow_mut() = None);
    forget_receipt(STORAGE_KEY);
}
