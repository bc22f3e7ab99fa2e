//! Jekyll sites: `_config.yml`, pages anywhere outside `_` folders,
//! collections (`_docs/`, `_posts/`…) with their permalinks, and Liquid:
//! `{% link %}` and `{% post_url %}` become relative `.md` links,
//! `{{ site.baseurl }}` and `relative_url` give way to links the new site
//! checks, `{% highlight %}` becomes fenced code, note includes and kramdown
//! `{: .note }` blocks become callouts, markdown includes are inlined.
//! Every page is put where its old URL was (its permalink when it has one).

use std::collections::{HashMap, HashSet};
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

/// Folders Jekyll never publishes.
const SKIPPED: &[&str] = &[
    "node_modules",
    "vendor",
    "_site",
    ".jekyll-cache",
    ".sass-cache",
];

struct Planned {
    rel: String,
    dest: String,
    /// The URL the old site served it at.
    old_url: String,
}

pub(crate) fn read(src: &Path) -> Result<Imported, Vec<Diagnostic>> {
    let mut report = Report::default();
    let (config_name, config) =
        super::yaml_config(src, &["_config.yml", "_config.yaml"], "Jekyll", &mut report)?;
    let excluded: HashSet<String> = front::list(&config, "exclude").into_iter().collect();
    let files = files_below(src, &|name| {
        SKIPPED.contains(&name) || excluded.contains(name)
    });
    let site = SiteRules {
        pretty: front::text(&config, "permalink")
            .is_some_and(|p| p == "pretty" || p.ends_with('/')),
        collections: published_collections(&config),
        excluded,
        config_name,
    };
    let (mut planned, assets, mut texts) = plan_pages(src, &files, &site, &mut report);
    settle_places(&mut planned, &mut report);
    let mut dests: HashMap<String, String> = planned
        .iter()
        .map(|p| (p.rel.clone(), p.dest.clone()))
        .collect();
    for a in &assets {
        dests.insert(a.dest.clone(), a.dest.clone());
    }
    let post_dests: HashMap<String, String> = planned
        .iter()
        .filter(|p| p.rel.starts_with("_posts/"))
        .map(|p| {
            (
                without_extension(p.rel.rsplit('/').next().unwrap_or("")).to_string(),
                p.dest.clone(),
            )
        })
        .collect();
    let pages = planned
        .iter()
        .map(|p| {
            let source = texts.remove(&p.rel).unwrap_or_default();
            let links = Links {
                src,
                config: &config,
                dests: &dests,
                posts: &post_dests,
            };
            convert_page(p, &source, &links, &mut report)
        })
        .collect();
    let site_url = front::text(&config, "url").unwrap_or_default();
    let base = front::text(&config, "baseurl").unwrap_or_default();
    Ok(Imported {
        title: front::text(&config, "title")
            .or_else(|| front::text(&config, "name"))
            .unwrap_or_else(|| "Support Center".into()),
        description: front::text(&config, "description").unwrap_or_default(),
        base_url: if site_url.is_empty() {
            String::new()
        } else {
            format!(
                "{}/{}",
                site_url.trim_end_matches('/'),
                base.trim_matches('/')
            )
        },
        language: front::text(&config, "lang").unwrap_or_default(),
        pages,
        assets,
        report,
    })
}

/// What decides which files are pages and where they were served.
struct SiteRules<'a> {
    /// `permalink: pretty` (or a pattern ending in `/`): pages at `/a/b/`.
    pretty: bool,
    /// Collections that are published, with their permalink pattern.
    collections: HashMap<String, String>,
    /// `exclude:` of the configuration.
    excluded: HashSet<String>,
    /// The configuration file's name (never a page).
    config_name: &'a str,
}

/// Collections that are published, with their permalink pattern: posts, and
/// those `collections:` marks `output: true`.
fn published_collections(config: &Mapping) -> HashMap<String, String> {
    let mut collections: HashMap<String, String> = HashMap::new();
    collections.insert(
        "posts".into(),
        "/:categories/:year/:month/:day/:title/".into(),
    );
    match config.get("collections") {
        Some(Value::Mapping(m)) => {
            for (k, v) in m {
                let Some(name) = k.as_str() else { continue };
                let spec = v.as_mapping();
                let output = spec.and_then(|s| front::flag(s, "output")).unwrap_or(false);
                if output || name == "posts" {
                    let pattern = spec
                        .and_then(|s| front::text(s, "permalink"))
                        .unwrap_or_else(|| "/:collection/:path/".into());
                    collections.insert(name.to_string(), pattern);
                } else {
                    collections.remove(name);
                }
            }
        }
        Some(Value::Sequence(s)) => {
            for n in s.iter().filter_map(Value::as_str) {
                collections.insert(n.to_string(), "/:collection/:path/".into());
            }
        }
        _ => {}
    }
    collections
}

/// Where each page goes (its old URL's place), the assets, and the pages'
/// texts. Files in `_` folders other than published collections, and
/// markdown without front matter, are not pages.
fn plan_pages(
    src: &Path,
    files: &[String],
    site: &SiteRules,
    report: &mut Report,
) -> (Vec<Planned>, Vec<Asset>, HashMap<String, String>) {
    let SiteRules {
        pretty,
        ref collections,
        ref excluded,
        config_name,
    } = *site;
    let mut planned: Vec<Planned> = Vec::new();
    let mut assets: Vec<Asset> = Vec::new();
    let mut texts: HashMap<String, String> = HashMap::new();
    for rel in files {
        if excluded.contains(rel.as_str()) || rel.starts_with(config_name) {
            continue;
        }
        let top = rel.split('/').next().unwrap_or("");
        let collection = top
            .strip_prefix('_')
            .filter(|c| rel.contains('/') && collections.contains_key(*c));
        if top.starts_with('_') && collection.is_none() {
            continue; // _layouts, _includes, _data, _sass, unpublished collections
        }
        if !is_markdown(rel) {
            if collection.is_none() && !matches!(top, "Gemfile" | "Gemfile.lock" | "CNAME") {
                assets.push(Asset {
                    from: src.join(rel),
                    dest: rel.clone(),
                });
            }
            continue;
        }
        let Some(source) = read_source(src, rel, report) else {
            continue;
        };
        if !source.starts_with("---") {
            report.problem(
                rel,
                1,
                "no front matter: Jekyll publishes it as a plain file; left out",
                "add front matter to make it a page",
            );
            continue;
        }
        let keys = front::split(&source, rel, &mut Report::default()).keys;
        let old_url = match (front::text(&keys, "permalink"), collection) {
            (Some(p), _) => p,
            (None, Some(c)) => collection_url(&collections[c], c, rel, &keys),
            (None, None) => page_url(rel, pretty),
        };
        let dest = match dest_of(&old_url) {
            Some(d) => d,
            None => {
                let d = format!("{}.md", without_extension(rel).trim_start_matches('_'));
                report.problem(
                    rel,
                    1,
                    format!("permalink `{old_url}` leaves the site; put at {d}"),
                    "write permalinks as paths inside the site, such as /docs/setup/",
                );
                d
            }
        };
        planned.push(Planned {
            rel: rel.clone(),
            dest,
            old_url,
        });
        texts.insert(rel.clone(), source);
    }
    (planned, assets, texts)
}

/// A page at /a/b/ whose folder holds other pages becomes that folder's
/// page; of two pages on one place, the second keeps its file's path.
fn settle_places(planned: &mut [Planned], report: &mut Report) {
    let dirs: HashSet<String> = planned
        .iter()
        .map(|p| text::dir_of(&p.dest).to_string())
        .collect();
    for p in planned.iter_mut() {
        let stem = without_extension(&p.dest).to_string();
        if !p.dest.ends_with("_index.md") && dirs.contains(&stem) {
            p.dest = format!("{stem}/_index.md");
        }
    }
    // Two pages on one place: the second keeps its file's path.
    let mut taken: HashSet<String> = HashSet::new();
    for p in planned.iter_mut() {
        if !taken.insert(p.dest.to_lowercase()) {
            let fallback = format!("{}.md", without_extension(&p.rel).trim_start_matches('_'));
            report.problem(
                &p.rel,
                1,
                format!(
                    "its URL {} is also another page's; put at {fallback}",
                    p.old_url
                ),
                "set a permalink in the new site with `slug:` or an alias",
            );
            p.dest = fallback;
            taken.insert(p.dest.to_lowercase());
        }
    }
}

/// Where the site's other files went, for links between pages.
struct Links<'a> {
    src: &'a Path,
    config: &'a Mapping,
    dests: &'a HashMap<String, String>,
    posts: &'a HashMap<String, String>,
}

/// One page as a helpsite page: its front matter, its old URL as an alias
/// where it moved, and its text with Liquid and kramdown converted.
fn convert_page(p: &Planned, source: &str, links: &Links, report: &mut Report) -> Page {
    let split = front::split(source, &p.rel, report);
    let mut f = map_front(&split.keys, report);
    if f.title.is_none() {
        let name = without_extension(p.rel.rsplit('/').next().unwrap_or(""));
        f.title = Some(front::title_from_name(if name == "index" {
            "Home"
        } else {
            name
        }));
    }
    let own = super::page_url(&p.dest);
    let old = if p.old_url.starts_with('/') {
        p.old_url.clone()
    } else {
        format!("/{}", p.old_url)
    };
    if old.trim_end_matches('/') != own.trim_end_matches('/') {
        f.aliases.insert(0, old);
        report.count("old URLs kept as aliases");
    }
    let ctx = Liquid {
        src: links.src,
        config: links.config,
        page: p,
        body_line: split.body_line,
        dests: links.dests,
        posts: links.posts,
    };
    let body = liquid(split.body, &ctx, report);
    let body = kramdown_blocks(&body, report);
    let body = super::relink(&body, &p.rel, &p.dest, links.dests, report);
    Page {
        source: p.rel.clone(),
        dest: p.dest.clone(),
        front: f.to_mapping(p.dest.ends_with("_index.md")),
        body,
    }
}

/// A page's default URL: `/a/b.html`, `/a/b/` with pretty permalinks,
/// `/a/` for `a/index.md`.
fn page_url(rel: &str, pretty: bool) -> String {
    let stem = without_extension(rel);
    match stem.strip_suffix("index") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ if pretty => format!("/{stem}/"),
        _ => format!("/{stem}.html"),
    }
}

/// A collection document's URL from its collection's permalink pattern.
fn collection_url(pattern: &str, collection: &str, rel: &str, keys: &Mapping) -> String {
    let path = without_extension(rel.split_once('/').map_or(rel, |(_, p)| p));
    let name = path.rsplit('/').next().unwrap_or(path);
    // Posts are named YYYY-MM-DD-title.
    let (date, title) = match (name.get(..10), name.get(11..)) {
        (Some(d), Some(t)) if jiff::civil::Date::strptime("%Y-%m-%d", d).is_ok() => (Some(d), t),
        _ => (None, name),
    };
    let date = front::date(keys, "date")
        .or(date.map(str::to_string))
        .unwrap_or_default();
    let mut parts = date.split('-');
    let (y, m, d) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let pattern = match pattern {
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "date" => "/:categories/:year/:month/:day/:title.html",
        p => p,
    };
    let url = pattern
        .replace(":collection", collection)
        .replace(":path", path)
        .replace(":categories", &front::list(keys, "categories").join("/"))
        .replace(":year", y)
        .replace(":month", m)
        .replace(":day", d)
        .replace(
            ":title",
            &front::text(keys, "slug").unwrap_or_else(|| title.to_string()),
        )
        .replace(":name", name)
        .replace(":output_ext", ".html");
    let mut out = String::new();
    for seg in url.split('/').filter(|s| !s.is_empty()) {
        out.push('/');
        out.push_str(seg);
    }
    if url.ends_with('/') {
        out.push('/');
    }
    if out.is_empty() { "/".into() } else { out }
}

/// Where a page goes for its old URL to be its new one: `/a/b/` and
/// `/a/b.html` → `a/b.md`, `/a/` (an index) → `a.md`, `/` → `_index.md`;
/// `None` for a permalink that climbs out of the site (`/../x/`).
fn dest_of(url: &str) -> Option<String> {
    let u = url.strip_suffix("index.html").unwrap_or(url);
    let u = u.strip_suffix(".html").unwrap_or(u);
    let u = text::normalize(u)?;
    Some(if u.is_empty() {
        "_index.md".into()
    } else {
        format!("{u}.md")
    })
}

fn map_front(keys: &Mapping, report: &mut Report) -> Front {
    let mut tags = front::list(keys, "tags");
    tags.extend(front::list(keys, "categories"));
    let mut f = Front {
        title: front::text(keys, "title"),
        description: front::text(keys, "description").or_else(|| front::text(keys, "excerpt")),
        weight: front::integer(keys, "nav_order")
            .or_else(|| front::integer(keys, "order"))
            .or_else(|| front::integer(keys, "weight")),
        tags,
        draft: front::flag(keys, "published") == Some(false),
        updated: front::date(keys, "last_modified_at").or_else(|| front::date(keys, "date")),
        aliases: front::list(keys, "redirect_from"),
        ..Front::default()
    };
    if keys.contains_key("layout") {
        report.count("`layout` left to the theme");
    }
    f.keep_rest(
        keys,
        &[
            "title",
            "description",
            "excerpt",
            "nav_order",
            "order",
            "weight",
            "tags",
            "categories",
            "published",
            "last_modified_at",
            "date",
            "redirect_from",
            "permalink",
            "layout",
        ],
        report,
    );
    f
}

struct Liquid<'a> {
    src: &'a Path,
    config: &'a Mapping,
    page: &'a Planned,
    body_line: usize,
    dests: &'a HashMap<String, String>,
    posts: &'a HashMap<String, String>,
}

static TAG: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?s)\{%-?\s*(\w+)\s*(.*?)\s*-?%\}|\{\{-?\s*(.*?)\s*-?\}\}").ok());
static INCLUDE_PARAM: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))"#).ok());

const NOTE_INCLUDES: &[&str] = &[
    "note",
    "tip",
    "warning",
    "caution",
    "important",
    "info",
    "callout",
    "alert",
    "danger",
];

/// Converts Liquid tags and outputs; what has no equivalent is reported.
fn liquid(body: &str, ctx: &Liquid, report: &mut Report) -> String {
    let Some(re) = &*TAG else {
        return body.to_string();
    };
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    // Inside {% raw %}, nothing is Liquid.
    let mut raw_until: Option<usize> = None;
    while let Some(c) = re.captures_at(body, at) {
        let Some(whole) = c.get(0) else { break };
        out.push_str(&body[at..whole.start()]);
        at = whole.end();
        let line = text::line_at(body, ctx.body_line, whole.start());
        if let Some(end) = raw_until {
            if whole.start() < end {
                out.push_str(whole.as_str());
                continue;
            }
            raw_until = None;
        }
        if let Some(expr) = c.get(3) {
            out.push_str(&output(expr.as_str(), whole.as_str(), ctx, line, report));
            continue;
        }
        let tag = c.get(1).map_or("", |m| m.as_str());
        let args = c.get(2).map_or("", |m| m.as_str()).trim();
        match tag {
            "raw" => {
                raw_until = body[at..].find("{% endraw %}").map(|i| at + i);
                report.count("`{% raw %}` unwrapped");
            }
            "endraw" => {}
            "comment" => {
                if let Some(i) = body[at..].find("{% endcomment %}") {
                    at += i + "{% endcomment %}".len();
                }
                report.count("Liquid comments removed");
            }
            "highlight" => {
                let lang = args.split_whitespace().next().unwrap_or("");
                if let Some(i) = body[at..].find("{% endhighlight %}") {
                    let code = body[at..at + i].trim_matches('\n');
                    out.push_str(&format!("```{lang}\n{code}\n```"));
                    at += i + "{% endhighlight %}".len();
                    report.count("`{% highlight %}` → fenced code");
                } else {
                    report.problem(
                        &ctx.page.rel,
                        line,
                        "`{% highlight %}` is never closed; left as written",
                        "close it with {% endhighlight %}",
                    );
                    out.push_str(whole.as_str());
                }
            }
            "link" => {
                let target = args.trim_matches(['"', '\'']);
                match ctx.dests.get(target.trim_start_matches('/')) {
                    Some(d) => {
                        out.push_str(&text::relative(&ctx.page.dest, d));
                        report.count("`{% link %}` → relative .md links");
                    }
                    None => {
                        report.problem(
                            &ctx.page.rel,
                            line,
                            format!("`{{% link {target} %}}` finds no page; left as the path"),
                            "the new site's build lists it as a broken link to fix",
                        );
                        out.push_str(target);
                    }
                }
            }
            "post_url" => {
                let name = args.trim_matches(['"', '\'']);
                let name = name.rsplit('/').next().unwrap_or(name);
                match ctx.posts.get(name) {
                    Some(d) => {
                        out.push_str(&text::relative(&ctx.page.dest, d));
                        report.count("`{% post_url %}` → relative .md links");
                    }
                    None => {
                        report.problem(
                            &ctx.page.rel,
                            line,
                            format!("`{{% post_url {name} %}}` finds no post"),
                            "link the post by hand",
                        );
                        out.push_str(whole.as_str());
                    }
                }
            }
            "include" | "include_relative" => {
                out.push_str(&include(tag, args, whole.as_str(), ctx, line, report));
            }
            _ => {
                report.problem(
                    &ctx.page.rel,
                    line,
                    format!("Liquid tag `{tag}` has no helpsite equivalent; left as written"),
                    "rewrite it in markdown",
                );
                out.push_str(whole.as_str());
            }
        }
    }
    out.push_str(&body[at..]);
    out
}

/// `{{ … }}`: the site's URL parts vanish (links become site paths the
/// import then resolves), `'/x/' | relative_url` gives `/x/`.
fn output(expr: &str, whole: &str, ctx: &Liquid, line: usize, report: &mut Report) -> String {
    let e = expr.trim();
    if matches!(
        e,
        "site.baseurl" | "site.url" | "site.baseurl | default: ''"
    ) {
        report.count("`{{ site.baseurl }}` removed from links");
        return String::new();
    }
    if let Some((value, filter)) = e.split_once('|') {
        let filter = filter.trim();
        let value = value.trim().trim_matches(['"', '\'']);
        if matches!(
            filter,
            "relative_url" | "absolute_url" | "prepend: site.baseurl"
        ) {
            report.count("`relative_url` links → site paths");
            return value.to_string();
        }
    }
    if let Some(value) = site_value(ctx, e) {
        report.count("`{{ site.… }}` settings → their values");
        return value;
    }
    report.problem(
        &ctx.page.rel,
        line,
        format!("Liquid output `{whole}` has no value outside Jekyll; left as written"),
        "write the value into the page",
    );
    whole.to_string()
}

/// `site.KEY.SUB` from _config.yml, `site.data.FILE.KEY` from _data/, when
/// it is one text or number.
fn site_value(ctx: &Liquid, expr: &str) -> Option<String> {
    let path = expr.strip_prefix("site.")?;
    if path.contains(|c: char| c.is_whitespace() || c == '|') {
        return None;
    }
    let mut keys = path.split('.');
    let mut value: Value = if path.starts_with("data.") {
        keys.next();
        let file = keys.next()?;
        let text = ["yml", "yaml"].iter().find_map(|ext| {
            std::fs::read_to_string(ctx.src.join(format!("_data/{file}.{ext}"))).ok()
        })?;
        serde_yaml::from_str(&text).ok()?
    } else {
        Value::Mapping(ctx.config.clone())
    };
    for k in keys {
        value = value.as_mapping()?.get(k)?.clone();
    }
    match value {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn include(
    tag: &str,
    args: &str,
    whole: &str,
    ctx: &Liquid,
    line: usize,
    report: &mut Report,
) -> String {
    let mut parts = args.splitn(2, char::is_whitespace);
    let name = parts.next().unwrap_or("").trim_matches(['"', '\'']);
    let rest = parts.next().unwrap_or("");
    let mut params: HashMap<String, String> = HashMap::new();
    if let Some(re) = &*INCLUDE_PARAM {
        for c in re.captures_iter(rest) {
            let v = c
                .get(2)
                .or_else(|| c.get(3))
                .or_else(|| c.get(4))
                .map_or("", |m| m.as_str());
            if let Some(k) = c.get(1) {
                params.insert(k.as_str().to_string(), v.to_string());
            }
        }
    }
    let base = without_extension(name.trim_end_matches(".html"))
        .rsplit('/')
        .next()
        .unwrap_or(name);
    if let Some(kind) = NOTE_INCLUDES
        .iter()
        .find(|n| base.to_ascii_lowercase().contains(*n))
    {
        let content = params
            .get("content")
            .or_else(|| params.get("text"))
            .or_else(|| params.get("body"))
            .cloned()
            .unwrap_or_default();
        report.count("note includes → callouts");
        return format!(
            "\n{}",
            callout(
                text::alert_kind(params.get("type").map_or(kind, |t| t.as_str())),
                params.get("title").map(String::as_str),
                &content
            )
        );
    }
    // As in Jekyll, an include is read from inside the site only.
    let path = if tag == "include_relative" {
        text::normalize(&format!("{}/{name}", text::dir_of(&ctx.page.rel)))
    } else {
        text::normalize(name).map(|n| format!("_includes/{n}"))
    };
    match path.and_then(|p| std::fs::read_to_string(ctx.src.join(p)).ok()) {
        Some(t) if is_markdown(name) || !t.contains("{%") && !t.contains("{{") => {
            report.count("includes → their text");
            t.trim_end().to_string()
        }
        _ => {
            report.problem(
                &ctx.page.rel,
                line,
                format!("include `{name}` is a template or missing; left as written"),
                "copy its text into the page",
            );
            whole.to_string()
        }
    }
}

/// kramdown block attributes: `{: .note }` before a paragraph makes it a
/// callout (as just-the-docs shows it); `{:toc}` and `{: .no_toc }` go.
fn kramdown_blocks(body: &str, report: &mut Report) -> String {
    text::map_prose(body, |prose, _| {
        let lines: Vec<&str> = prose.split_inclusive('\n').collect();
        let mut out = String::with_capacity(prose.len());
        let mut i = 0;
        while i < lines.len() {
            let t = lines[i].trim();
            if t == "{:toc}" || t == "{: toc}" {
                // Its list item (`* TOC`, `1. TOC`) goes with it.
                if out.trim_end().ends_with("TOC") {
                    let keep = out.trim_end().rfind('\n').map_or(0, |j| j + 1);
                    out.truncate(keep);
                }
                report.count("kramdown tables of contents removed (the theme has one)");
                i += 1;
                continue;
            }
            if t.starts_with("{:") && t.ends_with('}') {
                let class = t
                    .trim_start_matches("{:")
                    .trim_end_matches('}')
                    .trim()
                    .trim_start_matches('.');
                let class = class.split_whitespace().next().unwrap_or("");
                let is_note = [
                    "note",
                    "warning",
                    "important",
                    "tip",
                    "caution",
                    "highlight",
                    "new",
                    "info",
                ]
                .iter()
                .any(|n| class.starts_with(n));
                if is_note && i + 1 < lines.len() {
                    let mut para = String::new();
                    let mut j = i + 1;
                    while j < lines.len() && !lines[j].trim().is_empty() {
                        para.push_str(lines[j].trim_start_matches('>').trim_start());
                        if !para.ends_with('\n') {
                            para.push('\n');
                        }
                        j += 1;
                    }
                    let kind = class.split(['-', '_']).next().unwrap_or("note");
                    out.push_str(&callout(text::alert_kind(kind), None, &para));
                    report.count("kramdown `{: .note }` blocks → callouts");
                    i = j;
                    continue;
                }
                report.count("kramdown attributes removed");
                i += 1;
                continue;
            }
            out.push_str(lines[i]);
            i += 1;
        }
        out
    })
}
