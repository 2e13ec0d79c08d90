//! What a new consent state calls for on the page: the state loop (`cookie_charter::state_loop`) calls
//! these from the difference between the old and the new state.

use cookie_charter_core::charter::{Charter, AUDIENCE};
use cookie_charter_core::config::Config;
use cookie_charter_core::consent::ConsentState;
use cookie_charter_core::text::text;

use super::scripts::Loaded;
use super::{
    blocked_tags, consent_store, console, cookies, events, integrations, receipts, register,
    scripts,
};

/// After a new choice (or a reset): store it in the cookie with a new consent receipt (or
/// delete both) and, with `data-server-cookie`, have the register set the same cookie; erase the cookies of withdrawn categories, tell Google Consent Mode / Matomo
/// if configured, dispatch `cookie-charter:change`, and reload if configured after a withdrawal.
///
/// Each step stands alone: none of the browser APIs behind them (storage, crypto, beacon, the
/// page's `dataLayer` / `_paq`, its event listeners) can throw past it; a failure is a console
/// warning and the other steps still happen.
pub fn after_decision(state: &ConsentState, config: &Config) {
    match &state.choice {
        Some(choice) => {
            let mut kept = choice.clone();
            kept.receipt = receipts::random_id();
            let value = consent_store::save(&kept, &state.charter, config);
            register::keep_choice(&value, config);
            receipts::record(&kept, config);
        }
        None => {
            consent_store::forget(config);
            register::choice_forgotten(config);
            receipts::forget();
        }
    }
    if !state.withdrawn.is_empty() {
        // Exactly what was withdrawn: a cookie that a still-accepted service or category (or a
        // required one) also sets stays.
        let choice = state.choice.as_ref();
        let (erased, kept) = state
            .charter
            .withdrawal(&state.withdrawn, &|id| choice.is_some_and(|c| c.allows(id)));
        cookies::erase_matching(
            &erased,
            &kept,
            config.cookie_domain.as_deref(),
            &config.cookie_name,
        );
    }
    announce(state, config);
}

/// After a choice made elsewhere reached this page (another tab, or while it sat in the
/// back/forward cache): nothing to store or erase (the deciding page did), but this page's
/// Google Consent Mode / Matomo, its `cookie-charter:change` listeners and, after a
/// withdrawal, its reload are as for a choice made here.
pub fn after_sync(state: &ConsentState, config: &Config) {
    announce(state, config);
}

/// Tells the page about the state's choice as it is applied (`choice_in_force`: never a
/// consent the component does not act on): Google Consent Mode / Matomo / Piano if configured,
/// `cookie-charter:change`, and a reload if configured after a withdrawal.
fn announce(state: &ConsentState, config: &Config) {
    let told = state.choice_in_force();
    integrations::on_decision(config, told.as_ref());
    events::dispatch_change(told.as_ref(), &state.charter);
    if config.reload_on_withdraw && !state.withdrawn.is_empty() {
        let _ = super::location::reload();
    }
}

/// For each of `allowed` (optional categories and services of `charter` the choice allows):
/// activate its blocked tags, add a service's own `script`, and for `audience` the audience
/// script. Safe to call again: each tag and script is added once a page.
pub fn allow(allowed: &[String], charter: &Charter, config: &Config) {
    let nonce = config.nonce.as_deref();
    for id in allowed {
        // A service's own script, or for `audience` the audience script.
        let (attribute, script) = match charter.service(id) {
            Some(service) => (
                "data-cookie-service",
                service
                    .script
                    .as_ref()
                    .map(|src| (src, Loaded::Service(id))),
            ),
            None => (
                "data-cookie-category",
                config
                    .audience_src
                    .as_ref()
                    .filter(|_| id == AUDIENCE)
                    .map(|src| (src, Loaded::Audience)),
            ),
        };
        if let Some((src, what)) = script {
            if let Err(e) = scripts::load_once(src, nonce, what) {
                console::error(&text!(e));
            }
        }
        blocked_tags::activate(attribute, id, config.nonce.clone());
    }
}
