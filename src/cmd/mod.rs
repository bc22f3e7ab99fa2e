//! The commands, one room each: every `run` takes its parsed arguments, does
//! the command's work through the library and says how it ended. The exit
//! code is decided here, in one place.

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::diagnostics::Diagnostics;

mod build;
mod check;
mod generate;
mod import;
mod init;
mod insights;
mod new;
mod search;
mod serve;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done.
    Success,
    /// 1: the site (or the input) has errors; they were printed.
    Failed,
    /// 2: the command line asked for something that cannot be done.
    Usage,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        match exit {
            Exit::Success => ExitCode::SUCCESS,
            Exit::Failed => ExitCode::from(1),
            Exit::Usage => ExitCode::from(2),
        }
    }
}

/// Runs the command the line asked for.
pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Check(args) => check::run(args),
        Command::Search(args) => search::run(args),
        Command::Init(args) => init::run(args),
        Command::Import(args) => import::run(args),
        Command::Insights(args) => insights::run(args),
        Command::New(args) => new::run(args),
        Command::Completions(args) => generate::completions(args),
        Command::Man(args) => generate::man(args),
    }
}

/// Prints every diagnostic to stderr, one block each.
fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.iter() {
        eprintln!("{d}");
    }
}

/// "1 error", "2 errors".
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
