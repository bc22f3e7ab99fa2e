//! How highlighted code is coloured: each token carries short classes naming
//! its look in the light and in the dark theme, and each theme's stylesheet
//! colours those classes.
//!
//! A theme's classes are named after its palette, in the order the theme
//! lists its colours: `l0`, `l1`… its text colours, `lg0`… its backgrounds,
//! `lb`, `li`, `lu` bold, italic and underlined; `d…` the same for the dark
//! theme. A stylesheet is therefore made from its theme alone, whatever the
//! pages hold, and a token costs `<span class="l3 d5">` where syntect's scope
//! classes cost a nest of `hl-source hl-rust hl-meta…` spans (3.6 bytes of
//! markup for each character of code in the benchmark corpora, against 19.5).
//!
//! Colours are made readable on the code block's background (WCAG AA), since
//! some bundled themes colour comments or keywords too faintly.

use std::fmt::Write;
use std::sync::LazyLock;

use syntect::highlighting::{Color, FontStyle, Highlighter, Style, Theme, ThemeSet};

static THEMES: LazyLock<ThemeSet> = LazyLock::new(ThemeSet::load_defaults);

/// The themes used when the configured one is unknown (an error is reported
/// where the site is loaded; this only keeps rendering going).
const DEFAULT_LIGHT: &str = "InspiredGitHub";
const DEFAULT_DARK: &str = "base16-ocean.dark";

/// Code block backgrounds of the default theme (`--code-bg` in style.css).
const LIGHT_CODE_BG: (u8, u8, u8) = (0xf4, 0xf6, 0xf8);
const DARK_CODE_BG: (u8, u8, u8) = (0x16, 0x1a, 0x20);

/// One of syntect's bundled themes, or the list of known names.
pub(crate) fn theme(name: &str) -> Result<&'static Theme, String> {
    THEMES.themes.get(name).ok_or_else(|| {
        let known: Vec<&str> = THEMES.themes.keys().map(String::as_str).collect();
        known.join(", ")
    })
}

/// How one token looks in one theme, as indices into its palette
/// (0: the theme's plain text, no class).
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub(crate) struct Mark {
    colour: u16,
    background: u16,
    font: u8,
}

impl Mark {
    /// Whether spaces in this look would show it (a background or an underline).
    fn shows_on_spaces(self) -> bool {
        self.background != 0 || self.font & FontStyle::UNDERLINE.bits() != 0
    }
}

/// How one token looks in both themes.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub(crate) struct Look {
    pub light: Mark,
    pub dark: Mark,
}

impl Look {
    pub(crate) fn is_plain(self) -> bool {
        self == Look::default()
    }

    /// Whether a run of spaces in `self` may take `other`'s look instead
    /// without a visible difference.
    pub(crate) fn spaces_may_join(self, other: Look) -> bool {
        ![self.light, self.dark, other.light, other.dark]
            .iter()
            .any(|m| m.shows_on_spaces())
    }
}

/// A theme's colours, numbered in the order the theme lists them.
struct Palette {
    prefix: char,
    plain: Style,
    colours: Vec<Color>,
    backgrounds: Vec<Color>,
}

impl Palette {
    fn new(theme: &Theme, prefix: char, plain: Style) -> Palette {
        let mut colours = Vec::new();
        let mut backgrounds = Vec::new();
        for item in &theme.scopes {
            if let Some(c) = item.style.foreground
                && c != plain.foreground
                && !colours.contains(&c)
            {
                colours.push(c);
            }
            if let Some(c) = item.style.background
                && c != plain.background
                && !backgrounds.contains(&c)
            {
                backgrounds.push(c);
            }
        }
        Palette {
            prefix,
            plain,
            colours,
            backgrounds,
        }
    }

    /// A theme has a few dozen colours, and looks are remembered per scope
    /// stack (highlight.rs), so a scan of the list is enough.
    fn mark(&self, style: Style) -> Mark {
        // 1 + its place in the list; 0 for the plain one (never listed).
        let number = |list: &[Color], c: Color| {
            list.iter()
                .position(|x| *x == c)
                .and_then(|i| u16::try_from(i + 1).ok())
                .unwrap_or(0)
        };
        let colour = number(&self.colours, style.foreground);
        let background = number(&self.backgrounds, style.background);
        Mark {
            colour,
            background,
            font: style.font_style.bits(),
        }
    }

    /// Appends `mark`'s classes, each after a space.
    fn write_classes(&self, mark: Mark, out: &mut String) {
        let p = self.prefix;
        if mark.colour != 0 {
            let _ = write!(out, " {p}{}", mark.colour - 1);
        }
        if mark.background != 0 {
            let _ = write!(out, " {p}g{}", mark.background - 1);
        }
        for (bit, name, _) in FONT_CLASSES {
            if mark.font & bit.bits() != 0 {
                let _ = write!(out, " {p}{name}");
            }
        }
    }

    /// The stylesheet colouring this palette's classes inside code blocks
    /// drawn on `background`.
    fn stylesheet(&self, theme_name: &str, background: (u8, u8, u8)) -> String {
        let p = self.prefix;
        let mut css = format!(
            "/* Code colours of syntect's \"{theme_name}\" theme, made readable on this \
             background: {p}N text colours, {p}gN backgrounds, {p}b bold, {p}i italic, \
             {p}u underlined. */\n"
        );
        // Text the theme leaves plain is in its plain colour.
        let (r, g, b) = readable(over(self.plain.foreground, background), background);
        let _ = writeln!(css, ".code code{{color:#{r:02x}{g:02x}{b:02x}}}");
        for (i, c) in self.colours.iter().enumerate() {
            let (r, g, b) = readable(over(*c, background), background);
            let _ = writeln!(css, ".code .{p}{i}{{color:#{r:02x}{g:02x}{b:02x}}}");
        }
        for (i, c) in self.backgrounds.iter().enumerate() {
            let (r, g, b) = over(*c, background);
            let _ = writeln!(
                css,
                ".code .{p}g{i}{{background-color:#{r:02x}{g:02x}{b:02x}}}"
            );
        }
        for (_, name, rule) in FONT_CLASSES {
            let _ = writeln!(css, ".code .{p}{name}{{{rule}}}");
        }
        css
    }
}

/// Each font style's class letter and rule.
const FONT_CLASSES: [(FontStyle, char, &str); 3] = [
    (FontStyle::BOLD, 'b', "font-weight:bold"),
    (FontStyle::ITALIC, 'i', "font-style:italic"),
    (FontStyle::UNDERLINE, 'u', "text-decoration:underline"),
];

/// The light and the dark theme, ready to highlight with and to write the
/// stylesheets of.
pub(crate) struct CodeThemes {
    pub light: Highlighter<'static>,
    pub dark: Highlighter<'static>,
    light_name: &'static str,
    dark_name: &'static str,
    light_palette: Palette,
    dark_palette: Palette,
}

impl CodeThemes {
    /// The themes named in the site's configuration (the default ones in
    /// place of a name that is not known).
    pub(crate) fn new(light: &str, dark: &str) -> CodeThemes {
        let named = |name: &str, default: &'static str| {
            THEMES
                .themes
                .get_key_value(name)
                .or_else(|| THEMES.themes.get_key_value(default))
                .map(|(n, t)| (n.as_str(), t))
        };
        // The defaults are part of syntect's bundled set; a theme with no
        // rules stands in should a later syntect drop them.
        static EMPTY: LazyLock<Theme> = LazyLock::new(Theme::default);
        let (light_name, light_theme) = named(light, DEFAULT_LIGHT).unwrap_or(("", &EMPTY));
        let (dark_name, dark_theme) = named(dark, DEFAULT_DARK).unwrap_or(("", &EMPTY));
        let light = Highlighter::new(light_theme);
        let dark = Highlighter::new(dark_theme);
        CodeThemes {
            light_palette: Palette::new(light_theme, 'l', light.get_default()),
            dark_palette: Palette::new(dark_theme, 'd', dark.get_default()),
            light,
            dark,
            light_name,
            dark_name,
        }
    }

    /// Which themes these are, for keys of highlighted HTML.
    pub(crate) fn names(&self) -> (&'static str, &'static str) {
        (self.light_name, self.dark_name)
    }

    pub(crate) fn look(&self, light: Style, dark: Style) -> Look {
        Look {
            light: self.light_palette.mark(light),
            dark: self.dark_palette.mark(dark),
        }
    }

    /// The value of the `class` attribute for `look` (not plain).
    pub(crate) fn write_class(&self, look: Look, out: &mut String) {
        let start = out.len();
        self.light_palette.write_classes(look.light, out);
        self.dark_palette.write_classes(look.dark, out);
        // Each class was written after a space; the first needs none.
        if out.len() > start {
            out.remove(start);
        }
    }

    /// The light and the dark stylesheet.
    pub(crate) fn stylesheets(&self) -> (String, String) {
        (
            self.light_palette
                .stylesheet(self.light_name, LIGHT_CODE_BG),
            self.dark_palette.stylesheet(self.dark_name, DARK_CODE_BG),
        )
    }
}

/// `c` drawn over `background`: an opaque colour.
fn over(c: Color, background: (u8, u8, u8)) -> (u8, u8, u8) {
    let a = f64::from(c.a) / 255.0;
    let mix = |x: u8, y: u8| (f64::from(x) * a + f64::from(y) * (1.0 - a)).round() as u8;
    (
        mix(c.r, background.0),
        mix(c.g, background.1),
        mix(c.b, background.2),
    )
}

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
fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn hex_colours<'a>(css: &'a str, property: &'a str) -> impl Iterator<Item = (u8, u8, u8)> + 'a {
        css.match_indices(property).map(|(i, _)| {
            let hex = &css[i + property.len()..i + property.len() + 6];
            let v = u32::from_str_radix(hex, 16).unwrap();
            ((v >> 16) as u8, (v >> 8) as u8, v as u8)
        })
    }

    #[test]
    fn every_text_colour_is_readable_on_its_background() {
        for (light, dark) in [
            ("InspiredGitHub", "base16-ocean.dark"),
            ("Solarized (light)", "Solarized (dark)"),
            ("base16-ocean.light", "base16-eighties.dark"),
        ] {
            let (l, d) = CodeThemes::new(light, dark).stylesheets();
            for (css, bg, name) in [(&l, LIGHT_CODE_BG, light), (&d, DARK_CODE_BG, dark)] {
                let colours: Vec<_> = hex_colours(css, "{color:#").collect();
                assert!(colours.len() > 5, "{name}: {css}");
                for c in colours {
                    assert!(contrast(c, bg) >= 4.5, "{name}: {c:?}");
                }
            }
        }
    }

    #[test]
    fn each_stylesheet_styles_only_its_own_classes() {
        let (l, d) = CodeThemes::new("InspiredGitHub", "base16-ocean.dark").stylesheets();
        for (css, own) in [(&l, ".code .l"), (&d, ".code .d")] {
            let rules: Vec<&str> = css
                .lines()
                .filter(|l| !l.starts_with("/*") && !l.starts_with(".code code{"))
                .collect();
            assert!(rules.len() > 5);
            assert!(rules.iter().all(|r| r.starts_with(own)), "{css}");
        }
        // Plain text takes the theme's plain colour.
        assert!(l.contains(".code code{color:#323232}"), "{l}");
        assert!(d.contains(".code code{color:#c0c5ce}"), "{d}");
        assert!(l.contains(".code .lb{font-weight:bold}"));
        assert!(l.contains("\"InspiredGitHub\""));
    }

    #[test]
    fn plain_text_has_no_class_and_marks_are_named_by_palette() {
        let themes = CodeThemes::new("InspiredGitHub", "base16-ocean.dark");
        let plain = themes.look(themes.light.get_default(), themes.dark.get_default());
        assert!(plain.is_plain());
        let mut bold_second = themes.light.get_default();
        bold_second.foreground = themes.light_palette.colours[1];
        bold_second.font_style = FontStyle::BOLD | FontStyle::ITALIC;
        let look = themes.look(bold_second, themes.dark.get_default());
        let mut class = String::new();
        themes.write_class(look, &mut class);
        assert_eq!(class, "l1 lb li");
    }

    #[test]
    fn unknown_names_fall_back_to_the_defaults() {
        assert!(theme("nope").unwrap_err().contains("InspiredGitHub"));
        let themes = CodeThemes::new("nope", "nada");
        assert_eq!(themes.names(), (DEFAULT_LIGHT, DEFAULT_DARK));
    }

    #[test]
    fn translucent_colours_are_drawn_over_the_background() {
        let half_black = Color {
            r: 0,
            g: 0,
            b: 0,
            a: 128,
        };
        assert_eq!(over(half_black, (255, 255, 255)), (127, 127, 127));
    }
}
