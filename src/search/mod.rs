//! Search: a tantivy index of every article section, section page and support page, queried by
//! `helpsite search` and `serve`'s API, and exported as a chunked static index
//! that the browser loads piece by piece.

pub mod analyze;
pub mod documents;
pub mod export;
pub mod import;
pub mod index;
pub mod prune;
pub mod query;
pub mod reuse;
mod stopwords;
pub mod synonyms;

pub use documents::{DocInfo, Filters};
pub use index::{SearchIndex, Term};

/// Changes whenever anything the index reads does: every document's reading and
/// its links' targets (`markdown_env`, which also covers the support data and the
/// base path), URLs, sections, tags and the language. `serve` skips rebuilding
/// the index when it is unchanged (a template edit, say).
pub fn inputs_key(site: &crate::build::Site) -> u64 {
    let c = &site.content;
    crate::hashing::hash_of(&(
        site.markdown_env,
        &site.config.language,
        &site.config.search.synonyms,
        c.articles
            .iter()
            .map(|a| (a.revision, &a.path, a.section))
            .collect::<Vec<_>>(),
        c.sections
            .iter()
            .map(|s| (s.revision, &s.title, &s.path, s.parent))
            .collect::<Vec<_>>(),
        c.tags
            .iter()
            .map(|t| (&t.slug, &t.name))
            .collect::<Vec<_>>(),
    ))
}

/// Parses a query the way the browser does: anything typed gives words or none.
pub fn parse_query(
    text: &str,
    language: &str,
    section: Option<String>,
    tag: Option<String>,
) -> query::Query {
    // Long queries are cut, not refused: the first 512 characters are plenty.
    let cut: String = text.chars().take(512).collect();
    let mut analyzer = analyze::analyzer(analyze::language(language));
    let mut words: Vec<analyze::Word> = Vec::new();
    let analyzed = analyze::words(&mut analyzer, &cut);
    let typing = !cut.ends_with(char::is_whitespace);
    let typed_stop = (typing && analyzed.is_empty())
        .then(|| typed_stop_word(&cut))
        .flatten();
    for w in analyzed {
        if !words.iter().any(|x| x.stem == w.stem) {
            words.push(w);
        }
    }
    words.extend(typed_stop);
    words.truncate(query::MAX_WORDS);
    query::Query {
        words,
        typing,
        section,
        tag,
    }
}

/// When a query being typed is stop words only, the last one, if it has 2+
/// letters (as any prefix) and ends the text, as a word that only matches as
/// a prefix (its stem is empty: no term of its own, no near misses). "in" is
/// on its way to "install", "can" to "cancel", "them" to "theme": the results
/// should not vanish while it is typed. Not after other words: they still
/// give results, and "how can I reach you" must not require words starting
/// with "you".
fn typed_stop_word(cut: &str) -> Option<analyze::Word> {
    let start = cut
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map(|(at, _)| at)?;
    let token = &cut[start..];
    if token.chars().count() < 2 || token.len() >= analyze::MAX_TOKEN_BYTES {
        return None;
    }
    Some(analyze::Word {
        raw: token.to_lowercase(),
        stem: String::new(),
        span: start..cut.len(),
    })
}

/// Loads and renders a site and builds its search index (nothing is written).
pub fn index_site(site_dir: &std::path::Path) -> Result<SearchIndex, crate::Diagnostics> {
    index_loaded(load_for_search(site_dir)?)
}

/// The index `helpsite search` queries: the one built into `output` (default
/// `SITE/public`) when it was made from the site as it is now, else indexed
/// afresh in memory (nothing is written). Also tells whether it was the built one.
pub fn open_index(
    site_dir: &std::path::Path,
    output: Option<&std::path::Path>,
) -> Result<(SearchIndex, bool), crate::Diagnostics> {
    let site = load_for_search(site_dir)?;
    let output = output.map_or_else(|| site_dir.join("public"), std::path::Path::to_path_buf);
    let Some(export) = reuse::fresh_export(&output, &reuse::export_fingerprint(&site)) else {
        return index_loaded(site).map(|ix| (ix, false));
    };
    // The site is not needed to read the export: its texts go first (0.7 GB
    // at 100,000 articles), and come back only if the export does not read.
    drop(site);
    crate::allocator::return_freed_memory();
    match import::read(&output, &export) {
        Some(ix) => Ok((ix, true)),
        None => index_loaded(load_for_search(site_dir)?).map(|ix| (ix, false)),
    }
}

/// The site loaded and rendered as search reads it, or its errors.
fn load_for_search(site_dir: &std::path::Path) -> Result<crate::build::Site, crate::Diagnostics> {
    let (site, diags) = crate::build::load_site_to_index(site_dir, false);
    site.filter(|_| !diags.has_errors())
        .ok_or_else(|| diags.sorted())
}

fn index_loaded(site: crate::build::Site) -> Result<SearchIndex, crate::Diagnostics> {
    // As a build does: the site goes once tantivy has its texts, before the
    // terms are scored.
    let indexed = index::index_documents(&site, index::Indexing::default())
        .map_err(|e| crate::Diagnostics::from(vec![index_error(e)]))?;
    drop(site);
    crate::allocator::return_freed_memory();
    indexed
        .score_terms()
        .map(|(ix, _)| ix)
        .map_err(|e| vec![index_error(e)].into())
}

/// What a user is told when tantivy fails to build the index.
pub fn index_error(e: tantivy::TantivyError) -> crate::Diagnostic {
    crate::Diagnostic::error(
        "search",
        format!("the search index could not be built: {e}"),
    )
}

/// The golden (word, stem) lists, per language, stemmed by tantivy: for
/// English every word of the bundled site's articles and of the benchmark
/// corpus plus tricky cases; for the others the words of
/// tests/vectors/stem-words.json (scripts/gen-stem-words.py), which walk each
/// stemmer's suffix rules. With each, the stop words the browser gets.
pub fn golden_stems(repo: &std::path::Path) -> serde_json::Value {
    let (site, _) = crate::build::load_site(repo, true, None);
    let mut texts: Vec<String> = crate::corpus::WORDS.iter().map(|w| w.to_string()).collect();
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
    for (code, language) in analyze::languages() {
        let words = if code == "en" {
            analyze::golden_words(texts.iter().map(String::as_str))
        } else {
            other.get(code).cloned().unwrap_or_default()
        };
        languages.insert(
            code.to_string(),
            serde_json::json!({
                "stop_words": analyze::stop_words(language),
                "pairs": analyze::stems(language, &words),
            }),
        );
    }
    serde_json::json!({
        "about": "(word, stem) pairs from tantivy's stemmer of each language; src/search/stemmers/CODE.js must give the same. Regenerate: cargo run --example gen_vectors stems > tests/vectors/stems.json",
        "languages": languages,
    })
}
