//! Files for the host a static site is published on and for machines that read
//! it: `_redirects` (a 301 per alias, Netlify's format, which Cloudflare Pages
//! and GitLab Pages read too), `_headers` (caching by kind of file and the
//! security headers `helpsite serve` sends), and `llms.txt` (llmstxt.org's
//! index of the articles). Each is made from plain data, so this module knows
//! nothing of templates or the build.

use crate::whitespace::collapse;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// The Content-Security-Policy the default theme satisfies: nothing inline
/// runs, nothing loads from elsewhere. `connect` adds origins that scripts may
/// send to (the feedback endpoint).
pub(crate) fn content_security_policy(connect: &[&str]) -> String {
    let mut connect_src = String::from("'self'");
    for origin in connect {
        connect_src.push(' ');
        connect_src.push_str(origin);
    }
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src {connect_src}; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// The headers besides the policy that every response gets, here and in `serve`.
pub(crate) const SECURITY_HEADERS: [(&str, &str); 3] = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
];

/// Cloudflare Pages reads at most this many static redirects (Netlify has no
/// such limit); more are reported.
pub(crate) const CLOUDFLARE_STATIC_REDIRECTS: usize = 2000;

/// Characters a `_redirects` or `_headers` path cannot hold as written: the
/// files split lines on white space, and hosts match the encoded form.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

fn encoded(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// `_redirects`: one `FROM TO 301` line per (alias, target), both paths below
/// `base_path` (`/` or `/help/`).
pub(crate) fn redirects(base_path: &str, aliases: &[(&str, &str)]) -> String {
    let mut out = String::from(
        "# Old addresses of moved articles (front matter `aliases`), for hosts that\n# read this file; the pages at those addresses redirect too. Made by helpsite.\n",
    );
    for (from, to) in aliases {
        out.push_str(&format!(
            "{} {} 301\n",
            encoded(&format!("{base_path}{from}")),
            encoded(&format!("{base_path}{to}"))
        ));
    }
    out
}

/// `_headers`. Rules never give one file the same header twice: Cloudflare
/// Pages joins the values of every matching rule while Netlify keeps the last,
/// so the security headers go on every path and `Cache-Control` on paths that
/// do not overlap there (`BASE*/` is only pages on Cloudflare; on Netlify it is
/// every file, and the rules below it win). `immutable` lists the files whose
/// URLs change with their content: the theme's assets (always linked with
/// `?v=HASH`) and the search chunks' folder (`search/chunks/`).
pub(crate) fn headers(
    base_path: &str,
    csp: &str,
    immutable: &[String],
    manifests: &[String],
) -> String {
    let mut out = String::from(
        "# Response headers for Netlify, Cloudflare Pages and hosts that read the same\n# file. Made by helpsite.\n",
    );
    out.push_str(&format!("{}*\n", encoded(base_path)));
    out.push_str(&format!("  Content-Security-Policy: {csp}\n"));
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    // Pages: always asked again (answered "not modified" when unchanged).
    for pages in [base_path.to_string(), format!("{base_path}*/")] {
        out.push_str(&format!("{}\n  Cache-Control: no-cache\n", encoded(&pages)));
    }
    for m in manifests {
        out.push_str(&format!(
            "{}\n  Cache-Control: no-cache\n",
            encoded(&format!("{base_path}{m}"))
        ));
    }
    for path in immutable {
        out.push_str(&format!(
            "{}\n  Cache-Control: public, max-age=31536000, immutable\n",
            encoded(&format!("{base_path}{path}"))
        ));
    }
    out
}

/// One line of `llms.txt`: a page, where to read it, what it is about.
pub(crate) struct LlmsLink {
    pub title: String,
    pub url: String,
    pub description: String,
}

/// `llms.txt` in llmstxt.org's layout: the title, a one-line summary, then a
/// list per group (the top-level sections) of links with their descriptions.
pub(crate) fn llms_txt(title: &str, summary: &str, groups: &[(String, Vec<LlmsLink>)]) -> String {
    let mut out = format!("# {}\n", collapse(title));
    let summary = collapse(summary);
    if !summary.is_empty() {
        out.push_str(&format!("\n> {summary}\n"));
    }
    for (name, links) in groups.iter().filter(|(_, l)| !l.is_empty()) {
        out.push_str(&format!("\n## {}\n\n", collapse(name)));
        for l in links {
            let text = collapse(&l.title).replace('[', "\\[").replace(']', "\\]");
            let url = l.url.replace(' ', "%20").replace(')', "%29");
            out.push_str(&format!("- [{text}]({url})"));
            let description = collapse(&l.description);
            if !description.is_empty() {
                out.push_str(&format!(": {description}"));
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_are_encoded_and_below_the_base_path() {
        let text = redirects("/help/", &[("old page/", "new/"), ("ünï.html", "a/")]);
        assert!(
            text.contains("/help/old%20page/ /help/new/ 301\n"),
            "{text}"
        );
        assert!(
            text.contains("/help/%C3%BCn%C3%AF.html /help/a/ 301\n"),
            "{text}"
        );
    }

    #[test]
    fn headers_never_set_one_header_twice_for_a_file_on_cloudflare() {
        let text = headers(
            "/",
            "default-src 'self'",
            &["style.css".into(), "search/chunks/*".into()],
            &["search/manifest.json".into()],
        );
        assert!(text.starts_with("# "));
        let rules: Vec<&str> = text.lines().filter(|l| l.starts_with('/')).collect();
        assert_eq!(
            rules,
            [
                "/*",
                "/",
                "/*/",
                "/search/manifest.json",
                "/style.css",
                "/search/chunks/*"
            ]
        );
        // Only the first rule matches every path: the security headers, no
        // Cache-Control.
        let every = text.split("\n/").nth(1).unwrap_or_default();
        assert!(
            every.starts_with("*\n  Content-Security-Policy: "),
            "{every}"
        );
        assert!(!every.contains("Cache-Control"), "{every}");
    }

    #[test]
    fn llms_txt_keeps_each_link_on_collapse() {
        let text = llms_txt(
            "Help\ncenter",
            "All answers.",
            &[(
                "Billing".into(),
                vec![LlmsLink {
                    title: "Refunds [EU]".into(),
                    url: "https://x.y/a b/index.html.md".into(),
                    description: "How\nrefunds work.".into(),
                }],
            )],
        );
        assert_eq!(
            text,
            "# Help center\n\n> All answers.\n\n## Billing\n\n- [Refunds \\[EU\\]](https://x.y/a%20b/index.html.md): How refunds work.\n"
        );
    }
}
