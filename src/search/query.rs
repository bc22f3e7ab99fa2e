//! Ranking, the Rust half (the browser half is in search.js; they must agree).
//!
//! 1. The query is analyzed like the documents; at most 8 words count.
//! 2. Each word's candidate terms: its stem, if indexed (weight 100). The last
//!    word, while it is being typed (two letters, or one CJK character), also
//!    matches terms it is a prefix of (weight
//!    `max(30, 80 - 5 × extra letters)`) and, when its own stem is not indexed
//!    (it is past every stem it could have), indexed stems of 4+ letters that
//!    are a prefix of it (90); at most 30 expansions, the most frequent first. If it
//!    still has none, the longest of its prefixes of 3+ letters that is indexed
//!    with an "e" added, or its first three letters, if indexed (90; "settin" and
//!    "sharin" are no term's prefix, since "settings" and "sharing" are indexed
//!    as "set" and "share": `stem_before_ending`). A query of stop
//!    words only keeps the last, if it is being typed and has 2+ letters, as a
//!    prefix and nothing else ("can" finds "cancel"; `typed_stop_word`). When
//!    the word being typed matched only stems it starts with ("areay" starts
//!    with "area"), its near misses (below) are added too ("array"). A word
//!    with no candidate at all gets the terms within one edit of its stem or of
//!    the word as typed (two for stems of 8+ letters), same first letter (60
//!    for one edit, 40 for two), and the stems of the title and heading words
//!    written within one edit of the word as typed (two for words of 8+
//!    letters; `SearchIndex::forms`); each term once, at most 10.
//! 3. A document's score for a word is its best `impact × weight / 100` (integer
//!    division) over the word's candidates; its total is the sum over words.
//! 4. A page (an article, a section's own page, a support page) scores, for
//!    each word, its best score in any of its documents, summed, times the
//!    share of the words it has, squared (`total × has² / asked²`, integer
//!    division; `asked`: the words with candidates). Pages having every word
//!    come, and before them any page missing some that still scores higher
//!    than the best of those: "Report a bug", whose title says two of "send
//!    bug report", outranks a page that says all three in passing. Words
//!    with a pruned list among their candidates are not required (prune.rs:
//!    a page may have such a word only among the weak matches left out); if
//!    no page has every word that is, all pages count. Pages rank by the
//!    most words one of their documents has (words said together; those
//!    that require first, then all), then that document's total, then the
//!    page score; ties go to the lower page. A page's documents follow each
//!    other, those matching the most words first, then the higher total,
//!    then the lower document. Three words that a page says in three of its
//!    sections find it (a customer remembers words of a page, not of one
//!    part of it), after the pages that say them together.
//! 5. Results group by page, in rank order. The best section leads, and up to 3 more of
//!    the article's sections follow in rank order; but when every word matched
//!    the article's title, the article's top (its first document) leads, as
//!    long as it matched too (`leads_with_top`): "Reporting a bug" opens the
//!    article, not the section that also says "report".
//! 6. The pages considered from here on are those shown and, after them,
//!    the first three section pages ranked below them that have every word
//!    (`SECTION_LOOKAHEAD`), which stay only if this rule or the next moves
//!    them up; the list is then cut to the pages shown. Pages whose title
//!    is the query (the same stems and stop words, none missing, none more)
//!    come first, in their order: "Index State Management" opens that
//!    section's page before "Index State Management API" and the articles
//!    that mention it more. The rows of the pages considered come in one
//!    fetch, so the browser spends no round trip on it.
//! 7. Then a section's page whose title has every word goes before the
//!    first page below it (its URL extends the section's), though not
//!    before a page the query names: "collections" opens "Collections
//!    functions" before the thirty `collections.…` pages that outrank it.

use std::collections::HashMap;

use serde::Serialize;

use super::SearchIndex;
use super::analyze::Word;
use crate::escape::html as escape;

pub const MAX_WORDS: usize = 8;
pub const MAX_PREFIX_EXPANSIONS: usize = 30;
pub const MAX_TYPO_EXPANSIONS: usize = 10;
pub const MAX_SUB_RESULTS: usize = 3;
/// How many section pages ranked below the pages shown rules 6 and 7 still
/// consider (those having every word, in rank order): "Collections
/// functions" is the page for "collections", yet thirty function pages
/// named `collections.…` outrank it. Their rows come in the same round trip
/// as the results' (search.js, `group`).
pub const SECTION_LOOKAHEAD: usize = 3;

/// A query after analysis: its words, and whether the last one is still being
/// typed (the query does not end in a space).
pub struct Query {
    pub words: Vec<Word>,
    /// The stop words typed (`analyze::stop_words_in`): not searched for, but
    /// a page is named by the query only if its title has no others.
    pub stop_words: Vec<String>,
    pub typing: bool,
    pub section: Option<String>,
    pub tag: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubResult {
    pub url: String,
    /// `url` with a text fragment for the passage shown, if one has a word.
    pub link: String,
    pub heading: String,
    pub excerpt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub title: String,
    pub url: String,
    /// The best section's heading (empty for the article's introduction).
    pub heading: String,
    /// `url` with a text fragment that lands on the passage shown, when a
    /// passage has a word of the query (passage.rs).
    pub link: String,
    /// The passage that best answers the query, around its first match,
    /// HTML-escaped, matches in `<mark>`.
    pub excerpt: String,
    /// The first result only: its passage has every word, close together,
    /// so it is shown as the answer above the list.
    pub answer: bool,
    pub section: String,
    pub score: u64,
    /// Other matching sections of the same article.
    pub sections: Vec<SubResult>,
}

/// Damerau-Levenshtein distance (optimal string alignment), on characters:
/// a swapped pair of neighbouring letters is one edit, as in search.js.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The candidate terms of each word, with their weights (percent).
pub fn candidates(ix: &SearchIndex, query: &Query) -> Vec<Vec<(String, u32)>> {
    candidates_and_near_misses(ix, query)
        .into_iter()
        .map(|(list, _)| list)
        .collect()
}

/// How the query's words (as typed) matched, for results pages to say.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WordMatches {
    /// Words that matched only terms one or two edits away ("no exact match").
    pub near: Vec<String>,
    /// Words that matched nothing at all, so the results are for the others.
    pub missing: Vec<String>,
    /// No document has every word (that can require one): those with the
    /// most come first.
    pub partial: bool,
}

/// Which words matched only near misses, which matched nothing, and whether
/// no document has them all.
pub fn word_matches(ix: &SearchIndex, query: &Query) -> WordMatches {
    let mut out = WordMatches::default();
    let found = candidates_and_near_misses(ix, query);
    for ((list, near), w) in found.iter().zip(&query.words) {
        if list.is_empty() {
            out.missing.push(w.raw.clone());
        } else if *near {
            out.near.push(w.raw.clone());
        }
    }
    let cands: Vec<Vec<(String, u32)>> = found.into_iter().map(|(list, _)| list).collect();
    out.partial = rank_telling_partial(ix, query, &cands).1;
    out
}

/// Each word's candidates, and whether they are its near misses.
fn candidates_and_near_misses(ix: &SearchIndex, query: &Query) -> Vec<(Vec<(String, u32)>, bool)> {
    let n = query.words.len();
    query
        .words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut out: Vec<(String, u32)> = Vec::new();
            if ix.terms.contains_key(&w.stem) {
                out.push((w.stem.clone(), 100));
            }
            if i + 1 == n && query.typing {
                let raw_len = w.raw.chars().count();
                let mut expansions: Vec<(String, u32, u32)> = Vec::new();
                if prefixable(&w.raw) {
                    for (t, term) in ix.terms.range(w.raw.clone()..) {
                        if !t.starts_with(w.raw.as_str()) {
                            break;
                        }
                        if *t != w.stem {
                            let extra = t.chars().count().saturating_sub(raw_len) as u32;
                            expansions.push((
                                t.clone(),
                                80u32.saturating_sub(5 * extra).max(30),
                                term.docs,
                            ));
                        }
                    }
                }
                // Stems of 4+ letters that the typed word starts with: "configura" finds "configur".
                // Not when the word's own stem is indexed: "configure" is a word of
                // its own, not one on its way past "config".
                let chars: Vec<(usize, char)> = w.raw.char_indices().collect();
                let past_its_stem = !ix.terms.contains_key(&w.stem);
                for &(at, _) in chars.iter().skip(4).filter(|_| past_its_stem) {
                    let prefix = &w.raw[..at];
                    if prefix != w.stem
                        && !expansions.iter().any(|e| e.0 == prefix)
                        && let Some(p) = ix.terms.get(prefix)
                    {
                        expansions.push((prefix.to_string(), 90, p.docs));
                    }
                }
                expansions.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
                out.extend(
                    expansions
                        .into_iter()
                        .take(MAX_PREFIX_EXPANSIONS)
                        .map(|(t, wt, _)| (t, wt)),
                );
            }
            // Only stems the typed word starts with ("area" in "areay"): as
            // likely a misspelling past them, so its near misses count too.
            let only_shorter = !out.is_empty() && out.iter().all(|(_, wt)| *wt == 90);
            if out.is_empty() && i + 1 == n && query.typing && !w.stem.is_empty() {
                out.extend(stem_before_ending(ix, &w.raw).map(|t| (t, 90)));
            }
            if out.is_empty() {
                return (typo_candidates(ix, w), true);
            }
            if only_shorter {
                for (t, wt) in typo_candidates(ix, w) {
                    if !out.iter().any(|(o, _)| *o == t) {
                        out.push((t, wt));
                    }
                }
            }
            (out, false)
        })
        .collect()
}

/// Whether a word being typed is long enough to match as a prefix: two
/// letters, or one CJK character, which is often a word of its own (`密` on
/// its way to `密码`).
fn prefixable(raw: &str) -> bool {
    let mut chars = raw.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => super::analyze::is_cjk(c),
        (Some(_), Some(_)) => true,
        _ => false,
    }
}

/// The stem a word being typed is on its way to when it is no term's prefix:
/// the stem drops or changes the word's ending ("settings" is "set", "sharing"
/// is "share"), so "settin" and "sharin" match nothing, yet are too far from
/// "set" and "share" for typo tolerance. The longest of its prefixes of 3+
/// letters (all but the whole word) that is indexed with an "e" added, or its
/// first three letters. Only when nothing else matched: a three-letter stem is
/// a prefix of many words ("add" of "address"), and would outrank them. The
/// first three letters only while at most two letters of an ending follow
/// them, after a letter doubling the third ("sett|in" of "setting"): a longer
/// rest is a word of its own ("outage" is not on its way to "out").
fn stem_before_ending(ix: &SearchIndex, raw: &str) -> Option<String> {
    let cuts: Vec<usize> = raw.char_indices().skip(3).map(|(at, _)| at).collect();
    let shortest = *cuts.first()?;
    let (stem, rest) = raw.split_at(shortest);
    let doubled = rest.chars().next() == stem.chars().last();
    let short_ending = rest.chars().count() - usize::from(doubled) <= 2;
    cuts.iter().rev().find_map(|&at| {
        let with_e = format!("{}e", &raw[..at]);
        if ix.terms.contains_key(&with_e) {
            Some(with_e)
        } else {
            (at == shortest && short_ending && ix.terms.contains_key(stem))
                .then(|| stem.to_string())
        }
    })
}

/// A misspelt word's candidates: its near misses with its first letter, or
/// when it has none, what a slip at the first letter would make of it.
fn typo_candidates(ix: &SearchIndex, w: &Word) -> Vec<(String, u32)> {
    let found = near_misses(ix, w);
    if found.is_empty() {
        first_letter_slips(ix, w)
    } else {
        found
    }
}

/// The terms the word is one slip at its start from: its first two letters
/// swapped ("lcuster", "odnes") or a letter typed before it ("xnodes"). The
/// word repaired is a title or heading word as written, or stems to a term;
/// either starts with the typed word's second letter, whose vocabulary is
/// all the browser needs (and a written form whose stem starts otherwise is
/// not in it, so it does not count here either).
fn first_letter_slips(ix: &SearchIndex, w: &Word) -> Vec<(String, u32)> {
    let cs: Vec<char> = w.raw.chars().collect();
    if cs.len() < 3 {
        return Vec::new();
    }
    let second = cs[1];
    let mut repairs: Vec<String> = Vec::with_capacity(2);
    if cs[0] != second {
        repairs.push([second, cs[0]].iter().chain(&cs[2..]).collect());
    }
    repairs.push(cs[1..].iter().collect());
    let mut analyzer = super::analyze::analyzer(super::analyze::language(&ix.language));
    let mut out: Vec<(String, u32)> = Vec::new();
    for r in repairs {
        let written = ix.forms.get(&r).filter(|stem| stem.starts_with(second));
        let stemmed = super::analyze::words(&mut analyzer, &r)
            .into_iter()
            .next()
            .map(|x| x.stem)
            .filter(|stem| stem.starts_with(second) && ix.terms.contains_key(stem));
        if let Some(t) = written.cloned().or(stemmed)
            && !out.iter().any(|(o, _)| *o == t)
        {
            out.push((t, 60));
        }
    }
    out
}

/// The terms one or two edits from the word (with its first letter).
fn near_misses(ix: &SearchIndex, w: &Word) -> Vec<(String, u32)> {
    let Some(first) = w.stem.chars().next() else {
        return Vec::new();
    };
    let len = w.stem.chars().count();
    let raw_len = w.raw.chars().count();
    // A word as typed may be long where its stem is short ("noeds" stems
    // to "no"): it is compared as typed, its stem only from three letters.
    if len < 3 && raw_len < 3 {
        return Vec::new();
    }
    // Two edits for stems of 8+ letters. Each of the stem and the word as
    // typed is compared where its length allows: a stem may be much shorter
    // ("intreval" stems to "intrev", while "interval" stays whole). (Edits
    // counted by the word's length instead gave 2 edits to more words, and a
    // tenth of z10k's typo queries a third round trip for their chunks.)
    let max = if len >= 8 { 2 } else { 1 };
    let near = |a: usize, b: usize| a.abs_diff(b) <= max;
    let stem_len = if len < 3 { usize::MAX } else { len };
    let start = first.to_string();
    let mut found: Vec<(String, u32, u32)> = Vec::new();
    for (t, term) in ix.terms.range(start.clone()..) {
        if !t.starts_with(first) {
            break;
        }
        // Each of the stem and the word as typed, where its length allows.
        let tl = t.chars().count();
        let d = [(&w.stem, stem_len), (&w.raw, raw_len)]
            .iter()
            .filter(|(_, l)| near(*l, tl))
            .map(|(s, _)| edit_distance(s, t))
            .min();
        if let Some(d @ 1..) = d
            && d <= max
        {
            found.push((t.clone(), if d == 1 { 60 } else { 40 }, term.docs));
        }
    }
    // The words of titles and headings as written, each standing for its
    // stem: "numeirc" is one edit from "numeric", two from its stem "numer".
    // Those with the stem's first letter (the browser has them in the
    // stem's letter's vocabulary, export.rs::vocab_file).
    // Written words: two edits for words of 8+ letters as typed.
    let form_max = if raw_len >= 8 { 2 } else { 1 };
    for (form, stem) in ix.forms.range(start..) {
        if !form.starts_with(first) {
            break;
        }
        if form.chars().count().abs_diff(raw_len) > form_max || !stem.starts_with(first) {
            continue;
        }
        let d = edit_distance(&w.raw, form);
        if d >= 1
            && d <= form_max
            && let Some(term) = ix.terms.get(stem)
        {
            found.push((stem.clone(), if d == 1 { 60 } else { 40 }, term.docs));
        }
    }
    found.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    // A stem near the word both as a stem and as a written word counts once,
    // with its better weight (the first after sorting).
    let mut seen = std::collections::HashSet::new();
    found
        .into_iter()
        .filter(|(t, _, _)| seen.insert(t.clone()))
        .take(MAX_TYPO_EXPANSIONS)
        .map(|(t, wt, _)| (t, wt))
        .collect()
}

/// A ranked document and what places it (rule 4).
struct Placed {
    doc: u32,
    /// The most words that require one document of its page has, the most
    /// words, and that document's total.
    together: (u32, u32, u64),
    page_score: u64,
    page: u32,
    matched: u32,
    total: u64,
}

/// Ranked documents: `(doc, words matched, its page's score)`, best first.
pub fn rank(ix: &SearchIndex, query: &Query, cands: &[Vec<(String, u32)>]) -> Vec<(u32, u32, u64)> {
    rank_telling_partial(ix, query, cands).0
}

/// `rank`, and whether it fell back to documents with only some of the words
/// that require (rule 4): no document has them all.
fn rank_telling_partial(
    ix: &SearchIndex,
    query: &Query,
    cands: &[Vec<(String, u32)>],
) -> (Vec<(u32, u32, u64)>, bool) {
    let section = query.section.as_ref().and_then(|s| {
        ix.sections
            .iter()
            .position(|(slug, _)| slug == s.trim_matches('/'))
    });
    let tag = query
        .tag
        .as_ref()
        .and_then(|t| ix.tags.iter().position(|(slug, _)| slug == t));
    if query.section.is_some() && section.is_none() || query.tag.is_some() && tag.is_none() {
        return (Vec::new(), false);
    }
    let allowed = |d: u32| {
        let info = &ix.docs[d as usize];
        section.is_none_or(|s| info.section as usize == s)
            && tag.is_none_or(|t| info.tags.contains(&(t as u32)))
    };
    // A word can require a document only when its lists are complete: a pruned
    // list leaves out weak matches, and a document with the word only there
    // must still be found by its other words.
    let required: Vec<bool> = cands
        .iter()
        .map(|list| {
            !list.is_empty()
                && list
                    .iter()
                    .all(|(t, _)| ix.terms.get(t).is_none_or(|t| t.complete()))
        })
        .collect();
    let needed = required.iter().filter(|r| **r).count();
    // doc → per-word best score
    let mut scores: HashMap<u32, Vec<u64>> = HashMap::new();
    for (wi, list) in cands.iter().enumerate() {
        for (term, weight) in list {
            let Some(term) = ix.terms.get(term) else {
                continue;
            };
            for &(doc, impact) in &term.postings {
                if !allowed(doc) {
                    continue;
                }
                let s = u64::from(impact) * u64::from(*weight) / 100;
                let row = scores.entry(doc).or_insert_with(|| vec![0; cands.len()]);
                if s > row[wi] {
                    row[wi] = s;
                }
            }
        }
    }
    // Per page, each word's best score in any of its documents.
    // And the most words one of its documents has, those that require first,
    // with the best total of such a document.
    let page_of = |doc: u32| ix.docs[doc as usize].article;
    let mut pages: HashMap<u32, Vec<u64>> = HashMap::new();
    let mut together: HashMap<u32, (u32, u32, u64)> = HashMap::new();
    for (&doc, row) in &scores {
        let best = pages
            .entry(page_of(doc))
            .or_insert_with(|| vec![0; cands.len()]);
        for (b, s) in best.iter_mut().zip(row) {
            *b = (*b).max(*s);
        }
        let here = (
            row.iter()
                .zip(&required)
                .filter(|(s, r)| **s > 0 && **r)
                .count() as u32,
            row.iter().filter(|s| **s > 0).count() as u32,
            row.iter().sum::<u64>(),
        );
        let most = together.entry(page_of(doc)).or_default();
        *most = (*most).max(here);
    }
    let asked = cands.iter().filter(|list| !list.is_empty()).count() as u64;
    // Per page: its score, and whether it has every word that requires.
    let page_scores: HashMap<u32, (u64, bool)> = pages
        .iter()
        .map(|(&page, best)| {
            let has = best.iter().filter(|s| **s > 0).count() as u64;
            let total: u64 = best.iter().sum();
            let whole = best.iter().zip(&required).all(|(s, r)| *s > 0 || !r);
            (page, (total * has * has / (asked * asked).max(1), whole))
        })
        .collect();
    let best_whole = page_scores.values().filter(|p| p.1).map(|p| p.0).max();
    let partial = needed > 0 && !page_scores.is_empty() && best_whole.is_none();
    let kept = |page: u32| {
        let (score, whole) = page_scores[&page];
        needed == 0 || best_whole.is_none_or(|best| whole || score > best)
    };
    let mut ranked: Vec<Placed> = scores
        .into_iter()
        .filter(|(doc, _)| kept(page_of(*doc)))
        .map(|(doc, row)| {
            let page = page_of(doc);
            Placed {
                doc,
                together: together[&page],
                page_score: page_scores[&page].0,
                page,
                matched: row.iter().filter(|s| **s > 0).count() as u32,
                total: row.iter().sum(),
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.together
            .cmp(&a.together)
            .then(b.page_score.cmp(&a.page_score))
            .then(a.page.cmp(&b.page))
            .then(b.matched.cmp(&a.matched))
            .then(b.total.cmp(&a.total))
            .then(a.doc.cmp(&b.doc))
    });
    let ranked = ranked
        .into_iter()
        .map(|r| (r.doc, r.matched, r.page_score))
        .collect();
    (ranked, partial)
}

/// An excerpt of `text` around the first word whose stem or raw form is in `marks`,
/// HTML-escaped with matches in `<mark>`.
pub fn excerpt(
    text: &str,
    marks: &[String],
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> String {
    let spans: Vec<(usize, usize)> = super::analyze::words(analyzer, text)
        .into_iter()
        .filter(|w| super::passage::matches(marks, &w.stem, &w.raw))
        .map(|w| (w.span.start, w.span.end))
        .fold(Vec::new(), |mut merged: Vec<(usize, usize)>, (a, b)| {
            // Pairs of CJK characters overlap (修改, 改密): one mark covers both.
            match merged.last_mut() {
                Some(last) if a < last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
            merged
        });
    // The window is counted in UTF-16 code units, as the browser's strings
    // count it (search.js, `excerpt`), so both cut the same text: 60 before
    // the first match, 180 in all. `units[k]` is the offset of the kth
    // character; `at(u)` the byte where the first character at or after
    // offset `u` starts.
    const WINDOW: usize = 180;
    let units: Vec<(usize, usize)> = text
        .char_indices()
        .scan(0, |u, (byte, c)| {
            let here = *u;
            *u += c.len_utf16();
            Some((byte, here))
        })
        .collect();
    let unit_of = |byte: usize| {
        units
            .iter()
            .find(|(b, _)| *b >= byte)
            .map_or_else(|| text.encode_utf16().count(), |(_, u)| *u)
    };
    let at = |unit: usize| {
        units
            .iter()
            .find(|(_, u)| *u >= unit)
            .map_or(text.len(), |(b, _)| *b)
    };
    let mut start = spans
        .first()
        .map_or(0, |s| at(unit_of(s.0).saturating_sub(60)));
    if start > 0 {
        // Begin at a word.
        start = text[start..].find(' ').map_or(start, |p| start + p + 1);
    }
    let mut end = at(unit_of(start) + WINDOW);
    if end < text.len() && !text[end..].starts_with(' ') {
        // End at a word: at the space where the window ends, or the last before it.
        end = text[..end].rfind(' ').filter(|&p| p > start).unwrap_or(end);
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut pos = start;
    for &(a, b) in spans.iter().filter(|s| s.0 >= start && s.1 <= end) {
        out.push_str(&escape(&text[pos..a]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[a..b]));
        out.push_str("</mark>");
        pos = b;
    }
    out.push_str(&escape(&text[pos..end]));
    if end < text.len() {
        out.push('…');
    }
    out
}

/// What excerpts mark: every candidate term, the synonyms of each (a
/// document found through a synonym shows the word that brought it), and the
/// words as typed.
fn marks(ix: &SearchIndex, query: &Query, cands: &[Vec<(String, u32)>]) -> Vec<String> {
    let terms: Vec<&String> = cands.iter().flatten().map(|(t, _)| t).collect();
    let synonyms = ix
        .synonyms
        .iter()
        .filter(|group| group.iter().any(|s| terms.contains(&s)))
        .flatten();
    terms
        .iter()
        .copied()
        .chain(synonyms)
        .cloned()
        .chain(query.words.iter().map(|w| w.raw.clone()))
        .collect()
}

/// Runs `query` and groups the ranked documents into at most `limit` articles.
pub fn search(
    ix: &SearchIndex,
    query: &Query,
    limit: usize,
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> Vec<Hit> {
    if query.words.is_empty() || limit == 0 {
        return Vec::new();
    }
    let cands = candidates(ix, query);
    let ranked = rank(ix, query, &cands);
    let marks = marks(ix, query, &cands);
    let raw: Vec<String> = query.words.iter().map(|w| w.raw.clone()).collect();
    let groups = super::passage::groups(ix, &raw, &cands);
    // The first `limit` articles in the ranking, each with its score (its best
    // section's) and all its ranked documents in rank order.
    // After them, the first `SECTION_LOOKAHEAD` section pages that have every
    // word, for rules 6 and 7 to consider.
    let mut articles: Vec<(u64, Vec<u32>)> = Vec::new();
    let mut by_article: HashMap<u32, usize> = HashMap::new();
    let mut beyond = 0;
    for (doc, matched, total) in ranked {
        let article = ix.docs[doc as usize].article;
        match by_article.get(&article) {
            Some(&h) => articles[h].1.push(doc),
            None if articles.len() < limit
                || beyond < SECTION_LOOKAHEAD
                    && ix.section_pages.contains(&article)
                    && matched as usize == query.words.len() =>
            {
                beyond += usize::from(articles.len() >= limit);
                by_article.insert(article, articles.len());
                articles.push((total, vec![doc]));
            }
            None => {}
        }
    }
    // Rule 6: a page whose title is the query comes first.
    let stems = |text: &str, analyzer: &mut tantivy::tokenizer::TextAnalyzer| {
        let mut s: Vec<String> = super::analyze::words(analyzer, text)
            .into_iter()
            .map(|w| w.stem)
            .collect();
        s.sort_unstable();
        s.dedup();
        s
    };
    let mut asked: Vec<String> = query.words.iter().map(|w| w.stem.clone()).collect();
    asked.sort_unstable();
    // The title's stop words count too: "collections.In" and
    // "collections.D" ("d" is one) are not named by "collections", which
    // names their section ("Collections functions", rule 7).
    let language = super::analyze::language(&ix.language);
    let named: Vec<bool> = articles
        .iter()
        .map(|(_, docs)| {
            let title = &ix.docs[docs[0] as usize].title;
            !asked.iter().any(String::is_empty)
                && stems(title, analyzer) == asked
                && super::analyze::stop_words_in(title, language) == query.stop_words
        })
        .collect();
    let mut articles: Vec<(bool, (u64, Vec<u32>))> = named.into_iter().zip(articles).collect();
    // Stable: pages that the query names keep their order, and so do the rest.
    articles.sort_by_key(|(named, _)| !named);
    // Rule 7: a section's page whose title has every word goes before the
    // pages below it ("crypto" opens "Crypto functions", not "crypto.HMAC"),
    // though not before a page the query names. A page is below a section
    // when its URL extends the section's; the home page is no section here.
    let page_url = |docs: &[u32]| {
        let url = &ix.docs[docs[0] as usize].url;
        url.split('#').next().unwrap_or(url).to_string()
    };
    let is_section_page = |docs: &[u32]| {
        let d = &ix.docs[docs[0] as usize];
        ix.sections
            .get(d.section as usize)
            .is_some_and(|s| !s.0.is_empty())
    };
    for i in 0..articles.len() {
        let docs = &articles[i].1.1;
        if !is_section_page(docs) || asked.iter().any(String::is_empty) {
            continue;
        }
        let title = stems(&ix.docs[docs[0] as usize].title, analyzer);
        if !asked.iter().all(|a| title.binary_search(a).is_ok()) {
            continue;
        }
        let url = page_url(docs);
        let below = (0..i).find(|&j| {
            let other = page_url(&articles[j].1.1);
            !articles[j].0 && other.len() > url.len() && other.starts_with(&url)
        });
        if let Some(j) = below {
            let page = articles.remove(i);
            articles.insert(j, page);
        }
    }
    // The section pages considered beyond the first `limit` stay only if
    // a rule moved them up.
    articles.truncate(limit);
    let shows = Shows {
        ix,
        marks: &marks,
        groups: &groups,
        cands: &cands,
    };
    articles
        .into_iter()
        .enumerate()
        .map(|(i, (_, (score, docs)))| {
            let best = &ix.docs[docs[0] as usize];
            let top = ix.docs.partition_point(|d| d.article < best.article) as u32;
            let lead = if docs[0] != top
                && docs.contains(&top)
                && leads_with_top(&cands, &best.title, analyzer)
            {
                top
            } else {
                docs[0]
            };
            let mut hit = shows.hit(lead, &docs, score, analyzer);
            // Only the first result can be the answer.
            hit.answer &= i == 0;
            hit
        })
        .collect()
}

/// What results show of documents: the marks and passage groups of a query.
struct Shows<'a> {
    ix: &'a SearchIndex,
    marks: &'a [String],
    groups: &'a [super::passage::Group],
    cands: &'a [Vec<(String, u32)>],
}

impl Shows<'_> {
    /// The result of a page: its document `lead`, and after it up to
    /// `MAX_SUB_RESULTS` more of its ranked `docs`.
    fn hit(
        &self,
        lead: u32,
        docs: &[u32],
        score: u64,
        analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    ) -> Hit {
        let info = &self.ix.docs[lead as usize];
        let (link, shown, best) = self.shown(info, analyzer);
        Hit {
            title: info.title.clone(),
            url: info.url.clone(),
            heading: info.heading.clone(),
            link,
            excerpt: excerpt(&shown, self.marks, analyzer),
            answer: best.is_some_and(|p| super::passage::answers(&p, self.groups.len())),
            section: self
                .ix
                .sections
                .get(info.section as usize)
                .map(|s| s.1.clone())
                .unwrap_or_default(),
            score,
            sections: docs
                .iter()
                .filter(|&&d| d != lead)
                .take(MAX_SUB_RESULTS)
                .map(|&d| {
                    let info = &self.ix.docs[d as usize];
                    let (link, shown, _) = self.shown(info, analyzer);
                    SubResult {
                        url: info.url.clone(),
                        link,
                        heading: info.heading.clone(),
                        excerpt: excerpt(&shown, self.marks, analyzer),
                    }
                })
                .collect(),
        }
    }

    /// What a document's result shows: the link to its best passage, the
    /// text its excerpt is cut from (that passage and, when it is short,
    /// those after it; else the whole text on one line), and the passage.
    fn shown(
        &self,
        info: &super::DocInfo,
        analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    ) -> (String, String, Option<super::passage::Passage>) {
        let (url, text) = (&info.url, &info.text);
        match super::passage::best(text, self.groups, analyzer) {
            // The link lands on the first passage anyway; and a page's top
            // whose title the query names is the place to land.
            Some(p)
                if p.index == 0
                    || !url.contains('#') && leads_with_top(self.cands, &info.title, analyzer) =>
            {
                (
                    url.to_string(),
                    super::passage::with_context(text, p.index),
                    Some(p),
                )
            }
            Some(p) => (
                super::passage::link(url, &p.text),
                super::passage::with_context(text, p.index),
                Some(p),
            ),
            None => (url.to_string(), text.replace('\n', " "), None),
        }
    }
}

/// Whether every word matched the article's title (one of its candidate terms
/// is a word of the title): then the query names the article, and its top is
/// the place to land, whichever section also mentions the words.
pub fn leads_with_top(
    cands: &[Vec<(String, u32)>],
    title: &str,
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> bool {
    let stems: Vec<String> = super::analyze::words(analyzer, title)
        .into_iter()
        .map(|w| w.stem)
        .collect();
    !cands.is_empty()
        && cands
            .iter()
            .all(|list| list.iter().any(|(t, _)| stems.contains(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("instal", "instal"), 0);
        assert_eq!(edit_distance("instal", "isntal"), 1);
        assert_eq!(edit_distance("refund", "refnd"), 1);
        assert_eq!(edit_distance("password", "pasword"), 1);
        assert_eq!(edit_distance("abc", "xyz"), 3);
    }
}
