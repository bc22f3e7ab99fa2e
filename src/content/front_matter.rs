//! Front matter: the YAML block between `---` lines at the top of an article or
//! `_index.md`. Splitting keeps track of line numbers so every error points at the
//! line of the whole file.

use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use crate::diagnostics::Diagnostic;

/// The keys an article may set; anything else is an error.
#[derive(Debug, Clone, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Replaces the file name as the last URL segment.
    #[serde(default)]
    pub slug: Option<String>,
    /// Lower comes first; articles without a weight follow, by title.
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    /// `YYYY-MM-DD`: when the content last changed (shown, and drives the feed).
    #[serde(default)]
    pub updated: Option<String>,
    /// `YYYY-MM-DD`: when someone last confirmed the article is still right.
    #[serde(default)]
    pub reviewed: Option<String>,
    /// Old URLs that should redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A template other than `article.html`.
    #[serde(default)]
    pub template: Option<String>,
    /// Every `##` heading is a question, the text under it its answer.
    #[serde(default)]
    pub faq: bool,
    /// Words customers search with that the article may not use ("chargeback"
    /// for a refunds article): search finds the article by them, weighted as
    /// its title, and they are never shown.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// `false` leaves the article out of search (it is still built and listed).
    #[serde(default = "yes")]
    pub search: bool,
    #[serde(default)]
    pub extra: serde_yaml::Mapping,
}

fn yes() -> bool {
    true
}

/// A folder without `_index.md`: no keys set, searched.
impl Default for SectionMeta {
    fn default() -> Self {
        SectionMeta {
            title: None,
            description: None,
            slug: None,
            weight: None,
            template: None,
            aliases: Vec::new(),
            search: true,
            extra: serde_yaml::Mapping::new(),
        }
    }
}

/// The keys a section's `_index.md` may set.
#[derive(Debug, Clone, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub template: Option<String>,
    /// Old addresses of the section's page (a moved or renamed folder).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `false` leaves every article below the section out of search.
    #[serde(default = "yes")]
    pub search: bool,
    #[serde(default)]
    pub extra: serde_yaml::Mapping,
}

/// A file split into its YAML block and its markdown body.
#[derive(Debug)]
pub(super) struct Split<'a> {
    /// The YAML text (without the `---` lines); `None` when the file has no front matter.
    pub yaml: Option<&'a str>,
    /// 1-based line where the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

/// Splits `text` (already free of BOM and CRLF) at its front matter delimiters.
pub(super) fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text == "---").then_some(""))
    else {
        return Ok(Split {
            yaml: None,
            yaml_line: 1,
            body: text,
            body_line: 1,
        });
    };
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok(Split {
                yaml: Some(&rest[..offset]),
                yaml_line: 2,
                body: &rest[offset + line.len()..],
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error("front-matter", "front matter is not closed")
            .at(path)
            .line_col(1, 1)
            .hint("end the YAML block with a line containing only `---`"),
    )
}

/// Parses an article's front matter, reporting a missing block or title clearly.
pub(super) fn parse_article(split: &Split, path: &Path) -> Result<ArticleMeta, Diagnostic> {
    let Some(yaml) = split.yaml else {
        return Err(
            Diagnostic::error("front-matter", "the article has no front matter")
                .at(path)
                .line_col(1, 1)
                .hint("start the file with `---`, a line `title: …`, and `---`"),
        );
    };
    if yaml.trim().is_empty() {
        return Err(
            Diagnostic::error("missing-key", "front matter has no `title`")
                .at(path)
                .line_col(1, 1)
                .hint("add a line `title: …` between the `---` lines"),
        );
    }
    let meta: ArticleMeta = crate::yaml::parse(yaml, path, split.yaml_line, "front matter")?;
    if meta.title.trim().is_empty() {
        let line = crate::yaml::key_line(yaml, "title").map_or(1, |l| l + split.yaml_line - 1);
        return Err(Diagnostic::error("missing-key", "the title is empty")
            .at(path)
            .line(line)
            .hint("give the article a title"));
    }
    Ok(meta)
}

/// Parses a section's `_index.md` front matter; the block itself is optional.
pub(super) fn parse_section(split: &Split, path: &Path) -> Result<SectionMeta, Diagnostic> {
    match split.yaml {
        Some(yaml) if !yaml.trim().is_empty() => {
            crate::yaml::parse(yaml, path, split.yaml_line, "front matter")
        }
        _ => Ok(SectionMeta::default()),
    }
}

/// Parses a `YYYY-MM-DD` date (a full timestamp is cut to its date), naming the key
/// and its line when it is not one.
pub(super) fn parse_date(
    value: &str,
    key: &str,
    yaml: &str,
    yaml_line: usize,
    path: &Path,
) -> Result<Date, Diagnostic> {
    let v = value.trim();
    let date_part = if v.len() > 10 && matches!(v.as_bytes()[10], b'T' | b' ') {
        &v[..10]
    } else {
        v
    };
    date_part.parse::<Date>().map_err(|_| {
        let line = crate::yaml::key_line(yaml, key).map_or(yaml_line, |l| l + yaml_line - 1);
        Diagnostic::error("invalid-date", format!("`{key}: {v}` is not a date"))
            .at(path)
            .line(line)
            .hint("write dates as YYYY-MM-DD, for example 2026-03-31")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_counts_body_line_in_whole_file() {
        let s = split("---\ntitle: A\n---\nbody\n", Path::new("a.md")).unwrap();
        assert_eq!(s.yaml, Some("title: A\n"));
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unclosed_block_is_an_error_at_line_one() {
        let e = split("---\ntitle: A\nbody\n", Path::new("a.md")).unwrap_err();
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn yaml_errors_count_lines_from_top_of_file() {
        let text = "---\ntitle: A\nweight: [\n---\n";
        let s = split(text, Path::new("a.md")).unwrap();
        let e = parse_article(&s, Path::new("a.md")).unwrap_err();
        assert!(e.line.unwrap() >= 3, "{e}");
    }

    #[test]
    fn bad_date_names_its_line() {
        let yaml = "title: A\nupdated: 2024-13-45\n";
        let e = parse_date("2024-13-45", "updated", yaml, 2, Path::new("a.md")).unwrap_err();
        assert_eq!(e.line, Some(3));
    }
}
