//! Every kind of bad input gets an error naming the file and line, what is wrong
//! and how to fix it; exit code 1; and the previous output stays as it was.

use crate::common::{Site, helpsite, snapshot};

const GOOD: &str = "---\ntitle: Good\n---\nFine.\n";

/// Builds a good site, breaks it with `files`, and checks the failed build left
/// the output untouched. Returns the failed run for message checks.
fn break_site(files: &[(&str, &str)]) -> (Site, crate::common::Run) {
    let site = Site::new(&[("content/good.md", GOOD)]);
    site.build(&[]).assert_ok();
    let before = snapshot(&site.out());
    for (p, t) in files {
        site.write(p, t);
    }
    let run = site.build(&[]);
    run.assert_fails();
    assert!(
        run.stderr.contains("previous output was left as it was"),
        "{}",
        run.stderr
    );
    assert_eq!(
        before,
        snapshot(&site.out()),
        "a failed build changed the output"
    );
    (site, run)
}

#[test]
fn unclosed_front_matter() {
    let (_, run) = break_site(&[("content/a.md", "---\ntitle: A\nbody text\n")]);
    run.assert_error("content/a.md:1:1:", &["not closed"])
        .assert_hint("`---`");
}

#[test]
fn invalid_yaml_counts_lines_in_the_whole_file() {
    let (_, run) = break_site(&[(
        "content/a.md",
        "---\ntitle: A\ntags: [one, two\ndescription: x\n---\n",
    )]);
    // The block starts on line 2, so an error on its third line is line 4 of the file.
    assert!(run.stderr.contains("content/a.md:4:"), "{}", run.stderr);
    run.assert_error("content/a.md:4:", &["not valid YAML"]);
}

#[test]
fn missing_title() {
    let (_, run) = break_site(&[("content/a.md", "---\ndescription: no title\n---\n")]);
    run.assert_error("content/a.md:", &["title"])
        .assert_hint("title: …");
    let (_, run) = break_site(&[("content/b.md", "No front matter at all.\n")]);
    run.assert_error("content/b.md:1:1:", &["no front matter"]);
}

#[test]
fn unknown_key_names_the_closest_known_key() {
    let (_, run) = break_site(&[("content/a.md", "---\ntitle: A\ndescripton: typo\n---\n")]);
    run.assert_error("content/a.md:3:", &["unknown key `descripton`"])
        .assert_hint("did you mean `description`?");
}

#[test]
fn value_of_the_wrong_type() {
    let (_, run) = break_site(&[("content/a.md", "---\ntitle: A\nweight: heavy\n---\n")]);
    run.assert_error("content/a.md:3:", &["`weight`", "whole number"])
        .assert_hint("such as `3`");
    let (_, run) = break_site(&[("content/b.md", "---\ntitle: B\ndraft: maybe\n---\n")]);
    run.assert_error("content/b.md:3:", &["`draft`"])
        .assert_hint("`true` or `false`");
    let (_, run) = break_site(&[("content/k.md", "---\ntitle: K\nsearch: nope\n---\n")]);
    run.assert_error("content/k.md:3:", &["`search`", "true or false"]);
    let (_, run) = break_site(&[("content/k.md", "---\ntitle: K\nkeywords: vat\n---\n")]);
    run.assert_error("content/k.md:3:", &["`keywords`", "expected a list"])
        .assert_hint("[a, b]");
    let (_, run) = break_site(&[("content/c.md", "---\ntitle: C\nupdated: yesterday\n---\n")]);
    run.assert_error("content/c.md:3:", &["not a date"])
        .assert_hint("YYYY-MM-DD");
}

#[test]
fn link_to_a_missing_article() {
    let (_, run) = break_site(&[(
        "content/a.md",
        "---\ntitle: A\n---\nSee [the guide](gude.md).\n",
    )]);
    run.assert_error("content/a.md:4:5:", &["gude.md", "does not exist"]);
    let (_, run) = break_site(&[(
        "content/b.md",
        "---\ntitle: B\n---\n\n\n[x](good.md)\n[y](../../etc/passwd.md)\n",
    )]);
    run.assert_error("content/b.md:7:1:", &["leaves the content folder"]);
}

#[test]
fn link_to_a_missing_anchor_suggests_the_right_one() {
    let (_, run) = break_site(&[
        ("content/a.md", "---\ntitle: A\n---\n## Refund policy\n"),
        (
            "content/b.md",
            "---\ntitle: B\n---\n[refunds](a.md#refund-polcy) and [self](#nowhere)\n",
        ),
    ]);
    run.assert_error("content/b.md:4:1:", &["#refund-polcy", "no such heading"])
        .assert_hint("did you mean #refund-policy?");
    run.assert_error("content/b.md:4:", &["#nowhere"]);
}

#[test]
fn link_to_a_draft_is_explained() {
    let (_, run) = break_site(&[
        ("content/d.md", "---\ntitle: D\ndraft: true\n---\n"),
        ("content/a.md", "---\ntitle: A\n---\n[d](d.md)\n"),
    ]);
    run.assert_error("content/a.md:4:1:", &["draft"])
        .assert_hint("--drafts");
}

#[test]
fn missing_image_is_an_error() {
    let (_, run) = break_site(&[("content/a.md", "---\ntitle: A\n---\n![shot](shot.png)\n")]);
    run.assert_error("content/a.md:4:1:", &["shot.png"]);
}

#[test]
fn two_articles_on_one_url() {
    let (_, run) = break_site(&[
        ("content/billing/refunds.md", "---\ntitle: Refunds\n---\n"),
        (
            "content/billing/money-back.md",
            "---\ntitle: Money back\nslug: refunds\n---\n",
        ),
    ]);
    run.assert_error("content/billing/", &["/billing/refunds/", "both"]);
}

#[test]
fn slug_that_would_leave_the_output() {
    let (site, run) = break_site(&[("content/a.md", "---\ntitle: A\nslug: ../../escaped\n---\n")]);
    run.assert_error("content/a.md:3:", &["slug `../../escaped`"]);
    assert!(!site.path().join("escaped").exists());
    let (_, run) = break_site(&[(
        "content/b.md",
        "---\ntitle: B\naliases: [\"/../../outside/\"]\n---\n",
    )]);
    run.assert_error("content/b.md:3:", &["alias"]);
}

#[test]
fn file_that_is_not_utf8() {
    let site = Site::new(&[("content/good.md", GOOD)]);
    site.build(&[]).assert_ok();
    let before = snapshot(&site.out());
    site.write_bytes("content/latin1.md", b"---\ntitle: Caf\xe9\n---\n");
    let run = site.build(&[]);
    run.assert_fails();
    run.assert_error("content/latin1.md:2:", &["not valid UTF-8"])
        .assert_hint("UTF-8");
    assert_eq!(before, snapshot(&site.out()));
}

#[test]
fn invalid_helpsite_yaml() {
    let (_, run) = break_site(&[("helpsite.yaml", "title: X\nbase_ulr: https://x.y/\n")]);
    run.assert_error("", &["unknown key `base_ulr`"])
        .assert_hint("did you mean `base_url`?");
    assert!(run.stderr.contains("helpsite.yaml:2:"), "{}", run.stderr);
    let (_, run) = break_site(&[("helpsite.yaml", "title: X\nbase_url: example.com\n")]);
    assert!(run.stderr.contains("helpsite.yaml:2:"), "{}", run.stderr);
    // A synonym that is a phrase, a stop word, or a group of one word: the
    // entry's own line.
    for (yaml, line, words) in [
        (
            "  synonyms:\n    - [refund, chargeback]\n    - [money back, refund]\n",
            6,
            "more than one word",
        ),
        ("  synonyms: [[the, refund]]\n", 4, "stop word"),
        ("  synonyms: [[refund, refunds]]\n", 4, "stems are the same"),
    ] {
        let text = format!("title: X\nbase_url: /\nsearch:\n{yaml}");
        let (_, run) = break_site(&[("helpsite.yaml", &text)]);
        let at = format!("helpsite.yaml:{line}: error: search synonym");
        assert!(
            run.stderr.contains(&at) && run.stderr.contains(words),
            "{}",
            run.stderr
        );
        run.assert_hint("groups of single words");
    }
    let (_, run) = break_site(&[("helpsite.yaml", "title: [unclosed\n")]);
    assert!(run.stderr.contains("helpsite.yaml:"), "{}", run.stderr);
    let (_, run) = break_site(&[(
        "helpsite.yaml",
        "title: X\nmarkdown:\n  highlight_theme_dark: Neon\n",
    )]);
    run.assert_error("helpsite.yaml:3:", &["Neon"]);
}

/// Five independent mistakes in helpsite.yaml are five errors of one run,
/// each at its line and column, in build and in check alike; keys written
/// right between them are still read (the title).
#[test]
fn every_mistake_of_helpsite_yaml_in_one_run() {
    let yaml = "title: Five mistakes\n\
                base_url: example.com\n\
                titel: typo\n\
                language: english\n\
                markdown:\n  highlight_theme_light: Neon\n\
                feedback:\n  endpoint: \"not a url\"\n\
                search:\n  enabled: maybe\n";
    let (site, run) = break_site(&[("helpsite.yaml", yaml)]);
    run.assert_error("helpsite.yaml:2:11:", &["base_url `example.com`"]);
    run.assert_error("helpsite.yaml:3:1:", &["unknown key `titel`"])
        .assert_hint("did you mean `title`?");
    run.assert_error("helpsite.yaml:4:11:", &["`english` is not a language code"]);
    run.assert_error("helpsite.yaml:6:26:", &["unknown highlight theme `Neon`"]);
    run.assert_error("helpsite.yaml:8:13:", &["feedback endpoint `not a url`"]);
    run.assert_error(
        "helpsite.yaml:10:12:",
        &["`search.enabled`", "true or false"],
    );
    assert!(
        run.stderr.contains("Build failed with 6 errors"),
        "{}",
        run.stderr
    );
    let check = helpsite(&["check", "--site", site.path().to_str().expect("utf-8")]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_eq!(
        check
            .stderr
            .lines()
            .filter(|l| l.contains(": error: "))
            .count(),
        6,
        "{}",
        check.stderr
    );
}

#[test]
fn template_that_does_not_parse() {
    let (_, run) = break_site(&[("templates/article.html", "<h1>{{ page.title }</h1>\n")]);
    run.assert_error("templates/article.html:1:", &["does not parse"]);
}

#[test]
fn template_that_fails_to_render_names_template_and_page() {
    let (_, run) = break_site(&[
        (
            "templates/article.html",
            "<h1>{{ page.no_such_field.deeper }}</h1>\n",
        ),
        ("content/a.md", GOOD),
    ]);
    run.assert_error("templates/article.html:", &["article.html", "content/a.md"]);
}

#[test]
fn missing_template_named_in_front_matter() {
    let (_, run) = break_site(&[("content/a.md", "---\ntitle: A\ntemplate: fancy.html\n---\n")]);
    run.assert_error("content/a.md:1:", &["fancy.html"]);
}

#[test]
fn missing_content_folder() {
    let site = Site::new(&[]);
    let run = site.build(&[]);
    run.assert_fails();
    run.assert_error("", &["no content/ folder"])
        .assert_hint("content/");
}

#[test]
fn missing_config_file_names_the_folder() {
    let dir = tempfile::tempdir().expect("temp");
    let run = crate::common::helpsite(&["build", "--site", dir.path().to_str().expect("utf-8")]);
    run.assert_fails();
    assert!(run.stderr.contains("helpsite.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("helpsite init"), "{}", run.stderr);
}

#[test]
fn all_errors_of_a_build_are_listed() {
    let (_, run) = break_site(&[
        ("content/a.md", "---\ntitle: A\n---\n[x](nope.md)\n"),
        ("content/b.md", "---\ntitel: B\n---\n"),
        ("content/c.md", "---\ntitle: C\n"),
        ("templates/section.html", "{% if %}"),
    ]);
    for location in [
        "content/a.md:4:",
        "content/b.md:2:",
        "content/c.md:1:",
        "templates/section.html:1:",
    ] {
        assert!(
            run.stderr.contains(location),
            "missing {location} in:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("Build failed with 4 errors"),
        "{}",
        run.stderr
    );
}
