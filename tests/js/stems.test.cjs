// The browser's stemmers (transpiled from the Snowball code tantivy uses) must
// give tantivy's stem for every golden word, in every language. Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const fs = require("node:fs");

const golden = JSON.parse(fs.readFileSync(path.join(__dirname, "../vectors/stems.json"), "utf8"));
const stemmers = path.join(__dirname, "../../src/search/stemmers");

// A language's stemmer as the build ships it (analyze::browser_stemmer joins
// the same parts in the same order).
function stemmerFor(code) {
  const text = ["start.js", "snowball.js", code + ".js", "end.js"]
    .map((f) => fs.readFileSync(path.join(stemmers, f), "utf8"))
    .join("");
  const module = { exports: {} };
  new Function("module", text)(module);
  return module.exports.stem;
}

test("a stemmer for every language, and a real list for each", () => {
  const codes = Object.keys(golden.languages);
  assert.ok(codes.length >= 18, codes.join(" "));
  for (const code of codes) {
    assert.ok(fs.existsSync(path.join(stemmers, code + ".js")), code);
    assert.ok(golden.languages[code].pairs.length > 300, code);
  }
});

for (const [code, { pairs }] of Object.entries(golden.languages)) {
  test(`${code}: every golden word stems as in tantivy`, () => {
    const stem = stemmerFor(code);
    const wrong = pairs.filter(([word, expected]) => stem(word) !== expected);
    assert.deepStrictEqual(wrong.slice(0, 10).map(([w, e]) => `${w}: expected ${e}, got ${stem(w)}`), [], `${wrong.length} of ${pairs.length} wrong`);
  });
}

test("non-ASCII words keep their bytes right", () => {
  const stem = stemmerFor("en");
  for (const [word, expected] of golden.languages.en.pairs.filter(([w]) => /[^\x00-\x7f]/.test(w))) {
    assert.strictEqual(stem(word), expected, word);
  }
});
