//! Links between documents: a writer links to `../billing.md#refunds`, the page
//! gets `/help/billing/#refunds`. A link to a missing article, asset or draft is
//! an error naming what was meant; anchors are checked once every page is rendered.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

use super::{Content, Doc};
use crate::diagnostics::closest;
use crate::markdown::{LinkResolver, LinkTarget};

/// Characters escaped in a URL path segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'%')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

/// Percent-encodes a path below the base path, segment by segment.
pub(crate) fn encode_path(path: &str) -> String {
    path.split('/')
        .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// Resolves links written in one document.
pub(crate) struct DocLinks<'a> {
    pub content: &'a Content,
    /// The document the links are written in.
    pub doc: Doc,
    /// Its folder relative to `content/` (`""` at the root).
    pub dir: &'a str,
    pub base_path: &'a str,
    /// In a translation: the default language's site, where its links to
    /// pages not translated go, and where the files beside the articles are.
    pub elsewhere: Option<&'a Elsewhere<'a>>,
}

/// The default language's content and base path, seen from a translation.
pub(crate) struct Elsewhere<'a> {
    pub content: &'a Content,
    pub base_path: &'a str,
    /// The translation's language, for messages.
    pub language: &'a str,
}

impl LinkResolver for DocLinks<'_> {
    fn resolve(&self, dest: &str, _is_image: bool) -> LinkTarget {
        if dest.is_empty() || dest.starts_with('/') || dest.starts_with("//") || has_scheme(dest) {
            return LinkTarget::Keep;
        }
        let (path_part, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or("");
        if path_part.is_empty() {
            // `#anchor` on this page.
            return LinkTarget::Internal {
                url: dest.to_string(),
                doc: Some(self.doc),
                fragment: fragment.map(decode),
            };
        }
        let decoded = decode(path_part);
        let Some(target) = join(self.dir, &decoded) else {
            return LinkTarget::Broken {
                message: format!("link `{dest}` leaves the content folder"),
                hint: "link to an article inside content/, or use a full https:// address".into(),
            };
        };
        let frag_suffix = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        let doc = self
            .content
            .by_source
            .get(target.as_str())
            .copied()
            .or_else(|| {
                // `folder/` or `folder/index` style links to a section.
                self.content
                    .by_source
                    .get(target.trim_end_matches('/'))
                    .copied()
            });
        if let Some(doc) = doc {
            let path = match doc {
                Doc::Article(i) => &self.content.articles[i].path,
                Doc::Section(i) => &self.content.sections[i].path,
            };
            return LinkTarget::Internal {
                url: format!("{}{}{}", self.base_path, path, frag_suffix),
                doc: Some(doc),
                fragment: fragment.map(decode),
            };
        }
        if let Some(&a) = self.content.assets_by_source.get(target.as_str()) {
            let asset = &self.content.assets[a];
            // Files are published once, where the default language's pages are.
            let base = self.elsewhere.map_or(self.base_path, |e| e.base_path);
            return LinkTarget::Internal {
                url: format!("{}{}{}", base, encode_path(&asset.path), frag_suffix),
                doc: None,
                fragment: None,
            };
        }
        if let Some(e) = self.elsewhere
            && let Some(&doc) = e.content.by_source.get(target.as_str())
        {
            let path = match doc {
                Doc::Article(i) => &e.content.articles[i].path,
                Doc::Section(i) => &e.content.sections[i].path,
            };
            return LinkTarget::OtherLanguage {
                url: format!("{}{}{}", e.base_path, path, frag_suffix),
                message: format!(
                    "link `{dest}` goes to content/{target}, which has no `{}` translation: it links to the default language's page",
                    e.language
                ),
                hint: format!(
                    "translate it (content/{}), or set `fallback: true` for `{}` under `languages:`",
                    target
                        .strip_suffix(".md")
                        .map_or(target.clone(), |s| format!("{s}.{}.md", e.language)),
                    e.language
                ),
            };
        }
        if self.content.unreadable.contains(&target) {
            // Its own error is already reported; the link will work once it is fixed.
            return LinkTarget::Keep;
        }
        if self.content.drafts.contains(&target) {
            return LinkTarget::Broken {
                message: format!("link `{dest}` points to a draft, which this build leaves out"),
                hint: "publish the article (remove `draft: true`), build with --drafts, or remove the link".into(),
            };
        }
        let mut hint = "check the path: links are relative to this file's folder".to_string();
        let sources: Vec<&str> = self.content.by_source.keys().map(String::as_str).collect();
        if let Some(best) = closest(&target, &sources) {
            hint = format!("did you mean content/{best}?");
        }
        LinkTarget::Broken {
            message: format!("link `{dest}` points to content/{target}, which does not exist"),
            hint,
        }
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// `dir` joined with a relative `path`, with `.` and `..` resolved; `None` if it
/// climbs above `content/`.
fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_resolves_dots_and_refuses_escape() {
        assert_eq!(join("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join("a", "./x/y.md").as_deref(), Some("a/x/y.md"));
        assert_eq!(join("", "../x.md"), None);
    }

    #[test]
    fn schemes_are_external() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("a/b.md"));
    }

    #[test]
    fn paths_are_encoded_per_segment() {
        assert_eq!(encode_path("a b/ü.png"), "a%20b/%C3%BC.png");
    }
}
