//! The thin web layer: each module wraps one browser API for the rest of the crate.

pub mod attributes;
pub mod blocked_tags;
pub mod charter_source;
pub mod clock;
pub mod consent_store;
pub mod console;
pub mod cookies;
pub mod dom;
pub mod effects;
pub mod elsewhere;
pub mod events;
pub mod fetch;
pub mod integrations;
pub mod json;
pub mod local_storage;
pub mod openers;
pub mod options;
pub mod placeholders;
pub mod privacy_signals;
pub mod receipts;
pub mod register;
pub mod scripts;
pub mod stylesheet;
pub mod tasks;
pub mod texts;
