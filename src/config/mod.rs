//! `helpsite.yaml`: the site's settings, one file a concern (the site, its
//! languages, links, search, hosting, feedback, navigation, check). Every key
//! has a default so a minimal file (`title:` alone) is a working site.
//!
//! The file is read once and checked completely: a mistake in one key does
//! not hide the next (yaml.rs sets its lines aside and reads on), and every
//! value is then checked by the part it belongs to, so a file with five
//! mistakes reports five errors, each at its line and column. Checks that
//! need the markdown renderer's, the theme's or search's knowledge (the
//! highlight themes, the theme folder, the stemmer, synonyms) run right
//! after, in the pipeline's first stage, and are reported with these.

mod check;
mod feedback;
mod hosting;
mod languages;
mod links;
mod navigation;
mod search;
mod site;

use std::path::Path;

pub(crate) use check::{CheckConfig, LintLevel};
pub(crate) use feedback::FeedbackConfig;
pub(crate) use hosting::HostingConfig;
pub(crate) use languages::LanguageConfig;
pub(crate) use links::{BrokenLinks, LinksConfig, SlugsConfig};
pub(crate) use navigation::{NavEntry, NavLabel};
pub(crate) use search::SearchConfig;
pub(crate) use site::{Config, FeedConfig, base_path_of, normalize_base_url, origin_of};

use crate::diagnostics::Diagnostic;

pub(crate) const CONFIG_FILE: &str = "helpsite.yaml";

impl Config {
    /// Reads `helpsite.yaml` from `site_dir` and checks it: the settings, or
    /// every problem found. A missing file is an error because a folder
    /// without one is almost always the wrong folder.
    pub fn load(site_dir: &Path) -> Result<Config, Vec<Diagnostic>> {
        let (config, problems) = Config::read(site_dir).map_err(|d| vec![d])?;
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// Reads `helpsite.yaml` from `site_dir`: the settings as far as they are
    /// right (a key written wrong keeps its default) and every problem found.
    /// `Err` only when the file cannot be read.
    pub fn read(site_dir: &Path) -> Result<(Config, Vec<Diagnostic>), Diagnostic> {
        let path = site_dir.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Diagnostic::error(
                    "missing-config",
                    format!("no {CONFIG_FILE} in {}", site_dir.display()),
                )
                .at(&path)
                .hint("run helpsite in the site's folder, pass --site DIR, or create one with `helpsite init DIR`"));
            }
            Err(e) => {
                return Err(
                    Diagnostic::error("io", format!("cannot read {CONFIG_FILE}: {e}")).at(&path),
                );
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        // Findings name the file as the site's others are named: from the
        // site's folder, as editors and CI annotations read them.
        let shown = Path::new(CONFIG_FILE);
        let (config, mut problems) = if text.trim().is_empty() {
            (Some(Config::default()), Vec::new())
        } else {
            crate::yaml::parse_recovering(text, shown, 1, CONFIG_FILE)
        };
        let mut config: Config = config.unwrap_or_default();
        config.source = site::Source {
            path: shown.to_path_buf(),
            text: text.into(),
        };
        match normalize_base_url(&config.base_url) {
            Ok(url) => config.base_url = url,
            Err(msg) => {
                problems.push(
                    config.locate(
                        Diagnostic::error("invalid-value", msg)
                            .hint("write it as https://example.com/ or https://example.com/help/"),
                        "base_url",
                    ),
                );
                config.base_url = "/".into();
            }
        }
        problems.extend(feedback::problems(&config));
        problems.extend(languages::problems(&config));
        problems.extend(navigation::problems(&config));
        Ok((config, problems))
    }
}
