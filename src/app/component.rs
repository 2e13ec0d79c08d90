//! The entry component of a Rust application: `<CookieCharter settings={…} on_change={…} />`.
//! It renders nothing in place: like the script tag, it starts the consent loop, which shows
//! the banner (and later the floating button) in `#cookie-charter` at the end of `<body>`, and
//! draws the preferences panel with the Yew UI of the same wasm, at once.

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::settings::Settings;
use crate::core::consent::Choice;
use crate::page::start;
use crate::web::{events, stylesheet};
use crate::yew_ui;

/// The banner's and the Yew UI's styles, applied by the component (as constructed stylesheets,
/// which a strict `style-src 'self'` allows).
const STYLES: [&str; 2] = [
    include_str!("../../styles/cookie-charter.css"),
    include_str!("../../styles/cookie-charter-ui.css"),
];

/// Properties of [`CookieCharter`].
#[derive(Properties, PartialEq)]
pub struct CookieCharterProps {
    /// The checked settings (see [`Settings::builder`]). Read once, when the component is first
    /// rendered: the consent loop runs once a page.
    pub settings: Settings,
    /// Told the visitor's choice once the loop has started (the stored choice, or `None`), then
    /// after each change (made here, in another tab, or a reset: `None`).
    #[prop_or_default]
    pub on_change: Callback<Option<Choice>>,
}

/// Starts the consent loop on the page exactly as the script tag does: the stored choice,
/// Global Privacy Control, whether cookies work, Google Consent Mode / Matomo at page load,
/// the audience script and blocked tags as the choice allows, the banner and the panel.
/// Render it once, near the root of the application; the loop lives as long as the page (a
/// second one, or the same one mounted again, only warns in the console).
#[function_component]
pub fn CookieCharter(props: &CookieCharterProps) -> Html {
    // The latest callback: the listener below, set up once, always tells the current one.
    let on_change = use_mut_ref(Callback::noop);
    *on_change.borrow_mut() = props.on_change.clone();
    let settings = props.settings.clone();
    use_effect_with((), move |_| {
        for css in STYLES {
            stylesheet::adopt(css);
        }
        let tell = move || {
            let callback = on_change.borrow().clone();
            callback.emit(super::choice());
        };
        let listener = crate::web::window::window()
            .and_then(|w| w.document())
            .map(|document| {
                let tell = tell.clone();
                EventListener::new(&document, events::CHANGE_EVENT, move |_| tell())
            });
        let started = start::start_checked(settings.config().clone(), yew_ui::same_wasm_requests());
        // Once a page (the loop starts once), so the closure may live as long as the page.
        let told = Closure::once(move |_: JsValue| tell());
        let _ = started.then(&told);
        told.forget();
        move || drop(listener)
    });
    Html::default()
}
