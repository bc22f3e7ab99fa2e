//! Loading a site: its configuration, content, templates and support data, and
//! its markdown rendered (in parallel) with every linked anchor checked. What a
//! loaded site keeps depends on what it is loaded for (`Lifetime`): a build,
//! a check or `helpsite search` use it once and give up what they no longer need.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{StageClock, memo};
use crate::config::Config;
use crate::content::links::DocLinks;
use crate::content::{Content, Doc, content_path};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, MarkdownOptions, Rendered, Source};
use crate::site::Site;
use crate::templates::{self, Templates};

/// Article markdown, in bytes, above which a build keeps the articles' HTML
/// deflated until their pages are written. Deflating costs about 0.2 s per
/// 10,000 articles (a twentieth of a build) and saves memory only large sites
/// need: at 100,000 articles (480 MB of markdown) it took the peak from 2.3 to
/// 1.5 GB in the markdown stage (BENCHMARKS.md).
pub const PACK_HTML_ABOVE: usize = 128 << 20;

/// Loads and renders the site's markdown, returning it with every finding.
/// `Site` is `None` only when nothing could be loaded at all.
pub fn load_site(
    site_dir: &Path,
    drafts: bool,
    base_url: Option<&str>,
) -> (Option<Site>, Diagnostics) {
    let request = Request {
        drafts,
        base_url,
        ..Request::new(site_dir)
    };
    load_site_timed(&request, &mut StageClock::default(), None, Lifetime::Kept)
}

/// Which site, and which part of it (layout.rs), to load.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub site_dir: &'a Path,
    /// Include articles marked `draft: true`.
    pub drafts: bool,
    /// Replaces `base_url` from helpsite.yaml.
    pub base_url: Option<&'a str>,
    /// The language to load: `None` for the default language, or one of
    /// `languages:`.
    pub language: Option<&'a str>,
    /// When loading another language: the default language's content, if
    /// the caller has it (its links to pages not translated go there);
    /// otherwise it is read again.
    pub default_content: Option<&'a Content>,
}

impl<'a> Request<'a> {
    /// The default language of the site in `site_dir`, as published.
    pub fn new(site_dir: &'a Path) -> Self {
        Request {
            site_dir,
            drafts: false,
            base_url: None,
            language: None,
            default_content: None,
        }
    }
}

/// How long a loaded site is kept, which decides what it may give up early.
#[derive(Debug, Clone, Copy)]
pub(super) enum Lifetime {
    /// Served (kept between rebuilds), or loaded with `load_site`: everything
    /// stays.
    Kept,
    /// Loaded to be written once (`build`): each article's markdown is released
    /// as soon as it is rendered, and on a large site (or when `pack_html`
    /// says so) its HTML is kept deflated until its page is written. Together
    /// these took the 100,000-article build's peak from 3.3 GB under 2 GB
    /// (BENCHMARKS.md).
    WrittenOnce { pack_html: Option<bool> },
    /// Loaded to be indexed once (`helpsite search`): the markdown is released
    /// as rendered, and the HTML is not kept at all (search reads the sections).
    IndexedOnce,
    /// Loaded to be checked once (`check`): the markdown stays (lints read
    /// it); on a large site the HTML is deflated until its page is rendered.
    CheckedOnce,
}

/// What rendering keeps of an article's HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeptHtml {
    Plain,
    /// Deflated (`Rendered::pack_html`).
    Packed,
    Dropped,
}

/// Loads and renders a site to check it once (`helpsite check`): as
/// `load_site`, but a large site's article HTML is kept deflated.
pub fn load_site_to_check(request: &Request) -> (Option<Site>, Diagnostics) {
    load_site_once(request, Lifetime::CheckedOnce)
}

/// Loads and renders a site to index it once (`helpsite search`): as
/// `load_site`, but the articles' markdown and HTML are not kept, so a large
/// site needs about half the memory.
pub fn load_site_to_index(request: &Request) -> (Option<Site>, Diagnostics) {
    load_site_once(request, Lifetime::IndexedOnce)
}

/// A load for one use, untimed and with no memo of an earlier build.
fn load_site_once(request: &Request, lifetime: Lifetime) -> (Option<Site>, Diagnostics) {
    load_site_timed(request, &mut StageClock::default(), None, lifetime)
}

pub(super) fn load_site_timed(
    request: &Request,
    clock: &mut StageClock,
    mut memo: Option<&mut memo::Memo>,
    lifetime: Lifetime,
) -> (Option<Site>, Diagnostics) {
    let site_dir = request.site_dir;
    let mut diags = Diagnostics::new();
    let Some((config, layout, root_path)) = load_config(request, &mut diags) else {
        return (None, diags);
    };
    clock.lap("config");
    let (mut content, content_diags) = crate::content::load_cached(
        site_dir,
        request.drafts,
        config.slugs.paths,
        &layout,
        memo.as_mut().map(|m| &mut m.files),
    );
    diags.extend(content_diags);
    hide_untranslated_introductions(&mut content, &layout);
    // Another language's links to pages it has not translated go to the
    // default language's (their problems are reported by its own load).
    let reread;
    let untranslated: Option<&Content> = match (layout.is_default(), request.default_content) {
        (true, _) => None,
        (false, Some(c)) => Some(c),
        (false, None) => {
            let default = crate::layout::Layout::default_of(&config);
            reread = crate::content::load_cached(
                site_dir,
                request.drafts,
                config.slugs.paths,
                &default,
                None,
            )
            .0;
            Some(&reread)
        }
    };
    diags.extend(content_warnings(&config, &content));
    let (support, support_failed) = load_support(site_dir, &layout, &mut diags);
    if let Some(s) = &support {
        diags.extend(generated_page_conflicts(&content, s));
    }
    if layout.is_default() {
        diags.extend(language_conflicts(&content, &config));
    }
    let strings = match crate::i18n::Strings::load(site_dir, &config.theme, &config.language) {
        Ok((s, warnings)) => {
            diags.extend(warnings);
            Arc::new(s)
        }
        Err(ds) => {
            diags.extend(ds);
            Arc::new(crate::i18n::Strings::english())
        }
    };
    clock.lap("load content");
    let templates = load_templates(site_dir, &config, &strings, memo.as_deref_mut(), &mut diags);
    clock.lap("load templates");
    // Page keys stand for renderings by it (`build` keeps them for the next
    // build, `serve` between rebuilds); `check` and `search` need none.
    let keyed = memo.is_some() || matches!(lifetime, Lifetime::WrittenOnce { .. });
    let markdown_env = if keyed {
        let env = |content| {
            memo::markdown_environment(
                &config,
                content,
                support.as_ref(),
                support_failed,
                strings.fingerprint,
            )
        };
        // A translation's links to pages not translated read the default
        // language's content too.
        memo::hash_of(&(env(&content), untranslated.map(env)))
    } else {
        0
    };
    let (kept_html, release_markdown) = what_rendering_keeps(lifetime, &content);
    let bodies = release_markdown.then(|| {
        content
            .articles
            .iter_mut()
            .map(|a| std::mem::take(&mut a.body))
            .collect::<Vec<Arc<str>>>()
    });
    let base_path = config.base_path();
    let facts = crate::support::references::SupportFacts {
        support: support.as_ref(),
        base_path: &base_path,
        support_failed,
        strings: &strings,
    };
    let elsewhere = untranslated.map(|content| crate::content::links::Elsewhere {
        content,
        base_path: &root_path,
        language: &layout.language,
    });
    let (articles, sections, md_diags) = render_markdown(
        &config,
        &content,
        &facts,
        elsewhere.as_ref(),
        match memo {
            Some(m) => RenderKeys::Cache(markdown_env, &mut m.markdown),
            None if keyed => RenderKeys::Identities,
            None => RenderKeys::None,
        },
        bodies,
        kept_html,
    );
    diags.extend(link_problems_as_configured(&config, md_diags));
    clock.lap("markdown");
    (
        Some(Site {
            site_dir: site_dir.to_path_buf(),
            config,
            content,
            articles,
            sections,
            templates,
            strings,
            support,
            markdown_env,
            layout,
        }),
        diags,
    )
}

/// The configuration for the requested language, with `--base-url` applied,
/// and the default language's base path (where files beside the articles and
/// pages not translated are, seen from another language). `None` when the
/// site cannot be loaded at all.
fn load_config(
    request: &Request,
    diags: &mut Diagnostics,
) -> Option<(Config, crate::layout::Layout, String)> {
    let site_dir = request.site_dir;
    let (mut config, problems) = match Config::read(site_dir) {
        Ok(read) => read,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    // Every problem of the file at once: its own, then those only the
    // theme, the highlighter and search can see.
    let synonyms = crate::search::synonyms::check_config(&config);
    let unusable = !problems.is_empty() || synonyms.is_some();
    diags.extend(problems);
    diags.extend(synonyms);
    if let Err(d) = templates::check_theme(site_dir, &config) {
        diags.push(d);
    }
    diags.extend(highlight_theme_problems(&config));
    if unusable {
        return None;
    }
    if let Some(url) = request.base_url {
        match crate::config::normalize_base_url(url) {
            Ok(u) => config.base_url = u,
            Err(msg) => diags
                .push(Diagnostic::error("usage", msg).hint("pass --base-url https://example.com/")),
        }
    }
    let Some(layout) = crate::layout::Layout::of(&config, request.language) else {
        let known: Vec<&str> = std::iter::once(config.language.as_str())
            .chain(config.languages.keys().map(String::as_str))
            .collect();
        diags.push(
            Diagnostic::error(
                "usage",
                format!(
                    "the site has no language `{}`",
                    request.language.unwrap_or("")
                ),
            )
            .at(config.path())
            .hint(format!("its languages are {}", known.join(", "))),
        );
        return None;
    };
    let root_path = config.base_path();
    layout.apply(&mut config);
    diags.extend(search_language_warning(&config));
    Some((config, layout, root_path))
}

/// A code highlighting theme syntect does not know is an error at its key.
fn highlight_theme_problems(config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
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
        if let Err(known) = markdown::code_styles::theme(name) {
            out.push(
                config.locate(
                    Diagnostic::error("invalid-value", format!("unknown highlight theme `{name}`"))
                        .hint(format!("choose one of: {known}")),
                    key,
                ),
            );
        }
    }
    out
}

/// A language search has no stemmer for is searched by English rules: said
/// once, as a warning.
fn search_language_warning(config: &Config) -> Option<Diagnostic> {
    // Chinese, Japanese and Korean need no stemmer: their text is searched
    // by character pairs (search/analyze.rs).
    let cjk = matches!(config.language.split('-').next(), Some("zh" | "ja" | "ko"));
    if !config.search.enabled || cjk || crate::search::analyze::stems_language(&config.language) {
        return None;
    }
    let known: Vec<&str> = crate::search::analyze::languages()
        .map(|(c, _)| c)
        .collect();
    Some(
        config.locate(
            Diagnostic::warning(
                "search-language",
                format!(
                    "search has no stemmer or stop words for language `{}`: it uses English ones",
                    config.language
                ),
            )
            .hint(format!(
                "search stems {}; other languages are matched by English rules",
                known.join(", ")
            )),
            "language",
        ),
    )
}

/// A folder this language has not translated keeps the default language's
/// title; its introduction is shown only where untranslated text is
/// (`fallback: true`, marked with its language).
fn hide_untranslated_introductions(content: &mut Content, layout: &crate::layout::Layout) {
    if layout.is_default() || layout.fallback {
        return;
    }
    for s in &mut content.sections {
        if s.index_source
            .as_deref()
            .is_some_and(|src| layout.is_fallback(src))
        {
            s.body = "".into();
        }
    }
}

/// What the configuration says of the content: `nav:` entries that name no
/// section, and more redirects than Cloudflare Pages reads.
fn content_warnings(config: &Config, content: &Content) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if config.nav.is_some() {
        let (_, nav_diags) =
            templates::nav::header_nav(config, content, &config.base_path(), false);
        diags.extend(nav_diags);
    }
    let aliases: usize = content
        .articles
        .iter()
        .map(|a| a.derived.aliases.len())
        .chain(content.sections.iter().map(|s| s.aliases.len()))
        .sum();
    if config.hosting.redirects && aliases > crate::output::host_files::CLOUDFLARE_STATIC_REDIRECTS
    {
        diags.push(
            Diagnostic::warning(
                "redirects-limit",
                format!(
                    "_redirects has {aliases} redirects (front matter `aliases`); Cloudflare Pages reads only the first {}",
                    crate::output::host_files::CLOUDFLARE_STATIC_REDIRECTS
                ),
            )
            .at(config.path())
            .line(config.key_line("hosting"))
            .hint("Netlify and GitLab Pages read them all, and every alias also has its own redirect page; drop aliases nobody visits, or set `hosting: {redirects: false}`"),
        );
    }
    diags
}

/// support.yaml, with this language's words for it (support.ru.yaml), and
/// whether it failed (pages that reference it then say nothing more of it).
fn load_support(
    site_dir: &Path,
    layout: &crate::layout::Layout,
    diags: &mut Diagnostics,
) -> (Option<crate::support::Support>, bool) {
    let mut support = match crate::support::load(site_dir) {
        Ok(s) => s,
        Err(ds) => {
            diags.extend(ds);
            return (None, true);
        }
    };
    if let (Some(s), Some(code)) = (support.as_mut(), &layout.suffix)
        && let Err(ds) = crate::support::translation::apply(site_dir, code, s)
    {
        diags.extend(ds);
        return (support, true);
    }
    (support, false)
}

/// The theme's templates, from the memo's when they are unchanged.
fn load_templates(
    site_dir: &Path,
    config: &Config,
    strings: &Arc<crate::i18n::Strings>,
    memo: Option<&mut memo::Memo>,
    diags: &mut Diagnostics,
) -> Option<Arc<Templates>> {
    let previous = memo.as_ref().and_then(|m| m.templates.as_ref());
    match Templates::load(site_dir, config, strings, previous) {
        Ok(t) => {
            if let Some(m) = memo {
                m.templates = Some(t.clone());
            }
            Some(t)
        }
        Err(ds) => {
            diags.extend(ds);
            None
        }
    }
}

/// What this site's lifetime lets rendering give up: the articles' markdown
/// leaves the content model, to be dropped one by one as rendered, and their
/// HTML may be packed or not kept.
fn what_rendering_keeps(lifetime: Lifetime, content: &Content) -> (KeptHtml, bool) {
    let large = || content.articles.iter().map(|a| a.body.len()).sum::<usize>() > PACK_HTML_ABOVE;
    let packed_if = |pack: bool| {
        if pack {
            KeptHtml::Packed
        } else {
            KeptHtml::Plain
        }
    };
    match lifetime {
        Lifetime::Kept => (KeptHtml::Plain, false),
        Lifetime::WrittenOnce { pack_html } => (packed_if(pack_html.unwrap_or_else(large)), true),
        Lifetime::IndexedOnce => (KeptHtml::Dropped, true),
        Lifetime::CheckedOnce => (packed_if(large()), false),
    }
}

/// Broken links and anchors, as errors or (`links: {broken: warning}`, a
/// site being moved builds while its links are fixed) as warnings, each
/// still listed where it is written.
fn link_problems_as_configured(config: &Config, md_diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if config.links.broken != crate::config::BrokenLinks::Warning {
        return md_diags;
    }
    md_diags
        .into_iter()
        .map(|mut d| {
            if matches!(d.code, "broken-link" | "broken-anchor") {
                d.severity = crate::diagnostics::Severity::Warning;
            }
            d
        })
        .collect()
}

impl Site {
    /// Once the pages are written, a build needs only what the search index
    /// reads: each document's sections (`Rendered::segments`) and the content
    /// model without its markdown. Dropping HTML, sources and link records
    /// before indexing lowered the peak of a 100,000-article build (BENCHMARKS.md).
    ///
    /// The sections are copied, not moved: made while the pages were
    /// rendered, they sat in the allocator's pages among the HTML now freed,
    /// and kept a third-used gigabyte of those pages from being given back
    /// (372 MB of text in 18,400 pages of 64 KiB at 100,000 articles).
    /// Copied one after another, they fill pages of their own, and the
    /// search stages' peak fell by 250 MB (BENCHMARKS.md).
    pub(super) fn keep_only_search_inputs(&mut self) {
        for r in self.articles.iter_mut().chain(self.sections.iter_mut()) {
            if let Some(r) = Arc::get_mut(r) {
                let segments = r.segments.clone();
                *r = Rendered {
                    segments,
                    ..Rendered::default()
                };
            }
        }
        let empty: Arc<str> = Arc::from("");
        for a in &mut self.content.articles {
            a.body = empty.clone();
        }
        for s in &mut self.content.sections {
            s.body = empty.clone();
        }
    }
}

/// Content at `/CODE/` of one of `languages:` (a folder or an article) is an
/// error: that is where the language's pages go.
fn language_conflicts(content: &Content, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for code in config.languages.keys() {
        let path = format!("{code}/");
        let owner = content
            .sections
            .iter()
            .find(|s| s.path == path)
            .map(|s| content_path(s.source_name()))
            .or_else(|| {
                content
                    .articles
                    .iter()
                    .find(|a| a.path == path || a.derived.aliases.contains(&path))
                    .map(|a| content_path(&a.source))
            });
        if let Some(shown) = owner {
            out.push(
                Diagnostic::error(
                    "duplicate-url",
                    format!("/{path} is where the `{code}` pages go, and {} is published there too", shown.display()),
                )
                .at(&shown)
                .hint("rename the folder or give it another `slug:`; translations sit beside their sources (faq.ru.md)"),
            );
        }
    }
    out
}

/// A generated support page on a URL that content already uses is an error.
fn generated_page_conflicts(
    content: &Content,
    support: &crate::support::Support,
) -> Vec<Diagnostic> {
    let mut used: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for a in &content.articles {
        used.insert(&a.path, &a.source);
        for al in &a.derived.aliases {
            used.insert(al, &a.source);
        }
    }
    for s in &content.sections {
        used.insert(&s.path, &s.dir);
        for al in &s.aliases {
            used.insert(al, &s.dir);
        }
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

type RenderedDocs = (Vec<Arc<Rendered>>, Vec<Arc<Rendered>>, Vec<Diagnostic>);

/// What the renderings are keyed by: nothing (`check`, `search`), their
/// identities only (`build`, whose pages are keyed), or also the memo that
/// `serve` keeps them in, by their environment's key.
enum RenderKeys<'m> {
    None,
    Identities,
    Cache(u64, &'m mut memo::KeyMap<u64, Arc<Rendered>>),
}

/// Renders every article and section body (reusing `cache` entries whose inputs
/// are unchanged, and refilling it), then checks that linked anchors exist.
fn render_markdown(
    config: &Config,
    content: &Content,
    // Resolves `{{support:…}}` in the interface's words (`facts.strings`).
    facts: &crate::support::references::SupportFacts,
    elsewhere: Option<&crate::content::links::Elsewhere>,
    keys: RenderKeys,
    // The articles' markdown, when `Lifetime` took it out of `content`: each
    // is dropped once rendered.
    bodies: Option<Vec<Arc<str>>>,
    kept_html: KeptHtml,
) -> RenderedDocs {
    // A document's HTML depends on its own reading (`revision`) and on the
    // environment.
    let (environment, cache, keyed) = match keys {
        RenderKeys::None => (None, None, false),
        RenderKeys::Identities => (None, None, true),
        RenderKeys::Cache(env, c) => (Some(env), Some(c), true),
    };
    let key = |kind: &str, name: &str, revision: u64| {
        environment.map(|env| crate::markdown::rendered_key(env, kind, name, revision))
    };
    let cached = |k: Option<u64>| -> Option<Arc<Rendered>> {
        cache.as_ref().and_then(|c| c.get(&k?).cloned())
    };
    let base_path = config.base_path();
    let code_themes = crate::markdown::code_styles::CodeThemes::new(
        &config.markdown.highlight_theme_light,
        &config.markdown.highlight_theme_dark,
    );
    let opts = MarkdownOptions {
        smart_punctuation: config.markdown.smart_punctuation,
        highlight: config.markdown.highlight_code.then_some(&code_themes),
        anchors: config.slugs.anchors,
        facts,
        strings: facts.strings,
    };
    let article_keys: Vec<Option<u64>> = content
        .articles
        .iter()
        .map(|a| key("article", &a.source, a.revision))
        .collect();
    let section_keys: Vec<Option<u64>> = content
        .sections
        .iter()
        .map(|s| key("section", &s.dir, s.revision))
        .collect();
    let render_article = |i: usize, body: &str, kept: KeptHtml| {
        if let Some(r) = cached(article_keys[i]) {
            return r;
        }
        let a = &content.articles[i];
        let dir = a.source.rfind('/').map_or("", |p| &a.source[..p]);
        let links = DocLinks {
            content,
            doc: Doc::Article(i),
            dir,
            base_path: &base_path,
            elsewhere,
        };
        let shown = content_path(&a.source);
        let source = Source {
            path: &shown,
            first_line: a.body_line,
            faq: a.meta.faq,
        };
        let mut rendered = markdown::render(body, &source, &opts, &links);
        if keyed {
            rendered.set_identity("article", &a.source, a.revision);
        }
        match kept {
            KeptHtml::Plain => {}
            KeptHtml::Packed => rendered.pack_html(),
            KeptHtml::Dropped => rendered.html = String::new(),
        }
        Arc::new(rendered)
    };
    let articles: Vec<Arc<Rendered>> = match bodies {
        // Each body is dropped as soon as its article is rendered.
        Some(bodies) => bodies
            .into_par_iter()
            .enumerate()
            .map(|(i, body)| render_article(i, &body, kept_html))
            .collect(),
        None => content
            .articles
            .par_iter()
            .enumerate()
            .map(|(i, a)| render_article(i, &a.body, kept_html))
            .collect(),
    };
    let sections: Vec<Arc<Rendered>> = content
        .sections
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            if let Some(r) = cached(section_keys[i]) {
                return r;
            }
            let links = DocLinks {
                content,
                doc: Doc::Section(i),
                dir: &s.dir,
                base_path: &base_path,
                elsewhere,
            };
            let shown = content_path(s.source_name());
            let source = Source {
                path: &shown,
                first_line: s.body_line,
                faq: false,
            };
            let mut rendered = markdown::render(&s.body, &source, &opts, &links);
            if keyed {
                rendered.set_identity("section", &s.dir, s.revision);
            }
            Arc::new(rendered)
        })
        .collect();
    if let Some(cache) = cache {
        // Only this build's documents stay, so the cache never outgrows the site.
        cache.clear();
        let keys = article_keys.iter().chain(&section_keys);
        for (k, r) in keys.zip(articles.iter().chain(&sections)) {
            if let Some(k) = k {
                cache.insert(*k, r.clone());
            }
        }
    }

    let mut diags = check_anchors(content, &articles, &sections);
    for r in articles.iter().chain(&sections) {
        diags.extend(r.diagnostics.iter().cloned());
    }
    (articles, sections, diags)
}

/// Every link to an anchor of another document names a heading it has.
/// Runs for every link on every rebuild: names are only worked out for an
/// error, and documents are checked in parallel.
fn check_anchors(
    content: &Content,
    articles: &[Arc<Rendered>],
    sections: &[Arc<Rendered>],
) -> Vec<Diagnostic> {
    let rendered = |doc: Doc| match doc {
        Doc::Article(i) => &articles[i],
        Doc::Section(i) => &sections[i],
    };
    let check = |checks: &[markdown::AnchorCheck], shown: &dyn Fn() -> PathBuf| {
        checks
            .iter()
            .filter_map(|c| anchor_problem(c, rendered(c.doc), content, shown))
            .collect::<Vec<_>>()
    };
    let article_checks: Vec<Vec<Diagnostic>> = articles
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            check(&r.anchor_checks, &|| {
                content_path(&content.articles[i].source)
            })
        })
        .collect();
    let mut diags: Vec<Diagnostic> = article_checks.into_iter().flatten().collect();
    for (i, r) in sections.iter().enumerate() {
        let s = &content.sections[i];
        diags.extend(check(&r.anchor_checks, &|| content_path(s.source_name())));
    }
    diags
}

/// What is wrong with one link to an anchor of `target`: nothing, an old
/// heading name (a warning: the page still answers to it), or no such
/// heading, with the closest one.
fn anchor_problem(
    c: &markdown::AnchorCheck,
    target: &Rendered,
    content: &Content,
    shown: &dyn Fn() -> PathBuf,
) -> Option<Diagnostic> {
    if target.anchors.contains(&c.fragment)
        || is_footnote_anchor(&c.fragment)
        || is_text_fragment(&c.fragment)
    {
        return None;
    }
    if let Some((_, new)) = target
        .renamed_anchors
        .iter()
        .find(|(o, _)| *o == c.fragment)
    {
        return Some(
            Diagnostic::warning(
                "renamed-anchor",
                format!("#{} is the old name of the heading #{new}", c.fragment),
            )
            .at(shown())
            .line_col(c.line, c.column)
            .hint(format!(
                "link to #{new}: heading anchors follow GitHub's rules (the old name is kept in the page for links from elsewhere)"
            )),
        );
    }
    let target_shown = match c.doc {
        Doc::Article(i) => content.articles[i].source.as_str(),
        Doc::Section(i) => content.sections[i].source_name(),
    };
    let known: Vec<&str> = target.anchors.iter().map(String::as_str).collect();
    let skeleton = crate::slug::anchor_skeleton(&c.fragment);
    let same_heading: Option<&str> = known
        .iter()
        .copied()
        .filter(|a| !skeleton.is_empty() && crate::slug::anchor_skeleton(a) == skeleton)
        .min();
    let hint = match same_heading.or_else(|| crate::diagnostics::closest(&c.fragment, &known)) {
        Some(best) => format!(
            "did you mean #{best}? (anchors follow GitHub's rules unless `slugs: {{anchors: ascii}}`)"
        ),
        None if known.is_empty() => "that page has no headings to link to".to_string(),
        None => {
            let mut k = known.clone();
            k.sort_unstable();
            format!("its anchors are: #{}", k.join(", #"))
        }
    };
    Some(
        Diagnostic::error(
            "broken-anchor",
            format!(
                "link to #{} in content/{target_shown}, which has no such heading",
                c.fragment
            ),
        )
        .at(shown())
        .line_col(c.line, c.column)
        .hint(hint),
    )
}

/// `#:~:text=…` (a text fragment) asks the browser to find words on the
/// page, not an element: there is no anchor to check.
fn is_text_fragment(fragment: &str) -> bool {
    fragment.starts_with(":~:")
}

/// Footnote definitions get ids from pulldown-cmark, not from headings.
fn is_footnote_anchor(fragment: &str) -> bool {
    fragment.starts_with("fn-") || fragment.starts_with("fr-")
}
