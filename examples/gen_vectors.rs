//! Prints the shared test vectors.
//! cargo run --example gen_vectors > tests/vectors/business-time.json
//! cargo run --example gen_vectors stems > tests/vectors/stems.json

// The generators are the tests' (tests/common/), not the shipped library's.
#[path = "../tests/common/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[path = "../tests/common/support_vectors.rs"]
mod support_vectors;

fn main() {
    match std::env::args().nth(1).as_deref() {
        // Compact: 18 languages' pairs pretty-printed were 1.5 MB.
        Some("stems") => println!(
            "{}",
            serde_json::to_string(&golden_stems(std::path::Path::new(env!(
                "CARGO_MANIFEST_DIR"
            ))))
            .unwrap_or_default()
        ),
        _ => println!(
            "{}",
            serde_json::to_string_pretty(&support_vectors::generate()).unwrap_or_default()
        ),
    }
}

/// The golden (word, stem) lists, per language, stemmed by tantivy: for
/// English every word of the bundled site's articles and of the benchmark
/// corpus plus tricky cases; for the others the words of
/// tests/vectors/stem-words.json (scripts/gen-stem-words.py), which walk each
/// stemmer's suffix rules. With each, the stop words the browser gets.
fn golden_stems(repo: &std::path::Path) -> serde_json::Value {
    let (site, _) = helpsite::pipeline::load_site(repo, true, None);
    let mut texts: Vec<String> = corpus::WORDS.iter().map(|w| w.to_string()).collect();
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
