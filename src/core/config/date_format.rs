//! The `date_format` setting: a small strftime-like language for dates in the list.

use std::fmt;

use crate::date::Date;

/// One piece of a date format.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    /// Text written as it is.
    Literal(String),
    /// `%Y`: the year, at least four digits.
    Year,
    /// `%y`: the last two digits of the year.
    ShortYear,
    /// `%m`: the month, two digits.
    Month,
    /// `%d`: the day, two digits.
    Day,
    /// `%b`: the month's English abbreviation (`Jan`).
    MonthName,
}

impl Item {
    /// The item as written in a format.
    fn directive(&self) -> String {
        match self {
            Item::Literal(s) => s.replace('%', "%%"),
            Item::Year => "%Y".into(),
            Item::ShortYear => "%y".into(),
            Item::Month => "%m".into(),
            Item::Day => "%d".into(),
            Item::MonthName => "%b".into(),
        }
    }
}

const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// How the reader writes a date: `%Y` (2025), `%y` (25), `%m` (01-12), `%d` (01-31), `%b`
/// (Jan) and `%%` (a percent sign); everything else is written as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateFormat {
    text: String,
    items: Vec<Item>,
}

impl Default for DateFormat {
    /// `%Y-%m-%d`, as in `2025-11-18`.
    fn default() -> Self {
        DateFormat {
            text: "%Y-%m-%d".to_string(),
            items: vec![
                Item::Year,
                Item::Literal("-".to_string()),
                Item::Month,
                Item::Literal("-".to_string()),
                Item::Day,
            ],
        }
    }
}

impl fmt::Display for DateFormat {
    /// The format as written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl DateFormat {
    /// Read a format. The error says what is wrong, in words for the configuration's
    /// messages: an unknown directive, a lone `%` at the end, a control character, or nothing.
    pub fn parse(text: &str) -> Result<DateFormat, String> {
        if text.is_empty() {
            return Err("`date_format` is empty; the default is \"%Y-%m-%d\"".to_string());
        }
        if text.chars().any(char::is_control) {
            return Err("`date_format` contains a control character".to_string());
        }
        let mut items = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                literal.push(c);
                continue;
            }
            let item = match chars.next() {
                Some('%') => {
                    literal.push('%');
                    continue;
                }
                Some('Y') => Item::Year,
                Some('y') => Item::ShortYear,
                Some('m') => Item::Month,
                Some('d') => Item::Day,
                Some('b') => Item::MonthName,
                Some(other) => {
                    return Err(format!(
                        "unknown directive `%{other}` in `date_format`; known ones are `%Y` (2025), `%y` (25), `%m` (01-12), `%d` (01-31), `%b` (Jan) and `%%` (%)"
                    ));
                }
                None => {
                    return Err(
                        "`date_format` ends with a lone `%`; write `%%` for a percent sign"
                            .to_string(),
                    );
                }
            };
            if !literal.is_empty() {
                items.push(Item::Literal(std::mem::take(&mut literal)));
            }
            items.push(item);
        }
        if !literal.is_empty() {
            items.push(Item::Literal(literal));
        }
        Ok(DateFormat {
            text: text.to_string(),
            items,
        })
    }

    /// The same format without the year, for a list whose dates all fall in one year:
    /// `%Y-%m-%d` becomes `%m-%d`, `%d/%m/%Y` becomes `%d/%m`, `%b %d, %Y` becomes `%b %d`.
    /// The separator that joined the year to the rest goes with it.
    pub fn without_year(&self) -> DateFormat {
        let mut items = self.items.clone();
        while let Some(at) = items
            .iter()
            .position(|i| matches!(i, Item::Year | Item::ShortYear))
        {
            items.remove(at);
            // The separator after the year, or before it when the year ends the format.
            let joined = if at < items.len() {
                Some(at)
            } else {
                at.checked_sub(1)
            };
            if let Some(j) = joined.filter(|&j| matches!(items.get(j), Some(Item::Literal(_)))) {
                items.remove(j);
            }
        }
        if !items.iter().any(|i| !matches!(i, Item::Literal(_))) {
            return DateFormat::default().without_year();
        }
        DateFormat {
            text: items.iter().map(Item::directive).collect(),
            items,
        }
    }

    /// The format as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `date` written in this format.
    pub fn format(&self, date: Date) -> String {
        let mut out = String::new();
        for item in &self.items {
            match item {
                Item::Literal(s) => out.push_str(s),
                Item::Year => out.push_str(&format!("{:04}", date.year)),
                Item::ShortYear => out.push_str(&format!("{:02}", date.year.rem_euclid(100))),
                Item::Month => out.push_str(&format!("{:02}", date.month)),
                Item::Day => out.push_str(&format!("{:02}", date.day)),
                Item::MonthName => out.push_str(
                    MONTH_NAMES
                        .get(usize::from(date.month).saturating_sub(1))
                        .unwrap_or(&"???"),
                ),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn without_year_drops_the_year_and_its_separator() {
        let cases = [
            ("%Y-%m-%d", "%m-%d"),
            ("%d/%m/%Y", "%d/%m"),
            ("%b %d, %Y", "%b %d"),
            ("%y年%m月%d日", "%m月%d日"),
            ("%m-%d", "%m-%d"),
            ("%Y", "%m-%d"),
            ("100%% %Y.%m", "100%% %m"),
        ];
        for (format, short) in cases {
            let f = super::DateFormat::parse(format).expect(format);
            assert_eq!(f.without_year().as_str(), short, "{format}");
        }
    }

    use super::*;

    fn day() -> Date {
        Date::new(2025, 11, 8).expect("a real day")
    }

    #[test]
    fn formats_every_directive() {
        let f = |s: &str| DateFormat::parse(s).map(|f| f.format(day()));
        assert_eq!(f("%Y-%m-%d"), Ok("2025-11-08".into()));
        assert_eq!(f("%d %b %y"), Ok("08 Nov 25".into()));
        assert_eq!(f("%Y年%m月%d日"), Ok("2025年11月08日".into()));
        assert_eq!(f("100%% %Y"), Ok("100% 2025".into()));
        assert_eq!(DateFormat::default().format(day()), "2025-11-08");
        assert_eq!(DateFormat::parse("%Y-%m-%d"), Ok(DateFormat::default()));
        assert_eq!(DateFormat::default().to_string(), "%Y-%m-%d");
    }

    #[test]
    fn rejects_what_it_cannot_write() {
        let e = |s: &str| DateFormat::parse(s).err();
        assert_eq!(
            e("%H:%M"),
            Some("unknown directive `%H` in `date_format`; known ones are `%Y` (2025), `%y` (25), `%m` (01-12), `%d` (01-31), `%b` (Jan) and `%%` (%)".into())
        );
        assert_eq!(
            e("%Y%"),
            Some("`date_format` ends with a lone `%`; write `%%` for a percent sign".into())
        );
        assert_eq!(
            e("%Y\u{1b}[31m"),
            Some("`date_format` contains a control character".into())
        );
        assert!(e("").is_some());
    }
}
