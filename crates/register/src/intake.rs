//! What the register takes: the banner's consent receipt exactly as it sends it
//! (`{"id","decidedAt","revision","choices","lang","page"}`, with `sendBeacon` as `text/plain` or
//! with `fetch`), checked against the portal it is sent for. Anything else is refused with a
//! status and a reason the portal's web team can act on.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::charters::Revision;
use crate::config::Portal;

/// Why a receipt was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status answered.
    pub status: StatusCode,
    /// The reason, sent as the answer's text.
    pub reason: String,
}

fn refuse(status: StatusCode, reason: impl Into<String>) -> Refusal {
    Refusal {
        status,
        reason: reason.into(),
    }
}

/// The receipt as the banner writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Sent {
    id: String,
    decided_at: i64,
    revision: String,
    choices: BTreeMap<String, bool>,
    lang: String,
    page: String,
}

/// What the visitor did, read from the choices: every optional category and service accepted,
/// every one refused, or some of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Every optional category and service accepted.
    AcceptAll,
    /// Every one refused.
    RefuseAll,
    /// Some accepted, some refused.
    Custom,
}

impl Action {
    /// Its name in the database and exports.
    pub fn name(self) -> &'static str {
        match self {
            Action::AcceptAll => "accept-all",
            Action::RefuseAll => "refuse-all",
            Action::Custom => "custom",
        }
    }
}

/// A receipt that passed every check, ready to be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// Its id, a v4 UUID in lower case.
    pub id: String,
    /// SHA-256 of the body as received, hex.
    pub body_sha256: String,
    /// The portal it was sent for.
    pub portal: String,
    /// The charter revision answered.
    pub revision: String,
    /// The visitor's time of the choice.
    pub decided_at: i64,
    /// Every category and service of the revision, and whether it was accepted.
    pub choices: BTreeMap<String, bool>,
    /// What the visitor did.
    pub action: Action,
    /// The language the banner spoke.
    pub lang: String,
    /// The page, without query or fragment.
    pub page: String,
}

/// The languages a banner speaks.
const LANGS: [&str; 7] = ["fr", "en", "es", "de", "it", "nl", "pt"];

/// A banner shown, as the banner tells it: `{"revision","lang"}` (no id, no cookie).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Shown {
    revision: String,
    lang: String,
}

/// Checks an impression `body` for `portal`: its revision and its language.
pub fn check_impression(body: &[u8], portal: &Portal) -> Result<(String, String), Refusal> {
    let shown: Shown = serde_json::from_slice(body).map_err(|e| {
        refuse(
            StatusCode::BAD_REQUEST,
            format!("not an impression ({e}): expected {{\"revision\",\"lang\"}}"),
        )
    })?;
    if !portal
        .revisions
        .iter()
        .any(|r| r.revision == shown.revision)
    {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "revision {:?} is not one of portal {:?}'s charters",
                shown.revision, portal.id
            ),
        ));
    }
    if !LANGS.contains(&shown.lang.as_str()) {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "lang: not a language the banner speaks",
        ));
    }
    Ok((shown.revision, shown.lang))
}

/// Checks `body`, sent for `portal`.
pub fn check(body: &[u8], portal: &Portal) -> Result<Checked, Refusal> {
    let sent: Sent = serde_json::from_slice(body).map_err(|e| {
        refuse(
            StatusCode::BAD_REQUEST,
            format!("not a consent receipt ({e}): expected {{\"id\",\"decidedAt\",\"revision\",\"choices\",\"lang\",\"page\"}}"),
        )
    })?;
    let id = Uuid::parse_str(&sent.id)
        .ok()
        .filter(|u| u.get_version() == Some(uuid::Version::Random) && sent.id.len() == 36)
        .ok_or_else(|| refuse(StatusCode::BAD_REQUEST, "id: not a v4 UUID"))?;
    if sent.decided_at < 0 {
        return Err(refuse(StatusCode::BAD_REQUEST, "decidedAt: not a time"));
    }
    let revision = portal
        .revisions
        .iter()
        .find(|r| r.revision == sent.revision)
        .ok_or_else(|| {
            refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "revision {:?} is not one of portal {:?}'s charters",
                    sent.revision, portal.id
                ),
            )
        })?;
    let action = check_choices(&sent.choices, revision)?;
    if !LANGS.contains(&sent.lang.as_str()) {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "lang: not a language the banner speaks",
        ));
    }
    check_page(&sent.page, portal)?;
    Ok(Checked {
        id: id.hyphenated().to_string(),
        body_sha256: hex::encode(Sha256::digest(body)),
        portal: portal.id.clone(),
        revision: sent.revision,
        decided_at: sent.decided_at,
        choices: sent.choices,
        action,
        lang: sent.lang,
        page: sent.page,
    })
}

/// The choices must be exactly the revision's categories and services, the required ones
/// accepted, and a category of services accepted exactly when all its services are.
fn check_choices(choices: &BTreeMap<String, bool>, revision: &Revision) -> Result<Action, Refusal> {
    let mismatch = |why: &str| {
        refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "choices: {why} (expected exactly: {})",
                revision.decided_ids().join(", ")
            ),
        )
    };
    let ids = revision.decided_ids();
    if choices.len() != ids.len() || ids.iter().any(|id| !choices.contains_key(*id)) {
        return Err(mismatch("not the revision's categories and services"));
    }
    let (mut on, mut off) = (0, 0);
    for c in &revision.categories {
        let decided = choices[&c.id];
        if c.required {
            if !decided {
                return Err(mismatch(&format!("{} is required", c.id)));
            }
            continue;
        }
        if c.services.is_empty() {
            if decided {
                on += 1
            } else {
                off += 1
            }
        } else {
            let all = c.services.iter().all(|s| choices[s]);
            if decided != all {
                return Err(mismatch(&format!(
                    "{} must be accepted exactly when all its services are",
                    c.id
                )));
            }
            for s in &c.services {
                if choices[s] {
                    on += 1
                } else {
                    off += 1
                }
            }
        }
    }
    Ok(match (on, off) {
        (_, 0) => Action::AcceptAll,
        (0, _) => Action::RefuseAll,
        _ => Action::Custom,
    })
}

/// The page must be on one of the portal's origins, with no query or fragment (they may carry
/// personal data).
fn check_page(page: &str, portal: &Portal) -> Result<(), Refusal> {
    if page.len() > 2048 || page.contains(['?', '#']) || page.chars().any(char::is_whitespace) {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "page: at most 2048 characters, without query or fragment",
        ));
    }
    let on_origin = portal.origins.iter().any(|origin| {
        page.strip_prefix(origin.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    });
    if !on_origin {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "page: not on one of the portal's origins",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn portal() -> Portal {
        let charter = cookie_charter_core::presets::Preset::Default.json().replacen(
            r#""categories": ["#,
            r#""categories": [{"id": "embeds", "title": {"fr": "Contenus"}, "services": ["youtube", "umap"]},"#,
            1,
        );
        Portal {
            id: "demo".into(),
            origins: vec!["https://data.example.fr".into()],
            retention_years: 5,
            revisions: vec![Revision::of("demo", &charter, 0).unwrap()],
            cookie: crate::config::CookieSettings {
                name: "cookies_preferences".into(),
                domain: None,
                consent_days: 182,
            },
        }
    }

    fn body(choices: &str, extra: &str) -> String {
        let revision = &portal().revisions[0].revision;
        format!(
            r#"{{"id":"3f2a9c1e-77b0-4d2e-9a51-0c6e5d4b3a21","decidedAt":1795000000,"revision":"{revision}","choices":{choices},"lang":"fr","page":"https://data.example.fr/explore/"{extra}}}"#
        )
    }

    const ALL: &str =
        r#"{"necessary":true,"audience":true,"embeds":true,"youtube":true,"umap":true}"#;
    const NONE: &str =
        r#"{"necessary":true,"audience":false,"embeds":false,"youtube":false,"umap":false}"#;
    const SOME: &str =
        r#"{"necessary":true,"audience":false,"embeds":false,"youtube":true,"umap":false}"#;

    #[test]
    fn the_banners_receipt_is_taken_and_its_action_read() {
        for (choices, action) in [
            (ALL, Action::AcceptAll),
            (NONE, Action::RefuseAll),
            (SOME, Action::Custom),
        ] {
            let checked = check(body(choices, "").as_bytes(), &portal()).unwrap();
            assert_eq!(checked.action, action);
            assert_eq!(checked.choices.len(), 5, "refusals are kept too");
        }
    }

    #[test]
    fn anything_else_is_refused_with_its_reason() {
        let p = portal();
        let cases = [
            ("not json".to_owned(), 400, "not a consent receipt"),
            (body(ALL, r#","extra":1"#), 400, "unknown field"),
            (
                body(ALL, "").replace("3f2a9c1e-77b0-4d2e", "3f2a9c1e-77b0-1d2e"),
                400,
                "v4 UUID",
            ),
            (
                body(ALL, "").replace(r#""revision":""#, r#""revision":"0"#),
                422,
                "is not one of",
            ),
            (
                body(r#"{"necessary":true,"audience":true}"#, ""),
                422,
                "categories and services",
            ),
            (
                body(
                    &NONE.replace(r#""necessary":true"#, r#""necessary":false"#),
                    "",
                ),
                422,
                "required",
            ),
            (
                body(&SOME.replace(r#""embeds":false"#, r#""embeds":true"#), ""),
                422,
                "exactly when all",
            ),
            (
                body(ALL, "").replace("/explore/", "/explore/?q=jean"),
                422,
                "without query",
            ),
            (
                body(ALL, "").replace("https://data.example.fr", "https://evil.example"),
                422,
                "origins",
            ),
            (
                body(ALL, "").replace(r#""lang":"fr""#, r#""lang":"xx""#),
                422,
                "lang",
            ),
        ];
        for (text, status, says) in cases {
            let refusal = check(text.as_bytes(), &p).unwrap_err();
            assert_eq!(refusal.status.as_u16(), status, "{text}");
            assert!(
                refusal.reason.contains(says),
                "{}: {}",
                text,
                refusal.reason
            );
        }
    }
}
