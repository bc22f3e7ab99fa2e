//! The build pipeline, in order: load the configuration and content, render
//! markdown (in parallel) and check anchors (`load_site.rs`), render the pages that
//! `plan.rs` declares into a staging folder (in parallel), write the other
//! files it declares, then swap the staging
//! folder into place. Errors from every stage are gathered; any error stops before the swap.
//! The search index is written last (`index_and_export`; serve's `write_search`):
//! pages do not depend on it. A build keeps the previous output's instead when
//! nothing it indexes changed (search/reuse.rs).
//! Given a `memo::Memo`, the same pipeline skips work whose inputs did not change.

pub(crate) mod alternates;
mod load_site;
pub mod memo;
pub(crate) mod plan;
pub(crate) mod previous;
pub(crate) mod search_index;
pub(crate) mod write_host_files;

pub use crate::site::Site;
use load_site::{Lifetime, load_site_timed};
pub use load_site::{PACK_HTML_ABOVE, Request, load_site, load_site_to_check, load_site_to_index};
pub use search_index::{index_site, index_site_in, open_index, open_index_in};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::content::content_path;
use crate::content::links::encode_path;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown;
use crate::output::{Prefixed, Sink, Staging, feeds};
use crate::templates::context::{AssetUrls, ContextBuilder, Renderings, truncate};
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
    /// Index and export search even when nothing it indexes changed since the
    /// previous output (`--reindex`; benchmarks time the indexing this way).
    pub reindex: bool,
    /// Reuse nothing of the previous output: render every page and index
    /// search again (`--fresh`).
    pub fresh: bool,
    /// Keep article HTML deflated until written: `None` decides by size
    /// (`PACK_HTML_ABOVE`); tests force it to check pages come out the same.
    pub pack_html: Option<bool>,
}

/// What a build did about the static search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchExport {
    /// Search is off in helpsite.yaml.
    Off,
    /// Indexed and exported.
    Built,
    /// The previous output's export, copied: nothing it indexes changed.
    Kept,
}

#[derive(Debug)]
pub struct BuildSummary {
    pub pages: usize,
    /// Pages (and sitemaps, feeds) read from the previous output, unchanged.
    pub reused: usize,
    pub search: SearchExport,
    /// Articles and sections (each home included) of every language.
    pub articles: usize,
    pub sections: usize,
    /// The site's languages (1 without `languages:`).
    pub languages: usize,
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

/// The languages of the site in `site_dir` (layout.rs), the default one
/// (`None`) first: one run of the pipeline each. Only an unreadable
/// helpsite.yaml fails here; its other problems are the first stage's to
/// report, all together.
pub fn languages_of(site_dir: &Path) -> Result<Vec<Option<String>>, Diagnostic> {
    let (config, _) = crate::config::Config::read(site_dir)?;
    Ok(std::iter::once(None)
        .chain(config.languages.keys().cloned().map(Some))
        .collect())
}

/// Loads every language of the site `request` names (its `language` is
/// ignored), the default one first: the others read its content for their
/// links to pages not translated. With memos (one per language, made as
/// needed), what did not change since their build is reused. `Err` when a
/// language could not be loaded at all.
fn load_languages(
    request: &Request,
    clock: &mut StageClock,
    mut memos: Option<&mut Vec<memo::Memo>>,
    lifetime: Lifetime,
) -> Result<(Vec<Site>, Diagnostics), Diagnostics> {
    let languages = languages_of(request.site_dir).map_err(|d| Diagnostics::from(vec![d]))?;
    if let Some(m) = memos.as_deref_mut() {
        // A language added or removed starts the memos afresh.
        if m.len() != languages.len() {
            *m = languages.iter().map(|_| memo::Memo::watched()).collect();
        }
    }
    let default = Request {
        language: None,
        default_content: None,
        ..*request
    };
    let memo = memos.as_deref_mut().and_then(|m| m.get_mut(0));
    let (first, mut diags) = load_site_timed(&default, clock, memo, lifetime);
    let Some(first) = first else {
        return Err(diags.sorted());
    };
    let mut others = Vec::with_capacity(languages.len().saturating_sub(1));
    for (l, language) in languages.iter().enumerate().skip(1) {
        let request = Request {
            language: language.as_deref(),
            default_content: Some(&first.content),
            ..*request
        };
        let memo = memos.as_deref_mut().and_then(|m| m.get_mut(l));
        let (site, d) = load_site_timed(&request, clock, memo, lifetime);
        diags.extend(d);
        match site {
            Some(site) => others.push(site),
            None => return Err(diags.sorted()),
        }
    }
    let mut sites = vec![first];
    sites.extend(others);
    Ok((sites, diags))
}

/// Builds the site into its output folder: every language is loaded, then
/// each writes its pages (below its prefix) and its search index.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    let started = Instant::now();
    let mut clock = if opts.timings {
        StageClock::measuring_memory()
    } else {
        StageClock::start()
    };
    let request = Request {
        drafts: opts.drafts,
        base_url: opts.base_url.as_deref(),
        ..Request::new(&opts.site_dir)
    };
    let lifetime = Lifetime::WrittenOnce {
        pack_html: opts.pack_html,
    };
    let output = opts
        .output_dir
        .clone()
        .unwrap_or_else(|| opts.site_dir.join("public"));
    if !opts.fresh {
        previous::remember_highlighting(&output);
    }
    let (mut sites, mut diags) = load_languages(&request, &mut clock, None, lifetime)?;
    if diags.has_errors() || sites.iter().any(|s| s.templates.is_none()) {
        return Err(diags.sorted());
    }
    let alternates = alternates::of(&sites);
    let staging = match Staging::new(&output, &opts.site_dir) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return Err(diags.sorted());
        }
    };
    let mut pages = 0;
    let previous = previous::OutputPages::new(&output, opts.fresh);
    for site in &sites {
        let Some(templates) = site.templates.as_ref() else {
            continue;
        };
        let part = Part {
            sink: &staging,
            alternates: &alternates,
        };
        let reuse = Reuse::Output(&previous);
        match write_site(site, templates, &part, opts.progress, &mut clock, reuse) {
            Ok(w) => pages += w.pages,
            Err(ds) => {
                diags.extend(ds);
                return Err(diags.sorted());
            }
        }
    }
    if let Err(d) = previous
        .write_keys(&staging)
        .and_then(|()| previous::write_highlighting(&output, &staging))
    {
        diags.push(d);
        return Err(diags.sorted());
    }
    markdown::highlight::forget();
    let search = match search_for_build(&mut sites, opts, &output, &staging, &mut clock) {
        Ok(search) => search,
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
    clock.lap("put the output in place");
    Ok(BuildSummary {
        pages,
        reused: previous.reused(),
        search,
        articles: sites.iter().map(|s| s.content.articles.len()).sum(),
        sections: sites.iter().map(|s| s.content.sections.len()).sum(),
        languages: sites.len(),
        elapsed: started.elapsed(),
        output,
        warnings: diags.sorted(),
        stages: clock.stages,
        stage_peaks: clock.peaks,
    })
}

/// The build's search: each language's export kept from the previous output
/// when nothing it indexes changed, the others indexed and exported into
/// `staging`.
fn search_for_build(
    sites: &mut [Site],
    opts: &BuildOptions,
    output: &Path,
    staging: &Staging,
    clock: &mut StageClock,
) -> Result<SearchExport, Vec<Diagnostic>> {
    // Each language's search export is kept from the previous output when
    // nothing it indexes changed. Where there is one to keep, that is known
    // from the pages' model, before it is let go: a language whose export is
    // kept then needs none of it, and only the others copy out what search
    // reads. Where there is none, the fingerprint waits until the model is
    // gone (its copies of every URL and heading were 50 MB more at the peak
    // of 100,000 articles).
    let mut search = SearchExport::Off;
    let mut to_index: Vec<(usize, Option<String>)> = Vec::new();
    for (i, site) in sites.iter().enumerate() {
        if !site.config.search.enabled {
            continue;
        }
        let prefix = &site.layout.prefix;
        if opts.reindex || opts.fresh || !crate::search::reuse::has_export(output, prefix) {
            to_index.push((i, None));
            continue;
        }
        let fingerprint = crate::search::reuse::export_fingerprint(&site.search_inputs());
        clock.lap("search fingerprint");
        let sink = Prefixed {
            inner: staging,
            prefix,
        };
        if crate::search::reuse::copy_previous(output, prefix, &fingerprint, &sink) {
            clock.lap("search export kept (nothing it indexes changed)");
            if search == SearchExport::Off {
                search = SearchExport::Kept;
            }
        } else {
            to_index.push((i, Some(fingerprint)));
        }
    }
    for (i, site) in sites.iter_mut().enumerate() {
        if to_index.iter().any(|(j, _)| *j == i) {
            site.keep_only_search_inputs();
        } else {
            site.articles = Vec::new();
            site.sections = Vec::new();
        }
    }
    // Given back, and in a stage of its own, so that the search stages' peaks
    // are their own (at 100,000 articles the search index stage's peak went
    // from 3.3 GB, the pages' model, to 2.3 GB).
    crate::allocator::return_freed_memory();
    clock.lap("free the pages' model");
    for (i, fingerprint) in to_index {
        let site = &mut sites[i];
        let fingerprint = match fingerprint {
            Some(f) => f,
            None => {
                let f = crate::search::reuse::export_fingerprint(&site.search_inputs());
                // Its copies of every URL and heading are given back before
                // tantivy's peak.
                crate::allocator::return_freed_memory();
                clock.lap("search fingerprint");
                f
            }
        };
        let prefix = site.layout.prefix.clone();
        let sink = Prefixed {
            inner: staging,
            prefix: &prefix,
        };
        index_and_export(site, &sink, &fingerprint, clock)?;
        search = SearchExport::Built;
    }
    Ok(search)
}

/// Indexes the site's documents with tantivy and writes the static export,
/// freeing the rendered sections' texts once tantivy has them (the index and
/// the excerpts hold what search needs) before the terms are scored.
fn index_and_export(
    site: &mut Site,
    staging: &dyn Sink,
    fingerprint: &str,
    clock: &mut StageClock,
) -> Result<(), Vec<Diagnostic>> {
    let indexed = crate::search::index::index_documents(&site.search_inputs(), Default::default())
        .map_err(|e| vec![crate::search::index_error(e)])?;
    site.articles = Vec::new();
    site.sections = Vec::new();
    crate::allocator::return_freed_memory();
    // Two laps: the peak is in the first, while the site's texts and
    // tantivy's index are both held (BENCHMARKS.md).
    clock.lap("search index (tantivy)");
    let (ix, _) = indexed
        .score_terms()
        .map_err(|e| vec![crate::search::index_error(e)])?;
    clock.lap("search index (scores)");
    crate::search::export::write(&ix, staging, &site.config.base_path(), fingerprint)
        .map_err(|d| vec![d])?;
    clock.lap("search export");
    Ok(())
}

/// Loads and renders the site and writes its pages and files into `sink` (serve
/// keeps them in memory), every language below its prefix: everything but the
/// search index, which `write_search` adds. With memos (one per language, made
/// as needed), what did not change since the memos' build is reused. Returns
/// each language's site (for `write_search`) and the warnings, or every error.
pub fn build_pages_into(
    site_dir: &Path,
    drafts: bool,
    base_url: Option<&str>,
    sink: &dyn Sink,
    mut memos: Option<&mut Vec<memo::Memo>>,
    clock: &mut StageClock,
) -> Result<(Vec<Site>, Diagnostics), Diagnostics> {
    let request = Request {
        drafts,
        base_url,
        ..Request::new(site_dir)
    };
    let (mut sites, mut diags) =
        load_languages(&request, clock, memos.as_deref_mut(), Lifetime::Kept)?;
    for site in &mut sites {
        // A preview never sends anything elsewhere: feedback goes to serve
        // itself, which keeps it for `helpsite insights`, and no analytics
        // script is told.
        if site.config.feedback.enabled() {
            site.config.feedback.endpoint = Some(format!(
                "{}{}",
                site.root_path(),
                crate::config::FeedbackConfig::PREVIEW_ENDPOINT.trim_start_matches('/')
            ));
            site.config.feedback.analytics = None;
        }
    }
    if diags.has_errors() || sites.iter().any(|s| s.templates.is_none()) {
        return Err(diags.sorted());
    }
    let alternates = alternates::of(&sites);
    for (l, site) in sites.iter().enumerate() {
        let Some(templates) = site.templates.as_ref() else {
            continue;
        };
        let part = Part {
            sink,
            alternates: &alternates,
        };
        let reuse = match memos.as_deref_mut().and_then(|m| m.get_mut(l)) {
            Some(m) => Reuse::Memo(&mut m.pages),
            None => Reuse::Nothing,
        };
        if let Err(ds) = write_site(site, templates, &part, false, clock, reuse) {
            diags.extend(ds);
            return Err(diags.sorted());
        }
    }
    Ok((sites, diags.sorted()))
}

/// Where `write_site` writes a language, and what it knows of the others.
pub struct Part<'a> {
    /// The output's root: the language's pages go below its prefix, the
    /// files every language shares (theme, robots.txt…) at the root.
    pub sink: &'a dyn Sink,
    /// Every page's translations (empty for a site with one language).
    pub alternates: &'a crate::layout::Alternates,
}

/// What `write_site` produced besides the files.
pub struct Written {
    /// HTML pages written.
    pub pages: usize,
}

/// Each page of a build: output path → (page key, bytes).
pub type PageMemo = memo::KeyMap<String, (u64, Arc<[u8]>)>;

/// Where a build finds the pages it may reuse.
pub enum Reuse<'a> {
    /// Nowhere: every page is rendered, and no key is made (`check`).
    Nothing,
    /// The previous build's pages in memory (`serve`), replaced by this
    /// build's on success.
    Memo(&'a mut PageMemo),
    /// The previous output on disk, by the keys it kept (`build`).
    Output(&'a previous::OutputPages),
}

/// Renders every page into `staging` (a build's staging folder, memory for serve,
/// or nothing for `check`) and adds the generated files, except the search index.
/// Pages whose key is unchanged since the build `reuse` holds are reused.
pub fn write_site(
    site: &Site,
    templates: &Templates,
    part: &Part,
    progress: bool,
    clock: &mut StageClock,
    reuse: Reuse,
) -> Result<Written, Vec<Diagnostic>> {
    // This language's pages go below its prefix; the theme's files at the root.
    let prefixed = Prefixed {
        inner: part.sink,
        prefix: &site.layout.prefix,
    };
    let staging: &dyn Sink = &prefixed;
    let assets = write_theme_assets(site, part.sink).map_err(|d| vec![d])?;
    let ctx = context_builder(site, &assets, part.alternates);
    // Unless nothing is reused, each page gets a key covering its context's
    // inputs, and a page whose key is unchanged is reused instead of rendered.
    let (previous, output_pages) = match &reuse {
        Reuse::Nothing => (None, None),
        Reuse::Memo(pages) => (Some(&**pages), None),
        Reuse::Output(pages) => (None, Some(*pages)),
    };
    let global = (!matches!(reuse, Reuse::Nothing)).then(|| ctx.global_key(templates.fingerprint));
    let fresh: Option<std::sync::Mutex<PageMemo>> =
        previous.map(|_| std::sync::Mutex::new(PageMemo::default()));
    clock.lap("template context");

    // Writes `out_path`, reusing the previous build's bytes when its key (mixed
    // with the global key) is unchanged, else making them with `produce`.
    let keep = |out_path: &str,
                key: Option<u64>,
                produce: &dyn Fn() -> Result<Vec<u8>, Diagnostic>|
     -> Result<(), Diagnostic> {
        let key = key.zip(global).map(|(k, g)| memo::hash_of(&(g, k)));
        if let Some(pages) = output_pages {
            let path = format!("{}{out_path}", site.layout.prefix);
            let kept = match key.and_then(|k| pages.reusable(&path, k)) {
                Some((file, was)) => {
                    staging.keep_previous(&file, out_path)?;
                    Some(was)
                }
                None => {
                    staging.write(out_path, &produce()?)?;
                    None
                }
            };
            if let Some(k) = key {
                pages.record(path, k, kept);
            }
            return Ok(());
        }
        let Some(fresh) = &fresh else {
            return staging.write(out_path, &produce()?);
        };
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

    let count = render_pages(site, templates, &ctx, global.is_some(), &keep, progress)?;
    clock.lap("render and write pages");

    let inputs = plan::FileInputs {
        site,
        ctx: &ctx,
        assets: &assets,
        sink: staging,
        keep: &keep,
        keyed: global.is_some(),
        alternates: part.alternates,
    };
    // What every language shares is written once, with the default language.
    let errors: Vec<Diagnostic> = plan::FILES
        .iter()
        .filter(|f| f.scope == plan::Scope::EveryLanguage || site.layout.is_default())
        .filter_map(|f| (f.write)(&inputs).err())
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    clock.lap("assets, feeds, redirects");
    if let (Reuse::Memo(pages), Some(fresh)) = (reuse, fresh) {
        // Only this build's pages stay, so the memo never outgrows the site.
        *pages = fresh.into_inner().unwrap_or_default();
    }
    Ok(Written { pages: count })
}

/// Renders every page the plan lists (in parallel) and writes it with
/// `keep`, which reuses a page whose key is unchanged; the number of pages.
fn render_pages(
    site: &Site,
    templates: &Templates,
    ctx: &ContextBuilder,
    keyed: bool,
    keep: &plan::Keep,
    progress: bool,
) -> Result<usize, Vec<Diagnostic>> {
    let content = &site.content;
    // The sidebar partial, rendered once per section (templates/sidebar.rs).
    let sidebars: Vec<std::sync::OnceLock<Result<templates::sidebar::Sidebar, Diagnostic>>> = (0
        ..content.sections.len())
        .map(|_| Default::default())
        .collect();
    let with_sidebar = |mut page: tera::Context, s: usize, path: &str| {
        let sidebar = sidebars[s].get_or_init(|| {
            templates
                .render(
                    "partials/sidebar.html",
                    &ctx.sidebar_context(s),
                    &format!(
                        "the sidebar of {}",
                        content_path(content.sections[s].source_name()).display()
                    ),
                )
                .map(templates::sidebar::Sidebar::new)
        });
        if let Ok(sidebar) = sidebar {
            page.insert("sidebar_html", &sidebar.for_page(&ctx.url(path)));
        }
        page
    };
    let page_list = plan::pages(site, ctx, templates, keyed);
    let count = page_list.len();
    let bar = progress_bar(progress, count);
    let mut errors: Vec<Diagnostic> = page_list
        .into_par_iter()
        .filter_map(|page| {
            let page = match page {
                Ok(p) => p,
                Err(d) => return Some(d),
            };
            if let Some(b) = &bar {
                b.inc(1);
            }
            keep(&page.path, page.key, &|| {
                let context = (page.context)();
                let context = match page.sidebar {
                    Some((s, path)) => with_sidebar(context, s, path),
                    None => context,
                };
                Ok(templates
                    .render(page.template, &context, &(page.name)())?
                    .into_bytes())
            })
            .err()
        })
        .collect();
    // A sidebar that failed to render is reported once, not per page.
    errors.extend(sidebars.into_iter().filter_map(|s| s.into_inner()?.err()));
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(count)
}

/// What makes the pages' contexts and keys for one language of the site.
fn context_builder<'a>(
    site: &'a Site,
    assets: &AssetUrls,
    alternates: &'a crate::layout::Alternates,
) -> ContextBuilder<'a> {
    let mut ctx = ContextBuilder::new(
        &site.config,
        &site.content,
        Renderings {
            articles: &site.articles,
            sections: &site.sections,
        },
        assets,
        site.support.as_ref(),
        &site.strings,
    );
    ctx.set_alternates(alternates, &site.layout);
    ctx
}

/// A page as a rebuild sees it.
pub struct PageState {
    /// Below the output folder, with its language's prefix.
    pub path: String,
    /// Its key, mixed with the global key (`None`: made on every build).
    pub key: Option<u64>,
    /// Its context, with `"sidebar partial"` holding the context of the
    /// sidebar it shows (rendered once per section).
    pub context: serde_json::Value,
}

/// Every page of the site in every language, with its key and its context,
/// made afresh. A key is right when every change to its page's context
/// changes it: this lets a test hold every key to that (tests/it/page_keys.rs).
pub fn page_states(site_dir: &Path) -> Result<Vec<PageState>, Diagnostics> {
    let mut memos = Vec::new();
    let (sites, diags) = load_languages(
        &Request::new(site_dir),
        &mut StageClock::default(),
        Some(&mut memos),
        Lifetime::Kept,
    )?;
    if diags.has_errors() {
        return Err(diags);
    }
    let alternates = alternates::of(&sites);
    let mut states = Vec::new();
    for site in &sites {
        let Some(templates) = site.templates.as_ref() else {
            continue;
        };
        let assets = write_theme_assets(site, &crate::output::Discard)
            .map_err(|d| Diagnostics::from(vec![d]))?;
        let ctx = context_builder(site, &assets, &alternates);
        let global = ctx.global_key(templates.fingerprint);
        for page in plan::pages(site, &ctx, templates, true) {
            let page = page.map_err(|d| Diagnostics::from(vec![d]))?;
            let mut context = (page.context)().into_json();
            if let (Some((s, _)), serde_json::Value::Object(fields)) = (page.sidebar, &mut context)
            {
                fields.insert("sidebar partial".into(), ctx.sidebar_context(s).into_json());
            }
            states.push(PageState {
                path: format!("{}{}", site.layout.prefix, page.path),
                key: page.key.map(|k| memo::hash_of(&(global, k))),
                context,
            });
        }
    }
    Ok(states)
}

/// Builds the search index and writes its static export; `None` when search is
/// off. Pages do not depend on it (they name a stable manifest URL), so serve
/// runs this after the pages are already being served. `fingerprint` is the
/// site's export fingerprint when the caller has computed it already.
pub fn write_search(
    site: &Site,
    sink: &dyn Sink,
    fingerprint: Option<String>,
) -> Result<Option<crate::search::SearchIndex>, Vec<Diagnostic>> {
    if !site.config.search.enabled {
        return Ok(None);
    }
    let fingerprint = fingerprint
        .unwrap_or_else(|| crate::search::reuse::export_fingerprint(&site.search_inputs()));
    let (ix, _) = crate::search::index::build_with(&site.search_inputs(), Default::default())
        .map_err(|e| vec![crate::search::index_error(e)])?;
    crate::search::export::write(&ix, sink, &site.config.base_path(), &fingerprint)
        .map_err(|d| vec![d])?;
    Ok(Some(ix))
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
    // Written at the root: every language shares them (each writes the same
    // bytes), except that its own search is below its prefix.
    let base_path = site.root_path();
    let hashed = |path: &str, bytes: &[u8]| {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        bytes.hash(&mut h);
        format!("{base_path}{path}?v={:08x}", h.finish() as u32)
    };
    let mut urls = AssetUrls {
        root: base_path.clone(),
        ..AssetUrls::default()
    };
    for f in templates::theme_static(&site.site_dir, &site.config) {
        staging.write(&f.path, &f.bytes)?;
        match f.path.as_str() {
            "style.css" => urls.style = hashed(&f.path, &f.bytes),
            "helpsite.js" => urls.script = hashed(&f.path, &f.bytes),
            "support.js" => urls.support = hashed(&f.path, &f.bytes),
            "search.js" => urls.search = hashed(&f.path, &f.bytes),
            "feedback.js" => urls.feedback = hashed(&f.path, &f.bytes),
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
        urls.search_manifest = format!(
            "{}{}",
            site.config.base_path(),
            crate::search::export::MANIFEST
        );
    }
    // The scripts' interface text is the same on every page of a language:
    // one cached file, not 2–4 KB inlined in each page.
    let path = script_text_file(&site.config.language);
    let text = format!("window.helpsiteText={};\n", site.strings.script_json());
    staging.write(&path, text.as_bytes())?;
    urls.text = hashed(&path, text.as_bytes());
    let (light, dark) = markdown::code_styles::CodeThemes::new(
        &site.config.markdown.highlight_theme_light,
        &site.config.markdown.highlight_theme_dark,
    )
    .stylesheets();
    staging.write("syntax-light.css", light.as_bytes())?;
    staging.write("syntax-dark.css", dark.as_bytes())?;
    urls.syntax_light = hashed("syntax-light.css", light.as_bytes());
    urls.syntax_dark = hashed("syntax-dark.css", dark.as_bytes());
    Ok(urls)
}

/// The file of a language's interface text for the browser scripts, at the
/// root with the other shared files (the code is a checked language code,
/// `config::is_language_code`, so it is a plain file name).
fn script_text_file(language: &str) -> String {
    format!("text-{language}.js")
}

/// Redirect pages at articles' and sections' old addresses (front matter
/// `aliases`).
fn write_alias_redirects(out: &plan::FileInputs) -> Result<(), Diagnostic> {
    let strings = &out.site.strings;
    let (moved, text) = (
        strings.get("redirect.title", &[]),
        strings.get("redirect.text", &[]),
    );
    let redirect = |to: &str| feeds::redirect(to, &out.site.config.language, &moved, &text);
    let content = &out.site.content;
    let articles = content
        .articles
        .iter()
        .map(|a| (a.derived.aliases.as_slice(), a.path.as_str()));
    let sections = content
        .sections
        .iter()
        .map(|s| (s.aliases.as_slice(), s.path.as_str()));
    for (aliases, path) in articles.chain(sections) {
        for alias in aliases {
            let file = if alias.ends_with(".html") {
                alias.clone()
            } else {
                format!("{alias}index.html")
            };
            out.sink
                .write(&file, redirect(&out.ctx.url(path)).as_bytes())?;
        }
    }
    Ok(())
}

/// Images and other files beside the articles, at their paths.
fn copy_content_assets(out: &plan::FileInputs) -> Result<(), Diagnostic> {
    for asset in &out.site.content.assets {
        out.sink.copy(&asset.disk_path, &asset.path)?;
    }
    Ok(())
}

/// The support holidays as a calendar, beside the hours page.
fn write_holidays_ics(out: &plan::FileInputs) -> Result<(), Diagnostic> {
    let Some(s) = &out.site.support else {
        return Ok(());
    };
    let host = out
        .site
        .config
        .base_url
        .split("://")
        .nth(1)
        .and_then(|h| h.split('/').next())
        .unwrap_or("helpsite");
    let ics =
        crate::support::pages::holidays_ics(s, &out.site.config.title, host, &out.site.strings);
    out.sink
        .write(&format!("{}holidays.ics", s.pages.hours), ics.as_bytes())
}

/// The site's `static/` folder, copied as-is (over the theme's files).
fn copy_site_static(out: &plan::FileInputs) -> Result<(), Diagnostic> {
    let staging = out.sink;
    let root = out.site.site_dir.join("static");
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

/// The sitemap, robots.txt and the Atom feed. With a memo, the sitemap and
/// the feed are reused while what they list is unchanged.
fn write_feeds(out: &plan::FileInputs) -> Result<(), Diagnostic> {
    let (site, ctx, keep) = (out.site, out.ctx, out.keep);
    let key = out.keyed.then(|| ctx.feeds_key(&site.config.feed));
    let alternates = out.alternates;
    let key = key.map(|k| memo::hash_of(&(k, alternates)));
    keep("sitemap.xml", key, &|| {
        Ok(sitemap(site, ctx, alternates).into_bytes())
    })?;
    if site.config.feed.enabled {
        keep("atom.xml", key, &|| Ok(atom(site, ctx).into_bytes()))?;
    }
    Ok(())
}

/// `robots.txt`, naming the sitemap of every language.
fn write_robots(out: &plan::FileInputs) -> Result<(), Diagnostic> {
    let ctx = out.ctx;
    let sitemaps: Vec<String> = std::iter::once(String::new())
        .chain(
            out.site
                .config
                .languages
                .keys()
                .map(|code| format!("{code}/")),
        )
        .map(|prefix| ctx.absolute_url(&format!("{prefix}sitemap.xml")))
        .collect();
    out.sink
        .write("robots.txt", feeds::robots(&sitemaps).as_bytes())
}

fn sitemap(site: &Site, ctx: &ContextBuilder, alternates: &crate::layout::Alternates) -> String {
    let content = &site.content;
    let place = alternates
        .languages
        .iter()
        .position(|l| l.code == site.layout.language)
        .unwrap_or(0);
    // Each page with its translations, as search engines read them.
    let entry = |path: &str, url: String, lastmod: Option<String>| {
        let versions = alternates.hreflang(place, path);
        feeds::SitemapEntry {
            url,
            lastmod,
            alternates: if versions.len() > 1 {
                versions
                    .into_iter()
                    .map(|(code, href)| (code.to_string(), href.to_string()))
                    .collect()
            } else {
                Vec::new()
            },
        }
    };
    let mut entries = vec![entry("", ctx.absolute_url(""), None)];
    entries.extend(
        content
            .sections
            .iter()
            .skip(1)
            .map(|s| entry(&s.path, ctx.absolute_url(&s.path), None)),
    );
    // A page shown untranslated is its original's copy: only the original is listed.
    entries.extend(
        content
            .articles
            .iter()
            .filter(|a| !site.layout.is_fallback(&a.source))
            .map(|a| {
                entry(
                    &a.path,
                    ctx.absolute_url(&encode_path(&a.path)),
                    a.updated.map(|d| d.to_string()),
                )
            }),
    );
    if let Some(s) = &site.support {
        for path in [&s.pages.hours, &s.pages.sla, &s.pages.channels] {
            entries.push(entry(path, ctx.absolute_url(path), None));
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
