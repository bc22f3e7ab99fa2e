//! Machine-readable companions of the pages: `sitemap.xml`, `robots.txt`, the Atom
//! feed of recently updated articles, and redirect pages for aliases.

use crate::escape::html as esc;

/// One URL in the sitemap, with its last modification date if known.
pub(crate) struct SitemapEntry {
    pub url: String,
    pub lastmod: Option<String>,
    /// The page in every language that has it (its own included), as
    /// (hreflang, absolute URL); empty for a site with one language.
    pub alternates: Vec<(String, String)>,
}

pub(crate) fn sitemap(entries: &[SitemapEntry]) -> String {
    let xhtml = if entries.iter().any(|e| !e.alternates.is_empty()) {
        " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""
    } else {
        ""
    };
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"{xhtml}>\n",
    );
    for e in entries {
        s.push_str("  <url><loc>");
        s.push_str(&esc(&e.url));
        s.push_str("</loc>");
        if let Some(d) = &e.lastmod {
            s.push_str("<lastmod>");
            s.push_str(&esc(d));
            s.push_str("</lastmod>");
        }
        for (lang, href) in &e.alternates {
            s.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                esc(lang),
                esc(href)
            ));
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

/// `robots.txt` naming every sitemap (one per language).
pub(crate) fn robots(sitemap_urls: &[String]) -> String {
    let mut s = String::from("User-agent: *\nAllow: /\n\n");
    for url in sitemap_urls {
        s.push_str(&format!("Sitemap: {url}\n"));
    }
    s
}

pub(crate) struct FeedEntry {
    pub title: String,
    pub url: String,
    pub updated: String,
    pub summary: String,
}

/// An Atom feed; `updated` values are `YYYY-MM-DD` and become midnight UTC.
pub(crate) fn atom(title: &str, site_url: &str, feed_url: &str, entries: &[FeedEntry]) -> String {
    let newest = entries
        .first()
        .map(|e| e.updated.as_str())
        .unwrap_or("1970-01-01");
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>{}</title>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{newest}T00:00:00Z</updated>\n  <generator>helpsite</generator>\n",
        esc(title),
        esc(site_url),
        esc(feed_url),
        esc(site_url)
    );
    for e in entries {
        s.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}T00:00:00Z</updated>\n    <summary>{}</summary>\n  </entry>\n",
            esc(&e.title),
            esc(&e.url),
            esc(&e.url),
            esc(&e.updated),
            esc(&e.summary)
        ));
    }
    s.push_str("</feed>\n");
    s
}

/// A page that sends visitors and search engines from an old URL to the new
/// one, in the page's language (`lang`; `moved` is the heading, `text` the
/// sentence before the link).
pub(crate) fn redirect(to: &str, lang: &str, moved: &str, text: &str) -> String {
    let to = esc(to);
    let (lang, moved, text) = (esc(lang), esc(moved), esc(text));
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{moved}</title><link rel=\"canonical\" href=\"{to}\"><meta http-equiv=\"refresh\" content=\"0; url={to}\"><meta name=\"robots\" content=\"noindex\"></head><body><p>{text} <a href=\"{to}\">{to}</a></p></body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_escape_text() {
        let e = FeedEntry {
            title: "A & <B>".into(),
            url: "https://x/a/".into(),
            updated: "2026-01-02".into(),
            summary: "s".into(),
        };
        let xml = atom("T", "https://x/", "https://x/atom.xml", &[e]);
        assert!(xml.contains("A &amp; &lt;B&gt;"));
        assert!(
            redirect("/a/\"><script>", "en", "Moved", "Moved to")
                .contains("&quot;&gt;&lt;script&gt;")
        );
    }
}
