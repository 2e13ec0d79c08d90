use std::rc::Rc;

use yew::prelude::*;

use crate::core::config::Config;
use crate::core::consent::ConsentState;
use crate::web::effects;

/// Performs what the consent state calls for (see [`effects`]): after each new choice (or
/// reset), [`effects::after_decision`]; for the optional categories the choice allows,
/// [`effects::allow`] — never before consent.
#[hook]
pub fn use_consent_effects(state: &UseReducerHandle<ConsentState>, config: Rc<Config>) {
    {
        let state = state.clone();
        let config = config.clone();
        use_effect_with(state.decisions, move |decisions| {
            if *decisions > 0 {
                effects::after_decision(&state, &config);
            }
        });
    }
    use_effect_with(state.allowed_optional(), move |allowed| {
        effects::allow(allowed, &config)
    });
}
