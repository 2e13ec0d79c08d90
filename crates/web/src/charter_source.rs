//! Getting the charter the configuration names: built in, inline, or fetched. A portal's own
//! charter is read by the page's charter reader (`dist/cookie-charter-reader.js`, a module of
//! its own for the script tag), so that the first layer carries no JSON reader.

use std::rc::Rc;

use cookie_charter_core::charter::Charter;
use cookie_charter_core::config::CharterSource;
use cookie_charter_core::i18n::Lang;
use cookie_charter_core::presets::Preset;
use cookie_charter_core::quote::quoted;
use cookie_charter_core::structure;
use cookie_charter_core::text::text;

use super::{console, fetch};

/// A charter to show, and whether it is the one the portal configured.
pub struct LoadedCharter {
    /// The charter (the built-in default when the configured one is unusable). A built-in
    /// one's is its structure (`core::structure`: the panel's texts in the page's language).
    pub charter: Charter,
    /// `false` when the configured charter could not be used: then nothing optional may load.
    pub as_configured: bool,
    /// What the Yew UI (which draws the panel and the charter page) reads it from, so that it
    /// never fetches or checks the charter again.
    pub text: CharterText,
}

/// Where the Yew UI gets a charter's texts.
#[derive(Clone)]
pub enum CharterText {
    /// A built-in charter: the Yew UI carries its file.
    Preset(Preset),
    /// The portal's own, as JSON text (already checked).
    Json(Rc<str>),
}

/// How the page is asked to read a portal's own charter (`core::structure` from its JSON, with
/// its texts in a language): `done` gets the structure, the problems found, or `None` when the
/// reader could not be had.
pub type CharterRequest = Rc<dyn Fn(&str, Lang, Box<dyn FnOnce(Option<Read>)>)>;

/// What reading a charter gave: its structure, or the problems found.
pub type Read = Result<String, Vec<String>>;

/// Asks `read` for the charter `json` (from `origin`, for messages) and gives `done` what to show.
fn parsed(
    json: Rc<str>,
    origin: String,
    lang: Lang,
    read: &CharterRequest,
    done: impl FnOnce(LoadedCharter) + 'static,
) {
    let text = json.clone();
    read(
        &json,
        lang,
        Box::new(move |result| {
            done(match result {
                Some(Ok(structure)) => LoadedCharter {
                    charter: structure::read(&structure),
                    as_configured: true,
                    text: CharterText::Json(text),
                },
                Some(Err(problems)) => {
                    for problem in &problems {
                        console::error(&text!(origin, " charter: ", problem));
                    }
                    fallback(
                        &text!(
                            "the ",
                            origin,
                            " charter is invalid (",
                            problems.len(),
                            " problem(s) above)"
                        ),
                        lang,
                    )
                }
                None => fallback(
                    &text!(
                        "the ",
                        origin,
                        " charter could not be read (its reader did not load)"
                    ),
                    lang,
                ),
            })
        }),
    );
}

fn fallback(why: &str, lang: Lang) -> LoadedCharter {
    console::error(&text!(
        why,
        "; showing the default charter and loading nothing optional"
    ));
    built_in(Preset::Default, lang, false)
}

fn built_in(preset: Preset, lang: Lang, as_configured: bool) -> LoadedCharter {
    LoadedCharter {
        charter: preset.structure(lang),
        as_configured,
        text: CharterText::Preset(preset),
    }
}

/// Loads the charter of `source`, reporting every problem in the console, and gives it to
/// `done`: at once for a built-in charter (its texts in `lang`, English or French); a portal's
/// own (inline, or fetched for `data-charter`) once `read` has read it.
pub fn load(
    source: &CharterSource,
    lang: Lang,
    read: CharterRequest,
    done: impl FnOnce(LoadedCharter) + 'static,
) {
    match source {
        CharterSource::Preset(preset) => done(built_in(*preset, lang, true)),
        CharterSource::Inline(json) => parsed(
            json.as_str().into(),
            "inline (data-cookie-charter-config)".into(),
            lang,
            &read,
            done,
        ),
        CharterSource::Url(url) => {
            let url = url.clone();
            fetch::text(&url.clone(), move |fetched| match fetched {
                Ok(json) => parsed(
                    json.into(),
                    text!("data-charter ", quoted(&url)),
                    lang,
                    &read,
                    done,
                ),
                Err(e) => done(fallback(
                    &text!("data-charter ", quoted(&url), " could not be loaded: ", e),
                    lang,
                )),
            });
        }
        CharterSource::Unusable => done(built_in(Preset::Default, lang, false)),
    }
}
