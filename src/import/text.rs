//! Body conversions the importers share: walking prose apart from code,
//! notes and admonitions as callouts (GitHub's `> [!NOTE]`), links rewritten
//! to relative `.md` paths, and where in the source a piece of text was.

use std::sync::LazyLock;

use regex::Regex;

/// A piece of a page's body: prose, or a fenced code block (left alone).
pub(crate) struct Piece {
    pub code: bool,
    pub text: String,
    /// Byte offset of the piece in the body.
    pub at: usize,
}

/// Splits a body into prose and fenced code blocks (``` or ~~~, any indent).
pub(crate) fn pieces(body: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim_start();
        let run = |c: char| t.chars().take_while(|&x| x == c).count();
        let code_line = match fence {
            Some((c, n)) => {
                if run(c) >= n && t.trim_end().chars().all(|x| x == c) {
                    fence = None;
                }
                true
            }
            None => {
                let (b, g) = (run('`'), run('~'));
                if b >= 3 {
                    fence = Some(('`', b));
                    true
                } else if g >= 3 {
                    fence = Some(('~', g));
                    true
                } else {
                    false
                }
            }
        };
        match out.last_mut() {
            Some(p) if p.code == code_line => p.text.push_str(line),
            _ => out.push(Piece {
                code: code_line,
                text: line.to_string(),
                at: offset,
            }),
        }
        offset += line.len();
    }
    out
}

/// Applies `f` to the prose of `body` (each prose piece with its offset),
/// leaving code blocks as they are.
pub(crate) fn map_prose(body: &str, mut f: impl FnMut(&str, usize) -> String) -> String {
    pieces(body)
        .into_iter()
        .map(|p| if p.code { p.text } else { f(&p.text, p.at) })
        .collect()
}

/// The 1-based source line of byte `offset` of a body starting at `body_line`.
pub(crate) fn line_at(body: &str, body_line: usize, offset: usize) -> usize {
    body_line + body[..offset.min(body.len())].matches('\n').count()
}

/// GitHub's alert kind for an admonition or note name.
pub(crate) fn alert_kind(name: &str) -> &'static str {
    match name.to_ascii_lowercase().as_str() {
        "tip" | "hint" | "success" | "check" | "done" | "example" => "TIP",
        "important" | "info" | "todo" | "question" | "help" | "faq" | "abstract" | "summary"
        | "tldr" => "IMPORTANT",
        "warning" | "attention" | "caution-light" => "WARNING",
        "caution" | "danger" | "error" | "failure" | "fail" | "missing" | "bug" | "alert" => {
            "CAUTION"
        }
        _ => "NOTE",
    }
}

/// A callout: `> [!KIND]`, the title in bold when there is one, then the text.
pub(crate) fn callout(kind: &str, title: Option<&str>, content: &str) -> String {
    let mut out = format!("> [!{kind}]\n");
    if let Some(t) = title.map(str::trim).filter(|t| !t.is_empty()) {
        out.push_str(&format!("> **{t}**\n>\n"));
    }
    for line in content.trim_matches('\n').lines() {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The relative link from the page at `from` to `to` (both below `content/`).
pub(crate) fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = match from.rsplit_once('/') {
        Some((d, _)) => d.split('/').collect(),
        None => Vec::new(),
    };
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = vec![".."; from_dir.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

/// The first line's `# Heading` (after blank lines), and the body without it.
pub(crate) fn first_heading(body: &str) -> Option<(String, String)> {
    let start = body.len() - body.trim_start_matches(['\n', ' ']).len();
    let rest = &body[start..];
    let line = rest.lines().next()?;
    let heading = line.strip_prefix("# ")?.trim().trim_end_matches('#').trim();
    if heading.is_empty() {
        return None;
    }
    let after = &rest[line.len()..];
    Some((
        heading.to_string(),
        after.trim_start_matches('\n').to_string(),
    ))
}

/// Normalises `a/./b/../c` → `a/c`; `None` if it climbs above the root.
pub(crate) fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The folder of a path (`a/b.md` → `a`, `b.md` → ``).
pub(crate) fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

static INLINE_LINK: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"\]\(\s*(<[^>]*>|[^()\s]+)(\s+"[^"]*")?\s*\)"#).ok());
static REFERENCE_LINK: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"(?m)^( {0,3}\[[^\]]+\]:\s*)(\S+)"#).ok());

/// Rewrites the targets of markdown links and reference definitions in prose:
/// `f` gets each target and its offset, and returns its replacement, or
/// `None` to keep it.
pub(crate) fn rewrite_links(
    prose: &str,
    mut f: impl FnMut(&str, usize) -> Option<String>,
) -> String {
    let inline = replace_group(prose, &INLINE_LINK, 1, &mut f);
    replace_group(&inline, &REFERENCE_LINK, 2, &mut f)
}

fn replace_group(
    text: &str,
    re: &Option<Regex>,
    group: usize,
    f: &mut impl FnMut(&str, usize) -> Option<String>,
) -> String {
    let Some(re) = re else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for c in re.captures_iter(text) {
        let Some(target) = c.get(group) else { continue };
        let raw = target
            .as_str()
            .trim_start_matches('<')
            .trim_end_matches('>');
        if let Some(new) = f(raw, target.start()) {
            out.push_str(&text[last..target.start()]);
            out.push_str(&new);
            last = target.end();
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Splits a link target into its path and `#fragment` (with the `#`).
pub(crate) fn split_fragment(target: &str) -> (&str, &str) {
    match target.find('#') {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    }
}

/// Whether a link goes elsewhere on the web, or is only a fragment or a mail.
pub(crate) fn is_external(target: &str) -> bool {
    target.starts_with('#')
        || target.starts_with("//")
        || target.split_once(':').is_some_and(|(s, _)| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_between_pages() {
        assert_eq!(relative("a/b.md", "a/c.md"), "c.md");
        assert_eq!(relative("a/b.md", "d/e.md"), "../d/e.md");
        assert_eq!(relative("b.md", "a/_index.md"), "a/_index.md");
        assert_eq!(relative("a/x/b.md", "a/c.md"), "../c.md");
    }

    #[test]
    fn code_is_left_alone() {
        let body = "a [x](y.md)\n```\n[x](y.md)\n```\nb\n";
        let out = map_prose(body, |p, _| rewrite_links(p, |_, _| Some("z.md".into())));
        assert_eq!(out, "a [x](z.md)\n```\n[x](y.md)\n```\nb\n");
    }

    #[test]
    fn links_and_references_are_rewritten() {
        let out = rewrite_links(
            "[a](one.md \"T\") ![i](pic.png) [b]: two.md\n[c]: <three.md>\n",
            |t, _| Some(format!("N{t}")),
        );
        assert_eq!(
            out,
            "[a](None.md \"T\") ![i](Npic.png) [b]: two.md\n[c]: Nthree.md\n"
        );
    }

    #[test]
    fn callouts_quote_every_line() {
        assert_eq!(
            callout("NOTE", Some("Heads up"), "one\n\ntwo\n"),
            "> [!NOTE]\n> **Heads up**\n>\n> one\n>\n> two\n"
        );
    }

    #[test]
    fn the_first_heading_is_the_title() {
        assert_eq!(
            first_heading("\n# Getting started #\n\nText.\n"),
            Some(("Getting started".into(), "Text.\n".into()))
        );
        assert_eq!(first_heading("Text first.\n# Late\n"), None);
    }
}
