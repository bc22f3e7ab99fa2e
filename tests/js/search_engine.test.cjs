// search.js against small hand-made indexes: the chunk format; a damaged
// index (a shard that lacks a row the term chunks point to), where the engine
// must answer without that document rather than ask for the same file
// forever; and the round trips of a word with a typo. Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");

const { Engine } = require(path.join(__dirname, "../../themes/default/static/search.js"));

// A term chunk as export.rs::term_chunk writes it (varints, in columns).
function termChunk(entries) {
  const out = [];
  const varint = (v) => { while (v >= 128) { out.push((v % 128) | 128); v = Math.floor(v / 128); } out.push(v); };
  varint(entries.length);
  for (const [term, , , docs] of entries) {
    const bytes = Buffer.from(term, "utf8");
    varint(bytes.length);
    out.push(...bytes);
    varint(docs);
    varint(entries.find((e) => e[0] === term)[1].length);
  }
  for (const [, deltas] of entries) deltas.forEach(varint);
  for (const [, , impacts] of entries) {
    let prev = 0;
    for (const x of impacts) { const d = x - prev; prev = x; varint(d < 0 ? -2 * d - 1 : 2 * d); }
  }
  return Uint8Array.from(out);
}

// One term in slots 0 and 8 (two articles, two shards); shard 1 is empty.
const manifest = { version: "v", chunks: [], shard: 8, sections: [["help", "Help"]], tags: [], stop: [], vocab: {} };
const json = (v) => new TextEncoder().encode(JSON.stringify(v));
const files = {
  "t-v-0.bin": termChunk([["refund", [0, 8], [90, 60], 2], ["réglé", [3], [300], 1]]),
  "d-v-0.bin": json([["/a/", "Refunds", "", "How refunds work.", 0, [], 0, 1]]),
  "d-v-1.bin": json([]),
};

test("term chunks decode as written: terms, documents, slots and impacts", async () => {
  const engine = new Engine(manifest, (name) => Promise.resolve(files[name]), (w) => w);
  assert.deepStrictEqual(await engine.file("t-v-0.bin"), [["refund", [0, 8], [90, 60], 2], ["réglé", [3], [300], 1]]);
});

test("a row missing from its shard is passed over, not fetched again and again", { timeout: 5000 }, async () => {
  const asked = [];
  const load = (name) => {
    asked.push(name);
    if (!(name in files)) return Promise.reject(new Error(`no ${name}`));
    return Promise.resolve(files[name]);
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

test("a filter over a document with no row leaves it out instead of failing", { timeout: 5000 }, async () => {
  const engine = new Engine(manifest, (name) => Promise.resolve(files[name]), (w) => w);
  const res = await engine.search("refund ", { limit: 10, section: "help" });
  assert.deepStrictEqual(res.hits.map((h) => h.url), ["/a/"]);
});

// Two words, one misspelled: "refund" is indexed (chunk 0), "shiping" is not
// (chunk 1 lacks it); the vocabulary of "s" has "shipping" (chunk 1).
test("a word with a typo: the other words' rows are asked for with the vocabulary, not after", { timeout: 5000 }, async () => {
  const typoManifest = { ...manifest, chunks: ["s"], vocab: { s: 0 } };
  const typoFiles = {
    "t-v-0.bin": termChunk([["refund", [0, 8], [90, 60], 2]]),
    "t-v-1.bin": termChunk([["shipping", [0], [50], 1], ["shop", [8], [40], 1]]),
    "v-v-0.bin": json([["shipping", 1], ["shop", 1]]),
    "d-v-0.bin": json([["/a/", "Refunds for shipping", "", "How refunds work.", 0, [], 0, 1]]),
    "d-v-1.bin": json([["/b/", "Refund rules", "", "Rules.", 0, [], 8, 1]]),
  };
  // Every file waits until the test lets the current batch arrive, so the
  // order of asking is what a browser would see in round trips.
  const trips = [[]];
  let waiting = [];
  const load = (name) => {
    trips[trips.length - 1].push(name);
    return new Promise((resolve) => waiting.push(() => resolve(typoFiles[name])));
  };
  const engine = new Engine(typoManifest, load, (w) => w);
  const done = engine.search("refund shiping ", { limit: 10 });
  let finished = false;
  done.then(() => { finished = true; });
  while (!finished) {
    await new Promise((r) => setTimeout(r, 5));
    if (!waiting.length) continue;
    const batch = waiting;
    waiting = [];
    trips.push([]);
    batch.forEach((f) => f());
  }
  const res = await done;
  // Both words are required: only /a/ has "refund" and "shipping".
  assert.deepStrictEqual(res.hits.map((h) => h.url), ["/a/"]);
  // The chunks (the near miss's is among them); then the vocabulary with the
  // rows of the documents "refund" names. Nothing after: the rows were there.
  // (Without the warm-up the rows were a third trip.)
  const asked = trips.filter((t) => t.length).map((t) => t.sort());
  assert.deepStrictEqual(asked, [
    ["t-v-0.bin", "t-v-1.bin"],
    ["d-v-0.bin", "d-v-1.bin", "v-v-0.bin"],
  ]);
});

test("a file that failed to load is asked for again by the next search", { timeout: 5000 }, async () => {
  let fail = true;
  const load = (name) => {
    if (fail && name.startsWith("d-")) return Promise.reject(new Error("offline"));
    return Promise.resolve(files[name]);
  };
  const engine = new Engine(manifest, load, (w) => w);
  await assert.rejects(engine.search("refund ", { limit: 10 }));
  fail = false;
  const res = await engine.search("refund ", { limit: 10 });
  assert.deepStrictEqual(res.hits.map((h) => h.url), ["/a/"]);
});
