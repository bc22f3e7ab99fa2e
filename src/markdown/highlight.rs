//! Code highlighting with syntect into CSS classes (`hl-…`), so one page works with
//! both the light and the dark stylesheet. The syntax set is loaded once per
//! process and highlighted blocks are cached by content, so `serve`'s rebuilds and
//! repeated snippets cost nothing; `helpsite build` keeps the blocks it used
//! for the next build (`cached`, `remember`, pipeline/previous.rs), since
//! syntect takes about 100 µs a block.
//!
//! The syntaxes are bat's curated set (two-face): syntect's defaults plus
//! what documentation uses and the defaults lack (TOML, TypeScript, HTTP,
//! nginx, PowerShell, Dockerfile, SCSS, GraphQL, Terraform, Kotlin, Swift…).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);
static THEMES: LazyLock<ThemeSet> = LazyLock::new(ThemeSet::load_defaults);
/// Highlighted blocks by `block_key`, each with whether this process used
/// it, within `CACHE_BUDGET` bytes of HTML.
#[derive(Default)]
struct Cache {
    blocks: HashMap<u64, (Arc<str>, bool)>,
    bytes: usize,
    /// Whether the set of blocks used differs from the set remembered: a
    /// block was highlighted, or one remembered was not used, or one was
    /// left out for the budget.
    changed: bool,
}

impl Cache {
    /// Keeps `html` under `key` if the budget allows; tells whether it did.
    fn insert(&mut self, key: u64, html: Arc<str>, used: bool) -> bool {
        if self.bytes + html.len() > CACHE_BUDGET {
            return false;
        }
        self.bytes += html.len();
        self.blocks.insert(key, (html, used));
        true
    }
}

/// The most highlighted HTML kept in memory (and for the next build): about
/// 30,000 blocks. Beyond it blocks are highlighted each time, so that the
/// memory a site with much code needs stays bounded.
const CACHE_BUDGET: usize = 64 << 20;

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(Default::default);

/// What identifies a highlighted block: its syntax and its text (stable
/// across processes of one helpsite build).
fn block_key(syntax: &str, code: &str) -> u64 {
    crate::hashing::hash_of(&(syntax, code))
}

/// Adds blocks highlighted by an earlier process (their keys and HTML), not
/// yet counted as used.
pub fn remember(blocks: impl IntoIterator<Item = (u64, Arc<str>)>) {
    if let Ok(mut cache) = CACHE.lock() {
        for (key, html) in blocks {
            if !cache.blocks.contains_key(&key) && !cache.insert(key, html, false) {
                break;
            }
        }
    }
}

/// The blocks this process highlighted or took from the cache, by key, and
/// whether they are other than those `remember` was given.
pub fn cached() -> (Vec<(u64, Arc<str>)>, bool) {
    let Ok(cache) = CACHE.lock() else {
        return (Vec::new(), true);
    };
    let used: Vec<(u64, Arc<str>)> = cache
        .blocks
        .iter()
        .filter(|(_, (_, used))| *used)
        .map(|(k, (html, _))| (*k, html.clone()))
        .collect();
    let changed = cache.changed || used.len() != cache.blocks.len();
    (used, changed)
}

/// Languages written without highlighting on purpose: no warning for these.
const PLAIN: &[&str] = &[
    "",
    "text",
    "txt",
    "plain",
    "plaintext",
    "output",
    "log",
    "tree",
    "goat",
    "ascii",
];

/// Common fence names that the syntax set knows under another token.
fn alias(lang: &str) -> &str {
    match lang {
        "shell" | "sh" | "console" | "zsh" | "shell-session" | "shellsession" => "bash",
        "js" | "javascript" | "mjs" | "cjs" => "js",
        "ts" | "typescript" => "ts",
        "yml" => "yaml",
        "jsonc" | "json5" => "json",
        "html" | "htm" | "xhtml" => "html",
        // Go's and Liquid's templates are written inside HTML.
        "go-html-template" | "go-template" | "gotmpl" | "gohtml" | "tmpl" | "liquid" => "html",
        "c++" | "cplusplus" => "cpp",
        "py" | "python3" => "python",
        "rs" => "rust",
        "golang" => "go",
        "md" => "markdown",
        "conf" | "cfg" | "env" => "ini",
        "terraform" | "tf" | "hcl" => "tf",
        "ps" | "ps1" | "pwsh" => "powershell",
        "docker" => "dockerfile",
        "properties" | "java-properties" => "properties",
        "gql" => "graphql",
        "kt" | "kts" => "kotlin",
        "rb" => "ruby",
        "csharp" | "c#" => "cs",
        "patch" => "diff",
        other => other,
    }
}

fn syntax_for(lang: &str) -> Option<&'static SyntaxReference> {
    let l = lang.to_ascii_lowercase();
    let l = alias(&l);
    SYNTAXES
        .find_syntax_by_token(l)
        .or_else(|| SYNTAXES.find_syntax_by_extension(l))
}

/// Result of highlighting one block.
pub struct Highlighted {
    /// The inner HTML of `<code>`.
    pub html: Arc<str>,
    /// False when the language was named but is unknown (shown as plain text).
    pub known_language: bool,
}

/// Highlights `code` written in `lang` (the fence's first word).
pub fn highlight(code: &str, lang: &str, enabled: bool) -> Highlighted {
    let is_plain = PLAIN.contains(&lang.to_ascii_lowercase().as_str());
    let syntax = if enabled && !is_plain {
        syntax_for(lang)
    } else {
        None
    };
    let known_language = is_plain || syntax.is_some() || !enabled;
    let Some(syntax) = syntax else {
        return Highlighted {
            html: escape(code).into(),
            known_language,
        };
    };
    let key = block_key(&syntax.name, code);
    if let Ok(mut cache) = CACHE.lock()
        && let Some((hit, used)) = cache.blocks.get_mut(&key)
    {
        *used = true;
        return Highlighted {
            html: hit.clone(),
            known_language,
        };
    }
    let html: Arc<str> = classed(code, syntax).unwrap_or_else(|| escape(code)).into();
    if let Ok(mut cache) = CACHE.lock() {
        cache.changed = true;
        cache.insert(key, html.clone(), true);
    }
    Highlighted {
        html,
        known_language,
    }
}

fn classed(code: &str, syntax: &SyntaxReference) -> Option<String> {
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

fn escape(code: &str) -> String {
    let mut s = String::with_capacity(code.len() + 16);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut s, code);
    s
}

/// The stylesheet for one of syntect's bundled themes, or the list of known names.
pub fn theme_css(name: &str) -> Result<String, String> {
    let Some(theme) = THEMES.themes.get(name) else {
        let known: Vec<&str> = THEMES.themes.keys().map(String::as_str).collect();
        return Err(known.join(", "));
    };
    css_for_theme_with_class_style(theme, CLASS_STYLE).map_err(|e| e.to_string())
}

/// Code block backgrounds of the default theme (`--code-bg` in style.css).
pub const LIGHT_CODE_BG: (u8, u8, u8) = (0xf4, 0xf6, 0xf8);
pub const DARK_CODE_BG: (u8, u8, u8) = (0x16, 0x1a, 0x20);

/// WCAG 2.1 AA for normal text.
const MIN_CONTRAST: f64 = 4.6;

fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG contrast ratio of two colours.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Moves `color` towards black (light background) or white (dark background)
/// until it reaches AA contrast against `background`; keeps it if it already does.
fn readable(color: (u8, u8, u8), background: (u8, u8, u8)) -> (u8, u8, u8) {
    let target: f64 = if luminance(background) > 0.5 {
        0.0
    } else {
        255.0
    };
    let mut c = color;
    for step in 1..=20 {
        if contrast(c, background) >= MIN_CONTRAST {
            break;
        }
        let t = f64::from(step) / 20.0;
        let mix = |x: u8| (f64::from(x) * (1.0 - t) + target * t).round() as u8;
        c = (mix(color.0), mix(color.1), mix(color.2));
    }
    c
}

/// A syntect theme's CSS with every text colour made readable on `background`:
/// some bundled themes colour comments or keywords too faintly for WCAG AA.
pub fn readable_css(css: &str, background: (u8, u8, u8)) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("color: #") {
        let is_background = rest[..i].ends_with("background-");
        let start = i + "color: #".len();
        out.push_str(&rest[..start]);
        let hex = rest.get(start..start + 6).unwrap_or("");
        let parsed = (hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| u32::from_str_radix(hex, 16).ok())
            .flatten();
        match parsed {
            Some(v) if !is_background => {
                let c = readable(((v >> 16) as u8, (v >> 8) as u8, v as u8), background);
                out.push_str(&format!("{:02x}{:02x}{:02x}", c.0, c.1, c.2));
                rest = &rest[start + 6..];
            }
            _ => rest = &rest[start..],
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes() {
        let h = highlight("fn main() {}\n", "rust", true);
        assert!(h.known_language);
        assert!(h.html.contains("hl-"), "{}", h.html);
    }

    /// What real documentation's fences name (the Hugo, Jekyll and Docusaurus
    /// sites measured in BENCHMARKS.md), beyond syntect's defaults.
    #[test]
    fn documentation_languages_are_highlighted() {
        let missing: Vec<&str> = [
            "http",
            "toml",
            "ini",
            "nginx",
            "powershell",
            "ps1",
            "dockerfile",
            "docker",
            "scss",
            "java-properties",
            "properties",
            "diff",
            "graphql",
            "terraform",
            "hcl",
            "kotlin",
            "swift",
            "php",
            "go",
            "ruby",
            "typescript",
            "ts",
            "tsx",
            "jsx",
            "vue",
            "yaml",
            "json",
            "bash",
            "console",
            "python",
            "java",
            "rust",
            "sql",
            "xml",
            "css",
            "csharp",
            "c",
        ]
        .into_iter()
        .filter(|lang| {
            let h = highlight("x = 1\n", lang, true);
            !(h.known_language && h.html.contains("hl-"))
        })
        .collect();
        assert!(missing.is_empty(), "not highlighted: {missing:?}");
    }

    #[test]
    fn the_cache_keeps_blocks_within_its_budget() {
        let mut cache = Cache::default();
        let big: Arc<str> = "x".repeat(CACHE_BUDGET / 2).into();
        assert!(cache.insert(1, big.clone(), true));
        assert!(cache.insert(2, big.clone(), false));
        assert!(!cache.insert(3, "y".into(), true), "the budget is spent");
        assert_eq!(cache.blocks.len(), 2);
        assert_eq!(cache.bytes, CACHE_BUDGET);
    }

    #[test]
    fn unknown_language_is_plain_and_escaped() {
        let h = highlight("<b>x</b>\n", "klingon", true);
        assert!(!h.known_language);
        assert_eq!(&*h.html, "&lt;b&gt;x&lt;/b&gt;\n");
    }

    #[test]
    fn theme_colours_are_made_readable() {
        for (name, bg) in [
            ("InspiredGitHub", LIGHT_CODE_BG),
            ("base16-ocean.dark", DARK_CODE_BG),
            ("Solarized (light)", LIGHT_CODE_BG),
        ] {
            let css = readable_css(&theme_css(name).unwrap(), bg);
            let mut checked = 0;
            for (i, _) in css.match_indices("color: #") {
                // Background colours are left alone; every text colour must pass.
                if css[..i].ends_with("background-") {
                    continue;
                }
                let hex = &css[i + 8..i + 14];
                let v = u32::from_str_radix(hex, 16).unwrap();
                let c = ((v >> 16) as u8, (v >> 8) as u8, v as u8);
                assert!(contrast(c, bg) >= 4.5, "{name}: #{hex}");
                checked += 1;
            }
            assert!(checked > 5, "{name}");
        }
    }

    #[test]
    fn themes_produce_css() {
        assert!(theme_css("InspiredGitHub").unwrap().contains(".hl-"));
        assert!(theme_css("nope").is_err());
    }
}
