//! Escaping untrusted text for HTML and XML: one function, pulldown-cmark's
//! escaper underneath, for pages, feeds and search excerpts alike.

/// `text` escaped for element content and quoted attribute values (`&`, `<`,
/// `>`, `"`, `'`).
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// JSON for a `<script type="application/json">` or `ld+json` block: `<`, `>`
/// and `&` are escaped so text from articles can never close the element.
pub(crate) fn json_in_script(v: &serde_json::Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
