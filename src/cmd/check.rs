//! `helpsite check`: every validation of build plus the writer's lints, as
//! text for people or JSON for CI tools; writes nothing.

use super::{Exit, count};
use crate::check::CheckOptions;
use crate::cli::{CheckArgs, Format};

pub(super) fn run(args: CheckArgs) -> Exit {
    let opts = CheckOptions {
        site_dir: args.site,
        drafts: args.drafts,
        external: args.external,
        external_settings: Default::default(),
    };
    let report = crate::check::check(&opts);
    let diags = &report.diagnostics;
    match args.format {
        Format::Json => println!("{}", crate::check::to_json(&report)),
        Format::Text => {
            eprint!("{}", crate::check::to_text(diags));
            if let Some(tests) = &report.search_tests {
                println!("{}", tests.to_text());
            }
            println!(
                "Checked {} articles: {}, {}.",
                report.articles,
                count(diags.error_count(), "error"),
                count(diags.warning_count(), "warning")
            );
        }
    }
    if diags.has_errors() || (args.deny_warnings && diags.warning_count() > 0) {
        Exit::Failed
    } else {
        Exit::Success
    }
}
