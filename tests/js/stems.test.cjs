// The browser's stemmer (transpiled from the Snowball code tantivy uses) must give
// tantivy's stem for every word of the golden list. Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const fs = require("node:fs");

const { stem } = require(path.join(__dirname, "../../themes/default/static/stemmer-en.js"));
const golden = JSON.parse(fs.readFileSync(path.join(__dirname, "../vectors/stems.json"), "utf8"));

test("every golden word stems as in tantivy", () => {
  assert.ok(golden.pairs.length > 300, "a real list");
  const wrong = golden.pairs.filter(([word, expected]) => stem(word) !== expected);
  assert.deepStrictEqual(wrong.slice(0, 20).map(([w, e]) => `${w}: expected ${e}, got ${stem(w)}`), []);
});

test("non-ASCII words keep their bytes right", () => {
  for (const [word, expected] of golden.pairs.filter(([w]) => /[^\x00-\x7f]/.test(w))) {
    assert.strictEqual(stem(word), expected, word);
  }
});
