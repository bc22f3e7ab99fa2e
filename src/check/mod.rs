//! `helpsite check`: every validation of `build` (nothing is written), plus the
//! writer's lints that keep a knowledge base healthy: stale or unreviewed
//! articles, missing descriptions, duplicate titles, images without alt text,
//! skipped heading levels, empty sections, orphan articles, links through aliases
//! and malformed external links; with `--external`, dead external links.
//! Each lint's level (error, warning, off) is set in `helpsite.yaml`.

pub mod external;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::build::{StageClock, load_site_to_check, write_site};
use crate::config::{Config, LintLevel};
use crate::content::{Content, Doc, content_path};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::markdown::Rendered;
use crate::output::Discard;

/// A lint: its name (the `code` of its findings), default level and meaning.
pub struct Lint {
    pub name: &'static str,
    pub default: LintLevel,
    pub what: &'static str,
}

pub const LINTS: &[Lint] = &[
    Lint {
        name: "stale-content",
        default: LintLevel::Warning,
        what: "`reviewed` is older than check.review_interval_days (once it is set)",
    },
    Lint {
        name: "never-reviewed",
        default: LintLevel::Warning,
        what: "the article has no `reviewed` date (once check.review_interval_days is set)",
    },
    Lint {
        name: "missing-description",
        default: LintLevel::Warning,
        what: "the article has no `description`",
    },
    Lint {
        name: "duplicate-title",
        default: LintLevel::Warning,
        what: "two articles share a title",
    },
    Lint {
        name: "image-alt",
        default: LintLevel::Warning,
        what: "an image has no alt text",
    },
    Lint {
        name: "heading-skip",
        default: LintLevel::Warning,
        what: "a heading skips a level, or the body has a level-1 heading",
    },
    Lint {
        name: "empty-section",
        default: LintLevel::Warning,
        what: "a section has no articles",
    },
    Lint {
        name: "orphan",
        // Every article is listed on its section's page, so a customer can
        // reach it; on a real site nearly every article was reported, which
        // buried the findings that need attention. A site that wants articles
        // linked from each other turns it on.
        default: LintLevel::Off,
        what: "no other page links to the article (besides navigation and section lists)",
    },
    Lint {
        name: "alias-link",
        default: LintLevel::Warning,
        what: "a link reaches its article only through an alias",
    },
    Lint {
        name: "malformed-link",
        default: LintLevel::Error,
        what: "an external link is not a well-formed URL",
    },
    Lint {
        name: "dead-link",
        default: LintLevel::Error,
        what: "an external link does not answer (only with --external)",
    },
    Lint {
        name: "support-fact",
        default: LintLevel::Warning,
        what: "a fact of support.yaml written by hand in an article",
    },
];

/// Checks that every lint named in `helpsite.yaml` exists.
pub fn validate_config(config: &Config, config_text: &str) -> Vec<Diagnostic> {
    let names: Vec<&str> = LINTS.iter().map(|l| l.name).collect();
    config
        .check
        .lints
        .keys()
        .filter(|k| !names.contains(&k.as_str()))
        .map(|k| {
            let line = crate::yaml::key_line(config_text, k).unwrap_or(1);
            let d = Diagnostic::error("unknown-key", format!("unknown lint `{k}` in check.lints"))
                .at(crate::config::CONFIG_FILE)
                .line(line);
            match crate::diagnostics::closest(k, &names) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d.hint(format!("known lints: {}", names.join(", "))),
            }
        })
        .collect()
}

#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub site_dir: PathBuf,
    pub drafts: bool,
    /// Fetch external links.
    pub external: bool,
    /// Settings of the external link checker (tests shorten them).
    pub external_settings: external::Settings,
}

/// What `check` found; `has_errors` decides the exit code.
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    pub articles: usize,
}

pub fn check(opts: &CheckOptions) -> CheckReport {
    let (site, mut diags) = load_site_to_check(&opts.site_dir, opts.drafts);
    let Some(site) = site else {
        return CheckReport {
            diagnostics: diags.sorted(),
            articles: 0,
        };
    };
    if let Ok(text) = std::fs::read_to_string(opts.site_dir.join(crate::config::CONFIG_FILE)) {
        diags.extend(validate_config(&site.config, &text));
    }
    // Render every page into nothing, to find template errors as build would.
    // (The search index is left out: nothing a writer controls can break it.)
    if let Some(templates) = &site.templates
        && !diags.has_errors()
        && let Err(ds) = write_site(
            &site,
            templates,
            &Discard,
            false,
            &mut StageClock::default(),
            None,
        )
    {
        diags.extend(ds);
    }
    let mut findings = lint(&site.config, &site.content, &site.articles, &site.sections);
    if let Some(support) = &site.support {
        findings.extend(support_facts(&site.content, support));
    }
    if opts.external {
        findings.extend(external::check_links(
            &site.content,
            &site.articles,
            &opts.external_settings,
        ));
    }
    diags.extend(apply_levels(&site.config, findings));
    CheckReport {
        diagnostics: diags.sorted(),
        articles: site.content.articles.len(),
    }
}

/// Gives each finding the level configured for its lint, dropping those set to off.
fn apply_levels(config: &Config, findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    findings
        .into_iter()
        .filter_map(|mut d| {
            let default = LINTS
                .iter()
                .find(|l| l.name == d.code)
                .map_or(LintLevel::Warning, |l| l.default);
            match config.check.lints.get(d.code).copied().unwrap_or(default) {
                LintLevel::Off => None,
                LintLevel::Error => {
                    d.severity = Severity::Error;
                    Some(d)
                }
                LintLevel::Warning => {
                    d.severity = Severity::Warning;
                    Some(d)
                }
            }
        })
        .collect()
}

fn article_path(content: &Content, a: usize) -> PathBuf {
    content_path(&content.articles[a].source)
}

/// Runs every lint; findings carry the lint's name as their code.
pub fn lint(
    config: &Config,
    content: &Content,
    articles: &[std::sync::Arc<Rendered>],
    sections: &[std::sync::Arc<Rendered>],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let today = crate::clock::today();
    let mut titles: BTreeMap<String, Vec<usize>> = BTreeMap::new();

    for (i, a) in content.articles.iter().enumerate() {
        let path = article_path(content, i);
        // A site that never set a review interval has not adopted reviews:
        // every article would be "never reviewed".
        if let Some(interval) = config.check.review_interval_days {
            match a.reviewed {
                Some(r) => {
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
                            .at(&path)
                            .line(a.key_line("reviewed"))
                            .hint("check the article is still right, then set `reviewed:` to today's date"),
                        );
                    }
                }
                None => out.push(
                    Diagnostic::warning("never-reviewed", "the article has never been reviewed")
                        .at(&path)
                        .line(1)
                        .hint(format!(
                            "once you have checked it, add `reviewed: {today}` to its front matter"
                        )),
                ),
            }
        }
        if a.meta
            .description
            .as_deref()
            .is_none_or(|d| d.trim().is_empty())
        {
            out.push(
                Diagnostic::warning("missing-description", "the article has no description")
                    .at(&path)
                    .line(1)
                    .hint("add `description: …`, one sentence shown in lists and search results"),
            );
        }
        titles
            .entry(a.meta.title.trim().to_lowercase())
            .or_default()
            .push(i);

        let r = &articles[i];
        for img in &r.images {
            if img.alt.trim().is_empty() {
                out.push(
                    Diagnostic::warning(
                        "image-alt",
                        format!("image `{}` has no alt text", img.dest),
                    )
                    .at(&path)
                    .line_col(img.line, img.column)
                    .hint("describe the image between the brackets: ![what it shows](file.png)"),
                );
            }
        }
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

    for (s, section) in content.sections.iter().enumerate().skip(1) {
        if content.articles_below(s).is_empty() {
            out.push(
                Diagnostic::warning(
                    "empty-section",
                    format!("the section “{}” has no articles", section.title),
                )
                .at(content_path(section.source_name()))
                .line(1)
                .hint("add an article to it, or remove the folder"),
            );
        }
    }

    // Inbound links, from articles and section introductions, not counting self-links.
    let mut linked: HashSet<usize> = HashSet::new();
    let all_rendered = articles
        .iter()
        .enumerate()
        .map(|(i, r)| (Doc::Article(i), r))
        .chain(
            sections
                .iter()
                .enumerate()
                .map(|(i, r)| (Doc::Section(i), r)),
        );
    for (from, r) in all_rendered.clone() {
        for l in &r.links {
            if let Some(Doc::Article(t)) = l.doc
                && Doc::Article(t) != from
            {
                linked.insert(t);
            }
        }
    }
    for i in 0..content.articles.len() {
        if !linked.contains(&i) {
            out.push(
                Diagnostic::warning("orphan", "no other page links to this article")
                    .at(article_path(content, i))
                    .line(1)
                    .hint("link to it from a related article or the section's _index.md, so readers find it beyond the section list"),
            );
        }
    }

    let aliases: HashMap<&str, usize> = content
        .articles
        .iter()
        .enumerate()
        .flat_map(|(i, a)| a.derived.aliases.iter().map(move |al| (al.as_str(), i)))
        .collect();
    let base_path = config.base_path();
    for (from, r) in all_rendered {
        let from_path = match from {
            Doc::Article(i) => article_path(content, i),
            Doc::Section(i) => content_path(
                content.sections[i]
                    .index_source
                    .as_deref()
                    .unwrap_or(&content.sections[i].dir),
            ),
        };
        for l in r.links.iter().filter(|l| l.kept) {
            if let Some(target) = alias_target(&l.dest, &base_path, &aliases) {
                let to = &content.articles[target];
                out.push(
                    Diagnostic::warning(
                        "alias-link",
                        format!(
                            "link `{}` reaches “{}” only through an alias (an old URL)",
                            l.dest, to.meta.title
                        ),
                    )
                    .at(&from_path)
                    .line_col(l.line, l.column)
                    .hint(format!(
                        "link to the article itself: {}",
                        relative_md(&from_path, &article_path(content, target))
                    )),
                );
            }
            if let Some(problem) = malformed_url(&l.dest) {
                out.push(
                    Diagnostic::error(
                        "malformed-link",
                        format!("link `{}` is malformed: {problem}", l.dest),
                    )
                    .at(&from_path)
                    .line_col(l.line, l.column)
                    .hint("write external links in full, such as https://example.com/page"),
                );
            }
        }
    }
    out
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

/// The `support-fact` lint: facts of support.yaml written by hand in articles.
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

/// The article an absolute link reaches through one of its aliases.
fn alias_target(dest: &str, base_path: &str, aliases: &HashMap<&str, usize>) -> Option<usize> {
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

/// The stable JSON form of a report (`helpsite check --format json`).
#[derive(Serialize)]
pub struct JsonReport<'a> {
    /// Bumped only when a field changes meaning or is removed.
    pub version: u32,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub severity: Severity,
    pub code: &'a str,
    pub path: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: &'a str,
    pub hint: Option<&'a str>,
}

/// Findings of one lint shown in full in the text report; the rest are
/// counted (the JSON report lists them all).
pub const SHOWN_PER_LINT: usize = 10;

/// The text report: every build finding, and each lint's first
/// `SHOWN_PER_LINT` findings followed by how many more there are, so that a
/// few hundred skipped heading levels do not bury one broken link.
pub fn to_text(diags: &Diagnostics) -> String {
    let mut shown: HashMap<&str, usize> = HashMap::new();
    let mut out = String::new();
    for d in diags.iter() {
        let is_lint = LINTS.iter().any(|l| l.name == d.code);
        let n = shown.entry(d.code).or_default();
        *n += 1;
        if !is_lint || *n <= SHOWN_PER_LINT {
            out.push_str(&format!("{d}\n"));
        }
    }
    let mut more: Vec<(&str, usize)> = shown
        .into_iter()
        .filter(|(code, n)| *n > SHOWN_PER_LINT && LINTS.iter().any(|l| l.name == *code))
        .collect();
    more.sort();
    for (code, n) in more {
        out.push_str(&format!(
            "… and {} more `{code}` findings (`--format json` lists them all; `check: {{lints: {{{code}: off}}}}` in helpsite.yaml hides them)\n",
            n - SHOWN_PER_LINT
        ));
    }
    out
}

pub fn to_json(diags: &Diagnostics) -> String {
    let report = JsonReport {
        version: 1,
        errors: diags.error_count(),
        warnings: diags.warning_count(),
        diagnostics: diags
            .iter()
            .map(|d| JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                path: d
                    .path
                    .as_ref()
                    .map(|p| p.to_string_lossy().replace('\\', "/")),
                line: d.line,
                column: d.column,
                message: &d.message,
                hint: d.hint.as_deref(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&report).unwrap_or_default()
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
