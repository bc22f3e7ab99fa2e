//! The build's outputs, declared in one place: every page (where it goes, its
//! template, the key `serve` reuses it by, how its context is made) and every
//! other file (what writes it). `write_site` renders and writes what these
//! lists hold; the page count and the progress bar are the list's length,
//! and `check` runs the same lists into a sink that keeps nothing. Adding an
//! output is one entry here.

use std::path::PathBuf;

use crate::content::content_path;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::site::Site;
use crate::templates::Templates;
use crate::templates::context::{AssetUrls, ContextBuilder};

/// One page to render.
pub(crate) struct PageOutput<'a> {
    /// Below the output folder: `billing/refunds/index.html`.
    pub path: String,
    pub template: &'a str,
    /// What the page depends on beyond the site-wide key, so that `serve`
    /// reuses it while unchanged; `None`: made on every build (or no memo).
    pub key: Option<u64>,
    /// The section whose sidebar the page shows, and the page's URL path
    /// (its link there is marked as the current one).
    pub sidebar: Option<(usize, &'a str)>,
    pub context: Box<dyn Fn() -> tera::Context + Send + Sync + 'a>,
    /// The page, as an error about it names it.
    pub name: Box<dyn Fn() -> String + Send + Sync + 'a>,
}

/// Every page of the site, in a stable order, with their keys when `keyed`
/// (the build keeps a memo). A page whose front matter names a missing
/// template is that error instead.
pub(crate) fn pages<'a>(
    site: &'a Site,
    ctx: &'a ContextBuilder<'a>,
    templates: &'a Templates,
    keyed: bool,
) -> Vec<Result<PageOutput<'a>, Diagnostic>> {
    let content = &site.content;
    let mut out: Vec<Result<PageOutput<'a>, Diagnostic>> = Vec::with_capacity(
        content.articles.len() + content.sections.len() + content.tags.len() + 8,
    );
    for (i, a) in content.articles.iter().enumerate() {
        let shown = move || content_path(&a.source);
        out.push(
            template_for(templates, a.meta.template.as_ref(), "article.html", &shown).map(
                |template| PageOutput {
                    path: format!("{}index.html", a.path),
                    template,
                    key: keyed.then(|| ctx.article_key(i)),
                    sidebar: Some((a.section, a.path.as_str())),
                    context: Box::new(move || ctx.article(i)),
                    name: Box::new(move || shown().display().to_string()),
                },
            ),
        );
    }
    for (i, s) in content.sections.iter().enumerate() {
        if i == 0 {
            out.push(Ok(PageOutput {
                key: keyed.then(|| ctx.home_key()),
                ..fixed(
                    "index.html",
                    "home.html",
                    move || ctx.home(),
                    "the home page",
                )
            }));
            continue;
        }
        let shown = move || content_path(s.source_name());
        out.push(
            template_for(templates, s.meta.template.as_ref(), "section.html", &shown).map(
                |template| PageOutput {
                    path: format!("{}index.html", s.path),
                    template,
                    key: keyed.then(|| ctx.section_key(i)),
                    sidebar: Some((i, s.path.as_str())),
                    context: Box::new(move || ctx.section(i)),
                    name: Box::new(move || shown().display().to_string()),
                },
            ),
        );
    }
    if !content.tags.is_empty() {
        out.push(Ok(fixed(
            "tags/index.html",
            "tags.html",
            move || ctx.tags(),
            "the tag index",
        )));
        for (i, t) in content.tags.iter().enumerate() {
            out.push(Ok(PageOutput {
                path: format!("tags/{}/index.html", t.slug),
                template: "tag.html",
                key: keyed.then(|| ctx.tag_key(i)),
                sidebar: None,
                context: Box::new(move || ctx.tag(i)),
                name: Box::new(move || format!("the tag page of “{}”", t.name)),
            }));
        }
    }
    out.push(Ok(fixed(
        "404.html",
        "404.html",
        move || ctx.not_found(),
        "the 404 page",
    )));
    if site.config.search.enabled {
        let filters = crate::search::Filters::of(&site.search_inputs());
        out.push(Ok(fixed(
            "search/index.html",
            "search.html",
            move || ctx.search_page(&filters.sections, &filters.tags),
            "the search page",
        )));
    }
    if let Some(s) = &site.support {
        for (which, path, template, name) in [
            (
                "hours",
                &s.pages.hours,
                "support/hours.html",
                "the support hours page",
            ),
            (
                "sla",
                &s.pages.sla,
                "support/sla.html",
                "the support sla page",
            ),
            (
                "channels",
                &s.pages.channels,
                "support/channels.html",
                "the support channels page",
            ),
        ] {
            out.push(Ok(fixed(
                &format!("{path}index.html"),
                template,
                move || ctx.support_page(s, which),
                name,
            )));
        }
    }
    // What a page shows of the other languages is its own (not the site's:
    // an article added in one language would change every page).
    for page in out.iter_mut().flatten() {
        if let Some(k) = page.key {
            // A page's path is its output's without `index.html` (`404.html`
            // is both).
            let url_path = page.path.strip_suffix("index.html").unwrap_or(&page.path);
            page.key = Some(crate::hashing::hash_of(&(k, ctx.alternates_key(url_path))));
        }
    }
    out
}

/// A page made on every build, with no sidebar.
fn fixed<'a>(
    path: &str,
    template: &'a str,
    context: impl Fn() -> tera::Context + Send + Sync + 'a,
    name: &'static str,
) -> PageOutput<'a> {
    PageOutput {
        path: path.to_string(),
        template,
        key: None,
        sidebar: None,
        context: Box::new(context),
        name: Box::new(move || name.to_string()),
    }
}

/// The template a page asks for, or the kind's default; a missing one is an
/// error at the page's file.
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

/// How a file the memo may reuse is written: its path, its key (`None`:
/// always made), and how to make its bytes.
pub(crate) type Keep<'a> = dyn Fn(&str, Option<u64>, &dyn Fn() -> Result<Vec<u8>, Diagnostic>) -> Result<(), Diagnostic>
    + Sync
    + 'a;

/// What a file output's producer gets.
pub(crate) struct FileInputs<'a> {
    pub site: &'a Site,
    pub ctx: &'a ContextBuilder<'a>,
    pub assets: &'a AssetUrls,
    pub sink: &'a dyn Sink,
    /// Writes a file `serve` may reuse while its key is unchanged.
    pub keep: &'a Keep<'a>,
    /// Whether the build keeps a memo (keys are worth computing).
    pub keyed: bool,
    /// Every page's translations (the sitemap lists them).
    pub alternates: &'a crate::layout::Alternates,
}

/// A file (or group of files) besides the pages: where it belongs, and its
/// producer.
pub(crate) struct FileOutput {
    pub scope: Scope,
    pub write: fn(&FileInputs) -> Result<(), Diagnostic>,
}

/// Whether a file belongs to each language (below its prefix) or to the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Written by every language, below its prefix (`ru/atom.xml`).
    EveryLanguage,
    /// Written once, at the root, with the default language.
    Site,
}

/// Every file besides the pages and the search index, in writing order
/// (the site's `static/` goes over the theme's files).
pub(crate) const FILES: &[FileOutput] = &[
    // Alias redirects.
    FileOutput {
        scope: Scope::EveryLanguage,
        write: super::write_alias_redirects,
    },
    // Content assets.
    FileOutput {
        scope: Scope::Site,
        write: super::copy_content_assets,
    },
    // The site's static folder.
    FileOutput {
        scope: Scope::Site,
        write: super::copy_site_static,
    },
    // Holiday calendar.
    FileOutput {
        scope: Scope::EveryLanguage,
        write: super::write_holidays_ics,
    },
    // Sitemap and feed.
    FileOutput {
        scope: Scope::EveryLanguage,
        write: super::write_feeds,
    },
    // Robots.txt.
    FileOutput {
        scope: Scope::Site,
        write: super::write_robots,
    },
    // Hosting files.
    FileOutput {
        scope: Scope::Site,
        write: super::write_host_files::write_hosting,
    },
    // Llms.txt.
    FileOutput {
        scope: Scope::EveryLanguage,
        write: super::write_host_files::write_llms_txt,
    },
    // Markdown copies.
    FileOutput {
        scope: Scope::EveryLanguage,
        write: super::write_host_files::write_markdown_copies,
    },
];
