//! The static search index under `search/`: what the browser needs, cut so that a
//! query fetches only the pieces it touches. Every file is gzip'd JSON (decoded in
//! the browser with `DecompressionStream`), so any static host serves it as is.
//!
//! - `t-HASH.bin`: a chunk of terms in order, each `[term, [doc deltas], [impacts]]`,
//!   cut at about `CHUNK_GZ_BYTES` compressed; named by content hash.
//! - `d-VERSION-N.bin`: documents `N*SHARD .. (N+1)*SHARD`, each
//!   `[url, title, heading, text, section, [tags], article]`.
//! - `v-VERSION-C.bin`: the terms starting with character C, `[term, postings]`, for
//!   typo tolerance.
//! - The manifest (chunk boundaries, shard count, filters, stop words) is small and
//!   inlined into every page, so no request is spent finding the index.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io::Write;

use serde_json::{Value, json};

use super::SearchIndex;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;

/// Documents per shard.
pub const SHARD: usize = 64;
/// Target compressed size of a term chunk.
pub const CHUNK_GZ_BYTES: usize = 12_000;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

fn short_hash(data: &[u8]) -> String {
    let mut h = std::hash::DefaultHasher::new();
    data.hash(&mut h);
    format!("{:012x}", h.finish() & 0xffff_ffff_ffff)
}

fn term_entry(term: &str, postings: &[(u32, u32)]) -> Value {
    let mut prev = 0u32;
    let deltas: Vec<u32> = postings
        .iter()
        .map(|(d, _)| {
            let delta = d - prev;
            prev = *d;
            delta
        })
        .collect();
    let impacts: Vec<u32> = postings.iter().map(|(_, i)| *i).collect();
    json!([term, deltas, impacts])
}

/// What was written, for the build summary and benchmarks.
#[derive(Debug, Default, Clone)]
pub struct ExportStats {
    pub files: usize,
    pub bytes: usize,
    pub manifest_bytes: usize,
}

/// Writes the static index below `search/` and returns the manifest to inline.
pub fn write(
    ix: &SearchIndex,
    out: &dyn Sink,
    base_path: &str,
) -> Result<(Value, ExportStats), Diagnostic> {
    let mut stats = ExportStats::default();
    let mut put = |name: &str, bytes: &[u8]| -> Result<(), Diagnostic> {
        stats.files += 1;
        stats.bytes += bytes.len();
        out.write(&format!("search/{name}"), bytes)
    };

    // Term chunks, cut by compressed size.
    let mut chunks: Vec<Value> = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut first = String::new();
    let mut raw_len = 0usize;
    let mut raw_limit = CHUNK_GZ_BYTES * 3;
    let terms: Vec<(&String, &Vec<(u32, u32)>)> = ix.terms.iter().collect();
    for (i, (term, postings)) in terms.iter().enumerate() {
        if current.is_empty() {
            first = (*term).clone();
        }
        let entry = term_entry(term, postings);
        raw_len += entry.to_string().len();
        current.push(entry);
        let last = i + 1 == terms.len();
        if raw_len >= raw_limit || last {
            let body = serde_json::to_vec(&current).unwrap_or_default();
            let gz = gzip(&body);
            if gz.len() < CHUNK_GZ_BYTES * 2 / 3 && !last {
                // Compresses better than guessed: keep filling this chunk.
                raw_limit = raw_len * CHUNK_GZ_BYTES / gz.len().max(1);
                continue;
            }
            let name = format!("t-{}.bin", short_hash(&gz));
            put(&name, &gz)?;
            chunks.push(json!([first, term, name]));
            current.clear();
            raw_len = 0;
            raw_limit = CHUNK_GZ_BYTES * 3;
        }
    }

    // Documents and vocabulary, named by one version hash of all their content.
    let doc_rows: Vec<Value> = ix
        .docs
        .iter()
        .map(|d| {
            json!([
                d.url, d.title, d.heading, d.text, d.section, d.tags, d.article
            ])
        })
        .collect();
    let mut vocab: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (t, p) in &ix.terms {
        let c = t.chars().next().map(|c| c.to_string()).unwrap_or_default();
        vocab.entry(c).or_default().push(json!([t, p.len()]));
    }
    let version = {
        let mut h = std::hash::DefaultHasher::new();
        serde_json::to_string(&doc_rows)
            .unwrap_or_default()
            .hash(&mut h);
        serde_json::to_string(&vocab)
            .unwrap_or_default()
            .hash(&mut h);
        format!("{:010x}", h.finish() & 0xff_ffff_ffff)
    };
    for (n, shard) in doc_rows.chunks(SHARD).enumerate() {
        put(
            &format!("d-{version}-{n}.bin"),
            &gzip(&serde_json::to_vec(shard).unwrap_or_default()),
        )?;
    }
    let mut vocab_files = serde_json::Map::new();
    for (i, (c, list)) in vocab.iter().enumerate() {
        put(
            &format!("v-{version}-{i}.bin"),
            &gzip(&serde_json::to_vec(list).unwrap_or_default()),
        )?;
        vocab_files.insert(c.clone(), json!(i));
    }

    let manifest = json!({
        "v": 1,
        "base": format!("{base_path}search/"),
        "version": version,
        "docs": ix.docs.len(),
        "shard": SHARD,
        "chunks": chunks,
        "vocab": vocab_files,
        "sections": ix.sections.iter().map(|(s, t)| json!([s, t])).collect::<Vec<_>>(),
        "tags": ix.tags.iter().map(|(s, t)| json!([s, t])).collect::<Vec<_>>(),
        "stop": ix.stop_words,
        "lang": ix.language,
    });
    stats.manifest_bytes = manifest.to_string().len();
    Ok((manifest, stats))
}
