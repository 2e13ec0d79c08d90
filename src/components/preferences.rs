use std::rc::Rc;

use yew::prelude::*;

use crate::core::charter::{Charter, CookieRow};
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

/// The preferences panel, a modal `<dialog>`: "Tout accepter" and "Tout refuser" (as the French
/// State design system's consent manager has them), one switch per category, each listing its
/// cookies, and a save button. Esc or the close button close it without saving.
#[component]
pub fn Preferences(props: &PreferencesProps) -> Html {
    let t = &*props.texts;
    let lang = t.banner.lang;
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
                {{
                    let id = category.id.clone();
                    let input_id = format!("cookie-charter-category-{id}");
                    let description_id = format!("{input_id}-description");
                    let checked = category.required || props.draft.contains(&id);
                    let on_toggle = props.on_toggle.clone();
                    let onchange = Callback::from(move |_: Event| on_toggle.emit(id.clone()));
                    html! {
                        <div class="cookie-charter__category" key={category.id.clone()}>
                            <div class="cookie-charter__switch-row">
                                <input type="checkbox" role="switch" class="cookie-charter__switch"
                                       id={input_id.clone()} data-category={category.id.clone()}
                                       checked={checked} disabled={category.required}
                                       aria-describedby={description_id.clone()} {onchange} />
                                <label for={input_id}>{ category.title.get(lang) }</label>
                                if category.required {
                                    <span class="cookie-charter__always-on">{ t.always_on.clone() }</span>
                                }
                            </div>
                            <p id={description_id} class="cookie-charter__description">
                                { category.description.get(lang) }
                            </p>
                            <p class="cookie-charter__cookies">
                                { t.cookies_used.clone() }{ " " }
                                { props.charter.cookies_of(&category.id)
                                    .map(|row| row_label(row, lang))
                                    .collect::<Vec<_>>()
                                    .join(", ") }
                            </p>
                        </div>
                    }
                }}
            }
            <div class="cookie-charter__actions">
                <button type="button" class="cookie-charter__button" data-action="save"
                        onclick={props.on_save.clone()}>{ t.save.clone() }</button>
            </div>
        </dialog>
    }
}
