//! A support center in another language, and in several: the theme's
//! interface text per language (i18n/LANG.yaml), a site's own overrides, and
//! the bad input around them.

use crate::common::Site;

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
processes:
  - id: bugs
    name: What happens to a bug
    steps:
      - name: You report it
      - name: We verify it
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
    ] {
        assert!(article.contains(words), "{words}\n{article}");
    }
    // The scripts' words are in one cached file of the language, not in
    // every page.
    assert!(
        article.contains("<script src=\"/text-de.js?v="),
        "{article}"
    );
    assert!(!article.contains("search.no_match"), "{article}");
    let text = site.read_out("text-de.js");
    for words in [
        "window.helpsiteText={",
        "\"search.no_match\":\"Keine passenden Artikel. Versuchen Sie andere Wörter.\"",
        "\"lang\":\"de\"",
    ] {
        assert!(text.contains(words), "{words}\n{text}");
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
    let before = crate::common::snapshot(&site.out());
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
        assert_eq!(crate::common::snapshot(&site.out()), before, "{text}");
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

/// A site in English with Russian and Chinese translations: Russian lists only
/// what is translated; Chinese also shows the rest untranslated (`fallback`).
fn multilingual() -> Site {
    Site::new(&[
        (
            "helpsite.yaml",
            "title: Help\nbase_url: https://example.com/help/\nlanguage: en\nlanguages:\n  ru:\n    title: Помощь\n  zh:\n    title: 帮助中心\n    fallback: true\n",
        ),
        ("support.yaml", SUPPORT),
        ("content/_index.md", "---\ntitle: Help\n---\nWelcome.\n"),
        (
            "content/_index.ru.md",
            "---\ntitle: Помощь\n---\nДобро пожаловать.\n",
        ),
        (
            "content/account/password.md",
            "---\ntitle: Reset your password\nupdated: 2026-03-01\n---\nOpen the sign-in page and click Forgot. See [billing](../billing/refunds.md#how).\n\n## Steps {#steps}\n\nClick it.\n",
        ),
        (
            "content/account/password.ru.md",
            "---\ntitle: Сброс пароля\nslug: sbros-parolya\nupdated: 2026-03-01\naliases: [/account/parol/]\n---\nОткройте страницу входа и нажмите «Забыли пароль». Смотрите [шаги](password.md#steps) и [возвраты](../billing/refunds.md).\n\n## Шаги {#steps}\n\nНажмите.\n",
        ),
        (
            "content/account/password.zh.md",
            "---\ntitle: 重置密码\n---\n打开登录页面，点击“忘记密码”，然后按邮件中的链接设置新密码。\n",
        ),
        (
            "content/billing/refunds.md",
            "---\ntitle: Refunds\n---\nWithin 30 days.\n\n## How {#how}\n\nWrite to us.\n",
        ),
        (
            "content/billing/images/a.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        (
            "content/account/_index.md",
            "---\ntitle: Account\n---\nEverything about your account.\n",
        ),
        (
            "content/billing/_index.md",
            "---\ntitle: Billing\n---\nMoney matters.\n",
        ),
    ])
}

#[test]
fn each_language_is_published_below_its_code_and_knows_its_translations() {
    let site = multilingual();
    let run = site.build_on(Some("2026-12-03"), &[]);
    run.assert_ok();
    // The default language is where it always was.
    let en = site.read_out("account/password/index.html");
    assert!(en.contains("<html lang=\"en\">"), "{en}");
    // A translation at its own slug, in its own words, linking within its language.
    let ru = site.read_out("ru/account/sbros-parolya/index.html");
    for words in [
        "<html lang=\"ru\">",
        "<title>Сброс пароля · Помощь</title>",
        "<link rel=\"canonical\" href=\"https://example.com/help/ru/account/sbros-parolya/\">",
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/help/account/password/\">",
        "<link rel=\"alternate\" hreflang=\"ru\" href=\"https://example.com/help/ru/account/sbros-parolya/\">",
        "<link rel=\"alternate\" hreflang=\"zh\" href=\"https://example.com/help/zh/account/password/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.com/help/account/password/\">",
        "href=\"/help/ru/account/sbros-parolya/#steps\"",
        // Not translated into Russian: the link goes to the English page.
        "href=\"/help/billing/refunds/\"",
        // The switcher: each language's version of this page.
        "<a href=\"/help/account/password/\" hreflang=\"en\" lang=\"en\">English</a>",
        "<a href=\"/help/zh/account/password/\" hreflang=\"zh\" lang=\"zh\">中文</a>",
        "aria-current=\"true\">Русский</a>",
        // Shared files stay at the root; search is the language's own.
        "href=\"/help/style.css?v=",
        "data-manifest=\"/help/ru/search/manifest.json\"",
        "data-stemmer=\"/help/stemmer-ru.js?v=",
        // So are the scripts' words, a file per language.
        "<script src=\"/help/text-ru.js?v=",
    ] {
        assert!(ru.contains(words), "{words}\n{ru}");
    }
    assert!(en.contains("<script src=\"/help/text-en.js?v="), "{en}");
    let (ru_text, en_text) = (site.read_out("text-ru.js"), site.read_out("text-en.js"));
    assert!(
        ru_text.contains("\"code.copied\":\"Скопировано\""),
        "{ru_text}"
    );
    assert!(en_text.contains("\"code.copied\":\"Copied\""), "{en_text}");
    assert!(
        run.stderr.contains("content/account/password.ru.md:7:")
            && run.stderr.contains("which has no `ru` translation"),
        "{}",
        run.stderr
    );
    // Russian has no billing section: nothing of it is published in Russian.
    assert!(!site.out().join("ru/billing").exists());
    let ru_home = site.read_out("ru/index.html");
    assert!(!ru_home.contains("Refunds"), "{ru_home}");
    // Chinese shows the untranslated article, saying so, as its original's copy.
    let zh = site.read_out("zh/billing/refunds/index.html");
    for words in [
        "<html lang=\"zh\">",
        "class=\"untranslated-notice\"",
        "本文尚未翻译成中文，以原文（English）显示。",
        "<div class=\"prose\" lang=\"en\">",
        "<link rel=\"canonical\" href=\"https://example.com/help/billing/refunds/\">",
    ] {
        assert!(zh.contains(words), "{words}\n{zh}");
    }
    assert!(
        !zh.contains("<link rel=\"alternate\" hreflang"),
        "a fallback is not a translation\n{zh}"
    );
    // Its switcher leads to the original.
    assert!(
        zh.contains("<a href=\"/help/billing/refunds/\" hreflang=\"en\" lang=\"en\">English</a>"),
        "{zh}"
    );
    // The English page's switcher sends Russian readers to the Russian home.
    let refunds = site.read_out("billing/refunds/index.html");
    assert!(
        refunds.contains("<a href=\"/help/ru/\" hreflang=\"ru\" lang=\"ru\">Русский</a>"),
        "{refunds}"
    );
    // Generated pages exist in every language, in its words.
    let hours = site.read_out("ru/support/hours/index.html");
    assert!(hours.contains("<h1>Часы работы поддержки</h1>"), "{hours}");
    assert!(
        hours.contains("понедельник–пятница, 09:00–17:00"),
        "{hours}"
    );
    assert!(hours.contains("hreflang=\"en\" href=\"https://example.com/help/support/hours/\""));
    assert!(
        site.read_out("zh/search/index.html")
            .contains("<h1>搜索</h1>")
    );
    // One sitemap per language with alternates, each named in robots.txt; a feed each.
    let sitemap = site.read_out("ru/sitemap.xml");
    assert!(
        sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<loc>https://example.com/help/ru/account/sbros-parolya/</loc><lastmod>2026-03-01</lastmod><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/help/account/password/\"/>"),
        "{sitemap}"
    );
    assert!(
        !site
            .read_out("zh/sitemap.xml")
            .contains("zh/billing/refunds/")
    );
    let robots = site.read_out("robots.txt");
    for lang in ["", "ru/", "zh/"] {
        assert!(
            robots.contains(&format!(
                "Sitemap: https://example.com/help/{lang}sitemap.xml\n"
            )),
            "{robots}"
        );
    }
    assert!(
        site.read_out("ru/atom.xml")
            .contains("<title>Помощь</title>")
    );
    // Each language's search files are cached as the default language's are.
    let headers = site.read_out("_headers");
    for rule in [
        "/help/ru/search/manifest.json\n  Cache-Control: no-cache",
        "/help/zh/search/chunks/*\n  Cache-Control: public, max-age=31536000, immutable",
    ] {
        assert!(headers.contains(rule), "{rule}\n{headers}");
    }
    // A folder not translated: its title, but its introduction only where
    // untranslated text is shown (and then marked with its language).
    let ru_account = site.read_out("ru/account/index.html");
    assert!(
        ru_account.contains("<h1>Account</h1>") && !ru_account.contains("Everything about"),
        "{ru_account}"
    );
    let zh_billing = site.read_out("zh/billing/index.html");
    assert!(
        zh_billing.contains("<div class=\"prose\" lang=\"en\"><p>Money matters.</p>"),
        "{zh_billing}"
    );
    // A translation's old address: its redirect page and a line of the one `_redirects`.
    assert!(
        site.read_out("ru/account/parol/index.html")
            .contains("url=/help/ru/account/sbros-parolya/")
    );
    let redirects = site.read_out("_redirects");
    assert!(
        redirects.contains("/help/ru/account/parol/ /help/ru/account/sbros-parolya/ 301"),
        "{redirects}"
    );
    // Markdown copies in every language, their links in it.
    let copy = site.read_out("ru/account/sbros-parolya/index.html.md");
    assert!(copy.starts_with("# Сброс пароля"), "{copy}");
    assert!(
        copy.contains("(https://example.com/help/ru/account/sbros-parolya/#steps)"),
        "{copy}"
    );
    // Files beside the articles are published once.
    assert!(site.out().join("billing/images/a.svg").is_file());
    assert!(!site.out().join("zh/billing/images/a.svg").exists());
}

#[test]
fn each_language_is_searched_with_its_own_index() {
    let site = multilingual();
    site.build(&[]).assert_ok();
    let dir = site.path().to_str().expect("utf-8");
    // Russian stemming: "пароли" finds "пароля".
    let ru = crate::common::helpsite(&[
        "search",
        "пароли",
        "--site",
        dir,
        "--lang",
        "ru",
        "--format",
        "json",
    ]);
    ru.assert_ok();
    assert!(
        ru.stdout.contains("/help/ru/account/sbros-parolya/"),
        "{}",
        ru.stdout
    );
    // Chinese by character pairs: 密码 inside a sentence.
    let zh = crate::common::helpsite(&[
        "search", "密码", "--site", dir, "--lang", "zh", "--format", "json",
    ]);
    zh.assert_ok();
    assert!(
        zh.stdout.contains("/help/zh/account/password/"),
        "{}",
        zh.stdout
    );
    // The default language's index knows nothing of the others.
    let en = crate::common::helpsite(&["search", "пароли", "--site", dir, "--format", "json"]);
    en.assert_ok();
    assert!(!en.stdout.contains("/ru/"), "{}", en.stdout);
    // Each export is below its language, made with its stemmer.
    assert!(site.out().join("ru/search/manifest.json").is_file());
    assert!(site.out().join("stemmer-ru.js").is_file());
    let unknown = crate::common::helpsite(&["search", "x", "--site", dir, "--lang", "fr"]);
    assert_eq!(unknown.code, 1, "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("the site has no language `fr`"),
        "{}",
        unknown.stderr
    );
    assert!(
        unknown.stderr.contains("its languages are en, ru, zh"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_site_without_languages_builds_as_before_and_a_translation_file_is_an_article() {
    // Without `languages:`, `faq.ru.md` is an article like any other.
    let site = Site::new(&[
        ("content/faq.md", "---\ntitle: FAQ\n---\nText.\n"),
        ("content/faq.ru.md", "---\ntitle: ЧаВо\n---\nТекст.\n"),
    ]);
    site.build(&[]).assert_ok();
    assert!(site.out().join("faq.ru/index.html").is_file());
    assert!(!site.out().join("ru").exists());
    let page = site.read_out("faq/index.html");
    assert!(
        !page.contains("hreflang") && !page.contains("language-menu"),
        "{page}"
    );
}

#[test]
fn bad_languages_are_located_and_the_previous_output_stays() {
    let site = multilingual();
    site.build(&[]).assert_ok();
    let before = crate::common::snapshot(&site.out());
    let config = |languages: &str| {
        format!(
            "title: Help\nbase_url: https://example.com/help/\nlanguage: en\nlanguages:\n{languages}"
        )
    };
    for (languages, location, words) in [
        (
            "  en: {}\n",
            "helpsite.yaml:5",
            vec!["`en` is the default language and also listed"],
        ),
        (
            "  Russian: {}\n",
            "helpsite.yaml:5",
            vec!["`Russian` is not a language code"],
        ),
        (
            "  ../x: {}\n",
            "helpsite.yaml:5",
            vec!["is not a language code"],
        ),
        ("  ru: {titel: X}\n", "helpsite.yaml", vec!["titel"]),
        (
            "  ru: {fallback: maybe}\n",
            "helpsite.yaml",
            vec!["fallback"],
        ),
    ] {
        site.write("helpsite.yaml", &config(languages));
        let run = site.build(&[]);
        run.assert_fails();
        // helpsite.yaml is named by its full path.
        assert!(
            run.stderr.lines().any(|l| l.contains(location)
                && l.contains("error:")
                && words.iter().all(|w| l.contains(w))),
            "{location} {words:?}\n{}",
            run.stderr
        );
        assert_eq!(crate::common::snapshot(&site.out()), before, "{languages}");
    }
    // A folder where a language's pages go.
    site.write("helpsite.yaml", &config("  ru: {}\n"));
    site.write("content/ru/_index.md", "---\ntitle: Russia\n---\n");
    site.write("content/ru/visa.md", "---\ntitle: Visa\n---\nText.\n");
    let run = site.build(&[]);
    run.assert_fails();
    run.assert_error("content/ru/_index.md", &["/ru/ is where the `ru` pages go"]);
    assert_eq!(crate::common::snapshot(&site.out()), before);
}

#[test]
fn check_reports_untranslated_and_stale_translations() {
    let site = multilingual();
    site.write(
        "content/account/password.ru.md",
        "---\ntitle: Сброс пароля\nupdated: 2026-01-15\n---\nТекст.\n",
    );
    let dir = site.path().to_str().expect("utf-8");
    let run = crate::common::helpsite(&["check", "--site", dir]);
    assert!(
        run.stderr
            .contains("content/billing/refunds.md:1: warning: not translated into `ru`"),
        "{}",
        run.stderr
    );
    run.assert_hint("write its translation as content/billing/refunds.ru.md");
    assert!(
        run.stderr.contains("content/account/password.ru.md:3: warning: content/account/password.md was updated on 2026-03-01; this translation was updated on 2026-01-15"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_language_translates_the_support_texts_and_keeps_the_facts() {
    let site = multilingual();
    site.write(
        "support.ru.yaml",
        "holidays:\n  Neujahr: Новый год\ntiers:\n  basic:\n    name: Базовая\n    summary: Ответы специалиста.\nchannels:\n  help-desk:\n    name: Служба поддержки\n    for: Заявки и ошибки.\n",
    );
    site.build_on(Some("2026-12-03"), &[]).assert_ok();
    let channels = site.read_out("ru/support/channels/index.html");
    for words in [
        "<h2>Служба поддержки</h2>",
        "<p>Заявки и ошибки.</p>",
        // The address and the answer time are support.yaml's.
        "href=\"https://desk.example.com/\"",
        "Базовая</a>: 2–3 рабочих дня",
        "Новый год (пятница, 1 января 2027 г.)",
    ] {
        assert!(channels.contains(words), "{words}\n{channels}");
    }
    // The other languages keep support.yaml's words.
    let en = site.read_out("support/channels/index.html");
    assert!(
        en.contains("<h2>Help desk</h2>") && en.contains("Neujahr"),
        "{en}"
    );
    let zh = site.read_out("zh/support/channels/index.html");
    assert!(zh.contains("<h2>Help desk</h2>"), "{zh}");
}

#[test]
fn support_translations_name_only_what_exists_and_only_texts() {
    let site = multilingual();
    site.build(&[]).assert_ok();
    let before = crate::common::snapshot(&site.out());
    for (text, line, words) in [
        (
            "tiers:\n  basik:\n    name: Базовая\n",
            2,
            vec!["no tier `basik` to translate"],
        ),
        (
            "holidays:\n  Christmas: Рождество\n",
            2,
            vec!["no holiday `Christmas`"],
        ),
        (
            "channels:\n  help-desk:\n    url: https://evil.example.com/\n",
            3,
            vec!["url"],
        ),
        (
            "tiers:\n  basic:\n    response: 1 hour\n",
            3,
            vec!["response"],
        ),
        (
            "secure_access:\n  name: Доступ\n",
            1,
            vec!["no secure_access to translate"],
        ),
        (
            "processes:\n  bugs:\n    steps:\n      - name: Вы сообщаете\n",
            3,
            vec!["the process `bugs` has 2 steps in support.yaml and 1 here"],
        ),
    ] {
        site.write("support.ru.yaml", text);
        let run = site.build(&[]);
        run.assert_fails();
        run.assert_error(&format!("support.ru.yaml:{line}"), &words);
        assert_eq!(crate::common::snapshot(&site.out()), before, "{text}");
    }
}

#[test]
fn each_languages_browser_search_ranks_as_helpsite_search_does() {
    let site = multilingual();
    site.build(&[]).assert_ok();
    for (lang, queries) in [
        (
            "ru",
            vec!["пароли", "сброс", "возвраты", "пароль шаги", "сбрс"],
        ),
        (
            "zh",
            vec!["密码", "重置密码", "登录页面", "refunds", "忘记"],
        ),
    ] {
        // The language's own index, as `helpsite search --lang` reads it.
        let index = helpsite::pipeline::index_site_in(site.path(), Some(lang)).expect("index");
        let mut analyzer =
            helpsite::search::analyze::analyzer(helpsite::search::analyze::language(lang));
        let mut expected = Vec::new();
        for q in queries {
            let parsed = helpsite::search::parse_query(q, lang, None, None);
            let hits = helpsite::search::query::search(&index, &parsed, 10, &mut analyzer);
            assert!(!hits.is_empty() || q == "refunds", "{lang} {q}");
            expected.push(serde_json::json!({"q": q, "urls": crate::common::shown(&hits)}));
        }
        let out = site.out().join(lang);
        crate::common::browser_agrees(site.path(), &out, &expected);
    }
}

/// Known-item search on the bundled site's Russian translation: every
/// article's exact title finds it in the top five, in the Russian index.
#[test]
fn every_russian_title_of_the_bundled_site_finds_its_article() {
    let root = crate::common::repo_root();
    let index = helpsite::pipeline::index_site_in(&root, Some("ru")).expect("index");
    let mut analyzer =
        helpsite::search::analyze::analyzer(helpsite::search::analyze::language("ru"));
    let mut titles = 0;
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.expect("walk");
        let name = entry.file_name().to_string_lossy().to_string();
        if !name.ends_with(".ru.md") || name.starts_with("_index") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read");
        let title = text
            .lines()
            .find_map(|l| l.strip_prefix("title: "))
            .expect("a title")
            .trim()
            .to_string();
        let rel = entry
            .path()
            .strip_prefix(root.join("content"))
            .expect("below content")
            .to_string_lossy()
            .replace(".ru.md", "/");
        let parsed = helpsite::search::parse_query(&title, "ru", None, None);
        let hits = helpsite::search::query::search(&index, &parsed, 5, &mut analyzer);
        assert!(
            hits.iter()
                .any(|h| h.url.split('#').next() == Some(&format!("/ru/{rel}"))),
            "{title} → /ru/{rel}: {:?}",
            crate::common::shown(&hits)
        );
        titles += 1;
    }
    assert_eq!(titles, 13, "the bundled site's Russian articles");
}

#[test]
fn a_copied_default_theme_rewords_the_interface_from_its_own_files() {
    let dir = tempfile::tempdir().expect("temp");
    let target = dir.path().join("site");
    let target_str = target.to_str().expect("utf-8");
    crate::common::helpsite(&["init", target_str, "--theme-copy"]).assert_ok();
    let file = target.join("themes/default/i18n/en.yaml");
    let text = std::fs::read_to_string(&file).expect("the copy has the interface text");
    std::fs::write(
        &file,
        text.replace(
            "skip_to_content: Skip to content",
            "skip_to_content: Jump to the answer",
        ),
    )
    .expect("write");
    crate::common::helpsite(&["build", "--site", target_str]).assert_ok();
    let home = std::fs::read_to_string(target.join("public/index.html")).expect("home");
    assert!(home.contains("Jump to the answer"), "{home}");
}
