//! The search index. Every article section (an FAQ question, or the text under a
//! `##`/`###` heading) and every support page is a document. tantivy indexes them
//! with the site language's analyzer; then, for every term, each document's BM25
//! score — tantivy's own `Bm25Weight`, summed over the fields with their boosts — is
//! quantized to an integer "impact", and long lists are pruned (prune.rs).
//! `helpsite search`, `serve`'s API and the browser all rank by summing these
//! integers over the same lists, so they agree exactly.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tantivy::postings::Postings;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{DocSet, Index, IndexWriter, TERMINATED, TantivyDocument};

use super::analyze;
use crate::build::Site;
use crate::content::Content;

/// Field boosts: a title match counts five times a body match (3 and 2 for
/// headings measured MRR@10 0.67 on 4-letter prefix queries, 5 and 1.5 see
/// BENCHMARKS.md). An article's `keywords` are the writer's word for what it is
/// about, so they weigh as its title.
pub const BOOSTS: [(&str, f32); 5] = [
    ("title", 5.0),
    ("headings", 1.5),
    ("body", 1.0),
    ("tags", 1.5),
    ("keywords", 5.0),
];

/// Impacts are BM25 scores × this, rounded. 30 keeps every query family's
/// MRR@10 on the 10,000-article corpora as it was at 1,000, and a cold query
/// fetches a third fewer bytes (shorter numbers); at 10, body-word MRR@10 fell
/// by 0.02 (BENCHMARKS.md).
pub const IMPACT_SCALE: f32 = 30.0;

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
struct Source<'a> {
    /// Also holds what the title and headings fields index.
    info: DocInfo,
    /// The body is the description (an article's first section only) and the
    /// section's text, indexed as two values of the body field: the same terms,
    /// frequencies and length as the two joined by a space.
    description: &'a str,
    body: &'a str,
    tags: &'a str,
    /// The article's `keywords`, on its first document only: they name the
    /// article, not each of its sections.
    keywords: &'a str,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchIndex {
    pub docs: Vec<DocInfo>,
    /// Stem → its postings.
    pub terms: BTreeMap<String, Term>,
    /// Section (slug path, title) for filters.
    pub sections: Vec<(String, String)>,
    /// Tag (slug, name) for filters.
    pub tags: Vec<(String, String)>,
    pub stop_words: Vec<String>,
    pub language: String,
    /// The site's synonym groups, as stems (synonyms.rs): already merged into
    /// `terms`, kept so that results can mark a synonym of the words typed.
    pub synonyms: Vec<Vec<String>>,
}

/// A term's postings after pruning (prune.rs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Term {
    /// `(doc, impact)`, sorted by doc: every document with the term, or only
    /// the strongest when the list was pruned.
    pub postings: Vec<(u32, u32)>,
    /// How many documents have the term, pruned or not.
    pub docs: u32,
}

impl Term {
    /// Whether every document with the term is listed. Only then can a query
    /// word require it.
    pub fn complete(&self) -> bool {
        self.postings.len() == self.docs as usize
    }
}

/// What a section's result shows of it: the start of its text (the
/// description first, for an article's first section).
fn excerpt(description: &str, body: &str) -> String {
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
fn sources<'a>(
    site: &'a Site,
    support_docs: &'a [(String, String, String)],
    article_texts: &'a [ArticleTexts],
    ix: &mut SearchIndex,
) -> Vec<Source<'a>> {
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

/// An index with no documents yet, in the site's language.
fn empty_index(site: &Site) -> SearchIndex {
    SearchIndex {
        stop_words: analyze::stop_words(analyze::language(&site.config.language))
            .iter()
            .map(|w| w.to_string())
            .collect(),
        language: site.config.language.clone(),
        ..Default::default()
    }
}

fn support_texts(site: &Site) -> Vec<(String, String, String)> {
    site.support
        .as_ref()
        .map(super::support_docs)
        .unwrap_or_default()
}

/// A fingerprint of everything the static export is made from: each document as
/// tantivy would be given it (texts, URL, section, tags, article), the filters,
/// the language and its stop words, the base path, and the search code itself
/// (build.rs). Equal fingerprints give byte-identical exports, so `helpsite
/// build` keeps the previous output's export when the fingerprint in its
/// manifest is this one (reuse.rs). foldhash with a fixed seed is the same
/// from run to run for one build of helpsite (its version is in the search
/// code's fingerprint, with every dependency's), and faster than SipHash.
pub fn export_fingerprint(site: &Site) -> String {
    use std::hash::{Hash, Hasher};
    let mut ix = empty_index(site);
    let support_docs = support_texts(site);
    let article_texts = article_texts(&site.content);
    let sources = sources(site, &support_docs, &article_texts, &mut ix);
    let mut h = crate::build::memo::key_hasher();
    (
        env!("CARGO_PKG_VERSION"),
        env!("HELPSITE_SEARCH_CODE"),
        site.config.base_path(),
        &ix.sections,
        &ix.tags,
        &ix.stop_words,
        &ix.language,
        &site.config.search.synonyms,
    )
        .hash(&mut h);
    use rayon::prelude::*;
    let per_doc: Vec<u64> = sources
        .par_iter()
        .map(|s| {
            let i = &s.info;
            crate::build::memo::hash_of(&(
                (&i.url, &i.title, &i.heading, i.section, &i.tags, i.article),
                (s.description, s.body, s.tags, s.keywords),
            ))
        })
        .collect();
    per_doc.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// How tantivy is run. The index does not depend on it (a test checks that).
#[derive(Debug, Clone, Copy)]
pub struct Indexing {
    pub threads: usize,
    /// Documents sent to tantivy at a time.
    pub batch: usize,
    /// Documents sent between commits, so that few wait in tantivy's queue.
    pub commit_every: usize,
}

impl Default for Indexing {
    /// Every core (up to four); batches spare a channel round trip per document.
    fn default() -> Self {
        Indexing {
            threads: std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .clamp(1, 4),
            batch: 2000,
            commit_every: 100_000,
        }
    }
}

/// Builds the index of a rendered site, with tantivy run as `run` says; also
/// tells how many segments tantivy wrote. (A build and `index_site` run the
/// two halves apart, freeing the site between them.)
pub fn build_with(site: &Site, run: Indexing) -> tantivy::Result<(SearchIndex, usize)> {
    index_documents(site, run)?.score_terms()
}

/// The documents indexed by tantivy, before their terms are scored. It borrows
/// nothing from the site, so a build can free the site's texts (0.7 GB at
/// 100,000 articles) before scoring and export (BENCHMARKS.md).
pub struct Indexed {
    ix: SearchIndex,
    index: Index,
    fields: Vec<(Field, f32)>,
}

/// First half of `build_with`: tantivy indexes every document, and each
/// document keeps what results show of it.
pub fn index_documents(site: &Site, run: Indexing) -> tantivy::Result<Indexed> {
    let language = analyze::language(&site.config.language);
    let mut ix = empty_index(site);
    let support_docs = support_texts(site);
    let article_texts = article_texts(&site.content);
    let sources = sources(site, &support_docs, &article_texts, &mut ix);

    let mut schema = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyze::ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields: Vec<(Field, f32)> = BOOSTS
        .iter()
        .map(|(name, boost)| (schema.add_text_field(name, text.clone()), *boost))
        .collect();
    let id_field = schema.add_u64_field("id", FAST | STORED);
    let index = Index::create_in_ram(schema.build());
    index
        .tokenizers()
        .register(analyze::ANALYZER, analyze::analyzer(language));

    // Document order does not matter (the `id` field maps tantivy's doc ids back
    // to ours), so every core can index.
    let batch_size = run.batch.max(1);
    let mut writer: IndexWriter =
        index.writer_with_num_threads(run.threads.clamp(1, 8), 150_000_000)?;
    // Segments are never merged (their statistics are summed below).
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let mut queued = 0;
    for (batch_no, batch) in sources.chunks(batch_size).enumerate() {
        // tantivy queues up to 10,000 batches, which is every document of a
        // large site: copies of all its text (0.6 GB at 100,000 articles)
        // waited for the indexing threads. A commit now and then waits for
        // them instead, so at most `commit_every` documents are in flight.
        if queued >= run.commit_every {
            writer.commit()?;
            queued = 0;
        }
        queued += batch.len();
        let ops: Vec<tantivy::indexer::UserOperation> = batch
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let mut doc = TantivyDocument::new();
                doc.add_text(fields[0].0, &s.info.title);
                doc.add_text(fields[1].0, &s.info.heading);
                if !s.description.is_empty() {
                    doc.add_text(fields[2].0, s.description);
                }
                doc.add_text(fields[2].0, s.body);
                doc.add_text(fields[3].0, s.tags);
                if !s.keywords.is_empty() {
                    doc.add_text(fields[4].0, s.keywords);
                }
                doc.add_u64(id_field, (batch_no * batch_size + k) as u64);
                tantivy::indexer::UserOperation::Add(doc)
            })
            .collect();
        writer.run(ops)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;

    // The texts are in the index now; only what results show is kept. The
    // excerpts' text is copied only now, after tantivy's writer has gone, and
    // in place (collecting new documents in parallel held both lists at once).
    use rayon::prelude::*;
    let mut sources = sources;
    sources
        .par_iter_mut()
        .for_each(|s| s.info.text = excerpt(s.description, s.body));
    ix.docs = sources.into_iter().map(|s| s.info).collect();
    // Checked when helpsite.yaml was read (config.rs).
    ix.synonyms = super::synonyms::stems(&site.config.search.synonyms, &site.config.language)
        .unwrap_or_default();
    Ok(Indexed { ix, index, fields })
}

impl Indexed {
    /// Second half of `build_with`: every term's BM25 impacts, pruned
    /// (prune.rs), with the site's synonyms applied (synonyms.rs); also tells
    /// how many segments tantivy wrote.
    pub fn score_terms(self) -> tantivy::Result<(SearchIndex, usize)> {
        let Indexed {
            mut ix,
            index,
            fields,
        } = self;
        let segments = score_terms(&mut ix, &index, &fields)?;
        super::synonyms::apply(&mut ix.terms, &ix.synonyms);
        Ok((ix, segments))
    }
}

fn score_terms(
    ix: &mut SearchIndex,
    index: &Index,
    fields: &[(Field, f32)],
) -> tantivy::Result<usize> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let total_docs = searcher.num_docs();
    // The segments are not merged: their statistics are summed here instead
    // (document frequencies, field lengths), which gives every score exactly
    // as one merged segment would (the export stayed byte-identical), without
    // the merge: 80 ms less at 10,000 articles in alternating runs (BENCHMARKS.md).
    // The issue asks for one segment for determinism; the index is deterministic
    // this way too, however tantivy splits the work (tests/search.rs).
    //
    // Every (field, segment) term stream comes sorted, so they are walked side
    // by side: each term's postings are read from all of them, summed and
    // stored before the next term, and no postings list is ever held whole.
    let segments = searcher.segment_readers();
    let mut ids = Vec::new();
    for segment in segments {
        ids.push(segment.fast_fields().u64("id")?);
    }
    // Field-major, so each document (in one segment) meets its fields in order.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut inverted = Vec::new();
    let mut norms = Vec::new();
    for (f, (field, _)) in fields.iter().enumerate() {
        for (seg, segment) in segments.iter().enumerate() {
            parts.push((f, seg));
            inverted.push(segment.inverted_index(*field)?);
            norms.push(segment.get_fieldnorms_reader(*field)?);
        }
    }
    let averages: Vec<f32> = (0..fields.len())
        .map(|f| {
            let tokens: u64 = parts
                .iter()
                .zip(&inverted)
                .filter(|((pf, _), _)| *pf == f)
                .map(|(_, i)| i.total_num_tokens())
                .sum();
            if total_docs == 0 {
                0.0
            } else {
                tokens as f32 / total_docs as f32
            }
        })
        .collect();
    let mut streams = Vec::new();
    for i in &inverted {
        streams.push(i.terms().stream()?);
    }
    let mut alive: Vec<bool> = streams.iter_mut().map(|s| s.advance()).collect();
    let mut per_doc: Vec<(u32, f32)> = Vec::new();
    loop {
        let mut term: Option<Vec<u8>> = None;
        for (p, stream) in streams.iter().enumerate() {
            if alive[p] && term.as_deref().is_none_or(|t| stream.key() < t) {
                term = Some(stream.key().to_vec());
            }
        }
        let Some(term) = term else { break };
        per_doc.clear();
        // Which streams are at this term.
        let at: Vec<bool> = (0..parts.len())
            .map(|p| alive[p] && streams[p].key() == term.as_slice())
            .collect();
        // Each field's weight, from the term's document frequency over all segments.
        let weights: Vec<Option<tantivy::query::Bm25Weight>> = (0..fields.len())
            .map(|f| {
                let doc_freq: u64 = (0..parts.len())
                    .filter(|&p| parts[p].0 == f && at[p])
                    .map(|p| u64::from(streams[p].value().doc_freq))
                    .sum();
                (doc_freq > 0).then(|| {
                    tantivy::query::Bm25Weight::for_one_term(doc_freq, total_docs, averages[f])
                        .boost_by(fields[f].1)
                })
            })
            .collect();
        // Fields in a fixed order, so each document's floats add up the same way.
        for p in 0..parts.len() {
            if !at[p] {
                continue;
            }
            let (f, seg) = parts[p];
            let Some(weight) = &weights[f] else { continue };
            let info = streams[p].value().clone();
            let mut postings =
                inverted[p].read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
            while postings.doc() != TERMINATED {
                let doc = postings.doc();
                let score = weight.score(norms[p].fieldnorm_id(doc), postings.term_freq());
                per_doc.push((ids[seg].first(doc).unwrap_or(0) as u32, score));
                postings.advance();
            }
        }
        for (p, stream) in streams.iter_mut().enumerate() {
            if at[p] {
                alive[p] = stream.advance();
            }
        }
        let Ok(term) = String::from_utf8(term) else {
            continue;
        };
        // Stable: a document's fields stay in field order.
        per_doc.sort_by_key(|p| p.0);
        let mut list: Vec<(u32, u32)> = Vec::with_capacity(per_doc.len());
        let mut k = 0;
        while k < per_doc.len() {
            let doc = per_doc[k].0;
            let mut sum = 0.0f32;
            while k < per_doc.len() && per_doc[k].0 == doc {
                sum += per_doc[k].1;
                k += 1;
            }
            list.push((doc, ((sum * IMPACT_SCALE).round() as u32).max(1)));
        }
        let docs = list.len() as u32;
        let postings = super::prune::prune(list, total_docs as usize);
        ix.terms.insert(term, Term { postings, docs });
    }
    Ok(segments.len())
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
