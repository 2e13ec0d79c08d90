//! The DPO's exports: receipts as CSV or NDJSON, streamed as they are read (an export of a
//! million receipts never sits in memory). The columns are documented in docs/register.md; each
//! row carries its log, leaf index and leaf hash, so that an export can be checked against the
//! published checkpoints.

use crate::clock::rfc3339;
use crate::merkle::Hash;
use crate::record::Record;

/// An export's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header line (RFC 4180).
    Csv,
    /// One JSON object a line: the record as its leaf hash covers it, and `leafHash`.
    Ndjson,
}

impl Format {
    /// The format a name says (`csv`, `ndjson`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "csv" => Some(Format::Csv),
            "ndjson" => Some(Format::Ndjson),
            _ => None,
        }
    }

    /// Its content type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Ndjson => "application/x-ndjson",
        }
    }

    /// What comes before the first row.
    pub fn header(self) -> Vec<u8> {
        match self {
            Format::Csv => row(&CSV_COLUMNS.map(String::from)),
            Format::Ndjson => Vec::new(),
        }
    }

    /// One receipt, as a line.
    pub fn line(self, record: &Record, leaf: &Hash) -> Vec<u8> {
        match self {
            Format::Csv => row(&[
                record.id.clone(),
                record.portal.clone(),
                record.revision.clone(),
                record.action.clone(),
                record.choices_json(),
                rfc3339(record.decided_at),
                rfc3339(record.received_at),
                record.lang.clone(),
                record.page.clone(),
                record.log.clone(),
                record.seq.to_string(),
                hex::encode(leaf),
            ]),
            Format::Ndjson => {
                let mut value = serde_json::to_value(record).unwrap_or_default();
                if let Some(object) = value.as_object_mut() {
                    object.insert("leafHash".into(), hex::encode(leaf).into());
                }
                let mut line = value.to_string().into_bytes();
                line.push(b'\n');
                line
            }
        }
    }
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 12] = [
    "id",
    "portal",
    "revision",
    "action",
    "choices",
    "decided_at",
    "received_at",
    "lang",
    "page",
    "log",
    "seq",
    "leaf_hash",
];

fn row(fields: &[String]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(fields);
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it_and_ndjson_keeps_the_record() {
        let record = Record {
            id: "i".into(),
            portal: "demo".into(),
            log: "demo/2026-12".into(),
            seq: 0,
            revision: "r".into(),
            decided_at: 0,
            received_at: 60,
            choices: [("audience".to_owned(), false)].into(),
            action: "refuse-all".into(),
            lang: "fr".into(),
            page: "https://d.fr/a,b".into(),
        };
        let csv = String::from_utf8(Format::Csv.line(&record, &[0; 32])).unwrap();
        assert!(csv.starts_with("i,demo,r,refuse-all,\"{\"\"audience\"\":false}\",1970-01-01T00:00:00Z,1970-01-01T00:01:00Z,fr,\"https://d.fr/a,b\",demo/2026-12,0,"));
        let line: serde_json::Value =
            serde_json::from_slice(&Format::Ndjson.line(&record, &[1; 32])).unwrap();
        assert_eq!(line["leafHash"], hex::encode([1u8; 32]));
        assert_eq!(line["choices"]["audience"], false);
        assert_eq!(
            String::from_utf8(Format::Csv.header()).unwrap().trim(),
            CSV_COLUMNS.join(",")
        );
    }
}
