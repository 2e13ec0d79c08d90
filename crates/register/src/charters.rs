//! The charter revisions a portal's banner can produce, registered so that what a visitor was
//! shown is provable: each with its canonical text, the SHA-256 of that text, when it took
//! effect, and the categories and services its receipts must decide. A receipt names its
//! revision (the banner's 8-hex-digit hash of the categories and cookies); the register keeps
//! only receipts of a registered revision.

use std::path::Path;

use cookie_charter_core::charter::Charter;
use cookie_charter_core::presets::Preset;
use cookie_charter_core::{charter_json, json};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A category a revision asks about, with its services.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategorySpec {
    /// Its id (`necessary`, `audience`…).
    pub id: String,
    /// Whether it cannot be refused.
    pub required: bool,
    /// Its services' ids, in order (empty: the category is one choice).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
}

/// One registered revision of a portal's charter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    /// The portal's id in the register's configuration.
    pub portal: String,
    /// The banner's revision of the charter.
    pub revision: String,
    /// SHA-256 of `canonical`, hex.
    pub sha256: String,
    /// The charter as canonical JSON: keys sorted, no white space.
    pub canonical: String,
    /// When it took effect, Unix seconds.
    pub effective_from: i64,
    /// What its receipts decide.
    pub categories: Vec<CategorySpec>,
}

impl Revision {
    /// The revision of `charter_text` (a charter's JSON, checked in full) for `portal`.
    pub fn of(portal: &str, charter_text: &str, effective_from: i64) -> Result<Revision, String> {
        let charter = charter_json::parse(charter_text, json::parse).map_err(|problems| {
            let mut all = String::from("invalid charter:");
            for p in &problems {
                all.push_str(&format!(" {p};"));
            }
            all
        })?;
        let value: serde_json::Value =
            serde_json::from_str(charter_text).map_err(|e| e.to_string())?;
        // serde_json's map keeps keys sorted: its text is canonical.
        let canonical = value.to_string();
        Ok(Revision {
            portal: portal.to_owned(),
            revision: charter.revision(),
            sha256: hex::encode(Sha256::digest(canonical.as_bytes())),
            canonical,
            effective_from,
            categories: categories_of(&charter),
        })
    }

    /// The revision of a built-in charter, by its `data-preset` name.
    pub fn of_preset(portal: &str, name: &str, effective_from: i64) -> Result<Revision, String> {
        let preset = Preset::from_name(name)
            .ok_or_else(|| format!("no built-in charter called {name:?}"))?;
        Revision::of(portal, preset.json(), effective_from)
    }

    /// The revision of the charter file at `path`.
    pub fn of_file(portal: &str, path: &Path, effective_from: i64) -> Result<Revision, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Revision::of(portal, &text, effective_from).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The ids a receipt of this revision must decide: each category, and each service.
    pub fn decided_ids(&self) -> Vec<&str> {
        let mut ids = Vec::new();
        for c in &self.categories {
            ids.push(c.id.as_str());
            for s in &c.services {
                ids.push(s.as_str());
            }
        }
        ids
    }
}

fn categories_of(charter: &Charter) -> Vec<CategorySpec> {
    charter
        .categories
        .iter()
        .map(|c| CategorySpec {
            id: c.id.clone(),
            required: c.required,
            services: c.services.iter().map(|s| s.id.clone()).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preset_registers_with_the_revision_its_banner_writes() {
        let r = Revision::of_preset("demo", "opendatasoft", 0).unwrap();
        let banner = Preset::Default.charter(json::parse).revision();
        assert_eq!(r.revision, banner);
        assert_eq!(r.sha256.len(), 64);
        assert_eq!(r.decided_ids(), ["necessary", "audience"]);
        assert!(r.categories[0].required && !r.categories[1].required);
        // Canonical: the same charter written otherwise gives the same text and hash.
        let spaced: serde_json::Value = serde_json::from_str(Preset::Default.json()).unwrap();
        let again =
            Revision::of("demo", &serde_json::to_string_pretty(&spaced).unwrap(), 0).unwrap();
        assert_eq!((again.canonical, again.sha256), (r.canonical, r.sha256));
        assert!(Revision::of_preset("demo", "paris", 0).is_err());
        assert!(Revision::of("demo", "{}", 0).is_err());
    }
}
