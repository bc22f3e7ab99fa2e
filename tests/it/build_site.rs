//! Building real sites through the binary and the library, and checking the output.

use std::path::Path;

use crate::common::{Site, helpsite, links, repo_root, snapshot};

/// Checks that every internal link and asset in every HTML page of `out` names a
/// file that exists, with `base_path` in front.
fn assert_internal_links_resolve(out: &Path, base_path: &str) {
    let mut checked = 0;
    for e in walkdir::WalkDir::new(out).into_iter().flatten() {
        if e.path().extension().and_then(|x| x.to_str()) != Some("html") {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).expect("read page");
        for link in links(&html) {
            if link.starts_with("http") || link.starts_with("mailto:") || link.starts_with('#') {
                continue;
            }
            assert!(
                link.starts_with(base_path),
                "{}: link {link} does not start with the base path {base_path}",
                e.path().display()
            );
            let path = link[base_path.len()..]
                .split(['#', '?'])
                .next()
                .unwrap_or("");
            let decoded = percent_decode(path);
            let target = out.join(&decoded);
            let exists = if decoded.is_empty() || decoded.ends_with('/') {
                target.join("index.html").is_file()
            } else {
                target.is_file()
            };
            assert!(
                exists,
                "{}: link {link} points to nothing",
                e.path().display()
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

fn build_bundled(extra: &[&str]) -> (tempfile::TempDir, crate::common::Run) {
    let out = tempfile::tempdir().expect("temp");
    let target = out.path().join("site");
    let root = repo_root();
    let mut args = vec![
        "build",
        "--site",
        root.to_str().expect("utf-8"),
        "--output",
        target.to_str().expect("utf-8"),
    ];
    args.extend_from_slice(extra);
    let run = helpsite(&args);
    (out, run)
}

#[test]
fn bundled_site_builds_every_page_kind() {
    let (out, run) = build_bundled(&[]);
    run.assert_ok();
    assert!(
        run.stdout.contains("Built "),
        "summary line: {}",
        run.stdout
    );
    let site = out.path().join("site");
    for page in [
        "index.html",
        "404.html",
        "getting-help/index.html",
        "getting-help/contact-technical-support/index.html",
        "getting-help/faq/index.html",
        "addons/seo-toolkit/how-it-works/index.html",
        "addons/one-click-checkout/faq/index.html",
        "tags/index.html",
        "tags/sla/index.html",
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        "style.css",
        "syntax-light.css",
        "syntax-dark.css",
        "addons/one-click-checkout/images/checkout-flow.svg",
        "contact/index.html",
        "support/contact.html",
    ] {
        assert!(site.join(page).is_file(), "missing {page}");
    }
    // The search page offers the way to ask when search does not answer.
    let search = std::fs::read_to_string(site.join("search/index.html")).expect("search page");
    assert!(
        search.contains("class=\"contact-box\"") && search.contains("href=\"/support/channels/\""),
        "{search}"
    );
    // Drafts are left out unless asked for.
    assert!(!site.join("addons/seo-toolkit/legacy-settings").exists());
    assert_internal_links_resolve(&site, "/");
}

#[test]
fn bundled_site_carries_the_seed_facts() {
    let (out, run) = build_bundled(&[]);
    run.assert_ok();
    let site = out.path().join("site");
    let read = |p: &str| std::fs::read_to_string(site.join(p)).expect("page");
    let all: String = [
        "getting-help/contact-technical-support/index.html",
        "getting-help/other-places/index.html",
        "getting-help/free-consultation/index.html",
        "getting-help/report-a-bug/index.html",
        "getting-help/share-store-access/index.html",
        "getting-help/help-desk-account/index.html",
    ]
    .iter()
    .map(|p| read(p))
    .collect();
    for fact in [
        "https://helpdesk.cs-cart.com/",
        "Forgot the password?",
        "Access information",
        "Add record",
        "Monday to Friday",
        "UTC+04:00",
        "09:00–18:00",
        "3–5 business days",
        "3–5 days",
        "backlog",
        "https://marketplace.cs-cart.com/index.php?dispatch=companies.products&amp;company_id=119",
        "http://forum.cs-cart.com/",
        "https://www.youtube.com/@cscartadd-ons",
        "cart-addons@cscart.com",
        "SSH or SFTP",
    ] {
        assert!(all.contains(fact), "bundled content lacks {fact:?}");
    }
}

#[test]
fn markdown_features_render() {
    let (out, run) = build_bundled(&[]);
    run.assert_ok();
    let site = out.path().join("site");
    let read = |p: &str| std::fs::read_to_string(site.join(p)).expect("page");

    let contact = read("getting-help/contact-technical-support/index.html");
    assert!(
        contact.contains("class=\"callout callout-caution\""),
        "GFM alert as callout"
    );
    assert!(
        contact.contains("<h2 id=\"open-help-desk\">"),
        "custom heading id"
    );
    assert!(contact.contains("class=\"toc\""), "table of contents");
    assert!(
        contact.contains("href=\"/getting-help/help-desk-account/#reset-your-password\""),
        "md link resolved"
    );
    assert!(
        contact.contains("<time datetime=\"2026-11-20\">20 November 2026</time>"),
        "updated date"
    );
    assert!(contact.contains("rel=\"next\""), "previous/next links");

    let how = read("addons/seo-toolkit/how-it-works/index.html");
    for lang in ["bash", "sql", "json", "php"] {
        assert!(
            how.contains(&format!("data-lang=\"{lang}\"")),
            "{lang} code block"
        );
    }
    assert!(how.contains("<span class=\"l"), "highlighting classes");
    assert!(how.contains("href=\"/tags/seo/\""), "tag link");

    let describe = read("getting-help/describe-your-issue/index.html");
    assert!(describe.contains("<table>"), "table");
    assert!(describe.contains("type=\"checkbox\""), "task list");
    let times = read("getting-help/response-times/index.html");
    assert!(times.contains("footnote-definition"), "footnote");
    assert!(times.contains("3–5"), "smart punctuation keeps en dash");

    let checkout = read("addons/one-click-checkout/how-it-works/index.html");
    assert!(
        checkout.contains("src=\"/addons/one-click-checkout/images/checkout-flow.svg\""),
        "image link kept working"
    );
}

#[test]
fn faq_articles_have_anchored_questions_and_jsonld() {
    let (out, run) = build_bundled(&[]);
    run.assert_ok();
    let faq =
        std::fs::read_to_string(out.path().join("site/getting-help/faq/index.html")).expect("faq");
    assert!(
        faq.contains("<h2 id=\"when-are-you-open\" class=\"faq-question\">"),
        "{faq}"
    );
    let start = faq
        .find("<script type=\"application/ld+json\">")
        .expect("json-ld")
        + 35;
    let end = faq[start..].find("</script>").expect("end") + start;
    let v: serde_json::Value = serde_json::from_str(&faq[start..end]).expect("valid JSON-LD");
    assert_eq!(v["@type"], "FAQPage");
    let questions = v["mainEntity"].as_array().expect("questions");
    assert_eq!(questions.len(), 6);
    assert_eq!(questions[1]["name"], "When are you open?");
    assert!(
        questions[1]["acceptedAnswer"]["text"]
            .as_str()
            .expect("text")
            .contains("UTC+04:00")
    );
    assert!(
        questions[1]["url"]
            .as_str()
            .expect("url")
            .ends_with("/getting-help/faq/#when-are-you-open")
    );
}

#[test]
fn sub_path_base_url_is_honoured_everywhere() {
    let (out, run) = build_bundled(&["--base-url", "https://example.com/help/"]);
    run.assert_ok();
    let site = out.path().join("site");
    assert_internal_links_resolve(&site, "/help/");
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains("<loc>https://example.com/help/getting-help/faq/</loc>"));
    let feed = std::fs::read_to_string(site.join("atom.xml")).expect("feed");
    assert!(feed.contains("https://example.com/help/getting-help/contact-technical-support/"));
    let redirect = std::fs::read_to_string(site.join("contact/index.html")).expect("alias");
    assert!(redirect.contains("url=/help/getting-help/contact-technical-support/"));
}

#[test]
fn drafts_are_built_on_request() {
    let (out, run) = build_bundled(&["--drafts"]);
    run.assert_ok();
    assert!(
        out.path()
            .join("site/addons/seo-toolkit/legacy-settings/index.html")
            .is_file()
    );
}

#[test]
fn feed_lists_newest_first_and_sitemap_has_lastmod() {
    let (out, run) = build_bundled(&[]);
    run.assert_ok();
    let feed = std::fs::read_to_string(out.path().join("site/atom.xml")).expect("feed");
    let first = feed.find("<entry>").expect("entry");
    assert!(feed[first..].contains("2026-11-20"), "newest entry first");
    let sitemap = std::fs::read_to_string(out.path().join("site/sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains("<lastmod>2026-11-20</lastmod>"));
    let robots = std::fs::read_to_string(out.path().join("site/robots.txt")).expect("robots");
    assert!(robots.contains("Sitemap: https://support.example.com/sitemap.xml"));
}

#[test]
fn library_builds_the_same_site() {
    let out = tempfile::tempdir().expect("temp");
    let summary = helpsite::build(&helpsite::BuildOptions {
        site_dir: repo_root(),
        output_dir: Some(out.path().join("lib")),
        ..Default::default()
    })
    .expect("bundled site builds");
    // English and its Russian translation.
    assert_eq!(summary.languages, 2);
    assert_eq!(summary.articles, 13 + 13);
    assert_eq!(summary.sections, 5 + 5);
    assert!(
        out.path()
            .join("lib/ru/getting-help/faq/index.html")
            .is_file()
    );
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    assert!(out.path().join("lib/getting-help/faq/index.html").is_file());
}

#[test]
fn the_page_count_is_every_html_page_the_build_writes() {
    // The count comes from the declared outputs (pipeline/plan.rs): every
    // HTML page in the output is one of them, except alias redirects.
    let out = tempfile::tempdir().expect("temp");
    let summary = helpsite::build(&helpsite::BuildOptions {
        site_dir: repo_root(),
        output_dir: Some(out.path().join("site")),
        ..Default::default()
    })
    .expect("bundled site builds");
    let pages = walkdir::WalkDir::new(out.path().join("site"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".html"))
        .filter(|e| {
            let html = std::fs::read_to_string(e.path()).unwrap_or_default();
            !html.contains("http-equiv=\"refresh\"")
        })
        .count();
    assert_eq!(summary.pages, pages);
    // Tags, search and the three support pages are among them.
    for page in [
        "tags/index.html",
        "search/index.html",
        "support/hours/index.html",
        "404.html",
    ] {
        assert!(out.path().join("site").join(page).is_file(), "{page}");
    }
}

#[test]
fn packed_article_html_builds_the_same_pages() {
    // Large sites keep article HTML deflated between markdown and pages
    // (pipeline::PACK_HTML_ABOVE); the pages must come out byte for byte the same.
    let out = tempfile::tempdir().expect("temp");
    let build = |name: &str, pack: bool| {
        helpsite::build(&helpsite::BuildOptions {
            site_dir: repo_root(),
            output_dir: Some(out.path().join(name)),
            pack_html: Some(pack),
            ..Default::default()
        })
        .expect("bundled site builds");
        snapshot(&out.path().join(name))
    };
    let packed = build("packed", true);
    let plain = build("plain", false);
    assert!(packed.len() > 50);
    assert_eq!(
        packed.keys().collect::<Vec<_>>(),
        plain.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &packed {
        assert!(bytes == &plain[path], "{} differs", path.display());
    }
    // Code blocks, FAQ answers and non-ASCII text came through.
    let faq = String::from_utf8_lossy(&packed[Path::new("getting-help/faq/index.html")]);
    assert!(faq.contains("faq-question") && faq.contains("’"));
}

#[test]
fn ordering_is_by_weight_then_title() {
    let site = Site::new(&[
        ("content/s/zeta.md", "---\ntitle: Zeta\nweight: 1\n---\n"),
        ("content/s/alpha.md", "---\ntitle: Alpha\n---\n"),
        ("content/s/beta.md", "---\ntitle: beta\n---\n"),
        ("content/s/gamma.md", "---\ntitle: Gamma\nweight: 2\n---\n"),
    ]);
    site.build(&[]).assert_ok();
    let section = site.read_out("s/index.html");
    let pos = |t: &str| {
        section
            .find(&format!(">{t}</a>"))
            .unwrap_or_else(|| panic!("{t} listed"))
    };
    assert!(pos("Zeta") < pos("Gamma"));
    assert!(pos("Gamma") < pos("Alpha"));
    assert!(pos("Alpha") < pos("beta"));
}

#[test]
fn site_templates_override_the_theme() {
    let site = Site::new(&[
        ("content/a.md", "---\ntitle: A\n---\nBody\n"),
        (
            "templates/article.html",
            "<p id=\"custom\">{{ page.title }}</p>{{ page.content | safe }}",
        ),
    ]);
    site.build(&[]).assert_ok();
    let page = site.read_out("a/index.html");
    assert!(page.starts_with("<p id=\"custom\">A</p>"), "{page}");
}

#[test]
fn unknown_code_language_is_a_warning_not_an_error() {
    let site = Site::new(&[(
        "content/a.md",
        "---\ntitle: A\n---\n\n```klingon\nqapla'\n```\n",
    )]);
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        run.stderr.contains("content/a.md:5:1: warning:"),
        "{}",
        run.stderr
    );
    assert!(site.read_out("a/index.html").contains("qapla"));
}

#[test]
fn titles_and_text_are_escaped() {
    let site = Site::new(&[(
        "content/a.md",
        "---\ntitle: \"<script>alert(1)</script> & co\"\ndescription: \"\\\"><img src=x onerror=alert(1)>\"\ntags: [\"<b>x</b>\"]\n---\nBody\n",
    )]);
    site.build(&[]).assert_ok();
    let page = site.read_out("a/index.html");
    assert!(!page.contains("<script>alert(1)"), "title escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    assert!(!page.contains("<img src=x"), "description escaped");
    assert!(!page.contains("<b>x</b>"), "tag escaped");
}

#[test]
fn a_tag_without_letters_does_not_shift_the_names_of_the_others() {
    let site = Site::new(&[(
        "content/refunds.md",
        "---\ntitle: Refunds\ntags: [\"!!!\", \" Billing \", Payments]\n---\nText\n",
    )]);
    site.build(&[]).assert_ok();
    let billing = site.read_out("tags/billing/index.html");
    assert!(billing.contains("“Billing”"), "{billing}");
    assert!(billing.contains("Refunds"));
    let payments = site.read_out("tags/payments/index.html");
    assert!(payments.contains("“Payments”"), "{payments}");
}

#[test]
fn tricky_files_build() {
    let big: String = (0..3000)
        .map(|i| format!("## Part {i}\n\nSome text for part {i} with `code`.\n\n"))
        .collect();
    let nested = format!("{}deep\n", "> ".repeat(500));
    let list = (0..300)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect::<String>();
    let site = Site::new(&[
        ("content/bom.md", "\u{feff}---\ntitle: BOM\n---\nText\n"),
        (
            "content/crlf.md",
            "---\r\ntitle: CRLF\r\ntags: [a]\r\n---\r\nLine one\r\n\r\n## Head\r\n",
        ),
        (
            "content/Über uns/mit Leerzeichen.md",
            "---\ntitle: Spaces\n---\n[bom](../bom.md)\n",
        ),
        ("content/big.md", &format!("---\ntitle: Big\n---\n{big}")),
        (
            "content/nested.md",
            &format!("---\ntitle: Nested\n---\n{nested}\n{list}"),
        ),
    ]);
    site.build(&[]).assert_ok();
    assert!(site.read_out("bom/index.html").contains("<h1>BOM</h1>"));
    assert!(site.read_out("crlf/index.html").contains("id=\"head\""));
    assert!(
        site.read_out("Uber-uns/mit-Leerzeichen/index.html")
            .contains("href=\"/bom/\"")
    );
    assert!(site.read_out("big/index.html").contains("id=\"part-2999\""));
    assert!(site.read_out("nested/index.html").contains("deep"));
}

#[cfg(unix)]
#[test]
fn symlink_loop_does_not_hang() {
    let site = Site::new(&[("content/a/page.md", "---\ntitle: Page\n---\n")]);
    std::os::unix::fs::symlink(
        site.path().join("content"),
        site.path().join("content/a/loop"),
    )
    .expect("symlink");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(run.stderr.contains("loop"), "{}", run.stderr);
    assert!(site.read_out("a/page/index.html").contains("Page"));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::new(&[
        ("content/a.md", "---\ntitle: A\n---\n[b](b.md)\n"),
        ("content/b.md", "---\ntitle: B\n---\n"),
    ]);
    site.build(&[]).assert_ok();
    let before = snapshot(&site.out());
    site.write("content/a.md", "---\ntitle: A\n---\n[b](missing.md)\n");
    site.build(&[]).assert_fails();
    assert_eq!(
        before,
        snapshot(&site.out()),
        "output changed by a failed build"
    );
    // No staging folders are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .expect("read")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let site = Site::new(&[
        ("content/a.md", "---\ntitle: A\n---\n"),
        ("public/precious.txt", "keep me"),
    ]);
    let run = site.build(&[]);
    run.assert_fails();
    assert!(run.stderr.contains("did not create"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(site.path().join("public/precious.txt")).expect("kept"),
        "keep me"
    );

    let run = site.build(&["--output", site.path().to_str().expect("utf-8")]);
    run.assert_fails();
    assert!(site.path().join("content/a.md").is_file());
    let content = site.path().join("content/out");
    let run = site.build(&["--output", content.to_str().expect("utf-8")]);
    run.assert_fails();
    assert!(!content.exists());
}

#[test]
fn rebuilding_replaces_the_output() {
    let site = Site::new(&[
        ("content/a.md", "---\ntitle: A\n---\n"),
        ("content/b.md", "---\ntitle: B\n---\n"),
    ]);
    site.build(&[]).assert_ok();
    assert!(site.out().join("b/index.html").is_file());
    std::fs::remove_file(site.path().join("content/b.md")).expect("rm");
    site.build(&[]).assert_ok();
    assert!(!site.out().join("b").exists(), "stale page removed");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(helpsite(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(helpsite(&["frobnicate"]).code, 2);
}

#[test]
fn a_moved_section_keeps_its_old_address() {
    let site = Site::new(&[
        (
            "content/billing/_index.md",
            "---\ntitle: Billing\naliases: [/payments/, /old/billing.html]\n---\nMoney.\n",
        ),
        (
            "content/billing/refunds.md",
            "---\ntitle: Refunds\n---\nText.\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    let redirect = site.read_out("payments/index.html");
    assert!(
        redirect.contains("http-equiv=\"refresh\"") && redirect.contains("/billing/"),
        "{redirect}"
    );
    assert!(site.read_out("old/billing.html").contains("/billing/"));
    let redirects = site.read_out("_redirects");
    assert!(
        redirects.contains("/payments/ /billing/ 301"),
        "{redirects}"
    );
    // A link through the old address is flagged by check, pointing to the page.
    site.write(
        "content/billing/refunds.md",
        "---\ntitle: Refunds\n---\nSee [payments](/payments/).\n",
    );
    let run = helpsite(&["check", "--site", site.path().to_str().expect("utf-8")]);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(
        said.contains("reaches “Billing” only through an alias")
            && said.contains("link to the section itself: _index.md"),
        "{said}"
    );

    // An alias outside the site, or on another page's URL, is an error that
    // names the file and line, and nothing is written.
    let bad = Site::new(&[
        (
            "content/billing/_index.md",
            "---\ntitle: Billing\ndescription: Money.\naliases: [../../etc/]\n---\n",
        ),
        (
            "content/billing/refunds.md",
            "---\ntitle: Refunds\n---\nText.\n",
        ),
    ]);
    bad.build(&[]).assert_error(
        "content/billing/_index.md:4",
        &["alias `../../etc/` is not a path inside the site"],
    );
    assert!(!bad.out().exists());
    let taken = Site::new(&[
        (
            "content/billing/_index.md",
            "---\ntitle: Billing\naliases: [/billing/refunds/]\n---\n",
        ),
        (
            "content/billing/refunds.md",
            "---\ntitle: Refunds\n---\nText.\n",
        ),
    ]);
    taken.build(&[]).assert_error(
        "content/billing/_index.md",
        &["alias /billing/refunds/ is already the URL of"],
    );
}

#[test]
fn the_default_themes_scripts_ship_without_comments_and_still_parse() {
    let (dir, run) = build_bundled(&[]);
    run.assert_ok();
    let out = dir.path().join("site");
    for name in ["search.js", "helpsite.js", "support.js", "feedback.js"] {
        let shipped = std::fs::read_to_string(out.join(name)).expect("a shipped script");
        let source = std::fs::read_to_string(repo_root().join("themes/default/static").join(name))
            .expect("its source");
        assert!(
            !shipped.lines().any(|l| l.trim_start().starts_with("//")),
            "{name} ships a comment line"
        );
        assert!(
            shipped.len() * 10 < source.len() * 9,
            "{name}: {} of {}",
            shipped.len(),
            source.len()
        );
        // Still a script a browser reads: node parses it.
        let check = std::process::Command::new("node")
            .arg("--check")
            .arg(out.join(name))
            .output()
            .expect("run node");
        assert!(
            check.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
    // A theme's own edited copy ships as written.
    let site = Site::new(&[
        ("content/a.md", "---\ntitle: A\n---\nText.\n"),
        (
            "themes/default/static/helpsite.js",
            "// Mine.\nconsole.log(1);\n",
        ),
    ]);
    site.build(&[]).assert_ok();
    assert_eq!(site.read_out("helpsite.js"), "// Mine.\nconsole.log(1);\n");
}
