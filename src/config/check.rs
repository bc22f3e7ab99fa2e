//! `check:`: how `helpsite check` reviews the content (review dates, lint levels).

use serde::Deserialize;

/// How seriously `helpsite check` takes a lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LintLevel {
    Error,
    Warning,
    Off,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CheckConfig {
    /// An article whose `reviewed` date is older than this many days is stale;
    /// unset, reviews are not tracked (no `stale-content`, no `never-reviewed`).
    pub review_interval_days: Option<i64>,
    /// Lint name → level, overriding the defaults (see `check::LINTS`).
    pub lints: std::collections::BTreeMap<String, LintLevel>,
}
