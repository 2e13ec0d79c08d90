//! Getting the charter the configuration names: built in, or a portal's own (inline, or
//! fetched for `data-charter`). The first layer carries only the built-in ones. A portal's own
//! is asked of the page ([`CharterRequest`]), whose answer is [`read_own`]'s: the charter reader
//! (`dist/cookie-charter-reader.js`, fetched alongside the charter) for the script tag, the same
//! wasm in a Rust application. A page on a built-in charter thus carries neither the JSON reader
//! and its checks nor the sentences that explain a charter that cannot be used.

use std::rc::Rc;

use cookie_charter_core::charter::Charter;
use cookie_charter_core::config::CharterSource;
use cookie_charter_core::i18n::Lang;
use cookie_charter_core::presets::Preset;
use cookie_charter_core::quote::quoted;
use cookie_charter_core::structure;
use cookie_charter_core::text::text;

use super::fetch::FetchError;
use super::{console, json};

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

/// A portal's own charter, as the settings give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Own<'a> {
    /// The JSON text of the page's `data-cookie-charter-config` block.
    Inline(&'a str),
    /// The URL of `data-charter`, checked.
    Url(&'a str),
}

/// A portal's own charter, read and checked: what the first layer reads
/// (`core::structure`, with its texts in the page's language) and its JSON text, for the Yew UI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadCharter {
    /// The charter as `core::structure` writes it.
    pub structure: String,
    /// The charter's JSON text.
    pub json: String,
}

/// How the page is asked for a portal's own charter: `done` gets it read ([`read_own`]), or
/// `None` when it cannot be used (why is already in the console).
pub type CharterRequest = Rc<dyn Fn(Own<'_>, Lang, Box<dyn FnOnce(Option<ReadCharter>)>)>;

fn built_in(preset: Preset, lang: Lang, as_configured: bool) -> LoadedCharter {
    LoadedCharter {
        charter: preset.structure(lang),
        as_configured,
        text: CharterText::Preset(preset),
    }
}

/// Gives `done` the charter of `source`: at once for a built-in charter (its texts in `lang`,
/// English or French); a portal's own once `read` has answered. When a portal's own cannot be
/// used, the default charter, with nothing optional ever allowed.
pub fn load(
    source: &CharterSource,
    lang: Lang,
    read: CharterRequest,
    done: impl FnOnce(LoadedCharter) + 'static,
) {
    let own = match source {
        CharterSource::Preset(preset) => return done(built_in(*preset, lang, true)),
        CharterSource::Unusable => return done(built_in(Preset::Default, lang, false)),
        CharterSource::Inline(json) => Own::Inline(json),
        CharterSource::Url(url) => Own::Url(url),
    };
    read(
        own,
        lang,
        Box::new(move |answer| {
            done(match answer {
                Some(ReadCharter { structure, json }) => LoadedCharter {
                    charter: structure::read(&structure),
                    as_configured: true,
                    text: CharterText::Json(json.into()),
                },
                None => built_in(Preset::Default, lang, false),
            })
        }),
    );
}

/// Reads and checks a portal's own charter (`url` for `data-charter`, `None` for the inline
/// block) from `fetched`, its text or why it could not be fetched, with its texts in `lang`.
/// What makes it unusable (the fetch, or each problem found) is written in the console, with
/// the fallback that follows: the answer to the first layer's [`CharterRequest`].
pub fn read_own(
    url: Option<&str>,
    fetched: Result<String, FetchError>,
    lang: Lang,
) -> Option<ReadCharter> {
    let origin = match url {
        Some(url) => text!("data-charter ", quoted(url)),
        None => text!("inline (data-cookie-charter-config)"),
    };
    let why = match fetched {
        Err(e) => text!(origin, " could not be loaded: ", e),
        Ok(json) => match structure::from_json(&json, lang, json::parse) {
            Ok(structure) => return Some(ReadCharter { structure, json }),
            Err(problems) => {
                for problem in &problems {
                    console::error(&text!(origin, " charter: ", problem));
                }
                text!(
                    "the ",
                    origin,
                    " charter is invalid (",
                    problems.len(),
                    " problem(s) above)"
                )
            }
        },
    };
    console::error(&text!(
        why,
        "; showing the default charter and loading nothing optional"
    ));
    None
}
