// Bytes a cold query fetches from search/, per known-item query family (the
// manifest, fetched once before the first query, is reported apart). Runs
// search.js in node over the built files; no browser needed.
//   node bench/search/query_bytes.cjs SITE_DIR   (built to SITE_DIR/public)
//   SEARCH_LANG=ru node bench/search/query_bytes.cjs SITE_DIR   (one of its
//   languages: its export below public/ru/, queries from its faq.ru.md files)
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const site = process.argv[2];
const lang = process.env.SEARCH_LANG || "";
const publicDir = path.join(site, "public");
const out = path.join(publicDir, lang);
const manifest = JSON.parse(fs.readFileSync(path.join(out, "search/manifest.json"), "utf8"));
const root = path.join(__dirname, "../..");
const { Engine } = require(path.join(root, "themes/default/static/search.js"));
const { batched } = require(path.join(root, "bench/batches.cjs"));
// The stemmer the built site ships (stemmer-CODE.js next to its pages).
const stemmerFile = fs.readdirSync(publicDir).find((f) => (lang ? f === `stemmer-${lang}.js` : /^stemmer-\w+\.js$/.test(f)));
const { stem } = require(path.join(publicDir, stemmerFile));
let bytes = 0;
// Bytes by kind of file (the letter before the first "-": t chunk,
// d documents, v vocabulary), summed over a family's queries.
let byKind = {};
// Files are read (counted as a host sends them) when asked for, and
// released a batch at a time (../batches.cjs).
const trips = batched((name) => {
  const data = fs.readFileSync(path.join(out, "search", "chunks", name));
  bytes += data.length;
  const kind = name.split("-")[0];
  byKind[kind] = (byKind[kind] || 0) + data.length;
  return zlib.gunzipSync(data);
});

// The same 200 articles and query families as compare.mjs.
const files = [];
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
  const f = path.join(d, e.name);
  if (e.isDirectory()) walk(f);
  // A language's own files (faq.ru.md), or the default language's (faq.md).
  else if (lang ? e.name.endsWith(`.${lang}.md`) : e.name.endsWith(".md") && !/\.[a-z]{2}\.md$/.test(e.name)) {
    if (!e.name.startsWith("_index.")) files.push(f);
  }
});
walk(path.join(site, "content"));
files.sort();
const items = files.filter((_, i) => i % Math.max(1, Math.floor(files.length / 200)) === 0).slice(0, 200).map((f) => {
  const text = fs.readFileSync(f, "utf8");
  return { title: /title: "([^"]+)"/.exec(text)[1], body: text.split("---")[2].split(/\s+/).filter((w) => /^[a-z]{6,}$/.test(w)) };
});
const words = (t) => t.split(/\s+/).filter((w) => /^[A-Za-z]{5,}$/.test(w));
const families = {
  "exact title": (a) => a.title,
  "partial title": (a) => a.title.split(" ").slice(0, 2).join(" ") + " " + a.title.split(" ").slice(-1),
  "body words": (a) => a.body.slice(0, 3).join(" "),
  "one typo": (a) => { const w = words(a.title)[0] || a.title; const c = [...w]; [c[1], c[2]] = [c[2], c[1]]; return a.title.replace(w, c.join("")); },
  "4-letter prefix": (a) => { const p = a.title.split(" "); return p.slice(0, -1).join(" ") + " " + (words(a.title).slice(-1)[0] || p[0]).slice(0, 4); },
};

(async () => {
  const gz = zlib.gzipSync(fs.readFileSync(path.join(out, "search/manifest.json"))).length;
  console.log(`manifest: ${(gz / 1000).toFixed(1)} KB gzipped, fetched once before the first query`);
  for (const [name, make] of Object.entries(families)) {
    byKind = {};
    const sizes = [], byTrips = {};
    for (const a of items) {
      const engine = new Engine(manifest, trips.load, stem);
      bytes = 0;
      const n = await trips.run(engine.search(make(a), { limit: 10 }));
      byTrips[n] = (byTrips[n] || 0) + 1;
      sizes.push(bytes);
    }
    const kinds = Object.entries(byKind).sort().map(([k, b]) => `${k} ${(b / items.length / 1000).toFixed(1)}`).join(", ");
    sizes.sort((x, y) => x - y);
    const at = (q) => Math.round(sizes[Math.min(sizes.length - 1, Math.floor(sizes.length * q))] / 1000);
    const rounds = Object.entries(byTrips).map(([n, c]) => `${n}: ${c}`).join(", ");
    console.log(`${name}: median ${at(0.5)} KB, p90 ${at(0.9)} KB, max ${at(1)} KB\n  mean KB per query by file kind: ${kinds}\n  queries by sequential round trips: ${rounds}`);
  }
})();
