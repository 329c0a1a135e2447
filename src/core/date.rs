//! Calendar dates as articles use them: parsing the spellings found in front matter and paths,
//! and turning a file's modification time into a date.

use std::fmt;
use std::time::SystemTime;

/// A calendar date (proleptic Gregorian), ordered chronologically.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of month, 1..=31 (valid for the month).
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

impl Date {
    /// A date whose written form is as wide as any other (for placeholders of the same width).
    pub const EPOCH_LIKE: Date = Date {
        year: 2000,
        month: 12,
        day: 31,
    };

    /// A date if the parts name a real day.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parse the date spellings found in front matter: `2025-11-18`, `2025/11/18`,
    /// `2025-11-18T10:00:00+09:00`, `2025-11-18 10:00`, RFC 2822 (`Tue, 18 Nov 2025 10:00:00
    /// GMT`) and `18 Nov 2025`. A time or zone is ignored: the date is the one written.
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim().trim_matches(|c| c == '"' || c == '\'');
        parse_iso_prefix(t).or_else(|| parse_rfc2822(t))
    }

    /// Find a `YYYYMMDD` date in a path: a component that is exactly eight digits, or a file
    /// stem ending in `_YYYYMMDD` / `-YYYYMMDD`.
    pub fn from_path_component(component: &str) -> Option<Date> {
        let digits_at = |s: &str| -> Option<Date> {
            if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
                let y = s[0..4].parse().ok()?;
                let m = s[4..6].parse().ok()?;
                let d = s[6..8].parse().ok()?;
                Date::new(y, m, d)
            } else {
                None
            }
        };
        if let Some(d) = digits_at(component) {
            return Some(d);
        }
        let tail_start = component.rfind(['_', '-'])?;
        digits_at(&component[tail_start + 1..])
    }

    /// The UTC date of a point in time.
    pub fn from_system_time(t: SystemTime) -> Option<Date> {
        let secs = match t.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).ok()?,
            Err(e) => -i64::try_from(e.duration().as_secs()).ok()?,
        };
        let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
        Date::new(i32::try_from(y).ok()?, m, d)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn parse_iso_prefix(t: &str) -> Option<Date> {
    let b = t.as_bytes();
    if b.len() < 8 {
        return None;
    }
    let year: i32 = t.get(0..4)?.parse().ok()?;
    let sep = *b.get(4)?;
    if sep != b'-' && sep != b'/' && sep != b'.' {
        return None;
    }
    let rest = &t[5..];
    let (month, rest) = split_number(rest)?;
    let rest = rest.strip_prefix(sep as char)?;
    let (day, rest) = split_number(rest)?;
    // Whatever follows must look like a time or zone, not more digits.
    if let Some(c) = rest.chars().next() {
        if !matches!(c, 'T' | 't' | ' ' | 'Z' | 'z' | '+' | '-') {
            return None;
        }
    }
    Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

fn split_number(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 || end > 2 {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

fn parse_rfc2822(t: &str) -> Option<Date> {
    let t = match t.find(',') {
        Some(i) => &t[i + 1..],
        None => t,
    };
    let mut words = t.split_whitespace();
    let day: u8 = words.next()?.parse().ok()?;
    let month_word = words.next()?.to_ascii_lowercase();
    let month = MONTHS
        .iter()
        .position(|m| month_word.starts_with(m))
        .and_then(|i| u8::try_from(i + 1).ok())?;
    let year: i32 = words.next()?.parse().ok()?;
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn parses_front_matter_spellings() {
        assert_eq!(Date::parse("2025-11-18"), d(2025, 11, 18));
        assert_eq!(Date::parse("2025/1/8"), d(2025, 1, 8));
        assert_eq!(Date::parse("2025-11-18T23:30:00+09:00"), d(2025, 11, 18));
        assert_eq!(Date::parse("2025-11-18 10:00"), d(2025, 11, 18));
        assert_eq!(Date::parse("2025-11-18Z"), d(2025, 11, 18));
        assert_eq!(
            Date::parse("Tue, 18 Nov 2025 10:00:00 GMT"),
            d(2025, 11, 18)
        );
        assert_eq!(Date::parse("18 November 2025"), d(2025, 11, 18));
    }

    #[test]
    fn rejects_non_dates() {
        for bad in [
            "",
            "yesterday",
            "2025-13-01",
            "2025-02-30",
            "2025-11-188",
            "20251118x",
            "true",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(Date::parse("2024-02-29"), d(2024, 2, 29));
        assert_eq!(Date::parse("2025-02-29"), None);
    }

    #[test]
    fn finds_dates_in_paths() {
        assert_eq!(Date::from_path_component("20251118"), d(2025, 11, 18));
        assert_eq!(Date::from_path_component("news_20260720"), d(2026, 7, 20));
        assert_eq!(Date::from_path_component("news-20260720"), d(2026, 7, 20));
        assert_eq!(Date::from_path_component("20251318"), None);
        assert_eq!(Date::from_path_component("v2"), None);
    }

    #[test]
    fn converts_system_time() {
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_763_424_000);
        assert_eq!(Date::from_system_time(t), d(2025, 11, 18));
        assert_eq!(
            Date::from_system_time(SystemTime::UNIX_EPOCH),
            d(1970, 1, 1)
        );
    }
}
