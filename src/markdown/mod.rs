//! Markdown to HTML with pulldown-cmark. One pass over the event stream rewrites
//! what a support center needs: unique heading anchors and a table of contents,
//! GFM alerts as callouts, relative `.md` links resolved to URLs, code highlighted
//! by syntect, FAQ questions, and plain-text segments per heading for search.

pub(crate) mod code_styles;
pub(crate) mod highlight;

use std::collections::HashSet;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag,
    TagEnd,
};
use pulldown_cmark_escape::{escape_href, escape_html};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, line_col_of};
use crate::slug::{AnchorStyle, anchor, slugify};

/// Which document a rendering is of: an article or a section's own page, by
/// its index in the site's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Article(usize),
    Section(usize),
}

/// What a link destination turned out to be.
pub(crate) enum LinkTarget {
    /// Rewrite to `url`. `doc` is the document linked to (`None` for a file);
    /// a non-empty `fragment` must exist as an anchor in it.
    Internal {
        url: String,
        doc: Option<Doc>,
        fragment: Option<String>,
    },
    /// Left as written (external, absolute, mailto…).
    Keep,
    /// A link to nothing: reported as an error.
    Broken { message: String, hint: String },
    /// Rewritten to `url`, in another language than the page's (a
    /// translation's link to a page not translated yet): a warning says so.
    OtherLanguage {
        url: String,
        message: String,
        hint: String,
    },
}

/// Resolves link and image destinations for the document being rendered.
pub(crate) trait LinkResolver: Sync {
    fn resolve(&self, dest: &str, is_image: bool) -> LinkTarget;
}

/// A support fact an article refers to: text, or a link when `href` is set.
pub(crate) struct Fact {
    pub text: String,
    pub href: Option<String>,
}

/// Resolves `{{support:KEY}}` references; the error is a hint for the writer.
pub(crate) trait FactResolver: Sync {
    fn resolve(&self, key: &str) -> Result<Fact, String>;
}

/// A fragment that must exist in another document; checked once all are rendered.
#[derive(Debug, Clone)]
pub struct AnchorCheck {
    pub doc: Doc,
    pub fragment: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// The text under one heading: the unit of search results and FAQ answers.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    /// 0 for the text before the first heading.
    pub level: u8,
    pub id: Option<String>,
    pub heading: String,
    /// Its plain text on one line per passage (paragraph, list item, table
    /// row, code block): spaces within, `\n` between (`passage_break`).
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct FaqItem {
    pub question: String,
    pub id: String,
    pub answer: String,
}

/// A link as written, for the writer's lints.
#[derive(Debug, Clone)]
pub struct LinkRecord {
    pub dest: String,
    /// The document it resolved to, if any.
    pub doc: Option<Doc>,
    /// Left as written (absolute path, external URL, mailto…).
    pub kept: bool,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone)]
pub struct ImageRecord {
    pub dest: String,
    pub alt: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone)]
pub struct HeadingRecord {
    pub level: u8,
    pub title: String,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct Rendered {
    /// The HTML, unless it was packed (`pack_html`); `full_html` gives it either way.
    pub html: String,
    /// The HTML deflated, with its length: what a build keeps of an article's
    /// page until it is written (`pack_html`).
    pub packed_html: Option<(Vec<u8>, usize)>,
    pub toc: Vec<TocEntry>,
    /// Looked up for every link into this page on every rebuild, hence foldhash.
    pub anchors: HashSet<String, foldhash::fast::FixedState>,
    /// Anchors a heading had under the ASCII rules that GitHub's rules gave
    /// another name (`#store-s-passwords` → `#stores-passwords`), with the
    /// new one: kept in the page so links from elsewhere still land, and a
    /// link in the site that uses one is told the new name.
    pub renamed_anchors: Vec<(String, String)>,
    pub segments: Vec<Segment>,
    pub faq: Vec<FaqItem>,
    /// The first paragraph as plain text: a fallback description.
    pub summary: String,
    pub anchor_checks: Vec<AnchorCheck>,
    pub diagnostics: Vec<Diagnostic>,
    pub links: Vec<LinkRecord>,
    pub images: Vec<ImageRecord>,
    pub headings: Vec<HeadingRecord>,
    /// What the pages and markdown copies made from this rendering are keyed
    /// by (`set_identity`); 0 when the build keeps no keys.
    pub identity: u64,
}

/// The identity of a document's rendering: the same whenever rendering it
/// would give the same `Rendered`. It is the file's reading (`revision`) in
/// its environment (the options and what its links point to, `memo.rs`):
/// the markdown memo keeps renderings by it, and page keys stand for a
/// rendering by it.
pub(crate) fn rendered_key(environment: u64, kind: &str, name: &str, revision: u64) -> u64 {
    crate::hashing::hash_of(&(environment, kind, name, revision))
}

impl Rendered {
    /// Sets `identity`: the document's file (kind, name, reading) and what
    /// the rendering shows (its HTML, contents, FAQ and summary), not what it
    /// was made from. Where every other document is goes into each rendering
    /// (`rendered_key`), so an article added anywhere changed every key made
    /// from that; a page whose text came out the same is now kept. Call
    /// before `pack_html`.
    pub fn set_identity(&mut self, kind: &str, name: &str, revision: u64) {
        self.identity = crate::hashing::hash_of(&(
            kind,
            name,
            revision,
            &self.html,
            &self.toc,
            &self.faq,
            &self.summary,
        ));
    }

    /// Deflates the HTML. A build holds every article's HTML from the markdown
    /// stage until its page is written: at 100,000 articles that was a
    /// gigabyte, a third of the build's peak, and deflated it is a fifth of
    /// that (BENCHMARKS.md).
    pub fn pack_html(&mut self) {
        thread_local! {
            static DEFLATE: std::cell::RefCell<libdeflater::Compressor> =
                // Level 1: `fastest()` is level 0, which only stores.
                std::cell::RefCell::new(libdeflater::Compressor::new(
                    libdeflater::CompressionLvl::new(1).unwrap_or_default(),
                ));
        }
        let packed = DEFLATE.with_borrow_mut(|d| {
            let mut out = vec![0; d.deflate_compress_bound(self.html.len())];
            let n = d.deflate_compress(self.html.as_bytes(), &mut out).ok()?;
            out.truncate(n);
            out.shrink_to_fit();
            Some(out)
        });
        // Should deflating fail, the HTML simply stays as it is.
        if let Some(bytes) = packed {
            self.packed_html = Some((bytes, self.html.len()));
            self.html = String::new();
        }
    }

    /// The HTML, inflated if it was packed.
    pub fn full_html(&self) -> std::borrow::Cow<'_, str> {
        let Some((bytes, len)) = &self.packed_html else {
            return std::borrow::Cow::Borrowed(&self.html);
        };
        let mut out = vec![0; *len];
        let inflated = libdeflater::Decompressor::new()
            .deflate_decompress(bytes, &mut out)
            .ok()
            .filter(|n| n == len);
        // It was valid UTF-8 of this length when packed.
        match inflated.and_then(|_| String::from_utf8(out).ok()) {
            Some(html) => std::borrow::Cow::Owned(html),
            None => std::borrow::Cow::Borrowed(""),
        }
    }
}

pub(crate) struct MarkdownOptions<'a> {
    pub smart_punctuation: bool,
    /// The themes fenced code is highlighted in (none: not highlighted).
    pub highlight: Option<&'a code_styles::CodeThemes>,
    /// How heading anchors are made from their text.
    pub anchors: AnchorStyle,
    /// Resolves `{{support:…}}` references.
    pub facts: &'a dyn FactResolver,
    /// Callout titles and table labels in the page's language.
    pub strings: &'a crate::i18n::Strings,
}

/// Where the markdown comes from, for locating errors.
pub(crate) struct Source<'a> {
    /// Shown path (`content/a/b.md`).
    pub path: &'a std::path::Path,
    /// 1-based line of the file where `text` starts.
    pub first_line: usize,
    pub faq: bool,
}

pub(crate) fn render(
    text: &str,
    source: &Source,
    options: &MarkdownOptions<'_>,
    links: &dyn LinkResolver,
) -> Rendered {
    let mut opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM;
    if options.smart_punctuation {
        opts |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let mut r = Renderer {
        text,
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        source,
        options,
        links,
        out: Rendered::default(),
        events: Vec::new(),
        heading: None,
        old_anchors: Vec::new(),
        table: None,
        terms: Vec::new(),
        term: None,
        code: None,
        current: Segment {
            level: 0,
            id: None,
            heading: String::new(),
            text: String::new(),
        },
        in_first_paragraph: None,
        in_image: 0,
        image: None,
    };
    let events =
        pulldown_cmark::TextMergeWithOffset::new(Parser::new_ext(text, opts).into_offset_iter());
    for (event, range) in events {
        match event {
            Event::Text(t) if r.code.is_none() && t.contains("{{") => {
                r.text_with_references(t, range)
            }
            event => r.event(event, range.start),
        }
    }
    r.finish()
}

struct PendingHeading<'a> {
    level: HeadingLevel,
    id: Option<String>,
    classes: Vec<String>,
    attrs: Vec<(String, Option<String>)>,
    inner: Vec<Event<'a>>,
    text: String,
    offset: usize,
}

struct PendingCode {
    lang: String,
    code: String,
    offset: usize,
}

struct Renderer<'t, 's> {
    text: &'t str,
    /// Byte offset where each line starts, to locate events without rescanning.
    line_starts: Vec<usize>,
    source: &'s Source<'s>,
    options: &'s MarkdownOptions<'s>,
    links: &'s dyn LinkResolver,
    out: Rendered,
    events: Vec<Event<'t>>,
    heading: Option<PendingHeading<'t>>,
    code: Option<PendingCode>,
    current: Segment,
    /// `Some(done)` once the first paragraph started.
    in_first_paragraph: Option<bool>,
    in_image: usize,
    /// The image being read: its record, with alt text still being collected.
    image: Option<ImageRecord>,
    /// Headings whose ASCII-rules anchor differs from their own: (the
    /// heading's event, old name, anchor). The old names are added once the
    /// page's anchors are all known, so none repeats one of them.
    old_anchors: Vec<(usize, String, String)>,
    /// The table being read: its wrapper's event (named once the header row
    /// is known) and the header cells' text.
    table: Option<TableLabel>,
    /// Definition-list terms: each `<dt>`'s event and its text, given ids once
    /// the headings have theirs (so a term never takes a heading's name).
    terms: Vec<(usize, String)>,
    /// The term being read: its `<dt>`'s event and its text so far.
    term: Option<(usize, String)>,
}

struct TableLabel {
    wrap_event: usize,
    in_head: bool,
    cells: Vec<String>,
}

impl TableLabel {
    /// The scrolling wrapper of a table, a keyboard-reachable region named
    /// after its columns so a screen reader says which table scrolls.
    fn wrapper(&self, table: &str) -> String {
        let columns: Vec<&str> = self
            .cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        let mut label = String::from(table);
        if !columns.is_empty() {
            label.push_str(": ");
            label.push_str(&columns.join(", "));
        }
        if label.chars().count() > 80 {
            label = label.chars().take(79).collect::<String>() + "…";
        }
        let mut escaped = String::new();
        let _ = escape_html(&mut escaped, &label);
        format!(
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{escaped}\">\n"
        )
    }
}

impl<'t> Renderer<'t, '_> {
    /// Collects a header cell's text for its table's label, and a
    /// definition term's for its id.
    fn table_head_text(&mut self, text: &str) {
        if let Some((_, term)) = &mut self.term {
            term.push_str(text);
        }
        if let Some(cell) = self
            .table
            .as_mut()
            .filter(|t| t.in_head)
            .and_then(|t| t.cells.last_mut())
        {
            cell.push_str(text);
        }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let (_, col) = line_col_of(&self.text[start..], offset - start);
        (line + self.source.first_line - 1, col)
    }

    fn emit(&mut self, e: Event<'t>) {
        match &mut self.heading {
            Some(h) => h.inner.push(e),
            None => self.events.push(e),
        }
    }

    fn add_text(&mut self, t: &str) {
        if let Some(h) = &mut self.heading {
            h.text.push_str(t);
            return;
        }
        // Kept on one line as it comes: search reads it that way.
        crate::whitespace::push_collapsed(&mut self.current.text, t);
        if self.in_first_paragraph == Some(false) && self.out.summary.len() < 400 {
            self.out.summary.push_str(t);
        }
    }

    fn space(&mut self) {
        let t = &mut self.current.text;
        if !t.is_empty() && !t.ends_with([' ', '\n']) {
            t.push(' ');
        }
    }

    /// Ends a passage: a paragraph, list item, table row, code block or
    /// callout. Search shows and links to the passage of a section that best
    /// answers a query, so the section's text keeps where each passage ends,
    /// as a line break where other blocks leave a space.
    fn passage_break(&mut self) {
        let t = &mut self.current.text;
        if t.ends_with(' ') {
            t.pop();
        }
        if !t.is_empty() && !t.ends_with('\n') {
            t.push('\n');
        }
    }

    fn event(&mut self, event: Event<'t>, offset: usize) {
        if let Some(code) = &mut self.code {
            match event {
                Event::Text(t) => code.code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.finish_code(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag, offset),
            Event::Text(t) => {
                self.table_head_text(&t);
                if self.in_image == 0 {
                    self.add_text(&t);
                } else if let Some(img) = &mut self.image {
                    img.alt.push_str(&t);
                }
                self.emit(Event::Text(t));
            }
            Event::Code(t) => {
                self.table_head_text(&t);
                self.add_text(&t);
                self.emit(Event::Code(t));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.add_text(" ");
                self.emit(event);
            }
            other => self.emit(other),
        }
    }

    /// An element opens: headings and code blocks are held until they close,
    /// callouts, tables and terms get their wrappers, links and images their
    /// resolved addresses.
    fn start(&mut self, tag: Tag<'t>, offset: usize) {
        match tag {
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                self.heading = Some(PendingHeading {
                    level,
                    id: id.map(|s| s.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    attrs: attrs
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.as_ref().map(|v| v.to_string())))
                        .collect(),
                    inner: Vec::new(),
                    text: String::new(),
                    offset,
                });
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .unwrap_or("")
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some(PendingCode {
                    lang,
                    code: String::new(),
                    offset,
                });
            }
            Tag::BlockQuote(Some(kind)) => {
                let class = callout(kind);
                let title = crate::escape::html(
                    &self.options.strings.get(&format!("callout.{class}"), &[]),
                );
                self.emit(Event::Html(
                    format!(
                        "<div class=\"callout callout-{class}\" role=\"note\" aria-label=\"{title}\">\n<p class=\"callout-title\">{title}</p>\n"
                    )
                    .into(),
                ));
            }
            Tag::Table(a) => {
                self.emit(Event::Html("<div class=\"table-wrap\">\n".into()));
                self.table = Some(TableLabel {
                    wrap_event: self.events.len() - 1,
                    in_head: false,
                    cells: Vec::new(),
                });
                self.emit(Event::Start(Tag::Table(a)));
            }
            Tag::DefinitionListTitle => {
                // Like Hugo's autoDefinitionTermID: a term can be linked to.
                self.emit(Event::Html("<dt>".into()));
                self.term = Some((self.events.len() - 1, String::new()));
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
                self.emit(Event::Start(Tag::TableHead));
            }
            Tag::TableCell => {
                if let Some(t) = self.table.as_mut().filter(|t| t.in_head) {
                    t.cells.push(String::new());
                }
                self.emit(Event::Start(Tag::TableCell));
            }
            Tag::Paragraph => {
                if self.in_first_paragraph.is_none() && self.heading.is_none() {
                    self.in_first_paragraph = Some(false);
                }
                self.emit(Event::Start(Tag::Paragraph));
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.resolve(link_type, dest_url, false, offset);
                self.emit(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                self.in_image += 1;
                let (line, column) = self.position(offset);
                self.image = Some(ImageRecord {
                    dest: dest_url.to_string(),
                    alt: String::new(),
                    line,
                    column,
                });
                let dest_url = self.resolve(link_type, dest_url, true, offset);
                self.emit(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            other => self.emit(Event::Start(other)),
        }
    }

    /// An element closes: what `start` opened is finished, and block ends
    /// leave a space between the words search reads.
    fn end(&mut self, tag: TagEnd, offset: usize) {
        match tag {
            TagEnd::Heading(_) => self.finish_heading(offset),
            TagEnd::BlockQuote(Some(_)) => {
                self.emit(Event::Html("</div>\n".into()));
                self.passage_break();
            }
            TagEnd::DefinitionListTitle => {
                if let Some(term) = self.term.take() {
                    self.terms.push(term);
                }
                self.emit(Event::End(tag));
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                    let wrapper = t.wrapper(&self.options.strings.get("table", &[]));
                    if let Some(e) = self.events.get_mut(t.wrap_event) {
                        *e = Event::Html(wrapper.into());
                    }
                }
                self.emit(Event::End(tag));
                self.passage_break();
            }
            TagEnd::Table => {
                self.table = None;
                self.emit(Event::End(TagEnd::Table));
                self.emit(Event::Html("</div>\n".into()));
                self.passage_break();
            }
            TagEnd::TableRow | TagEnd::DefinitionListDefinition => {
                self.emit(Event::End(tag));
                self.passage_break();
            }
            TagEnd::Paragraph => {
                if self.in_first_paragraph == Some(false) {
                    self.in_first_paragraph = Some(true);
                }
                self.emit(Event::End(TagEnd::Paragraph));
                self.passage_break();
            }
            TagEnd::Image => {
                self.in_image = self.in_image.saturating_sub(1);
                if let Some(img) = self.image.take() {
                    self.out.images.push(img);
                }
                self.emit(Event::End(TagEnd::Image));
            }
            TagEnd::TableCell => {
                self.space();
                self.emit(Event::End(tag));
            }
            TagEnd::Item | TagEnd::BlockQuote(None) => {
                self.passage_break();
                self.emit(Event::End(tag));
            }
            other => self.emit(Event::End(other)),
        }
    }

    /// Expands `{{support:KEY}}` in a text event into the facts it names.
    fn text_with_references(&mut self, text: CowStr<'t>, range: std::ops::Range<usize>) {
        let mut rest: &str = &text;
        let mut search_from = range.start;
        while let Some(open) = rest.find("{{") {
            let Some(close) = rest[open..].find("}}").map(|c| c + open) else {
                break;
            };
            let inner = rest[open + 2..close].trim();
            let Some(key) = inner.strip_prefix("support:") else {
                self.event(
                    Event::Text(rest[..close + 2].to_string().into()),
                    range.start,
                );
                rest = &rest[close + 2..];
                continue;
            };
            if open > 0 {
                self.event(Event::Text(rest[..open].to_string().into()), range.start);
            }
            let key = key.trim();
            // Locate the reference in the source for messages.
            let source = self.text.get(search_from..range.end).unwrap_or("");
            let at = source.find(key).map_or(range.start, |i| search_from + i);
            search_from = at.min(range.end);
            match self.options.facts.resolve(key) {
                Ok(Fact { text, href: None }) => self.event(Event::Text(text.into()), at),
                Ok(Fact {
                    text,
                    href: Some(href),
                }) => {
                    self.add_text(&text);
                    let mut html = String::from("<a href=\"");
                    let _ = escape_href(&mut html, &href);
                    html.push_str("\">");
                    let _ = escape_html(&mut html, &text);
                    html.push_str("</a>");
                    self.emit(Event::InlineHtml(html.into()));
                }
                Err(hint) => {
                    let (line, col) = self.position(at);
                    self.out.diagnostics.push(
                        Diagnostic::error(
                            "support-reference",
                            format!("`{{{{support:{key}}}}}` refers to nothing in support.yaml"),
                        )
                        .at(self.source.path)
                        .line_col(line, col.saturating_sub(10).max(1))
                        .hint(hint),
                    );
                    self.event(Event::Text(format!("{{{{support:{key}}}}}").into()), at);
                }
            }
            rest = &rest[close + 2..];
        }
        if !rest.is_empty() {
            self.event(Event::Text(rest.to_string().into()), range.start);
        }
    }

    fn resolve(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'t>,
        image: bool,
        offset: usize,
    ) -> CowStr<'t> {
        let (line, column) = self.position(offset);
        let mut record = LinkRecord {
            dest: dest.to_string(),
            doc: None,
            kept: true,
            line,
            column,
        };
        if matches!(link_type, LinkType::Autolink | LinkType::Email) {
            if !image {
                self.out.links.push(record);
            }
            return dest;
        }
        match self.links.resolve(&dest, image) {
            LinkTarget::Keep => {
                if !image {
                    self.out.links.push(record);
                }
                dest
            }
            LinkTarget::Internal { url, doc, fragment } => {
                if let (Some(doc), Some(fragment)) = (doc, fragment.filter(|f| !f.is_empty())) {
                    self.out.anchor_checks.push(AnchorCheck {
                        doc,
                        fragment,
                        line,
                        column,
                    });
                }
                if !image {
                    record.doc = doc;
                    record.kept = false;
                    self.out.links.push(record);
                }
                url.into()
            }
            LinkTarget::Broken { message, hint } => {
                self.out.diagnostics.push(
                    Diagnostic::error("broken-link", message)
                        .at(self.source.path)
                        .line_col(line, column)
                        .hint(hint),
                );
                dest
            }
            LinkTarget::OtherLanguage { url, message, hint } => {
                self.out.diagnostics.push(
                    Diagnostic::warning("untranslated-link", message)
                        .at(self.source.path)
                        .line_col(line, column)
                        .hint(hint),
                );
                if !image {
                    record.kept = false;
                    self.out.links.push(record);
                }
                url.into()
            }
        }
    }

    fn unique_id(&mut self, wanted: &str, offset: usize, explicit: bool) -> String {
        let base = if wanted.is_empty() {
            "section".to_string()
        } else {
            wanted.to_string()
        };
        if !self.out.anchors.contains(&base) {
            self.out.anchors.insert(base.clone());
            return base;
        }
        if explicit {
            let (line, col) = self.position(offset);
            self.out.diagnostics.push(
                Diagnostic::warning(
                    "duplicate-anchor",
                    format!("the anchor #{base} is used twice"),
                )
                .at(self.source.path)
                .line_col(line, col)
                .hint("give each heading its own {#id}"),
            );
        }
        let mut n = 1;
        loop {
            let candidate = format!("{base}-{n}");
            if self.out.anchors.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }

    fn finish_heading(&mut self, offset: usize) {
        let Some(h) = self.heading.take() else { return };
        let explicit = h.id.is_some();
        let wanted =
            h.id.clone()
                .unwrap_or_else(|| anchor(&h.text, self.options.anchors));
        let id = self.unique_id(&wanted, offset, explicit);
        let old = (!explicit && self.options.anchors == AnchorStyle::Github)
            .then(|| slugify(&h.text))
            .filter(|old| !old.is_empty() && *old != id);
        let level = h.level as u8;
        let title = h.text.trim().to_string();
        let (line, _) = self.position(h.offset);
        self.out.headings.push(HeadingRecord {
            level,
            title: title.clone(),
            line,
        });

        let mut inner = String::new();
        pulldown_cmark::html::push_html(&mut inner, h.inner.into_iter());
        let mut classes = h.classes;
        let faq_question = self.source.faq && level == 2;
        if faq_question {
            classes.push("faq-question".into());
        }
        let mut tag = format!("<h{level} id=\"");
        let _ = escape_html(&mut tag, &id);
        tag.push('"');
        if !classes.is_empty() {
            tag.push_str(" class=\"");
            let _ = escape_html(&mut tag, &classes.join(" "));
            tag.push('"');
        }
        for (k, v) in &h.attrs {
            if !k
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                continue;
            }
            tag.push(' ');
            tag.push_str(k);
            if let Some(v) = v {
                tag.push_str("=\"");
                let _ = escape_html(&mut tag, v);
                tag.push('"');
            }
        }
        tag.push('>');
        if let Some(old) = old {
            self.old_anchors.push((self.events.len(), old, id.clone()));
        }
        tag.push_str(&inner);
        tag.push_str("<a class=\"anchor\" href=\"#");
        let _ = escape_href(&mut tag, &id);
        tag.push_str("\" aria-hidden=\"true\" tabindex=\"-1\">#</a>");
        tag.push_str(&format!("</h{level}>\n"));
        self.events.push(Event::Html(tag.into()));

        if (2..=3).contains(&level) {
            self.out.toc.push(TocEntry {
                level,
                id: id.clone(),
                title: title.clone(),
            });
        }
        if level <= 3 {
            let prev = std::mem::replace(
                &mut self.current,
                Segment {
                    level,
                    id: Some(id),
                    heading: title,
                    text: String::new(),
                },
            );
            self.push_segment(prev);
        } else {
            // A minor heading opens a passage with the text under it.
            self.passage_break();
            self.add_text(&title);
            self.space();
        }
    }

    fn push_segment(&mut self, mut seg: Segment) {
        // Its text was collapsed as it was added; only a last space is left.
        // Copied to its exact size: it stays for the whole build, and
        // mimalloc shrinks a block in place rather than give back its slack.
        seg.text = seg.text.trim_end_matches([' ', '\n']).to_owned();
        if seg.level > 0 || !seg.text.is_empty() {
            self.out.segments.push(seg);
        }
    }

    fn finish_code(&mut self) {
        let Some(code) = self.code.take() else { return };
        let h = highlight::highlight(&code.code, &code.lang, self.options.highlight);
        if !h.known_language {
            let (line, col) = self.position(code.offset);
            self.out.diagnostics.push(
                Diagnostic::warning(
                    "unknown-language",
                    format!("no highlighting for language `{}`; shown as plain text", code.lang),
                )
                .at(self.source.path)
                .line_col(line, col)
                .hint("use a common name such as rust, python, bash, json, yaml, php, js, html, css, sql, or `text`"),
            );
        }
        let mut html = String::from("<pre class=\"code\"");
        if !code.lang.is_empty() {
            html.push_str(" data-lang=\"");
            let _ = escape_html(&mut html, &code.lang);
            html.push('"');
        }
        html.push_str("><code>");
        html.push_str(&h.html);
        html.push_str("</code></pre>\n");
        self.events.push(Event::Html(html.into()));
        self.passage_break();
        crate::whitespace::push_collapsed(&mut self.current.text, &code.code);
        self.passage_break();
    }

    fn finish(mut self) -> Rendered {
        let last = std::mem::replace(
            &mut self.current,
            Segment {
                level: 0,
                id: None,
                heading: String::new(),
                text: String::new(),
            },
        );
        self.push_segment(last);
        for (event, text) in std::mem::take(&mut self.terms) {
            let base = anchor(text.trim(), self.options.anchors);
            if base.is_empty() {
                continue;
            }
            let mut id = base.clone();
            let mut n = 0;
            while self.out.anchors.contains(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            self.out.anchors.insert(id.clone());
            if let Some(e) = self.events.get_mut(event) {
                let mut tag = String::from("<dt id=\"");
                let _ = escape_html(&mut tag, &id);
                tag.push_str("\">");
                *e = Event::Html(tag.into());
            }
        }
        // An old name no heading of the page has now is kept inside its
        // heading, so links to it from elsewhere still land.
        for (event, old, id) in std::mem::take(&mut self.old_anchors) {
            if self.out.anchors.contains(&old)
                || self.out.renamed_anchors.iter().any(|(o, _)| *o == old)
            {
                continue;
            }
            if let Some(Event::Html(tag)) = self.events.get_mut(event)
                && let Some(open_end) = tag.find('>')
            {
                let mut patched = String::with_capacity(tag.len() + old.len() + 20);
                patched.push_str(&tag[..=open_end]);
                patched.push_str("<span id=\"");
                let _ = escape_html(&mut patched, &old);
                patched.push_str("\"></span>");
                patched.push_str(&tag[open_end + 1..]);
                *tag = patched.into();
                self.out.renamed_anchors.push((old, id));
            }
        }
        let mut html = String::with_capacity(self.text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.events.into_iter());
        // Every document's HTML and section texts stay in memory for the whole
        // build; their growth slack was a sizeable share of a 100k-article peak.
        html.shrink_to_fit();
        self.out.html = html;
        for seg in &mut self.out.segments {
            seg.text.shrink_to_fit();
        }
        self.out.summary = crate::whitespace::collapse(&self.out.summary);
        if self.source.faq {
            self.out.faq = faq_items(&self.out.segments);
        }
        self.out
    }
}

/// A callout's class; its title is the interface text `callout.CLASS`.
fn callout(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

/// Each `##` segment is a question; its answer runs until the next `##`.
fn faq_items(segments: &[Segment]) -> Vec<FaqItem> {
    let mut items: Vec<FaqItem> = Vec::new();
    for seg in segments {
        match (seg.level, items.last_mut()) {
            (2, _) => items.push(FaqItem {
                question: seg.heading.clone(),
                id: seg.id.clone().unwrap_or_default(),
                answer: seg.text.replace('\n', " "),
            }),
            (3.., Some(last)) => {
                last.answer.push(' ');
                last.answer.push_str(&seg.heading);
                last.answer.push(' ');
                last.answer.push_str(&seg.text.replace('\n', " "));
            }
            _ => {}
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    struct NoLinks;
    impl LinkResolver for NoLinks {
        fn resolve(&self, _: &str, _: bool) -> LinkTarget {
            LinkTarget::Keep
        }
    }
    impl FactResolver for NoLinks {
        fn resolve(&self, key: &str) -> Result<Fact, String> {
            match key {
                "hours" => Ok(Fact {
                    text: "Mon–Fri".into(),
                    href: None,
                }),
                "channel.email.link" => Ok(Fact {
                    text: "Email".into(),
                    href: Some("mailto:a@b.c".into()),
                }),
                _ => Err("known: hours".into()),
            }
        }
    }

    fn md(text: &str, faq: bool) -> Rendered {
        let source = Source {
            path: Path::new("content/a.md"),
            first_line: 4,
            faq,
        };
        let themes = code_styles::CodeThemes::new("InspiredGitHub", "base16-ocean.dark");
        let opts = MarkdownOptions {
            smart_punctuation: true,
            highlight: Some(&themes),
            anchors: AnchorStyle::Github,
            facts: &NoLinks,
            strings: &crate::i18n::Strings::english(),
        };
        render(text, &source, &opts, &NoLinks)
    }

    #[test]
    fn packed_html_is_smaller_and_comes_back_the_same() {
        let text = "## Étape 1 — “Réglages”\n\nOuvrez les réglages.\n\n```rust\nfn main() { println!(\"hi\"); }\n```\n\n".repeat(40);
        let mut r = md(&text, false);
        let html = r.html.clone();
        assert!(html.len() > 10_000);
        r.pack_html();
        let (bytes, len) = r.packed_html.as_ref().expect("packed");
        assert!(r.html.is_empty() && *len == html.len());
        assert!(
            bytes.len() * 4 < html.len(),
            "{} of {}",
            bytes.len(),
            html.len()
        );
        assert_eq!(r.full_html(), html);
        // Unpacked, it is the HTML itself.
        assert_eq!(md("Hi", false).full_html(), "<p>Hi</p>\n");
    }

    #[test]
    fn support_references_expand_and_unknown_ones_are_errors() {
        let r = md(
            "We work {{support:hours}}, or {{ support:channel.email.link }}.\n\n`{{support:hours}}` stays.\n\nBad: {{support:nope}}\n",
            false,
        );
        assert!(
            r.html
                .contains("We work Mon–Fri, or <a href=\"mailto:a@b.c\">Email</a>."),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<code>{{support:hours}}</code>"),
            "{}",
            r.html
        );
        assert_eq!(r.diagnostics.len(), 1);
        let d = &r.diagnostics[0];
        assert_eq!(d.line, Some(8));
        assert!(d.message.contains("support:nope"));
        assert!(r.segments[0].text.contains("We work Mon–Fri"));
    }

    #[test]
    fn definition_terms_get_ids_that_never_take_a_headings() {
        let r = md(
            "Page bundle\n: A folder with its page.\n\n`Front matter`\n: The keys.\n\n## Page bundle\n",
            false,
        );
        assert!(
            r.html.contains("<dt id=\"page-bundle-1\">Page bundle</dt>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<dt id=\"front-matter\"><code>Front matter</code></dt>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"page-bundle\">"), "{}", r.html);
        assert!(r.anchors.contains("page-bundle-1") && r.anchors.contains("front-matter"));
    }

    #[test]
    fn headings_get_unique_anchors_and_toc() {
        let r = md(
            "## Setup\n\ntext\n\n## Setup\n\n### Custom {#mine}\n",
            false,
        );
        assert!(r.html.contains("<h2 id=\"setup\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"setup-1\">"));
        assert!(r.html.contains("<h3 id=\"mine\">"));
        assert_eq!(r.toc.len(), 3);
    }

    #[test]
    fn alerts_become_callouts() {
        let r = md("> [!WARNING]\n> Back up first.\n", false);
        assert!(r.html.contains("callout-warning"), "{}", r.html);
        assert!(r.html.contains("Back up first."));
    }

    #[test]
    fn faq_questions_and_answers() {
        let r = md(
            "Intro.\n\n## Can I get a refund?\n\nYes, within 30 days.\n\n## How?\n\nWrite to us.\n",
            true,
        );
        assert_eq!(r.faq.len(), 2);
        assert_eq!(r.faq[0].question, "Can I get a refund?");
        assert_eq!(r.faq[0].answer, "Yes, within 30 days.");
        assert!(r.html.contains("class=\"faq-question\""));
    }

    #[test]
    fn unknown_code_language_warns_with_line() {
        let r = md("text\n\n```klingon\nx\n```\n", false);
        let d = &r.diagnostics[0];
        assert_eq!(d.line, Some(6));
        assert!(!d.is_error());
    }

    #[test]
    fn an_old_anchor_name_never_repeats_a_heading_of_the_page() {
        // "A.B" was #a-b under the ASCII rules; "A B" is #a-b under GitHub's.
        let r = md("## A.B\n\n## A B\n\n## C.D\n", false);
        assert_eq!(r.html.matches("id=\"a-b\"").count(), 1, "{}", r.html);
        assert!(r.html.contains("<h2 id=\"a-b\">A B"), "{}", r.html);
        // C.D's old name is free, so it is kept.
        assert!(
            r.html.contains("<h2 id=\"cd\"><span id=\"c-d\"></span>"),
            "{}",
            r.html
        );
        assert_eq!(
            r.renamed_anchors,
            vec![("c-d".to_string(), "cd".to_string())]
        );
    }

    #[test]
    fn heading_text_is_escaped_and_ids_are_slugs() {
        let r = md("## Fish & \"Chips\"\n", false);
        // GitHub's anchor, with the ASCII rules' one kept for old links.
        assert!(
            r.html.contains(
                "<h2 id=\"fish--chips\"><span id=\"fish-chips\"></span>Fish &amp; “Chips”"
            ),
            "{}",
            r.html
        );
    }
}
