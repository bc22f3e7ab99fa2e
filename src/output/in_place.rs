//! Putting a rebuild in place by updating the previous output rather than
//! replacing it. A rebuild that keeps most of the previous output's files
//! (output/mod.rs `Staging`) would otherwise link each into the staging
//! folder and then unlink each from the old output: on a site where nothing
//! changed that was most of the build (10,000 articles: 22,000 links and as
//! many unlinks, half of 0.65 s). Here the kept files stay where they are;
//! only what this build wrote is moved in, and what it no longer makes is
//! moved out.
//!
//! It is still all or nothing: everything is checked before the first change,
//! every change is a rename recorded in a journal, and a failure part-way
//! undoes the journal, so the previous output is as it was. What is moved out
//! goes to a trash folder beside the output (on the same file system, so a
//! rename), removed once the update is done.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::safe_join;
use crate::diagnostics::Diagnostic;

/// Why the output was not updated.
pub(super) enum NotUpdated {
    /// Something in the output does not fit an update (a kept file gone or
    /// not a plain file, a link where a folder must be): nothing was changed,
    /// and the caller replaces the output instead.
    Unsuitable,
    /// A change failed; the journal was undone (the error says whether that
    /// fully succeeded).
    Failed(Diagnostic),
}

/// One change made to the file system, undone in reverse order.
enum Step {
    /// `from` was renamed to `to`.
    Moved { from: PathBuf, to: PathBuf },
    /// The folder was created.
    Created(PathBuf),
}

/// Updates `output` to hold exactly the files `kept` (already there,
/// `/`-separated paths) and those in `staging`, moving whatever else it has
/// into `trash`. On success the staging and trash folders are gone.
pub(super) fn update(
    output: &Path,
    staging: &Path,
    trash: &Path,
    kept: &[String],
) -> Result<(), NotUpdated> {
    let staged =
        staged_files(staging).map_err(|e| failed(staging, "read the staging folder", &e))?;
    // Every folder with a file of the new output below it.
    let mut live_dirs: HashSet<&str> = HashSet::new();
    for rel in kept.iter().chain(&staged) {
        let mut at = rel.len();
        while let Some(slash) = rel[..at].rfind('/') {
            if !live_dirs.insert(&rel[..slash]) {
                break;
            }
            at = slash;
        }
    }
    // A file both kept and written again (a search export whose copy failed
    // part-way) is replaced, like any written file.
    let written: HashSet<&str> = staged.iter().map(String::as_str).collect();
    let kept: HashSet<&str> = kept
        .iter()
        .map(String::as_str)
        .filter(|rel| !written.contains(rel))
        .collect();
    let stale = stale_entries(output, &live_dirs, &kept)?;

    // Named after this process (`Staging`): one left by a crashed build of
    // the same number is ours to clear.
    let _ = fs::remove_dir_all(trash);
    fs::create_dir_all(trash).map_err(|e| failed(trash, "create the trash folder", &e))?;
    let mut journal = Vec::new();
    let applied = apply(output, staging, trash, &stale, &staged, &mut journal);
    if let Err((path, what, e)) = applied {
        let d = if undo(journal) {
            let _ = fs::remove_dir_all(trash);
            super::io_error(&path, &format!("{what} (the update was undone)"), &e)
        } else {
            // What could not be put back stays in the trash, named in the
            // message: nothing is deleted that is not somewhere else too.
            super::io_error(&path, what, &e).hint(format!(
                "the previous output could not be fully restored (its files left over are in {}): \
                 check the folder's permissions, then run `helpsite build --fresh`",
                trash.display()
            ))
        };
        return Err(NotUpdated::Failed(d));
    }
    super::remove_tree_parallel(trash);
    // Only the folders the staged files were in remain.
    let _ = fs::remove_dir_all(staging);
    Ok(())
}

/// The files below `staging`, as `/`-separated paths.
fn staged_files(staging: &Path) -> std::io::Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(staging).min_depth(1) {
        let entry = entry?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(staging).unwrap_or(entry.path());
        // Staged paths were made from `/`-separated UTF-8 paths (`safe_join`).
        let parts: Vec<&str> = rel
            .components()
            .filter_map(|c| c.as_os_str().to_str())
            .collect();
        files.push(parts.join("/"));
    }
    Ok(files)
}

/// What in `output` this build does not make, or makes anew: files that
/// are not kept and folders with nothing live below them. Found before
/// anything changes, so that an output that does not fit an update is left
/// untouched.
fn stale_entries(
    output: &Path,
    live_dirs: &HashSet<&str>,
    kept: &HashSet<&str>,
) -> Result<Vec<PathBuf>, NotUpdated> {
    let (stale, found_kept) = stale_below(output, "", live_dirs, kept)?;
    if found_kept != kept.len() {
        return Err(NotUpdated::Unsuitable);
    }
    Ok(stale)
}

/// The stale entries below `dir` (whose path in the output is `prefix`),
/// and how many kept files are there. Folders are read in parallel: a site
/// has a folder per page, and reading them one by one cost as much as the
/// unlinking this saves.
fn stale_below(
    dir: &Path,
    prefix: &str,
    live_dirs: &HashSet<&str>,
    kept: &HashSet<&str>,
) -> Result<(Vec<PathBuf>, usize), NotUpdated> {
    use rayon::prelude::*;
    let mut stale = Vec::new();
    let mut found_kept = 0;
    let mut folders = Vec::new();
    for entry in fs::read_dir(dir).map_err(|_| NotUpdated::Unsuitable)? {
        let entry = entry.map_err(|_| NotUpdated::Unsuitable)?;
        let kind = entry.file_type().map_err(|_| NotUpdated::Unsuitable)?;
        // A name that is not UTF-8 was not written by a build.
        let Some(name) = entry.file_name().to_str().map(|n| format!("{prefix}{n}")) else {
            stale.push(entry.path());
            continue;
        };
        if kind.is_dir() && live_dirs.contains(name.as_str()) {
            folders.push((entry.path(), name + "/"));
        } else if kept.contains(name.as_str()) {
            if !kind.is_file() {
                return Err(NotUpdated::Unsuitable);
            }
            found_kept += 1;
        } else if kind.is_symlink() && live_dirs.contains(name.as_str()) {
            // A link where a folder goes: kept files may have been checked
            // through it.
            return Err(NotUpdated::Unsuitable);
        } else {
            // Not made by this build, or made anew (staged).
            stale.push(entry.path());
        }
    }
    let below = folders
        .par_iter()
        .map(|(path, prefix)| stale_below(path, prefix, live_dirs, kept))
        .collect::<Result<Vec<_>, _>>()?;
    for (more, n) in below {
        stale.extend(more);
        found_kept += n;
    }
    Ok((stale, found_kept))
}

/// Moves the stale entries into `trash` and the staged files into place,
/// recording each change in `journal`. On error: the path, what was being
/// done, and the error.
fn apply(
    output: &Path,
    staging: &Path,
    trash: &Path,
    stale: &[PathBuf],
    staged: &[String],
    journal: &mut Vec<Step>,
) -> Result<(), (PathBuf, &'static str, std::io::Error)> {
    for (i, from) in stale.iter().enumerate() {
        // Numbered, so that no two names meet in the trash.
        let to = trash.join(i.to_string());
        fs::rename(from, &to).map_err(|e| (from.clone(), "move an old file aside", e))?;
        journal.push(Step::Moved {
            from: from.clone(),
            to,
        });
    }
    for rel in staged {
        let (Some(from), Some(to)) = (safe_join(staging, rel), safe_join(output, rel)) else {
            continue;
        };
        if let Some(dir) = to.parent() {
            create_folders(output, dir, journal)
                .map_err(|(at, e)| (at, "create a folder in the output", e))?;
        }
        fs::rename(&from, &to).map_err(|e| (to.clone(), "move a new file into place", e))?;
        journal.push(Step::Moved { from, to });
    }
    Ok(())
}

/// Creates `dir` and the folders above it up to `root`, recording each one
/// created.
fn create_folders(
    root: &Path,
    dir: &Path,
    journal: &mut Vec<Step>,
) -> Result<(), (PathBuf, std::io::Error)> {
    if dir == root || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_folders(root, parent, journal)?;
    }
    fs::create_dir(dir).map_err(|e| (dir.to_path_buf(), e))?;
    journal.push(Step::Created(dir.to_path_buf()));
    Ok(())
}

/// Undoes the journal, last change first; tells whether every step was
/// undone.
fn undo(journal: Vec<Step>) -> bool {
    let mut whole = true;
    for step in journal.into_iter().rev() {
        whole &= match step {
            Step::Moved { from, to } => fs::rename(&to, &from).is_ok(),
            Step::Created(dir) => fs::remove_dir(&dir).is_ok(),
        };
    }
    whole
}

fn failed(path: &Path, what: &str, e: &std::io::Error) -> NotUpdated {
    NotUpdated::Failed(super::io_error(path, what, e))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use super::{apply, undo};
    use crate::output::{Sink, Staging};

    /// Every file below `dir` with its bytes, and every folder (as `None`).
    fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
        walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .flatten()
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .expect("below")
                    .to_string_lossy()
                    .into_owned();
                let bytes = e
                    .file_type()
                    .is_file()
                    .then(|| std::fs::read(e.path()).expect("read"));
                (rel, bytes)
            })
            .collect()
    }

    #[cfg(unix)]
    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path).expect("exists").ino()
    }

    /// A temporary folder with a site folder and, built from nothing into
    /// `public` beside it, `files`.
    fn first_build(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().expect("tmp");
        let (site, out) = (dir.path().join("site"), dir.path().join("public"));
        std::fs::create_dir_all(&site).expect("site");
        let staging = Staging::new(&out, &site).expect("staging");
        for (rel, text) in files {
            staging.write(rel, text.as_bytes()).expect("write");
        }
        staging.commit().expect("commit");
        (dir, site, out)
    }

    fn keep(staging: &Staging, out: &Path, rel: &str) {
        staging.keep_previous(&out.join(rel), rel).expect("keep");
    }

    #[test]
    fn a_rebuild_keeping_most_files_updates_the_output_where_it_is() {
        let (dir, site, out) = first_build(&[
            ("a.html", "a"),
            ("b/index.html", "b"),
            ("c/index.html", "c"),
            ("d/deep/x.html", "x"),
            ("file-then-folder", "f"),
            ("folder-then-file/index.html", "g"),
            ("k/1.html", "1"),
            ("k/2.html", "2"),
            ("k/3.html", "3"),
        ]);
        // Left in the output by hand: a fresh build would not have them.
        std::fs::write(out.join("b/stray.txt"), "stray").expect("stray");
        std::fs::create_dir_all(out.join("junk/deeper")).expect("junk");
        #[cfg(unix)]
        let (root, a) = (inode(&out), inode(&out.join("a.html")));

        let staging = Staging::new(&out, &site).expect("staging");
        // Five kept, four written (with the marker): updated in place.
        for rel in ["a.html", "b/index.html", "k/1.html", "k/2.html", "k/3.html"] {
            keep(&staging, &out, rel);
        }
        staging.write("c/index.html", b"c2").expect("write");
        staging
            .write("file-then-folder/index.html", b"f2")
            .expect("write");
        staging.write("folder-then-file", b"g2").expect("write");
        staging.commit().expect("commit");

        let marker = std::fs::read_to_string(out.join(".helpsite-output")).expect("marker");
        let files: Vec<(String, Option<String>)> = tree(&out)
            .into_iter()
            .map(|(k, v)| (k, v.map(|b| String::from_utf8(b).expect("utf-8"))))
            .collect();
        let want = |pairs: &[(&str, Option<&str>)]| -> Vec<(String, Option<String>)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
                .collect()
        };
        assert_eq!(
            files,
            want(&[
                (".helpsite-output", Some(marker.as_str())),
                ("a.html", Some("a")),
                ("b", None),
                ("b/index.html", Some("b")),
                ("c", None),
                ("c/index.html", Some("c2")),
                ("file-then-folder", None),
                ("file-then-folder/index.html", Some("f2")),
                ("folder-then-file", Some("g2")),
                ("k", None),
                ("k/1.html", Some("1")),
                ("k/2.html", Some("2")),
                ("k/3.html", Some("3")),
            ])
        );
        #[cfg(unix)]
        {
            assert_eq!(inode(&out), root, "updated where it is, not replaced");
            assert_eq!(inode(&out.join("a.html")), a, "a kept file is untouched");
        }
        // No staging or trash folder is left beside the output.
        let beside: Vec<_> = std::fs::read_dir(dir.path())
            .expect("read")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(beside.len(), 2, "{beside:?}");
    }

    /// A file kept and then written again by the same build (a search
    /// export whose copy failed part-way, made anew) is the new one, whether
    /// the output is updated or replaced.
    #[test]
    fn a_file_kept_then_written_again_is_the_new_one() {
        for (others, updated) in [(6, true), (0, false)] {
            let files: Vec<(String, &str)> = (0..others)
                .map(|i| (format!("k/{i}.html"), "k"))
                .chain([("manifest.json".to_string(), "old")])
                .collect();
            let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
            let (_dir, site, out) = first_build(&refs);
            #[cfg(unix)]
            let root = inode(&out);
            let staging = Staging::new(&out, &site).expect("staging");
            for (rel, _) in &files {
                keep(&staging, &out, rel);
            }
            staging.write("manifest.json", b"new").expect("write");
            staging.write("chunk-2.bin", b"2").expect("write");
            staging.commit().expect("commit");
            assert_eq!(
                std::fs::read_to_string(out.join("manifest.json")).expect("read"),
                "new",
                "updated in place: {updated}"
            );
            #[cfg(unix)]
            assert_eq!(inode(&out) == root, updated);
            assert_eq!(tree(&out).len(), others + 2 + 1 + usize::from(others > 0));
        }
    }

    #[test]
    fn a_change_that_fails_part_way_is_undone() {
        let dir = tempfile::tempdir().expect("tmp");
        let (out, staging, trash) = (
            dir.path().join("public"),
            dir.path().join("staging"),
            dir.path().join("trash"),
        );
        for (rel, text) in [("a.html", "a"), ("old/index.html", "old"), ("n.html", "n")] {
            let path = out.join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        for (rel, text) in [("n.html", "new n"), ("new/deep/page.html", "new")] {
            let path = staging.join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        std::fs::create_dir_all(&trash).expect("trash");
        let before = tree(&out);
        // The old page and the replaced file move out, two new files move in
        // (creating two folders), then a staged file that is not there fails.
        let stale = [out.join("old"), out.join("n.html")];
        let staged = [
            "n.html".to_string(),
            "new/deep/page.html".to_string(),
            "vanished.html".to_string(),
        ];
        let mut journal = Vec::new();
        let failed = apply(&out, &staging, &trash, &stale, &staged, &mut journal);
        let (path, _, _) = failed.expect_err("the last move fails");
        assert_eq!(path, out.join("vanished.html"));
        assert_eq!(journal.len(), 6, "two moved out, two folders, two moved in");
        assert!(undo(journal), "every step undone");
        assert_eq!(tree(&out), before, "the output is as it was");
        assert_eq!(
            std::fs::read_to_string(staging.join("new/deep/page.html")).expect("back"),
            "new"
        );
        assert!(tree(&trash).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn an_output_that_does_not_fit_an_update_is_replaced_instead() {
        let (dir, site, out) = first_build(&[("a.html", "a"), ("b.html", "b"), ("c.html", "c")]);
        // A folder the next build keeps a file in, turned into a link to a
        // folder elsewhere by hand.
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).expect("elsewhere");
        std::fs::write(elsewhere.join("index.html"), "linked").expect("write");
        std::os::unix::fs::symlink(&elsewhere, out.join("l")).expect("symlink");
        let root = inode(&out);

        let staging = Staging::new(&out, &site).expect("staging");
        for rel in ["a.html", "b.html", "c.html", "l/index.html"] {
            keep(&staging, &out, rel);
        }
        staging.commit().expect("commit");
        assert_ne!(inode(&out), root, "replaced, not updated");
        assert!(
            std::fs::symlink_metadata(out.join("l"))
                .expect("l")
                .is_dir(),
            "a real folder where the link was"
        );
        assert_eq!(tree(&out).len(), 6, "{:?}", tree(&out));
        // What the link pointed to is untouched.
        assert_eq!(
            std::fs::read_to_string(elsewhere.join("index.html")).expect("read"),
            "linked"
        );
    }
}
