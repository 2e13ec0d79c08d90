//! Where the register keeps receipts: one trait, one implementation per engine — SQLite (one
//! file, WAL: the default) and PostgreSQL (15 or later, receipts partitioned by month: when one
//! machine is outgrown). Each engine's schema is embedded as migrations; a database whose
//! schema is unknown or partly migrated is refused.

mod postgres;
mod sqlite;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use futures::stream::BoxStream;

pub use self::postgres::PostgresStore;
pub use self::sqlite::SqliteStore;
use crate::charters::Revision;
use crate::intake::Checked;
use crate::merkle::Hash;
use crate::record::Record;

/// A store's error, said in words.
pub type Error = String;
/// A store's result.
pub type Result<T> = std::result::Result<T, Error>;

/// What became of a receipt handed to [`Store::insert`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Kept, as the next leaf of its log.
    Stored,
    /// The same receipt (same id, same body) was already kept: nothing new.
    AlreadyKept,
    /// Its id was already kept with another body: refused, and counted.
    Conflict,
}

/// A receipt to keep, as it arrived.
#[derive(Clone, Debug)]
pub struct Arrival {
    /// The checked receipt.
    pub checked: Checked,
    /// The register's time of arrival.
    pub received_at: i64,
}

/// Which receipts an export holds: each given field narrows it.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// One portal.
    pub portal: Option<String>,
    /// One charter revision.
    pub revision: Option<String>,
    /// Arrived at or after (Unix seconds).
    pub from: Option<i64>,
    /// Arrived before (Unix seconds).
    pub to: Option<i64>,
}

/// A signed checkpoint of a log, as kept in the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredCheckpoint {
    /// The log.
    pub log: String,
    /// How many leaves it covers.
    pub size: u64,
    /// The Merkle root at that size, hex.
    pub root: String,
    /// When it was signed.
    pub signed_at: i64,
    /// The Ed25519 signature, hex.
    pub signature: String,
}

/// Decisions of one day, revision and action: what the dashboard counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayCount {
    /// The day (UTC), `YYYY-MM-DD`.
    pub day: String,
    /// The charter revision.
    pub revision: String,
    /// `accept-all`, `refuse-all`, `custom`; for impressions, the language.
    pub kind: String,
    /// How many.
    pub count: u64,
}

/// The next leaf index of each log: the writer keeps it, the store advances it for each receipt
/// it keeps.
pub type Heads = HashMap<String, u64>;

/// The counter of receipt ids sent again with another body.
pub const CONFLICTS: &str = "conflicts";

/// A register's storage.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// The engine's name, for messages.
    fn engine(&self) -> &'static str;

    /// Applies the embedded migrations not yet applied.
    async fn migrate(&self) -> Result<()>;

    /// Refuses a database without the register's schema, with a schema from a newer register,
    /// or partly migrated.
    async fn check_schema(&self) -> Result<()>;

    /// Registers a charter revision (kept once: the first registration's time stands).
    async fn register_revision(&self, revision: &Revision) -> Result<()>;

    /// The registered revisions.
    async fn revisions(&self) -> Result<Vec<Revision>>;

    /// Each log and how many receipts it holds.
    async fn log_sizes(&self) -> Result<Vec<(String, u64)>>;

    /// Keeps `batch` in one transaction, each receipt of a log at `heads`' next index (advanced
    /// for each one kept). Returns what became of each, in order.
    async fn insert(&self, batch: &[Arrival], heads: &mut Heads) -> Result<Vec<Outcome>>;

    /// The receipt `id` and its stored leaf hash.
    async fn receipt(&self, id: &str) -> Result<Option<(Record, Hash)>>;

    /// The receipts `filter` selects, in order of arrival, as they are read.
    fn export(&self, filter: Filter) -> BoxStream<'_, Result<(Record, Hash)>>;

    /// Every receipt of `log` with its stored leaf hash, by leaf index.
    fn log_rows(&self, log: String) -> BoxStream<'_, Result<(Record, Hash)>>;

    /// The stored leaf hashes of `log`'s first `size` receipts, by leaf index.
    async fn leaf_hashes(&self, log: &str, size: u64) -> Result<Vec<Hash>>;

    /// Keeps a checkpoint.
    async fn save_checkpoint(&self, checkpoint: &StoredCheckpoint) -> Result<()>;

    /// Every kept checkpoint.
    async fn checkpoints(&self) -> Result<Vec<StoredCheckpoint>>;

    /// Removes `portal`'s receipts of the months before `month` (`YYYY-MM`), whole logs at a
    /// time, keeping each log's last checkpoint; returns the logs purged and how many receipts.
    async fn purge_before(&self, portal: &str, month: &str, now: i64)
        -> Result<(Vec<String>, u64)>;

    /// The purged logs and the size each had.
    async fn purged_logs(&self) -> Result<Vec<(String, u64)>>;

    /// A consistent copy of the database, taken while it serves.
    async fn backup(&self, to: &Path) -> Result<()>;

    /// A counter's value.
    async fn counter(&self, name: &str) -> Result<i64>;

    /// Counts one banner shown for `portal`'s `revision` in `lang` on `day` (`YYYY-MM-DD`).
    async fn count_impression(
        &self,
        portal: &str,
        revision: &str,
        lang: &str,
        day: &str,
    ) -> Result<()>;

    /// `portal`'s banners shown from day `from` to day `to` (`YYYY-MM-DD`, inclusive), by day,
    /// revision and language.
    async fn impressions(&self, portal: &str, from: &str, to: &str) -> Result<Vec<DayCount>>;

    /// `portal`'s decisions received from `from` to before `to` (Unix seconds), by day,
    /// revision and action.
    async fn decisions(&self, portal: &str, from: i64, to: i64) -> Result<Vec<DayCount>>;
}

/// The UTC day of Unix day number `n` (seconds / 86400).
fn day_of(n: i64) -> String {
    crate::clock::rfc3339(n * 86_400)[..10].to_owned()
}

/// Opens the store `url` names (`sqlite://…` or `postgres://…`).
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    if url.starts_with("sqlite://") {
        Ok(Arc::new(SqliteStore::open(url).await?))
    } else {
        Ok(Arc::new(PostgresStore::open(url).await?))
    }
}

/// The checks shared by both engines' schema check: the migrations applied, as
/// `(version, success, checksum)`, against the embedded ones.
fn check_applied(
    engine: &str,
    migrator: &sqlx::migrate::Migrator,
    applied: &[(i64, bool, Vec<u8>)],
) -> Result<()> {
    let run = "run `cookie-charter-register migrate`";
    if applied.is_empty() {
        return Err(format!(
            "the {engine} database has no register schema: {run}"
        ));
    }
    for (version, success, checksum) in applied {
        let Some(known) = migrator.iter().find(|m| m.version == *version) else {
            return Err(format!(
                "the {engine} database has migration {version}, which this register does not know (a newer one wrote it): refusing to start"
            ));
        };
        if !success {
            return Err(format!("the {engine} database is partly migrated (migration {version} failed): refusing to start"));
        }
        if known.checksum.as_ref() != checksum.as_slice() {
            return Err(format!("the {engine} database's migration {version} differs from this register's: refusing to start"));
        }
    }
    let missing = migrator
        .iter()
        .filter(|m| !applied.iter().any(|(v, _, _)| *v == m.version))
        .count();
    if missing > 0 {
        return Err(format!(
            "the {engine} database lacks {missing} migration(s): {run}"
        ));
    }
    Ok(())
}

/// A row's choices, stored as canonical JSON.
fn choices_of(text: &str) -> Result<std::collections::BTreeMap<String, bool>> {
    serde_json::from_str(text).map_err(|e| format!("stored choices unreadable: {e}"))
}

/// A stored leaf hash.
fn hash_of(bytes: &[u8]) -> Result<Hash> {
    <[u8; 32]>::try_from(bytes).map_err(|_| "stored leaf hash is not 32 bytes".to_owned())
}

/// A registered revision's categories, stored as JSON.
fn revision_of(
    portal: String,
    revision: String,
    sha256: String,
    canonical: String,
    effective_from: i64,
    categories: &str,
) -> Result<Revision> {
    Ok(Revision {
        portal,
        revision,
        sha256,
        canonical,
        effective_from,
        categories: serde_json::from_str(categories).map_err(|e| e.to_string())?,
    })
}
