//! Documentation written for GitHub or another generator builds as written:
//! GitHub's heading anchors, URLs that keep the file names, highlighting for
//! what documentation uses, and a broken-link policy for a site being moved.

use crate::common::Site;

fn ids(html: &str) -> Vec<String> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn heading_anchors_follow_github_and_links_written_for_github_resolve() {
    let site = Site::new(&[
        (
            "content/setup.md",
            "---\ntitle: Setup\n---\n\
             ## Sample docker-compose.yml\n\n## Built-in pre- and post-processing\n\n\
             ## Ubuntu 20.04\n\n## 退款政策\n\n## Notes\n\n## Notes\n\n## Notes\n\n\
             ## `helpsite build` options\n\n## Custom {#mine}\n",
        ),
        (
            "content/links.md",
            "---\ntitle: Links\n---\n\
             [a](setup.md#sample-docker-composeyml) [b](setup.md#built-in-pre--and-post-processing) \
             [c](setup.md#ubuntu-2004) [d](setup.md#退款政策) [e](setup.md#notes-2) \
             [f](setup.md#helpsite-build-options) [g](setup.md#mine)\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let html = site.read_out("setup/index.html");
    let ids = ids(&html);
    for id in [
        "sample-docker-composeyml",
        "built-in-pre--and-post-processing",
        "ubuntu-2004",
        "退款政策",
        "notes",
        "notes-1",
        "notes-2",
        "helpsite-build-options",
        "mine",
    ] {
        assert!(ids.iter().any(|i| i == id), "no #{id} in {ids:?}");
    }
    // The old names stay in the page, so links from elsewhere still land.
    for old in [
        "sample-docker-compose-yml",
        "ubuntu-20-04",
        "tui-kuan-zheng-ce",
    ] {
        assert!(ids.iter().any(|i| i == old), "old #{old} not kept: {ids:?}");
    }
    // The table of contents links to the new names.
    assert!(html.contains("href=\"#ubuntu-2004\""), "{html}");
}

#[test]
fn a_link_to_an_old_anchor_builds_and_names_the_new_one() {
    let site = Site::new(&[
        ("content/a.md", "---\ntitle: A\n---\n## Ubuntu 20.04\n"),
        (
            "content/b.md",
            "---\ntitle: B\n---\n\n[install](a.md#ubuntu-20-04)\n",
        ),
    ]);
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("content/b.md:5:1:")
                && l.contains("warning")
                && l.contains("#ubuntu-20-04")),
        "{}",
        run.stderr
    );
    run.assert_hint("link to #ubuntu-2004");
}

#[test]
fn an_anchor_in_the_wrong_case_is_an_error_that_names_the_right_one() {
    let site = Site::new(&[
        ("content/a.md", "---\ntitle: A\n---\n## Ubuntu 20.04\n"),
        (
            "content/b.md",
            "---\ntitle: B\n---\n\n[install](a.md#Ubuntu-2004)\n",
        ),
    ]);
    let run = site.build(&[]);
    run.assert_fails()
        .assert_error("content/b.md:5:1:", &["#Ubuntu-2004", "no such heading"])
        .assert_hint("did you mean #ubuntu-2004?");
    assert!(!site.out().exists(), "a failed build wrote output");
}

#[test]
fn ascii_anchors_are_one_setting_away() {
    let site = Site::new(&[
        ("helpsite.yaml", "title: T\nslugs:\n  anchors: ascii\n"),
        (
            "content/a.md",
            "---\ntitle: A\n---\n## Ubuntu 20.04\n\n## 退款政策\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let ids = ids(&site.read_out("a/index.html"));
    assert!(ids.contains(&"ubuntu-20-04".to_string()), "{ids:?}");
    assert!(ids.contains(&"tui-kuan-zheng-ce".to_string()), "{ids:?}");
    assert!(!ids.contains(&"ubuntu-2004".to_string()), "{ids:?}");
}

#[test]
fn urls_keep_the_file_names_dots_and_case() {
    let site = Site::new(&[
        (
            "content/Guides/playbook-solr-8.11-to-opensearch-3.md",
            "---\ntitle: Playbook\n---\nText.\n",
        ),
        (
            "content/start.md",
            "---\ntitle: Start\n---\n[the playbook](Guides/playbook-solr-8.11-to-opensearch-3.md)\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let page = site
        .out()
        .join("Guides/playbook-solr-8.11-to-opensearch-3/index.html");
    assert!(page.is_file(), "no {}", page.display());
    assert!(
        site.read_out("start/index.html")
            .contains("href=\"/Guides/playbook-solr-8.11-to-opensearch-3/\""),
    );
    let sitemap = site.read_out("sitemap.xml");
    assert!(
        sitemap.contains("https://example.com/Guides/playbook-solr-8.11-to-opensearch-3/"),
        "{sitemap}"
    );
}

#[test]
fn ascii_paths_are_one_setting_away() {
    let site = Site::new(&[
        ("helpsite.yaml", "title: T\nslugs: {paths: ascii}\n"),
        (
            "content/Guides/playbook-solr-8.11.md",
            "---\ntitle: Playbook\n---\nText.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    assert!(
        site.out()
            .join("guides/playbook-solr-8-11/index.html")
            .is_file()
    );
}

#[test]
fn urls_differing_only_in_case_are_refused() {
    let site = Site::new(&[
        ("content/FAQ.md", "---\ntitle: One\n---\n"),
        ("content/faq.md", "---\ntitle: Two\n---\n"),
    ]);
    site.build(&[])
        .assert_fails()
        .assert_error("content/", &["/faq/", "produced by both"])
        .assert_hint("differ only in case");
}

#[test]
fn a_bad_slugs_setting_is_located() {
    let site = Site::new(&[
        ("helpsite.yaml", "title: T\nslugs:\n  paths: lower\n"),
        ("content/a.md", "---\ntitle: A\n---\n"),
    ]);
    let run = site.build(&[]);
    run.assert_fails();
    assert!(
        run.stderr.contains("helpsite.yaml:3") && run.stderr.contains("lower"),
        "{}",
        run.stderr
    );
}

#[test]
fn languages_documentation_uses_are_highlighted() {
    let fences = [
        ("toml", "[server]\nport = 8080\n"),
        ("http", "GET /api/v1/items HTTP/1.1\nHost: example.com\n"),
        ("dockerfile", "FROM debian:12\nRUN apt-get update\n"),
        ("powershell", "Get-ChildItem -Path C:\\\n"),
        ("nginx", "server { listen 80; }\n"),
        ("tsx", "const a: number = <b>1</b>;\n"),
        ("hcl", "resource \"a\" \"b\" {}\n"),
    ];
    let body: String = fences
        .iter()
        .map(|(lang, code)| format!("```{lang}\n{code}```\n\n"))
        .collect();
    let site = Site::new(&[(
        "content/code.md",
        &format!("---\ntitle: Code\n---\n{body}```klingon\nqapla'\n```\n"),
    )]);
    let run = site.build(&[]);
    run.assert_ok();
    let html = site.read_out("code/index.html");
    let blocks: Vec<&str> = html.split("<pre").skip(1).collect();
    assert_eq!(blocks.len(), fences.len() + 1, "{html}");
    for (block, (lang, _)) in blocks.iter().zip(fences) {
        let block = block.split("</pre>").next().unwrap_or("");
        assert!(
            block.contains("<span class=\""),
            "{lang} not highlighted: {block}"
        );
    }
    // An unknown language is still shown as text, with a warning naming it.
    assert!(
        !blocks[fences.len()]
            .split("</pre>")
            .next()
            .unwrap_or("")
            .contains("<span")
    );
    assert!(run.stderr.contains("klingon"), "{}", run.stderr);
    for (lang, _) in fences {
        assert!(
            !run.stderr.contains(&format!("`{lang}`")),
            "{lang} warned: {}",
            run.stderr
        );
    }
}

#[test]
fn broken_links_can_be_warnings_while_a_site_is_moved() {
    let files = [
        (
            "content/a.md",
            "---\ntitle: A\n---\n\n[gone](missing.md) [nowhere](#nowhere)\n",
        ),
        ("content/b.md", "---\ntitle: B\n---\n"),
    ];
    // By default a broken link stops the build.
    let strict = Site::new(&files);
    strict
        .build(&[])
        .assert_fails()
        .assert_error("content/a.md:5:1:", &["missing.md"]);

    let mut moved = files.to_vec();
    moved.push(("helpsite.yaml", "title: T\nlinks:\n  broken: warning\n"));
    let site = Site::new(&moved);
    let run = site.build(&[]);
    run.assert_ok();
    for (at, what) in [
        ("content/a.md:5:1:", "missing.md"),
        ("content/a.md:5:", "#nowhere"),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with(at) && l.contains("warning") && l.contains(what)),
            "no warning for {what} at {at}:\n{}",
            run.stderr
        );
    }
    assert!(site.out().join("a/index.html").is_file());

    let bad = Site::new(&[
        ("helpsite.yaml", "title: T\nlinks:\n  broken: maybe\n"),
        ("content/b.md", "---\ntitle: B\n---\n"),
    ]);
    let run = bad.build(&[]);
    run.assert_fails();
    assert!(run.stderr.contains("helpsite.yaml:3"), "{}", run.stderr);
}

#[test]
fn links_to_definition_terms_land() {
    let site = Site::new(&[
        (
            "content/glossary.md",
            "---\ntitle: Glossary\n---\nPage bundle\n: A folder with its page.\n",
        ),
        (
            "content/guide.md",
            "---\ntitle: Guide\n---\nSee [bundles](glossary.md#page-bundle).\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    assert!(
        site.read_out("glossary/index.html")
            .contains("<dt id=\"page-bundle\">Page bundle</dt>")
    );
    site.write(
        "content/guide.md",
        "---\ntitle: Guide\n---\nSee [bundles](glossary.md#page-bundles).\n",
    );
    site.build(&[]).assert_fails().assert_hint("#page-bundle");
}

#[test]
fn text_fragments_are_not_anchors_to_check() {
    let site = Site::new(&[
        ("content/a.md", "---\ntitle: A\n---\nSome words here.\n"),
        (
            "content/b.md",
            "---\ntitle: B\n---\nSee [the words](a.md#:~:text=words%20here) and [this](#:~:text=See).\n",
        ),
    ]);
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("no such heading"), "{}", run.stderr);
    assert!(
        site.read_out("b/index.html")
            .contains("href=\"/a/#:~:text=words%20here\"")
    );
}
