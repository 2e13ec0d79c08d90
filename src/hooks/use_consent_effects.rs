use std::rc::Rc;

use yew::prelude::*;

use crate::core::charter::AUDIENCE;
use crate::core::config::Config;
use crate::core::consent::ConsentState;
use crate::web::{consent_store, console, scripts};

/// Performs what the consent state calls for: stores each new choice in the cookie, and adds
/// the audience script once audience measurement is allowed — never before.
#[hook]
pub fn use_consent_effects(state: &UseReducerHandle<ConsentState>, config: Rc<Config>) {
    {
        let state = state.clone();
        let config = config.clone();
        use_effect_with(state.decisions, move |decisions| {
            if *decisions > 0 {
                if let Some(choice) = &state.choice {
                    consent_store::save(choice, &config);
                }
            }
        });
    }
    use_effect_with(state.allows(AUDIENCE), move |allowed| {
        if *allowed {
            if let Some(src) = &config.audience_src {
                if let Err(e) = scripts::load_audience_once(src) {
                    console::error(&e.to_string());
                }
            }
        }
    });
}
