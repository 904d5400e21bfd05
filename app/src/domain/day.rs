//! A calendar day in UTC (`YYYY-MM-DD`), for dates a facilitator sets on a workshop, such as
//! the withdrawal deadline. Kept as year, month and day (so it is `Copy` inside
//! [`super::Settings`]) and written as the ISO 8601 text people and spreadsheets read.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// A calendar day (proleptic Gregorian, UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    year: i32,
    month: u8,
    day: u8,
}

impl Day {
    /// Reads `YYYY-MM-DD` (what a date field gives); `None` for anything else, or a day that
    /// does not exist (2026-02-30).
    pub fn parse(text: &str) -> Option<Day> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let day = Day { year: y.parse().ok()?, month: m.parse().ok()?, day: d.parse().ok()? };
        let valid = (1..=12).contains(&day.month) && day.day >= 1 && day.day <= days_in_month(day.year, day.month);
        valid.then_some(day)
    }

    /// The UTC day containing `ms` (milliseconds since the Unix epoch).
    pub fn of_ms(ms: i64) -> Day {
        civil_from_days(ms.div_euclid(DAY_MS))
    }

    /// The first millisecond after this day ends (midnight UTC starting the next day).
    pub fn end_ms(self) -> i64 {
        (days_from_civil(self) + 1) * DAY_MS
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        let text = String::deserialize(deserializer)?;
        Day::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not a date (YYYY-MM-DD)")))
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms",
/// `days_from_civil`).
fn days_from_civil(d: Day) -> i64 {
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day `days` after 1970-01-01 (the same paper's `civil_from_days`).
fn civil_from_days(days: i64) -> Day {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Day { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_and_write_as_iso_dates() {
        let day = Day::parse("2026-12-04").unwrap();
        assert_eq!(day.to_string(), "2026-12-04");
        assert_eq!(serde_json::to_string(&day).unwrap(), "\"2026-12-04\"");
        assert_eq!(serde_json::from_str::<Day>("\"2024-02-29\"").unwrap().to_string(), "2024-02-29");
        for bad in ["", "2026-2-4", "2026-02-30", "2025-02-29", "2026-13-01", "04/12/2026", "2026-12-04x"] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_meet_the_unix_clock() {
        // 2026-12-04T00:00:00Z is 1 796 342 400 s after the epoch (date -u -d 2026-12-04 +%s).
        let day = Day::parse("2026-12-04").unwrap();
        assert_eq!(day.end_ms(), 1_796_342_400_000 + DAY_MS);
        assert_eq!(Day::of_ms(1_796_342_400_000), day);
        assert_eq!(Day::of_ms(1_796_342_400_000 - 1).to_string(), "2026-12-03");
        assert_eq!(Day::of_ms(0).to_string(), "1970-01-01");
        assert_eq!(Day::parse("1970-01-01").unwrap().end_ms(), DAY_MS);
    }
}
