//! A support center in another language, and in several: the theme's
//! interface text per language (i18n/LANG.yaml), a site's own overrides, and
//! the bad input around them.

mod common;
use common::Site;

const SUPPORT: &str = "timezone: Europe/Berlin
hours:
  monday: [\"09:00-17:00\"]
  tuesday: [\"09:00-17:00\"]
  wednesday: [\"09:00-17:00\"]
  thursday: [\"09:00-17:00\"]
  friday: [\"09:00-17:00\"]
holidays:
  - name: Neujahr
    date: \"2027-01-01\"
tiers:
  - id: basic
    name: Basic
    response: 2-3 business days
channels:
  - id: help-desk
    name: Help desk
    kind: help desk
    url: https://desk.example.com/
    tiers: [basic]
";

fn site_in(language: &str) -> Site {
    Site::new(&[
        (
            "helpsite.yaml",
            &format!("title: Hilfe\nbase_url: https://example.com/\nlanguage: {language}\n"),
        ),
        ("support.yaml", SUPPORT),
        ("content/_index.md", "---\ntitle: Start\n---\n"),
        (
            "content/konto/passwort.md",
            "---\ntitle: Passwort ändern\nupdated: 2026-03-05\ntags: [konto]\n---\n\n> [!WARNING]\n> Vorsicht.\n\nWir antworten {{support:tier.basic.response}}; {{support:hours}}.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        ),
    ])
}

#[test]
fn a_site_in_german_shows_every_interface_word_in_german() {
    let site = site_in("de");
    site.build_on(Some("2026-12-03"), &[]).assert_ok();
    let article = site.read_out("konto/passwort/index.html");
    for words in [
        "<html lang=\"de\">",
        "Zum Inhalt springen",
        "Aktualisiert <time datetime=\"2026-03-05\">5. März 2026</time>",
        "class=\"callout-title\">Warnung</p>",
        "aria-label=\"Tabelle: a, b\"",
        "Wir antworten 2–3 Geschäftstage; Montag bis Freitag, 09:00–17:00.",
        "Brauchen Sie noch Hilfe?",
        ">Startseite</a>",
        "\"search.no_match\":\"Keine passenden Artikel. Versuchen Sie andere Wörter.\"",
        "\"lang\":\"de\"",
    ] {
        assert!(article.contains(words), "{words}\n{article}");
    }
    let hours = site.read_out("support/hours/index.html");
    assert!(hours.contains("<h1>Support-Zeiten</h1>"), "{hours}");
    assert!(hours.contains("Freitag, 1. Januar 2027"), "{hours}");
    assert!(hours.contains("<th scope=\"row\">Montag</th>"), "{hours}");
    let sla = site.read_out("support/sla/index.html");
    assert!(sla.contains("2–3 Geschäftstage"), "{sla}");
    let ics = site.read_out("support/hours/holidays.ics");
    assert!(ics.contains("Neujahr (Support geschlossen)"), "{ics}");
    let tags = site.read_out("tags/konto/index.html");
    assert!(
        tags.contains("Artikel mit dem Schlagwort „konto“"),
        "{tags}"
    );
    // No English left where the theme speaks.
    for english in [
        "Skip to content",
        "Updated",
        "Still need help?",
        "Support hours",
        "Monday",
    ] {
        assert!(!article.contains(english), "{english} in\n{article}");
        assert!(!hours.contains(english), "{english} in\n{hours}");
    }
}

#[test]
fn russian_counts_take_their_plural_forms() {
    let mut files: Vec<(String, String)> = vec![
        (
            "helpsite.yaml".into(),
            "title: Помощь\nbase_url: https://example.com/\nlanguage: ru\n".into(),
        ),
        (
            "content/_index.md".into(),
            "---\ntitle: Начало\n---\n".into(),
        ),
    ];
    // Nine sections make the home page's cards compact: each shows its count.
    for (i, n) in [1, 2, 5, 21, 3, 11, 1, 1, 1].iter().enumerate() {
        for a in 0..*n {
            files.push((
                format!("content/s{i}/a{a}.md"),
                format!("---\ntitle: Статья {a}\n---\nТекст.\n"),
            ));
        }
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let site = Site::new(&refs);
    site.build(&[]).assert_ok();
    let home = site.read_out("index.html");
    for words in [
        "1 статья<",
        "2 статьи<",
        "5 статей<",
        "21 статья<",
        "11 статей<",
    ] {
        assert!(home.contains(words), "{words}\n{home}");
    }
}

#[test]
fn a_site_overrides_the_themes_words_and_is_told_of_a_key_the_theme_lacks() {
    let site = site_in("en");
    site.write(
        "i18n/en.yaml",
        "contact.title: Stuck? Ask a human\nsearch.placceholder: Find\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "i18n/en.yaml:2: warning: `search.placceholder` is not a text the theme shows"
        ),
        "{}",
        run.stderr
    );
    run.assert_hint("did you mean `search.placeholder`?");
    let page = site.read_out("konto/passwort/index.html");
    assert!(page.contains("Stuck? Ask a human"), "{page}");
}

#[test]
fn a_language_the_theme_does_not_speak_builds_in_english_with_a_warning() {
    let site = site_in("it");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("the theme has no interface text in `it`"),
        "{}",
        run.stderr
    );
    run.assert_hint("i18n/it.yaml");
    let page = site.read_out("konto/passwort/index.html");
    assert!(page.contains("<html lang=\"it\">") && page.contains("Still need help?"));
    // A site that writes the file is not warned, and its words are used.
    site.write("i18n/it.yaml", "contact.title: Serve ancora aiuto?\n");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("no interface text"), "{}", run.stderr);
    assert!(
        site.read_out("konto/passwort/index.html")
            .contains("Serve ancora aiuto?")
    );
}

#[test]
fn bad_interface_text_is_located_and_the_previous_output_stays() {
    let site = site_in("de");
    site.build(&[]).assert_ok();
    let before = common::snapshot(&site.out());
    for (text, words, line) in [
        ("contact.title: [a, b\n", vec!["not valid YAML"], 2),
        (
            "x: 1\ndays: [Mo, Di]\n",
            vec!["`days` lists 2 names; it needs 7"],
            2,
        ),
        (
            "section.article_count: { one: \"{n} Artikel\" }\n",
            vec!["plural forms without `other`"],
            1,
        ),
        (
            "months: Januar\n",
            vec!["`months` should be a list, not a text"],
            1,
        ),
        (
            "feedback.yes: [[a]]\n",
            vec!["neither a text, a list of names nor plural forms"],
            1,
        ),
    ] {
        site.write("i18n/de.yaml", text);
        let run = site.build(&[]);
        run.assert_fails();
        run.assert_error(&format!("i18n/de.yaml:{line}"), &words);
        assert_eq!(common::snapshot(&site.out()), before, "{text}");
    }
}

#[test]
fn a_theme_template_asking_for_an_unknown_text_names_it() {
    let site = site_in("en");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block body %}{{ t(key=\"nope.missing\") }}{% endblock body %}",
    );
    let run = site.build(&[]);
    run.assert_fails();
    assert!(
        run.stderr.contains("no interface text `nope.missing`"),
        "{}",
        run.stderr
    );
}
