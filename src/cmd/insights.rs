//! `helpsite insights`: what readers' votes and searches say, from the events
//! a collector saved, with titles and suggestions from the site's search.

use std::path::Path;

use super::Exit;
use crate::cli::{Format, InsightsArgs};
use crate::search::SearchIndex as Index;

pub(super) fn run(args: InsightsArgs) -> Exit {
    let text = match read_events(&args.events) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "{}: error: cannot read the events file: {e}",
                args.events.display()
            );
            eprintln!(
                "  hint: give the file a collector appended events to (one JSON object a line)"
            );
            return Exit::Failed;
        }
    };
    let tally = crate::insights::events::tally(&text);
    drop(text);
    let (index, note) = site_index(&args.site);
    let report = crate::insights::report(tally, index.as_ref(), args.limit, note);
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into())
        ),
        Format::Text => print!("{}", report.to_text()),
    }
    Exit::Success
}

/// The events file, or standard input for `-`; bytes that are not UTF-8 are
/// replaced rather than refused (a collector may have cut a line).
fn read_events(events: &Path) -> std::io::Result<String> {
    if events == Path::new("-") {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
        Ok(s)
    } else {
        std::fs::read(events).map(|b| String::from_utf8_lossy(&b).into_owned())
    }
}

/// The site's search index, or a note saying why suggestions are generic.
fn site_index(site: &Path) -> (Option<Index>, Option<String>) {
    if !site.join(crate::config::CONFIG_FILE).is_file() {
        return (
            None,
            Some(format!(
                "no helpsite.yaml in {}: pass --site DIR for titles and suggestions from its search",
                site.display()
            )),
        );
    }
    match crate::pipeline::open_index(site, None) {
        Ok((ix, _)) => (Some(ix), None),
        Err(diags) => {
            let first = diags
                .iter()
                .next()
                .map(|d| d.message.clone())
                .unwrap_or_default();
            (
                None,
                Some(format!(
                    "the site at {} has errors ({first}): suggestions are generic",
                    site.display()
                )),
            )
        }
    }
}
