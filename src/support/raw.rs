//! The shape of `support.yaml` as serde reads it: unknown keys and wrong
//! types are refused here, with their lines; what serde cannot check
//! (zones, times, dates, references) is `validate.rs`'s.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSupport {
    pub(super) timezone: String,
    #[serde(default)]
    pub(super) pages: RawPages,
    pub(super) hours: RawWeek,
    #[serde(default)]
    pub(super) schedules: BTreeMap<String, RawWeek>,
    #[serde(default)]
    pub(super) holidays: Vec<RawHoliday>,
    #[serde(default)]
    pub(super) tiers: Vec<RawTier>,
    #[serde(default)]
    pub(super) processes: Vec<RawProcess>,
    #[serde(default)]
    pub(super) channels: Vec<RawChannel>,
    #[serde(default)]
    pub(super) secure_access: Option<RawSecureAccess>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawPages {
    pub(super) hours: String,
    pub(super) sla: String,
    pub(super) channels: String,
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
pub(super) struct RawWeek {
    #[serde(default, alias = "mon")]
    pub(super) monday: Vec<String>,
    #[serde(default, alias = "tue")]
    pub(super) tuesday: Vec<String>,
    #[serde(default, alias = "wed")]
    pub(super) wednesday: Vec<String>,
    #[serde(default, alias = "thu")]
    pub(super) thursday: Vec<String>,
    #[serde(default, alias = "fri")]
    pub(super) friday: Vec<String>,
    #[serde(default, alias = "sat")]
    pub(super) saturday: Vec<String>,
    #[serde(default, alias = "sun")]
    pub(super) sunday: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHoliday {
    pub(super) name: String,
    #[serde(default)]
    pub(super) date: Option<String>,
    #[serde(default)]
    pub(super) from: Option<String>,
    #[serde(default)]
    pub(super) to: Option<String>,
    #[serde(default)]
    pub(super) hours: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawResponse {
    One(String),
    /// Priority → target, in the order written (serde_yaml's mapping keeps it).
    PerPriority(serde_yaml::Mapping),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTier {
    pub(super) id: String,
    pub(super) name: String,
    #[serde(default)]
    pub(super) price: Option<String>,
    #[serde(default)]
    pub(super) summary: Option<String>,
    #[serde(default)]
    pub(super) covers: Vec<String>,
    #[serde(default)]
    pub(super) excludes: Vec<String>,
    #[serde(default)]
    pub(super) response: Option<RawResponse>,
    /// Shown when `response` is not a fixed target ("agreed per incident").
    #[serde(default)]
    pub(super) response_note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProcess {
    pub(super) id: String,
    pub(super) name: String,
    #[serde(default)]
    pub(super) summary: Option<String>,
    pub(super) steps: Vec<RawStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    pub(super) name: String,
    #[serde(default)]
    pub(super) duration: Option<String>,
    #[serde(default)]
    pub(super) text: Option<String>,
    #[serde(default)]
    pub(super) tier: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChannel {
    pub(super) id: String,
    pub(super) name: String,
    #[serde(default)]
    pub(super) kind: Option<String>,
    #[serde(default, rename = "for")]
    pub(super) purpose: Option<String>,
    #[serde(default)]
    pub(super) url: Option<String>,
    #[serde(default)]
    pub(super) email: Option<String>,
    #[serde(default)]
    pub(super) tiers: Vec<String>,
    #[serde(default)]
    pub(super) schedule: Option<String>,
    #[serde(default)]
    pub(super) note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSecureAccess {
    pub(super) name: String,
    pub(super) url: String,
    #[serde(default)]
    pub(super) text: Option<String>,
}
