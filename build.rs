//! Gives the binary a fingerprint of its search code (`HELPSITE_SEARCH_CODE`):
//! `helpsite build` reuses the previous output's search export only when it
//! was written by the same indexing and export code (src/search/reuse.rs), so a
//! change to scoring or to the export format never ships a stale index. And a
//! fingerprint of the whole program (`HELPSITE_CODE`) for the page keys a
//! build keeps in its output. And the version `helpsite --version` prints,
//! with the commit it was built from when built from a git checkout.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// A hash of the files below `dir` and of Cargo.lock (a new dependency is
/// new code too): their paths and bytes.
fn fingerprint(dir: &Path) -> String {
    let mut all = Vec::new();
    files(dir, &mut all);
    all.push(PathBuf::from("Cargo.lock"));
    all.sort();
    let mut h = std::hash::DefaultHasher::new();
    for p in &all {
        p.to_string_lossy().replace('\\', "/").hash(&mut h);
        std::fs::read(p).unwrap_or_default().hash(&mut h);
    }
    format!("{:016x}", h.finish())
}

/// `0.1.0 (3295dfe2a1b0)`, or `0.1.0` outside a git checkout.
fn version() -> String {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|c| !c.is_empty());
    match commit {
        Some(c) => format!("{version} ({c})"),
        None => version,
    }
}

/// Asks cargo to run this script again when a commit is made, so that the
/// version names it: `.git/HEAD` and the branch file it points to, where
/// they exist (a missing file would run it on every build).
fn watch_commits() {
    let head = Path::new(".git/HEAD");
    if !head.is_file() {
        return;
    }
    println!("cargo:rerun-if-changed=.git/HEAD");
    if let Some(branch) = std::fs::read_to_string(head)
        .ok()
        .and_then(|h| h.strip_prefix("ref: ").map(|r| r.trim().to_string()))
    {
        let file = Path::new(".git").join(branch);
        if file.is_file() {
            println!("cargo:rerun-if-changed={}", file.display());
        }
    }
}

fn main() {
    watch_commits();
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rustc-env=HELPSITE_VERSION={}", version());
    // include_dir! embeds the default theme but cannot tell cargo (on stable)
    // that a file was added to it: running this script again rebuilds the crate.
    println!("cargo:rerun-if-changed=themes/default");
    // The scores are tantivy's: a new tantivy (or any dependency) is new code too.
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!(
        "cargo:rustc-env=HELPSITE_SEARCH_CODE={}",
        fingerprint(Path::new("src/search"))
    );
    // Page keys kept in an output for the next build (pipeline/previous.rs)
    // hold only for the code that made them.
    println!(
        "cargo:rustc-env=HELPSITE_CODE={}",
        fingerprint(Path::new("src"))
    );
}
