//! The static search index under `search/`: what the browser needs, cut so that a
//! query fetches only the pieces it touches. Every file is gzip'd JSON (decoded in
//! the browser with `DecompressionStream`), so any static host serves it as is.
//!
//! - `t-VERSION-N.bin`: chunk N of the terms in order, each `[term, [doc deltas],
//!   [impacts], postings]`, cut at about `CHUNK_GZ_BYTES` compressed. The
//!   manifest lists where each chunk starts as the shortest prefix that tells it
//!   from the chunk before, so its term directory is a few letters per chunk.
//!   A term with many postings keeps only its strongest ones there (in document
//!   order) and adds `[tail file, highest impact left out]`: the rest is in
//!   `r-HASH.bin` (same entry shape). The browser fetches a tail only when the
//!   bound it gives could change the top results, so a query that title and
//!   heading matches answer does not download whole posting lists.
//! - `d-VERSION-N.bin`: shard N of the documents: whole articles, in order, up to
//!   `SHARD` documents (an article with more has a shard of its own), each
//!   `[url, title, heading, text, section, [tags], article]`.
//! - `a-VERSION.bin`: how many sections each article has, in document order, so
//!   results group by article before any document is fetched.
//! - `v-VERSION-C.bin`: the terms starting with character C, `[term, postings]`, for
//!   typo tolerance.
//! - `manifest.json`: where chunks start, shard count, filters, stop words. It is
//!   the one file at a stable URL (fetched with revalidation, alongside the
//!   stemmer), so pages never change when only the index does. Every other file
//!   is named by content or by the version (a hash of everything the manifest
//!   points to), so hosts may cache them forever.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use serde_json::{Value, json};

use super::SearchIndex;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;

/// Where the manifest is, below the output folder.
pub const MANIFEST: &str = "search/manifest.json";

/// Documents per shard, at most (unless one article has more).
pub const SHARD: usize = 8;
/// Target compressed size of a term chunk.
pub const CHUNK_GZ_BYTES: usize = 4_000;
/// A term with more postings than this may leave some in a tail file.
pub const HEAD_POSTINGS: usize = 512;
/// Its chunk keeps every posting with at least this share of its highest
/// impact: matches in titles and headings (weighted ×5 and ×1.5) stay, and a
/// tail holds only weaker body matches, so the bound it gives is tight.
const HEAD_SHARE: u32 = 4;

/// `(document, impact)`, by document.
type Postings = Vec<(u32, u32)>;
/// (head, tail, the tail's highest impact).
type Split = (Postings, Postings, u32);

/// A term's postings split into the head (its strongest: at least
/// `HEAD_POSTINGS`, and every one within `HEAD_SHARE` of the best; ties to the
/// lower document; in document order) and the tail (the rest, in document
/// order), with the tail's highest impact. Short lists, or lists that are
/// mostly head, are not split (`None`: the list is used as it is, uncopied).
/// Linear but for one selection: no sort (sorting the long lists was a sixth
/// of the export's time).
fn split_head(postings: &[(u32, u32)]) -> Option<Split> {
    if postings.len() <= HEAD_POSTINGS * 2 {
        return None;
    }
    let best = postings.iter().map(|p| p.1).max().unwrap_or(0);
    let floor = best / HEAD_SHARE;
    let strong = postings.iter().filter(|p| p.1 >= floor).count();
    let keep = strong.max(HEAD_POSTINGS);
    if keep * 2 > postings.len() {
        return None;
    }
    // The weakest posting kept, as (impact, document): the keep-th in order
    // of impact (descending), then document.
    let weakest = if strong >= HEAD_POSTINGS {
        (floor, u32::MAX)
    } else {
        let mut order: Vec<(u32, u32)> = postings.to_vec();
        let (_, nth, _) =
            order.select_nth_unstable_by(keep - 1, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        (nth.1, nth.0)
    };
    let in_head = |p: &(u32, u32)| p.1 > weakest.0 || (p.1 == weakest.0 && p.0 <= weakest.1);
    let (head, tail): (Postings, Postings) = postings.iter().partition(|p| in_head(p));
    let tail_max = tail.iter().map(|p| p.1).max().unwrap_or(0);
    Some((head, tail, tail_max))
}

/// Compresses a file of the export. libdeflate (one compressor per thread) at
/// level 5 made the same total bytes as zlib-rs at its default level 6 on the
/// 10,000-article corpus, and the search stage took a fifth less time
/// (BENCHMARKS.md).
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
        out
    })
}

/// libdeflate's compression level (1–12).
const LEVEL: i32 = 5;

/// Document ranges of the shards, from the sections per article: whole articles
/// packed in order while they fit in `SHARD` documents, so a result and its
/// sub-results come from one file. search.js packs them the same way.
fn shard_ranges(counts: &[u32]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let (mut start, mut end) = (0usize, 0usize);
    for &c in counts {
        let c = c as usize;
        if end > start && end - start + c > SHARD {
            out.push((start, end));
            start = end;
        }
        end += c;
    }
    if end > start {
        out.push((start, end));
    }
    out
}

/// The shortest prefix of `next` that sorts after `prev` (`prev < next`).
fn separator(prev: &str, next: &str) -> String {
    next.char_indices()
        .map(|(at, c)| &next[..at + c.len_utf8()])
        .find(|p| *p > prev)
        .unwrap_or(next)
        .to_string()
}

fn short_hash(data: &[u8]) -> String {
    let mut h = std::hash::DefaultHasher::new();
    data.hash(&mut h);
    format!("{:012x}", h.finish() & 0xffff_ffff_ffff)
}

/// Appends a term's entry, `[term, [doc deltas], [impacts], total(, tail file,
/// tail's highest impact)]`, as JSON. Written directly rather than through
/// `serde_json::Value`: a value per posting was a third of the export's time.
fn write_term_entry(
    out: &mut Vec<u8>,
    term: &str,
    postings: &[(u32, u32)],
    total: usize,
    tail: Option<(&str, u32)>,
) {
    use std::io::Write as _;
    out.push(b'[');
    // A string's JSON cannot fail to serialize.
    let _ = serde_json::to_writer(&mut *out, term);
    // Writing to a Vec cannot fail.
    let numbers = |out: &mut Vec<u8>, values: &mut dyn Iterator<Item = u32>| {
        out.push(b'[');
        for (k, v) in values.enumerate() {
            if k > 0 {
                out.push(b',');
            }
            let _ = write!(out, "{v}");
        }
        out.push(b']');
    };
    out.push(b',');
    let mut prev = 0u32;
    numbers(
        out,
        &mut postings.iter().map(|&(d, _)| {
            let delta = d - prev;
            prev = d;
            delta
        }),
    );
    out.push(b',');
    numbers(out, &mut postings.iter().map(|&(_, impact)| impact));
    let _ = write!(out, ",{total}");
    if let Some((file, max)) = tail {
        out.push(b',');
        let _ = serde_json::to_writer(&mut *out, file);
        let _ = write!(out, ",{max}");
    }
    out.push(b']');
}

/// A JSON array of term entries.
fn term_entries<'a>(entries: impl Iterator<Item = TermEntry<'a>>) -> Vec<u8> {
    let mut out = vec![b'['];
    for (k, (term, postings, total, tail)) in entries.enumerate() {
        if k > 0 {
            out.push(b',');
        }
        write_term_entry(&mut out, term, postings, total, tail);
    }
    out.push(b']');
    out
}

type TermEntry<'a> = (&'a str, &'a [(u32, u32)], usize, Option<(&'a str, u32)>);

/// What was written, for the build summary and benchmarks.
#[derive(Debug, Default, Clone)]
pub struct ExportStats {
    pub files: usize,
    pub bytes: usize,
    pub manifest_bytes: usize,
}

/// Writes the static index below `search/`, manifest included, and returns the manifest.
pub fn write(
    ix: &SearchIndex,
    out: &dyn Sink,
    base_path: &str,
) -> Result<(Value, ExportStats), Diagnostic> {
    use rayon::prelude::*;
    let mut stats = ExportStats::default();

    // Long posting lists are split; the tails are packed into files of their own
    // (by size), and each head names its tail's file.
    let split: Vec<Option<Split>> = ix.terms.par_iter().map(|(_, p)| split_head(p)).collect();
    let terms: Vec<(&String, &Vec<(u32, u32)>)> = ix.terms.iter().collect();
    // What a term's chunk holds: its head, or the whole list when not split.
    let head = |i: usize| -> &[(u32, u32)] { split[i].as_ref().map_or(terms[i].1, |s| &s.0) };
    let mut tail_groups: Vec<Vec<usize>> = Vec::new();
    let mut size = usize::MAX;
    for (i, part) in split.iter().enumerate() {
        let Some((_, tail, _)) = part else {
            continue;
        };
        if size >= CHUNK_GZ_BYTES * 4 {
            tail_groups.push(Vec::new());
            size = 0;
        }
        size += tail.len() * 9;
        if let Some(g) = tail_groups.last_mut() {
            g.push(i);
        }
    }
    let tail_files: Vec<(String, Vec<u8>)> = tail_groups
        .par_iter()
        .map(|group| {
            let json = term_entries(group.iter().filter_map(|&i| {
                let (_, tail, _) = split[i].as_ref()?;
                Some((terms[i].0.as_str(), tail.as_slice(), 0, None))
            }));
            let gz = gzip(&json);
            (format!("r-{}.bin", short_hash(&gz)), gz)
        })
        .collect();
    let mut tail_of: Vec<Option<&str>> = vec![None; split.len()];
    for (group, (name, _)) in tail_groups.iter().zip(&tail_files) {
        for &i in group {
            tail_of[i] = Some(name.as_str());
        }
    }

    // Term chunks, cut by compressed size: each chunk is compressed once, sized
    // with the compression ratio the previous chunk had.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut raw_len = 0usize;
    for (i, (term, _)) in terms.iter().enumerate() {
        // Rough JSON size: the term, and about 9 bytes a posting.
        raw_len += term.len() + 8 + head(i).len() * 9;
        if raw_len >= CHUNK_GZ_BYTES * 4 || i + 1 == terms.len() {
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
    let chunk_gz: Vec<Vec<u8>> = groups
        .par_iter()
        .map(|&(a, b)| {
            gzip(&term_entries((a..b).map(|i| {
                let tail_max = split[i].as_ref().map_or(0, |s| s.2);
                let tail = tail_of[i].map(|f| (f, tail_max));
                (terms[i].0.as_str(), head(i), terms[i].1.len(), tail)
            })))
        })
        .collect();
    // Chunk k (from 1) starts at the shortest prefix of its first term that
    // sorts after the previous chunk's last term: the manifest's whole term
    // directory, a few letters per chunk.
    let separators: Vec<String> = groups
        .windows(2)
        .map(|w| separator(terms[w[0].1 - 1].0, terms[w[1].0].0))
        .collect();
    let mut write_files = |files: Vec<(String, Vec<u8>)>| -> Result<(), Diagnostic> {
        stats.files += files.len();
        stats.bytes += files.iter().map(|(_, b)| b.len()).sum::<usize>();
        files
            .par_iter()
            .map(|(name, bytes)| out.write(&format!("search/{name}"), bytes))
            .collect::<Result<Vec<()>, Diagnostic>>()?;
        Ok(())
    };
    write_files(tail_files)?;

    // Term chunks, documents and vocabulary are named by one version: a hash of
    // all their content.
    // Rows serialize straight from the documents (a tuple is a JSON array).
    let doc_rows: Vec<_> = ix
        .docs
        .iter()
        .map(|d| {
            (
                &d.url, &d.title, &d.heading, &d.text, d.section, &d.tags, d.article,
            )
        })
        .collect();
    let mut vocab: BTreeMap<String, Vec<(&str, usize)>> = BTreeMap::new();
    for (t, p) in &ix.terms {
        let c = t.chars().next().map(|c| c.to_string()).unwrap_or_default();
        vocab.entry(c).or_default().push((t, p.len()));
    }
    // Sections per article, in document order (an article's sections are
    // consecutive): the browser groups results, and finds their shards,
    // without fetching any text.
    let mut counts: Vec<u32> = Vec::new();
    for (i, d) in ix.docs.iter().enumerate() {
        if i == 0 || ix.docs[i - 1].article != d.article {
            counts.push(0);
        }
        if let Some(last) = counts.last_mut() {
            *last += 1;
        }
    }
    let shards: Vec<&[_]> = shard_ranges(&counts)
        .into_iter()
        .map(|(a, b)| &doc_rows[a..b])
        .collect();
    // Shards are serialized and compressed a batch at a time; their JSON is
    // hashed in order for the version (as hashing the whole list would) and
    // dropped, so the text of every document is never held twice at once.
    let mut version_hash = std::hash::DefaultHasher::new();
    chunk_gz.hash(&mut version_hash);
    separators.hash(&mut version_hash);
    version_hash.write_usize(shards.len());
    let mut docs_gz: Vec<Vec<u8>> = Vec::with_capacity(shards.len());
    for batch in shards.chunks(512) {
        let done: Vec<(Vec<u8>, Vec<u8>)> = batch
            .par_iter()
            .map(|s| {
                let json = serde_json::to_vec(s).unwrap_or_default();
                let gz = gzip(&json);
                (json, gz)
            })
            .collect();
        for (json, gz) in done {
            json.hash(&mut version_hash);
            docs_gz.push(gz);
        }
    }
    let vocab_json: Vec<Vec<u8>> = vocab
        .values()
        .map(|l| serde_json::to_vec(l).unwrap_or_default())
        .collect();
    let version = {
        vocab_json.hash(&mut version_hash);
        format!("{:010x}", version_hash.finish() & 0xff_ffff_ffff)
    };
    let vocab_gz: Vec<Vec<u8>> = vocab_json.par_iter().map(|b| gzip(b)).collect();
    let mut files: Vec<(String, Vec<u8>)> = docs_gz
        .into_iter()
        .enumerate()
        .map(|(n, gz)| (format!("d-{version}-{n}.bin"), gz))
        .chain(
            chunk_gz
                .into_iter()
                .enumerate()
                .map(|(n, gz)| (format!("t-{version}-{n}.bin"), gz)),
        )
        .collect();
    let articles_name = format!("a-{version}.bin");
    files.push((
        articles_name.clone(),
        gzip(&serde_json::to_vec(&counts).unwrap_or_default()),
    ));
    let mut vocab_files = serde_json::Map::new();
    for (i, (c, gz)) in vocab.keys().zip(vocab_gz).enumerate() {
        files.push((format!("v-{version}-{i}.bin"), gz));
        vocab_files.insert(c.clone(), json!(i));
    }
    write_files(files)?;

    let manifest = json!({
        "v": 2,
        "base": format!("{base_path}search/"),
        "version": version,
        "docs": ix.docs.len(),
        "shard": SHARD,
        "articles": articles_name,
        "chunks": separators,
        "vocab": vocab_files,
        "sections": ix.sections.iter().map(|(s, t)| json!([s, t])).collect::<Vec<_>>(),
        "tags": ix.tags.iter().map(|(s, t)| json!([s, t])).collect::<Vec<_>>(),
        "stop": ix.stop_words,
        "lang": ix.language,
    });
    let text = manifest.to_string();
    stats.manifest_bytes = text.len();
    out.write(MANIFEST, text.as_bytes())?;
    Ok((manifest, stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The split by sorting, as it was first written: the reference.
    fn split_by_sorting(postings: &[(u32, u32)]) -> Option<Split> {
        if postings.len() <= HEAD_POSTINGS * 2 {
            return None;
        }
        let mut by_impact: Vec<(u32, u32)> = postings.to_vec();
        by_impact.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let floor = by_impact[0].1 / HEAD_SHARE;
        let strong = by_impact.iter().take_while(|p| p.1 >= floor).count();
        let keep = strong.max(HEAD_POSTINGS);
        if keep * 2 > postings.len() {
            return None;
        }
        let mut tail = by_impact.split_off(keep);
        let tail_max = tail.first().map_or(0, |p| p.1);
        by_impact.sort_unstable();
        tail.sort_unstable();
        Some((by_impact, tail, tail_max))
    }

    #[test]
    fn the_linear_split_equals_the_split_by_sorting() {
        // Lists with many ties at the cut, few strong postings, many, and none split.
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        let mut split = [0; 2];
        for len in [100, 1025, 1100, 3000, 5000] {
            // One posting in `every` is strong; the weak ones take `weak` values (ties).
            for every in [3, 10, 100] {
                for weak in [1, 3, 40] {
                    let postings: Vec<(u32, u32)> = (0..len)
                        .map(|d| {
                            let strong = next() % every == 0;
                            (
                                d * 2,
                                if strong {
                                    5000 + next() % 500
                                } else {
                                    1 + next() % weak
                                },
                            )
                        })
                        .collect();
                    let got = split_head(&postings);
                    assert_eq!(
                        got,
                        split_by_sorting(&postings),
                        "len {len}, 1 in {every}, {weak}"
                    );
                    if let Some((head, _, _)) = &got {
                        split[usize::from(head.len() > HEAD_POSTINGS)] += 1;
                    }
                }
            }
        }
        assert!(split[0] > 0 && split[1] > 0, "both cuts tried: {split:?}");
    }

    #[test]
    fn shards_hold_whole_articles() {
        assert_eq!(
            shard_ranges(&[3, 4, 2, 12, 1, 1]),
            [(0, 7), (7, 9), (9, 21), (21, 23)]
        );
        assert_eq!(shard_ranges(&[]), []);
        assert_eq!(shard_ranges(&[8, 8]), [(0, 8), (8, 16)]);
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

    #[test]
    fn long_lists_split_into_the_strongest_postings_and_a_weaker_tail() {
        // 3,000 postings: every tenth a strong (title) match.
        let postings: Vec<(u32, u32)> = (0..3000)
            .map(|d| (d, if d % 10 == 0 { 5000 + d } else { 100 + d % 7 }))
            .collect();
        let (head, tail, tail_max) = split_head(&postings).expect("a long list is split");
        assert_eq!(head.len(), 512, "at least HEAD_POSTINGS, strong ones first");
        assert!(head.iter().filter(|p| p.1 >= 5000).count() == 300);
        assert_eq!(head.len() + tail.len(), postings.len());
        assert!(
            head.windows(2).all(|w| w[0].0 < w[1].0),
            "head in document order"
        );
        assert!(
            tail.windows(2).all(|w| w[0].0 < w[1].0),
            "tail in document order"
        );
        assert_eq!(tail_max, tail.iter().map(|p| p.1).max().unwrap_or(0));
        let weakest_head = head.iter().map(|p| p.1).min().unwrap_or(0);
        assert!(tail_max <= weakest_head, "the tail never beats the head");
        let mut all: Vec<(u32, u32)> = head.iter().chain(&tail).copied().collect();
        all.sort_unstable();
        assert_eq!(all, postings, "nothing lost or changed");
        // Short lists stay whole.
        assert!(split_head(&postings[..900]).is_none());
    }
}
