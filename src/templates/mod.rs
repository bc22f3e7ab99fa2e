//! Tera templates: the default theme is compiled into the binary, a theme folder on
//! disk replaces it file by file, and the site's own `templates/` override both by
//! name. Every template is parsed up front so all syntax errors are reported at
//! once, each with its file, line and column; render errors name the template and
//! the page being rendered, which tera 1 cannot do by itself.

pub(crate) mod context;
pub(crate) mod nav;
mod shipped_scripts;
pub(crate) mod sidebar;
pub(crate) mod views;

use std::collections::BTreeMap;
use std::error::Error as _;
use std::path::{Path, PathBuf};

use include_dir::Dir;
use tera::Tera;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;

pub(crate) use crate::default_theme::DEFAULT_THEME;

/// A template's text and where it came from (for messages).
struct TemplateSource {
    text: String,
    shown: PathBuf,
}

pub struct Templates {
    tera: Tera,
    shown: BTreeMap<String, PathBuf>,
    /// Changes whenever any template's text does (pages are re-rendered then).
    pub fingerprint: u64,
}

/// A file of the theme's `static/` folder.
pub(crate) struct StaticFile {
    /// Path below the output root (`style.css`).
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The folder of the configured theme on disk, if there is one.
fn theme_dir(site_dir: &Path, config: &Config) -> Option<PathBuf> {
    let dir = site_dir.join("themes").join(&config.theme);
    dir.is_dir().then_some(dir)
}

/// Checks the configured theme exists (on disk or built in).
pub(crate) fn check_theme(site_dir: &Path, config: &Config) -> Result<(), Diagnostic> {
    if config.theme == "default" || theme_dir(site_dir, config).is_some() {
        return Ok(());
    }
    Err(config.locate(
        Diagnostic::error("theme", format!("theme `{}` not found", config.theme)).hint(format!(
            "put it in themes/{}/ or remove `theme:` to use the built-in default theme",
            config.theme
        )),
        "theme",
    ))
}

impl Templates {
    /// Loads and parses every template; returns all parse errors at once. When
    /// every template's text is what `previous` was compiled from, `previous`
    /// itself is returned (serve's rebuilds skip recompiling them).
    pub fn load(
        site_dir: &Path,
        config: &Config,
        strings: &std::sync::Arc<Strings>,
        previous: Option<&std::sync::Arc<Templates>>,
    ) -> Result<std::sync::Arc<Templates>, Vec<Diagnostic>> {
        let mut sources: BTreeMap<String, TemplateSource> = BTreeMap::new();
        collect_embedded(&DEFAULT_THEME, "templates", &mut sources);
        let mut diags = Vec::new();
        if let Some(dir) = theme_dir(site_dir, config) {
            collect_disk(&dir.join("templates"), site_dir, &mut sources, &mut diags);
        }
        collect_disk(
            &site_dir.join("templates"),
            site_dir,
            &mut sources,
            &mut diags,
        );

        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            for (name, src) in &sources {
                (name, &src.text, &src.shown).hash(&mut h);
            }
            strings.fingerprint.hash(&mut h);
            h.finish()
        };
        if diags.is_empty()
            && let Some(p) = previous.filter(|p| p.fingerprint == fingerprint)
        {
            return Ok(p.clone());
        }
        for (name, src) in &sources {
            if let Err(e) = tera::Template::new(name, None, &src.text) {
                diags.push(parse_error(&e, &src.shown));
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml", ".htm"]);
        // tera's own escaper also escapes `/`, which makes every URL unreadable in
        // the page source; escaping & < > " ' is what HTML needs.
        tera.set_escape_fn(escape_html);
        tera.register_function("t", translate(strings.clone()));
        let pairs: Vec<(String, String)> = sources
            .iter()
            .map(|(n, s)| (n.clone(), s.text.clone()))
            .collect();
        if let Err(e) = tera.add_raw_templates(pairs) {
            // Each file parsed on its own, so what is left is inheritance: a missing
            // parent or an include loop.
            return Err(vec![
                Diagnostic::error("template", error_chain(&e))
                    .at("templates")
                    .hint("check the names in {% extends %} and {% include %}"),
            ]);
        }
        let shown = sources.into_iter().map(|(n, s)| (n, s.shown)).collect();
        Ok(std::sync::Arc::new(Templates {
            tera,
            shown,
            fingerprint,
        }))
    }

    pub fn has(&self, name: &str) -> bool {
        self.shown.contains_key(name)
    }

    /// Renders `name` for the page `page` (named in errors).
    pub fn render(
        &self,
        name: &str,
        ctx: &tera::Context,
        page: &str,
    ) -> Result<String, Diagnostic> {
        self.tera.render(name, ctx).map_err(|e| {
            let shown = self.shown.get(name).cloned().unwrap_or_else(|| PathBuf::from(name));
            let chain = error_chain(&e);
            let detail = chain.strip_prefix(&format!("Failed to render '{name}': ")).unwrap_or(&chain);
            Diagnostic::error("template", format!("template {name} failed while rendering {page}: {detail}"))
            .at(shown)
            .hint("check the variables and filters the template uses; `{{ x | default(value=\"\") }}` guards optional values")
        })
    }
}

/// The templates' `t(key="…", n=3, name="…")`: the interface text of `key` in
/// the page's language (i18n.rs), in its form for the count `n`, with each
/// other argument filled in for its `{name}`. Escaped like any output.
fn translate(strings: std::sync::Arc<Strings>) -> impl tera::Function {
    move |args: &std::collections::HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
        let Some(key) = args.get("key").and_then(|k| k.as_str()) else {
            return Err(tera::Error::msg("t() needs a key: t(key=\"search.title\")"));
        };
        let shown = |v: &tera::Value| match v {
            tera::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let n = args.get("n");
        let count = n.and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_f64().map(|f| f.max(0.0) as u64))
                .or_else(|| v.as_str()?.parse().ok())
        });
        let values: Vec<(&str, String)> = args
            .iter()
            .filter(|(k, _)| k.as_str() != "key")
            .map(|(k, v)| (k.as_str(), shown(v)))
            .collect();
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        strings
            .try_get(key, count, &pairs)
            .map(tera::Value::String)
            .ok_or_else(|| {
                tera::Error::msg(format!(
                    "t(): no interface text `{key}`; add it to the theme's i18n/en.yaml"
                ))
            })
    }
}

/// The theme's static files: the built-in ones, replaced by the disk theme's.
pub(crate) fn theme_static(site_dir: &Path, config: &Config) -> Vec<StaticFile> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    if let Some(d) = DEFAULT_THEME.get_dir("static") {
        walk_embedded(d, &mut |f| {
            let rel = f.path().strip_prefix("static").unwrap_or(f.path());
            files.insert(
                rel.to_string_lossy().replace('\\', "/"),
                f.contents().to_vec(),
            );
        });
    }
    if let Some(dir) = theme_dir(site_dir, config) {
        let root = dir.join("static");
        for e in walkdir::WalkDir::new(&root).into_iter().flatten() {
            if e.file_type().is_file()
                && let (Ok(rel), Ok(bytes)) =
                    (e.path().strip_prefix(&root), std::fs::read(e.path()))
            {
                files.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
            }
        }
    }
    files
        .into_iter()
        .map(|(path, bytes)| {
            let default = DEFAULT_THEME
                .get_file(format!("static/{path}"))
                .map(include_dir::File::contents);
            let bytes = shipped_scripts::shipped(&path, bytes, default);
            StaticFile { path, bytes }
        })
        .collect()
}

fn walk_embedded(dir: &Dir<'static>, f: &mut dyn FnMut(&include_dir::File<'static>)) {
    for file in dir.files() {
        f(file);
    }
    for sub in dir.dirs() {
        walk_embedded(sub, f);
    }
}

fn collect_embedded(theme: &Dir<'static>, sub: &str, out: &mut BTreeMap<String, TemplateSource>) {
    let Some(dir) = theme.get_dir(sub) else {
        return;
    };
    walk_embedded(dir, &mut |f| {
        let Ok(rel) = f.path().strip_prefix(sub) else {
            return;
        };
        if let Some(text) = f.contents_utf8() {
            out.insert(
                rel.to_string_lossy().replace('\\', "/"),
                TemplateSource {
                    text: text.to_string(),
                    shown: PathBuf::from("(built-in theme)").join(f.path()),
                },
            );
        }
    });
}

fn collect_disk(
    dir: &Path,
    site_dir: &Path,
    out: &mut BTreeMap<String, TemplateSource>,
    diags: &mut Vec<Diagnostic>,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() || crate::content::is_ignored(entry.file_name()) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let shown = entry
            .path()
            .strip_prefix(site_dir)
            .unwrap_or(entry.path())
            .to_path_buf();
        match crate::content::read_text(entry.path(), &shown) {
            Ok(text) => {
                out.insert(
                    rel.to_string_lossy().replace('\\', "/"),
                    TemplateSource { text, shown },
                );
            }
            Err(d) => diags.push(d),
        }
    }
}

/// A parse error located at the line and column pest reports (` --> L:C`).
fn parse_error(e: &tera::Error, shown: &Path) -> Diagnostic {
    let chain = error_chain(e);
    let mut d = Diagnostic::error(
        "template",
        format!("template does not parse: {}", summarize_pest(&chain)),
    )
    .at(shown)
    .hint("check that every {{ }}, {% %} and {# #} is closed and every block has its end tag");
    if let Some(i) = chain.find(" --> ") {
        let loc: String = chain[i + 5..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':')
            .collect();
        let mut parts = loc.split(':').filter_map(|p| p.parse::<usize>().ok());
        if let (Some(l), Some(c)) = (parts.next(), parts.next()) {
            d = d.line_col(l, c);
        }
    }
    d
}

/// pest's multi-line report reduced to its "expected …" line.
fn summarize_pest(chain: &str) -> String {
    chain
        .lines()
        .find_map(|l| l.trim().strip_prefix("= "))
        .map(str::to_string)
        .unwrap_or_else(|| chain.lines().next().unwrap_or("").to_string())
}

pub(crate) use crate::escape::html as escape_html;

/// An error and its causes on one line.
pub(crate) fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut src = e.source();
    while let Some(s) = src {
        parts.push(s.to_string());
        src = s.source();
    }
    parts.join(": ")
}
