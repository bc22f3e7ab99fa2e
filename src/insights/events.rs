//! Reading the feedback events a collector appended (one JSON object a line,
//! as feedback.js sends them) into tallies, in parallel. A line that is not an
//! event is counted with its number, never fatal: collectors add their own
//! fields (a time, an address) and those are ignored.

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Event<'a> {
    Vote {
        #[serde(borrow)]
        path: Cow<'a, str>,
        vote: Vote,
        #[serde(borrow, default)]
        reason: Option<Cow<'a, str>>,
        #[serde(borrow, default)]
        comment: Option<Cow<'a, str>>,
        /// The search whose result opened the article, if one did.
        #[serde(borrow, default)]
        query: Option<Cow<'a, str>>,
    },
    Search {
        #[serde(borrow, default)]
        path: Option<Cow<'a, str>>,
        #[serde(borrow)]
        query: Cow<'a, str>,
        results: u64,
        #[serde(default)]
        close: bool,
        #[serde(default)]
        clicked: Option<u64>,
    },
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Vote {
    Yes,
    No,
}

/// What one query (lower-cased, spaces collapsed) came to.
#[derive(Debug, Clone, Default)]
pub(crate) struct QueryTally {
    pub searches: u64,
    /// Searches that found nothing.
    pub empty: u64,
    /// Searches with results where none was opened.
    pub unclicked: u64,
    /// Searches that found something only through close matches.
    pub close: u64,
    /// "No" votes on the article a search of it opened, and which articles
    /// those were (the first few, most voted first once merged).
    pub no_votes: u64,
    pub voted_no: Vec<String>,
}

/// How many articles voted "No" after one query are named.
const VOTED_NO_KEPT: usize = 3;

impl QueryTally {
    fn voted_no_on(&mut self, path: &str) {
        self.no_votes += 1;
        if !self.voted_no.iter().any(|p| p == path) && self.voted_no.len() < VOTED_NO_KEPT {
            self.voted_no.push(path.to_string());
        }
    }
}

/// The votes on one article.
#[derive(Debug, Clone, Default)]
pub(crate) struct VoteTally {
    pub yes: u64,
    pub no: u64,
    pub reasons: HashMap<String, u64>,
    /// The first few comments, in the order read.
    pub comments: Vec<String>,
}

/// How many comments an article's report quotes.
const COMMENTS_KEPT: usize = 3;
/// How many malformed lines are listed by number.
pub(crate) const BAD_LINES_LISTED: usize = 10;

/// Everything read from an events file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    pub lines: u64,
    pub searches: u64,
    pub votes: u64,
    pub queries: HashMap<String, QueryTally>,
    pub articles: HashMap<String, VoteTally>,
    /// Per page path the searches were made from: (searches, clicks).
    pub search_pages: HashMap<String, (u64, u64)>,
    pub malformed: u64,
    /// The numbers of the first malformed lines.
    pub bad_lines: Vec<u64>,
}

impl Tally {
    fn add(&mut self, number: u64, line: &str) {
        self.lines += 1;
        match serde_json::from_str::<Event>(line) {
            Ok(Event::Search {
                path,
                query,
                results,
                close,
                clicked,
            }) => {
                self.searches += 1;
                let q = self.queries.entry(normalized(&query)).or_default();
                q.searches += 1;
                q.empty += u64::from(results == 0);
                q.unclicked += u64::from(results > 0 && clicked.is_none());
                q.close += u64::from(close);
                let page = self
                    .search_pages
                    .entry(path.map(Cow::into_owned).unwrap_or_default())
                    .or_default();
                page.0 += 1;
                page.1 += u64::from(clicked.is_some());
            }
            Ok(Event::Vote {
                path,
                vote,
                reason,
                comment,
                query,
            }) => {
                self.votes += 1;
                if let Some(q) = query.filter(|q| !q.trim().is_empty())
                    && vote == Vote::No
                {
                    self.queries
                        .entry(normalized(&q))
                        .or_default()
                        .voted_no_on(&path);
                }
                let a = self.articles.entry(path.into_owned()).or_default();
                match vote {
                    Vote::Yes => a.yes += 1,
                    Vote::No => {
                        a.no += 1;
                        if let Some(r) = reason.filter(|r| !r.trim().is_empty()) {
                            *a.reasons.entry(r.trim().to_string()).or_default() += 1;
                        }
                    }
                }
                if let Some(c) = comment.filter(|c| !c.trim().is_empty())
                    && a.comments.len() < COMMENTS_KEPT
                {
                    a.comments.push(c.trim().chars().take(300).collect());
                }
            }
            Err(_) => {
                self.malformed += 1;
                if self.bad_lines.len() < BAD_LINES_LISTED {
                    self.bad_lines.push(number);
                }
            }
        }
    }

    fn merge(mut self, other: Tally) -> Tally {
        self.lines += other.lines;
        self.searches += other.searches;
        self.votes += other.votes;
        for (k, v) in other.queries {
            let q = self.queries.entry(k).or_default();
            q.searches += v.searches;
            q.empty += v.empty;
            q.unclicked += v.unclicked;
            q.close += v.close;
            q.no_votes += v.no_votes;
            for p in v.voted_no {
                if !q.voted_no.contains(&p) && q.voted_no.len() < VOTED_NO_KEPT {
                    q.voted_no.push(p);
                }
            }
        }
        for (k, v) in other.articles {
            let a = self.articles.entry(k).or_default();
            a.yes += v.yes;
            a.no += v.no;
            for (r, n) in v.reasons {
                *a.reasons.entry(r).or_default() += n;
            }
            let room = COMMENTS_KEPT.saturating_sub(a.comments.len());
            a.comments.extend(v.comments.into_iter().take(room));
        }
        for (k, (s, c)) in other.search_pages {
            let p = self.search_pages.entry(k).or_default();
            p.0 += s;
            p.1 += c;
        }
        self.malformed += other.malformed;
        self.bad_lines.extend(other.bad_lines);
        self.bad_lines.sort_unstable();
        self.bad_lines.truncate(BAD_LINES_LISTED);
        self
    }
}

/// A query as it is counted: lower case, single spaces.
pub(crate) fn normalized(query: &str) -> String {
    query
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Tallies the events in `text` (blank lines are skipped; line numbers from 1).
pub(crate) fn tally(text: &str) -> Tally {
    // Chunks of whole lines, each tallied on its own thread, then merged in
    // order, so the first malformed lines are the file's first.
    let lines: Vec<(u64, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i as u64 + 1, l))
        .collect();
    lines
        .par_chunks(16 * 1024)
        .map(|chunk| {
            let mut t = Tally::default();
            for &(n, line) in chunk {
                t.add(n, line);
            }
            t
        })
        .reduce(Tally::default, Tally::merge)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_tallied_and_bad_lines_counted_by_number() {
        let text = "{\"type\":\"search\",\"path\":\"/a/\",\"query\":\"Refund  Card\",\"results\":0,\"close\":false,\"clicked\":null}\n\
            not json\n\n\
            {\"type\":\"search\",\"query\":\"refund card\",\"results\":2,\"clicked\":null,\"time\":\"2026-12-01T10:00:00Z\"}\n\
            {\"type\":\"vote\",\"path\":\"/a/\",\"vote\":\"no\",\"reason\":\"It is out of date\",\"comment\":\"old prices\"}\n\
            {\"type\":\"vote\",\"path\":\"/a/\",\"vote\":\"maybe\"}\n\
            {\"type\":\"search\",\"query\":\"x\"}\n";
        let t = tally(text);
        assert_eq!((t.searches, t.votes, t.malformed), (2, 1, 3));
        assert_eq!(t.bad_lines, [2, 6, 7]);
        let q = &t.queries["refund card"];
        assert_eq!((q.searches, q.empty, q.unclicked), (2, 1, 1));
        let a = &t.articles["/a/"];
        assert_eq!(
            (a.no, a.reasons["It is out of date"], a.comments.len()),
            (1, 1, 1)
        );
    }
}
