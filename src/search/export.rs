//! The static search index under `search/`: what the browser needs, cut so that a
//! query fetches only the pieces it touches. Every file is gzip'd (decoded in the
//! browser with `DecompressionStream`), so any static host serves it as is; term
//! chunks and vocabularies are varints (`term_chunk`, `vocab_file`), the rest
//! JSON.
//!
//! - `t-VERSION-N.bin`: chunk N of the terms in order: each term, the documents
//!   with it, and its postings (slot, impact), cut at about `CHUNK_GZ_BYTES`
//!   compressed. The manifest lists where each chunk starts as the shortest
//!   prefix that tells it from the chunk before, so its term directory is a few
//!   letters per chunk. A pruned list (prune.rs) has fewer postings than
//!   documents with the term; the browser then does not require the word.
//! - `d-VERSION-N.bin`: shard N of the documents, slots `SHARD` × N onwards
//!   (`Layout`: every article starts a shard), each `[url, title, heading,
//!   text, section, [tags], its article's first slot, the article's number of
//!   sections]`. Postings name documents by slot.
//! - `v-VERSION-N.bin`: the terms starting with one character (the manifest
//!   maps characters to N), how many documents have each, the title and
//!   heading words written with that character and their stems, for typo
//!   tolerance, and the postings of its rarer terms; front-coded varints
//!   (`vocab_file`).
//! - `manifest.json`: where chunks start, shard count, filters, the slots of
//!   the section pages (from the first's to the one after the last's), stop
//!   words, the most frequent terms (what a misspelt word most likely meant), and
//!   the fingerprint of what the export was made from (`key`, see reuse.rs). It is
//!   the one file at a stable URL (fetched with revalidation, alongside the
//!   stemmer), so pages never change when only the index does. Every other file
//!   is named by the version (from the fingerprint of everything the export is
//!   made from, `version_of`), so hosts may cache them forever.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{SearchIndex, Term};
use crate::diagnostics::Diagnostic;
use crate::output::Sink;

/// Where the manifest is, below the output folder.
pub(crate) const MANIFEST: &str = "search/manifest.json";
/// The folder of the content-named files, apart from the manifest and the
/// search page so that a host can cache everything in it forever (`_headers`).
pub(crate) const CHUNKS: &str = "search/chunks/";

/// Documents per shard.
pub(crate) const SHARD: usize = 8;
/// The manifest's `v`: the format of the export's files.
pub(crate) const FORMAT: u32 = 9;
/// An article of at most this many shards is whole in each of its shards' files.
pub(crate) const WHOLE_ARTICLE_SHARDS: usize = 4;
/// A chunk is cut when its terms' estimated compressed size reaches this. The
/// estimate runs low: chunks come out at 5–10 KB (median 6.7 KB on the
/// long-tailed 10k corpus), and a common term's list alone may be more.
pub(crate) const CHUNK_GZ_BYTES: usize = 4_000;

/// How many of the site's most frequent terms the manifest lists: what a
/// misspelt word most likely meant. The browser asks for the chunks of a
/// word's near misses among them with the word's own, so a misspelt common
/// word is answered in two round trips instead of three; the ranking does not
/// depend on them. 250 made two trips of 199 in 200 one-typo queries on both
/// 10,000-article corpora, as 500 and 1,000 did, for 0.7 KB of manifest (1.4
/// and 2.4 KB) and fewer chunks asked for by correct words that look like
/// typos of frequent ones (BENCHMARKS.md).
pub(crate) const FREQUENT_TERMS: usize = 250;

/// The `FREQUENT_TERMS` terms in the most documents (ties by term), in term
/// order. Terms with digits are left out: a number one edit from another is
/// rarely a typo of it.
fn frequent_terms(ix: &SearchIndex) -> Vec<&str> {
    let mut by_docs: Vec<(&str, u32)> = ix
        .terms
        .iter()
        .filter(|(t, _)| !t.chars().any(char::is_numeric))
        .map(|(t, term)| (t.as_str(), term.docs))
        .collect();
    by_docs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    by_docs.truncate(FREQUENT_TERMS);
    let mut terms: Vec<&str> = by_docs.into_iter().map(|(t, _)| t).collect();
    terms.sort_unstable();
    terms
}

/// Compresses a file of the export with libdeflate (one compressor per
/// thread), a fifth faster than zlib-rs at the same level. Level 2 writes 1 %
/// more bytes than level 5 and takes a fifth less time in the export stage
/// (0.49 s against 0.61 s on the word-list corpus of 10,000 articles,
/// BENCHMARKS.md).
fn gzip(data: &[u8]) -> Vec<u8> {
    thread_local! {
        static GZ: std::cell::RefCell<libdeflater::Compressor> = std::cell::RefCell::new(
            libdeflater::Compressor::new(libdeflater::CompressionLvl::new(LEVEL).unwrap_or_default()),
        );
    }
    GZ.with_borrow_mut(|gz| {
        let mut out = vec![0; gz.gzip_compress_bound(data.len())];
        // The buffer has the size libdeflate asks for, so this cannot run short.
        let n = gz.gzip_compress(data, &mut out).unwrap_or(0);
        out.truncate(n);
        // A batch of files is held until written: keep their size, not the
        // bound's.
        out.shrink_to_fit();
        out
    })
}

/// libdeflate's compression level (1–12).
const LEVEL: i32 = 2;

/// Files compressed in parallel and then written, a batch at a time: what the
/// export holds of its output at once (a few megabytes), whatever the site's size.
const BATCH: usize = 512;

/// The version that names every file but the manifest, made from the
/// fingerprint of what the export is made from (reuse.rs: every document,
/// the settings and the search code itself). Equal fingerprints give
/// byte-identical exports (reuse relies on it, and a test checks it), so one
/// name never stands for two contents and hosts may cache the files forever.
/// Known before any file is made, it lets each file be written as soon as it
/// is compressed: named by a hash of their contents instead, every file was
/// held until the last was made (0.44 GB at 100,000 articles).
fn version_of(fingerprint: &str) -> String {
    let hash = crate::hashing::hash_of(&(fingerprint, FORMAT));
    format!("{:010x}", hash & 0xff_ffff_ffff)
}

/// Where the browser finds each document. In the export a document is known by
/// its slot: every article starts at a multiple of `SHARD` (an article with more
/// sections takes several), and shard N holds slots `SHARD` × N onwards. So an
/// article's sections come in one file, and a document's shard is its slot /
/// `SHARD`, with no map to fetch first. Slots rise with the documents, so ties
/// still go to the same document.
struct Layout {
    /// Slot of each document.
    slots: Vec<u32>,
    /// Per document, its article's first slot and number of sections.
    articles: Vec<(u32, u32)>,
    /// The documents of each shard, in order (shard N is the Nth).
    shards: Vec<(usize, usize)>,
}

impl Layout {
    fn of(docs: &[super::DocInfo]) -> Layout {
        let mut layout = Layout {
            slots: Vec::with_capacity(docs.len()),
            articles: Vec::with_capacity(docs.len()),
            shards: Vec::new(),
        };
        let mut next = 0u32;
        let mut start = 0;
        for end in 1..=docs.len() {
            if end < docs.len() && docs[end].article == docs[start].article {
                continue;
            }
            let count = (end - start) as u32;
            for k in 0..count {
                layout.slots.push(next + k);
                layout.articles.push((next, count));
            }
            let mut a = start;
            while a < end {
                let b = (a + SHARD).min(end);
                layout.shards.push((a, b));
                a = b;
            }
            next += count.div_ceil(SHARD as u32) * SHARD as u32;
            start = end;
        }
        layout
    }

    /// Where document `d`'s page is, as the term chunks tell it: twice the
    /// shards between the page's first and the document's own, plus 1 if
    /// each shard file of the page holds only its own rows (`rows_of_shard`).
    /// 0 for every document of a page of at most `SHARD` documents.
    fn page_of(&self, d: usize) -> u32 {
        let (first, count) = self.articles[d];
        let back = (self.slots[d] - first) / SHARD as u32;
        back * 2 + u32::from(count as usize > WHOLE_ARTICLE_SHARDS * SHARD)
    }

    /// The documents a shard's file holds, given the shard's own: the whole
    /// article when it spans at most `WHOLE_ARTICLE_SHARDS` shards, so that a
    /// result's other sections arrive with it (they were a third round trip for
    /// one prefix query in seven on the long-tailed corpus); a longer article's
    /// shard holds only its own, or a result from a long FAQ would cost tens of
    /// kilobytes.
    fn rows_of_shard(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let (first, count) = self.articles[a];
        if count as usize > WHOLE_ARTICLE_SHARDS * SHARD {
            return a..b;
        }
        let start = a - (self.slots[a] - first) as usize;
        start..start + count as usize
    }
}

/// The shortest prefix of `next` that sorts after `prev` (`prev < next`).
fn separator(prev: &str, next: &str) -> String {
    next.char_indices()
        .map(|(at, c)| &next[..at + c.len_utf8()])
        .find(|p| *p > prev)
        .unwrap_or(next)
        .to_string()
}

/// Appends `v` as a LEB128 varint: 7 bits a byte, low bits first.
fn varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v & 0x7f) as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A chunk of terms, in columns of varints: the number of terms; per term its
/// UTF-8 length and bytes, the documents with it and the postings kept; then
/// every term's slot deltas; then every term's impacts, each as the zigzag'd
/// difference from the one before; then, per posting, its page
/// (`page_of`): so that the browser knows each document's page from the
/// postings alone, for ranking asks pages to have every word (query.rs, rule
/// 4), and results are grouped by page and their rows fetched in one round
/// trip. Like numbers side by side compress better:
/// 15 % fewer bytes than the same entries as JSON (BENCHMARKS.md).
fn term_chunk(entries: &[(&String, &Term)], layout: &Layout) -> Vec<u8> {
    let postings: usize = entries.iter().map(|(_, t)| t.postings.len()).sum();
    let mut out = Vec::with_capacity(entries.len() * 16 + postings * 3);
    varint(&mut out, entries.len() as u32);
    for (term, t) in entries {
        varint(&mut out, term.len() as u32);
        out.extend_from_slice(term.as_bytes());
        varint(&mut out, t.docs);
        varint(&mut out, t.postings.len() as u32);
    }
    postings_columns(&mut out, entries.iter().map(|(_, t)| *t), layout);
    out
}

/// The postings of these terms in three columns: every term's slot deltas;
/// every term's impacts, each as the zigzag'd difference from the one
/// before; every posting's page (`Layout::page_of`).
fn postings_columns<'a>(
    out: &mut Vec<u8>,
    terms: impl Iterator<Item = &'a Term> + Clone,
    layout: &Layout,
) {
    for t in terms.clone() {
        let mut prev = 0;
        for &(d, _) in &t.postings {
            let slot = layout.slots[d as usize];
            varint(out, slot - prev);
            prev = slot;
        }
    }
    for t in terms.clone() {
        let mut prev = 0i64;
        for &(_, impact) in &t.postings {
            let delta = i64::from(impact) - prev;
            prev = i64::from(impact);
            varint(out, ((delta << 1) ^ (delta >> 63)) as u32);
        }
    }
    for t in terms {
        for &(d, _) in &t.postings {
            varint(out, layout.page_of(d as usize));
        }
    }
}

/// A vocabulary file, varints: the number of terms; each term front-coded
/// against the one before (bytes shared, then the rest's length and bytes);
/// then every term's number of documents. A third the size of the same list
/// as JSON once compressed (2.6 KB against 6.6 KB for the largest letter of the
/// long-tailed 10k corpus): gzip's back-references cost more than one byte
/// of shared length.
///
/// Then the written forms of title and heading words that start with the same
/// character (`SearchIndex::forms`): their number, each front-coded against
/// the one before, then each one's stem as its position among the terms. A
/// form whose stem starts with another character is left out (the browser
/// would not have the stem's count), and typo tolerance skips it in Rust too.
///
/// Last, `inline_limit`, and the postings of the terms in at most that many
/// documents, in the columns of a term chunk (`postings_columns`): with a
/// misspelt word's near misses' postings in hand, the browser asks for the
/// results' rows next, not for the near misses' chunks first (the site's
/// frequent terms, the manifest's `frequent`, come with the word's own chunk).
fn vocab_file(
    terms: &[(&str, &Term)],
    forms: &[(&str, &str)],
    layout: &Layout,
    frequent_below: u32,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(terms.len() * 8);
    varint(&mut out, terms.len() as u32);
    front_coded(&mut out, terms.iter().map(|(t, _)| *t));
    for (_, term) in terms {
        varint(&mut out, term.docs);
    }
    let position = |stem: &str| terms.binary_search_by(|(t, _)| (*t).cmp(stem)).ok();
    let forms: Vec<(&str, usize)> = forms
        .iter()
        .filter_map(|(form, stem)| Some((*form, position(stem)?)))
        .collect();
    varint(&mut out, forms.len() as u32);
    front_coded(&mut out, forms.iter().map(|(f, _)| *f));
    for (_, at) in &forms {
        varint(&mut out, *at as u32);
    }
    let limit = inline_limit(terms, frequent_below);
    varint(&mut out, limit);
    postings_columns(
        &mut out,
        terms.iter().map(|(_, t)| *t).filter(|t| t.docs <= limit),
        layout,
    );
    out
}

/// A vocabulary inlines the postings of every term that is not one of the
/// site's frequent terms (those come with a misspelt word's own chunk) when
/// they are at most this many: about 14 KB compressed. So a misspelt word is
/// answered in two round trips whatever its near misses: on the real
/// documentation benchmark's sites (2,300–3,200 sections) the largest
/// letter has 2,700–4,900 of them.
const INLINE_ALL_POSTINGS: usize = 6_000;
/// Otherwise (a large site), the rarest terms' postings, from the counts of
/// `INLINE_LADDER`, at most this many: about 3.5 KB.
const INLINE_POSTINGS: usize = 1_500;
/// The document counts a large site's vocabulary may inline up to.
const INLINE_LADDER: [u32; 12] = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64];
/// No term in more documents is inlined: a longer list may be pruned
/// (prune.rs), and the browser counts a term's inlined postings by its
/// number of documents.
const MAX_INLINE_DOCS: u32 = (super::prune::HEAD_POSTINGS * 2) as u32;

/// Up to how many documents a term has its postings in this vocabulary:
/// every term in fewer than `frequent_below` (the fewest documents of a
/// frequent term) when they fit in `INLINE_ALL_POSTINGS`; else the largest
/// count of `INLINE_LADDER` whose terms fit in `INLINE_POSTINGS` (0 if even
/// the terms in one document do not).
fn inline_limit(terms: &[(&str, &Term)], frequent_below: u32) -> u32 {
    let all = frequent_below.saturating_sub(1).min(MAX_INLINE_DOCS);
    let below: usize = terms
        .iter()
        .filter(|(_, t)| t.docs <= all)
        .map(|(_, t)| t.docs as usize)
        .sum();
    if below <= INLINE_ALL_POSTINGS {
        return all;
    }
    let mut by_count = [0usize; INLINE_LADDER.len()];
    for (_, t) in terms {
        if let Some(k) = INLINE_LADDER.iter().position(|&l| t.docs <= l) {
            by_count[k] += t.docs as usize;
        }
    }
    let mut total = 0;
    let mut limit = 0;
    for (k, n) in by_count.iter().enumerate() {
        total += n;
        if total > INLINE_POSTINGS {
            break;
        }
        limit = INLINE_LADDER[k];
    }
    limit
}

/// Each string front-coded against the one before: bytes shared, then the
/// rest's length and bytes.
fn front_coded<'a>(out: &mut Vec<u8>, strings: impl Iterator<Item = &'a str>) {
    let mut prev: &[u8] = &[];
    for s in strings {
        let t = s.as_bytes();
        let shared = t.iter().zip(prev).take_while(|(a, b)| a == b).count();
        varint(out, shared as u32);
        varint(out, (t.len() - shared) as u32);
        out.extend_from_slice(&t[shared..]);
        prev = t;
    }
}

/// What was written, for the build summary and benchmarks.
#[derive(Debug, Default, Clone)]
pub(crate) struct ExportStats {
    pub files: usize,
    pub bytes: usize,
    pub manifest_bytes: usize,
}

/// Writes the static index below `search/`, manifest included, and returns the manifest.
pub(crate) fn write(
    ix: &SearchIndex,
    out: &dyn Sink,
    base_path: &str,
    fingerprint: &str,
) -> Result<(Value, ExportStats), Diagnostic> {
    let terms: Vec<(&String, &Term)> = ix.terms.iter().collect();
    let layout = Layout::of(&ix.docs);
    // Every file is named by the version, known before any is made, so each is
    // written as soon as it is compressed and none is held for the others.
    let version = version_of(fingerprint);
    let mut files = Files {
        out,
        stats: ExportStats::default(),
    };
    let groups = term_groups(&terms);
    write_term_chunks(&terms, &groups, &layout, &version, &mut files)?;
    // Chunk k (from 1) starts at the shortest prefix of its first term that
    // sorts after the previous chunk's last term: the manifest's whole term
    // directory, a few letters per chunk.
    let separators: Vec<String> = groups
        .windows(2)
        .map(|w| separator(terms[w[0].1 - 1].0, terms[w[1].0].0))
        .collect();
    write_doc_shards(ix, &layout, &version, &mut files)?;
    let frequent = frequent_terms(ix);
    let vocab_files = write_vocab(ix, &layout, &frequent, &version, &mut files)?;

    // The section pages as slots: the first slot of the first such page, and
    // of the page after the last (every slot when none follows).
    let slot_of_page = |page: u32| {
        let d = ix.docs.partition_point(|d| d.article < page);
        layout
            .slots
            .get(d)
            .map_or(layout.shards.len() * SHARD, |&s| s as usize)
    };
    let section_pages = [
        slot_of_page(ix.section_pages.start),
        slot_of_page(ix.section_pages.end),
    ];
    let manifest = json!({
        "v": FORMAT,
        "base": format!("{base_path}{CHUNKS}"),
        "version": version,
        "docs": ix.docs.len(),
        "shard": SHARD,
        "shards": layout.shards.len(),
        "chunks": separators,
        "vocab": vocab_files,
        "frequent": frequent,
        "sections": ix.sections.iter().map(|(s, t)| json!([s, t])).collect::<Vec<_>>(),
        "tags": ix.tags.iter().map(|(s, t)| json!([s, t])).collect::<Vec<_>>(),
        "section_pages": section_pages,
        "stop": ix.stop_words,
        "lang": ix.language,
        "synonyms": ix.synonyms,
        "key": fingerprint,
    });
    let text = manifest.to_string();
    let mut stats = files.stats;
    stats.manifest_bytes = text.len();
    out.write(MANIFEST, text.as_bytes())?;
    Ok((manifest, stats))
}

/// Where the export's chunk files go, counted as they are written.
struct Files<'a> {
    out: &'a dyn Sink,
    stats: ExportStats,
}

impl Files<'_> {
    /// Writes one batch of compressed files below `search/chunks/`, in parallel.
    fn write(&mut self, files: Vec<(String, Vec<u8>)>) -> Result<(), Diagnostic> {
        use rayon::prelude::*;
        self.stats.files += files.len();
        self.stats.bytes += files.iter().map(|(_, b)| b.len()).sum::<usize>();
        files
            .par_iter()
            .map(|(name, bytes)| self.out.write(&format!("{CHUNKS}{name}"), bytes))
            .collect::<Result<Vec<()>, Diagnostic>>()?;
        Ok(())
    }
}

/// The term chunks' ranges of `terms`, cut by compressed size: each chunk is
/// compressed once, sized with the compression ratio the previous chunk had.
fn term_groups(terms: &[(&String, &Term)]) -> Vec<(usize, usize)> {
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut raw_len = 0usize;
    for (i, (term, t)) in terms.iter().enumerate() {
        // Rough compressed size: the term, and a byte and a half a posting
        // (at 2 bytes, so smaller chunks, queries fetched as much and the
        // manifest grew by 0.5 KB).
        raw_len += term.len() + 4 + t.postings.len() * 3 / 2;
        if raw_len >= CHUNK_GZ_BYTES || i + 1 == terms.len() {
            groups.push((start, i + 1));
            start = i + 1;
            raw_len = 0;
        }
    }
    // An index without terms still has chunk 0 (empty): the browser looks
    // every word up in the chunk the manifest points to.
    if groups.is_empty() {
        groups.push((0, 0));
    }
    groups
}

/// The term chunks (`t-VERSION-N.bin`), a batch at a time: the compressed
/// files of one batch are all that is held.
fn write_term_chunks(
    terms: &[(&String, &Term)],
    groups: &[(usize, usize)],
    layout: &Layout,
    version: &str,
    files: &mut Files,
) -> Result<(), Diagnostic> {
    use rayon::prelude::*;
    for (b, batch) in groups.chunks(BATCH).enumerate() {
        files.write(
            batch
                .par_iter()
                .enumerate()
                .map(|(i, &(a, z))| {
                    let n = b * BATCH + i;
                    (
                        format!("t-{version}-{n}.bin"),
                        gzip(&term_chunk(&terms[a..z], layout)),
                    )
                })
                .collect(),
        )?;
    }
    Ok(())
}

/// The documents' rows, one file a shard (`d-VERSION-N.bin`).
fn write_doc_shards(
    ix: &SearchIndex,
    layout: &Layout,
    version: &str,
    files: &mut Files,
) -> Result<(), Diagnostic> {
    use rayon::prelude::*;
    // Rows serialize straight from the documents (a tuple is a JSON array).
    let doc_rows: Vec<_> = ix
        .docs
        .iter()
        .zip(&layout.articles)
        .map(|(d, &(first, count))| {
            (
                &d.url, &d.title, &d.heading, &d.text, d.section, &d.tags, first, count,
            )
        })
        .collect();
    let shards: Vec<&[_]> = layout
        .shards
        .iter()
        .map(|&(a, b)| &doc_rows[layout.rows_of_shard(a, b)])
        .collect();
    for (b, batch) in shards.chunks(BATCH).enumerate() {
        files.write(
            batch
                .par_iter()
                .enumerate()
                .map(|(i, rows)| {
                    let json = serde_json::to_vec(rows).unwrap_or_default();
                    (format!("d-{version}-{}.bin", b * BATCH + i), gzip(&json))
                })
                .collect(),
        )?;
    }
    Ok(())
}

/// The vocabulary, one file a first character (`v-VERSION-N.bin`): its terms
/// with their counts and its written forms. Returns the manifest's map from
/// first character to file number.
fn write_vocab(
    ix: &SearchIndex,
    layout: &Layout,
    frequent: &[&str],
    version: &str,
    files: &mut Files,
) -> Result<serde_json::Map<String, Value>, Diagnostic> {
    use rayon::prelude::*;
    let first_char = |t: &str| t.chars().next().map(|c| c.to_string()).unwrap_or_default();
    type Letter<'a> = (Vec<(&'a str, &'a Term)>, Vec<(&'a str, &'a str)>);
    let mut vocab: BTreeMap<String, Letter> = BTreeMap::new();
    for (t, term) in &ix.terms {
        vocab.entry(first_char(t)).or_default().0.push((t, term));
    }
    for (form, stem) in &ix.forms {
        if let Some(letter) = vocab.get_mut(&first_char(form)) {
            letter.1.push((form, stem));
        }
    }
    let frequent_below = frequent
        .iter()
        .filter_map(|t| ix.terms.get(*t).map(|term| term.docs))
        .min()
        .unwrap_or(u32::MAX);
    let letters: Vec<&Letter> = vocab.values().collect();
    files.write(
        letters
            .par_iter()
            .enumerate()
            .map(|(i, (t, f))| {
                (
                    format!("v-{version}-{i}.bin"),
                    gzip(&vocab_file(t, f, layout, frequent_below)),
                )
            })
            .collect(),
    )?;
    Ok(vocab
        .keys()
        .enumerate()
        .map(|(i, c)| (c.clone(), json!(i)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_chunks_are_columns_of_varints() {
        let refund = (
            "refund".to_string(),
            Term {
                postings: vec![(0, 90), (2, 60)],
                docs: 3,
            },
        );
        let long = (
            "é".to_string(),
            Term {
                postings: vec![(1, 300)],
                docs: 1,
            },
        );
        // Document 2 is in a long page that starts two shards before its own.
        let layout = Layout {
            slots: vec![0, 8, 200],
            articles: vec![(0, 1), (8, 1), (184, 40)],
            shards: Vec::new(),
        };
        let bytes = term_chunk(&[(&refund.0, &refund.1), (&long.0, &long.1)], &layout);
        let mut expected = vec![2, 6];
        expected.extend_from_slice(b"refund");
        expected.extend([3, 2, 2]);
        expected.extend_from_slice("é".as_bytes());
        expected.extend([1, 1]);
        // Slot deltas: 0, 200 (two bytes); 8.
        expected.extend([0, 200 & 0x7f | 0x80, 1, 8]);
        // Impacts, zigzag'd differences: +90 (180, two bytes), -30; +300 (600).
        expected.extend([180, 1, 59, 216, 4]);
        // Each posting's page: here; two shards back, in files of their own
        // rows (2 × 2 + 1); here.
        expected.extend([0, 5, 0]);
        assert_eq!(bytes, expected);
    }

    /// The layout of documents belonging to these articles, in order.
    fn layout_of(articles: impl IntoIterator<Item = u32>) -> Layout {
        let docs: Vec<crate::search::DocInfo> = articles
            .into_iter()
            .map(|article| crate::search::DocInfo {
                article,
                ..Default::default()
            })
            .collect();
        Layout::of(&docs)
    }

    #[test]
    fn every_article_starts_a_shard() {
        let layout = layout_of([0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3]);
        assert_eq!(
            layout.slots,
            [0, 1, 2, 8, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 32]
        );
        assert_eq!(layout.shards, [(0, 3), (3, 4), (4, 12), (12, 14), (14, 15)]);
        assert_eq!(layout.articles[5], (16, 10));
        assert_eq!(layout.articles[14], (32, 1));
        // Shard N holds slots SHARD × N onwards.
        for (n, &(a, b)) in layout.shards.iter().enumerate() {
            assert!(layout.slots[a..b].iter().all(|&s| s as usize / SHARD == n));
        }
        assert!(Layout::of(&[]).shards.is_empty());
    }

    #[test]
    fn the_frequent_terms_are_those_in_the_most_documents_without_numbers() {
        let mut ix = SearchIndex::default();
        for (t, docs) in [
            ("zebra", 9),
            ("apple", 3),
            ("2024", 50),
            ("mango", 3),
            ("kiwi", 1),
        ] {
            let term = Term {
                postings: Vec::new(),
                docs,
            };
            ix.terms.insert(t.to_string(), term);
        }
        assert_eq!(frequent_terms(&ix), ["apple", "kiwi", "mango", "zebra"]);
        // Terms of letters only: "waa", "wab", … in order.
        let name = |k: usize| {
            let letter = |n: usize| char::from(b'a' + (n % 26) as u8);
            format!("w{}{}", letter(k / 26), letter(k))
        };
        for k in 0..FREQUENT_TERMS {
            let term = Term {
                postings: Vec::new(),
                docs: 2,
            };
            ix.terms.insert(name(k), term);
        }
        let top = frequent_terms(&ix);
        assert_eq!(top.len(), FREQUENT_TERMS);
        // Three and nine documents beat two; among twos, the first in order.
        assert!(top.contains(&"zebra") && top.contains(&"apple") && top.contains(&"mango"));
        assert!(!top.contains(&"kiwi") && !top.contains(&"2024"));
        assert!(top.contains(&name(0).as_str()));
        assert!(!top.contains(&name(FREQUENT_TERMS - 1).as_str()));
        assert!(top.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn vocabularies_are_front_coded_varints() {
        let term = |docs: u32, postings: Vec<(u32, u32)>| Term { postings, docs };
        // Three one-document articles: slots 0, 8, 16.
        let layout = layout_of([0, 1, 2]);
        let (cafe, cafes, cat) = (
            term(3, vec![(0, 10), (1, 20), (2, 30)]),
            term(200, Vec::new()),
            term(1, vec![(1, 5)]),
        );
        // "cafés" is a frequent term, in 200 documents.
        let bytes = vocab_file(
            &[("café", &cafe), ("cafés", &cafes), ("cat", &cat)],
            &[],
            &layout,
            200,
        );
        let mut expected = vec![3];
        // "café" whole (five bytes); "cafés" shares them; "cat" shares "ca".
        expected.extend([0, 5]);
        expected.extend_from_slice("café".as_bytes());
        expected.extend([5, 1, b's', 2, 1, b't']);
        // Counts: 3, 200 (two bytes), 1.
        expected.extend([3, 200 & 0x7f | 0x80, 1, 1]);
        // No forms.
        expected.push(0);
        // Every term but the frequent inlines its postings ("café", "cat"):
        // up to 199 documents, then slot deltas, impacts (zigzag'd
        // differences), pages.
        expected.extend([199 & 0x7f | 0x80, 1]);
        expected.extend([0, 8, 8, 8, 20, 20, 20, 10, 0, 0, 0, 0]);
        assert_eq!(bytes, expected);
        assert_eq!(
            vocab_file(&[], &[], &layout, 200),
            [0, 0, 199 & 0x7f | 0x80, 1]
        );
        // Forms: front-coded, then their stems' positions; a form whose stem
        // is not in the file is left out.
        // (Terms too common to have their postings here.)
        let (numer, nut) = (term(100, Vec::new()), term(90, Vec::new()));
        let bytes = vocab_file(
            &[("numer", &numer), ("nut", &nut)],
            &[
                ("numeric", "numer"),
                ("numerous", "numer"),
                ("nuts", "other"),
            ],
            &layout,
            90,
        );
        let mut expected = vec![2, 0, 5];
        expected.extend_from_slice(b"numer");
        expected.extend([2, 1]);
        expected.extend_from_slice(b"t");
        expected.extend([100, 90]);
        expected.extend([2, 0, 7]);
        expected.extend_from_slice(b"numeric");
        expected.extend([5, 3]);
        expected.extend_from_slice(b"ous");
        // Both are frequent: nothing below 90 documents to inline.
        expected.extend([0, 0, 89]);
        assert_eq!(bytes, expected);
    }

    #[test]
    fn a_vocabulary_inlines_its_rarer_terms_within_a_budget() {
        let terms: Vec<(String, Term)> = [(1000, 1), (50, 8), (10, 64), (10, 600)]
            .into_iter()
            .flat_map(|(n, docs)| {
                (0..n).map(move |k| {
                    let postings = (0..docs).map(|d| (d, 1)).collect();
                    (format!("t{docs}-{k}"), Term { postings, docs })
                })
            })
            .collect();
        let refs: Vec<(&str, &Term)> = terms.iter().map(|(t, term)| (t.as_str(), term)).collect();
        // The terms in 600 documents are the frequent ones: the 2,040
        // postings of the others fit in 6,000, so all of those.
        assert_eq!(inline_limit(&refs, 600), 599);
        // No frequent term below 1,000,000 documents: all 2,040 again, up to
        // where a list is never pruned.
        assert_eq!(inline_limit(&refs[..1060], 1_000_000), MAX_INLINE_DOCS);
        // With the terms in 600 (8,040 postings), the rarest only: 1,000 in
        // one document and 400 in eight fit in 1,500, with those in 64 not.
        assert_eq!(inline_limit(&refs, 1_000_000), 48);
        // Not even the terms in one document fit: nothing inlined.
        let many: Vec<(&str, &Term)> = std::iter::repeat_n(refs[0], 6001).collect();
        assert_eq!(inline_limit(&many, 1_000_000), 0);
    }

    #[test]
    fn a_shard_file_holds_its_whole_article_unless_the_article_is_long() {
        let long = WHOLE_ARTICLE_SHARDS * SHARD + 1;
        // Article 0: 3 sections; article 1: 10 (two shards); article 2: long.
        let layout = layout_of(
            [0; 3]
                .into_iter()
                .chain([1; 10])
                .chain(std::iter::repeat_n(2, long)),
        );
        let files: Vec<_> = layout
            .shards
            .iter()
            .map(|&(a, b)| layout.rows_of_shard(a, b))
            .collect();
        assert_eq!(files[0], 0..3);
        // Both shards of the ten-section article hold all ten.
        assert_eq!(files[1], 3..13);
        assert_eq!(files[2], 3..13);
        // The long article's shards hold their own eight (the last, one).
        assert_eq!(files[3], 13..21);
        assert_eq!(files.last(), Some(&(13 + long - 1..13 + long)));
        assert_eq!(files.len(), 3 + WHOLE_ARTICLE_SHARDS + 1);
    }

    #[test]
    fn separators_are_the_shortest_prefix_after_the_previous_term() {
        assert_eq!(separator("apple", "banana"), "b");
        assert_eq!(separator("refund", "refunds"), "refunds");
        assert_eq!(separator("refund", "reg"), "reg");
        assert_eq!(separator("caf", "café"), "café");
        assert_eq!(separator("éa", "éb"), "éb");
        for (prev, next) in [("a", "b"), ("ab", "abc"), ("zz", "é"), ("x", "𝒳y")] {
            let s = separator(prev, next);
            assert!(
                prev < s.as_str() && s.as_str() <= next,
                "{prev} < {s} <= {next}"
            );
        }
    }
}
