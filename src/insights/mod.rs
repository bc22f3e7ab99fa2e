//! `helpsite insights EVENTS.jsonl`: what readers' feedback and searches say
//! (events.rs reads them): the searches that found nothing or that nobody
//! opened, each with a suggestion from the site's own search index; the
//! articles with the most "No" votes and why; and how often searches from each
//! section end in a click.

pub(crate) mod events;

use serde::Serialize;

use crate::search::SearchIndex;
use crate::search::query::{edit_distance, search};
use events::{QueryTally, Tally};

/// A query worth a writer's look.
#[derive(Debug, Serialize)]
pub(crate) struct QueryFinding {
    pub query: String,
    pub searches: u64,
    /// How many of them found nothing (unanswered) or were not opened (unopened).
    pub count: u64,
    pub suggestion: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct ArticleFinding {
    pub path: String,
    pub title: Option<String>,
    pub no: u64,
    pub yes: u64,
    /// Reasons given with "No", most given first.
    pub reasons: Vec<(String, u64)>,
    pub comments: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SectionRow {
    pub section: String,
    pub searches: u64,
    pub clicks: u64,
    /// Clicks per search.
    pub click_rate: f64,
}

/// A search test `helpsite insights` proposes for `search-tests.yaml`: a
/// query customers typed that found nothing, or whose opened article they
/// voted "No" on. The writer names the page that answers it.
#[derive(Debug, Serialize)]
pub(crate) struct ProposedTest {
    pub query: String,
    /// What the site finds first for it now (its URL), a page to consider.
    pub found_now: Option<String>,
    /// Why it is proposed, for the comment beside it.
    pub why: String,
    /// Searches that found nothing, plus "No" votes after it: the order.
    pub weight: u64,
}

#[derive(Debug, Serialize)]
pub(crate) struct Report {
    pub lines: u64,
    pub searches: u64,
    pub votes: u64,
    pub malformed: u64,
    pub malformed_lines: Vec<u64>,
    pub unanswered: Vec<QueryFinding>,
    pub unopened: Vec<QueryFinding>,
    pub articles: Vec<ArticleFinding>,
    pub sections: Vec<SectionRow>,
    /// Search tests to add, most asked first.
    pub proposed_tests: Vec<ProposedTest>,
    /// Why suggestions are generic, when the site could not be searched.
    pub note: Option<String>,
}

/// The report of `tally`, with suggestions from `index` when there is one;
/// `limit` findings of each kind.
pub(crate) fn report(
    tally: Tally,
    index: Option<&SearchIndex>,
    limit: usize,
    note: Option<String>,
) -> Report {
    let mut analyzer = index
        .map(|ix| crate::search::analyze::analyzer(crate::search::analyze::language(&ix.language)));
    let top = |pick: &dyn Fn(&QueryTally) -> u64| -> Vec<(String, QueryTally)> {
        let mut found: Vec<(String, QueryTally)> = tally
            .queries
            .iter()
            .filter(|(q, t)| pick(t) > 0 && !q.is_empty())
            .map(|(q, t)| (q.clone(), t.clone()))
            .collect();
        found.sort_by(|a, b| pick(&b.1).cmp(&pick(&a.1)).then_with(|| a.0.cmp(&b.0)));
        found.truncate(limit);
        found
    };
    let mut first_hit = |query: &str| -> Option<(String, String)> {
        let (ix, analyzer) = (index?, analyzer.as_mut()?);
        let q = crate::search::parse_query(query, &ix.language, None, None);
        let hit = search(ix, &q, 1, analyzer).into_iter().next()?;
        Some((hit.title, hit.url))
    };
    let unanswered = top(&|t| t.empty)
        .into_iter()
        .map(|(query, t)| {
            let suggestion = match (index, first_hit(&query)) {
                (Some(_), Some((title, url))) => format!(
                    "the site finds “{title}” ({url}) for it now; nothing to do if that answers it"
                ),
                (Some(ix), None) => unanswered_suggestion(ix, &query),
                (None, _) => format!(
                    "write an article about “{query}”, or add the word to one as `keywords:`"
                ),
            };
            QueryFinding {
                count: t.empty,
                searches: t.searches,
                query,
                suggestion,
            }
        })
        .collect();
    let unopened = top(&|t| t.unclicked)
        .into_iter()
        .map(|(query, t)| {
            let suggestion = match first_hit(&query) {
                Some((title, url)) => format!(
                    "“{title}” ({url}) comes first: make it answer “{query}”, or add `keywords: [{query}]` to the article that does"
                ),
                None => format!("check what “{query}” finds, and add `keywords: [{query}]` to the article that answers it"),
            };
            QueryFinding {
                count: t.unclicked,
                searches: t.searches,
                query,
                suggestion,
            }
        })
        .collect();
    let titles: std::collections::HashMap<&str, &str> = index
        .map(|ix| {
            ix.docs
                .iter()
                .filter(|d| !d.url.contains('#'))
                .map(|d| (d.url.as_str(), d.title.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let mut articles: Vec<ArticleFinding> = tally
        .articles
        .iter()
        .filter(|(_, v)| v.no > 0)
        .map(|(path, v)| {
            let mut reasons: Vec<(String, u64)> =
                v.reasons.iter().map(|(r, n)| (r.clone(), *n)).collect();
            reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            ArticleFinding {
                path: path.clone(),
                title: titles.get(path.as_str()).map(|t| t.to_string()),
                no: v.no,
                yes: v.yes,
                reasons,
                comments: v.comments.clone(),
            }
        })
        .collect();
    articles.sort_by(|a, b| b.no.cmp(&a.no).then_with(|| a.path.cmp(&b.path)));
    articles.truncate(limit);
    let mut per_section: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
    for (path, (s, c)) in &tally.search_pages {
        let e = per_section.entry(section_of(path, index)).or_default();
        e.0 += s;
        e.1 += c;
    }
    let mut sections: Vec<SectionRow> = per_section
        .into_iter()
        .map(|(section, (searches, clicks))| SectionRow {
            section,
            searches,
            clicks,
            click_rate: if searches == 0 {
                0.0
            } else {
                clicks as f64 / searches as f64
            },
        })
        .collect();
    sections.sort_by(|a, b| {
        b.searches
            .cmp(&a.searches)
            .then_with(|| a.section.cmp(&b.section))
    });
    // A page found now is offered only when it has every word: a partial
    // match is a guess the writer would have to undo.
    let whole = |q: &str| {
        index.is_some_and(|ix| {
            let words = crate::search::query::word_matches(
                ix,
                &crate::search::parse_query(q, &ix.language, None, None),
            );
            words.missing.is_empty() && !words.partial
        })
    };
    let proposed_tests = proposed_tests(&tally, limit, &mut |q| {
        first_hit(q).filter(|_| whole(q)).map(|(_, url)| url)
    });
    Report {
        proposed_tests,
        lines: tally.lines,
        searches: tally.searches,
        votes: tally.votes,
        malformed: tally.malformed,
        malformed_lines: tally.bad_lines,
        unanswered,
        unopened,
        articles,
        sections,
        note,
    }
}

/// Queries that found nothing or led to a "No" vote, as search tests for
/// the writer to complete, the most asked first.
fn proposed_tests(
    tally: &Tally,
    limit: usize,
    first_url: &mut dyn FnMut(&str) -> Option<String>,
) -> Vec<ProposedTest> {
    let mut found: Vec<(&String, &QueryTally)> = tally
        .queries
        .iter()
        .filter(|(q, t)| !q.is_empty() && (t.empty > 0 || t.no_votes > 0))
        .collect();
    found.sort_by(|a, b| {
        (b.1.empty + b.1.no_votes)
            .cmp(&(a.1.empty + a.1.no_votes))
            .then_with(|| a.0.cmp(b.0))
    });
    found.truncate(limit);
    found
        .into_iter()
        .map(|(query, t)| {
            let mut why = Vec::new();
            if t.empty > 0 {
                why.push(times(
                    t.empty,
                    "search found nothing",
                    "searches found nothing",
                ));
            }
            if t.no_votes > 0 {
                why.push(format!(
                    "{} on {}",
                    times(t.no_votes, "“No” vote", "“No” votes"),
                    t.voted_no.join(", ")
                ));
            }
            ProposedTest {
                found_now: first_url(query).filter(|url| {
                    // Not the page readers already said does not answer it.
                    !t.voted_no.iter().any(|p| url.split('#').next() == Some(p))
                }),
                query: query.clone(),
                why: why.join("; "),
                weight: t.empty + t.no_votes,
            }
        })
        .collect()
}

fn times(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// YAML for `search-tests.yaml`: each proposal as a test whose `article:` the
/// writer fills in (with the page found now, when there is one, to confirm).
fn proposals_yaml(tests: &[ProposedTest]) -> String {
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut out = String::from("tests:\n");
    for t in tests {
        out.push_str(&format!("  - query: {}   # {}\n", quoted(&t.query), t.why));
        match &t.found_now {
            Some(url) => out.push_str(&format!(
                "    article: {}   # found first now: keep it if it answers\n",
                quoted(url.split('#').next().unwrap_or(url))
            )),
            None => out.push_str("    article: \"\"   # the page that answers it\n"),
        }
    }
    out
}

/// For a query the site finds nothing for: a word of the site close to one of
/// its words (a synonym to declare), else an article to write.
fn unanswered_suggestion(ix: &SearchIndex, query: &str) -> String {
    let q = crate::search::parse_query(query, &ix.language, None, None);
    for w in &q.words {
        if let Some(close) = close_word(ix, &w.raw) {
            return format!(
                "customers write “{}” where the site says “{close}”: add `[{}, {close}]` to `search.synonyms` in helpsite.yaml if they mean the same, or `keywords: [{}]` to the article about it",
                w.raw, w.raw, w.raw
            );
        }
    }
    format!("write an article about “{query}”: nothing on the site mentions it")
}

/// A word of the site's titles and headings (or a stem of its text) at most
/// two edits from `word` and starting with the same letter, the closest first
/// (short words, and words differing at the start, are other words too often).
fn close_word(ix: &SearchIndex, word: &str) -> Option<String> {
    let len = word.chars().count();
    let first = word.chars().next()?;
    if len < 4 {
        return None;
    }
    let near = |candidate: &str| {
        let l = candidate.chars().count();
        (l.abs_diff(len) <= 2 && l >= 4 && candidate.starts_with(first))
            .then(|| edit_distance(word, candidate))
            .filter(|&d| d > 0 && d <= 2)
    };
    ix.forms
        .keys()
        .chain(ix.terms.keys())
        .filter_map(|c| near(c).map(|d| (d, c)))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c.clone())
}

/// The top-level section a page path is in, by the site's sections when known.
fn section_of(path: &str, index: Option<&SearchIndex>) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if let Some(ix) = index {
        for (slug, title) in &ix.sections {
            if !slug.contains('/') && !slug.is_empty() && segments.contains(&slug.as_str()) {
                return title.clone();
            }
        }
        return "Home and other pages".into();
    }
    segments
        .first()
        .map_or_else(|| "Home and other pages".into(), |s| format!("/{s}/"))
}

impl Report {
    /// The report for people.
    pub(crate) fn to_text(&self) -> String {
        let mut out = format!(
            "{} events: {} searches, {} votes",
            self.lines, self.searches, self.votes
        );
        if self.malformed > 0 {
            let listed: Vec<String> = self.malformed_lines.iter().map(u64::to_string).collect();
            out.push_str(&format!(
                "; {} lines are not events (line {}{})",
                self.malformed,
                listed.join(", "),
                if self.malformed as usize > listed.len() {
                    ", …"
                } else {
                    ""
                }
            ));
        }
        out.push_str(".\n");
        if let Some(note) = &self.note {
            out.push_str(&format!("Note: {note}\n"));
        }
        let queries = |out: &mut String, title: &str, found: &[QueryFinding]| {
            if found.is_empty() {
                return;
            }
            out.push_str(&format!("\n{title}\n"));
            for f in found {
                let of = if f.searches == 1 {
                    "1 search".to_string()
                } else {
                    format!("{} searches", f.searches)
                };
                out.push_str(&format!(
                    "  {:>6} × “{}” (of {of})\n         → {}\n",
                    f.count, f.query, f.suggestion
                ));
            }
        };
        queries(&mut out, "Searches that found nothing:", &self.unanswered);
        queries(
            &mut out,
            "Searches with results that nobody opened:",
            &self.unopened,
        );
        if !self.articles.is_empty() {
            out.push_str("\nArticles with the most “No” votes:\n");
            for a in &self.articles {
                let name = a
                    .title
                    .as_ref()
                    .map_or_else(|| a.path.clone(), |t| format!("“{t}” {}", a.path));
                out.push_str(&format!("  {:>6} no, {} yes  {name}\n", a.no, a.yes));
                for (r, n) in &a.reasons {
                    out.push_str(&format!("         {n} × {r}\n"));
                }
                for c in &a.comments {
                    out.push_str(&format!("         “{c}”\n"));
                }
            }
        }
        if !self.proposed_tests.is_empty() {
            out.push_str(
                "\nSearch tests to add to search-tests.yaml (name the page that answers each; `helpsite check` runs them):\n",
            );
            for line in proposals_yaml(&self.proposed_tests).lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
        if !self.sections.is_empty() {
            out.push_str("\nSearches and clicks by section (where the search was made):\n");
            for s in &self.sections {
                out.push_str(&format!(
                    "  {:>8} searches {:>8} clicks  {:>5.1} %  {}\n",
                    s.searches,
                    s.clicks,
                    s.click_rate * 100.0,
                    s.section
                ));
            }
        }
        out
    }
}
