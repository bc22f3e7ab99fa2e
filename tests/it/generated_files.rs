//! Every generated file in the repository is what its generator writes today:
//! the stemming vectors, the browser's stemmers and the stemmers' word lists.
//! (The business-time vectors have their own test in tests/it/support.rs.) Each
//! failure names the command that regenerates the file.

use crate::common::repo_root;

#[test]
fn stem_vectors_are_what_tantivy_stems_today() {
    let root = repo_root();
    let on_disk: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/vectors/stems.json")).expect("stems.json"),
    )
    .expect("json");
    assert!(
        on_disk == crate::common::stem_vectors::generate(&root, crate::common::corpus::WORDS),
        "tests/vectors/stems.json is out of date (the bundled site's words or a stemmer changed): \
         run `cargo run --example gen_vectors stems > tests/vectors/stems.json`"
    );
}

/// frostem's generated stemmers, as the registry holds them for the version
/// in Cargo.lock.
fn frostem_algorithms() -> Option<std::path::PathBuf> {
    let lock = std::fs::read_to_string(repo_root().join("Cargo.lock")).ok()?;
    let at = lock.find("name = \"frostem\"")?;
    let version = lock[at..].lines().nth(1)?.split('"').nth(1)?.to_string();
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".cargo")))?;
    std::fs::read_dir(home.join("registry/src"))
        .ok()?
        .flatten()
        .map(|e| e.path().join(format!("frostem-{version}/src/algorithms")))
        .find(|p| p.is_dir())
}

/// Runs a generator script with `args`; `None` when python3 is missing.
fn python(script: &str, args: &[&std::ffi::OsStr]) -> Option<std::process::Output> {
    std::process::Command::new("python3")
        .arg(repo_root().join(script))
        .args(args)
        .output()
        .ok()
}

#[test]
fn browser_stemmers_are_what_the_transpiler_writes_today() {
    let algorithms = frostem_algorithms().expect("frostem's source in the cargo registry");
    let out = tempfile::tempdir().expect("temp");
    let run = python(
        "scripts/gen-stemmer-js.py",
        &[algorithms.as_os_str(), out.path().as_os_str()],
    )
    .expect("python3 runs the generator");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut compared = 0;
    for entry in std::fs::read_dir(out.path()).expect("generated").flatten() {
        let name = entry.file_name();
        let ours = std::fs::read_to_string(repo_root().join("src/search/stemmers").join(&name))
            .unwrap_or_default();
        assert!(
            ours == std::fs::read_to_string(entry.path()).expect("read"),
            "src/search/stemmers/{} is out of date: run \
             `scripts/gen-stemmer-js.py ~/.cargo/registry/src/*/frostem-*/src/algorithms src/search/stemmers`",
            name.to_string_lossy()
        );
        compared += 1;
    }
    assert_eq!(compared, 18, "one stemmer a language tantivy stems");
}

#[test]
fn stem_words_are_what_their_generator_writes_today() {
    let algorithms = frostem_algorithms().expect("frostem's source in the cargo registry");
    let run = python("scripts/gen-stem-words.py", &[algorithms.as_os_str()])
        .expect("python3 runs the generator");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let on_disk = std::fs::read(repo_root().join("tests/vectors/stem-words.json")).expect("read");
    assert!(
        run.stdout == on_disk,
        "tests/vectors/stem-words.json is out of date: run \
         `scripts/gen-stem-words.py ~/.cargo/registry/src/*/frostem-*/src/algorithms > tests/vectors/stem-words.json`"
    );
}
