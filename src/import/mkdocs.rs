//! MkDocs sites: `mkdocs.yml` (site name, description, URL, `docs_dir`, the
//! `nav`), the pages below `docs_dir` kept at their URLs (`a/index.md` and
//! `a/README.md` become section pages), order from the nav, titles from the
//! page (`title:`, else its first `# heading`, else its nav label), nav
//! groups that are one folder as that folder's section, admonitions (`!!! note "Title"`,
//! collapsible `???`) as callouts. Content tabs and snippets have no
//! equivalent and are reported.

use std::collections::HashMap;
use std::path::Path;

use serde_yaml::Value;

use super::front::{self, Front};
use super::text::{self, callout};
use super::{Asset, Imported, Page, Report, files_below, is_markdown, read_source};
use crate::diagnostics::Diagnostic;

/// Where MkDocs looks for its configuration.
const CONFIG_NAMES: [&str; 2] = ["mkdocs.yml", "mkdocs.yaml"];

/// What the nav says about one page: its title (when given) and its place.
#[derive(Debug, Clone, Default)]
struct NavEntry {
    title: Option<String>,
    weight: i64,
}

/// A nav group (a heading with pages below it) and the pages it holds.
struct NavGroup {
    title: String,
    weight: i64,
    pages: Vec<String>,
}

pub(crate) fn read(src: &Path) -> Result<Imported, Vec<Diagnostic>> {
    let mut report = Report::default();
    let (config_name, config) = super::yaml_config(src, &CONFIG_NAMES, "MkDocs", &mut report)?;
    let docs_dir = front::text(&config, "docs_dir").unwrap_or_else(|| "docs".into());
    let docs_dir = docs_dir.trim_end_matches('/');
    super::folder_inside(
        src,
        docs_dir,
        config_name,
        &format!("`docs_dir: {docs_dir}`"),
        "MkDocs reads the pages from docs/ unless `docs_dir` names another folder inside the site",
    )?;
    let docs = src.join(docs_dir);
    let files = files_below(&docs, &|_| false);

    // The nav: every page's title and place, and its groups.
    let mut nav: HashMap<String, NavEntry> = HashMap::new();
    let mut groups: Vec<NavGroup> = Vec::new();
    let mut counter = 0;
    if let Some(Value::Sequence(items)) = config.get("nav") {
        walk_nav(items, &mut nav, &mut groups, &mut counter);
    }
    let mut plan = plan_pages(&docs, docs_dir, &files, &mut report);
    // `index.md` sorts after `README.md` in the listing; prefer it.
    plan.pages
        .sort_by_key(|(rel, _)| !rel.ends_with("index.md"));
    pages_beside_folders(&mut plan, docs_dir, &files, &mut report);
    let mut pages: Vec<Page> = plan
        .pages
        .iter()
        .filter_map(|(rel, dest)| {
            convert_page(src, docs_dir, rel, dest, &nav, &plan.dests, &mut report)
        })
        .collect();
    nav_group_sections(&groups, config_name, &mut pages, &mut report);
    let site_url = front::text(&config, "site_url").unwrap_or_default();
    let language = config
        .get("theme")
        .and_then(|t| t.as_mapping())
        .and_then(|t| front::text(t, "language"))
        .unwrap_or_else(|| "en".into());
    Ok(Imported {
        title: front::text(&config, "site_name").unwrap_or_else(|| "Support Center".into()),
        description: front::text(&config, "site_description").unwrap_or_default(),
        base_url: if site_url.is_empty() {
            "/".into()
        } else {
            site_url
        },
        language,
        pages,
        assets: plan.assets,
        report,
    })
}

/// Each page's place in the new site: `index.md` and `README.md` are their
/// folder's section page (MkDocs serves them at the folder's URL).
fn dest_of(rel: &str) -> String {
    let (dir, name) = match rel.rsplit_once('/') {
        Some((d, n)) => (d, n),
        None => ("", rel),
    };
    let stem = super::without_extension(name);
    if stem == "index" || stem.eq_ignore_ascii_case("readme") {
        if dir.is_empty() {
            "_index.md".into()
        } else {
            format!("{dir}/_index.md")
        }
    } else {
        format!("{}.md", super::without_extension(rel))
    }
}

/// Where the docs folder's pages and files go.
struct Plan {
    /// Source path (relative to the docs folder) → where it goes.
    dests: HashMap<String, String>,
    /// New place → the source that took it.
    taken: HashMap<String, String>,
    /// (source, place) of every page.
    pages: Vec<(String, String)>,
    assets: Vec<Asset>,
}

/// Every markdown file a page at its place (an `index.md` beside a
/// `README.md` wins), every other file an asset.
fn plan_pages(docs: &Path, docs_dir: &str, files: &[String], report: &mut Report) -> Plan {
    let mut dests: HashMap<String, String> = HashMap::new();
    let mut taken: HashMap<String, String> = HashMap::new();
    let mut pages: Vec<(String, String)> = Vec::new();
    let mut assets = Vec::new();
    for rel in files {
        if is_markdown(rel) {
            let dest = dest_of(rel);
            // `index.md` and `README.md` in one folder: the index wins, as in MkDocs.
            if let Some(other) = taken.get(&dest) {
                report.problem(
                    &format!("{docs_dir}/{rel}"),
                    1,
                    format!("{docs_dir}/{other} is already this folder's page; left out"),
                    "merge the two files, or rename one",
                );
                continue;
            }
            taken.insert(dest.clone(), rel.clone());
            dests.insert(rel.clone(), dest.clone());
            pages.push((rel.clone(), dest));
        } else {
            dests.insert(rel.clone(), rel.clone());
            assets.push(Asset {
                from: docs.join(rel),
                dest: rel.clone(),
            });
        }
    }
    Plan {
        dests,
        taken,
        pages,
        assets,
    }
}

/// `a/x.md` beside a folder `a/x/` (its images, or more pages): both are
/// /a/x/ in the new site, where a folder is a section. The page becomes
/// the folder's own page; when the folder has one, it goes inside.
fn pages_beside_folders(plan: &mut Plan, docs_dir: &str, files: &[String], report: &mut Report) {
    let Plan {
        dests,
        taken,
        pages,
        ..
    } = plan;
    for (rel, dest) in pages.iter_mut() {
        if dest.ends_with("_index.md") {
            continue;
        }
        let folder = super::without_extension(dest).to_string();
        if !files.iter().any(|f| f.starts_with(&format!("{folder}/"))) {
            continue;
        }
        let own = format!("{folder}/_index.md");
        let moved = if taken.contains_key(&own) {
            let name = folder.rsplit('/').next().unwrap_or(&folder).to_string();
            report.problem(
                &format!("{docs_dir}/{rel}"),
                1,
                format!("MkDocs serves this page and {docs_dir}/{} at one URL; imported as {folder}/{name}.md", taken[&own]),
                "merge the two pages, or rename one",
            );
            format!("{folder}/{name}.md")
        } else {
            report.count("pages beside their folder → the folder's page");
            own
        };
        taken.insert(moved.clone(), rel.clone());
        dests.insert(rel.clone(), moved.clone());
        *dest = moved;
    }
}

/// One page as a helpsite page: its front matter, its title (its first
/// `# heading`, else its nav label, else its name), admonitions as callouts
/// and links to the new places.
fn convert_page(
    src: &Path,
    docs_dir: &str,
    rel: &str,
    dest: &str,
    nav: &HashMap<String, NavEntry>,
    dests: &HashMap<String, String>,
    report: &mut Report,
) -> Option<Page> {
    // Findings name the file from SRC, as the person typed it.
    let shown = format!("{docs_dir}/{rel}");
    let source = read_source(src, &shown, report)?;
    let split = front::split(&source, &shown, report);
    let mut f = Front {
        title: front::text(&split.keys, "title"),
        description: front::text(&split.keys, "description"),
        tags: front::list(&split.keys, "tags"),
        ..Front::default()
    };
    f.keep_rest(&split.keys, &["title", "description", "tags"], report);
    let mut body = split.body.to_string();
    // Lines taken off the top of the body (its first heading), so that
    // findings still name the source's lines.
    let mut cut_lines = 0;
    let place = nav.get(rel).cloned().unwrap_or_default();
    if nav.contains_key(rel) {
        f.weight = Some(place.weight);
    }
    // The page's first `# heading` is the title its readers saw: it
    // becomes the title and leaves the body, so it is not shown twice.
    // A nav label is often relative to its group ("Overview" under "High
    // availability"), so it titles only a page without a heading.
    cut_lines += super::heading_as_title(&mut f.title, &mut body, report);
    if f.title.is_none() {
        f.title = place.title;
    }
    if f.title.is_none() {
        let name = super::without_extension(rel.rsplit('/').next().unwrap_or(rel));
        f.title = Some(front::title_from_name(if name == "index" {
            "Home"
        } else {
            name
        }));
    }
    let body = admonitions(&body, &shown, split.body_line + cut_lines, report);
    let body = super::relink(&body, rel, dest, dests, report);
    Some(Page {
        source: shown,
        dest: dest.to_string(),
        front: f.to_mapping(dest.ends_with("_index.md")),
        body,
    })
}

/// A nav group whose pages are all in one folder without a page of its
/// own names that folder's section.
fn nav_group_sections(
    groups: &[NavGroup],
    config_name: &str,
    pages: &mut Vec<Page>,
    report: &mut Report,
) {
    for g in groups {
        let folders: Vec<&str> = g.pages.iter().map(|p| text::dir_of(p)).collect();
        let Some(&folder) = folders.first() else {
            continue;
        };
        if folder.is_empty() || folders.iter().any(|f| *f != folder) {
            continue;
        }
        let dest = format!("{folder}/_index.md");
        if pages.iter().any(|p| p.dest == dest) {
            continue;
        }
        let f = Front {
            title: Some(g.title.clone()),
            weight: Some(g.weight),
            ..Front::default()
        };
        pages.push(Page {
            source: format!("{config_name} (nav)"),
            dest,
            front: f.to_mapping(true),
            body: String::new(),
        });
        report.count("nav groups → section pages");
    }
}

/// Reads the nav: `- page.md`, `- Title: page.md`, `- Group: [...]`;
/// external links (`- Blog: https://…`) are not pages.
fn walk_nav(
    items: &[Value],
    nav: &mut HashMap<String, NavEntry>,
    groups: &mut Vec<NavGroup>,
    counter: &mut i64,
) -> Vec<String> {
    let mut pages = Vec::new();
    for item in items {
        *counter += 1;
        let (title, value) = match item {
            Value::Mapping(m) if m.len() == 1 => match m.iter().next() {
                Some((k, v)) => (k.as_str().map(str::to_string), v),
                None => continue,
            },
            other => (None, other),
        };
        match value {
            Value::String(path) if is_markdown(path) && !text::is_external(path) => {
                let path = path.trim_start_matches("./").to_string();
                nav.insert(
                    path.clone(),
                    NavEntry {
                        title,
                        weight: *counter,
                    },
                );
                pages.push(path);
            }
            Value::Sequence(children) => {
                let weight = *counter;
                let below = walk_nav(children, nav, groups, counter);
                if let Some(title) = title {
                    groups.push(NavGroup {
                        title,
                        weight,
                        pages: below.clone(),
                    });
                }
                pages.extend(below);
            }
            _ => {}
        }
    }
    pages
}

/// `!!! kind "Title"` (and `???`/`???+`, collapsible) with its indented
/// content → a callout; content tabs (`=== "Tab"`) and snippets (`--8<--`)
/// are left as written and reported.
fn admonitions(body: &str, source: &str, body_line: usize, report: &mut Report) -> String {
    let mut out = String::with_capacity(body.len());
    let lines: Vec<&str> = body.lines().collect();
    let mut fence: Option<&str> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            out.push_str(line);
            out.push('\n');
            i += 1;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
        }
        let marker = ["!!! ", "???+ ", "??? "]
            .into_iter()
            .find(|m| line.starts_with(m));
        if let Some(m) = marker {
            let head = line[m.len()..].trim();
            let (kind, title) = match head.split_once(' ') {
                Some((k, t)) => (k, Some(t.trim().trim_matches('"'))),
                None => (head, None),
            };
            let mut content = String::new();
            i += 1;
            while i < lines.len()
                && (lines[i].trim().is_empty()
                    || lines[i].starts_with("    ")
                    || lines[i].starts_with('\t'))
            {
                let l = lines[i];
                let l = l
                    .strip_prefix("    ")
                    .or_else(|| l.strip_prefix('\t'))
                    .unwrap_or(l);
                content.push_str(l);
                content.push('\n');
                i += 1;
            }
            let title = title
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .or_else(|| {
                    // MkDocs titles an admonition by its kind when none is given.
                    Some(front::title_from_name(kind))
                });
            out.push_str(&callout(text::alert_kind(kind), title.as_deref(), &content));
            out.push('\n');
            report.count("admonitions → callouts");
            continue;
        }
        if line.starts_with("=== \"") || trimmed.starts_with("--8<--") {
            report.problem(
                source,
                body_line + i,
                if trimmed.starts_with("--8<--") {
                    "a snippet include (pymdownx.snippets) has no equivalent; left as written"
                } else {
                    "a content tab (pymdownx.tabbed) has no equivalent; left as written"
                },
                "write the text out, or split the tabs into sections",
            );
        }
        out.push_str(line);
        out.push('\n');
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admonitions_become_callouts_and_code_is_left_alone() {
        let body = "!!! warning \"Back up first\"\n    Copy the folder.\n\n    Then run it.\n\nAfter.\n\n```\n!!! note\n    not this\n```\n??? tip\n    Hidden tip.\n";
        let mut report = Report::default();
        let out = admonitions(body, "a.md", 1, &mut report);
        assert!(
            out.starts_with(
                "> [!WARNING]\n> **Back up first**\n>\n> Copy the folder.\n>\n> Then run it.\n"
            ),
            "{out}"
        );
        assert!(out.contains("```\n!!! note\n    not this\n```\n"), "{out}");
        assert!(
            out.contains("> [!TIP]\n> **Tip**\n>\n> Hidden tip.\n"),
            "{out}"
        );
        assert_eq!(report.converted["admonitions → callouts"], 2);
    }
}
