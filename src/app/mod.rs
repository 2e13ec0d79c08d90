//! What a Rust application uses: [`Settings`] (built only through their checks), the
//! [`CookieCharter`] component that starts the same consent loop as the
//! script tag, and typed access to the visitor's choice. The banner, the panel and every effect
//! of a choice are the ones the script tag runs: this module only starts them and reads them.

mod component;
mod settings;

pub use component::{CookieCharter, CookieCharterProps};
pub use settings::{Settings, SettingsBuilder, SettingsError};

use crate::core::consent::{Action, Choice};
use crate::page::state_loop;

/// The visitor's current choice as it is applied (every optional category refused when
/// nothing optional may load: cookies that cannot be kept, a fallback charter), or `None` when
/// they have not chosen (or the consent loop has not started). [`Choice::allows`] answers
/// "may this category run?".
pub fn choice() -> Option<Choice> {
    state_loop::with_state(|s| s.choice_in_force()).flatten()
}

/// Opens the preferences panel, as a "Gérer mes cookies" link does.
pub fn show_preferences() {
    state_loop::dispatch(Action::OpenPreferences);
}
