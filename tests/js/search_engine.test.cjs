// search.js against a damaged static index: a shard that lacks a row the term
// chunks point to. The engine must answer (without that document) rather than
// ask for the same file forever. Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");

const { Engine } = require(path.join(__dirname, "../../themes/default/static/search.js"));

// One term in slots 0 and 8 (two articles, two shards); shard 1 is empty.
const manifest = { version: "v", chunks: [], shard: 8, sections: [["help", "Help"]], tags: [], stop: [], vocab: {} };
const files = {
  "t-v-0.bin": [["refund", [0, 8], [90, 60], 2]],
  "d-v-0.bin": [["/a/", "Refunds", "", "How refunds work.", 0, [], 0, 1]],
  "d-v-1.bin": [],
};

test("a row missing from its shard is passed over, not fetched again and again", { timeout: 5000 }, async () => {
  const asked = [];
  const load = (name) => {
    asked.push(name);
    if (!(name in files)) return Promise.reject(new Error(`no ${name}`));
    return Promise.resolve(JSON.stringify(files[name]));
  };
  const engine = new Engine(manifest, load, (w) => w);
  // Files are cached, so a loop would spin on the cache and hang the test run
  // instead of failing it: count the lookups too.
  let lookups = 0;
  const docsFor = engine.docsFor;
  engine.docsFor = function (ids, into) {
    if (++lookups > 50) return Promise.reject(new Error("rows are looked up again and again"));
    return docsFor.call(this, ids, into);
  };
  const res = await engine.search("refund ", { limit: 10 });
  assert.deepStrictEqual(res.hits.map((h) => h.url), ["/a/"]);
  assert.ok(asked.length <= 3, `files asked for: ${asked}`);
});
