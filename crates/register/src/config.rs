//! The register's one configuration file (TOML): where it listens and keeps its data, the
//! portals it serves (their allowed origins, charter revisions and retention), its limits and
//! its admin credential. Every value is checked when the file is read: a bad one is an error
//! naming it, and the register does not start.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use ipnet::IpNet;
use serde::Deserialize;

use crate::charters::Revision;
use crate::clock::parse_day;

/// The configuration as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    listen: Option<String>,
    database: String,
    checkpoints: Option<PathBuf>,
    signing_key: Option<PathBuf>,
    checkpoint_every_minutes: Option<u64>,
    admin_token_sha256: String,
    #[serde(default)]
    trusted_proxies: Vec<String>,
    #[serde(default)]
    limits: Limits,
    #[serde(default)]
    portals: Vec<PortalFile>,
}

/// Abuse limits.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Receipts a client (one address) may send in a minute.
    pub per_client_per_minute: u32,
    /// Receipts the whole register takes in a second.
    pub global_per_second: u32,
    /// Largest body taken, in bytes.
    pub max_body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            per_client_per_minute: 100,
            global_per_second: 2000,
            max_body_bytes: 4096,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PortalFile {
    id: String,
    origins: Vec<String>,
    retention_years: Option<u32>,
    cookie_name: Option<String>,
    cookie_domain: Option<String>,
    consent_days: Option<u32>,
    charters: Vec<CharterFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CharterFile {
    preset: Option<String>,
    file: Option<PathBuf>,
    effective_from: String,
}

/// A portal the register serves.
#[derive(Clone, Debug)]
pub struct Portal {
    /// Its id: the path segment of its receipts' URL.
    pub id: String,
    /// The origins its pages are served from (`https://data.example.fr`): a receipt must come
    /// from one of them and name a page on one of them.
    pub origins: Vec<String>,
    /// How long its receipts are kept, in years.
    pub retention_years: u32,
    /// Its charter revisions.
    pub revisions: Vec<Revision>,
    /// The choice cookie the register sets for the banner (`data-server-cookie`): the same
    /// name, domain and lifetime as the banner's settings.
    pub cookie: CookieSettings,
}

/// How the register writes a portal's choice cookie: as the banner writes it, with `Secure`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieSettings {
    /// Its name (`data-cookie-name`).
    pub name: String,
    /// Its `Domain` (`data-cookie-domain`), host-only when absent.
    pub domain: Option<String>,
    /// How long a choice lasts, in days (`data-consent-days`).
    pub consent_days: u32,
}

/// The checked configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen.
    pub listen: SocketAddr,
    /// `sqlite://<path>` or `postgres://…`.
    pub database: String,
    /// The folder signed checkpoints are written to, to be published.
    pub checkpoints: PathBuf,
    /// The Ed25519 signing key's file (made on first start).
    pub signing_key: PathBuf,
    /// How often each log with new receipts gets a checkpoint, in minutes (at most a day).
    pub checkpoint_every_minutes: u64,
    /// SHA-256 of the admin token, hex.
    pub admin_token_sha256: [u8; 32],
    /// Proxies whose `X-Forwarded-For` is believed (to key the rate limit, in memory only).
    pub trusted_proxies: Vec<IpNet>,
    /// Abuse limits.
    pub limits: Limits,
    /// The portals served.
    pub portals: Vec<Portal>,
}

/// Default retention: five years, the civil limitation period.
pub const DEFAULT_RETENTION_YEARS: u32 = 5;

impl Config {
    /// Reads and checks the file at `path`; relative paths in it are relative to its folder.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let base = path.parent().unwrap_or(Path::new("."));
        Config::parse(&text, base).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Checks configuration `text`, resolving relative paths against `base`.
    pub fn parse(text: &str, base: &Path) -> Result<Config, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let listen = file.listen.as_deref().unwrap_or("127.0.0.1:8081");
        let listen = listen
            .parse()
            .map_err(|_| format!("listen: {listen:?} is not an address:port"))?;
        let database = if let Some(path) = file.database.strip_prefix("sqlite://") {
            format!("sqlite://{}", base.join(path).display())
        } else if file.database.starts_with("postgres://")
            || file.database.starts_with("postgresql://")
        {
            file.database.clone()
        } else {
            return Err("database: expected sqlite://<file> or postgres://…".into());
        };
        let token = hex::decode(file.admin_token_sha256.trim())
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .ok_or("admin_token_sha256: expected the SHA-256 of the admin token, 64 hex digits (`cookie-charter-register token` makes one)")?;
        let every = file.checkpoint_every_minutes.unwrap_or(60);
        if !(1..=24 * 60).contains(&every) {
            return Err("checkpoint_every_minutes: from 1 to 1440 (at least daily)".into());
        }
        let mut trusted_proxies = Vec::new();
        for proxy in &file.trusted_proxies {
            let net = proxy
                .parse::<IpNet>()
                .or_else(|_| proxy.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    format!("trusted_proxies: {proxy:?} is not an address or a network")
                })?;
            trusted_proxies.push(net);
        }
        let l = &file.limits;
        if l.per_client_per_minute == 0
            || l.global_per_second == 0
            || !(256..=65536).contains(&l.max_body_bytes)
        {
            return Err("limits: per_client_per_minute and global_per_second above 0, max_body_bytes from 256 to 65536".into());
        }
        let mut portals = Vec::new();
        for p in &file.portals {
            portals.push(portal(p, base)?);
        }
        if portals.is_empty() {
            return Err("portals: at least one".into());
        }
        for (i, p) in portals.iter().enumerate() {
            if portals[..i].iter().any(|q| q.id == p.id) {
                return Err(format!("portals: {:?} twice", p.id));
            }
        }
        Ok(Config {
            listen,
            database,
            checkpoints: base.join(file.checkpoints.unwrap_or_else(|| "checkpoints".into())),
            signing_key: base.join(file.signing_key.unwrap_or_else(|| "register.key".into())),
            checkpoint_every_minutes: every,
            admin_token_sha256: token,
            trusted_proxies,
            limits: file.limits,
            portals,
        })
    }

    /// The portal `id`, if served.
    pub fn portal(&self, id: &str) -> Option<&Portal> {
        self.portals.iter().find(|p| p.id == id)
    }
}

fn portal(p: &PortalFile, base: &Path) -> Result<Portal, String> {
    let at = |what: &str| format!("portals {:?}: {what}", p.id);
    let id_ok = !p.id.is_empty()
        && p.id.len() <= 64
        && p.id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        return Err(at("id: 1 to 64 lower-case letters, digits or hyphens"));
    }
    if p.origins.is_empty() {
        return Err(at("origins: at least one"));
    }
    for origin in &p.origins {
        let ok = (origin.starts_with("https://") || origin.starts_with("http://"))
            && !origin
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .contains('/')
            && !origin.ends_with('/');
        if !ok {
            return Err(at(&format!(
                "origins: {origin:?} is not an origin (scheme://host[:port])"
            )));
        }
    }
    let retention_years = p.retention_years.unwrap_or(DEFAULT_RETENTION_YEARS);
    if !(1..=30).contains(&retention_years) {
        return Err(at("retention_years: from 1 to 30"));
    }
    let mut revisions: Vec<Revision> = Vec::new();
    for c in &p.charters {
        let from = parse_day(&c.effective_from).ok_or_else(|| {
            at(&format!(
                "charters: effective_from {:?} is not YYYY-MM-DD",
                c.effective_from
            ))
        })?;
        let revision = match (&c.preset, &c.file) {
            (Some(name), None) => Revision::of_preset(&p.id, name, from),
            (None, Some(file)) => Revision::of_file(&p.id, &base.join(file), from),
            _ => return Err(at("charters: each has either preset or file")),
        }
        .map_err(|e| at(&format!("charters: {e}")))?;
        if revisions.iter().any(|r| r.revision == revision.revision) {
            return Err(at(&format!(
                "charters: revision {} twice",
                revision.revision
            )));
        }
        revisions.push(revision);
    }
    if revisions.is_empty() {
        return Err(at("charters: at least one"));
    }
    let name = p
        .cookie_name
        .clone()
        .unwrap_or_else(|| "cookies_preferences".into());
    let name_ok = (1..=64).contains(&name.len())
        && !name.starts_with("__")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b));
    if !name_ok {
        return Err(at(
            "cookie_name: 1 to 64 letters, digits, _, - or ., not starting with __",
        ));
    }
    let domain = p.cookie_domain.clone();
    if let Some(d) = &domain {
        if d.is_empty()
            || !d
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.".contains(&b))
        {
            return Err(at("cookie_domain: a domain name"));
        }
    }
    let consent_days = p.consent_days.unwrap_or(182);
    if !(1..=395).contains(&consent_days) {
        return Err(at("consent_days: from 1 to 395 (13 months)"));
    }
    Ok(Portal {
        id: p.id.clone(),
        origins: p.origins.clone(),
        retention_years,
        revisions,
        cookie: CookieSettings {
            name,
            domain,
            consent_days,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0000000000000000000000000000000000000000000000000000000000000000";

    fn config(portals: &str) -> Result<Config, String> {
        Config::parse(
            &format!("database = \"sqlite://r.db\"\nadmin_token_sha256 = \"{TOKEN}\"\n{portals}"),
            Path::new("/srv/register"),
        )
    }

    #[test]
    fn a_portal_with_its_origins_and_charters() {
        let c = config(
            "[[portals]]\nid = \"soregies\"\norigins = [\"https://opendata.soregies.fr\"]\n\
             [[portals.charters]]\npreset = \"soregies\"\neffective_from = \"2026-01-01\"\n",
        )
        .unwrap();
        assert_eq!(c.database, "sqlite:///srv/register/r.db");
        assert_eq!(c.portals[0].retention_years, 5);
        assert_eq!(c.limits.per_client_per_minute, 100);
        assert_eq!(c.portal("soregies").unwrap().revisions.len(), 1);
        assert_eq!(c.checkpoints, Path::new("/srv/register/checkpoints"));
    }

    #[test]
    fn bad_values_are_named() {
        for (portals, says) in [
            ("", "at least one"),
            ("[[portals]]\nid = \"A\"\norigins = [\"https://a.fr\"]\ncharters = []\n", "lower-case"),
            ("[[portals]]\nid = \"a\"\norigins = [\"https://a.fr/x\"]\ncharters = []\n", "not an origin"),
            ("[[portals]]\nid = \"a\"\norigins = [\"https://a.fr\"]\ncharters = []\n", "charters: at least one"),
            (
                "[[portals]]\nid = \"a\"\norigins = [\"https://a.fr\"]\n[[portals.charters]]\npreset = \"paris\"\neffective_from = \"2026-01-01\"\n",
                "no built-in charter",
            ),
            (
                "[[portals]]\nid = \"a\"\norigins = [\"https://a.fr\"]\n[[portals.charters]]\npreset = \"bpce\"\neffective_from = \"2026-1-1\"\n",
                "YYYY-MM-DD",
            ),
            ("nonsense = 1\n", "unknown field"),
        ] {
            let error = config(portals).unwrap_err();
            assert!(error.contains(says), "{portals}: {error}");
        }
        let bad_token = Config::parse(
            "database = \"sqlite://r.db\"\nadmin_token_sha256 = \"abc\"\n",
            Path::new("."),
        );
        assert!(bad_token.unwrap_err().contains("admin_token_sha256"));
    }
}
