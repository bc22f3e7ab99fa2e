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
// Each entry: [term, slot deltas, impacts, documents, pages]; pages (twice
// the shards back to the page's first, plus 1 for a long page) are 0 if left out.
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
  for (const [, deltas, , , pages] of entries) deltas.forEach((_, k) => varint(pages ? pages[k] : 0));
  return Uint8Array.from(out);
}

// A vocabulary as export.rs::vocab_file writes it: front-coded terms, then
// their counts; written forms; then a count, `inline`, and the postings of
// the terms in at most that many documents, [slot deltas, impacts] in
// `postings` by term.
function vocabFile(entries, forms = [], inline = 0, postings = {}) {
  const out = [];
  const varint = (v) => { while (v >= 128) { out.push((v % 128) | 128); v = Math.floor(v / 128); } out.push(v); };
  const frontCoded = (strings) => {
    let prev = Buffer.alloc(0);
    for (const s of strings) {
      const bytes = Buffer.from(s, "utf8");
      let shared = 0;
      while (shared < bytes.length && shared < prev.length && bytes[shared] === prev[shared]) shared++;
      varint(shared);
      varint(bytes.length - shared);
      out.push(...bytes.subarray(shared));
      prev = bytes;
    }
  };
  varint(entries.length);
  frontCoded(entries.map((e) => e[0]));
  for (const [, docs] of entries) varint(docs);
  // Written forms and the position of each one's stem (export.rs::vocab_file).
  varint(forms.length);
  frontCoded(forms.map((f) => f[0]));
  for (const [, stem] of forms) varint(entries.findIndex((e) => e[0] === stem));
  varint(inline);
  const rare = entries.filter((e) => e[1] <= inline).map((e) => postings[e[0]]);
  for (const [deltas] of rare) deltas.forEach(varint);
  for (const [, impacts] of rare) {
    let prev = 0;
    for (const x of impacts) { const d = x - prev; prev = x; varint(d < 0 ? -2 * d - 1 : 2 * d); }
  }
  for (const [deltas] of rare) deltas.forEach(() => varint(0));
  return Uint8Array.from(out);
}

// Runs a search whose files arrive a batch at a time, as a browser's round
// trips would: every file waits until the ones asked for before it have all
// arrived. Returns the result and the files of each trip.
async function searchInTrips(manifest, files, query, limit = 10) {
  const trips = [[]];
  let waiting = [];
  const load = (name) => {
    trips[trips.length - 1].push(name);
    return new Promise((resolve, reject) => waiting.push(() => (name in files ? resolve(files[name]) : reject(new Error(`no ${name}`)))));
  };
  const engine = new Engine(manifest, load, (w) => w);
  const done = engine.search(query, { limit });
  let finished = false;
  done.then(() => { finished = true; }, () => { finished = true; });
  while (!finished) {
    await new Promise((r) => setTimeout(r, 5));
    if (!waiting.length) continue;
    const batch = waiting;
    waiting = [];
    trips.push([]);
    batch.forEach((f) => f());
  }
  return { res: await done, trips: trips.filter((t) => t.length).map((t) => t.sort()) };
}

// One term in slots 0 and 8 (two articles, two shards); shard 1 is empty.
const manifest = { version: "v", chunks: [], shard: 8, sections: [["help", "Help"]], tags: [], stop: [], vocab: {} };
const json = (v) => new TextEncoder().encode(JSON.stringify(v));
const files = {
  "t-v-0.bin": termChunk([["refund", [0, 8], [90, 60], 2], ["réglé", [3], [300], 1]]),
  "d-v-0.bin": json([["/a/", "Refunds", "", "How refunds work.", 0, [], 0, 1]]),
  "d-v-1.bin": json([]),
};

test("term chunks decode as written: terms, documents, slots, impacts and pages", async () => {
  const engine = new Engine(manifest, (name) => Promise.resolve(files[name]), (w) => w);
  assert.deepStrictEqual(await engine.file("t-v-0.bin"), [["refund", [0, 8], [90, 60], 2, [0, 0]], ["réglé", [3], [300], 1, [0]]]);
  // Slot 19 is in a long page starting two shards before (2 × 2 + 1), slot
  // 26 in a page starting one shard before (2).
  const paged = new Engine(manifest, () => Promise.resolve(termChunk([["faq", [19, 7], [5, 5], 2, [5, 2]]])), (w) => w);
  const entries = await paged.file("t-v-0.bin");
  paged.postings(entries[0]);
  assert.deepStrictEqual([paged.pages[19], paged.pages[26], paged.split], [0, 16, { 0: true }]);
});

test("vocabularies decode as written: front-coded terms (in bytes, across characters) and counts", async () => {
  const list = [["café", 3], ["cafés", 1], ["caféïne", 200], ["cat", 1], ["𝒳", 2]];
  const engine = new Engine(manifest, () => Promise.resolve(vocabFile(list)), (w) => w);
  const got = await engine.file("v-v-0.bin");
  assert.deepStrictEqual([...got], list);
  assert.deepStrictEqual(got.forms, []);
  // Written forms come after the counts, each naming its stem by position.
  const stems = [["numer", 4], ["nut", 1]];
  const withForms = new Engine(manifest, () => Promise.resolve(vocabFile(stems, [["numeric", "numer"], ["numerous", "numer"]])), (w) => w);
  const read = await withForms.file("v-v-0.bin");
  assert.deepStrictEqual([...read], stems);
  assert.deepStrictEqual(read.forms, [["numeric", "numer"], ["numerous", "numer"]]);
});

test("a misspelt word one edit from a title word, but two from its stem, finds that stem", () => {
  const engine = new Engine(manifest, () => Promise.reject(new Error("no files")), (w) => w);
  const list = [["numer", 4], ["nut", 1]];
  list.forms = [["numeric", "numer"], ["numerous", "numer"]];
  // "numeirc": the stem "numeirc" is two edits from "numer", the word one from "numeric".
  assert.deepStrictEqual(engine.nearMisses({ raw: "numeirc", stem: "numeirc" }, list), [["numer", 60]]);
  // Without the forms, nothing.
  assert.deepStrictEqual(engine.nearMisses({ raw: "numeirc", stem: "numeirc" }, [...list]), []);
  // Found as a stem and as a word, a term counts once, with its better weight.
  // ("numerc" is one edit from the stem "numer" and from the word "numeric".)
  assert.deepStrictEqual(engine.nearMisses({ raw: "numerc", stem: "numerc" }, list), [["numer", 60]]);
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
    "v-v-0.bin": vocabFile([["shipping", 1], ["shop", 1]]),
    "d-v-0.bin": json([["/a/", "Refunds for shipping", "", "How refunds work.", 0, [], 0, 1]]),
    "d-v-1.bin": json([["/b/", "Refund rules", "", "Rules.", 0, [], 8, 1]]),
  };
  const { res, trips } = await searchInTrips(typoManifest, typoFiles, "refund shiping ");
  // Both words are required: only /a/ has "refund" and "shipping".
  assert.deepStrictEqual(res.hits.map((h) => h.url), ["/a/"]);
  // The chunks (the near miss's is among them); then the vocabulary with the
  // rows of the documents "refund" names. Nothing after: the rows were there.
  // (Without the warm-up the rows were a third trip.)
  assert.deepStrictEqual(trips, [
    ["t-v-0.bin", "t-v-1.bin"],
    ["d-v-0.bin", "d-v-1.bin", "v-v-0.bin"],
  ]);
});

// "refund" is in twenty articles (one a shard), "shipping" only in the
// sixteenth: the rows of the best twelve by "refund" cannot be known to hold
// the results, so none are asked for before the near miss is looked up.
test("a word with a typo: no rows are guessed when the other words allow more documents than a warm-up covers", { timeout: 5000 }, async () => {
  const many = { ...manifest, chunks: ["s"], vocab: { s: 0 } };
  const refund = Array.from({ length: 20 }, () => 8);
  refund[0] = 0;
  const manyFiles = {
    "t-v-0.bin": termChunk([["refund", refund, refund.map(() => 50), 20]]),
    "t-v-1.bin": termChunk([["shipping", [8 * 15], [70], 1]]),
    "v-v-0.bin": vocabFile([["shipping", 1]]),
  };
  for (let a = 0; a < 20; a++) manyFiles["d-v-" + a + ".bin"] = json([["/a" + a + "/", "Refund " + a, "", "Text.", 0, [], 8 * a, 1]]);
  const { res, trips } = await searchInTrips(many, manyFiles, "refund shiping ");
  assert.deepStrictEqual(res.hits.map((h) => h.url), ["/a15/"]);
  assert.deepStrictEqual(trips, [["t-v-0.bin", "t-v-1.bin"], ["v-v-0.bin"], ["d-v-15.bin"]]);
});

// "shipping" is one of the site's frequent terms (manifest.frequent), in
// chunk 1; "sihpping" would be in chunk 2. Its near miss among the frequent
// terms is asked for with the words' own chunks, so the ranking is known after
// one round trip: the rows come with the vocabulary (which confirms the near
// misses) in the second, and nothing is asked for after.
test("a misspelt frequent word: two round trips, the rows with the vocabulary", { timeout: 5000 }, async () => {
  const freqManifest = { ...manifest, chunks: ["s", "si", "sk"], vocab: { s: 0 }, frequent: ["refund", "shipping"] };
  const refund = Array.from({ length: 20 }, (_, a) => 8 * a);
  const freqFiles = {
    "t-v-0.bin": termChunk([["refund", refund.map((d, k) => (k ? 8 : 0)), refund.map(() => 50), 20]]),
    "t-v-1.bin": termChunk([["shipping", [8 * 15], [70], 1]]),
    "t-v-2.bin": termChunk([["site", [8], [40], 1]]),
    "v-v-0.bin": vocabFile([["shipping", 1], ["site", 1]]),
  };
  for (let a = 0; a < 20; a++) freqFiles["d-v-" + a + ".bin"] = json([["/a" + a + "/", "Refund " + a, "", "Text.", 0, [], 8 * a, 1]]);
  const { res, trips } = await searchInTrips(freqManifest, freqFiles, "refund sihpping ");
  assert.deepStrictEqual(res.hits.map((h) => h.url), ["/a15/"]);
  assert.deepStrictEqual(res.nearMisses, ["sihpping"]);
  assert.deepStrictEqual(trips, [["t-v-0.bin", "t-v-1.bin", "t-v-2.bin"], ["d-v-15.bin", "v-v-0.bin"]]);
  // Without the frequent terms, the same search takes four: the near miss's
  // chunk waits for the vocabulary, and the rows for the ranking.
  const plain = await searchInTrips({ ...freqManifest, frequent: undefined }, freqFiles, "refund sihpping ");
  assert.deepStrictEqual(plain.res.hits.map((h) => h.url), ["/a15/"]);
  assert.deepStrictEqual(plain.trips, [["t-v-0.bin", "t-v-2.bin"], ["v-v-0.bin"], ["t-v-1.bin"], ["d-v-15.bin"]]);
  // A frequent word alone is spelt right: its letter's vocabulary is not asked for.
  const alone = await searchInTrips(freqManifest, freqFiles, "shipping ");
  assert.deepStrictEqual(alone.trips, [["t-v-1.bin"], ["d-v-15.bin"]]);
  // A word that is not frequent may be misspelt: alone, its vocabulary comes
  // with its chunk, and the near miss's chunk too.
  const other = await searchInTrips(freqManifest, freqFiles, "sihpping ");
  assert.deepStrictEqual(other.res.hits.map((h) => h.url), ["/a15/"]);
  assert.deepStrictEqual(other.trips, [["t-v-1.bin", "t-v-2.bin", "v-v-0.bin"], ["d-v-15.bin"]]);
  // A word spelt right that looks like a misspelt frequent one costs the
  // frequent one's chunk, and finds itself, in two round trips.
  const withSlipping = {
    ...freqFiles,
    "t-v-3.bin": termChunk([["slipping", [24], [40], 1]]),
    "v-v-0.bin": vocabFile([["shipping", 1], ["site", 1], ["slipping", 1]]),
  };
  const right = await searchInTrips(freqManifest, withSlipping, "refund slipping ");
  assert.deepStrictEqual(right.res.hits.map((h) => h.url), ["/a3/"]);
  assert.deepStrictEqual(right.res.nearMisses, []);
  assert.deepStrictEqual(right.trips, [["t-v-0.bin", "t-v-1.bin", "t-v-3.bin"], ["d-v-3.bin"]]);
});

// "settings" is indexed as "set" (chunk 0); "setti", being typed, is no
// term's prefix (chunk 1 has the terms from "seti" on). Its first three
// letters are its match. Alone, the word's vocabulary comes with its chunk;
// after another word, the fallback's chunk comes with the vocabulary: either
// way finding it costs no more round trips than a typo.
test("a typed word on its way to a shorter stem matches it, in the round trip of the vocabulary", { timeout: 5000 }, async () => {
  const shortManifest = { ...manifest, chunks: ["seti"], vocab: { s: 0 } };
  const shortFiles = {
    "t-v-0.bin": termChunk([["set", [0], [80], 1]]),
    "t-v-1.bin": termChunk([["ship", [8], [80], 1]]),
    "v-v-0.bin": vocabFile([["set", 1], ["ship", 1]]),
    "d-v-0.bin": json([["/settings/", "Settings", "", "Where settings are.", 0, [], 0, 1]]),
    "d-v-1.bin": json([["/ship/", "Shipping", "", "Ship.", 0, [], 8, 1]]),
  };
  const { res, trips } = await searchInTrips(shortManifest, shortFiles, "setti");
  assert.deepStrictEqual(res.hits.map((h) => h.url), ["/settings/"]);
  assert.deepStrictEqual(trips, [["t-v-1.bin", "v-v-0.bin"], ["t-v-0.bin"], ["d-v-0.bin"]]);
  const after = await searchInTrips(shortManifest, shortFiles, "ship setti");
  assert.deepStrictEqual(after.res.hits.map((h) => h.url).sort(), ["/settings/", "/ship/"]);
  assert.deepStrictEqual(after.trips.slice(0, 2), [["t-v-1.bin"], ["d-v-1.bin", "t-v-0.bin", "v-v-0.bin"]]);
  assert.ok(after.trips.length <= 3, JSON.stringify(after.trips));
  // "sharing" is indexed as "share": "sharin" finds it by its prefix with an
  // "e", which comes before the first three letters.
  const shareFiles = {
    ...shortFiles,
    "t-v-1.bin": termChunk([["share", [8], [80], 1]]),
    "v-v-0.bin": vocabFile([["set", 1], ["share", 1]]),
    "d-v-1.bin": json([["/share/", "Sharing", "", "Share.", 0, [], 8, 1]]),
  };
  const shared = await searchInTrips(shortManifest, shareFiles, "sharin");
  assert.deepStrictEqual(shared.res.hits.map((h) => h.url), ["/share/"]);
  // Once typed in full, "settings" is its stem's own match: no fallback.
  const done = await searchInTrips(shortManifest, shortFiles, "set ");
  assert.deepStrictEqual(done.res.hits.map((h) => h.url), ["/settings/"]);
});

test("a query of stop words keeps the last one being typed, 2+ letters, as a prefix only", () => {
  const engine = new Engine({ ...manifest, stop: ["can", "i", "how", "you", "do"] }, () => Promise.reject(new Error("no files")), (w) => w);
  const words = (q) => engine.analyze(q).words;
  assert.deepStrictEqual(words("Can"), [{ raw: "can", stem: "" }]);
  assert.deepStrictEqual(words("how can"), [{ raw: "can", stem: "" }]);
  // Finished, too short, or after other words: a stop word, dropped.
  assert.deepStrictEqual(words("can "), []);
  assert.deepStrictEqual(words("how do"), [{ raw: "do", stem: "" }]);
  assert.deepStrictEqual(words("how do i"), []);
  assert.deepStrictEqual(words("can?"), []);
  assert.deepStrictEqual(words("reach you"), [{ raw: "reach", stem: "reach" }]);
});

// One word, misspelt: its letter's vocabulary comes with its chunk, so the
// near miss's chunk is the second trip and the rows the third (not four).
test("a one-word query asks for its letter's vocabulary with its chunk", { timeout: 5000 }, async () => {
  const oneManifest = { ...manifest, chunks: ["s"], vocab: { s: 0 } };
  const oneFiles = {
    "t-v-0.bin": termChunk([["refund", [0], [90], 1]]),
    "t-v-1.bin": termChunk([["shipping", [8], [50], 1]]),
    "v-v-0.bin": vocabFile([["shipping", 1]]),
    "d-v-1.bin": json([["/ship/", "Shipping", "", "Ship.", 0, [], 8, 1]]),
  };
  const { res, trips } = await searchInTrips(oneManifest, oneFiles, "shiping ");
  assert.deepStrictEqual(res.hits.map((h) => h.url), ["/ship/"]);
  assert.deepStrictEqual(trips, [["t-v-1.bin", "v-v-0.bin"], ["d-v-1.bin"]]);
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

// An article of twelve sections takes slots 0–11, so shards 0 and 1; each of
// their files holds the whole article (export.rs::rows_of_shard), and the
// postings say which page each slot is on. Its section 9 (shard 1) is the
// best match, and its section 2 (shard 0) the weakest, below three
// one-section articles (slots 16, 24, 32): with one result asked for, the
// leading section's file is fetched alone, and section 2 still shows as the
// result's sub-result.
test("a result's sections in another shard of its article come in the same round trip", { timeout: 5000 }, async () => {
  const rows = Array.from({ length: 12 }, (_, k) => ["/long/#s" + k, "Long", "Part " + k, "Text " + k + ".", 0, [], 0, 12]);
  const other = (slot) => json([["/o" + slot + "/", "Other", "", "Text.", 0, [], slot, 1]]);
  // Slot deltas and impacts: 2 (10), 9 (90), 16 (60), 24 (50), 32 (40).
  const longFiles = {
    "t-v-0.bin": termChunk([["refund", [2, 7, 7, 8, 8], [10, 90, 60, 50, 40], 5, [0, 2, 0, 0, 0]]]),
    "d-v-0.bin": json(rows), "d-v-1.bin": json(rows), "d-v-2.bin": other(16), "d-v-3.bin": other(24), "d-v-4.bin": other(32),
  };
  const { res, trips } = await searchInTrips(manifest, longFiles, "refund ", 1);
  assert.deepStrictEqual(res.hits.map((h) => [h.url, h.heading, h.sections.map((x) => x.heading)]), [["/long/#s9", "Part 9", ["Part 2"]]]);
  // The leading section's file holds the whole page: one file, one trip.
  assert.deepStrictEqual(trips, [["t-v-0.bin"], ["d-v-1.bin"]]);
});

// An article longer than four shards has only its own rows in each file:
// rows are placed by the shard's slots, not the article's first.
test("a long article's shard holds its own rows, placed by the shard's slots", { timeout: 5000 }, async () => {
  const rows = Array.from({ length: 40 }, (_, k) => ["/faq/#q" + k, "FAQ", "Question " + k, "Answer " + k + ".", 0, [], 0, 40]);
  const faqFiles = { "t-v-0.bin": termChunk([["refund", [19], [90], 1, [5]]]) };
  for (let s = 0; s < 5; s++) faqFiles["d-v-" + s + ".bin"] = json(rows.slice(8 * s, 8 * s + 8));
  const { res, trips } = await searchInTrips(manifest, faqFiles, "refund ");
  assert.deepStrictEqual(res.hits.map((h) => [h.url, h.heading]), [["/faq/#q19", "Question 19"]]);
  assert.deepStrictEqual(trips, [["t-v-0.bin"], ["d-v-2.bin"]]);
});

// "sihpping" (chunk 2) is one edit from "shipping" (chunk 1), a word in one
// document: its postings come with the vocabulary, so the rows are the second
// round trip, not the third.
test("a misspelt rare word: its near miss's postings come with the vocabulary", { timeout: 5000 }, async () => {
  const rareManifest = { ...manifest, chunks: ["s", "si"], vocab: { s: 0 } };
  const rareFiles = {
    "t-v-1.bin": termChunk([["shipping", [8 * 15], [70], 1], ["shop", [8], [40], 20]]),
    "t-v-2.bin": termChunk([["site", [8], [40], 1]]),
    "v-v-0.bin": vocabFile([["shipping", 1], ["shop", 20], ["site", 1]], [], 3, { shipping: [[8 * 15], [70]], site: [[8], [40]] }),
    "d-v-15.bin": json([["/a15/", "Shipping", "", "Text.", 0, [], 8 * 15, 1]]),
  };
  const { res, trips } = await searchInTrips(rareManifest, rareFiles, "sihpping ");
  assert.deepStrictEqual(res.hits.map((h) => h.url), ["/a15/"]);
  assert.deepStrictEqual(res.nearMisses, ["sihpping"]);
  assert.deepStrictEqual(trips, [["t-v-2.bin", "v-v-0.bin"], ["d-v-15.bin"]]);
  // The vocabulary decodes as written, its rare terms as chunk entries.
  const engine = new Engine(rareManifest, (name) => Promise.resolve(rareFiles[name]), (w) => w);
  const list = await engine.file("v-v-0.bin");
  assert.deepStrictEqual(list.inline, [["shipping", [120], [70], 1, [0]], ["site", [8], [40], 1, [0]]]);
  // Without them, the near miss's chunk is a round trip of its own.
  const plain = await searchInTrips(rareManifest, { ...rareFiles, "v-v-0.bin": vocabFile([["shipping", 1], ["shop", 20], ["site", 1]]) }, "sihpping ");
  assert.deepStrictEqual(plain.trips, [["t-v-2.bin", "v-v-0.bin"], ["t-v-1.bin"], ["d-v-15.bin"]]);
});

// "tseted" is one edit from "tested", a written form of the frequent term
// "test" (chunk 1), and two from "test" itself. Written forms are in the
// vocabulary only, so the guess is "test" with the typed word's ending: its
// chunk comes with the word's own, and the rows are the second trip.
test("a misspelt written form of a frequent term: its chunk comes in the first trip", { timeout: 5000 }, async () => {
  const formManifest = { ...manifest, chunks: ["t", "tf"], vocab: { t: 0 }, frequent: ["test"] };
  const formFiles = {
    "t-v-1.bin": termChunk([["test", [24], [70], 1]]),
    "t-v-2.bin": termChunk([["tool", [8], [40], 1]]),
    "v-v-0.bin": vocabFile([["test", 1], ["tool", 1]], [["tested", "test"]]),
    "d-v-3.bin": json([["/tested/", "Tested versions", "", "Text.", 0, [], 24, 1]]),
  };
  const { res, trips } = await searchInTrips(formManifest, formFiles, "tseted ");
  assert.deepStrictEqual(res.hits.map((h) => h.url), ["/tested/"]);
  assert.deepStrictEqual(trips, [["t-v-1.bin", "t-v-2.bin", "v-v-0.bin"], ["d-v-3.bin"]]);
});

// With the word's vocabulary in hand after the first trip, the stem a typed
// word is on its way to is looked up there: "contribb" has none, so no
// chunk is asked for, and "setti" finds "set", whose chunk alone follows.
test("a typed word's shorter stem is looked up in its vocabulary when it is in hand", { timeout: 5000 }, async () => {
  const shortManifest = { ...manifest, chunks: ["seti"], vocab: { s: 0 } };
  const shortFiles = {
    "t-v-0.bin": termChunk([["set", [0], [80], 1], ["sete", [8], [10], 1]]),
    "t-v-1.bin": termChunk([["ship", [8], [80], 1]]),
    "v-v-0.bin": vocabFile([["set", 1], ["sete", 1], ["ship", 1]]),
    "d-v-0.bin": json([["/settings/", "Settings", "", "Where settings are.", 0, [], 0, 1]]),
    "d-v-1.bin": json([["/ship/", "Shipping", "", "Ship.", 0, [], 8, 1]]),
  };
  const none = await searchInTrips(shortManifest, shortFiles, "shipz");
  assert.deepStrictEqual(none.res.hits.map((h) => h.url), ["/ship/"]);
  assert.deepStrictEqual(none.trips, [["t-v-1.bin", "v-v-0.bin"], ["d-v-1.bin"]]);
  // "settix" is on its way to "sete" (its longest prefix with an "e").
  const found = await searchInTrips(shortManifest, shortFiles, "settix");
  assert.deepStrictEqual(found.res.hits.map((h) => h.url), ["/ship/"]);
  assert.deepStrictEqual(found.trips, [["t-v-1.bin", "v-v-0.bin"], ["t-v-0.bin"], ["d-v-1.bin"]]);
});
