//! What a build remembers for the next one. `serve` keeps a `Memo` between
//! rebuilds, so a save re-reads, re-renders and re-templates only what it touched.
//! Every output is still produced by the same code as a full build; the caches only
//! decide what can be skipped, by keys that cover every input of the skipped work
//! (and a test compares incremental rebuilds with full builds byte for byte).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::content::{Content, ParseCache};
use crate::markdown::Rendered;

/// The maps of the memo are looked up once per document or page on every
/// rebuild; a fast fixed hasher suits them (their keys are not attacker-chosen
/// in a way that matters: a writer's own files, in a local preview).
pub(crate) type KeyMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Caches carried from one build to the next.
#[derive(Default)]
pub struct Memo {
    /// Parsed content files.
    pub(crate) files: ParseCache,
    /// Rendered markdown by `markdown_key`.
    pub(crate) markdown: KeyMap<u64, Arc<Rendered>>,
    /// Each page of the last good build: output path → (page key, bytes).
    pub(crate) pages: crate::pipeline::PageMemo,
    /// The compiled templates, reused while their text is unchanged.
    pub(crate) templates: Option<Arc<crate::templates::Templates>>,
}

impl Memo {
    /// A memo for a caller whose file watcher names every changed file through
    /// `forget`, so files it did not name are reused without checking them.
    pub fn watched() -> Self {
        Memo {
            files: ParseCache::watched(),
            ..Memo::default()
        }
    }

    /// Forgets what is known about these files or folders (the watcher names them),
    /// so they are read again even if their size and time look unchanged.
    pub fn forget<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        self.files.forget(paths);
    }
}

pub(crate) use crate::hashing::{hash_of, key_hasher};

/// What a document's HTML depends on besides its own file: where every other
/// document and asset is (links resolve to their URLs, and unknown links list
/// them), the markdown options, and the support data (`{{support:…}}`).
pub(crate) fn markdown_environment(
    config: &Config,
    content: &Content,
    support: Option<&crate::support::Support>,
    support_failed: bool,
    strings: u64,
) -> u64 {
    let mut h = key_hasher();
    // Callout titles and support facts are written in the interface's words.
    strings.hash(&mut h);
    config.base_path().hash(&mut h);
    config.markdown.smart_punctuation.hash(&mut h);
    config.markdown.highlight_code.hash(&mut h);
    // Highlighted code names the themes' colours.
    config.markdown.highlight_theme_light.hash(&mut h);
    config.markdown.highlight_theme_dark.hash(&mut h);
    config.slugs.anchors.hash(&mut h);
    support_failed.hash(&mut h);
    format!("{support:?}").hash(&mut h);
    for a in &content.articles {
        (&a.source, &a.path).hash(&mut h);
    }
    for s in &content.sections {
        (&s.dir, &s.index_source, &s.path).hash(&mut h);
    }
    for a in &content.assets {
        (&a.source, &a.path).hash(&mut h);
    }
    let mut sorted: Vec<&String> = content.drafts.iter().collect();
    sorted.sort();
    sorted.hash(&mut h);
    let mut sorted: Vec<&String> = content.unreadable.iter().collect();
    sorted.sort();
    sorted.hash(&mut h);
    h.finish()
}
