//! `helpsite search`: the site's search from the terminal, ranked exactly as
//! the browser ranks it.

use super::{Exit, print_diagnostics};
use crate::cli::{Format, SearchArgs};
use crate::search::query::Hit;

pub(super) fn run(args: SearchArgs) -> Exit {
    let index = match crate::pipeline::open_index_in(
        &args.site,
        args.output.as_deref(),
        args.lang.as_deref(),
    ) {
        Ok((ix, _)) => ix,
        Err(diags) => {
            print_diagnostics(&diags);
            eprintln!("The site has errors; fix them to search it.");
            return Exit::Failed;
        }
    };
    let query = crate::search::parse_query(&args.query, &index.language, args.section, args.tag);
    let mut analyzer =
        crate::search::analyze::analyzer(crate::search::analyze::language(&index.language));
    let hits = crate::search::query::search(&index, &query, args.limit, &mut analyzer);
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&hits).unwrap_or_else(|_| "[]".into())
        ),
        Format::Text => {
            if hits.is_empty() {
                println!(
                    "No results for “{}”.",
                    args.query.chars().take(80).collect::<String>()
                );
            } else {
                print_word_matches(&index, &query);
            }
            print_hits(&hits);
        }
    }
    Exit::Success
}

/// What the query's words found: missing words, a partial match, close matches.
fn print_word_matches(index: &crate::search::SearchIndex, query: &crate::search::query::Query) {
    let words = crate::search::query::word_matches(index, query);
    if !words.missing.is_empty() {
        println!("Nothing mentions “{}”.", words.missing.join("”, “"));
    }
    if words.partial {
        println!("No article has all the words; those with the most come first.");
    }
    if !words.near.is_empty() {
        println!("Close matches for “{}”:", words.near.join("”, “"));
    }
}

/// Each hit: rank, title › heading, URL, excerpt, then its other sections.
fn print_hits(hits: &[Hit]) {
    for (i, h) in hits.iter().enumerate() {
        let heading = if h.heading.is_empty() {
            String::new()
        } else {
            format!(" › {}", h.heading)
        };
        // The link lands on the passage shown (a text fragment browsers follow).
        let answer = if h.answer { "   Answer:\n" } else { "" };
        println!(
            "{}. {}{}\n{answer}   {}\n   {}",
            i + 1,
            h.title,
            heading,
            h.link,
            plain(&h.excerpt)
        );
        for s in &h.sections {
            let name = if s.heading.is_empty() {
                "Introduction"
            } else {
                &s.heading
            };
            println!("     · {name} — {}", s.link);
        }
    }
}

/// An HTML excerpt for the terminal: marks become *…*, entities are decoded.
fn plain(html: &str) -> String {
    html.replace("<mark>", "*")
        .replace("</mark>", "*")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
