//! The section sidebar is the same on every page of a section but for the
//! page's own link, and long (a top-level section's whole tree): so
//! `partials/sidebar.html` is rendered once per section, with no page current,
//! and each page then marks its own link in that HTML (`aria-current="page"`)
//! and opens every disclosure (`<details>`) around it.

use std::collections::HashMap;

use crate::escape::html as escape_html;

/// A section's rendered sidebar, with where each link's page would mark it:
/// found once per section, so that each of its thousands of pages only
/// splices a few words into a copy (scanning a long tree's every tag for
/// every page was a tenth of the page stage).
pub(crate) struct Sidebar {
    html: String,
    /// Per `href` as written (HTML-escaped): the insertions that make its
    /// page current, by position.
    marks: HashMap<String, Vec<(usize, &'static str)>>,
}

impl Sidebar {
    pub(crate) fn new(html: String) -> Self {
        let mut marks: HashMap<String, Vec<(usize, &'static str)>> = HashMap::new();
        // The `<details` tags around each point: where ` open` would go, or
        // `None` for one the template already opened.
        let mut open_details: Vec<Option<usize>> = Vec::new();
        for (i, _) in html.match_indices('<') {
            let rest = &html[i..];
            if rest.starts_with("<details") && rest[8..].starts_with([' ', '>', '\n']) {
                let tag = &rest[8..rest.find('>').unwrap_or(rest.len())];
                let has_open = tag
                    .split(|c: char| c.is_whitespace())
                    .any(|attr| attr == "open" || attr.starts_with("open="));
                open_details.push((!has_open).then_some(i + 8));
            } else if rest.starts_with("</details>") {
                open_details.pop();
            } else if rest.starts_with("<a ") {
                let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
                let Some(h) = tag.find("href=\"") else {
                    continue;
                };
                let value = &tag[h + 6..];
                let Some(q) = value.find('"') else { continue };
                let entry = marks.entry(value[..q].to_string()).or_default();
                if !tag.contains("aria-current") {
                    entry.push((i + h + 6 + q + 1, " aria-current=\"page\""));
                }
                entry.extend(open_details.iter().flatten().map(|&at| (at, " open")));
            }
        }
        for entry in marks.values_mut() {
            entry.sort_unstable();
            entry.dedup();
        }
        Sidebar { html, marks }
    }

    /// The sidebar for the page at `url`: each link to it marked current and
    /// every `<details>` enclosing one opened.
    pub(crate) fn for_page(&self, url: &str) -> String {
        let Some(inserts) = self.marks.get(escape_html(url).as_str()) else {
            return self.html.clone();
        };
        let mut out = String::with_capacity(self.html.len() + inserts.len() * 24);
        let mut from = 0;
        for &(p, text) in inserts {
            out.push_str(&self.html[from..p]);
            out.push_str(text);
            from = p;
        }
        out.push_str(&self.html[from..]);
        out
    }
}

/// `html` with each link to `url` marked current and every `<details>`
/// enclosing one opened.
#[cfg(test)]
fn mark_current(html: &str, url: &str) -> String {
    Sidebar::new(html.to_string()).for_page(url)
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
