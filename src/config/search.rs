//! `search:`: whether the site has search, and its synonyms.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// Build the search index, the search box and the /search/ page.
    pub enabled: bool,
    /// Groups of single words customers use for one thing
    /// (`[[refund, chargeback]]`); see search/synonyms.rs.
    pub synonyms: Vec<Vec<String>>,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            synonyms: Vec::new(),
        }
    }
}
