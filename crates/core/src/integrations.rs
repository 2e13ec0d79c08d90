//! What the consent choice means for the tag managers a portal may use: Google Consent Mode v2,
//! Matomo's and Piano Analytics' consent APIs. Pure: the web layer pushes the commands.

use super::charter::AUDIENCE;
use super::consent::Choice;

/// How long Google tags wait for the first `update` after the `default`, in milliseconds.
pub const GOOGLE_WAIT_FOR_UPDATE_MS: u32 = 500;

/// The Google Consent Mode v2 keys and their values for `gtag('consent', 'default', …)`:
/// everything denied until the visitor chooses.
pub fn google_default() -> [(&'static str, &'static str); 4] {
    [
        ("analytics_storage", "denied"),
        ("ad_storage", "denied"),
        ("ad_user_data", "denied"),
        ("ad_personalization", "denied"),
    ]
}

/// Whether `choice` consents to the tool `service` (`ga4`, `matomo`): the service's own
/// decision where the charter lists it, else the audience category's.
fn consents(choice: Option<&Choice>, service: &str) -> bool {
    choice.is_some_and(|c| {
        c.categories
            .get(service)
            .unwrap_or_else(|| c.allows(AUDIENCE))
    })
}

/// The keys of `gtag('consent', 'update', …)` for a choice: analytics follows the `ga4`
/// service where the charter lists it, else the audience category; the advertising keys stay
/// denied (the charters have no advertising).
pub fn google_update(choice: Option<&Choice>) -> [(&'static str, &'static str); 4] {
    let analytics = if consents(choice, "ga4") {
        "granted"
    } else {
        "denied"
    };
    [
        ("analytics_storage", analytics),
        ("ad_storage", "denied"),
        ("ad_user_data", "denied"),
        ("ad_personalization", "denied"),
    ]
}

/// A Matomo `_paq` command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatomoCommand {
    /// `requireCookieConsent`: no tracking cookie until consent (cookieless stats go on).
    RequireCookieConsent,
    /// `setCookieConsentGiven`: consent for this page view (a stored choice).
    SetCookieConsentGiven,
    /// `rememberCookieConsentGiven`: the visitor just consented.
    RememberCookieConsentGiven,
    /// `forgetCookieConsentGiven`: the visitor refused or withdrew.
    ForgetCookieConsentGiven,
}

impl MatomoCommand {
    /// The command's name in `_paq.push([name])`.
    pub fn name(self) -> &'static str {
        match self {
            MatomoCommand::RequireCookieConsent => "requireCookieConsent",
            MatomoCommand::SetCookieConsentGiven => "setCookieConsentGiven",
            MatomoCommand::RememberCookieConsentGiven => "rememberCookieConsentGiven",
            MatomoCommand::ForgetCookieConsentGiven => "forgetCookieConsentGiven",
        }
    }
}

/// Piano Analytics' consent mode for `choice`: `opt-in` where it consents to the `piano`
/// service (else the audience category), `opt-out` otherwise, before any choice included (its
/// `essential` mode, the CNIL exemption, is a portal's own legal call, not a refusal's meaning).
pub fn piano_mode(choice: Option<&Choice>) -> &'static str {
    if consents(choice, "piano") {
        "opt-in"
    } else {
        "opt-out"
    }
}

/// The Matomo command once the stored choice is known (after the page's
/// `requireCookieConsent` default): consent for this page view where the choice gives it (the
/// `matomo` service's where the charter lists it, else the audience category's).
pub fn matomo_on_stored(stored: Option<&Choice>) -> Option<MatomoCommand> {
    consents(stored, "matomo").then_some(MatomoCommand::SetCookieConsentGiven)
}

/// The Matomo command after the visitor makes (or resets) a choice.
pub fn matomo_on_decision(choice: Option<&Choice>) -> MatomoCommand {
    if consents(choice, "matomo") {
        MatomoCommand::RememberCookieConsentGiven
    } else {
        MatomoCommand::ForgetCookieConsentGiven
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn choice(audience: bool) -> Choice {
        Choice::new(
            &crate::presets::Preset::Default.charter(crate::json::parse),
            1,
            |_| audience,
        )
    }

    /// The default charter with its audience category split into `services` (a JSON list's
    /// items).
    fn with_audience_services(services: &str) -> crate::charter::Charter {
        let json = crate::presets::Preset::Default.json().replacen(
            r#""id": "audience","#,
            &format!(r#""id": "audience", "services": [{services}],"#),
            1,
        );
        crate::charter_json::parse(&json, crate::json::parse).unwrap()
    }

    #[test]
    fn google_denies_everything_by_default_and_grants_only_analytics() {
        assert!(google_default().iter().all(|(_, v)| *v == "denied"));
        assert_eq!(
            google_update(Some(&choice(true)))[0],
            ("analytics_storage", "granted")
        );
        assert!(google_update(Some(&choice(true)))[1..]
            .iter()
            .all(|(_, v)| *v == "denied"));
        assert_eq!(
            google_update(Some(&choice(false)))[0],
            ("analytics_storage", "denied")
        );
        assert_eq!(google_update(None)[0], ("analytics_storage", "denied"));
    }

    #[test]
    fn matomo_requires_consent_first_and_follows_choices() {
        assert_eq!(matomo_on_stored(None), None);
        assert_eq!(matomo_on_stored(Some(&choice(false))), None);
        assert_eq!(
            matomo_on_stored(Some(&choice(true))),
            Some(MatomoCommand::SetCookieConsentGiven)
        );
        assert_eq!(
            matomo_on_decision(Some(&choice(true))).name(),
            "rememberCookieConsentGiven"
        );
        assert_eq!(
            matomo_on_decision(Some(&choice(false))).name(),
            "forgetCookieConsentGiven"
        );
        assert_eq!(matomo_on_decision(None).name(), "forgetCookieConsentGiven");
    }

    #[test]
    fn piano_opts_in_only_with_consent() {
        assert_eq!(piano_mode(None), "opt-out");
        assert_eq!(piano_mode(Some(&choice(false))), "opt-out");
        assert_eq!(piano_mode(Some(&choice(true))), "opt-in");
        let charter = with_audience_services(r#""matomo", "piano""#);
        assert_eq!(
            piano_mode(Some(&Choice::new(&charter, 1, |id| id == "piano"))),
            "opt-in"
        );
        assert_eq!(
            piano_mode(Some(&Choice::new(&charter, 1, |id| id == "matomo"))),
            "opt-out"
        );
    }

    #[test]
    fn with_services_google_and_matomo_follow_their_own_service() {
        let charter = with_audience_services(r#""matomo", "ga4""#);
        let only_matomo = Choice::new(&charter, 1, |id| id == "matomo");
        assert!(!only_matomo.allows(AUDIENCE));
        assert_eq!(
            matomo_on_decision(Some(&only_matomo)).name(),
            "rememberCookieConsentGiven"
        );
        assert_eq!(
            google_update(Some(&only_matomo))[0],
            ("analytics_storage", "denied")
        );
        assert_eq!(piano_mode(Some(&only_matomo)), "opt-out");
        let only_ga = Choice::new(&charter, 1, |id| id == "ga4");
        assert_eq!(
            matomo_on_decision(Some(&only_ga)).name(),
            "forgetCookieConsentGiven"
        );
        assert_eq!(
            google_update(Some(&only_ga))[0],
            ("analytics_storage", "granted")
        );
    }
}
