// The default theme in a real browser: every page type without console errors,
// failed requests, horizontal scrolling on a phone, or axe-core WCAG 2.1 AA
// violations; keyboard use; dark mode; print; pages without JavaScript.
// Run: node --test tests/browser/   (screenshots go to test-artifacts/screenshots/)
import test from "node:test";
import assert from "node:assert";
import { buildBundled, serveStatic, launch, open, axe, screenshot } from "./harness.mjs";

const PAGES = {
  home: "/",
  section: "/getting-help/",
  article: "/addons/seo-toolkit/how-it-works/",
  faq: "/getting-help/faq/",
  tags: "/tags/",
  tag: "/tags/sla/",
  "support-hours": "/support/hours/",
  "support-sla": "/support/sla/",
  "support-channels": "/support/channels/",
  search: "/search/?q=password",
  // The bundled site's Russian translation.
  "ru-home": "/ru/",
  "ru-article": "/ru/getting-help/contact-technical-support/",
  "ru-support-hours": "/ru/support/hours/",
};

let site, server, base, browser;
test.before(async () => {
  site = buildBundled();
  server = await serveStatic(site);
  base = `http://127.0.0.1:${server.port}`;
  browser = await launch();
});
test.after(async () => {
  await browser?.close();
  server?.server.close();
});

for (const [kind, url] of Object.entries(PAGES)) {
  test(`${kind}: clean on desktop and phone, no accessibility violations`, async () => {
    for (const [device, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 375, height: 740 }]]) {
      const context = await browser.newContext({ viewport });
      const { page, problems } = await open(context, base + url);
      await page.waitForTimeout(200);
      assert.deepStrictEqual(problems, [], `${kind} ${device}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${kind} scrolls sideways by ${overflow}px at ${viewport.width}px`);
      if (device === "desktop") assert.deepStrictEqual(await axe(page), [], `${kind}: axe`);
      else assert.deepStrictEqual(await axe(page), [], `${kind} (phone): axe`);
      await screenshot(page, `${kind}-${device}`);
      await context.close();
    }
  });
}

test("404 page for a missing URL", async () => {
  const context = await browser.newContext();
  const { page, response } = await open(context, base + "/no/such/page/", { expectStatus: true });
  assert.strictEqual(response.status(), 404);
  assert.match(await page.textContent("h1"), /can’t find/);
  assert.deepStrictEqual(await axe(page), []);
  await screenshot(page, "404-desktop");
  await context.close();
});

test("keyboard: skip link first, visible focus, every control reachable", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page } = await open(context, base + PAGES.article);
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => ({ text: document.activeElement.textContent, href: document.activeElement.getAttribute("href") }));
  assert.deepStrictEqual(first, { text: "Skip to content", href: "#main" });
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notStrictEqual(outline, "none", "focus is visible");
  // Tab through the whole page and compare with every visible control.
  const expected = await page.evaluate(() => Array.from(document.querySelectorAll("a[href], button, input, select, textarea, summary"))
    .filter((e) => e.checkVisibility() && e.tabIndex >= 0 && !e.closest("[hidden]")).length);
  const seen = new Set();
  for (let i = 0; i < expected + 10; i++) {
    const id = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e.dataset.kbId) e.dataset.kbId = String(Math.random());
      return e.dataset.kbId;
    });
    seen.add(id);
    await page.keyboard.press("Tab");
  }
  assert.ok(seen.size >= expected, `reached ${seen.size} of ${expected} controls`);
  await context.close();
});

test("search: / focuses the box, results as you type, arrows and Enter open one", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await open(context, base + "/");
  await page.keyboard.press("/");
  assert.strictEqual(await page.evaluate(() => document.activeElement.id), "site-search");
  await page.keyboard.type("pasword rese", { delay: 30 });
  await page.waitForSelector("#site-search-results .result");
  const first = await page.textContent("#site-search-results .result .result-title");
  assert.strictEqual(first, "Signing in to the help desk");
  assert.ok(await page.$("#site-search-results mark"), "matches highlighted");
  await page.keyboard.press("ArrowDown");
  assert.strictEqual(await page.getAttribute("#site-search", "aria-activedescendant"), "site-search-results-opt-0");
  await Promise.all([page.waitForURL(/help-desk-account/), page.keyboard.press("Enter")]);
  // The section, and its passage when that is not its first (a text fragment).
  assert.ok(/\/getting-help\/help-desk-account\/#reset-your-password(:~:text=|$)/.test(page.url()), page.url());
  await screenshot(page, "search-result-opened");
  assert.deepStrictEqual(problems, []);
  await context.close();
});

test("before you write to us: a customer's question finds the answer, then the help desk", async () => {
  const context = await browser.newContext();
  const { page, problems } = await open(context, base + "/support/channels/");
  // Typed as a customer asks it: the question words are not what it is
  // about (the browser drops the stop words the build dropped).
  await page.fill("#before-search", "where do I send a bug report?");
  await page.waitForSelector("#before-results .result");
  const first = await page.getAttribute("#before-results .result", "href");
  assert.ok(first.startsWith("/getting-help/report-a-bug/"), first);
  await screenshot(page, "before-you-write-question");
  assert.ok(await page.$("#before-results .more-results"), "a link to all results");
  assert.ok(await page.$(".before-you-write a[href*='help']") || await page.$(".before-you-write .small a"), "then the help desk");
  assert.deepStrictEqual(problems, []);
  await context.close();
});

test("what search says comes from the theme, so a site can say it in its language", async () => {
  const context = await browser.newContext();
  const { page, problems } = await open(context, base + "/search/?q=password");
  await page.waitForSelector(".search-hit");
  assert.match(await page.textContent("[data-search-status]"), /^\d+ articles found\.$/);
  // A sub-result without a heading (the introduction) is called that, not by
  // its article's title again.
  const subs = await page.$$eval(".search-hit", (hits) => hits.map((h) => [
    h.querySelector("h2").textContent, [...h.querySelectorAll(".sub-results a")].map((a) => a.textContent)]));
  assert.ok(subs.some(([, s]) => s.includes("Introduction")), JSON.stringify(subs));
  assert.ok(subs.every(([title, s]) => !s.includes(title)), JSON.stringify(subs));
  // A word found only through near misses is named after the count.
  await page.fill("#search-q", "pasword");
  await page.waitForFunction(() => /close matches/.test(document.querySelector("[data-search-status]").textContent));
  assert.match(await page.textContent("[data-search-status]"), /^\d+ articles found\. No exact match for “pasword”: showing close matches\.$/);
  await page.fill("#search-q", "shiping adress");
  await page.waitForFunction(() => /adress/.test(document.querySelector("[data-search-status]").textContent));
  assert.strictEqual(await page.textContent("[data-search-status]"),
    "1 article found. No exact match for “shiping”, “adress”: showing close matches.");
  await page.fill("#search-q", "whatsapp support");
  await page.waitForFunction(() => /whatsapp/.test(document.querySelector("[data-search-status]").textContent));
  assert.match(await page.textContent("[data-search-status]"),
    /^\d+ articles found\. Nothing mentions “whatsapp”: showing results for the other words\.$/);
  // A section's name finds the section's own page first.
  await page.fill("#search-q", "Getting help");
  await page.waitForFunction(() => document.querySelector(".search-hit h2 a")?.getAttribute("href") === "/getting-help/");
  // A misspelt title word finds its article.
  await page.fill("#search-q", "toolkt");
  await page.waitForFunction(() => /SEO Toolkit/.test(document.querySelector(".search-hit h2")?.textContent || ""));
  // A keyword from front matter finds its article, and is not shown.
  await page.fill("#search-q", "crash");
  await page.waitForFunction(() => /Reporting a bug/.test(document.querySelector(".search-hit h2")?.textContent || ""));
  assert.doesNotMatch(await page.textContent(".search-hit"), /crash/i);
  await page.fill("#search-q", "password");
  await page.waitForFunction(() => !/close|mentions/.test(document.querySelector("[data-search-status]").textContent));
  // A French page's interface text, inlined as a theme may still do
  // (`script_text` in `helpsite-text`, over the language's file), with its
  // plural forms chosen by French rules.
  await page.evaluate(() => {
    const text = Object.assign({}, window.helpsiteText);
    text.lang = "fr";
    text["search.found"] = { one: "{n} article trouvé.", other: "{n} articles trouvés." };
    text["search.none_for"] = "Aucun article ne correspond à « {q} ».";
    const node = document.createElement("script");
    node.type = "application/json";
    node.id = "helpsite-text";
    node.textContent = JSON.stringify(text);
    document.head.appendChild(node);
  });
  await page.fill("#search-q", "installation");
  await page.waitForFunction(() => /trouvés/.test(document.querySelector("[data-search-status]").textContent));
  await page.fill("#search-q", "zzqxv <b>$&</b>");
  await page.waitForFunction(() => /Aucun/.test(document.querySelector("[data-search-status]").textContent));
  assert.strictEqual(await page.textContent("[data-search-status]"), "Aucun article ne correspond à « zzqxv <b>$&</b> ».");
  // Nothing found: the way to ask is on the page, with whether we are open.
  assert.ok(await page.isVisible(".contact-box a[href$='/support/channels/']"), "a link to the ways to reach us");
  assert.match(await page.textContent(".contact-box [data-support-status]"), /open|closed/i);
  assert.deepStrictEqual(problems, []);
  await context.close();
});

test("search page: filters, and hostile queries are shown as text", async () => {
  const context = await browser.newContext();
  const { page, problems } = await open(context, base + "/search/?q=install&tag=checkout");
  await page.waitForSelector(".search-hit");
  const titles = await page.$$eval(".search-hit h2", (hs) => hs.map((h) => h.textContent));
  assert.deepStrictEqual(titles, ["How One-Click Checkout works"]);
  await page.selectOption("select[name=tag]", "");
  await page.waitForFunction(() => document.querySelectorAll(".search-hit").length >= 2);
  await page.fill("#search-q", '<img src=x onerror="window.pwned=1">');
  await page.waitForTimeout(300);
  assert.strictEqual(await page.evaluate(() => window.pwned), undefined);
  assert.strictEqual(await page.$("img[src=x]"), null);
  await page.fill("#search-q", "x".repeat(10000));
  await page.waitForTimeout(300);
  assert.deepStrictEqual(problems, []);
  await context.close();
});

test("support widgets with a fixed clock, in the visitor's time zone", async () => {
  // Friday 27 November 2026, 16:00 in Dubai (UTC+4) is 07:00 in New York.
  const context = await browser.newContext({ timezoneId: "America/New_York", locale: "en-US" });
  const { page } = await open(context, base + "/support/hours/?helpsite-now=2026-11-27T12:00:00Z");
  assert.match(await page.textContent(".status-card"), /Open now\. We close at 18:00 our time \(09:00 AM your time\)/);
  assert.match(await page.textContent("[data-week-row='0'] [data-local]"), /Mon, Nov 30, 12:00 AM – 09:00 AM/);
  assert.strictEqual(await page.isVisible("[data-local-col]"), true);
  await screenshot(page, "hours-new-york");

  const closed = await open(context, base + "/support/channels/?helpsite-now=2026-11-28T12:00:00Z");
  assert.match(await closed.page.textContent(".status-card"), /Closed now\. We open Monday 09:00 our time \(Mon, Nov 30, 12:00 AM your time\)/);
  const holiday = await open(context, base + "/support/hours/?helpsite-now=2027-01-01T08:00:00Z");
  assert.match(await holiday.page.textContent(".status-card"), /Closed today for New Year's Day/);

  const sla = await open(context, base + "/support/sla/?helpsite-now=2026-11-27T16:00:00Z");
  // Friday evening + 3–5 business days: close of Wednesday 2 to close of Friday 4 December.
  assert.match(await sla.page.textContent("[data-tier-window='free-consultation']"), /between Wed, Dec 2, 09:00 AM and Fri, Dec 4, 09:00 AM \(your time\)/);
  await context.close();
});

test("a page in Russian speaks Russian: search, support widgets, the language switcher", async () => {
  const context = await browser.newContext({ timezoneId: "America/New_York", locale: "en-US" });
  // Instant results from the Russian index, with Russian stemming (пароли → пароля).
  const { page, problems } = await open(context, base + "/ru/getting-help/faq/");
  await page.fill("#site-search", "пароли");
  await page.waitForSelector("#site-search-results [role=option]");
  assert.match(await page.textContent("#site-search-results"), /Сброс пароля/);
  assert.doesNotMatch(await page.textContent("#site-search-results"), /Reset your password/);
  // The search page counts in Russian plural forms.
  const search = await open(context, base + "/ru/search/?q=пароль");
  await search.page.waitForSelector(".search-hit");
  assert.match(await search.page.textContent("[data-search-status]"), /^Найден[оа] \d+ стат(ья|ьи|ей)\.$/);
  await search.page.fill("#search-q", "zzqxv");
  await search.page.waitForFunction(() => /ничего не найдено/.test(document.querySelector("[data-search-status]").textContent));
  // Support hours: the sentence and the visitor's times in Russian.
  const hours = await open(context, base + "/ru/support/hours/?helpsite-now=2026-11-27T12:00:00Z");
  assert.match(await hours.page.textContent(".status-card"), /Сейчас работаем\. Закрываемся в 18:00 по нашему времени/);
  assert.match(await hours.page.textContent("[data-week-row='0'] [data-local]"), /пн/);
  // The switcher leads to the same page in English.
  await page.click(".language-menu summary");
  await page.click(".language-list a[hreflang=en]");
  await page.waitForURL(base + "/getting-help/faq/");
  assert.strictEqual(await page.getAttribute("html", "lang"), "en");
  assert.deepStrictEqual(problems, []);
  await context.close();
});

test("pages work without JavaScript", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const hours = await context.newPage();
  await hours.goto(base + "/support/hours/");
  assert.match(await hours.textContent(".week"), /Monday\s*09:00–18:00/);
  const sla = await context.newPage();
  await sla.goto(base + "/support/sla/");
  assert.strictEqual((await sla.$$(".tier")).length, 4);
  const channels = await context.newPage();
  await channels.goto(base + "/support/channels/");
  assert.ok((await channels.textContent(".channels")).includes("cart-addons@cscart.com"));
  const article = await context.newPage();
  await article.goto(base + PAGES.article);
  assert.ok(await article.$("pre.code span[class]"), "highlighting needs no script");
  await screenshot(article, "article-no-js");
  await context.close();
});

test("dark mode follows the system, print hides the chrome", async () => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const { page } = await open(context, base + PAGES.article);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.strictEqual(bg, "rgb(15, 18, 22)");
  assert.deepStrictEqual(await axe(page), [], "dark mode contrast");
  // Code is coloured by the dark theme's stylesheet, not the light one's:
  // every token keeps its colour in the other scheme only where the two
  // themes happen to agree.
  const codeColours = () =>
    page.$$eval("pre.code span[class]", (spans) =>
      spans.map((s) => [s.className, getComputedStyle(s).color]));
  const dark = await codeColours();
  assert.ok(dark.length > 3, "highlighted tokens");
  assert.ok(dark.some(([cls, colour]) => /\bd\d/.test(cls) && colour !== "rgb(0, 0, 0)"), JSON.stringify(dark));
  await page.emulateMedia({ colorScheme: "light" });
  const light = await codeColours();
  assert.ok(light.some(([, c], i) => c !== dark[i][1]), "the light theme colours code differently");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "article-dark");
  await page.emulateMedia({ media: "print", colorScheme: "light" });
  for (const sel of [".site-header", ".sidebar", ".site-footer", ".contact-box"]) {
    assert.strictEqual(await page.$eval(sel, (e) => getComputedStyle(e).display), "none", `${sel} in print`);
  }
  await context.close();
});

test("budgets: article CSS+JS at most 30 KB gzipped, no third-party requests; weights recorded", async () => {
  const zlib = await import("node:zlib");
  const fs = await import("node:fs");
  const path = await import("node:path");
  const weights = {};
  for (const [kind, url] of Object.entries(PAGES)) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(base + url, { waitUntil: "load" });
    await page.waitForTimeout(300);
    const foreign = requests.filter((u) => !u.startsWith(base));
    assert.deepStrictEqual(foreign, [], `${kind}: third-party requests`);
    let total = 0, cssJs = 0;
    for (const u of new Set(requests)) {
      const p = decodeURIComponent(new URL(u).pathname);
      let file = path.join(site, p.endsWith("/") ? p + "index.html" : p);
      if (!fs.existsSync(file)) continue;
      const gz = zlib.gzipSync(fs.readFileSync(file)).length;
      total += gz;
      if (/\.(css|js)$/.test(p)) cssJs += gz;
    }
    weights[kind] = { requests: new Set(requests).size, gzipped_bytes: total, css_js_gzipped_bytes: cssJs };
    if (kind === "article") assert.ok(cssJs <= 30 * 1024, `article CSS+JS is ${cssJs} bytes gzipped`);
    await context.close();
  }
  const out = path.resolve(new URL("../../test-artifacts/page-weights.json", import.meta.url).pathname);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(weights, null, 2));
});
