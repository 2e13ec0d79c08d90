//! Where the visitor's choice is kept: the `cookies_preferences` cookie (or the name the
//! portal configured, `data-cookie-name`).

use cookie_charter_core::charter::Charter;
use cookie_charter_core::config::Config;
use cookie_charter_core::consent::Choice;
use cookie_charter_core::cookie_codec::{self, CookieAttributes, Expectations, Resolved};
use cookie_charter_core::text::text;

use super::{clock, console, cookies, json, location};

/// The stored choice for `charter`, or `None`. Every visible copy of the cookie counts: the
/// newest decides, and in doubt the strictest ([`cookie_codec::resolve`]).
pub fn read(config: &Config, charter: &Charter) -> Option<Choice> {
    resolve(config, charter).choice
}

fn resolve(config: &Config, charter: &Charter) -> Resolved {
    // The values of every cookie of that name the page sees (none when it cannot read them).
    let header = cookies::all();
    let values = cookie_codec::find_all(&header, &config.cookie_name);
    let expect = Expectations {
        now: clock::now(),
        lifetime_days: config.consent_days,
        charter,
    };
    cookie_codec::resolve(&values, &expect, json::parse)
}

/// [`read`], on page load: a console warning also says when copies were found on other paths
/// or domains, or set aside.
pub fn load(config: &Config, charter: &Charter) -> Option<Choice> {
    let resolved = resolve(config, charter);
    if resolved.copies > 1 {
        console::warn(&text!(
            resolved.copies,
            " copies of ",
            config.cookie_name,
            " found (a stale one on another path or domain): the newest decides, in doubt the \
             strictest; the next choice removes the others"
        ));
    }
    let asking = if resolved.choice.is_none() {
        "; asking again"
    } else {
        ""
    };
    for why in &resolved.set_aside {
        console::warn(&text!(
            "stored ",
            config.cookie_name,
            " set aside: ",
            why,
            asking
        ));
    }
    resolved.choice
}

/// Writes `choice` to the cookie for the configured lifetime and domain, after removing every
/// other copy this page can reach, so that no stale one outlives it. Returns the value written,
/// for the register to set the same.
pub fn save(choice: &Choice, charter: &Charter, config: &Config) -> String {
    cookies::expire_everywhere(&config.cookie_name, config.cookie_domain.as_deref());
    let attrs = CookieAttributes {
        max_age_secs: u64::from(config.consent_days) * 86_400,
        domain: config.cookie_domain.as_deref(),
        secure: location::is_secure(),
    };
    let value = cookie_codec::encode(choice, charter);
    if !cookies::write(&cookie_codec::assignment(
        &config.cookie_name,
        &value,
        &attrs,
    )) {
        console::error("cookies cannot be written here: the choice holds for this page only");
    }
    value
}

/// Deletes every copy of the stored choice this page can reach (the JS API's `reset()`).
pub fn forget(config: &Config) {
    cookies::expire_everywhere(&config.cookie_name, config.cookie_domain.as_deref());
}
