//! Getting the charter the configuration names: built in, inline, or fetched.

use std::rc::Rc;

use crate::core::charter::Charter;
use crate::core::charter_json;
use crate::core::config::CharterSource;
use crate::core::presets::Preset;
use crate::core::quote::quoted;
use crate::core::text::text;

use super::{console, fetch, json};

/// A charter to show, and whether it is the one the portal configured.
pub struct LoadedCharter {
    /// The charter (the built-in default when the configured one is unusable). A built-in
    /// one's is its structure only (no texts: the first layer shows none of them).
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

fn parsed(json: &str, origin: &str) -> LoadedCharter {
    match charter_json::parse(json, json::parse) {
        Ok(charter) => LoadedCharter {
            charter,
            as_configured: true,
            text: CharterText::Json(json.into()),
        },
        Err(problems) => {
            for problem in &problems {
                console::error(&text!(origin, " charter: ", problem));
            }
            fallback(&text!(
                "the ",
                origin,
                " charter is invalid (",
                problems.len(),
                " problem(s) above)"
            ))
        }
    }
}

fn fallback(why: &str) -> LoadedCharter {
    console::error(&text!(
        why,
        "; showing the default charter and loading nothing optional"
    ));
    built_in(Preset::Default, false)
}

fn built_in(preset: Preset, as_configured: bool) -> LoadedCharter {
    LoadedCharter {
        charter: preset.structure(),
        as_configured,
        text: CharterText::Preset(preset),
    }
}

/// Loads the charter of `source`, reporting every problem in the console, and gives it to
/// `done`: at once for a built-in or inline charter, once fetched for `data-charter`.
pub fn load(source: &CharterSource, done: impl FnOnce(LoadedCharter) + 'static) {
    match source {
        CharterSource::Preset(preset) => done(built_in(*preset, true)),
        CharterSource::Inline(json) => done(parsed(json, "inline (data-cookie-charter-config)")),
        CharterSource::Url(url) => {
            let url = url.clone();
            fetch::text(&url.clone(), move |fetched| {
                done(match fetched {
                    Ok(json) => parsed(&json, &text!("data-charter ", quoted(&url))),
                    Err(e) => fallback(&text!(
                        "data-charter ",
                        quoted(&url),
                        " could not be loaded: ",
                        e
                    )),
                })
            });
        }
        CharterSource::Unusable => done(built_in(Preset::Default, false)),
    }
}
