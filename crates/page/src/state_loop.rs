//! The one state → effects loop. It holds the visitor's [`ConsentState`] and the checked
//! [`Config`]; [`dispatch`] applies an action, performs the effects the difference between the
//! old and the new state calls for ([`effects`]), then tells its one subscriber (the view) the
//! new state. Whoever shows the consent UI and whatever calls the JS API goes through it, so
//! each effect is written once.
//!
//! The state is never borrowed while the page's code can run (effects dispatch events, the view
//! moves focus), so a listener may call the API, and so [`dispatch`], at any time.

use std::cell::RefCell;
use std::rc::Rc;

use crate::core::config::Config;
use crate::core::consent::{Action, ConsentState};
use crate::web::effects;

/// Told each new state; shows it.
type View = Rc<dyn Fn(&ConsentState)>;

struct Running {
    state: ConsentState,
    config: Rc<Config>,
    view: Option<View>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
}

/// Starts the loop on the state read at page load (replacing any loop started before) and
/// loads what that state allows at once: a returning visitor's audience script does not wait
/// for the page.
pub fn start(state: ConsentState, config: Rc<Config>) {
    RUNNING.with(|r| {
        *r.borrow_mut() = Some(Running {
            state,
            config,
            view: None,
        })
    });
    allow_again();
}

/// Loads what the current state allows again: for blocked tags the parser added since (each
/// tag and the audience script are still added once a page).
pub fn allow_again() {
    if let Some((allowed, charter, config)) = with_running(|r| {
        let state = &r.state;
        (
            state.allowed_optional(),
            state.charter.clone(),
            r.config.clone(),
        )
    }) {
        effects::allow(&allowed, &charter, &config);
    }
}

/// Makes `view` the subscriber (replacing the previous one) and shows it the current state.
pub fn subscribe(view: impl Fn(&ConsentState) + 'static) {
    let view: View = Rc::new(view);
    let state = with_running(|r| {
        r.view = Some(view.clone());
        r.state.clone()
    });
    if let Some(state) = state {
        view(&state);
    }
}

/// Applies `action`: the new state replaces the old one, the view is told first (a closed
/// banner is gone, and the focus back where it was, before the page's listeners and scripts
/// run), then the effects the difference calls for are performed (storing and announcing a new
/// choice, loading what it allows). Does nothing before [`start`].
pub fn dispatch(action: Action) {
    let change = with_running(|r| {
        let next = r.state.apply(action);
        let previous = std::mem::replace(&mut r.state, next.clone());
        (previous, next, r.config.clone(), r.view.clone())
    });
    let Some((previous, next, config, view)) = change else {
        return;
    };
    if let Some(view) = view {
        view(&next);
    }
    if next.decisions != previous.decisions {
        effects::after_decision(&next, &config);
    } else if next.choice != previous.choice {
        effects::after_sync(&next, &config);
    }
    let allowed = next.allowed_optional();
    if allowed != previous.allowed_optional() {
        effects::allow(&allowed, &next.charter, &config);
    }
}

/// `f` of the current state, or `None` before [`start`].
pub fn with_state<R>(f: impl FnOnce(&ConsentState) -> R) -> Option<R> {
    with_running(|r| f(&r.state))
}

/// Stops the loop: its view is dropped (with whatever it shows), nothing more happens.
pub fn stop() {
    let running = RUNNING.with(|r| r.borrow_mut().take());
    drop(running);
}

fn with_running<R>(f: impl FnOnce(&mut Running) -> R) -> Option<R> {
    RUNNING.with(|r| r.borrow_mut().as_mut().map(f))
}
