//! A kept receipt: the receipt as checked, where it sits in its log, and the canonical text its
//! leaf hash is made of, so that `verify` can tell an edited, deleted, reordered or inserted row,
//! and an exported receipt can be checked offline.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::clock::month_of;
use crate::intake::Checked;
use crate::merkle::{self, Hash};

/// One row of the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// The receipt's id (the one in the visitor's cookie).
    pub id: String,
    /// The portal it was sent for.
    pub portal: String,
    /// Its log: `<portal>/<YYYY-MM>` of its arrival.
    pub log: String,
    /// Its index in that log.
    pub seq: u64,
    /// The charter revision answered.
    pub revision: String,
    /// The visitor's time of the choice, Unix seconds.
    pub decided_at: i64,
    /// The register's time of arrival, Unix seconds.
    pub received_at: i64,
    /// Every category and service, and whether it was accepted.
    pub choices: BTreeMap<String, bool>,
    /// `accept-all`, `refuse-all` or `custom`.
    pub action: String,
    /// The banner's language.
    pub lang: String,
    /// The page, without query or fragment.
    pub page: String,
}

impl Record {
    /// The text its leaf hash is made of: the record as JSON, keys sorted, no white space.
    pub fn canonical(&self) -> String {
        // serde_json's map keeps keys sorted: going through a Value gives the canonical order.
        serde_json::to_value(self)
            .map(|v| v.to_string())
            .unwrap_or_default()
    }

    /// Its leaf hash in its log's Merkle tree.
    pub fn leaf_hash(&self) -> Hash {
        merkle::leaf_hash(self.canonical().as_bytes())
    }

    /// The choices as stored: canonical JSON.
    pub fn choices_json(&self) -> String {
        serde_json::to_string(&self.choices).unwrap_or_default()
    }
}

impl Record {
    /// The record of a receipt kept as leaf `seq` of its log (the log of its portal and the
    /// month it arrived in).
    pub fn kept(checked: &Checked, received_at: i64, seq: u64) -> Record {
        Record {
            id: checked.id.clone(),
            portal: checked.portal.clone(),
            log: log_of(&checked.portal, &month_of(received_at)),
            seq,
            revision: checked.revision.clone(),
            decided_at: checked.decided_at,
            received_at,
            choices: checked.choices.clone(),
            action: checked.action.name().to_owned(),
            lang: checked.lang.clone(),
            page: checked.page.clone(),
        }
    }
}

/// The log of `portal` for the month `month` (`YYYY-MM`).
pub fn log_of(portal: &str, month: &str) -> String {
    format!("{portal}/{month}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_canonical_text_is_stable_and_covers_every_field() {
        let r = Record {
            id: "3f2a9c1e-77b0-4d2e-9a51-0c6e5d4b3a21".into(),
            portal: "demo".into(),
            log: log_of("demo", "2026-12"),
            seq: 7,
            revision: "5df68c41".into(),
            decided_at: 1,
            received_at: 2,
            choices: [
                ("necessary".to_owned(), true),
                ("audience".to_owned(), false),
            ]
            .into(),
            action: "refuse-all".into(),
            lang: "fr".into(),
            page: "https://data.example.fr/".into(),
        };
        assert_eq!(
            r.canonical(),
            r#"{"action":"refuse-all","choices":{"audience":false,"necessary":true},"decidedAt":1,"id":"3f2a9c1e-77b0-4d2e-9a51-0c6e5d4b3a21","lang":"fr","log":"demo/2026-12","page":"https://data.example.fr/","portal":"demo","receivedAt":2,"revision":"5df68c41","seq":7}"#
        );
        let mut other = r.clone();
        other.choices.insert("audience".into(), true);
        assert_ne!(other.leaf_hash(), r.leaf_hash());
        let mut moved = r.clone();
        moved.seq = 8;
        assert_ne!(moved.leaf_hash(), r.leaf_hash());
    }
}
