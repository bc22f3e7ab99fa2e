// The browser script's business-time arithmetic must reproduce the vectors the
// Rust side generated, exactly. Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const fs = require("node:fs");

const api = require(path.join(__dirname, "../../themes/default/static/support.js"));
const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "../vectors/business-time.json"), "utf8"));

const seconds = (ms) => (ms === null ? null : Math.floor(ms / 1000));

for (const c of vectors.cases) {
  test(c.name, () => {
    const s = new api.Schedule(c.data);
    assert.ok(c.moments.length > 50, "enough moments");
    for (const m of c.moments) {
      const t = m.at * 1000;
      const where = `${c.name} at ${m.iso}`;
      assert.strictEqual(s.isOpen(t), m.open, `open: ${where}`);
      assert.strictEqual(seconds(s.closesAt(t)), m.closes_at, `closes_at: ${where}`);
      assert.strictEqual(seconds(s.nextOpen(t)), m.next_open, `next_open: ${where}`);
      vectors.targets.forEach((target, i) => {
        assert.strictEqual(
          seconds(s.deadline(t, target.amount, target.unit)),
          m.deadlines[i],
          `${target.amount} ${target.unit}: ${where}`
        );
      });
    }
  });
}

test("the vectors cover DST gaps, folds, holidays and a year end", () => {
  const names = vectors.cases.map((c) => c.data.tz.name || "fixed");
  for (const zone of ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "fixed"]) {
    assert.ok(names.includes(zone), zone);
  }
  const total = vectors.cases.reduce((n, c) => n + c.moments.length, 0);
  assert.ok(total >= 300, `only ${total} moments`);
});
