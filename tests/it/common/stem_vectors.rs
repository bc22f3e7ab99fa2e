//! The golden stemming vectors (tests/vectors/stems.json): (word, stem) pairs
//! from tantivy's stemmer of each language, which the browser's stemmers
//! (src/search/stemmers/CODE.js) must reproduce. Shared by the generator
//! (`cargo run --example gen_vectors stems`) and the freshness test.

/// The golden (word, stem) lists, per language, stemmed by tantivy: for
/// English every word of the bundled site's articles and of the benchmark
/// corpus (`corpus_words`, tests/it/common/corpus.rs) plus tricky cases; for the others the words of
/// tests/vectors/stem-words.json (scripts/gen-stem-words.py), which walk each
/// stemmer's suffix rules. With each, the stop words the browser gets.
pub fn generate(repo: &std::path::Path, corpus_words: &[&str]) -> serde_json::Value {
    let (site, _) = helpsite::pipeline::load_site(repo, true, None);
    let mut texts: Vec<String> = corpus_words.iter().map(|w| w.to_string()).collect();
    if let Some(site) = &site {
        for a in &site.content.articles {
            texts.push(a.meta.title.clone());
            texts.push(a.body.to_string());
        }
    }
    let words_file = repo.join("tests/vectors/stem-words.json");
    let other: std::collections::BTreeMap<String, Vec<String>> =
        std::fs::read_to_string(&words_file)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
    let mut languages = serde_json::Map::new();
    for (code, language) in helpsite::search::analyze::languages() {
        let words = if code == "en" {
            helpsite::search::analyze::golden_words(texts.iter().map(String::as_str))
        } else {
            other.get(code).cloned().unwrap_or_default()
        };
        languages.insert(
            code.to_string(),
            serde_json::json!({
                "stop_words": helpsite::search::analyze::stop_words(language),
                "pairs": helpsite::search::analyze::stems(language, &words),
            }),
        );
    }
    serde_json::json!({
        "about": "(word, stem) pairs from tantivy's stemmer of each language; src/search/stemmers/CODE.js must give the same. Regenerate: cargo run --example gen_vectors stems > tests/vectors/stems.json",
        "languages": languages,
    })
}
