//! Docusaurus sites: `docusaurus.config.{js,ts,mjs,cjs}` (its title, tagline,
//! `url`, `baseUrl`, default locale and the docs plugin's `path` and
//! `routeBasePath`, read as plain string values: the file is a program and
//! nothing else of it is run or read), the pages below the docs folder with
//! number prefixes (`01-intro.md`) giving order and left out of URLs, as
//! Docusaurus does, `_category_.json`/`.yml` giving folders' labels,
//! positions and descriptions, and front matter (`id`, `slug`, `title`,
//! `sidebar_position`, `sidebar_label`, `tags`, `keywords`, `draft`).
//!
//! Every page keeps its old URL: the docs go into a folder named as their
//! `routeBasePath` (`docs/`; none for `/`), so a page's URL is the one
//! Docusaurus gave it, or its old URL is kept as an alias when a `slug`
//! had moved it away from its folder. `:::note`
//! admonitions become callouts; MDX `import`/`export` lines leave the text;
//! `<DocCardList />` is left out (section pages list their articles); other
//! JSX components (`<Tabs>`) are left as written and reported. The blog,
//! older doc versions and translations are reported, not imported.

use std::collections::HashMap;
use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::front::{self, Front};
use super::text::{self, callout};
use super::{Asset, Imported, Page, Report, files_below, is_markdown, read_source};
use crate::diagnostics::Diagnostic;

/// Where Docusaurus looks for its configuration.
const CONFIG_NAMES: [&str; 4] = [
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
];

/// What the configuration says, read from its literal strings.
struct Config {
    name: &'static str,
    title: Option<String>,
    tagline: Option<String>,
    url: Option<String>,
    base_url: Option<String>,
    locale: Option<String>,
    docs_path: String,
    /// The docs' URL prefix without slashes (`docs`; empty for `/`).
    route_base: String,
}

/// One page of the docs folder on its way to the new site.
struct DocPage {
    /// Relative to the docs folder, as found.
    rel: String,
    split_keys: Mapping,
    body: String,
    body_line: usize,
    /// The URL path Docusaurus served it at, below `routeBasePath`, without
    /// slashes (`guides/install`; empty for the docs' home).
    url_path: String,
    /// Its place among its siblings: `sidebar_position`, else its number prefix.
    weight: Option<i64>,
}

pub(crate) fn read(src: &Path) -> Result<Imported, Vec<Diagnostic>> {
    let mut report = Report::default();
    let config = read_config(src, &mut report)?;
    let docs_dir = config
        .docs_path
        .trim_end_matches('/')
        .trim_start_matches("./");
    super::folder_inside(
        src,
        docs_dir,
        config.name,
        &format!("the docs folder `{docs_dir}`"),
        "Docusaurus reads the docs from docs/ unless the docs plugin's `path` names another folder inside the site",
    )?;
    report_left_out(src, &config, &mut report);
    let docs = src.join(docs_dir);
    let files = files_below(&docs, &|_| false);
    let categories = read_categories(src, docs_dir, &files, &mut report);
    let (doc_pages, asset_files) = read_doc_pages(src, docs_dir, &files, &mut report);
    let section_doc = section_docs(&doc_pages, &categories, &mut report);
    let places = Places {
        route_base: &config.route_base,
        moves: folder_moves(&section_doc, &doc_pages, &mut report),
    };
    // Source path (relative to the docs folder) → where it goes.
    let mut dests: HashMap<String, String> = HashMap::new();
    let mut assets: Vec<Asset> = Vec::new();
    for rel in asset_files {
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        let folder = places.of(strip_prefixes(text::dir_of(&rel)));
        let dest = if folder.is_empty() {
            name.to_string()
        } else {
            format!("{folder}/{name}")
        };
        dests.insert(rel.clone(), dest.clone());
        assets.push(Asset {
            from: docs.join(&rel),
            dest,
        });
    }
    let placed = place_pages(
        &doc_pages,
        &section_doc,
        &places,
        docs_dir,
        &mut dests,
        &mut report,
    );
    let route = if config.route_base.is_empty() {
        String::new()
    } else {
        format!("/{}", config.route_base)
    };
    let site = SiteLinks {
        src,
        docs_dir,
        route: &route,
        dests: &dests,
        // Old URL paths (below the docs' prefix) → new places, for links.
        by_url: placed
            .iter()
            .map(|(i, dest)| (doc_pages[*i].url_path.to_lowercase(), dest.clone()))
            .collect(),
    };
    let mut pages: Vec<Page> = placed
        .iter()
        .map(|(i, dest)| convert_page(&doc_pages[*i], dest, &site, &mut report))
        .collect();
    category_sections(&categories, &places, docs_dir, &mut pages, &mut report);
    numbered_folder_sections(&files, &places, docs_dir, &mut pages);
    static_assets(src, &pages, &mut assets, &mut report);
    Ok(Imported {
        base_url: site_base_url(&config),
        title: config.title.unwrap_or_else(|| "Support Center".into()),
        description: config.tagline.unwrap_or_default(),
        language: config.locale.unwrap_or_else(|| "en".into()),
        pages,
        assets,
        report,
    })
}

/// Folders' labels, positions and descriptions (`_category_.json`/`.yml`), by folder.
fn read_categories(
    src: &Path,
    docs_dir: &str,
    files: &[String],
    report: &mut Report,
) -> HashMap<String, Category> {
    let mut categories: HashMap<String, Category> = HashMap::new();
    for rel in files {
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel.as_str()));
        if matches!(
            name,
            "_category_.json" | "_category_.yml" | "_category_.yaml"
        ) {
            let shown = format!("{docs_dir}/{rel}");
            if let Some(c) = read_category(src, &shown, report) {
                categories.insert(dir.to_string(), c);
            }
        }
    }
    categories
}

/// The docs folder's pages, read and split, and its other files (assets).
/// Partials (`_name.md`) are left out, as Docusaurus does.
fn read_doc_pages(
    src: &Path,
    docs_dir: &str,
    files: &[String],
    report: &mut Report,
) -> (Vec<DocPage>, Vec<String>) {
    let mut doc_pages: Vec<DocPage> = Vec::new();
    let mut asset_files: Vec<String> = Vec::new();
    for rel in files {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        if name.starts_with("_category_.") {
            continue;
        }
        // Docusaurus leaves out files and folders starting with `_` (partials).
        if rel.split('/').any(|part| part.starts_with('_')) {
            if is_markdown(rel) {
                report.count("partials (`_name.md`) left out: Docusaurus does not publish them");
            }
            continue;
        }
        if !is_markdown(rel) {
            asset_files.push(rel.clone());
            continue;
        }
        let shown = format!("{docs_dir}/{rel}");
        let Some(source) = read_source(src, &shown, report) else {
            continue;
        };
        let split = front::split(&source, &shown, report);
        let (url_path, number) = url_path_of(rel, &split.keys);
        doc_pages.push(DocPage {
            rel: rel.clone(),
            weight: front::integer(&split.keys, "sidebar_position").or(number),
            url_path,
            body: split.body.to_string(),
            body_line: split.body_line,
            split_keys: split.keys,
        });
    }
    (doc_pages, asset_files)
}

/// Each folder's page (folder without number prefixes → page): its index
/// page, the docs' home (`slug: /`), or the doc a category links to
/// (`link: {type: doc, id: …}`) when the folder has no index page of its own.
fn section_docs(
    doc_pages: &[DocPage],
    categories: &HashMap<String, Category>,
    report: &mut Report,
) -> HashMap<String, usize> {
    let mut section_doc: HashMap<String, usize> = HashMap::new();
    for (i, p) in doc_pages.iter().enumerate() {
        // `slug: /` makes a doc the docs' home.
        if p.url_path.is_empty() && !is_index(&p.rel) {
            section_doc.entry(String::new()).or_insert(i);
        }
        if is_index(&p.rel) {
            section_doc.insert(strip_prefixes(text::dir_of(&p.rel)), i);
        }
    }
    for (dir, c) in categories {
        let Some(id) = &c.doc_id else { continue };
        let folder = strip_prefixes(dir);
        if section_doc.contains_key(&folder) {
            continue;
        }
        if let Some(i) = doc_pages
            .iter()
            .position(|p| doc_id(&p.rel, &p.split_keys) == *id)
        {
            section_doc.insert(folder, i);
            report.count("category pages (`link: {type: doc}`) → section pages");
        }
    }
    section_doc
}

/// A folder whose page has a `slug` elsewhere (`guides/index.md` with
/// `slug: /how-to`) moves there with what it holds: its page keeps its
/// URL, and the articles that move keep theirs as aliases.
fn folder_moves(
    section_doc: &HashMap<String, usize>,
    doc_pages: &[DocPage],
    report: &mut Report,
) -> HashMap<String, String> {
    let moves: HashMap<String, String> = section_doc
        .iter()
        .filter_map(|(folder, &i)| {
            let to = &doc_pages[i].url_path;
            (!folder.is_empty() && !to.is_empty() && to != folder)
                .then(|| (folder.clone(), to.clone()))
        })
        .collect();
    if !moves.is_empty() {
        report
            .converted
            .insert("folders moved to their page's `slug`".into(), moves.len());
    }
    moves
}

/// Where a folder of the docs goes in the new site: below the docs' URL
/// prefix, moved with its page's `slug`.
struct Places<'a> {
    route_base: &'a str,
    moves: HashMap<String, String>,
}

impl Places<'_> {
    fn of(&self, folder: String) -> String {
        with_prefix(self.route_base, moved(&self.moves, folder))
    }
}

/// Where each page goes: below the docs' URL prefix, the folder it sits in
/// (number prefixes left out) and its URL's last part, so that its URL is
/// the old one. Two pages for one place: the second is left out.
fn place_pages(
    doc_pages: &[DocPage],
    section_doc: &HashMap<String, usize>,
    places: &Places,
    docs_dir: &str,
    dests: &mut HashMap<String, String>,
    report: &mut Report,
) -> Vec<(usize, String)> {
    let section_of: HashMap<usize, &String> = section_doc.iter().map(|(f, &i)| (i, f)).collect();
    let mut taken: HashMap<String, String> = HashMap::new();
    let mut placed: Vec<(usize, String)> = Vec::new();
    for (i, p) in doc_pages.iter().enumerate() {
        let dest = match section_of.get(&i) {
            Some(folder) => section_dest(&places.of((*folder).clone())),
            None => {
                let last = p.url_path.rsplit('/').next().unwrap_or_default();
                let last = if last.is_empty() { "index" } else { last };
                let folder = places.of(strip_prefixes(text::dir_of(&p.rel)));
                if folder.is_empty() {
                    format!("{last}.md")
                } else {
                    format!("{folder}/{last}.md")
                }
            }
        };
        let shown = format!("{docs_dir}/{}", p.rel);
        if let Some(other) = taken.get(&dest) {
            report.problem(
                &shown,
                1,
                format!("{docs_dir}/{other} goes to the same place ({dest}); left out"),
                "give one of them another `id` or `slug`",
            );
            continue;
        }
        taken.insert(dest.clone(), p.rel.clone());
        dests.insert(p.rel.clone(), dest.clone());
        placed.push((i, dest));
    }
    placed
}

/// What converting a page's text needs to know of the whole site.
struct SiteLinks<'a> {
    src: &'a Path,
    docs_dir: &'a str,
    /// The docs' URL prefix (`/docs`; empty for `/`).
    route: &'a str,
    /// Source path (relative to the docs folder) → where it goes.
    dests: &'a HashMap<String, String>,
    /// Old URL paths (below the docs' prefix) → where they go.
    by_url: HashMap<String, String>,
}

/// One doc as a helpsite page: its front matter, its title, its old URL as
/// an alias where it moved, and its text with components, admonitions,
/// partials and links converted.
fn convert_page(p: &DocPage, dest: &str, site: &SiteLinks, report: &mut Report) -> Page {
    let SiteLinks {
        src,
        docs_dir,
        route,
        dests,
        ref by_url,
    } = *site;
    let shown = format!("{docs_dir}/{}", p.rel);
    let keys = &p.split_keys;
    let mut f = Front {
        title: front::text(keys, "title"),
        description: front::text(keys, "description"),
        tags: tags(keys),
        keywords: front::list(keys, "keywords"),
        draft: front::flag(keys, "draft").unwrap_or(false),
        weight: p.weight,
        ..Front::default()
    };
    f.keep_rest(
        keys,
        &[
            "title",
            "description",
            "tags",
            "keywords",
            "draft",
            "sidebar_position",
            "id",
            "slug",
        ],
        report,
    );
    let mut body = p.body.clone();
    let mut cut_lines = 0;
    let partials = partial_imports(&body, &format!("{docs_dir}/{}", p.rel), src);
    let (imports, rest) = mdx_lines(&body);
    if imports > 0 {
        body = rest;
        *report
            .converted
            .entry("MDX import/export lines left out".into())
            .or_default() += imports;
    }
    // Docusaurus shows the page's first `# heading` as its title.
    cut_lines += super::heading_as_title(&mut f.title, &mut body, report);
    if f.title.is_none() {
        f.title = front::text(keys, "sidebar_label");
    }
    if f.title.is_none() {
        let name = p.url_path.rsplit('/').next().unwrap_or_default();
        f.title = Some(if name.is_empty() {
            "Home".to_string()
        } else {
            front::title_from_name(name)
        });
    }
    let section = dest.ends_with("_index.md");
    let was = old_url(route, &p.url_path);
    if was.to_lowercase() != super::page_url(dest).to_lowercase() {
        f.aliases.push(was);
        report.count("old URLs kept as aliases");
    }
    // Components first: they keep every line where it was, so findings
    // name the source's lines; callouts add lines.
    let line = p.body_line + cut_lines;
    let body = components(&body, &shown, line, &partials, report);
    let body = admonitions(&body, &shown, line, report);
    let body = inline_partials(&body, src, &shown, line, &partials, 0, report);
    let body = super::relink(&body, &p.rel, dest, dests, report);
    let body = link_relative_urls(&body, &p.url_path, dest, by_url, report);
    let mut front = f.to_mapping(section);
    if section && !f.aliases.is_empty() {
        // A section page keeps its old address too.
        front.insert(
            "aliases".into(),
            Value::Sequence(f.aliases.iter().cloned().map(Value::String).collect()),
        );
    }
    Page {
        source: shown,
        dest: dest.to_string(),
        front,
        body,
    }
}

/// Folders with a `_category_` file and no page become sections with its
/// label, position and description; one with a page gives it its position.
fn category_sections(
    categories: &HashMap<String, Category>,
    places: &Places,
    docs_dir: &str,
    pages: &mut Vec<Page>,
    report: &mut Report,
) {
    let mut folders: Vec<(&String, &Category)> = categories.iter().collect();
    folders.sort_by(|a, b| a.0.cmp(b.0));
    for (dir, c) in folders {
        let folder = places.of(strip_prefixes(dir));
        let dest = section_dest(&folder);
        let weight = c
            .position
            .or_else(|| number_prefix(dir.rsplit('/').next().unwrap_or(dir)));
        if let Some(page) = pages.iter_mut().find(|p| p.dest == dest) {
            // The category's label titles the folder in the sidebar; the
            // page's own title stays. Its position is the folder's.
            if let Some(w) = weight {
                page.front.insert("weight".into(), w.into());
            }
            continue;
        }
        let name = folder.rsplit('/').next().unwrap_or(&folder);
        let f = Front {
            title: Some(
                c.label
                    .clone()
                    .unwrap_or_else(|| front::title_from_name(name)),
            ),
            description: c.description.clone(),
            weight,
            ..Front::default()
        };
        pages.push(Page {
            source: format!("{docs_dir}/{dir}/_category_"),
            dest,
            front: f.to_mapping(true),
            body: String::new(),
        });
        report.count("categories (`_category_`) → section pages");
    }
}

/// Other folders: their number prefix is their place.
fn numbered_folder_sections(
    files: &[String],
    places: &Places,
    docs_dir: &str,
    pages: &mut Vec<Page>,
) {
    let mut seen: std::collections::HashSet<String> =
        pages.iter().map(|p| p.dest.clone()).collect();
    for rel in files {
        let mut dir = text::dir_of(rel);
        while !dir.is_empty() {
            let folder = places.of(strip_prefixes(dir));
            let dest = section_dest(&folder);
            let last = dir.rsplit('/').next().unwrap_or(dir);
            if !seen.contains(&dest)
                && !rel.split('/').any(|p| p.starts_with('_'))
                && let Some(w) = number_prefix(last)
            {
                seen.insert(dest.clone());
                let name = folder.rsplit('/').next().unwrap_or(&folder);
                let f = Front {
                    title: Some(front::title_from_name(name)),
                    weight: Some(w),
                    ..Front::default()
                };
                pages.push(Page {
                    source: format!("{docs_dir}/{dir}"),
                    dest,
                    front: f.to_mapping(true),
                    body: String::new(),
                });
            }
            dir = text::dir_of(dir);
        }
    }
}

/// Files of `static/` are served at the site's root; one at a place a page
/// or a docs file already takes is left out.
fn static_assets(src: &Path, pages: &[Page], assets: &mut Vec<Asset>, report: &mut Report) {
    let static_files = if src.join("static").is_dir() {
        files_below(&src.join("static"), &|_| false)
    } else {
        Vec::new()
    };
    let mut used: std::collections::HashSet<String> = pages
        .iter()
        .map(|p| p.dest.clone())
        .chain(assets.iter().map(|a| a.dest.clone()))
        .collect();
    for rel in static_files {
        if !used.insert(rel.clone()) {
            report.problem(
                &format!("static/{rel}"),
                1,
                format!("a file of the docs folder is also at {rel}; left out"),
                "rename one of the two",
            );
            continue;
        }
        assets.push(Asset {
            from: src.join("static").join(&rel),
            dest: rel,
        });
    }
}

/// The site's address: `url` with `baseUrl`'s path, or `/` without a `url`.
fn site_base_url(config: &Config) -> String {
    let url = config.url.clone().unwrap_or_default();
    match (url.is_empty(), config.base_url.as_deref()) {
        (true, _) => "/".to_string(),
        (false, Some(base)) => format!(
            "{}/{}",
            url.trim_end_matches('/'),
            base.trim_start_matches('/')
        ),
        (false, None) => url,
    }
}

/// The configuration's values, from its first literal string after each
/// key. Only literal strings are read: a value computed by the program is
/// left at Docusaurus's default and reported.
fn read_config(src: &Path, report: &mut Report) -> Result<Config, Vec<Diagnostic>> {
    let Some(&name) = CONFIG_NAMES.iter().find(|n| src.join(n).is_file()) else {
        return Err(vec![
            Diagnostic::error(
                "import",
                "no docusaurus.config.js: this does not look like a Docusaurus site",
            )
            .at(src)
            .hint("give the folder that holds the Docusaurus site's docusaurus.config.js (or .ts)"),
        ]);
    };
    let text = read_source(src, name, report).unwrap_or_default();
    // The docs plugin's options: the `docs: { … }` object of the preset.
    let docs_block = js_object_after(&text, "docs");
    let docs_path = docs_block
        .and_then(|b| js_string(b, "path"))
        .unwrap_or_else(|| "docs".into());
    let route_base = docs_block
        .and_then(|b| js_string(b, "routeBasePath"))
        .unwrap_or_else(|| "docs".into())
        .trim_matches('/')
        .to_string();
    let locale = js_object_after(&text, "i18n").and_then(|b| js_string(b, "defaultLocale"));
    Ok(Config {
        name,
        title: js_string(&text, "title"),
        tagline: js_string(&text, "tagline"),
        url: js_string(&text, "url"),
        base_url: js_string(&text, "baseUrl"),
        locale,
        docs_path,
        route_base,
    })
}

/// The literal string after the first `key:` in `text` (`'…'`, `"…"` or a
/// backtick string without `${`).
fn js_string(text: &str, key: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = text[from..].find(key) {
        let start = from + at;
        from = start + key.len();
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '$') {
            continue;
        }
        let rest = text[from..].trim_start();
        let rest = rest.strip_prefix(['"', '\'']).map_or(rest, |r| {
            // `"title": …` in a JSON-like object: the key was quoted.
            r
        });
        let Some(rest) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start();
        let quote = rest.chars().next()?;
        if !matches!(quote, '\'' | '"' | '`') {
            return None;
        }
        let body = &rest[1..];
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.extend(chars.next()),
                c if c == quote => {
                    return (!(quote == '`' && out.contains("${"))).then_some(out);
                }
                '\n' if quote != '`' => return None,
                c => out.push(c),
            }
        }
        return None;
    }
    None
}

/// The text of the object literal after `key: {` (braces balanced).
fn js_object_after<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let mut from = 0;
    while let Some(at) = text[from..].find(key) {
        let start = from + at;
        from = start + key.len();
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let rest = text[from..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start();
        if !rest.starts_with('{') {
            continue;
        }
        let offset = text.len() - rest.len();
        let mut depth = 0usize;
        for (i, c) in rest.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(&text[offset..offset + i + 1]);
                    }
                }
                _ => {}
            }
        }
        return Some(&text[offset..]);
    }
    None
}

/// What Docusaurus has and helpsite does not read: the blog, older doc
/// versions, translations, and a sidebar written as a program.
fn report_left_out(src: &Path, config: &Config, report: &mut Report) {
    let count = |dir: &str| {
        let d = src.join(dir);
        d.is_dir().then(|| {
            files_below(&d, &|_| false)
                .iter()
                .filter(|f| is_markdown(f))
                .count()
        })
    };
    if let Some(n) = count("blog").filter(|&n| n > 0) {
        report.problem(
            "blog",
            1,
            format!(
                "the blog ({n} posts) is not imported: a support center has articles, not posts"
            ),
            "import the posts worth keeping as articles by moving them into the docs folder first",
        );
    }
    if let Some(n) = count("versioned_docs").filter(|&n| n > 0) {
        report.problem(
            "versioned_docs",
            1,
            format!(
                "older versions of the docs ({n} pages) are not imported; the current docs are"
            ),
            "helpsite publishes one version",
        );
    }
    if let Some(n) = count("i18n").filter(|&n| n > 0) {
        report.problem(
            "i18n",
            1,
            format!("translations ({n} pages) are not imported"),
            "import each language's docs into a site of its own for now",
        );
    }
    for name in ["sidebars.js", "sidebars.ts", "sidebars.json"] {
        if src.join(name).is_file() {
            report.problem(
                name,
                1,
                "the sidebar's hand-written order is not read; pages are ordered by `sidebar_position`, `_category_` positions and number prefixes",
                "set `weight` in the imported pages where the order matters",
            );
        }
    }
    let _ = config;
}

/// A folder's `_category_.json` or `.yml`.
#[derive(Debug, Default)]
struct Category {
    label: Option<String>,
    position: Option<i64>,
    description: Option<String>,
    /// `link: {type: doc, id: …}`: the doc that is the folder's page.
    doc_id: Option<String>,
}

fn read_category(src: &Path, shown: &str, report: &mut Report) -> Option<Category> {
    let text = read_source(src, shown, report)?;
    // JSON is YAML, and serde_yaml reports the line of a mistake in either.
    let value: Value = match serde_yaml::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            report.problem(
                shown,
                e.location().map_or(1, |l| l.line()),
                format!("malformed category file: {e}; the folder keeps its name"),
                "fix the file (Docusaurus refuses it too)",
            );
            return None;
        }
    };
    let m = value.as_mapping()?;
    let link = m.get("link").and_then(Value::as_mapping);
    Some(Category {
        label: front::text(m, "label"),
        position: front::integer(m, "position"),
        description: link
            .and_then(|l| front::text(l, "description"))
            .or_else(|| front::text(m, "description")),
        doc_id: link
            .filter(|l| front::text(l, "type").as_deref() == Some("doc"))
            .and_then(|l| front::text(l, "id")),
    })
}

/// `01-intro` → 1; names that start like a version or a date (`1.2-notes`)
/// have none, as in Docusaurus.
fn number_prefix(name: &str) -> Option<i64> {
    split_number_prefix(name).map(|(n, _)| n)
}

fn split_number_prefix(name: &str) -> Option<(i64, &str)> {
    let digits = name.len() - name.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let rest = name[digits..].trim_start();
    let sep = rest.len() - rest.trim_start_matches(['-', '_', '.']).len();
    if sep == 0 {
        return None;
    }
    let suffix = rest[sep..].trim_start();
    // `1.2-notes` and `2024-01-01-news` are a version and a date, not an order.
    if suffix.is_empty() || suffix.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((name[..digits].parse().ok()?, suffix))
}

/// A path with every part's number prefix left out (`01-guides/02-a.md` →
/// `guides/a.md`).
fn strip_prefixes(path: &str) -> String {
    path.split('/')
        .map(|part| split_number_prefix(part).map_or(part, |(_, s)| s))
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a doc is its folder's index: `index`, `README`, or named as
/// its folder (`guides/guides.md`).
fn is_index(rel: &str) -> bool {
    let dir = strip_prefixes(text::dir_of(rel));
    let name = strip_prefixes(super::without_extension(
        rel.rsplit('/').next().unwrap_or(rel),
    ));
    name.eq_ignore_ascii_case("index")
        || name.eq_ignore_ascii_case("readme")
        || (!dir.is_empty() && dir.rsplit('/').next() == Some(name.as_str()))
}

/// A doc's id as sidebars and category links name it: its folder (number
/// prefixes left out) and its `id` or file name.
fn doc_id(rel: &str, keys: &Mapping) -> String {
    let dir = strip_prefixes(text::dir_of(rel));
    let name = front::text(keys, "id").unwrap_or_else(|| {
        strip_prefixes(super::without_extension(
            rel.rsplit('/').next().unwrap_or(rel),
        ))
    });
    if dir.is_empty() {
        name
    } else {
        format!("{dir}/{name}")
    }
}

/// The URL path below `routeBasePath` that Docusaurus gives a doc, and its
/// file's number prefix: a `slug` decides (absolute, or relative to the
/// folder); else the folder and the `id` or file name; an index doc is its
/// folder's URL.
fn url_path_of(rel: &str, keys: &Mapping) -> (String, Option<i64>) {
    let dir = strip_prefixes(text::dir_of(rel));
    let file = super::without_extension(rel.rsplit('/').next().unwrap_or(rel));
    let number = number_prefix(file);
    let path = if let Some(slug) = front::text(keys, "slug") {
        if slug.starts_with('/') {
            slug
        } else {
            format!("{dir}/{slug}")
        }
    } else if is_index(rel) && front::text(keys, "id").is_none() {
        dir
    } else {
        let name = front::text(keys, "id").unwrap_or_else(|| strip_prefixes(file));
        format!("{dir}/{name}")
    };
    (text::normalize(&path).unwrap_or_default(), number)
}

/// A folder's page: `a/_index.md`, or `_index.md` for the root.
/// Relative links written as URLs (`./install`, `../setup#step`, with no
/// file extension) → relative `.md` links. Docusaurus serves pages without
/// a trailing slash, so the browser resolved them from the page's folder.
fn link_relative_urls(
    body: &str,
    url_path: &str,
    from: &str,
    by_url: &HashMap<String, String>,
    report: &mut Report,
) -> String {
    let mut n = 0;
    let out = text::map_prose(body, |prose, _| {
        text::rewrite_links(prose, |target, _| {
            if target.starts_with('/') || text::is_external(target) {
                return None;
            }
            let (path, fragment) = text::split_fragment(target);
            let last = path.rsplit('/').next().unwrap_or(path);
            if path.is_empty() || last.contains('.') {
                return None;
            }
            let joined = text::normalize(&format!("{}/{path}", text::dir_of(url_path)))?;
            let dest = by_url.get(&joined.to_lowercase())?;
            n += 1;
            Some(format!("{}{fragment}", text::relative(from, dest)))
        })
    });
    if n > 0 {
        *report
            .converted
            .entry("relative links by URL → relative .md links".into())
            .or_default() += n;
    }
    out
}

/// Where a folder goes when it or a folder above it moved (`moves`: old
/// place → new, the longest match deciding).
fn moved(moves: &HashMap<String, String>, folder: String) -> String {
    let mut best: Option<(&String, &String)> = None;
    for (from, to) in moves {
        let inside = folder == *from || folder.starts_with(&format!("{from}/"));
        if inside && best.is_none_or(|(b, _)| from.len() > b.len()) {
            best = Some((from, to));
        }
    }
    match best {
        Some((from, to)) => format!("{to}{}", &folder[from.len()..]),
        None => folder,
    }
}

fn section_dest(folder: &str) -> String {
    if folder.is_empty() {
        "_index.md".into()
    } else {
        format!("{folder}/_index.md")
    }
}

/// `path` below the docs' URL prefix (`docs/…`; as it is for `/`).
fn with_prefix(route_base: &str, path: String) -> String {
    match (route_base.is_empty(), path.is_empty()) {
        (true, _) => path,
        (false, true) => route_base.to_string(),
        (false, false) => format!("{route_base}/{path}"),
    }
}

/// The URL a doc had, below the base path: `/docs/guides/install/`.
fn old_url(route: &str, url_path: &str) -> String {
    if url_path.is_empty() {
        format!("{route}/")
    } else {
        format!("{route}/{url_path}/")
    }
}

/// Tags: names, or `{label: …}` objects.
fn tags(keys: &Mapping) -> Vec<String> {
    match keys.get("tags") {
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Mapping(m) => front::text(m, "label"),
                _ => None,
            })
            .filter(|s| !s.is_empty())
            .collect(),
        _ => front::list(keys, "tags"),
    }
}

/// MDX `import … from '…'` and `export …` statements at the top level of a
/// page (outside code) leave it: they are JavaScript. Returns how many and
/// the body with each replaced by an empty line, so line numbers stay.
fn mdx_lines(body: &str) -> (usize, String) {
    let mut n = 0;
    let mut in_statement = false;
    let out = text::map_prose(body, |prose, _| {
        let mut out = String::with_capacity(prose.len());
        for line in prose.split_inclusive('\n') {
            let t = line.trim_end();
            let starts = !line.starts_with([' ', '\t'])
                && (t.starts_with("import ") || t.starts_with("export "));
            if starts || in_statement {
                if starts {
                    n += 1;
                }
                // A statement spans lines until its braces and brackets close
                // or it ends with `;`.
                in_statement = !(t.ends_with(';') || t.is_empty() || balanced(t) && starts);
                out.push_str(if line.ends_with('\n') { "\n" } else { "" });
                continue;
            }
            out.push_str(line);
        }
        out
    });
    (n, out)
}

fn balanced(line: &str) -> bool {
    let opens = line.matches(['{', '[', '(']).count();
    let closes = line.matches(['}', ']', ')']).count();
    opens == closes
}

/// `:::note[Title]` / `:::tip Title` … `:::` (nesting with more colons) →
/// callouts; code blocks are left alone.
fn admonitions(body: &str, source: &str, body_line: usize, report: &mut Report) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str()) {
                fence = None;
            }
            out.push_str(line);
            out.push('\n');
            i += 1;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
        }
        let colons = trimmed.len() - trimmed.trim_start_matches(':').len();
        let head = &trimmed[colons..];
        let kind: String = head
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if colons >= 3 && !kind.is_empty() && fence.is_none() {
            let after = head[kind.len()..].trim();
            let title = after
                .strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .unwrap_or(after)
                .trim()
                .to_string();
            // The closing line has as many colons, and nothing else.
            let close = ":".repeat(colons);
            let start = i;
            let mut content = String::new();
            let mut inner_fence = false;
            i += 1;
            let mut closed = false;
            while i < lines.len() {
                let l = lines[i].trim();
                if l.starts_with("```") || l.starts_with("~~~") {
                    inner_fence = !inner_fence;
                }
                if !inner_fence && l == close {
                    closed = true;
                    i += 1;
                    break;
                }
                content.push_str(lines[i]);
                content.push('\n');
                i += 1;
            }
            if !closed {
                report.problem(
                    source,
                    body_line + start,
                    format!(
                        "`{}` is never closed with `{close}`; converted to the page's end",
                        trimmed.trim()
                    ),
                    &format!("close it with a line of `{close}`"),
                );
            }
            let inner = admonitions(&content, source, body_line + start + 1, report);
            let title = (!title.is_empty()).then_some(title.as_str());
            out.push_str(&callout(text::alert_kind(&kind), title, &inner));
            out.push('\n');
            report.count("admonitions (`:::note`) → callouts");
            continue;
        }
        out.push_str(line);
        out.push('\n');
        i += 1;
    }
    out
}

/// JSX components: `<DocCardList />` leaves (a section page lists its
/// articles), `{/* comments */}` become HTML comments, a component showing
/// an image (`<Screenshot url='a.png' />`) an image and one wrapping a link
/// (`<ContentRef url="/a">Text</ContentRef>`) a link; each other component
/// (but the page's partials, inlined later) is reported once per page, left
/// as written (its text shows). Every line stays where it was.
fn components(
    body: &str,
    source: &str,
    body_line: usize,
    partials: &[Partial],
    report: &mut Report,
) -> String {
    let mut seen: Vec<String> = Vec::new();
    text::map_prose(body, |prose, at| {
        let mut out = String::with_capacity(prose.len());
        let mut offset = at;
        for line in prose.split_inclusive('\n') {
            let t = line.trim();
            if t == "<DocCardList />" || t == "<DocCardList/>" {
                report.count("`<DocCardList />` left out: section pages list their articles");
                out.push('\n');
                offset += line.len();
                continue;
            }
            // Tabs: each tab's label in bold above its text, one after another.
            if let Some(markdown) = tab_line(t) {
                let indent = &line[..line.len() - line.trim_start().len()];
                if !markdown.is_empty() {
                    out.push_str(indent);
                    out.push_str(&markdown);
                }
                out.push('\n');
                report.count("tabs (`<Tabs>`) → labelled parts");
                offset += line.len();
                continue;
            }
            if let Some(markdown) = component_as_markdown(t) {
                let indent = &line[..line.len() - line.trim_start().len()];
                out.push_str(indent);
                out.push_str(&markdown.0);
                out.push('\n');
                report.count(markdown.1);
                offset += line.len();
                continue;
            }
            let line = if line.contains("{/*") && line.contains("*/}") {
                report.count("MDX comments → HTML comments");
                line.replace("{/*", "<!--").replace("*/}", "-->")
            } else {
                line.to_string()
            };
            for name in component_names(&line) {
                if seen.contains(&name) {
                    continue;
                }
                if let Some((_, file, there)) = partials.iter().find(|p| p.0 == name) {
                    if !there {
                        report.problem(
                            source,
                            text::line_at(body, body_line, offset),
                            format!(
                                "`<{name} />` includes {file}, which is not there; left as written"
                            ),
                            "check the `import` line at the top of the page",
                        );
                        seen.push(name);
                    }
                    continue;
                }
                {
                    report.problem(
                        source,
                        text::line_at(body, body_line, offset),
                        format!("the MDX component `<{name}>` has no equivalent; left as written, its text shows"),
                        "write its content as markdown (tabs as sections, for example)",
                    );
                    seen.push(name);
                }
            }
            out.push_str(&line);
            offset += line.len();
        }
        out
    })
}

/// The components a line opens (`<Tabs>`, `<Foo.Bar x="1">`), outside
/// inline code; `<YOUR_TOKEN>` and `<div>` are none.
fn component_names(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (i, part) in line.split('`').enumerate() {
        if i % 2 == 1 {
            continue;
        }
        let mut rest = part;
        while let Some(p) = rest.find('<') {
            rest = &rest[p + 1..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
                .collect();
            let next = rest[name.len()..].chars().next();
            if name.starts_with(|c: char| c.is_ascii_uppercase())
                && name.contains(|c: char| c.is_ascii_lowercase())
                && next.is_none_or(|c| c.is_whitespace() || c == '/' || c == '>')
            {
                names.push(name);
            }
        }
    }
    names
}

static COMPONENT_ATTR: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"([A-Za-z]+)=(?:"([^"]*)"|'([^']*)'|\{["'`]([^"'`]*)["'`]\})"#).ok()
});

/// A line of Docusaurus tabs as markdown: `<TabItem value="mac"
/// label="macOS">` → `**macOS**`, the other tags → nothing.
fn tab_line(line: &str) -> Option<String> {
    if matches!(line, "<Tabs>" | "</Tabs>" | "</TabItem>")
        || (line.starts_with("<Tabs ") && line.ends_with('>'))
    {
        return Some(String::new());
    }
    let rest = line.strip_prefix("<TabItem")?.strip_suffix('>')?;
    let attrs: HashMap<String, String> = COMPONENT_ATTR
        .as_ref()?
        .captures_iter(rest)
        .filter_map(|c| {
            let value = c.get(2).or(c.get(3)).or(c.get(4))?.as_str().to_string();
            Some((c.get(1)?.as_str().to_lowercase(), value))
        })
        .collect();
    let label = attrs.get("label").or(attrs.get("value"))?;
    Some(format!("**{}**", label.replace('*', "")))
}

/// A one-line component that is an image or a link, as markdown, with what
/// to count it as.
fn component_as_markdown(line: &str) -> Option<(String, &'static str)> {
    let names = component_names(line);
    let name = names.first()?;
    let rest = line.strip_prefix(&format!("<{name}"))?;
    let attrs: HashMap<String, String> = COMPONENT_ATTR
        .as_ref()?
        .captures_iter(rest.split('>').next().unwrap_or(rest))
        .filter_map(|c| {
            let value = c.get(2).or(c.get(3)).or(c.get(4))?.as_str().to_string();
            Some((c.get(1)?.as_str().to_lowercase(), value))
        })
        .collect();
    let target = ["src", "url", "href", "to"]
        .iter()
        .find_map(|k| attrs.get(*k))?;
    if line.ends_with("/>") {
        let path = target
            .split(['?', '#'])
            .next()
            .unwrap_or(target)
            .to_lowercase();
        let image = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"]
            .iter()
            .any(|e| path.ends_with(e));
        let alt = attrs
            .get("alt")
            .or(attrs.get("title"))
            .map_or(String::new(), |a| a.replace(['[', ']'], ""));
        return image.then(|| (format!("![{alt}]({target})"), "image components → images"));
    }
    let inner = line[line.find('>')? + 1..].strip_suffix(&format!("</{name}>"))?;
    (!inner.contains('<') && !inner.trim().is_empty()).then(|| {
        (
            format!("[{}]({target})", inner.trim()),
            "link components → links",
        )
    })
}

/// A partial a page imports: its component name, its file (relative to
/// SRC) and whether that file is there.
type Partial = (String, String, bool);

/// The partials a page imports (`import Help from '@site/docs/_help.mdx'`,
/// `'./_note.md'`).
fn partial_imports(body: &str, page: &str, src: &Path) -> Vec<Partial> {
    let mut out = Vec::new();
    for piece in text::pieces(body).into_iter().filter(|p| !p.code) {
        for line in piece.text.lines() {
            let Some(rest) = line.trim().strip_prefix("import ") else {
                continue;
            };
            let Some((name, from)) = rest.split_once(" from ") else {
                continue;
            };
            let name = name.trim();
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            // MDX writers escape `_` in paths (`\_note.mdx`).
            let path = from
                .trim()
                .trim_end_matches(';')
                .trim()
                .trim_matches(['\'', '"'])
                .replace("\\_", "_");
            if !is_markdown(&path) {
                continue;
            }
            let file = if let Some(p) = path.strip_prefix("@site/") {
                text::normalize(p)
            } else if path.starts_with('.') {
                text::normalize(&format!("{}/{path}", text::dir_of(page)))
            } else {
                None
            };
            if let Some(file) = file {
                let there = src.join(&file).is_file();
                out.push((name.to_string(), file, there));
            }
        }
    }
    out
}

/// Replaces each line that is only a partial (`<NeedHelp />`) with the
/// partial's text, converted as a page is (its own partials too, four deep).
fn inline_partials(
    body: &str,
    src: &Path,
    source: &str,
    body_line: usize,
    partials: &[Partial],
    depth: usize,
    report: &mut Report,
) -> String {
    if partials.is_empty() {
        return body.to_string();
    }
    let mut cache: HashMap<String, Option<String>> = HashMap::new();
    text::map_prose(body, |prose, at| {
        let mut out = String::with_capacity(prose.len());
        let mut offset = at;
        for line in prose.split_inclusive('\n') {
            let t = line.trim();
            let used = partials.iter().find(|(name, _, there)| {
                *there && (t == format!("<{name} />") || t == format!("<{name}/>"))
            });
            let Some((name, file, _)) = used else {
                out.push_str(line);
                offset += line.len();
                continue;
            };
            let text = cache.entry(file.clone()).or_insert_with(|| {
                if depth >= 4 {
                    return None;
                }
                let raw = read_source(src, file, report)?;
                let split = front::split(&raw, file, report);
                let inner = partial_imports(split.body, file, src);
                let (_, body) = mdx_lines(split.body);
                let body = components(&body, file, split.body_line, &inner, report);
                let body = admonitions(&body, file, split.body_line, report);
                Some(inline_partials(
                    &body,
                    src,
                    file,
                    split.body_line,
                    &inner,
                    depth + 1,
                    report,
                ))
            });
            match text {
                Some(t) => {
                    out.push_str(t.trim_end());
                    out.push('\n');
                    report.count("MDX partials (`<Partial />`) inlined");
                }
                None => {
                    report.problem(
                        source,
                        text::line_at(body, body_line, offset),
                        format!("`<{name} />` includes {file}, which includes partials more than four deep (or itself); left as written"),
                        "write the text into the page",
                    );
                    out.push_str(line);
                }
            }
            offset += line.len();
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_prefixes_order_and_leave_names() {
        assert_eq!(split_number_prefix("01-intro"), Some((1, "intro")));
        assert_eq!(split_number_prefix("2_setup"), Some((2, "setup")));
        assert_eq!(split_number_prefix("1.2-notes"), None);
        assert_eq!(split_number_prefix("2024-01-01-news"), None);
        assert_eq!(split_number_prefix("intro"), None);
        assert_eq!(
            strip_prefixes("01-guides/02-install.md"),
            "guides/install.md"
        );
    }

    #[test]
    fn urls_follow_docusaurus() {
        let keys = |y: &str| serde_yaml::from_str::<Mapping>(y).unwrap_or_default();
        assert_eq!(
            url_path_of("01-guides/02-install.md", &Mapping::new()).0,
            "guides/install"
        );
        assert_eq!(url_path_of("guides/index.md", &Mapping::new()).0, "guides");
        assert_eq!(url_path_of("guides/guides.md", &Mapping::new()).0, "guides");
        assert_eq!(url_path_of("guides/a.md", &keys("id: b")).0, "guides/b");
        assert_eq!(url_path_of("guides/a.md", &keys("slug: /top")).0, "top");
        assert_eq!(url_path_of("guides/a.md", &keys("slug: c")).0, "guides/c");
    }

    #[test]
    fn config_strings_are_read_without_running_it() {
        let js = "const config = {\n  title: 'Acme \\'Docs\\'',\n  tagline: \"Help\",\n  url: `https://acme.dev`,\n  baseUrl: '/help/',\n  presets: [['classic', { docs: { path: 'guides', routeBasePath: '/', sidebarPath: require.resolve('./sidebars.js') } }]],\n  i18n: { defaultLocale: 'fr', locales: ['fr'] },\n};\n";
        assert_eq!(js_string(js, "title").as_deref(), Some("Acme 'Docs'"));
        assert_eq!(js_string(js, "url").as_deref(), Some("https://acme.dev"));
        let docs = js_object_after(js, "docs").unwrap_or_default();
        assert_eq!(js_string(docs, "path").as_deref(), Some("guides"));
        assert_eq!(js_string(docs, "routeBasePath").as_deref(), Some("/"));
        let i18n = js_object_after(js, "i18n").unwrap_or_default();
        assert_eq!(js_string(i18n, "defaultLocale").as_deref(), Some("fr"));
        assert_eq!(js_string("title: `a ${b}`", "title"), None);
    }

    #[test]
    fn admonitions_nest_and_code_is_left_alone() {
        let mut report = Report::default();
        let body =
            "::::warning[Careful]\nOuter.\n\n:::tip\nInner.\n:::\n::::\n\n```\n:::note\n```\n";
        let out = admonitions(body, "a.md", 1, &mut report);
        assert!(
            out.starts_with(
                "> [!WARNING]\n> **Careful**\n>\n> Outer.\n>\n> > [!TIP]\n> > Inner.\n"
            ),
            "{out}"
        );
        assert!(out.contains("```\n:::note\n```\n"), "{out}");
        assert_eq!(report.converted["admonitions (`:::note`) → callouts"], 2);
    }

    #[test]
    fn mdx_statements_leave_and_lines_stay() {
        let (n, out) = mdx_lines(
            "import Tabs from '@theme/Tabs';\nexport const x = {\n  a: 1,\n};\n\nText.\n```js\nimport y from 'z';\n```\n",
        );
        assert_eq!(n, 2);
        assert_eq!(out, "\n\n\n\n\nText.\n```js\nimport y from 'z';\n```\n");
    }
}
