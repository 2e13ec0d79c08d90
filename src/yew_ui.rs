//! The Yew UI's entry points: `cookie-charter-ui_bg.wasm`'s exports (with the `js-ui`
//! feature), loaded on demand by `js/entry.js`, and [`same_wasm_requests`] for a Rust
//! application, whose wasm holds the first layer and the Yew UI together. It draws what the first layer asks for — the preferences panel and the charter page — from
//! the snapshot the first layer hands over (texts, charter, switches), and reports what
//! the visitor does in the panel back through the page's `act(kind, id)`. It holds no consent
//! state, reads no cookie or setting, fetches nothing and performs no effect: the first layer's
//! [`crate::state_loop`] does all of that, once.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::{AppHandle, Callback};

use crate::components::{CharterPage, CharterPageProps, Preferences, PreferencesProps};
use crate::core::charter::Charter;
use crate::core::charter_json;
use crate::core::i18n::{Texts, FRENCH_TEXTS};
use crate::core::json::Json;
use crate::core::presets::Preset;
use crate::first_layer::{self, PageRequests, LOADING_SELECTOR, TABLE_SELECTOR};
use crate::web::{console, dom, json};

/// The last JSON text read into a `T`, with what it gave.
type LastRead<T> = RefCell<Option<(String, Rc<T>)>>;

thread_local! {
    static PANEL: RefCell<Option<AppHandle<Preferences>>> = const { RefCell::new(None) };
    /// The charter last read, with its text: a panel update with the same text reads nothing.
    static CHARTER: LastRead<Charter> = const { RefCell::new(None) };
    /// The texts last read, with their JSON, likewise.
    static TEXTS: LastRead<Texts> = const { RefCell::new(None) };
}

/// What a snapshot holds.
struct Snapshot {
    texts: Rc<Texts>,
    charter: Rc<Charter>,
    draft: Vec<String>,
    host: Option<Element>,
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

/// Reads a snapshot the first layer made. The charter and the texts are the ones the first
/// layer checked: they are only read here (their fields), not checked again.
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
    let draft = field("draft")
        .and_then(|v| v.dyn_into::<Array>().ok())
        .map(|a| a.iter().filter_map(|id| id.as_string()).collect())
        .unwrap_or_default();
    let host = field("host").and_then(|v| v.dyn_into::<Element>().ok());
    Some(Snapshot {
        texts,
        charter,
        draft,
        host,
    })
}

/// How the panel reports what the visitor did: a kind (`toggle`, `save`, `accept-all`,
/// `refuse-all`, `close`) and, for `toggle`, the category's id — what [`first_layer::act`]
/// takes.
pub type Act = Rc<dyn Fn(&str, Option<&str>)>;

/// The first layer's requests answered by the Yew UI of this same wasm: what a Rust
/// application that renders [`crate::CookieCharter`] uses, where the script tag's entry module
/// loads `cookie-charter-ui.js` instead.
pub fn same_wasm_requests() -> PageRequests {
    let act: Act = Rc::new(|kind, id| first_layer::act(kind, id.map(String::from)));
    PageRequests {
        panel: Rc::new(move |snapshot| {
            if snapshot.is_null() {
                close_panel();
            } else {
                show_panel_to(snapshot, act.clone());
            }
        }),
        tables: Rc::new(|snapshot| render_tables(snapshot.clone())),
        // A Rust application's wasm carries every language.
        texts: Rc::new(|lang, done| done(Some(lang.texts_json().to_owned()))),
    }
}

/// Shows the preferences panel of `snapshot` (`{ host, texts, charter | preset, draft }`) in its host,
/// or brings the one shown up to date; the visitor's acts go to `act("toggle", id)`,
/// `act("save")`, `act("accept-all")`, `act("refuse-all")` and `act("close")`.
#[cfg_attr(feature = "js-ui", wasm_bindgen(js_name = showPanel))]
pub fn show_panel(snapshot: JsValue, act: Function) {
    show_panel_to(
        &snapshot,
        Rc::new(move |kind: &str, id: Option<&str>| {
            let id = id.map_or(JsValue::UNDEFINED, JsValue::from_str);
            let _ = act.call2(&JsValue::NULL, &kind.into(), &id);
        }),
    );
}

/// [`show_panel`], reporting to `send`.
fn show_panel_to(snapshot: &JsValue, send: Act) {
    let Some(Snapshot {
        texts,
        charter,
        draft,
        host,
    }) = read(snapshot)
    else {
        console::error("the preferences panel got an unreadable snapshot");
        send("close", None);
        return;
    };
    let props = {
        let (toggle, save, close) = (send.clone(), send.clone(), send.clone());
        let (accept, refuse) = (send.clone(), send);
        PreferencesProps {
            charter,
            draft,
            texts,
            on_toggle: Callback::from(move |id: String| toggle("toggle", Some(&id))),
            on_save: Callback::from(move |_| save("save", None)),
            on_accept_all: Callback::from(move |_| accept("accept-all", None)),
            on_refuse_all: Callback::from(move |_| refuse("refuse-all", None)),
            on_close: Callback::from(move |()| close("close", None)),
        }
    };
    PANEL.with(|panel| {
        let mut panel = panel.borrow_mut();
        match (panel.as_mut(), host) {
            (Some(shown), _) => shown.update(props),
            (None, Some(host)) => {
                dom::remove_all(&host, LOADING_SELECTOR);
                *panel =
                    Some(yew::Renderer::<Preferences>::with_root_and_props(host, props).render())
            }
            (None, None) => console::error("the preferences panel has no place to be shown"),
        }
    });
}

/// Closes the preferences panel (its dialog gives focus back to where it was).
#[cfg_attr(feature = "js-ui", wasm_bindgen(js_name = closePanel))]
pub fn close_panel() {
    if let Some(panel) = PANEL.with(|p| p.borrow_mut().take()) {
        panel.destroy();
    }
}

/// Renders the whole charter of `snapshot` (`{ texts, charter | preset }`) into every
/// `[data-cookie-charter-table]` element.
#[cfg_attr(feature = "js-ui", wasm_bindgen(js_name = renderTables))]
pub fn render_tables(snapshot: JsValue) {
    let Some(Snapshot { texts, charter, .. }) = read(&snapshot) else {
        console::error("the charter page got an unreadable snapshot");
        return;
    };
    let Some(hosts) = web_sys::window()
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
