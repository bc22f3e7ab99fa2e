//! `helpsite import`: small Hugo and Jekyll sites written for the test are
//! imported through the binary, and the result builds with no error, keeps
//! the old URLs, and reports what it could not convert; bad input is located
//! and nothing is ever written to the source.

use crate::common::{Site, helpsite, snapshot};

fn import(format: &str, src: &Site, dest: &std::path::Path) -> crate::common::Run {
    helpsite(&[
        "import",
        format,
        src.path().to_str().expect("utf-8"),
        dest.to_str().expect("utf-8"),
    ])
}

fn build(dir: &std::path::Path) -> crate::common::Run {
    helpsite(&["build", "--site", dir.to_str().expect("utf-8")])
}

fn read(p: std::path::PathBuf) -> String {
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A Hugo site with every layout its importer handles: tests/fixtures/import-hugo/.
fn hugo_site() -> Site {
    Site::fixture("import-hugo")
}

#[test]
fn a_hugo_site_imports_and_builds_at_its_old_urls() {
    let src = hugo_site();
    let before = snapshot(src.path());
    let out = tempfile::tempdir().expect("tmp");
    let dest = out.path().join("site");
    let run = import("hugo", &src, &dest);
    run.assert_ok();
    assert_eq!(snapshot(src.path()), before, "the source was written to");

    // The report counts what was converted and locates what was not.
    assert!(
        run.stdout
            .contains("`ref`/`relref` links → relative .md links"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("notes and notices → callouts"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains("content/Guides/Install-8.11.md:") && l.contains("fancy-widget")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains("content/broken.md:3:") && l.contains("malformed front matter")),
        "{}",
        run.stderr
    );

    let page = read(dest.join("content/guides/install-8.11.md"));
    assert!(page.contains("title: Install"), "{page}");
    assert!(page.contains("updated: 2024-05-01"), "{page}");
    assert!(page.contains("custom: kept"), "{page}");
    assert!(page.contains("](../faq.md#refunds)"), "{page}");
    assert!(page.contains("](upgrade.md)"), "{page}");
    assert!(page.contains("> [!NOTE]\n> Back up **first**."), "{page}");
    assert!(page.contains("> [!WARNING]"), "{page}");
    assert!(page.contains("```toml\nport = 1\n```"), "{page}");
    assert!(page.contains("`{{< note >}}`"), "{page}");
    // A bundle's page moves up beside its files' folder.
    let bundle = read(dest.join("content/guides/upgrade.md"));
    assert!(bundle.contains("](upgrade/diagram.png)"), "{bundle}");
    assert!(bundle.contains("](install-8.11.md)"), "{bundle}");
    assert!(
        !dest.join("content/snippets").exists(),
        "headless pages are left out"
    );
    let config = read(dest.join("helpsite.yaml"));
    assert!(
        config.contains("title: Example Docs")
            && config.contains("base_url: https://docs.example.com/"),
        "{config}"
    );

    let run = build(&dest);
    run.assert_ok();
    let public = dest.join("public");
    // Hugo's URLs: lower case, dots kept; `url:` and aliases redirect.
    assert!(public.join("guides/install-8.11/index.html").is_file());
    assert!(public.join("guides/upgrade/diagram.png").is_file());
    assert!(public.join("logo.svg").is_file());
    assert!(read(public.join("questions/index.html")).contains("/faq/"));
    assert!(read(public.join("old-upgrade/index.html")).contains("/guides/upgrade/"));
    let html = read(public.join("guides/install-8.11/index.html"));
    assert!(
        html.contains("callout-note") && html.contains("callout-warning"),
        "{html}"
    );
}

#[test]
fn import_refuses_a_non_empty_destination_and_one_inside_the_source() {
    let src = hugo_site();
    let before = snapshot(src.path());
    let out = tempfile::tempdir().expect("tmp");
    std::fs::write(out.path().join("keep.txt"), "mine").expect("write");
    let run = import("hugo", &src, out.path());
    run.assert_fails();
    assert!(run.stderr.contains("not an empty folder"), "{}", run.stderr);
    assert_eq!(read(out.path().join("keep.txt")), "mine");

    let inside = src.path().join("converted");
    let run = import("hugo", &src, &inside);
    run.assert_fails();
    assert!(run.stderr.contains("inside the source"), "{}", run.stderr);
    assert_eq!(snapshot(src.path()), before, "the source was written to");

    let empty = tempfile::tempdir().expect("tmp");
    let run = import("jekyll", &src, &empty.path().join("x"));
    run.assert_fails();
    assert!(run.stderr.contains("_config.yml"), "{}", run.stderr);
    assert!(!empty.path().join("x").exists());
}

#[test]
fn a_jekyll_site_imports_and_builds_at_its_old_urls() {
    let src = Site::new(&[
        ("helpsite.yaml", "# not part of a Jekyll site\n"),
        (
            "_config.yml",
            "title: Team Docs\nurl: https://team.example.com\nbaseurl: /help\nrepository: https://example.com/repo\ncollections:\n  docs:\n    output: true\n    permalink: /:collection/:path/\nexclude: [vendor]\n",
        ),
        (
            "index.md",
            "---\ntitle: Welcome\n---\nStart with [setup]({% link _docs/setup.md %}).\n",
        ),
        (
            "_docs/setup.md",
            "---\ntitle: Setup\nnav_order: 2\nredirect_from: [/install.html]\nlayout: docs\n---\n\
             {: .note }\nYou need Ruby.\n\n\
             See [the FAQ]({{ site.baseurl }}/faq.html#refunds) and [code]({{ site.repository }}).\n\n\
             {% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n\
             {% raw %}{{ page.title }}{% endraw %}\n\n\
             {% include warning.html content=\"Mind the gap.\" %}\n\n\
             {% unknown_tag x %}\n",
        ),
        (
            "_docs/next.md",
            "---\ntitle: Next\n---\nBack to [setup](../setup/).\n",
        ),
        ("faq.md", "---\ntitle: FAQ\n---\n## Refunds\n\nYes.\n"),
        (
            "about.md",
            "---\ntitle: About\npermalink: /company/\n---\nUs.\n",
        ),
        ("notes.md", "No front matter: a plain file.\n"),
        ("_layouts/default.html", "<html>{{ content }}</html>"),
        ("assets/logo.png", "png"),
        ("vendor/gem.md", "---\ntitle: Vendored\n---\n"),
    ]);
    let before = snapshot(src.path());
    let out = tempfile::tempdir().expect("tmp");
    let dest = out.path().join("site");
    let run = import("jekyll", &src, &dest);
    run.assert_ok();
    assert_eq!(snapshot(src.path()), before);
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains("_docs/setup.md:") && l.contains("unknown_tag")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("notes.md:1:"), "{}", run.stderr);

    let setup = read(dest.join("content/docs/setup.md"));
    assert!(setup.contains("> [!NOTE]\n> You need Ruby."), "{setup}");
    assert!(setup.contains("](../faq.md#refunds)"), "{setup}");
    assert!(setup.contains("](https://example.com/repo)"), "{setup}");
    assert!(setup.contains("```ruby\nputs 1\n```"), "{setup}");
    assert!(
        setup.contains("{{ page.title }}") && !setup.contains("{% raw %}"),
        "{setup}"
    );
    assert!(setup.contains("> [!WARNING]\n> Mind the gap."), "{setup}");
    assert!(
        setup.contains("weight: 2") && setup.contains("/install.html"),
        "{setup}"
    );
    assert!(read(dest.join("content/docs/next.md")).contains("](setup.md)"));
    assert!(read(dest.join("content/_index.md")).contains("](docs/setup.md)"));
    assert!(
        dest.join("content/company.md").is_file(),
        "a permalink is where the page goes"
    );
    assert!(!dest.join("content/vendor").exists());
    let config = read(dest.join("helpsite.yaml"));
    assert!(
        config.contains("base_url: https://team.example.com/help"),
        "{config}"
    );

    build(&dest).assert_ok();
    let public = dest.join("public");
    for page in [
        "docs/setup/index.html",
        "company/index.html",
        "faq/index.html",
        "install.html",
    ] {
        assert!(public.join(page).is_file(), "no {page}");
    }
    assert!(public.join("assets/logo.png").is_file());
}

#[test]
fn includes_and_permalinks_stay_inside_the_site() {
    let outside = tempfile::tempdir().expect("tmp");
    std::fs::write(outside.path().join("secret.txt"), "do not copy").expect("write");
    let secret = outside.path().join("secret.txt");
    let hugo = Site::new(&[
        ("helpsite.yaml", "# not part of a Hugo site\n"),
        ("hugo.toml", "title = 'T'\n"),
        (
            "content/a.md",
            &format!(
                "---\ntitle: A\n---\n{{{{< readfile file=\"{}\" >}}}}\n\n{{{{< include \"loop.md\" >}}}}\n",
                secret.display()
            ),
        ),
        ("loop.md", "again {{< include \"loop.md\" >}}\n"),
    ]);
    let out = tempfile::tempdir().expect("tmp");
    let dest = out.path().join("site");
    let run = import("hugo", &hugo, &dest);
    run.assert_ok();
    let page = read(dest.join("content/a.md"));
    assert!(!page.contains("do not copy"), "{page}");
    assert!(
        run.stderr.contains("no such file in the site"),
        "{}",
        run.stderr
    );
    // A snippet that includes itself stops, reported, instead of recursing forever.
    assert!(run.stderr.contains("nested too deep"), "{}", run.stderr);
    assert!(page.matches("again").count() <= 9, "{page}");

    let jekyll = Site::new(&[
        ("helpsite.yaml", "# not part of a Jekyll site\n"),
        ("_config.yml", "title: T\n"),
        (
            "escape.md",
            "---\ntitle: Escape\npermalink: /../../outside/\n---\n{% include_relative ../../../secret.txt %}\n",
        ),
    ]);
    let out = tempfile::tempdir().expect("tmp");
    let dest = out.path().join("site");
    let run = import("jekyll", &jekyll, &dest);
    run.assert_ok();
    assert!(
        run.stderr.contains("escape.md:1:") && run.stderr.contains("leaves the site"),
        "{}",
        run.stderr
    );
    assert!(dest.join("content/escape.md").is_file());
    assert!(!out.path().join("outside.md").exists() && !out.path().join("outside").exists());
    assert!(!read(dest.join("content/escape.md")).contains("do not copy"));
}

#[test]
fn a_format_not_yet_imported_is_a_usage_error() {
    let src = tempfile::tempdir().expect("tmp");
    let run = helpsite(&[
        "import",
        "gitbook",
        src.path().to_str().expect("utf-8"),
        "/tmp/never-written",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("hugo")
            && run.stderr.contains("jekyll")
            && run.stderr.contains("mkdocs")
            && run.stderr.contains("docusaurus"),
        "{}",
        run.stderr
    );
    assert!(!std::path::Path::new("/tmp/never-written").exists());
}

/// An MkDocs site with every layout its importer handles: tests/fixtures/import-mkdocs/.
fn mkdocs_site() -> Site {
    Site::fixture("import-mkdocs")
}

#[test]
fn an_mkdocs_site_imports_and_builds_at_its_old_urls() {
    let src = mkdocs_site();
    let before = snapshot(src.path());
    let out = tempfile::tempdir().expect("temp");
    let dest = out.path().join("help");
    let run = import("mkdocs", &src, &dest);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("admonitions → callouts"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("docs/getting-started.md:8: warning: a content tab"),
        "{}",
        run.stderr
    );
    assert_eq!(before, snapshot(src.path()), "the source is only read");

    let config = read(dest.join("helpsite.yaml"));
    assert!(
        config.contains("title: Example Docs")
            && config.contains("base_url: https://docs.example.com/"),
        "{config}"
    );
    let start = read(dest.join("content/getting-started.md"));
    assert!(
        start.starts_with("---\ntitle: Getting started\nweight: 2\n---\n"),
        "{start}"
    );
    assert!(
        start.contains("> [!WARNING]\n> **Back up first**\n>\n> Copy the data folder.\n"),
        "{start}"
    );
    // The page's heading is its title (the nav's "Install it" is a label,
    // often relative to its group); the nav gives its place.
    let install = read(dest.join("content/operator/install.md"));
    assert!(
        install.contains("title: How to install\ndescription: Installing Example.\nweight: 5"),
        "{install}"
    );
    assert!(!install.contains("# How to install"), "{install}");
    // The nav group is the folder's section; the page beside its folder of
    // images is that folder's page.
    assert!(read(dest.join("content/operator/_index.md")).contains("title: Operator Manual"));
    let diagram = read(dest.join("content/operator/diagram/_index.md"));
    assert!(
        diagram.contains("title: Diagram") && diagram.contains("![The parts](parts.png)"),
        "{diagram}"
    );
    assert!(read(dest.join("content/_index.md")).contains("title: Example"));

    let built = build(&dest);
    assert_eq!(built.code, 0, "{}", built.stderr);
    for url in [
        "getting-started",
        "operator/install",
        "operator/backup",
        "operator/diagram",
    ] {
        assert!(
            dest.join(format!("public/{url}/index.html")).is_file(),
            "{url}"
        );
    }
    let page = read(dest.join("public/getting-started/index.html"));
    assert!(
        page.contains("href=\"/operator/install/#requirements\""),
        "links kept working"
    );
}

#[test]
fn an_mkdocs_docs_dir_outside_the_site_is_refused() {
    let src = Site::new(&[
        ("helpsite.yaml", "#\n"),
        ("mkdocs.yml", "site_name: X\ndocs_dir: ../elsewhere\n"),
    ]);
    let out = tempfile::tempdir().expect("temp");
    let run = import("mkdocs", &src, &out.path().join("help"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`docs_dir: ../elsewhere` is not a folder inside the site"),
        "{}",
        run.stderr
    );
    assert!(!out.path().join("help").exists());
    let none = Site::new(&[("helpsite.yaml", "#\n")]);
    let run = import("mkdocs", &none, &out.path().join("help"));
    assert!(run.stderr.contains("no mkdocs.yml"), "{}", run.stderr);
}

/// A Docusaurus site with every layout its importer handles: tests/fixtures/import-docusaurus/.
fn docusaurus_site() -> Site {
    Site::fixture("import-docusaurus")
}

#[test]
fn a_docusaurus_site_imports_and_builds_at_its_old_urls() {
    let src = docusaurus_site();
    let before = snapshot(src.path());
    let out = tempfile::tempdir().expect("temp");
    let dest = out.path().join("help");
    let run = import("docusaurus", &src, &dest);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(before, snapshot(src.path()), "the source is only read");
    for expected in [
        "admonitions (`:::note`) → callouts",
        "MDX import/export lines left out",
        "categories (`_category_`) → section pages",
        "old URLs kept as aliases",
        "tabs (`<Tabs>`) → labelled parts",
        "MDX partials (`<Partial />`) inlined",
        "image components → images",
        "link components → links",
        "relative links by URL → relative .md links",
        "folders moved to their page's `slug`",
    ] {
        assert!(run.stdout.contains(expected), "{expected}: {}", run.stdout);
    }
    // Bad input is located and the rest is imported.
    for expected in [
        "docs/01-guides/02-install.mdx:24: warning: the MDX component `<Video>`",
        "docs/_loop.mdx:5: warning: `<Loop />` includes docs/_loop.mdx, which includes partials more than four deep",
        "docs/01-guides/03-upgrade.md:12: warning: `<Gone />` includes docs/01-guides/_gone.mdx, which is not there",
        "docs/broken/_category_.yml:2: warning: malformed category file",
        "docs/broken/page.md:3: warning: malformed front matter",
        "docs/broken/page.md:6: warning: `:::note` is never closed",
        "blog:1: warning: the blog (1 posts) is not imported",
        "sidebars.js:1: warning: the sidebar's hand-written order is not read",
    ] {
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }

    let config = read(dest.join("helpsite.yaml"));
    assert!(
        config.contains("title: Acme Help")
            && config.contains("description: Answers for Acme users")
            && config.contains("base_url: https://help.acme.dev/"),
        "{config}"
    );
    // Pages sit below docs/, as Docusaurus served them; number prefixes left
    // out of names and kept as order.
    let install = read(dest.join("content/docs/guides/install.md"));
    assert!(
        install.starts_with("---\ntitle: Install Acme\ndescription: Getting Acme onto your computer.\nweight: 2\ntags:\n- setup\n- Linux\n"),
        "{install}"
    );
    assert!(!install.contains("import Tabs"), "{install}");
    assert!(
        install.contains("> [!WARNING]\n> **Back up first**\n>\n> Copy the data folder.\n"),
        "{install}"
    );
    assert!(install.contains("<!-- a writer's note -->"), "{install}");
    assert!(
        install.contains("\n**Linux**\n\nRun the installer.\n") && !install.contains("Tabs"),
        "{install}"
    );
    assert!(
        install
            .contains("\n![The screen](https://cdn.example.com/shot.png)\n[the FAQ](../faq.md)\n"),
        "{install}"
    );
    assert!(
        install.contains("> [!TIP]\n> Ask us at help@acme.dev.\n") && !install.contains("<Help"),
        "{install}"
    );
    assert!(
        install.contains("sidebar_label: Install"),
        "kept under extra: {install}"
    );
    let upgrade = read(dest.join("content/docs/guides/upgrading.md"));
    assert!(
        upgrade.contains("title: Upgrading")
            && upgrade.contains("(install.md)")
            && upgrade.contains("(install.md#requirements)"),
        "{upgrade}"
    );
    let guides = read(dest.join("content/docs/guides/_index.md"));
    assert!(
        guides.contains("title: Guides")
            && guides.contains("description: Step by step.")
            && guides.contains("weight: 2"),
        "{guides}"
    );
    // `slug: /` made the intro the docs' home page.
    let home = read(dest.join("content/docs/_index.md"));
    assert!(home.contains("title: Welcome to Acme"), "{home}");
    let faq = read(dest.join("content/docs/faq.md"));
    assert!(faq.contains("aliases:\n- /docs/questions/faq/"), "{faq}");
    assert!(!faq.contains("DocCardList"), "{faq}");
    assert!(!dest.join("content/docs/_snippet.md").exists());
    // A folder whose page has a slug moved there; its article keeps its old URL.
    assert!(read(dest.join("content/docs/new-name/_index.md")).contains("title: Renamed"));
    assert!(
        read(dest.join("content/docs/new-name/child.md"))
            .contains("aliases:\n- /docs/old-name/child/")
    );
    assert!(
        dest.join("content/img/logo.svg").is_file(),
        "static files at the root"
    );
    assert!(dest.join("content/docs/guides/img/screen.png").is_file());

    let built = build(&dest);
    assert_eq!(built.code, 0, "{}", built.stderr);
    for url in [
        "docs",
        "docs/guides/install",
        "docs/guides/upgrading",
        "docs/faq",
        "docs/questions/faq",
        "docs/new-name",
        "docs/old-name/child",
    ] {
        assert!(
            dest.join(format!("public/{url}/index.html")).is_file(),
            "{url}"
        );
    }
    let page = read(dest.join("public/docs/index.html"));
    assert!(
        page.contains("href=\"/docs/guides/install/#requirements\"")
            && page.contains("href=\"/docs/faq/\""),
        "links kept working"
    );
}

#[test]
fn a_folder_without_docusaurus_config_is_refused() {
    let src = Site::new(&[("helpsite.yaml", "#\n"), ("docs/a.md", "# A\n")]);
    let out = tempfile::tempdir().expect("temp");
    let run = import("docusaurus", &src, &out.path().join("help"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("no docusaurus.config.js"),
        "{}",
        run.stderr
    );
    assert!(!out.path().join("help").exists());
    // A docs folder outside the site is never read.
    let outside = Site::new(&[
        ("helpsite.yaml", "#\n"),
        (
            "docusaurus.config.js",
            "module.exports = { title: 'X', presets: [['classic', { docs: { path: '../elsewhere' } }]] };\n",
        ),
    ]);
    let run = import("docusaurus", &outside, &out.path().join("help"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the docs folder `../elsewhere` is not a folder inside the site"),
        "{}",
        run.stderr
    );
    assert!(!out.path().join("help").exists());
}

/// A Zendesk Guide export with every layout its importer handles: tests/fixtures/import-zendesk/.
fn zendesk_export() -> Site {
    Site::fixture("import-zendesk")
}

#[test]
fn a_zendesk_export_imports_and_builds_with_its_old_urls() {
    let src = zendesk_export();
    let before = snapshot(src.path());
    let out = tempfile::tempdir().expect("temp");
    let dest = out.path().join("help");
    let run = import("zendesk", &src, &dest);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(before, snapshot(src.path()), "the export is only read");
    for expected in [
        "categories → sections",
        "articles → markdown",
        "links between articles → relative .md links",
        "old URLs kept as aliases",
    ] {
        assert!(run.stdout.contains(expected), "{expected}: {}", run.stdout);
    }
    for expected in [
        "sections.json:4: warning: category 999 is not in categories.json",
        "articles-2.json:5: warning: section 555 is not in sections.json",
        "articles.json:2: warning: links to articles 999 not in the export",
        "articles.json:2: warning: 1 attachment(s) are still served by Zendesk",
    ] {
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }
    let invoice = read(dest.join("content/billing-plans/invoices/download-an-invoice.md"));
    assert!(
        invoice.starts_with("---\ntitle: Download an invoice\nweight: 1\ntags:\n- invoices\n- pdf\nupdated: 2025-03-04\naliases:\n- /hc/en-us/articles/300-Download-an-invoice/\n- /hc/en-us/articles/300/\n"),
        "{invoice}"
    );
    assert!(
        invoice.contains("1. Pick the month\n2. Press *Download*"),
        "{invoice}"
    );
    assert!(
        invoice.contains("> [!WARNING]\n> Invoices older than 7 years are deleted."),
        "{invoice}"
    );
    assert!(
        invoice.contains("[refunds](refunds/ask-for-a-refund.md#how)")
            && invoice.contains("[all refund articles](refunds/_index.md)")
            && invoice.contains("(/hc/en-us/articles/999)"),
        "{invoice}"
    );
    assert!(
        !invoice.contains("again"),
        "a repeated article is read once"
    );
    let refund = read(dest.join("content/billing-plans/invoices/refunds/ask-for-a-refund.md"));
    assert!(
        refund.contains("```bash\nacme refund --last\n```"),
        "{refund}"
    );
    assert!(refund.contains("| Pro  | 30 days |"), "{refund}");
    let category = read(dest.join("content/billing-plans/_index.md"));
    assert!(
        category.contains("title: Billing & Plans\ndescription: Paying for Acme.\nweight: 1"),
        "{category}"
    );
    assert!(read(dest.join("content/orphan.md")).contains("draft: true"));
    // Sections and categories keep their old addresses too.
    let invoices = read(dest.join("content/billing-plans/invoices/_index.md"));
    assert!(
        invoices
            .contains("aliases:\n- /hc/en-us/sections/200-Invoices/\n- /hc/en-us/sections/200/"),
        "{invoices}"
    );
    assert!(
        read(dest.join("content/billing-plans/_index.md"))
            .contains("- /hc/en-us/categories/100-Billing/")
    );

    let built = build(&dest);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(
        dest.join("public/billing-plans/invoices/download-an-invoice/index.html")
            .is_file()
    );
    assert!(
        dest.join("public/hc/en-us/articles/300-Download-an-invoice/index.html")
            .is_file(),
        "the old address redirects"
    );
    assert!(
        dest.join("public/hc/en-us/sections/200/index.html")
            .is_file()
    );
    assert!(
        dest.join("public/hc/en-us/categories/100-Billing/index.html")
            .is_file()
    );
    let page = read(dest.join("public/billing-plans/invoices/download-an-invoice/index.html"));
    assert!(
        page.contains("href=\"/billing-plans/invoices/refunds/ask-for-a-refund/#how\""),
        "links work"
    );
}

#[test]
fn a_zendesk_export_in_locale_folders_and_bad_exports() {
    // One folder per locale: en-us is imported, the others are reported.
    let src = Site::new(&[
        ("helpsite.yaml", "#\n"),
        (
            "en-us/articles.json",
            r#"{"articles": [{"id": 1, "title": "Hello", "locale": "en-us", "body": "<p>Hi.</p>"}]}"#,
        ),
        (
            "de/articles.json",
            r#"{"articles": [{"id": 1, "title": "Hallo", "locale": "de", "body": "<p>Hallo.</p>"}]}"#,
        ),
    ]);
    let out = tempfile::tempdir().expect("temp");
    let run = import("zendesk", &src, &out.path().join("a"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the de translations are not imported; en-us is"),
        "{}",
        run.stderr
    );
    assert!(read(out.path().join("a/helpsite.yaml")).contains("language: en-us"));
    assert!(read(out.path().join("a/content/hello.md")).contains("Hi."));

    // Malformed JSON: located, nothing written.
    let bad = Site::new(&[
        ("helpsite.yaml", "#\n"),
        (
            "articles.json",
            "{\"articles\": [\n  {\"id\": 1, \"title\": \"A\",}\n]}",
        ),
    ]);
    let run = import("zendesk", &bad, &out.path().join("b"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("articles.json:2: error: malformed articles.json"),
        "{}",
        run.stderr
    );
    assert!(!out.path().join("b").exists());

    // No export at all.
    let none = Site::new(&[("helpsite.yaml", "#\n"), ("notes.txt", "x")]);
    let run = import("zendesk", &none, &out.path().join("c"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no articles.json"), "{}", run.stderr);
    assert!(!out.path().join("c").exists());
}
