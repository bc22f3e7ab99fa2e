//! helpsite turns a folder of markdown knowledge-base articles into a static
//! support center. The library does all the work; `main.rs` only parses the
//! command line (`cli`) and runs the command (`cmd`). Modules follow the
//! pipeline: content → markdown → templates → output, with `build` running
//! them in order.

pub mod allocator;
pub mod check;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod config;
pub mod content;
pub mod default_theme;
pub mod diagnostics;
pub mod escape;
pub mod hashing;
pub mod i18n;
pub mod import;
pub mod insights;
pub mod layout;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod support;
pub mod templates;
pub mod whitespace;
pub mod yaml;

pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use pipeline::{BuildOptions, BuildSummary, build, load_site};

/// What `helpsite --version` prints: the version, and the commit it was built
/// from when built from a git checkout.
pub const VERSION: &str = env!("HELPSITE_VERSION");
