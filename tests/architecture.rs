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
