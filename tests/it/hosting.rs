//! Files for hosts and machines, through the real binary: `_redirects`,
//! `_headers`, `llms.txt` and the articles' markdown copies, under a sub-path
//! `base_url`, at more aliases than Cloudflare reads, and switched off.

use crate::common::Site;

const SUPPORT: &str = "timezone: Europe/Berlin\nhours:\n  monday: [\"09:00-17:00\"]\nchannels:\n  - id: mail\n    name: Email\n    email: help@example.com\n";

fn sub_path_site() -> Site {
    Site::new(&[
        (
            "helpsite.yaml",
            "title: Help [beta]\ndescription: Answers,\n  on two lines.\nbase_url: https://example.com/help/\n",
        ),
        ("support.yaml", SUPPORT),
        (
            "content/billing/_index.md",
            "---\ntitle: Billing\n---\nAbout money.\n",
        ),
        (
            "content/billing/refunds.md",
            "---\ntitle: Refunds [EU]\ndescription: \"How refunds\\nwork.\"\naliases: [/old/refunds/, /legacy refunds.html]\n---\nWe answer {{support:hours}}; write to {{support:channel.mail.address-link}}.\n\nSee [invoices](invoices.md#due-dates), [this part](#why), [the root](/billing/)\nand ![a chart](chart.png) or [the vendor](https://vendor.example.com/).\n\n[ref]: invoices.md\n\n## Why\n\n```\n{{support:hours}} stays as written in code\n```\n\nUse `{{support:hours}}` in your own articles.\n",
        ),
        ("content/billing/chart.png", "not really a png"),
        (
            "content/billing/invoices.md",
            "---\ntitle: Invoices\n---\n## Due dates\n\nMonthly.\n",
        ),
        (
            "content/internal.md",
            "---\ntitle: Internal notes\nsearch: false\n---\nNot for search.\n",
        ),
    ])
}

#[test]
fn redirects_headers_llms_txt_and_copies_under_a_sub_path() {
    let site = sub_path_site();
    site.build(&[]).assert_ok();

    let redirects = site.read_out("_redirects");
    assert!(
        redirects.contains("/help/old/refunds/ /help/billing/refunds/ 301\n"),
        "{redirects}"
    );
    assert!(
        redirects.contains("/help/legacy%20refunds.html /help/billing/refunds/ 301\n"),
        "{redirects}"
    );
    // The redirect pages stay for hosts that read no such file.
    assert!(site.out().join("old/refunds/index.html").is_file());

    let headers = site.read_out("_headers");
    let rules: Vec<&str> = headers.lines().filter(|l| l.starts_with('/')).collect();
    assert_eq!(
        &rules[..4],
        [
            "/help/*",
            "/help/",
            "/help/*/",
            "/help/search/manifest.json"
        ]
    );
    assert!(rules.contains(&"/help/style.css") && rules.contains(&"/help/search/chunks/*"));
    assert!(headers.contains("  Content-Security-Policy: default-src 'self'"));
    assert!(headers.contains("  X-Content-Type-Options: nosniff"));
    // Every file the search reads is in the folder cached forever.
    let chunks = std::fs::read_dir(site.out().join("search/chunks")).expect("chunks");
    assert!(chunks.count() >= 3);

    let llms = site.read_out("llms.txt");
    assert!(
        llms.starts_with("# Help [beta]\n\n> Answers, on two lines.\n"),
        "{llms}"
    );
    assert!(
        llms.contains("## Billing\n\n- [Invoices](https://example.com/help/billing/invoices/index.html.md)\n- [Refunds \\[EU\\]](https://example.com/help/billing/refunds/index.html.md): How refunds work.\n"),
        "{llms}"
    );
    assert!(llms.contains("- [Contact support](https://example.com/help/support/channels/)"));
    assert!(!llms.contains("Internal notes"), "search: false stays out");

    let copy = site.read_out("billing/refunds/index.html.md");
    assert!(copy.starts_with("# Refunds [EU]\n\n> How refunds work.\n\nWe answer Monday, 09:00–17:00; write to [help@example.com](mailto:help@example.com).\n"), "{copy}");
    for link in [
        "[invoices](https://example.com/help/billing/invoices/#due-dates)",
        "[this part](https://example.com/help/billing/refunds/#why)",
        "[the root](https://example.com/billing/)",
        "![a chart](https://example.com/help/billing/chart.png)",
        "[the vendor](https://vendor.example.com/)",
        "[ref]: https://example.com/help/billing/invoices/",
        "{{support:hours}} stays as written in code",
        "Use `{{support:hours}}` in your own articles.",
    ] {
        assert!(copy.contains(link), "{link} in:\n{copy}");
    }
    assert!(!copy.contains("aliases"), "no front matter");
    assert!(!site.out().join("internal/index.html.md").exists());
}

#[test]
fn more_aliases_than_cloudflare_reads_is_a_warning() {
    let aliases: Vec<String> = (0..2001).map(|i| format!("/old/{i}/")).collect();
    let article = format!(
        "---\ntitle: Moved a lot\naliases: [{}]\n---\nText.\n",
        aliases.join(", ")
    );
    let site = Site::new(&[("content/moved.md", &article)]);
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("warning: _redirects has 2001 redirects")
            && run
                .stderr
                .contains("Cloudflare Pages reads only the first 2000"),
        "{}",
        run.stderr
    );
    let redirects = site.read_out("_redirects");
    assert_eq!(
        redirects.lines().filter(|l| l.ends_with(" 301")).count(),
        2001
    );
    // Switched off, nothing to warn about.
    site.write("helpsite.yaml", "title: T\nhosting:\n  redirects: false\n");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("_redirects"), "{}", run.stderr);
    assert!(!site.out().join("_redirects").exists());
}

#[test]
fn each_file_can_be_switched_off_and_a_typo_is_an_error() {
    let site = sub_path_site();
    site.write(
        "helpsite.yaml",
        "title: T\nhosting:\n  redirects: false\n  headers: false\n  llms_txt: false\n  markdown_copies: false\n",
    );
    site.build(&[]).assert_ok();
    for file in [
        "_redirects",
        "_headers",
        "llms.txt",
        "billing/refunds/index.html.md",
    ] {
        assert!(!site.out().join(file).exists(), "{file}");
    }
    // llms.txt without copies links to the pages.
    site.write(
        "helpsite.yaml",
        "title: T\nbase_url: https://x.y/\nhosting:\n  markdown_copies: false\n",
    );
    site.build(&[]).assert_ok();
    assert!(
        site.read_out("llms.txt")
            .contains("(https://x.y/billing/refunds/)")
    );

    site.write("helpsite.yaml", "title: T\nhosting:\n  llms: false\n");
    let run = site.build(&[]);
    run.assert_fails().assert_hint("did you mean `llms_txt`?");
}

#[test]
fn a_theme_file_the_site_replaces_is_not_cached_forever() {
    let site = Site::new(&[
        ("content/a.md", "---\ntitle: A\n---\nText.\n"),
        ("static/style.css", "body { color: red }\n"),
    ]);
    site.build(&[]).assert_ok();
    let headers = site.read_out("_headers");
    assert!(!headers.contains("\n/style.css\n"), "{headers}");
    assert!(headers.contains("\n/helpsite.js\n"), "{headers}");
    assert_eq!(site.read_out("style.css"), "body { color: red }\n");
}

#[test]
fn every_language_has_its_llms_txt_linking_the_others() {
    let site = sub_path_site();
    site.write(
        "helpsite.yaml",
        "title: Help\nbase_url: https://example.com/help/\nlanguages:\n  ru:\n    title: Помощь\n",
    );
    site.write(
        "content/billing/refunds.ru.md",
        "---\ntitle: Возвраты\ndescription: Как вернуть деньги.\n---\nПять дней.\n",
    );
    site.build(&[]).assert_ok();
    let en = site.read_out("llms.txt");
    assert!(en.starts_with("# Help\n"), "{en}");
    assert!(
        en.ends_with("## Other languages\n\n- [Русский](https://example.com/help/ru/llms.txt)\n"),
        "{en}"
    );
    let ru = site.read_out("ru/llms.txt");
    assert!(ru.starts_with("# Помощь\n"), "{ru}");
    // Each language's interface text for the scripts is a versioned file,
    // cached forever like the other shared ones.
    let headers = site.read_out("_headers");
    for file in ["/help/text-en.js\n", "/help/text-ru.js\n"] {
        assert!(headers.contains(file), "{file} in {headers}");
    }
    assert!(
        ru.contains("- [Возвраты](https://example.com/help/ru/billing/refunds/index.html.md): Как вернуть деньги.\n"),
        "{ru}"
    );
    // Only its translations (no fallback): the English-only invoices stay out.
    assert!(!ru.contains("Invoices"), "{ru}");
    assert!(
        ru.ends_with("## Другие языки\n\n- [English](https://example.com/help/llms.txt)\n"),
        "{ru}"
    );
    // A site of one language has no such list.
    site.write("helpsite.yaml", "title: Help\n");
    site.build(&[]).assert_ok();
    assert!(!site.read_out("llms.txt").contains("Other languages"));
    assert!(!site.out().join("ru/llms.txt").exists());
    // Switched off, in no language.
    site.write(
        "helpsite.yaml",
        "title: Help\nlanguages:\n  ru:\nhosting:\n  llms_txt: false\n",
    );
    site.build(&[]).assert_ok();
    assert!(!site.out().join("llms.txt").exists());
    assert!(!site.out().join("ru/llms.txt").exists());
}
