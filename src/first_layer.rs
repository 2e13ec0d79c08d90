//! The first layer: what the page shows of the consent state, without Yew. It is the
//! [`state_loop`]'s one subscriber: it shows the [`Banner`] or the [`FloatingButton`], turns
//! what the visitor does there (and on `data-cookie-charter-open` links) into actions, and asks
//! the page for what the Yew UI draws on demand — the preferences panel while the state is in
//! the panel, the charter page where the page has a `[data-cookie-charter-table]` — handing it
//! a snapshot (language, charter text, switches) so that the Yew UI reads, fetches and checks
//! nothing again. The Yew UI reports the visitor's acts back through [`act`]. A choice made in
//! another tab, or while the page sat in the back/forward cache, reaches it as
//! [`Action::Stored`].

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDialogElement};

use crate::banner::{Banner, BannerContent, FloatingButton, Pressed};
use crate::core::config::Config;
use crate::core::consent::{Action, ConsentState, View};
use crate::state_loop;
use crate::web::charter_source::CharterText;
use crate::web::texts::{LoadedTexts, TextsRequest};
use crate::web::{clock, consent_store, dom, elsewhere, openers, placeholders, receipts};

/// Id of the element the consent UI is rendered in, appended to `<body>`.
pub const ROOT_ID: &str = "cookie-charter";
/// Elements matching this selector receive the full charter (introduction and table).
pub const TABLE_SELECTOR: &str = "[data-cookie-charter-table]";
/// What a page blocks until consent (blocked tags, embeds): watched for after the page is
/// parsed.
const BLOCKED_SELECTOR: &str = "[data-cookie-category],[data-cookie-service]";

/// The page's answers to the first layer's requests: for the script tag, `js/entry.js` loads
/// the Yew UI for them ([`PageRequests::from_functions`]); in a Rust application the Yew UI is
/// in the same wasm (`yew_ui::same_wasm_requests`).
pub struct PageRequests {
    /// Called with a panel snapshot `{ host, texts, charter, draft }` whenever the panel is to
    /// be shown (again, when its switches changed), and with `null` when it is to close.
    pub panel: Rc<dyn Fn(&JsValue)>,
    /// Called once with `{ texts, charter }` when the page has charter tables to fill.
    pub tables: Rc<dyn Fn(&JsValue)>,
    /// Asked for the built-in texts of a language other than French (see
    /// [`crate::web::texts`]).
    pub texts: TextsRequest,
}

impl PageRequests {
    /// Requests answered by JavaScript functions (what the entry module passes): `panel` and
    /// `tables` take a snapshot (whatever they throw stays with them); `texts(tag, done)` calls
    /// `done` once with the texts' JSON, or with `null`.
    pub fn from_functions(panel: Function, tables: Function, texts: Function) -> PageRequests {
        PageRequests {
            texts: Rc::new(move |lang, done| {
                // The entry module's `texts` never throws: it answers through `done`, once.
                let done = Closure::once_into_js(move |json: JsValue| done(json.as_string()));
                let _ = texts.call2(&JsValue::NULL, &lang.tag().into(), &done);
            }),
            panel: Rc::new(move |snapshot| {
                let _ = panel.call1(&JsValue::NULL, snapshot);
            }),
            tables: Rc::new(move |snapshot| {
                let _ = tables.call1(&JsValue::NULL, snapshot);
            }),
        }
    }
}

/// What the first layer shows now.
enum Shown {
    Nothing,
    Banner(Banner),
    Floating(FloatingButton),
    /// The page was asked for the panel.
    Panel,
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
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(host) = document.create_element("div") else {
        return;
    };
    host.set_id(ROOT_ID);
    // The language of the texts shown (French when the page's could not be loaded).
    let lang = texts.texts.lang;
    receipts::texts_shown_in(lang);
    let Some(root) = dom::append(
        &host,
        "div",
        &[("lang", lang.tag()), ("class", "cookie-charter")],
        None,
    ) else {
        return;
    };
    let Some(panel_host) = dom::append(&root, "div", &[], None) else {
        return;
    };
    let tables = requests.tables.clone();
    let text = charter_text.clone();
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
        let has_tables = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(TABLE_SELECTOR).ok().flatten())
            .is_some();
        if has_tables {
            tables(&snapshot(texts_json.as_deref(), &text, None).into());
        }
    });
    let opener = openers::listen(|| state_loop::dispatch(Action::OpenPreferences));
    let allow = placeholders::listen(|service| {
        state_loop::dispatch(Action::AllowService(service, clock::now()))
    });
    let stored_config = config.clone();
    let elsewhere = elsewhere::listen(move || {
        let stored = state_loop::with_state(|s| consent_store::read(&stored_config, &s.charter));
        if let Some(stored) = stored {
            state_loop::dispatch(Action::Stored(stored));
        }
    });
    let view = FirstLayerView {
        config,
        charter_text,
        texts,
        panel: requests.panel,
        root,
        panel_host,
        shown: RefCell::new(Shown::Nothing),
        _opener: opener,
        _allow: allow,
        _elsewhere: elsewhere,
    };
    dom::when_body(move |body| {
        if body.append_child(&host).is_ok() {
            state_loop::subscribe(move |state| view.render(state));
        }
    });
}

/// The subscriber: what [`show`] set up.
struct FirstLayerView {
    config: Rc<Config>,
    charter_text: CharterText,
    texts: LoadedTexts,
    panel: Rc<dyn Fn(&JsValue)>,
    /// `.cookie-charter` inside `#cookie-charter`: holds the banner or the floating button.
    root: Element,
    /// Where the Yew UI draws the panel.
    panel_host: Element,
    shown: RefCell<Shown>,
    _opener: Option<gloo_events::EventListener>,
    /// A placeholder's "Autoriser et afficher".
    _allow: Option<gloo_events::EventListener>,
    /// Reads the stored choice again when it may have changed in another tab or while this
    /// page was in the back/forward cache.
    _elsewhere: Vec<gloo_events::EventListener>,
}

impl FirstLayerView {
    /// Shows `state`: keeps what is shown when it still fits, else replaces it (dropping a
    /// banner gives focus back before anything new takes it).
    fn render(&self, state: &ConsentState) {
        let floating = self.config.floating_button;
        let current = self.shown.replace(Shown::Nothing);
        let next = match (current, state.view) {
            (Shown::Banner(banner), View::Banner) => Shown::Banner(banner),
            (Shown::Floating(button), View::Closed) if floating => Shown::Floating(button),
            (current, view) => {
                let was_panel = matches!(current, Shown::Panel);
                drop(current);
                if was_panel && view != View::Preferences {
                    self.close_panel();
                }
                self.shown_for(state, view)
            }
        };
        if matches!(next, Shown::Panel) {
            let draft = Array::new();
            for id in &state.draft {
                draft.push(&JsValue::from_str(id));
            }
            let snapshot = snapshot(self.texts.json.as_deref(), &self.charter_text, Some(&draft));
            let _ = Reflect::set(&snapshot, &"host".into(), &self.panel_host);
            (self.panel)(&snapshot.into());
        }
        *self.shown.borrow_mut() = next;
    }

    /// Closes the panel's dialog at once (the page is no longer inert, and the browser gives
    /// focus back to where it was before the panel, so that a banner shown next can take it),
    /// then asks the page to remove the panel.
    fn close_panel(&self) {
        if let Ok(Some(dialog)) = self.panel_host.query_selector("dialog") {
            dialog.unchecked_into::<HtmlDialogElement>().close();
        }
        dom::remove_all(&self.panel_host, LOADING_SELECTOR);
        (self.panel)(&JsValue::NULL);
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
                self.show_loading();
                Shown::Panel
            }
        }
    }

    /// Answers "Personnaliser" at once: a status line in the panel's place until the Yew UI
    /// draws the panel there (it removes the line) or the panel closes.
    fn show_loading(&self) {
        dom::append(
            &self.panel_host,
            "p",
            &[("class", LOADING_CLASS), ("role", "status")],
            Some(self.texts.texts.loading_preferences()),
        );
    }
}

/// Class of the status line shown while the preferences panel loads.
const LOADING_CLASS: &str = "cookie-charter__loading";
/// Selects that status line (the Yew UI removes it when it draws the panel).
pub const LOADING_SELECTOR: &str = ".cookie-charter__loading";

/// `{ texts, charter | preset, draft? }` for the Yew UI: the texts' JSON (`null` for French,
/// which the Yew UI carries) and the charter's JSON, or the name of the built-in charter (whose
/// file the Yew UI carries).
fn snapshot(texts: Option<&str>, charter: &CharterText, draft: Option<&Array>) -> Object {
    let object = Object::new();
    let texts = texts.map_or(JsValue::NULL, JsValue::from_str);
    let _ = Reflect::set(&object, &"texts".into(), &texts);
    let (key, value) = match charter {
        CharterText::Preset(preset) => ("preset", preset.name()),
        CharterText::Json(json) => ("charter", &**json),
    };
    let _ = Reflect::set(&object, &key.into(), &value.into());
    if let Some(draft) = draft {
        let _ = Reflect::set(&object, &"draft".into(), draft);
    }
    object
}

/// What the visitor did in the Yew UI's panel: `toggle` (with the category `id`), `save`,
/// `accept-all`, `refuse-all` or `close`; or `unavailable` from the page when the panel could
/// not be drawn (the banner then shows, so that refusing stays possible). Anything else is
/// ignored.
#[cfg_attr(feature = "js-first-layer", wasm_bindgen)]
pub fn act(kind: &str, id: Option<String>) {
    let action = match (kind, id) {
        ("toggle", Some(id)) => Action::Toggle(id),
        ("save", _) => Action::SavePreferences(clock::now()),
        ("accept-all", _) => Action::AcceptAll(clock::now()),
        ("refuse-all", _) => Action::RefuseAll(clock::now()),
        ("close", _) => Action::ClosePreferences,
        ("unavailable", _) => Action::PanelUnavailable,
        _ => return,
    };
    state_loop::dispatch(action);
}
