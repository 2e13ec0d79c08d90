//! Hooks that connect the consent state to the page.

mod use_consent_effects;
mod use_focus;
mod use_open_triggers;

pub use use_consent_effects::use_consent_effects;
pub use use_focus::{use_document_class, use_focus_while_shown, use_modal_dialog};
pub use use_open_triggers::use_open_triggers;
