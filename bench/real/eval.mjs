// Known-item search on a real documentation site: helpsite's browser search,
// `helpsite search` (through `serve`'s /api/search) and Pagefind, side by side.
//
//   node bench/real/eval.mjs SITE_DIR [HELPSITE_BIN]
//
// SITE_DIR: a site made by site_from_repo.py, built to SITE_DIR/public, with
// Pagefind run on it (bench/real/run.sh does all of it). Queries come from the
// built pages alone (their <h1>, and the text of their main column), so they
// do not depend on how helpsite reads the sources:
//   exact title, partial title (its most common word left out), body words (the page's three
//   rarest words of 5+ letters), typo (the page's rarest title word with one
//   edit after its first letter) and the same word spelled right, 4-letter
//   prefix (the title with its last word cut to 4 letters), section pages
//   (the exact title of a section's own page), and questions from headings
//   (a heading found once in the site, asked as a customer would: "how do I
//   restore a snapshot?" for "Restore a snapshot", else "what is …?", "how
//   does … work?" or "how do I use …?"; one a page), scored at the passage:
//   the page and the heading's anchor must both be right; found@1 reported.
// Prints MRR@10, found@5 and the share of queries with no result per family
// and engine, the cold query's bytes (gzip, as a static host sends them),
// requests and (for helpsite) round trips, and how many queries' top 10 differ between the
// browser and `helpsite search`.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { chromium } = require(path.resolve("tests/browser/node_modules/playwright-core"));

const siteDir = process.argv[2];
const bin = process.argv[3] || "target/release/helpsite";
const pub = path.join(siteDir, "public");
const TEXT = /\.(html|js|css|json|svg|xml|txt)$/;

// ---- The pages and their queries -------------------------------------------
const decode = (s) => s.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#0?39;|&#x27;/g, "'").replace(/&[a-z]+;/g, " ").replace(/\s+/g, " ").trim();
function pages() {
  const out = [];
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
    const f = path.join(d, e.name);
    if (e.isDirectory()) walk(f);
    else if (e.name === "index.html") out.push(f);
  });
  walk(pub);
  out.sort();
  return out.flatMap((f) => {
    const url = "/" + path.relative(pub, path.dirname(f)).split(path.sep).join("/") + "/";
    if (url === "//" || /^\/(search|tags|support|pagefind)\//.test(url)) return [];
    const html = fs.readFileSync(f, "utf8");
    if (/http-equiv="refresh"/.test(html)) return [];
    const main = (/<main[^>]*>([\s\S]*)<\/main>/.exec(html) || [])[1] || "";
    const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(main);
    if (!h1) return [];
    const article = /property="og:type" content="article"/.test(html);
    const prose = (/<div class="prose">([\s\S]*?)<\/div>\s*<\/(article|main)>/.exec(main) || [])[1] || "";
    const text = decode(prose.replace(/<pre[\s\S]*?<\/pre>/g, " "));
    // The article's ## and ### headings with their anchors, for questions.
    const headings = [...prose.matchAll(/<h([23]) id="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g)]
      .map((m) => ({ anchor: m[2], text: decode(m[3].replace(/<a class="anchor"[\s\S]*?<\/a>/g, "")) }));
    return [{ url: url.replace(/^\/\//, "/"), title: decode(h1[1]), section: !article, text, headings }];
  });
}
const all = pages();
const norm = (t) => t.toLowerCase();
const titleCount = new Map();
all.forEach((p) => titleCount.set(norm(p.title), (titleCount.get(norm(p.title)) || 0) + 1));
// Known items: a title that names one page only.
const items = all.filter((p) => titleCount.get(norm(p.title)) === 1);
const WORD = /^[A-Za-z]{5,}$/;
const tokens = (t) => t.split(/[^A-Za-z0-9]+/).filter(Boolean);
const df = new Map();
all.forEach((p) => new Set(tokens(p.text + " " + p.title).map(norm)).forEach((w) => df.set(w, (df.get(w) || 0) + 1)));
const rarest = (words, n) => [...new Set(words)].map((w, i) => [w, df.get(norm(w)) || 0, i]).sort((a, b) => a[1] - b[1] || a[2] - b[2]).slice(0, n).map((x) => x[0]);
// A deterministic hash, to vary the kind and place of an edit.
const hash = (s) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
function typo(word) {
  const c = [...word.toLowerCase()], h = hash(word), i = 1 + (h % (c.length - 2));
  switch (h % 4) {
    case 0: [c[i], c[i + 1]] = [c[i + 1], c[i]]; break; // transposition
    case 1: c.splice(i, 1); break; // deletion
    case 2: c[i] = c[i] === "e" ? "a" : "e"; break; // substitution
    default: c.splice(i, 0, c[i]); // insertion (a doubled letter)
  }
  return c.join("");
}
const titleWords = (p) => tokens(p.title).filter((w) => WORD.test(w));
// A heading as a customer asks for it: "how do I …" before one that says
// what to do ("Restore a snapshot"), else "what is …", "how does … work" or
// "how do I use …" in turn; numbering ("3. ") and punctuation gone.
const VERBS = new Set("add access apply build change check choose configure connect create customize define delete deploy disable download edit enable export find fix generate get import install list make manage migrate move open remove rename reset restore run send set setup share show sign specify start stop test troubleshoot update upgrade upload use verify view write".split(" "));
function question(heading) {
  const words = heading.replace(/^[\d.]+\s+/, "").replace(/[^\p{L}\p{N}\s'-]/gu, " ").split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 8) return null;
  const text = words.join(" ").toLowerCase();
  if (VERBS.has(words[0].toLowerCase())) return `how do I ${text}?`;
  return [`what is ${text}?`, `how does ${text} work?`, `how do I use ${text}?`][hash(text) % 3];
}
// Headings that name one passage of the whole site.
const headingCount = new Map();
all.forEach((p) => (p.headings || []).forEach((h) => headingCount.set(norm(h.text), (headingCount.get(norm(h.text)) || 0) + 1)));
const families = {
  "exact title": (p) => !p.section && p.title,
  // The title without its most common word: what a customer remembers of it.
  "partial title": (p) => {
    const w = p.title.split(/\s+/);
    if (p.section || w.length < 3) return false;
    const common = w.map((x, i) => [i, df.get(norm(x.replace(/[^A-Za-z0-9]/g, ""))) || 0]).sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    return w.filter((_, i) => i !== common).join(" ");
  },
  "body words": (p) => {
    const words = tokens(p.text).filter((w) => WORD.test(w) && !titleWords(p).map(norm).includes(norm(w)));
    return !p.section && words.length >= 30 && rarest(words, 3).join(" ");
  },
  "typo": (p) => { const w = rarest(titleWords(p), 1)[0]; return w && w.length >= 5 && typo(w); },
  "typo, spelled right": (p) => { const w = rarest(titleWords(p), 1)[0]; return w && w.length >= 5 && w.toLowerCase(); },
  "4-letter prefix": (p) => {
    const w = p.title.split(/\s+/), last = w[w.length - 1];
    return !p.section && WORD.test(last) && [...w.slice(0, -1), last.slice(0, 4)].join(" ");
  },
  "section pages": (p) => p.section && p.title,
};
const queries = Object.fromEntries(Object.entries(families).map(([f, make]) => [f, items.map((p) => ({ q: make(p), url: p.url })).filter((x) => x.q)]));
// Scored at the passage: the page and the heading's anchor. At most one a
// page (its first heading that makes a question), so long pages do not weigh more.
const PASSAGE = "questions from headings";
queries[PASSAGE] = all.filter((p) => !p.section).flatMap((p) => {
  const h = (p.headings || []).find((h) => headingCount.get(norm(h.text)) === 1 && question(h.text));
  return h ? [{ q: question(h.text), url: p.url + "#" + h.anchor, passage: true }] : [];
});
// QUERIES=1 prints the queries and stops (to look at one family's misses).
if (process.env.QUERIES) { console.log(JSON.stringify(queries, null, 1)); process.exit(0); }

// ---- A static server that counts what a gzip'ing host sends ----------------
let log = [];
const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const file = path.join(pub, p.endsWith("/") ? p + "index.html" : p);
  if (!file.startsWith(pub) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); return res.end(); }
  const body = fs.readFileSync(file);
  log.push({ p, bytes: TEXT.test(file) ? zlib.gzipSync(body).length : body.length });
  const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".html") ? "text/html" : file.endsWith(".wasm") ? "application/wasm" : file.endsWith(".json") ? "application/json" : "application/octet-stream";
  res.writeHead(200, { "content-type": type });
  res.end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
// ---- `helpsite search`, through serve's API --------------------------------
const port = 20000 + (process.pid % 10000);
const serve = spawn(bin, ["serve", "--site", siteDir, "--port", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
let serveErr = "";
serve.stderr.on("data", (d) => { serveErr += d; });
async function api(q) {
  for (let k = 0; k < 600; k++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/search?limit=10&q=${encodeURIComponent(q)}`);
      if (r.ok) return (await r.json()).map((h) => h.url);
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("serve did not answer: " + serveErr);
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"] });
async function engine(kind) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + "/", { waitUntil: "load" });
  if (kind === "pagefind") await page.evaluate(async () => { window.pf = await import("/pagefind/pagefind.js"); await window.pf.init(); });
  else await page.waitForFunction(() => window.helpsiteSearch);
  // Each query's time inside the page (the engine's own work and its
  // fetches, none of the harness's), kept per engine.
  const times = [];
  const run = (q) => page.evaluate(async ([kind, q]) => {
    const t0 = performance.now();
    const urls = await (async () => {
    if (kind === "pagefind") {
      const r = await window.pf.search(q);
      const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      // A result's passage: the sub-result (a heading's part of the page)
      // where most of the query's words are, the first of equals; else the page.
      const best = (d) => (d.sub_results || []).reduce((b, s) => (!b || (s.locations || []).length > (b.locations || []).length ? s : b), null);
      return data.map((d) => (best(d) ? best(d).url : d.url));
    }
    const r = await window.helpsiteSearch(q, { limit: 10 });
    return r.hits.map((h) => h.url);
    })();
    return [urls, performance.now() - t0];
  }, [kind, q]).then(([urls, ms]) => { times.push(ms); return urls; });
  return { context, page, run, times };
}
const strip = (u) => u.split("#")[0].replace(/index\.html$/, "");
// A passage's URL: the page as `strip` gives it, and the anchor.
const passageOf = (u) => strip(u) + (u.includes("#") ? "#" + u.split("#")[1] : "");

// Cold queries: a fresh page per query, the engine's own start-up (manifest
// and stemmer; Pagefind's script, wasm and entry) done before it.
async function cold(kind, sample) {
  const rows = [];
  for (const { q } of sample) {
    const e = await engine(kind);
    // The engine's start-up (manifest and stemmer), as focusing the search box does.
    if (kind !== "pagefind") await e.page.evaluate(() => window.helpsiteSearch(""));
    log = [];
    await e.run(q);
    const search = log.filter((x) => !/manifest\.json|stemmer-|pagefind\.js|\.wasm|pagefind-entry/.test(x.p));
    rows.push({ bytes: search.reduce((n, x) => n + x.bytes, 0), requests: search.length });
    await e.context.close();
  }
  const med = (k) => { const v = rows.map((r) => r[k]).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
  const p90 = (k) => { const v = rows.map((r) => r[k]).sort((a, b) => a - b); return v[Math.floor(v.length * 0.9)]; };
  return { median_kb: +(med("bytes") / 1024).toFixed(1), p90_kb: +(p90("bytes") / 1024).toFixed(1), max_kb: +(Math.max(...rows.map((r) => r.bytes)) / 1024).toFixed(1), median_requests: med("requests"), queries: rows.length };
}

// helpsite's cold queries in node, with search.js over the built files: the
// same requests as in the browser, and sequential round trips counted exactly
// (a file asked for after another arrived starts a trip; in Chromium, six
// connections per host make queued requests look sequential).
async function coldInNode(sample) {
  const { Engine } = require(path.resolve("themes/default/static/search.js"));
  const manifest = JSON.parse(fs.readFileSync(path.join(pub, "search/manifest.json"), "utf8"));
  const stemmerFile = fs.readdirSync(pub).find((f) => /^stemmer-\w+\.js$/.test(f));
  const { stem } = require(path.resolve(pub, stemmerFile));
  // Round trips counted as batches (../batches.cjs).
  const { batched } = require(path.resolve("bench/batches.cjs"));
  const rows = [];
  for (const { q } of sample) {
    let bytes = 0, requests = 0;
    const files = batched((name) => {
      const data = fs.readFileSync(path.join(pub, "search", "chunks", name));
      bytes += data.length; requests++;
      return zlib.gunzipSync(data);
    });
    const trips = await files.run(new Engine(manifest, files.load, stem).search(q, { limit: 10 }));
    rows.push({ bytes, requests, trips });
  }
  const at = (k, f) => { const v = rows.map((r) => r[k]).sort((a, b) => a - b); return v[Math.min(v.length - 1, Math.floor(v.length * f))]; };
  const byTrips = {};
  rows.forEach((r) => { byTrips[r.trips] = (byTrips[r.trips] || 0) + 1; });
  return { median_kb: +(at("bytes", 0.5) / 1024).toFixed(1), p90_kb: +(at("bytes", 0.9) / 1024).toFixed(1), max_kb: +(at("bytes", 1) / 1024).toFixed(1), median_requests: at("requests", 0.5), queries_by_trips: byTrips, manifest_kb: +(zlib.gzipSync(fs.readFileSync(path.join(pub, "search/manifest.json"))).length / 1024).toFixed(1), queries: rows.length };
}

const result = { site: siteDir, pages: all.length, known_items: items.length, families: {}, cold: {}, parity: { queries: 0, differ: 0, examples: [] } };
const engines = { helpsite: await engine("helpsite"), pagefind: await engine("pagefind") };
// MISSES="FAMILY" prints that family's queries where one engine finds the page
// in the top 5 and the other does not, with both top 5s, and stops.
if (process.env.MISSES) {
  for (const { q, url } of queries[process.env.MISSES] || []) {
    const h = (await engines.helpsite.run(q)).map(strip), p = (await engines.pagefind.run(q)).map(strip);
    const hr = h.indexOf(url) + 1, pr = p.indexOf(url) + 1;
    const in5 = (r) => r > 0 && r <= 5;
    if (in5(hr) !== in5(pr)) console.log(JSON.stringify({ q, url, helpsite: hr, pagefind: pr, helpsite_top: h.slice(0, 5), pagefind_top: p.slice(0, 5) }));
  }
  await browser.close(); serve.kill(); server.close();
  process.exit(0);
}
let mrrAll = { helpsite: 0, pagefind: 0 }, nAll = 0;
for (const [family, list] of Object.entries(queries)) {
  const row = { queries: list.length };
  for (const [name, e] of Object.entries(engines)) {
    let rr = 0, found5 = 0, found1 = 0, zero = 0;
    for (const { q, url, passage } of list) {
      const shown = await e.run(q);
      const urls = shown.map(passage ? passageOf : strip);
      if (!urls.length) zero++;
      const rank = urls.indexOf(url) + 1;
      if (rank > 0) rr += 1 / rank;
      if (rank > 0 && rank <= 5) found5++;
      if (rank === 1) found1++;
      if (name === "helpsite") {
        result.parity.queries++;
        const rust = await api(q);
        if (JSON.stringify(rust) !== JSON.stringify(shown)) {
          result.parity.differ++;
          if (result.parity.examples.length < 5) result.parity.examples.push({ q, rust: rust.slice(0, 3), browser: shown.slice(0, 3) });
        }
      }
    }
    row[name] = { mrr10: +(rr / list.length).toFixed(3), found5: +(found5 / list.length).toFixed(3), found1: +(found1 / list.length).toFixed(3), zero: zero };
    // The control and the passage family stay out of the total, which keeps
    // its meaning (pages found) from before the passage family.
    if (family !== "typo, spelled right" && family !== PASSAGE) mrrAll[name] += rr;
  }
  if (family !== "typo, spelled right" && family !== PASSAGE) nAll += list.length;
  result.families[family] = row;
}
// Warm queries: every query of the families above in one page per engine,
// the index files fetched so far kept, as a customer's searches in one visit.
const at = (v, f) => { const x = [...v].sort((a, b) => a - b); return +x[Math.min(x.length - 1, Math.floor(x.length * f))].toFixed(1); };
result.latency_ms = Object.fromEntries(Object.entries(engines).map(([n, e]) => [n, { median: at(e.times, 0.5), p95: at(e.times, 0.95), queries: e.times.length }]));
result.mrr10_all = { helpsite: +(mrrAll.helpsite / nAll).toFixed(3), pagefind: +(mrrAll.pagefind / nAll).toFixed(3) };
for (const e of Object.values(engines)) await e.context.close();
// Cold queries: 20 of each family but the control.
const sample = Object.entries(queries).filter(([f]) => f !== "typo, spelled right" && f !== PASSAGE).flatMap(([, l]) => l.filter((_, i) => i % Math.max(1, Math.floor(l.length / 20)) === 0).slice(0, 20));
result.cold.helpsite = await coldInNode(sample);
result.cold.helpsite_browser = await cold("helpsite", sample);
result.cold.pagefind = await cold("pagefind", sample);
console.log(JSON.stringify(result, null, 2));
serve.kill();
await browser.close();
server.close();
