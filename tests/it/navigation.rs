//! The theme's navigation at real size, through the real binary: the header
//! links a writer sets with `nav:` (or the top sections that fit one line),
//! the menu of every section, the section sidebar's tree and its folds, and
//! tables named for screen readers.

use crate::common::Site;

fn section(dir: &str, title: &str, weight: usize) -> (String, String) {
    (
        format!("content/{dir}/_index.md"),
        format!("---\ntitle: \"{title}\"\nweight: {weight}\n---\nAbout {title}.\n"),
    )
}

fn article(path: &str, title: &str, weight: usize) -> (String, String) {
    (
        format!("content/{path}.md"),
        format!("---\ntitle: \"{title}\"\nweight: {weight}\n---\nText of {title}.\n"),
    )
}

fn site_of(files: &[(String, String)]) -> Site {
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Site::new(&refs)
}

/// The part of the header between two markers.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("no {from} in {html}"));
    let rest = &html[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

fn link_texts(html: &str) -> Vec<String> {
    html.split("<a href=")
        .skip(1)
        .filter_map(|a| {
            let text = &a[a.find('>')? + 1..];
            Some(text[..text.find("</a>")?].to_string())
        })
        .collect()
}

fn many_sections() -> Vec<(String, String)> {
    let titles = [
        "Getting started",
        "Installation",
        "Configuration",
        "Billing and accounts",
        "Integrations with other services",
        "Troubleshooting",
        "Security",
        "Release notes",
        "Glossary",
        "Policies",
    ];
    let mut files = Vec::new();
    for (i, t) in titles.iter().enumerate() {
        let dir = t.to_lowercase().replace(' ', "-");
        files.push(section(&dir, t, i + 1));
        files.push(article(&format!("{dir}/first"), &format!("{t} basics"), 1));
    }
    files
}

#[test]
fn without_nav_the_header_shows_what_fits_and_the_menu_every_section() {
    let site = site_of(&many_sections());
    site.build(&[]).assert_ok();
    let home = site.read_out("index.html");
    let shown = link_texts(between(&home, "<ul class=\"nav-links\">", "</ul>"));
    assert_eq!(
        shown,
        [
            "Getting started",
            "Installation",
            "Configuration",
            "Billing and accounts"
        ]
    );
    assert!(
        home.contains("class=\"nav-menu has-more\""),
        "All topics offered"
    );
    let menu = link_texts(between(&home, "<ul class=\"menu-list\">", "</ul>"));
    assert_eq!(menu.len(), 10, "{menu:?}");
    assert_eq!(menu[9], "Policies");
    // Thirty or so sections: short cards, no link lists.
    assert!(
        home.contains("<ul class=\"cards compact\">"),
        "compact cards"
    );

    // Two short sections fit: nothing more to offer on wide screens.
    let small = site_of(&[
        section("faq", "FAQ", 1),
        article("faq/a", "A", 1),
        section("billing", "Billing", 2),
        article("billing/b", "B", 1),
    ]);
    small.build(&[]).assert_ok();
    let home = small.read_out("index.html");
    assert_eq!(
        link_texts(between(&home, "<ul class=\"nav-links\">", "</ul>")),
        ["FAQ", "Billing"]
    );
    assert!(
        home.contains("class=\"nav-menu\""),
        "the menu is still there for phones"
    );
    assert!(!home.contains("has-more"));
    assert!(
        !home.contains("cards compact"),
        "few sections keep their article lists"
    );
}

/// The menu is in every page: past thirty top-level sections it ends with a
/// link to the home page, which lists them all, so pages do not grow with the
/// number of sections.
#[test]
fn the_menu_lists_thirty_sections_then_the_home_page() {
    let sections = |n: usize| -> Vec<(String, String)> {
        (1..=n)
            .flat_map(|i| {
                [
                    section(&format!("s{i:02}"), &format!("Topic {i:02}"), i),
                    article(&format!("s{i:02}/a"), &format!("Article {i:02}"), 1),
                ]
            })
            .collect()
    };
    let site = site_of(&sections(35));
    site.build(&[]).assert_ok();
    let page = site.read_out("s02/a/index.html");
    let menu = link_texts(between(&page, "<ul class=\"menu-list\">", "</ul>"));
    assert_eq!(menu.len(), 31, "{menu:?}");
    assert_eq!(menu[29], "Topic 30");
    assert_eq!(menu[30], "All topics →");
    assert!(
        between(&page, "<ul class=\"menu-list\">", "</ul>").contains("<a href=\"/\">All topics")
    );
    // The home page lists every section.
    let home = site.read_out("index.html");
    assert!(home.contains("Topic 35"));

    let site = site_of(&sections(30));
    site.build(&[]).assert_ok();
    let page = site.read_out("s02/a/index.html");
    let menu = link_texts(between(&page, "<ul class=\"menu-list\">", "</ul>"));
    assert_eq!(menu.len(), 30, "{menu:?}");
    assert!(!menu.iter().any(|m| m.starts_with("All topics")));
}

#[test]
fn nav_lists_sections_and_urls_in_the_writers_order_under_a_sub_path() {
    let mut files = many_sections();
    files.push((
        "helpsite.yaml".into(),
        "title: Help\nbase_url: https://example.com/help/\nnav:\n  - security\n  - section: billing-and-accounts\n    label: Payments\n  - url: https://status.example.com/\n    label: Status\n  - url: /support/channels/\n    label: Talk to us\n".into(),
    ));
    let site = site_of(&files);
    site.build(&[]).assert_ok();
    let page = site.read_out("security/first/index.html");
    let header = between(&page, "<ul class=\"nav-links\">", "</ul>");
    assert_eq!(
        link_texts(header),
        ["Security", "Payments", "Status", "Talk to us"]
    );
    assert!(header.contains("href=\"/help/security/\" aria-current=\"true\""));
    assert!(header.contains("href=\"/help/billing-and-accounts/\""));
    assert!(header.contains("href=\"https://status.example.com/\""));
    assert!(header.contains("href=\"/help/support/channels/\""));
    let menu = link_texts(between(&page, "<ul class=\"menu-list\">", "</ul>"));
    assert_eq!(&menu[..4], ["Security", "Payments", "Status", "Talk to us"]);
    assert_eq!(menu.len(), 4 + 8, "then every section not listed: {menu:?}");
    assert!(!menu[4..].contains(&"Security".to_string()));
}

#[test]
fn bad_nav_entries_are_located_errors_and_the_output_stays() {
    let mut files = many_sections();
    files.push(("helpsite.yaml".into(), "title: Help\n".into()));
    let site = site_of(&files);
    site.build(&[]).assert_ok();
    let before = crate::common::snapshot(&site.out());
    for (yaml, at, words, hint) in [
        (
            "nav:\n  - security\n  - secrity\n",
            "helpsite.yaml:4:",
            "`nav:` names `secrity`, which is not a section",
            "did you mean `security`?",
        ),
        (
            "nav:\n  - url: https://status.example.com/\n",
            "",
            "needs a `label:`",
            "",
        ),
        (
            "nav:\n  - {url: status.example.com, label: Status}\n",
            "",
            "must start with https://, http:// or /",
            "",
        ),
        (
            "nav:\n  - {section: security, url: /x/}\n",
            "",
            "either `section:` or `url:`, not both",
            "",
        ),
        (
            "nav:\n  - {section: security, titel: S}\n",
            "",
            "unknown key `titel` in a nav entry",
            "",
        ),
        ("nav:\n  - 42\n", "", "a nav entry is a content folder", ""),
        (
            "nav: security\n",
            "",
            "`nav` has the wrong type: expected a list",
            "",
        ),
        (
            "languages:\n  ru:\nnav:\n  - section: security\n    label:\n      en: Safety\n      fr: Sécurité\n",
            "helpsite.yaml:8:",
            "given in `fr`, which is not one of the site's languages (en, ru)",
            "add the language under `languages:`",
        ),
        (
            "languages:\n  ru:\nnav:\n  - url: https://status.example.com/\n    label: {ru: Статус}\n",
            "helpsite.yaml:5:",
            "has no text in the default language `en`",
            "add `en: …` to the label",
        ),
        (
            "nav:\n  - url: /x/\n    label: {}\n",
            "",
            "`label` in a nav entry must be non-empty text",
            "",
        ),
        (
            "nav:\n  - url: /x/\n    label: {en: [a, b]}\n",
            "",
            "maps language codes to non-empty text",
            "",
        ),
    ] {
        site.write("helpsite.yaml", &format!("title: Help\n{yaml}"));
        let run = site.build(&[]);
        run.assert_fails().assert_error("", &[words]);
        assert!(run.stderr.contains(at), "{}", run.stderr);
        if !hint.is_empty() {
            run.assert_hint(hint);
        }
        assert_eq!(before, crate::common::snapshot(&site.out()), "{yaml}");
    }
}

#[test]
fn nav_labels_can_be_given_per_language() {
    let mut files = many_sections();
    files.push((
        "helpsite.yaml".into(),
        "title: Help\nlanguages:\n  ru:\n    fallback: true\n  de:\n    fallback: true\nnav:\n  - section: security\n    label: {en: Safety, ru: Безопасность}\n  - section: glossary\n  - url: https://status.example.com/\n    label:\n      en: Status\n      ru: Статус <b>\n".into(),
    ));
    files.push((
        "content/glossary/_index.ru.md".into(),
        "---\ntitle: Глоссарий\n---\nСлова.\n".into(),
    ));
    let site = site_of(&files);
    site.build(&[]).assert_ok();
    let header = |page: &str| {
        let html = site.read_out(page);
        let nav = between(&html, "<ul class=\"nav-links\">", "</ul>").to_string();
        (link_texts(&nav), nav)
    };
    assert_eq!(
        header("security/first/index.html").0,
        ["Safety", "Glossary", "Status"]
    );
    let (ru, ru_html) = header("ru/security/first/index.html");
    // A label's text is escaped like any other; a section without a label
    // is titled in the page's language.
    assert_eq!(ru, ["Безопасность", "Глоссарий", "Статус &lt;b&gt;"]);
    assert!(ru_html.contains("href=\"/ru/security/\""), "{ru_html}");
    // German has no label of its own: the default language's.
    assert_eq!(
        header("de/security/first/index.html").0,
        ["Safety", "Glossary", "Status"]
    );
}

/// The tree is in every page of its top-level section, so it lists at most
/// thirty sub-sections of a section (the one holding the page always among
/// them) and then links to the section's page, which lists them all.
#[test]
fn the_sidebar_lists_thirty_sub_sections_then_the_sections_page() {
    let mut files = vec![section("guide", "Guide", 1)];
    for p in 0..40 {
        files.push(section(
            &format!("guide/p{p:02}"),
            &format!("Part {p:02}"),
            p,
        ));
        files.push(article(
            &format!("guide/p{p:02}/x"),
            &format!("Part {p:02} page"),
            1,
        ));
    }
    let site = site_of(&files);
    site.build(&[]).assert_ok();
    let early = site.read_out("guide/p01/x/index.html");
    let tree = between(&early, "<ul class=\"tree\">", "</aside>");
    // Twelve parts are disclosures with their first articles; the next
    // eighteen, folded under "N more", are plain links to their pages.
    assert!(
        tree.contains("<details><summary>Part 11</summary>"),
        "{tree}"
    );
    assert!(!tree.contains("<summary>Part 12</summary>"), "{tree}");
    assert!(
        tree.contains("<details><summary>18 more</summary><ul><li class=\"section\"><a href=\"/guide/p12/\">Part 12</a></li>"),
        "{tree}"
    );
    assert!(
        tree.contains("<li class=\"section\"><a href=\"/guide/p29/\">Part 29</a></li>"),
        "{tree}"
    );
    assert!(!tree.contains(">Part 30<"), "{tree}");
    assert!(!tree.contains("Part 12 page"), "{tree}");
    assert!(
        tree.contains("<a href=\"/guide/\">All 40 articles</a>"),
        "{tree}"
    );
    // A page past the thirtieth still finds itself, in the open fold.
    let late = site.read_out("guide/p37/x/index.html");
    let tree = between(&late, "<ul class=\"tree\">", "</aside>");
    assert!(
        tree.contains("<details open><summary>Part 37</summary>"),
        "{tree}"
    );
    assert!(tree.contains("href=\"/guide/p37/x/\" aria-current=\"page\""));
    assert!(!tree.contains(">Part 36<"));
    assert!(
        tree.contains("<details open><summary>19 more</summary>"),
        "{tree}"
    );
    // A folded part's own page shows it open, as every section on the way;
    // other pages link to it.
    let part = site.read_out("guide/p20/index.html");
    assert!(
        part.contains("<details open><summary>Part 20</summary>"),
        "{part}"
    );
    let other = site.read_out("guide/p21/x/index.html");
    assert!(
        other.contains("<li class=\"section\"><a href=\"/guide/p20/\">Part 20</a></li>"),
        "{other}"
    );
}

#[test]
fn the_sidebar_is_the_top_sections_tree_with_the_current_path_open() {
    let mut files = vec![section("guide", "Guide", 1)];
    for a in 0..15 {
        files.push(article(
            &format!("guide/a{a:02}"),
            &format!("Guide {a:02}"),
            a,
        ));
    }
    for p in 0..14 {
        files.push(section(
            &format!("guide/p{p:02}"),
            &format!("Part {p:02}"),
            p,
        ));
        for a in 0..7 {
            files.push(article(
                &format!("guide/p{p:02}/x{a}"),
                &format!("Part {p:02} page {a}"),
                a,
            ));
        }
    }
    files.push(section("guide/p13/deep", "Deep", 99));
    files.push(article("guide/p13/deep/end", "The end", 1));
    let site = site_of(&files);
    site.build(&[]).assert_ok();

    let deep = site.read_out("guide/p13/deep/end/index.html");
    let tree = between(&deep, "<ul class=\"tree\">", "</aside>");
    assert!(
        tree.contains("<details open><summary>Part 13</summary>"),
        "path open"
    );
    assert!(tree.contains("<details open><summary>Deep</summary>"));
    assert!(
        tree.contains("<details><summary>Part 00</summary>"),
        "others closed"
    );
    // A closed part carries its first five pages and a link to all of them.
    let part0 = between(tree, "<summary>Part 00</summary>", "</details>");
    assert_eq!(link_texts(part0).len(), 6, "{part0}");
    assert!(part0.contains("All 7 articles"));
    // Fifteen articles: twelve, then three folded; fourteen parts: twelve,
    // then two folded, that fold open because the current part is in it.
    assert!(tree.contains("<details><summary>3 more</summary>"));
    assert!(tree.contains("<details open><summary>2 more</summary>"));
    assert!(tree.contains("href=\"/guide/p13/deep/end/\" aria-current=\"page\""));

    // An article in the fold of its own section opens that fold.
    let late = site.read_out("guide/a14/index.html");
    assert!(
        late.contains("<details open><summary>3 more</summary>"),
        "own fold open"
    );
    let early = site.read_out("guide/a01/index.html");
    assert!(early.contains("<details><summary>3 more</summary>"));
    assert!(early.contains("<details><summary>2 more</summary>"));
}

#[test]
fn a_table_scrolls_in_a_keyboard_region_named_after_its_columns() {
    let site = Site::new(&[(
        "content/t.md",
        "---\ntitle: T\n---\n| Name | `type` | <b>x</b> & y |\n|---|---|---|\n| a | b | c |\n\n| | |\n|---|---|\n| 1 | 2 |\n",
    )]);
    site.build(&[]).assert_ok();
    let html = site.read_out("t/index.html");
    assert!(
        html.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table: Name, type, x &amp; y\">"),
        "{html}"
    );
    assert!(
        html.contains(
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">"
        ),
        "a table without header text"
    );
}
