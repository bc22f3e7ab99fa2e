//! The `helpsite` command: parses the command line and runs it (`cmd`), which
//! says how it ended: 0 success, 1 the site has errors, 2 usage error.

use std::process::ExitCode;

use clap::Parser;
use helpsite::cli::Cli;

/// Rendering thousands of pages is allocation-bound (template contexts, strings);
/// mimalloc measured 1.17 ± 0.13 times faster than the system allocator on
/// 10,000 articles (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    helpsite::allocator::no_transparent_huge_pages();
    let exit = match Cli::try_parse() {
        Ok(cli) => helpsite::cmd::run(cli),
        Err(e) => {
            let _ = e.print();
            // --help and --version end well; a mistaken line does not.
            if e.use_stderr() {
                helpsite::cmd::Exit::Usage
            } else {
                helpsite::cmd::Exit::Success
            }
        }
    };
    exit.into()
}
