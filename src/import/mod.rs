//! `helpsite import FORMAT SRC DEST`: turns an existing documentation site
//! (Hugo, Jekyll, MkDocs, Docusaurus) or a Zendesk Guide help center into a helpsite site in a new folder.
//!
//! Each format's reader (one module each) finds the pages, works out where
//! each one goes below `content/` so that it keeps its old URL, maps its front
//! matter and converts what has an equivalent (links resolved by the
//! generator, notes and admonitions, includes); what has none is left as
//! written and reported with file:line. This module holds what they share:
//! the imported site, the report, and writing DEST — staged beside it and
//! moved into place whole, never inside SRC, never over a non-empty folder.

pub(crate) mod docusaurus;
pub(crate) mod front;
pub(crate) mod hugo;
pub(crate) mod jekyll;
pub(crate) mod mkdocs;
pub(crate) mod text;
pub(crate) mod zendesk;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// The formats `helpsite import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Hugo,
    Jekyll,
    MkDocs,
    Docusaurus,
    Zendesk,
}

/// One page of the new site.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// Where it came from, relative to SRC (`content/a.md`), for the report.
    pub source: String,
    /// Where it goes, relative to `content/` (`a/b.md`, `a/_index.md`).
    pub dest: String,
    /// helpsite front matter.
    pub front: serde_yaml::Mapping,
    pub body: String,
}

/// A file copied as it is (an image, a download).
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    pub from: PathBuf,
    /// Relative to `content/`.
    pub dest: String,
}

/// What an import did, for the person running it.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub pages: usize,
    pub sections: usize,
    pub assets: usize,
    /// What was converted → how many times.
    pub converted: BTreeMap<String, usize>,
    /// What could not be converted (or was left out), with file:line.
    pub problems: Vec<Diagnostic>,
    /// Lines of the new helpsite.yaml's `check` and `links` settings, and why.
    pub settings: Vec<String>,
}

impl Report {
    pub(crate) fn count(&mut self, what: &str) {
        *self.converted.entry(what.to_string()).or_default() += 1;
    }

    pub(crate) fn problem(
        &mut self,
        path: &str,
        line: usize,
        message: impl Into<String>,
        hint: &str,
    ) {
        self.problems.push(
            Diagnostic::warning("import", message)
                .at(path)
                .line(line.max(1))
                .hint(hint),
        );
    }

    /// The report as printed after an import.
    pub(crate) fn to_text(&self, dest: &Path) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Imported {} pages ({} section pages) and {} files into {}.",
            self.pages,
            self.sections,
            self.assets,
            dest.display()
        );
        if !self.converted.is_empty() {
            let _ = writeln!(out, "Converted:");
            for (what, n) in &self.converted {
                let _ = writeln!(out, "  {n:>6}  {what}");
            }
        }
        for s in &self.settings {
            let _ = writeln!(out, "Set in helpsite.yaml: {s}");
        }
        if self.problems.is_empty() {
            let _ = writeln!(out, "Nothing was left unconverted.");
        } else {
            let _ = writeln!(
                out,
                "Left as written or left out ({}), each below with where it is in the source:",
                self.problems.len()
            );
        }
        out
    }
}

/// An imported site, before it is written.
#[derive(Debug, Default)]
pub(crate) struct Imported {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub language: String,
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    pub report: Report,
}

/// Reads SRC as `format` and writes the helpsite site to DEST; returns the
/// report, or the reasons nothing was written.
pub(crate) fn import(format: Format, src: &Path, dest: &Path) -> Result<Report, Vec<Diagnostic>> {
    check_folders(src, dest).map_err(|d| vec![d])?;
    let mut site = match format {
        Format::Hugo => hugo::read(src),
        Format::Jekyll => jekyll::read(src),
        Format::MkDocs => mkdocs::read(src),
        Format::Docusaurus => docusaurus::read(src),
        Format::Zendesk => zendesk::read(src),
    }?;
    site.report.pages = site.pages.len();
    site.report.sections = site
        .pages
        .iter()
        .filter(|p| p.dest.ends_with("_index.md"))
        .count();
    site.report.assets = site.assets.len();
    link_site_urls(&mut site);
    drop_clashing_aliases(&mut site);
    settle_settings(&mut site);
    write(&site, dest).map_err(|d| vec![d])?;
    // Findings name the source's files as the person typed its folder.
    for d in &mut site.report.problems {
        if let Some(p) = &d.path {
            d.path = Some(src.join(p));
        }
    }
    Ok(site.report)
}

/// The URL a page of the new site gets (below the base path), with the
/// default `slugs.paths: keep`: `a/b.md` → `/a/b/`, `a/_index.md` → `/a/`.
pub(crate) fn page_url(dest: &str) -> String {
    let stem = without_extension(dest);
    let stem = stem
        .strip_suffix("_index")
        .unwrap_or(stem)
        .trim_end_matches('/');
    if stem.is_empty() {
        "/".into()
    } else {
        format!("/{stem}/")
    }
}

/// Links written as the old site's URLs (`/docs/setup/`, `{{ site.baseurl
/// }}/docs/setup.html`, `/images/a.png`) become relative `.md` and file
/// links, so the new site's build checks them.
fn link_site_urls(site: &mut Imported) {
    let base = crate::config::base_path_of(
        &crate::config::normalize_base_url(&site.base_url).unwrap_or_else(|_| "/".into()),
    );
    let mut urls: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for p in &site.pages {
        urls.insert(page_url(&p.dest).to_lowercase(), p.dest.clone());
    }
    for a in &site.assets {
        urls.entry(format!("/{}", a.dest).to_lowercase())
            .or_insert_with(|| a.dest.clone());
    }
    let files: std::collections::HashSet<String> = site
        .pages
        .iter()
        .map(|p| p.dest.clone())
        .chain(site.assets.iter().map(|a| a.dest.clone()))
        .collect();
    let mut linked = 0;
    for p in &mut site.pages {
        let from = p.dest.clone();
        p.body = text::map_prose(&p.body, |prose, _| {
            text::rewrite_links(prose, |target, _| {
                if target.starts_with("//") || text::is_external(target) {
                    return None;
                }
                let (path, fragment) = text::split_fragment(target);
                let path = path.split('?').next().unwrap_or(path);
                // A relative link that names no file was written against the
                // old page's URL (`../other/` from `/a/page/`), as browsers read it.
                let joined;
                let path = if path.starts_with('/') {
                    path
                } else {
                    let as_file = text::normalize(&format!("{}/{path}", text::dir_of(&from)));
                    if path.is_empty() || as_file.is_some_and(|f| files.contains(&f)) {
                        return None;
                    }
                    let slash = if path.ends_with('/') { "/" } else { "" };
                    joined = format!(
                        "/{}{slash}",
                        text::normalize(&format!("{}{path}", page_url(&from)))?
                    );
                    joined.as_str()
                };
                let path = match path.strip_prefix(base.trim_end_matches('/')) {
                    Some(rest) if rest.starts_with('/') => rest,
                    _ => path,
                };
                let path = path.to_lowercase();
                let trimmed = path
                    .trim_end_matches("index.html")
                    .trim_end_matches(".html")
                    .trim_end_matches('/');
                let found = [path.clone(), format!("{trimmed}/")]
                    .iter()
                    .find_map(|k| urls.get(k))?
                    .clone();
                linked += 1;
                Some(format!("{}{fragment}", text::relative(&from, &found)))
            })
        });
    }
    if linked > 0 {
        site.report
            .converted
            .insert("links by URL → relative .md links".into(), linked);
    }
}

/// Rewrites a page's relative links to files of the source (pages and
/// assets, by their path relative to the content root) to where those files
/// went: pages that moved (`foo/index.md` → `foo.md`, renamed or lower-cased
/// files) keep working links.
pub(crate) fn relink(
    body: &str,
    from_source: &str,
    from_dest: &str,
    dests: &std::collections::HashMap<String, String>,
    report: &mut Report,
) -> String {
    let dir = text::dir_of(from_source);
    let mut n = 0;
    let out = text::map_prose(body, |prose, _| {
        text::rewrite_links(prose, |target, _| {
            if target.starts_with('/') || text::is_external(target) {
                return None;
            }
            let (path, fragment) = text::split_fragment(target);
            let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
            let joined = text::normalize(&format!("{dir}/{decoded}"))?;
            let dest = dests.get(&joined)?;
            let new = format!("{}{fragment}", text::relative(from_dest, dest));
            (new != target).then(|| {
                n += 1;
                new
            })
        })
    });
    if n > 0 {
        *report
            .converted
            .entry("relative links to moved files updated".into())
            .or_default() += n;
    }
    out
}

/// An old URL kept as an alias must be no page's URL and no other page's
/// alias: the generators tolerate such clashes, a helpsite build refuses them.
fn drop_clashing_aliases(site: &mut Imported) {
    let key = |a: &str| {
        let a = a.trim().to_lowercase();
        let a = a.trim_start_matches('/').trim_end_matches("index.html");
        let a = a.trim_end_matches('/');
        format!("/{a}/")
    };
    let mut taken: std::collections::HashSet<String> = site
        .pages
        .iter()
        .map(|p| page_url(&p.dest).to_lowercase())
        .collect();
    // Every folder of the new site is a section with a URL of its own.
    for p in &site.pages {
        let mut d = text::dir_of(&p.dest);
        while !d.is_empty() {
            taken.insert(format!("/{}/", d.to_lowercase()));
            d = text::dir_of(d);
        }
    }
    let aliases_key = serde_yaml::Value::String("aliases".into());
    for p in &mut site.pages {
        let Some(serde_yaml::Value::Sequence(list)) = p.front.get_mut(&aliases_key) else {
            continue;
        };
        let mut kept = Vec::new();
        for a in list.drain(..) {
            let text = a.as_str().unwrap_or_default().to_string();
            if taken.insert(key(&text)) {
                kept.push(a);
            } else {
                site.report.problems.push(
                    Diagnostic::warning(
                        "import",
                        format!("old URL `{text}` is also another page's URL or alias; not kept"),
                    )
                    .at(&p.source)
                    .line(1)
                    .hint(
                        "the old site served one of them there; add a redirect by hand if needed",
                    ),
                );
            }
        }
        if kept.is_empty() {
            p.front.remove(&aliases_key);
        } else {
            *list = kept;
        }
    }
}

/// SRC must be a folder; DEST must be new (or an empty folder) and outside SRC.
fn check_folders(src: &Path, dest: &Path) -> Result<(), Diagnostic> {
    if !src.is_dir() {
        return Err(Diagnostic::error("import", "the source is not a folder")
            .at(src)
            .hint("give the folder of the site to import (the one with its configuration)"));
    }
    if dest.exists() {
        let empty = std::fs::read_dir(dest)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::error(
                "import",
                "the destination exists and is not an empty folder",
            )
            .at(dest)
            .hint("import into a new folder; nothing is ever written over existing files"));
        }
    }
    let src_abs = src
        .canonicalize()
        .map_err(|e| Diagnostic::error("import", format!("cannot read the source: {e}")).at(src))?;
    // DEST may not exist yet: its nearest existing ancestor decides.
    let mut probe = if dest.is_absolute() {
        dest.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(dest)
    };
    let mut rest = Vec::new();
    let dest_abs = loop {
        if let Ok(c) = probe.canonicalize() {
            break rest.iter().rev().fold(c, |p: PathBuf, s| p.join(s));
        }
        match (probe.file_name(), probe.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                probe = parent.to_path_buf();
            }
            _ => break probe,
        }
    };
    if dest_abs.starts_with(&src_abs) {
        return Err(Diagnostic::error(
            "import",
            "the destination is inside the source folder",
        )
        .at(dest)
        .hint("import into a folder outside the site being imported; its files are never written to"));
    }
    Ok(())
}

/// Settings the new site starts with, from where the imported content stands:
/// lints that every page would trip are turned off (with a comment saying
/// so), so the first `helpsite check` shows what needs attention.
fn settle_settings(site: &mut Imported) {
    let articles: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| !p.dest.ends_with("_index.md"))
        .collect();
    let without = |key: &str| {
        articles
            .iter()
            .filter(|p| !p.front.contains_key(key))
            .count()
    };
    let n = articles.len();
    let missing = without("description");
    if n > 0 && missing * 2 > n {
        site.report.settings.push(format!(
            "check.lints.missing-description: off ({missing} of {n} articles have no description)"
        ));
    }
    let unreviewed = without("reviewed");
    if n > 0 && unreviewed == n {
        site.report.settings.push(
            "no check.review_interval_days: no article has a `reviewed` date yet".to_string(),
        );
    }
}

fn config_text(site: &Imported) -> String {
    let mut out =
        String::from("# Imported by `helpsite import`. See the README for every setting.\n");
    let mut m = serde_yaml::Mapping::new();
    m.insert("title".into(), site.title.clone().into());
    if !site.description.is_empty() {
        m.insert("description".into(), site.description.clone().into());
    }
    m.insert(
        "base_url".into(),
        if site.base_url.is_empty() {
            "/".into()
        } else {
            site.base_url.clone().into()
        },
    );
    m.insert(
        "language".into(),
        if site.language.is_empty() {
            "en".into()
        } else {
            site.language.clone().into()
        },
    );
    out.push_str(&serde_yaml::to_string(&m).unwrap_or_default());
    out.push_str(
        "# Broken links are listed by every build but do not stop it while the\n\
         # imported links are fixed; set `broken: error` once `helpsite check` is clean.\n\
         links:\n  broken: warning\n",
    );
    let off: Vec<&str> = site
        .report
        .settings
        .iter()
        .filter_map(|s| s.strip_prefix("check.lints."))
        .collect();
    if !off.is_empty() {
        out.push_str("check:\n  lints:\n");
        for s in off {
            let (lint, why) = s.split_once(": off").unwrap_or((s, ""));
            let _ = writeln!(out, "    {lint}: off  # {}", why.trim());
        }
    }
    out
}

fn page_text(p: &Page) -> String {
    let yaml = serde_yaml::to_string(&p.front).unwrap_or_default();
    let body = p.body.trim_start_matches('\n');
    format!("---\n{yaml}---\n\n{body}")
}

/// Writes the site into a folder beside DEST, then moves it into place.
fn write(site: &Imported, dest: &Path) -> Result<(), Diagnostic> {
    let io = |e: std::io::Error, at: &Path| {
        Diagnostic::error("io", format!("cannot write the imported site: {e}")).at(at)
    };
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io(e, &parent))?;
    let name = dest
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let staged = parent.join(format!(".{name}.helpsite-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staged);
    std::fs::create_dir(&staged).map_err(|e| io(e, &staged))?;
    let result = write_into(site, &staged);
    if let Err(d) = result {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(d);
    }
    if dest.exists() {
        // An empty folder (checked before reading): it makes way for the site.
        std::fs::remove_dir(dest).map_err(|e| io(e, dest))?;
    }
    std::fs::rename(&staged, dest).map_err(|e| {
        let _ = std::fs::remove_dir_all(&staged);
        io(e, dest)
    })
}

fn write_into(site: &Imported, root: &Path) -> Result<(), Diagnostic> {
    let io = |e: std::io::Error, at: &Path| {
        Diagnostic::error("io", format!("cannot write the imported site: {e}")).at(at)
    };
    // The readers make every place from the source's names and front matter;
    // whatever they gave, nothing lands outside the new site's folder.
    let inside = |rel: &str| -> Result<PathBuf, Diagnostic> {
        match text::normalize(rel) {
            Some(n) if n == rel && !n.is_empty() => Ok(root.join(n)),
            _ => Err(Diagnostic::error(
                "import",
                format!("`{rel}` is not a place inside the new site; nothing was written"),
            )
            .hint("this is a bug of the importer: please report it with the source file")),
        }
    };
    let put = |rel: &str, bytes: &[u8]| -> Result<(), Diagnostic> {
        let path = inside(rel)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io(e, dir))?;
        }
        std::fs::write(&path, bytes).map_err(|e| io(e, &path))
    };
    put(crate::config::CONFIG_FILE, config_text(site).as_bytes())?;
    for p in &site.pages {
        put(&format!("content/{}", p.dest), page_text(p).as_bytes())?;
    }
    for a in &site.assets {
        let to = inside(&format!("content/{}", a.dest))?;
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io(e, dir))?;
        }
        std::fs::copy(&a.from, &to).map_err(|e| io(e, &a.from))?;
    }
    Ok(())
}

/// Files below `dir` (sorted, hidden ones and `skip`ped folders left out), as
/// paths relative to `dir` with `/` separators.
pub(crate) fn files_below(dir: &Path, skip: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || (e.file_type().is_dir() && skip(&name)))
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            e.path()
                .strip_prefix(dir)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    out.sort();
    out
}

/// Whether a file is a page the importers read.
pub(crate) fn is_markdown(path: &str) -> bool {
    path.ends_with(".md") || path.ends_with(".markdown") || path.ends_with(".mdx")
}

/// `a/b.md` → `a/b` (the markdown extension cut).
pub(crate) fn without_extension(path: &str) -> &str {
    for ext in [".markdown", ".mdx", ".md"] {
        if let Some(p) = path.strip_suffix(ext) {
            return p;
        }
    }
    path
}

/// A generator's YAML configuration: the first of `names` found in SRC, read
/// as a mapping (Python tags such as MkDocs' `!!python/name:…` are tagged
/// values, ignored where they appear), with the name found. `generator`
/// names the tool in messages; a missing or malformed file stops the import.
pub(crate) fn yaml_config<'n>(
    src: &Path,
    names: &[&'n str],
    generator: &str,
    report: &mut Report,
) -> Result<(&'n str, serde_yaml::Mapping), Vec<Diagnostic>> {
    use serde_yaml::{Mapping, Value};
    let Some(&name) = names.iter().find(|n| src.join(n).is_file()) else {
        let first = names.first().copied().unwrap_or("its configuration");
        return Err(vec![
            Diagnostic::error(
                "import",
                format!("no {first}: this does not look like a {generator} site"),
            )
            .at(src)
            .hint(format!(
                "give the folder that holds the {generator} site's {first}"
            )),
        ]);
    };
    let Some(text) = read_source(src, name, report) else {
        return Ok((name, Mapping::new()));
    };
    match serde_yaml::from_str::<Value>(&text) {
        Ok(Value::Mapping(m)) => Ok((name, m)),
        Ok(_) => Ok((name, Mapping::new())),
        Err(e) => Err(vec![
            Diagnostic::error("import", format!("malformed {name}: {e}"))
                .at(src.join(name))
                .line(e.location().map_or(1, |l| l.line()))
                .hint(format!(
                    "fix it ({generator} itself would refuse it) and import again"
                )),
        ]),
    }
}

/// The folder a generator's configuration names for its pages must be a
/// folder inside SRC: nothing outside it is read. `what` names it in the
/// error (`the docs folder `x``), at `config_file`'s first line.
pub(crate) fn folder_inside(
    src: &Path,
    dir: &str,
    config_file: &str,
    what: &str,
    hint: &str,
) -> Result<(), Vec<Diagnostic>> {
    let inside = !dir.is_empty()
        && !dir.starts_with('/')
        && !dir.split('/').any(|s| s == "..")
        && src.join(dir).is_dir();
    if inside {
        return Ok(());
    }
    Err(vec![
        Diagnostic::error("import", format!("{what} is not a folder inside the site"))
            .at(src.join(config_file))
            .line(1)
            .hint(hint),
    ])
}

/// The body's first `# heading` becomes the title when the page has none (or
/// the same one) and leaves the body, so it is not shown twice. Returns how
/// many lines left the top of the body, so findings still name the source's
/// lines.
pub(crate) fn heading_as_title(
    title: &mut Option<String>,
    body: &mut String,
    report: &mut Report,
) -> usize {
    let Some((heading, rest)) = text::first_heading(body) else {
        return 0;
    };
    if title.as_deref().is_some_and(|t| t != heading) {
        return 0;
    }
    // `rest` is the end of `body`.
    let cut = body[..body.len() - rest.len()].matches('\n').count();
    *title = Some(heading);
    *body = rest;
    report.count("first headings → titles");
    cut
}

/// Reads a text file of SRC, or reports why not.
pub(crate) fn read_source(src: &Path, rel: &str, report: &mut Report) -> Option<String> {
    match std::fs::read(src.join(rel)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => Some(
                t.strip_prefix('\u{feff}')
                    .unwrap_or(&t)
                    .replace("\r\n", "\n"),
            ),
            Err(_) => {
                report.problem(
                    rel,
                    1,
                    "not UTF-8 text; left out",
                    "save the file as UTF-8 and import again",
                );
                None
            }
        },
        Err(e) => {
            report.problem(
                rel,
                1,
                format!("cannot be read ({e}); left out"),
                "check the file's permissions",
            );
            None
        }
    }
}
