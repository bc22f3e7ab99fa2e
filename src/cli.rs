//! The command line: every command, flag and default of `helpsite`, as clap
//! definitions. `cmd` runs them; man pages, shell completions and the guide's
//! command reference are generated from these same definitions.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "helpsite",
    version = crate::VERSION,
    about = "Build a static support center from markdown articles"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into its output folder (public/ by default)
    Build(BuildArgs),
    /// Build the site into memory, serve it, and rebuild and reload on every change
    Serve(ServeArgs),
    /// Run every validation of build plus the writer's lints; writes nothing
    Check(CheckArgs),
    /// Search the site's articles and support pages
    Search(SearchArgs),
    /// Create a new support center in DIR (which must be missing or empty)
    Init(InitArgs),
    /// Turn an existing Hugo, Jekyll, MkDocs or Docusaurus site, or a Zendesk
    /// Guide export, into a helpsite site in a new folder; SRC is only read
    Import(ImportArgs),
    /// Report what readers' feedback and searches say, from the events a
    /// collector saved (one JSON object a line; see the README)
    Insights(InsightsArgs),
    /// Create a new article, e.g. `helpsite new content/billing/refunds.md`
    New(NewArgs),
    /// Print a shell completion script (e.g. `helpsite completions bash > /etc/bash_completion.d/helpsite`)
    Completions(CompletionsArgs),
    /// Print the man page, or write one per command into a folder
    Man(ManArgs),
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The site's folder (the one with helpsite.yaml)
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// Where to write the site (default: SITE/public)
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Include articles marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Override base_url from helpsite.yaml
    #[arg(long)]
    pub base_url: Option<String>,
    /// Print how long each stage of the build took
    #[arg(long)]
    pub timings: bool,
    /// Index search again even if nothing it indexes changed since the last build
    #[arg(long)]
    pub reindex: bool,
    /// Reuse nothing of the previous output: render every page and index search again
    #[arg(long)]
    pub fresh: bool,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The site's folder (the one with helpsite.yaml)
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// Address to listen on; anything but loopback exposes the preview to your network
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Port (the next free one is used when it is taken; 0 picks any)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Include articles marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Open the preview in the default web browser ($BROWSER if set)
    #[arg(long)]
    pub open: bool,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The site's folder (the one with helpsite.yaml)
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// text (for people) or json (for CI tools; see the README for the schema)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with 1 when there are warnings, too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Fetch external links and report dead ones
    #[arg(long)]
    pub external: bool,
    /// Check drafts as well
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// What to look for (any text; quotes are not needed)
    pub query: String,
    /// The site's folder (the one with helpsite.yaml)
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// How many articles to show
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// text (for people) or json
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Only this top-level section (its path, e.g. getting-help)
    #[arg(long)]
    pub section: Option<String>,
    /// Only articles with this tag (its slug)
    #[arg(long)]
    pub tag: Option<String>,
    /// The built output whose index to search while it is fresh (default: SITE/public)
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Search this language of the site (one of `languages:`; default: the site's `language`)
    #[arg(long)]
    pub lang: Option<String>,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The folder for the new site (missing or empty)
    pub dir: PathBuf,
    /// Copy the default theme into themes/default/ for customising
    #[arg(long)]
    pub theme_copy: bool,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// What the site to import is written for
    pub format: ImportFormat,
    /// The site to import (the folder with its configuration)
    pub src: PathBuf,
    /// A new (or empty) folder for the helpsite site
    pub dest: PathBuf,
}

#[derive(Args, Debug)]
pub struct InsightsArgs {
    /// The events file (`-` reads standard input)
    pub events: PathBuf,
    /// The site, for titles and suggestions from its search index
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// text (for people) or json
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// How many findings of each kind
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// The article's file, e.g. content/billing/refunds.md
    pub path: PathBuf,
    /// The site's folder (the one with helpsite.yaml)
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// The article's title (default: from the file name)
    #[arg(long)]
    pub title: Option<String>,
    /// Make it an FAQ article (every ## heading is a question)
    #[arg(long)]
    pub faq: bool,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete in
    pub shell: clap_complete::Shell,
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write helpsite.1 and one page per command (helpsite-build.1, …) into
    /// this folder instead of printing helpsite.1
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// What `helpsite import` reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum)]
pub enum ImportFormat {
    Hugo,
    Jekyll,
    Mkdocs,
    Docusaurus,
    Zendesk,
}

/// How a command prints what it found.
#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum)]
pub enum Format {
    /// For people
    Text,
    /// For tools
    Json,
}

/// The clap command, for generators (man pages, completions, the guide's
/// reference) that read the definitions rather than parse arguments.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
