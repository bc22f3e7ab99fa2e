//! `languages:`: the site's other languages, each served at `/CODE/`, and
//! the rule for a language code.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

use super::Config;

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
pub(super) fn languages<'de, D: serde::Deserializer<'de>>(
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
pub(crate) fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Every language code of the site is one helpsite can serve, and the
/// default language is not also listed under `languages:`.
pub(super) fn problems(config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for code in std::iter::once(&config.language).chain(config.languages.keys()) {
        if !is_language_code(code) {
            // A code under `languages:` is a key; the default one a value.
            let key = if config.key_line_of(code).is_some() {
                code
            } else {
                "language"
            };
            out.push(
                config.locate(
                    Diagnostic::error("invalid-value", format!("`{code}` is not a language code"))
                        .hint("write a language code such as `en`, `ru`, `pt-BR` or `zh-Hant`"),
                    key,
                ),
            );
        }
    }
    if config.languages.contains_key(&config.language) {
        out.push(
            Diagnostic::error(
                "invalid-value",
                format!(
                    "`{}` is the default language and also listed under `languages:`",
                    config.language
                ),
            )
            .hint("`languages:` lists only the other languages; remove this one from it")
            .at(config.path())
            .line(config.key_line(&config.language)),
        );
    }
    out
}
