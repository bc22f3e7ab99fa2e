//! The whole output of a few things, held as snapshots (insta) rather than
//! by the few words an assertion looks for: rendered markdown, an article's
//! and an FAQ's page context, `check --format json` and `search --format
//! json`, all from the fixture site `tests/fixtures/snapshot-site/`. A change
//! shows as a diff of the snapshot; `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test --test it snapshots::`) accepts it.

use crate::common::{Site, helpsite};

/// The fixture built with a template that prints each article's whole
/// context (`__tera_context`) instead of the page: every variable a theme
/// can use, as JSON.
fn contexts() -> Site {
    let site = Site::fixture("snapshot-site");
    site.write("templates/article.html", "{{ __tera_context | safe }}");
    site.build(&[]).assert_ok();
    site
}

/// An article's context, with what changes whenever the theme's files do
/// (their `?v=` content hashes) written as `[hash]`.
fn context_of(site: &Site, page: &str) -> serde_json::Value {
    let text = site.read_out(page);
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("the context as JSON");
    redact_hashes(&mut value);
    value
}

fn redact_hashes(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            if let Some(at) = s.find("?v=") {
                s.truncate(at);
                s.push_str("?v=[hash]");
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_hashes),
        serde_json::Value::Object(map) => map.values_mut().for_each(redact_hashes),
        _ => {}
    }
}

#[test]
fn rendered_markdown() {
    let site = contexts();
    let context = context_of(&site, "billing/refunds/index.html");
    let html = context["page"]["content"].as_str().expect("page.content");
    insta::assert_snapshot!("refunds_markdown", html);
}

#[test]
fn article_page_context() {
    let site = contexts();
    let mut context = context_of(&site, "billing/refunds/index.html");
    // Held by `rendered_markdown`; the browser scripts' text by the
    // interface files' own tests.
    context["page"]["content"] = "[rendered_markdown]".into();
    context["script_text"] = "[interface text]".into();
    insta::assert_snapshot!(
        "refunds_context",
        serde_json::to_string_pretty(&context).expect("json")
    );
}

#[test]
fn faq_page_context() {
    let site = contexts();
    let context = context_of(&site, "billing/faq/index.html");
    insta::assert_snapshot!(
        "faq_items",
        serde_json::to_string_pretty(&context["page"]["faq_items"]).expect("json")
    );
    insta::assert_snapshot!("faq_jsonld", context["jsonld"].as_str().expect("jsonld"));
}

#[test]
fn check_json() {
    let site = Site::fixture("snapshot-site");
    let run = helpsite(&[
        "check",
        "--site",
        site.path().to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    insta::assert_snapshot!("check_json", run.stdout);
}

#[test]
fn search_json() {
    let site = Site::fixture("snapshot-site");
    let dir = site.path().to_str().expect("utf-8");
    for (name, query) in [
        ("search_refund_card", "refund card"),
        ("search_typo", "invoise"),
        ("search_question", "can i pay by bank transfer"),
    ] {
        let run = helpsite(&["search", query, "--site", dir, "--format", "json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(name, run.stdout);
    }
}
