//! Yew components: they render state and report what the visitor did, nothing more.

mod charter_page;
mod charter_table;

pub use charter_page::{CharterPage, CharterPageProps};
pub use charter_table::{CharterTable, CharterTableProps};
