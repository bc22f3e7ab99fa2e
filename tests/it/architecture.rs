//! The modules' dependency graph, read from the source: which top-level
//! modules of `src/` name which others (`crate::x`, `use crate::{x, …}`),
//! tests left out. The graph runs one way, from the loaders up to the
//! commands (README, "Architecture"): a change that makes two modules
//! depend on each other, directly or around a loop, fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Groups of modules allowed to depend on each other: none. Kept as a list
/// so that a cycle found necessary can be named here, in review, with its
/// reason.
const KNOWN_CYCLES: &[&[&str]] = &[];

/// Top-level module → the top-level modules it names.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = std::fs::read_dir(src)
        .expect("src")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let name = name.strip_suffix(".rs").unwrap_or(&name).to_string();
            (name != "main" && name != "lib").then_some(name)
        })
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).expect("below src");
        let top = rel
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .unwrap_or_default();
        if !modules.contains(&top) {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("read");
        // Unit tests may reach anywhere.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for name in named_modules(code) {
            if name != top && modules.contains(&name) {
                edges.entry(top.clone()).or_default().insert(name);
            }
        }
    }
    edges
}

/// The first path segments after `crate::`, including each of a braced
/// group's (`crate::{a::b, c}`).
fn named_modules(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            for part in inner.split(',') {
                out.push(ident(part.trim()));
            }
        } else {
            out.push(ident(rest));
        }
    }
    out
}

/// The strongly connected components with more than one module (Tarjan).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<BTreeSet<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on.insert(v);
        if let Some(next) = s.edges.get(v) {
            for w in next {
                let w = w.as_str();
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let lw = s.low[w];
                    let lv = s.low[v];
                    s.low.insert(v, lv.min(lw));
                } else if s.on.contains(w) {
                    let iw = s.index[w];
                    let lv = s.low[v];
                    s.low.insert(v, lv.min(iw));
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = BTreeSet::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                group.insert(w.to_string());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                s.out.push(group);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

#[test]
fn module_cycles_only_shrink() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = graph(&src);
    for group in cycles(&edges) {
        let allowed = KNOWN_CYCLES.iter().any(|known| {
            let known: BTreeSet<String> = known.iter().map(|m| m.to_string()).collect();
            group.is_subset(&known)
        });
        assert!(
            allowed,
            "modules that depend on each other: {group:?}, beyond the known cycles \
             {KNOWN_CYCLES:?}; the edges: {edges:#?}"
        );
    }
}

#[test]
fn the_graph_reader_sees_a_cycle() {
    let dir = tempfile::tempdir().expect("temp");
    let src = dir.path();
    std::fs::write(src.join("lib.rs"), "pub mod a;\npub mod b;\npub mod c;\n").expect("write");
    std::fs::write(src.join("a.rs"), "use crate::{b::X, c};\n").expect("write");
    std::fs::create_dir(src.join("b")).expect("mkdir");
    std::fs::write(src.join("b/mod.rs"), "fn f() { crate::a::g(); }\n").expect("write");
    std::fs::write(
        src.join("c.rs"),
        "pub fn h() {}\n#[cfg(test)]\nmod t { use crate::a; }\n",
    )
    .expect("write");
    let edges = graph(src);
    let found = cycles(&edges);
    let ab: BTreeSet<String> = ["a", "b"].iter().map(|m| m.to_string()).collect();
    assert_eq!(found, [ab]);
}

/// The functions of `src/` longer than `limit` lines, as "path:line name
/// (N lines)". A function runs from its `fn` line to the first line after it
/// that closes at the same indentation (rustfmt's layout, which CI enforces).
fn long_functions(src: &Path, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(src).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(name) = fn_name(line) else { continue };
            if line.trim_end().ends_with(';') || line.trim_end().ends_with('}') {
                continue; // a declaration without a body, or a body on one line
            }
            let indent = &line[..line.len() - line.trim_start().len()];
            let close = format!("{indent}}}");
            if let Some(end) = lines[i + 1..].iter().position(|l| *l == close) {
                let length = end + 2;
                if length > limit {
                    let rel = path.strip_prefix(src).expect("below src");
                    out.push(format!(
                        "src/{}:{} {name} ({length} lines)",
                        rel.display(),
                        i + 1
                    ));
                }
            }
        }
    }
    out.sort();
    out
}

/// The function a line declares, if it does: `fn name`, after any of `pub`,
/// `pub(crate)`, `async`, `const`, `unsafe`.
fn fn_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    loop {
        let before = rest;
        for word in [
            "pub(crate) ",
            "pub(super) ",
            "pub ",
            "async ",
            "const ",
            "unsafe ",
        ] {
            rest = rest.strip_prefix(word).unwrap_or(rest);
        }
        if rest == before {
            break;
        }
    }
    let rest = rest.strip_prefix("fn ")?;
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The issue that set it: Zola has 2 functions over 200 lines, mdBook 1; a
/// function of more than a screen and a half has more than one job.
const MAX_FUNCTION_LINES: usize = 150;

#[test]
fn no_function_is_longer_than_a_screen_and_a_half() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long = long_functions(&src, MAX_FUNCTION_LINES);
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines; split them into their named steps:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_length_reader_measures_functions() {
    let dir = tempfile::tempdir().expect("temp");
    let body = "    let x = 1;\n".repeat(10);
    std::fs::write(
        dir.path().join("a.rs"),
        format!(
            "pub(crate) fn long() {{\n{body}}}\n\nfn short() {{}}\n\nimpl A {{\n    pub async fn method(&self) {{\n{body}    }}\n}}\n"
        ),
    )
    .expect("write");
    assert_eq!(
        long_functions(dir.path(), 5),
        [
            "src/a.rs:1 long (12 lines)",
            "src/a.rs:17 method (12 lines)"
        ]
    );
}

#[test]
fn main_only_parses_and_runs() {
    let main = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs"))
        .expect("main.rs");
    let start = main.find("fn main(").expect("fn main");
    let lines = main[start..]
        .lines()
        .position(|l| l == "}")
        .expect("main's end")
        + 1;
    assert!(
        lines <= 40,
        "main() is {lines} lines: it parses the command line and calls cmd::run"
    );
}

/// File stems that would be two different things under one name: a reader
/// looking for "load.rs" or "hosting.rs" should find one. The commands
/// (`cmd/`) and the settings (`config/`) are named after the command or the
/// part of the site they hold, which may also name a module.
#[test]
fn file_names_do_not_collide() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut by_stem: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
        let path = entry.path();
        let rel = path.strip_prefix(&src).expect("below src");
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        // mod.rs is named by its folder; a folder and a file of one name
        // (search/ and search/index.rs) are a module and its part.
        let is_rust = path.extension().is_some_and(|e| e == "rs");
        if stem == "mod"
            || stem == "lib"
            || stem == "main"
            || !(is_rust || entry.file_type().is_dir())
        {
            continue;
        }
        if rel.components().count() == 1 && entry.file_type().is_dir() {
            continue; // a top-level module's folder is the module itself
        }
        if rel.starts_with("cmd") || rel.starts_with("config") {
            continue;
        }
        by_stem
            .entry(stem)
            .or_default()
            .push(rel.display().to_string());
    }
    let collisions: Vec<String> = by_stem
        .into_iter()
        .filter(|(_, paths)| paths.len() > 1)
        .map(|(stem, paths)| format!("{stem}: {}", paths.join(", ")))
        .collect();
    assert!(
        collisions.is_empty(),
        "two files (or a file and a folder) share a name; rename one to say its job:\n{}",
        collisions.join("\n")
    );
}
