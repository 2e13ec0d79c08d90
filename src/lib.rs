//! cookie-charter: a cookie-consent banner for open-data portals, in Rust and WebAssembly.
//!
//! Portals embed it with one `<script>` tag (see the README); a Rust application built with
//! [Yew](https://yew.rs) renders the [`CookieCharter`] component instead, which runs the same
//! banner, preferences panel and consent loop: the stored `cookies_preferences` choice, Global
//! Privacy Control, the audience script loaded only after opt-in, Google Consent Mode and Matomo.
//!
//! ```no_run
//! use cookie_charter::{CookieCharter, Settings};
//! use yew::prelude::*;
//!
//! #[function_component]
//! fn App() -> Html {
//!     // Built once: every value is checked (a bad one is an error here, not a silent fallback).
//!     let settings = use_memo((), |_| {
//!         Settings::builder()
//!             .preset("soregies")
//!             .audience_src("/matomo.js")
//!             .policy_url("/charte-cookies")
//!             .matomo(true)
//!             .build()
//!             .expect("valid cookie-charter settings")
//!     });
//!     let audience = use_state(|| cookie_charter::choice().is_some_and(|c| c.allows("audience")));
//!     let on_change = {
//!         let audience = audience.clone();
//!         Callback::from(move |choice: Option<cookie_charter::Choice>| {
//!             audience.set(choice.is_some_and(|c| c.allows("audience")))
//!         })
//!     };
//!     html! {
//!         <>
//!             <CookieCharter settings={(*settings).clone()} {on_change} />
//!             <p>{ if *audience { "Mesure d'audience acceptée" } else { "Pas de mesure d'audience" } }</p>
//!             <button onclick={|_| cookie_charter::show_preferences()}>{ "Gérer mes cookies" }</button>
//!         </>
//!     }
//! }
//! ```
//!
//! Features: `ui` (default) is the Yew UI and the component; without it the crate is the first
//! layer alone. `js-first-layer` and `js-ui` are what the project's own build uses for the
//! shipped JavaScript modules (their wasm exports, a small allocator, tracing compiled out):
//! a Rust application leaves them off.
//!
//! The modules below are the implementation; each says what it is for:
//! - [`core`]: pure logic (charter, consent state, cookie codec, configuration checks, texts),
//!   the crate `cookie-charter-core` (crates/core), which knows nothing of the browser;
//! - [`web`]: thin wrappers over the browser APIs it needs, the crate `cookie-charter-web`
//!   (crates/web);
//! - [`start`]: start-up, from the embed settings to a running loop;
//! - [`state_loop`]: the one state → effects loop;
//! - [`banner`]: the one banner (and the floating button), built with the DOM;
//! - [`panel`]: the preferences panel, built with the DOM;
//! - [`first_layer`]: the loop's view on the page, which asks for the Yew UI's charter page
//!   where the page has a place for it;
//! - [`api`]: the JS API's wasm side;
//! - [`app`]: what a Rust application uses (settings, the component, the choice);
//! - with the `ui` feature: [`components`] and [`yew_ui`], the Yew UI that draws the charter
//!   page from what the first layer hands over.
//!
//! `scripts/build.sh` builds the crate twice (see `wasm-pack.toml`): with `js-first-layer`
//! (`cookie-charter_bg.wasm`, loaded on every page, which exports `start` and `api`) and with
//! `js-ui` (`cookie-charter-ui_bg.wasm`, loaded on a charter page, which exports `yew_ui`).

// The size rules of clippy.toml bind the first layer's build, the code every first visit runs
// (CONTRIBUTING.md, "The size rules"); a Rust application's build, the Yew UI and the tests are
// exempt.
#![cfg_attr(
    any(test, not(feature = "js-first-layer")),
    allow(clippy::disallowed_methods, clippy::disallowed_macros)
)]

// Each shipped module of this crate is the crate built with one of these features and nothing
// else: the first layer with Yew (`ui`, which `js-ui` brings) would carry the whole UI and export
// the functions of two modules at once.
#[cfg(all(feature = "js-first-layer", feature = "ui"))]
compile_error!(
    "each shipped module is built alone (wasm-pack.toml): `--no-default-features --features \
     js-first-layer` or `js-ui`, one of them"
);

pub mod api;
pub mod app;
pub mod banner;
#[cfg(feature = "ui")]
pub mod components;
pub use cookie_charter_core as core;
pub mod first_layer;
pub mod panel;
pub mod start;
pub mod state_loop;
pub use cookie_charter_web as web;
#[cfg(feature = "ui")]
pub mod yew_ui;

pub use app::{choice, show_preferences};
#[cfg(feature = "ui")]
pub use app::{CookieCharter, CookieCharterProps, Settings, SettingsBuilder, SettingsError};
pub use core::consent::Choice;
