//! `helpsite.yaml`: the site's settings. Every key has a default so a minimal file
//! (`title:` alone) is a working site; unknown keys are errors with a suggestion.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

pub const CONFIG_FILE: &str = "helpsite.yaml";

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
    #[serde(deserialize_with = "languages")]
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
    /// `llms.txt`, markdown copies of the articles (output/hosting.rs).
    pub hosting: HostingConfig,
    /// "Was this article helpful?" and search events, sent where the site
    /// says (opt-in: without `endpoint` or `analytics`, nothing is sent).
    pub feedback: FeedbackConfig,
    /// Free-form values for templates, as `config.extra`.
    pub extra: serde_yaml::Mapping,
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
        }
    }
}

/// One of `languages:`; every key is optional (`ru: {}` or `ru:` alone).
#[derive(Debug, Clone, Default, Deserialize, Hash)]
#[serde(deny_unknown_fields, default)]
pub struct LanguageConfig {
    /// The site's title in this language (the default language's otherwise).
    pub title: Option<String>,
    /// The site's description in this language.
    pub description: Option<String>,
    /// Also publish the default language's articles not yet translated, with
    /// a notice saying so (otherwise a language lists only its translations).
    pub fallback: bool,
}

/// `languages:` where a language may be written without settings (`ru:`).
fn languages<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, LanguageConfig>, D::Error> {
    let raw: std::collections::BTreeMap<String, Option<LanguageConfig>> =
        Deserialize::deserialize(d)?;
    Ok(raw
        .into_iter()
        .map(|(k, v)| (k, v.unwrap_or_default()))
        .collect())
}

/// Whether `code` is a language tag helpsite can serve at `/CODE/`: a
/// two- or three-letter language, optionally with subtags (`pt-BR`, `zh-Hant`).
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
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

#[derive(Debug, Clone, Copy, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HostingConfig {
    /// `_redirects` (Netlify, Cloudflare Pages, GitLab Pages): a 301 per alias.
    pub redirects: bool,
    /// `_headers`: caching per kind of file, and the security headers.
    pub headers: bool,
    /// `/llms.txt`: the site's articles listed for language models.
    pub llms_txt: bool,
    /// `index.html.md` beside each searchable article: its markdown, plain.
    pub markdown_copies: bool,
}

impl Default for HostingConfig {
    fn default() -> Self {
        HostingConfig {
            redirects: true,
            headers: true,
            llms_txt: true,
            markdown_copies: true,
        }
    }
}

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

/// One link of the header's `nav:` list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NavEntry {
    /// A content folder (`billing`, `addons/seo`), titled by its section
    /// unless `label` says otherwise.
    Section {
        dir: String,
        label: Option<NavLabel>,
    },
    /// Any URL: `https://…`, or `/path/` below the site's base path.
    Url { url: String, label: NavLabel },
}

/// The text of a `nav:` link: `label: Status`, or one per language code
/// (`label: {en: Status, ru: Статус}`), which must include the default
/// language's (a language without its own shows that one).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NavLabel {
    Same(String),
    PerLanguage(std::collections::BTreeMap<String, String>),
}

impl NavLabel {
    /// The text in `language` (an unresolved per-language label only has
    /// the languages it names: `Layout::apply` resolves it).
    pub fn text_in(&self, language: &str) -> Option<&str> {
        match self {
            NavLabel::Same(text) => Some(text),
            NavLabel::PerLanguage(texts) => texts.get(language).map(String::as_str),
        }
    }

    /// The label as `language` shows it: its own text, else the default
    /// language's.
    pub fn resolve(&mut self, language: &str, default: &str) {
        if let NavLabel::PerLanguage(texts) = self
            && let Some(text) = texts.get(language).or_else(|| texts.get(default))
        {
            *self = NavLabel::Same(text.clone());
        }
    }
}

impl NavEntry {
    /// The text the entry was written with, to find its line in helpsite.yaml.
    pub fn written(&self) -> &str {
        match self {
            NavEntry::Section { dir, .. } => dir,
            NavEntry::Url { url, .. } => url,
        }
    }
}

/// What a `nav:` entry may be, said in every error about one.
const NAV_ENTRY_FORMS: &str = "a nav entry is a content folder (`- billing`), \
`- {section: billing, label: Payments}` or `- {url: https://status.example.com, label: Status}` \
(a label may be one per language: `label: {en: Status, ru: Статус}`)";

/// A `nav:` entry that cannot be: worded as serde's own bad values so that
/// the message reads as one (yaml.rs).
fn bad<'de, D: serde::Deserializer<'de>>(message: impl std::fmt::Display) -> D::Error {
    <D::Error as serde::de::Error>::custom(format!("invalid value: {message}"))
}

impl<'de> Deserialize<'de> for NavEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde_yaml::Value;
        let text = |v: &Value| match v {
            Value::String(s) => Some(s.trim().to_string()),
            _ => None,
        };
        match Value::deserialize(d)? {
            Value::String(dir) => Ok(NavEntry::Section {
                dir: dir.trim().trim_matches('/').to_string(),
                label: None,
            }),
            Value::Mapping(m) => {
                let mut section = None;
                let mut url = None;
                let mut label = None;
                for (k, v) in &m {
                    let key = text(k).unwrap_or_default();
                    if key == "label"
                        && let Value::Mapping(texts) = v
                    {
                        let mut per_language = std::collections::BTreeMap::new();
                        for (code, t) in texts {
                            match (text(code), text(t)) {
                                (Some(code), Some(t)) if !code.is_empty() && !t.is_empty() => {
                                    per_language.insert(code, t);
                                }
                                _ => {
                                    return Err(bad::<D>(
                                        "a nav label per language maps language codes to non-empty text, such as `label: {en: Status, ru: Статус}`",
                                    ));
                                }
                            }
                        }
                        if per_language.is_empty() {
                            return Err(bad::<D>("`label` in a nav entry must be non-empty text"));
                        }
                        label = Some(NavLabel::PerLanguage(per_language));
                        continue;
                    }
                    let slot = match key.as_str() {
                        "section" => &mut section,
                        "url" => &mut url,
                        "label" => {
                            match text(v) {
                                Some(t) if !t.is_empty() => label = Some(NavLabel::Same(t)),
                                _ => {
                                    return Err(bad::<D>(
                                        "`label` in a nav entry must be non-empty text",
                                    ));
                                }
                            }
                            continue;
                        }
                        other => {
                            return Err(bad::<D>(format!(
                                "unknown key `{other}` in a nav entry: {NAV_ENTRY_FORMS}"
                            )));
                        }
                    };
                    match text(v) {
                        Some(t) if !t.is_empty() => *slot = Some(t),
                        _ => {
                            return Err(bad::<D>(format!(
                                "`{key}` in a nav entry must be non-empty text"
                            )));
                        }
                    }
                }
                match (section, url, label) {
                    (Some(dir), None, label) => Ok(NavEntry::Section {
                        dir: dir.trim_matches('/').to_string(),
                        label,
                    }),
                    (None, Some(url), Some(label)) => {
                        let scheme = url.starts_with("https://") || url.starts_with("http://");
                        if !scheme && !url.starts_with('/') {
                            return Err(bad::<D>(format!(
                                "nav url `{url}` must start with https://, http:// or / (a path in this site)"
                            )));
                        }
                        Ok(NavEntry::Url { url, label })
                    }
                    (None, Some(url), None) => Err(bad::<D>(format!(
                        "the nav entry for `{url}` needs a `label:` (the text of the link)"
                    ))),
                    (Some(_), Some(_), _) => Err(bad::<D>(format!(
                        "a nav entry has either `section:` or `url:`, not both: {NAV_ENTRY_FORMS}"
                    ))),
                    (None, None, _) => Err(bad::<D>(NAV_ENTRY_FORMS)),
                }
            }
            _ => Err(bad::<D>(NAV_ENTRY_FORMS)),
        }
    }
}

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

impl Config {
    /// Reads `helpsite.yaml` from `site_dir`; a missing file is an error because a
    /// folder without one is almost always the wrong folder.
    pub fn load(site_dir: &Path) -> Result<Config, Diagnostic> {
        let path = site_dir.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Diagnostic::error(
                    "missing-config",
                    format!("no {CONFIG_FILE} in {}", site_dir.display()),
                )
                .at(&path)
                .hint("run helpsite in the site's folder, pass --site DIR, or create one with `helpsite init DIR`"));
            }
            Err(e) => {
                return Err(
                    Diagnostic::error("io", format!("cannot read {CONFIG_FILE}: {e}")).at(&path),
                );
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut config: Config = if text.trim().is_empty() {
            Config::default()
        } else {
            crate::yaml::parse(text, &path, 1, CONFIG_FILE)?
        };
        config.base_url = normalize_base_url(&config.base_url).map_err(|msg| {
            let line = crate::yaml::key_line(text, "base_url").unwrap_or(1);
            Diagnostic::error("invalid-value", msg)
                .at(&path)
                .line(line)
                .hint("write it as https://example.com/ or https://example.com/help/")
        })?;
        if let Some(endpoint) = &config.feedback.endpoint {
            let scheme = endpoint.starts_with("https://") || endpoint.starts_with("http://");
            let bad = if !scheme && !endpoint.starts_with('/') {
                Some("must start with https://, http:// or / (a path on this site)")
            } else if endpoint.contains([' ', '"', '<', '>', '\'', '`']) {
                Some("must not contain spaces or quotes")
            } else if scheme && config.feedback.endpoint_origin().is_none() {
                Some("has no host name")
            } else {
                None
            };
            if let Some(why) = bad {
                let line = crate::yaml::key_line(text, "endpoint").unwrap_or(1);
                return Err(Diagnostic::error(
                    "invalid-value",
                    format!("feedback endpoint `{endpoint}` {why}"),
                )
                .at(&path)
                .line(line)
                .hint("write the collector's full address, such as `https://feedback.example.com/events`"));
            }
        }
        for code in std::iter::once(&config.language).chain(config.languages.keys()) {
            let line = || {
                crate::yaml::key_line(text, code)
                    .or_else(|| crate::yaml::key_line(text, "language"))
                    .unwrap_or(1)
            };
            if !is_language_code(code) {
                return Err(Diagnostic::error(
                    "invalid-value",
                    format!("`{code}` is not a language code"),
                )
                .at(&path)
                .line(line())
                .hint("write a language code such as `en`, `ru`, `pt-BR` or `zh-Hant`"));
            }
        }
        if config.languages.contains_key(&config.language) {
            let line = crate::yaml::key_line(text, &config.language).unwrap_or(1);
            return Err(Diagnostic::error(
                "invalid-value",
                format!(
                    "`{}` is the default language and also listed under `languages:`",
                    config.language
                ),
            )
            .at(&path)
            .line(line)
            .hint("`languages:` lists only the other languages; remove this one from it"));
        }
        for entry in config.nav.iter().flatten() {
            let (NavEntry::Section {
                label: Some(NavLabel::PerLanguage(texts)),
                ..
            }
            | NavEntry::Url {
                label: NavLabel::PerLanguage(texts),
                ..
            }) = entry
            else {
                continue;
            };
            let languages: Vec<&str> = std::iter::once(config.language.as_str())
                .chain(config.languages.keys().map(String::as_str))
                .collect();
            // The entry's line below `nav:`, then the code's below it.
            let line = |code: Option<&str>| {
                let nav = crate::yaml::key_line(text, "nav").unwrap_or(1);
                let find = |from: usize, needle: &str| {
                    text.lines()
                        .enumerate()
                        .skip(from)
                        .find(|(_, l)| l.contains(needle))
                        .map(|(i, _)| i + 1)
                };
                let entry = find(nav, entry.written()).unwrap_or(nav);
                code.and_then(|c| find(entry - 1, &format!("{c}:")))
                    .unwrap_or(entry)
            };
            if let Some(code) = texts.keys().find(|c| !languages.contains(&c.as_str())) {
                return Err(Diagnostic::error(
                    "invalid-value",
                    format!(
                        "the nav label of `{}` is given in `{code}`, which is not one of the site's languages ({})",
                        entry.written(),
                        languages.join(", ")
                    ),
                )
                .at(&path)
                .line(line(Some(code)))
                .hint("add the language under `languages:`, or remove its label"));
            }
            if !texts.contains_key(&config.language) {
                return Err(Diagnostic::error(
                    "invalid-value",
                    format!(
                        "the nav label of `{}` has no text in the default language `{}`",
                        entry.written(),
                        config.language
                    ),
                )
                .at(&path)
                .line(line(None))
                .hint(format!(
                    "add `{}: …` to the label: it is shown in every language without a label of its own",
                    config.language
                )));
            }
        }
        if config.feedback.reasons.iter().any(|r| r.trim().is_empty()) {
            let line = crate::yaml::key_line(text, "reasons").unwrap_or(1);
            return Err(Diagnostic::error("invalid-value", "a feedback reason is empty")
                .at(&path)
                .line(line)
                .hint("list short sentences, such as `reasons: [It was hard to follow, It is out of date]`"));
        }
        Ok(config)
    }

    /// The path part of `base_url`, always starting and ending with `/`
    /// (`/` or `/help/`): every link in the output starts with it.
    pub fn base_path(&self) -> String {
        base_path_of(&self.base_url)
    }
}

/// The `scheme://host[:port]` of an absolute URL (`https://a.b:8080/x?y` →
/// `https://a.b:8080`); `None` for a path or a URL without a host.
pub fn origin_of(url: &str) -> Option<&str> {
    let rest = url.find("://").map(|i| i + 3)?;
    let end = url[rest..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |j| rest + j);
    (end > rest).then(|| &url[..end])
}

/// The path part of a normalised base URL (`https://a.b/help/` → `/help/`).
pub fn base_path_of(base_url: &str) -> String {
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
pub fn normalize_base_url(raw: &str) -> Result<String, String> {
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
