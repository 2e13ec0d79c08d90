//! The page view: what the page shows of the consent state, without Yew. It is the
//! [`state_loop`]'s one subscriber: it shows the [`Banner`], the preferences [`Panel`] or the
//! [`FloatingButton`], turns what the visitor does there (and on `data-cookie-charter-open`
//! links and placeholders) into actions, and asks the page for the charter page the Yew UI
//! draws where the page has a `[data-cookie-charter-table]`, handing it a snapshot (language,
//! charter text) so that the Yew UI reads, fetches and checks nothing again. A choice made in
//! another tab, or while the page sat in the back/forward cache, reaches it as
//! [`Action::Stored`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::banner::{Banner, BannerContent, FloatingButton, Pressed};
use crate::core::config::Config;
use crate::core::consent::{Action, ConsentState, View};
use crate::panel::{Panel, PanelAct, PanelContent};
use crate::state_loop;
use crate::web::charter_source::{CharterRequest, CharterText, Own, ReadCharter};
use crate::web::page_events::{self, Heard};
use crate::web::texts::{LoadedTexts, TextsRequest};
use crate::web::{callbacks, clock, consent_store, dom, placeholders, receipts, register};

#[wasm_bindgen(module = "/src/widgets.js")]
extern "C" {
    /// `.cookie-charter` in `#cookie-charter`, in `lang`: the banner drawn early's root when it
    /// is in `lang`, else a new one to append to `<body>`. `None` when the page's DOM threw.
    fn consent_root(lang: &str) -> Option<Element>;
    /// Removes the banner drawn early if the first view did not adopt it.
    fn settle_early();
}

/// Elements matching this selector receive the full charter (introduction and table).
pub const TABLE_SELECTOR: &str = "[data-cookie-charter-table]";
/// What a page blocks until consent (blocked tags, embeds): watched for after the page is
/// parsed.
const BLOCKED_SELECTOR: &str = "[data-cookie-category],[data-cookie-service]";

/// The page's answers to the view's requests: for the script tag, `js/entry.js` loads
/// the Yew UI and the language modules for them ([`PageRequests::from_functions`]); in a Rust
/// application the Yew UI and every language are in the same wasm
/// (`yew_ui::same_wasm_requests`).
pub struct PageRequests {
    /// Called once with `{ texts, charter }` when the page has charter tables to fill.
    pub tables: Rc<dyn Fn(&JsValue)>,
    /// Asked for the built-in texts of a language other than French (see
    /// [`crate::web::texts`]).
    pub texts: TextsRequest,
    /// Asked to read a portal's own charter (see [`crate::web::charter_source`]).
    pub charter: CharterRequest,
}

impl PageRequests {
    /// Requests answered by JavaScript functions (what the entry module passes): `tables` takes
    /// a snapshot (whatever it throws stays with it); `texts(tag, done)` calls `done` once with
    /// the texts' JSON, or with `null`; `charter(url, json, tag, done)` (a portal's own charter:
    /// its `data-charter` URL or its inline JSON, the other `null`) calls `done` once with
    /// `[structure, json]` as [`crate::web::charter_source::read_own`] reads it, or with `null`.
    pub fn from_functions(tables: Function, texts: Function, charter: Function) -> PageRequests {
        PageRequests {
            charter: Rc::new(move |own, lang, done| {
                // The entry module's `charter` never throws: it answers through `done`, once.
                let done = callbacks::once(Box::new(move |answer: JsValue| {
                    let part = |at| answer.dyn_ref::<Array>()?.get(at).as_string();
                    done(
                        part(0)
                            .zip(part(1))
                            .map(|(structure, json)| ReadCharter { structure, json }),
                    )
                }));
                let (url, json) = match own {
                    Own::Url(url) => (url.into(), JsValue::NULL),
                    Own::Inline(json) => (JsValue::NULL, json.into()),
                };
                // `apply` rather than `call4`, which js-sys 0.3.72 (the lowest accepted) lacks.
                let args = Array::of4(&url, &json, &lang.tag().into(), &done);
                let _ = charter.apply(&JsValue::NULL, &args);
            }),
            texts: Rc::new(move |lang, done| {
                // The entry module's `texts` never throws: it answers through `done`, once.
                let done = callbacks::once(Box::new(move |json: JsValue| done(json.as_string())));
                let _ = texts.call2(&JsValue::NULL, &lang.tag().into(), &done);
            }),
            tables: Rc::new(move |snapshot| {
                let _ = tables.call1(&JsValue::NULL, snapshot);
            }),
        }
    }
}

/// What the view shows now.
enum Shown {
    Nothing,
    Banner(Banner),
    Floating(FloatingButton),
    Panel(Panel),
}

/// Shows the loop's state on the page as soon as it has a `<body>` (in `#cookie-charter`,
/// appended to it), listens to `data-cookie-charter-open` links, and once the page is parsed
/// activates the blocked tags added since and asks for the charter page if it has a place for
/// it.
pub fn show(
    config: Rc<Config>,
    charter_text: CharterText,
    texts: LoadedTexts,
    requests: PageRequests,
) {
    // The language of the texts shown (French when the page's could not be loaded).
    let lang = texts.texts.lang;
    receipts::texts_shown_in(lang);
    let Some(root) = consent_root(lang.tag()) else {
        return;
    };
    let tables = requests.tables.clone();
    let text = charter_text;
    let texts_json = texts.json.clone();
    let banner_texts = texts.texts.clone();
    dom::when_parsed(move || {
        // Blocked tags added since the start (by the parser, later by the page's own scripts,
        // as a single-page application does) run if allowed (each once); what stays blocked
        // of a service's embeds gets a placeholder.
        let blocked_added = move || {
            state_loop::allow_again();
            state_loop::with_state(|s| {
                placeholders::show(&s.charter, &banner_texts, &s.allowed_optional())
            });
        };
        blocked_added();
        dom::when_added(BLOCKED_SELECTOR, blocked_added);
        let has_tables = crate::web::window::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(TABLE_SELECTOR).ok().flatten())
            .is_some();
        if has_tables {
            tables(&snapshot(texts_json.as_deref(), &text).into());
        }
    });
    let stored_config = config.clone();
    let listening = page_events::listen(move |heard| match heard {
        Heard::Open => state_loop::dispatch(Action::OpenPreferences),
        Heard::Allow(service) => state_loop::dispatch(Action::AllowService(service, clock::now())),
        Heard::Reread => {
            let stored =
                state_loop::with_state(|s| consent_store::read(&stored_config, &s.charter));
            if let Some(stored) = stored {
                state_loop::dispatch(Action::Stored(stored));
            }
        }
    });
    let view = FirstLayerView {
        config,
        texts,
        root,
        shown: RefCell::new(Shown::Nothing),
        counted: Cell::new(false),
        _listening: listening,
    };
    dom::when_body(move |body| {
        // The root of the banner drawn early is in the page already.
        let host = view.root.parent_element();
        let in_page = host.as_ref().is_some_and(|host| host.is_connected());
        if in_page || host.is_some_and(|host| body.append_child(&host).is_ok()) {
            state_loop::subscribe(move |state| view.render(state));
        }
    });
}

/// The subscriber: what [`show`] set up.
struct FirstLayerView {
    config: Rc<Config>,
    texts: LoadedTexts,
    /// `.cookie-charter` inside `#cookie-charter`: holds the banner, the panel or the floating
    /// button.
    root: Element,
    shown: RefCell<Shown>,
    /// Whether the register was told that the banner was shown: once a page view.
    counted: Cell<bool>,
    /// `data-cookie-charter-open` links, placeholders' "Autoriser et afficher", and the
    /// moments to read the stored choice again (another tab, the back/forward cache).
    _listening: page_events::Listening,
}

impl FirstLayerView {
    /// Shows `state`: keeps what is shown when it still fits (the panel's switches brought up
    /// to date), else replaces it (dropping a widget gives focus back before anything new takes
    /// it).
    fn render(&self, state: &ConsentState) {
        let floating = self.config.floating_button;
        let current = self.shown.replace(Shown::Nothing);
        let next = match (current, state.view) {
            (Shown::Banner(banner), View::Banner) => Shown::Banner(banner),
            (Shown::Floating(button), View::Closed) if floating => Shown::Floating(button),
            (Shown::Panel(panel), View::Preferences) => {
                panel.update(&state.draft);
                Shown::Panel(panel)
            }
            (current, view) => {
                drop(current);
                self.shown_for(state, view)
            }
        };
        *self.shown.borrow_mut() = next;
        settle_early();
    }

    /// A new widget for `view`.
    fn shown_for(&self, state: &ConsentState, view: View) -> Shown {
        match view {
            View::Banner => {
                let content = BannerContent {
                    texts: &self.texts.texts,
                    policy_url: self.config.policy_url.as_deref(),
                    gpc_notice: state.shows_gpc_notice(),
                };
                if !self.counted.replace(true) {
                    let lang = self.texts.texts.lang;
                    register::banner_shown(&self.config, &state.charter.revision(), lang);
                }
                Banner::show(&self.root, content, |pressed| {
                    state_loop::dispatch(match pressed {
                        Pressed::AcceptAll => Action::AcceptAll(clock::now()),
                        Pressed::RefuseAll => Action::RefuseAll(clock::now()),
                        Pressed::Customise => Action::OpenPreferences,
                    })
                })
                .map_or(Shown::Nothing, Shown::Banner)
            }
            View::Closed if self.config.floating_button => {
                FloatingButton::show(&self.root, &self.texts.texts, || {
                    state_loop::dispatch(Action::OpenPreferences)
                })
                .map_or(Shown::Nothing, Shown::Floating)
            }
            View::Closed => Shown::Nothing,
            View::Preferences => {
                // The id in the cookie (a choice read at load), else the one given to the
                // choice made on this page.
                let receipt = state.choice.as_ref().and_then(receipts::id_of);
                let content = PanelContent {
                    texts: &self.texts.texts,
                    charter: &state.charter,
                    draft: &state.draft,
                    receipt: receipt.as_deref(),
                };
                Panel::show(&self.root, content, |act| {
                    state_loop::dispatch(match act {
                        PanelAct::Toggle(id) => Action::Toggle(id),
                        PanelAct::Save => Action::SavePreferences(clock::now()),
                        PanelAct::AcceptAll => Action::AcceptAll(clock::now()),
                        PanelAct::RefuseAll => Action::RefuseAll(clock::now()),
                        PanelAct::Close => Action::ClosePreferences,
                    })
                })
                .map_or(Shown::Nothing, Shown::Panel)
            }
        }
    }
}

/// `{ texts, charter | preset }` for the Yew UI: the texts' JSON (`null` for French, which the
/// Yew UI carries) and the charter's JSON, or the name of the built-in charter (whose file the
/// Yew UI carries).
fn snapshot(texts: Option<&str>, charter: &CharterText) -> Object {
    let object = Object::new();
    let texts = texts.map_or(JsValue::NULL, JsValue::from_str);
    let _ = Reflect::set(&object, &"texts".into(), &texts);
    let (key, value) = match charter {
        CharterText::Preset(preset) => ("preset", preset.name()),
        CharterText::Json(json) => ("charter", &**json),
    };
    let _ = Reflect::set(&object, &key.into(), &value.into());
    object
}
