//! The site model: a site loaded and rendered (its configuration, content,
//! rendered markdown, templates and support data), which the pipeline's
//! later stages, check and serve read (and lend to search, `search_inputs`). Loading it is the pipeline's
//! first stage (`pipeline::load`); this module only says what it holds, so that
//! the modules reading it need not depend on the pipeline.

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::content::Content;
use crate::markdown::Rendered;
use crate::templates::Templates;

/// A loaded and rendered site: everything except the writing.
pub struct Site {
    pub site_dir: PathBuf,
    pub config: Config,
    pub content: Content,
    pub articles: Vec<Arc<Rendered>>,
    pub sections: Vec<Arc<Rendered>>,
    pub templates: Option<Arc<Templates>>,
    /// Which language this is and where its pages go (layout.rs); `config`
    /// is already as this part sees it (its base URL, language and title).
    pub layout: crate::layout::Layout,
    /// The interface text in the site's language (i18n.rs).
    pub strings: Arc<crate::i18n::Strings>,
    /// `support.yaml`, when the site has one.
    pub support: Option<crate::support::Support>,
    /// What rendered markdown depends on besides each file (see `memo`); 0 when
    /// the build keeps no memo.
    pub markdown_env: u64,
}

impl Site {
    /// What search reads of the site.
    pub fn search_inputs(&self) -> crate::search::SearchInputs<'_> {
        crate::search::SearchInputs {
            config: &self.config,
            content: &self.content,
            articles: &self.articles,
            sections: &self.sections,
            strings: &self.strings,
            support: self.support.as_ref(),
            markdown_env: self.markdown_env,
        }
    }

    /// The default language's base path (`/`, `/help/`), where the files
    /// every language shares are (the theme, the files beside the articles).
    pub fn root_path(&self) -> String {
        let base = self.config.base_path();
        match base.strip_suffix(&self.layout.prefix) {
            Some(root) if !self.layout.prefix.is_empty() => root.to_string(),
            _ => base,
        }
    }
}
