//! cookie-charter's page runtime: what every first visit of a portal runs, from the embed
//! settings to a running consent loop, the banner, the preferences panel and the effects of a
//! choice.
//!
//! A crate of its own above the pure core and the web layer, and below what only some pages or
//! applications load (the charter reader, the Yew UI, the `CookieCharter` component), so that
//! nothing of Yew can reach a first visit: this crate does not depend on it. The shipped first
//! layer (`crates/bundles/cookie-charter`) declares its JavaScript exports over it; a Rust
//! application gets it through the `cookie-charter` crate's component.
//!
//! Every first visit carries all of it, so the size rules of the repository's `clippy.toml`
//! bind it (CONTRIBUTING.md, "The size rules"); only its tests are exempt.
//!
//! - [`start`]: start-up, from the embed settings to a running loop;
//! - [`state_loop`]: the one state → effects loop;
//! - [`view`]: the loop's view on the page (banner, panel, floating button), which asks
//!   the page for the Yew UI's charter page where the page has a place for it;
//! - [`banner`] and [`panel`]: widgets that clean up on drop, drawn by the page's JavaScript
//!   (`widgets.js`) and deciding here what each press means;
//! - [`api`]: the JavaScript API's wasm side.
#![cfg_attr(test, allow(clippy::disallowed_methods, clippy::disallowed_macros))]

pub mod api;
pub mod banner;
pub mod panel;
pub mod start;
pub mod state_loop;
pub mod view;
mod widget;

use cookie_charter_core as core;
use cookie_charter_web as web;
