//! Pages kept from the previous output. `helpsite build` writes, beside the
//! output's marker, the key of every page it wrote with the page file's size
//! and modification time (`.helpsite-pages`). The next build gives each page
//! its key (templates/views.rs: the hash of everything its context is made
//! from, mixed with what every page shares and the program's own
//! fingerprint), and a page whose key is the one recorded is linked from the
//! previous output instead of rendered: equal keys give equal pages.
//!
//! The previous output is only read, and only trusted as far as it checks
//! out: it must be a helpsite output (its marker), the keys file must have
//! been written by this very program (`HELPSITE_CODE`), and a page is reused
//! only when its file still has the size and modification time recorded (as
//! git tells a changed file: a page edited by hand is rendered again).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::memo::KeyMap;
use crate::diagnostics::Diagnostic;
use crate::output::{MARKER, Sink, Staging, safe_join};

/// The keys file, at the output's root.
pub const KEYS_FILE: &str = ".helpsite-pages";

/// Its first line: the format and the program that wrote it.
const HEADER: &str = concat!("helpsite-pages 2 ", env!("HELPSITE_CODE"));

/// The largest keys file read back: a real one is about 90 bytes a page.
const MAX_KEYS_BYTES: u64 = 256 << 20;

/// A page file as the keys file knows it: its key, size and modification
/// time (nanoseconds since 1970).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Recorded {
    key: u64,
    len: u64,
    modified: u64,
}

/// The previous output's page keys, and this build's as they are written.
pub struct OutputPages {
    root: PathBuf,
    /// Output path → how it was written.
    previous: KeyMap<String, Recorded>,
    /// This build's pages: output path and key.
    written: Mutex<Vec<(String, u64)>>,
    reused: AtomicUsize,
}

/// A file's size and modification time, when it is a regular file.
fn stamp(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    meta.is_file()
        .then(|| (meta.len(), u64::try_from(modified).unwrap_or(u64::MAX)))
}

impl OutputPages {
    /// The keys the output at `output` was built with; none when `fresh` (or
    /// when there is no such output, or it does not check out).
    pub fn new(output: &Path, fresh: bool) -> Self {
        OutputPages {
            root: output.to_path_buf(),
            previous: if fresh {
                KeyMap::default()
            } else {
                read_keys(output).unwrap_or_default()
            },
            written: Mutex::new(Vec::new()),
            reused: AtomicUsize::new(0),
        }
    }

    /// The previous output's file of `path`, if it was made with `key` and
    /// is still as it was written.
    pub fn reusable(&self, path: &str, key: u64) -> Option<PathBuf> {
        let old = self.previous.get(path)?;
        if old.key != key {
            return None;
        }
        let file = safe_join(&self.root, path)?;
        (stamp(&file)? == (old.len, old.modified)).then(|| {
            self.reused.fetch_add(1, Ordering::Relaxed);
            file
        })
    }

    /// Records that `path` was written with `key`.
    pub fn record(&self, path: String, key: u64) {
        if let Ok(mut w) = self.written.lock() {
            w.push((path, key));
        }
    }

    /// How many pages were taken from the previous output.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// Writes this build's keys, with each page file's size and time as it
    /// is in `staging`, into the new output.
    pub fn write_keys(&self, staging: &Staging) -> Result<(), Diagnostic> {
        use rayon::prelude::*;
        let mut written = self
            .written
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default();
        written.par_sort_unstable();
        let lines: Vec<String> = written
            .par_iter()
            .filter_map(|(path, key)| {
                let (len, modified) = stamp(&safe_join(staging.root(), path)?)?;
                Some(format!("{key:016x} {len} {modified} {path}\n"))
            })
            .collect();
        let mut text = String::with_capacity(HEADER.len() + lines.len() * 90);
        text.push_str(HEADER);
        text.push('\n');
        text.extend(lines);
        staging.write(KEYS_FILE, text.as_bytes())
    }
}

/// The keys file of the helpsite output at `output`, when it is one and was
/// written by this program.
fn read_keys(output: &Path) -> Option<KeyMap<String, Recorded>> {
    if !output.join(MARKER).is_file() {
        return None;
    }
    let path = output.join(KEYS_FILE);
    if std::fs::metadata(&path).ok()?.len() > MAX_KEYS_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    Some(
        lines
            .filter_map(|line| {
                let mut parts = line.splitn(4, ' ');
                let key = u64::from_str_radix(parts.next()?, 16).ok()?;
                let len = parts.next()?.parse().ok()?;
                let modified = parts.next()?.parse().ok()?;
                let recorded = Recorded { key, len, modified };
                Some((parts.next()?.to_string(), recorded))
            })
            .collect(),
    )
}
