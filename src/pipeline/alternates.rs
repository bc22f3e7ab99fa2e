//! Which pages exist in which language (`layout::Alternates`), worked out once
//! every language of the site is loaded: an article and its translation share
//! their source's name (`faq.md`, `faq.ru.md`), a section its folder, and a
//! generated page (search, tags, support) its path.

use crate::content::links::encode_path;
use crate::layout::{Alternates, Language};
use crate::site::Site;

/// The alternates of `sites`, one per layout in `Layout::all` order; empty for
/// a site with one language.
pub(crate) fn of(sites: &[Site]) -> Alternates {
    if sites.len() < 2 {
        return Alternates::default();
    }
    let languages = sites
        .iter()
        .map(|s| Language {
            code: s.layout.language.clone(),
            name: s.strings.get("language_name", &[]),
            home: s.config.base_path(),
            home_absolute: s.config.base_url.clone(),
        })
        .collect();
    let mut alternates = Alternates::new(languages);
    for (l, site) in sites.iter().enumerate() {
        let content = &site.content;
        for a in &content.articles {
            let key = format!("article:{}", site.layout.source_name(&a.source));
            // A page shown untranslated is not a translation.
            if site.layout.is_fallback(&a.source) {
                alternates.add_copy(l, key, &a.path);
            } else {
                alternates.add(l, key, &a.path, &encode_path(&a.path));
            }
        }
        for s in &content.sections {
            alternates.add(
                l,
                format!("section:{}", s.dir),
                &s.path,
                &encode_path(&s.path),
            );
        }
        let mut generated: Vec<&str> = Vec::new();
        if !content.tags.is_empty() {
            generated.push("tags/");
        }
        if site.config.search.enabled {
            generated.push("search/");
        }
        if let Some(support) = &site.support {
            generated.extend([
                support.pages.hours.as_str(),
                support.pages.sla.as_str(),
                support.pages.channels.as_str(),
            ]);
        }
        for path in generated {
            alternates.add(l, format!("page:{path}"), path, &encode_path(path));
        }
        if !site.layout.is_default() {
            let prefix = &site.layout.prefix;
            let articles = content
                .articles
                .iter()
                .map(|a| (&a.derived.aliases, &a.path));
            let sections = content.sections.iter().map(|s| (&s.aliases, &s.path));
            for (aliases, path) in articles.chain(sections) {
                for alias in aliases {
                    alternates
                        .aliases
                        .push((format!("{prefix}{alias}"), format!("{prefix}{path}")));
                }
            }
        }
    }
    alternates
}
