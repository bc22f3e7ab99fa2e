//! `support.yaml`: parsing and validation. serde reads the raw shape (unknown keys
//! and wrong types are caught there, with lines); this module then checks what
//! serde cannot — zones, times, dates, ranges, references — and locates each
//! mistake on its line of the file.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};
use serde::Deserialize;

use super::duration::{self, Target};
use super::schedule::{Holiday, HolidayDate, Range, Schedule};
use crate::diagnostics::Diagnostic;

pub const SUPPORT_FILE: &str = "support.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSupport {
    timezone: String,
    #[serde(default)]
    pages: RawPages,
    hours: RawWeek,
    #[serde(default)]
    schedules: BTreeMap<String, RawWeek>,
    #[serde(default)]
    holidays: Vec<RawHoliday>,
    #[serde(default)]
    tiers: Vec<RawTier>,
    #[serde(default)]
    processes: Vec<RawProcess>,
    #[serde(default)]
    channels: Vec<RawChannel>,
    #[serde(default)]
    secure_access: Option<RawSecureAccess>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawPages {
    hours: String,
    sla: String,
    channels: String,
}

impl Default for RawPages {
    fn default() -> Self {
        RawPages {
            hours: "support/hours/".into(),
            sla: "support/sla/".into(),
            channels: "support/channels/".into(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeek {
    #[serde(default, alias = "mon")]
    monday: Vec<String>,
    #[serde(default, alias = "tue")]
    tuesday: Vec<String>,
    #[serde(default, alias = "wed")]
    wednesday: Vec<String>,
    #[serde(default, alias = "thu")]
    thursday: Vec<String>,
    #[serde(default, alias = "fri")]
    friday: Vec<String>,
    #[serde(default, alias = "sat")]
    saturday: Vec<String>,
    #[serde(default, alias = "sun")]
    sunday: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    hours: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawResponse {
    One(String),
    /// Priority → target, in the order written (serde_yaml's mapping keeps it).
    PerPriority(serde_yaml::Mapping),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    id: String,
    name: String,
    #[serde(default)]
    price: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    covers: Vec<String>,
    #[serde(default)]
    excludes: Vec<String>,
    #[serde(default)]
    response: Option<RawResponse>,
    /// Shown when `response` is not a fixed target ("agreed per incident").
    #[serde(default)]
    response_note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProcess {
    id: String,
    name: String,
    #[serde(default)]
    summary: Option<String>,
    steps: Vec<RawStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    name: String,
    #[serde(default)]
    duration: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    tier: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannel {
    id: String,
    name: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default, rename = "for")]
    purpose: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    tiers: Vec<String>,
    #[serde(default)]
    schedule: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSecureAccess {
    name: String,
    url: String,
    #[serde(default)]
    text: Option<String>,
}

/// A tier's response target: one for all requests, or one per priority.
#[derive(Debug, Clone)]
pub enum Response {
    All(Target),
    PerPriority(Vec<(String, Target)>),
}

#[derive(Debug, Clone)]
pub struct Tier {
    pub id: String,
    pub name: String,
    pub price: Option<String>,
    pub summary: Option<String>,
    pub covers: Vec<String>,
    pub excludes: Vec<String>,
    pub response: Option<Response>,
    pub response_note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub name: String,
    pub duration: Option<Target>,
    pub text: Option<String>,
    pub tier: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Process {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone)]
pub struct Channel {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub purpose: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    pub tiers: Vec<String>,
    /// Name of the schedule that applies (`default` = the support hours).
    pub schedule: String,
    pub note: Option<String>,
}

impl Channel {
    /// Where to reach it: the URL, else `mailto:` the address.
    pub fn href(&self) -> String {
        match (&self.url, &self.email) {
            (Some(u), _) => u.clone(),
            (None, Some(e)) => format!("mailto:{e}"),
            (None, None) => String::new(),
        }
    }

    /// The address as shown: the email address, else the URL.
    pub fn address(&self) -> String {
        self.email
            .clone()
            .or_else(|| self.url.clone())
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone)]
pub struct SecureAccess {
    pub name: String,
    pub url: String,
    pub text: Option<String>,
}

/// Paths of the generated pages, below the base path (`support/hours/`).
#[derive(Debug, Clone)]
pub struct Pages {
    pub hours: String,
    pub sla: String,
    pub channels: String,
}

/// The validated support data.
#[derive(Debug, Clone)]
pub struct Support {
    /// As written: `Asia/Dubai` or `+04:00`.
    pub timezone: String,
    /// How the zone is shown: `Asia/Dubai (UTC+04:00)` or `UTC+04:00`.
    pub timezone_label: String,
    pub pages: Pages,
    /// `default` (the support hours) and any named schedules.
    pub schedules: BTreeMap<String, Schedule>,
    pub holidays: Vec<Holiday>,
    pub tiers: Vec<Tier>,
    pub processes: Vec<Process>,
    pub channels: Vec<Channel>,
    pub secure_access: Option<SecureAccess>,
}

impl Support {
    pub fn default_schedule(&self) -> &Schedule {
        &self.schedules["default"]
    }

    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.id == id)
    }

    pub fn channel(&self, id: &str) -> Option<&Channel> {
        self.channels.iter().find(|c| c.id == id)
    }
}

/// Finds lines of the file for messages: serde's values carry no positions.
struct Locator<'a> {
    text: &'a str,
}

impl Locator<'_> {
    /// The first line after `after` that contains `needle`.
    fn find_after(&self, needle: &str, after: usize) -> Option<usize> {
        self.text
            .lines()
            .enumerate()
            .skip(after.saturating_sub(1))
            .find(|(_, l)| {
                let code = l.split(" #").next().unwrap_or(l);
                code.contains(needle)
            })
            .map(|(i, _)| i + 1)
    }

    fn find(&self, needle: &str) -> usize {
        self.find_after(needle, 1).unwrap_or(1)
    }

    /// The line of `value` inside the list item that starts with `id: <id>`
    /// (or `name: <name>`), else that item's line.
    fn in_item(&self, item: &str, needle: &str) -> usize {
        let start = self
            .find_after(&format!("id: {item}"), 1)
            .or_else(|| self.find_after(&format!("name: {item}"), 1))
            .or_else(|| self.find_after(item, 1))
            .unwrap_or(1);
        self.find_after(needle, start).unwrap_or(start)
    }
}

pub fn parse_time(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if h == 24 && m == 0 {
        return Some(1440);
    }
    (h < 24 && m < 60 && h.to_string().len() <= 2 && m.to_string().len() <= 2).then_some(h * 60 + m)
}

/// `09:00-18:00` → a range; the error explains the mistake.
fn parse_range(s: &str) -> Result<Range, String> {
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

/// Parses a day's ranges, rejecting overlaps.
fn parse_ranges(
    items: &[String],
    loc: &Locator,
    context: usize,
    errors: &mut Vec<(usize, String, String)>,
) -> Vec<Range> {
    let mut out = Vec::new();
    for item in items {
        match parse_range(item) {
            Ok(r) => out.push(r),
            Err(msg) => errors.push((
                loc.find_after(item, context).unwrap_or(context),
                msg,
                "write hours as HH:MM-HH:MM, for example 09:00-18:00".into(),
            )),
        }
    }
    out.sort();
    for pair in out.windows(2) {
        if pair[1].start < pair[0].end {
            let needle = hhmm_plain(pair[1].start);
            errors.push((
                loc.find_after(&needle, context).unwrap_or(context),
                format!(
                    "the ranges {} and {} overlap",
                    pair[0].label(),
                    pair[1].label()
                ),
                "merge them into one range, or make one end before the other starts".into(),
            ));
        }
    }
    out
}

fn hhmm_plain(m: u16) -> String {
    super::schedule::hhmm(m)
}

pub fn parse_zone(s: &str) -> Result<(TimeZone, String), String> {
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

fn parse_date_text(s: &str) -> Result<HolidayDate, String> {
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

fn week(
    raw: &RawWeek,
    loc: &Locator,
    context: usize,
    errors: &mut Vec<(usize, String, String)>,
) -> [Vec<Range>; 7] {
    [
        parse_ranges(&raw.monday, loc, context, errors),
        parse_ranges(&raw.tuesday, loc, context, errors),
        parse_ranges(&raw.wednesday, loc, context, errors),
        parse_ranges(&raw.thursday, loc, context, errors),
        parse_ranges(&raw.friday, loc, context, errors),
        parse_ranges(&raw.saturday, loc, context, errors),
        parse_ranges(&raw.sunday, loc, context, errors),
    ]
}

/// Loads `support.yaml` from `site_dir`: `Ok(None)` when the site has none.
pub fn load(site_dir: &Path) -> Result<Option<Support>, Vec<Diagnostic>> {
    let path = site_dir.join(SUPPORT_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let shown = PathBuf::from(SUPPORT_FILE);
    let text = crate::content::read_text(&path, &shown).map_err(|d| vec![d])?;
    let raw: RawSupport =
        crate::yaml::parse(&text, &shown, 1, SUPPORT_FILE).map_err(|d| vec![d])?;
    let loc = Locator { text: &text };
    let mut errors: Vec<(usize, String, String)> = Vec::new();

    let (tz, timezone_label) = match parse_zone(&raw.timezone) {
        Ok(z) => z,
        Err(msg) => {
            errors.push((
                loc.find("timezone:"),
                msg,
                "use an IANA name such as Asia/Dubai or Europe/Berlin, or an offset such as +04:00"
                    .into(),
            ));
            (TimeZone::UTC, "UTC".into())
        }
    };
    let timezone_label = match tz.iana_name() {
        Some(name) if name == timezone_label => {
            let offset = tz.to_offset(jiff::Timestamp::now());
            format!("{name} (UTC{offset})")
        }
        _ => timezone_label,
    };

    let mut holidays = Vec::new();
    for h in &raw.holidays {
        let item_line = loc.in_item(&h.name, "name:");
        let when = match (&h.date, &h.from, &h.to) {
            (Some(d), None, None) => parse_date_text(d)
                .map_err(|m| (loc.find_after(d, item_line).unwrap_or(item_line), m)),
            (None, Some(f), Some(t)) => match (f.parse::<Date>(), t.parse::<Date>()) {
                (Ok(a), Ok(b)) if a <= b => Ok(HolidayDate::Range {
                    from: a.to_string(),
                    to: b.to_string(),
                }),
                (Ok(_), Ok(_)) => Err((
                    loc.find_after(t, item_line).unwrap_or(item_line),
                    format!("the holiday “{}” ends ({t}) before it starts ({f})", h.name),
                )),
                (Err(_), _) => Err((
                    loc.find_after(f, item_line).unwrap_or(item_line),
                    format!("`{f}` is not a date (YYYY-MM-DD)"),
                )),
                (_, Err(_)) => Err((
                    loc.find_after(t, item_line).unwrap_or(item_line),
                    format!("`{t}` is not a date (YYYY-MM-DD)"),
                )),
            },
            _ => Err((
                item_line,
                format!(
                    "the holiday “{}” needs either `date:` or both `from:` and `to:`",
                    h.name
                ),
            )),
        };
        let hours = h
            .hours
            .as_ref()
            .map(|hs| parse_ranges(hs, &loc, item_line, &mut errors));
        match when {
            Ok(when) => holidays.push(Holiday {
                name: h.name.clone(),
                when,
                hours,
            }),
            Err((line, msg)) => errors.push((
                line,
                msg,
                "write dates as YYYY-MM-DD, or MM-DD for a holiday every year".into(),
            )),
        }
    }

    let mut schedules = BTreeMap::new();
    let hours_line = loc.find("hours:");
    let weekly = week(&raw.hours, &loc, hours_line, &mut errors);
    schedules.insert(
        "default".to_string(),
        Schedule {
            tz: tz.clone(),
            weekly,
            holidays: holidays.clone(),
        },
    );
    for (name, w) in &raw.schedules {
        let line = loc.find(&format!("{name}:"));
        if name == "default" {
            errors.push((
                line,
                "`default` is the name of the support hours; choose another schedule name".into(),
                "rename the schedule".into(),
            ));
            continue;
        }
        let weekly = week(w, &loc, line, &mut errors);
        schedules.insert(
            name.clone(),
            Schedule {
                tz: tz.clone(),
                weekly,
                holidays: holidays.clone(),
            },
        );
    }

    let mut seen = HashSet::new();
    let mut tiers = Vec::new();
    for t in &raw.tiers {
        let line = loc.in_item(&t.id, "id:");
        if !seen.insert(format!("tier:{}", t.id)) {
            errors.push((
                line,
                format!("two tiers have the id `{}`", t.id),
                "give each tier its own id".into(),
            ));
        }
        let mut parse_target = |text: &str| match duration::parse(text) {
            Ok(target) => Some(target),
            Err(msg) => {
                errors.push((loc.in_item(&t.id, text), msg, "write targets like `3-5 business days`, `4 business hours`, `2 days` or `24 hours`".into()));
                None
            }
        };
        let response = match &t.response {
            None => None,
            Some(RawResponse::One(s)) => parse_target(s).map(Response::All),
            Some(RawResponse::PerPriority(map)) => {
                let mut list: Vec<(String, Target)> = Vec::new();
                let mut not_text = false;
                for (p, v) in map {
                    match (p.as_str(), v.as_str()) {
                        (Some(p), Some(v)) => {
                            if let Some(tg) = parse_target(v) {
                                list.push((p.to_string(), tg));
                            }
                        }
                        _ => not_text = true,
                    }
                }
                if not_text {
                    errors.push((
                        loc.in_item(&t.id, "response:"),
                        "each priority needs a target written as text, like `urgent: 4 business hours`".into(),
                        "write one `priority: target` line per priority".into(),
                    ));
                }
                Some(Response::PerPriority(list))
            }
        };
        tiers.push(Tier {
            id: t.id.clone(),
            name: t.name.clone(),
            price: t.price.clone(),
            summary: t.summary.clone(),
            covers: t.covers.clone(),
            excludes: t.excludes.clone(),
            response,
            response_note: t.response_note.clone(),
        });
    }
    let tier_ids: Vec<&str> = raw.tiers.iter().map(|t| t.id.as_str()).collect();
    let schedule_names: Vec<String> = schedules.keys().cloned().collect();

    let unknown_ref = |item: &str,
                       what: &str,
                       id: &str,
                       known: &[&str],
                       errors: &mut Vec<(usize, String, String)>| {
        let line = loc.in_item(item, id);
        let hint = match crate::diagnostics::closest(id, known) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("known {what}s: {}", known.join(", ")),
        };
        errors.push((line, format!("there is no {what} `{id}`"), hint));
    };

    let mut processes = Vec::new();
    for p in &raw.processes {
        if !seen.insert(format!("process:{}", p.id)) {
            errors.push((
                loc.in_item(&p.id, "id:"),
                format!("two processes have the id `{}`", p.id),
                "give each process its own id".into(),
            ));
        }
        let mut steps = Vec::new();
        for s in &p.steps {
            let duration = s.duration.as_ref().and_then(|d| match duration::parse(d) {
                Ok(t) => Some(t),
                Err(msg) => {
                    errors.push((
                        loc.in_item(&p.id, d),
                        msg,
                        "write durations like `3-5 days` or `2 business days`".into(),
                    ));
                    None
                }
            });
            if let Some(tier) = &s.tier
                && !tier_ids.contains(&tier.as_str())
            {
                unknown_ref(&p.id, "tier", tier, &tier_ids, &mut errors);
            }
            steps.push(Step {
                name: s.name.clone(),
                duration,
                text: s.text.clone(),
                tier: s.tier.clone(),
            });
        }
        processes.push(Process {
            id: p.id.clone(),
            name: p.name.clone(),
            summary: p.summary.clone(),
            steps,
        });
    }

    let mut channels = Vec::new();
    for c in &raw.channels {
        let line = loc.in_item(&c.id, "id:");
        if !seen.insert(format!("channel:{}", c.id)) {
            errors.push((
                line,
                format!("two channels have the id `{}`", c.id),
                "give each channel its own id".into(),
            ));
        }
        if c.url.as_deref().is_none_or(|u| u.trim().is_empty())
            && c.email.as_deref().is_none_or(|e| e.trim().is_empty())
        {
            errors.push((
                line,
                format!("the channel “{}” has no address", c.name),
                "give it a `url:` or an `email:` so customers can reach it".into(),
            ));
        }
        if let Some(u) = &c.url
            && !(u.starts_with("https://") || u.starts_with("http://"))
        {
            errors.push((
                loc.in_item(&c.id, u),
                format!("`{u}` is not a web address"),
                "write the full address, starting with https://".into(),
            ));
        }
        if let Some(e) = &c.email
            && !e.trim().contains('@')
        {
            errors.push((
                loc.in_item(&c.id, e),
                format!("`{e}` is not an email address"),
                "write it as name@example.com".into(),
            ));
        }
        for t in &c.tiers {
            if !tier_ids.contains(&t.as_str()) {
                unknown_ref(&c.id, "tier", t, &tier_ids, &mut errors);
            }
        }
        let schedule = c.schedule.clone().unwrap_or_else(|| "default".into());
        if !schedules.contains_key(&schedule) {
            let known: Vec<&str> = schedule_names.iter().map(String::as_str).collect();
            unknown_ref(&c.id, "schedule", &schedule, &known, &mut errors);
        }
        channels.push(Channel {
            id: c.id.clone(),
            name: c.name.clone(),
            kind: c.kind.clone(),
            purpose: c.purpose.clone(),
            url: c.url.clone(),
            email: c.email.clone(),
            tiers: c.tiers.clone(),
            schedule,
            note: c.note.clone(),
        });
    }

    let secure_access = raw.secure_access.map(|s| {
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            errors.push((
                loc.find(&s.url),
                format!("`{}` is not a web address", s.url),
                "write the full address, starting with https://".into(),
            ));
        }
        SecureAccess {
            name: s.name,
            url: s.url,
            text: s.text,
        }
    });

    let mut pages = Vec::new();
    for (key, value) in [
        ("hours", &raw.pages.hours),
        ("sla", &raw.pages.sla),
        ("channels", &raw.pages.channels),
    ] {
        let trimmed = value.trim().trim_matches('/');
        let ok = !trimmed.is_empty() && trimmed.split('/').all(crate::slug::is_safe_slug);
        if !ok {
            errors.push((
                loc.find(&format!("{key}:")),
                format!("page path `{value}` is not a path inside the site"),
                "write a path such as support/hours/".into(),
            ));
        }
        pages.push(format!("{trimmed}/"));
    }

    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|(line, msg, hint)| {
                Diagnostic::error("support", msg)
                    .at(&shown)
                    .line(line)
                    .hint(hint)
            })
            .collect());
    }
    Ok(Some(Support {
        timezone: raw.timezone,
        timezone_label,
        pages: Pages {
            hours: pages[0].clone(),
            sla: pages[1].clone(),
            channels: pages[2].clone(),
        },
        schedules,
        holidays,
        tiers,
        processes,
        channels,
        secure_access,
    }))
}

#[cfg(test)]
mod tests {
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
