//! The plain markdown copy of an article (`index.html.md` beside its page) for
//! readers that want text rather than HTML, such as language models and
//! `curl`: its title and description from the front matter, then its body as
//! written, with `{{support:…}}` references filled in and links made absolute
//! so that they work wherever the copy is read.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::markdown::{Fact, FactResolver, LinkResolver, LinkTarget};

/// Where the copy's links point: `origin` is the site's `scheme://host` (empty
/// when `base_url` is a bare path), `page_url` the article's own URL below it
/// (`/help/billing/refunds/`), for links to its anchors.
pub(crate) struct CopyLinks<'a> {
    pub links: &'a dyn LinkResolver,
    pub facts: &'a dyn FactResolver,
    pub origin: &'a str,
    pub page_url: &'a str,
}

/// The copy of an article whose front matter gave `title` and `description`
/// and whose markdown below it is `body`.
pub(crate) fn markdown_copy(
    title: &str,
    description: Option<&str>,
    body: &str,
    to: &CopyLinks,
) -> String {
    let mut out = format!("# {}\n\n", title.trim());
    if let Some(d) = description.map(str::trim).filter(|d| !d.is_empty()) {
        out.push_str(&format!("> {}\n\n", crate::whitespace::collapse(d)));
    }
    out.push_str(&rewritten(body, to));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// `body` with each link destination and support reference replaced.
fn rewritten(body: &str, to: &CopyLinks) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut in_code = 0usize;
    let mut parser = Parser::new_ext(body, options).into_offset_iter();
    for (event, range) in parser.by_ref() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Start(
                Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type: LinkType::Inline,
                    dest_url,
                    ..
                },
            ) => {
                // The destination as written is the last `(dest` of the link's text.
                let written = &body[range.clone()];
                let found = written
                    .rfind(&format!("(<{dest_url}>"))
                    .map(|i| i + 2)
                    .or_else(|| written.rfind(&format!("({dest_url}")).map(|i| i + 1));
                if let (Some(at), Some(url)) = (found, absolute(&dest_url, to)) {
                    let start = range.start + at;
                    edits.push((start, start + dest_url.len(), url));
                }
            }
            Event::Text(_) if in_code == 0 => {
                let text = &body[range.clone()];
                let mut from = 0;
                while let Some(open) = text[from..].find("{{").map(|i| i + from) {
                    let Some(close) = text[open..].find("}}").map(|i| i + open) else {
                        break;
                    };
                    let inner = text[open + 2..close].trim();
                    if let Some(fact) = inner
                        .strip_prefix("support:")
                        .and_then(|key| to.facts.resolve(key.trim()).ok())
                    {
                        edits.push((range.start + open, range.start + close + 2, shown(fact, to)));
                    }
                    from = close + 2;
                }
            }
            _ => {}
        }
    }
    // Reference definitions (`[name]: dest`) hold their links' destinations.
    for (_, def) in parser.reference_definitions().iter() {
        let written = &body[def.span.clone()];
        if let (Some(at), Some(url)) = (written.find(def.dest.as_ref()), absolute(&def.dest, to)) {
            let start = def.span.start + at;
            edits.push((start, start + def.dest.len(), url));
        }
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(body.len() + 64);
    let mut at = 0;
    for (start, end, text) in edits {
        if start < at || end > body.len() {
            continue;
        }
        out.push_str(&body[at..start]);
        out.push_str(&text);
        at = end;
    }
    out.push_str(&body[at..]);
    out
}

/// A link destination as the copy should hold it, or `None` to leave it.
fn absolute(dest: &str, to: &CopyLinks) -> Option<String> {
    match to.links.resolve(dest, false) {
        LinkTarget::Internal { url, .. } if url.starts_with('#') => {
            Some(format!("{}{}{url}", to.origin, to.page_url))
        }
        LinkTarget::Internal { url, .. } | LinkTarget::OtherLanguage { url, .. } => {
            Some(from_root(&url, to))
        }
        LinkTarget::Keep if dest.starts_with('/') && !dest.starts_with("//") => {
            Some(from_root(dest, to))
        }
        _ => None,
    }
}

fn from_root(path: &str, to: &CopyLinks) -> String {
    format!("{}{path}", to.origin)
}

/// A support fact as markdown: its text, linked when it has an address.
fn shown(fact: Fact, to: &CopyLinks) -> String {
    match fact.href {
        Some(href) if href.starts_with('/') => format!("[{}]({})", fact.text, from_root(&href, to)),
        Some(href) => format!("[{}]({href})", fact.text),
        None => fact.text,
    }
}
