// Search as you type, letter by letter: every word of a site's articles (4+
// letters, not a stop word, found when typed in full) is typed one letter at a
// time, and the prefixes of 2+ letters that find nothing are listed. Runs
// search.js in node over the built files; no browser needed.
//   node bench/search/typing_gaps.cjs SITE_DIR   (built to SITE_DIR/public)
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const site = path.resolve(process.argv[2] || ".");
const out = path.join(site, "public");
const manifest = JSON.parse(fs.readFileSync(path.join(out, "search/manifest.json"), "utf8"));
const { Engine } = require(path.join(__dirname, "../../themes/default/static/search.js"));
const stemmerFile = fs.readdirSync(out).find((f) => /^stemmer-\w+\.js$/.test(f));
const { stem } = require(path.join(out, stemmerFile));
const cache = {};
const load = (name) => Promise.resolve(cache[name] || (cache[name] = zlib.gunzipSync(fs.readFileSync(path.join(out, "search", "chunks", name)))));

const words = new Set();
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
  const f = path.join(d, e.name);
  if (e.isDirectory()) walk(f);
  else if (e.name.endsWith(".md")) (fs.readFileSync(f, "utf8").toLowerCase().match(/\p{L}{4,}/gu) || []).forEach((w) => words.add(w));
});
walk(path.join(site, "content"));

(async () => {
  const engine = new Engine(manifest, load, stem);
  const gaps = [];
  let tried = 0;
  for (const w of [...words].sort()) {
    if (engine.stop.has(w) || !(await engine.search(w + " ", { limit: 1 })).hits.length) continue;
    tried++;
    const missing = [];
    const letters = [...w];
    for (let k = 2; k < letters.length; k++) {
      const typed = letters.slice(0, k).join("");
      if (!(await engine.search(typed, { limit: 1 })).hits.length) missing.push(typed);
    }
    if (missing.length) gaps.push(`${w}: ${missing.join(" ")}`);
  }
  console.log(`${tried} words typed letter by letter; ${gaps.length} with a prefix that finds nothing`);
  gaps.forEach((g) => console.log("  " + g));
})();
