//! `helpsite init` and `helpsite new`: a new site that builds at once, and a new
//! article with its front matter filled in. Neither ever overwrites a file.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

const INIT_CONFIG: &str = "\
# Site settings: see the README's helpsite.yaml section for every key.
title: My Support Center
description: Answers to common questions, and how to reach our support team.
base_url: https://support.example.com/
language: en
";

const INIT_HOME: &str = "\
---
title: My Support Center
description: Answers to common questions, and how to reach our support team.
---
Welcome! Browse the topics below, or start with
[the welcome article](getting-started/welcome.md).
";

const INIT_SECTION: &str = "\
---
title: Getting started
description: The first things to know.
weight: 1
---
";

fn init_article(today: &str) -> String {
    format!(
        "---
title: Welcome to the support center
description: What you will find here and how to get help.
updated: {today}
reviewed: {today}
tags: [getting started]
---
This is your first article. Edit `content/getting-started/welcome.md`, or add
more with `helpsite new content/getting-started/next-steps.md`.

## Writing articles

Articles are markdown files with a short YAML header. Link to other articles
with relative paths to their files, such as [this one](welcome.md#writing-articles).

> [!TIP]
> Run `helpsite check` before you publish: it finds broken links and stale
> articles.
"
    )
}

/// Creates a new site in `dir`, which must be missing or empty. With `theme_copy`,
/// the default theme is copied to `themes/default/` for customising.
pub(crate) fn init(dir: &Path, theme_copy: bool) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.exists() {
        let non_empty = fs::read_dir(dir)
            .map_err(|e| Diagnostic::error("io", format!("cannot read the folder: {e}")).at(dir))?
            .next()
            .is_some();
        if non_empty {
            return Err(Diagnostic::error(
                "init",
                "the folder is not empty; refusing to write into it",
            )
            .at(dir)
            .hint("choose a new or empty folder: helpsite init my-support-center"));
        }
    }
    let today = crate::clock::today().to_string();
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        ("helpsite.yaml".into(), INIT_CONFIG.into()),
        ("content/_index.md".into(), INIT_HOME.into()),
        (
            "content/getting-started/_index.md".into(),
            INIT_SECTION.into(),
        ),
        (
            "content/getting-started/welcome.md".into(),
            init_article(&today).into_bytes(),
        ),
        ("static/.gitkeep".into(), Vec::new()),
        (".gitignore".into(), b"/public\n".to_vec()),
    ];
    if theme_copy {
        collect_theme(&crate::templates::DEFAULT_THEME, &mut files);
    }
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error("io", format!("cannot create the folder: {e}")).at(parent)
            })?;
        }
        fs::write(&path, bytes)
            .map_err(|e| Diagnostic::error("io", format!("cannot write: {e}")).at(&path))?;
        written.push(rel);
    }
    Ok(written)
}

fn collect_theme(dir: &include_dir::Dir<'static>, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for f in dir.files() {
        out.push((
            Path::new("themes/default").join(f.path()),
            f.contents().to_vec(),
        ));
    }
    for d in dir.dirs() {
        collect_theme(d, out);
    }
}

/// Options of `helpsite new`.
pub(crate) struct NewArticle<'a> {
    pub site_dir: &'a Path,
    /// `content/billing/refunds.md` (relative to the site) or `billing/refunds.md`.
    pub path: &'a Path,
    pub title: Option<&'a str>,
    pub faq: bool,
}

/// Creates an article with front matter filled in; refuses to overwrite.
pub(crate) fn new_article(opts: &NewArticle) -> Result<PathBuf, Diagnostic> {
    let rel = opts.path.strip_prefix("content").unwrap_or(opts.path);
    let safe = rel.components().all(|c| matches!(c, Component::Normal(_)));
    if !safe || rel.as_os_str().is_empty() {
        return Err(Diagnostic::error(
            "usage",
            format!("`{}` is not a path inside content/", opts.path.display()),
        )
        .hint("give a path such as content/billing/refunds.md"));
    }
    if rel.extension().and_then(|e| e.to_str()) != Some("md") {
        return Err(Diagnostic::error(
            "usage",
            format!("`{}` does not end in .md", opts.path.display()),
        )
        .hint("articles are markdown files: content/billing/refunds.md"));
    }
    if !opts.site_dir.join(crate::config::CONFIG_FILE).is_file() {
        return Err(Diagnostic::error("usage", format!("{} has no helpsite.yaml", opts.site_dir.display()))
            .hint("run this in the site's folder, pass --site DIR, or create a site with `helpsite init DIR`"));
    }
    let path = opts.site_dir.join("content").join(rel);
    if path.exists() {
        return Err(Diagnostic::error(
            "exists",
            "the file already exists; refusing to overwrite it",
        )
        .at(&path)
        .hint("choose another name, or edit the existing article"));
    }
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = match opts.title {
        Some(t) => t.to_string(),
        None => title_from_stem(&stem),
    };
    let today = crate::clock::today();
    let mut text = format!(
        "---\ntitle: {}\ndescription: \nupdated: {today}\n",
        yaml_string(&title)
    );
    if opts.faq {
        text.push_str("faq: true\n---\n## A first question?\n\nIts answer.\n\n## Another question?\n\nIts answer.\n");
    } else {
        text.push_str("---\nStart writing here.\n");
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::error("io", format!("cannot create the folder: {e}")).at(parent)
        })?;
    }
    // create_new: never overwrite, even if the file appeared since the check above.
    use std::io::Write;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| Diagnostic::error("io", format!("cannot create the file: {e}")).at(&path))?;
    file.write_all(text.as_bytes())
        .map_err(|e| Diagnostic::error("io", format!("cannot write: {e}")).at(&path))?;
    Ok(path)
}

/// `refund-policy` → `Refund policy`.
fn title_from_stem(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Untitled".into(),
    }
}

/// A YAML scalar that is always read back as the same string.
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_file_names() {
        assert_eq!(title_from_stem("refund-policy"), "Refund policy");
        assert_eq!(title_from_stem("faq"), "Faq");
    }
}
