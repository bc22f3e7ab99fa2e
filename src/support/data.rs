//! `support.yaml`: the support data as the site uses it, and `load`, which
//! reads the file (serde checks its shape: raw.rs) and then each part
//! (validate.rs: zones, times, dates, ranges, references), locating every
//! mistake on its line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::duration::Target;
use super::raw::RawSupport;
use super::schedule::{Holiday, Schedule};
use super::validate::{self, Checker};
use crate::diagnostics::Diagnostic;

pub const SUPPORT_FILE: &str = "support.yaml";

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
    /// Whether it is the help desk (listed first), decided from support.yaml's
    /// words so that a translated `kind` cannot change it.
    pub is_help_desk: bool,
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
    let mut c = Checker::new(&text);
    let (tz, timezone_label) = validate::zone(&mut c, &raw.timezone);
    let holidays = validate::holidays(&mut c, &raw.holidays);
    let schedules = validate::schedules(&mut c, &raw.hours, &raw.schedules, &tz, &holidays);
    let tiers = validate::tiers(&mut c, &raw.tiers);
    let tier_ids: Vec<&str> = raw.tiers.iter().map(|t| t.id.as_str()).collect();
    let processes = validate::processes(&mut c, &raw.processes, &tier_ids);
    let channels = validate::channels(&mut c, &raw.channels, &tier_ids, &schedules);
    let secure_access = validate::secure_access(&mut c, raw.secure_access);
    let pages = validate::pages(&mut c, &raw.pages);
    if !c.errors.is_empty() {
        return Err(c
            .errors
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
        pages,
        schedules,
        holidays,
        tiers,
        processes,
        channels,
        secure_access,
    }))
}
