//! The pages that a rebuild may reuse, each described once: an inputs struct
//! that borrows from the site everything the page shows, and a view that makes
//! the page's context from those inputs and `Env` alone. A page's key is the
//! hash of its inputs, so it changes whenever its context can: the view has
//! nothing else to read, and `Env`, what every page shares, is covered by the
//! global key (`Env::key`). `context.rs` gathers the inputs from the site.
//!
//! Two inputs hash by a key rather than by their text: a document's rendered
//! markdown by its identity (`markdown::rendered_key`, the markdown memo's
//! key), and a section's frame by the hash of its value, made once per
//! section (`Keyed`).

use std::hash::Hash;

use serde::Serialize;
use serde_json::{Value, json};

use crate::config::Config;
use crate::content::{ArticleMeta, SectionMeta};
use crate::hashing::hash_of;
use crate::i18n::Strings;
use crate::layout::{Alternates, Language};
use crate::markdown::{FaqItem, Rendered, TocEntry};

/// What every page shares: the site's settings, the interface text and the
/// base context (`site`, `nav`, `support`, `search`…).
pub(crate) struct Env<'a> {
    pub config: &'a Config,
    pub base_path: String,
    pub base: tera::Context,
    pub strings: &'a Strings,
    /// The home page's name in breadcrumbs and sidebars.
    pub home: String,
    /// Every page's translations, and this language's place among them.
    pub alternates: Option<(&'a Alternates, usize)>,
}

impl Env<'_> {
    /// What a view may read of the environment, hashed: the base context and
    /// the templates (their fingerprint holds the interface text). Not the
    /// date: no keyed page shows it (the support widgets work out what is
    /// open in the browser, and the support pages, which list what is coming
    /// up, are made on every build), and templates cannot read the clock
    /// (tera's `now()` is among the built-ins helpsite leaves out).
    pub(crate) fn key(&self, templates_fingerprint: u64) -> u64 {
        let base = serde_json::to_string(&self.base.clone().into_json()).unwrap_or_default();
        hash_of(&(
            // Keys are kept in an output for the next build (pipeline/
            // previous.rs): they hold for this program only.
            env!("HELPSITE_CODE"),
            base,
            templates_fingerprint,
            &self.home,
            // The languages only: which pages have which translations is
            // each page's own key (`ContextBuilder::alternates_key`), so an
            // article added in one language does not change every page.
            self.alternates.map(|(a, l)| (&a.languages, l)),
        ))
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    pub(crate) fn absolute_url(&self, path: &str) -> String {
        format!("{}{}", self.config.base_url, path)
    }

    /// What every page has: its kind, title, description and URLs, and in a
    /// site of several languages its translations.
    pub(crate) fn page_common(
        &self,
        ctx: &mut tera::Context,
        kind: &str,
        title: &str,
        description: &str,
        path: &str,
    ) {
        ctx.insert("page_kind", kind);
        ctx.insert("title", title);
        ctx.insert("description", description);
        ctx.insert("canonical_url", &self.absolute_url(path));
        ctx.insert("current_url", &self.url(path));
        if let Some((alternates, l)) = self.alternates {
            // `<link rel="alternate" hreflang>` for each translation (and the
            // default language's as `x-default`), and the language switcher.
            let versions = alternates.hreflang(l, path);
            let default = versions
                .iter()
                .find(|(code, _)| {
                    Some(*code) == alternates.languages.first().map(|x| x.code.as_str())
                })
                .map(|(_, url)| *url);
            let own = alternates.languages.get(l).map(|x| x.code.as_str());
            if versions.len() > 1 && versions.iter().any(|(code, _)| Some(*code) == own) {
                let mut links: Vec<Value> = versions
                    .iter()
                    .map(|(code, url)| json!({"hreflang": code, "href": url}))
                    .collect();
                if let Some(url) = default {
                    links.push(json!({"hreflang": "x-default", "href": url}));
                }
                ctx.insert("hreflang", &links);
            }
            ctx.insert("languages", &alternates.switcher(l, path));
        }
    }

    fn link(&self, to: &LinkTo) -> Link {
        Link {
            title: to.title.to_string(),
            url: self.url(to.path),
        }
    }

    fn tag_link(&self, tag: &LinkTo) -> Link {
        Link {
            title: tag.title.to_string(),
            url: self.url(&format!("tags/{}/", tag.path)),
        }
    }
}

/// A value with its key, the hash of the value, made once and shared by the
/// pages that show it; hashing it hashes the key.
pub(crate) struct Keyed<T> {
    pub key: u64,
    pub value: T,
}

impl<T: Hash> Keyed<T> {
    pub(crate) fn new(value: T) -> Self {
        Keyed {
            key: hash_of(&value),
            value,
        }
    }
}

impl<'a> Keyed<&'a Rendered> {
    /// A document's rendered markdown, by its identity: the same whenever
    /// rendering would give the same (`markdown::rendered_key`).
    pub(crate) fn rendered(identity: u64, rendered: &'a Rendered) -> Self {
        Keyed {
            key: identity,
            value: rendered,
        }
    }
}

impl<T> Hash for Keyed<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct Link {
    pub title: String,
    pub url: String,
}

/// A link as its inputs: a title and a path below the base path (a tag's
/// slug for a tag).
#[derive(Hash, Clone, Copy)]
pub(crate) struct LinkTo<'a> {
    pub title: &'a str,
    pub path: &'a str,
}

/// An article as a card shows it.
#[derive(Hash, Clone, Copy)]
pub(crate) struct CardInputs<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub description: Option<&'a str>,
    /// The first paragraph: the description when front matter has none.
    pub summary: &'a str,
}

#[derive(Serialize, Clone)]
pub(crate) struct Card {
    title: String,
    url: String,
    description: String,
}

fn card(env: &Env, c: &CardInputs) -> Card {
    Card {
        title: c.title.to_string(),
        url: env.url(c.path),
        description: description(c.description, c.summary),
    }
}

fn cards(env: &Env, cs: &[CardInputs]) -> Vec<Card> {
    cs.iter().map(|c| card(env, c)).collect()
}

/// The description written in front matter, else the first paragraph cut short.
fn description(written: Option<&str>, summary: &str) -> String {
    written.map_or_else(|| truncate(summary, 160), str::to_string)
}

/// A section with its first articles, as the home and parent pages show it.
#[derive(Hash)]
pub(crate) struct SectionCardInputs<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub description: Option<&'a str>,
    /// Articles below it, at any depth.
    pub article_count: usize,
    pub top: Vec<CardInputs<'a>>,
}

fn section_card(env: &Env, s: &SectionCardInputs) -> Value {
    json!({
        "title": s.title,
        "url": env.url(s.path),
        "description": s.description.unwrap_or_default(),
        "article_count": s.article_count,
        "articles": cards(env, &s.top),
    })
}

/// What a section's pages show around their content: the sidebar (its
/// links and its tree) and the breadcrumbs. Made once per section.
#[derive(Hash)]
pub(crate) struct Frame {
    pub sidebar: Sidebar,
    /// The top-level section whose tree the sidebar shows.
    pub top: Link,
    pub tree: Vec<TreeRow>,
    pub breadcrumbs: Vec<Link>,
}

/// A section's sidebar: its parent, its articles and its subsections. The
/// sidebar partial also gets `top` and `tree` (`sidebar`).
#[derive(Serialize, Hash)]
pub(crate) struct Sidebar {
    pub title: String,
    pub url: String,
    pub parent: Option<Link>,
    pub articles: Vec<Link>,
    pub subsections: Vec<Link>,
}

/// One row of a sidebar tree, flattened so that a template needs no recursion:
/// `group` and `more` open a nested list that the next `end` closes.
#[derive(Serialize, Hash)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub(crate) enum TreeRow {
    /// A link to an article.
    Article { title: String, url: String },
    /// A sub-section: a disclosure, open when the page is inside it.
    Group {
        title: String,
        url: String,
        open: bool,
    },
    /// A sub-section folded under "N more": a plain link to its page (a
    /// disclosure holding only that link would take two clicks for one).
    Section { title: String, url: String },
    /// The first link of an open group: its own page.
    Overview { url: String },
    /// The rest of a long list, folded away: `count` links from place `from`
    /// (open when it holds the page's section; a page in it opens it too, as
    /// every disclosure around the page's own link, see `Sidebar::for_page`).
    More {
        count: usize,
        from: usize,
        open: bool,
    },
    /// Closes the latest `group` or `more`.
    End,
    /// A closed group's last link: the section's page, with its article count.
    All { url: String, count: usize },
}

/// What `partials/sidebar.html` sees when rendered once for a section's
/// pages: what every page sees, the sidebar with its tree, and no page
/// current.
pub(crate) fn sidebar(env: &Env, frame: &Frame) -> tera::Context {
    #[derive(Serialize)]
    struct WithTree<'a> {
        #[serde(flatten)]
        sidebar: &'a Sidebar,
        top: &'a Link,
        tree: &'a [TreeRow],
    }
    let mut ctx = env.base.clone();
    ctx.insert(
        "sidebar",
        &WithTree {
            sidebar: &frame.sidebar,
            top: &frame.top,
            tree: &frame.tree,
        },
    );
    ctx.insert("current_url", "");
    ctx.insert("page_kind", "sidebar");
    ctx
}

/// An article's page.
#[derive(Hash)]
pub(crate) struct ArticleInputs<'a> {
    pub meta: &'a ArticleMeta,
    pub source: &'a str,
    pub path: &'a str,
    pub updated: Option<jiff::civil::Date>,
    pub reviewed: Option<jiff::civil::Date>,
    pub rendered: Keyed<&'a Rendered>,
    pub previous: Option<LinkTo<'a>>,
    pub next: Option<LinkTo<'a>>,
    /// Its tags: name and slug.
    pub tags: Vec<LinkTo<'a>>,
    pub frame: &'a Keyed<Frame>,
    /// The language it is written in, when the page shows it untranslated.
    pub original: Option<&'a Language>,
}

pub(crate) fn article(env: &Env, i: &ArticleInputs) -> tera::Context {
    let mut ctx = env.base.clone();
    let meta = i.meta;
    let rendered = i.rendered.value;
    env.page_common(
        &mut ctx,
        "article",
        &meta.title,
        &description(meta.description.as_deref(), &rendered.summary),
        i.path,
    );
    let neighbour = |n: &Option<LinkTo>| n.as_ref().map(|n| env.link(n));
    ctx.insert("previous", &neighbour(&i.previous));
    ctx.insert("next", &neighbour(&i.next));
    ctx.insert(
        "page",
        &ArticleCtx {
            title: &meta.title,
            description: meta.description.clone().unwrap_or_default(),
            url: env.url(i.path),
            source: i.source,
            content: rendered.full_html(),
            toc: &rendered.toc,
            faq: meta.faq,
            faq_items: &rendered.faq,
            updated: i.updated.map(|d| DateCtx::new(d, env.strings)),
            reviewed: i.reviewed.map(|d| DateCtx::new(d, env.strings)),
            tags: i.tags.iter().map(|t| env.tag_link(t)).collect(),
            extra: &meta.extra,
        },
    );
    ctx.insert("sidebar", &i.frame.value.sidebar);
    ctx.insert("breadcrumbs", &i.frame.value.breadcrumbs);
    ctx.insert("jsonld", &article_jsonld(env, i));
    // An article shown untranslated says so, in this language, and is its
    // original's copy for search engines.
    if let Some(original) = i.original {
        let path = crate::content::links::encode_path(i.path);
        ctx.insert(
            "untranslated",
            &json!({
                "language": original.code,
                "notice": env.strings.get("article.not_translated", &[("language", &original.name)]),
                "url": format!("{}{path}", original.home),
            }),
        );
        ctx.insert(
            "canonical_url",
            &format!("{}{path}", original.home_absolute),
        );
    }
    ctx
}

fn article_jsonld(env: &Env, i: &ArticleInputs) -> String {
    let url = env.absolute_url(i.path);
    let (meta, rendered) = (i.meta, i.rendered.value);
    if meta.faq && !rendered.faq.is_empty() {
        return jsonld(&json!({
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "url": url,
            "name": meta.title,
            "mainEntity": rendered.faq.iter().map(|q| json!({
                "@type": "Question",
                "name": q.question,
                "url": format!("{url}#{}", q.id),
                "acceptedAnswer": {"@type": "Answer", "text": q.answer},
            })).collect::<Vec<_>>(),
        }));
    }
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "TechArticle",
        "headline": meta.title,
        "url": url,
    });
    if let Some(d) = i.updated {
        v["dateModified"] = json!(d.to_string());
    }
    jsonld(&v)
}

/// A section's page.
#[derive(Hash)]
pub(crate) struct SectionInputs<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub meta: &'a SectionMeta,
    /// Its introduction (`_index.md`'s body).
    pub rendered: Keyed<&'a Rendered>,
    /// The language the introduction is written in, when not the page's.
    pub content_lang: Option<&'a str>,
    pub articles: Vec<CardInputs<'a>>,
    pub subsections: Vec<SectionCardInputs<'a>>,
    pub frame: &'a Keyed<Frame>,
}

pub(crate) fn section(env: &Env, i: &SectionInputs) -> tera::Context {
    let mut ctx = env.base.clone();
    let description = i.meta.description.clone().unwrap_or_default();
    env.page_common(&mut ctx, "section", i.title, &description, i.path);
    ctx.insert(
        "section",
        &json!({
            "title": i.title,
            "url": env.url(i.path),
            "description": description,
            "content": i.rendered.value.html,
            "content_lang": i.content_lang,
            "extra": i.meta.extra,
            "articles": cards(env, &i.articles),
            "subsections": i.subsections.iter().map(|c| section_card(env, c)).collect::<Vec<_>>(),
        }),
    );
    ctx.insert("sidebar", &i.frame.value.sidebar);
    ctx.insert("breadcrumbs", &i.frame.value.breadcrumbs);
    ctx
}

/// The home page: the root folder's `_index.md` and the top-level sections.
#[derive(Hash)]
pub(crate) struct HomeInputs<'a> {
    pub meta: &'a SectionMeta,
    pub rendered: Keyed<&'a Rendered>,
    pub content_lang: Option<&'a str>,
    pub sections: Vec<SectionCardInputs<'a>>,
    /// The articles directly in `content/`.
    pub articles: Vec<CardInputs<'a>>,
}

pub(crate) fn home(env: &Env, i: &HomeInputs) -> tera::Context {
    let mut ctx = env.base.clone();
    let config = env.config;
    let title = i.meta.title.as_ref().unwrap_or(&config.title);
    let description = i.meta.description.as_ref().unwrap_or(&config.description);
    env.page_common(&mut ctx, "home", title, description, "");
    ctx.insert("content", &i.rendered.value.html);
    ctx.insert("content_lang", &i.content_lang);
    let sections: Vec<Value> = i.sections.iter().map(|s| section_card(env, s)).collect();
    ctx.insert("sections", &sections);
    ctx.insert("articles", &cards(env, &i.articles));
    ctx.insert(
        "jsonld",
        &jsonld(&json!({
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": config.title,
            "url": config.base_url,
        })),
    );
    ctx
}

/// A tag's page: the articles carrying it.
#[derive(Hash)]
pub(crate) struct TagInputs<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub articles: Vec<CardInputs<'a>>,
}

pub(crate) fn tag(env: &Env, i: &TagInputs) -> tera::Context {
    let mut ctx = env.base.clone();
    let path = format!("tags/{}/", i.slug);
    let title = env.strings.get("tag.title", &[("tag", i.name)]);
    env.page_common(&mut ctx, "tag", &title, &title, &path);
    ctx.insert(
        "tag",
        &json!({
            "name": i.name,
            "url": env.url(&path),
            "articles": cards(env, &i.articles),
        }),
    );
    ctx
}

pub(crate) use crate::escape::json_in_script as jsonld;

#[derive(Serialize)]
struct ArticleCtx<'a> {
    title: &'a str,
    /// The description written in front matter (empty if none).
    description: String,
    url: String,
    source: &'a str,
    content: std::borrow::Cow<'a, str>,
    toc: &'a [TocEntry],
    faq: bool,
    faq_items: &'a [FaqItem],
    updated: Option<DateCtx>,
    reviewed: Option<DateCtx>,
    tags: Vec<Link>,
    extra: &'a serde_yaml::Mapping,
}

#[derive(Serialize)]
struct DateCtx {
    iso: String,
    display: String,
}

impl DateCtx {
    fn new(d: jiff::civil::Date, strings: &Strings) -> Self {
        DateCtx {
            iso: d.to_string(),
            display: strings.date(d, false),
        }
    }
}

/// Cuts `text` at a word boundary to at most `max` characters, adding an ellipsis.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}
