//! `nav:`: the header's links, each a content folder or any URL, with labels
//! that may differ per language.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

use super::Config;

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

/// Every per-language label names only the site's languages and has text in
/// the default one.
pub(super) fn problems(config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let text = config.text();
    let languages: Vec<&str> = std::iter::once(config.language.as_str())
        .chain(config.languages.keys().map(String::as_str))
        .collect();
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
        // The entry's line below `nav:`, then the code's below it.
        let line = |code: Option<&str>| {
            let nav = config.key_line("nav");
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
            out.push(
                Diagnostic::error(
                    "invalid-value",
                    format!(
                        "the nav label of `{}` is given in `{code}`, which is not one of the site's languages ({})",
                        entry.written(),
                        languages.join(", ")
                    ),
                )
                .at(config.path())
                .line(line(Some(code)))
                .hint("add the language under `languages:`, or remove its label"),
            );
        }
        if !texts.contains_key(&config.language) {
            out.push(
                Diagnostic::error(
                    "invalid-value",
                    format!(
                        "the nav label of `{}` has no text in the default language `{}`",
                        entry.written(),
                        config.language
                    ),
                )
                .at(config.path())
                .line(line(None))
                .hint(format!(
                    "add `{}: …` to the label: it is shown in every language without a label of its own",
                    config.language
                )),
            );
        }
    }
    out
}
