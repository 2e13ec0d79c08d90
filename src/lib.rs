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
//! layer alone. The shipped JavaScript modules' wasm exports are declared by the bundle crates
//! of `crates/bundles/` (see `wasm-pack.toml`), never here: a Rust application's wasm exports
//! nothing of this crate's.
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

// The size rules of clippy.toml bind this crate (CONTRIBUTING.md, "The size rules"): every
// first visit runs its first layer. What only the `ui` feature compiles (the Yew UI, the
// component a Rust application renders) allows them where it is declared; tests are exempt.
#![cfg_attr(test, allow(clippy::disallowed_methods, clippy::disallowed_macros))]

pub mod api;
pub mod app;
pub mod banner;
#[cfg(feature = "ui")]
#[allow(clippy::disallowed_methods, clippy::disallowed_macros)] // the Yew UI: never a first visit's
pub mod components;
pub use cookie_charter_core as core;
pub mod first_layer;
pub mod panel;
pub mod start;
pub mod state_loop;
pub use cookie_charter_web as web;
#[cfg(feature = "ui")]
#[allow(clippy::disallowed_methods, clippy::disallowed_macros)] // the Yew UI: never a first visit's
pub mod yew_ui;

pub use app::{choice, show_preferences};
#[cfg(feature = "ui")]
pub use app::{CookieCharter, CookieCharterProps, Settings, SettingsBuilder, SettingsError};
pub use core::consent::Choice;
