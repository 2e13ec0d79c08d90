//! cookie-charter: a cookie-consent banner for open-data portals, in Rust and WebAssembly.
//!
//! This file only declares the modules; each says what it is for:
//! - [`core`]: pure logic (charter, consent state, cookie codec, configuration checks, texts),
//!   which knows nothing of the browser;
//! - [`web`]: thin wrappers over the browser APIs it needs;
//! - [`start`]: start-up, from the embed settings to a running loop;
//! - [`state_loop`]: the one state → effects loop;
//! - [`banner`]: the one banner (and the floating button), built with the DOM;
//! - [`first_layer`]: the loop's view on the page, which asks for the Yew UI on demand;
//! - [`api`]: the JS API's wasm side;
//! - with the `ui` feature: [`components`], [`hooks`] and [`yew_ui`], the Yew UI that draws the
//!   preferences panel and the charter page from what the first layer hands over.
//!
//! `scripts/build.sh` builds the crate twice: without `ui` (`cookie-charter_bg.wasm`, loaded on
//! every page, which exports `start`, `first_layer::act` and `api`) and with it
//! (`cookie-charter-ui_bg.wasm`, loaded on demand, which exports `yew_ui`).

#[cfg(all(target_arch = "wasm32", not(feature = "ui")))]
mod allocator;
pub mod api;
pub mod banner;
#[cfg(feature = "ui")]
pub mod components;
pub mod core;
pub mod first_layer;
#[cfg(feature = "ui")]
pub mod hooks;
pub mod start;
pub mod state_loop;
pub mod web;
#[cfg(feature = "ui")]
pub mod yew_ui;
