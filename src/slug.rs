//! Slugs: the URL-safe names made from file names, folder names, headings and tags.
//!
//! - Paths keep what a file or folder name says by default (`Setup-8.11.md` →
//!   `Setup-8.11/`), so a site moved from Hugo, Jekyll or GitHub keeps its URLs;
//!   `slugs: {paths: ascii}` gives lower-case words joined by dashes instead.
//! - Heading anchors follow GitHub's rules by default (`Ubuntu 20.04` →
//!   `#ubuntu-2004`, `退款政策` → `#退款政策`), so links written for GitHub work;
//!   `slugs: {anchors: ascii}` gives the lower-case ASCII form.
//! - Non-ASCII letters in paths and tags are transliterated (`Über uns` →
//!   `Uber-uns`) so URLs stay readable and portable across static hosts.

use std::sync::LazyLock;

use serde::Deserialize;

/// How a file or folder name becomes its URL segment (`slugs.paths`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PathStyle {
    /// As written: case, dots, dashes and underscores kept; spaces and other
    /// punctuation become one dash.
    #[default]
    Keep,
    /// Lower-case ASCII letters and digits joined by single dashes.
    Ascii,
}

/// How a heading's text becomes its anchor (`slugs.anchors`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorStyle {
    /// GitHub's: lower case, punctuation removed, each space a dash, letters
    /// of every script kept.
    #[default]
    Github,
    /// Lower-case ASCII letters and digits joined by single dashes.
    Ascii,
}

/// The URL segment for a file or folder name (without `.md`); empty if
/// nothing usable is left.
pub(crate) fn path_segment(name: &str, style: PathStyle) -> String {
    match style {
        PathStyle::Ascii => slugify(name),
        PathStyle::Keep => keep_name(name),
    }
}

/// The anchor for a heading's text.
pub(crate) fn anchor(text: &str, style: AnchorStyle) -> String {
    match style {
        AnchorStyle::Ascii => slugify(text),
        AnchorStyle::Github => github_anchor(text),
    }
}

/// A name as written, made safe as one URL segment (see `is_safe_slug`).
fn keep_name(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut out = String::with_capacity(ascii.len());
    let mut gap = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
            if gap && !out.is_empty() && !out.ends_with('-') && c != '-' {
                out.push('-');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    // A leading dot would hide the folder; a trailing one is dropped by Windows.
    out.trim_matches('.').to_string()
}

/// GitHub's heading anchors (its `github-slugger`): lower case, every
/// character that is not a letter, mark, number, connector (`_`), dash or
/// space removed, and each space a dash; repeats get `-1`, `-2` where the
/// page's anchors are collected.
pub(crate) fn github_anchor(text: &str) -> String {
    static REMOVED: LazyLock<Option<regex::Regex>> =
        LazyLock::new(|| regex::Regex::new(r"[^\p{L}\p{M}\p{N}\p{Pc} -]").ok());
    let lower = text.trim().to_lowercase();
    match &*REMOVED {
        Some(re) => re.replace_all(&lower, "").replace(' ', "-"),
        // The pattern is a constant; this is never reached.
        None => slugify(text),
    }
}

/// What two anchors have in common when they name the same heading under
/// different rules or case (`#Ubuntu-20-04`, `#ubuntu-2004`): their ASCII
/// letters and digits, lower-cased. Used only to suggest the right one.
pub(crate) fn anchor_skeleton(anchor: &str) -> String {
    deunicode::deunicode(anchor)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Lower-case ASCII letters, digits and single dashes; empty if nothing is left.
pub(crate) fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// Whether a slug written by hand is one URL path segment that stays where it is put:
/// no separators, no `.`/`..`, nothing that needs escaping.
pub(crate) fn is_safe_slug(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('.')
        && slug
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_transliterates_and_collapses() {
        assert_eq!(slugify("Über uns"), "uber-uns");
        assert_eq!(slugify("  How does it -- work?  "), "how-does-it-work");
        assert_eq!(slugify("FAQ_2024"), "faq_2024");
        assert_eq!(slugify("!!!"), "");
    }

    /// GitHub's own rendering of these headings (and github-slugger's tests).
    #[test]
    fn anchors_follow_github() {
        for (heading, id) in [
            ("Sample docker-compose.yml", "sample-docker-composeyml"),
            (
                "Built-in pre- and post-processing",
                "built-in-pre--and-post-processing",
            ),
            ("Ubuntu 20.04", "ubuntu-2004"),
            ("退款政策", "退款政策"),
            ("Привет мир", "привет-мир"),
            ("😄 Smile", "-smile"),
            ("foo_bar", "foo_bar"),
            ("What's new?", "whats-new"),
            ("Café & crème", "café--crème"),
            ("Section 1.2: A/B testing", "section-12-ab-testing"),
            ("!!!", ""),
        ] {
            assert_eq!(anchor(heading, AnchorStyle::Github), id, "{heading}");
        }
        assert_eq!(anchor("Ubuntu 20.04", AnchorStyle::Ascii), "ubuntu-20-04");
    }

    #[test]
    fn paths_keep_the_name_as_written() {
        for (name, seg) in [
            (
                "playbook-solr-8.11-to-opensearch-3",
                "playbook-solr-8.11-to-opensearch-3",
            ),
            ("Getting_Started", "Getting_Started"),
            ("My Article", "My-Article"),
            ("a -- b", "a--b"),
            ("Über uns", "Uber-uns"),
            (".hidden.", "hidden"),
            ("what? (draft)", "what-draft"),
            ("!!!", ""),
        ] {
            let got = path_segment(name, PathStyle::Keep);
            assert_eq!(got, seg, "{name}");
            assert!(got.is_empty() || is_safe_slug(&got), "{got}");
        }
        assert_eq!(path_segment("Setup 8.11", PathStyle::Ascii), "setup-8-11");
    }

    #[test]
    fn skeletons_match_across_rules_and_case() {
        let new = anchor("Ubuntu 20.04", AnchorStyle::Github);
        for old in ["ubuntu-20-04", "Ubuntu-2004", "UBUNTU-20.04"] {
            assert_eq!(anchor_skeleton(old), anchor_skeleton(&new));
        }
        assert_eq!(
            anchor_skeleton("tui-kuan-zheng-ce"),
            anchor_skeleton("退款政策")
        );
    }

    #[test]
    fn safe_slugs_stay_in_place() {
        assert!(is_safe_slug("refunds-2024"));
        assert!(!is_safe_slug("../etc"));
        assert!(!is_safe_slug("a/b"));
        assert!(!is_safe_slug(".."));
        assert!(!is_safe_slug(""));
    }
}
