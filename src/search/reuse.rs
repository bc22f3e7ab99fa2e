//! Keeping the previous build's static search export, or searching it.
//! `helpsite build` renders
//! every page again, but indexing and export (1.0–1.4 s at 10,000 articles) are
//! skipped when nothing the index is made from changed: the previous output's
//! manifest carries the fingerprint of its inputs (`export_fingerprint`),
//! and when it equals this build's, the files it names are copied into the new
//! output instead. Equal fingerprints give byte-identical exports, so the output
//! is exactly what a fresh index would write. `helpsite search` reads a fresh
//! export back (read_export.rs) rather than indexing the site again.
//!
//! The previous output is only read, and only trusted when it is whole: it must
//! be a helpsite output (its marker file), its manifest must parse and name
//! this format, and every file the manifest names must be a regular file
//! there. Anything else, and the build indexes as usual.

use std::path::Path;

use serde_json::Value;

use super::SearchInputs;
use super::export::{CHUNKS, FORMAT, MANIFEST};
use crate::output::{MARKER, Sink};

/// A fingerprint of everything the static export is made from: each document as
/// tantivy would be given it (texts, URL, section, tags, article), the filters,
/// the language and its stop words, the synonyms, the base path, and the
/// search code itself (build.rs). Equal fingerprints give byte-identical
/// exports, so `helpsite build` keeps the previous output's export when the
/// fingerprint in its manifest is this one (`copy_previous`). foldhash with a fixed seed is the same
/// from run to run for one build of helpsite (its version is in the search
/// code's fingerprint, with every dependency's), and faster than SipHash.
pub(crate) fn export_fingerprint(site: &SearchInputs) -> String {
    use std::hash::{Hash, Hasher};
    let mut ix = super::index::empty_index(site);
    let texts = super::documents::Texts::of(site);
    let sources = texts.sources(site, &mut ix);
    let mut h = crate::hashing::key_hasher();
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
            crate::hashing::hash_of(&(
                (&i.url, &i.title, &i.heading, i.section, &i.tags, i.article),
                (s.description, s.body, s.tags, s.keywords, s.overview),
            ))
        })
        .collect();
    per_doc.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// The largest manifest read back; a real one is a few kilobytes per thousand
/// articles, so anything larger is not one of ours.
const MAX_MANIFEST_BYTES: u64 = 64 << 20;

/// A whole export in a previous output, made from the fingerprint asked for:
/// its files (relative to the output, manifest last) and its manifest, read
/// and checked once for everything that copies or reads it.
pub(crate) struct FreshExport {
    pub files: Vec<String>,
    pub manifest: Value,
}

/// Whether the helpsite output at `output` has a search export below `prefix`
/// that a build might keep (`copy_previous` checks that it may).
pub(crate) fn has_export(output: &Path, prefix: &str) -> bool {
    is_file(&output.join(MARKER)) && is_file(&output.join(prefix).join(MANIFEST))
}

/// Copies the export in `previous` (an output folder) into `sink` when its
/// manifest's fingerprint is `fingerprint` and all its files are there; tells
/// whether it did.
pub(crate) fn copy_previous(
    output: &Path,
    prefix: &str,
    fingerprint: &str,
    sink: &dyn Sink,
) -> bool {
    fresh_export(output, prefix, fingerprint)
        .is_some_and(|export| copy_export(&output.join(prefix), &export, sink))
}

/// Copies a fresh export's files into `sink`. On `false` a copy failed
/// part-way (a read or disk error): the caller's fresh export then overwrites
/// the manifest, and the strays are unused files.
pub(crate) fn copy_export(previous: &Path, export: &FreshExport, sink: &dyn Sink) -> bool {
    use rayon::prelude::*;
    export
        .files
        .par_iter()
        .all(|rel| sink.keep_previous(&previous.join(rel), rel).is_ok())
}

/// The export of the language at `prefix` (`""`, `ru/`) of the helpsite
/// output `output`, when it is whole and made from `fingerprint` (read_export.rs
/// reads it back); its files are listed relative to `output/prefix`.
pub(crate) fn fresh_export(output: &Path, prefix: &str, fingerprint: &str) -> Option<FreshExport> {
    if !is_file(&output.join(MARKER)) {
        return None;
    }
    let previous = &output.join(prefix);
    let manifest_path = previous.join(MANIFEST);
    if !is_file(&manifest_path) || manifest_path.metadata().ok()?.len() > MAX_MANIFEST_BYTES {
        return None;
    }
    let manifest: Value = serde_json::from_slice(&std::fs::read(&manifest_path).ok()?).ok()?;
    if manifest["key"].as_str() != Some(fingerprint)
        || manifest["v"].as_u64() != Some(u64::from(FORMAT))
    {
        return None;
    }
    let version = manifest["version"].as_str()?;
    // The version goes into file names: hex digits only, or it is not ours.
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let chunks = manifest["chunks"].as_array()?.len() + 1;
    let shards = usize::try_from(manifest["shards"].as_u64()?).ok()?;
    let vocab = manifest["vocab"].as_object()?.len();
    // A count no folder could hold is not listed file by file.
    let entries = std::fs::read_dir(previous.join(CHUNKS)).ok()?.count();
    if chunks.checked_add(shards)?.checked_add(vocab)? > entries {
        return None;
    }
    let mut files: Vec<String> = (0..chunks)
        .map(|n| format!("{CHUNKS}t-{version}-{n}.bin"))
        .chain((0..shards).map(|n| format!("{CHUNKS}d-{version}-{n}.bin")))
        .chain((0..vocab).map(|n| format!("{CHUNKS}v-{version}-{n}.bin")))
        .collect();
    if !files.iter().all(|rel| is_file(&previous.join(rel))) {
        return None;
    }
    files.push(MANIFEST.to_string());
    Some(FreshExport { files, manifest })
}

/// A regular file, not a link to one: a link could bring a file from outside
/// the output into it.
fn is_file(path: &Path) -> bool {
    path.symlink_metadata().is_ok_and(|m| m.is_file())
}
