//! Code highlighting with syntect into CSS classes (`hl-…`), so one page works with
//! both the light and the dark stylesheet. The syntax set is loaded once per
//! process and highlighted blocks are cached by content, so `serve`'s rebuilds and
//! repeated snippets cost nothing.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, LazyLock, Mutex};

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);
static THEMES: LazyLock<ThemeSet> = LazyLock::new(ThemeSet::load_defaults);
static CACHE: LazyLock<Mutex<HashMap<u64, Arc<str>>>> = LazyLock::new(Default::default);

/// Languages written without highlighting on purpose: no warning for these.
const PLAIN: &[&str] = &["", "text", "txt", "plain", "plaintext", "output", "log"];

/// Common names that syntect's default set knows under another token.
fn alias(lang: &str) -> &str {
    match lang {
        "shell" | "sh" | "console" | "zsh" | "shell-session" => "bash",
        "js" | "javascript" | "mjs" | "cjs" | "jsx" => "js",
        "ts" | "typescript" | "tsx" => "js",
        "yml" => "yaml",
        "jsonc" | "json5" => "json",
        "html" | "htm" | "xhtml" => "html",
        "c++" | "cplusplus" => "cpp",
        "py" | "python3" => "python",
        "rs" => "rust",
        "golang" => "go",
        "md" => "markdown",
        "ini" | "toml" | "conf" | "cfg" | "env" => "ini",
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
    let key = {
        let mut h = std::hash::DefaultHasher::new();
        syntax.name.hash(&mut h);
        code.hash(&mut h);
        h.finish()
    };
    if let Ok(cache) = CACHE.lock()
        && let Some(hit) = cache.get(&key)
    {
        return Highlighted {
            html: hit.clone(),
            known_language,
        };
    }
    let html: Arc<str> = classed(code, syntax).unwrap_or_else(|| escape(code)).into();
    if let Ok(mut cache) = CACHE.lock() {
        cache.insert(key, html.clone());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes() {
        let h = highlight("fn main() {}\n", "rust", true);
        assert!(h.known_language);
        assert!(h.html.contains("hl-"), "{}", h.html);
    }

    #[test]
    fn unknown_language_is_plain_and_escaped() {
        let h = highlight("<b>x</b>\n", "klingon", true);
        assert!(!h.known_language);
        assert_eq!(&*h.html, "&lt;b&gt;x&lt;/b&gt;\n");
    }

    #[test]
    fn themes_produce_css() {
        assert!(theme_css("InspiredGitHub").unwrap().contains(".hl-"));
        assert!(theme_css("nope").is_err());
    }
}
