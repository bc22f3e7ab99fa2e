//! The data templates see. Everything a page needs is computed here, once per site
//! or once per section, so a template stays a layout: `site` and `nav` on every
//! page, plus `page`, `section`, `tag`… depending on the page kind. The README's
//! "Templates" section documents these names; they are a contract with themes.

use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use crate::config::Config;
use crate::content::{Article, Content};
use crate::hashing::hash_of;
use crate::i18n::Strings;
use crate::markdown::{FaqItem, Rendered, TocEntry};

/// URLs of the theme's assets, with a content hash so browsers never see stale CSS.
#[derive(Debug, Clone, Serialize, Default)]
pub struct AssetUrls {
    pub style: String,
    pub script: String,
    pub syntax_light: String,
    pub syntax_dark: String,
    pub support: String,
    pub search: String,
    pub stemmer: String,
    pub feedback: String,
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

#[derive(Debug, Serialize, Clone, Hash)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
struct Card {
    title: String,
    url: String,
    description: String,
}

/// A section's sidebar: its parent, its articles and its subsections. The
/// sidebar partial also gets `top` and `tree` (`sidebar_context`).
#[derive(Serialize)]
struct Sidebar<'a> {
    title: &'a str,
    url: String,
    parent: Option<Link>,
    articles: Vec<Link>,
    subsections: Vec<Link>,
}

/// One row of a sidebar tree, flattened so that a template needs no recursion:
/// `group` and `more` open a nested list that the next `end` closes.
#[derive(Serialize, Hash)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum TreeRow {
    /// A link to an article.
    Article { title: String, url: String },
    /// A sub-section: a disclosure, open when the page is inside it.
    Group {
        title: String,
        url: String,
        open: bool,
    },
    /// The first link of an open group: its own page.
    Overview { url: String },
    /// The rest of a long list, folded away: `count` links from place `from`
    /// (open when it holds the page's section; a page in it opens it too, as
    /// every disclosure around the page's own link, see `mark_current`).
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

/// How many links a list in the sidebar shows before folding the rest under
/// "N more": about a screenful with the lists around it.
const SIDEBAR_LIST: usize = 12;
/// How many articles a closed group carries (it is in every page of its
/// top-level section, so it stays short; the section's page lists them all).
const SIDEBAR_PEEK: usize = 5;

/// Everything needed to build page contexts, computed once per build.
pub struct ContextBuilder<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    pub articles: &'a [std::sync::Arc<Rendered>],
    pub sections: &'a [std::sync::Arc<Rendered>],
    base_path: String,
    base: tera::Context,
    /// Per section: the sidebar as a JSON value, made when first shown. A
    /// rebuild that reuses most pages builds few of them.
    sidebars: Vec<OnceLock<Value>>,
    /// Per article: its card (title, URL, description), made when first shown.
    cards: Vec<OnceLock<Card>>,
    /// For page keys: per article, the hash of what its card reads (made when
    /// first asked for).
    card_keys: OnceLock<Vec<u64>>,
    /// Per article: its place among its section's articles.
    positions: Vec<usize>,
    pub support: Option<&'a crate::support::Support>,
    /// The interface text of the pages' language.
    pub strings: &'a Strings,
    /// The home page's name in breadcrumbs and sidebars.
    home: String,
    /// Every page's translations, and this language's place among them.
    alternates: Option<(&'a crate::layout::Alternates, usize)>,
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

/// How many articles a section card lists on the home and section pages.
const TOP_ARTICLES: usize = 5;

impl<'a> ContextBuilder<'a> {
    pub fn new(
        config: &'a Config,
        content: &'a Content,
        articles: &'a [std::sync::Arc<Rendered>],
        sections: &'a [std::sync::Arc<Rendered>],
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
            config,
            content,
            articles,
            sections,
            base_path,
            base,
            sidebars: (0..content.sections.len())
                .map(|_| OnceLock::new())
                .collect(),
            cards: (0..content.articles.len())
                .map(|_| OnceLock::new())
                .collect(),
            card_keys: OnceLock::new(),
            positions: vec![0; content.articles.len()],
            support,
            strings,
            home: strings.get("home", &[]),
            alternates: None,
            layout: None,
        };
        // The navigation is cloned into every page's context, so it stays small:
        // titles and URLs; the cards with articles are for the home page. Bad
        // `nav:` entries were reported when the site was loaded.
        let (nav, _) =
            super::nav::header_nav(config, content, &builder.base_path, support.is_some(), None);
        builder.base.insert("nav", &nav.shown);
        builder.base.insert("nav_menu", &nav.menu);
        builder.base.insert("nav_more", &nav.more);
        for section in &content.sections {
            for (place, &a) in section.articles.iter().enumerate() {
                builder.positions[a] = place;
            }
        }
        builder
    }

    /// Tells the pages of a site in several languages where their
    /// translations are: `layout` is this language's place in `alternates`.
    pub fn set_alternates(
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
            self.alternates = Some((alternates, place));
            // Every page lists the languages: a change to any changes them all.
            self.base
                .insert("alternates_key", &crate::hashing::hash_of(alternates));
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}{}", self.config.base_url, path)
    }

    fn description_of(&self, a: usize) -> String {
        let article = &self.content.articles[a];
        article
            .meta
            .description
            .clone()
            .unwrap_or_else(|| truncate(&self.articles[a].summary, 160))
    }

    fn card(&self, a: usize) -> Card {
        self.cards[a].get_or_init(|| self.new_card(a)).clone()
    }

    /// What `new_card` reads (the URL is the base path, in the global key, and
    /// the article's path), hashed without building the card.
    fn card_key(&self, a: usize) -> u64 {
        let article = &self.content.articles[a];
        hash_of(&(
            &article.meta.title,
            &article.path,
            &article.meta.description,
            &self.articles[a].summary,
        ))
    }

    fn card_keys(&self) -> &[u64] {
        self.card_keys.get_or_init(|| {
            (0..self.content.articles.len())
                .into_par_iter()
                .map(|a| self.card_key(a))
                .collect()
        })
    }

    fn new_card(&self, a: usize) -> Card {
        let article = &self.content.articles[a];
        Card {
            title: article.meta.title.clone(),
            url: self.url(&article.path),
            description: self.description_of(a),
        }
    }

    /// A section with its first articles, as shown on the home and parent pages.
    fn section_card(&self, s: usize) -> Value {
        let section = &self.content.sections[s];
        let below = self.content.articles_below(s);
        json!({
            "title": section.title,
            "url": self.url(&section.path),
            "description": section.meta.description.clone().unwrap_or_default(),
            "article_count": below.len(),
            "articles": below.iter().take(TOP_ARTICLES).map(|&a| self.card(a)).collect::<Vec<_>>(),
        })
    }

    fn sidebar(&self, s: usize) -> &Value {
        self.sidebars[s].get_or_init(|| {
            let section = &self.content.sections[s];
            let link = |title: &str, path: &str| Link {
                title: title.to_string(),
                url: self.url(path),
            };
            let sidebar = Sidebar {
                title: &section.title,
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
            };
            serde_json::to_value(&sidebar).unwrap_or(Value::Null)
        })
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
        for (place, &c) in section.subsections.iter().enumerate() {
            let child = &self.content.sections[c];
            let on_path = path.contains(&c);
            if on_path {
                open_from = Some(place);
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
            rows.push(TreeRow::End);
        }
    }

    /// The parent's title and path as the sidebar shows them.
    fn sidebar_parent(&self, p: usize) -> (&str, &str) {
        let ps = &self.content.sections[p];
        (if p == 0 { &self.home } else { &ps.title }, &ps.path)
    }

    /// What `sidebar` reads, hashed without building it (the tree is cheap
    /// next to a page and is hashed as made).
    fn sidebar_key(&self, s: usize) -> u64 {
        let section = &self.content.sections[s];
        let articles: Vec<(&str, &str)> = section
            .articles
            .iter()
            .map(|&a| {
                let a = &self.content.articles[a];
                (a.meta.title.as_str(), a.path.as_str())
            })
            .collect();
        let subsections: Vec<(&str, &str)> = section
            .subsections
            .iter()
            .map(|&c| {
                let c = &self.content.sections[c];
                (c.title.as_str(), c.path.as_str())
            })
            .collect();
        hash_of(&(
            &section.title,
            &section.path,
            section.parent.map(|p| self.sidebar_parent(p)),
            articles,
            subsections,
            self.sidebar_parent(self.tree_top(s)),
            self.tree(s),
        ))
    }

    fn breadcrumbs(&self, section: usize) -> Vec<Link> {
        self.content
            .ancestors(section)
            .into_iter()
            .map(|s| {
                let sec = &self.content.sections[s];
                Link {
                    title: if s == 0 {
                        self.home.clone()
                    } else {
                        sec.title.clone()
                    },
                    url: self.url(&sec.path),
                }
            })
            .collect()
    }

    fn page_common(
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

    pub fn home(&self) -> tera::Context {
        let mut ctx = self.base.clone();
        let root = &self.content.sections[0];
        let title = root
            .meta
            .title
            .clone()
            .unwrap_or_else(|| self.config.title.clone());
        let description = root
            .meta
            .description
            .clone()
            .unwrap_or_else(|| self.config.description.clone());
        self.page_common(&mut ctx, "home", &title, &description, "");
        ctx.insert("content", &self.sections[0].html);
        ctx.insert("content_lang", &self.untranslated_language(0));
        let cards: Vec<Value> = self.content.sections[0]
            .subsections
            .iter()
            .map(|&s| self.section_card(s))
            .collect();
        ctx.insert("sections", &cards);
        let top_articles: Vec<Card> = root.articles.iter().map(|&a| self.card(a)).collect();
        ctx.insert("articles", &top_articles);
        ctx.insert(
            "jsonld",
            &jsonld(&json!({
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": self.config.title,
                "url": self.config.base_url,
            })),
        );
        ctx
    }

    pub fn section(&self, s: usize) -> tera::Context {
        let mut ctx = self.base.clone();
        let section = &self.content.sections[s];
        let description = section.meta.description.clone().unwrap_or_default();
        self.page_common(
            &mut ctx,
            "section",
            &section.title,
            &description,
            &section.path,
        );
        ctx.insert("section", &self.section_value(s));
        ctx.insert("sidebar", self.sidebar(s));
        ctx.insert("breadcrumbs", &self.breadcrumbs(s));
        ctx
    }

    /// What `partials/sidebar.html` sees when rendered once for section `s`'s
    /// pages: what every page sees, the sidebar, and no page current.
    pub fn sidebar_context(&self, s: usize) -> tera::Context {
        let mut ctx = self.base.clone();
        let mut sidebar = self.sidebar(s).clone();
        if let Value::Object(fields) = &mut sidebar {
            let (title, path) = self.sidebar_parent(self.tree_top(s));
            let top = Link {
                title: title.to_string(),
                url: self.url(path),
            };
            fields.insert(
                "top".into(),
                serde_json::to_value(top).unwrap_or(Value::Null),
            );
            fields.insert(
                "tree".into(),
                serde_json::to_value(self.tree(s)).unwrap_or(Value::Null),
            );
        }
        ctx.insert("sidebar", &sidebar);
        ctx.insert("current_url", "");
        ctx.insert("page_kind", "sidebar");
        ctx
    }

    /// The language a section's introduction is written in, when it is not
    /// the page's (the default language's, shown untranslated).
    fn untranslated_language(&self, s: usize) -> Option<&str> {
        let source = self.content.sections[s].index_source.as_deref()?;
        let (alternates, _) = self.alternates?;
        self.layout
            .filter(|l| l.is_fallback(source))
            .and_then(|_| alternates.languages.first())
            .map(|l| l.code.as_str())
    }

    fn section_value(&self, s: usize) -> Value {
        let section = &self.content.sections[s];
        json!({
            "title": section.title,
            "url": self.url(&section.path),
            "description": section.meta.description.clone().unwrap_or_default(),
            "content": self.sections[s].html,
            "content_lang": self.untranslated_language(s),
            "extra": section.meta.extra,
            "articles": section.articles.iter().map(|&a| self.card(a)).collect::<Vec<_>>(),
            "subsections": section.subsections.iter().map(|&c| self.section_card(c)).collect::<Vec<_>>(),
        })
    }

    pub fn article(&self, a: usize) -> tera::Context {
        let mut ctx = self.base.clone();
        let article = &self.content.articles[a];
        let rendered = &self.articles[a];
        let description = self.description_of(a);
        self.page_common(
            &mut ctx,
            "article",
            &article.meta.title,
            &description,
            &article.path,
        );
        let description = article.meta.description.clone().unwrap_or_default();
        let siblings = &self.content.sections[article.section].articles;
        let pos = Some(self.positions[a]);
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| siblings.get(i)).map(|&n| Link {
                title: self.content.articles[n].meta.title.clone(),
                url: self.url(&self.content.articles[n].path),
            })
        };
        ctx.insert("previous", &neighbour(pos.and_then(|p| p.checked_sub(1))));
        ctx.insert("next", &neighbour(pos.map(|p| p + 1)));
        ctx.insert(
            "page",
            &ArticleCtx::new(self, article, rendered, description),
        );
        ctx.insert("sidebar", self.sidebar(article.section));
        ctx.insert("breadcrumbs", &self.breadcrumbs(article.section));
        ctx.insert("jsonld", &self.article_jsonld(article, rendered));
        // An article shown untranslated says so, in this language, and is its
        // original's copy for search engines.
        if let (Some(layout), Some((alternates, _))) = (self.layout, self.alternates)
            && layout.is_fallback(&article.source)
            && let Some(original) = alternates.languages.first()
        {
            let path = crate::content::links::encode_path(&article.path);
            ctx.insert(
                "untranslated",
                &json!({
                    "language": original.code,
                    "notice": self.strings.get("article.not_translated", &[("language", &original.name)]),
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

    pub fn tags(&self) -> tera::Context {
        let mut ctx = self.base.clone();
        let t = |key| self.strings.get(key, &[]);
        self.page_common(
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

    pub fn tag(&self, t: usize) -> tera::Context {
        let mut ctx = self.base.clone();
        let tag = &self.content.tags[t];
        let path = format!("tags/{}/", tag.slug);
        let title = self.strings.get("tag.title", &[("tag", &tag.name)]);
        self.page_common(&mut ctx, "tag", &title, &title, &path);
        ctx.insert("tag", &self.tag_value(t));
        ctx
    }

    fn tag_value(&self, t: usize) -> Value {
        let tag = &self.content.tags[t];
        json!({
            "name": tag.name,
            "url": self.url(&format!("tags/{}/", tag.slug)),
            "articles": tag.articles.iter().map(|&a| self.card(a)).collect::<Vec<_>>(),
        })
    }

    // ---- Page keys: skipping pages whose context would not change ----------
    //
    // A page key changes whenever the page's context would. Each covers every
    // input its context function reads; `write_site` re-renders a page only when
    // its key (mixed with `global_key`) differs from the previous build's.

    /// What every page shares: `site`, `nav`, `support`, `search`, the templates
    /// and the date (the support widgets show what is coming up).
    pub fn global_key(&self, templates_fingerprint: u64) -> u64 {
        let base = serde_json::to_string(&self.base.clone().into_json()).unwrap_or_default();
        hash_of(&(
            base,
            templates_fingerprint,
            crate::clock::today().to_string(),
        ))
    }

    /// Per section: its sidebar and breadcrumbs, which its articles show too.
    pub fn section_frames(&self) -> Vec<u64> {
        (0..self.content.sections.len())
            .into_par_iter()
            .map(|s| hash_of(&(self.sidebar_key(s), self.breadcrumbs(s))))
            .collect()
    }

    /// `article(a)` reads the article's file (its `revision`), its rendered HTML
    /// (that reading plus `markdown_env`, the links' targets), its URL, the
    /// neighbours' titles and URLs, its section's frame and its tags' names.
    pub fn article_key(&self, a: usize, markdown_env: u64, frames: &[u64]) -> u64 {
        let article = &self.content.articles[a];
        let siblings = &self.content.sections[article.section].articles;
        let pos = self.positions[a];
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| siblings.get(i)).map(|&n| {
                let n = &self.content.articles[n];
                (n.meta.title.as_str(), n.path.as_str())
            })
        };
        let tags: Vec<&str> = article
            .derived
            .tag_slugs
            .iter()
            .filter_map(|slug| self.content.tags.iter().find(|t| &t.slug == slug))
            .map(|t| t.name.as_str())
            .collect();
        hash_of(&(
            article.revision,
            markdown_env,
            &article.source,
            &article.path,
            frames.get(article.section),
            pos,
            neighbour(pos.checked_sub(1)),
            neighbour(Some(pos + 1)),
            tags,
        ))
    }

    /// `section(s)` reads what `section_value` reads (with each card as its
    /// hash) and the section's frame.
    pub fn section_key(&self, s: usize, frames: &[u64]) -> u64 {
        let section = &self.content.sections[s];
        let keys = self.card_keys();
        let cards: Vec<u64> = section.articles.iter().map(|&a| keys[a]).collect();
        let subsections: Vec<u64> = section
            .subsections
            .iter()
            .map(|&c| self.section_card_key(c))
            .collect();
        hash_of(&(
            &section.title,
            &section.path,
            &section.meta.description,
            &self.sections[s].html,
            serde_json::to_string(&section.meta.extra).unwrap_or_default(),
            cards,
            subsections,
            frames.get(s),
        ))
    }

    /// What `section_card` reads.
    fn section_card_key(&self, s: usize) -> u64 {
        let section = &self.content.sections[s];
        let below = self.content.articles_below(s);
        let top: Vec<u64> = below
            .iter()
            .take(TOP_ARTICLES)
            .map(|&a| self.card_keys()[a])
            .collect();
        hash_of(&(
            &section.title,
            &section.path,
            &section.meta.description,
            below.len(),
            top,
        ))
    }

    /// What the sitemap and the feed read besides the global key (which holds
    /// the site's title and URL): every article's card inputs and date, every
    /// section's and support page's path, and the feed settings.
    pub fn feeds_key(&self, feed: &crate::config::FeedConfig) -> u64 {
        let articles: Vec<(u64, Option<jiff::civil::Date>)> = self
            .card_keys()
            .iter()
            .zip(&self.content.articles)
            .map(|(k, a)| (*k, a.updated))
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

    /// What `tag_value` reads.
    pub fn tag_key(&self, t: usize) -> u64 {
        let tag = &self.content.tags[t];
        let keys = self.card_keys();
        let cards: Vec<u64> = tag.articles.iter().map(|&a| keys[a]).collect();
        hash_of(&(&tag.name, &tag.slug, cards))
    }

    pub fn support_page(&self, s: &crate::support::Support, which: &str) -> tera::Context {
        use crate::support::pages;
        let mut ctx = self.base.clone();
        let today = crate::clock::today();
        let strings = self.strings;
        let hours = crate::support::references::describe_week(s.default_schedule(), strings);
        let (path, data) = match which {
            "hours" => (&s.pages.hours, pages::hours_page(s, today, strings)),
            "sla" => (&s.pages.sla, pages::sla_page(s, &self.base_path, strings)),
            _ => (
                &s.pages.channels,
                pages::channels_page(s, &self.base_path, today, strings),
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
        self.page_common(
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
                    title: self.home.clone(),
                    url: self.base_path.clone(),
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
                    &self.config.title,
                    &self.config.base_url,
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
    pub fn search_page(
        &self,
        sections: &[(String, String)],
        tags: &[(String, String)],
    ) -> tera::Context {
        let mut ctx = self.base.clone();
        self.page_common(
            &mut ctx,
            "search",
            &self.strings.get("search.title", &[]),
            &self.strings.get("search.description", &[]),
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

    pub fn not_found(&self) -> tera::Context {
        let mut ctx = self.base.clone();
        let title = self.strings.get("not_found.title", &[]);
        self.page_common(&mut ctx, "404", &title, "", "404.html");
        ctx
    }

    fn article_jsonld(&self, article: &Article, rendered: &Rendered) -> String {
        let url = self.absolute_url(&article.path);
        if article.meta.faq && !rendered.faq.is_empty() {
            return jsonld(&json!({
                "@context": "https://schema.org",
                "@type": "FAQPage",
                "url": url,
                "name": article.meta.title,
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
            "headline": article.meta.title,
            "url": url,
        });
        if let Some(d) = article.updated {
            v["dateModified"] = json!(d.to_string());
        }
        jsonld(&v)
    }
}

pub use crate::escape::json_in_script as jsonld;

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

impl<'a> ArticleCtx<'a> {
    fn new(
        b: &ContextBuilder,
        article: &'a Article,
        rendered: &'a Rendered,
        description: String,
    ) -> Self {
        ArticleCtx {
            title: &article.meta.title,
            description,
            url: b.url(&article.path),
            source: &article.source,
            content: rendered.full_html(),
            toc: &rendered.toc,
            faq: article.meta.faq,
            faq_items: &rendered.faq,
            updated: article.updated.map(|d| DateCtx::new(d, b.strings)),
            reviewed: article.reviewed.map(|d| DateCtx::new(d, b.strings)),
            tags: article
                .derived
                .tag_slugs
                .iter()
                .filter_map(|slug| b.content.tags.iter().find(|t| &t.slug == slug))
                .map(|t| Link {
                    title: t.name.clone(),
                    url: b.url(&format!("tags/{}/", t.slug)),
                })
                .collect(),
            extra: &article.meta.extra,
        }
    }
}

/// Cuts `text` at a word boundary to at most `max` characters, adding an ellipsis.
pub fn truncate(text: &str, max: usize) -> String {
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
