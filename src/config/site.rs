//! The site as a whole: its title, address, language, theme, markdown and
//! feed settings, and the `Config` that holds every part.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::{
    CheckConfig, FeedbackConfig, HostingConfig, LanguageConfig, LinksConfig, NavEntry,
    SearchConfig, SlugsConfig,
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Shown in the header, the page titles and the feed.
    pub title: String,
    /// The home page's description and the default meta description.
    pub description: String,
    /// Where the site is published; a sub-path (`https://example.com/help/`) is honoured.
    pub base_url: String,
    /// BCP 47 language of the content (`en`); drives `<html lang>`, the
    /// interface text and the stemmer. Its pages are served at the root.
    pub language: String,
    /// The other languages, each served at `/CODE/` from translations beside
    /// their sources (`faq.ru.md`); see `pipeline::layout`.
    #[serde(deserialize_with = "super::languages::languages")]
    pub languages: std::collections::BTreeMap<String, LanguageConfig>,
    /// Theme folder under `themes/`; `default` is built in.
    pub theme: String,
    pub markdown: MarkdownConfig,
    pub feed: FeedConfig,
    pub check: CheckConfig,
    pub search: SearchConfig,
    /// How URLs and heading anchors are made from names (slug.rs).
    pub slugs: SlugsConfig,
    pub links: LinksConfig,
    /// The header's links, in order (templates/nav.rs); unset, the top
    /// sections that fit one line.
    pub nav: Option<Vec<NavEntry>>,
    /// Files for the host and for machines: `_redirects`, `_headers`,
    /// `llms.txt`, markdown copies of the articles (output/host_files.rs).
    pub hosting: HostingConfig,
    /// "Was this article helpful?" and search events, sent where the site
    /// says (opt-in: without `endpoint` or `analytics`, nothing is sent).
    pub feedback: FeedbackConfig,
    /// Free-form values for templates, as `config.extra`.
    pub extra: serde_yaml::Mapping,
    /// The file the settings were read from, for the lines of later findings.
    #[serde(skip)]
    pub(super) source: Source,
}

/// Where a configuration was read from, and its text (kept to find a key's
/// line without reading the file again).
#[derive(Debug, Clone, Default)]
pub(super) struct Source {
    pub(super) path: PathBuf,
    pub(super) text: Arc<str>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Support Center".into(),
            description: String::new(),
            base_url: "/".into(),
            language: "en".into(),
            languages: Default::default(),
            theme: "default".into(),
            markdown: MarkdownConfig::default(),
            feed: FeedConfig::default(),
            check: CheckConfig::default(),
            search: SearchConfig::default(),
            slugs: SlugsConfig::default(),
            links: LinksConfig::default(),
            nav: None,
            hosting: HostingConfig::default(),
            feedback: FeedbackConfig::default(),
            extra: serde_yaml::Mapping::new(),
            source: Source::default(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Curly quotes, en and em dashes, ellipses.
    pub smart_punctuation: bool,
    /// Highlight fenced code with syntect (into CSS classes).
    pub highlight_code: bool,
    /// syntect theme for the light colour scheme.
    pub highlight_theme_light: String,
    /// syntect theme for the dark colour scheme.
    pub highlight_theme_dark: String,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: true,
            highlight_code: true,
            highlight_theme_light: "InspiredGitHub".into(),
            highlight_theme_dark: "base16-ocean.dark".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedConfig {
    /// Generate `atom.xml` of recently updated articles.
    pub enabled: bool,
    /// How many articles the feed lists.
    pub limit: usize,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig {
            enabled: true,
            limit: 20,
        }
    }
}

impl Config {
    /// The path part of `base_url`, always starting and ending with `/`
    /// (`/` or `/help/`): every link in the output starts with it.
    pub fn base_path(&self) -> String {
        base_path_of(&self.base_url)
    }

    /// The line of `key` in the file the configuration was read from, if it
    /// is written there.
    pub fn key_line_of(&self, key: &str) -> Option<usize> {
        crate::yaml::key_line(&self.source.text, key)
    }

    /// The line of `key`, or 1 when it is not written (a default).
    pub fn key_line(&self, key: &str) -> usize {
        self.key_line_of(key).unwrap_or(1)
    }

    /// `d` placed at `key`'s value in the file the configuration was read
    /// from (at its line and column; line 1 when the key is not written).
    pub fn locate(
        &self,
        d: crate::diagnostics::Diagnostic,
        key: &str,
    ) -> crate::diagnostics::Diagnostic {
        let (line, column) = crate::yaml::key_position(&self.source.text, key).unwrap_or((1, 1));
        d.at(&self.source.path).line_col(line, column)
    }

    /// The file's text, as read.
    pub fn text(&self) -> &str {
        &self.source.text
    }

    /// The file the configuration was read from.
    pub fn path(&self) -> &Path {
        &self.source.path
    }
}

/// The `scheme://host[:port]` of an absolute URL (`https://a.b:8080/x?y` →
/// `https://a.b:8080`); `None` for a path or a URL without a host.
pub(crate) fn origin_of(url: &str) -> Option<&str> {
    let rest = url.find("://").map(|i| i + 3)?;
    let end = url[rest..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |j| rest + j);
    (end > rest).then(|| &url[..end])
}

/// The path part of a normalised base URL (`https://a.b/help/` → `/help/`).
pub(crate) fn base_path_of(base_url: &str) -> String {
    let rest = match base_url.find("://") {
        Some(i) => &base_url[i + 3..],
        None => return base_url.to_string(),
    };
    match rest.find('/') {
        Some(i) => rest[i..].to_string(),
        None => "/".into(),
    }
}

/// Accepts `https://host[/path]`, `http://…` or a bare path (`/`, `/help/`), and
/// always returns it with a trailing slash.
pub(crate) fn normalize_base_url(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok("/".into());
    }
    let ok_scheme = raw.starts_with("https://") || raw.starts_with("http://");
    if !ok_scheme && !raw.starts_with('/') {
        return Err(format!(
            "base_url `{raw}` must start with https://, http:// or /"
        ));
    }
    if raw.contains(['?', '#', ' ', '"', '<', '>']) {
        return Err(format!(
            "base_url `{raw}` must not contain a query, fragment, space or quote"
        ));
    }
    if ok_scheme
        && raw
            .split("://")
            .nth(1)
            .is_none_or(|h| h.is_empty() || h.starts_with('/'))
    {
        return Err(format!("base_url `{raw}` has no host name"));
    }
    let mut s = raw.to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_of_sub_path_site() {
        let c = Config {
            base_url: "https://example.com/help/".into(),
            ..Config::default()
        };
        assert_eq!(c.base_path(), "/help/");
        let c = Config {
            base_url: "https://example.com/".into(),
            ..Config::default()
        };
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn origins_of_urls() {
        assert_eq!(origin_of("https://a.b:8080/x?y"), Some("https://a.b:8080"));
        assert_eq!(origin_of("https://a.b"), Some("https://a.b"));
        assert_eq!(origin_of("https://"), None);
        assert_eq!(origin_of("/help/"), None);
    }

    #[test]
    fn base_url_is_normalised_and_checked() {
        assert_eq!(
            normalize_base_url("https://a.b/help").unwrap(),
            "https://a.b/help/"
        );
        assert!(normalize_base_url("example.com").is_err());
        assert!(normalize_base_url("https:///x").is_err());
    }
}
