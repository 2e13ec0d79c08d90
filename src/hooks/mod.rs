//! Hooks the Yew UI's components use.

mod use_focus;

pub use use_focus::use_modal_dialog;
