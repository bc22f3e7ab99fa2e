//! Helpers shared by the integration tests: fixture sites in temporary folders,
//! running the real binary, and reading the output.
#![allow(dead_code)]

pub mod corpus;
pub mod stem_vectors;
pub mod support_vectors;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// A site with a minimal helpsite.yaml plus `files` (path, text).
    pub fn new(files: &[(&str, &str)]) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let s = Site { dir };
        if !files.iter().any(|(p, _)| *p == "helpsite.yaml") {
            s.write(
                "helpsite.yaml",
                "title: Fixture\nbase_url: https://example.com/\n",
            );
        }
        for (p, t) in files {
            s.write(p, t);
        }
        s
    }

    /// A copy of the fixture site `tests/fixtures/NAME/` in a temporary
    /// folder (the build writes its output beside the site).
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let from = repo_root().join("tests/fixtures").join(name);
        for entry in walkdir::WalkDir::new(&from).into_iter().flatten() {
            let rel = entry.path().strip_prefix(&from).expect("below the fixture");
            let to = dir.path().join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("mkdir");
            } else {
                std::fs::copy(entry.path(), &to).expect("copy");
            }
        }
        Site { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn read_out(&self, rel: &str) -> String {
        let p = self.out().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
    }

    /// Runs `helpsite build --site DIR` plus `extra` arguments.
    pub fn build(&self, extra: &[&str]) -> Run {
        self.build_on(None, extra)
    }

    /// `build`, on the day `today` (`YYYY-MM-DD`, `HELPSITE_TODAY`) when given,
    /// so that what depends on the date is the same whenever the test runs.
    pub fn build_on(&self, today: Option<&str>, extra: &[&str]) -> Run {
        let mut args = vec!["build", "--site"];
        let dir = self.dir.path().to_str().expect("utf-8 temp path");
        args.push(dir);
        args.extend_from_slice(extra);
        let env: Vec<(&str, &str)> = today.map(|d| ("HELPSITE_TODAY", d)).into_iter().collect();
        helpsite_with_env(&args, &env)
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn assert_fails(&self) -> &Self {
        assert_eq!(
            self.code, 1,
            "expected exit 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts stderr has a line starting with `location` and containing every one of `words`.
    pub fn assert_error(&self, location: &str, words: &[&str]) -> &Self {
        let found = self.stderr.lines().any(|l| {
            l.starts_with(location) && l.contains("error:") && words.iter().all(|w| l.contains(w))
        });
        assert!(
            found,
            "no error line starting with {location:?} containing {words:?} in:\n{}",
            self.stderr
        );
        self
    }

    pub fn assert_hint(&self, words: &str) -> &Self {
        assert!(
            self.stderr
                .lines()
                .any(|l| l.trim_start().starts_with("hint:") && l.contains(words)),
            "no hint containing {words:?} in:\n{}",
            self.stderr
        );
        self
    }
}

pub fn helpsite(args: &[&str]) -> Run {
    helpsite_with_env(args, &[])
}

/// `helpsite` with these environment variables set.
pub fn helpsite_with_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_helpsite"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run helpsite");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file below `dir` with its bytes, for comparing whole trees; but the
/// page keys a build keeps (`.helpsite-pages`), which hold file times.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name() != ".helpsite-pages")
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("prefix").to_path_buf();
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// Every `href="…"` and `src="…"` value in `html`.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

/// The repository root: the bundled example site.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a result list shows: each article's URL, then its sections' (as
/// search_parity.cjs writes them).
pub fn shown(hits: &[helpsite::search::query::Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            let subs: Vec<&str> = h.sections.iter().map(|s| s.url.as_str()).collect();
            format!("{} > {}", h.url, subs.join(" "))
        })
        .collect()
}

/// Where a result list lands: each article's link (to its passage), then its
/// sections', the answer marked (as search_parity.cjs writes them).
pub fn landing(hits: &[helpsite::search::query::Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            let subs: Vec<&str> = h.sections.iter().map(|s| s.link.as_str()).collect();
            let answer = if h.answer { "answer: " } else { "" };
            format!("{answer}{} > {}", h.link, subs.join(" "))
        })
        .collect()
}

/// Runs the browser's engine (search_parity.cjs) over the static index in `out`
/// and asserts it returns `expected` (query → URLs from the Rust ranking).
pub fn browser_agrees(
    dir: &std::path::Path,
    out: &std::path::Path,
    expected: &[serde_json::Value],
) -> String {
    let file = dir.join("expected.json");
    std::fs::write(&file, serde_json::to_string(&expected).expect("json")).expect("write");
    let run = std::process::Command::new("node")
        .arg(repo_root().join("tests/js/search_parity.cjs"))
        .arg(out)
        .arg(&file)
        .output()
        .expect("run node (apt-get install nodejs; scripts/test installs it)");
    let stdout = String::from_utf8_lossy(&run.stdout).to_string();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "parity failed:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("{} passed, 0 failed", expected.len())),
        "{stdout}"
    );
    stdout
}
