//! `helpsite completions` and `helpsite man`: shell completions and man pages
//! generated from the command line's own definitions (`cli.rs`), so they never
//! drift from it.

use super::Exit;
use crate::cli::{CompletionsArgs, ManArgs};

pub(super) fn completions(args: CompletionsArgs) -> Exit {
    let mut command = crate::cli::command();
    clap_complete::generate(args.shell, &mut command, "helpsite", &mut std::io::stdout());
    Exit::Success
}

pub(super) fn man(args: ManArgs) -> Exit {
    let command = crate::cli::command();
    let written = match &args.dir {
        None => clap_mangen::Man::new(command).render(&mut std::io::stdout()),
        Some(dir) => {
            std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(command, dir))
        }
    };
    match written {
        Ok(()) => {
            if let Some(dir) = &args.dir {
                println!("Wrote the man pages into {}", dir.display());
            }
            Exit::Success
        }
        Err(e) => {
            let place = args
                .dir
                .as_ref()
                .map_or("standard output".to_string(), |d| d.display().to_string());
            eprintln!("{place}: error: cannot write the man pages: {e}");
            Exit::Failed
        }
    }
}
