//! The consent register: it receives cookie-charter's consent receipts and keeps them as proof
//! a portal's DPO can hand to the CNIL (GDPR art. 7(1)): every receipt, refusals as well as
//! consents, with the charter revision it answered; tamper-evident (each month's receipts of a
//! portal form a Merkle tree, whose root is signed into checkpoints meant to be published);
//! kept for a set retention, then purged by whole months; exported as CSV or NDJSON; and never
//! a visitor's IP address.
//!
//! One binary (`cookie-charter-register`: `serve`, `migrate`, `verify`, `export`, `purge`,
//! `backup`…) and one configuration file ([`config`]); SQLite by default, PostgreSQL at scale
//! ([`store`]). docs/register.md says how a portal deploys and operates it.

pub mod app;
pub mod charters;
pub mod checkpoint;
pub mod clock;
pub mod config;
pub mod dashboard;
pub mod export;
pub mod http;
pub mod intake;
pub mod merkle;
pub mod ratelimit;
pub mod record;
pub mod server;
pub mod store;
pub mod verify;
pub mod writer;
