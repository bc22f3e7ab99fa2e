//! Search: a tantivy index of every article section, section page and support page, queried by
//! `helpsite search` and `serve`'s API, and exported as a chunked static index
//! that the browser loads piece by piece.

pub mod analyze;
pub(crate) mod documents;
pub(crate) mod export;
pub mod index;
pub mod passage;
pub(crate) mod prune;
pub mod query;
mod questions;
pub(crate) mod read_export;
pub(crate) mod reuse;
mod stopwords;
pub(crate) mod synonyms;

pub use documents::{DocInfo, Filters};
pub use index::{SearchIndex, Term};

use std::sync::Arc;

/// What search reads of a loaded site: its settings, content model, rendered
/// documents, interface text and support data (`Site::search_inputs` lends
/// them). Search needs nothing of the templates, so it depends on the
/// loaders, not on the site model.
#[derive(Clone, Copy)]
pub struct SearchInputs<'a> {
    pub config: &'a crate::config::Config,
    pub content: &'a crate::content::Content,
    pub articles: &'a [Arc<crate::markdown::Rendered>],
    pub sections: &'a [Arc<crate::markdown::Rendered>],
    pub strings: &'a crate::i18n::Strings,
    pub support: Option<&'a crate::support::Support>,
    /// What rendered markdown depends on besides each file (`Site::markdown_env`).
    pub markdown_env: u64,
}

/// Changes whenever anything the index reads does: every document's reading and
/// its links' targets (`markdown_env`, which also covers the support data and the
/// base path), URLs, sections, tags and the language. `serve` skips rebuilding
/// the index when it is unchanged (a template edit, say).
pub fn inputs_key(site: &SearchInputs) -> u64 {
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
    let typing = !cut.ends_with(is_js_space);
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
        stop_words: analyze::stop_words_in(&cut, analyze::language(language)),
        words,
        typing,
        section,
        tag,
    }
}

/// Whitespace as the browser's `\s` means it (search.js decides "still
/// typing" with `/\s$/u`): Unicode's White_Space but U+0085, plus U+FEFF.
/// Rust's `char::is_whitespace` differs in those two, and a query ending in
/// a zero-width no-break space ranked differently in the two (found by
/// fuzzing).
pub fn is_js_space(c: char) -> bool {
    (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}'
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

/// What a user is told when tantivy fails to build the index.
pub fn index_error(e: tantivy::TantivyError) -> crate::Diagnostic {
    crate::Diagnostic::error(
        "search",
        format!("the search index could not be built: {e}"),
    )
}
