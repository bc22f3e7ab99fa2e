//! The section sidebar is the same on every page of a section but for the
//! page's own link, and long (a top-level section's whole tree): so
//! `partials/sidebar.html` is rendered once per section, with no page current,
//! and each page then marks its own link in that HTML (`aria-current="page"`)
//! and opens every disclosure (`<details>`) around it.

use crate::escape::html as escape_html;

/// `html` with each link to `url` marked current and every `<details>`
/// enclosing one opened.
pub fn mark_current(html: &str, url: &str) -> String {
    let needle = format!("href=\"{}\"", escape_html(url));
    // One search for the page's links: most of the sidebar is other links.
    let links: Vec<usize> = html
        .match_indices(&needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            html[..i]
                .rfind('<')
                .is_some_and(|t| html[t..].starts_with("<a "))
        })
        .collect();
    if links.is_empty() {
        return html.to_string();
    }
    let mut inserts: Vec<(usize, &str)> = Vec::new();
    // The `<details` tags open at each point, by position.
    let mut open_details: Vec<usize> = Vec::new();
    let mut opened: Vec<usize> = Vec::new();
    let mut next_link = links.iter().copied().peekable();
    for (i, _) in html.match_indices('<') {
        while let Some(link) = next_link.next_if(|&l| l < i) {
            let tag_start = html[..link].rfind('<').unwrap_or(0);
            let tag_end = html[link..].find('>').map_or(html.len(), |e| link + e);
            if !html[tag_start..tag_end].contains("aria-current") {
                inserts.push((link + needle.len(), " aria-current=\"page\""));
            }
            opened.extend(open_details.iter().copied());
        }
        let rest = &html[i..];
        if rest.starts_with("<details") && rest[8..].starts_with([' ', '>', '\n']) {
            open_details.push(i);
        } else if rest.starts_with("</details>") {
            open_details.pop();
        }
    }
    opened.sort_unstable();
    opened.dedup();
    for d in opened {
        let tag_end = html[d..].find('>').map_or(html.len(), |e| d + e);
        let has_open = html[d + 8..tag_end]
            .split(|c: char| c.is_whitespace())
            .any(|attr| attr == "open" || attr.starts_with("open="));
        if !has_open {
            inserts.push((d + 8, " open"));
        }
    }
    inserts.sort_by_key(|(p, _)| *p);
    let mut out = String::with_capacity(html.len() + inserts.len() * 24);
    let mut from = 0;
    for (p, text) in inserts {
        out.push_str(&html[from..p]);
        out.push_str(text);
        from = p;
    }
    out.push_str(&html[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::mark_current;

    #[test]
    fn the_pages_link_is_current_and_the_folds_around_it_open() {
        let html = "<details class=\"x\" open><ul><li><a href=\"/a/\">A</a></li>\
            <li><details><summary>2 more</summary><ul><li><a href=\"/b/?x&amp;y\">B</a></li></ul></details></li>\
            <li><details><summary>Other</summary><a href=\"/c/\">C</a></details></li></ul></details>";
        let marked = mark_current(html, "/b/?x&y");
        assert_eq!(
            marked,
            html.replace(
                "<li><details><summary>2 more",
                "<li><details open><summary>2 more"
            )
            .replace(
                "href=\"/b/?x&amp;y\"",
                "href=\"/b/?x&amp;y\" aria-current=\"page\""
            )
        );
        // No link to the page: unchanged.
        assert_eq!(mark_current(html, "/zzz/"), html);
        // A link already marked by the template is left as it is.
        let own = "<a href=\"/a/\" aria-current=\"page\">A</a>";
        assert_eq!(mark_current(own, "/a/"), own);
    }
}
