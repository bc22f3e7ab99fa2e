//! The search index `helpsite search` and its tests query: the site loaded
//! (the pipeline's first stage) and indexed in memory, or the index a build
//! exported when it was made from the site as it is now.

/// Loads and renders a site and builds its search index (nothing is written).
pub fn index_site(
    site_dir: &std::path::Path,
) -> Result<crate::search::SearchIndex, crate::Diagnostics> {
    index_site_in(site_dir, None)
}

/// `index_site` for one of the site's languages (`None`: the default one).
pub fn index_site_in(
    site_dir: &std::path::Path,
    language: Option<&str>,
) -> Result<crate::search::SearchIndex, crate::Diagnostics> {
    index_loaded(load_for_search(site_dir, language)?)
}

/// The index `helpsite search` queries: the one built into `output` (default
/// `SITE/public`) when it was made from the site as it is now, else indexed
/// afresh in memory (nothing is written). Also tells whether it was the built one.
pub fn open_index(
    site_dir: &std::path::Path,
    output: Option<&std::path::Path>,
) -> Result<(crate::search::SearchIndex, bool), crate::Diagnostics> {
    open_index_in(site_dir, output, None)
}

/// `open_index` for one of the site's languages (`None`: the default one),
/// whose export is below its prefix of the output (`ru/search/`).
pub fn open_index_in(
    site_dir: &std::path::Path,
    output: Option<&std::path::Path>,
    language: Option<&str>,
) -> Result<(crate::search::SearchIndex, bool), crate::Diagnostics> {
    let site = load_for_search(site_dir, language)?;
    let output = output.map_or_else(|| site_dir.join("public"), std::path::Path::to_path_buf);
    let prefix = site.layout.prefix.clone();
    let Some(export) = crate::search::reuse::fresh_export(
        &output,
        &prefix,
        &crate::search::reuse::export_fingerprint(&site.search_inputs()),
    ) else {
        return index_loaded(site).map(|ix| (ix, false));
    };
    // The site is not needed to read the export: its texts go first (0.7 GB
    // at 100,000 articles), and come back only if the export does not read.
    drop(site);
    crate::allocator::return_freed_memory();
    match crate::search::read_export::read(&output.join(&prefix), &export) {
        Some(ix) => Ok((ix, true)),
        None => index_loaded(load_for_search(site_dir, language)?).map(|ix| (ix, false)),
    }
}

/// The site loaded and rendered as search reads it, or its errors.
fn load_for_search(
    site_dir: &std::path::Path,
    language: Option<&str>,
) -> Result<crate::site::Site, crate::Diagnostics> {
    let request = super::load_site::Request {
        language,
        ..super::load_site::Request::new(site_dir)
    };
    let (site, diags) = super::load_site_to_index(&request);
    site.filter(|_| !diags.has_errors())
        .ok_or_else(|| diags.sorted())
}

/// The search index of a loaded site, as `build` makes it (nothing is
/// written); the site stays (`helpsite check` runs search tests on it).
pub(crate) fn index_of(
    site: &crate::site::Site,
) -> Result<crate::search::SearchIndex, crate::Diagnostic> {
    crate::search::index::index_documents(&site.search_inputs(), Default::default())
        .and_then(|indexed| indexed.score_terms())
        .map(|(ix, _)| ix)
        .map_err(crate::search::index_error)
}

fn index_loaded(site: crate::site::Site) -> Result<crate::search::SearchIndex, crate::Diagnostics> {
    // As a build does: the site goes once tantivy has its texts, before the
    // terms are scored.
    let indexed = crate::search::index::index_documents(&site.search_inputs(), Default::default())
        .map_err(|e| crate::Diagnostics::from(vec![crate::search::index_error(e)]))?;
    drop(site);
    crate::allocator::return_freed_memory();
    indexed
        .score_terms()
        .map(|(ix, _)| ix)
        .map_err(|e| vec![crate::search::index_error(e)].into())
}
