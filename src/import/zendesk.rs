//! Zendesk Guide help centers: a folder of what the Help Center API returns
//! for `categories.json`, `sections.json` and `articles.json` (each file one
//! response object or a list of them, and further pages as `articles-2.json`
//! and the like), at the folder's top or in one folder per locale.
//!
//! Categories and sections become sections (nested sections too), articles
//! become markdown (their HTML converted with htmd: headings, lists, tables,
//! code with its language, images, and callout blocks as callouts),
//! `label_names` tags, `position` the weight, `draft` and `updated_at` kept,
//! each article's, section's and category's old `/hc/LOCALE/…/ID-…` path an
//! alias, and links
//! between articles, sections and categories rewritten to relative `.md`
//! links. Attachments stay where Zendesk serves them and are reported.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::front::Front;
use super::text;
use super::{Imported, Page, Report, read_source};
use crate::diagnostics::Diagnostic;

/// The three kinds of objects, by the file names the API gives them.
const KINDS: [&str; 3] = ["categories", "sections", "articles"];

/// One API object, with where it was read (for findings).
struct Object {
    value: Value,
    file: String,
    line: usize,
}

pub(crate) fn read(src: &Path) -> Result<Imported, Vec<Diagnostic>> {
    let mut report = Report::default();
    let folder = locale_folder(src, &mut report)?;
    let mut objects: BTreeMap<&str, Vec<Object>> = BTreeMap::new();
    for kind in KINDS {
        objects.insert(kind, read_kind(src, &folder, kind, &mut report)?);
    }
    let categories = objects.remove("categories").unwrap_or_default();
    let sections = objects.remove("sections").unwrap_or_default();
    let articles = objects.remove("articles").unwrap_or_default();
    if articles.is_empty() {
        return Err(vec![
            Diagnostic::error("import", "no articles: articles.json is missing or lists none")
                .at(src.join(&folder))
                .hint("save what GET /api/v2/help_center/articles.json returns (every page) as articles.json in this folder"),
        ]);
    }
    // Folders: a category's from its name, a section's below its category
    // (or its parent section), each name unique among its siblings.
    let mut used: HashSet<String> = HashSet::new();
    let mut pages: Vec<Page> = Vec::new();
    let category_dir = place_categories(&categories, &mut used, &mut pages, &mut report);
    let section_dir = place_sections(&sections, &category_dir, &mut used, &mut pages, &mut report);
    // Articles: their place, then their text (links need every place).
    let (placed, article_dest) = place_articles(&articles, &section_dir, &mut used, &mut report);
    let places = Places {
        articles: &article_dest,
        sections: &section_dir,
        categories: &category_dir,
    };
    let converter = converter();
    for (a, id, dest) in placed {
        pages.push(convert_article(
            a,
            id,
            dest,
            &places,
            &converter,
            &mut report,
        ));
    }
    Ok(Imported {
        title: "Help Center".into(),
        description: String::new(),
        base_url: "/".into(),
        language: folder_locale(&folder, &articles),
        pages,
        assets: Vec::new(),
        report,
    })
}

/// Each category a top-level folder with its section page; category id → folder.
fn place_categories(
    categories: &[Object],
    used: &mut HashSet<String>,
    pages: &mut Vec<Page>,
    report: &mut Report,
) -> HashMap<u64, String> {
    let mut category_dir: HashMap<u64, String> = HashMap::new();
    for c in categories {
        let Some(id) = c.value["id"].as_u64() else {
            report.problem(&c.file, c.line, "a category without an id; left out", "");
            continue;
        };
        let name = text_of(&c.value, "name").unwrap_or_else(|| format!("Category {id}"));
        let dir = unique(used, "", &name, id);
        category_dir.insert(id, dir.clone());
        pages.push(section_page(&dir, &name, &c.value, c));
        report.count("categories → sections");
    }
    category_dir
}

/// Each section a folder below its category or parent section, with its
/// section page; section id → folder.
fn place_sections(
    sections: &[Object],
    category_dir: &HashMap<u64, String>,
    used: &mut HashSet<String>,
    pages: &mut Vec<Page>,
    report: &mut Report,
) -> HashMap<u64, String> {
    let mut section_dir: HashMap<u64, String> = HashMap::new();
    // Parents before children: a section's folder needs its parent's.
    let mut pending: Vec<&Object> = sections.iter().collect();
    while !pending.is_empty() {
        let before = pending.len();
        pending.retain(|s| {
            let Some(id) = s.value["id"].as_u64() else {
                report.problem(&s.file, s.line, "a section without an id; left out", "");
                return false;
            };
            let parent = match s.value["parent_section_id"].as_u64() {
                Some(p) => match section_dir.get(&p) {
                    Some(d) => d.clone(),
                    None if sections.iter().any(|o| o.value["id"].as_u64() == Some(p)) => {
                        return true;
                    }
                    None => {
                        report.problem(
                            &s.file,
                            s.line,
                            format!("parent section {p} is not in sections.json; placed in its category"),
                            "export every section, or move it by hand",
                        );
                        category_of(&s.value, category_dir, &s.file, s.line, report)
                    }
                },
                None => category_of(&s.value, category_dir, &s.file, s.line, report),
            };
            let name = text_of(&s.value, "name").unwrap_or_else(|| format!("Section {id}"));
            let dir = unique(used, &parent, &name, id);
            section_dir.insert(id, dir.clone());
            pages.push(section_page(&dir, &name, &s.value, s));
            report.count("sections → sections");
            false
        });
        if pending.len() == before {
            // Sections that are each other's parents: none can be placed.
            for s in pending.drain(..) {
                report.problem(
                    &s.file,
                    s.line,
                    "this section's parents form a loop; left out",
                    "fix parent_section_id in Zendesk",
                );
            }
        }
    }

    section_dir
}

/// An article with its id and where it goes.
type Placed<'o> = (&'o Object, u64, String);

/// Where each article goes (its section's folder, its title's file name):
/// the articles with their ids and places, and id → place.
fn place_articles<'o>(
    articles: &'o [Object],
    section_dir: &HashMap<u64, String>,
    used: &mut HashSet<String>,
    report: &mut Report,
) -> (Vec<Placed<'o>>, HashMap<u64, String>) {
    let mut article_dest: HashMap<u64, String> = HashMap::new();
    let mut placed: Vec<Placed> = Vec::new();
    for a in articles {
        let Some(id) = a.value["id"].as_u64() else {
            report.problem(&a.file, a.line, "an article without an id; left out", "");
            continue;
        };
        if article_dest.contains_key(&id) {
            report.problem(
                &a.file,
                a.line,
                format!("article {id} is listed twice; the first is kept"),
                "",
            );
            continue;
        }
        let dir = match a.value["section_id"].as_u64() {
            Some(s) if section_dir.contains_key(&s) => section_dir[&s].clone(),
            other => {
                report.problem(
                    &a.file,
                    a.line,
                    match other {
                        Some(s) => format!("section {s} is not in sections.json; the article is imported at the top"),
                        None => "the article has no section_id; imported at the top".into(),
                    },
                    "export sections.json too, or move the file by hand",
                );
                String::new()
            }
        };
        let title = text_of(&a.value, "title").unwrap_or_else(|| format!("Article {id}"));
        let name = unique(used, &dir, &title, id);
        let dest = format!("{name}.md");
        article_dest.insert(id, dest.clone());
        placed.push((a, id, dest));
    }
    (placed, article_dest)
}

/// One article as a helpsite page: front matter from its fields, its old
/// URLs as aliases, its HTML as markdown with links to the new places.
fn convert_article(
    a: &Object,
    id: u64,
    dest: String,
    places: &Places,
    converter: &htmd::HtmlToMarkdown,
    report: &mut Report,
) -> Page {
    let v = &a.value;
    let mut f = Front {
        title: Some(text_of(v, "title").unwrap_or_else(|| {
            report.problem(
                &a.file,
                a.line,
                format!("article {id} has no title; titled by its id"),
                "give it a title",
            );
            format!("Article {id}")
        })),
        weight: v["position"].as_i64(),
        tags: v["label_names"]
            .as_array()
            .map(|l| {
                l.iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        draft: v["draft"].as_bool().unwrap_or(false),
        updated: v["updated_at"]
            .as_str()
            .and_then(|d| d.get(..10))
            .map(str::to_string),
        ..Front::default()
    };
    if let Some(path) = v["html_url"].as_str().and_then(url_path) {
        f.aliases.push(format!("{}/", path.trim_end_matches('/')));
        // Zendesk answers /hc/LOCALE/articles/ID as well as ID-title.
        if let Some(short) = short_path(&path)
            && short != path
        {
            f.aliases.push(format!("{short}/"));
        }
        report.count("old URLs kept as aliases");
    }
    f.extra.insert("zendesk_id".into(), id.into());
    for key in ["promoted", "comments_disabled", "outdated"] {
        if v[key].as_bool() == Some(true) {
            f.extra.insert(key.into(), true.into());
        }
    }
    let html = v["body"].as_str().unwrap_or_default();
    let body = match converter.convert(html) {
        Ok(md) => md,
        Err(e) => {
            report.problem(
                &a.file,
                a.line,
                format!("article {id}'s HTML could not be converted ({e}); kept as HTML"),
                "",
            );
            html.to_string()
        }
    };
    report.count("articles → markdown");
    let body = relink(&body, &dest, places, &a.file, a.line, report);
    note_attachments(&body, &a.file, a.line, report);
    Page {
        source: format!("{} (article {id})", a.file),
        dest,
        front: f.to_mapping(false),
        body: format!("{}\n", body.trim()),
    }
}

/// The folder to read: SRC itself when it holds articles*.json, else the
/// one locale folder there is, or the first of several (`en-us` preferred),
/// the others reported. Relative to SRC (empty for SRC).
fn locale_folder(src: &Path, report: &mut Report) -> Result<String, Vec<Diagnostic>> {
    if !kind_files(src, "articles").is_empty() {
        return Ok(String::new());
    }
    let mut locales: Vec<String> = std::fs::read_dir(src)
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().is_dir() && !kind_files(&e.path(), "articles").is_empty())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    locales.sort();
    let Some(first) = locales
        .iter()
        .find(|l| l.eq_ignore_ascii_case("en-us"))
        .or(locales.first())
        .cloned()
    else {
        return Err(vec![
            Diagnostic::error("import", "no articles.json: this does not look like a Zendesk Guide export")
                .at(src)
                .hint("save what the Help Center API returns for categories.json, sections.json and articles.json (every page) in one folder, or one folder per locale"),
        ]);
    };
    for other in locales.iter().filter(|l| **l != first) {
        report.problem(
            other,
            1,
            format!("the {other} translations are not imported; {first} is"),
            "import each locale into a site of its own for now",
        );
    }
    Ok(first)
}

/// `categories.json`, then its further pages (`categories-2.json`,
/// `categories.2.json`, `categories_page_2.json`…) in natural order.
fn kind_files(dir: &Path, kind: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| {
                    n.strip_prefix(kind)
                        .and_then(|r| r.strip_suffix(".json"))
                        .is_some_and(|r| r.is_empty() || r.starts_with(['-', '_', '.']))
                })
                .collect()
        })
        .unwrap_or_default();
    let number = |n: &str| -> u64 {
        n.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or(0)
    };
    files.sort_by_key(|n| (number(n), n.clone()));
    files
}

fn folder_file(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

/// Every object of a kind from its files: each file one response object
/// (`{"articles": […], "next_page": …}`), a list of them, or a bare list.
fn read_kind(
    src: &Path,
    folder: &str,
    kind: &str,
    report: &mut Report,
) -> Result<Vec<Object>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut seen: HashSet<u64> = HashSet::new();
    for name in kind_files(&src.join(folder), kind) {
        let file = folder_file(folder, &name);
        let Some(text) = read_source(src, &file, report) else {
            continue;
        };
        let value: Value = serde_json::from_str(&text).map_err(|e| {
            vec![
                Diagnostic::error("import", format!("malformed {name}: {e}"))
                    .at(src.join(&file))
                    .line(e.line().max(1))
                    .hint("save the API's response as it came, or fix the file, and import again"),
            ]
        })?;
        let pages: Vec<&Value> = match &value {
            Value::Array(items) if items.iter().all(|i| i.get(kind).is_some()) => {
                items.iter().collect()
            }
            Value::Array(_) => vec![&value],
            other => vec![other],
        };
        let mut from = 0;
        for page in pages {
            let list = match page {
                Value::Array(items) => items,
                other => match other.get(kind).and_then(Value::as_array) {
                    Some(items) => items,
                    None => {
                        report.problem(
                            &file,
                            1,
                            format!("no `{kind}` list in this file; nothing read from it"),
                            &format!("save the response of /api/v2/help_center/{kind}.json"),
                        );
                        continue;
                    }
                },
            };
            for item in list {
                let id = item["id"].as_u64();
                let line = id.map_or(1, |id| line_of_id(&text, id, &mut from));
                // Pages of results overlap when the export ran while writers worked.
                if id.is_some_and(|id| !seen.insert(id)) {
                    continue;
                }
                out.push(Object {
                    value: item.clone(),
                    file: file.clone(),
                    line,
                });
            }
        }
    }
    Ok(out)
}

/// The line of `"id": ID` in the file, searching on from the last found.
fn line_of_id(text: &str, id: u64, from: &mut usize) -> usize {
    let pattern = format!("{id}");
    let mut at = *from;
    while let Some(i) = text.get(at..).and_then(|t| t.find(&pattern)) {
        let start = at + i;
        let before = text[..start].trim_end();
        let digit_after = text[start + pattern.len()..].starts_with(|c: char| c.is_ascii_digit());
        if before.ends_with(':')
            && before[..before.len() - 1].trim_end().ends_with("\"id\"")
            && !digit_after
        {
            *from = start;
            return text[..start].matches('\n').count() + 1;
        }
        at = start + pattern.len();
    }
    1
}

fn text_of(v: &Value, key: &str) -> Option<String> {
    v[key]
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A category's folder for a section, or the top when it is unknown.
fn category_of(
    v: &Value,
    categories: &HashMap<u64, String>,
    file: &str,
    line: usize,
    report: &mut Report,
) -> String {
    match v["category_id"].as_u64() {
        Some(c) if categories.contains_key(&c) => categories[&c].clone(),
        other => {
            report.problem(
                file,
                line,
                match other {
                    Some(c) => format!(
                        "category {c} is not in categories.json; the section is placed at the top"
                    ),
                    None => "the section has no category_id; placed at the top".into(),
                },
                "export categories.json too, or move the folder by hand",
            );
            String::new()
        }
    }
}

/// A name for a new folder or file below `parent`, from a title, unique
/// (the id added when two titles make one name).
fn unique(used: &mut HashSet<String>, parent: &str, title: &str, id: u64) -> String {
    let slug = crate::slug::slugify(title);
    let slug = if slug.is_empty() {
        id.to_string()
    } else {
        slug
    };
    let join = |name: &str| {
        if parent.is_empty() {
            name.to_string()
        } else {
            format!("{parent}/{name}")
        }
    };
    let mut path = join(&slug);
    if !used.insert(path.clone()) {
        path = join(&format!("{slug}-{id}"));
        used.insert(path.clone());
    }
    path
}

fn section_page(dir: &str, name: &str, v: &Value, o: &Object) -> Page {
    let f = Front {
        title: Some(name.to_string()),
        description: text_of(v, "description"),
        weight: v["position"].as_i64(),
        ..Front::default()
    };
    let mut front = f.to_mapping(true);
    // Its old addresses, as an article's: `/hc/LOCALE/sections/ID-name/` and
    // the short `/hc/LOCALE/sections/ID/`.
    if let Some(path) = v["html_url"].as_str().and_then(url_path) {
        let mut aliases = vec![format!("{}/", path.trim_end_matches('/'))];
        if let Some(short) = short_path(&path).filter(|s| *s != path) {
            aliases.push(format!("{short}/"));
        }
        front.insert(
            "aliases".into(),
            serde_yaml::Value::Sequence(aliases.into_iter().map(Into::into).collect()),
        );
    }
    Page {
        source: format!("{} ({})", o.file, v["id"]),
        dest: format!("{dir}/_index.md"),
        front,
        body: String::new(),
    }
}

/// `https://acme.zendesk.com/hc/en-us/articles/1-A` → `/hc/en-us/articles/1-A`.
fn url_path(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    (!path.contains("..")).then(|| path.to_string())
}

/// `/hc/en-us/articles/123-Title` → `/hc/en-us/articles/123`.
fn short_path(path: &str) -> Option<String> {
    let c = ZENDESK_LINK.as_ref()?.captures(path)?;
    Some(path[..c.get(2)?.end()].to_string())
}

/// Where the new site keeps what old links point at.
struct Places<'a> {
    articles: &'a HashMap<u64, String>,
    sections: &'a HashMap<u64, String>,
    categories: &'a HashMap<u64, String>,
}

static ZENDESK_LINK: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"/hc/(?:[A-Za-z-]+/)?(articles|sections|categories)/(\d+)[^/?#]*").ok()
});

/// Links to the help center's articles, sections and categories (by full
/// URL or path, any locale) → relative `.md` links; links to what the
/// export does not hold are reported.
fn relink(
    body: &str,
    from: &str,
    places: &Places,
    file: &str,
    line: usize,
    report: &mut Report,
) -> String {
    let Some(re) = ZENDESK_LINK.as_ref() else {
        return body.to_string();
    };
    let mut linked = 0;
    let mut missing = Vec::new();
    let out = text::map_prose(body, |prose, _| {
        text::rewrite_links(prose, |target, _| {
            let c = re.captures(target)?;
            let before = &target[..c.get(0)?.start()];
            // Only this help center: a path, or a URL whose path it is.
            if !(before.is_empty() || before.starts_with("http")) {
                return None;
            }
            let id: u64 = c[2].parse().ok()?;
            let to = match &c[1] {
                "articles" => places.articles.get(&id).cloned(),
                "sections" => places.sections.get(&id).map(|d| format!("{d}/_index.md")),
                _ => places.categories.get(&id).map(|d| format!("{d}/_index.md")),
            };
            let Some(to) = to else {
                missing.push(format!("{} {id}", &c[1]));
                return None;
            };
            let (_, fragment) = text::split_fragment(target);
            linked += 1;
            Some(format!("{}{fragment}", text::relative(from, &to)))
        })
    });
    if linked > 0 {
        *report
            .converted
            .entry("links between articles → relative .md links".into())
            .or_default() += linked;
    }
    if !missing.is_empty() {
        report.problem(
            file,
            line,
            format!(
                "links to {} not in the export; left as written",
                missing.join(", ")
            ),
            "export them too, or change the links",
        );
    }
    out
}

/// Attachments (`/hc/article_attachments/…`) stay where Zendesk serves them.
fn note_attachments(body: &str, file: &str, line: usize, report: &mut Report) {
    let n = body.matches("/article_attachments/").count();
    if n > 0 {
        report.problem(
            file,
            line,
            format!("{n} attachment(s) are still served by Zendesk (…/article_attachments/…)"),
            "download them into the article's folder and link them there before the help center closes",
        );
    }
}

/// The language of the articles read: their `locale`, else the folder's name.
fn folder_locale(folder: &str, articles: &[Object]) -> String {
    articles
        .first()
        .and_then(|a| a.value["locale"].as_str())
        .map(str::to_string)
        .or_else(|| (!folder.is_empty()).then(|| folder.to_string()))
        .unwrap_or_else(|| "en".into())
}

/// HTML → markdown: htmd's conversion with `-` bullets, and callout blocks
/// (`<div class="callout callout--warning">`, `<p class="note">`…) as
/// GitHub's `> [!KIND]` callouts.
fn converter() -> htmd::HtmlToMarkdown {
    use htmd::element_handler::{HandlerResult, Handlers};
    htmd::HtmlToMarkdown::builder()
        .options(htmd::options::Options {
            bullet_list_marker: htmd::options::BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            ..Default::default()
        })
        .skip_tags(vec!["script", "style"])
        .add_handler(
            vec!["div", "p", "aside", "blockquote"],
            |handlers: &dyn Handlers, element: htmd::Element| -> Option<HandlerResult> {
                let class = element
                    .attrs
                    .iter()
                    .find(|a| &*a.name.local == "class")
                    .map(|a| a.value.to_string().to_lowercase())
                    .unwrap_or_default();
                let Some(kind) = callout_kind(&class) else {
                    return handlers.fallback(element);
                };
                let inner = handlers.walk_children(element.node).content;
                Some(format!("\n\n{}\n\n", text::callout(kind, None, inner.trim())).into())
            },
        )
        .build()
}

/// The callout a block's classes name, if any.
fn callout_kind(class: &str) -> Option<&'static str> {
    let words: Vec<&str> = class
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let is_callout = words.iter().any(|w| {
        matches!(
            *w,
            "callout"
                | "note"
                | "tip"
                | "warning"
                | "alert"
                | "important"
                | "caution"
                | "danger"
                | "info"
                | "notice"
        )
    });
    if !is_callout {
        return None;
    }
    for w in &words {
        let kind = text::alert_kind(w);
        if kind != "NOTE" {
            return Some(kind);
        }
    }
    Some("NOTE")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_markdown_with_callouts_and_code() {
        let md = converter()
            .convert("<h2>Steps</h2><ol><li>Open <strong>Settings</strong></li><li>Save</li></ol><div class=\"callout callout--warning\"><p>Back up first.</p></div><pre><code class=\"language-bash\">ls -la\n</code></pre><table><tr><th>Plan</th><th>Hours</th></tr><tr><td>Pro</td><td>24/7</td></tr></table>")
            .unwrap_or_default();
        assert!(md.contains("## Steps"), "{md}");
        assert!(md.contains("1. Open **Settings**"), "{md}");
        assert!(md.contains("> [!WARNING]\n> Back up first."), "{md}");
        assert!(md.contains("```bash\nls -la\n```"), "{md}");
        assert!(md.contains("| Plan | Hours |"), "{md}");
    }

    #[test]
    fn old_paths_and_their_short_form() {
        assert_eq!(
            url_path("https://acme.zendesk.com/hc/en-us/articles/123-Reset-it?x=1").as_deref(),
            Some("/hc/en-us/articles/123-Reset-it")
        );
        assert_eq!(
            short_path("/hc/en-us/articles/123-Reset-it").as_deref(),
            Some("/hc/en-us/articles/123")
        );
    }

    #[test]
    fn ids_are_found_on_their_lines() {
        let text =
            "{\"articles\": [\n {\"id\": 12,\n  \"section_id\": 1},\n {\"id\": 1, \"x\": 123}\n]}";
        let mut from = 0;
        assert_eq!(line_of_id(text, 12, &mut from), 2);
        assert_eq!(line_of_id(text, 1, &mut from), 4);
    }
}
