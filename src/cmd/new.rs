//! `helpsite new`: a new article with its front matter.

use super::Exit;
use crate::cli::NewArgs;
use crate::scaffold::NewArticle;

pub(super) fn run(args: NewArgs) -> Exit {
    let opts = NewArticle {
        site_dir: &args.site,
        path: &args.path,
        title: args.title.as_deref(),
        faq: args.faq,
    };
    match crate::scaffold::new_article(&opts) {
        Ok(p) => {
            println!("Created {}", p.display());
            Exit::Success
        }
        Err(d) => {
            eprintln!("{d}");
            if d.code == "usage" {
                Exit::Usage
            } else {
                Exit::Failed
            }
        }
    }
}
