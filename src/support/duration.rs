//! Response targets as writers say them: `3-5 business days`, `4 business hours`,
//! `2 days`, `24 hours`. A target is a range (a single value is a range of one).

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    BusinessDays,
    BusinessHours,
    Days,
    Hours,
}

impl Unit {
    fn words(self, n: u32) -> &'static str {
        match (self, n == 1) {
            (Unit::BusinessDays, true) => "business day",
            (Unit::BusinessDays, false) => "business days",
            (Unit::BusinessHours, true) => "business hour",
            (Unit::BusinessHours, false) => "business hours",
            (Unit::Days, true) => "day",
            (Unit::Days, false) => "days",
            (Unit::Hours, true) => "hour",
            (Unit::Hours, false) => "hours",
        }
    }
}

/// `min`–`max` of `unit`; `min == max` for a single value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Target {
    pub min: u32,
    pub max: u32,
    pub unit: Unit,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.min == self.max {
            write!(f, "{} {}", self.min, self.unit.words(self.min))
        } else {
            write!(f, "{}–{} {}", self.min, self.max, self.unit.words(self.max))
        }
    }
}

impl Target {
    /// The target in the interface's words (`3–5 business days`).
    pub fn describe(&self, strings: &crate::i18n::Strings) -> String {
        let key = match self.unit {
            Unit::BusinessDays => "duration.business_days",
            Unit::BusinessHours => "duration.business_hours",
            Unit::Days => "duration.days",
            Unit::Hours => "duration.hours",
        };
        let shown = if self.min == self.max {
            self.min.to_string()
        } else {
            format!("{}–{}", self.min, self.max)
        };
        strings.count(key, u64::from(self.max), &shown, &[])
    }
}

/// Parses a target; the error says what is wrong in words a writer can act on.
pub fn parse(text: &str) -> Result<Target, String> {
    let t = text.trim().to_lowercase();
    let t = t.replace(['–', '—'], "-").replace(" to ", "-");
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == ' '))
        .unwrap_or(t.len());
    let (numbers, unit) = t.split_at(split);
    let unit = match unit.trim() {
        "business day" | "business days" | "working day" | "working days" => Unit::BusinessDays,
        "business hour" | "business hours" | "working hour" | "working hours" => {
            Unit::BusinessHours
        }
        "day" | "days" | "calendar day" | "calendar days" => Unit::Days,
        "hour" | "hours" | "calendar hour" | "calendar hours" => Unit::Hours,
        "" => return Err(format!("`{text}` has no unit")),
        other => return Err(format!("`{other}` is not a unit")),
    };
    let mut parts = numbers.split('-').map(str::trim);
    let parse_n = |s: Option<&str>| -> Result<Option<u32>, String> {
        match s {
            None | Some("") => Ok(None),
            Some(n) => n
                .parse::<u32>()
                .map(Some)
                .map_err(|_| format!("`{n}` is not a whole number")),
        }
    };
    let min = parse_n(parts.next())?.ok_or_else(|| format!("`{text}` has no number"))?;
    let max = parse_n(parts.next())?.unwrap_or(min);
    if parts.next().is_some() {
        return Err(format!("`{text}` has more than two numbers"));
    }
    if min > max {
        return Err(format!(
            "`{text}` is written backwards; write the smaller number first"
        ));
    }
    if max == 0 {
        return Err(format!("`{text}` is zero"));
    }
    if max > 10_000 {
        return Err(format!("`{text}` is implausibly long"));
    }
    Ok(Target { min, max, unit })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_units() {
        assert_eq!(
            parse("3-5 business days"),
            Ok(Target {
                min: 3,
                max: 5,
                unit: Unit::BusinessDays
            })
        );
        assert_eq!(
            parse("3–5 Business Days"),
            Ok(Target {
                min: 3,
                max: 5,
                unit: Unit::BusinessDays
            })
        );
        assert_eq!(
            parse("4 business hours"),
            Ok(Target {
                min: 4,
                max: 4,
                unit: Unit::BusinessHours
            })
        );
        assert_eq!(
            parse("3 to 5 days"),
            Ok(Target {
                min: 3,
                max: 5,
                unit: Unit::Days
            })
        );
        assert_eq!(
            parse("1 hour").map(|t| t.to_string()).as_deref(),
            Ok("1 hour")
        );
        assert_eq!(
            parse("3-5 days").map(|t| t.to_string()).as_deref(),
            Ok("3–5 days")
        );
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(parse("5-3 days").unwrap_err().contains("backwards"));
        assert!(parse("3 fortnights").unwrap_err().contains("not a unit"));
        assert!(parse("business days").is_err());
        assert!(parse("0 days").is_err());
        assert!(parse("x-5 days").is_err());
    }
}
