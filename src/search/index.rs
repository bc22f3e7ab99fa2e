//! The search index. tantivy indexes the site's documents (documents.rs: every
//! article section, section page and support page) with the site language's
//! analyzer; then,
//! for every term, each document's BM25
//! score — tantivy's own `Bm25Weight`, summed over the fields with their boosts — is
//! quantized to an integer "impact", and long lists are pruned (prune.rs).
//! `helpsite search`, `serve`'s API and the browser all rank by summing these
//! integers over the same lists, so they agree exactly.

use std::collections::BTreeMap;

use tantivy::postings::Postings;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{DocSet, Index, IndexWriter, TERMINATED, TantivyDocument};

use super::SearchInputs;
use super::analyze;
use super::documents::{self, DocInfo, Texts};

/// Field boosts: a title match counts five times a body match (3 and 2 for
/// headings measured MRR@10 0.67 on 4-letter prefix queries, 5 and 1.5 see
/// BENCHMARKS.md). An article's `keywords` are the writer's word for what it is
/// about, so they weigh as its title.
pub const BOOSTS: [(&str, f32); 6] = [
    ("title", 5.0),
    ("headings", 1.5),
    ("body", 1.0),
    ("tags", 1.5),
    ("keywords", 5.0),
    (STOP_WORD_TITLE, 5.0),
];

/// The field holding a title's stop words (`title_stop_words`), weighed as
/// a title: stop words are stripped from queries and titles alike, so "About"
/// could not be found by its name, nor "About Hugo" by a misspelling of its
/// one long word (`abeut`). A query that is only stop words still matches
/// them while it is typed (mod.rs::typed_stop_word), and a misspelling finds
/// them as near misses. Its length statistics are the title's.
pub const STOP_WORD_TITLE: &str = "title_stop_words";

/// What a title gives `STOP_WORD_TITLE`: the whole title when it is stop
/// words alone ("About", "Why?"); else its stop words of five letters or
/// more ("about", "where", "should"), which name a page's subject more than
/// "how", "to" or "the" do, and are in too few titles to cost much.
fn title_stop_words(
    title: &str,
    stop: &std::collections::HashSet<&str>,
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> String {
    if !title.chars().any(char::is_alphanumeric) {
        return String::new();
    }
    if analyze::words(analyzer, title).is_empty() {
        return title.to_string();
    }
    title
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 5 && stop.contains(w.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A section's own page's headings and text count this share of an
/// article's: they are an overview of the pages below it ("where to file a
/// request, how fast we reply…"), which answer better, while its title counts
/// more (`OVERVIEW_TITLE`), so a customer who types a section's name finds its
/// page. At full
/// weight the "Getting help" section's introduction came before the response
/// times page for "how fast do you answer".
pub const OVERVIEW_TEXT: f32 = 0.4;

/// A section's own page's title counts this many times an article's: the
/// section's name says what every page below it is about, and a folder
/// without `_index.md` has nothing else ("Commands", above a hundred command
/// references that each say "command" in their title and text, was not in
/// the top ten for "commands").
pub const OVERVIEW_TITLE: f32 = 2.0;

/// What a section's own page's title counts, by its length in words: a
/// one-word name ("Commands") is all a customer types to find the section,
/// while a longer one ("Middleware component specs") is as specific as an
/// article's and, doubled, buried the article whose title was the query
/// ("Component spec").
fn overview_title(words: u32) -> f32 {
    if words <= 1 { OVERVIEW_TITLE } else { 1.0 }
}

/// Impacts are BM25 scores × this, rounded. 30 keeps every query family's
/// MRR@10 on the 10,000-article corpora as it was at 1,000, and a cold query
/// fetches a third fewer bytes (shorter numbers); at 10, body-word MRR@10 fell
/// by 0.02 (BENCHMARKS.md).
pub const IMPACT_SCALE: f32 = 30.0;

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
    /// Words of titles, headings and keywords as written (lower-cased) → their
    /// stem, where the two differ: a misspelt word is compared with these too
    /// (query.rs::typo_candidates). Stemming cuts words short ("numeric" is
    /// "numer", "discover" "discov"), so "numeirc" is one edit from the word
    /// but two from its stem, and found nothing.
    pub forms: BTreeMap<String, String>,
    /// The pages (`DocInfo::article`) that are a section's own page, the
    /// home page's excepted: results consider the first few of them even
    /// when they rank below the pages shown (query.rs, rule 7).
    pub section_pages: std::ops::Range<u32>,
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

/// An index with no documents yet, in the site's language.
pub(super) fn empty_index(site: &SearchInputs) -> SearchIndex {
    SearchIndex {
        stop_words: analyze::stop_words(analyze::language(&site.config.language))
            .iter()
            .map(|w| w.to_string())
            .collect(),
        language: site.config.language.clone(),
        ..Default::default()
    }
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
pub fn build_with(site: &SearchInputs, run: Indexing) -> tantivy::Result<(SearchIndex, usize)> {
    index_documents(site, run)?.score_terms()
}

/// The documents indexed by tantivy, before their terms are scored. It borrows
/// nothing from the site, so a build can free the site's texts (0.7 GB at
/// 100,000 articles) before scoring and export (BENCHMARKS.md).
pub struct Indexed {
    ix: SearchIndex,
    index: Index,
    fields: Vec<(Field, f32)>,
    /// Per document, whether it is a section's own page (`OVERVIEW_TEXT`,
    /// `OVERVIEW_TITLE`).
    overview: Vec<bool>,
}

/// First half of `build_with`: tantivy indexes every document, and each
/// document keeps what results show of it.
pub fn index_documents(site: &SearchInputs, run: Indexing) -> tantivy::Result<Indexed> {
    let language = analyze::language(&site.config.language);
    let mut ix = empty_index(site);
    let texts = Texts::of(site);
    let sources = texts.sources(site, &mut ix);

    let mut schema = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyze::ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let keeping_stop_words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyze::KEEPING_STOP_WORDS)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields: Vec<(Field, f32)> = BOOSTS
        .iter()
        .map(|(name, boost)| {
            let options = if *name == STOP_WORD_TITLE {
                keeping_stop_words.clone()
            } else {
                text.clone()
            };
            (schema.add_text_field(name, options), *boost)
        })
        .collect();
    let id_field = schema.add_u64_field("id", FAST | STORED);
    let index = Index::create_in_ram(schema.build());
    index
        .tokenizers()
        .register(analyze::ANALYZER, analyze::analyzer(language));
    index.tokenizers().register(
        analyze::KEEPING_STOP_WORDS,
        analyze::analyzer_keeping_stop_words(language),
    );
    let mut analyzer = analyze::analyzer(language);
    let stop: std::collections::HashSet<&str> =
        analyze::stop_words(language).iter().copied().collect();
    // The last title seen and its stop words: a page's documents come
    // together and share its title.
    let mut last_title = (String::new(), String::new());

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
                if last_title.0 != s.info.title {
                    let words = title_stop_words(&s.info.title, &stop, &mut analyzer);
                    last_title = (s.info.title.clone(), words);
                }
                if !last_title.1.is_empty() {
                    doc.add_text(fields[5].0, &last_title.1);
                }
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
        .for_each(|s| s.info.text = documents::excerpt(s.description, s.body));
    ix.forms = forms(&sources, language);
    let overview = sources.iter().map(|s| s.overview).collect();
    ix.docs = sources.into_iter().map(|s| s.info).collect();
    // Checked when helpsite.yaml was read (config.rs).
    ix.synonyms = super::synonyms::stems(&site.config.search.synonyms, &site.config.language)
        .unwrap_or_default();
    Ok(Indexed {
        ix,
        index,
        fields,
        overview,
    })
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
            overview,
        } = self;
        let segments = score_terms(&mut ix, &index, &fields, &overview)?;
        super::synonyms::apply(&mut ix.terms, &ix.synonyms);
        let terms = &ix.terms;
        ix.forms.retain(|_, stem| terms.contains_key(stem));
        Ok((ix, segments))
    }
}

/// The written forms of the words of every title, heading and keywords (see
/// `SearchIndex::forms`).
fn forms(
    sources: &[documents::Source],
    language: tantivy::tokenizer::Language,
) -> BTreeMap<String, String> {
    use rayon::prelude::*;
    (0..sources.len())
        .into_par_iter()
        .fold(
            || (analyze::analyzer(language), BTreeMap::new()),
            |(mut analyzer, mut found), i| {
                let s = &sources[i];
                // A page's title is on each of its documents: its first
                // document's is enough.
                let first = i == 0 || sources[i - 1].info.article != s.info.article;
                let title = first.then_some(s.info.title.as_str());
                for text in title
                    .into_iter()
                    .chain([s.info.heading.as_str(), s.keywords])
                {
                    for w in analyze::words(&mut analyzer, text) {
                        if w.raw != w.stem && !w.stem.is_empty() {
                            found.entry(w.raw).or_insert(w.stem);
                        }
                    }
                }
                (analyzer, found)
            },
        )
        .map(|(_, found)| found)
        .reduce(BTreeMap::new, |mut a, b| {
            for (form, stem) in b {
                a.entry(form).or_insert(stem);
            }
            a
        })
}

fn score_terms(
    ix: &mut SearchIndex,
    index: &Index,
    fields: &[(Field, f32)],
    overview: &[bool],
) -> tantivy::Result<usize> {
    // What each field of a section's own page counts (`OVERVIEW_TEXT`, `OVERVIEW_TITLE`).
    let overview_factor: Vec<fn(u32) -> f32> = BOOSTS
        .iter()
        .map(|(name, _)| -> fn(u32) -> f32 {
            match *name {
                "headings" | "body" => |_| OVERVIEW_TEXT,
                "title" | STOP_WORD_TITLE => overview_title,
                _ => |_| 1.0,
            }
        })
        .collect();
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let total_docs = searcher.num_docs();
    // The segments are not merged: their statistics are summed here instead
    // (document frequencies, field lengths), which gives every score exactly
    // as one merged segment would (the export stayed byte-identical), without
    // the merge: 80 ms less at 10,000 articles in alternating runs (BENCHMARKS.md).
    // The issue asks for one segment for determinism; the index is deterministic
    // this way too, however tantivy splits the work (tests/it/search.rs).
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
    // A title of stop words is weighed as a title.
    let averaged = |f: usize| if BOOSTS[f].0 == STOP_WORD_TITLE { 0 } else { f };
    let averages: Vec<f32> = (0..fields.len())
        .map(averaged)
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
                let id = ids[seg].first(doc).unwrap_or(0) as u32;
                let mut score = weight.score(norms[p].fieldnorm_id(doc), postings.term_freq());
                if overview.get(id as usize).copied().unwrap_or(false) {
                    score *= overview_factor[f](norms[p].fieldnorm(doc));
                }
                per_doc.push((id, score));
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
