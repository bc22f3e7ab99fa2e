//! Synonyms: groups of words a site's customers use for one thing
//! (`[refund, chargeback, reimbursement]`, `search.synonyms` in helpsite.yaml).
//!
//! They are applied to the index, not to queries: after scoring, each word of
//! a group lists the documents of the others too, at `SHARE` of their impact.
//! The browser reads those lists from the export like any other, so
//! `helpsite search`, `serve` and the browser agree without a second
//! implementation, and a query costs no extra lookup.

use std::collections::BTreeMap;

use super::analyze;
use super::index::Term;

/// A document found through a synonym scores this share of what the synonym
/// gives it (as a one-edit typo does, query.rs): where both are in the same
/// fields, the word the customer typed comes first; a synonym in a title
/// still outranks the word in passing.
pub(crate) const SHARE: (u32, u32) = (3, 5);

/// A group entry that is not one word to search.
#[derive(Debug, PartialEq)]
pub(crate) struct BadEntry {
    pub entry: String,
    pub reason: String,
}

/// Checks `search.synonyms` of a loaded configuration (config.rs parses it;
/// only the analyzer can say whether an entry is one word and not a stop
/// word): the first bad entry, located in helpsite.yaml.
pub(crate) fn check_config(
    config: &crate::config::Config,
) -> Option<crate::diagnostics::Diagnostic> {
    let bad = stems(&config.search.synonyms, &config.language).err()?;
    // The entry's own line when it can be found, else the key's.
    let key = config.key_line("synonyms");
    let first = bad.entry.split(", ").next().unwrap_or_default();
    let line = config
        .text()
        .lines()
        .enumerate()
        .skip(key.saturating_sub(1))
        .find(|(_, l)| !first.trim().is_empty() && l.contains(first))
        .map_or(key, |(i, _)| i + 1);
    Some(
        crate::diagnostics::Diagnostic::error(
            "invalid-value",
            format!("search synonym `{}` {}", bad.entry, bad.reason),
        )
        .at(config.path())
        .line(line)
        .hint("list groups of single words, such as `synonyms: [[refund, chargeback], [cancel, unsubscribe]]`"),
    )
}

/// Each group's distinct stems, as the site's analyzer makes them. Every entry
/// must be one word that is not a stop word, and a group needs two stems.
pub(crate) fn stems(groups: &[Vec<String>], language: &str) -> Result<Vec<Vec<String>>, BadEntry> {
    let mut analyzer = analyze::analyzer(analyze::language(language));
    let mut out = Vec::with_capacity(groups.len());
    for group in groups {
        let mut stems: Vec<String> = Vec::new();
        for entry in group {
            let words = analyze::words(&mut analyzer, entry);
            let reason = match words.len() {
                1 => None,
                0 if entry.trim().is_empty() => Some("is empty".to_string()),
                0 => Some("is a stop word, which search leaves out".to_string()),
                _ => Some("is more than one word; synonyms are single words".to_string()),
            };
            if let Some(reason) = reason {
                return Err(BadEntry {
                    entry: entry.clone(),
                    reason,
                });
            }
            let stem = words[0].stem.clone();
            if !stems.contains(&stem) {
                stems.push(stem);
            }
        }
        if stems.len() < 2 {
            return Err(BadEntry {
                entry: group.join(", "),
                reason: "needs two words that search tells apart (their stems are the same)"
                    .to_string(),
            });
        }
        out.push(stems);
    }
    Ok(out)
}

/// Lists, under every stem of each group, the documents of the others at
/// `SHARE` of their impact (a document keeps its best score). Groups read the
/// lists as they were before any group was applied, so their order does not
/// matter. A word whose own list or a synonym's was pruned stays incomplete,
/// so it does not require documents (query.rs).
pub(crate) fn apply(terms: &mut BTreeMap<String, Term>, groups: &[Vec<String>]) {
    let before: BTreeMap<&String, Term> = groups
        .iter()
        .flatten()
        .filter_map(|s| terms.get(s).map(|t| (s, t.clone())))
        .collect();
    let mut merged: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    let mut missing: BTreeMap<String, u32> = BTreeMap::new();
    for group in groups {
        for stem in group {
            let into = merged.entry(stem.clone()).or_default();
            let left_out = missing.entry(stem.clone()).or_default();
            for other in group {
                let Some(term) = before.get(other) else {
                    continue;
                };
                for &(doc, impact) in &term.postings {
                    let score = if other == stem {
                        impact
                    } else {
                        (impact * SHARE.0 / SHARE.1).max(1)
                    };
                    let best = into.entry(doc).or_insert(0);
                    *best = (*best).max(score);
                }
                *left_out += term.docs - term.postings.len() as u32;
            }
        }
    }
    for (stem, docs) in merged {
        if docs.is_empty() {
            continue;
        }
        let postings: Vec<(u32, u32)> = docs.into_iter().collect();
        let docs = postings.len() as u32 + missing.get(&stem).copied().unwrap_or(0);
        terms.insert(stem, Term { postings, docs });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(postings: &[(u32, u32)], docs: u32) -> Term {
        Term {
            postings: postings.to_vec(),
            docs,
        }
    }

    #[test]
    fn entries_are_stemmed_and_bad_ones_are_named() {
        let groups = vec![vec!["Refunds".to_string(), "chargeback".to_string()]];
        assert_eq!(
            stems(&groups, "en"),
            Ok(vec![vec!["refund".to_string(), "chargeback".to_string()]])
        );
        for (group, reason) in [
            (vec!["money back", "refund"], "more than one word"),
            (vec!["the", "refund"], "stop word"),
            (vec!["  ", "refund"], "empty"),
            (vec!["refund", "refunds"], "two words"),
        ] {
            let group: Vec<String> = group.into_iter().map(String::from).collect();
            let err = stems(&[group], "en").expect_err("refused");
            assert!(err.reason.contains(reason), "{err:?}");
        }
    }

    #[test]
    fn each_word_lists_the_others_documents_at_a_share_of_their_impact() {
        let mut terms = BTreeMap::new();
        terms.insert("refund".to_string(), term(&[(1, 100), (2, 10)], 2));
        terms.insert("chargeback".to_string(), term(&[(2, 50), (3, 20)], 3));
        terms.insert("other".to_string(), term(&[(9, 9)], 1));
        let groups = vec![vec![
            "refund".to_string(),
            "chargeback".to_string(),
            "reimburs".to_string(),
        ]];
        apply(&mut terms, &groups);
        // Its own impact, or the synonym's share when that is higher.
        assert_eq!(terms["refund"].postings, [(1, 100), (2, 30), (3, 12)]);
        // "chargeback" was pruned (3 documents, 2 listed): still incomplete.
        assert_eq!(terms["refund"].docs, 4);
        assert_eq!(terms["chargeback"].postings, [(1, 60), (2, 50), (3, 20)]);
        // A word no document uses finds the others'.
        assert_eq!(terms["reimburs"].postings, [(1, 60), (2, 30), (3, 12)]);
        assert_eq!(terms["other"], term(&[(9, 9)], 1));
    }
}
