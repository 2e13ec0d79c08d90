use std::rc::Rc;

use yew::prelude::*;

use crate::core::charter::AUDIENCE;
use crate::core::config::Config;
use crate::core::consent::ConsentState;
use crate::web::{blocked_tags, consent_store, console, cookies, events, scripts};

/// Performs what the consent state calls for:
/// - on each new choice: store it in the cookie, erase the cookies of withdrawn categories,
///   dispatch `cookie-charter:change`, and reload if configured after a withdrawal;
/// - for each optional category the choice allows: activate its blocked tags, and for
///   `audience` add the audience script — never before consent.
#[hook]
pub fn use_consent_effects(state: &UseReducerHandle<ConsentState>, config: Rc<Config>) {
    {
        let state = state.clone();
        let config = config.clone();
        use_effect_with(state.decisions, move |decisions| {
            let Some(choice) = state.choice.as_ref().filter(|_| *decisions > 0) else { return };
            consent_store::save(choice, &config);
            for category in &state.withdrawn {
                cookies::erase_matching(&state.charter.erase_patterns(category), config.cookie_domain.as_deref());
            }
            events::dispatch_change(choice);
            if config.reload_on_withdraw && !state.withdrawn.is_empty() {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            }
        });
    }
    let allowed: Vec<String> =
        state.charter.optional_categories().filter(|c| state.allows(&c.id)).map(|c| c.id.clone()).collect();
    use_effect_with(allowed, move |allowed| {
        for category in allowed {
            if category == AUDIENCE {
                if let Some(src) = &config.audience_src {
                    if let Err(e) = scripts::load_audience_once(src) {
                        console::error(&e.to_string());
                    }
                }
            }
            wasm_bindgen_futures::spawn_local(blocked_tags::activate(category.clone()));
        }
    });
}
