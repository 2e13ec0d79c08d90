//! Validation of the embed configuration (the script tag's `data-*` attributes).
//!
//! Every bad value yields a [`ConfigError`] for the console and a safe fallback: an unusable
//! audience URL means no audience script at all.

use super::cookie_codec::{COOKIE_NAME, PROBE_COOKIE};
use super::i18n::Lang;
use super::presets::Preset;
use super::quote::quoted;
use super::text::{append, display_by_pieces, Names, Piece};
use super::url::{check_url, UrlError};

/// Consent lifetime when none is configured: about six months.
pub const DEFAULT_CONSENT_DAYS: u32 = 182;
/// Longest consent lifetime allowed: 13 months, as the CNIL recommends.
pub const MAX_CONSENT_DAYS: u32 = 395;

/// The configuration exactly as the page gives it, before any check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawConfig {
    /// `data-audience-src`.
    pub audience_src: Option<String>,
    /// `data-policy-url`.
    pub policy_url: Option<String>,
    /// `data-lang`.
    pub lang: Option<String>,
    /// `data-consent-days`.
    pub consent_days: Option<String>,
    /// `data-cookie-domain`.
    pub cookie_domain: Option<String>,
    /// `data-cookie-name`.
    pub cookie_name: Option<String>,
    /// `data-floating-button`.
    pub floating_button: Option<String>,
    /// `data-reload-on-withdraw`.
    pub reload_on_withdraw: Option<String>,
    /// `data-google-consent-mode`.
    pub google_consent_mode: Option<String>,
    /// `data-matomo`.
    pub matomo: Option<String>,
    /// `data-piano`.
    pub piano: Option<String>,
    /// `data-receipt-url`.
    pub receipt_url: Option<String>,
    /// `data-register-url`.
    pub register_url: Option<String>,
    /// `data-server-cookie`.
    pub server_cookie: Option<String>,
    /// `data-nonce`, else the script tag's own nonce.
    pub nonce: Option<String>,
    /// `data-preset`.
    pub preset: Option<String>,
    /// `data-charter`.
    pub charter_url: Option<String>,
    /// The text of a `<script type="application/json" data-cookie-charter-config>` block.
    pub inline_charter: Option<String>,
    /// The page's `<html lang>`.
    pub document_lang: Option<String>,
    /// The page's host name, to check the cookie domain against.
    pub host: String,
}

/// One embed setting: its `data-*` attribute, its `mount()` option name, and its field.
pub struct Setting {
    /// The script tag's attribute, e.g. `data-audience-src`.
    pub attribute: &'static str,
    /// The same in `mount(options)`, e.g. `audienceSrc`.
    pub option: &'static str,
    /// Where the value goes in [`RawConfig`].
    pub field: fn(&mut RawConfig) -> &mut Option<String>,
}

/// Every embed setting, as attributes and as `mount()` options.
pub const SETTINGS: [Setting; 17] = [
    Setting {
        attribute: "data-audience-src",
        option: "audienceSrc",
        field: |r| &mut r.audience_src,
    },
    Setting {
        attribute: "data-policy-url",
        option: "policyUrl",
        field: |r| &mut r.policy_url,
    },
    Setting {
        attribute: "data-lang",
        option: "lang",
        field: |r| &mut r.lang,
    },
    Setting {
        attribute: "data-consent-days",
        option: "consentDays",
        field: |r| &mut r.consent_days,
    },
    Setting {
        attribute: "data-cookie-domain",
        option: "cookieDomain",
        field: |r| &mut r.cookie_domain,
    },
    Setting {
        attribute: "data-cookie-name",
        option: "cookieName",
        field: |r| &mut r.cookie_name,
    },
    Setting {
        attribute: "data-preset",
        option: "preset",
        field: |r| &mut r.preset,
    },
    Setting {
        attribute: "data-charter",
        option: "charter",
        field: |r| &mut r.charter_url,
    },
    Setting {
        attribute: "data-floating-button",
        option: "floatingButton",
        field: |r| &mut r.floating_button,
    },
    Setting {
        attribute: "data-reload-on-withdraw",
        option: "reloadOnWithdraw",
        field: |r| &mut r.reload_on_withdraw,
    },
    Setting {
        attribute: "data-google-consent-mode",
        option: "googleConsentMode",
        field: |r| &mut r.google_consent_mode,
    },
    Setting {
        attribute: "data-matomo",
        option: "matomo",
        field: |r| &mut r.matomo,
    },
    Setting {
        attribute: "data-piano",
        option: "piano",
        field: |r| &mut r.piano,
    },
    Setting {
        attribute: "data-receipt-url",
        option: "receiptUrl",
        field: |r| &mut r.receipt_url,
    },
    Setting {
        attribute: "data-register-url",
        option: "registerUrl",
        field: |r| &mut r.register_url,
    },
    Setting {
        attribute: "data-server-cookie",
        option: "serverCookie",
        field: |r| &mut r.server_cookie,
    },
    Setting {
        attribute: "data-nonce",
        option: "nonce",
        field: |r| &mut r.nonce,
    },
];

/// Where the charter comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CharterSource {
    /// A built-in charter (`data-preset`, or the default).
    Preset(Preset),
    /// A JSON file to fetch (`data-charter`).
    Url(String),
    /// JSON given in the page (`data-cookie-charter-config` block).
    Inline(String),
    /// The configured charter is unusable: the default is shown and nothing optional loads.
    Unusable,
}

/// A checked configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// URL of the audience-measurement script, if one is configured and safe.
    pub audience_src: Option<String>,
    /// URL of the portal's "Charte cookies" page.
    pub policy_url: Option<String>,
    /// Language of the texts.
    pub lang: Lang,
    /// Lifetime of a choice, in days.
    pub consent_days: u32,
    /// `Domain` attribute of the cookie, if the choice is shared across subdomains.
    pub cookie_domain: Option<String>,
    /// Name of the cookie that keeps the choice: `cookies_preferences` unless the portal
    /// renames it (Opendatasoft's platform sets a cookie of that name in a format of its own).
    pub cookie_name: String,
    /// Where the charter comes from.
    pub charter: CharterSource,
    /// Show a small fixed button that reopens the preferences.
    pub floating_button: bool,
    /// Reload the page after a withdrawal, so that scripts already running stop.
    pub reload_on_withdraw: bool,
    /// Drive Google Consent Mode v2 (`gtag('consent', …)`).
    pub google_consent_mode: bool,
    /// Drive Matomo's consent API (`_paq.push([...])`).
    pub matomo: bool,
    /// Drive Piano Analytics' consent mode (`pa.consent.setMode`, `pdl.consent`).
    pub piano: bool,
    /// Where to send each consent receipt (`navigator.sendBeacon`).
    pub receipt_url: Option<String>,
    /// Where to count a banner shown (no id, no cookie): the register's `…/impressions`.
    pub impression_url: Option<String>,
    /// Where to send the choice for the register to set its cookie (`data-server-cookie`):
    /// the register's `…/choice`.
    pub choice_url: Option<String>,
    /// CSP nonce given to the scripts the component adds.
    pub nonce: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            audience_src: None,
            policy_url: None,
            lang: Lang::Fr,
            consent_days: DEFAULT_CONSENT_DAYS,
            cookie_domain: None,
            cookie_name: COOKIE_NAME.to_owned(),
            charter: CharterSource::Preset(Preset::Default),
            floating_button: false,
            reload_on_withdraw: false,
            google_consent_mode: false,
            matomo: false,
            piano: false,
            receipt_url: None,
            impression_url: None,
            choice_url: None,
            nonce: None,
        }
    }
}

/// A configuration value that was refused, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// `data-audience-src` is not an http(s) or relative URL: no audience script will load.
    AudienceSrc(String, UrlError),
    /// `data-policy-url` is not an http(s) or relative URL: no link is shown.
    PolicyUrl(String, UrlError),
    /// `data-lang` is none of the component's languages.
    Lang(String),
    /// `data-consent-days` is not a whole number from 1 to 395.
    ConsentDays(String),
    /// `data-cookie-domain` is not a domain name.
    CookieDomain(String),
    /// `data-cookie-name` is not a plain cookie name.
    CookieName(String),
    /// `data-receipt-url` is not an http(s) or relative URL.
    ReceiptUrl(String, UrlError),
    /// `data-register-url` is not an http(s) or relative URL without query or fragment.
    RegisterUrl(String),
    /// `data-server-cookie` without a register to set the cookie.
    ServerCookieWithoutRegister,
    /// `data-nonce` has characters a CSP nonce cannot have.
    Nonce,
    /// A yes/no attribute is neither `true` nor `false`.
    Flag(&'static str, String),
    /// `data-preset` names no built-in charter.
    Preset(String),
    /// `data-charter` is not an http(s) or relative URL.
    CharterUrl(String, UrlError),
    /// More than one charter is configured; the first of inline block, `data-charter`,
    /// `data-preset` is used.
    SeveralCharters,
    /// `data-cookie-domain` is not this page's host or one of its parents.
    ForeignCookieDomain {
        /// The configured domain.
        domain: String,
        /// The page's host.
        host: String,
    },
}

impl Piece for ConfigError {
    fn push_to(&self, out: &mut String) {
        match self {
            ConfigError::AudienceSrc(v, why) => append!(
                out,
                "data-audience-src=",
                quoted(v),
                " is refused (",
                why,
                "); expected an http(s) or relative URL. No audience script will be loaded."
            ),
            ConfigError::PolicyUrl(v, why) => append!(
                out,
                "data-policy-url=",
                quoted(v),
                " is refused (",
                why,
                "); expected an http(s) or relative URL. The banner shows no charter link."
            ),
            ConfigError::Lang(v) => append!(
                out,
                "data-lang=",
                quoted(v),
                " is not one of ",
                Names(&Lang::TAGS, |t| t),
                "; using the page's language"
            ),
            ConfigError::ConsentDays(v) => append!(
                out,
                "data-consent-days=",
                quoted(v),
                " is not a whole number from 1 to ",
                MAX_CONSENT_DAYS,
                " (13 months at most); using ",
                DEFAULT_CONSENT_DAYS
            ),
            ConfigError::CookieDomain(v) => append!(
                out,
                "data-cookie-domain=",
                quoted(v),
                " is not a domain name; the choice is kept for this host only"
            ),
            ConfigError::CookieName(v) => append!(
                out,
                "data-cookie-name=",
                quoted(v),
                " is not a cookie name (1 to 64 letters, digits, _ - or ., not starting with \
                 __); using ",
                COOKIE_NAME
            ),
            ConfigError::ReceiptUrl(v, why) => append!(
                out,
                "data-receipt-url=",
                quoted(v),
                " is refused (",
                why,
                "); receipts are kept in the browser only"
            ),
            ConfigError::RegisterUrl(v) => append!(
                out,
                "data-register-url=",
                quoted(v),
                " is refused (an http(s) or relative URL, no query or fragment); nothing is sent \
                 to a register"
            ),
            ConfigError::ServerCookieWithoutRegister => out.push_str(
                "data-server-cookie needs data-register-url; the banner writes the cookie itself",
            ),
            ConfigError::Nonce => out.push_str(
                "data-nonce is not a CSP nonce (letters, digits, +, /, -, _, =); added scripts \
                 get no nonce",
            ),
            ConfigError::Flag(name, v) => append!(
                out,
                name,
                "=",
                quoted(v),
                " is not \"true\" or \"false\"; using false"
            ),
            ConfigError::Preset(v) => {
                append!(
                    out,
                    "data-preset=",
                    quoted(v),
                    " is not a built-in charter (expected one of: ",
                    Names(&Preset::ALL, |p| p.name()),
                    "); showing the default charter and loading nothing optional"
                );
            }
            ConfigError::CharterUrl(v, why) => append!(
                out,
                "data-charter=",
                quoted(v),
                " is refused (",
                why,
                "); showing the default charter and loading nothing optional"
            ),
            ConfigError::SeveralCharters => out.push_str(
                "several charters are configured; using the first of: the \
                 data-cookie-charter-config block, data-charter, data-preset",
            ),
            ConfigError::ForeignCookieDomain { domain, host } => append!(
                out,
                "data-cookie-domain=",
                quoted(domain),
                " does not contain this page's host ",
                quoted(host),
                "; the choice is kept for this host only"
            ),
        }
    }
}

display_by_pieces!(ConfigError);

/// Checks a cookie domain: letters, digits, hyphens and dots, one leading dot allowed,
/// equal to `host` or a parent of it. Returns it lower-cased, without the leading dot.
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
fn check_cookie_domain(raw: &str, host: &str, refusals: &mut impl Refusals) -> Option<String> {
    let domain = raw.trim().trim_start_matches('.').to_ascii_lowercase();
    let well_formed = !domain.is_empty()
        && domain.len() <= 253
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !well_formed {
        refusals.refuse(|| ConfigError::CookieDomain(raw.to_owned()));
        return None;
    }
    let host = host.to_ascii_lowercase();
    let covers_host = host == domain
        || host
            .strip_suffix(domain.as_str())
            .is_some_and(|rest| rest.ends_with('.'));
    if !covers_host {
        refusals.refuse(|| ConfigError::ForeignCookieDomain { domain, host });
        return None;
    }
    Some(domain)
}

/// A cookie name the component may use: 1 to 64 ASCII letters, digits, `_`, `-` or `.` (plain
/// token characters, nothing to encode), not a `__Host-` / `__Secure-` style prefix (those
/// demand attributes the choice's cookie does not always have), nor the cookie probe's name.
fn check_cookie_name(raw: &str) -> Option<&str> {
    let name = raw.trim();
    let plain = (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b));
    (plain && !name.starts_with("__") && name != PROBE_COOKIE).then_some(name)
}

/// The value of an attribute that is set to something other than white space.
fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|s| !s.trim().is_empty())
}

/// Checks every value of `raw`, returning the configuration to use and what was refused.
pub fn validate(raw: &RawConfig) -> (Config, Vec<ConfigError>) {
    let mut errors = Vec::new();
    let config = check(raw, &mut errors);
    (config, errors)
}

/// Where [`check`] notes what it refuses: every [`ConfigError`] (a `Vec`, for whoever explains
/// them), or only whether anything was refused (a `bool`: the first layer, whose explanations
/// travel in a module of their own, and which then carries no code that builds an error).
pub trait Refusals {
    /// Notes a refusal; `error` is called only by a sink that keeps the errors.
    fn refuse(&mut self, error: impl FnOnce() -> ConfigError);
}

impl Refusals for Vec<ConfigError> {
    fn refuse(&mut self, error: impl FnOnce() -> ConfigError) {
        self.push(error());
    }
}

impl Refusals for bool {
    fn refuse(&mut self, _: impl FnOnce() -> ConfigError) {
        *self = true;
    }
}

/// Checks every value of `raw`, returning the configuration to use; each value refused is
/// noted in `refusals` (and falls back as [`ConfigError`] says). The one check of the settings:
/// [`validate`] is this with every error kept.
pub fn check(raw: &RawConfig, refusals: &mut impl Refusals) -> Config {
    let mut config = Config::default();

    if let Some(src) = raw.audience_src.as_deref() {
        match check_url(src) {
            Ok(url) => config.audience_src = Some(url.to_owned()),
            Err(why) => refusals.refuse(|| ConfigError::AudienceSrc(src.to_owned(), why)),
        }
    }
    if let Some(url) = present(&raw.policy_url) {
        match check_url(url) {
            Ok(url) => config.policy_url = Some(url.to_owned()),
            Err(why) => refusals.refuse(|| ConfigError::PolicyUrl(url.to_owned(), why)),
        }
    }

    let asked = present(&raw.lang).map(|tag| {
        let lang = Lang::from_tag(tag);
        if lang.is_none() {
            refusals.refuse(|| ConfigError::Lang(tag.to_owned()));
        }
        lang
    });
    config.lang = asked
        .flatten()
        .or_else(|| raw.document_lang.as_deref().and_then(Lang::from_tag))
        .unwrap_or_default();

    if let Some(days) = raw.consent_days.as_deref() {
        match days.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_CONSENT_DAYS).contains(&n) => config.consent_days = n,
            _ => refusals.refuse(|| ConfigError::ConsentDays(days.to_owned())),
        }
    }

    if let Some(domain) = present(&raw.cookie_domain) {
        config.cookie_domain = check_cookie_domain(domain, &raw.host, refusals);
    }

    if let Some(name) = present(&raw.cookie_name) {
        match check_cookie_name(name) {
            Some(name) => config.cookie_name = name.to_owned(),
            None => refusals.refuse(|| ConfigError::CookieName(name.to_owned())),
        }
    }

    config.charter = charter_source(raw, refusals);
    config.floating_button = flag("data-floating-button", &raw.floating_button, refusals);
    config.reload_on_withdraw = flag("data-reload-on-withdraw", &raw.reload_on_withdraw, refusals);
    config.google_consent_mode = flag(
        "data-google-consent-mode",
        &raw.google_consent_mode,
        refusals,
    );
    config.matomo = flag("data-matomo", &raw.matomo, refusals);
    config.piano = flag("data-piano", &raw.piano, refusals);
    if let Some(url) = present(&raw.receipt_url) {
        match check_url(url) {
            Ok(url) => config.receipt_url = Some(url.to_owned()),
            Err(why) => refusals.refuse(|| ConfigError::ReceiptUrl(url.to_owned(), why)),
        }
    }
    let server_cookie = flag("data-server-cookie", &raw.server_cookie, refusals);
    register_endpoints(raw, server_cookie, &mut config, refusals);
    if let Some(nonce) = present(&raw.nonce) {
        let valid = nonce.len() <= 256
            && nonce
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/-_=".contains(&b));
        if valid {
            config.nonce = Some(nonce.to_owned());
        } else {
            refusals.refuse(|| ConfigError::Nonce);
        }
    }

    config
}

/// The register's endpoints for a portal, from `data-register-url` (its `…/v1/portals/<portal>`),
/// else from a `data-receipt-url` ending in `/receipts` (the register's receipts endpoint):
/// receipts (unless `data-receipt-url` says otherwise), impressions, and with `server_cookie`
/// the choice cookie.
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
fn register_endpoints(
    raw: &RawConfig,
    server_cookie: bool,
    config: &mut Config,
    refusals: &mut impl Refusals,
) {
    let base = match present(&raw.register_url) {
        Some(url) => match check_url(url) {
            Ok(url) if !url.contains(['?', '#']) => Some(url.trim_end_matches('/').to_owned()),
            _ => {
                refusals.refuse(|| ConfigError::RegisterUrl(url.to_owned()));
                // A register refused sends nothing, not even a receipt elsewhere.
                config.receipt_url = None;
                return;
            }
        },
        None => config
            .receipt_url
            .as_deref()
            .and_then(|url| url.strip_suffix("/receipts"))
            .map(str::to_owned),
    };
    let Some(base) = base else {
        if server_cookie {
            refusals.refuse(|| ConfigError::ServerCookieWithoutRegister);
        }
        return;
    };
    let endpoint = |name: &str| {
        let mut url = base.clone();
        url.push('/');
        url.push_str(name);
        url
    };
    if config.receipt_url.is_none() {
        config.receipt_url = Some(endpoint("receipts"));
    }
    config.impression_url = Some(endpoint("impressions"));
    if server_cookie {
        config.choice_url = Some(endpoint("choice"));
    }
}

/// A yes/no attribute: `true` (or present and empty) / `false`; anything else is reported
/// and counts as `false`.
fn flag(name: &'static str, value: &Option<String>, refusals: &mut impl Refusals) -> bool {
    match value.as_deref().map(str::trim) {
        None => false,
        Some(v) if v.is_empty() || v.eq_ignore_ascii_case("true") => true,
        Some(v) if v.eq_ignore_ascii_case("false") => false,
        Some(v) => {
            refusals.refuse(|| ConfigError::Flag(name, v.to_owned()));
            false
        }
    }
}

/// The charter source: the inline block, else `data-charter`, else `data-preset`, else default.
fn charter_source(raw: &RawConfig, refusals: &mut impl Refusals) -> CharterSource {
    let inline = raw.inline_charter.as_deref();
    let url = raw.charter_url.as_deref();
    let preset = present(&raw.preset);
    if [inline.is_some(), url.is_some(), preset.is_some()]
        .iter()
        .filter(|&&b| b)
        .count()
        > 1
    {
        refusals.refuse(|| ConfigError::SeveralCharters);
    }
    if let Some(json) = inline {
        CharterSource::Inline(json.to_owned())
    } else if let Some(url) = url {
        match check_url(url) {
            Ok(url) => CharterSource::Url(url.to_owned()),
            Err(why) => {
                refusals.refuse(|| ConfigError::CharterUrl(url.to_owned(), why));
                CharterSource::Unusable
            }
        }
    } else if let Some(name) = preset {
        Preset::from_name(name)
            .map(CharterSource::Preset)
            .unwrap_or_else(|| {
                refusals.refuse(|| ConfigError::Preset(name.to_owned()));
                CharterSource::Unusable
            })
    } else {
        CharterSource::Preset(Preset::Default)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn raw() -> RawConfig {
        RawConfig {
            host: "data.example.fr".into(),
            ..RawConfig::default()
        }
    }

    #[test]
    fn nothing_configured_gives_defaults_and_no_error() {
        let (config, errors) = validate(&raw());
        assert_eq!(config, Config::default());
        assert!(errors.is_empty());
        let mut refused = false;
        assert_eq!(check(&raw(), &mut refused), config);
        assert!(!refused, "the first layer's check refuses nothing either");
    }

    #[test]
    fn unsafe_audience_src_loads_nothing_and_says_why() {
        let (config, errors) = validate(&RawConfig {
            audience_src: Some("javascript:alert(1)".into()),
            ..raw()
        });
        assert_eq!(config.audience_src, None);
        assert_eq!(
            errors,
            [ConfigError::AudienceSrc(
                "javascript:alert(1)".into(),
                UrlError::Scheme
            )]
        );
        assert!(errors[0].to_string().contains("data-audience-src"));
        let (config, errors) = validate(&RawConfig {
            audience_src: Some(" ".into()),
            ..raw()
        });
        assert_eq!(config.audience_src, None);
        assert_eq!(errors.len(), 1, "an empty audience URL is an error too");
    }

    #[test]
    fn policy_url_is_checked_too() {
        let (config, errors) = validate(&RawConfig {
            policy_url: Some("javascript:void(0)".into()),
            ..raw()
        });
        assert_eq!(config.policy_url, None);
        assert_eq!(errors.len(), 1);
        let (config, _) = validate(&RawConfig {
            policy_url: Some("/pages/cookies/".into()),
            ..raw()
        });
        assert_eq!(config.policy_url.as_deref(), Some("/pages/cookies/"));
    }

    #[test]
    fn language_comes_from_attribute_then_page_then_french() {
        let with = |lang: Option<&str>, doc: Option<&str>| {
            validate(&RawConfig {
                lang: lang.map(Into::into),
                document_lang: doc.map(Into::into),
                ..raw()
            })
        };
        assert_eq!(with(Some("en"), Some("fr")).0.lang, Lang::En);
        assert_eq!(with(None, Some("en-GB")).0.lang, Lang::En);
        assert_eq!(with(None, Some("de-AT")).0.lang, Lang::De);
        assert_eq!(with(None, Some("ru")).0.lang, Lang::Fr);
        assert_eq!(with(Some("pt"), Some("es")).0.lang, Lang::Pt);
        assert_eq!(with(None, None).0.lang, Lang::Fr);
        let (config, errors) = with(Some("klingon"), Some("en"));
        assert_eq!(config.lang, Lang::En);
        assert_eq!(errors, [ConfigError::Lang("klingon".into())]);
    }

    #[test]
    fn consent_days_are_bounded_by_thirteen_months() {
        let days = |v: &str| {
            validate(&RawConfig {
                consent_days: Some(v.into()),
                ..raw()
            })
        };
        assert_eq!(days("30").0.consent_days, 30);
        assert_eq!(days(" 395 ").0.consent_days, 395);
        for bad in ["396", "1000", "0", "-1", "abc", "12.5", ""] {
            let (config, errors) = days(bad);
            assert_eq!(config.consent_days, DEFAULT_CONSENT_DAYS, "{bad}");
            assert_eq!(errors, [ConfigError::ConsentDays(bad.into())], "{bad}");
        }
    }

    #[test]
    fn every_setting_has_its_own_field_and_names() {
        let mut raw = RawConfig::default();
        for (i, setting) in SETTINGS.iter().enumerate() {
            *(setting.field)(&mut raw) = Some(i.to_string());
            assert!(setting.attribute.starts_with("data-"));
        }
        for (i, setting) in SETTINGS.iter().enumerate() {
            assert_eq!(
                (setting.field)(&mut raw).as_deref(),
                Some(i.to_string().as_str()),
                "{}",
                setting.option
            );
        }
    }

    #[test]
    fn receipt_url_and_nonce_are_checked() {
        let (config, errors) = validate(&RawConfig {
            receipt_url: Some("/consent/receipts".into()),
            nonce: Some("r4nd0m+/=".into()),
            ..raw()
        });
        assert!(errors.is_empty());
        assert_eq!(config.receipt_url.as_deref(), Some("/consent/receipts"));
        assert_eq!(config.nonce.as_deref(), Some("r4nd0m+/="));
        let (config, errors) = validate(&RawConfig {
            receipt_url: Some("javascript:x".into()),
            nonce: Some("\"><script>".into()),
            ..raw()
        });
        assert_eq!((config.receipt_url, config.nonce), (None, None));
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn the_register_url_gives_its_three_endpoints() {
        let (config, errors) = validate(&RawConfig {
            register_url: Some("https://register.example.fr/v1/portals/demo/".into()),
            server_cookie: Some("true".into()),
            ..raw()
        });
        assert!(errors.is_empty());
        let base = "https://register.example.fr/v1/portals/demo";
        assert_eq!(config.receipt_url, Some(format!("{base}/receipts")));
        assert_eq!(config.impression_url, Some(format!("{base}/impressions")));
        assert_eq!(config.choice_url, Some(format!("{base}/choice")));
        // Without data-server-cookie, the register sets no cookie.
        let (config, _) = validate(&RawConfig {
            register_url: Some("/register/v1/portals/demo".into()),
            ..raw()
        });
        assert_eq!(config.choice_url, None);
        assert_eq!(
            config.impression_url.as_deref(),
            Some("/register/v1/portals/demo/impressions")
        );
        // A receipt URL of the register's stands for it; another receiver has no impressions.
        let (config, errors) = validate(&RawConfig {
            receipt_url: Some("/r/v1/portals/demo/receipts".into()),
            server_cookie: Some("".into()),
            ..raw()
        });
        assert!(errors.is_empty());
        assert_eq!(
            config.choice_url.as_deref(),
            Some("/r/v1/portals/demo/choice")
        );
        let (config, errors) = validate(&RawConfig {
            receipt_url: Some("/consent/log".into()),
            server_cookie: Some("true".into()),
            ..raw()
        });
        assert_eq!(errors, [ConfigError::ServerCookieWithoutRegister]);
        assert_eq!(
            (config.impression_url, config.choice_url),
            (None, None),
            "the banner writes its cookie itself"
        );
    }

    #[test]
    fn a_refused_register_url_sends_nothing_anywhere() {
        for bad in [
            "javascript:alert(1)",
            "/v1/portals/demo?x=1",
            "/v1/portals/demo#a",
            " ",
        ] {
            let (config, errors) = validate(&RawConfig {
                register_url: Some(bad.into()),
                receipt_url: Some("/elsewhere/receipts".into()),
                server_cookie: Some("true".into()),
                ..raw()
            });
            if bad.trim().is_empty() {
                // Empty is as if absent: the receipt URL stands for the register.
                assert!(errors.is_empty());
                continue;
            }
            assert_eq!(errors, [ConfigError::RegisterUrl(bad.into())], "{bad}");
            assert_eq!(
                (config.receipt_url, config.impression_url, config.choice_url),
                (None, None, None)
            );
            assert!(errors[0].to_string().contains("nothing is sent"));
        }
    }

    #[test]
    fn yes_no_attributes() {
        let with = |v: Option<&str>| {
            validate(&RawConfig {
                floating_button: v.map(Into::into),
                reload_on_withdraw: v.map(Into::into),
                ..raw()
            })
        };
        assert!(!with(None).0.floating_button);
        assert!(with(Some("")).0.floating_button);
        assert!(with(Some("TRUE")).0.reload_on_withdraw);
        assert!(!with(Some("false")).0.floating_button);
        let (config, errors) = with(Some("yes please"));
        assert!(!config.floating_button && !config.reload_on_withdraw);
        assert_eq!(errors.len(), 2);
        assert!(errors[0]
            .to_string()
            .starts_with("data-floating-button=\"yes please\""));
    }

    #[test]
    fn charter_comes_from_inline_block_then_url_then_preset() {
        let (config, errors) = validate(&raw());
        assert_eq!(config.charter, CharterSource::Preset(Preset::Default));
        assert!(errors.is_empty());
        let (config, _) = validate(&RawConfig {
            preset: Some("tco".into()),
            ..raw()
        });
        assert_eq!(config.charter, CharterSource::Preset(Preset::Tco));
        let (config, errors) = validate(&RawConfig {
            preset: Some("tco".into()),
            charter_url: Some("/charter.json".into()),
            ..raw()
        });
        assert_eq!(config.charter, CharterSource::Url("/charter.json".into()));
        assert_eq!(errors, [ConfigError::SeveralCharters]);
        let (config, _) = validate(&RawConfig {
            inline_charter: Some("{}".into()),
            charter_url: Some("/charter.json".into()),
            ..raw()
        });
        assert_eq!(config.charter, CharterSource::Inline("{}".into()));
    }

    #[test]
    fn an_unusable_charter_configuration_is_reported() {
        let (config, errors) = validate(&RawConfig {
            preset: Some("paris".into()),
            ..raw()
        });
        assert_eq!(config.charter, CharterSource::Unusable);
        assert_eq!(errors, [ConfigError::Preset("paris".into())]);
        assert!(errors[0]
            .to_string()
            .contains("soregies, bpce, anru, tco, saintnazaire"));
        let (config, errors) = validate(&RawConfig {
            charter_url: Some("javascript:x".into()),
            ..raw()
        });
        assert_eq!(config.charter, CharterSource::Unusable);
        assert_eq!(
            errors,
            [ConfigError::CharterUrl(
                "javascript:x".into(),
                UrlError::Scheme
            )]
        );
    }

    #[test]
    fn cookie_name_is_a_plain_name_or_the_default() {
        let named = |v: &str| {
            validate(&RawConfig {
                cookie_name: Some(v.into()),
                ..raw()
            })
        };
        assert_eq!(raw_default().cookie_name, "cookies_preferences");
        for good in ["cookie_charter_choice", "cc-choice.v1", " spaced ", "A"] {
            let (config, errors) = named(good);
            assert_eq!(config.cookie_name, good.trim(), "{good:?}");
            assert!(errors.is_empty(), "{good:?}");
        }
        let too_long = "a".repeat(65);
        for bad in [
            "a b",
            "a;b",
            "a=b",
            "é",
            "__Host-choice",
            "__Secure-x",
            "cookie_charter_probe",
            too_long.as_str(),
        ] {
            let (config, errors) = named(bad);
            assert_eq!(config.cookie_name, "cookies_preferences", "{bad:?}");
            assert_eq!(errors, [ConfigError::CookieName(bad.into())], "{bad:?}");
        }
        assert!(named("a b").1[0]
            .to_string()
            .ends_with("using cookies_preferences"));
        // Unset or blank: the default, silently.
        assert!(named("  ").1.is_empty());
    }

    fn raw_default() -> Config {
        validate(&raw()).0
    }

    #[test]
    fn cookie_domain_must_cover_the_host() {
        let domain = |v: &str| {
            validate(&RawConfig {
                cookie_domain: Some(v.into()),
                ..raw()
            })
        };
        assert_eq!(
            domain("example.fr").0.cookie_domain.as_deref(),
            Some("example.fr")
        );
        assert_eq!(
            domain(".Example.FR").0.cookie_domain.as_deref(),
            Some("example.fr")
        );
        assert_eq!(
            domain("data.example.fr").0.cookie_domain.as_deref(),
            Some("data.example.fr")
        );
        for foreign in ["other.fr", "ample.fr", "sub.data.example.fr"] {
            let (config, errors) = domain(foreign);
            assert_eq!(config.cookie_domain, None);
            assert!(
                matches!(errors[..], [ConfigError::ForeignCookieDomain { .. }]),
                "{foreign}"
            );
        }
        for malformed in ["exa mple.fr", "a..b", "-a.fr", "a;b", "."] {
            let (config, errors) = domain(malformed);
            assert_eq!(config.cookie_domain, None);
            assert!(
                matches!(errors[..], [ConfigError::CookieDomain(_)]),
                "{malformed}"
            );
        }
    }
}
