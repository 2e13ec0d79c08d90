//! The preferences panel: a modal `<dialog>` with "Tout accepter" and "Tout refuser" (refusing in
//! detail is never more steps than accepting), one switch per optional category or service, each
//! category's cookies, and a save button. It is a widget like the banner: `show` opens it and
//! returns a handle; [`Panel::update`] shows new switches' states; dropping the handle closes and
//! removes it and gives focus back to where it was. Its DOM is drawn by the page's JavaScript
//! (`widgets.js`) from the records written here; what each act means is decided here and
//! reported to the caller.

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::core::charter::Charter;
use crate::core::i18n::{BannerTexts, Lang, SEPARATOR};
use crate::web::callbacks::Callback;
use crate::widget::Widget;

#[wasm_bindgen(module = "/src/widgets.js")]
extern "C" {
    /// Draws the panel in `parent` and opens it; `on` gets each act (see `widgets.js`).
    fn show_panel(
        parent: &Element,
        sentences: &str,
        charter: &str,
        receipt: Option<&str>,
        on: &Callback,
    ) -> Option<Element>;
    /// Shows the draft (ids, space-separated) on the switches.
    fn show_draft(dialog: &Element, draft: &str);
}

/// Between two fields of a record of [`records`]: the sentences' separator.
const FIELD: char = SEPARATOR;
/// Between two records: like it, no charter text, id or cookie name holds it
/// (`core::charter_json` checks).
const RECORD: char = '\u{1e}';

/// What the visitor did in the panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PanelAct {
    /// A switch was flipped: the category's or the service's id.
    Toggle(String),
    /// "Enregistrer mes choix".
    Save,
    /// "Tout accepter".
    AcceptAll,
    /// "Tout refuser".
    RefuseAll,
    /// The close button or Esc: closed without saving.
    Close,
}

impl PanelAct {
    /// The act a button's `data-action`, or "toggle <id>", stands for.
    fn of(action: &str) -> Option<PanelAct> {
        Some(match action {
            "close" => PanelAct::Close,
            "accept-all" => PanelAct::AcceptAll,
            "refuse-all" => PanelAct::RefuseAll,
            "save" => PanelAct::Save,
            _ => PanelAct::Toggle(action.strip_prefix("toggle ")?.to_owned()),
        })
    }
}

/// What the panel shows.
#[derive(Clone, Copy, Debug)]
pub struct PanelContent<'a> {
    /// The sentences, in the page's language.
    pub texts: &'a BannerTexts,
    /// The charter whose categories and services get a switch.
    pub charter: &'a Charter,
    /// The optional categories and services switched on.
    pub draft: &'a [String],
    /// The id of the visitor's last consent receipt, if one is kept: what to quote to the
    /// portal about this choice.
    pub receipt: Option<&'a str>,
}

/// The open panel.
pub struct Panel {
    widget: Widget,
}

impl Panel {
    /// Appends the panel to `parent`, opens it as a modal dialog (focus inside, the page inert)
    /// and reports each act to `on`. `None` if the page's DOM refused it.
    pub fn show(
        parent: &Element,
        content: PanelContent<'_>,
        on: impl Fn(PanelAct) + 'static,
    ) -> Option<Panel> {
        let (sentences, records) = (
            content.texts.joined(),
            records(content.charter, content.texts.lang),
        );
        let widget = Widget::new(
            |callback| show_panel(parent, &sentences, &records, content.receipt, callback),
            PanelAct::of,
            on,
        );
        let panel = Panel { widget: widget? };
        panel.update(content.draft);
        Some(panel)
    }

    /// Shows `draft` (the optional categories and services switched on) on the switches.
    pub fn update(&self, draft: &[String]) {
        show_draft(&self.widget.element, &spaced(draft));
    }
}

/// The ids of `draft`, space-separated (ids hold no space), as `widgets.js` reads them.
fn spaced(draft: &[String]) -> String {
    let mut ids = String::new();
    for id in draft {
        ids.push_str(id);
        ids.push(' ');
    }
    ids
}

/// What the panel shows of `charter` in `lang`: a record a category (`C`, its id, `1` if always
/// on, title, description, its services' ids space-separated, then the names of its cookies, an
/// unnamed one by its service), each followed by a record a service of it (`S`, its id, name,
/// provider, then its cookie patterns).
fn records(charter: &Charter, lang: Lang) -> String {
    let mut out = String::new();
    for category in &charter.categories {
        out.push('C');
        field(&mut out, &category.id);
        field(&mut out, if category.required { "1" } else { "" });
        field(&mut out, category.title.get(lang));
        field(&mut out, category.description.get(lang));
        field(&mut out, "");
        for (i, service) in category.services.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&service.id);
        }
        for row in charter.cookies_of(&category.id) {
            field(
                &mut out,
                if row.name.is_empty() {
                    row.service.get(lang)
                } else {
                    &row.name
                },
            );
        }
        for service in &category.services {
            out.push(RECORD);
            out.push('S');
            field(&mut out, &service.id);
            field(&mut out, service.name.get(lang));
            field(&mut out, &service.provider);
            for pattern in &service.cookies {
                field(&mut out, pattern);
            }
        }
        out.push(RECORD);
    }
    out
}

/// Appends one field to a record.
fn field(out: &mut String, value: &str) {
    out.push(FIELD);
    out.push_str(value);
}
