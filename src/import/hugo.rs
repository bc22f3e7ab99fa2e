//! Hugo sites: `hugo.toml|yaml|json` or `config.*` (also under
//! `config/_default/`), the pages of `content/` with YAML or TOML front
//! matter, page bundles, `static/` files, and shortcodes: `ref`/`relref`
//! become relative `.md` links, notes and notices callouts, `highlight`
//! fenced code, `figure` images, includes (`readfile`) their text.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde_yaml::{Mapping, Value};

use super::front::{self, Front};
use super::text::{self, callout};
use super::{
    Asset, Imported, Page, Report, files_below, is_markdown, read_source, without_extension,
};
use crate::diagnostics::Diagnostic;

/// A page found in pass one, converted in pass two.
struct Planned {
    rel: String,
    dest: String,
    section: bool,
    /// A leaf bundle's folder (relative to content/): its files move beside the page.
    bundle: Option<String>,
}

pub(crate) fn read(src: &Path) -> Result<Imported, Vec<Diagnostic>> {
    let mut report = Report::default();
    let config = read_config(src, &mut report)?;
    let default_lang =
        front::text(&config, "defaultContentLanguage").unwrap_or_else(|| "en".into());
    let content_dir = content_dir(&config, &default_lang);
    let root = src.join(&content_dir);
    if !root.is_dir() {
        return Err(vec![
            Diagnostic::error(
                "import",
                format!("no {content_dir}/ folder: this does not look like a Hugo site"),
            )
            .at(src)
            .hint("give the folder that holds the Hugo site's configuration and content/"),
        ]);
    }
    let names = Names {
        lower: !front::flag(&config, "disablePathToLower").unwrap_or(false),
        content_dir,
    };
    let languages: HashSet<String> = match config.get("languages") {
        Some(Value::Mapping(m)) => m
            .keys()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect(),
        _ => HashSet::new(),
    };
    let files = files_below(&root, &|_| false);
    let (planned, others) = plan_pages(&files, &default_lang, &languages, &names, &mut report);
    let assets = place_assets(src, &root, others, &names, &mut report);
    let by_source: HashMap<String, String> = planned
        .iter()
        .map(|p| (p.rel.clone(), p.dest.clone()))
        .collect();
    let mut dests = by_source.clone();
    for a in &assets {
        if let Ok(rel) = a.from.strip_prefix(&root) {
            dests.insert(rel.to_string_lossy().replace('\\', "/"), a.dest.clone());
        }
    }
    let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
    for p in &planned {
        let base = without_extension(&p.rel)
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string();
        by_name.entry(base).or_default().push(p.rel.clone());
    }
    let resolver = Refs {
        by_source: &by_source,
        lower: by_source
            .keys()
            .map(|k| (k.to_lowercase(), k.clone()))
            .collect(),
        by_name: &by_name,
    };
    let mut sources: Vec<(&Planned, String)> = Vec::new();
    for p in &planned {
        if let Some(source) = read_source(&root, &p.rel, &mut report) {
            sources.push((p, source));
        }
    }
    let headless = headless_folders(&sources);
    let site = SiteLinks {
        src,
        root: &root,
        names: &names,
        refs: &resolver,
        dests: &dests,
        headless: &headless,
    };
    let pages = sources
        .iter()
        .filter_map(|(p, source)| convert_page(p, source, &site, &mut report))
        .collect();
    Ok(Imported {
        title: front::text(&config, "title").unwrap_or_else(|| "Support Center".into()),
        description: match config.get("params") {
            Some(Value::Mapping(m)) => front::text(m, "description").unwrap_or_default(),
            _ => String::new(),
        },
        base_url: front::text(&config, "baseURL")
            .or_else(|| front::text(&config, "baseurl"))
            .unwrap_or_default(),
        language: front::text(&config, "languageCode")
            .map(|l| l.split(['-', '_']).next().unwrap_or("en").to_lowercase())
            .unwrap_or(default_lang),
        pages,
        assets,
        report,
    })
}

/// How the content folder's paths are shown and placed.
struct Names {
    /// The content folder, relative to the site.
    content_dir: String,
    /// Hugo lowercases URLs unless `disablePathToLower`.
    lower: bool,
}

impl Names {
    /// A content file as the writer knows it (`content/a/b.md`).
    fn shown(&self, rel: &str) -> String {
        format!("{}/{rel}", self.content_dir)
    }

    /// A new site's path in the case Hugo served it.
    fn case(&self, p: &str) -> String {
        if self.lower {
            p.to_lowercase()
        } else {
            p.to_string()
        }
    }
}

/// The default language's pages, each with where it goes, and the other
/// files of the content folder. Translations are left out.
fn plan_pages(
    files: &[String],
    default_lang: &str,
    languages: &HashSet<String>,
    names: &Names,
    report: &mut Report,
) -> (Vec<Planned>, Vec<String>) {
    let mut planned: Vec<Planned> = Vec::new();
    let mut others: Vec<String> = Vec::new();
    for rel in files {
        if !is_markdown(rel) {
            others.push(rel.clone());
            continue;
        }
        let stem = without_extension(rel);
        let name = stem.rsplit('/').next().unwrap_or(stem);
        if let Some((_, lang)) = name.rsplit_once('.')
            && lang != default_lang
            && (languages.contains(lang)
                || (lang.len() == 2 && lang.chars().all(|c| c.is_ascii_lowercase())))
        {
            report.problem(
                &names.shown(rel),
                1,
                format!("a translation (`{lang}`); left out"),
                "helpsite imports the default language; add translations once the site has `languages`",
            );
            continue;
        }
        let dir = text::dir_of(rel);
        let (dest, section, bundle) = match name {
            "_index" => (join(dir, "_index.md"), true, None),
            "index" if dir.is_empty() => ("_index.md".to_string(), true, None),
            "index" => (format!("{dir}.md"), false, Some(dir.to_string())),
            _ => (format!("{}.md", stem), false, None),
        };
        planned.push(Planned {
            rel: rel.clone(),
            dest: names.case(&dest),
            section,
            bundle,
        });
    }
    (planned, others)
}

/// The content folder's other files, beside their pages (HTML pages are
/// left out), and `static/`'s at the site's root.
fn place_assets(
    src: &Path,
    root: &Path,
    others: Vec<String>,
    names: &Names,
    report: &mut Report,
) -> Vec<Asset> {
    let mut assets: Vec<Asset> = Vec::new();
    for rel in others {
        // Folders follow the pages' case; a bundle's files stay in the
        // folder named like its page, so its relative links keep working.
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        let dest = join(&names.case(text::dir_of(&rel)), name);
        if rel.ends_with(".html") || rel.ends_with(".htm") {
            report.problem(
                &names.shown(&rel),
                1,
                "an HTML content page; left out",
                "rewrite it in markdown",
            );
            continue;
        }
        assets.push(Asset {
            from: root.join(&rel),
            dest,
        });
    }
    // static/ is served from the site's root.
    let static_dir = src.join("static");
    if static_dir.is_dir() {
        for rel in files_below(&static_dir, &|_| false) {
            report.count("static/ files copied");
            assets.push(Asset {
                from: static_dir.join(&rel),
                dest: rel,
            });
        }
    }
    assets
}

/// Headless pages (snippets for includes) are not pages of the new site,
/// nor is anything below a section that cascades that to its pages: those
/// sections' folders (`a/b/`).
fn headless_folders(sources: &[(&Planned, String)]) -> Vec<String> {
    sources
        .iter()
        .filter(|(p, source)| {
            p.section
                && cascades_not_rendered(&front::split(source, "", &mut Report::default()).keys)
        })
        .map(|(p, _)| format!("{}/", text::dir_of(&p.rel)))
        .collect()
}

/// What converting a page needs to know of the whole site.
struct SiteLinks<'a> {
    src: &'a Path,
    root: &'a Path,
    names: &'a Names,
    refs: &'a Refs<'a>,
    /// Source path (relative to content/) → where it goes.
    dests: &'a HashMap<String, String>,
    headless: &'a [String],
}

/// One page as a helpsite page, or `None` for a page Hugo does not render.
fn convert_page(p: &Planned, source: &str, site: &SiteLinks, report: &mut Report) -> Option<Page> {
    let shown_path = site.names.shown(&p.rel);
    let split = front::split(source, &shown_path, report);
    let under_headless = site
        .headless
        .iter()
        .any(|d| d != "/" && p.rel.starts_with(d.as_str()));
    if under_headless || not_rendered(&split.keys) || cascades_not_rendered(&split.keys) {
        report.count("pages Hugo does not render (snippets for includes) left out");
        return None;
    }
    let mut f = map_front(&split.keys, &p.dest, p.section, report);
    if f.title.is_none() {
        let name = if p.section || p.bundle.is_some() {
            text::dir_of(&p.rel).rsplit('/').next().unwrap_or("")
        } else {
            without_extension(&p.rel).rsplit('/').next().unwrap_or("")
        };
        f.title = Some(if name.is_empty() {
            "Home".into()
        } else {
            front::title_from_name(name)
        });
    }
    let ctx = Context {
        src: site.src,
        root: site.root,
        page: p,
        shown: &shown_path,
        body_line: split.body_line,
        refs: site.refs,
    };
    let body = convert(split.body, &ctx, report);
    // A bundle's page moved up a folder: its links are read from where it was.
    let body = super::relink(&body, &p.rel, &p.dest, site.dests, report);
    Some(Page {
        source: shown_path,
        dest: p.dest.clone(),
        front: f.to_mapping(p.section),
        body,
    })
}

/// Where the default language's pages are: a module mount onto `content`,
/// the language's `contentDir`, the site's, or `content/`.
fn content_dir(config: &Mapping, lang: &str) -> String {
    let get = |m: &Mapping, k: &str| m.get(k).cloned();
    if let Some(Value::Mapping(module)) = get(config, "module")
        && let Some(Value::Sequence(mounts)) = get(&module, "mounts")
    {
        for m in mounts.iter().filter_map(Value::as_mapping) {
            let target = front::text(m, "target").unwrap_or_default();
            if target.trim_matches('/') != "content" {
                continue;
            }
            let languages: Vec<String> = match m.get("sites") {
                Some(Value::Mapping(s)) => match s.get("matrix") {
                    Some(Value::Mapping(mx)) => front::list(mx, "languages"),
                    _ => Vec::new(),
                },
                _ => front::text(m, "lang").into_iter().collect(),
            };
            if (languages.is_empty() || languages.iter().any(|l| l == lang))
                && let Some(source) = front::text(m, "source")
            {
                return source.trim_matches('/').to_string();
            }
        }
    }
    if let Some(Value::Mapping(languages)) = get(config, "languages")
        && let Some(Value::Mapping(l)) = languages.get(lang)
        && let Some(dir) = front::text(l, "contentDir")
    {
        return dir.trim_matches('/').to_string();
    }
    front::text(config, "contentDir").unwrap_or_else(|| "content".into())
}

/// Whether Hugo renders no page for this front matter (`headless`, or
/// `build: {render: never}`, also through a section's `cascade`).
fn not_rendered(keys: &Mapping) -> bool {
    let never = |b: Option<&Value>| match b {
        Some(Value::Mapping(b)) => {
            matches!(
                b.get("render"),
                Some(Value::String(s)) if s == "never" || s == "false"
            ) || matches!(b.get("render"), Some(Value::Bool(false)))
        }
        _ => false,
    };
    front::flag(keys, "headless").unwrap_or(false)
        || never(keys.get("build"))
        || never(keys.get("_build"))
}

fn cascades_not_rendered(keys: &Mapping) -> bool {
    match keys.get("cascade") {
        Some(Value::Mapping(c)) => not_rendered(c),
        Some(Value::Sequence(s)) => s.iter().filter_map(Value::as_mapping).any(not_rendered),
        _ => false,
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// The site configuration, from the first file Hugo would read.
fn read_config(src: &Path, report: &mut Report) -> Result<Mapping, Vec<Diagnostic>> {
    let names = ["hugo", "config"];
    let dirs = ["", "config/_default/"];
    for dir in dirs {
        for name in names {
            for ext in ["toml", "yaml", "yml", "json"] {
                let rel = format!("{dir}{name}.{ext}");
                let path = src.join(&rel);
                if !path.is_file() {
                    continue;
                }
                let Some(text) = read_source(src, &rel, report) else {
                    continue;
                };
                let parsed: Result<Value, String> = match ext {
                    "toml" => text
                        .parse::<toml::Table>()
                        .map(|t| front::toml_to_yaml(toml::Value::Table(t)))
                        .map_err(|e| e.message().to_string()),
                    "json" => serde_json::from_str::<serde_json::Value>(&text)
                        .map_err(|e| e.to_string())
                        .and_then(|j| serde_yaml::to_value(j).map_err(|e| e.to_string())),
                    _ => serde_yaml::from_str(&text).map_err(|e| e.to_string()),
                };
                return match parsed {
                    Ok(Value::Mapping(m)) => Ok(m),
                    Ok(_) => Ok(Mapping::new()),
                    Err(e) => Err(vec![
                        Diagnostic::error("import", format!("malformed configuration: {e}"))
                            .at(path)
                            .hint("fix the file (hugo itself would refuse it) and import again"),
                    ]),
                };
            }
        }
    }
    report.problem(
        ".",
        1,
        "no hugo.toml or config.toml found; site settings left at their defaults",
        "set title and base_url in helpsite.yaml",
    );
    Ok(Mapping::new())
}

fn map_front(keys: &Mapping, dest: &str, section: bool, report: &mut Report) -> Front {
    let mut f = Front {
        title: front::text(keys, "title"),
        description: front::text(keys, "description").or_else(|| front::text(keys, "summary")),
        weight: front::integer(keys, "weight"),
        tags: front::list(keys, "tags"),
        keywords: front::list(keys, "keywords"),
        draft: front::flag(keys, "draft").unwrap_or(false),
        updated: front::date(keys, "lastmod").or_else(|| front::date(keys, "date")),
        ..Front::default()
    };
    if let Some(slug) = front::text(keys, "slug") {
        if crate::slug::is_safe_slug(&slug) {
            f.slug = Some(slug);
        } else {
            f.aliases.push(format!("/{}/", slug.trim_matches('/')));
        }
    }
    // Where the page was: its `url`, and its aliases (relative ones from its section).
    let section_url = {
        let d = text::dir_of(dest);
        let d = if section { text::dir_of(d) } else { d };
        if d.is_empty() {
            "/".to_string()
        } else {
            format!("/{d}/")
        }
    };
    if let Some(url) = front::text(keys, "url") {
        let own = super::page_url(dest);
        if url.trim_end_matches('/').to_lowercase() != own.trim_end_matches('/').to_lowercase() {
            f.aliases.push(url);
            report.count("`url` kept as an alias");
        }
    }
    for a in front::list(keys, "aliases") {
        f.aliases.push(if a.starts_with('/') {
            a
        } else {
            format!("{section_url}{a}")
        });
    }
    f.keep_rest(
        keys,
        &[
            "title",
            "description",
            "summary",
            "weight",
            "tags",
            "keywords",
            "draft",
            "lastmod",
            "date",
            "slug",
            "url",
            "aliases",
        ],
        report,
    );
    f
}

/// Finds the page a `ref`/`relref` names, as Hugo does: relative to the
/// page, then from the content root, then by its name alone if unique.
struct Refs<'a> {
    by_source: &'a HashMap<String, String>,
    /// Lower-cased source path → source path.
    lower: HashMap<String, String>,
    by_name: &'a HashMap<String, Vec<String>>,
}

impl Refs<'_> {
    fn find(&self, from_rel: &str, target: &str) -> Option<&String> {
        let target = target.trim();
        let candidates = |p: &str| {
            let p = p.trim_end_matches('/');
            [
                p.to_string(),
                format!("{p}.md"),
                format!("{p}/index.md"),
                format!("{p}/_index.md"),
                format!("{p}.markdown"),
            ]
        };
        let here = text::dir_of(from_rel);
        let mut tries: Vec<String> = Vec::new();
        if let Some(abs) = target.strip_prefix('/') {
            tries.extend(candidates(abs));
        } else {
            if let Some(p) = text::normalize(&format!("{here}/{target}")) {
                tries.extend(candidates(&p));
            }
            tries.extend(candidates(target));
        }
        // Hugo finds pages by path without regard to case.
        for t in &tries {
            if let Some(d) = self.by_source.get(t).or_else(|| {
                self.lower
                    .get(&t.to_lowercase())
                    .and_then(|s| self.by_source.get(s))
            }) {
                return Some(d);
            }
        }
        let name = without_extension(target.trim_end_matches('/'));
        let name = name.rsplit('/').next().unwrap_or(name);
        match self.by_name.get(name).map(Vec::as_slice) {
            Some([one]) => self.by_source.get(one),
            _ => None,
        }
    }
}

struct Context<'a> {
    src: &'a Path,
    root: &'a Path,
    page: &'a Planned,
    shown: &'a str,
    body_line: usize,
    refs: &'a Refs<'a>,
}

/// `{{< name params >}}` or `{{% name params %}}`, and closing ones.
static SHORTCODE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?s)\{\{([<%])\s*(/?)\s*([A-Za-z0-9_./-]+)(.*?)\s*[>%]\}\}").ok()
});
/// A closing shortcode, `{{< /name >}}`.
static CLOSING: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\{\{[<%]\s*/\s*([A-Za-z0-9_./-]+)\s*[>%]\}\}").ok());
/// Includes inside includes deeper than this are a loop (a snippet that
/// includes itself), and are left as written.
const MAX_INCLUDE_DEPTH: usize = 8;
static PARAM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r#"(?:([A-Za-z0-9_-]+)\s*=\s*)?(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+))"#).ok()
});

/// Named and positional parameters of a shortcode.
fn params(raw: &str) -> (Vec<String>, BTreeMap<String, String>) {
    let mut positional = Vec::new();
    let mut named = BTreeMap::new();
    if let Some(re) = &*PARAM {
        for c in re.captures_iter(raw) {
            let value = c
                .get(2)
                .or_else(|| c.get(3))
                .or_else(|| c.get(4))
                .map_or("", |m| m.as_str())
                .replace("\\\"", "\"");
            match c.get(1) {
                Some(k) => {
                    named.insert(k.as_str().to_string(), value);
                }
                None => positional.push(value),
            }
        }
    }
    (positional, named)
}

const NOTES: &[&str] = &[
    "note",
    "notice",
    "alert",
    "warning",
    "tip",
    "caution",
    "important",
    "info",
    "admonition",
    "callout",
    "hint",
    "danger",
];

fn convert(body: &str, ctx: &Context, report: &mut Report) -> String {
    // `{{</* x */>}}` is Hugo's way to show a shortcode as text.
    let body = body
        .replace("{{</*", "\u{E000}")
        .replace("*/>}}", "\u{E001}")
        .replace("{{%/*", "\u{E002}")
        .replace("*/%}}", "\u{E003}");
    let out = shortcodes(&body, ctx.body_line, 0, ctx, report);
    out.replace('\u{E000}', "{{<")
        .replace('\u{E001}', ">}}")
        .replace('\u{E002}', "{{%")
        .replace('\u{E003}', "%}}")
}

/// Converts the shortcodes of `text`, which starts at line `first_line` of
/// the source, `depth` includes down.
fn shortcodes(
    text: &str,
    first_line: usize,
    depth: usize,
    ctx: &Context,
    report: &mut Report,
) -> String {
    let Some(re) = &*SHORTCODE else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(c) = re.captures_at(text, at) {
        let (Some(whole), Some(name)) = (c.get(0), c.get(3)) else {
            break;
        };
        out.push_str(&text[at..whole.start()]);
        let closing = c.get(2).is_some_and(|m| !m.as_str().is_empty());
        let name = name.as_str();
        let (pos, named) = params(c.get(4).map_or("", |m| m.as_str()));
        let line = first_line + text[..whole.start()].matches('\n').count();
        if closing {
            // A closing tag with no opening one: dropped.
            report.problem(
                ctx.shown,
                line,
                format!("`{{{{< /{name} >}}}}` closes nothing; dropped"),
                "remove it from the source",
            );
            at = whole.end();
            continue;
        }
        // The inner text of a paired shortcode, up to its closing tag.
        let inner = CLOSING
            .as_ref()
            .and_then(|r| {
                r.captures_iter(&text[whole.end()..])
                    .find(|c| c.get(1).is_some_and(|n| n.as_str() == name))
            })
            .and_then(|c| c.get(0))
            .filter(|_| !matches!(name, "ref" | "relref"))
            .map(|m| {
                (
                    &text[whole.end()..whole.end() + m.start()],
                    whole.end() + m.end(),
                )
            });
        let code = Shortcode {
            whole: whole.as_str(),
            name,
            lower: name.to_ascii_lowercase(),
            pos,
            named,
            line,
            // Where a paired shortcode's inner text starts.
            inner_line: first_line + text[..whole.end()].matches('\n').count(),
        };
        let (converted, end) = match convert_shortcode(&code, inner, &out, depth, ctx, report) {
            Some((converted, Some(end))) => (converted, end),
            Some((converted, None)) => (converted, whole.end()),
            None => {
                // A paired one is kept whole, its closing tag with it.
                let end = inner.map_or(whole.end(), |(_, end)| end);
                (text[whole.start()..end].to_string(), end)
            }
        };
        out.push_str(&converted);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// One shortcode as written: its name, parameters and line.
struct Shortcode<'t> {
    /// The tag as written.
    whole: &'t str,
    name: &'t str,
    lower: String,
    pos: Vec<String>,
    named: BTreeMap<String, String>,
    line: usize,
    inner_line: usize,
}

impl Shortcode<'_> {
    /// A named parameter, or else the first positional one.
    fn param(&self, name: &str) -> String {
        self.named
            .get(name)
            .cloned()
            .or_else(|| self.pos.first().cloned())
            .unwrap_or_default()
    }
}

/// A shortcode as markdown, with where the text goes on (`None`: after the
/// opening tag; `Some`: after the closing tag it consumed), or `None` when it
/// is left as written (reported).
fn convert_shortcode(
    code: &Shortcode,
    inner: Option<(&str, usize)>,
    out: &str,
    depth: usize,
    ctx: &Context,
    report: &mut Report,
) -> Option<(String, Option<usize>)> {
    let name = code.name;
    match (code.lower.as_str(), inner) {
        ("ref" | "relref", _) => Some((ref_link(code, ctx, report), None)),
        (n, _) if NOTES.contains(&n) => note(code, inner, out, depth, ctx, report),
        ("highlight" | "code", Some((inside, end))) => {
            let lang = code
                .pos
                .first()
                .cloned()
                .or_else(|| code.named.get("lang").cloned())
                .unwrap_or_default();
            report.count("`highlight` → fenced code");
            let block = format!("```{lang}\n{}\n```\n", inside.trim_matches('\n'));
            Some((ensure_block(out, &block), Some(end)))
        }
        ("figure" | "img" | "image", _) => {
            let src = code.param("src");
            let alt = code
                .named
                .get("alt")
                .or_else(|| code.named.get("title"))
                .or_else(|| code.named.get("caption"))
                .cloned()
                .unwrap_or_default();
            let mut md = format!("![{alt}]({src})");
            if let Some(caption) = code.named.get("caption").filter(|c| !c.is_empty()) {
                md.push_str(&format!("\n\n*{caption}*"));
            }
            report.count("`figure` → images");
            Some((md, None))
        }
        ("youtube" | "vimeo", _) => {
            let id = code.param("id");
            let url = if code.lower == "youtube" {
                format!("https://www.youtube.com/watch?v={id}")
            } else {
                format!("https://vimeo.com/{id}")
            };
            report.count("video embeds → links");
            Some((format!("[Watch the video]({url})"), None))
        }
        ("readfile" | "include" | "code-file", _) => include(code, depth, ctx, report),
        ("code-toggle", Some((inside, end))) => {
            // Hugo's documentation shows configuration this way, written in TOML.
            report.count("`code-toggle` → fenced TOML");
            let block = format!("```toml\n{}\n```\n", inside.trim_matches('\n'));
            Some((ensure_block(out, &block), Some(end)))
        }
        _ => {
            report.problem(
                ctx.shown,
                code.line,
                format!("shortcode `{name}` has no helpsite equivalent; left as written"),
                "rewrite it in markdown, or as HTML",
            );
            None
        }
    }
}

/// `ref`/`relref`: a relative link to the page's new place, or the path as
/// written (reported) when no page has it.
fn ref_link(code: &Shortcode, ctx: &Context, report: &mut Report) -> String {
    let target = code
        .pos
        .first()
        .cloned()
        .or_else(|| code.named.get("path").cloned())
        .unwrap_or_default();
    let (path, fragment) = text::split_fragment(&target);
    let link = if path.is_empty() {
        Some(fragment.to_string())
    } else {
        ctx.refs
            .find(&ctx.page.rel, path)
            .map(|d| format!("{}{fragment}", text::relative(&ctx.page.dest, d)))
    };
    match link {
        Some(l) => {
            report.count("`ref`/`relref` links → relative .md links");
            l
        }
        None => {
            report.problem(
                ctx.shown,
                code.line,
                format!(
                    "`{}` to `{target}` finds no page; left as the path",
                    code.name
                ),
                "the new site's build lists it as a broken link to fix",
            );
            target
        }
    }
}

/// A note, notice or alert: a callout of its kind around its converted
/// inner text; without its closing tag, left as written.
fn note(
    code: &Shortcode,
    inner: Option<(&str, usize)>,
    out: &str,
    depth: usize,
    ctx: &Context,
    report: &mut Report,
) -> Option<(String, Option<usize>)> {
    let n = code.lower.as_str();
    let kind = code
        .named
        .get("type")
        .or_else(|| code.named.get("kind"))
        .cloned()
        .or_else(|| {
            code.pos
                .first()
                .cloned()
                .filter(|_| matches!(n, "notice" | "alert" | "admonition" | "callout" | "hint"))
        })
        .unwrap_or_else(|| n.to_string());
    let title = code.named.get("title").cloned();
    let Some((inside, end)) = inner else {
        report.problem(
            ctx.shown,
            code.line,
            format!("`{}` without its closing tag; left as written", code.name),
            "close it in the source",
        );
        return None;
    };
    let inside = shortcodes(inside, code.inner_line, depth, ctx, report);
    report.count("notes and notices → callouts");
    let block = callout(text::alert_kind(&kind), title.as_deref(), &inside);
    Some((ensure_block(out, &block), Some(end)))
}

/// `readfile`/`include`: the file's text (without its front matter), its own
/// shortcodes converted; left as written (reported) when it cannot be read.
fn include(
    code: &Shortcode,
    depth: usize,
    ctx: &Context,
    report: &mut Report,
) -> Option<(String, Option<usize>)> {
    let file = code.param("file");
    let found = if depth >= MAX_INCLUDE_DEPTH {
        Err("includes nested too deep (does a snippet include itself?)")
    } else {
        include_text(ctx, &file).ok_or("no such file in the site")
    };
    match found {
        Ok(t) => {
            // A snippet's own front matter is not part of its text.
            let snippet = front::split(&t, &file, &mut Report::default())
                .body
                .to_string();
            let text = shortcodes(&snippet, code.line, depth + 1, ctx, report);
            report.count("includes → their text");
            Some((text.trim_end().to_string(), None))
        }
        Err(why) => {
            report.problem(
                ctx.shown,
                code.line,
                format!("`{}` of `{file}`: {why}; left as written", code.name),
                "copy the text into the page",
            );
            // Only the tag itself: what follows is converted as usual.
            Some((code.whole.to_string(), None))
        }
    }
}

/// The text of an included file: from the site's folder, the content
/// folder, or the page's folder, never from outside the site.
fn include_text(ctx: &Context, file: &str) -> Option<String> {
    let from_page = text::normalize(&format!("{}/{file}", text::dir_of(&ctx.page.rel)));
    [
        text::normalize(file).map(|f| ctx.src.join(f)),
        text::normalize(file).map(|f| ctx.root.join(f)),
        from_page.map(|f| ctx.root.join(f)),
    ]
    .into_iter()
    .flatten()
    .find_map(|p| std::fs::read_to_string(p).ok())
}

/// A block (callout, code) starts on its own line.
fn ensure_block(before: &str, block: &str) -> String {
    if before.is_empty() || before.ends_with('\n') {
        block.to_string()
    } else {
        format!("\n\n{block}")
    }
}
