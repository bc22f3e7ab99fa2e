//! `search-tests.yaml`: `helpsite check` runs the writer's search tests on
//! the site's own search, reports each failure with the rank found and what
//! ranked above, sums the file up (MRR@10, found@N, text and JSON), and
//! reports every mistake in the file at its line.

use crate::common::{Run, Site, helpsite};

/// Three articles where "refund" is the title of one and a word of another.
fn shop(tests: &str) -> Site {
    Site::new(&[
        (
            "content/billing/_index.md",
            "---\ntitle: Billing\n---\nPaying for the shop.\n",
        ),
        (
            "content/billing/refunds.md",
            "---\ntitle: Refunds\ndescription: Getting your money back.\n---\nWe refund any order within 30 days.\n\n## Partial refunds\n\nWhen only part of an order is returned, the refund covers that part.\n\n## Refund timing\n\nMoney reaches your card in five days.\n",
        ),
        (
            "content/billing/invoices.md",
            "---\ntitle: Invoices\n---\nEvery order has an invoice. A refund gets a credit note.\n",
        ),
        (
            "content/account/password.md",
            "---\ntitle: Resetting your password\n---\nOpen the sign-in page and choose \"Forgot password\".\n",
        ),
        ("search-tests.yaml", tests),
    ])
}

fn check(site: &Site, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--site", site.path().to_str().expect("utf-8")];
    args.extend_from_slice(extra);
    helpsite(&args)
}

fn json(site: &Site) -> (Run, serde_json::Value) {
    let run = check(site, &["--format", "json"]);
    let v = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}):\n{}", run.stdout));
    (run, v)
}

#[test]
fn passing_tests_sum_up_and_exit_0() {
    let site = shop(
        "top: 2\ntests:\n  - query: refunds\n    article: billing/refunds.md\n    top: 1\n  - query: partial refund\n    article: billing/refunds\n    heading: partial refunds\n  - query: forgot password\n    article: /account/password/\n  - query: invoice\n    article: content/billing/invoices.md\n  - query: billing\n    article: billing/\n",
    );
    let run = check(&site, &[]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains("Search tests: 5 of 5 pass; MRR@10 1.000, found within their top N 100.0 %."),
        "{}",
        run.stdout
    );
    let (run, v) = json(&site);
    run.assert_ok();
    let t = &v["search_tests"];
    assert_eq!(t["tests"], 5);
    assert_eq!(t["passed"], 5);
    assert_eq!(t["outcomes"][1]["expected"], "/billing/refunds/");
    assert_eq!(t["outcomes"][1]["rank"], 1);
    assert_eq!(t["outcomes"][1]["line"], 6);
}

#[test]
fn a_failure_names_its_rank_and_what_ranked_above() {
    let site = shop(
        "tests:\n  - query: refund\n    article: billing/invoices.md\n    top: 1\n  - query: refund\n    article: account/password.md\n  - query: refund timing\n    article: billing/refunds.md\n    heading: Partial refunds\n",
    );
    let run = check(&site, &[]);
    run.assert_fails();
    run.assert_error(
        "search-tests.yaml:2:",
        &["“refund” finds /billing/invoices/ at rank 2, below its top 1"],
    );
    assert!(
        run.stderr.contains("1. Refunds (/billing/refunds/)"),
        "what ranked above is listed:\n{}",
        run.stderr
    );
    run.assert_error(
        "search-tests.yaml:5:",
        &["“refund” does not find /account/password/ among its first 2 results"],
    );
    run.assert_error(
        "search-tests.yaml:7:",
        &["opens “Refund timing”, not “Partial refunds”"],
    );
    assert!(
        run.stdout
            .contains("Search tests: 0 of 3 pass; MRR@10 0.500, found within their top N 33.3 %."),
        "{}",
        run.stdout
    );
    let (run, v) = json(&site);
    run.assert_fails();
    let t = &v["search_tests"]["outcomes"];
    assert_eq!(t[0]["rank"], 2);
    assert_eq!(t[1]["rank"], serde_json::Value::Null);
    assert_eq!(t[2]["passed"], false);
    let failures = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "search-test" && d["severity"] == "error")
        .count();
    assert_eq!(failures, 3);
}

#[test]
fn every_mistake_in_the_file_is_reported_at_its_line() {
    let site = shop(
        "tests:\n  - query: refunds\n    article: billing/refund.md\n  - query: \"  \"\n    article: billing/refunds.md\n  - query: refunds\n    article: billing/refunds.md\n    language: xx\n  - query: refunds\n    article: billing/refunds.md\n    top: 0\n  - query: refunds\n    article: billing/refunds.md\n",
    );
    let run = check(&site, &[]);
    run.assert_fails();
    run.assert_error(
        "search-tests.yaml:2:",
        &["names `billing/refund.md`, which is no page"],
    )
    .assert_hint("billing/refunds.md");
    run.assert_error("search-tests.yaml:4:", &["empty `query`"]);
    run.assert_error("search-tests.yaml:6:", &["`language: xx`"])
        .assert_hint("the site's languages are en");
    run.assert_error("search-tests.yaml:9:", &["`top` is 0"]);
    // The one good test still ran.
    assert!(
        run.stdout.contains("Search tests: 1 of 1 pass"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_that_does_not_read_is_one_located_error() {
    let site = shop("tests:\n  - querry: refunds\n    article: billing/refunds.md\n");
    let run = check(&site, &[]);
    run.assert_fails();
    run.assert_error("search-tests.yaml:2", &["unknown key `querry`"])
        .assert_hint("did you mean `query`?");
    let site = shop("tests: [unclosed\n");
    check(&site, &[])
        .assert_fails()
        .assert_error("search-tests.yaml", &[]);
    let site = shop("");
    check(&site, &[]).assert_ok();
}

#[test]
fn tests_run_in_each_language_of_the_site() {
    let site = Site::new(&[
        (
            "helpsite.yaml",
            "title: Shop\nbase_url: https://example.com/help/\nlanguage: en\nlanguages:\n  de:\n    title: Laden\n",
        ),
        (
            "content/refunds.md",
            "---\ntitle: Refunds\n---\nMoney back.\n",
        ),
        (
            "content/refunds.de.md",
            "---\ntitle: Erstattungen\n---\nGeld zurück.\n",
        ),
        (
            "content/orders.md",
            "---\ntitle: Orders\n---\nPlacing an order.\n",
        ),
        (
            "search-tests.yaml",
            "tests:\n  - query: erstattung\n    article: refunds.md\n    language: de\n  - query: refunds\n    article: /help/refunds/\n  - query: geld\n    article: orders.md\n    language: DE\n",
        ),
    ]);
    let (run, v) = json(&site);
    run.assert_fails();
    let t = &v["search_tests"]["outcomes"];
    assert_eq!(t[0]["expected"], "/help/de/refunds/");
    assert_eq!(t[0]["language"], "de");
    assert_eq!(t[0]["passed"], true);
    assert_eq!(t[1]["expected"], "/help/refunds/");
    assert_eq!(t[1]["passed"], true);
    // Without `fallback`, the German site has no orders page.
    check(&site, &[])
        .assert_error(
            "search-tests.yaml:7:",
            &["names `orders.md`, which is no page of the site in `de`"],
        )
        .assert_hint("not translated into `de`");
}
