//! Timestamps: stored as milliseconds since the Unix epoch (UTC), shown as ISO 8601.

use chrono::{DateTime, SecondsFormat};

/// Milliseconds since the Unix epoch (UTC): how every timestamp is stored.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
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
}
