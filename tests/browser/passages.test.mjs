// Search that answers, in Chromium on the bundled site: a result links to
// the passage that answers the query (not the first mention), the page it
// opens marks that passage and scrolls to it, and a passage that clearly
// answers is shown as the answer above the search page's list and first in
// the header box.
import test from "node:test";
import assert from "node:assert";
import { buildBundled, serveStatic, launch, open, axe, screenshot } from "./harness.mjs";

let browser, server;
test.before(async () => {
  server = await serveStatic(buildBundled());
  browser = await launch();
});
test.after(async () => {
  await browser?.close();
  server?.server.close();
});

const QUERY = "separate admin account";
// The callout after the steps of "Use the Access information page".
const PASSAGE = /Create a separate admin account for us/;

test("a clicked result lands on its passage and marks it", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 700 } });
  const { page, problems } = await open(context, `http://127.0.0.1:${server.port}/`);
  await page.click("#site-search");
  await page.keyboard.type(QUERY, { delay: 20 });
  const first = page.locator("#site-search-results .result").first();
  await first.waitFor();
  // The answer comes first, labelled, its excerpt the passage with the words marked.
  assert.match(await first.getAttribute("class"), /is-answer/);
  assert.match(await first.locator(".answer-label").textContent(), /Answer/);
  assert.match(await first.locator(".excerpt").textContent(), PASSAGE);
  assert.deepStrictEqual(await first.locator(".excerpt mark").allTextContents(), ["separate", "admin", "account"]);
  const href = await first.getAttribute("href");
  assert.match(href, /^\/getting-help\/share-store-access\/#use-the-access-information-page:~:text=Create%20a%20separate%20admin,/);
  await first.click();
  await page.waitForSelector(".passage-hit");
  const hit = page.locator(".passage-hit");
  assert.strictEqual(await hit.count(), 1);
  assert.match(await hit.textContent(), PASSAGE);
  // Scrolled to: the passage is in view, below the steps that come first.
  const box = await hit.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 700, `in view: ${JSON.stringify(box)}`);
  assert.ok(await page.evaluate(() => window.scrollY > 0), "scrolled down to it");
  await screenshot(page, "passage-landed");
  // Read again without coming from search: nothing is marked.
  await page.reload();
  await page.waitForLoadState("load");
  assert.strictEqual(await page.locator(".passage-hit").count(), 0);
  assert.deepStrictEqual(problems, []);
  await context.close();
});

test("the search page shows the answer above the list, and its link lands on the passage", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await open(context, `http://127.0.0.1:${server.port}/search/?q=${encodeURIComponent(QUERY)}`);
  const answer = page.locator(".search-answer");
  await answer.waitFor();
  assert.strictEqual(await answer.isVisible(), true);
  assert.match(await answer.locator(".answer-label").textContent(), /Answer/);
  assert.match(await answer.locator(".excerpt").textContent(), PASSAGE);
  assert.match(await answer.locator("a").textContent(), /Sharing store access safely › Use the Access information page/);
  assert.deepStrictEqual(await axe(page), [], "axe with the answer shown");
  await screenshot(page, "search-answer");
  // One word answers nothing: no box.
  await page.fill("#search-q", "ticket");
  await page.waitForFunction(() => document.querySelector(".search-hits li"));
  await page.waitForTimeout(200);
  assert.strictEqual(await answer.isVisible(), false);
  // Back to the question; the answer's link opens the passage.
  await page.fill("#search-q", QUERY);
  await answer.waitFor({ state: "visible" });
  await answer.locator("a").click();
  await page.waitForSelector(".passage-hit");
  assert.match(await page.locator(".passage-hit").textContent(), PASSAGE);
  assert.deepStrictEqual(problems, []);
  await context.close();
});

test("a result in a table row or list item marks that row or item", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const { page } = await open(context, `http://127.0.0.1:${server.port}/search/?q=${encodeURIComponent("SSH access server")}`);
  const link = page.locator(".search-hits li h2 a").first();
  await link.waitFor();
  await link.click();
  await page.waitForSelector(".passage-hit");
  const hit = page.locator(".passage-hit");
  assert.strictEqual(await hit.evaluate((e) => e.tagName), "LI");
  assert.match(await hit.textContent(), /SSH or SFTP access to the server the store runs on/);
  await screenshot(page, "passage-list-item-phone");
  await context.close();
});
