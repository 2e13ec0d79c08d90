//! The pure core of cookie-charter: the charter, the consent state, the `cookies_preferences`
//! codec, the checks of a page's configuration, and the texts.
//!
//! A crate of its own so that nothing here can reach the browser or a database: it has no
//! dependency on either, every module of it is tested natively with `cargo test`, and each build
//! that needs the model (the banner's wasm modules, the consent register) takes it alone.
//!
//! It is part of every first visit's wasm, so the size rules of the repository's `clippy.toml`
//! bind all of it (CONTRIBUTING.md, "The size rules"); only its tests are exempt.
#![cfg_attr(test, allow(clippy::disallowed_methods, clippy::disallowed_macros))]

pub mod charter;
pub mod charter_json;
pub mod config;
pub mod consent;
pub mod cookie_codec;
pub mod cookie_patterns;
pub mod i18n;
pub mod integrations;
pub mod json;
pub mod presets;
pub mod quote;
pub mod receipt;
pub mod services;
pub mod structure;
pub mod text;
pub mod url;
