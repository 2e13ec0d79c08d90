use yew::prelude::*;

use crate::core::i18n::Lang;
use crate::hooks::{use_document_class, use_focus_while_shown};

/// Properties of [`Banner`].
#[derive(Properties, PartialEq)]
pub struct BannerProps {
    /// Language of the texts.
    pub lang: Lang,
    /// Link to the portal's "Charte cookies" page, if any.
    pub policy_url: Option<AttrValue>,
    /// Say that the browser's Global Privacy Control keeps audience measurement refused.
    #[prop_or_default]
    pub gpc_notice: bool,
    /// "Tout accepter".
    pub on_accept_all: Callback<MouseEvent>,
    /// "Tout refuser".
    pub on_refuse_all: Callback<MouseEvent>,
    /// "Personnaliser".
    pub on_customise: Callback<MouseEvent>,
    /// The close button or Esc: closing counts as refusing.
    pub on_dismiss: Callback<()>,
}

/// The first layer: a short text, the charter link and three buttons of equal weight, plus a
/// close button (and Esc) that refuses. It takes focus when it appears and gives it back.
#[component]
pub fn Banner(props: &BannerProps) -> Html {
    let t = props.lang.texts();
    let node = use_node_ref();
    use_focus_while_shown(node.clone());
    use_document_class("cookie-charter-banner-open");
    let onkeydown = {
        let on_dismiss = props.on_dismiss.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_dismiss.emit(());
            }
        })
    };
    let on_close = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <section ref={node} class="cookie-charter__banner" role="dialog" aria-modal="false" tabindex="-1"
                 aria-labelledby="cookie-charter-banner-title"
                 aria-describedby="cookie-charter-banner-text" {onkeydown}>
            <div class="cookie-charter__panel-head">
                <h2 id="cookie-charter-banner-title" class="cookie-charter__title">{ t.banner_title }</h2>
                <button type="button" class="cookie-charter__close" data-action="dismiss"
                        aria-label={t.close_banner} title={t.close_banner} onclick={on_close}>{ "×" }</button>
            </div>
            <p id="cookie-charter-banner-text" class="cookie-charter__text">
                { t.banner_text }
                if let Some(url) = &props.policy_url {
                    { " " }
                    <a class="cookie-charter__link" href={url.clone()}>{ t.policy_link }</a>
                }
            </p>
            if props.gpc_notice {
                <p class="cookie-charter__notice" data-notice="gpc">{ t.gpc_notice }</p>
            }
            <div class="cookie-charter__actions">
                <button type="button" class="cookie-charter__button" data-action="accept-all"
                        onclick={props.on_accept_all.clone()}>{ t.accept_all }</button>
                <button type="button" class="cookie-charter__button" data-action="refuse-all"
                        onclick={props.on_refuse_all.clone()}>{ t.refuse_all }</button>
                <button type="button" class="cookie-charter__button" data-action="customise"
                        onclick={props.on_customise.clone()}>{ t.customise }</button>
            </div>
        </section>
    }
}
