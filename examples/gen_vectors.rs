//! Prints the shared test vectors.
//! cargo run --example gen_vectors > tests/vectors/business-time.json
//! cargo run --example gen_vectors stems > tests/vectors/stems.json
fn main() {
    let v = match std::env::args().nth(1).as_deref() {
        Some("stems") => {
            helpsite::search::golden_stems(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
        }
        _ => helpsite::support::vectors::generate(),
    };
    println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
}
