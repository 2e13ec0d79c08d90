//! cookie-charter: a cookie-consent banner for open-data portals, in Rust and WebAssembly.
//!
//! - [`core`]: pure logic (charter, consent state, cookie codec, configuration checks, texts);
//! - [`web`]: thin wrappers over the browser APIs it needs;
//! - [`hooks`] and [`components`]: the Yew UI;
//! - [`api`] and this file: the wasm entry points called by `dist/cookie-charter.js`.

pub mod api;
pub mod components;
pub mod core;
pub mod hooks;
pub mod web;

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::components::{CharterPage, CharterPageProps, ConsentManager, ConsentManagerProps};
use crate::core::charter::{Charter, AUDIENCE};
use crate::core::config::{self, Config, RawConfig};
use crate::web::{
    attributes, charter_source, consent_store, console, cookies, integrations, options,
    privacy_signals, scripts,
};

/// Id of the element the banner is rendered in.
pub const ROOT_ID: &str = "cookie-charter";
/// Elements matching this selector receive the full charter (introduction and table).
pub const TABLE_SELECTOR: &str = "[data-cookie-charter-table]";

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Starts the component from its `<script>` tag's `data-*` attributes. Resolves once the
/// banner (if needed) and the charter elements are rendered. Only the first start on a page
/// does anything.
#[wasm_bindgen(js_name = mountFromScript)]
pub fn mount_from_script(script: Option<Element>) -> Promise {
    start(|| attributes::read_raw_config(script.as_ref()))
}

/// Starts the component from an options object (the data attributes in camelCase). Resolves
/// once rendered. Only the first start on a page does anything.
#[wasm_bindgen(js_name = mount)]
pub fn mount_with_options(options: JsValue) -> Promise {
    start(|| options::read_raw_config(&options))
}

/// Checks the configuration, gets the charter and mounts; a second start only warns.
fn start(read: impl FnOnce() -> RawConfig) -> Promise {
    let document = web_sys::window().and_then(|w| w.document());
    let Some(document) = document.filter(|_| !STARTED.with(|s| s.replace(true))) else {
        console::warn("already started on this page; the second start is ignored");
        return Promise::resolve(&JsValue::UNDEFINED);
    };
    let (mut config, errors) = config::validate(&read());
    for error in &errors {
        console::error(&error.to_string());
    }
    if let Some(src) = &config.audience_src {
        if let Err(e) = scripts::resolve_http_url(src) {
            console::error(&format!("{e}; no audience script will be loaded"));
            config.audience_src = None;
        }
    }
    wasm_bindgen_futures::future_to_promise(async move {
        let loaded = charter_source::load(&config.charter).await;
        if !loaded.as_configured {
            // Fail closed: without the portal's own charter, nothing optional may load.
            config.audience_src = None;
        }
        let charter = Rc::new(loaded.charter);
        if config.audience_src.is_some() && !charter.categories.iter().any(|c| c.id == AUDIENCE) {
            console::warn("data-audience-src is set but the charter has no \"audience\" category: it will never load");
        }
        render(&document, Rc::new(config), charter);
        Ok(JsValue::UNDEFINED)
    })
}

/// Renders the consent UI in a new element at the end of `<body>` and the charter into every
/// `[data-cookie-charter-table]` element.
fn render(document: &web_sys::Document, config: Rc<Config>, charter: Rc<Charter>) {
    let Some(body) = document.body() else {
        console::error("the page has no <body> to show the banner in");
        return;
    };
    let stored = consent_store::load(&config, &charter.revision());
    integrations::on_load(&config, stored.as_ref());
    let Ok(root) = document.create_element("div") else {
        return;
    };
    root.set_id(ROOT_ID);
    if body.append_child(&root).is_err() {
        return;
    }
    let gpc = privacy_signals::global_privacy_control();
    let storage_available = cookies::can_store();
    if !storage_available {
        console::error("cookies are disabled on this page: a choice cannot be kept, so nothing optional is loaded");
    }
    let props = ConsentManagerProps {
        config: config.clone(),
        charter: charter.clone(),
        stored,
        gpc,
        storage_available,
    };
    yew::Renderer::<ConsentManager>::with_root_and_props(root, props).render();

    if let Ok(hosts) = document.query_selector_all(TABLE_SELECTOR) {
        for i in 0..hosts.length() {
            let Some(host) = hosts.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let props = CharterPageProps {
                charter: charter.clone(),
                lang: config.lang,
            };
            yew::Renderer::<CharterPage>::with_root_and_props(host, props).render();
        }
    }
}
