//! Turning parsed files into a site: folders become sections, every document gets
//! its URL, duplicates and unsafe slugs are refused, and sections, tags and aliases
//! are put in their reading order.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use foldhash::fast::FixedState as FastState;

use super::read_tree::{Parsed, ParsedArticle, ParsedSection};
use super::{Article, ArticleMeta, Asset, Content, Doc, Section, Tag};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::slug::{PathStyle, is_safe_slug, path_segment, slugify};

/// URL paths the build generates itself; content may not take them.
pub(crate) const RESERVED_PATHS: &[&str] = &["tags/", "search/"];

pub(super) fn resolve(
    parsed: Vec<Parsed>,
    assets: Vec<(PathBuf, String)>,
    include_drafts: bool,
    paths: PathStyle,
    layout: &crate::layout::Layout,
) -> (Content, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut content = Content::default();

    let mut articles_in: Vec<ParsedArticle> = Vec::new();
    let mut indexes: HashMap<String, ParsedSection> = HashMap::new();
    for p in parsed {
        match p {
            Parsed::Article(a) if a.meta.draft && !include_drafts => {
                content.drafts.insert(a.source);
            }
            Parsed::Article(a) => articles_in.push(a),
            Parsed::Section(s) => {
                indexes.insert(s.dir.clone(), *s);
            }
        }
    }
    let dirs = section_dirs(&articles_in, &indexes);
    let section_of_dir = add_sections(dirs, indexes, paths, layout, &mut content, &mut diags);
    add_articles(
        articles_in,
        &section_of_dir,
        paths,
        layout,
        &mut content,
        &mut diags,
    );
    check_unique_urls(&content, &mut diags);
    order(&mut content);
    collect_tags(&mut content);
    place_assets(&mut content, assets, &section_of_dir);
    (content, diags)
}

/// Every folder that holds an article (at any depth) or an _index.md is a
/// section, the root (`""`) included.
fn section_dirs(
    articles_in: &[ParsedArticle],
    indexes: &HashMap<String, ParsedSection>,
) -> BTreeSet<String> {
    // A folder seen before had its parents added then, so the climb stops there.
    let mut seen: HashSet<&str, FastState> = HashSet::default();
    seen.insert("");
    for d in articles_in
        .iter()
        .map(|a| parent_dir(&a.source))
        .chain(indexes.keys().map(String::as_str))
    {
        let mut d = d;
        while seen.insert(d) {
            d = parent_dir(d);
        }
    }
    seen.into_iter().map(str::to_string).collect()
}

/// Adds a section for every folder, with its URL, title and aliases;
/// returns each folder's section.
fn add_sections(
    dirs: BTreeSet<String>,
    mut indexes: HashMap<String, ParsedSection>,
    paths: PathStyle,
    layout: &crate::layout::Layout,
    content: &mut Content,
    diags: &mut Diagnostics,
) -> HashMap<String, usize> {
    // BTreeSet order puts every parent before its children.
    let mut section_of_dir: HashMap<String, usize> = HashMap::new();
    for dir in dirs {
        let index = indexes.remove(&dir);
        let parent = (!dir.is_empty()).then(|| section_of_dir[parent_dir(&dir)]);
        let name = dir.rsplit('/').next().unwrap_or("");
        let shown = match &index {
            Some(ix) => content_path(&ix.source),
            None => content_path(&dir),
        };
        let slug = match index.as_ref().and_then(|ix| ix.meta.slug.clone()) {
            Some(s) if is_safe_slug(&s) => s,
            Some(s) => {
                let ix = index.as_ref().map(|ix| (ix.yaml.as_str(), ix.yaml_line));
                diags.push(unsafe_slug(&s, &shown, ix));
                path_segment(name, paths)
            }
            None => path_segment(name, paths),
        };
        if !dir.is_empty() && slug.is_empty() {
            diags.push(
                Diagnostic::error(
                    "slug",
                    format!("the folder name `{name}` gives an empty URL segment"),
                )
                .at(&shown)
                .hint("rename the folder with letters or digits, or set `slug:` in its _index.md"),
            );
        }
        let path = match parent {
            Some(p) => format!("{}{}/", content.sections[p].path, slug),
            None => String::new(),
        };
        // Where `aliases:` is written, for a refused alias.
        let aliases_line = index.as_ref().map_or(1, |ix| {
            crate::yaml::key_line(&ix.yaml, "aliases").map_or(1, |l| l + ix.yaml_line - 1)
        });
        let (meta, body, body_line, index_source, revision) = match index {
            Some(ix) => (ix.meta, ix.body, ix.body_line, Some(ix.source), ix.revision),
            None => (Default::default(), "".into(), 1, None, 0),
        };
        let title = meta.title.clone().unwrap_or_else(|| humanize(name));
        let mut aliases = Vec::new();
        for alias in &meta.aliases {
            match normalize_alias(alias) {
                Some(p) => aliases.push(p),
                None => diags.push(
                    Diagnostic::error(
                        "alias",
                        format!("alias `{alias}` is not a path inside the site"),
                    )
                    .at(&shown)
                    .line(aliases_line)
                    .hint("write aliases as site paths such as /old/place/ (no `..`, no host)"),
                ),
            }
        }
        let idx = content.sections.len();
        if let Some(p) = parent {
            content.sections[p].subsections.push(idx);
        }
        content.by_source.insert(dir.clone(), Doc::Section(idx));
        if let Some(src) = &index_source {
            content.by_source.insert(src.clone(), Doc::Section(idx));
            if let std::borrow::Cow::Owned(name) = layout.source_name(src) {
                content.by_source.insert(name, Doc::Section(idx));
            }
        }
        section_of_dir.insert(dir.clone(), idx);
        content.sections.push(Section {
            dir,
            index_source,
            meta,
            title,
            body,
            body_line,
            revision,
            path,
            parent,
            aliases,
            subsections: Vec::new(),
            articles: Vec::new(),
        });
    }

    section_of_dir
}

/// Adds every article below its folder's section, with its URL.
fn add_articles(
    articles_in: Vec<ParsedArticle>,
    section_of_dir: &HashMap<String, usize>,
    paths: PathStyle,
    layout: &crate::layout::Layout,
    content: &mut Content,
    diags: &mut Diagnostics,
) {
    for a in articles_in {
        // Problems found when the file was read (unsafe slug, bad alias) are
        // reported on every build until the file is fixed.
        diags.extend(a.derived.problems.iter().cloned());
        let slug = match &a.derived.slug {
            ArticleSlug::Refused => continue,
            ArticleSlug::Written(s) => s.clone(),
            ArticleSlug::FromFileName => {
                // A translation's URL is its source's (`faq.ru.md` → faq/).
                let name = layout.source_name(&a.source);
                let stem = name.rsplit('/').next().unwrap_or("");
                let stem = stem.strip_suffix(".md").unwrap_or(stem);
                let s = path_segment(stem, paths);
                if s.is_empty() {
                    diags.push(
                        Diagnostic::error(
                            "slug",
                            format!("the file name `{stem}` gives an empty URL segment"),
                        )
                        .at(content_path(&a.source))
                        .line(1)
                        .hint("rename the file with letters or digits, or set `slug:` in its front matter"),
                    );
                    continue;
                }
                s
            }
        };
        let section = section_of_dir[parent_dir(&a.source)];
        let path = format!("{}{}/", content.sections[section].path, slug);
        let idx = content.articles.len();
        content.sections[section].articles.push(idx);
        content
            .by_source
            .insert(a.source.clone(), Doc::Article(idx));
        // A link written to the source (`faq.md`) reaches its translation.
        if let std::borrow::Cow::Owned(name) = layout.source_name(&a.source) {
            content.by_source.insert(name, Doc::Article(idx));
        }
        content.articles.push(Article {
            source: a.source,
            meta: a.meta,
            updated: a.updated,
            reviewed: a.reviewed,
            body: a.body,
            body_line: a.body_line,
            revision: a.revision,
            path,
            section,
            derived: a.derived,
        });
    }
}

/// Where an article's URL segment comes from: the file name's is made when the
/// site is resolved, as `slugs.paths` says (a changed setting needs no re-read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleSlug {
    /// `slug:` in its front matter, accepted.
    Written(String),
    FromFileName,
    /// `slug:` refused (see `problems`): the article has no URL.
    Refused,
}

/// What an article's file alone determines, worked out once per reading of the
/// file (rebuilds reuse it).
#[derive(Debug)]
pub struct ArticleDerived {
    /// Where its URL segment comes from.
    pub slug: ArticleSlug,
    /// Tag names (trimmed) and their slugs, in the order written, leaving out
    /// names that give no slug.
    pub tag_names: Vec<String>,
    pub tag_slugs: Vec<String>,
    /// Alias paths (normalised, below the base path).
    pub aliases: Vec<String>,
    /// Line of the file where each top-level front matter key is written.
    pub key_lines: Vec<(String, usize)>,
    /// The title in lower case: articles are listed in this order (after weight).
    pub title_order: String,
    /// Refused slug or aliases, reported on every build until the file is fixed.
    pub problems: Vec<Diagnostic>,
}

pub(super) fn derive_article(
    source: &str,
    meta: &ArticleMeta,
    yaml: &str,
    yaml_line: usize,
) -> ArticleDerived {
    let mut problems = Vec::new();
    let slug = match &meta.slug {
        Some(s) if is_safe_slug(s) => ArticleSlug::Written(s.clone()),
        Some(s) => {
            problems.push(unsafe_slug(
                s,
                &content_path(source),
                Some((yaml, yaml_line)),
            ));
            ArticleSlug::Refused
        }
        None => ArticleSlug::FromFileName,
    };
    let mut aliases = Vec::new();
    if slug != ArticleSlug::Refused {
        for alias in &meta.aliases {
            match normalize_alias(alias) {
                Some(p) => aliases.push(p),
                None => {
                    let line =
                        crate::yaml::key_line(yaml, "aliases").map_or(1, |l| l + yaml_line - 1);
                    problems.push(
                        Diagnostic::error(
                            "alias",
                            format!("alias `{alias}` is not a path inside the site"),
                        )
                        .at(content_path(source))
                        .line(line)
                        .hint("write aliases as site paths such as /old/place/ (no `..`, no host)"),
                    );
                }
            }
        }
    }
    // A tag whose name has no letters or digits has no page, so it is left out.
    let tags: Vec<(&String, String)> = meta
        .tags
        .iter()
        .map(|t| (t, slugify(t)))
        .filter(|(_, s)| !s.is_empty())
        .collect();
    ArticleDerived {
        slug,
        tag_names: tags.iter().map(|(n, _)| n.trim().to_string()).collect(),
        tag_slugs: tags.into_iter().map(|(_, s)| s).collect(),
        aliases,
        key_lines: top_level_keys(yaml, yaml_line),
        title_order: meta.title.to_lowercase(),
        problems,
    }
}

/// Each top-level `key:` of a YAML block with its line in the whole file.
fn top_level_keys(yaml: &str, first_line: usize) -> Vec<(String, usize)> {
    yaml.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with([' ', '\t', '-', '#']))
        .filter_map(|(i, l)| {
            let (k, _) = l.split_once(':')?;
            Some((k.trim().trim_matches('"').to_string(), i + first_line))
        })
        .collect()
}

/// `content/` + a content-relative path: how files are named in messages.
pub(crate) fn content_path(source: &str) -> PathBuf {
    Path::new("content").join(source)
}

fn parent_dir(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// `getting-started` → `Getting started`: a readable title for a folder with no _index.md.
fn humanize(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn unsafe_slug(slug: &str, shown: &Path, yaml: Option<(&str, usize)>) -> Diagnostic {
    let line = yaml
        .and_then(|(y, first)| crate::yaml::key_line(y, "slug").map(|l| l + first - 1))
        .unwrap_or(1);
    Diagnostic::error(
        "slug",
        format!("slug `{slug}` is not a single URL segment; it could leave its folder"),
    )
    .at(shown)
    .line(line)
    .hint("use letters, digits, `-`, `_` and `.` only, for example `refund-policy`")
}

/// `/old/place` → `old/place/`; `None` when it is not a plain path inside the site.
fn normalize_alias(alias: &str) -> Option<String> {
    let a = alias.trim().trim_start_matches('/');
    if a.is_empty() || a.contains("://") || a.contains(['\\', '?', '#', '"', '<', '>']) {
        return None;
    }
    let segments: Vec<&str> = a.split('/').filter(|s| !s.is_empty()).collect();
    if segments
        .iter()
        .any(|s| *s == "." || *s == ".." || s.starts_with('.'))
    {
        return None;
    }
    let mut p = segments.join("/");
    if !p.ends_with(".html") {
        p.push('/');
    }
    Some(p)
}

/// Two documents (or an alias) on one URL is an error that names both. URLs
/// are compared without case: paths keep the file names' case
/// (`slugs.paths: keep`), and `FAQ/` and `faq/` are one folder on the disks
/// of macOS and Windows, where the output may be written or served.
fn check_unique_urls(content: &Content, diags: &mut Diagnostics) {
    use std::borrow::Cow;
    fn key(path: &str) -> Cow<'_, str> {
        if path.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(path.to_ascii_lowercase())
        } else {
            Cow::Borrowed(path)
        }
    }
    // Who owns each URL, borrowed where possible (this runs on every rebuild).
    let mut owner: HashMap<Cow<str>, Cow<str>, FastState> = HashMap::default();
    for r in RESERVED_PATHS {
        owner.insert(Cow::Borrowed(r), "helpsite's generated pages".into());
    }
    for s in &content.sections {
        let shown = s.source_name();
        if let Some(prev) = owner.insert(key(&s.path), shown.into()) {
            diags.push(duplicate(&s.path, shown, &prev));
        }
    }
    for a in &content.articles {
        if let Some(prev) = owner.get(&key(&a.path)) {
            diags.push(duplicate(&a.path, &a.source, prev));
        } else {
            owner.insert(key(&a.path), a.source.as_str().into());
        }
    }
    for s in &content.sections {
        for alias in &s.aliases {
            if let Some(prev) = owner.get(&key(alias)) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-url",
                        format!("alias /{alias} is already the URL of {prev}"),
                    )
                    .at(content_path(s.source_name()))
                    .line(1)
                    .hint("remove the alias or move the other page"),
                );
            } else {
                owner.insert(
                    key(alias),
                    format!("an alias of {}", s.source_name()).into(),
                );
            }
        }
    }
    for a in &content.articles {
        for alias in &a.derived.aliases {
            if let Some(prev) = owner.get(&key(alias)) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-url",
                        format!("alias /{alias} is already the URL of {prev}"),
                    )
                    .at(content_path(&a.source))
                    .line(1)
                    .hint("remove the alias or move the other page"),
                );
            } else {
                owner.insert(key(alias), format!("an alias of {}", a.source).into());
            }
        }
    }
}

fn duplicate(path: &str, source: &str, previous: &str) -> Diagnostic {
    Diagnostic::error(
        "duplicate-url",
        format!("/{path} is produced by both {previous} and {source}"),
    )
    .at(content_path(source))
    .line(1)
    .hint("rename one of the files or give it a different `slug:` (URLs that differ only in case count as one)")
}

/// Weight first (unweighted last), then title without regard to case, then source path
/// so equal titles still sort the same way on every machine.
fn order(content: &mut Content) {
    let articles = &content.articles;
    let sections_snapshot: Vec<(Option<i64>, String, String)> = content
        .sections
        .iter()
        .map(|s| (s.meta.weight, s.title.to_lowercase(), s.dir.clone()))
        .collect();
    for s in &mut content.sections {
        s.articles.sort_by(|&i, &j| {
            let (a, b) = (&articles[i], &articles[j]);
            (
                a.meta.weight.unwrap_or(i64::MAX),
                &a.derived.title_order,
                &a.source,
            )
                .cmp(&(
                    b.meta.weight.unwrap_or(i64::MAX),
                    &b.derived.title_order,
                    &b.source,
                ))
        });
        s.subsections.sort_by_cached_key(|&i| {
            let (w, t, d) = &sections_snapshot[i];
            (w.unwrap_or(i64::MAX), t.clone(), d.clone())
        });
    }
}

fn collect_tags(content: &mut Content) {
    let mut tags: BTreeMap<&str, Tag> = BTreeMap::new();
    for (i, a) in content.articles.iter().enumerate() {
        for (name, slug) in a.derived.tag_names.iter().zip(&a.derived.tag_slugs) {
            let tag = tags.entry(slug).or_insert_with(|| Tag {
                name: name.clone(),
                slug: slug.clone(),
                articles: Vec::new(),
            });
            // Articles come in order, so a tag written twice by one article is
            // the last one added.
            if tag.articles.last() != Some(&i) {
                tag.articles.push(i);
            }
        }
    }
    let articles = &content.articles;
    content.tags = tags
        .into_values()
        .map(|mut t| {
            t.articles.sort_by(|&i, &j| {
                (articles[i].derived.title_order).cmp(&articles[j].derived.title_order)
            });
            t
        })
        .collect();
}

/// Assets keep their file names; folders that are sections take the section's URL,
/// other folders keep their names below it.
fn place_assets(
    content: &mut Content,
    assets: Vec<(PathBuf, String)>,
    section_of_dir: &HashMap<String, usize>,
) {
    for (disk_path, source) in assets {
        let dir = parent_dir(&source);
        let file = source.rsplit('/').next().unwrap_or(&source);
        let mut suffix = Vec::new();
        let mut d = dir;
        let base = loop {
            if let Some(&s) = section_of_dir.get(d) {
                break content.sections[s].path.clone();
            }
            suffix.push(d.rsplit('/').next().unwrap_or(d));
            d = parent_dir(d);
        };
        suffix.reverse();
        let mut path = base;
        for s in suffix {
            path.push_str(s);
            path.push('/');
        }
        path.push_str(file);
        content
            .assets_by_source
            .insert(source.clone(), content.assets.len());
        content.assets.push(Asset {
            disk_path,
            source,
            path,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_stay_inside() {
        assert_eq!(normalize_alias("/old/place").as_deref(), Some("old/place/"));
        assert_eq!(normalize_alias("old.html").as_deref(), Some("old.html"));
        assert_eq!(normalize_alias("/../etc/passwd"), None);
        assert_eq!(normalize_alias("https://x.y/"), None);
    }

    #[test]
    fn humanize_folder_names() {
        assert_eq!(humanize("getting-started"), "Getting started");
    }
}
