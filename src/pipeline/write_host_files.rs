//! Writes the files for hosts and machines (output/host_files.rs and
//! output/markdown_copy.rs make them): `_redirects`, `_headers`, `llms.txt`
//! and each searchable article's `index.html.md`, as `hosting:` in
//! helpsite.yaml switches them.

use rayon::prelude::*;

use super::Site;
use crate::content::Doc;
use crate::content::links::DocLinks;
use crate::diagnostics::Diagnostic;
use crate::output::host_files::{self, LlmsLink};
use crate::output::markdown_copy::{CopyLinks, markdown_copy};
use crate::templates::context::{AssetUrls, ContextBuilder};

/// The name of an article's markdown copy, beside its `index.html`.
pub(crate) const MARKDOWN_COPY: &str = "index.html.md";

/// `_redirects`, `_headers`, `llms.txt` and the articles' markdown copies,
/// as `hosting:` in helpsite.yaml asks.
pub(super) fn write_hosting(out: &super::plan::FileInputs) -> Result<(), Diagnostic> {
    let (site, assets, staging) = (out.site, out.assets, out.sink);
    let config = &site.config;
    let content = &site.content;
    let base_path = config.base_path();
    let hosting = config.hosting;
    if hosting.redirects {
        let aliases: Vec<(&str, &str)> = content
            .articles
            .iter()
            .flat_map(|a| {
                a.derived
                    .aliases
                    .iter()
                    .map(|al| (al.as_str(), a.path.as_str()))
            })
            .chain(
                content
                    .sections
                    .iter()
                    .flat_map(|s| s.aliases.iter().map(|al| (al.as_str(), s.path.as_str()))),
            )
            // The other languages' too, below their prefixes.
            .chain(
                out.alternates
                    .aliases
                    .iter()
                    .map(|(al, to)| (al.as_str(), to.as_str())),
            )
            .collect();
        staging.write(
            "_redirects",
            host_files::redirects(&base_path, &aliases).as_bytes(),
        )?;
    }
    if hosting.headers {
        let csp = host_files::content_security_policy(
            &config
                .feedback
                .endpoint_origin()
                .into_iter()
                .collect::<Vec<_>>(),
        );
        let search = config.search.enabled;
        let mut immutable: Vec<String> = versioned_assets(assets, &base_path)
            .into_iter()
            // A file the site's static/ folder replaces keeps the theme's
            // version in its URL, so it must not be cached forever.
            .filter(|p| !site.site_dir.join("static").join(p).exists())
            .collect();
        // Every other language's interface text is versioned too (this is
        // written once, with the default language's assets).
        immutable.extend(
            config
                .languages
                .keys()
                .map(|code| super::script_text_file(code)),
        );
        // Each language's search is below its prefix (`ru/search/`).
        let prefixes: Vec<String> = std::iter::once(String::new())
            .chain(config.languages.keys().map(|code| format!("{code}/")))
            .collect();
        let mut manifests = Vec::new();
        if search {
            for prefix in &prefixes {
                immutable.push(format!("{prefix}{}*", crate::search::export::CHUNKS));
                manifests.push(format!("{prefix}{}", crate::search::export::MANIFEST));
            }
        }
        staging.write(
            "_headers",
            host_files::headers(&base_path, &csp, &immutable, &manifests).as_bytes(),
        )?;
    }
    Ok(())
}

/// `llms.txt` in every language, below its prefix (`ru/llms.txt`), each
/// ending with a link to the others'.
pub(super) fn write_llms_txt(out: &super::plan::FileInputs) -> Result<(), Diagnostic> {
    if !out.site.config.hosting.llms_txt {
        return Ok(());
    }
    out.sink.write(
        "llms.txt",
        llms_txt(out.site, out.ctx, out.alternates).as_bytes(),
    )
}

/// The theme's files that pages link with `?v=HASH`, as paths below the base.
fn versioned_assets(assets: &AssetUrls, base_path: &str) -> Vec<String> {
    [
        &assets.style,
        &assets.script,
        &assets.syntax_light,
        &assets.syntax_dark,
        &assets.support,
        &assets.search,
        &assets.stemmer,
        &assets.feedback,
        &assets.text,
    ]
    .into_iter()
    .filter_map(|url| {
        let (path, version) = url.strip_prefix(base_path)?.split_once("?v=")?;
        (!version.is_empty()).then(|| path.to_string())
    })
    .collect()
}

/// Each article's markdown copy beside its page (`hosting.markdown_copies`),
/// in every language.
pub(super) fn write_markdown_copies(out: &super::plan::FileInputs) -> Result<(), Diagnostic> {
    let (site, ctx, keep) = (out.site, out.ctx, out.keep);
    if !site.config.hosting.markdown_copies {
        return Ok(());
    }
    let base_path = &site.config.base_path();
    let content = &site.content;
    let facts = crate::support::references::SupportFacts {
        support: site.support.as_ref(),
        base_path,
        support_failed: false,
        strings: &site.strings,
    };
    // Nothing when `base_url` is a bare path: links stay site-absolute.
    let origin = crate::config::origin_of(&site.config.base_url).unwrap_or("");
    (0..content.articles.len())
        .into_par_iter()
        .filter(|&i| content.searchable(i))
        .map(|i| {
            let a = &content.articles[i];
            let path = format!("{}{MARKDOWN_COPY}", a.path);
            // The copy is made from the file, its links' targets and the
            // support data: what the article's rendering is made from.
            let key = out.keyed.then(|| ctx.rendering_key(i));
            keep(&path, key, &|| {
                Ok(copy_of(site, ctx, &facts, origin, i)?.into_bytes())
            })
        })
        .collect()
}

/// The markdown copy of article `i`.
fn copy_of(
    site: &Site,
    ctx: &ContextBuilder,
    facts: &crate::support::references::SupportFacts,
    origin: &str,
    i: usize,
) -> Result<String, Diagnostic> {
    let content = &site.content;
    let base_path = &site.config.base_path();
    {
        {
            let a = &content.articles[i];
            // A one-off build lets go of each article's markdown once it is
            // rendered; the copy reads the file again then.
            let reread;
            let body: &str = if a.body.is_empty() {
                reread = crate::content::read_body(&site.site_dir, &a.source)?;
                &reread
            } else {
                &a.body
            };
            let dir = a.source.rfind('/').map_or("", |p| &a.source[..p]);
            let links = DocLinks {
                content,
                doc: Doc::Article(i),
                dir,
                base_path,
                elsewhere: None,
            };
            let page_url = ctx.url(&a.path);
            let copy = markdown_copy(
                &a.meta.title,
                a.meta.description.as_deref(),
                body,
                &CopyLinks {
                    links: &links,
                    facts,
                    origin,
                    page_url: &page_url,
                },
            );
            Ok(copy)
        }
    }
}

/// `llms.txt`: the articles at the root, then one list per top-level section
/// (its articles and those of the sections below it), then the support pages,
/// then the other languages' `llms.txt`. Links go to the markdown copies when
/// there are any.
fn llms_txt(site: &Site, ctx: &ContextBuilder, alternates: &crate::layout::Alternates) -> String {
    let content = &site.content;
    let config = &site.config;
    let copies = config.hosting.markdown_copies;
    let link = |a: usize| {
        let article = &content.articles[a];
        let path = if copies {
            format!("{}{MARKDOWN_COPY}", article.path)
        } else {
            article.path.clone()
        };
        LlmsLink {
            title: article.meta.title.clone(),
            url: ctx.absolute_url(&crate::content::links::encode_path(&path)),
            description: article.meta.description.clone().unwrap_or_default(),
        }
    };
    let listed = |articles: Vec<usize>| -> Vec<LlmsLink> {
        articles
            .into_iter()
            .filter(|&a| content.searchable(a))
            .map(link)
            .collect()
    };
    let root = &content.sections[0];
    let t = |key: &str| site.strings.get(key, &[]);
    let mut groups = vec![(t("home.start_here"), listed(root.articles.clone()))];
    for &s in &root.subsections {
        groups.push((
            content.sections[s].title.clone(),
            listed(content.articles_below(s)),
        ));
    }
    if let Some(support) = &site.support {
        let pages = [
            ("footer.hours", &support.pages.hours, "support.llms.hours"),
            (
                "footer.response_times",
                &support.pages.sla,
                "support.llms.sla",
            ),
            (
                "footer.contact",
                &support.pages.channels,
                "support.llms.channels",
            ),
        ];
        groups.push((
            t("search.support"),
            pages
                .into_iter()
                .map(|(title, path, description)| LlmsLink {
                    title: t(title),
                    url: ctx.absolute_url(path),
                    description: t(description),
                })
                .collect(),
        ));
    }
    let others: Vec<LlmsLink> = alternates
        .languages
        .iter()
        .filter(|l| l.code != site.layout.language)
        .map(|l| LlmsLink {
            title: l.name.clone(),
            url: format!("{}llms.txt", l.home_absolute),
            description: String::new(),
        })
        .collect();
    if !others.is_empty() {
        groups.push((t("llms.other_languages"), others));
    }
    let summary = if config.description.is_empty() {
        root.meta.description.clone().unwrap_or_default()
    } else {
        config.description.clone()
    };
    host_files::llms_txt(&config.title, &summary, &groups)
}
