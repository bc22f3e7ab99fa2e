//! The build pipeline, in order: load the configuration and content, render
//! markdown (in parallel), check anchors, render templates into a staging folder
//! (in parallel), add the generated files, then swap the staging folder into
//! place. Errors from every stage are gathered; any error stops before the swap.
//! The search index is written last (`write_search`): pages do not depend on it.
//! Given a `memo::Memo`, the same pipeline skips work whose inputs did not change.

pub mod memo;

use std::path::{Path, PathBuf};
use std::sync::Arc;
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
    /// Measure each stage's peak memory too (`--timings`).
    pub timings: bool,
    /// Keep article HTML deflated until written: `None` decides by size
    /// (`PACK_HTML_ABOVE`); tests force it to check pages come out the same.
    pub pack_html: Option<bool>,
}

/// Article markdown, in bytes, above which a build keeps the articles' HTML
/// deflated until their pages are written. Deflating costs about 0.2 s per
/// 10,000 articles (a twentieth of a build) and saves memory only large sites
/// need: at 100,000 articles (480 MB of markdown) it took the peak from 2.3 to
/// 1.5 GB in the markdown stage (BENCHMARKS.md).
pub const PACK_HTML_ABOVE: usize = 128 << 20;

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
    /// Peak resident bytes of each stage, where the system tells it.
    pub stage_peaks: Vec<Option<u64>>,
}

/// Records how long each pipeline stage took, and (on Linux) the process's
/// peak resident memory during it.
#[derive(Debug, Default)]
pub struct StageClock {
    last: Option<Instant>,
    pub stages: Vec<(&'static str, Duration)>,
    /// Peak resident bytes of each stage, where the system tells it and
    /// `measuring_memory` asked for it.
    pub peaks: Vec<Option<u64>>,
    memory: bool,
}

impl StageClock {
    pub fn start() -> Self {
        StageClock {
            last: Some(Instant::now()),
            stages: Vec::new(),
            peaks: Vec::new(),
            memory: false,
        }
    }

    /// Also records each stage's own peak memory. This resets the process's
    /// peak counter at every stage, so tools that read it at the end
    /// (`/usr/bin/time`) then see only the last stage's: ask for it only with
    /// `--timings`.
    pub fn measuring_memory() -> Self {
        reset_peak_memory();
        StageClock {
            memory: true,
            ..StageClock::start()
        }
    }

    /// Ends the running stage under `name` and starts the next one.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        if let Some(last) = self.last {
            self.stages.push((name, now - last));
            if self.memory {
                self.peaks.push(peak_memory());
                reset_peak_memory();
            } else {
                self.peaks.push(None);
            }
        }
        self.last = Some(now);
    }
}

/// The peak resident memory since the last reset (Linux's `VmHWM`).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Starts a new peak (Linux: writing 5 to `clear_refs` resets `VmHWM`); where
/// that is not possible, peaks run from the start of the process.
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// A loaded and rendered site: everything except the writing.
pub struct Site {
    pub site_dir: PathBuf,
    pub config: Config,
    pub content: Content,
    pub articles: Vec<Arc<Rendered>>,
    pub sections: Vec<Arc<Rendered>>,
    pub templates: Option<Arc<Templates>>,
    /// `support.yaml`, when the site has one.
    pub support: Option<crate::support::Support>,
    /// What rendered markdown depends on besides each file (see `memo`); 0 when
    /// the build keeps no memo.
    pub markdown_env: u64,
}

/// Loads and renders the site's markdown, returning it with every finding.
/// `Site` is `None` only when nothing could be loaded at all.
pub fn load_site(
    site_dir: &Path,
    drafts: bool,
    base_url: Option<&str>,
) -> (Option<Site>, Diagnostics) {
    load_site_timed(
        site_dir,
        drafts,
        base_url,
        &mut StageClock::default(),
        None,
        Lifetime::Kept,
    )
}

/// How long a loaded site is kept, which decides what it may give up early.
#[derive(Debug, Clone, Copy)]
enum Lifetime {
    /// Checked, searched or served: everything stays.
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
pub fn load_site_to_check(site_dir: &Path, drafts: bool) -> (Option<Site>, Diagnostics) {
    load_site_timed(
        site_dir,
        drafts,
        None,
        &mut StageClock::default(),
        None,
        Lifetime::CheckedOnce,
    )
}

/// Loads and renders a site to index it once (`helpsite search`): as
/// `load_site`, but the articles' markdown and HTML are not kept, so a large
/// site needs about half the memory.
pub fn load_site_to_index(site_dir: &Path, drafts: bool) -> (Option<Site>, Diagnostics) {
    load_site_timed(
        site_dir,
        drafts,
        None,
        &mut StageClock::default(),
        None,
        Lifetime::IndexedOnce,
    )
}

fn load_site_timed(
    site_dir: &Path,
    drafts: bool,
    base_url: Option<&str>,
    clock: &mut StageClock,
    mut memo: Option<&mut memo::Memo>,
    lifetime: Lifetime,
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
    if config.search.enabled && !crate::search::analyze::stems_language(&config.language) {
        let line = std::fs::read_to_string(site_dir.join(crate::config::CONFIG_FILE))
            .ok()
            .and_then(|t| crate::yaml::key_line(&t, "language"))
            .unwrap_or(1);
        let known: Vec<&str> = crate::search::analyze::languages()
            .map(|(c, _)| c)
            .collect();
        diags.push(
            Diagnostic::warning(
                "search-language",
                format!(
                    "search has no stemmer or stop words for language `{}`: it uses English ones",
                    config.language
                ),
            )
            .at(crate::config::CONFIG_FILE)
            .line(line)
            .hint(format!(
                "search stems {}; other languages are matched by English rules",
                known.join(", ")
            )),
        );
    }

    clock.lap("config");
    let (mut content, content_diags) =
        crate::content::load_cached(site_dir, drafts, memo.as_mut().map(|m| &mut m.files));
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
    let previous = memo.as_ref().and_then(|m| m.templates.as_ref());
    let templates = match Templates::load(site_dir, &config, previous) {
        Ok(t) => {
            if let Some(m) = memo.as_mut() {
                m.templates = Some(t.clone());
            }
            Some(t)
        }
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };

    clock.lap("load templates");
    // Only rebuilds that reuse work need it (a plain build skips the hashing).
    let markdown_env = memo.as_ref().map_or(0, |_| {
        memo::markdown_environment(&config, &content, support.as_ref(), support_failed)
    });
    // Written once: the articles' markdown leaves the content model, to be
    // dropped one by one as rendered.
    let large = || content.articles.iter().map(|a| a.body.len()).sum::<usize>() > PACK_HTML_ABOVE;
    let packed_if = |pack: bool| {
        if pack {
            KeptHtml::Packed
        } else {
            KeptHtml::Plain
        }
    };
    let (kept_html, release_markdown) = match lifetime {
        Lifetime::Kept => (KeptHtml::Plain, false),
        Lifetime::WrittenOnce { pack_html } => (packed_if(pack_html.unwrap_or_else(large)), true),
        Lifetime::IndexedOnce => (KeptHtml::Dropped, true),
        Lifetime::CheckedOnce => (packed_if(large()), false),
    };
    let bodies = release_markdown.then(|| {
        content
            .articles
            .iter_mut()
            .map(|a| std::mem::take(&mut a.body))
            .collect::<Vec<Arc<str>>>()
    });
    let (articles, sections, md_diags) = render_markdown(
        &config,
        &content,
        support.as_ref(),
        support_failed,
        memo.map(|m| (markdown_env, &mut m.markdown)),
        bodies,
        kept_html,
    );
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
            markdown_env,
        }),
        diags,
    )
}

impl Site {
    /// Once the pages are written, a build needs only what the search index
    /// reads: each document's sections (`Rendered::segments`) and the content
    /// model without its markdown. Dropping HTML, sources and link records
    /// before indexing lowered the peak of a 100,000-article build (BENCHMARKS.md).
    fn keep_only_search_inputs(&mut self) {
        for r in self.articles.iter_mut().chain(self.sections.iter_mut()) {
            if let Some(r) = Arc::get_mut(r) {
                let segments = std::mem::take(&mut r.segments);
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

/// Renders every article and section body (reusing `cache` entries whose inputs
/// are unchanged, and refilling it), then checks that linked anchors exist.
fn render_markdown(
    config: &Config,
    content: &Content,
    support: Option<&crate::support::Support>,
    support_failed: bool,
    cache: Option<(u64, &mut memo::KeyMap<u64, Arc<Rendered>>)>,
    // The articles' markdown, when `Lifetime` took it out of `content`: each
    // is dropped once rendered.
    bodies: Option<Vec<Arc<str>>>,
    kept_html: KeptHtml,
) -> RenderedDocs {
    // A document's HTML depends on its own reading (`revision`) and on the
    // environment.
    let (environment, cache) = match cache {
        Some((env, c)) => (Some(env), Some(c)),
        None => (None, None),
    };
    let key = |kind: &str, name: &str, revision: u64| {
        environment.map(|env| memo::hash_of(&(env, kind, name, revision)))
    };
    let cached = |k: Option<u64>| -> Option<Arc<Rendered>> {
        cache.as_ref().and_then(|c| c.get(&k?).cloned())
    };
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
        };
        let shown = content_path(&a.source);
        let source = Source {
            path: &shown,
            first_line: a.body_line,
            faq: a.meta.faq,
        };
        let mut rendered = markdown::render(body, &source, &opts, &links);
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
            };
            let shown = content_path(s.source_name());
            let source = Source {
                path: &shown,
                first_line: s.body_line,
                faq: false,
            };
            Arc::new(markdown::render(&s.body, &source, &opts, &links))
        })
        .collect();
    if let Some(cache) = cache {
        // Only this build's documents stay, so the cache never outgrows the site.
        cache.clear();
        for (k, r) in article_keys
            .iter()
            .zip(&articles)
            .chain(section_keys.iter().zip(&sections))
        {
            if let Some(k) = k {
                cache.insert(*k, r.clone());
            }
        }
    }

    // Runs for every link on every rebuild: names are only worked out for an
    // error, and documents are checked in parallel.
    let check = |checks: &[markdown::AnchorCheck], shown: &dyn Fn() -> PathBuf| {
        let mut found = Vec::new();
        for c in checks {
            let target = match c.doc {
                Doc::Article(i) => &articles[i],
                Doc::Section(i) => &sections[i],
            };
            if target.anchors.contains(&c.fragment) || is_footnote_anchor(&c.fragment) {
                continue;
            }
            let target_shown = match c.doc {
                Doc::Article(i) => content.articles[i].source.as_str(),
                Doc::Section(i) => {
                    let s = &content.sections[i];
                    s.source_name()
                }
            };
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
            found.push(
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
            );
        }
        found
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
    let mut clock = if opts.timings {
        StageClock::measuring_memory()
    } else {
        StageClock::start()
    };
    let (site, mut diags) = load_site_timed(
        &opts.site_dir,
        opts.drafts,
        opts.base_url.as_deref(),
        &mut clock,
        None,
        Lifetime::WrittenOnce {
            pack_html: opts.pack_html,
        },
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
    let pages = match write_site(&site, templates, &staging, opts.progress, &mut clock, None) {
        Ok(w) => w.pages,
        Err(ds) => {
            diags.extend(ds);
            return Err(diags.sorted());
        }
    };
    let mut site = site;
    site.keep_only_search_inputs();
    // Given back, and in a stage of its own, so that the search stages' peaks
    // are their own (at 100,000 articles the search index stage's peak went
    // from 3.3 GB, the pages' model, to 2.3 GB).
    crate::allocator::return_freed_memory();
    clock.lap("free the pages' model");
    // tantivy indexes the documents; then the rendered sections' texts can go
    // (the index and the excerpts hold what search needs) before the terms
    // are scored and exported.
    let indexed = match index_search(&site) {
        Ok(ix) => ix,
        Err(ds) => {
            diags.extend(ds);
            return Err(diags.sorted());
        }
    };
    site.articles = Vec::new();
    site.sections = Vec::new();
    crate::allocator::return_freed_memory();
    let index = match indexed.map(|i| i.score_terms()).transpose() {
        Ok(ix) => ix.map(|(ix, _)| ix),
        Err(e) => {
            diags.push(crate::search::index_error(e));
            return Err(diags.sorted());
        }
    };
    clock.lap("search index");
    if let Some(ix) = &index
        && let Err(d) = crate::search::export::write(ix, &staging, &site.config.base_path())
    {
        diags.push(d);
        return Err(diags.sorted());
    }
    clock.lap("search export");
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
        stage_peaks: clock.peaks,
    })
}

/// Loads and renders the site and writes its pages and files into `sink` (serve
/// keeps them in memory): everything but the search index, which `write_search`
/// adds. With a memo, what did not change since the memo's build is reused.
/// Returns the site (for `write_search`) and the warnings, or every error.
pub fn build_pages_into(
    site_dir: &Path,
    drafts: bool,
    base_url: Option<&str>,
    sink: &dyn Sink,
    mut memo: Option<&mut memo::Memo>,
    clock: &mut StageClock,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let (site, mut diags) = load_site_timed(
        site_dir,
        drafts,
        base_url,
        clock,
        memo.as_deref_mut(),
        Lifetime::Kept,
    );
    let Some(site) = site else {
        return Err(diags.sorted());
    };
    let Some(templates) = site.templates.as_ref().filter(|_| !diags.has_errors()) else {
        return Err(diags.sorted());
    };
    let pages = memo.map(|m| &mut m.pages);
    match write_site(&site, templates, sink, false, clock, pages) {
        Ok(_) => Ok((site, diags.sorted())),
        Err(ds) => {
            diags.extend(ds);
            Err(diags.sorted())
        }
    }
}

/// What `write_site` produced besides the files.
pub struct Written {
    /// HTML pages written.
    pub pages: usize,
}

/// Each page of a build: output path → (page key, bytes).
pub type PageMemo = memo::KeyMap<String, (u64, Arc<[u8]>)>;

/// Renders every page into `staging` (a build's staging folder, memory for serve,
/// or nothing for `check`) and adds the generated files, except the search index.
/// With a page memo, pages whose inputs are unchanged are reused; the memo is
/// replaced by this build's pages on success.
pub fn write_site(
    site: &Site,
    templates: &Templates,
    staging: &dyn Sink,
    progress: bool,
    clock: &mut StageClock,
    pages: Option<&mut PageMemo>,
) -> Result<Written, Vec<Diagnostic>> {
    let config = &site.config;
    let content = &site.content;
    let assets = write_theme_assets(site, staging).map_err(|d| vec![d])?;
    let ctx = ContextBuilder::new(
        config,
        content,
        &site.articles,
        &site.sections,
        &assets,
        site.support.as_ref(),
        config.search.enabled,
    );
    // With a page memo, each page gets a key covering its context's inputs, and
    // a page whose key is unchanged is reused instead of rendered.
    let previous = pages.as_deref();
    let keys = pages
        .as_ref()
        .map(|_| (ctx.global_key(templates.fingerprint), ctx.section_frames()));
    let fresh: Option<std::sync::Mutex<PageMemo>> = keys
        .as_ref()
        .map(|_| std::sync::Mutex::new(PageMemo::default()));
    clock.lap("template context");

    let bar = progress_bar(
        progress,
        content.articles.len() + content.sections.len() + content.tags.len() + 3,
    );
    // Writes `out_path`, reusing the previous build's bytes when its key (mixed
    // with the global key) is unchanged, else making them with `produce`.
    let keep = |out_path: &str,
                key: Option<u64>,
                produce: &dyn Fn() -> Result<Vec<u8>, Diagnostic>|
     -> Result<(), Diagnostic> {
        let Some(fresh) = &fresh else {
            return staging.write(out_path, &produce()?);
        };
        let key = key
            .zip(keys.as_ref())
            .map(|(k, (global, _))| memo::hash_of(&(global, k)));
        let reused = key.and_then(|k| {
            previous?
                .get(out_path)
                .filter(|(old, _)| *old == k)
                .map(|(_, bytes)| bytes.clone())
        });
        let bytes: Arc<[u8]> = match reused {
            Some(b) => b,
            None => Arc::from(produce()?),
        };
        staging.write_shared(out_path, bytes.clone())?;
        if let (Some(k), Ok(mut f)) = (key, fresh.lock()) {
            f.insert(out_path.to_string(), (k, bytes));
        }
        Ok(())
    };
    // `page` names the page in an error message; it is only worked out then.
    let render = |template: &str,
                  key: Option<u64>,
                  context: &dyn Fn() -> tera::Context,
                  out_path: &str,
                  page: &dyn Fn() -> String|
     -> Result<(), Diagnostic> {
        if let Some(b) = &bar {
            b.inc(1);
        }
        keep(out_path, key, &|| {
            Ok(templates
                .render(template, &context(), &page())?
                .into_bytes())
        })
    };
    let frames: &[u64] = keys.as_ref().map_or(&[], |(_, f)| f.as_slice());
    fn template_for<'t>(
        templates: &Templates,
        wanted: Option<&'t String>,
        default: &'static str,
        shown: &dyn Fn() -> PathBuf,
    ) -> Result<&'t str, Diagnostic> {
        match wanted {
            Some(t) if templates.has(t) => Ok(t),
            Some(t) => Err(
                Diagnostic::error("template", format!("template `{t}` does not exist"))
                    .at(shown())
                    .line(1)
                    .hint(format!(
                        "add templates/{t}, or remove `template:` to use {default}"
                    )),
            ),
            None => Ok(default),
        }
    }

    let mut errors: Vec<Diagnostic> = content
        .articles
        .par_iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let shown = || content_path(&a.source);
            let template =
                match template_for(templates, a.meta.template.as_ref(), "article.html", &shown) {
                    Ok(t) => t,
                    Err(d) => return Some(d),
                };
            render(
                template,
                keys.as_ref()
                    .map(|_| ctx.article_key(i, site.markdown_env, frames)),
                &|| ctx.article(i),
                &format!("{}index.html", a.path),
                &|| shown().display().to_string(),
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
                let shown = || content_path(s.source_name());
                if i == 0 {
                    return render("home.html", None, &|| ctx.home(), "index.html", &|| {
                        "the home page".into()
                    })
                    .err();
                }
                let template =
                    match template_for(templates, s.meta.template.as_ref(), "section.html", &shown)
                    {
                        Ok(t) => t,
                        Err(d) => return Some(d),
                    };
                render(
                    template,
                    keys.as_ref().map(|_| ctx.section_key(i, frames)),
                    &|| ctx.section(i),
                    &format!("{}index.html", s.path),
                    &|| shown().display().to_string(),
                )
                .err()
            })
            .collect::<Vec<_>>(),
    );
    if !content.tags.is_empty() {
        errors.extend(
            render(
                "tags.html",
                None,
                &|| ctx.tags(),
                "tags/index.html",
                &|| "the tag index".into(),
            )
            .err(),
        );
        errors.extend(
            content
                .tags
                .par_iter()
                .enumerate()
                .filter_map(|(i, t)| {
                    render(
                        "tag.html",
                        keys.as_ref().map(|_| ctx.tag_key(i)),
                        &|| ctx.tag(i),
                        &format!("tags/{}/index.html", t.slug),
                        &|| format!("the tag page of “{}”", t.name),
                    )
                    .err()
                })
                .collect::<Vec<_>>(),
        );
    }
    errors.extend(
        render("404.html", None, &|| ctx.not_found(), "404.html", &|| {
            "the 404 page".into()
        })
        .err(),
    );
    if config.search.enabled {
        let filters = crate::search::Filters::of(content, site.support.is_some());
        errors.extend(
            render(
                "search.html",
                None,
                &|| ctx.search_page(&filters),
                "search/index.html",
                &|| "the search page".into(),
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
                    None,
                    &|| ctx.support_page(s, which),
                    &format!("{path}index.html"),
                    &|| format!("the support {which} page"),
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
        for alias in &a.derived.aliases {
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
    extra.push(write_feeds(site, &ctx, staging, &keep, keys.is_some()));
    let errors: Vec<Diagnostic> = extra.into_iter().filter_map(Result::err).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    clock.lap("assets, feeds, redirects");
    if let (Some(pages), Some(fresh)) = (pages, fresh) {
        // Only this build's pages stay, so the memo never outgrows the site.
        *pages = fresh.into_inner().unwrap_or_default();
    }
    Ok(Written {
        pages: content.articles.len()
            + site.support.as_ref().map_or(0, |_| 3)
            + usize::from(config.search.enabled)
            + content.sections.len()
            + content.tags.len()
            + usize::from(!content.tags.is_empty())
            + 1,
    })
}

/// Builds the search index and writes its static export; `None` when search is
/// off. Pages do not depend on it (they name a stable manifest URL), so serve
/// runs this after the pages are already being served.
pub fn write_search(
    site: &Site,
    sink: &dyn Sink,
) -> Result<Option<crate::search::SearchIndex>, Vec<Diagnostic>> {
    let Some(indexed) = index_search(site)? else {
        return Ok(None);
    };
    let (ix, _) = indexed
        .score_terms()
        .map_err(|e| vec![crate::search::index_error(e)])?;
    crate::search::export::write(&ix, sink, &site.config.base_path()).map_err(|d| vec![d])?;
    Ok(Some(ix))
}

/// `site`'s documents indexed by tantivy, terms not yet scored; `None` when
/// search is off.
fn index_search(site: &Site) -> Result<Option<crate::search::index::Indexed>, Vec<Diagnostic>> {
    if !site.config.search.enabled {
        return Ok(None);
    }
    crate::search::index::index_documents(site, Default::default())
        .map(Some)
        .map_err(|e| vec![crate::search::index_error(e)])
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
            _ => {}
        }
    }
    // The browser's stemmer is the search engine's, not the theme's: the one
    // for the site's language, transpiled from tantivy's (analyze.rs).
    if site.config.search.enabled {
        let language = crate::search::analyze::language(&site.config.language);
        let (code, js) = crate::search::analyze::browser_stemmer(language);
        let path = format!("stemmer-{code}.js");
        staging.write(&path, js.as_bytes())?;
        urls.stemmer = hashed(&path, js.as_bytes());
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

/// How `write_site` writes a file it may reuse: path, key, and how to make it.
type Keep<'a> = dyn Fn(&str, Option<u64>, &dyn Fn() -> Result<Vec<u8>, Diagnostic>) -> Result<(), Diagnostic>
    + 'a;

/// The sitemap, robots.txt and the Atom feed. With `keyed`, the sitemap and the
/// feed are reused while what they list is unchanged.
fn write_feeds(
    site: &Site,
    ctx: &ContextBuilder,
    staging: &dyn Sink,
    keep: &Keep,
    keyed: bool,
) -> Result<(), Diagnostic> {
    let key = keyed.then(|| ctx.feeds_key(&site.config.feed));
    keep("sitemap.xml", key, &|| Ok(sitemap(site, ctx).into_bytes()))?;
    staging.write(
        "robots.txt",
        feeds::robots(&ctx.absolute_url("sitemap.xml")).as_bytes(),
    )?;
    if site.config.feed.enabled {
        keep("atom.xml", key, &|| Ok(atom(site, ctx).into_bytes()))?;
    }
    Ok(())
}

fn sitemap(site: &Site, ctx: &ContextBuilder) -> String {
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
    feeds::sitemap(&entries)
}

fn atom(site: &Site, ctx: &ContextBuilder) -> String {
    let content = &site.content;
    {
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
        feeds::atom(
            &site.config.title,
            &ctx.absolute_url(""),
            &ctx.absolute_url("atom.xml"),
            &feed_entries,
        )
    }
}
