//! The thin web layer: each module wraps one browser API for the rest of the crate.

pub mod attributes;
pub mod charter_source;
pub mod clock;
pub mod console;
pub mod consent_store;
pub mod cookies;
pub mod fetch;
pub mod scripts;
