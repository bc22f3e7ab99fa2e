// helpsite's static search vs Pagefind on the same built site.
//   node bench/search/compare.mjs SITE_DIR   (SITE_DIR: a helpsite site built to
//   SITE_DIR/public, with `pagefind --site SITE_DIR/public --output-subdir pagefind` run on it)
// Prints bytes and requests for a cold and a warm query (Chromium, loopback), and
// MRR@10 / found@5 per known-item query family for both engines.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const siteDir = process.argv[2];
const pub = path.join(siteDir, "public");
const TEXT = /\.(html|js|css|json|svg|xml|txt)$/;

// A static server that counts bytes as a host that gzips text would send them.
let log = [];
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = path.join(pub, p.endsWith("/") ? p + "index.html" : p);
  if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
  const body = fs.readFileSync(file);
  log.push({ p, bytes: TEXT.test(file) ? zlib.gzipSync(body).length : body.length });
  const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".html") ? "text/html" : file.endsWith(".wasm") || file.endsWith(".pagefind") ? "application/wasm" : "application/octet-stream";
  res.writeHead(200, { "content-type": type });
  res.end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

// Known-item queries from the corpus: 200 articles, five families.
function articles() {
  const out = [];
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
    const f = path.join(d, e.name);
    if (e.isDirectory()) walk(f);
    else if (e.name.startsWith("article-")) out.push(f);
  });
  walk(path.join(siteDir, "content"));
  out.sort();
  return out.filter((_, i) => i % Math.max(1, Math.floor(out.length / 200)) === 0).slice(0, 200).map((f) => {
    const text = fs.readFileSync(f, "utf8");
    const title = /title: "([^"]+)"/.exec(text)[1];
    const rel = path.relative(path.join(siteDir, "content"), f).replace(/\.md$/, "/");
    const body = text.split("---")[2].split(/\s+/).filter((w) => /^[a-z]{6,}$/.test(w));
    return { url: "/" + rel, title, body };
  });
}
const items = articles();
const words = (t) => t.split(/\s+/).filter((w) => /^[A-Za-z]{5,}$/.test(w));
const families = {
  "exact title": (a) => a.title,
  "partial title": (a) => a.title.split(" ").slice(0, 2).join(" ") + " " + a.title.split(" ").slice(-1),
  "body words": (a) => a.body.slice(0, 3).join(" "),
  "one typo": (a) => { const w = words(a.title)[0] || a.title; const c = [...w]; [c[1], c[2]] = [c[2], c[1]]; return a.title.replace(w, c.join("")); },
  "4-letter prefix": (a) => { const parts = a.title.split(" "); return parts.slice(0, -1).join(" ") + " " + (words(a.title).slice(-1)[0] || parts[0]).slice(0, 4); },
};

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });

async function measure(engine) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + "/", { waitUntil: "load" });
  if (engine === "pagefind") await page.evaluate(async () => { window.pf = await import("/pagefind/pagefind.js"); });
  else await page.waitForFunction(() => window.helpsiteSearch);
  const run = (q) => page.evaluate(async ([engine, q]) => {
    if (engine === "pagefind") {
      const r = await window.pf.search(q);
      const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      return data.map((d) => d.url);
    }
    const r = await window.helpsiteSearch(q, { limit: 10 });
    return r.hits.map((h) => h.url);
  }, [engine, q]);
  log = [];
  await run("shipping payment refund");
  const cold = { bytes: log.reduce((n, x) => n + x.bytes, 0), requests: log.length };
  log = [];
  await run("order export");
  const warm = { bytes: log.reduce((n, x) => n + x.bytes, 0), requests: log.length };
  const quality = {};
  for (const [family, make] of Object.entries(families)) {
    let rr = 0, found5 = 0, zero = 0;
    for (const a of items) {
      const urls = (await run(make(a))).map((u) => u.split("#")[0]);
      if (!urls.length) zero++;
      const rank = urls.indexOf(a.url) + 1;
      if (rank > 0) rr += 1 / rank;
      if (rank > 0 && rank <= 5) found5++;
    }
    quality[family] = { mrr10: +(rr / items.length).toFixed(3), found5: +(found5 / items.length).toFixed(3), zero: +(zero / items.length).toFixed(3) };
  }
  await context.close();
  return { cold, warm, quality };
}

const result = { queries_per_family: items.length, helpsite: await measure("helpsite"), pagefind: await measure("pagefind") };
console.log(JSON.stringify(result, null, 2));
await browser.close();
server.close();
