//! `helpsite check --external`: fetches every external link once, politely — a
//! bounded number of requests at a time, at most one request per host per
//! interval, a timeout on each — and reports the ones that do not answer.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::content::{Content, content_path};
use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;

#[derive(Debug, Clone)]
pub struct Settings {
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Minimum time between two requests to the same host.
    pub per_host_interval: Duration,
    /// Time allowed for one request, from connecting to the last byte.
    pub timeout: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            concurrency: 8,
            per_host_interval: Duration::from_millis(500),
            timeout: Duration::from_secs(10),
        }
    }
}

/// Where a URL is written: (file, line, column).
type Places = Vec<(std::path::PathBuf, usize, usize)>;

pub(crate) fn check_links(
    content: &Content,
    articles: &[std::sync::Arc<Rendered>],
    settings: &Settings,
) -> Vec<Diagnostic> {
    let mut urls: BTreeMap<String, Places> = BTreeMap::new();
    for (i, r) in articles.iter().enumerate() {
        for l in r.links.iter().filter(|l| l.kept) {
            let lower = l.dest.to_ascii_lowercase();
            if (lower.starts_with("http://") || lower.starts_with("https://"))
                && super::malformed_url(&l.dest).is_none()
            {
                urls.entry(l.dest.clone()).or_default().push((
                    content_path(&content.articles[i].source),
                    l.line,
                    l.column,
                ));
            }
        }
    }
    let results = fetch_all(urls.keys().cloned().collect(), settings);
    let mut out = Vec::new();
    for (url, places) in urls {
        if let Some(Err(problem)) = results.get(&url) {
            for (path, line, col) in &places {
                out.push(
                    Diagnostic::error("dead-link", format!("external link {url} does not work: {problem}"))
                        .at(path)
                        .line_col(*line, *col)
                        .hint("update or remove the link; if the site is only down for now, run the check again later"),
                );
            }
        }
    }
    out
}

/// Fetches each URL once; `Ok(status)` for a working link.
pub(crate) fn fetch_all(
    urls: Vec<String>,
    settings: &Settings,
) -> HashMap<String, Result<u16, String>> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(settings.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("helpsite-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let queue = Mutex::new(urls.into_iter());
    let last_hit: Mutex<HashMap<String, Instant>> = Mutex::new(HashMap::new());
    let results = Mutex::new(HashMap::new());
    std::thread::scope(|scope| {
        for _ in 0..settings.concurrency.max(1) {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().ok().and_then(|mut q| q.next());
                    let Some(url) = next else { break };
                    wait_for_host(&url, &last_hit, settings.per_host_interval);
                    let outcome = fetch(&agent, &url);
                    if let Ok(mut r) = results.lock() {
                        r.insert(url, outcome);
                    }
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
}

fn host_of(url: &str) -> String {
    url.split("://")
        .nth(1)
        .and_then(|r| r.split(['/', '?', '#']).next())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Sleeps until this host may be asked again, and books the slot.
fn wait_for_host(url: &str, last_hit: &Mutex<HashMap<String, Instant>>, interval: Duration) {
    let host = host_of(url);
    let wait = {
        let Ok(mut map) = last_hit.lock() else { return };
        let now = Instant::now();
        let slot = match map.get(&host) {
            Some(&t) if t + interval > now => t + interval,
            _ => now,
        };
        map.insert(host, slot);
        slot.saturating_duration_since(now)
    };
    if !wait.is_zero() {
        std::thread::sleep(wait);
    }
}

fn fetch(agent: &ureq::Agent, url: &str) -> Result<u16, String> {
    // HEAD is cheap; some servers refuse it, so GET decides before a link is called dead.
    let status = match agent.head(url).call() {
        Ok(r) if r.status().as_u16() < 400 => return Ok(r.status().as_u16()),
        Ok(r) => Some(r.status().as_u16()),
        Err(_) => None,
    };
    match agent.get(url).call() {
        Ok(r) if r.status().as_u16() < 400 => Ok(r.status().as_u16()),
        Ok(r) => Err(format!("HTTP {}", r.status().as_u16())),
        Err(e) => Err(match status {
            Some(s) => format!("HTTP {s}"),
            None => e.to_string(),
        }),
    }
}
