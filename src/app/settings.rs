//! A Rust application's configuration: the same settings as the script tag's `data-*`
//! attributes, typed, and checked by the same rules when built. A [`Settings`] value exists
//! only once every value passed its check: there is no way to build one that skips them.

use std::fmt;

use crate::core::charter_json::{self, CharterError};
use crate::core::config::{self, Config, ConfigError, RawConfig};
use crate::core::url::UrlError;
use crate::web::{attributes, json, scripts};

/// Checked settings for [`crate::CookieCharter`]; made by [`Settings::builder`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    config: Config,
}

impl Settings {
    /// Settings to fill in, starting from the defaults (the built-in default charter, French or
    /// the page's `<html lang>`, choices kept 182 days, no audience script).
    pub fn builder() -> SettingsBuilder {
        SettingsBuilder::default()
    }

    /// The checked configuration the consent loop runs on.
    pub(crate) fn config(&self) -> &Config {
        &self.config
    }
}

/// What a setting was refused for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsError {
    /// A value broke its rule (the message names the setting by its `data-*` attribute, as the
    /// table of settings in docs/embedding.md does).
    Setting(ConfigError),
    /// The charter given with [`SettingsBuilder::charter_json`] is not a valid charter.
    Charter(CharterError),
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingsError::Setting(e) => write!(f, "[cookie-charter] {e}"),
            SettingsError::Charter(e) => write!(f, "[cookie-charter] charter: {e}"),
        }
    }
}

impl std::error::Error for SettingsError {}

/// Fills in [`Settings`]; [`SettingsBuilder::build`] checks them. Each method is the script
/// tag's attribute of the same name (`audience_src` is `data-audience-src`).
#[derive(Clone, Debug, Default)]
pub struct SettingsBuilder {
    raw: RawConfig,
}

impl SettingsBuilder {
    /// A built-in charter by name (`opendatasoft`, `soregies`, `bpce`, `anru`, `tco`,
    /// `saintnazaire`).
    pub fn preset(mut self, name: &str) -> Self {
        self.raw.preset = Some(name.to_owned());
        self
    }

    /// The URL of the portal's charter JSON, fetched at start.
    pub fn charter_url(mut self, url: &str) -> Self {
        self.raw.charter_url = Some(url.to_owned());
        self
    }

    /// The portal's charter as JSON text (for instance `include_str!("charter.json")`),
    /// checked when built.
    pub fn charter_json(mut self, json: &str) -> Self {
        self.raw.inline_charter = Some(json.to_owned());
        self
    }

    /// The audience-measurement script, loaded only after the visitor opts in.
    pub fn audience_src(mut self, url: &str) -> Self {
        self.raw.audience_src = Some(url.to_owned());
        self
    }

    /// The portal's "Charte cookies" page, linked from the banner.
    pub fn policy_url(mut self, url: &str) -> Self {
        self.raw.policy_url = Some(url.to_owned());
        self
    }

    /// `fr`, `en`, `es`, `de`, `it`, `nl` or `pt` (else the page's `<html lang>`, else French).
    pub fn lang(mut self, tag: &str) -> Self {
        self.raw.lang = Some(tag.to_owned());
        self
    }

    /// How long a choice is kept, in days (1 to 395: 13 months at most).
    pub fn consent_days(mut self, days: u32) -> Self {
        self.raw.consent_days = Some(days.to_string());
        self
    }

    /// Shares the choice with the subdomains of this domain (the page's host or a parent).
    pub fn cookie_domain(mut self, domain: &str) -> Self {
        self.raw.cookie_domain = Some(domain.to_owned());
        self
    }

    /// Names the choice's cookie (default `cookies_preferences`, which Opendatasoft's platform
    /// also sets, in a format of its own).
    pub fn cookie_name(mut self, name: &str) -> Self {
        self.raw.cookie_name = Some(name.to_owned());
        self
    }

    /// A small fixed button that reopens the preferences once the banner is gone.
    pub fn floating_button(mut self, on: bool) -> Self {
        self.raw.floating_button = Some(on.to_string());
        self
    }

    /// Reloads the page after a withdrawal, so that scripts already running stop.
    pub fn reload_on_withdraw(mut self, on: bool) -> Self {
        self.raw.reload_on_withdraw = Some(on.to_string());
        self
    }

    /// Drives Google Consent Mode v2 (`gtag('consent', …)`).
    pub fn google_consent_mode(mut self, on: bool) -> Self {
        self.raw.google_consent_mode = Some(on.to_string());
        self
    }

    /// Drives Matomo's consent API (`_paq.push([...])`).
    pub fn matomo(mut self, on: bool) -> Self {
        self.raw.matomo = Some(on.to_string());
        self
    }

    /// Drives Piano Analytics' consent mode (`pa.consent.setMode`, `pdl.consent`).
    pub fn piano(mut self, on: bool) -> Self {
        self.raw.piano = Some(on.to_string());
        self
    }

    /// Where to send each consent receipt (`navigator.sendBeacon`).
    pub fn receipt_url(mut self, url: &str) -> Self {
        self.raw.receipt_url = Some(url.to_owned());
        self
    }

    /// The portal on the consent register (`…/v1/portals/<portal>`): receipts, banners shown
    /// and, with [`Self::server_cookie`], the choice cookie go there.
    pub fn register_url(mut self, url: &str) -> Self {
        self.raw.register_url = Some(url.to_owned());
        self
    }

    /// Has the register set the choice cookie too, so that Safari keeps it past seven days
    /// (when the register is served from the portal's own front).
    pub fn server_cookie(mut self, on: bool) -> Self {
        self.raw.server_cookie = Some(on.to_string());
        self
    }

    /// The CSP nonce given to the scripts the component adds.
    pub fn nonce(mut self, nonce: &str) -> Self {
        self.raw.nonce = Some(nonce.to_owned());
        self
    }

    /// Checks every value by the script tag's rules (against this page's host and language)
    /// and, for [`Self::charter_json`], the charter itself. Any refused value is an error:
    /// unlike a page's attributes, which fall back and report in the console, settings in code
    /// are fixed before they ship.
    pub fn build(self) -> Result<Settings, Vec<SettingsError>> {
        let page = attributes::read_raw_config(None);
        let raw = RawConfig {
            document_lang: page.document_lang,
            host: page.host,
            ..self.raw
        };
        let (config, errors) = config::validate(&raw);
        let mut errors: Vec<SettingsError> =
            errors.into_iter().map(SettingsError::Setting).collect();
        if let Some(src) = &config.audience_src {
            if scripts::resolve_http_url(src).is_err() {
                errors.push(SettingsError::Setting(ConfigError::AudienceSrc(
                    src.clone(),
                    UrlError::Unresolvable,
                )));
            }
        }
        if let Some(text) = &raw.inline_charter {
            if let Err(problems) = charter_json::parse(text, json::parse) {
                errors.extend(problems.into_iter().map(SettingsError::Charter));
            }
        }
        if errors.is_empty() {
            Ok(Settings { config })
        } else {
            Err(errors)
        }
    }
}
