// The default theme at real size: a generated site of 30 top-level sections,
// nested sections and a long reference article, checked in Chromium at phone
// and laptop widths (issue: navigation that scales, the table of contents
// beside the article, tables on phones).
import test from "node:test";
import assert from "node:assert";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { serveStatic, launch, open, axe, screenshot } from "./harness.mjs";
import { buildLarge } from "./large_site.mjs";

const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 375, height: 740 };
const LAPTOP = { width: 1280, height: 900 };
const LONG = "/configuration/all-settings/";
const DEEP = "/configuration/part-14/details/reference/";
const PAGES = { home: "/", section: "/configuration/", "wide-tables": LONG, deep: DEEP, search: "/search/?q=settings" };

let site, server, base, browser;
test.before(async () => {
  site = buildLarge();
  server = await serveStatic(site);
  base = `http://127.0.0.1:${server.port}`;
  browser = await launch();
});
test.after(async () => {
  await browser?.close();
  server?.server.close();
});

async function at(viewport, url, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const opened = await open(context, base + url);
  await opened.page.waitForTimeout(150);
  return { context, ...opened };
}

const top = (page, selector) => page.$eval(selector, (e) => e.getBoundingClientRect().top);

for (const [name, url] of Object.entries(PAGES)) {
  test(`${name}: no sideways scrolling and no axe violations on phones and laptops`, async () => {
    for (const [device, viewport] of [["phone", PHONE], ["small-phone", SMALL_PHONE], ["laptop", LAPTOP]]) {
      const { context, page, problems } = await at(viewport, url);
      assert.deepStrictEqual(problems, [], `${name} ${device}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px at ${viewport.width}px`);
      assert.deepStrictEqual(await axe(page), [], `${name} ${device}: axe`);
      await screenshot(page, `large-${name}-${device}`);
      await context.close();
    }
  });
}

test("phone: an article's title starts within the top 300 px, with or without JavaScript", async () => {
  for (const javaScriptEnabled of [true, false]) {
    for (const url of [LONG, DEEP, "/installation/guide-2/"]) {
      const { context, page } = await at(PHONE, url, { javaScriptEnabled });
      const h1 = await top(page, "h1");
      assert.ok(h1 <= 300, `${url} (JavaScript ${javaScriptEnabled}): h1 at ${h1}px`);
      await context.close();
    }
  }
});

test("phone: one compact bar; the menu opens every section, by keyboard too, and closes with Escape", async () => {
  const { context, page } = await at(PHONE, LONG);
  const bar = await page.$eval(".site-header", (e) => e.getBoundingClientRect().height);
  assert.ok(bar <= 80, `header is ${bar}px tall`);
  const search = await page.$eval(".search-box", (e) => e.getBoundingClientRect());
  const menu = await page.$eval(".nav-menu summary", (e) => e.getBoundingClientRect());
  assert.ok(Math.abs(search.top + search.height / 2 - (menu.top + menu.height / 2)) < 8, "search and menu share one row");
  assert.strictEqual(await page.$eval(".nav-links", (e) => getComputedStyle(e).display), "none", "no link list on a phone");
  await page.focus(".nav-menu summary");
  await page.keyboard.press("Enter");
  const links = await page.$$eval(".menu-list a", (as) => as.filter((a) => a.checkVisibility()).map((a) => a.textContent));
  assert.strictEqual(links.length, 30, "every top-level section is in the menu");
  assert.ok(links.includes("Support policies") && links.includes("Getting started"));
  const inView = await page.$eval(".menu-list", (e) => e.getBoundingClientRect().right <= window.innerWidth && e.getBoundingClientRect().left >= 0);
  assert.ok(inView, "the menu fits the screen");
  // The list scrolls down only: nothing hides in a column off to the side.
  assert.ok(await page.$eval(".menu-list", (e) => e.scrollWidth <= e.clientWidth), "no sideways scrolling in the menu");
  await screenshot(page, "large-menu-phone");
  await page.keyboard.press("Escape");
  assert.strictEqual(await page.$eval(".nav-menu", (d) => d.open), false, "Escape closes the menu");
  assert.strictEqual(await page.evaluate(() => document.activeElement.tagName), "SUMMARY", "focus returns to the menu button");
  await context.close();
  // Without JavaScript the menu is a plain disclosure that still opens.
  const nojs = await at(PHONE, "/", { javaScriptEnabled: false });
  await nojs.page.click(".nav-menu summary");
  assert.strictEqual(await nojs.page.$$eval(".menu-list a", (as) => as.filter((a) => a.checkVisibility()).length), 30);
  await nojs.context.close();
});

test("laptop: the header fits one line, the rest of the sections under All topics", async () => {
  // Just above the narrowest width that shows links (72rem) and a wide one.
  for (const width of [1160, 1920]) {
    const wide = await at({ width, height: 900 }, "/");
    const height = await wide.page.$eval(".site-header", (e) => e.getBoundingClientRect().height);
    assert.ok(height <= 80, `header is ${height}px tall at ${width}px`);
    assert.ok(await wide.page.$eval(".nav-links", (e) => e.checkVisibility()), `links shown at ${width}px`);
    const overflow = await wide.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `scrolls sideways at ${width}px`);
    await wide.context.close();
  }
  const { context, page } = await at(LAPTOP, "/");
  const height = await page.$eval(".site-header", (e) => e.getBoundingClientRect().height);
  assert.ok(height <= 80, `header is ${height}px tall`);
  const shown = await page.$$eval(".nav-links a", (as) => as.map((a) => a.textContent));
  assert.ok(shown.length >= 2 && shown.length <= 7, `header shows ${shown}`);
  assert.strictEqual(await page.$eval(".menu-wide", (e) => e.textContent), "All topics");
  await page.click(".nav-menu summary");
  const all = await page.$$eval(".menu-list a", (as) => as.filter((a) => a.checkVisibility()).length);
  assert.strictEqual(all, 30);
  assert.ok(await page.$eval(".menu-list", (e) => e.scrollWidth <= e.clientWidth), "no sideways scrolling in the menu");
  await page.mouse.click(640, 800);
  assert.strictEqual(await page.$eval(".nav-menu", (d) => d.open), false, "a click elsewhere closes the menu");
  await context.close();
});

test("laptop: the table of contents is a sticky column beside the article and follows the reading", async () => {
  const { context, page } = await at(LAPTOP, LONG);
  const first = await top(page, ".prose > p");
  assert.ok(first <= 600, `first paragraph at ${first}px`);
  const toc = await page.$eval(".toc", (e) => e.getBoundingClientRect());
  const prose = await page.$eval(".prose", (e) => e.getBoundingClientRect());
  assert.ok(toc.left >= prose.right, "the contents are beside the text, not above it");
  assert.strictEqual(await page.$$eval(".toc a", (as) => as.filter((a) => a.checkVisibility()).length), 25);
  await page.evaluate(() => document.getElementById("settings-group-19").scrollIntoView());
  await page.waitForTimeout(200);
  const tocTop = await top(page, ".toc");
  assert.ok(tocTop >= 0 && tocTop < 100, `the contents stay in view (top ${tocTop}px)`);
  assert.strictEqual(await page.$eval(".toc a[aria-current]", (a) => a.textContent), "Settings group 19");
  await screenshot(page, "large-toc-laptop-scrolled");
  await context.close();
});

test("phone: the table of contents is a closed disclosure above the text", async () => {
  for (const javaScriptEnabled of [true, false]) {
    const { context, page } = await at(PHONE, LONG, { javaScriptEnabled });
    assert.strictEqual(await page.$eval(".toc", (d) => d.open), false);
    const first = await top(page, ".prose > p");
    assert.ok(first <= 844, `first paragraph at ${first}px (JavaScript ${javaScriptEnabled})`);
    await page.click(".toc summary");
    assert.strictEqual(await page.$$eval(".toc a", (as) => as.filter((a) => a.checkVisibility()).length), 25);
    await context.close();
  }
});

test("wide tables: a labelled region reachable by keyboard; stacked rows on a phone", async () => {
  const laptop = await at(LAPTOP, LONG);
  const region = await laptop.page.$eval(".table-wrap", (e) => ({ role: e.getAttribute("role"), tabindex: e.tabIndex, label: e.getAttribute("aria-label"), scrolls: e.scrollWidth > e.clientWidth }));
  assert.deepStrictEqual({ ...region, scrolls: undefined }, { role: "region", tabindex: 0, label: "Table: Parameter, Type, Default, Required, Since, Description, Example", scrolls: undefined });
  assert.ok(region.scrolls, "the table is wider than its column");
  await laptop.page.focus(".table-wrap");
  await laptop.page.keyboard.press("ArrowRight");
  await laptop.page.waitForTimeout(100);
  assert.ok(await laptop.page.$eval(".table-wrap", (e) => e.scrollLeft > 0), "arrow keys scroll the focused table");
  await laptop.context.close();

  const phone = await at(PHONE, LONG);
  assert.ok(await phone.page.$eval(".table-wrap", (e) => e.classList.contains("stacked")), "stacked on a phone");
  assert.strictEqual(await phone.page.$eval(".table-wrap tbody td", (td) => td.dataset.label), "Parameter");
  assert.ok(await phone.page.$eval(".table-wrap", (e) => e.scrollWidth <= e.clientWidth + 1), "a stacked table does not scroll");
  await phone.context.close();
});

test("section sidebar: the current path open, long lists folded after a screenful", async () => {
  const { context, page } = await at(LAPTOP, DEEP);
  const open = await page.$$eval(".tree details[open] > summary", (ss) => ss.map((s) => s.textContent));
  assert.ok(open.includes("Configuration part 14") && open.includes("Details of part 14"), `open: ${open}`);
  assert.ok(open.some((t) => /^2 more$/.test(t)), "the fold holding the current part is open");
  // The other part in that fold is a plain link to its page, its "›" mark
  // decoration that gives its name nothing.
  const folded = page.getByRole("link", { name: "Configuration part 13", exact: true });
  assert.strictEqual(await folded.count(), 1);
  assert.strictEqual(await folded.evaluate((a) => a.parentElement.className), "section");
  const closed = await page.$$eval(".tree details:not([open]) > summary", (ss) => ss.map((s) => s.textContent));
  assert.ok(closed.includes("Configuration part 1") && closed.includes("29 more"), `closed: ${closed}`);
  const current = await page.$eval(".sidebar [aria-current='page']", (a) => ({ text: a.textContent, top: a.getBoundingClientRect().top }));
  assert.strictEqual(current.text, "Reference for part 14");
  assert.ok(current.top >= 0 && current.top <= 900, `the page's own link is in view (${current.top}px)`);
  const visible = await page.$$eval(".sidebar a", (as) => as.filter((a) => a.checkVisibility()).length);
  assert.ok(visible <= 40, `${visible} links shown`);
  await context.close();
  // An article past the fold of its own section opens that fold.
  const late = await at(LAPTOP, "/configuration/guide-35/");
  assert.strictEqual(await late.page.$eval(".sidebar [aria-current='page']", (a) => a.checkVisibility()), true);
  await late.context.close();
});

test("home page: thirty sections stay a scannable grid of short cards", async () => {
  const { context, page } = await at(LAPTOP, "/");
  const cards = await page.$$eval(".cards > .card", (cs) => cs.map((c) => c.getBoundingClientRect().height));
  assert.strictEqual(cards.length, 30);
  assert.ok(Math.max(...cards) <= 200, `tallest card ${Math.max(...cards)}px`);
  assert.strictEqual(await page.$$eval(".cards .card ul", (u) => u.length), 0, "no link lists in the cards");
  await context.close();
});

test("budget: the long article's CSS and JS stay within 30 KB gzipped", async () => {
  const { context, page } = await at(LAPTOP, LONG);
  const urls = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name));
  let bytes = 0;
  for (const u of urls) {
    const p = decodeURIComponent(new URL(u).pathname);
    if (!/\.(css|js)$/.test(p)) continue;
    bytes += zlib.gzipSync(fs.readFileSync(path.join(site, p))).length;
  }
  assert.ok(bytes > 0 && bytes <= 30 * 1024, `${bytes} bytes`);
  await context.close();
});
