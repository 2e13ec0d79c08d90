//! Signed checkpoints: a log's Merkle root at a size, signed with the register's Ed25519 key,
//! kept in the database and written as files to a folder meant to be published (the CNIL
//! suggests publishing a timestamped hash). Anyone holding a checkpoint and the public key can
//! check an exported receipt offline; `verify` checks the database against them.

use std::path::{Path, PathBuf};

use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::merkle;
use crate::store::{Store, StoredCheckpoint};

/// A checkpoint as published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Checkpoint {
    /// The log: `<portal>/<YYYY-MM>`.
    pub log: String,
    /// How many receipts it covers (leaves 0 to size − 1).
    pub size: u64,
    /// The Merkle root at that size, hex.
    pub root: String,
    /// When it was signed, Unix seconds.
    pub signed_at: i64,
    /// The Ed25519 signature of [`Checkpoint::message`], hex.
    pub signature: String,
    /// The register's public key, hex.
    pub public_key: String,
}

impl Checkpoint {
    /// What is signed.
    pub fn message(&self) -> String {
        format!(
            "cookie-charter register checkpoint v1\n{}\n{}\n{}\n{}\n",
            self.log, self.size, self.root, self.signed_at
        )
    }

    /// Whether its signature is `key`'s (and its key is `key`).
    pub fn is_signed_by(&self, key: &VerifyingKey) -> bool {
        let signature = hex::decode(&self.signature)
            .ok()
            .and_then(|b| <[u8; 64]>::try_from(b).ok())
            .map(|b| Signature::from_bytes(&b));
        self.public_key == hex::encode(key.as_bytes())
            && signature.is_some_and(|s| key.verify(self.message().as_bytes(), &s).is_ok())
    }

    /// As the database keeps it.
    pub fn stored(&self) -> StoredCheckpoint {
        StoredCheckpoint {
            log: self.log.clone(),
            size: self.size,
            root: self.root.clone(),
            signed_at: self.signed_at,
            signature: self.signature.clone(),
        }
    }

    /// From the database, with the register's public key.
    pub fn from_stored(c: &StoredCheckpoint, public_key: &VerifyingKey) -> Checkpoint {
        Checkpoint {
            log: c.log.clone(),
            size: c.size,
            root: c.root.clone(),
            signed_at: c.signed_at,
            signature: c.signature.clone(),
            public_key: hex::encode(public_key.as_bytes()),
        }
    }
}

/// The register's signing key.
pub struct Signer {
    key: SigningKey,
}

impl Signer {
    /// The key in `path` (its 32-byte seed, hex), made there on first use (readable by its
    /// owner only).
    pub fn load_or_create(path: &Path) -> Result<Signer, String> {
        let at = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
        if !path.exists() {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(|e| at(&e))?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| at(&e))?;
            }
            write_private(path, &hex::encode(seed)).map_err(|e| at(&e))?;
        }
        let text = std::fs::read_to_string(path).map_err(|e| at(&e))?;
        let seed = hex::decode(text.trim())
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .ok_or_else(|| at(&"not a signing key (64 hex digits)"))?;
        Ok(Signer {
            key: SigningKey::from_bytes(&seed),
        })
    }

    /// The public key that checks its checkpoints.
    pub fn public_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    /// A checkpoint of `log` at `size` with `root`, signed at `now`.
    pub fn sign(&self, log: &str, size: u64, root: &merkle::Hash, now: i64) -> Checkpoint {
        let mut checkpoint = Checkpoint {
            log: log.to_owned(),
            size,
            root: hex::encode(root),
            signed_at: now,
            signature: String::new(),
            public_key: hex::encode(self.public_key().as_bytes()),
        };
        checkpoint.signature =
            hex::encode(self.key.sign(checkpoint.message().as_bytes()).to_bytes());
        checkpoint
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

/// Where a checkpoint's file goes: `<dir>/<portal>/<YYYY-MM>/<size>.json`.
fn file_of(dir: &Path, c: &Checkpoint) -> PathBuf {
    dir.join(&c.log).join(format!("{}.json", c.size))
}

/// Writes `c` into the publication folder `dir`, with the public key beside
/// (`public-key.txt`).
pub fn publish(dir: &Path, c: &Checkpoint) -> Result<(), String> {
    let path = file_of(dir, c);
    let at = |e: std::io::Error| format!("{}: {e}", path.display());
    std::fs::create_dir_all(path.parent().unwrap_or(dir)).map_err(at)?;
    let text = serde_json::to_string_pretty(c).map_err(|e| e.to_string())?;
    std::fs::write(&path, text + "\n").map_err(at)?;
    let key = dir.join("public-key.txt");
    if !key.exists() {
        std::fs::write(&key, format!("{}\n", c.public_key))
            .map_err(|e| format!("{}: {e}", key.display()))?;
    }
    Ok(())
}

/// Every checkpoint published in `dir`.
pub fn published(dir: &Path) -> Result<Vec<Checkpoint>, String> {
    let mut found = Vec::new();
    if dir.exists() {
        walk(dir, &mut found)?;
    }
    found.sort_by(|a, b| (&a.log, a.size).cmp(&(&b.log, b.size)));
    Ok(found)
}

fn walk(dir: &Path, found: &mut Vec<Checkpoint>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            found
                .push(serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?);
        }
    }
    Ok(())
}

/// Signs a checkpoint of each log that grew since its last one; keeps and publishes it.
pub async fn checkpoint_logs(
    store: &dyn Store,
    signer: &Signer,
    dir: &Path,
    now: i64,
) -> Result<Vec<Checkpoint>, String> {
    let done = store.checkpoints().await?;
    let mut made = Vec::new();
    for (log, size) in store.log_sizes().await? {
        let last = done
            .iter()
            .filter(|c| c.log == log)
            .map(|c| c.size)
            .max()
            .unwrap_or(0);
        if size <= last {
            continue;
        }
        let leaves = store.leaf_hashes(&log, size).await?;
        let checkpoint = signer.sign(&log, size, &merkle::root(&leaves), now);
        store.save_checkpoint(&checkpoint.stored()).await?;
        publish(dir, &checkpoint)?;
        made.push(checkpoint);
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_checks_with_its_key_only_and_unaltered() {
        let dir = tempfile::tempdir().unwrap();
        let signer = Signer::load_or_create(&dir.path().join("k")).unwrap();
        let again = Signer::load_or_create(&dir.path().join("k")).unwrap();
        assert_eq!(signer.public_key(), again.public_key(), "the key is kept");
        let c = signer.sign("demo/2026-12", 3, &[7u8; 32], 100);
        assert!(c.is_signed_by(&signer.public_key()));
        let other = Signer::load_or_create(&dir.path().join("other")).unwrap();
        assert!(!c.is_signed_by(&other.public_key()));
        let mut altered = c.clone();
        altered.size = 4;
        assert!(!altered.is_signed_by(&signer.public_key()));
        publish(dir.path(), &c).unwrap();
        assert_eq!(published(dir.path()).unwrap(), [c]);
    }
}
