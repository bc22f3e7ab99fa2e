//! What search indexes: every article section (an FAQ question, or the text
//! under a `##`/`###` heading) and every support page as a document, in a
//! stable order, with what its result shows (title, link, heading, the start of
//! its text) and what it can be filtered by. index.rs gives these to tantivy;
//! reuse.rs fingerprints them.

use std::collections::HashMap;

use serde::Serialize;

use super::SearchIndex;
use crate::build::Site;
use crate::content::Content;
use crate::support::Support;
use crate::support::references::{describe_response, describe_week};

/// How much of a section's text is kept for excerpts.
pub const EXCERPT_SOURCE_CHARS: usize = 400;

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
    /// Documents of one article share this number; results group by it.
    pub article: u32,
}

/// A document before indexing. Its texts are borrowed from the rendered
/// site: at 100,000 articles a copy of every section's text was a gigabyte.
pub struct Source<'a> {
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
}

/// The texts documents borrow besides the rendered site's: the support pages'
/// and each article's tags and keywords as one text each.
pub struct Texts {
    support: Vec<(String, String, String)>,
    articles: Vec<ArticleTexts>,
}

impl Texts {
    pub fn of(site: &Site) -> Texts {
        Texts {
            support: site.support.as_ref().map(support_docs).unwrap_or_default(),
            articles: article_texts(&site.content),
        }
    }

    /// The documents of a site, in a stable order; fills `ix`'s filters.
    pub fn sources<'a>(&'a self, site: &'a Site, ix: &mut SearchIndex) -> Vec<Source<'a>> {
        sources(site, self, ix)
    }
}

/// What a section's result shows of it: the start of its text (the
/// description first, for an article's first section).
pub fn excerpt(description: &str, body: &str) -> String {
    if description.trim().is_empty() {
        return truncate_chars(body.trim(), EXCERPT_SOURCE_CHARS);
    }
    // Only the body's start can be kept, so only that is joined to the
    // description (joining whole first sections was a tenth of a gigabyte of
    // garbage at 100,000 articles). Cut where what is left before the cut is
    // longer than what is kept, so the excerpt is the same either way.
    let start = match body.char_indices().nth(2 * EXCERPT_SOURCE_CHARS) {
        Some((at, _)) if body[..at].trim_end().chars().count() > EXCERPT_SOURCE_CHARS => {
            &body[..at]
        }
        _ => body,
    };
    truncate_chars(
        format!("{description} {start}").trim(),
        EXCERPT_SOURCE_CHARS,
    )
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
    pub fn of(content: &Content, has_support: bool) -> Filters {
        let mut f = Filters::default();
        for (a, article) in content.articles.iter().enumerate() {
            if !content.searchable(a) {
                continue;
            }
            // Filter by top-level section: that is how customers think of a site.
            let top = content
                .ancestors(article.section)
                .get(1)
                .copied()
                .unwrap_or(0);
            if !f.section_ids.contains_key(&top) {
                let sec = &content.sections[top];
                f.sections.push((
                    sec.path.trim_end_matches('/').to_string(),
                    if top == 0 {
                        "Home".into()
                    } else {
                        sec.title.clone()
                    },
                ));
                f.section_ids.insert(top, (f.sections.len() - 1) as u32);
            }
        }
        if has_support {
            f.sections.push(("support".into(), "Support".into()));
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

/// The documents of a site, in a stable order.
fn sources<'a>(site: &'a Site, texts: &'a Texts, ix: &mut SearchIndex) -> Vec<Source<'a>> {
    let (support_docs, article_texts) = (&texts.support, &texts.articles);
    use rayon::prelude::*;
    let base = site.config.base_path();
    let content = &site.content;
    let filters = Filters::of(content, site.support.is_some());
    ix.sections = filters.sections.clone();
    ix.tags = filters.tags.clone();
    let tag_ids: HashMap<&str, u32> = content
        .tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i as u32))
        .collect();
    // An article without sections is one document with no heading and no text.
    static EMPTY: crate::markdown::Segment = crate::markdown::Segment {
        level: 0,
        id: None,
        heading: String::new(),
        text: String::new(),
    };

    let per_article: Vec<Vec<Source>> = content
        .articles
        .par_iter()
        .enumerate()
        .map(|(a, article)| {
            if !content.searchable(a) {
                return Vec::new();
            }
            let rendered = &site.articles[a];
            let texts = &article_texts[a];
            let section = filters.section_of(content, article.section);
            let tags: Vec<u32> = article
                .derived
                .tag_slugs
                .iter()
                .filter_map(|s| tag_ids.get(s.as_str()).copied())
                .collect();
            let url = format!("{base}{}", article.path);
            // An article that opens with a heading has no introduction; it gets
            // an empty one when its description or keywords need a document
            // that is the article's top rather than its first section.
            let description = article.meta.description.as_deref().unwrap_or("");
            let needs_top = rendered.segments.first().is_none_or(|s| s.level > 0)
                && (!description.is_empty() || !texts.keywords.is_empty());
            let top: &[crate::markdown::Segment] = if rendered.segments.is_empty() || needs_top {
                std::slice::from_ref(&EMPTY)
            } else {
                &[]
            };
            top.iter()
                .chain(&rendered.segments)
                .map(|seg| {
                    let top = seg.level == 0;
                    let description = if top { description } else { "" };
                    Source {
                        info: DocInfo {
                            url: match &seg.id {
                                Some(id) => format!("{url}#{id}"),
                                None => url.clone(),
                            },
                            title: article.meta.title.clone(),
                            heading: seg.heading.clone(),
                            // Cut from the section once tantivy is done (`excerpt`).
                            text: String::new(),
                            section,
                            tags: tags.clone(),
                            article: a as u32,
                        },
                        description,
                        body: &seg.text,
                        tags: &texts.tags,
                        keywords: if top { &texts.keywords } else { "" },
                    }
                })
                .collect()
        })
        .collect();
    // Sized up front: a flattening collect grew by doubling, and held up to
    // twice the documents at 100,000 articles.
    let total = per_article.iter().map(Vec::len).sum::<usize>() + support_docs.len();
    let mut out: Vec<Source> = Vec::with_capacity(total);
    for docs in per_article {
        out.extend(docs);
    }
    if site.support.is_some() {
        let support_section = filters.support_id.unwrap_or(0);
        let first_article = content.articles.len() as u32;
        for (article, (title, path, text)) in (first_article..).zip(support_docs) {
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
            });
        }
    }
    out
}

/// The support pages as search documents: (title, path, text).
pub fn support_docs(s: &Support) -> Vec<(String, String, String)> {
    let mut hours = format!(
        "When are we open, and when can you reach us? Support hours: we work {} ({}). Opening hours, working days, time zone, holidays:",
        describe_week(s.default_schedule()),
        s.timezone_label
    );
    for h in &s.holidays {
        hours.push(' ');
        hours.push_str(&h.name);
    }
    let mut sla = String::from(
        "Response times and support plans: how fast we answer, when to expect an answer, SLA, priority.",
    );
    for t in &s.tiers {
        sla.push_str(&format!(
            " {}: {}. {} {} {}",
            t.name,
            describe_response(t),
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
    let mut channels = String::from("Contact support: how to reach us, email, help desk.");
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
        channels.push_str(&format!(
            " Share passwords and access safely: {}. {}",
            a.name,
            a.text.clone().unwrap_or_default()
        ));
    }
    vec![
        ("Support hours".into(), s.pages.hours.clone(), hours),
        (
            "Response times and support plans".into(),
            s.pages.sla.clone(),
            sla,
        ),
        ("Contact support".into(), s.pages.channels.clone(), channels),
    ]
}

#[cfg(test)]
mod tests {
    use super::{EXCERPT_SOURCE_CHARS, truncate_chars};

    #[test]
    fn an_excerpt_joins_only_the_start_of_a_long_body_and_is_the_same() {
        let whole = |d: &str, b: &str| {
            if d.trim().is_empty() {
                truncate_chars(b.trim(), EXCERPT_SOURCE_CHARS)
            } else {
                truncate_chars(format!("{d} {b}").trim(), EXCERPT_SOURCE_CHARS)
            }
        };
        let long = "word ".repeat(500);
        let spaces = format!("{}{}tail", "x".repeat(300), " ".repeat(900));
        for d in ["", "  ", "A description.", " été "] {
            for b in [long.as_str(), spaces.as_str(), "short", "", "  é  "] {
                assert_eq!(
                    super::excerpt(d, b),
                    whole(d, b),
                    "{d:?} + {:?}",
                    &b[..b.len().min(20)]
                );
            }
        }
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
