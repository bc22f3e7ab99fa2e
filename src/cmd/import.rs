//! `helpsite import`: another generator's site (or a Zendesk Guide export)
//! into a new helpsite site; the source is only read.

use super::Exit;
use crate::cli::{ImportArgs, ImportFormat};
use crate::import::Format;

pub(super) fn run(args: ImportArgs) -> Exit {
    let format = match args.format {
        ImportFormat::Hugo => Format::Hugo,
        ImportFormat::Jekyll => Format::Jekyll,
        ImportFormat::Mkdocs => Format::MkDocs,
        ImportFormat::Docusaurus => Format::Docusaurus,
        ImportFormat::Zendesk => Format::Zendesk,
    };
    let dest = &args.dest;
    match crate::import::import(format, &args.src, dest) {
        Ok(report) => {
            print!("{}", report.to_text(dest));
            for d in &report.problems {
                eprintln!("{d}");
            }
            println!(
                "Next: helpsite check --site {} (broken links are warnings until you set links.broken: error)",
                dest.display()
            );
            Exit::Success
        }
        Err(ds) => {
            for d in &ds {
                eprintln!("{d}");
            }
            eprintln!("Nothing was written.");
            Exit::Failed
        }
    }
}
