//! The build pipeline, in order: load the configuration and content, render
//! markdown (in parallel), check anchors, render templates into a staging folder
//! (in parallel), add the generated files, then swap the staging folder into
//! place. Errors from every stage are gathered; any error stops before the swap.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::links::{DocLinks, encode_path};
use crate::content::{Content, Doc, content_path};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, MarkdownOptions, Rendered, Source};
use crate::output::{Sink, Staging, feeds};
use crate::templates::context::{AssetUrls, ContextBuilder, truncate};
use crate::templates::{self, Templates};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub site_dir: PathBuf,
    /// Defaults to `site_dir/public`.
    pub output_dir: Option<PathBuf>,
    pub drafts: bool,
    /// Replaces `base_url` from helpsite.yaml.
    pub base_url: Option<String>,
    /// Show a progress bar (only when stderr is a terminal).
    pub progress: bool,
}

#[derive(Debug)]
pub struct BuildSummary {
    pub pages: usize,
    pub articles: usize,
    pub sections: usize,
    pub elapsed: Duration,
    pub output: PathBuf,
    /// Warnings found along the way (a successful build has no errors).
    pub warnings: Diagnostics,
    /// Wall time of each stage, in pipeline order (`helpsite build --timings`).
    pub stages: Vec<(&'static str, Duration)>,
}

/// Records how long each pipeline stage took.
#[derive(Debug, Default)]
pub struct StageClock {
    last: Option<Instant>,
    pub stages: Vec<(&'static str, Duration)>,
}

impl StageClock {
    pub fn start() -> Self {
        StageClock {
            last: Some(Instant::now()),
            stages: Vec::new(),
        }
    }

    /// Ends the running stage under `name` and starts the next one.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        if let Some(last) = self.last {
            self.stages.push((name, now - last));
        }
        self.last = Some(now);
    }
}

/// A loaded and rendered site: everything except the writing.
pub struct Site {
    pub site_dir: PathBuf,
    pub config: Config,
    pub content: Content,
    pub articles: Vec<Rendered>,
    pub sections: Vec<Rendered>,
    pub templates: Option<Templates>,
    /// `support.yaml`, when the site has one.
    pub support: Option<crate::support::Support>,
}

/// Loads and renders the site's markdown, returning it with every finding.
/// `Site` is `None` only when nothing could be loaded at all.
pub fn load_site(
    site_dir: &Path,
    drafts: bool,
    base_url: Option<&str>,
) -> (Option<Site>, Diagnostics) {
    load_site_timed(site_dir, drafts, base_url, &mut StageClock::default())
}

fn load_site_timed(
    site_dir: &Path,
    drafts: bool,
    base_url: Option<&str>,
    clock: &mut StageClock,
) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut config = match Config::load(site_dir) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    if let Some(url) = base_url {
        match crate::config::normalize_base_url(url) {
            Ok(u) => config.base_url = u,
            Err(msg) => diags
                .push(Diagnostic::error("usage", msg).hint("pass --base-url https://example.com/")),
        }
    }
    if let Err(d) = templates::check_theme(site_dir, &config) {
        diags.push(d);
    }
    for (key, name) in [
        (
            "highlight_theme_light",
            &config.markdown.highlight_theme_light,
        ),
        (
            "highlight_theme_dark",
            &config.markdown.highlight_theme_dark,
        ),
    ] {
        if let Err(known) = markdown::highlight::theme_css(name) {
            let line = std::fs::read_to_string(site_dir.join(crate::config::CONFIG_FILE))
                .ok()
                .and_then(|t| crate::yaml::key_line(&t, key))
                .unwrap_or(1);
            diags.push(
                Diagnostic::error("invalid-value", format!("unknown highlight theme `{name}`"))
                    .at(crate::config::CONFIG_FILE)
                    .line(line)
                    .hint(format!("choose one of: {known}")),
            );
        }
    }

    clock.lap("config");
    let (content, content_diags) = crate::content::load(site_dir, drafts);
    diags.extend(content_diags);
    let mut support_failed = false;
    let support = match crate::support::load(site_dir) {
        Ok(s) => s,
        Err(ds) => {
            diags.extend(ds);
            support_failed = true;
            None
        }
    };
    if let Some(s) = &support {
        diags.extend(generated_page_conflicts(&content, s));
    }
    clock.lap("load content");
    let templates = match Templates::load(site_dir, &config) {
        Ok(t) => Some(t),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };

    clock.lap("load templates");
    let (articles, sections, md_diags) =
        render_markdown(&config, &content, support.as_ref(), support_failed);
    diags.extend(md_diags);
    clock.lap("markdown");
    (
        Some(Site {
            site_dir: site_dir.to_path_buf(),
            config,
            content,
            articles,
            sections,
            templates,
            support,
        }),
        diags,
    )
}

/// A generated support page on a URL that content already uses is an error.
fn generated_page_conflicts(
    content: &Content,
    support: &crate::support::Support,
) -> Vec<Diagnostic> {
    let mut used: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for a in &content.articles {
        used.insert(&a.path, &a.source);
        for al in &a.aliases {
            used.insert(al, &a.source);
        }
    }
    for s in &content.sections {
        used.insert(&s.path, &s.dir);
    }
    let pages = [
        ("hours", &support.pages.hours),
        ("sla", &support.pages.sla),
        ("channels", &support.pages.channels),
    ];
    let mut out = Vec::new();
    for (i, (key, path)) in pages.iter().enumerate() {
        if let Some(source) = used.get(path.as_str()) {
            out.push(
                Diagnostic::error(
                    "duplicate-url",
                    format!("the support {key} page /{path} is also the URL of content/{source}"),
                )
                .at(crate::support::SUPPORT_FILE)
                .line(1)
                .hint(format!(
                    "move the article, or set another path under `pages: {key}:` in support.yaml"
                )),
            );
        }
        if pages[..i].iter().any(|(_, p)| p == path) {
            out.push(
                Diagnostic::error("duplicate-url", format!("two support pages use /{path}"))
                    .at(crate::support::SUPPORT_FILE)
                    .line(1)
                    .hint("give each page under `pages:` its own path"),
            );
        }
    }
    out
}

/// Renders every article and section body, then checks that linked anchors exist.
fn render_markdown(
    config: &Config,
    content: &Content,
    support: Option<&crate::support::Support>,
    support_failed: bool,
) -> (Vec<Rendered>, Vec<Rendered>, Vec<Diagnostic>) {
    let base_path = config.base_path();
    let facts = crate::support::references::SupportFacts {
        support,
        base_path: &base_path,
        support_failed,
    };
    let opts = MarkdownOptions {
        smart_punctuation: config.markdown.smart_punctuation,
        highlight_code: config.markdown.highlight_code,
        facts: &facts,
    };
    let articles: Vec<Rendered> = content
        .articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let dir = a.source.rfind('/').map_or("", |p| &a.source[..p]);
            let links = DocLinks {
                content,
                doc: Doc::Article(i),
                dir,
                base_path: &base_path,
            };
            let shown = content_path(&a.source);
            let source = Source {
                path: &shown,
                first_line: a.body_line,
                faq: a.meta.faq,
            };
            markdown::render(&a.body, &source, &opts, &links)
        })
        .collect();
    let sections: Vec<Rendered> = content
        .sections
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            let links = DocLinks {
                content,
                doc: Doc::Section(i),
                dir: &s.dir,
                base_path: &base_path,
            };
            let shown = content_path(s.index_source.as_deref().unwrap_or(&s.dir));
            let source = Source {
                path: &shown,
                first_line: s.body_line,
                faq: false,
            };
            markdown::render(&s.body, &source, &opts, &links)
        })
        .collect();

    let mut diags = Vec::new();
    let mut check = |checks: &[markdown::AnchorCheck], shown: PathBuf| {
        for c in checks {
            let (target, target_shown) = match c.doc {
                Doc::Article(i) => (&articles[i], content.articles[i].source.clone()),
                Doc::Section(i) => (
                    &sections[i],
                    content.sections[i]
                        .index_source
                        .clone()
                        .unwrap_or_else(|| content.sections[i].dir.clone()),
                ),
            };
            if !target.anchors.contains(&c.fragment) && !is_footnote_anchor(&c.fragment) {
                let known: Vec<&str> = target.anchors.iter().map(String::as_str).collect();
                let hint = match crate::diagnostics::closest(&c.fragment, &known) {
                    Some(best) => format!("did you mean #{best}?"),
                    None if known.is_empty() => "that page has no headings to link to".to_string(),
                    None => {
                        let mut k = known.clone();
                        k.sort_unstable();
                        format!("its anchors are: #{}", k.join(", #"))
                    }
                };
                diags.push(
                    Diagnostic::error(
                        "broken-anchor",
                        format!(
                            "link to #{} in content/{target_shown}, which has no such heading",
                            c.fragment
                        ),
                    )
                    .at(&shown)
                    .line_col(c.line, c.column)
                    .hint(hint),
                );
            }
        }
    };
    for (i, r) in articles.iter().enumerate() {
        check(&r.anchor_checks, content_path(&content.articles[i].source));
    }
    for (i, r) in sections.iter().enumerate() {
        let s = &content.sections[i];
        check(
            &r.anchor_checks,
            content_path(s.index_source.as_deref().unwrap_or(&s.dir)),
        );
    }
    for r in articles.iter().chain(&sections) {
        diags.extend(r.diagnostics.iter().cloned());
    }
    (articles, sections, diags)
}

/// Footnote definitions get ids from pulldown-cmark, not from headings.
fn is_footnote_anchor(fragment: &str) -> bool {
    fragment.starts_with("fn-") || fragment.starts_with("fr-")
}

/// Builds the site into its output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    let started = Instant::now();
    let mut clock = StageClock::start();
    let (site, mut diags) = load_site_timed(
        &opts.site_dir,
        opts.drafts,
        opts.base_url.as_deref(),
        &mut clock,
    );
    let Some(site) = site else {
        return Err(diags.sorted());
    };
    let Some(templates) = site.templates.as_ref().filter(|_| !diags.has_errors()) else {
        return Err(diags.sorted());
    };
    let output = opts
        .output_dir
        .clone()
        .unwrap_or_else(|| opts.site_dir.join("public"));
    let staging = match Staging::new(&output, &opts.site_dir) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return Err(diags.sorted());
        }
    };
    let pages = match write_site(&site, templates, &staging, opts.progress, &mut clock) {
        Ok(w) => w.pages,
        Err(ds) => {
            diags.extend(ds);
            return Err(diags.sorted());
        }
    };
    let output = match staging.commit() {
        Ok(o) => o,
        Err(d) => {
            diags.push(d);
            return Err(diags.sorted());
        }
    };
    clock.lap("swap output");
    Ok(BuildSummary {
        pages,
        articles: site.content.articles.len(),
        sections: site.content.sections.len(),
        elapsed: started.elapsed(),
        output,
        warnings: diags.sorted(),
        stages: clock.stages,
    })
}

/// Loads, renders and writes the whole site into `sink` (serve keeps it in
/// memory). Returns what was written and the warnings, or every error.
pub fn build_into(
    site_dir: &Path,
    drafts: bool,
    base_url: Option<&str>,
    sink: &dyn Sink,
) -> Result<(Written, Diagnostics), Diagnostics> {
    let (site, mut diags) = load_site(site_dir, drafts, base_url);
    let Some(site) = site else {
        return Err(diags.sorted());
    };
    let Some(templates) = site.templates.as_ref().filter(|_| !diags.has_errors()) else {
        return Err(diags.sorted());
    };
    match write_site(&site, templates, sink, false, &mut StageClock::default()) {
        Ok(w) => Ok((w, diags.sorted())),
        Err(ds) => {
            diags.extend(ds);
            Err(diags.sorted())
        }
    }
}

/// Renders every page into `staging` (a build's staging folder, or nothing for
/// `check`) and adds the generated files. Returns the number of HTML pages.
/// What `write_site` produced besides the files.
pub struct Written {
    /// HTML pages written.
    pub pages: usize,
    /// The search index, when search is on (serve's API queries it).
    pub search: Option<crate::search::SearchIndex>,
}

pub fn write_site(
    site: &Site,
    templates: &Templates,
    staging: &dyn Sink,
    progress: bool,
    clock: &mut StageClock,
) -> Result<Written, Vec<Diagnostic>> {
    let config = &site.config;
    let content = &site.content;
    let assets = write_theme_assets(site, staging).map_err(|d| vec![d])?;
    let search = if config.search.enabled {
        let ix = crate::search::index::build(site).map_err(|e| {
            vec![Diagnostic::error(
                "search",
                format!("the search index could not be built: {e}"),
            )]
        })?;
        crate::search::export::write(&ix, staging, &config.base_path()).map_err(|d| vec![d])?;
        Some(ix)
    } else {
        None
    };
    clock.lap("search index");
    let ctx = ContextBuilder::new(
        config,
        content,
        &site.articles,
        &site.sections,
        &assets,
        site.support.as_ref(),
        search.is_some(),
    );
    clock.lap("template context");

    let bar = progress_bar(
        progress,
        content.articles.len() + content.sections.len() + content.tags.len() + 3,
    );
    let render = |template: &str,
                  context: tera::Context,
                  out_path: &str,
                  page: &str|
     -> Result<(), Diagnostic> {
        let html = templates.render(template, &context, page)?;
        staging.write(out_path, html.as_bytes())?;
        if let Some(b) = &bar {
            b.inc(1);
        }
        Ok(())
    };
    let template_for =
        |wanted: Option<&String>, default: &str, shown: &Path| -> Result<String, Diagnostic> {
            match wanted {
                Some(t) if templates.has(t) => Ok(t.clone()),
                Some(t) => Err(Diagnostic::error(
                    "template",
                    format!("template `{t}` does not exist"),
                )
                .at(shown)
                .line(1)
                .hint(format!(
                    "add templates/{t}, or remove `template:` to use {default}"
                ))),
                None => Ok(default.to_string()),
            }
        };

    let mut errors: Vec<Diagnostic> = content
        .articles
        .par_iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let shown = content_path(&a.source);
            let template = match template_for(a.meta.template.as_ref(), "article.html", &shown) {
                Ok(t) => t,
                Err(d) => return Some(d),
            };
            render(
                &template,
                ctx.article(i),
                &format!("{}index.html", a.path),
                &shown.display().to_string(),
            )
            .err()
        })
        .collect();
    errors.extend(
        content
            .sections
            .par_iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let shown = content_path(s.index_source.as_deref().unwrap_or(&s.dir));
                if i == 0 {
                    return render("home.html", ctx.home(), "index.html", "the home page").err();
                }
                let template = match template_for(s.meta.template.as_ref(), "section.html", &shown)
                {
                    Ok(t) => t,
                    Err(d) => return Some(d),
                };
                render(
                    &template,
                    ctx.section(i),
                    &format!("{}index.html", s.path),
                    &shown.display().to_string(),
                )
                .err()
            })
            .collect::<Vec<_>>(),
    );
    if !content.tags.is_empty() {
        errors.extend(render("tags.html", ctx.tags(), "tags/index.html", "the tag index").err());
        errors.extend(
            content
                .tags
                .par_iter()
                .enumerate()
                .filter_map(|(i, t)| {
                    render(
                        "tag.html",
                        ctx.tag(i),
                        &format!("tags/{}/index.html", t.slug),
                        &format!("the tag page of “{}”", t.name),
                    )
                    .err()
                })
                .collect::<Vec<_>>(),
        );
    }
    errors.extend(render("404.html", ctx.not_found(), "404.html", "the 404 page").err());
    if search.is_some() {
        let filters = crate::search::Filters::of(content, site.support.is_some());
        errors.extend(
            render(
                "search.html",
                ctx.search_page(&filters),
                "search/index.html",
                "the search page",
            )
            .err(),
        );
    }
    if let Some(s) = &site.support {
        for (which, path) in [
            ("hours", &s.pages.hours),
            ("sla", &s.pages.sla),
            ("channels", &s.pages.channels),
        ] {
            errors.extend(
                render(
                    &format!("support/{which}.html"),
                    ctx.support_page(s, which),
                    &format!("{path}index.html"),
                    &format!("the support {which} page"),
                )
                .err(),
            );
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    clock.lap("render and write pages");

    let mut extra = Vec::new();
    // Aliases redirect to the article's URL.
    for a in &content.articles {
        for alias in &a.aliases {
            let file = if alias.ends_with(".html") {
                alias.clone()
            } else {
                format!("{alias}index.html")
            };
            extra.push(staging.write(&file, feeds::redirect(&ctx.url(&a.path)).as_bytes()));
        }
    }
    for asset in &content.assets {
        extra.push(staging.copy(&asset.disk_path, &asset.path));
    }
    extra.push(copy_site_static(&site.site_dir, staging));
    if let Some(s) = &site.support {
        let host = config
            .base_url
            .split("://")
            .nth(1)
            .and_then(|h| h.split('/').next())
            .unwrap_or("helpsite");
        let ics = crate::support::pages::holidays_ics(s, &config.title, host);
        extra.push(staging.write(&format!("{}holidays.ics", s.pages.hours), ics.as_bytes()));
    }
    extra.push(write_feeds(site, &ctx, staging));
    let errors: Vec<Diagnostic> = extra.into_iter().filter_map(Result::err).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    clock.lap("assets, feeds, redirects");
    let pages = content.articles.len()
        + site.support.as_ref().map_or(0, |_| 3)
        + usize::from(search.is_some())
        + content.sections.len()
        + content.tags.len()
        + usize::from(!content.tags.is_empty())
        + 1;
    Ok(Written { pages, search })
}

fn progress_bar(enabled: bool, len: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !enabled || !std::io::stderr().is_terminal() || len < 500 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} rendering {pos}/{len} pages {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}

/// Writes the theme's static files and the syntax stylesheets; returns their
/// URLs with a content hash for cache busting.
fn write_theme_assets(site: &Site, staging: &dyn Sink) -> Result<AssetUrls, Diagnostic> {
    let base_path = site.config.base_path();
    let hashed = |path: &str, bytes: &[u8]| {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        bytes.hash(&mut h);
        format!("{base_path}{path}?v={:08x}", h.finish() as u32)
    };
    let mut urls = AssetUrls::default();
    for f in templates::theme_static(&site.site_dir, &site.config) {
        staging.write(&f.path, &f.bytes)?;
        match f.path.as_str() {
            "style.css" => urls.style = hashed(&f.path, &f.bytes),
            "helpsite.js" => urls.script = hashed(&f.path, &f.bytes),
            "support.js" => urls.support = hashed(&f.path, &f.bytes),
            "search.js" => urls.search = hashed(&f.path, &f.bytes),
            "stemmer-en.js" => urls.stemmer = hashed(&f.path, &f.bytes),
            _ => {}
        }
    }
    use markdown::highlight::{DARK_CODE_BG, LIGHT_CODE_BG, readable_css, theme_css};
    let light = readable_css(
        &theme_css(&site.config.markdown.highlight_theme_light).unwrap_or_default(),
        LIGHT_CODE_BG,
    );
    let dark = readable_css(
        &theme_css(&site.config.markdown.highlight_theme_dark).unwrap_or_default(),
        DARK_CODE_BG,
    );
    staging.write("syntax-light.css", light.as_bytes())?;
    staging.write("syntax-dark.css", dark.as_bytes())?;
    urls.syntax_light = hashed("syntax-light.css", light.as_bytes());
    urls.syntax_dark = hashed("syntax-dark.css", dark.as_bytes());
    Ok(urls)
}

/// The site's `static/` folder, copied as-is (over the theme's files).
fn copy_site_static(site_dir: &Path, staging: &dyn Sink) -> Result<(), Diagnostic> {
    let root = site_dir.join("static");
    if !root.is_dir() {
        return Ok(());
    }
    for e in walkdir::WalkDir::new(&root)
        .follow_links(true)
        .into_iter()
        .flatten()
    {
        if !e.file_type().is_file() || crate::content::is_ignored(e.file_name()) {
            continue;
        }
        if let Ok(rel) = e.path().strip_prefix(&root) {
            staging.copy(e.path(), &rel.to_string_lossy().replace('\\', "/"))?;
        }
    }
    Ok(())
}

fn write_feeds(site: &Site, ctx: &ContextBuilder, staging: &dyn Sink) -> Result<(), Diagnostic> {
    let content = &site.content;
    let mut entries = vec![feeds::SitemapEntry {
        url: ctx.absolute_url(""),
        lastmod: None,
    }];
    entries.extend(
        content
            .sections
            .iter()
            .skip(1)
            .map(|s| feeds::SitemapEntry {
                url: ctx.absolute_url(&s.path),
                lastmod: None,
            }),
    );
    entries.extend(content.articles.iter().map(|a| feeds::SitemapEntry {
        url: ctx.absolute_url(&encode_path(&a.path)),
        lastmod: a.updated.map(|d| d.to_string()),
    }));
    if let Some(s) = &site.support {
        for path in [&s.pages.hours, &s.pages.sla, &s.pages.channels] {
            entries.push(feeds::SitemapEntry {
                url: ctx.absolute_url(path),
                lastmod: None,
            });
        }
    }
    staging.write("sitemap.xml", feeds::sitemap(&entries).as_bytes())?;
    staging.write(
        "robots.txt",
        feeds::robots(&ctx.absolute_url("sitemap.xml")).as_bytes(),
    )?;

    if site.config.feed.enabled {
        let mut dated: Vec<usize> = (0..content.articles.len())
            .filter(|&i| content.articles[i].updated.is_some())
            .collect();
        dated.sort_by(|&a, &b| {
            let (x, y) = (&content.articles[a], &content.articles[b]);
            y.updated
                .cmp(&x.updated)
                .then_with(|| x.source.cmp(&y.source))
        });
        let feed_entries: Vec<feeds::FeedEntry> = dated
            .into_iter()
            .take(site.config.feed.limit)
            .map(|i| {
                let a = &content.articles[i];
                feeds::FeedEntry {
                    title: a.meta.title.clone(),
                    url: ctx.absolute_url(&a.path),
                    updated: a.updated.map(|d| d.to_string()).unwrap_or_default(),
                    summary: a
                        .meta
                        .description
                        .clone()
                        .unwrap_or_else(|| truncate(&site.articles[i].summary, 300)),
                }
            })
            .collect();
        let xml = feeds::atom(
            &site.config.title,
            &ctx.absolute_url(""),
            &ctx.absolute_url("atom.xml"),
            &feed_entries,
        );
        staging.write("atom.xml", xml.as_bytes())?;
    }
    Ok(())
}
