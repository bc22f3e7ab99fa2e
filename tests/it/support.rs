//! support.yaml: the generated pages, structured data, .ics, references from
//! articles, the shared business-time vectors, and every kind of bad data.

use crate::common::{Site, helpsite, repo_root};

const SUPPORT: &str = "\
timezone: Europe/Berlin
hours:
  monday: [\"09:00-12:00\", \"13:00-17:00\"]
  tue: [\"09:00-17:00\"]
  friday: [\"09:00-15:00\"]
schedules:
  weekend:
    saturday: [\"10:00-14:00\"]
holidays:
  - name: Christmas
    date: \"12-25\"
  - name: Inventory
    from: 2027-01-04
    to: 2027-01-06
  - name: Short day
    date: 2026-12-31
    hours: [\"09:00-12:00\"]
tiers:
  - id: basic
    name: Basic
    price: Free
    covers: [Questions]
    excludes: [Custom code]
    response: 2-3 business days
  - id: pro
    name: Pro
    price: 99 EUR a month
    response:
      urgent: 4 business hours
      normal: 1 business day
processes:
  - id: bugs
    name: Bugs
    steps:
      - name: Check
        duration: 2 days
        tier: pro
channels:
  - id: desk
    name: Help desk
    kind: help desk
    url: https://desk.example.com/
    tiers: [basic, pro]
  - id: chat
    name: Weekend chat
    url: https://chat.example.com/
    schedule: weekend
  - id: mail
    name: Email
    email: help@example.com
    tiers: [basic]
secure_access:
  name: Vault
  url: https://desk.example.com/vault
";

fn support_site(extra: &[(&str, &str)]) -> Site {
    let mut files = vec![
        ("support.yaml", SUPPORT),
        (
            "content/a.md",
            "---\ntitle: A\n---\nWe work {{support:hours}} ({{support:timezone}}); Pro answers {{support:tier.pro.response}}.\nWrite to {{support:channel.mail.address-link}} or see {{support:page.sla}}.\n",
        ),
    ];
    files.extend_from_slice(extra);
    Site::new(&files)
}

#[test]
fn vectors_file_is_what_the_rust_arithmetic_computes() {
    let path = repo_root().join("tests/vectors/business-time.json");
    let on_disk: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("vectors file")).expect("json");
    let now = crate::common::support_vectors::generate();
    assert!(
        on_disk == now,
        "tests/vectors/business-time.json is out of date: run `cargo run --example gen_vectors > tests/vectors/business-time.json`"
    );
    let moments: usize = now["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| c["moments"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(moments >= 300, "{moments} moments");
}

#[test]
fn pages_show_everything_without_javascript() {
    let site = support_site(&[]);
    site.build(&[]).assert_ok();

    let hours = site.read_out("support/hours/index.html");
    assert!(
        hours.contains(
            "Monday, 09:00–12:00 and 13:00–17:00; Tuesday, 09:00–17:00; Friday, 09:00–15:00"
        ),
        "week summary"
    );
    assert!(
        hours.contains("<th scope=\"row\">Wednesday</th><td>Closed</td>"),
        "closed day in the table"
    );
    assert!(hours.contains("Europe/Berlin (UTC+"), "zone label");
    assert!(
        hours.contains("<strong>Christmas</strong> (every year)"),
        "recurring holiday"
    );
    assert!(hours.contains("href=\"/support/hours/holidays.ics\""));
    assert!(
        hours.contains("id=\"helpsite-support\""),
        "data for the script"
    );

    let sla = site.read_out("support/sla/index.html");
    assert!(sla.contains("id=\"tier-basic\"") && sla.contains("id=\"tier-pro\""));
    assert!(sla.contains("2–3 business days"));
    assert!(sla.contains("<strong>urgent</strong>: 4 business hours"));
    assert!(sla.contains("99 EUR a month"));
    assert!(sla.contains("<li>Custom code</li>"), "excludes");
    assert!(sla.contains("id=\"process-bugs\"") && sla.contains("(2 days)"));

    let channels = site.read_out("support/channels/index.html");
    let desk = channels.find("id=\"channel-desk\"").expect("desk");
    let mail = channels.find("id=\"channel-mail\"").expect("mail");
    assert!(desk < mail, "help desk first");
    assert!(channels.contains("href=\"mailto:help@example.com\""));
    assert!(
        channels.contains("href=\"https://desk.example.com/vault\""),
        "secure access"
    );

    let article = site.read_out("a/index.html");
    assert!(
        article.contains("class=\"contact-box\""),
        "contact box on articles"
    );
    assert!(
        article.contains("We work Monday, 09:00–12:00 and 13:00–17:00"),
        "reference expanded"
    );
    assert!(article.contains("Pro answers urgent: 4 business hours; normal: 1 business day"));
    assert!(article.contains("<a href=\"mailto:help@example.com\">help@example.com</a>"));
    assert!(article.contains("<a href=\"/support/sla/\">response times</a>"));

    let sitemap = site.read_out("sitemap.xml");
    assert!(sitemap.contains("/support/hours/</loc>"));
}

#[test]
fn structured_data_lists_each_channel_with_its_hours() {
    let site = support_site(&[]);
    // Before the fixture's short day (2026-12-31), whenever the test runs.
    site.build_on(Some("2026-12-01"), &[]).assert_ok();
    let page = site.read_out("support/channels/index.html");
    let start = page
        .find("<script type=\"application/ld+json\">")
        .expect("json-ld")
        + 35;
    let end = page[start..].find("</script>").expect("end") + start;
    let v: serde_json::Value = serde_json::from_str(&page[start..end]).expect("valid JSON-LD");
    assert_eq!(v["@type"], "Organization");
    let points = v["contactPoint"].as_array().expect("contact points");
    assert_eq!(points.len(), 3);
    assert_eq!(points[0]["url"], "https://desk.example.com/");
    assert_eq!(points[2]["email"], "help@example.com");
    let desk_hours = points[0]["hoursAvailable"].as_array().expect("hours");
    assert!(
        desk_hours
            .iter()
            .any(|h| h["dayOfWeek"] == "https://schema.org/Monday"
                && h["opens"] == "13:00:00"
                && h["closes"] == "17:00:00")
    );
    let chat_hours = points[1]["hoursAvailable"].as_array().expect("hours");
    assert!(
        chat_hours
            .iter()
            .any(|h| h["dayOfWeek"] == "https://schema.org/Saturday"),
        "channel's own schedule"
    );
    assert!(
        desk_hours
            .iter()
            .any(|h| h["name"] == "Christmas" && h["opens"] == "00:00:00"),
        "holidays as closures"
    );
    let short = desk_hours
        .iter()
        .find(|h| h["name"] == "Short day")
        .unwrap_or_else(|| panic!("the short day, ahead on the pinned day: {desk_hours:?}"));
    assert_eq!(short["opens"], "09:00:00", "a short day keeps its hours");
    assert_eq!(short["closes"], "12:00:00");
    // Only what the page shows: the channels page shows each channel's hours and the closures.
    assert!(
        page.contains("<strong>Hours:</strong> Monday, 09:00–12:00 and 13:00–17:00"),
        "channel hours shown"
    );
    assert!(
        page.contains("<strong>Closed on:</strong> ") && page.contains("Christmas ("),
        "closures shown"
    );
    assert!(
        !site
            .read_out("support/hours/index.html")
            .contains("\"@type\":\"Organization\""),
        "no contact points where none are shown"
    );
}

#[test]
fn holidays_calendar_is_valid_icalendar() {
    let site = support_site(&[]);
    site.build(&[]).assert_ok();
    let ics = site.read_out("support/hours/holidays.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.trim_end().ends_with("END:VCALENDAR"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
    assert!(ics.contains("RRULE:FREQ=YEARLY"), "recurring holiday");
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20270104\r\nDTEND;VALUE=DATE:20270107"),
        "range, end exclusive"
    );
    assert!(ics.contains("SUMMARY:Short day (support open 09:00–12:00)"));
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
}

#[test]
fn bundled_site_has_support_pages_from_the_seed() {
    let out = tempfile::tempdir().expect("temp");
    let target = out.path().join("site");
    let root = repo_root();
    helpsite(&[
        "build",
        "--site",
        root.to_str().expect("utf-8"),
        "--output",
        target.to_str().expect("utf-8"),
    ])
    .assert_ok();
    let read = |p: &str| std::fs::read_to_string(target.join(p)).expect("page");
    let hours = read("support/hours/index.html");
    assert!(hours.contains("Monday to Friday, 09:00–18:00"));
    assert!(hours.contains("UTC+04:00"));
    let sla = read("support/sla/index.html");
    for tier in [
        "Free consultation",
        "Bug report",
        "Paid incident (store check)",
        "Technical support subscription",
    ] {
        assert!(sla.contains(tier), "{tier}");
    }
    assert!(sla.contains("3–5 business days"));
    let channels = read("support/channels/index.html");
    for address in [
        "https://helpdesk.cs-cart.com/",
        "http://forum.cs-cart.com/",
        "https://www.youtube.com/@cscartadd-ons",
        "mailto:cart-addons@cscart.com",
        "company_id=119",
    ] {
        assert!(channels.contains(address), "{address}");
    }
    // Articles refer to support.yaml instead of repeating it.
    let faq = read("getting-help/faq/index.html");
    assert!(
        faq.contains("Monday to Friday, 09:00–18:00, UTC+04:00"),
        "hours by reference"
    );
}

/// Breaks support.yaml by replacing `from` with `to` in the good file, then
/// checks the build fails with an error on `line` containing `words`.
fn bad(from: &str, to: &str, line: usize, words: &[&str]) {
    assert!(SUPPORT.contains(from), "{from}");
    let site = support_site(&[("support.yaml", &SUPPORT.replacen(from, to, 1))]);
    site.build(&[]).assert_ok_or_fails_with(line, words);
}

trait Expect {
    fn assert_ok_or_fails_with(&self, line: usize, words: &[&str]);
}

impl Expect for crate::common::Run {
    fn assert_ok_or_fails_with(&self, line: usize, words: &[&str]) {
        self.assert_fails();
        self.assert_error(&format!("support.yaml:{line}:"), words);
    }
}

#[test]
fn every_mistake_in_support_yaml_names_its_line() {
    bad(
        "timezone: Europe/Berlin",
        "timezone: Europe/Berlinn",
        1,
        &["not a time zone"],
    );
    // A character of two bytes inside an offset once panicked.
    bad(
        "timezone: Europe/Berlin",
        "timezone: \"+1é1\"",
        1,
        &["not a UTC offset", "+04:00"],
    );
    bad(
        "timezone: Europe/Berlin",
        "timezone: \"+-5\"",
        1,
        &["not a UTC offset"],
    );
    bad(
        "tue: [\"09:00-17:00\"]",
        "tue: [\"17:00-09:00\"]",
        4,
        &["closes before it opens"],
    );
    bad(
        "monday: [\"09:00-12:00\", \"13:00-17:00\"]",
        "monday: [\"09:00-12:00\", \"11:00-17:00\"]",
        3,
        &["overlap"],
    );
    bad(
        "friday: [\"09:00-15:00\"]",
        "friday: [\"9am-3pm\"]",
        5,
        &["not a time"],
    );
    bad(
        "date: \"12-25\"",
        "date: \"02-30\"",
        11,
        &["no day 30 in month 2"],
    );
    bad("date: 2026-12-31", "date: 2026-13-31", 16, &["not a date"]);
    bad(
        "to: 2027-01-06",
        "to: 2027-01-01",
        14,
        &["ends", "before it starts"],
    );
    bad(
        "response: 2-3 business days",
        "response: 3-2 business days",
        24,
        &["backwards"],
    );
    bad(
        "response: 2-3 business days",
        "response: 2-3 fortnights",
        24,
        &["not a unit"],
    );
    bad(
        "    email: help@example.com\n",
        "",
        48,
        &["Email", "no address"],
    );
    bad("tiers: [basic]", "tiers: [basik]", 51, &["no tier `basik`"]);
    bad(
        "schedule: weekend",
        "schedule: weekends",
        47,
        &["no schedule `weekends`"],
    );
    bad(
        "        tier: pro",
        "        tier: premium",
        37,
        &["no tier `premium`"],
    );
    bad(
        "    price: Free",
        "    prize: Free",
        21,
        &["unknown key `prize`"],
    );
    bad(
        "url: https://chat.example.com/",
        "url: chat.example.com",
        46,
        &["not a web address"],
    );
}

#[test]
fn references_to_missing_facts_are_errors_with_file_and_line() {
    let site = support_site(&[(
        "content/b.md",
        "---\ntitle: B\n---\n\nAsk {{support:channel.fax.address}} now.\n",
    )]);
    let run = site.build(&[]);
    run.assert_fails();
    run.assert_error("content/b.md:5:", &["support:channel.fax.address"])
        .assert_hint("no channel `fax`");

    let site = Site::new(&[("content/c.md", "---\ntitle: C\n---\n{{support:hours}}\n")]);
    let run = site.build(&[]);
    run.assert_fails();
    run.assert_hint("no support.yaml");
}

#[test]
fn support_pages_may_not_take_a_content_url() {
    let site = support_site(&[("content/support/hours.md", "---\ntitle: Our hours\n---\n")]);
    let run = site.build(&[]);
    run.assert_fails();
    run.assert_error(
        "support.yaml:",
        &["/support/hours/", "content/support/hours.md"],
    );
    let moved = SUPPORT.replacen("timezone:", "pages:\n  hours: help/when/\ntimezone:", 1);
    let site = support_site(&[
        ("content/support/hours.md", "---\ntitle: Our hours\n---\n"),
        ("support.yaml", &moved),
    ]);
    site.build(&[]).assert_ok();
    assert!(site.out().join("help/when/index.html").is_file());
}

#[test]
fn hand_written_facts_are_flagged_by_check() {
    let site = support_site(&[(
        "content/d.md",
        "---\ntitle: D\n---\nMail help@example.com, answers in 2–3 business days, `help@example.com` in code is fine.\n",
    )]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_helpsite"))
        .args(["check", "--site", site.path().to_str().expect("utf-8")])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/d.md:4:6: warning: `help@example.com` is written by hand"),
        "{stderr}"
    );
    assert!(
        stderr.contains("{{support:channel.mail.address-link}}"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`2–3 business days` is written by hand"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("help@example.com` is written").count(),
        1,
        "code span ignored: {stderr}"
    );
}
