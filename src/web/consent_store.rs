//! Where the visitor's choice is kept: the `cookies_preferences` cookie.

use crate::core::config::Config;
use crate::core::consent::Choice;
use crate::core::cookie_codec::{self, CookieAttributes, Expectations, COOKIE_NAME};

use super::{clock, console, cookies};

/// The valid stored choice for the charter `revision`, or `None` (and a console note on why a
/// stored value was set aside).
pub fn load(config: &Config, revision: &str) -> Option<Choice> {
    let value = cookies::read(COOKIE_NAME)?;
    let expect = Expectations {
        now: clock::now(),
        lifetime_days: config.consent_days,
        revision,
    };
    match cookie_codec::decode(&value, &expect) {
        Ok(choice) => Some(choice),
        Err(why) => {
            console::warn(&format!(
                "stored {COOKIE_NAME} set aside: {why}; asking again"
            ));
            None
        }
    }
}

/// Writes `choice` to the cookie for the configured lifetime and domain.
pub fn save(choice: &Choice, config: &Config) {
    let attrs = CookieAttributes {
        max_age_secs: u64::from(config.consent_days) * 86_400,
        domain: config.cookie_domain.as_deref(),
        secure: cookies::page_is_secure(),
    };
    let value = cookie_codec::encode(choice);
    if !cookies::write(&cookie_codec::assignment(COOKIE_NAME, &value, &attrs)) {
        console::error("cookies cannot be written here: the choice holds for this page only");
    }
}

/// Deletes the stored choice (the JS API's `reset()`).
pub fn forget(config: &Config) {
    let attrs = CookieAttributes {
        max_age_secs: 0,
        domain: config.cookie_domain.as_deref(),
        secure: cookies::page_is_secure(),
    };
    cookies::write(&cookie_codec::assignment(COOKIE_NAME, "", &attrs));
}
