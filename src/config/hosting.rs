//! `hosting:`: the files written for the host and for machines.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HostingConfig {
    /// `_redirects` (Netlify, Cloudflare Pages, GitLab Pages): a 301 per alias.
    pub redirects: bool,
    /// `_headers`: caching per kind of file, and the security headers.
    pub headers: bool,
    /// `/llms.txt`: the site's articles listed for language models.
    pub llms_txt: bool,
    /// `index.html.md` beside each searchable article: its markdown, plain.
    pub markdown_copies: bool,
}

impl Default for HostingConfig {
    fn default() -> Self {
        HostingConfig {
            redirects: true,
            headers: true,
            llms_txt: true,
            markdown_copies: true,
        }
    }
}
