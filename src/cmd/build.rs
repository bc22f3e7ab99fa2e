//! `helpsite build`: builds the site into its output folder and prints one
//! summary line (and, with `--timings`, each stage's time and peak memory).

use super::{Exit, count, print_diagnostics};
use crate::cli::BuildArgs;
use crate::pipeline::{BuildOptions, BuildSummary, SearchExport};

pub(super) fn run(args: BuildArgs) -> Exit {
    let opts = BuildOptions {
        site_dir: args.site,
        output_dir: args.output,
        drafts: args.drafts,
        base_url: args.base_url,
        progress: true,
        timings: args.timings,
        reindex: args.reindex,
        fresh: args.fresh,
        pack_html: None,
    };
    match crate::pipeline::build(&opts) {
        Ok(summary) => {
            print_diagnostics(&summary.warnings);
            if args.timings {
                print_timings(&summary);
            }
            println!("{}", summary_line(&summary));
            Exit::Success
        }
        Err(diags) => {
            print_diagnostics(&diags);
            eprintln!(
                "Build failed with {}; the previous output was left as it was.",
                count(diags.error_count(), "error")
            );
            Exit::Failed
        }
    }
}

/// One line a stage: its wall time, its own peak (Linux only), its name.
fn print_timings(summary: &BuildSummary) {
    for (k, (stage, took)) in summary.stages.iter().enumerate() {
        let peak = summary
            .stage_peaks
            .get(k)
            .copied()
            .flatten()
            .map_or(String::new(), |b| format!("{:>6} MB peak  ", b / 1_000_000));
        eprintln!("{:>9.1} ms  {peak}{stage}", took.as_secs_f64() * 1000.0);
    }
}

/// "Built N pages (A articles in S sections) in T s → OUTPUT (what was kept)".
fn summary_line(summary: &BuildSummary) -> String {
    let mut kept = Vec::new();
    if summary.reused > 0 {
        kept.push(format!("{} files unchanged, kept", summary.reused));
    }
    if summary.search == SearchExport::Kept {
        kept.push("search index unchanged, kept".to_string());
    }
    let kept = if kept.is_empty() {
        String::new()
    } else {
        format!(" ({})", kept.join("; "))
    };
    let languages = if summary.languages > 1 {
        format!(", {} languages", summary.languages)
    } else {
        String::new()
    };
    // Each language's home is a section of the model, not of the site.
    format!(
        "Built {} pages ({} articles in {} sections{languages}) in {:.2} s → {}{kept}",
        summary.pages,
        summary.articles,
        summary.sections.saturating_sub(summary.languages),
        summary.elapsed.as_secs_f64(),
        summary.output.display()
    )
}
