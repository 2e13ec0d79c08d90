//! The register's test harness: each test runs on a real SQLite file and on a real PostgreSQL
//! server (a database of its own on the server `REGISTER_TEST_POSTGRES_URL` names; the README
//! test command starts Debian's and sets it, and `REGISTER_TEST_POSTGRES=required` makes its
//! absence a failure rather than a skip).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cookie_charter_register::clock::{parse_day, FixedClock};
use cookie_charter_register::config::Config;
use cookie_charter_register::server::{self, Running};
use cookie_charter_register::store::{self, Store};
use sha2::{Digest, Sha256};

/// The admin token of every test configuration.
pub const TOKEN: &str = "test-admin-token-0123456789abcdef";
/// The origin the test portal's pages come from.
pub const ORIGIN: &str = "https://data.example.fr";

/// A database engine under test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// The engines to test on: SQLite always, PostgreSQL where a server is given.
pub fn engines() -> Vec<Engine> {
    let mut engines = vec![Engine::Sqlite];
    match std::env::var("REGISTER_TEST_POSTGRES_URL") {
        Ok(_) => engines.push(Engine::Postgres),
        Err(_) if std::env::var("REGISTER_TEST_POSTGRES").as_deref() == Ok("required") => {
            panic!("REGISTER_TEST_POSTGRES=required but REGISTER_TEST_POSTGRES_URL is not set")
        }
        Err(_) => eprintln!(
            "(no REGISTER_TEST_POSTGRES_URL: PostgreSQL skipped; bash scripts/test.sh runs it)"
        ),
    }
    engines
}

/// A fresh, empty database of `engine` for one test: its URL.
pub async fn fresh_database(engine: Engine, dir: &Path) -> String {
    match engine {
        Engine::Sqlite => format!("sqlite://{}", dir.join("register.db").display()),
        Engine::Postgres => {
            let base = std::env::var("REGISTER_TEST_POSTGRES_URL").unwrap();
            let name = format!("register_test_{}", uuid::Uuid::new_v4().simple());
            let admin = sqlx::PgPool::connect(&base)
                .await
                .expect("the test PostgreSQL server");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&admin)
                .await
                .unwrap();
            admin.close().await;
            let (root, _) = base.rsplit_once('/').unwrap();
            format!("{root}/{name}")
        }
    }
}

/// The test portal's services charter: the default one with an embeds category of two services.
pub fn services_charter() -> String {
    cookie_charter_core::presets::Preset::Default.json().replacen(
        r#""categories": ["#,
        r#""categories": [{"id": "embeds", "title": {"fr": "Contenus"}, "services": ["youtube", "umap"]},"#,
        1,
    )
}

/// A configuration over `database` in `dir`: portal `demo` (the default charter, and a services
/// charter since 2026-06-01) on [`ORIGIN`], trusting 127.0.0.1 as a proxy; `extra` adds TOML.
pub fn config_text(database: &str, limits: &str) -> String {
    let hash = hex::encode(Sha256::digest(TOKEN.as_bytes()));
    format!(
        r#"listen = "127.0.0.1:0"
database = "{database}"
admin_token_sha256 = "{hash}"
trusted_proxies = ["127.0.0.1/32"]
checkpoint_every_minutes = 1440
{limits}

[[portals]]
id = "demo"
origins = ["{ORIGIN}"]
[[portals.charters]]
preset = "opendatasoft"
effective_from = "2026-01-01"
[[portals.charters]]
file = "services.json"
effective_from = "2026-06-01"

[[portals]]
id = "soregies"
origins = ["https://opendata.soregies.fr"]
retention_years = 1
[[portals.charters]]
preset = "soregies"
effective_from = "2026-01-01"
"#
    )
}

/// One register under test: its folder, configuration, clock and (once started) server.
pub struct Register {
    pub engine: Engine,
    pub dir: tempfile::TempDir,
    pub config_path: PathBuf,
    pub database: String,
    pub clock: Arc<FixedClock>,
    pub running: Option<Running>,
}

/// 2026-12-07, noon.
pub fn today() -> i64 {
    parse_day("2026-12-07").unwrap() + 12 * 3600
}

impl Register {
    /// A migrated register on `engine` (not started), with `limits` TOML.
    pub async fn new(engine: Engine, limits: &str) -> Register {
        let dir = tempfile::tempdir().unwrap();
        let database = fresh_database(engine, dir.path()).await;
        std::fs::write(dir.path().join("services.json"), services_charter()).unwrap();
        let config_path = dir.path().join("register.toml");
        std::fs::write(&config_path, config_text(&database, limits)).unwrap();
        let register = Register {
            engine,
            dir,
            config_path,
            database,
            clock: Arc::new(FixedClock::at(today())),
            running: None,
        };
        register.store().await.migrate().await.unwrap();
        register
    }

    pub fn config(&self) -> Config {
        Config::load(&self.config_path).unwrap()
    }

    pub async fn store(&self) -> Arc<dyn Store> {
        store::open(&self.database).await.unwrap()
    }

    /// Starts serving on a free port.
    pub async fn start(&mut self) {
        let running = server::start(self.config(), self.clock.clone(), None)
            .await
            .unwrap();
        self.running = Some(running);
    }

    pub async fn stop(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await.unwrap();
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.running.as_ref().unwrap().addr)
    }

    /// The revision of portal `demo`'s charter `index` (0: default, 1: services).
    pub fn revision(&self, index: usize) -> String {
        self.config().portal("demo").unwrap().revisions[index]
            .revision
            .clone()
    }

    /// A receipt body as the banner sends it, for the default charter.
    pub fn receipt(&self, id: &str, audience: bool) -> String {
        format!(
            r#"{{"id":"{id}","decidedAt":{},"revision":"{}","choices":{{"necessary":true,"audience":{audience}}},"lang":"fr","page":"{ORIGIN}/explore/"}}"#,
            self.clock.as_ref().now_secs() - 5,
            self.revision(0)
        )
    }

    /// Sends `body` for portal `demo` as `sendBeacon` does, from `forwarded_for` behind the
    /// trusted proxy if given. Returns the status and the answer's text.
    pub async fn send(
        &self,
        client: &reqwest::Client,
        body: &str,
        forwarded_for: Option<&str>,
    ) -> (u16, String) {
        let mut request = client
            .post(self.url("/v1/portals/demo/receipts"))
            .header("content-type", "text/plain;charset=UTF-8")
            .header("origin", ORIGIN)
            .body(body.to_owned());
        if let Some(ip) = forwarded_for {
            request = request.header("x-forwarded-for", ip);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap_or_default())
    }

    /// Every kept receipt, as NDJSON lines (through the admin export).
    pub async fn exported(&self, client: &reqwest::Client) -> Vec<serde_json::Value> {
        let text = client
            .get(self.url("/v1/export?format=ndjson"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// Runs `sql` on the database directly, as someone tampering with it would.
    pub async fn tamper(&self, sql: &str) {
        match self.engine {
            Engine::Sqlite => {
                let pool = sqlx::SqlitePool::connect(&self.database).await.unwrap();
                sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
                    .execute(&pool)
                    .await
                    .unwrap();
                pool.close().await;
            }
            Engine::Postgres => {
                let pool = sqlx::PgPool::connect(&self.database).await.unwrap();
                sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
                    .execute(&pool)
                    .await
                    .unwrap();
                pool.close().await;
            }
        }
    }
}

/// A new v4 UUID, as the banner makes them.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().hyphenated().to_string()
}

/// The now of a fixed clock (the trait's method, without importing the trait everywhere).
pub trait Now {
    fn now_secs(&self) -> i64;
}

impl Now for FixedClock {
    fn now_secs(&self) -> i64 {
        use cookie_charter_register::clock::Clock;
        self.now()
    }
}
