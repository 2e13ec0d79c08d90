//! A portal's page as a Yew application: the consent banner from `cookie-charter`, a line that
//! follows the visitor's choice, and a "Gérer mes cookies" button.

use cookie_charter::{Choice, CookieCharter, Settings, SettingsError};
use yew::prelude::*;

/// The portal's settings, checked once: the Saint-Nazaire agglomeration's charter, its
/// audience script (loaded only after opt-in), Google Consent Mode and Matomo told of each choice.
fn settings() -> Result<Settings, Vec<SettingsError>> {
    Settings::builder()
        .preset("saintnazaire")
        .audience_src("/stub-audience.js")
        .policy_url("/charte-cookies.html")
        .google_consent_mode(true)
        .matomo(true)
        .build()
}

/// What the page says of the audience measurement, from the choice.
fn audience_line(choice: Option<&Choice>) -> &'static str {
    match choice {
        None => "aucun choix",
        Some(choice) if choice.allows("audience") => "mesure d'audience acceptée",
        Some(_) => "mesure d'audience refusée",
    }
}

#[function_component]
fn App() -> Html {
    let settings = use_memo((), |_| settings());
    // Filled in by on_change: once the consent loop has read the stored choice, then on each change.
    let choice = use_state(|| None);
    let changes = use_state(|| 0u32);
    let on_change = {
        let (choice, changes) = (choice.clone(), changes.clone());
        Callback::from(move |new: Option<Choice>| {
            choice.set(new);
            changes.set(*changes + 1);
        })
    };
    let consent = match &*settings {
        Ok(settings) => html! { <CookieCharter settings={settings.clone()} {on_change} /> },
        Err(errors) => html! {
            <ul id="settings-errors">
                { for errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }
            </ul>
        },
    };
    html! {
        <main>
            <h1>{ "Portail de données (application Yew)" }</h1>
            { consent }
            <p>{ "Choix : " }<span id="audience">{ audience_line(choice.as_ref()) }</span></p>
            <p>{ "Choix reçus : " }<span id="changes">{ *changes }</span></p>
            <button id="manage" onclick={|_| cookie_charter::show_preferences()}>
                { "Gérer mes cookies" }
            </button>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
