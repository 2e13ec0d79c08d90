//! The consent register beside the receipts: a banner shown is counted there (no id, no
//! cookie), and with `data-server-cookie` the register sets the choice cookie, so that WebKit
//! keeps it as a cookie of the portal's own server rather than capping it as a script's.
//!
//! Neither can change what the visitor sees or what loads: the banner has already written its
//! own cookie and acted on the choice when it asks. A register that is down, slow or failing is
//! one console warning a page.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use cookie_charter_core::config::Config;
use cookie_charter_core::i18n::Lang;
use cookie_charter_core::quote::quoted;
use cookie_charter_core::receipt::impression_json;
use cookie_charter_core::text::text;

use super::{console, cookies};

#[wasm_bindgen(inline_js = r#"
export function post_to_register(url, body, credentials, done) {
  // done(0) once answered 2xx, done(status) for an error status, done(-1) when the request
  // failed or took over 5 s (aborted: a late answer sets no cookie). Never throws.
  try {
    const abort = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = abort ? setTimeout(() => abort.abort(), 5000) : 0;
    const settle = (code) => { clearTimeout(timer); done(code); };
    fetch(url, { method: 'POST', body, credentials, keepalive: true, signal: abort ? abort.signal : undefined })
      .then((r) => settle(r.ok ? 0 : r.status), () => settle(-1));
  } catch (e) {
    done(-1);
  }
}
"#)]
extern "C" {
    fn post_to_register(url: &str, body: &str, credentials: &str, done: JsValue);
}

/// What to do once the request in flight is answered.
enum Next {
    Nothing,
    /// Send this newer value (to this URL): requests go one at a time, so an older answer never
    /// overwrites a newer choice.
    Send(String, String),
    /// The choice was deleted meanwhile: delete again the cookie (name, domain) that the late
    /// answer set.
    Forget(String, Option<String>),
}

thread_local! {
    static WARNED: Cell<bool> = const { Cell::new(false) };
    static IN_FLIGHT: Cell<bool> = const { Cell::new(false) };
    static NEXT: RefCell<Next> = const { RefCell::new(Next::Nothing) };
}

/// Why the register did not take a request: its error status, or `None` when it did not
/// answer (down, unreachable, refused by CORS or CSP, or over 5 s).
type Failure = Option<u16>;

/// One warning a page, whatever fails next.
fn warn_once(url: &str, failure: Failure, what: &str) {
    if WARNED.with(|w| w.replace(true)) {
        return;
    }
    let why = match failure {
        Some(status) => text!("HTTP ", status),
        None => text!("no answer within 5 s"),
    };
    console::warn(&text!(
        "the consent register at ",
        quoted(url),
        " did not answer (",
        why,
        "): ",
        what
    ));
}

/// Posts `body` to `url` with `credentials` (`omit` or `include`); `done` is told how it went.
fn post(url: &str, body: &str, credentials: &str, done: Box<dyn FnOnce(Result<(), Failure>)>) {
    // Takes the code as a JsValue: the same kind of callback as the page's other answers, so
    // that the glue converts one kind fewer.
    let done = super::callbacks::once(Box::new(move |code: JsValue| {
        done(match code.as_f64().unwrap_or(-1.0) as i32 {
            0 => Ok(()),
            status @ 1..=999 => Err(Some(status as u16)),
            _ => Err(None),
        })
    }));
    post_to_register(url, body, credentials, done);
}

/// Counts the banner shown, over `revision` in `lang`, if a register is configured. Sent
/// without cookies.
pub fn banner_shown(config: &Config, revision: &str, lang: Lang) {
    let Some(url) = config.impression_url.clone() else {
        return;
    };
    let body = impression_json(revision, lang);
    post(
        &url.clone(),
        &body,
        "omit",
        Box::new(move |answer| {
            if let Err(failure) = answer {
                warn_once(&url, failure, "the banner shown is not counted");
            }
        }),
    );
}

/// Asks the register to set the choice cookie to `value` (what the banner just wrote), if
/// `data-server-cookie` is on. The banner's own copy stays when it fails.
pub fn keep_choice(value: &str, config: &Config) {
    let Some(url) = config.choice_url.clone() else {
        return;
    };
    if IN_FLIGHT.with(Cell::get) {
        NEXT.with(|n| *n.borrow_mut() = Next::Send(value.to_owned(), url));
    } else {
        send(value, url);
    }
}

fn send(value: &str, url: String) {
    IN_FLIGHT.with(|f| f.set(true));
    post(
        &url.clone(),
        value,
        "include",
        Box::new(move |answer| {
            IN_FLIGHT.with(|f| f.set(false));
            if let Err(failure) = answer {
                warn_once(
                    &url,
                    failure,
                    "the choice is kept by the banner's own cookie, which Safari keeps 7 days at most",
                );
            }
            match NEXT.with(|n| std::mem::replace(&mut *n.borrow_mut(), Next::Nothing)) {
                Next::Nothing => {}
                Next::Send(value, url) => send(&value, url),
                Next::Forget(name, domain) => cookies::expire_everywhere(&name, domain.as_deref()),
            }
        }),
    );
}

/// The choice was deleted (`reset()`): a register's answer still in flight must not bring it
/// back.
pub fn choice_forgotten(config: &Config) {
    if IN_FLIGHT.with(Cell::get) {
        NEXT.with(|n| {
            *n.borrow_mut() = Next::Forget(config.cookie_name.clone(), config.cookie_domain.clone())
        });
    }
}
