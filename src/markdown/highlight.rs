//! Code highlighting with syntect into short CSS classes naming each token's
//! look in the light and the dark theme (code_styles.rs), so one page works
//! with both stylesheets. Runs of text that look the same are one span, and
//! plain text none. The syntax set is loaded once per
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

use syntect::parsing::{
    BasicScopeStackOp, ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet,
};
use syntect::util::LinesWithEndings;

use super::code_styles::{CodeThemes, Look};

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);
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
/// 100,000 blocks of the benchmark corpora's size (630 bytes). Beyond it
/// blocks are highlighted each time, so that the memory a site with much
/// code needs stays bounded.
const CACHE_BUDGET: usize = 64 << 20;

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(Default::default);

/// What identifies a highlighted block: its syntax, its text and the
/// themes its classes name (stable across processes of one helpsite build).
fn block_key(syntax: &str, code: &str, themes: &CodeThemes) -> u64 {
    crate::hashing::hash_of(&(syntax, code, themes.names()))
}

/// Adds blocks highlighted by an earlier process (their keys and HTML), not
/// yet counted as used.
pub(crate) fn remember(blocks: impl IntoIterator<Item = (u64, Arc<str>)>) {
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
pub(crate) fn cached() -> (Vec<(u64, Arc<str>)>, bool) {
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

/// Lets go of every highlighted block, once they are written for the next
/// build: the build's later stages (search) need the memory more.
pub(crate) fn forget() {
    if let Ok(mut cache) = CACHE.lock() {
        *cache = Cache::default();
    }
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
pub(crate) struct Highlighted {
    /// The inner HTML of `<code>`.
    pub html: Arc<str>,
    /// False when the language was named but is unknown (shown as plain text).
    pub known_language: bool,
}

/// Highlights `code` written in `lang` (the fence's first word) in `themes`
/// (none: highlighting is off).
pub(crate) fn highlight(code: &str, lang: &str, themes: Option<&CodeThemes>) -> Highlighted {
    let is_plain = PLAIN.contains(&lang.to_ascii_lowercase().as_str());
    let syntax = match themes {
        Some(themes) if !is_plain => syntax_for(lang).map(|s| (s, themes)),
        _ => None,
    };
    let known_language = is_plain || syntax.is_some() || themes.is_none();
    let Some((syntax, themes)) = syntax else {
        return Highlighted {
            html: escape(code).into(),
            known_language,
        };
    };
    let key = block_key(&syntax.name, code, themes);
    if let Ok(mut cache) = CACHE.lock()
        && let Some((hit, used)) = cache.blocks.get_mut(&key)
    {
        *used = true;
        return Highlighted {
            html: hit.clone(),
            known_language,
        };
    }
    let html: Arc<str> = classed(code, syntax, themes)
        .unwrap_or_else(|| escape(code))
        .into();
    if let Ok(mut cache) = CACHE.lock() {
        cache.changed = true;
        cache.insert(key, html.clone(), true);
    }
    Highlighted {
        html,
        known_language,
    }
}

/// `code` as spans of classes, or None if syntect fails on it.
fn classed(code: &str, syntax: &SyntaxReference, themes: &CodeThemes) -> Option<String> {
    let mut parse = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    // The look of each scope on the stack, innermost last.
    let mut looks: Vec<Look> = Vec::new();
    let mut runs = Runs {
        themes,
        html: String::with_capacity(code.len() * 2),
        look: Look::default(),
        text: String::new(),
    };
    LOOKS.with_borrow_mut(|memo| {
        memo.for_themes(themes);
        for line in LinesWithEndings::from(code) {
            let ops = parse.parse_line(line, &SYNTAXES).ok()?;
            let mut at = 0;
            for (end, op) in &ops {
                let look = looks.last().copied().unwrap_or_default();
                runs.push(look, line.get(at..*end)?);
                at = *end;
                stack
                    .apply_with_hook(op, |op, scopes| match op {
                        BasicScopeStackOp::Push(_) => looks.push(memo.look(themes, scopes)),
                        BasicScopeStackOp::Pop => {
                            looks.pop();
                        }
                    })
                    .ok()?;
            }
            let look = looks.last().copied().unwrap_or_default();
            runs.push(look, line.get(at..)?);
        }
        Some(())
    })?;
    runs.flush();
    Some(runs.html)
}

thread_local! {
    static LOOKS: std::cell::RefCell<Looks> = Default::default();
}

/// How each stack of scopes looks in the two themes, as syntect's
/// `Highlighter::style_for_stack` resolves it: code repeats the same stacks
/// over and over, and matching a stack against each theme's selectors is
/// most of highlighting's cost after parsing.
#[derive(Default)]
struct Looks {
    themes: (&'static str, &'static str),
    by_stack: HashMap<Box<[Scope]>, Look>,
}

/// The most stacks remembered per thread; beyond it the memo starts over,
/// so that its memory stays bounded (real code uses a few thousand).
const MAX_STACKS: usize = 1 << 16;

impl Looks {
    fn for_themes(&mut self, themes: &CodeThemes) {
        if self.themes != themes.names() || self.by_stack.len() > MAX_STACKS {
            self.by_stack.clear();
            self.themes = themes.names();
        }
    }

    fn look(&mut self, themes: &CodeThemes, stack: &[Scope]) -> Look {
        if let Some(look) = self.by_stack.get(stack) {
            return *look;
        }
        let look = themes.look(
            themes.light.style_for_stack(stack),
            themes.dark.style_for_stack(stack),
        );
        self.by_stack.insert(stack.into(), look);
        look
    }
}

/// Highlighted HTML being written: text that looks the same is gathered
/// into one span.
struct Runs<'a> {
    themes: &'a CodeThemes,
    html: String,
    /// How the text gathered so far looks.
    look: Look,
    text: String,
}

impl Runs<'_> {
    fn push(&mut self, look: Look, text: &str) {
        if text.is_empty() {
            return;
        }
        // Spaces look the same in any colour, so they join the run before
        // them rather than starting a span of their own.
        let joins = look == self.look
            || (text.bytes().all(|b| b.is_ascii_whitespace()) && self.look.spaces_may_join(look));
        if !joins {
            self.flush();
            self.look = look;
        }
        self.text.push_str(text);
    }

    fn flush(&mut self) {
        if self.text.is_empty() {
            return;
        }
        if self.look.is_plain() {
            let _ = pulldown_cmark_escape::escape_html_body_text(&mut self.html, &self.text);
        } else {
            self.html.push_str("<span class=\"");
            self.themes.write_class(self.look, &mut self.html);
            self.html.push_str("\">");
            let _ = pulldown_cmark_escape::escape_html_body_text(&mut self.html, &self.text);
            self.html.push_str("</span>");
        }
        self.text.clear();
    }
}

fn escape(code: &str) -> String {
    let mut s = String::with_capacity(code.len() + 16);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut s, code);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn themes() -> CodeThemes {
        CodeThemes::new("InspiredGitHub", "base16-ocean.dark")
    }

    /// The text of highlighted HTML: tags dropped, entities decoded.
    fn text_of(html: &str) -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    #[test]
    fn known_languages_get_classes_of_both_themes() {
        let h = highlight("fn main() {}\n", "rust", Some(&themes()));
        assert!(h.known_language);
        assert!(h.html.starts_with("<span class=\"l"), "{}", h.html);
        assert!(h.html.contains(" d"), "{}", h.html);
    }

    #[test]
    fn highlighting_keeps_the_text_and_escapes_it() {
        for (lang, code) in [
            (
                "rust",
                "fn main() {\n    let v: Vec<u8> = a && b; // <b>\n}\n",
            ),
            ("html", "<a href=\"x?a=1&b=2\">&amp;</a>\n"),
            ("bash", "# comment <x>\necho \"$HOME\" > /tmp/f 2>&1\n"),
            (
                "python",
                "def f(x):\n    return x < 1 and 'a' or \"b\"\n\n\n",
            ),
            ("json", "{\"a\": [1, 2.5, true, null]}"),
        ] {
            let h = highlight(code, lang, Some(&themes()));
            assert_eq!(text_of(&h.html), code, "{lang}: {}", h.html);
            assert!(!h.html.contains("<b>"), "{}", h.html);
            // Spans are flat: each opened one is closed before the next.
            assert_eq!(
                h.html.matches("<span").count(),
                h.html.matches("</span>").count()
            );
            assert!(!h.html.contains("<span class=\"\">"), "{}", h.html);
        }
    }

    #[test]
    fn text_that_looks_the_same_is_one_span() {
        let h = highlight(
            "# one comment, many words: a b c d e f\n",
            "bash",
            Some(&themes()),
        );
        assert_eq!(h.html.matches("<span").count(), 1, "{}", h.html);
        // A keyword and the spaces around it need no span for the spaces.
        let h = highlight("if  true;  then  echo  hi;  fi\n", "bash", Some(&themes()));
        assert!(!h.html.contains("\"> </span>"), "{}", h.html);
    }

    /// Each character carries exactly the look syntect gives it in each
    /// theme on its own (its `HighlightLines`, one theme at a time), for
    /// themes with backgrounds, bold, italic and underlines.
    #[test]
    fn each_character_looks_as_syntect_draws_it_in_each_theme() {
        use syntect::easy::HighlightLines;
        let snippets = [
            (
                "rust",
                "#[derive(Debug)]\npub struct S<'a> { x: &'a str }\nfn main() { let v = vec![1, 2]; println!(\"{v:?}\"); }\n",
            ),
            (
                "diff",
                "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n-old line\n+new line\n context\n",
            ),
            (
                "python",
                "@decorator\ndef f(x: int) -> str:\n    \"\"\"Doc.\"\"\"\n    return f\"{x!r}\" if x else None  # c\n",
            ),
            (
                "html",
                "<!doctype html>\n<a href=\"x?a=1&b=2\" class='c'>&amp; <b>t</b></a>\n",
            ),
            (
                "css",
                ".a > b:hover { color: #fff; margin: 0 1px !important; }\n",
            ),
            (
                "markdown",
                "# Title\n*em* **strong** `code` [link](http://x)\n",
            ),
            (
                "yaml",
                "key: value\nlist:\n  - \"two\"\nanchor: &a {b: c}\n",
            ),
            ("sql", "SELECT a, COUNT(*) FROM t WHERE b = 'x'; -- c\n"),
        ];
        for (light, dark) in [
            ("InspiredGitHub", "base16-ocean.dark"),
            ("Solarized (light)", "Solarized (dark)"),
            ("base16-ocean.light", "base16-mocha.dark"),
        ] {
            let themes = CodeThemes::new(light, dark);
            for (lang, code) in snippets {
                let syntax = syntax_for(lang).unwrap();
                let per_char = |name: &str| {
                    let theme = crate::markdown::code_styles::theme(name).unwrap();
                    let mut lines = HighlightLines::new(syntax, theme);
                    let mut styles = Vec::new();
                    for line in LinesWithEndings::from(code) {
                        for (style, text) in lines.highlight_line(line, &SYNTAXES).unwrap() {
                            styles.extend(text.chars().map(|c| (c, style)));
                        }
                    }
                    styles
                };
                let expected: Vec<(char, String)> = per_char(light)
                    .into_iter()
                    .zip(per_char(dark))
                    .filter(|((c, _), _)| !c.is_whitespace())
                    .map(|((c, l), (_, d))| {
                        let mut class = String::new();
                        let look = themes.look(l, d);
                        if !look.is_plain() {
                            themes.write_class(look, &mut class);
                        }
                        (c, class)
                    })
                    .collect();
                let html = classed(code, syntax, &themes).unwrap();
                let mut actual = Vec::new();
                for (i, part) in html.split("<span class=\"").enumerate() {
                    let (class, rest) = match i {
                        0 => ("", part),
                        _ => part.split_once("\">").unwrap(),
                    };
                    let (inside, after) = rest.split_once("</span>").unwrap_or((rest, ""));
                    for (text, class) in [(inside, class), (after, "")] {
                        let text = text_of(text);
                        actual.extend(
                            text.chars()
                                .filter(|c| !c.is_whitespace())
                                .map(|c| (c, class.to_string())),
                        );
                    }
                }
                assert_eq!(actual, expected, "{light}/{dark}, {lang}: {html}");
            }
        }
    }

    #[test]
    fn the_themes_are_part_of_a_blocks_key() {
        let code = "fn main() { let x = 1; }\n";
        let a = highlight(code, "rust", Some(&themes()));
        let b = highlight(
            code,
            "rust",
            Some(&CodeThemes::new("Solarized (light)", "base16-ocean.dark")),
        );
        assert_ne!(a.html, b.html);
        let off = highlight(code, "rust", None);
        assert!(off.known_language);
        assert_eq!(&*off.html, "fn main() { let x = 1; }\n");
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
            syntax_for(lang).is_none() || !highlight("x\n", lang, Some(&themes())).known_language
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
        let h = highlight("<b>x</b>\n", "klingon", Some(&themes()));
        assert!(!h.known_language);
        assert_eq!(&*h.html, "&lt;b&gt;x&lt;/b&gt;\n");
    }
}
