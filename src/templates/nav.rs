//! The header's navigation: the links the writer lists under `nav:` in
//! helpsite.yaml, or else the top sections (by weight) that fit one line; and
//! the menu of the top-level sections, which narrow screens open instead of
//! the links and wide ones offer as "All topics" when not all of them fit.
//! The menu is in every page, so it holds at most `MENU_MAX` sections and
//! then a link to the home page, which lists them all: a site with hundreds
//! of top-level sections would otherwise repeat them all in every page.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::config::{Config, NavEntry, NavLabel};
use crate::content::Content;
use crate::diagnostics::{Diagnostic, closest};

use super::context::Link;

/// How many columns of link text fit one header line beside the brand and the
/// search box on the narrowest screen that shows links (72rem, 1152 px, with
/// the search box at its 14rem minimum): about 83 columns, less 1.25 per
/// column of the site's title (bold and larger). A column is half a CJK
/// character; links count two more for the gap. Estimated because a build
/// has no font metrics; the theme's menu holds every section anyway.
fn line_budget(site_title: &str) -> usize {
    83usize.saturating_sub(UnicodeWidthStr::width(site_title) * 5 / 4)
}
/// The header's "Contact" link, when support pages exist.
const CONTACT_WIDTH: usize = 9;
/// More links than this read as a list rather than a navigation bar.
const MAX_SHOWN: usize = 6;

/// The most sections the menu lists; beyond it the menu ends with a link to
/// the home page (`nav_all`).
const MENU_MAX: usize = 30;

/// What templates get as `nav`, `nav_menu`, `nav_more` and `nav_all`.
#[derive(Debug, Clone, Default, Serialize, Hash)]
pub(crate) struct HeaderNav {
    /// The links shown in the header on wide screens.
    pub shown: Vec<Link>,
    /// The full list: the shown links, then every top-level section not among them.
    pub menu: Vec<Link>,
    /// Whether the menu has links that `shown` lacks ("All topics" on wide screens).
    pub more: bool,
    /// Whether the menu leaves sections out (beyond `MENU_MAX`).
    pub cut: bool,
}

/// The header navigation of a site (`contact`: the header also links to the
/// support pages), and a diagnostic for each `nav:` entry
/// naming no section (located in helpsite.yaml; such entries are left out).
pub(crate) fn header_nav(
    config: &Config,
    content: &Content,
    base_path: &str,
    contact: bool,
) -> (HeaderNav, Vec<Diagnostic>) {
    let top = &content.sections[0].subsections;
    let language = config.language.as_str();
    let section_link = |s: usize, label: Option<&NavLabel>| Link {
        title: label
            .and_then(|l| l.text_in(language))
            .map(str::to_string)
            .unwrap_or_else(|| content.sections[s].title.clone()),
        url: format!("{base_path}{}", content.sections[s].path),
    };
    let mut diags = Vec::new();
    let mut shown = Vec::new();
    let mut used = Vec::new();
    match &config.nav {
        Some(entries) => {
            for entry in entries {
                match entry {
                    NavEntry::Section { dir, label } => {
                        match content.sections.iter().position(|s| &s.dir == dir) {
                            Some(s) if s != 0 => {
                                used.push(s);
                                shown.push(section_link(s, label.as_ref()));
                            }
                            _ => diags.push(unknown_section(dir, content, config)),
                        }
                    }
                    NavEntry::Url { url, label } => shown.push(Link {
                        title: label.text_in(language).unwrap_or(url).to_string(),
                        url: match url.strip_prefix('/') {
                            Some(path) => format!("{base_path}{path}"),
                            None => url.clone(),
                        },
                    }),
                }
            }
        }
        None => {
            let budget = line_budget(&config.title);
            let mut width = if contact { CONTACT_WIDTH } else { 0 };
            for &s in top.iter().take(MAX_SHOWN) {
                width += UnicodeWidthStr::width(content.sections[s].title.as_str()) + 2;
                if width > budget {
                    break;
                }
                used.push(s);
                shown.push(section_link(s, None));
            }
        }
    }
    let mut menu = shown.clone();
    let rest: Vec<Link> = top
        .iter()
        .filter(|s| !used.contains(s))
        .map(|&s| section_link(s, None))
        .collect();
    let more = !rest.is_empty();
    menu.extend(rest);
    let cut = menu.len() > MENU_MAX;
    menu.truncate(MENU_MAX);
    (
        HeaderNav {
            shown,
            menu,
            more,
            cut,
        },
        diags,
    )
}

fn unknown_section(dir: &str, content: &Content, config: &Config) -> Diagnostic {
    let line = config
        .key_line_of("nav")
        .and_then(|nav| {
            config
                .text()
                .lines()
                .enumerate()
                .skip(nav)
                .find(|(_, l)| l.contains(dir))
                .map(|(i, _)| i + 1)
                .or(Some(nav))
        })
        .unwrap_or(1);
    let dirs: Vec<&str> = content.sections[1..]
        .iter()
        .map(|s| s.dir.as_str())
        .collect();
    let hint = match closest(dir, &dirs) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "name a folder of content/ (such as `{}`), or give a `url:` and `label:`",
            dirs.first().copied().unwrap_or("billing")
        ),
    };
    Diagnostic::error(
        "invalid-value",
        format!("`nav:` names `{dir}`, which is not a section (a folder of content/)"),
    )
    .at(config.path())
    .line(line)
    .hint(hint)
}
