//! The writer's lints, one function each, registered in `LINTS`: the table
//! that `helpsite.yaml`'s `check.lints`, the README's lint table and the JSON
//! report's codes are held to (tests/it/writer_tools.rs). A lint set to `off`
//! is not run.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::LintLevel;
use crate::content::{Content, Doc, content_path};
use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;
use crate::site::Site;

/// A lint: its name (the `code` of its findings), default level, meaning,
/// and the function that finds what it flags.
pub struct Lint {
    pub name: &'static str,
    pub default: LintLevel,
    pub what: &'static str,
    /// `None` for `dead-link`, which only `--external` runs (external.rs): it
    /// asks the network.
    pub run: Option<fn(&Site) -> Vec<Diagnostic>>,
}

pub const LINTS: &[Lint] = &[
    Lint {
        name: "stale-content",
        default: LintLevel::Warning,
        what: "`reviewed` is older than check.review_interval_days (once it is set)",
        run: Some(stale_content),
    },
    Lint {
        name: "never-reviewed",
        default: LintLevel::Warning,
        what: "the article has no `reviewed` date (once check.review_interval_days is set)",
        run: Some(never_reviewed),
    },
    Lint {
        name: "missing-description",
        default: LintLevel::Warning,
        what: "the article has no `description`",
        run: Some(missing_description),
    },
    Lint {
        name: "duplicate-title",
        default: LintLevel::Warning,
        what: "two articles share a title",
        run: Some(duplicate_title),
    },
    Lint {
        name: "image-alt",
        default: LintLevel::Warning,
        what: "an image has no alt text",
        run: Some(image_alt),
    },
    Lint {
        name: "heading-skip",
        default: LintLevel::Warning,
        what: "a heading skips a level, or the body has a level-1 heading",
        run: Some(heading_skip),
    },
    Lint {
        name: "empty-section",
        default: LintLevel::Warning,
        what: "a section has no articles",
        run: Some(empty_section),
    },
    Lint {
        name: "orphan",
        // Every article is listed on its section's page, so a customer can
        // reach it; on a real site nearly every article was reported, which
        // buried the findings that need attention. A site that wants articles
        // linked from each other turns it on.
        default: LintLevel::Off,
        what: "no other page links to the article (besides navigation and section lists)",
        run: Some(orphan),
    },
    Lint {
        name: "alias-link",
        default: LintLevel::Warning,
        what: "a link reaches its page only through an alias",
        run: Some(alias_link),
    },
    Lint {
        name: "malformed-link",
        default: LintLevel::Error,
        what: "an external link is not a well-formed URL",
        run: Some(malformed_link),
    },
    Lint {
        name: "dead-link",
        default: LintLevel::Error,
        what: "an external link does not answer (only with --external)",
        run: None,
    },
    Lint {
        name: "support-fact",
        default: LintLevel::Warning,
        what: "a fact of support.yaml written by hand in an article",
        run: Some(support_fact),
    },
    Lint {
        name: "untranslated",
        default: LintLevel::Warning,
        what: "an article has no translation into one of `languages:`",
        // Reads every language at once (`translations`).
        run: None,
    },
    Lint {
        name: "translation-stale",
        default: LintLevel::Warning,
        what: "an article was `updated` after its translation was",
        run: None,
    },
];

/// `untranslated` and `translation-stale`, which compare the languages of a
/// site (`sites`: every language's, the default one's first).
pub(crate) fn translations(sites: &[Site]) -> Vec<Diagnostic> {
    let Some((default, others)) = sites.split_first() else {
        return Vec::new();
    };
    let on = |name: &str| {
        let level = LINTS
            .iter()
            .find(|l| l.name == name)
            .map_or(LintLevel::Warning, |l| l.default);
        default
            .config
            .check
            .lints
            .get(name)
            .copied()
            .unwrap_or(level)
            != LintLevel::Off
    };
    let mut out = Vec::new();
    for site in others {
        let code = &site.layout.language;
        let translated: HashMap<String, usize> = site
            .content
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| !site.layout.is_fallback(&a.source))
            .map(|(i, a)| (site.layout.source_name(&a.source).into_owned(), i))
            .collect();
        for (i, a) in default.content.articles.iter().enumerate() {
            match translated.get(&a.source) {
                None if on("untranslated") => {
                    let file = a
                        .source
                        .strip_suffix(".md")
                        .map_or_else(|| a.source.clone(), |s| format!("{s}.{code}.md"));
                    out.push(
                        Diagnostic::warning(
                            "untranslated",
                            format!("not translated into `{code}`"),
                        )
                        .at(article_path(&default.content, i))
                        .line(1)
                        .hint(format!("write its translation as content/{file}")),
                    );
                }
                Some(&t) if on("translation-stale") => {
                    let translation = &site.content.articles[t];
                    if let Some(source) = a.updated
                        && translation.updated.is_none_or(|d| d < source)
                    {
                        let when = translation.updated.map_or_else(
                            || "has no `updated` date".to_string(),
                            |d| format!("was updated on {d}"),
                        );
                        out.push(
                            Diagnostic::warning(
                                "translation-stale",
                                format!(
                                    "content/{} was updated on {source}; this translation {when}",
                                    a.source
                                ),
                            )
                            .at(article_path(&site.content, t))
                            .line(translation.key_line("updated"))
                            .hint("bring the translation up to date, then set its `updated:` to the date"),
                        );
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Runs every lint the configuration does not turn off; findings carry the
/// lint's name as their code (`apply_levels` gives them their level).
pub fn lint(site: &Site) -> Vec<Diagnostic> {
    LINTS
        .iter()
        .filter(|l| {
            site.config
                .check
                .lints
                .get(l.name)
                .copied()
                .unwrap_or(l.default)
                != LintLevel::Off
        })
        .filter_map(|l| l.run)
        .flat_map(|run| run(site))
        .collect()
}

fn article_path(content: &Content, a: usize) -> PathBuf {
    content_path(&content.articles[a].source)
}

/// `stale-content`: `reviewed` older than the review interval (once set).
fn stale_content(site: &Site) -> Vec<Diagnostic> {
    let Some(interval) = site.config.check.review_interval_days else {
        return Vec::new();
    };
    let today = crate::clock::today();
    let content = &site.content;
    let mut out = Vec::new();
    for (i, a) in content.articles.iter().enumerate() {
        let Some(r) = a.reviewed else { continue };
        // Subtracting civil dates gives a span in whole days.
        let days = i64::from((today - r).get_days());
        if days > interval {
            out.push(
                Diagnostic::warning(
                    "stale-content",
                    format!(
                        "last reviewed on {r}, {days} days ago (the review interval is {interval} days)"
                    ),
                )
                .at(article_path(content, i))
                .line(a.key_line("reviewed"))
                .hint("check the article is still right, then set `reviewed:` to today's date"),
            );
        }
    }
    out
}

/// `never-reviewed`: no `reviewed` date. A site that never set a review
/// interval has not adopted reviews: every article would be flagged.
fn never_reviewed(site: &Site) -> Vec<Diagnostic> {
    if site.config.check.review_interval_days.is_none() {
        return Vec::new();
    }
    let today = crate::clock::today();
    let content = &site.content;
    (0..content.articles.len())
        .filter(|&i| content.articles[i].reviewed.is_none())
        .map(|i| {
            Diagnostic::warning("never-reviewed", "the article has never been reviewed")
                .at(article_path(content, i))
                .line(1)
                .hint(format!(
                    "once you have checked it, add `reviewed: {today}` to its front matter"
                ))
        })
        .collect()
}

/// `missing-description`.
fn missing_description(site: &Site) -> Vec<Diagnostic> {
    let content = &site.content;
    (0..content.articles.len())
        .filter(|&i| {
            content.articles[i]
                .meta
                .description
                .as_deref()
                .is_none_or(|d| d.trim().is_empty())
        })
        .map(|i| {
            Diagnostic::warning("missing-description", "the article has no description")
                .at(article_path(content, i))
                .line(1)
                .hint("add `description: …`, one sentence shown in lists and search results")
        })
        .collect()
}

/// `duplicate-title`: titles equal but for case and surrounding spaces.
fn duplicate_title(site: &Site) -> Vec<Diagnostic> {
    let content = &site.content;
    let mut titles: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in content.articles.iter().enumerate() {
        titles
            .entry(a.meta.title.trim().to_lowercase())
            .or_default()
            .push(i);
    }
    let mut out = Vec::new();
    for ids in titles.values().filter(|ids| ids.len() > 1) {
        for &i in ids {
            let others: Vec<String> = ids
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| article_path(content, j).display().to_string())
                .collect();
            out.push(
                Diagnostic::warning(
                    "duplicate-title",
                    format!("the title “{}” is also used by {}", content.articles[i].meta.title, others.join(", ")),
                )
                .at(article_path(content, i))
                .line(content.articles[i].key_line("title"))
                .hint("give each article a title that says how it differs; readers pick from lists and search results by title"),
            );
        }
    }
    out
}

/// `image-alt`.
fn image_alt(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, r) in site.articles.iter().enumerate() {
        for img in r.images.iter().filter(|img| img.alt.trim().is_empty()) {
            out.push(
                Diagnostic::warning("image-alt", format!("image `{}` has no alt text", img.dest))
                    .at(article_path(&site.content, i))
                    .line_col(img.line, img.column)
                    .hint("describe the image between the brackets: ![what it shows](file.png)"),
            );
        }
    }
    out
}

/// `heading-skip`: a level-1 heading in the body, or a level skipped.
fn heading_skip(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, r) in site.articles.iter().enumerate() {
        let path = article_path(&site.content, i);
        let mut previous = 1u8;
        for h in &r.headings {
            if h.level == 1 {
                out.push(
                    Diagnostic::warning(
                        "heading-skip",
                        format!("level-1 heading `{}` in the body", h.title),
                    )
                    .at(&path)
                    .line(h.line)
                    .hint("the title is the page's only level-1 heading; use `##` for sections"),
                );
            } else if h.level > previous + 1 {
                out.push(
                    Diagnostic::warning(
                        "heading-skip",
                        format!("heading `{}` jumps from level {previous} to level {}", h.title, h.level),
                    )
                    .at(&path)
                    .line(h.line)
                    .hint(format!("use {} here, so screen readers and the table of contents follow the outline", "#".repeat(usize::from(previous) + 1))),
                );
            }
            previous = h.level;
        }
    }
    out
}

/// `empty-section`: a section with no article below it.
fn empty_section(site: &Site) -> Vec<Diagnostic> {
    let content = &site.content;
    content
        .sections
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(s, _)| content.articles_below(*s).is_empty())
        .map(|(_, section)| {
            Diagnostic::warning(
                "empty-section",
                format!("the section “{}” has no articles", section.title),
            )
            .at(content_path(section.source_name()))
            .line(1)
            .hint("add an article to it, or remove the folder")
        })
        .collect()
}

/// Every rendered page with links: articles, then section introductions.
fn rendered(site: &Site) -> impl Iterator<Item = (Doc, &std::sync::Arc<Rendered>)> {
    let articles = site
        .articles
        .iter()
        .enumerate()
        .map(|(i, r)| (Doc::Article(i), r));
    let sections = site
        .sections
        .iter()
        .enumerate()
        .map(|(i, r)| (Doc::Section(i), r));
    articles.chain(sections)
}

/// The file a rendered page came from.
fn source_of(content: &Content, doc: Doc) -> PathBuf {
    match doc {
        Doc::Article(i) => article_path(content, i),
        Doc::Section(i) => content_path(
            content.sections[i]
                .index_source
                .as_deref()
                .unwrap_or(&content.sections[i].dir),
        ),
    }
}

/// `orphan`: no article or section introduction links to the article
/// (self-links do not count).
fn orphan(site: &Site) -> Vec<Diagnostic> {
    let mut linked: HashSet<usize> = HashSet::new();
    for (from, r) in rendered(site) {
        for l in &r.links {
            if let Some(Doc::Article(t)) = l.doc
                && Doc::Article(t) != from
            {
                linked.insert(t);
            }
        }
    }
    (0..site.content.articles.len())
        .filter(|i| !linked.contains(i))
        .map(|i| {
            Diagnostic::warning("orphan", "no other page links to this article")
                .at(article_path(&site.content, i))
                .line(1)
                .hint("link to it from a related article or the section's _index.md, so readers find it beyond the section list")
        })
        .collect()
}

/// `alias-link`: a link that reaches its article only through an old URL.
fn alias_link(site: &Site) -> Vec<Diagnostic> {
    let content = &site.content;
    // Alias → the page's document: articles', then sections' pages.
    let aliases: HashMap<&str, Doc> = content
        .articles
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            a.derived
                .aliases
                .iter()
                .map(move |al| (al.as_str(), Doc::Article(i)))
        })
        .chain(content.sections.iter().enumerate().flat_map(|(i, s)| {
            s.aliases
                .iter()
                .map(move |al| (al.as_str(), Doc::Section(i)))
        }))
        .collect();
    if aliases.is_empty() {
        return Vec::new();
    }
    let base_path = site.config.base_path();
    let mut out = Vec::new();
    for (from, r) in rendered(site) {
        let from_path = source_of(content, from);
        for l in r.links.iter().filter(|l| l.kept) {
            let Some(target) = alias_target(&l.dest, &base_path, &aliases) else {
                continue;
            };
            let (title, kind) = match target {
                Doc::Article(i) => (content.articles[i].meta.title.as_str(), "article"),
                Doc::Section(i) => (content.sections[i].title.as_str(), "section"),
            };
            // A section with aliases has an `_index.md`: source_of names it.
            let to_path = source_of(content, target);
            out.push(
                Diagnostic::warning(
                    "alias-link",
                    format!(
                        "link `{}` reaches “{title}” only through an alias (an old URL)",
                        l.dest
                    ),
                )
                .at(&from_path)
                .line_col(l.line, l.column)
                .hint(format!(
                    "link to the {kind} itself: {}",
                    relative_md(&from_path, &to_path)
                )),
            );
        }
    }
    out
}

/// `malformed-link`: an external link that is not a well-formed URL.
fn malformed_link(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (from, r) in rendered(site) {
        for l in r.links.iter().filter(|l| l.kept) {
            if let Some(problem) = malformed_url(&l.dest) {
                out.push(
                    Diagnostic::error(
                        "malformed-link",
                        format!("link `{}` is malformed: {problem}", l.dest),
                    )
                    .at(source_of(&site.content, from))
                    .line_col(l.line, l.column)
                    .hint("write external links in full, such as https://example.com/page"),
                );
            }
        }
    }
    out
}

/// `support-fact`: facts of support.yaml written by hand in articles.
fn support_fact(site: &Site) -> Vec<Diagnostic> {
    match &site.support {
        Some(support) => support_facts(&site.content, support),
        None => Vec::new(),
    }
}

/// Facts from support.yaml written out by hand in an article, with the reference
/// that would keep them in step: (text as written, reference).
fn hand_written_facts(s: &crate::support::Support) -> Vec<(String, String)> {
    use crate::support::Response;
    let mut facts = Vec::new();
    for c in &s.channels {
        if let Some(e) = &c.email {
            facts.push((
                e.clone(),
                format!("{{{{support:channel.{}.address-link}}}}", c.id),
            ));
        }
        if let Some(u) = &c.url {
            facts.push((u.clone(), format!("{{{{support:channel.{}.link}}}}", c.id)));
        }
    }
    for t in &s.tiers {
        if let Some(Response::All(target)) = &t.response {
            let text = target.to_string();
            facts.push((
                text.clone(),
                format!("{{{{support:tier.{}.response}}}}", t.id),
            ));
            facts.push((
                text.replace('–', "-"),
                format!("{{{{support:tier.{}.response}}}}", t.id),
            ));
        }
    }
    let mut ranges: Vec<String> = s
        .default_schedule()
        .weekly
        .iter()
        .flatten()
        .map(|r| r.label())
        .collect();
    ranges.sort();
    ranges.dedup();
    for r in ranges {
        facts.push((r.replace('–', "-"), "{{support:hours}}".into()));
        facts.push((r, "{{support:hours}}".into()));
    }
    facts.push((s.timezone_label.clone(), "{{support:timezone}}".into()));
    // Longest first, so `3–5 business days` is reported rather than a shorter match.
    facts.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
    facts
}

/// Facts of support.yaml written by hand in articles, each with the reference to write instead.
pub fn support_facts(content: &Content, support: &crate::support::Support) -> Vec<Diagnostic> {
    let facts = hand_written_facts(support);
    let mut out = Vec::new();
    for (i, a) in content.articles.iter().enumerate() {
        let mut in_fence = false;
        for (n, line) in a.body.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                in_fence = !in_fence;
                continue;
            }
            if in_fence {
                continue;
            }
            let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
            for (text, reference) in &facts {
                let mut from = 0;
                while let Some(pos) = line[from..].find(text.as_str()).map(|p| p + from) {
                    let span = pos..pos + text.len();
                    from = span.end;
                    if taken
                        .iter()
                        .any(|t| t.start < span.end && span.start < t.end)
                        || in_code_span(line, pos)
                    {
                        continue;
                    }
                    taken.push(span);
                    out.push(
                        Diagnostic::warning("support-fact", format!("`{text}` is written by hand; support.yaml already has it"))
                            .at(article_path(content, i))
                            .line_col(a.body_line + n, line[..pos].chars().count() + 1)
                            .hint(format!("write {reference} instead, so the article changes when support.yaml does")),
                    );
                }
            }
        }
    }
    out
}

/// Whether byte `pos` of `line` is inside a `code span`.
fn in_code_span(line: &str, pos: usize) -> bool {
    line[..pos].matches('`').count() % 2 == 1
}

/// The page an absolute link reaches through one of its aliases.
fn alias_target(dest: &str, base_path: &str, aliases: &HashMap<&str, Doc>) -> Option<Doc> {
    let path = dest.split(['#', '?']).next()?;
    let rest = path
        .strip_prefix(base_path)
        .or_else(|| path.strip_prefix('/'))?;
    let mut key = rest.trim_start_matches('/').to_string();
    if !key.ends_with('/') && !key.ends_with(".html") {
        key.push('/');
    }
    aliases.get(key.as_str()).copied()
}

/// The relative `.md` path from one content file to another, as a writer types it.
fn relative_md(from: &Path, to: &Path) -> String {
    let from_dir: Vec<_> = from
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    let to_parts: Vec<_> = to.components().collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_string(); from_dir.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// Why an external link is malformed, if it is.
pub fn malformed_url(dest: &str) -> Option<String> {
    let lower = dest.to_ascii_lowercase();
    let colon = lower.find(':')?;
    let scheme = &lower[..colon];
    if scheme.contains('/') || scheme.contains('.') && !scheme.starts_with("http") {
        return None;
    }
    let near_http = matches!(
        scheme,
        "htp"
            | "htps"
            | "htttp"
            | "htttps"
            | "http"
            | "https"
            | "hhtp"
            | "hhtps"
            | "http:"
            | "https:"
            | "ttp"
            | "ttps"
    );
    if !near_http {
        return None;
    }
    if scheme != "http" && scheme != "https" {
        return Some(format!(
            "`{scheme}:` is not a web address scheme; did you mean https:?"
        ));
    }
    let after = &dest[colon + 1..];
    let Some(rest) = after.strip_prefix("//") else {
        return Some("the scheme must be followed by `//`".into());
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Some("it has no host name".into());
    }
    if dest.chars().any(char::is_whitespace) {
        return Some("it contains a space; write %20 or remove it".into());
    }
    let host_ok = host
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']' | '@' | '_'));
    if !host_ok || host.starts_with('.') || host.contains("..") {
        return Some(format!("`{host}` is not a valid host name"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_urls() {
        assert!(malformed_url("https://example.com/a b").is_some());
        assert!(malformed_url("https:/example.com").is_some());
        assert!(malformed_url("htps://example.com").is_some());
        assert!(malformed_url("https://").is_some());
        assert_eq!(malformed_url("https://example.com/x?y=1#z"), None);
        assert_eq!(malformed_url("mailto:a@b.c"), None);
        assert_eq!(malformed_url("/local/path/"), None);
    }

    #[test]
    fn relative_md_paths() {
        assert_eq!(
            relative_md(Path::new("content/a/b.md"), Path::new("content/c/d.md")),
            "../c/d.md"
        );
        assert_eq!(
            relative_md(Path::new("content/a/b.md"), Path::new("content/a/e.md")),
            "e.md"
        );
    }
}
