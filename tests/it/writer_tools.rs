//! helpsite check (validations, lints, JSON, external links), init and new.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{Site, helpsite, repo_root};

/// A site whose every article passes every lint, plus `extra` files.
fn clean_site(extra: &[(&str, &str)]) -> Site {
    let mut files = vec![
        (
            "content/a/one.md",
            "---\ntitle: One\ndescription: The first.\nreviewed: 2026-11-01\n---\nSee [two](two.md).\n\n## Part\n\n### Sub\n\n![A diagram](pic.png)\n",
        ),
        (
            "content/a/two.md",
            "---\ntitle: Two\ndescription: The second.\nreviewed: 2026-11-01\n---\nSee [one](one.md) and [the web](https://example.com/page).\n",
        ),
        ("content/a/pic.png", "png"),
    ];
    files.extend_from_slice(extra);
    Site::new(&files)
}

fn check(site: &Site, extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["check", "--site", site.path().to_str().expect("utf-8")];
    args.extend_from_slice(extra);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_helpsite"))
        .args(&args)
        .env("HELPSITE_TODAY", "2026-11-26")
        .output()
        .expect("run");
    crate::common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json(site: &Site, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let run = check(site, &args);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("bad JSON ({e}):\n{}", run.stdout))
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect()
}

#[test]
fn clean_site_passes_and_writes_nothing() {
    let site = clean_site(&[]);
    let run = check(&site, &["--deny-warnings"]);
    run.assert_ok();
    assert!(
        run.stdout.contains("0 errors, 0 warnings"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(!site.out().exists(), "check wrote output");
}

#[test]
fn bundled_site_is_clean() {
    let root = repo_root();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_helpsite"))
        .args([
            "check",
            "--deny-warnings",
            "--site",
            root.to_str().expect("utf-8"),
        ])
        .env("HELPSITE_TODAY", "2026-11-26")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn check_reports_build_errors_including_template_render_errors() {
    let site = clean_site(&[(
        "content/a/bad.md",
        "---\ntitle: Bad\n---\n[x](missing.md)\n",
    )]);
    let run = check(&site, &[]);
    run.assert_fails();
    run.assert_error("content/a/bad.md:4:1:", &["missing.md"]);

    let site = clean_site(&[("templates/article.html", "{{ page.nope.deeper }}")]);
    let run = check(&site, &[]);
    run.assert_fails();
    run.assert_error("templates/article.html", &["content/a/one.md"]);
    assert!(!site.out().exists());
}

#[test]
fn each_lint_finds_its_problem() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "stale-content",
            "content/a/old.md",
            "---\ntitle: Old\ndescription: d\nreviewed: 2020-01-01\n---\n",
        ),
        (
            "never-reviewed",
            "content/a/new.md",
            "---\ntitle: New\ndescription: d\n---\n",
        ),
        (
            "missing-description",
            "content/a/nodesc.md",
            "---\ntitle: No desc\nreviewed: 2026-11-01\n---\n",
        ),
        (
            "duplicate-title",
            "content/a/dup.md",
            "---\ntitle: one\ndescription: d\nreviewed: 2026-11-01\n---\n",
        ),
        (
            "image-alt",
            "content/a/img.md",
            "---\ntitle: Img\ndescription: d\nreviewed: 2026-11-01\n---\n![](pic.png)\n",
        ),
        (
            "heading-skip",
            "content/a/skip.md",
            "---\ntitle: Skip\ndescription: d\nreviewed: 2026-11-01\n---\n## A\n\n#### B\n",
        ),
        (
            "empty-section",
            "content/empty/_index.md",
            "---\ntitle: Empty\n---\n",
        ),
        (
            "orphan",
            "content/a/alone.md",
            "---\ntitle: Alone\ndescription: d\nreviewed: 2026-11-01\n---\n",
        ),
        (
            "malformed-link",
            "content/a/mal.md",
            "---\ntitle: Mal\ndescription: d\nreviewed: 2026-11-01\n---\n[x](htps://example.com)\n",
        ),
    ];
    // Reviews are tracked once an interval is set; `orphan` is off unless asked for.
    let config = "title: T\ncheck:\n  review_interval_days: 365\n  lints:\n    orphan: warning\n";
    for (lint, path, text) in cases {
        let site = clean_site(&[(path, text), ("helpsite.yaml", config)]);
        let v = json(&site, &[]);
        let found: Vec<&serde_json::Value> = v["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .filter(|d| d["code"] == *lint)
            .collect();
        assert!(!found.is_empty(), "{lint} not reported for {path}: {v:#}");
        assert!(
            found.iter().any(|d| d["path"]
                .as_str()
                .is_some_and(|p| p.starts_with("content/"))),
            "{lint}: {v:#}"
        );
        assert!(
            found.iter().all(|d| d["hint"].is_string()),
            "{lint} has a hint"
        );
    }
}

#[test]
fn defaults_flag_what_needs_attention_on_a_site_as_it_stands() {
    // A site that never adopted reviews, whose articles are reached through
    // their section lists: nothing to report.
    let site = Site::new(&[
        (
            "content/a/one.md",
            "---\ntitle: One\ndescription: d\n---\nText.\n",
        ),
        (
            "content/a/two.md",
            "---\ntitle: Two\ndescription: d\n---\nText.\n",
        ),
    ]);
    let v = json(&site, &[]);
    let codes = codes(&v);
    assert!(
        !codes
            .iter()
            .any(|c| c == "never-reviewed" || c == "orphan" || c == "stale-content"),
        "{v:#}"
    );
}

#[test]
fn the_text_report_groups_a_lint_found_many_times() {
    let mut files: Vec<(String, String)> = (0..25)
        .map(|i| {
            (
                format!("content/a/skip{i}.md"),
                "---\ntitle: Skip\ndescription: d\n---\n## A\n\n#### B\n".to_string(),
            )
        })
        .collect();
    files.push((
        "content/a/broken.md".into(),
        "---\ntitle: Broken\ndescription: d\n---\n[x](htps://example.com)\n".into(),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = Site::new(&refs);
    let run = check(&site, &[]);
    let skips = run
        .stderr
        .lines()
        .filter(|l| l.contains("warning:") && l.contains("jumps from level"))
        .count();
    assert_eq!(skips, 10, "{}", run.stderr);
    assert!(
        run.stderr.contains("… and 15 more `heading-skip` findings"),
        "{}",
        run.stderr
    );
    // Other findings are all shown, and the JSON report has every one.
    run.assert_error("content/a/broken.md:5:", &["htps://"]);
    let v = json(&site, &[]);
    assert_eq!(
        codes(&v).iter().filter(|c| *c == "heading-skip").count(),
        25
    );
}

#[test]
fn alias_links_point_to_the_article() {
    let site = clean_site(&[
        (
            "content/b/moved.md",
            "---\ntitle: Moved\ndescription: d\nreviewed: 2026-11-01\naliases: [/old/place/]\n---\n",
        ),
        (
            "content/b/linker.md",
            "---\ntitle: Linker\ndescription: d\nreviewed: 2026-11-01\n---\n[moved](/old/place/) [m2](moved.md) [l](linker.md)\n",
        ),
    ]);
    let run = check(&site, &[]);
    assert!(run.stderr.contains("content/b/linker.md:6:1: warning: link `/old/place/` reaches “Moved” only through an alias"), "{}", run.stderr);
    run.assert_hint("moved.md");
}

#[test]
fn lint_levels_are_configurable() {
    let old = (
        "content/a/old.md",
        "---\ntitle: Old\ndescription: d\nreviewed: 2020-01-01\n---\n[one](one.md)\n",
    );
    let config = "title: T\ncheck:\n  review_interval_days: 365\n  lints:\n    stale-content: error\n    orphan: off\n";
    let site = clean_site(&[old, ("helpsite.yaml", config)]);
    let run = check(&site, &[]);
    run.assert_fails();
    run.assert_error("content/a/old.md:4:", &["last reviewed on 2020-01-01"]);

    let config = "title: T\ncheck:\n  review_interval_days: 100000\n";
    let site = clean_site(&[old, ("helpsite.yaml", config)]);
    assert!(!codes(&json(&site, &[])).contains(&"stale-content".to_string()));

    let config = "title: T\ncheck:\n  lints:\n    orphans: off\n";
    let site = clean_site(&[("helpsite.yaml", config)]);
    let run = check(&site, &[]);
    run.assert_fails();
    run.assert_error("helpsite.yaml:4:", &["unknown lint `orphans`"])
        .assert_hint("`orphan`");
}

#[test]
fn warnings_fail_only_when_denied() {
    let site = clean_site(&[
        (
            "content/a/new.md",
            "---\ntitle: New\ndescription: d\n---\n[one](one.md)\n",
        ),
        (
            "helpsite.yaml",
            "title: T\ncheck:\n  review_interval_days: 365\n",
        ),
    ]);
    let run = check(&site, &[]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("warning: the article has never been reviewed")
    );
    check(&site, &["--deny-warnings"]).assert_fails();
}

#[test]
fn json_schema_is_stable() {
    let site = clean_site(&[
        (
            "content/a/nodesc.md",
            "---\ntitle: No desc\nreviewed: 2026-11-01\n---\n[o](one.md)\n",
        ),
        (
            "helpsite.yaml",
            "title: T\ncheck:\n  lints:\n    orphan: off\n",
        ),
    ]);
    let v = json(&site, &[]);
    assert_eq!(v["version"], 1);
    assert_eq!(v["errors"], 0);
    assert_eq!(v["warnings"], 1);
    let d = &v["diagnostics"][0];
    let keys: Vec<&str> = d
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "code", "column", "hint", "line", "message", "path", "severity"
        ]
    );
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["code"], "missing-description");
    assert_eq!(d["path"], "content/a/nodesc.md");
    assert_eq!(d["line"], 1);
}

/// A loopback HTTP server: `/ok` 200, `/dead` 404, `/nohead` 405 for HEAD and
/// 200 for GET. Records when each request arrived.
fn serve(hits: Arc<Mutex<Vec<(String, Instant)>>>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(64).flatten() {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut first = String::new();
            if reader.read_line(&mut first).is_err() {
                continue;
            }
            loop {
                let mut l = String::new();
                if reader.read_line(&mut l).map_or(true, |n| n == 0) || l == "\r\n" {
                    break;
                }
            }
            let mut parts = first.split_whitespace();
            let method = parts.next().unwrap_or("").to_string();
            let path = parts.next().unwrap_or("").to_string();
            hits.lock()
                .expect("lock")
                .push((format!("{method} {path}"), Instant::now()));
            let status = match (method.as_str(), path.as_str()) {
                (_, "/ok") => "200 OK",
                ("HEAD", "/nohead") => "405 Method Not Allowed",
                ("GET", "/nohead") => "200 OK",
                _ => "404 Not Found",
            };
            let mut s = stream;
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    port
}

#[test]
fn external_links_are_fetched_only_on_request() {
    let hits = Arc::new(Mutex::new(Vec::new()));
    let port = serve(hits.clone());
    let body = format!(
        "---\ntitle: Ext\ndescription: d\nreviewed: 2026-11-01\n---\n[one](one.md) [a](http://127.0.0.1:{port}/ok) [b](http://127.0.0.1:{port}/dead) [c](http://127.0.0.1:{port}/nohead)\n"
    );
    let site = clean_site(&[("content/a/ext.md", &body)]);

    let run = check(&site, &[]);
    run.assert_ok();
    assert!(
        hits.lock().expect("lock").is_empty(),
        "links fetched without --external"
    );

    let run = check(&site, &["--external"]);
    run.assert_fails();
    run.assert_error("content/a/ext.md:6:", &["/dead", "HTTP 404"]);
    assert!(!run.stderr.contains("/ok does not work"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("/nohead does not work"),
        "GET fallback after 405: {}",
        run.stderr
    );

    // One host: requests are spaced by the per-host interval (500 ms by default).
    let times: Vec<Instant> = hits.lock().expect("lock").iter().map(|(_, t)| *t).collect();
    assert!(times.len() >= 3);
    let span = times.last().expect("last").duration_since(times[0]);
    assert!(
        span >= Duration::from_millis(900),
        "requests not rate-limited: {span:?}"
    );
}

#[test]
fn init_creates_a_site_that_builds_and_checks_clean() {
    let dir = tempfile::tempdir().expect("temp");
    let target = dir.path().join("new-site");
    let t = target.to_str().expect("utf-8");
    let run = helpsite(&["init", t]);
    run.assert_ok();
    assert!(target.join("helpsite.yaml").is_file());
    assert!(
        !target.join("themes").exists(),
        "no theme copy unless asked"
    );
    helpsite(&["build", "--site", t]).assert_ok();
    assert!(
        target
            .join("public/getting-started/welcome/index.html")
            .is_file()
    );
    helpsite(&["check", "--site", t, "--deny-warnings"]).assert_ok();

    // Refuses a non-empty folder, and changes nothing in it.
    let before = std::fs::read_to_string(target.join("helpsite.yaml")).expect("read");
    let run = helpsite(&["init", t]);
    run.assert_fails();
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert_eq!(
        before,
        std::fs::read_to_string(target.join("helpsite.yaml")).expect("read")
    );

    let copy = dir.path().join("themed");
    helpsite(&["init", copy.to_str().expect("utf-8"), "--theme-copy"]).assert_ok();
    assert!(copy.join("themes/default/templates/article.html").is_file());
    assert!(copy.join("themes/default/static/style.css").is_file());
    helpsite(&["build", "--site", copy.to_str().expect("utf-8")]).assert_ok();
}

#[test]
fn new_creates_an_article_and_never_overwrites() {
    let site = clean_site(&[]);
    let s = site.path().to_str().expect("utf-8");
    let run = helpsite(&["new", "content/billing/refund-policy.md", "--site", s]);
    run.assert_ok();
    let text = std::fs::read_to_string(site.path().join("content/billing/refund-policy.md"))
        .expect("created");
    assert!(
        text.starts_with("---\ntitle: \"Refund policy\"\n"),
        "{text}"
    );
    assert!(text.contains("updated: 20"), "{text}");

    let run = helpsite(&[
        "new",
        "content/billing/refund-policy.md",
        "--site",
        s,
        "--title",
        "Other",
    ]);
    run.assert_fails();
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(
        text,
        std::fs::read_to_string(site.path().join("content/billing/refund-policy.md"))
            .expect("kept")
    );

    helpsite(&[
        "new",
        "content/billing/faq.md",
        "--site",
        s,
        "--faq",
        "--title",
        "Billing: \"FAQ\"",
    ])
    .assert_ok();
    site.build(&[]).assert_ok();
    let page = site.read_out("billing/faq/index.html");
    assert!(page.contains("FAQPage"), "FAQ article");
    assert!(
        page.contains("Billing: &quot;FAQ&quot;"),
        "title kept exactly"
    );

    assert_eq!(helpsite(&["new", "../outside.md", "--site", s]).code, 2);
    assert_eq!(helpsite(&["new", "content/notes.txt", "--site", s]).code, 2);
    assert!(
        !site
            .path()
            .parent()
            .expect("parent")
            .join("outside.md")
            .exists()
    );
}

#[test]
fn every_lint_the_readme_lists_can_be_set_and_is_known() {
    let readme =
        std::fs::read_to_string(crate::common::repo_root().join("README.md")).expect("README");
    let table = readme
        .split("| lint | default | finds |")
        .nth(1)
        .expect("the README's lint table");
    let listed: Vec<&str> = table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with("| `"))
        .filter_map(|l| l.split('`').nth(1))
        .collect();
    let known: Vec<&str> = helpsite::check::LINTS.iter().map(|l| l.name).collect();
    assert_eq!(listed, known, "the README's table and check::LINTS");
    // Each can be turned off (support-fact once was refused as unknown).
    let config = format!(
        "title: T\ncheck:\n  lints:\n{}",
        listed
            .iter()
            .map(|l| format!("    {l}: off\n"))
            .collect::<String>()
    );
    let site = clean_site(&[("helpsite.yaml", &config)]);
    check(&site, &[]).assert_ok();
}

#[test]
fn every_lint_in_the_table_runs_and_off_turns_it_off() {
    // One site that trips every lint but `dead-link` (the network's).
    let support = std::fs::read_to_string(crate::common::repo_root().join("support.yaml"))
        .expect("support.yaml");
    let address = support
        .lines()
        .find_map(|l| l.trim().strip_prefix("email: "))
        .expect("an email channel's address in the bundled support.yaml")
        .trim()
        .to_string();
    let hand_written = format!(
        "---\ntitle: Contact\ndescription: Reach us.\nreviewed: 2026-11-01\n---\nWrite to {address}. See [one](../a/one.md), [old](/old-two/) and [bad](htps://example.com).\n"
    );
    let files: Vec<(&str, &str)> = vec![
        ("support.yaml", &support),
        (
            "content/a/two.md",
            "---\ntitle: Two\ndescription: The second.\nreviewed: 2020-01-01\nupdated: 2026-11-02\naliases: [/old-two/]\n---\n#### Deep\n\n![](pic.png)\n",
        ),
        // A translation older than its source (`translation-stale`); the other
        // articles have none (`untranslated`).
        (
            "content/a/two.ru.md",
            "---\ntitle: Два\ndescription: Второй.\nreviewed: 2026-11-01\nupdated: 2026-01-01\n---\nТекст.\n",
        ),
        ("content/b/one-again.md", "---\ntitle: One\n---\nText.\n"),
        ("content/b/contact.md", &hand_written),
        (
            "content/empty/_index.md",
            "---\ntitle: Empty\n---\nNothing yet.\n",
        ),
    ];
    let all_on = "title: T\nlanguages:\n  ru: {}\ncheck:\n  review_interval_days: 365\n  lints:\n    orphan: warning\n";
    let mut with_config = files.clone();
    with_config.push(("helpsite.yaml", all_on));
    let site = clean_site(&with_config);
    let found = codes(&json(&site, &[]));
    for lint in helpsite::check::LINTS
        .iter()
        .filter(|l| l.name != "dead-link")
    {
        assert!(
            found.iter().any(|c| c == lint.name),
            "`{}` found nothing: {found:?}",
            lint.name
        );
    }
    let all_off = format!(
        "title: T\nlanguages:\n  ru: {{}}\ncheck:\n  review_interval_days: 365\n  lints:\n{}",
        helpsite::check::LINTS
            .iter()
            .map(|l| format!("    {}: off\n", l.name))
            .collect::<String>()
    );
    let mut with_config = files;
    with_config.push(("helpsite.yaml", &all_off));
    let site = clean_site(&with_config);
    let found = codes(&json(&site, &[]));
    for lint in helpsite::check::LINTS {
        assert!(
            !found.iter().any(|c| c == lint.name),
            "`{}` is off: {found:?}",
            lint.name
        );
    }
}

/// Completions and man pages come from the command line's own definitions:
/// every command is in them, and they are written where asked.
#[test]
fn completions_and_man_pages_list_every_command() {
    let commands = [
        "build", "serve", "check", "search", "init", "import", "insights", "new",
    ];
    for shell in ["bash", "zsh", "fish"] {
        let run = helpsite(&["completions", shell]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        for c in commands {
            assert!(run.stdout.contains(c), "{shell} completions lack {c}");
        }
        assert!(
            run.stdout.contains("deny-warnings"),
            "{shell}: check's flags"
        );
    }
    let run = helpsite(&["completions", "tcsh"]);
    assert_eq!(
        run.code, 2,
        "an unknown shell is a usage error: {}",
        run.stderr
    );

    let page = helpsite(&["man"]);
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(
        page.stdout.starts_with(".ie") || page.stdout.contains(".TH helpsite"),
        "{}",
        page.stdout
    );
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("man1");
    let run = helpsite(&["man", "--dir", out.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for c in commands {
        let file = out.join(format!("helpsite-{c}.1"));
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(text.contains(".TH"), "{}", file.display());
    }
    assert!(out.join("helpsite.1").is_file());
}

#[test]
fn version_names_the_version() {
    let run = helpsite(&["--version"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .starts_with(&format!("helpsite {}", env!("CARGO_PKG_VERSION"))),
        "{}",
        run.stdout
    );
}
