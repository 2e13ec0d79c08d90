//! The register's state (configuration, store, clock, writer, rate limiter, signing key, the
//! portals' charters), what it does before serving (refuse an unknown schema, register the
//! charter revisions, start the writer), and what it answers beyond one request: a checkpoint,
//! a receipt with its proof, the choice cookie, the retention purge.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::task::JoinHandle;

use cookie_charter_core::charter::Charter;
use cookie_charter_core::cookie_codec::{self, Expectations};
use cookie_charter_core::{charter_json, json};

use crate::checkpoint::{self, Checkpoint, Signer};
use crate::clock::Clock;
use crate::config::{Config, Portal};
use crate::merkle;
use crate::ratelimit::RateLimiter;
use crate::record::Record;
use crate::store::{self, Store};
use crate::writer::Writer;

/// What every request handler reads.
pub struct App {
    /// The checked configuration.
    pub config: Config,
    /// Where receipts are kept.
    pub store: Arc<dyn Store>,
    /// The time.
    pub clock: Arc<dyn Clock>,
    /// Keeps receipts.
    pub writer: Writer,
    /// Abuse limits.
    pub limiter: RateLimiter,
    /// Signs checkpoints.
    pub signer: Signer,
    /// Each portal's charter of each revision, by (portal, revision): to check a choice cookie.
    pub charters: HashMap<(String, String), Charter>,
}

/// A receipt with what proves it: its leaf hash, and once a checkpoint covers it, that
/// checkpoint and the inclusion proof, to be checked offline.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proven {
    /// The receipt as kept.
    pub receipt: Record,
    /// Its leaf hash, hex.
    pub leaf_hash: String,
    /// The latest checkpoint covering it, if one does yet.
    pub checkpoint: Option<Checkpoint>,
    /// The inclusion proof of its leaf in that checkpoint's tree, hex.
    pub proof: Vec<String>,
}

impl App {
    /// Opens the store (refusing an unknown or partly migrated schema), registers the
    /// configured charter revisions, loads the signing key and starts the writer.
    pub async fn prepare(
        config: Config,
        clock: Arc<dyn Clock>,
    ) -> Result<(Arc<App>, JoinHandle<()>), String> {
        let store = store::open(&config.database).await?;
        store.check_schema().await?;
        for portal in &config.portals {
            for revision in &portal.revisions {
                store.register_revision(revision).await?;
            }
        }
        let signer = Signer::load_or_create(&config.signing_key)?;
        let mut charters = HashMap::new();
        for portal in &config.portals {
            for r in &portal.revisions {
                let charter = charter_json::parse(&r.canonical, json::parse).map_err(|_| {
                    format!(
                        "portal {}: revision {} does not read back",
                        portal.id, r.revision
                    )
                })?;
                charters.insert((portal.id.clone(), r.revision.clone()), charter);
            }
        }
        let (writer, writing) = Writer::start(store.clone()).await?;
        let limiter = RateLimiter::new(
            config.limits.per_client_per_minute,
            config.limits.global_per_second,
        );
        let app = Arc::new(App {
            config,
            store,
            clock,
            writer,
            limiter,
            signer,
            charters,
        });
        Ok((app, writing))
    }

    /// Signs and publishes a checkpoint of each log that grew.
    pub async fn checkpoint(&self) -> Result<Vec<Checkpoint>, String> {
        checkpoint::checkpoint_logs(
            &*self.store,
            &self.signer,
            &self.config.checkpoints,
            self.clock.now(),
        )
        .await
    }

    /// The `Set-Cookie` value that keeps `value` (a choice cookie's value, as the banner
    /// wrote it) for `portal`: the banner's name, domain and lifetime, `SameSite=Lax`, and
    /// `Secure` for an https page (`secure`; a development page over http gets what the banner
    /// itself writes there, which browsers keep), set by the portal's own server so that WebKit
    /// does not cap it to seven days. Refused unless `value` is a valid choice for one of the
    /// portal's revisions now: the register never writes what the banner would not read.
    pub fn choice_cookie(
        &self,
        portal: &Portal,
        value: &str,
        secure: bool,
    ) -> Result<String, String> {
        let now = u64::try_from(self.clock.now()).unwrap_or(0);
        let valid = portal.revisions.iter().any(|r| {
            self.charters
                .get(&(portal.id.clone(), r.revision.clone()))
                .is_some_and(|charter| {
                    let expect = Expectations {
                        now,
                        lifetime_days: portal.cookie.consent_days,
                        charter,
                    };
                    cookie_codec::decode(value, &expect, json::parse).is_ok()
                })
        });
        if !valid {
            return Err("not a choice this portal's banner writes".into());
        }
        let mut cookie = format!(
            "{}={value}; Path=/; Max-Age={}; SameSite=Lax",
            portal.cookie.name,
            u64::from(portal.cookie.consent_days) * 86_400
        );
        if secure {
            cookie.push_str("; Secure");
        }
        if let Some(domain) = &portal.cookie.domain {
            cookie.push_str("; Domain=");
            cookie.push_str(domain);
        }
        Ok(cookie)
    }

    /// The receipt `id`, with its proof.
    pub async fn proven(&self, id: &str) -> Result<Option<Proven>, String> {
        let Some((receipt, leaf)) = self.store.receipt(id).await? else {
            return Ok(None);
        };
        let key = self.signer.public_key();
        let covering = self
            .store
            .checkpoints()
            .await?
            .into_iter()
            .filter(|c| c.log == receipt.log && c.size > receipt.seq)
            .max_by_key(|c| c.size);
        let (checkpoint, proof) = match covering {
            Some(c) => {
                let leaves = self.store.leaf_hashes(&c.log, c.size).await?;
                let proof = merkle::inclusion_proof(receipt.seq as usize, &leaves);
                (
                    Some(Checkpoint::from_stored(&c, &key)),
                    proof.iter().map(hex::encode).collect(),
                )
            }
            None => (None, Vec::new()),
        };
        Ok(Some(Proven {
            receipt,
            leaf_hash: hex::encode(leaf),
            checkpoint,
            proof,
        }))
    }
}

/// Applies each portal's retention at `now`: its receipts of the months that ended more than
/// its retention ago are removed, whole months at a time, each month's last checkpoint kept.
/// Returns, a portal, the logs purged and how many receipts.
pub async fn purge(
    store: &dyn Store,
    config: &Config,
    now: i64,
) -> Result<Vec<(String, Vec<String>, u64)>, String> {
    let mut report = Vec::new();
    for portal in &config.portals {
        let months = -12 * portal.retention_years as i32;
        let keep_from = crate::clock::month_of(crate::clock::month_start(now, months));
        let (logs, removed) = store.purge_before(&portal.id, &keep_from, now).await?;
        report.push((portal.id.clone(), logs, removed));
    }
    Ok(report)
}
