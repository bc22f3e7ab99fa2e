//! The shared business-time test vectors: a few hundred moments across time zones,
//! daylight-saving changes, holidays and year ends, with what the Rust arithmetic
//! says about each. `tests/vectors/business-time.json` holds them; a Rust test
//! checks the file is what this code computes, and the browser script's node tests
//! check it computes the same.
//!
//! Regenerate with: cargo run --example gen_vectors > tests/vectors/business-time.json

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::{Value, json};

use helpsite::support::duration::Unit;
use helpsite::support::schedule::{Holiday, HolidayDate, Range, Schedule};

fn r(a: &str, b: &str) -> Range {
    let m = |s: &str| {
        let (h, mi) = s.split_once(':').unwrap_or(("0", "0"));
        h.parse::<u16>().unwrap_or(0) * 60 + mi.parse::<u16>().unwrap_or(0)
    };
    Range {
        start: m(a),
        end: m(b),
    }
}

struct Case {
    name: &'static str,
    tz_json: Value,
    schedule: Schedule,
    /// Days (UTC dates) around which moments are sampled.
    focus: &'static [&'static str],
}

fn cases() -> Vec<Case> {
    let office = vec![r("09:00", "18:00")];
    let mut list = Vec::new();
    if let Ok(tz) = TimeZone::get("Asia/Dubai") {
        list.push(Case {
            name: "Dubai office, holidays and a short day",
            tz_json: json!({"kind": "iana", "name": "Asia/Dubai"}),
            schedule: Schedule {
                tz,
                weekly: [
                    office.clone(),
                    office.clone(),
                    office.clone(),
                    office.clone(),
                    office.clone(),
                    vec![],
                    vec![],
                ],
                holidays: vec![
                    Holiday {
                        name: "New Year".into(),
                        when: HolidayDate::Yearly { month: 1, day: 1 },
                        hours: None,
                    },
                    Holiday {
                        name: "Eve".into(),
                        when: HolidayDate::Date {
                            date: "2026-12-31".into(),
                        },
                        hours: Some(vec![r("09:00", "13:00")]),
                    },
                    Holiday {
                        name: "Retreat".into(),
                        when: HolidayDate::Range {
                            from: "2027-03-09".into(),
                            to: "2027-03-11".into(),
                        },
                        hours: None,
                    },
                ],
            },
            focus: &["2026-11-27", "2026-12-30", "2027-03-08"],
        });
    }
    if let Ok(offset) = jiff::tz::Offset::from_seconds(4 * 3600) {
        list.push(Case {
            name: "Fixed UTC+04:00",
            tz_json: json!({"kind": "fixed", "offset_seconds": 4 * 3600}),
            schedule: Schedule {
                tz: TimeZone::fixed(offset),
                weekly: [
                    office.clone(),
                    office.clone(),
                    office.clone(),
                    office.clone(),
                    office.clone(),
                    vec![],
                    vec![],
                ],
                holidays: vec![Holiday {
                    name: "New Year".into(),
                    when: HolidayDate::Yearly { month: 1, day: 1 },
                    hours: None,
                }],
            },
            focus: &["2026-12-31", "2027-02-26"],
        });
    }
    if let Ok(tz) = TimeZone::get("America/New_York") {
        let split = vec![r("09:00", "12:00"), r("13:00", "17:00")];
        let nine_five = vec![r("09:00", "17:00")];
        list.push(Case {
            name: "New York, split shift, DST both ways",
            tz_json: json!({"kind": "iana", "name": "America/New_York"}),
            schedule: Schedule {
                tz,
                weekly: [
                    nine_five.clone(),
                    nine_five.clone(),
                    split,
                    nine_five.clone(),
                    nine_five,
                    vec![],
                    vec![],
                ],
                holidays: vec![Holiday {
                    name: "Independence Day".into(),
                    when: HolidayDate::Yearly { month: 7, day: 4 },
                    hours: None,
                }],
            },
            focus: &["2026-03-06", "2026-10-30", "2026-07-02"],
        });
    }
    if let Ok(tz) = TimeZone::get("Europe/Berlin") {
        let long = vec![r("08:00", "20:00")];
        list.push(Case {
            name: "Berlin, night hours across the DST gap and fold",
            tz_json: json!({"kind": "iana", "name": "Europe/Berlin"}),
            schedule: Schedule {
                tz,
                weekly: [
                    long.clone(),
                    long.clone(),
                    long.clone(),
                    long.clone(),
                    long,
                    vec![r("00:00", "24:00")],
                    vec![r("01:00", "04:00")],
                ],
                holidays: vec![],
            },
            focus: &["2026-03-28", "2026-10-24"],
        });
    }
    if let Ok(tz) = TimeZone::get("Australia/Lord_Howe") {
        list.push(Case {
            name: "Lord Howe, half-hour DST",
            tz_json: json!({"kind": "iana", "name": "Australia/Lord_Howe"}),
            schedule: Schedule {
                tz,
                weekly: [
                    office.clone(),
                    office.clone(),
                    office.clone(),
                    office.clone(),
                    office.clone(),
                    vec![],
                    vec![r("01:30", "02:30")],
                ],
                holidays: vec![],
            },
            focus: &["2026-04-03", "2026-10-02"],
        });
    }
    list
}

/// The data the browser script reads, for one case (the same shape the support
/// pages embed).
fn data_json(c: &Case) -> Value {
    json!({
        "tz": c.tz_json,
        "schedules": {"default": {"weekly": helpsite::support::pages::weekly_json(&c.schedule)}},
        "holidays": helpsite::support::pages::holidays_json(&c.schedule.holidays),
    })
}

const TARGETS: &[(u32, Unit)] = &[
    (1, Unit::BusinessDays),
    (3, Unit::BusinessDays),
    (5, Unit::BusinessDays),
    (4, Unit::BusinessHours),
    (10, Unit::BusinessHours),
    (2, Unit::Days),
    (36, Unit::Hours),
];

fn secs(t: Option<Timestamp>) -> Value {
    t.map_or(Value::Null, |t| json!(t.as_second()))
}

/// Every case with its moments and the Rust answers.
pub fn generate() -> Value {
    let cases: Vec<Value> = cases()
        .iter()
        .map(|c| {
            let mut moments = Vec::new();
            for day in c.focus {
                let Ok(start) = format!("{day}T00:00:00Z").parse::<Timestamp>() else { continue };
                // Four days around each focus date, every 2 h 17 min (so moments fall
                // at many different times of day), plus exact hour boundaries.
                let mut t = start.as_second() - 86_400;
                let end = start.as_second() + 3 * 86_400;
                while t < end {
                    moments.push(t);
                    t += 2 * 3600 + 17 * 60;
                }
                for h in [5, 6, 9, 13, 14, 22] {
                    moments.push(start.as_second() + h * 3600);
                }
            }
            moments.sort_unstable();
            moments.dedup();
            let results: Vec<Value> = moments
                .iter()
                .filter_map(|&m| Timestamp::from_second(m).ok())
                .map(|t| {
                    let s = &c.schedule;
                    json!({
                        "at": t.as_second(),
                        "iso": t.to_string(),
                        "open": s.is_open(t),
                        "closes_at": secs(s.closes_at(t)),
                        "next_open": secs(s.next_open(t)),
                        "deadlines": TARGETS.iter().map(|(n, u)| secs(s.deadline(t, *n, *u))).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({"name": c.name, "data": data_json(c), "moments": results})
        })
        .collect();
    json!({
        "about": "Business-time vectors generated by tests/it/common/support_vectors.rs; both the Rust and the browser arithmetic must reproduce them exactly. Times are Unix seconds.",
        "targets": TARGETS.iter().map(|(n, u)| json!({"amount": n, "unit": u})).collect::<Vec<_>>(),
        "cases": cases,
    })
}
