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

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::components::{CharterTable, CharterTableProps, ConsentManager, ConsentManagerProps};
use crate::core::charter::Charter;
use crate::core::config::{self, Config};
use crate::web::{attributes, consent_store, console, scripts};

/// Id of the element the banner is rendered in; its presence means "already mounted".
pub const ROOT_ID: &str = "cookie-charter";
/// Elements matching this selector receive the charter table.
pub const TABLE_SELECTOR: &str = "[data-cookie-charter-table]";

/// Starts the component from its `<script>` tag: reads and checks the `data-*` attributes,
/// reads the stored choice, shows the banner if needed and fills every charter table.
/// A second call on the same page does nothing.
#[wasm_bindgen(js_name = mountFromScript)]
pub fn mount_from_script(script: Option<Element>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(ROOT_ID).is_some() {
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
    let charter = Rc::new(Charter::opendatasoft_default());
    mount(&document, Rc::new(config), charter);
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
    let props = ConsentManagerProps { config: config.clone(), charter: charter.clone(), stored };
    yew::Renderer::<ConsentManager>::with_root_and_props(root, props).render();

    if let Ok(tables) = document.query_selector_all(TABLE_SELECTOR) {
        for i in 0..tables.length() {
            let Some(host) = tables.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let props = CharterTableProps { charter: charter.clone(), lang: config.lang };
            yew::Renderer::<CharterTable>::with_root_and_props(host, props).render();
        }
    }
}
