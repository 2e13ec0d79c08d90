//! The pure core: charter, consent state, cookie codec, configuration checks and texts.
//! Nothing here touches the browser, so all of it is tested natively with `cargo test`.

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
