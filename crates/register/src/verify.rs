//! `verify`: the database checked against itself and the signed checkpoints. Each log's rows
//! must follow one another from leaf 0 without a gap, each row's content must give its stored
//! leaf hash, and each checkpoint's root must be the root of the log's first leaves at its size
//! (and carry the register's signature): an edited, deleted, reordered or inserted row breaks one
//! of these. A log that retention purged must be empty, its last checkpoint kept.

use std::collections::BTreeSet;

use ed25519_dalek::VerifyingKey;
use futures::TryStreamExt;

use crate::checkpoint::Checkpoint;
use crate::merkle;
use crate::store::Store;

/// What `verify` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Logs checked.
    pub logs: usize,
    /// Receipts checked.
    pub receipts: u64,
    /// Checkpoints checked.
    pub checkpoints: usize,
    /// Each problem, said in words; none when the register is intact.
    pub problems: Vec<String>,
}

/// Checks `store` against the checkpoints it keeps and those `published`, signed by `key`.
pub async fn verify(
    store: &dyn Store,
    key: &VerifyingKey,
    published: &[Checkpoint],
) -> Result<Report, String> {
    let mut report = Report::default();
    let kept: Vec<Checkpoint> = store
        .checkpoints()
        .await?
        .iter()
        .map(|c| Checkpoint::from_stored(c, key))
        .collect();
    let purged = store.purged_logs().await?;
    let mut logs: BTreeSet<String> = store
        .log_sizes()
        .await?
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    logs.extend(kept.iter().map(|c| c.log.clone()));
    logs.extend(published.iter().map(|c| c.log.clone()));
    for c in &kept {
        if !published.iter().any(|p| p == c) {
            report.problems.push(format!(
                "{}: the checkpoint of size {} is not in the published folder",
                c.log, c.size
            ));
        }
    }
    for log in logs {
        report.logs += 1;
        let mut leaves = Vec::new();
        let mut rows = store.log_rows(log.clone());
        while let Some((record, stored)) = rows.try_next().await? {
            if record.seq != leaves.len() as u64 {
                report.problems.push(format!(
                    "{log}: leaf {} is missing or out of place (found leaf {} there): a row was deleted, inserted or reordered",
                    leaves.len(),
                    record.seq
                ));
                break;
            }
            let leaf = record.leaf_hash();
            if leaf != stored {
                report.problems.push(format!(
                    "{log}: leaf {} ({}) was edited",
                    record.seq, record.id
                ));
            }
            leaves.push(leaf);
        }
        report.receipts += leaves.len() as u64;
        let was_purged = purged.iter().any(|(l, _)| *l == log);
        if was_purged && !leaves.is_empty() {
            report.problems.push(format!(
                "{log}: purged, yet holds {} receipts",
                leaves.len()
            ));
        }
        let mut checkpoints: Vec<&Checkpoint> = Vec::new();
        for c in kept.iter().chain(published).filter(|c| c.log == log) {
            if !checkpoints.contains(&c) {
                checkpoints.push(c);
            }
        }
        for c in checkpoints {
            report.checkpoints += 1;
            if !c.is_signed_by(key) {
                report.problems.push(format!(
                    "{log}: the checkpoint of size {} is not signed by this register's key",
                    c.size
                ));
                continue;
            }
            if was_purged {
                continue;
            }
            if c.size > leaves.len() as u64 {
                report.problems.push(format!(
                    "{log}: a checkpoint covers {} receipts, the log holds {}: receipts were deleted",
                    c.size,
                    leaves.len()
                ));
                continue;
            }
            let root = hex::encode(merkle::root(&leaves[..c.size as usize]));
            if root != c.root {
                report.problems.push(format!(
                    "{log}: the first {} receipts do not give the checkpoint's root: a row was edited, deleted, inserted or reordered",
                    c.size
                ));
            }
        }
    }
    Ok(report)
}
