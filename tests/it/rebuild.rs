//! `helpsite build` takes the pages whose key is unchanged from the previous
//! output (pipeline/previous.rs) instead of rendering them: every rebuild
//! must equal a fresh build byte for byte, a page edited by hand in the
//! output is made again, and a damaged or forged keys file only costs the
//! reuse.

use std::path::{Path, PathBuf};

use crate::common::Site;

const DAY: Option<&str> = Some("2026-12-03");
const KEPT: &str = "files unchanged, kept";

fn article(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n{extra}---\n\n{body}\n")
}

fn fixture() -> Site {
    Site::new(&[
        (
            "helpsite.yaml",
            "title: Rebuilds\nbase_url: https://example.com/\nlanguages:\n  ru:\n    fallback: true\n",
        ),
        ("content/_index.md", "---\ntitle: Help\n---\n\nWelcome.\n"),
        (
            "content/billing/_index.md",
            "---\ntitle: Billing\n---\n\nMoney matters.\n",
        ),
        (
            "content/billing/refunds.md",
            &article(
                "Refunds",
                "tags: [money]\nupdated: 2026-11-01\n",
                "Five days.\n\n## Card refunds\n\nTo the card.\n\n```rust\nfn refund(days: u32) -> bool { days < 5 }\n```",
            ),
        ),
        (
            "content/billing/invoices.md",
            &article(
                "Invoices",
                "tags: [money]\n",
                "Monthly. See [refunds](refunds.md#card-refunds).",
            ),
        ),
        (
            "content/account/password.md",
            &article(
                "Password",
                "",
                "Reset it.\n\n```bash\nhelpsite reset --user \"$USER\"\n```",
            ),
        ),
        (
            "content/account/password.ru.md",
            &article("Пароль", "", "Сбросьте его."),
        ),
    ])
}

/// Builds `site` as it is now from nothing into a folder of its own, and
/// checks that the rebuild in `public/` is that, byte for byte.
fn assert_equals_fresh_build(site: &Site, what: &str) {
    let fresh = site.path().join("fresh");
    let _ = std::fs::remove_dir_all(&fresh);
    site.build_on(
        DAY,
        &["--output", fresh.to_str().expect("utf-8"), "--fresh"],
    )
    .assert_ok();
    let (rebuilt, fresh) = (
        crate::common::snapshot(&site.out()),
        crate::common::snapshot(&fresh),
    );
    let differ: Vec<&PathBuf> = rebuilt
        .keys()
        .chain(fresh.keys())
        .filter(|k| rebuilt.get(*k) != fresh.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}: these differ: {differ:?}");
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).expect("the page exists").ino()
}

#[test]
fn unchanged_pages_are_kept_and_every_rebuild_equals_a_fresh_build() {
    let site = fixture();
    let first = site.build_on(DAY, &[]).assert_ok().stdout.clone();
    assert!(!first.contains(KEPT), "{first}");
    assert!(site.out().join(".helpsite-pages").is_file());

    // Nothing changed: every page, sitemap, feed and markdown copy is kept,
    // and the output is updated where it is rather than replaced. A file left
    // in it by hand, and an empty folder, are gone as after a fresh build.
    #[cfg(unix)]
    let root = inode(&site.out());
    std::fs::write(site.out().join("billing/stray.txt"), "stray").expect("stray");
    std::fs::create_dir_all(site.out().join("empty/folder")).expect("folder");
    let again = site.build_on(DAY, &[]).assert_ok().stdout.clone();
    assert!(again.contains(KEPT), "{again}");
    #[cfg(unix)]
    assert_eq!(inode(&site.out()), root, "the output was replaced");
    assert!(!site.out().join("billing/stray.txt").exists());
    assert!(!site.out().join("empty").exists());
    assert_equals_fresh_build(&site, "nothing changed");

    // An article's title: its page, its neighbour's, its section's and its
    // tag's change; the other section's pages are kept (the same file).
    #[cfg(unix)]
    let password = inode(&site.out().join("account/password/index.html"));
    site.write(
        "content/billing/invoices.md",
        "---\ntitle: Bills\ntags: [money]\n---\n\nMonthly. See [refunds](refunds.md#card-refunds).\n",
    );
    site.build_on(DAY, &[]).assert_ok();
    assert!(
        site.read_out("billing/invoices/index.html")
            .contains("Bills")
    );
    assert!(
        site.read_out("billing/refunds/index.html")
            .contains("Bills")
    );
    assert!(site.read_out("tags/money/index.html").contains("Bills"));
    #[cfg(unix)]
    assert_eq!(
        inode(&site.out().join("account/password/index.html")),
        password,
        "a page nothing touched is kept, not written again"
    );
    assert_equals_fresh_build(&site, "a title");

    // An article added, then one moved: where every document is goes into
    // each rendering, yet a page whose text came out the same is kept; the
    // page linking to the moved one is made again with its new address.
    site.write(
        "content/billing/disputes.md",
        &article("Disputes", "", "Write to us."),
    );
    site.build_on(DAY, &[]).assert_ok();
    #[cfg(unix)]
    assert_eq!(
        inode(&site.out().join("account/password/index.html")),
        password,
        "a page of another section is kept when an article is added"
    );
    assert_equals_fresh_build(&site, "an article added");
    site.write(
        "content/billing/refunds.md",
        &article(
            "Refunds",
            "tags: [money]\nupdated: 2026-11-01\nslug: money-back\n",
            "Five days.\n\n## Card refunds\n\nTo the card.\n\n```rust\nfn refund(days: u32) -> bool { days < 5 }\n```",
        ),
    );
    site.build_on(DAY, &[]).assert_ok();
    assert!(
        site.read_out("billing/invoices/index.html")
            .contains("/billing/money-back/#card-refunds"),
        "the link follows the page it points to"
    );
    assert!(
        site.read_out("billing/invoices/index.html.md")
            .contains("/billing/money-back/#card-refunds"),
        "and so does the markdown copy's"
    );
    #[cfg(unix)]
    assert_eq!(
        inode(&site.out().join("account/password/index.html")),
        password
    );
    assert_equals_fresh_build(&site, "an article moved");
    std::fs::remove_file(site.path().join("content/billing/disputes.md")).expect("rm");
    site.build_on(DAY, &[]).assert_ok();
    assert!(!site.out().join("billing/disputes").exists());
    assert_equals_fresh_build(&site, "an article removed");

    // A translation, the site's title, a template: each rebuild is a fresh one.
    site.write(
        "content/billing/refunds.ru.md",
        "---\ntitle: Возвраты\n---\n\nПять дней.\n\n## Card refunds\n\nНа карту.\n",
    );
    site.build_on(DAY, &[]).assert_ok();
    assert_equals_fresh_build(&site, "a translation");
    site.write(
        "helpsite.yaml",
        "title: Renamed\nbase_url: https://example.com/\nlanguages:\n  ru:\n    fallback: true\n",
    );
    site.build_on(DAY, &[]).assert_ok();
    assert!(
        site.read_out("account/password/index.html")
            .contains("Renamed")
    );
    assert_equals_fresh_build(&site, "the site's title");
    // Highlighted code names the theme's colours: another theme, other classes.
    let code_before = site.read_out("account/password/index.html");
    site.write(
        "helpsite.yaml",
        "title: Renamed\nbase_url: https://example.com/\nlanguages:\n  ru:\n    fallback: true\nmarkdown:\n  highlight_theme_light: Solarized (light)\n",
    );
    site.build_on(DAY, &[]).assert_ok();
    assert_ne!(site.read_out("account/password/index.html"), code_before);
    assert_equals_fresh_build(&site, "the highlighting theme");
    let breadcrumbs = std::fs::read_to_string(
        crate::common::repo_root().join("themes/default/templates/partials/breadcrumbs.html"),
    )
    .expect("the default theme has partials/breadcrumbs.html");
    site.write(
        "templates/partials/breadcrumbs.html",
        &format!("{breadcrumbs}<!-- edited -->"),
    );
    site.build_on(DAY, &[]).assert_ok();
    assert_equals_fresh_build(&site, "a template");

    // Another day: no kept page shows the date (the support pages, which
    // list what is coming up, are made every time).
    let later = site
        .build_on(Some("2026-12-04"), &[])
        .assert_ok()
        .stdout
        .clone();
    assert!(later.contains(KEPT), "{later}");
    // `--fresh` renders every page.
    let fresh = site.build_on(DAY, &["--fresh"]).assert_ok().stdout.clone();
    assert!(!fresh.contains(KEPT), "{fresh}");
}

#[test]
fn a_page_edited_in_the_output_is_made_again() {
    let site = fixture();
    site.build_on(DAY, &[]).assert_ok();
    // Built again with nothing changed: the keys file now records the page as
    // kept (linked from the build before), and must still notice an edit.
    site.build_on(DAY, &[]).assert_ok();
    let page = site.out().join("billing/refunds/index.html");
    let made = std::fs::read_to_string(&page).expect("page");
    std::fs::write(&page, made.replace("Five days.", "Tampered.")).expect("edit");
    site.build_on(DAY, &[]).assert_ok();
    assert_eq!(std::fs::read_to_string(&page).expect("page"), made);
    assert_equals_fresh_build(&site, "a page edited by hand");
}

#[test]
fn a_damaged_or_forged_keys_file_only_costs_the_reuse() {
    let site = fixture();
    site.build_on(DAY, &[]).assert_ok();
    let keys_file = site.out().join(".helpsite-pages");
    let keys = std::fs::read_to_string(&keys_file).expect("keys");
    let header = keys.lines().next().expect("a header").to_string();
    // A secret beside the output that a forged line points at.
    site.write("secret.txt", "not a page");
    let secret_len = "not a page".len();
    let forged_line = |path: &str| {
        let line = keys
            .lines()
            .find(|l| l.ends_with(" index.html"))
            .expect("the home page's line");
        let mut parts = line.splitn(4, ' ');
        let key = parts.next().expect("key");
        format!("{key} {secret_len} 0 {path}\n")
    };
    for (what, text) in [
        ("empty", String::new()),
        ("not ours", "hello\nworld\n".to_string()),
        (
            "another program's",
            keys.replacen("helpsite-pages 2 ", "helpsite-pages 2 0", 1),
        ),
        (
            "lines cut short and bad numbers",
            format!("{header}\nffff\nzz 1 2 index.html\n12 x y index.html\n\u{0}\n"),
        ),
        (
            "paths outside the output",
            format!(
                "{header}\n{}{}{}",
                forged_line("../secret.txt"),
                forged_line("/etc/passwd"),
                forged_line("a/../../secret.txt"),
            ),
        ),
    ] {
        std::fs::write(&keys_file, text).expect("write keys");
        let run = site.build_on(DAY, &[]).assert_ok().stdout.clone();
        assert!(!run.contains(KEPT), "{what}: {run}");
        assert_equals_fresh_build(&site, what);
    }
    assert_eq!(
        std::fs::read_to_string(site.path().join("secret.txt")).expect("secret"),
        "not a page"
    );
    // A keys file that is a folder, or too large to be one, is no keys file.
    std::fs::remove_file(&keys_file).expect("rm");
    std::fs::create_dir(&keys_file).expect("mkdir");
    site.build_on(DAY, &[]).assert_ok();
    assert_equals_fresh_build(&site, "a folder");
}

#[test]
fn highlighted_code_is_kept_for_the_next_build_and_a_damaged_file_is_ignored() {
    let site = fixture();
    site.build_on(DAY, &[]).assert_ok();
    let file = site.out().join(".helpsite-highlight");
    let written = std::fs::read(&file).expect("the highlighted blocks are kept");
    assert!(written.starts_with(b"helpsite-highlight "));
    site.build_on(DAY, &[]).assert_ok();
    assert_equals_fresh_build(&site, "highlighting kept");
    assert_eq!(std::fs::read(&file).expect("kept"), written);
    // An edited block is highlighted anew; the file follows.
    site.write(
        "content/account/password.md",
        "---\ntitle: Password\n---\n\nReset it.\n\n```bash\nhelpsite reset --all\n```\n",
    );
    site.build_on(DAY, &[]).assert_ok();
    assert!(
        site.read_out("account/password/index.html")
            .contains(" --all\n</span>")
    );
    assert_ne!(std::fs::read(&file).expect("rewritten"), written);
    assert_equals_fresh_build(&site, "a code block edited");

    let header = written
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| written[..=i].to_vec())
        .expect("a header line");
    let with_header = |rest: &[u8]| [header.as_slice(), rest].concat();
    for (what, bytes) in [
        ("empty", Vec::new()),
        ("not ours", b"hello".to_vec()),
        ("a header alone", header.clone()),
        (
            "a frame claiming four gigabytes",
            with_header(&[0xff, 0xff, 0xff, 0xff, 4, 0, 0, 0, 1, 2, 3, 4]),
        ),
        (
            "a frame longer than the file",
            with_header(&[16, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 2]),
        ),
        (
            "deflate garbage",
            with_header(&[64, 0, 0, 0, 8, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9]),
        ),
        ("cut short", written[..written.len() / 2].to_vec()),
    ] {
        std::fs::write(&file, &bytes).expect("write");
        site.build_on(DAY, &[]).assert_ok();
        assert_equals_fresh_build(&site, what);
    }
}
