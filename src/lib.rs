//! cookie-charter: a cookie-consent banner for open-data portals, in Rust and WebAssembly.
//!
//! - [`core`]: pure logic (charter, consent state, cookie codec, configuration checks, texts);
//! - [`web`]: thin wrappers over the browser APIs it needs;
//! - [`hooks`] and [`components`]: the Yew UI;
//! - this file: the wasm entry point called by `dist/cookie-charter.js`.

pub mod components;
pub mod core;
pub mod hooks;
pub mod web;

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::components::{CharterPage, CharterPageProps, ConsentManager, ConsentManagerProps};
use crate::core::charter::{Charter, AUDIENCE};
use crate::core::config::{self, Config};
use crate::web::{attributes, charter_source, consent_store, console, privacy_signals, scripts};

/// Id of the element the banner is rendered in.
pub const ROOT_ID: &str = "cookie-charter";
/// Elements matching this selector receive the full charter (introduction and table).
pub const TABLE_SELECTOR: &str = "[data-cookie-charter-table]";

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Starts the component from its `<script>` tag: reads and checks the `data-*` attributes,
/// gets the charter, reads the stored choice, shows the banner if needed and fills every
/// charter element. Only the first call on a page does anything.
#[wasm_bindgen(js_name = mountFromScript)]
pub fn mount_from_script(script: Option<Element>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if STARTED.with(|s| s.replace(true)) || document.get_element_by_id(ROOT_ID).is_some() {
        console::warn("already started on this page; the second start is ignored");
        return;
    }
    let (mut config, errors) = config::validate(&attributes::read_raw_config(script.as_ref()));
    for error in &errors {
        console::error(&error.to_string());
    }
    if let Some(src) = &config.audience_src {
        if let Err(e) = scripts::resolve_http_url(src) {
            console::error(&format!("{e}; no audience script will be loaded"));
            config.audience_src = None;
        }
    }
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = charter_source::load(&config.charter).await;
        if !loaded.as_configured {
            // Fail closed: without the portal's own charter, nothing optional may load.
            config.audience_src = None;
        }
        let charter = Rc::new(loaded.charter);
        if config.audience_src.is_some() && !charter.categories.iter().any(|c| c.id == AUDIENCE) {
            console::warn("data-audience-src is set but the charter has no \"audience\" category: it will never load");
        }
        mount(&document, Rc::new(config), charter);
    });
}

/// Renders the consent UI in a new element at the end of `<body>` and the charter into every
/// `[data-cookie-charter-table]` element.
fn mount(document: &web_sys::Document, config: Rc<Config>, charter: Rc<Charter>) {
    let Some(body) = document.body() else {
        console::error("the page has no <body> to show the banner in");
        return;
    };
    let stored = consent_store::load(&config, &charter.revision());
    let Ok(root) = document.create_element("div") else { return };
    root.set_id(ROOT_ID);
    if body.append_child(&root).is_err() {
        return;
    }
    let gpc = privacy_signals::global_privacy_control();
    let props = ConsentManagerProps { config: config.clone(), charter: charter.clone(), stored, gpc };
    yew::Renderer::<ConsentManager>::with_root_and_props(root, props).render();

    if let Ok(hosts) = document.query_selector_all(TABLE_SELECTOR) {
        for i in 0..hosts.length() {
            let Some(host) = hosts.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let props = CharterPageProps { charter: charter.clone(), lang: config.lang };
            yew::Renderer::<CharterPage>::with_root_and_props(host, props).render();
        }
    }
}
