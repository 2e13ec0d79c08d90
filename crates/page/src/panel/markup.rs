//! The panel's markup, built with the DOM: elements, attributes and texts only (no listeners, no
//! inline styles: `cookie-charter.css` styles it). Switches are `<input type="checkbox"
//! role="switch">` with a `<label>`; a category of services has a `role="checkbox"` button
//! instead, whose `aria-checked` says whether all, some or none of them are on.

use web_sys::Element;

use super::PanelContent;
use crate::core::charter::{Category, CookieRow, Service};
use crate::core::i18n::{BannerTexts, Lang};
use crate::core::text::text;
use crate::markup::{actions, head};
use crate::web::dom::append;

/// Appends the panel's `<dialog>` to `parent`.
pub fn panel(parent: &Element, content: PanelContent<'_>) -> Option<Element> {
    let t = content.texts;
    let dialog = append(
        parent,
        "dialog",
        &[
            ("class", "cookie-charter__panel"),
            ("aria-labelledby", "cookie-charter-panel-title"),
        ],
        None,
    )?;
    head(
        &dialog,
        "cookie-charter-panel-title",
        t.preferences_title(),
        "close",
        t.close(),
    )?;
    append(
        &dialog,
        "p",
        &[("class", "cookie-charter__text")],
        Some(t.preferences_text()),
    )?;
    actions(
        &dialog,
        &[
            ("accept-all", t.accept_all()),
            ("refuse-all", t.refuse_all()),
        ],
    )?;
    for category in &content.charter.categories {
        let rows = content.charter.cookies_of(&category.id);
        category_view(&dialog, content, category, rows)?;
    }
    actions(&dialog, &[("save", t.save())])?;
    if let Some(id) = content.receipt {
        let line = append(
            &dialog,
            "p",
            &[("class", "cookie-charter__text cookie-charter__receipt")],
            Some(t.receipt_label()),
        )?;
        // Apart, in `<code>`: the visitor copies it into a message to the portal.
        line.append_with_str_1(" ").ok()?;
        append(&line, "code", &[], Some(id))?;
        append(
            &dialog,
            "p",
            &[("class", "cookie-charter__text cookie-charter__receipt-help")],
            Some(t.receipt_help()),
        )?;
    }
    Some(dialog)
}

/// One category: its switch (for a category of services, one that turns them all on or off),
/// whether it is always on, its description, its cookies, and a switch per service.
fn category_view<'a>(
    parent: &Element,
    content: PanelContent<'_>,
    category: &Category,
    rows: impl Iterator<Item = &'a CookieRow>,
) -> Option<()> {
    let (t, lang) = (content.texts, content.texts.lang);
    let block = append(
        parent,
        "div",
        &[("class", "cookie-charter__category")],
        None,
    )?;
    let row = append(
        &block,
        "div",
        &[("class", "cookie-charter__switch-row")],
        None,
    )?;
    let id = text!("cookie-charter-category-", category.id);
    let description_id = text!(id, "-description");
    let title = category.title.get(lang);
    if category.services.is_empty() {
        switch(
            &row,
            &id,
            ("data-category", &category.id),
            category.required,
            &description_id,
        )?;
    } else {
        let mut services = String::new();
        for s in &category.services {
            if !services.is_empty() {
                services.push(' ');
            }
            services.push_str(&s.id);
        }
        // Its `aria-checked` is the draft's (`show_draft`).
        append(
            &row,
            "button",
            &[
                ("type", "button"),
                ("role", "checkbox"),
                ("class", "cookie-charter__switch"),
                ("id", &id),
                ("data-category", &category.id),
                ("data-services", &services),
                ("aria-describedby", &description_id),
            ],
            None,
        )?;
    }
    append(&row, "label", &[("for", &id)], Some(title))?;
    if category.required {
        append(
            &row,
            "span",
            &[("class", "cookie-charter__always-on")],
            Some(t.always_on()),
        )?;
    }
    append(
        &block,
        "p",
        &[
            ("id", &description_id),
            ("class", "cookie-charter__description"),
        ],
        Some(category.description.get(lang)),
    )?;
    let mut names = Vec::new();
    for cookie in rows {
        names.push(if cookie.name.is_empty() {
            cookie.service.get(lang)
        } else {
            cookie.name.as_str()
        });
    }
    cookies(&block, t, &names)?;
    for service in &category.services {
        service_view(&block, content, service, &description_id)?;
    }
    Some(())
}

/// A service of a category: its switch and its cookies.
fn service_view(
    parent: &Element,
    content: PanelContent<'_>,
    service: &Service,
    description_id: &str,
) -> Option<()> {
    let lang: Lang = content.texts.lang;
    let block = append(parent, "div", &[("class", "cookie-charter__service")], None)?;
    let row = append(
        &block,
        "div",
        &[("class", "cookie-charter__switch-row")],
        None,
    )?;
    let id = text!("cookie-charter-service-", service.id);
    switch(
        &row,
        &id,
        ("data-service", &service.id),
        false,
        description_id,
    )?;
    let name = service.name.get(lang);
    let label = if service.provider.is_empty() || service.provider == name {
        name.to_owned()
    } else {
        text!(name, " (", service.provider, ")")
    };
    append(&row, "label", &[("for", &id)], Some(&label))?;
    let mut names = Vec::new();
    for pattern in &service.cookies {
        names.push(pattern.as_str());
    }
    if !names.is_empty() {
        cookies(&block, content.texts, &names)?;
    }
    Some(())
}

/// An `<input type="checkbox" role="switch">` for one category or service: checked and disabled
/// when it is always on, else unchecked until the draft is shown on it (`show_draft`).
fn switch(
    parent: &Element,
    id: &str,
    (attribute, value): (&str, &str),
    required: bool,
    describedby: &str,
) -> Option<()> {
    let input = append(
        parent,
        "input",
        &[
            ("type", "checkbox"),
            ("role", "switch"),
            ("class", "cookie-charter__switch"),
            ("id", id),
            (attribute, value),
            ("aria-describedby", describedby),
        ],
        None,
    )?;
    if required {
        input.set_attribute("checked", "").ok()?;
        input.set_attribute("disabled", "").ok()?;
    }
    Some(())
}

/// "Cookies : a, b, c".
fn cookies(parent: &Element, t: &BannerTexts, names: &[&str]) -> Option<()> {
    let mut line = text!(t.cookies_used(), " ");
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            line.push_str(", ");
        }
        line.push_str(name);
    }
    append(
        parent,
        "p",
        &[("class", "cookie-charter__cookies")],
        Some(&line),
    )?;
    Some(())
}
