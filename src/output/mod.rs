//! Writing the site. Pages go to a staging folder beside the output; only a
//! fully successful build puts them in place, so a failed build leaves the
//! previous output exactly as it was. A rebuild that kept most files updates
//! the previous output where it is (in_place.rs), any other build swaps the
//! staging folder in. Every path written is checked to stay inside the
//! staging folder, and helpsite refuses to replace a folder it did not create.

pub(crate) mod feeds;
pub(crate) mod host_files;
mod in_place;
pub(crate) mod markdown_copy;

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostics::Diagnostic;

/// Written into every output folder; its presence is what allows a later build to
/// replace the folder.
pub const MARKER: &str = ".helpsite-output";

/// Where the rendered site goes: the staging folder of a build, or nowhere at all
/// for `helpsite check`, which renders every page to find errors but writes nothing.
pub trait Sink: Sync {
    /// Writes `bytes` to `rel` (a `/`-separated path below the output root).
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// Copies the file at `from` to `rel`.
    fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic>;
    /// Writes bytes that are shared with a previous build (memory sinks keep
    /// them without copying).
    fn write_shared(&self, rel: &str, bytes: std::sync::Arc<[u8]>) -> Result<(), Diagnostic> {
        self.write(rel, &bytes)
    }
    /// Puts the previous output's file `from`, unchanged, at `rel`. A build
    /// leaves it where it is when that is `rel` in the output it updates,
    /// and otherwise links it where the file system allows, which is cheaper
    /// than a copy.
    fn keep_previous(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        self.copy(from, rel)
    }
}

/// Accepts everything and keeps nothing, but still refuses paths that a real
/// build would refuse, so `check` reports what `build` would.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, rel: &str, _bytes: &[u8]) -> Result<(), Diagnostic> {
        if is_safe_rel(rel) {
            Ok(())
        } else {
            Err(outside(rel))
        }
    }

    fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        self.write(rel, &[])?;
        fs::metadata(from)
            .map(|_| ())
            .map_err(|e| io_error(from, "read", &e))
    }
}

/// Writes below a folder of another sink: a language's pages go below its
/// prefix (`ru/`) of the one output (layout.rs).
pub struct Prefixed<'a> {
    pub inner: &'a dyn Sink,
    /// `ru/`, or `""` to write at the root.
    pub prefix: &'a str,
}

impl Prefixed<'_> {
    fn path(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }
}

impl Sink for Prefixed<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.inner.write(&self.path(rel), bytes)
    }

    fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        self.inner.copy(from, &self.path(rel))
    }

    fn write_shared(&self, rel: &str, bytes: std::sync::Arc<[u8]>) -> Result<(), Diagnostic> {
        self.inner.write_shared(&self.path(rel), bytes)
    }

    fn keep_previous(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        self.inner.keep_previous(from, &self.path(rel))
    }
}

pub(crate) fn outside(rel: &str) -> Diagnostic {
    Diagnostic::error(
        "output",
        format!("refusing to write `{rel}`: it is not a path inside the output folder"),
    )
}

pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    /// The previous output's files this build keeps where they are
    /// (`keep_previous`), as `/`-separated paths.
    kept: Mutex<Vec<String>>,
    /// How many files were written into the staging folder.
    staged: AtomicUsize,
    done: bool,
}

impl Staging {
    /// Prepares a fresh staging folder for `output`, after checking that `output`
    /// is a safe place to write.
    pub fn new(output: &Path, site_dir: &Path) -> Result<Staging, Diagnostic> {
        check_output_location(output, site_dir)?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = output.parent().unwrap_or(Path::new("."));
        if !parent.as_os_str().is_empty() && !parent.is_dir() {
            fs::create_dir_all(parent)
                .map_err(|e| io_error(parent, "create the output's parent folder", &e))?;
        }
        let staging = parent.join(format!(".{name}.helpsite-staging-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging)
                .map_err(|e| io_error(&staging, "clear the staging folder", &e))?;
        }
        fs::create_dir_all(&staging)
            .map_err(|e| io_error(&staging, "create the staging folder", &e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            staging,
            kept: Mutex::new(Vec::new()),
            staged: AtomicUsize::new(0),
            done: false,
        })
    }

    /// The folder the build writes into, until `commit` moves it into place.
    pub fn root(&self) -> &Path {
        &self.staging
    }

    /// Puts the new output in place. When the build kept at least as many of
    /// the previous output's files as it wrote, the previous output is updated
    /// (in_place.rs: the kept files stay, the written ones move in); otherwise
    /// the kept files are linked into the staging folder, the old output is
    /// renamed aside, the new one renamed in, and the old one removed. Either
    /// way a failure leaves the previous output as it was.
    pub fn commit(mut self) -> Result<PathBuf, Diagnostic> {
        self.write(
            MARKER,
            b"This folder is generated by helpsite build and replaced by every build.\n",
        )?;
        let old = self.staging.with_file_name(format!(
            "{}.old",
            self.staging
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        let kept = self
            .kept
            .lock()
            .map(|mut k| std::mem::take(&mut *k))
            .unwrap_or_default();
        if !kept.is_empty() && kept.len() >= self.staged.load(Ordering::Relaxed) {
            match in_place::update(&self.output, &self.staging, &old, &kept) {
                Ok(()) => {
                    self.done = true;
                    return Ok(self.output.clone());
                }
                Err(in_place::NotUpdated::Failed(d)) => return Err(d),
                Err(in_place::NotUpdated::Unsuitable) => {}
            }
        }
        {
            use rayon::prelude::*;
            kept.par_iter()
                .try_for_each(|rel| self.link_previous(rel))?;
        }
        let had_output = self.output.exists();
        if had_output {
            fs::rename(&self.output, &old)
                .map_err(|e| io_error(&self.output, "move the previous output aside", &e))?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.output) {
            if had_output {
                // Put the previous output back so nothing is lost.
                let _ = fs::rename(&old, &self.output);
            }
            return Err(io_error(&self.output, "move the new output into place", &e));
        }
        self.done = true;
        if had_output {
            remove_tree_parallel(&old);
        }
        Ok(self.output.clone())
    }

    /// Puts the previous output's file `rel` into the staging folder: linked
    /// where the file system allows, else copied. A file the build wrote
    /// after keeping it (a search export whose copy failed part-way, then
    /// made anew) stays as written.
    fn link_previous(&self, rel: &str) -> Result<(), Diagnostic> {
        let (Some(from), Some(to)) = (safe_join(&self.output, rel), safe_join(&self.staging, rel))
        else {
            return Err(outside(rel));
        };
        if fs::symlink_metadata(&to).is_ok() {
            return Ok(());
        }
        if put_file(&to, |p| fs::hard_link(&from, p)).is_ok() {
            return Ok(());
        }
        fs::copy(&from, &to)
            .map(|_| ())
            .map_err(|e| io_error(&from, "copy", &e))
    }
}

/// Runs `put` to make the file at `path`, creating its folder only when `put`
/// finds it missing: most files go into a folder that already holds one (a
/// page's markdown copy beside it, the search export's thousands of files in
/// one), and asking for the folder first cost a system call a file. An error
/// comes with the path it is about (the file, or the folder not created).
fn put_file(
    path: &Path,
    put: impl Fn(&Path) -> std::io::Result<()>,
) -> Result<(), (PathBuf, std::io::Error)> {
    match put(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
            }
            put(path).map_err(|e| (path.to_path_buf(), e))
        }
        other => other.map_err(|e| (path.to_path_buf(), e)),
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = safe_join(&self.staging, rel).ok_or_else(|| outside(rel))?;
        self.staged.fetch_add(1, Ordering::Relaxed);
        put_file(&path, |p| fs::write(p, bytes)).map_err(|(at, e)| io_error(&at, "write", &e))
    }

    fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        let path = safe_join(&self.staging, rel).ok_or_else(|| outside(rel))?;
        self.staged.fetch_add(1, Ordering::Relaxed);
        put_file(&path, |p| fs::copy(from, p).map(|_| ()))
            .map_err(|(_, e)| io_error(from, "copy", &e))
    }

    /// The previous output's own file at `rel` is left where it is, to stay
    /// or be linked at `commit`; any other is linked (or copied) now.
    fn keep_previous(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        if safe_join(&self.output, rel).is_some_and(|own| own == from)
            && let Ok(mut kept) = self.kept.lock()
        {
            kept.push(rel.to_string());
            return Ok(());
        }
        let path = safe_join(&self.staging, rel).ok_or_else(|| outside(rel))?;
        self.staged.fetch_add(1, Ordering::Relaxed);
        // Linked where the file system allows, else copied.
        if put_file(&path, |p| fs::hard_link(from, p)).is_ok() {
            return Ok(());
        }
        fs::copy(from, &path)
            .map(|_| ())
            .map_err(|e| io_error(from, "copy", &e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Deletes a whole output tree, its top-level entries in parallel: with tens of
/// thousands of pages, unlinking one by one is a visible part of the build.
fn remove_tree_parallel(dir: &Path) {
    use rayon::prelude::*;
    if let Ok(entries) = fs::read_dir(dir) {
        let paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.par_iter().for_each(|p| {
            let _ = if p.is_dir() && !p.is_symlink() {
                fs::remove_dir_all(p)
            } else {
                fs::remove_file(p)
            };
        });
    }
    let _ = fs::remove_dir_all(dir);
}

fn io_error(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("io", format!("cannot {what}: {e}"))
        .at(path)
        .hint("check the folder's permissions and free disk space")
}

/// Whether `rel` names a place inside the output: every component a plain name
/// (no root, `..`, `.` at the start, drive prefix), no backslash, no NUL.
/// Checked for every file of every build and rebuild, so it allocates nothing.
pub fn is_safe_rel(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.contains(['\\', '\0'])
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// `root/rel` if `rel` is safe (`is_safe_rel`), else `None`.
pub fn safe_join(root: &Path, rel: &str) -> Option<PathBuf> {
    if !is_safe_rel(rel) {
        return None;
    }
    let mut out = root.to_path_buf();
    out.extend(Path::new(rel).components());
    Some(out)
}

/// Refuses outputs that would destroy the writer's work: the site folder itself, a
/// folder that contains it, one of its source folders, or a non-empty folder that an
/// earlier helpsite build did not create.
fn check_output_location(output: &Path, site_dir: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Canonicalise what exists so symlinks and `..` cannot disguise the site folder.
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.file_name(), existing.parent()) {
                (Some(name), Some(parent)) => {
                    rest.push(name.to_os_string());
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut canon = existing.canonicalize().unwrap_or(existing);
        for part in rest.into_iter().rev() {
            canon.push(part);
        }
        canon
    };
    let out = abs(output);
    let site = abs(site_dir);
    let refuse = |why: &str| {
        Err(Diagnostic::error(
            "output",
            format!(
                "refusing to use {} as the output folder: {why}",
                output.display()
            ),
        )
        .hint("choose a separate folder with --output, for example public/"))
    };
    if site.starts_with(&out) {
        return refuse("it contains the site itself");
    }
    for source in ["content", "templates", "static", "themes"] {
        if out.starts_with(site.join(source)) {
            return refuse(&format!("it is inside the site's {source}/ folder"));
        }
    }
    if out.is_file() {
        return refuse("it is a file");
    }
    if out.is_dir() && !out.join(MARKER).exists() {
        let non_empty = fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true);
        if non_empty {
            return refuse(
                "it is a non-empty folder that helpsite did not create (it has no .helpsite-output file)",
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_join_refuses_escapes() {
        let root = Path::new("/out");
        assert_eq!(
            safe_join(root, "a/b.html"),
            Some(PathBuf::from("/out/a/b.html"))
        );
        assert_eq!(safe_join(root, "../x"), None);
        assert_eq!(safe_join(root, "/etc/passwd"), None);
        assert_eq!(safe_join(root, "a\\..\\b"), None);
        assert_eq!(safe_join(root, ""), None);
    }

    #[test]
    fn safe_relative_paths_stay_inside() {
        for rel in [
            "index.html",
            "a/b/index.html",
            "tags/x/index.html",
            "",
            "/etc/passwd",
            "../up",
            "a/../../up",
            "a\\..\\b",
            "a/./b",
            "nul\0byte",
            "..",
        ] {
            let joined = safe_join(Path::new("/out"), rel);
            // Whatever the check accepts, joining keeps inside /out.
            if is_safe_rel(rel) {
                assert!(joined.is_some_and(|p| p.starts_with("/out")), "{rel}");
            }
        }
        assert!(is_safe_rel("a/b/index.html"));
        assert!(!is_safe_rel("a/../../up"));
        assert!(!is_safe_rel("/etc/passwd"));
        assert!(!is_safe_rel("a\\b"));
    }
}
