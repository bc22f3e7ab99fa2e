//! `slugs:` and `links:`: how URLs and anchors are made from names, and what
//! a broken link is.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SlugsConfig {
    /// `keep` (file and folder names as written) or `ascii` (lower-case words).
    pub paths: crate::slug::PathStyle,
    /// `github` (GitHub's heading anchors) or `ascii` (lower-case words).
    pub anchors: crate::slug::AnchorStyle,
}

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LinksConfig {
    /// What a link to a missing page, file or anchor is: `error` stops the
    /// build; `warning` builds and still lists every one with file:line
    /// (while a moved site's links are being fixed).
    pub broken: BrokenLinks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BrokenLinks {
    #[default]
    Error,
    Warning,
}
