//! References from articles to support facts: `{{support:hours}}`,
//! `{{support:tier.free-consultation.response}}`, `{{support:channel.email.link}}`…
//! Changing `support.yaml` changes every article that refers to it; a reference to
//! something that does not exist is an error with file and line.

use super::schedule::{Range, Schedule};
use super::{Response, Support};
use crate::i18n::Strings;
use crate::markdown::{Fact, FactResolver};

/// "Monday to Friday, 09:00–18:00" for a weekly schedule, in the interface's
/// words: consecutive days with the same hours are grouped.
pub(crate) fn describe_week(schedule: &Schedule, strings: &Strings) -> String {
    let mut groups: Vec<(usize, usize, &Vec<Range>)> = Vec::new();
    for (i, ranges) in schedule.weekly.iter().enumerate() {
        if ranges.is_empty() {
            continue;
        }
        match groups.last_mut() {
            Some((_, end, r)) if *end + 1 == i && *r == ranges => *end = i,
            _ => groups.push((i, i, ranges)),
        }
    }
    if groups.is_empty() {
        return strings.get("week.closed", &[]);
    }
    groups
        .iter()
        .map(|(a, b, ranges)| {
            let (first, last) = (strings.day(*a), strings.day(*b));
            let days = match b - a {
                0 => strings.get("week.one_day", &[("day", first)]),
                1 => strings.get("week.two_days", &[("first", first), ("last", last)]),
                _ => strings.get("week.days", &[("first", first), ("last", last)]),
            };
            let hours: Vec<String> = ranges.iter().map(|r| r.label()).collect();
            let hours = hours.join(&strings.get("week.hours_joiner", &[]));
            strings.get("week.hours", &[("days", &days), ("hours", &hours)])
        })
        .collect::<Vec<_>>()
        .join(&strings.get("week.joiner", &[]))
}

/// A tier's response target in words.
pub(crate) fn describe_response(tier: &super::Tier, strings: &Strings) -> String {
    match &tier.response {
        Some(Response::All(t)) => t.describe(strings),
        Some(Response::PerPriority(list)) => list
            .iter()
            .map(|(p, t)| format!("{p}: {}", t.describe(strings)))
            .collect::<Vec<_>>()
            .join(&strings.get("week.joiner", &[])),
        None => tier
            .response_note
            .clone()
            .unwrap_or_else(|| strings.get("response.as_agreed", &[])),
    }
}

/// Resolves references against the site's support data.
pub(crate) struct SupportFacts<'a> {
    pub support: Option<&'a Support>,
    pub base_path: &'a str,
    /// support.yaml exists but has errors (already reported): references are left
    /// as written rather than reported a second time.
    pub support_failed: bool,
    /// The words facts are written in.
    pub strings: &'a Strings,
}

fn plain(text: impl Into<String>) -> Fact {
    Fact {
        text: text.into(),
        href: None,
    }
}

impl FactResolver for SupportFacts<'_> {
    fn resolve(&self, key: &str) -> Result<Fact, String> {
        let Some(s) = self.support else {
            if self.support_failed {
                return Ok(plain(format!("{{{{support:{key}}}}}")));
            }
            return Err(
                "the site has no support.yaml; create one (see the README) or remove the reference"
                    .into(),
            );
        };
        let parts: Vec<&str> = key.split('.').collect();
        let known = || known_keys(s).join(", ");
        let fact = match parts.as_slice() {
            ["hours"] => plain(describe_week(s.default_schedule(), self.strings)),
            ["hours", name] => plain(describe_week(
                s.schedules.get(*name).ok_or_else(|| {
                    format!(
                        "no schedule `{name}`; known: {}",
                        s.schedules.keys().cloned().collect::<Vec<_>>().join(", ")
                    )
                })?,
                self.strings,
            )),
            ["timezone"] => plain(s.timezone_label.clone()),
            ["page", which] => {
                let path = match *which {
                    "hours" => &s.pages.hours,
                    "sla" => &s.pages.sla,
                    "channels" => &s.pages.channels,
                    _ => return Err("pages are page.hours, page.sla and page.channels".into()),
                };
                Fact {
                    text: self.strings.get(&format!("fact.page.{which}"), &[]),
                    href: Some(format!("{}{path}", self.base_path)),
                }
            }
            ["tier", id, field] => {
                let t = s
                    .tier(id)
                    .ok_or_else(|| unknown("tier", id, s.tiers.iter().map(|t| t.id.as_str())))?;
                match *field {
                    "name" => plain(t.name.clone()),
                    "response" => plain(describe_response(t, self.strings)),
                    "price" => plain(t.price.clone().unwrap_or_default()),
                    "summary" => plain(t.summary.clone().unwrap_or_default()),
                    "link" => Fact {
                        text: t.name.clone(),
                        href: Some(format!("{}{}#tier-{}", self.base_path, s.pages.sla, t.id)),
                    },
                    _ => {
                        return Err(
                            "a tier's fields are name, response, price, summary and link".into(),
                        );
                    }
                }
            }
            ["channel", id, field] => {
                let c = s.channel(id).ok_or_else(|| {
                    unknown("channel", id, s.channels.iter().map(|c| c.id.as_str()))
                })?;
                match *field {
                    "name" => plain(c.name.clone()),
                    "address" => plain(c.address()),
                    "url" => plain(
                        c.url
                            .clone()
                            .ok_or("that channel has no url; use its address")?,
                    ),
                    "email" => plain(
                        c.email
                            .clone()
                            .ok_or("that channel has no email; use its address")?,
                    ),
                    "link" => Fact {
                        text: c.name.clone(),
                        href: Some(c.href()),
                    },
                    "address-link" => Fact {
                        text: c.address(),
                        href: Some(c.href()),
                    },
                    _ => return Err(
                        "a channel's fields are name, address, url, email, link and address-link"
                            .into(),
                    ),
                }
            }
            ["secure-access", field] => {
                let a = s
                    .secure_access
                    .as_ref()
                    .ok_or("support.yaml has no secure_access")?;
                match *field {
                    "name" => plain(a.name.clone()),
                    "url" => plain(a.url.clone()),
                    "link" => Fact {
                        text: a.name.clone(),
                        href: Some(a.url.clone()),
                    },
                    _ => return Err("secure-access's fields are name, url and link".into()),
                }
            }
            ["process", id, "name"] => {
                let p = s.processes.iter().find(|p| p.id == *id).ok_or_else(|| {
                    unknown("process", id, s.processes.iter().map(|p| p.id.as_str()))
                })?;
                Fact {
                    text: p.name.clone(),
                    href: Some(format!(
                        "{}{}#process-{}",
                        self.base_path, s.pages.sla, p.id
                    )),
                }
            }
            _ => return Err(format!("known references: {}", known())),
        };
        Ok(fact)
    }
}

fn unknown<'a>(what: &str, id: &str, known: impl Iterator<Item = &'a str>) -> String {
    let known: Vec<&str> = known.collect();
    match crate::diagnostics::closest(id, &known) {
        Some(best) => format!("there is no {what} `{id}`; did you mean `{best}`?"),
        None => format!("there is no {what} `{id}`; known: {}", known.join(", ")),
    }
}

/// Every reference that resolves, for hints and the README.
pub(crate) fn known_keys(s: &Support) -> Vec<String> {
    let mut keys = vec![
        "hours".to_string(),
        "timezone".into(),
        "page.hours".into(),
        "page.sla".into(),
        "page.channels".into(),
    ];
    for t in &s.tiers {
        for f in ["name", "response", "price", "summary", "link"] {
            keys.push(format!("tier.{}.{f}", t.id));
        }
    }
    for c in &s.channels {
        for f in ["name", "address", "link", "address-link"] {
            keys.push(format!("channel.{}.{f}", c.id));
        }
    }
    if s.secure_access.is_some() {
        keys.extend([
            "secure-access.name".into(),
            "secure-access.url".into(),
            "secure-access.link".into(),
        ]);
    }
    keys
}
