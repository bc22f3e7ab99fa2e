//! Interface text per language: every word a page, a generated page or a browser
//! script shows that is not the site's own content ("Search", "Updated 3 March
//! 2026", "Closed now"). The text is read from `i18n/LANG.yaml` files, layered:
//! the default theme's English, then the default theme's file for the language,
//! then a theme on disk's, then the site's own `i18n/` folder. A key a layer
//! leaves out keeps the layer below's text, so a partial translation still
//! shows every word (in English where it is missing).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde::Deserialize;

use crate::diagnostics::Diagnostic;

/// The folder of interface text, in a theme and in a site.
pub(crate) const FOLDER: &str = "i18n";

/// One text: plain, by plural form, or a list (day and month names).
#[derive(Debug, Clone, Deserialize, Hash)]
#[serde(untagged)]
enum Text {
    One(String),
    List(Vec<String>),
    Plural(BTreeMap<String, String>),
}

/// The interface text of one language, with its plural rules.
pub struct Strings {
    /// The language asked for (`pt-BR`).
    pub language: String,
    texts: BTreeMap<String, Text>,
    plurals: Option<PluralRules>,
    /// Changes whenever any text does (pages are re-rendered then).
    pub fingerprint: u64,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// A layer of text: where it was read from (for messages) and its text.
struct Layer {
    shown: PathBuf,
    text: String,
}

/// `pt-BR` is looked up as `pt`, then `pt-BR`: a regional file only says what
/// differs from its language's.
fn file_names(language: &str) -> Vec<String> {
    let mut names = Vec::new();
    if let Some((base, _)) = language.split_once(['-', '_']) {
        names.push(format!("{base}.yaml"));
    }
    names.push(format!("{language}.yaml"));
    names
}

impl Strings {
    /// The built-in English text alone (tests, and tools without a site).
    pub fn english() -> Strings {
        let mut s = Strings {
            language: "en".into(),
            texts: BTreeMap::new(),
            plurals: plural_rules("en"),
            fingerprint: 0,
        };
        if let Some(text) = embedded("en.yaml") {
            // The built-in file is tested to parse (tests below).
            let _ = s.add(&Layer {
                shown: PathBuf::from("themes/default/i18n/en.yaml"),
                text,
            });
        }
        s.fingerprint = crate::hashing::hash_of(&s.texts);
        s
    }

    /// The text for `language` of a site in `site_dir` using `theme` (a folder
    /// under `themes/`, or `default`). Returns the text and its warnings, or
    /// the errors of files that do not parse.
    pub fn load(
        site_dir: &Path,
        theme: &str,
        language: &str,
    ) -> Result<(Strings, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut strings = Strings::english();
        strings.language = language.to_string();
        strings.plurals = plural_rules(language);
        let english: Vec<String> = strings.texts.keys().cloned().collect();
        let mut layers = Vec::new();
        let mut found_language = language == "en" || language.starts_with("en-");
        for name in file_names(language) {
            if name != "en.yaml"
                && let Some(text) = embedded(&name)
            {
                found_language = true;
                layers.push(Layer {
                    shown: PathBuf::from(format!("themes/default/{FOLDER}/{name}")),
                    text,
                });
            }
        }
        // A theme folder on disk, the default theme's own copy included
        // (`helpsite init --theme-copy`), adds to and rewords the built-in text.
        let theme_dir = Some(site_dir.join("themes").join(theme)).filter(|d| d.is_dir());
        let mut on_disk: Vec<(PathBuf, PathBuf)> = Vec::new();
        if let Some(dir) = &theme_dir {
            for name in std::iter::once("en.yaml".to_string()).chain(file_names(language)) {
                on_disk.push((
                    dir.join(FOLDER).join(&name),
                    PathBuf::from(format!("themes/{theme}/{FOLDER}/{name}")),
                ));
            }
        }
        for name in file_names(language) {
            on_disk.push((
                site_dir.join(FOLDER).join(&name),
                PathBuf::from(format!("{FOLDER}/{name}")),
            ));
        }
        let mut errors = Vec::new();
        for (path, shown) in on_disk {
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    if !shown.ends_with("en.yaml") || language == "en" {
                        found_language = true;
                    }
                    layers.push(Layer { shown, text });
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => errors.push(
                    Diagnostic::error("io", format!("cannot read {}: {e}", shown.display()))
                        .at(&shown),
                ),
            }
        }
        let mut warnings = Vec::new();
        for layer in &layers {
            match strings.add(layer) {
                Ok(unknown) => {
                    // A theme may add keys of its own; a site's file adds only
                    // to what the theme says, so an unknown key there is a typo.
                    if layer.shown.starts_with(FOLDER) {
                        for (key, line) in unknown {
                            let known: Vec<&str> = english.iter().map(|k| k.as_str()).collect();
                            let mut d = Diagnostic::warning(
                                "i18n",
                                format!("`{key}` is not a text the theme shows"),
                            )
                            .at(&layer.shown)
                            .line(line);
                            d = match crate::diagnostics::closest(&key, &known) {
                                Some(k) => d.hint(format!("did you mean `{k}`?")),
                                None => d.hint(format!(
                                    "the keys are those of themes/default/{FOLDER}/en.yaml"
                                )),
                            };
                            warnings.push(d);
                        }
                    }
                }
                Err(d) => errors.push(d),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if !found_language {
            let shipped: Vec<String> = crate::default_theme::DEFAULT_THEME
                .get_dir(FOLDER)
                .map(|d| {
                    d.files()
                        .filter_map(|f| f.path().file_stem()?.to_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            warnings.push(
                Diagnostic::warning(
                    "i18n",
                    format!("the theme has no interface text in `{language}`: pages show it in English"),
                )
                .at(crate::config::CONFIG_FILE)
                .hint(format!(
                    "write {FOLDER}/{language}.yaml with the keys of the default theme's en.yaml (shipped: {})",
                    shipped.join(", ")
                )),
            );
        }
        strings.fingerprint = crate::hashing::hash_of(&(&strings.language, &strings.texts));
        Ok((strings, warnings))
    }

    /// Lays `layer` over the text so far; returns the keys it has that the
    /// text so far lacks, with their lines.
    fn add(&mut self, layer: &Layer) -> Result<Vec<(String, usize)>, Diagnostic> {
        let map: BTreeMap<String, serde_yaml::Value> =
            crate::yaml::parse(&layer.text, &layer.shown, 1, "interface text")?;
        let mut unknown = Vec::new();
        for (key, value) in map {
            let line = crate::yaml::key_line(&layer.text, &key).unwrap_or(1);
            let text = match text_of(value) {
                Ok(Some(t)) => t,
                Ok(None) => continue,
                Err(()) => {
                    return Err(Diagnostic::error(
                        "i18n",
                        format!("`{key}` is neither a text, a list of names nor plural forms"),
                    )
                    .at(&layer.shown)
                    .line(line)
                    .hint("write a text (`key: Words`), a list (`days: [Mo, Di, …]`) or plural forms (`key: {one: …, other: …}`)"));
                }
            };
            let shape = |t: &Text| match t {
                Text::One(_) => "a text",
                Text::List(_) => "a list",
                Text::Plural(_) => "plural forms",
            };
            if let Text::Plural(forms) = &text
                && !forms.contains_key("other")
            {
                return Err(Diagnostic::error(
                    "i18n",
                    format!("`{key}` has plural forms without `other`"),
                )
                .at(&layer.shown)
                .line(line)
                .hint("`other` is the form used when no other form fits; add it"));
            }
            match self.texts.get(&key) {
                None => unknown.push((key.clone(), line)),
                Some(old) => {
                    let lengths = match (old, &text) {
                        (Text::List(a), Text::List(b)) => Some((a.len(), b.len())),
                        _ => None,
                    };
                    // A plain text may become plural forms (a language whose
                    // grammar needs them) but not a list, nor a list a text.
                    let fits = matches!(
                        (old, &text),
                        (
                            Text::One(_) | Text::Plural(_),
                            Text::One(_) | Text::Plural(_)
                        ) | (Text::List(_), Text::List(_))
                    );
                    if !fits {
                        return Err(Diagnostic::error(
                            "i18n",
                            format!("`{key}` should be {}, not {}", shape(old), shape(&text)),
                        )
                        .at(&layer.shown)
                        .line(line)
                        .hint("write it as the default theme's en.yaml does"));
                    }
                    if let Some((want, got)) = lengths.filter(|(a, b)| a != b) {
                        return Err(Diagnostic::error(
                            "i18n",
                            format!("`{key}` lists {got} names; it needs {want}"),
                        )
                        .at(&layer.shown)
                        .line(line)
                        .hint("days start on Monday; months on January"));
                    }
                }
            }
            self.texts.insert(key, text);
        }
        Ok(unknown)
    }

    /// Whether `key` is a known text.
    pub fn has(&self, key: &str) -> bool {
        self.texts.contains_key(key)
    }

    /// The text of `key` with `{name}` filled from `args`; the key itself when
    /// it is unknown (a theme's own templates are told by `try_get`).
    pub fn get(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.try_get(key, None, args)
            .unwrap_or_else(|| key.to_string())
    }

    /// The form of `key` for the count `n` (shown as `shown`, which may be a
    /// range such as `3–5`), with `{n}` and `args` filled.
    pub fn count(&self, key: &str, n: u64, shown: &str, args: &[(&str, &str)]) -> String {
        let mut all = vec![("n", shown)];
        all.extend_from_slice(args);
        self.try_get(key, Some(n), &all)
            .unwrap_or_else(|| key.to_string())
    }

    /// The text of `key` (in its form for `n`), filled; `None` for an unknown
    /// key or a list.
    pub fn try_get(&self, key: &str, n: Option<u64>, args: &[(&str, &str)]) -> Option<String> {
        let pattern = match self.texts.get(key)? {
            Text::One(s) => s.as_str(),
            Text::List(_) => return None,
            Text::Plural(forms) => {
                let category = n
                    .zip(self.plurals.as_ref())
                    .and_then(|(n, rules)| rules.select(n).ok())
                    .unwrap_or(PluralCategory::OTHER);
                forms
                    .get(category_name(category))
                    .or_else(|| forms.get("other"))?
                    .as_str()
            }
        };
        Some(fill(pattern, args))
    }

    /// The `i`th name of a list (`days`, `months`).
    fn item(&self, key: &str, i: usize) -> &str {
        match self.texts.get(key) {
            Some(Text::List(items)) => items.get(i).map_or("", |s| s.as_str()),
            _ => "",
        }
    }

    /// The name of a weekday, 0 for Monday.
    pub fn day(&self, monday0: usize) -> &str {
        self.item("days", monday0)
    }

    /// A date in words (`3 March 2026`), with its weekday when asked.
    pub fn date(&self, d: jiff::civil::Date, weekday: bool) -> String {
        let day = d.day().to_string();
        let year = d.year().to_string();
        let month = self.item("months", (d.month() as usize).saturating_sub(1));
        let args = [
            ("day", day.as_str()),
            ("month", month),
            ("year", year.as_str()),
            (
                "weekday",
                self.day(d.weekday().to_monday_zero_offset() as usize),
            ),
        ];
        self.get(if weekday { "date_with_weekday" } else { "date" }, &args)
    }

    /// The texts the browser scripts read (keys under `script.`, without it),
    /// with the language, as JSON for a `<script type="application/json">`.
    pub fn script_json(&self) -> String {
        let mut map = serde_json::Map::new();
        map.insert("lang".into(), self.language.clone().into());
        for (key, text) in &self.texts {
            if let Some(short) = key.strip_prefix("script.") {
                let value = match text {
                    Text::One(s) => serde_json::Value::from(s.clone()),
                    Text::List(l) => serde_json::Value::from(l.clone()),
                    Text::Plural(forms) => serde_json::Value::Object(
                        forms
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone().into()))
                            .collect(),
                    ),
                };
                map.insert(short.to_string(), value);
            }
        }
        crate::escape::json_in_script(&serde_json::Value::Object(map))
    }
}

/// A YAML value as a text: a scalar is a text, a list of scalars a list, a
/// mapping of scalars plural forms; `None` for an empty value, `Err` for
/// anything else.
fn text_of(value: serde_yaml::Value) -> Result<Option<Text>, ()> {
    use serde_yaml::Value;
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match &value {
        Value::Null => Ok(None),
        Value::Sequence(items) => items
            .iter()
            .map(|i| scalar(i).ok_or(()))
            .collect::<Result<Vec<_>, _>>()
            .map(|l| Some(Text::List(l))),
        Value::Mapping(forms) => forms
            .iter()
            .map(|(k, v)| Ok((scalar(k).ok_or(())?, scalar(v).ok_or(())?)))
            .collect::<Result<BTreeMap<_, _>, _>>()
            .map(|m| Some(Text::Plural(m))),
        other => scalar(other).map(|s| Some(Text::One(s))).ok_or(()),
    }
}

/// `{name}` replaced by its value in `args`; other braces are kept.
fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    if !pattern.contains('{') {
        return pattern.to_string();
    }
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// CLDR's cardinal rules for `language`, or its base language's; `None`
/// where CLDR has none (every count then takes `other`).
fn plural_rules(language: &str) -> Option<PluralRules> {
    let base = language.split(['-', '_']).next().unwrap_or(language);
    [language, base].iter().find_map(|l| {
        let id: unic_langid::LanguageIdentifier = l.parse().ok()?;
        PluralRules::create(id, PluralRuleType::CARDINAL).ok()
    })
}

fn embedded(name: &str) -> Option<String> {
    crate::default_theme::DEFAULT_THEME
        .get_file(format!("{FOLDER}/{name}"))
        .and_then(|f| f.contents_utf8())
        .map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_language_parses_and_has_every_english_key_in_its_shape() {
        let english = Strings::english();
        assert!(english.texts.len() > 150, "{}", english.texts.len());
        let dir = crate::default_theme::DEFAULT_THEME.get_dir(FOLDER).unwrap();
        let mut languages = 0;
        for f in dir.files() {
            let name = f.path().file_name().unwrap().to_str().unwrap();
            let mut s = Strings::english();
            let unknown = s
                .add(&Layer {
                    shown: f.path().to_path_buf(),
                    text: f.contents_utf8().unwrap().to_string(),
                })
                .unwrap_or_else(|d| panic!("{name}: {d:?}"));
            assert!(unknown.is_empty(), "{name} has unknown keys {unknown:?}");
            let map: BTreeMap<String, Text> =
                serde_yaml::from_str(f.contents_utf8().unwrap()).unwrap();
            let missing: Vec<&String> = english
                .texts
                .keys()
                .filter(|k| !map.contains_key(*k))
                .collect();
            assert!(missing.is_empty(), "{name} lacks {missing:?}");
            languages += 1;
        }
        assert_eq!(languages, 8, "en ru de fr es pt zh ja");
    }

    #[test]
    fn plural_forms_follow_the_language() {
        let ru = Strings {
            language: "ru".into(),
            texts: BTreeMap::from([(
                "x".to_string(),
                Text::Plural(BTreeMap::from([
                    ("one".into(), "{n} статья".into()),
                    ("few".into(), "{n} статьи".into()),
                    ("many".into(), "{n} статей".into()),
                    ("other".into(), "{n} статьи".into()),
                ])),
            )]),
            plurals: plural_rules("ru"),
            fingerprint: 0,
        };
        assert_eq!(ru.count("x", 1, "1", &[]), "1 статья");
        assert_eq!(ru.count("x", 3, "3", &[]), "3 статьи");
        assert_eq!(ru.count("x", 5, "5", &[]), "5 статей");
        assert_eq!(ru.count("x", 21, "21", &[]), "21 статья");
        let en = Strings::english();
        assert_eq!(en.count("duration.days", 1, "1", &[]), "1 day");
        assert_eq!(en.count("duration.days", 5, "3–5", &[]), "3–5 days");
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(fill("{a} and {b}", &[("a", "x"), ("b", "y")]), "x and y");
        assert_eq!(fill("{a} {zz} {", &[("a", "{b}")]), "{b} {zz} {");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("é{a}é", &[("a", "ü")]), "éüé");
    }

    #[test]
    fn dates_are_written_in_the_language() {
        let en = Strings::english();
        let d = jiff::civil::date(2026, 12, 25);
        assert_eq!(en.date(d, false), "25 December 2026");
        assert_eq!(en.date(d, true), "Friday 25 December 2026");
    }
}
