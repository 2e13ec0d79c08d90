use std::rc::Rc;

use yew::prelude::*;

use super::{Banner, Preferences};
use crate::core::charter::Charter;
use crate::core::config::Config;
use crate::core::consent::{Action, Choice, ConsentState, View};
use crate::hooks::{use_consent_effects, use_open_triggers};
use crate::web::clock;

/// The consent state is the component's reducer: each action gives the next state (the same
/// `Rc` when nothing changed, so nothing re-renders).
impl Reducible for ConsentState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// Properties of [`ConsentManager`].
#[derive(Properties, PartialEq)]
pub struct ConsentManagerProps {
    /// The checked configuration.
    pub config: Rc<Config>,
    /// The charter asked about.
    pub charter: Rc<Charter>,
    /// The valid choice read from the cookie, if any.
    pub stored: Option<Choice>,
    /// The browser sends Global Privacy Control.
    #[prop_or_default]
    pub gpc: bool,
    /// Cookies work on this page (else nothing optional is ever allowed).
    #[prop_or(true)]
    pub storage_available: bool,
    /// Start with the preferences panel open (taking over from the first layer, whose
    /// "Personnaliser" was clicked).
    #[prop_or_default]
    pub open_preferences: bool,
}

/// The root component: holds the consent state, shows the banner or the panel, and lets the
/// hooks store choices and load what they allow.
#[component]
pub fn ConsentManager(props: &ConsentManagerProps) -> Html {
    let state = {
        let charter = props.charter.clone();
        let stored = props.stored.clone();
        let (gpc, storage, open) = (props.gpc, props.storage_available, props.open_preferences);
        use_reducer(move || {
            let state = ConsentState::new(charter, stored)
                .with_gpc(gpc)
                .with_storage(storage);
            if open {
                state.apply(Action::OpenPreferences)
            } else {
                state
            }
        })
    };
    {
        // Before the effects: the JS API sees this state when the change event fires.
        let state = state.clone();
        use_effect(move || crate::api::register(state));
    }
    use_consent_effects(&state, props.config.clone());

    let dispatcher = state.dispatcher();
    let on_open = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |(), _| {
            dispatcher.dispatch(Action::OpenPreferences)
        })
    };
    use_open_triggers(on_open);

    let on_click = |action: fn() -> Action| {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action()))
    };
    let on_dismiss = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::RefuseAll(clock::now())))
    };
    let on_close = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::ClosePreferences))
    };
    let lang = props.config.lang;

    let view = match state.view {
        View::Closed if props.config.floating_button => html! {
            <button type="button" class="cookie-charter__floating" data-action="manage"
                    onclick={on_click(|| Action::OpenPreferences)}>{ lang.texts().manage_cookies }</button>
        },
        View::Closed => html! {},
        View::Banner => html! {
            <Banner {lang}
                    policy_url={props.config.policy_url.clone().map(AttrValue::from)}
                    gpc_notice={state.shows_gpc_notice()}
                    {on_dismiss}
                    on_accept_all={on_click(|| Action::AcceptAll(clock::now()))}
                    on_refuse_all={on_click(|| Action::RefuseAll(clock::now()))}
                    on_customise={on_click(|| Action::OpenPreferences)} />
        },
        View::Preferences => {
            let on_toggle = {
                let dispatcher = dispatcher.clone();
                Callback::from(move |id: String| dispatcher.dispatch(Action::Toggle(id)))
            };
            html! {
                <Preferences {lang} charter={state.charter.clone()} draft={state.draft.clone()}
                             {on_toggle}
                             on_save={on_click(|| Action::SavePreferences(clock::now()))}
                             {on_close} />
            }
        }
    };
    html! {
        <div class="cookie-charter" lang={lang.tag()}>{ view }</div>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::{json, presets::Preset};

    #[test]
    fn reducer_keeps_the_same_rc_when_nothing_changes() {
        let charter = Rc::new(Preset::Default.charter(json::parse));
        let s = Rc::new(ConsentState::new(charter, None));
        let same = s.clone().reduce(Action::ClosePreferences);
        assert!(Rc::ptr_eq(&s, &same));
        let changed = s.clone().reduce(Action::OpenPreferences);
        assert!(!Rc::ptr_eq(&s, &changed));
    }
}
