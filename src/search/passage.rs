//! The passage of a result that answers the query: of a section's passages
//! (paragraphs, list items, table rows, code blocks; `\n` between them in
//! `DocInfo::text`), the one where the query's words are, the rarer the
//! better and the closer together the better, rather than the first
//! mention. Results show it as their excerpt and link to it with a text
//! fragment (`#heading:~:text=start,end`), which browsers scroll to and
//! mark; the default theme marks it in browsers without them. search.js
//! chooses the same passage by the same rules (`Engine.prototype.passage`).

use super::SearchIndex;

/// What each query word matches in a passage: its candidate terms, their
/// synonyms and the word as typed (as excerpts mark them), and how rare it is.
pub struct Group {
    pub marks: Vec<String>,
    /// `40 - 2 × bits(documents)` of its rarest candidate, at least 1: a
    /// word in one document weighs 38, in a thousand 20.
    pub weight: u32,
}

/// A section's best passage for a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Which passage of the text (0-based).
    pub index: usize,
    pub text: String,
    /// How many of the query's words it has.
    pub matched: usize,
    /// Tokens between its words beyond one another (0: side by side).
    pub gap: usize,
}

/// Points a matched word is worth per unit of weight.
const WORD_POINTS: u32 = 8;
/// The most a passage gains for having its words together.
const CLOSENESS: usize = 24;
/// How loose a passage's words may be for it to be the answer.
const ANSWER_GAP: usize = 8;

/// The query's words as passage scoring matches them: each word's candidate
/// terms (`cands`), the synonyms of those, and the word as typed.
pub fn groups(ix: &SearchIndex, raw: &[String], cands: &[Vec<(String, u32)>]) -> Vec<Group> {
    cands
        .iter()
        .zip(raw)
        .map(|(list, raw)| {
            let mut marks: Vec<String> = list.iter().map(|(t, _)| t.clone()).collect();
            for group in &ix.synonyms {
                if group.iter().any(|s| marks.contains(s)) {
                    marks.extend(group.iter().cloned());
                }
            }
            marks.push(raw.clone());
            let docs = list
                .iter()
                .filter_map(|(t, _)| ix.terms.get(t).map(|term| term.docs))
                .min()
                .unwrap_or(0);
            Group {
                marks,
                weight: weight(docs),
            }
        })
        .collect()
}

/// `40 - 2 × bits(docs)`, at least 1 (`bits(0)` is 0).
pub fn weight(docs: u32) -> u32 {
    let bits = 32 - docs.leading_zeros();
    40u32.saturating_sub(2 * bits).max(1)
}

/// Whether an analyzed word matches one of `marks`: a mark itself, or a
/// mark of three or more characters it starts with. Excerpts mark words by
/// the same rule (query.rs::excerpt).
pub(crate) fn matches(marks: &[String], stem: &str, raw: &str) -> bool {
    marks
        .iter()
        .any(|m| m == stem || raw.starts_with(m.as_str()) && m.chars().count() >= 3)
}

/// The best passage of `text` for `groups`: the most weight of words found,
/// then closeness; the first of equals. `None` when no passage has any.
pub fn best(
    text: &str,
    groups: &[Group],
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> Option<Passage> {
    let mut best: Option<(usize, Passage)> = None;
    for (index, p) in text.split('\n').enumerate() {
        let words = super::analyze::words(analyzer, p);
        // Each word's groups, in order.
        let hits: Vec<Vec<usize>> = words
            .iter()
            .map(|w| {
                (0..groups.len())
                    .filter(|&g| matches(&groups[g].marks, &w.stem, &w.raw))
                    .collect()
            })
            .collect();
        let found: Vec<usize> = (0..groups.len())
            .filter(|g| hits.iter().any(|h| h.contains(g)))
            .collect();
        if found.is_empty() {
            continue;
        }
        let gap = gap(&hits, &found);
        let points: u32 = found.iter().map(|&g| groups[g].weight * WORD_POINTS).sum();
        let close = if found.len() >= 2 {
            CLOSENESS.saturating_sub(gap)
        } else {
            0
        };
        let score = points as usize + close;
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((
                score,
                Passage {
                    index,
                    text: p.to_string(),
                    matched: found.len(),
                    gap,
                },
            ));
        }
    }
    best.map(|(_, p)| p)
}

/// The shortest run of words holding each of `found`'s groups, less one
/// word per group: 0 when they stand side by side.
fn gap(hits: &[Vec<usize>], found: &[usize]) -> usize {
    let mut shortest = usize::MAX;
    for start in 0..hits.len() {
        if hits[start].is_empty() {
            continue;
        }
        let mut seen: Vec<usize> = Vec::new();
        for (end, h) in hits.iter().enumerate().skip(start) {
            for g in h {
                if !seen.contains(g) {
                    seen.push(*g);
                }
            }
            if seen.len() == found.len() {
                shortest = shortest.min(end - start + 1);
                break;
            }
        }
    }
    shortest.saturating_sub(found.len())
}

/// Whether a passage answers the query on its own: of two words it has
/// both, of three or more all but one at most, close together.
pub fn answers(p: &Passage, words: usize) -> bool {
    words >= 2 && p.matched + usize::from(words >= 3) >= words && p.gap <= ANSWER_GAP
}

/// A passage shorter than this is shown with those after it (a list item
/// such as "access to the admin panel, and" says little alone).
const SHORT: usize = 120;

/// The text a result's excerpt is cut from: passage `index` of `text`, and
/// while that is shorter than `SHORT` characters, the passages after it.
pub fn with_context(text: &str, index: usize) -> String {
    let mut out = String::new();
    for p in text.split('\n').skip(index) {
        if !out.is_empty() {
            if out.chars().count() >= SHORT {
                break;
            }
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// How many words start and end a text fragment.
const FRAGMENT_WORDS: usize = 4;

/// `url` with a text fragment for the passage (`#id:~:text=start,end`): the
/// passage's first words, and its last when it is longer than both. A
/// passage cut short ("…") ends at its last whole word.
pub fn link(url: &str, passage: &str) -> String {
    let words: Vec<&str> = passage
        .trim_end_matches('…')
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return url.to_string();
    }
    let sep = if url.contains('#') { "" } else { "#" };
    let n = FRAGMENT_WORDS;
    let directive = if words.len() <= 2 * n {
        encode(&words.join(" "))
    } else {
        format!(
            "{},{}",
            encode(&words[..n].join(" ")),
            encode(&words[words.len() - n..].join(" "))
        )
    };
    format!("{url}{sep}:~:text={directive}")
}

/// Percent-encoding as JavaScript's `encodeURIComponent`, and `-` too (a
/// text fragment's `-` marks its prefix and suffix).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(marks: &[&str], weight: u32) -> Group {
        Group {
            marks: marks.iter().map(|m| m.to_string()).collect(),
            weight,
        }
    }

    #[test]
    fn rarer_words_together_beat_the_first_mention() {
        let mut a = crate::search::analyze::analyzer(tantivy::tokenizer::Language::English);
        let text = "Snapshots are copies of a cluster.\nTake one every day.\nTo restore a snapshot to another cluster, register the repository there first.";
        let g = [
            group(&["restor"], 30),
            group(&["snapshot"], 20),
            group(&["cluster"], 20),
        ];
        let p = best(text, &g, &mut a).expect("a passage");
        assert_eq!(p.index, 2);
        assert_eq!((p.matched, p.gap), (3, 1));
        assert!(answers(&p, 3));
        // Nothing found: no passage.
        assert_eq!(best(text, &[group(&["zebra"], 38)], &mut a), None);
        // Of equals, the first.
        let p = best(
            "a cluster\nanother cluster",
            &[group(&["cluster"], 20)],
            &mut a,
        )
        .expect("a passage");
        assert_eq!(p.index, 0);
    }

    #[test]
    fn a_short_passage_is_shown_with_those_after_it() {
        let long = "x".repeat(130);
        let text = format!("first\nshort one\ntwo\n{long}\nlast");
        assert_eq!(with_context(&text, 1), format!("short one two {long}"));
        assert_eq!(with_context(&text, 3), long);
        assert_eq!(with_context(&text, 4), "last");
        assert_eq!(with_context(&text, 9), "");
    }

    #[test]
    fn weights_fall_with_documents() {
        assert_eq!(weight(0), 40);
        assert_eq!(weight(1), 38);
        assert_eq!(weight(1000), 20);
        assert_eq!(weight(u32::MAX), 1);
    }

    #[test]
    fn links_carry_the_passages_first_and_last_words() {
        assert_eq!(
            link("/a/#x", "Take one every day."),
            "/a/#x:~:text=Take%20one%20every%20day."
        );
        assert_eq!(
            link(
                "/a/",
                "To restore a snapshot to another cluster, register the repository-wide setting first…"
            ),
            "/a/#:~:text=To%20restore%20a%20snapshot,the%20repository%2Dwide%20setting%20first"
        );
        assert_eq!(link("/a/", ""), "/a/");
    }
}
