//! `helpsite init`: a new support center in a new folder.

use super::Exit;
use crate::cli::InitArgs;

pub(super) fn run(args: InitArgs) -> Exit {
    let dir = &args.dir;
    match crate::scaffold::init(dir, args.theme_copy) {
        Ok(files) => {
            for f in &files {
                println!("  created {}", dir.join(f).display());
            }
            println!(
                "New support center in {}. Next: helpsite build --site {}",
                dir.display(),
                dir.display()
            );
            Exit::Success
        }
        Err(d) => {
            eprintln!("{d}");
            Exit::Failed
        }
    }
}
