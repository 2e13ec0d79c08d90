//! cookie-charter: a cookie-consent banner for open-data portals, in Rust and WebAssembly.
//!
//! - [`core`]: pure logic (charter, consent state, cookie codec, configuration checks, texts);
//! - [`web`]: thin wrappers over the browser APIs it needs;
//! - with the `ui` feature (the default): [`hooks`] and [`components`], the Yew UI;
//! - without it: [`first_layer`], the banner a first visit loads, which hands over to the Yew
//!   UI when the visitor asks for the preferences panel;
//! - [`api`]: the JS API, on whichever of the two runs;
//! - this file: the wasm entry points called by `dist/cookie-charter.js`.
//!
//! `scripts/build.sh` builds the crate twice: without `ui` (`cookie-charter_bg.wasm`, loaded on
//! every page) and with it (`cookie-charter-ui_bg.wasm`, loaded on demand).

pub mod api;
#[cfg(feature = "ui")]
pub mod components;
pub mod core;
#[cfg(not(feature = "ui"))]
pub mod first_layer;
#[cfg(feature = "ui")]
pub mod hooks;
pub mod web;

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

use crate::core::charter::{Charter, AUDIENCE};
use crate::core::config::{self, Config, RawConfig};
use crate::core::consent::Choice;
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

/// What a front end needs to render: the page, the checked configuration and the charter.
pub struct Started {
    /// The page.
    pub document: Document,
    /// The checked configuration (no audience script when the charter is not the configured one).
    pub config: Rc<Config>,
    /// The charter asked about.
    pub charter: Rc<Charter>,
}

/// Where a front end starts from: the element the consent UI goes in, and what the page says
/// about the visitor.
pub struct Mount {
    /// `#cookie-charter`, not yet in the page: the front end appends it to `<body>` as soon as
    /// there is one ([`web::dom::when_body`]; the tag may run in `<head>` before the body).
    pub host: Element,
    /// The stored choice, if any (see [`consent_store::load`]).
    pub stored: Option<Choice>,
    /// The browser sends Global Privacy Control.
    pub gpc: bool,
    /// Cookies work on this page.
    pub storage_available: bool,
}

/// Reads the stored choice and the privacy signals, tells Google Consent Mode / Matomo about
/// the page load when `page_load_pushes`, and makes `#cookie-charter`. Needs no `<body>`.
fn prepare(started: &Started, page_load_pushes: bool) -> Option<Mount> {
    let stored = consent_store::load(&started.config, &started.charter);
    if page_load_pushes {
        integrations::on_load(&started.config, stored.as_ref());
    }
    let host = started.document.create_element("div").ok()?;
    host.set_id(ROOT_ID);
    let storage_available = cookies::can_store();
    if !storage_available {
        console::error("cookies are disabled on this page: a choice cannot be kept, so nothing optional is loaded");
    }
    Some(Mount {
        host,
        stored,
        gpc: privacy_signals::global_privacy_control(),
        storage_available,
    })
}

/// Checks the configuration (reporting each problem), gets the charter and calls `render`;
/// resolves once rendered. Only the first start on a page does anything (a second one warns).
fn start(read: impl FnOnce() -> RawConfig, render: impl FnOnce(Started) + 'static) -> Promise {
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
        render(Started {
            document,
            config: Rc::new(config),
            charter,
        });
        Ok(JsValue::UNDEFINED)
    })
}

/// The raw configuration from the script tag when there is one, else from `options`.
#[cfg(feature = "ui")]
fn read_tag_or_options(script: Option<&Element>, options: &JsValue) -> RawConfig {
    match script {
        Some(script) => attributes::read_raw_config(Some(script)),
        None => options::read_raw_config(options),
    }
}

/// Starts the component from its `<script>` tag's `data-*` attributes. Resolves once the
/// banner (if needed) and the charter elements are rendered. Only the first start on a page
/// does anything.
#[cfg(feature = "ui")]
#[wasm_bindgen(js_name = mountFromScript)]
pub fn mount_from_script(script: Option<Element>) -> Promise {
    start(
        || attributes::read_raw_config(script.as_ref()),
        |started| ui::render(started, None),
    )
}

/// Starts the component from an options object (the data attributes in camelCase). Resolves
/// once rendered. Only the first start on a page does anything.
#[cfg(feature = "ui")]
#[wasm_bindgen(js_name = mount)]
pub fn mount_with_options(options: JsValue) -> Promise {
    start(
        || options::read_raw_config(&options),
        |started| ui::render(started, None),
    )
}

/// Takes over from the first layer, which has already started on this page with the same
/// `script` tag (or, without one, the same `options`) and reported its problems: starts with
/// the preferences panel open when `open_panel` (else as the first layer left it: a page that
/// turned out to show the charter table), without reporting them again or repeating the
/// page-load pushes to Google Consent Mode and Matomo.
#[cfg(feature = "ui")]
#[wasm_bindgen(js_name = takeOver)]
pub fn take_over(script: Option<Element>, options: JsValue, open_panel: bool) -> Promise {
    console::set_muted(true);
    start(
        move || read_tag_or_options(script.as_ref(), &options),
        move |started| {
            ui::render(started, Some(open_panel));
            console::set_muted(false);
        },
    )
}

/// Starts the first layer from its `<script>` tag's `data-*` attributes; `open_full` is called
/// when the visitor asks for the preferences panel (the page then loads the Yew UI, calls
/// [`first_layer::unmount`] and `takeOver`). Resolves once rendered.
#[cfg(not(feature = "ui"))]
#[wasm_bindgen(js_name = mountFromScript)]
pub fn mount_from_script(script: Option<Element>, open_full: js_sys::Function) -> Promise {
    start(
        move || attributes::read_raw_config(script.as_ref()),
        |started| first_layer::render(started, open_full),
    )
}

/// Starts the first layer from an options object; see [`mount_from_script`].
#[cfg(not(feature = "ui"))]
#[wasm_bindgen(js_name = mount)]
pub fn mount_with_options(options: JsValue, open_full: js_sys::Function) -> Promise {
    start(
        move || options::read_raw_config(&options),
        |started| first_layer::render(started, open_full),
    )
}

/// The Yew front end: the whole component.
#[cfg(feature = "ui")]
mod ui {
    use std::rc::Rc;

    use wasm_bindgen::JsCast;
    use web_sys::{Document, Element};

    use super::{prepare, Started, TABLE_SELECTOR};
    use crate::components::{CharterPage, CharterPageProps, ConsentManager, ConsentManagerProps};
    use crate::core::charter::Charter;
    use crate::core::i18n::Lang;
    use crate::web::dom;

    /// Renders the consent UI in a new element at the end of `<body>` (as soon as there is
    /// one) and the charter into every `[data-cookie-charter-table]` element (once the page is
    /// parsed). `taking_over` from the first layer: `Some(open_panel)`.
    pub fn render(started: Started, taking_over: Option<bool>) {
        let Some(mount) = prepare(&started, taking_over.is_none()) else {
            return;
        };
        let Started {
            document,
            config,
            charter,
        } = started;
        let props = ConsentManagerProps {
            config: config.clone(),
            charter: charter.clone(),
            stored: mount.stored,
            gpc: mount.gpc,
            storage_available: mount.storage_available,
            open_preferences: taking_over.unwrap_or(false),
        };
        dom::when_body(move |body| {
            if body.append_child(&mount.host).is_ok() {
                yew::Renderer::<ConsentManager>::with_root_and_props(mount.host, props).render();
            }
        });
        dom::when_parsed(move || render_charter_tables(&document, &charter, config.lang));
    }

    /// Renders the whole charter into every `[data-cookie-charter-table]` element.
    fn render_charter_tables(document: &Document, charter: &Rc<Charter>, lang: Lang) {
        let Ok(hosts) = document.query_selector_all(TABLE_SELECTOR) else {
            return;
        };
        for i in 0..hosts.length() {
            let Some(host) = hosts.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let props = CharterPageProps {
                charter: charter.clone(),
                lang,
            };
            yew::Renderer::<CharterPage>::with_root_and_props(host, props).render();
        }
    }
}
