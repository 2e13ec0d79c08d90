//! The first layer: what every page loads, without Yew.
//!
//! It holds the same [`ConsentState`] as the Yew component and performs the same
//! [`effects`]: it reads the stored choice, loads what that choice allows, shows the banner
//! (or the floating button) built with the DOM, and handles "Tout accepter", "Tout refuser",
//! × and Esc. When the visitor asks for the preferences panel ("Personnaliser", the floating
//! button, a `data-cookie-charter-open` link or `showPreferences()`), it calls the page's
//! `open_full` callback: the page loads the Yew UI, calls [`unmount`], and the Yew UI takes
//! over with the panel open. A first visit that accepts or refuses never loads Yew.
//!
//! The JS API (`crate::api`) acts on it through [`dispatch`] and [`with_choice`].
//!
//! The state is never borrowed while the page's code can run (DOM events, focus, the change
//! event), so a listener may call the JS API at any time.

mod markup;

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use crate::core::config::Config;
use crate::core::consent::{Action, Choice, ConsentState, View};
use crate::web::{clock, dom, effects, openers};
use crate::{prepare, Started};

/// Class on `<html>` while the banner shows (the stylesheet keeps focused elements above it).
const BANNER_OPEN_CLASS: &str = "cookie-charter-banner-open";

/// The running first layer.
struct FirstLayer {
    state: ConsentState,
    config: Rc<Config>,
    /// `#cookie-charter`, appended to `<body>`.
    host: Element,
    /// `.cookie-charter` inside it: holds the banner or the floating button.
    root: Element,
    /// Asks the page to load the Yew UI and hand over to it.
    open_full: js_sys::Function,
    /// Where focus was before the banner took it.
    focus_before: Option<HtmlElement>,
    /// Clicks and keys on the root, clicks on opener links: dropped with the layer.
    _listeners: Vec<EventListener>,
}

thread_local! {
    static LAYER: RefCell<Option<FirstLayer>> = const { RefCell::new(None) };
}

/// Renders the first layer for `started` and loads what the stored choice allows.
pub fn render(started: Started, open_full: js_sys::Function) {
    let Some(mount) = prepare(&started, true) else {
        return;
    };
    let config = started.config;
    let state = ConsentState::new(started.charter, mount.stored)
        .with_gpc(mount.gpc)
        .with_storage(mount.storage_available);
    let Some(root) = dom::append(
        &mount.host,
        "div",
        &[("lang", config.lang.tag()), ("class", "cookie-charter")],
        None,
    ) else {
        return;
    };
    let listeners = [
        EventListener::new(&root, "click", |event| {
            let action = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.closest("[data-action]").ok().flatten())
                .and_then(|el| el.get_attribute("data-action"));
            match action.as_deref() {
                Some("accept-all") => dispatch(Action::AcceptAll(clock::now())),
                // Closing is refusing (CNIL): × stores a refusal.
                Some("refuse-all" | "dismiss") => dispatch(Action::RefuseAll(clock::now())),
                Some("customise" | "manage") => show_preferences(),
                _ => {}
            }
        }),
        EventListener::new_with_options(
            &root,
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            |event| {
                let escape = event
                    .dyn_ref::<KeyboardEvent>()
                    .is_some_and(|key| key.key() == "Escape");
                let in_banner = event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|el| el.closest(".cookie-charter__banner").ok().flatten())
                    .is_some();
                if escape && in_banner {
                    event.prevent_default();
                    dispatch(Action::RefuseAll(clock::now()));
                }
            },
        ),
    ];
    let listeners = listeners
        .into_iter()
        .chain(openers::listen(show_preferences))
        .collect();
    let allowed = state.allowed_optional();
    let host = mount.host.clone();
    LAYER.with(|l| {
        *l.borrow_mut() = Some(FirstLayer {
            state,
            config: config.clone(),
            host: mount.host,
            root,
            open_full,
            focus_before: None,
            _listeners: listeners,
        })
    });
    // What the stored choice allows loads at once, even from a tag in <head>; the banner
    // shows as soon as there is a <body> to put it in.
    effects::allow(&allowed, &config);
    if dom::still_parsing() {
        // Blocked tags further down the page: activated once they are parsed.
        dom::when_parsed(|| {
            let current = LAYER.with(|l| {
                let layer = l.borrow();
                let layer = layer.as_ref()?;
                Some((layer.state.allowed_optional(), layer.config.clone()))
            });
            if let Some((allowed, config)) = current {
                effects::allow(&allowed, &config);
            }
        });
    }
    dom::when_body(move |body| {
        let view = LAYER.with(|l| l.borrow().as_ref().map(|l| l.state.view));
        if let Some(view) = view {
            if body.append_child(&host).is_ok() {
                show(view);
            }
        }
    });
}

/// Applies `action` to the state, then shows the new view and performs the effects it calls
/// for, as the Yew component's hooks do. The JS API's actions come here too.
pub(crate) fn dispatch(action: Action) {
    let change = LAYER.with(|l| {
        let mut layer = l.borrow_mut();
        let layer = layer.as_mut()?;
        let next = layer.state.apply(action);
        let previous = std::mem::replace(&mut layer.state, next.clone());
        Some((previous, next, layer.config.clone()))
    });
    let Some((previous, next, config)) = change else {
        return;
    };
    if next.view != previous.view {
        show(next.view);
    }
    if next.decisions != previous.decisions {
        effects::after_decision(&next, &config);
    }
    let allowed = next.allowed_optional();
    if allowed != previous.allowed_optional() {
        effects::allow(&allowed, &config);
    }
}

/// Replaces what the root shows with `view`: the banner (taking focus, and giving it back
/// when it goes), the floating button if configured, or nothing.
fn show(view: View) {
    let parts = LAYER.with(|l| {
        let mut layer = l.borrow_mut();
        let layer = layer.as_mut()?;
        let gpc_notice = layer.state.shows_gpc_notice();
        Some((
            layer.root.clone(),
            layer.config.clone(),
            gpc_notice,
            layer.focus_before.take(),
        ))
    });
    let Some((root, config, gpc_notice, focus_before)) = parts else {
        return;
    };
    root.set_text_content(None);
    dom::set_document_class(BANNER_OPEN_CLASS, view == View::Banner);
    dom::restore_focus(focus_before);
    match view {
        View::Banner => {
            let previous = dom::focused_element();
            let policy_url = config.policy_url.as_deref();
            if let Some(banner) = markup::banner(&root, config.lang, policy_url, gpc_notice) {
                if let Ok(banner) = banner.dyn_into::<HtmlElement>() {
                    let _ = banner.focus();
                }
            }
            LAYER.with(|l| {
                if let Some(layer) = l.borrow_mut().as_mut() {
                    layer.focus_before = previous;
                }
            });
        }
        View::Closed if config.floating_button => {
            markup::floating_button(&root, config.lang);
        }
        // The panel is the Yew UI's: `show_preferences` hands over instead.
        View::Closed | View::Preferences => {}
    }
}

/// `f` of the current choice (`None` before a choice, or when the layer is not running): what
/// the JS API's `getConsent()` and `getReceipt()` read.
pub(crate) fn with_choice<R>(f: impl FnOnce(Option<&Choice>) -> R) -> R {
    LAYER.with(|l| f(l.borrow().as_ref().and_then(|l| l.state.choice.as_ref())))
}

/// Asks the page for the preferences panel: it loads the Yew UI, which takes over.
fn show_preferences() {
    let open_full = LAYER.with(|l| l.borrow().as_ref().map(|l| l.open_full.clone()));
    if let Some(open_full) = open_full {
        let _ = open_full.call0(&JsValue::NULL);
    }
}

/// Stops the first layer for the Yew UI to take over: its elements, listeners and `<html>`
/// class go. What it loaded stays (the Yew UI never loads it twice).
#[wasm_bindgen(js_name = unmount)]
pub fn unmount() {
    let layer = LAYER.with(|l| l.borrow_mut().take());
    if let Some(layer) = layer {
        layer.host.remove();
        dom::set_document_class(BANNER_OPEN_CLASS, false);
    }
}
