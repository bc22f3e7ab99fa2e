//! `helpsite insights` through the real binary: a fixture log with every kind
//! of event and malformed lines, read against a fixture site for titles and
//! suggestions; JSON output; a missing file.

use crate::common::Site;

const LOG: &str = r#"{"type":"search","path":"/billing/","language":"en","query":"refnudd","results":0,"close":false,"clicked":null}
{"type":"search","path":"/billing/","language":"en","query":"Refnudd","results":0,"close":false,"clicked":null}
{"type":"search","path":"/","language":"en","query":"refund","results":2,"close":false,"clicked":null}
{"type":"search","path":"/billing/refunds/","language":"en","query":"refund","results":2,"close":false,"clicked":1}
{"type":"search","path":"/","language":"en","query":"quantum teleport","results":0,"close":false,"clicked":null}
{"type":"vote","path":"/billing/refunds/","language":"en","vote":"no","reason":"It is out of date","comment":"<b>prices</b> changed","updated":"2026-11-01"}
{"type":"vote","path":"/billing/refunds/","language":"en","vote":"no","reason":"It is out of date","comment":null,"updated":null,"received":"2026-12-01T10:00:00Z"}
{"type":"vote","path":"/billing/refunds/","language":"en","vote":"yes","reason":null,"comment":null,"updated":null}
this is not json
{"type":"vote","path":"/billing/refunds/","vote":"perhaps"}

{"type":"search","query":"x"}
"#;

fn site() -> Site {
    Site::new(&[
        (
            "content/billing/_index.md",
            "---\ntitle: Billing\n---\nMoney.\n",
        ),
        (
            "content/billing/refunds.md",
            "---\ntitle: Refunds\n---\nA refund takes a week. Card chargebacks are answered in two days.\n",
        ),
        ("events.jsonl", LOG),
    ])
}

#[test]
fn a_log_becomes_findings_with_suggestions_and_bad_lines_are_counted() {
    let site = site();
    let events = site.path().join("events.jsonl");
    let run = crate::common::helpsite(&[
        "insights",
        events.to_str().expect("utf-8"),
        "--site",
        site.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.starts_with("11 events: 5 searches, 3 votes; 3 lines are not events (line 9, 10, 12)."),
        "{out}"
    );
    // The misspelling counts once, in either case, with a synonym to declare.
    assert!(out.contains("2 × “refnudd” (of 2 searches)"), "{out}");
    assert!(out.contains("add `[refnudd, refund"), "{out}");
    assert!(
        out.contains("“quantum teleport”")
            && out.contains("write an article about “quantum teleport”")
    );
    assert!(
        out.contains("1 × “refund” (of 2 searches)")
            && out.contains("“Refunds” (/billing/refunds/"),
        "{out}"
    );
    assert!(
        out.contains("2 no, 1 yes  “Refunds” /billing/refunds/"),
        "{out}"
    );
    assert!(out.contains("2 × It is out of date") && out.contains("“<b>prices</b> changed”"));
    assert!(
        out.contains("3 searches        1 clicks   33.3 %  Billing"),
        "{out}"
    );

    let json = crate::common::helpsite(&[
        "insights",
        events.to_str().expect("utf-8"),
        "--site",
        site.path().to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(report["malformed"], 3);
    assert_eq!(report["malformed_lines"], serde_json::json!([9, 10, 12]));
    assert_eq!(report["unanswered"][0]["query"], "refnudd");
    assert_eq!(
        report["articles"][0]["reasons"][0],
        serde_json::json!(["It is out of date", 2])
    );
}

#[test]
fn without_a_site_the_report_says_so_and_a_missing_file_is_an_error() {
    let site = site();
    let events = site.path().join("events.jsonl");
    let elsewhere = tempfile::tempdir().expect("temp");
    let run = crate::common::helpsite(&[
        "insights",
        events.to_str().expect("utf-8"),
        "--site",
        elsewhere.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("Note: no helpsite.yaml in"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("/billing/refunds/"));

    let missing = site.path().join("nope.jsonl");
    let run = crate::common::helpsite(&["insights", missing.to_str().expect("utf-8")]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("nope.jsonl: error: cannot read the events file"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_feedback_settings_are_located_errors() {
    for (yaml, words) in [
        (
            "feedback:\n  endpoint: collector.example.com\n",
            "must start with https://",
        ),
        ("feedback:\n  endpoint: \"https://\"\n", "has no host name"),
        (
            "feedback:\n  endpoint: https://a.b/x y\n",
            "must not contain spaces",
        ),
        ("feedback:\n  analytics: piwik\n", "unknown variant `piwik`"),
        (
            "feedback:\n  endpoint: /collect\n  reasons: [\"\", Other]\n",
            "a feedback reason is empty",
        ),
    ] {
        let site = Site::new(&[
            ("helpsite.yaml", &format!("title: T\n{yaml}")),
            ("content/a.md", "---\ntitle: A\n---\nText.\n"),
        ]);
        let run = site.build(&[]);
        run.assert_fails();
        assert!(
            run.stderr.contains("helpsite.yaml:") && run.stderr.contains(words),
            "{yaml}: {}",
            run.stderr
        );
    }
}

#[test]
fn searches_that_failed_readers_become_search_tests_that_check_runs() {
    let site = Site::new(&[
        (
            "content/billing/_index.md",
            "---\ntitle: Billing\n---\nMoney.\n",
        ),
        (
            "content/billing/refunds.md",
            "---\ntitle: Refunds\n---\nA refund takes a week.\n",
        ),
        (
            "content/billing/chargebacks.md",
            "---\ntitle: Chargebacks\n---\nA card chargeback is answered in two days. Not a refund.\n",
        ),
    ]);
    // "card refund" opened Refunds, whose reader said No; "quantum" found
    // nothing; "refund" opened Refunds and was answered.
    let log = [
        r#"{"type":"search","query":"card refund","results":2,"clicked":1}"#,
        r#"{"type":"vote","path":"/billing/refunds/","vote":"no","query":"Card  refund"}"#,
        r#"{"type":"vote","path":"/billing/refunds/","vote":"no","query":"card refund"}"#,
        r#"{"type":"search","query":"quantum","results":0,"clicked":null}"#,
        r#"{"type":"search","query":"refund","results":2,"clicked":1}"#,
        r#"{"type":"vote","path":"/billing/refunds/","vote":"yes","query":"refund"}"#,
        r#"{"type":"vote","path":"/billing/refunds/","vote":"no","query":"   "}"#,
    ]
    .join("\n");
    site.write("events.jsonl", &log);
    let events = site.path().join("events.jsonl");
    let dir = site.path().to_str().expect("utf-8");
    let args = ["insights", events.to_str().expect("utf-8"), "--site", dir];
    let run = crate::common::helpsite(&args);
    run.assert_ok();
    let out = &run.stdout;
    let block = out
        .split("Search tests to add to search-tests.yaml")
        .nth(1)
        .unwrap_or_else(|| panic!("no proposals in:\n{out}"));
    let yaml: String = block
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| format!("{}\n", l.strip_prefix("  ").unwrap_or(l)))
        .collect();
    assert_eq!(
        yaml,
        "tests:\n  - query: \"card refund\"   # 2 “No” votes on /billing/refunds/\n    article: \"/billing/chargebacks/\"   # found first now: keep it if it answers\n  - query: \"quantum\"   # 1 search found nothing\n    article: \"\"   # the page that answers it\n"
    );
    // Pasted as it is, check runs it: the first passes, the second names no page yet.
    site.write("search-tests.yaml", &yaml);
    crate::common::helpsite(&["check", "--site", dir])
        .assert_fails()
        .assert_error(
            "search-tests.yaml:4:",
            &["the search test for “quantum” names no page"],
        );
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let report: serde_json::Value =
        serde_json::from_str(&crate::common::helpsite(&json_args).stdout).expect("JSON");
    assert_eq!(report["proposed_tests"][0]["weight"], 2);
    assert_eq!(
        report["proposed_tests"][1]["found_now"],
        serde_json::Value::Null
    );
}
