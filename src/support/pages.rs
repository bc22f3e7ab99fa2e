//! What the support pages show: template data for the hours, SLA and channels
//! pages and the contact box; the schedule data the browser script computes
//! "open now" and answer windows from; schema.org `Organization` data; and the
//! holidays as an iCalendar file.

use jiff::civil::Date;
use serde_json::{Value, json};

use super::duration::Target;
use super::references::{describe_response, describe_week};
use super::schedule::{HolidayDate, Range, Schedule};
use super::{Response, Support};
use crate::i18n::Strings;

const SCHEMA_DAYS: [&str; 7] = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
];

fn target_json(t: &Target) -> Value {
    json!({"min": t.min, "max": t.max, "unit": t.unit})
}

fn ranges_json(ranges: &[Range]) -> Value {
    json!(ranges.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>())
}

/// A week as the browser script reads it: seven lists of `[start, end]` minutes.
pub fn weekly_json(schedule: &Schedule) -> Value {
    json!(
        schedule
            .weekly
            .iter()
            .map(|d| ranges_json(d))
            .collect::<Vec<_>>()
    )
}

/// Holidays as the browser script reads them.
pub fn holidays_json(holidays: &[super::schedule::Holiday]) -> Value {
    json!(
        holidays
            .iter()
            .map(|h| {
                let mut v = serde_json::to_value(&h.when).unwrap_or(Value::Null);
                v["name"] = json!(h.name);
                v["hours"] = h.hours.as_deref().map(ranges_json).unwrap_or(Value::Null);
                v
            })
            .collect::<Vec<_>>()
    )
}

/// The data the browser script works from, embedded in every page as JSON.
pub fn browser_data(s: &Support) -> Value {
    let tz = match s.default_schedule().tz.iana_name() {
        Some(name) => json!({"kind": "iana", "name": name}),
        None => {
            let offset = s
                .default_schedule()
                .tz
                .to_offset(jiff::Timestamp::UNIX_EPOCH);
            json!({"kind": "fixed", "offset_seconds": offset.seconds()})
        }
    };
    let schedules: serde_json::Map<String, Value> = s
        .schedules
        .iter()
        .map(|(name, sch)| (name.clone(), json!({ "weekly": weekly_json(sch) })))
        .collect();
    json!({
        "tz": tz,
        "label": s.timezone_label,
        "schedules": schedules,
        "holidays": holidays_json(&s.holidays),
        "tiers": s.tiers.iter().map(|t| json!({
            "id": t.id,
            "name": t.name,
            "response": match &t.response {
                Some(Response::All(tg)) => target_json(tg),
                _ => Value::Null,
            },
            "per_priority": match &t.response {
                Some(Response::PerPriority(list)) => json!(list.iter().map(|(p, tg)| { let mut v = target_json(tg); v["priority"] = json!(p); v }).collect::<Vec<_>>()),
                _ => json!([]),
            },
        })).collect::<Vec<_>>(),
    })
}

/// The week table: one row per weekday with its ranges in the support's zone.
fn week_rows(schedule: &Schedule, strings: &Strings) -> Vec<Value> {
    schedule
        .weekly
        .iter()
        .enumerate()
        .map(|(i, ranges)| {
            json!({
                "day": strings.day(i),
                "index": i,
                "closed": ranges.is_empty(),
                "ranges": ranges.iter().map(|r| r.label()).collect::<Vec<_>>(),
                "minutes": ranges_json(ranges),
            })
        })
        .collect()
}

/// Holidays falling within a year from `today` (recurring ones at their next date),
/// in date order; ranges still under way count.
pub fn upcoming_holidays(s: &Support, today: Date, strings: &Strings) -> Vec<Value> {
    let mut out: Vec<(Date, Value)> = Vec::new();
    let until = today.checked_add(jiff::ToSpan::days(366)).unwrap_or(today);
    for h in &s.holidays {
        let (start, end) = match &h.when {
            HolidayDate::Date { date } => match date.parse::<Date>() {
                Ok(d) => (d, d),
                Err(_) => continue,
            },
            HolidayDate::Range { from, to } => match (from.parse::<Date>(), to.parse::<Date>()) {
                (Ok(a), Ok(b)) => (a, b),
                _ => continue,
            },
            HolidayDate::Yearly { month, day } => {
                let next = (0..9).find_map(|y| {
                    Date::new(today.year() + y, *month, *day)
                        .ok()
                        .filter(|d| *d >= today)
                });
                match next {
                    Some(d) => (d, d),
                    None => continue,
                }
            }
        };
        if end < today || start > until {
            continue;
        }
        let dates = if start == end {
            strings.date(start, true)
        } else {
            strings.get(
                "date_range",
                &[
                    ("start", &strings.date(start, true)),
                    ("end", &strings.date(end, true)),
                ],
            )
        };
        out.push((
            start,
            json!({
                "name": h.name,
                "dates": dates,
                "start": start.to_string(),
                "end": end.to_string(),
                "recurring": matches!(h.when, HolidayDate::Yearly { .. }),
                "hours": h.hours.as_ref().map(|rs| rs.iter().map(|r| r.label()).collect::<Vec<_>>()),
            }),
        ));
    }
    out.sort_by_key(|(d, _)| *d);
    out.into_iter().map(|(_, v)| v).collect()
}

/// The data every page gets as `support` (contact box, footer).
pub fn common(s: &Support, base_path: &str, browser_json: &str, strings: &Strings) -> Value {
    json!({
        "hours": describe_week(s.default_schedule(), strings),
        "timezone": s.timezone_label,
        "hours_url": format!("{base_path}{}", s.pages.hours),
        "sla_url": format!("{base_path}{}", s.pages.sla),
        "channels_url": format!("{base_path}{}", s.pages.channels),
        "ics_url": format!("{base_path}{}holidays.ics", s.pages.hours),
        "primary": ordered_channels(s).first().map(|c| json!({"name": c.name, "href": c.href(), "address": c.address()})),
        "secure_access": s.secure_access.as_ref().map(|a| json!({"name": a.name, "url": a.url, "text": a.text})),
        "data_json": browser_json,
    })
}

/// Channels with the help desk first, then as listed.
fn ordered_channels(s: &Support) -> Vec<&super::Channel> {
    let mut list: Vec<&super::Channel> = s.channels.iter().collect();
    list.sort_by_key(|c| !c.is_help_desk);
    list
}

pub fn hours_page(s: &Support, today: Date, strings: &Strings) -> Value {
    let schedule = s.default_schedule();
    json!({
        "hours": describe_week(schedule, strings),
        "timezone": s.timezone_label,
        "week": week_rows(schedule, strings),
        "holidays": upcoming_holidays(s, today, strings),
        "has_holidays": !s.holidays.is_empty(),
    })
}

pub fn sla_page(s: &Support, base_path: &str, strings: &Strings) -> Value {
    let tier_url = |id: &str| format!("{base_path}{}#tier-{id}", s.pages.sla);
    json!({
        "tiers": s.tiers.iter().map(|t| json!({
            "id": t.id,
            "name": t.name,
            "price": t.price,
            "summary": t.summary,
            "covers": t.covers,
            "excludes": t.excludes,
            "response_text": describe_response(t, strings),
            "has_target": matches!(t.response, Some(Response::All(_))),
            "per_priority": match &t.response {
                Some(Response::PerPriority(list)) => list.iter().map(|(p, tg)| json!({"priority": p, "text": tg.describe(strings)})).collect::<Vec<_>>(),
                _ => vec![],
            },
            "channels": s.channels.iter().filter(|c| c.tiers.contains(&t.id)).map(|c| json!({"name": c.name, "href": c.href()})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "processes": s.processes.iter().map(|p| json!({
            "id": p.id,
            "name": p.name,
            "summary": p.summary,
            "steps": p.steps.iter().map(|st| json!({
                "name": st.name,
                "duration": st.duration.map(|d| d.describe(strings)),
                "text": st.text,
                "tier": st.tier.as_ref().and_then(|id| s.tier(id)).map(|t| json!({"name": t.name, "url": tier_url(&t.id)})),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

pub fn channels_page(s: &Support, base_path: &str, today: Date, strings: &Strings) -> Value {
    json!({
        "closures": upcoming_holidays(s, today, strings),
        "channels": ordered_channels(s).iter().map(|c| {
            let schedule = &s.schedules[&c.schedule];
            json!({
                "id": c.id,
                "name": c.name,
                "kind": c.kind,
                "purpose": c.purpose,
                "href": c.href(),
                "address": c.address(),
                // Long URLs make poor link text; the host says where the link goes.
                "display": match (&c.email, &c.url) {
                    (Some(e), _) => e.clone(),
                    (None, Some(u)) => u.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or(u).to_string(),
                    _ => String::new(),
                },
                "is_email": c.url.is_none(),
                "note": c.note,
                "hours": describe_week(schedule, strings),
                "schedule": c.schedule,
                "tiers": c.tiers.iter().filter_map(|id| s.tier(id)).map(|t| json!({
                    "name": t.name,
                    "response": describe_response(t, strings),
                    "url": format!("{base_path}{}#tier-{}", s.pages.sla, t.id),
                })).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
        "secure_access": s.secure_access.as_ref().map(|a| json!({"name": a.name, "url": a.url, "text": a.text})),
    })
}

fn opening_hours(schedule: &Schedule) -> Vec<Value> {
    let mut out = Vec::new();
    for (i, ranges) in schedule.weekly.iter().enumerate() {
        for r in ranges {
            out.push(json!({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": SCHEMA_DAYS[i],
                "opens": format!("{}:00", super::schedule::hhmm(r.start)),
                "closes": format!("{}:00", if r.end >= 1440 { "23:59".to_string() } else { super::schedule::hhmm(r.end) }),
            }));
        }
    }
    out
}

/// schema.org `Organization` with one `ContactPoint` per channel; holidays within
/// the coming year as closures. Everything in it is shown on the channels page.
pub fn organization_jsonld(
    s: &Support,
    site_title: &str,
    base_url: &str,
    today: Date,
    strings: &Strings,
) -> Value {
    // A holiday closes the day (opens = closes = 00:00) or opens it for shorter hours.
    let mut closures: Vec<Value> = Vec::new();
    for h in upcoming_holidays(s, today, strings) {
        let ranges: Vec<(String, String)> = h["hours"]
            .as_array()
            .map(|rs| {
                rs.iter()
                    .filter_map(|r| {
                        r.as_str()?
                            .split_once('–')
                            .map(|(a, b)| (format!("{a}:00"), format!("{b}:00")))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let spans = if ranges.is_empty() {
            vec![("00:00:00".to_string(), "00:00:00".to_string())]
        } else {
            ranges
        };
        for (opens, closes) in spans {
            closures.push(json!({
                "@type": "OpeningHoursSpecification",
                "name": h["name"],
                "validFrom": h["start"],
                "validThrough": h["end"],
                "opens": opens,
                "closes": closes,
            }));
        }
    }
    json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": site_title,
        "url": base_url,
        "contactPoint": ordered_channels(s).iter().map(|c| {
            let mut hours = opening_hours(&s.schedules[&c.schedule]);
            hours.extend(closures.iter().cloned());
            let mut v = json!({
                "@type": "ContactPoint",
                "name": c.name,
                "contactType": c.kind.clone().unwrap_or_else(|| "customer support".into()),
                "hoursAvailable": hours,
            });
            if let Some(u) = &c.url { v["url"] = json!(u); }
            if let Some(e) = &c.email { v["email"] = json!(e); }
            v
        }).collect::<Vec<_>>(),
    })
}

/// Holidays as an iCalendar file (RFC 5545): recurring ones repeat yearly.
pub fn holidays_ics(s: &Support, site_title: &str, host: &str, strings: &Strings) -> String {
    let mut out = String::new();
    let mut line = |l: &str| {
        out.push_str(l);
        out.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//helpsite//support holidays//EN");
    line("CALSCALE:GREGORIAN");
    line(&format!(
        "X-WR-CALNAME:{}",
        ics_text(&format!("{site_title}: support holidays"))
    ));
    let this_year = crate::clock::today().year();
    for h in &s.holidays {
        let (start, end, rule) = match &h.when {
            HolidayDate::Date { date } => match date.parse::<Date>() {
                Ok(d) => (d, d, false),
                Err(_) => continue,
            },
            HolidayDate::Range { from, to } => match (from.parse::<Date>(), to.parse::<Date>()) {
                (Ok(a), Ok(b)) => (a, b, false),
                _ => continue,
            },
            HolidayDate::Yearly { month, day } => {
                match (0..9).find_map(|y| Date::new(this_year + y, *month, *day).ok()) {
                    Some(d) => (d, d, true),
                    None => continue,
                }
            }
        };
        let Ok(after) = end.tomorrow() else { continue };
        let summary = match &h.hours {
            Some(rs) => strings.get(
                "ics.open",
                &[
                    ("holiday", &h.name),
                    (
                        "hours",
                        &rs.iter().map(|r| r.label()).collect::<Vec<_>>().join(", "),
                    ),
                ],
            ),
            None => strings.get("ics.closed", &[("holiday", &h.name)]),
        };
        line("BEGIN:VEVENT");
        line(&format!(
            "UID:{}-{}@{}",
            crate::slug::slugify(&h.name),
            start.strftime("%Y%m%d"),
            host
        ));
        line(&format!("DTSTAMP:{}T000000Z", start.strftime("%Y%m%d")));
        line(&format!("DTSTART;VALUE=DATE:{}", start.strftime("%Y%m%d")));
        line(&format!("DTEND;VALUE=DATE:{}", after.strftime("%Y%m%d")));
        if rule {
            line("RRULE:FREQ=YEARLY");
        }
        line(&format!("SUMMARY:{}", ics_text(&summary)));
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}
