//! Search tests a writer keeps beside the site (`search-tests.yaml`): queries
//! customers type and the article (optionally the heading) each must find
//! within its top N. `helpsite check` runs them on the site's own search, as
//! the browser ranks it, reports each failure with the rank found and what
//! ranked above, and sums the file up as MRR@10 and found@N.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::search::SearchIndex;
use crate::search::query::Hit;
use crate::site::Site;

/// The file's name, in the site's folder.
pub const FILE: &str = "search-tests.yaml";

/// How far down the results a test looks unless it or the file says.
const DEFAULT_TOP: usize = 5;
/// The reciprocal rank counts the first ten results, as the benchmarks do.
const MRR_DEPTH: usize = 10;
/// How many results above a misplaced article a failure lists.
const SHOWN_ABOVE: usize = 5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// Each test's N unless it sets its own.
    #[serde(default)]
    top: Option<usize>,
    #[serde(default)]
    tests: Vec<Test>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Test {
    query: String,
    /// A content file (`billing/refunds.md`), a section's folder, or a page's
    /// URL (`/support/hours/`).
    article: String,
    /// The heading the result must open at, as written in the article.
    #[serde(default)]
    heading: Option<String>,
    #[serde(default)]
    top: Option<usize>,
    /// One of the site's languages; the default one when left out.
    #[serde(default)]
    language: Option<String>,
}

/// One test's outcome, for the JSON report.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub query: String,
    pub language: String,
    /// The page the test expects, as a URL.
    pub expected: String,
    pub heading: Option<String>,
    pub top: usize,
    /// 1-based rank of the expected page among the results; `None` when it
    /// is not within the first `max(top, 10)`.
    pub rank: Option<usize>,
    pub passed: bool,
    pub line: usize,
}

/// What the file came to.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub tests: usize,
    pub passed: usize,
    /// Mean reciprocal rank of the expected pages within the first ten.
    pub mrr_at_10: f64,
    /// Share of tests whose page came within their own top N.
    pub found_at_n: f64,
    pub outcomes: Vec<Outcome>,
}

impl Summary {
    /// One line for the text report.
    pub fn to_text(&self) -> String {
        format!(
            "Search tests: {} of {} pass; MRR@10 {:.3}, found within their top N {:.1} %.",
            self.passed,
            self.tests,
            self.mrr_at_10,
            self.found_at_n * 100.0
        )
    }
}

/// Runs the site's `search-tests.yaml`, if it has one, on `sites` (every
/// language, the default first). `None` when there is no file; otherwise
/// the summary of what ran and a diagnostic for each failed or unreadable test.
pub fn run(site_dir: &Path, sites: &[Site]) -> Option<(Summary, Vec<Diagnostic>)> {
    let path = site_dir.join(FILE);
    if !path.is_file() {
        return None;
    }
    let shown = Path::new(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            let d = Diagnostic::error("search-test", format!("cannot read {FILE}: {e}"))
                .at(shown)
                .hint("save it as UTF-8 text, or remove it");
            return Some((Summary::default(), vec![d]));
        }
    };
    let file: File = match crate::yaml::parse(&text, shown, 1, FILE) {
        Ok(f) => f,
        Err(d) => return Some((Summary::default(), vec![d])),
    };
    let lines = item_lines(&text);
    let mut diags = Vec::new();
    let default_top = match file.top {
        Some(0) => {
            diags.push(zero_top(crate::yaml::key_line(&text, "top").unwrap_or(1)));
            DEFAULT_TOP
        }
        Some(n) => n,
        None => DEFAULT_TOP,
    };
    let mut indexes: Vec<Option<SearchIndex>> = sites.iter().map(|_| None).collect();
    let mut outcomes = Vec::new();
    for (i, test) in file.tests.iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        match run_one(test, line, default_top, sites, &mut indexes) {
            Ok((outcome, failure)) => {
                diags.extend(failure);
                outcomes.push(outcome);
            }
            Err(d) => diags.push(d),
        }
    }
    Some((summarize(outcomes), diags))
}

fn zero_top(line: usize) -> Diagnostic {
    Diagnostic::error("search-test", "`top` is 0: no result could pass")
        .at(FILE)
        .line(line)
        .hint("give how many results a customer looks at, such as 3 or 5")
}

/// The test's outcome and its failure, or why it could not run.
fn run_one(
    test: &Test,
    line: usize,
    default_top: usize,
    sites: &[Site],
    indexes: &mut [Option<SearchIndex>],
) -> Result<(Outcome, Option<Diagnostic>), Diagnostic> {
    let at = |message: String, hint: String| {
        Diagnostic::error("search-test", message)
            .at(FILE)
            .line(line)
            .hint(hint)
    };
    let top = match test.top {
        Some(0) => return Err(zero_top(line)),
        Some(n) => n,
        None => default_top,
    };
    if test.query.trim().is_empty() {
        return Err(at(
            "a search test has an empty `query`".into(),
            "write the words a customer types".into(),
        ));
    }
    if test.article.trim().is_empty() {
        return Err(at(
            format!("the search test for “{}” names no page", test.query),
            "give `article:` the page that answers it: its file below content/ or its URL (`/` for the home page)".into(),
        ));
    }
    let s = site_of(test.language.as_deref(), sites).ok_or_else(|| {
        let known: Vec<&str> = sites.iter().map(|s| s.config.language.as_str()).collect();
        at(
            format!(
                "`language: {}` is not one of the site's languages",
                test.language.as_deref().unwrap_or_default()
            ),
            format!("the site's languages are {}", known.join(", ")),
        )
    })?;
    let site = &sites[s];
    let expected = page_url(site, &test.article).ok_or_else(|| {
        let in_language = if s == 0 {
            String::new()
        } else {
            format!(" in `{}`", site.config.language)
        };
        let hint = if s > 0 && page_url(&sites[0], &test.article).is_some() {
            format!(
                "it is not translated into `{}`: test it in its own language, or translate it",
                site.config.language
            )
        } else {
            "name the article's file below content/ (`billing/refunds.md`) or its URL (`/billing/refunds/`)".into()
        };
        at(
            format!(
                "the search test for “{}” names `{}`, which is no page of the site{in_language}",
                test.query, test.article
            ),
            hint,
        )
    })?;
    if indexes[s].is_none() {
        indexes[s] =
            Some(crate::pipeline::search_index::index_of(site).map_err(|d| d.at(FILE).line(line))?);
    }
    let Some(ix) = indexes[s].as_ref() else {
        return Err(at("the search index is missing".into(), String::new()));
    };
    let query = crate::search::parse_query(&test.query, &ix.language, None, None);
    let mut analyzer =
        crate::search::analyze::analyzer(crate::search::analyze::language(&ix.language));
    let hits = crate::search::query::search(ix, &query, top.max(MRR_DEPTH), &mut analyzer);
    let rank = hits.iter().position(|h| page_of(&h.url) == expected);
    let lands = |h: &Hit| {
        test.heading
            .as_deref()
            .is_none_or(|want| same_heading(&h.heading, want))
    };
    let passed = rank.is_some_and(|r| r < top && lands(&hits[r]));
    let failure = (!passed).then(|| {
        failure(test, &expected, top, rank, &hits)
            .at(FILE)
            .line(line)
    });
    let outcome = Outcome {
        query: test.query.clone(),
        language: site.config.language.clone(),
        expected,
        heading: test.heading.clone(),
        top,
        rank: rank.map(|r| r + 1),
        passed,
        line,
    };
    Ok((outcome, failure))
}

/// Which of `sites` a test's language names (the default one for none).
fn site_of(language: Option<&str>, sites: &[Site]) -> Option<usize> {
    match language {
        None => (!sites.is_empty()).then_some(0),
        Some(code) => sites
            .iter()
            .position(|s| s.config.language.eq_ignore_ascii_case(code.trim())),
    }
}

/// The URL of the page `article` names: a content file (with or without
/// `.md`, with or without the language's suffix), a section's folder or
/// `_index.md`, or the page's URL, with or without the base path.
fn page_url(site: &Site, article: &str) -> Option<String> {
    let base = site.config.base_path();
    let want = article.trim();
    if want.starts_with('/') {
        let rel = want.trim_start_matches('/');
        let rel = rel
            .strip_prefix(base.trim_start_matches('/'))
            .unwrap_or(rel);
        let rel = if rel.is_empty() || rel.ends_with('/') {
            rel.to_string()
        } else {
            format!("{rel}/")
        };
        return Some(format!("{base}{rel}"));
    }
    let file = want.trim_start_matches("./").trim_start_matches("content/");
    let file = file
        .strip_suffix(".md")
        .unwrap_or(file)
        .trim_end_matches('/');
    let named = |source: &str| {
        let name = site.layout.source_name(source);
        let name = name.strip_suffix(".md").unwrap_or(&name);
        name == file || name.strip_suffix("/_index") == Some(file)
    };
    if let Some(a) = site.content.articles.iter().find(|a| named(&a.source)) {
        return Some(format!("{base}{}", a.path));
    }
    site.content
        .sections
        .iter()
        .find(|s| {
            s.dir.trim_end_matches('/') == file || s.index_source.as_deref().is_some_and(named)
        })
        .map(|s| format!("{base}{}", s.path))
}

/// A result's page: its URL without the heading's fragment.
fn page_of(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

/// Headings compare as a reader would: case and spacing aside.
fn same_heading(found: &str, want: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(found) == norm(want)
}

/// What a failed test says: where its page came, and what came above it.
fn failure(
    test: &Test,
    expected: &str,
    top: usize,
    rank: Option<usize>,
    hits: &[Hit],
) -> Diagnostic {
    let q = &test.query;
    let (message, above) = match rank {
        Some(r) if r < top => {
            let opened = if hits[r].heading.is_empty() {
                "its top".to_string()
            } else {
                format!("“{}”", hits[r].heading)
            };
            let want = test.heading.as_deref().unwrap_or_default();
            (
                format!(
                    "“{q}” finds {expected} at rank {}, but opens {opened}, not “{want}”",
                    r + 1
                ),
                &hits[..0],
            )
        }
        Some(r) => (
            format!(
                "“{q}” finds {expected} at rank {}, below its top {top}",
                r + 1
            ),
            &hits[..r],
        ),
        None if hits.is_empty() => (
            format!("“{q}” finds nothing; {expected} was expected"),
            hits,
        ),
        None => (
            format!(
                "“{q}” does not find {expected} among its first {} results",
                hits.len()
            ),
            hits,
        ),
    };
    let mut hint = String::new();
    if !above.is_empty() {
        hint.push_str("above it:");
        for (i, h) in above.iter().take(SHOWN_ABOVE).enumerate() {
            let heading = if h.heading.is_empty() {
                String::new()
            } else {
                format!(" › {}", h.heading)
            };
            hint.push_str(&format!(
                "\n        {}. {}{heading} ({})",
                i + 1,
                h.title,
                h.url
            ));
        }
        if above.len() > SHOWN_ABOVE {
            hint.push_str(&format!(
                "\n        … and {} more",
                above.len() - SHOWN_ABOVE
            ));
        }
        hint.push_str("\n        ");
    }
    hint.push_str("use the customer's words in the article's title, a heading or `keywords:`, or declare them in `search.synonyms`");
    Diagnostic::error("search-test", message).hint(hint)
}

/// MRR@10 and found@N over every test that ran.
fn summarize(outcomes: Vec<Outcome>) -> Summary {
    let n = outcomes.len();
    let share = |x: f64| if n == 0 { 0.0 } else { x / n as f64 };
    let rr: f64 = outcomes
        .iter()
        .filter_map(|o| o.rank.filter(|&r| r <= MRR_DEPTH))
        .map(|r| 1.0 / r as f64)
        .sum();
    let found = outcomes
        .iter()
        .filter(|o| o.rank.is_some_and(|r| r <= o.top))
        .count();
    Summary {
        tests: n,
        passed: outcomes.iter().filter(|o| o.passed).count(),
        mrr_at_10: share(rr),
        found_at_n: share(found as f64),
        outcomes,
    }
}

/// The 1-based line of each item of the `tests:` list, in order.
fn item_lines(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut inside = false;
    let mut depth = None;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let indent = l.len() - t.len();
        if indent == 0 && !t.starts_with('-') {
            inside = t.starts_with("tests:");
            continue;
        }
        if inside && t.starts_with('-') && *depth.get_or_insert(indent) == indent {
            out.push(i + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_found_by_their_dash_whatever_key_comes_first() {
        let text = "top: 3\n# comment\ntests:\n  - query: a\n    article: x.md\n\n  - article: y.md\n    query: b\n    heading: Z\nother: 1\n- stray\n";
        assert_eq!(item_lines(text), vec![4, 7]);
        let flush = "tests:\n- query: a\n  article: b\n- query: c\n  article: d\n";
        assert_eq!(item_lines(flush), vec![2, 4]);
    }

    #[test]
    fn the_summary_counts_ranks_within_ten_and_each_tests_own_top() {
        let o = |rank: Option<usize>, top: usize| Outcome {
            query: String::new(),
            language: "en".into(),
            expected: String::new(),
            heading: None,
            top,
            rank,
            passed: rank.is_some_and(|r| r <= top),
            line: 1,
        };
        let s = summarize(vec![
            o(Some(1), 5),
            o(Some(4), 3),
            o(Some(12), 20),
            o(None, 5),
        ]);
        assert_eq!((s.tests, s.passed), (4, 2));
        assert!((s.mrr_at_10 - (1.0 + 0.25) / 4.0).abs() < 1e-9);
        assert!((s.found_at_n - 0.5).abs() < 1e-9);
    }

    #[test]
    fn headings_match_case_and_spacing_aside() {
        assert!(same_heading("What  happens next", "what happens next"));
        assert!(!same_heading("What happens next", "What happens"));
    }
}
