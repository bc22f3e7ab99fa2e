//! `feedback:`: "Was this article helpful?" and search events, where they
//! are sent, and the reasons offered after "No".

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

use super::{Config, origin_of};

#[derive(Debug, Clone, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedbackConfig {
    /// Where votes and search events are POSTed as JSON (`navigator.sendBeacon`).
    pub endpoint: Option<String>,
    /// An analytics script the site already loads, sent the same events.
    pub analytics: Option<Analytics>,
    /// The reasons a reader may pick after "No".
    pub reasons: Vec<String>,
}

impl Default for FeedbackConfig {
    fn default() -> Self {
        FeedbackConfig {
            endpoint: None,
            analytics: None,
            reasons: vec![
                "It did not answer my question".into(),
                "It was hard to follow".into(),
                "It is out of date or wrong".into(),
                "Something is missing".into(),
            ],
        }
    }
}

impl FeedbackConfig {
    /// Where a preview's pages send feedback and search events: `helpsite
    /// serve` keeps them, and gives them back as JSON lines for `insights`.
    pub const PREVIEW_ENDPOINT: &str = "/__helpsite/feedback";

    /// Whether pages ask for feedback and report searches at all.
    pub fn enabled(&self) -> bool {
        self.endpoint.is_some() || self.analytics.is_some()
    }

    /// The endpoint's `scheme://host[:port]`, which the pages' security policy
    /// lets scripts send to (`None` for a path on this site).
    pub fn endpoint_origin(&self) -> Option<&str> {
        origin_of(self.endpoint.as_deref()?)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Analytics {
    Plausible,
    Gtag,
    Matomo,
}

/// The endpoint is an address scripts can send to, and no reason is empty.
pub(super) fn problems(config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let feedback = &config.feedback;
    if let Some(endpoint) = &feedback.endpoint {
        let scheme = endpoint.starts_with("https://") || endpoint.starts_with("http://");
        let bad = if !scheme && !endpoint.starts_with('/') {
            Some("must start with https://, http:// or / (a path on this site)")
        } else if endpoint.contains([' ', '"', '<', '>', '\'', '`']) {
            Some("must not contain spaces or quotes")
        } else if scheme && feedback.endpoint_origin().is_none() {
            Some("has no host name")
        } else {
            None
        };
        if let Some(why) = bad {
            out.push(config.locate(
                Diagnostic::error(
                    "invalid-value",
                    format!("feedback endpoint `{endpoint}` {why}"),
                )
                .hint("write the collector's full address, such as `https://feedback.example.com/events`"),
                "endpoint",
            ));
        }
    }
    if feedback.reasons.iter().any(|r| r.trim().is_empty()) {
        out.push(config.locate(
            Diagnostic::error("invalid-value", "a feedback reason is empty")
                .hint("list short sentences, such as `reasons: [It was hard to follow, It is out of date]`"),
            "reasons",
        ));
    }
    out
}
