//! Yew components: they render state and report what the visitor did, nothing more.

mod banner;
mod charter_page;
mod charter_table;
mod consent_manager;
mod preferences;

pub use banner::{Banner, BannerProps};
pub use charter_page::{CharterPage, CharterPageProps};
pub use charter_table::{CharterTable, CharterTableProps};
pub use consent_manager::{ConsentManager, ConsentManagerProps};
pub use preferences::{Preferences, PreferencesProps};
