//! Start-up: from the embed settings to a running consent loop. It checks the configuration
//! (reporting each problem in the console), gets the charter, reads the stored choice and what
//! the browser says (Global Privacy Control, whether cookies work), tells Google Consent Mode /
//! Matomo / Piano the stored choice (their all-denied defaults came first), then starts the
//! [`state_loop`] and the [`view`] that shows it. Only the first start on a page does anything.
//!
//! `js/entry.js` calls [`mount`] (with the script tag, or `mount(options)`'s options), with the
//! callbacks through which the view asks the page for the Yew UI, a language's texts and the
//! reading of a portal's own charter (see [`view::PageRequests`]); a Rust application's
//! `CookieCharter` component calls [`start_checked`].

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::core::charter::AUDIENCE;
use crate::core::config::{self, Config, RawConfig};
use crate::core::consent::ConsentState;
use crate::core::cookie_codec::COOKIE_NAME;
use crate::core::quote::quoted;
use crate::core::text::text;
use crate::state_loop;
use crate::view::{self, PageRequests};
use crate::web::charter_source::{self, LoadedCharter};
use crate::web::{
    attributes, consent_store, console, cookies, integrations, options, privacy_signals, scripts,
    tasks, texts,
};

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Checks the configuration `read` gives, gets the charter, and starts the loop and the view;
/// resolves once started. When a setting is refused, or `misnamed` (a `mount()` option that is
/// none of the settings), `refused` is called: the page's entry module has the reasons written
/// in the console by a module of their own, so that the sentences of every mistake weigh on the
/// pages that make one and on no other. What is refused is decided here, before anything
/// loads. Only the first start on a page does anything (a second one warns).
pub fn start(
    read: &dyn Fn() -> RawConfig,
    misnamed: bool,
    requests: PageRequests,
    refused: Function,
) -> Promise {
    start_with(
        || {
            let mut refused_any = misnamed;
            let config = config::check(&read(), &mut refused_any);
            if refused_any {
                // The entry module's `refused` never throws.
                let _ = refused.call0(&JsValue::NULL);
            }
            config
        },
        requests,
    )
}

/// [`start`] from a configuration already checked: a Rust application's
/// `cookie_charter::Settings`. The tools' consent defaults are pushed here, before anything else
/// (`js/entry.js` pushes them itself for the script tag and `mount()`).
pub fn start_checked(config: Config, requests: PageRequests) -> Promise {
    start_with(
        || {
            integrations::defaults(&config);
            config
        },
        requests,
    )
}

fn start_with(check: impl FnOnce() -> Config, requests: PageRequests) -> Promise {
    if STARTED.with(|s| s.replace(true)) {
        console::warn("already started on this page; the second start is ignored");
        return Promise::resolve(&JsValue::UNDEFINED);
    }
    let mut config = check();
    if let Some(src) = &config.audience_src {
        if let Err(e) = scripts::resolve_http_url(src) {
            console::error(&text!(e, "; no audience script will be loaded"));
            config.audience_src = None;
        }
    }
    let mut pending = Some((config, requests));
    Promise::new(&mut |resolve, _reject| {
        let Some((config, requests)) = pending.take() else {
            return;
        };
        let (source, lang) = (config.charter.clone(), config.lang);
        let read = requests.charter.clone();
        charter_source::load(&source, lang, read, move |loaded| {
            run(config, loaded, requests, move || {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            });
        });
    })
}

/// With the charter in hand: reads the stored choice and the browser's signals, tells Google
/// Consent Mode / Matomo about the page load, then starts the loop and the view; calls
/// `shown` once the view shows the state.
fn run(
    mut config: Config,
    loaded: LoadedCharter,
    requests: PageRequests,
    shown: impl FnOnce() + 'static,
) {
    let charter = Rc::new(loaded.charter);
    if config.audience_src.is_some() && !charter.categories.iter().any(|c| c.id == AUDIENCE) {
        console::warn("data-audience-src is set but the charter has no \"audience\" category: it will never load");
    }
    if config.cookie_name != COOKIE_NAME {
        if let Some(listed) = charter.listed_cookie(&config.cookie_name) {
            console::error(&text!(
                "data-cookie-name ",
                quoted(&config.cookie_name),
                " is one of the portal's own cookies in the charter (",
                quoted(listed),
                "): a choice would overwrite it; keeping the choice in ",
                COOKIE_NAME,
                " instead (mark the row of a renamed choice cookie with \"consent\": true)"
            ));
            config.cookie_name = COOKIE_NAME.to_owned();
        }
    }
    let config = Rc::new(config);
    let stored = consent_store::load(&config, &charter);
    let storage_available = cookies::can_store();
    if !storage_available {
        console::error("cookies are disabled on this page: a choice cannot be kept, so nothing optional is loaded");
    }
    // Without the portal's own charter, nothing optional may load (the state says so).
    let state = ConsentState::new(charter, stored)
        .with_gpc(privacy_signals::global_privacy_control())
        .with_storage(storage_available)
        .with_charter_as_configured(loaded.as_configured);
    integrations::on_stored(&config, state.choice_in_force().as_ref());
    // The loop runs at once (a returning visitor's audience script waits for no text); what
    // the page shows waits for its language's texts (French at once), and is built in a task of
    // its own: js/entry.js starts the first layer within the task that evaluates it, so that a
    // returning visitor's effects come before the browser's other work (a frame, its code
    // cache), and the banner's DOM is left out of that task to keep it short.
    state_loop::start(state, config.clone());
    let lang = config.lang;
    let charter_text = loaded.text;
    let request = requests.texts.clone();
    texts::load(lang, &request, move |texts| {
        tasks::later(move || {
            view::show(config, charter_text, texts, requests);
            shown();
        })
    });
}

/// Starts from the `<script>` tag's `data-*` attributes when `script` is given, else from
/// `options` (the same settings in camelCase, from `mount(options)`; absent, the defaults).
/// `tables`, `texts` and `charter` are the page's [`PageRequests`]; `refused` is called when a
/// setting is refused or an option names none (see [`start`]). Resolves once started.
pub fn mount(
    script: Option<Element>,
    options: JsValue,
    tables: Function,
    texts: Function,
    charter: Function,
    refused: Function,
) -> Promise {
    start(
        &|| match &script {
            Some(tag) => attributes::read_raw_config(Some(tag)),
            None => options::read_raw_config(&options),
        },
        !options::misnamed(&options).is_empty(),
        PageRequests::from_functions(tables, texts, charter),
        refused,
    )
}
