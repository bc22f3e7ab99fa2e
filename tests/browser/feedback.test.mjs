// Article feedback and search events in Chromium, against a local stub
// collector: nothing at all without `feedback:`, one JSON POST per vote and
// per settled search with it, by keyboard, axe-clean, within 1.5 KB.
import test from "node:test";
import assert from "node:assert";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { execFileSync } from "node:child_process";
import { root, binary, buildBundled, serveStatic, launch, open, axe, screenshot } from "./harness.mjs";

const ARTICLE = "/getting-help/help-desk-account/";
const OTHER = "/getting-help/report-a-bug/";

function buildWithFeedback(endpoint, extra = "") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpsite-feedback-"));
  const site = path.join(dir, "site");
  fs.mkdirSync(site);
  for (const f of ["content", "support.yaml", "helpsite.yaml", "static"]) {
    if (fs.existsSync(path.join(root, f))) fs.cpSync(path.join(root, f), path.join(site, f), { recursive: true });
  }
  const settings = endpoint ? `  endpoint: ${endpoint}\n` : "";
  fs.appendFileSync(path.join(site, "helpsite.yaml"), `\nfeedback:\n${settings}  reasons: [It did not answer my question, It is out of date]\n${extra}`);
  const out = path.join(dir, "public");
  execFileSync(binary(), ["build", "--site", site, "--output", out, "--base-url", "http://127.0.0.1/"], { stdio: "pipe" });
  return out;
}

let browser, plain, withFeedback, collector, received = [];
test.before(async () => {
  collector = await new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => { body += c; });
      req.on("end", () => {
        if (req.method === "POST") received.push({ type: req.headers["content-type"], body: JSON.parse(body) });
        res.writeHead(204, { "access-control-allow-origin": "*" });
        res.end();
      });
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
  const endpoint = `http://127.0.0.1:${collector.address().port}/collect`;
  const plainDir = buildBundled();
  plain = await serveStatic(plainDir);
  plain.dir = plainDir;
  const out = buildWithFeedback(endpoint);
  withFeedback = await serveStatic(out);
  withFeedback.dir = out;
  browser = await launch();
});
test.after(async () => {
  await browser?.close();
  plain?.server.close();
  withFeedback?.server.close();
  collector?.close();
});

const until = async (check, what) => {
  for (let i = 0; i < 50; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}; received ${JSON.stringify(received)}`);
};

test("without feedback: no widget, no script, no request when reading and searching", async () => {
  const context = await browser.newContext();
  const requests = [];
  context.on("request", (r) => requests.push(`${r.method()} ${r.url()}`));
  const { page } = await open(context, `http://127.0.0.1:${plain.port}${ARTICLE}`);
  assert.strictEqual(await page.$("[data-feedback]"), null);
  await page.fill("#site-search", "password");
  await page.waitForSelector("#site-search-results .result");
  await page.click("#site-search-results .result");
  await page.waitForLoadState("load");
  assert.deepStrictEqual(requests.filter((r) => r.startsWith("POST") || /feedback/.test(r)), []);
  await context.close();
});

test("a vote by keyboard: one JSON POST, thanks, and only once per article", async () => {
  received = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await open(context, `http://127.0.0.1:${withFeedback.port}${ARTICLE}`);
  await page.waitForSelector("[data-feedback]:not([hidden])");
  assert.deepStrictEqual(await axe(page), [], "axe with the widget");
  await page.focus("[data-vote=yes]");
  await page.keyboard.press("Enter");
  await until(() => received.length === 1, "the vote");
  assert.match(received[0].type, /^text\/plain/);
  assert.deepStrictEqual(received[0].body, { type: "vote", path: ARTICLE, language: "en", vote: "yes", reason: null, comment: null, updated: "2026-11-18", query: null });
  assert.match(await page.textContent(".feedback-thanks"), /Thank you/);
  await screenshot(page, "feedback-thanks");
  await page.reload();
  await page.waitForSelector("[data-feedback]:not([hidden])");
  assert.strictEqual(await page.isVisible("[data-vote=yes]"), false, "asked once per article");
  await page.waitForTimeout(300);
  assert.strictEqual(received.length, 1);
  assert.deepStrictEqual(problems, []);
  await context.close();
});

test("No asks why: a reason and a comment, sent as text", async () => {
  received = [];
  const context = await browser.newContext();
  const { page } = await open(context, `http://127.0.0.1:${withFeedback.port}${OTHER}`);
  await page.waitForSelector("[data-feedback]:not([hidden])");
  await page.click("[data-vote=no]");
  assert.strictEqual(await page.evaluate(() => document.activeElement.name), "reason", "focus moves into the question");
  assert.deepStrictEqual(await axe(page), [], "axe with the reasons open");
  await page.check("input[value='It is out of date']");
  await page.fill("#feedback-comment", "<img src=x onerror=alert(1)> prices changed");
  await screenshot(page, "feedback-why");
  await page.click(".feedback-why button[type=submit]");
  await until(() => received.length === 1, "the vote");
  const vote = received[0].body;
  assert.deepStrictEqual([vote.vote, vote.reason, vote.comment, vote.path], ["no", "It is out of date", "<img src=x onerror=alert(1)> prices changed", OTHER]);
  assert.strictEqual(await page.$("img[src=x]"), null, "the comment is never shown as HTML");
  await context.close();
});

test("a search is reported once when it settles, with the rank clicked", async () => {
  received = [];
  const context = await browser.newContext();
  const { page } = await open(context, `http://127.0.0.1:${withFeedback.port}/`);
  await page.click("#site-search");
  await page.keyboard.type("pasword", { delay: 60 });
  await page.waitForSelector("#site-search-results .result");
  await page.waitForTimeout(300);
  assert.strictEqual(received.length, 0, "nothing per keystroke");
  await page.click("#site-search-results .result >> nth=0");
  await until(() => received.length === 1, "the search event");
  const event = received[0].body;
  assert.strictEqual(event.type, "search");
  assert.strictEqual(event.query, "pasword");
  assert.strictEqual(event.clicked, 1);
  assert.strictEqual(event.close, true, "close matches were used");
  assert.ok(event.results >= 1);
  await page.waitForTimeout(300);
  assert.strictEqual(received.length, 1);

  // A "No" on the page the search opened tells which search it answered badly.
  await page.waitForSelector("[data-feedback]:not([hidden])");
  await page.click("[data-vote=no]");
  await page.click(".feedback-why button[type=submit]");
  await until(() => received.length === 2, "the vote after the search");
  assert.deepStrictEqual([received[1].body.type, received[1].body.vote, received[1].body.query], ["vote", "no", "pasword"]);
  // Only the page the search opened: the next one is read on its own.
  received = [];
  await page.goto(`http://127.0.0.1:${withFeedback.port}${OTHER}`);
  await page.waitForSelector("[data-feedback]:not([hidden])");
  await page.click("[data-vote=yes]");
  await until(() => received.length === 1, "a vote without a search");
  assert.strictEqual(received[0].body.query, null);

  // A query that finds nothing, then the page is left: reported with no click.
  received = [];
  const second = await open(context, `http://127.0.0.1:${withFeedback.port}/search/?q=zzqxw`);
  await second.page.waitForTimeout(1300);
  await second.page.goto(`http://127.0.0.1:${withFeedback.port}/`);
  await until(() => received.length === 1, "the unanswered search");
  assert.deepStrictEqual([received[0].body.query, received[0].body.results, received[0].body.clicked], ["zzqxw", 0, null]);
  await context.close();
});

test("the widget's weight: each article page at most 1.5 KB gzipped more, its script and style once", async () => {
  // Gzipped bytes of an article page, split into the page itself and the CSS
  // and JS it loads (cached after the first page).
  const weigh = async (server, dir) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const files = [];
    page.on("response", (r) => { if (r.url().startsWith(`http://127.0.0.1:${server.port}`)) files.push(new URL(r.url()).pathname); });
    await page.goto(`http://127.0.0.1:${server.port}${ARTICLE}`, { waitUntil: "load" });
    await page.waitForTimeout(200);
    await context.close();
    const gz = (p) => {
      const file = path.join(dir, p.endsWith("/") ? p + "index.html" : p);
      return fs.existsSync(file) ? zlib.gzipSync(fs.readFileSync(file)).length : 0;
    };
    const html = files.filter((p) => p.endsWith("/")).reduce((s, p) => s + gz(p), 0);
    const assets = files.filter((p) => /\.(css|js)$/.test(p)).reduce((s, p) => s + gz(p), 0);
    return { html, assets };
  };
  const without = await weigh(plain, plain.dir);
  const withIt = await weigh(withFeedback, withFeedback.dir);
  const perPage = withIt.html - without.html, once = withIt.assets - without.assets;
  assert.ok(perPage > 0 && perPage <= 1536, `each page: ${perPage} bytes more`);
  assert.ok(once > 0 && once <= 2048, `script and style: ${once} bytes more, once`);
  fs.mkdirSync(path.join(root, "test-artifacts"), { recursive: true });
  fs.writeFileSync(path.join(root, "test-artifacts", "feedback-weight.json"), JSON.stringify({ per_page_gzipped: perPage, once_gzipped: once }, null, 2));
});

test("with analytics only: the site's own plausible() gets the vote and the search, no request is made", async () => {
  const out = buildWithFeedback("", "  analytics: plausible\n");
  const server = await serveStatic(out);
  const context = await browser.newContext();
  await context.addInitScript(() => { window.told = []; window.plausible = (name, opts) => window.told.push([name, opts.props]); });
  const requests = [];
  context.on("request", (r) => { if (r.method() !== "GET") requests.push(r.url()); });
  const { page } = await open(context, `http://127.0.0.1:${server.port}${ARTICLE}`);
  await page.waitForSelector("[data-feedback]:not([hidden])");
  await page.click("[data-vote=yes]");
  await page.fill("#site-search", "password");
  await page.waitForSelector("#site-search-results .result");
  // Stay on the page to read what the analytics script was told.
  await page.evaluate(() => document.querySelectorAll("#site-search-results .result").forEach((a) => a.addEventListener("click", (e) => e.preventDefault())));
  await page.click("#site-search-results .result >> nth=0");
  const told = await page.evaluate(() => window.told);
  assert.deepStrictEqual(told.map((t) => t[0]), ["Article feedback", "Search"]);
  assert.deepStrictEqual([told[0][1].vote, told[0][1].path], ["yes", ARTICLE]);
  assert.deepStrictEqual([told[1][1].query, told[1][1].clicked], ["password", 1]);
  await context.close();
  server.server.close();
  assert.deepStrictEqual(requests, [], "no POST without an endpoint");
});
