//! Prints the shared test vectors.
//! cargo run --example gen_vectors > tests/vectors/business-time.json
//! cargo run --example gen_vectors stems > tests/vectors/stems.json

// The generators are the tests' (tests/common/), not the shipped library's.
#[path = "../tests/it/common/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[path = "../tests/it/common/stem_vectors.rs"]
mod stem_vectors;
#[path = "../tests/it/common/support_vectors.rs"]
mod support_vectors;

fn main() {
    match std::env::args().nth(1).as_deref() {
        // Compact: 18 languages' pairs pretty-printed were 1.5 MB.
        Some("stems") => println!(
            "{}",
            serde_json::to_string(&stem_vectors::generate(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
                corpus::WORDS
            ))
            .unwrap_or_default()
        ),
        _ => println!(
            "{}",
            serde_json::to_string_pretty(&support_vectors::generate()).unwrap_or_default()
        ),
    }
}
