//! Page keys (what `serve` and rebuilds reuse a page by) change whenever the
//! page's context does: a fixture site in two languages is edited one way
//! after another (text, titles, order, tags, sections, translations,
//! settings, interface text, templates), and after each edit every page
//! whose context changed must have a new key, while a page the edit does not
//! touch keeps its key (a key that always changed would pass the first half).

use std::collections::BTreeMap;

use crate::common::Site;
use helpsite::pipeline::{PageState, page_states};

fn states(site: &Site) -> BTreeMap<String, PageState> {
    page_states(site.path())
        .unwrap_or_else(|d| panic!("the fixture loads: {d:?}"))
        .into_iter()
        .map(|p| (p.path.clone(), p))
        .collect()
}

fn article(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n{extra}---\n\n{body}\n")
}

fn fixture() -> Site {
    Site::new(&[
        (
            "helpsite.yaml",
            "title: Keys\nbase_url: https://example.com/\nlanguages:\n  ru:\n    fallback: true\n",
        ),
        ("content/_index.md", "---\ntitle: Help\n---\n\nWelcome.\n"),
        (
            "content/billing/_index.md",
            "---\ntitle: Billing\ndescription: Money matters\n---\n\nAll about invoices.\n",
        ),
        (
            "content/billing/refunds.md",
            &article(
                "Refunds",
                "weight: 1\ntags: [money]\n",
                "Refunds take five days.\n\n## Card refunds\n\nTo the card.",
            ),
        ),
        (
            "content/billing/invoices.md",
            &article(
                "Invoices",
                "weight: 2\ntags: [money, paper]\n",
                "Invoices come monthly. See [refunds](refunds.md#card-refunds).",
            ),
        ),
        (
            "content/billing/taxes.md",
            &article("Taxes", "weight: 3\n", "Taxes are added."),
        ),
        (
            "content/billing/cards/_index.md",
            "---\ntitle: Cards\n---\n\nCards we take.\n",
        ),
        (
            "content/billing/cards/visa.md",
            &article("Visa", "", "Visa works."),
        ),
        (
            "content/account/_index.md",
            "---\ntitle: Account\n---\n\nYour account.\n",
        ),
        (
            "content/account/password.md",
            &article(
                "Password",
                "description: Change it\n",
                "Reset your password.",
            ),
        ),
        (
            "content/account/email.md",
            &article("Email", "", "Change your email."),
        ),
        (
            "content/account/faq.md",
            &article(
                "Account FAQ",
                "faq: true\n",
                "## Can I delete it?\n\nYes.\n\n## Can I rename it?\n\nNo.",
            ),
        ),
        (
            "content/account/password.ru.md",
            &article("Пароль", "", "Сбросьте пароль."),
        ),
    ])
}

/// What an edit is called, what it does, and the pages it must not touch.
type Edit<'a> = (&'a str, Box<dyn FnOnce(&Site)>, &'a [&'a str]);

/// Applies `edit` and checks every page against the state before it.
/// `untouched` are pages the edit must not re-render.
fn check_edit(
    site: &Site,
    before: &BTreeMap<String, PageState>,
    what: &str,
    edit: impl FnOnce(&Site),
    untouched: &[&str],
) -> BTreeMap<String, PageState> {
    edit(site);
    let after = states(site);
    let mut changed = 0;
    for (path, new) in &after {
        let Some(old) = before.get(path) else {
            continue;
        };
        if old.context != new.context {
            changed += 1;
            if let (Some(a), Some(b)) = (old.key, new.key) {
                assert_ne!(
                    a, b,
                    "{what}: the context of {path} changed but its key did not"
                );
            }
        }
    }
    assert!(
        changed > 0 || after.len() != before.len(),
        "{what}: the edit changed no page, so it tests nothing"
    );
    for path in untouched {
        let (old, new) = (&before[*path], &after[*path]);
        assert!(old.key.is_some(), "{what}: {path} has a key");
        assert_eq!(
            old.key, new.key,
            "{what}: {path} does not show what changed, yet its key changed"
        );
    }
    after
}

#[test]
fn every_page_key_changes_when_its_context_does() {
    let site = fixture();
    let mut state = states(&site);
    // Every kind of keyed page is here, in both languages.
    for path in [
        "index.html",
        "billing/index.html",
        "billing/refunds/index.html",
        "tags/money/index.html",
        "ru/index.html",
        "ru/account/password/index.html",
        "ru/billing/refunds/index.html",
    ] {
        assert!(state.get(path).is_some_and(|p| p.key.is_some()), "{path}");
    }
    let account = [
        "account/password/index.html",
        "account/index.html",
        "ru/account/email/index.html",
    ];
    let other_section = [
        "billing/refunds/index.html",
        "billing/invoices/index.html",
        "ru/billing/refunds/index.html",
    ];
    let write = |rel: &'static str, text: String| move |s: &Site| s.write(rel, &text);
    let edits: Vec<Edit> = vec![
        (
            "an article's text",
            Box::new(write(
                "content/billing/taxes.md",
                article("Taxes", "weight: 3\n", "Taxes are added at checkout."),
            )),
            &account,
        ),
        (
            "an article's title",
            Box::new(write(
                "content/billing/invoices.md",
                article(
                    "Bills",
                    "weight: 2\ntags: [money, paper]\n",
                    "Invoices come monthly. See [refunds](refunds.md#card-refunds).",
                ),
            )),
            &account,
        ),
        (
            "a new heading in an article another one links to",
            Box::new(write(
                "content/billing/refunds.md",
                article(
                    "Refunds",
                    "weight: 1\ntags: [money]\n",
                    "Refunds take five days.\n\n## Card refunds\n\nTo the card.\n\n## Bank refunds\n\nTo the bank.",
                ),
            )),
            &[],
        ),
        (
            "a description",
            Box::new(write(
                "content/billing/taxes.md",
                article(
                    "Taxes",
                    "weight: 3\ndescription: What we add\n",
                    "Taxes are added at checkout.",
                ),
            )),
            &account,
        ),
        (
            "a tag",
            Box::new(write(
                "content/billing/taxes.md",
                article(
                    "Taxes",
                    "weight: 3\ndescription: What we add\ntags: [paper]\n",
                    "Taxes are added at checkout.",
                ),
            )),
            &account,
        ),
        (
            "the order of articles",
            Box::new(write(
                "content/billing/taxes.md",
                article(
                    "Taxes",
                    "weight: 0\ndescription: What we add\ntags: [paper]\n",
                    "Taxes are added at checkout.",
                ),
            )),
            &account,
        ),
        (
            "an article's extra fields and dates",
            Box::new(write(
                "content/account/email.md",
                article(
                    "Email",
                    "updated: 2026-11-02\nreviewed: 2026-11-03\nextra:\n  owner: Ann\n",
                    "Change your email.",
                ),
            )),
            &["billing/taxes/index.html", "billing/index.html"],
        ),
        (
            "a section's title and introduction",
            Box::new(write(
                "content/billing/cards/_index.md",
                "---\ntitle: Payment cards\nextra:\n  icon: card\n---\n\nThe cards we take.\n"
                    .to_string(),
            )),
            &account,
        ),
        (
            "a new article",
            Box::new(write(
                "content/account/name.md",
                article("Name", "", "Change your name."),
            )),
            // A file added changes where any link may resolve, but a page
            // is keyed by what its rendering shows: another section's
            // pages, in either language, keep their keys.
            &other_section,
        ),
        (
            "a deleted article",
            Box::new(|s: &Site| {
                std::fs::remove_file(s.path().join("content/account/name.md")).expect("rm")
            }),
            &other_section,
        ),
        (
            "a translation",
            Box::new(write(
                "content/account/email.ru.md",
                article("Почта", "", "Смените почту."),
            )),
            &[],
        ),
        (
            "the site's title",
            Box::new(write(
                "helpsite.yaml",
                "title: Keys and more\nbase_url: https://example.com/\nlanguages:\n  ru:\n    fallback: true\n"
                    .to_string(),
            )),
            &[],
        ),
        (
            "the interface text",
            Box::new(write(
                "i18n/en.yaml",
                "home: Start\n".to_string(),
            )),
            &[],
        ),
    ];
    for (what, edit, untouched) in edits {
        state = check_edit(&site, &state, what, edit, untouched);
    }
    // A template changes no context but every page made with it (any page
    // may include any template): every key changes.
    let article = std::fs::read_to_string(
        crate::common::repo_root().join("themes/default/templates/article.html"),
    )
    .expect("the default theme has article.html");
    site.write(
        "templates/article.html",
        &article.replace("</article>", "</article><!-- edited -->"),
    );
    let after = states(&site);
    for (path, new) in &after {
        if let Some(key) = new.key {
            assert_ne!(
                Some(key),
                state[path].key,
                "a template: {path} kept its key"
            );
        }
    }
}
