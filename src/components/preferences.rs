use std::rc::Rc;

use yew::prelude::*;

use crate::core::charter::{Category, Charter, CookieRow, Service};
use crate::core::i18n::{Lang, Texts};
use crate::hooks::use_modal_dialog;

/// Properties of [`Preferences`].
#[derive(Properties, PartialEq)]
pub struct PreferencesProps {
    /// The charter whose categories get a switch.
    pub charter: Rc<Charter>,
    /// Optional categories switched on.
    pub draft: Vec<String>,
    /// The built-in texts, in the page's language (which the charter's texts follow).
    pub texts: Rc<Texts>,
    /// A switch was flipped: the category id.
    pub on_toggle: Callback<String>,
    /// "Enregistrer mes choix".
    pub on_save: Callback<MouseEvent>,
    /// "Tout accepter", inside the panel as on the banner.
    pub on_accept_all: Callback<MouseEvent>,
    /// "Tout refuser", inside the panel as on the banner: refusing in detail is never more
    /// steps than accepting.
    pub on_refuse_all: Callback<MouseEvent>,
    /// The close button or Esc.
    pub on_close: Callback<()>,
}

/// What a row is called in the panel's list: its cookie name, or its service when unnamed.
fn row_label(row: &CookieRow, lang: Lang) -> String {
    if row.name.is_empty() {
        row.service.get(lang).to_owned()
    } else {
        row.name.clone()
    }
}

/// A switch for `id` (a category without services, or a service), reporting its flips.
fn switch(
    props: &PreferencesProps,
    id: &str,
    kind: &str,
    label: &str,
    required: bool,
    describedby: &str,
) -> Html {
    let input_id = format!("cookie-charter-{kind}-{id}");
    let checked = required || props.draft.iter().any(|on| on == id);
    let on_toggle = props.on_toggle.clone();
    let toggled = id.to_owned();
    let onchange = Callback::from(move |_: Event| on_toggle.emit(toggled.clone()));
    html! {
        <>
            <input type="checkbox" role="switch" class="cookie-charter__switch"
                   id={input_id.clone()} data-category={(kind == "category").then(|| id.to_owned())}
                   data-service={(kind == "service").then(|| id.to_owned())}
                   checked={checked} disabled={required}
                   aria-describedby={describedby.to_owned()} {onchange} />
            <label for={input_id}>{ label.to_owned() }</label>
        </>
    }
}

/// One category of the panel: its switch (for a category of services, one that turns them all
/// on or off and says whether they are all, some or none on), its description, its cookies, and
/// a switch per service.
fn category_view(props: &PreferencesProps, category: &Category) -> Html {
    let t = &*props.texts;
    let lang = t.banner.lang;
    let description_id = format!("cookie-charter-category-{}-description", category.id);
    let head = if category.services.is_empty() {
        switch(
            props,
            &category.id,
            "category",
            category.title.get(lang),
            category.required,
            &description_id,
        )
    } else {
        let on = category
            .services
            .iter()
            .filter(|s| props.draft.contains(&s.id))
            .count();
        let state = match on {
            0 => "false",
            n if n == category.services.len() => "true",
            _ => "mixed",
        };
        let input_id = format!("cookie-charter-category-{}", category.id);
        let on_toggle = props.on_toggle.clone();
        let id = category.id.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_toggle.emit(id.clone()));
        html! {
            <>
                <button type="button" role="checkbox" class="cookie-charter__switch"
                        id={input_id.clone()} data-category={category.id.clone()}
                        aria-checked={state} aria-describedby={description_id.clone()} {onclick}></button>
                <label for={input_id}>{ category.title.get(lang) }</label>
            </>
        }
    };
    let cookies = |rows: Vec<String>| {
        html! {
            <p class="cookie-charter__cookies">{ t.cookies_used.clone() }{ " " }{ rows.join(", ") }</p>
        }
    };
    html! {
        <div class="cookie-charter__category" key={category.id.clone()}>
            <div class="cookie-charter__switch-row">
                { head }
                if category.required {
                    <span class="cookie-charter__always-on">{ t.always_on.clone() }</span>
                }
            </div>
            <p id={description_id.clone()} class="cookie-charter__description">
                { category.description.get(lang) }
            </p>
            { cookies(props.charter.cookies_of(&category.id).map(|row| row_label(row, lang)).collect()) }
            for service in category.services.iter() {
                <div class="cookie-charter__service" key={service.id.clone()}>
                    <div class="cookie-charter__switch-row">
                        { switch(props, &service.id, "service", &service_label(service, lang), false, &description_id) }
                    </div>
                    if !service.cookies.is_empty() {
                        { cookies(service.cookies.clone()) }
                    }
                </div>
            }
        </div>
    }
}

/// A service's name in the panel, with its provider when it has one.
fn service_label(service: &Service, lang: Lang) -> String {
    let name = service.name.get(lang);
    if service.provider.is_empty() || service.provider == name {
        name.to_owned()
    } else {
        format!("{name} ({})", service.provider)
    }
}

/// The preferences panel, a modal `<dialog>`: "Tout accepter" and "Tout refuser" (as the French
/// State design system's consent manager has them), one switch per category, each listing its
/// cookies, and a save button. Esc or the close button close it without saving.
#[component]
pub fn Preferences(props: &PreferencesProps) -> Html {
    let t = &*props.texts;
    let node = use_node_ref();
    use_modal_dialog(node.clone());
    let oncancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: Event| {
            e.prevent_default();
            on_close.emit(());
        })
    };
    let on_close_click = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <dialog ref={node} class="cookie-charter__panel" aria-labelledby="cookie-charter-panel-title" {oncancel}>
            <div class="cookie-charter__panel-head">
                <h2 id="cookie-charter-panel-title" class="cookie-charter__title">{ t.preferences_title.clone() }</h2>
                <button type="button" class="cookie-charter__close" aria-label={t.close.clone()}
                        title={t.close.clone()} onclick={on_close_click}>{ "×" }</button>
            </div>
            <p class="cookie-charter__text">{ t.preferences_text.clone() }</p>
            <div class="cookie-charter__actions">
                <button type="button" class="cookie-charter__button" data-action="accept-all"
                        onclick={props.on_accept_all.clone()}>{ t.banner.accept_all() }</button>
                <button type="button" class="cookie-charter__button" data-action="refuse-all"
                        onclick={props.on_refuse_all.clone()}>{ t.banner.refuse_all() }</button>
            </div>
            for category in props.charter.categories.iter() {
                { category_view(props, category) }
            }
            <div class="cookie-charter__actions">
                <button type="button" class="cookie-charter__button" data-action="save"
                        onclick={props.on_save.clone()}>{ t.save.clone() }</button>
            </div>
        </dialog>
    }
}
