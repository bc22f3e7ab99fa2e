//! Writes a benchmark corpus (see tests/common/corpus.rs).
//! cargo run --release --example gen_corpus -- ARTICLES OUT_DIR [EXTRA_WORDS]
//! EXTRA_WORDS > 0 gives body text a long-tailed (Zipf) vocabulary of that many
//! more words; without it every body word is one of 80 common ones.
#[path = "../tests/it/common/corpus.rs"]
#[allow(dead_code)]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let out = args.next().unwrap_or_else(|| "bench/corpus".into());
    let extra: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let path = std::path::Path::new(&out);
    if let Err(e) = corpus::generate_with_vocabulary(count, extra, path) {
        eprintln!("cannot write the corpus: {e}");
        std::process::exit(1);
    }
    eprintln!("wrote {count} articles to {out}");
}
