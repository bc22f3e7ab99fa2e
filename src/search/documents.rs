//! What search indexes: every article section (an FAQ question, or the text
//! under a `##`/`###` heading), every section's own page (and the home page's
//! introduction) the same way, and every support page, as documents in a
//! stable order, with what its result shows (title, link, heading, the start of
//! its text) and what it can be filtered by. index.rs gives these to tantivy;
//! reuse.rs fingerprints them.

use std::collections::HashMap;

use serde::Serialize;

use super::SearchIndex;
use super::SearchInputs;
use crate::content::Content;
use crate::i18n::Strings;
use crate::support::Support;
use crate::support::references::{describe_response, describe_week};

/// What is shown for a result.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocInfo {
    /// Link to the section (`/billing/refunds/#partial-refunds`).
    pub url: String,
    pub title: String,
    /// The section's heading; empty for an article's introduction.
    pub heading: String,
    /// The start of the section's text, for excerpts.
    pub text: String,
    /// Index into `SearchIndex::sections`.
    pub section: u32,
    /// Indexes into `SearchIndex::tags`.
    pub tags: Vec<u32>,
    /// Documents of one page (an article, a section's own page, a support
    /// page) share this number; results group by it.
    pub article: u32,
}

/// A document before indexing. Its texts are borrowed from the rendered
/// site: at 100,000 articles a copy of every section's text was a gigabyte.
pub(crate) struct Source<'a> {
    /// Also holds what the title and headings fields index.
    pub info: DocInfo,
    /// The body is the description (an article's first section only) and the
    /// section's text, indexed as two values of the body field: the same terms,
    /// frequencies and length as the two joined by a space.
    pub description: &'a str,
    pub body: &'a str,
    pub tags: &'a str,
    /// The article's `keywords`, on its first document only: they name the
    /// article, not each of its sections.
    pub keywords: &'a str,
    /// A section's own page (or the home page): its text is an overview of
    /// the pages below it, so it weighs less (index.rs, `OVERVIEW_TEXT`).
    pub overview: bool,
}

/// The texts documents borrow besides the rendered site's: the support pages'
/// and each article's tags and keywords as one text each.
pub(crate) struct Texts {
    support: Vec<(String, String, String)>,
    articles: Vec<ArticleTexts>,
}

impl Texts {
    pub(crate) fn of(site: &SearchInputs) -> Texts {
        Texts {
            support: site
                .support
                .as_ref()
                .map(|s| support_docs(s, site.strings))
                .unwrap_or_default(),
            articles: article_texts(site.content),
        }
    }

    /// The documents of a site, in a stable order; fills `ix`'s filters.
    pub(crate) fn sources<'a>(
        &'a self,
        site: &'a SearchInputs<'a>,
        ix: &mut SearchIndex,
    ) -> Vec<Source<'a>> {
        sources(site, self, ix)
    }
}

/// How much of one passage a result can show (its start).
pub(crate) const PASSAGE_CHARS: usize = 240;
/// How much of a section's text its results can show, in all: passages
/// after the first few are left out. (Each document's text stays in memory
/// through the build and goes into its shard, which a query fetches.)
pub(crate) const EXCERPT_SOURCE_CHARS: usize = 720;

/// What a section's result can show of it: its passages (the description
/// first, for an article's first section), one a line, each cut to
/// `PASSAGE_CHARS`, until `EXCERPT_SOURCE_CHARS` in all (passage.rs picks one).
pub(crate) fn excerpt(description: &str, body: &str) -> String {
    let mut out = String::new();
    let mut left = EXCERPT_SOURCE_CHARS;
    for p in std::iter::once(description).chain(body.split('\n')) {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if left == 0 {
            break;
        }
        let kept = truncate_chars(p, PASSAGE_CHARS.min(left));
        left = left.saturating_sub(kept.chars().count());
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&kept);
    }
    out
}

/// The first `n` characters of `s`; when that cuts it short, back to the last
/// word boundary, with "…" to say there is more (results showed "rather than
/// sha" as if the text ended there).
fn truncate_chars(s: &str, n: usize) -> String {
    let Some((cut, _)) = s.char_indices().nth(n) else {
        return s.to_string();
    };
    let head = &s[..cut];
    // A word boundary, unless the last word is most of what is kept.
    let kept = match head.rfind(char::is_whitespace) {
        Some(at) if at >= cut / 2 => &head[..at],
        _ => head,
    };
    format!("{}…", kept.trim_end())
}

/// What search can be filtered by: the top-level sections, in the order of their
/// first article (then "Support"), and every tag. The search page's filters come
/// from here too, so they never depend on the index being built.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// (slug path, title).
    pub sections: Vec<(String, String)>,
    /// (slug, name).
    pub tags: Vec<(String, String)>,
    /// Top-level section index → position in `sections`.
    section_ids: HashMap<usize, u32>,
    support_id: Option<u32>,
}

impl Filters {
    pub fn of(site: &SearchInputs) -> Filters {
        let content = &site.content;
        let mut f = Filters::default();
        // Articles first, then sections' own pages: a site whose every section
        // has articles lists its filters as it did before sections were searched.
        let articles = (0..content.articles.len())
            .filter(|&a| content.searchable(a))
            .map(|a| content.articles[a].section);
        let sections = (0..content.sections.len()).filter(|&s| has_own_document(site, s));
        for section in articles.chain(sections) {
            // Filter by top-level section: that is how customers think of a site.
            let top = content.ancestors(section).get(1).copied().unwrap_or(0);
            if !f.section_ids.contains_key(&top) {
                let sec = &content.sections[top];
                f.sections.push((
                    sec.path.trim_end_matches('/').to_string(),
                    if top == 0 {
                        site.strings.get("home", &[])
                    } else {
                        sec.title.clone()
                    },
                ));
                f.section_ids.insert(top, (f.sections.len() - 1) as u32);
            }
        }
        if site.support.is_some() {
            f.sections
                .push(("support".into(), site.strings.get("search.support", &[])));
            f.support_id = Some((f.sections.len() - 1) as u32);
        }
        f.tags = content
            .tags
            .iter()
            .map(|t| (t.slug.clone(), t.name.clone()))
            .collect();
        f
    }

    fn section_of(&self, content: &Content, section: usize) -> u32 {
        let top = content.ancestors(section).get(1).copied().unwrap_or(0);
        self.section_ids.get(&top).copied().unwrap_or(0)
    }
}

/// What an article gives each of its documents besides its own text.
struct ArticleTexts {
    /// Its tags as one text, for the tags field.
    tags: String,
    /// Its keywords as one text, for the keywords field.
    keywords: String,
}

fn article_texts(content: &Content) -> Vec<ArticleTexts> {
    content
        .articles
        .iter()
        .map(|a| ArticleTexts {
            tags: a.meta.tags.join(" "),
            keywords: a.meta.keywords.join(" "),
        })
        .collect()
}

/// The documents of a site, in a stable order: every article's, then every
/// section's own page (its `_index.md`; the home page when its introduction has
/// text), then the support pages. Numbers (`DocInfo::article`) rise in that
/// order, one per page, with no gaps.
fn sources<'a>(
    site: &'a SearchInputs<'a>,
    texts: &'a Texts,
    ix: &mut SearchIndex,
) -> Vec<Source<'a>> {
    let (support_docs, article_texts) = (&texts.support, &texts.articles);
    use rayon::prelude::*;
    let base = site.config.base_path();
    let content = &site.content;
    let filters = Filters::of(site);
    ix.sections = filters.sections.clone();
    ix.tags = filters.tags.clone();
    let tag_ids: HashMap<&str, u32> = content
        .tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i as u32))
        .collect();

    let per_article: Vec<Vec<Source>> = content
        .articles
        .par_iter()
        .enumerate()
        .map(|(a, article)| {
            if !content.searchable(a) {
                return Vec::new();
            }
            let texts = &article_texts[a];
            page_sources(Page {
                url: format!("{base}{}", article.path),
                title: &article.meta.title,
                description: article.meta.description.as_deref().unwrap_or(""),
                keywords: &texts.keywords,
                tags_text: &texts.tags,
                tags: article
                    .derived
                    .tag_slugs
                    .iter()
                    .filter_map(|s| tag_ids.get(s.as_str()).copied())
                    .collect(),
                section: filters.section_of(content, article.section),
                rendered: &site.articles[a],
                overview: false,
            })
        })
        .collect();
    let per_section: Vec<Vec<Source>> = content
        .sections
        .par_iter()
        .enumerate()
        .map(|(s, section)| {
            if !has_own_document(site, s) {
                return Vec::new();
            }
            let title = match (s, &section.meta.title) {
                (0, None) => site.config.title.as_str(),
                _ => section.title.as_str(),
            };
            page_sources(Page {
                url: format!("{base}{}", section.path),
                title,
                description: section.meta.description.as_deref().unwrap_or(""),
                keywords: "",
                tags_text: "",
                tags: Vec::new(),
                section: filters.section_of(content, s),
                rendered: &site.sections[s],
                overview: true,
            })
        })
        .collect();
    // Sized up front: a flattening collect grew by doubling, and held up to
    // twice the documents at 100,000 articles.
    let total = per_article
        .iter()
        .chain(&per_section)
        .map(Vec::len)
        .sum::<usize>()
        + support_docs.len();
    let mut out: Vec<Source> = Vec::with_capacity(total);
    // Pages are numbered densely, as the export's readers number them back.
    let mut pages = 0;
    let articles = per_article.len();
    let mut section_pages = None;
    for (n, mut docs) in per_article.into_iter().chain(per_section).enumerate() {
        if docs.is_empty() {
            continue;
        }
        // Sections follow articles, the home page (section 0) first.
        if n > articles && section_pages.is_none() {
            section_pages = Some(pages);
        }
        docs.iter_mut().for_each(|d| d.info.article = pages);
        pages += 1;
        out.extend(docs);
    }
    ix.section_pages = section_pages.unwrap_or(pages)..pages;
    if site.support.is_some() {
        let support_section = filters.support_id.unwrap_or(0);
        for (article, (title, path, text)) in (pages..).zip(support_docs) {
            out.push(Source {
                info: DocInfo {
                    url: format!("{base}{path}"),
                    title: title.clone(),
                    heading: String::new(),
                    text: String::new(),
                    section: support_section,
                    tags: Vec::new(),
                    article,
                },
                description: "",
                body: text,
                tags: "",
                keywords: "",
                overview: false,
            });
        }
    }
    out
}

/// Whether a section's own page is a search document: search may index it (no
/// `search: false` on it or above), and for the home page (the root section),
/// its introduction has text. A section's page is where a customer who types
/// its name should land, so one with no text of its own is found by its title.
pub(crate) fn has_own_document(site: &SearchInputs, section: usize) -> bool {
    site.content.section_searchable(section)
        && (section > 0 || !site.sections[section].segments.is_empty())
}

/// A page as search reads it: an article, or a section's own page.
struct Page<'a> {
    url: String,
    title: &'a str,
    description: &'a str,
    keywords: &'a str,
    tags_text: &'a str,
    tags: Vec<u32>,
    /// Its filter section (`Filters::section_of`).
    section: u32,
    rendered: &'a crate::markdown::Rendered,
    /// A section's own page.
    overview: bool,
}

/// A page's documents: its introduction, then each `##`/`###` part.
fn page_sources(page: Page<'_>) -> Vec<Source<'_>> {
    // A page without parts is one document with no heading and no text.
    static EMPTY: crate::markdown::Segment = crate::markdown::Segment {
        level: 0,
        id: None,
        heading: String::new(),
        text: String::new(),
    };
    let segments = &page.rendered.segments;
    // A page that opens with a heading has no introduction; it gets an empty
    // one when its description or keywords need a document that is the
    // page's top rather than its first part.
    let needs_top = segments.first().is_none_or(|s| s.level > 0)
        && (!page.description.is_empty() || !page.keywords.is_empty());
    let top: &[crate::markdown::Segment] = if segments.is_empty() || needs_top {
        std::slice::from_ref(&EMPTY)
    } else {
        &[]
    };
    top.iter()
        .chain(segments)
        .map(|seg| {
            let top = seg.level == 0;
            Source {
                info: DocInfo {
                    url: match &seg.id {
                        Some(id) => format!("{}#{id}", page.url),
                        None => page.url.clone(),
                    },
                    title: page.title.to_string(),
                    heading: seg.heading.clone(),
                    // Cut from the part once tantivy is done (`excerpt`).
                    text: String::new(),
                    section: page.section,
                    tags: page.tags.clone(),
                    // Numbered when all pages are in (`sources`).
                    article: 0,
                },
                description: if top { page.description } else { "" },
                body: &seg.text,
                tags: page.tags_text,
                keywords: if top { page.keywords } else { "" },
                overview: page.overview,
            }
        })
        .collect()
}

/// The support pages as search documents: (title, path, text).
pub(crate) fn support_docs(s: &Support, strings: &Strings) -> Vec<(String, String, String)> {
    let mut hours = strings.get(
        "support.search.hours",
        &[
            ("hours", &describe_week(s.default_schedule(), strings)),
            ("timezone", &s.timezone_label),
        ],
    );
    for h in &s.holidays {
        hours.push(' ');
        hours.push_str(&h.name);
    }
    let mut sla = strings.get("support.search.sla", &[]);
    for t in &s.tiers {
        sla.push_str(&format!(
            " {}: {}. {} {} {}",
            t.name,
            describe_response(t, strings),
            t.summary.clone().unwrap_or_default(),
            t.covers.join(". "),
            t.price.clone().unwrap_or_default()
        ));
    }
    for p in &s.processes {
        sla.push_str(&format!(" {}:", p.name));
        for st in &p.steps {
            sla.push_str(&format!(
                " {}. {}",
                st.name,
                st.text.clone().unwrap_or_default()
            ));
        }
    }
    let mut channels = strings.get("support.search.channels", &[]);
    for c in &s.channels {
        channels.push_str(&format!(
            " {} ({}): {} {}.",
            c.name,
            c.kind.clone().unwrap_or_default(),
            c.purpose.clone().unwrap_or_default(),
            c.address()
        ));
    }
    if let Some(a) = &s.secure_access {
        channels.push(' ');
        channels.push_str(&strings.get("support.search.secure", &[("name", &a.name)]));
        channels.push(' ');
        channels.push_str(a.text.as_deref().unwrap_or_default());
    }
    vec![
        (
            strings.get("support.hours.title", &[]),
            s.pages.hours.clone(),
            hours,
        ),
        (
            strings.get("support.sla.title", &[]),
            s.pages.sla.clone(),
            sla,
        ),
        (
            strings.get("support.channels.title", &[]),
            s.pages.channels.clone(),
            channels,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::{EXCERPT_SOURCE_CHARS, PASSAGE_CHARS, truncate_chars};

    #[test]
    fn excerpt_sources_are_passages_each_cut_and_capped_in_all() {
        // The description, then each passage of the body, one a line.
        assert_eq!(
            super::excerpt(" A description. ", "First one.\n\nSecond one."),
            "A description.\nFirst one.\nSecond one."
        );
        assert_eq!(super::excerpt("", "  é  "), "é");
        assert_eq!(super::excerpt("  ", ""), "");
        // Each passage is cut to its start…
        let long = "word ".repeat(500);
        let first = super::excerpt("", &long);
        assert_eq!(first, truncate_chars(long.trim(), PASSAGE_CHARS));
        // …and passages stop once the whole is used.
        let many = [long.trim(); 10].join("\n");
        let all = super::excerpt("", &many);
        assert!(
            all.chars().count() <= EXCERPT_SOURCE_CHARS + 4,
            "{}",
            all.len()
        );
        assert_eq!(
            all.lines().count(),
            EXCERPT_SOURCE_CHARS.div_ceil(PASSAGE_CHARS)
        );
    }

    #[test]
    fn excerpt_sources_end_at_a_word_and_say_there_is_more() {
        assert_eq!(truncate_chars("short text", 400), "short text");
        assert_eq!(
            truncate_chars("rather than sharing passwords", 16),
            "rather than…"
        );
        // One long word is cut where it must be.
        assert_eq!(truncate_chars("abcdefghijklmnop", 5), "abcde…");
        // Characters, not bytes.
        assert_eq!(truncate_chars("été été été", 5), "été…");
    }
}
