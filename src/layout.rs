//! Which part of a site one run of the pipeline builds: a language, where its
//! pages go and which content files are its. A site without `languages:` has one
//! layout, the default language at the root, and builds exactly as it always
//! did; each language listed adds a layout at `/CODE/` whose content is the
//! translations beside their sources (`faq.ru.md`, `_index.ru.md`). Every stage
//! runs once per layout with the same code: only this description differs.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::config::Config;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Layout {
    /// This part's language (`en`, `ru`).
    pub language: String,
    /// Below the output root and the base URL: `""` for the default language,
    /// `ru/` for the others.
    pub prefix: String,
    /// The language suffix of this part's files (`ru` in `faq.ru.md`); `None`
    /// for the default language, whose files have none.
    pub suffix: Option<String>,
    /// Every language of `languages:`: a file carrying one of their suffixes
    /// is a translation, never an article of its own.
    pub translated: Vec<String>,
    /// Also publish the default language's articles not translated yet.
    pub fallback: bool,
}

impl Layout {
    /// The default language's layout (the only one of a one-language site).
    pub fn default_of(config: &Config) -> Layout {
        Layout {
            language: config.language.clone(),
            prefix: String::new(),
            suffix: None,
            translated: config.languages.keys().cloned().collect(),
            fallback: false,
        }
    }

    /// Every layout of the site: the default language's first.
    pub fn all(config: &Config) -> Vec<Layout> {
        let mut all = vec![Layout::default_of(config)];
        for (code, lang) in &config.languages {
            all.push(Layout {
                language: code.clone(),
                prefix: format!("{code}/"),
                suffix: Some(code.clone()),
                translated: config.languages.keys().cloned().collect(),
                fallback: lang.fallback,
            });
        }
        all
    }

    /// The layout of `language` (`None`: the default one), or `None` when the
    /// site has no such language.
    pub fn of(config: &Config, language: Option<&str>) -> Option<Layout> {
        let all = Layout::all(config);
        match language {
            None => all.into_iter().next(),
            Some(code) => all.into_iter().find(|l| l.language == code),
        }
    }

    pub fn is_default(&self) -> bool {
        self.suffix.is_none()
    }

    /// The configuration as this part sees it: its base URL ends with its
    /// prefix (so every URL the pipeline makes is this language's), its
    /// language, and its title and description where `languages:` gives them.
    pub fn apply(&self, config: &mut Config) {
        let default = config.language.clone();
        for entry in config.nav.iter_mut().flatten() {
            match entry {
                crate::config::NavEntry::Section {
                    label: Some(label), ..
                }
                | crate::config::NavEntry::Url { label, .. } => {
                    label.resolve(&self.language, &default);
                }
                crate::config::NavEntry::Section { label: None, .. } => {}
            }
        }
        if let Some(code) = &self.suffix {
            if let Some(lang) = config.languages.get(code).cloned() {
                if let Some(t) = lang.title {
                    config.title = t;
                }
                if let Some(d) = lang.description {
                    config.description = d;
                }
            }
            config.base_url = format!("{}{}", config.base_url, self.prefix);
            config.language = code.clone();
        }
    }

    /// The language suffix `rel` (a content-relative file) carries, when it is
    /// one of the site's languages: `ru` for `a/faq.ru.md`.
    pub fn file_language<'a>(&self, rel: &'a str) -> Option<&'a str> {
        let stem = rel.strip_suffix(".md")?;
        let (_, code) = stem.rsplit_once('.')?;
        (!code.contains('/') && self.translated.iter().any(|l| l == code)).then_some(code)
    }

    /// `rel` without its language suffix (`a/faq.ru.md` → `a/faq.md`): the
    /// name the file's source has, which links and translations go by.
    pub fn source_name<'a>(&self, rel: &'a str) -> Cow<'a, str> {
        match self.file_language(rel) {
            Some(code) => {
                let cut = rel.len() - ".md".len() - code.len() - 1;
                Cow::Owned(format!("{}.md", &rel[..cut]))
            }
            None => Cow::Borrowed(rel),
        }
    }

    /// Which of the site's markdown files (`files`, content-relative) this
    /// part builds, one flag each: its own translations; with `fallback`, the
    /// default language's articles not translated; and the default language's
    /// section files of folders with something of this part below them and no
    /// translated section file (a section shows in every language that has
    /// articles in it).
    pub fn select(&self, files: &[&str]) -> Vec<bool> {
        let Some(own) = &self.suffix else {
            return files
                .iter()
                .map(|f| self.file_language(f).is_none())
                .collect();
        };
        let all: HashSet<&str> = files.iter().copied().collect();
        let translated = |rel: &str| {
            rel.strip_suffix(".md")
                .is_some_and(|stem| all.contains(format!("{stem}.{own}.md").as_str()))
        };
        let is_index = |rel: &str| rel == "_index.md" || rel.ends_with("/_index.md");
        let article = |rel: &str| match self.file_language(rel) {
            Some(code) => code == own && !is_index(&self.source_name(rel)),
            None => self.fallback && !is_index(rel) && !translated(rel),
        };
        // Every folder holding one of this part's articles, and its parents.
        let mut used: HashSet<&str> = HashSet::new();
        used.insert("");
        for rel in files.iter().filter(|r| article(r)) {
            let mut dir = parent_dir(rel);
            while used.insert(dir) {
                dir = parent_dir(dir);
            }
        }
        files
            .iter()
            .map(|rel| match self.file_language(rel) {
                Some(code) => code == own,
                None if is_index(rel) => !translated(rel) && used.contains(parent_dir(rel)),
                None => article(rel),
            })
            .collect()
    }

    /// Whether `rel`, which this part builds, is the default language's text
    /// shown untranslated (a fallback).
    pub fn is_fallback(&self, rel: &str) -> bool {
        self.suffix.is_some() && self.file_language(rel).is_none()
    }
}

/// Every page's translations: for a page in one language, the same page in
/// the others (hreflang links, the language switcher, the sitemap). Built once
/// every language is loaded (`pipeline::alternates`); empty for a site with
/// one language.
#[derive(Debug, Default, Clone, Hash)]
pub struct Alternates {
    /// Per layout, in `Layout::all` order.
    pub languages: Vec<Language>,
    /// Page key (`article:a/faq.md`, `section:a`, `page:search/`) → its URL
    /// path and absolute URL in each language that has it.
    pages: std::collections::BTreeMap<String, Vec<Option<(String, String)>>>,
    /// Per layout: a page's path below the language's base → its key.
    keys: Vec<std::collections::BTreeMap<String, String>>,
    /// The other languages' old addresses (front matter `aliases`), below the
    /// site's root: (alias, page), both with their language's prefix, for the
    /// one `_redirects` file.
    pub aliases: Vec<(String, String)>,
}

/// One language of the site, as the switcher shows it.
#[derive(Debug, Clone, Hash, serde::Serialize)]
pub struct Language {
    pub code: String,
    /// Its own name for itself (`Русский`), from its interface text.
    pub name: String,
    /// Its home page's URL path and absolute URL.
    pub home: String,
    pub home_absolute: String,
}

/// A page in one language of the switcher: where that language's version is.
#[derive(Debug, Clone, Hash, serde::Serialize)]
pub struct LanguageLink<'a> {
    pub code: &'a str,
    pub name: &'a str,
    /// The page in that language, or that language's home when it lacks it.
    pub url: &'a str,
    /// Whether `url` is this page's translation (not just the home page).
    pub translated: bool,
    pub current: bool,
}

impl Alternates {
    pub fn new(languages: Vec<Language>) -> Self {
        let n = languages.len();
        Alternates {
            languages,
            pages: Default::default(),
            keys: vec![Default::default(); n],
            aliases: Vec::new(),
        }
    }

    /// Records that layout `l` has the page `key` at `path` (below its base;
    /// `encoded` is the same path as a URL writes it).
    pub fn add(&mut self, l: usize, key: String, path: &str, encoded: &str) {
        let Some(lang) = self.languages.get(l) else {
            return;
        };
        let url = (
            format!("{}{encoded}", lang.home),
            format!("{}{encoded}", lang.home_absolute),
        );
        let n = self.languages.len();
        self.pages
            .entry(key.clone())
            .or_insert_with(|| vec![None; n])[l] = Some(url);
        self.keys[l].insert(path.to_string(), key);
    }

    /// Records that layout `l` shows the page `key` untranslated at `path`:
    /// not a translation, but its switcher leads to the versions there are.
    pub fn add_copy(&mut self, l: usize, key: String, path: &str) {
        if let Some(keys) = self.keys.get_mut(l) {
            keys.insert(path.to_string(), key);
        }
    }

    /// Whether the site has more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    fn versions(&self, l: usize, path: &str) -> Option<&Vec<Option<(String, String)>>> {
        self.pages.get(self.keys.get(l)?.get(path)?)
    }

    /// The page at `path` in layout `l`, in every language that has it:
    /// (language code, absolute URL), its own included (for hreflang).
    pub fn hreflang(&self, l: usize, path: &str) -> Vec<(&str, &str)> {
        let Some(versions) = self.versions(l, path) else {
            return Vec::new();
        };
        self.languages
            .iter()
            .zip(versions)
            .filter_map(|(lang, v)| Some((lang.code.as_str(), v.as_ref()?.1.as_str())))
            .collect()
    }

    /// The switcher for the page at `path` in layout `l`.
    pub fn switcher(&self, l: usize, path: &str) -> Vec<LanguageLink<'_>> {
        let versions = self.versions(l, path);
        self.languages
            .iter()
            .enumerate()
            .map(|(i, lang)| {
                let own = versions.and_then(|v| v.get(i)?.as_ref());
                LanguageLink {
                    code: &lang.code,
                    name: &lang.name,
                    url: own.map_or(lang.home.as_str(), |(u, _)| u.as_str()),
                    translated: own.is_some(),
                    current: i == l,
                }
            })
            .collect()
    }
}

/// The folder of a content-relative path (`a/b.md` → `a`, `b.md` → ``).
fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(yaml: &str) -> Config {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn a_site_without_languages_has_one_layout_that_takes_every_file() {
        let c = config("title: x\n");
        let all = Layout::all(&c);
        assert_eq!(all.len(), 1);
        let files = ["a.md", "a.ru.md", "_index.md"];
        assert_eq!(all[0].select(&files), [true, true, true]);
        assert_eq!(all[0].source_name("a.ru.md"), "a.ru.md");
    }

    #[test]
    fn translations_go_to_their_language_and_sections_exist_where_they_have_articles() {
        let c =
            config("language: en\nlanguages:\n  ru: {fallback: false}\n  de: {fallback: true}\n");
        let all = Layout::all(&c);
        let [en, de, ru] = [&all[0], &all[1], &all[2]];
        assert_eq!((de.prefix.as_str(), ru.prefix.as_str()), ("de/", "ru/"));
        let files = [
            "_index.md",
            "_index.ru.md",
            "a/_index.md",
            "a/faq.md",
            "a/faq.ru.md",
            "a/other.md",
            "a/v1.2.md",
            "b/_index.md",
            "b/only.md",
        ];
        let picked = |l: &Layout| {
            let flags = l.select(&files);
            files
                .iter()
                .zip(flags)
                .filter(|(_, f)| *f)
                .map(|(r, _)| *r)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            picked(en),
            [
                "_index.md",
                "a/_index.md",
                "a/faq.md",
                "a/other.md",
                "a/v1.2.md",
                "b/_index.md",
                "b/only.md"
            ]
        );
        // Folder b has nothing in Russian: no empty section.
        assert_eq!(picked(ru), ["_index.ru.md", "a/_index.md", "a/faq.ru.md"]);
        // German shows everything untranslated: what English has.
        assert_eq!(picked(de), picked(en));
        assert!(de.is_fallback("a/faq.md") && !ru.is_fallback("a/faq.ru.md"));
        assert_eq!(ru.source_name("a/faq.ru.md"), "a/faq.md");
        assert_eq!(ru.source_name("a/_index.ru.md"), "a/_index.md");
        assert_eq!(ru.source_name("a/v1.2.md"), "a/v1.2.md");
    }

    #[test]
    fn a_language_sees_its_own_base_url_title_and_language() {
        let c = config(
            "title: Help\nbase_url: https://e.com/help/\nlanguages:\n  ru: {title: Помощь}\n",
        );
        let ru = Layout::of(&c, Some("ru")).unwrap();
        let mut seen = c.clone();
        ru.apply(&mut seen);
        assert_eq!(seen.base_url, "https://e.com/help/ru/");
        assert_eq!(
            (seen.title.as_str(), seen.language.as_str()),
            ("Помощь", "ru")
        );
        assert!(Layout::of(&c, Some("fr")).is_none());
    }
}
