//! The one banner: the first layer a first visit sees, and the small fixed "Gérer mes cookies"
//! button. Each is a widget: `show` puts it in the page and returns a handle; dropping the handle
//! removes it (the banner gives the focus back to where it was if it was lost with it). Their DOM
//! is drawn by the page's JavaScript (`widgets.js`); what a press means is decided here and
//! reported to the caller.

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::core::i18n::BannerTexts;
use crate::web::callbacks::Callback;
use crate::widget::Widget;

#[wasm_bindgen(module = "/src/widgets.js")]
extern "C" {
    /// Draws the banner in `parent`; `on` gets each press's `data-action` (see `widgets.js`).
    /// `None` when the page's DOM threw (reported there).
    fn show_banner(
        parent: &Element,
        sentences: &str,
        policy: Option<&str>,
        gpc: bool,
        on: &Callback,
    ) -> Option<Element>;
    /// Draws the floating button in `parent`; `on` gets "manage" on each click.
    fn show_floating(parent: &Element, label: &str, on: &Callback) -> Option<Element>;
}

/// What the visitor did on the banner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pressed {
    /// "Tout accepter".
    AcceptAll,
    /// "Tout refuser", the close button or Esc: closing is refusing (CNIL).
    RefuseAll,
    /// "Personnaliser".
    Customise,
}

impl Pressed {
    /// The press a banner button's `data-action` stands for.
    fn of(action: &str) -> Option<Pressed> {
        match action {
            "accept-all" => Some(Pressed::AcceptAll),
            "refuse-all" | "dismiss" => Some(Pressed::RefuseAll),
            "customise" => Some(Pressed::Customise),
            _ => None,
        }
    }
}

/// What the banner says besides its fixed texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BannerContent<'a> {
    /// The texts, in the page's language.
    pub texts: &'a BannerTexts,
    /// Link to the portal's "Charte cookies" page, if any.
    pub policy_url: Option<&'a str>,
    /// Say that the browser's Global Privacy Control keeps audience measurement refused.
    pub gpc_notice: bool,
}

/// The banner on the page: a short text, the charter link, three buttons of equal weight and a
/// close button. It takes focus in the task after it is shown; dropping it removes it and gives
/// focus back.
pub struct Banner {
    _widget: Widget,
}

impl Banner {
    /// Appends the banner to `parent`, moves focus to it in the next task and reports each press
    /// to `on`. `None` if the page's DOM refused it.
    pub fn show(
        parent: &Element,
        content: BannerContent<'_>,
        on: impl Fn(Pressed) + 'static,
    ) -> Option<Banner> {
        let sentences = content.texts.joined();
        let widget = Widget::new(
            |callback| {
                show_banner(
                    parent,
                    &sentences,
                    content.policy_url,
                    content.gpc_notice,
                    callback,
                )
            },
            Pressed::of,
            on,
        );
        Some(Banner { _widget: widget? })
    }
}

/// The floating "Gérer mes cookies" button; dropping it removes it.
pub struct FloatingButton {
    _widget: Widget,
}

impl FloatingButton {
    /// Appends the button to `parent`; `on_open` is called on each click. `None` if the page's
    /// DOM refused it.
    pub fn show(
        parent: &Element,
        texts: &BannerTexts,
        on_open: impl Fn() + 'static,
    ) -> Option<FloatingButton> {
        let widget = Widget::new(
            |callback| show_floating(parent, texts.manage_cookies(), callback),
            |_| Some(()),
            move |()| on_open(),
        );
        Some(FloatingButton { _widget: widget? })
    }
}
