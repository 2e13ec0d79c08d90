use yew::prelude::*;

use crate::core::i18n::Lang;

/// Properties of [`Banner`].
#[derive(Properties, PartialEq)]
pub struct BannerProps {
    /// Language of the texts.
    pub lang: Lang,
    /// Link to the portal's "Charte cookies" page, if any.
    pub policy_url: Option<AttrValue>,
    /// "Tout accepter".
    pub on_accept_all: Callback<MouseEvent>,
    /// "Tout refuser".
    pub on_refuse_all: Callback<MouseEvent>,
    /// "Personnaliser".
    pub on_customise: Callback<MouseEvent>,
}

/// The first layer: a short text, the charter link and three buttons of equal weight.
#[component]
pub fn Banner(props: &BannerProps) -> Html {
    let t = props.lang.texts();
    html! {
        <section class="cookie-charter__banner" role="dialog" aria-modal="false"
                 aria-labelledby="cookie-charter-banner-title"
                 aria-describedby="cookie-charter-banner-text">
            <h2 id="cookie-charter-banner-title" class="cookie-charter__title">{ t.banner_title }</h2>
            <p id="cookie-charter-banner-text" class="cookie-charter__text">
                { t.banner_text }
                if let Some(url) = &props.policy_url {
                    { " " }
                    <a class="cookie-charter__link" href={url.clone()}>{ t.policy_link }</a>
                }
            </p>
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
