use std::rc::Rc;

use yew::prelude::*;

use super::CharterTable;
use crate::core::charter::Charter;
use crate::core::i18n::Texts;

/// Properties of [`CharterPage`].
#[derive(Properties, PartialEq)]
pub struct CharterPageProps {
    /// The charter to show.
    pub charter: Rc<Charter>,
    /// The built-in texts, in the page's language (which the charter's texts follow).
    pub texts: Rc<Texts>,
}

/// One section of the introduction, in the chosen language.
struct SectionView<'a> {
    heading: Option<&'a str>,
    paragraphs: Vec<&'a str>,
    items: Vec<&'a str>,
}

/// The whole "Charte cookies": the introduction (the charter's own, else the built-in one),
/// the heading naming the portal, and the table.
#[component]
pub fn CharterPage(props: &CharterPageProps) -> Html {
    let t = &*props.texts;
    let lang = t.banner.lang;
    let charter = &props.charter;
    let sections: Vec<SectionView<'_>> = match &charter.intro {
        Some(intro) => intro
            .iter()
            .map(|s| SectionView {
                heading: s.heading.as_ref().map(|h| h.get(lang)),
                paragraphs: s.paragraphs.iter().map(|p| p.get(lang)).collect(),
                items: s.items.iter().map(|i| i.get(lang)).collect(),
            })
            .collect(),
        None => t
            .charter_intro
            .iter()
            .map(|s| SectionView {
                heading: s.heading.as_deref(),
                paragraphs: s.paragraphs.iter().map(String::as_str).collect(),
                items: s.items.iter().map(String::as_str).collect(),
            })
            .collect(),
    };
    html! {
        <div class="cookie-charter__charter" lang={lang.tag()}>
            for section in sections {
                if let Some(heading) = section.heading {
                    <h2 class="cookie-charter__charter-heading">{ heading }</h2>
                }
                for paragraph in section.paragraphs {
                    <p>{ paragraph }</p>
                }
                if !section.items.is_empty() {
                    <ul>
                        for item in section.items {
                            <li>{ item }</li>
                        }
                    </ul>
                }
            }
            <h2 class="cookie-charter__charter-heading">
                { t.purposes_heading.clone() }{ " " }
                if let Some(url) = &charter.url {
                    <a href={url.clone()}>{ url }</a>
                } else {
                    { &charter.portal }
                }
            </h2>
            <CharterTable charter={charter.clone()} texts={props.texts.clone()} />
        </div>
    }
}
