//! The banner's and the floating button's markup, built with the DOM: elements, attributes and
//! texts only (no listeners, no inline styles: `cookie-charter.css` styles them).

use web_sys::Element;

use super::BannerContent;
use crate::core::i18n::BannerTexts;
use crate::markup::{actions, head};
use crate::web::dom::append;

/// Appends the banner to `parent`: title, close button, text with the charter link, the Global
/// Privacy Control notice if asked, and the three buttons of equal weight. Clicks are read by
/// their `data-action`.
pub fn banner(parent: &Element, content: BannerContent<'_>) -> Option<Element> {
    let BannerContent {
        texts: t,
        policy_url,
        gpc_notice,
    } = content;
    let section = append(
        parent,
        "section",
        &[
            ("role", "dialog"),
            ("aria-modal", "false"),
            ("tabindex", "-1"),
            ("aria-labelledby", "cookie-charter-banner-title"),
            ("aria-describedby", "cookie-charter-banner-text"),
            ("class", "cookie-charter__banner"),
        ],
        None,
    )?;
    head(
        &section,
        "cookie-charter-banner-title",
        t.banner_title(),
        "dismiss",
        t.close_banner(),
    )?;
    let text = append(
        &section,
        "p",
        &[
            ("id", "cookie-charter-banner-text"),
            ("class", "cookie-charter__text"),
        ],
        Some(t.banner_text()),
    )?;
    if let Some(url) = policy_url {
        text.append_with_str_1(" ").ok()?;
        append(
            &text,
            "a",
            &[("href", url), ("class", "cookie-charter__link")],
            Some(t.policy_link()),
        )?;
    }
    if gpc_notice {
        append(
            &section,
            "p",
            &[("data-notice", "gpc"), ("class", "cookie-charter__notice")],
            Some(t.gpc_notice()),
        )?;
    }
    actions(
        &section,
        &[
            ("accept-all", t.accept_all()),
            ("refuse-all", t.refuse_all()),
            ("customise", t.customise()),
        ],
    )?;
    Some(section)
}

/// Appends the floating "Gérer mes cookies" button to `parent`.
pub fn floating_button(parent: &Element, texts: &BannerTexts) -> Option<Element> {
    append(
        parent,
        "button",
        &[
            ("type", "button"),
            ("data-action", "manage"),
            ("class", "cookie-charter__floating"),
        ],
        Some(texts.manage_cookies()),
    )
}
