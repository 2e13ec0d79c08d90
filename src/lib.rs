//! cookie-charter: a cookie-consent banner for open-data portals.

pub mod core;
