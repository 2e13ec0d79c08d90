//! The register on PostgreSQL (15 or later): receipts partitioned by month (a partition is made
//! with its month's first receipt; retention removes whole months), a receipt id unique across
//! them through `receipt_keys`, one writer a database (it holds an advisory lock while it
//! serves). The path to sharding by portal, when one machine is outgrown, is in
//! docs/register.md.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

use async_trait::async_trait;
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use sqlx::postgres::{PgPool, PgPoolOptions, PgRow};
use sqlx::Row;

use super::{
    check_applied, choices_of, day_of, hash_of, revision_of, Arrival, DayCount, Filter, Heads,
    Outcome, Result, Store, StoredCheckpoint, CONFLICTS,
};
use crate::charters::Revision;
use crate::clock::month_of;
use crate::merkle::Hash;
use crate::record::{log_of, Record};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The register's PostgreSQL database.
pub struct PostgresStore {
    pool: PgPool,
    url: String,
    /// The months whose partition exists.
    partitions: Mutex<HashSet<String>>,
}

/// The columns a [`Record`] is read from, with its leaf hash.
macro_rules! columns {
    () => {
        "id::text AS id, portal, log, seq, revision, decided_at, received_at, choices, action, lang, page, leaf_hash"
    };
}

fn record(row: &PgRow) -> Result<(Record, Hash)> {
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

/// The partition of `month` (`YYYY-MM`).
fn partition(month: &str) -> String {
    format!("receipts_p{}", month.replace('-', ""))
}

impl PostgresStore {
    /// Connects to `url` (`postgres://…`).
    pub async fn open(url: &str) -> Result<PostgresStore> {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .connect(url)
            .await
            .map_err(|e| format!("PostgreSQL: {e}"))?;
        Ok(PostgresStore {
            pool,
            url: url.to_owned(),
            partitions: Mutex::new(HashSet::new()),
        })
    }

    /// Makes `month`'s partition if it is not there yet.
    async fn ensure_partition(&self, month: &str) -> Result<()> {
        if self
            .partitions
            .lock()
            .map_err(|e| e.to_string())?
            .contains(month)
        {
            return Ok(());
        }
        // The month is the register's own `YYYY-MM`: no quoting beyond this is needed.
        if !(month.len() == 7
            && month.bytes().enumerate().all(|(i, b)| {
                if i == 4 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            }))
        {
            return Err(format!("not a month: {month:?}"));
        }
        // Checked above: the month is digits and one hyphen, so the statement is what it says.
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE TABLE IF NOT EXISTS {} PARTITION OF receipts FOR VALUES IN ('{month}')",
            partition(month)
        )))
        .execute(&self.pool)
        .await
        .map_err(|e| e.to_string())?;
        self.partitions
            .lock()
            .map_err(|e| e.to_string())?
            .insert(month.to_owned());
        Ok(())
    }
}

#[async_trait]
impl Store for PostgresStore {
    fn engine(&self) -> &'static str {
        "PostgreSQL"
    }

    async fn migrate(&self) -> Result<()> {
        MIGRATOR.run(&self.pool).await.map_err(|e| e.to_string())
    }

    async fn check_schema(&self) -> Result<()> {
        let has_table: Option<String> =
            sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations')::text")
                .fetch_one(&self.pool)
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
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (portal, revision) DO NOTHING",
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
        for arrival in batch {
            self.ensure_partition(&month_of(arrival.received_at))
                .await?;
        }
        let mut tx = self.pool.begin().await.map_err(|e| e.to_string())?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for arrival in batch {
            let c = &arrival.checked;
            let month = month_of(arrival.received_at);
            let claimed = sqlx::query(
                "INSERT INTO receipt_keys (id, body_sha256, portal, month) VALUES ($1::uuid, $2, $3, $4)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&c.id)
            .bind(&c.body_sha256)
            .bind(&c.portal)
            .bind(&month)
            .execute(&mut *tx)
            .await
            .map_err(|e| e.to_string())?
            .rows_affected()
                == 1;
            if !claimed {
                let kept: String =
                    sqlx::query_scalar("SELECT body_sha256 FROM receipt_keys WHERE id = $1::uuid")
                        .bind(&c.id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| e.to_string())?;
                if kept == c.body_sha256 {
                    outcomes.push(Outcome::AlreadyKept);
                } else {
                    sqlx::query(
                        "INSERT INTO counters (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1",
                    )
                    .bind(CONFLICTS)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| e.to_string())?;
                    outcomes.push(Outcome::Conflict);
                }
                continue;
            }
            let log = log_of(&c.portal, &month);
            let seq = heads.get(&log).copied().unwrap_or(0);
            let record = Record::kept(c, arrival.received_at, seq);
            sqlx::query(
                "INSERT INTO receipts (id, body_sha256, portal, month, log, seq, revision, decided_at, received_at, choices, action, lang, page, leaf_hash)
                 VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            )
            .bind(&record.id)
            .bind(&c.body_sha256)
            .bind(&record.portal)
            .bind(&month)
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
            .map_err(|e| e.to_string())?;
            heads.insert(log, seq + 1);
            outcomes.push(Outcome::Stored);
        }
        tx.commit().await.map_err(|e| e.to_string())?;
        Ok(outcomes)
    }

    async fn receipt(&self, id: &str) -> Result<Option<(Record, Hash)>> {
        if uuid::Uuid::parse_str(id).is_err() {
            return Ok(None);
        }
        let row = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM receipts WHERE id = $1::uuid"
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
             WHERE ($1::text IS NULL OR portal = $1) AND ($2::text IS NULL OR revision = $2)
               AND ($3::bigint IS NULL OR received_at >= $3) AND ($4::bigint IS NULL OR received_at < $4)
             ORDER BY received_at, log, seq"
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
            " FROM receipts WHERE log = $1 ORDER BY seq"
        ))
        .bind(log)
        .fetch(&self.pool)
        .map_err(|e| e.to_string())
        .and_then(|row| async move { record(&row) })
        .boxed()
    }

    async fn leaf_hashes(&self, log: &str, size: u64) -> Result<Vec<Hash>> {
        let rows: Vec<Vec<u8>> = sqlx::query_scalar(
            "SELECT leaf_hash FROM receipts WHERE log = $1 AND seq < $2 ORDER BY seq",
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
            "INSERT INTO checkpoints (log, size, root, signed_at, signature) VALUES ($1, $2, $3, $4, $5)
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
        let logs = sqlx::query_as::<_, (String, String, i64)>(
            "SELECT log, month, COUNT(*) FROM receipts WHERE portal = $1 AND month < $2 GROUP BY log, month ORDER BY log",
        )
        .bind(portal)
        .bind(month)
        .fetch_all(&mut *tx)
        .await
        .map_err(|e| e.to_string())?;
        let mut removed = 0;
        for (log, month, size) in &logs {
            removed += sqlx::query("DELETE FROM receipts WHERE month = $1 AND log = $2")
                .bind(month)
                .bind(log)
                .execute(&mut *tx)
                .await
                .map_err(|e| e.to_string())?
                .rows_affected();
            sqlx::query("DELETE FROM receipt_keys WHERE portal = $1 AND month = $2")
                .bind(portal)
                .bind(month)
                .execute(&mut *tx)
                .await
                .map_err(|e| e.to_string())?;
            sqlx::query(
                "DELETE FROM checkpoints WHERE log = $1 AND size < (SELECT MAX(size) FROM checkpoints WHERE log = $1)",
            )
            .bind(log)
            .execute(&mut *tx)
            .await
            .map_err(|e| e.to_string())?;
            sqlx::query("INSERT INTO purged_logs (log, size, purged_at) VALUES ($1, $2, $3) ON CONFLICT (log) DO NOTHING")
                .bind(log)
                .bind(size)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(|e| e.to_string())?;
        }
        tx.commit().await.map_err(|e| e.to_string())?;
        // A month's partition left empty (every portal's receipts of it purged) goes whole.
        let mut months: Vec<&String> = logs.iter().map(|(_, m, _)| m).collect();
        months.dedup();
        for month in months {
            let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM receipts WHERE month = $1")
                .bind(month)
                .fetch_one(&self.pool)
                .await
                .map_err(|e| e.to_string())?;
            if left == 0 {
                // The month comes from the database's own rows, checked when its partition was made.
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP TABLE IF EXISTS {}",
                    partition(month)
                )))
                .execute(&self.pool)
                .await
                .map_err(|e| e.to_string())?;
                self.partitions
                    .lock()
                    .map_err(|e| e.to_string())?
                    .remove(month);
            }
        }
        Ok((logs.into_iter().map(|(l, _, _)| l).collect(), removed))
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
        // pg_dump takes one consistent snapshot while the register goes on writing.
        let status = tokio::process::Command::new("pg_dump")
            .arg("--format=custom")
            .arg("--file")
            .arg(to)
            .arg(&self.url)
            .status()
            .await
            .map_err(|e| format!("pg_dump (PostgreSQL's client tools): {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("pg_dump failed ({status})"))
        }
    }

    async fn counter(&self, name: &str) -> Result<i64> {
        let value: Option<i64> = sqlx::query_scalar("SELECT value FROM counters WHERE name = $1")
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
            "INSERT INTO impressions (portal, revision, lang, day, count) VALUES ($1, $2, $3, $4, 1)
             ON CONFLICT (portal, revision, lang, day) DO UPDATE SET count = impressions.count + 1",
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
            "SELECT day, revision, lang, count FROM impressions WHERE portal = $1 AND day >= $2 AND day <= $3 ORDER BY day",
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
             WHERE portal = $1 AND received_at >= $2 AND received_at < $3 GROUP BY 1, 2, 3 ORDER BY 1",
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
