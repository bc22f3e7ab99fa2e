//! Escaping untrusted text for HTML and XML: one function, pulldown-cmark's
//! escaper underneath, for pages, feeds and search excerpts alike.

/// `text` escaped for element content and quoted attribute values (`&`, `<`,
/// `>`, `"`, `'`).
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}
