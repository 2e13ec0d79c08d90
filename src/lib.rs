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
//! The crate is the facade a Rust application depends on: the component, its settings and the
//! choice, over the crates that do the work. The shipped JavaScript modules' wasm exports are
//! declared by the bundle crates of `crates/bundles/` (see `wasm-pack.toml`), never here: a Rust
//! application's wasm exports nothing of this crate's.
//!
//! What it is made of, each part a crate of its own so that the layers point one way:
//! - [`core`]: pure logic (charter, consent state, cookie codec, configuration checks, texts),
//!   the crate `cookie-charter-core` (crates/core), which knows nothing of the browser;
//! - [`web`]: thin wrappers over the browser APIs it needs, the crate `cookie-charter-web`
//!   (crates/web);
//! - [`page`]: the page runtime every first visit runs (start-up, the state loop, the banner,
//!   the panel, the JavaScript API), the crate `cookie-charter-page` (crates/page);
//! - here: [`app`] (what a Rust application uses: settings, the component, the choice), and
//!   [`components`] and [`yew_ui`], the Yew UI that draws the charter page from what the page
//!   runtime hands over.

// The size rules of clippy.toml bind what a first visit runs (CONTRIBUTING.md, "The size
// rules"): the layers below. This crate is the Yew UI and a Rust application's component,
// never a first visit's, so they do not bind it.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

pub mod app;
pub mod components;
pub use cookie_charter_core as core;
pub use cookie_charter_page as page;
pub use cookie_charter_web as web;
pub mod yew_ui;

pub use app::{choice, show_preferences};
pub use app::{CookieCharter, CookieCharterProps, Settings, SettingsBuilder, SettingsError};
pub use core::consent::Choice;
