use std::rc::Rc;

use yew::prelude::*;

use crate::core::charter::Charter;
use crate::core::i18n::Texts;

/// Properties of [`CharterTable`].
#[derive(Properties, PartialEq)]
pub struct CharterTableProps {
    /// The charter to show.
    pub charter: Rc<Charter>,
    /// The built-in texts, in the page's language (which the charter's texts follow).
    pub texts: Rc<Texts>,
}

/// The charter table: provider, service, cookie name and purpose, one row per cookie,
/// one group of rows per category.
#[component]
pub fn CharterTable(props: &CharterTableProps) -> Html {
    let t = &*props.texts;
    let lang = t.banner.lang;
    let charter = &props.charter;
    let caption = t.table_caption.replace("{portal}", &charter.portal);
    html! {
        <table class="cookie-charter__table" lang={lang.tag()}>
            <caption>{ caption }</caption>
            <thead>
                <tr>
                    for heading in t.table_headings.iter() {
                        <th scope="col">{ heading }</th>
                    }
                </tr>
            </thead>
            for category in charter.categories.iter() {
                <tbody key={category.id.clone()} data-category={category.id.clone()}>
                    <tr class="cookie-charter__group">
                        <th scope="rowgroup" colspan="4">{ category.table_heading().get(lang) }</th>
                    </tr>
                    for row in charter.cookies_of(&category.id) {
                        <tr class="cookie-charter__row">
                            <td>{ &row.provider }</td>
                            <td>{ row.service.get(lang) }</td>
                            <td><code>{ &row.name }</code></td>
                            <td>{ row.purpose.get(lang) }</td>
                        </tr>
                    }
                </tbody>
            }
        </table>
    }
}
