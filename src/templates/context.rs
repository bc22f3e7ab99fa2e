//! The data templates see, gathered from the site: what every page shares
//! (`Env`), each section's frame (sidebar, tree, breadcrumbs), and for each
//! page the inputs its view reads (views.rs), from which both its context and
//! its key are made. A template stays a layout: `site` and `nav` on every
//! page, plus `page`, `section`, `tag`… depending on the page kind. The
//! README's "Templates" section documents these names; they are a contract
//! with themes.

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use serde_json::{Value, json};

use crate::config::Config;
use crate::content::Content;
use crate::hashing::hash_of;
use crate::i18n::Strings;
use crate::markdown::Rendered;

use super::views::{
    self, ArticleInputs, CardInputs, Frame, HomeInputs, Keyed, LinkTo, SectionCardInputs,
    SectionInputs, Sidebar, TagInputs, TreeRow,
};
pub(crate) use super::views::{Env, Link, jsonld, truncate};

/// URLs of the theme's assets, with a content hash so browsers never see stale CSS.
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct AssetUrls {
    pub style: String,
    pub script: String,
    pub syntax_light: String,
    pub syntax_dark: String,
    pub support: String,
    pub search: String,
    pub stemmer: String,
    pub feedback: String,
    /// The interface text the browser scripts read, in the site's language
    /// (`text-CODE.js`).
    pub text: String,
    /// The search index's manifest (a stable URL: pages never change with the index).
    pub search_manifest: String,
    /// The path where the files every language shares are (`/`, `/help/`):
    /// the default language's base path.
    pub root: String,
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    home_url: &'a str,
    tags_url: String,
    feed_url: Option<String>,
    assets: &'a AssetUrls,
    extra: &'a serde_yaml::Mapping,
    generator: String,
}

/// The site's rendered markdown, each with its identity
/// (`Rendered::set_identity`; 0 when the build keeps no keys).
pub(crate) struct Renderings<'a> {
    pub articles: &'a [Arc<Rendered>],
    pub sections: &'a [Arc<Rendered>],
}

/// How many links a list in the sidebar shows before folding the rest under
/// "N more": about a screenful with the lists around it.
const SIDEBAR_LIST: usize = 12;
/// How many articles a closed group carries (it is in every page of its
/// top-level section, so it stays short; the section's page lists them all);
/// a group folded under "N more" is a plain link to its page.
const SIDEBAR_PEEK: usize = 5;
/// How many sub-sections of one section a tree lists (with their first
/// articles), the one holding the page always among them; past it the fold
/// ends with a link to the section's page, which lists them all. The tree is
/// in every page of its top-level section: without a bound, a section of a
/// hundred sub-sections put 700 links in each of its thousands of pages.
const SIDEBAR_GROUPS: usize = 30;
/// How many articles a section card lists on the home and section pages.
const TOP_ARTICLES: usize = 5;

/// Everything needed to build page contexts, computed once per build.
pub(crate) struct ContextBuilder<'a> {
    env: Env<'a>,
    content: &'a Content,
    rendered: Renderings<'a>,
    /// Per section: its frame, made when first shown.
    frames: Vec<OnceLock<Keyed<Frame>>>,
    /// Per article: its place among its section's articles.
    positions: Vec<usize>,
    support: Option<&'a crate::support::Support>,
    /// This language's part of the site, which tells the articles shown
    /// untranslated (`set_alternates`).
    layout: Option<&'a crate::layout::Layout>,
}

/// Appends `items`, folding those past `SIDEBAR_LIST` under a `more` row.
fn folded(mut items: Vec<TreeRow>, rows: &mut Vec<TreeRow>) {
    let rest = items.split_off(items.len().min(SIDEBAR_LIST));
    rows.extend(items);
    if !rest.is_empty() {
        rows.push(TreeRow::More {
            count: rest.len(),
            from: SIDEBAR_LIST,
            open: false,
        });
        rows.extend(rest);
        rows.push(TreeRow::End);
    }
}

impl<'a> ContextBuilder<'a> {
    pub(crate) fn new(
        config: &'a Config,
        content: &'a Content,
        rendered: Renderings<'a>,
        assets: &AssetUrls,
        support: Option<&'a crate::support::Support>,
        strings: &'a Strings,
    ) -> Self {
        let search = config.search.enabled;
        let base_path = config.base_path();
        let site = SiteCtx {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            // The shared files' path; `home_url` is this language's home.
            base_path: &assets.root,
            language: &config.language,
            home_url: &base_path,
            tags_url: format!("{base_path}tags/"),
            feed_url: config.feed.enabled.then(|| format!("{base_path}atom.xml")),
            assets,
            extra: &config.extra,
            generator: format!("helpsite {}", env!("CARGO_PKG_VERSION")),
        };
        let mut base = tera::Context::new();
        base.insert("site", &site);
        // What the browser scripts say, in the page's language (i18n.rs).
        base.insert("script_text", &strings.script_json());
        if search {
            base.insert(
                "search",
                &json!({
                    "manifest": assets.search_manifest,
                    "page_url": format!("{base_path}search/"),
                    "stemmer": assets.stemmer,
                }),
            );
        }
        if config.feedback.enabled() {
            base.insert(
                "feedback",
                &json!({
                    "endpoint": config.feedback.endpoint,
                    "analytics": config.feedback.analytics,
                    "reasons": config.feedback.reasons,
                    "script": assets.feedback,
                }),
            );
        }
        if let Some(s) = support {
            // Embedded in pages as the browser script's data; escaped like JSON-LD.
            let data = jsonld(&crate::support::pages::browser_data(s));
            base.insert(
                "support",
                &crate::support::pages::common(s, &base_path, &data, strings),
            );
        }
        let mut builder = ContextBuilder {
            env: Env {
                config,
                base_path,
                base,
                strings,
                home: strings.get("home", &[]),
                alternates: None,
            },
            content,
            rendered,
            frames: (0..content.sections.len())
                .map(|_| OnceLock::new())
                .collect(),
            positions: vec![0; content.articles.len()],
            support,
            layout: None,
        };
        // The navigation is cloned into every page's context, so it stays small:
        // titles and URLs; the cards with articles are for the home page. Bad
        // `nav:` entries were reported when the site was loaded.
        let (nav, _) =
            super::nav::header_nav(config, content, &builder.env.base_path, support.is_some());
        builder.env.base.insert("nav", &nav.shown);
        builder.env.base.insert("nav_menu", &nav.menu);
        builder.env.base.insert("nav_more", &nav.more);
        if nav.cut {
            builder.env.base.insert("nav_all", &builder.env.base_path);
        }
        for section in &content.sections {
            for (place, &a) in section.articles.iter().enumerate() {
                builder.positions[a] = place;
            }
        }
        builder
    }

    /// Tells the pages of a site in several languages where their
    /// translations are: `layout` is this language's place in `alternates`.
    pub(crate) fn set_alternates(
        &mut self,
        alternates: &'a crate::layout::Alternates,
        layout: &'a crate::layout::Layout,
    ) {
        self.layout = Some(layout);
        let place = alternates
            .languages
            .iter()
            .position(|l| l.code == layout.language)
            .unwrap_or(0);
        if alternates.is_multilingual() {
            // Every page lists the languages: the global key covers them.
            self.env.alternates = Some((alternates, place));
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        self.env.url(path)
    }

    pub(crate) fn absolute_url(&self, path: &str) -> String {
        self.env.absolute_url(path)
    }

    // ---- What pages show: each page's inputs, its context and its key -----
    //
    // A page's context is its view of its inputs (views.rs), and its key the
    // hash of the same inputs: `write_site` renders a page again only when
    // its key (mixed with `global_key`) differs from the previous build's.

    /// What every page shares: the environment's key.
    pub(crate) fn global_key(&self, templates_fingerprint: u64) -> u64 {
        self.env.key(templates_fingerprint)
    }

    pub(crate) fn article(&self, a: usize) -> tera::Context {
        views::article(&self.env, &self.article_inputs(a))
    }

    pub(crate) fn article_key(&self, a: usize) -> u64 {
        hash_of(&self.article_inputs(a))
    }

    pub(crate) fn section(&self, s: usize) -> tera::Context {
        views::section(&self.env, &self.section_inputs(s))
    }

    pub(crate) fn section_key(&self, s: usize) -> u64 {
        hash_of(&self.section_inputs(s))
    }

    pub(crate) fn home(&self) -> tera::Context {
        views::home(&self.env, &self.home_inputs())
    }

    pub(crate) fn home_key(&self) -> u64 {
        hash_of(&self.home_inputs())
    }

    pub(crate) fn tag(&self, t: usize) -> tera::Context {
        views::tag(&self.env, &self.tag_inputs(t))
    }

    pub(crate) fn tag_key(&self, t: usize) -> u64 {
        hash_of(&self.tag_inputs(t))
    }

    /// What `partials/sidebar.html` sees for section `s`'s pages.
    pub(crate) fn sidebar_context(&self, s: usize) -> tera::Context {
        views::sidebar(&self.env, &self.frame(s).value)
    }

    fn article_inputs(&self, a: usize) -> ArticleInputs<'_> {
        let article = &self.content.articles[a];
        let siblings = &self.content.sections[article.section].articles;
        let pos = self.positions[a];
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| siblings.get(i)).map(|&n| {
                let n = &self.content.articles[n];
                LinkTo {
                    title: &n.meta.title,
                    path: &n.path,
                }
            })
        };
        ArticleInputs {
            meta: &article.meta,
            source: &article.source,
            path: &article.path,
            updated: article.updated,
            reviewed: article.reviewed,
            rendered: Keyed::rendered(self.rendering_key(a), &self.rendered.articles[a]),
            previous: neighbour(pos.checked_sub(1)),
            next: neighbour(Some(pos + 1)),
            tags: article
                .derived
                .tag_slugs
                .iter()
                .filter_map(|slug| self.content.tags.iter().find(|t| &t.slug == slug))
                .map(|t| LinkTo {
                    title: &t.name,
                    path: &t.slug,
                })
                .collect(),
            frame: self.frame(article.section),
            original: self.original_of(&article.source),
        }
    }

    fn section_inputs(&self, s: usize) -> SectionInputs<'_> {
        let section = &self.content.sections[s];
        SectionInputs {
            title: &section.title,
            path: &section.path,
            meta: &section.meta,
            rendered: self.rendered_section(s),
            content_lang: self.untranslated_language(s),
            articles: section.articles.iter().map(|&a| self.card(a)).collect(),
            subsections: section
                .subsections
                .iter()
                .map(|&c| self.section_card(c))
                .collect(),
            frame: self.frame(s),
        }
    }

    fn home_inputs(&self) -> HomeInputs<'_> {
        let root = &self.content.sections[0];
        HomeInputs {
            meta: &root.meta,
            rendered: self.rendered_section(0),
            content_lang: self.untranslated_language(0),
            sections: root
                .subsections
                .iter()
                .map(|&s| self.section_card(s))
                .collect(),
            articles: root.articles.iter().map(|&a| self.card(a)).collect(),
        }
    }

    fn tag_inputs(&self, t: usize) -> TagInputs<'_> {
        let tag = &self.content.tags[t];
        TagInputs {
            name: &tag.name,
            slug: &tag.slug,
            articles: tag.articles.iter().map(|&a| self.card(a)).collect(),
        }
    }

    /// What the page at `path` (below the language's base) shows of the
    /// other languages: its translations (`hreflang`) and the switcher. 0
    /// for a site of one language.
    pub(crate) fn alternates_key(&self, path: &str) -> u64 {
        self.env.alternates.map_or(0, |(a, l)| {
            hash_of(&(a.hreflang(l, path), a.switcher(l, path)))
        })
    }

    /// The identity of article `a`'s rendering (`Rendered::set_identity`),
    /// which the files made from it (its page, its markdown copy) are keyed
    /// by.
    pub(crate) fn rendering_key(&self, a: usize) -> u64 {
        self.rendered.articles[a].identity
    }

    fn rendered_section(&self, s: usize) -> Keyed<&Rendered> {
        let rendered = &self.rendered.sections[s];
        Keyed::rendered(rendered.identity, rendered)
    }

    fn card(&self, a: usize) -> CardInputs<'_> {
        let article = &self.content.articles[a];
        CardInputs {
            title: &article.meta.title,
            path: &article.path,
            description: article.meta.description.as_deref(),
            summary: &self.rendered.articles[a].summary,
        }
    }

    fn section_card(&self, s: usize) -> SectionCardInputs<'_> {
        let section = &self.content.sections[s];
        let below = self.content.articles_below(s);
        SectionCardInputs {
            title: &section.title,
            path: &section.path,
            description: section.meta.description.as_deref(),
            article_count: below.len(),
            top: below
                .iter()
                .take(TOP_ARTICLES)
                .map(|&a| self.card(a))
                .collect(),
        }
    }

    /// The language an article is written in, when this language shows it
    /// untranslated.
    fn original_of(&self, source: &str) -> Option<&crate::layout::Language> {
        let (alternates, _) = self.env.alternates?;
        self.layout
            .filter(|l| l.is_fallback(source))
            .and_then(|_| alternates.languages.first())
    }

    /// The language a section's introduction is written in, when it is not
    /// the page's (the default language's, shown untranslated).
    fn untranslated_language(&self, s: usize) -> Option<&str> {
        let source = self.content.sections[s].index_source.as_deref()?;
        self.original_of(source).map(|l| l.code.as_str())
    }

    // ---- Frames: a section's sidebar, tree and breadcrumbs -----------------

    fn frame(&self, s: usize) -> &Keyed<Frame> {
        self.frames[s].get_or_init(|| Keyed::new(self.new_frame(s)))
    }

    fn new_frame(&self, s: usize) -> Frame {
        let section = &self.content.sections[s];
        let link = |title: &str, path: &str| Link {
            title: title.to_string(),
            url: self.url(path),
        };
        let (top_title, top_path) = self.sidebar_parent(self.tree_top(s));
        Frame {
            sidebar: Sidebar {
                title: section.title.clone(),
                url: self.url(&section.path),
                parent: section.parent.map(|p| {
                    let (title, path) = self.sidebar_parent(p);
                    link(title, path)
                }),
                articles: section
                    .articles
                    .iter()
                    .map(|&a| {
                        let a = &self.content.articles[a];
                        link(&a.meta.title, &a.path)
                    })
                    .collect(),
                subsections: section
                    .subsections
                    .iter()
                    .map(|&c| {
                        let c = &self.content.sections[c];
                        link(&c.title, &c.path)
                    })
                    .collect(),
            },
            top: link(top_title, top_path),
            tree: self.tree(s),
            breadcrumbs: self.breadcrumbs(s),
        }
    }

    /// The parent's title and path as the sidebar shows them.
    fn sidebar_parent(&self, p: usize) -> (&str, &str) {
        let ps = &self.content.sections[p];
        (if p == 0 { &self.env.home } else { &ps.title }, &ps.path)
    }

    /// The top-level section above `s` (the root for the root's own articles).
    fn tree_top(&self, s: usize) -> usize {
        self.content.ancestors(s).get(1).copied().unwrap_or(0)
    }

    /// The sidebar tree of section `s`'s pages: its top-level section's
    /// articles and sub-sections, every section on the way to `s` open, the
    /// others closed with their first articles.
    fn tree(&self, s: usize) -> Vec<TreeRow> {
        let path = self.content.ancestors(s);
        let mut rows = Vec::new();
        self.tree_rows(self.tree_top(s), &path, &mut rows);
        rows
    }

    fn tree_rows(&self, sec: usize, path: &[usize], rows: &mut Vec<TreeRow>) {
        let section = &self.content.sections[sec];
        let articles: Vec<TreeRow> = section
            .articles
            .iter()
            .map(|&a| {
                let a = &self.content.articles[a];
                TreeRow::Article {
                    title: a.meta.title.clone(),
                    url: self.url(&a.path),
                }
            })
            .collect();
        folded(articles, rows);
        let mut groups = Vec::new();
        let mut open_from = None;
        let mut left_out = false;
        for (place, &c) in section.subsections.iter().enumerate() {
            let child = &self.content.sections[c];
            let on_path = path.contains(&c);
            if on_path {
                open_from = Some(place);
            } else if place >= SIDEBAR_GROUPS {
                left_out = true;
                continue;
            }
            // A group folded under "N more" is a link to its page: its
            // first articles would make every page of a wide section half
            // sidebar (30 sub-sections: 26 KB of a 51 KB page), and a
            // disclosure holding only "All N articles" is a click for nothing.
            if !on_path && groups.len() >= SIDEBAR_LIST {
                groups.push(vec![TreeRow::Section {
                    title: child.title.clone(),
                    url: self.url(&child.path),
                }]);
                continue;
            }
            let mut group = vec![TreeRow::Group {
                title: child.title.clone(),
                url: self.url(&child.path),
                open: on_path,
            }];
            if on_path {
                group.push(TreeRow::Overview {
                    url: self.url(&child.path),
                });
                self.tree_rows(c, path, &mut group);
            } else {
                let below = self.content.articles_below(c);
                for &a in below.iter().take(SIDEBAR_PEEK) {
                    let a = &self.content.articles[a];
                    group.push(TreeRow::Article {
                        title: a.meta.title.clone(),
                        url: self.url(&a.path),
                    });
                }
                group.push(TreeRow::All {
                    url: self.url(&child.path),
                    count: below.len(),
                });
            }
            group.push(TreeRow::End);
            groups.push(group);
        }
        // A fold holding the open group starts open.
        let open = open_from.is_some_and(|p| p >= SIDEBAR_LIST);
        let shown = groups.len().min(SIDEBAR_LIST);
        let rest = groups.split_off(shown);
        rows.extend(groups.into_iter().flatten());
        if !rest.is_empty() {
            rows.push(TreeRow::More {
                count: rest.len(),
                from: SIDEBAR_LIST,
                open,
            });
            rows.extend(rest.into_iter().flatten());
            if left_out {
                // The section's page lists every sub-section.
                rows.push(TreeRow::All {
                    url: self.url(&section.path),
                    count: self.content.articles_below(sec).len(),
                });
            }
            rows.push(TreeRow::End);
        }
    }

    fn breadcrumbs(&self, section: usize) -> Vec<Link> {
        self.content
            .ancestors(section)
            .into_iter()
            .map(|s| {
                let sec = &self.content.sections[s];
                Link {
                    title: if s == 0 {
                        self.env.home.clone()
                    } else {
                        sec.title.clone()
                    },
                    url: self.url(&sec.path),
                }
            })
            .collect()
    }

    // ---- Files and pages made on every build -------------------------------

    /// What the sitemap and the feed read besides the global key (which holds
    /// the site's title and URL): every article's card and date, every
    /// section's and support page's path, and the feed settings.
    pub(crate) fn feeds_key(&self, feed: &crate::config::FeedConfig) -> u64 {
        let articles: Vec<(CardInputs, Option<jiff::civil::Date>, bool)> =
            (0..self.content.articles.len())
                .map(|a| {
                    let article = &self.content.articles[a];
                    (
                        self.card(a),
                        article.updated,
                        self.original_of(&article.source).is_some(),
                    )
                })
                .collect();
        let sections: Vec<&str> = self
            .content
            .sections
            .iter()
            .map(|s| s.path.as_str())
            .collect();
        let support = self
            .support
            .map(|s| (&s.pages.hours, &s.pages.sla, &s.pages.channels));
        hash_of(&(articles, sections, support, feed.enabled, feed.limit))
    }

    pub(crate) fn tags(&self) -> tera::Context {
        let mut ctx = self.env.base.clone();
        let t = |key| self.env.strings.get(key, &[]);
        self.env.page_common(
            &mut ctx,
            "tags",
            &t("tags.title"),
            &t("tags.description"),
            "tags/",
        );
        let tags: Vec<Value> = self
            .content
            .tags
            .iter()
            .map(|t| json!({"name": t.name, "url": self.url(&format!("tags/{}/", t.slug)), "count": t.articles.len()}))
            .collect();
        ctx.insert("tags", &tags);
        ctx
    }

    pub(crate) fn support_page(&self, s: &crate::support::Support, which: &str) -> tera::Context {
        use crate::support::pages;
        let mut ctx = self.env.base.clone();
        let today = crate::clock::today();
        let strings = self.env.strings;
        let hours = crate::support::references::describe_week(s.default_schedule(), strings);
        let (path, data) = match which {
            "hours" => (&s.pages.hours, pages::hours_page(s, today, strings)),
            "sla" => (
                &s.pages.sla,
                pages::sla_page(s, &self.env.base_path, strings),
            ),
            _ => (
                &s.pages.channels,
                pages::channels_page(s, &self.env.base_path, today, strings),
            ),
        };
        let which = if matches!(which, "hours" | "sla") {
            which
        } else {
            "channels"
        };
        let title = strings.get(&format!("support.{which}.title"), &[]);
        let description = strings.get(
            &format!("support.{which}.description"),
            &[("hours", &hours)],
        );
        self.env.page_common(
            &mut ctx,
            &format!("support-{which}"),
            &title,
            &description,
            path,
        );
        ctx.insert("page", &data);
        ctx.insert(
            "breadcrumbs",
            &vec![
                Link {
                    title: self.env.home.clone(),
                    url: self.env.base_path.clone(),
                },
                Link {
                    title,
                    url: self.url(path),
                },
            ],
        );
        // Structured data states only what a page shows: the channels page shows
        // every channel with its hours and the coming closures.
        if which == "channels" {
            ctx.insert(
                "jsonld",
                &jsonld(&pages::organization_jsonld(
                    s,
                    &self.env.config.title,
                    &self.env.config.base_url,
                    today,
                    strings,
                )),
            );
        }
        ctx
    }

    /// The /search/ page: its filters list the sections and tags.
    /// The search page, with what results can be filtered by: (value, title)
    /// of sections and of tags.
    pub(crate) fn search_page(
        &self,
        sections: &[(String, String)],
        tags: &[(String, String)],
    ) -> tera::Context {
        let mut ctx = self.env.base.clone();
        self.env.page_common(
            &mut ctx,
            "search",
            &self.env.strings.get("search.title", &[]),
            &self.env.strings.get("search.description", &[]),
            "search/",
        );
        ctx.insert(
            "filters",
            &json!({
                "sections": sections.iter().map(|(slug, title)| json!({"value": slug, "title": title})).collect::<Vec<_>>(),
                "tags": tags.iter().map(|(slug, name)| json!({"value": slug, "title": name})).collect::<Vec<_>>(),
            }),
        );
        ctx
    }

    pub(crate) fn not_found(&self) -> tera::Context {
        let mut ctx = self.env.base.clone();
        let title = self.env.strings.get("not_found.title", &[]);
        self.env
            .page_common(&mut ctx, "404", &title, "", "404.html");
        ctx
    }
}
