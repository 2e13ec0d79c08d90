//! The register on SQLite: one file in WAL mode, `synchronous = FULL` so that a receipt
//! acknowledged is on disk (it survives the process being killed, and the machine losing power),
//! foreign writers kept out by the register's single writer task.

use std::path::Path;
use std::str::FromStr;

use async_trait::async_trait;
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::Row;

use super::{
    check_applied, choices_of, day_of, hash_of, revision_of, Arrival, DayCount, Filter, Heads,
    Outcome, Result, Store, StoredCheckpoint, CONFLICTS,
};
use crate::charters::Revision;
use crate::merkle::Hash;
use crate::record::{log_of, Record};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// The register's SQLite database.
pub struct SqliteStore {
    pool: SqlitePool,
}

/// The columns a [`Record`] is read from, with its leaf hash.
macro_rules! columns {
    () => {
        "id, portal, log, seq, revision, decided_at, received_at, choices, action, lang, page, leaf_hash"
    };
}

fn record(row: &SqliteRow) -> Result<(Record, Hash)> {
    let get = |e: sqlx::Error| e.to_string();
    let choices: String = row.try_get("choices").map_err(get)?;
    let leaf: Vec<u8> = row.try_get("leaf_hash").map_err(get)?;
    let seq: i64 = row.try_get("seq").map_err(get)?;
    Ok((
        Record {
            id: row.try_get("id").map_err(get)?,
            portal: row.try_get("portal").map_err(get)?,
            log: row.try_get("log").map_err(get)?,
            seq: seq as u64,
            revision: row.try_get("revision").map_err(get)?,
            decided_at: row.try_get("decided_at").map_err(get)?,
            received_at: row.try_get("received_at").map_err(get)?,
            choices: choices_of(&choices)?,
            action: row.try_get("action").map_err(get)?,
            lang: row.try_get("lang").map_err(get)?,
            page: row.try_get("page").map_err(get)?,
        },
        hash_of(&leaf)?,
    ))
}

impl SqliteStore {
    /// Opens (and creates) the database file of `url` (`sqlite://<path>`).
    pub async fn open(url: &str) -> Result<SqliteStore> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| format!("{url}: {e}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(std::time::Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        Ok(SqliteStore { pool })
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn engine(&self) -> &'static str {
        "SQLite"
    }

    async fn migrate(&self) -> Result<()> {
        MIGRATOR.run(&self.pool).await.map_err(|e| e.to_string())
    }

    async fn check_schema(&self) -> Result<()> {
        let has_table: Option<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| e.to_string())?;
        let applied = if has_table.is_some() {
            sqlx::query_as::<_, (i64, bool, Vec<u8>)>(
                "SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version",
            )
            .fetch_all(&self.pool)
            .await
            .map_err(|e| e.to_string())?
        } else {
            Vec::new()
        };
        check_applied(self.engine(), &MIGRATOR, &applied)
    }

    async fn register_revision(&self, r: &Revision) -> Result<()> {
        let categories = serde_json::to_string(&r.categories).map_err(|e| e.to_string())?;
        sqlx::query(
            "INSERT INTO revisions (portal, revision, sha256, canonical, effective_from, categories)
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (portal, revision) DO NOTHING",
        )
        .bind(&r.portal)
        .bind(&r.revision)
        .bind(&r.sha256)
        .bind(&r.canonical)
        .bind(r.effective_from)
        .bind(categories)
        .execute(&self.pool)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
    }

    async fn revisions(&self) -> Result<Vec<Revision>> {
        let rows = sqlx::query_as::<_, (String, String, String, String, i64, String)>(
            "SELECT portal, revision, sha256, canonical, effective_from, categories FROM revisions ORDER BY portal, effective_from",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(|e| e.to_string())?;
        rows.into_iter()
            .map(|(p, r, s, c, e, cat)| revision_of(p, r, s, c, e, &cat))
            .collect()
    }

    async fn log_sizes(&self) -> Result<Vec<(String, u64)>> {
        let rows =
            sqlx::query_as::<_, (String, i64)>("SELECT log, COUNT(*) FROM receipts GROUP BY log")
                .fetch_all(&self.pool)
                .await
                .map_err(|e| e.to_string())?;
        Ok(rows.into_iter().map(|(l, n)| (l, n as u64)).collect())
    }

    async fn insert(&self, batch: &[Arrival], heads: &mut Heads) -> Result<Vec<Outcome>> {
        let mut tx = self.pool.begin().await.map_err(|e| e.to_string())?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for arrival in batch {
            let c = &arrival.checked;
            let log = log_of(&c.portal, &crate::clock::month_of(arrival.received_at));
            let seq = heads.get(&log).copied().unwrap_or(0);
            let record = Record::kept(c, arrival.received_at, seq);
            let inserted = sqlx::query(
                "INSERT INTO receipts (id, body_sha256, portal, log, seq, revision, decided_at, received_at, choices, action, lang, page, leaf_hash)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            )
            .bind(&record.id)
            .bind(&c.body_sha256)
            .bind(&record.portal)
            .bind(&record.log)
            .bind(seq as i64)
            .bind(&record.revision)
            .bind(record.decided_at)
            .bind(record.received_at)
            .bind(record.choices_json())
            .bind(&record.action)
            .bind(&record.lang)
            .bind(&record.page)
            .bind(record.leaf_hash().to_vec())
            .execute(&mut *tx)
            .await
            .map_err(|e| e.to_string())?
            .rows_affected()
                == 1;
            if inserted {
                heads.insert(log, seq + 1);
                outcomes.push(Outcome::Stored);
                continue;
            }
            let kept: String = sqlx::query_scalar("SELECT body_sha256 FROM receipts WHERE id = ?")
                .bind(&c.id)
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| e.to_string())?;
            if kept == c.body_sha256 {
                outcomes.push(Outcome::AlreadyKept);
            } else {
                sqlx::query(
                    "INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1",
                )
                .bind(CONFLICTS)
                .execute(&mut *tx)
                .await
                .map_err(|e| e.to_string())?;
                outcomes.push(Outcome::Conflict);
            }
        }
        tx.commit().await.map_err(|e| e.to_string())?;
        Ok(outcomes)
    }

    async fn receipt(&self, id: &str) -> Result<Option<(Record, Hash)>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM receipts WHERE id = ?"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| e.to_string())?;
        row.as_ref().map(record).transpose()
    }

    fn export(&self, filter: Filter) -> BoxStream<'_, Result<(Record, Hash)>> {
        sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM receipts
             WHERE (?1 IS NULL OR portal = ?1) AND (?2 IS NULL OR revision = ?2)
               AND (?3 IS NULL OR received_at >= ?3) AND (?4 IS NULL OR received_at < ?4)
             ORDER BY rowid"
        ))
        .bind(filter.portal)
        .bind(filter.revision)
        .bind(filter.from)
        .bind(filter.to)
        .fetch(&self.pool)
        .map_err(|e| e.to_string())
        .and_then(|row| async move { record(&row) })
        .boxed()
    }

    fn log_rows(&self, log: String) -> BoxStream<'_, Result<(Record, Hash)>> {
        sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM receipts WHERE log = ? ORDER BY seq"
        ))
        .bind(log)
        .fetch(&self.pool)
        .map_err(|e| e.to_string())
        .and_then(|row| async move { record(&row) })
        .boxed()
    }

    async fn leaf_hashes(&self, log: &str, size: u64) -> Result<Vec<Hash>> {
        let rows: Vec<Vec<u8>> = sqlx::query_scalar(
            "SELECT leaf_hash FROM receipts WHERE log = ? AND seq < ? ORDER BY seq",
        )
        .bind(log)
        .bind(size as i64)
        .fetch_all(&self.pool)
        .await
        .map_err(|e| e.to_string())?;
        rows.iter().map(|b| hash_of(b)).collect()
    }

    async fn save_checkpoint(&self, c: &StoredCheckpoint) -> Result<()> {
        sqlx::query(
            "INSERT INTO checkpoints (log, size, root, signed_at, signature) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (log, size) DO NOTHING",
        )
        .bind(&c.log)
        .bind(c.size as i64)
        .bind(&c.root)
        .bind(c.signed_at)
        .bind(&c.signature)
        .execute(&self.pool)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
    }

    async fn checkpoints(&self) -> Result<Vec<StoredCheckpoint>> {
        let rows = sqlx::query_as::<_, (String, i64, String, i64, String)>(
            "SELECT log, size, root, signed_at, signature FROM checkpoints ORDER BY log, size",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(|e| e.to_string())?;
        Ok(rows
            .into_iter()
            .map(|(log, size, root, signed_at, signature)| StoredCheckpoint {
                log,
                size: size as u64,
                root,
                signed_at,
                signature,
            })
            .collect())
    }

    async fn purge_before(
        &self,
        portal: &str,
        month: &str,
        now: i64,
    ) -> Result<(Vec<String>, u64)> {
        let mut tx = self.pool.begin().await.map_err(|e| e.to_string())?;
        let (first, cut) = (log_of(portal, ""), log_of(portal, month));
        let logs = sqlx::query_as::<_, (String, i64)>(
            "SELECT log, COUNT(*) FROM receipts WHERE log >= ? AND log < ? GROUP BY log ORDER BY log",
        )
        .bind(&first)
        .bind(&cut)
        .fetch_all(&mut *tx)
        .await
        .map_err(|e| e.to_string())?;
        let mut removed = 0;
        for (log, size) in &logs {
            removed += sqlx::query("DELETE FROM receipts WHERE log = ?")
                .bind(log)
                .execute(&mut *tx)
                .await
                .map_err(|e| e.to_string())?
                .rows_affected();
            sqlx::query(
                "DELETE FROM checkpoints WHERE log = ?1 AND size < (SELECT MAX(size) FROM checkpoints WHERE log = ?1)",
            )
            .bind(log)
            .execute(&mut *tx)
            .await
            .map_err(|e| e.to_string())?;
            sqlx::query("INSERT INTO purged_logs (log, size, purged_at) VALUES (?, ?, ?) ON CONFLICT (log) DO NOTHING")
                .bind(log)
                .bind(size)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(|e| e.to_string())?;
        }
        tx.commit().await.map_err(|e| e.to_string())?;
        Ok((logs.into_iter().map(|(l, _)| l).collect(), removed))
    }

    async fn purged_logs(&self) -> Result<Vec<(String, u64)>> {
        let rows =
            sqlx::query_as::<_, (String, i64)>("SELECT log, size FROM purged_logs ORDER BY log")
                .fetch_all(&self.pool)
                .await
                .map_err(|e| e.to_string())?;
        Ok(rows.into_iter().map(|(l, s)| (l, s as u64)).collect())
    }

    async fn backup(&self, to: &Path) -> Result<()> {
        if to.exists() {
            return Err(format!("{}: already exists", to.display()));
        }
        // A transactionally consistent copy, taken while writers go on (WAL).
        sqlx::query("VACUUM INTO ?")
            .bind(to.display().to_string())
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    async fn counter(&self, name: &str) -> Result<i64> {
        let value: Option<i64> = sqlx::query_scalar("SELECT value FROM counters WHERE name = ?")
            .bind(name)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| e.to_string())?;
        Ok(value.unwrap_or(0))
    }

    async fn count_impression(
        &self,
        portal: &str,
        revision: &str,
        lang: &str,
        day: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO impressions (portal, revision, lang, day, count) VALUES (?, ?, ?, ?, 1)
             ON CONFLICT (portal, revision, lang, day) DO UPDATE SET count = count + 1",
        )
        .bind(portal)
        .bind(revision)
        .bind(lang)
        .bind(day)
        .execute(&self.pool)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
    }

    async fn impressions(&self, portal: &str, from: &str, to: &str) -> Result<Vec<DayCount>> {
        let rows = sqlx::query_as::<_, (String, String, String, i64)>(
            "SELECT day, revision, lang, count FROM impressions WHERE portal = ? AND day >= ? AND day <= ? ORDER BY day",
        )
        .bind(portal)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(|e| e.to_string())?;
        Ok(rows
            .into_iter()
            .map(|(day, revision, kind, count)| DayCount {
                day,
                revision,
                kind,
                count: count as u64,
            })
            .collect())
    }

    async fn decisions(&self, portal: &str, from: i64, to: i64) -> Result<Vec<DayCount>> {
        let rows = sqlx::query_as::<_, (i64, String, String, i64)>(
            "SELECT received_at / 86400, revision, action, COUNT(*) FROM receipts
             WHERE portal = ? AND received_at >= ? AND received_at < ? GROUP BY 1, 2, 3 ORDER BY 1",
        )
        .bind(portal)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(|e| e.to_string())?;
        Ok(rows
            .into_iter()
            .map(|(day, revision, kind, count)| DayCount {
                day: day_of(day),
                revision,
                kind,
                count: count as u64,
            })
            .collect())
    }
}
