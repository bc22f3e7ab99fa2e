//! Writes a benchmark corpus (see src/corpus.rs).
//! cargo run --release --example gen_corpus -- ARTICLES OUT_DIR
fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let out = args.next().unwrap_or_else(|| "bench/corpus".into());
    if let Err(e) = helpsite::corpus::generate(count, std::path::Path::new(&out)) {
        eprintln!("cannot write the corpus: {e}");
        std::process::exit(1);
    }
    eprintln!("wrote {count} articles to {out}");
}
