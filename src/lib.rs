//! helpsite turns a folder of markdown knowledge-base articles into a static
//! support center. The library does all the work; `main.rs` only parses the
//! command line (`cli`) and runs the command (`cmd`). Modules follow the
//! pipeline: content → markdown → templates → output, with `build` running
//! them in order.

// Items are `pub(crate)` unless the binary, the tests or the examples use
// them, so the compiler reports code nothing calls.
#![warn(unreachable_pub)]

pub mod allocator;
pub mod check;
pub mod cli;
pub(crate) mod clock;
pub mod cmd;
pub(crate) mod config;
pub(crate) mod content;
pub(crate) mod default_theme;
pub(crate) mod diagnostics;
pub(crate) mod escape;
pub(crate) mod hashing;
pub(crate) mod i18n;
pub(crate) mod import;
pub(crate) mod insights;
pub(crate) mod layout;
pub(crate) mod markdown;
pub mod output;
pub mod pipeline;
pub(crate) mod scaffold;
pub mod search;
pub(crate) mod serve;
pub(crate) mod site;
pub(crate) mod slug;
pub mod support;
pub(crate) mod templates;
pub(crate) mod whitespace;
pub(crate) mod yaml;

pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use pipeline::{BuildOptions, BuildSummary, build, load_site};

/// What `helpsite --version` prints: the version, and the commit it was built
/// from when built from a git checkout.
pub const VERSION: &str = env!("HELPSITE_VERSION");
