// Runs the browser's search engine (themes/default/static/search.js) over a built
// site's static index and compares its top results with `helpsite search`'s.
// Usage: node tests/js/search_parity.cjs OUTPUT_DIR EXPECTED.json
// EXPECTED: [{"q": "...", "urls": ["/a/#x", ...], "stems": [...] (optional: the
// query's words as analyzed), "words": {"near": [...], "missing": [...],
// "partial": bool} (optional: the words matched only by near misses, and by
// nothing; whether no document has them all), "marked": [...] (optional: the
// words marked in the first result's excerpt), "excerpt": "..." (optional: the
// first result's excerpt as plain text)}]. Exit 1 on any difference.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const [outDir, expectedFile] = process.argv.slice(2);
const html = fs.readFileSync(path.join(outDir, "index.html"), "utf8");
if (!/id="helpsite-search"[^>]*data-manifest="[^"]*search\/manifest\.json"/.test(html)) {
  console.error("index.html does not point to search/manifest.json");
  process.exit(1);
}
const manifest = JSON.parse(fs.readFileSync(path.join(outDir, "search", "manifest.json"), "utf8"));
const { Engine } = require(path.join(__dirname, "../../themes/default/static/search.js"));
// The stemmer the built pages load (the one for the site's language).
const stemmerUrl = /data-stemmer="([^"?]+)/.exec(html);
if (!stemmerUrl) {
  console.error("index.html does not point to a stemmer");
  process.exit(1);
}
// Another language's pages are below its prefix (ru/); the stemmers at the root.
const stemmerFile = [outDir, path.dirname(outDir)]
  .map((d) => path.resolve(d, path.basename(stemmerUrl[1])))
  .find((f) => fs.existsSync(f));
const { stem } = require(stemmerFile || path.resolve(outDir, path.basename(stemmerUrl[1])));
const bytesFetched = { n: 0, files: 0 };
const load = (name) => {
  const data = fs.readFileSync(path.join(outDir, "search", "chunks", name));
  bytesFetched.n += data.length;
  bytesFetched.files += 1;
  return Promise.resolve(zlib.gunzipSync(data));
};

// The texts marked in the first result's excerpt.
const marked = (hits) => (hits.length ? hits[0].excerpt.filter((p) => p.mark).map((p) => p.text) : []);
// Each result's link, then its sections' links; the answer marked (common::landing).
const landing = (hits) => hits.map((h) => `${h.answer ? "answer: " : ""}${h.link} > ${h.sections.map((s) => s.link).join(" ")}`);
// The first result's excerpt as plain text.
const excerptText = (hits) => (hits.length ? hits[0].excerpt.map((p) => p.text).join("") : "");

(async () => {
  // Every term is found in the chunk that holds it, by the manifest's chunk starts alone.
  const finder = new Engine(manifest, load, stem);
  for (let k = 0; k <= manifest.chunks.length; k++) {
    const name = `t-${manifest.version}-${k}.bin`;
    for (const e of await finder.file(name)) {
      const found = finder.chunksFor(e[0], e[0]);
      if (found.length !== 1 || found[0] !== name) {
        console.error(`term ${JSON.stringify(e[0])} is in ${name}, but the manifest points to ${found}`);
        process.exit(1);
      }
    }
  }
  const expected = JSON.parse(fs.readFileSync(expectedFile, "utf8"));
  let failures = 0, pruned = 0, mixed = 0;
  for (const e of expected) {
    const engine = new Engine(manifest, load, stem); // cold: nothing cached
    const rank = engine.rank;
    engine.rank = function (q, cands, opts) {
      // Which words' candidates include a pruned list, and whether others still require.
      const partial = cands.map((l) => l.some((c) => !this.complete(c[0])));
      if (partial.some(Boolean)) {
        pruned++;
        if (cands.some((l, i) => l.length && !partial[i])) mixed++;
      }
      return rank.call(this, q, cands, opts);
    };
    const res = await engine.search(e.q, { limit: e.limit || 10, section: e.section, tag: e.tag });
    // Each article's URL, then its sections' (as tests/it/search.rs writes them).
    const urls = res.hits.map((h) => `${h.url} > ${h.sections.map((s) => s.url).join(" ")}`);
    if (JSON.stringify(urls) !== JSON.stringify(e.urls)) {
      failures++;
      if (failures <= 10) console.error(`MISMATCH for ${JSON.stringify(e.q)}\n  rust: ${JSON.stringify(e.urls)}\n  js:   ${JSON.stringify(urls)}`);
    } else if (e.words && (JSON.stringify(res.nearMisses || []) !== JSON.stringify(e.words.near) ||
                           JSON.stringify(res.missing || []) !== JSON.stringify(e.words.missing) ||
                           !!res.partial !== e.words.partial)) {
      // The words matched only by near misses, and those matching nothing, when given.
      failures++;
      if (failures <= 10) console.error(`WORD MATCHES DIFFER for ${JSON.stringify(e.q)}\n  rust: ${JSON.stringify(e.words)}\n  js:   ${JSON.stringify({ near: res.nearMisses, missing: res.missing, partial: res.partial })}`);
    } else if (e.landing && JSON.stringify(landing(res.hits)) !== JSON.stringify(e.landing)) {
      // Each result's link to its passage, and which is the answer, when given.
      failures++;
      if (failures <= 10) console.error(`PASSAGES DIFFER for ${JSON.stringify(e.q)}\n  rust: ${JSON.stringify(e.landing)}\n  js:   ${JSON.stringify(landing(res.hits))}`);
    } else if (e.excerpt !== undefined && excerptText(res.hits) !== e.excerpt) {
      // The first result's excerpt, as text: both cut the same window.
      failures++;
      if (failures <= 10) console.error(`EXCERPTS DIFFER for ${JSON.stringify(e.q)}\n  rust: ${JSON.stringify(e.excerpt)}\n  js:   ${JSON.stringify(excerptText(res.hits))}`);
    } else if (e.marked && JSON.stringify(marked(res.hits)) !== JSON.stringify(e.marked)) {
      failures++;
      if (failures <= 10) console.error(`MARKS DIFFER for ${JSON.stringify(e.q)}\n  rust: ${JSON.stringify(e.marked)}\n  js:   ${JSON.stringify(marked(res.hits))}`);
    } else if (e.stems && JSON.stringify(res.words.map((w) => w.stem)) !== JSON.stringify(e.stems)) {
      // The query's words as analyzed (stop words gone, stemmed), when given.
      failures++;
      if (failures <= 10) console.error(`WORDS DIFFER for ${JSON.stringify(e.q)}\n  rust: ${JSON.stringify(e.stems)}\n  js:   ${JSON.stringify(res.words.map((w) => w.stem))}`);
    }
  }
  console.log(`${expected.length - failures} passed, ${failures} failed`);
  // Queries with pruned lists, and how many also had words that require.
  console.log(`pruned lists in ${pruned} queries, with required words in ${mixed}`);
  process.exit(failures ? 1 : 0);
})().catch((err) => { console.error(err); process.exit(1); });
