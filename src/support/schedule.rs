//! Business-time arithmetic, the Rust half. `support.js` is the browser half; the
//! vectors in `tests/vectors/business-time.json`, generated from this file, keep
//! the two equal.
//!
//! The rules (also in the README):
//! - A schedule is a weekly set of opening ranges in the support's time zone, plus
//!   holidays that close a day or replace its hours. Ranges never cross midnight.
//! - A wall time that does not exist (a daylight-saving gap) is moved forward by
//!   the gap; one that exists twice (a fold) means its first occurrence.
//! - Open now: a moment is open when it falls in a range (start included, end not).
//! - N business days: a business day is a date with opening hours. The count
//!   starts on the first business day after the date the request arrives, whatever
//!   the time of arrival; the target is met at the close of the Nth business day.
//! - N business hours: opening time is consumed from the moment of arrival (or the
//!   next opening, if closed) until N hours of it have passed.
//! - N days / N hours: calendar time, added in the support's zone.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::Serialize;

use super::duration::{Target, Unit};

/// Minutes since midnight, `start < end <= 1440`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Range {
    pub start: u16,
    pub end: u16,
}

impl Range {
    pub fn label(self) -> String {
        format!("{}–{}", hhmm(self.start), hhmm(self.end))
    }
}

pub fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HolidayDate {
    /// One date.
    Date { date: String },
    /// From `from` to `to`, both included.
    Range { from: String, to: String },
    /// The same month and day every year.
    Yearly { month: i8, day: i8 },
}

#[derive(Debug, Clone, Serialize)]
pub struct Holiday {
    pub name: String,
    pub when: HolidayDate,
    /// Shortened hours instead of a closed day.
    pub hours: Option<Vec<Range>>,
}

impl Holiday {
    pub fn covers(&self, date: Date) -> bool {
        match &self.when {
            HolidayDate::Date { date: d } => d.parse::<Date>().is_ok_and(|d| d == date),
            HolidayDate::Range { from, to } => match (from.parse::<Date>(), to.parse::<Date>()) {
                (Ok(f), Ok(t)) => f <= date && date <= t,
                _ => false,
            },
            HolidayDate::Yearly { month, day } => date.month() == *month && date.day() == *day,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Schedule {
    pub tz: TimeZone,
    /// Monday first.
    pub weekly: [Vec<Range>; 7],
    pub holidays: Vec<Holiday>,
}

/// How far ahead the arithmetic looks before deciding support never opens.
const HORIZON_DAYS: i32 = 800;

impl Schedule {
    /// The opening ranges of `date`, holidays applied.
    pub fn ranges_on(&self, date: Date) -> &[Range] {
        if let Some(h) = self.holidays.iter().find(|h| h.covers(date)) {
            return h.hours.as_deref().unwrap_or(&[]);
        }
        let weekday = date.weekday().to_monday_zero_offset() as usize;
        &self.weekly[weekday]
    }

    /// The instant a wall time on `date` happens (gaps forward, folds first).
    pub fn instant(&self, date: Date, minutes: u16) -> Option<Timestamp> {
        let dt = if minutes >= 1440 {
            date.tomorrow().ok()?.to_datetime(Time::midnight())
        } else {
            DateTime::new(
                date.year(),
                date.month(),
                date.day(),
                (minutes / 60) as i8,
                (minutes % 60) as i8,
                0,
                0,
            )
            .ok()?
        };
        self.tz.to_ambiguous_timestamp(dt).compatible().ok()
    }

    pub fn date_of(&self, t: Timestamp) -> Date {
        t.to_zoned_datetime(self.tz.clone()).date()
    }

    /// Opening intervals of `date` as instants.
    pub fn intervals_on(&self, date: Date) -> Vec<(Timestamp, Timestamp)> {
        self.ranges_on(date)
            .iter()
            .filter_map(|r| Some((self.instant(date, r.start)?, self.instant(date, r.end)?)))
            .filter(|(a, b)| a < b)
            .collect()
    }

    /// Opening intervals from the date of `t` on, in order, for `HORIZON_DAYS`.
    fn intervals_from(&self, t: Timestamp) -> impl Iterator<Item = (Timestamp, Timestamp)> + '_ {
        let first = self.date_of(t);
        (0..HORIZON_DAYS)
            .filter_map(move |i| first.checked_add(i.days()).ok())
            .flat_map(move |d| self.intervals_on(d))
    }

    pub fn is_open(&self, t: Timestamp) -> bool {
        self.intervals_on(self.date_of(t))
            .iter()
            .any(|(a, b)| *a <= t && t < *b)
    }

    /// When the current opening ends, if open at `t`.
    pub fn closes_at(&self, t: Timestamp) -> Option<Timestamp> {
        self.intervals_on(self.date_of(t))
            .into_iter()
            .find(|(a, b)| *a <= t && t < *b)
            .map(|(_, b)| b)
    }

    /// The next moment support opens after `t` (strictly later than any opening
    /// that contains `t`).
    pub fn next_open(&self, t: Timestamp) -> Option<Timestamp> {
        self.intervals_from(t).map(|(a, _)| a).find(|a| *a > t)
    }

    /// The close of the `n`th business day after the date of `t`.
    pub fn add_business_days(&self, t: Timestamp, n: u32) -> Option<Timestamp> {
        let mut date = self.date_of(t);
        let mut left = n;
        for _ in 0..HORIZON_DAYS {
            date = date.tomorrow().ok()?;
            let intervals = self.intervals_on(date);
            if let Some(&(_, close)) = intervals.last() {
                left -= 1;
                if left == 0 {
                    return Some(close);
                }
            }
        }
        None
    }

    /// The moment `minutes` of opening time have passed since `t`.
    pub fn add_business_minutes(&self, t: Timestamp, minutes: u32) -> Option<Timestamp> {
        let mut left = i64::from(minutes) * 60;
        for (a, b) in self.intervals_from(t) {
            if b <= t {
                continue;
            }
            let start = a.max(t);
            let available = b.as_second() - start.as_second();
            if available >= left {
                return Timestamp::from_second(start.as_second() + left).ok();
            }
            left -= available;
        }
        None
    }

    /// When a target of `amount` `unit` measured from `t` is due.
    pub fn deadline(&self, t: Timestamp, amount: u32, unit: Unit) -> Option<Timestamp> {
        match unit {
            Unit::BusinessDays => self.add_business_days(t, amount),
            Unit::BusinessHours => self.add_business_minutes(t, amount * 60),
            Unit::Days => t
                .to_zoned_datetime(self.tz.clone())
                .checked_add(i64::from(amount).days())
                .ok()
                .map(|z| z.timestamp()),
            Unit::Hours => t.checked_add(i64::from(amount).hours()).ok(),
        }
    }

    /// The earliest and latest moment a ranged target is due.
    pub fn window(&self, t: Timestamp, target: &Target) -> Option<(Timestamp, Timestamp)> {
        Some((
            self.deadline(t, target.min, target.unit)?,
            self.deadline(t, target.max, target.unit)?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn office(tz: &str) -> Schedule {
        let day = vec![Range {
            start: 9 * 60,
            end: 18 * 60,
        }];
        Schedule {
            tz: TimeZone::get(tz).expect("zone"),
            weekly: [
                day.clone(),
                day.clone(),
                day.clone(),
                day.clone(),
                day,
                vec![],
                vec![],
            ],
            holidays: vec![Holiday {
                name: "New Year".into(),
                when: HolidayDate::Yearly { month: 1, day: 1 },
                hours: None,
            }],
        }
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn open_now_and_next_opening() {
        let s = office("Asia/Dubai");
        // Friday 2026-11-27 10:00 in Dubai (UTC+4) is 06:00Z.
        assert!(s.is_open(ts("2026-11-27T06:00:00Z")));
        assert_eq!(
            s.closes_at(ts("2026-11-27T06:00:00Z")),
            Some(ts("2026-11-27T14:00:00Z"))
        );
        // Friday 18:00 is closed; next opening Monday 09:00.
        assert!(!s.is_open(ts("2026-11-27T14:00:00Z")));
        assert_eq!(
            s.next_open(ts("2026-11-27T14:00:00Z")),
            Some(ts("2026-11-30T05:00:00Z"))
        );
    }

    #[test]
    fn business_days_start_the_next_business_day() {
        let s = office("Asia/Dubai");
        // Friday evening + 3 business days: Mon, Tue, Wed → Wednesday 18:00.
        assert_eq!(
            s.add_business_days(ts("2026-11-27T16:00:00Z"), 3),
            Some(ts("2026-12-02T14:00:00Z"))
        );
        // Holidays are skipped: Wed 2026-12-31 + 1 → Fri 2027-01-02? Jan 1 is a holiday (Friday),
        // so the next business day is Monday 4 January.
        assert_eq!(
            s.add_business_days(ts("2026-12-31T06:00:00Z"), 1),
            Some(ts("2027-01-04T14:00:00Z"))
        );
    }

    #[test]
    fn business_hours_consume_opening_time() {
        let s = office("Asia/Dubai");
        // Friday 16:00 + 4 business hours: 2 h on Friday, 2 h on Monday → Monday 11:00.
        assert_eq!(
            s.add_business_minutes(ts("2026-11-27T12:00:00Z"), 240),
            Some(ts("2026-11-30T07:00:00Z"))
        );
    }

    #[test]
    fn daylight_saving_changes_are_respected() {
        let s = office("America/New_York");
        // Friday 2026-03-06 17:00 EST + 1 business day → Monday 2026-03-09 18:00 EDT (22:00Z).
        assert_eq!(
            s.add_business_days(ts("2026-03-06T22:00:00Z"), 1),
            Some(ts("2026-03-09T22:00:00Z"))
        );
    }
}
