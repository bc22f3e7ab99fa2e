//! The site as `serve` holds it: every output file in memory, swapped as a whole
//! after each successful rebuild, so a page is never half-written and nothing
//! outside the output can ever be served.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::diagnostics::Diagnostic;
use crate::output::Sink;

/// Collects a build's files in memory.
#[derive(Default)]
pub(super) struct MemorySink {
    files: Mutex<Files>,
}

impl MemorySink {
    pub(super) fn into_files(self) -> Files {
        self.files.into_inner().unwrap_or_default()
    }

    fn insert(&self, rel: &str, bytes: Arc<[u8]>) -> Result<(), Diagnostic> {
        if !crate::output::is_safe_rel(rel) {
            return Err(crate::output::outside(rel));
        }
        if let Ok(mut files) = self.files.lock() {
            files.insert(rel.to_string(), bytes);
        }
        Ok(())
    }
}

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.insert(rel, Arc::from(bytes))
    }

    fn write_shared(&self, rel: &str, bytes: Arc<[u8]>) -> Result<(), Diagnostic> {
        self.insert(rel, bytes)
    }

    fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        let bytes = std::fs::read(from)
            .map_err(|e| Diagnostic::error("io", format!("cannot read: {e}")).at(from))?;
        self.write(rel, &bytes)
    }
}

/// Output files by path. Requests look paths up here, so the hasher keeps
/// a per-process random seed.
pub(super) type Files = HashMap<String, Arc<[u8]>, foldhash::fast::RandomState>;

/// One good build: its pages and files, and the search index with its export.
/// The two halves are rebuilt apart (pages first, so a save shows at once), and
/// each is swapped in whole, so neither is ever seen half-written.
#[derive(Default, Clone)]
pub(super) struct Snapshot {
    pub pages: Arc<Files>,
    pub index_files: Arc<Files>,
    /// Each language's index, the default language's first.
    pub search: Vec<Arc<crate::search::SearchIndex>>,
}

impl Snapshot {
    pub(super) fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.pages.get(path).or_else(|| self.index_files.get(path))
    }

    pub(super) fn contains(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    pub(super) fn len(&self) -> usize {
        self.pages.len() + self.index_files.len()
    }

    /// Output paths whose content differs from `other` (added, changed or removed).
    pub(super) fn changed_since(&self, other: &Snapshot) -> Vec<String> {
        let mut changed: Vec<String> = Vec::new();
        for (mine, theirs) in [
            (&self.pages, &other.pages),
            (&self.index_files, &other.index_files),
        ] {
            if Arc::ptr_eq(mine, theirs) {
                continue;
            }
            changed.extend(
                mine.iter()
                    .filter(|(k, v)| theirs.get(*k).is_none_or(|o| !Arc::ptr_eq(o, v) && o != *v))
                    .map(|(k, _)| k.clone())
                    .chain(theirs.keys().filter(|k| !mine.contains_key(*k)).cloned()),
            );
        }
        changed.sort();
        changed.dedup();
        changed
    }
}
