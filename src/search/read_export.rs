//! Reading a static export (export.rs) back into the `SearchIndex` it was
//! written from, for `helpsite search`: when the built output's export is
//! fresh (reuse.rs), searching it spares indexing the site again. The export
//! holds everything ranking reads (pruned postings with their impacts, each
//! term's document count, the documents' rows, filters, stop words and the
//! language), so the index read back is equal to the one indexed, field for
//! field (a test compares them); only the document numbers are recovered, from
//! the slots, which rise with them.

use std::collections::BTreeMap;
use std::path::Path;

use super::reuse::FreshExport;
use super::{DocInfo, SearchIndex, Term};

/// The index written to `output`'s `search/` folder (reuse.rs checked it is a
/// whole export); `None` if any file does not read as the format says.
pub(crate) fn read(output: &Path, export: &FreshExport) -> Option<SearchIndex> {
    use rayon::prelude::*;
    let (files, manifest) = (&export.files, &export.manifest);
    let shard = usize::try_from(manifest["shard"].as_u64()?).ok()?;
    let pairs = |key: &str| -> Option<Vec<(String, String)>> {
        manifest[key]
            .as_array()?
            .iter()
            .map(|p| Some((p[0].as_str()?.to_string(), p[1].as_str()?.to_string())))
            .collect()
    };
    let strings = |key: &str| -> Option<Vec<String>> {
        manifest[key]
            .as_array()?
            .iter()
            .map(|s| s.as_str().map(str::to_string))
            .collect()
    };
    let named = |kind: &str| {
        let prefix = format!("{}{kind}", super::export::CHUNKS);
        files.iter().filter(move |f| f.starts_with(&prefix))
    };
    // Shard N holds slots SHARD × N onwards: a row beyond the last shard's is
    // damage (and would size the slot table below by it).
    let slots = named("d-").count().checked_mul(shard)?;

    // Rows by slot: a shard's file starts at its article's first slot when it
    // holds the whole article, else at its own (export.rs, `rows_of_shard`).
    // Read as typed rows, not JSON values: at 100,000 articles values took
    // 0.6 GB more.
    let mut rows: Vec<(u32, Row)> = named("d-")
        .collect::<Vec<_>>()
        .par_iter()
        .map(|rel| {
            let n: usize = rel.rsplit('-').next()?.strip_suffix(".bin")?.parse().ok()?;
            let rows: Vec<Row> = serde_json::from_slice(&gunzip(&output.join(rel))?).ok()?;
            let whole = rows.first().is_some_and(|r| r.7 as usize == rows.len());
            let start = match rows.first() {
                Some(r) if whole => r.6,
                _ => u32::try_from(n.checked_mul(shard)?).ok()?,
            };
            if (start as usize).checked_add(rows.len())? > slots {
                return None;
            }
            Some((start..).zip(rows).collect::<Vec<_>>())
        })
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    // A whole article's rows come once per shard it spans.
    rows.sort_unstable_by_key(|r| r.0);
    rows.dedup_by_key(|r| r.0);
    // Slots are dense (each article's pads its last shard), so a slot's
    // document is looked up by index, once per posting.
    let mut doc_of_slot: Vec<Option<u32>> = vec![None; slots];
    let mut articles: BTreeMap<u32, u32> = BTreeMap::new();
    let mut docs = Vec::with_capacity(rows.len());
    for (slot, (url, title, heading, text, section, tags, first, _)) in rows {
        let next = articles.len() as u32;
        let article = *articles.entry(first).or_insert(next);
        doc_of_slot[slot as usize] = Some(docs.len() as u32);
        docs.push(DocInfo {
            url,
            title,
            heading,
            text,
            section,
            tags,
            article,
        });
    }
    if docs.len() as u64 != manifest["docs"].as_u64()? {
        return None;
    }
    // The section pages, from slots back to page numbers.
    let page_at = |slot: &serde_json::Value| -> Option<u32> {
        let slot = usize::try_from(slot.as_u64()?).ok()?;
        if slot >= slots {
            return Some(articles.len() as u32);
        }
        Some(docs.get((*doc_of_slot.get(slot)?)? as usize)?.article)
    };
    let section_pages =
        page_at(&manifest["section_pages"][0])?..page_at(&manifest["section_pages"][1])?;

    let chunks: Vec<Vec<(String, Term)>> = named("t-")
        .collect::<Vec<_>>()
        .par_iter()
        .map(|rel| term_chunk(&gunzip(&output.join(rel))?, &doc_of_slot))
        .collect::<Option<_>>()?;
    let forms: Vec<Vec<(String, String)>> = named("v-")
        .collect::<Vec<_>>()
        .par_iter()
        .map(|rel| vocab_forms(&gunzip(&output.join(rel))?))
        .collect::<Option<_>>()?;
    Some(SearchIndex {
        forms: forms.into_iter().flatten().collect(),
        docs,
        terms: chunks.into_iter().flatten().collect(),
        sections: pairs("sections")?,
        section_pages,
        tags: pairs("tags")?,
        stop_words: strings("stop")?,
        language: manifest["lang"].as_str()?.to_string(),
        synonyms: manifest["synonyms"]
            .as_array()?
            .iter()
            .map(|g| {
                g.as_array()?
                    .iter()
                    .map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .collect::<Option<_>>()?,
    })
}

/// A document's row (export.rs): url, title, heading, excerpt text, section,
/// tags, its article's first slot and number of sections.
type Row = (String, String, String, String, u32, Vec<u32>, u32, u32);

/// No file of an export inflates to more (the largest, a long term's chunk
/// or a long FAQ's shard, is well under a megabyte); a trailer that says more
/// is damage, not a reason to allocate it.
const MAX_FILE_BYTES: u32 = 64 << 20;

/// A gzip file's bytes, inflated (its trailer tells their length).
fn gunzip(path: &Path) -> Option<Vec<u8>> {
    let gz = std::fs::read(path).ok()?;
    let size = u32::from_le_bytes(gz.get(gz.len().checked_sub(4)?..)?.try_into().ok()?);
    if size > MAX_FILE_BYTES {
        return None;
    }
    let mut out = vec![0; size as usize];
    let n = libdeflater::Decompressor::new()
        .gzip_decompress(&gz, &mut out)
        .ok()?;
    out.truncate(n);
    Some(out)
}

/// Reads varints one after another (export.rs `varint`).
struct Varints<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Varints<'_> {
    fn next(&mut self) -> Option<u32> {
        let mut v: u64 = 0;
        for shift in (0..35).step_by(7) {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return u32::try_from(v).ok();
            }
        }
        None
    }

    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
}

/// A term chunk's terms (export.rs `term_chunk`), postings by document.
fn term_chunk(bytes: &[u8], doc_of_slot: &[Option<u32>]) -> Option<Vec<(String, Term)>> {
    let mut r = Varints { bytes, at: 0 };
    let count = r.next()? as usize;
    let mut heads = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let len = r.next()? as usize;
        let term = String::from_utf8(r.take(len)?.to_vec()).ok()?;
        let docs = r.next()?;
        let postings = r.next()? as usize;
        heads.push((term, docs, postings));
    }
    let mut slots: Vec<Vec<u32>> = Vec::with_capacity(heads.len());
    for (_, _, n) in &heads {
        let mut slot = 0u32;
        let mut list = Vec::with_capacity((*n).min(bytes.len()));
        for _ in 0..*n {
            slot = slot.checked_add(r.next()?)?;
            list.push((*doc_of_slot.get(slot as usize)?)?);
        }
        slots.push(list);
    }
    let mut out = Vec::with_capacity(heads.len());
    for ((term, docs, _), list) in heads.into_iter().zip(slots) {
        let mut impact = 0i64;
        let mut postings = Vec::with_capacity(list.len());
        for doc in list {
            let z = i64::from(r.next()?);
            impact += (z >> 1) ^ -(z & 1);
            postings.push((doc, u32::try_from(impact).ok()?));
        }
        out.push((term, Term { postings, docs }));
    }
    // Each posting's page, in shards back: the rows tell it here.
    for (_, term) in &out {
        for _ in &term.postings {
            r.next()?;
        }
    }
    (r.at == bytes.len()).then_some(out)
}

/// Front-coded strings (export.rs `front_coded`).
fn front_coded(r: &mut Varints, count: usize) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(count.min(r.bytes.len()));
    let mut prev: Vec<u8> = Vec::new();
    for _ in 0..count {
        let shared = r.next()? as usize;
        let len = r.next()? as usize;
        let mut s = prev.get(..shared)?.to_vec();
        s.extend_from_slice(r.take(len)?);
        out.push(String::from_utf8(s.clone()).ok()?);
        prev = s;
    }
    Some(out)
}

/// A vocabulary's written forms with their stems (export.rs `vocab_file`);
/// the terms themselves come from the chunks.
fn vocab_forms(bytes: &[u8]) -> Option<Vec<(String, String)>> {
    let mut r = Varints { bytes, at: 0 };
    let count = r.next()? as usize;
    let terms = front_coded(&mut r, count)?;
    let mut counts = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        counts.push(r.next()?);
    }
    let forms = r.next()? as usize;
    let written = front_coded(&mut r, forms)?;
    let mut out = Vec::with_capacity(written.len());
    for form in written {
        out.push((form, terms.get(r.next()? as usize)?.clone()));
    }
    // The rarer terms' postings, which the chunks have too.
    let limit = r.next()?;
    let inlined = counts
        .iter()
        .filter(|&&n| n <= limit)
        .try_fold(0usize, |sum, &n| sum.checked_add(n as usize))?;
    for _ in 0..inlined.checked_mul(3)? {
        r.next()?;
    }
    (r.at == bytes.len()).then_some(out)
}
