//! The time and date texts of `support.yaml`: `09:00`, `09:00-18:00`, a time
//! zone (an IANA name, or exactly the documented offsets), `12-25` and
//! `2026-12-25`. Each error says what is wrong with the text.

use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};

use super::schedule::{HolidayDate, Range};

pub(super) fn parse_time(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if h == 24 && m == 0 {
        return Some(1440);
    }
    (h < 24 && m < 60 && h.to_string().len() <= 2 && m.to_string().len() <= 2).then(|| h * 60 + m)
}

/// `09:00-18:00` → a range; the error explains the mistake.
pub(super) fn parse_range(s: &str) -> Result<Range, String> {
    let t = s.replace(['–', '—'], "-");
    let (a, b) = t
        .split_once('-')
        .ok_or_else(|| format!("`{s}` is not a range of times like 09:00-18:00"))?;
    let start = parse_time(a)
        .ok_or_else(|| format!("`{}` is not a time (HH:MM, 00:00 to 24:00)", a.trim()))?;
    let end = parse_time(b)
        .ok_or_else(|| format!("`{}` is not a time (HH:MM, 00:00 to 24:00)", b.trim()))?;
    if start >= 1440 {
        return Err(format!("`{s}` opens at 24:00; write 00:00 on the next day"));
    }
    if end <= start {
        return Err(format!(
            "`{s}` closes before it opens; a range cannot cross midnight (split it into two days)"
        ));
    }
    Ok(Range { start, end })
}

pub(super) fn hhmm_plain(m: u16) -> String {
    super::schedule::hhmm(m)
}

pub(super) fn parse_zone(s: &str) -> Result<(TimeZone, String), String> {
    let t = s.trim();
    let offset_text = t
        .strip_prefix("UTC")
        .or_else(|| t.strip_prefix("GMT"))
        .unwrap_or(t);
    if offset_text.starts_with(['+', '-']) {
        let Some((sign, h, m)) = parse_offset(offset_text) else {
            return Err(format!(
                "`{t}` is not a UTC offset: write it as +04:00, -0330 or UTC+4"
            ));
        };
        let seconds = sign * (h * 3600 + m * 60);
        let offset = Offset::from_seconds(seconds).map_err(|e| e.to_string())?;
        let label = format!("UTC{}{:02}:{:02}", if sign < 0 { '-' } else { '+' }, h, m);
        return Ok((TimeZone::fixed(offset), label));
    }
    match TimeZone::get(t) {
        Ok(tz) => Ok((tz, t.to_string())),
        Err(_) => Err(format!("`{t}` is not a time zone")),
    }
}

/// A fixed offset as documented: a sign, then hours (one or two digits),
/// optionally followed by two digits of minutes, after a colon or not
/// (`+4`, `+04:00`, `-0330`); hours up to 18, minutes under 60. Anything else
/// is refused rather than guessed at ("+-5" is not "UTC-5").
fn parse_offset(text: &str) -> Option<(i32, i32, i32)> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    // The sign is one byte, so the rest starts at a character.
    let body = &text[1..];
    let digits = |s: &str, lengths: &[usize]| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let (h, m) = match body.split_once(':') {
        Some((h, m)) if digits(h, &[1, 2]) && digits(m, &[2]) => (h, m),
        None if digits(body, &[4]) => body.split_at(2),
        None if digits(body, &[1, 2]) => (body, "0"),
        _ => return None,
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 18 && m < 60).then_some((sign, h, m))
}

pub(super) fn parse_date_text(s: &str) -> Result<HolidayDate, String> {
    let t = s.trim();
    if t.len() == 5 && t.as_bytes()[2] == b'-' {
        let (m, d) = t.split_at(2);
        let (m, d): (i8, i8) = (
            m.parse().map_err(|_| format!("`{t}` is not a date"))?,
            d[1..].parse().map_err(|_| format!("`{t}` is not a date"))?,
        );
        // Check the day exists in some year (Feb 29 is allowed: leap years only).
        return match Date::new(2024, m, d) {
            Ok(_) => Ok(HolidayDate::Yearly { month: m, day: d }),
            Err(_) => Err(format!(
                "`{t}` is not a date: there is no day {d} in month {m}"
            )),
        };
    }
    t.parse::<Date>()
        .map(|d| HolidayDate::Date {
            date: d.to_string(),
        })
        .map_err(|_| format!("`{t}` is not a date (YYYY-MM-DD, or MM-DD for every year)"))
}

#[cfg(test)]
mod tests {
    use super::super::schedule::Range;
    use super::*;

    #[test]
    fn ranges_and_times() {
        assert_eq!(
            parse_range("09:00-18:00"),
            Ok(Range {
                start: 540,
                end: 1080
            })
        );
        assert_eq!(
            parse_range("00:00-24:00"),
            Ok(Range {
                start: 0,
                end: 1440
            })
        );
        assert!(
            parse_range("18:00-09:00")
                .unwrap_err()
                .contains("closes before")
        );
        assert!(parse_range("25:00-26:00").is_err());
        assert!(parse_range("9am-5pm").is_err());
        // Hours past u16's reach once overflowed before being refused (fuzzing).
        assert!(parse_range("09:00-1818:00").is_err());
    }

    #[test]
    fn zones_and_offsets() {
        assert_eq!(
            parse_zone("+04:00").map(|z| z.1).as_deref(),
            Ok("UTC+04:00")
        );
        assert_eq!(parse_zone("UTC+4").map(|z| z.1).as_deref(), Ok("UTC+04:00"));
        assert_eq!(parse_zone("-0330").map(|z| z.1).as_deref(), Ok("UTC-03:30"));
        assert!(parse_zone("Asia/Dubai").is_ok());
        assert!(parse_zone("Mars/Olympus").is_err());
        assert_eq!(parse_zone("GMT-5").map(|z| z.1).as_deref(), Ok("UTC-05:00"));
        // Only the documented forms: no sign after the sign, no letters
        // (a character of two bytes once split the text inside itself and
        // panicked), minutes of two digits, hours up to 18.
        for bad in [
            "+1é1", "+-5", "+é", "+", "UTC+", "+4:5", "+04:000", "+12345", "+19", "+04:60", "+ 4",
            "+4h",
        ] {
            let got = parse_zone(bad);
            assert!(
                got.as_ref().is_err_and(|e| e.contains("UTC offset")),
                "{bad}: {:?}",
                got.map(|z| z.1)
            );
        }
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date_text("12-25"),
            Ok(HolidayDate::Yearly { month: 12, day: 25 })
        );
        assert!(parse_date_text("02-30").is_err());
        assert!(parse_date_text("2026-02-30").is_err());
        assert!(parse_date_text("02-29").is_ok());
    }
}
