//! What a build keeps from the previous output: its unchanged pages (below)
//! and the code blocks it highlighted (`remember_highlighting`,
//! `write_highlighting`). `helpsite build` writes, beside the
//! output's marker, the key of every page it wrote with the page file's size
//! and modification time (`.helpsite-pages`). The next build gives each page
//! its key (templates/views.rs: the hash of everything its context is made
//! from, mixed with what every page shares and the program's own
//! fingerprint), and a page whose key is the one recorded is kept from the
//! previous output (left where it is, output/in_place.rs) instead of
//! rendered: equal keys give equal pages.
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
pub(crate) const KEYS_FILE: &str = ".helpsite-pages";

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
    /// This build's pages: output path, key, and the size and time of a file
    /// kept from the previous output (the same file, so the same stamp).
    written: Mutex<Vec<(String, u64, Option<Stamp>)>>,
    reused: AtomicUsize,
}

/// A file's size and modification time (nanoseconds since the epoch).
type Stamp = (u64, u64);

/// A file's size and modification time, when it is a regular file.
fn stamp(path: &Path) -> Option<Stamp> {
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
    /// is still as it was written, with its size and time.
    pub fn reusable(&self, path: &str, key: u64) -> Option<(PathBuf, Stamp)> {
        let old = self.previous.get(path)?;
        if old.key != key {
            return None;
        }
        let file = safe_join(&self.root, path)?;
        let was = (old.len, old.modified);
        (stamp(&file)? == was).then(|| {
            self.reused.fetch_add(1, Ordering::Relaxed);
            (file, was)
        })
    }

    /// Records that `path` was written with `key`; `kept` is the stamp of the
    /// previous output's file it kept, if it did. Where the output is then
    /// replaced on a file system without links, the kept file is copied and
    /// has another time, and is only made again next time: never taken when
    /// it should not be.
    pub fn record(&self, path: String, key: u64, kept: Option<Stamp>) {
        if let Ok(mut w) = self.written.lock() {
            w.push((path, key, kept));
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
            .filter_map(|(path, key, kept)| {
                // A kept file is the previous one, whose stamp was just
                // checked: one look at the file system fewer per kept page.
                let (len, modified) = match kept {
                    Some(s) => *s,
                    None => stamp(&safe_join(staging.root(), path)?)?,
                };
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

/// The code blocks a build highlighted, at the output's root: syntect takes
/// about 100 µs a block, most of the markdown stage on a site with much code.
pub(crate) const HIGHLIGHT_FILE: &str = ".helpsite-highlight";

/// Its first line: the format and the program (its syntaxes) that wrote it.
const HIGHLIGHT_HEADER: &str = concat!("helpsite-highlight 3 ", env!("HELPSITE_CODE"), "\n");

/// The largest highlighting file read back, and the largest frame: more
/// than the highlighter keeps (`CACHE_BUDGET`, 64 MiB), so no real one.
const MAX_HIGHLIGHT_BYTES: usize = 256 << 20;

/// Gives the highlighter the blocks the output at `output` was built with,
/// when it is a helpsite output written by this program.
pub(crate) fn remember_highlighting(output: &Path) {
    if let Some(blocks) = read_highlighting(output) {
        crate::markdown::highlight::remember(blocks);
    }
}

fn read_highlighting(output: &Path) -> Option<Vec<(u64, std::sync::Arc<str>)>> {
    if !output.join(MARKER).is_file() {
        return None;
    }
    let path = output.join(HIGHLIGHT_FILE);
    if std::fs::metadata(&path).ok()?.len() > MAX_HIGHLIGHT_BYTES as u64 {
        return None;
    }
    let file = std::fs::read(path).ok()?;
    let mut frames = file.strip_prefix(HIGHLIGHT_HEADER.as_bytes())?;
    let mut decompressor = libdeflater::Decompressor::new();
    let mut raw = Vec::new();
    let mut blocks = Vec::new();
    while !frames.is_empty() {
        let (raw_len, rest) = frames.split_first_chunk::<4>()?;
        let (deflated_len, rest) = rest.split_first_chunk::<4>()?;
        let raw_len = usize::try_from(u32::from_le_bytes(*raw_len)).ok()?;
        let deflated_len = usize::try_from(u32::from_le_bytes(*deflated_len)).ok()?;
        // A frame holds about `FRAME` bytes (one block may overrun it).
        if raw_len > MAX_HIGHLIGHT_BYTES {
            return None;
        }
        raw.resize(raw_len, 0);
        let n = decompressor
            .deflate_decompress(rest.get(..deflated_len)?, &mut raw)
            .ok()?;
        let mut records = raw.get(..n)?;
        while !records.is_empty() {
            let (key, rest) = records.split_first_chunk::<8>()?;
            let (size, rest) = rest.split_first_chunk::<4>()?;
            let size = usize::try_from(u32::from_le_bytes(*size)).ok()?;
            let html = std::str::from_utf8(rest.get(..size)?).ok()?;
            blocks.push((u64::from_le_bytes(*key), html.into()));
            records = &rest[size..];
        }
        frames = &rest[deflated_len..];
    }
    Some(blocks)
}

/// Writes the blocks this build highlighted (or took from the previous
/// output) into the new output, for the next build: the previous output's
/// file when they are the same blocks. Deflated a megabyte at a time, so
/// that writing it needs little memory.
pub(crate) fn write_highlighting(output: &Path, staging: &Staging) -> Result<(), Diagnostic> {
    let (mut blocks, changed) = crate::markdown::highlight::cached();
    if blocks.is_empty() {
        return Ok(());
    }
    let previous = output.join(HIGHLIGHT_FILE);
    if !changed && previous.is_file() {
        return staging.keep_previous(&previous, HIGHLIGHT_FILE);
    }
    blocks.sort_unstable_by_key(|(key, _)| *key);
    let mut deflater =
        libdeflater::Compressor::new(libdeflater::CompressionLvl::new(1).unwrap_or_default());
    let mut file = HIGHLIGHT_HEADER.as_bytes().to_vec();
    let mut raw = Vec::with_capacity(FRAME + (FRAME >> 2));
    let mut deflated = Vec::new();
    let mut blocks = blocks.iter().peekable();
    while blocks.peek().is_some() {
        raw.clear();
        while raw.len() < FRAME
            && let Some((key, html)) = blocks.next()
        {
            let Ok(size) = u32::try_from(html.len()) else {
                continue;
            };
            raw.extend_from_slice(&key.to_le_bytes());
            raw.extend_from_slice(&size.to_le_bytes());
            raw.extend_from_slice(html.as_bytes());
        }
        deflated.resize(deflater.deflate_compress_bound(raw.len()), 0);
        let Ok(n) = deflater.deflate_compress(&raw, &mut deflated) else {
            return Ok(());
        };
        // A frame: its size raw and deflated, then the deflated bytes.
        file.extend_from_slice(&(raw.len() as u32).to_le_bytes());
        file.extend_from_slice(&(n as u32).to_le_bytes());
        file.extend_from_slice(&deflated[..n]);
    }
    staging.write(HIGHLIGHT_FILE, &file)
}

/// How much raw HTML one deflated frame of the highlighting file holds.
const FRAME: usize = 1 << 20;
