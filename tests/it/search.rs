//! Search: the index, `helpsite search`, the static export, and parity between the
//! Rust ranking and the browser's on a generated corpus.

use crate::common::{Site, browser_agrees, helpsite, repo_root, shown};

fn search_json(site: &std::path::Path, q: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "search",
        q,
        "--format",
        "json",
        "--site",
        site.to_str().expect("utf-8"),
    ];
    args.extend_from_slice(extra);
    let run = helpsite(&args);
    run.assert_ok();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {}", run.stdout))
}

fn urls(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|h| h["url"].as_str().expect("url").to_string())
        .collect()
}

#[test]
fn search_finds_the_right_answers_in_the_bundled_site() {
    let root = repo_root();
    let top = |q: &str| urls(&search_json(&root, q, &[]));
    assert!(
        top("when are you open")
            .iter()
            .take(3)
            .any(|u| u.contains("when-are-you-open") || u.contains("/support/hours/")),
        "{:?}",
        top("when are you open")
    );
    assert_eq!(
        top("reset password")[0],
        "/getting-help/help-desk-account/#reset-your-password"
    );
    assert_eq!(
        top("pasword")[0],
        "/getting-help/help-desk-account/#reset-your-password",
        "one typo"
    );
    assert!(top("instal")[0].starts_with("/addons/"), "stem and prefix");
    // Keywords in front matter: words the articles never use.
    assert_eq!(top("crash")[0], "/getting-help/report-a-bug/");
    assert_eq!(top("ticket")[0], "/getting-help/contact-technical-support/");
    assert!(
        top("regenerat")[0].contains("seo-toolkit"),
        "prefix while typing"
    );
    // "Setting" is indexed as "set", so "setti" and "settin" are no term's
    // prefix: while they are typed, their first three letters match.
    for typed in ["setti", "settin", "setting"] {
        assert_eq!(
            top(typed).first().map(String::as_str),
            Some("/addons/one-click-checkout/how-it-works/#setting-it-up"),
            "{typed}"
        );
    }
    // Not when more than the start of an ending follows: "outage" is a word
    // of its own, not on its way to "out" (the bundled site never says it).
    assert_eq!(top("outage"), Vec::<String>::new());
    assert_eq!(top("critical outage"), Vec::<String>::new());
    // "Sharing" is indexed as "share": "sharin" is on its way to it.
    assert!(
        top("sharin")[0].starts_with("/getting-help/share-store-access/"),
        "{:?}",
        top("sharin")
    );
    // Not when the typed word has matches of its own: "add" is a term too.
    assert!(top("addr")[0].contains("#addresses"), "{:?}", top("addr"));
    // A stop word typed alone is on its way to a word: "in" to "install", "for"
    // to "forum", "them" to "theme". Finished ("for "), it is a stop word again; after other
    // words it is dropped ("reach you" must not require "you…").
    assert!(
        top("for").iter().take(3).any(|u| u.contains("#forum")),
        "{:?}",
        top("for")
    );
    assert!(
        top("in").iter().any(|u| u.contains("#installing")),
        "{:?}",
        top("in")
    );
    assert!(
        top("them").iter().any(|u| u.contains("#changing-the-look")),
        "{:?}",
        top("them")
    );
    assert_eq!(top("for "), Vec::<String>::new());
    assert_eq!(top("how can I reach you"), top("how can I reach"));
    assert_eq!(
        top("email address")[0],
        "/getting-help/help-desk-account/#which-email-to-use"
    );
    assert!(
        top("forum")
            .iter()
            .take(3)
            .any(|u| u.contains("other-places") || u.contains("/support/channels/"))
    );
    assert!(
        top("how do I send my store passwords")[0].contains("faq"),
        "FAQ question as its own result"
    );
    assert_eq!(
        top("how fast do you answer")[0],
        "/support/sla/",
        "the response times page answers the question customers ask"
    );
    // Customers ask questions, greetings and all: the words that say what a
    // question is about decide (with tantivy's short stop list, "where", "do",
    // "i" and "my" outranked "bug report").
    assert!(
        top("where do I send a bug report")[0].starts_with("/getting-help/report-a-bug/"),
        "{:?}",
        top("where do I send a bug report")
    );
    assert!(
        top("hi, my checkout page is broken, please help")[0]
            .starts_with("/addons/one-click-checkout/faq/"),
        "{:?}",
        top("hi, my checkout page is broken, please help")
    );
    assert!(
        urls(&search_json(&root, "what are your opening hours", &[]))
            .iter()
            .take(3)
            .any(|u| u == "/support/hours/")
    );
    // A query that names an article opens it at its top (every word is in its
    // title), with the sections that match most as sub-results; a query that
    // names a section within an article opens that section.
    let named = search_json(&root, "Reporting a bug", &[]);
    assert_eq!(named[0]["url"], "/getting-help/report-a-bug/", "{named}");
    assert_eq!(
        named[0]["sections"][0]["url"], "/getting-help/report-a-bug/#what-happens-to-your-report",
        "{named}"
    );
    assert_eq!(
        top("report verification days")[0],
        "/getting-help/report-a-bug/#what-happens-to-your-report"
    );
    // A query of stop words alone finds nothing, quietly.
    assert_eq!(top("how do I"), Vec::<String>::new());
    // The terminal says which words matched only close matches, and which
    // matched nothing (not silently left out).
    let text = |q: &str| {
        let run = helpsite(&["search", q, "--site", root.to_str().unwrap_or(".")]);
        run.assert_ok();
        run.stdout
    };
    let close = text("pasword rest");
    assert!(
        close.starts_with("Close matches for “pasword”, “rest”:\n1. "),
        "{close}"
    );
    assert!(!text("password").contains("Close matches"));
    let chat = text("whatsapp support");
    assert!(
        chat.starts_with("Nothing mentions “whatsapp”.\n1. "),
        "{chat}"
    );
}

#[test]
fn json_results_have_title_url_and_marked_excerpt() {
    let v = search_json(&repo_root(), "access information", &["--limit", "3"]);
    let hits = v.as_array().expect("array");
    assert!(!hits.is_empty() && hits.len() <= 3);
    for h in hits {
        assert!(h["title"].is_string() && h["url"].is_string() && h["excerpt"].is_string());
        assert!(h["sections"].is_array());
    }
    assert!(
        hits[0]["excerpt"]
            .as_str()
            .expect("excerpt")
            .contains("<mark>"),
        "{}",
        hits[0]
    );
}

#[test]
fn filters_by_section_and_tag() {
    let root = repo_root();
    let all = urls(&search_json(&root, "install", &[]));
    assert!(all.iter().any(|u| u.starts_with("/addons/")));
    let in_help = urls(&search_json(
        &root,
        "help desk",
        &["--section", "getting-help"],
    ));
    assert!(
        !in_help.is_empty() && in_help.iter().all(|u| u.starts_with("/getting-help/")),
        "{in_help:?}"
    );
    let tagged = urls(&search_json(&root, "install", &["--tag", "checkout"]));
    assert!(
        !tagged.is_empty() && tagged.iter().all(|u| u.contains("one-click-checkout")),
        "{tagged:?}"
    );
    assert!(urls(&search_json(&root, "install", &["--tag", "no-such-tag"])).is_empty());
}

#[test]
fn any_text_gives_results_or_an_empty_list_never_an_error() {
    let root = repo_root();
    let long = "refund ".repeat(2000);
    for q in [
        "",
        "   ",
        "!!!",
        "🙂🙂",
        "<script>alert(1)</script>",
        "\"unclosed",
        "a AND OR NOT (",
        "ÜBER straße",
        long.as_str(),
    ] {
        let v = search_json(&root, q, &[]);
        assert!(v.is_array(), "{q}");
    }
    let run = helpsite(&[
        "search",
        "<img src=x onerror=alert(1)>",
        "--site",
        root.to_str().expect("utf-8"),
    ]);
    run.assert_ok();
}

#[test]
fn excerpts_escape_what_articles_say() {
    let site = Site::new(&[(
        "content/a.md",
        "---\ntitle: Markup\n---\nType `<script>alert(\"hi\")</script>` to test the sanitizer markup.\n",
    )]);
    let v = search_json(site.path(), "sanitizer", &[]);
    let excerpt = v[0]["excerpt"].as_str().expect("excerpt");
    assert!(!excerpt.contains("<script>"), "{excerpt}");
    assert!(excerpt.contains("&lt;script&gt;"), "{excerpt}");
}

#[test]
fn the_build_exports_a_static_index_and_a_search_page() {
    let site = Site::new(&[(
        "content/a.md",
        "---\ntitle: Alpha\n---\nSome words about refunds.\n",
    )]);
    site.build(&[]).assert_ok();
    let page = site.read_out("a/index.html");
    assert!(
        page.contains("data-manifest=\"/search/manifest.json\""),
        "the page points to the manifest"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&site.read_out("search/manifest.json")).expect("manifest is JSON");
    assert_eq!(manifest["docs"], 1, "{manifest}");
    assert!(page.contains("data-search-box"), "search box in the header");
    assert!(
        site.out().join("search/index.html").is_file(),
        "search page"
    );
    let files: Vec<String> = std::fs::read_dir(site.out().join("search/chunks"))
        .expect("search dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.iter().any(|f| f.starts_with("t-")), "{files:?}");
    assert!(files.iter().any(|f| f.starts_with("d-")), "{files:?}");
    let off = Site::new(&[
        ("helpsite.yaml", "title: T\nsearch:\n  enabled: false\n"),
        ("content/a.md", "---\ntitle: A\n---\n"),
    ]);
    off.build(&[]).assert_ok();
    assert!(!off.out().join("search").exists());
    assert!(!off.read_out("a/index.html").contains("helpsite-search"));
}

/// Pages do not carry anything of the index: editing one article's text changes
/// that article's page and search files only, so hosts keep every other page cached.
#[test]
fn editing_an_article_changes_its_page_and_the_index_only() {
    let site = Site::new(&[
        // A description, so the home page's card does not quote the edited text.
        (
            "content/a.md",
            "---\ntitle: Alpha\ndescription: Refunds\n---\nRefunds take a week.\n",
        ),
        (
            "content/b.md",
            "---\ntitle: Beta\n---\nInvoices are monthly.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let before = crate::common::snapshot(&site.out());
    site.write(
        "content/a.md",
        "---\ntitle: Alpha\ndescription: Refunds\n---\nRefunds take two weeks.\n",
    );
    site.build(&[]).assert_ok();
    let after = crate::common::snapshot(&site.out());
    let mut changed: Vec<String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .chain(before.keys().filter(|k| !after.contains_key(*k)))
        .map(|k| k.to_string_lossy().replace('\\', "/"))
        .filter(|k| !k.starts_with("search/") || k == "search/index.html")
        .collect();
    changed.sort();
    // The page and its markdown copy.
    assert_eq!(changed, ["a/index.html", "a/index.html.md"]);
    let manifest = std::path::Path::new("search/manifest.json");
    assert_ne!(
        before.get(manifest),
        after.get(manifest),
        "the manifest names the new chunks"
    );
}

/// The static index of a built site (`search/` but its page): name → bytes.
fn search_files(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    // The manifest, and the chunks by their names (search/chunks/).
    crate::common::snapshot(&site.out().join("search"))
        .into_iter()
        .map(|(k, v)| {
            let k = k.to_string_lossy().into_owned();
            (
                k.strip_prefix("chunks/").map(str::to_string).unwrap_or(k),
                v,
            )
        })
        .filter(|(k, _)| k != "index.html")
        .collect()
}

/// Asserts two static indexes are the same file for file, naming the files
/// that differ (not dumping their bytes).
fn assert_same_index(
    a: &std::collections::BTreeMap<String, Vec<u8>>,
    b: &std::collections::BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let differ: Vec<&String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}: these differ: {differ:?}");
}

const KEPT: &str = "search index unchanged, kept";

/// `helpsite build` indexes only when what search reads changed; otherwise it
/// keeps the previous export, which must be exactly what indexing would write,
/// and whole: a damaged, forged or linked previous export is indexed afresh.
#[test]
fn the_build_indexes_only_when_what_search_reads_changed() {
    let site = Site::new(&[
        (
            "content/a.md",
            "---\ntitle: Alpha\n---\nRefunds take a week.\n\n## Partial refunds\n\nHalf back.\n",
        ),
        (
            "content/b.md",
            "---\ntitle: Beta\n---\nInvoices are monthly.\n",
        ),
    ]);
    let first = site.build(&[]).assert_ok().stdout.clone();
    assert!(!first.contains(KEPT), "{first}");
    let built = search_files(&site);
    assert!(built.keys().any(|k| k.starts_with("t-")));

    // Nothing changed, then only the site's title (not indexed): kept as is.
    let again = site.build(&[]).assert_ok().stdout.clone();
    assert!(again.contains(KEPT), "{again}");
    assert_same_index(&search_files(&site), &built, "kept");
    site.write(
        "helpsite.yaml",
        "title: Renamed\nbase_url: https://example.com/\n",
    );
    assert!(site.build(&[]).assert_ok().stdout.contains(KEPT));
    assert!(site.read_out("index.html").contains("Renamed"));
    assert_same_index(&search_files(&site), &built, "kept");

    // `--reindex` indexes anyway, and writes what was kept, byte for byte.
    let fresh = site.build(&["--reindex"]).assert_ok().stdout.clone();
    assert!(!fresh.contains(KEPT), "{fresh}");
    assert_same_index(&search_files(&site), &built, "kept");

    // A changed article, or a changed base path (every URL), is indexed again.
    site.write(
        "content/b.md",
        "---\ntitle: Beta\n---\nInvoices are quarterly.\n",
    );
    assert!(!site.build(&[]).assert_ok().stdout.contains(KEPT));
    let edited = search_files(&site);
    assert!(edited != built, "an edited article changes the index");
    // Files are named by the version, which comes from what the index is made
    // of: an edit names every file anew, so a host that caches them forever
    // never serves the old index's files to the new manifest.
    let renamed: Vec<&String> = edited.keys().filter(|k| k.ends_with(".bin")).collect();
    assert!(!renamed.is_empty());
    assert!(
        renamed.iter().all(|k| !built.contains_key(*k)),
        "a file kept its name through an edit: {renamed:?}"
    );
    assert_eq!(
        helpsite::pipeline::index_site(site.path())
            .map(|ix| ix.terms.contains_key("quarter"))
            .ok(),
        Some(true)
    );
    assert!(
        !site
            .build(&["--base-url", "https://example.com/help/"])
            .assert_ok()
            .stdout
            .contains(KEPT)
    );
    assert!(
        site.read_out("search/manifest.json")
            .contains("/help/search/")
    );
    site.build(&[]).assert_ok();
    assert_same_index(&search_files(&site), &edited, "linked chunk");

    // A previous export that is not whole, or not what it says, is not kept.
    let manifest_path = site.out().join("search/manifest.json");
    let manifest = std::fs::read_to_string(&manifest_path).expect("manifest");
    let chunk = edited
        .keys()
        .find(|k| k.starts_with("t-"))
        .expect("a chunk")
        .clone();
    let version = manifest
        .split("\"version\":\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("version")
        .to_string();
    type Damage<'a> = (&'static str, Box<dyn Fn() + 'a>);
    let damages: Vec<Damage> = vec![
        (
            "a chunk deleted",
            Box::new(|| {
                std::fs::remove_file(site.out().join("search/chunks").join(&chunk)).expect("rm")
            }),
        ),
        (
            "a manifest that is not JSON",
            Box::new(|| std::fs::write(&manifest_path, "{\"key\": ").expect("write")),
        ),
        (
            "a version that would name files elsewhere",
            Box::new(|| {
                let forged = manifest.replace(&version, "../../../x");
                std::fs::write(&manifest_path, forged).expect("write")
            }),
        ),
        (
            "a shard count no folder holds",
            Box::new(|| {
                let forged = manifest.replace("\"shards\":", "\"shards\":1000000000000");
                std::fs::write(&manifest_path, forged).expect("write")
            }),
        ),
        (
            "no helpsite marker",
            Box::new(|| std::fs::remove_file(site.out().join(".helpsite-output")).expect("rm")),
        ),
    ];
    for (what, damage) in damages {
        damage();
        let run = site.build(&[]);
        if what == "no helpsite marker" {
            // Not a folder helpsite made: it refuses to replace it at all.
            run.assert_fails();
            std::fs::write(site.out().join(".helpsite-output"), "").expect("marker");
            site.build(&[]).assert_ok();
        } else {
            assert!(!run.assert_ok().stdout.contains(KEPT), "{what}");
        }
        assert_same_index(&search_files(&site), &edited, what);
    }
    // A chunk that links to a file elsewhere is not copied in.
    #[cfg(unix)]
    {
        let outside = site.path().join("secret.txt");
        std::fs::write(&outside, "not for the web").expect("write");
        let linked = site.out().join("search/chunks").join(&chunk);
        std::fs::remove_file(&linked).expect("rm");
        std::os::unix::fs::symlink(&outside, &linked).expect("symlink");
        assert!(!site.build(&[]).assert_ok().stdout.contains(KEPT));
        assert_same_index(&search_files(&site), &edited, "linked chunk");
        assert!(!linked.is_symlink());
    }
}

/// Where two indexes first differ, for a failure message that is readable.
fn first_difference(
    a: &helpsite::search::SearchIndex,
    b: &helpsite::search::SearchIndex,
) -> Option<String> {
    if a.docs.len() != b.docs.len() {
        return Some(format!(
            "{} documents against {}",
            a.docs.len(),
            b.docs.len()
        ));
    }
    if let Some(i) = (0..a.docs.len()).find(|&i| a.docs[i] != b.docs[i]) {
        return Some(format!(
            "document {i}: {:?} against {:?}",
            a.docs[i], b.docs[i]
        ));
    }
    if a.terms.len() != b.terms.len() {
        return Some(format!("{} terms against {}", a.terms.len(), b.terms.len()));
    }
    if let Some((t, x)) = a.terms.iter().find(|(t, x)| b.terms.get(*t) != Some(x)) {
        return Some(format!("term {t}: {x:?} against {:?}", b.terms.get(t)));
    }
    (a != b).then(|| "filters, stop words or language".to_string())
}

/// `helpsite search` reads the built export back when it is fresh: the index
/// read back equals the one indexed, field for field, with support pages,
/// tags, and an FAQ too long for one shard file; when the site changed, or
/// the export is damaged, it indexes afresh.
#[test]
fn search_reads_a_fresh_export_back_as_the_same_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    crate::common::corpus::generate_with_vocabulary(120, 0, &corpus).expect("corpus");
    std::fs::copy(
        repo_root().join("support.yaml"),
        corpus.join("support.yaml"),
    )
    .expect("support");
    let mut faq =
        String::from("---\ntitle: Everything about refunds\nfaq: true\n---\nThe long one.\n");
    for q in 0..40 {
        faq.push_str(&format!(
            "\n## Question {q} about refund {q}?\n\nAnswer {q}: refunds take {q} days.\n"
        ));
    }
    std::fs::write(corpus.join("content/long-faq.md"), faq).expect("faq");
    let build = || {
        helpsite::build(&helpsite::BuildOptions {
            site_dir: corpus.clone(),
            ..Default::default()
        })
        .expect("corpus builds")
    };
    build();
    let fresh = helpsite::pipeline::index_site(&corpus).expect("index");
    let (read, from_export) = helpsite::pipeline::open_index(&corpus, None).expect("open");
    assert!(from_export, "a fresh export is read back");
    assert_eq!(first_difference(&read, &fresh), None);
    assert!(read.docs.iter().any(|d| d.url.ends_with("/support/hours/")));
    assert!(
        read.docs
            .iter()
            .filter(|d| d.title == "Everything about refunds")
            .count()
            > 40
    );
    assert!(read.docs.iter().any(|d| !d.tags.is_empty()));

    // The site changed since the build: indexed afresh, and current.
    std::fs::write(
        corpus.join("content/long-faq.md"),
        "---\ntitle: Everything about refunds\n---\nShorter now: zymurgy.\n",
    )
    .expect("edit");
    let (stale, from_export) = helpsite::pipeline::open_index(&corpus, None).expect("open");
    assert!(!from_export, "a stale export is not read");
    assert!(stale.terms.contains_key("zymurgi"));

    // A damaged export: garbage in a chunk or a shard (its trailer claiming
    // 4 GB), or a shard whose row names a slot far beyond the last shard.
    let search = corpus.join("public/search/chunks");
    let mut far_slot = libdeflater::Compressor::new(libdeflater::CompressionLvl::default());
    let row = br#"[["/x/","X","","",0,[],4000000000,1]]"#;
    let mut gz = vec![0; far_slot.gzip_compress_bound(row.len())];
    let n = far_slot.gzip_compress(row, &mut gz).expect("gzip");
    gz.truncate(n);
    let mut garbage = b"\x1f\x8b not really gzip".to_vec();
    garbage.extend_from_slice(&u32::MAX.to_le_bytes());
    for (prefix, bytes) in [("t-", &garbage), ("d-", &garbage), ("d-", &gz)] {
        build();
        let victim = std::fs::read_dir(&search)
            .expect("search dir")
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
            })
            .expect("a file");
        std::fs::write(&victim, bytes).expect("damage");
        let (ix, from_export) = helpsite::pipeline::open_index(&corpus, None).expect("open");
        assert!(!from_export, "a damaged {prefix} file is not read");
        assert!(ix.terms.contains_key("zymurgi"));
    }

    // A build elsewhere (`--output`) is read from there.
    let elsewhere = dir.path().join("elsewhere");
    helpsite::build(&helpsite::BuildOptions {
        site_dir: corpus.clone(),
        output_dir: Some(elsewhere.clone()),
        ..Default::default()
    })
    .expect("builds");
    let (ix, from_export) =
        helpsite::pipeline::open_index(&corpus, Some(elsewhere.as_path())).expect("open");
    assert!(from_export);
    assert_eq!(
        first_difference(
            &ix,
            &helpsite::pipeline::index_site(&corpus).expect("index")
        ),
        None
    );
}

/// Scores are summed over tantivy's segments rather than merged into one: the
/// index is the same however tantivy splits the work.
#[test]
fn the_index_does_not_depend_on_how_tantivy_splits_the_work() {
    use helpsite::search::index::{Indexing, build_with};
    let dir = tempfile::tempdir().expect("temp");
    crate::common::corpus::generate(120, dir.path()).expect("corpus");
    let (site, diags) = helpsite::load_site(dir.path(), false, None);
    let site = site.filter(|_| !diags.has_errors()).expect("corpus loads");
    let (one, one_segments) = build_with(
        &site.search_inputs(),
        Indexing {
            threads: 1,
            batch: 100_000,
            commit_every: 1_000_000,
        },
    )
    .expect("index");
    let (many, many_segments) = build_with(
        &site.search_inputs(),
        Indexing {
            threads: 4,
            batch: 7,
            commit_every: 50,
        },
    )
    .expect("index");
    assert_eq!(one_segments, 1);
    assert!(many_segments > 8, "{many_segments} segments");
    assert!(one.terms.len() > 500, "{} terms", one.terms.len());
    assert_eq!(one.terms, many.terms, "the same impacts, term by term");
    let urls = |ix: &helpsite::search::SearchIndex| -> Vec<String> {
        ix.docs.iter().map(|d| d.url.clone()).collect()
    };
    assert_eq!(urls(&one), urls(&many));
}

/// A site with nothing to index yet still has a complete static index: the
/// browser's searches come back empty, not failed.
#[test]
fn a_site_without_articles_searches_to_no_results() {
    let site = Site::new(&[("helpsite.yaml", "title: Empty\n")]);
    std::fs::create_dir_all(site.path().join("content")).expect("content folder");
    site.build(&[]).assert_ok();
    let expected = site.path().join("expected.json");
    std::fs::write(
        &expected,
        r#"[{"q": "refund", "urls": []}, {"q": "ref", "urls": []}, {"q": "pasword", "urls": []}]"#,
    )
    .expect("write");
    let run = std::process::Command::new("node")
        .arg(repo_root().join("tests/js/search_parity.cjs"))
        .arg(site.out())
        .arg(&expected)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("3 passed, 0 failed"), "{stdout}");
}

#[test]
fn a_section_named_search_is_refused_with_a_hint() {
    let site = Site::new(&[("content/search/tips.md", "---\ntitle: Tips\n---\n")]);
    let run = site.build(&[]);
    run.assert_fails();
    run.assert_error("content/search", &["/search/"]);
}

/// Queries of five families per article, as a customer would type them.
fn query_families<'a>(
    docs: impl Iterator<Item = &'a helpsite::search::DocInfo>,
    count: usize,
) -> Vec<String> {
    let mut queries = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for d in docs.filter(|d| d.heading.is_empty()).take(count) {
        if !seen.insert(d.title.clone()) {
            continue;
        }
        let words: Vec<&str> = d
            .title
            .split_whitespace()
            .filter(|w| w.chars().all(char::is_alphanumeric))
            .collect();
        queries.push(d.title.clone());
        if words.len() >= 2 {
            queries.push(format!("{} {}", words[0], words[1]));
        }
        let body: Vec<&str> = d
            .text
            .split_whitespace()
            .filter(|w| w.len() > 4 && w.chars().all(char::is_alphabetic))
            .collect();
        if body.len() >= 3 {
            queries.push(format!("{} {} ", body[0], body[2]));
        }
        if let Some(w) = words.iter().find(|w| w.len() >= 5) {
            let mut c: Vec<char> = w.chars().collect();
            c.swap(1, 2);
            queries.push(c.into_iter().collect());
            queries.push(w.chars().take(4).collect());
        }
    }
    queries
}

#[test]
fn browser_ranking_equals_rust_ranking_on_a_generated_corpus() {
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        panic!("node is needed for this test: apt-get install nodejs (scripts/test installs it)");
    }
    let dir = tempfile::tempdir().expect("temp");
    let (corpus, out) = built_corpus(dir.path(), 400, 0);
    // Enough chunks and shards that finding them is exercised, not one file each.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("search/manifest.json")).expect("manifest"))
            .expect("manifest is JSON");
    let starts = manifest["chunks"].as_array().map_or(0, Vec::len);
    assert!(starts >= 10, "{starts} chunk starts");
    let shards = std::fs::read_dir(out.join("search/chunks"))
        .expect("search dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("d-"))
        .count();
    assert!(shards >= 50, "{shards} document shards");
    let index = helpsite::pipeline::index_site(&corpus).expect("index");
    let mut analyzer =
        helpsite::search::analyze::analyzer(helpsite::search::analyze::language("en"));
    let mut expected = Vec::new();
    let mut queries = query_families(index.docs.iter(), 400);
    // Sections' own pages come after the articles: their titles ("Part 12",
    // the topics), descriptions and introductions.
    let sections = index
        .docs
        .iter()
        .filter(|d| d.title.starts_with("Part ") || !d.title.chars().any(|c| c.is_ascii_digit()));
    let section_queries = query_families(sections, 40);
    assert!(section_queries.len() >= 40, "{section_queries:?}");
    queries.extend(section_queries);
    queries.extend(
        [
            "order payment",
            "refnd",
            "shiping adress",
            "paym",
            "the",
            "x",
            "order_12",
            "SELECT total",
            // Typed words whose stem is three letters ("settings": "set").
            "settin",
            "admin setti",
            "sett",
            "shippi",
            "sharin",
            "updatin",
            "admin codin",
            "outage",
            "admin fixing outage",
            // Stop words alone, the last being typed: a prefix ("not…").
            "not",
            "for",
            "how can",
            "who are you",
            "what is it",
            "order not",
            // A word matching nothing at all, beside one that does.
            "order zzqxv ",
        ]
        .map(String::from),
    );
    assert!(queries.len() >= 250, "{} queries", queries.len());
    for q in &queries {
        let parsed = helpsite::search::parse_query(q, "en", None, None);
        let hits = helpsite::search::query::search(&index, &parsed, 10, &mut analyzer);
        let words = helpsite::search::query::word_matches(&index, &parsed);
        expected.push(serde_json::json!({"q": q, "urls": shown(&hits), "words": words}));
    }
    // The typo family's words are matched by near misses, and said to be.
    let with_near = expected
        .iter()
        .filter(|e| e["words"]["near"].as_array().is_some_and(|a| !a.is_empty()))
        .count();
    assert!(with_near >= 20, "{with_near} queries with near misses");
    assert!(
        expected.iter().any(|e| e["words"]["missing"]
            .as_array()
            .is_some_and(|a| !a.is_empty())),
        "a query with a word matching nothing"
    );
    // Filters too (they found a bug in deciding when tails can be skipped).
    for (q, section) in [
        ("order", "payments"),
        ("shipping price", "shipping"),
        ("price", "shipping"),
        ("order payment refund", "payments"),
        ("customer account", "customers"),
    ] {
        let parsed = helpsite::search::parse_query(q, "en", Some(section.into()), None);
        let hits = helpsite::search::query::search(&index, &parsed, 10, &mut analyzer);
        assert!(!hits.is_empty(), "{q} in {section}");
        expected.push(serde_json::json!({"q": q, "section": section, "urls": shown(&hits)}));
    }
    for (q, tag) in index
        .tags
        .iter()
        .take(3)
        .map(|(slug, _)| ("order customer", slug))
    {
        let parsed = helpsite::search::parse_query(q, "en", None, Some(tag.clone()));
        let hits = helpsite::search::query::search(&index, &parsed, 10, &mut analyzer);
        expected.push(serde_json::json!({"q": q, "tag": tag, "urls": shown(&hits)}));
    }
    let stdout = browser_agrees(dir.path(), &out, &expected);
    // Queries touched pruned lists, some of them with words that still require.
    let numbers: Vec<usize> = stdout
        .lines()
        .find(|l| l.starts_with("pruned lists in"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(
        numbers.len() == 2 && numbers[0] > 0 && numbers[1] > 0,
        "{stdout}"
    );
}

/// A generated corpus of `articles` (with `extra` long-tail words) under `dir`,
/// built: (its folder, its output folder).
fn built_corpus(
    dir: &std::path::Path,
    articles: usize,
    extra: usize,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let corpus = dir.join("corpus");
    crate::common::corpus::generate_with_vocabulary(articles, extra, &corpus).expect("corpus");
    let out = dir.join("out");
    helpsite::build(&helpsite::BuildOptions {
        site_dir: corpus.clone(),
        output_dir: Some(out.clone()),
        ..Default::default()
    })
    .expect("corpus builds");
    (corpus, out)
}

#[test]
fn a_word_whose_list_was_pruned_does_not_hide_documents() {
    let dir = tempfile::tempdir().expect("temp");
    let (corpus, out) = built_corpus(dir.path(), 300, 3000);
    let index = helpsite::pipeline::index_site(&corpus).expect("index");
    let mut analyzer =
        helpsite::search::analyze::analyzer(helpsite::search::analyze::language("en"));
    let listed = |term: &str, doc: usize| {
        index.terms[term]
            .postings
            .iter()
            .any(|p| p.0 as usize == doc)
    };
    // A document with a common word that pruning left out of the word's list,
    // and a rare word (complete list) that another document shares with a
    // listed posting of the common word: requiring both words would hide it.
    let mut case = None;
    'docs: for (d, doc) in index.docs.iter().enumerate() {
        let words = helpsite::search::analyze::words(&mut analyzer, &doc.text);
        for common in &words {
            let Some(c) = index.terms.get(&common.stem) else {
                continue;
            };
            if c.complete() || listed(&common.stem, d) {
                continue;
            }
            for rare in &words {
                let Some(r) = index.terms.get(&rare.stem) else {
                    continue;
                };
                if r.complete()
                    && r.docs <= 20
                    && r.postings
                        .iter()
                        .any(|p| p.0 as usize != d && listed(&common.stem, p.0 as usize))
                {
                    case = Some((d, common.clone(), rare.clone()));
                    break 'docs;
                }
            }
        }
    }
    let (d, common, rare) = case.expect("the corpus has a pruned word and a rare one together");
    let text = format!("{} {} ", common.raw, rare.raw);
    let query = helpsite::search::parse_query(&text, "en", None, None);
    let cands = helpsite::search::query::candidates(&index, &query);
    let ranked = helpsite::search::query::rank(&index, &query, &cands);
    assert!(
        ranked.iter().any(|r| r.0 as usize == d),
        "{text}: document {d} is found"
    );
    // The rare word still requires: a page without it is ranked only when it
    // scores more than every page with it (rule 4).
    let page = |doc: u32| index.docs[doc as usize].article;
    let with_rare: std::collections::HashSet<u32> = index.terms[&rare.stem]
        .postings
        .iter()
        .map(|p| page(p.0))
        .collect();
    let best_with = ranked
        .iter()
        .filter(|r| with_rare.contains(&page(r.0)))
        .map(|r| r.2)
        .max()
        .unwrap_or(0);
    assert!(
        ranked
            .iter()
            .all(|r| with_rare.contains(&page(r.0)) || r.2 > best_with),
        "{text}: the rare word is still required"
    );
    assert!(
        ranked.iter().any(|r| !with_rare.contains(&page(r.0))) || ranked.len() >= 2,
        "{text}: more than one document ranked"
    );
    // Through the command line and the browser's engine alike.
    let hits = search_json(&corpus, &text, &["--limit", "30"]);
    let article = index.docs[d].url.split('#').next().unwrap_or_default();
    assert!(
        urls(&hits)
            .iter()
            .any(|u| u.split('#').next() == Some(article)),
        "{text}: {article} in {hits}"
    );
    let mut expected = Vec::new();
    for q in [
        text.clone(),
        common.raw.clone(),
        format!("{} {}", rare.raw, common.raw),
    ] {
        let parsed = helpsite::search::parse_query(&q, "en", None, None);
        let hits = helpsite::search::query::search(&index, &parsed, 10, &mut analyzer);
        let words = helpsite::search::query::word_matches(&index, &parsed);
        expected.push(serde_json::json!({"q": q, "urls": shown(&hits), "words": words}));
    }
    browser_agrees(dir.path(), &out, &expected);
}

#[test]
fn a_french_site_stems_and_stops_as_french_in_the_browser_too() {
    let site = Site::new(&[
        (
            "helpsite.yaml",
            "title: Centre d’aide\nbase_url: https://example.com/\nlanguage: fr\n",
        ),
        (
            "content/reservations/_index.md",
            "---\ntitle: Réservations\n---\n",
        ),
        (
            "content/reservations/annuler.md",
            "---\ntitle: Annuler une réservation\n---\n\nVous pouvez annuler vos réservations depuis votre compte.\n\n## Remboursements\n\nLes remboursements arrivent sous cinq jours ouvrés.\n",
        ),
        (
            "content/reservations/modifier.md",
            "---\ntitle: Modifier les dates\n---\n\nChangez les dates d’un séjour réservé sans frais.\n\n## Paiements refusés\n\nSi votre carte est refusée, essayez un autre moyen de paiement.\n",
        ),
        (
            "content/reservations/factures.md",
            "---\ntitle: Télécharger une facture\n---\n\nLes factures de chaque séjour sont dans votre espace client. Sur la facture grecque, ΟΔΟΣ veut dire rue.\n",
        ),
    ]);
    let out = built(&site);
    // The pages load the French stemmer, and the manifest has French stop words.
    let home = std::fs::read_to_string(out.join("index.html")).expect("home");
    assert!(
        home.contains("data-stemmer=\"/stemmer-fr.js"),
        "French stemmer"
    );
    assert!(out.join("stemmer-fr.js").is_file() && !out.join("stemmer-en.js").exists());
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("search/manifest.json")).expect("manifest"),
    )
    .expect("json");
    let stop: Vec<&str> = manifest["stop"]
        .as_array()
        .expect("stop words")
        .iter()
        .filter_map(|w| w.as_str())
        .collect();
    assert!(stop.contains(&"les") && stop.contains(&"vos") && !stop.contains(&"the"));

    let expected = language_queries(
        &site,
        "fr",
        &[
            "annulation",
            "comment annuler ma réservation",
            "remboursement",
            "paiement refusé",
            "les factures",
            "séjours réservés",
            "factur",
            "reservaton",
            "the invoice",
            // tantivy lowers letter by letter: the final capital sigma is "σ", not
            // the "ς" of JavaScript's toLowerCase (the French stemmer keeps it).
            "ΟΔΟΣ",
        ],
    );
    let top = |q: &str| {
        let e = expected.iter().find(|e| e["q"] == q).expect("asked");
        let first = e["urls"][0].as_str().unwrap_or("");
        first.split(" > ").next().unwrap_or("").to_string()
    };
    // French stems: "annulation" and "annuler" share "annul", "remboursement"
    // and "remboursements" "rembours".
    assert_eq!(top("annulation"), "/reservations/annuler/");
    assert_eq!(
        top("remboursement"),
        "/reservations/annuler/#remboursements"
    );
    assert_eq!(top("les factures"), "/reservations/factures/");
    assert_eq!(
        top("paiement refusé"),
        "/reservations/modifier/#paiements-refusés"
    );
    browser_agrees(site.path(), &out, &expected);
}

#[test]
fn a_language_without_a_stemmer_builds_with_a_warning_naming_the_line() {
    let site = Site::new(&[
        (
            "helpsite.yaml",
            "title: Pomoc\nbase_url: https://example.com/\nlanguage: pl\n",
        ),
        (
            "content/a.md",
            "---\ntitle: Zwroty\n---\n\nZwrot pieniędzy w ciągu pięciu dni.\n",
        ),
    ]);
    let run = helpsite(&["build", "--site", site.path().to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "helpsite.yaml:3:11: warning: search has no stemmer or stop words for language `pl`"
        ),
        "{}",
        run.stderr
    );
    // Search still works, with the English rules (which leave Polish words as written).
    assert!(site.path().join("public/stemmer-en.js").is_file());
    let hits = search_json(site.path(), "pieniędzy", &[]);
    assert_eq!(urls(&hits), ["/a/"]);
    // Japanese needs no stemmer (its text is searched by character pairs): no warning.
    site.write(
        "helpsite.yaml",
        "title: ヘルプ\nbase_url: https://example.com/\nlanguage: ja\n",
    );
    site.write(
        "content/a.md",
        "---\ntitle: 返金について\n---\n\n返金は五日以内です。\n",
    );
    let run = helpsite(&["build", "--site", site.path().to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("no stemmer"), "{}", run.stderr);
    let hits = search_json(site.path(), "返金は五日以内です", &[]);
    assert_eq!(urls(&hits), ["/a/"]);
}

#[test]
fn greek_capitals_lower_and_stem_as_in_tantivy() {
    // tantivy lowers character by character, so a final capital sigma is "σ";
    // JavaScript's toLowerCase makes it "ς". The browser must follow tantivy.
    let site = Site::new(&[
        (
            "helpsite.yaml",
            "title: Βοήθεια\nbase_url: https://example.com/\nlanguage: el\n",
        ),
        (
            "content/pliromes.md",
            "---\ntitle: ΟΔΗΓΟΣ ΠΛΗΡΩΜΗΣ\n---\n\nΟ οδηγός εξηγεί τις πληρωμές και τους λογαριασμούς.\n",
        ),
        (
            "content/logariasmos.md",
            "---\ntitle: Ο λογαριασμός σας\n---\n\nΑλλάξτε τον κωδικό του λογαριασμού σας.\n",
        ),
    ]);
    let out = built(&site);
    let expected = language_queries(
        &site,
        "el",
        &[
            "ΟΔΗΓΟΣ",
            "ΛΟΓΑΡΙΑΣΜΟΣ ",
            "οδηγός πληρωμής",
            "ΠΛΗΡΩΜΕΣ ΚΑΙ ΛΟΓΑΡΙΑΣΜΟΥΣ",
        ],
    );
    assert!(
        expected.iter().all(|e| e["urls"][0].is_string()),
        "{expected:?}"
    );
    browser_agrees(site.path(), &out, &expected);
}

#[test]
fn chinese_and_japanese_text_is_searchable_by_pairs_of_characters() {
    // A sentence of Chinese is one token to a tokenizer that splits at
    // spaces and punctuation: "密码" (password) found nothing in an article
    // about resetting one. Pairs of characters find any word of two or more.
    let site = Site::new(&[
        (
            "helpsite.yaml",
            "title: 支持中心\nbase_url: https://example.com/\nlanguage: zh\n",
        ),
        (
            "content/zhanghu/_index.md",
            "---\ntitle: 账户管理\n---\n管理您的账户和登录信息。\n",
        ),
        (
            "content/zhanghu/chongzhi-mima.md",
            "---\ntitle: 重置密码\n---\n\n如果您忘记了密码，请在登录页面点击“忘记密码”链接，我们会向您的邮箱发送重置链接。\n\n## 链接过期\n\n重置链接在二十四小时后失效。\n",
        ),
        (
            "content/zhanghu/xiugai-youxiang.md",
            "---\ntitle: 修改邮箱地址\n---\n\n在账户设置中可以修改您的邮箱地址。修改后需要重新验证。\n",
        ),
        (
            "content/tuikuan.md",
            "---\ntitle: 退款政策\n---\n\n购买后三十天内可以申请退款。Refunds are paid to the original card.\n",
        ),
        (
            "content/nihongo.md",
            "---\ntitle: パスワードの変更\n---\n\nパスワードはアカウント設定から変更できます。\n",
        ),
    ]);
    let out = built(&site);
    let queries = [
        "密码",
        "忘记密码",
        "如何重置密码",
        "邮箱",
        "修改邮箱",
        "退款",
        "申请退款 refunds",
        "重置链接",
        "二十四小时",
        "账户",
        "密",
        "パスワード",
        "アカウント設定",
        "変更",
    ];
    let expected = language_queries(&site, "zh", &queries);
    let top = |q: &str| {
        let e = expected.iter().find(|e| e["q"] == q).expect("asked");
        let first = e["urls"][0].as_str().unwrap_or("");
        first
            .split(" > ")
            .next()
            .unwrap_or("")
            .split('#')
            .next()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(top("密码"), "/zhanghu/chongzhi-mima/");
    assert_eq!(top("如何重置密码"), "/zhanghu/chongzhi-mima/");
    assert_eq!(top("修改邮箱"), "/zhanghu/xiugai-youxiang/");
    assert_eq!(top("退款"), "/tuikuan/");
    assert_eq!(top("申请退款 refunds"), "/tuikuan/");
    assert_eq!(top("二十四小时"), "/zhanghu/chongzhi-mima/");
    assert_eq!(top("账户"), "/zhanghu/");
    assert_eq!(top("パスワード"), "/nihongo/");
    // Typing the first character of a word already finds it.
    assert_eq!(top("密"), "/zhanghu/chongzhi-mima/");
    // Every two-character word of every title finds its page in the top 5.
    let index = helpsite::pipeline::index_site(site.path()).expect("index");
    let mut analyzer =
        helpsite::search::analyze::analyzer(helpsite::search::analyze::language("zh"));
    for (title, url) in [
        ("重置密码", "/zhanghu/chongzhi-mima/"),
        ("修改邮箱地址", "/zhanghu/xiugai-youxiang/"),
        ("退款政策", "/tuikuan/"),
        ("账户管理", "/zhanghu/"),
    ] {
        let chars: Vec<char> = title.chars().collect();
        for pair in chars.windows(2) {
            let q: String = pair.iter().collect();
            let parsed = helpsite::search::parse_query(&q, "zh", None, None);
            let hits = helpsite::search::query::search(&index, &parsed, 5, &mut analyzer);
            assert!(
                hits.iter().any(|h| h.url.split('#').next() == Some(url)),
                "{q} (of {title}) finds {url}: {:?}",
                shown(&hits)
            );
        }
    }
    // Excerpts mark the words found, one mark over overlapping pairs.
    let hits = search_json(site.path(), "重置链接", &[]);
    let excerpt = hits[0]["excerpt"].as_str().unwrap_or_default();
    assert!(excerpt.contains("<mark>重置链接</mark>"), "{excerpt}");
    browser_agrees(site.path(), &out, &expected);
}

/// Builds a fixture site into its `public/` folder.
fn built(site: &Site) -> std::path::PathBuf {
    let out = site.path().join("public");
    helpsite::build(&helpsite::BuildOptions {
        site_dir: site.path().to_path_buf(),
        output_dir: Some(out.clone()),
        ..Default::default()
    })
    .expect("builds");
    out
}

/// `helpsite search`'s results for each query on a site in `language`, with
/// the query's analyzed words, as `browser_agrees` takes them.
fn language_queries(site: &Site, language: &str, queries: &[&str]) -> Vec<serde_json::Value> {
    let index = helpsite::pipeline::index_site(site.path()).expect("index");
    let mut analyzer =
        helpsite::search::analyze::analyzer(helpsite::search::analyze::language(language));
    queries
        .iter()
        .map(|q| {
            let parsed = helpsite::search::parse_query(q, language, None, None);
            let hits = helpsite::search::query::search(&index, &parsed, 10, &mut analyzer);
            let stems: Vec<&str> = parsed.words.iter().map(|w| w.stem.as_str()).collect();
            serde_json::json!({"q": q, "urls": shown(&hits), "stems": stems})
        })
        .collect()
}

#[test]
fn keywords_find_an_article_and_search_false_leaves_one_out() {
    let site = Site::new(&[
        (
            "content/billing/refunds.md",
            "---\ntitle: Refunds\ndescription: Money back within thirty days.\n\
             keywords: [chargeback, dispute]\n---\n\
             Ask within thirty days.\n\n## Partial refunds\n\nFor one item of an order.\n",
        ),
        (
            "content/billing/disputes.md",
            "---\ntitle: Card statements\n---\nA dispute filed with your bank shows here.\n",
        ),
        (
            // Opens with a heading: its description still finds its top.
            "content/billing/faq.md",
            "---\ntitle: Billing FAQ\nfaq: true\ndescription: Invoices and receipts.\n\
             keywords: [vat]\n---\n## Where is my invoice?\n\nUnder Orders.\n",
        ),
        (
            "content/billing/internal.md",
            "---\ntitle: Zebracorn ledger\nsearch: false\n---\nZebracorn notes for staff.\n",
        ),
        // A whole section left out, and its subsection with it.
        (
            "content/staff/_index.md",
            "---\ntitle: Staff\nsearch: false\n---\n",
        ),
        (
            "content/staff/rota/shifts.md",
            "---\ntitle: Quokka shifts\n---\nQuokka rota.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    // The page of the article left out of search is still built and linked.
    assert!(
        site.read_out("billing/internal/index.html")
            .contains("Zebracorn")
    );
    assert!(
        site.read_out("billing/index.html")
            .contains("/billing/internal/")
    );
    assert!(
        site.read_out("staff/rota/shifts/index.html")
            .contains("Quokka")
    );
    // The search page offers no filter for a section search leaves out.
    let search_page = site.read_out("search/index.html");
    assert!(search_page.contains(r#"<option value="billing">"#));
    assert!(!search_page.contains(r#"<option value="staff">"#));

    let expected = [
        // A keyword the text never uses finds the article's top.
        ("chargeback", vec!["/billing/refunds/"]),
        // Keywords weigh as the title: "dispute" in another article's text
        // comes after the article that names it as a keyword.
        ("dispute", vec!["/billing/refunds/", "/billing/disputes/"]),
        ("vat", vec!["/billing/faq/"]),
        ("receipts", vec!["/billing/faq/"]),
        ("zebracorn", vec![]),
        ("ledger", vec![]),
        ("quokka", vec![]),
    ];
    finds_in_terminal_and_browser(&site, &expected);
    // Keywords are for search only: never shown on the page or in results.
    let page = site.read_out("billing/refunds/index.html");
    assert!(!page.contains("chargeback"), "keywords shown on the page");
    let hit = &search_json(site.path(), "chargeback", &[])[0];
    assert!(!hit.to_string().contains("chargeback"), "{hit}");
}

#[test]
fn synonyms_find_each_others_articles_after_the_word_itself() {
    let site = Site::new(&[
        (
            "helpsite.yaml",
            "title: Fixture\nbase_url: https://example.com/\nsearch:\n  synonyms:\n    - [refund, chargeback, reimbursement]\n    - [cancel, unsubscribe]\n",
        ),
        (
            "content/billing/refunds.md",
            "---\ntitle: Refunds\n---\nWe refund within thirty days.\n",
        ),
        (
            "content/billing/disputes.md",
            "---\ntitle: Chargebacks\n---\nA chargeback filed with your bank.\n",
        ),
        (
            "content/account/close.md",
            "---\ntitle: Close your account\n---\nCancel the plan first, then close.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let expected = [
        // The word itself first, then its synonyms' articles.
        (
            "chargeback",
            vec!["/billing/disputes/", "/billing/refunds/"],
        ),
        ("refunds", vec!["/billing/refunds/", "/billing/disputes/"]),
        // No article uses it: its synonyms' articles, by their own scores.
        (
            "reimbursement",
            vec!["/billing/disputes/", "/billing/refunds/"],
        ),
        ("unsubscribe", vec!["/account/close/"]),
        ("bank", vec!["/billing/disputes/"]),
    ];
    finds_in_terminal_and_browser(&site, &expected);
    // An article found through a synonym shows the word that brought it.
    let found = search_json(site.path(), "reimbursement", &[]);
    let excerpts: Vec<Vec<String>> = found
        .as_array()
        .expect("array")
        .iter()
        .map(|h| marked(h["excerpt"].as_str().expect("excerpt")))
        .collect();
    assert_eq!(excerpts, [vec!["chargeback"], vec!["refund"]], "{found}");
    let typed = search_json(site.path(), "unsubscribe", &[]);
    assert_eq!(
        marked(typed[0]["excerpt"].as_str().expect("excerpt")),
        ["Cancel"],
        "{typed}"
    );

    // Editing the synonyms makes the kept index stale: the next build indexes.
    let again = site.build(&[]).assert_ok().stdout.clone();
    assert!(again.contains(KEPT), "{again}");
    site.write(
        "helpsite.yaml",
        "title: Fixture\nbase_url: https://example.com/\nsearch:\n  synonyms:\n    - [refund, reimbursement]\n",
    );
    let edited = site.build(&[]).assert_ok().stdout.clone();
    assert!(!edited.contains(KEPT), "{edited}");
    assert!(urls(&search_json(site.path(), "chargeback", &[])) == ["/billing/disputes/"]);
}

/// Asserts that `helpsite search` on a built fixture lists exactly these
/// article URLs for each query, and that the browser's engine, over the
/// static index, shows what the Rust ranking shows.
fn finds_in_terminal_and_browser(site: &Site, expected: &[(&str, Vec<&str>)]) {
    let index = helpsite::pipeline::index_site(site.path()).expect("index");
    let mut analyzer =
        helpsite::search::analyze::analyzer(helpsite::search::analyze::language("en"));
    let mut browser = Vec::new();
    for (q, want) in expected {
        let got = search_json(site.path(), q, &[]);
        assert_eq!(&urls(&got), want, "{q}: {got}");
        let parsed = helpsite::search::parse_query(q, "en", None, None);
        let hits = helpsite::search::query::search(&index, &parsed, 10, &mut analyzer);
        let first = got
            .get(0)
            .map_or("", |h| h["excerpt"].as_str().unwrap_or(""));
        assert_eq!(
            hits.first().map(|h| marked(&h.excerpt)),
            (!want.is_empty()).then(|| marked(first)),
            "{q}"
        );
        browser.push(serde_json::json!({
            "q": q,
            "urls": shown(&hits),
            "landing": crate::common::landing(&hits),
            "marked": hits.first().map(|h| marked(&h.excerpt)).unwrap_or_default(),
            "excerpt": hits.first().map(|h| plain(&h.excerpt)).unwrap_or_default(),
        }));
    }
    browser_agrees(site.path(), &site.out(), &browser);
}

/// An excerpt's text: its marks and HTML escapes undone.
fn plain(excerpt: &str) -> String {
    excerpt
        .replace("<mark>", "")
        .replace("</mark>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The texts an excerpt marks (`<mark>…</mark>`), in order.
fn marked(excerpt: &str) -> Vec<String> {
    excerpt
        .split("<mark>")
        .skip(1)
        .filter_map(|m| m.split_once("</mark>").map(|(text, _)| text.to_string()))
        .collect()
}

#[test]
fn section_pages_and_the_home_page_are_searched_like_articles() {
    let site = Site::new(&[
        (
            "content/_index.md",
            "---\ntitle: Welcome\n---\nThe wombat help center answers questions about quasar telescopes.\n",
        ),
        (
            "content/index-state/_index.md",
            "---\ntitle: Index State Management\ndescription: Automate routine tasks on your indexes.\n---\n\
             Policies move an index through states.\n\n## Rollover policies\n\nRoll an index over when it grows too large.\n",
        ),
        (
            "content/index-state/create-policy.md",
            "---\ntitle: Create a policy\n---\nA policy of index state management says when an index \
             changes state. Index state management runs policies every few minutes.\n",
        ),
        (
            "content/index-state/api.md",
            "---\ntitle: Index State Management API\n---\nCall the index state management API to manage policies.\n",
        ),
        // A folder without _index.md is found by its title.
        (
            "content/snapshots/take-snapshot.md",
            "---\ntitle: Take a backup\n---\nCopies of your cluster.\n",
        ),
        // Left out of search, with everything below it.
        (
            "content/staff/_index.md",
            "---\ntitle: Staff\nsearch: false\n---\nThe platypus roster lives here.\n",
        ),
        (
            "content/staff/rota/_index.md",
            "---\ntitle: Rota\n---\nPlatypus shifts.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let expected = [
        // The section's own page before its children, when the query is its title.
        (
            "Index State Management",
            vec![
                "/index-state/",
                "/index-state/api/",
                "/index-state/create-policy/",
            ],
        ),
        // A heading of a section's page leads to its part.
        ("rollover", vec!["/index-state/#rollover-policies"]),
        // Its description finds it.
        ("routine tasks", vec!["/index-state/"]),
        ("snapshots", vec!["/snapshots/"]),
        // The home page's introduction.
        ("quasar telescopes", vec!["/"]),
        ("platypus", vec![]),
        ("roster", vec![]),
    ];
    finds_in_terminal_and_browser(&site, &expected);
    // The search page offers the sections found only through their own pages.
    let search_page = site.read_out("search/index.html");
    assert!(search_page.contains(r#"<option value="snapshots">"#));
    assert!(!search_page.contains(r#"<option value="staff">"#));
    // Filtering by a section finds its own page too.
    let filtered = search_json(site.path(), "policies", &["--section", "index-state"]);
    assert!(
        urls(&filtered)
            .iter()
            .any(|u| u.starts_with("/index-state/#"))
            || urls(&filtered).contains(&"/index-state/".to_string()),
        "{filtered}"
    );
}

#[test]
fn a_sections_page_comes_before_its_pages_when_its_title_has_the_words() {
    let site = Site::new(&[
        (
            "content/functions/_index.md",
            "---\ntitle: Functions\n---\nEvery template function.\n",
        ),
        (
            "content/functions/crypto/_index.md",
            "---\ntitle: Crypto functions\n---\nUse these functions to create cryptographic hashes.\n",
        ),
        (
            "content/functions/crypto/hmac.md",
            "---\ntitle: crypto.HMAC\n---\nReturns a crypto HMAC of the message, using crypto keys. crypto.HMAC is a crypto function.\n",
        ),
        (
            "content/functions/crypto/sha256.md",
            "---\ntitle: crypto.SHA256\n---\nThe crypto SHA-256 hash of the input: crypto.SHA256 hashes with crypto.\n",
        ),
        // Named by the query: stays first, before the section.
        (
            "content/functions/crypto/crypto.md",
            "---\ntitle: Crypto\n---\nAbout crypto, crypto and crypto.\n",
        ),
        (
            "content/guides/hashing.md",
            "---\ntitle: Hashing guide\n---\nWhen to hash with crypto functions.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let expected = [
        (
            "crypto",
            vec![
                "/functions/crypto/crypto/",
                "/functions/crypto/",
                "/functions/crypto/hmac/",
                "/functions/crypto/sha256/",
                "/guides/hashing/",
            ],
        ),
        // A child's own title still finds the child first.
        ("crypto hmac", vec!["/functions/crypto/hmac/"]),
    ];
    finds_in_terminal_and_browser(&site, &expected);
}

/// Rule 6 counts a title's stop words: "collections" does not name
/// "collections.In" ("in") or "collections.D" ("d"), so their section's page
/// goes before them (Hugo's documentation: the section was missed).
#[test]
fn a_title_with_more_stop_words_than_the_query_is_not_named_by_it() {
    let site = Site::new(&[
        (
            "content/functions/_index.md",
            "---\ntitle: Functions\n---\nEvery template function.\n",
        ),
        (
            "content/functions/collections/_index.md",
            "---\ntitle: Collections functions\n---\nUse these functions with collections: maps and slices.\n",
        ),
        (
            "content/functions/collections/in.md",
            "---\ntitle: collections.In\n---\nReports whether a value is in collections: collections.In searches slices.\n",
        ),
        (
            "content/functions/collections/d.md",
            "---\ntitle: collections.D\n---\nRandom integers for collections: collections.D is seeded.\n",
        ),
        (
            "content/glossary/collection.md",
            "---\ntitle: Collection\n---\nAn array, slice or map.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let expected = [
        (
            "collections",
            vec![
                "/glossary/collection/",
                "/functions/collections/",
                "/functions/collections/d/",
                "/functions/collections/in/",
            ],
        ),
        // Typed whole, stop word and all, a title is named.
        (
            "collections.In",
            vec![
                "/functions/collections/in/",
                "/functions/collections/",
                "/functions/collections/d/",
                "/glossary/collection/",
            ],
        ),
        (
            "collections d",
            vec![
                "/functions/collections/d/",
                "/functions/collections/",
                "/functions/collections/in/",
                "/glossary/collection/",
            ],
        ),
    ];
    finds_in_terminal_and_browser(&site, &expected);
}

#[test]
fn a_section_page_ranked_below_the_results_still_opens_its_children() {
    // Twelve `collections.…` pages outrank their section's page for
    // "collections" (their titles are shorter); the section's page is still
    // considered (query.rs, rules 6 and 7) and goes before them. The last
    // of the ten is left out for it.
    let site = Site::new(&[
        (
            "content/functions/_index.md",
            "---\ntitle: Functions\n---\nEvery template function.\n",
        ),
        (
            "content/functions/collections/_index.md",
            "---\ntitle: Collections functions\n---\nUse these functions with maps and slices.\n",
        ),
        (
            "content/functions/collections/append.md",
            "---\ntitle: collections.Append\n---\ncollections.Append works on collections of values.\n",
        ),
        (
            "content/functions/collections/apply.md",
            "---\ntitle: collections.Apply\n---\ncollections.Apply works on collections of values.\n",
        ),
        (
            "content/functions/collections/complement.md",
            "---\ntitle: collections.Complement\n---\ncollections.Complement works on collections of values.\n",
        ),
        (
            "content/functions/collections/delimit.md",
            "---\ntitle: collections.Delimit\n---\ncollections.Delimit works on collections of values.\n",
        ),
        (
            "content/functions/collections/dictionary.md",
            "---\ntitle: collections.Dictionary\n---\ncollections.Dictionary works on collections of values.\n",
        ),
        (
            "content/functions/collections/first.md",
            "---\ntitle: collections.First\n---\ncollections.First works on collections of values.\n",
        ),
        (
            "content/functions/collections/group.md",
            "---\ntitle: collections.Group\n---\ncollections.Group works on collections of values.\n",
        ),
        (
            "content/functions/collections/index.md",
            "---\ntitle: collections.Index\n---\ncollections.Index works on collections of values.\n",
        ),
        (
            "content/functions/collections/intersect.md",
            "---\ntitle: collections.Intersect\n---\ncollections.Intersect works on collections of values.\n",
        ),
        (
            "content/functions/collections/last.md",
            "---\ntitle: collections.Last\n---\ncollections.Last works on collections of values.\n",
        ),
        (
            "content/functions/collections/querify.md",
            "---\ntitle: collections.Querify\n---\ncollections.Querify works on collections of values.\n",
        ),
        (
            "content/functions/collections/reverse.md",
            "---\ntitle: collections.Reverse\n---\ncollections.Reverse works on collections of values.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let index = helpsite::pipeline::index_site(site.path()).expect("index");
    let mut analyzer =
        helpsite::search::analyze::analyzer(helpsite::search::analyze::language("en"));
    // Without the rule, the section's page is not among the first ten.
    let parsed = helpsite::search::parse_query("collections", "en", None, None);
    let ranked = helpsite::search::query::rank(
        &index,
        &parsed,
        &helpsite::search::query::candidates(&index, &parsed),
    );
    let mut pages: Vec<u32> = ranked
        .iter()
        .map(|r| index.docs[r.0 as usize].article)
        .collect();
    pages.dedup();
    let section = index
        .docs
        .iter()
        .find(|d| d.url == "/functions/collections/")
        .expect("the section's page is a document")
        .article;
    let at = pages.iter().position(|&p| p == section).expect("ranked");
    assert!(
        at >= 10,
        "ranked {at}: the fixture no longer tests the rule"
    );
    let hits = helpsite::search::query::search(&index, &parsed, 10, &mut analyzer);
    assert_eq!(hits.len(), 10);
    assert_eq!(hits[0].url, "/functions/collections/");
    let expected = [
        ("collections", hits.iter().map(|h| h.url.as_str()).collect()),
        // A page that does not have every word is not pulled up.
        (
            "collections reverse",
            vec!["/functions/collections/reverse/"],
        ),
    ];
    finds_in_terminal_and_browser(&site, &expected);
}

#[test]
fn a_misspelt_rare_title_word_finds_its_article() {
    let site = Site::new(&[
        (
            "content/reference/numeric-fields.md",
            "---\ntitle: Numeric fields\n---\nStore numbers as integers or floats.\n",
        ),
        (
            "content/reference/discover.md",
            "---\ntitle: Discover your data\n---\nExplore the documents of an index.\n",
        ),
        (
            "content/operations/restore.md",
            "---\ntitle: Restore a snapshot\n---\nBring a cluster back from a copy.\n",
        ),
        (
            "content/operations/all.md",
            "---\ntitle: All settings\n---\nEvery option in one list.\n\n## Cluster-wide configurations\n\nApply to every node.\n",
        ),
        (
            "content/operations/other.md",
            "---\ntitle: Setup\n---\nInstall the cluster first; set up nodes next in the admin area.\n",
        ),
        (
            "content/reference/array.md",
            "---\ntitle: Array\n---\nA list of values.\n",
        ),
        // Stemmed whole ("interval"), while its misspelling stems short ("intrev").
        (
            "content/reference/interval.md",
            "---\ntitle: Interval\n---\nA range of numbers.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    // Each is one edit from a title word but two or more from its stem
    // ("numer", "discov", "restor", "set"), so none found anything before.
    let expected = [
        ("numeirc", vec!["/reference/numeric-fields/"]),
        ("dscover", vec!["/reference/discover/"]),
        ("rwstore", vec!["/operations/restore/"]),
        // A stem of eight letters or more may have two edits; a heading's word counts.
        (
            "confgiruations",
            vec!["/operations/all/#cluster-wide-configurations"],
        ),
        ("numeirc fields", vec!["/reference/numeric-fields/"]),
        // Typed, "areay" starts with the stem "area", and is one edit from "array".
        ("areay", vec!["/reference/array/", "/operations/other/"]),
        ("intreval", vec!["/reference/interval/"]),
        // Two edits of a written word of eight letters, whose stem ("set") is short.
        // ("Setup" says "set" in passing.)
        ("setitgns", vec!["/operations/all/", "/operations/other/"]),
    ];
    finds_in_terminal_and_browser(&site, &expected);
    let settings = urls(&search_json(site.path(), "settigs", &[]));
    assert_eq!(
        settings.first().map(String::as_str),
        Some("/operations/all/"),
        "{settings:?}"
    );
}

#[test]
fn excerpts_cut_the_same_text_in_the_terminal_and_the_browser() {
    // Characters of two and three UTF-8 bytes (one UTF-16 unit) and of four
    // (two units) before and after the match: a window counted in bytes
    // ended elsewhere than the browser's, counted in UTF-16 units.
    let before = "café résumé naïve ".repeat(12);
    let after = "déjà vu 😀 encore ".repeat(20);
    let spaced = format!(
        "{}plain words {} and more",
        "word ".repeat(40),
        "x".repeat(3)
    );
    let site = Site::new(&[
        (
            "content/a/accents.md",
            &format!("---\ntitle: Accents\n---\n{before} the zebrafish answer {after}\n"),
        ),
        (
            "content/a/ascii.md",
            &format!(
                "---\ntitle: Spaces\n---\n{} quokka {spaced}\n",
                "lorem ipsum ".repeat(8)
            ),
        ),
    ]);
    site.build(&[]).assert_ok();
    finds_in_terminal_and_browser(
        &site,
        &[
            ("zebrafish", vec!["/a/accents/"]),
            ("quokka", vec!["/a/ascii/"]),
        ],
    );
}

#[test]
fn words_a_page_says_in_different_sections_find_it() {
    let site = Site::new(&[
        (
            "content/guides/maintenance.md",
            "---\ntitle: Cluster maintenance\n---\nKeep the cluster healthy.\n\n## Backups\n\nTake a snapshot with the zephyr tool.\n\n## Upgrades\n\nRoll the quokka nodes one by one.\n\n## Monitoring\n\nWatch the marmalade dashboard.\n",
        ),
        // Two of the three words in one section, not the third.
        (
            "content/guides/dashboards.md",
            "---\ntitle: Dashboards\n---\nThe zephyr tool and the quokka agent both report here.\n",
        ),
        // All three in one section.
        (
            "content/guides/tools.md",
            "---\ntitle: Tools\n---\nAn overview.\n\n## Zephyr\n\nThe zephyr tool restarts quokka nodes and feeds the marmalade board.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    // Every word in one section first, then the page that says them in three
    // sections (led by its best, with the others below it); not the page
    // that lacks one of them.
    let expected = [(
        "zephyr quokka marmalade",
        vec!["/guides/tools/#zephyr", "/guides/maintenance/#monitoring"],
    )];
    finds_in_terminal_and_browser(&site, &expected);
    let got = search_json(site.path(), "zephyr quokka marmalade", &[]);
    let below: Vec<&str> = got[1]["sections"]
        .as_array()
        .map(|s| s.iter().filter_map(|x| x["url"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        below,
        [
            "/guides/maintenance/#backups",
            "/guides/maintenance/#upgrades"
        ],
        "{got}"
    );
    // Two words that three pages have: those that say them together first,
    // then the page that says them apart.
    assert_eq!(
        urls(&search_json(site.path(), "zephyr quokka ", &[])),
        [
            "/guides/tools/#zephyr",
            "/guides/dashboards/",
            "/guides/maintenance/#backups"
        ]
    );
    // A page missing a word comes only when it scores more than every page
    // having them all: "Dashboards", which says two of the three in passing,
    // stays out; a page whose title says two comes, after the section that
    // says all three together and before the page that says them apart.
    site.write(
        "content/guides/zephyr-and-quokka.md",
        "---\ntitle: Zephyr and quokka\n---\nHow the two fit together.\n",
    );
    site.build(&[]).assert_ok();
    let expected = [(
        "zephyr quokka marmalade",
        vec![
            "/guides/tools/#zephyr",
            "/guides/zephyr-and-quokka/",
            "/guides/maintenance/#monitoring",
        ],
    )];
    finds_in_terminal_and_browser(&site, &expected);
}

#[test]
fn a_title_of_stop_words_is_found_by_its_name_and_its_misspellings() {
    let site = Site::new(&[
        (
            "content/about.md",
            "---\ntitle: About\n---\nWho writes these pages, and why.\n",
        ),
        (
            "content/guides/start.md",
            "---\ntitle: Getting started\n---\nHow to begin: read about the basics first.\n",
        ),
        // Its one long word is a stop word too.
        (
            "content/guides/wombats.md",
            "---\ntitle: About wombats\n---\nShort legs.\n",
        ),
        // Short stop words of titles stay out ("how", "to").
        (
            "content/guides/howto.md",
            "---\ntitle: How to dig\n---\nWith a spade.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let expected = [
        ("About", vec!["/about/", "/guides/wombats/"]),
        ("abeut", vec!["/about/", "/guides/wombats/"]),
        ("abuot", vec!["/about/", "/guides/wombats/"]),
        // Finished, a stop word is no query.
        ("about ", vec![]),
        // After another word, it is left out.
        ("wombats about", vec!["/guides/wombats/"]),
        ("how", vec![]),
    ];
    finds_in_terminal_and_browser(&site, &expected);
}

#[test]
fn the_browser_script_declares_the_engines_limits_as_rust_does() {
    // search.js repeats these limits; a change on one side only would make
    // the two engines rank differently on long queries.
    let js = std::fs::read_to_string(repo_root().join("themes/default/static/search.js"))
        .expect("search.js");
    use helpsite::search::{analyze, query};
    for (name, value) in [
        ("MAX_WORDS", query::MAX_WORDS),
        ("MAX_PREFIX", query::MAX_PREFIX_EXPANSIONS),
        ("MAX_TYPO", query::MAX_TYPO_EXPANSIONS),
        ("MAX_SUB", query::MAX_SUB_RESULTS),
        ("SECTION_LOOKAHEAD", query::SECTION_LOOKAHEAD),
        ("MAX_TOKEN_BYTES", analyze::MAX_TOKEN_BYTES),
    ] {
        assert!(
            js.contains(&format!("{name} = {value}")),
            "search.js: {name} = {value}"
        );
    }
    // And uses them, not the numbers.
    assert!(
        !js.contains(">= 40") && !js.contains("< 40)"),
        "a literal token limit is left"
    );
}

#[test]
fn a_whole_word_is_not_widened_to_shorter_stems_it_starts_with() {
    // "configure" is a word of its own (stem "configur"); it is not on its way
    // past "config", so a page titled "Config" does not outrank one titled
    // with the word itself. A word past every stem it could have
    // ("configura") still finds the stems it starts with.
    let site = Site::new(&[
        (
            "content/config.md",
            "---\ntitle: Config\n---\n\nThe config object and its fields.\n",
        ),
        (
            "content/configure-store.md",
            "---\ntitle: Configure the store\n---\n\nSet the currency and the tax rules.\n",
        ),
    ]);
    let out = built(&site);
    let expected = language_queries(&site, "en", &["configure", "configura", "config"]);
    let first = |q: &str| {
        let e = expected.iter().find(|e| e["q"] == q).expect("asked");
        e["urls"][0]
            .as_str()
            .unwrap_or("")
            .split(" > ")
            .next()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(first("configure"), "/configure-store/");
    let configura = &expected
        .iter()
        .find(|e| e["q"] == "configura")
        .expect("asked")["urls"];
    assert!(
        configura.as_array().is_some_and(|u| u.len() == 2),
        "both stems it starts with count: {configura}"
    );
    assert_eq!(first("config"), "/config/");
    browser_agrees(site.path(), &out, &expected);
}

#[test]
fn swapped_letters_and_slips_at_the_first_letter_find_title_words() {
    let site = Site::new(&[
        (
            "content/ops/nodes.md",
            "---\ntitle: Cluster nodes\n---\nAdd nodes to a cluster.\n\n## Removing a node\n\nDrain it first.\n",
        ),
        (
            "content/ops/snapshots.md",
            "---\ntitle: Snapshots\n---\nRestore a snapshot to another cluster.\n",
        ),
        (
            "content/ops/used.md",
            "---\ntitle: Disk used\n---\nWhat fills the disk.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    finds_in_terminal_and_browser(
        &site,
        &[
            // "noeds" stems to "no": the word as typed is compared.
            ("noeds", vec!["/ops/nodes/"]),
            ("noeds ", vec!["/ops/nodes/"]),
            // The first two letters swapped, or a letter typed before the word.
            ("lcuster", vec!["/ops/nodes/", "/ops/snapshots/"]),
            ("ondes", vec!["/ops/nodes/"]),
            ("xnodes", vec!["/ops/nodes/"]),
            ("nsapshots", vec!["/ops/snapshots/"]),
            ("removing a ndoe", vec!["/ops/nodes/#removing-a-node"]),
            ("usde", vec!["/ops/used/"]),
            ("sued ", vec!["/ops/used/"]),
        ],
    );
}

/// Every word of `text` of four letters or more (lower-cased).
fn long_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// Each typo a hand makes of `word`: every pair of neighbouring letters
/// swapped, and one letter dropped, doubled or replaced by its neighbour on
/// the keyboard's row, anywhere but the first letter; and the first two swapped.
fn slips(word: &str) -> Vec<String> {
    const ROW: &str = "qwertyuiopasdfghjklzxcvbnm";
    let cs: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    for i in 0..cs.len() - 1 {
        let mut t = cs.clone();
        t.swap(i, i + 1);
        out.push(t.into_iter().collect());
    }
    for i in 1..cs.len() {
        let mut dropped = cs.clone();
        dropped.remove(i);
        out.push(dropped.into_iter().collect());
        let mut doubled = cs.clone();
        doubled.insert(i, cs[i]);
        out.push(doubled.into_iter().collect());
        if let Some(at) = ROW.find(cs[i]) {
            let mut replaced = cs.clone();
            replaced[i] = ROW.chars().nth((at + 1) % ROW.len()).unwrap_or('a');
            out.push(replaced.into_iter().collect());
        }
    }
    out.retain(|t: &String| t != word);
    out.sort();
    out.dedup();
    out
}

#[test]
fn no_one_slip_of_a_title_or_heading_word_finds_nothing() {
    // The bundled site's English titles and headings, every slip of every
    // word, in the terminal and the browser alike.
    let root = repo_root();
    let index = helpsite::pipeline::index_site(&root).expect("index");
    let mut words: Vec<String> = index
        .docs
        .iter()
        .flat_map(|d| {
            long_words(&d.title)
                .into_iter()
                .chain(long_words(&d.heading))
        })
        .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
        .collect();
    words.sort();
    words.dedup();
    assert!(words.len() > 80, "{}", words.len());
    let mut analyzer =
        helpsite::search::analyze::analyzer(helpsite::search::analyze::language("en"));
    let mut nothing = Vec::new();
    let mut browser = Vec::new();
    let mut tried = 0;
    for w in &words {
        // A stop word ("which", "your") finds nothing spelt right either.
        if helpsite::search::parse_query(&format!("{w} "), "en", None, None)
            .words
            .is_empty()
        {
            continue;
        }
        for typo in slips(w) {
            let q = helpsite::search::parse_query(&format!("{typo} "), "en", None, None);
            if q.words.is_empty() {
                continue; // a stop word ("ofr" is not one; "hte" is no word of these)
            }
            let hits = helpsite::search::query::search(&index, &q, 3, &mut analyzer);
            if hits.is_empty() {
                nothing.push(format!("{typo} ({w})"));
            }
            // Every third for the browser (all of them agreed once, in 11 s).
            tried += 1;
            if tried % 3 == 0 {
                browser.push(serde_json::json!({ "q": format!("{typo} "), "urls": shown(&hits), "landing": crate::common::landing(&hits), "limit": 3 }));
            }
        }
    }
    assert!(
        nothing.is_empty(),
        "{} slips find nothing: {nothing:?}",
        nothing.len()
    );
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("public");
    helpsite(&[
        "build",
        "--site",
        root.to_str().expect("utf-8"),
        "--output",
        out.to_str().expect("utf-8"),
    ])
    .assert_ok();
    browser_agrees(dir.path(), &out, &browser);
}

#[test]
fn a_question_in_each_language_finds_the_heading_that_states_it() {
    // (language, the answer's title and heading, a page that says the
    // question's words about something else, the question, its content stems)
    type Case<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a [&'a str]);
    let cases: [Case; 6] = [
        (
            "en",
            "Payments",
            "Payment declined",
            "Why and when? How can I see what a payment is? What does it do?",
            "Why does my payment get declined?",
            &["payment", "get", "declin"],
        ),
        (
            "de",
            "Zahlungen",
            "Zahlung abgelehnt",
            "Warum und wann? Wieso? Wie kann ich sehen, was eine Zahlung ist? Bitte, danke.",
            "Warum wird meine Zahlung abgelehnt?",
            &["zahlung", "abgelehnt"],
        ),
        (
            "fr",
            "Paiements",
            "Paiement refusé",
            "Pourquoi et quand ? Comment puis-je voir ce qu'est un paiement ? Où est-il ? Merci.",
            "Pourquoi mon paiement est refusé ?",
            &["pai", "refus"],
        ),
        (
            "es",
            "Pagos",
            "Pago rechazado",
            "¿Cómo y cuándo? ¿Dónde puedo ver qué es un pago? ¿Cuál? Gracias.",
            "¿Cómo puedo saber por qué mi pago fue rechazado?",
            &["sab", "pag", "rechaz"],
        ),
        (
            "pt",
            "Pagamentos",
            "Pagamento recusado",
            "Onde e quando? Como posso ver o que é um pagamento? Qual? Obrigado.",
            "Onde posso ver por que o pagamento é recusado?",
            &["ver", "pagament", "recus"],
        ),
        (
            "ru",
            "Платежи",
            "Платёж отклонён",
            "Почему и зачем? Что такое платёж? Сколько? Спасибо, пожалуйста.",
            "Почему мой платёж отклонён?",
            &["платеж", "отклон"],
        ),
    ];
    for (language, title, heading, decoy, question, stems) in cases {
        let site = Site::new(&[
            (
                "helpsite.yaml",
                &format!("title: Help\nbase_url: https://example.com/\nlanguage: {language}\n"),
            ),
            (
                "content/billing/payments.md",
                &format!("---\ntitle: {title}\n---\n{title}.\n\n## {heading}\n\n{heading}.\n"),
            ),
            (
                "content/billing/about.md",
                &format!("---\ntitle: FAQ\n---\n{decoy}\n"),
            ),
        ]);
        site.build(&[]).assert_ok();
        let expected = language_queries(&site, language, &[question]);
        assert_eq!(expected[0]["stems"], serde_json::json!(stems), "{language}");
        let top = expected[0]["urls"][0].as_str().unwrap_or("");
        assert!(
            top.starts_with("/billing/payments/#"),
            "{language}: {question} → {top}"
        );
        browser_agrees(site.path(), &site.out(), &expected);
    }
}

#[test]
fn a_result_shows_and_links_the_passage_that_answers_not_the_first_mention() {
    let site = Site::new(&[
        (
            "content/ops/snapshots.md",
            "---\ntitle: Snapshots\n---\nSnapshots are copies of your cluster's data.\n\n## Restoring\n\nA snapshot is taken every day at midnight.\n\nOld snapshots are kept for thirty days, then another cluster may reuse the space.\n\n- To restore a snapshot to another cluster, register the same repository there first, then run the restore.\n- Restores stop writes for a minute.\n\n| setting | meaning |\n|---|---|\n| retention | how long snapshots stay |\n",
        ),
        (
            "content/ops/clusters.md",
            "---\ntitle: Clusters\n---\nA cluster is a group of nodes.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let hits = search_json(
        site.path(),
        "how do I restore a snapshot to another cluster?",
        &[],
    );
    let top = &hits[0];
    assert_eq!(top["url"], "/ops/snapshots/#restoring");
    assert_eq!(
        top["link"],
        "/ops/snapshots/#restoring:~:text=To%20restore%20a%20snapshot,then%20run%20the%20restore."
    );
    let excerpt = top["excerpt"].as_str().unwrap_or_default();
    assert!(
        excerpt.starts_with("To <mark>restore</mark> a <mark>snapshot</mark> to <mark>another</mark> <mark>cluster</mark>"),
        "{excerpt}"
    );
    assert_eq!(top["answer"], true);
    // A table row is a passage too; one word is no answer.
    let hits = search_json(site.path(), "retention", &[]);
    assert_eq!(
        hits[0]["link"],
        "/ops/snapshots/#restoring:~:text=retention%20how%20long%20snapshots%20stay"
    );
    assert_eq!(hits[0]["answer"], false);
    // A page found by its title alone shows its start and links to the page.
    let hits = search_json(site.path(), "clusters", &[]);
    assert_eq!(hits[0]["url"], "/ops/clusters/");
    // The terminal prints the link and says which is the answer.
    let run = helpsite(&[
        "search",
        "restore a snapshot to another cluster",
        "--site",
        site.path().to_str().expect("utf-8"),
    ]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains("1. Snapshots › Restoring\n   Answer:\n   /ops/snapshots/#restoring:~:text="),
        "{}",
        run.stdout
    );
    finds_in_terminal_and_browser(
        &site,
        &[
            (
                "how do I restore a snapshot to another cluster?",
                vec!["/ops/snapshots/#restoring"],
            ),
            ("retention", vec!["/ops/snapshots/#restoring"]),
            ("midnight snapshot", vec!["/ops/snapshots/#restoring"]),
        ],
    );
}
