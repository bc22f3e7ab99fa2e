//! Static pruning of long posting lists: a term in many documents keeps only its
//! strongest postings (Carmel et al.'s "static index pruning"), and a term in
//! most documents keeps few. What is left out are weak body matches of common
//! words, whose whole lists made a browser query fetch hundreds of kilobytes to
//! rank a handful of results exactly.
//!
//! The ranking is defined over the pruned lists, so `helpsite search`, `serve`
//! and the browser still agree exactly; and a word whose list was pruned does
//! not restrict which documents match (query.rs), so a document that has it
//! only among the weak matches left out is still found by its other words.

/// A list is pruned only when it has more postings than twice this, and keeps
/// at least this many.
pub(crate) const HEAD_POSTINGS: usize = 512;
/// A pruned list keeps every posting with at least this share (1/N) of its
/// highest impact: title matches (weighted ×5) stay; heading and body matches
/// stay only when they score as well. A third instead of a quarter kept 5 %
/// fewer postings of the long lists on the long-tailed 10k corpus (heading
/// matches among them: 24,500 of 239,785 instead of 28,107), took typo and
/// prefix queries' p90 from 65 and 63 KB to 59, and left every family's MRR@10
/// as it was, there, on c10k and on z100k (BENCHMARKS.md).
pub(crate) const HEAD_SHARE: u32 = 3;
/// And it keeps at most this many, its highest-impact ones, so that even a
/// word in most titles of a very large site stays a bounded download.
pub(crate) const MAX_POSTINGS: usize = 50_000;
/// A term in more than half of all documents is nearly a stop word (its BM25
/// weight is under ln 2): it keeps at most this share of its postings, even
/// when most of them score alike. On the 10,000-article corpus whose common
/// words are in 40–94 % of sections, this took the 90th percentile of a
/// three-word query from 90 to 36 KB; quality stayed (BENCHMARKS.md).
pub(crate) const NEAR_STOP_SHARE: usize = 8;

/// The postings a term keeps, in document order, of `total` documents in all:
/// all of them when the list is short or mostly strong; otherwise its strongest
/// (at least `HEAD_POSTINGS`, every one within `HEAD_SHARE` of the best, at
/// most `MAX_POSTINGS`, and at most one in `NEAR_STOP_SHARE` for a term in more
/// than half of the documents; ties go to the lower document). Linear but for
/// one selection: sorting long lists was a sixth of the export's time when this
/// was a split at export.
pub(crate) fn prune(postings: Vec<(u32, u32)>, total: usize) -> Vec<(u32, u32)> {
    let n = postings.len();
    if n <= HEAD_POSTINGS * 2 {
        return postings;
    }
    let best = postings.iter().map(|p| p.1).max().unwrap_or(0);
    let floor = best / HEAD_SHARE;
    let strong = postings.iter().filter(|p| p.1 >= floor).count();
    let mut keep = strong.clamp(HEAD_POSTINGS, MAX_POSTINGS);
    let near_stop = n * 2 > total;
    if near_stop {
        keep = keep.min((n / NEAR_STOP_SHARE).max(HEAD_POSTINGS));
    } else if keep * 2 > n && n <= MAX_POSTINGS {
        return postings;
    }
    // The weakest posting kept, as (impact, document): the keep-th in order
    // of impact (descending), then document.
    let weakest = if keep == strong {
        (floor, u32::MAX)
    } else {
        let mut order = postings.clone();
        let (_, nth, _) =
            order.select_nth_unstable_by(keep - 1, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        (nth.1, nth.0)
    };
    let mut kept = postings;
    kept.retain(|p| p.1 > weakest.0 || (p.1 == weakest.0 && p.0 <= weakest.1));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pruning by sorting, as it was first written: the reference.
    fn prune_by_sorting(postings: &[(u32, u32)], total: usize) -> Vec<(u32, u32)> {
        let n = postings.len();
        if n <= HEAD_POSTINGS * 2 {
            return postings.to_vec();
        }
        let mut by_impact: Vec<(u32, u32)> = postings.to_vec();
        by_impact.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let floor = by_impact[0].1 / HEAD_SHARE;
        let strong = by_impact.iter().take_while(|p| p.1 >= floor).count();
        let mut keep = strong.clamp(HEAD_POSTINGS, MAX_POSTINGS);
        if n * 2 > total {
            keep = keep.min((n / NEAR_STOP_SHARE).max(HEAD_POSTINGS));
        } else if keep * 2 > n && n <= MAX_POSTINGS {
            return postings.to_vec();
        }
        by_impact.truncate(keep);
        by_impact.sort_unstable();
        by_impact
    }

    #[test]
    fn the_linear_pruning_equals_pruning_by_sorting() {
        // Lists with many ties at the cut, few strong postings, many, and none pruned.
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        let mut cuts = [0; 2];
        for len in [100, 1025, 1100, 3000, 5000] {
            // One posting in `every` is strong; the weak ones take `weak` values (ties).
            for every in [3, 10, 100] {
                for weak in [1, 3, 40] {
                    let postings: Vec<(u32, u32)> = (0..len)
                        .map(|d| {
                            let strong = next() % every == 0;
                            (
                                d * 2,
                                if strong {
                                    5000 + next() % 500
                                } else {
                                    1 + next() % weak
                                },
                            )
                        })
                        .collect();
                    // Rare terms, and terms in more than half the documents.
                    for total in [len as usize * 100, len as usize + 10] {
                        let got = prune(postings.clone(), total);
                        assert_eq!(
                            got,
                            prune_by_sorting(&postings, total),
                            "len {len}, 1 in {every}, {weak}, of {total}"
                        );
                        if got.len() < postings.len() {
                            cuts[usize::from(got.len() > HEAD_POSTINGS)] += 1;
                        }
                    }
                }
            }
        }
        assert!(cuts[0] > 0 && cuts[1] > 0, "both cuts tried: {cuts:?}");
    }

    #[test]
    fn long_lists_keep_their_strongest_postings() {
        // 3,000 postings: every tenth a strong (title) match.
        let postings: Vec<(u32, u32)> = (0..3000)
            .map(|d| (d, if d % 10 == 0 { 5000 + d } else { 100 + d % 7 }))
            .collect();
        let kept = prune(postings.clone(), 100_000);
        assert_eq!(kept.len(), 512, "at least HEAD_POSTINGS, strong ones first");
        assert_eq!(kept.iter().filter(|p| p.1 >= 5000).count(), 300);
        assert!(
            kept.windows(2).all(|w| w[0].0 < w[1].0),
            "in document order"
        );
        let weakest_kept = kept.iter().map(|p| p.1).min().unwrap_or(0);
        let strongest_left = postings
            .iter()
            .filter(|p| !kept.contains(p))
            .map(|p| p.1)
            .max()
            .unwrap_or(0);
        assert!(
            strongest_left <= weakest_kept,
            "nothing left out beats what stays"
        );
        assert!(
            kept.iter().all(|p| postings.contains(p)),
            "impacts unchanged"
        );
        // Short lists, and lists that are mostly strong, stay whole...
        assert_eq!(prune(postings[..900].to_vec(), 100_000), postings[..900]);
        let strong: Vec<(u32, u32)> = (0..3000).map(|d| (d, 1000 + d % 5)).collect();
        assert_eq!(prune(strong.clone(), 100_000), strong);
        // ...unless the term is in more than half the documents.
        let near_stop = prune(strong.clone(), 5000);
        assert_eq!(near_stop.len(), HEAD_POSTINGS.max(3000 / NEAR_STOP_SHARE));
        assert!(near_stop.iter().all(|p| p.1 == 1004), "the strongest");
    }
}
