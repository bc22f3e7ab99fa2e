//! Checks what serde cannot in `support.yaml`, one part at a time (the zone,
//! holidays, schedules, tiers, processes, channels, secure access, page
//! paths), turning the raw shape into the model and locating each mistake on
//! its line of the file. Every part reports all it finds.

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::data::{Channel, Pages, Process, Response, SecureAccess, Step, Tier};
use super::duration::{self, Target};
use super::raw::{self, RawResponse};
use super::schedule::{Holiday, HolidayDate, Range, Schedule};
use super::times::{hhmm_plain, parse_date_text, parse_range, parse_zone};

/// A mistake: its line, what is wrong, what to do.
pub(super) type Finding = (usize, String, String);

/// What the parts share: the file's lines, the findings so far, and the ids
/// taken (tiers, processes and channels each need their own).
pub(super) struct Checker<'a> {
    pub(super) loc: Locator<'a>,
    pub(super) errors: Vec<Finding>,
    seen: HashSet<String>,
}

impl<'a> Checker<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Checker {
            loc: Locator { text },
            errors: Vec::new(),
            seen: HashSet::new(),
        }
    }

    fn error(&mut self, line: usize, message: String, hint: &str) {
        self.errors.push((line, message, hint.to_string()));
    }

    /// Refuses a second item of `kind` with the same id.
    fn unique(&mut self, kind: &str, id: &str, line: usize) {
        if !self.seen.insert(format!("{kind}:{id}")) {
            self.error(
                line,
                format!("two {kind}s have the id `{id}`"),
                &format!("give each {kind} its own id"),
            );
        }
    }

    /// A reference from `item` to a `what` that does not exist.
    fn unknown_ref(&mut self, item: &str, what: &str, id: &str, known: &[&str]) {
        let line = self.loc.in_item(item, id);
        let hint = match crate::diagnostics::closest(id, known) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("known {what}s: {}", known.join(", ")),
        };
        self.errors
            .push((line, format!("there is no {what} `{id}`"), hint));
    }
}

/// The zone and how it is shown: `Asia/Dubai (UTC+04:00)` or `UTC+04:00`.
pub(super) fn zone(c: &mut Checker, timezone: &str) -> (TimeZone, String) {
    let (tz, label) = match parse_zone(timezone) {
        Ok(z) => z,
        Err(msg) => {
            let line = c.loc.find("timezone:");
            c.error(
                line,
                msg,
                "use an IANA name such as Asia/Dubai or Europe/Berlin, or an offset such as +04:00",
            );
            (TimeZone::UTC, "UTC".into())
        }
    };
    let label = match tz.iana_name() {
        Some(name) if name == label => {
            let offset = tz.to_offset(jiff::Timestamp::now());
            format!("{name} (UTC{offset})")
        }
        _ => label,
    };
    (tz, label)
}

/// Holidays: one date (or MM-DD every year) or a range, with their own hours.
pub(super) fn holidays(c: &mut Checker, raw: &[raw::RawHoliday]) -> Vec<Holiday> {
    let mut out = Vec::new();
    for h in raw {
        let loc = &c.loc;
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
            .map(|hs| parse_ranges(hs, &c.loc, item_line, &mut c.errors));
        match when {
            Ok(when) => out.push(Holiday {
                name: h.name.clone(),
                when,
                hours,
            }),
            Err((line, msg)) => c.error(
                line,
                msg,
                "write dates as YYYY-MM-DD, or MM-DD for a holiday every year",
            ),
        }
    }
    out
}

/// `default` (the support hours) and the named schedules, each with the
/// zone and the holidays.
pub(super) fn schedules(
    c: &mut Checker,
    hours: &raw::RawWeek,
    named: &BTreeMap<String, raw::RawWeek>,
    tz: &TimeZone,
    holidays: &[Holiday],
) -> BTreeMap<String, Schedule> {
    let mut out = BTreeMap::new();
    let hours_line = c.loc.find("hours:");
    let weekly = week(hours, &c.loc, hours_line, &mut c.errors);
    out.insert(
        "default".to_string(),
        Schedule {
            tz: tz.clone(),
            weekly,
            holidays: holidays.to_vec(),
        },
    );
    for (name, w) in named {
        let line = c.loc.find(&format!("{name}:"));
        if name == "default" {
            c.error(
                line,
                "`default` is the name of the support hours; choose another schedule name".into(),
                "rename the schedule",
            );
            continue;
        }
        let weekly = week(w, &c.loc, line, &mut c.errors);
        out.insert(
            name.clone(),
            Schedule {
                tz: tz.clone(),
                weekly,
                holidays: holidays.to_vec(),
            },
        );
    }
    out
}

/// Tiers and their response targets (one, or one per priority).
pub(super) fn tiers(c: &mut Checker, raw: &[raw::RawTier]) -> Vec<Tier> {
    let mut out = Vec::new();
    for t in raw {
        let line = c.loc.in_item(&t.id, "id:");
        c.unique("tier", &t.id, line);
        let target = |c: &mut Checker, text: &str| -> Option<Target> {
            match duration::parse(text) {
                Ok(target) => Some(target),
                Err(msg) => {
                    let line = c.loc.in_item(&t.id, text);
                    c.error(line, msg, "write targets like `3-5 business days`, `4 business hours`, `2 days` or `24 hours`");
                    None
                }
            }
        };
        let response = match &t.response {
            None => None,
            Some(RawResponse::One(s)) => target(c, s).map(Response::All),
            Some(RawResponse::PerPriority(map)) => {
                let mut list: Vec<(String, Target)> = Vec::new();
                let mut not_text = false;
                for (p, v) in map {
                    match (p.as_str(), v.as_str()) {
                        (Some(p), Some(v)) => {
                            if let Some(tg) = target(c, v) {
                                list.push((p.to_string(), tg));
                            }
                        }
                        _ => not_text = true,
                    }
                }
                if not_text {
                    let line = c.loc.in_item(&t.id, "response:");
                    c.error(
                        line,
                        "each priority needs a target written as text, like `urgent: 4 business hours`".into(),
                        "write one `priority: target` line per priority",
                    );
                }
                Some(Response::PerPriority(list))
            }
        };
        out.push(Tier {
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
    out
}

/// Processes: their steps' durations and the tiers they name.
pub(super) fn processes(
    c: &mut Checker,
    raw: &[raw::RawProcess],
    tier_ids: &[&str],
) -> Vec<Process> {
    let mut out = Vec::new();
    for p in raw {
        let line = c.loc.in_item(&p.id, "id:");
        c.unique("process", &p.id, line);
        let mut steps = Vec::new();
        for s in &p.steps {
            let duration = s.duration.as_ref().and_then(|d| match duration::parse(d) {
                Ok(t) => Some(t),
                Err(msg) => {
                    let line = c.loc.in_item(&p.id, d);
                    c.error(
                        line,
                        msg,
                        "write durations like `3-5 days` or `2 business days`",
                    );
                    None
                }
            });
            if let Some(tier) = &s.tier
                && !tier_ids.contains(&tier.as_str())
            {
                c.unknown_ref(&p.id, "tier", tier, tier_ids);
            }
            steps.push(Step {
                name: s.name.clone(),
                duration,
                text: s.text.clone(),
                tier: s.tier.clone(),
            });
        }
        out.push(Process {
            id: p.id.clone(),
            name: p.name.clone(),
            summary: p.summary.clone(),
            steps,
        });
    }
    out
}

/// Channels: an address each, well formed, and the tiers and schedule they
/// name.
pub(super) fn channels(
    c: &mut Checker,
    raw: &[raw::RawChannel],
    tier_ids: &[&str],
    schedules: &BTreeMap<String, Schedule>,
) -> Vec<Channel> {
    let schedule_names: Vec<&str> = schedules.keys().map(String::as_str).collect();
    let mut out = Vec::new();
    for ch in raw {
        let line = c.loc.in_item(&ch.id, "id:");
        c.unique("channel", &ch.id, line);
        if ch.url.as_deref().is_none_or(|u| u.trim().is_empty())
            && ch.email.as_deref().is_none_or(|e| e.trim().is_empty())
        {
            c.error(
                line,
                format!("the channel “{}” has no address", ch.name),
                "give it a `url:` or an `email:` so customers can reach it",
            );
        }
        if let Some(u) = &ch.url
            && !(u.starts_with("https://") || u.starts_with("http://"))
        {
            let line = c.loc.in_item(&ch.id, u);
            c.error(
                line,
                format!("`{u}` is not a web address"),
                "write the full address, starting with https://",
            );
        }
        if let Some(e) = &ch.email
            && !e.trim().contains('@')
        {
            let line = c.loc.in_item(&ch.id, e);
            c.error(
                line,
                format!("`{e}` is not an email address"),
                "write it as name@example.com",
            );
        }
        for t in &ch.tiers {
            if !tier_ids.contains(&t.as_str()) {
                c.unknown_ref(&ch.id, "tier", t, tier_ids);
            }
        }
        let schedule = ch.schedule.clone().unwrap_or_else(|| "default".into());
        if !schedules.contains_key(&schedule) {
            c.unknown_ref(&ch.id, "schedule", &schedule, &schedule_names);
        }
        out.push(Channel {
            id: ch.id.clone(),
            name: ch.name.clone(),
            kind: ch.kind.clone(),
            purpose: ch.purpose.clone(),
            url: ch.url.clone(),
            email: ch.email.clone(),
            tiers: ch.tiers.clone(),
            schedule,
            note: ch.note.clone(),
            is_help_desk: {
                let kind = ch.kind.as_deref().unwrap_or("").to_lowercase();
                kind == "help desk"
                    || kind == "helpdesk"
                    || ch.id == "help-desk"
                    || ch.id == "helpdesk"
            },
        });
    }
    out
}

/// The secure-access page's link: a web address.
pub(super) fn secure_access(
    c: &mut Checker,
    raw: Option<raw::RawSecureAccess>,
) -> Option<SecureAccess> {
    raw.map(|s| {
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            let line = c.loc.find(&s.url);
            c.error(
                line,
                format!("`{}` is not a web address", s.url),
                "write the full address, starting with https://",
            );
        }
        SecureAccess {
            name: s.name,
            url: s.url,
            text: s.text,
        }
    })
}

/// The generated pages' paths: each a path inside the site.
pub(super) fn pages(c: &mut Checker, raw: &raw::RawPages) -> Pages {
    let mut path = |key: &str, value: &str| {
        let trimmed = value.trim().trim_matches('/');
        let ok = !trimmed.is_empty() && trimmed.split('/').all(crate::slug::is_safe_slug);
        if !ok {
            let line = c.loc.find(&format!("{key}:"));
            c.error(
                line,
                format!("page path `{value}` is not a path inside the site"),
                "write a path such as support/hours/",
            );
        }
        format!("{trimmed}/")
    };
    Pages {
        hours: path("hours", &raw.hours),
        sla: path("sla", &raw.sla),
        channels: path("channels", &raw.channels),
    }
}

/// Parses a day's ranges, rejecting overlaps.
pub(super) fn parse_ranges(
    items: &[String],
    loc: &Locator,
    context: usize,
    errors: &mut Vec<Finding>,
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

fn week(
    raw: &raw::RawWeek,
    loc: &Locator,
    context: usize,
    errors: &mut Vec<Finding>,
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

/// Finds lines of the file for messages: serde's values carry no positions.
pub(super) struct Locator<'a> {
    pub(super) text: &'a str,
}

impl Locator<'_> {
    /// The first line after `after` that contains `needle`.
    pub(super) fn find_after(&self, needle: &str, after: usize) -> Option<usize> {
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

    pub(super) fn find(&self, needle: &str) -> usize {
        self.find_after(needle, 1).unwrap_or(1)
    }

    /// The line of `value` inside the list item that starts with `id: <id>`
    /// (or `name: <name>`), else that item's line.
    pub(super) fn in_item(&self, item: &str, needle: &str) -> usize {
        let start = self
            .find_after(&format!("id: {item}"), 1)
            .or_else(|| self.find_after(&format!("name: {item}"), 1))
            .or_else(|| self.find_after(item, 1))
            .unwrap_or(1);
        self.find_after(needle, start).unwrap_or(start)
    }
}
