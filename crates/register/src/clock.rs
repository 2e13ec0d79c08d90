//! The register's clock, given to whatever reads the time, so that tests set it (retention,
//! checkpoints) instead of waiting. Times are Unix seconds; months are UTC.

use std::sync::atomic::{AtomicI64, Ordering};

use time::OffsetDateTime;

/// Where the register reads the time.
pub trait Clock: Send + Sync + 'static {
    /// Now, in Unix seconds.
    fn now(&self) -> i64;
}

/// The system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        OffsetDateTime::now_utc().unix_timestamp()
    }
}

/// A clock that says what it was last set to: for tests.
#[derive(Debug, Default)]
pub struct FixedClock(AtomicI64);

impl FixedClock {
    /// A clock at `now`.
    pub fn at(now: i64) -> FixedClock {
        FixedClock(AtomicI64::new(now))
    }

    /// Moves it to `now`.
    pub fn set(&self, now: i64) {
        self.0.store(now, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// The UTC month of `secs` as `YYYY-MM`.
pub fn month_of(secs: i64) -> String {
    let date = OffsetDateTime::from_unix_timestamp(secs)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .date();
    format!("{:04}-{:02}", date.year(), u8::from(date.month()))
}

/// The first second of the UTC month `months` after the one of `secs` (negative: before).
pub fn month_start(secs: i64, months: i32) -> i64 {
    let date = OffsetDateTime::from_unix_timestamp(secs)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .date();
    let index = date.year() * 12 + i32::from(u8::from(date.month())) - 1 + months;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    let month = time::Month::try_from(month as u8).unwrap_or(time::Month::January);
    time::Date::from_calendar_date(year, month, 1)
        .map(|d| d.midnight().assume_utc().unix_timestamp())
        .unwrap_or(0)
}

/// `YYYY-MM-DD` (UTC midnight) as Unix seconds.
pub fn parse_day(day: &str) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(day, &format).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp())
}

/// Unix seconds as an RFC 3339 UTC time, for exports.
pub fn rfc3339(secs: i64) -> String {
    OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_days() {
        let t = parse_day("2026-12-07").unwrap();
        assert_eq!(month_of(t), "2026-12");
        assert_eq!(month_of(month_start(t, 1)), "2027-01");
        assert_eq!(month_of(month_start(t, -12)), "2025-12");
        assert_eq!(month_start(t, 0), parse_day("2026-12-01").unwrap());
        assert_eq!(month_start(t, -60), parse_day("2021-12-01").unwrap());
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(parse_day("2026-13-01"), None);
    }
}
