//! Timestamps: stored as milliseconds since the Unix epoch (UTC), shown as ISO 8601.

use chrono::{DateTime, SecondsFormat};

/// Milliseconds since the Unix epoch (UTC): how every timestamp is stored.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Where the time comes from: the system's clock in the server ([`SystemClock`]), a clock a
/// test sets in tests, so that what depends on the date (retention) is tested without waiting.
pub trait Clock: Send + Sync {
    /// Milliseconds since the Unix epoch (UTC).
    fn now_ms(&self) -> i64;

    /// Today's UTC day as `YYYY-MM-DD`.
    fn today(&self) -> String {
        day_of(self.now_ms())
    }
}

/// The system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        now_ms()
    }
}

/// A clock that says what it was last set to, for tests.
#[derive(Debug, Default)]
pub struct SetClock(std::sync::atomic::AtomicI64);

impl SetClock {
    /// A clock at `ms` since the epoch.
    pub fn at(ms: i64) -> SetClock {
        SetClock(std::sync::atomic::AtomicI64::new(ms))
    }

    /// Moves it to `ms`.
    pub fn set(&self, ms: i64) {
        self.0.store(ms, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Clock for SetClock {
    fn now_ms(&self) -> i64 {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// The UTC day of `ms` as `YYYY-MM-DD`.
pub fn day_of(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms).map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// `text` as a UTC day (`YYYY-MM-DD`, a real date), normalised; `None` if it is not one.
pub fn parse_day(text: &str) -> Option<String> {
    let day = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
    Some(day.format("%Y-%m-%d").to_string())
}

/// Whole days from the UTC day `from` to the UTC day `to` (negative when `to` is earlier);
/// `None` if either is not a day.
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    let parse = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    Some((parse(to)? - parse(from)?).num_days())
}

/// ISO 8601 in UTC with milliseconds, e.g. `2026-11-23T19:54:00.123Z`, the form R, pandas
/// and Excel all parse. Out-of-range values (never stored) fall back to the raw number.
pub fn iso_ms(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true))
        .unwrap_or_else(|| ms.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_format_has_milliseconds_and_z() {
        // 2026-11-23T19:54:00Z is 1795463640 s after the epoch (date -u -d ... +%s).
        assert_eq!(iso_ms(1_795_463_640_123), "2026-11-23T19:54:00.123Z");
        assert_eq!(iso_ms(0), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn days_are_utc_and_real() {
        // 2026-11-23T23:59:59.999Z and one millisecond later.
        assert_eq!(day_of(1_795_478_399_999), "2026-11-23");
        assert_eq!(day_of(1_795_478_400_000), "2026-11-24");
        assert_eq!(SetClock::at(1_795_463_640_123).today(), "2026-11-23");
        assert_eq!(parse_day(" 2026-02-28 ").as_deref(), Some("2026-02-28"));
        assert_eq!(parse_day("2026-02-30"), None);
        assert_eq!(parse_day("28/02/2026"), None);
        assert_eq!(days_between("2026-11-23", "2026-12-07"), Some(14));
        assert_eq!(days_between("2026-11-23", "2026-11-22"), Some(-1));
    }
}
