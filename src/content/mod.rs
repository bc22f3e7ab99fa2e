//! The content model: sections (folders), articles (markdown files), assets (any
//! other file beside them) and tags, loaded from `content/` into an immutable
//! structure that rendering, search and checks read.

mod front_matter;
pub(crate) mod links;
mod read_tree;
mod resolve;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;

pub(crate) use front_matter::{ArticleMeta, SectionMeta};
pub(crate) use read_tree::{ParseCache, is_ignored, load_cached, read_text};
pub(crate) use resolve::{ArticleDerived, content_path};

/// The markdown below the front matter of `content/SOURCE`, read from disk
/// again (a one-off build lets go of the text once it is rendered).
pub(crate) fn read_body(
    site_dir: &std::path::Path,
    source: &str,
) -> Result<String, crate::diagnostics::Diagnostic> {
    let shown = content_path(source);
    let text = read_text(&site_dir.join("content").join(source), &shown)?;
    Ok(front_matter::split(&text, &shown)?.body.to_string())
}

/// A markdown article: `content/**/NAME.md`.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path relative to `content/`, with `/` separators: `addons/seo/faq.md`.
    pub source: String,
    pub meta: std::sync::Arc<ArticleMeta>,
    pub updated: Option<Date>,
    pub reviewed: Option<Date>,
    pub body: std::sync::Arc<str>,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    /// The file as read: a hash of its path and text, the same in every
    /// process. Rebuild caches and page keys stand for the file by it.
    pub revision: u64,
    /// URL path below the base path, ending in `/`: `addons/seo/faq/`.
    pub path: String,
    /// Index of the section that holds it.
    pub section: usize,
    /// What the file alone determines (tags, aliases, key lines…), worked out
    /// once per reading and shared with the parse cache.
    pub derived: Arc<ArticleDerived>,
}

impl Article {
    /// The line where front matter `key` is written (line 1 when it is not).
    pub fn key_line(&self, key: &str) -> usize {
        self.derived
            .key_lines
            .iter()
            .find(|(k, _)| k == key)
            .map_or(1, |(_, l)| *l)
    }
}

/// A folder of articles; `sections[0]` is the site root (the home page).
#[derive(Debug, Clone)]
pub struct Section {
    /// Folder relative to `content/` (`""` for the root).
    pub dir: String,
    /// `_index.md` relative to `content/`, if the folder has one.
    pub index_source: Option<String>,
    pub meta: SectionMeta,
    pub title: String,
    pub body: std::sync::Arc<str>,
    pub body_line: usize,
    /// As `Article::revision`; 0 for a folder without `_index.md`.
    pub revision: u64,
    /// URL path below the base path, ending in `/` (`""` for the root).
    pub path: String,
    pub parent: Option<usize>,
    /// Alias paths of its page (normalised, below the base path).
    pub aliases: Vec<String>,
    /// Child sections, ordered by weight then title.
    pub subsections: Vec<usize>,
    /// Articles directly in this folder, ordered by weight then title.
    pub articles: Vec<usize>,
}

impl Section {
    /// How messages name the section: its `_index.md`, else its folder (both
    /// relative to `content/`).
    pub fn source_name(&self) -> &str {
        self.index_source.as_deref().unwrap_or(&self.dir)
    }
}

/// A file beside the articles, copied as-is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Absolute path on disk.
    pub disk_path: PathBuf,
    /// Path relative to `content/`.
    pub source: String,
    /// Output path below the base path (not percent-encoded).
    pub path: String,
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    /// Articles carrying it, ordered by title.
    pub articles: Vec<usize>,
}

// Rendered markdown names the document it came from; the type lives with
// the renderer so that markdown needs nothing of content.
pub(crate) use crate::markdown::Doc;

#[derive(Debug, Clone, Default)]
pub struct Content {
    pub sections: Vec<Section>,
    pub articles: Vec<Article>,
    pub assets: Vec<Asset>,
    pub tags: Vec<Tag>,
    /// Source path (`addons/seo/faq.md`, or a section's folder and `_index.md`) → doc.
    pub by_source: HashMap<String, Doc, foldhash::fast::FixedState>,
    /// Asset source path → index into `assets`.
    pub assets_by_source: HashMap<String, usize>,
    /// Sources of drafts that were left out, to explain links to them.
    pub drafts: HashSet<String>,
    /// Sources that could not be read or parsed (already reported), so links to
    /// them do not add a second, misleading error.
    pub unreadable: HashSet<String>,
}

impl Content {
    /// The chain of sections from the root down to `section`, root first.
    pub fn ancestors(&self, section: usize) -> Vec<usize> {
        let mut chain = vec![section];
        let mut cur = section;
        while let Some(p) = self.sections[cur].parent {
            chain.push(p);
            cur = p;
        }
        chain.reverse();
        chain
    }

    /// Whether search indexes the article: neither it nor a section above it
    /// says `search: false`.
    pub fn searchable(&self, article: usize) -> bool {
        self.articles[article].meta.search
            && self.section_searchable(self.articles[article].section)
    }

    /// Whether search indexes a section's own page: neither it nor a section
    /// above it says `search: false`.
    pub fn section_searchable(&self, section: usize) -> bool {
        let mut section = Some(section);
        while let Some(s) = section {
            if !self.sections[s].meta.search {
                return false;
            }
            section = self.sections[s].parent;
        }
        true
    }

    /// All articles below `section`, its own first, then its subsections' in order.
    pub fn articles_below(&self, section: usize) -> Vec<usize> {
        let mut out = self.sections[section].articles.clone();
        for &s in &self.sections[section].subsections {
            out.extend(self.articles_below(s));
        }
        out
    }
}
