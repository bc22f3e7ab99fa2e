//! `helpsite serve`: the live preview.

use super::Exit;
use crate::cli::ServeArgs;
use crate::serve::ServeOptions;

pub(super) fn run(args: ServeArgs) -> Exit {
    // Still one thread here, as the option setter needs.
    crate::allocator::keep_freed_memory();
    let opts = ServeOptions {
        site_dir: args.site,
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        open: args.open,
    };
    match crate::serve::serve(opts) {
        Ok(()) => Exit::Success,
        Err(d) => {
            eprintln!("{d}");
            Exit::Failed
        }
    }
}
