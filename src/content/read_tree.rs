//! Reading `content/`: walk the tree (following symlinks, but never round a loop),
//! read and parse every file in parallel, and hand the parsed files to `resolve`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::front_matter::{self, ArticleMeta, SectionMeta};
use super::{Content, resolve};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::Layout;
use crate::slug::PathStyle;

/// A markdown file after reading and front matter parsing.
#[derive(Clone)]
pub(super) enum Parsed {
    Article(ParsedArticle),
    Section(Box<ParsedSection>),
}

#[derive(Clone)]
pub(super) struct ParsedArticle {
    pub source: String,
    pub revision: u64,
    /// Shared with the parse cache, as are `body` and `derived`: a rebuild that
    /// reuses the file copies none of them.
    pub meta: std::sync::Arc<ArticleMeta>,
    pub updated: Option<jiff::civil::Date>,
    pub reviewed: Option<jiff::civil::Date>,
    /// Shared, so a rebuild reusing the file does not copy it.
    pub body: std::sync::Arc<str>,
    pub body_line: usize,
    /// Slug, tags, aliases and the like, worked out once per reading.
    pub derived: std::sync::Arc<resolve::ArticleDerived>,
}

#[derive(Clone)]
pub(super) struct ParsedSection {
    pub source: String,
    pub revision: u64,
    pub dir: String,
    pub meta: SectionMeta,
    pub body: std::sync::Arc<str>,
    pub body_line: usize,
    pub yaml: String,
    pub yaml_line: usize,
}

/// When a file was read: a file whose size, modification time and inode are
/// unchanged is not read again (serve also forgets the paths the watcher names).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            len: m.len(),
            modified: m.modified().ok(),
            inode,
        })
    }
}

/// Parsed files of the previous build, so a rebuild reads only what changed.
#[derive(Default)]
pub(crate) struct ParseCache {
    files: HashMap<PathBuf, (Stamp, Result<Parsed, Diagnostic>), foldhash::fast::FixedState>,
    /// Set when a file watcher reports every change through `forget` (serve):
    /// a file it did not name is then reused without asking the file system
    /// for its stamp, which at 10,000 articles is most of a rebuild's reading.
    trust_forget: bool,
    /// With `trust_forget`: the last walk of `content/` (the folder and what it
    /// held), reused until `forget` names a path that may change the list.
    walked: Option<(PathBuf, Arc<Walked>)>,
}

impl ParseCache {
    /// A cache whose owner calls `forget` for every file that changes.
    pub(crate) fn watched() -> Self {
        ParseCache {
            trust_forget: true,
            ..ParseCache::default()
        }
    }

    /// Forgets these paths (files or folders), so they are read again.
    pub(crate) fn forget<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        // Watchers name a file once per event, and a save makes several.
        let paths: std::collections::BTreeSet<&Path> = paths.into_iter().collect();
        for p in paths {
            // A known file is one lookup; anything else may be a folder whose
            // files were moved or deleted along with it.
            let known = self.files.remove(p).is_some();
            let listed = known || self.walked.as_ref().is_some_and(|(_, w)| w.lists_asset(p));
            let is_file = p.is_file();
            if !known && !is_file {
                self.files.retain(|k, _| !k.starts_with(p));
            }
            // An edit to a listed file leaves the list as it was; anything else
            // inside content/ (a new, deleted or renamed file or folder) does not.
            let inside = self
                .walked
                .as_ref()
                .is_some_and(|(dir, _)| p.starts_with(dir));
            if inside && !(listed && is_file) {
                self.walked = None;
            }
        }
    }

    /// The file as parsed before, if it is still current.
    fn reuse(&self, disk: &Path) -> Option<(Stamp, Result<Parsed, Diagnostic>)> {
        let (known, parsed) = self.files.get(disk)?;
        if self.trust_forget || Stamp::of(disk) == Some(*known) {
            Some((*known, parsed.clone()))
        } else {
            None
        }
    }
}

/// Loads and resolves `site_dir/content` as `layout` sees it, reusing the
/// files of `cache` that did not change and refilling it. Errors are
/// collected, never thrown early: the caller decides whether the content is
/// usable.
pub(crate) fn load_cached(
    site_dir: &Path,
    include_drafts: bool,
    paths: PathStyle,
    // Which files are this language's (`faq.ru.md`; see layout.rs).
    layout: &Layout,
    mut cache: Option<&mut ParseCache>,
) -> (Content, Diagnostics) {
    let content_dir = site_dir.join("content");
    let mut diags = Diagnostics::new();
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::error("missing-content", "the site has no content/ folder")
                .at(site_dir.join("content"))
                .hint(
                    "create content/ and put your markdown articles in it (or run `helpsite init`)",
                ),
        );
        return (Content::default(), diags);
    }

    let walked = match cache.as_deref_mut() {
        Some(cache) if cache.trust_forget => match &cache.walked {
            Some((dir, w)) if *dir == content_dir => w.clone(),
            _ => {
                let w = Arc::new(walk(&content_dir));
                cache.walked = Some((content_dir.clone(), w.clone()));
                w
            }
        },
        _ => Arc::new(walk(&content_dir)),
    };
    let selected: Vec<(PathBuf, String)>;
    let markdown = if layout.translated.is_empty() {
        &walked.markdown
    } else {
        let every: Vec<&str> = walked.markdown.iter().map(|(_, r)| r.as_str()).collect();
        selected = walked
            .markdown
            .iter()
            .zip(layout.select(&every))
            .filter(|(_, keep)| *keep)
            .map(|(file, _)| file.clone())
            .collect();
        &selected
    };
    diags.extend(walked.diagnostics.iter().cloned());

    let results: Vec<Result<Parsed, Diagnostic>> = match cache {
        None => markdown
            .par_iter()
            .map(|(disk, rel)| read_markdown(disk, rel, site_dir, layout))
            .collect(),
        Some(cache) => {
            // Reused files keep their entries; read ones replace theirs.
            let read: Vec<(bool, Option<Stamp>, Result<Parsed, Diagnostic>)> = markdown
                .par_iter()
                .map(|(disk, rel)| match cache.reuse(disk) {
                    Some((stamp, parsed)) => (true, Some(stamp), parsed),
                    None => {
                        let stamp = Stamp::of(disk);
                        (false, stamp, read_markdown(disk, rel, site_dir, layout))
                    }
                })
                .collect();
            let mut out = Vec::with_capacity(read.len());
            for ((reused, stamp, parsed), (disk, _)) in read.into_iter().zip(markdown) {
                match stamp {
                    Some(stamp) if !reused => {
                        // Cloning a parsed file copies its path only (the rest is shared).
                        cache.files.insert(disk.clone(), (stamp, parsed.clone()));
                    }
                    Some(_) => {}
                    None => {
                        cache.files.remove(disk);
                    }
                }
                out.push(parsed);
            }
            // Files that are gone are dropped, so the cache never outgrows the site.
            if cache.files.len() > markdown.len() {
                let walked: std::collections::HashSet<&Path, foldhash::fast::FixedState> =
                    markdown.iter().map(|(d, _)| d.as_path()).collect();
                cache.files.retain(|k, _| walked.contains(k.as_path()));
            }
            out
        }
    };
    let mut parsed = Vec::with_capacity(results.len());
    let mut unreadable = std::collections::HashSet::new();
    for (r, (_, rel)) in results.into_iter().zip(markdown) {
        match r {
            Ok(p) => parsed.push(p),
            Err(d) => {
                unreadable.insert(rel.clone());
                diags.push(d);
            }
        }
    }
    let (mut content, resolve_diags) =
        resolve::resolve(parsed, walked.assets.clone(), include_drafts, paths, layout);
    content.unreadable = unreadable;
    diags.extend(resolve_diags);
    (content, diags)
}

/// Files below `content/`: markdown and assets as (disk path, content-relative
/// path), and what could not be walked.
struct Walked {
    markdown: Vec<(PathBuf, String)>,
    assets: Vec<(PathBuf, String)>,
    diagnostics: Vec<Diagnostic>,
}

impl Walked {
    fn lists_asset(&self, disk: &Path) -> bool {
        self.assets.iter().any(|(d, _)| d == disk)
    }
}

fn walk(content_dir: &Path) -> Walked {
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let mut diags = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_default();
                let msg = if err.loop_ancestor().is_some() {
                    "symbolic link loop: this folder links back to one of its parents; skipped"
                        .to_string()
                } else {
                    format!("cannot read: {err}")
                };
                diags.push(
                    Diagnostic::warning("walk", msg)
                        .at(path)
                        .hint("remove the link or point it elsewhere"),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(content_dir) else {
            continue;
        };
        let Some(rel_str) = rel.to_str() else {
            diags.push(
                Diagnostic::error("file-name", "the file name is not valid UTF-8")
                    .at(entry.path())
                    .hint("rename the file using UTF-8 characters"),
            );
            continue;
        };
        let rel_str = rel_str.replace('\\', "/");
        if rel_str.ends_with(".md") {
            markdown.push((entry.path().to_path_buf(), rel_str));
        } else {
            assets.push((entry.path().to_path_buf(), rel_str));
        }
    }
    Walked {
        markdown,
        assets,
        diagnostics: diags,
    }
}

/// Hidden files and editors' temporary files are never content.
pub(crate) fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
}

/// Reads a markdown file as UTF-8 text without BOM and with `\n` line endings.
pub(crate) fn read_text(disk: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(disk)
        .map_err(|e| Diagnostic::error("io", format!("cannot read the file: {e}")).at(shown))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(Diagnostic::error("encoding", "the file is not valid UTF-8 text")
                .at(shown)
                .line(line)
                .hint("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

fn read_markdown(
    disk: &Path,
    rel: &str,
    site_dir: &Path,
    layout: &Layout,
) -> Result<Parsed, Diagnostic> {
    let shown = disk.strip_prefix(site_dir).unwrap_or(disk).to_path_buf();
    let text = read_text(disk, &shown)?;
    // Stable across processes, so that keys made from it can be kept in the
    // output between builds.
    let revision = crate::hashing::hash_of(&(rel, &text));
    let split = front_matter::split(&text, &shown)?;
    let yaml = split.yaml.unwrap_or("").to_string();
    // A translation (`_index.ru.md`) is the section file of its folder.
    let name = layout.source_name(rel);
    let is_index = name == "_index.md" || name.ends_with("/_index.md");
    if is_index {
        let meta = front_matter::parse_section(&split, &shown)?;
        let dir = name
            .strip_suffix("_index.md")
            .unwrap_or("")
            .trim_end_matches('/')
            .to_string();
        return Ok(Parsed::Section(Box::new(ParsedSection {
            source: rel.to_string(),
            revision,
            dir,
            meta,
            body: split.body.into(),
            body_line: split.body_line,
            yaml,
            yaml_line: split.yaml_line,
        })));
    }
    let meta = front_matter::parse_article(&split, &shown)?;
    let date = |value: &Option<String>, key: &str| {
        value
            .as_deref()
            .map(|v| front_matter::parse_date(v, key, &yaml, split.yaml_line, &shown))
            .transpose()
    };
    let updated = date(&meta.updated, "updated")?;
    let reviewed = date(&meta.reviewed, "reviewed")?;
    let derived = resolve::derive_article(rel, &meta, &yaml, split.yaml_line).into();
    Ok(Parsed::Article(ParsedArticle {
        derived,
        source: rel.to_string(),
        revision,
        updated,
        reviewed,
        body: split.body.into(),
        body_line: split.body_line,
        meta: std::sync::Arc::new(meta),
    }))
}
