// Warm queries of search.js in node, over a built site's static index: every
// query once to fetch what it needs, then every query again, timed. The
// browser's figures (bench/real/eval.mjs, in Chromium) are the ones that
// count; this one needs no browser and takes a CPU profile:
//   QUERIES=1 node bench/real/eval.mjs SITE > /tmp/queries.json
//   node [--cpu-prof] bench/search/warm_node.cjs SITE/public /tmp/queries.json
"use strict";
const fs = require("fs"), path = require("path"), zlib = require("zlib");
const [pub, queryFile] = process.argv.slice(2);
const { Engine } = require(path.resolve(__dirname, "../../themes/default/static/search.js"));
const manifest = JSON.parse(fs.readFileSync(path.join(pub, "search/manifest.json"), "utf8"));
const stemmer = fs.readdirSync(pub).find((f) => /^stemmer-\w+\.js$/.test(f));
const { stem } = require(path.resolve(pub, stemmer));
const load = (name) => Promise.resolve(zlib.gunzipSync(fs.readFileSync(path.join(pub, "search", "chunks", name))));
const queries = Object.values(JSON.parse(fs.readFileSync(queryFile, "utf8"))).flat().map((x) => x.q);
(async () => {
  const engine = new Engine(manifest, load, stem);
  for (const q of queries) await engine.search(q, { limit: 10 });
  const times = [];
  for (const q of queries) {
    const t = performance.now();
    await engine.search(q, { limit: 10 });
    times.push([performance.now() - t, q]);
  }
  times.sort((a, b) => a[0] - b[0]);
  const at = (f) => times[Math.min(times.length - 1, Math.floor(times.length * f))][0].toFixed(2);
  console.log(`${times.length} queries: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
  console.log("slowest: " + times.slice(-5).map((t) => `${t[0].toFixed(1)} ms “${t[1]}”`).join(", "));
})();
