//! Prints the shared business-time test vectors (see src/support/vectors.rs).
//! cargo run --example gen_vectors > tests/vectors/business-time.json
fn main() {
    let v = helpsite::support::vectors::generate();
    println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
}
