//! The Yew UI's entry points: [`render_tables`], which `cookie-charter-ui.js`'s bundle crate
//! exports (loaded by `js/entry.js` on a page with a charter table), and [`same_wasm_requests`]
//! for a Rust application, whose wasm holds the page runtime and the Yew UI together. It draws
//! the charter page from the snapshot the view hands over (texts, charter). It holds no
//! consent state, reads no cookie or setting, fetches nothing and performs no effect: the page
//! runtime's [`crate::page::state_loop`] does all of that, once.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::components::{CharterPage, CharterPageProps};
use crate::core::charter::Charter;
use crate::core::charter_json;
use crate::core::i18n::{Texts, FRENCH_TEXTS};
use crate::core::json::Json;
use crate::core::presets::Preset;
use crate::page::view::{PageRequests, TABLE_SELECTOR};
use crate::web::charter_source::{self, Own};
use crate::web::{console, fetch, json};

/// The last JSON text read into a `T`, with what it gave.
type LastRead<T> = RefCell<Option<(String, Rc<T>)>>;

thread_local! {
    /// The charter last read, with its text: a panel update with the same text reads nothing.
    static CHARTER: LastRead<Charter> = const { RefCell::new(None) };
    /// The texts last read, with their JSON, likewise.
    static TEXTS: LastRead<Texts> = const { RefCell::new(None) };
}

/// What a snapshot holds.
struct Snapshot {
    texts: Rc<Texts>,
    charter: Rc<Charter>,
}

/// `text` read by `read_json`, or the value `cache` holds for the same text.
fn cached<T>(
    cache: &'static std::thread::LocalKey<LastRead<T>>,
    text: String,
    read_json: impl FnOnce(&Json) -> Option<T>,
) -> Option<Rc<T>> {
    let known = cache.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|(known, _)| *known == text)
            .map(|(_, value)| value.clone())
    });
    if known.is_some() {
        return known;
    }
    let value = Rc::new(read_json(&json::parse(&text).ok()?)?);
    cache.with(|c| *c.borrow_mut() = Some((text, value.clone())));
    Some(value)
}

/// Reads a snapshot the view made. The charter and the texts are the ones the page runtime
/// checked: they are only read here (their fields), not checked again.
fn read(snapshot: &JsValue) -> Option<Snapshot> {
    let field = |name: &str| Reflect::get(snapshot, &name.into()).ok();
    // `null`: French, carried here.
    let texts = field("texts")
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| FRENCH_TEXTS.to_owned());
    let texts = cached(&TEXTS, texts, |json| Texts::from_json(json).ok())?;
    let text = match field("charter").and_then(|v| v.as_string()) {
        Some(json) => json,
        None => {
            let name = field("preset").and_then(|v| v.as_string())?;
            Preset::from_name(&name)?.json().to_owned()
        }
    };
    let charter = cached(&CHARTER, text, |json| charter_json::from_json(json).ok())?;
    Some(Snapshot { texts, charter })
}

/// The view's requests answered in this same wasm: what a Rust application that renders
/// [`crate::CookieCharter`] uses, where the script tag's entry module loads
/// `cookie-charter-ui.js` and the language modules instead.
pub fn same_wasm_requests() -> PageRequests {
    PageRequests {
        tables: Rc::new(|snapshot| render_tables(snapshot.clone())),
        // A Rust application's wasm carries every language, and the charter reader.
        texts: Rc::new(|lang, done| done(Some(lang.texts_json().to_owned()))),
        charter: Rc::new(|own, lang, done| match own {
            Own::Inline(json) => done(charter_source::read_own(None, Ok(json.to_owned()), lang)),
            Own::Url(url) => {
                let at = url.to_owned();
                fetch::text(url, move |fetched| {
                    done(charter_source::read_own(Some(&at), fetched, lang))
                })
            }
        }),
    }
}

/// Renders the whole charter of `snapshot` (`{ texts, charter | preset }`) into every
/// `[data-cookie-charter-table]` element.
pub fn render_tables(snapshot: JsValue) {
    let Some(Snapshot { texts, charter }) = read(&snapshot) else {
        console::error("the charter page got an unreadable snapshot");
        return;
    };
    let Some(hosts) = crate::web::window::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(TABLE_SELECTOR).ok())
    else {
        return;
    };
    for i in 0..hosts.length() {
        let Some(host) = hosts.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let props = CharterPageProps {
            charter: charter.clone(),
            texts: texts.clone(),
        };
        yew::Renderer::<CharterPage>::with_root_and_props(host, props).render();
    }
}
