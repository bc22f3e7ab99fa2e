//! Prints the shared test vectors.
//! cargo run --example gen_vectors > tests/vectors/business-time.json
//! cargo run --example gen_vectors stems > tests/vectors/stems.json
fn main() {
    match std::env::args().nth(1).as_deref() {
        // Compact: 18 languages' pairs pretty-printed were 1.5 MB.
        Some("stems") => println!(
            "{}",
            serde_json::to_string(&helpsite::search::golden_stems(std::path::Path::new(env!(
                "CARGO_MANIFEST_DIR"
            ))))
            .unwrap_or_default()
        ),
        _ => println!(
            "{}",
            serde_json::to_string_pretty(&helpsite::support::vectors::generate())
                .unwrap_or_default()
        ),
    }
}
