//! The site as `serve` holds it: every output file in memory, swapped as a whole
//! after each successful rebuild, so a page is never half-written and nothing
//! outside the output can ever be served.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::diagnostics::Diagnostic;
use crate::output::{Sink, safe_join};

/// Collects a build's files in memory.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<HashMap<String, Arc<[u8]>>>,
}

impl MemorySink {
    pub fn into_files(self) -> HashMap<String, Arc<[u8]>> {
        self.files.into_inner().unwrap_or_default()
    }
}

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if safe_join(Path::new("/"), rel).is_none() {
            return Err(Diagnostic::error(
                "output",
                format!("refusing to write `{rel}`"),
            ));
        }
        if let Ok(mut files) = self.files.lock() {
            files.insert(rel.to_string(), Arc::from(bytes));
        }
        Ok(())
    }

    fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        let bytes = std::fs::read(from)
            .map_err(|e| Diagnostic::error("io", format!("cannot read: {e}")).at(from))?;
        self.write(rel, &bytes)
    }
}

/// One good build.
pub struct Snapshot {
    pub files: HashMap<String, Arc<[u8]>>,
    pub search: Option<Arc<crate::search::SearchIndex>>,
}

impl Snapshot {
    /// Output paths whose content differs from `other` (added, changed or removed).
    pub fn changed_since(&self, other: &Snapshot) -> Vec<String> {
        let mut changed: Vec<String> = self
            .files
            .iter()
            .filter(|(k, v)| other.files.get(*k).is_none_or(|o| o != *v))
            .map(|(k, _)| k.clone())
            .chain(
                other
                    .files
                    .keys()
                    .filter(|k| !self.files.contains_key(*k))
                    .cloned(),
            )
            .collect();
        changed.sort();
        changed
    }
}
