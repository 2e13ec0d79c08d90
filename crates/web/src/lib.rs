//! cookie-charter's thin web layer: each module wraps one browser API for the banner.
//!
//! A crate of its own, between the pure core below (whose types it knows) and the banner's
//! state loop and views above (which it never knows), so that each build of the banner takes
//! the same wrappers and the compiler keeps the layers pointing one way.
//!
//! Every first visit carries it, so the size rules of the repository's `clippy.toml` bind all of
//! it (CONTRIBUTING.md, "The size rules"); only its tests are exempt.
#![cfg_attr(test, allow(clippy::disallowed_methods, clippy::disallowed_macros))]

#[cfg(all(target_arch = "wasm32", feature = "small-allocator"))]
mod allocator;
pub mod attributes;
pub mod blocked_tags;
pub mod callbacks;
pub mod charter_source;
pub mod clock;
pub mod consent_store;
pub mod console;
pub mod cookies;
pub mod dom;
pub mod effects;
pub mod events;
pub mod fetch;
pub mod integrations;
pub mod json;
pub mod location;
pub mod options;
pub mod page_events;
pub mod placeholders;
pub mod privacy_signals;
pub mod receipts;
pub mod register;
pub mod scripts;
pub mod stylesheet;
pub mod tasks;
pub mod texts;
pub mod window;
